/*
 * avx512_exp.c - exp, base^(shift + scale x) (Caffe Exp), AVX-512.
 *   f  = e^w,  w = L (scale x + shift),  L = 1 for base e (base = -1), ln(base) otherwise
 *   f' = c e^w,  c = L scale;  from y: c y.
 * Default parameters (e^x): x clamped to [-104, 89] (beyond, e^x rounds to 0
 * or overflows), e^x = p 2^k (the table exp of avx512_math.h: p within 0.6
 * ulp), scalef gives
 * the one final rounding, also into the subnormal range and to +inf exactly
 * where e^x rounds past FLT_MAX. Backward takes dy apart as dm 2^de and
 * scales p dm by 2^(k + de), so dy e^x has one rounding for every float dy,
 * a subnormal one included, and overflows (or not) exactly where the product
 * does, also where e^x alone would (x clamped to [-200, 200] there).
 * Other parameters: w is formed in double (a float w would carry a relative
 * error of 2^-24 that e^w turns into |w| 2^-24, up to 100 ulp), reduced there
 * (w = n ln2 + r) and r handed to the float polynomial (a5_expm1_poly) as
 * head + tail.
 * f' = c e^w as scalef(p cm dm, n + ce + de) with c = cm 2^ce. scale = 0 and
 * base = 1 (constant functions, which the scalar kernel returns even at
 * x = +-inf) and extreme parameters run scalar (accepts).
 */
#include "simd/avx512_math.h"

/* ---- e^x ---------------------------------------------------------------------- */

typedef struct {
    int unused;
} ex_c;
ACT_INLINE void ex_init(ex_c *c, const double *p) {
    (void)p;
    c->unused = 0;
}
ACT_INLINE __m512 ex_clamp(__m512 x) {
    return _mm512_max_ps(A5(-104.0f), _mm512_min_ps(A5(89.0f), x)); /* NaN passes */
}
ACT_INLINE __m512 ex_f(__m512 x, const ex_c *c) {
    (void)c;
    __m512 k, p = a5_exp_lut0(ex_clamp(x), &k);
    return _mm512_scalef_ps(p, k);
}
/* dy e^x = (p dm) 2^(k + de) with dy = dm 2^de (vgetmantps / vgetexpps, a
   subnormal dy included): one rounding, in the final scalef, for every dy,
   also where e^x alone overflows (x clamped to [-200, 200] instead: beyond,
   dy e^x is 0 or inf for every float dy) */
ACT_INLINE __m512 ex_b(__m512 x, __m512 dy, const ex_c *c) {
    (void)c;
    __m512 k, p = a5_exp_lut0(_mm512_max_ps(A5(-200.0f), _mm512_min_ps(A5(200.0f), x)), &k);
    __m512 dm = _mm512_getmant_ps(dy, _MM_MANT_NORM_1_2, _MM_MANT_SIGN_src);
    return _mm512_scalef_ps(a5_mul(p, dm), _mm512_add_ps(k, _mm512_getexp_ps(dy)));
}
/* c = 1: dy y, one rounding as the scalar kernel's double product */
ACT_INLINE __m512 ex_by(__m512 y, __m512 dy, const ex_c *c) {
    (void)c;
    return a5_mul(y, dy);
}
/* eight vectors an iteration in cache, four from the streaming size
   (ACT512_U8: one line in sixteen through the cache there): 1.07-1.16x
   forward, 1.02-1.03x backward at 16 Mi (bench/ab.c, nineteenth session) */
ACT512_FWD_U(ex_fwd, ex_c, ex_init, ex_f, 1, ACT_MIXED)
ACT512_BWD_U(ex_bwd, ex_c, ex_init, ex_b, 1, ACT_MIXED)
ACT512_BWD(ex_bwdy, ex_c, ex_init, ex_by, ACT_STREAM)

/* ---- base^(shift + scale x) ----------------------------------------------------------- */

typedef struct {
    __m512d s, t, l;  /* scale, shift, L */
    __m512d wlo, whi; /* clamp of w: forward, or where c e^w can be a nonzero float */
    __m512 cm, ce;    /* c = cm 2^ce, cm in [1, 2) (sign included) */
    __m512d cd;       /* c in double (from y) */
} exg_c;

static void exg_init_common(exg_c *c, const double *p, int deriv) {
    double L = p[0] == -1 ? 1.0 : log(p[0]);
    double cc = L * p[1];
    int e;
    double m = frexp(cc, &e); /* cc = m 2^e, 0.5 <= |m| < 1 */
    c->s = _mm512_set1_pd(p[1]);
    c->t = _mm512_set1_pd(p[2]);
    c->l = _mm512_set1_pd(L);
    c->cm = A5((float)(2 * m));
    c->ce = A5((float)(e - 1));
    c->cd = _mm512_set1_pd(cc);
    /* e^w rounds to 0 below -104 and overflows above 89; dy c e^w is 0 or
       inf for every float dy once |c e^w| is outside 2^+-277 (|w + ln|c|| >
       192) */
    double sh = log(fabs(cc));
    c->wlo = _mm512_set1_pd(deriv ? -200.0 - sh : -104.0);
    c->whi = _mm512_set1_pd(deriv ? 200.0 - sh : 89.0);
}
ACT_INLINE void exg_init(exg_c *c, const double *p) { exg_init_common(c, p, 0); }
ACT_INLINE void exg_init_d(exg_c *c, const double *p) { exg_init_common(c, p, 1); }

