/*
 * fuzz_idx.c - IDX files (images and labels), plain and gzip.
 *
 * Input: one mode byte, then the file. Mode bit 0: gzip-compress the rest
 * before writing it (the decompressed contents reach the IDX checks through
 * zlib); otherwise the bytes are written as they are (an input starting with
 * 1f 8b is a gzip stream of its own, intact or not). Bit 1: also read the
 * file as a labels file. Every accepted file must give consistent sizes and
 * finite values.
 */
#include "actlab_train.h"
#include "fuzz_util.h"

#include <math.h>
#include <zlib.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc, (void)argv;
    fz_setup();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) {
    if (n < 1 || n > (1u << 20)) return 0;
    int mode = d[0];
    d++, n--;
    if (mode & 1) {
        gzFile g = gzopen("in.idx", "wb");
        if (!g) abort();
        if (n && gzwrite(g, d, (unsigned)n) != (int)n) abort();
        if (gzclose(g) != Z_OK) abort();
    } else {
        fz_write("in.idx", d, n);
    }
    char err[TRN_ERRLEN];
    trn_data img;
    err[0] = 0;
    trn_status st = trn_idx_read_images("in.idx", &img, err, sizeof err);
    if (st == TRN_OK) {
        if (img.n == 0 || img.dim == 0 || !img.x) abort();
        if (img.rows && img.rows * img.cols != img.dim) abort();
        for (size_t i = 0; i < img.n * img.dim; i++)
            if (!isfinite(img.x[i])) abort();
        trn_data_free(&img);
    } else {
        FZ_ONE_LINE(err);
    }
    if (mode & 2) {
        int32_t *lab;
        size_t nl;
        err[0] = 0;
        st = trn_idx_read_labels("in.idx", &lab, &nl, err, sizeof err);
        if (st == TRN_OK) {
            for (size_t i = 0; i < nl; i++)
                if (lab[i] < 0 || lab[i] > 65535) abort();
            free(lab);
        } else {
            FZ_ONE_LINE(err);
        }
    }
    return 0;
}
