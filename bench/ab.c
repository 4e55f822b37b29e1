/*
 * ab.c - two builds of libactlab timed against each other in one process.
 *
 * The host these kernels were tuned on moves between speed states that last
 * seconds (runs of one binary come out 1.2-1.3x apart, in modes), so two
 * builds timed in separate processes, even alternated, can show a gain or
 * loss of 20% that is not there (bench/README.md, ninth session). Here both
 * shared libraries are loaded (dlopen, RTLD_LOCAL: each keeps its own
 * symbols) and their kernels alternate batch by batch, a few milliseconds
 * each, so that both see the same state; the order within a pair of
 * batches alternates too. One build against itself: the median paired
 * ratio within 1.00 +- 0.02.
 *
 * usage: ab OLD.so NEW.so FUNCTION fwd|bwd|bwd_y|row_fwd|row_bwd N [BATCHES [LO HI]]
 *   FUNCTION a name or a spec with parameters ("celu(alpha=1.5)");
 *   N floats (rows of 1024 for the row directions, or of AB_COLS from the
 *   environment), BATCHES pairs (300),
 *   x uniform on [LO, HI) (the function's plotting range, as in
 *   bench/kernels.c, unless given);
 *   prints the best and the median elements/ns of each, the ratio of the
 *   bests and the median of the per-pair ratios (the robust one) with its
 *   middle half.
 *   Build the two libraries with `make BUILD=...` from two checkouts (or
 *   copy build/libactlab.so.0 aside before a change).
 */
#include <dlfcn.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "actlab.h"

typedef act_status (*parse_fn)(const char *, act_fn *, char *, size_t);
typedef const act_desc *(*describe_fn)(act_id);
typedef void (*fwd_fn)(const act_fn *, size_t, const float *, float *);
typedef void (*bwd_fn)(const act_fn *, size_t, const float *, const float *, float *);
typedef void (*row_fwd_fn)(const act_fn *, size_t, size_t, const float *, float *);
typedef void (*row_bwd_fn)(const act_fn *, size_t, size_t, const float *, const float *,
                           const float *, float *);

typedef struct {
    act_fn fn;
    const act_desc *desc;
    fwd_fn fwd;
    bwd_fn bwd_x, bwd_y;
    row_fwd_fn row_fwd;
    row_bwd_fn row_bwd;
} lib;

static double now_s(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* a function pointer from dlsym (POSIX guarantees the conversion) */
static void *sym(void *h, const char *path, const char *name) {
    void *p = dlsym(h, name);
    if (!p) {
        fprintf(stderr, "ab: %s has no %s\n", path, name);
        exit(1);
    }
    return p;
}

static void load(lib *l, const char *path, const char *fname) {
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        fprintf(stderr, "ab: %s\n", dlerror());
        exit(1);
    }
    parse_fn parse;
    *(void **)&parse = sym(h, path, "act_parse");
    *(void **)&l->fwd = sym(h, path, "act_forward");
    *(void **)&l->bwd_x = sym(h, path, "act_backward_x");
    *(void **)&l->bwd_y = sym(h, path, "act_backward_y");
    *(void **)&l->row_fwd = sym(h, path, "act_row_forward");
    *(void **)&l->row_bwd = sym(h, path, "act_row_backward");
    char err[256];
    if (parse(fname, &l->fn, err, sizeof err) != ACT_OK) {
        fprintf(stderr, "ab: %s\n", err);
        exit(1);
    }
    describe_fn describe;
    *(void **)&describe = sym(h, path, "act_describe");
    l->desc = describe(l->fn.id);
}

