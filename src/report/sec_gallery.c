/*
 * sec_gallery.c - section 1: every elementwise function of the catalog and
 * its derivative, drawn through the float32 kernels; the article's closing
 * table of Caffe's activation functions, regenerated from the descriptors;
 * and a numerical check of every derivative.
 */
#include "report/r1_util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- one small figure per function ----------------------------------------------- */

typedef struct {
    double x;
    int gap; /* a breakpoint lies just before this sample */
} sample;

static int cmp_sample(const void *a, const void *b) {
    double x = ((const sample *)a)->x, y = ((const sample *)b)->x;
    return (x > y) - (x < y);
}

enum { GRID = 241 }; /* samples across the range: under one per pixel of a small plot */

/* Draws f (solid) and f' (dashed) of fn over [lo, hi] from act_forward and
   act_backward_x (dy = 1). Lines break at the descriptor's breakpoints: f'
   always (it jumps at a kink), f where it jumps. Writes the samples to CSV. */
static int draw_one(rpt_ctx *c, const act_fn *fn) {
    const act_desc *d = act_describe(fn->id);
    double lo = d->plot_lo, hi = d->plot_hi, brk[32];
    double delta = 1e-5 * (hi - lo), near = 0.5 * (hi - lo) / (GRID - 1);
    /* breakpoints at the ends too: a sample there would draw the convention's value */
    int nb = r1_breaks_in(fn, lo - near, hi + near, brk, 32);
    size_t cap = GRID + 2 * (size_t)nb, n = 0;
    sample *s = malloc(cap * sizeof *s);
    float *xf = malloc(cap * sizeof *xf), *yf = malloc(cap * sizeof *yf),
          *ones = malloc(cap * sizeof *ones), *df = malloc(cap * sizeof *df);
    /* the lines: up to one NaN per breakpoint inserted */
    double *lx = malloc((cap + (size_t)nb) * sizeof *lx),
           *ly = malloc((cap + (size_t)nb) * sizeof *ly),
           *dxl = malloc((cap + (size_t)nb) * sizeof *dxl),
           *dyl = malloc((cap + (size_t)nb) * sizeof *dyl);
    int rc = -1;
    if (!s || !xf || !yf || !ones || !df || !lx || !ly || !dxl || !dyl) {
        rpt_fail(c, "gallery: out of memory");
        goto out;
    }
    for (int i = 0; i < GRID; i++) {
        double x = lo + (hi - lo) * i / (GRID - 1);
        int skip = 0;
        for (int b = 0; b < nb; b++)
            skip |= fabs(x - brk[b]) < near;
        if (!skip) s[n++] = (sample){x, 0};
    }
    for (int b = 0; b < nb; b++) {
        if (brk[b] - delta >= lo) s[n++] = (sample){brk[b] - delta, 0};
        if (brk[b] + delta <= hi) s[n++] = (sample){brk[b] + delta, 1};
    }
    qsort(s, n, sizeof *s, cmp_sample);
    for (size_t i = 0; i < n; i++) {
        xf[i] = (float)s[i].x;
        ones[i] = 1.0f;
    }
    act_forward(fn, n, xf, yf);
    act_backward_x(fn, n, xf, ones, df);

    /* how large a step of f must be to count as a jump: relative to its span */
    double fmin = INFINITY, fmax = -INFINITY;
    for (size_t i = 0; i < n; i++)
        if (isfinite(yf[i])) {
            fmin = fmin < yf[i] ? fmin : yf[i];
            fmax = fmax > yf[i] ? fmax : yf[i];
        }
    double jump = 1e-3 * (fmax > fmin ? fmax - fmin : 1.0);
    size_t nf = 0, nd = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i].gap && i > 0) {
            if (fabs((double)yf[i] - (double)yf[i - 1]) > jump) {
                lx[nf] = xf[i];
                ly[nf++] = NAN;
            }
            dxl[nd] = xf[i];
            dyl[nd++] = NAN;
        }
        lx[nf] = xf[i];
        ly[nf++] = yf[i];
        dxl[nd] = xf[i];
        dyl[nd++] = df[i];
    }

    char name[128], title[128], cap_txt[512];
    snprintf(name, sizeof name, "gallery_%s", d->name);
    snprintf(title, sizeof title, "%s", d->name);
    FILE *csv = rpt_csv_open(c, name, "x,f,df");
    if (!csv) {
        rpt_fail(c, "%s.csv: cannot write", name);
        goto out;
    }
    for (size_t i = 0; i < n; i++)
        fprintf(csv, "%.9g,%.9g,%.9g\n", (double)xf[i], (double)yf[i], (double)df[i]);
    if (rpt_csv_close(c, csv, name)) goto out;
    plt_figure *f = plt_new(360, 240, title, "x", "f(x), f'(x)");
    if (!f) {
        rpt_fail(c, "gallery: out of memory");
        goto out;
    }
    plt_xrange(f, lo, hi);
    if (plt_line(f, lx, ly, nf, "f", 0, PLT_SOLID) ||
        plt_line(f, dxl, dyl, nd, "f'", 1, PLT_DASHED)) {
        plt_free(f);
        rpt_fail(c, "gallery: out of memory");
        goto out;
    }
    snprintf(cap_txt, sizeof cap_txt, "%s: %s.", d->name, d->summary);
    rc = rpt_figure(c, f, name, cap_txt, 1);
