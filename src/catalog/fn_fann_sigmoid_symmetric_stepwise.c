/*
 * fann_sigmoid_symmetric_stepwise - FANN_SIGMOID_SYMMETRIC_STEPWISE: FANN's
 * piecewise-linear tanh.
 *   with t = s x, breakpoints v1..v6 and values r1..r6 (below):
 *   f(x)  = -1                                  t < v1
 *         = r_i + (r_i+1 - r_i)(t - v_i)/(v_i+1 - v_i)   v_i <= t < v_i+1
 *         = 1                                   t >= v6
 *   f'(x) = s (r_i+1 - r_i)/(v_i+1 - v_i) on [v_i, v_i+1), 0 outside [v1, v6)
 * FANN (libfann) fann_activation.h, fann_activation_switch, case
 * FANN_SIGMOID_SYMMETRIC_STEPWISE: fann_stepwise(v1..v6, r1..r6, -1, 1, value)
 * on value = s*sum, with float constants: v = -+2.64665293..., -+1.47221934...,
 * -+0.54930615... (where tanh(t) = r), r = -+0.99, -+0.9, -+0.5 (as floats),
 * exactly antisymmetric. The code tests sum < v_i, so each breakpoint belongs
 * to the piece on its right.
 * f is DISCONTINUOUS: it jumps -1 -> -0.99 at t = v1 and 0.99 -> 1 at t = v6.
 * It is odd except at those two points (f(v1/s) = -0.99 but f(v6/s) = 1).
 * f' is the true derivative: each piece's slope, taken from the right at the
 * breakpoints, 0 outside [v1, v6). FANN's own derivative ignores the pieces:
 * it clips y to [-0.98, 0.98] and returns FANN_SIGMOID_SYMMETRIC's s (1 - y^2).
 * Stability: exact comparisons (sign of fma(s, x, -v_i)); t - v_i is one fma.
 * The middle piece crosses 0: there r3 = -r4 and v3 = -v4, so it is computed
 * as r4 t / v4, which keeps its relative accuracy near x = 0.
 */
#include "fn.h"

#define FSSS_V1 -2.6466529369354248046875
#define FSSS_V2 -1.47221934795379638671875
#define FSSS_V3 -0.5493061542510986328125
#define FSSS_V4 0.5493061542510986328125
#define FSSS_V5 1.47221934795379638671875
#define FSSS_V6 2.6466529369354248046875

static const double fsss_v[6] = {FSSS_V1, FSSS_V2, FSSS_V3, FSSS_V4, FSSS_V5, FSSS_V6};
static const double fsss_r[6] = {-0.9900000095367431640625, -0.89999997615814208984375, -0.5, 0.5,
                                 0.89999997615814208984375, 0.9900000095367431640625};

/* -1 below v1, 5 at or above v6, else the piece i with v_i <= s x < v_i+1 */
static int fsss_piece(double s, double x) {
    int i = -1;
    while (i < 5 && !(fma(s, x, -fsss_v[i + 1]) < 0))
        i++;
    return i;
}
static double fann_sigmoid_symmetric_stepwise_f(double x, const double *p) {
    int i = fsss_piece(p[0], x);
    if (i < 0) return -1.0;
    if (i > 4) return 1.0;
    if (i == 2) return p[0] * x * fsss_r[3] / fsss_v[3]; /* the piece through 0 */
    double d = fma(p[0], x, -fsss_v[i]);                 /* t - v_i, one rounding */
    return fsss_r[i] + (fsss_r[i + 1] - fsss_r[i]) * d / (fsss_v[i + 1] - fsss_v[i]);
}
static double fann_sigmoid_symmetric_stepwise_df(double x, const double *p) {
    int i = fsss_piece(p[0], x);
    if (i < 0 || i > 4) return 0.0;
    return p[0] * (fsss_r[i + 1] - fsss_r[i]) / (fsss_v[i + 1] - fsss_v[i]);
}
static int fann_sigmoid_symmetric_stepwise_breaks(const double *p, double *out, int max) {
    for (int i = 0; i < 6 && i < max; i++)
        out[i] = fsss_v[i] / p[0];
    return 6;
}
ACT_KERNELS(fann_sigmoid_symmetric_stepwise_f, fann_sigmoid_symmetric_stepwise_df)

