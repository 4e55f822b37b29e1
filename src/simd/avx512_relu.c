/*
 * avx512_relu.c - relu (Caffe's negative_slope), AVX-512.
 *   f = x > 0 ? x : slope x;  slope 0: max(0, x) keeping -0 (vmaxps(0, x)
 *   returns its second operand for a NaN or a zero x: NaN and -0 pass).
 *   f' = x > 0 ? 1 : slope (slope at 0), dx = dy f'.
 * Slopes whose float rounding is not a normal float run scalar (accepts).
 */
#include "simd/avx512_math.h"

typedef struct {
    __m512 s;
} relu_c;
ACT_INLINE void relu_init(relu_c *c, const double *p) { c->s = A5((float)p[0]); }

ACT_INLINE __m512 relu0_f(__m512 x, const relu_c *c) {
    (void)c;
    return _mm512_max_ps(_mm512_setzero_ps(), x);
}
ACT_INLINE __m512 relus_f(__m512 x, const relu_c *c) {
    /* not x > 0 (NaN included: NaN * s is NaN) */
    return _mm512_mask_mul_ps(x, _mm512_cmp_ps_mask(x, _mm512_setzero_ps(), _CMP_NGT_UQ), x, c->s);
}
ACT_INLINE __m512 relu_b(__m512 x, __m512 dy, const relu_c *c) {
    __m512 r =
        _mm512_mask_mul_ps(dy, _mm512_cmp_ps_mask(x, _mm512_setzero_ps(), _CMP_NGT_UQ), dy, c->s);
    return a5_nan_from(r, x);
}
ACT512_FWD(relu0_fwd, relu_c, relu_init, relu0_f, ACT_MIXED)
ACT512_FWD(relus_fwd, relu_c, relu_init, relus_f, ACT_MIXED)
ACT512_BWD(relu_bwd, relu_c, relu_init, relu_b, ACT_STREAM)

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
ACT512_DEFINE(relu, relu_fwd, relu_bwd, relu_bwd, relu_accepts)
