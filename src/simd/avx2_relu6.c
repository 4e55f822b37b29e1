/*
 * avx2_relu6.c - relu6, AVX2 (see avx512_relu6.c).
 *   f = min(6, max(0, x)), NaN and -0 pass; f' = 1 on (0, 6), else 0, dx = dy f'.
 */
#include "simd/avx2_math.h"

typedef struct {
    int unused;
} relu6_c;
ACT_INLINE void relu6_init(relu6_c *c, const double *p) {
    (void)p;
    c->unused = 0;
}
ACT_INLINE __m256 relu6_f(__m256 x, const relu6_c *c) {
    (void)c;
    return _mm256_min_ps(A2(6.0f), _mm256_max_ps(_mm256_setzero_ps(), x));
}
ACT_INLINE __m256 relu6_b(__m256 a, __m256 dy, const relu6_c *c) {
    (void)c;
    __m256 in = _mm256_and_ps(a2_gt(a, _mm256_setzero_ps()), a2_lt(a, A2(6.0f)));
    return a2_nan_from(a2_mul(dy, _mm256_and_ps(in, A2(1.0f))), a);
}
ACT256_FWD(relu6_fwd, relu6_c, relu6_init, relu6_f, ACT_MIXED)
ACT256_BWD(relu6_bwd, relu6_c, relu6_init, relu6_b, ACT_MIXED)
ACT256_DEFINE(relu6, relu6_fwd, relu6_bwd, relu6_bwd, NULL)
