/*
 * test_row.c - the row (vector) functions: softmax, log_softmax, softmin, glu,
 * maxout.
 *
 *   - forward against a long double reference on random rows of many lengths
 *     and scales (up to 1e30, and rows within 150 of offsets up to 1e30),
 *     several rows per call: within 2 float ULP of
 *     each element (maxout: exact);
 *   - the documented rules for +-inf and NaN entries, rows of length 1;
 *   - backward (the VJP dx = J^T dy) against the analytic VJP in long double,
 *     with a tolerance derived from the float rounding of y (a few ULP of the
 *     terms, never a loose constant), and against central finite differences
 *     of g(x) = sum_j dy_j f(x)_j in long double, whose own error is estimated
 *     (two step sizes) and required to be small so that the check cannot pass
 *     by accident;
 *   - in-place calls (y == x, dx == dy) give bit-identical results, and so
 *     does each row of a call over several rows against a call over it alone
 *     (rows that take the scalar path among them), and an entry of -inf moves
 *     no other element of its row by a bit;
 *   - backward over rows of 1025-8192 columns against the VJP at the float
 *     y, and bit for bit against a row alone and in place;
 *   - rows of 2049, 8192, 16384, 2^15 + 1, 2^16 and 100003 columns, forward within
 *     2 ULP, and in place bit for bit (softmax's SIMD forward computes e_i
 *     again from x_i in rows over 8192 columns, in place wholly, out of
 *     place from a term it kept in y: a version that wrote e_i over x_i in
 *     its second pass fails 4 checks, tried);
 *   - log_softmax and softmax rows that searches and constructions built at
 *     the edge of the bound, within 2 ULP (softmax's also padded to 4096 and
 *     8193 columns, and within 1 ULP, the SIMD kernels' own bound);
 *   - act_row_check, act_out_cols, names and kinds.
 * Everything above runs once per kernel variant the CPU executes (scalar,
 * avx2, avx512: softmax and log_softmax have SIMD kernels).
 * Seeds are fixed. Every failure prints the function, the element, the values
 * and the row.
 */
#include "actlab.h"
#include "t.h"

#include <float.h>
#include <stdint.h>
#include <string.h>

#define MAXC 1024
#define MAXR 4

/* ---- helpers ---------------------------------------------------------------- */

/* the variant under test: every call below goes through these two */
static act_isa isa_now = ACT_ISA_SCALAR;
static void row_fwd(const act_fn *fn, size_t rows, size_t cols, const float *x, float *y) {
    act_row_forward_isa(fn, isa_now, rows, cols, x, y);
}
static void row_bwd(const act_fn *fn, size_t rows, size_t cols, const float *x, const float *y,
                    const float *dy, float *dx) {
    act_row_backward_isa(fn, isa_now, rows, cols, x, y, dy, dx);
}

