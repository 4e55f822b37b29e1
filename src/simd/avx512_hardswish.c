/*
 * avx512_hardswish.c - hardswish x relu6(x + 3)/6, AVX-512.
 *   f  = -0 for x <= -3, x for x >= 3, x (x + 3)/6 between;
 *   f' = 0 for x <= -3, 1 for x >= 3, (2x + 3)/6 between.
 * Forward as max(x, -3) (clamp(x, -3, 3) + 3)/6: six instructions, three
 * on the add ports and three on the fma ports (make -C bench ports).
 * x + 3 is exact near the knee -3 (Sterbenz), (x + 3)/6 is one rounding
 * with 1/6 = C6H + C6L, and the product another: under 2 ulp (1.87 at
 * worst over all floats, tools/exhaustive: a relative error of t weighs up
 * to twice in ulps of the product), and full relative accuracy near the
 * zeros -3 and 0; x <= -3 (and -inf) gives -0.
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
    /* a = max(x, -3) is the factor, b = min(a, 3) the clamped argument:
       u = b + 3 lies in [0, 6] so t = u/6 needs no clamp (t(6) = 1
       exactly), and x <= -3 (-inf too) gives -3 * 0 = -0. vmaxps and
       vminps return their second operand when one is NaN: x = NaN passes */
    __m512 a = _mm512_max_ps(A5(-3.0f), x);
    __m512 b = _mm512_min_ps(A5(3.0f), a);
    __m512 u = _mm512_add_ps(b, A5(3.0f)); /* exact near -3 (Sterbenz) */
    /* u C6L as a plain vmulps (u is 0 or at least 2^-22, so it cannot
       underflow, and vmulps leaves u alone where a5_mul's fma would need a
       register copy); the last product as a5_mul, because a subnormal x
       makes it underflow (a vmulps then costs 2-3x on this core) */
    __m512 t = _mm512_fmadd_ps(u, A5(C6H), _mm512_mul_ps(u, A5(C6L)));
    return a5_mul(a, t);
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
/* eight vectors in cache, four from the streaming size (ACT512_U8):
   1.04-1.06x at 16 Mi */
ACT512_BWD_U(hsw_bwd, hsw_c, hsw_init, hsw_b, 1, ACT_MIXED)
ACT512_DEFINE(hardswish, hsw_fwd, hsw_bwd, NULL, NULL)
