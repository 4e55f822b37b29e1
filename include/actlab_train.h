/*
 * actlab_train.h - the trainer: feedforward networks over the activation
 * catalog, their data, losses, optimizers, checkpoints and instruments.
 * Prefix trn_. Links libactlab (the catalog), CBLAS (OpenBLAS) and zlib.
 *
 * Conventions:
 *   - Functions that can fail return trn_status and write one line naming the
 *     file, the value and the problem into the caller's err buffer
 *     (TRN_ERRLEN bytes).
 *   - The caller owns what it allocates and frees what trn_*_new returns with
 *     the matching trn_*_free. No global mutable state: every random draw
 *     comes from a trn_rng the caller passes.
 *   - Matrices are row-major float32; a batch is (n, dim).
 *   - Parameter gradients accumulate; trn_net_zero_grad clears them.
 */
#ifndef ACTLAB_TRAIN_H
#define ACTLAB_TRAIN_H

#include "actlab.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TRN_ERRLEN 512

typedef enum {
    TRN_OK = 0,
    TRN_E_IO,     /* cannot open, read or write a file */
    TRN_E_FORMAT, /* a file's contents are malformed */
    TRN_E_SPEC,   /* a network, data, optimizer or schedule spec is malformed */
    TRN_E_SHAPE,  /* sizes disagree (inputs vs network, labels vs classes) */
    TRN_E_NOMEM,
    TRN_E_NUMERIC, /* NaN or inf in a loss, activation or gradient */
    TRN_E_RANGE,   /* a value is out of range */
    TRN_STATUS_COUNT
} trn_status;

const char *trn_status_name(trn_status s);

/* ---- random numbers (xoshiro256**) -------------------------------------- */
typedef struct {
    uint64_t s[4];
} trn_rng;

void trn_rng_seed(trn_rng *r, uint64_t seed);
uint64_t trn_rng_u64(trn_rng *r);
double trn_rng_uniform(trn_rng *r);             /* [0, 1) */
double trn_rng_normal(trn_rng *r);              /* N(0, 1) */
uint64_t trn_rng_below(trn_rng *r, uint64_t n); /* [0, n), unbiased */

/* ---- data ---------------------------------------------------------------- */

/* A data set in memory: n examples of dim floats; for classification an
   integer label per example in [0, classes); for regression `targets`
   values per example. */
typedef struct {
    size_t n, dim;
    float *x;          /* (n, dim) */
    int32_t *label;    /* (n) or NULL */
    int classes;       /* 0 for regression */
    size_t targets;    /* regression outputs per example (0 for classification) */
    float *y;          /* (n, targets) or NULL */
    size_t rows, cols; /* image geometry when known (0 otherwise) */
    char name[128];
} trn_data;

/* train / validation / test, as returned by trn_data_load */
typedef struct {
    trn_data train, valid, test;
} trn_split;

void trn_data_free(trn_data *d);
void trn_split_free(trn_split *s);

/* IDX files (MNIST format), plain or gzip. Checks magic, element type,
   dimension count, sizes against the file size and overflow. */
trn_status trn_idx_read_images(const char *path, trn_data *out, char *err, size_t errlen);
trn_status trn_idx_read_labels(const char *path, int32_t **labels, size_t *n, char *err,
                               size_t errlen);
/* CSV: numbers separated by commas; header detected or forced; the label
   column (index, or -1 for the last; regression when `regression`). */
typedef struct {
    int header;     /* -1 detect, 0 none, 1 present */
    int label_col;  /* -1 last */
    int regression; /* the label column is a real-valued target */
} trn_csv_opts;
trn_status trn_csv_read(const char *path, const trn_csv_opts *o, trn_data *out, char *err,
                        size_t errlen);

/* The data argument of the command line:
     circles(n=,noise=,factor=) moons(n=,noise=) spirals(n=,k=,noise=) xor(n=,noise=)
     blobs(n=,k=,dim=,std=) regress(f=EXPR,n=,dim=,noise=) shapeset(n=,size=)
     fashion-mnist | mnist-dir:DIR or a directory | csv:FILE | csv(label=,header=,regression=):FILE
   regress also takes lo=, hi= (the input interval) and the named targets
   sine, kink, steep, chirp (dim 1) and bump (dim 2).
   Generated sets use the seed; splits follow `valid` and `test` fractions for
   sets without their own test part. Features are scaled as the source says
   (images to [0,1]). */