out:
    free(s);
    free(xf);
    free(yf);
    free(ones);
    free(df);
    free(lx);
    free(ly);
    free(dxl);
    free(dyl);
    return rc;
}

/* the float32 variants named in a mask, "scalar+avx2" */
static const char *isa_names(unsigned mask, char *buf, size_t len) {
    size_t w = 0;
    buf[0] = 0;
    for (int v = 0; v < ACT_ISA_COUNT && w < len; v++)
        if (mask & (1u << v))
            w += (size_t)snprintf(buf + w, len - w, "%s%s", w ? "+" : "", act_isa_name((act_isa)v));
    return buf;
}

/* ---- the Caffe table ------------------------------------------------------------------ */

static const struct {
    const char *layer; /* Caffe's layer type */
    const char *spec;  /* our catalog entry at Caffe's defaults */
} caffe_rows[] = {
    {"ReLU (negative_slope)", "relu"},
    {"Sigmoid", "sigmoid"},
    {"TanH", "tanh"},
    {"AbsVal", "absval"},
    /* Caffe's default is the identity; a real power exercises the formula */
    {"Power", "power(power=3,scale=0.5,shift=1)"},
    {"BNLL", "bnll"},
    {"ELU", "elu"},
    {"Exp", "exp"},
    {"Log", "log"},
    {"PReLU", "prelu"},
    {"Threshold", "caffe_threshold"},
    /* Caffe requires min and max; ours default to -1 and 1 */
    {"Clip", "clip"},
    {"Swish", "swish"},
};
enum { NCAFFE = sizeof caffe_rows / sizeof caffe_rows[0] };

