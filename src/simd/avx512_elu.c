/*
 * avx512_elu.c - elu, AVX-512.
 *   f  = x for x > 0, alpha (e^x - 1) otherwise (x = 0 included);
 *   f' = 1 for x > 0, alpha e^x otherwise;  from y: y > 0 ? 1 : y + alpha.
 * e^x - 1 through a5_expm1_rr1 (no table, 0.95 ulp at most), alpha as a
 * float head and tail so that alpha (e^x - 1) has one rounding; alpha = 1
 * (the default everywhere) runs a loop without the product. alpha e^x is
 * (alpha p) 2^k, scaled after the product with alpha (|alpha| > 1 can lift a
 * subnormal e^x into the normal range) and before the product with dy (after
 * it, p dy overflowed for |dy| near FLT_MAX where f' dy is finite).
 * alpha outside 2^+-100 (other than 0) runs scalar (accepts).
 */
#include "simd/avx512_math.h"

typedef struct {
    __m512 ah, al;
} elu_c;
static inline void elu_init(elu_c *c, const double *p) {
    float h, l;
    act_split(p[0], &h, &l);
    c->ah = A5(h);
    c->al = A5(l);
}
/* e^-|x| - 1: e^x - 1 for x <= 0, below x for x > 0 */
ACT_INLINE __m512 elu_em(__m512 x) {
    return a5_expm1_rr1(_mm512_max_ps(A5(-20.0f), a5_or(x, A5(-0.0f)))); /* NaN passes */
}
ACT_INLINE __m512 elu_f(__m512 x, const elu_c *c) {
    __m512 em = elu_em(x);
    __m512 f = _mm512_fmadd_ps(c->ah, em, a5_mul(c->al, em));
    return _mm512_mask_mov_ps(f, a5_gt(x, _mm512_setzero_ps()), x);
}
/* alpha = 1: e^x - 1 >= x for x <= 0 (also rounded), e^-x - 1 < x for
   x > 0, so max(em, x) selects; x NaN is max's second operand and passes,
   -0 gives -0 (max of two zeros is the second) */
ACT_INLINE __m512 elu_f1(__m512 x, const elu_c *c) {
    (void)c;
    return _mm512_max_ps(elu_em(x), x);
}
ACT_INLINE __m512 elu_b(__m512 x, __m512 dy, const elu_c *c) {
    __m512 k,
        p = a5_exp_lut0(_mm512_max_ps(A5(-200.0f), _mm512_min_ps(_mm512_setzero_ps(), x)), &k);
    __m512 ap = _mm512_fmadd_ps(c->ah, p, a5_mul(c->al, p));
    __m512 d = a5_mul(_mm512_scalef_ps(ap, k), dy);
    return _mm512_mask_mov_ps(d, a5_gt(x, _mm512_setzero_ps()), dy);
}
ACT_INLINE __m512 elu_by(__m512 y, __m512 dy, const elu_c *c) {
    __m512 d = _mm512_add_ps(_mm512_add_ps(y, c->ah), c->al);
    return _mm512_mask_mov_ps(a5_mul(d, dy), a5_gt(y, _mm512_setzero_ps()), dy);
}
ACT512_FWD(elu_fwd_a, elu_c, elu_init, elu_f, ACT_MIXED)
ACT512_FWD(elu_fwd_1, elu_c, elu_init, elu_f1, ACT_MIXED)
static void elu_fwd(const double *p, size_t n, const float *x, float *y) {
    (p[0] == 1.0 ? elu_fwd_1 : elu_fwd_a)(p, n, x, y);
}
ACT512_BWD(elu_bwd, elu_c, elu_init, elu_b, ACT_MIXED)
/* from y: eight vectors an iteration in cache, four from the streaming
   size (ACT512_U8): 1.21x at 4 Ki */
ACT512_BWD_U(elu_bwdy, elu_c, elu_init, elu_by, 1, ACT_STREAM)

static int elu_accepts(const double *p) {
    return p[0] == 0 || (fabs(p[0]) >= 0x1p-100 && fabs(p[0]) <= 0x1p100);
}
ACT512_DEFINE(elu, elu_fwd, elu_bwd, elu_bwdy, elu_accepts)
