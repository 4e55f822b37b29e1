/*
 * avx512_mish.c - mish x tanh(softplus(x)), AVX-512.
 * With w = e^-|x| = p 2^k (the sigmoid pieces of avx512_math.h):
 *   f = x n/(n + 2),  n = w (w + 2)                    for x <= 0,
 *     = x (1 + 2w)/(1 + 2w + 2w^2)                     for x > 0 (fn_mish.c),
 * numerator and denominator each carried as head + tail (fma products,
 * TwoSum) and one rounding in the division (a5_div_corr2); for x <= 0 the
 * numerator stays in the mantissa, n = 2^k A, A = p (w + 2), and 2^k is
 * applied last: mish is a normal float down to x = -92 where e^x is not.
 * Both signs share one set of operations (mish_pieces: f = x U/q, U and q
 * formed from per-lane constants and blends), not one set per sign blended
 * at the end: 1.17x forward, 1.05x backward (eighth session).
 *   f' = n/q + 4 x w (1 + w)/q^2 = 2^k (A q + 4 x p (1 + w))/q^2, q = n + 2,
 *        for x <= 0, with every term as head + tail: the two terms cancel
 *        near the zero x0 = -1.19243 of f' (within 1.8 ULP from 0.16 of it
 *        on, 2.5 from 0.08, 4 from 0.04);
 *      = (N q + 4 x w^2 (1 + w))/q^2, N = 1 + 2w, q = N + 2w^2, for x > 0
 *        (all positive): one numerator U q + 4 x V (1 + w) for both, U and
 *        V picked per lane (A, p or N, w^2), one division (1.25x against
 *        the two of the seventh session);
 *      = d P(d) for |d| <= 0.2, d = x - x0 (x0 as head + tail), P a
 *        degree-6 fit of f'(x)/d with c0 as head + tail (2^-29.8,
 *        mish_coef.h): 0.6 ULP there. Until the eighth session this was
 *        eight degree-5 fits on [-3, -0.5] picked by vpermps, 2 ULP near
 *        x0 (their c0 a float) and 1.02x slower.
 * x is clamped to [-200, 200] where it multiplies: mish(-inf) = -0,
 * mish(inf) = inf, f'(-inf) = 0, f'(inf) = 1.
 */
#include "simd/avx512_math.h"

#include "simd/mish_coef.h"

typedef struct {
    int unused;
} mish_c;
static inline void mish_init(mish_c *c, const double *p) {
    (void)p;
    c->unused = 0;
}

/* the pieces both directions share: the numerator's factor U = Uh + Ul and
   q = qh + ql, one set for both signs (f = x U/q, times 2^k for x <= 0):
     x <= 0: q = 2 + w (2 + w),   U = p (2 + w)   (2^k U = w (2 + w));
     x > 0:  q = 1 + 2w (1 + w),  U = 1 + 2w;
   i.e. q = b + a (b + w) and U = e0 + a' B' with b, a, a', B', e0 picked per
   lane. b + w = Bh + Bl by Fast2Sum (b >= w); each product-sum is an fma
   whose tail is a second fma on the difference b - qh or e0 - Uh, exact
   because both operands are multiples of the difference's ulp (qh, Uh
   below 5), plus the product with Bl. Until the twelfth session U and q
   were formed as sums of rounded products with TwoSums by max and min,
   and q from U scaled by 2^k: 1.08x slower forward (AVX2 1.16x, both
   directions); over all floats the same maxima (1.542 / 1.656 ULP), a
   few thousand results differing in the last bit. */
