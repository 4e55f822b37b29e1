/*
 * avx512_math.h - what the AVX-512 kernels (src/simd/avx512_<id>.c) share:
 * the loop drivers (128 or 64 floats per iteration, then 16, then one masked tail:
 * any n, nothing read or written past it, in place allowed) and the vector
 * math (e^x as mantissa and exponent, e^x - 1, log1p), all float32, each
 * documented with its error. Included only by files compiled with
 * -mavx512f -mavx512dq -mavx512bw -mavx512vl -mfma.
 *
 * Error budget. The catalog allows 2 ULP forward and 4 ULP for the
 * derivative. The building blocks below stay near 0.5-0.7 ULP each, and the
 * kernels avoid the two ways a float formula loses more: a rounded argument
 * whose error the function amplifies (the tails of e^z multiply a relative
 * error of z by |z|: such arguments travel as a head and a tail, zh + zl),
 * and cancellation (1 + z + e^z near its zero: the kernels switch to a
 * polynomial in the distance to the zero there).
 *
 * Speed. The element functions are chains of 20-60 dependent operations, so
 * a loop runs at the rate the out-of-order core can overlap the chains of
 * neighbouring vectors. They have no branches: every piece is computed for
 * all 16 lanes and blended by mask, because a test would split the loop
 * body into basic blocks that GCC schedules one at a time (the Makefile's
 * SIMD_SCHED interleaves the four vectors of an iteration within a block),
 * and a test on data mispredicts besides (gelu 1.3x, mish backward 1.4x).
 * For the same reason the drivers' streaming loops (ACT_SIMD_NT_MIN and up)
 * repeat the regular ones with the kernel's stores fixed at compile time:
 * the policy chosen per store by a run-time test cost tanh's forward a
 * quarter of its speed at 16 Mi floats (bench/README.md, fifth session).
 */
#ifndef ACT_SIMD_AVX512_MATH_H
#define ACT_SIMD_AVX512_MATH_H

#include "simd/avx2_math.h" /* the scalar parameter helpers (act_split etc.) */

#include <immintrin.h>

/* ---- loop drivers -------------------------------------------------------- */

/* the store policy a driver declared ST runs with (bench/stores.c: forced) */
#ifdef ACT_ST_FORCE
#define ACT512_ST(ST) ACT_ST_FORCE
#else
#define ACT512_ST(ST) (ST)
#endif

/* A streaming store of v at p (64-byte aligned), or a regular one where
   `cached`: the one line in eight (loops of eight vectors) or sixteen
   (loops of four) that an ACT_MIXED kernel (simd.h) stores through the
   cache. */
ACT_INLINE void a5_stream(float *p, __m512 v, int cached) {
    if (cached)
        _mm512_storeu_ps(p, v);
    else
        _mm512_stream_ps(p, v);
}

/* Whether a driver's loop takes eight vectors an iteration: U8 bit 0 below
   ACT_SIMD_NT_MIN elements, bit 1 from there (ACT512_FWD8 and co.: both). */
#define ACT512_U8(U8, big) ((big) ? ((U8)&2) : ((U8)&1))
/* The mask of the first r < 16 lanes. */
ACT_INLINE __mmask16 a5_tail(size_t r) { return (__mmask16)((1u << r) - 1u); }

/* static void NAME(const double *p, size_t n, const float *x, float *y):
   CTX c; INIT(&c, p); then y[i] = F(x[i], &c) sixteen lanes at a time. */
#define ACT512_FWD_LOOP(NAME, ATTR, CTX, INIT, F, U8, ST)                                          \
    static ATTR void NAME(const double *p, size_t n, const float *x, float *y, int big_) {         \
        CTX c_;                                                                                    \
        INIT(&c_, p);                                                                              \
        size_t i_ = 0;                                                                             \
        if (ACT512_ST(ST) && big_ && n >= 64 && ((uintptr_t)y & 3) == 0) { /* streaming */         \
            size_t h_ = ((64 - ((uintptr_t)y & 63)) & 63) / 4;                                     \
            if (h_) {                                                                              \
                __mmask16 m_ = a5_tail(h_);                                                        \
                _mm512_mask_storeu_ps(y, m_, F(_mm512_maskz_loadu_ps(m_, x), &c_));                \
                i_ = h_;                                                                           \
            }                                                                                      \
            for (; ACT512_U8(U8, 1) && i_ + 128 <= n; i_ += 128) {                                 \
                __m512 a0_ = _mm512_loadu_ps(x + i_), a1_ = _mm512_loadu_ps(x + i_ + 16);          \
                __m512 a2_ = _mm512_loadu_ps(x + i_ + 32), a3_ = _mm512_loadu_ps(x + i_ + 48);     \
                __m512 a4_ = _mm512_loadu_ps(x + i_ + 64), a5_ = _mm512_loadu_ps(x + i_ + 80);     \
                __m512 a6_ = _mm512_loadu_ps(x + i_ + 96), a7_ = _mm512_loadu_ps(x + i_ + 112);    \
                a5_stream(y + i_, F(a0_, &c_), ACT512_ST(ST) == ACT_MIXED);                        \
                _mm512_stream_ps(y + i_ + 16, F(a1_, &c_));                                        \
                _mm512_stream_ps(y + i_ + 32, F(a2_, &c_));                                        \
                _mm512_stream_ps(y + i_ + 48, F(a3_, &c_));                                        \
                _mm512_stream_ps(y + i_ + 64, F(a4_, &c_));                                        \
                _mm512_stream_ps(y + i_ + 80, F(a5_, &c_));                                        \
                _mm512_stream_ps(y + i_ + 96, F(a6_, &c_));                                        \
                _mm512_stream_ps(y + i_ + 112, F(a7_, &c_));                                       \
            }                                                                                      \
            for (; i_ + 64 <= n; i_ += 64) {                                                       \
                __m512 a0_ = _mm512_loadu_ps(x + i_), a1_ = _mm512_loadu_ps(x + i_ + 16);          \
                __m512 a2_ = _mm512_loadu_ps(x + i_ + 32), a3_ = _mm512_loadu_ps(x + i_ + 48);     \
                a5_stream(y + i_, F(a0_, &c_), ACT512_ST(ST) == ACT_MIXED && (i_ & 192) == 64);    \
                _mm512_stream_ps(y + i_ + 16, F(a1_, &c_));                                        \
                _mm512_stream_ps(y + i_ + 32, F(a2_, &c_));                                        \
                _mm512_stream_ps(y + i_ + 48, F(a3_, &c_));                                        \
            }                                                                                      \
            if (big_ == 1) _mm_sfence(); /* 2: the caller fences */                                \
        }                                                                                          \
        for (; ACT512_U8(U8, big_) && i_ + 128 <= n; i_ += 128) {                                  \
            __m512 a0_ = _mm512_loadu_ps(x + i_), a1_ = _mm512_loadu_ps(x + i_ + 16);              \
            __m512 a2_ = _mm512_loadu_ps(x + i_ + 32), a3_ = _mm512_loadu_ps(x + i_ + 48);         \
            __m512 a4_ = _mm512_loadu_ps(x + i_ + 64), a5_ = _mm512_loadu_ps(x + i_ + 80);         \
            __m512 a6_ = _mm512_loadu_ps(x + i_ + 96), a7_ = _mm512_loadu_ps(x + i_ + 112);        \
            a0_ = F(a0_, &c_);                                                                     \
            a1_ = F(a1_, &c_);                                                                     \
            a2_ = F(a2_, &c_);                                                                     \
            a3_ = F(a3_, &c_);                                                                     \
            a4_ = F(a4_, &c_);                                                                     \
            a5_ = F(a5_, &c_);                                                                     \
            a6_ = F(a6_, &c_);                                                                     \
            a7_ = F(a7_, &c_);                                                                     \
            _mm512_storeu_ps(y + i_, a0_);                                                         \
            _mm512_storeu_ps(y + i_ + 16, a1_);                                                    \
            _mm512_storeu_ps(y + i_ + 32, a2_);                                                    \
            _mm512_storeu_ps(y + i_ + 48, a3_);                                                    \
            _mm512_storeu_ps(y + i_ + 64, a4_);                                                    \
            _mm512_storeu_ps(y + i_ + 80, a5_);                                                    \
            _mm512_storeu_ps(y + i_ + 96, a6_);                                                    \
            _mm512_storeu_ps(y + i_ + 112, a7_);                                                   \
        }                                                                                          \
        for (; i_ + 64 <= n; i_ += 64) {                                                           \
            __m512 a0_ = _mm512_loadu_ps(x + i_), a1_ = _mm512_loadu_ps(x + i_ + 16);              \
            __m512 a2_ = _mm512_loadu_ps(x + i_ + 32), a3_ = _mm512_loadu_ps(x + i_ + 48);         \
            a0_ = F(a0_, &c_);                                                                     \
            a1_ = F(a1_, &c_);                                                                     \
            a2_ = F(a2_, &c_);                                                                     \
            a3_ = F(a3_, &c_);                                                                     \
            _mm512_storeu_ps(y + i_, a0_);                                                         \
            _mm512_storeu_ps(y + i_ + 16, a1_);                                                    \
            _mm512_storeu_ps(y + i_ + 32, a2_);                                                    \
            _mm512_storeu_ps(y + i_ + 48, a3_);                                                    \
        }                                                                                          \
        for (; i_ + 16 <= n; i_ += 16)                                                             \
            _mm512_storeu_ps(y + i_, F(_mm512_loadu_ps(x + i_), &c_));                             \
        if (i_ < n) {                                                                              \
            __mmask16 m_ = a5_tail(n - i_);                                                        \
            _mm512_mask_storeu_ps(y + i_, m_, F(_mm512_maskz_loadu_ps(m_, x + i_), &c_));          \
        }                                                                                          \
    }

