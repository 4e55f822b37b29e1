/*
 * hard_sigmoid_edges.h - where hard_sigmoid's derivative is alpha, for both
 * SIMD variants (avx2_hard_sigmoid.c, avx512_hard_sigmoid.c): the floats x
 * with t = fma(alpha, x, beta) > 0 (in double) and the exact alpha x + beta
 * < 1, decided as fn_hard_sigmoid.c decides them. alpha > 0, so each holds
 * on one side of a float threshold and together they are an interval
 * [lo, hi]: found once per call, from -beta/alpha and (1 - beta)/alpha, by
 * stepping float by float with the scalar predicate (a few steps).
 */
#ifndef ACT_SIMD_HARD_SIGMOID_EDGES_H
#define ACT_SIMD_HARD_SIGMOID_EDGES_H

#include "catalog/fn.h" /* act_hard_sigmoid_sign_minus1 */

#include <float.h>
#include <math.h>

/* the two halves of "f' = alpha at x": t > 0, and the exact a x + b < 1 */
static int hsig_above0(double a, double b, float x) { return fma(a, (double)x, b) > 0; }
static int hsig_below1(double a, double b, float x) {
    double t = fma(a, (double)x, b);
    return t < 1 || (t == 1 && act_hard_sigmoid_sign_minus1(a, (double)x, b) < 0);
}
/* The float where pred (false below, true above when up, the reverse when
   not) turns: the first true float (up) or the last true one (down),
   starting near the double estimate q; 0 if the steps do not settle. True
   up to the last float gives +-FLT_MAX and true nowhere +-inf (lo = +inf or
   hi = -inf), so that x >= lo and x <= hi never both hold for an infinite x
   (t = +-inf there: f' = 0). */
static int hsig_edge(int (*pred)(double, double, float), double a, double b, double q, int up,
                     float *out) {
    float c = (float)fmax(-FLT_MAX, fmin(FLT_MAX, q));
    float out_dir = up ? -INFINITY : INFINITY, in_dir = up ? INFINITY : -INFINITY;
    for (int k = 0; k < 64; k++) {
        if (pred(a, b, c)) {
            float n = nextafterf(c, out_dir); /* one further out: still true? */
            if (isinf(n) || !pred(a, b, n)) {
                *out = c; /* +-FLT_MAX when true to the end: inf stays out */
                return 1;
            }
            c = n;
        } else {
            float n = nextafterf(c, in_dir);
            if (isinf(n)) {
                *out = in_dir; /* true nowhere */
                return 1;
            }
            c = n;
        }
    }
    return 0;
}
/* 1 and [lo, hi] (lo = +inf or hi = -inf: empty), or 0 if a search did not
   settle (the caller then decides lane by lane) */
static int hsig_interval(double a, double b, float *lo, float *hi) {
    return hsig_edge(hsig_above0, a, b, -b / a, 1, lo) &&
           hsig_edge(hsig_below1, a, b, (1 - b) / a, 0, hi);
}

#endif
