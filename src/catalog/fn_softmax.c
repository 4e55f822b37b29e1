/*
 * softmax - normalised exponential over a row.
 *   y_i  = e^(x_i - m) / sum_j e^(x_j - m),   m = max_j x_j
 *   VJP: dx_i = y_i (dy_i - sum_j dy_j y_j)   (J = diag(y) - y y^T)
 * PyTorch Softmax(dim=-1), Keras softmax(axis=-1), ONNX Softmax (axis=-1 since
 * opset 13), Caffe Softmax (over axis 1 there), oneDNN softmax. Subtracting
 * the maximum makes it exact for any scale of logits (1e30 included); the
 * rules for +-inf and NaN entries are in row.h: +inf entries share the mass,
 * an all -inf row and any row holding a NaN give NaN. Backward reads y and dy
 * only, as PyTorch's, so in-place forward (y == x) and backward (dx == dy)
 * both work.
 */
#include "row.h"

static void softmax_row_fwd(const double *p, size_t rows, size_t cols, const float *x, float *y) {
    (void)p;
    act_softmax_rows(1.0, 0, rows, cols, x, y);
}
static void softmax_row_bwd(const double *p, size_t rows, size_t cols, const float *x,
                            const float *y, const float *dy, float *dx) {
    (void)p;
    (void)x;
    act_softmax_rows_bwd(1.0, 0, rows, cols, y, dy, dx);
}

const act_desc act_desc_softmax = {
    .name = "softmax",
    .kind = ACT_KIND_ROW,
    .summary = "normalised exponential over a row: e^x_i / sum_j e^x_j",
    .formula = "y_i = exp(x_i - m) / sum_j exp(x_j - m), m = max_j x_j",
    .dformula = "dx_i = y_i * (dy_i - sum_j dy_j * y_j)",
    .origin = "PyTorch Softmax(dim=-1); Keras softmax(axis=-1); ONNX Softmax (axis=-1, opset 13); "
              "Caffe Softmax; oneDNN softmax",
    .notes = "over the last axis (each row); max subtracted first, sums in double; +inf entries "
             "share the mass equally (PyTorch: NaN), a row of all -inf or with a NaN gives NaN; "
             "backward reads y and dy only (x is not read), so in-place calls work",
    .aliases = {{0}},
    .row_fwd = softmax_row_fwd,
    .row_bwd = softmax_row_bwd,
    .plot_lo = -5,
    .plot_hi = 5,
};
