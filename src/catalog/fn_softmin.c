/*
 * softmin - softmax of the negated row.
 *   y_i  = e^(m - x_i) / sum_j e^(m - x_j),    m = min_j x_j
 *   VJP: dx_i = -y_i (dy_i - sum_j dy_j y_j)   (chain rule through -x)
 * PyTorch Softmin(dim=-1). Same method and rules as softmax (row.h) with the
 * roles of +inf and -inf swapped: -inf entries share the mass, an all +inf
 * row and any row holding a NaN give NaN. Backward reads y and dy only, so
 * in-place calls work.
 */
#include "row.h"

static void softmin_row_fwd(const double *p, size_t rows, size_t cols, const float *x, float *y) {
    (void)p;
    act_softmax_rows(-1.0, 0, rows, cols, x, y);
}
static void softmin_row_bwd(const double *p, size_t rows, size_t cols, const float *x,
                            const float *y, const float *dy, float *dx) {
    (void)p;
    (void)x;
    act_softmax_rows_bwd(-1.0, 0, rows, cols, y, dy, dx);
}

const act_desc act_desc_softmin = {
    .name = "softmin",
    .kind = ACT_KIND_ROW,
    .summary = "softmax of -x over a row: e^-x_i / sum_j e^-x_j",
    .formula = "y_i = exp(m - x_i) / sum_j exp(m - x_j), m = min_j x_j",
    .dformula = "dx_i = -y_i * (dy_i - sum_j dy_j * y_j)",
    .origin = "PyTorch Softmin(dim=-1)",
    .notes = "softmax(-x) over each row; -inf entries share the mass equally (PyTorch: NaN), a "
             "row of all +inf or with a NaN gives NaN; backward reads y and dy only (x is not "
             "read), so in-place calls work",
    .aliases = {{0}},
    .row_fwd = softmin_row_fwd,
    .row_bwd = softmin_row_bwd,
    .plot_lo = -5,
    .plot_hi = 5,
};
