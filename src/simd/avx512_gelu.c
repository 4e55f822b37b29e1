/*
 * avx512_gelu.c - gelu, AVX-512: x Phi(x) (approximate = none) here, the
 * tanh approximation further down.
 * With a = |x|, Q(a) = erfc(a/sqrt2)/2 = e^(-a^2/2) G(a), G smooth and
 * between 0.5 and 0.03 on [0, 14]: G is a degree-8 polynomial in u (the
 * place in the interval, [0, 1)) on each of [0, 0.5), [0.5, 1), [1, 1.5),
 * [1.5, 2), [2, 3), ..., [13, 14), its coefficients picked per lane by vpermps
 * (float coefficients fitted one at a time, c0 as head + tail: relative
 * error < 2^-29.6; c0 + c1 u as an fma with an exact tail, gelu_G; entry
 * and u from a + min(a, 2) without a compare), and e^(-a^2/2) comes
 * from a5_exp_lut with -a^2/2 = h + l exactly (fma). Then, with no
 * cancellation anywhere (v = x 2^k p G, one rounding from x p as head +
 * tail):
 *   f  = v = 2^k (x p) G       for x < 0 (2^k applied last: the result is
 *                               subnormal from x = -13),
 *      = x - v                  for x >= 0 (v <= x/2: two roundings; v
 *                               only underflows far below ulp(x)/2);
 *   f' = Phi(x) + x phi(x)
 *      = d P(d), d = x - x0     on [-1.45, -0.4] around the zero
 *                               x0 = -0.75179 (P of degree 8, 2^-26.3),
 *      = 1 + 2^k p (x c - G)    for x >= 0, c = 1/sqrt(2 pi) (the term is
 *                               in [-1/2, 0.13]),
 *      = 2^k p (G - a c)        for the other x < 0 (cancels by at most
 *                               1.75x, near x = -0.4).
 * One set of pieces serves every x: no polynomial per region beside the one
 * around the zero of f' (separate fits on [0, 1) and (-0.4, 1), as until the
 * eighth session, cost 1.25x forward, 1.1x backward). Over all floats: 1.43 ULP
 * forward, 3.07 backward (1.67 / 3.14 until the thirteenth session).
 * x is clamped to [-20, 20] where it multiplies (the limits: f(-inf) = -0,
 * f(inf) = inf, f'(+-inf) = 1, 0).
 */
#include "simd/avx512_math.h"

#include "simd/gelu_coef.h"

typedef struct {
    int approx;
} gelu_c;
static inline void gelu_init(gelu_c *c, const double *p) { c->approx = p[0] == 1; }

/* G(a) = S + T: the leading c0 + c1 d as S = fma(c1, d, c0h) plus its
   tail fma(c1, d, c0h - S), T = the tails + d^2 (c2 + ...), so that the
   rounding errors left are those of the small T. c0h - S is exact because
   |c1 d| < 0.4 c0 in every entry (Sterbenz: S >= c0h/2); with one entry
   [1, 2), where c1 d reached -0.525 c0, this form broke the 2 ULP contract
   (2.08 at x = -1.9995) and the kernel formed c1 d and its tail by mul and
   fmsub and the sum by Fast2Sum (until the thirteenth session: 1.0x-1.09x
   slower forward) */
