/*
 * test_special_values.c - what every elementwise kernel does with NaN, +-inf,
 * +-0, subnormals and +-FLT_MAX, in every SIMD variant this CPU runs:
 *   - NaN in gives NaN out, forward and derivative;
 *   - +-inf gives the limit: the double reference at +-inf, rounded to float;
 *   - +-0, +-1e-40 (subnormal) and +-FLT_MAX agree with the double reference
 *     within 4 ULP, or FLT_MIN where the value is not a normal float;
 *   - every variant gives the scalar kernels' values within 4 ULP (NaN's and
 *     zero's sign aside);
 *   - the table in docs/reliability.md (between the special:begin and
 *     special:end markers) is the one the library gives.
 * Run from the repository root. `test_special_values --markdown [ISA]` prints
 * the table (of one variant); `--update` rewrites it in docs/reliability.md.
 */
#include "actlab.h"
#include "t.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#define DOC "docs/reliability.md"
#define BEGIN "<!-- special:begin -->\n"
#define END "<!-- special:end -->\n"

static const float xs[] = {NAN,    INFINITY, -INFINITY, 0.0f,    -0.0f,
                           1e-40f, -1e-40f,  FLT_MAX,   -FLT_MAX};
static const char *const xnames[] = {"NaN",   "+inf",   "-inf",    "+0",      "-0",
                                     "1e-40", "-1e-40", "FLT_MAX", "-FLT_MAX"};
enum { NX = sizeof xs / sizeof xs[0] };

static void fmt(char *b, size_t n, float v) {
    if (isnan(v))
        snprintf(b, n, "nan"); /* the sign of a NaN means nothing */
    else
        snprintf(b, n, "%.9g", (double)v);
}

static int32_t ordered(float f) {
    int32_t i;
    memcpy(&i, &f, sizeof i);
    return i < 0 ? INT32_MIN - i : i;
}

/* within 4 ULP, or FLT_MIN when the reference is not a normal float */
static int close_to(float got, double ref) {
    float r = (float)ref;
    if (isnan(r) || isnan(got)) return isnan(r) && isnan(got);
    if (isinf(r) || isinf(got)) return got == r;
    if (fabs(ref) < FLT_MIN) return fabs((double)got - ref) <= FLT_MIN;
    long long d = (long long)ordered(got) - ordered(r);
    return (d < 0 ? -d : d) <= 4;
}

/* the table: one row per elementwise function at its defaults, "f, f'" per input */
static size_t table(char *out, size_t cap, act_isa isa) {
    size_t w = 0;
    w += (size_t)snprintf(out + w, cap - w, "| function |");
    for (int i = 0; i < NX; i++)
        w += (size_t)snprintf(out + w, cap - w, " %s |", xnames[i]);
    w += (size_t)snprintf(out + w, cap - w, "\n|---|");
    for (int i = 0; i < NX; i++)
        w += (size_t)snprintf(out + w, cap - w, "---|");
    w += (size_t)snprintf(out + w, cap - w, "\n");
    for (int id = 0; id < ACT_COUNT; id++) {
        const act_desc *d = act_describe((act_id)id);
        if (d->kind != ACT_KIND_ELEMENTWISE) continue;
        act_fn fn;
        act_lookup(d->name, &fn);
        float y[NX], dx[NX], ones[NX];
        for (int i = 0; i < NX; i++)
            ones[i] = 1;
        act_forward_isa(&fn, isa, NX, xs, y);
        act_backward_x_isa(&fn, isa, NX, xs, ones, dx);
        w += (size_t)snprintf(out + w, cap - w, "| %s |", d->name);
        for (int i = 0; i < NX; i++) {
            char a[32], b[32];
            fmt(a, sizeof a, y[i]);
            fmt(b, sizeof b, dx[i]);
            w += (size_t)snprintf(out + w, cap - w, " %s, %s |", a, b);
        }
        w += (size_t)snprintf(out + w, cap - w, "\n");
    }
    return w;
}

static void contract(act_isa isa) {
    for (int id = 0; id < ACT_COUNT; id++) {
        const act_desc *d = act_describe((act_id)id);
        if (d->kind != ACT_KIND_ELEMENTWISE) continue;
        act_fn fn;
        act_lookup(d->name, &fn);
        float y[NX], dx[NX], ones[NX];
        for (int i = 0; i < NX; i++)
            ones[i] = 1;
        act_forward_isa(&fn, isa, NX, xs, y);
        act_backward_x_isa(&fn, isa, NX, xs, ones, dx);
        const char *in = act_isa_name(isa);
        CHECKF(isnan(y[0]) && isnan(dx[0]), "%s [%s]: f(NaN) = %g, f'(NaN) = %g", d->name, in,
               (double)y[0], (double)dx[0]);
        for (int i = 1; i < NX; i++) {
            double rf = act_f(&fn, (double)xs[i]), rd = act_df(&fn, (double)xs[i]);
            CHECKF(close_to(y[i], rf), "%s [%s]: f(%s) = %.9g, the reference gives %.17g", d->name,
                   in, xnames[i], (double)y[i], rf);
            CHECKF(close_to(dx[i], rd), "%s [%s]: f'(%s) = %.9g, the reference gives %.17g",
                   d->name, in, xnames[i], (double)dx[i], rd);
        }
    }
}

