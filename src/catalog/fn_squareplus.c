/*
 * squareplus - a softplus made of a square root (Barron 2021).
 *   f(x)  = (x + sqrt(x^2 + b)) / 2
 *   f'(x) = (1 + x / sqrt(x^2 + b)) / 2          (from y: y^2 / (y^2 + b/4))
 * b >= 0; b = 0 is relu, with f'(0) = 1/2 by the formula's x = 0 value.
 * r = sqrt(x^2 + b) as hypot(x, sqrt b): no overflow of x^2 for |x| > 1e154.
 * For x < 0, x + r cancels (f ~ b/(4|x|)); there the rationalised forms
 *   f = b / (2 (r - x)),   f' = b / (2 r (r - x))
 * add positive terms only.
 */
#include "fn.h"

static double squareplus_f(double x, const double *p) {
    double b = p[0], r = hypot(x, sqrt(b));
    if (x >= 0) return 0.5 * x + 0.5 * r;
    return 0.25 * b / (0.5 * r - 0.5 * x); /* b / (2 (r - x)), no overflow */
}
static double squareplus_df(double x, const double *p) {
    double b = p[0];
    if (isinf(x)) return x > 0 ? 1.0 : 0.0;
    double r = hypot(x, sqrt(b));
    if (x >= 0) return r == 0 ? 0.5 : 0.5 + 0.5 * (x / r);
    return 0.5 * b / r / (r - x);
}
/* y > 0 for b > 0: f' = y/r with r = y + b/(4y) */
static double squareplus_dfy(double y, const double *p) {
    return 1.0 / (1.0 + 0.25 * p[0] / y / y);
}
static int squareplus_dfy_ok(const double *p) { return p[0] > 0; }
ACT_KERNELS_Y(squareplus_f, squareplus_df, squareplus_dfy)

const act_desc act_desc_squareplus = {
    .name = "squareplus",
    .summary = "(x + sqrt(x^2 + b))/2, an algebraic softplus (Barron 2021)",
    .formula = "(x + sqrt(x^2 + b))/2",
    .dformula = "x == 0 ? 0.5 : (1 + x/sqrt(x^2 + b))/2",
    .origin = "Barron 2021, arXiv:2112.11687",
    .notes = "x < 0 in the rationalised form b/(2(sqrt(x^2+b) - x)) (no cancellation); "
             "sqrt(x^2+b) as hypot (no overflow); b = 0 is relu with f'(0) = 1/2; backward "
             "from y needs b > 0",
    .nparams = 1,
    .params = {{"b", 4.0, 0, DBL_MAX, 0, 0, "curvature near 0 (f(0) = sqrt(b)/2)"}},
    .aliases = {{0}},
    ACT_IMPL_Y(squareplus_f, squareplus_df, squareplus_dfy),
    .dfy_ok = squareplus_dfy_ok,
    .plot_lo = -4,
    .plot_hi = 4,
    .declared = {.inf = 0,
                 .sup = INFINITY,
                 .bounded_below = 1,
                 .bounded_above = 0,
                 .monotone = ACT_MONO_INCREASING,
                 .zero_centred = 0,
                 .symmetry = ACT_SYM_NONE,
                 .smoothness = ACT_SMOOTH_C2,
                 .n_kinks = 0,
                 .sup_df = 1,
                 .sat_left = ACT_SAT_SOFT,
                 .sat_right = ACT_SAT_NONE,
                 .uat_article = 0,
                 .uat_leshno = 1},
};
