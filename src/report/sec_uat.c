/*
 * sec_uat.c - 4. Universal approximation.
 *
 * One hidden layer of N = 1, 2, 4, ... units with sigmoid, tanh, relu and
 * the identity, trained by full-batch Adam on the mean squared error, fits
 * four targets on [0, 1] and one on [0, 1]^2. The error is measured on a
 * dense grid (not the training points) against the exact target. The
 * nonlinear networks' error falls with N; the identity network's stays at the
 * least-squares line, computed here directly as a reference.
 */
#include "report/r2_util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { NACT = 4, NTGT = 5, MAXN = 9, MAXR = 3, NFIT = 4 };

/* the named targets of the data generator (src/train/data_gen.c); the
   section checks that its generated targets agree with these formulas */
static const struct {
    const char *name, *expr, *about;
    int dim;
} targets[NTGT] = {
    {"sine", "sin(2*pi*x)", "smooth and periodic", 1},
    {"kink", "abs(x-0.5)", "continuous, with a kink (no derivative) at x = 0.5", 1},
    {"steep", "tanh(20*(x-0.5))", "a steep but smooth step at x = 0.5", 1},
    {"chirp", "sin(2*pi*(1+4*x)*x)",
     "an oscillation of growing frequency: 5 periods on [0, 1], from 1 to 9 per unit", 1},
    {"bump", "exp(-20*((x-0.5)^2+(y-0.5)^2))", "a Gaussian bump on the unit square", 2},
};
static const char *const act_spec[NACT] = {"sigmoid", "tanh", "relu", "linear"};
static const char *const act_label[NACT] = {"sigmoid", "tanh", "relu", "identity"};
static const int act_colour[NACT] = {0, 1, 2, 4};

/* inputs are fed as u = (x - 1/2) * 2 sqrt(3): zero mean, unit variance on [0, 1] */
#define IN_SCALE 3.4641016151377544

typedef struct {
    int a, k, r; /* activation, index into Ns, restart */
} job_id;

/* what a target's runs gave: the best run's errors per (activation, N) */
typedef struct {
    int nN;
    double rms[NACT][MAXN], mx[NACT][MAXN];
    double ls_rms, ls_max; /* the least-squares line (plane) */
} tgt_result;

typedef struct {
    /* shared, read-only during the jobs */
    const trn_split *data;
    int dim;
    size_t ng;        /* grid points */
    const float *gin; /* (ng, dim) the grid, as the network sees it */
    const double *gt; /* (ng) the target on the grid */
    r2_train_cfg tc;
    const double *lrs; /* restart r uses the learning rate lrs[r] */
    const int *Ns;
    job_id *jobs;
    uint64_t seed[NACT][MAXN][MAXR];
    /* one slot per job */
    double rms[NACT][MAXN][MAXR], mx[NACT][MAXN][MAXR], loss[NACT][MAXN][MAXR];
    float *pred[NACT][MAXN][MAXR];
    char err[NACT][MAXN][MAXR][TRN_ERRLEN + 64];
} uat_ctx;

static void uat_job(void *vctx, int i) {
    uat_ctx *u = vctx;
    job_id j = u->jobs[i];
    char spec[64], *err = u->err[j.a][j.k][j.r];
    snprintf(spec, sizeof spec, "%d-%d:%s-1", u->dim, u->Ns[j.k], act_spec[j.a]);
    trn_net *net;
    trn_result res;
    r2_train_cfg tc = u->tc;
    tc.lr = u->lrs[j.r];
    if (r2_train_err(spec, u->data, &tc, u->seed[j.a][j.k][j.r], &net, &res, err,
                     TRN_ERRLEN + 64) != TRN_OK)
        return;
    float *p = malloc(u->ng * sizeof *p);
    if (!p || trn_net_reserve(net, u->ng) != TRN_OK) {
        snprintf(err, TRN_ERRLEN, "out of memory");
        free(p);
        trn_net_free(net);
        return;
    }
    const float *y = trn_net_forward(net, u->gin, u->ng, 0, NULL);
    double ss = 0, mx = 0;
    for (size_t g = 0; g < u->ng; g++) {
        p[g] = y[g];
        double e = fabs((double)y[g] - u->gt[g]);
        ss += e * e;
        mx = fmax(mx, e);
    }
    u->rms[j.a][j.k][j.r] = sqrt(ss / (double)u->ng);
    u->mx[j.a][j.k][j.r] = mx;
    u->loss[j.a][j.k][j.r] = res.train_loss;
    u->pred[j.a][j.k][j.r] = p;
    trn_net_free(net);
}

