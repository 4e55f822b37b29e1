/*
 * catalog.c - actlab list, show and eval.
 */
#include "cli/cli.h"
#include "plot/plot.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

int cli_parse_fn(const char *spec, act_fn *fn) {
    char err[ACT_ERRLEN];
    if (act_parse(spec, fn, err, sizeof err) != ACT_OK) {
        fprintf(stderr, "actlab: %s\n", err);
        return 1;
    }
    return 0;
}

int cli_number(const char *s, double *out) {
    while (isspace((unsigned char)*s)) s++;
    if (!*s) return 0;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    while (isspace((unsigned char)*end)) end++;
    if (end == s || *end) return 0;
    *out = v;
    return 1;
}

void cli_json_str(FILE *out, const char *s) {
    fputc('"', out);
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') fprintf(out, "\\%c", c);
        else if (c < 0x20) fprintf(out, "\\u%04x", c);
        else fputc(c, out);
    }
    fputc('"', out);
}

void cli_json_num(FILE *out, double v) {
    if (isfinite(v)) fprintf(out, "%.17g", v);
    else if (isnan(v)) fputs("null", out);
    else fputs(v > 0 ? "\"inf\"" : "\"-inf\"", out);
}

static void fmt_num(char *buf, size_t n, double v) {
    if (isinf(v)) snprintf(buf, n, "%sinf", v < 0 ? "-" : "");
    else snprintf(buf, n, "%.6g", v);
}

static void range_str(char *buf, size_t n, const act_props *p) {
    char a[32], b[32];
    fmt_num(a, sizeof a, p->inf);
    fmt_num(b, sizeof b, p->sup);
    snprintf(buf, n, "[%s, %s]", a, b);
}

static void params_str(char *buf, size_t n, const act_desc *d) {
    size_t w = 0;
    buf[0] = 0;
    for (int i = 0; i < d->nparams && w < n; i++) {
        const act_param *pm = &d->params[i];
        if (pm->flags & ACT_P_CHOICE) {
            const char *c = pm->choices;
            int idx = (int)pm->def;
            for (int k = 0; k < idx && c; k++) {
                c = strchr(c, '|');
                if (c) c++;
            }
            const char *e = c ? strchr(c, '|') : NULL;
            w += (size_t)snprintf(buf + w, n - w, "%s%s=%.*s", i ? "," : "", pm->name,
                                  c ? (int)(e ? e - c : (long)strlen(c)) : 1, c ? c : "?");
        } else {
            w += (size_t)snprintf(buf + w, n - w, "%s%s=%g", i ? "," : "", pm->name, pm->def);
        }
    }
}

static void print_json_props(FILE *out, const act_props *p) {
    fprintf(out, "{\"range\": [");
    cli_json_num(out, p->inf);
    fprintf(out, ", ");
    cli_json_num(out, p->sup);
    fprintf(out, "], \"bounded_below\": %s, \"bounded_above\": %s, ",
            p->bounded_below ? "true" : "false", p->bounded_above ? "true" : "false");
    fprintf(out, "\"monotone\": \"%s\", \"zero_centred\": %s, \"symmetry\": \"%s\", ",
            act_monotone_name(p->monotone), p->zero_centred ? "true" : "false",
            act_symmetry_name(p->symmetry));
    fprintf(out, "\"smoothness\": \"%s\", \"nondifferentiable_points\": [",
            act_smoothness_name(p->smoothness));
    for (int i = 0; i < p->n_kinks; i++) {
        if (i) fprintf(out, ", ");
        cli_json_num(out, p->kinks[i]);
    }
    fprintf(out, "%s], \"sup_abs_derivative\": ", p->kinks_truncated ? ", \"...\"" : "");
    cli_json_num(out, p->sup_df);
    fprintf(out,
            ", \"saturation\": {\"left\": \"%s\", \"right\": \"%s\"}, "
            "\"universal_approximation\": {\"article\": %s, \"leshno\": %s}}",
            act_saturation_name(p->sat_left), act_saturation_name(p->sat_right),
            p->uat_article ? "true" : "false", p->uat_leshno ? "true" : "false");
}

