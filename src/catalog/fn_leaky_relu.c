/*
 * leaky_relu - ReLU with a small slope for x <= 0 (Maas et al. 2013).
 *   f(x)  = x for x > 0,  negative_slope x otherwise
 *   f'(x) = 1 for x > 0,  negative_slope otherwise (f'(0) = slope, PyTorch)
 * PyTorch LeakyReLU(negative_slope=0.01), ONNX LeakyRelu (alpha = 0.01),
 * Keras leaky_relu (default 0.2 there: use leaky_relu(negative_slope=0.2)),
 * oneDNN eltwise_relu with alpha != 0, XNNPACK leaky_relu, darknet RELIE (0.01)
 * and LEAKY (0.1). The same function as relu(negative_slope), with PyTorch's
 * default. From y: y > 0 exactly when x > 0, provided the slope is not negative.
 */
#include "fn.h"

static double leaky_relu_f(double x, const double *p) { return x > 0 ? x : p[0] * x; }
static double leaky_relu_df(double x, const double *p) { return x > 0 ? 1.0 : p[0]; }
static double leaky_relu_dfy(double y, const double *p) { return y > 0 ? 1.0 : p[0]; }
static int leaky_relu_dfy_ok(const double *p) { return p[0] >= 0; }
static int leaky_relu_breaks(const double *p, double *out, int max) {
    (void)p;
    if (max > 0) out[0] = 0;
    return 1;
}
ACT_KERNELS_Y(leaky_relu_f, leaky_relu_df, leaky_relu_dfy)

const act_desc act_desc_leaky_relu = {
    .name = "leaky_relu",
    .summary = "leaky ReLU: x for x > 0, negative_slope*x otherwise",
    .formula = "x > 0 ? x : negative_slope*x",
    .dformula = "x > 0 ? 1 : negative_slope",
    .origin = "PyTorch LeakyReLU; ONNX LeakyRelu; Keras leaky_relu; oneDNN eltwise_relu (alpha); "
              "XNNPACK leaky_relu; darknet RELIE, LEAKY; Maas et al. 2013",
    .notes = "f'(0) = negative_slope (PyTorch); default 0.01 as PyTorch and ONNX (Keras 3: 0.2, "
             "darknet LEAKY: 0.1); -0 maps to -0; backward from y needs negative_slope >= 0",
    .nparams = 1,
    .params = {{"negative_slope", 0.01, -DBL_MAX, DBL_MAX, 0, 0, "slope for x <= 0"}},
    .aliases = {{"leakyrelu", "", "PyTorch LeakyReLU; ONNX LeakyRelu"},
                {"lrelu", "", "common abbreviation"},
                {"relie", "negative_slope=0.01", "darknet RELIE"},
                {"leaky", "negative_slope=0.1", "darknet LEAKY"},
                {0}},
    ACT_IMPL_Y(leaky_relu_f, leaky_relu_df, leaky_relu_dfy),
    .dfy_ok = leaky_relu_dfy_ok,
    .breaks = leaky_relu_breaks,
    .plot_lo = -3,
    .plot_hi = 3,
    .declared = {.inf = -INFINITY,
                 .sup = INFINITY,
                 .bounded_below = 0,
                 .bounded_above = 0,
                 .monotone = ACT_MONO_INCREASING,
                 .zero_centred = 1,
                 .symmetry = ACT_SYM_NONE,
                 .smoothness = ACT_SMOOTH_C0,
                 .n_kinks = 1,
                 .kinks = {0},
                 .sup_df = 1,
                 .sat_left = ACT_SAT_NONE,
                 .sat_right = ACT_SAT_NONE,
                 .uat_article = 0,
                 .uat_leshno = 1},
};
