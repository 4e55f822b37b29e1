/*
 * exp - Caffe's Exp layer.
 *   f(x)  = base^(shift + scale * x),   e^(shift + scale * x) when base = -1
 *   f'(x) = ln(base) * scale * f(x)     (from y: ln(base) * scale * y)
 * Caffe Exp (ExpParameter base = -1 meaning e, scale = 1, shift = 0); with the
 * defaults it is e^x: Keras exponential, ONNX Exp, oneDNN eltwise_exp
 * (+use_dst), XNNPACK exp.
 * base must be e (-1) or positive (Caffe checks that ln(base) is finite);
 * base = 1 is the constant 1.
 * The exponent is formed with one rounding (fma), then exp or pow: the
 * exponent's rounding costs |exponent| * 2^-53 relative, at most ~2^-43.
 */
#include "fn.h"

#include <stdio.h>

static double exp_arg(double x, const double *p) { return p[1] == 0 ? p[2] : fma(p[1], x, p[2]); }
/* d/dx of the exponent's effect: ln(base) * scale */
static double exp_rate(const double *p) { return (p[0] == -1 ? 1.0 : log(p[0])) * p[1]; }

static double exp_f(double x, const double *p) {
    double z = exp_arg(x, p);
    return p[0] == -1 ? exp(z) : pow(p[0], z);
}
static double exp_df(double x, const double *p) {
    double c = exp_rate(p);
    if (c == 0) return 0.0; /* constant f (base 1 or scale 0), also at x = +-inf */
    return c * exp_f(x, p);
}
static double exp_dfy(double y, const double *p) {
    double c = exp_rate(p);
    return c == 0 ? 0.0 : c * y;
}
static int exp_check(const double *p, char *msg, size_t len) {
    if (p[0] == -1 || p[0] > 0) return 1;
    snprintf(msg, len, "base must be positive, or -1 for e");
    return 0;
}
ACT_KERNELS_Y(exp_f, exp_df, exp_dfy)

const act_desc act_desc_exp = {
    .name = "exp",
    .summary = "base^(shift + scale*x), e^x by default (Caffe Exp)",
    .formula = "base == -1 ? exp(shift + scale*x) : base^(shift + scale*x)",
    .dformula = "base == -1 ? scale*exp(shift + scale*x) : log(base)*scale*base^(shift + scale*x)",
    .origin = "Caffe Exp; Keras exponential; ONNX Exp; oneDNN eltwise_exp; XNNPACK exp",
    .notes = "base = -1 means e (Caffe); otherwise base > 0 (base = 1 is the constant 1); "
             "backward from y is exact math (ln(base)*scale*y)",
    .nparams = 3,
    .params = {{"base", -1.0, -1, DBL_MAX, 0, 0, "the base, or -1 for e"},
               {"scale", 1.0, -DBL_MAX, DBL_MAX, 0, 0, "multiplies x in the exponent"},
               {"shift", 0.0, -DBL_MAX, DBL_MAX, 0, 0, "added to the exponent"}},
    .aliases = {{"exponential", "", "Keras exponential"}, {0}},
    .check = exp_check,
    ACT_IMPL_Y(exp_f, exp_df, exp_dfy),
    .plot_lo = -3,
    .plot_hi = 2,
    .declared = {.inf = 0,
                 .sup = INFINITY,
                 .bounded_below = 1,
                 .bounded_above = 0,
                 .monotone = ACT_MONO_INCREASING,
                 .zero_centred = 0,
                 .symmetry = ACT_SYM_NONE,
                 .smoothness = ACT_SMOOTH_C2,
                 .n_kinks = 0,
                 .sup_df = INFINITY,
                 .sat_left = ACT_SAT_SOFT,
                 .sat_right = ACT_SAT_NONE,
                 .uat_article = 0,
                 .uat_leshno = 1},
};
