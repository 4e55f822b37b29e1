/*
 * logsigmoid - logarithm of the logistic sigmoid.
 *   f(x)  = log(1 / (1 + e^-x)) = -softplus(-x)
 *   f'(x) = sigmoid(-x) = 1 / (1 + e^x)        (from y: 1 - e^y = -expm1(y))
 * PyTorch LogSigmoid, Keras ops.log_sigmoid (JAX log_sigmoid); oneDNN gets it
 * as soft_relu with alpha = -1.
 * Computed as min(x, 0) - log1p(e^-|x|): log(sigmoid(x)) would give -inf for
 * x < -745 in double (pytorch #1835). logsigmoid(-inf) = -inf, (+inf) = 0,
 * logsigmoid(-100) = -100 - 3.7e-44. f' as sigmoid(-x) directly, never as
 * 1 - sigmoid(x), which is 0 once sigmoid rounds to 1.
 */
#include "fn.h"

static double logsigmoid_f(double x, const double *p) {
    (void)p;
    return fmin(x, 0.0) - log1p(exp(-fabs(x)));
}
static double logsigmoid_df(double x, const double *p) {
    (void)p;
    return act_sigmoid(-x);
}
/* y = log(sigmoid(x)): sigmoid(-x) = 1 - e^y, without cancellation near y = 0 */
static double logsigmoid_dfy(double y, const double *p) {
    (void)p;
    return -expm1(y);
}
ACT_KERNELS_Y(logsigmoid_f, logsigmoid_df, logsigmoid_dfy)

const act_desc act_desc_logsigmoid = {
    .name = "logsigmoid",
    .summary = "log(sigmoid(x)) = -softplus(-x)",
    /* = -log(1 + e^-x), written so that e^(-x) never overflows (MPFR included) */
    .formula = "min(x, 0) - log(1 + exp(-abs(x)))",
    .dformula = "1/(1 + exp(x))",
    .origin = "PyTorch LogSigmoid; Keras ops.log_sigmoid; oneDNN soft_relu with alpha = -1",
    .notes = "stable form min(x,0) - log1p(e^-|x|); f' = sigmoid(-x) directly; from y as "
             "-expm1(y)",
    .aliases = {{"log_sigmoid", "", "Keras/JAX log_sigmoid"}, {0}},
    ACT_IMPL_Y(logsigmoid_f, logsigmoid_df, logsigmoid_dfy),
    .plot_lo = -6,
    .plot_hi = 4,
    .declared = {.inf = -INFINITY,
                 .sup = 0,
                 .bounded_below = 0,
                 .bounded_above = 1,
                 .monotone = ACT_MONO_INCREASING,
                 .zero_centred = 0,
                 .symmetry = ACT_SYM_NONE,
                 .smoothness = ACT_SMOOTH_C2,
                 .n_kinks = 0,
                 .sup_df = 1,
                 .sat_left = ACT_SAT_NONE,
                 .sat_right = ACT_SAT_SOFT,
                 .uat_article = 0,
                 .uat_leshno = 1},
};
