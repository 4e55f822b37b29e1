/*
 * sec_noisy.c - section 8: noisy activation functions, after Gulcehre,
 * Moczulski, Denil and Bengio 2016, "Noisy Activation Functions" (ICML,
 * PMLR 48:3059-3068; arXiv:1603.00391).
 *
 * Hard-tanh has zero gradient wherever it saturates (|x| > 1), so a unit that
 * starts there never leaves. The noisy hard-tanh
 *   phi(x, eps) = alpha h(x) + (1 - alpha) x + d(x) sigma(x) eps,
 *   sigma(x) = c (sigmoid(p (h(x) - x)) - 1/2)^2,  d(x) = -sgn(x) sgn(1 - alpha)
 * keeps a slope 1 - alpha beyond the knees and adds noise there, whose scale
 * grows with the distance past the knee (p is learned per unit). The
 * experiment: a deep narrow net whose biases start at +2, so that every
 * hidden unit starts saturated, trained with hard-tanh, with the noisy
 * hard-tanh (the authors' defaults alpha = 1.15, c = 0.5), with the same
 * function without noise (c = 0: only the slope 1 - alpha), and with tanh
 * (soft saturation: small but nonzero gradient) as a reference; several
 * seeds, the same initial weights for every function of a seed.
 */
#include "report/r3_util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *spec, *label;
} nfn;

static const nfn fns[] = {
    {"hardtanh", "hard-tanh"},
    {"noisy_hard_tanh", "noisy hard-tanh (alpha 1.15, c 0.5)"},
    {"noisy_hard_tanh(c=0)", "same without noise (c = 0)"},
    {"tanh", "tanh (reference)"},
};
#define NFN ((int)(sizeof fns / sizeof fns[0]))
enum { F_HARD, F_NOISY, F_NONOISE, F_TANH };

#define NLAYER 3   /* hidden layers */
#define WIDTH 32   /* units per hidden layer */
#define BIAS0 2.0f /* initial bias of every unit: all start past the knee at +1 */
#define LR 0.1
#define BATCH 32

typedef struct {
    int seeds;
    long updates;
    int points; /* checkpoints per run */
    size_t n;   /* examples generated */
} nsize;

static nsize sizes(const rpt_ctx *c) {
    if (c->smoke) return (nsize){.seeds = 2, .updates = 100, .points = 5, .n = 300};
    if (c->full) return (nsize){.seeds = 20, .updates = 20000, .points = 100, .n = 2000};
    return (nsize){.seeds = 10, .updates = 4000, .points = 40, .n = 2000};
}

typedef struct {
    int fn, seed_index;
    uint64_t seed;
    long updates;
    int points;
    const trn_split *data;
    /* results, per checkpoint (points + 1, the first at update 0) */
    long *upd;
    double *loss, *terr, *sat;
    int nrec;
    double final_test_err, final_loss;
    trn_status st;
    char err[TRN_ERRLEN];
    int oom;
} njob;

/* fraction of hidden pre-activations beyond the knees (|s| > 1), in evaluation mode */
static double sat_fraction(trn_net *net, const trn_data *d) {
    size_t m = d->n < 500 ? d->n : 500;
    trn_net_forward(net, d->x, m, 0, NULL);
    size_t beyond = 0, tot = 0;
    for (int h = 0; h < NLAYER; h++) {
        const float *s = trn_net_layer_input(net, 2 * h + 1);
        for (size_t k = 0; k < m * WIDTH; k++)
            beyond += fabsf(s[k]) > 1;
        tot += m * WIDTH;
    }
    return (double)beyond / (double)tot;
}

static int record(njob *j, trn_net *net, long u) {
    double loss, acc;
    char err[TRN_ERRLEN];
    if (trn_evaluate(net, &j->data->train, TRN_LOSS_XENT, 256, &loss, &acc, err, sizeof err))
        return -1;
    double tl, tacc;
    if (trn_evaluate(net, &j->data->test, TRN_LOSS_XENT, 256, &tl, &tacc, err, sizeof err))
        return -1;
    j->upd[j->nrec] = u;
    j->loss[j->nrec] = loss;
    j->terr[j->nrec] = 1 - tacc;
    j->sat[j->nrec] = sat_fraction(net, &j->data->train);
    j->nrec++;
    return 0;
}

