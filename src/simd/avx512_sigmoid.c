/*
 * avx512_sigmoid.c - sigmoid 1/(1 + e^-x), AVX-512.
 * Forward: f = 1/(1 + E), E = e^-x (either sign), as a reciprocal:
 *   r0 = rcp14(1 + E) (2^-14), the residual 1 - r0 (1 + E) as
 *   (1 - r0 E) - r0 (the fma's result is within 2^-14 of r0, so the
 *   subtraction is exact and the fma's rounding, ulp(r0)/2, is all the
 *   residual loses: r0 2^-24 relative in f, under a quarter ulp for x < 0),
 *   then f = r0 + r0 res (one rounding). The relative error of E passes
 *   into f scaled by E/(1 + E): e^-x's 0.6 ulp at most, but an ulp of E's
 *   mantissa can be two of f's (1.51 ULP over all floats; the quotient
 *   e/(1 + e) for x < 0 and 1/(1 + e) for x >= 0 of the tenth session
 *   measured 1.50, with a compare, a blend and a product more: 1.065x,
 *   eleventh session). x is clamped to [-88, 200] in -x: E = +inf from
 *   x < -88.7 gives r0 = 0 and, with E capped at FLT_MAX in the residual,
 *   f = 0 (-inf too); on [-88.7, -87.3] f is subnormal within the
 *   catalog's FLT_MIN; x > 88 gives 1; NaN passes.
 * Backward, with e = e^-|x| and d + dl = 1 + e exactly (avx512_math.h):
 *   f' = e/(1 + e)^2 = e/(D + Dl),  D + Dl = (d + dl)^2 (D = d d, Dl from
 *        the fma of d d plus 2 d dl): never y(1 - y), which is 0 once y
 *        rounds to 1; one division (rcp14 and fmas) with a first-order
 *        correction for the divisor's tail: e's error (0.6 ulp) plus the
 *        division's rounding. e is a float: below x = -87.3 it is subnormal
 *        (far below the FLT_MIN the contract allows there), and rcp14 and
 *        fmas take it at full speed;
 *   from y: y - y^2 with one rounding (fma), times dy.
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
    __m512 z = _mm512_max_ps(A5(-88.0f), _mm512_min_ps(A5(200.0f), _mm512_xor_ps(x, A5(-0.0f))));
    __m512 n, p = a5_exp_lut0(z, &n);
    __m512 E = _mm512_scalef_ps(p, n);
    __m512 r0 = _mm512_rcp14_ps(_mm512_add_ps(A5(1.0f), E));
    __m512 Ec = _mm512_min_ps(E, A5(FLT_MAX));
    __m512 res = _mm512_sub_ps(_mm512_fnmadd_ps(r0, Ec, A5(1.0f)), r0);
    return _mm512_fmadd_ps(r0, res, r0);
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
