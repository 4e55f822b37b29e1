/*
 * glu - gated linear unit over a row.
 *   the row of n values splits into halves a = x[0, n/2) and b = x[n/2, n);
 *   y_j  = a_j sigmoid(b_j)                       (n/2 outputs)
 *   VJP: da_j = dy_j sigmoid(b_j),  db_j = dy_j a_j sigmoid(b_j) sigmoid(-b_j)
 * Dauphin et al. 2017 (gated convolutional networks); PyTorch GLU(dim=-1) and
 * F.glu (first half is the value, second the gate); Keras 3 glu(axis=-1).
 * Rows need an even number of values (out_cols is 0 for odd ones, which
 * act_row_check rejects). sigmoid is split on the sign (no overflow, the left
 * tail keeps its subnormals) and sigmoid' is taken as e^-|b| / (1 + e^-|b|)^2,
 * not s (1 - s), which is 0 once s rounds to 1. Everything is computed in
 * double and rounded once. IEEE rules otherwise: a = +-inf with b = -inf gives
 * NaN (no limit), as PyTorch.
 * Forward writes output j of row r at r n/2 + j, at or before every input it
 * still has to read, so y == x works (the outputs are packed at the front).
 * Backward fills the rows last to first, so dx == dy works too; it reads x.
 */
#include "fn.h"

#include <assert.h>

static size_t glu_out_cols(const double *p, size_t cols) {
    (void)p;
    return cols % 2 ? 0 : cols / 2;
}

static void glu_row_fwd(const double *p, size_t rows, size_t cols, const float *x, float *y) {
    (void)p;
    assert(cols % 2 == 0);
    size_t h = cols / 2;
    for (size_t r = 0; r < rows; r++)
        for (size_t j = 0; j < h; j++) {
            double a = x[r * cols + j], b = x[r * cols + h + j];
            y[r * h + j] = (float)(a * act_sigmoid(b));
        }
}

static void glu_row_bwd(const double *p, size_t rows, size_t cols, const float *x, const float *y,
                        const float *dy, float *dx) {
    (void)p;
    (void)y;
    assert(cols % 2 == 0);
    size_t h = cols / 2;
    for (size_t r = rows; r-- > 0;)
        for (size_t j = 0; j < h; j++) {
            double a = x[r * cols + j], b = x[r * cols + h + j], g = dy[r * h + j];
            dx[r * cols + j] = (float)(g * act_sigmoid(b));
            dx[r * cols + h + j] = (float)(g * (a * act_dsigmoid(b)));
        }
}

const act_desc act_desc_glu = {
    .name = "glu",
    .kind = ACT_KIND_ROW,
    .summary = "gated linear unit a * sigmoid(b), a and b the two halves of a row",
    .formula = "y_j = a_j * sigmoid(b_j), a = x[0:n/2], b = x[n/2:n]",
    .dformula = "da_j = dy_j * sigmoid(b_j), db_j = dy_j * a_j * sigmoid(b_j) * sigmoid(-b_j)",
    .origin = "Dauphin et al. 2017; PyTorch GLU(dim=-1); Keras glu(axis=-1)",
    .notes = "first half of the row is the value, second half the gate (PyTorch's order); n/2 "
             "outputs, rows of odd length are rejected; sigmoid' as e^-|b|/(1+e^-|b|)^2 (exact in "
             "the tails); backward reads x; in-place calls (y == x, dx == dy) work",
    .aliases = {{0}},
    .row_fwd = glu_row_fwd,
    .row_bwd = glu_row_bwd,
    .out_cols = glu_out_cols,
    .plot_lo = -5,
    .plot_hi = 5,
};
