/*
 * pool.c - where splitting an array across the act_pool's threads starts to
 * pay: for a cheap, a middle and a dear function, forward and backward, the
 * time of one call on the calling thread against a pool of 2 (or argv[1])
 * threads that always splits (min_chunk 1), for n = 512 ... 4 Mi floats.
 * Prints the speedup per n and, per function, the crossover: the smallest n
 * from which the pool is at least 10% faster at every larger n. The default
 * split size of act_pool_new(threads, 0) (ACT_POOL_MIN_CHUNK in actlab.h)
 * comes from this table; bench/README.md has the last run.
 * Each time is the median of 15 repetitions of enough calls to last ~1 ms.
 *
 * usage: pool [threads]        (make -C bench ACTLAB_BUILD=/abs/build pool)
 */
#include "actlab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { REPS = 15, MAXN = 4 << 20 };

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}
static int cmp_d(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* ns per call, median of REPS; pool NULL: the calling thread alone */
static double time_call(act_pool *p, const act_fn *fn, int bwd, size_t n, const float *x,
                        const float *dy, float *out) {
    long k = 1;
    for (;;) {
        double t0 = now_ns();
        for (long c = 0; c < k; c++) {
            if (bwd)
                act_backward_x_pool(p, fn, n, x, dy, out);
            else
                act_forward_pool(p, fn, n, x, out);
        }
        if (now_ns() - t0 > 1e6 || k > (1L << 24)) break;
        k *= 2;
    }
    double r[REPS];
    for (int i = 0; i < REPS; i++) {
        double t0 = now_ns();
        for (long c = 0; c < k; c++) {
            if (bwd)
                act_backward_x_pool(p, fn, n, x, dy, out);
            else
                act_forward_pool(p, fn, n, x, out);
        }
        r[i] = (now_ns() - t0) / (double)k;
    }
    qsort(r, REPS, sizeof r[0], cmp_d);
    return r[REPS / 2];
}

int main(int argc, char **argv) {
    int threads = argc > 1 ? atoi(argv[1]) : 2;
    static const char *const names[] = {"relu", "sigmoid", "tanh", "gelu", "mish"};
    float *x = malloc(MAXN * sizeof(float)), *dy = malloc(MAXN * sizeof(float));
    float *out = malloc(MAXN * sizeof(float));
    act_pool *one = act_pool_new(1, 1), *many = act_pool_new(threads, 1);
    if (!x || !dy || !out || !one || !many || threads < 2) {
        fprintf(stderr, "pool: need threads >= 2 and memory\n");
        return 1;
    }
    for (size_t i = 0; i < MAXN; i++) {
        x[i] = (float)(-4.0 + 8.0 * (double)((i * 2654435761u) % 65536) / 65536.0);
        dy[i] = 1.0f;
    }
    printf("speedup of a pool of %d threads over one thread (variant %s); crossover = the "
           "smallest n from which every larger n is at least 1.1x\n",
           threads, act_isa_name(act_isa_active()));
    printf("| function | dir |");
    for (size_t n = 512; n <= MAXN; n *= 4)
        printf(" %zu |", n);
    printf(" crossover |\n|---|---|");
    for (size_t n = 512; n <= MAXN; n *= 4)
        printf("---:|");
    printf("---:|\n");
    for (size_t f = 0; f < sizeof names / sizeof names[0]; f++) {
        act_fn fn;
        if (act_lookup(names[f], &fn) != ACT_OK) return 1;
        for (int bwd = 0; bwd < 2; bwd++) {
            double sp[16];
            size_t ns[16];
            int m = 0;
            printf("| %s | %s |", names[f], bwd ? "bwd" : "fwd");
            for (size_t n = 512; n <= MAXN; n *= 2, m++) {
                double t1 = time_call(one, &fn, bwd, n, x, dy, out);
                double t2 = time_call(many, &fn, bwd, n, x, dy, out);
                sp[m] = t1 / t2;
                ns[m] = n;
            }
            for (int i = 0; i < m; i += 2)
                printf(" %.2f |", sp[i]);
            int c = m;
            while (c > 0 && sp[c - 1] >= 1.1)
                c--;
            if (c < m)
                printf(" %zu |\n", ns[c]);
            else
                printf(" never |\n");
        }
    }
    act_pool_free(one);
    act_pool_free(many);
    free(x);
    free(dy);
    free(out);
    return 0;
}
