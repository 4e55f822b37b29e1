/*
 * fann_linear - FANN_LINEAR: the identity, scaled by FANN's steepness s.
 *   f(x)  = s x
 *   f'(x) = s                                   (from y: s)
 * FANN (libfann) FANN_LINEAR, first entry of fann_activationfunc_enum. Every
 * FANN neuron multiplies its weighted sum by its steepness s before the
 * activation switch (fann_run), default s = 0.5 (fann_create_*). FANN's own
 * derivative, fann_linear_derive, is s: the same as ours. fann_run also clips
 * s*sum to +-150/s, a guard of the network code that is not part of f.
 * s*x is one rounding, so f is correctly rounded; the range of s is (0, max]:
 * a negative steepness only mirrors f (f(-x)), zero makes it constant.
 */
#include "fn.h"

static double fann_linear_f(double x, const double *p) { return p[0] * x; }
static double fann_linear_df(double x, const double *p) {
    (void)x;
    return p[0];
}
static double fann_linear_dfy(double y, const double *p) {
    (void)y;
    return p[0];
}
ACT_KERNELS_Y(fann_linear_f, fann_linear_df, fann_linear_dfy)

const act_desc act_desc_fann_linear = {
    .name = "fann_linear",
    .summary = "FANN_LINEAR: s*x with FANN's steepness s",
    .formula = "steepness*x",
    .dformula = "steepness",
    .origin = "FANN FANN_LINEAR",
    .notes = "FANN's derivative (fann_linear_derive) is s, the same; FANN cannot use it in its "
             "fixed-point build; fann_run clips s*sum to +-150/s (network guard, not part of f)",
    .nparams = 1,
    .params = {{"steepness", 0.5, 0, DBL_MAX, ACT_P_LO_OPEN, 0,
                "FANN activation steepness s; f is applied to s*x (FANN default 0.5)"}},
    .aliases = {{0}},
    ACT_IMPL_Y(fann_linear_f, fann_linear_df, fann_linear_dfy),
    .plot_lo = -4,
    .plot_hi = 4,
    .declared = {.inf = -INFINITY,
                 .sup = INFINITY,
                 .bounded_below = 0,
                 .bounded_above = 0,
                 .monotone = ACT_MONO_INCREASING,
                 .zero_centred = 1,
                 .symmetry = ACT_SYM_ODD,
                 .smoothness = ACT_SMOOTH_C2,
                 .n_kinks = 0,
                 .sup_df = 0.5,
                 .sat_left = ACT_SAT_NONE,
                 .sat_right = ACT_SAT_NONE,
                 .uat_article = 0,
                 .uat_leshno = 0},
};
