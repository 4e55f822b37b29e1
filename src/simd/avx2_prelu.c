/*
 * avx2_prelu.c - prelu (fixed slope `init`), AVX2.
 *   f = x > 0 ? x : slope x   (slope 0 gives -0 for x < 0 and NaN at -inf, as
 *   the scalar kernel's slope * x);   f' = x > 0 ? 1 : slope, dx = dy f'.
 * Slopes whose float rounding is not a normal float (or 0) run scalar.
 */
#include "simd/avx2_math.h"

typedef struct {
    __m256 s;
} prelu_c;
ACT_INLINE void prelu_init(prelu_c *c, const double *p) { c->s = A2((float)p[0]); }

ACT_INLINE __m256 prelu_f(__m256 x, const prelu_c *c) {
    __m256 m = _mm256_cmp_ps(x, _mm256_setzero_ps(), _CMP_NGT_UQ);
    return a2_sel(m, a2_mul(x, c->s), x);
}
ACT_INLINE __m256 prelu_b(__m256 x, __m256 dy, const prelu_c *c) {
    __m256 m = _mm256_cmp_ps(x, _mm256_setzero_ps(), _CMP_NGT_UQ);
    return a2_nan_from(a2_sel(m, a2_mul(dy, c->s), dy), x);
}
/* two vectors an iteration: 1.09x at 4 Ki against four, the same at 256 Ki
   and 16 Mi (bench/ab.c) */
ACT256_FWD2(prelu_fwd, prelu_c, prelu_init, prelu_f, ACT_MIXED)
ACT256_BWD(prelu_bwd, prelu_c, prelu_init, prelu_b, ACT_MIXED)

static int prelu_accepts(const double *p) {
    return p[0] == 0 || (fabs(p[0]) >= FLT_MIN && fabs(p[0]) <= FLT_MAX);
}
/* from y: y > 0 exactly when x > 0 (slope >= 0, checked by the catalog) */
ACT256_DEFINE(prelu, prelu_fwd, prelu_bwd, prelu_bwd, prelu_accepts)
