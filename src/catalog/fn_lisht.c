/*
 * lisht - linearly scaled hyperbolic tangent (Roy, Manna, Dubey, Chaudhuri
 * 2019, "LiSHT: Non-Parametric Linearly Scaled Hyperbolic Tangent Activation
 * Function for Neural Networks", arXiv:1901.05894).
 *   f(x)  = x tanh(x)                         even, >= 0, f(0) = 0
 *   f'(x) = tanh(x) + x sech^2(x)             odd, tends to -+1 at -+inf
 * |f'| peaks at the x* > 0 with x* tanh(x*) = 1 (from f'' = 2 sech^2 x
 * (1 - x tanh x)), where f'(x*) = x* = 1.19967864025773...; f is decreasing
 * on the negative side and increasing on the positive side, so it is not
 * monotone and neither side saturates (f' -> -1, +1).
 * Evaluation: tanh from libm; sech^2 as 4e^-2|x|/(1+e^-2|x|)^2 (no
 * cancellation, no overflow); both terms of f' have the sign of x, so their
 * sum does not cancel. f(+-inf) = +inf, f'(+-inf) = +-1 (set explicitly:
 * inf * sech^2(inf) would be inf * 0).
 */
#include "fn.h"

static double lisht_f(double x, const double *p) {
    (void)p;
    return x * tanh(x);
}
static double lisht_df(double x, const double *p) {
    (void)p;
    if (isinf(x)) return x > 0 ? 1.0 : -1.0;
    return tanh(x) + x * act_sech2(x);
}
ACT_KERNELS(lisht_f, lisht_df)

const act_desc act_desc_lisht = {
    .name = "lisht",
    .summary = "linearly scaled hyperbolic tangent x tanh(x)",
    .formula = "x*tanh(x)",
    .dformula = "tanh(x) + x/cosh(x)^2",
    .origin = "Roy et al. 2019, LiSHT (arXiv:1901.05894)",
    .notes = "even function; f' = tanh(x) + x sech^2(x) with sech^2 as 4e^-2|x|/(1+e^-2|x|)^2; "
             "sup |f'| = x* = 1.1996786... where x* tanh(x*) = 1; f(+-inf) = +inf, "
             "f'(+-inf) = +-1",
    .aliases = {{0}},
    ACT_IMPL(lisht_f, lisht_df),
    .plot_lo = -4,
    .plot_hi = 4,
    .declared = {.inf = 0,
                 .sup = INFINITY,
                 .bounded_below = 1,
                 .bounded_above = 0,
                 .monotone = ACT_MONO_NONE,
                 .zero_centred = 1,
                 .symmetry = ACT_SYM_EVEN,
                 .smoothness = ACT_SMOOTH_C2,
                 .n_kinks = 0,
                 .sup_df = 1.1996786402577338,
                 .sat_left = ACT_SAT_NONE,
                 .sat_right = ACT_SAT_NONE,
                 .uat_article = 0,
                 .uat_leshno = 1},
};
