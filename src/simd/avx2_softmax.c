/*
 * avx2_softmax.c - softmax and log_softmax over rows, AVX2: the algorithm and
 * error bounds of avx512_softmax.c, eight lanes at a time (e_i through
 * a2_exp_lut, 0.52 ulp; softmax's as the two exact terms of its last
 * addition scaled by 2^64, a2_exp_lut_split64, whose sum goes into t,
 * whose rounded sum into y_i and that rounding's error into a buffer for
 * pass 3 (as floats in rows of up to SM_TAIL_STACK columns, in 16 bits
 * up to SM_TAIL16_COLS; longer rows keep b_i in y, or in place compute
 * both again): 0.84-0.90x of the forward that summed the rounded e_i,
 * 2.47 ulp off on searched rows), the tail of a row through
 * maskload/maskstore; softmax's float pairs (rows of up to SM_F2S_COLS
 * columns, simd.h) widened every 1024 columns (64 additions a lane, as the
 * AVX-512 kernel's 2048; up to SM_F2S_LONG_COLS every 256). log_softmax's
 * last pass is in float, exact where AVX-512's widens to double: y_i = a +
 * (el - cl), a + el = x_i - ch by TwoSum, ch + cl = m + log1p(t)
 * (lsm_shift, simd.h), 1.04x against the widening here (1.00x on AVX-512).
 * Without the TwoSum, (x_i - ch) - cl ran 1.23x but reached 2.21 ulp.
 */
#include "catalog/row.h"
#include "simd/avx2_math.h"
#include "simd/simd.h"

#include <stdint.h>

/* the lanes of the 8-wide step at i in a row of n, as a load/store mask */
ACT_INLINE __m256i sm_mask(size_t i, size_t n) { return a2_tail(n - i >= 8 ? 8 : n - i); }
/* a masked load whose other lanes hold fill */
ACT_INLINE __m256 sm_load(const float *p, __m256i k, __m256 fill) {
    return _mm256_blendv_ps(fill, _mm256_maskload_ps(p, k), _mm256_castsi256_ps(k));
}
/* a step's load and store: with `full` (every lane on) plain moves, else
   masked. Until the twentieth session every step went through vmaskmovps,
   whose stores are slow on Zen: plain moves ran the forwards 1.13x
   (softmax) and 1.08x (log_softmax), the backwards 1.31-1.42x and
   1.10-1.12x (bench/ab.c, 4 Ki and 256 Ki) */
ACT_INLINE __m256 sm_ld(int full, const float *p, __m256i k) {
    return full ? _mm256_loadu_ps(p) : _mm256_maskload_ps(p, k);
}
ACT_INLINE void sm_st(int full, float *p, __m256i k, __m256 v) {
    if (full)
        _mm256_storeu_ps(p, v);
    else
        _mm256_maskstore_ps(p, k, v);
}
ACT_INLINE __m256d sm_lo(__m256 v) { return _mm256_cvtps_pd(_mm256_castps256_ps128(v)); }
ACT_INLINE __m256d sm_hi(__m256 v) { return _mm256_cvtps_pd(_mm256_extractf128_ps(v, 1)); }
ACT_INLINE double sm_hsum(__m256d v) {
    __m128d s = _mm_add_pd(_mm256_castpd256_pd128(v), _mm256_extractf128_pd(v, 1));
    return _mm_cvtsd_f64(_mm_add_sd(s, _mm_unpackhi_pd(s, s)));
}
ACT_INLINE float sm_hmax(__m256 v) {
    __m128 m = _mm_max_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    m = _mm_max_ps(m, _mm_movehl_ps(m, m));
    m = _mm_max_ss(m, _mm_shuffle_ps(m, m, 1));
    return _mm_cvtss_f32(m);
}

/* all ones in the lane of imax among the 8 at i, if it is one of them:
   imax - i as a lane number; out of 0..7 (or wrapped) it matches none */
ACT_INLINE __m256 sm_lane(size_t imax, size_t i) {
    size_t d = imax - i;
    __m256i lane = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    return _mm256_castsi256_ps(_mm256_cmpeq_epi32(lane, _mm256_set1_epi32(d < 8 ? (int)d : -1)));
}

/* softmax's e_j 2^64 = a + q sc from v + vl = x_j - m: e rounded and its
   rounding error el exactly (avx512_softmax.c, sm_e) */
