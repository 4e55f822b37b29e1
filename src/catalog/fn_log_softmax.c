/*
 * log_softmax - logarithm of softmax over a row.
 *   y_i  = x_i - m - log sum_j e^(x_j - m),   m = max_j x_j
 *   VJP: dx_i = dy_i - e^(y_i) sum_j dy_j     (e^y_i = softmax_i)
 * PyTorch LogSoftmax(dim=-1), Keras log_softmax(axis=-1), ONNX LogSoftmax
 * (axis=-1 since opset 13). The sum is split as 1 + t (t: every term but the
 * first maximum's) and its log taken as log1p(t), so the entries near 0 (a
 * dominant logit: y = -log1p(t), t tiny) keep full relative precision; a
 * plain log(sum) would leave them with an absolute error of 2^-53. Rules for
 * +-inf and NaN as softmax (row.h): c entries at +inf give -log c there and
 * -inf elsewhere. Backward reads y and dy only (as PyTorch's), so in-place
 * calls work; softmax_i is taken as e^(y_i), whose relative error is
 * |y_i| 2^-24 from the rounding of y_i, and whose weight e^(y_i) falls as
 * fast as |y_i| grows.
 */
#include "row.h"

static void log_softmax_row_fwd(const double *p, size_t rows, size_t cols, const float *x,
                                float *y) {
    (void)p;
    act_softmax_rows(1.0, 1, rows, cols, x, y);
}
static void log_softmax_row_bwd(const double *p, size_t rows, size_t cols, const float *x,
                                const float *y, const float *dy, float *dx) {
    (void)p;
    (void)x;
    act_softmax_rows_bwd(1.0, 1, rows, cols, y, dy, dx);
}

const act_desc act_desc_log_softmax = {
    .name = "log_softmax",
    .kind = ACT_KIND_ROW,
    .summary = "log of softmax over a row: x_i - log sum_j e^x_j",
    .formula = "y_i = x_i - m - log(sum_j exp(x_j - m)), m = max_j x_j",
    .dformula = "dx_i = dy_i - exp(y_i) * sum_j dy_j",
    .origin = "PyTorch LogSoftmax(dim=-1); Keras log_softmax(axis=-1); ONNX LogSoftmax (axis=-1, "
              "opset 13)",
    .notes = "over the last axis (each row); log of the sum as log1p of the terms other than the "
             "maximum's (exact near 0); c entries at +inf give -log c and the rest -inf (PyTorch: "
             "NaN), a row of all -inf or with a NaN gives NaN; backward reads y and dy only (x is "
             "not read), so in-place calls work",
    .aliases = {{"logsoftmax", "", "ONNX LogSoftmax, PyTorch LogSoftmax"}, {0}},
    .row_fwd = log_softmax_row_fwd,
    .row_bwd = log_softmax_row_bwd,
    .plot_lo = -5,
    .plot_hi = 5,
};
