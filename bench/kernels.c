/*
 * kernels.c - throughput of the activation kernels, in elements per
 * nanosecond, forward and backward, for actlab's variants (scalar, avx2,
 * avx512) against, in the same run: a plain libm loop, XNNPACK and oneDNN
 * (each where it was installed at build time, "n/i" otherwise), PyTorch
 * (bench/torch_kernels.py through popen, when /usr/bin/python3 and torch are
 * there; its backward goes in the row of the same input: from y for relu,
 * sigmoid, tanh and exp, whose autograd formulas read the output), and the
 * ceiling of a streaming copy (read x, write y; regular, non-temporal and
 * mixed stores, one line in eight or in sixteen regular as the kernels'
 * ACT_MIXED, the best of the four; for backward, read two arrays and write
 * one).
 *
 * Sizes 4 Ki, 256 Ki and 16 Mi floats; 1 thread, and 2 threads that split
 * the array in halves (two pthreads created once: the driver thread and a
 * helper that spins on a generation counter, outside the timed region).
 * Each number is the median of 7 repetitions (3 with --quick), each timing
 * enough calls to last about 2 ms; the implementations of one table row
 * (the copy ceiling included) are timed round-robin, repetition by
 * repetition, so that the load of a shared machine hits them alike; at 16
 * Mi floats each repetition first reads 256 MiB of other memory, so that
 * every pass starts from DRAM and none pays for the dirty lines the one
 * before it left in the L3 (32-96 MiB on these EPYCs). Inputs
 * are uniform over the function's
 * plotting range (act_describe()->plot_lo..plot_hi), dy uniform in [-1, 1].
 * softmax and log_softmax run over rows of 1024 values (--cols: n/1024
 * rows; each thread takes whole rows, so a size that is not a multiple of
 * twice the row runs on the largest multiple below it, and is left out
 * when that is 0), backward from y (x is not read):
 * XNNPACK has softmax forward, oneDNN softmax v2 (accurate and log) both
 * ways, PyTorch torch.softmax/log_softmax(dim=-1).
 *
 * usage: kernels [--quick] [--no-torch] [--fn NAME] [--cols C] [--csv FILE] [--accuracy]
 *   --quick: 4 Ki and 256 Ki only, 3 repetitions (a smoke run)
 *   --cols C: the row functions' row length (default 1024)
 *   --accuracy: no timing; the largest error in ULP of actlab, the libm loop,
 *   XNNPACK and oneDNN against the catalog's double reference (run_accuracy)
 * Writes the table to stdout and the CSV (default bench/out/kernels.csv).
 */
#include "actlab.h"
#include "stream_copy.h"

#include <errno.h>
#include <float.h>
#include <immintrin.h>
#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifdef HAVE_XNNPACK
#include <xnnpack.h>
#endif
#ifdef HAVE_DNNL
#include <dnnl.h>
#endif

#define MAXN (16u << 20)
/* softmax and log_softmax run over rows of this many values (a 1000-class
   output or an attention row; every size and half of it is a multiple of
   the default); --cols sets it once, before any thread starts */
static size_t row_cols = 1024;

/* the columns of the table */
enum {
    I_COPY,
    I_SCALAR,
    I_AVX2,
    I_AVX512,
    I_LIBM,
    I_XNN,
    I_DNNL,
    I_TORCH,
    I_COUNT,
    I_MAX = I_COUNT + 2
};

