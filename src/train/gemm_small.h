/*
 * gemm_small.h - the dense layer's three products over the weights for
 * minibatches of at most TRN_SMALL_ROWS rows (Glorot & Bengio's 10), in
 * AVX-512, where OpenBLAS spends a third of the step packing the weight
 * matrix again on every call.
 *
 *   trn_small_xwt: z (n, out) = x (n, in) W^T        (the forward product)
 *   trn_small_dyw: dx (n, in) = dy (n, out) W        (the input gradient)
 *   trn_small_dw:  W (out, in) += scale dy^T x       (the weight update)
 *
 * W is (out, in), row-major, as the trainer stores it; every matrix is
 * dense (row stride = width). Each walks W once: the forward as dot
 * products of two rows of W against all n rows of x at once (2n
 * accumulators), x taken in blocks of 512 columns so that its block stays
 * in L1; the input gradient as 32 columns of W at a time, each row of W
 * scaled by the n gradients of its unit (2n accumulators); the update as
 * 32 columns of x held in registers while the rows of W go by, two at a
 * time. Each takes a range of W's rows or columns, so that threads split
 * one product (net.c: small_rows). On one thread the trainer keeps
 * OpenBLAS for the update, which streams W faster (bench/TRAINING.md).
 *
 * Summation order differs from OpenBLAS's, so results agree with it to
 * rounding, not bit for bit; a product split into ranges gives the bits of
 * the whole.
 */
#ifndef TRN_GEMM_SMALL_H
#define TRN_GEMM_SMALL_H

#include <stddef.h>

#define TRN_SMALL_ROWS 12

/* whether the kernels may run: the CPU has AVX-512 and the catalog's active
   variant is AVX-512 (ACTLAB_ISA=avx2 or scalar turns them off too) */
int trn_small_available(void);

/* 1 <= n <= TRN_SMALL_ROWS; in, out >= 1; only when trn_small_available().
   Each takes a range, so that threads can split one product:
   z[:, j0 .. j1) = x W[j0 .. j1, :]^T                (z's rows out wide)
   dx[:, k0 .. k1) = dy W[:, k0 .. k1)                (k0 a multiple of 32)
   dst[j0 .. j1, :] += scale dy[:, j0 .. j1]^T x      (the weight gradient,
                      or with dst = W and scale = -lr the plain SGD step) */
void trn_small_xwt(size_t n, size_t in, size_t out, size_t j0, size_t j1, const float *x,
                   const float *w, float *z);
void trn_small_dyw(size_t n, size_t in, size_t out, size_t k0, size_t k1, const float *dy,
                   const float *w, float *dx);
void trn_small_dw(size_t n, size_t in, size_t out, size_t j0, size_t j1, float scale,
                  const float *dy, const float *x, float *dst);

#endif