static void run_njob(void *arg) {
    njob *j = arg;
    const trn_data *tr = &j->data->train;
    char spec[256];
    snprintf(spec, sizeof spec, "%zu", tr->dim);
    for (int h = 0; h < NLAYER; h++) {
        size_t w = strlen(spec);
        snprintf(spec + w, sizeof spec - w, "-%d:%s", WIDTH, fns[j->fn].spec);
    }
    size_t w = strlen(spec);
    snprintf(spec + w, sizeof spec - w, "-%d", tr->classes);
    trn_net *net = NULL;
    trn_opt *opt = NULL;
    size_t np = (size_t)j->points + 1;
    j->upd = malloc(np * sizeof *j->upd);
    j->loss = malloc(np * sizeof *j->loss);
    j->terr = malloc(np * sizeof *j->terr);
    j->sat = malloc(np * sizeof *j->sat);
    float *xb = malloc(BATCH * tr->dim * sizeof *xb);
    int32_t *lb = malloc(BATCH * sizeof *lb);
    uint32_t *perm = malloc(tr->n * sizeof *perm);
    j->final_test_err = j->final_loss = NAN;
    if (!j->upd || !j->loss || !j->terr || !j->sat || !xb || !lb || !perm) {
        j->oom = 1;
        goto done;
    }
    if ((j->st = trn_net_new(spec, &net, j->err, sizeof j->err))) goto done;
    trn_rng rng;
    trn_rng_seed(&rng, j->seed);
    trn_net_init(net, TRN_INIT_NORMALIZED, BIAS0, &rng);
    trn_opt_cfg oc;
    memset(&oc, 0, sizeof oc);
    oc.kind = TRN_OPT_SGD;
    oc.lr = LR;
    if ((j->st = trn_opt_new(&oc, trn_net_nparams(net), &opt))) goto done;
    for (size_t i = 0; i < tr->n; i++)
        perm[i] = (uint32_t)i;
    long every = j->updates / j->points;
    if (every < 1) every = 1;
    if (record(j, net, 0)) {
        j->oom = 1;
        goto done;
    }
    size_t pos = tr->n;
    for (long u = 1; u <= j->updates; u++) {
        if (pos + BATCH > tr->n) { /* a new epoch, a new order */
            for (size_t i = tr->n - 1; i > 0; i--) {
                size_t k = (size_t)trn_rng_below(&rng, i + 1);
                uint32_t t = perm[i];
                perm[i] = perm[k];
                perm[k] = t;
            }
            pos = 0;
        }
        for (size_t b = 0; b < BATCH; b++) {
            memcpy(xb + b * tr->dim, tr->x + (size_t)perm[pos + b] * tr->dim, tr->dim * sizeof *xb);
            lb[b] = tr->label[perm[pos + b]];
        }
        pos += BATCH;
        trn_net_zero_grad(net);
        trn_net_forward(net, xb, BATCH, 1, &rng);
        double loss = trn_net_loss(net, TRN_LOSS_XENT, lb, NULL, BATCH);
        trn_net_backward(net);
        const char *what;
        if (!isfinite(loss) || trn_net_first_nonfinite(net, &what) >= 0) {
            j->st = TRN_E_NUMERIC;
            snprintf(j->err, sizeof j->err, "%s: non-finite values at update %ld", spec, u);
            goto done;
        }
        trn_opt_step(opt, trn_net_params(net), trn_net_grads(net), trn_net_nparams(net), LR);
        if ((u % every == 0 || u == j->updates) && j->nrec < (int)np) {
            if (record(j, net, u)) {
                j->oom = 1;
                goto done;
            }
        }
    }
    j->final_test_err = j->terr[j->nrec - 1];
    j->final_loss = j->loss[j->nrec - 1];
done:
    free(xb);
    free(lb);
    free(perm);
    trn_opt_free(opt);
    trn_net_free(net);
}

