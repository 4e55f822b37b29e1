/*
 * data_idx.c - IDX files (the MNIST format), plain or gzip.
 *
 * Layout (LeCun): a big-endian magic 00 00 TT NN (TT the element type, NN the
 * number of dimensions), NN big-endian 32-bit dimensions, then the elements,
 * big-endian, row-major. zlib's gzread reads plain files unchanged, so gzip is
 * recognised by its magic (1f 8b), never by the file name.
 *
 * Checks, each with its own one-line message: the file exists and is a
 * regular file; it is not empty; the first two bytes are 0 (a gzip magic
 * inside the decompressed data says "compressed twice"); the element type is
 * one of 0x08 u8, 0x09 i8, 0x0B i16, 0x0C i32, 0x0D f32, 0x0E f64; the
 * dimension count is 3 (images: count, rows, cols) or 2 (count, values; rows
 * and cols then 0) for images and 1 for labels; no dimension is 0; the
 * product neither overflows size_t nor exceeds 2^31 elements; the data is
 * exactly as long as the header says (truncation and trailing bytes are both
 * errors); the gzip stream is intact.
 *
 * Values: u8 images are scaled by 1/255 to [0, 1]; the other types are taken
 * as they are (converted to float; NaN or inf rejected). Labels must be whole
 * numbers in [0, 65535].
 */
#include "data_internal.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

typedef struct {
    const char *path;
    gzFile g;
    long long fsize; /* the file's size on disk */
    char *err;
    size_t errlen;
} idx_file;

static int type_size(int t) {
    switch (t) {
    case 0x08:
    case 0x09: return 1;
    case 0x0B: return 2;
    case 0x0C:
    case 0x0D: return 4;
    case 0x0E: return 8;
    default: return 0;
    }
}

