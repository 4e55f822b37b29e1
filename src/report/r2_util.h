/*
 * r2_util.h - helpers shared by the report sections linear, uat and classify:
 * loading a generated set, training a network with one call, and drawing the
 * decision regions of a two-class network (P(class 1) as a colour map with
 * the points on top). Prefix r2_.
 */
#ifndef ACT_REPORT_R2_UTIL_H
#define ACT_REPORT_R2_UTIL_H

#include "report/report.h"

#include <stdint.h>

/* how a network is trained: Adam, a schedule, a fixed number of epochs or updates */
typedef struct {
    double lr;  /* Adam's learning rate */
    int cosine; /* 1: cosine decay to lr/100 over the run; 0: constant */
    size_t batch;
    long epochs; /* 0: use updates */
    long updates;
    trn_loss loss;
    trn_init init; /* initial weights; biases start at 0 */
} r2_train_cfg;

/* Seeds that the command line accepts (actlab train --seed takes a long >= 0):
   the report's named seed folded to 31 bits. */
uint64_t r2_seed(const rpt_ctx *c, const char *what);

/* trn_data_load(spec) with the defaults (valid 0.1, test 0.2, no
   standardisation) and `seed`; returns 0, or -1 after rpt_fail. */
int r2_load(rpt_ctx *c, const char *spec, uint64_t seed, trn_split *out);

/* Creates the network `spec`, initialises it (tc->init, bias 0) and trains
   it on s with `seed`; *net is the trained net (free it). Returns 0, or -1
   after rpt_fail. */
int r2_train(rpt_ctx *c, const char *spec, const trn_split *s, const r2_train_cfg *tc,
             uint64_t seed, trn_net **net, trn_result *res);
/* the same, safe to call from several threads: the message goes to err */
trn_status r2_train_err(const char *spec, const trn_split *s, const r2_train_cfg *tc, uint64_t seed,
                        trn_net **net, trn_result *res, char *err, size_t errlen);

/* "adam(lr=0.01), cosine decay to lr/100, batch 32, 200 epochs" */
void r2_describe_cfg(const r2_train_cfg *tc, char *buf, size_t len);

/* A box around the points of d1 and d2 (d2 may be NULL) with a margin of
   `margin` times the larger side. */
void r2_bounds(const trn_data *d1, const trn_data *d2, double margin, double box[4]);

/* P(class 1) of a two-class network (softmax of two outputs, or the sigmoid
   of one) at the centres of an nx-by-ny grid over box (x0, x1, y0, y1); row
   j = 0 is the bottom row, as plt_image wants. Returns 0, or -1 (no memory). */
int r2_prob_grid(trn_net *net, int nx, int ny, const double box[4], double *out);

/* A decision-region figure: the grid as a colour map, the points of d on
   top (class 0 blue, class 1 red). Returns NULL when out of memory. */
plt_figure *r2_region_figure(int w, int h, const char *title, const double *grid, int nx, int ny,
                             const double box[4], const trn_data *d);

/* Writes the grid (x, y, p) and the points (x, y, label) into one CSV. */
int r2_region_csv(rpt_ctx *c, const char *name, const double *grid, int nx, int ny,
                  const double box[4], const trn_data *d);

/* Runs job(ctx, i) for i in [0, njobs) on `threads` threads (the caller's
   included), taking indices in order; each job must write only its own
   results, so the outcome does not depend on the scheduling. Returns 0, or
   -1 when a thread could not be started (the jobs still all run). */
int r2_run_jobs(int threads, int njobs, void (*job)(void *ctx, int i), void *ctx);

/* "97.5%" */
void r2_pct(char *buf, size_t len, double frac);

#endif
