/*
 * avx512_mish.c - mish x tanh(softplus(x)), AVX-512.
 * With w = e^x = p 2^k for both signs (x clamped at 12, beyond which
 * f = x and f' = 1 in float, so w stays below 2^18):
 *   f = x n/(n + 2) = 2^k x U/q,  n = w (w + 2) = 2^k U,  U = p (w + 2),
 *   q = n + 2,
 * numerator and denominator each carried as head + tail (fma products,
 * Fast2Sum) and one rounding in the division (a5_div_corr2); the numerator
 * stays in the mantissa and 2^k is applied last: mish is a normal float
 * down to x = -92 where e^x is not. For x > 0 the scalar kernel divides
 * through by e^2x (fn_mish.c); here the same expressions as for x <= 0 serve
 * both signs, their sensitivity to w's error being the function's own
 * condition number either way. Until the thirteenth session x > 0 used
 * w = e^-x, and U and q were formed from per-lane constants and blends:
 * 1.09x slower forward and backward (AVX2 1.32x / 1.10x).
 *   f' = n/q + 4 x w (1 + w)/q^2 = 2^k (U q + 4 x p (1 + w))/q^2, with
 *        every term as head + tail: the two terms cancel near the zero
 *        x0 = -1.19243 of f' (within 1.8 ULP from 0.16 of it on, 2.5 from
 *        0.08, 4 from 0.04); all are positive for x > 0. 2^k goes on before
 *        dy down to 2^-126 (f' normal: x above -87.3) and the rest after
 *        it, so neither a tiny dy (x > 0) nor a tiny f' (x < -87.3) loses
 *        bits and a large dy does not overflow;
 *      = d P(d) for |d| <= 0.2, d = x - x0 (x0 as head + tail), P a
 *        degree-6 fit of f'(x)/d with c0 as head + tail (2^-29.8,
 *        mish_coef.h): 0.6 ULP there. Until the eighth session this was
 *        eight degree-5 fits on [-3, -0.5] picked by vpermps, 2 ULP near
 *        x0 (their c0 a float) and 1.02x slower.
 * x is clamped at -200 where it multiplies: mish(-inf) = -0,
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

/* the pieces both directions share, one set of operations for both signs:
   w = e^xe = p 2^k with xe = min(x, 12) (x clamped at -200 first; above 12
   f = x and f' = 1 in float), n = w (w + 2), q = n + 2 = 2 + w (2 + w),
   U = p (2 + w) (2^k U = n), so f = 2^k x U/q. 2 + w = Bh + Bl by Fast2Sum
   (exact for every w >= 0 here: Bh - 2 and w - (Bh - 2) are both exact),
   q = qh + ql by an fma and a tail fma on 2 - qh (exact while qh < 2^24,
   i.e. x < 8.3; beyond, 2/q is below 2^-24 of f), U = Uh + Ul by a product
   and its fmsub. For x > 0 the same expressions as x <= 0, not the
   e^-x form of fn_mish.c: the per-lane constants and blends of the twelfth
   session's pieces are gone. */
typedef struct {
    __m512 p, n, w, xc, Bh, Bl, Uh, Ul, qh, ql;
} mish_t;
/* mish_exp, the exponential (w = p 2^n; the forward's first pass, as
   ACT512_FWD_2PASS), and mish_pieces_pn, the rest from x, p and n.
   plain: the backward's ordinary blocks (mish_ok: every 2^-60 <= |x| <=
   12), where no clamp bites and no product underflows: vmulps for a5_mul
   (the products with dy keep the fma: dy may be subnormal), 1.03-1.09x */
