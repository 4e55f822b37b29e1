/*
 * avx512_silu.c - silu x sigmoid(beta x) (swish), AVX-512.
 * z = beta x is carried as zh + zl (beta = bh + bl, the product error from
 * the fma): e^-|z| multiplies a relative error of z by |z| (up to 200).
 * With e = e^-|z| = p 2^n (the table exp of avx512_math.h):
 *   f  = x/(1 + e)            for z >= 0,
 *      = 2^n (x p/(1 + e))    for z < 0 (scaled last: x sigmoid(x) is a
 *                             normal float down to x = -92 where e^x is not;
 *                             x p exactly as a head and a tail), each with one
 *                             rounding (a5_div_1pe2): e's error plus 0.5 ulp;
 *   f' = sigmoid(z) (1 + z sigmoid(-z)) = (1 + e + z e)/(1 + e)^2  for z >= 0;
 *      = 2^n p N/(1 + e)^2,  N = 1 + z + e^z = (1 + zh) + e + zl,  z < 0,
 *        N (TwoSum) and p N as head + tail, one rounding in the division:
 *        1 + zh is exact on [-2, -0.5] (Sterbenz), so N loses only e's error,
 *        except near its zero z0 = -1.27846 where that error is amplified;
 *        on |z - z0| <= 0.25 f' = d P(d), d = z - z0 (z0 as head + tail, so d
 *        keeps its relative accuracy), P a degree-6 fit of f'(z0 + d)/d
 *        (relative error 2^-25.9 with float coefficients).
 * silu(-inf) = -0 and f'(+-inf) = 1 or 0 (the limits): z is clamped to
 * [-200, 200] where it multiplies; f = x once e^-z is below the float range
 * (z > 104) and a zero of x's sign for z < -200, with no test (the division
 * gives them); forward sets NaN and +-inf by x's class (vfixupimmps).
 * beta outside 2^+-100 (or not finite in float) runs scalar (accepts).
 * Subnormal x take the same path (no a5_tiny detour): every product on them
 * is an fma and the division is rcp14 and fmas, none of which slows down on
 * subnormals here (make -C fuzz denormal: 0.9-1.0x); the detour cost a
 * fifth of the forward's speed.
 */
#include "simd/avx512_math.h"

#define Z0_HI -0x1.474974p+0f /* z0 = -1.2784645427610738, the zero of f' */
#define Z0_LO 0x1.bdf6fap-27f /* z0 - head */

#define SILU_INFT_POS 0x00570122 /* the vfixupimmps tables (silu_init): beta > 0 */
#define SILU_INFT_NEG 0x00840122 /* beta < 0 */

typedef struct {
    __m512 bh, bl;
    __m512i inft; /* vfixupimmps table for x = NaN and +-inf (silu_init) */
} silu_c;
static inline void silu_init(silu_c *c, const double *p) {
    float h, l;
    act_split(p[0], &h, &l);
    c->bh = A5(h);
    c->bl = A5(l);
    /* a response per class of x (4 bits each, vfixupimmps; classes QNaN,
       SNaN, 0, +1, -inf, +inf, negative, positive from the low bits):
       NaN -> QNaN(x) (2); beta > 0: -inf -> -0 (7), +inf -> +inf (5);
       beta < 0: -inf -> -inf (4), +inf -> +0 (8); +-0 -> x (1: the
       division's correction step turns -0 into +0); the rest keep the
       computed value (0) */
    c->inft = _mm512_set1_epi32(p[0] > 0 ? SILU_INFT_POS : SILU_INFT_NEG);
}
/* z = beta x = zh + zl */
ACT_INLINE __m512 silu_z(__m512 x, const silu_c *c, int one, __m512 *zl) {
    if (one) {
        *zl = _mm512_setzero_ps();
        return x;
    }
    __m512 zh = a5_mul(c->bh, x);
    __m512 l = _mm512_fmadd_ps(c->bl, x, _mm512_fmsub_ps(c->bh, x, zh));
    /* the tail matters only where |z| <= 200 (|zl| <= 2^-17 there); far out
       it would spoil the reduction, and at x = +-inf it is NaN: clamped, NaN
       to a bound (zh carries the NaN of a NaN x) */
    *zl = _mm512_max_ps(_mm512_min_ps(l, A5(0x1p-15f)), A5(-0x1p-15f));
    return zh;
}
/* the forward from z = zh + zl and its sigmoid pieces s; inft is the
   vfixupimmps table (silu_init) */
