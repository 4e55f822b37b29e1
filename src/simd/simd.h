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
 */
#ifndef ACT_SIMD_H
#define ACT_SIMD_H

#include "actlab.h"

/* From ACT_SIMD_NT_MIN elements (16 MiB of floats, past the 1 MiB L2 and
   half an L3) a kernel stores its output by the policy it is declared with:
   - ACT_STREAM: non-temporal (streaming) stores, which save the
     read-for-ownership of a regular store, a third of the bandwidth;
   - ACT_CACHED: regular stores, as at every smaller size;
   - ACT_MIXED: streaming stores but for one line in eight, stored through
     the cache.
   On the EPYC measured (bench/README.md: 16 Mi floats), a kernel that
   computes for about as long as its memory takes or longer (tanh, sigmoid,
   the exp-based forwards, gelu, silu, mish) runs 1.15-1.6x faster there with
   regular stores, read-for-ownership and all, than with streaming ones; the
   cheap kernels run 1.1-1.3x faster streaming; and the backwards in between
   (sigmoid, tanh, elu, softplus, logsigmoid, exp: two streams in, one out)
   1.05-1.3x faster on one thread when every eighth line goes through the
   cache (on two, within the noise). Why a compute-bound loop loses with
   streaming stores is not established: prefetching the input 1-4 Ki
   floats ahead, and staging blocks of 256 or 1024 results in L1 to stream
   them out in a burst, did not recover the loss. */
#define ACT_SIMD_NT_MIN ((size_t)1 << 22)
#define ACT_CACHED 0
#define ACT_STREAM 1
#define ACT_MIXED 2

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

#endif