ACT_INLINE __m256 sm_e(int narrow, __m256 v, __m256 vl, __m256 *el, __m256 *a, __m256 *q,
                       __m256 *sc) {
    __m256 th = a2_exp_lut_split64(v, vl, narrow, q, sc);
    *a = a2_mul(th, *sc);
    __m256 e = _mm256_fmadd_ps(*q, *sc, *a);
    *el = _mm256_fmsub_ps(*q, *sc, _mm256_sub_ps(e, *a));
    return e;
}

/* where pass 2 keeps softmax's el_i for pass 3, at i (mask k): keep 1, as
   floats; keep 2, as their 16 leading bits, rounded, a whole step at a
   time (avx512_softmax.c) */
ACT_INLINE void sm_tail_st(int keep, int full, void *tr, size_t i, __m256i k, __m256 el) {
    if (keep == SM_KEEP_F32) {
        sm_st(full, (float *)tr + i, k, el);
    } else {
        __m256i b = _mm256_add_epi32(_mm256_castps_si256(el), _mm256_set1_epi32(0x8000));
        b = _mm256_srli_epi32(b, 16);
        /* lanes 0-3 and 4-7 in the 64-bit quarters 0 and 2 */
        __m256i w = _mm256_permute4x64_epi64(_mm256_packus_epi32(b, b), 0x08);
        _mm_store_si128((__m128i *)((uint16_t *)tr + i), _mm256_castsi256_si128(w));
    }
}
ACT_INLINE __m256 sm_tail_ld(int keep, int full, const void *tr, size_t i, __m256i k) {
    if (keep == SM_KEEP_F32) return sm_ld(full, (const float *)tr + i, k);
    __m128i h = _mm_load_si128((const __m128i *)((const uint16_t *)tr + i));
    return _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_cvtepu16_epi32(h), 16));
}

/* pass 2 for the 8 lanes at i (mask k): e_j = e^(x_j - m), stored as y_j for
   softmax, and added to t (fsum: in float pairs, else in double) except at
   the argmax imax, dropped by a lane compare (no test in the loop: avx512_math.h,
   "Speed") */
ACT_INLINE void sm_exp_step(int log_out, int fsum, int keep, int narrow, int excl, const float *xr,
                            float *yr, void *tr, size_t i, __m256i k, int full, __m256 negm,
                            __m256 lowx, size_t imax, __m256d *t0, __m256d *t1) {
    /* x_j raised to m - 200 (avx512_softmax.c); narrow: every |x_j| <= 43,
       so x_j - m >= -86, e_j is a normal float and 2^k one product (the
       same bits, fewer operations; AVX-512's vscalefps needs no such case) */
    __m256 xv = full ? _mm256_loadu_ps(xr + i) : sm_load(xr + i, k, A2(-INFINITY));
    if (!narrow) xv = _mm256_max_ps(xv, lowx);
    __m256 vl, v = a2_two_sum(xv, negm, &vl);
    if (log_out) {
        __m256i ke;
        __m256 pe = a2_exp_lut(v, vl, &ke);
        __m256 e = narrow ? a2_ldexpi_normal(pe, ke) : a2_ldexpi(pe, ke);
        if (excl) e = _mm256_andnot_ps(sm_lane(imax, i), e);
        *t0 = _mm256_add_pd(*t0, sm_lo(e));
        *t1 = _mm256_add_pd(*t1, sm_hi(e));
        return;
    }
    /* softmax: e_j 2^64 = a + q sc summed whole; with keep, e and its
       rounding error stored for pass 3 (avx512_softmax.c) */
    __m256 el, a, q, sc, e = sm_e(narrow, v, vl, &el, &a, &q, &sc);
    if (keep == SM_KEEP_B) { /* y_j = q sc (avx512_softmax.c, sm_out_b) */
        sm_st(full, yr + i, k, a2_mul(q, sc));
    } else if (keep) {
        sm_st(full, yr + i, k, e);
        sm_tail_st(keep, full, tr, i, k, el);
    }
    if (excl) {
        __m256 z = sm_lane(imax, i);
        e = _mm256_andnot_ps(z, e);
        a = _mm256_andnot_ps(z, a);
        q = _mm256_andnot_ps(z, q);
    }
    if (!fsum) { /* a + q sc, each exact in double */
        *t0 = _mm256_add_pd(_mm256_add_pd(*t0, sm_lo(a)), sm_lo(a2_mul(q, sc)));
        *t1 = _mm256_add_pd(_mm256_add_pd(*t1, sm_hi(a)), sm_hi(a2_mul(q, sc)));
    } else { /* s += e, and what that left of a + q sc into c (avx512_softmax.c) */
        __m256 sv = _mm256_castpd_ps(*t0);
        __m256 sn = _mm256_add_ps(sv, e);
        __m256 err = _mm256_fmsub_ps(q, sc, _mm256_sub_ps(_mm256_sub_ps(sn, sv), a));
        *t0 = _mm256_castps_pd(sn);
        *t1 = _mm256_castps_pd(_mm256_add_ps(_mm256_castpd_ps(*t1), err));
    }
}

