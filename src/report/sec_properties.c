/*
 * sec_properties.c - section 2: the properties of every elementwise function,
 * computed by act_properties at default parameters, in one table; where a
 * computed property differs from the one the descriptor documents, the cell
 * is marked. The prose names the functions that meet the article's
 * universal-approximation conditions and Leshno et al.'s, from the table.
 */
#include "report/r1_util.h"

#include <math.h>
#include <string.h>

/* names joined with ", " into a growing buffer */
typedef struct {
    char s[2048];
    size_t len;
    int n;
} namelist;

static void nl_add(namelist *l, const char *name) {
    if (l->len < sizeof l->s - 64)
        l->len +=
            (size_t)snprintf(l->s + l->len, sizeof l->s - l->len, "%s%s", l->n ? ", " : "", name);
    else if (l->len < sizeof l->s - 8)
        l->len += (size_t)snprintf(l->s + l->len, sizeof l->s - l->len, ", ...");
    l->n++;
}

/* the test suite's comparison (tests/test_props.c): the probing grid finds an
   interior extremum to about 1e-6 */
static int same_num(double a, double b) {
    if (isinf(a) || isinf(b)) return a == b;
    if (isnan(a) || isnan(b)) return isnan(a) && isnan(b);
    return fabs(a - b) <= 1e-6 * (1 + fabs(a) + fabs(b));
}

/* where f is undefined (NaN) or infinite at a finite x of [-20, 20]: the
   reasons Leshno's theorem does not apply other than being a polynomial */
static void domain(const act_fn *fn, int *gap, int *infinite) {
    *gap = *infinite = 0;
    for (int i = -2000; i <= 2000; i++) {
        double y = act_f(fn, i * 0.01);
        if (isnan(y))
            *gap = 1;
        else if (isinf(y))
            *infinite = 1;
    }
}

static const char *bounded_name(const act_props *p) {
    return p->bounded_below && p->bounded_above ? "both"
           : p->bounded_below                   ? "below"
           : p->bounded_above                   ? "above"
                                                : "no";
}

static void kinks_text(const act_props *p, char *buf, size_t len) {
    if (p->n_kinks == 0) {
        snprintf(buf, len, "none");
        return;
    }
    size_t w = 0;
    for (int i = 0; i < p->n_kinks && w < len; i++)
        w += (size_t)snprintf(buf + w, len - w, "%s%.4g", i ? ", " : "", p->kinks[i]);
    if (p->kinks_truncated && w < len) snprintf(buf + w, len - w, ", ...");
}

