/*
 * fann_sigmoid_stepwise - FANN_SIGMOID_STEPWISE: FANN's piecewise-linear
 * sigmoid (the default activation of every new FANN network).
 *   with t = s x, breakpoints v1..v6 and values r1..r6 (below):
 *   f(x)  = 0                                   t < v1
 *         = r_i + (r_i+1 - r_i)(t - v_i)/(v_i+1 - v_i)   v_i <= t < v_i+1
 *         = 1                                   t >= v6
 *   f'(x) = s (r_i+1 - r_i)/(v_i+1 - v_i) on [v_i, v_i+1), 0 outside [v1, v6)
 * FANN (libfann) fann_activation.h, fann_activation_switch, case
 * FANN_SIGMOID_STEPWISE: fann_stepwise(v1..v6, r1..r6, 0, 1, value) on
 * value = s*sum. The constants are floats written out in the header; the v_i
 * are where 1/(1+e^(-2t)) equals the r_i (0.005, 0.05, 0.25, 0.75, 0.95,
 * 0.995, each rounded to float), and they are not quite symmetric
 * (v1 = -2.64665246..., v6 = +2.64665293...). The code tests sum < v_i, so
 * each breakpoint belongs to the segment on its right.
 * This makes f DISCONTINUOUS: it jumps 0 -> r1 = 0.005 at t = v1 and
 * r6 = 0.995 -> 1 at t = v6 (the pieces are joined only at v2..v5).
 * f' is the true derivative: the slope of each piece, taken from the right at
 * the breakpoints (the piece FANN's comparison selects), 0 outside [v1, v6).
 * FANN's own derivative (fann_activation_derived) ignores the pieces: it
 * treats the output like FANN_SIGMOID's, clipping y to [0.01, 0.99] and
 * returning 2 s y (1 - y).
 * Stability: the comparisons s x < v_i are exact (sign of fma(s, x, -v_i)), and
 * t - v_i is one fma, so each piece is a few roundings without cancellation
 * (every piece stays within [0.005, 0.995]).
 */
#include "fn.h"

#define FSS_V1 -2.6466524600982666015625
#define FSS_V2 -1.4722194671630859375
#define FSS_V3 -0.5493061542510986328125
#define FSS_V4 0.5493061542510986328125
#define FSS_V5 1.47221934795379638671875
#define FSS_V6 2.6466529369354248046875

static const double fss_v[6] = {FSS_V1, FSS_V2, FSS_V3, FSS_V4, FSS_V5, FSS_V6};
static const double fss_r[6] = {
    0.004999999888241291046142578125, 0.0500000007450580596923828125, 0.25, 0.75,
    0.949999988079071044921875,       0.99500000476837158203125};

/* -1 below v1, 5 at or above v6, else the piece i with v_i <= s x < v_i+1 */
static int fss_piece(double s, double x) {
    int i = -1;
    while (i < 5 && !(fma(s, x, -fss_v[i + 1]) < 0))
        i++;
    return i;
}
static double fann_sigmoid_stepwise_f(double x, const double *p) {
    int i = fss_piece(p[0], x);
    if (i < 0) return 0.0;
    if (i > 4) return 1.0;
    double d = fma(p[0], x, -fss_v[i]); /* t - v_i, one rounding */
    return fss_r[i] + (fss_r[i + 1] - fss_r[i]) * d / (fss_v[i + 1] - fss_v[i]);
}
static double fann_sigmoid_stepwise_df(double x, const double *p) {
    int i = fss_piece(p[0], x);
    if (i < 0 || i > 4) return 0.0;
    return p[0] * (fss_r[i + 1] - fss_r[i]) / (fss_v[i + 1] - fss_v[i]);
}
static int fann_sigmoid_stepwise_breaks(const double *p, double *out, int max) {
    for (int i = 0; i < 6 && i < max; i++)
        out[i] = fss_v[i] / p[0];
    return 6;
}
ACT_KERNELS(fann_sigmoid_stepwise_f, fann_sigmoid_stepwise_df)

