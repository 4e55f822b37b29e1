/*
 * test_kernels.c - the float32 array kernels of every elementwise function,
 * in every variant this CPU runs (scalar, avx2, avx512): every length from 0
 * to 160 (more than two tiles of any variant: bodies and tails) and a few
 * past 512 (the blocks of the kernels that work in two passes), nothing
 * written past the end, in-place calls, NaN in gives NaN out, the variants
 * within 4 ULP of the scalar kernels, the scalar kernel equal to the double
 * reference rounded once, the backward from y against the backward from x,
 * and results that do not depend on the neighbouring elements.
 */
#include "actlab.h"
#include "t.h"

#include <float.h>
#include <stdint.h>
#include <string.h>

enum { N = 160 };

static float rnd(unsigned *s, float lo, float hi) {
    *s = *s * 1664525u + 1013904223u;
    return lo + (hi - lo) * (float)(*s >> 8) / 16777216.0f;
}

static int same_float(float a, float b) {
    return (isnan(a) && isnan(b)) || memcmp(&a, &b, sizeof a) == 0;
}

/* within k ULP (both NaN, or equal infinities, count as equal) */
static int near_float(float a, float b, int k) {
    if (isnan(a) || isnan(b)) return isnan(a) && isnan(b);
    if (isinf(a) || isinf(b)) return a == b;
    float u = fmaxf(fabsf(a), fabsf(b));
    float ulp = u < FLT_MIN ? 0x1p-149f : nextafterf(u, INFINITY) - u;
    return fabsf(a - b) <= k * ulp;
}

/* a spec that must parse: a failed check otherwise */
static int parse_spec(const char *spec, act_fn *fn) {
    char err[256];
    int ok = act_parse(spec, fn, err, sizeof err) == ACT_OK;
    CHECKF(ok, "%s: %s", spec, ok ? "" : err);
    return ok;
}

/* hard_sigmoid's SIMD backward compares x with a float interval found per
   call (src/simd/hard_sigmoid_edges.h): at the knees of several (alpha,
   beta), 40 floats on each side and the extremes, every variant gives the
   scalar kernel's derivative bit for bit, empty and all-covering intervals
   included */
static void test_hard_sigmoid_knees(void) {
    static const char *const specs[] = {
        "hard_sigmoid",
        "hardsigmoid",
        "hard_sigmoid_gulcehre",
        "hard_sigmoid(alpha=3, beta=-1e-30)",
        "hard_sigmoid(alpha=1e-30, beta=0.5)",  /* knees beyond FLT_MAX: all in */
        "hard_sigmoid(alpha=3e38, beta=0)",     /* knees at 0 and a subnormal */
        "hard_sigmoid(alpha=1e-37, beta=1e30)", /* t > 1 everywhere: empty */
        "hard_sigmoid(alpha=0.5, beta=-1e300)", /* t < 0 everywhere: empty */
        "hard_sigmoid(alpha=0.1, beta=0.30000000000000004)",
    };
    enum { M = 2 * 81 + 8 };
    for (size_t k = 0; k < sizeof specs / sizeof specs[0]; k++) {
        act_fn fn;
        if (!parse_spec(specs[k], &fn)) continue;
        float x[M], dy[M], ref[M], got[M];
        int m = 0;
        const double knee[2] = {-fn.p[1] / fn.p[0], (1 - fn.p[1]) / fn.p[0]};
        for (int j = 0; j < 2; j++) {
            float c = (float)fmax(-FLT_MAX, fmin(FLT_MAX, knee[j]));
            for (int i = 0; i < 40; i++)
                c = nextafterf(c, -INFINITY);
            for (int i = 0; i < 81; i++, c = nextafterf(c, INFINITY))
                x[m++] = c;
        }
        const float ext[8] = {0.0f, -0.0f, FLT_MAX, -FLT_MAX, INFINITY, -INFINITY, 0x1p-149f, NAN};
        for (int i = 0; i < 8; i++)
            x[m++] = ext[i];
        for (int i = 0; i < m; i++)
            dy[i] = 1.0f + (float)(i % 3);
        act_backward_x_isa(&fn, ACT_ISA_SCALAR, (size_t)m, x, dy, ref);
        for (int isa = 1; isa < ACT_ISA_COUNT; isa++) {
            if (!act_isa_supported((act_isa)isa) || !act_has_variant(fn.id, (act_isa)isa)) continue;
            act_backward_x_isa(&fn, (act_isa)isa, (size_t)m, x, dy, got);
            for (int i = 0; i < m; i++)
                CHECKF(same_float(got[i], ref[i]), "%s [%s] x=%a: f' %a, scalar %a", specs[k],
                       act_isa_name((act_isa)isa), (double)x[i], (double)got[i], (double)ref[i]);
        }
    }
}

