/*
 * hardtanh - clamp to [min_val, max_val].
 *   f(x)  = min(max(x, min_val), max_val)
 *   f'(x) = 1 on the open interval (min_val, max_val), 0 at the bounds and outside
 * PyTorch Hardtanh(min_val=-1, max_val=1) (requires max_val > min_val; its
 * backward is 0 where x <= min_val or x >= max_val), darknet HARDTAN (gradient 1
 * on (-1, 1)). Caffe Clip and ONNX Clip compute the same forward, but Caffe's
 * gradient passes at the bounds (closed interval); that convention is not this one.
 * From y: y is strictly inside the bounds exactly when x is, as long as the bounds
 * are floats (a bound between two floats could round onto an inside value).
 */
#include "fn.h"

#include <stdio.h>

static double hardtanh_f(double x, const double *p) {
    return x <= p[0] ? p[0] : (x >= p[1] ? p[1] : x);
}
static double hardtanh_df(double x, const double *p) { return x > p[0] && x < p[1] ? 1.0 : 0.0; }
static double hardtanh_dfy(double y, const double *p) { return y > p[0] && y < p[1] ? 1.0 : 0.0; }
static int hardtanh_dfy_ok(const double *p) {
    return (double)(float)p[0] == p[0] && (double)(float)p[1] == p[1];
}
static int hardtanh_check(const double *p, char *msg, size_t len) {
    if (p[0] < p[1]) return 1;
    snprintf(msg, len, "min_val must be less than max_val");
    return 0;
}
static int hardtanh_breaks(const double *p, double *out, int max) {
    if (max > 0) out[0] = p[0];
    if (max > 1) out[1] = p[1];
    return 2;
}
ACT_KERNELS_Y(hardtanh_f, hardtanh_df, hardtanh_dfy)

const act_desc act_desc_hardtanh = {
    .name = "hardtanh",
    .summary = "clamp to [min_val, max_val] (hard tanh)",
    .formula = "min(max(x, min_val), max_val)",
    .dformula = "x > min_val && x < max_val ? 1 : 0",
    .origin = "PyTorch Hardtanh; darknet HARDTAN",
    .notes = "f' = 0 at both bounds (PyTorch hardtanh_backward, darknet); min_val < max_val",
    .nparams = 2,
    .params = {{"min_val", -1.0, -DBL_MAX, DBL_MAX, 0, 0, "lower bound"},
               {"max_val", 1.0, -DBL_MAX, DBL_MAX, 0, 0, "upper bound (> min_val)"}},
    .aliases = {{"hardtan", "", "darknet HARDTAN"}, {0}},
    .check = hardtanh_check,
    ACT_IMPL_Y(hardtanh_f, hardtanh_df, hardtanh_dfy),
    .dfy_ok = hardtanh_dfy_ok,
    .breaks = hardtanh_breaks,
    .plot_lo = -3,
    .plot_hi = 3,
    .declared = {.inf = -1,
                 .sup = 1,
                 .bounded_below = 1,
                 .bounded_above = 1,
                 .monotone = ACT_MONO_INCREASING,
                 .zero_centred = 1,
                 .symmetry = ACT_SYM_ODD,
                 .smoothness = ACT_SMOOTH_C0,
                 .n_kinks = 2,
                 .kinks = {-1, 1},
                 .sup_df = 1,
                 .sat_left = ACT_SAT_HARD,
                 .sat_right = ACT_SAT_HARD,
                 .uat_article = 1,
                 .uat_leshno = 1},
};