/* softmax's float pairs (s, c), in the accumulators the double sums use
   otherwise: s starts at 2^64 in every lane, c at 0 */
ACT_INLINE void sm_f2s_reset(__m256d *s, __m256d *c) {
    *s = _mm256_castps_pd(A2(0x1p64f));
    *c = _mm256_setzero_pd();
}
/* (s - 2^64) + c of two pairs added to the double sum acc, and both reset
   (every 1024 columns: 64 additions a lane; with fsum = 2 every 256: 16) */
ACT_INLINE void sm_f2s_flush(__m256d *acc, __m256d *s0, __m256d *c0, __m256d *s1, __m256d *c1) {
    __m256 a = _mm256_castpd_ps(*s0), b = _mm256_castpd_ps(*s1);
    __m256 ca = _mm256_castpd_ps(*c0), cb = _mm256_castpd_ps(*c1);
    __m256d s = _mm256_add_pd(_mm256_add_pd(sm_lo(a), sm_hi(a)), _mm256_add_pd(sm_lo(b), sm_hi(b)));
    __m256d c =
        _mm256_add_pd(_mm256_add_pd(sm_lo(ca), sm_hi(ca)), _mm256_add_pd(sm_lo(cb), sm_hi(cb)));
    /* each of the 4 lanes of s holds four s, each 2^64 + its share of t (scaled) */
    *acc = _mm256_add_pd(*acc, _mm256_add_pd(_mm256_sub_pd(s, _mm256_set1_pd(0x1p66)), c));
    sm_f2s_reset(s0, c0);
    sm_f2s_reset(s1, c1);
}

/* two steps, fetching the next row's line */
ACT_INLINE void sm_exp_pair(int log_out, int fsum, int keep, int narrow, int excl, const float *xr,
                            float *yr, void *tr, size_t i, const float *xn, float *yn, __m256i all,
                            __m256 negm, __m256 lowx, size_t imax, __m256d *t0, __m256d *t1,
                            __m256d *t2, __m256d *t3) {
    act_row_ahead(xn, i);
    if (log_out || !keep) __builtin_prefetch(yn + i, 1, 3); /* softmax stores y here */
    sm_exp_step(log_out, fsum, keep, narrow, excl, xr, yr, tr, i, all, 1, negm, lowx, imax, t0, t1);
    sm_exp_step(log_out, fsum, keep, narrow, excl, xr, yr, tr, i + 8, all, 1, negm, lowx, imax, t2,
                t3);
}
/* pass 2 over a row: e_i (softmax: stored as y_i) and t = sum e_i less
   e_imax, two steps per iteration; only the iteration that holds imax
   drops it (avx512_softmax.c) */
