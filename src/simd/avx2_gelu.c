/*
 * avx2_gelu.c - gelu x Phi(x) (approximate = none), AVX2: the algorithm of
 * avx512_gelu.c (Q(a) = e^(-a^2/2) G(a) with G a degree-8 polynomial per
 * interval, a polynomial around the zero of f', no cancellation anywhere);
 * the 16-entry coefficient tables take two vpermps and a blend each, and
 * 2^k is applied by a2_ldexpi. The tanh approximation further down.
 */
#include "simd/avx2_math.h"

#include "simd/gelu_coef.h"

typedef struct {
    int approx;
} gelu_c;
static inline void gelu_init(gelu_c *c, const double *p) { c->approx = p[0] == 1; }

/* tab[i], i in 0..15: two 8-entry permutes and a blend on i >= 8; where
   every lane's i < 8 (|x| < 6, gelu_G's `narrow`), one permute */
ACT_INLINE __m256 lut16(const float *tab, __m256i i, __m256 hi, int narrow) {
    __m256 a = _mm256_permutevar8x32_ps(_mm256_loadu_ps(tab), i);
    if (narrow) return a;
    __m256 b = _mm256_permutevar8x32_ps(_mm256_loadu_ps(tab + 8), i);
    return _mm256_blendv_ps(a, b, hi);
}
/* G(a) = S + T (see avx512_gelu.c); narrow: a < 6, the entries 0-7 */
ACT_INLINE __m256 gelu_G(__m256 a, __m256 *t, int narrow) {
    __m256 ag = narrow ? a : _mm256_min_ps(a, A2(13.999f));
    /* the entry and u without a compare (avx512_gelu.c); below a = 6,
       a + min(a, 2) = a + 2 < 8 is exact, so i <= 7 */
    __m256 c = _mm256_min_ps(ag, A2(2.0f));
    __m256i i = _mm256_cvttps_epi32(_mm256_add_ps(ag, c));
    __m256 d = _mm256_add_ps(_mm256_sub_ps(ag, _mm256_cvtepi32_ps(i)), c);
    __m256 hi = narrow ? _mm256_setzero_ps()
                       : _mm256_castsi256_ps(_mm256_cmpgt_epi32(i, _mm256_set1_epi32(7)));
#define GC(tab) lut16(tab, i, hi, narrow)
    __m256 r = GC(G_C8);
    r = _mm256_fmadd_ps(r, d, GC(G_C7));
    r = _mm256_fmadd_ps(r, d, GC(G_C6));
    r = _mm256_fmadd_ps(r, d, GC(G_C5));
    r = _mm256_fmadd_ps(r, d, GC(G_C4));
    r = _mm256_fmadd_ps(r, d, GC(G_C3));
    r = _mm256_fmadd_ps(r, d, GC(G_C2));
    __m256 c1 = GC(G_C1), c0h = GC(G_C0H), c0l = GC(G_C0L);
#undef GC
    __m256 S = _mm256_fmadd_ps(c1, d, c0h);
    __m256 Sl = _mm256_fmadd_ps(c1, d, _mm256_sub_ps(c0h, S)); /* exact: avx512_gelu.c */
    *t = _mm256_fmadd_ps(a2_mul(d, d), r, _mm256_add_ps(c0l, Sl));
    return S;
}
ACT_INLINE __m256 gelu_exp(__m256 ac, __m256i *k) {
    __m256 nh = a2_mul(ac, A2(-0.5f));
    __m256 h = a2_mul(nh, ac);
    return a2_exp_lut(h, _mm256_fmsub_ps(nh, ac, h), k);
}
/* narrow: every |x| < 6, so no clamp, entries 0-7, and 2^k (k >= -26) with
   one product; the same bits as the general path */
