/*
 * avx512_softmax.c - softmax and log_softmax over rows, AVX-512.
 *
 * The scalar kernels (src/catalog/row.h) evaluate every e^(x_i - m) in double
 * through libm; these make the same three passes sixteen lanes at a time:
 *   1. m = max_i x_i, and whether the row holds a NaN; a row with a NaN or
 *      m = +-inf goes to the scalar kernel, which owns those rules, and so
 *      does one with |m| > 2^30 (pass 2 clamps x_j at m - 200, which needs
 *      ulp(m) small);
 *   2. e_i = e^(x_i - m) in float, x_i - m carried as head + tail (TwoSum)
 *      into the exponential; t = sum of e_i over i != one argmax (each
 *      maximum's e_i is exactly 1, so any will do). log_softmax takes e_i
 *      from a5_exp_lut (0.6 ulp) and sums in double (as the scalar kernel:
 *      log1p(t) keeps log_softmax exact near 0 when one logit dominates, so
 *      t is needed to its last bits even when tiny); a t below cols
 *      2^-120, made of e_i rounded to subnormal floats, sends the row to
 *      the scalar kernel. softmax takes the two terms of a5_exp_lut's last
 *      addition, scaled by 2^64 (a5_exp_lut_split64): e_i 2^64 = a_i + b_i
 *      with both exact products (normal down to e_i ~ 2^-185); it stores
 *      their rounded sum (a5_exp_lut's bits, times 2^64) as y_i and that
 *      rounding's error el_i (exact: Fast2Sum's) in a buffer on the stack,
 *      as floats in rows of up to SM_TAIL_STACK = 2048 columns (8 KiB,
 *      simd.h), as their 16 leading bits, rounded, in rows of up to
 *      SM_TAIL16_COLS = 8192 (16 KiB; within 2^-8 ulp of y_i: sm_tail_st;
 *      kept so in every row, the forward ran 0.91-0.93x on rows of 1024
 *      and 2048, the packing's cost); longer rows store b_i as y_i where
 *      y and x do not overlap, and pass 3 forms a_i again from x_i (the
 *      table and the scale only: sm_out_b), then e_i and el_i (1.17-1.24x,
 *      AVX2 1.22-1.28x, against computing both again); in place, pass 2
 *      stores nothing and pass 3 computes e_i and el_i again, bit for bit
 *      (a build that did so for every row ran 0.72-0.74x on rows of 1024,
 *      AVX2 0.63-0.64x; rows of 4096 and 8192 ran 0.74x of the 16-bit
 *      tails, AVX2 0.65x). t gets a_i + b_i themselves.
 *      In rows of up to SM_F2S_COLS (16384) columns the sum is in float
 *      pairs (sm_f2s_*): each lane's s starts at 2^64, so s >= 2^64 >= e_i
 *      and Fast2Sum gives what each addition s + e_i leaves out exactly;
 *      that, b_i - ((s_new - s) - a_i), goes into a second float c (s_new
 *      - s is exact and either 0 or within a factor 2 of a_i, so that the
 *      difference is exact too); both are widened to double every 2048
 *      columns (64 additions a lane). Only c's own roundings are lost:
 *      each is within 2^-24 |c|, and |c| is within both 64 2^-24 s and the
 *      lane's share of t, so 1 + t is off by at most cols 2^-42 of itself
 *      (2^-32 at 1024 columns, 2^-28 at 16384; a row of 4 Mi columns of
 *      e_i near 2^-25, where c's roundings all lean one way, came out 1.9
 *      ULP off, hence the double sum of a_i and b_i for longer rows)
 *      against about cols 2^-53 for the double sum, whose conversions and
 *      double adds per 16 lanes cost the forward 1.08-1.11x. Rows of up to
 *      SM_F2S_LONG_COLS (65536) widen every 512 columns (16 additions a
 *      lane: cols 2^-44, 2^-28 at 65536), 1.18-1.20x against the double
 *      sum at 32768 and 65536 columns (AVX2, every 256: 1.09x); rows of
 *      nearly equal logits and of e_i near 2^-25 came out as close at
 *      16385-65536 columns as before (0.57 and 0.54 ULP at most);
 *   3. softmax: y_i = (e_i + el_i)(rh + rl) 2^-64, the reciprocal of 1 + t
 *      computed in double and split into two floats, with one significant
 *      rounding (fma) and an exact scaling wherever y_i is normal (scaled,
 *      e_i rl is a normal float; unscaled, where y_i was just above
 *      FLT_MIN, it rounded on the subnormal grid: 0.5 ulp of y_i more);
 *      log_softmax: y_i = ((double)x_i - m) - log1p(t), rounded once.
 * Pass 1 of row r + 1 runs inside pass 3 of row r (sm_out_row), so that a
 * row's maximum is ready when the row begins; a row that goes to the scalar
 * kernel leaves the next row to run its own pass 1.
 * Error: softmax's e_i + el_i is e^(x_i - m) 2^64 within 8.1e-9 = 2^-26.9
 * relative (polynomial, reduced argument, table: the review's scan of
 * [-100, 0]), in y_i and in t, which need not cancel (about 0.26 ulp of
 * y_i), plus the pairs' 2^-28, plus 0.5 (y_i's rounding): within 0.82 ulp
 * (0.83 with the 16-bit el_i);
 * 0.64 at most on the rows searched in this session and the last
 * (tests/test_row.c), 0.69 (AVX2: 0.73) on rows the review built from the
 * exponential's worst errors of either sign. Below FLT_MIN, where z 2^-64
 * rounds a second time, within 0.8 2^-149 (0.81 with the 16-bit el_i;
 * 0.79 at most in the review's searches on every path). Until the
 * twentieth session t summed the rounded e_i and y_i multiplied them: the
 * rounding of repeated e_i leaned the same way in both, and hill-climbs
 * built rows of 26-61 columns up to 2.28 ulp off among normal outputs,
 * 2.47 where e_i rl rounded on the subnormal grid. With a_i + b_i in t but
 * the rounded e_i in y_i (1.34 ulp on those rows), a construction put y_i
 * just below a power of two and e_i's mantissa just above 1: e_i's
 * rounding, a full ulp of y_i there, and the exponential's error carried
 * y_i over the power of two, into the binade of twice the ulp (2.06-2.12
 * ulp). The tails cost the forward 0.85-0.91x
 * (AVX2 0.84-0.90x, then 1.13x back from plain moves: avx2_softmax.c;
 * bench/README.md);
 * log_softmax within 0.5 ulp plus double rounding (1.47 ulp at most on the
 * same logits, 1.50 on the searched rows). In float, (x_i - ch) - cl with
 * ch + cl = m + log1p(t) (one row's constants), the last pass ran 1.13x
 * faster but reached 2.21 ulp where x_i - ch is inexact and y_i sits just
 * below a power of two; exact through a TwoSum it ran 1.00x (AVX2, where
 * the widening costs more, keeps that form: avx2_softmax.c).
 * Backward from y, as the scalar kernels (x is not read):
 *   softmax      dx_i = y_i (dy_i - sum_j dy_j y_j),
 *   log_softmax  dx_i = dy_i - e^(y_i) sum_j dy_j,
 * the sums in double, rounded to float, then each dx_i in float: a few ulp of
 * the terms, the bound test_row.c derives from the rounding of y. Rows
 * that would overflow where the result does not go to the scalar kernel
 * (sm_bwd_scalar in simd.h).
 * Row r + 1's sum is formed inside row r's second pass (sm_bwd_row).
 * Forward writes y_i only after reading x_i in the same lane and step (and
 * reads row r + 1 while writing row r), backward likewise, so y == x,
 * dx == dy and dx == y all work.
 */
