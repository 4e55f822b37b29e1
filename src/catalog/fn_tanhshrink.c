/*
 * tanhshrink - x - tanh(x).
 *   f(x)  = x - tanh(x)
 *   f'(x) = tanh(x)^2
 * PyTorch Tanhshrink.
 * For |x| < 2 the difference cancels (f ~ x^3/3 near 0), so it is evaluated as
 *   x - tanh x = (x cosh x - sinh x) / cosh x,
 *   x cosh x - sinh x = sum_{k>=1} 2k/(2k+1)! x^(2k+1) = x^3 (1/3 + x^2/30 + x^4/840 + ...),
 * a series of positive terms (no cancellation, entire, so it converges fast):
 * 13 terms leave a truncation below 2^-55 relative at |x| = 2. From |x| = 2 on,
 * x - tanh x loses no more than a bit (f >= 1.03 > tanh x). Tiny x: x^3
 * underflows to 0 (or a subnormal) as the true value does.
 */
#include "fn.h"

static double tanhshrink_f(double x, const double *p) {
    (void)p;
    if (!(fabs(x) < 2)) return x - tanh(x);
    /* c_k = 2k/(2k+1)!, k = 1..13, in Horner form in x^2 */
    static const double c[13] = {
        0.3333333333333333,     0.03333333333333333,   0.0011904761904761906,
        2.2045855379188714e-05, 2.505210838544172e-07, 1.9270852604185937e-09,
        1.0706029224547743e-11, 4.498331606952833e-14, 1.4797143443923793e-16,
        3.9145882126782523e-19, 8.509974375387505e-22, 1.5472680682522736e-24,
        2.387759364586842e-27,
    };
    double x2 = x * x, s = c[12];
    for (int k = 11; k >= 0; k--)
        s = s * x2 + c[k];
    return x * x2 * s / cosh(x);
}
static double tanhshrink_df(double x, const double *p) {
    (void)p;
    double t = tanh(x);
    return t * t;
}
ACT_KERNELS(tanhshrink_f, tanhshrink_df)

const act_desc act_desc_tanhshrink = {
    .name = "tanhshrink",
    .summary = "x - tanh(x)",
    .formula = "x - tanh(x)",
    .dformula = "tanh(x)^2",
    .origin = "PyTorch Tanhshrink",
    .notes = "|x| < 2: (x cosh x - sinh x)/cosh x by its positive series (no cancellation "
             "near 0); f'(0) = 0",
    .aliases = {{0}},
    ACT_IMPL(tanhshrink_f, tanhshrink_df),
    .plot_lo = -4,
    .plot_hi = 4,
    .declared = {.inf = -INFINITY,
                 .sup = INFINITY,
                 .bounded_below = 0,
                 .bounded_above = 0,
                 .monotone = ACT_MONO_INCREASING,
                 .zero_centred = 1,
                 .symmetry = ACT_SYM_ODD,
                 .smoothness = ACT_SMOOTH_C2,
                 .n_kinks = 0,
                 .sup_df = 1,
                 .sat_left = ACT_SAT_NONE,
                 .sat_right = ACT_SAT_NONE,
                 .uat_article = 0,
                 .uat_leshno = 1},
};
