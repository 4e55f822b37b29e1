/*
 * sec_linear.c - 3. Why a nonlinearity.
 *
 * (a) A deep network whose activation is the identity is one affine map: the
 *     product of its weight matrices and the propagated biases, computed in
 *     double, reproduce the network's outputs to float rounding, at
 *     initialisation and after training. A tanh or relu network has no such
 *     map: the best affine fit to its outputs leaves a large residual.
 * (b) On circles, moons and spirals the depth-5 identity network does what
 *     logistic regression does (a straight decision boundary); tanh and relu
 *     networks of the same shape, trained the same way, bend the boundary.
 */
#include "report/r2_util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { NSET = 3, NNET = 4, HID = 16, DEPTH = 5 };

static const char *const set_names[NSET] = {"circles", "moons", "spirals"};
static const char *const net_names[NNET] = {"logistic regression", "identity", "tanh", "relu"};

/* ---- (a) the collapse -------------------------------------------------------------- */

/* The affine map of a network made of dense layers and linear activations
   (alpha u + beta): W (no x ni, row-major) and b (no), in double. Returns 0,
   or -1 when a layer is not affine. */
static int collapse(trn_net *net, double **Wout, double **bout, size_t *no_out, size_t *ni_out,
                    int *ndense) {
    size_t ni = trn_net_inputs(net), w = ni;
    double *W = malloc(ni * ni * sizeof *W), *b = calloc(ni, sizeof *b);
    if (!W || !b) goto fail;
    for (size_t i = 0; i < ni * ni; i++)
        W[i] = 0;
    for (size_t i = 0; i < ni; i++)
        W[i * ni + i] = 1;
    *ndense = 0;
    for (int l = 0; l < trn_net_nlayers(net); l++) {
        trn_layer_kind k = trn_net_layer_kind(net, l);
        if (k == TRN_LAYER_DENSE) {
            size_t o, in;
            const float *Wl = trn_net_weights(net, l, &o, &in);
            const float *bl = trn_net_bias(net, l);
            double *W2 = malloc(o * ni * sizeof *W2), *b2 = malloc(o * sizeof *b2);
            if (!W2 || !b2) {
                free(W2);
                free(b2);
                goto fail;
            }
            for (size_t r = 0; r < o; r++) {
                double s = bl[r];
                for (size_t m = 0; m < in; m++)
                    s += (double)Wl[r * in + m] * b[m];
                b2[r] = s;
                for (size_t col = 0; col < ni; col++) {
                    double t = 0;
                    for (size_t m = 0; m < in; m++)
                        t += (double)Wl[r * in + m] * W[m * ni + col];
                    W2[r * ni + col] = t;
                }
            }
            free(W);
            free(b);
            W = W2;
            b = b2;
            w = o;
            ++*ndense;
        } else if (k == TRN_LAYER_ACT) {
            const act_fn *fn = trn_net_layer_fn(net, l);
            if (fn->id != ACT_linear) goto fail;
            double alpha = fn->p[0], beta = fn->p[1];
            for (size_t r = 0; r < w; r++) {
                b[r] = alpha * b[r] + beta;
                for (size_t col = 0; col < ni; col++)
                    W[r * ni + col] *= alpha;
            }
        } else {
            goto fail;
        }
    }
    *Wout = W;
    *bout = b;
    *no_out = w;
    *ni_out = ni;
    return 0;
fail:
    free(W);
    free(b);
    return -1;
}

/* max |net(x) - (W x + b)| over the n inputs x, and the largest |net(x)| */
static int collapse_error(trn_net *net, const double *W, const double *b, const float *x, size_t n,
                          double *maxdiff, double *maxout) {
    size_t ni = trn_net_inputs(net), no = trn_net_outputs(net);
    if (trn_net_reserve(net, n) != TRN_OK) return -1;
    const float *y = trn_net_forward(net, x, n, 0, NULL);
    *maxdiff = *maxout = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t r = 0; r < no; r++) {
            double s = b[r];
            for (size_t k = 0; k < ni; k++)
                s += W[r * ni + k] * x[i * ni + k];
            *maxdiff = fmax(*maxdiff, fabs((double)y[i * no + r] - s));
            *maxout = fmax(*maxout, fabs((double)y[i * no + r]));
        }
    return 0;
}