static void print_json(FILE *out) {
    fprintf(out, "[\n");
    for (int id = 0; id < ACT_COUNT; id++) {
        const act_desc *d = act_describe((act_id)id);
        act_fn fn;
        act_lookup(d->name, &fn);
        fprintf(out, "  {\"name\": ");
        cli_json_str(out, d->name);
        fprintf(out, ", \"kind\": \"%s\", \"summary\": ",
                d->kind == ACT_KIND_ROW ? "row" : "elementwise");
        cli_json_str(out, d->summary);
        fprintf(out, ",\n   \"aliases\": [");
        for (int a = 0; a < ACT_MAX_ALIASES && d->aliases[a].name; a++) {
            fprintf(out, "%s{\"name\": ", a ? ", " : "");
            cli_json_str(out, d->aliases[a].name);
            fprintf(out, ", \"preset\": ");
            cli_json_str(out, d->aliases[a].preset);
            fprintf(out, ", \"origin\": ");
            cli_json_str(out, d->aliases[a].origin);
            fprintf(out, "}");
        }
        fprintf(out, "],\n   \"parameters\": [");
        for (int i = 0; i < d->nparams; i++) {
            const act_param *pm = &d->params[i];
            fprintf(out, "%s{\"name\": ", i ? ", " : "");
            cli_json_str(out, pm->name);
            fprintf(out, ", \"default\": ");
            cli_json_num(out, pm->def);
            fprintf(out, ", \"range\": [");
            cli_json_num(out, pm->lo);
            fprintf(out, ", ");
            cli_json_num(out, pm->hi);
            fprintf(out, "], \"open\": [%s, %s]", (pm->flags & ACT_P_LO_OPEN) ? "true" : "false",
                     (pm->flags & ACT_P_HI_OPEN) ? "true" : "false");
            if (pm->flags & ACT_P_CHOICE) {
                fprintf(out, ", \"choices\": ");
                cli_json_str(out, pm->choices);
            }
            fprintf(out, ", \"doc\": ");
            cli_json_str(out, pm->doc);
            fprintf(out, "}");
        }
        fprintf(out, "],\n   \"formula\": ");
        cli_json_str(out, d->formula);
        fprintf(out, ", \"derivative\": ");
        cli_json_str(out, d->dformula);
        fprintf(out, ",\n   \"origin\": ");
        cli_json_str(out, d->origin);
        fprintf(out, ", \"notes\": ");
        cli_json_str(out, d->notes);
        fprintf(out, ",\n   \"forward\": true, \"backward_from_x\": true, \"backward_from_y\": %s",
                d->kind == ACT_KIND_ELEMENTWISE && act_has_backward_y(&fn) ? "true" : "false");
        if (d->kind == ACT_KIND_ELEMENTWISE) {
            act_props p;
            act_properties(&fn, &p);
            fprintf(out, ",\n   \"properties\": ");
            print_json_props(out, &p);
        } else {
            fprintf(out, ",\n   \"properties\": null");
        }
        fprintf(out, "}%s\n", id + 1 < ACT_COUNT ? "," : "");
    }
    fprintf(out, "]\n");
}

/* one markdown table row per function, for the README and docs/catalog.md */
static void md_cell(const char *s) {
    for (; s && *s; s++) {
        if (*s == '|') fputs("\\|", stdout);
        else putchar(*s);
    }
}

static void print_markdown(void) {
    printf("| name | aliases | parameters (defaults) | f(x) | range | monotone | saturation (left/right) | smoothness |\n");
    printf("|---|---|---|---|---|---|---|---|\n");
    for (int id = 0; id < ACT_COUNT; id++) {
        const act_desc *d = act_describe((act_id)id);
        act_fn fn;
        act_lookup(d->name, &fn);
        char params[256], range[64] = "-", sat[32] = "-", al[256] = "";
        const char *mono = "-", *smooth = "-";
        params_str(params, sizeof params, d);
        if (d->kind == ACT_KIND_ELEMENTWISE) {
            act_props p;
            act_properties(&fn, &p);
            range_str(range, sizeof range, &p);
            mono = act_monotone_name(p.monotone);
            smooth = act_smoothness_name(p.smoothness);
            snprintf(sat, sizeof sat, "%s/%s", act_saturation_name(p.sat_left),
                     act_saturation_name(p.sat_right));
        } else {
            snprintf(range, sizeof range, "row function");
        }
        size_t w = 0;
        for (int a = 0; a < ACT_MAX_ALIASES && d->aliases[a].name && w < sizeof al; a++)
            w += (size_t)snprintf(al + w, sizeof al - w, "%s%s", a ? ", " : "", d->aliases[a].name);
        printf("| %s | ", d->name);
        md_cell(al);
        printf(" | ");
        md_cell(params[0] ? params : "-");
        printf(" | `");
        md_cell(d->formula);
        printf("` | %s | %s | %s | %s |\n", range, mono, sat, smooth);
    }
}