ACT_INLINE __m512 mish_exp(__m512 x, int plain, __m512 *n) {
    __m512 xc = plain ? x : _mm512_max_ps(A5(-200.0f), x);    /* NaN passes */
    __m512 xe = plain ? x : _mm512_min_ps(A5(MISH_XMAX), xc); /* NaN passes */
    return a5_exp_lut_core(xe, xe, 0, plain, n);
}
ACT_INLINE mish_t mish_pieces_pn(__m512 x, __m512 p, __m512 n, int plain) {
    mish_t m;
    m.xc = plain ? x : _mm512_max_ps(A5(-200.0f), x); /* NaN passes */
    m.p = p;
    m.n = n;
    m.w = _mm512_scalef_ps(m.p, m.n);
    m.Bh = _mm512_add_ps(A5(2.0f), m.w);
    m.Bl = _mm512_sub_ps(m.w, _mm512_sub_ps(m.Bh, A5(2.0f)));
    m.qh = _mm512_fmadd_ps(m.w, m.Bh, A5(2.0f));
    m.ql = _mm512_fmadd_ps(m.w, m.Bl, _mm512_fmadd_ps(m.w, m.Bh, _mm512_sub_ps(A5(2.0f), m.qh)));
    m.Uh = a5_mulp(m.p, m.Bh, plain);
    m.Ul = _mm512_fmadd_ps(m.p, m.Bl, _mm512_fmsub_ps(m.p, m.Bh, m.Uh));
    return m;
}
ACT_INLINE mish_t mish_pieces(__m512 x, int plain) {
    __m512 n, p = mish_exp(x, plain, &n);
    return mish_pieces_pn(x, p, n, plain);
}
ACT_INLINE __m512 mish_bk(__m512 x, __m512 dy, int plain) {
    mish_t m = mish_pieces(x, plain);
    __m512 Dh = a5_mulp(m.qh, m.qh, plain);
    __m512 Dl = _mm512_fmadd_ps(_mm512_add_ps(m.qh, m.qh), m.ql, _mm512_fmsub_ps(m.qh, m.qh, Dh));
    /* f' = 2^k M/D, M = U q + 4 x p (1 + w) as head + tail, D = q^2; the
       two terms of M cancel near the zero of f' (x <= 0), all are positive
       for x > 0. 1 + w = d + dl exactly (Fast2Sum, as 2 + w above). */
    __m512 d = _mm512_add_ps(A5(1.0f), m.w);
    __m512 dl = _mm512_add_ps(_mm512_sub_ps(A5(1.0f), d), m.w);
    __m512 uqh = a5_mulp(m.Uh, m.qh, plain);
    __m512 uql =
        _mm512_fmadd_ps(m.Uh, m.ql, _mm512_fmadd_ps(m.Ul, m.qh, _mm512_fmsub_ps(m.Uh, m.qh, uqh)));
    __m512 xvh = a5_mulp(m.xc, m.p, plain), xvl = _mm512_fmsub_ps(m.xc, m.p, xvh);
    __m512 b1 = a5_mulp(xvh, d, plain);
    __m512 b1l = _mm512_fmadd_ps(xvh, dl, _mm512_fmadd_ps(xvl, d, _mm512_fmsub_ps(xvh, d, b1)));
    __m512 bh = a5_mulp(b1, A5(4.0f), plain), bl = a5_mul(b1l, A5(4.0f));
    __m512 Ml, Mh = a5_two_sum(uqh, bh, &Ml);
    Ml = _mm512_add_ps(_mm512_add_ps(Ml, uql), bl);
    /* 2^k goes on before dy down to 2^-126 (f' = 2^k M/D is a normal float
       there, x above -87.3: exact, and f' dy is rounded once; x > 0: M/D is
       about 2^-k and f' about 1, so a tiny dy keeps its bits) and the rest
       after it (x below -87.3: f' itself may be far below FLT_MIN while f' dy
       is not; 2^-126 M/D dy does not overflow for a large dy, as M/D dy
       did). scalef floors k, and floor(k1) + floor(k - k1) = floor(k). */
    __m512 k1 = _mm512_max_ps(m.n, A5(-126.0f));
    __m512 r = _mm512_scalef_ps(a5_div_corr2p(Mh, Ml, Dh, Dl, plain), k1);
    __m512 g = _mm512_scalef_ps(a5_mul(r, dy), _mm512_sub_ps(m.n, k1));
    if (!plain) g = _mm512_mask_mov_ps(g, a5_gt(x, A5(MISH_XMAX)), dy); /* f' = 1 in float */
    /* |x - x0| <= 0.2 (one compare into a mask): f' = (dh + dl) P(dh) with
       d = x - x0 = dh + dl (dh exact: Sterbenz), P = c0 + d R(d), c0 as
       head + tail, one significant rounding: dh c0h + (dh (R dh + c0l) + dl c0h) */
    __mmask16 win = a5_le(a5_abs(_mm512_add_ps(x, A5(1.19243f))), A5(0.2f));
    __m512 dh = _mm512_sub_ps(x, A5(X0_HI));
    __m512 rr = A5(M_C6);
    rr = _mm512_fmadd_ps(rr, dh, A5(M_C5));
    rr = _mm512_fmadd_ps(rr, dh, A5(M_C4));
    rr = _mm512_fmadd_ps(rr, dh, A5(M_C3));
    rr = _mm512_fmadd_ps(rr, dh, A5(M_C2));
    rr = _mm512_fmadd_ps(rr, dh, A5(M_C1));
    g = _mm512_mask_mul_ps(g, win, a5_root_poly(dh, rr, M_C0H, M_C0L, X0_LO), dy);
    return g;
}
/* the forward has no split: its ordinary blocks ran no faster (0.94-0.99x) */
ACT_INLINE __m512 mish_f_pn(__m512 x, __m512 p, __m512 n) {
    mish_t m = mish_pieces_pn(x, p, n, 0);
    __m512 xh = a5_mul(m.xc, m.Uh);
    __m512 xl = _mm512_fmadd_ps(m.xc, m.Ul, _mm512_fmsub_ps(m.xc, m.Uh, xh));
    __m512 f = _mm512_scalef_ps(a5_div_corr2(xh, xl, m.qh, m.ql), m.n);
    return _mm512_mask_mov_ps(f, a5_gt(x, A5(MISH_XMAX)), x); /* f = x in float (inf too) */
}
ACT_INLINE __m512 mish_f(__m512 x, const mish_c *c) {
    (void)c;
    __m512 n, p = mish_exp(x, 0, &n);
    return mish_f_pn(x, p, n);
}
/* in two passes (ACT512_FWD_2PASS): p and n, then the rest; 1.1-1.3x at
   4 Ki and 256 Ki (bench/ab.c, medians of six runs 1.11-1.28x), 1.22x at
   16 Mi with mixed stores; the backward the same way ran 0.80-0.92x */
