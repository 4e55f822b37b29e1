/*
 * fann_cos - FANN_COS: a cosine of s x moved to [0, 1].
 *   f(x)  = cos(s x)/2 + 1/2
 *   f'(x) = -s sin(s x)/2
 * FANN (libfann) FANN_COS (fann_cos_real(s*sum)), steepness s, default 0.5.
 * Periodic: f(+-inf) = f'(+-inf) = NaN; bounded, not monotone, never
 * saturates; even, f(0) = 1. FANN's own derivative, fann_cos_derive =
 * -s sin(s*sum)/2, is given the sum already multiplied by s: it evaluates
 * -s sin(s^2 x)/2, right only at s = 1. Ours is -s sin(s x)/2.
 * Stability: where cos t < 0 the written form cancels near its zeros
 * (cos t = -1); there f = (1 + cos t)/2 = sin^2 t / (2 (1 - cos t)), whose
 * factors have no cancellation. t = s x as hi + lo (fma), sin and cos
 * corrected to first order.
 */
#include "fn.h"

static void fann_cos_sincos(double s, double x, double *sn, double *cs) {
    double hi = s * x, lo = isfinite(hi) ? fma(s, x, -hi) : 0.0;
    double a = sin(hi), b = cos(hi);
    *sn = a + lo * b;
    *cs = b - lo * a;
}
static double fann_cos_f(double x, const double *p) {
    double sn, cs;
    fann_cos_sincos(p[0], x, &sn, &cs);
    if (cs >= 0) return 0.5 + 0.5 * cs;
    return 0.5 * sn * sn / (1.0 - cs);
}
static double fann_cos_df(double x, const double *p) {
    double sn, cs;
    fann_cos_sincos(p[0], x, &sn, &cs);
    return -0.5 * p[0] * sn;
}
ACT_KERNELS(fann_cos_f, fann_cos_df)

const act_desc act_desc_fann_cos = {
    .name = "fann_cos",
    .summary = "FANN_COS: cos(s*x)/2 + 1/2, on [0, 1]",
    .formula = "cos(steepness*x)/2 + 0.5",
    .dformula = "-steepness*sin(steepness*x)/2",
    .origin = "FANN FANN_COS",
    .notes = "periodic: f(+-inf) = NaN (no limit); f' is the true derivative; FANN's "
             "fann_cos_derive is -s*sin(s*sum)/2 on the already scaled sum, i.e. "
             "-s*sin(s*s*x)/2, right only at s = 1; near its zeros f = sin^2/(2(1-cos)) "
             "without cancellation",
    .nparams = 1,
    .params = {{"steepness", 0.5, 0, DBL_MAX, ACT_P_LO_OPEN, 0,
                "FANN activation steepness s; f is applied to s*x (FANN default 0.5)"}},
    .aliases = {{0}},
    ACT_IMPL(fann_cos_f, fann_cos_df),
    .plot_lo = -15,
    .plot_hi = 15,
    .declared = {.inf = 0,
                 .sup = 1,
                 .bounded_below = 1,
                 .bounded_above = 1,
                 .monotone = ACT_MONO_NONE,
                 .zero_centred = 0,
                 .symmetry = ACT_SYM_EVEN,
                 .smoothness = ACT_SMOOTH_C2,
                 .n_kinks = 0,
                 .sup_df = 0.25,
                 .sat_left = ACT_SAT_NONE,
                 .sat_right = ACT_SAT_NONE,
                 .uat_article = 0,
                 .uat_leshno = 1},
};
