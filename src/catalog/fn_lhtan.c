/*
 * lhtan - darknet's LHTAN: a leaky hard tanh on [0, 1].
 *   f(x)  = 0.001 x                x < 0
 *         = x                      0 <= x <= 1
 *         = 0.001 (x - 1) + 1      x > 1
 *   f'(x) = 1 on (0, 1), 0.001 elsewhere (also at the kinks 0 and 1)
 * darknet (pjreddie) LHTAN: lhtan_activate as above; lhtan_gradient
 * (x > 0 && x < 1) ? 1 : .001, called on the output y, which lies in (0, 1)
 * exactly when x does: darknet gives 0.001 at both kinks; ours is the same,
 * from x or from y. 0.001 t is computed as t/1000 (one rounding).
 */
#include "fn.h"

static double lhtan_f(double x, const double *p) {
    (void)p;
    if (x < 0) return x / 1000.0;
    if (x > 1) return (x - 1.0) / 1000.0 + 1.0;
    return x;
}
static double lhtan_df(double x, const double *p) {
    (void)p;
    return (x > 0 && x < 1) ? 1.0 : 0.001;
}
static double lhtan_dfy(double y, const double *p) {
    (void)p;
    return (y > 0 && y < 1) ? 1.0 : 0.001;
}
static int lhtan_breaks(const double *p, double *out, int max) {
    (void)p;
    if (max > 0) out[0] = 0;
    if (max > 1) out[1] = 1;
    return 2;
}
/* the kernels by hand: x/1000 is subnormal for every x in (-1.2e-35, 0),
   and narrowing it to float through SSE2 costs 3x the rest (act_narrow) */
static void lhtan_fwd(const double *p, size_t n, const float *x, float *y) {
    for (size_t i = 0; i < n; i++) {
        double xi = x[i];
        y[i] = xi < 0 && xi > -0x1p-100 ? act_narrow(xi / 1000.0) : (float)lhtan_f(xi, p);
    }
}
static void lhtan_bwd_x(const double *p, size_t n, const float *x, const float *dy, float *dx) {
    for (size_t i = 0; i < n; i++)
        dx[i] = isnan(x[i]) ? x[i] : (float)((double)dy[i] * lhtan_df(x[i], p));
}
static void lhtan_bwd_y(const double *p, size_t n, const float *y, const float *dy, float *dx) {
    for (size_t i = 0; i < n; i++)
        dx[i] = isnan(y[i]) ? y[i] : (float)((double)dy[i] * lhtan_dfy(y[i], p));
}

const act_desc act_desc_lhtan = {
    .name = "lhtan",
    .summary = "darknet LHTAN: leaky hard tanh, x on [0,1] with slope 0.001 outside",
    .formula = "x < 0 ? 0.001*x : (x > 1 ? 0.001*(x - 1) + 1 : x)",
    .dformula = "x > 0 && x < 1 ? 1 : 0.001",
    .origin = "darknet LHTAN",
    .notes = "f'(0) = f'(1) = 0.001, as darknet's gradient (y > 0 && y < 1) ? 1 : .001 on the "
             "output",
    .aliases = {{0}},
    .f = lhtan_f,
    .df = lhtan_df,
    .dfy = lhtan_dfy,
    .fwd = lhtan_fwd,
    .bwd_x = lhtan_bwd_x,
    .bwd_y = lhtan_bwd_y,
    .breaks = lhtan_breaks,
    .plot_lo = -1,
    .plot_hi = 2,
    .declared = {.inf = -INFINITY,
                 .sup = INFINITY,
                 .bounded_below = 0,
                 .bounded_above = 0,
                 .monotone = ACT_MONO_INCREASING,
                 .zero_centred = 1,
                 .symmetry = ACT_SYM_NONE,
                 .smoothness = ACT_SMOOTH_C0,
                 .n_kinks = 2,
                 .kinks = {0, 1},
                 .sup_df = 1,
                 .sat_left = ACT_SAT_NONE,
                 .sat_right = ACT_SAT_NONE,
                 .uat_article = 0,
                 .uat_leshno = 1},
};
