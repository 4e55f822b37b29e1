/*
 * row.h - the softmax family, shared by fn_softmax.c, fn_log_softmax.c and
 * fn_softmin.c (one implementation of the special-value rules, tested once).
 *
 * A row of n values v_i = s * x_i (s = +1: softmax, s = -1: softmin) maps to
 *   softmax_i     = e^(v_i - m) / (1 + t)
 *   log_softmax_i = (v_i - m) - log1p(t)
 * where m = max_j v_j and t = sum over j other than the first argmax of
 * e^(v_j - m). Writing the sum as 1 + t and taking log1p(t) keeps the entries
 * of log_softmax near 0 exact: with one dominant logit, log(1 + t) would lose
 * t below 2^-53 relative to 1, log1p(t) keeps it to a few ULP. v_i - m is
 * exact in double for float inputs (or off by 2^-53 relative), e^(.) <= 1
 * never overflows, and the sum is accumulated in double. Rules for rows
 * that are not all finite (NaN in, or no limit, gives NaN; otherwise the limit):
 *   - a NaN anywhere in the row makes the whole row NaN (as PyTorch);
 *   - entries with v_i = +inf share the mass equally: 1/c each for c such
 *     entries, 0 elsewhere (log: -log c and -inf). This is the limit as those
 *     logits grow together; PyTorch returns NaN here (inf - inf);
 *   - every v_i = -inf: NaN for the whole row (no limit: the answer depends on
 *     how the logits go to -inf), as PyTorch;
 *   - entries with v_i = -inf next to larger ones get 0 (log: -inf).
 * Forward reads x and writes y element by element after two reading passes,
 * so y == x works. The backward kernels read y and dy only (never x: after an
 * in-place forward x holds y), sum first and then write, so dx == dy (or
 * dx == y) works.
 */
#ifndef ACT_ROW_H
#define ACT_ROW_H

#include "fn.h"

static inline void act_softmax_rows(double s, int log_out, size_t rows, size_t cols, const float *x,
                                    float *y) {
    for (size_t r = 0; r < rows; r++) {
        const float *xr = x + r * cols;
        float *yr = y + r * cols;
        double m = -ACT_INF;
        size_t imax = 0;
        int nan = 0;
        for (size_t i = 0; i < cols; i++) {
            double v = s * xr[i];
            if (isnan(v))
                nan = 1;
            else if (v > m) {
                m = v;
                imax = i;
            }
        }
        if (nan || m == -ACT_INF) {
            for (size_t i = 0; i < cols; i++)
                yr[i] = NAN;
            continue;
        }
        if (m == ACT_INF) {
            size_t c = 0;
            for (size_t i = 0; i < cols; i++)
                c += s * xr[i] == ACT_INF;
            /* 0 - log c, so that c = 1 gives +0 as a finite row of one value does */
            double share = log_out ? 0.0 - log((double)c) : 1.0 / (double)c;
            for (size_t i = 0; i < cols; i++)
                yr[i] = (float)(s * xr[i] == ACT_INF ? share : (log_out ? -ACT_INF : 0.0));
            continue;
        }
        double t = 0;
        for (size_t i = 0; i < cols; i++)
            if (i != imax) t += exp(s * xr[i] - m);
        if (log_out) {
            double l = log1p(t);
            for (size_t i = 0; i < cols; i++)
                yr[i] = (float)((s * xr[i] - m) - l);
        } else {
            double d = 1.0 + t;
            for (size_t i = 0; i < cols; i++)
                yr[i] = (float)(exp(s * xr[i] - m) / d);
        }
    }
}

/* the VJPs from y: softmax (s = +1) and softmin (s = -1)
     dx_i = s y_i (dy_i - sum_j dy_j y_j),
   log_softmax (log_out; s = +1)
     dx_i = dy_i - e^(y_i) sum_j dy_j      (e^(y_i) = softmax_i),
   the sums in double (the SIMD kernels send a row here where theirs would
   overflow: simd.h, sm_bwd_scalar) */
static inline void act_softmax_rows_bwd(double s, int log_out, size_t rows, size_t cols,
                                        const float *y, const float *dy, float *dx) {
    for (size_t r = 0; r < rows; r++) {
        const float *yr = y + r * cols, *dyr = dy + r * cols;
        float *dxr = dx + r * cols;
        double sum = 0;
        for (size_t i = 0; i < cols; i++)
            sum += log_out ? (double)dyr[i] : (double)dyr[i] * yr[i];
        for (size_t i = 0; i < cols; i++)
            dxr[i] = (float)(log_out ? (double)dyr[i] - exp(yr[i]) * sum
                                     : s * yr[i] * ((double)dyr[i] - sum));
    }
}

#endif