/* error of y in ULP of the exact r (a normal float's range) */
static double ulps(float y, double r) {
    int e;
    frexp(r, &e);
    return fabs((double)y - r) / ldexp(1.0, e - 24);
}

/* gelu's AVX-512 kernel forms G's leading term with a tail that is inexact
   for |x| in (1.952, 2) (src/simd/avx512_gelu.c; the AVX2 kernel broke the
   contract there with the same step): every float with |x| in [1.9, 2],
   both signs, every variant, within the contract's 2 ULP forward and 4 ULP
   for the derivative against the double reference */
static void test_gelu_window(void) {
    act_fn fn;
    act_lookup("gelu", &fn);
    enum { B = 4096 };
    static float x[B], y[B], one[B], dx[B];
    for (int i = 0; i < B; i++)
        one[i] = 1;
    uint32_t lo, hi;
    float flo = 1.9f, fhi = 2.0f;
    memcpy(&lo, &flo, sizeof lo);
    memcpy(&hi, &fhi, sizeof hi);
    for (int isa = 0; isa < ACT_ISA_COUNT; isa++) {
        if (!act_isa_supported((act_isa)isa)) continue;
        double worst_f = 0, worst_d = 0;
        float at_f = 0, at_d = 0;
        for (int sign = 0; sign < 2; sign++)
            for (uint32_t b = lo; b <= hi;) {
                int n = 0;
                for (; n < B && b <= hi; n++, b++) {
                    uint32_t v = b | (uint32_t)sign << 31;
                    memcpy(&x[n], &v, sizeof v);
                }
                act_forward_isa(&fn, (act_isa)isa, (size_t)n, x, y);
                act_backward_x_isa(&fn, (act_isa)isa, (size_t)n, x, one, dx);
                for (int i = 0; i < n; i++) {
                    double ef = ulps(y[i], act_f(&fn, x[i])), ed = ulps(dx[i], act_df(&fn, x[i]));
                    if (ef > worst_f) worst_f = ef, at_f = x[i];
                    if (ed > worst_d) worst_d = ed, at_d = x[i];
                }
            }
        CHECKF(worst_f <= 2 && worst_d <= 4,
               "gelu [%s] on |x| in [1.9, 2]: %.3f ULP at %.9g forward, %.3f ULP at %.9g backward",
               act_isa_name((act_isa)isa), worst_f, (double)at_f, worst_d, (double)at_d);
    }
}

/* the backward's product with dy at the ends of the float range: dy
   subnormal, just above FLT_MIN, near 2^100, 2^124, 2^126 and up to FLT_MAX,
   and infinite, both signs, against the scalar kernel (f' dy in double,
   rounded once) within 4 ULP of the result (units of 2^-149 below FLT_MIN;
   +-inf counts as the float after +-FLT_MAX), also where f' alone overflows
   a float (exp beyond 88.7 with a tiny dy). Where |f'| is below FLT_MIN the
   contract allows an absolute error of FLT_MIN in f', i.e. |dy| FLT_MIN in
   dx: anything for an infinite dy (0 times inf where f' rounds to 0).
   A kernel that scales f' by 2^k after the product where k < 0 overflows
   for dy near FLT_MAX where f' dy is finite (silu and mish left of x = -87
   until the fifteenth session; elu, selu, celu, tanh, softplus, logsigmoid
   and AVX2's sigmoid until the sixteenth), and one that scales it before
   the product where k > 0 (exp beyond 88.7) overflows for a tiny dy.
   The backward from y likewise, against the scalar kernel from the same y. */
