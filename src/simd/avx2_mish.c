/*
 * avx2_mish.c - mish x tanh(softplus(x)), AVX2: the algorithm of
 * avx512_mish.c (w = e^x for both signs, x clamped at 12; numerator and
 * denominator as head + tail, one rounding in the division, 2^k applied
 * last by a2_ldexpi; one numerator for both signs in the derivative, and a
 * polynomial times x - x0 on |x - x0| <= 0.2). The derivative puts 2^k on
 * f' before dy wherever f' is a normal float (x above -87.3), so that f' dy
 * is rounded once even where it is subnormal; the backward's blocks of
 * |x| <= 12 take a loop without clamps (split driver, 1.19x).
 */
#include "simd/avx2_math.h"

#include "simd/mish_coef.h"

typedef struct {
    int unused;
} mish_c;
static inline void mish_init(mish_c *c, const double *p) {
    (void)p;
    c->unused = 0;
}
/* U = Uh + Ul and q = qh + ql from w = e^xe = p 2^k, xe = min(x, 12), the
   same expressions for both signs (avx512_mish.c): q = 2 + w (2 + w),
   U = p (2 + w), f = 2^k x U/q */
typedef struct {
    __m256 p, w, xc, Bh, Bl, Uh, Ul, qh, ql;
    __m256i k;
} mish_t;
/* narrow: every |x| <= 12 (mish_ok, forward: 2^-60 <= |x|; mish_ok_b,
   backward: 0 and tiny x too), so no clamps and w = p 2^k a normal float,
   by one product */
ACT_INLINE mish_t mish_pieces(__m256 x, int narrow) {
    mish_t m;
    m.xc = narrow ? x : _mm256_max_ps(A2(-170.0f), x);           /* NaN passes */
    __m256 xe = narrow ? x : _mm256_min_ps(A2(MISH_XMAX), m.xc); /* NaN passes */
    m.p = a2_exp_lut0(xe, &m.k);
    /* flushed below FLT_MIN: only sums with 1 and 2 use it */
    m.w = narrow ? a2_ldexpi_normal(m.p, m.k) : a2_mul(m.p, a2_pow2i(m.k));
    m.Bh = _mm256_add_ps(A2(2.0f), m.w);
    m.Bl = _mm256_sub_ps(m.w, _mm256_sub_ps(m.Bh, A2(2.0f)));
    m.qh = _mm256_fmadd_ps(m.w, m.Bh, A2(2.0f));
    m.ql = _mm256_fmadd_ps(m.w, m.Bl, _mm256_fmadd_ps(m.w, m.Bh, _mm256_sub_ps(A2(2.0f), m.qh)));
    m.Uh = a2_mul(m.p, m.Bh);
    m.Ul = _mm256_fmadd_ps(m.p, m.Bl, _mm256_fmsub_ps(m.p, m.Bh, m.Uh));
    return m;
}
/* f = 2^k x U/q (narrow: 2^k by one product) */
ACT_INLINE __m256 mish_fm(const mish_t *m, int narrow) {
    __m256 xh = a2_mul(m->xc, m->Uh);
    __m256 xl = _mm256_fmadd_ps(m->xc, m->Ul, _mm256_fmsub_ps(m->xc, m->Uh, xh));
    __m256 q = a2_div_corr2(xh, xl, m->qh, m->ql);
    return narrow ? a2_ldexpi_normal(q, m->k) : a2_ldexpi(q, m->k);
}
ACT_INLINE __m256 mish_f(__m256 x0, const mish_c *c) {
    (void)c;
    __m256 tn = a2_tiny(x0), x = a2_untiny(x0, tn);
    mish_t m = mish_pieces(x, 0);
    __m256 f = mish_fm(&m, 0);
    return a2_retiny(a2_sel(a2_gt(x, A2(MISH_XMAX)), x, f), tn, x0,
                     0.6f); /* f'(0) = tanh(ln 2) = 3/5 */
}
/* every 2^-60 <= |x| <= 12 (mish_ok): no x > 12 lane and no tiny x to set
   aside either; mish_f's bits */
ACT_INLINE __m256 mish_fn(__m256 x, const mish_c *c) {
    (void)c;
    mish_t m = mish_pieces(x, 1);
    return mish_fm(&m, 1);
}
static inline int mish_ok(const double *p, const float *x, size_t m) {
    (void)p;
    return a2_block_abs_in(x, m, 0x1p-60f, MISH_XMAX);
}
/* f' dy; narrow: every |x| <= 12 (mish_ok_b: no clamp, no x > 12
   lane, 2^k by one product) */