static uint64_t rng_state = 0x5eed0123456789abull;
static uint64_t rng_u64(void) { /* splitmix64 */
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}
static double rng_uniform(void) { return (double)(rng_u64() >> 11) * 0x1p-53; } /* [0, 1) */
static double rng_normal(void) {
    double u = rng_uniform() + 0x1p-54, v = rng_uniform();
    return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

/* one float ULP at |v| (2^-149 below the normal range) */
static double ulpf(long double v) {
    double a = fabs((double)v);
    if (a < 0x1p-126) return 0x1p-149;
    if (a > FLT_MAX) return 0x1p104;
    int e;
    frexp(a, &e);
    return ldexp(1.0, e - 24);
}

static int n_reported;

static void print_row(const char *label, const float *x, size_t n) {
    fprintf(stderr, "    %s (%zu values):", label, n);
    for (size_t i = 0; i < n && i < 24; i++)
        fprintf(stderr, " %.9g", x[i]);
    fprintf(stderr, "%s\n", n > 24 ? " ..." : "");
}

/* One check that |got - want| <= tol (or both NaN, or equal; or got = +-inf
   where want + tol, of the same sign, is past FLT_MAX + ulp/2 and so may
   round to it). On failure prints the operands: the call site, what was
   compared, the element and the row. */
static int close_at(int line, const char *spec, const char *what, size_t row, size_t i, double got,
                    long double want, double tol, const float *x, size_t cols, const float *dy,
                    size_t ocols) {
    t_checks++;
    double err = fabs((double)((long double)got - want));
    int ok = (isnan(got) && isnan(want)) || (long double)got == want || err <= tol ||
             (isinf(got) && isfinite((double)want) && (got < 0) == (want < 0) &&
              fabsl(want) + tol >= (long double)FLT_MAX + 0x1p103L);
    if (ok) return 1;
    t_failed++;
    if (n_reported++ < 60) {
        fprintf(stderr,
                "%s:%d: %s %s: row %zu element %zu: got %.9g (%a), want %.12Lg, |err| %.3g > "
                "tol %.3g\n",
                __FILE__, line, spec, what, row, i, got, got, want, err, tol);
        print_row("x row", x, cols);
        if (dy) print_row("dy row", dy, ocols);
    }
    return 0;
}
#define CLOSE(spec, what, row, i, got, want, tol, x, cols, dy, ocols)                              \
    close_at(__LINE__, spec, what, row, i, got, want, tol, x, cols, dy, ocols)

/* exact expectation: same value, same sign of zero, NaN for NaN */
static int same_at(int line, const char *spec, const char *what, size_t i, float got, double want,
                   const float *x, size_t cols) {
    t_checks++;
    float w = (float)want; /* the expectation rounded to float once */
    int ok = isnan(want) ? isnan(got) : (got == w && signbit(got) == signbit(w));
    if (ok) return 1;
    t_failed++;
    if (n_reported++ < 60) {
        fprintf(stderr, "%s:%d: %s %s: element %zu: got %.9g (%a), want %.9g\n", __FILE__, line,
                spec, what, i, got, got, want);
        print_row("x row", x, cols);
    }
    return 0;
}
#define SAME(spec, what, i, got, want, x, cols) same_at(__LINE__, spec, what, i, got, want, x, cols)

static act_fn parse(const char *spec) {
    act_fn fn;
    char err[ACT_ERRLEN];
    act_status st = act_parse(spec, &fn, err, sizeof err);
    if (st != ACT_OK) {
        fprintf(stderr, "cannot parse '%s': %s\n", spec, err);
        exit(1);
    }
    return fn;
}

/* ---- the long double reference ---------------------------------------------- */

static long double sigl(long double b) {
    if (b >= 0) return 1.0L / (1.0L + expl(-b));
    long double e = expl(b);
    return e / (1.0L + e);
}
static long double dsigl(long double b) { /* sigmoid(b) sigmoid(-b) */
    long double e = expl(-fabsl(b)), d = 1.0L + e;
    return e / (d * d);
}

static size_t group_k(const act_fn *fn) { return fn->id == ACT_maxout ? (size_t)fn->p[0] : 1; }

static size_t ref_out_cols(const act_fn *fn, size_t cols) {
    if (fn->id == ACT_glu) return cols / 2;
    if (fn->id == ACT_maxout) return cols / group_k(fn);
    return cols;
}

/* the softmax family of one finite row: y (softmax or log_softmax of s x) and
   p = softmax(s x) */
static void ref_softmax(long double s, int log_out, size_t n, const long double *x, long double *y,
                        long double *p) {
    long double m = -INFINITY;
    size_t imax = 0;
    for (size_t i = 0; i < n; i++)
        if (s * x[i] > m) m = s * x[i], imax = i;
    /* the sum as 1 + t, t over every term but the first maximum's, so that the
       log near 0 (a dominant logit) is exact: log1pl(t) */
    long double t = 0;
    for (size_t i = 0; i < n; i++)
        if (i != imax) t += expl(s * x[i] - m);
    for (size_t i = 0; i < n; i++) {
        p[i] = expl(s * x[i] - m) / (1.0L + t);
        y[i] = log_out ? (s * x[i] - m) - log1pl(t) : p[i];
    }
}

/* y = f(x) for one finite row; p: softmax probabilities (softmax family) */
static void ref_fwd(const act_fn *fn, size_t cols, const long double *x, long double *y,
                    long double *p) {
    size_t k = group_k(fn), h = cols / 2;
    switch (fn->id) {
    case ACT_softmax: ref_softmax(1, 0, cols, x, y, p); break;
    case ACT_log_softmax: ref_softmax(1, 1, cols, x, y, p); break;
    case ACT_softmin: ref_softmax(-1, 0, cols, x, y, p); break;
    case ACT_glu:
        for (size_t j = 0; j < h; j++)
            y[j] = x[j] * sigl(x[h + j]);
        break;
    case ACT_maxout:
        for (size_t g = 0; g < cols / k; g++) {
            long double m = x[g * k];
            for (size_t t = 1; t < k; t++)
                if (x[g * k + t] > m) m = x[g * k + t];
            y[g] = m;
        }
        break;
    default: fprintf(stderr, "not a row function\n"); exit(1);
    }
}

/* the analytic VJP for one finite row, and a tolerance per element for the
   float kernel: the rounding of y to float (relative 2^-24, absolute 2^-150
   below the normal range) carried through the formula, the final rounding of
   dx, times a safety factor of 4 */
static void ref_bwd(const act_fn *fn, size_t cols, const long double *x, const float *dy,
                    long double *dx, double *tol) {
    static long double y[MAXC], p[MAXC];
    ref_fwd(fn, cols, x, y, p);
    const double u = 0x1p-24, sub = 0x1p-148;
    size_t k = group_k(fn), h = cols / 2;
    switch (fn->id) {
    case ACT_softmax:
    case ACT_softmin: {
        long double s = fn->id == ACT_softmin ? -1 : 1, dot = 0, adot = 0;
        for (size_t j = 0; j < cols; j++)
            dot += dy[j] * y[j], adot += fabsl(dy[j] * y[j]);
        for (size_t i = 0; i < cols; i++) {
            dx[i] = s * y[i] * (dy[i] - dot);
            tol[i] = (double)(4 * u * (y[i] * (fabsl(dy[i]) + fabsl(dot) + adot) + fabsl(dx[i])) +
                              sub * (1 + fabsl(dy[i]) + fabsl(dot)));
        }
        break;
    }
    case ACT_log_softmax: {
        long double sum = 0;
        for (size_t j = 0; j < cols; j++)
            sum += dy[j];
        for (size_t i = 0; i < cols; i++) {
            dx[i] = dy[i] - p[i] * sum;
            /* e^y from the float y: relative error |y| 2^-24 */
            tol[i] = (double)(4 * u * (fabsl(dx[i]) + p[i] * fabsl(sum) * (1 + fabsl(y[i]))) +
                              sub * (1 + fabsl(sum)));
        }
        break;
    }
    case ACT_glu:
        for (size_t j = 0; j < h; j++) {
            dx[j] = dy[j] * sigl(x[h + j]);
            dx[h + j] = dy[j] * x[j] * dsigl(x[h + j]);
            tol[j] = 2 * ulpf(dx[j]);
            tol[h + j] = 2 * ulpf(dx[h + j]);
        }
        break;
    case ACT_maxout:
        for (size_t g = 0; g < cols / k; g++) {
            size_t a = 0;
            for (size_t t = 1; t < k; t++)
                if (x[g * k + t] > x[g * k + a]) a = t;
            for (size_t t = 0; t < k; t++) {
                dx[g * k + t] = t == a ? dy[g] : 0;
                tol[g * k + t] = 0;
            }
        }
        break;
    default: exit(1);
    }
}

/* ---- forward and backward on random rows -------------------------------------- */

static const char *const specs[] = {"softmax", "log_softmax", "softmin",    "glu",
                                    "maxout",  "maxout(k=3)", "maxout(k=1)"};
#define NSPECS (sizeof specs / sizeof specs[0])

/* fills rows x cols with one of several shapes of data */
static void random_rows(float *x, size_t n, size_t cols, int shape, double scale) {
    size_t top = 0; /* shape 5: the column of the one large logit of a row */
    for (size_t i = 0; i < n; i++) {
        if (i % cols == 0) top = (size_t)(rng_u64() % cols);
        double v;
        switch (shape) {
        case 0: v = scale * (2 * rng_uniform() - 1); break;
        case 1: v = scale * rng_normal(); break;
        case 2: /* a dominant logit per row of 8: log_softmax near 0 */
            v = (i % 8 == 3 ? 40.0 : 0.0) + rng_normal();
            break;
        case 3: /* within 150 of scale: x_j - max across the range where
                   e^(x_j - max) leaves float, at large magnitudes */
            v = scale + 150 * (2 * rng_uniform() - 1);
            break;
        case 4: /* four values only: the maximum tied in a quarter of the
                   columns */
            v = scale * (double)(rng_u64() % 4);
            break;
        default: /* one logit 30 above the rest, anywhere in the row (the
                    SIMD kernels' tails included): the sum that leaves out
                    one maximum is ~1e-10 and log_softmax's largest output
                    -log1p of it, so leaving out any other term shows */
            v = (i % cols == top ? 30.0 : 0.0) + rng_normal();
            break;
        }
        x[i] = (float)v;
    }
}

static void test_random(void) {
    static float x[MAXR * MAXC], y[MAXR * MAXC], dy[MAXR * MAXC], dx[MAXR * MAXC];
    static long double xl[MAXC], yl[MAXC], pl[MAXC], dxl[MAXC];
    static double tol[MAXC];
    static const size_t lens[] = {1, 2, 3, 4, 6, 7, 8, 12, 16, 33, 64, 100, 1000, 1002, 1024};
    static const double scales[] = {1e-3, 1, 10, 100, 1e4, 1e6, 1e9, 1e30};
    for (size_t s = 0; s < NSPECS; s++) {
        act_fn fn = parse(specs[s]);
        for (size_t li = 0; li < sizeof lens / sizeof lens[0]; li++) {
            size_t cols = lens[li];
            if (act_row_check(&fn, cols, NULL, 0) != ACT_OK) continue;
            size_t oc = act_out_cols(&fn, cols);
            CHECK_EQ_INT(oc, ref_out_cols(&fn, cols));
            for (int shape = 0; shape < 6; shape++)
                for (size_t si = 0; si < sizeof scales / sizeof scales[0]; si++)
                    /* dy in [-1, 1], and for normal logits of scale 1 also near
                       2^-140 (subnormal), 2^100 and up to FLT_MAX (where
                       the SIMD kernels overflowed until the sixteenth
                       session: log_softmax's sum of dy, softmax's
                       dy_i - sum_j dy_j y_j) */
                    for (int ds = 0; ds < (shape == 1 && si == 1 ? 4 : 1); ds++) {
                        if ((shape == 2 || shape == 5) && si) continue;
                        static const float dscale[] = {1, 0x1p-140f, 0x1p100f, 0x1.fffffep127f};
                        size_t rows = 1 + (size_t)(rng_u64() % MAXR);
                        random_rows(x, rows * cols, cols, shape, scales[si]);
                        for (size_t i = 0; i < rows * oc; i++)
                            dy[i] = (float)(2 * rng_uniform() - 1) * dscale[ds];
                        row_fwd(&fn, rows, cols, x, y);
                        row_bwd(&fn, rows, cols, x, y, dy, dx);
                        for (size_t r = 0; r < rows; r++) {
                            const float *xr = x + r * cols, *dyr = dy + r * oc;
                            for (size_t i = 0; i < cols; i++)
                                xl[i] = xr[i];
                            ref_fwd(&fn, cols, xl, yl, pl);
                            for (size_t i = 0; i < oc; i++)
                                CLOSE(specs[s], "forward", r, i, y[r * oc + i], yl[i],
                                      fn.id == ACT_maxout ? 0 : 2 * ulpf(yl[i]), xr, cols, NULL, 0);
                            ref_bwd(&fn, cols, xl, dyr, dxl, tol);
                            for (size_t i = 0; i < cols; i++)
                                CLOSE(specs[s], "backward", r, i, dx[r * cols + i], dxl[i], tol[i],
                                      xr, cols, dyr, oc);
                        }
                    }
        }
    }
}

/* Rows longer than any above: 2049 and 8192 columns, the shortest and the
   longest whose softmax the SIMD kernels keep el_i for in 16 bits
   (SM_TAIL16_COLS, simd.h); 32769 and 65536, whose float pairs widen
   every 512 columns (SM_F2S_LONG_COLS); 16384 columns, the longest whose softmax the
   SIMD kernels sum in float pairs (SM_F2S_COLS, simd.h: widened to double
   every 2048 or 1024 columns, and once at the end, whose loss fails this),
   and 2^15 + 1 and 100003, summed in double; pass 2's main loop runs long
   after the argmax's iteration. Forward within 2 ULP of the long double
   reference, each shape of random_rows that makes sense at this length
   (the dominant logit's row: the sum of 1e5 small terms, log_softmax's
   largest output -log1p of it), two rows a call. (A lost widening in
   mid-row stays within the pairs' own bound and passes: the widening
   bounds the error, it does not carry the sum.) */
static void test_long_rows(void) {
    static const size_t lens[] = {2049, 8192, 16384, 32769, 65536, 100003};
    static const int shapes[] = {0, 1, 3, 5};
    static const double scales[] = {1, 10, 1, 1};
    static const char *const names[] = {"softmax", "log_softmax", "softmin"};
    const size_t maxc = 100003, rows = 2;
    float *x = malloc(rows * maxc * sizeof *x), *y = malloc(rows * maxc * sizeof *y);
    long double *xl = malloc(maxc * sizeof *xl), *yl = malloc(maxc * sizeof *yl);
    long double *pl = malloc(maxc * sizeof *pl);
    if (!x || !y || !xl || !yl || !pl) {
        fprintf(stderr, "test_long_rows: out of memory\n");
        exit(1);
    }
    for (size_t s = 0; s < sizeof names / sizeof names[0]; s++) {
        act_fn fn = parse(names[s]);
        for (size_t li = 0; li < sizeof lens / sizeof lens[0]; li++)
            for (size_t sh = 0; sh < sizeof shapes / sizeof shapes[0]; sh++) {
                size_t cols = lens[li];
                random_rows(x, rows * cols, cols, shapes[sh], scales[sh]);
                row_fwd(&fn, rows, cols, x, y);
                for (size_t r = 0; r < rows; r++) {
                    const float *xr = x + r * cols;
                    for (size_t i = 0; i < cols; i++)
                        xl[i] = xr[i];
                    ref_fwd(&fn, cols, xl, yl, pl);
                    /* the first element out of bounds only: a row is 1e5 values */
                    size_t bad = 0;
                    while (bad < cols &&
                           fabsl((long double)y[r * cols + bad] - yl[bad]) <= 2 * ulpf(yl[bad]))
                        bad++;
                    CHECKF(bad == cols,
                           "%s [%s]: row %zu of %zu columns (shape %d): y[%zu] = %.9g, "
                           "want %.12Lg",
                           names[s], act_isa_name(isa_now), r, cols, shapes[sh], bad % cols,
                           (double)y[r * cols + bad % cols], yl[bad % cols]);
                }
                /* in place (y == x): softmax's rows over SM_TAIL16_COLS columns
                   compute e_i again from x_i in their last pass, which must
                   read x_i before writing y_i, where out of place they form
                   only e_i's head term again and read the rest from y
                   (SM_KEEP_B, simd.h); the same bits (a pass 3 that dropped
                   el_i there failed 14 checks, tried) */
                if (sh == 0) {
                    row_fwd(&fn, rows, cols, x, x);
                    CHECKF(!memcmp(x, y, rows * cols * sizeof *x),
                           "%s [%s]: forward in place differs (rows %zu, cols %zu)", names[s],
                           act_isa_name(isa_now), rows, cols);
                }
            }
    }
    free(x);
    free(y);
    free(xl);
    free(yl);
    free(pl);
}

/* Backward over rows longer than MAXC: 1025, 2049, 4096 (softmax's SIMD
   backward makes each row's two passes back to back from 1025 to 4096
   columns, sm_bwd_split in simd.h), 4097 and 8192 (a row's second pass
   beside the next row's first), three rows a call, y from the forward and
   dy uniform in [-1, 1] but for the middle row's, of magnitude 0.8-1 3e38
   (log_softmax 1e37) and both signs, whose sums send it to the scalar
   kernel (sm_bwd_scalar, simd.h) between two SIMD rows: dy_i - s is past
   FLT_MAX in float where y_i (dy_i - s) is not. Against the VJP at the float y in long double, with
   ref_bwd's tolerance less its term for y's own rounding (y is the input
   here); and each row of the call against a call over it alone, and in
   place (dx == dy, dx == y), bit for bit. (A split path that tested for
   the scalar row after its own branch passed the rest and failed here,
   the review found.) */
static void test_long_rows_backward(void) {
    static const size_t lens[] = {1025, 2049, 4096, 4097, 8192};
    static const char *const names[] = {"softmax", "log_softmax", "softmin"};
    enum { R = 3, C = 8192 };
    static float x[R * C], y[R * C], dy[R * C], dx[R * C], d1[C], dd[R * C];
    static float yy[R * C];
    const double u = 0x1p-24, sub = 0x1p-148;
    for (size_t s = 0; s < sizeof names / sizeof names[0]; s++) {
        act_fn fn = parse(names[s]);
        int log_out = fn.id == ACT_log_softmax;
        for (size_t li = 0; li < sizeof lens / sizeof lens[0]; li++) {
            size_t cols = lens[li];
            random_rows(x, R * cols, cols, 0, 4);
            for (size_t i = 0; i < R * cols; i++)
                dy[i] = (float)(2 * rng_uniform() - 1);
            for (size_t i = cols; i < 2 * cols; i++) /* |dy_i - s| past FLT_MAX */
                dy[i] = (float)((i % 3 ? 1 : -1) * (0.8 + 0.2 * rng_uniform()) *
                                (log_out ? 1e37 : 3e38));
            row_fwd(&fn, R, cols, x, y);
            row_bwd(&fn, R, cols, x, y, dy, dx);
            for (size_t r = 0; r < R; r++) {
                const float *yr = y + r * cols, *gr = dy + r * cols, *dr = dx + r * cols;
                long double dot = 0, adot = 0, sum = 0, sg = fn.id == ACT_softmin ? -1 : 1;
                for (size_t j = 0; j < cols; j++) {
                    dot += (long double)gr[j] * yr[j];
                    adot += fabsl((long double)gr[j] * yr[j]);
                    sum += gr[j];
                }
                size_t bad = cols;
                long double want = 0;
                for (size_t i = 0; i < cols && bad == cols; i++) {
                    double tol;
                    if (log_out) {
                        long double p = expl((long double)yr[i]);
                        want = gr[i] - p * sum;
                        tol = (double)(4 * u * (fabsl(want) + p * fabsl(sum) * (1 + fabsl(yr[i]))) +
                                       sub * (1 + fabsl(sum)));
                    } else {
                        want = sg * yr[i] * (gr[i] - dot);
                        tol = (double)(4 * u *
                                           (yr[i] * (fabsl(gr[i]) + fabsl(dot) + adot) +
                                            fabsl(want)) +
                                       sub * (1 + fabsl(gr[i]) + fabsl(dot)));
                    }
                    t_checks++;
                    if (!(fabsl(dr[i] - want) <= tol)) bad = i;
                }
                CHECKF(bad == cols,
                       "%s [%s]: backward, row %zu of %zu columns: dx[%zu] = %.9g, want %.12Lg",
                       names[s], act_isa_name(isa_now), r, cols, bad % cols, (double)dr[bad % cols],
                       want);
                row_bwd(&fn, 1, cols, x + r * cols, yr, gr, d1);
                CHECKF(!memcmp(d1, dr, cols * sizeof *d1),
                       "%s [%s]: backward of row %zu alone differs (cols %zu)", names[s],
                       act_isa_name(isa_now), r, cols);
            }
            memcpy(dd, dy, R * cols * sizeof *dd);
            row_bwd(&fn, R, cols, x, y, dd, dd);
            CHECKF(!memcmp(dd, dx, R * cols * sizeof *dd),
                   "%s [%s]: backward in place (dx == dy) differs (cols %zu)", names[s],
                   act_isa_name(isa_now), cols);
            memcpy(yy, y, R * cols * sizeof *yy);
            row_bwd(&fn, R, cols, x, yy, dy, yy);
            CHECKF(!memcmp(yy, dx, R * cols * sizeof *yy),
                   "%s [%s]: backward in place (dx == y) differs (cols %zu)", names[s],
                   act_isa_name(isa_now), cols);
        }
    }
}

/* log_softmax rows found by a search for the worst case (nineteenth
   session): the exact output of the largest entry sits just below a power
   of two while x_i - (m + log1p(t)) is inexact in float, so a last pass
   that rounds that difference first and then subtracts the shift's tail
   came out 2.04-2.21 ULP off. Within 2 ULP of the long double reference,
   every element. */
static void test_hard_rows(void) {
    static const float r0[] = {0x1.23568p-14f, -0x1.09a9d6p+2f};
    static const float r1[] = {0x1.b5606p-10f, -0x1.f33e5cp+0f, -0x1.f33e5cp+0f};
    static float r2[17];
    r2[0] = 0x1.07c48p-20f;
    for (size_t i = 1; i < 16; i++)
        r2[i] = -0x1.62e32ep+3f;
    r2[16] = -0x1.62e32cp+3f;
    static const struct {
        const float *x;
        size_t cols;
    } rows[] = {{r0, 2}, {r1, 3}, {r2, 17}};
    act_fn fn = parse("log_softmax");
    for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++) {
        long double xl[17], yl[17], pl[17];
        float y[17];
        for (size_t i = 0; i < rows[k].cols; i++)
            xl[i] = rows[k].x[i];
        ref_fwd(&fn, rows[k].cols, xl, yl, pl);
        row_fwd(&fn, 1, rows[k].cols, rows[k].x, y);
        for (size_t i = 0; i < rows[k].cols; i++)
            CLOSE("log_softmax", "searched row", k, i, y[i], yl[i], 2 * ulpf(yl[i]), rows[k].x,
                  rows[k].cols, NULL, 0);
    }
}

