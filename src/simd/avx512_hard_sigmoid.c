/*
 * avx512_hard_sigmoid.c - hard_sigmoid clip(alpha x + beta, 0, 1), AVX-512.
 * t = alpha x + beta is formed in double with one fma, as the scalar kernel
 * does: with alpha and beta rounded to float, t would lose its relative
 * accuracy near the lower knee (alpha = 1/6, x near -3: t ~ 1e-8 while the
 * float rounding of alpha alone moves t by 2e-8). Forward is then bit-exact
 * with the scalar kernel (but for -0 where t rounds to -0: max(0, t) keeps
 * the NaN and the -0). f' = alpha where 0 < t < 1 exactly, 0 elsewhere
 * (alpha rounded to float: dy alpha within an ulp of the scalar kernel's);
 * where the fma rounds to t == 1 the sign of the exact alpha x + beta - 1 is
 * decided as in fn_hard_sigmoid.c.
 * alpha > 0, so t > 0 and the exact alpha x + beta < 1 each hold on one side
 * of a float threshold: the derivative's floats are an interval [lo, hi],
 * found once per call from -beta/alpha and (1 - beta)/alpha by stepping
 * float by float with the scalar predicate (a few steps), and the backward
 * pass is two compares. Should the steps not settle (they always do), the
 * pass decides each lane in double as the forward does.
 */
#include "simd/avx512_math.h"
#include "simd/hard_sigmoid_edges.h"

typedef struct {
    __m512d a, b;
    __m512 af;
    double ad, bd;
    int interval; /* lo, hi found: x in [lo, hi] is where f' = alpha */
    __m512 lo, hi;
} hsig_c;

ACT_INLINE void hsig_init(hsig_c *c, const double *p) {
    c->a = _mm512_set1_pd(p[0]);
    c->b = _mm512_set1_pd(p[1]);
    c->af = A5((float)p[0]);
    c->ad = p[0];
    c->bd = p[1];
    c->interval = 0;
}
/* backward's: also the interval (forward does not need it) */
ACT_INLINE void hsig_init_b(hsig_c *c, const double *p) {
    hsig_init(c, p);
    float lo = 0, hi = 0;
    c->interval = hsig_interval(p[0], p[1], &lo, &hi);
    c->lo = A5(lo);
    c->hi = A5(hi);
}

ACT_INLINE __m512 hsig_f(__m512 x, const hsig_c *c) {
    __m512d tl = _mm512_fmadd_pd(c->a, _mm512_cvtps_pd(_mm512_castps512_ps256(x)), c->b);
    __m512d th = _mm512_fmadd_pd(c->a, _mm512_cvtps_pd(_mm512_extractf32x8_ps(x, 1)), c->b);
    __m512 t =
        _mm512_insertf32x8(_mm512_castps256_ps512(_mm512_cvtpd_ps(tl)), _mm512_cvtpd_ps(th), 1);
    return _mm512_min_ps(A5(1.0f), _mm512_max_ps(_mm512_setzero_ps(), t));
}
ACT_INLINE __m512 hsig_b(__m512 x, __m512 dy, const hsig_c *c) {
    if (c->interval) {
        __mmask16 in = _mm512_mask_cmp_ps_mask(a5_ge(x, c->lo), x, c->hi, _CMP_LE_OQ);
        return a5_nan_from(a5_mul(dy, _mm512_maskz_mov_ps(in, c->af)), x);
    }
    __m512d tl = _mm512_fmadd_pd(c->a, _mm512_cvtps_pd(_mm512_castps512_ps256(x)), c->b);
    __m512d th = _mm512_fmadd_pd(c->a, _mm512_cvtps_pd(_mm512_extractf32x8_ps(x, 1)), c->b);
    __m512d zero = _mm512_setzero_pd(), one = _mm512_set1_pd(1.0);
    __mmask16 in = (__mmask16)(_mm512_cmp_pd_mask(tl, zero, _CMP_GT_OQ) &
                               _mm512_cmp_pd_mask(tl, one, _CMP_LT_OQ)) |
                   (__mmask16)((_mm512_cmp_pd_mask(th, zero, _CMP_GT_OQ) &
                                _mm512_cmp_pd_mask(th, one, _CMP_LT_OQ))
                               << 8);
    __mmask16 eq = (__mmask16)_mm512_cmp_pd_mask(tl, one, _CMP_EQ_OQ) |
                   (__mmask16)(_mm512_cmp_pd_mask(th, one, _CMP_EQ_OQ) << 8);
    if (eq) { /* rare: t rounded to 1 exactly */
        float xs[16];
        _mm512_storeu_ps(xs, x);
        for (int i = 0; i < 16; i++)
            if (((eq >> i) & 1) && act_hard_sigmoid_sign_minus1(c->ad, (double)xs[i], c->bd) < 0)
                in = (__mmask16)(in | (1u << i));
    }
    __m512 r = a5_mul(dy, _mm512_maskz_mov_ps(in, c->af));
    return a5_nan_from(r, x);
}
ACT512_FWD(hsig_fwd, hsig_c, hsig_init, hsig_f, ACT_MIXED)
ACT512_BWD(hsig_bwd, hsig_c, hsig_init_b, hsig_b, ACT_STREAM)

/* alpha a normal float (the derivative's value), both finite in float */
static int hsig_accepts(const double *p) {
    return fabs(p[0]) >= FLT_MIN && fabs(p[0]) <= FLT_MAX && fabs(p[1]) <= FLT_MAX;
}
ACT512_DEFINE(hard_sigmoid, hsig_fwd, hsig_bwd, NULL, hsig_accepts)
