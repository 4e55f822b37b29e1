/*
 * bench_denormal.c - do subnormal numbers slow the kernels down?
 *
 * For every elementwise function (defaults) and every SIMD variant this CPU
 * runs, times forward and backward (from x) over 16384 floats of three
 * kinds: normal inputs uniform in [-4, 4] (the baseline), subnormal inputs
 * (|x| in [1e-45, 1e-38], both signs), and inputs in [-103, -88], where
 * exp-like functions produce subnormal outputs. Prints the slowdown of each
 * against the baseline (the minimum of 7 timings each) and, last, every
 * case above the limit (default 2x; argv[1] changes it). Exit status 1 when
 * there is one. Build and run: make -C fuzz denormal BUILD=build.
 *
 * x86 has no fast path for subnormal operands or results (a microcode assist
 * per operation, ~100 cycles): a kernel that multiplies a subnormal pays it,
 * one that compares and selects does not. actlab does not set FTZ/DAZ: IEEE
 * behaviour is part of its contract.
 */
#define _POSIX_C_SOURCE 200809L
#include "actlab.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { N = 1 << 14, REPS = 7 };

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static unsigned long long rng = 88172645463325252ull;
static double unif(void) {
    rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
    return (double)(rng >> 11) * 0x1p-53;
}

/* seconds per pass (min over REPS), each rep long enough to time */
static double time_kernel(const act_fn *fn, act_isa isa, int bwd, const float *x, float *y,
                          const float *dy) {
    int iters = 1;
    double best = 1e30;
    for (;;) { /* calibrate: a rep of at least 2 ms */
        double t0 = now();
        for (int i = 0; i < iters; i++) {
            if (bwd)
                act_backward_x_isa(fn, isa, N, x, dy, y);
            else
                act_forward_isa(fn, isa, N, x, y);
        }
        double t = now() - t0;
        if (t > 2e-3 || iters > (1 << 20)) break;
        iters *= 2;
    }
    for (int r = 0; r < REPS; r++) {
        double t0 = now();
        for (int i = 0; i < iters; i++) {
            if (bwd)
                act_backward_x_isa(fn, isa, N, x, dy, y);
            else
                act_forward_isa(fn, isa, N, x, y);
        }
        double t = (now() - t0) / iters;
        if (t < best) best = t;
    }
    return best;
}

int main(int argc, char **argv) {
    double limit = argc > 1 ? atof(argv[1]) : 2.0;
    static float normal[N], sub_in[N], sub_out[N], y[N], dy[N];
    for (int i = 0; i < N; i++) {
        normal[i] = (float)(-4 + 8 * unif());
        /* log-uniform magnitude over the subnormal range */
        float m = (float)(1e-45 * pow(1e7, unif()));
        sub_in[i] = i & 1 ? -m : m;
        sub_out[i] = (float)(-103 + 15 * unif());
        dy[i] = 1;
    }
    char over[8192] = "";
    size_t ow = 0;
    int nover = 0, ncases = 0;
    printf("%-32s %-7s %9s %9s %9s %9s %9s   (slowdown vs normal inputs)\n", "function", "isa",
           "ns/elem", "fwd sub", "bwd sub", "fwd tiny", "bwd tiny");
    for (int isa = 0; isa < ACT_ISA_COUNT; isa++) {
        if (!act_isa_supported((act_isa)isa)) continue;
        for (int id = 0; id < ACT_COUNT; id++) {
            const act_desc *d = act_describe((act_id)id);
            if (d->kind != ACT_KIND_ELEMENTWISE) continue;
            if (isa && !act_has_variant((act_id)id, (act_isa)isa)) continue;
            act_fn fn;
            act_lookup(d->name, &fn);
            double r[4], base[2];
            for (int b = 0; b < 2; b++) {
                base[b] = time_kernel(&fn, (act_isa)isa, b, normal, y, dy);
                r[b] = time_kernel(&fn, (act_isa)isa, b, sub_in, y, dy) / base[b];
                r[2 + b] = time_kernel(&fn, (act_isa)isa, b, sub_out, y, dy) / base[b];
            }
            printf("%-32s %-7s %9.2f %9.2f %9.2f %9.2f %9.2f\n", d->name,
                   act_isa_name((act_isa)isa), base[0] / N * 1e9, r[0], r[1], r[2], r[3]);
            static const char *const what[4] = {
                "forward, subnormal inputs", "backward, subnormal inputs",
                "forward, inputs in [-103, -88]", "backward, inputs in [-103, -88]"};
            for (int k = 0; k < 4; k++) {
                ncases++;
                if (r[k] > limit) {
                    nover++;
                    if (ow < sizeof over - 200)
                        ow += (size_t)snprintf(over + ow, sizeof over - ow, "  %s [%s] %s: %.1fx\n",
                                               d->name, act_isa_name((act_isa)isa), what[k], r[k]);
                }
            }
        }
    }
    printf("\n%d of %d cases slower than %.1fx:\n%s", nover, ncases, limit, over);
    return nover ? 1 : 0;
}
