/*
 * avx2_mish.c - mish x tanh(softplus(x)), AVX2: the algorithm of
 * avx512_mish.c (numerator and denominator as head + tail, one rounding in
 * the division, 2^k applied last by a2_ldexpi; a piecewise polynomial times
 * x - x0 on [-3, -0.5] for the derivative, whose eight coefficient sets fit
 * one vpermps each).
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
typedef struct {
    a2_sig s;
    __m256 neg, xc, Ah, Al, Nh, Nl, qh, ql;
} mish_t;
ACT_INLINE mish_t mish_pieces(__m256 x) {
    mish_t m;
    m.s = a2_sig_init0(x);
    m.neg = a2_le(x, _mm256_setzero_ps());
    m.xc = _mm256_max_ps(A2(-170.0f), _mm256_min_ps(A2(170.0f), x));
    __m256 p = m.s.p, w = m.s.e;
    __m256 pwh = a2_mul(p, w), pwl = _mm256_fmsub_ps(p, w, pwh);
    __m256 p2 = _mm256_add_ps(p, p);
    m.Ah = _mm256_add_ps(p2, pwh);
    m.Al = _mm256_add_ps(_mm256_add_ps(_mm256_sub_ps(p2, m.Ah), pwh), pwl);
    __m256 nh = a2_ldexpi(m.Ah, m.s.n), nl = a2_ldexpi(m.Al, m.s.n);
    __m256 qn = _mm256_add_ps(A2(2.0f), nh);
    __m256 big = _mm256_max_ps(A2(2.0f), nh), small = _mm256_min_ps(A2(2.0f), nh);
    __m256 qnl = _mm256_add_ps(_mm256_add_ps(_mm256_sub_ps(big, qn), small), nl);
    __m256 w2 = _mm256_add_ps(w, w);
    m.Nh = _mm256_add_ps(A2(1.0f), w2);
    __m256 bg = _mm256_max_ps(A2(1.0f), w2), sm = _mm256_min_ps(A2(1.0f), w2);
    m.Nl = _mm256_add_ps(_mm256_sub_ps(bg, m.Nh), sm);
    __m256 wwh = a2_mul(w2, w), wwl = _mm256_fmsub_ps(w2, w, wwh);
    __m256 qp = _mm256_add_ps(m.Nh, wwh);
    __m256 qpl =
        _mm256_add_ps(_mm256_add_ps(_mm256_add_ps(_mm256_sub_ps(m.Nh, qp), wwh), m.Nl), wwl);
    m.qh = a2_sel(m.neg, qn, qp);
    m.ql = a2_sel(m.neg, qnl, qpl);
    return m;
}
ACT_INLINE __m256 mish_f(__m256 x0, const mish_c *c) {
    (void)c;
    __m256 tn = a2_tiny(x0), x = a2_untiny(x0, tn);
    mish_t m = mish_pieces(x);
    __m256 uh = a2_sel(m.neg, m.Ah, m.Nh), ul = a2_sel(m.neg, m.Al, m.Nl);
    __m256 xh = a2_mul(m.xc, uh);
    __m256 xl = _mm256_fmadd_ps(m.xc, ul, _mm256_fmsub_ps(m.xc, uh, xh));
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
    __m256 aqh = a2_mul(m.Ah, m.qh);
    __m256 aql =
        _mm256_fmadd_ps(m.Ah, m.ql, _mm256_fmadd_ps(m.Al, m.qh, _mm256_fmsub_ps(m.Ah, m.qh, aqh)));
    __m256 xph = a2_mul(m.xc, m.s.p), xpl = _mm256_fmsub_ps(m.xc, m.s.p, xph);
    __m256 b1 = a2_mul(xph, m.s.d);
    __m256 b1l =
        _mm256_fmadd_ps(xph, m.s.dl, _mm256_fmadd_ps(xpl, m.s.d, _mm256_fmsub_ps(xph, m.s.d, b1)));
    __m256 bh = a2_mul(b1, A2(4.0f)), bl = a2_mul(b1l, A2(4.0f));
    __m256 Ml, Mh = a2_two_sum(aqh, bh, &Ml);
    Ml = _mm256_add_ps(_mm256_add_ps(Ml, aql), bl);
    __m256 gneg = a2_ldexpi(a2_mul(a2_div_corr2(Mh, Ml, Dh, Dl), dy), m.s.n);
    __m256 w = m.s.e;
    __m256 nqh = a2_mul(m.Nh, m.qh);
    __m256 nql =
        _mm256_fmadd_ps(m.Nh, m.ql, _mm256_fmadd_ps(m.Nl, m.qh, _mm256_fmsub_ps(m.Nh, m.qh, nqh)));
    __m256 t2 = a2_mul(a2_mul(A2(4.0f), m.xc), a2_mul(a2_mul(w, w), m.s.d));
    __m256 mph = _mm256_add_ps(nqh, t2);
    __m256 mpl = _mm256_add_ps(_mm256_add_ps(_mm256_sub_ps(nqh, mph), t2), nql);
    __m256 gpos = a2_mul(a2_div_corr2(mph, mpl, Dh, Dl), dy);
    __m256 g = a2_sel(m.neg, gneg, gpos);
    __m256 win = _mm256_and_ps(a2_ge(x, A2(-3.0f)), a2_le(x, A2(-0.5f)));
    __m256 fi = _mm256_floor_ps(a2_mul(_mm256_add_ps(x, A2(3.0f)), A2(3.2f)));
    fi = _mm256_min_ps(_mm256_max_ps(fi, _mm256_setzero_ps()), A2(7.0f));
    __m256i i = _mm256_cvtps_epi32(fi);
    __m256 t = _mm256_sub_ps(x, _mm256_fmadd_ps(fi, A2(0.3125f), A2(-3.0f)));
    __m256 d = _mm256_sub_ps(_mm256_sub_ps(x, A2(X0_HI)), A2(X0_LO));
#define MC(tab) _mm256_permutevar8x32_ps(_mm256_loadu_ps(tab), i)
    __m256 r = MC(M_C5);
    r = _mm256_fmadd_ps(r, t, MC(M_C4));
    r = _mm256_fmadd_ps(r, t, MC(M_C3));
    r = _mm256_fmadd_ps(r, t, MC(M_C2));
    r = _mm256_fmadd_ps(r, t, MC(M_C1));
    r = _mm256_fmadd_ps(r, t, MC(M_C0));
#undef MC
    g = a2_sel(win, a2_mul(a2_mul(r, d), dy), g);
    return g;
}
ACT256_FWD(mish_fwd, mish_c, mish_init, mish_f, ACT_CACHED)
ACT256_BWD(mish_bwd, mish_c, mish_init, mish_b, ACT_MIXED)
ACT256_DEFINE(mish, mish_fwd, mish_bwd, NULL, NULL)
