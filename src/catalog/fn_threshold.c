/*
 * threshold - PyTorch Threshold: pass x above a threshold, else a constant.
 *   f(x)  = x for x > threshold,  value otherwise
 *   f'(x) = 1 for x > threshold,  0 otherwise (0 at the threshold, PyTorch)
 * PyTorch Threshold(threshold, value) has no defaults (both are required); the
 * defaults here, threshold = 0 and value = 0, make it relu. f jumps at the
 * threshold unless value == threshold. Caffe's Threshold layer is a different
 * function (a 0/1 step), and so is ONNX ThresholdedRelu (see thresholded_relu).
 * From y: y > threshold exactly when x > threshold, provided value (and its
 * float rounding) is not above the threshold.
 */
#include "fn.h"

static double threshold_f(double x, const double *p) { return x > p[0] ? x : p[1]; }
static double threshold_df(double x, const double *p) { return x > p[0] ? 1.0 : 0.0; }
static double threshold_dfy(double y, const double *p) { return y > p[0] ? 1.0 : 0.0; }
static int threshold_dfy_ok(const double *p) { return p[1] <= p[0] && (double)(float)p[1] <= p[0]; }
static int threshold_breaks(const double *p, double *out, int max) {
    if (max > 0) out[0] = p[0];
    return 1;
}
ACT_KERNELS_Y(threshold_f, threshold_df, threshold_dfy)

const act_desc act_desc_threshold = {
    .name = "threshold",
    .summary = "x where x > threshold, else value (PyTorch Threshold)",
    .formula = "x > threshold ? x : value",
    .dformula = "x > threshold ? 1 : 0",
    .origin = "PyTorch Threshold",
    .notes = "PyTorch requires both parameters (no defaults); 0 and 0 here (= relu). f' = 0 "
             "at and below the threshold (PyTorch threshold_backward); backward from y needs "
             "value <= threshold",
    .nparams = 2,
    .params = {{"threshold", 0.0, -DBL_MAX, DBL_MAX, 0, 0, "x must exceed this to pass"},
               {"value", 0.0, -DBL_MAX, DBL_MAX, 0, 0, "output at and below the threshold"}},
    .aliases = {{0}},
    ACT_IMPL_Y(threshold_f, threshold_df, threshold_dfy),
    .dfy_ok = threshold_dfy_ok,
    .breaks = threshold_breaks,
    .plot_lo = -3,
    .plot_hi = 3,
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
                 .sup_df = 1,
                 .sat_left = ACT_SAT_HARD,
                 .sat_right = ACT_SAT_NONE,
                 .uat_article = 0,
                 .uat_leshno = 1},
};
