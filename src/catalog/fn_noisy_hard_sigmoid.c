/*
 * noisy_hard_sigmoid - the noisy hard-sigmoid unit of Gulcehre, Moczulski,
 * Denil, Bengio 2016, "Noisy Activation Functions" (ICML, PMLR
 * 48:3059-3068; arXiv:1603.00391), in its deterministic test-time form (the
 * noise replaced by its mean; the trainer has the stochastic one).
 *
 * The paper's pieces, for the sigmoid:
 *   u(x)     = x/4 + 1/2                 first-order Taylor expansion at 0
 *   h(x)     = max(min(u(x), 1), 0)      hard sigmoid (slope 1/4, knees +-2;
 *                                        not Theano/ONNX's 0.2 or PyTorch's 1/6)
 *   Delta(x) = h(x) - u(x)               0 on [-2, 2], nonzero where h saturates
 *   d(x)     = -sgn(x) sgn(1 - alpha)
 *   sigma(x) = c (sigmoid(p Delta(x)) - 1/2)^2
 *   phi(x, eps) = alpha h(x) + (1 - alpha) u(x) + d(x) sigma(x) eps
 * At test time eps is replaced by its mean m = E[eps]: 0 for normal noise,
 * sqrt(2/pi) for half-normal noise |N(0,1)|. So
 *   f(x) = x/4 + 1/2                                   for |x| <= 2
 *          alpha h + (1 - alpha)(x/4 + 1/2) + N(x)     for |x| > 2 (h = 1 or 0)
 *   N(x) = -sgn(x) sgn(1 - alpha) c m tanh^2(z/2)/4,   z = p Delta(x)
 *   f'(x) = 1/4                                        for |x| <= 2
 *           (1 - alpha)/4 + N'(x)                      for |x| > 2
 *   N'(x) = sgn(x) sgn(1 - alpha) c m p tanh(z/2) sech^2(z/2) / 16
 *         (= sgn(x) sgn(1 - alpha) c m (p/2) (S - 1/2) S (1 - S), S = sigmoid(z))
 * (dDelta/dx = -1/4 outside the knees; sigmoid(z) - 1/2 = tanh(z/2)/2 and
 * sigmoid'(z) = sech^2(z/2)/4.)
 * The authors' defaults (code NSigmoidP): alpha = 1.1, c = 0.15, half-normal
 * noise; p is learned per unit in training, 1 here. Then f(x) = 1.05 -
 * 0.025 x + N(x) for x > 2 (N > 0, at most c m / 4 = 0.0299) and f(x) =
 * -0.05 - 0.025 x - |N(x)| for x < -2: f turns back beyond the knees and is
 * unbounded (f(+-inf) = -+inf), not monotone; f(0) = 1/2.
 * sup |f'| = 1/4 (outside the knees |f'| <= 0.025).
 *
 * Kinks at the knees x = +-2, where f' jumps from 1/4 to (1 - alpha)/4 (N'
 * is 0 there: Delta = 0). Convention at the knees: f'(+-2) = 1/4, the slope
 * of the linear region, as the authors' Theano/TensorFlow code
 * differentiates max(min(u, 1), 0) (max/min route the gradient to their
 * first argument at a tie).
 * Differences from the authors' code, on purpose: E|eps| is sqrt(2/pi)
 * exactly (the code: 0.797); at alpha = 1 the paper's d(x) = 0 removes the
 * noise term, while the code (which negates the scale only when alpha > 1)
 * would keep -sgn(x) sigma(x) E|eps|; the paper's form is used.
 * Evaluation: outside the knees f = (alpha h + (1 - alpha)/2) + ((1 - alpha)
 * /4) x, the constant carried as an exact two-double sum and the rest by one
 * fma, so the zero crossing (x = 42 at the defaults) keeps full relative
 * accuracy; when alpha = 1 the outer pieces are h exactly (no 0 * inf).
 * Delta = 1/2 - x/4 (x > 2) or -1/2 - x/4 (x < -2) is exact near the knees
 * (Sterbenz). N and N' through tanh(z/2) and sech^2(z/2).
 */
#include "fn.h"

/* the coefficient d(x) c m of the noise term on the side of x (0: no term) */
static double nhs_coef(double x, const double *p) {
    double a = p[0], c = p[1], pp = p[2], m = p[3] != 0 ? ACT_SQRT_2_PI : 0.0;
    double s1a = a < 1 ? 1.0 : (a > 1 ? -1.0 : 0.0);
    if (m == 0 || c == 0 || pp == 0 || s1a == 0) return 0.0;
    return -(x > 0 ? 1.0 : -1.0) * s1a * c * m;
}
/* Delta(x) = h(x) - u(x) outside the knees */
static double nhs_delta(double x) { return x > 0 ? 0.5 - 0.25 * x : -0.5 - 0.25 * x; }