ACT_INLINE __m512 silu_f_s(__m512 x, __m512 z, a5_sig s, __m512i inft) {
    __mmask16 neg = a5_lt(z, _mm512_setzero_ps());
    /* numerator x or x p (exactly, as a head and a tail): one rounding in
       all; for x p, |x| is capped at 2^120 (vrangeps: the smaller magnitude,
       x's sign) so that it stays finite: from there |z| >= 2^20 and the
       result is a zero of x's sign all the same */
    __m512 xc = _mm512_range_ps(x, A5(0x1p120f), 0x02);
    __m512 a = _mm512_mask_mov_ps(x, neg, a5_mul(xc, s.p));
    __m512 al = _mm512_maskz_fmsub_ps(neg, xc, s.p, a);
    __m512 y = a5_div_1pe2(a, al, s.e);
    y = _mm512_mask_scalef_ps(y, neg, y, s.n);
    /* finite x far out needs nothing more: for z > 104 e is 0, rcp14(1) = 1
       and the residual 0, so y = x exactly; for z < -200 the scaling gives
       a zero of x's sign. x = +-inf (inf - inf in the residual) and NaN take
       their limits by x's class in one vfixupimmps */
    return _mm512_fixupimm_ps(y, x, inft, 0);
}
ACT_INLINE __m512 silu_f(__m512 x, const silu_c *c, int one) {
    __m512 zl, z = silu_z(x, c, one, &zl);
    a5_sig s = one ? a5_sig_init0_dropnan(z) : a5_sig_init(z, zl); /* NaN: the fixup */
    return silu_f_s(x, z, s, c->inft);
}
/* beta = 1 in two passes (ACT512_FWD_2PASS): e^-|x| as p and n, then the
   rest; the table of silu_init for beta > 0 (tests/test_kernels.c's
   test_long_tiles puts NaN and +-inf through it) */
ACT_INLINE void silu_s1(__m512 x, float *b, size_t j) {
    a5_sig s = a5_sig_init0_dropnan(x);
    _mm512_store_ps(b + j, s.p);
    _mm512_store_ps(b + ACT512_2P_BLOCK + j, s.n);
}
ACT_INLINE __m512 silu_s2(__m512 x, const float *b, size_t j) {
    a5_sig s = a5_sig_from_pn(_mm512_load_ps(b + j), _mm512_load_ps(b + ACT512_2P_BLOCK + j));
    return silu_f_s(x, x, s, _mm512_set1_epi32(SILU_INFT_POS));
}

