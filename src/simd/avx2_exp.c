/*
 * avx2_exp.c - exp, base^(shift + scale x) (Caffe Exp), AVX2. The algorithm
 * of avx512_exp.c, with 2^n applied by a2_ldexp (two exact power-of-two
 * steps) where AVX-512 has scalef:
 *   e^x: x clamped to [-104, 89], e^x = p 2^k (the 8-entry table exp of
 *   avx2_math.h), one final rounding; backward p dy 2^k by
 *   a2_mul_dy_ldexpi (one rounding for any float dy), x clamped to
 *   [-200, 200];
 *   other parameters: w = L (scale x + shift) formed and reduced in double,
 *   r handed over as head + tail; f' = c e^w as (p cm) dy 2^(n + ce).
 * scale = 0, base = 1 and extreme parameters run scalar (accepts).
 */
#include "simd/avx2_math.h"

typedef struct {
    int unused;
} ex_c;
ACT_INLINE void ex_init(ex_c *c, const double *p) {
    (void)p;
    c->unused = 0;
}
ACT_INLINE __m256 ex_clamp(__m256 x) {
    return _mm256_max_ps(A2(-104.0f), _mm256_min_ps(A2(89.0f), x)); /* NaN passes */
}
ACT_INLINE __m256 ex_f(__m256 x, const ex_c *c) {
    (void)c;
    __m256i k;
    __m256 p = a2_exp_lut0(ex_clamp(x), &k);
    return a2_ldexpi(p, k);
}
/* dy e^x = p dy 2^k by a2_mul_dy_ldexpi (one rounding for any float dy),
   x clamped to [-200, 200] (beyond, dy e^x is 0 or inf for every float dy) */
ACT_INLINE __m256 ex_b(__m256 x, __m256 dy, const ex_c *c) {
    (void)c;
    __m256i k;
    __m256 p = a2_exp_lut0(_mm256_max_ps(A2(-200.0f), _mm256_min_ps(A2(200.0f), x)), &k);
    return a2_mul_dy_ldexpi(p, dy, k);
}
ACT_INLINE __m256 ex_by(__m256 y, __m256 dy, const ex_c *c) {
    (void)c;
    return a2_mul(y, dy);
}
ACT256_FWD(ex_fwd, ex_c, ex_init, ex_f, ACT_CACHED)
ACT256_BWD(ex_bwd, ex_c, ex_init, ex_b, ACT_MIXED)
ACT256_BWD(ex_bwdy, ex_c, ex_init, ex_by, ACT_STREAM)

typedef struct {
    __m256d s, t, l, wlo, whi, cd;
    __m256 cm, ce;
} exg_c;
static void exg_init_common(exg_c *c, const double *p, int deriv) {
    double L = p[0] == -1 ? 1.0 : log(p[0]);
    double cc = L * p[1];
    int e;
    double m = frexp(cc, &e);
    c->s = _mm256_set1_pd(p[1]);
    c->t = _mm256_set1_pd(p[2]);
    c->l = _mm256_set1_pd(L);
    c->cm = A2((float)(2 * m));
    c->ce = A2((float)(e - 1));
    c->cd = _mm256_set1_pd(cc);
    double sh = log(fabs(cc)); /* avx512_exp.c */
    c->wlo = _mm256_set1_pd(deriv ? -200.0 - sh : -104.0);
    c->whi = _mm256_set1_pd(deriv ? 200.0 - sh : 89.0);
}
ACT_INLINE void exg_init(exg_c *c, const double *p) { exg_init_common(c, p, 0); }
ACT_INLINE void exg_init_d(exg_c *c, const double *p) { exg_init_common(c, p, 1); }

