/*
 * avx512_sigmoid.c - sigmoid 1/(1 + e^-x), AVX-512.
 * With e = e^-|x| and d + dl = 1 + e exactly (avx512_math.h):
 *   f  = 1/(d + dl)              for x >= 0,
 *      = e/(d + dl)              for x < 0;
 *   f' = e/(1 + e)^2 = e/(D + Dl),  D + Dl = (d + dl)^2 (D = d d, Dl from
 *        the fma of d d plus 2 d dl): never y(1 - y), which is 0 once y
 *        rounds to 1.
 * The forward takes e from a5_exp_neg_bits (2^n built in the integers, no
 * vscalefps: 1.03-1.05x, ninth session), which gives 0 or a value under
 * 2^-126 where e^-|x| is below FLT_MIN (x < -87.34): f is then within
 * FLT_MIN of the exact value, as the contract allows for results below
 * FLT_MIN. The backward keeps the sigmoid pieces (e = p 2^n by vscalefps,
 * subnormal down to 2^-149): there the integer route measured 0.86x. The
 * divisions, made of rcp14 and fmas, take a subnormal e at full speed;
 *   from y: y - y^2 with one rounding (fma), times dy.
 * Each is one division with a first-order correction for the divisor's tail:
 * the error is e's (0.6 ulp) plus the division's rounding.
 * x = +inf gives 1, -inf gives 0 (e^-|x| clamped at e^-100 forward, e^-200
 * backward, which round to 0 in the end), NaN gives NaN.
 */
#include "simd/avx512_math.h"

typedef struct {
    int unused;
} sig_c;
ACT_INLINE void sig_init(sig_c *c, const double *p) {
    (void)p;
    c->unused = 0;
}
ACT_INLINE __m512 sig_f(__m512 x, const sig_c *c) {
    (void)c;
    __m512 e = a5_exp_neg_bits(_mm512_max_ps(A5(-100.0f), a5_or(x, A5(-0.0f))));
    __mmask16 neg = a5_lt(x, _mm512_setzero_ps());
    return a5_div_1pe(_mm512_mask_mov_ps(A5(1.0f), neg, e), e);
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
ACT512_FWD(sig_fwd, sig_c, sig_init, sig_f, ACT_MIXED)
ACT512_BWD8(sig_bwd, sig_c, sig_init, sig_b, ACT_MIXED)
ACT512_BWD(sig_bwdy, sig_c, sig_init, sig_by, ACT_STREAM)
ACT512_DEFINE(sigmoid, sig_fwd, sig_bwd, sig_bwdy, NULL)
