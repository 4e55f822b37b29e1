/*
 * sec_glorot.c - section 6: gradient vanishing, after Glorot & Bengio 2010,
 * "Understanding the difficulty of training deep feedforward neural
 * networks" (AISTATS, PMLR v9).
 *
 * Their setting: dense networks of 1000-unit hidden layers, softmax output,
 * cross-entropy, plain SGD on minibatches of 10, biases 0, the learning rate
 * chosen on validation error; sigmoid, tanh and softsign (we add relu, elu
 * and gelu) under the "standard" initialisation U[-1/sqrt(n), 1/sqrt(n)] and
 * the "normalized" one U[-sqrt(6/(n_in+n_out)), +...]; Shapeset-3x2 and
 * MNIST (here Fashion-MNIST). The section shows
 *   (a) activation statistics per layer during training (their Figs. 2, 3, 10),
 *   (b) activation histograms at the end of training (Fig. 4),
 *   (c) at initialisation: activation and back-propagated gradient histograms
 *       (Figs. 6, 7), their variances, the mean singular value of each layer's
 *       Jacobian, and the weight-gradient spread during training (Fig. 9),
 *   (d) a test-error table shaped like their Table 1, beside their numbers.
 *
 * All trainings are independent jobs (one network, one seed each) run two at
 * a time (r3_run_jobs); the page does not depend on how many run at once.
 */
#include "report/r3_util.h"

#include <cblas.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- what runs ----------------------------------------------------------------- */

enum { DS_SHAPESET, DS_FASHION, NDS };
static const char *const ds_label[NDS] = {"Shapeset-3x2", "Fashion-MNIST"};
static const char *const ds_key[NDS] = {"shapeset", "fashion"};

typedef struct {
    const char *fn;
    trn_init init;
    const char *label, *key;
    double paper_shapeset, paper_mnist; /* Glorot & Bengio 2010, Table 1 (NaN: not in it) */
} gcfg;

static const gcfg cfgs[] = {
    {"softsign", TRN_INIT_STANDARD, "Softsign", "softsign", 16.27, 1.64},
    {"softsign", TRN_INIT_NORMALIZED, "Softsign N", "softsign_n", 16.06, 1.72},
    {"tanh", TRN_INIT_STANDARD, "Tanh", "tanh", 27.15, 1.76},
    {"tanh", TRN_INIT_NORMALIZED, "Tanh N", "tanh_n", 15.60, 1.64},
    {"sigmoid", TRN_INIT_STANDARD, "Sigmoid", "sigmoid", 82.61, 2.21},
    {"relu", TRN_INIT_NORMALIZED, "ReLU N (ours only)", "relu_n", NAN, NAN},
    {"elu", TRN_INIT_NORMALIZED, "ELU N (ours only)", "elu_n", NAN, NAN},
    {"gelu", TRN_INIT_NORMALIZED, "GELU N (ours only)", "gelu_n", NAN, NAN},
};
enum { C_SOFTSIGN, C_SOFTSIGN_N, C_TANH, C_TANH_N, C_SIGMOID };
#define NCFG ((int)(sizeof cfgs / sizeof cfgs[0]))

/* the runs we instrument (activation statistics every few updates): the
   sigmoid on both data sets, tanh, tanh N and softsign on the figure's one */
static int instrumented(int cfg, int ds, int fig_ds) {
    if (cfg == C_SIGMOID) return 1;
    return ds == fig_ds && (cfg == C_SOFTSIGN || cfg == C_TANH || cfg == C_TANH_N);
}

#define MAXLR 5
#define NBIN 50 /* histogram bins */
/* figure sizes in pixels: a full-width figure, and one of a pair shown side by side */
enum { FIG_W = 820, FIG_H = 420, PAIR_W = 560, PAIR_H = 400 };

typedef struct {
    size_t width; /* hidden units per layer */
    int depth;    /* hidden layers (the sigmoid net always has 4, their best) */
    long updates; /* per training run */
    int nlr;
    double lr[MAXLR];  /* the learning rates tried for every model */
    size_t shapeset_n; /* Shapeset images generated (train + valid + test) */
    size_t valid_cap;  /* validation examples used to choose (0: all) */
    int fashion;       /* use Fashion-MNIST */
    long instr_points; /* instrument passes per run */
    int init_depth;    /* hidden layers of the initialisation study */
    int jac_examples;  /* examples per layer for the Jacobian singular values */
    size_t nprobe;     /* the fixed test examples of the instruments (300) */
} gsize;

static gsize sizes(const rpt_ctx *c) {
    gsize z;
    memset(&z, 0, sizeof z);
    if (c->smoke) {
        z = (gsize){.width = 16,
                    .depth = 2,
                    .updates = 60,
                    .nlr = 2,
                    .lr = {0.03, 0.3},
                    .shapeset_n = 500,
                    .valid_cap = 0,
                    .fashion = 0,
                    .instr_points = 5,
                    .init_depth = 3,
                    .jac_examples = 3,
                    .nprobe = 100};
    } else if (c->full) {
        z = (gsize){.width = 1000,
                    .depth = 5,
                    .updates = 30000,
                    .nlr = 5,
                    .lr = {0.01, 0.03, 0.1, 0.3, 1},
                    .shapeset_n = 100000,
                    .valid_cap = 0,
                    .fashion = 1,
                    .instr_points = 50,
                    .init_depth = 5,
                    .jac_examples = 10,
                    .nprobe = 300};
    } else {
        z = (gsize){.width = 256,
                    .depth = 4,
                    .updates = 5000,
                    .nlr = 3,
                    .lr = {0.01, 0.1, 1},
                    .shapeset_n = 20000,
                    .valid_cap = 5000,
                    .fashion = 1,
                    .instr_points = 25,
                    .init_depth = 5,
                    .jac_examples = 10,
                    .nprobe = 300};
    }
    return z;
}

static int depth_of(const gsize *z, int cfg) { return cfg == C_SIGMOID ? 4 : z->depth; }

/* "1024-256:tanh-256:tanh-9" */
static void net_spec(char *buf, size_t len, size_t in, size_t width, int depth, const char *fn,
                     int classes) {
    size_t w = (size_t)snprintf(buf, len, "%zu", in);
    for (int h = 0; h < depth && w < len; h++)
        w += (size_t)snprintf(buf + w, len - w, "-%zu:%s", width, fn);
    if (w < len) snprintf(buf + w, len - w, "-%d", classes);
}

/* the range of a bounded function's outputs, for histograms */
static void fn_range(const char *fn, double *lo, double *hi) {
    if (!strcmp(fn, "sigmoid")) {
        *lo = 0;
        *hi = 1;
    } else {
        *lo = -1;
        *hi = 1;
    }
}

/* ---- one training run ------------------------------------------------------------ */

typedef struct {
    /* what to run */
    int cfg, ds, lri, depth;
    size_t width;
    double lr;
    long updates, instr_every;
    uint64_t seed;
    const trn_split *data;
    int hist; /* histograms of the hidden activations at the end */
    size_t nprobe;
    /* results */
    trn_status st;
    char err[TRN_ERRLEN];
    double valid_err, valid_loss, test_err, seconds;
    int nl;           /* layers of the network */
    trn_instr *rec;   /* nrec x nl records */
    long *rec_update; /* nrec */
    int nrec, caprec, oom;
    double *hist_dens; /* depth x NBIN, over fn_range */
} gjob;

static void on_instr(void *ctx, long update, const trn_instr *rec, int n) {
    gjob *j = ctx;
    if (j->oom) return;
    if (j->nrec == j->caprec) {
        int cap = j->caprec ? 2 * j->caprec : 32;
        trn_instr *r = realloc(j->rec, (size_t)cap * (size_t)n * sizeof *r);
        if (!r) {
            j->oom = 1;
            return;
        }
        j->rec = r;
        long *u = realloc(j->rec_update, (size_t)cap * sizeof *u);
        if (!u) {
            j->oom = 1;
            return;
        }
        j->rec_update = u;
        j->caprec = cap;
    }
    j->nl = n;
    memcpy(j->rec + (size_t)j->nrec * (size_t)n, rec, (size_t)n * sizeof *rec);
    j->rec_update[j->nrec++] = update;
}

