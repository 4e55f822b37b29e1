/*
 * data.c - data sets in memory: trn_data_load's spec dispatch, the
 * train/valid/test split, standardization, MNIST-format directories, and the
 * helpers the other data files share (messages, allocation, spec options).
 *
 * The readers live in data_idx.c (IDX, plain or gzip) and data_csv.c; the
 * generators in data_gen.c and shapeset.c.
 *
 * Splits (documented behaviour):
 *   - MNIST-format sets (fashion-mnist, mnist-dir:DIR, a directory): the train
 *     files are shuffled with the seed; the last round(valid_frac * 60000) of
 *     the shuffled rows are the validation part, the rest train. The test part
 *     is the t10k files, in file order. valid_frac defaults to 0.1 (54000 /
 *     6000); Glorot & Bengio's 50000 / 10000 is valid_frac = 1/6.
 *   - Generated and CSV sets: shuffled with the seed; round(test_frac * n)
 *     rows are the test part, round(valid_frac * rest) the validation part,
 *     the remainder train.
 *   - limit caps the training part after the split (valid and test keep their
 *     size). standardize computes each feature's mean and standard deviation
 *     on the (limited) training part and applies them to all three parts; a
 *     feature whose deviation is below 1e-6 (MNIST's empty border pixels) is
 *     only centred.
 *   - Every part carries the same dim, classes, targets, rows, cols and name.
 */
#include "data_internal.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- shared helpers -------------------------------------------------------- */

void trn_dat_err(char *err, size_t errlen, const char *fmt, ...) {
    if (!err || !errlen) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    for (char *c = err; *c; c++)
        if (*c == '\n' || *c == '\r') *c = ' ';
}

const char *trn_dat_quote(char *buf, size_t len, const char *s, size_t n) {
    size_t keep = n > 40 ? 37 : n, w = 0;
    for (size_t i = 0; i < keep && w + 1 < len; i++)
        buf[w++] = isprint((unsigned char)s[i]) ? s[i] : '?';
    for (int i = 0; n > keep && i < 3 && w + 1 < len; i++) buf[w++] = '.';
    if (len) buf[w] = 0;
    return buf;
}

const char *trn_dat_base(const char *path) {
    const char *s = strrchr(path, '/');
    return s && s[1] ? s + 1 : path;
}

trn_status trn_dat_alloc(trn_data *d, size_t n, size_t dim, int classes, size_t targets,
                         const char *what, char *err, size_t errlen) {
    memset(d, 0, sizeof *d);
    if (dim == 0 || (n && dim > TRN_DAT_MAX_ELEMS / n) ||
        (targets && n && targets > TRN_DAT_MAX_ELEMS / n)) {
        trn_dat_err(err, errlen, "%s: %zu examples of %zu values is too large (max 2^31 values)",
                    what, n, dim ? dim : targets);
        return TRN_E_RANGE;
    }
    d->n = n;
    d->dim = dim;
    d->classes = classes;
    d->targets = targets;
    if (n) {
        d->x = malloc(n * dim * sizeof *d->x);
        if (classes > 0) d->label = malloc(n * sizeof *d->label);
        if (targets) d->y = malloc(n * targets * sizeof *d->y);
        if (!d->x || (classes > 0 && !d->label) || (targets && !d->y)) {
            trn_data_free(d);
            trn_dat_err(err, errlen, "%s: out of memory for %zu examples of %zu values", what, n,
                        dim);
            return TRN_E_NOMEM;
        }
    }
    return TRN_OK;
}

void trn_data_free(trn_data *d) {
    if (!d) return;
    free(d->x);
    free(d->label);
    free(d->y);
    memset(d, 0, sizeof *d);
}

void trn_split_free(trn_split *s) {
    if (!s) return;
    trn_data_free(&s->train);
    trn_data_free(&s->valid);
    trn_data_free(&s->test);
}

void trn_data_opts_default(trn_data_opts *o) {
    memset(o, 0, sizeof *o);
    o->seed = 1;
    o->valid_frac = 0.1;
    o->test_frac = 0.2;
    o->standardize = 0;
    o->limit = 0;
}

