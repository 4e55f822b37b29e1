/*
 * selu - scaled exponential linear unit (Klambauer et al. 2017).
 *   f(x)  = lambda * x                   for x > 0
 *         = lambda * alpha * (e^x - 1)   otherwise
 *   f'(x) = lambda for x > 0,  lambda * alpha * e^x otherwise   (from y: y + lambda*alpha)
 * alpha  = 1.6732632423543772848170429916717,
 * lambda = 1.0507009873554804934193349852946 (the self-normalising fixed point;
 * PyTorch's constants, given to 32 digits; darknet rounds them to 1.6732 and
 * 1.0507, Keras to 1.67326324 and 1.05070098).
 * PyTorch SELU, Keras selu, ONNX Selu (alpha, gamma), darknet SELU.
 * f'(0) = lambda*alpha (PyTorch takes the negative branch at 0): f' jumps at 0
 * from lambda*alpha = 1.758 to lambda = 1.051, so selu has a kink there.
 */
#include "fn.h"

#define SELU_ALPHA 1.6732632423543772848170429916717
#define SELU_LAMBDA 1.0507009873554804934193349852946
/* lambda * alpha rounded once */
static const double selu_la = SELU_LAMBDA * SELU_ALPHA;

static double selu_f(double x, const double *p) {
    (void)p;
    return x > 0 ? SELU_LAMBDA * x : selu_la * expm1(x);
}
static double selu_df(double x, const double *p) {
    (void)p;
    return x > 0 ? SELU_LAMBDA : selu_la * exp(x);
}
/* y > 0 exactly when x > 0; y + lambda*alpha = lambda*alpha*e^x */
static double selu_dfy(double y, const double *p) {
    (void)p;
    return y > 0 ? SELU_LAMBDA : y + selu_la;
}
static int selu_breaks(const double *p, double *out, int max) {
    (void)p;
    if (max > 0) out[0] = 0;
    return 1;
}
ACT_KERNELS_Y(selu_f, selu_df, selu_dfy)

const act_desc act_desc_selu = {
    .name = "selu",
    .summary = "scaled ELU with the self-normalising constants (no parameters)",
    .formula = "1.0507009873554804934193349852946*(x > 0 ? x : "
               "1.6732632423543772848170429916717*expm1(x))",
    .dformula = "1.0507009873554804934193349852946*(x > 0 ? 1 : "
                "1.6732632423543772848170429916717*exp(x))",
    .origin = "PyTorch SELU; Keras selu; ONNX Selu; darknet SELU",
    .notes =
        "alpha = 1.6732632423543772848170429916717, lambda = 1.0507009873554804934193349852946 "
        "(PyTorch); f'(0) = lambda*alpha = 1.7581 (PyTorch), a kink: f'(0+) = lambda",
    .aliases = {{0}},
    ACT_IMPL_Y(selu_f, selu_df, selu_dfy),
    .breaks = selu_breaks,
    .plot_lo = -4,
    .plot_hi = 3,
    .declared = {.inf = -SELU_LAMBDA * SELU_ALPHA,
                 .sup = INFINITY,
                 .bounded_below = 1,
                 .bounded_above = 0,
                 .monotone = ACT_MONO_INCREASING,
                 .zero_centred = 1,
                 .symmetry = ACT_SYM_NONE,
                 .smoothness = ACT_SMOOTH_C0,
                 .n_kinks = 1,
                 .kinks = {0},
                 .sup_df = SELU_LAMBDA * SELU_ALPHA,
                 .sat_left = ACT_SAT_SOFT,
                 .sat_right = ACT_SAT_NONE,
                 .uat_article = 0,
                 .uat_leshno = 1},
};
