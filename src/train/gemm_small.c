/*
 * gemm_small.c - the dense layer's three products over the weights
 * (forward, input gradient, weight update) for minibatches of at most
 * TRN_SMALL_ROWS rows (gemm_small.h).
 *
 * Every kernel is written once for a row count NB known at compile time
 * (always inlined into one function per NB, 1..12), so that its 2 NB
 * accumulators live in registers: 24 of the 32 at NB = 12.
 */
#include "train/gemm_small.h"

#include "actlab.h"

#include <stdint.h>

#if defined(__x86_64__) && defined(__GNUC__)
#define TRN_SMALL_X86 1
#include <immintrin.h>
#endif

/* columns of x per pass of the forward product: NB rows of 512 floats
   (24 KiB at NB = 12) stay in L1 while W streams past them */
#define XWT_KB 512
/* rows of W ahead that the input-gradient and update products fetch */
#define DYW_AHEAD 16

int trn_small_available(void) {
#ifdef TRN_SMALL_X86
    return act_isa_active() == ACT_ISA_AVX512;
#else
    return 0;
#endif
}

#ifdef TRN_SMALL_X86
#define SMALL_AT __attribute__((target("avx512f"), always_inline)) static inline
#define SMALL_FN __attribute__((target("avx512f"))) static

/* fetches the line `ahead` floats past p; the address is formed as an
   integer, since near the last rows it lies past the end of W (a prefetch
   does not fault, but a pointer that far would be undefined) */
SMALL_AT void fetch(const float *p, size_t ahead) {
    _mm_prefetch((const char *)((uintptr_t)p + ahead * sizeof(float)), _MM_HINT_T0);
}

/* z[:, j .. j+NW) (+)= x[:, k0 .. k0+kn) . w[j .. j+NW, k0 .. k0+kn), NW = 1 or 2
   rows of W; `add`: accumulate onto z (the blocks after the first) */
SMALL_AT void xwt_block(int NB, int NW, size_t in, size_t out, size_t kn, int add, const float *x,
                        const float *w, float *z) {
    __m512 a0[TRN_SMALL_ROWS], a1[TRN_SMALL_ROWS];
    _Pragma("GCC unroll 12") for (int b = 0; b < NB; b++) {
        a0[b] = _mm512_setzero_ps();
        a1[b] = _mm512_setzero_ps();
    }
    const float *w0 = w, *w1 = NW > 1 ? w + in : w;
    size_t kv = kn & ~(size_t)15, k = 0;
    for (; k < kv; k += 16) {
        /* the same columns of the next two rows: a row's part of a pass is
           2 KiB, a stream too short for the hardware to learn */
        fetch(w0 + k, 2 * in);
        fetch(w0 + k, 3 * in);
        __m512 v0 = _mm512_loadu_ps(w0 + k), v1 = NW > 1 ? _mm512_loadu_ps(w1 + k) : v0;
        _Pragma("GCC unroll 12") for (int b = 0; b < NB; b++) {
            __m512 xb = _mm512_loadu_ps(x + b * in + k);
            a0[b] = _mm512_fmadd_ps(xb, v0, a0[b]);
            if (NW > 1) a1[b] = _mm512_fmadd_ps(xb, v1, a1[b]);
        }
    }
    if (k < kn) {
        __mmask16 m = (__mmask16)((1u << (kn - k)) - 1u);
        __m512 v0 = _mm512_maskz_loadu_ps(m, w0 + k);
        __m512 v1 = NW > 1 ? _mm512_maskz_loadu_ps(m, w1 + k) : v0;
        _Pragma("GCC unroll 12") for (int b = 0; b < NB; b++) {
            __m512 xb = _mm512_maskz_loadu_ps(m, x + b * in + k);
            a0[b] = _mm512_fmadd_ps(xb, v0, a0[b]);
            if (NW > 1) a1[b] = _mm512_fmadd_ps(xb, v1, a1[b]);
        }
    }
    _Pragma("GCC unroll 12") for (int b = 0; b < NB; b++) {
        float s0 = _mm512_reduce_add_ps(a0[b]);
        z[b * out] = add ? z[b * out] + s0 : s0;
        if (NW > 1) {
            float s1 = _mm512_reduce_add_ps(a1[b]);
            z[b * out + 1] = add ? z[b * out + 1] + s1 : s1;
        }
    }
}

SMALL_AT void xwt_rows(int NB, size_t in, size_t out, size_t j0, size_t j1, const float *x,
                       const float *w, float *z) {
    for (size_t k0 = 0; k0 < in; k0 += XWT_KB) {
        size_t kn = in - k0 < XWT_KB ? in - k0 : XWT_KB;
        int add = k0 > 0;
        size_t j = j0;
        for (; j + 2 <= j1; j += 2)
            xwt_block(NB, 2, in, out, kn, add, x + k0, w + j * in + k0, z + j);
        if (j < j1) xwt_block(NB, 1, in, out, kn, add, x + k0, w + j * in + k0, z + j);
    }
}