const act_desc act_desc_fann_sigmoid_symmetric_stepwise = {
    .name = "fann_sigmoid_symmetric_stepwise",
    .summary = "FANN_SIGMOID_SYMMETRIC_STEPWISE: FANN's 6-breakpoint piecewise-linear tanh of s*x",
    .formula =
        "steepness*x < (-2.6466529369354248046875) ? -1 : "
        "steepness*x < (-1.47221934795379638671875) ? (-0.9900000095367431640625) + "
        "((-0.89999997615814208984375) - (-0.9900000095367431640625))*"
        "(steepness*x - (-2.6466529369354248046875))/"
        "((-1.47221934795379638671875) - (-2.6466529369354248046875)) : "
        "steepness*x < (-0.5493061542510986328125) ? (-0.89999997615814208984375) + "
        "((-0.5) - (-0.89999997615814208984375))*(steepness*x - (-1.47221934795379638671875))/"
        "((-0.5493061542510986328125) - (-1.47221934795379638671875)) : "
        "steepness*x < 0.5493061542510986328125 ? (-0.5) + "
        "(0.5 - (-0.5))*(steepness*x - (-0.5493061542510986328125))/"
        "(0.5493061542510986328125 - (-0.5493061542510986328125)) : "
        "steepness*x < 1.47221934795379638671875 ? 0.5 + "
        "(0.89999997615814208984375 - 0.5)*(steepness*x - 0.5493061542510986328125)/"
        "(1.47221934795379638671875 - 0.5493061542510986328125) : "
        "steepness*x < 2.6466529369354248046875 ? 0.89999997615814208984375 + "
        "(0.9900000095367431640625 - 0.89999997615814208984375)*"
        "(steepness*x - 1.47221934795379638671875)/"
        "(2.6466529369354248046875 - 1.47221934795379638671875) : 1",
    .dformula =
        "steepness*x < (-2.6466529369354248046875) ? 0 : "
        "steepness*x < (-1.47221934795379638671875) ? "
        "steepness*((-0.89999997615814208984375) - (-0.9900000095367431640625))/"
        "((-1.47221934795379638671875) - (-2.6466529369354248046875)) : "
        "steepness*x < (-0.5493061542510986328125) ? "
        "steepness*((-0.5) - (-0.89999997615814208984375))/"
        "((-0.5493061542510986328125) - (-1.47221934795379638671875)) : "
        "steepness*x < 0.5493061542510986328125 ? "
        "steepness*(0.5 - (-0.5))/(0.5493061542510986328125 - (-0.5493061542510986328125)) : "
        "steepness*x < 1.47221934795379638671875 ? "
        "steepness*(0.89999997615814208984375 - 0.5)/"
        "(1.47221934795379638671875 - 0.5493061542510986328125) : "
        "steepness*x < 2.6466529369354248046875 ? "
        "steepness*(0.9900000095367431640625 - 0.89999997615814208984375)/"
        "(2.6466529369354248046875 - 1.47221934795379638671875) : 0",
    .origin = "FANN FANN_SIGMOID_SYMMETRIC_STEPWISE",
    .notes = "constants are FANN's floats (fann_activation.h); each breakpoint s*x = v_i belongs "
             "to the piece on its right (FANN tests sum < v_i), and f' there is that piece's "
             "slope; f jumps by 0.01 at both ends (-1 -> -0.99 at s*x = v1, 0.99 -> 1 at "
             "s*x = v6) and is odd except at those two points; FANN's own derivative ignores the "
             "pieces and uses s*(1-y*y) with y clipped to [-0.98, 0.98]",
    .nparams = 1,
    .params = {{"steepness", 0.5, 0, DBL_MAX, ACT_P_LO_OPEN, 0,
                "FANN activation steepness s; f is applied to s*x (FANN default 0.5)"}},
    .aliases = {{0}},
    ACT_IMPL(fann_sigmoid_symmetric_stepwise_f, fann_sigmoid_symmetric_stepwise_df),
    .breaks = fann_sigmoid_symmetric_stepwise_breaks,
    .plot_lo = -8,
    .plot_hi = 8,
    .declared = {.inf = -1,
                 .sup = 1,
                 .bounded_below = 1,
                 .bounded_above = 1,
                 .monotone = ACT_MONO_INCREASING,
                 .zero_centred = 1,
                 .symmetry = ACT_SYM_ODD,
                 .smoothness = ACT_SMOOTH_DISCONTINUOUS,
                 .n_kinks = 6,
                 .kinks = {2 * FSSS_V1, 2 * FSSS_V2, 2 * FSSS_V3, 2 * FSSS_V4, 2 * FSSS_V5,
                           2 * FSSS_V6},
                 .sup_df = 0.5 * (0.5 - -0.5) / (FSSS_V4 - FSSS_V3),
                 .sat_left = ACT_SAT_HARD,
                 .sat_right = ACT_SAT_HARD,
                 .uat_article = 0,
                 .uat_leshno = 1},
};
