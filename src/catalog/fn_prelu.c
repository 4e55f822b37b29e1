/*
 * prelu - parametric ReLU with a fixed slope (the catalog form).
 *   f(x)  = x         for x > 0,   init * x otherwise
 *   f'(x) = 1         for x > 0,   init otherwise (f'(0) = init, PyTorch)
 * Caffe PReLU (slope filler defaults to the constant 0.25), PyTorch
 * PReLU(num_parameters=1, init=0.25), ONNX PRelu (slope as an input), oneDNN
 * prelu primitive, XNNPACK vprelu. In those systems the slope is learned (one
 * per channel or one shared); here it is a parameter, its starting value, and a
 * trainer that learns it uses df/d(init) = x for x <= 0, 0 otherwise.
 */
#include "fn.h"

static double prelu_f(double x, const double *p) { return x > 0 ? x : p[0] * x; }
static double prelu_df(double x, const double *p) { return x > 0 ? 1.0 : p[0]; }
/* y > 0 exactly when x > 0, as long as the slope is not negative */
static double prelu_dfy(double y, const double *p) { return y > 0 ? 1.0 : p[0]; }
static int prelu_dfy_ok(const double *p) { return p[0] >= 0; }
static int prelu_breaks(const double *p, double *out, int max) {
    (void)p;
    if (max > 0) out[0] = 0;
    return 1;
}
ACT_KERNELS_Y(prelu_f, prelu_df, prelu_dfy)

const act_desc act_desc_prelu = {
    .name = "prelu",
    .summary = "parametric ReLU, x > 0 ? x : init*x (slope learned in training)",
    .formula = "x > 0 ? x : init*x",
    .dformula = "x > 0 ? 1 : init",
    .origin = "Caffe PReLU; PyTorch PReLU; ONNX PRelu; oneDNN prelu; XNNPACK vprelu",
    .notes = "the slope is fixed at init here (learned by the trainer, df/dinit = x for "
             "x <= 0); f'(0) = init, as PyTorch and Caffe (x <= 0 is the negative side); "
             "backward from y needs init >= 0",
    .nparams = 1,
    .params = {{"init", 0.25, -DBL_MAX, DBL_MAX, 0, 0,
                "slope for x <= 0 (PyTorch init; Caffe's default filler constant)"}},
    .aliases = {{0}},
    ACT_IMPL_Y(prelu_f, prelu_df, prelu_dfy),
    .dfy_ok = prelu_dfy_ok,
    .breaks = prelu_breaks,
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
