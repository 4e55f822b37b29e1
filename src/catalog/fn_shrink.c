/*
 * shrink - ONNX Shrink.
 *   f(x)  = x + bias for x < -lambd,  x - bias for x > lambd,  0 otherwise
 *   f'(x) = 1 for |x| > lambd,  0 otherwise (0 at +-lambd)
 * ONNX Shrink (lambd = 0.5, bias = 0). bias = 0 is PyTorch Hardshrink,
 * bias = lambd is PyTorch Softshrink; the convention at +-lambd follows theirs
 * (ONNX defines no gradient). lambd >= 0, so that the branches do not overlap.
 * x -+ bias is one rounding. From y: y != 0 exactly when |x| > lambd, provided
 * bias <= lambd and bias is a float.
 */
#include "fn.h"

static double shrink_f(double x, const double *p) {
    return x < -p[0] ? x + p[1] : (x > p[0] ? x - p[1] : 0.0);
}
static double shrink_df(double x, const double *p) { return fabs(x) > p[0] ? 1.0 : 0.0; }
static double shrink_dfy(double y, const double *p) {
    (void)p;
    return y != 0 ? 1.0 : 0.0;
}
static int shrink_dfy_ok(const double *p) { return p[1] <= p[0] && (double)(float)p[1] == p[1]; }
static int shrink_breaks(const double *p, double *out, int max) {
    double b[2] = {-p[0], p[0]};
    int n = p[0] == 0 ? 1 : 2;
    if (p[0] == 0) b[0] = 0;
    for (int i = 0; i < n && i < max; i++)
        out[i] = b[i];
    return n;
}
ACT_KERNELS_Y(shrink_f, shrink_df, shrink_dfy)

const act_desc act_desc_shrink = {
    .name = "shrink",
    .summary = "ONNX Shrink: x -+ bias outside [-lambd, lambd], 0 inside",
    .formula = "x < -lambd ? x + bias : (x > lambd ? x - bias : 0)",
    .dformula = "abs(x) > lambd ? 1 : 0",
    .origin = "ONNX Shrink",
    .notes = "bias = 0: hardshrink, bias = lambd: softshrink; f'(+-lambd) = 0 as PyTorch's "
             "shrink functions; backward from y needs bias <= lambd",
    .nparams = 2,
    .params = {{"lambd", 0.5, 0, DBL_MAX, 0, 0, "half-width of the dead zone (>= 0)"},
               {"bias", 0.0, -DBL_MAX, DBL_MAX, 0, 0, "shift toward 0 outside the dead zone"}},
    .aliases = {{0}},
    ACT_IMPL_Y(shrink_f, shrink_df, shrink_dfy),
    .dfy_ok = shrink_dfy_ok,
    .breaks = shrink_breaks,
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
