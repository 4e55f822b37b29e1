/*
 * r3_util.h - helpers shared by the report sections glorot and noisy:
 * independent training jobs run side by side, histograms, and the
 * eigenvalues of a symmetric matrix (for singular values of Jacobians).
 */
#ifndef ACT_REPORT_R3_UTIL_H
#define ACT_REPORT_R3_UTIL_H

#include "report/report.h"

#include <stddef.h>

/* Runs fn on each of njobs jobs (an array of elements of `size` bytes),
   `workers` at a time on their own threads, each with single-threaded BLAS
   (minibatches of 10 are far too small for threaded BLAS; one training per
   core is faster). The jobs must be independent: each owns its network, its
   random numbers and its results, so the outcome does not depend on the
   number of workers or on the order in which jobs finish. BLAS is set back
   to c->threads afterwards. Prints progress as jobs complete, with `what`. */
void r3_run_jobs(rpt_ctx *c, int workers, void *jobs, size_t njobs, size_t size,
                 void (*fn)(void *job), const char *what);

/* Normalised histogram (a density: sum of density * bin width = fraction of
   the values inside [lo, hi]) of v[0..n) in nb equal bins; dens[nb]. Returns
   the fraction of values outside [lo, hi]. */
double r3_hist(const float *v, size_t n, double lo, double hi, int nb, double *dens);

/* mean and variance of v[0..n) */
void r3_moments(const float *v, size_t n, double *mean, double *var);

/* the q-quantile (0..1) of |v| (copies and sorts; 0 on allocation failure) */
double r3_abs_quantile(const float *v, size_t n, double q);

/* Eigenvalues of the symmetric n x n matrix a (row-major, overwritten) into
   d[n], by Householder reduction to tridiagonal form and the implicit QL
   algorithm (no eigenvectors). Returns 0, or -1 when QL did not converge or
   memory ran out. */
int r3_sym_eigvals(double *a, int n, double *d);

#endif
