/*
 * registry.c - the descriptor table, name lookup, the spec syntax and the
 * entry points that dispatch to an entry's kernels.
 */
#include "fn.h"
#include "simd/simd.h"

#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ACT_FN(id) extern const act_desc act_desc_##id;
#include "actlab/list.def"
#undef ACT_FN

static const act_desc *const table[ACT_COUNT] = {
#define ACT_FN(id) [ACT_##id] = &act_desc_##id,
#include "actlab/list.def"
#undef ACT_FN
};

static const char *const status_names[] = {
    [ACT_OK] = "ok",
    [ACT_E_SYNTAX] = "syntax error",
    [ACT_E_UNKNOWN_NAME] = "unknown function",
    [ACT_E_UNKNOWN_PARAM] = "unknown parameter",
    [ACT_E_RANGE] = "parameter out of range",
    [ACT_E_KIND] = "wrong kind of function",
    [ACT_E_NOMEM] = "out of memory",
};
_Static_assert(sizeof status_names / sizeof status_names[0] == ACT_STATUS_COUNT,
               "every act_status needs a name");

const char *act_status_name(act_status s) {
    return (unsigned)s < ACT_STATUS_COUNT ? status_names[s] : "invalid status";
}

const act_desc *act_describe(act_id id) {
    assert((unsigned)id < ACT_COUNT);
    return table[id];
}

/* ---- names ------------------------------------------------------------- */

/* case-insensitive, '-' equal to '_' */
static int name_eq(const char *a, size_t alen, const char *b) {
    size_t i = 0;
    for (; i < alen && b[i]; i++) {
        int ca = tolower((unsigned char)a[i]), cb = tolower((unsigned char)b[i]);
        if (ca == '-') ca = '_';
        if (cb == '-') cb = '_';
        if (ca != cb) return 0;
    }
    return i == alen && b[i] == 0;
}

static void set_defaults(const act_desc *d, act_fn *fn) {
    memset(fn->p, 0, sizeof fn->p);
    for (int i = 0; i < d->nparams; i++)
        fn->p[i] = d->params[i].def;
}

static act_status apply_params(const act_desc *d, const char *s, size_t len, act_fn *fn, char *err,
                               size_t errlen);

static act_status lookup_n(const char *name, size_t len, act_fn *fn, char *err, size_t errlen) {
    for (int id = 0; id < ACT_COUNT; id++) {
        const act_desc *d = table[id];
        if (name_eq(name, len, d->name)) {
            fn->id = (act_id)id;
            set_defaults(d, fn);
            return ACT_OK;
        }
    }
    for (int id = 0; id < ACT_COUNT; id++) {
        const act_desc *d = table[id];
        for (int a = 0; a < ACT_MAX_ALIASES && d->aliases[a].name; a++) {
            if (!name_eq(name, len, d->aliases[a].name)) continue;
            fn->id = (act_id)id;
            set_defaults(d, fn);
            const char *pre = d->aliases[a].preset;
            return pre ? apply_params(d, pre, strlen(pre), fn, err, errlen) : ACT_OK;
        }
    }
    return ACT_E_UNKNOWN_NAME;
}

act_status act_lookup(const char *name, act_fn *fn) {
    char err[ACT_ERRLEN];
    return lookup_n(name, strlen(name), fn, err, sizeof err);
}

static int levenshtein(const char *a, const char *b) {
    size_t la = strlen(a), lb = strlen(b);
    if (la > 63 || lb > 63) return 99;
    int row[64];
    for (size_t j = 0; j <= lb; j++)
        row[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        int prev = row[0];
        row[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int cur = row[j];
            int ca = tolower((unsigned char)a[i - 1]), cb = tolower((unsigned char)b[j - 1]);
            int cost = (ca == cb || ((ca == '-' || ca == '_') && (cb == '-' || cb == '_'))) ? 0 : 1;
            int best = prev + cost;
            if (row[j] + 1 < best) best = row[j] + 1;
            if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
            row[j] = best;
            prev = cur;
        }
    }
    return row[lb];
}

/* Distance that also rewards a shared prefix or containment, so that "gel"
   finds gelu and "relu6x" finds relu6. */
static int name_distance(const char *q, const char *cand) {
    int d = levenshtein(q, cand);
    size_t lq = strlen(q), lc = strlen(cand);
    if (lq >= 3 && lc >= lq) {
        int prefix = 1;
        for (size_t i = 0; i < lq; i++)
            if (tolower((unsigned char)q[i]) != tolower((unsigned char)cand[i])) prefix = 0;
        if (prefix && d > 1) d = 1 + (int)(lc - lq > 3);
    }
    return d;
}

