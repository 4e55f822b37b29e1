/*
 * test_data.c - the data layer: IDX files (plain and gzip) and a corpus of
 * broken ones, CSV files good and bad, MNIST-format directories, the
 * generators, Shapeset-3x2, splits, limit and standardization, and the real
 * fashion-mnist when the Debian package is installed. Every file is written
 * by the test into a fresh directory under /tmp and removed at the end.
 */
#include "actlab_train.h"
#include "t.h"

#include <dirent.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

static char tmpdir[64];
static char err[TRN_ERRLEN];

static const char *path_of(const char *name) {
    static char buf[8][512];
    static int k;
    char *p = buf[k++ % 8];
    snprintf(p, 512, "%s/%s", tmpdir, name);
    return p;
}

static void write_file(const char *name, const void *data, size_t n) {
    FILE *f = fopen(path_of(name), "wb");
    if (!f) {
        perror(name);
        exit(2);
    }
    if (n) fwrite(data, 1, n, f);
    fclose(f);
}

static void write_gz(const char *name, const void *data, size_t n) {
    gzFile g = gzopen(path_of(name), "wb");
    if (!g) exit(2);
    if (n) gzwrite(g, data, (unsigned)n);
    gzclose(g);
}

static void write_text(const char *name, const char *s) { write_file(name, s, strlen(s)); }

static void rm_tree(const char *dir) {
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        char p[1024];
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        struct stat sb;
        if (lstat(p, &sb) == 0 && S_ISDIR(sb.st_mode)) rm_tree(p);
        else unlink(p);
    }
    closedir(d);
    rmdir(dir);
}

/* an IDX file in memory: header then data */
static size_t idx_bytes(unsigned char *out, int type, int nd, const uint32_t *dims,
                        const void *data, size_t n) {
    out[0] = out[1] = 0;
    out[2] = (unsigned char)type;
    out[3] = (unsigned char)nd;
    for (int i = 0; i < nd; i++) {
        out[4 + 4 * i] = (unsigned char)(dims[i] >> 24);
        out[5 + 4 * i] = (unsigned char)(dims[i] >> 16);
        out[6 + 4 * i] = (unsigned char)(dims[i] >> 8);
        out[7 + 4 * i] = (unsigned char)dims[i];
    }
    if (n) memcpy(out + 4 + 4 * nd, data, n);
    return 4 + 4 * (size_t)nd + n;
}

static int all_zero(const void *p, size_t n) {
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        if (b[i]) return 0;
    return 1;
}

/* status, one line, a substring */
static void expect_(trn_status got, trn_status want, const char *sub, const char *what, int line) {
    t_checks++;
    if (got != want || !strstr(err, sub) || strchr(err, '\n')) {
        t_failed++;
        fprintf(stderr, "%s:%d: %s: status %d (want %d), err '%s' (want '%s')\n", __FILE__, line,
                what, (int)got, (int)want, err, sub);
    }
}
#define EXPECT(got, want, sub, what) expect_(got, want, sub, what, __LINE__)

/* ---- IDX ------------------------------------------------------------------------- */

static unsigned char buf[1 << 16];

static trn_status read_img(const char *name, trn_data *d) {
    err[0] = 0;
    memset(d, 0x5a, sizeof *d);
    trn_status st = trn_idx_read_images(path_of(name), d, err, sizeof err);
    if (st) CHECKF(all_zero(d, sizeof *d), "%s: out not zeroed after error", name);
    return st;
}

static trn_status read_lab(const char *name, int32_t **l, size_t *n) {
    err[0] = 0;
    trn_status st = trn_idx_read_labels(path_of(name), l, n, err, sizeof err);
    if (st) CHECKF(*l == NULL && *n == 0, "%s: labels not cleared after error", name);
    return st;
}

static void test_idx_good(void) {
    unsigned char px[3 * 2 * 4];
    for (size_t i = 0; i < sizeof px; i++) px[i] = (unsigned char)(i * 11);
    px[5] = 255;
    uint32_t dims[3] = {3, 2, 4};
    size_t n = idx_bytes(buf, 0x08, 3, dims, px, sizeof px);
    write_file("img.idx", buf, n);
    write_gz("img.idx.gz", buf, n);
    write_gz("img-gz-named-plain", buf, n); /* gzip detected by magic, not by name */
    write_file("plain.gz", buf, n);         /* and a plain file named .gz */
    const char *names[] = {"img.idx", "img.idx.gz", "img-gz-named-plain", "plain.gz"};
    for (int k = 0; k < 4; k++) {
        trn_data d;
        trn_status st = read_img(names[k], &d);
        CHECKF(st == TRN_OK, "%s: %s", names[k], err);
        if (st) continue;
        CHECK_EQ_INT(d.n, 3);
        CHECK_EQ_INT(d.dim, 8);
        CHECK_EQ_INT(d.rows, 2);
        CHECK_EQ_INT(d.cols, 4);
        CHECK(d.label == NULL && d.y == NULL && d.classes == 0);
        CHECKF(strcmp(d.name, names[k]) == 0, "name '%s'", d.name);
        int same = 1;
        for (size_t i = 0; i < sizeof px; i++) same &= d.x[i] == (float)px[i] / 255.0f;
        CHECKF(same, "%s: pixels differ", names[k]);
        CHECK(d.x[5] == 1.0f && d.x[0] == 0.0f);
        trn_data_free(&d);
        CHECK(all_zero(&d, sizeof d));
    }
    /* 2-D images (count, values): accepted, no geometry */
    uint32_t d2[2] = {4, 6};
    n = idx_bytes(buf, 0x08, 2, d2, px, 24);
    write_file("img2d.idx", buf, n);
    trn_data d;
    CHECKF(read_img("img2d.idx", &d) == TRN_OK, "%s", err);
    CHECK(d.n == 4 && d.dim == 6 && d.rows == 0 && d.cols == 0);
    trn_data_free(&d);
    /* i16 and f32 images are taken as they are */
    unsigned char s16[4] = {0xff, 0xfe, 0x01, 0x00}; /* -2, 256 */
    uint32_t d16[3] = {1, 1, 2};
    write_file("i16.idx", buf, idx_bytes(buf, 0x0B, 3, d16, s16, 4));
    CHECKF(read_img("i16.idx", &d) == TRN_OK, "%s", err);
    CHECKF(d.n == 1 && d.x[0] == -2.0f && d.x[1] == 256.0f, "%g %g", d.x[0], d.x[1]);
    trn_data_free(&d);
    unsigned char f32[8] = {0x3f, 0xc0, 0, 0, 0x7f, 0xc0, 0, 0}; /* 1.5, NaN */
    write_file("f32.idx", buf, idx_bytes(buf, 0x0D, 3, d16, f32, 8));
    EXPECT(read_img("f32.idx", &d), TRN_E_FORMAT, "not a finite float", "f32 NaN");
    f32[4] = 0xc0; /* -2.0 */
    f32[5] = 0;
    write_file("f32.idx", buf, idx_bytes(buf, 0x0D, 3, d16, f32, 8));
    CHECKF(read_img("f32.idx", &d) == TRN_OK, "%s", err);
    CHECKF(d.x[0] == 1.5f && d.x[1] == -2.0f, "%g %g", d.x[0], d.x[1]);
    trn_data_free(&d);

    /* labels */
    unsigned char lab[5] = {0, 9, 3, 255, 1};
    uint32_t dl[1] = {5};
    n = idx_bytes(buf, 0x08, 1, dl, lab, 5);
    write_file("lab.idx", buf, n);
    write_gz("lab.idx.gz", buf, n);
    for (int k = 0; k < 2; k++) {
        int32_t *l;
        size_t nl;
        const char *nm = k ? "lab.idx.gz" : "lab.idx";
        CHECKF(read_lab(nm, &l, &nl) == TRN_OK, "%s", err);
        CHECK_EQ_INT(nl, 5);
        for (size_t i = 0; l && i < 5; i++) CHECK_EQ_INT(l[i], lab[i]);
        free(l);
    }
    /* i32 labels: large and negative ones are refused */
    unsigned char l32[8] = {0, 1, 0x11, 0x70, 0, 0, 0, 2}; /* 70000, 2 */
    write_file("l32.idx", buf, idx_bytes(buf, 0x0C, 1, (uint32_t[]){2}, l32, 8));
    int32_t *l;
    size_t nl;
    EXPECT(read_lab("l32.idx", &l, &nl), TRN_E_FORMAT, "label 0 is 70000", "i32 label 70000");
    l32[1] = 0;
    l32[2] = 1;
    l32[3] = 7; /* 263 */
    write_file("l32.idx", buf, idx_bytes(buf, 0x0C, 1, (uint32_t[]){2}, l32, 8));
    CHECKF(read_lab("l32.idx", &l, &nl) == TRN_OK && nl == 2 && l[0] == 263 && l[1] == 2, "%s",
           err);
    free(l);
    unsigned char l8[2] = {3, 0xff};
    write_file("l8s.idx", buf, idx_bytes(buf, 0x09, 1, (uint32_t[]){2}, l8, 2));
    EXPECT(read_lab("l8s.idx", &l, &nl), TRN_E_FORMAT, "label 1 is -1", "i8 label -1");
    /* a NULL err buffer is allowed */
    CHECK(trn_idx_read_labels(path_of("l8s.idx"), &l, &nl, NULL, 0) == TRN_E_FORMAT);
}

