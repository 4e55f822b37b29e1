/*
 * avx2_math.h - what the AVX2+FMA kernels (src/simd/avx2_<id>.c) share: the
 * scalar helpers that turn the double parameters into float constants (also
 * used by avx512_math.h), the loop drivers (32 floats per iteration, then 8,
 * then one masked tail through maskload/maskstore: any n, nothing read or
 * written past it, in place allowed) and the vector math, the same
 * algorithms as avx512_math.h (see there for the error budget) with 2^n
 * applied in two steps where AVX-512 has scalef, and the same rule of no
 * branches in an element function (avx512_math.h, "Speed").
 * Included only by files compiled with -mavx2 -mfma (or the AVX-512 flags).
 */
#ifndef ACT_SIMD_AVX2_MATH_H
#define ACT_SIMD_AVX2_MATH_H

#include "simd/simd.h"

#include <float.h>
#include <immintrin.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* the vector helpers and each kernel's per-vector body: always inlined into
   the loop drivers, so that constants stay in registers across the unrolled
   iterations (GCC otherwise outlines large bodies and reloads them per call) */
#define ACT_INLINE static inline __attribute__((always_inline))

/* ---- parameters: double -> float constants ------------------------------------ */

/* v = hi + lo to about 2^-48 relative (|v| < FLT_MAX) */
ACT_INLINE void act_split(double v, float *hi, float *lo) {
    *hi = (float)v;
    *lo = (float)(v - (double)*hi);
}
/* v = hi + lo as act_split, but hi rounded toward 0 and lo of v's sign,
   never 0 (v != 0; hi one float nearer 0 where v is a float): s hi + s lo
   then overflows with v's sign, as s v does, and -inf hi + -inf lo is not
   -inf + NaN */
ACT_INLINE void act_split_inward(double v, float *hi, float *lo) {
    *hi = (float)v;
    if (fabs((double)*hi) >= fabs(v)) *hi = nextafterf(*hi, 0.0f);
    *lo = (float)(v - (double)*hi);
}
/* the largest float <= v and the smallest float >= v: for a float x,
   x > v exactly when x > act_f32_down(v), x < v exactly when x < act_f32_up(v) */
static inline float act_f32_down(double v) {
    float f = (float)v;
    return (double)f > v ? nextafterf(f, -INFINITY) : f;
}
static inline float act_f32_up(double v) {
    float f = (float)v;
    return (double)f < v ? nextafterf(f, INFINITY) : f;
}

/* ---- loop drivers ---------------------------------------------------------------- */

/* lanes [0, r) on, r < 8: a window into {-1 x 8, 0 x 8} */
static const int32_t act_a2_tail_bits[16] = {-1, -1, -1, -1, -1, -1, -1, -1,
                                             0,  0,  0,  0,  0,  0,  0,  0};
ACT_INLINE __m256i a2_tail(size_t r) {
    return _mm256_loadu_si256((const __m256i *)(const void *)(act_a2_tail_bits + 8 - r));
}

/* A streaming store of v at p (32-byte aligned), or a regular one where
   `cached`: ACT_MIXED's one line in eight (the two vectors that start a
   line in every fourth iteration of four vectors; the streaming path first
   aligns the output to the 64-byte line) */
ACT_INLINE void a2_stream(float *p, __m256 v, int cached) {
    if (cached)
        _mm256_storeu_ps(p, v);
    else
        _mm256_stream_ps(p, v);
}

/* the store policy a driver declared ST runs with (bench/stores.c: forced) */
#ifdef ACT_ST_FORCE
#define ACT256_ST(ST) ACT_ST_FORCE
#else
#define ACT256_ST(ST) (ST)
#endif

/* static void NAME(const double *p, size_t n, const float *x, float *y):
   CTX c; INIT(&c, p); then y[i] = F(x[i], &c), NV_ vectors of 8 per loop
   iteration (4, 2 or 1: the kernels whose element function holds many
   registers spill less with fewer; measured per kernel with bench/ab).
   -DACT256_NV_FORCE=n builds every driver with n (bench experiments). The
   streaming path (n >= ACT_SIMD_NT_MIN) takes 4 or 2, a line per pair. */