int cli_list(int argc, char **argv) {
    int json = 0, markdown = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--json")) json = 1;
        else if (!strcmp(argv[i], "--markdown")) markdown = 1;
        else if (!strcmp(argv[i], "--help")) {
            printf("usage: actlab list [--json | --markdown]\n"
                   "  prints every catalog function: name, parameters with defaults, range,\n"
                   "  monotonicity, saturation (left/right) and aliases; --json prints a JSON\n"
                   "  array with name, aliases, parameters (default, range), formula,\n"
                   "  derivative and the computed properties at the default parameters.\n");
            return 0;
        } else {
            fprintf(stderr, "actlab list: unknown option '%s'\n", argv[i]);
            return 2;
        }
    }
    if (json) {
        print_json(stdout);
        return 0;
    }
    if (markdown) {
        print_markdown();
        return 0;
    }
    printf("%-28s %-34s %-22s %-10s %-11s %s\n", "name", "parameters", "range", "monotone",
           "saturation", "aliases");
    for (int id = 0; id < ACT_COUNT; id++) {
        const act_desc *d = act_describe((act_id)id);
        act_fn fn;
        act_lookup(d->name, &fn);
        char params[256], range[64] = "-", sat[32] = "-", al[256] = "";
        const char *mono = "-";
        params_str(params, sizeof params, d);
        if (d->kind == ACT_KIND_ELEMENTWISE) {
            act_props p;
            act_properties(&fn, &p);
            range_str(range, sizeof range, &p);
            mono = act_monotone_name(p.monotone);
            snprintf(sat, sizeof sat, "%s/%s", act_saturation_name(p.sat_left),
                     act_saturation_name(p.sat_right));
        } else {
            snprintf(range, sizeof range, "(row function)");
        }
        size_t w = 0;
        for (int a = 0; a < ACT_MAX_ALIASES && d->aliases[a].name && w < sizeof al; a++)
            w += (size_t)snprintf(al + w, sizeof al - w, "%s%s", a ? "," : "", d->aliases[a].name);
        printf("%-28s %-34s %-22s %-10s %-11s %s\n", d->name, params[0] ? params : "-", range,
               mono, sat, al);
    }
    return 0;
}

static int plot_fn(const act_fn *fn, const char *path, double lo, double hi) {
    const act_desc *d = act_describe(fn->id);
    enum { N = 1201 };
    static double x[N], y[N], dy[N];
    float xf[N], yf[N], ones[N], df[N];
    for (int i = 0; i < N; i++) {
        x[i] = lo + (hi - lo) * i / (N - 1);
        xf[i] = (float)x[i];
        ones[i] = 1;
    }
    act_forward(fn, N, xf, yf);
    act_backward_x(fn, N, xf, ones, df);
    for (int i = 0; i < N; i++) {
        y[i] = yf[i];
        dy[i] = df[i];
    }
    char title[256], spec[160];
    act_format(fn, 0, spec, sizeof spec);
    snprintf(title, sizeof title, "%s and its derivative", spec);
    plt_figure *f = plt_new(800, 500, title, "x", "value");
    if (!f) {
        fprintf(stderr, "actlab: out of memory\n");
        return 1;
    }
    char l1[200], l2[200];
    snprintf(l1, sizeof l1, "f(x) = %s", d->formula);
    snprintf(l2, sizeof l2, "f'(x)");
    plt_line(f, x, y, N, l1, 0, PLT_SOLID);
    plt_line(f, x, dy, N, l2, 1, PLT_DASHED);
    char err[512];
    int rc = plt_save(f, path, err, sizeof err);
    plt_free(f);
    if (rc) {
        fprintf(stderr, "actlab: %s\n", err);
        return 1;
    }
    return 0;
}

