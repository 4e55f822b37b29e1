/*
 * sqnl - square nonlinearity (Adedamola Wuraola, Nitish Patel 2018, "SQNL: A
 * New Computationally Efficient Activation Function", IJCNN 2018): a tanh
 * look-alike made of two parabolic pieces, cheap in hardware.
 *   f(x)  =  1              for x > 2
 *            x - x^2/4      for 0 <= x <= 2
 *            x + x^2/4      for -2 <= x < 0
 *           -1              for x < -2
 *   f'(x) =  0              for x > 2 or x < -2
 *            1 - x/2        for 0 <= x <= 2
 *            1 + x/2        for -2 <= x < 0
 * f' is continuous (0 at +-2 from both sides, 1 at 0 from both sides), so
 * there is no kink; f'' jumps at -2 (0 to 1/2), at 0 (1/2 to -1/2) and at 2
 * (-1/2 to 0): f is C1 and not C2. f' = 0 exactly beyond +-2: hard
 * saturation on both sides. The value of f' at the breakpoints needs no
 * convention (both one-sided derivatives agree).
 * Evaluation as x (1 -+ x/4) and 1 -+ x/2: no cancellation except near the
 * saturation points, where 1 - x/2 is exact (Sterbenz) for x in [1, 2].
 */
#include "fn.h"

static double sqnl_f(double x, const double *p) {
    (void)p;
    if (x > 2) return 1.0;
    if (x >= 0) return x * (1.0 - 0.25 * x);
    if (x >= -2) return x * (1.0 + 0.25 * x);
    return -1.0;
}
static double sqnl_df(double x, const double *p) {
    (void)p;
    if (x > 2 || x < -2) return 0.0;
    return x >= 0 ? 1.0 - 0.5 * x : 1.0 + 0.5 * x;
}
static int sqnl_breaks(const double *p, double *out, int max) {
    (void)p;
    static const double b[3] = {-2, 0, 2};
    for (int i = 0; i < 3 && i < max; i++)
        out[i] = b[i];
    return 3;
}
ACT_KERNELS(sqnl_f, sqnl_df)

const act_desc act_desc_sqnl = {
    .name = "sqnl",
    .summary = "square nonlinearity: two parabolas saturating at +-1 beyond +-2",
    .formula = "x > 2 ? 1 : x >= 0 ? x - x^2/4 : x >= -2 ? x + x^2/4 : -1",
    .dformula = "x > 2 ? 0 : x >= 0 ? 1 - x/2 : x >= -2 ? 1 + x/2 : 0",
    .origin = "Wuraola & Patel 2018, SQNL (IJCNN 2018)",
    .notes = "C1, not C2: f' is continuous (0 at +-2, 1 at 0) while f'' jumps at -2, 0, 2; hard "
             "saturation beyond +-2",
    .aliases = {{0}},
    ACT_IMPL(sqnl_f, sqnl_df),
    .breaks = sqnl_breaks,
    .plot_lo = -3,
    .plot_hi = 3,
    .declared = {.inf = -1,
                 .sup = 1,
                 .bounded_below = 1,
                 .bounded_above = 1,
                 .monotone = ACT_MONO_INCREASING,
                 .zero_centred = 1,
                 .symmetry = ACT_SYM_ODD,
                 .smoothness = ACT_SMOOTH_C1,
                 .n_kinks = 0,
                 .sup_df = 1,
                 .sat_left = ACT_SAT_HARD,
                 .sat_right = ACT_SAT_HARD,
                 .uat_article = 1,
                 .uat_leshno = 1},
};
