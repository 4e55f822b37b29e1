/*
 * binary_step - the unit step of Caffe's Threshold layer.
 *   f(x)  = 1 for x > threshold, 0 otherwise
 *   f'(x) = 0
 * Caffe Threshold (ThresholdParameter.threshold = 0). Caffe has no backward
 * for it (NOT_IMPLEMENTED, "non-differentiable function"); here f' is 0
 * everywhere: that is the derivative wherever it exists, and at x = threshold
 * f jumps, so no derivative exists there and 0 is a convention. A network of
 * such units cannot be trained by gradient descent.
 * Not PyTorch's Threshold (x > threshold ? x : value), nor FANN's THRESHOLD,
 * which is 1 at x = 0 (sum < 0 ? 0 : 1).
 */
#include "fn.h"

static double binary_step_f(double x, const double *p) { return x > p[0] ? 1.0 : 0.0; }
static double binary_step_df(double x, const double *p) {
    (void)x;
    (void)p;
    return 0.0;
}
static int binary_step_breaks(const double *p, double *out, int max) {
    if (max > 0) out[0] = p[0];
    return 1;
}
ACT_KERNELS(binary_step_f, binary_step_df)

const act_desc act_desc_binary_step = {
    .name = "binary_step",
    .summary = "unit step, 1 if x > threshold else 0 (Caffe Threshold)",
    .formula = "x > threshold ? 1 : 0",
    .dformula = "0",
    .origin = "Caffe Threshold",
    .notes = "f(threshold) = 0; f' = 0 everywhere, including the jump at threshold where no "
             "derivative exists (Caffe has no backward: not trainable by gradients)",
    .nparams = 1,
    .params = {{"threshold", 0.0, -DBL_MAX, DBL_MAX, 0, 0, "the step's position (Caffe)"}},
    .aliases = {{"caffe_threshold", "", "Caffe Threshold layer"}, {0}},
    ACT_IMPL(binary_step_f, binary_step_df),
    .breaks = binary_step_breaks,
    .plot_lo = -3,
    .plot_hi = 3,
    .declared = {.inf = 0,
                 .sup = 1,
                 .bounded_below = 1,
                 .bounded_above = 1,
                 .monotone = ACT_MONO_INCREASING,
                 .zero_centred = 1,
                 .symmetry = ACT_SYM_NONE,
                 .smoothness = ACT_SMOOTH_DISCONTINUOUS,
                 .n_kinks = 1,
                 .kinks = {0},
                 .sup_df = 0,
                 .sat_left = ACT_SAT_HARD,
                 .sat_right = ACT_SAT_HARD,
                 .uat_article = 0,
                 .uat_leshno = 1},
};
