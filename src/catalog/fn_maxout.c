/*
 * maxout - maximum over groups of k consecutive values of a row.
 *   y_g  = max_{t < k} x_{g k + t}            (n/k outputs)
 *   VJP: dx_{g k + t} = dy_g at the first argmax t of group g, 0 elsewhere
 * Goodfellow et al. 2013, "Maxout Networks" (k pieces per unit); TensorFlow
 * Addons Maxout(num_units) (groups of n/num_units consecutive values, the
 * same grouping); pylearn2 MaxoutConvC01B. k = 2 by default, the smallest
 * group that makes it nonlinear; k = 1 is the identity.
 * A NaN in a group is its maximum: y_g is NaN and the gradient goes to the
 * first NaN (as PyTorch's max pooling, which also propagates NaN). Ties go to
 * the first maximum (strict >, so max(-0, +0) = -0 from the first entry). Rows
 * need a multiple of k values (out_cols is 0 otherwise, which act_row_check
 * rejects). k is capped at 2^20 so that it converts to size_t exactly.
 * Forward writes output i at or before every input it still has to read, so
 * y == x works; backward fills groups last to first, so dx == dy works too.
 */
#include "fn.h"

#include <assert.h>

static size_t maxout_k(const double *p) { return (size_t)p[0]; }

static size_t maxout_out_cols(const double *p, size_t cols) {
    size_t k = maxout_k(p);
    return cols % k ? 0 : cols / k;
}

/* index in [0, k) of the first maximum of g[0..k), a NaN counting as the maximum */
static size_t maxout_argmax(const float *g, size_t k) {
    size_t best = 0;
    for (size_t t = 1; t < k && !isnan(g[best]); t++)
        if (isnan(g[t]) || g[t] > g[best]) best = t;
    return best;
}

static void maxout_row_fwd(const double *p, size_t rows, size_t cols, const float *x, float *y) {
    size_t k = maxout_k(p);
    assert(k >= 1 && cols % k == 0);
    size_t n = rows * (cols / k); /* rows are contiguous: group i is x[i k, i k + k) */
    for (size_t i = 0; i < n; i++) {
        float v = x[i * k + maxout_argmax(x + i * k, k)];
        y[i] = v;
    }
}

static void maxout_row_bwd(const double *p, size_t rows, size_t cols, const float *x,
                           const float *y, const float *dy, float *dx) {
    (void)y;
    size_t k = maxout_k(p);
    assert(k >= 1 && cols % k == 0);
    size_t n = rows * (cols / k);
    for (size_t i = n; i-- > 0;) {
        float g = dy[i];
        size_t a = maxout_argmax(x + i * k, k);
        for (size_t t = 0; t < k; t++)
            dx[i * k + t] = t == a ? g : 0.0f;
    }
}

const act_desc act_desc_maxout = {
    .name = "maxout",
    .kind = ACT_KIND_ROW,
    .summary = "maximum over groups of k consecutive values of a row",
    .formula = "y_g = max(x[g*k], ..., x[g*k + k - 1])",
    .dformula = "dx[g*k + t] = t == first argmax of group g ? dy_g : 0",
    .origin = "Goodfellow et al. 2013 (Maxout Networks); TensorFlow Addons Maxout; pylearn2",
    .notes = "groups of k consecutive inputs, n/k outputs, rows whose length is not a multiple of "
             "k are rejected; gradient to the first maximum of each group; a NaN in a group gives "
             "NaN and takes the gradient (first NaN); in-place calls (y == x, dx == dy) work",
    .nparams = 1,
    .params = {{"k", 2, 1, 1048576, ACT_P_INTEGER, 0, "values per group (pieces per unit)"}},
    .aliases = {{0}},
    .row_fwd = maxout_row_fwd,
    .row_bwd = maxout_row_bwd,
    .out_cols = maxout_out_cols,
    .plot_lo = -5,
    .plot_hi = 5,
};