#ifndef ACT256_NV_FORCE
#define ACT256_NV_FORCE 0
#endif
#define ACT256_FWD_LOOP(NAME, ATTR, CTX, INIT, F, NV_, ST)                                         \
    static ATTR void NAME(const double *p, size_t n, const float *x, float *y, int big_) {         \
        CTX c_;                                                                                    \
        const int NV = ACT256_NV_FORCE ? ACT256_NV_FORCE : NV_;                                    \
        INIT(&c_, p);                                                                              \
        size_t i_ = 0;                                                                             \
        if (ACT256_ST(ST) && big_ && n >= 64 && ((uintptr_t)y & 3) == 0) { /* streaming */         \
            size_t h_ = ((64 - ((uintptr_t)y & 63)) & 63) / 4;             /* to a line: 0-15 */   \
            if (h_ >= 8) {                                                                         \
                _mm256_storeu_ps(y, F(_mm256_loadu_ps(x), &c_));                                   \
                i_ = 8;                                                                            \
            }                                                                                      \
            if (h_ & 7) {                                                                          \
                __m256i m_ = a2_tail(h_ & 7);                                                      \
                _mm256_maskstore_ps(y + i_, m_, F(_mm256_maskload_ps(x + i_, m_), &c_));           \
            }                                                                                      \
            i_ = h_;                                                                               \
            for (; NV == 4 && i_ + 32 <= n; i_ += 32) {                                            \
                __m256 a0_ = _mm256_loadu_ps(x + i_), a1_ = _mm256_loadu_ps(x + i_ + 8);           \
                __m256 a2_ = _mm256_loadu_ps(x + i_ + 16), a3_ = _mm256_loadu_ps(x + i_ + 24);     \
                int k_ = ACT256_ST(ST) == ACT_MIXED && !((i_ - h_) & 96);                          \
                a2_stream(y + i_, F(a0_, &c_), k_);                                                \
                a2_stream(y + i_ + 8, F(a1_, &c_), k_);                                            \
                _mm256_stream_ps(y + i_ + 16, F(a2_, &c_));                                        \
                _mm256_stream_ps(y + i_ + 24, F(a3_, &c_));                                        \
            }                                                                                      \
            for (; i_ + 16 <= n; i_ += 16) {                                                       \
                __m256 a0_ = _mm256_loadu_ps(x + i_), a1_ = _mm256_loadu_ps(x + i_ + 8);           \
                int k_ = ACT256_ST(ST) == ACT_MIXED && !((i_ - h_) & 112);                         \
                a2_stream(y + i_, F(a0_, &c_), k_);                                                \
                a2_stream(y + i_ + 8, F(a1_, &c_), k_);                                            \
            }                                                                                      \
            if (big_ == 1) _mm_sfence(); /* 2: the caller fences */                                \
        }                                                                                          \
        for (; NV == 4 && i_ + 32 <= n; i_ += 32) {                                                \
            __m256 a0_ = _mm256_loadu_ps(x + i_), a1_ = _mm256_loadu_ps(x + i_ + 8);               \
            __m256 a2_ = _mm256_loadu_ps(x + i_ + 16), a3_ = _mm256_loadu_ps(x + i_ + 24);         \
            a0_ = F(a0_, &c_);                                                                     \
            a1_ = F(a1_, &c_);                                                                     \
            a2_ = F(a2_, &c_);                                                                     \
            a3_ = F(a3_, &c_);                                                                     \
            _mm256_storeu_ps(y + i_, a0_);                                                         \
            _mm256_storeu_ps(y + i_ + 8, a1_);                                                     \
            _mm256_storeu_ps(y + i_ + 16, a2_);                                                    \
            _mm256_storeu_ps(y + i_ + 24, a3_);                                                    \
        }                                                                                          \
        for (; NV >= 2 && i_ + 16 <= n; i_ += 16) {                                                \
            __m256 a0_ = _mm256_loadu_ps(x + i_), a1_ = _mm256_loadu_ps(x + i_ + 8);               \
            a0_ = F(a0_, &c_);                                                                     \
            a1_ = F(a1_, &c_);                                                                     \
            _mm256_storeu_ps(y + i_, a0_);                                                         \
            _mm256_storeu_ps(y + i_ + 8, a1_);                                                     \
        }                                                                                          \
        for (; i_ + 8 <= n; i_ += 8)                                                               \
            _mm256_storeu_ps(y + i_, F(_mm256_loadu_ps(x + i_), &c_));                             \
        if (i_ < n) {                                                                              \
            __m256i m_ = a2_tail(n - i_);                                                          \
            _mm256_maskstore_ps(y + i_, m_, F(_mm256_maskload_ps(x + i_, m_), &c_));               \
        }                                                                                          \
    }

#define ACT256_BWD_LOOP(NAME, ATTR, CTX, INIT, B, NV_, ST)                                         \
    static ATTR void NAME(const double *p, size_t n, const float *a, const float *dy, float *dx,   \
                          int big_) {                                                              \
        CTX c_;                                                                                    \
        const int NV = ACT256_NV_FORCE ? ACT256_NV_FORCE : NV_;                                    \
        INIT(&c_, p);                                                                              \
        size_t i_ = 0;                                                                             \
        if (ACT256_ST(ST) && big_ && n >= 64 && ((uintptr_t)dx & 3) == 0) { /* streaming */        \
            size_t h_ = ((64 - ((uintptr_t)dx & 63)) & 63) / 4;             /* to a line: 0-15 */  \
            if (h_ >= 8) {                                                                         \
                _mm256_storeu_ps(dx, B(_mm256_loadu_ps(a), _mm256_loadu_ps(dy), &c_));             \
                i_ = 8;                                                                            \
            }                                                                                      \
            if (h_ & 7) {                                                                          \
                __m256i m_ = a2_tail(h_ & 7);                                                      \
                __m256 r_ =                                                                        \
                    B(_mm256_maskload_ps(a + i_, m_), _mm256_maskload_ps(dy + i_, m_), &c_);       \
                _mm256_maskstore_ps(dx + i_, m_, r_);                                              \
            }                                                                                      \
            i_ = h_;                                                                               \
            for (; NV == 4 && i_ + 32 <= n; i_ += 32) {                                            \
                __m256 a0_ = _mm256_loadu_ps(a + i_), a1_ = _mm256_loadu_ps(a + i_ + 8);           \
                __m256 a2_ = _mm256_loadu_ps(a + i_ + 16), a3_ = _mm256_loadu_ps(a + i_ + 24);     \
                __m256 g0_ = _mm256_loadu_ps(dy + i_), g1_ = _mm256_loadu_ps(dy + i_ + 8);         \
                __m256 g2_ = _mm256_loadu_ps(dy + i_ + 16), g3_ = _mm256_loadu_ps(dy + i_ + 24);   \
                int k_ = ACT256_ST(ST) == ACT_MIXED && !((i_ - h_) & 96);                          \
                a2_stream(dx + i_, B(a0_, g0_, &c_), k_);                                          \
                a2_stream(dx + i_ + 8, B(a1_, g1_, &c_), k_);                                      \
                _mm256_stream_ps(dx + i_ + 16, B(a2_, g2_, &c_));                                  \
                _mm256_stream_ps(dx + i_ + 24, B(a3_, g3_, &c_));                                  \
            }                                                                                      \
            for (; i_ + 16 <= n; i_ += 16) {                                                       \
                __m256 a0_ = _mm256_loadu_ps(a + i_), a1_ = _mm256_loadu_ps(a + i_ + 8);           \
                __m256 g0_ = _mm256_loadu_ps(dy + i_), g1_ = _mm256_loadu_ps(dy + i_ + 8);         \
                int k_ = ACT256_ST(ST) == ACT_MIXED && !((i_ - h_) & 112);                         \
                a2_stream(dx + i_, B(a0_, g0_, &c_), k_);                                          \
                a2_stream(dx + i_ + 8, B(a1_, g1_, &c_), k_);                                      \
            }                                                                                      \
            if (big_ == 1) _mm_sfence(); /* 2: the caller fences */                                \
        }                                                                                          \
        for (; NV == 4 && i_ + 32 <= n; i_ += 32) {                                                \
            __m256 a0_ = _mm256_loadu_ps(a + i_), a1_ = _mm256_loadu_ps(a + i_ + 8);               \
            __m256 a2_ = _mm256_loadu_ps(a + i_ + 16), a3_ = _mm256_loadu_ps(a + i_ + 24);         \
            __m256 g0_ = _mm256_loadu_ps(dy + i_), g1_ = _mm256_loadu_ps(dy + i_ + 8);             \
            __m256 g2_ = _mm256_loadu_ps(dy + i_ + 16), g3_ = _mm256_loadu_ps(dy + i_ + 24);       \
            a0_ = B(a0_, g0_, &c_);                                                                \
            a1_ = B(a1_, g1_, &c_);                                                                \
            a2_ = B(a2_, g2_, &c_);                                                                \
            a3_ = B(a3_, g3_, &c_);                                                                \
            _mm256_storeu_ps(dx + i_, a0_);                                                        \
            _mm256_storeu_ps(dx + i_ + 8, a1_);                                                    \
            _mm256_storeu_ps(dx + i_ + 16, a2_);                                                   \
            _mm256_storeu_ps(dx + i_ + 24, a3_);                                                   \
        }                                                                                          \
        for (; NV >= 2 && i_ + 16 <= n; i_ += 16) {                                                \
            __m256 a0_ = _mm256_loadu_ps(a + i_), a1_ = _mm256_loadu_ps(a + i_ + 8);               \
            __m256 g0_ = _mm256_loadu_ps(dy + i_), g1_ = _mm256_loadu_ps(dy + i_ + 8);             \
            a0_ = B(a0_, g0_, &c_);                                                                \
            a1_ = B(a1_, g1_, &c_);                                                                \
            _mm256_storeu_ps(dx + i_, a0_);                                                        \
            _mm256_storeu_ps(dx + i_ + 8, a1_);                                                    \
        }                                                                                          \
        for (; i_ + 8 <= n; i_ += 8)                                                               \
            _mm256_storeu_ps(dx + i_, B(_mm256_loadu_ps(a + i_), _mm256_loadu_ps(dy + i_), &c_));  \
        if (i_ < n) {                                                                              \
            __m256i m_ = a2_tail(n - i_);                                                          \
            __m256 r_ = B(_mm256_maskload_ps(a + i_, m_), _mm256_maskload_ps(dy + i_, m_), &c_);   \
            _mm256_maskstore_ps(dx + i_, m_, r_);                                                  \
        }                                                                                          \
    }

