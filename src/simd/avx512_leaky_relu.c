/*
 * avx512_leaky_relu.c - leaky_relu, AVX-512.
 *   f = x > 0 ? x : slope x   (slope 0 gives -0 for x < 0 and NaN at -inf, as
 *   the scalar kernel's slope * x);   f' = x > 0 ? 1 : slope, dx = dy f'.
 * Slopes whose float rounding is not a normal float (or 0) run scalar.
 */
#include "simd/avx512_math.h"

typedef struct {
    __m512 s;
} lrelu_c;
ACT_INLINE void lrelu_init(lrelu_c *c, const double *p) { c->s = A5((float)p[0]); }

ACT_INLINE __m512 lrelu_f(__m512 x, const lrelu_c *c) {
    return _mm512_mask_mul_ps(x, _mm512_cmp_ps_mask(x, _mm512_setzero_ps(), _CMP_NGT_UQ), x, c->s);
}
ACT_INLINE __m512 lrelu_b(__m512 x, __m512 dy, const lrelu_c *c) {
    __m512 r =
        _mm512_mask_mul_ps(dy, _mm512_cmp_ps_mask(x, _mm512_setzero_ps(), _CMP_NGT_UQ), dy, c->s);
    return a5_nan_from(r, x);
}
ACT512_FWD(lrelu_fwd, lrelu_c, lrelu_init, lrelu_f, ACT_MIXED)
ACT512_BWD(lrelu_bwd, lrelu_c, lrelu_init, lrelu_b, ACT_STREAM)

static int lrelu_accepts(const double *p) {
    return p[0] == 0 || (fabs(p[0]) >= FLT_MIN && fabs(p[0]) <= FLT_MAX);
}
/* from y: y > 0 exactly when x > 0 (slope >= 0, checked by the catalog) */
ACT512_DEFINE(leaky_relu, lrelu_fwd, lrelu_bwd, lrelu_bwd, lrelu_accepts)
