/*
 * avx512_hardswish.c - hardswish x relu6(x + 3)/6, AVX-512.
 *   f  = -0 for x <= -3, x for x >= 3, x (x + 3)/6 between;
 *   f' = 0 for x <= -3, 1 for x >= 3, (2x + 3)/6 between.
 * Forward as x clamp((x + 3)/6, 0, 1) with x clamped at -4 (so that -inf
 * gives -0): x + 3 is exact near the knee -3 (Sterbenz), (x + 3)/6 is one
 * rounding with 1/6 = C6H + C6L, and the product another: <= 1.5 ulp, and
 * full relative accuracy near the zeros -3 and 0.
 * The derivative keeps it near its zero -1.5 the same way: v = 2x + 3 as
 * v + vl (Fast2Sum), then (v + vl)/6 with one rounding.
 */
#include "simd/avx512_math.h"

#define C6H 0x1.555556p-3f   /* 1/6 rounded to float */
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
    return _mm512_fmadd_ps(h, A5(C6H), _mm512_fmadd_ps(h, A5(C6L), a5_mul(l, A5(C6H))));
}
ACT_INLINE __m512 hsw_f(__m512 x, const hsw_c *c) {
    (void)c;
    __m512 xc = _mm512_max_ps(A5(-4.0f), x); /* NaN passes; -inf gives -0 below */
    /* u = x + 3 (exact near -3) as an fma: the add ports are the busier */
    __m512 u = _mm512_fmadd_ps(xc, A5(1.0f), A5(3.0f));
    __m512 t = _mm512_fmadd_ps(u, A5(C6H), a5_mul(u, A5(C6L)));
    /* clamped to [0, 1] with the NaN that u = +inf makes (inf - inf) going
       to 1: vminps returns its second operand when one is NaN (x = NaN has
       its NaN back from xc) */
    t = _mm512_max_ps(_mm512_min_ps(t, A5(1.0f)), _mm512_setzero_ps());
    return a5_mul(xc, t);
}
ACT_INLINE __m512 hsw_b(__m512 x, __m512 dy, const hsw_c *c) {
    (void)c;
    __m512 x2 = _mm512_add_ps(x, x);
    __m512 v = _mm512_add_ps(x2, A5(3.0f));
    __m512 vl = _mm512_add_ps(_mm512_sub_ps(A5(3.0f), v), x2);
    __m512 d = hsw_div6(v, vl);
    d = _mm512_mask_mov_ps(d, a5_le(x, A5(-3.0f)), _mm512_setzero_ps());
    d = _mm512_mask_mov_ps(d, a5_ge(x, A5(3.0f)), A5(1.0f));
    return a5_mul(dy, d);
}
ACT512_FWD(hsw_fwd, hsw_c, hsw_init, hsw_f, ACT_MIXED)
ACT512_BWD8(hsw_bwd, hsw_c, hsw_init, hsw_b, ACT_MIXED)
ACT512_DEFINE(hardswish, hsw_fwd, hsw_bwd, NULL, NULL)
