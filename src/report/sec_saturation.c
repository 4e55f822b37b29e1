/*
 * sec_saturation.c - section 7: saturation and the vanishing factor.
 *
 * One deep network per activation function, trained once from the same
 * initial weights (same seed, normalized initialisation) with the same plain
 * SGD on a generated set where depth matters. On held-out data, at
 * initialisation and after training, we measure for each hidden layer l
 *   - |f'(u_l)| at every unit and example (u_l: the pre-activations), as
 *     log-binned histograms and the fraction below 0.01 ("saturated");
 *   - m_l = mean |f'(u_l)| and the products P_l = m_l m_{l+1} ... m_L: what
 *     the chain rule's f' factors alone do to a gradient on its way from the
 *     top hidden layer L down to layer l;
 *   - R_l = Var[dC/du_l] / Var[dC/du_L], the back-propagated gradient itself
 *     (trn_instrument's delta_var), which also carries the weights.
 */
#include "report/r1_util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum {
    MAXL = 8,   /* hidden layers at most */
    MAXF = 12,  /* functions at most */
    NBIN = 131, /* bin 0: |f'| < 1e-6 (exact zeros too); then 1/20 decades up to 10^0.5 */
};
#define BIN_LO (-6.0) /* log10 of the lower edge of bin 1 */
#define BIN_W 0.05    /* bin width in decades */
#define SAT_THRESHOLD 0.01

typedef struct {
    char spec[64];
    double mean_abs[2][MAXL]; /* [0 init, 1 trained][layer] mean |f'(u)| */
    double sat[2][MAXL];      /* fraction of |f'(u)| < SAT_THRESHOLD */
    double dvar[2][MAXL];     /* Var[dC/du] */
    double hist[2][2][NBIN];  /* [time][0 first, 1 last hidden layer][bin] fraction */
    double acc[2], loss[2];   /* test accuracy and loss */
    int diverged;             /* training stopped at a non-finite value: no trained figures */
    char why[TRN_ERRLEN];
} fres;

typedef struct {
    const char *data;
    int depth, width;
    long updates;
    double lr;
    size_t batch;
} setup;

static int bin_of(double a) {
    if (!(a >= 1e-6)) return 0; /* zeros, underflows and NaN */
    int b = 1 + (int)floor((log10(a) - BIN_LO) / BIN_W);
    return b < 1 ? 1 : b >= NBIN ? NBIN - 1 : b;
}
/* the upper edge of bin b: the cumulative distribution is drawn there */
static double bin_hi(int b) { return pow(10, BIN_LO + BIN_W * b); }

/* Measures the net on (x, labels): |f'| statistics per hidden layer and the
   back-propagated gradient variance, into slot t of r. */
static int measure(rpt_ctx *c, trn_net *net, const trn_data *d, int t, fres *r, float *ones,
                   float *dfb) {
    int nl = trn_net_nlayers(net);
    trn_instr *rec = calloc((size_t)nl, sizeof *rec);
    if (!rec) return rpt_fail(c, "saturation: out of memory");
    trn_status s =
        trn_instrument(net, d->x, d->label, NULL, d->n, TRN_LOSS_XENT, SAT_THRESHOLD, rec);
    if (s) {
        free(rec);
        return rpt_fail(c, "saturation: instrumenting %s failed: %s", r->spec, trn_status_name(s));
    }
    int k = 0, nhid = 0;
    for (int i = 0; i < nl; i++)
        nhid += trn_net_layer_kind(net, i) == TRN_LAYER_ACT;
    for (int i = 0; i < nl && k < MAXL; i++) {
        if (trn_net_layer_kind(net, i) != TRN_LAYER_ACT) continue;
        const float *u = trn_net_layer_input(net, i);
        size_t m = d->n * trn_net_layer_width(net, i);
        act_backward_x(trn_net_layer_fn(net, i), m, u, ones, dfb);
        double sum = 0;
        size_t sat = 0, cnt[NBIN] = {0};
        for (size_t j = 0; j < m; j++) {
            double a = fabs((double)dfb[j]);
            sum += a;
            sat += a < SAT_THRESHOLD;
            cnt[bin_of(a)]++;
        }
        r->mean_abs[t][k] = sum / (double)m;
        r->sat[t][k] = (double)sat / (double)m;
        r->dvar[t][k] = rec[i].delta_var;
        int which = k == 0 ? 0 : k == nhid - 1 ? 1 : -1;
        if (which >= 0)
            for (int b = 0; b < NBIN; b++)
                r->hist[t][which][b] = (double)cnt[b] / (double)m;
        k++;
    }
    free(rec);
    char err[TRN_ERRLEN];
    if (trn_evaluate(net, d, TRN_LOSS_XENT, 256, &r->loss[t], &r->acc[t], err, sizeof err))
        return rpt_fail(c, "saturation: %s", err);
    return 0;
}

