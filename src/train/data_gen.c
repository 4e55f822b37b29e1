/*
 * data_gen.c - generated data sets, each drawn from the caller's trn_rng.
 *
 *   circles(n=1000, noise=0.1, factor=0.5)  sklearn make_circles: n/2 points
 *       evenly spaced on the unit circle (class 0), the rest on the circle of
 *       radius factor (class 1); Gaussian noise of sd `noise` per coordinate.
 *   moons(n=1000, noise=0.1)  sklearn make_moons: the upper half of the unit
 *       circle (class 0) and the lower half circle centred at (1, 0.5) (class
 *       1), evenly spaced; Gaussian noise.
 *   spirals(n=1000, k=2, noise=0.2)  k arms as in CS231n's spiral set: arm j's
 *       point at t in (0, 1] sits at radius t, angle 2*pi*j/k + 4t + noise*N(0,1)
 *       (the noise is angular, in radians). Class j.
 *   xor(n=1000, noise=0.1)  four Gaussian clusters of sd `noise` at (+-1, +-1);
 *       class 1 where the signs differ.
 *   blobs(n=1000, k=3, dim=2, std=1)  sklearn make_blobs: k centres uniform in
 *       [-10, 10]^dim, then n/k Gaussian points of sd `std` around each.
 *   regress(f=sine, n=1000, dim=1, noise=0, lo=0, hi=1)  x uniform in
 *       [lo, hi]^dim, target f(x) + noise*N(0,1). f is an act_expr formula in
 *       x (dim 1), x and y (dim 2), or x1..xd (x = x1, y = x2; dim up to 6),
 *       or one of the named targets:
 *         sine   sin(2*pi*x)
 *         kink   abs(x-0.5)
 *         steep  tanh(20*(x-0.5))
 *         chirp  sin(2*pi*(1+4*x)*x)
 *         bump   exp(-20*((x-0.5)^2+(y-0.5)^2))   (dim 2)
 *   shapeset(n=10000, size=32)  Shapeset-3x2, see shapeset.c.
 *
 * Classes are balanced: class c gets n/k points, the first n%k classes one
 * more. Points come out ordered by class; trn_data_load shuffles them.
 */
#include "data_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef trn_status (*gen_fn)(const char *spec, const double *p, const char *str, size_t slen,
                             trn_rng *r, trn_data *out, char *err, size_t errlen);

typedef struct {
    const char *name;
    const trn_dat_optdef *opts;
    int nopts;
    gen_fn fn;
} gen_def;

#define N_OPT                                                                                      \
    { "n", TRN_DAT_INT, 1000, 1, 1e8, 0, "examples" }
#define NOISE_OPT(d)                                                                               \
    { "noise", TRN_DAT_NUM, d, 0, 1e6, 0, "noise sd, >= 0" }

static const trn_dat_optdef circles_opts[] = {
    N_OPT, NOISE_OPT(0.1), {"factor", TRN_DAT_NUM, 0.5, 0, 1, 1, "inner radius, in [0, 1)"}};
static const trn_dat_optdef moons_opts[] = {N_OPT, NOISE_OPT(0.1)};
static const trn_dat_optdef spirals_opts[] = {
    N_OPT, {"k", TRN_DAT_INT, 2, 2, 1000, 0, "arms, >= 2"}, NOISE_OPT(0.2)};
static const trn_dat_optdef xor_opts[] = {N_OPT, NOISE_OPT(0.1)};
static const trn_dat_optdef blobs_opts[] = {N_OPT,
                                            {"k", TRN_DAT_INT, 3, 2, 1000, 0, "blobs, >= 2"},
                                            {"dim", TRN_DAT_INT, 2, 1, 10000, 0, "dimensions"},
                                            {"std", TRN_DAT_NUM, 1, 0, 1e6, 0, "blob sd, >= 0"}};
static const trn_dat_optdef regress_opts[] = {
    {"f", TRN_DAT_STR, 0, 0, 0, 0, "target"},
    N_OPT,
    {"dim", TRN_DAT_INT, 1, 1, 6, 0, "input dimensions, 1 to 6"},
    NOISE_OPT(0),
    {"lo", TRN_DAT_NUM, 0, -1e9, 1e9, 0, "lower end of x"},
    {"hi", TRN_DAT_NUM, 1, -1e9, 1e9, 0, "upper end of x"}};
static const trn_dat_optdef shapeset_opts[] = {
    {"n", TRN_DAT_INT, 10000, 1, 1e7, 0, "images"},
    {"size", TRN_DAT_INT, 32, 8, 512, 0, "image side in pixels, 8 to 512"}};

