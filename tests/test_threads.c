/*
 * test_threads.c - two trainings at once in two threads give the same
 * results as one after the other, bit for bit: data generation, network
 * construction, training (dropout, rrelu, momentum, Adam), checkpoint save
 * and load, evaluation, and the catalog's first use (the SIMD once-guard)
 * all run concurrently. No library call happens before the threads start,
 * so they race for the CPU-feature detection too. OpenBLAS runs one thread.
 * Also run under ThreadSanitizer: make -C fuzz tsan.
 */
#include "actlab_train.h"
#include "t.h"

#include <cblas.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>

typedef struct {
    const char *net, *data, *opt;
    long epochs;
    size_t batch;
    uint64_t seed;
    char ckpt[512];
    /* results */
    trn_status st;
    char err[TRN_ERRLEN];
    float *params; /* copy of the trained parameters */
    size_t nparams;
    double test_loss, test_acc, reload_loss;
    unsigned char *file; /* the checkpoint's bytes */
    size_t file_n;
    float y_catalog[64]; /* catalog kernels through act_parse */
} job;

static char tmpdir[256];

static void *run(void *arg) {
    job *j = arg;
    /* the catalog first: parse and run kernels (first use races for the ISA detection) */
    static const char *const fns[] = {
        "relu",           "hardswish",    "gelu(approximate=tanh)",
        "elu(alpha=0.5)", "hard_sigmoid", "leaky_relu(negative_slope=0.2)",
        "prelu",          "relu6"};
    float x[8];
    for (int i = 0; i < 8; i++)
        x[i] = (float)i * 0.75f - 3;
    for (int f = 0; f < 8; f++) {
        act_fn fn;
        if (act_parse(fns[f], &fn, j->err, sizeof j->err) != ACT_OK) {
            j->st = TRN_E_SPEC;
            return NULL;
        }
        act_forward(&fn, 8, x, j->y_catalog + 8 * f);
    }
    trn_data_opts o;
    trn_data_opts_default(&o);
    o.seed = j->seed;
    trn_split d;
    if ((j->st = trn_data_load(j->data, &o, &d, j->err, sizeof j->err))) return NULL;
    trn_net *net;
    if ((j->st = trn_net_new(j->net, &net, j->err, sizeof j->err))) {
        trn_split_free(&d);
        return NULL;
    }
    trn_train_cfg c;
    trn_train_cfg_default(&c);
    c.epochs = j->epochs;
    c.batch = j->batch;
    c.seed = j->seed;
    c.save = j->ckpt;
    c.instrument_every = 20;
    trn_opt_parse(j->opt, &c.opt, j->err, sizeof j->err);
    trn_result r;
    j->st = trn_train(net, &d, &c, &r, j->err, sizeof j->err);
    if (!j->st) {
        j->nparams = trn_net_nparams(net);
        j->params = malloc(j->nparams * sizeof *j->params);
        memcpy(j->params, trn_net_params(net), j->nparams * sizeof *j->params);
        j->test_loss = r.test_loss;
        j->test_acc = r.test_acc;
        /* load the checkpoint and evaluate it */
        trn_net *back;
        trn_ckpt_state st;
        if ((j->st = trn_ckpt_load(j->ckpt, &back, NULL, &st, j->err, sizeof j->err)) == TRN_OK) {
            double acc;
            j->st = trn_evaluate(back, &d.test, st.loss, 256, &j->reload_loss, &acc, j->err,
                                 sizeof j->err);
            free(st.perm);
            trn_net_free(back);
        }
        FILE *f = fopen(j->ckpt, "rb");
        if (f) {
            j->file = malloc(1 << 20);
            j->file_n = fread(j->file, 1, 1 << 20, f);
            fclose(f);
        }
    }
    trn_net_free(net);
    trn_split_free(&d);
    return NULL;
}

static void init_jobs(job *j, const char *tag) {
    memset(j, 0, 2 * sizeof *j);
    j[0].net = "2-16:tanh:dropout(p=0.2)-16:rrelu-2";
    j[0].data = "circles(n=600,noise=0.1)";
    j[0].opt = "sgd(lr=0.1,momentum=0.9)";
    j[0].epochs = 3;
    j[0].batch = 16;
    j[0].seed = 7;
    j[1].net = "2-12:relu-12:prelu(per_unit=1)-12:hardswish-2";
    j[1].data = "moons(n=500,noise=0.2)";
    j[1].opt = "adam(lr=0.01)";
    j[1].epochs = 3;
    j[1].batch = 10;
    j[1].seed = 11;
    for (int i = 0; i < 2; i++)
        snprintf(j[i].ckpt, sizeof j[i].ckpt, "%s/%s%d.ckpt", tmpdir, tag, i);
}

static void free_jobs(job *j) {
    for (int i = 0; i < 2; i++) {
        free(j[i].params);
        free(j[i].file);
        unlink(j[i].ckpt);
    }
}

static void compare(const job *a, const job *b, const char *what) {
    for (int i = 0; i < 2; i++) {
        CHECKF(a[i].st == TRN_OK && b[i].st == TRN_OK, "%s job %d: %s / %s", what, i, a[i].err,
               b[i].err);
        if (a[i].st || b[i].st) continue;
        CHECKF(a[i].nparams == b[i].nparams &&
                   memcmp(a[i].params, b[i].params, a[i].nparams * sizeof(float)) == 0,
               "%s job %d: parameters differ from the sequential run", what, i);
        CHECKF(a[i].test_loss == b[i].test_loss && a[i].test_acc == b[i].test_acc,
               "%s job %d: test loss %.17g vs %.17g", what, i, a[i].test_loss, b[i].test_loss);
        CHECKF(a[i].reload_loss == b[i].reload_loss && a[i].reload_loss == a[i].test_loss,
               "%s job %d: reloaded loss %.17g vs %.17g (trained %.17g)", what, i, a[i].reload_loss,
               b[i].reload_loss, a[i].test_loss);
        CHECKF(a[i].file_n > 0 && a[i].file_n == b[i].file_n &&
                   memcmp(a[i].file, b[i].file, a[i].file_n) == 0,
               "%s job %d: checkpoint files differ", what, i);
        CHECKF(memcmp(a[i].y_catalog, b[i].y_catalog, sizeof a[i].y_catalog) == 0,
               "%s job %d: catalog kernels differ", what, i);
    }
}

int main(void) {
    openblas_set_num_threads(1);
    snprintf(tmpdir, sizeof tmpdir, "/tmp/actlab-threads-XXXXXX");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    job con[2], seq[2];
    /* concurrent first, so that the threads are the first to use the library */
    for (int round = 0; round < 3; round++) {
        char tag[16];
        snprintf(tag, sizeof tag, "con%d_", round);
        init_jobs(con, tag);
        pthread_t th[2];
        for (int i = 0; i < 2; i++)
            CHECK(pthread_create(&th[i], NULL, run, &con[i]) == 0);
        for (int i = 0; i < 2; i++)
            pthread_join(th[i], NULL);
        if (round == 0) {
            init_jobs(seq, "seq");
            run(&seq[0]);
            run(&seq[1]);
        }
        compare(con, seq, tag);
        free_jobs(con);
    }
    printf("sequential: test accuracy %.4f and %.4f\n", seq[0].test_acc, seq[1].test_acc);
    free_jobs(seq);
    rmdir(tmpdir);
    return t_done("test_threads");
}