typedef struct {
    a5_sig s;
    __mmask16 neg;
    __m512 xc, Uh, Ul, qh, ql;
} mish_t;
ACT_INLINE mish_t mish_pieces(__m512 x) {
    mish_t m;
    m.s = a5_sig_init0(x);
    m.neg = a5_le(x, _mm512_setzero_ps());
    m.xc = _mm512_max_ps(A5(-200.0f), _mm512_min_ps(A5(200.0f), x)); /* NaN passes */
    __m512 p = m.s.p, w = m.s.e;
    __m512 b = _mm512_mask_mov_ps(A5(1.0f), m.neg, A5(2.0f));
    __m512 Bh = _mm512_add_ps(b, w);
    __m512 Bl = _mm512_sub_ps(w, _mm512_sub_ps(Bh, b));
    __m512 aq = _mm512_mask_mov_ps(_mm512_add_ps(w, w), m.neg, w);
    m.qh = _mm512_fmadd_ps(aq, Bh, b);
    m.ql = _mm512_fmadd_ps(aq, Bl, _mm512_fmadd_ps(aq, Bh, _mm512_sub_ps(b, m.qh)));
    __m512 au = _mm512_mask_mov_ps(A5(2.0f), m.neg, p);
    __m512 Bu = _mm512_mask_mov_ps(w, m.neg, Bh);
    __m512 e0 = _mm512_maskz_mov_ps(~m.neg, A5(1.0f));
    __m512 Blu = _mm512_maskz_mov_ps(m.neg, Bl);
    m.Uh = _mm512_fmadd_ps(au, Bu, e0);
    m.Ul = _mm512_fmadd_ps(au, Blu, _mm512_fmadd_ps(au, Bu, _mm512_sub_ps(e0, m.Uh)));
    return m;
}
ACT_INLINE __m512 mish_f(__m512 x, const mish_c *c) {
    (void)c;
    mish_t m = mish_pieces(x);
    __m512 xh = a5_mul(m.xc, m.Uh);
    __m512 xl = _mm512_fmadd_ps(m.xc, m.Ul, _mm512_fmsub_ps(m.xc, m.Uh, xh));
    __m512 f = a5_div_corr2(xh, xl, m.qh, m.ql);
    f = _mm512_mask_scalef_ps(f, m.neg, f, m.s.n);
    return _mm512_mask_mov_ps(f, a5_gt(x, A5(100.0f)), x); /* w = 0: f = x (inf too) */
}
ACT_INLINE __m512 mish_b(__m512 x, __m512 dy, const mish_c *c) {
    (void)c;
    mish_t m = mish_pieces(x);
    __m512 Dh = a5_mul(m.qh, m.qh);
    __m512 Dl = _mm512_fmadd_ps(_mm512_add_ps(m.qh, m.qh), m.ql, _mm512_fmsub_ps(m.qh, m.qh, Dh));
    /* one numerator for both signs, M = U q + 4 x V (d + dl) as head + tail
       (d + dl = 1 + w): x <= 0: U = A, V = p (M 2^k is the numerator);
       x > 0: U = N, V = w^2 (all terms positive there) */
    __m512 V = _mm512_mask_mov_ps(a5_mul(m.s.e, m.s.e), m.neg, m.s.p);
    __m512 uqh = a5_mul(m.Uh, m.qh);
    __m512 uql =
        _mm512_fmadd_ps(m.Uh, m.ql, _mm512_fmadd_ps(m.Ul, m.qh, _mm512_fmsub_ps(m.Uh, m.qh, uqh)));
    __m512 xvh = a5_mul(m.xc, V), xvl = _mm512_fmsub_ps(m.xc, V, xvh);
    __m512 b1 = a5_mul(xvh, m.s.d);
    __m512 b1l =
        _mm512_fmadd_ps(xvh, m.s.dl, _mm512_fmadd_ps(xvl, m.s.d, _mm512_fmsub_ps(xvh, m.s.d, b1)));
    __m512 bh = a5_mul(b1, A5(4.0f)), bl = a5_mul(b1l, A5(4.0f));
    __m512 Ml, Mh = a5_two_sum(uqh, bh, &Ml);
    Ml = _mm512_add_ps(_mm512_add_ps(Ml, uql), bl);
    __m512 g = a5_mul(a5_div_corr2(Mh, Ml, Dh, Dl), dy);
    g = _mm512_mask_scalef_ps(g, m.neg, g, m.s.n);
    /* |x - x0| <= 0.2 (one compare into a mask): f' = (dh + dl) P(dh) with
       d = x - x0 = dh + dl (dh exact: Sterbenz), P = c0 + d R(d), c0 as
       head + tail, one significant rounding: dh c0h + (dh (R dh + c0l) + dl c0h) */
    __mmask16 win = a5_le(a5_abs(_mm512_add_ps(x, A5(1.19243f))), A5(0.2f));
    __m512 dh = _mm512_sub_ps(x, A5(X0_HI));
    __m512 r = A5(M_C6);
    r = _mm512_fmadd_ps(r, dh, A5(M_C5));
    r = _mm512_fmadd_ps(r, dh, A5(M_C4));
    r = _mm512_fmadd_ps(r, dh, A5(M_C3));
    r = _mm512_fmadd_ps(r, dh, A5(M_C2));
    r = _mm512_fmadd_ps(r, dh, A5(M_C1));
    g = _mm512_mask_mul_ps(g, win, a5_root_poly(dh, r, M_C0H, M_C0L, X0_LO), dy);
    return g;
}
ACT512_FWD(mish_fwd, mish_c, mish_init, mish_f, ACT_CACHED)
ACT512_BWD(mish_bwd, mish_c, mish_init, mish_b, ACT_MIXED)
ACT512_DEFINE(mish, mish_fwd, mish_bwd, NULL, NULL)