/* w for 8 lanes in double, reduced: w = n ln2 + r, r = rh + rl */
ACT_INLINE void exg_reduce8(__m256 x8, const exg_c *c, __m256 *rh, __m256 *rl, __m256 *n) {
    __m512d w = _mm512_mul_pd(_mm512_fmadd_pd(c->s, _mm512_cvtps_pd(x8), c->t), c->l);
    w = _mm512_max_pd(c->wlo, _mm512_min_pd(c->whi, w)); /* NaN passes */
    __m512d dn = _mm512_roundscale_pd(_mm512_mul_pd(w, _mm512_set1_pd(0x1.71547652b82fep+0)),
                                      _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m512d r = _mm512_fnmadd_pd(dn, _mm512_set1_pd(0x1.62e42fefa39efp-1), w); /* ln2, head */
    r = _mm512_fnmadd_pd(dn, _mm512_set1_pd(0x1.abc9e3b39803fp-56), r);        /* ln2 - head */
    *rh = _mm512_cvtpd_ps(r);
    *rl = _mm512_cvtpd_ps(_mm512_sub_pd(r, _mm512_cvtps_pd(*rh)));
    *n = _mm512_cvtpd_ps(dn);
}
ACT_INLINE __m512 join(__m256 lo, __m256 hi) {
    return _mm512_insertf32x8(_mm512_castps256_ps512(lo), hi, 1);
}
/* e^w = p 2^n */
ACT_INLINE __m512 exg_pn(__m512 x, const exg_c *c, __m512 *n) {
    __m256 rh0, rl0, n0, rh1, rl1, n1;
    exg_reduce8(_mm512_castps512_ps256(x), c, &rh0, &rl0, &n0);
    exg_reduce8(_mm512_extractf32x8_ps(x, 1), c, &rh1, &rl1, &n1);
    __m512 rh = join(rh0, rh1), rl = join(rl0, rl1);
    *n = join(n0, n1);
    __m512 p = _mm512_add_ps(A5(1.0f), a5_expm1_poly(rh));
    return _mm512_fmadd_ps(p, rl, p); /* e^(rh + rl) = e^rh (1 + rl) */
}
ACT_INLINE __m512 exg_f(__m512 x, const exg_c *c) {
    __m512 n, p = exg_pn(x, c, &n);
    return _mm512_scalef_ps(p, n);
}
/* dy c e^w = (p cm dm) 2^(n + ce + de), dy = dm 2^de as in ex_b */
ACT_INLINE __m512 exg_b(__m512 x, __m512 dy, const exg_c *c) {
    __m512 n, p = exg_pn(x, c, &n);
    __m512 dm = _mm512_getmant_ps(dy, _MM_MANT_NORM_1_2, _MM_MANT_SIGN_src);
    __m512 e = _mm512_add_ps(_mm512_add_ps(n, c->ce), _mm512_getexp_ps(dy));
    return _mm512_scalef_ps(a5_mul(a5_mul(p, c->cm), dm), e);
}
/* dy (c y) in double, rounded once: the scalar kernel's result */
ACT_INLINE __m512 exg_by(__m512 y, __m512 dy, const exg_c *c) {
    __m512d lo = _mm512_mul_pd(_mm512_cvtps_pd(_mm512_castps512_ps256(dy)),
                               _mm512_mul_pd(c->cd, _mm512_cvtps_pd(_mm512_castps512_ps256(y))));
    __m512d hi = _mm512_mul_pd(_mm512_cvtps_pd(_mm512_extractf32x8_ps(dy, 1)),
                               _mm512_mul_pd(c->cd, _mm512_cvtps_pd(_mm512_extractf32x8_ps(y, 1))));
    return join(_mm512_cvtpd_ps(lo), _mm512_cvtpd_ps(hi));
}
ACT512_FWD(exg_fwd, exg_c, exg_init, exg_f, ACT_MIXED)
ACT512_BWD(exg_bwd, exg_c, exg_init_d, exg_b, ACT_MIXED)
ACT512_BWD(exg_bwdy, exg_c, exg_init, exg_by, ACT_STREAM)

/* ---- entry points ---------------------------------------------------------------------------- */

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
/* not constant (scale != 0, base != 1), c = L scale within 2^+-100, and scale
   and shift within 2^+-100 too (so that w stays a moderate double) */
static int exp_accepts(const double *p) {
    if (exp_default(p)) return 1;
    if (p[1] == 0 || p[0] == 1) return 0;
    double L = p[0] == -1 ? 1.0 : log(p[0]), c = fabs(L * p[1]);
    return c >= 0x1p-100 && c <= 0x1p100 && fabs(p[1]) <= 0x1p100 && fabs(p[2]) <= 0x1p100;
}
ACT512_DEFINE(exp, exp_fwd, exp_bwd, exp_bwdy, exp_accepts)