ACT_INLINE __m512 gelu_G(__m512 a, __m512 *t) {
    __m512 ag = _mm512_min_ps(a, A5(13.999f));
    /* the entry without a compare: b = a + min(a, 2) is 2a below 2 and
       a + 2 above, so i = trunc(b) is 0-3 on the halves [0, 0.5) ...
       [1.5, 2) and j + 2 on [j, j + 1); u = (a - i) + min(a, 2) is exact
       (Sterbenz, then a sum whose bits fit): 2a - i below 2, a - (i - 2)
       above. b's rounding can make i one more than a's interval; u is then
       -2^-22 or so, where the next entry's polynomial is as good */
    __m512 c = _mm512_min_ps(ag, A5(2.0f));
    __m512i i = _mm512_cvttps_epi32(_mm512_add_ps(ag, c));
    __m512 d = _mm512_add_ps(_mm512_sub_ps(ag, _mm512_cvtepi32_ps(i)), c);
#define GC(tab) _mm512_permutexvar_ps(i, _mm512_loadu_ps(tab))
    __m512 r = GC(G_C8);
    r = _mm512_fmadd_ps(r, d, GC(G_C7));
    r = _mm512_fmadd_ps(r, d, GC(G_C6));
    r = _mm512_fmadd_ps(r, d, GC(G_C5));
    r = _mm512_fmadd_ps(r, d, GC(G_C4));
    r = _mm512_fmadd_ps(r, d, GC(G_C3));
    r = _mm512_fmadd_ps(r, d, GC(G_C2));
    __m512 c1 = GC(G_C1), c0h = GC(G_C0H), c0l = GC(G_C0L);
#undef GC
    __m512 S = _mm512_fmadd_ps(c1, d, c0h);
    __m512 Sl = _mm512_fmadd_ps(c1, d, _mm512_sub_ps(c0h, S));
    *t = _mm512_fmadd_ps(a5_mul(d, d), r, _mm512_add_ps(c0l, Sl));
    return S;
}
/* e^(-a^2/2) = p 2^k, -a^2/2 exact as h + l (-a/2 is exact, and so is
   its product with a as head + tail); a <= 20 */
ACT_INLINE __m512 gelu_exp(__m512 ac, __m512 *k) {
    __m512 nh = a5_mul(ac, A5(-0.5f));
    __m512 h = a5_mul(nh, ac);
    return a5_exp_lut(h, _mm512_fmsub_ps(nh, ac, h), k);
}
ACT_INLINE __m512 gelu_f(__m512 x, const gelu_c *c) {
    (void)c;
    __m512 xc = _mm512_max_ps(A5(-20.0f), _mm512_min_ps(A5(20.0f), x)); /* NaN passes */
    __m512 ac = a5_abs(xc);
    __mmask16 neg = a5_lt(x, _mm512_setzero_ps());
    __m512 k, p = gelu_exp(ac, &k);
    __m512 T, S = gelu_G(ac, &T);
    /* v = 2^k (x p (S + T)) = x Q(|x|) with one rounding, 2^k applied
       last (for x < 0, v is the result: subnormal from x = -13; for x >= 0
       it only underflows where it is far below half an ulp of x);
       x < 0: v; x >= 0: x - v, v <= x/2 */
    __m512 s = a5_mul(xc, p), sl = _mm512_fmsub_ps(xc, p, s);
    __m512 v = _mm512_fmadd_ps(s, S, _mm512_fmadd_ps(s, T, a5_mul(sl, S)));
    v = _mm512_scalef_ps(v, k);
    return _mm512_mask_sub_ps(v, ~neg, x, v);
}
ACT_INLINE __m512 gelu_b(__m512 x, __m512 dy, const gelu_c *c) {
    (void)c;
    __m512 xc = _mm512_max_ps(A5(-20.0f), _mm512_min_ps(A5(20.0f), x)); /* NaN passes */
    __m512 ac = a5_abs(xc);
    __mmask16 root = a5_le(a5_abs(_mm512_add_ps(x, A5(0.925f))), A5(0.525f));
    __mmask16 neg = a5_lt(x, _mm512_setzero_ps());
    __m512 d = _mm512_sub_ps(_mm512_sub_ps(x, A5(X0_HI)), A5(X0_LO));
    __m512 r = A5(-0x1.cbc058p-11f);
    r = _mm512_fmadd_ps(r, d, A5(-0x1.2918c8p-9f));
    r = _mm512_fmadd_ps(r, d, A5(0x1.2a5660p-8f));
    r = _mm512_fmadd_ps(r, d, A5(0x1.3e5ee6p-6f));
    r = _mm512_fmadd_ps(r, d, A5(-0x1.e3f62cp-7f));
    r = _mm512_fmadd_ps(r, d, A5(-0x1.d2fad0p-4f));
    r = _mm512_fmadd_ps(r, d, A5(-0x1.2a300ap-6f));
    r = _mm512_fmadd_ps(r, d, A5(0x1.8d9a94p-2f));
    r = _mm512_fmadd_ps(r, d, A5(0x1.b9d990p-2f));
    __m512 k, p = gelu_exp(ac, &k);
    __m512 T, S = gelu_G(ac, &T);
    /* w = 2^k p (a c - G), a c = fma(a, ch, a cl); x >= 0: 1 + w (w >= -1/2),
       x < 0: -w */
    __m512 v =
        _mm512_sub_ps(_mm512_fmadd_ps(ac, A5(RS2PI_H), _mm512_fmsub_ps(ac, A5(RS2PI_L), T)), S);
    __m512 w = _mm512_scalef_ps(a5_mul(p, v), k);
    __m512 g = _mm512_mask_sub_ps(_mm512_add_ps(A5(1.0f), w), neg, _mm512_setzero_ps(), w);
    g = _mm512_mask_mul_ps(g, root, r, d);
    return a5_mul(g, dy);
}
ACT512_FWD(gerf_fwd, gelu_c, gelu_init, gelu_f, ACT_CACHED)
ACT512_BWD(gerf_bwd, gelu_c, gelu_init, gelu_b, ACT_MIXED)