#include "catalog/row.h"
#include "simd/avx512_math.h"
#include "simd/simd.h"

#include <stdint.h>

/* the mask of the lanes of the 16-wide step at i in a row of n */
ACT_INLINE __mmask16 sm_mask(size_t i, size_t n) {
    return n - i >= 16 ? (__mmask16)0xffff : a5_tail(n - i);
}
ACT_INLINE __m512d sm_lo(__m512 v) { return _mm512_cvtps_pd(_mm512_castps512_ps256(v)); }
ACT_INLINE __m512d sm_hi(__m512 v) { return _mm512_cvtps_pd(_mm512_extractf32x8_ps(v, 1)); }
/* eight floats at p widened to double: a load folded into vcvtps2pd, no
   lane extraction */
ACT_INLINE __m512d sm_ld8(const float *p) { return _mm512_cvtps_pd(_mm256_loadu_ps(p)); }
ACT_INLINE __m512 sm_join(__m512d lo, __m512d hi) {
    return _mm512_insertf32x8(_mm512_castps256_ps512(_mm512_cvtpd_ps(lo)), _mm512_cvtpd_ps(hi), 1);
}

/* softmax's e_j 2^64 = a + q sc from v + vl = x_j - m (a5_exp_lut_split64:
   a = Th sc and q sc exact products): e, rounded (the bits of
   a5_exp_lut's 2^k p, scaled), and its rounding error el exactly (e - a
   is exact by Sterbenz, so el = q sc - (e - a) is rounded once from an
   exact value that a float holds) */
ACT_INLINE __m512 sm_e(__m512 v, __m512 vl, __m512 *el, __m512 *a, __m512 *q, __m512 *sc) {
    __m512 th = a5_exp_lut_split64(v, vl, q, sc);
    *a = a5_mul(th, *sc);
    __m512 e = _mm512_fmadd_ps(*q, *sc, *a);
    *el = _mm512_fmsub_ps(*q, *sc, _mm512_sub_ps(e, *a));
    return e;
}

/* where pass 2 keeps softmax's el_i for pass 3, at i (mask k): keep 1, as
   floats; keep 2 (longer rows), as their 16 leading bits, rounded (the
   bits of a bfloat16: within 2^-9 ulp(e_i) of el_i, 2^-8 ulp of y_i, for
   a normal el_i; a subnormal one, where e_i 2^64 < 2^-102, keeps fewer
   bits, for outputs below 2^-166 that round to 0 all the same), a whole
   step at a time (the buffer's length is a multiple of 16) */
_Static_assert(SM_TAIL16_COLS % 16 == 0, "sm_tail_st stores whole steps");
ACT_INLINE void sm_tail_st(int keep, void *tr, size_t i, __mmask16 k, __m512 el) {
    if (keep == SM_KEEP_F32) {
        _mm512_mask_storeu_ps((float *)tr + i, k, el);
    } else {
        __m512i b = _mm512_add_epi32(_mm512_castps_si512(el), _mm512_set1_epi32(0x8000));
        _mm256_store_si256((__m256i *)((uint16_t *)tr + i),
                           _mm512_cvtepi32_epi16(_mm512_srli_epi32(b, 16)));
    }
}
ACT_INLINE __m512 sm_tail_ld(int keep, const void *tr, size_t i, __mmask16 k) {
    if (keep == SM_KEEP_F32) return _mm512_maskz_loadu_ps(k, (const float *)tr + i);
    __m256i h = _mm256_load_si256((const __m256i *)((const uint16_t *)tr + i));
    return _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_cvtepu16_epi32(h), 16));
}