ACT_INLINE void mish_s1(__m512 x, float *b, size_t j) {
    __m512 n, p = mish_exp(x, 0, &n);
    _mm512_store_ps(b + j, p);
    _mm512_store_ps(b + ACT512_2P_BLOCK + j, n);
}
ACT_INLINE __m512 mish_s2(__m512 x, const float *b, size_t j) {
    return mish_f_pn(x, _mm512_load_ps(b + j), _mm512_load_ps(b + ACT512_2P_BLOCK + j));
}
ACT_INLINE __m512 mish_b(__m512 x, __m512 dy, const mish_c *c) {
    (void)c;
    return mish_bk(x, dy, 0);
}
ACT_INLINE __m512 mish_bn(__m512 x, __m512 dy, const mish_c *c) {
    (void)c;
    return mish_bk(x, dy, 1);
}
static inline int mish_ok(const double *p, const float *x, size_t m) {
    (void)p;
    return a5_block_abs_in(x, m, 0x1p-60f, MISH_XMAX);
}
ACT512_FWD8(mish_fwd_loop, mish_c, mish_init, mish_f, ACT_MIXED)
ACT512_FWD_2PASS(mish_fwd, mish_fwd_loop, 2, mish_s1, mish_s2, 1, ACT_MIXED)
ACT512_BWD_SPLIT(mish_bwd, mish_c, mish_init, mish_bn, mish_b, mish_ok, 0, ACT_CACHED)
ACT512_DEFINE(mish, mish_fwd, mish_bwd, NULL, NULL)