/* the functions and the noise band: what a unit computes */
static int fig_functions(rpt_ctx *c) {
    const char *name = "noisy_functions";
    enum { N = 321 };
    double x[N], yh[N], yn[N], yt[N], lo1[N], hi1[N], lo5[N], hi5[N];
    act_fn hard, noisy, th;
    char err[ACT_ERRLEN];
    if (act_parse("hardtanh", &hard, err, sizeof err) ||
        act_parse("noisy_hard_tanh", &noisy, err, sizeof err) ||
        act_parse("tanh", &th, err, sizeof err))
        return rpt_fail(c, "%s", err);
    const double cc = 0.5;
    for (int i = 0; i < N; i++) {
        x[i] = -4 + 8.0 * i / (N - 1);
        yh[i] = act_f(&hard, x[i]);
        yn[i] = act_f(&noisy, x[i]);
        yt[i] = act_f(&th, x[i]);
        double h = fmax(-1, fmin(1, x[i])), delta = h - x[i];
        for (int k = 0; k < 2; k++) {
            double p = k ? 5 : 1, g = 1 / (1 + exp(-p * delta)) - 0.5, sd = cc * g * g;
            double *lo = k ? lo5 : lo1, *hi = k ? hi5 : hi1;
            lo[i] = yn[i] - 2 * sd;
            hi[i] = yn[i] + 2 * sd;
        }
    }
    plt_figure *f = plt_new(820, 420, "Hard-tanh and the noisy hard-tanh (alpha 1.15, c 0.5)",
                            "pre-activation x", "unit output");
    if (!f) return rpt_fail(c, "out of memory");
    plt_line(f, x, yh, N, "hard-tanh", 0, PLT_SOLID);
    plt_line(f, x, yt, N, "tanh", 3, PLT_DOTTED);
    plt_line(f, x, yn, N, "noisy hard-tanh, mean (test time)", 1, PLT_SOLID);
    plt_line(f, x, lo1, N, "+-2 noise sd, p = 1", 2, PLT_DASHED);
    plt_line(f, x, hi1, N, NULL, 2, PLT_DASHED);
    plt_line(f, x, lo5, N, "+-2 noise sd, p = 5", 4, PLT_DASHED);
    plt_line(f, x, hi5, N, NULL, 4, PLT_DASHED);
    FILE *csv = rpt_csv_open(c, name, "x,hardtanh,tanh,noisy_mean,lo_p1,hi_p1,lo_p5,hi_p5");
    for (int i = 0; i < N && csv; i++)
        fprintf(csv, "%.4f,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g\n", x[i], yh[i], yt[i], yn[i], lo1[i],
                hi1[i], lo5[i], hi5[i]);
    if (rpt_csv_close(c, csv, name)) {
        plt_free(f);
        return -1;
    }
    return rpt_figure(
        c, f, name,
        "What a unit computes. Noisy hard-tanh in training: phi(x) = 1.15 h(x) - 0.15 x "
        "+ d(x) sigma(x) eps, eps ~ N(0, 1); its mean (the test-time function) has slope "
        "1 - alpha = -0.15 beyond the knees instead of 0, and the noise (dashed: +-2 "
        "standard deviations sigma(x) = c (sigmoid(p (h(x) - x)) - 1/2)^2) is zero "
        "inside [-1, 1] and grows past the knees, the faster the larger the learned p "
        "(at most c/4).",
        1);
}