/* ---- approximate = tanh ----------------------------------------------------------
 * f = x sigmoid(t), t = 2u = c2 (x + kappa x^3), c2 = 2 sqrt(2/pi), kappa =
 * 0.044715 (1 + tanh u = 2 sigmoid(2u)). t is formed as th + tl from head +
 * tail constants and fma products (the sigmoid's tail multiplies a relative
 * error of t by |t|, up to ~95 where f is still a normal float), then f as
 * silu's: x/(1 + e) or 2^n (x p)/(1 + e), one rounding.
 * f' = sigmoid(t) (1 + x t' sigmoid(-t)), t' = c2 (1 + 3 kappa x^2):
 *    = (1 + e + e x t')/(1 + e)^2        for t >= 0 (all positive),
 *    = 2^n p N/(1 + e)^2, N = 1 + e + x t'   for t < 0, N as head + tail,
 *    = d P(d), d = x - x0, for |x - x0| <= 0.1 around the zero x0 = -0.75246
 *      of f' (P of degree 5, c0 as head + tail: 2^-28.5, from
 *      tools/fit_window.py gelu_tanh 0.1 5 -0.75), with d = dh + dl (dh
 *      exact) and one significant rounding, dh c0h + (dh (R dh + c0l) +
 *      dl c0h): 1.0 ULP there. The division above is within 2.5 ULP from
 *      |x - x0| = 0.04 on (4 from 0.02), so the window need not be wider
 *      (it was [-1.45, -0.4] with degree 8 until the eighth session: 1.03x
 *      slower, 2.3 ULP).
 * |x| is clamped at 100 inside t (sigmoid saturates long before). */
#define C2_H 0x1.988454p+0f    /* 2 sqrt(2/pi), head */
#define C2_L -0x1.857936p-25f  /* 2 sqrt(2/pi) - head */
#define K_H 0x1.2444f2p-4f     /* c2 kappa, head */
#define K_L 0x1.49b16ap-29f    /* c2 kappa - head */
#define TX0_HI -0x1.8142a0p-1f /* the zero of f', -0.75246142207101626 */
#define TX0_LO 0x1.85a06cp-27f
#define TC0_H 0x1.b8bacep-2f   /* f''(x0): the window polynomial's c0, head */
#define TC0_L -0x1.a434eep-27f /* and tail */

