/*
 * avx2_silu.c - silu x sigmoid(beta x) (swish), AVX2: the algorithm of
 * avx512_silu.c (z = beta x as head + tail; f = x/(1 + e) or 2^n x p/(1 + e)
 * with one rounding; f' = q (1 + z e q) for z >= 0, 2^n p N/(1 + e)^2 with
 * N = 1 + z + e^z for z < 0, a polynomial in z - z0 near the zero of f'),
 * with 2^n applied by a2_ldexpi (exact, one rounding) since the left tail's
 * results are normal floats down to x = -92. The derivative puts 2^n on f'
 * before dy wherever f' is a normal float (z above -87.3), so that f' dy is
 * rounded once even where it is subnormal; with beta = 1 the backward's
 * blocks of |x| <= 87 take a loop without clamps (split driver, 1.12-1.13x).
 */
#include "simd/avx2_math.h"

#define Z0_HI -0x1.474974p+0f /* z0 = -1.2784645427610738, the zero of f' */
#define Z0_LO 0x1.bdf6fap-27f /* z0 - head */

typedef struct {
    __m256 bh, bl;
    __m256 tiny; /* |x| below it: f = x/2 (a2_tiny's 2^-60 over max(1, |beta|)) */
} silu_c;
static inline void silu_init(silu_c *c, const double *p) {
    float h, l;
    act_split(p[0], &h, &l);
    c->bh = A2(h);
    c->bl = A2(l);
    /* f = x sigmoid(beta x) = x/2 + beta x^2/4 - ... is x/2 within far below
       half an ulp where |beta x| < 2^-60, not |x| < 2^-60: beta = 2^99 gave
       x/2 for 1e-30 until the sixteenth session); at least 2^-149, so that
       +-0 always takes it (the main path turns -0 into +0) */
    c->tiny = A2(fmaxf((float)(0x1p-60 / fmax(1.0, fabs(p[0]))), 0x1p-149f));
}
ACT_INLINE __m256 silu_z(__m256 x, const silu_c *c, int one, __m256 *zl) {
    if (one) {
        *zl = _mm256_setzero_ps();
        return x;
    }
    __m256 zh = a2_mul(c->bh, x);
    __m256 l = _mm256_fmadd_ps(c->bl, x, _mm256_fmsub_ps(c->bh, x, zh));
    *zl = _mm256_max_ps(_mm256_min_ps(l, A2(0x1p-15f)), A2(-0x1p-15f)); /* NaN to a bound */
    return zh;
}
ACT_INLINE __m256 silu_f(__m256 x0, const silu_c *c, int one) {
    __m256 tn = _mm256_cmp_ps(a2_abs(x0), c->tiny, _CMP_LT_OQ), x = a2_untiny(x0, tn);
    __m256 zl, z = silu_z(x, c, one, &zl);
    a2_sig s = one ? a2_sig_init0(z) : a2_sig_init(z, zl);
    __m256 neg = a2_lt(z, _mm256_setzero_ps());
    __m256 xp = a2_mul(x, s.p);
    __m256 a = a2_sel(neg, xp, x);
    __m256 al = _mm256_and_ps(neg, _mm256_fmsub_ps(x, s.p, xp));
    __m256 y = a2_div_1pe2(a, al, s.e);
    y = a2_sel(neg, a2_ldexpi(y, s.n), y);
    y = a2_sel(_mm256_andnot_ps(neg, _mm256_cmp_ps(s.e, _mm256_setzero_ps(), _CMP_EQ_OQ)), x, y);
    return a2_retiny(a2_sel(a2_lt(z, A2(-170.0f)), a2_sign(x), y), tn, x0, 0.5f);
}
ACT_INLINE __m256 silu_f1(__m256 x, const silu_c *c) { return silu_f(x, c, 1); }
ACT_INLINE __m256 silu_fb(__m256 x, const silu_c *c) { return silu_f(x, c, 0); }
/* beta = 1 and every 2^-60 <= |x| <= 87 (silu_ok): e = p 2^n is a normal
   float (no clamp, no e = 0 lane, no tiny x to set aside), and 2^n goes on
   with one product; silu_f1's bits */
ACT_INLINE __m256 silu_fn(__m256 x, const silu_c *c) {
    (void)c;
    a2_sig s = a2_sig_init0_at(x, 1);
    __m256i n = s.n;
    __m256 p = s.p, e = s.e;
    __m256 neg = a2_lt(x, _mm256_setzero_ps());
    __m256 xp = a2_mul(x, p);
    __m256 a = a2_sel(neg, xp, x);
    __m256 al = _mm256_and_ps(neg, _mm256_fmsub_ps(x, p, xp));
    __m256 y = a2_div_1pe2(a, al, e);
    return a2_sel(neg, a2_ldexpi_normal(y, n), y);
}
static inline int silu_ok(const double *p, const float *x, size_t m) {
    (void)p;
    return a2_block_abs_in(x, m, 0x1p-60f, 87.0f);
}
ACT_INLINE __m256 silu_root(__m256 d) {
    __m256 r = A2(0x1.9df3eap-11f);
    r = _mm256_fmadd_ps(r, d, A2(0x1.338cf0p-13f));
    r = _mm256_fmadd_ps(r, d, A2(-0x1.b0eec8p-8f));
    r = _mm256_fmadd_ps(r, d, A2(-0x1.f2d61ap-7f));
    r = _mm256_fmadd_ps(r, d, A2(0x1.353eaap-6f));
    r = _mm256_fmadd_ps(r, d, A2(0x1.2c5634p-3f));
    r = _mm256_fmadd_ps(r, d, A2(0x1.be1410p-3f));
    return a2_mul(r, d);
}
/* f' dy; narrow: beta = 1 and every |x| <= 87 (silu_ok_b: no
   clamp, 2^n by one product) */
