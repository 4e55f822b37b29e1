/*
 * noisy_hard_tanh - the noisy hard-tanh unit of Gulcehre, Moczulski, Denil,
 * Bengio 2016, "Noisy Activation Functions" (ICML, PMLR 48:3059-3068;
 * arXiv:1603.00391), in its deterministic test-time form (the noise replaced
 * by its mean; the trainer has the stochastic one).
 *
 * The paper's pieces, for tanh:
 *   u(x)     = x                         first-order Taylor expansion at 0
 *   h(x)     = max(min(x, 1), -1)        hard tanh
 *   Delta(x) = h(x) - u(x)               0 on [-1, 1], nonzero where h saturates
 *   d(x)     = -sgn(x) sgn(1 - alpha)    direction of the noise
 *   sigma(x) = c (sigmoid(p Delta(x)) - 1/2)^2
 *   phi(x, eps) = alpha h(x) + (1 - alpha) u(x) + d(x) sigma(x) eps
 * At test time eps is replaced by its mean E[eps]: 0 for normal noise, and
 * sqrt(2/pi) for half-normal noise |N(0,1)|. So, with m = E[eps],
 *   f(x) = alpha h(x) + (1 - alpha) x - sgn(x) sgn(1 - alpha) c m
 *          (sigmoid(p (h(x) - x)) - 1/2)^2
 *        = x                                         for |x| <= 1
 *          sgn(x) alpha + (1 - alpha) x + N(x)       for |x| > 1
 *   N(x) = -sgn(x) sgn(1 - alpha) c m tanh^2(z/2)/4,  z = p (sgn(x) - x)
 *   f'(x) = 1                                        for |x| <= 1
 *           (1 - alpha) + N'(x)                      for |x| > 1
 *   N'(x) = sgn(x) sgn(1 - alpha) c m p tanh(z/2) sech^2(z/2) / 4
 *         (= sgn(x) sgn(1 - alpha) c m 2 p (S - 1/2) S (1 - S), S = sigmoid(z))
 * using sigmoid(z) - 1/2 = tanh(z/2)/2 and sigmoid'(z) = sech^2(z/2)/4.
 * The authors' defaults (code NTanhP): alpha = 1.15, c = 0.5, normal noise,
 * so the test-time function is 1.15 h(x) - 0.15 x (c and p play no part
 * unless half_normal = yes); p is learned per unit in training, 1 here.
 * With alpha > 1 the function turns back beyond the knees (f' = 1 - alpha
 * < 0 there): it is neither monotone nor bounded.
 *
 * Kinks at the knees x = +-1, where f' jumps from 1 to 1 - alpha (N' is 0
 * there: Delta = 0). Convention at the knees: f'(+-1) = 1, the slope of the
 * linear region. That is what the authors' Theano and TensorFlow code
 * differentiates: h is max(min(x, 1), -1) and both frameworks route the
 * gradient of max/min to the first argument at a tie, so h'(+-1) = 1 (unlike
 * PyTorch's hardtanh, which has 0 at the bounds).
 * Differences from the authors' code, on purpose: the code uses 0.797 for
 * E|eps|, here exactly sqrt(2/pi) = 0.7978845608...; the code writes the
 * direction as "scale negated when half_normal and alpha > 1", which equals
 * the paper's d(x) except at alpha = 1, where the paper's sgn(1 - alpha) = 0
 * removes the noise term and the code keeps -sgn(x) sigma(x) E|eps|; the
 * paper's form is used.
 * Evaluation: the outer pieces as fma(1 - alpha, x, sgn(x) alpha) (one
 * rounding; 1 - alpha is exact for alpha in [0.5, 2]); when alpha = 1 they
 * are sgn(x) exactly (no 0 * inf at infinity). N and N' through tanh(z/2)
 * and sech^2(z/2) (no cancellation in sigmoid - 1/2). f(+-inf) = -+inf for
 * alpha > 1 (the limit), f'(+-inf) = 1 - alpha.
 */
#include "fn.h"

