/*
 * train_bench.c - training speed of actlab on the Glorot & Bengio sized
 * network, 784-1000-1000-1000-10 tanh, softmax cross-entropy, plain SGD,
 * minibatch 10 and 128, 1 and 2 threads: samples per second, the median of
 * 5 runs of a fixed number of updates after a warm-up.
 *
 * Each update is what trn_train runs for plain SGD: forward, loss, the fused
 * backward + SGD step, and the check for non-finite values.
 * ACTLAB_BENCH_UNFUSED=1 measures backward + separate optimizer step instead.
 * usage: train_bench [--threads N] [--batch B] [--updates U] [--reps R]
 * prints: actlab,threads,batch,samples_per_s (one line per setting)
 */
#include "actlab_train.h"

#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    int threads = 1, reps = 5;
    long updates = 0;
    size_t batch = 10;
    const char *spec = "784-1000:tanh-1000:tanh-1000:tanh-10";
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--threads"))
            threads = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "--batch"))
            batch = (size_t)atol(argv[i + 1]);
        else if (!strcmp(argv[i], "--updates"))
            updates = atol(argv[i + 1]);
        else if (!strcmp(argv[i], "--reps"))
            reps = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "--net"))
            spec = argv[i + 1];
    }
    if (updates == 0) updates = batch <= 16 ? 300 : 60;
    openblas_set_num_threads(threads);
    char err[TRN_ERRLEN];
    trn_net *net;
    if (trn_net_new(spec, &net, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    trn_rng r;
    trn_rng_seed(&r, 1);
    trn_net_init(net, TRN_INIT_NORMALIZED, 0, &r);
    size_t nin = trn_net_inputs(net), nout = trn_net_outputs(net), np = trn_net_nparams(net);
    /* a pool of random examples, cycled through */
    size_t pool = 2048;
    float *x = malloc(pool * nin * sizeof *x);
    int32_t *lab = malloc(pool * sizeof *lab);
    for (size_t i = 0; i < pool * nin; i++)
        x[i] = (float)trn_rng_uniform(&r);
    for (size_t i = 0; i < pool; i++)
        lab[i] = (int32_t)trn_rng_below(&r, nout);
    trn_opt_cfg cfg;
    trn_opt_parse("sgd(lr=0.01)", &cfg, err, sizeof err);
    trn_opt *o;
    trn_opt_new(&cfg, np, &o);
    trn_net_reserve(net, batch);
    trn_net_zero_grad(net);
    int fused = !getenv("ACTLAB_BENCH_UNFUSED");
    double t[32];
    for (int rep = -1; rep < reps && rep < 32; rep++) {
        double t0 = now();
        for (long u = 0; u < updates; u++) {
            size_t off = (size_t)(u * (long)batch) % (pool - batch);
            trn_net_forward(net, x + off * nin, batch, 1, &r);
            trn_net_loss(net, TRN_LOSS_XENT, lab + off, NULL, batch);
            /* what trn_train runs, its check for non-finite values included */
            const char *what;
            if (fused) {
                trn_net_backward_sgd(net, (float)cfg.lr);
                if (trn_net_first_nonfinite_sgd_step(net, (float)cfg.lr, rep < 0 && u == 0,
                                                     &what) >= 0)
                    return 1;
            } else {
                trn_net_zero_grad(net);
                trn_net_backward(net);
                if (trn_net_first_nonfinite(net, &what) >= 0) return 1;
                trn_opt_step(o, trn_net_params(net), trn_net_grads(net), np, cfg.lr);
            }
        }
        if (rep >= 0) t[rep] = (double)updates * (double)batch / (now() - t0);
    }
    qsort(t, (size_t)reps, sizeof t[0], cmp);
    printf("actlab,%d,%zu,%.0f\n", threads, batch, t[reps / 2]);
    trn_opt_free(o);
    trn_net_free(net);
    free(x);
    free(lab);
    return 0;
}
