/*
 * avx2_tanh.c - tanh, AVX2 (see avx512_tanh.c): f = sign(x) (-em/(2 + em)),
 * em = e^-2|x| - 1 (a2_expm1_lut), one rounding in the division;
 * f' = 4 e/(1 + e)^2, e = e^-2|x|; from y: (1 - y^2) dy, one rounding.
 */
#include "simd/avx2_math.h"

typedef struct {
    int unused;
} tanh_c;
static inline void tanh_init(tanh_c *c, const double *p) {
    (void)p;
    c->unused = 0;
}
ACT_INLINE __m256 tanh_f(__m256 x, const tanh_c *c) {
    (void)c;
    __m256 tn = a2_tiny(x);
    __m256 a = _mm256_min_ps(A2(9.1f), a2_abs(a2_untiny(x, tn)));
    __m256 em = a2_expm1_lut0(a2_mul(a, A2(-2.0f)));
    __m256 d = _mm256_add_ps(A2(2.0f), em);
    __m256 dl = _mm256_add_ps(_mm256_sub_ps(A2(2.0f), d), em);
    __m256 t = a2_div_corr(_mm256_sub_ps(_mm256_setzero_ps(), em), d, dl);
    return a2_retiny(a2_xorsign(t, x), tn, x, 1.0f);
}
ACT_INLINE __m256 tanh_b(__m256 x, __m256 dy, const tanh_c *c) {
    (void)c;
    a2_sig s = a2_sig_init0(_mm256_add_ps(x, x));
    __m256 D = a2_mul(s.d, s.d);
    __m256 Dl = _mm256_fmadd_ps(_mm256_add_ps(s.d, s.d), s.dl, _mm256_fmsub_ps(s.d, s.d, D));
    __m256 q = a2_div_corr(s.p, D, Dl);
    return a2_mul(a2_mul(q, a2_pow2i(_mm256_add_epi32(s.n, _mm256_set1_epi32(2)))), dy);
}
ACT_INLINE __m256 tanh_by(__m256 y, __m256 dy, const tanh_c *c) {
    (void)c;
    return a2_mul(_mm256_fnmadd_ps(y, y, A2(1.0f)), dy);
}
ACT256_FWD(tanh_fwd, tanh_c, tanh_init, tanh_f, ACT_CACHED)
ACT256_BWD(tanh_bwd, tanh_c, tanh_init, tanh_b, ACT_CACHED)
ACT256_BWD(tanh_bwdy, tanh_c, tanh_init, tanh_by, ACT_MIXED)
ACT256_DEFINE(tanh, tanh_fwd, tanh_bwd, tanh_bwdy, NULL)
