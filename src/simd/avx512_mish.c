/*
 * avx512_mish.c - mish x tanh(softplus(x)), AVX-512.
 * With w = e^-|x| = p 2^k (the sigmoid pieces of avx512_math.h):
 *   f = x n/(n + 2),  n = w (w + 2)                    for x <= 0,
 *     = x (1 + 2w)/(1 + 2w + 2w^2)                     for x > 0 (fn_mish.c),
 * numerator and denominator each carried as head + tail (fma products,
 * Fast2Sum) and one rounding in the division (a5_div_corr2); for x <= 0 the
 * numerator stays in the mantissa, n = 2^k A, A = p (w + 2), and 2^k is
 * applied last: mish is a normal float down to x = -92 where e^x is not.
 *   f' = n/q + 4 x w (1 + w)/q^2 = 2^k (A q + 4 x p (1 + w))/q^2, q = n + 2,
 *        for x <= 0, with every term as head + tail: the two terms cancel
 *        near the zero x0 = -1.19243 of f' (within 1.8 ULP from 0.16 of it
 *        on, 4 ULP at 0.08);
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

/* the pieces both directions share: q = qh + ql; for x <= 0 also A = Ah + Al
   (n = 2^k A), for x > 0 N = Nh + Nl */
typedef struct {
    a5_sig s;
    __mmask16 neg;
    __m512 xc, Ah, Al, Nh, Nl, qh, ql;
} mish_t;
ACT_INLINE mish_t mish_pieces(__m512 x) {
    mish_t m;
    m.s = a5_sig_init0(x);
    m.neg = a5_le(x, _mm512_setzero_ps());
    m.xc = _mm512_max_ps(A5(-200.0f), _mm512_min_ps(A5(200.0f), x)); /* NaN passes */
    __m512 p = m.s.p, w = m.s.e;
    /* x <= 0: A = 2p + p w (Fast2Sum: 2p >= p w), n = 2^k A, q = 2 + n */
    __m512 pwh = a5_mul(p, w), pwl = _mm512_fmsub_ps(p, w, pwh);
    __m512 p2 = _mm512_add_ps(p, p);
    m.Ah = _mm512_add_ps(p2, pwh);
    m.Al = _mm512_add_ps(_mm512_add_ps(_mm512_sub_ps(p2, m.Ah), pwh), pwl);
    __m512 nh = _mm512_scalef_ps(m.Ah, m.s.n), nl = _mm512_scalef_ps(m.Al, m.s.n);
    __m512 qn = _mm512_add_ps(A5(2.0f), nh);
    __m512 big = _mm512_max_ps(A5(2.0f), nh), small = _mm512_min_ps(A5(2.0f), nh);
    __m512 qnl = _mm512_add_ps(_mm512_add_ps(_mm512_sub_ps(big, qn), small), nl);
    /* x > 0: N = 1 + 2w, q = N + 2w^2 (N >= 2w^2) */
    __m512 w2 = _mm512_add_ps(w, w);
    m.Nh = _mm512_add_ps(A5(1.0f), w2);
    __m512 bg = _mm512_max_ps(A5(1.0f), w2), sm = _mm512_min_ps(A5(1.0f), w2);
    m.Nl = _mm512_add_ps(_mm512_sub_ps(bg, m.Nh), sm);
    __m512 wwh = a5_mul(w2, w), wwl = _mm512_fmsub_ps(w2, w, wwh); /* 2w^2 */
    __m512 qp = _mm512_add_ps(m.Nh, wwh);
    __m512 qpl =
        _mm512_add_ps(_mm512_add_ps(_mm512_add_ps(_mm512_sub_ps(m.Nh, qp), wwh), m.Nl), wwl);
    m.qh = _mm512_mask_mov_ps(qp, m.neg, qn);
    m.ql = _mm512_mask_mov_ps(qpl, m.neg, qnl);
    return m;
}
ACT_INLINE __m512 mish_f(__m512 x, const mish_c *c) {
    (void)c;
    mish_t m = mish_pieces(x);
    __m512 uh = _mm512_mask_mov_ps(m.Nh, m.neg, m.Ah), ul = _mm512_mask_mov_ps(m.Nl, m.neg, m.Al);
    __m512 xh = a5_mul(m.xc, uh);
    __m512 xl = _mm512_fmadd_ps(m.xc, ul, _mm512_fmsub_ps(m.xc, uh, xh));
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
    __m512 Uh = _mm512_mask_mov_ps(m.Nh, m.neg, m.Ah), Ul = _mm512_mask_mov_ps(m.Nl, m.neg, m.Al);
    __m512 V = _mm512_mask_mov_ps(a5_mul(m.s.e, m.s.e), m.neg, m.s.p);
    __m512 uqh = a5_mul(Uh, m.qh);
    __m512 uql =
        _mm512_fmadd_ps(Uh, m.ql, _mm512_fmadd_ps(Ul, m.qh, _mm512_fmsub_ps(Uh, m.qh, uqh)));
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
    __m512 sm = _mm512_fmadd_ps(dh, _mm512_fmadd_ps(r, dh, A5(M_C0L)), A5(M_K));
    g = _mm512_mask_mul_ps(g, win, _mm512_fmadd_ps(dh, A5(M_C0H), sm), dy);
    return g;
}
ACT512_FWD(mish_fwd, mish_c, mish_init, mish_f, ACT_CACHED)
ACT512_BWD(mish_bwd, mish_c, mish_init, mish_b, ACT_MIXED)
ACT512_DEFINE(mish, mish_fwd, mish_bwd, NULL, NULL)