/* softmax rows that helpers' hill-climbs built against the SIMD forward of
   the nineteenth session (bench/README.md): a few dozen columns, one
   value repeated many times, a block of logits 70-90 below the maximum.
   Each e_i was rounded to float in the sum as in the numerator, so the
   errors of the repeated e_i leaned one way in both, and the kernels came
   out 2.04-2.47 ULP off (the comment gives each row's figure then). With
   e_i's exact terms in the sum but e_i still rounded in the numerator
   (1.34 ULP at most on those rows), a construction (the last four rows)
   put y_i just below a power of two and e_i's mantissa just above 1, so
   that e_i's rounding, a full ulp of y_i, and the exponential's error
   carried y_i over the power of two: 2.06-2.12 ULP. With e_i's rounding
   error kept to pass 3 as well, 0.64 at most. Written as hex floats, "v*n"
   for n copies of v. Each row also padded, with logits 120-126 below its
   maximum and -inf (outputs that round to 0), to 4096 columns, where the
   SIMD kernels keep that rounding error in 16 bits (SM_TAIL16_COLS,
   simd.h), and to 8193, where they compute it again in pass 3. Within 2
   ULP of the long double reference, every element, and within 1 ULP the
   whole row (the kernels' own bound is 0.83: avx512_softmax.c): with the
   error dropped from pass 3 of the 16-bit path, the padded rows came out
   2.09-2.12 ULP off, random rows of 4096 1.47 (tried). */