/* RMS residual of the least-squares affine fit to the outputs of a net with
   two inputs, relative to the outputs' standard deviation (both over all
   outputs): 0 for an affine network. */
static int affine_residual(trn_net *net, const float *x, size_t n, double *rel) {
    size_t no = trn_net_outputs(net);
    if (trn_net_reserve(net, n) != TRN_OK) return -1;
    const float *y = trn_net_forward(net, x, n, 0, NULL);
    /* normal equations of [x1 x2 1] */
    double A[3][3] = {{0}}, res = 0, var = 0;
    for (size_t i = 0; i < n; i++) {
        double v[3] = {x[2 * i], x[2 * i + 1], 1};
        for (int p = 0; p < 3; p++)
            for (int q = 0; q < 3; q++)
                A[p][q] += v[p] * v[q];
    }
    for (size_t r = 0; r < no; r++) {
        double rhs[3] = {0, 0, 0}, mean = 0;
        for (size_t i = 0; i < n; i++) {
            double v[3] = {x[2 * i], x[2 * i + 1], 1}, t = y[i * no + r];
            for (int p = 0; p < 3; p++)
                rhs[p] += v[p] * t;
            mean += t;
        }
        mean /= (double)n;
        /* Cramer's rule on the 3x3 system */
        double det = A[0][0] * (A[1][1] * A[2][2] - A[1][2] * A[2][1]) -
                     A[0][1] * (A[1][0] * A[2][2] - A[1][2] * A[2][0]) +
                     A[0][2] * (A[1][0] * A[2][1] - A[1][1] * A[2][0]);
        double cf[3];
        for (int p = 0; p < 3; p++) {
            double M[3][3];
            memcpy(M, A, sizeof M);
            for (int q = 0; q < 3; q++)
                M[q][p] = rhs[q];
            cf[p] = (M[0][0] * (M[1][1] * M[2][2] - M[1][2] * M[2][1]) -
                     M[0][1] * (M[1][0] * M[2][2] - M[1][2] * M[2][0]) +
                     M[0][2] * (M[1][0] * M[2][1] - M[1][1] * M[2][0])) /
                    det;
        }
        for (size_t i = 0; i < n; i++) {
            double t = y[i * no + r], e = t - (cf[0] * x[2 * i] + cf[1] * x[2 * i + 1] + cf[2]);
            res += e * e;
            var += (t - mean) * (t - mean);
        }
    }
    *rel = var > 0 ? sqrt(res / var) : 0;
    return 0;
}

static void fmt_matrix(char *buf, size_t len, const double *W, size_t r, size_t cols) {
    if (r == 1) { /* a vector: [a, b] */
        size_t w = (size_t)snprintf(buf, len, "[");
        for (size_t j = 0; j < cols && w < len; j++)
            w += (size_t)snprintf(buf + w, len - w, "%s%.4g", j ? ", " : "", W[j]);
        if (w < len) snprintf(buf + w, len - w, "]");
        return;
    }
    size_t w = (size_t)snprintf(buf, len, "[");
    for (size_t i = 0; i < r && w < len; i++) {
        w += (size_t)snprintf(buf + w, len - w, "%s[", i ? ", " : "");
        for (size_t j = 0; j < cols && w < len; j++)
            w += (size_t)snprintf(buf + w, len - w, "%s%.4g", j ? ", " : "", W[i * cols + j]);
        if (w < len) w += (size_t)snprintf(buf + w, len - w, "]");
    }
    if (w < len) snprintf(buf + w, len - w, "]");
}