static int near_or_overflow(float a, float b, int k) {
    if (near_float(a, b, k)) return 1;
    if (isnan(a) || isnan(b) || (a < 0) != (b < 0)) return 0;
    uint32_t ia, ib; /* the order of the bits: FLT_MAX, then inf */
    float fa = fabsf(a), fb = fabsf(b);
    memcpy(&ia, &fa, sizeof ia);
    memcpy(&ib, &fb, sizeof ib);
    return (isinf(a) || isinf(b)) && (ia > ib ? ia - ib : ib - ia) <= (uint32_t)k;
}
static void check_dy_range(const act_fn *fn, const char *name, float lo, float hi, unsigned *seed) {
    enum { M = 256 };
    static const float scales[] = {0x1p-140f, 0x1p-125f, 0x1p100f, 0x1p124f,
                                   0x1p126f,  0x1p127f,  INFINITY};
    float x[M], y[M], dy[M], dx[M], ref;
    for (int i = 0; i < M; i++) /* the plot range, and beyond it out to +-100 */
        x[i] = i % 4 ? rnd(seed, lo, hi) : rnd(seed, -100, 100);
    for (int isa = 0; isa < ACT_ISA_COUNT; isa++) {
        if (!act_isa_supported((act_isa)isa) || !act_has_variant(fn->id, (act_isa)isa)) continue;
        for (size_t k = 0; k < sizeof scales / sizeof *scales; k++) {
            for (int i = 0; i < M; i++)
                dy[i] = (i & 1 ? -scales[k] : scales[k]) * rnd(seed, 1, 2);
            act_backward_x_isa(fn, (act_isa)isa, M, x, dy, dx);
            for (int i = 0; i < M; i++) {
                act_backward_x_isa(fn, ACT_ISA_SCALAR, 1, &x[i], &dy[i], &ref);
                double df = fabs(act_df(fn, x[i]));
                double slack = df < FLT_MIN ? fabs((double)dy[i]) * FLT_MIN : 0;
                CHECKF(near_or_overflow(dx[i], ref, 4) || slack == INFINITY ||
                           fabs((double)dx[i] - ref) <= slack,
                       "%s [%s] x=%.9g dy=%a: dx %a, scalar %a", name, act_isa_name((act_isa)isa),
                       (double)x[i], (double)dy[i], (double)dx[i], (double)ref);
                if (isinf(dy[i]) && df >= FLT_MIN) /* the sign of f' dy, every variant */
                    CHECKF(isinf(dx[i]) && (dx[i] < 0) == (act_df(fn, x[i]) * dy[i] < 0),
                           "%s [%s] x=%.9g dy=%g: dx %g, f' %g", name, act_isa_name((act_isa)isa),
                           (double)x[i], (double)dy[i], (double)dx[i], act_df(fn, x[i]));
            }
            if (!act_has_backward_y(fn)) continue;
            /* from y: the same product against the scalar kernel's from the
               same y (its g(y) is the reference rounded once) */
            act_forward_isa(fn, ACT_ISA_SCALAR, M, x, y);
            act_backward_y_isa(fn, (act_isa)isa, M, y, dy, dx);
            for (int i = 0; i < M; i++) {
                act_backward_y_isa(fn, ACT_ISA_SCALAR, 1, &y[i], &dy[i], &ref);
                CHECKF(near_or_overflow(dx[i], ref, 4),
                       "%s [%s] from y=%.9g dy=%a: dx %a, scalar %a", name,
                       act_isa_name((act_isa)isa), (double)y[i], (double)dy[i], (double)dx[i],
                       (double)ref);
            }
        }
    }
}
static void test_dy_range(unsigned *seed) {
    for (int id = 0; id < ACT_COUNT; id++) {
        const act_desc *d = act_describe((act_id)id);
        if (d->kind != ACT_KIND_ELEMENTWISE) continue;
        act_fn fn;
        act_lookup(d->name, &fn);
        check_dy_range(&fn, d->name, (float)d->plot_lo, (float)d->plot_hi, seed);
    }
    /* settings with kernels of their own (gelu-tanh's backward overflowed
       for dy near FLT_MAX until the sixteenth session) */
    static const char *const specs[] = {
        "exp(base=2, scale=0.5, shift=1)",
        "exp(scale=-3)",
        "exp(base=10, scale=0.001, shift=-30)",
        "exp(base=0.5, scale=40)",
        "gelu(approximate=tanh)",
        "elu(alpha=3)",
        "elu(alpha=0.2)",
        "celu(alpha=0.3)",
        "celu(alpha=3)", /* y = -alpha from y gave 2^-50 dy until the sixteenth session */
        "softplus(beta=2, threshold=30)",
        "silu(beta=2)",
        "leaky_relu(negative_slope=3)",
    };
    for (size_t k = 0; k < sizeof specs / sizeof *specs; k++) {
        act_fn fn;
        if (!parse_spec(specs[k], &fn)) continue;
        check_dy_range(&fn, specs[k], -5, 5, seed);
    }
}

/* One parameter setting over |x| log-spaced from 1e-45 to 3e38, both signs,
   and the extremes, in every SIMD variant, against the double reference
   rounded once (so half an ULP looser than test_accuracy.c's exact bound):
   the forward within 2 ULP, f' (dy = 1) within 4, f' dy for dy = FLT_MAX and
   2^-140 within 4 (|dy| FLT_MIN where |f'| < FLT_MIN), FLT_MIN absolute
   below the normal range; the backward from y within 4 ULP of the scalar
   kernel's from the same y. */