int cli_show(int argc, char **argv) {
    const char *spec = NULL, *plot = NULL, *range = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help")) {
            printf("usage: actlab show SPEC [--plot FILE.png] [--range A:B]\n"
                   "  prints formula, derivative, parameters, properties and origin.\n"
                   "  --plot draws f and f' to a PNG; --range defaults to the function's own\n"
                   "  sensible range (e.g. -3:3 for relu).\n");
            return 0;
        } else if (!strcmp(argv[i], "--plot") && i + 1 < argc) plot = argv[++i];
        else if (!strcmp(argv[i], "--range") && i + 1 < argc) range = argv[++i];
        else if (argv[i][0] == '-' && argv[i][1] == '-') {
            fprintf(stderr, "actlab show: unknown option '%s' (or a missing value)\n", argv[i]);
            return 2;
        } else if (!spec) spec = argv[i];
        else {
            fprintf(stderr, "actlab show: one SPEC only, got '%s' too\n", argv[i]);
            return 2;
        }
    }
    if (!spec) {
        fprintf(stderr, "actlab show: missing SPEC (e.g. actlab show 'elu(alpha=0.5)')\n");
        return 2;
    }
    act_fn fn;
    if (cli_parse_fn(spec, &fn)) return 1;
    const act_desc *d = act_describe(fn.id);
    double lo = d->plot_lo, hi = d->plot_hi;
    if (range) {
        char buf[128];
        snprintf(buf, sizeof buf, "%s", range);
        char *colon = strchr(buf + 1, ':');
        if (colon) *colon = 0;
        if (!colon || !cli_number(buf, &lo) || !cli_number(colon + 1, &hi) || !isfinite(lo) ||
            !isfinite(hi) || !(lo < hi)) {
            fprintf(stderr, "actlab show: --range '%s' must be A:B with finite A < B\n", range);
            return 2;
        }
    }
    char canon[256];
    act_format(&fn, 1, canon, sizeof canon);
    printf("%s\n  %s\n\n", canon, d->summary);
    printf("  f(x)   = %s\n  f'(x)  = %s\n", d->formula, d->dformula);
    if (d->notes && d->notes[0]) printf("  notes: %s\n", d->notes);
    printf("  origin: %s\n", d->origin);
    if (d->nparams) {
        printf("\nparameters:\n");
        for (int i = 0; i < d->nparams; i++) {
            const act_param *pm = &d->params[i];
            char lo_s[32], hi_s[32];
            fmt_num(lo_s, sizeof lo_s, pm->lo);
            fmt_num(hi_s, sizeof hi_s, pm->hi);
            if (pm->flags & ACT_P_CHOICE)
                printf("  %-16s = %g  (one of %s; default %g)  %s\n", pm->name, fn.p[i],
                       pm->choices, pm->def, pm->doc);
            else
                printf("  %-16s = %g  (default %g, range %c%s, %s%c)  %s\n", pm->name, fn.p[i],
                       pm->def, (pm->flags & ACT_P_LO_OPEN) ? '(' : '[', lo_s, hi_s,
                       (pm->flags & ACT_P_HI_OPEN) ? ')' : ']', pm->doc);
        }
    }
    if (d->aliases[0].name) {
        printf("\naliases:\n");
        for (int a = 0; a < ACT_MAX_ALIASES && d->aliases[a].name; a++)
            printf("  %-24s %s%s%s\n", d->aliases[a].name, d->aliases[a].preset,
                   d->aliases[a].preset[0] ? "  " : "", d->aliases[a].origin);
    }
    if (d->kind == ACT_KIND_ELEMENTWISE) {
        act_props p;
        act_properties(&fn, &p);
        char r[64], s[32];
        range_str(r, sizeof r, &p);
        fmt_num(s, sizeof s, p.sup_df);
        printf("\nproperties (computed):\n");
        printf("  range            %s (bounded below: %s, above: %s)\n", r,
               p.bounded_below ? "yes" : "no", p.bounded_above ? "yes" : "no");
        printf("  monotone         %s\n  zero-centred     %s (f(0) = %g)\n",
               act_monotone_name(p.monotone), p.zero_centred ? "yes" : "no", act_f(&fn, 0));
        printf("  symmetry         %s\n  smoothness       %s\n", act_symmetry_name(p.symmetry),
               act_smoothness_name(p.smoothness));
        printf("  non-differentiable at");
        if (!p.n_kinks) printf(" no point");
        for (int i = 0; i < p.n_kinks; i++) printf(" %.9g", p.kinks[i]);
        printf("%s\n", p.kinks_truncated ? " ..." : "");
        printf("  sup |f'|         %s\n", s);
        printf("  saturation       left %s, right %s (Gulcehre et al. 2016)\n",
               act_saturation_name(p.sat_left), act_saturation_name(p.sat_right));
        printf("  universal approx %s (article: nonconstant, bounded, monotone increasing, "
               "continuous); %s (Leshno et al.: not a polynomial)\n",
               p.uat_article ? "yes" : "no", p.uat_leshno ? "yes" : "no");
        printf("  backward from y  %s\n", act_has_backward_y(&fn) ? "yes" : "no");
    }
    if (plot) {
        if (d->kind != ACT_KIND_ELEMENTWISE) {
            fprintf(stderr, "actlab show: --plot draws elementwise functions; %s is a row function\n",
                    d->name);
            return 1;
        }
        return plot_fn(&fn, plot, lo, hi);
    }
    return 0;
}

