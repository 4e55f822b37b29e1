/*
 * fann_elliot_symmetric - FANN_ELLIOT_SYMMETRIC: Elliott's sigmoid on (-1, 1),
 * i.e. the softsign of s x.
 *   f(x)  = s x / (1 + |s x|)
 *   f'(x) = s / (1 + |s x|)^2                  (from y: s (1 - |y|)^2)
 * FANN (libfann) FANN_ELLIOT_SYMMETRIC (fann_elliot_symmetric_real(s*sum)),
 * steepness s, default 0.5; at s = 1 it is PyTorch's Softsign. FANN's own
 * derivative (fann_elliot_symmetric_derive, s / (1 + |sum|)^2 on the scaled
 * sum) is the true derivative. f' has a kink at 0, so f is C1.
 * Stability: no cancellation anywhere; +-inf (also from an overflowing s*x)
 * gives +-1 instead of inf/inf; f' as s d^2 with d = 1/(1 + |s x|).
 */
#include "fn.h"

static double fann_elliot_symmetric_f(double x, const double *p) {
    double t = p[0] * x;
    if (isinf(t)) return t > 0 ? 1.0 : -1.0;
    return t / (1.0 + fabs(t));
}
static double fann_elliot_symmetric_df(double x, const double *p) {
    double d = 1.0 / (1.0 + fabs(p[0] * x));
    return p[0] * d * d;
}
static double fann_elliot_symmetric_dfy(double y, const double *p) {
    double m = 1.0 - fabs(y);
    return p[0] * m * m;
}
ACT_KERNELS_Y(fann_elliot_symmetric_f, fann_elliot_symmetric_df, fann_elliot_symmetric_dfy)

const act_desc act_desc_fann_elliot_symmetric = {
    .name = "fann_elliot_symmetric",
    .summary = "FANN_ELLIOT_SYMMETRIC: Elliott's symmetric sigmoid s*x/(1+|s*x|) (softsign of s*x)",
    .formula = "steepness*x/(1 + abs(steepness*x))",
    .dformula = "steepness/(1 + abs(steepness*x))^2",
    .origin = "FANN FANN_ELLIOT_SYMMETRIC (softsign at s = 1)",
    .notes = "C1 (f'' jumps at 0); FANN's fann_elliot_symmetric_derive gives the same "
             "derivative; from y: s*(1-|y|)^2",
    .nparams = 1,
    .params = {{"steepness", 0.5, 0, DBL_MAX, ACT_P_LO_OPEN, 0,
                "FANN activation steepness s; f is applied to s*x (FANN default 0.5)"}},
    .aliases = {{0}},
    ACT_IMPL_Y(fann_elliot_symmetric_f, fann_elliot_symmetric_df, fann_elliot_symmetric_dfy),
    .plot_lo = -10,
    .plot_hi = 10,
    .declared = {.inf = -1,
                 .sup = 1,
                 .bounded_below = 1,
                 .bounded_above = 1,
                 .monotone = ACT_MONO_INCREASING,
                 .zero_centred = 1,
                 .symmetry = ACT_SYM_ODD,
                 .smoothness = ACT_SMOOTH_C1,
                 .n_kinks = 0,
                 .sup_df = 0.5,
                 .sat_left = ACT_SAT_SOFT,
                 .sat_right = ACT_SAT_SOFT,
                 .uat_article = 1,
                 .uat_leshno = 1},
};
