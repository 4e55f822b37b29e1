/*
 * avx512_softsign.c - softsign x/(1 + |x|), AVX-512.
 *   f  = sign(x) a/(1 + a), a = |x| clamped at 2^30 (f rounds to +-1 beyond,
 *        and softsign(+-inf) = +-1 without inf/inf): one division, whose
 *        rounding and 1 + a's make at most ~1.5 ulp;
 *   f' = 1/(1 + |x|)^2 = r r, r = 1/(d + dl) with d + dl = 1 + |x| exactly
 *        (the larger of 1 and |x| first), one rounding in r (a5_div_corr):
 *        |x| is not clamped here, f' ~ 1/x^2 stays a normal float up to 1e19.
 */
#include "simd/avx512_math.h"

typedef struct {
    int unused;
} ssgn_c;
static inline void ssgn_init(ssgn_c *c, const double *p) {
    (void)p;
    c->unused = 0;
}
ACT_INLINE __m512 ssgn_f(__m512 x, const ssgn_c *c) {
    (void)c;
    __mmask16 t = a5_tiny(x);
    __m512 a = _mm512_min_ps(A5(0x1p30f), a5_abs(a5_untiny(x, t))); /* NaN passes */
    return a5_retiny(a5_xorsign(_mm512_div_ps(a, _mm512_add_ps(A5(1.0f), a)), x), t, x, 1.0f);
}
ACT_INLINE __m512 ssgn_b(__m512 x, __m512 dy, const ssgn_c *c) {
    (void)c;
    __m512 a = a5_abs(x);
    __m512 d = _mm512_add_ps(A5(1.0f), a);
    __m512 big = _mm512_max_ps(a, A5(1.0f)), small = _mm512_min_ps(a, A5(1.0f));
    __m512 dl = _mm512_add_ps(_mm512_sub_ps(big, d), small);
    __m512 r = a5_div_corr(A5(1.0f), d, dl);
    r = _mm512_mask_mov_ps(r, a5_isinf(x), _mm512_setzero_ps()); /* d = inf: no inf - inf */
    return a5_mul(a5_mul(r, dy), r);
}
ACT512_FWD(ssgn_fwd, ssgn_c, ssgn_init, ssgn_f, ACT_MIXED)
/* eight vectors an iteration in cache, four from the streaming size
   (ACT512_U8): 1.04x at 4 Ki */
ACT512_BWD_U(ssgn_bwd, ssgn_c, ssgn_init, ssgn_b, 1, ACT_MIXED)
ACT512_DEFINE(softsign, ssgn_fwd, ssgn_bwd, NULL, NULL)