/* pass 2 for the 16 lanes at i (mask k): e_j = e^(x_j - m), stored as y_j
   for softmax, and added to t (fsum: in float pairs, else in double) except
   at the argmax imax, which a lane mask drops (no test in the loop: see
   avx512_math.h, "Speed") */
ACT_INLINE void sm_exp_step(int log_out, int fsum, int keep, int excl, const float *xr, float *yr,
                            void *tr, size_t i, __mmask16 k, __m512 negm, __m512 lowx, size_t imax,
                            __m512d *t0, __m512d *t1) {
    /* x_j below m - 200 (-inf and the tail's fill among them) is raised to
       it: e^v is 0 in float there, and v and its tail stay finite */
    __m512 xv = _mm512_max_ps(_mm512_mask_loadu_ps(A5(-INFINITY), k, xr + i), lowx);
    __m512 vl, v = a5_two_sum(xv, negm, &vl);
    if (log_out) {
        __m512 ke, p = a5_exp_lut(v, vl, &ke);
        __m512 e = _mm512_scalef_ps(p, ke);
        if (excl) {
            size_t d = imax - i; /* wraps when imax < i */
            e = _mm512_mask_mov_ps(e, (__mmask16)((unsigned)(d < 16) << (d & 15)),
                                   _mm512_setzero_ps());
        }
        *t0 = _mm512_add_pd(*t0, sm_lo(e));
        *t1 = _mm512_add_pd(*t1, sm_hi(e));
        return;
    }
    /* softmax: e_j 2^64 = a + q sc summed whole; with keep, e and its
       rounding error stored for pass 3 (else pass 3 computes them again) */
    __m512 el, a, q, sc, e = sm_e(v, vl, &el, &a, &q, &sc);
    if (keep == SM_KEEP_B) { /* y_j = q sc, exact wherever it matters: sm_out_b */
        _mm512_mask_storeu_ps(yr + i, k, a5_mul(q, sc));
    } else if (keep) {
        _mm512_mask_storeu_ps(yr + i, k, e);
        sm_tail_st(keep, tr, i, k, el);
    }
    if (excl) {
        size_t d = imax - i; /* wraps when imax < i */
        __mmask16 z = (__mmask16)((unsigned)(d < 16) << (d & 15));
        e = _mm512_mask_mov_ps(e, z, _mm512_setzero_ps());
        a = _mm512_mask_mov_ps(a, z, _mm512_setzero_ps());
        q = _mm512_mask_mov_ps(q, z, _mm512_setzero_ps());
    }
    if (!fsum) { /* a + q sc, each exact in double */
        __m512 b = a5_mul(q, sc);
        *t0 = _mm512_add_pd(_mm512_add_pd(*t0, sm_lo(a)), sm_lo(b));
        *t1 = _mm512_add_pd(_mm512_add_pd(*t1, sm_hi(a)), sm_hi(b));
    } else {
        /* sm_f2s: s += e (Fast2Sum: s >= 2^64 >= e), and into c what that
           left of a + q sc: q sc - ((sn - s) - a), where sn - s is exact
           and either 0 or within a factor 2 of a (then so is the
           difference) */
        __m512 sv = _mm512_castpd_ps(*t0);
        __m512 sn = _mm512_add_ps(sv, e);
        __m512 err = _mm512_fmsub_ps(q, sc, _mm512_sub_ps(_mm512_sub_ps(sn, sv), a));
        *t0 = _mm512_castps_pd(sn);
        *t1 = _mm512_castps_pd(_mm512_add_ps(_mm512_castpd_ps(*t1), err));
    }
}

/* softmax's float pairs (s, c) of pass 2 (sm_f2s), held in the __m512d
   accumulators that the double sums use otherwise: s starts at 2^64 in every
   lane, c at 0 */
ACT_INLINE void sm_f2s_reset(__m512d *s, __m512d *c) {
    *s = _mm512_castps_pd(A5(0x1p64f));
    *c = _mm512_setzero_pd();
}
/* (s - 2^64) + c of two pairs added to the double sum acc, and both reset
   (every 2048 columns: 64 additions a lane; with fsum = 2 every 512: 16;
   a row's masked tail steps add up to 2 more before the last) */
ACT_INLINE void sm_f2s_flush(__m512d *acc, __m512d *s0, __m512d *c0, __m512d *s1, __m512d *c1) {
    __m512 a = _mm512_castpd_ps(*s0), b = _mm512_castpd_ps(*s1);
    __m512 ca = _mm512_castpd_ps(*c0), cb = _mm512_castpd_ps(*c1);
    __m512d s = _mm512_add_pd(_mm512_add_pd(sm_lo(a), sm_hi(a)), _mm512_add_pd(sm_lo(b), sm_hi(b)));
    __m512d c =
        _mm512_add_pd(_mm512_add_pd(sm_lo(ca), sm_hi(ca)), _mm512_add_pd(sm_lo(cb), sm_hi(cb)));
    /* each of the 8 lanes of s holds four s, each 2^64 + its share of t (scaled) */
    *acc = _mm512_add_pd(*acc, _mm512_add_pd(_mm512_sub_pd(s, _mm512_set1_pd(0x1p66)), c));
    sm_f2s_reset(s0, c0);
    sm_f2s_reset(s1, c1);
}