static void test_idx_bad(void) {
    trn_data d;
    int32_t *l;
    size_t nl, n;
    unsigned char px[40];
    memset(px, 7, sizeof px);
    uint32_t dims[3] = {2, 4, 5}; /* needs 16 + 40 = 56 bytes */

    n = idx_bytes(buf, 0x08, 3, dims, px, 40);
    buf[0] = 0x12;
    write_file("magic.idx", buf, n);
    EXPECT(read_img("magic.idx", &d), TRN_E_FORMAT, "not an IDX file (magic 0x12000803",
           "wrong magic");

    /* gzip inside gzip: the decompressed data starts with the gzip magic */
    n = idx_bytes(buf, 0x08, 3, dims, px, 40);
    write_gz("once.gz", buf, n);
    FILE *f = fopen(path_of("once.gz"), "rb");
    unsigned char gz[512];
    size_t gn = fread(gz, 1, sizeof gz, f);
    fclose(f);
    write_gz("twice.gz", gz, gn);
    EXPECT(read_img("twice.gz", &d), TRN_E_FORMAT, "is gzip", "gzip twice");

    n = idx_bytes(buf, 0x07, 3, dims, px, 40);
    write_file("type.idx", buf, n);
    EXPECT(read_img("type.idx", &d), TRN_E_FORMAT, "element type 0x07", "bad type code");

    uint32_t d4[4] = {2, 4, 5, 1};
    n = idx_bytes(buf, 0x08, 4, d4, px, 40);
    write_file("nd4.idx", buf, n);
    EXPECT(read_img("nd4.idx", &d), TRN_E_FORMAT, "4 dimensions", "images with 4 dims");
    n = idx_bytes(buf, 0x08, 3, dims, px, 40);
    write_file("img3.idx", buf, n);
    EXPECT(read_lab("img3.idx", &l, &nl), TRN_E_FORMAT,
           "3 dimensions (magic 0x00000803), expected 1", "images as labels");
    n = idx_bytes(buf, 0x08, 1, (uint32_t[]){40}, px, 40);
    write_file("lab1.idx", buf, n);
    EXPECT(read_img("lab1.idx", &d), TRN_E_FORMAT, "expected 3 or 2", "labels as images");

    uint32_t dz[3] = {2, 0, 5};
    n = idx_bytes(buf, 0x08, 3, dz, px, 0);
    write_file("zero.idx", buf, n);
    EXPECT(read_img("zero.idx", &d), TRN_E_FORMAT, "dimension 1 is 0", "zero dim");
    n = idx_bytes(buf, 0x08, 1, (uint32_t[]){0}, px, 0);
    write_file("zerolab.idx", buf, n);
    EXPECT(read_lab("zerolab.idx", &l, &nl), TRN_E_FORMAT, "dimension 0 is 0", "zero labels");

    uint32_t dbig[3] = {0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu};
    n = idx_bytes(buf, 0x08, 3, dbig, px, 40);
    write_file("overflow.idx", buf, n);
    EXPECT(read_img("overflow.idx", &d), TRN_E_FORMAT,
           "dimensions 4294967295x4294967295x4294967295 overflow", "overflowing dims");
    write_gz("overflow.idx.gz", buf, n);
    EXPECT(read_img("overflow.idx.gz", &d), TRN_E_FORMAT, "overflow", "overflowing dims, gzip");
    uint32_t dabs[3] = {65536, 256, 256};
    n = idx_bytes(buf, 0x08, 3, dabs, px, 40);
    write_gz("absurd.idx.gz", buf, n);
    EXPECT(read_img("absurd.idx.gz", &d), TRN_E_FORMAT, "too large", "absurd dims");
    /* a gzip header promising 2^31 bytes that stops early: no huge allocation first */
    uint32_t dlie[3] = {32768, 256, 256};
    n = idx_bytes(buf, 0x08, 3, dlie, px, 40);
    write_gz("lie.idx.gz", buf, n);
    EXPECT(read_img("lie.idx.gz", &d), TRN_E_FORMAT,
           "dimensions 32768x256x256 need 2147483664 bytes, file has 56 decompressed (truncated)",
           "gzip header lies");

    n = idx_bytes(buf, 0x08, 3, dims, px, 40);
    write_file("hdr.idx", buf, 7);
    EXPECT(read_img("hdr.idx", &d), TRN_E_FORMAT, "truncated header (7 bytes", "truncated header");
    write_file("hdr2.idx", buf, 3);
    EXPECT(read_img("hdr2.idx", &d), TRN_E_FORMAT, "truncated header (3 bytes", "3-byte file");

    write_file("short.idx", buf, n - 10);
    EXPECT(read_img("short.idx", &d), TRN_E_FORMAT,
           "dimensions 2x4x5 need 56 bytes, file has 46 (truncated)", "truncated data");
    write_gz("short.idx.gz", buf, n - 10);
    EXPECT(read_img("short.idx.gz", &d), TRN_E_FORMAT,
           "need 56 bytes, file has 46 decompressed (truncated)", "truncated data, gzip");

    memset(buf + n, 1, 6);
    write_file("long.idx", buf, n + 6);
    EXPECT(read_img("long.idx", &d), TRN_E_FORMAT, "need 56 bytes, file has 62 (trailing bytes)",
           "trailing bytes");
    write_gz("long.idx.gz", buf, n + 6);
    EXPECT(read_img("long.idx.gz", &d), TRN_E_FORMAT, "file has 62 decompressed (trailing bytes)",
           "trailing bytes, gzip");
    n = idx_bytes(buf, 0x08, 1, (uint32_t[]){3}, px, 4);
    write_file("lablong.idx", buf, n);
    EXPECT(read_lab("lablong.idx", &l, &nl), TRN_E_FORMAT, "need 11 bytes, file has 12",
           "labels trailing byte");

    /* gzip magic, corrupt stream */
    unsigned char bad[32] = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3};
    memset(bad + 10, 'x', 22);
    write_file("corrupt.gz", bad, sizeof bad);
    EXPECT(read_img("corrupt.gz", &d), TRN_E_FORMAT,
           "corrupt.gz: corrupt gzip stream (zlib: invalid", "corrupt gzip");
    /* a valid gzip file cut short */
    unsigned char big[4000];
    for (size_t i = 0; i < sizeof big; i++) big[i] = (unsigned char)(i * 2654435761u >> 13);
    n = idx_bytes(buf, 0x08, 3, (uint32_t[]){10, 20, 20}, big, 4000);
    write_gz("cut.gz", buf, n);
    f = fopen(path_of("cut.gz"), "rb");
    static unsigned char gzb[8192];
    gn = fread(gzb, 1, sizeof gzb, f);
    fclose(f);
    write_file("cut.gz", gzb, gn / 2);
    EXPECT(read_img("cut.gz", &d), TRN_E_FORMAT,
           "cut.gz: truncated gzip stream (zlib: unexpected end of file)", "gzip cut in half");

    write_file("empty.idx", "", 0);
    EXPECT(read_img("empty.idx", &d), TRN_E_FORMAT, "empty file", "empty file");
    EXPECT(read_lab("empty.idx", &l, &nl), TRN_E_FORMAT, "empty file", "empty label file");
    EXPECT(read_img("missing.idx", &d), TRN_E_IO, "missing.idx: cannot open (No such file",
           "missing file");
    EXPECT(read_lab("missing.idx", &l, &nl), TRN_E_IO, "No such file", "missing label file");
    mkdir(path_of("adir"), 0700);
    EXPECT(read_img("adir", &d), TRN_E_IO, "is a directory", "directory");
}

