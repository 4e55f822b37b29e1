/*
 * fann_sigmoid_symmetric - FANN_SIGMOID_SYMMETRIC: tanh of s x.
 *   f(x)  = tanh(s x) = 2 / (1 + e^(-2 s x)) - 1
 *   f'(x) = s sech^2(s x)                      (from y: s (1 - y^2))
 * FANN (libfann) FANN_SIGMOID_SYMMETRIC (fann_sigmoid_symmetric_real(s*sum),
 * written 2/(1+exp(-2 sum)) - 1), steepness s, default 0.5. FANN's own
 * derivative clips y to [-0.98, 0.98] before s (1 - y^2): it never falls below
 * 0.0396 s (at |x| > 2.3/s); ours is the true derivative.
 * Stability: libm tanh (no e^2x overflow, no cancellation near 0); f' as
 * 4 e^-2|t| / (1 + e^-2|t|)^2, exact in the tails where 1 - y^2 is 0. t = s x
 * is carried as hi + lo (fma) and corrected to first order: the tails of f'
 * amplify an absolute error of t.
 */
#include "fn.h"

static double fann_sigmoid_symmetric_arg(double s, double x, double *lo) {
    double hi = s * x;
    *lo = isfinite(hi) ? fma(s, x, -hi) : 0.0;
    return hi;
}
static double fann_sigmoid_symmetric_f(double x, const double *p) {
    double lo, hi = fann_sigmoid_symmetric_arg(p[0], x, &lo);
    return tanh(hi) + lo * act_sech2(hi);
}
static double fann_sigmoid_symmetric_df(double x, const double *p) {
    double lo, hi = fann_sigmoid_symmetric_arg(p[0], x, &lo);
    /* (sech^2)' = -2 sech^2 tanh */
    return p[0] * act_sech2(hi) * (1.0 - 2.0 * lo * tanh(hi));
}
static double fann_sigmoid_symmetric_dfy(double y, const double *p) {
    return p[0] * (1.0 - y) * (1.0 + y);
}
ACT_KERNELS_Y(fann_sigmoid_symmetric_f, fann_sigmoid_symmetric_df, fann_sigmoid_symmetric_dfy)

const act_desc act_desc_fann_sigmoid_symmetric = {
    .name = "fann_sigmoid_symmetric",
    .summary = "FANN_SIGMOID_SYMMETRIC: tanh(s*x), FANN's symmetric sigmoid",
    .formula = "tanh(steepness*x)",
    .dformula = "steepness/cosh(steepness*x)^2",
    .origin = "FANN FANN_SIGMOID_SYMMETRIC",
    .notes = "f' is the true derivative; FANN's fann_activation_derived clips y to "
             "[-0.98, 0.98] before s*(1-y*y), so its gradient never drops below 0.0396*s; from y "
             "here: s*(1-y)*(1+y) unclipped",
    .nparams = 1,
    .params = {{"steepness", 0.5, 0, DBL_MAX, ACT_P_LO_OPEN, 0,
                "FANN activation steepness s; f is applied to s*x (FANN default 0.5)"}},
    .aliases = {{0}},
    ACT_IMPL_Y(fann_sigmoid_symmetric_f, fann_sigmoid_symmetric_df, fann_sigmoid_symmetric_dfy),
    .plot_lo = -8,
    .plot_hi = 8,
    .declared = {.inf = -1,
                 .sup = 1,
                 .bounded_below = 1,
                 .bounded_above = 1,
                 .monotone = ACT_MONO_INCREASING,
                 .zero_centred = 1,
                 .symmetry = ACT_SYM_ODD,
                 .smoothness = ACT_SMOOTH_C2,
                 .n_kinks = 0,
                 .sup_df = 0.5,
                 .sat_left = ACT_SAT_SOFT,
                 .sat_right = ACT_SAT_SOFT,
                 .uat_article = 1,
                 .uat_leshno = 1},
};
