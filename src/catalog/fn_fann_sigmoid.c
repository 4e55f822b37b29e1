/*
 * fann_sigmoid - FANN_SIGMOID: the logistic function of 2 s x.
 *   f(x)  = 1 / (1 + e^(-2 s x))               (s = 0.5: the standard sigmoid)
 *   f'(x) = 2 s f(x) f(-x)                     (from y: 2 s y (1 - y))
 * FANN (libfann) FANN_SIGMOID (fann_sigmoid_real(s*sum)), steepness s,
 * default 0.5. FANN's own derivative (fann_activation_derived) first clips y
 * to [0.01, 0.99] and returns 2 s y (1 - y): it never falls below 0.0198 s
 * (at |x| > 2.3/s) where the true derivative goes to 0; ours is the true one.
 * Stability: the sigmoid is split on the sign (act_sigmoid), the derivative is
 * e^-|t| / (1 + e^-|t|)^2 (never y (1 - y), which is 0 once y rounds to 1);
 * t = 2 s x is carried as hi + lo (lo = the rounding error of s x, from fma)
 * and corrected to first order, because the left tail e^t amplifies an
 * absolute error of t into a relative error of |t| times as much.
 */
#include "fn.h"

/* 2 s x as hi + lo (lo = 0 where s x overflows) */
static double fann_sigmoid_arg(double s, double x, double *lo) {
    double hi = s * x;
    *lo = isfinite(hi) ? 2.0 * fma(s, x, -hi) : 0.0;
    return 2.0 * hi;
}
static double fann_sigmoid_f(double x, const double *p) {
    double lo, hi = fann_sigmoid_arg(p[0], x, &lo);
    /* sigma(hi + lo) = sigma(hi) + lo sigma(hi) sigma(-hi) */
    return act_sigmoid(hi) + lo * act_dsigmoid(hi);
}
static double fann_sigmoid_df(double x, const double *p) {
    double lo, hi = fann_sigmoid_arg(p[0], x, &lo);
    /* sigma'' = sigma' (1 - 2 sigma) = -sigma' tanh(t/2) */
    return 2.0 * p[0] * act_dsigmoid(hi) * (1.0 - lo * tanh(0.5 * hi));
}
static double fann_sigmoid_dfy(double y, const double *p) { return 2.0 * p[0] * y * (1.0 - y); }
ACT_KERNELS_Y(fann_sigmoid_f, fann_sigmoid_df, fann_sigmoid_dfy)

const act_desc act_desc_fann_sigmoid = {
    .name = "fann_sigmoid",
    .summary = "FANN_SIGMOID: 1/(1+exp(-2*s*x)), the standard sigmoid at FANN's default s = 0.5",
    .formula = "1/(1+exp(-2*steepness*x))",
    .dformula = "2*steepness*exp(-2*steepness*x)/(1+exp(-2*steepness*x))^2",
    .origin = "FANN FANN_SIGMOID",
    .notes = "f' is the true derivative; FANN's fann_activation_derived clips y to [0.01, 0.99] "
             "before 2*s*y*(1-y), so its gradient never drops below 0.0198*s; from y here: "
             "2*s*y*(1-y) unclipped",
    .nparams = 1,
    .params = {{"steepness", 0.5, 0, DBL_MAX, ACT_P_LO_OPEN, 0,
                "FANN activation steepness s; f is applied to s*x (FANN default 0.5)"}},
    .aliases = {{0}},
    ACT_IMPL_Y(fann_sigmoid_f, fann_sigmoid_df, fann_sigmoid_dfy),
    .plot_lo = -8,
    .plot_hi = 8,
    .declared = {.inf = 0,
                 .sup = 1,
                 .bounded_below = 1,
                 .bounded_above = 1,
                 .monotone = ACT_MONO_INCREASING,
                 .zero_centred = 0,
                 .symmetry = ACT_SYM_NONE,
                 .smoothness = ACT_SMOOTH_C2,
                 .n_kinks = 0,
                 .sup_df = 0.25,
                 .sat_left = ACT_SAT_SOFT,
                 .sat_right = ACT_SAT_SOFT,
                 .uat_article = 1,
                 .uat_leshno = 1},
};
