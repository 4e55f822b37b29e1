/*
 * fann_cos_symmetric - FANN_COS_SYMMETRIC: a cosine of s x.
 *   f(x)  = cos(s x)
 *   f'(x) = -s sin(s x)
 * FANN (libfann) FANN_COS_SYMMETRIC (fann_cos_symmetric_real(s*sum)),
 * steepness s, default 0.5 (period 4 pi). Periodic: f(+-inf) = f'(+-inf) =
 * NaN; bounded, not monotone, never saturates; even, f(0) = 1.
 * FANN's own derivative, fann_cos_symmetric_derive = -s sin(s*sum), is given
 * the sum already multiplied by s: it evaluates -s sin(s^2 x), right only at
 * s = 1. Ours is -s sin(s x).
 * Stability: t = s x as hi + lo (fma), corrected to first order
 * (cos(hi) - lo sin(hi)), so f keeps its relative accuracy near its zeros.
 */
#include "fn.h"

static double fann_cos_symmetric_arg(double s, double x, double *lo) {
    double hi = s * x;
    *lo = isfinite(hi) ? fma(s, x, -hi) : 0.0;
    return hi;
}
static double fann_cos_symmetric_f(double x, const double *p) {
    double lo, hi = fann_cos_symmetric_arg(p[0], x, &lo);
    return cos(hi) - lo * sin(hi);
}
static double fann_cos_symmetric_df(double x, const double *p) {
    double lo, hi = fann_cos_symmetric_arg(p[0], x, &lo);
    return -p[0] * (sin(hi) + lo * cos(hi));
}
ACT_KERNELS(fann_cos_symmetric_f, fann_cos_symmetric_df)

const act_desc act_desc_fann_cos_symmetric = {
    .name = "fann_cos_symmetric",
    .summary = "FANN_COS_SYMMETRIC: cos(s*x)",
    .formula = "cos(steepness*x)",
    .dformula = "-steepness*sin(steepness*x)",
    .origin = "FANN FANN_COS_SYMMETRIC",
    .notes = "periodic: f(+-inf) = NaN (no limit); f' is the true derivative; FANN's "
             "fann_cos_symmetric_derive is -s*sin(s*sum) on the already scaled sum, i.e. "
             "-s*sin(s*s*x), right only at s = 1",
    .nparams = 1,
    .params = {{"steepness", 0.5, 0, DBL_MAX, ACT_P_LO_OPEN, 0,
                "FANN activation steepness s; f is applied to s*x (FANN default 0.5)"}},
    .aliases = {{0}},
    ACT_IMPL(fann_cos_symmetric_f, fann_cos_symmetric_df),
    .plot_lo = -15,
    .plot_hi = 15,
    .declared = {.inf = -1,
                 .sup = 1,
                 .bounded_below = 1,
                 .bounded_above = 1,
                 .monotone = ACT_MONO_NONE,
                 .zero_centred = 0,
                 .symmetry = ACT_SYM_EVEN,
                 .smoothness = ACT_SMOOTH_C2,
                 .n_kinks = 0,
                 .sup_df = 0.5,
                 .sat_left = ACT_SAT_NONE,
                 .sat_right = ACT_SAT_NONE,
                 .uat_article = 0,
                 .uat_leshno = 1},
};
