/*
 * sqrt - the square root, defined on x >= 0.
 *   f(x)  = sqrt(x)               (NaN for x < 0)
 *   f'(x) = 1 / (2 sqrt(x))       (+inf at +0; from y: 1/(2y))
 * oneDNN eltwise_sqrt (+use_dst), XNNPACK square_root.
 * IEEE throughout: sqrt(-0) = -0, so f'(-0) = 1/(2 * -0) = -inf, as PyTorch's
 * grad/(2 result); f'(+inf) = 0. Not defined on all of R, so neither universal
 * approximation condition applies.
 */
#include "fn.h"

static double sqrt_f(double x, const double *p) {
    (void)p;
    return sqrt(x);
}
static double sqrt_df(double x, const double *p) {
    (void)p;
    return 0.5 / sqrt(x);
}
static double sqrt_dfy(double y, const double *p) {
    (void)p;
    return 0.5 / y;
}
static int sqrt_breaks(const double *p, double *out, int max) {
    (void)p;
    if (max > 0) out[0] = 0;
    return 1;
}
ACT_KERNELS_Y(sqrt_f, sqrt_df, sqrt_dfy)

const act_desc act_desc_sqrt = {
    .name = "sqrt",
    .summary = "square root (NaN for x < 0)",
    .formula = "sqrt(x)",
    .dformula = "1/(2*sqrt(x))",
    .origin = "oneDNN eltwise_sqrt; XNNPACK square_root",
    .notes = "NaN for x < 0; f'(+0) = +inf, f'(-0) = -inf (IEEE 1/(2 sqrt(-0))); "
             "backward from y as 1/(2y)",
    .aliases = {{0}},
    ACT_IMPL_Y(sqrt_f, sqrt_df, sqrt_dfy),
    .breaks = sqrt_breaks,
    .plot_lo = 0,
    .plot_hi = 4,
    .declared = {.inf = 0,
                 .sup = INFINITY,
                 .bounded_below = 1,
                 .bounded_above = 0,
                 .monotone = ACT_MONO_INCREASING,
                 .zero_centred = 1,
                 .symmetry = ACT_SYM_NONE,
                 .smoothness = ACT_SMOOTH_C0,
                 .n_kinks = 1,
                 .kinks = {0},
                 .sup_df = INFINITY,
                 .sat_left = ACT_SAT_NONE,
                 .sat_right = ACT_SAT_SOFT,
                 .uat_article = 0,
                 .uat_leshno = 0},
};