/* t = x (C2 + k x^2), k = c2 kappa = K_H + K_L, as head + tail from
   x^2 = sh + sl exactly: w = k x^2 = wh + wl and C2 + w (TwoSum: w passes
   C2 for |x| of a few units) each as head + tail, then x times that
   (relative error ~2^-46); gt_xt1 reuses w for x t'. */
typedef struct {
    __m512 wh, wl; /* k x^2 */
    __m512 ah, al; /* C2 + k x^2 */
} gt_w;
ACT_INLINE __m512 gt_cubic(__m512 xc, __m512 sh, __m512 sl, gt_w *g, __m512 *lo) {
    g->wh = a5_mul(A5(K_H), sh);
    g->wl = _mm512_fmadd_ps(A5(K_H), sl,
                            _mm512_fmadd_ps(A5(K_L), sh, _mm512_fmsub_ps(A5(K_H), sh, g->wh)));
    g->ah = a5_two_sum(A5(C2_H), g->wh, &g->al);
    g->al = _mm512_add_ps(g->al, _mm512_add_ps(g->wl, A5(C2_L)));
    __m512 h = a5_mul(xc, g->ah);
    *lo = _mm512_fmadd_ps(xc, g->al, _mm512_fmsub_ps(xc, g->ah, h));
    return h;
}
/* x t' = x (C2 + 3 k x^2) = x ((C2 + w) + 2w) as head + tail, from t's
   pieces: 2w is exact, so the sum is one TwoSum and x times it one product
   (4 fma-pipe operations fewer than forming 3 k x^2 afresh) */
