/*
 * avx512_sigmoid.c - sigmoid 1/(1 + e^-x), AVX-512.
 * With e = e^-|x| and d + dl = 1 + e exactly (avx512_math.h):
 *   f  = 1/(d + dl)              for x >= 0,
 *      = e/(d + dl)              for x < 0;
 *   f' = e/(1 + e)^2 = e/(D + Dl),  D + Dl = (d + dl)^2 (D = d d, Dl from
 *        the fma of d d plus 2 d dl): never y(1 - y), which is 0 once y
 *        rounds to 1.
 * e is a float: below x = -87.3 it is subnormal (rounded to 2^-149, far
 * below the FLT_MIN the contract allows there; sigmoid(-100) = 3.7e-44 still
 * comes out) and the divisions, made of rcp14 and fmas, take it at full
 * speed;
 *   from y: y - y^2 with one rounding (fma), times dy.
 * Each is one division with a first-order correction for the divisor's tail:
 * the error is e's (0.6 ulp) plus the division's rounding.
 * x = +inf gives 1, -inf gives 0 (e^-|x| clamped to e^-200, which rounds to
 * 0 in the end), NaN gives NaN.
 */
#include "simd/avx512_math.h"

typedef struct {
    int unused;
} sig_c;
ACT_INLINE void sig_init(sig_c *c, const double *p) {
    (void)p;
    c->unused = 0;
}
/* the forward's two halves: e = e^-|x|, then the quotient from x and e */
ACT_INLINE __m512 sig_e(__m512 x) { return a5_sig_init0(x).e; }
ACT_INLINE __m512 sig_q(__m512 x, __m512 e) {
    __mmask16 neg = a5_lt(x, _mm512_setzero_ps());
    return a5_div_1pe(_mm512_mask_mov_ps(A5(1.0f), neg, e), e);
}
ACT_INLINE __m512 sig_f(__m512 x, const sig_c *c) {
    (void)c;
    return sig_q(x, sig_e(x));
}
ACT_INLINE __m512 sig_b(__m512 x, __m512 dy, const sig_c *c) {
    (void)c;
    a5_sig s = a5_sig_init0(x);
    __m512 D = a5_mul(s.d, s.d);
    __m512 Dl = _mm512_fmadd_ps(_mm512_add_ps(s.d, s.d), s.dl, _mm512_fmsub_ps(s.d, s.d, D));
    return a5_mul(a5_div_corr(s.e, D, Dl), dy);
}
ACT_INLINE __m512 sig_by(__m512 y, __m512 dy, const sig_c *c) {
    (void)c;
    return a5_mul(_mm512_fnmadd_ps(y, y, y), dy);
}
ACT512_FWD(sig_fwd_loop, sig_c, sig_init, sig_f, ACT_MIXED)
/* below the streaming size in two passes (ACT512_FWD_2PASS): e, then the
   quotient; 1.02-1.07x at 4 Ki and 256 Ki (the twelfth session's loop
   fission measured 1.04-1.09x); at 16 Mi it ran 0.84x, so there the one
   pass */
ACT_INLINE void sig_s1(__m512 x, float *b, size_t j) { _mm512_store_ps(b + j, sig_e(x)); }
ACT_INLINE __m512 sig_s2(__m512 x, const float *b, size_t j) {
    return sig_q(x, _mm512_load_ps(b + j));
}
ACT512_FWD_2PASS(sig_fwd, sig_fwd_loop, 1, sig_s1, sig_s2, 0, ACT_MIXED)
/* eight vectors in cache, four from the streaming size (ACT512_U8):
   1.03-1.07x at 16 Mi (tanh's forward keeps eight there: four ran 0.79x,
   as logsigmoid's forward 0.71x, both bound by their arithmetic) */
ACT512_BWD_U(sig_bwd, sig_c, sig_init, sig_b, 1, ACT_MIXED)
ACT512_BWD(sig_bwdy, sig_c, sig_init, sig_by, ACT_STREAM)
ACT512_DEFINE(sigmoid, sig_fwd, sig_bwd, sig_bwdy, NULL)
