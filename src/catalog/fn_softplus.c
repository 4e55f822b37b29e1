/*
 * softplus - smooth rectifier, with PyTorch's switch to the identity.
 *   f(x)  = x                            if beta*x > threshold
 *         = log(1 + e^(beta*x)) / beta   otherwise
 *   f'(x) = 1 if beta*x > threshold, sigmoid(beta*x) otherwise
 * PyTorch Softplus(beta=1, threshold=20) (the same predicate in forward and
 * backward); Caffe BNLL (beta = 1, no switch: threshold = inf); oneDNN
 * eltwise_soft_relu (alpha = beta; it switches only at expf's overflow bound,
 * i.e. mathematically threshold = inf); Keras softplus and ONNX Softplus have
 * no switch either (threshold = inf).
 * The switch is part of the function: at x = threshold/beta, f steps down by
 * log1p(e^-threshold)/beta (2.06e-9 at the defaults, below float resolution at
 * 20 where a float ulp is 1.9e-6) and f' by sigmoid(-threshold). Strictly, the
 * default function is therefore discontinuous and not monotone at x = 20;
 * with threshold = inf it is smooth and increasing.
 * Numerics: z = beta*x; log(1 + e^z) as max(z, 0) + log1p(e^-|z|); the
 * predicate beta*x > threshold is decided exactly (the rounding error of the
 * product is recovered with fma), as the formula states.
 */
#include "fn.h"

/* beta*x > threshold, exactly */
static int softplus_linear(double x, const double *p) {
    double z = p[0] * x;
    if (z != p[1]) return z > p[1];
    return isfinite(z) && fma(p[0], x, -z) > 0;
}
static double softplus_f(double x, const double *p) {
    if (softplus_linear(x, p)) return x;
    double z = p[0] * x;
    if (z == INFINITY) return x; /* beta*x overflowed (threshold = inf): log(1+e^z)/beta ~ x */
    return act_softplus(z) / p[0];
}
static double softplus_df(double x, const double *p) {
    if (softplus_linear(x, p)) return 1.0;
    return act_sigmoid(p[0] * x);
}
static int softplus_breaks(const double *p, double *out, int max) {
    if (!isfinite(p[1])) return 0;
    if (max > 0) out[0] = p[1] / p[0];
    return 1;
}
ACT_KERNELS(softplus_f, softplus_df)

const act_desc act_desc_softplus = {
    .name = "softplus",
    .summary = "log(1 + e^(beta*x))/beta, the identity where beta*x > threshold (PyTorch)",
    /* log(1 + e^z) = max(z, 0) + log(1 + e^-|z|) exactly; this form never
       overflows, not even in MPFR (e^z does beyond z ~ 3.2e18) */
    .formula = "beta*x > threshold ? x : max(x, 0) + log(1 + exp(-abs(beta*x)))/beta",
    .dformula = "beta*x > threshold ? 1 : 1/(1 + exp(-beta*x))",
    .origin = "PyTorch Softplus; Caffe BNLL; Keras softplus; ONNX Softplus; oneDNN "
              "eltwise_soft_relu",
    .notes = "same predicate beta*x > threshold in f and f' (PyTorch); threshold = inf removes "
             "the switch (bnll, soft_relu); at the defaults f steps down by 2.06e-9 at x = 20 "
             "(invisible in float, but f is not strictly continuous or monotone there); "
             "softplus'(0) = 0.5",
    .nparams = 2,
    .params = {{"beta", 1.0, 0, DBL_MAX, ACT_P_LO_OPEN, 0, "sharpness (oneDNN alpha)"},
               {"threshold", 20.0, 0, INFINITY, 0, 0,
                "beta*x above which f is x; inf for no switch"}},
    .aliases = {{"bnll", "threshold=inf", "Caffe BNLL"},
                {"soft_relu", "threshold=inf", "oneDNN eltwise_soft_relu (alpha = beta)"},
                {0}},
    ACT_IMPL(softplus_f, softplus_df),
    .breaks = softplus_breaks,
    .plot_lo = -5,
    .plot_hi = 5,
    .declared = {.inf = 0,
                 .sup = INFINITY,
                 .bounded_below = 1,
                 .bounded_above = 0,
                 .monotone = ACT_MONO_NONE,
                 .zero_centred = 0,
                 .symmetry = ACT_SYM_NONE,
                 .smoothness = ACT_SMOOTH_DISCONTINUOUS,
                 .n_kinks = 1,
                 .kinks = {20},
                 .sup_df = 1,
                 .sat_left = ACT_SAT_SOFT,
                 .sat_right = ACT_SAT_NONE,
                 .uat_article = 0,
                 .uat_leshno = 1},
};