/* ---- timing ---------------------------------------------------------------- */

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}
static int cmp_d(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* ---- a job: one call over [lo, hi) of the arrays ------------------------------- */

typedef enum { DIR_FWD, DIR_BWD, DIR_BWDY, DIR_COUNT } dir_t;
static const char *const dir_names[DIR_COUNT] = {"fwd", "bwd", "bwd_y"};

typedef struct job job;
/* runs the implementation on [lo, lo + n) for thread t (0 or 1) */
typedef void (*job_fn)(const job *j, int t, size_t lo, size_t n);
struct job {
    job_fn run;
    const act_fn *fn;
    act_isa isa;
    dir_t dir;
    int row; /* a row function: n/row_cols rows; backward reads y (in a) */
    int nt;  /* copy: 0 regular stores, 1 non-temporal, 2 and 3 mixed (1 line in 8 or 16 regular) */
    void *ctx[2]; /* per thread (XNNPACK/oneDNN objects bound to that half) */
    const float *a, *dy;
    float *out;
};

/* ---- the helper thread ------------------------------------------------------------ */

static struct {
    _Atomic unsigned gen, done;
    _Atomic int quit;
    const job *j;
    size_t lo, n;
} helper;

/* spin with pause, yielding the core now and then: on a machine with more
   runnable threads than cores a pure spin would starve the thread it waits for */
static void spin_wait(unsigned long *spins) {
    if (++*spins % 4096 == 0)
        sched_yield();
    else
        _mm_pause();
}
static void *helper_main(void *arg) {
    (void)arg;
    unsigned seen = 0;
    for (;;) {
        unsigned g;
        unsigned long spins = 0;
        while ((g = atomic_load_explicit(&helper.gen, memory_order_acquire)) == seen) {
            if (atomic_load_explicit(&helper.quit, memory_order_relaxed)) return NULL;
            spin_wait(&spins);
        }
        seen = g;
        helper.j->run(helper.j, 1, helper.lo, helper.n);
        atomic_store_explicit(&helper.done, g, memory_order_release);
    }
}

/* one timed call of j over n elements with 1 or 2 threads */
static void call(const job *j, size_t n, int threads) {
    if (threads == 1) {
        j->run(j, 0, 0, n);
        return;
    }
    size_t h = n / 2;
    helper.j = j;
    helper.lo = h;
    helper.n = n - h;
    unsigned g = atomic_load_explicit(&helper.gen, memory_order_relaxed) + 1;
    atomic_store_explicit(&helper.gen, g, memory_order_release);
    j->run(j, 0, 0, h);
    unsigned long spins = 0;
    while (atomic_load_explicit(&helper.done, memory_order_acquire) != g)
        spin_wait(&spins);
}

static int reps = 7;

/* EVICT_BYTES for evict() (stream_copy.h): read before each repetition of a
   16 Mi-float row */
static const unsigned char *evict_buf;

/* The jobs of one table row (copy ceiling, actlab's variants, libm,
   XNNPACK, oneDNN) are timed round-robin: repetition r times each job in
   turn, so that a slow phase of a shared machine hits them all alike; each
   job's number is the median of its repetitions, each repetition timing k
   calls (k calibrated to ~2 ms). Returns elements per ns in out[i]. */
static void measure_row(const job *const *jobs, int nj, size_t n, int threads, double *out) {
    long k[I_MAX];
    double r[I_MAX][16];
    for (int j = 0; j < nj; j++) {
        call(jobs[j], n, threads); /* warm up (page faults, caches, lazy init) */
        double t0 = now_ns();
        call(jobs[j], n, threads);
        double one = now_ns() - t0;
        k[j] = one > 0 ? (long)(2e6 / one) : 1000;
        if (k[j] < 1) k[j] = 1;
        if (k[j] > 100000) k[j] = 100000;
    }
    for (int i = 0; i < reps; i++)
        for (int j = 0; j < nj; j++) {
            if (n > MAXN / 2 && evict_buf) /* the 16 Mi size (less a partial row) */
                evict(evict_buf);
            double t0 = now_ns();
            for (long c = 0; c < k[j]; c++)
                call(jobs[j], n, threads);
            r[j][i] = (double)n * (double)k[j] / (now_ns() - t0);
        }
    for (int j = 0; j < nj; j++) {
        qsort(r[j], (size_t)reps, sizeof r[j][0], cmp_d);
        out[j] = r[j][reps / 2];
    }
}

/* ---- actlab --------------------------------------------------------------------- */

static void run_actlab(const job *j, int t, size_t lo, size_t n) {
    (void)t;
    if (j->row) {
        if (j->dir == DIR_FWD)
            act_row_forward_isa(j->fn, j->isa, n / row_cols, row_cols, j->a + lo, j->out + lo);
        else
            act_row_backward_isa(j->fn, j->isa, n / row_cols, row_cols, j->a + lo, j->a + lo,
                                 j->dy + lo, j->out + lo);
        return;
    }
    switch (j->dir) {
    case DIR_FWD: act_forward_isa(j->fn, j->isa, n, j->a + lo, j->out + lo); break;
    case DIR_BWD: act_backward_x_isa(j->fn, j->isa, n, j->a + lo, j->dy + lo, j->out + lo); break;
    default: act_backward_y_isa(j->fn, j->isa, n, j->a + lo, j->dy + lo, j->out + lo); break;
    }
}

/* ---- streaming copy: the ceiling ---------------------------------------------------- */

static int have512;
/* dir FWD: y = x (one stream in); otherwise dx = a + dy (two in) */
static void run_copy(const job *j, int t, size_t lo, size_t n) {
    (void)t;
    const float *b = j->dir == DIR_FWD ? NULL : j->dy + lo;
    if (have512)
        copy512(j->a + lo, b, j->out + lo, n, j->nt);
    else
        copy_plain(j->a + lo, b, j->out + lo, n);
}

/* ---- plain libm loops ---------------------------------------------------------------- */

typedef void (*lf_fwd)(size_t n, const float *x, float *y);
typedef void (*lf_bwd)(size_t n, const float *x, const float *dy, float *dx);

#define SQ2PI_INV 0.3989422804014327f /* 1/sqrt(2 pi) */
#define LOOPF(name, expr)                                                                          \
    static void name(size_t n, const float *x_, float *y_) {                                       \
        for (size_t i = 0; i < n; i++) {                                                           \
            float x = x_[i];                                                                       \
            y_[i] = (expr);                                                                        \
        }                                                                                          \
    }
#define LOOPB(name, expr)                                                                          \
    static void name(size_t n, const float *x_, const float *g_, float *d_) {                      \
        for (size_t i = 0; i < n; i++) {                                                           \
            float x = x_[i], g = g_[i];                                                            \
            d_[i] = g * (expr);                                                                    \
        }                                                                                          \
    }
static inline float sgm(float x) { return 1.0f / (1.0f + expf(-x)); }
static inline float gtu(float x) { return 0.7978845608f * (x + 0.044715f * x * x * x); }
LOOPF(l_relu_f, x > 0 ? x : 0.0f)
LOOPB(l_relu_b, x > 0 ? 1.0f : 0.0f)
LOOPF(l_leaky_f, x > 0 ? x : 0.01f * x)
LOOPB(l_leaky_b, x > 0 ? 1.0f : 0.01f)
LOOPF(l_prelu_f, x > 0 ? x : 0.25f * x)
LOOPB(l_prelu_b, x > 0 ? 1.0f : 0.25f)
LOOPF(l_relu6_f, fminf(fmaxf(x, 0.0f), 6.0f))
LOOPB(l_relu6_b, x > 0 && x < 6 ? 1.0f : 0.0f)
LOOPF(l_htanh_f, fminf(fmaxf(x, -1.0f), 1.0f))
LOOPB(l_htanh_b, x > -1 && x < 1 ? 1.0f : 0.0f)
LOOPF(l_hsig_f, fminf(fmaxf(x / 6.0f + 0.5f, 0.0f), 1.0f))
LOOPB(l_hsig_b, x > -3 && x < 3 ? 1.0f / 6.0f : 0.0f)
LOOPF(l_hswish_f, x *fminf(fmaxf(x + 3.0f, 0.0f), 6.0f) / 6.0f)
LOOPB(l_hswish_b, x <= -3 ? 0.0f : (x >= 3 ? 1.0f : (2.0f * x + 3.0f) / 6.0f))
LOOPF(l_sigmoid_f, sgm(x))
LOOPB(l_sigmoid_b, sgm(x) * (1.0f - sgm(x)))
LOOPF(l_tanh_f, tanhf(x))
LOOPB(l_tanh_b, 1.0f - tanhf(x) * tanhf(x))
LOOPF(l_softsign_f, x / (1.0f + fabsf(x)))
LOOPB(l_softsign_b, 1.0f / ((1.0f + fabsf(x)) * (1.0f + fabsf(x))))
LOOPF(l_elu_f, x > 0 ? x : expm1f(x))
LOOPB(l_elu_b, x > 0 ? 1.0f : expf(x))
LOOPF(l_selu_f, 1.0507009873554805f * (x > 0 ? x : 1.6732632423543772f * expm1f(x)))
LOOPB(l_selu_b, 1.0507009873554805f * (x > 0 ? 1.0f : 1.6732632423543772f * expf(x)))
LOOPF(l_celu_f, x > 0 ? x : expm1f(x))
LOOPB(l_celu_b, x > 0 ? 1.0f : expf(x))
LOOPF(l_gelu_f, 0.5f * x * erfcf(-x * 0.70710678f))
LOOPB(l_gelu_b, 0.5f * erfcf(-x * 0.70710678f) + x * SQ2PI_INV * expf(-0.5f * x * x))
LOOPF(l_gelut_f, 0.5f * x * (1.0f + tanhf(gtu(x))))
LOOPB(l_gelut_b, 0.5f * (1.0f + tanhf(gtu(x))) + 0.5f * x * (1.0f - tanhf(gtu(x)) * tanhf(gtu(x))) *
                                                     0.7978845608f * (1.0f + 0.134145f * x * x))
LOOPF(l_silu_f, x *sgm(x))
LOOPB(l_silu_b, sgm(x) * (1.0f + x * (1.0f - sgm(x))))
LOOPF(l_mish_f, x *tanhf(log1pf(expf(x))))
LOOPB(l_mish_b, tanhf(log1pf(expf(x))) +
                    x * sgm(x) * (1.0f - tanhf(log1pf(expf(x))) * tanhf(log1pf(expf(x)))))
LOOPF(l_softplus_f, x > 20 ? x : log1pf(expf(x)))
LOOPB(l_softplus_b, x > 20 ? 1.0f : sgm(x))
LOOPF(l_logsig_f, fminf(x, 0.0f) - log1pf(expf(-fabsf(x))))
LOOPB(l_logsig_b, sgm(-x))
LOOPF(l_exp_f, expf(x))
LOOPB(l_exp_b, expf(x))
/* the row functions as a plain loop would write them: rows of row_cols,
   backward from y (passed as x) */
static void l_softmax_rows(int log_out, size_t n, const float *x, float *y) {
    for (size_t r = 0; r < n; r += row_cols) {
        float m = -INFINITY, s = 0;
        for (size_t i = r; i < r + row_cols; i++)
            m = fmaxf(m, x[i]);
        for (size_t i = r; i < r + row_cols; i++)
            s += expf(x[i] - m);
        if (log_out) {
            float l = logf(s);
            for (size_t i = r; i < r + row_cols; i++)
                y[i] = x[i] - m - l;
        } else
            for (size_t i = r; i < r + row_cols; i++)
                y[i] = expf(x[i] - m) / s;
    }
}
static void l_softmax_f(size_t n, const float *x, float *y) { l_softmax_rows(0, n, x, y); }
static void l_logsoftmax_f(size_t n, const float *x, float *y) { l_softmax_rows(1, n, x, y); }
static void l_softmax_b(size_t n, const float *y, const float *g, float *d) {
    for (size_t r = 0; r < n; r += row_cols) {
        float dot = 0;
        for (size_t i = r; i < r + row_cols; i++)
            dot += g[i] * y[i];
        for (size_t i = r; i < r + row_cols; i++)
            d[i] = y[i] * (g[i] - dot);
    }
}
static void l_logsoftmax_b(size_t n, const float *y, const float *g, float *d) {
    for (size_t r = 0; r < n; r += row_cols) {
        float s = 0;
        for (size_t i = r; i < r + row_cols; i++)
            s += g[i];
        for (size_t i = r; i < r + row_cols; i++)
            d[i] = g[i] - expf(y[i]) * s;
    }
}

typedef struct {
    lf_fwd f;
    lf_bwd b;
} libm_ctx;
static void run_libm(const job *j, int t, size_t lo, size_t n) {
    const libm_ctx *c = j->ctx[t];
    if (j->dir == DIR_FWD)
        c->f(n, j->a + lo, j->out + lo);
    else
        c->b(n, j->a + lo, j->dy + lo, j->out + lo);
}

/* ---- the functions ---------------------------------------------------------------- */

enum { XN_NONE, XN_CLAMP, XN_LEAKY, XN_PRELU, XN_ELU, XN_HSWISH, XN_SIGMOID, XN_SOFTMAX };

typedef struct {
    const char *name, *spec; /* table row, actlab spec */
    lf_fwd lf;
    lf_bwd lb;
    int xnn; /* XN_* */
    float xa, xb;
    int dnnl_alg, dnnl_alg_dst; /* 0: none; the use_dst_for_bwd form for bwd_y, 0: none */
    float da, db;
} bfn;

#ifdef HAVE_DNNL
#define D(a) dnnl_eltwise_##a
#else
#define D(a) 0
#endif
/* dnnl_alg of the row functions: oneDNN's softmax primitive, not eltwise */
enum { DN_SOFTMAX = -1, DN_LOGSOFTMAX = -2 };

static const bfn fns[] = {
    {"relu", "relu", l_relu_f, l_relu_b, XN_CLAMP, 0, INFINITY, D(relu), D(relu_use_dst_for_bwd), 0,
     0},
    {"leaky_relu", "leaky_relu", l_leaky_f, l_leaky_b, XN_LEAKY, 0.01f, 0, D(relu),
     D(relu_use_dst_for_bwd), 0.01f, 0},
    {"prelu", "prelu", l_prelu_f, l_prelu_b, XN_PRELU, 0.25f, 0, D(relu), D(relu_use_dst_for_bwd),
     0.25f, 0},
    {"relu6", "relu6", l_relu6_f, l_relu6_b, XN_CLAMP, 0, 6, D(clip), D(clip_v2_use_dst_for_bwd), 0,
     6},
    {"hardtanh", "hardtanh", l_htanh_f, l_htanh_b, XN_CLAMP, -1, 1, D(clip),
     D(clip_v2_use_dst_for_bwd), -1, 1},
    {"hardsigmoid", "hardsigmoid", l_hsig_f, l_hsig_b, XN_NONE, 0, 0, 0, 0, 0, 0},
    {"hardswish", "hardswish", l_hswish_f, l_hswish_b, XN_HSWISH, 0, 0, D(hardswish), 0, 0, 0},
    {"sigmoid", "sigmoid", l_sigmoid_f, l_sigmoid_b, XN_SIGMOID, 0, 0, D(logistic),
     D(logistic_use_dst_for_bwd), 0, 0},
    {"tanh", "tanh", l_tanh_f, l_tanh_b, XN_NONE, 0, 0, D(tanh), D(tanh_use_dst_for_bwd), 0, 0},
    {"softsign", "softsign", l_softsign_f, l_softsign_b, XN_NONE, 0, 0, 0, 0, 0, 0},
    {"elu", "elu", l_elu_f, l_elu_b, XN_ELU, 1, 0, D(elu), D(elu_use_dst_for_bwd), 1, 0},
    {"selu", "selu", l_selu_f, l_selu_b, XN_NONE, 0, 0, 0, 0, 0, 0},
    {"celu", "celu", l_celu_f, l_celu_b, XN_NONE, 0, 0, 0, 0, 0, 0},
    {"gelu", "gelu", l_gelu_f, l_gelu_b, XN_NONE, 0, 0, D(gelu_erf), 0, 0, 0},
    {"gelu_tanh", "gelu(approximate=tanh)", l_gelut_f, l_gelut_b, XN_NONE, 0, 0, D(gelu_tanh), 0, 0,
     0},
    {"silu", "silu", l_silu_f, l_silu_b, XN_NONE, 0, 0, D(swish), 0, 1, 0},
    {"mish", "mish", l_mish_f, l_mish_b, XN_NONE, 0, 0, D(mish), 0, 0, 0},
    {"softplus", "softplus", l_softplus_f, l_softplus_b, XN_NONE, 0, 0, D(soft_relu), 0, 0, 0},
    {"logsigmoid", "logsigmoid", l_logsig_f, l_logsig_b, XN_NONE, 0, 0, D(logsigmoid), 0, 0, 0},
    {"exp", "exp", l_exp_f, l_exp_b, XN_NONE, 0, 0, D(exp), D(exp_use_dst_for_bwd), 0, 0},
    {"softmax", "softmax", l_softmax_f, l_softmax_b, XN_SOFTMAX, 0, 0, DN_SOFTMAX, 0, 0, 0},
    {"log_softmax", "log_softmax", l_logsoftmax_f, l_logsoftmax_b, XN_NONE, 0, 0, DN_LOGSOFTMAX, 0,
     0, 0},
};
#define NFNS (sizeof fns / sizeof fns[0])

/* ---- XNNPACK ---------------------------------------------------------------------- */

#ifdef HAVE_XNNPACK
static int xnn_ok;
static float *xnn_slopes; /* PReLU: one slope per channel */
enum { XNN_PRELU_CH = 1024 };
/* an operator set up on [lo, lo + n) of a -> out, or NULL */
static void *xnn_make(const bfn *f, const float *a, float *out, size_t lo, size_t n) {
    xnn_operator_t op = NULL;
    enum xnn_status st = xnn_status_unsupported_parameter;
    switch (f->xnn) {
    case XN_CLAMP:
        st = xnn_create_clamp_nc_f32(1, 1, 1, f->xa, f->xb, 0, &op);
        if (!st) st = xnn_setup_clamp_nc_f32(op, n, a + lo, out + lo, NULL);
        break;
    case XN_LEAKY:
        st = xnn_create_leaky_relu_nc_f32(1, 1, 1, f->xa, 0, &op);
        if (!st) st = xnn_setup_leaky_relu_nc_f32(op, n, a + lo, out + lo, NULL);
        break;
    case XN_PRELU:
        if (n % XNN_PRELU_CH) return NULL;
        st = xnn_create_prelu_nc_f32(XNN_PRELU_CH, XNN_PRELU_CH, XNN_PRELU_CH, xnn_slopes, 0, &op);
        if (!st) st = xnn_setup_prelu_nc_f32(op, n / XNN_PRELU_CH, a + lo, out + lo, NULL);
        break;
    case XN_ELU:
        st = xnn_create_elu_nc_f32(1, 1, 1, f->xa, 0, &op);
        if (!st) st = xnn_setup_elu_nc_f32(op, n, a + lo, out + lo, NULL);
        break;
    case XN_HSWISH:
        st = xnn_create_hardswish_nc_f32(1, 1, 1, 0, &op);
        if (!st) st = xnn_setup_hardswish_nc_f32(op, n, a + lo, out + lo, NULL);
        break;
    case XN_SIGMOID:
        st = xnn_create_sigmoid_nc_f32(1, 1, 1, 0, &op);
        if (!st) st = xnn_setup_sigmoid_nc_f32(op, n, a + lo, out + lo, NULL);
        break;
    case XN_SOFTMAX:
        st = xnn_create_softmax_nc_f32(row_cols, row_cols, row_cols, 0, &op);
        if (!st) st = xnn_setup_softmax_nc_f32(op, n / row_cols, a + lo, out + lo, NULL);
        break;
    default: return NULL;
    }
    if (st != xnn_status_success) {
        if (op) xnn_delete_operator(op);
        return NULL;
    }
    return op;
}
static void run_xnn(const job *j, int t, size_t lo, size_t n) {
    (void)lo;
    (void)n;
    xnn_run_operator(j->ctx[t], NULL);
}
#endif

/* ---- oneDNN ---------------------------------------------------------------------- */

#ifdef HAVE_DNNL
static dnnl_engine_t dnnl_eng;
static dnnl_stream_t dnnl_str[2];
typedef struct {
    dnnl_primitive_t prim;
    dnnl_memory_t m[3];
    dnnl_exec_arg_t args[3];
    int nargs;
} dnnl_ctx;
static dnnl_memory_t dnnl_mem(const dnnl_memory_desc_t *md, const float *p) {
    dnnl_memory_t m;
    if (dnnl_memory_create(&m, md, dnnl_eng, (void *)(uintptr_t)p) != dnnl_success) return NULL;
    return m;
}
static dnnl_ctx *dnnl_finish(dnnl_ctx *c, dnnl_primitive_desc_t pd) {
    int bad = dnnl_primitive_create(&c->prim, pd) != dnnl_success;
    dnnl_primitive_desc_destroy(pd);
    if (bad) {
        free(c);
        return NULL;
    }
    return c;
}
/* softmax or log-softmax over rows of row_cols (softmax v2: dst-based backward) */
static dnnl_ctx *dnnl_make_row(int alg, dir_t dir, const job *j, size_t lo, size_t n) {
    dnnl_memory_desc_t md;
    dnnl_dims_t dims = {(dnnl_dim_t)(n / row_cols), row_cols};
    if (dnnl_memory_desc_init_by_tag(&md, 2, dims, dnnl_f32, dnnl_ab)) return NULL;
    dnnl_alg_kind_t a = alg == DN_SOFTMAX ? dnnl_softmax_accurate : dnnl_softmax_log;
    dnnl_softmax_v2_desc_t fd, bd;
    dnnl_primitive_desc_t fpd = NULL, pd = NULL;
    if (dnnl_softmax_v2_forward_desc_init(&fd, dnnl_forward_training, a, &md, &md, 1) ||
        dnnl_primitive_desc_create(&fpd, &fd, NULL, dnnl_eng, NULL))
        return NULL;
    dnnl_ctx *c = calloc(1, sizeof *c);
    if (dir == DIR_FWD) {
        pd = fpd;
        c->m[0] = dnnl_mem(&md, j->a + lo);
        c->m[1] = dnnl_mem(&md, j->out + lo);
        c->args[0] = (dnnl_exec_arg_t){DNNL_ARG_SRC, c->m[0]};
        c->args[1] = (dnnl_exec_arg_t){DNNL_ARG_DST, c->m[1]};
        c->nargs = 2;
    } else {
        if (dnnl_softmax_v2_backward_desc_init(&bd, a, &md, &md, &md, 1) ||
            dnnl_primitive_desc_create(&pd, &bd, NULL, dnnl_eng, fpd)) {
            dnnl_primitive_desc_destroy(fpd);
            free(c);
            return NULL;
        }
        dnnl_primitive_desc_destroy(fpd);
        c->m[0] = dnnl_mem(&md, j->a + lo); /* y */
        c->m[1] = dnnl_mem(&md, j->dy + lo);
        c->m[2] = dnnl_mem(&md, j->out + lo);
        c->args[0] = (dnnl_exec_arg_t){DNNL_ARG_DST, c->m[0]};
        c->args[1] = (dnnl_exec_arg_t){DNNL_ARG_DIFF_DST, c->m[1]};
        c->args[2] = (dnnl_exec_arg_t){DNNL_ARG_DIFF_SRC, c->m[2]};
        c->nargs = 3;
    }
    return dnnl_finish(c, pd);
}
/* a primitive for [lo, lo + n), or NULL */
static dnnl_ctx *dnnl_make(const bfn *f, dir_t dir, const job *j, size_t lo, size_t n) {
    int alg = dir == DIR_BWDY ? f->dnnl_alg_dst : f->dnnl_alg;
    if (!alg) return NULL;
    if (alg < 0) return dnnl_make_row(alg, dir, j, lo, n);
    dnnl_memory_desc_t md;
    dnnl_dims_t dims = {(dnnl_dim_t)n};
    if (dnnl_memory_desc_init_by_tag(&md, 1, dims, dnnl_f32, dnnl_a)) return NULL;
    dnnl_eltwise_desc_t fd, bd;
    dnnl_primitive_desc_t fpd = NULL, pd = NULL;
    if (dnnl_eltwise_forward_desc_init(&fd, dnnl_forward_training, (dnnl_alg_kind_t)alg, &md, f->da,
                                       f->db) ||
        dnnl_primitive_desc_create(&fpd, &fd, NULL, dnnl_eng, NULL))
        return NULL;
    dnnl_ctx *c = calloc(1, sizeof *c);
    if (dir == DIR_FWD) {
        pd = fpd;
        c->m[0] = dnnl_mem(&md, j->a + lo);
        c->m[1] = dnnl_mem(&md, j->out + lo);
        c->args[0] = (dnnl_exec_arg_t){DNNL_ARG_SRC, c->m[0]};
        c->args[1] = (dnnl_exec_arg_t){DNNL_ARG_DST, c->m[1]};
        c->nargs = 2;
    } else {
        if (dnnl_eltwise_backward_desc_init(&bd, (dnnl_alg_kind_t)alg, &md, &md, f->da, f->db) ||
            dnnl_primitive_desc_create(&pd, &bd, NULL, dnnl_eng, fpd)) {
            dnnl_primitive_desc_destroy(fpd);
            free(c);
            return NULL;
        }
        dnnl_primitive_desc_destroy(fpd);
        c->m[0] = dnnl_mem(&md, j->a + lo);
        c->m[1] = dnnl_mem(&md, j->dy + lo);
        c->m[2] = dnnl_mem(&md, j->out + lo);
        c->args[0] = (dnnl_exec_arg_t){dir == DIR_BWDY ? DNNL_ARG_DST : DNNL_ARG_SRC, c->m[0]};
        c->args[1] = (dnnl_exec_arg_t){DNNL_ARG_DIFF_DST, c->m[1]};
        c->args[2] = (dnnl_exec_arg_t){DNNL_ARG_DIFF_SRC, c->m[2]};
        c->nargs = 3;
    }
    return dnnl_finish(c, pd);
}
static void dnnl_free(dnnl_ctx *c) {
    if (!c) return;
    dnnl_primitive_destroy(c->prim);
    for (int i = 0; i < 3; i++)
        if (c->m[i]) dnnl_memory_destroy(c->m[i]);
    free(c);
}
static void run_dnnl(const job *j, int t, size_t lo, size_t n) {
    (void)lo;
    (void)n;
    const dnnl_ctx *c = j->ctx[t];
    dnnl_primitive_execute(c->prim, dnnl_str[t], c->nargs, c->args);
    dnnl_stream_wait(dnnl_str[t]);
}
#endif

/* ---- results ---------------------------------------------------------------------------- */

static const char *const impl_names[I_COUNT] = {"copy", "scalar",  "avx2",   "avx512",
                                                "libm", "xnnpack", "onednn", "torch"};
static const size_t sizes[] = {4u << 10, 256u << 10, 16u << 20};
#define NSIZES 3
/* res[fn][dir][size][threads-1][impl]: elements/ns; 0 = not run, -1 = not available, -2 not
 * installed */
static double res[NFNS][DIR_COUNT][NSIZES][2][I_COUNT];

static int fn_index(const char *name) {
    for (size_t i = 0; i < NFNS; i++)
        if (!strcmp(fns[i].name, name)) return (int)i;
    return -1;
}
static int size_index(size_t n) {
    for (int i = 0; i < NSIZES; i++)
        if (sizes[i] == n) return i;
    return -1;
}

/* reads "function,dir,n,threads,impl,elem_per_ns" lines from the torch script */
static int run_torch(const char *script, int nsizes, const char *only) {
    if (access("/usr/bin/python3", X_OK) || access(script, R_OK)) return 0;
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "/usr/bin/python3 %s --sizes %d --reps %d --cols %zu%s%s", script,
             nsizes, reps, row_cols, only ? " --fn " : "", only ? only : "");
    FILE *p = popen(cmd, "r");
    if (!p) return 0;
    char line[256];
    int got = 0;
    while (fgets(line, sizeof line, p)) {
        char name[64], dir[16], impl[16];
        unsigned long n;
        int thr;
        double v;
        if (sscanf(line, "%63[^,],%15[^,],%lu,%d,%15[^,],%lf", name, dir, &n, &thr, impl, &v) != 6)
            continue;
        int fi = fn_index(name), si = size_index(n), di = -1;
        for (int d = 0; d < DIR_COUNT; d++)
            if (!strcmp(dir, dir_names[d])) di = d;
        if (fi < 0 || si < 0 || di < 0 || thr < 1 || thr > 2) continue;
        res[fi][di][si][thr - 1][I_TORCH] = v;
        got++;
    }
    pclose(p);
    return got;
}

