/*
 * gemm_small.h - the dense layer's two products over the weights for
 * minibatches of at most TRN_SMALL_ROWS rows (Glorot & Bengio's 10), in
 * AVX-512, where OpenBLAS spends a quarter of the step packing the weight
 * matrix again on every call.
 *
 *   trn_small_xwt: z (n, out) = x (n, in) W^T       (the forward product)
 *   trn_small_dyw: dx (n, in) = dy (n, out) W       (the input gradient)
 *
 * W is (out, in), row-major, as the trainer stores it; every matrix is
 * dense (row stride = width). Each walks W once: the forward as dot
 * products of two rows of W against all n rows of x at once (2n
 * accumulators), x taken in blocks of 512 columns so that its block stays
 * in L1; the input gradient as 32 columns of W at a time, each row of W
 * scaled by the n gradients of its unit (2n accumulators). The weight
 * gradient (a rank-n update of W) stays with OpenBLAS, which streams it at
 * the cache's bandwidth already (bench/README.md, Training).
 *
 * Summation order differs from OpenBLAS's, so results agree with it to
 * rounding, not bit for bit. Single-threaded.
 */
#ifndef TRN_GEMM_SMALL_H
#define TRN_GEMM_SMALL_H

#include <stddef.h>

#define TRN_SMALL_ROWS 12

/* whether the kernels may run: the CPU has AVX-512 and the catalog's active
   variant is AVX-512 (ACTLAB_ISA=avx2 or scalar turns them off too) */
int trn_small_available(void);

/* 1 <= n <= TRN_SMALL_ROWS; in, out >= 1; only when trn_small_available() */
void trn_small_xwt(size_t n, size_t in, size_t out, const float *x, const float *w, float *z);
void trn_small_dyw(size_t n, size_t in, size_t out, const float *dy, const float *w, float *dx);

#endif
