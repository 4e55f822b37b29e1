/*
 * arctan - the inverse tangent as an activation.
 *   f(x)  = atan(x)                          range (-pi/2, pi/2)
 *   f'(x) = 1 / (1 + x^2)
 * A bounded, odd, smooth squashing function that saturates polynomially
 * (f' ~ 1/x^2) rather than exponentially like tanh. It appears in the
 * activation tables of the literature (e.g. the "ArcTan" row of the list of
 * activation functions on Wikipedia) and as ONNX's elementwise Atan operator.
 * f through libm atan. f' as 1/(1 + x^2) while x^2 is finite; for
 * |x| > 1e150 (x^2 would overflow near 1.3e154) as (1/x)^2, which keeps the
 * tail down to the subnormals instead of returning 0 early.
 */
#include "fn.h"

static double arctan_f(double x, const double *p) {
    (void)p;
    return atan(x);
}
static double arctan_df(double x, const double *p) {
    (void)p;
    if (fabs(x) > 1e150) {
        double t = 1.0 / x; /* 1/(1+x^2) = t^2 to double precision here */
        return t * t;
    }
    return 1.0 / (1.0 + x * x);
}
ACT_KERNELS(arctan_f, arctan_df)

const act_desc act_desc_arctan = {
    .name = "arctan",
    .summary = "inverse tangent atan(x), bounded by +-pi/2",
    .formula = "atan(x)",
    .dformula = "1/(1+x^2)",
    .origin = "literature (ArcTan in the activation-function tables); ONNX Atan as an operator",
    .notes = "f'(x) = 1/(1+x^2), computed as (1/x)^2 for |x| > 1e150 where x^2 would overflow; "
             "f(+-inf) = +-pi/2, f'(+-inf) = 0",
    .aliases = {{"atan", "", "ONNX Atan, C atan"}, {0}},
    ACT_IMPL(arctan_f, arctan_df),
    .plot_lo = -8,
    .plot_hi = 8,
    .declared = {.inf = -M_PI / 2,
                 .sup = M_PI / 2,
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
