/*
 * elu - exponential linear unit (Clevert et al. 2015).
 *   f(x)  = x              for x > 0,   alpha * (e^x - 1) otherwise
 *   f'(x) = 1              for x > 0,   alpha * e^x otherwise   (from y: y + alpha)
 * Caffe ELU, PyTorch ELU, Keras elu, ONNX Elu, oneDNN eltwise_elu (+use_dst),
 * darknet ELU; alpha = 1 everywhere.
 * f'(0) = alpha: PyTorch and Caffe take x = 0 on the negative side (darknet
 * uses 1 there). e^x - 1 as expm1 so small negative x keep their digits.
 * Backward from y: y > 0 exactly when x > 0 and y + alpha = alpha e^x, both
 * only when alpha >= 0 (oneDNN's condition for its use_dst form).
 */
#include "fn.h"

static double elu_f(double x, const double *p) { return x > 0 ? x : p[0] * expm1(x); }
static double elu_df(double x, const double *p) { return x > 0 ? 1.0 : p[0] * exp(x); }
static double elu_dfy(double y, const double *p) { return y > 0 ? 1.0 : y + p[0]; }
static int elu_dfy_ok(const double *p) { return p[0] >= 0; }
static int elu_breaks(const double *p, double *out, int max) {
    (void)p;
    if (max > 0) out[0] = 0;
    return 1;
}
ACT_KERNELS_Y(elu_f, elu_df, elu_dfy)

const act_desc act_desc_elu = {
    .name = "elu",
    .summary = "exponential linear unit, x > 0 ? x : alpha*(e^x - 1)",
    .formula = "x > 0 ? x : alpha*expm1(x)",
    .dformula = "x > 0 ? 1 : alpha*exp(x)",
    .origin = "Caffe ELU; PyTorch ELU; Keras elu; ONNX Elu; oneDNN eltwise_elu; darknet ELU",
    .notes = "f'(0) = alpha (PyTorch, Caffe; darknet uses 1); C1 only at alpha = 1. Any finite "
             "alpha is accepted, as in PyTorch and Caffe (alpha < 0 makes f non-monotone); "
             "backward from y (y + alpha) needs alpha >= 0",
    .nparams = 1,
    .params = {{"alpha", 1.0, -DBL_MAX, DBL_MAX, 0, 0,
                "scale of the negative part; -alpha is "
                "the limit at -inf"}},
    .aliases = {{0}},
    ACT_IMPL_Y(elu_f, elu_df, elu_dfy),
    .dfy_ok = elu_dfy_ok,
    .breaks = elu_breaks,
    .plot_lo = -4,
    .plot_hi = 3,
    .declared = {.inf = -1,
                 .sup = INFINITY,
                 .bounded_below = 1,
                 .bounded_above = 0,
                 .monotone = ACT_MONO_INCREASING,
                 .zero_centred = 1,
                 .symmetry = ACT_SYM_NONE,
                 .smoothness = ACT_SMOOTH_C1,
                 .n_kinks = 0,
                 .sup_df = 1,
                 .sat_left = ACT_SAT_SOFT,
                 .sat_right = ACT_SAT_NONE,
                 .uat_article = 0,
                 .uat_leshno = 1},
};
