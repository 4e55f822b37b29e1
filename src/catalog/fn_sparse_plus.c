/*
 * sparse_plus - a C1 piecewise-quadratic softplus.
 *   f(x)  = 0 for x <= -1,  (x + 1)^2 / 4 on (-1, 1),  x for x >= 1
 *   f'(x) = 0 for x <= -1,  (x + 1) / 2  on (-1, 1),  1 for x >= 1
 * Keras 3 sparse_plus, JAX nn.sparse_plus (the integral of sparse_sigmoid).
 * f' is continuous; f'' jumps (0, 1/2, 0) at -1 and 1: C1, no kink.
 * x + 1 is exact near -1 (Sterbenz), so the quadratic keeps its relative
 * accuracy near its zero.
 */
#include "fn.h"

static double sparse_plus_f(double x, const double *p) {
    (void)p;
    if (x <= -1) return 0.0;
    if (x >= 1) return x;
    double u = x + 1.0;
    return 0.25 * u * u;
}
static double sparse_plus_df(double x, const double *p) {
    (void)p;
    if (x <= -1) return 0.0;
    if (x >= 1) return 1.0;
    return 0.5 * (x + 1.0);
}
static int sparse_plus_breaks(const double *p, double *out, int max) {
    (void)p;
    if (max > 0) out[0] = -1;
    if (max > 1) out[1] = 1;
    return 2;
}
ACT_KERNELS(sparse_plus_f, sparse_plus_df)

const act_desc act_desc_sparse_plus = {
    .name = "sparse_plus",
    .summary = "0, (x+1)^2/4, x on x <= -1, |x| < 1, x >= 1: a C1 softplus",
    .formula = "x <= -1 ? 0 : (x >= 1 ? x : (x + 1)^2/4)",
    .dformula = "x <= -1 ? 0 : (x >= 1 ? 1 : (x + 1)/2)",
    .origin = "Keras 3 sparse_plus; JAX nn.sparse_plus",
    .notes = "C1: f' is continuous, f'' jumps at -1 and 1",
    .aliases = {{0}},
    ACT_IMPL(sparse_plus_f, sparse_plus_df),
    .breaks = sparse_plus_breaks,
    .plot_lo = -3,
    .plot_hi = 3,
    .declared = {.inf = 0,
                 .sup = INFINITY,
                 .bounded_below = 1,
                 .bounded_above = 0,
                 .monotone = ACT_MONO_INCREASING,
                 .zero_centred = 0,
                 .symmetry = ACT_SYM_NONE,
                 .smoothness = ACT_SMOOTH_C1,
                 .n_kinks = 0,
                 .sup_df = 1,
                 .sat_left = ACT_SAT_HARD,
                 .sat_right = ACT_SAT_NONE,
                 .uat_article = 0,
                 .uat_leshno = 1},
};
