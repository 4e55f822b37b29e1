/*
 * square - x^2.
 *   f(x)  = x^2
 *   f'(x) = 2x
 * oneDNN eltwise_square, XNNPACK square. A polynomial: not a universal
 * approximator in Leshno et al.'s sense. Overflows to +inf where x^2 does.
 */
#include "fn.h"

static double square_f(double x, const double *p) {
    (void)p;
    return x * x;
}
static double square_df(double x, const double *p) {
    (void)p;
    return 2.0 * x;
}
/* The float kernels of ACT_KERNELS, except that forward gives +0 outright
   where x^2 < 2^-151 (it rounds to +0 in float anyway): narrowing such an
   underflowing x^2 (any subnormal x) costs ~3x on this CPU, the select
   nothing measurable (0.59 ns per float on normal inputs either way). */
static void square_f_fwd(const double *p, size_t n, const float *x, float *y) {
    (void)p;
    for (size_t i = 0; i < n; i++) {
        double xi = x[i], r = xi * xi;
        y[i] = (float)(r < 0x1p-151 ? 0.0 : r); /* NaN: r is NaN, the compare false */
    }
}
static void square_df_bwd_x(const double *p, size_t n, const float *x, const float *dy, float *dx) {
    for (size_t i = 0; i < n; i++) {
        double xi = x[i];
        dx[i] = isnan(xi) ? (float)xi : (float)((double)dy[i] * square_df(xi, p));
    }
}

const act_desc act_desc_square = {
    .name = "square",
    .summary = "x^2",
    .formula = "x^2",
    .dformula = "2*x",
    .origin = "oneDNN eltwise_square; XNNPACK square",
    .notes = "a polynomial (Leshno et al.: not universal); no backward from y (y loses the "
             "sign of x)",
    .aliases = {{0}},
    ACT_IMPL(square_f, square_df),
    .plot_lo = -3,
    .plot_hi = 3,
    .declared = {.inf = 0,
                 .sup = INFINITY,
                 .bounded_below = 1,
                 .bounded_above = 0,
                 .monotone = ACT_MONO_NONE,
                 .zero_centred = 1,
                 .symmetry = ACT_SYM_EVEN,
                 .smoothness = ACT_SMOOTH_C2,
                 .n_kinks = 0,
                 .sup_df = INFINITY,
                 .sat_left = ACT_SAT_NONE,
                 .sat_right = ACT_SAT_NONE,
                 .uat_article = 0,
                 .uat_leshno = 0},
};
