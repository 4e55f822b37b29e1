/*
 * stream_copy.h - what bench/kernels.c and bench/stores.c share for their
 * 16 Mi-float rows: the copy that sets the ceiling, and the eviction pass
 * that makes every timed pass start from DRAM.
 */
#ifndef ACT_BENCH_STREAM_COPY_H
#define ACT_BENCH_STREAM_COPY_H

#include <immintrin.h>
#include <stddef.h>
#include <stdint.h>

/* o = a (b NULL: one stream in) or o = a + b (two in), with regular stores
   (mode 0), non-temporal ones (1) or mixed (2: one line in eight regular,
   as the kernels' ACT_MIXED with eight vectors an iteration; 3: one line in
   sixteen, as their loops of four vectors, src/simd/avx512_math.h) */
__attribute__((target("avx512f"))) static inline void copy512(const float *a, const float *b,
                                                              float *o, size_t n, int mode) {
    size_t i = 0;
    if (mode) /* non-temporal stores need 64-byte alignment: a scalar head */
        for (; i < n && ((uintptr_t)(o + i) & 63); i++)
            o[i] = b ? a[i] + b[i] : a[i];
    for (; i + 16 <= n; i += 16) {
        __m512 v = _mm512_loadu_ps(a + i);
        if (b) v = _mm512_add_ps(v, _mm512_loadu_ps(b + i));
        if (mode == 0 || (mode == 2 && !(i & 127)) || (mode == 3 && !(i & 255)))
            _mm512_storeu_ps(o + i, v);
        else
            _mm512_stream_ps(o + i, v);
    }
    if (mode) _mm_sfence();
    for (; i < n; i++)
        o[i] = b ? a[i] + b[i] : a[i];
}
/* the same without AVX-512 (regular stores whatever the mode) */
static inline void copy_plain(const float *a, const float *b, float *o, size_t n) {
    for (size_t i = 0; i < n; i++)
        o[i] = b ? a[i] + b[i] : a[i];
}

/* read before each timed pass over DRAM-sized arrays: more than any one L3
   of the EPYCs measured (32-96 MiB per CCD), so that the pass starts from
   DRAM and does not pay for the dirty lines the pass before it left */
#define EVICT_BYTES ((size_t)256 << 20)
static inline void evict(const unsigned char *buf) {
    unsigned acc = 0;
    for (size_t i = 0; i < EVICT_BYTES; i += 64)
        acc += buf[i];
    __asm__ volatile("" : : "r"(acc));
}

#endif