enum { PX = 2 * 9700 };
static int within_ref(float got, double ref, int k) {
    if (isnan(ref) || isnan(got)) return isnan(ref) && isnan(got);
    if (fabs(ref) < FLT_MIN) return fabs((double)got - ref) <= FLT_MIN;
    return near_or_overflow(got, (float)ref, k);
}
static void check_setting(const act_fn *fn) {
    enum { PY = PX + 8 }; /* the backward from y: f(x), then y outside f's range */
    static float x[PX], y[PX], ys[PY], r[PY], r0[PY], dy[PX], ones[PY];
    static const float dys[] = {0x1.fffffep127f, 0x1p-140f};
    static const float ext[] = {0.0f, -0.0f, INFINITY, -INFINITY, NAN, FLT_MAX, -FLT_MAX};
    int m = 0;
    for (size_t i = 0; i < sizeof ext / sizeof *ext; i++)
        x[m++] = ext[i];
    for (double a = 1e-45; a < 3e38 && m + 2 <= PX; a *= 1.02) {
        x[m++] = (float)a;
        x[m++] = -(float)a;
    }
    for (int i = 0; i < PY; i++)
        ones[i] = 1;
    char spec[256];
    act_format(fn, 0, spec, sizeof spec);
    act_forward_isa(fn, ACT_ISA_SCALAR, (size_t)m, x, ys);
    /* and y outside the range the forward gives (callable all the same) */
    static const float yext[] = {-FLT_MAX, -1e17f, -INFINITY, INFINITY, -1e-30f, 1e30f};
    int my = m;
    for (size_t i = 0; i < sizeof yext / sizeof *yext; i++)
        ys[my++] = yext[i];
    for (int isa = 1; isa < ACT_ISA_COUNT; isa++) {
        if (!act_isa_supported((act_isa)isa) || !act_has_variant(fn->id, (act_isa)isa)) continue;
        const char *iname = act_isa_name((act_isa)isa);
        int bad[4] = {0};
        act_forward_isa(fn, (act_isa)isa, (size_t)m, x, y);
        act_backward_x_isa(fn, (act_isa)isa, (size_t)m, x, ones, r);
        for (int i = 0; i < m; i++) {
            bad[0] += !within_ref(y[i], act_f(fn, x[i]), 2);
            bad[1] += !within_ref(r[i], act_df(fn, x[i]), 4);
        }
        for (size_t k = 0; k < sizeof dys / sizeof *dys; k++) {
            for (int i = 0; i < m; i++)
                dy[i] = dys[k];
            act_backward_x_isa(fn, (act_isa)isa, (size_t)m, x, dy, r);
            for (int i = 0; i < m; i++) {
                double df = act_df(fn, x[i]), ref = df * dys[k];
                if (fabs(df) < FLT_MIN && fabs((double)r[i] - ref) <= dys[k] * (double)FLT_MIN)
                    continue;
                bad[2] += !within_ref(r[i], ref, 4);
            }
        }
        if (act_has_backward_y(fn)) {
            act_backward_y_isa(fn, (act_isa)isa, (size_t)my, ys, ones, r);
            act_backward_y_isa(fn, ACT_ISA_SCALAR, (size_t)my, ys, ones, r0);
            for (int i = 0; i < my; i++)
                bad[3] += !(near_or_overflow(r[i], r0[i], 4) ||
                            (fabsf(r0[i]) < FLT_MIN && fabsf(r[i] - r0[i]) <= FLT_MIN));
        }
        CHECKF(!bad[0] && !bad[1] && !bad[2] && !bad[3],
               "%s [%s] of %d inputs off: %d forward, %d f', %d f' dy (dy = FLT_MAX, 2^-140), "
               "%d from y",
               spec, iname, m, bad[0], bad[1], bad[2], bad[3]);
    }
}
/* parameters at the ends of what the SIMD variants accept (2^+-99 and
   the like), where a constant chosen for moderate parameters can fail.
   Until the sixteenth session AVX2 silu(beta = 2^99) gave x/2 for
   |x| < 2^-60 (its small-x detour tested |x|, not |beta x|), and
   celu(alpha > 1) lost z = x/alpha to the subnormal range (alpha = 2^99: 0
   for x = -1e-30). */