ACT_INLINE __m512 gt_xt1(__m512 xc, const gt_w *g, __m512 *lo) {
    __m512 bl, bh = a5_two_sum(g->ah, _mm512_add_ps(g->wh, g->wh), &bl);
    bl = _mm512_add_ps(bl, _mm512_add_ps(g->al, _mm512_add_ps(g->wl, g->wl)));
    __m512 h = a5_mul(xc, bh);
    *lo = _mm512_fmadd_ps(xc, bl, _mm512_fmsub_ps(xc, bh, h));
    return h;
}
/* t = th + tl, x clamped */
ACT_INLINE __m512 gt_t(__m512 xc, __m512 *tl) {
    __m512 sh = a5_mul(xc, xc), sl = _mm512_fmsub_ps(xc, xc, sh);
    gt_w g;
    return gt_cubic(xc, sh, sl, &g, tl);
}
ACT_INLINE __m512 gt_f(__m512 x, const gelu_c *c) {
    (void)c;
    __m512 xc = _mm512_max_ps(A5(-100.0f), _mm512_min_ps(A5(100.0f), x));
    __m512 tl, th = gt_t(xc, &tl);
    a5_sig s = a5_sig_init(th, tl);
    __mmask16 neg = a5_lt(th, _mm512_setzero_ps());
    /* x < 0: (xc p)/(1 + e), scaled last (xc: far out the scaling gives -0
       all the same, and x p cannot overflow); x >= 0: x/(1 + e), which is x
       itself once e rounds away */
    __m512 a = _mm512_mask_mul_ps(x, neg, xc, s.p);
    __m512 al = _mm512_maskz_fmsub_ps(neg, xc, s.p, a);
    __m512 y = a5_div_1pe2(a, al, s.e);
    y = _mm512_mask_scalef_ps(y, neg, y, s.n);
    /* x = +-inf (inf - inf in the residual) and NaN by x's class, one
       vfixupimmps (as avx512_silu.c): -inf -> -0, +inf -> +inf, NaN -> NaN */
    return _mm512_fixupimm_ps(y, x, _mm512_set1_epi32(0x00570022), 0);
}
ACT_INLINE __m512 gt_b(__m512 x, __m512 dy, const gelu_c *c) {
    (void)c;
    __m512 xc = _mm512_max_ps(A5(-100.0f), _mm512_min_ps(A5(100.0f), x));
    __m512 sh = a5_mul(xc, xc), sl = _mm512_fmsub_ps(xc, xc, sh);
    gt_w w;
    __m512 tl, th = gt_cubic(xc, sh, sl, &w, &tl);
    a5_sig s = a5_sig_init(th, tl);
    __mmask16 neg = a5_lt(th, _mm512_setzero_ps());
    /* m = x t' = x (c2 + 3 c2 kappa x^2) as mh + ml (in the left tail N ~ m,
       so m must not lose more than f' may) */
    __m512 ml, mh = gt_xt1(xc, &w, &ml);
    __m512 m = _mm512_add_ps(mh, ml);
    /* one division for both signs, over (1 + e)^2 = D + Dl; the numerator
       t >= 0: 1 + e + e m = d + (dl + e m), Fast2Sum (d >= 1 > e m there);
       t < 0:  2^n p N, N = (d + m) + dl as head + tail */
    __m512 em = _mm512_fmadd_ps(m, s.e, s.dl);
    __m512 Ph = _mm512_add_ps(s.d, em);
    __m512 Pl = _mm512_add_ps(_mm512_sub_ps(s.d, Ph), em);
    __m512 Nl, N = a5_two_sum(s.d, mh, &Nl);
    Nl = _mm512_add_ps(_mm512_add_ps(Nl, s.dl), ml);
    __m512 D = a5_mul(s.d, s.d);
    __m512 Dl = _mm512_fmadd_ps(_mm512_add_ps(s.d, s.d), s.dl, _mm512_fmsub_ps(s.d, s.d, D));
    __m512 A = a5_mul(s.p, N);
    __m512 Al = _mm512_fmadd_ps(s.p, Nl, _mm512_fmsub_ps(s.p, N, A));
    __m512 q = a5_div_corr2(_mm512_mask_mov_ps(Ph, neg, A), _mm512_mask_mov_ps(Pl, neg, Al), D, Dl);
    __m512 r = a5_mul(_mm512_mask_scalef_ps(q, neg, q, s.n), dy); /* 2^n before dy (simd.h) */
    /* |x - x0| <= 0.1: one compare into a mask */
    __mmask16 root = a5_le(a5_abs(_mm512_add_ps(x, A5(0.75246f))), A5(0.1f));
    __m512 dh = _mm512_sub_ps(x, A5(TX0_HI)); /* exact (Sterbenz) */
    __m512 g = A5(0x1.4164dap-6f);
    g = _mm512_fmadd_ps(g, dh, A5(-0x1.0f004cp-6f));
    g = _mm512_fmadd_ps(g, dh, A5(-0x1.d2b6ecp-4f));
    g = _mm512_fmadd_ps(g, dh, A5(-0x1.029752p-6f));
    g = _mm512_fmadd_ps(g, dh, A5(0x1.8cd1a2p-2f));
    r = _mm512_mask_mul_ps(r, root, a5_root_poly(dh, g, TC0_H, TC0_L, TX0_LO), dy);
    return r;
}
ACT512_FWD8(gtanh_fwd, gelu_c, gelu_init, gt_f, ACT_CACHED)
ACT512_BWD(gtanh_bwd, gelu_c, gelu_init, gt_b, ACT_CACHED)

static void gelu_fwd(const double *p, size_t n, const float *x, float *y) {
    if (p[0] == 1)
        gtanh_fwd(p, n, x, y);
    else
        gerf_fwd(p, n, x, y);
}
static void gelu_bwd(const double *p, size_t n, const float *x, const float *dy, float *dx) {
    if (p[0] == 1)
        gtanh_bwd(p, n, x, dy, dx);
    else
        gerf_bwd(p, n, x, dy, dx);
}
ACT512_DEFINE(gelu, gelu_fwd, gelu_bwd, NULL, NULL)