ACT_INLINE double sm_pass2(int log_out, int fsum, int keep, int narrow, const float *xr, float *yr,
                           void *tr, size_t cols, const float *xn, float *yn, float m,
                           size_t imax) {
    __m256 negm = A2(-m), lowx = A2((float)((double)m - 200.0));
    __m256d t0 = _mm256_setzero_pd(), t1 = _mm256_setzero_pd();
    __m256d t2 = _mm256_setzero_pd(), t3 = _mm256_setzero_pd();
    __m256d acc = _mm256_setzero_pd(); /* softmax: the widened pairs */
    if (fsum) {
        sm_f2s_reset(&t0, &t1);
        sm_f2s_reset(&t2, &t3);
    }
    const __m256i all = _mm256_set1_epi32(-1);
    size_t i = 0, ib = imax & ~(size_t)15;
    /* softmax (fsum) widens its float pairs each 1024 columns, or 256
       (fsum = 2) */
#define SM_F2S_RUN(i)                                                                              \
    do {                                                                                           \
        if (fsum && ((i) & (fsum == 2 ? 255 : 1023)) == 0 && (i) != 0)                             \
            sm_f2s_flush(&acc, &t0, &t1, &t2, &t3);                                                \
    } while (0)
    for (; i + 16 <= cols && i < ib; i += 16) {
        SM_F2S_RUN(i);
        sm_exp_pair(log_out, fsum, keep, narrow, 0, xr, yr, tr, i, xn, yn, all, negm, lowx, imax,
                    &t0, &t1, &t2, &t3);
    }
    if (i + 16 <= cols) {
        SM_F2S_RUN(i);
        sm_exp_pair(log_out, fsum, keep, narrow, 1, xr, yr, tr, i, xn, yn, all, negm, lowx, imax,
                    &t0, &t1, &t2, &t3);
        i += 16;
    }
    for (; i + 16 <= cols; i += 16) {
        SM_F2S_RUN(i);
        sm_exp_pair(log_out, fsum, keep, narrow, 0, xr, yr, tr, i, xn, yn, all, negm, lowx, imax,
                    &t0, &t1, &t2, &t3);
    }
#undef SM_F2S_RUN
    /* the tail through the general step: its lanes off hold -inf, which
       the narrow step (no floor) would turn into NaN */
    for (; i < cols; i += 8)
        sm_exp_step(log_out, fsum, keep, 0, 1, xr, yr, tr, i, sm_mask(i, cols), 0, negm, lowx, imax,
                    &t0, &t1);
    if (!fsum) return sm_hsum(_mm256_add_pd(_mm256_add_pd(t0, t1), _mm256_add_pd(t2, t3)));
    sm_f2s_flush(&acc, &t0, &t1, &t2, &t3);
    return sm_hsum(acc);
}

/* an index of m (the row's maximum, finite) from pass 1's four lane-wise
   maxima: its main loop, up to cmain (a multiple of 32), put position
   32j + 8q + L into lane L of v_q, its tail (from cmain) 8j + L into v0;
   the positions a lane holding m names are searched one in 32, then the
   tail (avx512_softmax.c) */
static size_t sm_argmax(const float *xr, size_t cols, size_t cmain, float m, __m256 v0, __m256 v1,
                        __m256 v2, __m256 v3) {
    const __m256 mv = A2(m);
    const __m256 vq[4] = {v0, v1, v2, v3};
    for (size_t q = 0; q < 4; q++) {
        for (unsigned eq = (unsigned)_mm256_movemask_ps(_mm256_cmp_ps(vq[q], mv, _CMP_EQ_OQ)); eq;
             eq &= eq - 1)
            for (size_t i = 8 * q + (size_t)__builtin_ctz(eq); i < cmain; i += 32)
                if (xr[i] == m) return i;
    }
    for (size_t i = cmain; i < cols; i += 8) {
        __m256 v = sm_load(xr + i, sm_mask(i, cols), A2(-INFINITY));
        int eq = _mm256_movemask_ps(_mm256_cmp_ps(v, mv, _CMP_EQ_OQ));
        if (eq) return i + (size_t)__builtin_ctz((unsigned)eq);
    }
    return 0; /* not reached: m is in the row */
}

/* pass 1's state: four lane-wise maxima and the magnitudes' largest bits
   (avx512_softmax.c) */
