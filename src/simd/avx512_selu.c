/*
 * avx512_selu.c - selu, AVX-512 (PyTorch's constants, fn_selu.c).
 *   f  = lambda x for x > 0, lambda alpha (e^x - 1) otherwise;
 *   f' = lambda for x > 0, lambda alpha e^x otherwise;
 *   from y: y > 0 ? lambda : y + lambda alpha.
 * lambda and lambda alpha as float head + tail: each product has one
 * rounding; e^x - 1 through a5_expm1_rr1 (no table, 0.95 ulp; forward 1.78 ulp
 * exhaustive), e^x scaled after lambda alpha and before dy (as elu).
 */
#include "simd/avx512_math.h"

#define LAM_H 0x1.0cfabep+0f   /* lambda = 1.0507009873554804934, head */
#define LAM_L -0x1.2adddap-25f /* lambda - head */
#define LA_H 0x1.c212ccp+0f    /* lambda alpha = 1.7580993408473766 (the double product), head */
#define LA_L 0x1.903c0cp-26f   /* lambda alpha - head */

typedef struct {
    int unused;
} selu_c;
/* lambda v = fma(head, v, tail v) with one rounding; the tail term is 0 at
   v = +-inf (not inf - inf), and a masked fma with -0 rather than a vmulps,
   which pays ~2x when its result underflows (subnormal v) */
ACT_INLINE __m512 selu_lam(__m512 v) {
    __m512 z = _mm512_set1_ps(-0.0f);
    __asm__("" : "+x"(z)); /* or the compiler folds it back into a vmulps */
    return _mm512_fmadd_ps(A5(LAM_H), v, _mm512_maskz_fmadd_ps(~a5_isinf(v), A5(LAM_L), v, z));
}
static inline void selu_init(selu_c *c, const double *p) {
    (void)p;
    c->unused = 0;
}
ACT_INLINE __m512 selu_f(__m512 x, const selu_c *c) {
    (void)c;
    __m512 em = a5_expm1_rr1(_mm512_max_ps(A5(-20.0f), _mm512_min_ps(_mm512_setzero_ps(), x)));
    __m512 f = _mm512_fmadd_ps(A5(LA_H), em, a5_mul(A5(LA_L), em));
    __m512 g = selu_lam(x);
    return _mm512_mask_mov_ps(f, a5_gt(x, _mm512_setzero_ps()), g);
}
ACT_INLINE __m512 selu_b(__m512 x, __m512 dy, const selu_c *c) {
    (void)c;
    __m512 k,
        p = a5_exp_lut0(_mm512_max_ps(A5(-200.0f), _mm512_min_ps(_mm512_setzero_ps(), x)), &k);
    __m512 ap = _mm512_fmadd_ps(A5(LA_H), p, a5_mul(A5(LA_L), p));
    __m512 d = a5_mul(_mm512_scalef_ps(ap, k), dy);
    __m512 g = selu_lam(dy);
    return _mm512_mask_mov_ps(d, a5_gt(x, _mm512_setzero_ps()), g);
}
ACT_INLINE __m512 selu_by(__m512 y, __m512 dy, const selu_c *c) {
    (void)c;
    __m512 d = _mm512_add_ps(_mm512_add_ps(y, A5(LA_H)), A5(LA_L));
    __m512 g = selu_lam(dy);
    return _mm512_mask_mov_ps(a5_mul(d, dy), a5_gt(y, _mm512_setzero_ps()), g);
}
ACT512_FWD(selu_fwd, selu_c, selu_init, selu_f, ACT_MIXED)
ACT512_BWD(selu_bwd, selu_c, selu_init, selu_b, ACT_MIXED)
ACT512_BWD(selu_bwdy, selu_c, selu_init, selu_by, ACT_MIXED)
ACT512_DEFINE(selu, selu_fwd, selu_bwd, selu_bwdy, NULL)