static void run_gjob(void *arg) {
    gjob *j = arg;
    const gcfg *g = &cfgs[j->cfg];
    const trn_split *d = j->data;
    char spec[512];
    net_spec(spec, sizeof spec, d->train.dim, j->width, j->depth, g->fn, d->train.classes);
    trn_net *net = NULL;
    j->valid_err = j->valid_loss = j->test_err = NAN;
    j->st = trn_net_new(spec, &net, j->err, sizeof j->err);
    if (j->st) return;
    trn_train_cfg tc;
    trn_train_cfg_default(&tc);
    tc.batch = 10;
    tc.epochs = 0;
    tc.updates = j->updates;
    tc.seed = j->seed;
    tc.init = g->init;
    tc.bias = 0;
    tc.opt.kind = TRN_OPT_SGD;
    tc.opt.lr = j->lr;
    tc.opt.momentum = 0;
    tc.loss = TRN_LOSS_XENT;
    tc.instrument_every = j->instr_every;
    tc.instrument_n = j->nprobe;
    tc.progress = 0;
    tc.eval_every_epoch = 0;
    tc.on_instrument = j->instr_every > 0 ? on_instr : NULL;
    tc.ctx = j;
    trn_result res;
    double t0 = rpt_now();
    j->st = trn_train(net, d, &tc, &res, j->err, sizeof j->err);
    j->seconds = rpt_now() - t0;
    if (j->st == TRN_OK) {
        j->valid_err = 1 - res.valid_acc;
        j->valid_loss = res.valid_loss;
        j->test_err = 1 - res.test_acc;
    }
    if (j->st == TRN_OK && j->hist && !j->oom) {
        size_t n = d->test.n < j->nprobe ? d->test.n : j->nprobe;
        j->hist_dens = calloc((size_t)j->depth * NBIN, sizeof *j->hist_dens);
        if (!j->hist_dens || trn_net_reserve(net, n) != TRN_OK) {
            j->oom = 1;
        } else {
            double lo, hi;
            fn_range(g->fn, &lo, &hi);
            trn_net_forward(net, d->test.x, n, 0, NULL);
            for (int h = 0; h < j->depth; h++)
                r3_hist(trn_net_layer_output(net, 2 * h + 1), n * j->width, lo, hi, NBIN,
                        j->hist_dens + (size_t)h * NBIN);
        }
    }
    trn_net_free(net);
}

static void free_jobs(gjob *jobs, size_t n) {
    if (!jobs) return;
    for (size_t i = 0; i < n; i++) {
        free(jobs[i].rec);
        free(jobs[i].rec_update);
        free(jobs[i].hist_dens);
    }
    free(jobs);
}

/* the record of hidden layer h (0 = nearest the input): its activation layer */
static const trn_instr *act_rec(const gjob *j, int r, int h) {
    return &j->rec[(size_t)r * (size_t)j->nl + (size_t)(2 * h + 1)];
}
static const trn_instr *dense_rec(const gjob *j, int r, int h) {
    return &j->rec[(size_t)r * (size_t)j->nl + (size_t)(2 * h)];
}

/* ---- the initialisation study (part c) --------------------------------------------- */

typedef struct {
    int depth;
    size_t width, n;
    /* per hidden layer h: activation std, Var[dC/ds] per example, Var[dC/dW],
       mean singular value of J^h (h >= 1: from layer h to h+1, mean and sd
       over examples) and of W alone */
    double act_std[8], act_mean[8], dvar[8], wvar[8], jac[8], jac_sd[8], wsv[8];
    float *act, *delta; /* depth x n x width each: outputs and per-example dC/ds */
} init_stats;

/* mean singular value of J = diag(fp) W with M = W W^T (n_out x n_out, n_out <= n_in):
   eigenvalues of J J^T = diag(fp) M diag(fp) */
static int mean_sv(const double *M, const double *fp, int n, double *G, double *ev, double *out) {
    for (int a = 0; a < n; a++)
        for (int b = 0; b < n; b++)
            G[(size_t)a * (size_t)n + (size_t)b] =
                (fp ? fp[a] * fp[b] : 1.0) * M[(size_t)a * (size_t)n + (size_t)b];
    if (r3_sym_eigvals(G, n, ev)) return -1;
    double s = 0;
    for (int a = 0; a < n; a++)
        s += sqrt(fmax(ev[a], 0));
    *out = s / n;
    return 0;
}

typedef struct {
    const gsize *z;
    const trn_data *probe;
    trn_init init;
    uint64_t seed;
    init_stats st;
    int failed;
    char err[TRN_ERRLEN];
} init_job;

static int init_fail(init_job *j, const char *msg) {
    snprintf(j->err, sizeof j->err, "initialisation study: %s", msg);
    j->failed = 1;
    return -1;
}

static void run_init_job(void *arg) {
    init_job *j = arg;
    const gsize *z = j->z;
    const trn_data *probe = j->probe;
    init_stats *st = &j->st;
    char spec[512], err[TRN_ERRLEN];
    int D = z->init_depth;
    size_t W = z->width, n = probe->n < z->nprobe ? probe->n : z->nprobe;
    net_spec(spec, sizeof spec, probe->dim, W, D, "tanh", probe->classes);
    trn_net *net = NULL;
    if (trn_net_new(spec, &net, err, sizeof err)) {
        init_fail(j, err);
        return;
    }
    trn_rng rng;
    trn_rng_seed(&rng, j->seed);
    trn_net_init(net, j->init, 0, &rng);
    int nl = trn_net_nlayers(net);
    trn_instr *rec = calloc((size_t)nl, sizeof *rec);
    st->depth = D;
    st->width = W;
    st->n = n;
    st->act = malloc((size_t)D * n * W * sizeof *st->act);
    st->delta = malloc((size_t)D * n * W * sizeof *st->delta);
    double *M = malloc(W * W * sizeof *M), *Wd = malloc(W * W * sizeof *Wd);
    double *G = malloc(W * W * sizeof *G), *ev = malloc(W * sizeof *ev),
           *fp = malloc(W * sizeof *fp);
    if (!rec || !st->act || !st->delta || !M || !Wd || !G || !ev || !fp) {
        init_fail(j, "out of memory");
        goto done;
    }
    if (trn_instrument(net, probe->x, probe->label, NULL, n, TRN_LOSS_XENT, 0.01, rec)) {
        init_fail(j, "the instrument pass failed");
        goto done;
    }
    act_fn tanh_fn;
    act_parse("tanh", &tanh_fn, err, sizeof err);
    for (int h = 0; h < D; h++) {
        const float *y = trn_net_layer_output(net, 2 * h + 1);
        const float *dl = trn_net_layer_delta(net, 2 * h + 1);
        memcpy(st->act + (size_t)h * n * W, y, n * W * sizeof(float));
        /* the loss is the mean over the n examples: n * delta is each example's dC/ds */
        float *dd = st->delta + (size_t)h * n * W;
        for (size_t k = 0; k < n * W; k++)
            dd[k] = dl[k] * (float)n;
        double m, v;
        r3_moments(y, n * W, &m, &v);
        st->act_mean[h] = m;
        st->act_std[h] = sqrt(v);
        r3_moments(dd, n * W, &m, &v);
        st->dvar[h] = v;
        st->wvar[h] = rec[2 * h].wgrad_var;
        st->jac[h] = st->jac_sd[h] = st->wsv[h] = NAN;
        if (h == 0) continue;
        /* J^h = d z^{h+1} / d z^h = diag(f'(s^{h+1})) W, W the dense layer 2h */
        size_t no, ni;
        const float *Wt = trn_net_weights(net, 2 * h, &no, &ni);
        for (size_t k = 0; k < no * ni; k++)
            Wd[k] = Wt[k];
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)no, (int)no, (int)ni, 1.0, Wd,
                    (int)ni, Wd, (int)ni, 0.0, M, (int)no);
        if (mean_sv(M, NULL, (int)no, G, ev, &st->wsv[h])) {
            init_fail(j, "eigenvalues did not converge");
            goto done;
        }
        const float *s = trn_net_layer_input(net, 2 * h + 1);
        int ne = z->jac_examples < (int)n ? z->jac_examples : (int)n;
        double sum = 0, sum2 = 0;
        for (int e = 0; e < ne; e++) {
            for (size_t a = 0; a < no; a++)
                fp[a] = act_df(&tanh_fn, s[(size_t)e * no + a]);
            double sv;
            if (mean_sv(M, fp, (int)no, G, ev, &sv)) {
                init_fail(j, "eigenvalues did not converge");
                goto done;
            }
            sum += sv;
            sum2 += sv * sv;
        }
        st->jac[h] = sum / ne;
        st->jac_sd[h] = sqrt(fmax(0, sum2 / ne - st->jac[h] * st->jac[h]));
    }
done:
    free(rec);
    free(M);
    free(Wd);
    free(G);
    free(ev);
    free(fp);
    trn_net_free(net);
}

/* ---- figures ------------------------------------------------------------------------ */