/* ---- spec options ------------------------------------------------------------ */

static void trim(const char **b, const char **e) {
    while (*b < *e && isspace((unsigned char)**b)) (*b)++;
    while (*e > *b && isspace((unsigned char)(*e)[-1])) (*e)--;
}

static int names_of(const trn_dat_optdef *defs, int ndefs, char *buf, size_t len) {
    size_t w = 0;
    if (len) buf[0] = 0;
    for (int i = 0; i < ndefs && w < len; i++)
        w += (size_t)snprintf(buf + w, len - w, "%s%s", i ? ", " : "", defs[i].name);
    return ndefs;
}

trn_status trn_dat_parse_opts(const char *spec, const char *inner, size_t len,
                              const trn_dat_optdef *defs, int ndefs, double *vals,
                              const char **str, size_t *slen, char *err, size_t errlen) {
    int seen[32] = {0};
    char q[64], q2[64], list[256];
    for (int i = 0; i < ndefs; i++) vals[i] = defs[i].def;
    if (str) *str = NULL;
    if (slen) *slen = 0;
    const char *p = inner, *end = inner + len;
    const char *b0 = p, *e0 = end;
    trim(&b0, &e0);
    if (b0 == e0) return TRN_OK; /* "name()" */
    for (;;) {
        const char *c = p;
        int depth = 0;
        for (; c < end; c++) {
            if (*c == '(') depth++;
            else if (*c == ')' && --depth < 0) break;
            else if (*c == ',' && depth == 0) break;
        }
        if (depth != 0) {
            trn_dat_err(err, errlen, "'%.200s': unbalanced parentheses in the options", spec);
            return TRN_E_SPEC;
        }
        const char *ib = p, *ie = c;
        trim(&ib, &ie);
        if (ib == ie) {
            trn_dat_err(err, errlen, "'%.200s': empty option (stray ',')", spec);
            return TRN_E_SPEC;
        }
        const char *eq = memchr(ib, '=', (size_t)(ie - ib));
        if (!eq) {
            trn_dat_err(err, errlen, "'%.200s': option '%s' needs a value (write name=value)", spec,
                        trn_dat_quote(q, sizeof q, ib, (size_t)(ie - ib)));
            return TRN_E_SPEC;
        }
        const char *kb = ib, *ke = eq, *vb = eq + 1, *ve = ie;
        trim(&kb, &ke);
        trim(&vb, &ve);
        int k = -1;
        for (int i = 0; i < ndefs; i++)
            if (strlen(defs[i].name) == (size_t)(ke - kb) &&
                strncmp(defs[i].name, kb, (size_t)(ke - kb)) == 0)
                k = i;
        if (k < 0) {
            names_of(defs, ndefs, list, sizeof list);
            trn_dat_err(err, errlen, "'%.200s': unknown option '%s' (known: %s)", spec,
                        trn_dat_quote(q, sizeof q, kb, (size_t)(ke - kb)), list);
            return TRN_E_SPEC;
        }
        if (seen[k]++) {
            trn_dat_err(err, errlen, "'%.200s': option '%s' given twice", spec, defs[k].name);
            return TRN_E_SPEC;
        }
        if (vb == ve) {
            trn_dat_err(err, errlen, "'%.200s': option '%s' has an empty value", spec,
                        defs[k].name);
            return TRN_E_SPEC;
        }
        if (defs[k].kind == TRN_DAT_STR) {
            if (str) *str = vb;
            if (slen) *slen = (size_t)(ve - vb);
        } else {
            char num[64];
            size_t vl = (size_t)(ve - vb);
            char *ne = NULL;
            double v = NAN;
            if (vl < sizeof num) {
                memcpy(num, vb, vl);
                num[vl] = 0;
                v = strtod(num, &ne);
            }
            trn_dat_quote(q2, sizeof q2, vb, vl);
            if (vl >= sizeof num || ne != num + vl || !isfinite(v)) {
                trn_dat_err(err, errlen, "'%.200s': %s=%s is not a finite number", spec,
                            defs[k].name, q2);
                return TRN_E_SPEC;
            }
            if (defs[k].kind == TRN_DAT_INT && v != floor(v)) {
                trn_dat_err(err, errlen, "'%.200s': %s=%s is not a whole number", spec,
                            defs[k].name, q2);
                return TRN_E_RANGE;
            }
            if (v < defs[k].lo || v > defs[k].hi || (defs[k].hi_open && v >= defs[k].hi)) {
                trn_dat_err(err, errlen, "'%.200s': %s=%s out of range [%g, %g%s (%s)", spec,
                            defs[k].name, q2, defs[k].lo, defs[k].hi, defs[k].hi_open ? ")" : "]",
                            defs[k].doc);
                return TRN_E_RANGE;
            }
            vals[k] = v;
        }
        if (c >= end) break;
        if (*c == ')') {
            trn_dat_err(err, errlen, "'%.200s': unbalanced parentheses in the options", spec);
            return TRN_E_SPEC;
        }
        p = c + 1;
    }
    return TRN_OK;
}

