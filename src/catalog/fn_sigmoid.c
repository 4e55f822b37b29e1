/*
 * sigmoid - the logistic function.
 *   f(x)  = 1 / (1 + e^-x)
 *   f'(x) = f(x) f(-x)                      (from y: y (1 - y))
 * Caffe Sigmoid (computed there as 0.5 tanh(x/2) + 0.5), PyTorch Sigmoid, Keras
 * sigmoid, ONNX Sigmoid, oneDNN eltwise_logistic (+use_dst), darknet LOGISTIC.
 * Split on the sign of x so that e^x never overflows and the left tail keeps
 * its subnormals: sigmoid(-100) = 3.72e-44, not 0. The derivative is taken as
 * e^-|x| / (1 + e^-|x|)^2, never as y (1 - y), which is 0 once y rounds to 1
 * (x > 17.33 in float) and would hide vanishing gradients.
 */
#include "fn.h"

static double sigmoid_f(double x, const double *p) {
    (void)p;
    return act_sigmoid(x);
}
static double sigmoid_df(double x, const double *p) {
    (void)p;
    return act_dsigmoid(x);
}
static double sigmoid_dfy(double y, const double *p) {
    (void)p;
    return y * (1.0 - y);
}
ACT_KERNELS_Y(sigmoid_f, sigmoid_df, sigmoid_dfy)

const act_desc act_desc_sigmoid = {
    .name = "sigmoid",
    .summary = "logistic sigmoid 1/(1+e^-x)",
    .formula = "1/(1+exp(-x))",
    .dformula = "exp(-x)/(1+exp(-x))^2",
    .origin =
        "Caffe Sigmoid; PyTorch Sigmoid; Keras sigmoid; ONNX Sigmoid; oneDNN eltwise_logistic; "
        "darknet LOGISTIC",
    .notes = "f' from x as e^-|x|/(1+e^-|x|)^2 (exact in the tails); from y as y(1-y)",
    .aliases = {{"logistic", "", "oneDNN, darknet"}, {0}},
    ACT_IMPL_Y(sigmoid_f, sigmoid_df, sigmoid_dfy),
    .plot_lo = -8,
    .plot_hi = 8,
    .declared = {.inf = 0,
                 .sup = 1,
                 .bounded_below = 1,
                 .bounded_above = 1,
                 .monotone = ACT_MONO_INCREASING,
                 .zero_centred = 0,
                 .symmetry = ACT_SYM_NONE,
                 .smoothness = ACT_SMOOTH_C2,
                 .n_kinks = 0,
                 .sup_df = 0.25,
                 .sat_left = ACT_SAT_SOFT,
                 .sat_right = ACT_SAT_SOFT,
                 .uat_article = 1,
                 .uat_leshno = 1},
};