static const char *const hard_softmax_rows[] = {
    /* 61 columns; before: AVX-512 2.4734, AVX2 2.4734 ULP */
    "0x1.a0c78p-2 -0x1.cd134p-5*4 -0x1.fdae9p-5 -0x1.cd134p-5*6 -0x1.cd1372p-5 "
    "-0x1.cd134p-5*3 -0x1.cd1372p-5 -0x1.cd134p-5*5 -0x1.62d6ap-4 -0x1.cd134p-5*2 "
    "-0x1.cd1372p-5 -0x1.cd134p-5*2 -0x1.7d40d6p-4 -0x1.96e2ecp-5 -0x1.cd134p-5*2 "
    "-0x1.4d20b8p+6 -0x1.4d14p+6 -0x1.4c8cep+6 -0x1.4c8cdcp+6 -0x1.4cd6aap+6 "
    "-0x1.4cc628p+6 -0x1.4cf7a2p+6 -0x1.4cacb6p+6 -0x1.4d1dcap+6 -0x1.4d2628p+6 "
    "-0x1.4caccep+6 -0x1.4d1dc2p+6 -0x1.4cfdb8p+6 -0x1.4c8e2cp+6 -0x1.4d607ep+6 "
    "-0x1.4c67p+6 -0x1.4cacc6p+6 -0x1.4cd6acp+6 -0x1.4c9bacp+6 -0x1.4c88dcp+6 "
    "-0x1.4cccf2p+6 -0x1.4c51f6p+6 -0x1.4cacc6p+6 -0x1.4cd6aap+6 -0x1.4d2628p+6 "
    "-0x1.4d108cp+6 -0x1.4c9bacp+6 -0x1.4cd6ap+6 -0x1.4cb232p+6 ",
    /* 58 columns; before: AVX-512 2.2804, AVX2 1.3658 ULP */
    "-0x1.6937aap-2 -0x1.cb74b8p-1*26 -0x1.5fd022p+5 -0x1.5fbbf6p+5 -0x1.60c5f6p+5 "
    "-0x1.61021p+5 -0x1.618064p+5 -0x1.6089fcp+5 -0x1.61a1bcp+5 -0x1.605ee6p+5 "
    "-0x1.612d72p+5 -0x1.605648p+5 -0x1.5ff826p+5 -0x1.60cdc6p+5 -0x1.615d88p+5 "
    "-0x1.6086eap+5 -0x1.608e2ap+5 -0x1.6111c4p+5 -0x1.6016e2p+5 -0x1.cb74b8p-1 "
    "-0x1.6062e4p+5 -0x1.61b422p+5 -0x1.5f107p+5 -0x1.61c8b8p+5 -0x1.605b06p+5 "
    "-0x1.61b2a4p+5 -0x1.61c8aep+5 -0x1.612d78p+5 -0x1.605ef2p+5 -0x1.60bb6ap+5 "
    "-0x1.6131fep+5 -0x1.61aa7ep+5 -0x1.612d72p+5 ",
    /* 48 columns; before: AVX-512 1.5781, AVX2 2.2644 ULP */
    "0x1.c65a16p-1 -0x1.ec5108p-2 -0x1.f37828p-2*3 -0x1.02feccp-1 -0x1.dd116cp-2 "
    "-0x1.f37828p-2*5 -0x1.f3783p-2 -0x1.f37828p-2*2 -0x1.132292p-1 -0x1.f37828p-2*2 "
    "-0x1.502ed6p+6 -0x1.501a32p+6 -0x1.510fd8p+6 -0x1.500ae8p+6 -0x1.50a66p+6 "
    "-0x1.4fe53cp+6 -0x1.500aecp+6 -0x1.5066aap+6 -0x1.504b8ep+6 -0x1.50bf9ap+6 "
    "-0x1.500a34p+6 -0x1.500ae6p+6 -0x1.4ff762p+6 -0x1.4ffe1ap+6 -0x1.5014a8p+6 "
    "-0x1.51684cp+6 -0x1.50adfcp+6 -0x1.50e776p+6 -0x1.502ed6p+6 -0x1.504b8ep+6 "
    "-0x1.50010cp+6 -0x1.511df4p+6 -0x1.50406ap+6 -0x1.f37828p-2 -0x1.505e5ap+6 "
    "-0x1.50259ep+6 -0x1.503fp+6 -0x1.500ae6p+6 -0x1.503068p+6 -0x1.dd116cp-2 ",
    /* 45 columns; before: AVX-512 2.2229, AVX2 2.2229 ULP */
    "0x1.1a8b6p-2 -0x1.86df26p-2*6 -0x1.0c29f4p+6 -0x1.86df26p-2*4 -0x1.931686p-2 "
    "-0x1.86df26p-2*2 -0x1.578768p-2 -0x1.9217eap-2 -0x1.86df26p-2*4 -0x1.7543d2p-2 "
    "-0x1.86df26p-2 -0x1.a172cp-2 -0x1.86df26p-2*2 -0x1.86df2ep-2 -0x1.86df26p-2*3 "
    "-0x1.9b943ap-2 -0x1.0bb6fep+6 -0x1.0b8f02p+6 -0x1.0af94cp+6 -0x1.0b1feep+6 "
    "-0x1.0b513p+6 -0x1.0baab6p+6 -0x1.0b3074p+6 -0x1.0b67d4p+6 -0x1.86df26p-2 "
    "-0x1.0b8b36p+6 -0x1.0b4f1ap+6 -0x1.0b812p+6 -0x1.0bfdcep+6 -0x1.0b5a2ap+6 ",
    /* 26 columns; before: AVX-512 2.1916, AVX2 2.1916 ULP */
    "-0x1.c8ce8ep-1 -0x1.8e086cp+0*4 -0x1.53c5e8p+5 -0x1.904114p+0 -0x1.8e086cp+0*4 "
    "-0x1.552fcp+5 -0x1.546956p+5 -0x1.904114p+0 -0x1.552ab2p+5 -0x1.550f92p+5 "
    "-0x1.552fcp+5 -0x1.8e086cp+0*3 -0x1.53b554p+5 -0x1.552fcp+5 -0x1.54eddp+5 "
    "-0x1.552ab2p+5 -0x1.8e086cp+0 -0x1.552ab2p+5 ",
    /* 42 columns; before: AVX-512 2.0610, AVX2 2.2139 ULP */
    "0x1.438ep-1 -0x1.15a332p+6 -0x1.66af1p-1 -0x1.66af08p-1 -0x1.66af1p-1*6 "
    "-0x1.66af08p-1 -0x1.66af1p-1*5 -0x1.66af08p-1 -0x1.66af1p-1*3 -0x1.60585p-1 "
    "-0x1.66af1p-1*3 -0x1.7b04b8p-1 -0x1.66af1p-1*3 -0x1.66af12p-1 -0x1.66af1p-1 "
    "-0x1.155774p+6 -0x1.1548d8p+6 -0x1.155b44p+6 -0x1.1592aap+6 -0x1.15733cp+6 "
    "-0x1.1572eep+6 -0x1.1558e8p+6 -0x1.1592aap+6 -0x1.155e5p+6 -0x1.157de6p+6 "
    "-0x1.161b4ep+6 -0x1.15803p+6 ",
    /* 62 columns; before: AVX-512 2.1329, AVX2 1.3037 ULP */
    "0x1.d4117ap-1 -0x1.a53458p-2 -0x1.ceb5a2p+5 -0x1.a53458p-2 -0x1.968254p-2 "
    "-0x1.a53458p-2*2 -0x1.cefc98p+5 -0x1.a53458p-2 -0x1.d1589cp+5 -0x1.cd7e7ap+5 "
    "-0x1.cf9d98p+5 -0x1.a53458p-2*3 -0x1.b82b4ap-2 -0x1.a53458p-2*2 -0x1.cea4cp+5 "
    "-0x1.ced682p+5 -0x1.d0f35cp+5 -0x1.cfb114p+5 -0x1.d08d1cp+5 -0x1.ce8dep+5 "
    "-0x1.ceb5a2p+5 -0x1.cf7ba4p+5 -0x1.cd56cp+5 -0x1.cfb10ep+5 -0x1.d00e68p+5 "
    "-0x1.ce913ep+5 -0x1.cf97e2p+5 -0x1.ce2ffep+5 -0x1.ceb5a4p+5 -0x1.cf7ba4p+5 "
    "-0x1.cfcef6p+5 -0x1.ce5844p+5 -0x1.cf7024p+5 -0x1.ce685p+5 -0x1.cfb0ep+5 "
    "-0x1.cd56cp+5 -0x1.cea596p+5 -0x1.cf706ep+5 -0x1.ce5128p+5 -0x1.cf7024p+5 "
    "-0x1.ce8cdp+5 -0x1.cfb114p+5 -0x1.ceb1bep+5 -0x1.ce72a6p+5 -0x1.d1589cp+5 "
    "-0x1.cea596p+5 -0x1.ce791cp+5 -0x1.cfb0ep+5 -0x1.ceaa1ap+5 -0x1.ce12c2p+5 "
    "-0x1.ce7da4p+5 -0x1.cfdad8p+5 -0x1.cf20a8p+5 -0x1.ce4a22p+5 -0x1.ce2ffep+5 "
    "-0x1.cef6ep+5 -0x1.cf7546p+5 -0x1.ce54c2p+5 ",
    /* 37 columns; before: AVX-512 1.2265, AVX2 2.0477 ULP */
    "0x1.dbff78p-1 -0x1.1a9eecp+0 -0x1.1b3c72p+0 -0x1.1a9eeap+0 -0x1.1a9eecp+0*6 "
    "-0x1.1b7822p+0 -0x1.151e04p+0 -0x1.1a9eecp+0*13 -0x1.4ae7cap+4 -0x1.4ad232p+4 "
    "-0x1.4a7d02p+4 -0x1.493f9ap+4 -0x1.1a9eecp+0 -0x1.490fep+4 -0x1.49a32cp+4 "
    "-0x1.4aa2fep+4 -0x1.49e4e2p+4 -0x1.490c0ap+4 -0x1.48d72ep+4 -0x1.4ad236p+4 ",
    /* 38 columns; with e_i's rounding kept out of t only: AVX-512 0.97, AVX2 2.09 ULP */
    "0x1.39ep-137 -0x1.8e97bep+2 -0x1.a12bp-1*34 -0x1.198952p+1 -0x1.16c96p+4 ",
    /* 33 columns; with e_i's rounding kept out of t only: AVX-512 2.12, AVX2 0.88 ULP */
    /* (in parentheses: clang's -Wstring-concatenation takes two literals
       among single ones for a missing comma) */
    ("-0x1.e44p-139 -0x1.bb04eap+2 -0x1.15459ap-1*26 -0x1.f2156p+1 -0x1.4ba47ep+4 "
     "-0x1.4ba63p+4 -0x1.4ba2dep+4 -0x1.4ba5b8p+4 "),
    /* 7 columns; with e_i's rounding kept out of t only: AVX-512 2.06, AVX2 0.94 ULP */
    "0x0p+0 -0x1.35e474p+2 -0x1.1ac708p+0*3 -0x1.00c0d6p+2 -0x1.29419ap+4 ",
    /* 41 columns; with e_i's rounding kept out of t only: AVX-512 0.43, AVX2 2.09 ULP */
    "0x0p+0 -0x1.61bf88p+1 -0x1.d0187p-1*37 -0x1.015a18p+1 -0x1.184d2p+4 ",
};
/* the floats of a row written as above, at most cap of them */
static size_t parse_row(const char *s, float *x, size_t cap) {
    size_t n = 0;
    for (char *end;; s = end) {
        float v = strtof(s, &end);
        if (end == s) break;
        size_t rep = 1;
        if (*end == '*') rep = strtoul(end + 1, &end, 10);
        for (size_t k = 0; k < rep && n < cap; k++)
            x[n++] = v;
    }
    return n;
}
static void test_hard_softmax_rows(void) {
    enum { CAP = 8193 };
    static const size_t pads[] = {0, 4096, CAP};
    static float x[CAP], y[CAP];
    static long double xl[CAP], yl[CAP], pl[CAP];
    act_fn fn = parse("softmax");
    for (size_t k = 0; k < sizeof hard_softmax_rows / sizeof hard_softmax_rows[0]; k++)
        for (size_t p = 0; p < sizeof pads / sizeof pads[0]; p++) {
            size_t c = parse_row(hard_softmax_rows[k], x, CAP), cols = c;
            float m = x[0];
            for (size_t i = 1; i < c; i++)
                m = fmaxf(m, x[i]);
            for (; cols < pads[p]; cols++)
                x[cols] = (cols & 1) ? -INFINITY : m - 120.0f - (float)(cols % 7);
            for (size_t i = 0; i < cols; i++)
                xl[i] = x[i];
            ref_fwd(&fn, cols, xl, yl, pl);
            row_fwd(&fn, 1, cols, x, y);
            double worst = 0;
            size_t at = 0;
            for (size_t i = 0; i < cols; i++) {
                CLOSE("softmax", "searched row", k, i, y[i], yl[i], 2 * ulpf(yl[i]), x, cols, NULL,
                      0);
                double u = (double)(fabsl((long double)y[i] - yl[i]) / ulpf(yl[i]));
                if (u > worst) worst = u, at = i;
            }
            CHECKF(worst <= 1.0,
                   "softmax [%s]: searched row %zu in %zu columns: %.3f ULP off at element %zu "
                   "(the kernels' own bound is 0.83)",
                   act_isa_name(isa_now), k, cols, worst, at);
        }
}

