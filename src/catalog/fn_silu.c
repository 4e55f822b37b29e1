/*
 * silu - sigmoid-weighted linear unit, or swish (Elfwing et al. 2017;
 * Ramachandran et al. 2017).
 *   f(x)  = x * s,   s = sigmoid(beta * x)
 *   f'(x) = s * (1 + beta * x * (1 - s))
 * PyTorch SiLU (beta = 1, no parameter), Keras silu (alias swish), Caffe
 * Swish (SwishParameter.beta = 1), ONNX Swish (alpha = beta), oneDNN
 * eltwise_swish (alpha = beta).
 * beta may be any finite number, as in Caffe, ONNX and oneDNN: beta = 0 is
 * x/2, beta < 0 mirrors the shape (f(x; -b) = x - f(x; b)).
 * Numerics, with z = beta*x:
 *  - s through the sign-split sigmoid (no overflow, subnormal tail kept);
 *  - at x = +-inf the product inf * 0 is replaced by the limit: +-inf where
 *    s -> 1, a zero of x's sign where s -> 0 (silu(-inf) = -0);
 *  - f' for z < 0 as e^z (1 + z + e^z) / (1 + e^z)^2: 1 + z is exact near the
 *    zero of f' (z = -1.2785), so f' keeps its relative accuracy there; the
 *    rounding of z = beta*x is corrected to first order (its exact error from
 *    fma). For z >= 0 nothing cancels: s * (1 + z * sigmoid(-z)).
 * No backward from y: silu is not one-to-one.
 */
#include "fn.h"

static double silu_f(double x, const double *p) {
    double b = p[0];
    if (b == 0) return 0.5 * x;
    double z = b * x;
    if (isinf(x)) return z > 0 ? x : copysign(0.0, x);
    return x * act_sigmoid(z);
}
static double silu_df(double x, const double *p) {
    double b = p[0];
    if (b == 0) return 0.5;
    double z = b * x;
    if (isinf(z)) return z > 0 ? 1.0 : 0.0;
    if (z >= 0) return act_sigmoid(z) * (1.0 + z * act_sigmoid(-z));
    double zlo = fma(b, x, -z); /* beta*x = z + zlo exactly */
    double e = exp(z), d = 1.0 + e;
    double n = (1.0 + z) + e + zlo * d; /* 1 + (z+zlo) + e^(z+zlo), to first order in zlo */
    return e * n / (d * d);
}
ACT_KERNELS(silu_f, silu_df)

const act_desc act_desc_silu = {
    .name = "silu",
    .summary = "sigmoid-weighted linear unit x*sigmoid(beta*x), also called swish",
    .formula = "x/(1 + exp(-beta*x))",
    .dformula = "1/(1 + exp(-beta*x)) + beta*x/((1 + exp(-beta*x))*(1 + exp(beta*x)))",
    .origin = "PyTorch SiLU; Keras silu/swish; Caffe Swish; ONNX Swish; oneDNN eltwise_swish",
    .notes = "beta any finite value (Caffe, ONNX alpha, oneDNN alpha); minimum -0.278465 at "
             "x = -1.278465 (beta = 1); silu(-inf) = -0, silu(+inf) = +inf (limits)",
    .nparams = 1,
    .params = {{"beta", 1.0, -DBL_MAX, DBL_MAX, 0, 0,
                "slope of the gate sigmoid(beta*x) (Caffe beta, ONNX/oneDNN alpha)"}},
    .aliases = {{"swish", "", "Caffe Swish, Keras swish, ONNX Swish, oneDNN eltwise_swish"}, {0}},
    ACT_IMPL(silu_f, silu_df),
    .plot_lo = -6,
    .plot_hi = 4,
    .declared = {.inf = -0.2784645427610738,
                 .sup = INFINITY,
                 .bounded_below = 1,
                 .bounded_above = 0,
                 .monotone = ACT_MONO_NONE,
                 .zero_centred = 1,
                 .symmetry = ACT_SYM_NONE,
                 .smoothness = ACT_SMOOTH_C2,
                 .n_kinks = 0,
                 .sup_df = 1.099839320128867,
                 .sat_left = ACT_SAT_SOFT,
                 .sat_right = ACT_SAT_NONE,
                 .uat_article = 0,
                 .uat_leshno = 1},
};