static int caffe_table(rpt_ctx *c, int npts) {
    rpt_h3(c, "Caffe's activation functions and their derivatives");
    rpt_p(c, "The article closes with a table of the activation functions Caffe supports and their "
             "derivatives. Below it is regenerated from the catalog: each Caffe layer, the catalog "
             "entry that computes it (with every parameter written out), and f and f' exactly as "
             "the descriptor states them (the expressions that the test suite evaluates in "
             "multiple precision). The last columns are this run's own check of each derivative.");
    rpt_raw(c, "<div class=\"tw\"><table>\n<thead><tr><th>Caffe layer</th><th>our spec</th>"
               "<th>f(x)</th><th>f'(x)</th><th>derivative check</th>"
               "<th>max error, f'(x) as written</th>"
               "<th>max error, <code>act_df</code> (double)</th>"
               "<th>max error, <code>act_backward_x</code> (float32, every variant)</th>"
               "</tr></thead>\n<tbody>\n");
    FILE *csv =
        rpt_csv_open(c, "gallery_caffe_table",
                     "caffe_layer,spec,formula,dformula,points,max_err_formula,max_err_double,"
                     "max_err_float,pass");
    if (!csv) return rpt_fail(c, "gallery_caffe_table.csv: cannot write");
    int npass = 0;
    for (int r = 0; r < NCAFFE; r++) {
        act_fn fn;
        char err[ACT_ERRLEN], spec[256], b0[32], b1[32], b2[32];
        if (act_parse(caffe_rows[r].spec, &fn, err, sizeof err) != ACT_OK) {
            fclose(csv);
            return rpt_fail(c, "gallery: %s: %s", caffe_rows[r].spec, err);
        }
        const act_desc *d = act_describe(fn.id);
        act_format(&fn, 1, spec, sizeof spec);
        r1_dcheck k;
        if (r1_derivative_check(&fn, d->plot_lo, d->plot_hi, npts, &k)) {
            fclose(csv);
            return rpt_fail(c, "gallery: out of memory");
        }
        npass += k.pass;
        rpt_raw(c, "<tr>");
        r1_td(c, NULL, caffe_rows[r].layer, 0);
        r1_td(c, NULL, spec, 1);
        r1_td(c, NULL, d->formula, 1);
        r1_td(c, NULL, d->dformula, 1);
        char mark[128];
        snprintf(mark, sizeof mark, "%s (%d points)", k.pass ? R1_CHECK : R1_CROSS, k.points);
        r1_td(c, k.pass ? "ok" : "fail", mark, 0);
        snprintf(b0, sizeof b0, "%.1e", k.err_formula);
        snprintf(b1, sizeof b1, "%.1e", k.err_double);
        snprintf(b2, sizeof b2, "%.1e", k.err_float);
        r1_td(c, NULL, b0, 0);
        r1_td(c, NULL, b1, 0);
        r1_td(c, NULL, b2, 0);
        rpt_raw(c, "</tr>\n");
        fprintf(csv, "\"%s\",\"%s\",\"%s\",\"%s\",%d,%.3e,%.3e,%.3e,%d\n", caffe_rows[r].layer,
                spec, d->formula, d->dformula, k.points, k.err_formula, k.err_double, k.err_float,
                k.pass);
    }
    rpt_raw(c, "</tbody></table></div>\n");
    if (rpt_csv_close(c, csv, "gallery_caffe_table")) return -1;
    rpt_raw(c,
            "<p>%d of %d derivatives pass (table as CSV: <a href=\"gallery_caffe_table.csv\">"
            "gallery_caffe_table.csv</a>).</p>\n",
            npass, NCAFFE);
    char isas[64], active[64];
    unsigned supported = 0;
    for (int v = 0; v < ACT_ISA_COUNT; v++)
        if (act_isa_supported((act_isa)v)) supported |= 1u << v;
    isa_names(supported, isas, sizeof isas);
    snprintf(active, sizeof active, "%s", act_isa_name(act_isa_active()));
    rpt_p(c,
          "How the check works: at %d points spread evenly over the function's plotting range "
          "(rounded to float32, and farther than 0.1%% of the range from any breakpoint the "
          "descriptor lists), three derivatives are compared with the central difference "
          "(f(x+h) - f(x-h))/2h of the double reference act_f, h = 1e-5 max(1, |x|): the f'(x) "
          "column as written (the descriptor's expression, evaluated in double), the double "
          "reference act_df, and the float32 kernel act_backward_x with dy = 1, in every variant "
          "this CPU runs (%s; the dispatcher uses %s; a function without its own SIMD kernel "
          "runs the scalar one). The error is |f' - difference| / max(1, |difference|): relative "
          "where |f'| > 1, absolute below. A row passes when both double errors are at most %.0e "
          "and the float32 error at most %.0e; the difference itself is good to about 1e-9 or "
          "better here, float32 rounds to about 6e-8, and a wrong formula errs by order 1.",
          npts, isas, active, R1_TOL_DOUBLE, R1_TOL_FLOAT);
    rpt_p(c, "Parameters are Caffe's defaults (caffe.proto) except two: Power is checked at "
             "power = 3, scale = 0.5, shift = 1, because its default (power = 1) is the identity; "
             "Clip has no default in Caffe (min and max are required), so ours (-1, 1) are used. "
             "BNLL is softplus without PyTorch's linear switch (the alias bnll sets "
             "threshold = inf). Caffe's Threshold layer has no backward pass at all "
             "(NOT_IMPLEMENTED); the catalog's binary_step states f' = 0 away from the step, which "
             "is what the check confirms. PReLU's slope is learned in Caffe; here it is fixed at "
             "its initial value 0.25.");
    return 0;
}

/* ---- the derivative check of the whole catalog ----------------------------------------- */