static int by_cost(const void *pa, const void *pb) {
    const job_id *a = pa, *b = pb;
    /* the widest first (sigmoid and tanh cost more than relu and the identity) */
    if (a->k != b->k) return b->k - a->k;
    if (a->a != b->a) return a->a - b->a;
    return a->r - b->r;
}

/* least squares of the grid target on [1, x] or [1, x, y]: RMS and max residual */
static void ls_fit(const double *gx, const double *gt, size_t ng, int dim, double *rms, double *mx,
                   double coef[3]) {
    int m = dim + 1;
    double A[3][4] = {{0}};
    for (size_t g = 0; g < ng; g++) {
        double v[3] = {1, gx[g * (size_t)dim], dim > 1 ? gx[g * (size_t)dim + 1] : 0};
        for (int p = 0; p < m; p++) {
            for (int q = 0; q < m; q++)
                A[p][q] += v[p] * v[q];
            A[p][m] += v[p] * gt[g];
        }
    }
    /* Gauss-Jordan with partial pivoting on the (at most) 3 x 3 system */
    for (int col = 0; col < m; col++) {
        int piv = col;
        for (int r = col + 1; r < m; r++)
            if (fabs(A[r][col]) > fabs(A[piv][col])) piv = r;
        for (int q = 0; q <= m; q++) {
            double t = A[col][q];
            A[col][q] = A[piv][q];
            A[piv][q] = t;
        }
        for (int r = 0; r < m; r++) {
            if (r == col) continue;
            double f = A[r][col] / A[col][col];
            for (int q = col; q <= m; q++)
                A[r][q] -= f * A[col][q];
        }
    }
    for (int p = 0; p < 3; p++)
        coef[p] = p < m ? A[p][m] / A[p][p] : 0;
    double ss = 0;
    *mx = 0;
    for (size_t g = 0; g < ng; g++) {
        double fit = coef[0] + coef[1] * gx[g * (size_t)dim] +
                     (dim > 1 ? coef[2] * gx[g * (size_t)dim + 1] : 0);
        double e = fabs(fit - gt[g]);
        ss += e * e;
        *mx = fmax(*mx, e);
    }
    *rms = sqrt(ss / (double)ng);
}

static const char *uat_article(int a) {
    act_fn fn;
    if (act_lookup(act_spec[a], &fn) != ACT_OK) return "?";
    act_props pr;
    if (act_properties(&fn, &pr) != ACT_OK) return "?";
    return pr.uat_article ? (pr.uat_leshno ? "yes / yes" : "yes / no")
                          : (pr.uat_leshno ? "no / yes" : "no / no");
}

/* one target: load, train every (activation, N, restart), pick the best
   restart, draw. */
