/*
 * avx2_celu.c - celu, AVX2 (see avx512_celu.c): z = x/alpha as head + tail,
 * alpha (e^z - 1) with alpha as head + tail; e^z - 1 through a2_expm1_rr1
 * (no table) for alpha = 1, a2_expm1_lut with the tail otherwise.
 */
#include "simd/avx2_math.h"

typedef struct {
    __m256 ah, al, ih, il;
    __m256 xs;     /* f = x for x > xs = -alpha 2^-25 */
    __m256 jh, jl; /* 1/alpha for celu_by: head toward 0, tail of its sign, never 0 */
} celu_c;
static inline void celu_init(celu_c *c, const double *p) {
    float h, l;
    act_split(p[0], &h, &l);
    c->ah = A2(h);
    c->al = A2(l);
    act_split(1.0 / p[0], &h, &l);
    c->ih = A2(h);
    c->il = A2(l);
    c->xs = A2((float)(-p[0] * 0x1p-25)); /* f = x above it: avx512_celu.c */
    act_split_inward(1.0 / p[0], &h, &l);
    c->jh = A2(h);
    c->jl = A2(l);
}
ACT_INLINE __m256 celu_z(__m256 x, const celu_c *c, int one, __m256 *zl) {
    if (one) {
        *zl = _mm256_setzero_ps();
        return x;
    }
    __m256 zh = a2_mul(x, c->ih);
    __m256 l = _mm256_fmadd_ps(x, c->il, _mm256_fmsub_ps(x, c->ih, zh));
    *zl = _mm256_max_ps(_mm256_min_ps(l, A2(0x1p-15f)), A2(-0x1p-15f));
    return zh;
}
ACT_INLINE __m256 celu_f(__m256 x, const celu_c *c, int one) {
    __m256 zl, z = celu_z(x, c, one, &zl);
    __m256 zc = _mm256_max_ps(A2(-20.0f), _mm256_min_ps(_mm256_setzero_ps(), z));
    __m256 em = one ? a2_expm1_rr1(zc) : a2_expm1_lut(zc, zl);
    __m256 f = _mm256_fmadd_ps(c->ah, em, a2_mul(c->al, em));
    return a2_sel(a2_gt(x, c->xs), x, f);
}
ACT_INLINE __m256 celu_b(__m256 x, __m256 dy, const celu_c *c, int one) {
    __m256 zl, z = celu_z(x, c, one, &zl);
    __m256 zc = _mm256_max_ps(A2(-170.0f), _mm256_min_ps(_mm256_setzero_ps(), z));
    __m256i k;
    __m256 p = one ? a2_exp_lut0(zc, &k) : a2_exp_lut(zc, zl, &k);
    __m256 d = a2_mul(a2_mul(p, a2_pow2i(k)), dy); /* e^z is the result: may flush */
    return a2_sel(a2_gt(x, _mm256_setzero_ps()), dy, d);
}
/* (y + alpha)/alpha, as avx512_celu.c: 0 at y = -alpha */
ACT_INLINE __m256 celu_by(__m256 y, __m256 dy, const celu_c *c) {
    __m256 s = _mm256_add_ps(_mm256_add_ps(y, c->ah), c->al);
    __m256 d = _mm256_fmadd_ps(s, c->jh, a2_mul(s, c->jl)); /* jh + jl: as avx512_celu.c */
    return a2_sel(a2_gt(y, _mm256_setzero_ps()), dy, a2_mul(d, dy));
}
ACT256_FWD_ONE(celu_fwd, celu_c, celu_init, celu_f, ACT_CACHED)
ACT256_BWD_ONE(celu_bwd, celu_c, celu_init, celu_b, ACT_MIXED)
ACT256_BWD(celu_bwdy, celu_c, celu_init, celu_by, ACT_MIXED)

static int celu_accepts(const double *p) { return p[0] >= 0x1p-100 && p[0] <= 0x1p100; }
ACT256_DEFINE(celu, celu_fwd, celu_bwd, celu_bwdy, celu_accepts)