typedef struct {
    uint64_t seed;
    double valid_frac; /* of the training part, default 0.1 (1/6 gives Glorot & Bengio's 50000/10000
                          split of the 60000 MNIST-format training images) */
    double test_frac;  /* for generated and CSV sets, default 0.2 */
    int standardize;   /* 1: zero mean, unit variance from the training part */
    size_t limit;      /* use at most this many training examples (0: all) */
} trn_data_opts;
void trn_data_opts_default(trn_data_opts *o);
trn_status trn_data_load(const char *spec, const trn_data_opts *o, trn_split *out, char *err,
                         size_t errlen);
/* Where Debian's dataset-fashion-mnist puts its files (NULL if absent). */
const char *trn_fashion_mnist_dir(void);

/* ---- networks ------------------------------------------------------------ */

typedef enum {
    TRN_LAYER_DENSE,
    TRN_LAYER_ACT,   /* a catalog function, elementwise or row */
    TRN_LAYER_PRELU, /* learnable slopes: one shared or one per unit */
    TRN_LAYER_RRELU, /* random slope in training, mean slope in evaluation */
    TRN_LAYER_NOISY, /* Gulcehre et al. 2016 noisy hard-tanh/-sigmoid, learnable p per unit */
    TRN_LAYER_DROPOUT,
    TRN_LAYER_KIND_COUNT
} trn_layer_kind;

typedef enum { TRN_LOSS_XENT, TRN_LOSS_MSE, TRN_LOSS_BCE, TRN_LOSS_COUNT } trn_loss;

typedef enum {
    TRN_INIT_STANDARD,   /* Glorot & Bengio eq. 1: U[-1/sqrt(n_in), 1/sqrt(n_in)] */
    TRN_INIT_NORMALIZED, /* eq. 16: U[-sqrt(6/(n_in+n_out)), +...] */
    TRN_INIT_HE_NORMAL,
    TRN_INIT_HE_UNIFORM,
    TRN_INIT_LECUN_NORMAL,
    TRN_INIT_ORTHOGONAL,
    TRN_INIT_COUNT
} trn_init;

typedef struct trn_net trn_net;

/* Parses "784-1000:tanh-1000:tanh-10" (or the text of a spec file: one
   layer per line "dense 1000", "act tanh", "dropout 0.5", '#' comments).
   Layer syntax after a size: ":SPEC" an activation (catalog spec, or prelu /
   prelu(per_unit=1), rrelu, noisy_hard_tanh... in their trainable forms),
   ":dropout(p=0.5)". The last size feeds the loss.
   Dense layers multiply minibatches of at most 12 rows with the trainer's
   own AVX-512 kernels where the catalog's active variant is AVX-512 (no
   per-call packing of the weights; on as many threads as OpenBLAS has,
   through a pool the net makes at first use), OpenBLAS otherwise; the
   environment
   variable ACTLAB_SMALL_GEMM=0, read here, keeps OpenBLAS for every size. */
trn_status trn_net_new(const char *spec, trn_net **out, char *err, size_t errlen);
void trn_net_free(trn_net *net);
const char *trn_net_spec(const trn_net *net);
size_t trn_net_inputs(const trn_net *net);
size_t trn_net_outputs(const trn_net *net);
size_t trn_net_nparams(const trn_net *net);
int trn_net_nlayers(const trn_net *net);
trn_layer_kind trn_net_layer_kind(const trn_net *net, int layer);
/* units (output width) of a layer */
size_t trn_net_layer_width(const trn_net *net, int layer);
/* dense layers: weights (n_out, n_in) and bias (n_out); NULL otherwise */
float *trn_net_weights(trn_net *net, int layer, size_t *n_out, size_t *n_in);
float *trn_net_bias(trn_net *net, int layer);
float *trn_net_weight_grad(trn_net *net, int layer);
/* all parameters and gradients as flat arrays of trn_net_nparams floats */
float *trn_net_params(trn_net *net);
float *trn_net_grads(trn_net *net);
/* any layer's parameters (count in *n; NULL when it has none) and gradients */
float *trn_net_layer_params(trn_net *net, int layer, size_t *n);
float *trn_net_layer_grads(trn_net *net, int layer);
/* the catalog function of an ACT/PRELU/RRELU/NOISY layer */
const act_fn *trn_net_layer_fn(const trn_net *net, int layer);
const char *trn_layer_kind_name(trn_layer_kind k);

void trn_net_init(trn_net *net, trn_init init, float bias, trn_rng *rng);
const char *trn_init_name(trn_init i);
trn_status trn_init_parse(const char *s, trn_init *out, char *err, size_t errlen);

/* Prepares buffers for batches of up to `batch` examples (no allocation
   after this in forward/backward). */
trn_status trn_net_reserve(trn_net *net, size_t batch);
/* Forward pass on n examples; training mode enables dropout, rrelu noise and
   noisy activations (drawn from rng). Returns the output (n, outputs), owned
   by the net. */