/* class c of k gets n/k examples, the first n%k one more */
static size_t class_count(size_t n, size_t k, size_t c) { return n / k + (c < n % k); }

static trn_status alloc_cls(const char *spec, size_t n, size_t dim, int k, trn_data *out, char *err,
                            size_t errlen) {
    return trn_dat_alloc(out, n, dim, k, 0, spec, err, errlen);
}

static trn_status gen_circles(const char *spec, const double *p, const char *str, size_t slen,
                              trn_rng *r, trn_data *out, char *err, size_t errlen) {
    (void)str, (void)slen;
    size_t n = (size_t)p[0], nout = n / 2;
    double noise = p[1], factor = p[2];
    trn_status st = alloc_cls(spec, n, 2, 2, out, err, errlen);
    if (st) return st;
    for (size_t i = 0; i < n; i++) {
        int inner = i >= nout;
        size_t j = inner ? i - nout : i, m = inner ? n - nout : nout;
        double a = 2 * M_PI * (double)j / (double)m, rad = inner ? factor : 1.0;
        out->x[2 * i] = (float)(rad * cos(a) + noise * trn_rng_normal(r));
        out->x[2 * i + 1] = (float)(rad * sin(a) + noise * trn_rng_normal(r));
        out->label[i] = inner;
    }
    return TRN_OK;
}

static trn_status gen_moons(const char *spec, const double *p, const char *str, size_t slen,
                            trn_rng *r, trn_data *out, char *err, size_t errlen) {
    (void)str, (void)slen;
    size_t n = (size_t)p[0], nout = n / 2;
    double noise = p[1];
    trn_status st = alloc_cls(spec, n, 2, 2, out, err, errlen);
    if (st) return st;
    for (size_t i = 0; i < n; i++) {
        int inner = i >= nout;
        size_t j = inner ? i - nout : i, m = inner ? n - nout : nout;
        /* numpy linspace(0, pi, m): both ends included */
        double a = m > 1 ? M_PI * (double)j / (double)(m - 1) : 0;
        double x = inner ? 1 - cos(a) : cos(a), y = inner ? 1 - sin(a) - 0.5 : sin(a);
        out->x[2 * i] = (float)(x + noise * trn_rng_normal(r));
        out->x[2 * i + 1] = (float)(y + noise * trn_rng_normal(r));
        out->label[i] = inner;
    }
    return TRN_OK;
}

static trn_status gen_spirals(const char *spec, const double *p, const char *str, size_t slen,
                              trn_rng *r, trn_data *out, char *err, size_t errlen) {
    (void)str, (void)slen;
    size_t n = (size_t)p[0], k = (size_t)p[1];
    double noise = p[2];
    trn_status st = alloc_cls(spec, n, 2, (int)k, out, err, errlen);
    if (st) return st;
    size_t i = 0;
    for (size_t c = 0; c < k; c++) {
        size_t m = class_count(n, k, c);
        for (size_t j = 0; j < m; j++, i++) {
            double t = (double)(j + 1) / (double)m;
            double a = 2 * M_PI * (double)c / (double)k + 4 * t + noise * trn_rng_normal(r);
            out->x[2 * i] = (float)(t * cos(a));
            out->x[2 * i + 1] = (float)(t * sin(a));
            out->label[i] = (int32_t)c;
        }
    }
    return TRN_OK;
}

static trn_status gen_xor(const char *spec, const double *p, const char *str, size_t slen,
                          trn_rng *r, trn_data *out, char *err, size_t errlen) {
    (void)str, (void)slen;
    size_t n = (size_t)p[0];
    double noise = p[1];
    trn_status st = alloc_cls(spec, n, 2, 2, out, err, errlen);
    if (st) return st;
    /* clusters (+,+) (-,-) class 0, (+,-) (-,+) class 1; i%4 keeps them balanced */
    static const int sx[4] = {1, -1, 1, -1}, sy[4] = {1, -1, -1, 1};
    for (size_t i = 0; i < n; i++) {
        int c = (int)(i % 4);
        out->x[2 * i] = (float)(sx[c] + noise * trn_rng_normal(r));
        out->x[2 * i + 1] = (float)(sy[c] + noise * trn_rng_normal(r));
        out->label[i] = sx[c] != sy[c];
    }
    return TRN_OK;
}