static int run_target(rpt_ctx *c, int t, const int *Ns, int nN, const int *R, const double *lrs,
                      const r2_train_cfg *tc0, size_t n, int G, tgt_result *out) {
    int dim = targets[t].dim, rc = -1;
    size_t ng = dim == 1 ? (size_t)G : (size_t)G * (size_t)G;
    char dspec[160], what[96];
    if (dim == 1)
        snprintf(dspec, sizeof dspec, "regress(f=%s,n=%zu)", targets[t].name, n);
    else
        snprintf(dspec, sizeof dspec, "regress(f=%s,dim=2,n=%zu)", targets[t].name, n);
    snprintf(what, sizeof what, "uat/data/%s", targets[t].name);
    trn_split data;
    memset(&data, 0, sizeof data);
    uat_ctx *u = calloc(1, sizeof *u);
    double *gx = malloc(ng * (size_t)dim * sizeof *gx), *gt = malloc(ng * sizeof *gt);
    float *gin = malloc(ng * (size_t)dim * sizeof *gin);
    act_expr *e = malloc(sizeof *e);
    job_id *jobs = malloc((size_t)NACT * MAXN * MAXR * sizeof *jobs);
    FILE *csv = NULL;
    if (!u || !gx || !gt || !gin || !e || !jobs) {
        rpt_fail(c, "out of memory");
        goto done;
    }
    static const char *const vars[] = {"x", "y", NULL};
    char aerr[ACT_ERRLEN];
    if (act_expr_parse(e, targets[t].expr, vars, aerr, sizeof aerr) != ACT_OK) {
        rpt_fail(c, "target %s: %s", targets[t].expr, aerr);
        goto done;
    }
    if (r2_load(c, dspec, r2_seed(c, what), &data)) goto done;
    /* the generator's targets must be the formulas quoted on the page */
    {
        trn_data *parts[3] = {&data.train, &data.valid, &data.test};
        double worst = 0;
        for (int p = 0; p < 3; p++)
            for (size_t i = 0; i < parts[p]->n; i++) {
                double v[2] = {parts[p]->x[i * (size_t)dim],
                               dim > 1 ? parts[p]->x[i * (size_t)dim + 1] : 0};
                worst = fmax(worst, fabs(act_expr_eval(e, v) - parts[p]->y[i]));
                for (int d = 0; d < dim; d++)
                    parts[p]->x[i * (size_t)dim + (size_t)d] =
                        (float)((parts[p]->x[i * (size_t)dim + (size_t)d] - 0.5) * IN_SCALE);
            }
        /* float32 targets of values up to 1: rounding is below 1e-7 */
        if (worst > 1e-5) {
            rpt_fail(c, "%s: the generated target differs from %s by %g; update the section", dspec,
                     targets[t].expr, worst);
            goto done;
        }
    }
    for (size_t g = 0; g < ng; g++) {
        double v[2];
        v[0] = (double)(g % (size_t)G) / (G - 1);
        v[1] = (double)(g / (size_t)G) / (G - 1);
        for (int d = 0; d < dim; d++) {
            gx[g * (size_t)dim + (size_t)d] = v[d];
            gin[g * (size_t)dim + (size_t)d] = (float)((v[d] - 0.5) * IN_SCALE);
        }
        gt[g] = act_expr_eval(e, v);
    }
    double ls_rms, ls_max, coef[3];
    ls_fit(gx, gt, ng, dim, &ls_rms, &ls_max, coef);

    /* the jobs */
    u->data = &data;
    u->dim = dim;
    u->ng = ng;
    u->gin = gin;
    u->gt = gt;
    u->tc = *tc0;
    u->tc.batch = data.train.n; /* full batch */
    u->Ns = Ns;
    u->lrs = lrs;
    u->jobs = jobs;
    int nj = 0;
    for (int a = 0; a < NACT; a++)
        for (int k = 0; k < nN; k++)
            for (int r = 0; r < R[k]; r++) {
                char sw[128];
                snprintf(sw, sizeof sw, "uat/%s/%s/N=%d/restart=%d", targets[t].name, act_spec[a],
                         Ns[k], r);
                u->seed[a][k][r] = r2_seed(c, sw);
                jobs[nj++] = (job_id){a, k, r};
            }
    qsort(jobs, (size_t)nj, sizeof *jobs, by_cost);
    r2_run_jobs(c->threads, nj, uat_job, u);
    for (int i = 0; i < nj; i++) {
        const char *m = u->err[jobs[i].a][jobs[i].k][jobs[i].r];
        if (m[0]) {
            rpt_fail(c, "%s: %s", targets[t].name, m);
            goto done;
        }
    }
    /* the best restart by final training loss */
    int best[NACT][MAXN];
    double rms[NACT][MAXN], mx[NACT][MAXN];
    for (int a = 0; a < NACT; a++)
        for (int k = 0; k < nN; k++) {
            int b = 0;
            for (int r = 1; r < R[k]; r++)
                if (u->loss[a][k][r] < u->loss[a][k][b]) b = r;
            best[a][k] = b;
            rms[a][k] = u->rms[a][k][b];
            mx[a][k] = u->mx[a][k][b];
        }
    out->nN = nN;
    memcpy(out->rms, rms, sizeof rms);
    memcpy(out->mx, mx, sizeof mx);
    out->ls_rms = ls_rms;
    out->ls_max = ls_max;
    rpt_progress(c,
                 "%s: RMS error at N=%d: sigmoid %.2g, tanh %.2g, relu %.2g, identity %.2g "
                 "(least-squares line %.2g)",
                 targets[t].name, Ns[nN - 1], rms[0][nN - 1], rms[1][nN - 1], rms[2][nN - 1],
                 rms[3][nN - 1], ls_rms);

    /* ---- the page ---- */
    char h[160];
    snprintf(h, sizeof h, "%s: %s", targets[t].name, targets[t].expr);
    rpt_h3(c, h);
    rpt_p(c,
          "%s. The best %s on the grid (least squares, computed directly): RMS error %.3g, "
          "maximum error %.3g.",
          targets[t].about, dim == 1 ? "straight line" : "plane", ls_rms, ls_max);
    /* error against N */
    char name[96], title[160], cap[512];
    snprintf(name, sizeof name, "uat_error_%s", targets[t].name);
    csv = rpt_csv_open(c, name, "target,activation,N,rms_error,max_error,train_mse,restarts");
    if (!csv) {
        rpt_fail(c, "%s.csv: cannot write", name);
        goto done;
    }
    snprintf(title, sizeof title, "%s: error of one hidden layer of N units", targets[t].name);
    plt_figure *f = plt_new(820, 460, title, "hidden units N", "error on the grid (target units)");
    if (!f) {
        rpt_fail(c, "out of memory");
        goto done;
    }
    plt_log_axes(f, 1, 1);
    double xN[MAXN], y1[MAXN], y2[MAXN];
    for (int a = 0; a < NACT; a++) {
        for (int k = 0; k < nN; k++) {
            xN[k] = Ns[k];
            /* a log axis cannot show 0: clamp exact fits to 1e-7 */
            y1[k] = fmax(rms[a][k], 1e-7);
            y2[k] = fmax(mx[a][k], 1e-7);
            fprintf(csv, "%s,%s,%d,%.6g,%.6g,%.6g,%d\n", targets[t].name, act_label[a], Ns[k],
                    rms[a][k], mx[a][k], u->loss[a][k][best[a][k]], R[k]);
        }
        char l1[64], l2[64];
        snprintf(l1, sizeof l1, "%s, RMS", act_label[a]);
        snprintf(l2, sizeof l2, "%s, max", act_label[a]);
        plt_line(f, xN, y1, (size_t)nN, l1, act_colour[a], PLT_SOLID);
        plt_line(f, xN, y2, (size_t)nN, l2, act_colour[a], PLT_DASHED);
    }
    {
        double lx[2] = {Ns[0], Ns[nN - 1]}, lr[2] = {ls_rms, ls_rms}, lm[2] = {ls_max, ls_max};
        plt_line(f, lx, lr, 2, dim == 1 ? "best line, RMS" : "best plane, RMS", 8, PLT_DOTTED);
        plt_line(f, lx, lm, 2, dim == 1 ? "best line, max" : "best plane, max", 8, PLT_DOTTED);
        fprintf(csv, "%s,least-squares %s,,%.6g,%.6g,,\n", targets[t].name,
                dim == 1 ? "line" : "plane", ls_rms, ls_max);
    }
    if (rpt_csv_close(c, csv, name)) {
        csv = NULL;
        plt_free(f);
        goto done;
    }
    csv = NULL;
    snprintf(cap, sizeof cap,
             "%s: RMS (solid) and maximum (dashed) error over %zu grid points against the number "
             "of hidden units, log-log; the dotted lines are the least-squares %s's errors, on "
             "which the identity network should sit.",
             targets[t].name, ng, dim == 1 ? "line" : "plane");
    if (rpt_figure(c, f, name, cap, 1)) goto done;
    /* only when training did find the one-unit solution (RMS below 1e-3) */
    if (!strcmp(targets[t].name, "steep") && nN > 1 && rms[1][0] < 1e-3)
        rpt_p(c,
              "tanh(20 (x - 1/2)) is itself one tanh unit, so the tanh network with N = 1 can "
              "fit it exactly; this run's error at N = 1 is %.2g (RMS), at N = %d %.2g. Every "
              "wider tanh network contains that exact solution too (with the extra units' "
              "output weights at 0), so where its error is larger, gradient descent did not "
              "find it: the theorem is about what exists, not what training finds.",
              rms[1][0], Ns[1], rms[1][1]);

    if (!strcmp(targets[t].name, "chirp")) {
        /* which nonlinear activations stayed within a factor 3 of the line */
        char who[128] = "";
        size_t w = 0;
        int nwho = 0, left = 0;
        for (int a = 0; a < 3; a++)
            left += rms[a][nN - 1] > ls_rms / 3;
        for (int a = 0; a < 3; a++)
            if (rms[a][nN - 1] > ls_rms / 3) {
                nwho++;
                w += (size_t)snprintf(who + w, sizeof who - w, "%s%s",
                                      nwho == 1      ? ""
                                      : nwho == left ? " and "
                                                     : ", ",
                                      act_label[a]);
            }
        if (w)
            rpt_p(c,
                  "Here training, not the theorem, is the limit: at N = %d the %s network%s "
                  "still within a factor 3 of the straight line. The fits below show them "
                  "following the slow start of the chirp and missing its fast end: gradient "
                  "descent learns the low frequencies of a target first, relu networks most of "
                  "all (the 'spectral bias' of Rahaman et al., ICML 2019). The full report "
                  "trains %d updates instead of %ld.",
                  Ns[nN - 1], who, nwho > 1 ? "s are" : " is", 20000, u->tc.updates);
    }

    /* the fits */
    int fitk[NFIT], nfit = 0;
    {
        static const int want[NFIT] = {2, 8, 32, 1 << 30};
        for (int w = 0; w < NFIT; w++) {
            int k = -1;
            for (int q = 0; q < nN; q++)
                if (Ns[q] == want[w] || (want[w] == 1 << 30 && q == nN - 1)) k = q;
            int dup = 0;
            for (int q = 0; q < nfit; q++)
                dup |= fitk[q] == k;
            if (k >= 0 && !dup) fitk[nfit++] = k;
        }
    }
    if (dim == 1) {
        rpt_raw(c, "<div class=\"grid\">\n");
        for (int a = 0; a < 3; a++) {
            snprintf(name, sizeof name, "uat_fit_%s_%s", targets[t].name, act_label[a]);
            snprintf(title, sizeof title, "%s, %s", targets[t].name, act_label[a]);
            f = plt_new(440, 360, title, "x", "f(x)");
            char hdr[256];
            size_t w = (size_t)snprintf(hdr, sizeof hdr, "x,target");
            for (int q = 0; q < nfit && w < sizeof hdr; q++)
                w += (size_t)snprintf(hdr + w, sizeof hdr - w, ",N=%d", Ns[fitk[q]]);
            csv = rpt_csv_open(c, name, hdr);
            if (!f || !csv) {
                plt_free(f);
                rpt_raw(c, "</div>\n");
                rpt_fail(c, "%s: cannot write", name);
                goto done;
            }
            double *ys = malloc(ng * sizeof *ys);
            if (!ys) {
                plt_free(f);
                rpt_raw(c, "</div>\n");
                rpt_fail(c, "out of memory");
                goto done;
            }
            plt_line(f, gx, gt, ng, "target", 8, PLT_SOLID);
            static const int fit_colour[NFIT] = {3, 0, 2, 1};
            for (int q = 0; q < nfit; q++) {
                const float *p = u->pred[a][fitk[q]][best[a][fitk[q]]];
                for (size_t g = 0; g < ng; g++)
                    ys[g] = p[g];
                char l[32];
                snprintf(l, sizeof l, "N = %d", Ns[fitk[q]]);
                plt_line(f, gx, ys, ng, l, fit_colour[q], PLT_DASHED);
            }
            free(ys);
            for (size_t g = 0; g < ng; g++) {
                fprintf(csv, "%.6g,%.6g", gx[g], gt[g]);
                for (int q = 0; q < nfit; q++)
                    fprintf(csv, ",%.6g", (double)u->pred[a][fitk[q]][best[a][fitk[q]]][g]);
                fputc('\n', csv);
            }
            if (rpt_csv_close(c, csv, name)) {
                csv = NULL;
                plt_free(f);
                rpt_raw(c, "</div>\n");
                goto done;
            }
            csv = NULL;
            snprintf(cap, sizeof cap, "%s target (grey) and the %s networks' fits (dashed).",
                     targets[t].name, act_label[a]);
            if (rpt_figure(c, f, name, cap, 1)) {
                rpt_raw(c, "</div>\n");
                goto done;
            }
        }
        rpt_raw(c, "</div>\n");
    } else {
        /* the target and a few fits as images over the unit square */
        struct {
            int a, k;
        } panels[8];
        int np = 0;
        panels[np].a = -1, panels[np++].k = 0;
        panels[np].a = 3, panels[np++].k = nN - 1;
        for (int a = 0; a < 3; a++) {
            panels[np].a = a, panels[np++].k = fitk[0];
            if (fitk[0] != nN - 1) panels[np].a = a, panels[np++].k = nN - 1;
        }
        double *img = malloc(ng * sizeof *img);
        if (!img) {
            rpt_fail(c, "out of memory");
            goto done;
        }
        rpt_raw(c, "<div class=\"grid\">\n");
        for (int q = 0; q < np; q++) {
            int a = panels[q].a, k = panels[q].k;
            if (a < 0) {
                snprintf(name, sizeof name, "uat_bump_target");
                snprintf(title, sizeof title, "target %s", targets[t].name);
                for (size_t g = 0; g < ng; g++)
                    img[g] = gt[g];
            } else {
                snprintf(name, sizeof name, "uat_bump_%s_N%d", act_label[a], Ns[k]);
                snprintf(title, sizeof title, "%s, N = %d: RMS %.2g", act_label[a], Ns[k],
                         rms[a][k]);
                const float *p = u->pred[a][k][best[a][k]];
                for (size_t g = 0; g < ng; g++)
                    img[g] = p[g];
            }
            csv = rpt_csv_open(c, name, "x,y,value");
            f = plt_new(400, 380, title, "x", "y");
            if (f) plt_note(f, "colour: 0 blue, 0.5 white, 1 red");
            if (!csv || !f || plt_image(f, img, G, G, 0, 1, 0, 1)) {
                plt_free(f);
                free(img);
                rpt_raw(c, "</div>\n");
                rpt_fail(c, "%s: cannot write", name);
                goto done;
            }
            for (size_t g = 0; g < ng; g++)
                fprintf(csv, "%.4g,%.4g,%.6g\n", gx[2 * g], gx[2 * g + 1], img[g]);
            if (rpt_csv_close(c, csv, name)) {
                csv = NULL;
                plt_free(f);
                free(img);
                rpt_raw(c, "</div>\n");
                goto done;
            }
            csv = NULL;
            if (a < 0)
                snprintf(cap, sizeof cap, "The target %s (colour: 0 blue, 0.5 white, 1 red).",
                         targets[t].expr);
            else
                snprintf(cap, sizeof cap, "The %s network with N = %d hidden units (same colours).",
                         act_label[a], Ns[k]);
            if (rpt_figure(c, f, name, cap, 1)) {
                free(img);
                rpt_raw(c, "</div>\n");
                goto done;
            }
        }
        free(img);
        rpt_raw(c, "</div>\n");
    }
    rc = 0;
done:
    if (csv) fclose(csv);
    if (u)
        for (int a = 0; a < NACT; a++)
            for (int k = 0; k < MAXN; k++)
                for (int r = 0; r < MAXR; r++)
                    free(u->pred[a][k][r]);
    free(u);
    free(gx);
    free(gt);
    free(gin);
    free(e);
    free(jobs);
    trn_split_free(&data);
    return rc;
}

