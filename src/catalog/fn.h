/*
 * fn.h - what a catalog entry file includes.
 *
 * An entry file fn_<id>.c holds, top to bottom: a comment with the formula and
 * its origin, the double reference f and f' (and f' from y where that is
 * cheaper), the float32 kernels made from them by ACT_KERNELS*, and the
 * descriptor act_desc_<id>.
 *
 * NaN in gives NaN out: the kernels pass a NaN input through before calling
 * the reference, so an entry's f and f' need not treat NaN.
 *
 * The scalar kernels evaluate the double reference and round once to float:
 * with a reference accurate to a few double ULP, the float result is within
 * 0.5 float ULP plus a negligible term. They are the portable reference
 * variant; the SIMD variants (src/simd/) must match their accuracy bounds.
 */
#ifndef ACT_FN_H
#define ACT_FN_H

#include "actlab.h"

#include <float.h>
#include <math.h>
#include <stdint.h>

#define ACT_INF HUGE_VAL
#define ACT_SQRT_2_PI 0x1.9884533d43651p-1 /* sqrt(2/pi) */

/* (float)v, correctly rounded, without the slow path of SSE2's narrowing:
   a cvtsd2ss whose result is subnormal costs about 8 cycles more on Zen 4.
   Such results are assembled from the integer m = round(|v| 2^149) (the sum
   with 2^52 rounds, ties to even; m = 2^23 gives FLT_MIN's bits). For the
   rare kernel whose results are subnormal as a rule (see fn_lhtan.c): the
   branch keeps the loops that use it from vectorising. */
static inline float act_narrow(double v) {
    double a = fabs(v);
    if (a < 0x1p-126 && a > 0) {
        union {
            double d;
            uint64_t u;
        } m = {a * 0x1p149 + 0x1p52};
        union {
            uint32_t u;
            float f;
        } r = {(uint32_t)m.u | (signbit(v) ? 0x80000000u : 0u)};
        return r.f;
    }
    return (float)v;
}

/* forward and backward-from-x kernels from F(x, p) and DF(x, p) */
#define ACT_KERNELS(F, DF)                                                                         \
    static void F##_fwd(const double *p, size_t n, const float *x, float *y) {                     \
        for (size_t i = 0; i < n; i++) {                                                           \
            double xi = x[i];                                                                      \
            y[i] = isnan(xi) ? (float)xi : (float)F(xi, p);                                        \
        }                                                                                          \
    }                                                                                              \
    static void DF##_bwd_x(const double *p, size_t n, const float *x, const float *dy,             \
                           float *dx) {                                                            \
        for (size_t i = 0; i < n; i++) {                                                           \
            double xi = x[i];                                                                      \
            dx[i] = isnan(xi) ? (float)xi : (float)((double)dy[i] * DF(xi, p));                    \
        }                                                                                          \
    }

/* ... plus the backward-from-y kernel from DFY(y, p) */
#define ACT_KERNELS_Y(F, DF, DFY)                                                                  \
    ACT_KERNELS(F, DF)                                                                             \
    static void DFY##_bwd_y(const double *p, size_t n, const float *y, const float *dy,            \
                            float *dx) {                                                           \
        for (size_t i = 0; i < n; i++) {                                                           \
            double yi = y[i];                                                                      \
            dx[i] = isnan(yi) ? (float)yi : (float)((double)dy[i] * DFY(yi, p));                   \
        }                                                                                          \
    }

/* Descriptor fields for the reference and kernels made by the macros above. */
#define ACT_IMPL(F, DF) .f = F, .df = DF, .fwd = F##_fwd, .bwd_x = DF##_bwd_x
#define ACT_IMPL_Y(F, DF, DFY) ACT_IMPL(F, DF), .dfy = DFY, .bwd_y = DFY##_bwd_y

/* hard_sigmoid's knee: the sign of a x + b - 1, exactly, given that
   fma(a, x, b) rounded to 1 (the product error from an fma, the sum by
   TwoSum; s is within an ulp or two of 1, so s - 1 is exact). Shared by the
   scalar kernel and the SIMD variants' interval search. */
static inline int act_hard_sigmoid_sign_minus1(double a, double x, double b) {
    double prod = a * x, pe = fma(a, x, -prod);
    double s = prod + b, bb = s - prod, se = (prod - (s - bb)) + (b - bb);
    double r = (s - 1.0) + se;
    double t = r + pe;
    return (t > 0) - (t < 0);
}

/* Stable building blocks shared by many entries. */
static inline double act_sigmoid(double x) {
    /* split on the sign so exp never overflows and the tail keeps its subnormals */
    if (x >= 0) return 1.0 / (1.0 + exp(-x));
    double e = exp(x);
    return e / (1.0 + e);
}
/* log(1 + e^x) without overflow or loss for large |x| */
static inline double act_softplus(double x) {
    if (isinf(x)) return x > 0 ? x : 0.0;
    return fmax(x, 0.0) + log1p(exp(-fabs(x)));
}
/* sigmoid'(x) = sigmoid(x) sigmoid(-x), exact in the tails (no 1 - y) */
static inline double act_dsigmoid(double x) {
    double e = exp(-fabs(x));
    double d = 1.0 + e;
    return e / (d * d);
}
/* sech^2(x) = 4 e^{-2|x|} / (1 + e^{-2|x|})^2, accurate where 1 - tanh^2 cancels */
static inline double act_sech2(double x) {
    double e = exp(-2.0 * fabs(x));
    double d = 1.0 + e;
    return 4.0 * e / (d * d);
}
static inline double act_clamp(double x, double lo, double hi) {
    return x < lo ? lo : (x > hi ? hi : x);
}

#endif
