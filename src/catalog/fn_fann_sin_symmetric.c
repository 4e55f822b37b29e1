/*
 * fann_sin_symmetric - FANN_SIN_SYMMETRIC: a sine of s x.
 *   f(x)  = sin(s x)
 *   f'(x) = s cos(s x)
 * FANN (libfann) FANN_SIN_SYMMETRIC (fann_sin_symmetric_real(s*sum)),
 * steepness s, default 0.5 (period 4 pi). Periodic: no limit at +-inf, so
 * f(+-inf) = f'(+-inf) = NaN; bounded, not monotone, never saturates.
 * FANN's own derivative, fann_sin_symmetric_derive = s cos(s*sum), is given
 * neuron->sum, already multiplied by s in fann_run: it evaluates s cos(s^2 x),
 * the true derivative only at s = 1. Ours is s cos(s x).
 * Stability: t = s x is carried as hi + lo (fma) and corrected to first order
 * (sin(hi) + lo cos(hi)), so f keeps its relative accuracy near every zero
 * k pi / s even where s x is not exact; libm reduces large arguments exactly.
 */
#include "fn.h"

static double fann_sin_symmetric_arg(double s, double x, double *lo) {
    double hi = s * x;
    *lo = isfinite(hi) ? fma(s, x, -hi) : 0.0;
    return hi;
}
static double fann_sin_symmetric_f(double x, const double *p) {
    double lo, hi = fann_sin_symmetric_arg(p[0], x, &lo);
    return sin(hi) + lo * cos(hi);
}
static double fann_sin_symmetric_df(double x, const double *p) {
    double lo, hi = fann_sin_symmetric_arg(p[0], x, &lo);
    return p[0] * (cos(hi) - lo * sin(hi));
}
ACT_KERNELS(fann_sin_symmetric_f, fann_sin_symmetric_df)

const act_desc act_desc_fann_sin_symmetric = {
    .name = "fann_sin_symmetric",
    .summary = "FANN_SIN_SYMMETRIC: sin(s*x)",
    .formula = "sin(steepness*x)",
    .dformula = "steepness*cos(steepness*x)",
    .origin = "FANN FANN_SIN_SYMMETRIC",
    .notes = "periodic: f(+-inf) = NaN (no limit); f' is the true derivative; FANN's "
             "fann_sin_symmetric_derive is s*cos(s*sum) on the already scaled sum, i.e. "
             "s*cos(s*s*x), right only at s = 1",
    .nparams = 1,
    .params = {{"steepness", 0.5, 0, DBL_MAX, ACT_P_LO_OPEN, 0,
                "FANN activation steepness s; f is applied to s*x (FANN default 0.5)"}},
    .aliases = {{0}},
    ACT_IMPL(fann_sin_symmetric_f, fann_sin_symmetric_df),
    .plot_lo = -15,
    .plot_hi = 15,
    .declared = {.inf = -1,
                 .sup = 1,
                 .bounded_below = 1,
                 .bounded_above = 1,
                 .monotone = ACT_MONO_NONE,
                 .zero_centred = 1,
                 .symmetry = ACT_SYM_ODD,
                 .smoothness = ACT_SMOOTH_C2,
                 .n_kinks = 0,
                 .sup_df = 0.5,
                 .sat_left = ACT_SAT_NONE,
                 .sat_right = ACT_SAT_NONE,
                 .uat_article = 0,
                 .uat_leshno = 1},
};