/* Random byte changes and truncations of valid files: every outcome is either
   success or one status with a one-line message and a zeroed result (the
   sanitizer build turns any overread into a failure). */
static void test_mutations(void) {
    trn_rng r;
    trn_rng_seed(&r, 42);
    unsigned char px[2 * 3 * 3], good[64], goodlab[32], m[64];
    for (size_t i = 0; i < sizeof px; i++) px[i] = (unsigned char)(i * 13);
    size_t n = idx_bytes(good, 0x08, 3, (uint32_t[]){2, 3, 3}, px, sizeof px);
    size_t nlab = idx_bytes(goodlab, 0x08, 1, (uint32_t[]){5}, px, 5);
    static const char csvtext[] = "a,b,c\n1,2,0\n3.5,-4,1\n\"5\",6e2,2\r\n";
    int bad_result = 0, bad_err = 0, runs = 0;
    for (int it = 0; it < 1500; it++) {
        int csvmode = it % 3 == 2, gz = it % 3 == 1, labels = !csvmode && it % 2 == 0;
        size_t len = csvmode ? sizeof csvtext - 1 : labels ? nlab : n;
        memcpy(m, csvmode ? (const unsigned char *)csvtext : labels ? goodlab : good, len);
        int edits = 1 + (int)trn_rng_below(&r, 3);
        for (int e = 0; e < edits; e++) {
            size_t at = (size_t)trn_rng_below(&r, len);
            if (trn_rng_below(&r, 4) == 0) len = at; /* truncate */
            else m[at] = (unsigned char)trn_rng_below(&r, 256);
        }
        const char *name = csvmode ? "fuzz.csv" : "fuzz.idx";
        if (gz) write_gz(name, m, len);
        else write_file(name, m, len);
        trn_data d;
        memset(&d, 0x5a, sizeof d);
        err[0] = 0;
        trn_status st;
        if (csvmode) st = trn_csv_read(path_of(name), NULL, &d, err, sizeof err);
        else if (!labels) st = trn_idx_read_images(path_of(name), &d, err, sizeof err);
        else {
            int32_t *l = (int32_t *)&d;
            size_t nl = 1;
            st = trn_idx_read_labels(path_of(name), &l, &nl, err, sizeof err);
            bad_result += st ? l != NULL || nl != 0 : l == NULL || nl == 0;
            free(l);
            memset(&d, 0, sizeof d);
        }
        runs++;
        if (labels) {
            bad_err += st && (!err[0] || strchr(err, '\n') != NULL || st >= TRN_STATUS_COUNT);
        } else if (st) {
            bad_result += !all_zero(&d, sizeof d);
            bad_err += !err[0] || strchr(err, '\n') != NULL || st >= TRN_STATUS_COUNT;
        } else {
            bad_result += csvmode ? d.n == 0 : d.n == 0 || !d.x;
            trn_data_free(&d);
        }
    }
    CHECKF(bad_result == 0 && bad_err == 0, "%d runs: %d bad results, %d bad messages", runs,
           bad_result, bad_err);
}

/* ---- MNIST-format directories --------------------------------------------------- */

/* image i: pixel p = (7i + p) % 256 (pixel 0 names the image); label i % classes */
static void write_mnist(const char *dir, const char *which, const char *iname, const char *lname,
                        uint32_t n, uint32_t nlab, int classes, int gz) {
    static unsigned char px[64 * 9], lb[64];
    for (uint32_t i = 0; i < n; i++)
        for (int p = 0; p < 9; p++) px[i * 9 + p] = (unsigned char)((7 * i + (uint32_t)p) % 256);
    for (uint32_t i = 0; i < nlab; i++) lb[i] = (unsigned char)(i % (uint32_t)classes);
    char name[256];
    (void)which;
    size_t m = idx_bytes(buf, 0x08, 3, (uint32_t[]){n, 3, 3}, px, n * 9);
    snprintf(name, sizeof name, "%s/%s", dir, iname);
    if (gz) write_gz(name, buf, m);
    else write_file(name, buf, m);
    m = idx_bytes(buf, 0x08, 1, (uint32_t[]){nlab}, lb, nlab);
    snprintf(name, sizeof name, "%s/%s", dir, lname);
    if (!gz) write_gz(name, buf, m);
    else write_file(name, buf, m);
}