/* mean over seeds at each checkpoint, with min-max bars at every few points */
static int fig_curves(rpt_ctx *c, njob *jobs, int seeds, int which, const char *name,
                      const char *title, const char *ylabel, int logy, const char *caption) {
    double vmin = INFINITY, vmax = -INFINITY;
    int R = jobs[0].nrec;
    for (int k = 0; k < NFN * seeds; k++)
        if (jobs[k].nrec < R) R = jobs[k].nrec;
    plt_figure *f = plt_new(820, 420, title, "updates (minibatches of 32)", ylabel);
    double *x = malloc((size_t)R * sizeof *x), *m = malloc((size_t)R * sizeof *m);
    double *lo = malloc((size_t)R * sizeof *lo), *hi = malloc((size_t)R * sizeof *hi);
    double *bx = malloc((size_t)R * sizeof *bx);
    FILE *csv = rpt_csv_open(c, name, "function,seed,update,value");
    if (!f || !x || !m || !lo || !hi || !bx) {
        plt_free(f);
        free(x);
        free(m);
        free(lo);
        free(hi);
        free(bx);
        if (csv) rpt_csv_close(c, csv, name);
        return rpt_fail(c, "%s: out of memory", name);
    }
    if (logy) plt_log_axes(f, 0, 1);
    for (int fn = 0; fn < NFN; fn++) {
        int nb = 0;
        double *blo = lo, *bhi = hi;
        for (int r = 0; r < R; r++) {
            double s = 0, mn = INFINITY, mx = -INFINITY;
            for (int sd = 0; sd < seeds; sd++) {
                const njob *j = &jobs[fn * seeds + sd];
                double v = which == 0 ? j->loss[r] : which == 1 ? j->terr[r] : 1 - j->sat[r];
                vmin = fmin(vmin, v);
                vmax = fmax(vmax, v);
                s += v;
                mn = fmin(mn, v);
                mx = fmax(mx, v);
                if (csv) fprintf(csv, "%s,%d,%ld,%.6g\n", fns[fn].spec, sd + 1, j->upd[r], v);
            }
            x[r] = (double)jobs[fn * seeds].upd[r];
            m[r] = s / seeds;
            /* bars at every 4th checkpoint, shifted a little per function */
            if (r % 4 == (fn % 4) && r > 0) {
                bx[nb] = x[r];
                blo[nb] = mn;
                bhi[nb] = mx;
                nb++;
            }
        }
        plt_line(f, x, m, (size_t)R, fns[fn].label, fn, PLT_SOLID);
        plt_bars(f, bx, blo, bhi, (size_t)nb, fn);
    }
    free(x);
    free(m);
    free(lo);
    free(hi);
    free(bx);
    /* head room above the curves for the legend (drawn inside, top left) */
    if (logy && vmin > 0)
        plt_yrange(f, vmin / 1.5, vmax * 2.5);
    else if (!logy)
        plt_yrange(f, 0, fmax(vmax, 0.05) * 1.4);
    if (rpt_csv_close(c, csv, name)) {
        plt_free(f);
        return -1;
    }
    return rpt_figure(c, f, name, caption, 1);
}