/* one row of the collapse table for an identity network */
static int collapse_row(rpt_ctx *c, trn_net *net, const char *what, const trn_data *batch,
                        FILE *csv) {
    double *W = NULL, *b = NULL, md, mo;
    size_t no, ni;
    int nd;
    if (collapse(net, &W, &b, &no, &ni, &nd))
        return rpt_fail(c, "%s: the network is not a chain of dense and linear layers", what);
    if (collapse_error(net, W, b, batch->x, batch->n, &md, &mo)) {
        free(W);
        free(b);
        return rpt_fail(c, "out of memory");
    }
    char shape[64], ws[256], bs[128], mds[32], mos[32], rel[32];
    snprintf(shape, sizeof shape, "%zu x %zu (product of %d matrices)", no, ni, nd);
    fmt_matrix(ws, sizeof ws, W, no, ni);
    fmt_matrix(bs, sizeof bs, b, 1, no);
    snprintf(mds, sizeof mds, "%.2g", md);
    snprintf(mos, sizeof mos, "%.3g", mo);
    snprintf(rel, sizeof rel, "%.2g", mo > 0 ? md / mo : 0);
    const char *cells[] = {what, shape, ws, bs, mds, mos, rel};
    rpt_table_row(c, 7, cells);
    fprintf(csv, "\"%s\",%zu,%zu", what, no, ni);
    for (size_t i = 0; i < no * ni; i++)
        fprintf(csv, ",%.9g", W[i]);
    for (size_t i = 0; i < no; i++)
        fprintf(csv, ",%.9g", b[i]);
    fprintf(csv, ",%.3g,%.6g\n", md, mo);
    free(W);
    free(b);
    return 0;
}

/* the decision boundary of an affine two-logit map, as a segment across box */
static int boundary_line(trn_net *net, const double box[4], double xs[2], double ys[2]) {
    double *W = NULL, *b = NULL;
    size_t no, ni;
    int nd;
    if (collapse(net, &W, &b, &no, &ni, &nd) || no != 2 || ni != 2) {
        free(W);
        free(b);
        return -1;
    }
    /* logit difference: a x1 + bb x2 + cc = 0 */
    double a = W[2] - W[0], bb = W[3] - W[1], cc = b[1] - b[0];
    free(W);
    free(b);
    if (fabs(bb) >= fabs(a)) {
        if (bb == 0) return -1;
        xs[0] = box[0];
        xs[1] = box[1];
        ys[0] = -(a * xs[0] + cc) / bb;
        ys[1] = -(a * xs[1] + cc) / bb;
    } else {
        ys[0] = box[2];
        ys[1] = box[3];
        xs[0] = -(bb * ys[0] + cc) / a;
        xs[1] = -(bb * ys[1] + cc) / a;
    }
    return 0;
}

/* the smallest and largest P(class 1) of a two-class network on d's points */
static int p_range(trn_net *net, const trn_data *d, double *lo, double *hi) {
    if (trn_net_reserve(net, d->n) != TRN_OK) return -1;
    const float *z = trn_net_forward(net, d->x, d->n, 0, NULL);
    size_t no = trn_net_outputs(net);
    *lo = 1;
    *hi = 0;
    for (size_t i = 0; i < d->n; i++) {
        double p = 1 / (1 + exp(-((double)z[i * no + 1] - z[i * no])));
        *lo = fmin(*lo, p);
        *hi = fmax(*hi, p);
    }
    return 0;
}

static void deep_spec(char *buf, size_t len, const char *act) {
    size_t w = (size_t)snprintf(buf, len, "2");
    for (int i = 0; i < DEPTH && w < len; i++)
        w += (size_t)snprintf(buf + w, len - w, "-%d:%s", HID, act);
    if (w < len) snprintf(buf + w, len - w, "-2");
}