static void test_mnist_dir(void) {
    mkdir(path_of("mn"), 0700);
    write_mnist("mn", "train", "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte", 20, 20, 5,
                1);
    write_mnist("mn", "t10k", "t10k-images.idx3-ubyte", "t10k-labels.idx1-ubyte.gz", 6, 6, 3, 0);
    trn_data_opts o;
    trn_data_opts_default(&o);
    o.valid_frac = 0.25;
    trn_split s;
    char spec[600];
    snprintf(spec, sizeof spec, "mnist-dir:%s", path_of("mn"));
    trn_status st = trn_data_load(spec, &o, &s, err, sizeof err);
    CHECKF(st == TRN_OK, "%s", err);
    if (st == TRN_OK) {
        CHECK_EQ_INT(s.train.n, 15);
        CHECK_EQ_INT(s.valid.n, 5);
        CHECK_EQ_INT(s.test.n, 6);
        CHECK(s.train.dim == 9 && s.train.rows == 3 && s.train.cols == 3);
        CHECK(s.valid.rows == 3 && s.test.cols == 3);
        CHECK(s.train.classes == 5 && s.valid.classes == 5 && s.test.classes == 5);
        int seen[20] = {0}, ok = 1;
        trn_data *parts[2] = {&s.train, &s.valid};
        for (int p = 0; p < 2; p++)
            for (size_t i = 0; i < parts[p]->n; i++) {
                int id = (int)(parts[p]->x[i * 9] * 255.0f + 0.5f) / 7;
                ok &= id < 20 && parts[p]->label[i] == id % 5 &&
                      parts[p]->x[i * 9 + 1] == (float)(7 * id + 1) / 255.0f;
                if (id < 20) seen[id]++;
            }
        for (int i = 0; i < 20; i++) ok &= seen[i] == 1;
        CHECKF(ok, "train+valid is not a permutation of the train file");
        int inorder = 1;
        for (size_t i = 0; i < s.test.n; i++)
            inorder &= s.test.x[i * 9] == (float)(7 * i) / 255.0f && s.test.label[i] == (int)i % 3;
        CHECKF(inorder, "test part is not the t10k files in order");
        trn_split_free(&s);
        CHECK(all_zero(&s, sizeof s));
    }
    /* a plain directory path works too, and the same seed gives the same split */
    trn_split a, b;
    o.limit = 4;
    CHECKF(trn_data_load(path_of("mn"), &o, &a, err, sizeof err) == TRN_OK, "%s", err);
    CHECKF(trn_data_load(path_of("mn"), &o, &b, err, sizeof err) == TRN_OK, "%s", err);
    CHECK_EQ_INT(a.train.n, 4);
    CHECK_EQ_INT(a.valid.n, 5);
    CHECK(a.train.n == b.train.n && memcmp(a.train.x, b.train.x, 4 * 9 * sizeof(float)) == 0);
    trn_split_free(&a);
    trn_split_free(&b);
    o.limit = 0;

    /* count mismatch */
    mkdir(path_of("mn2"), 0700);
    write_mnist("mn2", "train", "train-images-idx3-ubyte", "train-labels-idx1-ubyte.gz", 20, 19, 5,
                0);
    write_mnist("mn2", "t10k", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte.gz", 6, 6, 3, 0);
    memset(&s, 0x5a, sizeof s);
    st = trn_data_load(path_of("mn2"), &o, &s, err, sizeof err);
    EXPECT(st, TRN_E_SHAPE, "19 labels, but train-images-idx3-ubyte holds 20 images",
           "label/image count mismatch");
    CHECK(all_zero(&s, sizeof s));
    /* test images of another size */
    mkdir(path_of("mn3"), 0700);
    write_mnist("mn3", "train", "train-images-idx3-ubyte", "train-labels-idx1-ubyte.gz", 20, 20, 5,
                0);
    size_t m = idx_bytes(buf, 0x08, 3, (uint32_t[]){2, 2, 2}, "abcdefgh", 8);
    write_file("mn3/t10k-images-idx3-ubyte", buf, m);
    m = idx_bytes(buf, 0x08, 1, (uint32_t[]){2}, "\1\2", 2);
    write_file("mn3/t10k-labels-idx1-ubyte", buf, m);
    EXPECT(trn_data_load(path_of("mn3"), &o, &s, err, sizeof err), TRN_E_SHAPE,
           "train images are 3x3 (9 values), t10k images 2x2 (4)", "train/test geometry");
    /* a missing file */
    unlink(path_of("mn3/t10k-labels-idx1-ubyte"));
    EXPECT(trn_data_load(path_of("mn3"), &o, &s, err, sizeof err), TRN_E_IO,
           "no t10k-labels-idx1-ubyte[.gz]", "missing label file");
    mkdir(path_of("emptydir"), 0700);
    EXPECT(trn_data_load(path_of("emptydir"), &o, &s, err, sizeof err), TRN_E_IO,
           "no train-images-idx3-ubyte[.gz]", "empty directory");
    snprintf(spec, sizeof spec, "mnist-dir:%s", path_of("nowhere"));
    EXPECT(trn_data_load(spec, &o, &s, err, sizeof err), TRN_E_IO, "nowhere: No such file",
           "missing mnist-dir");
    /* a broken file inside a directory names that file */
    write_file("mn3/t10k-labels-idx1-ubyte", "\0\0\x08\x01\0\0\0\x05\1", 9);
    EXPECT(trn_data_load(path_of("mn3"), &o, &s, err, sizeof err), TRN_E_FORMAT,
           "mn3/t10k-labels-idx1-ubyte: dimensions 5 need 13 bytes, file has 9",
           "broken file in dir");
}

/* ---- CSV -------------------------------------------------------------------------- */

static trn_status csv(const char *text, int header, int label, int regression, trn_data *d) {
    write_text("t.csv", text);
    trn_csv_opts o = {header, label, regression};
    err[0] = 0;
    memset(d, 0x5a, sizeof *d);
    trn_status st = trn_csv_read(path_of("t.csv"), &o, d, err, sizeof err);
    if (st) CHECKF(all_zero(d, sizeof *d), "csv '%.40s': out not zeroed", text);
    return st;
}

static void test_csv(void) {
    trn_data d;
    CHECKF(csv("a,b,label\n1,2,0\n3,4.5,2\n-5,6e1,1\n", -1, -1, 0, &d) == TRN_OK, "%s", err);
    CHECK(d.n == 3 && d.dim == 2 && d.classes == 3 && d.targets == 0 && !d.y);
    CHECK(d.x[0] == 1 && d.x[1] == 2 && d.x[3] == 4.5f && d.x[4] == -5 && d.x[5] == 60);
    CHECK(d.label[0] == 0 && d.label[1] == 2 && d.label[2] == 1);
    CHECKF(strcmp(d.name, "t.csv") == 0, "%s", d.name);
    trn_data_free(&d);
    /* no header, label first, CRLF, no final newline, blank lines, spaces */
    CHECKF(csv("1, 0.5 ,0.25\r\n\r\n0,1,2\r\n\n 3 ,4,5", -1, 0, 0, &d) == TRN_OK, "%s", err);
    CHECK(d.n == 3 && d.dim == 2 && d.classes == 4);
    CHECK(d.label[0] == 1 && d.label[1] == 0 && d.label[2] == 3);
    CHECK(d.x[0] == 0.5f && d.x[1] == 0.25f && d.x[2] == 1 && d.x[5] == 5);
    trn_data_free(&d);
    /* quoted header, label in the middle */
    CHECKF(csv("\"x.1\",\"cls\",\"x,2\"\n1,1,2\n3,0,4\n", -1, 1, 0, &d) == TRN_OK, "%s", err);
    CHECK(d.n == 2 && d.dim == 2 && d.classes == 2 && d.x[1] == 2 && d.label[0] == 1);
    trn_data_free(&d);
    /* a UTF-8 byte order mark does not turn the first row into a header */
    CHECKF(csv("\xEF\xBB\xBF" "1,2,0\n3,4,1\n", -1, -1, 0, &d) == TRN_OK, "%s", err);
    CHECK(d.n == 2 && d.x[0] == 1 && d.label[1] == 1);
    trn_data_free(&d);
    /* header forced on a numeric first row */
    CHECKF(csv("9,9\n1,0\n2,1\n", 1, -1, 0, &d) == TRN_OK, "%s", err);
    CHECK(d.n == 2 && d.x[0] == 1);
    trn_data_free(&d);
    /* regression */
    CHECKF(csv("x,y\n0.5,-1.25\n1,3.5\n", -1, -1, 1, &d) == TRN_OK, "%s", err);
    CHECK(d.n == 2 && d.dim == 1 && d.classes == 0 && d.targets == 1 && !d.label);
    CHECK(d.y && d.y[0] == -1.25f && d.y[1] == 3.5f);
    trn_data_free(&d);
    /* a very long line: no line-length limit */
    size_t cols = 20000, cap = cols * 8 * 2 + 16, w = 0;
    char *big = malloc(cap);
    for (int r = 0; r < 2; r++)
        for (size_t c = 0; c < cols; c++)
            w += (size_t)snprintf(big + w, cap - w, "%s%zu%s", c ? "," : "",
                                  c + 1 == cols ? (size_t)r : c % 97, c + 1 == cols ? "\n" : "");
    CHECKF(csv(big, -1, -1, 0, &d) == TRN_OK, "%s", err);
    CHECK(d.n == 2 && d.dim == cols - 1 && d.x[cols - 2] == (float)((cols - 2) % 97));
    trn_data_free(&d);
    free(big);

    /* the bad ones */
    EXPECT(csv("a,b,c\n1,2,0\n1,abc,1\n", -1, -1, 0, &d), TRN_E_FORMAT,
           "t.csv line 3, column 2: 'abc' is not a number", "non-numeric");
    EXPECT(csv("1,2,0\n1,2\n", -1, -1, 0, &d), TRN_E_FORMAT, "t.csv line 2: 2 fields, expected 3",
           "ragged short");
    EXPECT(csv("1,2,0\n1,2,3,4\n", -1, -1, 0, &d), TRN_E_FORMAT, "line 2: 4 fields, expected 3",
           "ragged long");
    EXPECT(csv("1,2,0\n1,,1\n", -1, -1, 0, &d), TRN_E_FORMAT, "line 2, column 2: empty field",
           "empty field");
    EXPECT(csv("", -1, -1, 0, &d), TRN_E_FORMAT, "t.csv: empty file", "empty file");
    EXPECT(csv("\n\r\n\n", -1, -1, 0, &d), TRN_E_FORMAT, "empty file", "blank lines only");
    EXPECT(csv("a,b,label\n", -1, -1, 0, &d), TRN_E_FORMAT, "no data rows (only a header)",
           "header only");
    EXPECT(csv("1,2,0\nnan,2,1\n", -1, -1, 0, &d), TRN_E_FORMAT, "line 2, column 1: 'nan' is NaN",
           "NaN field");
    EXPECT(csv("1,2,0\n1,-inf,1\n", -1, -1, 0, &d), TRN_E_FORMAT, "'-inf' is not finite",
           "inf field");
    EXPECT(csv("1,2,0\n1,1e999,1\n", -1, -1, 0, &d), TRN_E_FORMAT, "'1e999' is not finite",
           "overflowing field");
    EXPECT(csv("1,2,0\n1,2,-1\n", -1, -1, 0, &d), TRN_E_FORMAT,
           "line 2, column 3: class label '-1' is not a whole number", "negative label");
    EXPECT(csv("1,2,0\n1,2,1.5\n", -1, -1, 0, &d), TRN_E_FORMAT, "class label '1.5'",
           "fractional label");
    EXPECT(csv("1,2,0\n1,2,1e9\n", -1, -1, 0, &d), TRN_E_FORMAT, "class label '1e9'", "huge label");
    EXPECT(csv("a,b\nx,0\n", 0, -1, 0, &d), TRN_E_FORMAT, "line 1, column 1: 'a' is not a number",
           "header=0 on a header");
    EXPECT(csv("1,2,0\n", -1, 3, 0, &d), TRN_E_RANGE, "label column 3 out of range", "label col");
    EXPECT(csv("1\n2\n", -1, -1, 0, &d), TRN_E_FORMAT, "1 column", "one column");
    EXPECT(csv("1,2,0\n1,2,\"x\"y\n", -1, -1, 0, &d), TRN_E_FORMAT, "'xy' is not a number",
           "text after a quote");
    trn_csv_opts o = {-1, -1, 0};
    EXPECT(trn_csv_read(path_of("none.csv"), &o, &d, err, sizeof err), TRN_E_IO,
           "none.csv: cannot open (No such file", "missing csv");

    /* through trn_data_load */
    char text[4096] = "f1,f2,y\n";
    for (int i = 0; i < 100; i++)
        snprintf(text + strlen(text), sizeof text - strlen(text), "%d,%d,%d\n", i, -i, i % 4);
    write_text("load.csv", text);
    trn_data_opts dopt;
    trn_data_opts_default(&dopt);
    trn_split s;
    char spec[600];
    snprintf(spec, sizeof spec, "csv:%s", path_of("load.csv"));
    CHECKF(trn_data_load(spec, &dopt, &s, err, sizeof err) == TRN_OK, "%s", err);
    CHECK_EQ_INT(s.test.n, 20);
    CHECK_EQ_INT(s.valid.n, 8);
    CHECK_EQ_INT(s.train.n, 72);
    CHECK(s.train.classes == 4 && s.valid.classes == 4 && s.test.classes == 4);
    int ok = 1;
    trn_data *parts[3] = {&s.train, &s.valid, &s.test};
    for (int p = 0; p < 3; p++)
        for (size_t i = 0; i < parts[p]->n; i++)
            ok &= parts[p]->x[2 * i + 1] == -parts[p]->x[2 * i] &&
                  parts[p]->label[i] == (int)parts[p]->x[2 * i] % 4;
    CHECKF(ok, "csv rows scrambled by the split");
    trn_split_free(&s);
    snprintf(spec, sizeof spec, "csv(label=0,regression=1):%s", path_of("load.csv"));
    CHECKF(trn_data_load(spec, &dopt, &s, err, sizeof err) == TRN_OK, "%s", err);
    CHECK(s.train.targets == 1 && s.train.classes == 0 && s.train.y && s.test.y);
    ok = 1;
    for (size_t i = 0; i < s.train.n; i++) ok &= s.train.x[2 * i] == -s.train.y[i];
    CHECKF(ok, "csv regression targets wrong");
    trn_split_free(&s);
    /* a plain path ending in .csv */
    CHECKF(trn_data_load(path_of("load.csv"), &dopt, &s, err, sizeof err) == TRN_OK, "%s", err);
    CHECK(s.train.n == 72 && s.train.classes == 4);
    trn_split_free(&s);
    snprintf(spec, sizeof spec, "csv(lable=0):%s", path_of("load.csv"));
    EXPECT(trn_data_load(spec, &dopt, &s, err, sizeof err), TRN_E_SPEC, "unknown option 'lable'",
           "csv option typo");
    EXPECT(trn_data_load("csv:/nonexistent/x.csv", &dopt, &s, err, sizeof err), TRN_E_IO,
           "/nonexistent/x.csv: cannot open", "csv missing file");
}

/* ---- generators ------------------------------------------------------------------ */

static trn_status load(const char *spec, const trn_data_opts *o, trn_split *s) {
    err[0] = 0;
    memset(s, 0x5a, sizeof *s);
    trn_status st = trn_data_load(spec, o, s, err, sizeof err);
    if (st) CHECKF(all_zero(s, sizeof *s), "%s: out not zeroed after error", spec);
    return st;
}

/* the whole set in one part */
static trn_data *gen(const char *spec, uint64_t seed, trn_split *s) {
    trn_data_opts o;
    trn_data_opts_default(&o);
    o.seed = seed;
    o.valid_frac = o.test_frac = 0;
    trn_status st = load(spec, &o, s);
    CHECKF(st == TRN_OK, "%s: %s", spec, err);
    if (st) return NULL;
    /* empty parts still carry the set's shape */
    CHECK(s->valid.n == 0 && s->test.n == 0 && !s->valid.x && !s->test.x);
    CHECK(s->valid.dim == s->train.dim && s->test.dim == s->train.dim);
    CHECK(s->valid.classes == s->train.classes && s->test.classes == s->train.classes);
    CHECK(s->test.targets == s->train.targets && strcmp(s->test.name, s->train.name) == 0);
    return &s->train;
}

static void count_labels(const trn_data *d, size_t *c, int k) {
    memset(c, 0, (size_t)k * sizeof *c);
    for (size_t i = 0; i < d->n; i++)
        if (d->label[i] >= 0 && d->label[i] < k) c[d->label[i]]++;
}

static int same_split(const trn_split *a, const trn_split *b) {
    const trn_data *pa[3] = {&a->train, &a->valid, &a->test}, *pb[3] = {&b->train, &b->valid,
                                                                          &b->test};
    for (int p = 0; p < 3; p++) {
        if (pa[p]->n != pb[p]->n || pa[p]->dim != pb[p]->dim) return 0;
        if (pa[p]->n && memcmp(pa[p]->x, pb[p]->x, pa[p]->n * pa[p]->dim * sizeof(float))) return 0;
        if (pa[p]->label && memcmp(pa[p]->label, pb[p]->label, pa[p]->n * sizeof(int32_t)))
            return 0;
        if (pa[p]->y && memcmp(pa[p]->y, pb[p]->y, pa[p]->n * sizeof(float))) return 0;
    }
    return 1;
}

static void test_generators(void) {
    trn_split s;
    trn_data *d;
    size_t c[8];
    /* circles: balanced, radii 1 and factor without noise */
    if ((d = gen("circles(n=1001,noise=0,factor=0.3)", 1, &s))) {
        CHECK(d->n == 1001 && d->dim == 2 && d->classes == 2);
        count_labels(d, c, 2);
        CHECK(c[0] == 500 && c[1] == 501);
        int ok = 1;
        for (size_t i = 0; i < d->n; i++)
            ok &= fabs(hypot(d->x[2 * i], d->x[2 * i + 1]) - (d->label[i] ? 0.3 : 1.0)) < 1e-6;
        CHECKF(ok, "circles radii");
        CHECKF(strcmp(d->name, "circles(n=1001,noise=0,factor=0.3)") == 0, "%s", d->name);
        trn_split_free(&s);
    }
    if ((d = gen("moons(n=1000, noise=0)", 1, &s))) {
        count_labels(d, c, 2);
        CHECK(c[0] == 500 && c[1] == 500);
        int ok = 1;
        for (size_t i = 0; i < d->n; i++) {
            double x = d->x[2 * i], y = d->x[2 * i + 1];
            ok &= d->label[i] ? fabs(hypot(x - 1, y - 0.5) - 1) < 1e-6 && y <= 0.5 + 1e-6
                              : fabs(hypot(x, y) - 1) < 1e-6 && y >= -1e-6;
        }
        CHECKF(ok, "moons geometry");
        trn_split_free(&s);
    }
    if ((d = gen("spirals(n=1000,k=3)", 1, &s))) {
        CHECK(d->classes == 3);
        count_labels(d, c, 3);
        CHECK(c[0] == 334 && c[1] == 333 && c[2] == 333);
        int ok = 1;
        for (size_t i = 0; i < d->n; i++) ok &= hypot(d->x[2 * i], d->x[2 * i + 1]) <= 1 + 1e-6;
        CHECKF(ok, "spiral radius above 1");
        trn_split_free(&s);
    }
    if ((d = gen("xor(n=1000,noise=0.2)", 1, &s))) {
        count_labels(d, c, 2);
        CHECK(c[0] == 500 && c[1] == 500);
        size_t agree = 0;
        for (size_t i = 0; i < d->n; i++)
            agree += (d->x[2 * i] * d->x[2 * i + 1] < 0) == (d->label[i] == 1);
        CHECKF(agree > 990, "xor labels agree with the quadrant %zu of 1000", agree);
        trn_split_free(&s);
    }
    if ((d = gen("blobs(n=1000,k=4,dim=5,std=0.5)", 1, &s))) {
        CHECK(d->dim == 5 && d->classes == 4);
        count_labels(d, c, 4);
        CHECK(c[0] == 250 && c[3] == 250);
        int ok = 1;
        for (size_t i = 0; i < d->n * d->dim; i++) ok &= fabsf(d->x[i]) < 10 + 6 * 0.5;
        CHECKF(ok, "blob values beyond the centre box");
        trn_split_free(&s);
    }
    if ((d = gen(" circles (n=10, noise = 0) ", 1, &s))) { /* spaces are fine */
        CHECK(d->n == 10 && strcmp(d->name, "circles(n=10,noise=0,factor=0.5)") == 0);
        trn_split_free(&s);
    }
    if ((d = gen("blobs", 1, &s))) { /* defaults */
        CHECK(d->n == 1000 && d->dim == 2 && d->classes == 3);
        trn_split_free(&s);
    }

    /* determinism: the same seed gives the same bytes, another seed others */
    static const char *specs[] = {"circles",      "moons()",
                                  "spirals(k=4)", "xor",
                                  "blobs(dim=3)", "regress(f=x^2,noise=0.1)",
                                  "shapeset(n=50,size=12)"};
    trn_data_opts o;
    trn_data_opts_default(&o);
    for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++) {
        trn_split a, b, e;
        o.seed = 7;
        trn_status sa = load(specs[i], &o, &a), sb = load(specs[i], &o, &b);
        o.seed = 8;
        trn_status se = load(specs[i], &o, &e);
        CHECKF(!sa && !sb && !se, "%s: %s", specs[i], err);
        if (!sa && !sb && !se) {
            CHECKF(same_split(&a, &b), "%s: same seed, different data", specs[i]);
            CHECKF(!same_split(&a, &e), "%s: seeds 7 and 8 give the same data", specs[i]);
            CHECK(a.train.classes == a.valid.classes && a.valid.classes == a.test.classes);
            CHECK(a.train.n + a.valid.n + a.test.n == (i == 6 ? 50u : 1000u));
        }
        trn_split_free(&a);
        trn_split_free(&b);
        trn_split_free(&e);
    }

    /* regress */
    if ((d = gen("regress(f=x^2,n=200)", 1, &s))) {
        CHECK(d->dim == 1 && d->targets == 1 && d->classes == 0 && !d->label);
        int ok = 1;
        for (size_t i = 0; i < d->n; i++)
            ok &= d->x[i] >= 0 && d->x[i] < 1 && fabs(d->y[i] - (double)d->x[i] * d->x[i]) < 1e-6;
        CHECKF(ok, "regress x^2");
        trn_split_free(&s);
    }
    /* top-level commas only: max(x,0) stays one option */
    if ((d = gen("regress(f=max(x, 0) - min(x,0.5), lo=-2, hi=2, n=300)", 1, &s))) {
        int ok = 1;
        for (size_t i = 0; i < d->n; i++) {
            double x = d->x[i];
            ok &= x >= -2 && x < 2 && fabs(d->y[i] - (fmax(x, 0) - fmin(x, 0.5))) < 1e-6;
        }
        CHECKF(ok, "regress with commas in f");
        trn_split_free(&s);
    }
    static const char *const named[] = {"regress(f=sine)",  "regress(f=kink)",
                                        "regress(f=steep)", "regress(f=chirp)",
                                        "regress(f=bump,dim=2)", "regress"};
    for (size_t k = 0; k < sizeof named / sizeof named[0]; k++) {
        if (!(d = gen(named[k], 3, &s))) continue;
        int ok = 1;
        for (size_t i = 0; i < d->n; i++) {
            double x = d->x[i * d->dim], y = d->dim > 1 ? d->x[i * d->dim + 1] : 0, t;
            switch (k) {
            case 0: case 5: t = sin(2 * M_PI * x); break;
            case 1: t = fabs(x - 0.5); break;
            case 2: t = tanh(20 * (x - 0.5)); break;
            case 3: t = sin(2 * M_PI * (1 + 4 * x) * x); break;
            default: t = exp(-20 * ((x - 0.5) * (x - 0.5) + (y - 0.5) * (y - 0.5))); break;
            }
            ok &= fabs(d->y[i] - t) < 1e-5;
        }
        CHECKF(ok, "%s: targets differ from the documented formula", named[k]);
        trn_split_free(&s);
    }
    if ((d = gen("regress(f=x1*x2+x3,dim=3,n=100,noise=0)", 1, &s))) {
        int ok = d->dim == 3;
        for (size_t i = 0; ok && i < d->n; i++)
            ok &= fabs(d->y[i] - ((double)d->x[3 * i] * d->x[3 * i + 1] + d->x[3 * i + 2])) < 1e-5;
        CHECKF(ok, "regress dim 3");
        trn_split_free(&s);
    }
    if ((d = gen("regress(f=x*y,dim=2,noise=0.5,n=2000)", 1, &s))) {
        double r2 = 0;
        for (size_t i = 0; i < d->n; i++) {
            double e = d->y[i] - (double)d->x[2 * i] * d->x[2 * i + 1];
            r2 += e * e;
        }
        r2 = sqrt(r2 / (double)d->n);
        CHECKF(fabs(r2 - 0.5) < 0.05, "noise sd %g, want 0.5", r2);
        trn_split_free(&s);
    }

    /* spec errors */
    trn_data_opts_default(&o);
    EXPECT(load("circels(n=10)", &o, &s), TRN_E_SPEC, "unknown data set 'circels' (known: circles,",
           "unknown generator");
    EXPECT(load("circles(nosie=0.1)", &o, &s), TRN_E_SPEC,
           "unknown option 'nosie' (known: n, noise, factor)", "unknown option");
    EXPECT(load("circles(n=0)", &o, &s), TRN_E_RANGE, "n=0 out of range", "n=0");
    EXPECT(load("moons(noise=-1)", &o, &s), TRN_E_RANGE, "noise=-1 out of range", "noise<0");
    EXPECT(load("circles(factor=1)", &o, &s), TRN_E_RANGE, "factor=1 out of range [0, 1)",
           "factor=1");
    EXPECT(load("spirals(k=1)", &o, &s), TRN_E_RANGE, "k=1 out of range", "spirals k=1");
    EXPECT(load("blobs(k=1)", &o, &s), TRN_E_RANGE, "k=1 out of range", "blobs k=1");
    EXPECT(load("shapeset(size=4)", &o, &s), TRN_E_RANGE, "size=4 out of range", "size<8");
    EXPECT(load("circles(n=2.5)", &o, &s), TRN_E_RANGE, "n=2.5 is not a whole number", "n=2.5");
    EXPECT(load("circles(n=abc)", &o, &s), TRN_E_SPEC, "n=abc is not a finite number", "n=abc");
    EXPECT(load("circles(n=nan)", &o, &s), TRN_E_SPEC, "n=nan is not a finite number", "n=nan");
    EXPECT(load("circles(n=10", &o, &s), TRN_E_SPEC, "missing ')'", "missing paren");
    EXPECT(load("circles(n=10))", &o, &s), TRN_E_SPEC, "unbalanced", "extra paren");
    EXPECT(load("circles(n=10,,noise=1)", &o, &s), TRN_E_SPEC, "empty option", "empty option");
    EXPECT(load("circles(n)", &o, &s), TRN_E_SPEC, "option 'n' needs a value", "no value");
    EXPECT(load("circles(n=10,n=20)", &o, &s), TRN_E_SPEC, "option 'n' given twice", "twice");
    EXPECT(load("regress(f=bump)", &o, &s), TRN_E_RANGE, "f=bump needs dim=2", "bump dim 1");
    EXPECT(load("regress(f=foo(x))", &o, &s), TRN_E_SPEC, "f: unknown function", "bad expr");
    EXPECT(load("regress(f=y)", &o, &s), TRN_E_SPEC, "unknown name", "y in dim 1");
    EXPECT(load("regress(f=x,lo=1,hi=1)", &o, &s), TRN_E_RANGE, "lo=1 must be below hi=1",
           "lo=hi");
    EXPECT(load("regress(f=log(x-2))", &o, &s), TRN_E_NUMERIC, "f is NaN at x=", "NaN target");
    EXPECT(load("regress(f=)", &o, &s), TRN_E_SPEC, "option 'f' has an empty value", "empty f");
    EXPECT(load("/nonexistent/dir", &o, &s), TRN_E_IO, "/nonexistent/dir: No such file",
           "missing directory");
    EXPECT(load("", &o, &s), TRN_E_SPEC, "empty data spec", "empty spec");
    o.valid_frac = 1;
    EXPECT(load("circles", &o, &s), TRN_E_RANGE, "valid_frac=1 out of range", "valid_frac=1");
    o.valid_frac = 0.1;
    o.test_frac = 0.9;
    EXPECT(load("circles(n=1)", &o, &s), TRN_E_RANGE, "leave none for training", "no train left");
    /* NULL opts and NULL err are allowed */
    CHECK(trn_data_load("circles(n=0)", NULL, &s, NULL, 0) == TRN_E_RANGE);
    CHECK(trn_data_load("xor(n=10)", NULL, &s, NULL, 0) == TRN_OK && s.train.n == 7);
    trn_split_free(&s);
}

