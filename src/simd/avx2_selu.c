/*
 * avx2_selu.c - selu, AVX2 (see avx512_selu.c): lambda and lambda alpha as
 * float head + tail, e^x - 1 through a2_expm1_rr1 (no table), e^x scaled after
 * lambda alpha and before dy (as elu).
 */
#include "simd/avx2_math.h"

#define LAM_H 0x1.0cfabep+0f   /* lambda = 1.0507009873554804934, head */
#define LAM_L -0x1.2adddap-25f /* lambda - head */
#define LA_H 0x1.c212ccp+0f    /* lambda alpha = 1.7580993408473766 (the double product), head */
#define LA_L 0x1.903c0cp-26f   /* lambda alpha - head */

typedef struct {
    int unused;
} selu_c;
static inline void selu_init(selu_c *c, const double *p) {
    (void)p;
    c->unused = 0;
}
ACT_INLINE __m256 selu_f(__m256 x, const selu_c *c) {
    (void)c;
    __m256 em = a2_expm1_rr1(_mm256_max_ps(A2(-20.0f), _mm256_min_ps(_mm256_setzero_ps(), x)));
    __m256 f = _mm256_fmadd_ps(A2(LA_H), em, a2_mul(A2(LA_L), em));
    /* lambda x = fma(head, x, tail x); the tail term is 0 at x = +-inf (not inf - inf) */
    __m256 g = _mm256_fmadd_ps(A2(LAM_H), x, _mm256_andnot_ps(a2_isinf(x), a2_mul(A2(LAM_L), x)));
    return a2_sel(a2_gt(x, _mm256_setzero_ps()), g, f);
}
ACT_INLINE __m256 selu_b(__m256 x, __m256 dy, const selu_c *c) {
    (void)c;
    __m256i k;
    __m256 p = a2_exp_lut0(_mm256_max_ps(A2(-170.0f), _mm256_min_ps(_mm256_setzero_ps(), x)), &k);
    __m256 ap = _mm256_fmadd_ps(A2(LA_H), p, a2_mul(A2(LA_L), p));
    __m256 d = a2_mul(a2_ldexpi(ap, k), dy);
    __m256 g =
        _mm256_fmadd_ps(A2(LAM_H), dy, _mm256_andnot_ps(a2_isinf(dy), a2_mul(A2(LAM_L), dy)));
    return a2_sel(a2_gt(x, _mm256_setzero_ps()), g, d);
}
ACT_INLINE __m256 selu_by(__m256 y, __m256 dy, const selu_c *c) {
    (void)c;
    __m256 d = _mm256_add_ps(_mm256_add_ps(y, A2(LA_H)), A2(LA_L));
    __m256 g =
        _mm256_fmadd_ps(A2(LAM_H), dy, _mm256_andnot_ps(a2_isinf(dy), a2_mul(A2(LAM_L), dy)));
    return a2_sel(a2_gt(y, _mm256_setzero_ps()), g, a2_mul(d, dy));
}
ACT256_FWD(selu_fwd, selu_c, selu_init, selu_f, ACT_CACHED)
ACT256_BWD(selu_bwd, selu_c, selu_init, selu_b, ACT_CACHED)
ACT256_BWD(selu_bwdy, selu_c, selu_init, selu_by, ACT_MIXED)
ACT256_DEFINE(selu, selu_fwd, selu_bwd, selu_bwdy, NULL)