/* a NaN prints as "nan" whatever its sign bit */
static void put_num(double v, int digits, const char *end) {
    if (isnan(v)) printf("nan%s", end);
    else printf("%.*g%s", digits, v, end);
}

static void eval_one(const act_fn *fn, double x, int dbl) {
    if (dbl) {
        put_num(x, 17, " ");
        put_num(act_f(fn, x), 17, " ");
        put_num(act_df(fn, x), 17, "\n");
        return;
    }
    float xf = (float)x, y, one = 1, d;
    act_forward(fn, 1, &xf, &y);
    act_backward_x(fn, 1, &xf, &one, &d);
    put_num(xf, 9, " ");
    put_num(y, 9, " ");
    put_num(d, 9, "\n");
}

int cli_eval(int argc, char **argv) {
    const char *spec = NULL;
    int dbl = 0, nx = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help")) {
            printf("usage: actlab eval SPEC [x ...] [--double]\n"
                   "  prints 'x f(x) f'(x)' per input (%%.9g) through the float32 kernels\n"
                   "  (forward, and backward from x with dy = 1); --double uses the double\n"
                   "  reference (%%.17g). With no x, reads one number per line from stdin.\n"
                   "  nan, inf and -inf are accepted.\n");
            return 0;
        }
        if (!strcmp(argv[i], "--double")) dbl = 1;
    }
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--double") && !spec) spec = argv[i];
    if (!spec) {
        fprintf(stderr, "actlab eval: missing SPEC (e.g. actlab eval tanh 0.5)\n");
        return 2;
    }
    act_fn fn;
    if (cli_parse_fn(spec, &fn)) return 1;
    if (act_describe(fn.id)->kind != ACT_KIND_ELEMENTWISE) {
        fprintf(stderr, "actlab eval: %s is a row function; eval takes elementwise ones\n",
                act_describe(fn.id)->name);
        return 1;
    }
    int seen_spec = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--double")) continue;
        if (!seen_spec && argv[i] == spec) {
            seen_spec = 1;
            continue;
        }
        double x;
        if (!cli_number(argv[i], &x)) {
            fprintf(stderr, "actlab eval: '%s' is not a number\n", argv[i]);
            return 1;
        }
        eval_one(&fn, x, dbl);
        nx++;
    }
    if (nx == 0) {
        char line[256];
        long ln = 0;
        while (fgets(line, sizeof line, stdin)) {
            ln++;
            size_t l = strlen(line);
            if (l == sizeof line - 1 && line[l - 1] != '\n') {
                fprintf(stderr, "actlab eval: stdin line %ld is too long\n", ln);
                return 1;
            }
            char *s = line;
            while (isspace((unsigned char)*s)) s++;
            if (!*s) continue;
            double x;
            if (!cli_number(s, &x)) {
                line[strcspn(line, "\n")] = 0;
                fprintf(stderr, "actlab eval: stdin line %ld: '%s' is not a number\n", ln, line);
                return 1;
            }
            eval_one(&fn, x, dbl);
        }
    }
    return 0;
}
