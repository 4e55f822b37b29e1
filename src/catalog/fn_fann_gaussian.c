/*
 * fann_gaussian - FANN_GAUSSIAN: a Gaussian bump of s x.
 *   f(x)  = e^(-(s x)^2)
 *   f'(x) = -2 s^2 x e^(-(s x)^2)
 * FANN (libfann) FANN_GAUSSIAN (fann_gaussian_real(s*sum) = exp(-sum*sum)),
 * steepness s, default 0.5. FANN's own derivative, fann_gaussian_derive
 * (-2 sum y s^2), is given neuron->sum, which fann_run has already multiplied
 * by s: it returns -2 s^3 x y, s times the true derivative (half of it at the
 * default s = 0.5). Ours is the true derivative.
 * Stability: t = s x is carried as hi + lo (fma) and t^2 as uh + ul, so that
 * e^-t^2 = e^-uh (1 - ul) keeps its relative accuracy far out, where an
 * absolute error of t^2 becomes a relative error of f. Beyond |t| = 40,
 * e^-t^2 < 1e-694 is 0 in double (and t^2 may overflow), so f = f' = 0 there.
 */
#include "fn.h"

/* e^-(s x)^2 with s x = hi + lo; 0 beyond |s x| = 40 */
static double fann_gaussian_bump(double s, double x, double *t) {
    double hi = s * x;
    *t = hi;
    if (!(fabs(hi) <= 40)) return 0.0;
    double lo = fma(s, x, -hi);
    double uh = hi * hi, ul = fma(hi, hi, -uh) + 2.0 * hi * lo;
    return exp(-uh) * (1.0 - ul);
}
static double fann_gaussian_f(double x, const double *p) {
    double t;
    return fann_gaussian_bump(p[0], x, &t);
}
static double fann_gaussian_df(double x, const double *p) {
    double t, e = fann_gaussian_bump(p[0], x, &t);
    return e == 0 ? 0.0 : -2.0 * p[0] * t * e;
}
ACT_KERNELS(fann_gaussian_f, fann_gaussian_df)

const act_desc act_desc_fann_gaussian = {
    .name = "fann_gaussian",
    .summary = "FANN_GAUSSIAN: exp(-(s*x)^2)",
    .formula = "exp(-(steepness*x)^2)",
    .dformula = "-2*steepness^2*x*exp(-(steepness*x)^2)",
    .origin = "FANN FANN_GAUSSIAN",
    .notes = "f' is the true derivative; FANN's fann_gaussian_derive(-2*sum*y*s*s) receives the "
             "sum already multiplied by s, so FANN's gradient is s times the true one",
    .nparams = 1,
    .params = {{"steepness", 0.5, 0, DBL_MAX, ACT_P_LO_OPEN, 0,
                "FANN activation steepness s; f is applied to s*x (FANN default 0.5)"}},
    .aliases = {{0}},
    ACT_IMPL(fann_gaussian_f, fann_gaussian_df),
    .plot_lo = -6,
    .plot_hi = 6,
    /* sup |f'| = s sqrt(2) e^-1/2 at s x = +-1/sqrt(2) */
    .declared = {.inf = 0,
                 .sup = 1,
                 .bounded_below = 1,
                 .bounded_above = 1,
                 .monotone = ACT_MONO_NONE,
                 .zero_centred = 0,
                 .symmetry = ACT_SYM_EVEN,
                 .smoothness = ACT_SMOOTH_C2,
                 .n_kinks = 0,
                 .sup_df = 0.42888194248035340,
                 .sat_left = ACT_SAT_SOFT,
                 .sat_right = ACT_SAT_SOFT,
                 .uat_article = 0,
                 .uat_leshno = 1},
};
