/*
 * clip - clamp to [min, max], with Caffe's gradient on the closed interval.
 *   f(x)  = min        for x < min,   max for x > max,   x otherwise
 *   f'(x) = 1          for min <= x <= max,   0 otherwise
 * Caffe Clip (ClipParameter min and max, both required there: the defaults
 * -1 and 1 are ours), XNNPACK clamp, ONNX Clip, oneDNN eltwise_clip, PyTorch
 * torch.clamp.
 * At the bounds the gradient passes, as in Caffe's backward (min <= x <= max)
 * and PyTorch's clamp; oneDNN clip passes it on (min, max], clip_v2 and
 * PyTorch's Hardtanh on the open (min, max) (that is hardtanh's convention).
 */
#include "fn.h"

#include <stdio.h>

static double clip_f(double x, const double *p) { return act_clamp(x, p[0], p[1]); }
static double clip_df(double x, const double *p) { return x >= p[0] && x <= p[1] ? 1.0 : 0.0; }
static int clip_breaks(const double *p, double *out, int max) {
    if (max > 0) out[0] = p[0];
    if (max > 1) out[1] = p[1];
    return 2;
}
static int clip_check(const double *p, char *msg, size_t len) {
    if (p[0] <= p[1]) return 1;
    snprintf(msg, len, "min must not exceed max");
    return 0;
}
ACT_KERNELS(clip_f, clip_df)

const act_desc act_desc_clip = {
    .name = "clip",
    .summary = "clamp x to [min, max], gradient passing on the closed interval (Caffe)",
    .formula = "x < min ? min : (x > max ? max : x)",
    .dformula = "x >= min && x <= max ? 1 : 0",
    .origin = "Caffe Clip; XNNPACK clamp; ONNX Clip; oneDNN eltwise_clip; PyTorch clamp",
    .notes = "f' = 1 on the closed [min, max] (Caffe, PyTorch clamp), so f'(min) = f'(max) = 1; "
             "oneDNN clip uses (min, max], clip_v2 and hardtanh (min, max). Caffe requires both "
             "bounds; the defaults -1, 1 are ours. min = max gives a constant.",
    .nparams = 2,
    .params = {{"min", -1.0, -DBL_MAX, DBL_MAX, 0, 0, "lower bound"},
               {"max", 1.0, -DBL_MAX, DBL_MAX, 0, 0, "upper bound"}},
    .aliases = {{"clamp", "", "XNNPACK clamp, PyTorch torch.clamp"}, {0}},
    .check = clip_check,
    ACT_IMPL(clip_f, clip_df),
    .breaks = clip_breaks,
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