/* two steps (their chains overlap), fetching the next row's lines */
ACT_INLINE void sm_exp_pair(int log_out, int fsum, int keep, int excl, const float *xr, float *yr,
                            void *tr, size_t i, const float *xn, float *yn, __m512 negm,
                            __m512 lowx, size_t imax, __m512d *t0, __m512d *t1, __m512d *t2,
                            __m512d *t3) {
    act_row_ahead(xn, i);
    act_row_ahead(xn, i + 16);
    if (log_out || !keep) { /* softmax with keep stores y in this pass already */
        act_row_ahead_w(yn, i);
        act_row_ahead_w(yn, i + 16);
    }
    sm_exp_step(log_out, fsum, keep, excl, xr, yr, tr, i, 0xffff, negm, lowx, imax, t0, t1);
    sm_exp_step(log_out, fsum, keep, excl, xr, yr, tr, i + 16, 0xffff, negm, lowx, imax, t2, t3);
}

/* an index of m (the row's maximum, finite) from pass 1's four lane-wise
   maxima: its main loop, up to cmain (a multiple of 64), put position
   64j + 16q + L into lane L of v_q, and its tail (from cmain) 16j + L into
   v0. A lane of some v_q that holds m names the positions to look at, one
   in 64; if m came from the tail instead, the tail is scanned. */
static size_t sm_argmax(const float *xr, size_t cols, size_t cmain, float m, __m512 v0, __m512 v1,
                        __m512 v2, __m512 v3) {
    const __m512 mv = A5(m);
    const __m512 vq[4] = {v0, v1, v2, v3};
    for (size_t q = 0; q < 4; q++) {
        for (unsigned eq = _mm512_cmp_ps_mask(vq[q], mv, _CMP_EQ_OQ); eq; eq &= eq - 1)
            for (size_t i = 16 * q + (size_t)__builtin_ctz(eq); i < cmain; i += 64)
                if (xr[i] == m) return i;
    }
    for (size_t i = cmain; i < cols; i += 16) {
        __mmask16 k = sm_mask(i, cols);
        __mmask16 eq = _mm512_mask_cmp_ps_mask(k, _mm512_maskz_loadu_ps(k, xr + i), mv, _CMP_EQ_OQ);
        if (eq) return i + (size_t)__builtin_ctz(eq);
    }
    return 0; /* not reached: m is in the row */
}

/* pass 1's state: four lane-wise maxima (vmaxps's latency) and the largest
   magnitude's bits (unsigned integer maximum: a NaN's are above +-inf's) */
typedef struct {
    __m512 v0, v1, v2, v3;
    __m512i u;
} sm_max_t;
ACT_INLINE void sm_max_init(sm_max_t *s) {
    s->v0 = s->v1 = s->v2 = s->v3 = A5(-INFINITY);
    s->u = _mm512_setzero_si512();
}
/* the 64 columns from c (c + 64 <= cols) */
ACT_INLINE void sm_max64(sm_max_t *s, const float *xr, size_t c) {
    __m512 a = _mm512_loadu_ps(xr + c), b = _mm512_loadu_ps(xr + c + 16);
    __m512 d = _mm512_loadu_ps(xr + c + 32), e = _mm512_loadu_ps(xr + c + 48);
    s->v0 = _mm512_max_ps(s->v0, a);
    s->v1 = _mm512_max_ps(s->v1, b);
    s->v2 = _mm512_max_ps(s->v2, d);
    s->v3 = _mm512_max_ps(s->v3, e);
    /* |x|'s bits, each before the maximum: a negative entry's sign bit
       must not hide a NaN in the same lane */
    __m512i ab = _mm512_max_epu32(_mm512_castps_si512(_mm512_abs_ps(a)),
                                  _mm512_castps_si512(_mm512_abs_ps(b)));
    __m512i de = _mm512_max_epu32(_mm512_castps_si512(_mm512_abs_ps(d)),
                                  _mm512_castps_si512(_mm512_abs_ps(e)));
    s->u = _mm512_max_epu32(s->u, _mm512_max_epu32(ab, de));
}
/* the columns from cmain (the last multiple of 64) on, 16 a step, into v0 */
ACT_INLINE void sm_max_tail(sm_max_t *s, const float *xr, size_t cmain, size_t cols) {
    for (size_t c = cmain; c < cols; c += 16) {
        __m512 a = _mm512_mask_loadu_ps(A5(-INFINITY), sm_mask(c, cols), xr + c);
        s->v0 = _mm512_max_ps(s->v0, a);
        s->u = _mm512_max_epu32(
            s->u, _mm512_and_si512(_mm512_castps_si512(a), _mm512_set1_epi32(INT32_MAX)));
    }
}

/* softmax's y_i = (e_i + el_i)(rh + rl) 2^-64, one significant rounding
   (e_i rl is a normal float wherever y_i is: the header) */
ACT_INLINE __m512 sm_y(__m512 e, __m512 el, __m512 rh, __m512 rl) {
    __m512 z = _mm512_fmadd_ps(e, rh, _mm512_fmadd_ps(el, rh, a5_mul(e, rl)));
    return a5_mul(z, A5(0x1p-64f));
}
/* pass 3 of softmax for the 16 lanes at i (mask k), from the kept e_i and
   el_i */
ACT_INLINE void sm_out(int keep, float *yr, const void *tr, size_t i, __mmask16 k, __m512 rh,
                       __m512 rl) {
    __m512 e = _mm512_maskz_loadu_ps(k, yr + i), el = sm_tail_ld(keep, tr, i, k);
    _mm512_mask_storeu_ps(yr + i, k, sm_y(e, el, rh, rl));
}
/* the same from x_i (rows longer than SM_TAIL16_COLS, whose e_i and el_i
   were not kept): pass 2's e_i and el_i again, bit for bit */