/* the masks of the 32 columns at k of a row ending at k1 */
SMALL_AT void mask32(size_t k, size_t k1, __mmask16 *m0, __mmask16 *m1) {
    size_t r = k1 - k;
    *m0 = r >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << r) - 1u);
    *m1 = r >= 32 ? (__mmask16)0xFFFF : r > 16 ? (__mmask16)((1u << (r - 16)) - 1u) : 0;
}

/* dx[:, k .. k+32) = dy . w[:, k .. k+32) for k in [k0, k1), the columns past
   k1 masked off */
SMALL_AT void dyw_rows(int NB, size_t in, size_t out, size_t k0, size_t k1, const float *dy,
                       const float *w, float *dx) {
    for (size_t k = k0; k < k1; k += 32) {
        __mmask16 m0, m1;
        mask32(k, k1, &m0, &m1);
        __m512 a0[TRN_SMALL_ROWS], a1[TRN_SMALL_ROWS];
        _Pragma("GCC unroll 12") for (int b = 0; b < NB; b++) {
            a0[b] = _mm512_setzero_ps();
            a1[b] = _mm512_setzero_ps();
        }
        const float *wk = w + k;
        for (size_t j = 0; j < out; j++, wk += in) {
            /* the row DYW_AHEAD below: a 4 KiB stride of 128-byte pieces */
            fetch(wk, DYW_AHEAD * in);
            fetch(wk, DYW_AHEAD * in + 31);
            __m512 v0 = _mm512_maskz_loadu_ps(m0, wk), v1 = _mm512_maskz_loadu_ps(m1, wk + 16);
            _Pragma("GCC unroll 12") for (int b = 0; b < NB; b++) {
                __m512 g = _mm512_set1_ps(dy[b * out + j]);
                a0[b] = _mm512_fmadd_ps(g, v0, a0[b]);
                a1[b] = _mm512_fmadd_ps(g, v1, a1[b]);
            }
        }
        _Pragma("GCC unroll 12") for (int b = 0; b < NB; b++) {
            _mm512_mask_storeu_ps(dx + b * in + k, m0, a0[b]);
            _mm512_mask_storeu_ps(dx + b * in + k + 16, m1, a1[b]);
        }
    }
}

/* dst[j, k .. k+32) += sum_b (scale dy[b, j]) x[b, k .. k+32) for NW = 1 or 2
   rows j at wk (row stride in), from x's 32 columns held scaled in x0, x1 */
SMALL_AT void dw_block(int NB, int NW, size_t in, size_t out, size_t j, __mmask16 m0, __mmask16 m1,
                       const __m512 *x0, const __m512 *x1, const float *dy, float *wk) {
    float *vk = NW > 1 ? wk + in : wk;
    fetch(wk, DYW_AHEAD * in);
    fetch(wk, DYW_AHEAD * in + 31);
    if (NW > 1) {
        fetch(wk, (DYW_AHEAD + 1) * in);
        fetch(wk, (DYW_AHEAD + 1) * in + 31);
    }
    __m512 u0 = _mm512_maskz_loadu_ps(m0, wk), u1 = _mm512_maskz_loadu_ps(m1, wk + 16);
    __m512 t0 = NW > 1 ? _mm512_maskz_loadu_ps(m0, vk) : u0;
    __m512 t1 = NW > 1 ? _mm512_maskz_loadu_ps(m1, vk + 16) : u1;
    _Pragma("GCC unroll 12") for (int b = 0; b < NB; b++) {
        __m512 g = _mm512_set1_ps(dy[b * out + j]);
        u0 = _mm512_fmadd_ps(g, x0[b], u0);
        u1 = _mm512_fmadd_ps(g, x1[b], u1);
        if (NW > 1) {
            __m512 h = _mm512_set1_ps(dy[b * out + j + 1]);
            t0 = _mm512_fmadd_ps(h, x0[b], t0);
            t1 = _mm512_fmadd_ps(h, x1[b], t1);
        }
    }
    _mm512_mask_storeu_ps(wk, m0, u0);
    _mm512_mask_storeu_ps(wk + 16, m1, u1);
    if (NW > 1) {
        _mm512_mask_storeu_ps(vk, m0, t0);
        _mm512_mask_storeu_ps(vk + 16, m1, t1);
    }
}

/* dst[j0 .. j1, :] += scale dy[:, j0 .. j1]^T x: 32 columns of x, scaled,
   held in registers while the rows of dst go by two at a time */
