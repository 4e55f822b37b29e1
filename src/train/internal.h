/*
 * internal.h - the trainer's private structures, shared by its files.
 */
#ifndef TRN_INTERNAL_H
#define TRN_INTERNAL_H

#include "actlab_train.h"

#include <math.h>

#define TRN_MAX_LAYERS 64
#define TRN_SPEC_MAX 1024

typedef struct {
    trn_layer_kind kind;
    size_t in, out; /* widths of the input and output rows */
    act_fn fn;      /* ACT, PRELU (init), RRELU (lower, upper), NOISY */
    size_t nparam;
    float *param; /* DENSE: W (out, in) then b (out); PRELU: slopes; NOISY: p (out) */
    float *grad;  /* same layout as param */
    int per_unit; /* PRELU: one slope per unit */
    float drop_p; /* DROPOUT */
    int noisy_sigmoid, half_normal; /* NOISY */
    double alpha, c, p0;
    float *y;      /* (batch, out) output */
    float *delta;  /* (batch, in) dL/d input */
    float *aux;    /* (batch, out) dropout mask, rrelu slopes, noisy eps */
    double pbound; /* DENSE: a bound on max |param| (trn_net_first_nonfinite_sgd_step) */
} trn_layer;

struct trn_net {
    char spec[TRN_SPEC_MAX];
    size_t inputs, outputs, nparams;
    int nl;
    trn_layer L[TRN_MAX_LAYERS];
    float *params, *grads; /* one allocation each, carved per layer */
    float *buf;            /* per-batch buffers */
    size_t cap, n;         /* reserved batch, last batch */
    const float *x;        /* input of the last forward */
    float *dout;           /* (batch, outputs) dL/d output */
    int training;
    int small_gemm; /* dense products of <= TRN_SMALL_ROWS rows by gemm_small.c */
    act_pool *pool; /* their threads beyond the caller's, made at first use */
};

#endif
