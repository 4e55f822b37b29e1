/*
 * isru - inverse square root unit (Carlile, Delamarter, Kinney, Marti,
 * Whitney 2017, "Improving Deep Learning by Inverse Square Root Linear Units
 * (ISRLUs)", arXiv:1710.09967, where it is proposed for RNNs as a cheaper
 * tanh).
 *   f(x)  = x / sqrt(1 + alpha x^2)          range (-1/sqrt(alpha), 1/sqrt(alpha))
 *   f'(x) = (1 / sqrt(1 + alpha x^2))^3      (from y: (1 - alpha y^2)^(3/2))
 * alpha > 0 sets the saturation level +-1/sqrt(alpha); alpha = 1 is the
 * paper's default and gives the range (-1, 1) with f'(0) = 1.
 * Evaluation: for |x| <= 1, r = 1/sqrt(1 + alpha x^2) directly (alpha x^2
 * cannot overflow); for |x| > 1 the same quantity is rewritten with t = 1/x
 * as |t| / sqrt(alpha + t^2), so alpha x^2 never overflows and f(+-inf) =
 * +-1/sqrt(alpha) comes out of the same expression (t = 0).
 * From y: 1 - alpha y^2 = 1/(1 + alpha x^2); it is formed with an fma so that
 * the difference keeps its accuracy close to saturation, and clamped at 0
 * (a rounded y may sit just beyond the asymptote).
 */
#include "fn.h"

static double isru_f(double x, const double *p) {
    double a = p[0];
    if (fabs(x) <= 1) return x / sqrt(1.0 + a * x * x);
    double t = 1.0 / x; /* x / sqrt(1 + a x^2) = sign(x) / sqrt(a + t^2) */
    return copysign(1.0 / sqrt(a + t * t), x);
}
static double isru_df(double x, const double *p) {
    double a = p[0];
    double r;
    if (fabs(x) <= 1)
        r = 1.0 / sqrt(1.0 + a * x * x);
    else {
        double t = fabs(1.0 / x); /* 1/sqrt(1 + a x^2) = |t| / sqrt(a + t^2) */
        r = t / sqrt(a + t * t);
    }
    return r * r * r;
}
static double isru_dfy(double y, const double *p) {
    double a = p[0];
    double y2 = y * y; /* exact for a float y */
    double prod = a * y2;
    double v = (1.0 - prod) - fma(a, y2, -prod); /* 1 - alpha y^2 */
    if (!(v > 0)) return 0.0;
    return v * sqrt(v);
}
ACT_KERNELS_Y(isru_f, isru_df, isru_dfy)

const act_desc act_desc_isru = {
    .name = "isru",
    .summary = "inverse square root unit x/sqrt(1+alpha x^2)",
    .formula = "x/sqrt(1+alpha*x^2)",
    .dformula = "1/sqrt(1+alpha*x^2)^3",
    .origin = "Carlile et al. 2017, ISRU (arXiv:1710.09967)",
    .notes = "f(+-inf) = +-1/sqrt(alpha); for |x| > 1 evaluated as sign(x)/sqrt(alpha + 1/x^2) so "
             "alpha x^2 never overflows; f' from y as (1 - alpha y^2)^(3/2) with the difference "
             "formed by fma and clamped at 0",
    .nparams = 1,
    .params = {{"alpha", 1.0, 0, DBL_MAX, ACT_P_LO_OPEN, 0,
                "saturation parameter: f tends to +-1/sqrt(alpha)"}},
    .aliases = {{0}},
    ACT_IMPL_Y(isru_f, isru_df, isru_dfy),
    .plot_lo = -6,
    .plot_hi = 6,
    .declared = {.inf = -1,
                 .sup = 1,
                 .bounded_below = 1,
                 .bounded_above = 1,
                 .monotone = ACT_MONO_INCREASING,
                 .zero_centred = 1,
                 .symmetry = ACT_SYM_ODD,
                 .smoothness = ACT_SMOOTH_C2,
                 .n_kinks = 0,
                 .sup_df = 1,
                 .sat_left = ACT_SAT_SOFT,
                 .sat_right = ACT_SAT_SOFT,
                 .uat_article = 1,
                 .uat_leshno = 1},
};