static int fig_hist_layers(rpt_ctx *c, const char *name, const char *title, const char *xlabel,
                           const double *dens, int depth, double lo, double hi, double ymax,
                           const char *caption) {
    plt_figure *f = plt_new(PAIR_W, PAIR_H, title, xlabel, "density (normalised histogram)");
    FILE *csv = rpt_csv_open(c, name, "layer,bin_lo,bin_hi,density");
    double x[NBIN], w = (hi - lo) / NBIN;
    for (int b = 0; b < NBIN; b++)
        x[b] = lo + (b + 0.5) * w;
    for (int h = 0; h < depth; h++) {
        char lab[32];
        snprintf(lab, sizeof lab, "layer %d", h + 1);
        if (f) plt_line(f, x, dens + (size_t)h * NBIN, NBIN, lab, h, PLT_SOLID);
        if (csv)
            for (int b = 0; b < NBIN; b++)
                fprintf(csv, "%d,%.6g,%.6g,%.6g\n", h + 1, lo + b * w, lo + (b + 1) * w,
                        dens[(size_t)h * NBIN + b]);
    }
    if (f) {
        plt_xrange(f, lo, hi);
        if (ymax > 0) plt_yrange(f, 0, ymax);
    }
    if (rpt_csv_close(c, csv, name)) {
        plt_free(f);
        return -1;
    }
    return rpt_figure(c, f, name, caption, 1);
}

/* activation statistics over training: mode 0 = mean with +-std bars (Fig. 2),
   mode 1 = 98th percentile (dots) and std (lines) (Figs. 3, 10) */
static int fig_instr(rpt_ctx *c, const gjob *j, int mode, const char *name, const char *title,
                     const char *caption) {
    int R = j->nrec, D = j->depth;
    plt_figure *f = plt_new(PAIR_W, PAIR_H, title, "updates (minibatches of 10)",
                            mode == 0 ? "mean activation (bars: +-1 std)"
                                      : "98th percentile (dots), std (lines)");
    FILE *csv = rpt_csv_open(c, name, "update,layer,mean,std,p2,p16,p50,p84,p98");
    double *x = malloc((size_t)R * sizeof *x), *y = malloc((size_t)R * sizeof *y);
    double *lo = malloc((size_t)R * sizeof *lo), *hi = malloc((size_t)R * sizeof *hi);
    if (!f || !x || !y || !lo || !hi) {
        plt_free(f);
        free(x);
        free(y);
        free(lo);
        free(hi);
        if (csv) rpt_csv_close(c, csv, name);
        return rpt_fail(c, "%s: out of memory", name);
    }
    double step = R > 1 ? (double)(j->rec_update[R - 1] - j->rec_update[0]) / (R - 1) : 1;
    for (int h = 0; h < D; h++) {
        char lab[48];
        snprintf(lab, sizeof lab, "layer %d%s", h + 1, mode ? " (std)" : "");
        for (int r = 0; r < R; r++) {
            const trn_instr *t = act_rec(j, r, h);
            /* bars side by side: a small offset per layer */
            x[r] = (double)j->rec_update[r] + (mode == 0 ? (h - (D - 1) / 2.0) * 0.12 * step : 0);
            y[r] = mode == 0 ? t->mean : t->std;
            lo[r] = t->mean - t->std;
            hi[r] = t->mean + t->std;
            if (csv)
                fprintf(csv, "%ld,%d,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g\n", j->rec_update[r], h + 1,
                        t->mean, t->std, t->pct[0], t->pct[1], t->pct[2], t->pct[3], t->pct[4]);
        }
        plt_line(f, x, y, (size_t)R, lab, h, PLT_SOLID);
        if (mode == 0) {
            /* bars at every other point, to keep them readable */
            size_t nb = 0;
            for (int r = 0; r < R; r += 2) {
                x[nb] = x[r];
                lo[nb] = lo[r];
                hi[nb] = hi[r];
                nb++;
            }
            plt_bars(f, x, lo, hi, nb, h);
        } else {
            for (int r = 0; r < R; r++)
                y[r] = act_rec(j, r, h)->pct[4];
            plt_points(f, x, y, (size_t)R, NULL, h, 3.5, NULL);
        }
    }
    free(x);
    free(y);
    free(lo);
    free(hi);
    if (mode == 1) plt_yrange(f, 0, 1.05);
    if (rpt_csv_close(c, csv, name)) {
        plt_free(f);
        return -1;
    }
    return rpt_figure(c, f, name, caption, 1);
}

/* weight-gradient spread per layer during training, tanh standard vs normalized (Fig. 9) */
static int fig_wgrad(rpt_ctx *c, const gjob *js, const gjob *jn, const char *name) {
    char cap[600];
    snprintf(cap, sizeof cap,
             "Fig. 9 of the paper: standard deviation of the weight gradients dC/dW of each "
             "layer (layer 1 = the one from the input), on the %zu fixed test examples, during "
             "training of tanh networks with standard (solid, learning rate %g) and normalized "
             "(dashed, learning rate %g) initialisation (the runs of the table).",
             js->data->test.n < js->nprobe ? js->data->test.n : js->nprobe, js->lr, jn->lr);
    /* a linear axis in units of a power of ten, so that the ticks read easily */
    double vmax = 0;
    for (int k = 0; k < 2; k++) {
        const gjob *j = k ? jn : js;
        for (int h = 0; h < j->depth; h++)
            for (int r = 0; r < j->nrec; r++)
                vmax = fmax(vmax, sqrt(dense_rec(j, r, h)->wgrad_var));
    }
    int ex = vmax > 0 && isfinite(vmax) ? (int)floor(log10(vmax)) : 0;
    double unit = pow(10, ex);
    char ylab[96];
    if (ex == 0)
        snprintf(ylab, sizeof ylab, "std of dC/dW over a layer's weights");
    else
        snprintf(ylab, sizeof ylab, "std of dC/dW over a layer's weights (x 1e%d)", ex);
    plt_figure *f =
        plt_new(FIG_W, FIG_H,
                "Weight gradients during training, tanh: standard (solid) vs normalized (dashed)",
                "updates (minibatches of 10)", ylab);
    FILE *csv = rpt_csv_open(c, name, "init,update,layer,wgrad_std");
    if (!f) {
        if (csv) rpt_csv_close(c, csv, name);
        return rpt_fail(c, "%s: out of memory", name);
    }
    plt_yrange(f, 0, vmax / unit * 1.05);
    for (int k = 0; k < 2; k++) {
        const gjob *j = k ? jn : js;
        int R = j->nrec;
        double *x = malloc((size_t)R * sizeof *x), *y = malloc((size_t)R * sizeof *y);
        if (!x || !y) {
            free(x);
            free(y);
            plt_free(f);
            if (csv) rpt_csv_close(c, csv, name);
            return rpt_fail(c, "%s: out of memory", name);
        }
        for (int h = 0; h < j->depth; h++) {
            for (int r = 0; r < R; r++) {
                x[r] = (double)j->rec_update[r];
                y[r] = sqrt(dense_rec(j, r, h)->wgrad_var);
                if (csv)
                    fprintf(csv, "%s,%ld,%d,%.6g\n", k ? "normalized" : "standard",
                            j->rec_update[r], h + 1, y[r]);
                y[r] /= unit;
            }
            char lab[48];
            snprintf(lab, sizeof lab, "layer %d %s", h + 1, k ? "normalized" : "standard");
            plt_line(f, x, y, (size_t)R, lab, h, k ? PLT_DASHED : PLT_SOLID);
        }
        free(x);
        free(y);
    }
    if (rpt_csv_close(c, csv, name)) {
        plt_free(f);
        return -1;
    }
    return rpt_figure(c, f, name, cap, 1);
}

/* ---- text helpers -------------------------------------------------------------------- */

/* max over min of the hidden layers' weight-gradient std, geometric mean over records >= 1 */
static double wgrad_spread(const gjob *j) {
    double s = 0;
    int n = 0;
    for (int r = 1; r < j->nrec; r++) {
        double mx = 0, mn = INFINITY;
        for (int h = 0; h < j->depth; h++) {
            double v = sqrt(dense_rec(j, r, h)->wgrad_var);
            mx = fmax(mx, v);
            mn = fmin(mn, v);
        }
        if (mn > 0 && isfinite(mx)) {
            s += log(mx / mn);
            n++;
        }
    }
    return n ? exp(s / n) : NAN;
}

static void fmt_pct(char *buf, size_t len, double err) {
    if (isnan(err))
        snprintf(buf, len, "diverged");
    else
        snprintf(buf, len, "%.2f", 100 * err);
}

static void fmt_paper(char *buf, size_t len, double v) {
    if (isnan(v))
        snprintf(buf, len, "-");
    else
        snprintf(buf, len, "%.2f", v);
}

/* first record at which the layer's 98th percentile reaches thr; -1 if never */
static long first_above(const gjob *j, int h, double thr) {
    for (int r = 0; r < j->nrec; r++)
        if (act_rec(j, r, h)->pct[4] >= thr) return j->rec_update[r];
    return -1;
}

