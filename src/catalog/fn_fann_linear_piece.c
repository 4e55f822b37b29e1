/*
 * fann_linear_piece - FANN_LINEAR_PIECE: s x clipped to [0, 1].
 *   f(x)  = 0 for s x < 0,  s x on [0, 1],  1 for s x > 1
 *   f'(x) = s on [0, 1/s] (both ends included), 0 outside
 * FANN (libfann) FANN_LINEAR_PIECE: fann_activation_switch computes
 * (value < 0) ? 0 : (value > 1) ? 1 : value on value = s*sum; steepness s,
 * default 0.5 (so f climbs over [0, 2]). FANN's own derivative
 * (fann_activation_derived -> fann_linear_derive) is s everywhere, also where
 * f is flat; ours is the true derivative, 0 outside. At the two kinks we give
 * s, FANN's value there (the same closed interval as Caffe's Clip gradient).
 * The tests are exact: s x < 0 is x < 0, s x > 1 is fma(s, x, -1) > 0.
 */
#include "fn.h"

static double fann_linear_piece_f(double x, const double *p) {
    if (x < 0) return 0.0;
    if (fma(p[0], x, -1.0) > 0) return 1.0;
    return p[0] * x;
}
static double fann_linear_piece_df(double x, const double *p) {
    return (x < 0 || fma(p[0], x, -1.0) > 0) ? 0.0 : p[0];
}
static int fann_linear_piece_breaks(const double *p, double *out, int max) {
    if (max > 0) out[0] = 0;
    if (max > 1) out[1] = 1.0 / p[0];
    return 2;
}
ACT_KERNELS(fann_linear_piece_f, fann_linear_piece_df)

const act_desc act_desc_fann_linear_piece = {
    .name = "fann_linear_piece",
    .summary = "FANN_LINEAR_PIECE: s*x clipped to [0, 1]",
    .formula = "x < 0 ? 0 : (steepness*x > 1 ? 1 : steepness*x)",
    .dformula = "x < 0 || steepness*x > 1 ? 0 : steepness",
    .origin = "FANN FANN_LINEAR_PIECE",
    .notes = "f' = s on the closed interval [0, 1/s] (FANN's value at the kinks), 0 outside; "
             "FANN's own derivative is s everywhere, also on the flat parts",
    .nparams = 1,
    .params = {{"steepness", 0.5, 0, DBL_MAX, ACT_P_LO_OPEN, 0,
                "FANN activation steepness s; f is applied to s*x (FANN default 0.5)"}},
    .aliases = {{0}},
    ACT_IMPL(fann_linear_piece_f, fann_linear_piece_df),
    .breaks = fann_linear_piece_breaks,
    .plot_lo = -1,
    .plot_hi = 3,
    .declared = {.inf = 0,
                 .sup = 1,
                 .bounded_below = 1,
                 .bounded_above = 1,
                 .monotone = ACT_MONO_INCREASING,
                 .zero_centred = 1,
                 .symmetry = ACT_SYM_NONE,
                 .smoothness = ACT_SMOOTH_C0,
                 .n_kinks = 2,
                 .kinks = {0, 2},
                 .sup_df = 0.5,
                 .sat_left = ACT_SAT_HARD,
                 .sat_right = ACT_SAT_HARD,
                 .uat_article = 1,
                 .uat_leshno = 1},
};
