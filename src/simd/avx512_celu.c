/*
 * avx512_celu.c - celu, AVX-512.
 *   f  = x for x > 0, alpha (e^(x/alpha) - 1) otherwise;
 *   f' = 1 for x > 0, e^(x/alpha) otherwise;  from y: y > 0 ? 1 : y/alpha + 1.
 * z = x/alpha is carried as zh + zl (1/alpha as a float head and tail, the
 * product error from the fma): e^z - 1 would otherwise inherit z's rounding.
 * alpha = 1 takes z = x and the table-free a5_expm1_rr1 (0.95 ulp), other alpha
 * a5_expm1_lut with the tail. alpha outside 2^+-100 runs scalar (accepts).
 */
#include "simd/avx512_math.h"

typedef struct {
    __m512 ah, al, ih, il;
    __m512 xs;     /* f = x for x > xs = -alpha 2^-25 */
    __m512 jh, jl; /* 1/alpha for celu_by: head toward 0, tail of its sign, never 0 */
} celu_c;
static inline void celu_init(celu_c *c, const double *p) {
    float h, l;
    act_split(p[0], &h, &l);
    c->ah = A5(h);
    c->al = A5(l);
    act_split(1.0 / p[0], &h, &l);
    c->ih = A5(h);
    c->il = A5(l);
    /* above -alpha 2^-25, |z| < 2^-25 and alpha (e^z - 1) = x (1 + z/2 + ...)
       rounds to x itself; there z = x/alpha may be subnormal for alpha > 1
       (alpha = 100 gave 2.5e-7 relative error at x = -1.18e-38, 2^99 gave 0
       for x = -1e-30 until the sixteenth session) */
    c->xs = A5((float)(-p[0] * 0x1p-25));
    act_split_inward(1.0 / p[0], &h, &l);
    c->jh = A5(h);
    c->jl = A5(l);
}
/* z = x/alpha = zh + zl (tail clamped: NaN or huge far out, where it is moot) */
ACT_INLINE __m512 celu_z(__m512 x, const celu_c *c, int one, __m512 *zl) {
    if (one) {
        *zl = _mm512_setzero_ps();
        return x;
    }
    __m512 zh = a5_mul(x, c->ih);
    __m512 l = _mm512_fmadd_ps(x, c->il, _mm512_fmsub_ps(x, c->ih, zh));
    *zl = _mm512_max_ps(_mm512_min_ps(l, A5(0x1p-15f)), A5(-0x1p-15f));
    return zh;
}
ACT_INLINE __m512 celu_f(__m512 x, const celu_c *c, int one) {
    __m512 zl, z = celu_z(x, c, one, &zl);
    __m512 zc = _mm512_max_ps(A5(-20.0f), _mm512_min_ps(_mm512_setzero_ps(), z));
    __m512 em = one ? a5_expm1_rr1(zc) : a5_expm1_lut(zc, zl);
    __m512 f = _mm512_fmadd_ps(c->ah, em, a5_mul(c->al, em));
    return _mm512_mask_mov_ps(f, a5_gt(x, c->xs), x);
}
ACT_INLINE __m512 celu_b(__m512 x, __m512 dy, const celu_c *c, int one) {
    __m512 zl, z = celu_z(x, c, one, &zl);
    __m512 zc = _mm512_max_ps(A5(-200.0f), _mm512_min_ps(_mm512_setzero_ps(), z));
    __m512 k, p = one ? a5_exp_lut0(zc, &k) : a5_exp_lut(zc, zl, &k);
    __m512 d = a5_mul(_mm512_scalef_ps(p, k), dy);
    return _mm512_mask_mov_ps(d, a5_gt(x, _mm512_setzero_ps()), dy);
}
/* y/alpha + 1 = (y + alpha)/alpha: y + ah is exact where it cancels (y in
   [-2 ah, -ah/2], Sterbenz), so the saturated y = -alpha gives 0; then
   + al, times 1/alpha = jh + jl (1.9 ulp at most on 2^20 y for each of
   seven alphas, 1e-5 to 7e20; 0.5 for alpha = 1). Until the sixteenth
   session y (ih + il) + 1 left 1/alpha's representation error there:
   2^-50 dy for alpha = 3, where f' = 0. jh + jl is split inward
   (act_split_inward): with ih + il a tail of the other sign overflowed
   alone, s il = inf against s ih finite, for y far below -alpha (not the
   forward's), and -inf il made NaN where il = 0. */
ACT_INLINE __m512 celu_by(__m512 y, __m512 dy, const celu_c *c) {
    __m512 s = _mm512_add_ps(_mm512_add_ps(y, c->ah), c->al);
    __m512 d = _mm512_fmadd_ps(s, c->jh, a5_mul(s, c->jl));
    return _mm512_mask_mov_ps(a5_mul(d, dy), a5_gt(y, _mm512_setzero_ps()), dy);
}
ACT512_FWD_ONE(celu_fwd, celu_c, celu_init, celu_f, ACT_MIXED)
/* the backwards: eight vectors an iteration in cache, four from the
   streaming size (ACT512_U8): 1.04x (from x) and 1.11x (from y) at 4 Ki */
ACT512_BWD_ONE_U(celu_bwd, celu_c, celu_init, celu_b, 1, ACT_MIXED)
ACT512_BWD_U(celu_bwdy, celu_c, celu_init, celu_by, 1, ACT_STREAM)

static int celu_accepts(const double *p) { return p[0] >= 0x1p-100 && p[0] <= 0x1p100; }
ACT512_DEFINE(celu, celu_fwd, celu_bwd, celu_bwdy, celu_accepts)
