/*
 * fuzz_expr.c - the formula language (act_expr_parse, act_expr_eval).
 *
 * Input: the expression, in the variables x and y (regress's dim=2 case).
 * A parsed expression is evaluated at special values; a failure must say
 * why in one line.
 */
#include "actlab.h"
#include "fuzz_util.h"

#include <float.h>
#include <math.h>

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) {
    if (n > 4096) return 0;
    char *s = fz_str(d, n);
    static const char *const vars[] = {"x", "y", "x1", "x2", NULL};
    act_expr *e = malloc(sizeof *e);
    if (!e) abort();
    char err[ACT_ERRLEN];
    err[0] = 0;
    if (act_expr_parse(e, s, vars, err, sizeof err) != ACT_OK) {
        FZ_ONE_LINE(err);
    } else {
        if (e->n < 1 || e->n > ACT_EXPR_MAX_NODES || e->root < 0 || e->root >= e->n) abort();
        static const double vals[] = {0, -0.0, 1, -1, 0.5, NAN, INFINITY, -INFINITY,
                                      DBL_MAX, -DBL_MAX, DBL_MIN, 4.9e-324};
        enum { NV = sizeof vals / sizeof vals[0] };
        for (int i = 0; i < NV; i++) {
            double v[4] = {vals[i], vals[NV - 1 - i], vals[i], vals[(i + 3) % NV]};
            (void)act_expr_eval(e, v);
        }
    }
    free(e);
    free(s);
    return 0;
}
