/*
 * actlab.h - the activation catalog.
 *
 * One header, libm only. Prefix act_. Every activation function that the major
 * frameworks ship, with a double-precision reference, float32 array kernels,
 * named parameters and properties that the library computes from the function.
 *
 * Conventions, stated once:
 *   - Kernels return nothing and assert their preconditions; they never allocate.
 *   - Forward writes y = f(x). Backward OVERWRITES dx = dy * f'(.) (it does not
 *     accumulate). In-place calls are supported: y may equal x, dx may equal dy
 *     (no pointer here is restrict). Arrays that overlap without being equal
 *     (y = x + 1) are not: the result is undefined.
 *   - Entry points that can fail return act_status and never fall back silently;
 *     they write a one-line message into the caller's buffer.
 *   - No global mutable state. The caller owns everything it allocates.
 *   - IEEE semantics are part of the contract: NaN in gives NaN out, +-inf gives
 *     the limit of f (NaN where there is none). Never build with fast-math.
 */
#ifndef ACTLAB_H
#define ACTLAB_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define ACT_VERSION "0.1.0"
#define ACT_MAX_PARAMS 4
#define ACT_MAX_ALIASES 8
#define ACT_MAX_KINKS 8
#define ACT_ERRLEN 256

typedef enum {
    ACT_OK = 0,
    ACT_E_SYNTAX,        /* the spec string is malformed */
    ACT_E_UNKNOWN_NAME,  /* no function or alias by that name */
    ACT_E_UNKNOWN_PARAM, /* the function has no parameter by that name */
    ACT_E_RANGE,         /* a parameter is out of range or not a number */
    ACT_E_KIND,          /* wrong kind of function for the call (row vs element) */
    ACT_E_NOMEM,
    ACT_STATUS_COUNT
} act_status;

const char *act_status_name(act_status s);

/* The catalog's ids: one per function, in the order of actlab/list.def. */
typedef enum {
#define ACT_FN(id) ACT_##id,
#include "actlab/list.def"
#undef ACT_FN
    ACT_COUNT
} act_id;

typedef enum { ACT_KIND_ELEMENTWISE, ACT_KIND_ROW } act_kind;

/* ---- parameters ------------------------------------------------------- */

enum {
    ACT_P_LO_OPEN = 1u << 0, /* lower bound excluded */
    ACT_P_HI_OPEN = 1u << 1, /* upper bound excluded */
    ACT_P_INTEGER = 1u << 2, /* value must be a whole number */
    ACT_P_CHOICE = 1u << 3,  /* value is an index into `choices` */
};

typedef struct {
    const char *name;
    double def;          /* default */
    double lo, hi;       /* valid range (may be -inf/+inf) */
    unsigned flags;      /* ACT_P_* */
    const char *choices; /* "none|tanh" when ACT_P_CHOICE */
    const char *doc;
} act_param;

/* ---- properties ---------------------------------------------------------- */

typedef enum { ACT_MONO_NONE, ACT_MONO_INCREASING, ACT_MONO_DECREASING } act_monotone;
typedef enum { ACT_SYM_NONE, ACT_SYM_ODD, ACT_SYM_EVEN } act_symmetry;
typedef enum { ACT_SAT_NONE, ACT_SAT_SOFT, ACT_SAT_HARD } act_saturation;
/* smoothness: -1 discontinuous, 0 continuous (C0), 1 C1, 2 C2 or smoother */
enum { ACT_SMOOTH_DISCONTINUOUS = -1, ACT_SMOOTH_C0 = 0, ACT_SMOOTH_C1 = 1, ACT_SMOOTH_C2 = 2 };