/* static void NAME(const double *p, size_t n, const float *a, const float *dy,
   float *dx): dx[i] = B(a[i], dy[i], &c), a being x or y. */
#define ACT512_BWD_LOOP(NAME, ATTR, CTX, INIT, B, U8, ST)                                          \
    static ATTR void NAME(const double *p, size_t n, const float *a, const float *dy, float *dx,   \
                          int big_) {                                                              \
        CTX c_;                                                                                    \
        INIT(&c_, p);                                                                              \
        size_t i_ = 0;                                                                             \
        if (ACT512_ST(ST) && big_ && n >= 64 && ((uintptr_t)dx & 3) == 0) { /* streaming */        \
            size_t h_ = ((64 - ((uintptr_t)dx & 63)) & 63) / 4;                                    \
            if (h_) {                                                                              \
                __mmask16 m_ = a5_tail(h_);                                                        \
                __m512 r_ = B(_mm512_maskz_loadu_ps(m_, a), _mm512_maskz_loadu_ps(m_, dy), &c_);   \
                _mm512_mask_storeu_ps(dx, m_, r_);                                                 \
                i_ = h_;                                                                           \
            }                                                                                      \
            for (; ACT512_U8(U8, 1) && i_ + 128 <= n; i_ += 128) {                                 \
                __m512 a0_ = _mm512_loadu_ps(a + i_), a1_ = _mm512_loadu_ps(a + i_ + 16);          \
                __m512 a2_ = _mm512_loadu_ps(a + i_ + 32), a3_ = _mm512_loadu_ps(a + i_ + 48);     \
                __m512 a4_ = _mm512_loadu_ps(a + i_ + 64), a5_ = _mm512_loadu_ps(a + i_ + 80);     \
                __m512 a6_ = _mm512_loadu_ps(a + i_ + 96), a7_ = _mm512_loadu_ps(a + i_ + 112);    \
                a5_stream(dx + i_, B(a0_, _mm512_loadu_ps(dy + i_), &c_),                          \
                          ACT512_ST(ST) == ACT_MIXED);                                             \
                _mm512_stream_ps(dx + i_ + 16, B(a1_, _mm512_loadu_ps(dy + i_ + 16), &c_));        \
                _mm512_stream_ps(dx + i_ + 32, B(a2_, _mm512_loadu_ps(dy + i_ + 32), &c_));        \
                _mm512_stream_ps(dx + i_ + 48, B(a3_, _mm512_loadu_ps(dy + i_ + 48), &c_));        \
                _mm512_stream_ps(dx + i_ + 64, B(a4_, _mm512_loadu_ps(dy + i_ + 64), &c_));        \
                _mm512_stream_ps(dx + i_ + 80, B(a5_, _mm512_loadu_ps(dy + i_ + 80), &c_));        \
                _mm512_stream_ps(dx + i_ + 96, B(a6_, _mm512_loadu_ps(dy + i_ + 96), &c_));        \
                _mm512_stream_ps(dx + i_ + 112, B(a7_, _mm512_loadu_ps(dy + i_ + 112), &c_));      \
            }                                                                                      \
            for (; i_ + 64 <= n; i_ += 64) {                                                       \
                __m512 a0_ = _mm512_loadu_ps(a + i_), a1_ = _mm512_loadu_ps(a + i_ + 16);          \
                __m512 a2_ = _mm512_loadu_ps(a + i_ + 32), a3_ = _mm512_loadu_ps(a + i_ + 48);     \
                __m512 g0_ = _mm512_loadu_ps(dy + i_), g1_ = _mm512_loadu_ps(dy + i_ + 16);        \
                __m512 g2_ = _mm512_loadu_ps(dy + i_ + 32), g3_ = _mm512_loadu_ps(dy + i_ + 48);   \
                a5_stream(dx + i_, B(a0_, g0_, &c_),                                               \
                          ACT512_ST(ST) == ACT_MIXED && (i_ & 192) == 64);                         \
                _mm512_stream_ps(dx + i_ + 16, B(a1_, g1_, &c_));                                  \
                _mm512_stream_ps(dx + i_ + 32, B(a2_, g2_, &c_));                                  \
                _mm512_stream_ps(dx + i_ + 48, B(a3_, g3_, &c_));                                  \
            }                                                                                      \
            if (big_ == 1) _mm_sfence(); /* 2: the caller fences */                                \
        }                                                                                          \
        for (; ACT512_U8(U8, big_) && i_ + 128 <= n; i_ += 128) {                                  \
            __m512 a0_ = _mm512_loadu_ps(a + i_), a1_ = _mm512_loadu_ps(a + i_ + 16);              \
            __m512 a2_ = _mm512_loadu_ps(a + i_ + 32), a3_ = _mm512_loadu_ps(a + i_ + 48);         \
            __m512 a4_ = _mm512_loadu_ps(a + i_ + 64), a5_ = _mm512_loadu_ps(a + i_ + 80);         \
            __m512 a6_ = _mm512_loadu_ps(a + i_ + 96), a7_ = _mm512_loadu_ps(a + i_ + 112);        \
            a0_ = B(a0_, _mm512_loadu_ps(dy + i_), &c_);                                           \
            a1_ = B(a1_, _mm512_loadu_ps(dy + i_ + 16), &c_);                                      \
            a2_ = B(a2_, _mm512_loadu_ps(dy + i_ + 32), &c_);                                      \
            a3_ = B(a3_, _mm512_loadu_ps(dy + i_ + 48), &c_);                                      \
            a4_ = B(a4_, _mm512_loadu_ps(dy + i_ + 64), &c_);                                      \
            a5_ = B(a5_, _mm512_loadu_ps(dy + i_ + 80), &c_);                                      \
            a6_ = B(a6_, _mm512_loadu_ps(dy + i_ + 96), &c_);                                      \
            a7_ = B(a7_, _mm512_loadu_ps(dy + i_ + 112), &c_);                                     \
            _mm512_storeu_ps(dx + i_, a0_);                                                        \
            _mm512_storeu_ps(dx + i_ + 16, a1_);                                                   \
            _mm512_storeu_ps(dx + i_ + 32, a2_);                                                   \
            _mm512_storeu_ps(dx + i_ + 48, a3_);                                                   \
            _mm512_storeu_ps(dx + i_ + 64, a4_);                                                   \
            _mm512_storeu_ps(dx + i_ + 80, a5_);                                                   \
            _mm512_storeu_ps(dx + i_ + 96, a6_);                                                   \
            _mm512_storeu_ps(dx + i_ + 112, a7_);                                                  \
        }                                                                                          \
        for (; i_ + 64 <= n; i_ += 64) {                                                           \
            __m512 a0_ = _mm512_loadu_ps(a + i_), a1_ = _mm512_loadu_ps(a + i_ + 16);              \
            __m512 a2_ = _mm512_loadu_ps(a + i_ + 32), a3_ = _mm512_loadu_ps(a + i_ + 48);         \
            __m512 g0_ = _mm512_loadu_ps(dy + i_), g1_ = _mm512_loadu_ps(dy + i_ + 16);            \
            __m512 g2_ = _mm512_loadu_ps(dy + i_ + 32), g3_ = _mm512_loadu_ps(dy + i_ + 48);       \
            a0_ = B(a0_, g0_, &c_);                                                                \
            a1_ = B(a1_, g1_, &c_);                                                                \
            a2_ = B(a2_, g2_, &c_);                                                                \
            a3_ = B(a3_, g3_, &c_);                                                                \
            _mm512_storeu_ps(dx + i_, a0_);                                                        \
            _mm512_storeu_ps(dx + i_ + 16, a1_);                                                   \
            _mm512_storeu_ps(dx + i_ + 32, a2_);                                                   \
            _mm512_storeu_ps(dx + i_ + 48, a3_);                                                   \
        }                                                                                          \
        for (; i_ + 16 <= n; i_ += 16)                                                             \
            _mm512_storeu_ps(dx + i_, B(_mm512_loadu_ps(a + i_), _mm512_loadu_ps(dy + i_), &c_));  \
        if (i_ < n) {                                                                              \
            __mmask16 m_ = a5_tail(n - i_);                                                        \
            __m512 r_ =                                                                            \
                B(_mm512_maskz_loadu_ps(m_, a + i_), _mm512_maskz_loadu_ps(m_, dy + i_), &c_);     \
            _mm512_mask_storeu_ps(dx + i_, m_, r_);                                                \
        }                                                                                          \
    }