static void fmt(char *buf, size_t len, double v) {
    if (v == 0)
        snprintf(buf, len, "-");
    else if (v == -2)
        snprintf(buf, len, "n/i");
    else if (v < 0)
        snprintf(buf, len, "-");
    else
        snprintf(buf, len, v >= 10 ? "%.1f" : v >= 1 ? "%.2f" : "%.3f", v);
}

/* ---- shared by the timing and the accuracy runs ------------------------------------- */

/* XNNPACK (xnn_ok, the PReLU slopes) and oneDNN (engine, two streams) */
#ifdef HAVE_DNNL
static int dnnl_ok;
#endif
static void peers_init(void) {
#ifdef HAVE_XNNPACK
    xnn_ok = xnn_initialize(NULL) == xnn_status_success;
    xnn_slopes = malloc(XNN_PRELU_CH * sizeof(float));
    xnn_ok = xnn_ok && xnn_slopes;
    for (int i = 0; xnn_slopes && i < XNN_PRELU_CH; i++)
        xnn_slopes[i] = 0.25f;
#endif
#ifdef HAVE_DNNL
    dnnl_ok =
        dnnl_engine_create(&dnnl_eng, dnnl_cpu, 0) == dnnl_success &&
        dnnl_stream_create(&dnnl_str[0], dnnl_eng, dnnl_stream_default_flags) == dnnl_success &&
        dnnl_stream_create(&dnnl_str[1], dnnl_eng, dnnl_stream_default_flags) == dnnl_success;
#endif
}

