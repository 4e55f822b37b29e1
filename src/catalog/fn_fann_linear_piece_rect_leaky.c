/*
 * fann_linear_piece_rect_leaky - FANN_LINEAR_PIECE_RECT_LEAKY: FANN's leaky
 * ReLU of s x, with the leak fixed at 0.01.
 *   f(x)  = 0.01 s x for x < 0,  s x for x >= 0
 *   f'(x) = 0.01 s for x < 0,  s for x >= 0     (from y: the same on y < 0)
 * FANN (libfann, added in 2024, PR #147, where it was renamed from
 * FANN_LINEAR_PIECE_LEAKY): value < 0 ? 0.01 * value : value on
 * value = s*sum; steepness s, default 0.5. FANN's own derivative,
 * (y < 0) ? 0.01 s : s, is the true derivative (y < 0 exactly when x < 0), with
 * f'(0) = s; ours is the same. 0.01 s x is computed as (s x)/100, so the
 * constant is the exact 1/100 of the formula. (fann_run also clips s*sum to
 * +-150/s, a guard of the network code that is not part of f.)
 */
#include "fn.h"

static double fann_linear_piece_rect_leaky_f(double x, const double *p) {
    double t = p[0] * x;
    return x < 0 ? t / 100.0 : t;
}
static double fann_linear_piece_rect_leaky_df(double x, const double *p) {
    return x < 0 ? p[0] / 100.0 : p[0];
}
static double fann_linear_piece_rect_leaky_dfy(double y, const double *p) {
    return y < 0 ? p[0] / 100.0 : p[0];
}
static int fann_linear_piece_rect_leaky_breaks(const double *p, double *out, int max) {
    (void)p;
    if (max > 0) out[0] = 0;
    return 1;
}
ACT_KERNELS_Y(fann_linear_piece_rect_leaky_f, fann_linear_piece_rect_leaky_df,
              fann_linear_piece_rect_leaky_dfy)

const act_desc act_desc_fann_linear_piece_rect_leaky = {
    .name = "fann_linear_piece_rect_leaky",
    .summary = "FANN_LINEAR_PIECE_RECT_LEAKY: FANN's leaky ReLU of s*x, leak 0.01",
    .formula = "x < 0 ? 0.01*steepness*x : steepness*x",
    .dformula = "x < 0 ? 0.01*steepness : steepness",
    .origin = "FANN FANN_LINEAR_PIECE_RECT_LEAKY (libfann 2024)",
    .notes = "leak fixed at 0.01 by FANN; f'(0) = s; FANN's own derivative (y < 0 ? 0.01*s : s) "
             "is the same; s = 1 is a leaky ReLU with slope 0.01 (PyTorch's default), but with "
             "f'(0) = 1 where PyTorch gives 0.01",
    .nparams = 1,
    .params = {{"steepness", 0.5, 0, DBL_MAX, ACT_P_LO_OPEN, 0,
                "FANN activation steepness s; f is applied to s*x (FANN default 0.5)"}},
    .aliases = {{0}},
    ACT_IMPL_Y(fann_linear_piece_rect_leaky_f, fann_linear_piece_rect_leaky_df,
               fann_linear_piece_rect_leaky_dfy),
    .breaks = fann_linear_piece_rect_leaky_breaks,
    .plot_lo = -3,
    .plot_hi = 3,
    .declared = {.inf = -INFINITY,
                 .sup = INFINITY,
                 .bounded_below = 0,
                 .bounded_above = 0,
                 .monotone = ACT_MONO_INCREASING,
                 .zero_centred = 1,
                 .symmetry = ACT_SYM_NONE,
                 .smoothness = ACT_SMOOTH_C0,
                 .n_kinks = 1,
                 .kinks = {0},
                 .sup_df = 0.5,
                 .sat_left = ACT_SAT_NONE,
                 .sat_right = ACT_SAT_NONE,
                 .uat_article = 0,
                 .uat_leshno = 1},
};
