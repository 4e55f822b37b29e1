/*
 * snake - the "snake" activation (Liu Ziyin, Tilman Hartwig, Masahito Ueda
 * 2020, "Neural Networks Fail to Learn Periodic Functions and How to Fix It",
 * NeurIPS; arXiv:2006.08195), written there Snake_a.
 *   f(x)  = x + sin^2(a x) / a
 *   f'(x) = 1 + sin(2 a x) = (sin(a x) + cos(a x))^2      in [0, 2]
 * a > 0 is the frequency (the paper treats it as a hyperparameter or learns
 * it; a = 1 is the default here). f is monotone non-decreasing (f' = 0 only
 * at the isolated points a x = -pi/4 + k pi) and unbounded; f(+-inf) = +-inf,
 * f'(+-inf) = NaN (no limit).
 * Evaluation: the phase a x is carried exactly as ph + pl (pl = the fma error
 * of the product), as in sinusoid (for double x beyond 2^53/a f' is then good
 * to about 2^-52 absolute). f' is formed as (sin + cos)^2, not
 * 1 + sin(2ax): near its zeros 1 + sin(2ax) cancels completely, while the
 * square keeps the relative accuracy of the small factor. a <= 1e6 keeps a x
 * finite for every float x. f(-0) = -0.
 */
#include "fn.h"

/* sin and cos of the exact product a x */
static void snake_sincos(double a, double x, double *s, double *c) {
    double ph = a * x;
    double pl = isfinite(ph) ? fma(a, x, -ph) : 0.0;
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
static double snake_f(double x, const double *p) {
    if (isinf(x) || x == 0) return x; /* the limit; and -0 stays -0 */
    double s, c;
    snake_sincos(p[0], x, &s, &c);
    return x + s * s / p[0];
}
static double snake_df(double x, const double *p) {
    double s, c;
    snake_sincos(p[0], x, &s, &c);
    double t = s + c;
    return t * t;
}
ACT_KERNELS(snake_f, snake_df)

const act_desc act_desc_snake = {
    .name = "snake",
    .summary = "snake x + sin^2(a x)/a, periodic bias on a linear trend",
    .formula = "x + sin(a*x)^2/a",
    .dformula = "1 + sin(2*a*x)",
    .origin = "Liu Ziyin et al. 2020, Snake (arXiv:2006.08195)",
    .notes = "f' computed as (sin(ax)+cos(ax))^2 = 1+sin(2ax), accurate near its zeros; f(+-inf) = "
             "+-inf, f'(+-inf) = NaN (no limit); the phase a x is carried exactly as a sum of two "
             "doubles; a in (0, 1e6]",
    .nparams = 1,
    .params = {{"a", 1.0, 0, 1e6, ACT_P_LO_OPEN, 0, "frequency"}},
    .aliases = {{0}},
    ACT_IMPL(snake_f, snake_df),
    .plot_lo = -6,
    .plot_hi = 6,
    .declared = {.inf = -INFINITY,
                 .sup = INFINITY,
                 .bounded_below = 0,
                 .bounded_above = 0,
                 .monotone = ACT_MONO_INCREASING,
                 .zero_centred = 1,
                 .symmetry = ACT_SYM_NONE,
                 .smoothness = ACT_SMOOTH_C2,
                 .n_kinks = 0,
                 .sup_df = 2,
                 .sat_left = ACT_SAT_NONE,
                 .sat_right = ACT_SAT_NONE,
                 .uat_article = 0,
                 .uat_leshno = 1},
};