/* the actlab function of a table row; 1 (and a message) if its spec is bad */
static int bfn_parse(const bfn *f, act_fn *fn) {
    char err[ACT_ERRLEN];
    if (!act_parse(f->spec, fn, err, sizeof err)) return 0;
    fprintf(stderr, "kernels: %s\n", err);
    return 1;
}

/* x[0..n) uniform over the function's plotting range (the same numbers for
   every run) */
static void fill_range(float *x, size_t n, const act_desc *d) {
    unsigned seed = 7;
    for (size_t i = 0; i < n; i++) {
        seed = seed * 1664525u + 1013904223u;
        x[i] = (float)(d->plot_lo + (d->plot_hi - d->plot_lo) * (double)(seed >> 8) / 16777216.0);
    }
}

/* ---- accuracy (--accuracy) --------------------------------------------------------------- */

/* |got - ref| in units of the float spacing at ref (as tools/exhaustive.c);
   NaN or infinity where the reference is finite counts as infinite */
static double acc_ulps(float got, double ref) {
    float rf = (float)ref;
    if (isnan(rf) || isnan(got)) return (isnan(rf) && isnan(got)) ? 0 : INFINITY;
    if (isinf(rf) || isinf(got)) return rf == got ? 0 : INFINITY;
    int e;
    frexp(fabs(ref), &e);
    return fabs((double)got - ref) / ldexp(1.0, e - 24);
}

