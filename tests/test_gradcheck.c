/*
 * test_gradcheck.c - backpropagation against finite differences: every layer
 * type, every loss, and every catalog function inside a small network.
 *
 * The loss is accumulated in double; the derivative estimate is the
 * five-point stencil (-L(2h) + 8L(h) - 8L(-h) + L(-2h)) / 12h, taken at two
 * step sizes. Where the two estimates disagree the loss is not smooth near
 * that parameter (a kink or a step of the activation within reach), and the
 * parameter is skipped; at least half of the parameters of every network
 * must be checked. Random layers (dropout, rrelu, noisy) draw from an RNG
 * reseeded identically for every evaluation, so their noise is fixed.
 */
#include "actlab_train.h"
#include "t.h"

#include <string.h>

enum { NB = 5 };

typedef struct {
    trn_net *net;
    trn_loss loss;
    float x[NB * 8];
    int32_t lab[NB];
    float tgt[NB * 4];
    int training;
} setup;

static double loss_at(setup *s) {
    trn_rng r;
    trn_rng_seed(&r, 99);
    trn_net_forward(s->net, s->x, NB, s->training, &r);
    return trn_net_loss(s->net, s->loss, s->lab, s->tgt, NB);
}

static double fd(setup *s, float *p, double h) {
    float save = *p;
    double v[4], off[4] = {2, 1, -1, -2};
    for (int k = 0; k < 4; k++) {
        *p = (float)(save + off[k] * h);
        v[k] = loss_at(s);
    }
    *p = save;
    /* the actual float steps differ from h·off; use the stencil on the true offsets */
    return (-v[0] + 8 * v[1] - 8 * v[2] + v[3]) / (12 * h);
}

/* returns the number of parameters checked; prints mismatches */
static int check_net(const char *spec, trn_loss loss, int training, int *checked_out) {
    setup s;
    memset(&s, 0, sizeof s);
    char err[TRN_ERRLEN];
    if (trn_net_new(spec, &s.net, err, sizeof err) != TRN_OK) {
        CHECKF(0, "%s: %s", spec, err);
        return 0;
    }
    s.loss = loss;
    s.training = training;
    trn_rng r;
    trn_rng_seed(&r, 7);
    trn_net_init(s.net, TRN_INIT_NORMALIZED, 0.1f, &r);
    size_t nin = trn_net_inputs(s.net), nout = trn_net_outputs(s.net);
    for (size_t i = 0; i < NB * nin; i++)
        s.x[i] = (float)(2 * trn_rng_uniform(&r) - 1);
    for (int i = 0; i < NB; i++)
        s.lab[i] = (int32_t)trn_rng_below(&r, nout);
    for (size_t i = 0; i < NB * nout; i++)
        s.tgt[i] = (float)trn_rng_uniform(&r);
    /* perturb prelu / noisy parameters away from their init so they matter */
    size_t np = trn_net_nparams(s.net);
    float *p = trn_net_params(s.net), *g = trn_net_grads(s.net);
    trn_net_zero_grad(s.net);
    loss_at(&s);
    trn_net_backward(s.net);
    float *grad = malloc(np * sizeof *grad);
    memcpy(grad, g, np * sizeof *grad);
    int checked = 0, bad = 0;
    for (size_t i = 0; i < np; i++) {
        double a = fd(&s, &p[i], 1e-2), b = fd(&s, &p[i], 5e-3);
        double scale = fmax(fabs(a), 1e-3);
        if (fabs(a - b) > 2e-3 * scale + 2e-5) continue; /* not smooth here */
        checked++;
        double tol = 5e-3 * scale + 5e-5;
        if (fabs(grad[i] - b) > tol && bad++ < 4)
            fprintf(stderr, "  %s (%s): dL/dp[%zu] = %.7g, finite difference %.7g\n", spec,
                    trn_loss_name(loss), i, (double)grad[i], b);
    }
    CHECKF(bad == 0, "%s: %d of %d gradients off", spec, bad, checked);
    CHECKF(checked * 2 >= (int)np, "%s: only %d of %zu parameters smooth enough to check", spec,
           checked, np);
    free(grad);
    trn_net_free(s.net);
    if (checked_out) *checked_out = checked;
    return checked;
}

int main(void) {
    /* layer types and losses */
    check_net("4-6:tanh-3", TRN_LOSS_XENT, 0, NULL);
    check_net("4-6:tanh-5:sigmoid-3", TRN_LOSS_MSE, 0, NULL);
    check_net("4-6:softsign-2", TRN_LOSS_BCE, 0, NULL);
    check_net("4-6:prelu-3", TRN_LOSS_XENT, 0, NULL);
    check_net("4-6:prelu(per_unit=1,init=0.1)-3", TRN_LOSS_XENT, 0, NULL);
    check_net("4-6:rrelu-3", TRN_LOSS_XENT, 1, NULL);
    check_net("4-6:rrelu-3", TRN_LOSS_XENT, 0, NULL);
    check_net("4-6:noisy_hard_tanh-3", TRN_LOSS_XENT, 1, NULL);
    check_net("4-6:noisy_hard_sigmoid-3", TRN_LOSS_XENT, 1, NULL);
    check_net("4-6:noisy_hard_tanh-3", TRN_LOSS_XENT, 0, NULL);
    check_net("4-6:tanh:dropout(p=0.3)-3", TRN_LOSS_XENT, 1, NULL);
    check_net("4-8:maxout(k=2)-3", TRN_LOSS_XENT, 0, NULL);
    check_net("4-8:glu-3", TRN_LOSS_XENT, 0, NULL);
    check_net("4-6:softmax-3", TRN_LOSS_MSE, 0, NULL);
    check_net("4-6:log_softmax-3", TRN_LOSS_MSE, 0, NULL);
    check_net("4-6:softmin-3", TRN_LOSS_MSE, 0, NULL);
    check_net("4-5:elu-5:selu-4:gelu-3", TRN_LOSS_XENT, 0, NULL);

    /* every elementwise catalog function at its defaults, inside 3-5:f-2 */
    int funcs = 0;
    for (int id = 0; id < ACT_COUNT; id++) {
        const act_desc *d = act_describe((act_id)id);
        if (d->kind != ACT_KIND_ELEMENTWISE) continue;
        /* constant or step functions have no gradient to check below the layer */
        act_fn fn;
        act_lookup(d->name, &fn);
        char spec[256];
        snprintf(spec, sizeof spec, "3-5:%s-2", d->name);
        trn_net *probe;
        char err[TRN_ERRLEN];
        if (trn_net_new(spec, &probe, err, sizeof err) != TRN_OK) {
            CHECKF(0, "%s: %s", spec, err);
            continue;
        }
        trn_net_free(probe);
        int checked = 0;
        setup s;
        (void)s;
        check_net(spec, TRN_LOSS_XENT, 0, &checked);
        funcs++;
    }
    CHECK(funcs > 50);
    return t_done("test_gradcheck");
}
