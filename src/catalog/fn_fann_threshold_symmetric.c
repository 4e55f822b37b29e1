/*
 * fann_threshold_symmetric - FANN_THRESHOLD_SYMMETRIC: the sign step.
 *   f(x)  = -1 for s x < 0, 1 for s x >= 0    (so f(0) = f(-0) = 1)
 *   f'(x) = 0                                  (x != 0; 0 at the jump by convention)
 * FANN (libfann) FANN_THRESHOLD_SYMMETRIC: fann_activation_switch computes
 * (value < 0) ? -1 : 1 on value = s*sum (fann_data.h's comment repeats the
 * 0/1 of FANN_THRESHOLD, the code gives -1/1). With s > 0 the steepness
 * changes nothing. fann_activation_derived has no case for it and returns 0,
 * which is the true derivative away from the jump; we give 0 at the jump too.
 * Not odd: f(0) = 1.
 */
#include "fn.h"

static double fann_threshold_symmetric_f(double x, const double *p) {
    (void)p;
    return x < 0 ? -1.0 : 1.0;
}
static double fann_threshold_symmetric_df(double x, const double *p) {
    (void)x;
    (void)p;
    return 0.0;
}
static int fann_threshold_symmetric_breaks(const double *p, double *out, int max) {
    (void)p;
    if (max > 0) out[0] = 0;
    return 1;
}
ACT_KERNELS(fann_threshold_symmetric_f, fann_threshold_symmetric_df)

const act_desc act_desc_fann_threshold_symmetric = {
    .name = "fann_threshold_symmetric",
    .summary = "FANN_THRESHOLD_SYMMETRIC: sign step, -1 for x < 0 and 1 for x >= 0",
    .formula = "x < 0 ? -1 : 1",
    .dformula = "0",
    .origin = "FANN FANN_THRESHOLD_SYMMETRIC",
    .notes = "f(0) = 1 (FANN tests value < 0), so not odd; the steepness has no effect for "
             "s > 0; f' = 0 everywhere, also at the jump (FANN's fann_activation_derived has "
             "no case for it and returns 0)",
    .nparams = 1,
    .params = {{"steepness", 0.5, 0, DBL_MAX, ACT_P_LO_OPEN, 0,
                "FANN activation steepness s; f is applied to s*x (no effect here)"}},
    .aliases = {{0}},
    ACT_IMPL(fann_threshold_symmetric_f, fann_threshold_symmetric_df),
    .breaks = fann_threshold_symmetric_breaks,
    .plot_lo = -3,
    .plot_hi = 3,
    .declared = {.inf = -1,
                 .sup = 1,
                 .bounded_below = 1,
                 .bounded_above = 1,
                 .monotone = ACT_MONO_INCREASING,
                 .zero_centred = 0,
                 .symmetry = ACT_SYM_NONE,
                 .smoothness = ACT_SMOOTH_DISCONTINUOUS,
                 .n_kinks = 1,
                 .kinks = {0},
                 .sup_df = 0,
                 .sat_left = ACT_SAT_HARD,
                 .sat_right = ACT_SAT_HARD,
                 .uat_article = 0,
                 .uat_leshno = 1},
};
