/*
 * avx512_prelu.c - prelu (fixed slope `init`), AVX-512.
 *   f = x > 0 ? x : slope x   (slope 0 gives -0 for x < 0 and NaN at -inf, as
 *   the scalar kernel's slope * x);   f' = x > 0 ? 1 : slope, dx = dy f'.
 * Slopes whose float rounding is not a normal float (or 0) run scalar.
 */
#include "simd/avx512_math.h"

typedef struct {
    __m512 s;
} prelu_c;
ACT_INLINE void prelu_init(prelu_c *c, const double *p) { c->s = A5((float)p[0]); }

ACT_INLINE __m512 prelu_f(__m512 x, const prelu_c *c) {
    return _mm512_mask_mul_ps(x, _mm512_cmp_ps_mask(x, _mm512_setzero_ps(), _CMP_NGT_UQ), x, c->s);
}
ACT_INLINE __m512 prelu_b(__m512 x, __m512 dy, const prelu_c *c) {
    __m512 r =
        _mm512_mask_mul_ps(dy, _mm512_cmp_ps_mask(x, _mm512_setzero_ps(), _CMP_NGT_UQ), dy, c->s);
    return a5_nan_from(r, x);
}
ACT512_FWD(prelu_fwd, prelu_c, prelu_init, prelu_f, ACT_MIXED)
ACT512_BWD(prelu_bwd, prelu_c, prelu_init, prelu_b, ACT_STREAM)

static int prelu_accepts(const double *p) {
    return p[0] == 0 || (fabs(p[0]) >= FLT_MIN && fabs(p[0]) <= FLT_MAX);
}
/* from y: y > 0 exactly when x > 0 (slope >= 0, checked by the catalog) */
ACT512_DEFINE(prelu, prelu_fwd, prelu_bwd, prelu_bwd, prelu_accepts)