int rpt_section_properties(rpt_ctx *c) {
    static const char *const head[] = {"function",
                                       "range (inf to sup)",
                                       "bounded",
                                       "monotone",
                                       "f(0) = 0",
                                       "symmetry",
                                       "smoothness",
                                       "non-differentiable points",
                                       "sup |f'|",
                                       "saturates left",
                                       "saturates right",
                                       "article's UAT conditions",
                                       "Leshno et al. (not a polynomial)"};
    enum { NCOL = sizeof head / sizeof head[0] };
    int limit = c->smoke ? 6 : ACT_COUNT;

    rpt_p(c,
          "Every cell below is computed in this run by the library's act_properties at the "
          "function's default parameters, by probing its double-precision reference: a grid of "
          "step 1/256 over [-16, 16] (wider when a breakpoint lies further out), geometric tails "
          "out to +-1e300 and the limits at +-inf. Jumps of f or f' are located by bisection; "
          "saturation follows Gulcehre et al. (2016): f' tends to 0 on that side (soft) or is "
          "exactly 0 beyond some finite c (hard). The range is the infimum and supremum over the "
          "reals (limits included; whether they are attained is not shown). A cell marked * "
          "differs from the property the function's descriptor documents.");
    if (c->smoke) rpt_p(c, "Smoke size: only the first functions of the catalog are listed.");

    FILE *csv = rpt_csv_open(c, "properties",
                             "name,inf,sup,bounded_below,bounded_above,monotone,zero_centred,"
                             "symmetry,smoothness,n_kinks,kinks,sup_df,sat_left,sat_right,"
                             "uat_article,uat_leshno,differs_from_declared");
    if (!csv) return rpt_fail(c, "properties.csv: cannot write");
    rpt_table_begin(c, NCOL, head);

    namelist article = {0}, unb = {0}, nonmono = {0}, disc = {0}, poly = {0}, nodomain = {0},
             differ = {0}, both_sat = {0}, art_not_leshno = {0};
    int total = 0, nleshno = 0, relu_unb = 0;
    for (int id = 0; id < ACT_COUNT && total < limit; id++) {
        const act_desc *d = act_describe((act_id)id);
        if (d->kind != ACT_KIND_ELEMENTWISE) continue;
        act_fn fn;
        act_props p;
        if (act_lookup(d->name, &fn) != ACT_OK || act_properties(&fn, &p) != ACT_OK) {
            fclose(csv);
            rpt_table_end(c);
            return rpt_fail(c, "properties: cannot compute the properties of %s", d->name);
        }
        total++;
        const act_props *q = &d->declared;
        /* which cells differ from the documented properties */
        int dif[NCOL] = {0};
        dif[1] = !same_num(p.inf, q->inf) || !same_num(p.sup, q->sup);
        dif[2] = p.bounded_below != q->bounded_below || p.bounded_above != q->bounded_above;
        dif[3] = p.monotone != q->monotone;
        dif[4] = p.zero_centred != q->zero_centred;
        dif[5] = p.symmetry != q->symmetry;
        dif[6] = p.smoothness != q->smoothness;
        dif[7] = p.n_kinks != q->n_kinks;
        for (int k = 0; !dif[7] && k < p.n_kinks; k++)
            dif[7] = !same_num(p.kinks[k], q->kinks[k]);
        dif[8] = !same_num(p.sup_df, q->sup_df);
        dif[9] = p.sat_left != q->sat_left;
        dif[10] = p.sat_right != q->sat_right;
        dif[11] = p.uat_article != q->uat_article;
        dif[12] = p.uat_leshno != q->uat_leshno;
        int ndif = 0;
        for (int k = 0; k < NCOL; k++)
            ndif += dif[k];
        if (ndif) nl_add(&differ, d->name);

        char cell[NCOL][160], a[48], b[48];
        snprintf(cell[0], sizeof cell[0], "%s", d->name);
        snprintf(cell[1], sizeof cell[1], "%s to %s", r1_num(a, sizeof a, p.inf, 4),
                 r1_num(b, sizeof b, p.sup, 4));
        snprintf(cell[2], sizeof cell[2], "%s", bounded_name(&p));
        snprintf(cell[3], sizeof cell[3], "%s", act_monotone_name(p.monotone));
        snprintf(cell[4], sizeof cell[4], "%s", p.zero_centred ? "yes" : "no");
        snprintf(cell[5], sizeof cell[5], "%s", act_symmetry_name(p.symmetry));
        snprintf(cell[6], sizeof cell[6], "%s", act_smoothness_name(p.smoothness));
        kinks_text(&p, cell[7], sizeof cell[7]);
        snprintf(cell[8], sizeof cell[8], "%s", r1_num(a, sizeof a, p.sup_df, 4));
        snprintf(cell[9], sizeof cell[9], "%s", act_saturation_name(p.sat_left));
        snprintf(cell[10], sizeof cell[10], "%s", act_saturation_name(p.sat_right));
        snprintf(cell[11], sizeof cell[11], "%s", p.uat_article ? R1_CHECK : "-");
        snprintf(cell[12], sizeof cell[12], "%s", p.uat_leshno ? R1_CHECK : "-");
        rpt_raw(c, "<tr>");
        for (int k = 0; k < NCOL; k++) {
            if (dif[k]) {
                size_t l = strlen(cell[k]);
                if (l + 2 < sizeof cell[k]) memcpy(cell[k] + l, " *", 3);
            }
            r1_td(c,
                  dif[k]                           ? "fail"
                  : (k >= 11 && cell[k][0] != '-') ? "ok"
                                                   : NULL,
                  cell[k], k == 0);
        }
        rpt_raw(c, "</tr>\n");
        fprintf(csv, "%s,%.17g,%.17g,%d,%d,%s,%d,%s,%s,%d,\"%s\",%.17g,%s,%s,%d,%d,%d\n", d->name,
                p.inf, p.sup, p.bounded_below, p.bounded_above, act_monotone_name(p.monotone),
                p.zero_centred, act_symmetry_name(p.symmetry), act_smoothness_name(p.smoothness),
                p.n_kinks, cell[7], p.sup_df, act_saturation_name(p.sat_left),
                act_saturation_name(p.sat_right), p.uat_article, p.uat_leshno, ndif > 0);

        /* the lists for the prose */
        int gap, infinite;
        domain(&fn, &gap, &infinite);
        nleshno += p.uat_leshno;
        if (p.uat_article) nl_add(&article, d->name);
        if (p.uat_article && !p.uat_leshno) nl_add(&art_not_leshno, d->name);
        if (p.sat_left != ACT_SAT_NONE && p.sat_right != ACT_SAT_NONE) nl_add(&both_sat, d->name);
        if (!p.uat_article && p.uat_leshno) {
            if (!(p.bounded_below && p.bounded_above)) {
                nl_add(&unb, d->name);
                relu_unb |= fn.id == ACT_relu;
            } else if (p.monotone != ACT_MONO_INCREASING)
                nl_add(&nonmono, d->name);
            else if (p.smoothness == ACT_SMOOTH_DISCONTINUOUS)
                nl_add(&disc, d->name);
        }
        if (!p.uat_leshno) {
            if (gap || infinite)
                nl_add(&nodomain, d->name);
            else if (p.inf == p.sup) {
                char t[160];
                snprintf(t, sizeof t, "%s (a constant)", d->name);
                nl_add(&poly, t);
            } else
                nl_add(&poly, d->name);
        }
    }
    rpt_table_end(c);
    if (rpt_csv_close(c, csv, "properties")) return -1;
    rpt_raw(c, "<p>The table as CSV: <a href=\"properties.csv\">properties.csv</a>.</p>\n");
    rpt_progress(c, "%d functions probed", total);

    rpt_h3(c, "Which functions make a universal approximator");
    rpt_p(c,
          "The article states the classical sufficient condition (Cybenko 1989, Hornik 1991): "
          "one hidden layer approximates any continuous function on a compact set if f is "
          "nonconstant, bounded, monotonically increasing and continuous. It is not necessary: "
          "Leshno et al. (1993) proved that for a locally bounded, piecewise continuous f (with "
          "a bias term) the condition is exactly that f is not a polynomial. By the computed "
          "properties, %d of the %d functions meet the article's condition and %d meet Leshno's.",
          article.n, total, nleshno);
    rpt_p(c, "Meet the article's condition (%d): %s.", article.n, article.n ? article.s : "none");
    if (unb.n)
        rpt_p(c, "Fail it because they are unbounded, yet satisfy Leshno's (%d): %s.%s", unb.n,
              unb.s,
              relu_unb ? " ReLU is the important case: the function most used today is not covered "
                         "by the article's theorem, but is by Leshno's."
                       : "");
    if (nonmono.n)
        rpt_p(c, "Bounded but not monotone increasing, yet satisfy Leshno's (%d): %s.", nonmono.n,
              nonmono.s);
    if (disc.n)
        rpt_p(c, "Bounded and monotone but discontinuous, yet satisfy Leshno's (%d): %s.", disc.n,
              disc.s);
    if (poly.n)
        rpt_p(c,
              "Fail Leshno's condition because the library finds them to be polynomials (%d): %s. "
              "A network of these computes a polynomial of bounded degree, so it cannot "
              "approximate everything however wide it is; the identity collapses every depth to "
              "one linear map (section 3).",
              poly.n, poly.s);
    if (nodomain.n)
        rpt_p(c,
              "Fall outside both theorems because f is undefined (NaN) or infinite somewhere on "
              "the real line (%d): %s.",
              nodomain.n, nodomain.s);
    if (art_not_leshno.n)
        rpt_p(c,
              "Meet the article's condition but not Leshno's (%d), which would contradict the "
              "theorems: %s.",
              art_not_leshno.n, art_not_leshno.s);
    rpt_p(c,
          "Saturate on both sides in the sense of Gulcehre et al. (%d): %s. These are the "
          "functions whose derivative can vanish in a deep network (sections 6 and 7).",
          both_sat.n, both_sat.n ? both_sat.s : "none");
    if (differ.n) {
        rpt_raw(c,
                "<p class=\"fail\">Computed properties differ from the documented ones for %d "
                "function(s): ",
                differ.n);
        r1_esc(c, differ.s);
        rpt_raw(c, " (cells marked *).</p>\n");
    } else
        rpt_p(c,
              "For all %d functions the computed properties agree with the ones each "
              "descriptor documents.",
              total);
    return 0;
}
