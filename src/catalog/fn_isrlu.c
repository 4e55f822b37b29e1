/*
 * isrlu - inverse square root linear unit (Carlile, Delamarter, Kinney,
 * Marti, Whitney 2017, "Improving Deep Learning by Inverse Square Root Linear
 * Units (ISRLUs)", arXiv:1710.09967): an ELU-like unit whose negative side is
 * the inverse square root unit instead of an exponential.
 *   f(x)  = x                         for x >= 0
 *           x / sqrt(1 + alpha x^2)   for x < 0      (tends to -1/sqrt(alpha))
 *   f'(x) = 1                         for x >= 0
 *           (1/sqrt(1 + alpha x^2))^3 for x < 0
 * Smoothness at 0: both sides have f(0) = 0, f'(0) = 1 and f''(0) = 0
 * (f'' = -3 alpha x (1 + alpha x^2)^(-5/2) on the left), so f is C2; the
 * third derivative jumps from -3 alpha to 0, so it is not C3. No kink.
 * alpha > 0; the paper's default is alpha = 1.
 * The negative side uses the same overflow-free evaluation as isru: for
 * x < -1 it is -1/sqrt(alpha + 1/x^2), so f(-inf) = -1/sqrt(alpha).
 * From y: y >= 0 exactly when x >= 0, and on the negative side
 * 1 - alpha y^2 = 1/(1 + alpha x^2) (formed with an fma, clamped at 0).
 */
#include "fn.h"

static double isrlu_f(double x, const double *p) {
    double a = p[0];
    if (x >= 0) return x;
    double q = 1.0 + a * x * x;
    if (q < 0x1p1000) return x / sqrt(q);
    double t = 1.0 / x; /* x / sqrt(1 + a x^2) = -1 / sqrt(a + t^2) */
    return -1.0 / sqrt(a + t * t);
}
static double isrlu_df(double x, const double *p) {
    double a = p[0];
    if (x >= 0) return 1.0;
    double r, q = 1.0 + a * x * x;
    if (q < 0x1p1000)
        r = 1.0 / sqrt(q);
    else {
        double t = -1.0 / x; /* 1/sqrt(1 + a x^2) = t / sqrt(a + t^2), t = 1/|x| */
        r = t / sqrt(a + t * t);
    }
    return r * r * r;
}
static double isrlu_dfy(double y, const double *p) {
    if (y >= 0) return 1.0;
    double a = p[0];
    double y2 = y * y; /* exact for a float y */
    double prod = a * y2;
    double v = (1.0 - prod) - fma(a, y2, -prod); /* 1 - alpha y^2 */
    if (!(v > 0)) return 0.0;
    return v * sqrt(v);
}
static int isrlu_breaks(const double *p, double *out, int max) {
    (void)p;
    if (max > 0) out[0] = 0;
    return 1;
}
ACT_KERNELS_Y(isrlu_f, isrlu_df, isrlu_dfy)

const act_desc act_desc_isrlu = {
    .name = "isrlu",
    .summary = "inverse square root linear unit: x for x >= 0, x/sqrt(1+alpha x^2) below",
    .formula = "x >= 0 ? x : x/sqrt(1+alpha*x^2)",
    .dformula = "x >= 0 ? 1 : 1/sqrt(1+alpha*x^2)^3",
    .origin = "Carlile et al. 2017, ISRLU (arXiv:1710.09967)",
    .notes =
        "C2 at 0 (f'(0) = 1 from both sides, f''(0) = 0 from both sides; not C3); "
        "f(-inf) = -1/sqrt(alpha); where 1 + alpha x^2 passes 2^1000 the negative side is "
        "evaluated as -1/sqrt(alpha + 1/x^2), so nothing overflows; -0 maps to -0; f' from y as "
        "1 for y >= 0, (1 - alpha y^2)^(3/2) below",
    .nparams = 1,
    .params = {{"alpha", 1.0, 0, DBL_MAX, ACT_P_LO_OPEN, 0,
                "negative saturation: f tends to -1/sqrt(alpha)"}},
    .aliases = {{0}},
    ACT_IMPL_Y(isrlu_f, isrlu_df, isrlu_dfy),
    .breaks = isrlu_breaks,
    .plot_lo = -5,
    .plot_hi = 3,
    .declared = {.inf = -1,
                 .sup = INFINITY,
                 .bounded_below = 1,
                 .bounded_above = 0,
                 .monotone = ACT_MONO_INCREASING,
                 .zero_centred = 1,
                 .symmetry = ACT_SYM_NONE,
                 .smoothness = ACT_SMOOTH_C2,
                 .n_kinks = 0,
                 .sup_df = 1,
                 .sat_left = ACT_SAT_SOFT,
                 .sat_right = ACT_SAT_NONE,
                 .uat_article = 0,
                 .uat_leshno = 1},
};
