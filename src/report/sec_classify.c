/*
 * sec_classify.c - 5. Nonlinear classification.
 *
 * The article's picture: two classes of points that no line separates, and
 * the decision regions that networks with different activations draw. Four
 * generated sets (circles, moons, spirals, xor), five activations (sigmoid,
 * tanh, relu, elu, identity) in the same two-hidden-layer network, trained
 * alike; each panel shows P(class 1) as a colour map with the test points on
 * top and the test accuracy in its title.
 */
#include "report/r2_util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { NSET = 4, NACT = 5, HID = 32 };

static const char *const set_names[NSET] = {"circles", "moons", "spirals", "xor"};
static const char *const act_spec[NACT] = {"sigmoid", "tanh", "relu", "elu", "linear"};
static const char *const act_label[NACT] = {"sigmoid", "tanh", "relu", "elu", "identity"};

typedef struct {
    const trn_split *data; /* [NSET] */
    r2_train_cfg tc;
    uint64_t seed[NSET];
    trn_net *net[NSET][NACT];
    double acc[NSET][NACT];
    char err[NSET][NACT][TRN_ERRLEN + 64];
} cls_ctx;

static void net_spec(char *buf, size_t len, int a) {
    snprintf(buf, len, "2-%d:%s-%d:%s-2", HID, act_spec[a], HID, act_spec[a]);
}

static void cls_job(void *vctx, int i) {
    cls_ctx *u = vctx;
    int s = i / NACT, a = i % NACT;
    char spec[96];
    net_spec(spec, sizeof spec, a);
    trn_result res;
    if (r2_train_err(spec, &u->data[s], &u->tc, u->seed[s], &u->net[s][a], &res, u->err[s][a],
                     sizeof u->err[s][a]) == TRN_OK)
        u->acc[s][a] = res.test_acc;
}