/* central difference of g(x) = sum_j dy_j f(x)_j in x_i, step h */
static long double fd(const act_fn *fn, size_t cols, long double *x, const float *dy, size_t oc,
                      size_t i, long double h) {
    static long double y[MAXC], p[MAXC];
    long double xi = x[i], gp = 0, gm = 0;
    x[i] = xi + h;
    ref_fwd(fn, cols, x, y, p);
    for (size_t j = 0; j < oc; j++)
        gp += dy[j] * y[j];
    long double hp = x[i] - xi;
    x[i] = xi - h;
    ref_fwd(fn, cols, x, y, p);
    for (size_t j = 0; j < oc; j++)
        gm += dy[j] * y[j];
    long double hm = xi - x[i];
    x[i] = xi;
    return (gp - gm) / (hp + hm);
}

static void test_finite_differences(void) {
    static float x[MAXC], y[MAXC], dy[MAXC], dx[MAXC];
    static long double xl[MAXC], yl[MAXC], pl[MAXC];
    static const size_t lens[] = {1, 2, 3, 4, 6, 9, 12, 33};
    /* step: about LDBL_EPSILON^(1/3) relative, the optimum for a central
       difference, rounded to a power of 2 so that x +- h is exact */
    const long double h0 = ldexpl(1.0L, (int)floorl(log2l(cbrtl(LDBL_EPSILON))));
    for (size_t s = 0; s < NSPECS; s++) {
        act_fn fn = parse(specs[s]);
        size_t k = group_k(&fn);
        for (size_t li = 0; li < sizeof lens / sizeof lens[0]; li++) {
            size_t cols = lens[li];
            if (act_row_check(&fn, cols, NULL, 0) != ACT_OK) continue;
            size_t oc = act_out_cols(&fn, cols);
            for (int rep = 0; rep < 20; rep++) {
                for (size_t i = 0; i < cols; i++) {
                    x[i] = (float)(8 * (2 * rng_uniform() - 1));
                    /* maxout: values on a grid of 1/64 without ties in a group, so
                       that a step of 2^-10 never changes the argmax */
                    if (fn.id == ACT_maxout) {
                        int again;
                        do {
                            x[i] = (float)(floor(512 * rng_uniform()) / 64 - 4);
                            again = 0;
                            for (size_t t = i - i % k; t < i; t++)
                                again |= x[t] == x[i];
                        } while (again);
                    }
                }
                for (size_t i = 0; i < oc; i++)
                    dy[i] = (float)(2 * rng_uniform() - 1);
                row_fwd(&fn, 1, cols, x, y);
                row_bwd(&fn, 1, cols, x, y, dy, dx);
                for (size_t i = 0; i < cols; i++)
                    xl[i] = x[i];
                ref_fwd(&fn, cols, xl, yl, pl);
                long double G = 0; /* scale of g, for the rounding error of the difference */
                for (size_t j = 0; j < oc; j++)
                    G += fabsl(dy[j]) * (1 + fabsl(yl[j]));
                double tol[MAXC];
                long double dxl[MAXC];
                ref_bwd(&fn, cols, xl, dy, dxl, tol);
                for (size_t i = 0; i < cols; i++) {
                    long double h = h0 * (fabsl(xl[i]) > 1 ? fabsl(xl[i]) : 1);
                    if (fn.id == ACT_maxout) h = 0x1p-10L;
                    long double d1 = fd(&fn, cols, xl, dy, oc, i, h);
                    long double d2 = fd(&fn, cols, xl, dy, oc, i, h / 2);
                    /* error of d2: truncation (below |d1 - d2|, which is 3/4 of
                       d1's truncation, four times d2's) plus rounding of g */
                    double fderr = (double)(fabsl(d1 - d2) + 8 * LDBL_EPSILON * G / h);
                    CHECKF(fderr <= 1e-8 * (double)(1 + G),
                           "%s: finite difference too noisy to be a check: err %.3g, G %.3Lg",
                           specs[s], fderr, G);
                    CLOSE(specs[s], "backward vs finite difference", 0, i, dx[i], d2,
                          tol[i] + fderr, x, cols, dy, oc);
                    /* and the analytic reference against the same difference */
                    CLOSE(specs[s], "reference VJP vs finite difference", 0, i, (double)dxl[i], d2,
                          fderr + 1e-15 * (double)(1 + G), x, cols, dy, oc);
                }
            }
        }
    }
}