#define ACT512_FWD_U(NAME, CTX, INIT, F, U8, ST)                                                   \
    ACT512_FWD_LOOP(NAME##_l_, ACT_INLINE_LOOP, CTX, INIT, F, U8, ST)                              \
    ACT_SIMD_WHOLE_FWD(NAME)
#define ACT512_BWD_U(NAME, CTX, INIT, B, U8, ST)                                                   \
    ACT512_BWD_LOOP(NAME##_l_, ACT_INLINE_LOOP, CTX, INIT, B, U8, ST)                              \
    ACT_SIMD_WHOLE_BWD(NAME)

/* Two-pass driver: NAME(p, n, x, y) takes x in blocks of ACT512_2P_BLOCK
   floats (from ACT_SIMD_NT_MIN elements only where BIG, storing by the
   policy ST then: with ACT_MIXED, mish forward 1.22x at 16 Mi, whose one
   pass ran far below its speed in cache there, as silu's (1.62x; its one
   pass of four vectors there does better still); sigmoid 0.84-1.04x, tanh
   0.86x, gelu 0.65-0.89x, which ran near it; ST does nothing where BIG is
   0), each in two passes of four vectors an iteration: S1(x, b, j) leaves what it
   computes for the vector at j (K values: value k at b + k ACT512_2P_BLOCK
   + j) in a buffer on the stack, then y = S2(x, b, j). A long element
   function (the exponential, then a quotient) is held by the depth of its
   chain rather than by its ports; two chains half as long keep more
   vectors in flight (sigmoid forward 1.02-1.07x, mish forward 1.1-1.3x,
   bench/ab.c). S2 of S1 must be the one-pass element function, so the
   bits are the same; the tail of a call (and the head up to y's line where
   it streams) and the calls that do not take the two passes go through
   LOOP, the one-pass driver. */
#define ACT512_2P_BLOCK 512
#define ACT512_FWD_2PASS(NAME, LOOP, K, S1, S2, BIG, ST)                                           \
    static void NAME(const double *p, size_t n, const float *x, float *y) {                        \
        size_t i_ = 0;                                                                             \
        if (n >= ACT_SIMD_NT_MIN && (!(BIG) || ((uintptr_t)y & 3))) {                              \
            LOOP(p, n, x, y);                                                                      \
            return;                                                                                \
        }                                                                                          \
        int big_ = n >= ACT_SIMD_NT_MIN;                                                           \
        if (big_) { /* the head up to y's next line, then stores by ST */                          \
            i_ = ((64 - ((uintptr_t)y & 63)) & 63) / 4;                                            \
            if (i_) LOOP(p, i_, x, y);                                                             \
        }                                                                                          \
        float b_[(K)*ACT512_2P_BLOCK] __attribute__((aligned(64)));                                \
        for (; i_ + ACT512_2P_BLOCK <= n; i_ += ACT512_2P_BLOCK) {                                 \
            const float *xb_ = x + i_;                                                             \
            float *yb_ = y + i_;                                                                   \
            for (size_t j_ = 0; j_ < ACT512_2P_BLOCK; j_ += 64) {                                  \
                S1(_mm512_loadu_ps(xb_ + j_), b_, j_);                                             \
                S1(_mm512_loadu_ps(xb_ + j_ + 16), b_, j_ + 16);                                   \
                S1(_mm512_loadu_ps(xb_ + j_ + 32), b_, j_ + 32);                                   \
                S1(_mm512_loadu_ps(xb_ + j_ + 48), b_, j_ + 48);                                   \
            }                                                                                      \
            for (size_t j_ = 0; j_ < ACT512_2P_BLOCK; j_ += 64) {                                  \
                __m512 f0_ = S2(_mm512_loadu_ps(xb_ + j_), b_, j_);                                \
                __m512 f1_ = S2(_mm512_loadu_ps(xb_ + j_ + 16), b_, j_ + 16);                      \
                __m512 f2_ = S2(_mm512_loadu_ps(xb_ + j_ + 32), b_, j_ + 32);                      \
                __m512 f3_ = S2(_mm512_loadu_ps(xb_ + j_ + 48), b_, j_ + 48);                      \
                if (big_ && ACT512_ST(ST) != ACT_CACHED) {                                         \
                    a5_stream(yb_ + j_, f0_, ACT512_ST(ST) == ACT_MIXED && (j_ & 64) != 0);        \
                    _mm512_stream_ps(yb_ + j_ + 16, f1_);                                          \
                    _mm512_stream_ps(yb_ + j_ + 32, f2_);                                          \
                    _mm512_stream_ps(yb_ + j_ + 48, f3_);                                          \
                } else {                                                                           \
                    _mm512_storeu_ps(yb_ + j_, f0_);                                               \
                    _mm512_storeu_ps(yb_ + j_ + 16, f1_);                                          \
                    _mm512_storeu_ps(yb_ + j_ + 32, f2_);                                          \
                    _mm512_storeu_ps(yb_ + j_ + 48, f3_);                                          \
                }                                                                                  \
            }                                                                                      \
        }                                                                                          \
        if (big_ && ACT512_ST(ST) != ACT_CACHED) _mm_sfence();                                     \
        if (i_ < n) LOOP(p, n - i_, x + i_, y + i_);                                               \
    }

/* Split drivers (as avx2_math.h's): x in blocks of ACT_SIMD_BLOCK floats,
   each block through FN (the element function for ordinary inputs) where
   OK(p, x, m) says that all m of them are ordinary, through FG (the general
   one) otherwise, as two separate loops. FN must give FG's bits on the
   inputs OK admits. What FN leaves out here is mostly a5_mul's fma: among
   ordinary inputs no product underflows, and a vmulps is a cycle shorter
   than the fma on the dependency chains. */
#define ACT512_FWD_SPLIT(NAME, CTX, INIT, FN, FG, OK, U8, ST)                                      \
    ACT512_FWD_LOOP(NAME##_n_, ACT_NOINLINE_LOOP, CTX, INIT, FN, U8, ST)                           \
    ACT512_FWD_LOOP(NAME##_g_, ACT_NOINLINE_LOOP, CTX, INIT, FG, U8, ST)                           \
    ACT_SIMD_SPLIT_FWD(NAME, OK)
#define ACT512_BWD_SPLIT(NAME, CTX, INIT, BN, BG, OK, U8, ST)                                      \
    ACT512_BWD_LOOP(NAME##_n_, ACT_NOINLINE_LOOP, CTX, INIT, BN, U8, ST)                           \
    ACT512_BWD_LOOP(NAME##_g_, ACT_NOINLINE_LOOP, CTX, INIT, BG, U8, ST)                           \
    ACT_SIMD_SPLIT_BWD(NAME, OK)

/* The drivers with four vectors per iteration (ACT512_FWD, ACT512_BWD) and
   with eight (ACT512_FWD8, ACT512_BWD8): eight chains in flight pay for
   short element functions (tanh, sigmoid's backward: 1.3x) and lose to
   register spills on long ones (gelu, mish backward: 0.75x), so each kernel
   picks by measurement, and may pick apart for the streaming sizes (the U8
   bits of ACT512_FWD_U and co.): silu took 1.4-1.6x at 16 Mi floats from
   four vectors there where eight paid in cache, its backward 1.06x from
   eight where four paid, and seven short backwards (relu6, hardtanh and
   co.) take eight in cache only (1.04-1.21x at 4 Ki); the rest swapped ran
   0.53-1.02x at 16 Mi and 0.71-1.03x in cache (bench/ab.c,
   bench/README.md's eighteenth session). Once the loops of four stored one
   line in sixteen through the cache, exp forward and backward, hardswish
   and sigmoid backward took four at 16 Mi too (1.02-1.16x, nineteenth
   session). ST is the kernel's store policy
   from ACT_SIMD_NT_MIN elements (simd.h): ACT_STREAM, ACT_MIXED or
   ACT_CACHED, also by measurement. */
#define ACT512_FWD(NAME, CTX, INIT, F, ST) ACT512_FWD_U(NAME, CTX, INIT, F, 0, ST)
#define ACT512_FWD8(NAME, CTX, INIT, F, ST) ACT512_FWD_U(NAME, CTX, INIT, F, 3, ST)
#define ACT512_BWD(NAME, CTX, INIT, B, ST) ACT512_BWD_U(NAME, CTX, INIT, B, 0, ST)
#define ACT512_BWD8(NAME, CTX, INIT, B, ST) ACT512_BWD_U(NAME, CTX, INIT, B, 3, ST)

/* A parameter that is 1 in the common case (silu's beta, celu's alpha,
   softplus's beta) is a compile-time constant of the element function instead
   of a test in the loop: FK(x, &c, one) / BK(a, dy, &c, one) are instantiated
   for one = 1 and one = 0 and NAME picks the loop by p[0] == 1. A test inside
   the loop body would split it into basic blocks that GCC schedules one at a
   time, and the kernels are bound by the latency of their dependency chains
   (1.2x on silu). */
#define ACT512_FWD_ONE_U(NAME, CTX, INIT, FK, U8, ST)                                              \
    ACT_INLINE __m512 NAME##_f1_(__m512 x, const CTX *c) { return FK(x, c, 1); }                   \
    ACT_INLINE __m512 NAME##_fb_(__m512 x, const CTX *c) { return FK(x, c, 0); }                   \
    ACT512_FWD_U(NAME##_1_, CTX, INIT, NAME##_f1_, U8, ST)                                         \
    ACT512_FWD_U(NAME##_b_, CTX, INIT, NAME##_fb_, U8, ST)                                         \
    static void NAME(const double *p, size_t n, const float *x, float *y) {                        \
        (p[0] == 1 ? NAME##_1_ : NAME##_b_)(p, n, x, y);                                           \
    }
#define ACT512_BWD_ONE_U(NAME, CTX, INIT, BK, U8, ST)                                              \
    ACT_INLINE __m512 NAME##_b1_(__m512 a, __m512 g, const CTX *c) { return BK(a, g, c, 1); }      \
    ACT_INLINE __m512 NAME##_bb_(__m512 a, __m512 g, const CTX *c) { return BK(a, g, c, 0); }      \
    ACT512_BWD_U(NAME##_1_, CTX, INIT, NAME##_b1_, U8, ST)                                         \
    ACT512_BWD_U(NAME##_b_, CTX, INIT, NAME##_bb_, U8, ST)                                         \
    static void NAME(const double *p, size_t n, const float *a, const float *dy, float *dx) {      \
        (p[0] == 1 ? NAME##_1_ : NAME##_b_)(p, n, a, dy, dx);                                      \
    }

#define ACT512_FWD_ONE(NAME, CTX, INIT, FK, ST) ACT512_FWD_ONE_U(NAME, CTX, INIT, FK, 0, ST)
#define ACT512_FWD8_ONE(NAME, CTX, INIT, FK, ST) ACT512_FWD_ONE_U(NAME, CTX, INIT, FK, 3, ST)
#define ACT512_BWD_ONE(NAME, CTX, INIT, BK, ST) ACT512_BWD_ONE_U(NAME, CTX, INIT, BK, 0, ST)

/* the kernel set of one function: ACT512_DEFINE(relu, fwd, bwd_x, bwd_y, accepts) */
#ifndef ACT_ST_FORCE
#define ACT512_DEFINE(ID, FWD, BWDX, BWDY, ACCEPTS)                                                \
    extern const act_simd_kernels act_simd_avx512_##ID;                                            \
    const act_simd_kernels act_simd_avx512_##ID = {FWD, BWDX, BWDY, ACCEPTS};
#else
/* bench/stores.c compiles the kernels once per store policy (simd.h) to
   time them against each other: with ACT_ST_FORCE = 0, 1 or 2 every kernel
   takes that policy and the set is named act_st<policy>_avx512_<id>. The
   library never defines ACT_ST_FORCE. */
#define ACT512_DEFINE(ID, FWD, BWDX, BWDY, ACCEPTS)                                                \
    ACT_SIMD_DEFINE_FORCED(ACT_ST_FORCE, avx512, ID, FWD, BWDX, BWDY, ACCEPTS)
#endif

/* ---- small helpers --------------------------------------------------------- */

#define A5(c) _mm512_set1_ps(c)
/* a b, rounded once, as fma(a, b, -0): on Zen 4 a vmulps whose result
   underflows (a subnormal or an inexact zero) costs about twice a normal one,
   an fma does not; adding -0 changes no value (sign of zero included). */
ACT_INLINE __m512 a5_mul(__m512 a, __m512 b) {
    __m512 z = _mm512_set1_ps(-0.0f);
    __asm__("" : "+x"(z)); /* or the compiler folds the fma back into a vmulps */
    return _mm512_fmadd_ps(a, b, z);
}
/* a5_mul, or with `plain` a vmulps (the same bits): for the element
   functions of the split drivers' ordinary blocks, where no product
   underflows and the shorter latency pays */
ACT_INLINE __m512 a5_mulp(__m512 a, __m512 b, int plain) {
    return plain ? _mm512_mul_ps(a, b) : a5_mul(a, b);
}
/* Every one of x[0..m) has lo <= |x| <= hi (0 <= lo < hi finite; NaN has
   not): the test of the split drivers, as a2_block_abs_in */
static inline int a5_block_abs_in(const float *x, size_t m, float lo, float hi) {
    __m512i b = _mm512_castps_si512(_mm512_set1_ps(lo)), acc = _mm512_setzero_si512();
    __m512 lov = _mm512_set1_ps(lo);
    size_t i = 0;
    for (; i + 32 <= m; i += 32) {
        __m512i d0 =
            _mm512_sub_epi32(_mm512_castps_si512(_mm512_abs_ps(_mm512_loadu_ps(x + i))), b);
        __m512i d1 =
            _mm512_sub_epi32(_mm512_castps_si512(_mm512_abs_ps(_mm512_loadu_ps(x + i + 16))), b);
        acc = _mm512_max_epu32(acc, _mm512_max_epu32(d0, d1));
    }
    for (; i < m; i += 16) {
        __mmask16 t = (size_t)(m - i) >= 16 ? (__mmask16)0xffff : a5_tail(m - i);
        __m512 v = _mm512_mask_loadu_ps(lov, t, x + i); /* lanes off: lo */
        acc = _mm512_max_epu32(acc, _mm512_sub_epi32(_mm512_castps_si512(_mm512_abs_ps(v)), b));
    }
    __m512i L = _mm512_sub_epi32(_mm512_castps_si512(_mm512_set1_ps(hi)), b);
    return _mm512_cmpgt_epu32_mask(acc, L) == 0;
}

ACT_INLINE __m512 a5_abs(__m512 x) { return _mm512_abs_ps(x); }
/* -min(|x|, c) in one vrangeps (imm 0x0e: the smaller magnitude, sign bit
   set); a quiet NaN x gives -c (vrangeps returns the number beside a quiet
   NaN; a signalling one comes out quieted), so the caller must carry x's
   NaN to its result another way */
ACT_INLINE __m512 a5_negabs_min(__m512 x, float c) { return _mm512_range_ps(x, A5(c), 0x0e); }
/* the sign bit of x (a float with only that bit) */
ACT_INLINE __m512 a5_sign(__m512 x) {
    return _mm512_castsi512_ps(
        _mm512_and_si512(_mm512_castps_si512(x), _mm512_set1_epi32(INT32_MIN)));
}
/* v with its sign bit xored with the sign of s */
ACT_INLINE __m512 a5_xorsign(__m512 v, __m512 s) {
    return _mm512_castsi512_ps(
        _mm512_xor_si512(_mm512_castps_si512(v), _mm512_castps_si512(a5_sign(s))));
}
ACT_INLINE __m512 a5_or(__m512 a, __m512 b) {
    return _mm512_castsi512_ps(_mm512_or_si512(_mm512_castps_si512(a), _mm512_castps_si512(b)));
}
/* NaN lanes of x replace r: NaN in gives NaN out where a blend lost it */
ACT_INLINE __m512 a5_nan_from(__m512 r, __m512 x) {
    return _mm512_mask_mov_ps(r, _mm512_cmp_ps_mask(x, x, _CMP_UNORD_Q), x);
}
ACT_INLINE __mmask16 a5_lt(__m512 a, __m512 b) { return _mm512_cmp_ps_mask(a, b, _CMP_LT_OQ); }
ACT_INLINE __mmask16 a5_le(__m512 a, __m512 b) { return _mm512_cmp_ps_mask(a, b, _CMP_LE_OQ); }
ACT_INLINE __mmask16 a5_gt(__m512 a, __m512 b) { return _mm512_cmp_ps_mask(a, b, _CMP_GT_OQ); }
ACT_INLINE __mmask16 a5_ge(__m512 a, __m512 b) { return _mm512_cmp_ps_mask(a, b, _CMP_GE_OQ); }
/* +-inf lanes (fpclass: 0x08 +inf, 0x10 -inf) */
/* lanes with |x| < 2^-60 (subnormals among them): there f(x) = f(0) + f'(0) x
   to far below half an ulp, and a kernel that computes on such x pays for
   every underflowing step (divisions by a subnormal numerator cost ~4x on
   Zen 4): it computes on a5_untiny(x) and puts f'(0) x back with a5_retiny */
ACT_INLINE __mmask16 a5_tiny(__m512 x) { return a5_lt(_mm512_abs_ps(x), A5(0x1p-60f)); }
ACT_INLINE __m512 a5_untiny(__m512 x, __mmask16 t) {
    return _mm512_mask_mov_ps(x, t, _mm512_setzero_ps());
}
ACT_INLINE __m512 a5_retiny(__m512 y, __mmask16 t, __m512 x, float slope) {
    return _mm512_mask_mov_ps(y, t, slope == 1.0f ? x : a5_mul(x, A5(slope)));
}
ACT_INLINE __mmask16 a5_isinf(__m512 x) { return _mm512_fpclass_ps_mask(x, 0x18); }

/* a/(b + bl), bl the tail of the divisor (|bl| <= ulp(b)/2), with one
   rounding and no division: q0 = a rcp14(b) (2^-14), the residual
   a - q0 (b + bl) by two fmas (it is ~2^-14 a, so its own rounding is
   ~2^-38 a), then q = q0 + res rcp14(b): relative error 2^-28 before the
   final rounding, i.e. 0.5 ulp + 0.06 ulp at most. */
ACT_INLINE __m512 a5_div_corr(__m512 a, __m512 b, __m512 bl) {
    __m512 r0 = _mm512_rcp14_ps(b);
    __m512 q = a5_mul(a, r0);
    __m512 res = _mm512_fnmadd_ps(q, bl, _mm512_fnmadd_ps(q, b, a));
    return _mm512_fmadd_ps(res, r0, q);
}
/* (a + al)/(b + bl), numerator and divisor each a head and a tail, the same
   way: the residual (a - q0 b) - q0 bl + al, then one step. */
ACT_INLINE __m512 a5_div_corr2p(__m512 a, __m512 al, __m512 b, __m512 bl, int plain) {
    __m512 r0 = _mm512_rcp14_ps(b);
    __m512 q = a5_mulp(a, r0, plain);
    __m512 res = _mm512_add_ps(_mm512_fnmadd_ps(q, bl, _mm512_fnmadd_ps(q, b, a)), al);
    return _mm512_fmadd_ps(res, r0, q);
}
ACT_INLINE __m512 a5_div_corr2(__m512 a, __m512 al, __m512 b, __m512 bl) {
    return a5_div_corr2p(a, al, b, bl, 0);
}
/* (a + al)/(1 + e) for 0 <= e <= 1 (any a, |al| <= ulp(a)/2), the same way
   without 1 + e exact: q0 is within [a/2, 2a], so a - q0 is exact
   (Sterbenz) and (a - q0 + al) - q0 e is the residual up to its own rounding.
   a5_div_1pe(a, e): al = 0. */
ACT_INLINE __m512 a5_div_1pe2(__m512 a, __m512 al, __m512 e) {
    __m512 r0 = _mm512_rcp14_ps(_mm512_add_ps(A5(1.0f), e));
    __m512 q = a5_mul(a, r0);
    __m512 res = _mm512_fnmadd_ps(q, e, _mm512_add_ps(_mm512_sub_ps(a, q), al));
    return _mm512_fmadd_ps(res, r0, q);
}
ACT_INLINE __m512 a5_div_1pe(__m512 a, __m512 e) {
    __m512 r0 = _mm512_rcp14_ps(_mm512_add_ps(A5(1.0f), e));
    __m512 q = a5_mul(a, r0);
    __m512 res = _mm512_fnmadd_ps(q, e, _mm512_sub_ps(a, q));
    return _mm512_fmadd_ps(res, r0, q);
}
/* f' near its zero x0 = x0h + x0l: (dh + dl) (c0 + d R(d)) with dh = x - x0h
   exact (Sterbenz), dl = -x0l, c0 = c0h + c0l and R = r evaluated at dh,
   as dh c0h + (dh (r dh + c0l) + dl c0h): one significant rounding, so a
   fit of relative error 2^-28 gives about 0.6 ulp (tools/fit_window.py) */
ACT_INLINE __m512 a5_root_poly(__m512 dh, __m512 r, float c0h, float c0l, float x0l) {
    __m512 t = _mm512_fmadd_ps(dh, _mm512_fmadd_ps(r, dh, A5(c0l)), A5(-x0l * c0h));
    return _mm512_fmadd_ps(dh, A5(c0h), t);
}
/* a + b = s + sl exactly (Knuth's TwoSum, any order of magnitudes) */
ACT_INLINE __m512 a5_two_sum(__m512 a, __m512 b, __m512 *sl) {
    __m512 s = _mm512_add_ps(a, b);
    __m512 bb = _mm512_sub_ps(s, a);
    *sl = _mm512_add_ps(_mm512_sub_ps(a, _mm512_sub_ps(s, bb)), _mm512_sub_ps(b, bb));
    return s;
}

/* ---- e^x ------------------------------------------------------------------- */

/* e^r - 1 for |r| <= 0.35: r + r^2 F(r), F(r) ~ (e^r - 1 - r)/r^2 of degree 5
   (least squares on Chebyshev nodes of [-0.35, 0.35], float coefficients:
   |F error| < 2^-27.7, so the r^2 F term adds < 2^-31 absolute). The result's
   rounding (one fma) is the only other error: 0.5 ulp of t. */
ACT_INLINE __m512 a5_expm1_F(__m512 r) {
    __m512 f = A5(0x1.a157a0p-13f);                 /* ~ 1/5040 */
    f = _mm512_fmadd_ps(f, r, A5(0x1.6d4914p-10f)); /* ~ 1/720 */
    f = _mm512_fmadd_ps(f, r, A5(0x1.1110c4p-7f));  /* ~ 1/120 */
    f = _mm512_fmadd_ps(f, r, A5(0x1.5554e4p-5f));  /* ~ 1/24 */
    f = _mm512_fmadd_ps(f, r, A5(0x1.555556p-3f));  /* ~ 1/6 */
    return _mm512_fmadd_ps(f, r, A5(0.5f));
}
ACT_INLINE __m512 a5_expm1_poly(__m512 r) {
    return _mm512_fmadd_ps(a5_mul(r, r), a5_expm1_F(r), r);
}
/* r + (r^2 F(r) + c), one significant rounding (|c| small against r) */
ACT_INLINE __m512 a5_expm1_poly_c(__m512 r, __m512 c) {
    return _mm512_add_ps(r, _mm512_fmadd_ps(a5_mul(r, r), a5_expm1_F(r), c));
}

/* e^(x + xl) through a table: x = (16 m + j) ln2/16 + r, |r| <= ln2/32,
   e^x = 2^m 2^(j/16) e^r. 2^(j/16) is a float head plus a float tail (one
   vpermps each: the index is the low 4 bits of m16 = 16 m + j, read from the
   magic-biased float), e^r = 1 + t with t = r + r^2 (c2 + c3 r)
   (least squares on [-0.0225, 0.0225], |error| < 2^-27.4, i.e. < 0.1 ulp
   of p), and
   p = T (1 + t) = Th + (Th t + Tl) with one final rounding: p in [0.98, 1.96]
   within 0.6 ulp. Returns p and k = m16/16, with e^(x + xl) = p 2^floor(k)
   (scalef floors). k is read off directly: the magic 1.5 2^19 rounds x log2e
   to a multiple of 1/16, whose sixteenths are the low 4 bits of the biased
   float (the table index) and whose floor is m, also for negative k.
   ln2 has a 9-bit head, so k head is exact for |16 k| < 2^15 and
   x - k head is exact; the callers clamp |x| <= 200. */
static const float a5_exp2_16h[16] = {
    0x1.000000p+0f, 0x1.0b5586p+0f, 0x1.172b84p+0f, 0x1.2387a6p+0f, 0x1.306fe0p+0f, 0x1.3dea64p+0f,
    0x1.4bfdaep+0f, 0x1.5ab07ep+0f, 0x1.6a09e6p+0f, 0x1.7a1148p+0f, 0x1.8ace54p+0f, 0x1.9c4918p+0f,
    0x1.ae89fap+0f, 0x1.c199bep+0f, 0x1.d5818ep+0f, 0x1.ea4afap+0f}; /* 2^(j/16), rounded */
static const float a5_exp2_16l[16] = {0.0f,
                                      0x1.9f3122p-25f,
                                      -0x1.c15742p-27f,
                                      0x1.ceac48p-25f,
                                      0x1.4636e2p-25f,
                                      0x1.824684p-25f,
                                      -0x1.593abcp-25f,
                                      -0x1.5bd5ecp-27f,
                                      0x1.9fcef4p-26f,
                                      -0x1.829fd0p-25f,
                                      0x1.15506ep-27f,
                                      0x1.51f848p-27f,
                                      -0x1.a94b14p-26f,
                                      -0x1.3d56b2p-27f,
                                      -0x1.822dbcp-27f,
                                      0x1.52486cp-27f}; /* 2^(j/16) - head */
#define A5_MAGIC 0x1.8p23f         /* 1.5 2^23: adding it rounds to an integer */
#define A5_MAGIC16 0x1.8p19f       /* 1.5 2^19: adding it rounds to a multiple of 1/16 */
#define A5_LOG2E 0x1.715476p+0f    /* 1/ln2 */
#define A5_LN2_HI 0x1.63p-1f       /* ln2, head: 9 significant bits */
#define A5_LN2_LO -0x1.bd0106p-13f /* ln2 - head */
/* the reduction's k = x/ln2 to a multiple of 1/16 (*k), and vm, whose low
   bits index the table (shared with a5_exp_lut_head64: the same bits) */
ACT_INLINE __m512 a5_exp_lut_k(__m512 x, __m512 *k) {
    __m512 vm = _mm512_fmadd_ps(x, A5(A5_LOG2E), A5(A5_MAGIC16));
    *k = _mm512_sub_ps(vm, A5(A5_MAGIC16));
    return vm;
}
/* the table head Th and Q = Th t + Tl, e^(x + xl) = 2^floor(k) (Th + Q) */
ACT_INLINE __m512 a5_exp_lut_parts(__m512 x, __m512 xl, int tail, int plain, __m512 *q, __m512 *k) {
    __m512 m, vm = a5_exp_lut_k(x, &m);
    __m512 r = _mm512_fnmadd_ps(m, A5(A5_LN2_HI), x);
    r = _mm512_fnmadd_ps(m, A5(A5_LN2_LO), r);
    if (tail) r = _mm512_add_ps(r, xl);
    __m512i j = _mm512_castps_si512(vm);
    __m512 th = _mm512_permutexvar_ps(j, _mm512_loadu_ps(a5_exp2_16h));
    __m512 tl = _mm512_permutexvar_ps(j, _mm512_loadu_ps(a5_exp2_16l));
    __m512 f = _mm512_fmadd_ps(A5(0x1.5556fep-3f), r, A5(0x1.000162p-1f));
    __m512 t = _mm512_fmadd_ps(a5_mulp(r, r, plain), f, r);
    *k = m;
    *q = _mm512_fmadd_ps(th, t, tl);
    return th;
}
ACT_INLINE __m512 a5_exp_lut_core(__m512 x, __m512 xl, int tail, int plain, __m512 *k) {
    __m512 q, th = a5_exp_lut_parts(x, xl, tail, plain, &q, k);
    return _mm512_add_ps(th, q);
}
ACT_INLINE __m512 a5_exp_lut(__m512 x, __m512 xl, __m512 *k) {
    return a5_exp_lut_core(x, xl, 1, 0, k);
}
ACT_INLINE __m512 a5_exp_lut0(__m512 x, __m512 *k) { return a5_exp_lut_core(x, x, 0, 0, k); }
/* the pieces of a5_exp_lut's last addition and its scale, for sums that
   want e^(x + xl) beyond its rounding (softmax, avx512_softmax.c):
   e^(x + xl) 2^64 = (Th + Q) S exactly but for the polynomial's error, with
   the returned Th, *q = Q = Th t + Tl (|Q| < 0.03 Th) and *s = S = 2^(k +
   64) (one vscalefps; one each on Th and Q ran 0.94x); Th S and Q S are
   exact products wherever e^(x + xl) >= 2^-185 or so, below which they
   underflow (the caller multiplies with a5_mul) */
ACT_INLINE __m512 a5_exp_lut_split64(__m512 x, __m512 xl, __m512 *q, __m512 *s) {
    __m512 k, th = a5_exp_lut_parts(x, xl, 1, 0, q, &k);
    *s = _mm512_scalef_ps(A5(0x1p64f), k); /* scalef floors k */
    return th;
}
/* its head term alone, Th S (a5_mul), with the same bits: from x without
   the tail, which enters only the polynomial's argument */
ACT_INLINE __m512 a5_exp_lut_head64(__m512 x) {
    __m512 k, vm = a5_exp_lut_k(x, &k);
    __m512 th = _mm512_permutexvar_ps(_mm512_castps_si512(vm), _mm512_loadu_ps(a5_exp2_16h));
    return a5_mul(th, _mm512_scalef_ps(A5(0x1p64f), k));
}

/* e^(x + xl) - 1 for x <= 0 (clamped by the caller to [-20, 0]: below
   -17.33 it rounds to -1), within ~0.6 ulp.
   For x <= -ln2/2 through the table: e^x = 2^k (Th + P) with P = Th t + Tl
   (a5_exp_lut), so e^x - 1 = (a - 1) + 2^k P, a = 2^k Th <= 1/sqrt2;
   a - 1 = h + hl exactly (Fast2Sum), then h + (hl + 2^k P) with one
   rounding; |2^k P| < 0.05 |h| there, so P's rounding does not matter.
   Nearer 0 the table would make a - 1 and 2^k P cancel, so there the index
   is forced to 0 (k = 0, Th = 1, Tl = 0, h = hl = 0, r = x exactly) and the
   result is t = x + x^2 F(x) itself; t is evaluated with the degree-5 F of
   a5_expm1_poly, good on all of |r| <= 0.35 (0.5 ulp + 2^-31).
   The tail xl (celu's z = x/alpha) enters as e^(r + xl) - 1 = t + xl (1 + t):
   t = r + (r^2 F + xl (1 + r)), one rounding. Added to r first, as until the
   sixteenth session, it vanished near 0 (r = x exactly, |xl| < ulp(x)/2),
   and celu lost z's rounding: 2.4 ulp for alpha = 0.99 or 1.99. */
ACT_INLINE __m512 a5_expm1_lut_core(__m512 x, __m512 xl, int tail) {
    __m512 vm = _mm512_fmadd_ps(x, A5(A5_LOG2E), A5(A5_MAGIC16));
    vm = _mm512_mask_mov_ps(vm, _mm512_cmp_ps_mask(x, A5(-0x1.62e430p-2f), _CMP_GT_OQ),
                            A5(A5_MAGIC16));
    __m512 m = _mm512_sub_ps(vm, A5(A5_MAGIC16));
    __m512 r = _mm512_fnmadd_ps(m, A5(A5_LN2_HI), x);
    r = _mm512_fnmadd_ps(m, A5(A5_LN2_LO), r);
    __m512i j = _mm512_castps_si512(vm);
    __m512 th = _mm512_permutexvar_ps(j, _mm512_loadu_ps(a5_exp2_16h));
    __m512 tl = _mm512_permutexvar_ps(j, _mm512_loadu_ps(a5_exp2_16l));
    __m512 t = tail ? a5_expm1_poly_c(r, _mm512_fmadd_ps(xl, r, xl)) : a5_expm1_poly(r);
    __m512 P = _mm512_fmadd_ps(th, t, tl);
    __m512 k = m; /* scalef floors */
    __m512 a = _mm512_scalef_ps(th, k);
    __m512 h = _mm512_sub_ps(a, A5(1.0f));
    __m512 hl = _mm512_add_ps(_mm512_sub_ps(A5(-1.0f), h), a);
    return _mm512_add_ps(h, _mm512_add_ps(hl, _mm512_scalef_ps(P, k)));
}
ACT_INLINE __m512 a5_expm1_lut(__m512 x, __m512 xl) { return a5_expm1_lut_core(x, xl, 1); }
ACT_INLINE __m512 a5_expm1_lut0(__m512 x) { return a5_expm1_lut_core(x, x, 0); }

/* e^r - 1 for |r| <= ln2/2 (0.3466) with one term less than a5_expm1_poly:
   r + r^2 F(r), F of degree 4 (Lawson-weighted least squares for the relative
   error of the result, float coefficients: < 2^-25.8 relative, i.e. < 0.3
   ulp), plus the 0.5 ulp of the final fma. */
ACT_INLINE __m512 a5_expm1_poly4(__m512 r) {
    __m512 f = A5(0x1.6bec02p-10f);                /* ~ 1/720 */
    f = _mm512_fmadd_ps(f, r, A5(0x1.122774p-7f)); /* ~ 1/120 */
    f = _mm512_fmadd_ps(f, r, A5(0x1.555674p-5f)); /* ~ 1/24 */
    f = _mm512_fmadd_ps(f, r, A5(0x1.5554b0p-3f)); /* ~ 1/6 */
    f = _mm512_fmadd_ps(f, r, A5(0x1.fffffep-2f)); /* ~ 1/2 */
    return _mm512_fmadd_ps(a5_mul(r, r), f, r);
}

/* e^x - 1 for x in [-20, 0] (the caller clamps; below -17.33 it rounds to
   -1), without a table and without cancellation: x = n ln2 + t, n an integer,
   |t| <= ln2/2, s = 2^n exact (the exponent bits shifted out of the
   magic-biased n: 1.5 2^23 + 127), and e^x - 1 = (s - 1) + s (e^t - 1) with
   one rounding (fma); e^t - 1 = a5_expm1_poly4(t). s - 1 is exact (n >= -24;
   below, 1 - s rounds to 1 as the result does). For n = 0 the result is the
   polynomial in x itself (t = x exactly); for n = -1 the term s (e^t - 1) is
   at most 0.71 of the result, so its rounding adds at most 0.25 ulp.
   t = x - n ln2 with a one-float ln2 (rr1): x - n ln2f is exact for |n| <= 2,
   and beyond, ln2f's error (2^-28.4 relative) times |n| is scaled by
   s <= 1/8 against |result| >= 0.8. Exhaustive max: 0.95 ulp. */
ACT_INLINE __m512 a5_expm1_rr1(__m512 x) {
    __m512 vm = _mm512_fmadd_ps(x, A5(A5_LOG2E), A5(0x1.8000fep23f));
    __m512 n = _mm512_sub_ps(vm, A5(0x1.8000fep23f));
    __m512 t = _mm512_fnmadd_ps(n, A5(0x1.62e430p-1f), x);
    __m512 s = _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_castps_si512(vm), 23));
    return _mm512_fmadd_ps(s, a5_expm1_poly4(t), _mm512_sub_ps(s, A5(1.0f)));
}

/* ---- sigmoid pieces ----------------------------------------------------------
   For z (+ zl) of either sign: e = e^-|z| = p 2^n, d = 1 + e rounded and
   dl = 1 + e - d exactly (Fast2Sum, 1 >= e). Then
     sigmoid(|z|)  = 1/(d + dl),
     sigmoid(-|z|) = e/(d + dl) = 2^n p/(d + dl),
   each a division and a first-order correction for dl. The mantissa form
   keeps results that e^-|z| alone would take into the subnormal range exact
   until the last scaling (x sigmoid(x) near x = -90 is a normal float). */
typedef struct {
    __m512 p, n; /* e^-|z| = p 2^floor(n) (scalef(p, n)) */
    __m512 e;    /* e^-|z| as a float (flushed to a subnormal/0 far out) */
    __m512 d, dl;
} a5_sig;

/* z clamped at -200 (e^-200 rounds to 0 in float, and sigmoid(-200) too);
   zl is the tail of z, sign-adjusted here */
/* the pieces from p and n; also where the first pass of a two-pass driver
   kept p and n: the same bits as the initialiser that made them */
ACT_INLINE a5_sig a5_sig_from_pn(__m512 p, __m512 n) {
    a5_sig s;
    s.p = p;
    s.n = n;
    s.e = _mm512_scalef_ps(p, n);
    s.d = _mm512_add_ps(A5(1.0f), s.e);
    s.dl = _mm512_add_ps(_mm512_sub_ps(A5(1.0f), s.d), s.e);
    return s;
}
ACT_INLINE a5_sig a5_sig_init(__m512 z, __m512 zl) {
    __m512 mz = a5_or(z, A5(-0.0f));                         /* -|z| */
    __m512 ml = a5_xorsign(_mm512_xor_ps(zl, A5(-0.0f)), z); /* -sign(z) zl */
    mz = _mm512_max_ps(A5(-200.0f), mz);
    __m512 n, p = a5_exp_lut(mz, ml, &n);
    return a5_sig_from_pn(p, n);
}
/* the same for an exact z (no tail). a5_sig_init0_dropnan: -min(|z|, 200) in
   one vrangeps instead of an or and a max, but a quiet NaN z comes out as
   the pieces of z = -200 (vrangeps returns the number beside a quiet NaN;
   a signalling NaN stays a NaN): for callers whose result takes a NaN x by
   another path (a min or max with x as the second operand, a vfixupimmps
   on x's class, a clamp that passes NaN) */
ACT_INLINE a5_sig a5_sig_init0_core(__m512 z, int rng) {
    __m512 mz = rng ? a5_negabs_min(z, 200.0f) : _mm512_max_ps(A5(-200.0f), a5_or(z, A5(-0.0f)));
    __m512 n, p = a5_exp_lut0(mz, &n);
    return a5_sig_from_pn(p, n);
}
ACT_INLINE a5_sig a5_sig_init0(__m512 z) { return a5_sig_init0_core(z, 0); }
ACT_INLINE a5_sig a5_sig_init0_dropnan(__m512 z) { return a5_sig_init0_core(z, 1); }

/* log(1 + e) for e = e^-|z| = p 2^n of the sigmoid pieces (0 <= e <= 1):
   Lm with log(1 + e) = Lm 2^n (scalef). log(1 + e) = 2 atanh(s), s = e/(2 + e)
   in [0, 1/3]: 2s + 2s^3 R(s^2), R a degree-4 fit of (atanh(s)/s - 1)/s^2
   on [0, 1/9] (|error| < 2^-29.8). s = 2^n (q0 + c): q0 = p rcp14(d) and the
   correction c from the exact residual of p/(d + dl), d + dl = 2 + e
   (Fast2Sum); Lm = 2q0 + (2s s^2 R + 2c) with one significant rounding
   (s^2 from the corrected s: q0's 2^-14 would show in the s^3 term):
   0.5 ulp + 2^-28. Subnormal e (far tails) stay exact in the mantissa. */
ACT_INLINE __m512 a5_log1p_sig2(const a5_sig *s, __m512 *tail) {
    __m512 d = _mm512_add_ps(A5(2.0f), s->e);
    __m512 dl = _mm512_add_ps(_mm512_sub_ps(A5(2.0f), d), s->e);
    __m512 r0 = _mm512_rcp14_ps(d);
    __m512 q0 = a5_mul(s->p, r0);
    __m512 res = _mm512_fnmadd_ps(q0, dl, _mm512_fnmadd_ps(q0, d, s->p));
    __m512 c2 = a5_mul(_mm512_add_ps(res, res), r0); /* 2c */
    __m512 sm = _mm512_fmadd_ps(res, r0, q0);        /* s, rounded: for s^2 */
    __m512 sv = _mm512_scalef_ps(sm, s->n);
    __m512 u = a5_mul(sv, sv);
    __m512 R = A5(0x1.dd093ep-4f);
    R = _mm512_fmadd_ps(R, u, A5(0x1.bc44dcp-4f));
    R = _mm512_fmadd_ps(R, u, A5(0x1.24cb62p-3f));
    R = _mm512_fmadd_ps(R, u, A5(0x1.9998cap-3f));
    R = _mm512_fmadd_ps(R, u, A5(0x1.555556p-2f));
    __m512 q2 = _mm512_add_ps(q0, q0);
    *tail = _mm512_fmadd_ps(_mm512_add_ps(sm, sm), a5_mul(u, R), c2);
    return q2;
}
/* the same as one float: q2 + tail, one rounding */
ACT_INLINE __m512 a5_log1p_sig(const a5_sig *s) {
    __m512 t, q2 = a5_log1p_sig2(s, &t);
    return _mm512_add_ps(q2, t);
}

#endif