ACT_INLINE void sm_out_x(const float *xr, float *yr, size_t i, __mmask16 k, __m512 negm,
                         __m512 lowx, __m512 rh, __m512 rl) {
    __m512 xv = _mm512_max_ps(_mm512_mask_loadu_ps(A5(-INFINITY), k, xr + i), lowx);
    __m512 vl, v = a5_two_sum(xv, negm, &vl);
    __m512 el, a, q, sc, e = sm_e(v, vl, &el, &a, &q, &sc);
    _mm512_mask_storeu_ps(yr + i, k, sm_y(e, el, rh, rl));
}
/* the same from x_i and the b_i = q sc that pass 2 stored as y_i (long
   rows, y and x apart): a_i = Th S again (a5_exp_lut_head64: the table
   and the scale, no polynomial, no TwoSum), then e_i = a_i + b_i and el_i
   by Fast2Sum (|b_i| < 0.03 a_i). Where b_i is exact, e_i and el_i are
   pass 2's bits; where it is not (subnormal: |b_i| < 2^-126, far below
   half an ulp of a_i wherever y_i is not 0), both give e_i = a_i and el_i
   = b_i rounded: the same bits as sm_out_x. */
ACT_INLINE void sm_out_b(const float *xr, float *yr, size_t i, __mmask16 k, __m512 negm,
                         __m512 lowx, __m512 rh, __m512 rl) {
    __m512 xv = _mm512_max_ps(_mm512_mask_loadu_ps(A5(-INFINITY), k, xr + i), lowx);
    __m512 a = a5_exp_lut_head64(_mm512_add_ps(xv, negm)); /* two_sum's head */
    __m512 b = _mm512_maskz_loadu_ps(k, yr + i);
    __m512 e = _mm512_add_ps(a, b);
    __m512 el = _mm512_sub_ps(b, _mm512_sub_ps(e, a));
    _mm512_mask_storeu_ps(yr + i, k, sm_y(e, el, rh, rl));
}
/* log_softmax's: y_i = ((double)x_i - m) - log1p(t); a whole step as eight
   floats widened from memory (no lane extraction), narrowed and stored as
   eight, a partial one masked */
ACT_INLINE void lsm_out(const float *xr, float *yr, size_t i, __mmask16 k, __m512d md, __m512d l) {
    if (k == 0xffff) {
        __m512d lo = _mm512_sub_pd(_mm512_sub_pd(sm_ld8(xr + i), md), l);
        __m512d hi = _mm512_sub_pd(_mm512_sub_pd(sm_ld8(xr + i + 8), md), l);
        _mm256_storeu_ps(yr + i, _mm512_cvtpd_ps(lo));
        _mm256_storeu_ps(yr + i + 8, _mm512_cvtpd_ps(hi));
    } else {
        __m512 xv = _mm512_maskz_loadu_ps(k, xr + i);
        __m512d lo = _mm512_sub_pd(_mm512_sub_pd(sm_lo(xv), md), l);
        __m512d hi = _mm512_sub_pd(_mm512_sub_pd(sm_hi(xv), md), l);
        _mm512_mask_storeu_ps(yr + i, k, sm_join(lo, hi));
    }
}
/* pass 3 over a row and, with `next` (xn: the next row), pass 1 over the
   next row in the same loop: its maximum is then ready when its row begins
   (one row at a time, each row's exponentials waited for the reduction of
   its maximum and for the argmax) */
ACT_INLINE void sm_out_row(int log_out, int keep, int next, const float *xr, float *yr,
                           const void *tr, size_t cols, __m512 negm, __m512 lowx, __m512 rh,
                           __m512 rl, __m512d md, __m512d l, const float *xn, sm_max_t *st) {
    size_t i = 0;
    if (next) {
        sm_max_init(st);
        for (; i + 64 <= cols; i += 64) {
            sm_max64(st, xn, i);
            for (size_t j = i; j < i + 64; j += 16) {
                if (log_out)
                    lsm_out(xr, yr, j, 0xffff, md, l);
                else if (keep == SM_KEEP_B)
                    sm_out_b(xr, yr, j, 0xffff, negm, lowx, rh, rl);
                else if (keep)
                    sm_out(keep, yr, tr, j, 0xffff, rh, rl);
                else
                    sm_out_x(xr, yr, j, 0xffff, negm, lowx, rh, rl);
            }
        }
        sm_max_tail(st, xn, i, cols);
    }
    for (; i < cols; i += 16) {
        if (log_out)
            lsm_out(xr, yr, i, sm_mask(i, cols), md, l);
        else if (keep == SM_KEEP_B)
            sm_out_b(xr, yr, i, sm_mask(i, cols), negm, lowx, rh, rl);
        else if (keep)
            sm_out(keep, yr, tr, i, sm_mask(i, cols), rh, rl);
        else
            sm_out_x(xr, yr, i, sm_mask(i, cols), negm, lowx, rh, rl);
    }
}

/* the forward over the rows; fsum: pass 2 sums in float pairs, widened
   every 2048 columns (softmax rows of up to SM_F2S_COLS columns) or, with
   fsum = 2, every 512 (up to SM_F2S_LONG_COLS) */