#define ACT256_FWD_U(NAME, CTX, INIT, F, NV, ST)                                                   \
    ACT256_FWD_LOOP(NAME##_l_, ACT_INLINE_LOOP, CTX, INIT, F, NV, ST)                              \
    ACT_SIMD_WHOLE_FWD(NAME)
#define ACT256_BWD_U(NAME, CTX, INIT, B, NV, ST)                                                   \
    ACT256_BWD_LOOP(NAME##_l_, ACT_INLINE_LOOP, CTX, INIT, B, NV, ST)                              \
    ACT_SIMD_WHOLE_BWD(NAME)

/* Split drivers: x in blocks of ACT_SIMD_BLOCK floats (simd.h), each block through
   FN (a cheap element function, for ordinary inputs) where OK(p, x, m)
   says that all m of them are ordinary, through FG (the general one)
   otherwise. FN must give FG's bits on the inputs OK admits. A block's
   test is one pass over x in L1 (a few percent of the element functions
   this serves); the two loops are separate functions, so that each gets
   its own registers (the two paths inlined side by side in one loop, with
   a branch per vector, ran the general path at 0.7x: the constants of
   both compete for sixteen registers). */
#define ACT256_FWD_SPLIT(NAME, CTX, INIT, FN, FG, OK, NV, ST)                                      \
    ACT256_FWD_LOOP(NAME##_n_, ACT_NOINLINE_LOOP, CTX, INIT, FN, NV, ST)                           \
    ACT256_FWD_LOOP(NAME##_g_, ACT_NOINLINE_LOOP, CTX, INIT, FG, NV, ST)                           \
    ACT_SIMD_SPLIT_FWD(NAME, OK)
#define ACT256_BWD_SPLIT(NAME, CTX, INIT, BN, BG, OK, NV, ST)                                      \
    ACT256_BWD_LOOP(NAME##_n_, ACT_NOINLINE_LOOP, CTX, INIT, BN, NV, ST)                           \
    ACT256_BWD_LOOP(NAME##_g_, ACT_NOINLINE_LOOP, CTX, INIT, BG, NV, ST)                           \
    ACT_SIMD_SPLIT_BWD(NAME, OK)

#define ACT256_FWD(NAME, CTX, INIT, F, ST) ACT256_FWD_U(NAME, CTX, INIT, F, 4, ST)
#define ACT256_FWD2(NAME, CTX, INIT, F, ST) ACT256_FWD_U(NAME, CTX, INIT, F, 2, ST)
#define ACT256_FWD1(NAME, CTX, INIT, F, ST) ACT256_FWD_U(NAME, CTX, INIT, F, 1, ST)
#define ACT256_BWD(NAME, CTX, INIT, B, ST) ACT256_BWD_U(NAME, CTX, INIT, B, 4, ST)
#define ACT256_BWD2(NAME, CTX, INIT, B, ST) ACT256_BWD_U(NAME, CTX, INIT, B, 2, ST)
#define ACT256_BWD1(NAME, CTX, INIT, B, ST) ACT256_BWD_U(NAME, CTX, INIT, B, 1, ST)

/* FK(x, &c, one) / BK(a, dy, &c, one) instantiated for one = 1 and one = 0,
   NAME picking the loop by p[0] == 1: as ACT512_FWD_ONE (avx512_math.h).
   ST, in these and in ACT256_FWD / ACT256_BWD, is the store policy from
   ACT_SIMD_NT_MIN elements (simd.h), measured on its own for AVX2 (bench/
   stores.c --isa avx2). */
#define ACT256_FWD_ONE_U(NAME, CTX, INIT, FK, NV, ST)                                              \
    ACT_INLINE __m256 NAME##_f1_(__m256 x, const CTX *c) { return FK(x, c, 1); }                   \
    ACT_INLINE __m256 NAME##_fb_(__m256 x, const CTX *c) { return FK(x, c, 0); }                   \
    ACT256_FWD_U(NAME##_1_, CTX, INIT, NAME##_f1_, NV, ST)                                         \
    ACT256_FWD_U(NAME##_b_, CTX, INIT, NAME##_fb_, NV, ST)                                         \
    static void NAME(const double *p, size_t n, const float *x, float *y) {                        \
        (p[0] == 1 ? NAME##_1_ : NAME##_b_)(p, n, x, y);                                           \
    }
#define ACT256_BWD_ONE_U(NAME, CTX, INIT, BK, NV, ST)                                              \
    ACT_INLINE __m256 NAME##_b1_(__m256 a, __m256 g, const CTX *c) { return BK(a, g, c, 1); }      \
    ACT_INLINE __m256 NAME##_bb_(__m256 a, __m256 g, const CTX *c) { return BK(a, g, c, 0); }      \
    ACT256_BWD_U(NAME##_1_, CTX, INIT, NAME##_b1_, NV, ST)                                         \
    ACT256_BWD_U(NAME##_b_, CTX, INIT, NAME##_bb_, NV, ST)                                         \
    static void NAME(const double *p, size_t n, const float *a, const float *dy, float *dx) {      \
        (p[0] == 1 ? NAME##_1_ : NAME##_b_)(p, n, a, dy, dx);                                      \
    }

#define ACT256_FWD_ONE(NAME, CTX, INIT, FK, ST) ACT256_FWD_ONE_U(NAME, CTX, INIT, FK, 4, ST)
#define ACT256_BWD_ONE(NAME, CTX, INIT, BK, ST) ACT256_BWD_ONE_U(NAME, CTX, INIT, BK, 4, ST)

#ifndef ACT_ST_FORCE
#define ACT256_DEFINE(ID, FWD, BWDX, BWDY, ACCEPTS)                                                \
    extern const act_simd_kernels act_simd_avx2_##ID;                                              \
    const act_simd_kernels act_simd_avx2_##ID = {FWD, BWDX, BWDY, ACCEPTS};
#else /* bench/stores.c: as ACT512_DEFINE (avx512_math.h), act_st<policy>_avx2_<id> */
#define ACT256_DEFINE(ID, FWD, BWDX, BWDY, ACCEPTS)                                                \
    ACT_SIMD_DEFINE_FORCED(ACT_ST_FORCE, avx2, ID, FWD, BWDX, BWDY, ACCEPTS)
#endif

/* ---- small helpers -------------------------------------------------------------- */

#define A2(c) _mm256_set1_ps(c)
/* a b, rounded once, as fma(a, b, -0): on Zen 4 a vmulps whose result
   underflows (a subnormal or an inexact zero) costs about twice a normal one,
   an fma does not; adding -0 changes no value (sign of zero included). */
ACT_INLINE __m256 a2_mul(__m256 a, __m256 b) {
    __m256 z = _mm256_set1_ps(-0.0f);
    __asm__("" : "+x"(z)); /* or the compiler folds the fma back into a vmulps */
    return _mm256_fmadd_ps(a, b, z);
}

ACT_INLINE __m256 a2_abs(__m256 x) { return _mm256_andnot_ps(A2(-0.0f), x); }
ACT_INLINE __m256 a2_sign(__m256 x) { return _mm256_and_ps(A2(-0.0f), x); }
ACT_INLINE __m256 a2_xorsign(__m256 v, __m256 s) { return _mm256_xor_ps(v, a2_sign(s)); }
ACT_INLINE __m256 a2_lt(__m256 a, __m256 b) { return _mm256_cmp_ps(a, b, _CMP_LT_OQ); }
ACT_INLINE __m256 a2_le(__m256 a, __m256 b) { return _mm256_cmp_ps(a, b, _CMP_LE_OQ); }
ACT_INLINE __m256 a2_gt(__m256 a, __m256 b) { return _mm256_cmp_ps(a, b, _CMP_GT_OQ); }
ACT_INLINE __m256 a2_ge(__m256 a, __m256 b) { return _mm256_cmp_ps(a, b, _CMP_GE_OQ); }
/* m ? b : a */
ACT_INLINE __m256 a2_sel(__m256 m, __m256 b, __m256 a) { return _mm256_blendv_ps(a, b, m); }
ACT_INLINE __m256 a2_nan_from(__m256 r, __m256 x) {
    return _mm256_blendv_ps(r, x, _mm256_cmp_ps(x, x, _CMP_UNORD_Q));
}
/* lanes with |x| < 2^-60 (see a5_tiny): compute on a2_untiny(x), then
   a2_retiny puts f(x) = f'(0) x back */
ACT_INLINE __m256 a2_tiny(__m256 x) { return _mm256_cmp_ps(a2_abs(x), A2(0x1p-60f), _CMP_LT_OQ); }
ACT_INLINE __m256 a2_untiny(__m256 x, __m256 t) { return _mm256_andnot_ps(t, x); }
ACT_INLINE __m256 a2_retiny(__m256 y, __m256 t, __m256 x, float slope) {
    return _mm256_blendv_ps(y, slope == 1.0f ? x : a2_mul(x, A2(slope)), t);
}
ACT_INLINE __m256 a2_isinf(__m256 x) { return _mm256_cmp_ps(a2_abs(x), A2(INFINITY), _CMP_EQ_OQ); }

/* a/(b + bl), bl the tail of the divisor, with one rounding (see
   a5_div_corr): the division, then the exact residual a - q (b + bl) and
   one correction step (rcp's 2^-12 is plenty for that small step) */
ACT_INLINE __m256 a2_div_corr(__m256 a, __m256 b, __m256 bl) {
    __m256 q = _mm256_div_ps(a, b);
    __m256 res = _mm256_fnmadd_ps(q, bl, _mm256_fnmadd_ps(q, b, a));
    return _mm256_fmadd_ps(res, _mm256_rcp_ps(b), q);
}

/* v 2^n for an integer n, clamped to [-252, 254], in two exact power-of-two
   steps so that 2^n itself never has to be a float: one rounding, at the end */
ACT_INLINE __m256 a2_ldexpi(__m256 v, __m256i n) {
    n = _mm256_min_epi32(_mm256_max_epi32(n, _mm256_set1_epi32(-252)), _mm256_set1_epi32(254));
    __m256i n1 = _mm256_srai_epi32(n, 1), n2 = _mm256_sub_epi32(n, n1);
    __m256 s1 =
        _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(n1, _mm256_set1_epi32(127)), 23));
    __m256 s2 =
        _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(n2, _mm256_set1_epi32(127)), 23));
    return a2_mul(a2_mul(v, s1), s2);
}
/* the same for n an integral float */
ACT_INLINE __m256 a2_ldexp(__m256 v, __m256 n) {
    n = _mm256_min_ps(_mm256_max_ps(n, A2(-252.0f)), A2(254.0f));
    return a2_ldexpi(v, _mm256_cvtps_epi32(n));
}
/* a/(1 + e) for 0 <= e <= 1, a in [0.5, 2], q in [a/2, a] (see a5_div_1pe):
   the division rounds 1 + e, then the exact residual (a - q) - q e (a - q is
   exact by Sterbenz) and one step with rcp's 2^-12: 0.5 ulp + 2^-36 */
ACT_INLINE __m256 a2_div_1pe(__m256 a, __m256 e) {
    __m256 d = _mm256_add_ps(A2(1.0f), e);
    __m256 q = _mm256_div_ps(a, d);
    __m256 res = _mm256_fnmadd_ps(q, e, _mm256_sub_ps(a, q));
    return _mm256_fmadd_ps(res, _mm256_rcp_ps(d), q);
}
/* (a + al)/(1 + e), 0 <= e <= 1, any a (a5_div_1pe2): a - q0 is exact */
ACT_INLINE __m256 a2_div_1pe2(__m256 a, __m256 al, __m256 e) {
    __m256 d = _mm256_add_ps(A2(1.0f), e);
    __m256 q = _mm256_div_ps(a, d);
    __m256 res = _mm256_fnmadd_ps(q, e, _mm256_add_ps(_mm256_sub_ps(a, q), al));
    return _mm256_fmadd_ps(res, _mm256_rcp_ps(d), q);
}
/* (a + al)/(b + bl) with one rounding (a5_div_corr2) */
ACT_INLINE __m256 a2_div_corr2(__m256 a, __m256 al, __m256 b, __m256 bl) {
    __m256 q = _mm256_div_ps(a, b);
    __m256 res = _mm256_add_ps(_mm256_fnmadd_ps(q, bl, _mm256_fnmadd_ps(q, b, a)), al);
    return _mm256_fmadd_ps(res, _mm256_rcp_ps(b), q);
}
/* a5_root_poly (avx512_math.h) */
ACT_INLINE __m256 a2_root_poly(__m256 dh, __m256 r, float c0h, float c0l, float x0l) {
    __m256 t = _mm256_fmadd_ps(dh, _mm256_fmadd_ps(r, dh, A2(c0l)), A2(-x0l * c0h));
    return _mm256_fmadd_ps(dh, A2(c0h), t);
}
/* a + b = s + sl exactly (TwoSum) */
ACT_INLINE __m256 a2_two_sum(__m256 a, __m256 b, __m256 *sl) {
    __m256 s = _mm256_add_ps(a, b);
    __m256 bb = _mm256_sub_ps(s, a);
    *sl = _mm256_add_ps(_mm256_sub_ps(a, _mm256_sub_ps(s, bb)), _mm256_sub_ps(b, bb));
    return s;
}
/* Every one of x[0..m) has lo <= |x| <= hi (0 <= lo < hi finite; NaN has
   not): the test of the split drivers, |x|'s bits less lo's, their
   unsigned maximum against hi's less lo's */
static inline int a2_block_abs_in(const float *x, size_t m, float lo, float hi) {
    int32_t bl, bh;
    memcpy(&bl, &lo, 4);
    memcpy(&bh, &hi, 4);
    __m256i b = _mm256_set1_epi32(bl), acc = _mm256_setzero_si256();
    size_t i = 0;
    for (; i + 16 <= m; i += 16) {
        __m256i d0 = _mm256_sub_epi32(_mm256_castps_si256(a2_abs(_mm256_loadu_ps(x + i))), b);
        __m256i d1 = _mm256_sub_epi32(_mm256_castps_si256(a2_abs(_mm256_loadu_ps(x + i + 8))), b);
        acc = _mm256_max_epu32(acc, _mm256_max_epu32(d0, d1));
    }
    if (i < m) {
        __m256i t = a2_tail(m - i < 8 ? m - i : 8);
        __m256 v = _mm256_maskload_ps(x + i, t); /* lanes off: 0, replaced by lo */
        v = _mm256_blendv_ps(_mm256_set1_ps(lo), v, _mm256_castsi256_ps(t));
        acc = _mm256_max_epu32(acc, _mm256_sub_epi32(_mm256_castps_si256(a2_abs(v)), b));
        if (m - i > 8) {
            t = a2_tail(m - i - 8);
            v = _mm256_blendv_ps(_mm256_set1_ps(lo), _mm256_maskload_ps(x + i + 8, t),
                                 _mm256_castsi256_ps(t));
            acc = _mm256_max_epu32(acc, _mm256_sub_epi32(_mm256_castps_si256(a2_abs(v)), b));
        }
    }
    __m256i L = _mm256_set1_epi32(bh - bl);
    return _mm256_movemask_ps(
               _mm256_castsi256_ps(_mm256_cmpeq_epi32(_mm256_max_epu32(acc, L), L))) == 0xff;
}
/* 2^n for n in [-126, 127] (a2_pow2i clamps) */
ACT_INLINE __m256 a2_pow2i_normal(__m256i n) {
    return _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(n, _mm256_set1_epi32(127)), 23));
}
/* v 2^n for v 2^n and 2^n normal floats (n in [-126, 127]): one exact
   product (a2_ldexpi for the general case) */
ACT_INLINE __m256 a2_ldexpi_normal(__m256 v, __m256i n) { return a2_mul(v, a2_pow2i_normal(n)); }
/* 2^n for an integer n >= -127 (clamped): n = -127 gives 0, so a product
   v 2^n with |v| < 2 flushes to 0 exactly where it is below FLT_MIN; for
   kernels whose subnormal results may be flushed (error <= FLT_MIN) */
ACT_INLINE __m256 a2_pow2i(__m256i n) {
    n = _mm256_max_epi32(n, _mm256_set1_epi32(-127));
    return _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(n, _mm256_set1_epi32(127)), 23));
}

/* v dy 2^k for v within [2^-2, 2^2], any float dy and |k| <= 300: one
   rounding where the result is a normal float (two, each within the
   subnormal grid, below FLT_MIN). 2^k is split as 2^k1 2^(k - k1) with
   k1 = k clamped to [-60, 60], and 2^k1 goes on before dy: where k1 = k the
   product is v 2^k dy rounded once; where k > 60, v 2^60 dy is above 2^-92
   for any dy (no bits of a subnormal dy lost) and the rest only scales up;
   where k < -60 the result is below 2^-60 |dy| and whatever v 2^-60 dy
   loses below FLT_MIN it would lose anyway. k - k1 stays within
   a2_ldexpi's clamp (AVX-512 takes dy apart with vgetmantps / vgetexpps).
   a2_mul_dy_ldexpi_at(v, dy, k, lo) clamps k1 at lo instead of -60 (lo >=
   -126): for a derivative f' = v 2^k that is a normal float wherever
   k >= lo (silu, mish: lo = -126, f' normal down to x = -87.3, v >= 64
   below), so that f' dy is rounded once there, and a split kernel's
   ordinary blocks, which have k >= lo, give the same bits by the one
   product (v 2^k) dy. */
ACT_INLINE __m256 a2_mul_dy_ldexpi_at(__m256 v, __m256 dy, __m256i k, int lo) {
    __m256i k1 =
        _mm256_max_epi32(_mm256_min_epi32(k, _mm256_set1_epi32(60)), _mm256_set1_epi32(lo));
    __m256 s1 =
        _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(k1, _mm256_set1_epi32(127)), 23));
    return a2_ldexpi(a2_mul(_mm256_mul_ps(v, s1), dy), _mm256_sub_epi32(k, k1));
}
ACT_INLINE __m256 a2_mul_dy_ldexpi(__m256 v, __m256 dy, __m256i k) {
    return a2_mul_dy_ldexpi_at(v, dy, k, -60);
}

/* ---- e^x (see avx512_math.h for the error analysis) ------------------------------ */

/* e^r - 1 for |r| <= 0.35 (coefficients: avx512_math.h) */
ACT_INLINE __m256 a2_expm1_F(__m256 r) {
    __m256 f = A2(0x1.a157a0p-13f);
    f = _mm256_fmadd_ps(f, r, A2(0x1.6d4914p-10f));
    f = _mm256_fmadd_ps(f, r, A2(0x1.1110c4p-7f));
    f = _mm256_fmadd_ps(f, r, A2(0x1.5554e4p-5f));
    f = _mm256_fmadd_ps(f, r, A2(0x1.555556p-3f));
    return _mm256_fmadd_ps(f, r, A2(0.5f));
}
ACT_INLINE __m256 a2_expm1_poly(__m256 r) {
    return _mm256_fmadd_ps(a2_mul(r, r), a2_expm1_F(r), r);
}
/* r + (r^2 F(r) + c) (a5_expm1_poly_c) */
ACT_INLINE __m256 a2_expm1_poly_c(__m256 r, __m256 c) {
    return _mm256_add_ps(r, _mm256_fmadd_ps(a2_mul(r, r), a2_expm1_F(r), c));
}
/* e^(x + xl) through a table (avx512_math.h's a5_exp_lut with 8 entries, the
   size of one vpermps): x = (8 k + j) ln2/8 + r, |r| <= ln2/16, e^r - 1 =
   r + r^2 (c2 + c3 r + c4 r^2) (|error| < 2^-31 on [-0.045, 0.045]),
   p = Th + (Th t + Tl) in [0.97, 1.95] within 0.52 ulp, and the integer k:
   e^(x + xl) = p 2^k. Callers clamp |x| <= 170 (k within a2_ldexpi's range). */
static const float a2_exp2_8h[8] = {0x1.000000p+0f, 0x1.172b84p+0f, 0x1.306fe0p+0f, 0x1.4bfdaep+0f,
                                    0x1.6a09e6p+0f, 0x1.8ace54p+0f, 0x1.ae89fap+0f, 0x1.d5818ep+0f};
static const float a2_exp2_8l[8] = {0.0f,
                                    -0x1.c15742p-27f,
                                    0x1.4636e2p-25f,
                                    -0x1.593abcp-25f,
                                    0x1.9fcef4p-26f,
                                    0x1.15506ep-27f,
                                    -0x1.a94b14p-26f,
                                    -0x1.822dbcp-27f};
#define A2_MAGIC 0x1.8p23f           /* 1.5 2^23 */
#define A2_8_LOG2E 0x1.715476p+3f    /* 8/ln2 */
#define A2_LN2_8_HI 0x1.63p-4f       /* ln2/8, head: 8 significant bits */
#define A2_LN2_8_LO -0x1.bd0106p-16f /* ln2/8 - head */
/* the table head Th and Q = Th t + Tl, e^(x + xl) = 2^k (Th + Q) */
/* the reduction's m = 8 x/ln2 rounded (*m), and vm, whose bits hold the
   table index and k = floor(m/8) (a2_exp_lut_kint); shared with
   a2_exp_lut_head64: the same bits */
ACT_INLINE __m256 a2_exp_lut_vm(__m256 x, __m256 *m) {
    __m256 vm = _mm256_fmadd_ps(x, A2(A2_8_LOG2E), A2(A2_MAGIC));
    *m = _mm256_sub_ps(vm, A2(A2_MAGIC));
    return vm;
}
/* the bits of vm are those of the magic plus m: k = m >> 3 (floor) */
ACT_INLINE __m256i a2_exp_lut_kint(__m256i j) {
    return _mm256_srai_epi32(_mm256_sub_epi32(j, _mm256_castps_si256(A2(A2_MAGIC))), 3);
}
ACT_INLINE __m256 a2_exp_lut_parts(__m256 x, __m256 xl, int tail, __m256 *q, __m256i *k) {
    __m256 m, vm = a2_exp_lut_vm(x, &m);
    __m256 r = _mm256_fnmadd_ps(m, A2(A2_LN2_8_HI), x);
    r = _mm256_fnmadd_ps(m, A2(A2_LN2_8_LO), r);
    if (tail) r = _mm256_add_ps(r, xl);
    __m256i j = _mm256_castps_si256(vm);
    __m256 th = _mm256_permutevar8x32_ps(_mm256_loadu_ps(a2_exp2_8h), j);
    __m256 tl = _mm256_permutevar8x32_ps(_mm256_loadu_ps(a2_exp2_8l), j);
    __m256 f = _mm256_fmadd_ps(A2(0x1.555b3cp-5f), r, A2(0x1.555bf8p-3f));
    f = _mm256_fmadd_ps(f, r, A2(0.5f));
    __m256 t = _mm256_fmadd_ps(a2_mul(r, r), f, r);
    *k = a2_exp_lut_kint(j);
    *q = _mm256_fmadd_ps(th, t, tl);
    return th;
}
ACT_INLINE __m256 a2_exp_lut_core(__m256 x, __m256 xl, int tail, __m256i *k) {
    __m256 q, th = a2_exp_lut_parts(x, xl, tail, &q, k);
    return _mm256_add_ps(th, q);
}
ACT_INLINE __m256 a2_exp_lut(__m256 x, __m256 xl, __m256i *k) {
    return a2_exp_lut_core(x, xl, 1, k);
}
ACT_INLINE __m256 a2_exp_lut0(__m256 x, __m256i *k) { return a2_exp_lut_core(x, x, 0, k); }
/* the pieces of a2_exp_lut's last addition and its scale, for sums that
   want e^(x + xl) beyond its rounding (softmax, avx2_softmax.c):
   e^(x + xl) 2^64 = (Th + Q) S exactly but for the polynomial's error, with
   *q = Q = Th t + Tl (|Q| < 0.03 Th) and *s = S = 2^(k + 64); Th S and Q S
   are exact products wherever e^(x + xl) >= 2^-185 or so. narrow: k >= -190
   (x + xl >= -131), S normal; otherwise S is 0 below 2^-126 (a2_pow2i), where
   e^(x + xl) < 2^-190 rounds to 0 after any scaling back */
ACT_INLINE __m256 a2_exp_lut_split64(__m256 x, __m256 xl, int narrow, __m256 *q, __m256 *s) {
    __m256i k;
    __m256 th = a2_exp_lut_parts(x, xl, 1, q, &k);
    k = _mm256_add_epi32(k, _mm256_set1_epi32(64));
    *s = narrow ? a2_pow2i_normal(k) : a2_pow2i(k);
    return th;
}
/* its head term alone, Th S (a2_mul), with the same bits (narrow or not):
   from x without the tail, which enters only the polynomial's argument */
ACT_INLINE __m256 a2_exp_lut_head64(__m256 x) {
    __m256 m, vm = a2_exp_lut_vm(x, &m);
    (void)m;
    __m256i j = _mm256_castps_si256(vm);
    __m256 th = _mm256_permutevar8x32_ps(_mm256_loadu_ps(a2_exp2_8h), j);
    __m256i k = a2_exp_lut_kint(j);
    return a2_mul(th, a2_pow2i(_mm256_add_epi32(k, _mm256_set1_epi32(64))));
}

/* e^(x + xl) - 1 for x in [-20, 0] (a5_expm1_lut's algorithm with the
   8-entry table): (a - 1) + 2^k P with a = 2^k Th, a - 1 = h + hl exactly,
   one final rounding; for |x| < ln2/2 the index is forced to 0, r = x, and
   the result is t = x + x^2 F(x) (the degree-5 F of a2_expm1_poly) */
ACT_INLINE __m256 a2_expm1_lut_core(__m256 x, __m256 xl, int tail) {
    __m256 vm = _mm256_fmadd_ps(x, A2(A2_8_LOG2E), A2(A2_MAGIC));
    vm = a2_sel(_mm256_cmp_ps(x, A2(-0x1.62e430p-2f), _CMP_GT_OQ), A2(A2_MAGIC), vm);
    __m256 m = _mm256_sub_ps(vm, A2(A2_MAGIC));
    __m256 r = _mm256_fnmadd_ps(m, A2(A2_LN2_8_HI), x);
    r = _mm256_fnmadd_ps(m, A2(A2_LN2_8_LO), r);
    __m256i j = _mm256_castps_si256(vm);
    __m256 th = _mm256_permutevar8x32_ps(_mm256_loadu_ps(a2_exp2_8h), j);
    __m256 tl = _mm256_permutevar8x32_ps(_mm256_loadu_ps(a2_exp2_8l), j);
    /* the tail as in a5_expm1_lut_core */
    __m256 t = tail ? a2_expm1_poly_c(r, _mm256_fmadd_ps(xl, r, xl)) : a2_expm1_poly(r);
    __m256 P = _mm256_fmadd_ps(th, t, tl);
    __m256 s =
        a2_pow2i(_mm256_srai_epi32(_mm256_sub_epi32(j, _mm256_castps_si256(A2(A2_MAGIC))), 3));
    __m256 a = a2_mul(th, s);
    __m256 h = _mm256_sub_ps(a, A2(1.0f));
    __m256 hl = _mm256_add_ps(_mm256_sub_ps(A2(-1.0f), h), a);
    return _mm256_add_ps(h, _mm256_fmadd_ps(P, s, hl));
}
ACT_INLINE __m256 a2_expm1_lut(__m256 x, __m256 xl) { return a2_expm1_lut_core(x, xl, 1); }
ACT_INLINE __m256 a2_expm1_lut0(__m256 x) { return a2_expm1_lut_core(x, x, 0); }

/* e^r - 1 for |r| <= ln2/2 and e^x - 1 for x in [-20, 0] without a table:
   a5_expm1_poly4 and a5_expm1_rr1 of avx512_math.h, the same operations */
ACT_INLINE __m256 a2_expm1_poly4(__m256 r) {
    __m256 f = A2(0x1.6bec02p-10f);
    f = _mm256_fmadd_ps(f, r, A2(0x1.122774p-7f));
    f = _mm256_fmadd_ps(f, r, A2(0x1.555674p-5f));
    f = _mm256_fmadd_ps(f, r, A2(0x1.5554b0p-3f));
    f = _mm256_fmadd_ps(f, r, A2(0x1.fffffep-2f));
    return _mm256_fmadd_ps(a2_mul(r, r), f, r);
}
ACT_INLINE __m256 a2_expm1_rr1(__m256 x) {
    __m256 vm = _mm256_fmadd_ps(x, A2(0x1.715476p+0f), A2(0x1.8000fep23f));
    __m256 n = _mm256_sub_ps(vm, A2(0x1.8000fep23f));
    __m256 t = _mm256_fnmadd_ps(n, A2(0x1.62e430p-1f), x);
    __m256 s = _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_castps_si256(vm), 23));
    return _mm256_fmadd_ps(s, a2_expm1_poly4(t), _mm256_sub_ps(s, A2(1.0f)));
}