const float *trn_net_forward(trn_net *net, const float *x, size_t n, int training, trn_rng *rng);
/* the output of a layer and its input (the batch itself for layer 0), from
   the last forward; trn_net_batch is that forward's n */
const float *trn_net_layer_output(const trn_net *net, int layer);
const float *trn_net_layer_input(const trn_net *net, int layer);
size_t trn_net_batch(const trn_net *net);
/* Loss of the last forward against labels or targets (mean over n), and the
   gradient of it w.r.t. the outputs written into the net for backward.
   Returns NaN on a label outside [0, outputs). */
double trn_net_loss(trn_net *net, trn_loss loss, const int32_t *labels, const float *targets,
                    size_t n);
/* Backward pass of the last forward: accumulates parameter gradients, and
   keeps each layer's back-propagated gradient (dL/d input of layer; NULL for
   a first dense layer, whose input gradient is not computed). */
void trn_net_backward(trn_net *net);
const float *trn_net_layer_delta(const trn_net *net, int layer);
/* The fused training step for plain SGD (no momentum, no weight decay):
   backward and p -= lr dL/dp in one pass over the weights; the gradients are
   not kept (the parameter gradient buffer stays zero). */
void trn_net_backward_sgd(trn_net *net, float lr);
void trn_net_zero_grad(trn_net *net);
/* checks every float of activations, loss gradient and parameter gradients;
   returns the first layer index holding a non-finite value, or -1 */
int trn_net_first_nonfinite(const trn_net *net, const char **what);
/* the same after trn_net_backward_sgd, without the parameter gradients (that
   buffer stays zero there): a third less to read at every update */
int trn_net_first_nonfinite_sgd(const trn_net *net, const char **what);
/* The same answer as trn_net_first_nonfinite_sgd after a trn_net_backward_sgd
   step with this lr, without reading every weight at every step: the batch's
   activations and gradients are scanned (with their largest magnitudes), and
   a dense layer's weights only when the growth they can have had since their
   last scan, lr n max|dz| max(max|x|, 1) per step summed, could have carried
   a weight near the float range (2^126); other layers' parameters are
   scanned every time. first != 0 forgets what earlier calls proved: pass it
   on the first step and whenever the parameters were written another way. */
int trn_net_first_nonfinite_sgd_step(trn_net *net, float lr, int first, const char **what);

/* ---- optimizers and schedules ------------------------------------------- */

typedef enum { TRN_OPT_SGD, TRN_OPT_ADAM, TRN_OPT_ADAMW } trn_opt_kind;
typedef struct {
    trn_opt_kind kind;
    double lr, momentum, weight_decay, beta1, beta2, eps;
    int nesterov;
} trn_opt_cfg;
typedef enum { TRN_SCHED_CONSTANT, TRN_SCHED_STEP, TRN_SCHED_COSINE } trn_sched_kind;
typedef struct {
    trn_sched_kind kind;
    long step_size; /* step: every step_size updates multiply by gamma */
    double gamma;
    long total; /* cosine: updates to reach min_lr (0: the run's total) */
    double min_lr;
    long warmup; /* linear warm-up over this many updates */
} trn_sched_cfg;

/* "sgd(lr=0.1,momentum=0.9,nesterov=1,weight_decay=0)", "adam(lr=1e-3)", "adamw(...)" */
trn_status trn_opt_parse(const char *spec, trn_opt_cfg *out, char *err, size_t errlen);
/* "constant", "step(step=1000,gamma=0.5)", "cosine(total=0,min_lr=0)", each with warmup=N */
trn_status trn_sched_parse(const char *spec, trn_sched_cfg *out, char *err, size_t errlen);
double trn_sched_lr(const trn_sched_cfg *s, double base_lr, long update, long total);

typedef struct trn_opt trn_opt;
trn_status trn_opt_new(const trn_opt_cfg *cfg, size_t nparams, trn_opt **out);
void trn_opt_free(trn_opt *o);
/* one update of params with grads at learning rate lr */
void trn_opt_step(trn_opt *o, float *params, const float *grads, size_t n, double lr);
/* optimizer state for checkpoints: the moments and the step count */
size_t trn_opt_state_size(const trn_opt *o);
float *trn_opt_state(trn_opt *o);
long trn_opt_steps(const trn_opt *o);
void trn_opt_set_steps(trn_opt *o, long t);

/* ---- instruments ------------------------------------------------------------ */

/* What one layer looks like on a fixed set of examples (Glorot & Bengio
   2010): for activation layers, the distribution of its outputs and the
   back-propagated gradient at its input; for dense layers the weight
   gradient. NaN where a figure does not apply. */