ACT_INLINE void exg_reduce4(__m128 x4, const exg_c *c, __m128 *rh, __m128 *rl, __m128 *n) {
    __m256d w = _mm256_mul_pd(_mm256_fmadd_pd(c->s, _mm256_cvtps_pd(x4), c->t), c->l);
    w = _mm256_max_pd(c->wlo, _mm256_min_pd(c->whi, w));
    __m256d dn = _mm256_round_pd(_mm256_mul_pd(w, _mm256_set1_pd(0x1.71547652b82fep+0)),
                                 _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m256d r = _mm256_fnmadd_pd(dn, _mm256_set1_pd(0x1.62e42fefa39efp-1), w);
    r = _mm256_fnmadd_pd(dn, _mm256_set1_pd(0x1.abc9e3b39803fp-56), r);
    *rh = _mm256_cvtpd_ps(r);
    *rl = _mm256_cvtpd_ps(_mm256_sub_pd(r, _mm256_cvtps_pd(*rh)));
    *n = _mm256_cvtpd_ps(dn);
}
ACT_INLINE __m256 join(__m128 lo, __m128 hi) {
    return _mm256_insertf128_ps(_mm256_castps128_ps256(lo), hi, 1);
}
ACT_INLINE __m256 exg_pn(__m256 x, const exg_c *c, __m256 *n) {
    __m128 rh0, rl0, n0, rh1, rl1, n1;
    exg_reduce4(_mm256_castps256_ps128(x), c, &rh0, &rl0, &n0);
    exg_reduce4(_mm256_extractf128_ps(x, 1), c, &rh1, &rl1, &n1);
    __m256 rh = join(rh0, rh1), rl = join(rl0, rl1);
    *n = join(n0, n1);
    __m256 p = _mm256_add_ps(A2(1.0f), a2_expm1_poly(rh));
    return _mm256_fmadd_ps(p, rl, p);
}
ACT_INLINE __m256 exg_f(__m256 x, const exg_c *c) {
    __m256 n, p = exg_pn(x, c, &n);
    return a2_ldexp(p, n);
}
ACT_INLINE __m256 exg_b(__m256 x, __m256 dy, const exg_c *c) {
    __m256 n, p = exg_pn(x, c, &n);
    __m256i e = _mm256_cvtps_epi32(_mm256_add_ps(n, c->ce)); /* integral, |e| <= 400 */
    return a2_mul_dy_ldexpi(a2_mul(p, c->cm), dy, e);
}
ACT_INLINE __m256 exg_by(__m256 y, __m256 dy, const exg_c *c) {
    __m256d lo = _mm256_mul_pd(_mm256_cvtps_pd(_mm256_castps256_ps128(dy)),
                               _mm256_mul_pd(c->cd, _mm256_cvtps_pd(_mm256_castps256_ps128(y))));
    __m256d hi = _mm256_mul_pd(_mm256_cvtps_pd(_mm256_extractf128_ps(dy, 1)),
                               _mm256_mul_pd(c->cd, _mm256_cvtps_pd(_mm256_extractf128_ps(y, 1))));
    return join(_mm256_cvtpd_ps(lo), _mm256_cvtpd_ps(hi));
}
ACT256_FWD(exg_fwd, exg_c, exg_init, exg_f, ACT_CACHED)
ACT256_BWD(exg_bwd, exg_c, exg_init_d, exg_b, ACT_MIXED)
ACT256_BWD(exg_bwdy, exg_c, exg_init, exg_by, ACT_STREAM)

static int exp_default(const double *p) { return p[0] == -1 && p[1] == 1 && p[2] == 0; }
static void exp_fwd(const double *p, size_t n, const float *x, float *y) {
    if (exp_default(p))
        ex_fwd(p, n, x, y);
    else
        exg_fwd(p, n, x, y);
}
static void exp_bwd(const double *p, size_t n, const float *x, const float *dy, float *dx) {
    if (exp_default(p))
        ex_bwd(p, n, x, dy, dx);
    else
        exg_bwd(p, n, x, dy, dx);
}
static void exp_bwdy(const double *p, size_t n, const float *y, const float *dy, float *dx) {
    if (exp_default(p))
        ex_bwdy(p, n, y, dy, dx);
    else
        exg_bwdy(p, n, y, dy, dx);
}
static int exp_accepts(const double *p) {
    if (exp_default(p)) return 1;
    if (p[1] == 0 || p[0] == 1) return 0;
    double L = p[0] == -1 ? 1.0 : log(p[0]), c = fabs(L * p[1]);
    return c >= 0x1p-100 && c <= 0x1p100 && fabs(p[1]) <= 0x1p100 && fabs(p[2]) <= 0x1p100;
}
ACT256_DEFINE(exp, exp_fwd, exp_bwd, exp_bwdy, exp_accepts)