/* ---- splitting ------------------------------------------------------------------ */

static void swap_rows(trn_data *d, size_t i, size_t j, float *tmp) {
    if (i == j) return;
    float *a = d->x + i * d->dim, *b = d->x + j * d->dim;
    memcpy(tmp, a, d->dim * sizeof *tmp);
    memcpy(a, b, d->dim * sizeof *tmp);
    memcpy(b, tmp, d->dim * sizeof *tmp);
    if (d->label) {
        int32_t t = d->label[i];
        d->label[i] = d->label[j];
        d->label[j] = t;
    }
    if (d->y) {
        a = d->y + i * d->targets;
        b = d->y + j * d->targets;
        memcpy(tmp, a, d->targets * sizeof *tmp);
        memcpy(a, b, d->targets * sizeof *tmp);
        memcpy(b, tmp, d->targets * sizeof *tmp);
    }
}

/* Fisher-Yates over whole rows, in place */
static trn_status shuffle_rows(trn_data *d, trn_rng *r, char *err, size_t errlen) {
    size_t w = d->dim > d->targets ? d->dim : d->targets;
    float *tmp = malloc((w ? w : 1) * sizeof *tmp);
    if (!tmp) {
        trn_dat_err(err, errlen, "%s: out of memory shuffling", d->name);
        return TRN_E_NOMEM;
    }
    for (size_t i = d->n; i > 1; i--) swap_rows(d, i - 1, (size_t)trn_rng_below(r, i), tmp);
    free(tmp);
    return TRN_OK;
}

/* dst = rows [from, from+k) of src, with src's metadata */
static trn_status copy_rows(const trn_data *src, size_t from, size_t k, trn_data *dst, char *err,
                            size_t errlen) {
    trn_status st = trn_dat_alloc(dst, k, src->dim, src->label ? src->classes : 0, src->targets,
                                  src->name, err, errlen);
    if (st) return st;
    dst->classes = src->classes;
    dst->rows = src->rows;
    dst->cols = src->cols;
    memcpy(dst->name, src->name, sizeof dst->name);
    if (!k) return TRN_OK;
    memcpy(dst->x, src->x + from * src->dim, k * src->dim * sizeof *dst->x);
    if (src->label) memcpy(dst->label, src->label + from, k * sizeof *dst->label);
    if (src->y) memcpy(dst->y, src->y + from * src->targets, k * src->targets * sizeof *dst->y);
    return TRN_OK;
}

/* Keeps the first k rows of d (shrinking the arrays when realloc allows). */
static void truncate_rows(trn_data *d, size_t k) {
    if (k >= d->n) return;
    d->n = k;
    void *p;
    if ((p = realloc(d->x, (k ? k : 1) * d->dim * sizeof *d->x))) d->x = p;
    if (d->label && (p = realloc(d->label, (k ? k : 1) * sizeof *d->label))) d->label = p;
    if (d->y && (p = realloc(d->y, (k ? k : 1) * d->targets * sizeof *d->y))) d->y = p;
}