/* ---- special values ------------------------------------------------------------ */

static void expect_row(int line, const char *spec, const float *x, size_t cols,
                       const double *want) {
    act_fn fn = parse(spec);
    float y[16], yi[16];
    size_t oc = act_out_cols(&fn, cols);
    row_fwd(&fn, 1, cols, x, y);
    memcpy(yi, x, cols * sizeof *x);
    row_fwd(&fn, 1, cols, yi, yi); /* in place */
    for (size_t i = 0; i < oc; i++) {
        same_at(line, spec, "forward", i, y[i], want[i], x, cols);
        same_at(line, spec, "forward in place", i, yi[i], want[i], x, cols);
    }
}
#define ROW(spec, ...)                                                                             \
    do {                                                                                           \
        static const float xs_[] = {__VA_ARGS__};                                                  \
        expect_row(__LINE__, spec, xs_, sizeof xs_ / sizeof xs_[0], want_);                        \
    } while (0)

static void test_special(void) {
    const double inf = INFINITY, nan = NAN;
    const float finf = INFINITY, fnan = NAN;
    {
        static const double want_[] = {1, 0, 0};
        ROW("softmax", 1e30f, -1e30f, 0);
        ROW("softmax", 3e38f, -3e38f, 1);
        ROW("softmax", finf, 0, 5);
        ROW("softmin", -finf, 0, 5);
        ROW("softmin", -1e30f, 1e30f, 0);
        ROW("softmax", 2, -finf, -finf);
    }
    {
        static const double want_[] = {0.5, 0, 0.5, 0};
        ROW("softmax", finf, 0, finf, -finf);
        ROW("softmax", 1e30f, -1e30f, 1e30f, 0);
        ROW("softmin", -finf, 0, -finf, finf);
        ROW("softmax", 7, -finf, 7, -finf);
    }
    {
        static const double want_[] = {nan, nan, nan};
        ROW("softmax", -finf, -finf, -finf);
        ROW("softmax", fnan, 1, 2);
        ROW("softmax", finf, fnan, 0);
        ROW("log_softmax", -finf, -finf, -finf);
        ROW("log_softmax", 0, 0, fnan);
        ROW("softmin", finf, finf, finf);
        ROW("softmin", 0, -finf, fnan);
    }
    {
        static const double want_[] = {-0.69314718055994530942, -inf, -0.69314718055994530942};
        ROW("log_softmax", finf, 0, finf);
        ROW("log_softmax", finf, -finf, finf);
    }
    {
        static const double want_[] = {0, -1e30};
        ROW("log_softmax", 1e30f, 0);
        ROW("log_softmax", 0, -1e30f);
    }
    {
        static const double want_[] = {-inf, 0};
        ROW("log_softmax", -finf, 2);
        ROW("log_softmax", 5, finf);
    }
    /* rows of length 1: softmax 1, log_softmax +0, whatever the value; NaN and
       -inf (softmin: +inf) give NaN */
    {
        static const double want_[] = {1};
        ROW("softmax", 0);
        ROW("softmax", -1e30f);
        ROW("softmax", finf);
        ROW("softmin", 3e38f);
        ROW("softmin", -finf);
    }
    {
        static const double want_[] = {0};
        ROW("log_softmax", 123);
        ROW("log_softmax", -1e-30f);
        ROW("log_softmax", finf);
    }
    {
        static const double want_[] = {nan};
        ROW("softmax", -finf);
        ROW("softmax", fnan);
        ROW("log_softmax", -finf);
        ROW("softmin", finf);
    }
    /* glu: y = a sigmoid(b), a first half; IEEE at the limits */
    {
        static const double want_[] = {2, -0.0, nan, inf, nan, nan, 0};
        ROW("glu", 2, -3, finf, finf, fnan, 0, 0, /**/ finf, -finf, -finf, 0, 0, fnan, 1e30f);
    }
    /* maxout: NaN wins, ties and -0/+0 go to the first */
    {
        static const double want_[] = {nan, 3, -inf, inf, -0.0, 0.0};
        ROW("maxout", 1, fnan, 3, 2, -finf, -finf, 1, finf, -0.0f, 0.0f, 0.0f, -0.0f);
        ROW("maxout", fnan, 1, 3, -1, -finf, -finf, finf, finf, -0.0f, -1, 0.0f, 0.0f);
    }
    {
        static const double want_[] = {5, nan};
        ROW("maxout(k=3)", 1, 5, 5, 0, 0, fnan);
    }

    /* accuracy next to 0: a dominant logit, y_0 = -log1p(e^-30 + e^-45) */
    {
        act_fn fn = parse("log_softmax");
        const float x[3] = {0, -30, -45};
        float y[3];
        row_fwd(&fn, 1, 3, x, y);
        long double want = -log1pl(expl(-30.0L) + expl(-45.0L));
        CLOSE("log_softmax", "dominant logit", 0, 0, y[0], want, ulpf(want), x, 3, NULL, 0);
    }
    /* glu: a huge value times a tiny gate, and the gradient deep in the tails */
    {
        act_fn fn = parse("glu");
        const float x[4] = {1e30f, -3, -100, 60};
        float y[2], dy[2] = {1, 1}, dx[4];
        row_fwd(&fn, 1, 4, x, y);
        row_bwd(&fn, 1, 4, x, y, dy, dx);
        long double w0 = 1e30L * sigl(-100), w1 = -3 * sigl(60);
        CLOSE("glu", "forward tail", 0, 0, y[0], w0, ulpf(w0), x, 4, NULL, 0);
        CLOSE("glu", "forward tail", 0, 1, y[1], w1, ulpf(w1), x, 4, NULL, 0);
        long double d[4] = {sigl(-100), sigl(60), 1e30L * dsigl(-100), -3 * dsigl(60)};
        for (int i = 0; i < 4; i++)
            CLOSE("glu", "backward tail", 0, (size_t)i, dx[i], d[i], ulpf(d[i]), x, 4, dy, 2);
        CHECKF(dx[3] != 0, "glu db at b = 60 must not vanish (no 1 - s): %g", dx[3]);
    }
}