/* ---- shapeset ---------------------------------------------------------------------- */

static void test_shapeset(void) {
    trn_split s;
    trn_data *d = gen("shapeset(n=2000,size=32)", 11, &s);
    if (!d) return;
    CHECK(d->n == 2000 && d->dim == 1024 && d->rows == 32 && d->cols == 32 && d->classes == 9);
    size_t c[9];
    count_labels(d, c, 9);
    int all = 1;
    for (int k = 0; k < 9; k++) all &= c[k] > 150;
    CHECKF(all, "classes %zu %zu %zu %zu %zu %zu %zu %zu %zu", c[0], c[1], c[2], c[3], c[4], c[5],
           c[6], c[7], c[8]);
    double fg[2] = {0, 0};
    size_t cnt[2] = {0, 0};
    int range = 1, levels_ok = 1;
    for (size_t i = 0; i < d->n; i++) {
        const float *x = d->x + i * 1024;
        /* the background is the most frequent value (an object covers < 30%) */
        float vals[3];
        size_t nvals = 0, count[3] = {0};
        for (size_t p = 0; p < 1024; p++) {
            range &= x[p] >= 0 && x[p] <= 1;
            size_t v = 0;
            while (v < nvals && vals[v] != x[p]) v++;
            if (v == nvals && nvals < 3) vals[nvals++] = x[p];
            if (v < 3) count[v]++;
            else levels_ok = 0;
        }
        size_t bgc = count[0];
        for (size_t v = 1; v < nvals; v++) bgc = count[v] > bgc ? count[v] : bgc;
        int two = d->label[i] >= 3;
        levels_ok &= nvals == (size_t)(two ? 3 : 2);
        fg[two] += (double)(1024 - bgc);
        cnt[two]++;
    }
    CHECKF(range, "pixels outside [0, 1]");
    CHECKF(levels_ok, "an image without exactly 1 + objects grey levels");
    fg[0] /= (double)cnt[0];
    fg[1] /= (double)cnt[1];
    CHECKF(fg[1] > 1.3 * fg[0], "object pixels: two objects %.1f, one object %.1f", fg[1], fg[0]);
    CHECKF(fg[0] >= 16 && fg[0] < 0.3 * 1024, "one object covers %.1f pixels", fg[0]);
    trn_split_free(&s);
}