/* Shuffles full (owned; moved into out->train) and takes nvalid then ntest
   rows from its end. limit caps the training rows. */
static trn_status split_full(trn_data *full, size_t nvalid, size_t ntest, size_t limit,
                             trn_rng *r, trn_split *out, char *err, size_t errlen) {
    trn_status st = shuffle_rows(full, r, err, errlen);
    if (st) return st;
    size_t ntrain = full->n - nvalid - ntest;
    if ((st = copy_rows(full, ntrain, nvalid, &out->valid, err, errlen))) return st;
    if ((st = copy_rows(full, ntrain + nvalid, ntest, &out->test, err, errlen))) return st;
    truncate_rows(full, limit && limit < ntrain ? limit : ntrain);
    out->train = *full;
    memset(full, 0, sizeof *full);
    return TRN_OK;
}

static trn_status check_fracs(const trn_data_opts *o, char *err, size_t errlen) {
    if (!(o->valid_frac >= 0 && o->valid_frac < 1)) {
        trn_dat_err(err, errlen, "valid_frac=%g out of range [0, 1)", o->valid_frac);
        return TRN_E_RANGE;
    }
    if (!(o->test_frac >= 0 && o->test_frac < 1)) {
        trn_dat_err(err, errlen, "test_frac=%g out of range [0, 1)", o->test_frac);
        return TRN_E_RANGE;
    }
    return TRN_OK;
}

static size_t frac_of(double f, size_t n) {
    double v = floor(f * (double)n + 0.5);
    return v >= (double)n ? n : (size_t)v;
}

/* generated and CSV sets: test_frac of all, valid_frac of the rest */
static trn_status split_generic(trn_data *full, const trn_data_opts *o, trn_rng *r,
                                trn_split *out, char *err, size_t errlen) {
    size_t ntest = frac_of(o->test_frac, full->n);
    size_t nvalid = frac_of(o->valid_frac, full->n - ntest);
    if (full->n - ntest - nvalid == 0) {
        trn_dat_err(err, errlen,
                    "%s: %zu example%s leave none for training after test_frac=%g, valid_frac=%g",
                    full->name, full->n, full->n == 1 ? "" : "s", o->test_frac, o->valid_frac);
        return TRN_E_RANGE;
    }
    return split_full(full, nvalid, ntest, o->limit, r, out, err, errlen);
}

/* Fails (leaving s partly scaled; the caller frees it) when a value of the
   valid or test part lies so far out that its standardized value is beyond
   the float range: 3e38 in a feature of standard deviation 0.5. */
static trn_status standardize(trn_split *s, char *err, size_t errlen) {
    trn_data *t = &s->train;
    size_t dim = t->dim;
    trn_data *parts[3] = {&s->train, &s->valid, &s->test};
    static const char *const part_names[3] = {"training", "validation", "test"};
    for (size_t j = 0; j < dim; j++) {
        double sum = 0, sq = 0;
        for (size_t i = 0; i < t->n; i++) sum += t->x[i * dim + j];
        double mean = t->n ? sum / (double)t->n : 0;
        for (size_t i = 0; i < t->n; i++) {
            double d = t->x[i * dim + j] - mean;
            sq += d * d;
        }
        double sd = t->n ? sqrt(sq / (double)t->n) : 0;
        /* below 1e-6 the feature is constant up to float rounding: centre only */
        double scale = sd < 1e-6 ? 1.0 : 1.0 / sd;
        for (int p = 0; p < 3; p++)
            for (size_t i = 0; i < parts[p]->n; i++) {
                float *v = &parts[p]->x[i * dim + j];
                double z = (*v - mean) * scale;
                if (!isfinite((float)z)) {
                    trn_dat_err(err, errlen,
                                "%s: --standardize: feature %zu of %s example %zu is %g, %g "
                                "standard deviations from the training mean (beyond the float "
                                "range)",
                                t->name, j, part_names[p], i, (double)*v, z);
                    return TRN_E_RANGE;
                }
                *v = (float)z;
            }
    }
    return TRN_OK;
}

