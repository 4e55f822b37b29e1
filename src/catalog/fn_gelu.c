/*
 * gelu - Gaussian error linear unit, exact or with the tanh approximation.
 *   approximate = none:  f(x)  = x Phi(x) = x/2 erfc(-x/sqrt 2)
 *                        f'(x) = Phi(x) + x phi(x),  phi(x) = e^(-x^2/2)/sqrt(2 pi)
 *   approximate = tanh:  f(x)  = x/2 (1 + tanh u),   u = sqrt(2/pi) (x + 0.044715 x^3)
 *                        f'(x) = (1 + tanh u)/2 + x/2 sech^2(u) sqrt(2/pi) (1 + 3 0.044715 x^2)
 * PyTorch GELU(approximate='none'|'tanh'), Keras gelu(approximate=False|True),
 * ONNX Gelu (opset 20, approximate "none"|"tanh"), oneDNN eltwise_gelu_erf and
 * eltwise_gelu_tanh, XNNPACK gelu and approxgelu (the tanh form, evaluated there
 * by a rational approximation). Hendrycks & Gimpel 2016.
 *
 * Exact form: x Phi(x) through erfc, never 1 + erf, which cancels for x < 0.
 * The argument x/sqrt 2 is carried as a head and a tail (1/sqrt 2 split in two
 * doubles, the product error from fma) and the tail is applied as a first-order
 * correction, because erfc amplifies an argument error by 2z^2 in its tail.
 * phi uses x^2 = h + l (fma) the same way. |x| >= 40: phi underflows to 0.
 * Tanh form: 1 + tanh u = 2 sigmoid(2u), so f = x sigmoid(2u) keeps its
 * relative accuracy in the negative tail, and sech^2 u = 4 sigmoid(2u)
 * sigmoid(-2u). 2u is carried in double-double (the constants as head + tail,
 * products with fma) and applied to first order, because the sigmoid's tail
 * multiplies a relative error of 2u by |2u|.
 * gelu(-inf) = -0 and gelu(+inf) = +inf by an explicit branch (-inf * 0 would
 * be NaN). f'(0) = 0.5 in both forms. Double results below ~1e-300 lose
 * relative accuracy (subnormal intermediates); float results are unaffected.
 */
#include "fn.h"

#define GELU_K_HI 0.044715                  /* kappa, head (the double nearest) */
#define GELU_K_LO 0x1.441355475a31ap-59     /* kappa - head */
#define GELU_C2_HI 0x1.9884533d43651p+0     /* 2 sqrt(2/pi), head */
#define GELU_C2_LO (-0x1.cbc0d30ebfd15p-54) /* 2 sqrt(2/pi) - head */
#define RSQRT2_HI 0x1.6a09e667f3bcdp-1      /* 1/sqrt(2), head */
#define RSQRT2_LO (-0x1.bdd3413b26456p-55)  /* 1/sqrt(2) - head */
#define INV_SQRT_2PI 0x1.9884533d43651p-2   /* 1/sqrt(2 pi) = sqrt(2/pi)/2 */

/* Phi(x) = erfc(-x/sqrt 2)/2, with the rounding of x/sqrt 2 corrected */
static double gelu_cdf(double x) {
    double zh = x * RSQRT2_HI;
    double zl = fma(x, RSQRT2_HI, -zh) + x * RSQRT2_LO;
    /* erfc(-zh - zl) = erfc(-zh) + zl 2/sqrt(pi) e^(-zh^2) + O(zl^2) */
    double c = erfc(-zh);
    if (zl != 0 && fabs(zh) < 30) c += zl * M_2_SQRTPI * exp(-zh * zh);
    return 0.5 * c;
}

/* phi(x) = e^(-x^2/2)/sqrt(2 pi), with x^2 = h + l exactly */
static double gelu_pdf(double x) {
    if (!(fabs(x) < 40)) return 0.0; /* e^-800 underflows */
    double h = x * x, l = fma(x, x, -h);
    return INV_SQRT_2PI * exp(-0.5 * h) * (1.0 - 0.5 * l);
}

/* t = 2u = 2 sqrt(2/pi) x (1 + kappa x^2) as th + tl (double-double), since the
   sigmoid's tail amplifies a relative error of t by |t| (up to ~745) */
