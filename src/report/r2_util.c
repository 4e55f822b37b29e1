/*
 * r2_util.c - see r2_util.h.
 */
#include "report/r2_util.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

uint64_t r2_seed(const rpt_ctx *c, const char *what) { return rpt_seed(c, what) & 0x7fffffffu; }

int r2_load(rpt_ctx *c, const char *spec, uint64_t seed, trn_split *out) {
    trn_data_opts o;
    trn_data_opts_default(&o);
    o.seed = seed;
    char err[TRN_ERRLEN];
    if (trn_data_load(spec, &o, out, err, sizeof err) != TRN_OK)
        return rpt_fail(c, "data %s: %s", spec, err);
    return 0;
}

trn_status r2_train_err(const char *spec, const trn_split *s, const r2_train_cfg *tc, uint64_t seed,
                        trn_net **net, trn_result *res, char *err, size_t errlen) {
    *net = NULL;
    trn_status st = trn_net_new(spec, net, err, errlen);
    if (st != TRN_OK) return st;
    trn_train_cfg cfg;
    trn_train_cfg_default(&cfg);
    cfg.batch = tc->batch;
    cfg.epochs = tc->epochs;
    cfg.updates = tc->updates;
    cfg.seed = seed;
    cfg.init = tc->init;
    cfg.opt.kind = TRN_OPT_ADAM;
    cfg.opt.lr = tc->lr;
    cfg.loss = tc->loss;
    cfg.eval_every_epoch = 0; /* only at the end: the report reads the final numbers */
    if (tc->cosine) {
        cfg.sched.kind = TRN_SCHED_COSINE;
        cfg.sched.total = 0;
        cfg.sched.min_lr = tc->lr / 100;
    }
    char e2[TRN_ERRLEN];
    st = trn_train(*net, s, &cfg, res, e2, sizeof e2);
    if (st != TRN_OK) {
        snprintf(err, errlen, "training %s: %s", spec, e2);
        trn_net_free(*net);
        *net = NULL;
    }
    return st;
}

int r2_train(rpt_ctx *c, const char *spec, const trn_split *s, const r2_train_cfg *tc,
             uint64_t seed, trn_net **net, trn_result *res) {
    char err[TRN_ERRLEN + 64];
    if (r2_train_err(spec, s, tc, seed, net, res, err, sizeof err) != TRN_OK)
        return rpt_fail(c, "%s", err);
    return 0;
}

void r2_describe_cfg(const r2_train_cfg *tc, char *buf, size_t len) {
    char len_s[64];
    if (tc->epochs > 0)
        snprintf(len_s, sizeof len_s, "%ld epochs", tc->epochs);
    else
        snprintf(len_s, sizeof len_s, "%ld updates", tc->updates);
    snprintf(buf, len,
             "Adam (lr %g, beta1 0.9, beta2 0.999)%s, minibatch %zu, %s, %s loss, "
             "%s initial weights, zero biases",
             tc->lr, tc->cosine ? " with the learning rate decayed on a cosine to lr/100" : "",
             tc->batch, len_s, tc->loss == TRN_LOSS_MSE ? "mean squared error" : "cross-entropy",
             tc->init == TRN_INIT_NORMALIZED
                 ? "Glorot-Bengio normalized (U[+-sqrt(6/(n_in+n_out))])"
             : tc->init == TRN_INIT_STANDARD ? "Glorot-Bengio standard (U[+-1/sqrt(n_in)])"
                                             : trn_init_name(tc->init));
}

static void extend(const trn_data *d, double *lo, double *hi) {
    if (!d) return;
    for (size_t i = 0; i < d->n; i++)
        for (int k = 0; k < 2; k++) {
            double v = d->x[i * d->dim + (size_t)k];
            if (v < lo[k]) lo[k] = v;
            if (v > hi[k]) hi[k] = v;
        }
}

void r2_bounds(const trn_data *d1, const trn_data *d2, double margin, double box[4]) {
    double lo[2] = {INFINITY, INFINITY}, hi[2] = {-INFINITY, -INFINITY};
    extend(d1, lo, hi);
    extend(d2, lo, hi);
    if (!(lo[0] < hi[0]) || !(lo[1] < hi[1])) {
        box[0] = box[2] = -1;
        box[1] = box[3] = 1;
        return;
    }
    double m = margin * fmax(hi[0] - lo[0], hi[1] - lo[1]);
    box[0] = lo[0] - m;
    box[1] = hi[0] + m;
    box[2] = lo[1] - m;
    box[3] = hi[1] + m;
}

