/*
 * ramp - darknet's RAMP: a ReLU plus a tenth of the identity.
 *   f(x)  = x (x > 0) + 0.1 x      (1.1 x for x > 0, 0.1 x for x <= 0)
 *   f'(x) = (x > 0) + 0.1          (f'(0) = 0.1)
 * darknet (pjreddie) RAMP: ramp_activate x*(x>0) + .1*x; ramp_gradient
 * (x>0) + .1, called on the layer's output y, and y > 0 exactly when x > 0,
 * so darknet's f'(0) = 0.1; ours is the same, from x or from y.
 * 1.1 x is computed as x + x/10 (two roundings), 0.1 x as x/10 (one).
 */
#include "fn.h"

static double ramp_f(double x, const double *p) {
    (void)p;
    return x > 0 ? x + x / 10.0 : x / 10.0;
}
static double ramp_df(double x, const double *p) {
    (void)p;
    return x > 0 ? 1.1 : 0.1;
}
static double ramp_dfy(double y, const double *p) {
    (void)p;
    return y > 0 ? 1.1 : 0.1;
}
static int ramp_breaks(const double *p, double *out, int max) {
    (void)p;
    if (max > 0) out[0] = 0;
    return 1;
}
ACT_KERNELS_Y(ramp_f, ramp_df, ramp_dfy)

const act_desc act_desc_ramp = {
    .name = "ramp",
    .summary = "darknet RAMP: x*(x>0) + 0.1*x, slopes 0.1 and 1.1",
    .formula = "(x > 0 ? x : 0) + 0.1*x",
    .dformula = "(x > 0 ? 1 : 0) + 0.1",
    .origin = "darknet RAMP",
    .notes = "f'(0) = 0.1, as darknet's gradient (x > 0) + .1 evaluated on the output",
    .aliases = {{0}},
    ACT_IMPL_Y(ramp_f, ramp_df, ramp_dfy),
    .breaks = ramp_breaks,
    .plot_lo = -3,
    .plot_hi = 3,
    .declared = {.inf = -INFINITY,
                 .sup = INFINITY,
                 .bounded_below = 0,
                 .bounded_above = 0,
                 .monotone = ACT_MONO_INCREASING,
                 .zero_centred = 1,
                 .symmetry = ACT_SYM_NONE,
                 .smoothness = ACT_SMOOTH_C0,
                 .n_kinks = 1,
                 .kinks = {0},
                 .sup_df = 1.1,
                 .sat_left = ACT_SAT_NONE,
                 .sat_right = ACT_SAT_NONE,
                 .uat_article = 0,
                 .uat_leshno = 1},
};
