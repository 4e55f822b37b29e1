/*
 * softshrink - soft shrinkage (soft thresholding).
 *   f(x)  = x - lambd for x > lambd,  x + lambd for x < -lambd,  0 otherwise
 *   f'(x) = 1 for |x| > lambd, 0 otherwise (0 at +-lambd, PyTorch)
 * PyTorch Softshrink(lambd=0.5, which must be >= 0); ONNX Shrink with
 * bias = lambd. Continuous, with kinks at +-lambd. x -+ lambd is one rounding.
 * From y: y != 0 exactly when |x| > lambd, provided lambd is a float (else a
 * float x just beyond lambd can give a difference that rounds to 0 in float).
 */
#include "fn.h"

static double softshrink_f(double x, const double *p) {
    return x > p[0] ? x - p[0] : (x < -p[0] ? x + p[0] : 0.0);
}
static double softshrink_df(double x, const double *p) { return fabs(x) > p[0] ? 1.0 : 0.0; }
static double softshrink_dfy(double y, const double *p) {
    (void)p;
    return y != 0 ? 1.0 : 0.0;
}
static int softshrink_dfy_ok(const double *p) { return (double)(float)p[0] == p[0]; }
static int softshrink_breaks(const double *p, double *out, int max) {
    double b[2] = {-p[0], p[0]};
    int n = p[0] == 0 ? 1 : 2;
    if (p[0] == 0) b[0] = 0;
    for (int i = 0; i < n && i < max; i++)
        out[i] = b[i];
    return n;
}
ACT_KERNELS_Y(softshrink_f, softshrink_df, softshrink_dfy)

const act_desc act_desc_softshrink = {
    .name = "softshrink",
    .summary = "soft shrinkage: x moved toward 0 by lambd, 0 inside [-lambd, lambd]",
    .formula = "x > lambd ? x - lambd : (x < -lambd ? x + lambd : 0)",
    .dformula = "abs(x) > lambd ? 1 : 0",
    .origin = "PyTorch Softshrink; ONNX Shrink (bias = lambd)",
    .notes = "f'(+-lambd) = 0 (PyTorch); lambd >= 0 as PyTorch requires",
    .nparams = 1,
    .params = {{"lambd", 0.5, 0, DBL_MAX, 0, 0, "half-width of the dead zone (>= 0)"}},
    .aliases = {{0}},
    ACT_IMPL_Y(softshrink_f, softshrink_df, softshrink_dfy),
    .dfy_ok = softshrink_dfy_ok,
    .breaks = softshrink_breaks,
    .plot_lo = -2,
    .plot_hi = 2,
    .declared = {.inf = -INFINITY,
                 .sup = INFINITY,
                 .bounded_below = 0,
                 .bounded_above = 0,
                 .monotone = ACT_MONO_INCREASING,
                 .zero_centred = 1,
                 .symmetry = ACT_SYM_ODD,
                 .smoothness = ACT_SMOOTH_C0,
                 .n_kinks = 2,
                 .kinks = {-0.5, 0.5},
                 .sup_df = 1,
                 .sat_left = ACT_SAT_NONE,
                 .sat_right = ACT_SAT_NONE,
                 .uat_article = 0,
                 .uat_leshno = 1},
};