static trn_status gen_blobs(const char *spec, const double *p, const char *str, size_t slen,
                            trn_rng *r, trn_data *out, char *err, size_t errlen) {
    (void)str, (void)slen;
    size_t n = (size_t)p[0], k = (size_t)p[1], dim = (size_t)p[2];
    double sd = p[3];
    trn_status st = alloc_cls(spec, n, dim, (int)k, out, err, errlen);
    if (st) return st;
    double *centre = malloc(k * dim * sizeof *centre);
    if (!centre) {
        trn_data_free(out);
        trn_dat_err(err, errlen, "'%.200s': out of memory", spec);
        return TRN_E_NOMEM;
    }
    for (size_t i = 0; i < k * dim; i++)
        centre[i] = -10 + 20 * trn_rng_uniform(r);
    size_t i = 0;
    for (size_t c = 0; c < k; c++)
        for (size_t j = 0, m = class_count(n, k, c); j < m; j++, i++) {
            for (size_t d = 0; d < dim; d++)
                out->x[i * dim + d] = (float)(centre[c * dim + d] + sd * trn_rng_normal(r));
            out->label[i] = (int32_t)c;
        }
    free(centre);
    return TRN_OK;
}

static const struct {
    const char *name, *expr;
    int dim; /* the dimension it needs (0: any) */
} named_targets[] = {
    {"sine", "sin(2*pi*x)", 0},
    {"kink", "abs(x-0.5)", 0},
    {"steep", "tanh(20*(x-0.5))", 0},
    {"chirp", "sin(2*pi*(1+4*x)*x)", 0},
    {"bump", "exp(-20*((x-0.5)^2+(y-0.5)^2))", 2},
};

static trn_status gen_regress(const char *spec, const double *p, const char *str, size_t slen,
                              trn_rng *r, trn_data *out, char *err, size_t errlen) {
    size_t n = (size_t)p[1], dim = (size_t)p[2];
    double noise = p[3], lo = p[4], hi = p[5];
    if (!(lo < hi)) {
        trn_dat_err(err, errlen, "'%.200s': lo=%g must be below hi=%g", spec, lo, hi);
        return TRN_E_RANGE;
    }
    if (!str) {
        str = "sine";
        slen = 4;
    }
    char *src = malloc(slen + 1);
    if (!src) {
        trn_dat_err(err, errlen, "'%.200s': out of memory", spec);
        return TRN_E_NOMEM;
    }
    memcpy(src, str, slen);
    src[slen] = 0;
    const char *text = src;
    for (size_t i = 0; i < sizeof named_targets / sizeof named_targets[0]; i++)
        if (strcmp(src, named_targets[i].name) == 0) {
            if (named_targets[i].dim && (size_t)named_targets[i].dim != dim) {
                trn_dat_err(err, errlen, "'%.200s': f=%s needs dim=%d", spec, src,
                            named_targets[i].dim);
                free(src);
                return TRN_E_RANGE;
            }
            text = named_targets[i].expr;
        }
    /* variables: x (and y) first, then x1..xd */
    const char *vars[ACT_EXPR_MAX_VARS + 1];
    static const char *const xi[] = {"x1", "x2", "x3", "x4", "x5", "x6"};
    int nv = 0;
    vars[nv++] = "x";
    if (dim >= 2) vars[nv++] = "y";
    int first_xi = nv;
    for (size_t d = 0; d < dim; d++)
        vars[nv++] = xi[d];
    vars[nv] = NULL;
    act_expr *e = malloc(sizeof *e);
    char aerr[ACT_ERRLEN];
    trn_status st = TRN_OK;
    if (!e) {
        trn_dat_err(err, errlen, "'%.200s': out of memory", spec);
        st = TRN_E_NOMEM;
    } else if (act_expr_parse(e, text, vars, aerr, sizeof aerr) != ACT_OK) {
        trn_dat_err(err, errlen, "'%.200s': f: %s", spec, aerr);
        st = TRN_E_SPEC;
    }
    if (!st) st = trn_dat_alloc(out, n, dim, 0, 1, spec, err, errlen);
    double v[ACT_EXPR_MAX_VARS];
    for (size_t i = 0; i < n && !st; i++) {
        for (size_t d = 0; d < dim; d++) {
            double u = lo + (hi - lo) * trn_rng_uniform(r);
            out->x[i * dim + d] = (float)u;
            v[first_xi + (int)d] = u;
        }
        v[0] = v[first_xi];
        if (dim >= 2) v[1] = v[first_xi + 1];
        double t = act_expr_eval(e, v);
        /* targets are stored as float: 1e39 is as unusable as inf */
        double yv = isfinite(t) ? t + noise * trn_rng_normal(r) : t;
        if (!isfinite((float)yv)) {
            char at[128] = "";
            size_t w = 0;
            for (size_t d = 0; d < dim && w < sizeof at; d++)
                w += (size_t)snprintf(at + w, sizeof at - w, "%s%s=%g", d ? ", " : "",
                                      vars[dim <= 2 ? (int)d : first_xi + (int)d],
                                      v[first_xi + (int)d]);
            char val[32];
            if (isnan(yv))
                snprintf(val, sizeof val, "NaN");
            else if (isinf(yv))
                snprintf(val, sizeof val, "%sinf", yv > 0 ? "" : "-");
            else
                snprintf(val, sizeof val, "%g, beyond the float range", yv);
            trn_dat_err(err, errlen,
                        "'%.200s': f is %s at %s (the target must be a finite float on [%g, %g])",
                        spec, val, at, lo, hi);
            trn_data_free(out);
            st = TRN_E_NUMERIC;
            break;
        }
        out->y[i] = (float)yv;
    }
    free(e);
    free(src);
    return st;
}