static double gelu_t(double x, double *tl) {
    if (!(fabs(x) < 1e50)) { /* t is beyond +-1e149: sigmoid is exactly 0 or 1 */
        *tl = 0;
        return x > 0 ? ACT_INF : -ACT_INF;
    }
    double sh = x * x, sl = fma(x, x, -sh); /* x^2 */
    double kh = GELU_K_HI * sh, kl = fma(GELU_K_HI, sh, -kh) + (GELU_K_HI * sl + GELU_K_LO * sh);
    double ah = 1.0 + kh, bb = ah - kh, al = ((1.0 - bb) + (kh - (ah - bb))) + kl; /* 1 + k x^2 */
    double bh = x * ah, bl = fma(x, ah, -bh) + x * al; /* x (1 + k x^2) */
    double th = GELU_C2_HI * bh;
    *tl = fma(GELU_C2_HI, bh, -th) + (GELU_C2_HI * bl + GELU_C2_LO * bh);
    return th;
}

static double gelu_f(double x, const double *p) {
    if (isinf(x)) return x > 0 ? x : -0.0;
    if (p[0] == 1) {
        double tl, th = gelu_t(x, &tl);
        /* sigmoid(th + tl) = sigmoid(th) + sigmoid'(th) tl + O(tl^2) */
        return x * (act_sigmoid(th) + act_dsigmoid(th) * tl);
    }
    return x * gelu_cdf(x);
}
static double gelu_df(double x, const double *p) {
    if (p[0] == 1) {
        double tl, th = gelu_t(x, &tl), s = act_sigmoid(th), d = act_dsigmoid(th);
        /* d = 0 beyond |t| ~ 745, where x (1 + 3 kappa x^2) could overflow */
        if (d == 0) return s;
        /* first order in tl: sigmoid' = d, and d' = d (1 - 2 sigmoid) = -d tanh(t/2) */
        double dc = d * (1.0 - tanh(0.5 * th) * tl);
        return (s + d * tl) + GELU_C2_HI * x * (1.0 + 3.0 * GELU_K_HI * x * x) * dc;
    }
    if (isinf(x)) return x > 0 ? 1.0 : 0.0;
    return gelu_cdf(x) + x * gelu_pdf(x);
}
ACT_KERNELS(gelu_f, gelu_df)

const act_desc act_desc_gelu = {
    .name = "gelu",
    .summary = "Gaussian error linear unit x Phi(x), exact (erf) or tanh-approximated",
    .formula = "approximate == 1 ? 0.5*x*(1 + tanh(sqrt(2/pi)*(x + 0.044715*x^3)))"
               " : 0.5*x*erfc(-x/sqrt(2))",
    .dformula = "approximate == 1 ? 0.5*(1 + tanh(sqrt(2/pi)*(x + 0.044715*x^3)))"
                " + 0.5*x*(1 - tanh(sqrt(2/pi)*(x + 0.044715*x^3))^2)"
                "*sqrt(2/pi)*(1 + 3*0.044715*x^2)"
                " : 0.5*erfc(-x/sqrt(2)) + x*exp(-x^2/2)/sqrt(2*pi)",
    .origin = "PyTorch GELU; Keras gelu; ONNX Gelu; oneDNN eltwise_gelu_erf, eltwise_gelu_tanh; "
              "XNNPACK gelu, approxgelu; Hendrycks & Gimpel 2016",
    .notes = "exact form as x/2 erfc(-x/sqrt 2) (no cancellation for x < 0); tanh form as "
             "x sigmoid(2u); gelu(-inf) = -0, gelu(+inf) = +inf; f'(0) = 0.5. XNNPACK's "
             "approxgelu is the tanh form; Keras' approximate=True/False maps to tanh/none",
    .nparams = 1,
    .params = {{"approximate", 0, 0, 1, ACT_P_CHOICE, "none|tanh",
                "none: x Phi(x) with erf; tanh: the tanh approximation (PyTorch)"}},
    .aliases = {{"gelu_erf", "", "oneDNN eltwise_gelu_erf"},
                {"gelu_tanh", "approximate=tanh",
                 "oneDNN eltwise_gelu_tanh; Keras gelu(approximate=True)"},
                {"approxgelu", "approximate=tanh", "XNNPACK xnn_unary_approxgelu"},
                {0}},
    ACT_IMPL(gelu_f, gelu_df),
    .plot_lo = -4,
    .plot_hi = 4,
    .declared = {.inf = -0.16997120747990366,
                 .sup = INFINITY,
                 .bounded_below = 1,
                 .bounded_above = 0,
                 .monotone = ACT_MONO_NONE,
                 .zero_centred = 1,
                 .symmetry = ACT_SYM_NONE,
                 .smoothness = ACT_SMOOTH_C2,
                 .n_kinks = 0,
                 .sup_df = 1.1289041451851548,
                 .sat_left = ACT_SAT_SOFT,
                 .sat_right = ACT_SAT_NONE,
                 .uat_article = 0,
                 .uat_leshno = 1},
};
