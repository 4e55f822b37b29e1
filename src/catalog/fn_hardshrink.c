/*
 * hardshrink - hard shrinkage.
 *   f(x)  = x  for |x| > lambd,  0 otherwise
 *   f'(x) = 1  for |x| > lambd,  0 otherwise (0 at +-lambd, PyTorch)
 * PyTorch Hardshrink(lambd=0.5); ONNX Shrink with bias = 0 (see shrink).
 * f jumps by lambd at +-lambd (discontinuous for lambd > 0). Inside the dead
 * zone the result is +0. From y: y != 0 exactly when |x| > lambd >= 0.
 */
#include "fn.h"

static double hardshrink_f(double x, const double *p) { return fabs(x) > p[0] ? x : 0.0; }
static double hardshrink_df(double x, const double *p) { return fabs(x) > p[0] ? 1.0 : 0.0; }
static double hardshrink_dfy(double y, const double *p) {
    (void)p;
    return y != 0 ? 1.0 : 0.0;
}
static int hardshrink_breaks(const double *p, double *out, int max) {
    double b[2] = {-p[0], p[0]};
    int n = p[0] == 0 ? 1 : 2;
    if (p[0] == 0) b[0] = 0;
    for (int i = 0; i < n && i < max; i++)
        out[i] = b[i];
    return n;
}
ACT_KERNELS_Y(hardshrink_f, hardshrink_df, hardshrink_dfy)

const act_desc act_desc_hardshrink = {
    .name = "hardshrink",
    .summary = "hard shrinkage: x where |x| > lambd, else 0",
    .formula = "abs(x) > lambd ? x : 0",
    .dformula = "abs(x) > lambd ? 1 : 0",
    .origin = "PyTorch Hardshrink; ONNX Shrink (bias = 0)",
    .notes = "f'(+-lambd) = 0 (PyTorch); f jumps at +-lambd; the dead zone gives +0",
    .nparams = 1,
    .params = {{"lambd", 0.5, 0, DBL_MAX, 0, 0, "half-width of the dead zone (>= 0)"}},
    .aliases = {{0}},
    ACT_IMPL_Y(hardshrink_f, hardshrink_df, hardshrink_dfy),
    .breaks = hardshrink_breaks,
    .plot_lo = -2,
    .plot_hi = 2,
    .declared = {.inf = -INFINITY,
                 .sup = INFINITY,
                 .bounded_below = 0,
                 .bounded_above = 0,
                 .monotone = ACT_MONO_INCREASING,
                 .zero_centred = 1,
                 .symmetry = ACT_SYM_ODD,
                 .smoothness = ACT_SMOOTH_DISCONTINUOUS,
                 .n_kinks = 2,
                 .kinks = {-0.5, 0.5},
                 .sup_df = 1,
                 .sat_left = ACT_SAT_NONE,
                 .sat_right = ACT_SAT_NONE,
                 .uat_article = 0,
                 .uat_leshno = 1},
};