/* ---- sigmoid pieces (see avx512_math.h) -------------------------------------------- */
typedef struct {
    __m256 p; /* e^-|z| = p 2^n */
    __m256i n;
    __m256 e, d, dl;
} a2_sig;

/* z clamped at -170: e^-170 = 2^-245, inside a2_ldexpi's range */
ACT_INLINE a2_sig a2_sig_init(__m256 z, __m256 zl) {
    a2_sig s;
    __m256 mz = _mm256_or_ps(z, A2(-0.0f));
    __m256 ml = a2_xorsign(_mm256_xor_ps(zl, A2(-0.0f)), z);
    mz = _mm256_max_ps(A2(-170.0f), mz);
    s.p = a2_exp_lut(mz, ml, &s.n);
    s.e = a2_ldexpi(s.p, s.n);
    s.d = _mm256_add_ps(A2(1.0f), s.e);
    s.dl = _mm256_add_ps(_mm256_sub_ps(A2(1.0f), s.d), s.e);
    return s;
}
/* narrow: every |z| <= 87 (a split driver's ordinary blocks), so no clamp
   and e a normal float by one product: the same bits */
ACT_INLINE a2_sig a2_sig_init0_at(__m256 z, int narrow) {
    a2_sig s;
    __m256 mz = _mm256_or_ps(z, A2(-0.0f));
    s.p = a2_exp_lut0(narrow ? mz : _mm256_max_ps(A2(-170.0f), mz), &s.n);
    /* flushed below FLT_MIN: only 1 + e is used */
    s.e = narrow ? a2_ldexpi_normal(s.p, s.n) : a2_mul(s.p, a2_pow2i(s.n));
    s.d = _mm256_add_ps(A2(1.0f), s.e);
    s.dl = _mm256_add_ps(_mm256_sub_ps(A2(1.0f), s.d), s.e);
    return s;
}
ACT_INLINE a2_sig a2_sig_init0(__m256 z) { return a2_sig_init0_at(z, 0); }