/* ---- splits, limit, standardize ------------------------------------------------------ */

static void test_splits(void) {
    trn_data_opts o;
    trn_data_opts_default(&o);
    CHECK(o.valid_frac == 0.1 && o.test_frac == 0.2 && o.standardize == 0 && o.limit == 0);
    trn_split s;
    CHECKF(load("blobs(n=2000,dim=3)", &o, &s) == TRN_OK, "%s", err);
    CHECK_EQ_INT(s.test.n, 400);
    CHECK_EQ_INT(s.valid.n, 160);
    CHECK_EQ_INT(s.train.n, 1440);
    trn_split_free(&s);
    o.limit = 100;
    o.standardize = 1;
    CHECKF(load("blobs(n=2000,dim=3)", &o, &s) == TRN_OK, "%s", err);
    CHECK_EQ_INT(s.train.n, 100);
    CHECK_EQ_INT(s.valid.n, 160);
    CHECK_EQ_INT(s.test.n, 400);
    for (size_t j = 0; j < 3; j++) {
        double m = 0, v = 0, mt = 0;
        for (size_t i = 0; i < s.train.n; i++) m += s.train.x[i * 3 + j];
        m /= (double)s.train.n;
        for (size_t i = 0; i < s.train.n; i++) v += pow(s.train.x[i * 3 + j] - m, 2);
        v = sqrt(v / (double)s.train.n);
        for (size_t i = 0; i < s.test.n; i++) mt += s.test.x[i * 3 + j];
        mt /= (double)s.test.n;
        CHECKF(fabs(m) < 1e-5 && fabs(v - 1) < 1e-4, "feature %zu: train mean %g sd %g", j, m, v);
        CHECKF(fabs(mt) < 0.5, "feature %zu: test mean %g (same transform)", j, mt);
    }
    trn_split_free(&s);
    /* a constant feature is centred, not divided by zero */
    char text[2048] = "";
    for (int i = 0; i < 50; i++)
        snprintf(text + strlen(text), sizeof text - strlen(text), "3,%d,%d\n", i, i % 2);
    write_text("const.csv", text);
    char spec[600];
    snprintf(spec, sizeof spec, "csv:%s", path_of("const.csv"));
    o.limit = 0;
    CHECKF(load(spec, &o, &s) == TRN_OK, "%s", err);
    int ok = 1;
    for (size_t i = 0; i < s.train.n; i++)
        ok &= s.train.x[2 * i] == 0 && isfinite(s.train.x[2 * i + 1]);
    for (size_t i = 0; i < s.test.n; i++) ok &= s.test.x[2 * i] == 0;
    CHECKF(ok, "constant feature not centred to 0");
    trn_split_free(&s);
}

