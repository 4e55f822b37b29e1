/*
 * absval - absolute value.
 *   f(x)  = |x|
 *   f'(x) = sign(x), with f'(0) = 0
 * Caffe AbsVal (backward g*caffe_sign(x), caffe_sign(0) = 0); PyTorch abs
 * (abs'(0) = 0); ONNX Abs; oneDNN eltwise_abs (0 at 0); XNNPACK abs.
 * |x| cannot give back the sign of x, so there is no derivative from y.
 */
#include "fn.h"

static double absval_f(double x, const double *p) {
    (void)p;
    return fabs(x);
}
static double absval_df(double x, const double *p) {
    (void)p;
    return x > 0 ? 1.0 : (x < 0 ? -1.0 : 0.0);
}
static int absval_breaks(const double *p, double *out, int max) {
    (void)p;
    if (max > 0) out[0] = 0;
    return 1;
}
ACT_KERNELS(absval_f, absval_df)

const act_desc act_desc_absval = {
    .name = "absval",
    .summary = "absolute value |x|",
    .formula = "abs(x)",
    .dformula = "sign(x)",
    .origin = "Caffe AbsVal; PyTorch abs; ONNX Abs; oneDNN eltwise_abs; XNNPACK abs",
    .notes = "f'(0) = 0 (Caffe caffe_sign(0) = 0, PyTorch, oneDNN); no backward from y "
             "(|x| loses the sign)",
    .aliases = {{"abs", "", "PyTorch, ONNX Abs, oneDNN eltwise_abs, XNNPACK"}, {0}},
    ACT_IMPL(absval_f, absval_df),
    .breaks = absval_breaks,
    .plot_lo = -3,
    .plot_hi = 3,
    .declared = {.inf = 0,
                 .sup = INFINITY,
                 .bounded_below = 1,
                 .bounded_above = 0,
                 .monotone = ACT_MONO_NONE,
                 .zero_centred = 1,
                 .symmetry = ACT_SYM_EVEN,
                 .smoothness = ACT_SMOOTH_C0,
                 .n_kinks = 1,
                 .kinks = {0},
                 .sup_df = 1,
                 .sat_left = ACT_SAT_NONE,
                 .sat_right = ACT_SAT_NONE,
                 .uat_article = 0,
                 .uat_leshno = 1},
};
