/*
 * avx2_hardswish.c - hardswish x relu6(x + 3)/6, AVX2 (see avx512_hardswish.c):
 * max(x, -3) (clamp(x, -3, 3) + 3)/6 with x + 3 exact near -3; f' = (2x + 3)/6 with
 * 2x + 3 as head + tail between the knees.
 */
#include "simd/avx2_math.h"

#define C6H 0x1.555556p-3f   /* 1/6 rounded to float */
#define C6L -0x1.555556p-28f /* 1/6 - C6H */

typedef struct {
    int unused;
} hsw_c;
ACT_INLINE void hsw_init(hsw_c *c, const double *p) {
    (void)p;
    c->unused = 0;
}
ACT_INLINE __m256 hsw_div6(__m256 h, __m256 l) {
    return _mm256_fmadd_ps(h, A2(C6H), _mm256_fmadd_ps(h, A2(C6L), a2_mul(l, A2(C6H))));
}
ACT_INLINE __m256 hsw_f(__m256 x, const hsw_c *c) {
    (void)c;
    __m256 a = _mm256_max_ps(A2(-3.0f), x); /* as avx512_hardswish.c */
    __m256 u = _mm256_add_ps(_mm256_min_ps(A2(3.0f), a), A2(3.0f));
    return a2_mul(a, _mm256_fmadd_ps(u, A2(C6H), _mm256_mul_ps(u, A2(C6L))));
}
ACT_INLINE __m256 hsw_b(__m256 x, __m256 dy, const hsw_c *c) {
    (void)c;
    __m256 x2 = _mm256_add_ps(x, x);
    __m256 v = _mm256_add_ps(x2, A2(3.0f));
    __m256 vl = _mm256_add_ps(_mm256_sub_ps(A2(3.0f), v), x2);
    __m256 d = hsw_div6(v, vl);
    d = a2_sel(a2_le(x, A2(-3.0f)), _mm256_setzero_ps(), d);
    d = a2_sel(a2_ge(x, A2(3.0f)), A2(1.0f), d);
    return a2_mul(dy, d);
}
ACT256_FWD(hsw_fwd, hsw_c, hsw_init, hsw_f, ACT_MIXED)
ACT256_BWD(hsw_bwd, hsw_c, hsw_init, hsw_b, ACT_MIXED)
ACT256_DEFINE(hardswish, hsw_fwd, hsw_bwd, NULL, NULL)