typedef struct {
    double inf, sup; /* range of f over the reals (limits included) */
    int bounded_below, bounded_above;
    act_monotone monotone; /* non-strict: f(a) <= f(b) for a < b */
    int zero_centred;      /* f(0) == 0 */
    act_symmetry symmetry;
    int smoothness;      /* ACT_SMOOTH_* */
    int n_kinks;         /* non-differentiable points found (capped) */
    int kinks_truncated; /* more than ACT_MAX_KINKS exist */
    double kinks[ACT_MAX_KINKS];
    double sup_df;                      /* sup |f'| */
    act_saturation sat_left, sat_right; /* Gulcehre et al. 2016, Def. 2.1-2.2 */
    int uat_article;                    /* nonconstant, bounded, monotone increasing, continuous */
    int uat_leshno;                     /* not a polynomial (Leshno et al. 1993) */
} act_props;

/* ---- descriptors ------------------------------------------------------ */

typedef double (*act_scalar_fn)(double x, const double *p);
typedef void (*act_fwd_kernel)(const double *p, size_t n, const float *x, float *y);
typedef void (*act_bwd_kernel)(const double *p, size_t n, const float *xy, const float *dy,
                               float *dx);
typedef void (*act_row_fwd_kernel)(const double *p, size_t rows, size_t cols, const float *x,
                                   float *y);
typedef void (*act_row_bwd_kernel)(const double *p, size_t rows, size_t cols, const float *x,
                                   const float *y, const float *dy, float *dx);

typedef struct {
    const char *name;   /* the alias */
    const char *preset; /* parameters it sets, in spec syntax ("beta=1"), or "" */
    const char *origin; /* who calls it that */
} act_alias;

typedef struct act_desc {
    const char *name; /* canonical snake_case name */
    act_kind kind;
    const char *summary; /* one line */
    const char
        *formula; /* f(x) as an expression (act_expr syntax); the tests evaluate it in MPFR */
    const char *dformula; /* f'(x) as an expression, with the convention at kinks */
    const char *origin;   /* where it comes from */
    const char *notes;    /* conventions: value at non-differentiable points, cutoffs */
    int nparams;
    act_param params[ACT_MAX_PARAMS];
    act_alias aliases[ACT_MAX_ALIASES];
    /* cross-parameter check (e.g. clip min <= max); NULL when none. Returns 0 and
       writes msg when invalid. */
    int (*check)(const double *p, char *msg, size_t len);
    /* double-precision reference */
    act_scalar_fn f, df;
    act_scalar_fn dfy;              /* f' from the output y; NULL when not available */
    int (*dfy_ok)(const double *p); /* NULL: dfy valid for all parameters */
    /* float32 kernels (the portable scalar variant) */
    act_fwd_kernel fwd;
    act_bwd_kernel bwd_x, bwd_y;
    /* row (vector) functions */
    act_row_fwd_kernel row_fwd;
    act_row_bwd_kernel row_bwd;
    size_t (*out_cols)(const double *p, size_t cols); /* NULL: same as cols */
    /* piecewise-formula breakpoints (for smoothness checks); may depend on p */
    int (*breaks)(const double *p, double *out, int max);
    double plot_lo, plot_hi; /* a sensible range to draw */
    act_props declared;      /* the documented truth, at default parameters */
} act_desc;

/* A configured function: an id and its parameter values. */
typedef struct {
    act_id id;
    double p[ACT_MAX_PARAMS];
} act_fn;

/* ---- the catalog -------------------------------------------------------- */

const act_desc *act_describe(act_id id);
/* Finds a canonical name or an alias (case-insensitive, '-' = '_'). Fills fn with
   the defaults and the alias's presets. */
act_status act_lookup(const char *name, act_fn *fn);
/* Parses "name", "name()" or "name(p=v, q=w)". Values are numbers, inf, -inf, or
   one of a parameter's choices. On error writes a one-line message to err. An
   unknown name suggests the closest names. */
act_status act_parse(const char *spec, act_fn *fn, char *err, size_t errlen);
/* Checks every parameter against its range and the cross-parameter rule. */
act_status act_validate(const act_fn *fn, char *err, size_t errlen);
/* Writes the canonical spec: "name" or "name(p=v,...)" listing the parameters
   that differ from the defaults (all of them when `all`). Returns the length
   that was needed (snprintf-style). */
