/*
 * softsign - x / (1 + |x|) (Bergstra et al. 2009; Glorot & Bengio 2010).
 *   f(x)  = x / (1 + |x|)
 *   f'(x) = 1 / (1 + |x|)^2
 * PyTorch Softsign, Keras softsign, ONNX Softsign; FANN ELLIOT_SYMMETRIC is
 * the same with steepness. softsign(+-inf) = +-1 by an explicit branch (inf/inf
 * would be NaN). f' as (1/d)/d, d = 1 + |x|, so that d^2 never overflows before
 * the result underflows. f' has a kink at 0 (f'' jumps from 2 to -2): C1.
 */
#include "fn.h"

static double softsign_f(double x, const double *p) {
    (void)p;
    if (isinf(x)) return copysign(1.0, x);
    return x / (1.0 + fabs(x));
}
static double softsign_df(double x, const double *p) {
    (void)p;
    double d = 1.0 + fabs(x);
    return 1.0 / d / d;
}
ACT_KERNELS(softsign_f, softsign_df)

const act_desc act_desc_softsign = {
    .name = "softsign",
    .summary = "x/(1+|x|), a rational sigmoid with polynomial tails",
    .formula = "x/(1 + abs(x))",
    .dformula = "1/(1 + abs(x))^2",
    .origin = "PyTorch Softsign; Keras softsign; ONNX Softsign; Glorot & Bengio 2010",
    .notes = "softsign(+-inf) = +-1; f'(0) = 1; f'' jumps at 0 (C1)",
    .aliases = {{0}},
    ACT_IMPL(softsign_f, softsign_df),
    .plot_lo = -6,
    .plot_hi = 6,
    .declared = {.inf = -1,
                 .sup = 1,
                 .bounded_below = 1,
                 .bounded_above = 1,
                 .monotone = ACT_MONO_INCREASING,
                 .zero_centred = 1,
                 .symmetry = ACT_SYM_ODD,
                 .smoothness = ACT_SMOOTH_C1,
                 .n_kinks = 0,
                 .sup_df = 1,
                 .sat_left = ACT_SAT_SOFT,
                 .sat_right = ACT_SAT_SOFT,
                 .uat_article = 1,
                 .uat_leshno = 1},
};