int rpt_section_linear(rpt_ctx *c) {
    int smoke = c->smoke, full = c->full;
    size_t n = smoke ? 200 : full ? 2000 : 1000;
    r2_train_cfg tc = {.lr = 0.01,
                       .cosine = 1,
                       .batch = 32,
                       .epochs = smoke  ? 3
                                 : full ? 400
                                        : 150,
                       .loss = TRN_LOSS_XENT,
                       .init = TRN_INIT_NORMALIZED};
    int gn = smoke ? 30 : full ? 200 : 120;
    char specs[NNET][160];
    snprintf(specs[0], sizeof specs[0], "2-2");
    deep_spec(specs[1], sizeof specs[1], "linear");
    deep_spec(specs[2], sizeof specs[2], "tanh");
    deep_spec(specs[3], sizeof specs[3], "relu");
    char dspec[NSET][96];
    snprintf(dspec[0], sizeof dspec[0], "circles(n=%zu,noise=0.1,factor=0.5)", n);
    snprintf(dspec[1], sizeof dspec[1], "moons(n=%zu,noise=0.15)", n);
    snprintf(dspec[2], sizeof dspec[2], "spirals(n=%zu,k=2,noise=0.2)", n);

    trn_split data[NSET];
    trn_net *nets[NSET][NNET];
    double acc[NSET][NNET];
    uint64_t seeds[NSET];
    memset(data, 0, sizeof data);
    memset(nets, 0, sizeof nets);
    int rc = -1;
    double *grid = malloc((size_t)gn * (size_t)gn * sizeof *grid);
    FILE *csv = NULL;
    if (!grid) {
        rpt_fail(c, "out of memory");
        goto done;
    }

    rpt_p(c,
          "The article's first claim: a network is the composite x_l = f(W_l x_(l-1) + b_l), "
          "and if f is linear the composite is linear too, however deep the network. Below, "
          "(a) checks this exactly, by multiplying out a trained network's matrices, and (b) "
          "shows what it costs: on three data sets no straight line separates, a depth-%d "
          "identity network does no better than logistic regression, while the same network "
          "with tanh or relu does.",
          DEPTH);

    /* ---- train everything first: (a) uses the trained identity networks ---- */
    for (int s = 0; s < NSET; s++) {
        char what[64];
        snprintf(what, sizeof what, "linear/%s", set_names[s]);
        seeds[s] = r2_seed(c, what);
        if (r2_load(c, dspec[s], seeds[s], &data[s])) goto done;
        for (int k = 0; k < NNET; k++) {
            trn_result res;
            if (r2_train(c, specs[k], &data[s], &tc, seeds[s], &nets[s][k], &res)) goto done;
            acc[s][k] = res.test_acc;
        }
        rpt_progress(c, "%s: logistic %.3f, identity %.3f, tanh %.3f, relu %.3f", set_names[s],
                     acc[s][0], acc[s][1], acc[s][2], acc[s][3]);
    }

    /* ---- (a) ---- */
    rpt_h3(c, "(a) A deep identity network is one affine map");
    rpt_raw(c,
            "<p>The network <code>%s</code> has %d hidden layers of %d units whose activation is "
            "the identity (<code>linear</code>, f(u) = u). Multiplying out, "
            "x &#8614; W<sub>6</sub>(&#8230;(W<sub>2</sub>(W<sub>1</sub>x + b<sub>1</sub>) + "
            "b<sub>2</sub>)&#8230;) + b<sub>6</sub> = W x + b with W = W<sub>6</sub>W<sub>5</sub>"
            "&#8943;W<sub>1</sub> and b = W<sub>6</sub>(&#8230;(W<sub>2</sub>b<sub>1</sub> + "
            "b<sub>2</sub>)&#8230;) + b<sub>6</sub>. The table computes W and b in double "
            "precision from the network's float32 parameters and compares W x + b with the "
            "network's own forward pass (float32, OpenBLAS) on the %zu test points of each set. "
            "The differences are float rounding: about 1e-7 relative to the outputs' size.</p>\n",
            specs[1], DEPTH, HID, data[0].test.n);
    static const char *const hdr[] = {
        "network",      "shape of W", "W (logits x inputs)", "b", "max |net(x) - (Wx + b)|",
        "max |net(x)|", "ratio"};
    csv = rpt_csv_open(c, "linear_collapse",
                       "network,rows,cols,w11,w12,w21,w22,b1,b2,max_abs_diff,max_abs_output");
    if (!csv) {
        rpt_fail(c, "linear_collapse.csv: cannot write");
        goto done;
    }
    rpt_table_begin(c, 7, hdr);
    {
        /* a freshly initialised copy of the identity network */
        trn_net *init = NULL;
        char err[TRN_ERRLEN];
        if (trn_net_new(specs[1], &init, err, sizeof err) != TRN_OK) {
            rpt_fail(c, "%s", err);
            goto done;
        }
        trn_rng rng;
        trn_rng_seed(&rng, seeds[0]);
        trn_net_init(init, TRN_INIT_NORMALIZED, 0.1f, &rng);
        int bad =
            collapse_row(c, init, "identity, at initialisation (biases 0.1)", &data[0].test, csv);
        trn_net_free(init);
        if (bad) goto done;
    }
    for (int s = 0; s < NSET; s++) {
        char what[96];
        snprintf(what, sizeof what, "identity, trained on %s", set_names[s]);
        if (collapse_row(c, nets[s][1], what, &data[s].test, csv)) goto done;
    }
    rpt_table_end(c);
    if (rpt_csv_close(c, csv, "linear_collapse")) {
        csv = NULL;
        goto done;
    }
    csv = NULL;
    {
        double rel[NSET][3];
        for (int s = 0; s < NSET; s++)
            for (int k = 1; k < NNET; k++)
                if (affine_residual(nets[s][k], data[s].test.x, data[s].test.n, &rel[s][k - 1])) {
                    rpt_fail(c, "out of memory");
                    goto done;
                }
        rpt_p(c,
              "For contrast, the best affine fit (least squares) to the logits of the trained "
              "networks on the same test points leaves an RMS residual, relative to the "
              "logits' standard deviation, of %.1g / %.1g / %.1g for the identity network "
              "(circles / moons / spirals), but %.2f / %.2f / %.2f for tanh and "
              "%.2f / %.2f / %.2f for relu: those networks are not affine maps.",
              rel[0][0], rel[1][0], rel[2][0], rel[0][1], rel[1][1], rel[2][1], rel[0][2],
              rel[1][2], rel[2][2]);
    }

    /* ---- (b) ---- */
    rpt_h3(c, "(b) What the collapse costs: data no line separates");
    char cfgs[512];
    r2_describe_cfg(&tc, cfgs, sizeof cfgs);
    rpt_p(c,
          "Each data set has %zu points (80%% training less a 10%% validation part, 20%% test; "
          "generated by actlab's own generators, see below). Four networks per set, all trained "
          "alike: %s. Logistic regression is the network 2-2 (no hidden layer: the softmax of "
          "an affine map); the three deep networks are 2-%d-%d-%d-%d-%d-2 with the identity, "
          "tanh or relu after each hidden layer. Test accuracy:",
          n, cfgs, HID, HID, HID, HID, HID);
    {
        static const char *const h2[] = {"data set", "logistic regression (2-2)",
                                         "identity, depth 5", "tanh, depth 5", "relu, depth 5"};
        rpt_table_begin(c, 5, h2);
        csv = rpt_csv_open(c, "linear_accuracy", "data,network,spec,test_accuracy,seed");
        if (!csv) {
            rpt_fail(c, "linear_accuracy.csv: cannot write");
            goto done;
        }
        for (int s = 0; s < NSET; s++) {
            char a[NNET][16];
            for (int k = 0; k < NNET; k++) {
                r2_pct(a[k], sizeof a[k], acc[s][k]);
                fprintf(csv, "\"%s\",%s,\"%s\",%.6f,%llu\n", dspec[s], net_names[k], specs[k],
                        acc[s][k], (unsigned long long)seeds[s]);
            }
            const char *cells[] = {dspec[s], a[0], a[1], a[2], a[3]};
            rpt_table_row(c, 5, cells);
        }
        rpt_table_end(c);
        if (rpt_csv_close(c, csv, "linear_accuracy")) {
            csv = NULL;
            goto done;
        }
        csv = NULL;
    }
    {
        /* what the identity network and logistic regression did, set by set */
        char txt[2048];
        size_t w = 0;
        for (int s = 0; s < NSET && w < sizeof txt; s++) {
            double lo[2], hi[2];
            for (int k = 0; k < 2; k++)
                if (p_range(nets[s][k], &data[s].test, &lo[k], &hi[k])) {
                    rpt_fail(c, "out of memory");
                    goto done;
                }
            double d = 100 * fabs(acc[s][1] - acc[s][0]);
            /* P(class 1) within [0.3, 0.7] on every test point: a near-constant model */
            int flat = lo[0] > 0.3 && hi[0] < 0.7 && lo[1] > 0.3 && hi[1] < 0.7;
            if (flat)
                w += (size_t)snprintf(txt + w, sizeof txt - w,
                                      "On %s both learned an almost constant model: P(class 1) "
                                      "stays within [%.2f, %.2f] (logistic) and [%.2f, %.2f] "
                                      "(identity) on every test point, because for two "
                                      "concentric rings the affine model of least "
                                      "cross-entropy is close to the constant 1/2; "
                                      "their accuracies (%.1f%% and %.1f%%) are coin flips. ",
                                      set_names[s], lo[0], hi[0], lo[1], hi[1], 100 * acc[s][0],
                                      100 * acc[s][1]);
            else
                w += (size_t)snprintf(txt + w, sizeof txt - w,
                                      "On %s identity and logistic regression %s (%.1f%% and "
                                      "%.1f%%). ",
                                      set_names[s],
                                      d <= 3 ? "agree" : "differ by more than 3 points",
                                      100 * acc[s][1], 100 * acc[s][0]);
        }
        rpt_p(c,
              "%sThe identity network's five hidden layers add parameters but no expressive "
              "power: its decision boundary is a straight line, as logistic regression's. tanh "
              "and relu, the same architecture otherwise, reach %.1f / %.1f %% on circles, "
              "%.1f / %.1f %% on moons and %.1f / %.1f %% on spirals.",
              txt, 100 * acc[0][2], 100 * acc[0][3], 100 * acc[1][2], 100 * acc[1][3],
              100 * acc[2][2], 100 * acc[2][3]);
    }
    rpt_p(c,
          "Decision regions, identity against tanh: the colour is the network's P(class 1) "
          "(blue 0, white 0.5, red 1) over a %d x %d grid; the points are the test set. On the "
          "identity panels the dashed grey line is where the two logits of the multiplied-out "
          "map W x + b are equal: it lies on the network's own boundary.",
          gn, gn);
    rpt_raw(c, "<div class=\"grid\">\n");
    for (int s = 0; s < NSET; s++) {
        double box[4];
        r2_bounds(&data[s].train, &data[s].test, 0.05, box);
        box[3] += 0.22 * (box[3] - box[2]); /* a free band on top for the legend */
        for (int kk = 0; kk < 2; kk++) {
            int k = kk ? 2 : 1;
            if (r2_prob_grid(nets[s][k], gn, gn, box, grid)) {
                rpt_raw(c, "</div>\n");
                rpt_fail(c, "out of memory");
                goto done;
            }
            char title[128], name[64], cap[256];
            snprintf(title, sizeof title, "%s, %s: test accuracy %.1f%%", set_names[s],
                     net_names[k], 100 * acc[s][k]);
            snprintf(name, sizeof name, "linear_regions_%s_%s", set_names[s], net_names[k]);
            snprintf(cap, sizeof cap, "%s, depth-5 %s network (%s).", set_names[s], net_names[k],
                     specs[k]);
            plt_figure *f = r2_region_figure(420, 400, title, grid, gn, gn, box, &data[s].test);
            double xs[2], ys[2];
            if (f && k == 1 && boundary_line(nets[s][k], box, xs, ys) == 0)
                plt_line(f, xs, ys, 2, "W x + b boundary", 8, PLT_DASHED);
            if (r2_region_csv(c, name, grid, gn, gn, box, &data[s].test) ||
                rpt_figure(c, f, name, cap, 1)) {
                rpt_raw(c, "</div>\n");
                goto done;
            }
        }
    }
    rpt_raw(c, "</div>\n");
    rpt_raw(c,
            "<p>Size: %s mode, %zu points per set, %ld epochs%s. Seeds: each data set's seed also "
            "seeds its networks' initialisation and minibatch order (circles %llu, moons %llu, "
            "spirals %llu). The command line reproduces any run; the tanh network on moons "
            "(test accuracy %.1f%% above) is<br><code>actlab train --net %s --data "
            "'%s' --opt 'adam(lr=%g)' --sched 'cosine(min_lr=%g)' --batch %zu --epochs %ld "
            "--seed %llu</code></p>\n",
            smoke  ? "smoke"
            : full ? "full"
                   : "quick",
            n, tc.epochs,
            full    ? ""
            : smoke ? " (the quick report: 1000 points, 150 epochs)"
                    : " (the full report: 2000 points, 400 epochs)",
            (unsigned long long)seeds[0], (unsigned long long)seeds[1],
            (unsigned long long)seeds[2], 100 * acc[1][2], specs[2], dspec[1], tc.lr, tc.lr / 100,
            tc.batch, tc.epochs, (unsigned long long)seeds[1]);
    rc = 0;
done:
    if (csv) fclose(csv);
    for (int s = 0; s < NSET; s++) {
        for (int k = 0; k < NNET; k++)
            trn_net_free(nets[s][k]);
        trn_split_free(&data[s]);
    }
    free(grid);
    return rc;
}