ACT_INLINE __m256 mish_bk(__m256 x, __m256 dy, int narrow) {
    mish_t m = mish_pieces(x, narrow);
    __m256 Dh = a2_mul(m.qh, m.qh);
    __m256 Dl = _mm256_fmadd_ps(_mm256_add_ps(m.qh, m.qh), m.ql, _mm256_fmsub_ps(m.qh, m.qh, Dh));
    /* f' = 2^k M/D, M = U q + 4 x p (1 + w), D = q^2 (avx512_mish.c) */
    __m256 d = _mm256_add_ps(A2(1.0f), m.w);
    __m256 dl = _mm256_add_ps(_mm256_sub_ps(A2(1.0f), d), m.w);
    __m256 uqh = a2_mul(m.Uh, m.qh);
    __m256 uql =
        _mm256_fmadd_ps(m.Uh, m.ql, _mm256_fmadd_ps(m.Ul, m.qh, _mm256_fmsub_ps(m.Uh, m.qh, uqh)));
    __m256 xvh = a2_mul(m.xc, m.p), xvl = _mm256_fmsub_ps(m.xc, m.p, xvh);
    __m256 b1 = a2_mul(xvh, d);
    __m256 b1l = _mm256_fmadd_ps(xvh, dl, _mm256_fmadd_ps(xvl, d, _mm256_fmsub_ps(xvh, d, b1)));
    __m256 bh = a2_mul(b1, A2(4.0f)), bl = a2_mul(b1l, A2(4.0f));
    __m256 Ml, Mh = a2_two_sum(uqh, bh, &Ml);
    Ml = _mm256_add_ps(_mm256_add_ps(Ml, uql), bl);
    __m256 Q = a2_div_corr2(Mh, Ml, Dh, Dl);
    /* f' = 2^k Q is a normal float for k >= -126 (x above -87.3), so 2^k
       goes on Q by one exact product and dy by one rounding; further left
       f' falls below FLT_MIN while f' dy need not, so there 2^-126 goes on
       before dy and the rest after (a2_mul_dy_ldexpi_at: no overflow for a
       large dy either). The narrow path has k >= -18: the one product, the
       same bits. */
    __m256 g =
        narrow ? a2_mul(a2_ldexpi_normal(Q, m.k), dy) : a2_mul_dy_ldexpi_at(Q, dy, m.k, -126);
    if (!narrow) g = a2_sel(a2_gt(x, A2(MISH_XMAX)), dy, g); /* f' = 1 in float */
    /* |x - x0| <= 0.2: (dh + dl) P(dh) as in avx512_mish.c */
    __m256 win = a2_le(a2_abs(_mm256_add_ps(x, A2(1.19243f))), A2(0.2f));
    __m256 dh = _mm256_sub_ps(x, A2(X0_HI));
    __m256 rr = A2(M_C6);
    rr = _mm256_fmadd_ps(rr, dh, A2(M_C5));
    rr = _mm256_fmadd_ps(rr, dh, A2(M_C4));
    rr = _mm256_fmadd_ps(rr, dh, A2(M_C3));
    rr = _mm256_fmadd_ps(rr, dh, A2(M_C2));
    rr = _mm256_fmadd_ps(rr, dh, A2(M_C1));
    g = a2_sel(win, a2_mul(a2_root_poly(dh, rr, M_C0H, M_C0L, X0_LO), dy), g);
    return g;
}
ACT_INLINE __m256 mish_b(__m256 x, __m256 dy, const mish_c *c) {
    (void)c;
    return mish_bk(x, dy, 0);
}
ACT_INLINE __m256 mish_bn(__m256 x, __m256 dy, const mish_c *c) {
    (void)c;
    return mish_bk(x, dy, 1);
}
ACT256_FWD_SPLIT(mish_fwd, mish_c, mish_init, mish_fn, mish_f, mish_ok, 4, ACT_CACHED)
/* the backward's ordinary blocks: every |x| <= 12, zeros and subnormals
   included (the general path takes them the same way) */
static inline int mish_ok_b(const double *p, const float *x, size_t m) {
    (void)p;
    return a2_block_abs_in(x, m, 0.0f, MISH_XMAX);
}
ACT256_BWD_SPLIT(mish_bwd, mish_c, mish_init, mish_bn, mish_b, mish_ok_b, 2, ACT_MIXED)
ACT256_DEFINE(mish, mish_fwd, mish_bwd, NULL, NULL)