const act_desc act_desc_fann_sigmoid_stepwise = {
    .name = "fann_sigmoid_stepwise",
    .summary = "FANN_SIGMOID_STEPWISE: FANN's 6-breakpoint piecewise-linear sigmoid of s*x",
    .formula = "steepness*x < (-2.6466524600982666015625) ? 0 : "
               "steepness*x < (-1.4722194671630859375) ? 0.004999999888241291046142578125 + "
               "(0.0500000007450580596923828125 - 0.004999999888241291046142578125)*"
               "(steepness*x - (-2.6466524600982666015625))/"
               "((-1.4722194671630859375) - (-2.6466524600982666015625)) : "
               "steepness*x < (-0.5493061542510986328125) ? 0.0500000007450580596923828125 + "
               "(0.25 - 0.0500000007450580596923828125)*(steepness*x - (-1.4722194671630859375))/"
               "((-0.5493061542510986328125) - (-1.4722194671630859375)) : "
               "steepness*x < 0.5493061542510986328125 ? 0.25 + "
               "(0.75 - 0.25)*(steepness*x - (-0.5493061542510986328125))/"
               "(0.5493061542510986328125 - (-0.5493061542510986328125)) : "
               "steepness*x < 1.47221934795379638671875 ? 0.75 + "
               "(0.949999988079071044921875 - 0.75)*(steepness*x - 0.5493061542510986328125)/"
               "(1.47221934795379638671875 - 0.5493061542510986328125) : "
               "steepness*x < 2.6466529369354248046875 ? 0.949999988079071044921875 + "
               "(0.99500000476837158203125 - 0.949999988079071044921875)*"
               "(steepness*x - 1.47221934795379638671875)/"
               "(2.6466529369354248046875 - 1.47221934795379638671875) : 1",
    .dformula =
        "steepness*x < (-2.6466524600982666015625) ? 0 : "
        "steepness*x < (-1.4722194671630859375) ? "
        "steepness*(0.0500000007450580596923828125 - 0.004999999888241291046142578125)/"
        "((-1.4722194671630859375) - (-2.6466524600982666015625)) : "
        "steepness*x < (-0.5493061542510986328125) ? "
        "steepness*(0.25 - 0.0500000007450580596923828125)/"
        "((-0.5493061542510986328125) - (-1.4722194671630859375)) : "
        "steepness*x < 0.5493061542510986328125 ? "
        "steepness*(0.75 - 0.25)/(0.5493061542510986328125 - (-0.5493061542510986328125)) : "
        "steepness*x < 1.47221934795379638671875 ? "
        "steepness*(0.949999988079071044921875 - 0.75)/"
        "(1.47221934795379638671875 - 0.5493061542510986328125) : "
        "steepness*x < 2.6466529369354248046875 ? "
        "steepness*(0.99500000476837158203125 - 0.949999988079071044921875)/"
        "(2.6466529369354248046875 - 1.47221934795379638671875) : 0",
    .origin = "FANN FANN_SIGMOID_STEPWISE (FANN's default activation)",
    .notes = "constants are FANN's floats (fann_activation.h); each breakpoint s*x = v_i belongs "
             "to the piece on its right (FANN tests sum < v_i), and f' there is that piece's "
             "slope; f jumps by 0.005 at both ends (0 -> 0.005 at s*x = v1, 0.995 -> 1 at "
             "s*x = v6); FANN's own derivative ignores the pieces and uses the sigmoid's "
             "2*s*y*(1-y) with y clipped to [0.01, 0.99]",
    .nparams = 1,
    .params = {{"steepness", 0.5, 0, DBL_MAX, ACT_P_LO_OPEN, 0,
                "FANN activation steepness s; f is applied to s*x (FANN default 0.5)"}},
    .aliases = {{0}},
    ACT_IMPL(fann_sigmoid_stepwise_f, fann_sigmoid_stepwise_df),
    .breaks = fann_sigmoid_stepwise_breaks,
    .plot_lo = -8,
    .plot_hi = 8,
    .declared = {.inf = 0,
                 .sup = 1,
                 .bounded_below = 1,
                 .bounded_above = 1,
                 .monotone = ACT_MONO_INCREASING,
                 .zero_centred = 0,
                 .symmetry = ACT_SYM_NONE,
                 .smoothness = ACT_SMOOTH_DISCONTINUOUS,
                 .n_kinks = 6,
                 .kinks = {2 * FSS_V1, 2 * FSS_V2, 2 * FSS_V3, 2 * FSS_V4, 2 * FSS_V5, 2 * FSS_V6},
                 .sup_df = 0.5 * (0.75 - 0.25) / (FSS_V4 - FSS_V3),
                 .sat_left = ACT_SAT_HARD,
                 .sat_right = ACT_SAT_HARD,
                 .uat_article = 0,
                 .uat_leshno = 1},
};