/* ---- MNIST-format directories ----------------------------------------------------- */

static int is_file(const char *path) {
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

static int is_dir(const char *path) {
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* dir/stem-kind, dir/stem.kind (how some mirrors name them), each plain or .gz */
static int find_idx(const char *dir, const char *stem, const char *kind, char *path, size_t len) {
    static const char *const forms[] = {"%s/%s-%s", "%s/%s-%s.gz", "%s/%s.%s", "%s/%s.%s.gz"};
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        int w = snprintf(path, len, forms[i], dir, stem, kind);
        if (w > 0 && (size_t)w < len && is_file(path)) return 1;
    }
    return 0;
}

const char *trn_fashion_mnist_dir(void) {
    static const char dir[] = "/usr/share/datasets/fashion-mnist";
    char path[256];
    return find_idx(dir, "train-images", "idx3-ubyte", path, sizeof path) ? dir : NULL;
}

static trn_status read_pair(const char *dir, const char *which, trn_data *d, char *err,
                            size_t errlen) {
    char ipath[4096], lpath[4096], istem[32], lstem[32];
    snprintf(istem, sizeof istem, "%s-images", which);
    snprintf(lstem, sizeof lstem, "%s-labels", which);
    if (!find_idx(dir, istem, "idx3-ubyte", ipath, sizeof ipath)) {
        trn_dat_err(err, errlen,
                    "%.300s: no %s-idx3-ubyte[.gz] (an MNIST-format directory holds "
                    "train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, "
                    "t10k-labels-idx1-ubyte, plain or .gz)",
                    dir, istem);
        return TRN_E_IO;
    }
    if (!find_idx(dir, lstem, "idx1-ubyte", lpath, sizeof lpath)) {
        trn_dat_err(err, errlen, "%.300s: no %s-idx1-ubyte[.gz] next to %s", dir, lstem,
                    trn_dat_base(ipath));
        return TRN_E_IO;
    }
    trn_status st = trn_idx_read_images(ipath, d, err, errlen);
    if (st) return st;
    int32_t *lab = NULL;
    size_t nl = 0;
    if ((st = trn_idx_read_labels(lpath, &lab, &nl, err, errlen))) {
        trn_data_free(d);
        return st;
    }
    if (nl != d->n) {
        trn_dat_err(err, errlen, "%s: %zu labels, but %s holds %zu images", lpath, nl,
                    trn_dat_base(ipath), d->n);
        free(lab);
        trn_data_free(d);
        return TRN_E_SHAPE;
    }
    d->label = lab;
    return TRN_OK;
}

static trn_status load_mnist_dir(const char *dir, const char *name, const trn_data_opts *o,
                                 trn_split *out, char *err, size_t errlen) {
    struct stat sb;
    if (stat(dir, &sb) != 0) {
        trn_dat_err(err, errlen, "%.300s: %s", dir, strerror(errno));
        return TRN_E_IO;
    }
    if (!S_ISDIR(sb.st_mode)) {
        trn_dat_err(err, errlen, "%.300s: not a directory", dir);
        return TRN_E_IO;
    }
    trn_data tr, te;
    trn_status st = read_pair(dir, "train", &tr, err, errlen);
    if (st) return st;
    if ((st = read_pair(dir, "t10k", &te, err, errlen))) {
        trn_data_free(&tr);
        return st;
    }
    if (tr.dim != te.dim || tr.rows != te.rows || tr.cols != te.cols) {
        trn_dat_err(err, errlen,
                    "%.300s: train images are %zux%zu (%zu values), t10k images %zux%zu (%zu)", dir,
                    tr.rows, tr.cols, tr.dim, te.rows, te.cols, te.dim);
        st = TRN_E_SHAPE;
        goto fail;
    }
    int32_t maxl = 0;
    for (size_t i = 0; i < tr.n; i++) maxl = tr.label[i] > maxl ? tr.label[i] : maxl;
    for (size_t i = 0; i < te.n; i++) maxl = te.label[i] > maxl ? te.label[i] : maxl;
    tr.classes = te.classes = maxl + 1;
    snprintf(tr.name, sizeof tr.name, "%s", name);
    memcpy(te.name, tr.name, sizeof te.name);
    size_t nvalid = frac_of(o->valid_frac, tr.n);
    if (tr.n - nvalid == 0) {
        trn_dat_err(err, errlen, "%.300s: %zu training images leave none after valid_frac=%g", dir,
                    tr.n, o->valid_frac);
        st = TRN_E_RANGE;
        goto fail;
    }
    trn_rng r;
    trn_rng_seed(&r, o->seed);
    if ((st = split_full(&tr, nvalid, 0, o->limit, &r, out, err, errlen))) goto fail;
    out->test = te;
    return TRN_OK;
fail:
    trn_data_free(&tr);
    trn_data_free(&te);
    return st;
}

/* ---- CSV specs: csv:FILE or csv(label=,header=,regression=):FILE ------------------- */

static const trn_dat_optdef csv_defs[] = {
    {"label", TRN_DAT_INT, -1, -1, 1e6, 0, "column index from 0, -1 the last"},
    {"header", TRN_DAT_INT, -1, -1, 1, 0, "-1 detect, 0 none, 1 present"},
    {"regression", TRN_DAT_INT, 0, 0, 1, 0, "1: the label column is a real target"},
};

static trn_status load_csv(const char *path, const trn_csv_opts *co, const trn_data_opts *o,
                           trn_split *out, char *err, size_t errlen) {
    trn_data full;
    trn_status st = trn_csv_read(path, co, &full, err, errlen);
    if (st) return st;
    trn_rng r;
    trn_rng_seed(&r, o->seed);
    st = split_generic(&full, o, &r, out, err, errlen);
    trn_data_free(&full);
    return st;
}

static trn_status load_csv_spec(const char *spec, const trn_data_opts *o, trn_split *out,
                                char *err, size_t errlen) {
    trn_csv_opts co = {-1, -1, 0};
    const char *path = spec + 4;
    if (spec[3] == '(') {
        const char *close = strstr(spec, "):");
        if (!close) {
            trn_dat_err(err, errlen, "'%.200s': expected csv(options):FILE", spec);
            return TRN_E_SPEC;
        }
        double v[3];
        trn_status st = trn_dat_parse_opts(spec, spec + 4, (size_t)(close - spec - 4), csv_defs,
                                           3, v, NULL, NULL, err, errlen);
        if (st) return st;
        co.label_col = (int)v[0];
        co.header = (int)v[1];
        co.regression = (int)v[2];
        path = close + 2;
    }
    if (!*path) {
        trn_dat_err(err, errlen, "'%.200s': no file after 'csv:'", spec);
        return TRN_E_SPEC;
    }
    return load_csv(path, &co, o, out, err, errlen);
}

/* ---- trn_data_load ------------------------------------------------------------------ */

static trn_status load_generated(const char *spec, const trn_data_opts *o, trn_split *out,
                                 char *err, size_t errlen) {
    trn_rng r;
    trn_rng_seed(&r, o->seed);
    trn_data full;
    trn_status st = trn_dat_generate(spec, &r, &full, err, errlen);
    if (st) return st;
    st = split_generic(&full, o, &r, out, err, errlen);
    trn_data_free(&full);
    return st;
}

static int has_suffix(const char *s, const char *suf) {
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && strcmp(s + a - b, suf) == 0;
}

static trn_status dispatch(const char *spec, const trn_data_opts *o, trn_split *out, char *err,
                           size_t errlen) {
    if (strncmp(spec, "csv:", 4) == 0 || strncmp(spec, "csv(", 4) == 0)
        return load_csv_spec(spec, o, out, err, errlen);
    if (strncmp(spec, "mnist-dir:", 10) == 0) {
        if (!spec[10]) {
            trn_dat_err(err, errlen, "'%s': no directory after 'mnist-dir:'", spec);
            return TRN_E_SPEC;
        }
        return load_mnist_dir(spec + 10, spec, o, out, err, errlen);
    }
    if (strcmp(spec, "fashion-mnist") == 0 || strcmp(spec, "fashion_mnist") == 0) {
        const char *dir = trn_fashion_mnist_dir();
        if (!dir) {
            trn_dat_err(err, errlen,
                        "fashion-mnist: not found in /usr/share/datasets/fashion-mnist (install "
                        "the Debian package dataset-fashion-mnist, or use mnist-dir:DIR)");
            return TRN_E_IO;
        }
        return load_mnist_dir(dir, "fashion-mnist", o, out, err, errlen);
    }
    /* a generator: "name", "name(...)", spaces allowed around and before '(' */
    const char *nb = spec, *ne = spec + strlen(spec);
    trim(&nb, &ne);
    size_t nl = 0;
    while (isalnum((unsigned char)nb[nl]) || nb[nl] == '_' || nb[nl] == '-') nl++;
    const char *rest = nb + nl;
    while (rest < ne && isspace((unsigned char)*rest)) rest++;
    if (nl && (rest == ne || *rest == '(') && trn_dat_is_generator(nb, nl)) {
        size_t rl = (size_t)(ne - rest);
        char *norm = malloc(nl + rl + 1);
        if (!norm) {
            trn_dat_err(err, errlen, "'%.200s': out of memory", spec);
            return TRN_E_NOMEM;
        }
        memcpy(norm, nb, nl);
        memcpy(norm + nl, rest, rl);
        norm[nl + rl] = 0;
        trn_status st = load_generated(norm, o, out, err, errlen);
        free(norm);
        return st;
    }
    if (nl == 0) nb = spec;
    if (is_dir(spec)) return load_mnist_dir(spec, spec, o, out, err, errlen);
    if (has_suffix(spec, ".csv") && is_file(spec)) {
        trn_csv_opts co = {-1, -1, 0};
        return load_csv(spec, &co, o, out, err, errlen);
    }
    if (!*spec) {
        trn_dat_err(err, errlen, "empty data spec (known: %s, fashion-mnist, mnist-dir:DIR, "
                                 "csv:FILE, or a directory)", trn_dat_generator_names());
        return TRN_E_SPEC;
    }
    if (strchr(spec, '/') || strchr(spec, '.')) {
        struct stat sb;
        if (stat(spec, &sb) != 0) {
            trn_dat_err(err, errlen, "%.300s: %s (expected a directory of MNIST-format files, or "
                                     "csv:FILE)", spec, strerror(errno));
            return TRN_E_IO;
        }
        trn_dat_err(err, errlen, "%.300s: not a directory (write csv:%.200s for a CSV file)", spec,
                    spec);
        return TRN_E_SPEC;
    }
    char q[64];
    trn_dat_err(err, errlen,
                "unknown data set '%s' (known: %s, fashion-mnist, mnist-dir:DIR, csv:FILE, or a "
                "directory)",
                trn_dat_quote(q, sizeof q, nb, nl ? nl : strlen(nb)), trn_dat_generator_names());
    return TRN_E_SPEC;
}

trn_status trn_data_load(const char *spec, const trn_data_opts *opts, trn_split *out, char *err,
                         size_t errlen) {
    char dummy[8];
    if (!err || !errlen) {
        err = dummy;
        errlen = sizeof dummy;
    }
    err[0] = 0;
    memset(out, 0, sizeof *out);
    trn_data_opts def;
    if (!opts) {
        trn_data_opts_default(&def);
        opts = &def;
    }
    if (!spec) {
        trn_dat_err(err, errlen, "no data spec");
        return TRN_E_SPEC;
    }
    trn_status st = check_fracs(opts, err, errlen);
    if (!st) st = dispatch(spec, opts, out, err, errlen);
    if (st) {
        trn_split_free(out);
        return st;
    }
    if (opts->standardize && (st = standardize(out, err, errlen))) {
        trn_split_free(out);
        return st;
    }
    return TRN_OK;
}