static void test_param_extremes(void) {
    static const char *const specs[] = {
        "elu(alpha=0x1p99)",
        "elu(alpha=0x1p-99)",
        "elu(alpha=-3)",
        "celu(alpha=0x1p99)",
        "celu(alpha=0x1p-99)",
        "celu(alpha=100)",
        "softplus(beta=0x1p99)",
        "softplus(beta=0x1p-99)",
        "silu(beta=0x1p99)",
        "silu(beta=0x1p40)",
        "silu(beta=0x1p-99)",
        "silu(beta=-0x1p99)",
        "leaky_relu(negative_slope=1e30)",
        "hard_sigmoid(alpha=1e30, beta=0.5)",
        "exp(base=1e-10, scale=1e10, shift=100)",
        "exp(scale=-1e30)",
    };
    for (size_t k = 0; k < sizeof specs / sizeof *specs; k++) {
        act_fn fn;
        if (parse_spec(specs[k], &fn)) check_setting(&fn);
    }
}
/* celu's forward near 0 for alphas that are not floats and whose mantissa
   is near 2: z = x/alpha's rounding, lost until the sixteenth session in
   e^z - 1 (its tail added to the reduced argument vanished there), showed
   through alpha's mantissa: 2.4 ULP. Every 128th float of [-0.35, -2^-20],
   within 2 ULP of the double reference. */
static void test_celu_dense(void) {
    static const char *const specs[] = {"celu(alpha=1.9406)", "celu(alpha=0.99)"};
    enum { B = 4096 };
    static float x[B], y[B];
    for (size_t k = 0; k < sizeof specs / sizeof *specs; k++) {
        act_fn fn;
        if (!parse_spec(specs[k], &fn)) continue;
        for (int isa = 1; isa < ACT_ISA_COUNT; isa++) {
            if (!act_isa_supported((act_isa)isa) || !act_has_variant(fn.id, (act_isa)isa)) continue;
            float lo = -0.35f, hi = -0x1p-20f;
            uint32_t a, b;
            memcpy(&a, &hi, sizeof a);
            memcpy(&b, &lo, sizeof b);
            long bad = 0, n = 0;
            for (uint32_t u = a; u <= b;) {
                int m = 0;
                for (; m < B && u <= b; m++, u += 128)
                    memcpy(&x[m], &u, sizeof u);
                act_forward_isa(&fn, (act_isa)isa, (size_t)m, x, y);
                for (int i = 0; i < m; i++, n++)
                    bad += !(ulps(y[i], act_f(&fn, x[i])) <= 2); /* of the exact value */
            }
            CHECKF(bad == 0, "%s [%s]: %ld of %ld forward results beyond 2 ULP", specs[k],
                   act_isa_name((act_isa)isa), bad, n);
        }
    }
}
/* random settings (a fixed seed) of every function with a SIMD variant:
   each real parameter log-uniform in magnitude from 2^-99 to 2^99, uniform
   on its range clipped to [-10, 10], or near its default, a third each, in
   double (not floats: a parameter's float head and tail both matter); integers
   and choices: the default or the next. Those act_validate refuses are drawn
   again. */
static double rnd_double(unsigned *seed) { /* [0, 1), 48 random bits */
    return (double)rnd(seed, 0, 1) + (double)rnd(seed, 0, 1) * 0x1p-24;
}
static double draw_param(const act_param *pm, unsigned *seed) {
    double u = rnd_double(seed);
    if (pm->flags & (ACT_P_INTEGER | ACT_P_CHOICE))
        return u < 0.5 ? pm->def : (pm->flags & ACT_P_CHOICE ? !pm->def : pm->def + 1);
    if (u < 1.0 / 3) {
        double v = ldexp(1 + rnd_double(seed), (int)rnd(seed, -99, 99));
        return rnd(seed, 0, 1) < 0.5f ? -v : v;
    }
    if (u < 2.0 / 3) {
        double lo = fmax(pm->lo, -10), hi = fmin(pm->hi, 10);
        return lo + (hi - lo) * rnd_double(seed);
    }
    return pm->def * (0.5 + rnd_double(seed));
}
static void test_param_random(unsigned *seed) {
    for (int id = 0; id < ACT_COUNT; id++) {
        const act_desc *d = act_describe((act_id)id);
        if (d->kind != ACT_KIND_ELEMENTWISE || d->nparams == 0) continue;
        act_fn def;
        act_lookup(d->name, &def);
        if (!act_has_variant(def.id, ACT_ISA_AVX2) && !act_has_variant(def.id, ACT_ISA_AVX512))
            continue;
        for (int t = 0, tries = 0; t < 12 && tries < 200; tries++) {
            act_fn fn = def;
            for (int i = 0; i < d->nparams; i++)
                fn.p[i] = draw_param(&d->params[i], seed);
            if (act_validate(&fn, NULL, 0) != ACT_OK) continue;
            check_setting(&fn);
            t++;
        }
    }
}

