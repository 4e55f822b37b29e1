/*
 * tanhexp - tanh exponential activation (Xinyu Liu, Xiaoguang Di 2020,
 * "TanhExp: A Smooth Activation Function with High Convergence Speed for
 * Lightweight Neural Networks", IET Computer Vision; arXiv:2003.09855).
 *   f(x)  = x tanh(e^x)
 *   f'(x) = tanh(e^x) + x e^x sech^2(e^x)
 * f behaves like x for large x (tanh(e^x) = 1 in double from x = 3.6 on) and
 * like x e^x -> 0- for x -> -inf. Minimum f = -0.35328577784821127 at
 * x = -1.0788600584646241 (the root of f'); sup f' = 1.0619753087179160 at
 * x = 0.6965639603951724 (f' overshoots 1 before settling); f'(-inf) = 0
 * (soft saturation on the left), f'(+inf) = 1.
 * Evaluation, E = e^x:
 *   - x > 20: f' = 1 exactly (cutoff: tanh(E) rounds to 1 and x E sech^2(E)
 *     < 2^-54 once x > 3.6; 20 also keeps x E sech^2(E) away from inf * 0);
 *   - x < -700: tanh(E) = E and sech^2(E) = 1 to double precision (E^2 <
 *     e^-1400), so f = x e^x and f' = (1 + x) e^x; e^x is formed as
 *     e^(x+64) e^-64 so that the product keeps full precision where e^x alone
 *     would be subnormal (x < -708.4) while x e^x is still normal;
 *   - elsewhere the formulas above, with sech^2 as 4e^-2E/(1+e^-2E)^2.
 * f(+inf) = +inf (tanh(inf) = 1); f(-inf) and f'(-inf) are returned as -0
 * (the limit 0, approached from below).
 * Near the zero of f' (x = -1.0789) its two terms cancel: f' there is good to
 * about 2^-55 absolute (a few dozen double ULP relative within 0.1 of the
 * zero), far below float resolution.
 */
#include "fn.h"

#define TANHEXP_EM64 0x1.969d47321e4ccp-93 /* e^-64, correctly rounded */

static double tanhexp_f(double x, const double *p) {
    (void)p;
    if (x < -700) {
        if (isinf(x)) return -0.0;
        return x * exp(x + 64) * TANHEXP_EM64;
    }
    return x * tanh(exp(x));
}
static double tanhexp_df(double x, const double *p) {
    (void)p;
    if (x > 20) return 1.0;
    if (x < -700) {
        if (isinf(x)) return -0.0;
        return (1.0 + x) * exp(x + 64) * TANHEXP_EM64;
    }
    double e = exp(x);
    return tanh(e) + x * e * act_sech2(e);
}
ACT_KERNELS(tanhexp_f, tanhexp_df)

const act_desc act_desc_tanhexp = {
    .name = "tanhexp",
    .summary = "tanh exponential x tanh(e^x)",
    .formula = "x*tanh(exp(x))",
    .dformula = "tanh(exp(x)) + x*exp(x)/cosh(exp(x))^2",
    .origin = "Liu & Di 2020, TanhExp (arXiv:2003.09855)",
    .notes = "f' = 1 for x > 20 (exact in double beyond 3.6); for x < -700 f = x e^x and f' = "
             "(1+x) e^x, with e^x as e^(x+64) e^-64 to keep precision near underflow; f(+inf) = "
             "+inf, f'(+inf) = 1, f(-inf) = f'(-inf) = -0; min f = -0.353285778 at x = "
             "-1.07886006; sup f' = 1.06197531 at x = 0.69656396",
    .aliases = {{0}},
    ACT_IMPL(tanhexp_f, tanhexp_df),
    .plot_lo = -5,
    .plot_hi = 3,
    .declared = {.inf = -0.35328577784821127,
                 .sup = INFINITY,
                 .bounded_below = 1,
                 .bounded_above = 0,
                 .monotone = ACT_MONO_NONE,
                 .zero_centred = 1,
                 .symmetry = ACT_SYM_NONE,
                 .smoothness = ACT_SMOOTH_C2,
                 .n_kinks = 0,
                 .sup_df = 1.0619753087179160,
                 .sat_left = ACT_SAT_SOFT,
                 .sat_right = ACT_SAT_NONE,
                 .uat_article = 0,
                 .uat_leshno = 1},
};