/* a SIMD variant gives the scalar kernels' values within 4 ULP (the
   accuracy contract allows them to differ in the last bits; +0 and -0 count
   as equal, so do two NaNs) */
static void agree_fn(const act_fn *pfn, const char *name, act_isa isa);
/* parameters whose SIMD kernels take other paths than the defaults' (a
   negative beta flips which infinity gives which limit) */
static const char *const param_specs[] = {
    "silu(beta=-1.5)",
    "silu(beta=0.7)",
    "elu(alpha=-0.5)",
    "leaky_relu(negative_slope=-2)",
    "hard_sigmoid(alpha=3, beta=-1e-30)",
    "celu(alpha=3)",
    "softplus(beta=0.5)",
};
static void agree(act_isa isa) {
    for (size_t k = 0; k < sizeof param_specs / sizeof param_specs[0]; k++) {
        act_fn fn;
        char err[256];
        if (act_parse(param_specs[k], &fn, err, sizeof err)) {
            CHECKF(0, "%s: %s", param_specs[k], err);
            continue;
        }
        if (act_has_variant(fn.id, isa)) agree_fn(&fn, param_specs[k], isa);
    }
    for (int id = 0; id < ACT_COUNT; id++) {
        const act_desc *d = act_describe((act_id)id);
        if (d->kind != ACT_KIND_ELEMENTWISE || !act_has_variant((act_id)id, isa)) continue;
        act_fn fn;
        act_lookup(d->name, &fn);
        agree_fn(&fn, d->name, isa);
    }
}
static void agree_fn(const act_fn *pfn, const char *name, act_isa isa) {
    {
        act_fn fn = *pfn;
        float y[NX], dx[NX], ys[NX], dxs[NX], ones[NX];
        for (int i = 0; i < NX; i++)
            ones[i] = 1;
        act_forward_isa(&fn, isa, NX, xs, y);
        act_backward_x_isa(&fn, isa, NX, xs, ones, dx);
        act_forward_isa(&fn, ACT_ISA_SCALAR, NX, xs, ys);
        act_backward_x_isa(&fn, ACT_ISA_SCALAR, NX, xs, ones, dxs);
        for (int i = 0; i < NX; i++) {
            CHECKF(close_to(y[i], ys[i]), "%s [%s]: f(%s) = %.9g, the scalar kernel gives %.9g",
                   name, act_isa_name(isa), xnames[i], (double)y[i], (double)ys[i]);
            CHECKF(close_to(dx[i], dxs[i]), "%s [%s]: f'(%s) = %.9g, the scalar kernel gives %.9g",
                   name, act_isa_name(isa), xnames[i], (double)dx[i], (double)dxs[i]);
        }
    }
}

static char *slurp(const char *path, size_t *n) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *b = malloc(1 << 22);
    *n = fread(b, 1, (1 << 22) - 1, f);
    b[*n] = 0;
    fclose(f);
    return b;
}

int main(int argc, char **argv) {
    enum { CAP = 1 << 20 };
    char *want = malloc(CAP);
    table(want, CAP, ACT_ISA_SCALAR);
    if (argc > 1 && !strcmp(argv[1], "--markdown")) { /* --markdown [scalar|avx2|avx512] */
        for (int isa = 0; argc > 2 && isa < ACT_ISA_COUNT; isa++)
            if (!strcmp(argv[2], act_isa_name((act_isa)isa)) && act_isa_supported((act_isa)isa))
                table(want, CAP, (act_isa)isa);
        fputs(want, stdout);
        return 0;
    }
    size_t n = 0;
    char *doc = slurp(DOC, &n);
    if (argc > 1 && !strcmp(argv[1], "--update")) {
        char *b = doc ? strstr(doc, BEGIN) : NULL, *e = doc ? strstr(doc, END) : NULL;
        if (!b || !e || e < b) {
            fprintf(stderr, "%s: no %s... %s block\n", DOC, "<!-- special:begin -->", "end");
            return 1;
        }
        FILE *f = fopen(DOC, "wb");
        fwrite(doc, 1, (size_t)(b - doc) + strlen(BEGIN), f);
        fputs(want, f);
        fputs(e, f);
        fclose(f);
        printf("%s: table updated\n", DOC);
        return 0;
    }
    for (int isa = 0; isa < ACT_ISA_COUNT; isa++) {
        if (!act_isa_supported((act_isa)isa)) {
            printf("skipped: %s (this CPU does not run it)\n", act_isa_name((act_isa)isa));
            continue;
        }
        contract((act_isa)isa);
        if (isa != ACT_ISA_SCALAR) agree((act_isa)isa);
    }
    /* the documented table */
    char *b = doc ? strstr(doc, BEGIN) : NULL;
    CHECKF(b != NULL, "%s has no special-values table (run from the repository root)", DOC);
    if (b) {
        b += strlen(BEGIN);
        char *e = strstr(b, END);
        int same = e && (size_t)(e - b) == strlen(want) && !memcmp(b, want, strlen(want));
        CHECKF(same,
               "%s's special-values table is out of date: build/tests/test_special_values "
               "--update",
               DOC);
    }
    free(doc);
    free(want);
    return t_done("test_special_values");
}