/* An element's result does not depend on its neighbours: the split
   drivers (src/simd/simd.h) run blocks of ordinary inputs through a cheaper
   path that must give the general path's bits. Long arrays of ordinary
   inputs, then the same arrays with outliers (NaN, +-1e30, +-0, a
   subnormal, 100) planted at a few places: every other element the same
   bits, in every variant and direction. Three draws: x on the plotting
   range with dy in [-2, 2]; the same x with dy of any exponent from 2^-140
   to 2^127 (a path that applies 2^k to f' before dy and one that applies
   it after round differently only for such dy); and |x| log-uniform up to
   87 (the edge of silu's ordinary blocks) with those dy. */
/* lengths past the 160 of main's loop: the tiles of the kernels that work
   in blocks (AVX-512 sigmoid, silu and mish forward: two passes over 512
   floats), one short, one exact, one over and two blocks and a tail, with x
   from the plotting range and then with special values (NaN, +-inf, +-0,
   FLT_MAX, subnormals) among it: within 4 ULP of the scalar kernel
   (near_tiny), nothing written past the end, in place the same bits */
/* within 4 ULP of the scalar result, or (the contract's allowance) within
   s FLT_MIN of it where that is below FLT_MIN: s = 1 for f, |dy| for f' dy */
static int near_tiny(float got, float ref, float s) {
    return near_float(got, ref, 4) || (fabsf(ref) < FLT_MIN && fabsf(got - ref) <= s * FLT_MIN);
}
static void test_long_tiles(unsigned *seed) {
    enum { MAXN = 1061 };
    static const int lens[] = {511, 512, 513, MAXN};
    static float x[MAXN + 8], ys[MAXN], y[MAXN + 8], dy[MAXN], dxs[MAXN], dx[MAXN + 8], buf[MAXN];
    /* the second round puts these at every seventh element, so that the
       blocks of the two-pass drivers (512 floats) meet them too */
    static const float special[] = {NAN,        INFINITY, -INFINITY, 0.0f,     -0.0f,
                                    1e30f,      -1e30f,   FLT_MAX,   -FLT_MAX, 0x1p-140f,
                                    -0x1p-140f, 100.0f,   -100.0f,   FLT_MIN,  -FLT_MIN};
    const int nsp = (int)(sizeof special / sizeof *special);
    for (int round = 0; round < 2; round++)
        for (int id = 0; id < ACT_COUNT; id++) {
            const act_desc *d = act_describe((act_id)id);
            if (d->kind != ACT_KIND_ELEMENTWISE) continue;
            act_fn fn;
            act_lookup(d->name, &fn);
            for (int i = 0; i < MAXN; i++) {
                x[i] = rnd(seed, (float)d->plot_lo, (float)d->plot_hi);
                dy[i] = rnd(seed, -2, 2);
                if (round == 1 && i % 7 == 3) x[i] = special[(i / 7) % nsp];
            }
            for (int isa = 0; isa < ACT_ISA_COUNT; isa++) {
                if (isa == ACT_ISA_SCALAR || !act_isa_supported((act_isa)isa) ||
                    !act_has_variant(fn.id, (act_isa)isa))
                    continue;
                for (int k = 0; k < (int)(sizeof lens / sizeof *lens); k++) {
                    size_t n = (size_t)lens[k];
                    for (size_t i = 0; i < MAXN + 8; i++)
                        y[i] = dx[i] = NAN;
                    act_forward_isa(&fn, ACT_ISA_SCALAR, n, x, ys);
                    act_backward_x_isa(&fn, ACT_ISA_SCALAR, n, x, dy, dxs);
                    act_forward_isa(&fn, (act_isa)isa, n, x, y);
                    act_backward_x_isa(&fn, (act_isa)isa, n, x, dy, dx);
                    size_t i = 0;
                    while (i < n && near_tiny(y[i], ys[i], 1) &&
                           near_tiny(dx[i], dxs[i], fabsf(dy[i])))
                        i++;
                    CHECKF(i == n,
                           "%s [%s] n=%zu i=%zu x=%.9g: f %.9g vs scalar %.9g, dx %.9g vs %.9g",
                           d->name, act_isa_name((act_isa)isa), n, i, (double)x[i % n],
                           (double)y[i % n], (double)ys[i % n], (double)dx[i % n],
                           (double)dxs[i % n]);
                    for (i = n; i < n + 8; i++)
                        CHECKF(isnan(y[i]) && isnan(dx[i]),
                               "%s [%s] n=%zu wrote past the end at %zu", d->name,
                               act_isa_name((act_isa)isa), n, i);
                    memcpy(buf, x, n * sizeof *buf);
                    act_forward_isa(&fn, (act_isa)isa, n, buf, buf);
                    i = 0;
                    while (i < n && same_float(buf[i], y[i]))
                        i++;
                    CHECKF(i == n, "%s [%s] in place differs at n=%zu i=%zu", d->name,
                           act_isa_name((act_isa)isa), n, i);
                }
            }
        }
}

