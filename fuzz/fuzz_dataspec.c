/*
 * fuzz_dataspec.c - data specs (trn_data_load): the generators with their
 * options, csv:FILE and csv(...):FILE, mnist-dir:DIR and directories.
 *
 * Input: two option bytes (seed, valid and test fractions, standardize,
 * limit), then the spec. The working directory holds a small CSV file
 * (a.csv), an MNIST-format directory (mn, plain) and one with gzip files
 * (mz). Specs that would generate more than a few thousand examples are
 * skipped (fz_data_small). A set that loads must be consistent: sizes,
 * labels in range, finite values.
 */
#include "actlab_train.h"
#include "fuzz_util.h"

#include <math.h>
#include <sys/stat.h>
#include <zlib.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);

static void put_idx(const char *path, int gz, const unsigned char *hdr, size_t hl, size_t nbytes,
                    unsigned seed) {
    unsigned char *b = malloc(hl + nbytes);
    if (!b) abort();
    memcpy(b, hdr, hl);
    for (size_t i = 0; i < nbytes; i++) b[hl + i] = (unsigned char)((i * 37 + seed) % 10);
    if (gz) {
        gzFile g = gzopen(path, "wb");
        if (!g || gzwrite(g, b, (unsigned)(hl + nbytes)) != (int)(hl + nbytes) || gzclose(g))
            abort();
    } else {
        fz_write(path, b, hl + nbytes);
    }
    free(b);
}

static void mnist_dir(const char *dir, int gz) {
    char p[64];
    mkdir(dir, 0755);
    const char *sfx = gz ? ".gz" : "";
    /* 12 training images of 4x4, 5 test images; labels 0..9 */
    const unsigned char ti[] = {0, 0, 8, 3, 0, 0, 0, 12, 0, 0, 0, 4, 0, 0, 0, 4};
    const unsigned char tl[] = {0, 0, 8, 1, 0, 0, 0, 12};
    const unsigned char si[] = {0, 0, 8, 3, 0, 0, 0, 5, 0, 0, 0, 4, 0, 0, 0, 4};
    const unsigned char sl[] = {0, 0, 8, 1, 0, 0, 0, 5};
    snprintf(p, sizeof p, "%s/train-images-idx3-ubyte%s", dir, sfx);
    put_idx(p, gz, ti, sizeof ti, 12 * 16, 1);
    snprintf(p, sizeof p, "%s/train-labels-idx1-ubyte%s", dir, sfx);
    put_idx(p, gz, tl, sizeof tl, 12, 2);
    snprintf(p, sizeof p, "%s/t10k-images-idx3-ubyte%s", dir, sfx);
    put_idx(p, gz, si, sizeof si, 5 * 16, 3);
    snprintf(p, sizeof p, "%s/t10k-labels-idx1-ubyte%s", dir, sfx);
    put_idx(p, gz, sl, sizeof sl, 5, 4);
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc, (void)argv;
    fz_setup();
    const char csv[] = "a,b,label\n0.1,0.2,0\n0.3,0.1,1\n-1,2,1\n0.5,0.5,0\n1,1,2\n"
                       "2,0,0\n0,0,1\n3,3,2\n-2,-1,0\n0.25,4,1\n";
    fz_write("a.csv", csv, sizeof csv - 1);
    mnist_dir("mn", 0);
    mnist_dir("mz", 1);
    return 0;
}

static void check_part(const trn_data *t, const trn_data *ref) {
    if (t->n && !t->x) abort();
    if (t->dim != ref->dim || t->classes != ref->classes || t->targets != ref->targets) abort();
    for (size_t i = 0; i < t->n * t->dim; i++)
        if (!isfinite(t->x[i])) abort();
    if (t->label)
        for (size_t i = 0; i < t->n; i++)
            if (t->label[i] < 0 || t->label[i] >= t->classes) abort();
    if (t->y)
        for (size_t i = 0; i < t->n * t->targets; i++)
            if (!isfinite(t->y[i])) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) {
    if (n < 2 || n > 4096) return 0;
    trn_data_opts o;
    trn_data_opts_default(&o);
    o.seed = d[0] & 7;
    o.valid_frac = ((d[0] >> 3) & 3) * 0.3;      /* 0, 0.3, 0.6, 0.9 */
    o.test_frac = ((d[0] >> 5) & 3) * 0.3;
    o.standardize = (d[0] >> 7) & 1;
    o.limit = d[1] & 15;                          /* 0: all */
    char *s = fz_str(d + 2, n - 2);
    if (!fz_data_small(s)) {
        free(s);
        return -1;
    }
    char err[TRN_ERRLEN];
    err[0] = 0;
    trn_split sp;
    trn_status st = trn_data_load(s, &o, &sp, err, sizeof err);
    if (st != TRN_OK) {
        FZ_ONE_LINE(err);
    } else {
        if (sp.train.n == 0 || (o.limit && sp.train.n > o.limit)) abort();
        if ((sp.train.label != NULL) == (sp.train.y != NULL)) abort();
        check_part(&sp.train, &sp.train);
        check_part(&sp.valid, &sp.train);
        check_part(&sp.test, &sp.train);
        trn_split_free(&sp);
    }
    free(s);
    return 0;
}