/* f'(z0 + d)/d, d in [-0.25, 0.25] */
ACT_INLINE __m512 silu_root(__m512 d) {
    __m512 r = A5(0x1.9df3eap-11f);
    r = _mm512_fmadd_ps(r, d, A5(0x1.338cf0p-13f));
    r = _mm512_fmadd_ps(r, d, A5(-0x1.b0eec8p-8f));
    r = _mm512_fmadd_ps(r, d, A5(-0x1.f2d61ap-7f));
    r = _mm512_fmadd_ps(r, d, A5(0x1.353eaap-6f));
    r = _mm512_fmadd_ps(r, d, A5(0x1.2c5634p-3f));
    r = _mm512_fmadd_ps(r, d, A5(0x1.be1410p-3f));
    return a5_mul(r, d);
}
ACT_INLINE __m512 silu_b(__m512 x, __m512 dy, const silu_c *c, int one) {
    __m512 zl, zh = silu_z(x, c, one, &zl);
    a5_sig s = one ? a5_sig_init0_dropnan(zh) : a5_sig_init(zh, zl);       /* NaN: zc */
    __m512 zc = _mm512_max_ps(A5(-200.0f), _mm512_min_ps(A5(200.0f), zh)); /* NaN passes */
    __mmask16 neg = a5_lt(zh, _mm512_setzero_ps());
    /* one division for both signs, over (1 + e)^2 = D + Dl; the numerator
       z >= 0: 1 + e + z e = d + (dl + z e), Fast2Sum (d >= 1 > z e);
       z < 0:  2^n p N, N = 1 + z + e, N and p N carried as head + tail */
    __m512 ze = _mm512_fmadd_ps(zc, s.e, s.dl);
    __m512 Ph = _mm512_add_ps(s.d, ze);
    __m512 Pl = _mm512_add_ps(_mm512_sub_ps(s.d, Ph), ze);
    __m512 Nl, N = a5_two_sum(_mm512_add_ps(A5(1.0f), zc), s.e, &Nl);
    __m512 D = a5_mul(s.d, s.d);
    __m512 Dl = _mm512_fmadd_ps(_mm512_add_ps(s.d, s.d), s.dl, _mm512_fmsub_ps(s.d, s.d, D));
    __m512 A = a5_mul(s.p, N);
    __m512 Al = _mm512_fmadd_ps(s.p, _mm512_add_ps(Nl, zl), _mm512_fmsub_ps(s.p, N, A));
    __m512 q = a5_div_corr2(_mm512_mask_mov_ps(Ph, neg, A), _mm512_mask_mov_ps(Pl, neg, Al), D, Dl);
    /* z < 0: f' = 2^n q, 2^n on q before dy: exact while f' is a normal
       float (z above -87.3), so f' dy is rounded once there; further left
       f' is rounded to the subnormal grid (within 2^-150, inside the
       contract's FLT_MIN below FLT_MIN), and q dy no longer overflows, as
       it did for |dy| above 2^119 with 2^n applied after dy */
    __m512 r = a5_mul(_mm512_mask_scalef_ps(q, neg, q, s.n), dy);
    /* near the zero of f' */
    __m512 d = _mm512_add_ps(_mm512_sub_ps(zh, A5(Z0_HI)), _mm512_sub_ps(zl, A5(Z0_LO)));
    __mmask16 root = _mm512_cmp_ps_mask(a5_abs(d), A5(0.25f), _CMP_LE_OQ);
    r = _mm512_mask_mov_ps(r, root, a5_mul(silu_root(d), dy));
    return r;
}
/* the forward's loops for beta = 1 and for any beta, eight vectors an
   iteration in cache and four from the streaming size (ACT512_U8: 1.4-1.6x
   at 16 Mi floats against eight there); beta = 1 below the streaming size
   in two passes (ACT512_FWD_2PASS: 1.04-1.05x at 4 Ki and 256 Ki, 0.98x at
   16 Mi against the one pass of four); the backward four vectors an
   iteration in cache and eight from the streaming size (1.06x there) */
ACT_INLINE __m512 silu_f1(__m512 x, const silu_c *c) { return silu_f(x, c, 1); }
ACT_INLINE __m512 silu_fb(__m512 x, const silu_c *c) { return silu_f(x, c, 0); }
ACT512_FWD_U(silu_fwd_1, silu_c, silu_init, silu_f1, 1, ACT_MIXED)
ACT512_FWD_U(silu_fwd_b, silu_c, silu_init, silu_fb, 1, ACT_MIXED)
ACT512_FWD_2PASS(silu_fwd_2p, silu_fwd_1, 2, silu_s1, silu_s2, 0, ACT_MIXED)
static void silu_fwd(const double *p, size_t n, const float *x, float *y) {
    (p[0] == 1 ? silu_fwd_2p : silu_fwd_b)(p, n, x, y);
}
ACT512_BWD_ONE_U(silu_bwd, silu_c, silu_init, silu_b, 2, ACT_MIXED)

/* beta (and its float head) well inside the float range */
static int silu_accepts(const double *p) {
    return p[0] == 0 ? 0 : fabs(p[0]) >= 0x1p-100 && fabs(p[0]) <= 0x1p100;
}
ACT512_DEFINE(silu, silu_fwd, silu_bwd, NULL, silu_accepts)
