/*
 * fuzz_csv.c - CSV files, through trn_csv_read and trn_data_load's csv:
 * spec (split, standardize).
 *
 * Input: one options byte (bits 0-1 header -1/0/1, bits 2-4 label column
 * -1..6, bit 5 regression, bit 6 load through trn_data_load with
 * standardize), then the file.
 */
#include "actlab_train.h"
#include "fuzz_util.h"

#include <math.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc, (void)argv;
    fz_setup();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) {
    if (n < 1 || n > (1u << 18)) return 0;
    int o = d[0];
    d++, n--;
    fz_write("in.csv", d, n);
    trn_csv_opts co;
    co.header = (o & 3) == 3 ? -1 : (o & 3) - 1;
    co.label_col = ((o >> 2) & 7) - 1;
    co.regression = (o >> 5) & 1;
    char err[TRN_ERRLEN];
    err[0] = 0;
    trn_data t;
    trn_status st = trn_csv_read("in.csv", &co, &t, err, sizeof err);
    if (st == TRN_OK) {
        if (t.n == 0 || t.dim == 0) abort();
        for (size_t i = 0; i < t.n * t.dim; i++)
            if (!isfinite(t.x[i])) abort();
        if (co.regression) {
            if (!t.y || t.label || t.targets != 1) abort();
        } else {
            if (!t.label || t.y || t.classes < 1) abort();
            for (size_t i = 0; i < t.n; i++)
                if (t.label[i] < 0 || t.label[i] >= t.classes) abort();
        }
        trn_data_free(&t);
    } else {
        FZ_ONE_LINE(err);
    }
    if (o & 64) {
        char spec[128];
        snprintf(spec, sizeof spec, "csv(label=%d,header=%d,regression=%d):in.csv", co.label_col,
                 co.header, co.regression);
        trn_data_opts dopt;
        trn_data_opts_default(&dopt);
        dopt.standardize = 1;
        trn_split s;
        err[0] = 0;
        st = trn_data_load(spec, &dopt, &s, err, sizeof err);
        if (st == TRN_OK) {
            if (s.train.n == 0 || s.train.dim != s.test.dim) abort();
            const trn_data *parts[3] = {&s.train, &s.valid, &s.test};
            for (int k = 0; k < 3; k++)
                for (size_t i = 0; i < parts[k]->n * parts[k]->dim; i++)
                    if (!isfinite(parts[k]->x[i])) abort();
            trn_split_free(&s);
        } else {
            FZ_ONE_LINE(err);
        }
    }
    return 0;
}
