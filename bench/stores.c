/*
 * stores.c - which store policy each SIMD kernel should use at 16 Mi floats
 * (src/simd/simd.h: ACT_CACHED, ACT_STREAM, ACT_MIXED).
 *
 * bench/Makefile compiles the kernel files of src/simd once per policy with
 * ACT_ST_FORCE, so that every kernel exists here three times, under the
 * names act_st<policy>_<isa>_<id>, next to the library's own set
 * (act_simd_<isa>_<id>, each kernel with the policy it was declared with).
 * For each function of issue #5 (softmax and log_softmax have no store
 * policy), forward and backward from x and from y, on 1 and 2 threads, it
 * times three copies of the same bytes (regular, streaming and mixed
 * stores, as the policies; the fastest is the ceiling) and the kernel under
 * each policy and as shipped, round-robin, repetition by repetition, each
 * pass after reading 256 MiB of other memory (so that it starts from DRAM,
 * with no dirty lines of the pass before it to write back), and prints the
 * medians as a share of the ceiling.
 *
 * usage: stores [--isa avx512|avx2] [--reps N] [--fn NAME]
 */
#include "actlab.h"
#include "stream_copy.h"
#include "simd/simd.h"

#include <immintrin.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { N = 1 << 24, MAXREPS = 31, NPOL = 3 };

/* ---- the kernel sets --------------------------------------------------------------- */

#define SETS(isa, id)                                                                              \
    extern const act_simd_kernels act_st0_##isa##_##id, act_st1_##isa##_##id,                      \
        act_st2_##isa##_##id, act_simd_##isa##_##id;
#define SETS3(id) SETS(avx512, id) SETS(avx2, id)
SETS3(relu)
SETS3(leaky_relu)
SETS3(prelu)
SETS3(relu6)
SETS3(hardtanh)
SETS3(hard_sigmoid)
SETS3(hardswish)
SETS3(sigmoid)
SETS3(tanh)
SETS3(softsign)
SETS3(elu)
SETS3(selu)
SETS3(celu)
SETS3(gelu)
SETS3(silu)
SETS3(mish)
SETS3(softplus)
SETS3(logsigmoid)
SETS3(exp)

typedef struct {
    const char *name, *spec;
    /* [isa][policy]: policy 0-2 forced, 3 the library's; isa 0 AVX-512, 1 AVX2 */
    const act_simd_kernels *k[2][NPOL + 1];
} sfn;
#define K(id)                                                                                      \
    {                                                                                              \
        {&act_st0_avx512_##id, &act_st1_avx512_##id, &act_st2_avx512_##id, &act_simd_avx512_##id}, \
        {                                                                                          \
            &act_st0_avx2_##id, &act_st1_avx2_##id, &act_st2_avx2_##id, &act_simd_avx2_##id        \
        }                                                                                          \
    }
static const sfn fns[] = {
    {"relu", "relu", K(relu)},
    {"leaky_relu", "leaky_relu", K(leaky_relu)},
    {"prelu", "prelu", K(prelu)},
    {"relu6", "relu6", K(relu6)},
    {"hardtanh", "hardtanh", K(hardtanh)},
    {"hardsigmoid", "hardsigmoid", K(hard_sigmoid)},
    {"hardswish", "hardswish", K(hardswish)},
    {"sigmoid", "sigmoid", K(sigmoid)},
    {"tanh", "tanh", K(tanh)},
    {"softsign", "softsign", K(softsign)},
    {"elu", "elu", K(elu)},
    {"selu", "selu", K(selu)},
    {"celu", "celu", K(celu)},
    {"gelu", "gelu", K(gelu)},
    {"gelu_tanh", "gelu(approximate=tanh)", K(gelu)},
    {"silu", "silu", K(silu)},
    {"mish", "mish", K(mish)},
    {"softplus", "softplus", K(softplus)},
    {"logsigmoid", "logsigmoid", K(logsigmoid)},
    {"exp", "exp", K(exp)},
};
#define NFNS (sizeof fns / sizeof fns[0])
static const char *const pol_names[NPOL + 1] = {"cached", "stream", "mixed", "shipped"};

/* ---- one timed pass ------------------------------------------------------------------ */

typedef enum { DIR_FWD, DIR_BWD, DIR_BWDY } dir_t;
typedef struct {
    int copy; /* 0: a kernel; 1 + mode: a copy (copy512) */
    dir_t dir;
    const act_simd_kernels *k;
    const double *p;
    const float *a, *dy;
    float *out;
} job;

static int have512; /* copy512 (stream_copy.h) can run */
static void run(const job *j, size_t lo, size_t n) {
    const float *dy = j->dir == DIR_FWD ? NULL : j->dy + lo;
    if (j->copy && have512)
        copy512(j->a + lo, dy, j->out + lo, n, j->copy - 1);
    else if (j->copy)
        copy_plain(j->a + lo, dy, j->out + lo, n);
    else if (j->dir == DIR_FWD)
        j->k->fwd(j->p, n, j->a + lo, j->out + lo);
    else
        (j->dir == DIR_BWD ? j->k->bwd_x : j->k->bwd_y)(j->p, n, j->a + lo, dy, j->out + lo);
}

/* the second thread: created once, spins for the next job */
static struct {
    const job *j;
    size_t lo, n;
    atomic_uint gen, done;
    atomic_int quit;
} helper;
static void *helper_main(void *arg) {
    (void)arg;
    unsigned seen = 0;
    for (;;) {
        unsigned g;
        while ((g = atomic_load_explicit(&helper.gen, memory_order_acquire)) == seen) {
            if (atomic_load_explicit(&helper.quit, memory_order_relaxed)) return NULL;
            _mm_pause();
        }
        seen = g;
        run(helper.j, helper.lo, helper.n);
        atomic_store_explicit(&helper.done, g, memory_order_release);
    }
}
static const unsigned char *evict_buf; /* EVICT_BYTES for evict() (stream_copy.h) */
static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}
/* elements per ns of one call over N elements on 1 or 2 threads; the halves
   split at a multiple of 16 floats, so both start on a line boundary */
