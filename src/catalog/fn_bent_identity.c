/*
 * bent_identity - the "bent identity" (sqrt(x^2 + 1) - 1)/2 + x.
 *   f(x)  = (sqrt(x^2 + 1) - 1)/2 + x
 *   f'(x) = x / (2 sqrt(x^2 + 1)) + 1        in (1/2, 3/2)
 * An unbounded, strictly increasing, smooth unit whose slope bends from 1/2
 * (x -> -inf) to 3/2 (x -> +inf); f(0) = 0 and f'(0) = 1. It is listed in the
 * activation-function tables of the literature (the "bent identity" row of
 * Wikipedia's list of activation functions); no originating paper or
 * framework is known to us.
 * Evaluation: sqrt(x^2 + 1) through hypot(x, 1), which never overflows. For
 * |x| <= 1 the difference sqrt(x^2 + 1) - 1 cancels, so it is taken as
 * x^2 / (sqrt(x^2 + 1) + 1); above, hypot(x, 1) - 1 loses nothing. The sum
 * with x is benign: f has the sign of x and |f| >= |x|/2 - 1/2 for x < 0.
 * f(-inf) = -inf and f'(+-inf) = 3/2, 1/2 are returned explicitly (inf - inf
 * and inf/inf otherwise); f(-0) = -0.
 */
#include "fn.h"

static double bent_identity_f(double x, const double *p) {
    (void)p;
    if (isinf(x) || x == 0) return x; /* the limit; and -0 stays -0 */
    double r = hypot(x, 1.0);
    double g = fabs(x) <= 1 ? x * x / (r + 1.0) : r - 1.0; /* sqrt(x^2+1) - 1 */
    return 0.5 * g + x;
}
static double bent_identity_df(double x, const double *p) {
    (void)p;
    if (isinf(x)) return x > 0 ? 1.5 : 0.5;
    return 1.0 + 0.5 * (x / hypot(x, 1.0));
}
ACT_KERNELS(bent_identity_f, bent_identity_df)

const act_desc act_desc_bent_identity = {
    .name = "bent_identity",
    .summary = "bent identity (sqrt(x^2+1)-1)/2 + x",
    .formula = "(sqrt(x^2+1)-1)/2 + x",
    .dformula = "x/(2*sqrt(x^2+1)) + 1",
    .origin = "literature (bent identity in the activation-function tables)",
    .notes = "sqrt(x^2+1) via hypot; sqrt(x^2+1)-1 as x^2/(sqrt(x^2+1)+1) for |x| <= 1 (no "
             "cancellation near 0); f(+-inf) = +-inf, f'(-inf) = 1/2, f'(+inf) = 3/2",
    .aliases = {{0}},
    ACT_IMPL(bent_identity_f, bent_identity_df),
    .plot_lo = -4,
    .plot_hi = 4,
    .declared = {.inf = -INFINITY,
                 .sup = INFINITY,
                 .bounded_below = 0,
                 .bounded_above = 0,
                 .monotone = ACT_MONO_INCREASING,
                 .zero_centred = 1,
                 .symmetry = ACT_SYM_NONE,
                 .smoothness = ACT_SMOOTH_C2,
                 .n_kinks = 0,
                 .sup_df = 1.5,
                 .sat_left = ACT_SAT_NONE,
                 .sat_right = ACT_SAT_NONE,
                 .uat_article = 0,
                 .uat_leshno = 1},
};