int act_suggest(const char *name, const char **out, int max) {
    /* collect (distance, name) over canonical names and aliases */
    int n = 0;
    int dist[16];
    const char *nm[16];
    for (int id = 0; id < ACT_COUNT; id++) {
        const act_desc *d = table[id];
        for (int a = -1; a < ACT_MAX_ALIASES; a++) {
            const char *cand = a < 0 ? d->name : d->aliases[a].name;
            if (!cand) break;
            int dd = name_distance(name, cand);
            int limit = (int)strlen(name) / 3 + 1;
            if (limit > 3) limit = 3;
            if (dd > limit) continue;
            /* insert sorted, keep at most max */
            int pos = n;
            while (pos > 0 && dist[pos - 1] > dd)
                pos--;
            if (pos >= max || pos >= 16) continue;
            int last = n < max && n < 16 ? n : n - 1;
            for (int k = last; k > pos; k--) {
                dist[k] = dist[k - 1];
                nm[k] = nm[k - 1];
            }
            dist[pos] = dd;
            nm[pos] = cand;
            if (n < max && n < 16) n++;
        }
    }
    for (int i = 0; i < n; i++)
        out[i] = nm[i];
    return n;
}

/* ---- parameters ----------------------------------------------------------- */

static int param_index(const act_desc *d, const char *s, size_t len) {
    for (int i = 0; i < d->nparams; i++)
        if (name_eq(s, len, d->params[i].name)) return i;
    return -1;
}

static int choice_index(const char *choices, const char *s, size_t len) {
    int idx = 0;
    const char *c = choices;
    while (*c) {
        const char *end = strchr(c, '|');
        size_t cl = end ? (size_t)(end - c) : strlen(c);
        if (cl == len && strncmp(c, s, len) == 0) return idx;
        idx++;
        if (!end) break;
        c = end + 1;
    }
    return -1;
}

static void choice_name(const char *choices, int idx, char *buf, size_t len) {
    const char *c = choices;
    for (int i = 0; i < idx && c; i++) {
        c = strchr(c, '|');
        if (c) c++;
    }
    if (!c) {
        snprintf(buf, len, "%d", idx);
        return;
    }
    const char *end = strchr(c, '|');
    size_t cl = end ? (size_t)(end - c) : strlen(c);
    snprintf(buf, len, "%.*s", (int)cl, c);
}

static const char *skip_ws(const char *s, const char *end) {
    while (s < end && isspace((unsigned char)*s))
        s++;
    return s;
}

/* Parses a number at s (strtod syntax plus inf/-inf/nan), no trailing junk
   before `end` other than white space. */
static int parse_number(const char *s, size_t len, double *out) {
    char buf[64];
    if (len == 0 || len >= sizeof buf) return 0;
    memcpy(buf, s, len);
    buf[len] = 0;
    char *e;
    errno = 0;
    double v = strtod(buf, &e);
    while (*e && isspace((unsigned char)*e))
        e++;
    if (e == buf || *e) return 0;
    *out = v;
    return 1;
}

static act_status check_value(const act_desc *d, int i, double v, char *err, size_t errlen) {
    const act_param *pm = &d->params[i];
    if (isnan(v)) {
        snprintf(err, errlen, "%s: parameter %s is NaN", d->name, pm->name);
        return ACT_E_RANGE;
    }
    int bad = (pm->flags & ACT_P_LO_OPEN) ? !(v > pm->lo) : !(v >= pm->lo);
    bad |= (pm->flags & ACT_P_HI_OPEN) ? !(v < pm->hi) : !(v <= pm->hi);
    if ((pm->flags & (ACT_P_INTEGER | ACT_P_CHOICE)) && v != floor(v)) bad = 1;
    if (bad) {
        if (pm->flags & ACT_P_CHOICE)
            snprintf(err, errlen, "%s: parameter %s must be one of %s", d->name, pm->name,
                     pm->choices);
        else
            snprintf(err, errlen, "%s: parameter %s = %.17g is out of range %c%.17g, %.17g%c%s",
                     d->name, pm->name, v, (pm->flags & ACT_P_LO_OPEN) ? '(' : '[', pm->lo, pm->hi,
                     (pm->flags & ACT_P_HI_OPEN) ? ')' : ']',
                     (pm->flags & ACT_P_INTEGER) ? " (whole numbers)" : "");
        return ACT_E_RANGE;
    }
    return ACT_OK;
}