static trn_status gen_shapeset(const char *spec, const double *p, const char *str, size_t slen,
                               trn_rng *r, trn_data *out, char *err, size_t errlen) {
    (void)spec, (void)str, (void)slen;
    return trn_dat_shapeset((size_t)p[0], (size_t)p[1], r, out, err, errlen);
}

#define GEN(name)                                                                                  \
    { #name, name##_opts, (int)(sizeof name##_opts / sizeof name##_opts[0]), gen_##name }
static const gen_def gens[] = {GEN(circles), GEN(moons),   GEN(spirals), GEN(xor),
                               GEN(blobs),   GEN(regress), GEN(shapeset)};
#undef GEN

int trn_dat_is_generator(const char *name, size_t len) {
    for (size_t i = 0; i < sizeof gens / sizeof gens[0]; i++)
        if (strlen(gens[i].name) == len && strncmp(gens[i].name, name, len) == 0) return 1;
    return 0;
}

const char *trn_dat_generator_names(void) {
    return "circles, moons, spirals, xor, blobs, regress, shapeset";
}

trn_status trn_dat_generate(const char *spec, trn_rng *r, trn_data *out, char *err, size_t errlen) {
    memset(out, 0, sizeof *out);
    size_t nl = strcspn(spec, "(");
    const gen_def *g = NULL;
    for (size_t i = 0; i < sizeof gens / sizeof gens[0]; i++)
        if (strlen(gens[i].name) == nl && strncmp(gens[i].name, spec, nl) == 0) g = &gens[i];
    if (!g) {
        trn_dat_err(err, errlen, "unknown generator '%.*s' (known: %s)", (int)(nl > 64 ? 64 : nl),
                    spec, trn_dat_generator_names());
        return TRN_E_SPEC;
    }
    const char *inner = spec + nl;
    size_t len = 0;
    if (*inner == '(') {
        size_t sl = strlen(spec);
        if (spec[sl - 1] != ')') {
            trn_dat_err(err, errlen, "'%.200s': missing ')' at the end", spec);
            return TRN_E_SPEC;
        }
        inner++;
        len = (size_t)(spec + sl - 1 - inner);
    }
    double p[8];
    const char *str = NULL;
    size_t slen = 0;
    trn_status st =
        trn_dat_parse_opts(spec, inner, len, g->opts, g->nopts, p, &str, &slen, err, errlen);
    if (st) return st;
    if ((st = g->fn(spec, p, str, slen, r, out, err, errlen))) {
        trn_data_free(out);
        return st;
    }
    /* the canonical spec, every option spelled out */
    size_t w = (size_t)snprintf(out->name, sizeof out->name, "%s(", g->name);
    for (int i = 0; i < g->nopts && w < sizeof out->name; i++) {
        if (g->opts[i].kind == TRN_DAT_STR)
            w += (size_t)snprintf(out->name + w, sizeof out->name - w, "%s%s=%.*s", i ? "," : "",
                                  g->opts[i].name, (int)(str ? slen : 4), str ? str : "sine");
        else
            w += (size_t)snprintf(out->name + w, sizeof out->name - w, "%s%s=%g", i ? "," : "",
                                  g->opts[i].name, p[i]);
    }
    if (w < sizeof out->name) snprintf(out->name + w, sizeof out->name - w, ")");
    return TRN_OK;
}
