/*
 * fann_gaussian_stepwise - FANN_GAUSSIAN_STEPWISE: FANN's unimplemented
 * stepwise Gaussian, mirrored as the code has it.
 *   f(x)  = 0
 *   f'(x) = 0
 * FANN (libfann) declares FANN_GAUSSIAN_STEPWISE in fann_activationfunc_enum
 * with the comment "Stepwise linear approximation to gaussian ... NOT
 * implemented yet". What the code computes: fann_activation_switch sets
 * result = 0 for it (floating-point builds), fann_activation_derived has no
 * case and returns 0, and the fixed-point fann_run reports
 * FANN_E_CANT_USE_ACTIVATION. So a FANN network with this activation outputs
 * 0 and learns nothing through it; this entry reproduces that stub. For the
 * Gaussian itself use fann_gaussian. The steepness has no effect.
 */
#include "fn.h"

static double fann_gaussian_stepwise_f(double x, const double *p) {
    (void)x;
    (void)p;
    return 0.0;
}
static double fann_gaussian_stepwise_df(double x, const double *p) {
    (void)x;
    (void)p;
    return 0.0;
}
ACT_KERNELS(fann_gaussian_stepwise_f, fann_gaussian_stepwise_df)

const act_desc act_desc_fann_gaussian_stepwise = {
    .name = "fann_gaussian_stepwise",
    .summary = "FANN_GAUSSIAN_STEPWISE: FANN's unimplemented stub, constant 0",
    .formula = "0",
    .dformula = "0",
    .origin = "FANN FANN_GAUSSIAN_STEPWISE (\"NOT implemented yet\")",
    .notes = "mirrors FANN's code, which returns 0 for it (fann_activation_switch) and has no "
             "derivative (fann_activation_derived returns 0); not a Gaussian: use fann_gaussian",
    .nparams = 1,
    .params = {{"steepness", 0.5, 0, DBL_MAX, ACT_P_LO_OPEN, 0,
                "FANN activation steepness s (no effect: FANN's stub returns 0)"}},
    .aliases = {{0}},
    ACT_IMPL(fann_gaussian_stepwise_f, fann_gaussian_stepwise_df),
    .plot_lo = -3,
    .plot_hi = 3,
    /* the zero function is both odd and even; the library reports odd */
    .declared = {.inf = 0,
                 .sup = 0,
                 .bounded_below = 1,
                 .bounded_above = 1,
                 .monotone = ACT_MONO_INCREASING,
                 .zero_centred = 1,
                 .symmetry = ACT_SYM_ODD,
                 .smoothness = ACT_SMOOTH_C2,
                 .n_kinks = 0,
                 .sup_df = 0,
                 .sat_left = ACT_SAT_HARD,
                 .sat_right = ACT_SAT_HARD,
                 .uat_article = 0,
                 .uat_leshno = 0},
};