ACT_INLINE void sm_rows_k(int log_out, int fsum, int keep, size_t rows, size_t cols, const float *x,
                          float *y, void *tb) {
    size_t cmain = cols & ~(size_t)63;
    sm_max_t st;
    int have = 0; /* st holds row r's pass 1 (from row r - 1's pass 3) */
    for (size_t r = 0; r < rows; r++) {
        const float *xr = x + r * cols;
        float *yr = y + r * cols;
        /* 1: the maximum, and NaN */
        if (!have) {
            sm_max_init(&st);
            for (size_t c = 0; c < cmain; c += 64)
                sm_max64(&st, xr, c);
            sm_max_tail(&st, xr, cmain, cols);
        }
        have = 0;
        __m512 vmax = _mm512_max_ps(_mm512_max_ps(st.v0, st.v1), _mm512_max_ps(st.v2, st.v3));
        __mmask16 nan = _mm512_cmpgt_epu32_mask(st.u, _mm512_set1_epi32(0x7f800000));
        float m = _mm512_reduce_max_ps(vmax);
        if (nan || !(fabsf(m) <= 0x1p30f)) { /* also |m| > 2^30: see lowx */
            act_softmax_rows(1.0, log_out, 1, cols, xr, yr);
            continue;
        }
        /* the e_i = 1 that t leaves out (any maximum will do); a scan of
           the row for it cost 10% of the forward */
        size_t imax = sm_argmax(xr, cols, cmain, m, st.v0, st.v1, st.v2, st.v3);
        /* 2: e_i and t, two steps per iteration (their chains overlap) */
        /* lowx = m - 200 to within ulp(m)/2 <= 64 (|m| <= 2^30): an x_j
           raised to it has v in [-264, -136], where e^v is 0 in float as
           e^(x_j - m) is, and the exp's argument stays in its range */
        __m512 negm = A5(-m), lowx = A5((float)((double)m - 200.0));
        __m512d t0 = _mm512_setzero_pd(), t1 = _mm512_setzero_pd();
        __m512d t2 = _mm512_setzero_pd(), t3 = _mm512_setzero_pd();
        __m512d acc = _mm512_setzero_pd(); /* softmax: the flushed pairs */
        if (fsum) {
            sm_f2s_reset(&t0, &t1);
            sm_f2s_reset(&t2, &t3);
        }
        size_t i = 0;
        const float *xn = x + act_row_next(r, rows, cols);
        float *yn = y + act_row_next(r, rows, cols);
        /* the iteration that holds imax drops it; the others need no mask.
           softmax widens its pairs each 2048 columns, or 512 (fsum = 2:
           SM_F2S_RUN) */
#define SM_F2S_RUN(i)                                                                              \
    do {                                                                                           \
        if (fsum && ((i) & (fsum == 2 ? 511 : 2047)) == 0 && (i) != 0)                             \
            sm_f2s_flush(&acc, &t0, &t1, &t2, &t3);                                                \
    } while (0)
        size_t ib = imax & ~(size_t)31;
        for (; i + 32 <= cols && i < ib; i += 32) {
            SM_F2S_RUN(i);
            sm_exp_pair(log_out, fsum, keep, 0, xr, yr, tb, i, xn, yn, negm, lowx, imax, &t0, &t1,
                        &t2, &t3);
        }
        if (i + 32 <= cols) {
            SM_F2S_RUN(i);
            sm_exp_pair(log_out, fsum, keep, 1, xr, yr, tb, i, xn, yn, negm, lowx, imax, &t0, &t1,
                        &t2, &t3);
            i += 32;
        }
        for (; i + 32 <= cols; i += 32) {
            SM_F2S_RUN(i);
            sm_exp_pair(log_out, fsum, keep, 0, xr, yr, tb, i, xn, yn, negm, lowx, imax, &t0, &t1,
                        &t2, &t3);
        }
#undef SM_F2S_RUN
        for (; i < cols; i += 16)
            sm_exp_step(log_out, fsum, keep, 1, xr, yr, tb, i, sm_mask(i, cols), negm, lowx, imax,
                        &t0, &t1);
        if (fsum) sm_f2s_flush(&acc, &t0, &t1, &t2, &t3);
        double t =
            fsum
                ? _mm512_reduce_add_pd(acc)
                : _mm512_reduce_add_pd(_mm512_add_pd(_mm512_add_pd(t0, t1), _mm512_add_pd(t2, t3)));
        if (!log_out) t *= 0x1p-64; /* softmax summed e_j 2^64 */
        /* log_softmax's largest output is -log1p(t) ~ -t, so it needs t to
           its last bits; the e_j below 2^-126 that make up a tiny t were
           rounded to subnormal floats (up to 2^-150 each), so such a row
           (every other logit ~83 or more below the maximum) goes to the
           scalar kernel, which sums them in double (log_softmax(200, 200,
           100, 200, 300, 200, 200) was 2.3 subnormal ulp off) */
        if (log_out && t < (double)cols * 0x1p-120) {
            act_softmax_rows(1.0, 1, 1, cols, xr, yr);
            continue;
        }
        /* 3: the outputs, with the next row's pass 1 */
        __m512 rh = _mm512_setzero_ps(), rl = rh;
        __m512d md = _mm512_setzero_pd(), l = md;
        if (log_out) {
            md = _mm512_set1_pd((double)m);
            l = _mm512_set1_pd(log1p(t));
        } else {
            /* e_i (rh + rl), rh + rl = 1/(1 + t) to 2^-48, with one rounding */
            double rd = 1.0 / (1.0 + t);
            float rhf = (float)rd;
            rh = A5(rhf);
            rl = A5((float)(rd - rhf));
        }
        if (r + 1 < rows) {
            sm_out_row(log_out, keep, 1, xr, yr, tb, cols, negm, lowx, rh, rl, md, l, xr + cols,
                       &st);
            have = 1;
        } else {
            sm_out_row(log_out, keep, 0, xr, yr, tb, cols, negm, lowx, rh, rl, md, l, xr, &st);
        }
    }
}

/* each buffer in a frame of its own, so that a call over short rows
   reserves its 8 KiB of stack and not the 16-bit tails' 16 KiB too */