typedef struct {
    __m256 v0, v1, v2, v3;
    __m256i u;
} sm_max_t;
ACT_INLINE void sm_max_init(sm_max_t *s) {
    s->v0 = s->v1 = s->v2 = s->v3 = A2(-INFINITY);
    s->u = _mm256_setzero_si256();
}
/* the 32 columns from c (c + 32 <= cols) */
ACT_INLINE void sm_max32(sm_max_t *s, const float *xr, size_t c) {
    __m256 a = _mm256_loadu_ps(xr + c), b = _mm256_loadu_ps(xr + c + 8);
    __m256 d = _mm256_loadu_ps(xr + c + 16), e = _mm256_loadu_ps(xr + c + 24);
    s->v0 = _mm256_max_ps(s->v0, a);
    s->v1 = _mm256_max_ps(s->v1, b);
    s->v2 = _mm256_max_ps(s->v2, d);
    s->v3 = _mm256_max_ps(s->v3, e);
    /* |x|'s bits, each before the maximum: a negative entry's sign bit
       must not hide a larger magnitude in the same lane */
    __m256i ab = _mm256_max_epu32(_mm256_castps_si256(a2_abs(a)), _mm256_castps_si256(a2_abs(b)));
    __m256i de = _mm256_max_epu32(_mm256_castps_si256(a2_abs(d)), _mm256_castps_si256(a2_abs(e)));
    s->u = _mm256_max_epu32(s->u, _mm256_max_epu32(ab, de));
}
/* the columns from cmain (the last multiple of 32) on, 8 a step, into v0 */
ACT_INLINE void sm_max_tail(sm_max_t *s, const float *xr, size_t cmain, size_t cols) {
    for (size_t c = cmain; c < cols; c += 8) {
        __m256i k = sm_mask(c, cols);
        __m256 a = _mm256_maskload_ps(xr + c, k); /* lanes off: 0, for u */
        s->v0 = _mm256_max_ps(s->v0, _mm256_blendv_ps(A2(-INFINITY), a, _mm256_castsi256_ps(k)));
        s->u = _mm256_max_epu32(s->u, _mm256_castps_si256(a2_abs(a)));
    }
}
/* softmax's y_i = (e_i + el_i)(rh + rl) 2^-64 (avx512_softmax.c) */
ACT_INLINE __m256 sm_y(__m256 e, __m256 el, __m256 rh, __m256 rl) {
    __m256 z = _mm256_fmadd_ps(e, rh, _mm256_fmadd_ps(el, rh, a2_mul(e, rl)));
    return a2_mul(z, A2(0x1p-64f));
}
/* pass 3 for the 8 lanes at i (mask k): softmax y_i = (e_i + el_i)(rh + rl) 2^-64,
   log_softmax y_i = a + (el - rl), a + el = x_i + rh exactly (TwoSum; el
   = 0 for x_i = -inf, where a is -inf), rl - rh = m + log1p(t) (rh = -ch,
   rl = cl of lsm_shift, simd.h) */
ACT_INLINE void sm_out(int log_out, int keep, const float *xr, float *yr, const void *tr, size_t i,
                       __m256i k, int full, __m256 rh, __m256 rl) {
    if (log_out) {
        __m256 xv = sm_ld(full, xr + i, k);
        __m256 el, a = a2_two_sum(xv, rh, &el);
        el = _mm256_and_ps(el, _mm256_cmp_ps(a, A2(-INFINITY), _CMP_NEQ_OQ));
        sm_st(full, yr + i, k, _mm256_add_ps(a, _mm256_sub_ps(el, rl)));
    } else {
        __m256 e = sm_ld(full, yr + i, k), el = sm_tail_ld(keep, full, tr, i, k);
        sm_st(full, yr + i, k, sm_y(e, el, rh, rl));
    }
}
/* softmax's pass 3 from x_i (rows longer than SM_TAIL16_COLS): pass 2's e_i
   and el_i again, bit for bit (the general step gives the narrow one's
   bits wherever that applies) */
ACT_INLINE void sm_out_x(const float *xr, float *yr, size_t i, __m256i k, int full, __m256 negm,
                         __m256 lowx, __m256 rh, __m256 rl) {
    __m256 xv = full ? _mm256_loadu_ps(xr + i) : sm_load(xr + i, k, A2(-INFINITY));
    __m256 vl, v = a2_two_sum(_mm256_max_ps(xv, lowx), negm, &vl);
    __m256 el, a, q, sc, e = sm_e(0, v, vl, &el, &a, &q, &sc);
    sm_st(full, yr + i, k, sm_y(e, el, rh, rl));
}
/* the same from x_i and the b_i = q sc that pass 2 stored as y_i: a_i again
   (a2_exp_lut_head64), e_i and el_i by Fast2Sum, pass 2's bits
   (avx512_softmax.c, sm_out_b) */
ACT_INLINE void sm_out_b(const float *xr, float *yr, size_t i, __m256i k, int full, __m256 negm,
                         __m256 lowx, __m256 rh, __m256 rl) {
    __m256 xv = full ? _mm256_loadu_ps(xr + i) : sm_load(xr + i, k, A2(-INFINITY));
    __m256 a = a2_exp_lut_head64(_mm256_add_ps(_mm256_max_ps(xv, lowx), negm));
    __m256 b = sm_ld(full, yr + i, k);
    __m256 e = _mm256_add_ps(a, b);
    __m256 el = _mm256_sub_ps(b, _mm256_sub_ps(e, a));
    sm_st(full, yr + i, k, sm_y(e, el, rh, rl));
}
/* pass 3 over a row and, with `next`, pass 1 over the next row (xn) in the
   same loop, so that its maximum is ready when it begins (avx512_softmax.c) */
