/*
 * avx512_hardswish.c - hardswish x relu6(x + 3)/6, AVX-512.
 *   f  = -0 for x <= -3, x for x >= 3, x (x + 3)/6 between;
 *   f' = 0 for x <= -3, 1 for x >= 3, (2x + 3)/6 between.
 * Between the knees both are carried with their rounding errors so that they
 * keep full relative accuracy near their zeros -3, 0 and -1.5:
 *   u = x + 3 exactly as u + ul (Fast2Sum, |x| < 3), x (u + ul) = ph + pl
 *   (fma), then (ph + pl)/6 with 1/6 = C6H + C6L: one final rounding (~0.5 ulp).
 *   v = 2x + 3 = v + vl the same way, then (v + vl)/6.
 */
#include "simd/avx512_math.h"

#define C6H 0x1.555556p-3f  /* 1/6 rounded to float */
#define C6L -0x1.555556p-28f /* 1/6 - C6H */

typedef struct {
    int unused;
} hsw_c;
ACT_INLINE void hsw_init(hsw_c *c, const double *p) {
    (void)p;
    c->unused = 0;
}
/* (h + l)/6 with one rounding */
ACT_INLINE __m512 hsw_div6(__m512 h, __m512 l) {
    return _mm512_fmadd_ps(h, A5(C6H), _mm512_fmadd_ps(h, A5(C6L), _mm512_mul_ps(l, A5(C6H))));
}
ACT_INLINE __m512 hsw_f(__m512 x, const hsw_c *c) {
    (void)c;
    __m512 u = _mm512_add_ps(x, A5(3.0f));
    __m512 ul = _mm512_add_ps(_mm512_sub_ps(A5(3.0f), u), x);
    __m512 ph = _mm512_mul_ps(x, u);
    __m512 pl = _mm512_fmadd_ps(x, ul, _mm512_fmsub_ps(x, u, ph));
    __m512 f = hsw_div6(ph, pl);
    f = _mm512_mask_mov_ps(f, a5_le(x, A5(-3.0f)), A5(-0.0f));
    return _mm512_mask_mov_ps(f, a5_ge(x, A5(3.0f)), x);
}
ACT_INLINE __m512 hsw_b(__m512 x, __m512 dy, const hsw_c *c) {
    (void)c;
    __m512 x2 = _mm512_add_ps(x, x);
    __m512 v = _mm512_add_ps(x2, A5(3.0f));
    __m512 vl = _mm512_add_ps(_mm512_sub_ps(A5(3.0f), v), x2);
    __m512 d = hsw_div6(v, vl);
    d = _mm512_mask_mov_ps(d, a5_le(x, A5(-3.0f)), _mm512_setzero_ps());
    d = _mm512_mask_mov_ps(d, a5_ge(x, A5(3.0f)), A5(1.0f));
    return _mm512_mul_ps(dy, d);
}
ACT512_FWD(hsw_fwd, hsw_c, hsw_init, hsw_f)
ACT512_BWD(hsw_bwd, hsw_c, hsw_init, hsw_b)
ACT512_DEFINE(hardswish, hsw_fwd, hsw_bwd, NULL, NULL)
