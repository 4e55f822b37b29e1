/*
 * test_accuracy.c - every elementwise float32 kernel, forward and backward
 * (from x, dy = 1), against the exact value of the function's documented
 * formula evaluated in MPFR.
 *
 * Inputs: every binade of float32 (subnormals included) with both signs and
 * several mantissas; a dense sample of the function's plotting range; the
 * floats around every breakpoint; +-0, +-FLT_MIN, +-FLT_MAX, +-inf, NaN.
 * Targets: forward <= 2 ULP and derivative <= 4 ULP where the exact result is
 * a normal float, absolute error <= FLT_MIN where it is subnormal or zero;
 * overflow exactly where the exact result rounds beyond FLT_MAX; +-inf gives
 * the limit; NaN gives NaN.
 *
 * Also checks that the documented derivative is the derivative of the
 * documented formula (central differences at 1024 bits, away from breaks).
 *
 * Usage: test_accuracy [--table FILE.md] [--fn NAME] [--quick]
 */
#include "mpfr_expr.h"
#include "t.h"

#include <float.h>
#include <stdint.h>
#include <string.h>

#define F_ULP_MAX 2.0
#define D_ULP_MAX 4.0

typedef struct {
    double max_f, max_d;         /* max ULP error where the exact value is normal */
    double at_f, at_d;           /* where */
    double max_abs_f, max_abs_d; /* max abs error in the subnormal range */
    long n, bad_f, bad_d;
} stats;

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint64_t next_u64(void) {
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static float from_bits(uint32_t b) {
    float f;
    memcpy(&f, &b, 4);
    return f;
}

/* error of float y against exact r: returns ULPs for normal results, and sets
   *abs_err for subnormal/zero results (returning 0 ULPs), or +inf for a
   wrong overflow/NaN */
static double ulp_error(float y, mpfr_t r, double *abs_err) {
    *abs_err = 0;
    if (mpfr_nan_p(r)) return isnan(y) ? 0 : INFINITY;
    if (isnan(y)) return INFINITY;
    /* what the exact value rounds to in float: decides overflow */
    float rf = mpfr_get_flt(r, MPFR_RNDN);
    if (isinf(rf) || isinf(y)) return (rf == y) ? 0 : INFINITY;
    mpfr_t d;
    mpfr_init2(d, 128);
    mpfr_set_flt(d, y, MPFR_RNDN);
    mpfr_sub(d, d, r, MPFR_RNDN);
    mpfr_abs(d, d, MPFR_RNDN);
    double err;
    if (mpfr_cmp_d(r, FLT_MIN) >= 0 || mpfr_cmp_d(r, -FLT_MIN) <= 0) {
        long e;
        mpfr_get_d_2exp(&e, r, MPFR_RNDN); /* r = m 2^e, 0.5 <= |m| < 1 */
        /* ulp of a float in [2^(e-1), 2^e) is 2^(e-24) */
        mpfr_mul_2si(d, d, -(e - 24), MPFR_RNDN);
        err = mpfr_get_d(d, MPFR_RNDU);
    } else {
        *abs_err = mpfr_get_d(d, MPFR_RNDU);
        err = 0;
    }
    mpfr_clear(d);
    return err;
}

typedef struct {
    act_expr f, df;
    int np;
    const act_desc *d;
    const double *p;
} target;

/* limit of an expression at +-inf: the float value at huge |x| where two
   successive magnitudes agree. MPFR overflows e^x beyond x ~ 3.2e18, which
   gives NaN at the largest magnitudes for some formulas; those are skipped. */
static float limit_at(const act_expr *e, const target *t, int sign) {
    static const double mags[] = {0x1p1000, 0x1p500, 0x1p200, 0x1p128, 0x1p100,
                                  0x1p80,   0x1p64,  0x1p61,  0x1p60,  0x1p59};
    mpfr_t a;
    mpfr_init2(a, 128);
    /* no real values out there (a negative base to a fractional power): NaN */
    mx_exact(e, sign * 0x1p55, t->p, t->np, a);
    if (mpfr_nan_p(a)) {
        mpfr_clear(a);
        return NAN;
    }
    /* then the formula at +-inf itself (log(inf) = inf, exp(-inf) = 0) */
    mx_exact(e, sign * INFINITY, t->p, t->np, a);
    if (!mpfr_nan_p(a)) {
        float v = mpfr_get_flt(a, MPFR_RNDN);
        mpfr_clear(a);
        return v;
    }
    float prev = NAN;
    int have = 0;
    for (size_t i = 0; i < sizeof mags / sizeof mags[0]; i++) {
        mx_exact(e, sign * mags[i], t->p, t->np, a);
        if (mpfr_nan_p(a)) continue;
        float v = mpfr_get_flt(a, MPFR_RNDN);
        if (have) {
            mpfr_clear(a);
            return v == prev ? prev : NAN;
        }
        prev = v;
        have = 1;
    }
    mpfr_clear(a);
    return NAN;
}

/* MPFR's exponent range ends near 2^(2^62): e^x overflows to inf for x > 3.2e18
   and a formula such as e^-x/(1+e^-x)^2 becomes inf/inf. Beyond 2^60 every
   catalog function is at its limit in float, so a NaN there means the limit. */
static void huge_fallback(const act_expr *e, const target *t, float x, mpfr_t r) {
    if (!mpfr_nan_p(r) || fabsf(x) < 0x1p60f) return;
    /* a NaN that is there before the overflow range is a domain error, not overflow */
    mpfr_t s;
    mpfr_init2(s, 128);
    mx_exact(e, x > 0 ? 0x1p55 : -0x1p55, t->p, t->np, s);
    int domain = mpfr_nan_p(s);
    mpfr_clear(s);
    if (!domain) mpfr_set_flt(r, limit_at(e, t, x > 0 ? 1 : -1), MPFR_RNDN);
}

static int printed;

static void check_point(const target *t, const act_fn *fn, act_isa isa, float x, float y, float d,
                        stats *s) {
    (void)fn;
    (void)isa;
    s->n++;
    if (isnan(x)) {
        if (!isnan(y) || !isnan(d)) {
            s->bad_f += !isnan(y);
            s->bad_d += !isnan(d);
            if (printed++ < 8)
                fprintf(stderr, "  %s: NaN in gave f=%g f'=%g\n", t->d->name, (double)y, (double)d);
        }
        return;
    }
    if (isinf(x)) {
        float lf = limit_at(&t->f, t, x > 0 ? 1 : -1), ld = limit_at(&t->df, t, x > 0 ? 1 : -1);
        int okf = (isnan(lf) && isnan(y)) || lf == y;
        int okd = (isnan(ld) && isnan(d)) || ld == d || (isinf(x) && fabsf(ld - d) <= FLT_MIN);
        if (!okf || !okd) {
            s->bad_f += !okf;
            s->bad_d += !okd;
            if (printed++ < 8)
                fprintf(stderr, "  %s(%g): f=%g (limit %g), f'=%g (limit %g)\n", t->d->name,
                        (double)x, (double)y, (double)lf, (double)d, (double)ld);
        }
        return;
    }
    mpfr_t r;
    mpfr_init2(r, 128);
    double abs_err;
    mx_exact(&t->f, x, t->p, t->np, r);
    huge_fallback(&t->f, t, x, r);
    double ef = ulp_error(y, r, &abs_err);
    if (abs_err > s->max_abs_f) s->max_abs_f = abs_err;
    int badf = ef > F_ULP_MAX || abs_err > FLT_MIN;
    if (ef > s->max_f) {
        s->max_f = ef;
        s->at_f = x;
    }
    double rf = mpfr_get_d(r, MPFR_RNDN);
    mx_exact(&t->df, x, t->p, t->np, r);
    huge_fallback(&t->df, t, x, r);
    double ed = ulp_error(d, r, &abs_err);
    if (abs_err > s->max_abs_d) s->max_abs_d = abs_err;
    int badd = ed > D_ULP_MAX || abs_err > FLT_MIN;
    if (ed > s->max_d) {
        s->max_d = ed;
        s->at_d = x;
    }
    double rd = mpfr_get_d(r, MPFR_RNDN);
    mpfr_clear(r);
    s->bad_f += badf;
    s->bad_d += badd;
    if ((badf || badd) && printed++ < 8)
        fprintf(stderr,
                "  %s(x=%.9g): f=%.9g exact %.17g (%.3g ulp); f'=%.9g exact %.17g (%.3g ulp)\n",
                t->d->name, (double)x, (double)y, rf, ef, (double)d, rd, ed);
}

/* the documented derivative against central differences of the formula */
static int check_derivative_formula(const target *t, double *breaks, int nb) {
    int bad = 0;
    mpfr_prec_t pr = 1024;
    for (int k = 0; k < 60; k++) {
        double u = (double)(next_u64() >> 11) / 9007199254740992.0;
        double lo = t->d->plot_lo, hi = t->d->plot_hi;
        if (k >= 40) {
            lo = -40;
            hi = 40;
        }
        double x = lo + (hi - lo) * u;
        int near = 0;
        for (int i = 0; i < nb; i++)
            if (fabs(x - breaks[i]) < 1e-4 * (1 + fabs(x))) near = 1;
        if (near) continue;
        mpfr_t vals[ACT_EXPR_MAX_VARS], fp, fm, h, dv;
        for (int i = 0; i <= t->np; i++) {
            mpfr_init2(vals[i], pr);
            mpfr_set_d(vals[i], i == 0 ? x : t->p[i - 1], MPFR_RNDN);
        }
        mpfr_inits2(pr, fp, fm, h, dv, (mpfr_ptr)0);
        mpfr_set_d(h, fmax(1, fabs(x)), MPFR_RNDN);
        mpfr_mul_2si(h, h, -200, MPFR_RNDN);
        mpfr_add(vals[0], vals[0], h, MPFR_RNDN);
        mx_eval(&t->f, t->f.root, (const mpfr_t *)vals, fp, pr);
        mpfr_sub(vals[0], vals[0], h, MPFR_RNDN);
        mpfr_sub(vals[0], vals[0], h, MPFR_RNDN);
        mx_eval(&t->f, t->f.root, (const mpfr_t *)vals, fm, pr);
        mpfr_add(vals[0], vals[0], h, MPFR_RNDN);
        mx_eval(&t->df, t->df.root, (const mpfr_t *)vals, dv, pr);
        mpfr_sub(fp, fp, fm, MPFR_RNDN);
        mpfr_div(fp, fp, h, MPFR_RNDN);
        mpfr_div_2ui(fp, fp, 1, MPFR_RNDN); /* central difference */
        double fd = mpfr_get_d(fp, MPFR_RNDN), dd = mpfr_get_d(dv, MPFR_RNDN);
        if (isfinite(fd) && isfinite(dd) && fabs(fd - dd) > 1e-20 * (1 + fabs(dd))) {
            if (bad++ < 3)
                fprintf(
                    stderr,
                    "  %s: derivative formula %.17g but the formula's slope is %.17g at x=%.17g\n",
                    t->d->name, dd, fd, x);
        }
        for (int i = 0; i <= t->np; i++)
            mpfr_clear(vals[i]);
        mpfr_clears(fp, fm, h, dv, (mpfr_ptr)0);
    }
    return bad;
}

static void build_inputs(const act_desc *d, const double *p, int quick, float **out, size_t *n) {
    size_t cap = 8192, k = 0;
    float *xs = malloc(cap * sizeof *xs);
#define PUSH(v)                                                                                    \
    do {                                                                                           \
        if (k == cap) xs = realloc(xs, (cap *= 2) * sizeof *xs);                                   \
        xs[k++] = (v);                                                                             \
    } while (0)
    int mant = quick ? 2 : 5;
    for (uint32_t e = 0; e < 255; e++)
        for (int sgn = 0; sgn < 2; sgn++)
            for (int m = 0; m < mant; m++) {
                uint32_t mbits = m == 0 ? 0 : m == 1 ? 0x7FFFFF : (uint32_t)(next_u64() & 0x7FFFFF);
                if (e == 0 && mbits == 0) mbits = 1;
                PUSH(from_bits(((uint32_t)sgn << 31) | (e << 23) | mbits));
            }
    int dense = quick ? 100 : 600;
    for (int i = 0; i <= dense; i++)
        PUSH((float)(d->plot_lo + (d->plot_hi - d->plot_lo) * i / dense));
    double br[16];
    int nb = d->breaks ? d->breaks(p, br, 16) : 0;
    if (nb > 16) nb = 16;
    br[nb++] = 0;
    for (int i = 0; i < nb; i++) {
        float b = (float)br[i];
        if (!isfinite(b)) continue;
        float up = b, dn = b;
        PUSH(b);
        for (int j = 0; j < 4; j++) {
            up = nextafterf(up, INFINITY);
            dn = nextafterf(dn, -INFINITY);
            PUSH(up);
            PUSH(dn);
        }
        PUSH(b + 1e-3f * (1 + fabsf(b)));
        PUSH(b - 1e-3f * (1 + fabsf(b)));
    }
    const float special[] = {0.0f,      -0.0f,      FLT_MIN,  -FLT_MIN,  FLT_MAX, -FLT_MAX,
                             0x1p-149f, -0x1p-149f, INFINITY, -INFINITY, NAN,     1.0f,
                             -1.0f,     20.0f,      -20.0f,   88.7f,     -88.7f,  100.0f,
                             -100.0f,   1e-30f,     -1e-30f};
    for (size_t i = 0; i < sizeof special / sizeof special[0]; i++)
        PUSH(special[i]);
#undef PUSH
    *out = xs;
    *n = k;
}

static int setup_target(target *t, const act_fn *fn) {
    const act_desc *d = act_describe(fn->id);
    const char *vars[ACT_MAX_PARAMS + 2];
    vars[0] = "x";
    for (int i = 0; i < d->nparams; i++)
        vars[i + 1] = d->params[i].name;
    vars[d->nparams + 1] = NULL;
    char err[ACT_ERRLEN];
    t->d = d;
    t->p = fn->p;
    t->np = d->nparams;
    if (act_expr_parse(&t->f, d->formula, vars, err, sizeof err) ||
        act_expr_parse(&t->df, d->dformula, vars, err, sizeof err)) {
        fprintf(stderr, "%s: %s\n", d->name, err);
        return 0;
    }
    return 1;
}

/* a second parameter setting: each numeric parameter moved inside its range */
static int alt_params(const act_fn *def, act_fn *alt) {
    const act_desc *d = act_describe(def->id);
    *alt = *def;
    int moved = 0;
    for (int i = 0; i < d->nparams; i++) {
        const act_param *pm = &d->params[i];
        double v = pm->def;
        if (pm->flags & ACT_P_CHOICE)
            v = v == 0 ? 1 : 0;
        else if (pm->flags & ACT_P_INTEGER)
            v = v + 1;
        else
            v = v == 0 ? 0.25 : (fabs(v) > 1e6 ? v : v * 1.5);
        alt->p[i] = v;
        char err[ACT_ERRLEN];
        if (act_validate(alt, err, sizeof err) != ACT_OK)
            alt->p[i] = pm->def;
        else
            moved = 1;
    }
    return moved;
}

int main(int argc, char **argv) {
    const char *table = NULL, *only = NULL;
    int quick = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--table") && i + 1 < argc)
            table = argv[++i];
        else if (!strcmp(argv[i], "--fn") && i + 1 < argc)
            only = argv[++i];
        else if (!strcmp(argv[i], "--quick"))
            quick = 1;
    }
    if (getenv("ACT_TEST_QUICK")) quick = 1;
    mpfr_set_emin(mpfr_get_emin_min());
    mpfr_set_emax(mpfr_get_emax_max());
    FILE *tf = NULL;
    if (table) {
        tf = fopen(table, "w");
        if (!tf) {
            perror(table);
            return 1;
        }
        fprintf(tf, "| function | parameters | variant | inputs | forward max ULP | at x | "
                    "derivative max ULP | at x | max abs err (subnormal results) |\n");
        fprintf(tf, "|---|---|---|---|---|---|---|---|---|\n");
    }
    for (int id = 0; id < ACT_COUNT; id++) {
        const act_desc *d = act_describe((act_id)id);
        if (d->kind != ACT_KIND_ELEMENTWISE) continue;
        if (only && strcmp(only, d->name)) continue;
        act_fn fns[2];
        act_lookup(d->name, &fns[0]);
        int nset = 1 + alt_params(&fns[0], &fns[1]);
        for (int si = 0; si < nset; si++) {
            const act_fn *fn = &fns[si];
            target t;
            CHECKF(setup_target(&t, fn), "%s: formula does not parse", d->name);
            if (t_failed && !t.f.n) continue;
            float *xs;
            size_t n;
            build_inputs(d, fn->p, quick, &xs, &n);
            double br[16];
            int nb = d->breaks ? d->breaks(fn->p, br, 16) : 0;
            if (nb > 16) nb = 16;
            int badfd = check_derivative_formula(&t, br, nb);
            /* every variant this machine runs: whole arrays, so SIMD bodies and tails both count */
            float *ys = malloc(n * sizeof *ys), *ds = malloc(n * sizeof *ds),
                  *ones = malloc(n * sizeof *ones);
            for (size_t i = 0; i < n; i++)
                ones[i] = 1;
            for (int isa = 0; isa < ACT_ISA_COUNT; isa++) {
                if (!act_isa_supported((act_isa)isa) ||
                    (isa && !act_has_variant(fn->id, (act_isa)isa)))
                    continue;
                act_forward_isa(fn, (act_isa)isa, n, xs, ys);
                act_backward_x_isa(fn, (act_isa)isa, n, xs, ones, ds);
                stats s = {0};
                printed = 0;
                for (size_t i = 0; i < n; i++)
                    check_point(&t, fn, (act_isa)isa, xs[i], ys[i], ds[i], &s);
                char spec[200];
                act_format(fn, 0, spec, sizeof spec);
                const char *iname = act_isa_name((act_isa)isa);
                CHECKF(s.bad_f == 0,
                       "%s [%s]: %ld of %ld forward results off (max %.3g ULP at x=%.9g)", spec,
                       iname, s.bad_f, s.n, s.max_f, s.at_f);
                CHECKF(s.bad_d == 0, "%s [%s]: %ld of %ld derivatives off (max %.3g ULP at x=%.9g)",
                       spec, iname, s.bad_d, s.n, s.max_d, s.at_d);
                if (isa == 0)
                    CHECKF(badfd == 0, "%s: documented derivative is not the formula's derivative",
                           spec);
                if (tf)
                    fprintf(tf, "| %s | %s | %s | %ld | %.3f | %.9g | %.3f | %.9g | %.3g |\n",
                            d->name, si ? spec + strlen(d->name) : "defaults", iname, s.n, s.max_f,
                            s.at_f, s.max_d, s.at_d, fmax(s.max_abs_f, s.max_abs_d));
            }
            free(ys);
            free(ds);
            free(ones);
            free(xs);
        }
    }
    if (tf) fclose(tf);
    mpfr_free_cache();
    return t_done("test_accuracy");
}