ACT_INLINE void sm_out_row(int log_out, int keep, int next, const float *xr, float *yr,
                           const void *tr, size_t cols, float m, __m256 rh, __m256 rl,
                           const float *xn, sm_max_t *st) {
    const __m256 negm = A2(-m), lowx = A2((float)((double)m - 200.0));
    size_t i = 0;
    if (next) {
        const __m256i all = _mm256_set1_epi32(-1);
        sm_max_init(st);
        for (; i + 32 <= cols; i += 32) {
            sm_max32(st, xn, i);
            for (size_t j = i; j < i + 32; j += 8)
                if (!log_out && keep == SM_KEEP_B)
                    sm_out_b(xr, yr, j, all, 1, negm, lowx, rh, rl);
                else if (log_out || keep)
                    sm_out(log_out, keep, xr, yr, tr, j, all, 1, rh, rl);
                else
                    sm_out_x(xr, yr, j, all, 1, negm, lowx, rh, rl);
        }
        sm_max_tail(st, xn, i, cols);
    }
    for (; i < cols; i += 8) {
        int full = i + 8 <= cols;
        if (!log_out && keep == SM_KEEP_B)
            sm_out_b(xr, yr, i, sm_mask(i, cols), full, negm, lowx, rh, rl);
        else if (log_out || keep)
            sm_out(log_out, keep, xr, yr, tr, i, sm_mask(i, cols), full, rh, rl);
        else
            sm_out_x(xr, yr, i, sm_mask(i, cols), full, negm, lowx, rh, rl);
    }
}

ACT_INLINE void sm_rows_t(int log_out, int keep, size_t rows, size_t cols, const float *x, float *y,
                          void *tb) {
    size_t cmain = cols & ~(size_t)31;
    sm_max_t st;
    int have = 0; /* st holds row r's pass 1 (from row r - 1's pass 3) */
    for (size_t r = 0; r < rows; r++) {
        const float *xr = x + r * cols;
        float *yr = y + r * cols;
        /* 1: the maximum, and NaN, unless row r - 1 found them */
        if (!have) {
            sm_max_init(&st);
            for (size_t c = 0; c < cmain; c += 32)
                sm_max32(&st, xr, c);
            sm_max_tail(&st, xr, cmain, cols);
        }
        have = 0;
        __m256 v0 = st.v0, v1 = st.v1, v2 = st.v2, v3 = st.v3;
        float m = sm_hmax(_mm256_max_ps(_mm256_max_ps(v0, v1), _mm256_max_ps(v2, v3)));
        /* u > 0x7f800000 in some lane: max_epu32(u, inf) differs from inf */
        __m256i infb = _mm256_set1_epi32(0x7f800000);
        int nan = !_mm256_testc_si256(_mm256_cmpeq_epi32(_mm256_max_epu32(st.u, infb), infb),
                                      _mm256_set1_epi32(-1));
        if (nan || !(fabsf(m) <= 0x1p30f)) { /* as avx512_softmax.c */
            act_softmax_rows(1.0, log_out, 1, cols, xr, yr);
            continue;
        }
        /* an argmax from the four maxima, as avx512_softmax.c (period 32) */
        size_t imax = sm_argmax(xr, cols, cmain, m, v0, v1, v2, v3);
        /* 2: e_i and t; every |x_j| <= 43 (pass 1's largest magnitude):
           the narrow steps */
        const float *xn = x + act_row_next(r, rows, cols);
        float *yn = y + act_row_next(r, rows, cols);
        __m256i b43 = _mm256_set1_epi32(0x422c0000); /* 43.0f */
        int narrow = _mm256_testc_si256(_mm256_cmpeq_epi32(_mm256_max_epu32(st.u, b43), b43),
                                        _mm256_set1_epi32(-1));
        /* softmax sums in float pairs in rows of up to SM_F2S_COLS (simd.h),
           widened every 1024 columns, and up to SM_F2S_LONG_COLS, every 256 */
        double t;
        if (!log_out && cols <= SM_F2S_COLS)
            t = narrow ? sm_pass2(log_out, 1, keep, 1, xr, yr, tb, cols, xn, yn, m, imax)
                       : sm_pass2(log_out, 1, keep, 0, xr, yr, tb, cols, xn, yn, m, imax);
        else if (!log_out && cols <= SM_F2S_LONG_COLS)
            t = narrow ? sm_pass2(log_out, 2, keep, 1, xr, yr, tb, cols, xn, yn, m, imax)
                       : sm_pass2(log_out, 2, keep, 0, xr, yr, tb, cols, xn, yn, m, imax);
        else
            t = narrow ? sm_pass2(log_out, 0, keep, 1, xr, yr, tb, cols, xn, yn, m, imax)
                       : sm_pass2(log_out, 0, keep, 0, xr, yr, tb, cols, xn, yn, m, imax);
        if (!log_out) t *= 0x1p-64; /* softmax summed e_j 2^64 */
        /* a tiny t, made of subnormal e_j, is not exact enough for
           log_softmax's -log1p(t): the scalar kernel (avx512_softmax.c) */
        if (log_out && t < (double)cols * 0x1p-120) {
            act_softmax_rows(1.0, 1, 1, cols, xr, yr);
            continue;
        }
        /* 3: the outputs, with the next row's pass 1 */
        __m256 rh, rl;
        if (log_out) {
            float ch, cl;
            lsm_shift(m, log1p(t), &ch, &cl);
            rh = A2(-ch);
            rl = A2(cl);
        } else {
            /* e_i (rh + rl), rh + rl = 1/(1 + t) to 2^-48, one rounding */
            double rd = 1.0 / (1.0 + t);
            float rhf = (float)rd;
            rh = A2(rhf);
            rl = A2((float)(rd - rhf));
        }
        if (r + 1 < rows) {
            sm_out_row(log_out, keep, 1, xr, yr, tb, cols, m, rh, rl, xr + cols, &st);
            have = 1;
        } else {
            sm_out_row(log_out, keep, 0, xr, yr, tb, cols, m, rh, rl, xr, &st);
        }
    }
}

