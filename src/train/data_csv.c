/*
 * data_csv.c - numeric CSV files.
 *
 * Format (documented behaviour):
 *   - fields separated by commas; spaces and tabs around a field are ignored;
 *     a field may be double-quoted ("" is a quote inside; no line breaks
 *     inside quotes), so a header such as "sepal.length" reads; a UTF-8 byte
 *     order mark is skipped; the whole file is read into memory, so there is
 *     no line-length limit;
 *   - LF or CRLF line endings; a missing final newline is fine; empty lines
 *     are skipped;
 *   - header: -1 detects (the first row is a header iff any of its fields is
 *     not a number), 0 none, 1 present (the first row is skipped);
 *   - every row has as many fields as the first; at least 2 (a feature and
 *     the label);
 *   - every value must be a finite number within the float range (NaN, inf, 1e39,
 *     empty and text fields are errors naming line and column);
 *   - the label column (label_col, -1 the last): for classification a whole
 *     number in [0, 65535], classes = max + 1; for regression any finite
 *     number, stored as y with targets = 1.
 */
#include "data_internal.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct {
    char *s; /* NUL-terminated in place */
    size_t n;
} field;

typedef struct {
    field *f;
    size_t n, cap;
} fields;

static int push(fields *fs, char *s, size_t n) {
    if (fs->n == fs->cap) {
        size_t nc = fs->cap ? fs->cap * 2 : 16;
        field *nf = realloc(fs->f, nc * sizeof *nf);
        if (!nf) return 0;
        fs->f = nf;
        fs->cap = nc;
    }
    fs->f[fs->n].s = s;
    fs->f[fs->n].n = n;
    fs->n++;
    return 1;
}

/* Splits the line [b, e) into fields, terminating each in place (the byte at
   e is writable). Returns 0 when out of memory. */
static int split_line(char *b, char *e, fields *fs) {
    fs->n = 0;
    char *p = b;
    for (;;) {
        while (p < e && (*p == ' ' || *p == '\t')) p++;
        char *s = p, *w;
        if (p < e && *p == '"') {
            /* quoted: unquote in place ("" is one quote) */
            s = w = ++p;
            while (p < e) {
                if (*p == '"' && p + 1 < e && p[1] == '"') {
                    *w++ = '"';
                    p += 2;
                } else if (*p == '"') {
                    p++;
                    break;
                } else {
                    *w++ = *p++;
                }
            }
            while (p < e && *p != ',') {
                /* text after the closing quote joins the field (so it fails as a number) */
                if (*p != ' ' && *p != '\t') *w++ = *p;
                p++;
            }
            if (!push(fs, s, (size_t)(w - s))) return 0;
        } else {
            while (p < e && *p != ',') p++;
            char *fe = p;
            while (fe > s && (fe[-1] == ' ' || fe[-1] == '\t')) fe--;
            if (!push(fs, s, (size_t)(fe - s))) return 0;
            w = fe;
        }
        int more = p < e && *p == ',';
        *w = 0; /* w <= p: the separator, the line end or something consumed */
        if (!more) return 1;
        p++;
    }
}

/* 0 ok; 1 not a number (or empty); 2 NaN; 3 infinite; 4 finite but beyond
   float (the values are stored as float: 1e39 would become inf) */
static int parse_num(const field *f, double *v) {
    if (f->n == 0) return 1;
    char *e;
    errno = 0;
    *v = strtod(f->s, &e);
    if (e != f->s + f->n) return 1;
    if (isnan(*v)) return 2;
    if (isinf(*v)) return 3;
    if (isinf((float)*v)) return 4;
    return 0;
}

static trn_status read_all(const char *path, char **buf, size_t *len, char *err, size_t errlen) {
    *buf = NULL;
    *len = 0;
    struct stat sb;
    if (stat(path, &sb) != 0) {
        trn_dat_err(err, errlen, "%s: cannot open (%s)", path, strerror(errno));
        return TRN_E_IO;
    }
    if (S_ISDIR(sb.st_mode)) {
        trn_dat_err(err, errlen, "%s: is a directory, not a CSV file", path);
        return TRN_E_IO;
    }
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        trn_dat_err(err, errlen, "%s: cannot open (%s)", path, strerror(errno));
        return TRN_E_IO;
    }
    size_t cap = sb.st_size > 0 ? (size_t)sb.st_size + 1 : 4096, n = 0;
    char *b = malloc(cap);
    for (;;) {
        if (!b) {
            fclose(fp);
            trn_dat_err(err, errlen, "%s: out of memory reading %zu bytes", path, cap);
            return TRN_E_NOMEM;
        }
        n += fread(b + n, 1, cap - 1 - n, fp);
        if (n < cap - 1) break;
        int c = fgetc(fp); /* the file grew since stat, or has no size */
        if (c == EOF) break;
        char *nb = realloc(b, cap * 2);
        if (!nb) free(b);
        b = nb;
        cap *= 2;
        if (b) b[n++] = (char)c;
    }
    if (ferror(fp)) {
        trn_dat_err(err, errlen, "%s: read error (%s)", path, strerror(errno));
        fclose(fp);
        free(b);
        return TRN_E_IO;
    }
    fclose(fp);
    b[n] = 0;
    *buf = b;
    *len = n;
    return TRN_OK;
}

typedef struct {
    float *v;
    size_t n, cap;
} fvec;

static int fpush(fvec *a, float v) {
    if (a->n == a->cap) {
        size_t nc = a->cap ? a->cap * 2 : 1024;
        float *nv = realloc(a->v, nc * sizeof *nv);
        if (!nv) return 0;
        a->v = nv;
        a->cap = nc;
    }
    a->v[a->n++] = v;
    return 1;
}