int main(int argc, char **argv) {
    if (argc < 6) {
        fprintf(stderr, "usage: ab OLD.so NEW.so FUNCTION fwd|bwd|bwd_y|row_fwd|row_bwd N "
                        "[BATCHES [LO HI]]\n");
        return 2;
    }
    static const char *const dirs[] = {"fwd", "bwd", "bwd_y", "row_fwd", "row_bwd"};
    int dir = -1;
    for (int i = 0; i < 5; i++)
        if (!strcmp(argv[4], dirs[i])) dir = i;
    char *end, *ce = NULL;
    const char *cs = getenv("AB_COLS");
    size_t cols = cs ? strtoul(cs, &ce, 10) : 1024;
    if (cols == 0 || (cs && *ce)) {
        fprintf(stderr, "ab: AB_COLS must be a positive integer\n");
        return 2;
    }
    size_t n = strtoul(argv[5], &end, 10);
    long batches = argc > 6 ? strtol(argv[6], NULL, 10) : 300;
    double lo = NAN, hi = NAN;
    char *e1 = NULL, *e2 = NULL;
    if (argc > 8) {
        lo = strtod(argv[7], &e1);
        hi = strtod(argv[8], &e2);
    }
    if (dir < 0 || *end || n == 0 || (dir >= 3 && n % cols) || batches < 1 || batches > 100000 ||
        argc == 8 || argc > 9 || (argc > 8 && (*e1 || *e2 || !(lo < hi)))) {
        fprintf(stderr,
                "ab: bad direction, size, batch count or range (row sizes: multiples of %zu; "
                "LO < HI, both or neither)\n",
                cols);
        return 2;
    }
    lib L[2];
    load(&L[0], argv[1], argv[3]);
    load(&L[1], argv[2], argv[3]);

    float *x = aligned_alloc(64, n * sizeof(float)), *y = aligned_alloc(64, n * sizeof(float));
    float *dy = aligned_alloc(64, n * sizeof(float)), *dx = aligned_alloc(64, n * sizeof(float));
    double *t[2] = {malloc((size_t)batches * sizeof(double)),
                    malloc((size_t)batches * sizeof(double))};
    double *ratio = malloc((size_t)batches * sizeof(double));
    if (!x || !y || !dy || !dx || !t[0] || !t[1] || !ratio) {
        fprintf(stderr, "ab: out of memory\n");
        return 1;
    }
    /* the inputs of bench/kernels.c: x uniform on the plotting range (its
       fill_range), dy on [-1, 1) */
    if (argc <= 8) {
        lo = L[0].desc->plot_lo;
        hi = L[0].desc->plot_hi;
    }
    unsigned s = 7;
    for (size_t i = 0; i < n; i++) {
        s = s * 1664525u + 1013904223u;
        x[i] = (float)(lo + (hi - lo) * (double)(s >> 8) / 16777216.0);
    }
    s = 12345;
    for (size_t i = 0; i < n; i++) {
        s = s * 1103515245u + 12345u;
        dy[i] = (float)((s >> 8) & 0xffff) / 32768.0f - 1.0f;
    }
    if (dir >= 3) /* y for the backward passes */
        L[0].row_fwd(&L[0].fn, n / cols, cols, x, y);
    else
        L[0].fwd(&L[0].fn, n, x, y);
    long reps = (long)(2e6 / (double)n);
    if (reps < 1) reps = 1;
    for (long b = 0; b < batches; b++)
        for (int k = 0; k < 2; k++) {
            int v = (b & 1) ? 1 - k : k;
            const lib *l = &L[v];
            double t0 = now_s();
            for (long r = 0; r < reps; r++)
                switch (dir) {
                case 0: l->fwd(&l->fn, n, x, dx); break;
                case 1: l->bwd_x(&l->fn, n, x, dy, dx); break;
                case 2: l->bwd_y(&l->fn, n, y, dy, dx); break;
                case 3: l->row_fwd(&l->fn, n / cols, cols, x, dx); break;
                default: l->row_bwd(&l->fn, n / cols, cols, x, y, dy, dx); break;
                }
            t[v][b] = (double)n * (double)reps / ((now_s() - t0) * 1e9);
        }
    for (long b = 0; b < batches; b++)
        ratio[b] = t[1][b] / t[0][b];
    qsort(ratio, (size_t)batches, sizeof(double), cmp_double);
    double best[2], med[2];
    for (int v = 0; v < 2; v++) {
        qsort(t[v], (size_t)batches, sizeof(double), cmp_double);
        best[v] = t[v][batches - 1];
        med[v] = t[v][batches / 2];
    }
    printf("%s %s %zu, x on [%g, %g): old best %.3f median %.3f | new best %.3f median %.3f "
           "elements/ns | "
           "new/old best %.3f, median of the %ld paired ratios %.3f (middle half %.3f-%.3f)\n",
           argv[3], argv[4], n, lo, hi, best[0], med[0], best[1], med[1], best[1] / best[0],
           batches, ratio[batches / 2], ratio[batches / 4], ratio[batches - 1 - batches / 4]);
    free(x);
    free(y);
    free(dy);
    free(dx);
    free(t[0]);
    free(t[1]);
    free(ratio);
    return 0;
}
