/*
 * test_expr.c - the formula language: precedence, functions, conditionals,
 * errors; and every catalog formula parses and agrees with the double
 * reference at ordinary points.
 */
#include "actlab.h"
#include "t.h"

#include <string.h>

static double ev(const char *src, double x) {
    act_expr e;
    const char *vars[] = {"x", "a", NULL};
    char err[ACT_ERRLEN];
    if (act_expr_parse(&e, src, vars, err, sizeof err) != ACT_OK) {
        fprintf(stderr, "parse failed: %s\n", err);
        return NAN;
    }
    double v[2] = {x, 3};
    return act_expr_eval(&e, v);
}

int main(void) {
    CHECK(ev("1+2*3", 0) == 7);
    CHECK(ev("-x^2", 3) == -9);
    CHECK(ev("2^3^2", 0) == 512);
    CHECK(ev("2^-1", 0) == 0.5);
    CHECK(ev("(1+2)*3", 0) == 9);
    CHECK(ev("x > 0 ? x : a*x", -2) == -6);
    CHECK(ev("x > 0 ? 1 : x < -1 ? 2 : 3", -0.5) == 3);
    CHECK(ev("x >= 1 && x <= 2", 1.5) == 1);
    CHECK(ev("x < 1 || x > 2", 1.5) == 0);
    CHECK(ev("min(x, a) + max(x, a)", 1) == 4);
    CHECK(fabs(ev("exp(1)", 0) - M_E) < 1e-15);
    CHECK(fabs(ev("pi", 0) - M_PI) < 1e-15);
    CHECK(ev("inf", 0) == INFINITY);
    CHECK(ev("sign(x)", -0.0) == 0 && ev("sign(x)", -3) == -1);
    CHECK(ev("floor(x)", -1.5) == -2);
    CHECK(ev("1e-3*1000", 0) == 1);

    act_expr e;
    char err[ACT_ERRLEN];
    const char *vars[] = {"x", NULL};
    CHECK(act_expr_parse(&e, "x +", vars, err, sizeof err) == ACT_E_SYNTAX &&
          strstr(err, "offset"));
    CHECK(act_expr_parse(&e, "foo(x)", vars, err, sizeof err) == ACT_E_SYNTAX &&
          strstr(err, "unknown function"));
    CHECK(act_expr_parse(&e, "y", vars, err, sizeof err) == ACT_E_SYNTAX &&
          strstr(err, "unknown name"));
    CHECK(act_expr_parse(&e, "(x", vars, err, sizeof err) == ACT_E_SYNTAX);
    CHECK(act_expr_parse(&e, "x ? 1", vars, err, sizeof err) == ACT_E_SYNTAX);
    CHECK(act_expr_parse(&e, "max(x)", vars, err, sizeof err) == ACT_E_SYNTAX);
    CHECK(act_expr_parse(&e, "", vars, err, sizeof err) == ACT_E_SYNTAX);
    /* deep nesting is refused, not a stack overflow */
    char deep[2100];
    memset(deep, '(', 1000);
    deep[1000] = 'x';
    memset(deep + 1001, ')', 1000);
    deep[2001] = 0;
    CHECK(act_expr_parse(&e, deep, vars, err, sizeof err) == ACT_E_SYNTAX);
    char longexpr[4000] = "x";
    for (int i = 0; i < 300; i++)
        strcat(longexpr, "+x");
    CHECK(act_expr_parse(&e, longexpr, vars, err, sizeof err) == ACT_E_SYNTAX &&
          strstr(err, "too long"));

    /* every catalog formula parses and matches its reference at ordinary points */
    for (int id = 0; id < ACT_COUNT; id++) {
        const act_desc *d = act_describe((act_id)id);
        if (d->kind != ACT_KIND_ELEMENTWISE) continue;
        const char *v[ACT_MAX_PARAMS + 2] = {"x"};
        for (int i = 0; i < d->nparams; i++)
            v[i + 1] = d->params[i].name;
        act_expr f, df;
        CHECKF(act_expr_parse(&f, d->formula, v, err, sizeof err) == ACT_OK, "%s: %s", d->name,
               err);
        CHECKF(act_expr_parse(&df, d->dformula, v, err, sizeof err) == ACT_OK, "%s: %s", d->name,
               err);
        act_fn fn;
        act_lookup(d->name, &fn);
        for (int k = 0; k <= 20; k++) {
            double x = d->plot_lo + (d->plot_hi - d->plot_lo) * (k + 0.37) / 21;
            double vals[ACT_MAX_PARAMS + 1] = {x};
            for (int i = 0; i < d->nparams; i++)
                vals[i + 1] = fn.p[i];
            double a = act_expr_eval(&f, vals), b = act_f(&fn, x);
            double da = act_expr_eval(&df, vals), db = act_df(&fn, x);
            CHECKF((isnan(a) && isnan(b)) || fabs(a - b) <= 1e-9 * (1 + fabs(b)),
                   "%s(%g): formula %.17g, reference %.17g", d->name, x, a, b);
            CHECKF((isnan(da) && isnan(db)) || fabs(da - db) <= 1e-9 * (1 + fabs(db)),
                   "%s'(%g): formula %.17g, reference %.17g", d->name, x, da, db);
        }
    }
    return t_done("test_expr");
}