SMALL_AT void dw_rows(int NB, size_t in, size_t out, size_t j0, size_t j1, float scale,
                      const float *dy, const float *x, float *dst) {
    for (size_t k = 0; k < in; k += 32) {
        __mmask16 m0, m1;
        mask32(k, in, &m0, &m1);
        __m512 x0[TRN_SMALL_ROWS], x1[TRN_SMALL_ROWS], sc = _mm512_set1_ps(scale);
        _Pragma("GCC unroll 12") for (int b = 0; b < NB; b++) {
            x0[b] = _mm512_mul_ps(sc, _mm512_maskz_loadu_ps(m0, x + b * in + k));
            x1[b] = _mm512_mul_ps(sc, _mm512_maskz_loadu_ps(m1, x + b * in + k + 16));
        }
        size_t j = j0;
        for (; j + 2 <= j1; j += 2)
            dw_block(NB, 2, in, out, j, m0, m1, x0, x1, dy, dst + j * in + k);
        if (j < j1) dw_block(NB, 1, in, out, j, m0, m1, x0, x1, dy, dst + j * in + k);
    }
}

#define SMALL_ROWS_FNS(NB)                                                                         \
    SMALL_FN void xwt_##NB(size_t in, size_t out, size_t a, size_t b, const float *x,              \
                           const float *w, float *z) {                                             \
        xwt_rows(NB, in, out, a, b, x, w, z);                                                      \
    }                                                                                              \
    SMALL_FN void dyw_##NB(size_t in, size_t out, size_t a, size_t b, const float *dy,             \
                           const float *w, float *dx) {                                            \
        dyw_rows(NB, in, out, a, b, dy, w, dx);                                                    \
    }                                                                                              \
    SMALL_FN void dw_##NB(size_t in, size_t out, size_t a, size_t b, float s, const float *dy,     \
                          const float *x, float *dst) {                                            \
        dw_rows(NB, in, out, a, b, s, dy, x, dst);                                                 \
    }
SMALL_ROWS_FNS(1)
SMALL_ROWS_FNS(2)
SMALL_ROWS_FNS(3)
SMALL_ROWS_FNS(4)
SMALL_ROWS_FNS(5)
SMALL_ROWS_FNS(6)
SMALL_ROWS_FNS(7)
SMALL_ROWS_FNS(8)
SMALL_ROWS_FNS(9)
SMALL_ROWS_FNS(10)
SMALL_ROWS_FNS(11)
SMALL_ROWS_FNS(12)

typedef void (*small_fn)(size_t, size_t, size_t, size_t, const float *, const float *, float *);
typedef void (*small_dw_fn)(size_t, size_t, size_t, size_t, float, const float *, const float *,
                            float *);
static const small_fn xwt_tab[TRN_SMALL_ROWS] = {xwt_1, xwt_2, xwt_3, xwt_4,  xwt_5,  xwt_6,
                                                 xwt_7, xwt_8, xwt_9, xwt_10, xwt_11, xwt_12};
static const small_fn dyw_tab[TRN_SMALL_ROWS] = {dyw_1, dyw_2, dyw_3, dyw_4,  dyw_5,  dyw_6,
                                                 dyw_7, dyw_8, dyw_9, dyw_10, dyw_11, dyw_12};
static const small_dw_fn dw_tab[TRN_SMALL_ROWS] = {dw_1, dw_2, dw_3, dw_4,  dw_5,  dw_6,
                                                   dw_7, dw_8, dw_9, dw_10, dw_11, dw_12};

void trn_small_xwt(size_t n, size_t in, size_t out, size_t j0, size_t j1, const float *x,
                   const float *w, float *z) {
    if (j0 < j1) xwt_tab[n - 1](in, out, j0, j1, x, w, z);
}
void trn_small_dyw(size_t n, size_t in, size_t out, size_t k0, size_t k1, const float *dy,
                   const float *w, float *dx) {
    if (k0 < k1) dyw_tab[n - 1](in, out, k0, k1, dy, w, dx);
}
void trn_small_dw(size_t n, size_t in, size_t out, size_t j0, size_t j1, float scale,
                  const float *dy, const float *x, float *dst) {
    if (j0 < j1) dw_tab[n - 1](in, out, j0, j1, scale, dy, x, dst);
}

#else /* not x86-64: never available; plain loops keep the functions defined */

void trn_small_xwt(size_t n, size_t in, size_t out, size_t j0, size_t j1, const float *x,
                   const float *w, float *z) {
    for (size_t b = 0; b < n; b++)
        for (size_t j = j0; j < j1; j++) {
            float s = 0;
            for (size_t k = 0; k < in; k++)
                s += x[b * in + k] * w[j * in + k];
            z[b * out + j] = s;
        }
}
void trn_small_dyw(size_t n, size_t in, size_t out, size_t k0, size_t k1, const float *dy,
                   const float *w, float *dx) {
    for (size_t b = 0; b < n; b++)
        for (size_t k = k0; k < k1; k++) {
            float s = 0;
            for (size_t j = 0; j < out; j++)
                s += dy[b * out + j] * w[j * in + k];
            dx[b * in + k] = s;
        }
}
void trn_small_dw(size_t n, size_t in, size_t out, size_t j0, size_t j1, float scale,
                  const float *dy, const float *x, float *dst) {
    for (size_t j = j0; j < j1; j++)
        for (size_t b = 0; b < n; b++)
            for (size_t k = 0; k < in; k++)
                dst[j * in + k] += scale * dy[b * out + j] * x[b * in + k];
}
#endif
