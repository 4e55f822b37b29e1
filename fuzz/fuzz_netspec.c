/*
 * fuzz_netspec.c - network specs (trn_net_new): the one-line form and spec
 * files.
 *
 * Input: one mode byte, then the spec. Mode bit 0: write the spec to a file
 * and pass its name (the spec-file syntax); otherwise pass it as it is (the
 * working directory is an empty temporary one, and inputs holding '/' are
 * skipped, so no spec names a file outside it). Bit 1: forward in training
 * mode (dropout, rrelu, noisy). Bits 2-3: the loss. A network that builds
 * must initialise, run forward, loss and backward on a small batch.
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
    if (n < 1 || n > 4096) return 0;
    int mode = d[0];
    char *s = fz_str(d + 1, n - 1);
    if (strchr(s, '/') || !fz_net_small(s)) {
        free(s);
        return -1;
    }
    const char *spec = s;
    if (mode & 1) {
        fz_write("spec.txt", s, n - 1);
        spec = "spec.txt";
    } else if (strstr(s, "spec.txt")) {
        free(s);
        return -1;
    }
    char err[TRN_ERRLEN];
    err[0] = 0;
    trn_net *net;
    trn_status st = trn_net_new(spec, &net, err, sizeof err);
    if (st != TRN_OK) {
        /* trn_net_new quotes the spec as it is, line breaks included (the
           CLI prints control characters as spaces): check that it says
           something */
        if (!err[0]) abort();
        free(s);
        return 0;
    }
    trn_rng r;
    trn_rng_seed(&r, 1);
    /* orthogonal initialisation costs rows^2 x cols (Gram-Schmidt): a second
       at 1000x1000, minutes under ASan; keep it to small networks */
    trn_init init = (trn_init)((mode >> 4) % TRN_INIT_COUNT);
    if (init == TRN_INIT_ORTHOGONAL && trn_net_nparams(net) > 20000) init = TRN_INIT_NORMALIZED;
    trn_net_init(net, init, 0.1f, &r);
    size_t nin = trn_net_inputs(net), nout = trn_net_outputs(net), B = 3;
    if (trn_net_reserve(net, B) != TRN_OK) abort();
    float *x = malloc(B * nin * sizeof *x), *t = malloc(B * nout * sizeof *t);
    int32_t lab[3] = {0, 0, 0};
    if (!x || !t) abort();
    for (size_t i = 0; i < B * nin; i++)
        x[i] = (float)trn_rng_normal(&r);
    for (size_t i = 0; i < B * nout; i++)
        t[i] = (float)trn_rng_uniform(&r);
    for (size_t i = 0; i < B; i++)
        lab[i] = (int32_t)(i % nout);
    trn_net_zero_grad(net);
    trn_net_forward(net, x, B, (mode >> 1) & 1, &r);
    trn_loss loss = (trn_loss)(((mode >> 2) & 3) % TRN_LOSS_COUNT);
    double L = trn_net_loss(net, loss, loss == TRN_LOSS_XENT ? lab : NULL,
                            loss == TRN_LOSS_XENT ? NULL : t, B);
    if (isfinite(L)) {
        trn_net_backward(net);
        const char *what;
        (void)trn_net_first_nonfinite(net, &what);
    }
    /* the spec the network reports builds the same network */
    trn_net *again;
    if (trn_net_new(trn_net_spec(net), &again, err, sizeof err) != TRN_OK ||
        trn_net_nparams(again) != trn_net_nparams(net) ||
        trn_net_nlayers(again) != trn_net_nlayers(net))
        abort();
    trn_net_free(again);
    free(x);
    free(t);
    trn_net_free(net);
    free(s);
    return 0;
}
