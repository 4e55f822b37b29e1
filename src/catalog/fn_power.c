/*
 * power - Caffe's Power layer.
 *   f(x)  = (shift + scale * x)^power
 *   f'(x) = power * scale * (shift + scale * x)^(power - 1),   0 when power = 0
 * Caffe Power (PowerParameter power = 1, scale = 1, shift = 0: the identity).
 * Special cases elsewhere (the catalog's square and sqrt entries): XNNPACK and
 * oneDNN square (power = 2) and sqrt (power = 0.5); ONNX Pow with a constant
 * exponent; oneDNN eltwise_pow is alpha * x^beta, a different parametrisation.
 * Domain: where the base shift + scale*x is negative and power is not a whole
 * number, f and f' are NaN (no real power). At base 0, f' is infinite for
 * 0 < power < 1 and f itself for power < 0. power = 0 gives the constant 1
 * (0^0 = 1) with f' = 0 (Caffe's shortcut).
 * The base is formed with one rounding (fma), then pow: a few ulp overall.
 */
#include "fn.h"

/* the base, rounded once; scale = 0 keeps the constant even at x = +-inf, and
   shift = 0 keeps the sign of a zero x (the identity maps -0 to -0) */
static double power_base(double x, const double *p) {
    if (p[1] == 0) return p[2];
    return p[2] == 0 ? p[1] * x : fma(p[1], x, p[2]);
}
static int power_whole(double v) { return v == floor(v); }

static double power_f(double x, const double *p) {
    double b = power_base(x, p);
    /* C's pow(-inf, y) is +-inf or 0 for non-whole y; there is no real power */
    if (b < 0 && !power_whole(p[0])) return NAN;
    return pow(b, p[0]);
}
static double power_df(double x, const double *p) {
    if (p[0] == 0) return 0.0;
    double b = power_base(x, p);
    if (b < 0 && !power_whole(p[0])) return NAN;
    if (p[0] == 1) return p[1];
    return p[0] * p[1] * pow(b, p[0] - 1);
}
/* x = -shift/scale, where the base is 0: a kink or a pole unless power is a
   whole number >= 0 (then f is a polynomial) */
static int power_breaks(const double *p, double *out, int max) {
    if (p[1] == 0 || (p[0] >= 0 && power_whole(p[0]))) return 0;
    if (max > 0) out[0] = -p[2] / p[1];
    return 1;
}
ACT_KERNELS(power_f, power_df)

const act_desc act_desc_power = {
    .name = "power",
    .summary = "(shift + scale*x)^power (Caffe Power; the identity by default)",
    .formula = "(shift + scale*x)^power",
    .dformula = "power == 0 ? 0 : power*scale*(shift + scale*x)^(power - 1)",
    .origin = "Caffe Power; ONNX Pow (constant exponent)",
    .notes = "NaN where shift + scale*x < 0 and power is not a whole number; power = 0 is the "
             "constant 1 with f' = 0; at base 0, f' is infinite for 0 < power < 1",
    .nparams = 3,
    .params = {{"power", 1.0, -DBL_MAX, DBL_MAX, 0, 0, "the exponent"},
               {"scale", 1.0, -DBL_MAX, DBL_MAX, 0, 0, "multiplies x inside the base"},
               {"shift", 0.0, -DBL_MAX, DBL_MAX, 0, 0, "added inside the base"}},
    .aliases = {{0}},
    ACT_IMPL(power_f, power_df),
    .breaks = power_breaks,
    .plot_lo = -3,
    .plot_hi = 3,
    .declared = {.inf = -INFINITY,
                 .sup = INFINITY,
                 .bounded_below = 0,
                 .bounded_above = 0,
                 .monotone = ACT_MONO_INCREASING,
                 .zero_centred = 1,
                 .symmetry = ACT_SYM_ODD,
                 .smoothness = ACT_SMOOTH_C2,
                 .n_kinks = 0,
                 .sup_df = 1,
                 .sat_left = ACT_SAT_NONE,
                 .sat_right = ACT_SAT_NONE,
                 .uat_article = 0,
                 .uat_leshno = 0},
};
