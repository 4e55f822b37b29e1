/*
 * tanh - hyperbolic tangent.
 *   f(x)  = (e^x - e^-x) / (e^x + e^-x)
 *   f'(x) = sech^2(x)                        (from y: 1 - y^2)
 * Caffe TanH, PyTorch Tanh, Keras tanh, ONNX Tanh, oneDNN eltwise_tanh
 * (+use_dst), darknet TANH, FANN SIGMOID_SYMMETRIC with steepness 1.
 * f through libm tanh (no e^2x overflow); f' as 4e^-2|x|/(1+e^-2|x|)^2, which
 * keeps its relative accuracy where 1 - y^2 cancels.
 */
#include "fn.h"

static double tanh_f(double x, const double *p) {
    (void)p;
    return tanh(x);
}
static double tanh_df(double x, const double *p) {
    (void)p;
    return act_sech2(x);
}
static double tanh_dfy(double y, const double *p) {
    (void)p;
    return (1.0 - y) * (1.0 + y);
}
ACT_KERNELS_Y(tanh_f, tanh_df, tanh_dfy)

const act_desc act_desc_tanh = {
    .name = "tanh",
    .summary = "hyperbolic tangent",
    .formula = "tanh(x)",
    .dformula = "1/cosh(x)^2",
    .origin = "Caffe TanH; PyTorch Tanh; Keras tanh; ONNX Tanh; oneDNN eltwise_tanh; darknet TANH",
    .notes = "f' from x as sech^2 (no cancellation); from y as (1-y)(1+y)",
    .aliases = {{0}},
    ACT_IMPL_Y(tanh_f, tanh_df, tanh_dfy),
    .plot_lo = -4,
    .plot_hi = 4,
    .declared = {.inf = -1,
                 .sup = 1,
                 .bounded_below = 1,
                 .bounded_above = 1,
                 .monotone = ACT_MONO_INCREASING,
                 .zero_centred = 1,
                 .symmetry = ACT_SYM_ODD,
                 .smoothness = ACT_SMOOTH_C2,
                 .n_kinks = 0,
                 .sup_df = 1,
                 .sat_left = ACT_SAT_SOFT,
                 .sat_right = ACT_SAT_SOFT,
                 .uat_article = 1,
                 .uat_leshno = 1},
};
