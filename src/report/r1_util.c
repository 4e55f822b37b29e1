/* r1_util.c - see r1_util.h. */
#include "report/r1_util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void r1_esc(rpt_ctx *c, const char *s) {
    for (; *s; s++)
        switch (*s) {
        case '<': fputs("&lt;", c->html); break;
        case '>': fputs("&gt;", c->html); break;
        case '&': fputs("&amp;", c->html); break;
        case '"': fputs("&quot;", c->html); break;
        default: fputc(*s, c->html);
        }
}

void r1_td(rpt_ctx *c, const char *cls, const char *text, int code) {
    if (cls)
        rpt_raw(c, "<td class=\"%s\">", cls);
    else
        rpt_raw(c, "<td>");
    if (code) rpt_raw(c, "<code>");
    r1_esc(c, text ? text : "");
    if (code) rpt_raw(c, "</code>");
    rpt_raw(c, "</td>");
}

const char *r1_num(char *buf, size_t len, double v, int digits) {
    if (isinf(v))
        snprintf(buf, len, "%s" R1_INF, v < 0 ? "-" : "");
    else if (isnan(v))
        snprintf(buf, len, "NaN");
    else
        snprintf(buf, len, "%.*g", digits, v == 0 ? 0.0 : v);
    return buf;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int r1_breaks_in(const act_fn *fn, double lo, double hi, double *out, int max) {
    const act_desc *d = act_describe(fn->id);
    double all[64];
    int n = d->breaks ? d->breaks(fn->p, all, 64) : 0;
    if (n > 64) n = 64;
    int k = 0;
    for (int i = 0; i < n; i++)
        if (isfinite(all[i]) && all[i] > lo && all[i] < hi && k < max) out[k++] = all[i];
    qsort(out, (size_t)k, sizeof *out, cmp_double);
    return k;
}

int r1_derivative_check(const act_fn *fn, double lo, double hi, int npts, r1_dcheck *o) {
    memset(o, 0, sizeof *o);
    o->worst_x = NAN;
    const act_desc *d = act_describe(fn->id);
    act_expr ex;
    char perr[ACT_ERRLEN];
    const char *vars[ACT_MAX_PARAMS + 2] = {"x"};
    for (int i = 0; i < d->nparams; i++)
        vars[i + 1] = d->params[i].name;
    int have_expr =
        d->dformula && act_expr_parse(&ex, d->dformula, vars, perr, sizeof perr) == ACT_OK;
    if (!have_expr) o->err_formula = INFINITY;
    double brk[64];
    /* breakpoints just outside the range still spoil a stencil inside it */
    int nb = r1_breaks_in(fn, lo - 1, hi + 1, brk, 64);
    double margin = 1e-3 * (hi - lo);
    float *x = malloc((size_t)npts * sizeof *x), *ones = malloc((size_t)npts * sizeof *ones),
          *dx = malloc((size_t)npts * ACT_ISA_COUNT * sizeof *dx);
    if (!x || !ones || !dx) {
        free(x);
        free(ones);
        free(dx);
        return -1;
    }
    int n = 0;
    for (int i = 0; i < npts; i++) {
        float xf = (float)(lo + (hi - lo) * (i + 0.5) / npts);
        int near = 0;
        for (int b = 0; b < nb; b++)
            near |= fabs((double)xf - brk[b]) < margin;
        if (!near) x[n++] = xf;
    }
    for (int i = 0; i < n; i++)
        ones[i] = 1.0f;
    /* every float32 variant this CPU runs: the scalar reference and the SIMD kernels */
    for (int v = 0; v < ACT_ISA_COUNT; v++)
        if (act_isa_supported((act_isa)v) && act_has_variant(fn->id, (act_isa)v)) {
            act_backward_x_isa(fn, (act_isa)v, (size_t)n, x, ones, dx + (size_t)v * (size_t)npts);
            o->isa_mask |= 1u << v;
        }
    double worst = -1;
    for (int i = 0; i < n; i++) {
        double xd = x[i], h = 1e-5 * fmax(1.0, fabs(xd));
        double xp = xd + h, xm = xd - h;
        double fd = (act_f(fn, xp) - act_f(fn, xm)) / (xp - xm);
        if (!isfinite(fd)) {
            o->skipped++;
            continue;
        }
        o->points++;
        double scale = fmax(1.0, fabs(fd));
        double dd = act_df(fn, xd);
        double ed = isfinite(dd) ? fabs(dd - fd) / scale : INFINITY, ef = 0;
        for (int v = 0; v < ACT_ISA_COUNT; v++)
            if (o->isa_mask & (1u << v)) {
                double df = dx[(size_t)v * (size_t)npts + (size_t)i];
                ef = fmax(ef, isfinite(df) ? fabs(df - fd) / scale : INFINITY);
            }
        double ee = 0;
        if (have_expr) {
            double vals[ACT_MAX_PARAMS + 1] = {xd};
            for (int k = 0; k < d->nparams; k++)
                vals[k + 1] = fn->p[k];
            double de = act_expr_eval(&ex, vals);
            ee = isfinite(de) ? fabs(de - fd) / scale : INFINITY;
            if (ee > o->err_formula) o->err_formula = ee;
        }
        if (ed > o->err_double) o->err_double = ed;
        if (ef > o->err_float) o->err_float = ef;
        double w = fmax(fmax(ed, ee) / R1_TOL_DOUBLE, ef / R1_TOL_FLOAT);
        if (w > worst) {
            worst = w;
            o->worst_x = xd;
        }
    }
    o->pass = o->points > 0 && o->err_double <= R1_TOL_DOUBLE && o->err_formula <= R1_TOL_DOUBLE &&
              o->err_float <= R1_TOL_FLOAT;
    free(x);
    free(ones);
    free(dx);
    return 0;
}