/* backward at the special values */
static void test_special_backward(void) {
    {
        /* softmax at +inf entries: y = (1/2, 0, 1/2); the VJP formula from y */
        act_fn fn = parse("softmax");
        const float x[3] = {INFINITY, 0, INFINITY}, dy[3] = {1, 2, 5};
        float y[3], dx[3];
        row_fwd(&fn, 1, 3, x, y);
        row_bwd(&fn, 1, 3, x, y, dy, dx);
        /* dot = 3; dx = (0.5 (1 - 3), 0, 0.5 (5 - 3)) */
        SAME("softmax", "backward", 0, dx[0], -1, x, 3);
        SAME("softmax", "backward", 1, dx[1], -0.0, x, 3); /* 0 * (2 - 3) */
        SAME("softmax", "backward", 2, dx[2], 1, x, 3);
    }
    {
        /* log_softmax: entries at -inf pass dy through, a NaN row stays NaN */
        act_fn fn = parse("log_softmax");
        const float x[3] = {-INFINITY, 0, -INFINITY}, dy[3] = {1, 2, 5};
        float y[3], dx[3];
        row_fwd(&fn, 1, 3, x, y);
        row_bwd(&fn, 1, 3, x, y, dy, dx);
        SAME("log_softmax", "backward", 0, dx[0], 1, x, 3);
        SAME("log_softmax", "backward", 1, dx[1], 2 - 8, x, 3);
        SAME("log_softmax", "backward", 2, dx[2], 5, x, 3);
        const float xn[3] = {NAN, 0, 1};
        row_fwd(&fn, 1, 3, xn, y);
        row_bwd(&fn, 1, 3, xn, y, dy, dx);
        for (size_t i = 0; i < 3; i++)
            SAME("log_softmax", "backward of a NaN row", i, dx[i], NAN, xn, 3);
    }
    {
        /* rows of length 1: the output is constant, the gradient exactly 0 */
        const char *const fam[] = {"softmax", "log_softmax", "softmin"};
        for (int f = 0; f < 3; f++) {
            act_fn fn = parse(fam[f]);
            const float x[1] = {3.5f}, dy[1] = {-7};
            float y[1], dx[1];
            row_fwd(&fn, 1, 1, x, y);
            row_bwd(&fn, 1, 1, x, y, dy, dx);
            SAME(fam[f], "backward, length 1", 0, fabsf(dx[0]), 0, x, 1);
        }
    }
    {
        /* glu at b = +-inf: the gate is 1 or 0, its derivative 0 */
        act_fn fn = parse("glu");
        const float x[4] = {2, -3, INFINITY, -INFINITY}, dy[2] = {5, 7};
        float y[2], dx[4];
        row_fwd(&fn, 1, 4, x, y);
        row_bwd(&fn, 1, 4, x, y, dy, dx);
        const double want[4] = {5, 0, 0, -0.0};
        for (size_t i = 0; i < 4; i++)
            SAME("glu", "backward at b = +-inf", i, dx[i], want[i], x, 4);
    }
    {
        /* maxout: the gradient goes to the first NaN, the first of tied maxima */
        act_fn fn = parse("maxout");
        const float x[8] = {1, NAN, NAN, NAN, 2, 2, -INFINITY, -INFINITY};
        const float dy[4] = {3, 4, 5, 6};
        float y[4], dx[8];
        row_fwd(&fn, 1, 8, x, y);
        row_bwd(&fn, 1, 8, x, y, dy, dx);
        const double want[8] = {0, 3, 4, 0, 5, 0, 6, 0};
        for (size_t i = 0; i < 8; i++)
            SAME("maxout", "backward routing", i, dx[i], want[i], x, 8);
        act_fn f3 = parse("maxout(k=3)");
        const float x3[6] = {1, 5, 5, -1, -2, -1};
        row_fwd(&f3, 1, 6, x3, y);
        row_bwd(&f3, 1, 6, x3, y, dy, dx);
        const double want3[6] = {0, 3, 0, 4, 0, 0};
        for (size_t i = 0; i < 6; i++)
            SAME("maxout(k=3)", "backward routing", i, dx[i], want3[i], x3, 6);
    }
}

/* ---- in-place calls ----------------------------------------------------------- */

static void test_in_place(void) {
    static float x[MAXR * MAXC], y[MAXR * MAXC], dy[MAXR * MAXC], dx[MAXR * MAXC];
    static float buf[MAXR * MAXC], g[MAXR * MAXC];
    static const size_t lens[] = {1, 2, 6, 12, 64};
    for (size_t s = 0; s < NSPECS; s++) {
        act_fn fn = parse(specs[s]);
        int family = fn.id == ACT_softmax || fn.id == ACT_log_softmax || fn.id == ACT_softmin;
        for (size_t li = 0; li < sizeof lens / sizeof lens[0]; li++) {
            size_t cols = lens[li];
            if (act_row_check(&fn, cols, NULL, 0) != ACT_OK) continue;
            size_t oc = act_out_cols(&fn, cols);
            for (size_t rows = 1; rows <= MAXR; rows++) {
                random_rows(x, rows * cols, cols, 1, 4);
                for (size_t i = 0; i < rows * oc; i++)
                    dy[i] = (float)(2 * rng_uniform() - 1);
                row_fwd(&fn, rows, cols, x, y);
                row_bwd(&fn, rows, cols, x, y, dy, dx);
                /* forward in place: y == x (glu and maxout pack the outputs at the front) */
                memcpy(buf, x, rows * cols * sizeof *x);
                row_fwd(&fn, rows, cols, buf, buf);
                CHECKF(!memcmp(buf, y, rows * oc * sizeof *y),
                       "%s: forward in place differs (rows %zu, cols %zu)", specs[s], rows, cols);
                /* backward in place: dx == dy. The softmax family after an
                   in-place forward: x and y are the same buffer too. */
                memset(g, 0, sizeof g);
                memcpy(g, dy, rows * oc * sizeof *dy);
                if (family)
                    row_bwd(&fn, rows, cols, buf, buf, g, g);
                else
                    row_bwd(&fn, rows, cols, x, y, g, g);
                CHECKF(!memcmp(g, dx, rows * cols * sizeof *dx),
                       "%s: backward in place differs (rows %zu, cols %zu)", specs[s], rows, cols);
                if (family) { /* and dx == y */
                    memcpy(g, y, rows * cols * sizeof *y);
                    row_bwd(&fn, rows, cols, x, g, dy, g);
                    CHECKF(!memcmp(g, dx, rows * cols * sizeof *dx),
                           "%s: backward with dx == y differs (rows %zu, cols %zu)", specs[s], rows,
                           cols);
                }
            }
        }
    }
}

/* a call over several rows gives, row for row, the bits of one-row calls:
   the SIMD kernels carry a row's first pass into the previous row's last
   (the next maximum in softmax's output pass, the next sum in the
   backward's second pass), and rows that go to the scalar kernel (a NaN,
   a maximum above 2^30, log_softmax's tiny sum) break that chain */
static void test_row_by_row(void) {
    enum { R = 6 };
    static float x[R * MAXC], y[R * MAXC], dy[R * MAXC], dx[R * MAXC];
    static float y1[MAXC], dx1[MAXC];
    static float buf[R * MAXC];
    static const size_t lens[] = {1, 5, 7, 16, 48, 100, 1024};
    static const char *const names[] = {"softmax", "log_softmax"};
    for (size_t s = 0; s < 2; s++) {
        act_fn fn = parse(names[s]);
        for (size_t li = 0; li < sizeof lens / sizeof lens[0]; li++) {
            size_t cols = lens[li];
            random_rows(x, R * cols, cols, 0, 4);
            for (size_t i = 0; i < R * cols; i++)
                dy[i] = (float)(2 * rng_uniform() - 1);
            x[1 * cols + cols / 2] = NAN;     /* row 1: a NaN */
            x[2 * cols + cols / 3] = 3e9f;    /* row 2: a maximum above 2^30 */
            for (size_t i = 0; i < cols; i++) /* row 4: log_softmax's tiny t */
                x[4 * cols + i] = i == cols / 4 ? 100.0f : -100.0f;
            row_fwd(&fn, R, cols, x, y);
            row_bwd(&fn, R, cols, x, y, dy, dx);
            /* in place too: y == x, then dx == dy */
            memcpy(buf, x, R * cols * sizeof *x);
            row_fwd(&fn, R, cols, buf, buf);
            CHECKF(!memcmp(buf, y, R * cols * sizeof *y),
                   "%s: forward in place differs with scalar rows (cols %zu)", names[s], cols);
            memcpy(buf, dy, R * cols * sizeof *dy);
            row_bwd(&fn, R, cols, x, y, buf, buf);
            CHECKF(!memcmp(buf, dx, R * cols * sizeof *dx),
                   "%s: backward in place differs with scalar rows (cols %zu)", names[s], cols);
            for (size_t r = 0; r < R; r++) {
                row_fwd(&fn, 1, cols, x + r * cols, y1);
                CHECKF(!memcmp(y1, y + r * cols, cols * sizeof *y1),
                       "%s: forward of row %zu of %d differs from a one-row call (cols %zu)",
                       names[s], r, (int)R, cols);
                row_bwd(&fn, 1, cols, x + r * cols, y + r * cols, dy + r * cols, dx1);
                CHECKF(!memcmp(dx1, dx + r * cols, cols * sizeof *dx1),
                       "%s: backward of row %zu of %d differs from a one-row call (cols %zu)",
                       names[s], r, (int)R, cols);
            }
        }
    }
}

/* An entry of -inf added to a row adds e^-inf = 0 to its sum and moves
   nothing else: every other element keeps its bits. The AVX2 kernels take
   a shorter exponential on rows whose |x| <= 43 (src/simd/avx2_softmax.c)
   and the general one once a -inf is in the row, so this also holds the
   two to the same bits; rows with larger entries too. */
