/*
 * fann_threshold - FANN_THRESHOLD: the unit step.
 *   f(x)  = 0 for s x < 0, 1 for s x >= 0     (so f(0) = f(-0) = 1)
 *   f'(x) = 0                                  (x != 0; 0 at the jump by convention)
 * FANN (libfann) FANN_THRESHOLD: fann_activation_switch computes
 * (value < 0) ? 0 : 1 on value = s*sum. With s > 0 the steepness changes
 * nothing: s x < 0 exactly when x < 0, which is what the code tests (no
 * underflow of s*x can flip the sign). FANN cannot train through it:
 * fann_activation_derived raises FANN_E_CANT_TRAIN_ACTIVATION. Our f' is the
 * true derivative, 0 everywhere but the jump, where we also give 0.
 */
#include "fn.h"

static double fann_threshold_f(double x, const double *p) {
    (void)p;
    return x < 0 ? 0.0 : 1.0;
}
static double fann_threshold_df(double x, const double *p) {
    (void)x;
    (void)p;
    return 0.0;
}
static int fann_threshold_breaks(const double *p, double *out, int max) {
    (void)p;
    if (max > 0) out[0] = 0;
    return 1;
}
ACT_KERNELS(fann_threshold_f, fann_threshold_df)

const act_desc act_desc_fann_threshold = {
    .name = "fann_threshold",
    .summary = "FANN_THRESHOLD: unit step, 0 for x < 0 and 1 for x >= 0",
    .formula = "x < 0 ? 0 : 1",
    .dformula = "0",
    .origin = "FANN FANN_THRESHOLD",
    .notes = "f(0) = 1 (FANN tests value < 0); the steepness has no effect for s > 0; f' = 0 "
             "everywhere, also at the jump; FANN refuses to train it "
             "(FANN_E_CANT_TRAIN_ACTIVATION)",
    .nparams = 1,
    .params = {{"steepness", 0.5, 0, DBL_MAX, ACT_P_LO_OPEN, 0,
                "FANN activation steepness s; f is applied to s*x (no effect here)"}},
    .aliases = {{0}},
    ACT_IMPL(fann_threshold_f, fann_threshold_df),
    .breaks = fann_threshold_breaks,
    .plot_lo = -3,
    .plot_hi = 3,
    .declared = {.inf = 0,
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