int rpt_section_uat(rpt_ctx *c) {
    int smoke = c->smoke, full = c->full;
    /* widths: powers of two up to 256 (quick: 128, and 64 in two dimensions) */
    int Ns[MAXN], nN1 = smoke ? 2 : full ? 9 : 8, nN2 = smoke ? 2 : full ? 9 : 7;
    for (int k = 0; k < MAXN; k++)
        Ns[k] = smoke ? (k ? 4 : 1) : 1 << k;
    /* restarts: a run can get stuck (dead relu units, a poor local minimum),
       and no single learning rate suits every activation and width */
    int R[MAXN];
    for (int k = 0; k < MAXN; k++)
        R[k] = smoke ? 1 : full ? 3 : 2;
    /* run r's learning rate: no single rate suits every activation and width */
    static const double lrs_full[MAXR] = {0.01, 0.03, 0.1}, lrs_quick[MAXR] = {0.03, 0.1, 0.01};
    const double *lrs = full ? lrs_full : lrs_quick;
    size_t n1 = smoke ? 60 : full ? 1000 : 300, n2 = smoke ? 100 : full ? 2000 : 600;
    int G1 = smoke ? 201 : 1001, G2 = smoke ? 21 : 101;
    r2_train_cfg tc = {.lr = 0.03,
                       .cosine = 1,
                       .updates = smoke  ? 20
                                  : full ? 20000
                                         : 3000,
                       .loss = TRN_LOSS_MSE,
                       .init = TRN_INIT_STANDARD};

    rpt_p(c, "The article quotes the universal approximation theorem: if phi is a non-constant, "
             "bounded, monotonically increasing continuous function, then finite sums "
             "F(x) = sum_i v_i phi(w_i . x + b_i), one hidden layer of N units, approximate any "
             "continuous function on the unit cube to any accuracy, given N large enough. "
             "Leshno et al. (1993) showed that any continuous activation that is not a "
             "polynomial will do, which brings in relu (unbounded). The identity is a polynomial: "
             "a network of it is an affine map (section 3), so it cannot get better than the best "
             "straight line, whatever N.");
    {
        static const char *const hdr[] = {"activation", "network",
                                          "bounded, monotone, continuous, "
                                          "non-constant (article) / not a "
                                          "polynomial (Leshno)"};
        rpt_table_begin(c, 3, hdr);
        for (int a = 0; a < NACT; a++) {
            char net[64];
            snprintf(net, sizeof net, "1-N:%s-1", act_spec[a]);
            const char *cells[] = {act_label[a], net, uat_article(a)};
            rpt_table_row(c, 3, cells);
        }
        rpt_table_end(c);
        rpt_p(c, "(The last column comes from actlab's property checks of each function; see the "
                 "properties section.)");
    }
    char runs[256];
    if (smoke)
        snprintf(runs, sizeof runs, "once, with learning rate %g,", lrs[0]);
    else if (full)
        snprintf(runs, sizeof runs, "three times, with learning rates %g, %g and %g,", lrs[0],
                 lrs[1], lrs[2]);
    else
        snprintf(runs, sizeof runs, "twice, with learning rates %g and %g,", lrs[0], lrs[1]);
    char nlist[96];
    size_t wl = 0;
    for (int k = 0; k < nN1 && wl < sizeof nlist; k++)
        wl += (size_t)snprintf(nlist + wl, sizeof nlist - wl, "%s%d", k ? ", " : "", Ns[k]);
    rpt_p(c,
          "The test: fit four targets on [0, 1] and one on [0, 1]^2, defined by actlab's data "
          "generator regress(f=NAME) (formulas in each heading; the section checks them against "
          "the generated data). Each network has one hidden layer of N = %s units "
          "(up to %d in two dimensions) and a linear output. It is trained on the training part "
          "(72%%) of %zu random points (%zu in two dimensions) by full-batch Adam (the batch is "
          "the whole training part; beta1 0.9, beta2 0.999) for %ld updates of the mean squared "
          "error, the learning rate decayed on a cosine to 1/100 of its start, from Glorot & "
          "Bengio's 'standard' initial weights U[-1/sqrt(n_in), 1/sqrt(n_in)] and zero biases. "
          "Each (activation, N) is trained %s each run from its own random start, and the run "
          "with the lowest final training loss is kept: no single learning rate suits every "
          "activation and width. Inputs are fed as u = 2 sqrt(3) (x - 1/2), zero mean and unit "
          "variance on [0, 1]: fed x itself, the sigmoid and tanh units start almost linear and "
          "the oscillating targets are not learned within this budget. The error is measured "
          "against the exact target on a grid of %d points of [0, 1] (%d x %d in two "
          "dimensions), not on the training points.",
          nlist, Ns[nN2 - 1], n1, n2, tc.updates, runs, G1, G2, G2);
    if (!full)
        rpt_p(c,
              "Size: %s mode. The full report (--full) goes to N = 256 in both dimensions, "
              "trains every network three times for 20000 updates instead of %ld, on 1000 "
              "points (2000 in two dimensions) instead of %zu (%zu).",
              smoke ? "smoke" : "quick", tc.updates, n1, n2);

    tgt_result res[NTGT];
    for (int t = 0; t < NTGT; t++) {
        int dim = targets[t].dim;
        if (run_target(c, t, Ns, dim == 1 ? nN1 : nN2, R, lrs, &tc, dim == 1 ? n1 : n2,
                       dim == 1 ? G1 : G2, &res[t]))
            return -1;
    }

    rpt_h3(c, "Summary");
    rpt_p(c, "RMS error (maximum error) on the grid of the widest network of each activation, "
             "and of the least-squares line or plane:");
    static const char *const hdr[] = {"target", "N",        "sigmoid",      "tanh",
                                      "relu",   "identity", "least squares"};
    rpt_table_begin(c, 7, hdr);
    for (int t = 0; t < NTGT; t++) {
        char cells[NACT + 1][48], ns[16];
        int k = res[t].nN - 1;
        snprintf(ns, sizeof ns, "%d", Ns[k]);
        for (int a = 0; a < NACT; a++)
            snprintf(cells[a], sizeof cells[a], "%.2g (%.2g)", res[t].rms[a][k], res[t].mx[a][k]);
        snprintf(cells[NACT], sizeof cells[NACT], "%.2g (%.2g)", res[t].ls_rms, res[t].ls_max);
        const char *row[] = {targets[t].name, ns, cells[0], cells[1], cells[2], cells[3], cells[4]};
        rpt_table_row(c, 7, row);
    }
    rpt_table_end(c);

    /* what the runs show, in numbers from this run */
    double worst = 0;
    int npairs = 0, nfar = 0, nup = 0, nup_sig = 0;
    char poor[512] = "", up[512] = "";
    size_t wp = 0, wu = 0;
    for (int t = 0; t < NTGT; t++) {
        int K = res[t].nN - 1;
        worst = fmax(worst, fabs(res[t].rms[3][K] - res[t].ls_rms) / res[t].ls_rms);
        for (int a = 0; a < 3; a++) {
            double best = res[t].rms[a][0];
            for (int k = 1; k <= K; k++)
                best = fmin(best, res[t].rms[a][k]);
            npairs++;
            /* a factor of 10 below the line: the network does what no line can */
            if (res[t].rms[a][K] <= res[t].ls_rms / 10)
                nfar++;
            else if (wp < sizeof poor)
                wp += (size_t)snprintf(poor + wp, sizeof poor - wp,
                                       "%s%s with %s (%.2g against the "
                                       "line's %.2g)",
                                       wp ? "; " : "", targets[t].name, act_label[a],
                                       res[t].rms[a][K], res[t].ls_rms);
            /* the widest network more than twice as bad as the best width */
            if (res[t].rms[a][K] > 2 * best && wu < sizeof up) {
                nup++;
                nup_sig += a == 0;
                wu += (size_t)snprintf(up + wu, sizeof up - wu, "%s%s with %s", wu ? "; " : "",
                                       targets[t].name, act_label[a]);
            }
        }
    }
    rpt_p(c,
          "The identity network's RMS error is within %.1f%% of the least-squares line's on "
          "every target (the network is fitted to the training points, the line to the grid): "
          "adding units to it adds nothing. At the largest N, %d of the %d (target, nonlinear "
          "activation) pairs are at least 10 times below the line's RMS error.%s%s%s",
          100 * worst, nfar, npairs, nfar < npairs ? " The exceptions: " : "", poor,
          nfar < npairs ? "." : "");
    if (nup)
        rpt_p(c,
              "In %d pair%s the widest network is more than twice as bad as the best width "
              "(%s): the theorem promises that good weights exist for large N, not that "
              "gradient descent finds them within a fixed budget.%s",
              nup, nup == 1 ? "" : "s", up,
              nup_sig ? " Wide sigmoid networks are known to train slowly: the sigmoid's outputs "
                        "are all positive (mean near 1/2), which makes the output layer's problem "
                        "badly conditioned (LeCun et al., Efficient BackProp, 1998)."
                      : "");
    return 0;
}