typedef struct {
    int layer;
    trn_layer_kind kind;
    double mean, std;  /* of the layer's outputs */
    double pct[5];     /* 2, 16, 50, 84, 98th percentiles of the outputs */
    double saturated;  /* activation layers: fraction of units with |f'(u)| < threshold */
    double delta_var;  /* variance of dL/d(input) (the pre-activation for act layers) */
    double wgrad_var;  /* dense: variance of dL/dW */
    double grad_ratio; /* dense: ||dL/dW|| / ||W|| */
} trn_instr;

/* Runs forward (evaluation mode) and backward on (x, labels) and fills one
   record per layer (out must hold trn_net_nlayers). Leaves the parameter
   gradients zeroed. `sat_threshold` is the |f'| below which a unit counts
   as saturated. */
trn_status trn_instrument(trn_net *net, const float *x, const int32_t *labels, const float *targets,
                          size_t n, trn_loss loss, double sat_threshold, trn_instr *out);

/* ---- training -------------------------------------------------------------- */

typedef struct {
    size_t batch; /* minibatch size (default 32) */
    long epochs;  /* stop after this many epochs (0: use updates) */
    long updates; /* stop after this many updates (0: use epochs) */
    uint64_t seed;
    trn_init init;
    float bias; /* initial bias */
    trn_opt_cfg opt;
    trn_sched_cfg sched;
    trn_loss loss;
    long instrument_every; /* every K updates (0: never) */
    double sat_threshold;  /* default 0.01 (unused when not instrumenting) */
    size_t instrument_n;   /* examples of the test set used (default 300) */
    const char *log;       /* metrics file: .csv or .jsonl (NULL: none) */
    const char *save;      /* checkpoint path (NULL: none) */
    long save_every;       /* also every K updates (0: at the end of each epoch only) */
    const char *resume;    /* checkpoint to continue from (NULL: start) */
    int progress;          /* 0 quiet, 1 a bar on a terminal or lines otherwise */
    int eval_every_epoch;  /* evaluate valid/test after each epoch (default 1) */
    /* called after each instrument pass and each epoch; may be NULL */
    void (*on_instrument)(void *ctx, long update, const trn_instr *rec, int nrec);
    void (*on_epoch)(void *ctx, long epoch, long update, double train_loss, double valid_err,
                     double test_err);
    void *ctx;
} trn_train_cfg;

void trn_train_cfg_default(trn_train_cfg *c);

typedef struct {
    long epochs, updates;
    double train_loss, train_acc; /* running mean over the last epoch */
    double valid_loss, valid_acc, test_loss, test_acc, test_rmse;
    double seconds;
} trn_result;

/* Trains net on data (train part), evaluating on valid and test. Stops with
   TRN_E_NUMERIC and a message naming the layer and update at the first
   non-finite loss, activation or gradient; the last checkpoint stays. */
trn_status trn_train(trn_net *net, const trn_split *data, const trn_train_cfg *cfg, trn_result *res,
                     char *err, size_t errlen);

/* Mean loss and accuracy (classification) or RMSE (regression) over d. */
trn_status trn_evaluate(trn_net *net, const trn_data *d, trn_loss loss, size_t batch,
                        double *loss_out, double *acc_or_rmse, char *err, size_t errlen);
/* Checks that data fits the network (inputs, classes/targets, loss). */
trn_status trn_check_data(const trn_net *net, const trn_data *d, trn_loss loss, char *err,
                          size_t errlen);

/* ---- checkpoints ------------------------------------------------------------ */
/* A checkpoint (docs/checkpoint.md): magic "ACTLABCK", version, a text header
   (spec, loss, optimizer, counters), the RNG state, the data order, the
   parameters and the optimizer state, and a CRC-32 of everything before it.
   Written atomically (temporary file, fsync, rename). */
typedef struct {
    trn_loss loss;
    trn_opt_cfg opt;
    trn_sched_cfg sched;
    uint64_t seed;
    size_t batch;
    long epoch, update, pos; /* progress: completed epochs, updates, position in the epoch */
    trn_rng rng;
    uint32_t *perm; /* data order of the current epoch (n_perm) */
    size_t n_perm;
} trn_ckpt_state;

trn_status trn_ckpt_save(const char *path, const trn_net *net, const trn_opt *opt,
                         const trn_ckpt_state *st, char *err, size_t errlen);
/* Loads a checkpoint: creates the net (and the optimizer when opt != NULL)
   and fills st (st->perm is allocated; free it). */
trn_status trn_ckpt_load(const char *path, trn_net **net, trn_opt **opt, trn_ckpt_state *st,
                         char *err, size_t errlen);
const char *trn_loss_name(trn_loss l);
trn_status trn_loss_parse(const char *s, trn_loss *out, char *err, size_t errlen);

#ifdef __cplusplus
}
#endif
#endif