/* softmax keeps e_i and its rounding error from pass 2 to pass 3 in rows of
   up to SM_TAIL16_COLS columns (SM_TAIL_STACK as floats, then in 16
   bits), and computes them again in longer ones
   (avx512_softmax.c) */
/* each buffer in a frame of its own (avx512_softmax.c) */
_Static_assert(SM_TAIL16_COLS % 8 == 0, "sm_tail_st stores whole steps");
__attribute__((noinline)) static void sm_rows_f32(size_t rows, size_t cols, const float *x,
                                                  float *y) {
    _Alignas(32) float tb[SM_TAIL_STACK];
    sm_rows_t(0, SM_KEEP_F32, rows, cols, x, y, tb);
}
__attribute__((noinline)) static void sm_rows_bf16(size_t rows, size_t cols, const float *x,
                                                   float *y) {
    _Alignas(32) uint16_t tb[SM_TAIL16_COLS];
    sm_rows_t(0, SM_KEEP_BF16, rows, cols, x, y, tb);
}
ACT_INLINE void sm_rows(int log_out, size_t rows, size_t cols, const float *x, float *y) {
    if (log_out) {
        sm_rows_t(1, 0, rows, cols, x, y, NULL);
    } else if (cols <= SM_TAIL_STACK) {
        sm_rows_f32(rows, cols, x, y);
    } else if (cols <= SM_TAIL16_COLS) { /* el_i kept in 16 bits */
        sm_rows_bf16(rows, cols, x, y);
    } else if (sm_apart(x, y, rows * cols)) { /* b_i kept in y */
        sm_rows_t(0, SM_KEEP_B, rows, cols, x, y, NULL);
    } else {
        sm_rows_t(0, 0, rows, cols, x, y, NULL);
    }
}

/* the backward's first pass, one step of 8 columns at i (mask k):
   softmax's sum_j dy_j y_j (log_softmax: sum_j dy_j), in double */
ACT_INLINE void sm_sum_step(int log_out, const float *yr, const float *gr, size_t i, __m256i k,
                            int full, __m256d *s0, __m256d *s1) {
    __m256 gv = sm_ld(full, gr + i, k);
    if (log_out) {
        *s0 = _mm256_add_pd(*s0, sm_lo(gv));
        *s1 = _mm256_add_pd(*s1, sm_hi(gv));
    } else {
        __m256 yv = sm_ld(full, yr + i, k);
        *s0 = _mm256_fmadd_pd(sm_lo(gv), sm_lo(yv), *s0);
        *s1 = _mm256_fmadd_pd(sm_hi(gv), sm_hi(yv), *s1);
    }
}
/* softmax dx_i = y_i (dy_i - s); log_softmax dx_i = dy_i - e^(y_i) s, e^y
   for y <= 0 (-inf and far below give 0, NaN stays NaN) */