/* Applies "p=v, q=w" (the text between the parentheses). */
static act_status apply_params(const act_desc *d, const char *s, size_t len, act_fn *fn, char *err,
                               size_t errlen) {
    const char *end = s + len;
    s = skip_ws(s, end);
    while (s < end) {
        const char *eq = memchr(s, '=', (size_t)(end - s));
        const char *comma = memchr(s, ',', (size_t)(end - s));
        if (!eq || (comma && comma < eq)) {
            size_t l = (size_t)((comma ? comma : end) - s);
            while (l && isspace((unsigned char)s[l - 1]))
                l--;
            snprintf(err, errlen, "%s: expected name=value, got '%.*s'", d->name, (int)l, s);
            return ACT_E_SYNTAX;
        }
        size_t nl = (size_t)(eq - s);
        while (nl && isspace((unsigned char)s[nl - 1]))
            nl--;
        int i = param_index(d, s, nl);
        if (i < 0) {
            char names[160] = "";
            size_t used = 0;
            for (int k = 0; k < d->nparams && used < sizeof names; k++)
                used += (size_t)snprintf(names + used, sizeof names - used, "%s%s", k ? ", " : "",
                                         d->params[k].name);
            snprintf(err, errlen, "%s has no parameter '%.*s' (%s)", d->name, (int)nl, s,
                     d->nparams ? names : "it takes none");
            return ACT_E_UNKNOWN_PARAM;
        }
        const char *v = skip_ws(eq + 1, end);
        const char *vend = comma ? comma : end;
        size_t vl = (size_t)(vend - v);
        while (vl && isspace((unsigned char)v[vl - 1]))
            vl--;
        const act_param *pm = &d->params[i];
        double val;
        if (pm->flags & ACT_P_CHOICE) {
            int c = choice_index(pm->choices, v, vl);
            if (c < 0 && !(parse_number(v, vl, &val) && val == floor(val))) {
                snprintf(err, errlen, "%s: parameter %s must be one of %s, got '%.*s'", d->name,
                         pm->name, pm->choices, (int)vl, v);
                return ACT_E_RANGE;
            }
            if (c >= 0) val = c;
        } else if (!parse_number(v, vl, &val)) {
            snprintf(err, errlen, "%s: parameter %s: '%.*s' is not a number", d->name, pm->name,
                     (int)vl, v);
            return ACT_E_SYNTAX;
        }
        act_status st = check_value(d, i, val, err, errlen);
        if (st) return st;
        fn->p[i] = val;
        if (!comma) break;
        s = skip_ws(comma + 1, end);
        if (s == end) {
            snprintf(err, errlen, "%s: trailing ',' in the parameter list", d->name);
            return ACT_E_SYNTAX;
        }
    }
    return ACT_OK;
}

act_status act_validate(const act_fn *fn, char *err, size_t errlen) {
    if ((unsigned)fn->id >= ACT_COUNT) {
        snprintf(err, errlen, "invalid function id %d", (int)fn->id);
        return ACT_E_UNKNOWN_NAME;
    }
    const act_desc *d = table[fn->id];
    for (int i = 0; i < d->nparams; i++) {
        act_status st = check_value(d, i, fn->p[i], err, errlen);
        if (st) return st;
    }
    if (d->check) {
        char msg[ACT_ERRLEN];
        if (!d->check(fn->p, msg, sizeof msg)) {
            snprintf(err, errlen, "%s: %s", d->name, msg);
            return ACT_E_RANGE;
        }
    }
    return ACT_OK;
}

static act_status parse_spec(const char *spec, act_fn *fn, char *err, size_t errlen);

/* The message quotes the spec, which may hold line breaks or other control
   characters: they become '?', so the message stays one line. */
act_status act_parse(const char *spec, act_fn *fn, char *err, size_t errlen) {
    char dummy[8];
    if (!err || !errlen) {
        err = dummy;
        errlen = sizeof dummy;
    }
    err[0] = 0;
    act_status st = parse_spec(spec, fn, err, errlen);
    if (st != ACT_OK)
        for (char *c = err; *c; c++)
            if ((unsigned char)*c < 0x20 || *c == 0x7f) *c = '?';
    return st;
}