enum { ACC_N = 1u << 20, ACC_SETS = 2 };
static const char *const acc_set_names[ACC_SETS] = {"range", "binades"};
/* the largest error of out[] against f (or f') over x[], where the exact
   result is a normal float (the contract's ULP bound; subnormal results are
   held to an absolute bound instead), and the x where it occurs */
static double acc_max(const act_fn *fn, int deriv, const float *x, const float *out, float *at) {
    double m = -1;
    for (size_t i = 0; i < ACC_N; i++) {
        double ref = deriv ? act_df(fn, x[i]) : act_f(fn, x[i]);
        if (fabs(ref) < FLT_MIN) continue;
        double e = acc_ulps(out[i], ref);
        if (e > m) {
            m = e;
            *at = x[i];
        }
    }
    return m;
}

/* For every elementwise function of the table: the largest error in ULP of
   each implementation against the catalog's double reference (act_f, act_df,
   checked against MPFR by tests/test_accuracy.c), forward and backward from
   x (dy = 1), on two input sets of 2^20 floats: "range", uniform over the
   plotting range as the timing runs use, and "binades", every 4096th float
   bit pattern (all binades of both signs, non-finite ones replaced by 0). */
static int run_accuracy(const char *only) {
    float *x = aligned_alloc(64, ACC_N * sizeof(float)),
          *y = aligned_alloc(64, ACC_N * sizeof(float));
    float *one = aligned_alloc(64, ACC_N * sizeof(float));
    if (!x || !y || !one) {
        fprintf(stderr, "kernels: out of memory\n");
        return 1;
    }
    for (size_t i = 0; i < ACC_N; i++)
        one[i] = 1.0f;
    peers_init();
    act_isa best = act_isa_active();
    printf("largest error in ULP against the double reference (normal results; inf: a NaN or "
           "infinity where the result is finite), at x;\n"
           "range: uniform over the plotting range, binades: every 4096th float; - = no such "
           "kernel, n/i = not installed\n");
    printf("| function | dir | inputs | actlab (%s) | libm loop | XNNPACK | oneDNN |\n"
           "|---|---|---|---|---|---|---|\n",
           act_isa_name(best));
    for (size_t fi = 0; fi < NFNS; fi++) {
        const bfn *f = &fns[fi];
        if (only && strcmp(only, f->name)) continue;
        act_fn fn;
        if (bfn_parse(f, &fn)) return 1;
        const act_desc *d = act_describe(fn.id);
        if (d->kind == ACT_KIND_ROW) continue;
        for (int set = 0; set < ACC_SETS; set++) {
            if (set == 0)
                fill_range(x, ACC_N, d);
            else
                for (size_t i = 0; i < ACC_N; i++) {
                    uint32_t u = (uint32_t)(i * 4096u + 1234u);
                    memcpy(&x[i], &u, 4);
                    if (!isfinite(x[i])) x[i] = 0;
                }
            for (int dir = 0; dir < 2; dir++) {
                char cell[4][48];
                for (int c = 0; c < 4; c++)
                    snprintf(cell[c], sizeof cell[c], "%s", c == 2 || c == 3 ? "n/i" : "-");
                for (int c = 0; c < 4; c++) {
                    int ran = 0;
                    if (c == 0) {
                        if (dir == 0)
                            act_forward(&fn, ACC_N, x, y);
                        else
                            act_backward_x(&fn, ACC_N, x, one, y);
                        ran = 1;
                    } else if (c == 1) {
                        if (dir == 0)
                            f->lf(ACC_N, x, y);
                        else
                            f->lb(ACC_N, x, one, y);
                        ran = 1;
                    } else if (c == 2) {
#ifdef HAVE_XNNPACK
                        snprintf(cell[c], sizeof cell[c], "-");
                        if (xnn_ok && dir == 0 && f->xnn) {
                            xnn_operator_t op = xnn_make(f, x, y, 0, ACC_N);
                            if (op) {
                                xnn_run_operator(op, NULL);
                                xnn_delete_operator(op);
                                ran = 1;
                            }
                        }
#endif
                    } else {
#ifdef HAVE_DNNL
                        snprintf(cell[c], sizeof cell[c], "-");
                        job jb = {.a = x, .dy = one, .out = y};
                        dnnl_ctx *dc = dnnl_ok ? dnnl_make(f, (dir_t)dir, &jb, 0, ACC_N) : NULL;
                        if (dc) {
                            dnnl_primitive_execute(dc->prim, dnnl_str[0], dc->nargs, dc->args);
                            dnnl_stream_wait(dnnl_str[0]);
                            dnnl_free(dc);
                            ran = 1;
                        }
#endif
                    }
                    if (!ran) continue;
                    float at = 0;
                    double m = acc_max(&fn, dir, x, y, &at);
                    if (isinf(m))
                        snprintf(cell[c], sizeof cell[c], "inf at %.9g", at);
                    else
                        snprintf(cell[c], sizeof cell[c], "%.3g at %.9g", m, at);
                }
                printf("| %s | %s | %s | %s | %s | %s | %s |\n", f->name, dir ? "bwd" : "fwd",
                       acc_set_names[set], cell[0], cell[1], cell[2], cell[3]);
                fflush(stdout);
            }
        }
    }
    free(x);
    free(y);
    free(one);
    return 0;
}