ACT_INLINE __m256 sm_dx(int log_out, __m256 yv, __m256 gv, __m256 s) {
    if (!log_out) return a2_mul(yv, _mm256_sub_ps(gv, s));
    __m256 yc = _mm256_min_ps(_mm256_max_ps(yv, A2(-150.0f)), A2(1.0f));
    __m256i ke;
    __m256 pe = a2_exp_lut0(yc, &ke);
    __m256 e = a2_nan_from(a2_ldexpi(pe, ke), yv);
    return _mm256_fnmadd_ps(e, s, gv);
}
/* the second pass over row r (sum s) and, with `next`, the first over row
   r + 1 in the same loop (its sum, returned, is then ready when its second
   pass begins), fetching nothing ahead (avx512_softmax.c: until the
   twenty-first session row r + 2's y and dy were; without, softmax ran
   1.09x at 4 Ki, 1.32x at 256 Ki, 1.06-1.12x at 16 Mi and 1.24x in rows of
   32768 columns, log_softmax 1.00-1.02x in cache and 1.16-1.18x at 16 Mi);
   the sums in the order of one pass per row */
ACT_INLINE __m256 sm_bwd_row(int log_out, int next, size_t cols, const float *yr, const float *gr,
                             float *dxr, __m256 s) {
    __m256d s0 = _mm256_setzero_pd(), s1 = _mm256_setzero_pd();
    const __m256i all = _mm256_set1_epi32(-1);
    size_t i = 0;
    for (; i + 8 <= cols; i += 8) {
        if (next) sm_sum_step(log_out, yr + cols, gr + cols, i, all, 1, &s0, &s1);
        __m256 yv = _mm256_loadu_ps(yr + i), gv = _mm256_loadu_ps(gr + i);
        _mm256_storeu_ps(dxr + i, sm_dx(log_out, yv, gv, s));
    }
    if (i < cols) {
        __m256i k = sm_mask(i, cols);
        if (next) sm_sum_step(log_out, yr + cols, gr + cols, i, k, 0, &s0, &s1);
        __m256 yv = _mm256_maskload_ps(yr + i, k), gv = _mm256_maskload_ps(gr + i, k);
        _mm256_maskstore_ps(dxr + i, k, sm_dx(log_out, yv, gv, s));
    }
    return next ? A2((float)sm_hsum(_mm256_add_pd(s0, s1))) : s;
}
/* the first pass over a whole row */
ACT_INLINE __m256 sm_sum_row(int log_out, const float *yr, const float *gr, size_t cols) {
    __m256d s0 = _mm256_setzero_pd(), s1 = _mm256_setzero_pd();
    size_t i = 0;
    for (; i + 8 <= cols; i += 8)
        sm_sum_step(log_out, yr, gr, i, sm_mask(i, cols), 1, &s0, &s1);
    if (i < cols) sm_sum_step(log_out, yr, gr, i, sm_mask(i, cols), 0, &s0, &s1);
    return A2((float)sm_hsum(_mm256_add_pd(s0, s1)));
}
ACT_SIMD_SM_BWD_ROW_SCALAR

ACT_INLINE void sm_bwd_rows(int log_out, size_t rows, size_t cols, const float *y, const float *dy,
                            float *dx) {
    if (rows == 0) return;
    int split = sm_bwd_split(log_out, cols);
    __m256 s = sm_sum_row(log_out, y, dy, cols);
    for (size_t r = 0; r < rows; r++) {
        const float *yr = y + r * cols, *gr = dy + r * cols;
        float *dxr = dx + r * cols;
        if (sm_bwd_scalar(log_out, _mm256_cvtss_f32(s))) { /* simd.h */
            sm_bwd_row_scalar(log_out, cols, yr, gr, dxr);
            if (r + 1 < rows) s = sm_sum_row(log_out, yr + cols, gr + cols, cols);
            continue;
        }
        if (split) { /* each row's passes back to back (simd.h) */
            sm_bwd_row(log_out, 0, cols, yr, gr, dxr, s);
            if (r + 1 < rows) s = sm_sum_row(log_out, yr + cols, gr + cols, cols);
            continue;
        }
        s = r + 1 < rows ? sm_bwd_row(log_out, 1, cols, yr, gr, dxr, s)
                         : sm_bwd_row(log_out, 0, cols, yr, gr, dxr, s);
    }
}

ACT_SIMD_SOFTMAX_DEFINE(avx2)