static act_status parse_spec(const char *spec, act_fn *fn, char *err, size_t errlen) {
    const char *end = spec + strlen(spec);
    const char *s = skip_ws(spec, end);
    while (end > s && isspace((unsigned char)end[-1]))
        end--;
    const char *name = s;
    while (s < end && (isalnum((unsigned char)*s) || *s == '_' || *s == '-'))
        s++;
    size_t nlen = (size_t)(s - name);
    if (nlen == 0) {
        snprintf(err, errlen, "'%s': expected a function name", spec);
        return ACT_E_SYNTAX;
    }
    const char *open = skip_ws(s, end);
    if (open < end && *open != '(') {
        snprintf(err, errlen, "'%s': unexpected '%c' after the name (write name(p=v,...))", spec,
                 *open);
        return ACT_E_SYNTAX;
    }
    if (open < end && end[-1] != ')') {
        snprintf(err, errlen, "'%s': missing ')'", spec);
        return ACT_E_SYNTAX;
    }
    act_status st = lookup_n(name, nlen, fn, err, errlen);
    if (st == ACT_E_UNKNOWN_NAME) {
        char q[64];
        snprintf(q, sizeof q, "%.*s", (int)(nlen < 63 ? nlen : 63), name);
        const char *sug[3];
        int ns = act_suggest(q, sug, 3);
        int w = snprintf(err, errlen, "unknown activation function '%s'", q);
        for (int i = 0; i < ns && w > 0 && (size_t)w < errlen; i++)
            w +=
                snprintf(err + w, errlen - (size_t)w, "%s%s", i ? ", " : "; did you mean ", sug[i]);
        if (ns && w > 0 && (size_t)w < errlen) snprintf(err + w, errlen - (size_t)w, "?");
        if (!ns && w > 0 && (size_t)w < errlen)
            snprintf(err + w, errlen - (size_t)w, " (actlab list shows them all)");
        return st;
    }
    if (st) return st;
    if (open < end) {
        const char *inner = open + 1, *close = end - 1;
        for (const char *c = inner; c < close; c++)
            if (*c == '(' || *c == ')') {
                snprintf(err, errlen, "'%s': unexpected '%c' inside the parameter list", spec, *c);
                return ACT_E_SYNTAX;
            }
        st = apply_params(table[fn->id], inner, (size_t)(close - inner), fn, err, errlen);
        if (st) return st;
    }
    return act_validate(fn, err, errlen);
}

size_t act_format(const act_fn *fn, int all, char *buf, size_t len) {
    const act_desc *d = act_describe(fn->id);
    size_t w = (size_t)snprintf(buf, len, "%s", d->name);
    int first = 1;
    for (int i = 0; i < d->nparams; i++) {
        const act_param *pm = &d->params[i];
        if (!all && fn->p[i] == pm->def) continue;
        char val[64];
        if (pm->flags & ACT_P_CHOICE)
            choice_name(pm->choices, (int)fn->p[i], val, sizeof val);
        else /* the shortest decimal that reads back as the same double */
            for (int prec = 15; prec <= 17; prec++) {
                snprintf(val, sizeof val, "%.*g", prec, fn->p[i]);
                if (strtod(val, NULL) == fn->p[i]) break;
            }
        w += (size_t)snprintf(w < len ? buf + w : NULL, w < len ? len - w : 0, "%s%s=%s",
                              first ? "(" : ",", pm->name, val);
        first = 0;
    }
    if (!first) w += (size_t)snprintf(w < len ? buf + w : NULL, w < len ? len - w : 0, ")");
    return w;
}

/* ---- evaluation ------------------------------------------------------------ */

double act_f(const act_fn *fn, double x) {
    const act_desc *d = act_describe(fn->id);
    assert(d->kind == ACT_KIND_ELEMENTWISE);
    return isnan(x) ? x : d->f(x, fn->p);
}

double act_df(const act_fn *fn, double x) {
    const act_desc *d = act_describe(fn->id);
    assert(d->kind == ACT_KIND_ELEMENTWISE);
    return isnan(x) ? x : d->df(x, fn->p);
}

int act_has_backward_y(const act_fn *fn) {
    const act_desc *d = act_describe(fn->id);
    return d->bwd_y && (!d->dfy_ok || d->dfy_ok(fn->p));
}

void act_forward(const act_fn *fn, size_t n, const float *x, float *y) {
    act_forward_isa(fn, act_isa_active(), n, x, y);
}

void act_backward_x(const act_fn *fn, size_t n, const float *x, const float *dy, float *dx) {
    act_backward_x_isa(fn, act_isa_active(), n, x, dy, dx);
}