__attribute__((noinline)) static void sm_rows_f32(size_t rows, size_t cols, const float *x,
                                                  float *y) {
    _Alignas(64) float tb[SM_TAIL_STACK];
    sm_rows_k(0, 1, SM_KEEP_F32, rows, cols, x, y, tb);
}
__attribute__((noinline)) static void sm_rows_bf16(size_t rows, size_t cols, const float *x,
                                                   float *y) {
    _Alignas(64) uint16_t tb[SM_TAIL16_COLS];
    sm_rows_k(0, 1, SM_KEEP_BF16, rows, cols, x, y, tb);
}
ACT_INLINE void sm_rows(int log_out, size_t rows, size_t cols, const float *x, float *y) {
    if (log_out) {
        sm_rows_k(1, 0, 0, rows, cols, x, y, NULL);
    } else if (cols <= SM_TAIL_STACK) { /* softmax: e_i and el_i kept */
        sm_rows_f32(rows, cols, x, y);
    } else if (cols <= SM_TAIL16_COLS) { /* el_i kept in 16 bits */
        sm_rows_bf16(rows, cols, x, y);
    } else if (sm_apart(x, y, rows * cols)) { /* b_i kept in y */
        if (cols <= SM_F2S_COLS)
            sm_rows_k(0, 1, SM_KEEP_B, rows, cols, x, y, NULL);
        else if (cols <= SM_F2S_LONG_COLS)
            sm_rows_k(0, 2, SM_KEEP_B, rows, cols, x, y, NULL);
        else
            sm_rows_k(0, 0, SM_KEEP_B, rows, cols, x, y, NULL);
    } else if (cols <= SM_F2S_COLS) { /* computed again in pass 3 */
        sm_rows_k(0, 1, 0, rows, cols, x, y, NULL);
    } else if (cols <= SM_F2S_LONG_COLS) {
        sm_rows_k(0, 2, 0, rows, cols, x, y, NULL);
    } else {
        sm_rows_k(0, 0, 0, rows, cols, x, y, NULL);
    }
}

/* the backward's first pass over 32 columns from i: softmax's sum_j dy_j y_j
   (log_softmax: sum_j dy_j) in four double accumulators */
ACT_INLINE void sm_sum32(int log_out, const float *yr, const float *gr, size_t i, __m512d *s0,
                         __m512d *s1, __m512d *s2, __m512d *s3) {
    if (log_out) {
        *s0 = _mm512_add_pd(*s0, sm_ld8(gr + i));
        *s1 = _mm512_add_pd(*s1, sm_ld8(gr + i + 8));
        *s2 = _mm512_add_pd(*s2, sm_ld8(gr + i + 16));
        *s3 = _mm512_add_pd(*s3, sm_ld8(gr + i + 24));
    } else {
        *s0 = _mm512_fmadd_pd(sm_ld8(gr + i), sm_ld8(yr + i), *s0);
        *s1 = _mm512_fmadd_pd(sm_ld8(gr + i + 8), sm_ld8(yr + i + 8), *s1);
        *s2 = _mm512_fmadd_pd(sm_ld8(gr + i + 16), sm_ld8(yr + i + 16), *s2);
        *s3 = _mm512_fmadd_pd(sm_ld8(gr + i + 24), sm_ld8(yr + i + 24), *s3);
    }
}
/* the first pass's columns from i (a multiple of 32) on, 16 a step, masked,
   and the sum rounded to float */
ACT_INLINE __m512 sm_sum_end(int log_out, const float *yr, const float *gr, size_t i, size_t cols,
                             __m512d s0, __m512d s1, __m512d s2, __m512d s3) {
    for (; i < cols; i += 16) {
        __mmask16 k = sm_mask(i, cols);
        __m512 gv = _mm512_maskz_loadu_ps(k, gr + i);
        if (log_out) {
            s0 = _mm512_add_pd(s0, sm_lo(gv));
            s1 = _mm512_add_pd(s1, sm_hi(gv));
        } else {
            __m512 yv = _mm512_maskz_loadu_ps(k, yr + i);
            s0 = _mm512_fmadd_pd(sm_lo(gv), sm_lo(yv), s0);
            s1 = _mm512_fmadd_pd(sm_hi(gv), sm_hi(yv), s1);
        }
    }
    __m512d st = _mm512_add_pd(_mm512_add_pd(s0, s1), _mm512_add_pd(s2, s3));
    return A5((float)_mm512_reduce_add_pd(st));
}
/* the first pass over a whole row */
ACT_INLINE __m512 sm_sum_row(int log_out, const float *yr, const float *gr, size_t cols) {
    __m512d s0 = _mm512_setzero_pd(), s1 = _mm512_setzero_pd();
    __m512d s2 = _mm512_setzero_pd(), s3 = _mm512_setzero_pd();
    size_t i = 0;
    for (; i + 32 <= cols; i += 32)
        sm_sum32(log_out, yr, gr, i, &s0, &s1, &s2, &s3);
    return sm_sum_end(log_out, yr, gr, i, cols, s0, s1, s2, s3);
}

/* log_softmax's dx_i = dy_i - e^(y_i) sum: e^y for y <= 0 (a float y above
   0 only by rounding); -inf and far below give 0, NaN stays NaN */
