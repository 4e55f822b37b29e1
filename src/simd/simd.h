/*
 * simd.h - the SIMD variants of the catalog's kernels.
 *
 * One file per (function, ISA): src/simd/<isa>_<id>.c, compiled with only
 * that ISA's flags (Makefile), defining `const act_simd_kernels
 * act_simd_<isa>_<id>`. The list src/simd/variants.def (ACT_SIMD(isa, id))
 * is the one place the dispatcher, the tests and the benchmarks read.
 * A variant's kernels must meet the catalog's accuracy bounds and IEEE
 * behaviour (NaN in, NaN out; +-inf gives the limit), handle any n
 * (tails), and work in place; they never allocate.
 * A backward forms f' dy so that no step overflows where the result is
 * finite: a scale 2^k < 1 goes on f' before the product with dy ((p 2^k) dy,
 * not (p dy) 2^k, which overflows for |dy| near FLT_MAX), a scale 2^k > 1
 * after it (exp: e^x overflows where e^x dy may not). Below FLT_MIN
 * the scaled f' may round to a subnormal or 0, which the contract allows
 * (|dy| FLT_MIN; for dy = +-inf, NaN where f' rounds to 0).
 */
#ifndef ACT_SIMD_H
#define ACT_SIMD_H

#include "actlab.h"

#include <math.h>
#include <stdint.h>

/* From ACT_SIMD_NT_MIN elements (16 MiB of floats, past the 1 MiB L2) a
   kernel stores its output by the policy it is declared with:
   - ACT_STREAM: non-temporal (streaming) stores, which save the
     read-for-ownership of a regular store, a third of the bandwidth;
   - ACT_CACHED: regular stores, as at every smaller size;
   - ACT_MIXED: streaming stores but for one line in eight (the loops of
     eight vectors an iteration) or in sixteen (those of four), stored
     through the cache. One in sixteen in the loops of four ran 1.04-1.20x
     at 16 Mi on the memory-bound kernels (eighteenth session, bench/ab.c;
     the loops of eight lost 0.89-0.94x with it, and one in four lost
     0.86-0.97x everywhere); a copy mixed that way runs 1.1x faster than
     one in eight too, and bench/kernels.c's ceiling takes it.
   Each kernel's policy is the fastest of the three in bench/stores.c (which
   times every kernel under each, from DRAM; bench/README.md has the table).
   On the EPYC measured, all-streaming stores hold back any loop that
   computes: tanh's forward reaches 53% of the copy ceiling with them, 80%
   with regular stores and 90% mixed, and even a plain copy runs 1.1-1.2x
   faster mixed than streamed. So the forwards are mixed, but for three of
   the longest (gelu in both forms, softplus: cached), and so are the
   backwards that compute, but for the two longest (gelu-tanh, mish:
   cached); the backwards of relu, leaky_relu, prelu and hardsigmoid and
   most of those from y, two streams in and little arithmetic, stream.
   Re-measured in the seventeenth session (bench/stores.c, medians of 11-15
   repetitions, two or three runs each): silu, mish and logsigmoid forward
   moved from cached to mixed (3-9 points of the copy ceiling), gelu's
   forward from mixed to cached (5-7 points on 2 threads), gelu-tanh's and
   mish's backward from mixed to cached (3-7 points), and relu6's and
   hardtanh's backward and selu's from y from streaming to mixed (ahead on
   2 threads, even on 1). Why streaming stores stall a loop that computes is
   not established: prefetching the input 1-4 Ki floats ahead, or staging
   256-1024 results in L1 to stream them in a burst, does not help. */
#define ACT_SIMD_NT_MIN ((size_t)1 << 22)
#define ACT_CACHED 0
#define ACT_STREAM 1
#define ACT_MIXED 2

/* The split drivers' dispatch (avx2_math.h, avx512_math.h): x in blocks of
   ACT_SIMD_BLOCK floats (8 KiB, in L1 when the kernel reads it again), each
   through NAME##_n_ (the loop of ordinary inputs) where OK(p, x, m) holds
   for the block, NAME##_g_ (the general loop) otherwise; the streaming
   stores (ACT_SIMD_NT_MIN) are decided by the whole call's size, and
   fenced once at its end (big_ = 2: the loops leave out their sfence,
   which waits for the write-combining buffers to drain). The loops stream
   only from 64 elements on: their head peels up to 15 to reach a line, and
   a call's last block may be shorter than that (tests/test_stream.c). */
