/*
 * avx2_logsigmoid.c - logsigmoid, AVX2 (see avx512_logsigmoid.c):
 * f = min(x, 0) - log(1 + e^-|x|) (a2_log1p_sig, scaled last),
 * f' = sigmoid(-x), from y: -(e^y - 1) dy.
 */
#include "simd/avx2_math.h"

typedef struct {
    int unused;
} lsig_c;
static inline void lsig_init(lsig_c *c, const double *p) {
    (void)p;
    c->unused = 0;
}
ACT_INLINE __m256 lsig_f(__m256 x, const lsig_c *c) {
    (void)c;
    a2_sig s = a2_sig_init0(x);
    __m256 L = a2_ldexpi(a2_log1p_sig(&s), s.n);
    return _mm256_sub_ps(_mm256_min_ps(_mm256_setzero_ps(), x), L);
}
ACT_INLINE __m256 lsig_b(__m256 x, __m256 dy, const lsig_c *c) {
    (void)c;
    a2_sig s = a2_sig_init0(x);
    __m256 pos = a2_gt(x, _mm256_setzero_ps());
    __m256 q = a2_div_1pe(a2_sel(pos, s.p, A2(1.0f)), s.e);
    return a2_mul(a2_sel(pos, a2_mul(q, a2_pow2i(s.n)), q), dy);
}
ACT_INLINE __m256 lsig_by(__m256 y, __m256 dy, const lsig_c *c) {
    (void)c;
    __m256 em = a2_expm1_lut0(_mm256_max_ps(A2(-20.0f), _mm256_min_ps(_mm256_setzero_ps(), y)));
    return a2_mul(_mm256_sub_ps(_mm256_setzero_ps(), em), dy);
}
ACT256_FWD(lsig_fwd, lsig_c, lsig_init, lsig_f, ACT_CACHED)
ACT256_BWD(lsig_bwd, lsig_c, lsig_init, lsig_b, ACT_CACHED)
ACT256_BWD(lsig_bwdy, lsig_c, lsig_init, lsig_by, ACT_CACHED)
ACT256_DEFINE(logsigmoid, lsig_fwd, lsig_bwd, lsig_bwdy, NULL)
