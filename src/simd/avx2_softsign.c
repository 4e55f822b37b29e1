/*
 * avx2_softsign.c - softsign x/(1 + |x|), AVX2 (see avx512_softsign.c):
 * f = sign(x) a/(1 + a) with a = |x| clamped at 2^30; f' = r r,
 * r = 1/(1 + |x|) with 1 + |x| exact as d + dl and one rounding.
 */
#include "simd/avx2_math.h"

typedef struct {
    int unused;
} ssgn_c;
static inline void ssgn_init(ssgn_c *c, const double *p) {
    (void)p;
    c->unused = 0;
}
ACT_INLINE __m256 ssgn_f(__m256 x, const ssgn_c *c) {
    (void)c;
    __m256 t = a2_tiny(x);
    __m256 a = _mm256_min_ps(A2(0x1p30f), a2_abs(a2_untiny(x, t)));
    return a2_retiny(a2_xorsign(_mm256_div_ps(a, _mm256_add_ps(A2(1.0f), a)), x), t, x, 1.0f);
}
ACT_INLINE __m256 ssgn_b(__m256 x, __m256 dy, const ssgn_c *c) {
    (void)c;
    __m256 a = a2_abs(x);
    __m256 d = _mm256_add_ps(A2(1.0f), a);
    __m256 big = _mm256_max_ps(a, A2(1.0f)), small = _mm256_min_ps(a, A2(1.0f));
    __m256 dl = _mm256_add_ps(_mm256_sub_ps(big, d), small);
    __m256 r = a2_div_corr(A2(1.0f), d, dl);
    r = _mm256_andnot_ps(a2_isinf(x), r);
    return a2_mul(a2_mul(r, dy), r);
}
ACT256_FWD(ssgn_fwd, ssgn_c, ssgn_init, ssgn_f, ACT_MIXED)
ACT256_BWD(ssgn_bwd, ssgn_c, ssgn_init, ssgn_b, ACT_MIXED)
ACT256_DEFINE(softsign, ssgn_fwd, ssgn_bwd, NULL, NULL)
