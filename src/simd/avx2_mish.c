/*
 * avx2_mish.c - mish x tanh(softplus(x)), AVX2: the algorithm of
 * avx512_mish.c (numerator and denominator as head + tail, one rounding in
 * the division, 2^k applied last by a2_ldexpi; one numerator for both signs
 * in the derivative, and a polynomial times x - x0 on |x - x0| <= 0.2).
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
/* U = Uh + Ul and q = qh + ql for both signs, q = b + a (b + w) and
   U = e0 + a' B' with fma tails (avx512_mish.c) */
typedef struct {
    a2_sig s;
    __m256 neg, xc, Uh, Ul, qh, ql;
} mish_t;
ACT_INLINE mish_t mish_pieces(__m256 x) {
    mish_t m;
    m.s = a2_sig_init0(x);
    m.neg = a2_le(x, _mm256_setzero_ps());
    m.xc = _mm256_max_ps(A2(-170.0f), _mm256_min_ps(A2(170.0f), x));
    __m256 p = m.s.p, w = m.s.e;
    __m256 b = a2_sel(m.neg, A2(2.0f), A2(1.0f));
    __m256 Bh = _mm256_add_ps(b, w);
    __m256 Bl = _mm256_sub_ps(w, _mm256_sub_ps(Bh, b));
    __m256 aq = a2_sel(m.neg, w, _mm256_add_ps(w, w));
    m.qh = _mm256_fmadd_ps(aq, Bh, b);
    m.ql = _mm256_fmadd_ps(aq, Bl, _mm256_fmadd_ps(aq, Bh, _mm256_sub_ps(b, m.qh)));
    __m256 au = a2_sel(m.neg, p, A2(2.0f));
    __m256 Bu = a2_sel(m.neg, Bh, w);
    __m256 e0 = _mm256_andnot_ps(m.neg, A2(1.0f));
    __m256 Blu = _mm256_and_ps(m.neg, Bl);
    m.Uh = _mm256_fmadd_ps(au, Bu, e0);
    m.Ul = _mm256_fmadd_ps(au, Blu, _mm256_fmadd_ps(au, Bu, _mm256_sub_ps(e0, m.Uh)));
    return m;
}
ACT_INLINE __m256 mish_f(__m256 x0, const mish_c *c) {
    (void)c;
    __m256 tn = a2_tiny(x0), x = a2_untiny(x0, tn);
    mish_t m = mish_pieces(x);
    __m256 xh = a2_mul(m.xc, m.Uh);
    __m256 xl = _mm256_fmadd_ps(m.xc, m.Ul, _mm256_fmsub_ps(m.xc, m.Uh, xh));
    __m256 f = a2_div_corr2(xh, xl, m.qh, m.ql);
    f = a2_sel(m.neg, a2_ldexpi(f, m.s.n), f);
    return a2_retiny(a2_sel(a2_gt(x, A2(100.0f)), x, f), tn, x0,
                     0.6f); /* f'(0) = tanh(ln 2) = 3/5 */
}
ACT_INLINE __m256 mish_b(__m256 x, __m256 dy, const mish_c *c) {
    (void)c;
    mish_t m = mish_pieces(x);
    __m256 Dh = a2_mul(m.qh, m.qh);
    __m256 Dl = _mm256_fmadd_ps(_mm256_add_ps(m.qh, m.qh), m.ql, _mm256_fmsub_ps(m.qh, m.qh, Dh));
    /* one numerator for both signs, U q + 4 x V (d + dl) (avx512_mish.c) */
    __m256 V = a2_sel(m.neg, m.s.p, a2_mul(m.s.e, m.s.e));
    __m256 uqh = a2_mul(m.Uh, m.qh);
    __m256 uql =
        _mm256_fmadd_ps(m.Uh, m.ql, _mm256_fmadd_ps(m.Ul, m.qh, _mm256_fmsub_ps(m.Uh, m.qh, uqh)));
    __m256 xvh = a2_mul(m.xc, V), xvl = _mm256_fmsub_ps(m.xc, V, xvh);
    __m256 b1 = a2_mul(xvh, m.s.d);
    __m256 b1l =
        _mm256_fmadd_ps(xvh, m.s.dl, _mm256_fmadd_ps(xvl, m.s.d, _mm256_fmsub_ps(xvh, m.s.d, b1)));
    __m256 bh = a2_mul(b1, A2(4.0f)), bl = a2_mul(b1l, A2(4.0f));
    __m256 Ml, Mh = a2_two_sum(uqh, bh, &Ml);
    Ml = _mm256_add_ps(_mm256_add_ps(Ml, uql), bl);
    __m256 g = a2_mul(a2_div_corr2(Mh, Ml, Dh, Dl), dy);
    g = a2_sel(m.neg, a2_ldexpi(g, m.s.n), g);
    /* |x - x0| <= 0.2: (dh + dl) P(dh) as in avx512_mish.c */
    __m256 win = a2_le(a2_abs(_mm256_add_ps(x, A2(1.19243f))), A2(0.2f));
    __m256 dh = _mm256_sub_ps(x, A2(X0_HI));
    __m256 r = A2(M_C6);
    r = _mm256_fmadd_ps(r, dh, A2(M_C5));
    r = _mm256_fmadd_ps(r, dh, A2(M_C4));
    r = _mm256_fmadd_ps(r, dh, A2(M_C3));
    r = _mm256_fmadd_ps(r, dh, A2(M_C2));
    r = _mm256_fmadd_ps(r, dh, A2(M_C1));
    g = a2_sel(win, a2_mul(a2_root_poly(dh, r, M_C0H, M_C0L, X0_LO), dy), g);
    return g;
}
ACT256_FWD(mish_fwd, mish_c, mish_init, mish_f, ACT_CACHED)
ACT256_BWD(mish_bwd, mish_c, mish_init, mish_b, ACT_MIXED)
ACT256_DEFINE(mish, mish_fwd, mish_bwd, NULL, NULL)