static int run_one(rpt_ctx *c, const setup *su, const trn_split *data, fres *r) {
    char net_spec[1024], err[TRN_ERRLEN];
    size_t w = (size_t)snprintf(net_spec, sizeof net_spec, "%zu", data->train.dim);
    for (int l = 0; l < su->depth; l++)
        w += (size_t)snprintf(net_spec + w, sizeof net_spec - w, "-%d:%s", su->width, r->spec);
    snprintf(net_spec + w, sizeof net_spec - w, "-%d", data->train.classes);
    trn_net *net;
    if (trn_net_new(net_spec, &net, err, sizeof err)) return rpt_fail(c, "saturation: %s", err);
    size_t m = data->test.n * (size_t)su->width;
    float *ones = malloc(m * sizeof *ones), *dfb = malloc(m * sizeof *dfb);
    int rc = -1;
    if (!ones || !dfb) {
        rpt_fail(c, "saturation: out of memory");
        goto out;
    }
    for (size_t j = 0; j < m; j++)
        ones[j] = 1.0f;

    trn_train_cfg cfg;
    trn_train_cfg_default(&cfg);
    cfg.batch = su->batch;
    cfg.updates = su->updates;
    cfg.epochs = 0;
    cfg.seed = rpt_seed(c, "saturation/net");
    cfg.init = TRN_INIT_NORMALIZED;
    cfg.bias = 0;
    cfg.opt.kind = TRN_OPT_SGD;
    cfg.opt.lr = su->lr;
    cfg.eval_every_epoch = 0;
    cfg.progress = 0;
    /* the initial weights, exactly as trn_train will draw them from the same seed */
    trn_rng rng;
    trn_rng_seed(&rng, cfg.seed);
    trn_net_init(net, cfg.init, cfg.bias, &rng);
    if (measure(c, net, &data->test, 0, r, ones, dfb)) goto out;
    trn_result res;
    trn_status s = trn_train(net, data, &cfg, &res, err, sizeof err);
    if (s == TRN_E_NUMERIC) { /* reported on the page; the other functions go on */
        r->diverged = 1;
        snprintf(r->why, sizeof r->why, "%s", err);
        for (int l = 0; l < MAXL; l++)
            r->mean_abs[1][l] = r->sat[1][l] = r->dvar[1][l] = NAN;
        for (int b = 0; b < NBIN; b++)
            r->hist[1][0][b] = r->hist[1][1][b] = NAN;
        r->acc[1] = r->loss[1] = NAN;
        rc = 0;
        goto out;
    }
    if (s) {
        rpt_fail(c, "saturation: %s: %s", r->spec, err);
        goto out;
    }
    if (measure(c, net, &data->test, 1, r, ones, dfb)) goto out;
    rc = 0;
out:
    free(ones);
    free(dfb);
    trn_net_free(net);
    return rc;
}

/* ---- figures ------------------------------------------------------------------------- */

