/*
 * mish - self-regularized non-monotonic activation (Misra 2019).
 *   f(x)  = x tanh(softplus(x))
 *   f'(x) = tanh(softplus(x)) + x sigmoid(x) sech^2(softplus(x))
 * PyTorch Mish, Keras mish, ONNX Mish (opset 18), oneDNN eltwise_mish.
 * With e = e^x and n = e (e + 2): tanh(log(1 + e)) = n / (n + 2) and
 * sigmoid(x) sech^2(softplus(x)) = 4 e (1 + e) / (n + 2)^2, so
 *   f = x n/(n + 2),   f' = n/(n + 2) + 4 x e (1 + e)/(n + 2)^2.
 * For x <= 0 these are evaluated with e = e^x <= 1: every term is positive, no
 * cancellation, and the left tail keeps its relative accuracy down to the
 * underflow of e^x (mish(-inf) = -0). For x > 0 the same expressions are
 * divided through by e^2 and evaluated with w = e^-x, so nothing overflows:
 *   f  = x (1 + 2w)/q,   q = 1 + 2w + 2w^2,
 *   f' = (1 + 2w)/q + 4 x w^2 (1 + w)/q^2.
 * No softplus threshold (PyTorch and darknet switch to x beyond 20, which here
 * is unnecessary). f'(0) = 0.6. Double results below ~1e-300 (x < -700) lose
 * relative accuracy as e^x turns subnormal; float results are unaffected.
 */
#include "fn.h"

static double mish_f(double x, const double *p) {
    (void)p;
    if (x <= 0) {
        if (isinf(x)) return -0.0;
        double e = exp(x), n = e * (e + 2.0);
        return x * (n / (n + 2.0));
    }
    double w = exp(-x);
    return x * ((1.0 + 2.0 * w) / (1.0 + 2.0 * w * (1.0 + w)));
}
static double mish_df(double x, const double *p) {
    (void)p;
    if (isinf(x)) return x > 0 ? 1.0 : 0.0;
    if (x <= 0) {
        double e = exp(x), n = e * (e + 2.0), q = n + 2.0;
        return n / q + 4.0 * x * e * (1.0 + e) / (q * q);
    }
    double w = exp(-x), q = 1.0 + 2.0 * w * (1.0 + w);
    return (1.0 + 2.0 * w) / q + 4.0 * x * (w * w) * (1.0 + w) / (q * q);
}
ACT_KERNELS(mish_f, mish_df)

const act_desc act_desc_mish = {
    .name = "mish",
    .summary = "x tanh(softplus(x)) (Misra 2019)",
    .formula = "x*tanh(log1p(exp(x)))",
    .dformula = "tanh(log1p(exp(x))) + x/(1 + exp(-x))/cosh(log1p(exp(x)))^2",
    .origin = "PyTorch Mish; Keras mish; ONNX Mish; oneDNN eltwise_mish; Misra 2019",
    .notes = "evaluated through n = e^x (e^x + 2), tanh(softplus) = n/(n+2), with e^-x for "
             "x > 0: no overflow, no cancellation, no softplus threshold; mish(-inf) = -0; "
             "f'(0) = 0.6",
    .aliases = {{0}},
    ACT_IMPL(mish_f, mish_df),
    .plot_lo = -5,
    .plot_hi = 4,
    .declared = {.inf = -0.30884341301725041,
                 .sup = INFINITY,
                 .bounded_below = 1,
                 .bounded_above = 0,
                 .monotone = ACT_MONO_NONE,
                 .zero_centred = 1,
                 .symmetry = ACT_SYM_NONE,
                 .smoothness = ACT_SMOOTH_C2,
                 .n_kinks = 0,
                 .sup_df = 1.0884981612517279,
                 .sat_left = ACT_SAT_SOFT,
                 .sat_right = ACT_SAT_NONE,
                 .uat_article = 0,
                 .uat_leshno = 1},
};