int r2_prob_grid(trn_net *net, int nx, int ny, const double box[4], double *out) {
    size_t no = trn_net_outputs(net), row = (size_t)nx;
    float *x = malloc(2 * row * sizeof *x);
    if (!x || trn_net_reserve(net, row) != TRN_OK) {
        free(x);
        return -1;
    }
    for (int j = 0; j < ny; j++) {
        double yv = box[2] + (j + 0.5) * (box[3] - box[2]) / ny;
        for (int i = 0; i < nx; i++) {
            x[2 * i] = (float)(box[0] + (i + 0.5) * (box[1] - box[0]) / nx);
            x[2 * i + 1] = (float)yv;
        }
        const float *z = trn_net_forward(net, x, row, 0, NULL);
        for (int i = 0; i < nx; i++) {
            /* two logits: softmax = sigmoid of the difference; one: its sigmoid */
            double d = no >= 2 ? (double)z[(size_t)i * no + 1] - z[(size_t)i * no] : z[i];
            out[(size_t)j * row + (size_t)i] = 1 / (1 + exp(-d));
        }
    }
    free(x);
    return 0;
}

plt_figure *r2_region_figure(int w, int h, const char *title, const double *grid, int nx, int ny,
                             const double box[4], const trn_data *d) {
    plt_figure *f = plt_new(w, h, title, "x1", "x2");
    if (!f) return NULL;
    if (plt_image(f, grid, nx, ny, box[0], box[1], box[2], box[3])) goto fail;
    for (int cls = 0; cls < 2; cls++) {
        size_t m = 0;
        for (size_t i = 0; i < d->n; i++)
            m += d->label[i] == cls;
        double *px = malloc((m ? m : 1) * sizeof *px), *py = malloc((m ? m : 1) * sizeof *py);
        if (!px || !py) {
            free(px);
            free(py);
            goto fail;
        }
        m = 0;
        for (size_t i = 0; i < d->n; i++)
            if (d->label[i] == cls) {
                px[m] = d->x[i * d->dim];
                py[m++] = d->x[i * d->dim + 1];
            }
        /* palette 0 is blue, 1 red: the colours of P(class 1) = 0 and 1 */
        int rc = plt_points(f, px, py, m, NULL, cls, 2.5, cls ? "class 1" : "class 0");
        free(px);
        free(py);
        if (rc) goto fail;
    }
    return f;
fail:
    plt_free(f);
    return NULL;
}

int r2_region_csv(rpt_ctx *c, const char *name, const double *grid, int nx, int ny,
                  const double box[4], const trn_data *d) {
    FILE *f = rpt_csv_open(c, name, "kind,x1,x2,value");
    if (!f) return rpt_fail(c, "%s.csv: cannot write", name);
    for (int j = 0; j < ny; j++)
        for (int i = 0; i < nx; i++)
            fprintf(f, "p_class1,%.6g,%.6g,%.6g\n", box[0] + (i + 0.5) * (box[1] - box[0]) / nx,
                    box[2] + (j + 0.5) * (box[3] - box[2]) / ny,
                    grid[(size_t)j * (size_t)nx + (size_t)i]);
    for (size_t i = 0; i < d->n; i++)
        fprintf(f, "test_point_label,%.6g,%.6g,%d\n", d->x[i * d->dim], d->x[i * d->dim + 1],
                (int)d->label[i]);
    return rpt_csv_close(c, f, name);
}

void r2_pct(char *buf, size_t len, double frac) { snprintf(buf, len, "%.1f%%", 100 * frac); }

typedef struct {
    pthread_mutex_t mu;
    int next, njobs;
    void (*job)(void *, int);
    void *ctx;
} job_queue;

static void *job_worker(void *arg) {
    job_queue *q = arg;
    for (;;) {
        pthread_mutex_lock(&q->mu);
        int i = q->next < q->njobs ? q->next++ : -1;
        pthread_mutex_unlock(&q->mu);
        if (i < 0) return NULL;
        q->job(q->ctx, i);
    }
}

int r2_run_jobs(int threads, int njobs, void (*job)(void *ctx, int i), void *ctx) {
    job_queue q = {.next = 0, .njobs = njobs, .job = job, .ctx = ctx};
    if (pthread_mutex_init(&q.mu, NULL)) {
        for (int i = 0; i < njobs; i++)
            job(ctx, i);
        return -1;
    }
    enum { MAXT = 64 };
    pthread_t tid[MAXT];
    int started = 0, rc = 0;
    for (int t = 1; t < threads && t < MAXT && t < njobs; t++) {
        if (pthread_create(&tid[started], NULL, job_worker, &q)) {
            rc = -1;
            break;
        }
        started++;
    }
    job_worker(&q);
    for (int t = 0; t < started; t++)
        pthread_join(tid[t], NULL);
    pthread_mutex_destroy(&q.mu);
    return rc;
}
