/*
 * avx2_sigmoid.c - sigmoid 1/(1 + e^-x), AVX2 (the algorithm of
 * avx512_sigmoid.c; 2^n applied by a2_ldexpi):
 *   f  = 1/(1 + e) for x >= 0, 2^n p/(1 + e) for x < 0, e = e^-|x| = p 2^n
 *        (2^n is built directly: results below FLT_MIN flush to 0, within the
 *        catalog's absolute bound there);
 *   f' = 2^n p/(d + dl)^2;  from y: (y - y^2) dy, one rounding in y - y^2.
 */
#include "simd/avx2_math.h"

typedef struct {
    int unused;
} sig_c;
static inline void sig_init(sig_c *c, const double *p) {
    (void)p;
    c->unused = 0;
}
ACT_INLINE __m256 sig_f(__m256 x, const sig_c *c) {
    (void)c;
    a2_sig s = a2_sig_init0(x);
    __m256 neg = a2_lt(x, _mm256_setzero_ps());
    __m256 num = a2_sel(neg, s.p, A2(1.0f));
    __m256 q = a2_div_1pe(num, s.e);
    return a2_sel(neg, a2_mul(q, a2_pow2i(s.n)), q); /* subnormal results flush */
}
ACT_INLINE __m256 sig_b(__m256 x, __m256 dy, const sig_c *c) {
    (void)c;
    a2_sig s = a2_sig_init0(x);
    __m256 D = a2_mul(s.d, s.d);
    __m256 Dl = _mm256_fmadd_ps(_mm256_add_ps(s.d, s.d), s.dl, _mm256_fmsub_ps(s.d, s.d, D));
    __m256 q = a2_div_corr(s.p, D, Dl);
    return a2_mul(a2_mul(q, a2_pow2i(s.n)), dy);
}
ACT_INLINE __m256 sig_by(__m256 y, __m256 dy, const sig_c *c) {
    (void)c;
    return a2_mul(_mm256_fnmadd_ps(y, y, y), dy);
}
ACT256_FWD(sig_fwd, sig_c, sig_init, sig_f, ACT_CACHED)
ACT256_BWD(sig_bwd, sig_c, sig_init, sig_b, ACT_CACHED)
ACT256_BWD(sig_bwdy, sig_c, sig_init, sig_by, ACT_MIXED)
ACT256_DEFINE(sigmoid, sig_fwd, sig_bwd, sig_bwdy, NULL)