size_t act_format(const act_fn *fn, int all, char *buf, size_t len);
/* Up to max names (canonical or alias) closest to name, best first. */
int act_suggest(const char *name, const char **out, int max);

/* ---- evaluation ----------------------------------------------------------- */

double act_f(const act_fn *fn, double x);  /* reference f in double */
double act_df(const act_fn *fn, double x); /* reference f' in double */
int act_has_backward_y(const act_fn *fn);

void act_forward(const act_fn *fn, size_t n, const float *x, float *y);
/* dx = dy * f'(x) */
void act_backward_x(const act_fn *fn, size_t n, const float *x, const float *dy, float *dx);
/* dx = dy * f'(f^-1(y)), from the output; requires act_has_backward_y(fn). */
void act_backward_y(const act_fn *fn, size_t n, const float *y, const float *dy, float *dx);

/* Row functions (softmax, log_softmax, softmin, glu, maxout) work on a
   rows x cols row-major matrix and write rows x act_out_cols() values. */
size_t act_out_cols(const act_fn *fn, size_t cols);
act_status act_row_check(const act_fn *fn, size_t cols, char *err, size_t errlen);
void act_row_forward(const act_fn *fn, size_t rows, size_t cols, const float *x, float *y);
/* Vector-Jacobian product: dx (rows x cols) = J^T dy, from x and y = forward(x). */
void act_row_backward(const act_fn *fn, size_t rows, size_t cols, const float *x, const float *y,
                      const float *dy, float *dx);

/* ---- SIMD variants ------------------------------------------------------- */
/* The kernels above run the best variant this CPU supports, detected once
   (thread-safe); the environment variable ACTLAB_ISA=scalar|avx2|avx512,
   read at that moment, pins one. Functions without a SIMD variant use the
   portable scalar kernels, which stay the reference. */
typedef enum { ACT_ISA_SCALAR, ACT_ISA_AVX2, ACT_ISA_AVX512, ACT_ISA_COUNT } act_isa;

const char *act_isa_name(act_isa isa);
int act_isa_supported(act_isa isa); /* the CPU can run it */
act_isa act_isa_active(void);       /* what act_forward & co. use */
/* whether `id` has its own kernels for `isa` (scalar: always) */
int act_has_variant(act_id id, act_isa isa);
/* the kernels of one variant, for tests and benchmarks; a function without
   that variant runs its scalar kernels. Requires act_isa_supported(isa). */
void act_forward_isa(const act_fn *fn, act_isa isa, size_t n, const float *x, float *y);
void act_backward_x_isa(const act_fn *fn, act_isa isa, size_t n, const float *x, const float *dy,
                        float *dx);
void act_backward_y_isa(const act_fn *fn, act_isa isa, size_t n, const float *y, const float *dy,
                        float *dx);
void act_row_forward_isa(const act_fn *fn, act_isa isa, size_t rows, size_t cols, const float *x,
                         float *y);
void act_row_backward_isa(const act_fn *fn, act_isa isa, size_t rows, size_t cols, const float *x,
                          const float *y, const float *dy, float *dx);

/* ---- threads ------------------------------------------------------------- */
/* A pool of worker threads the caller creates once and passes to the _pool
   kernels, which split arrays of at least `min_chunk` elements per thread
   across it (below that they run on the calling thread). No thread is
   created per call, and the pool is the caller's: no global state. One call
   at a time per pool. */
typedef struct act_pool act_pool;
/* min_chunk 0 takes ACT_POOL_MIN_CHUNK (a split from 16 Ki floats on 2
   threads): on the machine measured (bench/pool.c, three runs in
   bench/README.md) a 2-thread split is 1.1x faster from 8-64 Ki floats for
   relu, 8-16 Ki for sigmoid and tanh, 0.5-4 Ki for gelu and mish. Idle
   workers spin for ~0.1-0.3 ms after a job before they sleep, so that calls
   in quick succession (a training loop) do not pay a wake-up each. */