int rpt_section_classify(rpt_ctx *c) {
    int smoke = c->smoke, full = c->full;
    size_t n = smoke ? 200 : full ? 4000 : 1000;
    int gn = smoke ? 30 : full ? 200 : 120;
    char dspec[NSET][96];
    snprintf(dspec[0], sizeof dspec[0], "circles(n=%zu,noise=0.1,factor=0.5)", n);
    snprintf(dspec[1], sizeof dspec[1], "moons(n=%zu,noise=0.15)", n);
    snprintf(dspec[2], sizeof dspec[2], "spirals(n=%zu,k=2,noise=0.2)", n);
    snprintf(dspec[3], sizeof dspec[3], "xor(n=%zu,noise=0.35)", n);
    trn_split data[NSET];
    memset(data, 0, sizeof data);
    cls_ctx *u = calloc(1, sizeof *u);
    double *grid = malloc((size_t)gn * (size_t)gn * sizeof *grid);
    FILE *csv = NULL;
    int rc = -1;
    if (!u || !grid) {
        rpt_fail(c, "out of memory");
        goto done;
    }
    u->data = data;
    u->tc = (r2_train_cfg){.lr = 0.01,
                           .cosine = 1,
                           .batch = 32,
                           .epochs = smoke  ? 3
                                     : full ? 500
                                            : 200,
                           .loss = TRN_LOSS_XENT,
                           .init = TRN_INIT_NORMALIZED};
    for (int s = 0; s < NSET; s++) {
        char what[64];
        snprintf(what, sizeof what, "classify/%s", set_names[s]);
        u->seed[s] = r2_seed(c, what);
        if (r2_load(c, dspec[s], u->seed[s], &data[s])) goto done;
    }
    rpt_progress(c, "training %d networks on %d threads", NSET * NACT, c->threads);
    r2_run_jobs(c->threads, NSET * NACT, cls_job, u);
    for (int s = 0; s < NSET; s++)
        for (int a = 0; a < NACT; a++)
            if (u->err[s][a][0]) {
                rpt_fail(c, "%s", u->err[s][a]);
                goto done;
            }
    for (int s = 0; s < NSET; s++)
        rpt_progress(c, "%s: sigmoid %.3f, tanh %.3f, relu %.3f, elu %.3f, identity %.3f",
                     set_names[s], u->acc[s][0], u->acc[s][1], u->acc[s][2], u->acc[s][3],
                     u->acc[s][4]);

    char cfgs[512], spec0[96];
    r2_describe_cfg(&u->tc, cfgs, sizeof cfgs);
    net_spec(spec0, sizeof spec0, 1);
    rpt_p(c,
          "The article's second use of a nonlinearity: a network with one separates classes "
          "that no straight line separates. Four generated two-class sets, each of %zu points "
          "(80%% training less a 10%% validation part, 20%% test), and the same network "
          "2-%d:f-%d:f-2 (two hidden layers of %d units, a softmax over two outputs) with f = "
          "sigmoid, tanh, relu, elu or the identity. All are trained alike: %s. Each panel "
          "shows the network's P(class 1) over the plane (blue 0, white 0.5, red 1) with the "
          "test points on top, and the test accuracy in its title.",
          n, HID, HID, HID, cfgs);
    static const char *const hdr[] = {"data set", "sigmoid", "tanh", "relu", "elu", "identity"};
    rpt_table_begin(c, 6, hdr);
    csv = rpt_csv_open(c, "classify_accuracy", "data,activation,spec,test_accuracy,seed");
    if (!csv) {
        rpt_fail(c, "classify_accuracy.csv: cannot write");
        goto done;
    }
    for (int s = 0; s < NSET; s++) {
        char cells[NACT][16];
        for (int a = 0; a < NACT; a++) {
            char spec[96];
            net_spec(spec, sizeof spec, a);
            r2_pct(cells[a], sizeof cells[a], u->acc[s][a]);
            fprintf(csv, "\"%s\",%s,%s,%.6f,%llu\n", dspec[s], act_label[a], spec, u->acc[s][a],
                    (unsigned long long)u->seed[s]);
        }
        const char *row[] = {dspec[s], cells[0], cells[1], cells[2], cells[3], cells[4]};
        rpt_table_row(c, 6, row);
    }
    rpt_table_end(c);
    if (rpt_csv_close(c, csv, "classify_accuracy")) {
        csv = NULL;
        goto done;
    }
    csv = NULL;

    /* what the table says, from this run's numbers */
    {
        double lo = 1, hi_id = 0, spread = 0;
        const char *lo_what = "", *lo_set = "", *spread_set = set_names[0];
        for (int s = 0; s < NSET; s++) {
            double mn = 1, mxa = 0;
            for (int a = 0; a < NACT - 1; a++) {
                mn = fmin(mn, u->acc[s][a]);
                mxa = fmax(mxa, u->acc[s][a]);
            }
            if (mxa - mn > spread) {
                spread = mxa - mn;
                spread_set = set_names[s];
            }
        }
        for (int s = 0; s < NSET; s++) {
            for (int a = 0; a < NACT - 1; a++)
                if (u->acc[s][a] < lo) {
                    lo = u->acc[s][a];
                    lo_what = act_label[a];
                    lo_set = set_names[s];
                }
            hi_id = fmax(hi_id, u->acc[s][NACT - 1]);
        }
        char which[256];
        /* 3 points: about the sampling noise of a 20% test part of 1000 points */
        if (spread <= 0.03)
            snprintf(which, sizeof which,
                     "Which nonlinearity is used matters little for these small problems (the four "
                     "are at most %.1f points apart on any set); that it is nonlinear is what "
                     "matters.",
                     100 * spread);
        else
            snprintf(which, sizeof which,
                     "The nonlinear activations differ by up to %.1f points (on %s); still, every "
                     "one of them beats the identity by far.",
                     100 * spread, spread_set);
        rpt_p(c,
              "Every nonlinear activation reaches at least %.1f%% test accuracy on every set "
              "(the lowest: %s on %s); the identity network, a linear classifier whatever its "
              "depth (section 3), reaches at most %.1f%% (circles %.1f%%, moons %.1f%%, "
              "spirals %.1f%%, xor %.1f%%). %s The smooth functions draw smooth boundaries; "
              "relu's are piecewise linear, with straight edges and corners.",
              100 * lo, lo_what, lo_set, 100 * hi_id, 100 * u->acc[0][4], 100 * u->acc[1][4],
              100 * u->acc[2][4], 100 * u->acc[3][4], which);
    }

    for (int s = 0; s < NSET; s++) {
        double box[4];
        r2_bounds(&data[s].train, &data[s].test, 0.05, box);
        rpt_raw(c, "<p><b>%s</b> <code>%s</code></p>\n<div class=\"grid\">\n", set_names[s],
                dspec[s]);
        for (int a = 0; a < NACT; a++) {
            char title[96], name[64], cap[256];
            if (r2_prob_grid(u->net[s][a], gn, gn, box, grid)) {
                rpt_raw(c, "</div>\n");
                rpt_fail(c, "out of memory");
                goto done;
            }
            snprintf(title, sizeof title, "%s, %s: %.1f%%", set_names[s], act_label[a],
                     100 * u->acc[s][a]);
            snprintf(name, sizeof name, "classify_%s_%s", set_names[s], act_label[a]);
            snprintf(cap, sizeof cap, "%s, %s network: test accuracy %.1f%%.", set_names[s],
                     act_label[a], 100 * u->acc[s][a]);
            plt_figure *f = r2_region_figure(400, 380, title, grid, gn, gn, box, &data[s].test);
            if (r2_region_csv(c, name, grid, gn, gn, box, &data[s].test) ||
                rpt_figure(c, f, name, cap, 1)) {
                rpt_raw(c, "</div>\n");
                goto done;
            }
        }
        rpt_raw(c, "</div>\n");
    }
    rpt_raw(c,
            "<p>Size: %s mode, %zu points per set, %ld epochs%s. Each set's seed (circles %llu, "
            "moons %llu, spirals %llu, xor %llu) generates its points and also seeds its networks' "
            "initial weights and minibatch order; any panel is reproduced on the command line, "
            "e.g. the tanh network on spirals (%.1f%% above):<br><code>actlab train --net %s "
            "--data '%s' --opt 'adam(lr=%g)' --sched 'cosine(min_lr=%g)' --batch %zu --epochs "
            "%ld --seed %llu</code></p>\n",
            smoke  ? "smoke"
            : full ? "full"
                   : "quick",
            n, u->tc.epochs,
            full    ? ""
            : smoke ? " (the quick report: 1000 points, 200 epochs)"
                    : " (the full report: 4000 points, 500 epochs)",
            (unsigned long long)u->seed[0], (unsigned long long)u->seed[1],
            (unsigned long long)u->seed[2], (unsigned long long)u->seed[3], 100 * u->acc[2][1],
            spec0, dspec[2], u->tc.lr, u->tc.lr / 100, u->tc.batch, u->tc.epochs,
            (unsigned long long)u->seed[2]);
    rc = 0;
done:
    if (csv) fclose(csv);
    if (u)
        for (int s = 0; s < NSET; s++)
            for (int a = 0; a < NACT; a++)
                trn_net_free(u->net[s][a]);
    for (int s = 0; s < NSET; s++)
        trn_split_free(&data[s]);
    free(u);
    free(grid);
    return rc;
}