/* fraction of a histogram's mass with |value| > t, for a range [-1, 1] */
static double mass_beyond(const double *dens, double t) {
    double w = 2.0 / NBIN, s = 0;
    for (int b = 0; b < NBIN; b++) {
        double mid = -1 + (b + 0.5) * w;
        if (fabs(mid) > t) s += dens[b] * w;
    }
    return s;
}

/* the centre of the most populated bin among positive values */
static double positive_mode(const double *dens) {
    int best = NBIN / 2;
    for (int b = NBIN / 2; b < NBIN; b++)
        if (dens[b] > dens[best]) best = b;
    return -1 + (best + 0.5) * 2.0 / NBIN;
}

/* Fig. 2 for one sigmoid run; `which` says why this run */
static int sigmoid_fig(rpt_ctx *c, const gjob *js, const char *name, const char *dsname,
                       const char *which) {
    char cap[1024];
    snprintf(cap, sizeof cap,
             "Fig. 2 of the paper, %s: sigmoid network, %d hidden layers of %zu units, standard "
             "initialisation, learning rate %g (%s); mean of each hidden layer's activations on "
             "%zu fixed test examples, with +-1 standard deviation (over units and examples) as "
             "bars.",
             dsname, js->depth, js->width, js->lr, which,
             js->data->test.n < js->nprobe ? js->data->test.n : js->nprobe);
    char title[160];
    snprintf(title, sizeof title, "Sigmoid, %s: mean activation per layer", dsname);
    return fig_instr(c, js, 0, name, title, cap);
}

/* what Fig. 2 shows for one sigmoid run */
static void sigmoid_text(rpt_ctx *c, const gjob *js, const char *dsname) {
    int top = js->depth - 1, R = js->nrec;
    double top0 = act_rec(js, 0, top)->mean, topend = act_rec(js, R - 1, top)->mean;
    double topmin = top0;
    long below_u = -1; /* first update with the top layer's mean below 0.1 */
    int below_r = -1;
    for (int r = 0; r < R; r++) {
        double m = act_rec(js, r, top)->mean;
        topmin = fmin(topmin, m);
        if (below_r < 0 && m < 0.1) {
            below_r = r;
            below_u = js->rec_update[r];
        }
    }
    char lower[256];
    size_t lw = 0;
    int above = 1, rising = 1;
    for (int h = 0; h < top; h++) {
        double m = act_rec(js, R - 1, h)->mean;
        lw += (size_t)snprintf(lower + lw, sizeof lower - lw, "%slayer %d %.2f", h ? ", " : "",
                               h + 1, m);
        above &= m > 0.5;
        if (h > 0) rising &= m >= act_rec(js, R - 1, h - 1)->mean;
    }
    char fell[96];
    if (below_r >= 0)
        snprintf(fell, sizeof fell, "was below 0.1 by update %ld", below_u);
    else
        snprintf(fell, sizeof fell, "never went below 0.1");
    rpt_p(c,
          "%s: the top hidden layer's mean activation was %.3f at initialisation, %s (lowest "
          "%.3f) and ended at %.3f; the lower layers ended at %s. The test error of this run is "
          "%.1f%%.",
          dsname, top0, fell, topmin, topend, lower, 100 * js->test_err);
    if (below_r >= 0 && below_u <= js->updates / 4) {
        /* the lowest point at or after the fall, and the highest after that */
        int rmin = below_r;
        for (int r = below_r; r < R; r++)
            if (act_rec(js, r, top)->mean < act_rec(js, rmin, top)->mean) rmin = r;
        double low = act_rec(js, rmin, top)->mean, peak = low;
        for (int r = rmin; r < R; r++)
            peak = fmax(peak, act_rec(js, r, top)->mean);
        if (peak > low + 0.03)
            rpt_p(c,
                  "As in the paper, the top hidden layer was driven to 0 (the sigmoid saturated) "
                  "early in training, and it started to come out of saturation later (its mean "
                  "rose from %.3f to %.3f), as the paper saw it desaturate slowly.",
                  low, peak);
        else
            rpt_p(c, "As in the paper, the top hidden layer was driven to 0 (the sigmoid "
                     "saturated) early in training; in this short run it had not come out of "
                     "saturation by the end.");
        if (above && rising)
            rpt_p(c, "The lower layers stayed above 0.5 and higher the closer they are to the "
                     "output, the pattern of the paper's figure.");
    } else if (below_r >= 0) {
        rpt_p(c, "The top layer reached values near 0, but later than in the paper (which saw it "
                 "almost at once).");
    } else {
        rpt_p(c,
              "Unlike the paper, the top hidden layer was not driven to 0 in this run (lowest "
              "mean %.3f); at this learning rate and run length the weights move too little.",
              topmin);
    }
}

/* ---- the section ----------------------------------------------------------------------- */

