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
ACT_KERNELS_Y(lhtan_f, lhtan_df, lhtan_dfy)

const act_desc act_desc_lhtan = {
    .name = "lhtan",
    .summary = "darknet LHTAN: leaky hard tanh, x on [0,1] with slope 0.001 outside",
    .formula = "x < 0 ? 0.001*x : (x > 1 ? 0.001*(x - 1) + 1 : x)",
    .dformula = "x > 0 && x < 1 ? 1 : 0.001",
    .origin = "darknet LHTAN",
    .notes = "f'(0) = f'(1) = 0.001, as darknet's gradient (y > 0 && y < 1) ? 1 : .001 on the "
             "output",
    .aliases = {{0}},
    ACT_IMPL_Y(lhtan_f, lhtan_df, lhtan_dfy),
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
