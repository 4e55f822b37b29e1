/*
 * helper_torch.c - writes what tests/test_torch.py compares with PyTorch, as
 * one JSON object on stdout.
 *
 *   helper_torch net SPEC LOSS OPT   a small network: inputs, labels or
 *       targets, parameters before, outputs, loss, gradients and the
 *       parameters after one optimizer step
 *   helper_torch row SPEC COLS        a row function: x, y and the
 *       vector-Jacobian product for a random dy
 */
#include "actlab_train.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void arr(const char *name, const float *v, size_t n, int last) {
    printf("\"%s\": [", name);
    for (size_t i = 0; i < n; i++)
        printf("%s%.9g", i ? ", " : "", (double)v[i]);
    printf("]%s\n", last ? "" : ",");
}

static int net_mode(const char *spec, const char *loss_name, const char *opt_spec) {
    char err[TRN_ERRLEN];
    trn_net *net;
    trn_loss loss;
    trn_opt_cfg cfg;
    if (trn_net_new(spec, &net, err, sizeof err) ||
        trn_loss_parse(loss_name, &loss, err, sizeof err) ||
        trn_opt_parse(opt_spec, &cfg, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    enum { N = 6 };
    trn_rng r;
    trn_rng_seed(&r, 2024);
    trn_net_init(net, TRN_INIT_NORMALIZED, 0.05f, &r);
    size_t nin = trn_net_inputs(net), nout = trn_net_outputs(net), np = trn_net_nparams(net);
    float *x = malloc(N * nin * sizeof *x), *t = malloc(N * nout * sizeof *t);
    int32_t lab[N];
    float labf[N];
    for (size_t i = 0; i < N * nin; i++)
        x[i] = (float)(2 * trn_rng_uniform(&r) - 1);
    for (size_t i = 0; i < N * nout; i++)
        t[i] = (float)trn_rng_uniform(&r);
    for (int i = 0; i < N; i++)
        labf[i] = (float)(lab[i] = (int32_t)trn_rng_below(&r, nout));
    printf("{\"spec\": \"%s\", \"loss\": \"%s\", \"opt\": \"%s\", \"n\": %d,\n", spec, loss_name,
           opt_spec, N);
    printf("\"opt_kind\": %d, \"lr\": %.17g, \"momentum\": %.17g, \"nesterov\": %d, "
           "\"weight_decay\": %.17g, \"beta1\": %.17g, \"beta2\": %.17g, \"eps\": %.17g,\n",
           (int)cfg.kind, cfg.lr, cfg.momentum, cfg.nesterov, cfg.weight_decay, cfg.beta1,
           cfg.beta2, cfg.eps);
    arr("x", x, N * nin, 0);
    arr("labels", labf, N, 0);
    arr("targets", t, N * nout, 0);
    arr("params", trn_net_params(net), np, 0);
    trn_opt *o;
    trn_opt_new(&cfg, np, &o);
    /* two steps, so momentum and Adam's moments take part */
    for (int step = 0; step < 2; step++) {
        trn_net_zero_grad(net);
        const float *out = trn_net_forward(net, x, N, 0, NULL);
        double l = trn_net_loss(net, loss, lab, t, N);
        trn_net_backward(net);
        char name[32];
        snprintf(name, sizeof name, "out%d", step);
        arr(name, out, N * nout, 0);
        printf("\"loss%d\": %.9g,\n", step, l);
        snprintf(name, sizeof name, "grads%d", step);
        arr(name, trn_net_grads(net), np, 0);
        trn_opt_step(o, trn_net_params(net), trn_net_grads(net), np, cfg.lr);
        snprintf(name, sizeof name, "params%d", step);
        arr(name, trn_net_params(net), np, step == 1);
    }
    printf("}\n");
    trn_opt_free(o);
    free(x);
    free(t);
    trn_net_free(net);
    return 0;
}

static int row_mode(const char *spec, size_t cols) {
    act_fn fn;
    char err[ACT_ERRLEN];
    if (act_parse(spec, &fn, err, sizeof err) || act_row_check(&fn, cols, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    enum { R = 3 };
    size_t oc = act_out_cols(&fn, cols);
    float *x = malloc(R * cols * sizeof *x), *y = malloc(R * oc * sizeof *y);
    float *dy = malloc(R * oc * sizeof *dy), *dx = malloc(R * cols * sizeof *dx);
    trn_rng r;
    trn_rng_seed(&r, 77);
    for (size_t i = 0; i < R * cols; i++)
        x[i] = (float)(6 * trn_rng_uniform(&r) - 3);
    for (size_t i = 0; i < R * oc; i++)
        dy[i] = (float)(2 * trn_rng_uniform(&r) - 1);
    act_row_forward(&fn, R, cols, x, y);
    act_row_backward(&fn, R, cols, x, y, dy, dx);
    printf("{\"spec\": \"%s\", \"rows\": %d, \"cols\": %zu,\n", spec, R, cols);
    arr("x", x, R * cols, 0);
    arr("y", y, R * oc, 0);
    arr("dy", dy, R * oc, 0);
    arr("dx", dx, R * cols, 1);
    printf("}\n");
    free(x);
    free(y);
    free(dy);
    free(dx);
    return 0;
}

int main(int argc, char **argv) {
    if (argc == 5 && !strcmp(argv[1], "net")) return net_mode(argv[2], argv[3], argv[4]);
    if (argc == 4 && !strcmp(argv[1], "row")) return row_mode(argv[2], (size_t)atoi(argv[3]));
    fprintf(stderr, "usage: helper_torch net SPEC LOSS OPT | row SPEC COLS\n");
    return 2;
}