/* the cumulative distribution of |f'| in the first (which = 0) or top hidden layer */
static int fig_cdf(rpt_ctx *c, const fres *r, int nf, int which, const char *name,
                   const char *title, const char *caption) {
    FILE *csv = rpt_csv_open(c, name, "function,time,abs_df_below,fraction_below");
    if (!csv) return rpt_fail(c, "%s.csv: cannot write", name);
    plt_figure *f = plt_new(640, 400, title, "|f'(u)| (log scale)",
                            "fraction of units x examples with |f'| below");
    if (!f) {
        fclose(csv);
        return rpt_fail(c, "saturation: out of memory");
    }
    plt_log_axes(f, 1, 0);
    plt_yrange(f, 0, 1);
    double x[NBIN], y[NBIN];
    for (int b = 0; b < NBIN; b++)
        x[b] = bin_hi(b);
    int bad = 0;
    for (int i = 0; i < nf; i++) {
        for (int t = 0; t < 2; t++) {
            double cum = 0;
            for (int b = 0; b < NBIN; b++) {
                cum += r[i].hist[t][which][b];
                y[b] = b == NBIN - 1 && isfinite(cum) ? 1.0 : cum; /* the last bin holds the rest */
                fprintf(csv, "%s,%s,%.6g,%.6g\n", r[i].spec, t ? "trained" : "init",
                        b == NBIN - 1 ? INFINITY : x[b], y[b]);
            }
        }
        /* y holds the trained distribution now */
        bad |= plt_line(f, x, y, NBIN, r[i].spec, i % 10, i < 10 ? PLT_SOLID : PLT_DASHED);
    }
    double tx[2] = {SAT_THRESHOLD, SAT_THRESHOLD}, ty[2] = {0, 1};
    bad |= plt_line(f, tx, ty, 2, "|f'| = 0.01", 8, PLT_DOTTED);
    plt_note(f, "at the left edge: |f'| < 1e-6, exact zeros included");
    if (rpt_csv_close(c, csv, name) || bad) {
        plt_free(f);
        return bad ? rpt_fail(c, "saturation: out of memory") : -1;
    }
    return rpt_figure(c, f, name, caption, 1);
}

/* P_l (products of mean |f'| from the top) or R_l (gradient variance ratios) per layer */
static int fig_depth(rpt_ctx *c, const fres *r, int nf, int depth, int t, int ratio,
                     const char *name, const char *title, const char *caption) {
    FILE *csv =
        rpt_csv_open(c, name,
                     ratio ? "function,layer,delta_var,ratio_to_top"
                           : "function,layer,mean_abs_df,saturated_fraction,product_from_top");
    if (!csv) return rpt_fail(c, "%s.csv: cannot write", name);
    plt_figure *f =
        plt_new(640, 400, title, "hidden layer l (1 = next to the input)",
                ratio ? "Var[dC/du_l] / Var[dC/du_top]" : "product of mean |f'| from the top to l");
    if (!f) {
        fclose(csv);
        return rpt_fail(c, "saturation: out of memory");
    }
    plt_log_axes(f, 0, 1);
    plt_xrange(f, 0.5, depth + 0.5); /* whole-number ticks */
    double x[MAXL], y[MAXL];
    for (int l = 0; l < depth; l++)
        x[l] = l + 1;
    for (int i = 0; i < nf; i++) {
        double p = 1;
        for (int l = depth - 1; l >= 0; l--) {
            p *= r[i].mean_abs[t][l];
            y[l] = ratio ? r[i].dvar[t][l] / r[i].dvar[t][depth - 1] : p;
        }
        for (int l = 0; l < depth; l++) {
            if (ratio)
                fprintf(csv, "%s,%d,%.6g,%.6g\n", r[i].spec, l + 1, r[i].dvar[t][l], y[l]);
            else
                fprintf(csv, "%s,%d,%.6g,%.6g,%.6g\n", r[i].spec, l + 1, r[i].mean_abs[t][l],
                        r[i].sat[t][l], y[l]);
        }
        int col = i % 10, style = i < 10 ? PLT_SOLID : PLT_DASHED;
        if (plt_line(f, x, y, (size_t)depth, r[i].spec, col, style) ||
            plt_points(f, x, y, (size_t)depth, NULL, col, 3, "")) {
            plt_free(f);
            fclose(csv);
            return rpt_fail(c, "saturation: out of memory");
        }
    }
    if (!ratio) { /* sigmoid's bound: f' <= 1/4 at every layer */
        for (int l = 0; l < depth; l++)
            y[l] = pow(0.25, depth - l);
        if (plt_line(f, x, y, (size_t)depth, "(1/4)^k bound", 8, PLT_DOTTED)) {
            plt_free(f);
            fclose(csv);
            return rpt_fail(c, "saturation: out of memory");
        }
    }
    if (rpt_csv_close(c, csv, name)) {
        plt_free(f);
        return -1;
    }
    return rpt_figure(c, f, name, caption, 1);
}

/* ---- the section ------------------------------------------------------------------------ */

static double product(const fres *r, int t, int depth) {
    double p = 1;
    for (int l = 0; l < depth; l++)
        p *= r->mean_abs[t][l];
    return p;
}