#define ACT_POOL_MIN_CHUNK 8192
act_pool *act_pool_new(int threads, size_t min_chunk); /* NULL on failure; threads >= 1 */
void act_pool_free(act_pool *pool);
int act_pool_threads(const act_pool *pool);
void act_forward_pool(act_pool *pool, const act_fn *fn, size_t n, const float *x, float *y);
void act_backward_x_pool(act_pool *pool, const act_fn *fn, size_t n, const float *x,
                         const float *dy, float *dx);
/* Runs task(ctx, part, parts) for part = 0 .. parts - 1 at once, parts =
   act_pool_threads(pool), the caller taking part 0; returns when all are
   done. For work the caller splits itself (the trainer's small products);
   a NULL pool runs task(ctx, 0, 1). */
void act_pool_run(act_pool *pool, void (*task)(void *ctx, int part, int parts), void *ctx);

/* ---- properties -------------------------------------------------------- */

/* Computes the properties of a configured elementwise function by probing its
   double reference (see docs/properties.md for the method). */
act_status act_properties(const act_fn *fn, act_props *out);
const char *act_monotone_name(act_monotone m);
const char *act_symmetry_name(act_symmetry s);
const char *act_saturation_name(act_saturation s);
const char *act_smoothness_name(int s);

/* ---- expressions ---------------------------------------------------------- */
/* The formula language of the catalog, also used for regression targets:
   numbers, x (and y), parameter names, + - * / ^, unary -, comparisons
   < <= > >= == !=, && ||, c ? a : b, pi, inf, and the functions exp expm1 log
   log1p sqrt sin cos tan atan tanh sinh cosh erf erfc abs sign floor min max. */

typedef enum {
    ACT_X_NUM,
    ACT_X_VAR,
    ACT_X_NEG,
    ACT_X_ADD,
    ACT_X_SUB,
    ACT_X_MUL,
    ACT_X_DIV,
    ACT_X_POW,
    ACT_X_LT,
    ACT_X_LE,
    ACT_X_GT,
    ACT_X_GE,
    ACT_X_EQ,
    ACT_X_NE,
    ACT_X_AND,
    ACT_X_OR,
    ACT_X_COND,
    ACT_X_CALL,
    ACT_X_COUNT
} act_xop;

typedef enum {
    ACT_XF_EXP,
    ACT_XF_EXPM1,
    ACT_XF_LOG,
    ACT_XF_LOG1P,
    ACT_XF_SQRT,
    ACT_XF_SIN,
    ACT_XF_COS,
    ACT_XF_TAN,
    ACT_XF_ATAN,
    ACT_XF_TANH,
    ACT_XF_SINH,
    ACT_XF_COSH,
    ACT_XF_ERF,
    ACT_XF_ERFC,
    ACT_XF_ABS,
    ACT_XF_SIGN,
    ACT_XF_FLOOR,
    ACT_XF_MIN,
    ACT_XF_MAX,
    ACT_XF_COUNT
} act_xfunc;

#define ACT_EXPR_MAX_NODES 256
#define ACT_EXPR_MAX_VARS 8

typedef struct {
    act_xop op;
    int a, b, c;      /* child node indices (-1 when unused) */
    int var;          /* ACT_X_VAR: index into vars; ACT_X_CALL: act_xfunc */
    double num;       /* ACT_X_NUM */
    const char *text; /* ACT_X_NUM: the literal as written (for exact evaluation) */
    int text_len;
} act_xnode;

typedef struct {
    int n, root;
    act_xnode node[ACT_EXPR_MAX_NODES];
    int nvars;
    char vars[ACT_EXPR_MAX_VARS][24];
} act_expr;

const char *act_xfunc_name(act_xfunc f);
/* Parses src. vars lists the variable names allowed (NULL-terminated). The
   nodes point into src, which must outlive e. */
act_status act_expr_parse(act_expr *e, const char *src, const char *const *vars, char *err,
                          size_t errlen);
double act_expr_eval(const act_expr *e, const double *vals);

#ifdef __cplusplus
}
#endif
#endif