int main(int argc, char **argv) {
    int quick = 0, torch = 1, accuracy = 0;
    const char *only = NULL, *csv = "bench/out/kernels.csv", *script = "bench/torch_kernels.py";
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--quick"))
            quick = 1;
        else if (!strcmp(argv[i], "--no-torch"))
            torch = 0;
        else if (!strcmp(argv[i], "--fn") && i + 1 < argc)
            only = argv[++i];
        else if (!strcmp(argv[i], "--csv") && i + 1 < argc)
            csv = argv[++i];
        else if (!strcmp(argv[i], "--cols") && i + 1 < argc) {
            char *end;
            errno = 0;
            unsigned long long c = strtoull(argv[++i], &end, 10);
            if (errno || *end || argv[i][0] == '-' || c == 0 || c > MAXN / 2) {
                fprintf(stderr, "kernels: --cols '%s': a row length from 1 to %u\n", argv[i],
                        MAXN / 2);
                return 2;
            }
            row_cols = (size_t)c;
        } else if (!strcmp(argv[i], "--torch-script") && i + 1 < argc)
            script = argv[++i];
        else if (!strcmp(argv[i], "--accuracy"))
            accuracy = 1;
        else {
            fprintf(stderr,
                    "usage: %s [--quick] [--no-torch] [--fn NAME] [--cols C] [--csv FILE] "
                    "[--torch-script PY] [--accuracy]\n",
                    argv[0]);
            return 2;
        }
    }
    /* oneDNN runs OpenMP: one OpenMP thread per caller, our two pthreads split the work;
       libgomp reads the variable when it loads, hence the re-exec */
    if (!getenv("OMP_NUM_THREADS")) {
        setenv("OMP_NUM_THREADS", "1", 1);
        execv("/proc/self/exe", argv);
    }
    if (accuracy) return run_accuracy(only);
    if (quick) reps = 3;
    int nsizes = quick ? 2 : NSIZES;
    have512 = act_isa_supported(ACT_ISA_AVX512);

    float *x = aligned_alloc(64, MAXN * sizeof(float)),
          *y = aligned_alloc(64, MAXN * sizeof(float));
    float *dy = aligned_alloc(64, MAXN * sizeof(float)),
          *dx = aligned_alloc(64, MAXN * sizeof(float));
    float *yy = aligned_alloc(64, MAXN * sizeof(float));
    unsigned char *ev = nsizes == NSIZES ? malloc(EVICT_BYTES) : NULL;
    if (ev) memset(ev, 1, EVICT_BYTES);
    evict_buf = ev;
    if (!x || !y || !dy || !dx || !yy || (nsizes == NSIZES && !ev)) {
        fprintf(stderr, "kernels: out of memory\n");
        return 1;
    }
    pthread_t th;
    pthread_create(&th, NULL, helper_main, NULL);

    peers_init();

    unsigned seed = 1;
    for (size_t i = 0; i < MAXN; i++) {
        seed = seed * 1664525u + 1013904223u;
        dy[i] = (float)(seed >> 8) / 8388608.0f - 1.0f;
    }

    for (size_t fi = 0; fi < NFNS; fi++) {
        const bfn *f = &fns[fi];
        if (only && strcmp(only, f->name)) continue;
        act_fn fn;
        if (bfn_parse(f, &fn)) return 1;
        const act_desc *d = act_describe(fn.id);
        fill_range(x, MAXN, d);
        int row = d->kind == ACT_KIND_ROW;
        if (row)
            act_row_forward(&fn, MAXN / row_cols, row_cols, x, yy); /* y: the backward's input */
        else
            act_forward(&fn, MAXN, x, yy); /* y for the backward from y */
        for (int dir = 0; dir < DIR_COUNT; dir++) {
            if (dir == DIR_BWDY && (row || !act_has_backward_y(&fn))) continue;
            const float *a = dir == DIR_BWDY || (row && dir == DIR_BWD) ? yy : x;
            float *out = dir == DIR_FWD ? y : dx;
            for (int s = 0; s < nsizes; s++) {
                /* a row function: whole rows for each of two threads */
                size_t n = row ? sizes[s] - sizes[s] % (2 * row_cols) : sizes[s];
                if (n == 0) continue;
                for (int thr = 1; thr <= 2; thr++) {
                    double *r = res[fi][dir][s][thr - 1];
                    const job *jobs[I_MAX];
                    int col[I_MAX], nj = 0;
                    for (int i = 0; i < I_COUNT; i++)
                        r[i] = -1;
                    /* the copy ceiling: regular, non-temporal and mixed stores, one line in
                       eight or in sixteen regular (the best is kept; without AVX-512 one
                       plain copy four times) */
                    job jc[4];
                    for (int nt = 0; nt < 4; nt++) {
                        jc[nt] = (job){.run = run_copy,
                                       .nt = nt,
                                       .dir = dir == DIR_FWD ? DIR_FWD : DIR_BWD,
                                       .a = x,
                                       .dy = dy,
                                       .out = dx};
                        jobs[nj] = &jc[nt];
                        col[nj++] = I_COPY;
                    }
                    job ja[ACT_ISA_COUNT];
                    for (int isa = 0; isa < ACT_ISA_COUNT; isa++) {
                        if (!act_isa_supported((act_isa)isa) ||
                            !act_has_variant(fn.id, (act_isa)isa))
                            continue;
                        ja[isa] = (job){.run = run_actlab,
                                        .fn = &fn,
                                        .isa = (act_isa)isa,
                                        .dir = (dir_t)dir,
                                        .row = row,
                                        .a = a,
                                        .dy = dy,
                                        .out = out};
                        jobs[nj] = &ja[isa];
                        col[nj++] = I_SCALAR + isa;
                    }
                    libm_ctx lc = {f->lf, f->lb};
                    job jl = {.run = run_libm,
                              .dir = (dir_t)dir,
                              .ctx = {&lc, &lc},
                              .a = a,
                              .dy = dy,
                              .out = out};
                    if (dir != DIR_BWDY) {
                        jobs[nj] = &jl;
                        col[nj++] = I_LIBM;
                    }
#ifdef HAVE_XNNPACK
                    job jx = {.run = run_xnn};
                    if (xnn_ok && dir == DIR_FWD && f->xnn) {
                        size_t h = thr == 1 ? n : n / 2;
                        jx.ctx[0] = xnn_make(f, a, out, 0, h);
                        jx.ctx[1] = thr == 1 ? NULL : xnn_make(f, a, out, h, n - h);
                        if (jx.ctx[0] && (thr == 1 || jx.ctx[1])) {
                            jobs[nj] = &jx;
                            col[nj++] = I_XNN;
                        }
                    }
#else
                    r[I_XNN] = -2;
#endif
#ifdef HAVE_DNNL
                    job jd = {.run = run_dnnl};
                    if (dnnl_ok) {
                        job jb = {.a = a, .dy = dy, .out = out};
                        size_t h = thr == 1 ? n : n / 2;
                        jd.ctx[0] = dnnl_make(f, (dir_t)dir, &jb, 0, h);
                        jd.ctx[1] = thr == 1 ? NULL : dnnl_make(f, (dir_t)dir, &jb, h, n - h);
                        if (jd.ctx[0] && (thr == 1 || jd.ctx[1])) {
                            jobs[nj] = &jd;
                            col[nj++] = I_DNNL;
                        }
                    }
#else
                    r[I_DNNL] = -2;
#endif
                    double v[I_MAX];
                    measure_row(jobs, nj, n, thr, v);
                    for (int j = 0; j < nj; j++)
                        if (v[j] > r[col[j]]) r[col[j]] = v[j];
#ifdef HAVE_XNNPACK
                    if (jx.ctx[0]) xnn_delete_operator(jx.ctx[0]);
                    if (jx.ctx[1]) xnn_delete_operator(jx.ctx[1]);
#endif
#ifdef HAVE_DNNL
                    dnnl_free(jd.ctx[0]);
                    dnnl_free(jd.ctx[1]);
#endif
                }
            }
        }
        fprintf(stderr, "kernels: %s done\n", f->name);
    }
    atomic_store(&helper.quit, 1);
    pthread_join(th, NULL);

    int torch_rows = torch ? run_torch(script, nsizes, only) : 0;
    if (!torch_rows)
        for (size_t fi = 0; fi < NFNS; fi++)
            for (int dir = 0; dir < DIR_COUNT; dir++)
                for (int s = 0; s < NSIZES; s++)
                    for (int t = 0; t < 2; t++)
                        if (res[fi][dir][s][t][I_COPY] > 0) res[fi][dir][s][t][I_TORCH] = -2;

    /* the table */
    printf("elements per ns (median of %d); copy = streaming-copy ceiling (bwd: two arrays in, one "
           "out);\n"
           "n/i = not installed, - = no such kernel; CPU variants this machine runs: scalar%s%s\n",
           reps, act_isa_supported(ACT_ISA_AVX2) ? ", avx2" : "", have512 ? ", avx512" : "");
    printf("| function | dir | n | thr |");
    for (int i = 0; i < I_COUNT; i++)
        printf(" %s |", impl_names[i]);
    printf("\n|---|---|---:|---:|");
    for (int i = 0; i < I_COUNT; i++)
        printf("---:|");
    printf("\n");
    mkdir("bench/out", 0777);
    FILE *cf = fopen(csv, "w");
    if (!cf)
        fprintf(stderr, "kernels: %s: %s\n", csv, strerror(errno));
    else
        fprintf(cf, "function,dir,n,threads,impl,elem_per_ns\n");
    for (size_t fi = 0; fi < NFNS; fi++)
        for (int dir = 0; dir < DIR_COUNT; dir++)
            for (int s = 0; s < nsizes; s++)
                for (int t = 0; t < 2; t++) {
                    double *r = res[fi][dir][s][t];
                    if (r[I_COPY] <= 0) continue;
                    char nbuf[16];
                    snprintf(nbuf, sizeof nbuf, sizes[s] >= (1u << 20) ? "%zuMi" : "%zuKi",
                             sizes[s] >= (1u << 20) ? sizes[s] >> 20 : sizes[s] >> 10);
                    printf("| %s | %s | %s | %d |", fns[fi].name, dir_names[dir], nbuf, t + 1);
                    for (int i = 0; i < I_COUNT; i++) {
                        char b[16];
                        fmt(b, sizeof b, r[i]);
                        printf(" %s |", b);
                        if (cf && r[i] > 0)
                            fprintf(cf, "%s,%s,%zu,%d,%s,%.4f\n", fns[fi].name, dir_names[dir],
                                    sizes[s], t + 1, impl_names[i], r[i]);
                    }
                    printf("\n");
                }
    if (cf) fclose(cf);
    return 0;
}
