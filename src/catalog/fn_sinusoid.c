/*
 * sinusoid - the periodic activation of SIREN (Sitzmann, Martel, Bergman,
 * Lindell, Wetzstein 2020, "Implicit Neural Representations with Periodic
 * Activation Functions", NeurIPS; arXiv:2006.09661).
 *   f(x)  = sin(w0 x)
 *   f'(x) = w0 cos(w0 x)
 * SIREN scales the first layer's pre-activations by w0 = 30 so that the sine
 * spans several periods over the input domain (sec. 3.2 of the paper); the
 * factor is kept here as the parameter w0 > 0 (a negative w0 only flips the
 * sign: sin(-w0 x) = -sin(w0 x)). w0 <= 1e6 keeps w0 x finite in double for
 * every float x (|x| <= 3.4e38).
 * f(+-inf) and f'(+-inf) are NaN: sin has no limit.
 * Evaluation: the argument w0 x is carried exactly as ph + pl (pl = the fma
 * error of the product) and sin(ph + pl) = sin ph cos pl + cos ph sin pl;
 * a rounded product would shift the phase by up to half an ulp of w0 x
 * (whole radians once |w0 x| > 2^53). The result is good to about 2^-52
 * absolute (relative where |sin| is not small). For w0 = 30 and float x the
 * product is exact (pl = 0) and the plain sin is used. For finite x with
 * |w0 x| > DBL_MAX (only double x beyond DBL_MAX/w0) the reference returns
 * NaN.
 */
#include "fn.h"

/* sin and cos of the exact product w x */
static void sinusoid_sincos(double w, double x, double *s, double *c) {
    double ph = w * x;
    double pl = isfinite(ph) ? fma(w, x, -ph) : 0.0;
    double sh = sin(ph), ch = cos(ph);
    if (pl == 0) {
        *s = sh;
        *c = ch;
        return;
    }
    double sl = sin(pl), cl = cos(pl);
    *s = sh * cl + ch * sl;
    *c = ch * cl - sh * sl;
}
static double sinusoid_f(double x, const double *p) {
    double s, c;
    sinusoid_sincos(p[0], x, &s, &c);
    return s;
}
static double sinusoid_df(double x, const double *p) {
    double s, c;
    sinusoid_sincos(p[0], x, &s, &c);
    return p[0] * c;
}
ACT_KERNELS(sinusoid_f, sinusoid_df)

const act_desc act_desc_sinusoid = {
    .name = "sinusoid",
    .summary = "SIREN's periodic activation sin(w0 x)",
    .formula = "sin(w0*x)",
    .dformula = "w0*cos(w0*x)",
    .origin = "Sitzmann et al. 2020, SIREN (arXiv:2006.09661), w0 = 30",
    .notes = "f(+-inf) = f'(+-inf) = NaN (no limit); the phase w0 x is carried exactly as a sum of "
             "two doubles; w0 in (0, 1e6] so that w0 x stays finite for every float x",
    .nparams = 1,
    .params = {{"w0", 30.0, 0, 1e6, ACT_P_LO_OPEN, 0, "frequency factor (SIREN: 30)"}},
    .aliases = {{"siren", "", "Sitzmann et al. 2020"}, {0}},
    ACT_IMPL(sinusoid_f, sinusoid_df),
    .plot_lo = -0.25,
    .plot_hi = 0.25,
    .declared = {.inf = -1,
                 .sup = 1,
                 .bounded_below = 1,
                 .bounded_above = 1,
                 .monotone = ACT_MONO_NONE,
                 .zero_centred = 1,
                 .symmetry = ACT_SYM_ODD,
                 .smoothness = ACT_SMOOTH_C2,
                 .n_kinks = 0,
                 .sup_df = 30,
                 .sat_left = ACT_SAT_NONE,
                 .sat_right = ACT_SAT_NONE,
                 .uat_article = 0,
                 .uat_leshno = 1},
};
