/*
 * avx2_relu.c - relu (Caffe's negative_slope), AVX2.
 *   f = x > 0 ? x : slope x;  slope 0: max(0, x) keeping -0 (vmaxps(0, x)
 *   returns its second operand for a NaN or a zero x: NaN and -0 pass).
 *   f' = x > 0 ? 1 : slope (slope at 0), dx = dy f'.
 * Slopes whose float rounding is not a normal float run scalar (accepts).
 */
#include "simd/avx2_math.h"

typedef struct {
    __m256 s;
} relu_c;
ACT_INLINE void relu_init(relu_c *c, const double *p) { c->s = A2((float)p[0]); }

ACT_INLINE __m256 relu0_f(__m256 x, const relu_c *c) {
    (void)c;
    return _mm256_max_ps(_mm256_setzero_ps(), x);
}
ACT_INLINE __m256 relus_f(__m256 x, const relu_c *c) {
    /* not x > 0 (NaN included: NaN * s is NaN) */
    __m256 m = _mm256_cmp_ps(x, _mm256_setzero_ps(), _CMP_NGT_UQ);
    return a2_sel(m, a2_mul(x, c->s), x);
}
ACT_INLINE __m256 relu_b(__m256 x, __m256 dy, const relu_c *c) {
    __m256 m = _mm256_cmp_ps(x, _mm256_setzero_ps(), _CMP_NGT_UQ);
    return a2_nan_from(a2_sel(m, a2_mul(dy, c->s), dy), x);
}
ACT256_FWD(relu0_fwd, relu_c, relu_init, relu0_f, ACT_MIXED)
ACT256_FWD(relus_fwd, relu_c, relu_init, relus_f, ACT_MIXED)
ACT256_BWD(relu_bwd, relu_c, relu_init, relu_b, ACT_MIXED)

static void relu_fwd(const double *p, size_t n, const float *x, float *y) {
    if (p[0] == 0)
        relu0_fwd(p, n, x, y);
    else
        relus_fwd(p, n, x, y);
}
static int relu_accepts(const double *p) {
    return p[0] == 0 || (fabs(p[0]) >= FLT_MIN && fabs(p[0]) <= FLT_MAX);
}
/* from y: y > 0 exactly when x > 0 (the catalog requires slope >= 0) */
ACT256_DEFINE(relu, relu_fwd, relu_bwd, relu_bwd, relu_accepts)
