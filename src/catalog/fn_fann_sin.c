/*
 * fann_sin - FANN_SIN: a sine of s x moved to [0, 1].
 *   f(x)  = sin(s x)/2 + 1/2
 *   f'(x) = s cos(s x)/2
 * FANN (libfann) FANN_SIN (fann_sin_real(s*sum)), steepness s, default 0.5.
 * Periodic: f(+-inf) = f'(+-inf) = NaN; bounded, not monotone, never
 * saturates. FANN's own derivative, fann_sin_derive = s cos(s*sum)/2, is given
 * the sum already multiplied by s: it evaluates s cos(s^2 x)/2, right only at
 * s = 1. Ours is s cos(s x)/2.
 * Stability: where sin t < 0 the written form cancels near its zeros
 * (sin t = -1); there f = (1 + sin t)/2 = cos^2 t / (2 (1 - sin t)), whose
 * factors have no cancellation (libm's cos is accurate near its zeros).
 * t = s x as hi + lo (fma), sin and cos corrected to first order.
 */
#include "fn.h"

static void fann_sin_sincos(double s, double x, double *sn, double *cs) {
    double hi = s * x, lo = isfinite(hi) ? fma(s, x, -hi) : 0.0;
    double a = sin(hi), b = cos(hi);
    *sn = a + lo * b;
    *cs = b - lo * a;
}
static double fann_sin_f(double x, const double *p) {
    double sn, cs;
    fann_sin_sincos(p[0], x, &sn, &cs);
    if (sn >= 0) return 0.5 + 0.5 * sn;
    return 0.5 * cs * cs / (1.0 - sn);
}
static double fann_sin_df(double x, const double *p) {
    double sn, cs;
    fann_sin_sincos(p[0], x, &sn, &cs);
    return 0.5 * p[0] * cs;
}
ACT_KERNELS(fann_sin_f, fann_sin_df)

const act_desc act_desc_fann_sin = {
    .name = "fann_sin",
    .summary = "FANN_SIN: sin(s*x)/2 + 1/2, on [0, 1]",
    .formula = "sin(steepness*x)/2 + 0.5",
    .dformula = "steepness*cos(steepness*x)/2",
    .origin = "FANN FANN_SIN",
    .notes = "periodic: f(+-inf) = NaN (no limit); f' is the true derivative; FANN's "
             "fann_sin_derive is s*cos(s*sum)/2 on the already scaled sum, i.e. s*cos(s*s*x)/2, "
             "right only at s = 1; near its zeros f = cos^2/(2(1-sin)) without cancellation",
    .nparams = 1,
    .params = {{"steepness", 0.5, 0, DBL_MAX, ACT_P_LO_OPEN, 0,
                "FANN activation steepness s; f is applied to s*x (FANN default 0.5)"}},
    .aliases = {{0}},
    ACT_IMPL(fann_sin_f, fann_sin_df),
    .plot_lo = -15,
    .plot_hi = 15,
    .declared = {.inf = 0,
                 .sup = 1,
                 .bounded_below = 1,
                 .bounded_above = 1,
                 .monotone = ACT_MONO_NONE,
                 .zero_centred = 0,
                 .symmetry = ACT_SYM_NONE,
                 .smoothness = ACT_SMOOTH_C2,
                 .n_kinks = 0,
                 .sup_df = 0.25,
                 .sat_left = ACT_SAT_NONE,
                 .sat_right = ACT_SAT_NONE,
                 .uat_article = 0,
                 .uat_leshno = 1},
};
