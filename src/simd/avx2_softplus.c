/*
 * avx2_softplus.c - softplus (PyTorch's beta and threshold), AVX2 (see
 * avx512_softplus.c): the exact predicate beta x > threshold as x > X,
 * z = beta x as head + tail, f = max(x, 0) + log(1 + e^-|z|)/beta through
 * a2_log1p_sig scaled by a2_ldexpi last; f' = sigmoid(z).
 */
#include "simd/avx2_math.h"

typedef struct {
    __m256 bh, bl, ih, il, xt;
} sp_c;
static int sp_linear(double x, double b, double t) {
    double z = b * x;
    if (z != t) return z > t;
    return isfinite(z) && fma(b, x, -z) > 0;
}
static void sp_init(sp_c *c, const double *p) {
    float h, l;
    act_split(p[0], &h, &l);
    c->bh = A2(h);
    c->bl = A2(l);
    act_split(1.0 / p[0], &h, &l);
    c->ih = A2(h);
    c->il = A2(l);
    float X = INFINITY;
    if (isfinite(p[1])) {
        X = (float)(p[1] / p[0]);
        while (isfinite(X) && sp_linear(X, p[0], p[1]))
            X = nextafterf(X, -INFINITY);
        while (!sp_linear(nextafterf(X, INFINITY), p[0], p[1]) && X < FLT_MAX)
            X = nextafterf(X, INFINITY);
        if (X >= FLT_MAX && !sp_linear(INFINITY, p[0], p[1])) X = INFINITY;
    }
    c->xt = A2(X);
}
ACT_INLINE __m256 sp_z(__m256 x, const sp_c *c, int one, __m256 *zl) {
    if (one) {
        *zl = _mm256_setzero_ps();
        return x;
    }
    __m256 zh = a2_mul(c->bh, x);
    __m256 l = _mm256_fmadd_ps(c->bl, x, _mm256_fmsub_ps(c->bh, x, zh));
    *zl = _mm256_max_ps(_mm256_min_ps(l, A2(0x1p-15f)), A2(-0x1p-15f));
    return zh;
}
ACT_INLINE __m256 sp_f(__m256 x, const sp_c *c, int one) {
    __m256 zl, z = sp_z(x, c, one, &zl);
    a2_sig s = one ? a2_sig_init0(z) : a2_sig_init(z, zl);
    __m256 t, q2 = a2_log1p_sig2(&s, &t);
    __m256 L = one ? _mm256_add_ps(q2, t)
                   : _mm256_fmadd_ps(q2, c->ih, _mm256_fmadd_ps(q2, c->il, a2_mul(t, c->ih)));
    __m256 f = _mm256_add_ps(_mm256_max_ps(_mm256_setzero_ps(), x), a2_ldexpi(L, s.n));
    return a2_sel(a2_gt(x, c->xt), x, f);
}
ACT_INLINE __m256 sp_b(__m256 x, __m256 dy, const sp_c *c, int one) {
    __m256 zl, z = sp_z(x, c, one, &zl);
    a2_sig s = one ? a2_sig_init0(z) : a2_sig_init(z, zl);
    __m256 neg = a2_lt(z, _mm256_setzero_ps());
    __m256 q = a2_div_1pe(a2_sel(neg, s.p, A2(1.0f)), s.e);
    q = a2_mul(a2_sel(neg, a2_mul(q, a2_pow2i(s.n)), q), dy);
    return a2_sel(a2_gt(x, c->xt), dy, q);
}
ACT256_FWD_ONE(sp_fwd, sp_c, sp_init, sp_f, ACT_CACHED)
ACT256_BWD_ONE(sp_bwd, sp_c, sp_init, sp_b, ACT_CACHED)

static int sp_accepts(const double *p) { return p[0] >= 0x1p-100 && p[0] <= 0x1p100; }
ACT256_DEFINE(softplus, sp_fwd, sp_bwd, NULL, sp_accepts)
