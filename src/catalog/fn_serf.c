/*
 * serf - log-softplus error activation (Sayan Nag, Mayukh Bhattacharyya
 * 2021, "SERF: Towards better training of deep neural networks using
 * log-Softplus ERror activation Function", arXiv:2108.09598).
 *   f(x)  = x erf(log(1 + e^x))                 = x erf(softplus(x))
 *   f'(x) = erf(sp) + x (2/sqrt(pi)) e^(-sp^2) sigmoid(x),   sp = softplus(x)
 * f behaves like x for large x and like (2/sqrt(pi)) x e^x -> 0- for
 * x -> -inf. Minimum f = -0.34843745875960642 at x = -1.1930599689281880;
 * sup f' = 1.0861254441509972 at x = 1.0960460404526292; f'(+inf) = 1 (no
 * right saturation), f'(-inf) = 0 (soft).
 * Evaluation: softplus as max(x, 0) + log1p(e^-|x|) (no overflow, exact in
 * the left tail), then libm erf. For x < -700, erf(sp) = (2/sqrt(pi)) e^x and
 * f' = (2/sqrt(pi)) (1 + x) e^x to double precision, with e^x formed as
 * e^(x+64) e^-64 (full precision where e^x alone would be subnormal).
 * f(+inf) = +inf and f'(+inf) = 1 (set explicitly: inf * e^-inf is inf * 0);
 * f(-inf) and f'(-inf) are -0 (the limit 0, approached from below). Near the
 * zero of f' (x = -1.1931) its two terms cancel: f' there is good to about
 * 2^-55 absolute rather than a few ULP relative.
 */
#include "fn.h"

#define SERF_EM64 0x1.969d47321e4ccp-93 /* e^-64, correctly rounded */

static double serf_f(double x, const double *p) {
    (void)p;
    if (x < -700) {
        if (isinf(x)) return -0.0;
        return M_2_SQRTPI * (x * exp(x + 64) * SERF_EM64);
    }
    return x * erf(act_softplus(x));
}
static double serf_df(double x, const double *p) {
    (void)p;
    if (x < -700) {
        if (isinf(x)) return -0.0;
        return M_2_SQRTPI * ((1.0 + x) * exp(x + 64) * SERF_EM64);
    }
    if (isinf(x)) return 1.0;
    double sp = act_softplus(x);
    return erf(sp) + x * (M_2_SQRTPI * exp(-sp * sp)) * act_sigmoid(x);
}
ACT_KERNELS(serf_f, serf_df)

const act_desc act_desc_serf = {
    .name = "serf",
    .summary = "log-softplus error activation x erf(log(1 + e^x))",
    .formula = "x*erf(log(1+exp(x)))",
    .dformula = "erf(log(1+exp(x))) + 2/sqrt(pi)*x*exp(-log(1+exp(x))^2)/(1+exp(-x))",
    .origin = "Nag & Bhattacharyya 2021, SERF (arXiv:2108.09598)",
    .notes = "softplus as max(x,0) + log1p(e^-|x|); for x < -700 f = (2/sqrt(pi)) x e^x and f' = "
             "(2/sqrt(pi)) (1+x) e^x, e^x as e^(x+64) e^-64; f(+inf) = +inf, f'(+inf) = 1, "
             "f(-inf) = f'(-inf) = -0; min f = -0.348437459 at x = -1.19305997; sup f' = "
             "1.08612544 at x = 1.09604604",
    .aliases = {{0}},
    ACT_IMPL(serf_f, serf_df),
    .plot_lo = -5,
    .plot_hi = 3,
    .declared = {.inf = -0.34843745875960642,
                 .sup = INFINITY,
                 .bounded_below = 1,
                 .bounded_above = 0,
                 .monotone = ACT_MONO_NONE,
                 .zero_centred = 1,
                 .symmetry = ACT_SYM_NONE,
                 .smoothness = ACT_SMOOTH_C2,
                 .n_kinks = 0,
                 .sup_df = 1.0861254441509972,
                 .sat_left = ACT_SAT_SOFT,
                 .sat_right = ACT_SAT_NONE,
                 .uat_article = 0,
                 .uat_leshno = 1},
};
