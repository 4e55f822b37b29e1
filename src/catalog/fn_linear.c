/*
 * linear - the affine map alpha x + beta (identity at the defaults).
 *   f(x)  = alpha x + beta
 *   f'(x) = alpha                          (from y: alpha)
 * oneDNN eltwise_linear (alpha, beta), Keras linear, PyTorch nn.Identity and
 * ONNX Identity (alpha = 1, beta = 0). Evaluated as fma(alpha, x, beta): one
 * rounding; as alpha x when beta = 0, so that the identity maps -0 to -0.
 * alpha = 0 gives the constant beta, also at x = +-inf.
 */
#include "fn.h"

static double linear_f(double x, const double *p) {
    if (p[0] == 0) return p[1];
    if (p[1] == 0) return p[0] * x; /* keeps -0: identity(-0) = -0 */
    return fma(p[0], x, p[1]);
}
static double linear_df(double x, const double *p) {
    (void)x;
    return p[0];
}
static double linear_dfy(double y, const double *p) {
    (void)y;
    return p[0];
}
ACT_KERNELS_Y(linear_f, linear_df, linear_dfy)

const act_desc act_desc_linear = {
    .name = "linear",
    .summary = "affine alpha*x + beta; the identity by default",
    .formula = "alpha*x + beta",
    .dformula = "alpha",
    .origin = "oneDNN eltwise_linear; Keras linear; PyTorch Identity; ONNX Identity",
    .notes = "one rounding (fma); alpha = 0 gives the constant beta everywhere, +-inf included",
    .nparams = 2,
    .params = {{"alpha", 1.0, -DBL_MAX, DBL_MAX, 0, 0, "slope"},
               {"beta", 0.0, -DBL_MAX, DBL_MAX, 0, 0, "offset"}},
    .aliases = {{"identity", "", "PyTorch Identity; ONNX Identity"}, {0}},
    ACT_IMPL_Y(linear_f, linear_df, linear_dfy),
    .plot_lo = -3,
    .plot_hi = 3,
    .declared = {.inf = -INFINITY,
                 .sup = INFINITY,
                 .bounded_below = 0,
                 .bounded_above = 0,
                 .monotone = ACT_MONO_INCREASING,
                 .zero_centred = 1,
                 .symmetry = ACT_SYM_ODD,
                 .smoothness = ACT_SMOOTH_C2,
                 .n_kinks = 0,
                 .sup_df = 1,
                 .sat_left = ACT_SAT_NONE,
                 .sat_right = ACT_SAT_NONE,
                 .uat_article = 0,
                 .uat_leshno = 0},
};