trn_status trn_csv_read(const char *path, const trn_csv_opts *o, trn_data *out, char *err,
                        size_t errlen) {
    char dummy[8];
    if (!err || !errlen) {
        err = dummy;
        errlen = sizeof dummy;
    }
    memset(out, 0, sizeof *out);
    trn_csv_opts def = {-1, -1, 0};
    if (!o) o = &def;
    if (o->header < -1 || o->header > 1 || o->label_col < -1) {
        trn_dat_err(err, errlen, "%s: bad CSV options (header=%d, label=%d)", path, o->header,
                    o->label_col);
        return TRN_E_RANGE;
    }
    char *buf;
    size_t len;
    trn_status st = read_all(path, &buf, &len, err, errlen);
    if (st) return st;

    fields fs = {0};
    fvec xs = {0}, ls = {0};
    size_t ncols = 0, nrows = 0, lc = 0, line = 0;
    int first = 1;
    double maxlab = -1;
    char q[64];
    char *p = buf, *end = buf + len;
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) p += 3; /* UTF-8 byte order mark */
    st = TRN_OK;
    while (p < end && !st) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *le = nl ? nl : end, *next = nl ? nl + 1 : end;
        line++;
        if (le > p && le[-1] == '\r') le--;
        char *b = p;
        p = next;
        const char *t = b;
        while (t < le && (*t == ' ' || *t == '\t')) t++;
        if (t == le) continue; /* empty line */
        if (!split_line(b, le, &fs)) {
            st = TRN_E_NOMEM;
            trn_dat_err(err, errlen, "%s line %zu: out of memory", path, line);
            break;
        }
        if (first) {
            first = 0;
            ncols = fs.n;
            if (ncols < 2) {
                trn_dat_err(err, errlen,
                            "%s line %zu: 1 column; need at least one feature and a label", path,
                            line);
                st = TRN_E_FORMAT;
                break;
            }
            if (o->label_col >= 0 && (size_t)o->label_col >= ncols) {
                trn_dat_err(err, errlen, "%s: label column %d out of range (the file has %zu "
                                         "columns, 0 to %zu)",
                            path, o->label_col, ncols, ncols - 1);
                st = TRN_E_RANGE;
                break;
            }
            lc = o->label_col < 0 ? ncols - 1 : (size_t)o->label_col;
            int header = o->header;
            if (header < 0) {
                header = 0;
                double v;
                for (size_t i = 0; i < fs.n; i++)
                    if (parse_num(&fs.f[i], &v) == 1) header = 1;
            }
            if (header) continue;
        }
        if (fs.n != ncols) {
            trn_dat_err(err, errlen, "%s line %zu: %zu fields, expected %zu", path, line, fs.n,
                        ncols);
            st = TRN_E_FORMAT;
            break;
        }
        for (size_t i = 0; i < ncols && !st; i++) {
            double v;
            int r = parse_num(&fs.f[i], &v);
            trn_dat_quote(q, sizeof q, fs.f[i].s, fs.f[i].n);
            if (r) {
                static const char *const why[] = {"", "is not a number",
                                                  "is NaN (remove or impute it)", "is not finite",
                                                  "is beyond the float range (|x| > 3.4e38)"};
                if (fs.f[i].n == 0)
                    trn_dat_err(err, errlen, "%s line %zu, column %zu: empty field", path, line,
                                i + 1);
                else
                    trn_dat_err(err, errlen, "%s line %zu, column %zu: '%s' %s", path, line,
                                i + 1, q, why[r]);
                st = TRN_E_FORMAT;
                break;
            }
            if (i == lc && !o->regression &&
                !(v >= 0 && v == floor(v) && v < TRN_DAT_MAX_CLASSES)) {
                trn_dat_err(err, errlen,
                            "%s line %zu, column %zu: class label '%s' is not a whole number in "
                            "[0, %d] (regression=1 for real-valued targets)",
                            path, line, i + 1, q, TRN_DAT_MAX_CLASSES - 1);
                st = TRN_E_FORMAT;
                break;
            }
            if (i == lc && v > maxlab) maxlab = v;
            if (!((i == lc ? fpush(&ls, (float)v) : fpush(&xs, (float)v)))) {
                trn_dat_err(err, errlen, "%s line %zu: out of memory", path, line);
                st = TRN_E_NOMEM;
            }
        }
        if (!st) nrows++;
    }
    if (!st && first) {
        trn_dat_err(err, errlen, "%s: empty file", path);
        st = TRN_E_FORMAT;
    }
    if (!st && nrows == 0) {
        trn_dat_err(err, errlen, "%s: no data rows (only a header)", path);
        st = TRN_E_FORMAT;
    }
    if (!st)
        st = trn_dat_alloc(out, nrows, ncols - 1, o->regression ? 0 : (int)maxlab + 1,
                           o->regression ? 1 : 0, path, err, errlen);
    if (!st) {
        memcpy(out->x, xs.v, nrows * (ncols - 1) * sizeof *out->x);
        if (o->regression) memcpy(out->y, ls.v, nrows * sizeof *out->y);
        else
            for (size_t i = 0; i < nrows; i++) out->label[i] = (int32_t)ls.v[i];
        snprintf(out->name, sizeof out->name, "%s", trn_dat_base(path));
    }
    free(fs.f);
    free(xs.v);
    free(ls.v);
    free(buf);
    return st;
}