/* log(1 + e) for e = p 2^n of the sigmoid pieces: Lm with log(1 + e) =
   Lm 2^n (a5_log1p_sig's algorithm: 2 atanh(e/(2 + e)), the quotient
   corrected once from its exact residual, one significant rounding) */
ACT_INLINE __m256 a2_log1p_sig2(const a2_sig *s, __m256 *tail) {
    __m256 d = _mm256_add_ps(A2(2.0f), s->e);
    __m256 dl = _mm256_add_ps(_mm256_sub_ps(A2(2.0f), d), s->e);
    __m256 q0 = _mm256_div_ps(s->p, d);
    __m256 r0 = _mm256_rcp_ps(d);
    __m256 res = _mm256_fnmadd_ps(q0, dl, _mm256_fnmadd_ps(q0, d, s->p));
    __m256 c2 = a2_mul(_mm256_add_ps(res, res), r0);
    __m256 sm = _mm256_fmadd_ps(res, r0, q0);
    __m256 sv = a2_mul(sm, a2_pow2i(s->n));
    __m256 u = a2_mul(sv, sv);
    __m256 R = A2(0x1.dd093ep-4f);
    R = _mm256_fmadd_ps(R, u, A2(0x1.bc44dcp-4f));
    R = _mm256_fmadd_ps(R, u, A2(0x1.24cb62p-3f));
    R = _mm256_fmadd_ps(R, u, A2(0x1.9998cap-3f));
    R = _mm256_fmadd_ps(R, u, A2(0x1.555556p-2f));
    __m256 q2 = _mm256_add_ps(q0, q0);
    *tail = _mm256_fmadd_ps(_mm256_add_ps(sm, sm), a2_mul(u, R), c2);
    return q2;
}
/* the same as one float: q2 + tail, one rounding */
ACT_INLINE __m256 a2_log1p_sig(const a2_sig *s) {
    __m256 t, q2 = a2_log1p_sig2(s, &t);
    return _mm256_add_ps(q2, t);
}

#endif
