/*
 * exhaustive.c - every one of the 2^32 float32 inputs through a function's
 * float kernels (forward, and backward from x with dy = 1), against the
 * double-precision reference rounded to nearest. The reference itself is
 * checked against MPFR by tests/test_accuracy.c on a dense input set; this
 * tool finds the worst input of the kernels over all floats. Errors are
 * counted as the catalog's contract has them (tests/test_accuracy.c): in ULP
 * where the exact result is a normal float, as an absolute error where it is
 * below FLT_MIN (subnormal or zero), which the contract bounds by FLT_MIN.
 *
 * usage: exhaustive [NAME ...] [--threads N] [--isa scalar|avx2|avx512] [--simd-only]
 *                   [--table FILE.md]
 *   no NAME: every elementwise function at default parameters (--simd-only:
 *   those with kernels of their own for the ISA); --isa: the variant to sweep
 *   (default: the one act_forward runs).
 * Each block is also run twice more with a NaN planted in every 64th place
 * (offsets 0 and 1): every other result must keep its bits, since a
 * kernel's result may not depend on its neighbours (the split drivers of
 * src/simd/simd.h send a block with a NaN to their general path, so this
 * holds their two element functions to the same bits over all floats).
 * Runs on demand (make eval): about half a minute per function on 2 cores.
 */
#include "actlab.h"

#include <float.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { BLOCK = 1 << 16 };

typedef struct {
    const act_fn *fn;
    act_isa isa;
    uint64_t lo, hi; /* bit patterns [lo, hi) */
    double max_f, max_d;
    uint32_t at_f, at_d;
    uint64_t over_f, over_d; /* count above 1 ULP */
    uint64_t nan_bad;
    uint64_t moved;      /* results that changed with a NaN elsewhere in the block */
    double abs_f, abs_d; /* largest absolute error where the result is below FLT_MIN */
} job;

/* the error in ULP of a normal result; below FLT_MIN, 0 ULP and the
   absolute error into *abs (NaN and infinities must match) */
static double ulps(float got, double ref, double *abs) {
    float rf = (float)ref;
    if (isnan(rf) || isnan(got)) return (isnan(rf) && isnan(got)) ? 0 : INFINITY;
    if (isinf(rf) || isinf(got)) return rf == got ? 0 : INFINITY;
    double a = fabs(ref), err = fabs((double)got - ref);
    if (a < FLT_MIN) {
        if (err > *abs) *abs = err;
        return 0;
    }
    int e;
    frexp(a, &e);
    return err / ldexp(1.0, e - 24);
}

/* the results of x with a NaN in every 64th place from off: the others
   the same bits as y and dx, counted into j->moved where not */
static void neighbours(job *j, const float *x, const float *dy, const float *y, const float *dx,
                       int off) {
    float xo[BLOCK], yo[BLOCK], dxo[BLOCK];
    memcpy(xo, x, sizeof xo);
    for (int i = off; i < BLOCK; i += 64)
        xo[i] = NAN;
    act_forward_isa(j->fn, j->isa, BLOCK, xo, yo);
    act_backward_x_isa(j->fn, j->isa, BLOCK, xo, dy, dxo);
    for (int i = 0; i < BLOCK; i++)
        if (i % 64 != off && (memcmp(&yo[i], &y[i], 4) || memcmp(&dxo[i], &dx[i], 4))) j->moved++;
}

static void *run(void *arg) {
    job *j = arg;
    float x[BLOCK], y[BLOCK], dy[BLOCK], dx[BLOCK];
    for (int i = 0; i < BLOCK; i++)
        dy[i] = 1;
    for (uint64_t b = j->lo; b < j->hi; b += BLOCK) {
        for (int i = 0; i < BLOCK; i++) {
            uint32_t u = (uint32_t)(b + (uint64_t)i);
            memcpy(&x[i], &u, 4);
        }
        act_forward_isa(j->fn, j->isa, BLOCK, x, y);
        act_backward_x_isa(j->fn, j->isa, BLOCK, x, dy, dx);
        neighbours(j, x, dy, y, dx, 0);
        neighbours(j, x, dy, y, dx, 1);
        for (int i = 0; i < BLOCK; i++) {
            double rf = act_f(j->fn, x[i]), rd = act_df(j->fn, x[i]);
            double ef = ulps(y[i], rf, &j->abs_f), ed = ulps(dx[i], rd, &j->abs_d);
            if (isnan(x[i]) && (!isnan(y[i]) || !isnan(dx[i]))) j->nan_bad++;
            if (ef > j->max_f) {
                j->max_f = ef;
                j->at_f = (uint32_t)(b + (uint64_t)i);
            }
            if (ed > j->max_d) {
                j->max_d = ed;
                j->at_d = (uint32_t)(b + (uint64_t)i);
            }
            j->over_f += ef > 1;
            j->over_d += ed > 1;
        }
    }
    return NULL;
}

static float bits_to_float(uint32_t u) {
    float f;
    memcpy(&f, &u, 4);
    return f;
}