ACT_INLINE __m256 silu_bk(__m256 x, __m256 dy, const silu_c *c, int one, int narrow) {
    __m256 zl, zh = silu_z(x, c, one, &zl);
    a2_sig s = one ? a2_sig_init0_at(zh, narrow) : a2_sig_init(zh, zl);
    __m256 zc = narrow ? zh : _mm256_max_ps(A2(-170.0f), _mm256_min_ps(A2(170.0f), zh));
    __m256 neg = a2_lt(zh, _mm256_setzero_ps());
    /* one division for both signs, as avx512_silu.c: z >= 0 over (1 + e)^2
       with the numerator 1 + e + z e = d + (dl + z e) */
    __m256 ze = _mm256_fmadd_ps(zc, s.e, s.dl);
    __m256 Ph = _mm256_add_ps(s.d, ze);
    __m256 Pl = _mm256_add_ps(_mm256_sub_ps(s.d, Ph), ze);
    __m256 Nl, N = a2_two_sum(_mm256_add_ps(A2(1.0f), zc), s.e, &Nl);
    __m256 D = a2_mul(s.d, s.d);
    __m256 Dl = _mm256_fmadd_ps(_mm256_add_ps(s.d, s.d), s.dl, _mm256_fmsub_ps(s.d, s.d, D));
    __m256 A = a2_mul(s.p, N);
    __m256 Al = _mm256_fmadd_ps(s.p, _mm256_add_ps(Nl, zl), _mm256_fmsub_ps(s.p, N, A));
    __m256 Q = a2_div_corr2(a2_sel(neg, A, Ph), a2_sel(neg, Al, Pl), D, Dl);
    /* f' = 2^kk Q, kk = n for z < 0 and 0 for z >= 0: f' is a normal
       float for kk >= -126 (z above -87.3), so 2^kk goes on Q by one exact
       product and dy by one rounding; further left f' falls below FLT_MIN
       while f' dy need not, so there 2^-126 goes on before dy and the rest
       after (a2_mul_dy_ldexpi_at: no overflow for a large dy either). The
       narrow path has kk >= -126: the one product, the same bits. */
    __m256i kk = _mm256_and_si256(_mm256_castps_si256(neg), s.n);
    __m256 r = narrow ? a2_mul(a2_ldexpi_normal(Q, kk), dy) : a2_mul_dy_ldexpi_at(Q, dy, kk, -126);
    __m256 d = _mm256_add_ps(_mm256_sub_ps(zh, A2(Z0_HI)), _mm256_sub_ps(zl, A2(Z0_LO)));
    __m256 root = _mm256_cmp_ps(a2_abs(d), A2(0.25f), _CMP_LE_OQ);
    r = a2_sel(root, a2_mul(silu_root(d), dy), r);
    return r;
}
ACT_INLINE __m256 silu_b1(__m256 x, __m256 dy, const silu_c *c) { return silu_bk(x, dy, c, 1, 0); }
ACT_INLINE __m256 silu_bn(__m256 x, __m256 dy, const silu_c *c) { return silu_bk(x, dy, c, 1, 1); }
ACT_INLINE __m256 silu_bb(__m256 x, __m256 dy, const silu_c *c) { return silu_bk(x, dy, c, 0, 0); }
ACT256_FWD_SPLIT(silu_fwd1, silu_c, silu_init, silu_fn, silu_f1, silu_ok, 4, ACT_CACHED)
ACT256_FWD(silu_fwdb, silu_c, silu_init, silu_fb, ACT_CACHED)
static void silu_fwd(const double *p, size_t n, const float *x, float *y) {
    (p[0] == 1 ? silu_fwd1 : silu_fwdb)(p, n, x, y);
}
/* the backward's ordinary blocks: every |x| <= 87, zeros and subnormals
   included (the general path takes them the same way) */
static inline int silu_ok_b(const double *p, const float *x, size_t m) {
    (void)p;
    return a2_block_abs_in(x, m, 0.0f, 87.0f);
}
ACT256_BWD_SPLIT(silu_bwd1, silu_c, silu_init, silu_bn, silu_b1, silu_ok_b, 2, ACT_MIXED)
ACT256_BWD(silu_bwdb, silu_c, silu_init, silu_bb, ACT_MIXED)
static void silu_bwd(const double *p, size_t n, const float *a, const float *dy, float *dx) {
    (p[0] == 1 ? silu_bwd1 : silu_bwdb)(p, n, a, dy, dx);
}

static int silu_accepts(const double *p) {
    return p[0] == 0 ? 0 : fabs(p[0]) >= 0x1p-100 && fabs(p[0]) <= 0x1p100;
}
ACT256_DEFINE(silu, silu_fwd, silu_bwd, NULL, silu_accepts)