#define ACT_SIMD_BLOCK 2048
#define ACT_SIMD_SPLIT_FWD(NAME, OK)                                                               \
    static void NAME(const double *p, size_t n, const float *x, float *y) {                        \
        int big_ = n >= ACT_SIMD_NT_MIN ? 2 : 0;                                                   \
        for (size_t i_ = 0; i_ < n; i_ += ACT_SIMD_BLOCK) {                                        \
            size_t m_ = n - i_ < ACT_SIMD_BLOCK ? n - i_ : ACT_SIMD_BLOCK;                         \
            (OK(p, x + i_, m_) ? NAME##_n_ : NAME##_g_)(p, m_, x + i_, y + i_, big_);              \
        }                                                                                          \
        if (big_) _mm_sfence();                                                                    \
    }
#define ACT_SIMD_SPLIT_BWD(NAME, OK)                                                               \
    static void NAME(const double *p, size_t n, const float *a, const float *dy, float *dx) {      \
        int big_ = n >= ACT_SIMD_NT_MIN ? 2 : 0;                                                   \
        for (size_t i_ = 0; i_ < n; i_ += ACT_SIMD_BLOCK) {                                        \
            size_t m_ = n - i_ < ACT_SIMD_BLOCK ? n - i_ : ACT_SIMD_BLOCK;                         \
            (OK(p, a + i_, m_) ? NAME##_n_ : NAME##_g_)(p, m_, a + i_, dy + i_, dx + i_, big_);    \
        }                                                                                          \
        if (big_) _mm_sfence();                                                                    \
    }
/* The plain drivers: the whole call through NAME##_l_, streaming from
   ACT_SIMD_NT_MIN elements (and fenced by the loop itself) */
#define ACT_SIMD_WHOLE_FWD(NAME)                                                                   \
    static void NAME(const double *p, size_t n, const float *x, float *y) {                        \
        NAME##_l_(p, n, x, y, n >= ACT_SIMD_NT_MIN);                                               \
    }
#define ACT_SIMD_WHOLE_BWD(NAME)                                                                   \
    static void NAME(const double *p, size_t n, const float *a, const float *dy, float *dx) {      \
        NAME##_l_(p, n, a, dy, dx, n >= ACT_SIMD_NT_MIN);                                          \
    }
#define ACT_INLINE_LOOP inline __attribute__((always_inline))
#define ACT_NOINLINE_LOOP __attribute__((noinline))

/* bench/stores.c's kernel sets, one per forced policy K (ACT_ST_FORCE):
   act_st<K>_<isa>_<id>; the extra level expands K before pasting */
#define ACT_SIMD_DEFINE_FORCED(K, ISA, ID, FWD, BWDX, BWDY, ACCEPTS)                               \
    ACT_SIMD_DEFINE_FORCED_(K, ISA, ID, FWD, BWDX, BWDY, ACCEPTS)
#define ACT_SIMD_DEFINE_FORCED_(K, ISA, ID, FWD, BWDX, BWDY, ACCEPTS)                              \
    extern const act_simd_kernels act_st##K##_##ISA##_##ID;                                        \
    const act_simd_kernels act_st##K##_##ISA##_##ID = {FWD, BWDX, BWDY, ACCEPTS};

typedef struct {
    act_fwd_kernel fwd;
    act_bwd_kernel bwd_x, bwd_y; /* NULL: the scalar kernel */
    /* the variant only serves parameters it accepts (NULL: all) */
    int (*accepts)(const double *p);
} act_simd_kernels;

/* the kernels of id for isa, or NULL (scalar) */
const act_simd_kernels *act_simd_lookup(act_id id, act_isa isa);

/* Row functions: one file may define several, each listed in
   src/simd/rows.def (ACT_SIMD_ROW(isa, id)) and defined by
   ACT_SIMD_ROW_DEFINE(isa, id, fwd, bwd). Same contract as above, with the
   bounds of tests/test_row.c. */
typedef struct {
    act_row_fwd_kernel fwd;
    act_row_bwd_kernel bwd;
} act_simd_row_kernels;
#define ACT_SIMD_ROW_DEFINE(ISA, ID, FWD, BWD)                                                     \
    extern const act_simd_row_kernels act_simd_row_##ISA##_##ID;                                   \
    const act_simd_row_kernels act_simd_row_##ISA##_##ID = {FWD, BWD};
const act_simd_row_kernels *act_simd_row_lookup(act_id id, act_isa isa);
/* softmax and log_softmax of one ISA from the file's two drivers,
   sm_rows(log_out, rows, cols, x, y) and
   sm_bwd_rows(log_out, rows, cols, y, dy, dx) (x is not read backward) */
/* Whether a row of the softmax backwards from its first pass's sum s (a
   float) goes to the scalar kernel, whose sums and products are in double:
   - log_softmax, dx_i = dy_i - e^(y_i) s: where s is not finite (the sum of
     dy past FLT_MAX, or an inf or a NaN in dy);
   - softmax, dx_i = y_i (dy_i - s): where |s| > 2^102 (or s is not
     finite). Below that dy_i - s cannot overflow for any float dy_i (it
     rounds to inf only from FLT_MAX + 2^103, half an ulp past FLT_MAX), and
     y_i (dy_i - s) overflows only where the exact result does; above it,
     dy near FLT_MAX can overflow in dy_i - s where y_i (dy_i - s) is
     finite. s is a weighted mean of dy (|s| <= max |dy_j|), so only rows
     with some |dy_j| > 2^102 take the slow path. */
static inline int sm_bwd_scalar(int log_out, float s) {
    return log_out ? !isfinite(s) : !(fabsf(s) <= 0x1p102f);
}
/* softmax's backward over rows of 1025-4096 columns makes each row's two
   passes back to back, where elsewhere a row's second pass runs beside the
   next row's first: a row of y and dy (8-32 KiB) then stays in L1 from
   its first pass to its second, where beside the next row it did not
   (bench/ab on a Zen 4 EPYC, 32 KiB of L1d, AVX-512: 1.13x at 1536
   columns, 1.17x at 2048, 1.12x at 4096; 1.01x at 8192, 0.93-0.95x at
   16384-32768, 0.88x at 512, 0.82x at 1024 in 4 Ki floats; Zen 5's 48
   KiB might move the window, not measured). log_softmax's second pass
   computes e^(y_i) and keeps the overlap (0.93-0.95x split at
   1536-32768). */
static inline int sm_bwd_split(int log_out, size_t cols) {
    return !log_out && cols > 1024 && cols <= 4096;
}
/* softmax rows of up to this many columns sum pass 2 in float pairs
   widened every 2048 columns (AVX2 1024), longer ones as below or, past
   SM_F2S_LONG_COLS, in double (avx512_softmax.c: the pairs' bound, cols
   2^-42 of 1 + t, would reach an ulp; rows of 4 Mi columns of e_i near
   2^-25 came out 1.9 ULP off) */
#define SM_F2S_COLS 16384
/* and rows of up to this many with a widening every quarter as many
   columns (fsum = 2 in the kernels): the bound is proportional to the
   additions between widenings, so cols 2^-44 of 1 + t, 2^-28 at 65536
   columns as 2^-28 at 16384 before; 1.19x on AVX-512 at 32768 and 65536
   columns against the double sum, and 0.98x at 16384 and below, which
   keep the longer period (bench/ab) */
#define SM_F2S_LONG_COLS 65536
/* the SIMD softmax forwards keep e_i and its rounding error el_i from
   pass 2 to pass 3: el_i as a float in rows of up to SM_TAIL_STACK
   columns (8 KiB of stack), as its 16 leading bits in rows of up to
   SM_TAIL16_COLS (16 KiB); longer rows keep less (SM_KEEP_*, below) */
#define SM_TAIL_STACK 2048
#define SM_TAIL16_COLS 8192
/* what pass 2 keeps for pass 3 (the kernels' `keep`): nothing (pass 3
   computes e_i and el_i again from x_i: in place, rows over
   SM_TAIL16_COLS), el_i as floats or in 16 bits (a buffer on the stack),
   or the exponential's small term b_i in y_i (rows over SM_TAIL16_COLS
   whose x and y do not overlap: pass 3 forms only the head term again) */
enum { SM_KEEP_NONE, SM_KEEP_F32, SM_KEEP_BF16, SM_KEEP_B };
/* x and y, n floats each, do not overlap (as integers: no pointer
   comparison across objects) */
static inline int sm_apart(const float *x, const float *y, size_t n) {
    uintptr_t a = (uintptr_t)x, b = (uintptr_t)y, len = n * sizeof(float);
    return a + len <= b || b + len <= a;
}
/* log_softmax's shift m + L, L = log1p(t) in double, as ch + cl in floats:
   ch + c0 = m + Lh exactly (TwoSum, Lh = L rounded to float), cl = c0 +
   (L - Lh) rounded, off by at most 2^-24 |cl|. The AVX2 kernel's last pass
   takes y_i = a + (el - cl) with a + el = x_i - ch exactly (TwoSum): one
   significant rounding. ((x_i - ch) - cl, with x_i - ch rounded, reached
   2.21 ulp where x_i - ch is inexact and y_i sits just below a power of
   two: log_softmax(6.946e-05, -4.151), nineteenth session.) */
static inline void lsm_shift(float m, double L, float *ch, float *cl) {
    float lh = (float)L, h = m + lh;
    float bb = h - m;
    float c0 = (m - (h - bb)) + (lh - bb);
    *ch = h;
    *cl = c0 + (float)(L - (double)lh);
}
/* that scalar row, out of line (inlined into sm_bwd_rows, its double loops
   cost the vector rows 0.97x in bench/ab) */
#define ACT_SIMD_SM_BWD_ROW_SCALAR                                                                 \
    __attribute__((noinline, cold)) static void sm_bwd_row_scalar(                                 \
        int log_out, size_t cols, const float *yr, const float *gr, float *dxr) {                  \
        act_softmax_rows_bwd(1.0, log_out, 1, cols, yr, gr, dxr);                                  \
    }
#define ACT_SIMD_SOFTMAX_DEFINE(ISA)                                                               \
    static void softmax_fwd(const double *p, size_t rows, size_t cols, const float *x, float *y) { \
        (void)p;                                                                                   \
        sm_rows(0, rows, cols, x, y);                                                              \
    }                                                                                              \
    static void log_softmax_fwd(const double *p, size_t rows, size_t cols, const float *x,         \
                                float *y) {                                                        \
        (void)p;                                                                                   \
        sm_rows(1, rows, cols, x, y);                                                              \
    }                                                                                              \
    static void softmax_bwd(const double *p, size_t rows, size_t cols, const float *x,             \
                            const float *y, const float *dy, float *dx) {                          \
        (void)p;                                                                                   \
        (void)x;                                                                                   \
        sm_bwd_rows(0, rows, cols, y, dy, dx);                                                     \
    }                                                                                              \
    static void log_softmax_bwd(const double *p, size_t rows, size_t cols, const float *x,         \
                                const float *y, const float *dy, float *dx) {                      \
        (void)p;                                                                                   \
        (void)x;                                                                                   \
        sm_bwd_rows(1, rows, cols, y, dy, dx);                                                     \
    }                                                                                              \
    ACT_SIMD_ROW_DEFINE(ISA, softmax, softmax_fwd, softmax_bwd)                                    \
    ACT_SIMD_ROW_DEFINE(ISA, log_softmax, log_softmax_fwd, log_softmax_bwd)

/* The row kernels' look-ahead: the offset of the row after r (r itself for
   the last, so no address leaves the arrays), and a fetch of its line at
   column i while row r computes. A row (4 KiB at 1024 columns) is read from
   memory once and then again from L1, and the hardware, which sees no misses
   in the passes from L1, does not run ahead into the next row by itself
   (log_softmax backward at 16 Mi floats: 1.2 elements/ns, against 4 in
   cache; bench/README.md, sixth session). The forwards use it (log_softmax
   at 16 Mi ran 0.82-0.87x without it in the twenty-first session); the
   backwards no longer do, since their first pass over row r + 1 runs
   inside row r's second (avx512_softmax.c, sm_bwd_row). */
static inline size_t act_row_next(size_t r, size_t rows, size_t cols) {
    return (r + 1 < rows ? r + 1 : r) * cols;
}
static inline void act_row_ahead(const float *next, size_t i) {
    __builtin_prefetch(next + i, 0, 3);
}
/* the same for the row an output will be written to, hinted for writing
   (log_softmax's forward; the backwards' dx ran faster without it since the
   seventeenth session).
   The kernels are built without -mprfchw, so GCC emits a read prefetch
   (prefetcht0) for it, not prefetchw; with -mprfchw (prefetchw proper, the
   line arriving owned) softmax backward ran no faster at 4 Ki, 256 Ki or
   16 Mi floats (tenth session, bench/ab.c), nor did elementwise forwards
   fetching their output 1 Ki floats ahead at 256 Ki */
static inline void act_row_ahead_w(float *next, size_t i) { __builtin_prefetch(next + i, 1, 3); }

#endif