void act_backward_y(const act_fn *fn, size_t n, const float *y, const float *dy, float *dx) {
    act_backward_y_isa(fn, act_isa_active(), n, y, dy, dx);
}

/* the variant's kernels when it has them and accepts the parameters; an
   all-NULL set (the scalar kernels) otherwise */
static const act_simd_kernels *pick(const act_fn *fn, act_isa isa) {
    static const act_simd_kernels none = {0};
    const act_simd_kernels *k = act_simd_lookup(fn->id, isa);
    return k && (!k->accepts || k->accepts(fn->p)) ? k : &none;
}

void act_forward_isa(const act_fn *fn, act_isa isa, size_t n, const float *x, float *y) {
    const act_desc *d = act_describe(fn->id);
    assert(d->kind == ACT_KIND_ELEMENTWISE && (n == 0 || (x && y)));
    const act_simd_kernels *k = pick(fn, isa);
    if (k->fwd)
        k->fwd(fn->p, n, x, y);
    else
        d->fwd(fn->p, n, x, y);
}

void act_backward_x_isa(const act_fn *fn, act_isa isa, size_t n, const float *x, const float *dy,
                        float *dx) {
    const act_desc *d = act_describe(fn->id);
    assert(d->kind == ACT_KIND_ELEMENTWISE && (n == 0 || (x && dy && dx)));
    const act_simd_kernels *k = pick(fn, isa);
    if (k->bwd_x)
        k->bwd_x(fn->p, n, x, dy, dx);
    else
        d->bwd_x(fn->p, n, x, dy, dx);
}

void act_backward_y_isa(const act_fn *fn, act_isa isa, size_t n, const float *y, const float *dy,
                        float *dx) {
    const act_desc *d = act_describe(fn->id);
    assert(act_has_backward_y(fn) && (n == 0 || (y && dy && dx)));
    const act_simd_kernels *k = pick(fn, isa);
    if (k->bwd_y)
        k->bwd_y(fn->p, n, y, dy, dx);
    else
        d->bwd_y(fn->p, n, y, dy, dx);
}

size_t act_out_cols(const act_fn *fn, size_t cols) {
    const act_desc *d = act_describe(fn->id);
    return d->out_cols ? d->out_cols(fn->p, cols) : cols;
}

act_status act_row_check(const act_fn *fn, size_t cols, char *err, size_t errlen) {
    const act_desc *d = act_describe(fn->id);
    if (d->kind != ACT_KIND_ROW) {
        snprintf(err, errlen, "%s is elementwise, not a row function", d->name);
        return ACT_E_KIND;
    }
    if (cols == 0 || act_out_cols(fn, cols) == 0 ||
        (d->out_cols && act_out_cols(fn, cols) * (cols / act_out_cols(fn, cols)) != cols)) {
        snprintf(err, errlen, "%s cannot take rows of %zu values", d->name, cols);
        return ACT_E_RANGE;
    }
    return ACT_OK;
}

void act_row_forward(const act_fn *fn, size_t rows, size_t cols, const float *x, float *y) {
    act_row_forward_isa(fn, act_isa_active(), rows, cols, x, y);
}

void act_row_backward(const act_fn *fn, size_t rows, size_t cols, const float *x, const float *y,
                      const float *dy, float *dx) {
    act_row_backward_isa(fn, act_isa_active(), rows, cols, x, y, dy, dx);
}

void act_row_forward_isa(const act_fn *fn, act_isa isa, size_t rows, size_t cols, const float *x,
                         float *y) {
    const act_desc *d = act_describe(fn->id);
    assert(d->kind == ACT_KIND_ROW);
    const act_simd_row_kernels *k = act_simd_row_lookup(fn->id, isa);
    if (k)
        k->fwd(fn->p, rows, cols, x, y);
    else
        d->row_fwd(fn->p, rows, cols, x, y);
}

void act_row_backward_isa(const act_fn *fn, act_isa isa, size_t rows, size_t cols, const float *x,
                          const float *y, const float *dy, float *dx) {
    const act_desc *d = act_describe(fn->id);
    assert(d->kind == ACT_KIND_ROW);
    const act_simd_row_kernels *k = act_simd_row_lookup(fn->id, isa);
    if (k)
        k->bwd(fn->p, rows, cols, x, y, dy, dx);
    else
        d->row_bwd(fn->p, rows, cols, x, y, dy, dx);
}
