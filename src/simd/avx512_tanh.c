/*
 * avx512_tanh.c - tanh, AVX-512.
 *   f  = sign(x) (-em/(2 + em)),  em = e^(-2|x|) - 1 (a5_expm1_lut: no
 *        cancellation for small |x|, where tanh x = x(1 + ...)); 2 + em as
 *        d + dl exactly (Fast2Sum, |em| < 1) and one rounding in the
 *        division. |x| is clamped at 9.1, beyond which tanh rounds to 1.
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
    __m512 a = _mm512_min_ps(A5(9.1f), a5_abs(x)); /* NaN passes */
    __m512 em = a5_expm1_lut0(a5_mul(a, A5(-2.0f)));
    __m512 d = _mm512_add_ps(A5(2.0f), em);
    __m512 dl = _mm512_add_ps(_mm512_sub_ps(A5(2.0f), d), em);
    __m512 t = a5_div_corr(_mm512_sub_ps(_mm512_setzero_ps(), em), d, dl);
    return a5_xorsign(t, x);
}
ACT_INLINE __m512 tanh_b(__m512 x, __m512 dy, const tanh_c *c) {
    (void)c;
    a5_sig s = a5_sig_init0(_mm512_add_ps(x, x));
    __m512 D = a5_mul(s.d, s.d);
    __m512 Dl = _mm512_fmadd_ps(_mm512_add_ps(s.d, s.d), s.dl, _mm512_fmsub_ps(s.d, s.d, D));
    __m512 q = a5_div_corr(s.p, D, Dl);
    return _mm512_scalef_ps(a5_mul(q, dy), _mm512_add_ps(s.n, A5(2.0f)));
}
ACT_INLINE __m512 tanh_by(__m512 y, __m512 dy, const tanh_c *c) {
    (void)c;
    return a5_mul(_mm512_fnmadd_ps(y, y, A5(1.0f)), dy);
}
ACT512_FWD(tanh_fwd, tanh_c, tanh_init, tanh_f)
ACT512_BWD(tanh_bwd, tanh_c, tanh_init, tanh_b)
ACT512_BWD(tanh_bwdy, tanh_c, tanh_init, tanh_by)
ACT512_DEFINE(tanh, tanh_fwd, tanh_bwd, tanh_bwdy, NULL)