ACT_INLINE __m512 lsm_dx(__m512 yv, __m512 gv, __m512 sum) {
    __m512 yc = _mm512_min_ps(_mm512_max_ps(yv, A5(-200.0f)), A5(1.0f));
    __m512 ke, pe = a5_exp_lut0(yc, &ke);
    __m512 e = a5_nan_from(_mm512_scalef_ps(pe, ke), yv);
    return _mm512_fnmadd_ps(e, sum, gv);
}
ACT_INLINE __m512 sm_dx(int log_out, __m512 yv, __m512 gv, __m512 s) {
    return log_out ? lsm_dx(yv, gv, s) : a5_mul(yv, _mm512_sub_ps(gv, s));
}
/* the second pass over row r (sum s), two vectors at a time up to the last
   multiple of 32, then masked; with `next`, the first pass over row r + 1
   in the same loop, so that its sum is ready when its second pass begins
   (one row at a time, each row's second pass waited for its reduction and
   its loads), returned. Nothing is fetched ahead: the first pass over row
   r + 1 already reads it from memory here, and the hardware runs ahead
   of that. Until the twenty-first session the lines of row r + 2 (y, dy)
   were fetched ahead in cache and by log_softmax from 16 Mi floats (the
   sixth session's rows each read their row once from memory and then
   again from L1); without, softmax ran 1.02-1.05x at 4 Ki, 1.03-1.24x at
   256 Ki (rows of 512-1024), 1.12-1.26x in rows of 1536-32768 columns,
   whose rows r, r + 1 and r + 2 crowded the L2, and log_softmax
   1.02-1.03x in cache and 1.19-1.22x at 16 Mi (bench/ab.c); row r + 1's
   dx was fetched from the tenth session to the seventeenth (without,
   1.04-1.10x at 256 Ki and 1 Mi floats, 1.05-1.07x at 4 Ki). Streaming,
   log_softmax stores one line in eight through the cache (ACT_MIXED,
   simd.h: 1.06-1.09x at 16 Mi; softmax 0.97-1.02x). The sums are formed
   in the order sm_sum_row forms them: the same bits. */
ACT_INLINE __m512 sm_bwd_row(int log_out, int nt, int next, size_t cols, const float *yr,
                             const float *gr, float *dxr, __m512 s) {
    __m512d s0 = _mm512_setzero_pd(), s1 = _mm512_setzero_pd();
    __m512d s2 = _mm512_setzero_pd(), s3 = _mm512_setzero_pd();
    size_t i = 0;
    for (; i + 32 <= cols; i += 32) {
        if (next) sm_sum32(log_out, yr + cols, gr + cols, i, &s0, &s1, &s2, &s3);
        __m512 d0 = sm_dx(log_out, _mm512_loadu_ps(yr + i), _mm512_loadu_ps(gr + i), s);
        __m512 d1 = sm_dx(log_out, _mm512_loadu_ps(yr + i + 16), _mm512_loadu_ps(gr + i + 16), s);
        if (nt) {
            a5_stream(dxr + i, d0, log_out && (i & 96) == 0);
            _mm512_stream_ps(dxr + i + 16, d1);
        } else {
            _mm512_storeu_ps(dxr + i, d0);
            _mm512_storeu_ps(dxr + i + 16, d1);
        }
    }
    __m512 sn = next ? sm_sum_end(log_out, yr + cols, gr + cols, i, cols, s0, s1, s2, s3) : s;
    for (; i < cols; i += 16) {
        __mmask16 k = sm_mask(i, cols);
        __m512 yv = _mm512_maskz_loadu_ps(k, yr + i), gv = _mm512_maskz_loadu_ps(k, gr + i);
        _mm512_mask_storeu_ps(dxr + i, k, sm_dx(log_out, yv, gv, s));
    }
    return sn;
}

/* whether a backward writes dx with streaming stores: from ACT_SIMD_NT_MIN
   elements (simd.h: past every cache) where its rows are 64-byte aligned,
   saving the read for ownership of lines that are only written (softmax
   1.17x at 16 Mi floats) */
ACT_INLINE int sm_stream_dx(size_t rows, size_t cols, const float *dx) {
    return rows * cols >= ACT_SIMD_NT_MIN && cols % 16 == 0 && ((uintptr_t)dx & 63) == 0;
}

ACT_SIMD_SM_BWD_ROW_SCALAR

/* both backwards from y (x is not read): row 0's sum first, then each row's
   second pass with the next row's first (sm_bwd_row) */
ACT_INLINE void sm_bwd_rows(int log_out, size_t rows, size_t cols, const float *y, const float *dy,
                            float *dx) {
    if (rows == 0) return;
    int nt = sm_stream_dx(rows, cols, dx), split = sm_bwd_split(log_out, cols);
    __m512 s = sm_sum_row(log_out, y, dy, cols);
    for (size_t r = 0; r < rows; r++) {
        const float *yr = y + r * cols, *gr = dy + r * cols;
        float *dxr = dx + r * cols;
        int next = r + 1 < rows;
        if (sm_bwd_scalar(log_out, _mm512_cvtss_f32(s))) {
            /* the scalar row (the sums in double), and this row's pass over
               the next on its own */
            sm_bwd_row_scalar(log_out, cols, yr, gr, dxr);
            if (next) s = sm_sum_row(log_out, yr + cols, gr + cols, cols);
            continue;
        }
        if (split) { /* each row's passes back to back (simd.h) */
            if (nt)
                sm_bwd_row(log_out, 1, 0, cols, yr, gr, dxr, s);
            else
                sm_bwd_row(log_out, 0, 0, cols, yr, gr, dxr, s);
            if (next) s = sm_sum_row(log_out, yr + cols, gr + cols, cols);
            continue;
        }
        if (nt)
            s = next ? sm_bwd_row(log_out, 1, 1, cols, yr, gr, dxr, s)
                     : sm_bwd_row(log_out, 1, 0, cols, yr, gr, dxr, s);
        else
            s = next ? sm_bwd_row(log_out, 0, 1, cols, yr, gr, dxr, s)
                     : sm_bwd_row(log_out, 0, 0, cols, yr, gr, dxr, s);
    }
    if (nt) _mm_sfence();
}

ACT_SIMD_SOFTMAX_DEFINE(avx512)