static int sweep(const act_fn *fn, act_isa isa, int nthreads, FILE *table) {
    job jobs[64];
    pthread_t th[64];
    uint64_t total = 1ull << 32, per = total / (uint64_t)nthreads;
    for (int t = 0; t < nthreads; t++) {
        memset(&jobs[t], 0, sizeof jobs[t]);
        jobs[t].fn = fn;
        jobs[t].isa = isa;
        jobs[t].lo = per * (uint64_t)t;
        jobs[t].hi = t + 1 == nthreads ? total : per * (uint64_t)(t + 1);
        pthread_create(&th[t], NULL, run, &jobs[t]);
    }
    job all = {0};
    for (int t = 0; t < nthreads; t++) {
        pthread_join(th[t], NULL);
        if (jobs[t].max_f > all.max_f) {
            all.max_f = jobs[t].max_f;
            all.at_f = jobs[t].at_f;
        }
        if (jobs[t].max_d > all.max_d) {
            all.max_d = jobs[t].max_d;
            all.at_d = jobs[t].at_d;
        }
        all.over_f += jobs[t].over_f;
        all.over_d += jobs[t].over_d;
        all.nan_bad += jobs[t].nan_bad;
        all.moved += jobs[t].moved;
        all.abs_f = fmax(all.abs_f, jobs[t].abs_f);
        all.abs_d = fmax(all.abs_d, jobs[t].abs_d);
    }
    char spec[200];
    act_format(fn, 0, spec, sizeof spec);
    printf("%-8s ", act_isa_name(isa));
    printf("%-28s forward max %.3f ULP at %.9g (%llu > 1 ULP); derivative max %.3f ULP at %.9g "
           "(%llu > 1 ULP); below FLT_MIN max abs error %.3g / %.3g; NaN mishandled %llu; "
           "moved by a NaN beside them %llu\n",
           spec, all.max_f, (double)bits_to_float(all.at_f), (unsigned long long)all.over_f,
           all.max_d, (double)bits_to_float(all.at_d), (unsigned long long)all.over_d, all.abs_f,
           all.abs_d, (unsigned long long)all.nan_bad, (unsigned long long)all.moved);
    fflush(stdout);
    if (table)
        fprintf(table, "| %s | %s | %.3f | %.9g | %.3f | %.9g | %.3g | %llu |\n", spec,
                act_isa_name(isa), all.max_f, (double)bits_to_float(all.at_f), all.max_d,
                (double)bits_to_float(all.at_d), fmax(all.abs_f, all.abs_d),
                (unsigned long long)all.nan_bad);
    return all.nan_bad == 0 && all.moved == 0 && all.max_f <= 2 && all.max_d <= 4 &&
           all.abs_f <= FLT_MIN && all.abs_d <= FLT_MIN;
}

int main(int argc, char **argv) {
    int nthreads = 2, ok = 1, named = 0, simd_only = 0;
    act_isa isa = act_isa_active();
    FILE *table = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--threads") && i + 1 < argc) {
            nthreads = atoi(argv[++i]);
            if (nthreads < 1 || nthreads > 64) {
                fprintf(stderr, "exhaustive: --threads must be 1..64\n");
                return 2;
            }
        } else if (!strcmp(argv[i], "--table") && i + 1 < argc) {
            table = fopen(argv[++i], "w");
            if (!table) {
                perror(argv[i]);
                return 1;
            }
            fprintf(table, "| function | variant | forward max ULP | at x | derivative max ULP | "
                           "at x | max abs err (results below FLT_MIN) | NaN mishandled |\n"
                           "|---|---|---|---|---|---|---|---|\n");
        } else if (!strcmp(argv[i], "--simd-only")) {
            simd_only = 1;
        } else if (!strcmp(argv[i], "--isa") && i + 1 < argc) {
            i++;
            int found = 0;
            for (int k = 0; k < ACT_ISA_COUNT; k++)
                if (!strcmp(argv[i], act_isa_name((act_isa)k))) {
                    isa = (act_isa)k;
                    found = 1;
                }
            if (!found || !act_isa_supported(isa)) {
                fprintf(stderr, "exhaustive: --isa %s is not a variant this CPU runs\n", argv[i]);
                return 2;
            }
        }
    }
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--threads") || !strcmp(argv[i], "--table") ||
            !strcmp(argv[i], "--isa")) {
            i++;
            continue;
        }
        if (!strcmp(argv[i], "--simd-only")) continue;
        act_fn fn;
        char err[ACT_ERRLEN];
        if (act_parse(argv[i], &fn, err, sizeof err) != ACT_OK) {
            fprintf(stderr, "exhaustive: %s\n", err);
            return 1;
        }
        if (act_describe(fn.id)->kind != ACT_KIND_ELEMENTWISE) {
            fprintf(stderr, "exhaustive: %s is a row function\n", argv[i]);
            return 1;
        }
        ok &= sweep(&fn, isa, nthreads, table);
        named = 1;
    }
    if (!named)
        for (int id = 0; id < ACT_COUNT; id++) {
            const act_desc *d = act_describe((act_id)id);
            if (d->kind != ACT_KIND_ELEMENTWISE) continue;
            if (simd_only && (isa == ACT_ISA_SCALAR || !act_has_variant((act_id)id, isa))) continue;
            act_fn fn;
            act_lookup(d->name, &fn);
            ok &= sweep(&fn, isa, nthreads, table);
        }
    if (table) fclose(table);
    return ok ? 0 : 1;
}