ACT_INLINE __m256 gelu_fk(__m256 x, int narrow) {
    __m256 xc =
        narrow ? x : _mm256_max_ps(A2(-20.0f), _mm256_min_ps(A2(20.0f), x)); /* NaN passes */
    __m256 ac = a2_abs(xc);
    __m256 neg = a2_lt(x, _mm256_setzero_ps());
    __m256i k;
    __m256 p = gelu_exp(ac, &k);
    __m256 T, S = gelu_G(ac, &T, narrow);
    /* v = x Q(|x|), 2^k applied last (avx512_gelu.c) */
    __m256 s = a2_mul(xc, p), sl = _mm256_fmsub_ps(xc, p, s);
    __m256 v = _mm256_fmadd_ps(s, S, _mm256_fmadd_ps(s, T, a2_mul(sl, S)));
    v = narrow ? a2_ldexpi_normal(v, k) : a2_ldexpi(v, k);
    return a2_sel(neg, v, _mm256_sub_ps(x, v));
}
ACT_INLINE __m256 gelu_fn(__m256 x, const gelu_c *c) {
    (void)c;
    return gelu_fk(x, 1);
}
ACT_INLINE __m256 gelu_fg(__m256 x, const gelu_c *c) {
    (void)c;
    return gelu_fk(x, 0);
}
ACT_INLINE __m256 gelu_bk(__m256 x, __m256 dy, int narrow) {
    __m256 xc =
        narrow ? x : _mm256_max_ps(A2(-20.0f), _mm256_min_ps(A2(20.0f), x)); /* NaN passes */
    __m256 ac = a2_abs(xc);
    __m256 root = a2_le(a2_abs(_mm256_add_ps(x, A2(0.925f))), A2(0.525f)); /* [-1.45, -0.4] */
    __m256 neg = a2_lt(x, _mm256_setzero_ps());
    __m256 d = _mm256_sub_ps(_mm256_sub_ps(x, A2(X0_HI)), A2(X0_LO));
    __m256 r = A2(-0x1.cbc058p-11f);
    r = _mm256_fmadd_ps(r, d, A2(-0x1.2918c8p-9f));
    r = _mm256_fmadd_ps(r, d, A2(0x1.2a5660p-8f));
    r = _mm256_fmadd_ps(r, d, A2(0x1.3e5ee6p-6f));
    r = _mm256_fmadd_ps(r, d, A2(-0x1.e3f62cp-7f));
    r = _mm256_fmadd_ps(r, d, A2(-0x1.d2fad0p-4f));
    r = _mm256_fmadd_ps(r, d, A2(-0x1.2a300ap-6f));
    r = _mm256_fmadd_ps(r, d, A2(0x1.8d9a94p-2f));
    r = _mm256_fmadd_ps(r, d, A2(0x1.b9d990p-2f));
    __m256i k;
    __m256 p = gelu_exp(ac, &k);
    __m256 T, S = gelu_G(ac, &T, narrow);
    __m256 v =
        _mm256_sub_ps(_mm256_fmadd_ps(ac, A2(RS2PI_H), _mm256_fmsub_ps(ac, A2(RS2PI_L), T)), S);
    __m256 pv = a2_mul(p, v);
    __m256 w = narrow ? a2_ldexpi_normal(pv, k) : a2_ldexpi(pv, k);
    __m256 g = a2_sel(neg, _mm256_sub_ps(_mm256_setzero_ps(), w), _mm256_add_ps(A2(1.0f), w));
    g = a2_sel(root, a2_mul(r, d), g);
    return a2_mul(g, dy);
}
ACT_INLINE __m256 gelu_bn(__m256 x, __m256 dy, const gelu_c *c) {
    (void)c;
    return gelu_bk(x, dy, 1);
}
ACT_INLINE __m256 gelu_bg(__m256 x, __m256 dy, const gelu_c *c) {
    (void)c;
    return gelu_bk(x, dy, 0);
}
/* the blocks gelu_fn / gelu_bn take: every |x| < 6 */
static inline int gelu_ok(const double *p, const float *x, size_t m) {
    (void)p;
    return a2_block_abs_in(x, m, 0.0f, 0x1.7ffffep+2f);
}
ACT256_FWD_SPLIT(gerf_fwd, gelu_c, gelu_init, gelu_fn, gelu_fg, gelu_ok, 2, ACT_MIXED)
ACT256_BWD_SPLIT(gerf_bwd, gelu_c, gelu_init, gelu_bn, gelu_bg, gelu_ok, 2, ACT_MIXED)

/* ---- approximate = tanh (see avx512_gelu.c) ---------------------------------------- */
#define K_H 0x1.2444f2p-4f     /* c2 kappa, head (kappa = 0.044715) */
#define K_L 0x1.49b16ap-29f    /* c2 kappa - head */
#define C2_H 0x1.988454p+0f    /* 2 sqrt(2/pi), head */
#define C2_L -0x1.857936p-25f  /* 2 sqrt(2/pi) - head */
#define TX0_HI -0x1.8142a0p-1f /* the zero of f', -0.75246142207101626 */
#define TX0_LO 0x1.85a06cp-27f
#define TC0_H 0x1.b8bacep-2f   /* f''(x0): the window polynomial's c0, head */
#define TC0_L -0x1.a434eep-27f /* and tail */

/* x (C2 + k x^2) as head + tail from x^2 = sh + sl, and x t' from its
   pieces (avx512_gelu.c, gt_cubic and gt_xt1) */