int rpt_section_noisy(rpt_ctx *c) {
    nsize z = sizes(c);
    char err[TRN_ERRLEN], spec[128];
    trn_split data;
    memset(&data, 0, sizeof data);
    int rc = -1;
    njob *jobs = NULL;
    int nj = NFN * z.seeds;

    trn_data_opts o;
    trn_data_opts_default(&o);
    o.seed = rpt_seed(c, "noisy/data");
    o.standardize = 1;
    o.valid_frac = 0;
    snprintf(spec, sizeof spec, "circles(n=%zu,noise=0.1)", z.n);
    if (trn_data_load(spec, &o, &data, err, sizeof err)) {
        rpt_fail(c, "%s", err);
        goto out;
    }
    jobs = calloc((size_t)nj, sizeof *jobs);
    if (!jobs) {
        rpt_fail(c, "out of memory");
        goto out;
    }
    for (int fn = 0; fn < NFN; fn++)
        for (int s = 0; s < z.seeds; s++) {
            njob *j = &jobs[fn * z.seeds + s];
            char key[64];
            snprintf(key, sizeof key, "noisy/seed/%d", s);
            j->fn = fn;
            j->seed_index = s;
            j->seed = rpt_seed(c, key); /* the same initial weights for every function */
            j->updates = z.updates;
            j->points = z.points;
            j->data = &data;
        }
    rpt_progress(c, "%d runs (%d functions x %d seeds) of %ld updates", nj, NFN, z.seeds,
                 z.updates);
    r3_run_jobs(c, c->threads, jobs, (size_t)nj, sizeof *jobs, run_njob, "noisy runs");
    for (int k = 0; k < nj; k++) {
        if (jobs[k].oom) {
            rpt_fail(c, "a run ran out of memory");
            goto out;
        }
        if (jobs[k].st != TRN_OK) {
            rpt_fail(c, "%s", jobs[k].err);
            goto out;
        }
    }

    rpt_p(c, "Gulcehre, Moczulski, Denil and Bengio (2016) call a function saturating where its "
             "derivative goes to 0, softly (tanh, sigmoid: only in the limit) or hard (hard-tanh: "
             "exactly 0 past a point). A unit in hard saturation passes no gradient at all, so "
             "nothing can move it out. Their noisy activations keep the cheap piecewise-linear "
             "function but, where it saturates, mix in its linearisation and add noise:");
    rpt_raw(c,
            "<p><code>phi(x, eps) = alpha&middot;h(x) + (1 &minus; alpha)&middot;u(x) + "
            "d(x)&middot;sigma(x)&middot;eps</code>, with h = hard-tanh, u(x) = x its first-order "
            "Taylor expansion at 0, <code>sigma(x) = c&middot;(sigmoid(p&middot;(h(x) &minus; "
            "u(x))) &minus; 1/2)<sup>2</sup></code>, <code>d(x) = &minus;sgn(x)&middot;sgn(1 "
            "&minus; alpha)</code>, eps ~ N(0, 1) in training and its mean 0 at test time; p is "
            "learned, one per unit (the authors' defaults for tanh: alpha = 1.15, c = 0.5).</p>\n");
    rpt_p(c, "Three things act where a unit saturates (|x| > 1). (1) With alpha > 1 the mean "
             "alpha h(x) + (1 - alpha) x extrapolates from the linearisation through h and beyond "
             "it: past the knees its slope is 1 - alpha = -0.15 instead of 0, so the gradient is "
             "not zero there. (2) The noise sigma(x) eps is zero in the linear region and grows "
             "with the distance h(x) - x past the knee, so saturated units explore. (3) The "
             "gradient also flows through the noise scale sigma(x) and into p, so each unit learns "
             "how much noise it gets. The sign d(x) = sgn(x) (for alpha > 1) matters for the "
             "half-normal noise |eps|, which then pushes the output outwards, past the hard limit "
             "near the knee; with the normal noise used here (the authors' default for tanh) it "
             "does not matter.");
    if (fig_functions(c)) goto out;

    double sat0 = 0;
    for (int k = 0; k < nj; k++)
        sat0 += jobs[k].sat[0] / nj;
    rpt_p(c,
          "The experiment: a deep, narrow network, 2-%d-%d-%d-2, on the two-circles problem "
          "(%zu points, noise 0.1, standardised; %zu for training, %zu for testing), normalized "
          "initialisation of the weights and every bias set to %.0f, so that the hidden units "
          "start past the knee at +1 (hard saturation: %.0f%% of the hidden pre-activations at "
          "the start). Plain SGD, learning rate %g, minibatches of %d, %ld updates, "
          "cross-entropy; %d seeds, the same initial weights for every function of a seed. "
          "Curves show the mean over seeds and, as bars, the range over seeds; losses and errors "
          "are measured in evaluation mode (noise at its mean).%s",
          WIDTH, WIDTH, WIDTH, z.n, data.train.n, data.test.n, (double)BIAS0, 100 * sat0, LR, BATCH,
          z.updates, z.seeds, c->smoke ? " Smoke mode: tiny sizes, the numbers mean nothing." : "");
    char cap[512];
    snprintf(cap, sizeof cap,
             "Training loss (cross-entropy over the whole training set, evaluation mode) during "
             "training; lines: mean over %d seeds, bars: min to max over seeds.",
             z.seeds);
    if (fig_curves(c, jobs, z.seeds, 0, "noisy_loss", "Training loss from a saturated start",
                   "training loss (log scale)", 1, cap))
        goto out;
    snprintf(cap, sizeof cap,
             "Share of hidden pre-activations inside the linear range of hard-tanh (|s| <= 1, "
             "the rest is past the knees) on the training examples; mean over %d seeds, bars: "
             "min to max.",
             z.seeds);
    if (fig_curves(c, jobs, z.seeds, 2, "noisy_linear", "Pre-activations in the linear range",
                   "fraction of pre-activations with |s| <= 1", 0, cap))
        goto out;

    /* the table */
    const char *hd[] = {"activation",
                        "test error, mean +- sd (%)",
                        "best / worst seed (%)",
                        "seeds still at chance (test error > 40%)",
                        "training loss at the end (mean)",
                        "units past the knee at the end"};
    rpt_table_begin(c, 6, hd);
    FILE *csv = rpt_csv_open(c, "noisy_table", "function,seed,test_error,train_loss,saturated");
    double mean_err[NFN];
    int stuck[NFN];
    for (int fn = 0; fn < NFN; fn++) {
        double s = 0, s2 = 0, mn = INFINITY, mx = -INFINITY, ls = 0, sat = 0;
        stuck[fn] = 0;
        for (int sd = 0; sd < z.seeds; sd++) {
            const njob *j = &jobs[fn * z.seeds + sd];
            double e = j->final_test_err;
            s += e;
            s2 += e * e;
            mn = fmin(mn, e);
            mx = fmax(mx, e);
            ls += j->final_loss;
            sat += j->sat[j->nrec - 1];
            stuck[fn] += e > 0.4;
            if (csv)
                fprintf(csv, "%s,%d,%.6g,%.6g,%.6g\n", fns[fn].spec, sd + 1, e, j->final_loss,
                        j->sat[j->nrec - 1]);
        }
        double m = s / z.seeds, sdv = sqrt(fmax(0, s2 / z.seeds - m * m));
        mean_err[fn] = m;
        char a[48], b[48], d[32], e[32], f[32];
        snprintf(a, sizeof a, "%.1f +- %.1f", 100 * m, 100 * sdv);
        snprintf(b, sizeof b, "%.1f / %.1f", 100 * mn, 100 * mx);
        snprintf(d, sizeof d, "%d of %d", stuck[fn], z.seeds);
        snprintf(e, sizeof e, "%.3f", ls / z.seeds);
        snprintf(f, sizeof f, "%.0f%%", 100 * sat / z.seeds);
        const char *row[] = {fns[fn].label, a, b, d, e, f};
        rpt_table_row(c, 6, row);
    }
    rpt_table_end(c);
    if (rpt_csv_close(c, csv, "noisy_table")) goto out;
    rpt_raw(c, "<p><a href=\"noisy_table.csv\">every run (CSV)</a></p>\n");

    double sat_end[NFN];
    for (int fn = 0; fn < NFN; fn++) {
        sat_end[fn] = 0;
        for (int sd = 0; sd < z.seeds; sd++) {
            const njob *j = &jobs[fn * z.seeds + sd];
            sat_end[fn] += j->sat[j->nrec - 1] / z.seeds;
        }
    }
    rpt_p(c,
          "Reading: with hard-tanh %d of %d seeds stayed at chance (mean test error %.1f%%): "
          "units past the knee get exactly zero gradient, so the hidden layers cannot change "
          "and only what reaches the output layer is learned. The noisy hard-tanh left chance "
          "in %d of %d seeds (mean %.1f%%); without its noise (c = 0, only the slope 1 - alpha) "
          "%d of %d (mean %.1f%%); tanh, whose gradient past the knee is small but not zero, "
          "%d of %d (mean %.1f%%).",
          stuck[F_HARD], z.seeds, 100 * mean_err[F_HARD], z.seeds - stuck[F_NOISY], z.seeds,
          100 * mean_err[F_NOISY], z.seeds - stuck[F_NONOISE], z.seeds, 100 * mean_err[F_NONOISE],
          z.seeds - stuck[F_TANH], z.seeds, 100 * mean_err[F_TANH]);
    /* paired over seeds (same initial weights): mean difference and its standard error */
    double dm[2], dse[2];
    const int pa[2] = {F_NOISY, F_NOISY}, pb[2] = {F_HARD, F_NONOISE};
    for (int k = 0; k < 2; k++) {
        double s = 0, s2 = 0;
        for (int sd = 0; sd < z.seeds; sd++) {
            double d = jobs[pa[k] * z.seeds + sd].final_test_err -
                       jobs[pb[k] * z.seeds + sd].final_test_err;
            s += d;
            s2 += d * d;
        }
        dm[k] = s / z.seeds;
        double var = z.seeds > 1 ? fmax(0, (s2 - s * s / z.seeds) / (z.seeds - 1)) : 0;
        dse[k] = sqrt(var / z.seeds);
    }
    char v1[256], v2[320];
    if (dm[0] < -0.05 && dm[0] < -2 * dse[0])
        snprintf(v1, sizeof v1,
                 "As the paper argues, the noisy unit escapes a saturation that traps the hard "
                 "one (paired over seeds: %.1f +- %.1f points of test error).",
                 100 * dm[0], 100 * dse[0]);
    else
        snprintf(v1, sizeof v1,
                 "Here the noisy unit did not clearly beat hard-tanh (paired over seeds: %.1f +- "
                 "%.1f points of test error), unlike the paper's claim.",
                 100 * dm[0], 100 * dse[0]);
    if (fabs(dm[1]) > 2 * dse[1] && fabs(dm[1]) > 0.02)
        snprintf(v2, sizeof v2, "%s (paired difference noisy minus c = 0: %.1f +- %.1f points).",
                 dm[1] < 0 ? "The noise helps beyond the slope alone"
                           : "On this task the slope alone does better than with the noise",
                 100 * dm[1], 100 * dse[1]);
    else
        snprintf(v2, sizeof v2,
                 "With and without the noise (c = 0) the results do not differ beyond the "
                 "seed-to-seed spread (paired difference %.1f +- %.1f points): on this task most "
                 "of the escape comes from the nonzero slope past the knee.",
                 100 * dm[1], 100 * dse[1]);
    rpt_p(c, "%s %s", v1, v2);
    rpt_p(c,
          "How the escape happens: at the end %.0f%% of the hidden pre-activations are still "
          "past the knee with the noisy hard-tanh (%.0f%% without noise, %.0f%% with hard-tanh, "
          "%.0f%% with tanh; %.0f%% at the start). %s%s",
          100 * sat_end[F_NOISY], 100 * sat_end[F_NONOISE], 100 * sat_end[F_HARD],
          100 * sat_end[F_TANH], 100 * sat0,
          sat_end[F_NOISY] > sat0 - 0.1
              ? "So the noisy units did not leave the saturated range: they learned inside it, "
                "where alpha > 1 leaves the mean a slope of 1 - alpha."
              : "So the noisy units moved back towards the linear range during training.",
          sat_end[F_TANH] < sat0 - 0.05 ? " Tanh units, by contrast, moved back towards the "
                                          "linear range."
                                        : "");
    rpt_p(c,
          "This is a small, deliberately adversarial start built to isolate hard saturation; the "
          "paper's experiments are far larger networks on real tasks, and the paper also relates "
          "the method to annealing the noise down during training, which is not done here (the "
          "schedule was not recovered from the paper).");
    rc = 0;
out:
    if (jobs)
        for (int k = 0; k < nj; k++) {
            free(jobs[k].upd);
            free(jobs[k].loss);
            free(jobs[k].terr);
            free(jobs[k].sat);
        }
    free(jobs);
    trn_split_free(&data);
    return rc;
}
