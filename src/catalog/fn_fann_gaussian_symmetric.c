/*
 * fann_gaussian_symmetric - FANN_GAUSSIAN_SYMMETRIC: the Gaussian bump
 * stretched to [-1, 1].
 *   f(x)  = 2 e^(-(s x)^2) - 1
 *   f'(x) = -4 s^2 x e^(-(s x)^2)
 * FANN (libfann) FANN_GAUSSIAN_SYMMETRIC (fann_gaussian_symmetric_real:
 * exp(-sum*sum)*2 - 1 on sum = s*x), steepness s, default 0.5. f -> -1 on both
 * sides (fann_data.h says "0 when x = inf", a slip: the code gives -1).
 * FANN's own derivative, fann_gaussian_symmetric_derive (-2 sum (y+1) s^2), is
 * given the sum already multiplied by s: it is s times the true derivative.
 * Stability: f crosses 0 at |s x| = sqrt(ln 2), where 2 e^-u - 1 cancels; it
 * is computed as expm1(ln 2 - u), with ln 2 and u = (s x)^2 both carried as
 * two doubles (fma), which is exact near the crossing and accurate elsewhere.
 * Beyond |s x| = 40, e^-(s x)^2 is 0 in double: f = -1, f' = 0.
 */
#include "fn.h"

#define FGS_LN2_HI 0x1.62e42fefa39efp-1
#define FGS_LN2_LO 0x1.abc9e3b39803fp-56

/* (s x)^2 = *uh + *ul; returns 0 beyond |s x| = 40 (f = -1 there), else 1 */
static int fann_gaussian_symmetric_sq(double s, double x, double *t, double *uh, double *ul) {
    double hi = s * x;
    *t = hi;
    if (!(fabs(hi) <= 40)) return 0;
    double lo = fma(s, x, -hi);
    *uh = hi * hi;
    *ul = fma(hi, hi, -*uh) + 2.0 * hi * lo;
    return 1;
}
static double fann_gaussian_symmetric_f(double x, const double *p) {
    double t, uh, ul;
    if (!fann_gaussian_symmetric_sq(p[0], x, &t, &uh, &ul)) return -1.0;
    /* 2 e^-u - 1 = e^(ln2 - u) - 1; ln2_hi - uh is exact where it cancels */
    return expm1((FGS_LN2_HI - uh) + (FGS_LN2_LO - ul));
}
static double fann_gaussian_symmetric_df(double x, const double *p) {
    double t, uh, ul;
    if (!fann_gaussian_symmetric_sq(p[0], x, &t, &uh, &ul)) return 0.0;
    return -4.0 * p[0] * t * (exp(-uh) * (1.0 - ul));
}
ACT_KERNELS(fann_gaussian_symmetric_f, fann_gaussian_symmetric_df)

const act_desc act_desc_fann_gaussian_symmetric = {
    .name = "fann_gaussian_symmetric",
    .summary = "FANN_GAUSSIAN_SYMMETRIC: 2*exp(-(s*x)^2) - 1",
    .formula = "2*exp(-(steepness*x)^2) - 1",
    .dformula = "-4*steepness^2*x*exp(-(steepness*x)^2)",
    .origin = "FANN FANN_GAUSSIAN_SYMMETRIC",
    .notes = "f -> -1 on both sides (FANN's doc comment says 0 at +inf; the code gives -1); f' "
             "is the true derivative; FANN's fann_gaussian_symmetric_derive receives the sum "
             "already multiplied by s, so FANN's gradient is s times the true one",
    .nparams = 1,
    .params = {{"steepness", 0.5, 0, DBL_MAX, ACT_P_LO_OPEN, 0,
                "FANN activation steepness s; f is applied to s*x (FANN default 0.5)"}},
    .aliases = {{0}},
    ACT_IMPL(fann_gaussian_symmetric_f, fann_gaussian_symmetric_df),
    .plot_lo = -6,
    .plot_hi = 6,
    /* sup |f'| = 2 s sqrt(2) e^-1/2 at s x = +-1/sqrt(2) */
    .declared = {.inf = -1,
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