static double noisy_hard_sigmoid_f(double x, const double *p) {
    if (fabs(x) <= 2) return fma(0.25, x, 0.5);
    double a = p[0], om = 1.0 - a, h = x > 0 ? 1.0 : 0.0;
    double y;
    if (om == 0) {
        y = h;
    } else {
        /* s = a h + om/2 as hi + lo exactly (TwoSum), then y = fma(om/4, x, hi) + lo */
        double u = a * h, v = 0.5 * om;
        double hi = u + v, bv = hi - u, lo = (u - (hi - bv)) + (v - bv);
        y = fma(0.25 * om, x, hi) + lo;
    }
    double k = nhs_coef(x, p);
    if (k != 0) {
        double t = tanh(0.5 * (p[2] * nhs_delta(x)));
        y += 0.25 * k * (t * t);
    }
    return y;
}
static double noisy_hard_sigmoid_df(double x, const double *p) {
    if (fabs(x) <= 2) return 0.25;
    double d = 0.25 * (1.0 - p[0]);
    double k = nhs_coef(x, p);
    if (k != 0) {
        double hz = 0.5 * (p[2] * nhs_delta(x));
        /* dDelta/dx = -1/4 */
        d -= 0.0625 * k * p[2] * tanh(hz) * act_sech2(hz);
    }
    return d;
}
static int noisy_hard_sigmoid_breaks(const double *p, double *out, int max) {
    (void)p;
    if (max > 0) out[0] = -2;
    if (max > 1) out[1] = 2;
    return 2;
}
ACT_KERNELS(noisy_hard_sigmoid_f, noisy_hard_sigmoid_df)

const act_desc act_desc_noisy_hard_sigmoid = {
    .name = "noisy_hard_sigmoid",
    .summary = "noisy hard sigmoid (Gulcehre et al. 2016), deterministic test-time form",
    .formula = "alpha*min(max(0.25*x+0.5,0),1) + (1-alpha)*(0.25*x+0.5) - "
               "sign(x)*sign(1-alpha)*c*half_normal*sqrt(2/pi)*"
               "(1/(1+exp(-p*(min(max(0.25*x+0.5,0),1)-0.25*x-0.5))) - 0.5)^2",
    .dformula = "abs(x) <= 2 ? 0.25 : 0.25*(1-alpha) + sign(x)*sign(1-alpha)*c*half_normal*"
                "sqrt(2/pi)*0.5*p*(1/(1+exp(-p*((x>0)-0.25*x-0.5))) - 0.5)*"
                "(1/(1+exp(-p*((x>0)-0.25*x-0.5))))*(1-1/(1+exp(-p*((x>0)-0.25*x-0.5))))",
    .origin = "Gulcehre et al. 2016, Noisy Activation Functions (arXiv:1603.00391), NAN with "
              "hard sigmoid; authors' code NSigmoidP at test time",
    .notes = "hard sigmoid of the paper: clip(x/4 + 1/2, 0, 1), knees at +-2; test time: noise "
             "replaced by its mean (0 for normal, sqrt(2/pi) for half-normal; the code has "
             "0.797); d(x) = -sgn(x) sgn(1-alpha) as in the paper (0 at alpha = 1, where the code "
             "differs); f'(+-2) = 1/4, the linear side, as Theano/TF differentiate "
             "max(min(u,1),0); f' = (1-alpha)/4 + N' beyond the knees; with alpha > 1 f turns "
             "back and is unbounded: f(+-inf) = -+inf",
    .nparams = 4,
    .params = {{"alpha", 1.1, -DBL_MAX, DBL_MAX, 0, 0,
                "mix of the hard function (alpha) and its linearisation (1 - alpha)"},
               {"c", 0.15, 0, DBL_MAX, 0, 0, "scale of the noise standard deviation"},
               {"p", 1.0, -DBL_MAX, DBL_MAX, 0, 0,
                "slope inside sigma(x) = c (sigmoid(p Delta) - 1/2)^2 (learned per unit)"},
               {"half_normal", 1, 0, 1, ACT_P_CHOICE, "no|yes",
                "noise |N(0,1)| (mean sqrt(2/pi)) instead of N(0,1) (mean 0)"}},
    .aliases = {{"nsigmoidp", "", "Gulcehre et al. 2016 code (NSigmoidP, test time)"}, {0}},
    ACT_IMPL(noisy_hard_sigmoid_f, noisy_hard_sigmoid_df),
    .breaks = noisy_hard_sigmoid_breaks,
    .plot_lo = -12,
    .plot_hi = 12,
    .declared = {.inf = -INFINITY,
                 .sup = INFINITY,
                 .bounded_below = 0,
                 .bounded_above = 0,
                 .monotone = ACT_MONO_NONE,
                 .zero_centred = 0,
                 .symmetry = ACT_SYM_NONE,
                 .smoothness = ACT_SMOOTH_C0,
                 .n_kinks = 2,
                 .kinks = {-2, 2},
                 .sup_df = 0.25,
                 .sat_left = ACT_SAT_NONE,
                 .sat_right = ACT_SAT_NONE,
                 .uat_article = 0,
                 .uat_leshno = 1},
};
