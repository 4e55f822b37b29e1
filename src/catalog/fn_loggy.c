/*
 * loggy - darknet's LOGGY: the logistic function stretched to (-1, 1).
 *   f(x)  = 2 / (1 + e^-x) - 1 = tanh(x/2)
 *   f'(x) = 2 sigmoid(x) sigmoid(-x) = sech^2(x/2) / 2     (from y: (1 - y^2)/2)
 * darknet (pjreddie) LOGGY: loggy_activate 2./(1. + exp(-x)) - 1;
 * loggy_gradient on the output y: 2 (1 - y') y' with y' = (y + 1)/2, which is
 * (1 - y^2)/2. The written form cancels near 0 (2/(1 + e^-x) - 1 loses all
 * digits of a tiny f); we compute tanh(x/2), and f' as 2 e^-|x|/(1 + e^-|x|)^2,
 * exact in the tails where 1 - y^2 is 0.
 */
#include "fn.h"

static double loggy_f(double x, const double *p) {
    (void)p;
    return tanh(0.5 * x);
}
static double loggy_df(double x, const double *p) {
    (void)p;
    return 2.0 * act_dsigmoid(x);
}
static double loggy_dfy(double y, const double *p) {
    (void)p;
    return 0.5 * (1.0 - y) * (1.0 + y);
}
ACT_KERNELS_Y(loggy_f, loggy_df, loggy_dfy)

const act_desc act_desc_loggy = {
    .name = "loggy",
    .summary = "darknet LOGGY: 2/(1+exp(-x)) - 1 = tanh(x/2)",
    .formula = "2/(1+exp(-x)) - 1",
    .dformula = "2*exp(-x)/(1+exp(-x))^2",
    .origin = "darknet LOGGY",
    .notes = "computed as tanh(x/2) (the written form cancels near 0); from y: (1-y^2)/2, "
             "darknet's 2*(1-y')*y' with y' = (y+1)/2",
    .aliases = {{0}},
    ACT_IMPL_Y(loggy_f, loggy_df, loggy_dfy),
    .plot_lo = -8,
    .plot_hi = 8,
    .declared = {.inf = -1,
                 .sup = 1,
                 .bounded_below = 1,
                 .bounded_above = 1,
                 .monotone = ACT_MONO_INCREASING,
                 .zero_centred = 1,
                 .symmetry = ACT_SYM_ODD,
                 .smoothness = ACT_SMOOTH_C2,
                 .n_kinks = 0,
                 .sup_df = 0.5,
                 .sat_left = ACT_SAT_SOFT,
                 .sat_right = ACT_SAT_SOFT,
                 .uat_article = 1,
                 .uat_leshno = 1},
};