static void test_minus_inf(void) {
    static float x[MAXC], xi[MAXC + 1], y[MAXC], yi[MAXC + 1];
    static const size_t lens[] = {1, 2, 7, 15, 16, 33, 100, 1023, MAXC};
    static const double scales[] = {1, 4, 20, 43, 60};
    static const char *const names[] = {"softmax", "log_softmax"};
    for (size_t s = 0; s < 2; s++) {
        act_fn fn = parse(names[s]);
        for (size_t li = 0; li < sizeof lens / sizeof lens[0]; li++)
            for (size_t si = 0; si < sizeof scales / sizeof scales[0]; si++) {
                size_t cols = lens[li], at = (size_t)(rng_uniform() * (double)(cols + 1));
                for (size_t i = 0; i < cols; i++)
                    x[i] = (float)(scales[si] * (2 * rng_uniform() - 1));
                memcpy(xi, x, at * sizeof *x);
                xi[at] = -INFINITY;
                memcpy(xi + at + 1, x + at, (cols - at) * sizeof *x);
                row_fwd(&fn, 1, cols, x, y);
                row_fwd(&fn, 1, cols + 1, xi, yi);
                size_t bad = 0;
                while (bad < cols && !memcmp(&y[bad], &yi[bad + (bad >= at)], sizeof *y))
                    bad++;
                CHECKF(bad == cols && yi[at] == (s ? -INFINITY : 0.0f),
                       "%s [%s]: -inf put at %zu of %zu (scale %g) moved element %zu: %.9g -> "
                       "%.9g (its own result %.9g)",
                       names[s], act_isa_name(isa_now), at, cols + 1, scales[si], bad,
                       (double)y[bad % cols], (double)yi[(bad % cols) + (bad % cols >= at)],
                       (double)yi[at]);
            }
    }
}

/* Rows whose large and small entries of both signs fall in the same SIMD
   lane (columns j and j + 8, + 16, ...): the kernels' pass 1 tracks the
   largest magnitude per lane (for NaN, and for the AVX2 rows that take a
   shorter exponential when every |x| <= 43), which a negative entry must
   not hide. The row alone and as the second of a call (its pass 1 fused
   into the first row's pass 3). Each variant against the scalar kernel:
   NaN where it is NaN, within 4 ULP elsewhere (both are within 2 of the
   exact result). */
static void test_lanes(void) {
    static float x[2 * MAXC], y[2 * MAXC], ys[MAXC];
    static const size_t lens[] = {16, 32, 64, 100, 129};
    static const float big[] = {100.0f, 1000.0f, 50.0f, NAN};
    static const char *const names[] = {"softmax", "log_softmax"};
    for (size_t s = 0; s < 2; s++) {
        act_fn fn = parse(names[s]);
        for (size_t li = 0; li < sizeof lens / sizeof lens[0]; li++)
            for (size_t bi = 0; bi < sizeof big / sizeof big[0]; bi++)
                for (size_t at = 0; at < 24; at += 7)
                    for (int second = 0; second < 2; second++) {
                        size_t cols = lens[li];
                        for (size_t i = 0; i < cols; i++)
                            x[i] = i % 2 ? -1.0f : 0.0f;
                        x[at] = big[bi];
                        if (isnan(big[bi])) x[at + 1] = 50.0f; /* a finite maximum beside the NaN */
                        /* the row alone, or second in a call, where its pass 1 runs inside
                           the first row's pass 3 */
                        float *xr = x, *yr = y;
                        if (second) {
                            memmove(x + cols, x, cols * sizeof *x);
                            for (size_t i = 0; i < cols; i++)
                                x[i] = (float)i / (float)cols;
                            xr = x + cols;
                            yr = y + cols;
                        }
                        row_fwd(&fn, 1 + (size_t)second, cols, x, y);
                        act_row_forward_isa(&fn, ACT_ISA_SCALAR, 1, cols, xr, ys);
                        size_t bad = 0;
                        while (bad < cols &&
                               (isnan(ys[bad])
                                    ? isnan(yr[bad])
                                    : !isnan(yr[bad]) &&
                                          fabs((double)yr[bad] - ys[bad]) <= 4 * ulpf(ys[bad])))
                            bad++;
                        CHECKF(bad == cols,
                               "%s [%s]: %g at %zu of %zu (the rest 0 and -1; row %d of the call): "
                               "y[%zu] = %.9g, scalar %.9g",
                               names[s], act_isa_name(isa_now), (double)big[bi], at, cols, second,
                               bad % cols, (double)yr[bad % cols], (double)ys[bad % cols]);
                    }
    }
}

/* ---- act_row_check, act_out_cols, names ----------------------------------------- */

static void expect_check(int line, const char *spec, size_t cols, act_status want) {
    act_fn fn = parse(spec);
    char err[ACT_ERRLEN] = "";
    act_status st = act_row_check(&fn, cols, err, sizeof err);
    t_checks++;
    if (st != want || (st != ACT_OK && !err[0])) {
        t_failed++;
        fprintf(stderr, "%s:%d: act_row_check(%s, cols %zu) = %s ('%s'), want %s\n", __FILE__, line,
                spec, cols, act_status_name(st), err, act_status_name(want));
    }
}
#define EXPECT_CHECK(spec, cols, want) expect_check(__LINE__, spec, cols, want)

static void test_check(void) {
    EXPECT_CHECK("softmax", 1, ACT_OK);
    EXPECT_CHECK("softmax", 7, ACT_OK);
    EXPECT_CHECK("softmax", 0, ACT_E_RANGE);
    EXPECT_CHECK("log_softmax", 1, ACT_OK);
    EXPECT_CHECK("softmin", 0, ACT_E_RANGE);
    EXPECT_CHECK("glu", 2, ACT_OK);
    EXPECT_CHECK("glu", 4, ACT_OK);
    EXPECT_CHECK("glu", 1, ACT_E_RANGE);
    EXPECT_CHECK("glu", 3, ACT_E_RANGE);
    EXPECT_CHECK("glu", 1001, ACT_E_RANGE);
    EXPECT_CHECK("glu", 0, ACT_E_RANGE);
    EXPECT_CHECK("maxout", 6, ACT_OK);
    EXPECT_CHECK("maxout", 5, ACT_E_RANGE);
    EXPECT_CHECK("maxout", 1, ACT_E_RANGE);
    EXPECT_CHECK("maxout(k=3)", 6, ACT_OK);
    EXPECT_CHECK("maxout(k=3)", 3, ACT_OK);
    EXPECT_CHECK("maxout(k=3)", 8, ACT_E_RANGE);
    EXPECT_CHECK("maxout(k=1)", 7, ACT_OK);
    EXPECT_CHECK("maxout(k=5)", 4, ACT_E_RANGE);
    EXPECT_CHECK("relu", 4, ACT_E_KIND);
    EXPECT_CHECK("sigmoid", 1, ACT_E_KIND);

    act_fn fn = parse("glu");
    CHECK_EQ_INT(act_out_cols(&fn, 10), 5);
    CHECK_EQ_INT(act_out_cols(&fn, 9), 0);
    fn = parse("maxout(k=4)");
    CHECK_EQ_INT(act_out_cols(&fn, 12), 3);
    CHECK_EQ_INT(act_out_cols(&fn, 10), 0);
    fn = parse("softmax");
    CHECK_EQ_INT(act_out_cols(&fn, 10), 10);

    /* bad parameters are refused with a message */
    const char *const bad[] = {"maxout(k=0)", "maxout(k=2.5)", "maxout(k=-1)", "maxout(k=inf)",
                               "softmax(dim=1)"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char err[ACT_ERRLEN] = "";
        act_status st = act_parse(bad[i], &fn, err, sizeof err);
        CHECKF(st != ACT_OK && err[0], "'%s' parsed (status %s)", bad[i], act_status_name(st));
    }

    /* names, kinds, and no properties for row functions */
    const char *const names[][2] = {{"softmax", "softmax"},
                                    {"Softmax", "softmax"},
                                    {"logsoftmax", "log_softmax"},
                                    {"LogSoftmax", "log_softmax"},
                                    {"log-softmax", "log_softmax"},
                                    {"Softmin", "softmin"},
                                    {"GLU", "glu"},
                                    {"Maxout", "maxout"}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        act_fn f;
        act_status st = act_lookup(names[i][0], &f);
        CHECKF(st == ACT_OK && !strcmp(act_describe(f.id)->name, names[i][1]),
               "lookup '%s': status %s, want %s", names[i][0], act_status_name(st), names[i][1]);
        if (st != ACT_OK) continue;
        const act_desc *d = act_describe(f.id);
        CHECKF(d->kind == ACT_KIND_ROW && d->row_fwd && d->row_bwd && !d->fwd && !d->f,
               "%s: must be a row function with row kernels only", d->name);
        act_props p;
        CHECKF(act_properties(&f, &p) == ACT_E_KIND, "%s: act_properties must refuse", d->name);
    }
}

int main(void) {
    test_check();
    for (int i = 0; i < ACT_ISA_COUNT; i++) {
        if (!act_isa_supported((act_isa)i)) continue;
        isa_now = (act_isa)i;
        test_special();
        test_special_backward();
        test_random();
        test_long_rows();
        test_long_rows_backward();
        test_hard_rows();
        test_hard_softmax_rows();
        test_finite_differences();
        test_in_place();
        test_row_by_row();
        test_minus_inf();
        test_lanes();
    }
    return t_done("test_row");
}
