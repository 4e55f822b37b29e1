/*
 * relu6 - ReLU capped at 6.
 *   f(x)  = min(max(0, x), 6)
 *   f'(x) = 1 on the open interval (0, 6), 0 at 0, at 6 and outside
 * PyTorch ReLU6 (= Hardtanh(0, 6), whose backward is 0 at both bounds), Keras
 * relu6, Caffe/ONNX Clip(0, 6), oneDNN clip(0, 6), XNNPACK clamp(0, 6)
 * (MobileNet, Howard et al. 2017). -0 stays -0, as in relu.
 * From y: 0 < y < 6 exactly when 0 < x < 6.
 */
#include "fn.h"

static double relu6_f(double x, const double *p) {
    (void)p;
    return x < 0 ? 0.0 : (x > 6 ? 6.0 : x);
}
static double relu6_df(double x, const double *p) {
    (void)p;
    return x > 0 && x < 6 ? 1.0 : 0.0;
}
static double relu6_dfy(double y, const double *p) {
    (void)p;
    return y > 0 && y < 6 ? 1.0 : 0.0;
}
static int relu6_breaks(const double *p, double *out, int max) {
    (void)p;
    if (max > 0) out[0] = 0;
    if (max > 1) out[1] = 6;
    return 2;
}
ACT_KERNELS_Y(relu6_f, relu6_df, relu6_dfy)

const act_desc act_desc_relu6 = {
    .name = "relu6",
    .summary = "ReLU capped at 6: min(max(0, x), 6)",
    .formula = "min(max(0, x), 6)",
    .dformula = "x > 0 && x < 6 ? 1 : 0",
    .origin = "PyTorch ReLU6; Keras relu6; ONNX Clip(0, 6); oneDNN clip; XNNPACK clamp; "
              "Howard et al. 2017 (MobileNets)",
    .notes = "f' = 0 at 0 and at 6 (PyTorch, as Hardtanh(0, 6)); -0 maps to -0",
    .aliases = {{0}},
    ACT_IMPL_Y(relu6_f, relu6_df, relu6_dfy),
    .breaks = relu6_breaks,
    .plot_lo = -2,
    .plot_hi = 8,
    .declared = {.inf = 0,
                 .sup = 6,
                 .bounded_below = 1,
                 .bounded_above = 1,
                 .monotone = ACT_MONO_INCREASING,
                 .zero_centred = 1,
                 .symmetry = ACT_SYM_NONE,
                 .smoothness = ACT_SMOOTH_C0,
                 .n_kinks = 2,
                 .kinks = {0, 6},
                 .sup_df = 1,
                 .sat_left = ACT_SAT_HARD,
                 .sat_right = ACT_SAT_HARD,
                 .uat_article = 1,
                 .uat_leshno = 1},
};
