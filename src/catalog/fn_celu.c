/*
 * celu - continuously differentiable ELU (Barron 2017).
 *   f(x)  = max(0, x) + min(0, alpha * (e^(x/alpha) - 1))
 *   f'(x) = 1 for x > 0,  e^(x/alpha) otherwise        (from y: y/alpha + 1)
 * PyTorch CELU(alpha=1), ONNX Celu. For alpha > 0 the two pieces are x and
 * alpha*expm1(x/alpha); f' is continuous at 0 for every alpha (f'(0) = 1, as
 * PyTorch), unlike elu's alpha at 0.
 * alpha must be positive: PyTorch divides by it, and alpha < 0 turns the
 * negative piece into an unbounded one.
 */
#include "fn.h"

static double celu_f(double x, const double *p) { return x > 0 ? x : p[0] * expm1(x / p[0]); }
static double celu_df(double x, const double *p) { return x > 0 ? 1.0 : exp(x / p[0]); }
/* y > 0 exactly when x > 0; y/alpha + 1 = e^(x/alpha) */
static double celu_dfy(double y, const double *p) { return y > 0 ? 1.0 : y / p[0] + 1.0; }
static int celu_breaks(const double *p, double *out, int max) {
    (void)p;
    if (max > 0) out[0] = 0;
    return 1;
}
ACT_KERNELS_Y(celu_f, celu_df, celu_dfy)

const act_desc act_desc_celu = {
    .name = "celu",
    .summary = "continuously differentiable ELU, x > 0 ? x : alpha*(e^(x/alpha) - 1)",
    .formula = "max(0, x) + min(0, alpha*expm1(x/alpha))",
    .dformula = "x > 0 ? 1 : exp(x/alpha)",
    .origin = "PyTorch CELU; ONNX Celu",
    .notes = "f'(0) = 1 for every alpha (PyTorch); alpha > 0",
    .nparams = 1,
    .params = {{"alpha", 1.0, 0, DBL_MAX, ACT_P_LO_OPEN, 0,
                "scale of the negative part; -alpha is the limit at -inf"}},
    .aliases = {{0}},
    ACT_IMPL_Y(celu_f, celu_df, celu_dfy),
    .breaks = celu_breaks,
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