/* ---- fashion-mnist ----------------------------------------------------------------------- */

static void test_fashion(void) {
    const char *dir = trn_fashion_mnist_dir();
    if (!dir) {
        printf("skipped: dataset-fashion-mnist not installed\n");
        trn_split s;
        EXPECT(load("fashion-mnist", NULL, &s), TRN_E_IO, "dataset-fashion-mnist", "absent");
        return;
    }
    trn_split s;
    trn_status st = load("fashion-mnist", NULL, &s);
    CHECKF(st == TRN_OK, "%s", err);
    if (st) return;
    CHECK_EQ_INT(s.train.n + s.valid.n, 60000);
    CHECK_EQ_INT(s.valid.n, 6000);
    CHECK_EQ_INT(s.test.n, 10000);
    CHECK(s.train.dim == 784 && s.test.dim == 784 && s.train.rows == 28 && s.train.cols == 28);
    CHECK(s.train.classes == 10 && s.valid.classes == 10 && s.test.classes == 10);
    size_t c[10];
    count_labels(&s.test, c, 10);
    CHECK(c[0] == 1000 && c[9] == 1000); /* the test set is balanced */
    int ok = 1;
    float mx = 0;
    for (size_t i = 0; i < s.test.n * 784; i++) {
        ok &= s.test.x[i] >= 0 && s.test.x[i] <= 1;
        mx = s.test.x[i] > mx ? s.test.x[i] : mx;
    }
    CHECKF(ok && mx == 1.0f, "pixels not in [0, 1] (max %g)", mx);
    CHECKF(strcmp(s.train.name, "fashion-mnist") == 0, "%s", s.train.name);
    trn_split_free(&s);
}

int main(void) {
    snprintf(tmpdir, sizeof tmpdir, "/tmp/actlab-test-data-XXXXXX");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 2;
    }
    test_idx_good();
    test_idx_bad();
    test_mutations();
    test_mnist_dir();
    test_csv();
    test_generators();
    test_shapeset();
    test_splits();
    test_fashion();
    rm_tree(tmpdir);
    return t_done("test_data");
}
