/*
 * rrelu - randomized leaky ReLU (Xu et al. 2015), in its evaluation form.
 *   f(x)  = x         for x >= 0,   a * x otherwise,   a = (lower + upper) / 2
 *   f'(x) = 1         for x > 0,    a otherwise (f'(0) = a)
 * PyTorch RReLU(lower=1/8, upper=1/3). In training PyTorch draws a slope
 * a ~ U(lower, upper) for every negative element; in evaluation (this entry)
 * it calls leaky_relu with the mean slope, so f'(0) = a as leaky_relu's
 * backward (x > 0 ? 1 : a). A trainer that wants the noise draws it itself.
 * PyTorch only requires lower <= upper; the slopes are restricted here to
 * [0, 1], the range of the paper, where the unit stays a monotone leaky
 * rectifier.
 */
#include "fn.h"

#include <stdio.h>

static double rrelu_f(double x, const double *p) { return x >= 0 ? x : 0.5 * (p[0] + p[1]) * x; }
static double rrelu_df(double x, const double *p) { return x > 0 ? 1.0 : 0.5 * (p[0] + p[1]); }
/* the slope is never negative, so y > 0 exactly when x > 0 */
static double rrelu_dfy(double y, const double *p) { return y > 0 ? 1.0 : 0.5 * (p[0] + p[1]); }
static int rrelu_breaks(const double *p, double *out, int max) {
    (void)p;
    if (max > 0) out[0] = 0;
    return 1;
}
static int rrelu_check(const double *p, char *msg, size_t len) {
    if (p[0] <= p[1]) return 1;
    snprintf(msg, len, "lower must not exceed upper");
    return 0;
}
ACT_KERNELS_Y(rrelu_f, rrelu_df, rrelu_dfy)

const act_desc act_desc_rrelu = {
    .name = "rrelu",
    .summary = "randomized leaky ReLU, evaluation form: slope (lower+upper)/2 for x < 0",
    .formula = "x >= 0 ? x : (lower + upper)/2*x",
    .dformula = "x > 0 ? 1 : (lower + upper)/2",
    .origin = "PyTorch RReLU (Xu et al. 2015)",
    .notes = "evaluation mode: the mean slope (lower+upper)/2 (training draws a slope per element "
             "from U(lower, upper)); f'(0) = the slope, as PyTorch's leaky_relu backward; slopes "
             "limited to [0, 1]",
    .nparams = 2,
    .params = {{"lower", 0.125, 0, 1, 0, 0, "lower bound of the slope distribution"},
               {"upper", 1.0 / 3.0, 0, 1, 0, 0, "upper bound of the slope distribution"}},
    .aliases = {{0}},
    .check = rrelu_check,
    ACT_IMPL_Y(rrelu_f, rrelu_df, rrelu_dfy),
    .breaks = rrelu_breaks,
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
                 .sup_df = 1,
                 .sat_left = ACT_SAT_NONE,
                 .sat_right = ACT_SAT_NONE,
                 .uat_article = 0,
                 .uat_leshno = 1},
};
