/*
 * stair - darknet's STAIR: a staircase whose risers are ramps.
 *   with k = floor(x/2):
 *   f(x)  = k                      2k <= x <= 2k+1   (the treads)
 *         = x - k - 1              2k+1 <= x <= 2k+2 (the risers, slope 1)
 *   f'(x) = 1 on the open risers (2k+1, 2k+2), 0 on the treads and at
 *           every integer
 * darknet (pjreddie) STAIR: n = floor(x); n even: floor(x/2); n odd:
 * (x - n) + floor(x/2). Worked out, that is the function above: continuous
 * (both pieces meet at every integer), non-decreasing, f(x) ~ x/2 in the
 * large, with a kink at every integer. darknet's gradient, on the output y,
 * is floor(y) == y ? 0 : 1; y is an integer exactly on the treads (including
 * both ends of every riser), so it is 0 on the treads and at every integer
 * and 1 on the open risers: our f', from x or from y.
 * Stability: the written riser (x - n) + floor(x/2) cancels near 0 (x = -1e-30
 * gives 0); we compute it as x - (k + 1), one rounding, and k is corrected
 * where x/2 rounds up in the subnormal range. Only the integers in [-7, 7]
 * are returned as breaks (the set is infinite).
 * At +-inf: over the reals f' has no limit (0 and 1 alternate forever), but
 * every double with |x| >= 2^52 is an integer, where f' = 0, so f'(+-inf) = 0
 * (the limit along the representable numbers).
 */
#include "fn.h"

static double stair_k(double x) {
    double k = floor(x / 2);
    if (2 * k > x) k -= 1; /* x/2 rounded up to an integer (subnormal x) */
    return k;
}
static double stair_f(double x, const double *p) {
    (void)p;
    if (isinf(x)) return x;
    double k = stair_k(x);
    return x > 2 * k + 1 ? x - (k + 1) : k;
}
static double stair_df(double x, const double *p) {
    (void)p;
    if (isinf(x)) return 0.0; /* see the top comment */
    double k = stair_k(x);
    return (x > 2 * k + 1 && floor(x) != x) ? 1.0 : 0.0;
}
static double stair_dfy(double y, const double *p) {
    (void)p;
    return floor(y) == y ? 0.0 : 1.0;
}
static int stair_breaks(const double *p, double *out, int max) {
    (void)p;
    int n = 0;
    for (int i = -7; i <= 7; i++, n++)
        if (n < max) out[n] = i;
    return n;
}
ACT_KERNELS_Y(stair_f, stair_df, stair_dfy)

const act_desc act_desc_stair = {
    .name = "stair",
    .summary = "darknet STAIR: continuous staircase, flat on [2k,2k+1], slope 1 on [2k+1,2k+2]",
    .formula = "floor(x) == 2*floor(x/2) ? floor(x/2) : x - floor(x) + floor(x/2)",
    .dformula = "floor(x) == x || floor(x) == 2*floor(x/2) ? 0 : 1",
    .origin = "darknet STAIR",
    .notes = "continuous, kinks at every integer; f' = 0 at the integers, as darknet's gradient "
             "floor(y) == y ? 0 : 1 on the output; f'(+-inf) = 0 (every double beyond 2^52 is an "
             "integer; over the reals there is no limit); breaks lists only "
             "the integers in [-7, 7], and the computed kinks stop at ACT_MAX_KINKS",
    .aliases = {{0}},
    ACT_IMPL_Y(stair_f, stair_df, stair_dfy),
    .breaks = stair_breaks,
    .plot_lo = -4,
    .plot_hi = 4,
    .declared = {.inf = -INFINITY,
                 .sup = INFINITY,
                 .bounded_below = 0,
                 .bounded_above = 0,
                 .monotone = ACT_MONO_INCREASING,
                 .zero_centred = 1,
                 .symmetry = ACT_SYM_NONE,
                 .smoothness = ACT_SMOOTH_C0,
                 .n_kinks = 8,
                 .kinks_truncated = 1,
                 .kinks = {-29, -28, -27, -26, -25, -24, -23, -22},
                 .sup_df = 1,
                 .sat_left = ACT_SAT_NONE,
                 .sat_right = ACT_SAT_NONE,
                 .uat_article = 0,
                 .uat_leshno = 1},
};
