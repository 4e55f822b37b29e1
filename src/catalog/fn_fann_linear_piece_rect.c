/*
 * fann_linear_piece_rect - FANN_LINEAR_PIECE_RECT: FANN's ReLU of s x.
 *   f(x)  = 0 for x < 0,  s x for x >= 0
 *   f'(x) = 0 for x < 0,  s for x >= 0         (f'(0) = s, FANN's value)
 * FANN (libfann, added with FANN_LINEAR_PIECE_RECT_LEAKY in 2024, PR #147;
 * enum values 18 and 19): value < 0 ? 0 : value on value = s*sum; steepness
 * s, default 0.5 like every FANN neuron (the PR notes that users will want
 * s = 1 for a plain ReLU). FANN's own derivative is
 * (value < 0) ? 0 : s with value = the neuron's OUTPUT y, which is never
 * negative: FANN returns s everywhere, also for x < 0. Ours is the true
 * derivative, with FANN's s at the kink (y = 0 is not < 0). -0 maps to -0.
 * (fann_run also clips s*sum to +-150/s, a guard of the network code that is
 * not part of f.)
 */
#include "fn.h"

static double fann_linear_piece_rect_f(double x, const double *p) { return x < 0 ? 0.0 : p[0] * x; }
static double fann_linear_piece_rect_df(double x, const double *p) { return x < 0 ? 0.0 : p[0]; }
static int fann_linear_piece_rect_breaks(const double *p, double *out, int max) {
    (void)p;
    if (max > 0) out[0] = 0;
    return 1;
}
ACT_KERNELS(fann_linear_piece_rect_f, fann_linear_piece_rect_df)

const act_desc act_desc_fann_linear_piece_rect = {
    .name = "fann_linear_piece_rect",
    .summary = "FANN_LINEAR_PIECE_RECT: FANN's ReLU, max(0, s*x)",
    .formula = "x < 0 ? 0 : steepness*x",
    .dformula = "x < 0 ? 0 : steepness",
    .origin = "FANN FANN_LINEAR_PIECE_RECT (libfann 2024)",
    .notes = "f'(0) = s (FANN's value: it tests y < 0); FANN's own derivative tests the output "
             "y < 0, which never holds, so FANN returns s also for x < 0; ours is 0 there; "
             "s = 1 gives the plain ReLU",
    .nparams = 1,
    .params = {{"steepness", 0.5, 0, DBL_MAX, ACT_P_LO_OPEN, 0,
                "FANN activation steepness s; f is applied to s*x (FANN default 0.5)"}},
    .aliases = {{0}},
    ACT_IMPL(fann_linear_piece_rect_f, fann_linear_piece_rect_df),
    .breaks = fann_linear_piece_rect_breaks,
    .plot_lo = -3,
    .plot_hi = 3,
    .declared = {.inf = 0,
                 .sup = INFINITY,
                 .bounded_below = 1,
                 .bounded_above = 0,
                 .monotone = ACT_MONO_INCREASING,
                 .zero_centred = 1,
                 .symmetry = ACT_SYM_NONE,
                 .smoothness = ACT_SMOOTH_C0,
                 .n_kinks = 1,
                 .kinks = {0},
                 .sup_df = 0.5,
                 .sat_left = ACT_SAT_HARD,
                 .sat_right = ACT_SAT_NONE,
                 .uat_article = 0,
                 .uat_leshno = 1},
};