static int catalog_check(rpt_ctx *c, int npts) {
    rpt_h3(c, "Every derivative, checked");
    FILE *csv = rpt_csv_open(c, "gallery_derivative_check",
                             "name,spec,lo,hi,points,skipped,max_err_formula,max_err_double,"
                             "max_err_float,float_variants,worst_x,pass");
    if (!csv) return rpt_fail(c, "gallery_derivative_check.csv: cannot write");
    int total = 0, npass = 0, nsimd = 0;
    char failed[2048] = "";
    size_t flen = 0;
    for (int id = 0; id < ACT_COUNT; id++) {
        const act_desc *d = act_describe((act_id)id);
        if (d->kind != ACT_KIND_ELEMENTWISE) continue;
        act_fn fn;
        if (act_lookup(d->name, &fn) != ACT_OK) {
            fclose(csv);
            return rpt_fail(c, "gallery: cannot look up %s", d->name);
        }
        r1_dcheck k;
        if (r1_derivative_check(&fn, d->plot_lo, d->plot_hi, npts, &k)) {
            fclose(csv);
            return rpt_fail(c, "gallery: out of memory");
        }
        char spec[256], isas[64];
        act_format(&fn, 1, spec, sizeof spec);
        fprintf(csv, "%s,\"%s\",%g,%g,%d,%d,%.3e,%.3e,%.3e,%s,%.9g,%d\n", d->name, spec, d->plot_lo,
                d->plot_hi, k.points, k.skipped, k.err_formula, k.err_double, k.err_float,
                isa_names(k.isa_mask, isas, sizeof isas), k.worst_x, k.pass);
        nsimd += (k.isa_mask & ~1u) != 0;
        total++;
        npass += k.pass;
        if (!k.pass && flen < sizeof failed - 200)
            flen += (size_t)snprintf(failed + flen, sizeof failed - flen,
                                     "%s%s (formula %.1e, double %.1e, float32 %.1e, at x = %.4g)",
                                     flen ? "; " : "", d->name, k.err_formula, k.err_double,
                                     k.err_float, k.worst_x);
    }
    if (rpt_csv_close(c, csv, "gallery_derivative_check")) return -1;
    char simd[160];
    if (nsimd)
        snprintf(simd, sizeof simd, "%d of them have SIMD kernels this CPU runs, checked too",
                 nsimd);
    else
        snprintf(simd, sizeof simd,
                 "none has SIMD kernels this CPU runs, so the float32 kernels "
                 "checked are the scalar ones");
    rpt_p(c,
          "The same check, run on all %d elementwise functions of the catalog at their default "
          "parameters over their plotting ranges (%s): %d pass, %d fail.",
          total, simd, npass, total - npass);
    if (npass < total) {
        rpt_raw(c, "<p class=\"fail\">Failing: ");
        r1_esc(c, failed);
        rpt_raw(c, ".</p>\n");
    }
    rpt_raw(c, "<p>Per function: <a href=\"gallery_derivative_check.csv\">"
               "gallery_derivative_check.csv</a> (points compared, points outside the domain, the "
               "three maximum errors, the float32 variants checked, and where the worst error "
               "was).</p>\n");
    return 0;
}

/* ---- the section ----------------------------------------------------------------------- */

int rpt_section_gallery(rpt_ctx *c) {
    const int npts = 200;
    int nelem = 0;
    for (int id = 0; id < ACT_COUNT; id++)
        nelem += act_describe((act_id)id)->kind == ACT_KIND_ELEMENTWISE;
    int ndraw = c->smoke ? 4 : nelem;

    rpt_p(c,
          "The catalog holds %d functions, %d of them elementwise (the others, such as softmax, "
          "work on whole rows). Each elementwise function is drawn below at its default "
          "parameters over the range its descriptor suggests: f solid, f' dashed, both computed "
          "by the float32 kernels the trainer uses (act_forward, and act_backward_x with dy = 1; "
          "on this CPU the dispatcher runs a function's %s kernels where it has them, the scalar "
          "ones otherwise), so the pictures show what a network "
          "actually computes. Lines break where the descriptor lists a breakpoint: f' at every "
          "one, f where it jumps. Each figure's samples are in the CSV linked under it.",
          ACT_COUNT, nelem, act_isa_name(act_isa_active()));
    if (c->smoke) rpt_p(c, "Smoke size: only the first %d functions are drawn.", ndraw);
    rpt_raw(c, "<div class=\"grid\">\n");
    int drawn = 0;
    for (int id = 0; id < ACT_COUNT && drawn < ndraw; id++) {
        const act_desc *d = act_describe((act_id)id);
        if (d->kind != ACT_KIND_ELEMENTWISE) continue;
        act_fn fn;
        if (act_lookup(d->name, &fn) != ACT_OK) {
            rpt_raw(c, "</div>\n");
            return rpt_fail(c, "gallery: cannot look up %s", d->name);
        }
        if (draw_one(c, &fn)) {
            rpt_raw(c, "</div>\n");
            return -1;
        }
        drawn++;
    }
    rpt_raw(c, "</div>\n");
    rpt_progress(c, "%d functions drawn", drawn);
    if (caffe_table(c, npts)) return -1;
    if (catalog_check(c, npts)) return -1;
    rpt_progress(c, "derivatives checked");
    return 0;
}