typedef struct {
    __m256 wh, wl; /* k x^2 */
    __m256 ah, al; /* C2 + k x^2 */
} gt_w;
ACT_INLINE __m256 gt_cubic(__m256 xc, __m256 sh, __m256 sl, gt_w *g, __m256 *lo) {
    g->wh = a2_mul(A2(K_H), sh);
    g->wl = _mm256_fmadd_ps(A2(K_H), sl,
                            _mm256_fmadd_ps(A2(K_L), sh, _mm256_fmsub_ps(A2(K_H), sh, g->wh)));
    g->ah = a2_two_sum(A2(C2_H), g->wh, &g->al);
    g->al = _mm256_add_ps(g->al, _mm256_add_ps(g->wl, A2(C2_L)));
    __m256 h = a2_mul(xc, g->ah);
    *lo = _mm256_fmadd_ps(xc, g->al, _mm256_fmsub_ps(xc, g->ah, h));
    return h;
}
ACT_INLINE __m256 gt_xt1(__m256 xc, const gt_w *g, __m256 *lo) {
    __m256 bl, bh = a2_two_sum(g->ah, _mm256_add_ps(g->wh, g->wh), &bl);
    bl = _mm256_add_ps(bl, _mm256_add_ps(g->al, _mm256_add_ps(g->wl, g->wl)));
    __m256 h = a2_mul(xc, bh);
    *lo = _mm256_fmadd_ps(xc, bl, _mm256_fmsub_ps(xc, bh, h));
    return h;
}
ACT_INLINE __m256 gt_t(__m256 xc, __m256 *tl) {
    __m256 sh = a2_mul(xc, xc), sl = _mm256_fmsub_ps(xc, xc, sh);
    gt_w g;
    return gt_cubic(xc, sh, sl, &g, tl);
}
ACT_INLINE __m256 gt_f(__m256 x, const gelu_c *c) {
    (void)c;
    __m256 xc = _mm256_max_ps(A2(-100.0f), _mm256_min_ps(A2(100.0f), x));
    __m256 tl, th = gt_t(xc, &tl);
    a2_sig s = a2_sig_init(th, tl);
    __m256 neg = a2_lt(th, _mm256_setzero_ps());
    __m256 xp = a2_mul(x, s.p);
    __m256 a = a2_sel(neg, xp, x);
    __m256 al = _mm256_and_ps(neg, _mm256_fmsub_ps(x, s.p, xp));
    __m256 y = a2_div_1pe2(a, al, s.e);
    y = a2_sel(neg, a2_ldexpi(y, s.n), y);
    y = a2_sel(_mm256_andnot_ps(neg, _mm256_cmp_ps(s.e, _mm256_setzero_ps(), _CMP_EQ_OQ)), x, y);
    return a2_sel(a2_lt(th, A2(-170.0f)), a2_sign(x), y);
}
ACT_INLINE __m256 gt_b(__m256 x, __m256 dy, const gelu_c *c) {
    (void)c;
    __m256 xc = _mm256_max_ps(A2(-100.0f), _mm256_min_ps(A2(100.0f), x));
    __m256 sh = a2_mul(xc, xc), sl = _mm256_fmsub_ps(xc, xc, sh);
    gt_w w;
    __m256 tl, th = gt_cubic(xc, sh, sl, &w, &tl);
    a2_sig s = a2_sig_init(th, tl);
    __m256 neg = a2_lt(th, _mm256_setzero_ps());
    __m256 ml, mh = gt_xt1(xc, &w, &ml); /* m = x t' */
    __m256 m = _mm256_add_ps(mh, ml);
    /* one division for both signs (avx512_gelu.c): t >= 0 with the
       numerator 1 + e + e m = d + (dl + e m) over (1 + e)^2 */
    __m256 em = _mm256_fmadd_ps(m, s.e, s.dl);
    __m256 Ph = _mm256_add_ps(s.d, em);
    __m256 Pl = _mm256_add_ps(_mm256_sub_ps(s.d, Ph), em);
    __m256 Nl, N = a2_two_sum(s.d, mh, &Nl);
    Nl = _mm256_add_ps(_mm256_add_ps(Nl, s.dl), ml);
    __m256 D = a2_mul(s.d, s.d);
    __m256 Dl = _mm256_fmadd_ps(_mm256_add_ps(s.d, s.d), s.dl, _mm256_fmsub_ps(s.d, s.d, D));
    __m256 A = a2_mul(s.p, N);
    __m256 Al = _mm256_fmadd_ps(s.p, Nl, _mm256_fmsub_ps(s.p, N, A));
    __m256 q = a2_div_corr2(a2_sel(neg, A, Ph), a2_sel(neg, Al, Pl), D, Dl);
    __m256 r = a2_mul(a2_sel(neg, a2_ldexpi(q, s.n), q), dy); /* 2^n before dy (simd.h) */
    __m256 root = a2_le(a2_abs(_mm256_add_ps(x, A2(0.75246f))), A2(0.1f)); /* [-0.852, -0.652] */
    __m256 dh = _mm256_sub_ps(x, A2(TX0_HI));                              /* exact (Sterbenz) */
    __m256 g = A2(0x1.4164dap-6f);
    g = _mm256_fmadd_ps(g, dh, A2(-0x1.0f004cp-6f));
    g = _mm256_fmadd_ps(g, dh, A2(-0x1.d2b6ecp-4f));
    g = _mm256_fmadd_ps(g, dh, A2(-0x1.029752p-6f));
    g = _mm256_fmadd_ps(g, dh, A2(0x1.8cd1a2p-2f));
    r = a2_sel(root, a2_mul(a2_root_poly(dh, g, TC0_H, TC0_L, TX0_LO), dy), r);
    return r;
}
ACT256_FWD(gtanh_fwd, gelu_c, gelu_init, gt_f, ACT_CACHED)
ACT256_BWD(gtanh_bwd, gelu_c, gelu_init, gt_b, ACT_MIXED)

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
ACT256_DEFINE(gelu, gelu_fwd, gelu_bwd, NULL, NULL)
