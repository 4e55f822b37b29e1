/*
 * gaussian - the Gaussian bump, the activation of radial-basis-function
 * units and of FANN's GAUSSIAN at steepness 1.
 *   f(x)  = exp(-x^2)                      range (0, 1], f(0) = 1
 *   f'(x) = -2 x exp(-x^2)                 |f'| peaks at x = +-1/sqrt(2)
 * sup |f'| = sqrt(2) e^-1/2 = 0.85776388496070680. Even, not monotone,
 * soft saturation on both sides (f' -> 0 only in the limit).
 * Evaluation: x^2 is split exactly as hi + lo (lo = fma(x, x, -hi)) and
 * e^-(hi+lo) = e^-hi (1 - lo): the rounding of x^2 would otherwise cost up
 * to x^2 2^-53 relative error (about 370 double ULP where e^-x^2 nears the
 * underflow). For float inputs x^2 is exact and lo = 0. Where e^-hi would be
 * subnormal (hi > 700) it is formed as e^(64-hi) e^-64 (64 - hi is exact),
 * so f and f' keep their precision down to the underflow.
 */
#include "fn.h"

#define GAUSSIAN_EM64 0x1.969d47321e4ccp-93 /* e^-64, correctly rounded */

/* e^-x^2, and the scale factor still to apply (1 or e^-64) */
static double gaussian_core(double x, double *scale) {
    double hi = x * x;
    double lo = isfinite(hi) ? fma(x, x, -hi) : 0.0;
    *scale = 1.0;
    if (hi > 700) {
        *scale = GAUSSIAN_EM64;
        return exp(64.0 - hi) * (1.0 - lo);
    }
    return exp(-hi) * (1.0 - lo);
}
static double gaussian_f(double x, const double *p) {
    (void)p;
    double s, e = gaussian_core(x, &s);
    return e * s;
}
static double gaussian_df(double x, const double *p) {
    (void)p;
    if (isinf(x)) return x > 0 ? -0.0 : 0.0;
    double s, e = gaussian_core(x, &s);
    return (-2.0 * x * e) * s;
}
/* the float kernels skip exp where e^-x^2 is far below the smallest
   subnormal (e^-110 x 21 < 2^-150): exp's underflow path is slow (4x) */
static double gaussian_fk(double x, const double *p) {
    return fabs(x) > 10.5 ? 0.0 : gaussian_f(x, p);
}
static double gaussian_dfk(double x, const double *p) {
    if (fabs(x) > 10.5) return x > 0 ? -0.0 : 0.0;
    return gaussian_df(x, p);
}
ACT_KERNELS(gaussian_fk, gaussian_dfk)

const act_desc act_desc_gaussian = {
    .name = "gaussian",
    .summary = "Gaussian bump exp(-x^2)",
    .formula = "exp(-x^2)",
    .dformula = "-2*x*exp(-x^2)",
    .origin = "radial basis function units; FANN GAUSSIAN with steepness 1",
    .notes = "x^2 carried exactly as hi + lo; e^-x^2 formed as e^(64-x^2) e^-64 near the "
             "underflow; f(+-inf) = 0, f'(+-inf) = -+0; sup |f'| = sqrt(2/e) at x = -+1/sqrt(2)",
    .aliases = {{0}},
    .f = gaussian_f,
    .df = gaussian_df,
    .fwd = gaussian_fk_fwd,
    .bwd_x = gaussian_dfk_bwd_x,
    .plot_lo = -3,
    .plot_hi = 3,
    .declared = {.inf = 0,
                 .sup = 1,
                 .bounded_below = 1,
                 .bounded_above = 1,
                 .monotone = ACT_MONO_NONE,
                 .zero_centred = 0,
                 .symmetry = ACT_SYM_EVEN,
                 .smoothness = ACT_SMOOTH_C2,
                 .n_kinks = 0,
                 .sup_df = 0.85776388496070680,
                 .sat_left = ACT_SAT_SOFT,
                 .sat_right = ACT_SAT_SOFT,
                 .uat_article = 0,
                 .uat_leshno = 1},
};
