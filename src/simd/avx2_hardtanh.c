/*
 * avx2_hardtanh.c - hardtanh, clamp to [min_val, max_val], AVX2 (see
 * avx512_hardtanh.c): f = min(hi, max(lo, x)) with the bounds rounded to
 * float; f' = 1 strictly inside the double bounds (compared exactly through
 * act_f32_down/act_f32_up), 0 at them and outside; dx = dy f'.
 */
#include "simd/avx2_math.h"

typedef struct {
    __m256 lo, hi, lo_dn, hi_up;
} htanh_c;
ACT_INLINE void htanh_init(htanh_c *c, const double *p) {
    c->lo = A2((float)p[0]);
    c->hi = A2((float)p[1]);
    c->lo_dn = A2(act_f32_down(p[0]));
    c->hi_up = A2(act_f32_up(p[1]));
}
ACT_INLINE __m256 htanh_f(__m256 x, const htanh_c *c) {
    return _mm256_min_ps(c->hi, _mm256_max_ps(c->lo, x));
}
ACT_INLINE __m256 htanh_b(__m256 a, __m256 dy, const htanh_c *c) {
    __m256 in = _mm256_and_ps(a2_gt(a, c->lo_dn), a2_lt(a, c->hi_up));
    return a2_nan_from(a2_mul(dy, _mm256_and_ps(in, A2(1.0f))), a);
}
ACT256_FWD(htanh_fwd, htanh_c, htanh_init, htanh_f, ACT_MIXED)
ACT256_BWD(htanh_bwd, htanh_c, htanh_init, htanh_b, ACT_MIXED)
ACT256_DEFINE(hardtanh, htanh_fwd, htanh_bwd, htanh_bwd, NULL)