int rpt_section_glorot(rpt_ctx *c) {
    gsize z = sizes(c);
    char err[TRN_ERRLEN], spec[128];
    int rc = -1;
    trn_split data[NDS];
    memset(data, 0, sizeof data);
    int have[NDS] = {0};
    gjob *jobs = NULL;
    size_t njobs = 0;
    init_job ij[2];
    memset(ij, 0, sizeof ij);
    init_stats *ist[2] = {&ij[0].st, &ij[1].st};

    /* data */
    rpt_progress(c, "generating Shapeset-3x2 (%zu images)", z.shapeset_n);
    trn_data_opts o;
    trn_data_opts_default(&o);
    o.seed = rpt_seed(c, "glorot/shapeset");
    o.test_frac = 0.2;
    o.valid_frac = 0.1;
    snprintf(spec, sizeof spec, "shapeset(n=%zu,size=32)", z.shapeset_n);
    if (trn_data_load(spec, &o, &data[DS_SHAPESET], err, sizeof err)) {
        rpt_fail(c, "%s", err);
        goto out;
    }
    have[DS_SHAPESET] = 1;
    int fashion_missing = 0;
    if (z.fashion) {
        if (!trn_fashion_mnist_dir()) {
            fashion_missing = 1;
        } else {
            rpt_progress(c, "loading Fashion-MNIST");
            trn_data_opts_default(&o);
            o.seed = rpt_seed(c, "glorot/fashion");
            o.valid_frac = 1.0 / 6.0; /* 50000 / 10000, as their MNIST split */
            if (trn_data_load("fashion-mnist", &o, &data[DS_FASHION], err, sizeof err)) {
                rpt_fail(c, "%s", err);
                goto out;
            }
            have[DS_FASHION] = 1;
        }
    }
    /* the data set of the instrumented runs: where the networks learn within the run */
    int fig_ds = have[DS_FASHION] ? DS_FASHION : DS_SHAPESET;
    /* views: the validation part capped for choosing the learning rate */
    trn_split view[NDS];
    for (int d = 0; d < NDS; d++) {
        view[d] = data[d];
        if (z.valid_cap && view[d].valid.n > z.valid_cap) view[d].valid.n = z.valid_cap;
    }

    /* ---- part c, at initialisation ---- */
    rpt_progress(c, "initialisation study (%d tanh layers of %zu units)", z.init_depth, z.width);
    for (int k = 0; k < 2; k++) {
        ij[k].z = &z;
        ij[k].probe = &data[DS_SHAPESET].test;
        ij[k].init = k ? TRN_INIT_NORMALIZED : TRN_INIT_STANDARD;
        ij[k].seed = rpt_seed(c, k ? "glorot/init/normalized" : "glorot/init/standard");
    }
    r3_run_jobs(c, c->threads, ij, 2, sizeof ij[0], run_init_job, "initialisation study");
    for (int k = 0; k < 2; k++)
        if (ij[k].failed) {
            rpt_fail(c, "%s", ij[k].err);
            goto out;
        }

    /* ---- the training runs ---- */
    njobs = (size_t)NCFG * NDS * (size_t)z.nlr;
    jobs = calloc(njobs, sizeof *jobs);
    if (!jobs) {
        rpt_fail(c, "out of memory");
        goto out;
    }
    size_t nj = 0;
    for (int d = 0; d < NDS; d++) {
        if (!have[d]) continue;
        for (int k = 0; k < NCFG; k++) {
            char key[96];
            snprintf(key, sizeof key, "glorot/run/%s/%s", cfgs[k].key, ds_key[d]);
            for (int l = 0; l < z.nlr; l++) {
                gjob *j = &jobs[nj++];
                j->cfg = k;
                j->ds = d;
                j->lri = l;
                j->depth = depth_of(&z, k);
                j->width = z.width;
                j->lr = z.lr[l];
                j->updates = z.updates;
                j->seed = rpt_seed(c, key); /* the same start for every learning rate */
                j->data = &view[d];
                j->nprobe = z.nprobe;
                if (instrumented(k, d, fig_ds)) {
                    j->instr_every = z.updates / z.instr_points;
                    if (j->instr_every < 1) j->instr_every = 1;
                    j->hist = 1;
                }
            }
        }
    }
    njobs = nj;
    rpt_progress(c, "%zu training runs of %ld updates, %d at a time", njobs, z.updates, c->threads);
    r3_run_jobs(c, c->threads, jobs, njobs, sizeof *jobs, run_gjob, "training runs");
    for (size_t i = 0; i < njobs; i++) {
        if (jobs[i].oom) {
            rpt_fail(c, "a training run ran out of memory");
            goto out;
        }
        if (jobs[i].st != TRN_OK && jobs[i].st != TRN_E_NUMERIC) {
            rpt_fail(c, "%s", jobs[i].err);
            goto out;
        }
    }
    /* the chosen learning rate per (model, data set): lowest validation error, then loss */
    gjob *best[NCFG][NDS];
    memset(best, 0, sizeof best);
    for (size_t i = 0; i < njobs; i++) {
        gjob *j = &jobs[i];
        gjob **b = &best[j->cfg][j->ds];
        /* ties (e.g. every rate stuck at chance) go to the lower validation loss */
        if (!isnan(j->valid_err) &&
            (!*b || j->valid_err < (*b)->valid_err ||
             (j->valid_err == (*b)->valid_err && j->valid_loss < (*b)->valid_loss)))
            *b = j;
    }

    /* ---- the page ---- */
    char lrs[128];
    size_t w = 0;
    for (int l = 0; l < z.nlr; l++)
        w += (size_t)snprintf(lrs + w, sizeof lrs - w, "%s%g", l ? ", " : "", z.lr[l]);
    rpt_p(c, "Glorot and Bengio (2010) asked why deep networks with saturating units train badly "
             "from a random start. They watched the activations and the back-propagated gradients "
             "of every layer during training, compared two initialisations, and found that with "
             "the sigmoid the top hidden layer saturates at 0, that the usual (\"standard\") "
             "initialisation makes gradients shrink from layer to layer, and that their "
             "\"normalized\" initialisation keeps the variances of activations and gradients "
             "about equal across layers. This section repeats their experiments at a size this "
             "machine can afford.");
    rpt_raw(c,
            "<p><b>Their setting</b>: dense networks with 1 to 5 hidden layers of 1000 units, "
            "softmax output, cross-entropy, plain SGD on minibatches of 10, biases 0, the learning "
            "rate chosen on validation error after 5 million updates; standard initialisation "
            "W ~ U[&minus;1/&radic;n, 1/&radic;n] (n inputs of the layer) and normalized "
            "W ~ U[&minus;&radic;6/&radic;(n<sub>in</sub>+n<sub>out</sub>), "
            "+&radic;6/&radic;(n<sub>in</sub>+n<sub>out</sub>)].</p>\n");
    rpt_p(c,
          "What ran here (%s mode): %d hidden layers of %zu units (sigmoid: 4 layers, the "
          "depth that was best for the sigmoid in the paper), softmax output, cross-entropy, plain "
          "SGD on minibatches of 10 with a constant learning rate, biases 0, %ld updates per run "
          "(the paper: 5 million), the learning rate chosen for each model and data set among "
          "{%s} by the validation error after those %ld updates; one seed per model (the same "
          "initial weights for every learning rate). ReLU, ELU and GELU, not in the paper, use "
          "the normalized initialisation. The %zu runs are independent and go %d at "
          "a time (--threads), each on single-threaded BLAS; the numbers do not depend on how "
          "many run at once.%s",
          c->full    ? "full"
          : c->smoke ? "smoke"
                     : "quick",
          z.depth, z.width, z.updates, lrs, z.updates, njobs, c->threads,
          c->full
              ? " Full mode has the paper's network sizes but not its 5 million updates per run "
                "(that would take weeks on a CPU)."
              : " This is far less training than the paper's; the quick mode is meant to show "
                "the mechanisms, not to reach the paper's error rates.");
    rpt_p(c,
          "Data: Shapeset-3x2 as described in the paper (1 or 2 of triangle, parallelogram, "
          "ellipse in a 32x32 grey image, 9 classes), %zu images generated once and split "
          "%zu train / %zu validation / %zu test (the paper draws a fresh stream and never repeats "
          "an image).%s",
          z.shapeset_n, data[DS_SHAPESET].train.n, data[DS_SHAPESET].valid.n,
          data[DS_SHAPESET].test.n,
          have[DS_FASHION] ? " Fashion-MNIST (Debian's dataset-fashion-mnist) stands in for MNIST: "
                             "50 000 train / 10 000 validation / 10 000 test, pixels in [0, 1]."
                           : "");
    if (have[DS_FASHION] && z.valid_cap && data[DS_FASHION].valid.n > z.valid_cap)
        rpt_p(c, "To save time the learning rate is chosen on the first %zu validation images.",
              z.valid_cap);
    if (fashion_missing)
        rpt_raw(
            c,
            "<p><b>Note:</b> Fashion-MNIST is not installed (/usr/share/datasets/fashion-mnist, "
            "Debian package dataset-fashion-mnist), so this section uses Shapeset-3x2 only.</p>\n");
    else if (!z.fashion)
        rpt_p(
            c,
            "Smoke mode: tiny networks and data, Fashion-MNIST skipped; the numbers mean nothing.");
    rpt_p(
        c,
        "The figures of parts (a), (b) and Fig. 9 come from the %s runs of the table (the learning "
        "rate chosen there; the sigmoid also on %s), instrumented every %ld updates on a fixed "
        "set of %zu test examples (the paper's 300).%s",
        ds_label[fig_ds], ds_label[DS_SHAPESET],
        z.updates / z.instr_points > 0 ? z.updates / z.instr_points : 1,
        data[fig_ds].test.n < z.nprobe ? data[fig_ds].test.n : z.nprobe,
        fig_ds == DS_FASHION ? " Fashion-MNIST is used for them because at this run size the "
                               "Shapeset networks hardly leave chance level, so there is little "
                               "training to watch."
                             : "");

    /* ---- (a) activations during training ---- */
    rpt_h3(c, "(a) Activations during training (their Figures 2, 3 and 10)");
    const gjob *js = best[C_SIGMOID][fig_ds], *jt = best[C_TANH][fig_ds],
               *jss = best[C_SOFTSIGN][fig_ds], *jtn = best[C_TANH_N][fig_ds];
    if (!js || !jt || !jss || !jtn || !js->nrec || !jt->nrec || !jss->nrec || !jtn->nrec) {
        rpt_p(c,
              "Some instrumented runs diverged at every learning rate; no figures for part (a).");
    } else {
        char cap[1024];
        const gjob *pick = NULL;
        rpt_raw(c, "<div class=\"two\">\n");
        if (sigmoid_fig(c, js, "glorot_sigmoid_mean", ds_label[fig_ds],
                        "the rate chosen on validation")) {
            rpt_raw(c, "</div>\n");
            goto out;
        }
        if (fig_ds != DS_SHAPESET) {
            /* Shapeset: the chosen run if it learned; else the largest rate that did not
               diverge, where the dynamics are fastest */
            const gjob *b = best[C_SIGMOID][DS_SHAPESET];
            pick = b;
            double chance = 1.0 - 1.0 / data[DS_SHAPESET].test.classes;
            const char *why = "the rate chosen on validation";
            if (!b || b->valid_err > chance - 0.02) {
                pick = NULL;
                for (size_t i = 0; i < njobs; i++) {
                    const gjob *j = &jobs[i];
                    if (j->cfg == C_SIGMOID && j->ds == DS_SHAPESET && j->st == TRN_OK && j->nrec &&
                        (!pick || j->lr > pick->lr))
                        pick = j;
                }
                why = "no rate got this net off chance level on Shapeset; shown: the largest "
                      "rate that did not diverge";
            }
            if (pick && !pick->nrec) pick = NULL;
            if (pick &&
                sigmoid_fig(c, pick, "glorot_sigmoid_mean_shapeset", ds_label[DS_SHAPESET], why)) {
                rpt_raw(c, "</div>\n");
                goto out;
            }
        }
        rpt_raw(c, "</div>\n");
        sigmoid_text(c, js, ds_label[fig_ds]);
        if (pick) sigmoid_text(c, pick, ds_label[DS_SHAPESET]);
        snprintf(cap, sizeof cap,
                 "Fig. 3 (top) of the paper: tanh, standard initialisation, learning rate %g: "
                 "98th percentile (dots) and standard deviation (lines) of each hidden layer's "
                 "activations during training.",
                 jt->lr);
        rpt_raw(c, "<div class=\"two\">\n");
        if (fig_instr(c, jt, 1, "glorot_tanh_p98", "Tanh, standard init: 98th pct. and std", cap)) {
            rpt_raw(c, "</div>\n");
            goto out;
        }
        snprintf(cap, sizeof cap,
                 "Fig. 3 (bottom) of the paper: softsign, standard initialisation, learning rate "
                 "%g: 98th percentile (dots) and standard deviation (lines).",
                 jss->lr);
        if (fig_instr(c, jss, 1, "glorot_softsign_p98",
                      "Softsign, standard init: 98th pct. and std", cap)) {
            rpt_raw(c, "</div>\n");
            goto out;
        }
        snprintf(cap, sizeof cap,
                 "Fig. 10 of the paper: tanh with the normalized initialisation, learning rate %g: "
                 "98th percentile (dots) and standard deviation (lines).",
                 jtn->lr);
        int bad = fig_instr(c, jtn, 1, "glorot_tanhN_p98",
                            "Tanh, normalized init: 98th pct. and std", cap);
        rpt_raw(c, "</div>\n");
        if (bad) goto out;
        /* saturation order for tanh: when each layer's 98th percentile first reached 0.95 */
        char order[512];
        size_t ow = 0;
        int nsat = 0, inorder = 1, first = -1;
        long prev = -1;
        for (int h = 0; h < jt->depth; h++) {
            long u = first_above(jt, h, 0.95);
            ow += (size_t)snprintf(order + ow, sizeof order - ow, "%slayer %d: %s", h ? "; " : "",
                                   h + 1, u < 0 ? "never" : "");
            if (u >= 0) {
                ow += (size_t)snprintf(order + ow, sizeof order - ow, "update %ld", u);
                nsat++;
                if (first < 0) first = h;
                if (prev >= 0 && u < prev) inorder = 0;
                prev = u;
            }
        }
        rpt_p(c,
              "Tanh (standard init): the update at which each layer's 98th percentile first "
              "reached 0.95 (near saturation) - %s.",
              order);
        if (nsat == 0)
            rpt_p(c, "No tanh layer came near saturation in this run, so the paper's sequential "
                     "saturation (layer 1 first, then layer 2, ...) is not reproduced here; it "
                     "appeared over many epochs in the paper.");
        else if (nsat == 1 && first == 0)
            rpt_p(c, "Only layer 1 came near saturation within this run. The paper saw layer 1 "
                     "saturate first and the layers above follow one after the other over many "
                     "epochs; this short run shows the first step of that sequence only.");
        else if (nsat >= 2 && inorder && first == 0)
            rpt_p(c, "The layers that saturated did so from the bottom up, the order the paper "
                     "reports (layer 1 first, then layer 2, ...).");
        else
            rpt_p(c, "The order differs from the paper's (layer 1 first, then layer 2, ...).");
        double t98 = 0, s98 = 0, n98 = 0;
        for (int h = 0; h < jt->depth; h++)
            t98 += act_rec(jt, jt->nrec - 1, h)->pct[4];
        for (int h = 0; h < jss->depth; h++)
            s98 += act_rec(jss, jss->nrec - 1, h)->pct[4];
        for (int h = 0; h < jtn->depth; h++)
            n98 += act_rec(jtn, jtn->nrec - 1, h)->pct[4];
        rpt_p(c,
              "At the end, the 98th percentile averaged over layers is %.2f for tanh, %.2f for "
              "tanh with normalized init and %.2f for softsign (the paper: softsign saturates "
              "less than tanh, and its layers move together; normalized tanh resembles "
              "softsign).",
              t98 / jt->depth, n98 / jtn->depth, s98 / jss->depth);
    }

    /* ---- (b) histograms at the end ---- */
    rpt_h3(c, "(b) Activation histograms at the end of training (their Figure 4)");
    if (jt && jss && jt->hist_dens && jss->hist_dens) {
        char cap[512];
        snprintf(cap, sizeof cap,
                 "Fig. 4 (top) of the paper: histogram of each hidden layer's tanh activations on "
                 "the fixed test examples after %ld updates (standard init, learning rate %g).",
                 z.updates, jt->lr);
        rpt_raw(c, "<div class=\"two\">\n");
        if (fig_hist_layers(c, "glorot_hist_end_tanh", "Tanh activations after training",
                            "activation value", jt->hist_dens, jt->depth, -1, 1, 0, cap)) {
            rpt_raw(c, "</div>\n");
            goto out;
        }
        snprintf(cap, sizeof cap,
                 "Fig. 4 (bottom) of the paper: the same for softsign (standard init, learning "
                 "rate %g).",
                 jss->lr);
        int bad =
            fig_hist_layers(c, "glorot_hist_end_softsign", "Softsign activations after training",
                            "activation value", jss->hist_dens, jss->depth, -1, 1, 0, cap);
        rpt_raw(c, "</div>\n");
        if (bad) goto out;
        char tb[256], sb[256];
        size_t tw = 0, sw = 0;
        for (int h = 0; h < jt->depth; h++)
            tw += (size_t)snprintf(tb + tw, sizeof tb - tw, "%s%.0f%%", h ? ", " : "",
                                   100 * mass_beyond(jt->hist_dens + (size_t)h * NBIN, 0.9));
        double smode = 0;
        for (int h = 0; h < jss->depth; h++) {
            sw += (size_t)snprintf(sb + sw, sizeof sb - sw, "%s%.0f%%", h ? ", " : "",
                                   100 * mass_beyond(jss->hist_dens + (size_t)h * NBIN, 0.9));
            smode += positive_mode(jss->hist_dens + (size_t)h * NBIN) / jss->depth;
        }
        rpt_p(c,
              "Share of activations with |h| > 0.9, layer 1 to %d: tanh %s; softsign %s. The "
              "positive mode of the softsign histograms lies at %.2f on average over layers. The "
              "paper found tanh piling up at -1, 0 and +1 with strong saturation of the lower "
              "layers, and softsign with modes around +-(0.6 to 0.8), its \"knees\", non-linear "
              "but not saturated.",
              jt->depth, tb, sb, smode);
        double t_low = mass_beyond(jt->hist_dens, 0.9), s_max = 0;
        for (int h = 0; h < jss->depth; h++)
            s_max = fmax(s_max, mass_beyond(jss->hist_dens + (size_t)h * NBIN, 0.9));
        if (t_low > 0.05)
            rpt_p(c, "%s %s",
                  t_low > 0.2 ? "Tanh's first layer is strongly saturated, as in the paper."
                              : "Tanh's first layer has begun to saturate, far less than in the "
                                "paper.",
                  s_max < t_low
                      ? "Softsign saturates less, as in the paper."
                      : "Softsign is not less saturated than tanh here, unlike the paper.");
        else
            rpt_p(c,
                  "Neither tanh nor softsign is saturated after this short training, so the "
                  "paper's contrast (saturated tanh, unsaturated softsign) does not show%s",
                  smode < 0.5 ? "; the softsign activations are still concentrated well inside "
                                "its knees."
                              : ".");
    } else {
        rpt_p(c, "No histograms: the tanh or softsign runs diverged at every learning rate.");
    }

    /* ---- (c) initialisation ---- */
    rpt_h3(c, "(c) At initialisation: standard vs normalized (their Figures 6, 7 and 9, and the "
              "Jacobians)");
    rpt_p(c,
          "A tanh network with %d hidden layers of %zu units on Shapeset inputs, before any "
          "training, once with each initialisation (biases 0); statistics over %zu test images. "
          "The back-propagated gradient dC/ds is the gradient of one example's cross-entropy with "
          "respect to a layer's pre-activations s (the trainer's delta of the activation layer, "
          "times the number of examples since its loss is the mean).",
          z.init_depth, z.width, ist[0]->n);
    {
        int D = z.init_depth;
        double *dens = malloc((size_t)D * NBIN * sizeof *dens);
        if (!dens) {
            rpt_fail(c, "out of memory");
            goto out;
        }
        double ymax = 0;
        for (int k = 0; k < 2 && ymax >= 0; k++)
            for (int h = 0; h < D; h++) {
                r3_hist(ist[k]->act + (size_t)h * ist[k]->n * ist[k]->width,
                        ist[k]->n * ist[k]->width, -1, 1, NBIN, dens);
                for (int b = 0; b < NBIN; b++)
                    ymax = fmax(ymax, dens[b]);
            }
        ymax *= 1.05;
        rpt_raw(c, "<div class=\"two\">\n");
        for (int k = 0; k < 2; k++) {
            for (int h = 0; h < D; h++)
                r3_hist(ist[k]->act + (size_t)h * ist[k]->n * ist[k]->width,
                        ist[k]->n * ist[k]->width, -1, 1, NBIN, dens + (size_t)h * NBIN);
            char cap[512];
            snprintf(cap, sizeof cap,
                     "Fig. 6 (%s) of the paper: histograms of each hidden layer's tanh activations "
                     "at initialisation, %s initialisation.",
                     k ? "bottom" : "top", k ? "normalized" : "standard");
            if (fig_hist_layers(c, k ? "glorot_init_act_normalized" : "glorot_init_act_standard",
                                k ? "Activations at init, normalized"
                                  : "Activations at init, standard",
                                "activation value", dens, D, -1, 1, ymax, cap)) {
                rpt_raw(c, "</div>\n");
                free(dens);
                goto out;
            }
        }
        rpt_raw(c, "</div>\n");
        /* gradients: one range for both, the 99th percentile of |dC/ds| over everything */
        double g =
            fmax(r3_abs_quantile(ist[0]->delta, (size_t)D * ist[0]->n * ist[0]->width, 0.99),
                 r3_abs_quantile(ist[1]->delta, (size_t)D * ist[1]->n * ist[1]->width, 0.99));
        if (!(g > 0)) g = 1;
        ymax = 0;
        for (int k = 0; k < 2; k++)
            for (int h = 0; h < D; h++) {
                r3_hist(ist[k]->delta + (size_t)h * ist[k]->n * ist[k]->width,
                        ist[k]->n * ist[k]->width, -g, g, NBIN, dens);
                for (int b = 0; b < NBIN; b++)
                    ymax = fmax(ymax, dens[b]);
            }
        ymax *= 1.05;
        rpt_raw(c, "<div class=\"two\">\n");
        for (int k = 0; k < 2; k++) {
            for (int h = 0; h < D; h++)
                r3_hist(ist[k]->delta + (size_t)h * ist[k]->n * ist[k]->width,
                        ist[k]->n * ist[k]->width, -g, g, NBIN, dens + (size_t)h * NBIN);
            char cap[512];
            snprintf(cap, sizeof cap,
                     "Fig. 7 (%s) of the paper: histograms of the back-propagated gradients dC/ds "
                     "of each hidden layer at initialisation, %s initialisation (range +-%.3g, the "
                     "99th percentile of |dC/ds| over both initialisations; the rest is outside).",
                     k ? "bottom" : "top", k ? "normalized" : "standard", g);
            if (fig_hist_layers(
                    c, k ? "glorot_init_grad_normalized" : "glorot_init_grad_standard",
                    k ? "Gradients dC/ds at init, normalized" : "Gradients dC/ds at init, standard",
                    "dC/ds (one example, w.r.t. a pre-activation)", dens, D, -g, g, ymax, cap)) {
                rpt_raw(c, "</div>\n");
                free(dens);
                goto out;
            }
        }
        rpt_raw(c, "</div>\n");
        free(dens);
        /* the table */
        const char *hd[] = {"hidden layer",
                            "std of activations (std. / norm.)",
                            "Var[dC/ds] (std. / norm.)",
                            "Var[dC/dW] (std. / norm.)",
                            "mean singular value of J (std. / norm.)",
                            "mean singular value of W alone (std. / norm.)"};
        rpt_table_begin(c, 6, hd);
        FILE *csv = rpt_csv_open(c, "glorot_init_table",
                                 "layer,act_std_standard,act_std_normalized,dvar_standard,"
                                 "dvar_normalized,wvar_standard,wvar_normalized,jac_standard,"
                                 "jac_sd_standard,jac_normalized,jac_sd_normalized,w_sv_standard,"
                                 "w_sv_normalized");
        for (int h = 0; h < D; h++) {
            char c0[16], c1[48], c2[64], c3[64], c4[96], c5[64];
            snprintf(c0, sizeof c0, "%d", h + 1);
            snprintf(c1, sizeof c1, "%.3f / %.3f", ist[0]->act_std[h], ist[1]->act_std[h]);
            snprintf(c2, sizeof c2, "%.3g / %.3g", ist[0]->dvar[h], ist[1]->dvar[h]);
            snprintf(c3, sizeof c3, "%.3g / %.3g", ist[0]->wvar[h], ist[1]->wvar[h]);
            if (h == 0) {
                snprintf(c4, sizeof c4, "(from the input: not computed)");
                snprintf(c5, sizeof c5, "-");
            } else {
                snprintf(c4, sizeof c4, "%.3f +- %.3f / %.3f +- %.3f (J%d: layer %d to %d)",
                         ist[0]->jac[h], ist[0]->jac_sd[h], ist[1]->jac[h], ist[1]->jac_sd[h], h, h,
                         h + 1);
                snprintf(c5, sizeof c5, "%.3f / %.3f", ist[0]->wsv[h], ist[1]->wsv[h]);
            }
            const char *row[] = {c0, c1, c2, c3, c4, c5};
            rpt_table_row(c, 6, row);
            if (csv)
                fprintf(csv, "%d,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g\n",
                        h + 1, ist[0]->act_std[h], ist[1]->act_std[h], ist[0]->dvar[h],
                        ist[1]->dvar[h], ist[0]->wvar[h], ist[1]->wvar[h], ist[0]->jac[h],
                        ist[0]->jac_sd[h], ist[1]->jac[h], ist[1]->jac_sd[h], ist[0]->wsv[h],
                        ist[1]->wsv[h]);
        }
        rpt_table_end(c);
        if (rpt_csv_close(c, csv, "glorot_init_table")) goto out;
        rpt_raw(c, "<p><a href=\"glorot_init_table.csv\">table data (CSV)</a></p>\n");
        double js_m = 0, jn_m = 0;
        for (int h = 1; h < D; h++) {
            js_m += ist[0]->jac[h] / (D - 1);
            jn_m += ist[1]->jac[h] / (D - 1);
        }
        rpt_p(c,
              "How the Jacobian is measured: for hidden layers h and h+1, z^{h+1} = tanh(W z^h + "
              "b), so J = dz^{h+1}/dz^h = diag(tanh'(s^{h+1})) W, a %zux%zu matrix for each "
              "example. Its singular values are the square roots of the eigenvalues of J J^T = "
              "diag(f') W W^T diag(f'), computed in double precision by Householder reduction and "
              "the QL algorithm; the table gives their mean, averaged over %d test examples (+- "
              "the standard deviation across examples). The last column leaves out f' (the "
              "linear regime).",
              z.width, z.width, z.jac_examples);
        rpt_p(c,
              "Mean singular value over the layers: %.2f with standard and %.2f with normalized "
              "initialisation; the paper reports about 0.5 and 0.8. For a random square matrix "
              "with independent entries of variance v the mean singular value tends to "
              "(8/(3 pi)) sqrt(n v) = 0.849 sqrt(n v), i.e. 0.49 for the standard init (n v = "
              "1/3) and 0.85 for the normalized one (n v = 1): the last column; tanh' <= 1 pulls "
              "J slightly below it.",
              js_m, jn_m);
        double rs = ist[0]->dvar[0] / ist[0]->dvar[D - 1],
               rn = ist[1]->dvar[0] / ist[1]->dvar[D - 1];
        double as = ist[0]->act_std[D - 1] / ist[0]->act_std[0],
               an = ist[1]->act_std[D - 1] / ist[1]->act_std[0];
        rpt_p(c,
              "Across layers: the activations' standard deviation at layer %d is %.2f times that "
              "of layer 1 with the standard init and %.2f times with the normalized init; the "
              "variance of dC/ds at layer 1 is %.2f times that at layer %d with the standard init "
              "and %.2f times with the normalized init.",
              D, as, an, rs, D, rn);
        rpt_p(c, "%s %s",
              as < 0.8 && an > as
                  ? "As in the paper's Fig. 6, with the standard init the activations shrink "
                    "towards 0 going up (the peak at 0 grows), less so with the normalized init."
                  : "The paper's Fig. 6 effect (activations shrinking towards 0 going up with the "
                    "standard init) is not clear in these numbers.",
              rs < 0.8 && rn > rs
                  ? "As in Fig. 7, the back-propagated gradients get smaller going down with the "
                    "standard init and stay closer to constant with the normalized one."
                  : "The paper's Fig. 7 effect (gradients shrinking going down with the standard "
                    "init) is not clear in these numbers.");
    }
    const gjob *jts = best[C_TANH][fig_ds], *jtn2 = best[C_TANH_N][fig_ds];
    if (jts && jtn2 && jts->nrec && jtn2->nrec) {
        if (fig_wgrad(c, jts, jtn2, "glorot_wgrad")) goto out;
        int D = jts->depth, R0 = jts->nrec - 1, R1 = jtn2->nrec - 1;
        double r0 = sqrt(dense_rec(jts, R0, 0)->wgrad_var / dense_rec(jts, R0, D - 1)->wgrad_var);
        double r1 = sqrt(dense_rec(jtn2, R1, 0)->wgrad_var / dense_rec(jtn2, R1, D - 1)->wgrad_var);
        double i0 = sqrt(dense_rec(jts, 0, 0)->wgrad_var / dense_rec(jts, 0, D - 1)->wgrad_var);
        double i1 = sqrt(dense_rec(jtn2, 0, 0)->wgrad_var / dense_rec(jtn2, 0, D - 1)->wgrad_var);
        rpt_p(c,
              "Ratio of the weight-gradient std of layer 1 to that of layer %d: at "
              "initialisation %.2f (standard) and %.2f (normalized), at the end %.2f (standard) "
              "and %.2f (normalized). The paper (Fig. 8) found the weight gradients about equal "
              "across layers right after initialisation even with the standard init (its eq. 14), "
              "and during training (Fig. 9) spreading apart with the standard init, lower layers "
              "larger, while they stay together with the normalized init.",
              D, i0, i1, r0, r1);
        double sp[2];
        for (int k = 0; k < 2; k++)
            sp[k] = wgrad_spread(k ? jtn2 : jts);
        rpt_p(c,
              "Spread across layers during training (the largest over the smallest layer's "
              "weight-gradient std, geometric mean over the instrument passes after the start): "
              "%.2f with the standard init, %.2f with the normalized init. %s",
              sp[0], sp[1],
              sp[0] > 1.2 * sp[1]
                  ? "As in the paper's Fig. 9, the standard init lets the layers' weight "
                    "gradients drift further apart."
                  : "The paper's Fig. 9 difference (a wider spread with the standard init) does "
                    "not show clearly at this run size.");
    }

    /* ---- (d) the table ---- */
    rpt_h3(c, "(d) Test error (their Table 1)");
    {
        const char *hd[] = {"model",
                            "Shapeset: ours (%)",
                            "Shapeset: Glorot & Bengio 2010 (%)",
                            "Fashion-MNIST: ours (%)",
                            "Glorot & Bengio 2010 (their MNIST, not Fashion-MNIST) (%)",
                            "learning rate chosen (Shapeset / Fashion-MNIST)"};
        rpt_table_begin(c, 6, hd);
        FILE *csv =
            rpt_csv_open(c, "glorot_table",
                         "model,dataset,lr,updates,depth,width,valid_error,test_error,chosen");
        for (int k = 0; k < NCFG; k++) {
            char a[32], b[32], d[32], e[32], f[64];
            const gjob *bs = best[k][DS_SHAPESET], *bf = best[k][DS_FASHION];
            fmt_pct(a, sizeof a, bs ? bs->test_err : NAN);
            fmt_paper(b, sizeof b, cfgs[k].paper_shapeset);
            if (have[DS_FASHION])
                fmt_pct(d, sizeof d, bf ? bf->test_err : NAN);
            else
                snprintf(d, sizeof d, "not run");
            fmt_paper(e, sizeof e, cfgs[k].paper_mnist);
            char l1[16] = "-", l2[16] = "-";
            if (bs) snprintf(l1, sizeof l1, "%g", bs->lr);
            if (bf) snprintf(l2, sizeof l2, "%g", bf->lr);
            snprintf(f, sizeof f, "%s / %s", l1, have[DS_FASHION] ? l2 : "-");
            const char *row[] = {cfgs[k].label, a, b, d, e, f};
            rpt_table_row(c, 6, row);
        }
        rpt_table_end(c);
        for (size_t i = 0; i < njobs && csv; i++) {
            const gjob *j = &jobs[i];
            fprintf(csv, "%s,%s,%g,%ld,%d,%zu,%.6g,%.6g,%d\n", cfgs[j->cfg].label, ds_label[j->ds],
                    j->lr, j->updates, j->depth, j->width, j->valid_err, j->test_err,
                    best[j->cfg][j->ds] == j);
        }
        if (rpt_csv_close(c, csv, "glorot_table")) goto out;
        rpt_raw(c, "<p><a href=\"glorot_table.csv\">every run (CSV): validation and test error "
                   "for each learning rate</a></p>\n");
        /* the validation errors behind the choice */
        const char *hv[2 + 2 * MAXLR];
        char hbuf[2 * MAXLR][48];
        int nh = 0;
        hv[nh++] = "model";
        for (int d = 0; d < NDS; d++) {
            if (!have[d]) continue;
            for (int l = 0; l < z.nlr; l++) {
                snprintf(hbuf[d * MAXLR + l], sizeof hbuf[0], "%s, lr %g", ds_label[d], z.lr[l]);
                hv[nh++] = hbuf[d * MAXLR + l];
            }
        }
        rpt_p(c, "Validation error (%%) of every learning rate tried (* the chosen one):");
        rpt_table_begin(c, nh, hv);
        for (int k = 0; k < NCFG; k++) {
            char cell[1 + 2 * MAXLR][32];
            const char *row[1 + 2 * MAXLR];
            int nc = 0;
            row[nc++] = cfgs[k].label;
            for (int d = 0; d < NDS; d++) {
                if (!have[d]) continue;
                for (int l = 0; l < z.nlr; l++) {
                    const gjob *j = NULL;
                    for (size_t i = 0; i < njobs; i++)
                        if (jobs[i].cfg == k && jobs[i].ds == d && jobs[i].lri == l) j = &jobs[i];
                    if (!j || isnan(j->valid_err))
                        snprintf(cell[nc], sizeof cell[0], "diverged");
                    else
                        snprintf(cell[nc], sizeof cell[0], "%.2f%s", 100 * j->valid_err,
                                 best[k][d] == j ? " *" : "");
                    row[nc] = cell[nc];
                    nc++;
                }
            }
            rpt_table_row(c, nc, row);
        }
        rpt_table_end(c);
        /* what the numbers say */
        for (int d = 0; d < NDS; d++) {
            if (!have[d]) continue;
            int bestk = -1, worstk = -1;
            for (int k = 0; k <= C_SIGMOID; k++) {
                const gjob *j = best[k][d];
                double e = j ? j->test_err : INFINITY;
                if (bestk < 0 || e < (best[bestk][d] ? best[bestk][d]->test_err : INFINITY))
                    bestk = k;
                if (worstk < 0 || e > (best[worstk][d] ? best[worstk][d]->test_err : INFINITY))
                    worstk = k;
            }
            const gjob *t = best[C_TANH][d], *tn = best[C_TANH_N][d];
            double chance = 1.0 - 1.0 / data[d].test.classes;
            char te[32], tne[32], cmp[160];
            fmt_pct(te, sizeof te, t ? t->test_err : NAN);
            fmt_pct(tne, sizeof tne, tn ? tn->test_err : NAN);
            if (t && tn)
                snprintf(cmp, sizeof cmp,
                         "Tanh N %s Tanh (%s%% vs %s%%; the paper: Tanh N better).",
                         tn->test_err < t->test_err ? "beats" : "does not beat", tne, te);
            else
                snprintf(cmp, sizeof cmp, "Tanh or Tanh N diverged at every learning rate.");
            double beste = best[bestk][d] ? best[bestk][d]->test_err : NAN;
            rpt_p(c,
                  "%s: of the paper's five models the best here is %s (%.2f%%) and the worst %s "
                  "(the paper: %s). %s Chance level is %.1f%%%s.",
                  ds_label[d], cfgs[bestk].label, 100 * beste, cfgs[worstk].label,
                  d == DS_SHAPESET ? "best Tanh N, worst Sigmoid"
                                   : "on MNIST best Softsign and Tanh N, worst Sigmoid",
                  cmp, 100 * chance,
                  beste > chance - 0.15
                      ? "; even the best model is not far below it at this run size"
                      : "");
            const gjob *sg = best[C_SIGMOID][d];
            if (d == DS_SHAPESET && sg && sg->test_err > chance - 0.02)
                rpt_p(c,
                      "The sigmoid network stays at chance level on Shapeset (%.2f%%); in the "
                      "paper it was also barely better than chance there (82.61%%), while the "
                      "other models reached 15 to 27%%.",
                      100 * sg->test_err);
        }
        rpt_p(c,
              "Read these numbers with the run size in mind: one seed per model and %ld updates "
              "instead of 5 million, so differences of a point or two are within the noise of a "
              "single run; the paper's best networks reached 15%% error on Shapeset only after "
              "millions of updates.",
              z.updates);
    }
    rc = 0;
out:
    free_jobs(jobs, njobs);
    for (int k = 0; k < 2; k++) {
        free(ij[k].st.act);
        free(ij[k].st.delta);
    }
    for (int d = 0; d < NDS; d++)
        if (have[d]) trn_split_free(&data[d]);
    return rc;
}
