/*
 * hard_sigmoid - the piecewise-linear sigmoid clip(alpha x + beta, 0, 1).
 *   f(x)  = max(0, min(1, alpha x + beta))
 *   f'(x) = alpha where 0 < alpha x + beta < 1, 0 elsewhere (0 at both knees)
 * ONNX HardSigmoid (alpha = 0.2, beta = 0.5), Keras 2 / Theano hard_sigmoid
 * (0.2 x + 0.5), oneDNN eltwise_hardsigmoid (alpha, beta). PyTorch Hardsigmoid
 * is relu6(x + 3)/6, i.e. alpha = 1/6 (alias hardsigmoid, with the double
 * nearest 1/6), and Keras 3's hard_sigmoid is that same x/6 + 1/2; Gulcehre et
 * al. 2016 linearise the sigmoid at 0 with slope 1/4 (alias
 * hard_sigmoid_gulcehre).
 * alpha must be positive (an increasing sigmoid; hard_sigmoid(-x) covers the
 * other sign). alpha x + beta is one fma rounding. The knees are decided on the
 * exact value of alpha x + beta: where the fma rounds to exactly 1, the sign of
 * the residual alpha x + beta - 1 is recovered from the exact product error.
 */
#include "fn.h"

static double hard_sigmoid_f(double x, const double *p) {
    double t = fma(p[0], x, p[1]);
    return t <= 0 ? 0.0 : (t >= 1 ? 1.0 : t);
}
static double hard_sigmoid_df(double x, const double *p) {
    double t = fma(p[0], x, p[1]);
    if (t <= 0 || t > 1) return 0.0;
    if (t < 1) return p[0];
    return act_hard_sigmoid_sign_minus1(p[0], x, p[1]) < 0 ? p[0] : 0.0;
}
static int hard_sigmoid_breaks(const double *p, double *out, int max) {
    if (max > 0) out[0] = -p[1] / p[0];
    if (max > 1) out[1] = (1.0 - p[1]) / p[0];
    return 2;
}
ACT_KERNELS(hard_sigmoid_f, hard_sigmoid_df)

const act_desc act_desc_hard_sigmoid = {
    .name = "hard_sigmoid",
    .summary = "piecewise-linear sigmoid max(0, min(1, alpha*x + beta))",
    .formula = "max(0, min(1, alpha*x + beta))",
    .dformula = "alpha*x + beta > 0 && alpha*x + beta < 1 ? alpha : 0",
    .origin = "ONNX HardSigmoid; Keras 2 hard_sigmoid; oneDNN eltwise_hardsigmoid; PyTorch "
              "Hardsigmoid (alpha = 1/6); Gulcehre et al. 2016 (alpha = 1/4)",
    .notes = "f' = 0 at both knees (PyTorch); alpha > 0. Keras 3 hard_sigmoid is x/6 + 1/2 "
             "(= the hardsigmoid preset), Keras 2 and ONNX use 0.2x + 0.5. The hardsigmoid "
             "preset's alpha is the double nearest 1/6, so its knees sit within 3e-16 of -3 "
             "and 3: at x = +-3 exactly it gives f' = alpha and f(-3) = 2.8e-17 where "
             "PyTorch gives 0",
    .nparams = 2,
    .params = {{"alpha", 0.2, 0, DBL_MAX, ACT_P_LO_OPEN, 0, "slope (> 0)"},
               {"beta", 0.5, -DBL_MAX, DBL_MAX, 0, 0, "value at x = 0 before clipping"}},
    .aliases = {{"hardsigmoid", "alpha=0.16666666666666666",
                 "PyTorch Hardsigmoid; Keras 3 hard_sigmoid"},
                {"hard_sigmoid_gulcehre", "alpha=0.25", "Gulcehre et al. 2016"},
                {0}},
    ACT_IMPL(hard_sigmoid_f, hard_sigmoid_df),
    .breaks = hard_sigmoid_breaks,
    .plot_lo = -4,
    .plot_hi = 4,
    .declared = {.inf = 0,
                 .sup = 1,
                 .bounded_below = 1,
                 .bounded_above = 1,
                 .monotone = ACT_MONO_INCREASING,
                 .zero_centred = 0,
                 .symmetry = ACT_SYM_NONE,
                 .smoothness = ACT_SMOOTH_C0,
                 .n_kinks = 2,
                 .kinks = {-2.5, 2.5},
                 .sup_df = 0.2,
                 .sat_left = ACT_SAT_HARD,
                 .sat_right = ACT_SAT_HARD,
                 .uat_article = 1,
                 .uat_leshno = 1},
};