static double timed(const job *j, int threads) {
    evict(evict_buf);
    double t0 = now_ns();
    if (threads == 1) {
        run(j, 0, N);
    } else {
        size_t h = N / 2;
        helper.j = j;
        helper.lo = h;
        helper.n = N - h;
        unsigned g = atomic_load_explicit(&helper.gen, memory_order_relaxed) + 1;
        atomic_store_explicit(&helper.gen, g, memory_order_release);
        run(j, 0, h);
        while (atomic_load_explicit(&helper.done, memory_order_acquire) != g)
            _mm_pause();
    }
    return N / (now_ns() - t0);
}
static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}
static double median(double *v, int n) {
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return v[n / 2];
}

int main(int argc, char **argv) {
    int isa = 0, reps = 7;
    const char *only = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--isa") && i + 1 < argc && !strcmp(argv[i + 1], "avx512"))
            isa = 0, i++;
        else if (!strcmp(argv[i], "--isa") && i + 1 < argc && !strcmp(argv[i + 1], "avx2"))
            isa = 1, i++;
        else if (!strcmp(argv[i], "--reps") && i + 1 < argc && atoi(argv[i + 1]) >= 1 &&
                 atoi(argv[i + 1]) <= MAXREPS)
            reps = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--fn") && i + 1 < argc)
            only = argv[++i];
        else {
            fprintf(stderr, "usage: %s [--isa avx512|avx2] [--reps 1-%d] [--fn NAME]\n", argv[0],
                    MAXREPS);
            return 2;
        }
    }
    act_isa ai = isa ? ACT_ISA_AVX2 : ACT_ISA_AVX512;
    if (!act_isa_supported(ai)) {
        fprintf(stderr, "stores: this CPU cannot run the %s kernels\n", act_isa_name(ai));
        return 1;
    }
    float *x = aligned_alloc(64, N * sizeof(float)), *y = aligned_alloc(64, N * sizeof(float));
    float *dy = aligned_alloc(64, N * sizeof(float)), *out = aligned_alloc(64, N * sizeof(float));
    unsigned char *ev = malloc(EVICT_BYTES);
    evict_buf = ev;
    if (!x || !y || !dy || !out || !ev) {
        fprintf(stderr, "stores: out of memory\n");
        return 1;
    }
    unsigned seed = 1;
    for (size_t i = 0; i < N; i++) {
        seed = seed * 1664525u + 1013904223u;
        dy[i] = (float)(seed >> 8) / 8388608.0f - 1.0f;
    }
    memset(out, 0, N * sizeof(float)); /* every page touched before timing */
    memset(ev, 1, EVICT_BYTES);
    pthread_t th;
    if (pthread_create(&th, NULL, helper_main, NULL)) {
        fprintf(stderr, "stores: cannot start the second thread\n");
        return 1;
    }
    int npol = NPOL;
    have512 = __builtin_cpu_supports("avx512f");
    printf("16 Mi floats, %s, median of %d; each policy's elements/ns as a share of the copy "
           "ceiling, the fastest of the three copies (forward: one array in, one out; backward: "
           "two in, one out)\n\n",
           act_isa_name(ai), reps);
    printf("| function | dir | thr | copy el/ns (cached / stream / mixed) |");
    for (int q = 0; q < npol; q++)
        printf(" %s |", pol_names[q]);
    printf(" best | shipped |\n|---|---|---:|---:|");
    for (int q = 0; q < npol; q++)
        printf("---:|");
    printf("---|---:|\n");
    int cells = 0, near = 0;
    for (size_t fi = 0; fi < NFNS; fi++) {
        const sfn *f = &fns[fi];
        if (only && strcmp(only, f->name)) continue;
        act_fn fn;
        char err[ACT_ERRLEN];
        if (act_parse(f->spec, &fn, err, sizeof err)) {
            fprintf(stderr, "stores: %s\n", err);
            return 1;
        }
        const act_desc *d = act_describe(fn.id);
        const act_simd_kernels *ks = f->k[isa][NPOL];
        if (ks->accepts && !ks->accepts(fn.p)) continue; /* the scalar kernel would run */
        seed = 7;
        for (size_t i = 0; i < N; i++) {
            seed = seed * 1664525u + 1013904223u;
            x[i] =
                (float)(d->plot_lo + (d->plot_hi - d->plot_lo) * (double)(seed >> 8) / 16777216.0);
        }
        ks->fwd(fn.p, N, x, y); /* y for the backward from y */
        for (int dir = DIR_FWD; dir <= DIR_BWDY; dir++) {
            if (dir != DIR_FWD && !(dir == DIR_BWD ? ks->bwd_x : ks->bwd_y)) continue;
            for (int threads = 1; threads <= 2; threads++) {
                job jc[3], jk[NPOL + 1];
                const float *a = dir == DIR_BWDY ? y : x;
                for (int c = 0; c < 3; c++)
                    jc[c] = (job){.copy = c + 1, .dir = (dir_t)dir, .a = a, .dy = dy, .out = out};
                for (int q = 0; q <= NPOL; q++)
                    jk[q] = (job){.dir = (dir_t)dir,
                                  .k = f->k[isa][q],
                                  .p = fn.p,
                                  .a = a,
                                  .dy = dy,
                                  .out = out};
                double tc[3][MAXREPS], tk[NPOL + 1][MAXREPS];
                for (int r = 0; r < reps; r++) {
                    for (int c = 0; c < 3; c++)
                        tc[c][r] = timed(&jc[c], threads);
                    for (int q = 0; q <= NPOL; q++)
                        if (jk[q].k) tk[q][r] = timed(&jk[q], threads);
                }
                double cm[3], copy = 0;
                for (int c = 0; c < 3; c++)
                    copy = fmax(copy, cm[c] = median(tc[c], reps));
                double m[NPOL + 1];
                int best = 0;
                for (int q = 0; q <= NPOL; q++) {
                    m[q] = jk[q].k ? median(tk[q], reps) : 0;
                    if (q < npol && m[q] > m[best]) best = q;
                }
                printf("| %s | %s | %d | %.2f / %.2f / %.2f |", f->name,
                       dir == DIR_FWD   ? "fwd"
                       : dir == DIR_BWD ? "bwd"
                                        : "bwd_y",
                       threads, cm[0], cm[1], cm[2]);
                for (int q = 0; q < npol; q++)
                    printf(" %.0f%% |", 100 * m[q] / copy);
                printf(" %s | %.0f%% |\n", pol_names[best], 100 * m[NPOL] / copy);
                cells++;
                near += m[NPOL] >= 0.95 * m[best];
            }
        }
    }
    printf("\nThe shipped kernels run within 5%% of the best policy in %d of %d cells.\n", near,
           cells);
    atomic_store(&helper.quit, 1);
    pthread_join(th, NULL);
    free(x);
    free(y);
    free(dy);
    free(out);
    free(ev);
    return 0;
}
