/*
 * avx2_hard_sigmoid.c - hard_sigmoid clip(alpha x + beta, 0, 1), AVX2.
 * t = alpha x + beta in double with one fma, as the scalar kernel (see
 * avx512_hard_sigmoid.c for why); forward is bit-exact with it. f' = alpha
 * where 0 < t < 1, 0 elsewhere; lanes where t rounds to exactly 1 get the
 * exact sign test of fn_hard_sigmoid.c; backward compares x with the
 * interval [lo, hi] found once per call (hard_sigmoid_edges.h), with the
 * lane-by-lane decision in double as the fallback.
 */
#include "simd/avx2_math.h"
#include "simd/hard_sigmoid_edges.h"

typedef struct {
    __m256d a, b;
    __m256 af;
    double ad, bd;
    int interval;
    __m256 lo, hi;
} hsig_c;
ACT_INLINE void hsig_init(hsig_c *c, const double *p) {
    c->a = _mm256_set1_pd(p[0]);
    c->b = _mm256_set1_pd(p[1]);
    c->af = A2((float)p[0]);
    c->ad = p[0];
    c->bd = p[1];
    c->interval = 0;
}
/* backward's: also the interval (forward does not need it) */
ACT_INLINE void hsig_init_b(hsig_c *c, const double *p) {
    hsig_init(c, p);
    float lo = 0, hi = 0;
    c->interval = hsig_interval(p[0], p[1], &lo, &hi);
    c->lo = A2(lo);
    c->hi = A2(hi);
}
ACT_INLINE void hsig_t(__m256 x, const hsig_c *c, __m256d *tl, __m256d *th) {
    *tl = _mm256_fmadd_pd(c->a, _mm256_cvtps_pd(_mm256_castps256_ps128(x)), c->b);
    *th = _mm256_fmadd_pd(c->a, _mm256_cvtps_pd(_mm256_extractf128_ps(x, 1)), c->b);
}
ACT_INLINE __m256 hsig_f(__m256 x, const hsig_c *c) {
    __m256d tl, th;
    hsig_t(x, c, &tl, &th);
    __m256 t =
        _mm256_insertf128_ps(_mm256_castps128_ps256(_mm256_cvtpd_ps(tl)), _mm256_cvtpd_ps(th), 1);
    return _mm256_min_ps(A2(1.0f), _mm256_max_ps(_mm256_setzero_ps(), t));
}
ACT_INLINE __m256 hsig_b(__m256 x, __m256 dy, const hsig_c *c) {
    if (c->interval) {
        __m256 in =
            _mm256_and_ps(_mm256_cmp_ps(x, c->lo, _CMP_GE_OQ), _mm256_cmp_ps(x, c->hi, _CMP_LE_OQ));
        return a2_nan_from(a2_mul(dy, _mm256_and_ps(in, c->af)), x);
    }
    __m256d tl, th;
    hsig_t(x, c, &tl, &th);
    __m256d zero = _mm256_setzero_pd(), one = _mm256_set1_pd(1.0);
    __m256d inl =
        _mm256_and_pd(_mm256_cmp_pd(tl, zero, _CMP_GT_OQ), _mm256_cmp_pd(tl, one, _CMP_LT_OQ));
    __m256d inh =
        _mm256_and_pd(_mm256_cmp_pd(th, zero, _CMP_GT_OQ), _mm256_cmp_pd(th, one, _CMP_LT_OQ));
    int eq = _mm256_movemask_pd(_mm256_cmp_pd(tl, one, _CMP_EQ_OQ)) |
             (_mm256_movemask_pd(_mm256_cmp_pd(th, one, _CMP_EQ_OQ)) << 4);
    int inb = _mm256_movemask_pd(inl) | (_mm256_movemask_pd(inh) << 4);
    if (eq) { /* rare: t rounded to 1 exactly */
        float xs[8];
        _mm256_storeu_ps(xs, x);
        for (int i = 0; i < 8; i++)
            if (((eq >> i) & 1) && act_hard_sigmoid_sign_minus1(c->ad, (double)xs[i], c->bd) < 0)
                inb |= 1 << i;
    }
    /* lane mask from the 8 bits */
    __m256i bits =
        _mm256_and_si256(_mm256_set1_epi32(inb), _mm256_setr_epi32(1, 2, 4, 8, 16, 32, 64, 128));
    __m256 m = _mm256_castsi256_ps(_mm256_cmpeq_epi32(bits, _mm256_setzero_si256()));
    __m256 d = _mm256_andnot_ps(m, c->af);
    return a2_nan_from(a2_mul(dy, d), x);
}
ACT256_FWD(hsig_fwd, hsig_c, hsig_init, hsig_f, ACT_MIXED)
ACT256_BWD(hsig_bwd, hsig_c, hsig_init_b, hsig_b, ACT_MIXED)

static int hsig_accepts(const double *p) {
    return fabs(p[0]) >= FLT_MIN && fabs(p[0]) <= FLT_MAX && fabs(p[1]) <= FLT_MAX;
}
ACT256_DEFINE(hard_sigmoid, hsig_fwd, hsig_bwd, NULL, hsig_accepts)
