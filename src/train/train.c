/*
 * train.c - the training loop, evaluation and the instruments.
 *
 * The loop's whole state is (parameters, optimizer state, RNG, data order,
 * epoch, update, position in the epoch); a checkpoint holds all of it, so a
 * resumed run continues exactly where the saved one stopped.
 */
#include "train/internal.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

void trn_train_cfg_default(trn_train_cfg *c) {
    memset(c, 0, sizeof *c);
    c->batch = 32;
    c->epochs = 1;
    c->seed = 1;
    c->init = TRN_INIT_NORMALIZED;
    c->opt.kind = TRN_OPT_SGD;
    c->opt.lr = 0.1;
    c->opt.beta1 = 0.9;
    c->opt.beta2 = 0.999;
    c->opt.eps = 1e-8;
    c->sched.kind = TRN_SCHED_CONSTANT;
    c->sched.step_size = 1000;
    c->sched.gamma = 0.1;
    c->loss = TRN_LOSS_XENT;
    c->sat_threshold = 0.01;
    c->instrument_n = 300;
    c->eval_every_epoch = 1;
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

trn_status trn_check_data(const trn_net *net, const trn_data *d, trn_loss loss, char *err,
                          size_t errlen) {
    if (d->n == 0) {
        snprintf(err, errlen, "%s: the data set is empty", d->name);
        return TRN_E_SHAPE;
    }
    if (d->dim != net->inputs) {
        snprintf(err, errlen, "%s: examples have %zu values, the network '%s' takes %zu", d->name,
                 d->dim, net->spec, net->inputs);
        return TRN_E_SHAPE;
    }
    if (loss == TRN_LOSS_XENT) {
        if (!d->label) {
            snprintf(
                err, errlen,
                "%s: cross-entropy needs class labels; this is a regression set (use --loss mse)",
                d->name);
            return TRN_E_SHAPE;
        }
        for (size_t i = 0; i < d->n; i++)
            if (d->label[i] < 0 || (size_t)d->label[i] >= net->outputs) {
                snprintf(err, errlen,
                         "%s: label %d of example %zu is outside the network's %zu classes",
                         d->name, (int)d->label[i], i, net->outputs);
                return TRN_E_SHAPE;
            }
    } else if (loss == TRN_LOSS_MSE) {
        if (!d->y || d->targets != net->outputs) {
            snprintf(err, errlen,
                     "%s: mean squared error needs %zu targets per example, the data has %zu",
                     d->name, net->outputs, d->y ? d->targets : (size_t)0);
            return TRN_E_SHAPE;
        }
    } else if (loss == TRN_LOSS_BCE) {
        int ok = (d->y && d->targets == net->outputs) || (d->label && net->outputs == 1);
        if (!ok) {
            snprintf(err, errlen,
                     "%s: binary cross-entropy needs one output per target (or one output and 0/1 "
                     "labels)",
                     d->name);
            return TRN_E_SHAPE;
        }
        if (!d->y)
            for (size_t i = 0; i < d->n; i++)
                if (d->label[i] != 0 && d->label[i] != 1) {
                    snprintf(err, errlen,
                             "%s: binary cross-entropy needs labels 0 or 1, example %zu has %d",
                             d->name, i, (int)d->label[i]);
                    return TRN_E_SHAPE;
                }
    }
    return TRN_OK;
}

/* gathers the batch rows idx[0..n) into xb (and labels, targets) */
static void gather(const trn_data *d, const uint32_t *idx, size_t n, float *xb, int32_t *lb,
                   float *yb) {
    for (size_t i = 0; i < n; i++) {
        memcpy(xb + i * d->dim, d->x + (size_t)idx[i] * d->dim, d->dim * sizeof(float));
        if (d->label && lb) lb[i] = d->label[idx[i]];
        if (d->y && yb)
            memcpy(yb + i * d->targets, d->y + (size_t)idx[i] * d->targets,
                   d->targets * sizeof(float));
    }
}

static size_t count_correct(const float *out, size_t k, const int32_t *labels, size_t n) {
    size_t c = 0;
    for (size_t r = 0; r < n; r++) {
        const float *z = out + r * k;
        size_t best = 0;
        if (k == 1)
            best = z[0] > 0; /* one logit: class 1 when positive */
        else
            for (size_t j = 1; j < k; j++)
                if (z[j] > z[best]) best = j;
        c += (int32_t)best == labels[r];
    }
    return c;
}

trn_status trn_evaluate(trn_net *net, const trn_data *d, trn_loss loss, size_t batch,
                        double *loss_out, double *metric, char *err, size_t errlen) {
    trn_status s = trn_check_data(net, d, loss, err, errlen);
    if (s) return s;
    if (batch == 0) batch = 256;
    if (trn_net_reserve(net, batch)) return TRN_E_NOMEM;
    double total = 0, sq = 0;
    size_t correct = 0;
    for (size_t i = 0; i < d->n; i += batch) {
        size_t m = d->n - i < batch ? d->n - i : batch;
        const float *out = trn_net_forward(net, d->x + i * d->dim, m, 0, NULL);
        double l = trn_net_loss(net, loss, d->label ? d->label + i : NULL,
                                d->y ? d->y + i * d->targets : NULL, m);
        total += l * (double)m;
        if (d->label && (loss == TRN_LOSS_XENT || !d->y))
            correct += count_correct(out, net->outputs, d->label + i, m);
        if (d->y)
            for (size_t k = 0; k < m * d->targets; k++) {
                double e = (double)out[k] - d->y[i * d->targets + k];
                sq += e * e;
            }
    }
    *loss_out = total / (double)d->n;
    if (d->y && loss != TRN_LOSS_XENT)
        *metric = sqrt(sq / (double)(d->n * d->targets));
    else
        *metric = (double)correct / (double)d->n;
    return TRN_OK;
}

/* ---- instruments ---------------------------------------------------------------- */

static int cmp_float(const void *a, const void *b) {
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

static double variance(const float *v, size_t n) {
    double s = 0, s2 = 0;
    for (size_t i = 0; i < n; i++) {
        s += v[i];
        s2 += (double)v[i] * v[i];
    }
    double m = s / (double)n;
    return fmax(0, s2 / (double)n - m * m);
}

trn_status trn_instrument(trn_net *net, const float *x, const int32_t *labels, const float *targets,
                          size_t n, trn_loss loss, double sat_threshold, trn_instr *out) {
    if (trn_net_reserve(net, n)) return TRN_E_NOMEM;
    size_t maxw = 0;
    for (int i = 0; i < net->nl; i++)
        maxw = net->L[i].out > maxw ? net->L[i].out : maxw;
    float *tmp = malloc(n * (maxw > net->inputs ? maxw : net->inputs) * sizeof(float) * 2);
    if (!tmp) return TRN_E_NOMEM;
    trn_net_forward(net, x, n, 0, NULL);
    trn_net_zero_grad(net);
    trn_net_loss(net, loss, labels, targets, n);
    trn_net_backward(net);
    for (int i = 0; i < net->nl; i++) {
        trn_layer *l = &net->L[i];
        trn_instr *r = &out[i];
        r->layer = i;
        r->kind = l->kind;
        size_t m = n * l->out;
        double sum = 0;
        for (size_t k = 0; k < m; k++)
            sum += l->y[k];
        r->mean = sum / (double)m;
        r->std = sqrt(variance(l->y, m));
        memcpy(tmp, l->y, m * sizeof(float));
        qsort(tmp, m, sizeof(float), cmp_float);
        static const double q[5] = {0.02, 0.16, 0.50, 0.84, 0.98};
        for (int k = 0; k < 5; k++)
            r->pct[k] = tmp[(size_t)(q[k] * (double)(m - 1) + 0.5)];
        r->saturated = NAN;
        r->wgrad_var = NAN;
        r->grad_ratio = NAN;
        const float *din = trn_net_layer_delta(net, i);
        r->delta_var = din ? variance(din, n * l->in) : NAN;
        if (l->kind == TRN_LAYER_ACT && act_describe(l->fn.id)->kind == ACT_KIND_ELEMENTWISE) {
            /* |f'(u)| at the pre-activations u: backward with dy = 1 */
            const float *u = trn_net_layer_input(net, i);
            size_t mi = n * l->in;
            float *ones = tmp, *d = tmp + mi;
            for (size_t k = 0; k < mi; k++)
                ones[k] = 1;
            act_backward_x(&l->fn, mi, u, ones, d);
            size_t sat = 0;
            for (size_t k = 0; k < mi; k++)
                sat += fabsf(d[k]) < sat_threshold;
            r->saturated = (double)sat / (double)mi;
        }
        if (l->kind == TRN_LAYER_DENSE) {
            size_t nw = l->out * l->in;
            r->wgrad_var = variance(l->grad, nw);
            double gn = 0, wn = 0;
            for (size_t k = 0; k < nw; k++) {
                gn += (double)l->grad[k] * l->grad[k];
                wn += (double)l->param[k] * l->param[k];
            }
            r->grad_ratio = wn > 0 ? sqrt(gn) / sqrt(wn) : NAN;
        }
    }
    trn_net_zero_grad(net);
    free(tmp);
    return TRN_OK;
}

/* ---- logs ------------------------------------------------------------------------- */

typedef struct {
    FILE *main, *instr;
    int json;
} logs;

static void json_num(FILE *f, double v) {
    if (isfinite(v))
        fprintf(f, "%.9g", v);
    else
        fputs("null", f);
}

static void log_epoch(logs *lg, long epoch, long update, double lr, const trn_result *r,
                      double secs) {
    if (!lg->main) return;
    if (lg->json) {
        fprintf(lg->main, "{\"type\": \"epoch\", \"epoch\": %ld, \"update\": %ld, \"lr\": ", epoch,
                update);
        json_num(lg->main, lr);
        const char *k[] = {"train_loss", "train_acc", "valid_loss", "valid_acc",
                           "test_loss",  "test_acc",  "seconds"};
        double v[] = {r->train_loss, r->train_acc, r->valid_loss, r->valid_acc,
                      r->test_loss,  r->test_acc,  secs};
        for (int i = 0; i < 7; i++) {
            fprintf(lg->main, ", \"%s\": ", k[i]);
            json_num(lg->main, v[i]);
        }
        fprintf(lg->main, "}\n");
    } else {
        fprintf(lg->main, "%ld,%ld,%.9g,%.9g,%.9g,%.9g,%.9g,%.9g,%.9g,%.3f\n", epoch, update, lr,
                r->train_loss, r->train_acc, r->valid_loss, r->valid_acc, r->test_loss, r->test_acc,
                secs);
    }
    fflush(lg->main);
}

static void log_instr(logs *lg, long update, const trn_instr *rec, int n) {
    FILE *f = lg->json ? lg->main : lg->instr;
    if (!f) return;
    for (int i = 0; i < n; i++) {
        const trn_instr *r = &rec[i];
        if (lg->json) {
            fprintf(f,
                    "{\"type\": \"instrument\", \"update\": %ld, \"layer\": %d, \"kind\": \"%s\"",
                    update, r->layer, trn_layer_kind_name(r->kind));
            const char *k[] = {"mean", "std",       "p2",        "p16",       "p50",       "p84",
                               "p98",  "saturated", "delta_var", "wgrad_var", "grad_ratio"};
            double v[] = {r->mean,      r->std,       r->pct[0],    r->pct[1],
                          r->pct[2],    r->pct[3],    r->pct[4],    r->saturated,
                          r->delta_var, r->wgrad_var, r->grad_ratio};
            for (int j = 0; j < 11; j++) {
                fprintf(f, ", \"%s\": ", k[j]);
                json_num(f, v[j]);
            }
            fprintf(f, "}\n");
        } else {
            fprintf(f, "%ld,%d,%s,%.9g,%.9g,%.9g,%.9g,%.9g,%.9g,%.9g,%.9g,%.9g,%.9g,%.9g\n", update,
                    r->layer, trn_layer_kind_name(r->kind), r->mean, r->std, r->pct[0], r->pct[1],
                    r->pct[2], r->pct[3], r->pct[4], r->saturated, r->delta_var, r->wgrad_var,
                    r->grad_ratio);
        }
    }
    fflush(f);
}

static trn_status open_logs(const char *path, int resume, logs *lg, char *err, size_t errlen) {
    memset(lg, 0, sizeof *lg);
    if (!path) return TRN_OK;
    size_t l = strlen(path);
    lg->json =
        (l > 6 && !strcmp(path + l - 6, ".jsonl")) || (l > 5 && !strcmp(path + l - 5, ".json"));
    lg->main = fopen(path, resume ? "a" : "w");
    if (!lg->main) {
        snprintf(err, errlen, "%s: cannot write the metrics log", path);
        return TRN_E_IO;
    }
    if (!lg->json) {
        if (!resume)
            fprintf(lg->main, "epoch,update,lr,train_loss,train_acc,valid_loss,valid_acc,test_loss,"
                              "test_acc,seconds\n");
        char ip[4096];
        snprintf(ip, sizeof ip, "%.*s.instruments.csv",
                 (int)(l > 4 && !strcmp(path + l - 4, ".csv") ? l - 4 : l), path);
        lg->instr = fopen(ip, resume ? "a" : "w");
        if (!lg->instr) {
            fclose(lg->main);
            snprintf(err, errlen, "%s: cannot write the instruments log", ip);
            return TRN_E_IO;
        }
        if (!resume)
            fprintf(lg->instr, "update,layer,kind,mean,std,p2,p16,p50,p84,p98,saturated,delta_var,"
                               "wgrad_var,grad_ratio\n");
    }
    return TRN_OK;
}

static void close_logs(logs *lg) {
    if (lg->main) fclose(lg->main);
    if (lg->instr) fclose(lg->instr);
}

/* ---- the loop --------------------------------------------------------------------- */

static void progress(const trn_train_cfg *c, int tty, long epoch, long pos, size_t n, long update,
                     double loss) {
    if (!c->progress || !tty) return;
    int width = 30, done = (int)(width * (double)pos / (double)n);
    fprintf(stderr, "\repoch %ld [", epoch + 1);
    for (int i = 0; i < width; i++)
        fputc(i < done ? '=' : ' ', stderr);
    fprintf(stderr, "] update %ld loss %.4f ", update, loss);
}

trn_status trn_train(trn_net *net, const trn_split *data, const trn_train_cfg *c, trn_result *res,
                     char *err, size_t errlen) {
    memset(res, 0, sizeof *res);
    const trn_data *tr = &data->train;
    trn_status s = trn_check_data(net, tr, c->loss, err, errlen);
    if (s) return s;
    if (data->valid.n && (s = trn_check_data(net, &data->valid, c->loss, err, errlen))) return s;
    if (data->test.n && (s = trn_check_data(net, &data->test, c->loss, err, errlen))) return s;
    if (c->batch == 0 || (c->epochs <= 0 && c->updates <= 0)) {
        snprintf(err, errlen, "training needs a batch size >= 1 and epochs or updates >= 1");
        return TRN_E_RANGE;
    }
    if (tr->n > UINT32_MAX) {
        snprintf(err, errlen, "%s: more than 2^32 examples", tr->name);
        return TRN_E_RANGE;
    }
    size_t B = c->batch < tr->n ? c->batch : tr->n;
    trn_ckpt_state st;
    memset(&st, 0, sizeof st);
    trn_opt *opt = NULL;
    if (c->resume) {
        trn_net *loaded;
        s = trn_ckpt_load(c->resume, &loaded, &opt, &st, err, errlen);
        if (s) return s;
        if (strcmp(loaded->spec, net->spec) || st.n_perm != tr->n) {
            snprintf(err, errlen,
                     "%s: saved for network '%s' and %zu examples; this run has '%s' and %zu",
                     c->resume, loaded->spec, st.n_perm, net->spec, tr->n);
            trn_net_free(loaded);
            trn_opt_free(opt);
            free(st.perm);
            return TRN_E_SHAPE;
        }
        memcpy(net->params, loaded->params, net->nparams * sizeof(float));
        trn_net_free(loaded);
        B = st.batch;
    } else {
        trn_rng_seed(&st.rng, c->seed);
        trn_net_init(net, c->init, c->bias, &st.rng);
        if ((s = trn_opt_new(&c->opt, net->nparams, &opt))) return s;
        st.loss = c->loss;
        st.opt = c->opt;
        st.sched = c->sched;
        st.seed = c->seed;
        st.batch = B;
        st.n_perm = tr->n;
        st.perm = malloc(tr->n * sizeof *st.perm);
        if (!st.perm) {
            trn_opt_free(opt);
            return TRN_E_NOMEM;
        }
        for (size_t i = 0; i < tr->n; i++)
            st.perm[i] = (uint32_t)i;
    }
    long steps_per_epoch = (long)((tr->n + B - 1) / B);
    if (c->updates <= 0 && c->epochs > LONG_MAX / steps_per_epoch) {
        snprintf(err, errlen, "%ld epochs of %ld updates: more updates than a long holds",
                 c->epochs, steps_per_epoch);
        trn_opt_free(opt);
        free(st.perm);
        return TRN_E_RANGE;
    }
    long total = c->updates > 0 ? c->updates : c->epochs * steps_per_epoch;
    int have_ckpt = c->resume && c->save && !strcmp(c->resume, c->save); /* one on disk */
    logs lg;
    if ((s = open_logs(c->log, c->resume != NULL, &lg, err, errlen))) {
        trn_opt_free(opt);
        free(st.perm);
        return s;
    }
    float *xb = malloc(B * tr->dim * sizeof(float));
    int32_t *lb = malloc(B * sizeof(int32_t));
    float *yb = malloc(B * (tr->targets ? tr->targets : 1) * sizeof(float));
    int ninstr = net->nl;
    trn_instr *rec = calloc((size_t)ninstr, sizeof *rec);
    size_t ni = data->test.n < c->instrument_n ? data->test.n : c->instrument_n;
    const trn_data *idata = data->test.n ? &data->test : tr;
    if (!data->test.n && tr->n < ni) ni = tr->n;
    if (!data->test.n) ni = tr->n < c->instrument_n ? tr->n : c->instrument_n;
    if (!xb || !lb || !yb || !rec || trn_net_reserve(net, B > ni ? B : ni)) {
        s = TRN_E_NOMEM;
        goto done;
    }
    int tty = isatty(2);
    /* plain SGD: backward and update fused (trn_net_backward_sgd) */
    int fused = st.opt.kind == TRN_OPT_SGD && st.opt.momentum == 0 && st.opt.weight_decay == 0;
    trn_net_zero_grad(net);
    double t0 = now(), run_loss = 0, run_correct = 0;
    long run_n = 0;
    int checked = 0; /* the weights were scanned once in this run */
    if (c->instrument_every > 0 && st.update == 0) {
        trn_instrument(net, idata->x, idata->label, idata->y, ni, c->loss, c->sat_threshold, rec);
        log_instr(&lg, 0, rec, ninstr);
        if (c->on_instrument) c->on_instrument(c->ctx, 0, rec, ninstr);
    }
    while (st.update < total) {
        if (st.pos == 0) /* a new epoch: a new order (Fisher-Yates) */
            for (size_t i = tr->n - 1; i > 0; i--) {
                size_t j = (size_t)trn_rng_below(&st.rng, i + 1);
                uint32_t t = st.perm[i];
                st.perm[i] = st.perm[j];
                st.perm[j] = t;
            }
        size_t m = tr->n - (size_t)st.pos < B ? tr->n - (size_t)st.pos : B;
        gather(tr, st.perm + st.pos, m, xb, lb, yb);
        const float *out = trn_net_forward(net, xb, m, 1, &st.rng);
        double loss = trn_net_loss(net, c->loss, tr->label ? lb : NULL, tr->y ? yb : NULL, m);
        const char *what = "loss";
        int bad = isfinite(loss) ? -1 : net->nl - 1;
        double lr = trn_sched_lr(&st.sched, st.opt.lr, st.update, total);
        if (bad < 0) {
            if (fused) {
                trn_net_backward_sgd(net, (float)lr);
                trn_opt_set_steps(opt, trn_opt_steps(opt) + 1);
            } else {
                trn_net_zero_grad(net);
                trn_net_backward(net);
            }
            bad = fused ? trn_net_first_nonfinite_sgd_step(net, (float)lr, !checked, &what)
                        : trn_net_first_nonfinite(net, &what);
            checked = 1;
        }
        if (bad >= 0) {
            if (tty && c->progress) fputc('\n', stderr);
            snprintf(
                err, errlen,
                "training stopped at update %ld (epoch %ld): %s in the %s of layer %d (%s)%s%s",
                st.update + 1, st.epoch + 1, isnan(loss) ? "NaN" : "a non-finite value", what, bad,
                trn_layer_kind_name(net->L[bad].kind), c->save ? "; " : "",
                !c->save    ? ""
                : have_ckpt ? "the last checkpoint is kept"
                            : "no checkpoint was saved yet");
            s = TRN_E_NUMERIC;
            goto done;
        }
        if (tr->label && c->loss == TRN_LOSS_XENT)
            run_correct += (double)count_correct(out, net->outputs, lb, m);
        run_loss += loss * (double)m;
        run_n += (long)m;
        if (!fused) trn_opt_step(opt, net->params, net->grads, net->nparams, lr);
        st.update++;
        st.pos += (long)m;
        int epoch_end = (size_t)st.pos >= tr->n;
        if (epoch_end) {
            st.pos = 0;
            st.epoch++;
        }
        if (st.update % 16 == 0 || epoch_end)
            progress(c, tty, st.epoch - epoch_end, epoch_end ? (long)tr->n : st.pos, tr->n,
                     st.update, run_loss / (double)run_n);
        if (c->instrument_every > 0 && st.update % c->instrument_every == 0) {
            trn_instrument(net, idata->x, idata->label, idata->y, ni, c->loss, c->sat_threshold,
                           rec);
            log_instr(&lg, st.update, rec, ninstr);
            if (c->on_instrument) c->on_instrument(c->ctx, st.update, rec, ninstr);
        }
        int last = st.update >= total;
        if (epoch_end || last) {
            res->train_loss = run_loss / (double)run_n;
            res->train_acc = tr->label ? run_correct / (double)run_n : NAN;
            res->valid_loss = res->valid_acc = res->test_loss = res->test_acc = NAN;
            if (c->eval_every_epoch || last) {
                if (data->valid.n)
                    trn_evaluate(net, &data->valid, c->loss, 256, &res->valid_loss, &res->valid_acc,
                                 err, errlen);
                if (data->test.n)
                    trn_evaluate(net, &data->test, c->loss, 256, &res->test_loss, &res->test_acc,
                                 err, errlen);
                trn_net_reserve(net, B);
            }
            double lr_now = trn_sched_lr(&st.sched, st.opt.lr, st.update - 1, total);
            log_epoch(&lg, st.epoch, st.update, lr_now, res, now() - t0);
            if (c->progress && (epoch_end || last)) {
                if (tty) fputc('\n', stderr);
                fprintf(
                    stderr,
                    "epoch %ld update %ld train_loss %.5f valid_%s %.5f test_%s %.5f (%.1f s)\n",
                    st.epoch, st.update, res->train_loss, tr->y ? "rmse" : "acc", res->valid_acc,
                    tr->y ? "rmse" : "acc", res->test_acc, now() - t0);
            }
            if (c->on_epoch)
                c->on_epoch(c->ctx, st.epoch, st.update, res->train_loss,
                            tr->label ? 1 - res->valid_acc : res->valid_acc,
                            tr->label ? 1 - res->test_acc : res->test_acc);
            run_loss = run_correct = 0;
            run_n = 0;
        }
        if (c->save &&
            (epoch_end || last || (c->save_every > 0 && st.update % c->save_every == 0))) {
            if ((s = trn_ckpt_save(c->save, net, opt, &st, err, errlen))) goto done;
            have_ckpt = 1;
        }
    }
    res->epochs = st.epoch;
    res->updates = st.update;
    res->seconds = now() - t0;
    if (tr->y) {
        res->test_rmse = res->test_acc;
    } else {
        res->test_rmse = NAN;
    }
done:
    close_logs(&lg);
    free(xb);
    free(lb);
    free(yb);
    free(rec);
    free(st.perm);
    trn_opt_free(opt);
    return s;
}