/* the coefficient d(x) c m of the noise term on the side of x (0: no term) */
static double nht_coef(double x, const double *p) {
    double a = p[0], c = p[1], pp = p[2], m = p[3] != 0 ? ACT_SQRT_2_PI : 0.0;
    double s1a = a < 1 ? 1.0 : (a > 1 ? -1.0 : 0.0);
    if (m == 0 || c == 0 || pp == 0 || s1a == 0) return 0.0;
    return -(x > 0 ? 1.0 : -1.0) * s1a * c * m;
}
static double noisy_hard_tanh_f(double x, const double *p) {
    if (fabs(x) <= 1) return x;
    double a = p[0], om = 1.0 - a, h = x > 0 ? 1.0 : -1.0;
    double y = om == 0 ? h : fma(om, x, h * a);
    double k = nht_coef(x, p);
    if (k != 0) {
        double t = tanh(0.5 * (p[2] * (h - x)));
        y += 0.25 * k * (t * t);
    }
    return y;
}
static double noisy_hard_tanh_df(double x, const double *p) {
    if (fabs(x) <= 1) return 1.0;
    double d = 1.0 - p[0];
    double k = nht_coef(x, p);
    if (k != 0) {
        double hz = 0.5 * (p[2] * ((x > 0 ? 1.0 : -1.0) - x));
        /* dDelta/dx = -1 */
        d -= 0.25 * k * p[2] * tanh(hz) * act_sech2(hz);
    }
    return d;
}
static int noisy_hard_tanh_breaks(const double *p, double *out, int max) {
    (void)p;
    if (max > 0) out[0] = -1;
    if (max > 1) out[1] = 1;
    return 2;
}
ACT_KERNELS(noisy_hard_tanh_f, noisy_hard_tanh_df)

const act_desc act_desc_noisy_hard_tanh = {
    .name = "noisy_hard_tanh",
    .summary = "noisy hard tanh (Gulcehre et al. 2016), deterministic test-time form",
    .formula = "alpha*min(max(x,-1),1) + (1-alpha)*x - sign(x)*sign(1-alpha)*c*half_normal*"
               "sqrt(2/pi)*(1/(1+exp(-p*(min(max(x,-1),1)-x))) - 0.5)^2",
    .dformula = "abs(x) <= 1 ? 1 : 1 - alpha + sign(x)*sign(1-alpha)*c*half_normal*sqrt(2/pi)*2*p*"
                "(1/(1+exp(-p*(sign(x)-x))) - 0.5)*(1/(1+exp(-p*(sign(x)-x))))*"
                "(1-1/(1+exp(-p*(sign(x)-x))))",
    .origin = "Gulcehre et al. 2016, Noisy Activation Functions (arXiv:1603.00391), NAN with "
              "hard tanh; authors' code NTanhP at test time",
    .notes = "test time: noise replaced by its mean (0 for normal, sqrt(2/pi) for half-normal; the "
             "code has 0.797); d(x) = -sgn(x) sgn(1-alpha) as in the paper (0 at alpha = 1, where "
             "the code differs); f'(+-1) = 1, the linear side, as Theano/TF differentiate "
             "max(min(x,1),-1); f' = 1 - alpha + N' beyond the knees; with alpha > 1 f turns "
             "back and is unbounded: f(+-inf) = -+inf",
    .nparams = 4,
    .params = {{"alpha", 1.15, -DBL_MAX, DBL_MAX, 0, 0,
                "mix of the hard function (alpha) and its linearisation (1 - alpha)"},
               {"c", 0.5, 0, DBL_MAX, 0, 0, "scale of the noise standard deviation"},
               {"p", 1.0, -DBL_MAX, DBL_MAX, 0, 0,
                "slope inside sigma(x) = c (sigmoid(p Delta) - 1/2)^2 (learned per unit)"},
               {"half_normal", 0, 0, 1, ACT_P_CHOICE, "no|yes",
                "noise |N(0,1)| (mean sqrt(2/pi)) instead of N(0,1) (mean 0)"}},
    .aliases = {{"ntanhp", "", "Gulcehre et al. 2016 code (NTanhP, test time)"}, {0}},
    ACT_IMPL(noisy_hard_tanh_f, noisy_hard_tanh_df),
    .breaks = noisy_hard_tanh_breaks,
    .plot_lo = -6,
    .plot_hi = 6,
    .declared = {.inf = -INFINITY,
                 .sup = INFINITY,
                 .bounded_below = 0,
                 .bounded_above = 0,
                 .monotone = ACT_MONO_NONE,
                 .zero_centred = 1,
                 .symmetry = ACT_SYM_ODD,
                 .smoothness = ACT_SMOOTH_C0,
                 .n_kinks = 2,
                 .kinks = {-1, 1},
                 .sup_df = 1,
                 .sat_left = ACT_SAT_NONE,
                 .sat_right = ACT_SAT_NONE,
                 .uat_article = 0,
                 .uat_leshno = 1},
};
