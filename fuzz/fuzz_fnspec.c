/*
 * fuzz_fnspec.c - function specs (act_parse).
 *
 * A spec that parses must format back to a spec that parses to the same
 * function, validate, run forward and backward on special values without a
 * sanitizer report, and (elementwise) have computable properties.
 */
#include "actlab.h"
#include "fuzz_util.h"

#include <float.h>
#include <math.h>

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) {
    if (n > 4096) return 0;
    char *s = fz_str(d, n);
    act_fn fn, fn2;
    char err[ACT_ERRLEN];
    err[0] = 0;
    act_status st = act_parse(s, &fn, err, sizeof err);
    if (st != ACT_OK) {
        FZ_ONE_LINE(err);
        free(s);
        return 0;
    }
    if (act_validate(&fn, err, sizeof err) != ACT_OK) abort();
    char canon[512];
    size_t need = act_format(&fn, 1, canon, sizeof canon);
    if (need >= sizeof canon) abort();
    if (act_parse(canon, &fn2, err, sizeof err) != ACT_OK) {
        fprintf(stderr, "'%s' -> '%s' does not parse: %s\n", s, canon, err);
        abort();
    }
    if (fn2.id != fn.id || memcmp(fn2.p, fn.p, sizeof fn.p) != 0) {
        fprintf(stderr, "'%s' -> '%s' parses to another function\n", s, canon);
        abort();
    }
    const act_desc *desc = act_describe(fn.id);
    static const float xs[] = {NAN, INFINITY, -INFINITY, 0.0f, -0.0f, FLT_MIN, -FLT_MIN,
                               1e-45f, -1e-45f, FLT_MAX, -FLT_MAX, 1, -1, 0.5f, 3, -3, 20, -20,
                               88.7f, -88.7f, 1e10f, -1e10f};
    enum { N = sizeof xs / sizeof xs[0] };
    float y[N], dy[N], dx[N];
    for (int i = 0; i < N; i++) dy[i] = 1;
    if (desc->kind == ACT_KIND_ELEMENTWISE) {
        act_forward(&fn, N, xs, y);
        act_backward_x(&fn, N, xs, dy, dx);
        if (act_has_backward_y(&fn)) act_backward_y(&fn, N, y, dy, dx);
        for (int i = 0; i < N; i++) {
            (void)act_f(&fn, xs[i]);
            (void)act_df(&fn, xs[i]);
        }
        act_props p;
        if (n < 64 && act_properties(&fn, &p) != ACT_OK) abort();
    } else {
        for (size_t cols = 1; cols <= 6; cols++) {
            if (act_row_check(&fn, cols, err, sizeof err) != ACT_OK) continue;
            size_t oc = act_out_cols(&fn, cols), rows = N / cols;
            float yr[N], dyr[N];
            if (oc > cols) abort();
            for (int i = 0; i < N; i++) dyr[i] = 1;
            act_row_forward(&fn, rows, cols, xs, yr);
            act_row_backward(&fn, rows, cols, xs, yr, dyr, dx);
        }
    }
    free(s);
    return 0;
}
