/*
 * log - Caffe's Log layer.
 *   f(x)  = log_base(shift + scale * x),   the natural log when base = -1
 *   f'(x) = scale / (ln(base) * (shift + scale * x))
 * Caffe Log (LogParameter base = -1 meaning e, scale = 1, shift = 0); with the
 * defaults it is ln x: ONNX Log, oneDNN eltwise_log, XNNPACK log.
 * Domain: NaN where shift + scale*x < 0, -inf where it is 0 (f' infinite).
 * base must be e (-1) or positive and not 1.
 * Accuracy near the zero of f (argument near 1): the argument minus 1 is
 * formed as fma(scale, x, shift - 1) with shift - 1 split exactly into two
 * doubles, then log1p; elsewhere log of the argument rounded once (fma).
 */
#include "fn.h"

#include <stdio.h>

static double log_arg(double x, const double *p) { return p[1] == 0 ? p[2] : fma(p[1], x, p[2]); }
static double log_f(double x, const double *p) {
    double u = log_arg(x, p), r;
    if (u > 0.5 && u < 1.5) {
        /* u - 1 without cancellation: (shift - 1) exactly as hi + lo (TwoSum) */
        double hi = p[2] - 1.0, bv = hi - p[2], lo = (p[2] - (hi - bv)) + (-1.0 - bv);
        double m = (p[1] == 0 ? hi : fma(p[1], x, hi)) + lo;
        r = log1p(m);
    } else {
        if (u < 0) return NAN; /* outside the domain (a NaN without libm's sign bit) */
        r = log(u);            /* -inf at 0 */
    }
    return p[0] == -1 ? r : r / log(p[0]);
}
static double log_df(double x, const double *p) {
    if (p[1] == 0) return 0.0;
    double u = log_arg(x, p);
    if (u < 0) return NAN;
    return p[0] == -1 ? p[1] / u : p[1] / (log(p[0]) * u);
}
static int log_check(const double *p, char *msg, size_t len) {
    if (p[0] == -1 || (p[0] > 0 && p[0] != 1)) return 1;
    snprintf(msg, len, "base must be positive and not 1, or -1 for e");
    return 0;
}
ACT_KERNELS(log_f, log_df)

const act_desc act_desc_log = {
    .name = "log",
    .summary = "log_base(shift + scale*x), ln x by default (Caffe Log)",
    .formula = "base == -1 ? log(shift + scale*x) : log(shift + scale*x)/log(base)",
    .dformula = "shift + scale*x < 0 ? 0/0 : "
                "(base == -1 ? scale/(shift + scale*x) : scale/(log(base)*(shift + scale*x)))",
    .origin = "Caffe Log; ONNX Log; oneDNN eltwise_log; XNNPACK log",
    .notes = "base = -1 means e (Caffe); f and f' NaN (0/0 in the formula) where "
             "shift + scale*x < 0, f = -inf and f' infinite where it is 0; "
             "defined on a half-line only, so not an activation for all inputs",
    .nparams = 3,
    .params = {{"base", -1.0, -1, DBL_MAX, 0, 0, "the base, or -1 for e"},
               {"scale", 1.0, -DBL_MAX, DBL_MAX, 0, 0, "multiplies x in the argument"},
               {"shift", 0.0, -DBL_MAX, DBL_MAX, 0, 0, "added to the argument"}},
    .aliases = {{"ln", "", "the natural logarithm"}, {0}},
    .check = log_check,
    ACT_IMPL(log_f, log_df),
    .plot_lo = 0.1,
    .plot_hi = 5,
    .declared = {.inf = -INFINITY,
                 .sup = INFINITY,
                 .bounded_below = 0,
                 .bounded_above = 0,
                 .monotone = ACT_MONO_INCREASING,
                 .zero_centred = 0,
                 .symmetry = ACT_SYM_NONE,
                 .smoothness = ACT_SMOOTH_C2,
                 .n_kinks = 0,
                 .sup_df = INFINITY,
                 .sat_left = ACT_SAT_NONE,
                 .sat_right = ACT_SAT_SOFT,
                 .uat_article = 0,
                 .uat_leshno = 0},
};
