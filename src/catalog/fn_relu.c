/*
 * relu - rectified linear unit, with Caffe's negative slope.
 *   f(x)  = x            for x > 0,   negative_slope * x otherwise
 *   f'(x) = 1            for x > 0,   negative_slope otherwise (f'(0) = slope, PyTorch)
 * Caffe ReLU (negative_slope = 0), PyTorch ReLU, Keras relu, ONNX Relu, oneDNN
 * eltwise_relu (alpha = slope, +use_dst), darknet RELU.
 * -0 stays -0 (PyTorch CPU keeps the sign of zero); relu(-inf) = 0, the limit.
 */
#include "fn.h"

static double relu_f(double x, const double *p) {
    if (x > 0) return x;
    /* slope 0: +0 for x < 0 (not -0 from 0 * x, nor NaN at -inf); -0 stays -0 */
    if (p[0] == 0) return x == 0 ? x : 0.0;
    return p[0] * x;
}
static double relu_df(double x, const double *p) { return x > 0 ? 1.0 : p[0]; }
/* from y: y > 0 exactly when x > 0, provided the slope is not negative */
static double relu_dfy(double y, const double *p) { return y > 0 ? 1.0 : p[0]; }
static int relu_dfy_ok(const double *p) { return p[0] >= 0; }
static int relu_breaks(const double *p, double *out, int max) {
    (void)p;
    if (max > 0) out[0] = 0;
    return 1;
}
ACT_KERNELS_Y(relu_f, relu_df, relu_dfy)

const act_desc act_desc_relu = {
    .name = "relu",
    .summary = "rectified linear unit max(0,x), leaky with Caffe's negative_slope",
    .formula = "x > 0 ? x : negative_slope*x",
    .dformula = "x > 0 ? 1 : negative_slope",
    .origin = "Caffe ReLU; PyTorch ReLU; Keras relu; ONNX Relu; oneDNN eltwise_relu; darknet RELU",
    .notes = "f'(0) = negative_slope (0 for plain relu), as PyTorch; -0 maps to -0",
    .nparams = 1,
    .params = {{"negative_slope", 0.0, -DBL_MAX, DBL_MAX, 0, 0, "slope for x <= 0 (Caffe)"}},
    .aliases = {{0}},
    ACT_IMPL_Y(relu_f, relu_df, relu_dfy),
    .dfy_ok = relu_dfy_ok,
    .breaks = relu_breaks,
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