int rpt_section_saturation(rpt_ctx *c) {
    static const char *const fns_all[] = {"sigmoid",  "tanh", "softsign",   "hard_sigmoid",
                                          "hardtanh", "relu", "leaky_relu", "elu",
                                          "gelu",     "silu", "mish"};
    static const char *const fns_smoke[] = {"sigmoid", "tanh", "relu"};
    const char *const *fns = c->smoke ? fns_smoke : fns_all;
    int nf = c->smoke ? 3 : (int)(sizeof fns_all / sizeof fns_all[0]);
    setup su = c->smoke  ? (setup){"spirals(n=300,k=3)", 3, 16, 100, 0.1, 32}
               : c->full ? (setup){"spirals(n=10000,k=3)", 5, 128, 40000, 0.1, 32}
                         : (setup){"spirals(n=3000,k=3)", 5, 64, 4000, 0.1, 32};

    trn_split data;
    trn_data_opts o;
    trn_data_opts_default(&o);
    o.seed = rpt_seed(c, "saturation/data");
    char err[TRN_ERRLEN];
    if (trn_data_load(su.data, &o, &data, err, sizeof err))
        return rpt_fail(c, "saturation: %s", err);
    fres *r = calloc((size_t)nf, sizeof *r);
    if (!r) {
        trn_split_free(&data);
        return rpt_fail(c, "saturation: out of memory");
    }
    int rc = -1, in_grid = 0;
    for (int i = 0; i < nf; i++) {
        snprintf(r[i].spec, sizeof r[i].spec, "%s", fns[i]);
        if (run_one(c, &su, &data, &r[i])) goto out;
        rpt_progress(c, "%s: test accuracy %.3f after %ld updates", fns[i], r[i].acc[1],
                     su.updates);
    }
    int L = su.depth, k = data.train.classes;

    /* ---- the text ---- */
    rpt_p(c,
          "Back-propagation computes the gradient with the chain rule. Going down from hidden "
          "layer l+1 to layer l, the error term is multiplied by the transposed weights and then, "
          "unit by unit, by f'(u_l), the derivative at that layer's pre-activation u_l. Over L "
          "layers the gradient reaching the bottom therefore carries a product of L such "
          "factors. The sigmoid's derivative is at most 1/4 (at u = 0), so that product is at "
          "most (1/4)^L = %.2g for L = %d, however the weights are chosen; tanh's is at most 1 "
          "and falls to 0 as |u| grows (soft saturation); ReLU's is exactly 0 or 1: an active "
          "unit passes the gradient on unchanged, an inactive one blocks it. Here we measure "
          "these factors in trained networks.",
          pow(0.25, L), L);
    rpt_p(c,
          "What was run (%s size): for each of %d functions, a network %zu-%d x %d-%d (%d hidden "
          "layers of %d units, softmax output, cross-entropy) on %s (%zu training, %zu test "
          "examples, %d classes), initialised with Glorot & Bengio's normalized initialisation "
          "(biases 0) from the same seed, so every network starts from the same weights, then "
          "trained by plain SGD (learning rate %g, batches of %zu, no momentum) for %ld updates. "
          "Measurements use the %zu test examples, at initialisation and after training.",
          c->full    ? "full"
          : c->smoke ? "smoke"
                     : "quick",
          nf, data.train.dim, su.width, L, k, L, su.width, su.data, data.train.n, data.test.n, k,
          su.lr, su.batch, su.updates, data.test.n);

    /* the summary table */
    rpt_h3(c, "Per function");
    static const char *const head[] = {
        "function",
        "test accuracy: init, trained",
        "saturated units (|f'| < 0.01), layer 1: init, trained",
        "saturated, top layer: init, trained",
        "mean |f'|, layer 1 / top, trained",
        "vanishing factor P_1 = product of mean |f'|: init, trained",
        "gradient variance ratio R_1 = Var[dC/du_1] / Var[dC/du_top]: init, trained"};
    rpt_table_begin(c, 7, head);
    FILE *csv = rpt_csv_open(c, "saturation_summary",
                             "function,acc_init,acc_trained,sat_first_init,sat_first_trained,"
                             "sat_top_init,sat_top_trained,mean_abs_df_first_trained,"
                             "mean_abs_df_top_trained,P1_init,P1_trained,R1_init,R1_trained");
    if (!csv) {
        rpt_table_end(c);
        rpt_fail(c, "saturation_summary.csv: cannot write");
        goto out;
    }
    for (int i = 0; i < nf; i++) {
        const fres *q = &r[i];
        char cell[7][96];
        double R0 = q->dvar[0][0] / q->dvar[0][L - 1], R1 = q->dvar[1][0] / q->dvar[1][L - 1];
        snprintf(cell[0], sizeof cell[0], "%s", q->spec);
        snprintf(cell[1], sizeof cell[1], "%.3f, %.3f", q->acc[0], q->acc[1]);
        snprintf(cell[2], sizeof cell[2], "%.1f%%, %.1f%%", 100 * q->sat[0][0], 100 * q->sat[1][0]);
        snprintf(cell[3], sizeof cell[3], "%.1f%%, %.1f%%", 100 * q->sat[0][L - 1],
                 100 * q->sat[1][L - 1]);
        snprintf(cell[4], sizeof cell[4], "%.3f / %.3f", q->mean_abs[1][0], q->mean_abs[1][L - 1]);
        snprintf(cell[5], sizeof cell[5], "%.2g, %.2g", product(q, 0, L), product(q, 1, L));
        snprintf(cell[6], sizeof cell[6], "%.2g, %.2g", R0, R1);
        const char *cells[7];
        for (int j = 0; j < 7; j++)
            cells[j] = cell[j];
        rpt_table_row(c, 7, cells);
        fprintf(csv, "%s,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g\n", q->spec,
                q->acc[0], q->acc[1], q->sat[0][0], q->sat[1][0], q->sat[0][L - 1],
                q->sat[1][L - 1], q->mean_abs[1][0], q->mean_abs[1][L - 1], product(q, 0, L),
                product(q, 1, L), R0, R1);
    }
    rpt_table_end(c);
    if (rpt_csv_close(c, csv, "saturation_summary")) goto out;
    rpt_raw(c, "<p>As CSV: <a href=\"saturation_summary.csv\">saturation_summary.csv</a>.</p>\n");

    /* computed observations */
    {
        int lo = 0, hi = 0, sig = -1;
        for (int i = 0; i < nf; i++) {
            if (product(&r[i], 0, L) < product(&r[lo], 0, L)) lo = i;
            if (product(&r[i], 0, L) > product(&r[hi], 0, L)) hi = i;
            if (!strcmp(r[i].spec, "sigmoid")) sig = i;
        }
        rpt_p(c, "At initialisation the vanishing factor P_1 ranges from %.2g (%s) to %.2g (%s).",
              product(&r[lo], 0, L), r[lo].spec, product(&r[hi], 0, L), r[hi].spec);
        if (sig >= 0) {
            const fres *q = &r[sig];
            rpt_p(c,
                  "The sigmoid network: P_1 = %.2g at initialisation against the bound %.2g; "
                  "%.1f%% of its first-layer and %.1f%% of its top-layer units are saturated "
                  "(|f'| < 0.01) at initialisation, %.1f%% and %.1f%% after training; the measured "
                  "gradient variance ratio R_1 is %.2g at initialisation and %.2g after training, "
                  "and its test accuracy went from %.3f to %.3f (chance: %.3f).%s",
                  product(q, 0, L), pow(0.25, L), 100 * q->sat[0][0], 100 * q->sat[0][L - 1],
                  100 * q->sat[1][0], 100 * q->sat[1][L - 1], q->dvar[0][0] / q->dvar[0][L - 1],
                  q->dvar[1][0] / q->dvar[1][L - 1], q->acc[0], q->acc[1], 1.0 / k,
                  q->sat[1][0] < 0.05 && q->sat[1][L - 1] < 0.05
                      ? " Few units are saturated, so here it is the ceiling f' <= 1/4 at every "
                        "layer, more than saturation, that shrinks the gradient."
                      : "");
        }
        char stuck[1024] = "";
        size_t sl = 0;
        int nstuck = 0, nlearn = 0;
        double rmin = INFINITY, rmax = -INFINITY;
        for (int i = 0; i < nf; i++) {
            double R = r[i].dvar[1][0] / r[i].dvar[1][L - 1];
            if (r[i].acc[1] < 1.5 / k) {
                if (sl < sizeof stuck - 100)
                    sl += (size_t)snprintf(stuck + sl, sizeof stuck - sl,
                                           "%s%s (accuracy %.3f, R_1 = %.2g)", nstuck ? ", " : "",
                                           r[i].spec, r[i].acc[1], R);
                nstuck++;
            } else if (isfinite(R)) {
                nlearn++;
                rmin = fmin(rmin, R);
                rmax = fmax(rmax, R);
            }
        }
        if (nstuck)
            rpt_p(c, "Networks still below 1.5 times chance accuracy after %ld updates: %s.",
                  su.updates, stuck);
        else
            rpt_p(c, "Every network got beyond 1.5 times chance accuracy in %ld updates.",
                  su.updates);
        if (nlearn)
            rpt_p(c,
                  "For the %d networks that learned, R_1 after training lies between %.2g and "
                  "%.2g.",
                  nlearn, rmin, rmax);
    }
    rpt_p(
        c,
        "Reading the last two columns: P_1 involves only the f' factors, R_1 is the "
        "gradient as back-propagated, weights included. Under normalized initialisation with "
        "equal widths the weights roughly preserve the variance (Glorot & Bengio's n Var[W] = 1), "
        "so at initialisation R_1 is set mainly by the product of the mean of f'^2 over "
        "layers 1 to L-1; after training the weights have grown or shrunk, and R_1 shows what the "
        "network actually does to the gradient. A value far below 1 means the lower layers "
        "learn far more slowly than the top one.");

    /* ---- figures ---- */
    for (int i = 0; i < nf; i++)
        if (r[i].diverged) {
            rpt_raw(c, "<p class=\"fail\">Training diverged for ");
            r1_esc(c, r[i].spec);
            rpt_raw(c, ": ");
            r1_esc(c, r[i].why);
            rpt_raw(c, "</p>\n");
        }
    in_grid = 1;
    rpt_raw(c, "<div style=\"display:grid;grid-template-columns:repeat(auto-fit,minmax(440px,1fr));"
               "gap:8px\">\n");
    char cap[512];
    snprintf(
        cap, sizeof cap,
        "Cumulative distribution of |f'(u)| over the pre-activations of the first hidden layer "
        "(%zu test examples x %d units), after training: the height of a curve at x is the "
        "fraction of units with |f'| below x; at the dotted line it is the saturated fraction.",
        data.test.n, su.width);
    if (fig_cdf(c, r, nf, 0, "saturation_cdf_first", "|f'(u)| in hidden layer 1, trained", cap))
        goto out;
    snprintf(
        cap, sizeof cap,
        "The same for the top hidden layer (layer %d), after training. Both CSVs also hold the "
        "distributions at initialisation.",
        L);
    if (fig_cdf(c, r, nf, 1, "saturation_cdf_top", "|f'(u)| in the top hidden layer, trained", cap))
        goto out;
    snprintf(
        cap, sizeof cap,
        "The f' factors of the chain rule at initialisation: P_l, the product of the mean |f'| "
        "of layers l to %d, log scale. The dotted line is the sigmoid's bound (1/4)^k over k "
        "layers.",
        L);
    if (fig_depth(c, r, nf, L, 0, 0, "saturation_factor_init", "Vanishing factor at initialisation",
                  cap))
        goto out;
    snprintf(cap, sizeof cap, "P_l after %ld updates of SGD.", su.updates);
    if (fig_depth(c, r, nf, L, 1, 0, "saturation_factor_trained", "Vanishing factor after training",
                  cap))
        goto out;
    snprintf(cap, sizeof cap,
             "The measured gradient: variance of dC/du_l (back-propagated, on the test examples) "
             "relative to the top hidden layer's, at initialisation, log scale.");
    if (fig_depth(c, r, nf, L, 0, 1, "saturation_gradvar_init",
                  "Back-propagated gradient variance, initialisation", cap))
        goto out;
    snprintf(cap, sizeof cap, "The same after %ld updates.", su.updates);
    if (fig_depth(c, r, nf, L, 1, 1, "saturation_gradvar_trained",
                  "Back-propagated gradient variance, trained", cap))
        goto out;
    rc = 0;
out:
    if (in_grid) rpt_raw(c, "</div>\n");
    free(r);
    trn_split_free(&data);
    return rc;
}
