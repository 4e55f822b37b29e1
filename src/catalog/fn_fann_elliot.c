/*
 * fann_elliot - FANN_ELLIOT: David Elliott's fast sigmoid, on (0, 1).
 *   f(x)  = (s x / 2) / (1 + |s x|) + 1/2
 *   f'(x) = s / (2 (1 + |s x|)^2)              (from y: 2 s m^2, m = min(y, 1 - y))
 * FANN (libfann) FANN_ELLIOT (fann_elliot_real(s*sum)), steepness s, default
 * 0.5; the softsign x/(1+|x|) moved to (0, 1). FANN's own derivative
 * (fann_elliot_derive) is s / (2 (1 + |sum|)^2) on the already scaled sum:
 * the true derivative (its clipping of y to [0.01, 0.99] is dead code, the
 * formula does not use y). f' is continuous with a kink at 0, so f is C1.
 * Stability: for s x < 0, f = 1/(2 (1 + |s x|)), which has no cancellation in
 * the left tail (the written form 1/2 + (negative) loses everything there);
 * f' as (s/2) d^2 with d = 1/(1 + |s x|), which cannot overflow. From y,
 * 1 + |s x| = 1/(2 m) with m = min(y, 1 - y) exact.
 */
#include "fn.h"

static double fann_elliot_f(double x, const double *p) {
    double t = p[0] * x;
    if (isinf(t)) return t > 0 ? 1.0 : 0.0;
    if (t < 0) return 0.5 / (1.0 - t);
    return 0.5 + 0.5 * t / (1.0 + t);
}
static double fann_elliot_df(double x, const double *p) {
    double d = 1.0 / (1.0 + fabs(p[0] * x));
    return 0.5 * p[0] * d * d;
}
static double fann_elliot_dfy(double y, const double *p) {
    double m = fmin(y, 1.0 - y);
    return 2.0 * p[0] * m * m;
}
ACT_KERNELS_Y(fann_elliot_f, fann_elliot_df, fann_elliot_dfy)

const act_desc act_desc_fann_elliot = {
    .name = "fann_elliot",
    .summary = "FANN_ELLIOT: Elliott's fast sigmoid (s*x/2)/(1+|s*x|) + 1/2",
    .formula = "(steepness*x/2)/(1 + abs(steepness*x)) + 0.5",
    .dformula = "steepness/(2*(1 + abs(steepness*x))^2)",
    .origin = "FANN FANN_ELLIOT (D. L. Elliott's sigmoid)",
    .notes = "C1 (f'' jumps at 0); FANN's fann_elliot_derive gives the same derivative; left tail "
             "computed as 1/(2(1+|s*x|)) without cancellation",
    .nparams = 1,
    .params = {{"steepness", 0.5, 0, DBL_MAX, ACT_P_LO_OPEN, 0,
                "FANN activation steepness s; f is applied to s*x (FANN default 0.5)"}},
    .aliases = {{0}},
    ACT_IMPL_Y(fann_elliot_f, fann_elliot_df, fann_elliot_dfy),
    .plot_lo = -10,
    .plot_hi = 10,
    .declared = {.inf = 0,
                 .sup = 1,
                 .bounded_below = 1,
                 .bounded_above = 1,
                 .monotone = ACT_MONO_INCREASING,
                 .zero_centred = 0,
                 .symmetry = ACT_SYM_NONE,
                 .smoothness = ACT_SMOOTH_C1,
                 .n_kinks = 0,
                 .sup_df = 0.25,
                 .sat_left = ACT_SAT_SOFT,
                 .sat_right = ACT_SAT_SOFT,
                 .uat_article = 1,
                 .uat_leshno = 1},
};
