/*
 * hardswish - x times the PyTorch hard sigmoid (Howard et al. 2019, MobileNetV3).
 *   f(x)  = x relu6(x + 3)/6 = 0 for x <= -3,  x (x + 3)/6 on (-3, 3),  x for x >= 3
 *   f'(x) = 0 for x <= -3,  (2x + 3)/6 = x/3 + 1/2 on (-3, 3),  1 for x >= 3
 * PyTorch Hardswish, Keras hard_silu (alias hard_swish), ONNX HardSwish,
 * oneDNN eltwise_hardswish (alpha = 1/6, beta = 1/2), XNNPACK hardswish.
 * Convention at the knees: f'(-3) = 0 and f'(3) = 1, the open band of
 * torch/_decomp's hardswish_backward and of ATen after pytorch PR #148049.
 * Older ATen kernels (1.10 to 2.6, pytorch #147801, #87778) use the closed band
 * and give -0.5 at -3 and 1.5 at 3.
 * x + 3 and 2x + 3 are exact near the knees (Sterbenz), so f and f' keep their
 * relative accuracy near their zeros -3 and -1.5. For x <= -3 the result is -0,
 * as PyTorch's x * 0 / 6; hardswish(-inf) = -0 (not -inf * 0 = NaN).
 */
#include "fn.h"

static double hardswish_f(double x, const double *p) {
    (void)p;
    if (x <= -3) return -0.0;
    if (x >= 3) return x;
    return x * (x + 3.0) / 6.0;
}
static double hardswish_df(double x, const double *p) {
    (void)p;
    if (x <= -3) return 0.0;
    if (x >= 3) return 1.0;
    return (2.0 * x + 3.0) / 6.0;
}
static int hardswish_breaks(const double *p, double *out, int max) {
    (void)p;
    if (max > 0) out[0] = -3;
    if (max > 1) out[1] = 3;
    return 2;
}
ACT_KERNELS(hardswish_f, hardswish_df)

const act_desc act_desc_hardswish = {
    .name = "hardswish",
    .summary = "hard swish x relu6(x+3)/6 (MobileNetV3)",
    .formula = "x <= -3 ? 0 : (x >= 3 ? x : x*(x + 3)/6)",
    .dformula = "x <= -3 ? 0 : (x < 3 ? (2*x + 3)/6 : 1)",
    .origin = "PyTorch Hardswish; Keras hard_silu, hard_swish; ONNX HardSwish; oneDNN "
              "eltwise_hardswish; XNNPACK hardswish; Howard et al. 2019",
    .notes = "f'(-3) = 0, f'(3) = 1 (torch/_decomp, ATen after PR #148049; ATen 1.10-2.6 gives "
             "-0.5 and 1.5 there); f = -0 for x <= -3, including -inf",
    .aliases = {{"hard_swish", "", "Keras hard_swish"},
                {"hard_silu", "", "Keras 3 hard_silu"},
                {0}},
    ACT_IMPL(hardswish_f, hardswish_df),
    .breaks = hardswish_breaks,
    .plot_lo = -5,
    .plot_hi = 5,
    .declared = {.inf = -0.375,
                 .sup = INFINITY,
                 .bounded_below = 1,
                 .bounded_above = 0,
                 .monotone = ACT_MONO_NONE,
                 .zero_centred = 1,
                 .symmetry = ACT_SYM_NONE,
                 .smoothness = ACT_SMOOTH_C0,
                 .n_kinks = 2,
                 .kinks = {-3, 3},
                 .sup_df = 1.5,
                 .sat_left = ACT_SAT_HARD,
                 .sat_right = ACT_SAT_NONE,
                 .uat_article = 0,
                 .uat_leshno = 1},
};
