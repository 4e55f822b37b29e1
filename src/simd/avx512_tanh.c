/*
 * avx512_tanh.c - tanh, AVX-512.
 *   f  = sign(x) (1 - e)/(1 + e), e = e^(-2|x|) = s (1 + pm) with s = 2^n
 *        and pm = e^t - 1 (|t| <= ln2/2, a5_expm1_poly, no table): the
 *        numerator 1 - s - s pm has no cancellation (for n = 0 it is -pm, a
 *        polynomial in x). Numerator and divisor are scaled by 2^64 (s is
 *        2^(n + 64) from the exponent bits), so a subnormal x divides at full
 *        speed; each is one fma with its exact tail (nl, dl: the sums are
 *        Fast2Sum-ordered), divided by a5_div_corr2 (0.56 ulp). |x| is
 *        clamped at 9.1, beyond which tanh rounds to 1.
 *   f' = sech^2 x = 4 e/(1 + e)^2, e = e^-2|x| = p 2^k (the sigmoid pieces
 *        with z = 2x): never 1 - y^2, which cancels near saturation;
 *   from y: (1 - y^2) dy with 1 - y^2 rounded once (fma).
 */
#include "simd/avx512_math.h"

typedef struct {
    int unused;
} tanh_c;
static inline void tanh_init(tanh_c *c, const double *p) {
    (void)p;
    c->unused = 0;
}
ACT_INLINE __m512 tanh_f(__m512 x, const tanh_c *c) {
    (void)c;
    __m512 z = _mm512_max_ps(A5(-9.1f), a5_or(x, A5(-0.0f))); /* -|x|; NaN passes */
    z = _mm512_add_ps(z, z);
    /* n = round(z log2e) read off 1.5 2^23 + 191 (191 = 127 + 64: the bias of
       s = 2^(n + 64)); t = z - n ln2 with one float ln2 as in a5_expm1_rr1 */
    __m512 vm = _mm512_fmadd_ps(z, A5(A5_LOG2E), A5(0x1.80017ep23f));
    __m512 n = _mm512_sub_ps(vm, A5(0x1.80017ep23f));
    __m512 t = _mm512_fnmadd_ps(n, A5(0x1.62e430p-1f), z);
    __m512 s = _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_castps_si512(vm), 23)); /* 2^(n + 64) */
    __m512 pm = a5_expm1_poly(t);
    __m512 an = _mm512_sub_ps(A5(0x1p64f), s), ad = _mm512_add_ps(A5(0x1p64f), s);
    __m512 num = _mm512_fnmadd_ps(s, pm, an), den = _mm512_fmadd_ps(s, pm, ad);
    __m512 nl = _mm512_fnmadd_ps(s, pm, _mm512_sub_ps(an, num)); /* an - s pm - num */
    __m512 dl = _mm512_fmadd_ps(s, pm, _mm512_sub_ps(ad, den));  /* ad + s pm - den */
    __m512 f = a5_div_corr2(num, nl, den, dl);
    /* f | (x & sign) */
    return _mm512_castsi512_ps(_mm512_ternarylogic_epi32(
        _mm512_castps_si512(f), _mm512_castps_si512(x), _mm512_set1_epi32(INT32_MIN), 0xf8));
}
ACT_INLINE __m512 tanh_b(__m512 x, __m512 dy, const tanh_c *c) {
    (void)c;
    a5_sig s = a5_sig_init0(_mm512_add_ps(x, x));
    __m512 D = a5_mul(s.d, s.d);
    __m512 Dl = _mm512_fmadd_ps(_mm512_add_ps(s.d, s.d), s.dl, _mm512_fmsub_ps(s.d, s.d, D));
    __m512 q = a5_div_corr(a5_mul(s.p, A5(4.0f)), D, Dl);
    return a5_mul(_mm512_scalef_ps(q, s.n), dy);
}
ACT_INLINE __m512 tanh_by(__m512 y, __m512 dy, const tanh_c *c) {
    (void)c;
    return a5_mul(_mm512_fnmadd_ps(y, y, A5(1.0f)), dy);
}
ACT512_FWD8(tanh_fwd, tanh_c, tanh_init, tanh_f, ACT_MIXED)
ACT512_BWD8(tanh_bwd, tanh_c, tanh_init, tanh_b, ACT_MIXED)
ACT512_BWD(tanh_bwdy, tanh_c, tanh_init, tanh_by, ACT_STREAM)
ACT512_DEFINE(tanh, tanh_fwd, tanh_bwd, tanh_bwdy, NULL)