enum { LONG = 3 * 4096 + 13 };
static float rnd_wide_dy(unsigned *seed) {
    float m = rnd(seed, 1, 2), e = (float)(int)rnd(seed, -140, 128);
    return (rnd(seed, 0, 1) < 0.5f ? -1.0f : 1.0f) * ldexpf(m, (int)e);
}
static void test_neighbours(unsigned *seed) {
    static float x[LONG], fx[LONG], xo[LONG], dy[LONG], y0[LONG], y1[LONG];
    static const float outl[] = {NAN, 1e30f, -1e30f, 0.0f, -0.0f, 0x1p-140f, 100.0f, -100.0f};
    static const size_t at[] = {0, 2047, 2048, 5000, 9001, LONG - 1};
    static const char *const draw_name[] = {"plotting range", "dy of any exponent",
                                            "|x| up to 87, dy of any exponent"};
    const int no = (int)(sizeof outl / sizeof *outl), na = (int)(sizeof at / sizeof *at);
    for (int id = 0; id < ACT_COUNT; id++) {
        const act_desc *d = act_describe((act_id)id);
        if (d->kind != ACT_KIND_ELEMENTWISE) continue;
        act_fn fn;
        act_lookup(d->name, &fn);
        for (int draw = 0; draw < 3; draw++) {
            for (size_t i = 0; i < LONG; i++) {
                if (draw < 2)
                    x[i] = rnd(seed, (float)d->plot_lo, (float)d->plot_hi);
                else
                    x[i] = (rnd(seed, 0, 1) < 0.5f ? -1.0f : 1.0f) *
                           exp2f(rnd(seed, -8.0f, 6.442f)); /* 2^6.442 = 86.97 */
                dy[i] = draw ? rnd_wide_dy(seed) : rnd(seed, -2, 2);
            }
            act_forward_isa(&fn, ACT_ISA_SCALAR, LONG, x, fx); /* the inputs from y */
            for (int isa = 0; isa < ACT_ISA_COUNT; isa++) {
                if (!act_isa_supported((act_isa)isa) || !act_has_variant(fn.id, (act_isa)isa))
                    continue;
                for (int dir = draw == 1; dir < 3; dir++) { /* draw 1: forward as draw 0 */
                    if (dir == 2 && !act_has_backward_y(&fn)) continue;
                    const float *base = dir == 2 ? fx : x;
                    for (int k = 0; k < no; k++) {
                        memcpy(xo, base, sizeof xo);
                        for (int j = 0; j < na; j++)
                            if ((j + k) % 2) xo[at[j]] = outl[(k + j) % no];
                        for (int pass = 0; pass < 2; pass++) {
                            const float *in = pass ? xo : base;
                            float *out = pass ? y1 : y0;
                            if (dir == 0)
                                act_forward_isa(&fn, (act_isa)isa, LONG, in, out);
                            else if (dir == 1)
                                act_backward_x_isa(&fn, (act_isa)isa, LONG, in, dy, out);
                            else
                                act_backward_y_isa(&fn, (act_isa)isa, LONG, in, dy, out);
                        }
                        size_t i = 0;
                        while (i < LONG &&
                               (!same_float(xo[i], base[i]) || same_float(y0[i], y1[i])))
                            i++;
                        CHECKF(i == LONG,
                               "%s [%s] %s (%s): element %zu (input %.9g, dy %.9g) is %.9g "
                               "alone, %.9g with outliers elsewhere",
                               d->name, act_isa_name((act_isa)isa),
                               dir == 0   ? "forward"
                               : dir == 1 ? "backward"
                                          : "backward from y",
                               draw_name[draw], i, (double)base[i % LONG], (double)dy[i % LONG],
                               (double)y0[i % LONG], (double)y1[i % LONG]);
                    }
                }
            }
        }
    }
}