static uint32_t be32(const unsigned char *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* the element at p as a double */
static double elem(const unsigned char *p, int t) {
    switch (t) {
    case 0x08: return p[0];
    case 0x09: return (int8_t)p[0];
    case 0x0B: return (int16_t)(uint16_t)(p[0] << 8 | p[1]);
    case 0x0C: return (int32_t)be32(p);
    case 0x0D: {
        uint32_t u = be32(p);
        float f;
        memcpy(&f, &u, sizeof f);
        return f;
    }
    case 0x0E: {
        uint64_t u = (uint64_t)be32(p) << 32 | be32(p + 4);
        double d;
        memcpy(&d, &u, sizeof d);
        return d;
    }
    default: return NAN;
    }
}

/* A gzip stream error, or 0. */
static trn_status gz_check(idx_file *f) {
    int zerr = Z_OK;
    const char *msg = gzerror(f->g, &zerr);
    if (zerr == Z_OK || zerr == Z_STREAM_END) return TRN_OK;
    if (zerr == Z_ERRNO) {
        trn_dat_err(f->err, f->errlen, "%s: read error (%s)", f->path, strerror(errno));
        return TRN_E_IO;
    }
    if (zerr == Z_MEM_ERROR) {
        trn_dat_err(f->err, f->errlen, "%s: out of memory decompressing", f->path);
        return TRN_E_NOMEM;
    }
    /* zlib prefixes its message with the path; say it once */
    size_t pl = strlen(f->path);
    if (msg && strncmp(msg, f->path, pl) == 0 && msg[pl] == ':')
        msg += pl + (msg[pl + 1] == ' ' ? 2 : 1);
    trn_dat_err(f->err, f->errlen, "%s: %s gzip stream (zlib: %s)", f->path,
                zerr == Z_BUF_ERROR ? "truncated" : "corrupt", msg ? msg : "?");
    return TRN_E_FORMAT;
}

/* Reads up to n bytes; *got receives how many arrived. */
static trn_status rd(idx_file *f, void *buf, size_t n, size_t *got) {
    *got = 0;
    while (*got < n) {
        size_t want = n - *got;
        unsigned chunk = want > (1u << 30) ? 1u << 30 : (unsigned)want;
        int r = gzread(f->g, (char *)buf + *got, chunk);
        if (r < 0) break;
        if (r == 0) break;
        *got += (size_t)r;
    }
    return gz_check(f);
}

static trn_status idx_open(idx_file *f, const char *path, char *err, size_t errlen) {
    memset(f, 0, sizeof *f);
    f->path = path;
    f->err = err;
    f->errlen = errlen;
    struct stat sb;
    if (stat(path, &sb) != 0) {
        trn_dat_err(err, errlen, "%s: cannot open (%s)", path, strerror(errno));
        return TRN_E_IO;
    }
    if (S_ISDIR(sb.st_mode)) {
        trn_dat_err(err, errlen, "%s: is a directory, not an IDX file", path);
        return TRN_E_IO;
    }
    if (sb.st_size == 0) {
        trn_dat_err(err, errlen, "%s: empty file (no IDX header)", path);
        return TRN_E_FORMAT;
    }
    f->fsize = (long long)sb.st_size;
    f->g = gzopen(path, "rb");
    if (!f->g) {
        trn_dat_err(err, errlen, "%s: cannot open (%s)", path,
                    errno ? strerror(errno) : "out of memory");
        return errno ? TRN_E_IO : TRN_E_NOMEM;
    }
    gzbuffer(f->g, 1u << 17);
    return TRN_OK;
}

/* Reads the header, checks it and the element count, and reads the data:
   *data (malloc'd, count*type_size bytes), dims[0..*ndims). want_dims lists
   the accepted dimension counts (0-terminated); what says "images" or
   "labels". */
static trn_status idx_read(idx_file *f, const int *want_dims, const char *what, int *type,
                           uint32_t *dims, int *ndims, size_t *count, unsigned char **data) {
    const char *path = f->path;
    char *err = f->err;
    size_t errlen = f->errlen, got;
    unsigned char h[4 + 4 * 255];
    *data = NULL;
    trn_status st = rd(f, h, 4, &got);
    if (st) return st;
    const char *kind = gzdirect(f->g) ? "" : " decompressed";
    if (got < 4) {
        trn_dat_err(err, errlen, "%s: truncated header (%zu bytes%s, an IDX magic needs 4)", path,
                    got, kind);
        return TRN_E_FORMAT;
    }
    uint32_t magic = be32(h);
    if (h[0] == 0x1f && h[1] == 0x8b) {
        trn_dat_err(err, errlen,
                    "%s: not an IDX file (magic 0x%08x is gzip: compressed twice? decompress it)",
                    path, magic);
        return TRN_E_FORMAT;
    }
    if (h[0] || h[1]) {
        trn_dat_err(err, errlen,
                    "%s: not an IDX file (magic 0x%08x; an IDX magic starts with two zero bytes)",
                    path, magic);
        return TRN_E_FORMAT;
    }
    *type = h[2];
    if (!type_size(*type)) {
        trn_dat_err(err, errlen,
                    "%s: element type 0x%02x is not an IDX type (0x08 u8, 0x09 i8, 0x0B i16, 0x0C "
                    "i32, 0x0D f32, 0x0E f64)",
                    path, *type);
        return TRN_E_FORMAT;
    }
    *ndims = h[3];
    int ok = 0;
    char wanted[32] = "";
    for (int i = 0; want_dims[i]; i++) {
        ok |= want_dims[i] == *ndims;
        size_t w = strlen(wanted);
        snprintf(wanted + w, sizeof wanted - w, "%s%d", i ? " or " : "", want_dims[i]);
    }
    if (!ok) {
        trn_dat_err(err, errlen, "%s: %d dimension%s (magic 0x%08x), expected %s for %s", path,
                    *ndims, *ndims == 1 ? "" : "s", magic, wanted, what);
        return TRN_E_FORMAT;
    }
    size_t hlen = 4 + 4 * (size_t)*ndims;
    if ((st = rd(f, h + 4, hlen - 4, &got))) return st;
    if (got < hlen - 4) {
        trn_dat_err(err, errlen, "%s: truncated header (%zu bytes%s, %d dimensions need %zu)", path,
                    4 + got, kind, *ndims, hlen);
        return TRN_E_FORMAT;
    }
    char shape[128] = "";
    size_t n = 1;
    int overflow = 0;
    for (int i = 0; i < *ndims; i++) {
        dims[i] = be32(h + 4 + 4 * i);
        size_t w = strlen(shape);
        snprintf(shape + w, sizeof shape - w, "%s%u", i ? "x" : "", dims[i]);
        if (dims[i] && n > SIZE_MAX / dims[i]) overflow = 1;
        else n *= dims[i];
    }
    for (int i = 0; i < *ndims; i++)
        if (dims[i] == 0) {
            trn_dat_err(err, errlen, "%s: dimension %d is 0 (dimensions %s)", path, i, shape);
            return TRN_E_FORMAT;
        }
    if (overflow) {
        trn_dat_err(err, errlen, "%s: dimensions %s overflow (more than 2^31 elements)", path,
                    shape);
        return TRN_E_FORMAT;
    }
    if (n > TRN_DAT_MAX_ELEMS) {
        trn_dat_err(err, errlen, "%s: dimensions %s are too large (%zu elements, max 2^31)", path,
                    shape, n);
        return TRN_E_FORMAT;
    }
    size_t es = (size_t)type_size(*type), nbytes = n * es;
    unsigned long long need = hlen + nbytes;
    if (gzdirect(f->g) && (unsigned long long)f->fsize != need) {
        long long extra = f->fsize - (long long)need;
        trn_dat_err(err, errlen, "%s: dimensions %s need %llu bytes, file has %lld%s", path, shape,
                    need, f->fsize, extra > 0 ? " (trailing bytes)" : " (truncated)");
        return TRN_E_FORMAT;
    }
    /* gzip: the size shows only as it decompresses; past 1 MiB grow the
       buffer (doubling) with the data, so a lying header in a small file
       cannot make us allocate 2^31 bytes, or even 64 MiB, up front. A plain
       file's size was checked above. */
    size_t cap = gzdirect(f->g) || nbytes < (1u << 20) ? nbytes : 1u << 20;
    unsigned char *buf = malloc(cap);
    if (!buf) {
        trn_dat_err(err, errlen, "%s: out of memory for %zu bytes", path, cap);
        return TRN_E_NOMEM;
    }
    size_t have = 0;
    for (;;) {
        if ((st = rd(f, buf + have, cap - have, &got))) goto fail;
        have += got;
        if (have < cap || cap == nbytes) break;
        size_t ncap = cap > nbytes / 2 ? nbytes : cap * 2;
        unsigned char *nb = realloc(buf, ncap);
        if (!nb) {
            trn_dat_err(err, errlen, "%s: out of memory for %zu bytes", path, ncap);
            st = TRN_E_NOMEM;
            goto fail;
        }
        buf = nb;
        cap = ncap;
    }
    if (have < nbytes) {
        trn_dat_err(err, errlen, "%s: dimensions %s need %llu bytes, file has %llu%s (truncated)",
                    path, shape, need, (unsigned long long)(hlen + have), kind);
        st = TRN_E_FORMAT;
        goto fail;
    }
    /* trailing bytes: count them (up to 1 MiB, then "at least") */
    unsigned char probe[4096];
    size_t extra = 0;
    do {
        if ((st = rd(f, probe, sizeof probe, &got))) goto fail;
        extra += got;
    } while (got == sizeof probe && extra < (1u << 20));
    if (extra) {
        trn_dat_err(err, errlen,
                    "%s: dimensions %s need %llu bytes, file has %s%llu%s (trailing bytes)", path,
                    shape, need, got == sizeof probe ? "at least " : "",
                    (unsigned long long)(need + extra), kind);
        st = TRN_E_FORMAT;
        goto fail;
    }
    *count = n;
    *data = buf;
    return TRN_OK;
fail:
    free(buf);
    return st;
}

trn_status trn_idx_read_images(const char *path, trn_data *out, char *err, size_t errlen) {
    char dummy[8];
    if (!err || !errlen) {
        err = dummy;
        errlen = sizeof dummy;
    }
    memset(out, 0, sizeof *out);
    idx_file f;
    trn_status st = idx_open(&f, path, err, errlen);
    if (st) return st;
    static const int want[] = {3, 2, 0};
    uint32_t dims[255];
    int type = 0, nd = 0;
    size_t count = 0;
    unsigned char *data = NULL;
    st = idx_read(&f, want, "images (count, rows, cols)", &type, dims, &nd, &count, &data);
    gzclose(f.g);
    if (st) return st;
    size_t n = dims[0], dim = count / n;
    if ((st = trn_dat_alloc(out, n, dim, 0, 0, path, err, errlen))) {
        free(data);
        return st;
    }
    if (nd == 3) {
        out->rows = dims[1];
        out->cols = dims[2];
    }
    snprintf(out->name, sizeof out->name, "%s", trn_dat_base(path));
    size_t es = (size_t)type_size(type);
    float *x = out->x;
    if (type == 0x08) { /* the common case, kept a plain loop the compiler vectorises */
        for (size_t i = 0; i < count; i++) x[i] = (float)data[i] / 255.0f;
    } else {
        for (size_t i = 0; i < count; i++) {
            double v = elem(data + i * es, type);
            if (!isfinite(v) || !isfinite((float)v)) {
                trn_dat_err(err, errlen, "%s: element %zu (image %zu) is %g, not a finite float",
                            path, i, i / dim, v);
                free(data);
                trn_data_free(out);
                return TRN_E_FORMAT;
            }
            x[i] = (float)v;
        }
    }
    free(data);
    return TRN_OK;
}

trn_status trn_idx_read_labels(const char *path, int32_t **labels, size_t *n, char *err,
                               size_t errlen) {
    char dummy[8];
    if (!err || !errlen) {
        err = dummy;
        errlen = sizeof dummy;
    }
    *labels = NULL;
    *n = 0;
    idx_file f;
    trn_status st = idx_open(&f, path, err, errlen);
    if (st) return st;
    static const int want[] = {1, 0};
    uint32_t dims[255];
    int type = 0, nd = 0;
    size_t count = 0;
    unsigned char *data = NULL;
    st = idx_read(&f, want, "labels (count)", &type, dims, &nd, &count, &data);
    gzclose(f.g);
    if (st) return st;
    int32_t *lab = malloc(count * sizeof *lab);
    if (!lab) {
        free(data);
        trn_dat_err(err, errlen, "%s: out of memory for %zu labels", path, count);
        return TRN_E_NOMEM;
    }
    size_t es = (size_t)type_size(type);
    for (size_t i = 0; i < count; i++) {
        double v = elem(data + i * es, type);
        if (!(v >= 0 && v < TRN_DAT_MAX_CLASSES && v == floor(v))) {
            trn_dat_err(err, errlen, "%s: label %zu is %g; labels must be whole numbers in [0, %d]",
                        path, i, v, TRN_DAT_MAX_CLASSES - 1);
            free(data);
            free(lab);
            return TRN_E_FORMAT;
        }
        lab[i] = (int32_t)v;
    }
    free(data);
    *labels = lab;
    *n = count;
    return TRN_OK;
}
