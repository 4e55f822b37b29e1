/*
 * smish - Wang et al. 2022, "Smish: A Novel Activation Function for Deep
 * Learning Methods", Electronics 11(4):540, doi:10.3390/electronics11040540.
 *   f(x)  = x tanh(log(1 + sigmoid(x)))
 * With s = sigmoid(x) and w = 1 + s, tanh(log w) = (w^2 - 1)/(w^2 + 1), so
 *   g(s)  = tanh(log(1 + s)) = s (2 + s) / (s^2 + 2 s + 2)      in (0, 3/5)
 *   f(x)  = x g(s)
 *   f'(x) = g(s) + x g'(s) s (1 - s),   g'(s) = 4 (1 + s) / (s^2 + 2 s + 2)^2
 * The paper's parametric form alpha x tanh(log(1 + sigmoid(beta x))) is best
 * at alpha = beta = 1, the form kept here. f behaves like (3/5) x for large x
 * and like x e^x -> 0- for x -> -inf. Minimum f = -0.24999366366012950 at
 * x = -1.3945193019245041; sup f' = 0.63688422288122630 at x = 2.2154214540;
 * f'(+inf) = 3/5 (no right saturation), f'(-inf) = 0 (soft).
 * Evaluation: s by the sign-split sigmoid and s (1 - s) as e^-|x|/(1 +
 * e^-|x|)^2 (exact in the tails); g(s) is a ratio of positive terms (no
 * cancellation). For x < -700, g(s) = e^x and f' = (1 + x) e^x to double
 * precision, with e^x formed as e^(x+64) e^-64 (full precision where e^x
 * alone would be subnormal). f(+inf) = +inf, f'(+inf) = 3/5; f(-inf) and
 * f'(-inf) are -0 (the limit 0, approached from below). Near the zero of f'
 * (x = -1.3945) its two terms cancel: f' there is good to about 2^-55
 * absolute rather than a few ULP relative.
 */
#include "fn.h"

#define SMISH_EM64 0x1.969d47321e4ccp-93 /* e^-64, correctly rounded */

static double smish_g(double s) { return s * (2.0 + s) / (s * (s + 2.0) + 2.0); }

static double smish_f(double x, const double *p) {
    (void)p;
    if (x < -700) {
        if (isinf(x)) return -0.0;
        return x * exp(x + 64) * SMISH_EM64;
    }
    return x * smish_g(act_sigmoid(x));
}
static double smish_df(double x, const double *p) {
    (void)p;
    if (x < -700) {
        if (isinf(x)) return -0.0;
        return (1.0 + x) * exp(x + 64) * SMISH_EM64;
    }
    if (isinf(x)) return 0.6;
    double s = act_sigmoid(x);
    double q = s * (s + 2.0) + 2.0;
    return smish_g(s) + x * (4.0 * (1.0 + s) / (q * q)) * act_dsigmoid(x);
}
ACT_KERNELS(smish_f, smish_df)

const act_desc act_desc_smish = {
    .name = "smish",
    .summary = "smish x tanh(log(1 + sigmoid(x)))",
    .formula = "x*tanh(log(1+1/(1+exp(-x))))",
    .dformula = "tanh(log(1+1/(1+exp(-x)))) + "
                "x*(1-tanh(log(1+1/(1+exp(-x))))^2)*exp(-x)/(1+exp(-x))^2/(1+1/(1+exp(-x)))",
    .origin = "Wang et al. 2022, Smish (Electronics 11(4):540)",
    .notes = "tanh(log(1+s)) evaluated as s(2+s)/(s^2+2s+2), s = sigmoid(x); for x < -700 f = "
             "x e^x and f' = (1+x) e^x, e^x as e^(x+64) e^-64; f(+inf) = +inf, f'(+inf) = 3/5, "
             "f(-inf) = f'(-inf) = -0; min f = -0.249993664 at x = -1.39451930; sup f' = "
             "0.636884223 at x = 2.21542145",
    .aliases = {{0}},
    ACT_IMPL(smish_f, smish_df),
    .plot_lo = -6,
    .plot_hi = 4,
    .declared = {.inf = -0.24999366366012950,
                 .sup = INFINITY,
                 .bounded_below = 1,
                 .bounded_above = 0,
                 .monotone = ACT_MONO_NONE,
                 .zero_centred = 1,
                 .symmetry = ACT_SYM_NONE,
                 .smoothness = ACT_SMOOTH_C2,
                 .n_kinks = 0,
                 .sup_df = 0.63688422288122630,
                 .sat_left = ACT_SAT_SOFT,
                 .sat_right = ACT_SAT_NONE,
                 .uat_article = 0,
                 .uat_leshno = 1},
};
