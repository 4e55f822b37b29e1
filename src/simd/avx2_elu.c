/*
 * avx2_elu.c - elu, AVX2 (see avx512_elu.c): alpha (e^x - 1) through
 * a2_expm1_rr1 (no table) with alpha as head + tail, alpha = 1 without the
 * product, alpha e^x = (alpha p) 2^k scaled by 2^k before the product with dy
 * (after it, p dy overflowed for |dy| near FLT_MAX where f' dy is finite).
 */
#include "simd/avx2_math.h"

typedef struct {
    __m256 ah, al;
} elu_c;
static inline void elu_init(elu_c *c, const double *p) {
    float h, l;
    act_split(p[0], &h, &l);
    c->ah = A2(h);
    c->al = A2(l);
}
/* e^-|x| - 1: e^x - 1 for x <= 0, below x for x > 0 (NaN passes) */
ACT_INLINE __m256 elu_em(__m256 x) {
    return a2_expm1_rr1(_mm256_max_ps(A2(-20.0f), _mm256_or_ps(x, A2(-0.0f))));
}
ACT_INLINE __m256 elu_f(__m256 x, const elu_c *c) {
    __m256 em = elu_em(x);
    __m256 f = _mm256_fmadd_ps(c->ah, em, a2_mul(c->al, em));
    return a2_sel(a2_gt(x, _mm256_setzero_ps()), x, f);
}
/* alpha = 1: max(em, x) selects (see avx512_elu.c) */
ACT_INLINE __m256 elu_f1(__m256 x, const elu_c *c) {
    (void)c;
    return _mm256_max_ps(elu_em(x), x);
}
ACT_INLINE __m256 elu_b(__m256 x, __m256 dy, const elu_c *c) {
    __m256i k;
    __m256 p = a2_exp_lut0(_mm256_max_ps(A2(-170.0f), _mm256_min_ps(_mm256_setzero_ps(), x)), &k);
    __m256 ap = _mm256_fmadd_ps(c->ah, p, a2_mul(c->al, p));
    __m256 d = a2_mul(a2_ldexpi(ap, k), dy);
    return a2_sel(a2_gt(x, _mm256_setzero_ps()), dy, d);
}
ACT_INLINE __m256 elu_by(__m256 y, __m256 dy, const elu_c *c) {
    __m256 d = _mm256_add_ps(_mm256_add_ps(y, c->ah), c->al);
    return a2_sel(a2_gt(y, _mm256_setzero_ps()), dy, a2_mul(d, dy));
}
ACT256_FWD(elu_fwd_a, elu_c, elu_init, elu_f, ACT_MIXED)
ACT256_FWD(elu_fwd_1, elu_c, elu_init, elu_f1, ACT_MIXED)
static void elu_fwd(const double *p, size_t n, const float *x, float *y) {
    (p[0] == 1.0 ? elu_fwd_1 : elu_fwd_a)(p, n, x, y);
}
ACT256_BWD(elu_bwd, elu_c, elu_init, elu_b, ACT_CACHED)
ACT256_BWD(elu_bwdy, elu_c, elu_init, elu_by, ACT_MIXED)

static int elu_accepts(const double *p) {
    return p[0] == 0 || (fabs(p[0]) >= 0x1p-100 && fabs(p[0]) <= 0x1p100);
}
ACT256_DEFINE(elu, elu_fwd, elu_bwd, elu_bwdy, elu_accepts)