int main(void) {
    unsigned seed = 12345;
    for (int id = 0; id < ACT_COUNT; id++) {
        const act_desc *d = act_describe((act_id)id);
        if (d->kind != ACT_KIND_ELEMENTWISE) continue;
        act_fn fn;
        act_lookup(d->name, &fn);
        float x[N], y[N], dy[N], dx[N], y1, dx1, buf[N], buf2[N];
        for (int i = 0; i < N; i++) {
            x[i] = rnd(&seed, (float)d->plot_lo, (float)d->plot_hi);
            dy[i] = rnd(&seed, -2, 2);
        }
        /* every variant, every length: within 4 ULP of the scalar kernel on each element,
           nothing written past the end, and in place gives the same bits */
        for (int isa = 0; isa < ACT_ISA_COUNT; isa++) {
            if (!act_isa_supported((act_isa)isa) || !act_has_variant(fn.id, (act_isa)isa)) continue;
            for (int n = 0; n <= N; n++) {
                for (int i = 0; i < N; i++)
                    y[i] = dx[i] = NAN;
                act_forward_isa(&fn, (act_isa)isa, (size_t)n, x, y);
                act_backward_x_isa(&fn, (act_isa)isa, (size_t)n, x, dy, dx);
                for (int i = 0; i < N; i++) {
                    if (i >= n) {
                        CHECKF(isnan(y[i]) && isnan(dx[i]), "%s [%s] n=%d wrote past the end at %d",
                               d->name, act_isa_name((act_isa)isa), n, i);
                        continue;
                    }
                    act_forward_isa(&fn, ACT_ISA_SCALAR, 1, &x[i], &y1);
                    act_backward_x_isa(&fn, ACT_ISA_SCALAR, 1, &x[i], &dy[i], &dx1);
                    CHECKF(near_float(y[i], y1, 4) && near_float(dx[i], dx1, 4),
                           "%s [%s] n=%d i=%d x=%.9g: f %.9g vs scalar %.9g, dx %.9g vs %.9g",
                           d->name, act_isa_name((act_isa)isa), n, i, (double)x[i], (double)y[i],
                           (double)y1, (double)dx[i], (double)dx1);
                }
                if (n == 0 || n % 7) continue;
                memcpy(buf, x, (size_t)n * sizeof *buf);
                act_forward_isa(&fn, (act_isa)isa, (size_t)n, buf, buf);
                memcpy(buf2, dy, (size_t)n * sizeof *buf2);
                act_backward_x_isa(&fn, (act_isa)isa, (size_t)n, x, buf2, buf2);
                for (int i = 0; i < n; i++)
                    CHECKF(same_float(buf[i], y[i]) && same_float(buf2[i], dx[i]),
                           "%s [%s] in place differs at n=%d i=%d", d->name,
                           act_isa_name((act_isa)isa), n, i);
            }
        }
        /* the scalar kernel is the double reference rounded once */
        for (int i = 0; i < N; i++) {
            float want = (float)act_f(&fn, x[i]);
            act_forward_isa(&fn, ACT_ISA_SCALAR, 1, &x[i], &y1);
            CHECKF(same_float(y1, want), "%s(%.9g): kernel %.9g, reference %.9g", d->name,
                   (double)x[i], (double)y1, (double)want);
        }
        /* in place through the public entry points: y == x, dx == dy */
        act_forward(&fn, N, x, y);
        memcpy(buf, x, sizeof buf);
        act_forward(&fn, N, buf, buf);
        for (int i = 0; i < N; i++)
            CHECKF(same_float(buf[i], y[i]), "%s in-place forward at %d", d->name, i);
        act_backward_x(&fn, N, x, dy, dx);
        memcpy(buf2, dy, sizeof buf2);
        act_backward_x(&fn, N, x, buf2, buf2);
        for (int i = 0; i < N; i++)
            CHECKF(same_float(buf2[i], dx[i]), "%s in-place backward at %d", d->name, i);
        /* NaN in gives NaN out */
        float nan_in = NAN, one = 1, out;
        act_forward(&fn, 1, &nan_in, &out);
        CHECKF(isnan(out), "%s(NaN) = %g", d->name, (double)out);
        act_backward_x(&fn, 1, &nan_in, &one, &out);
        CHECKF(isnan(out), "%s'(NaN) = %g", d->name, (double)out);
        /* backward from y agrees with backward from x where well conditioned */
        if (act_has_backward_y(&fn)) {
            float dxy[N];
            act_backward_y(&fn, N, y, dy, dxy);
            for (int i = 0; i < N; i++) {
                double tol = 1e-4 * fabs(dy[i]) + 2e-3 * fabs(dx[i]);
                CHECKF(fabs((double)dxy[i] - dx[i]) <= tol,
                       "%s at x=%.9g: from y %.9g, from x %.9g", d->name, (double)x[i],
                       (double)dxy[i], (double)dx[i]);
            }
            memcpy(buf2, dy, sizeof buf2);
            act_backward_y(&fn, N, y, buf2, buf2);
            for (int i = 0; i < N; i++)
                CHECKF(same_float(buf2[i], dxy[i]), "%s in-place backward_y", d->name);
        }
    }
    test_hard_sigmoid_knees();
    test_gelu_window();
    test_dy_range(&seed);
    test_param_extremes();
    test_celu_dense();
    test_param_random(&seed);
    test_long_tiles(&seed);
    test_neighbours(&seed);
    return t_done("test_kernels");
}
