/*
 * thresholded_relu - ONNX ThresholdedRelu.
 *   f(x)  = x for x > alpha,  0 otherwise
 *   f'(x) = 1 for x > alpha,  0 otherwise (0 at alpha)
 * ONNX ThresholdedRelu (alpha = 1.0), Keras 2 ThresholdedReLU layer (theta = 1.0).
 * f jumps from 0 to alpha at x = alpha (discontinuous unless alpha = 0). The
 * gradient convention at alpha follows PyTorch's threshold_backward (0 where
 * x <= threshold); ONNX defines no gradient. From y: y > alpha exactly when
 * x > alpha, provided alpha >= 0 (else the 0 of the dead zone is above alpha).
 */
#include "fn.h"

static double thresholded_relu_f(double x, const double *p) { return x > p[0] ? x : 0.0; }
static double thresholded_relu_df(double x, const double *p) { return x > p[0] ? 1.0 : 0.0; }
static double thresholded_relu_dfy(double y, const double *p) { return y > p[0] ? 1.0 : 0.0; }
static int thresholded_relu_dfy_ok(const double *p) { return p[0] >= 0; }
static int thresholded_relu_breaks(const double *p, double *out, int max) {
    if (max > 0) out[0] = p[0];
    return 1;
}
ACT_KERNELS_Y(thresholded_relu_f, thresholded_relu_df, thresholded_relu_dfy)

const act_desc act_desc_thresholded_relu = {
    .name = "thresholded_relu",
    .summary = "x where x > alpha, else 0 (ONNX ThresholdedRelu)",
    .formula = "x > alpha ? x : 0",
    .dformula = "x > alpha ? 1 : 0",
    .origin = "ONNX ThresholdedRelu; Keras 2 ThresholdedReLU",
    .notes = "f'(alpha) = 0 (as PyTorch threshold_backward); f jumps by alpha at alpha; "
             "backward from y needs alpha >= 0",
    .nparams = 1,
    .params = {{"alpha", 1.0, -DBL_MAX, DBL_MAX, 0, 0, "threshold (ONNX alpha, Keras theta)"}},
    .aliases = {{"thresholdedrelu", "", "ONNX ThresholdedRelu; Keras 2 ThresholdedReLU"}, {0}},
    ACT_IMPL_Y(thresholded_relu_f, thresholded_relu_df, thresholded_relu_dfy),
    .dfy_ok = thresholded_relu_dfy_ok,
    .breaks = thresholded_relu_breaks,
    .plot_lo = -2,
    .plot_hi = 4,
    .declared = {.inf = 0,
                 .sup = INFINITY,
                 .bounded_below = 1,
                 .bounded_above = 0,
                 .monotone = ACT_MONO_INCREASING,
                 .zero_centred = 1,
                 .symmetry = ACT_SYM_NONE,
                 .smoothness = ACT_SMOOTH_DISCONTINUOUS,
                 .n_kinks = 1,
                 .kinks = {1},
                 .sup_df = 1,
                 .sat_left = ACT_SAT_HARD,
                 .sat_right = ACT_SAT_NONE,
                 .uat_article = 0,
                 .uat_leshno = 1},
};
