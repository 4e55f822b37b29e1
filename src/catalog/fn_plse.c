/*
 * plse - darknet's PLSE: a piecewise-linear sigmoid with leaky tails.
 *   f(x)  = 0.01 (x + 4)           x < -4
 *         = 0.125 x + 0.5          -4 <= x <= 4
 *         = 0.01 (x - 4) + 1       x > 4
 *   f'(x) = 0.125 on [-4, 4], 0.01 outside      (from y: 0.125 on [0, 1])
 * Continuous, kinks at +-4. darknet (pjreddie) PLSE: plse_activate as above;
 * plse_gradient (x < 0 || x > 1) ? .01 : .125, called on the layer's output
 * y: y < 0 exactly when x < -4 and y > 1 exactly when x > 4, so darknet gives
 * 0.125 at both kinks (y = 0 and y = 1); ours is the same.
 * Stability: x + 4 and x - 4 are exact near the kinks (Sterbenz), so the
 * tails keep their relative accuracy where f crosses 0; 0.01 t as t/100.
 */
#include "fn.h"

static double plse_f(double x, const double *p) {
    (void)p;
    if (x < -4) return (x + 4.0) / 100.0;
    if (x > 4) return (x - 4.0) / 100.0 + 1.0;
    return 0.125 * x + 0.5;
}
static double plse_df(double x, const double *p) {
    (void)p;
    return (x < -4 || x > 4) ? 0.01 : 0.125;
}
static double plse_dfy(double y, const double *p) {
    (void)p;
    return (y < 0 || y > 1) ? 0.01 : 0.125;
}
static int plse_breaks(const double *p, double *out, int max) {
    (void)p;
    if (max > 0) out[0] = -4;
    if (max > 1) out[1] = 4;
    return 2;
}
ACT_KERNELS_Y(plse_f, plse_df, plse_dfy)

const act_desc act_desc_plse = {
    .name = "plse",
    .summary = "darknet PLSE: piecewise-linear sigmoid 0.125x+0.5 on [-4,4], slope 0.01 outside",
    .formula = "x < -4 ? 0.01*(x + 4) : (x > 4 ? 0.01*(x - 4) + 1 : 0.125*x + 0.5)",
    .dformula = "x < -4 || x > 4 ? 0.01 : 0.125",
    .origin = "darknet PLSE",
    .notes = "f'(+-4) = 0.125: darknet's gradient is written on the output y, "
             "(y < 0 || y > 1) ? .01 : .125, and y = 0, 1 at x = -4, 4",
    .aliases = {{0}},
    ACT_IMPL_Y(plse_f, plse_df, plse_dfy),
    .breaks = plse_breaks,
    .plot_lo = -8,
    .plot_hi = 8,
    .declared = {.inf = -INFINITY,
                 .sup = INFINITY,
                 .bounded_below = 0,
                 .bounded_above = 0,
                 .monotone = ACT_MONO_INCREASING,
                 .zero_centred = 0,
                 .symmetry = ACT_SYM_NONE,
                 .smoothness = ACT_SMOOTH_C0,
                 .n_kinks = 2,
                 .kinks = {-4, 4},
                 .sup_df = 0.125,
                 .sat_left = ACT_SAT_NONE,
                 .sat_right = ACT_SAT_NONE,
                 .uat_article = 0,
                 .uat_leshno = 1},
};
