/*
 * test_gemm_small.c - the trainer's small-minibatch products (gemm_small.h:
 * forward, input gradient, weight update)
 * against a double-precision reference, for every row count 1..12 and
 * widths around the kernels' blocks (16 lanes, 32 columns, 512-column
 * passes), and a network's forward and backward on both paths (the small
 * kernels and OpenBLAS) agreeing to rounding, on one thread and on two
 * (the net's own pool; the weight update then too); a product split into two
 * ranges, as the pool splits it, gives the same bits as in one.
 *
 * ACTLAB_SMALL_GEMM=0 turns them off. On a CPU without AVX-512 the kernels never run
 * (trn_small_available() is 0, and a new network says so); only that is checked there.
 */
#include "t.h"
#include "train/gemm_small.h"
#include "train/internal.h"

#include <cblas.h>
#include <string.h>

static unsigned long long rng = 0x2545F4914F6CDD1Dull;
static float urand(void) {
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (float)((rng >> 40) * 0x1p-24) * 2.0f - 1.0f;
}
static float *rand_array(size_t n) {
    float *a = malloc(n * sizeof *a + 64);
    for (size_t i = 0; i < n; i++)
        a[i] = urand();
    return a;
}

/* |got - exact| <= 4 k eps sum |terms| for a k-term dot product */
static int close_to(float got, double exact, double mag, size_t k) {
    return fabs((double)got - exact) <= 4.0 * (double)k * 0x1p-24 * mag + 1e-30;
}

static void check_kernels(size_t n, size_t in, size_t out) {
    float *x = rand_array(n * in), *w = rand_array(out * in), *dy = rand_array(n * out);
    float *z = rand_array(n * out), *dx = rand_array(n * in);
    float *g = rand_array(out * in), *g0 = malloc(out * in * sizeof *g0);
    memcpy(g0, g, out * in * sizeof *g0);
    trn_small_xwt(n, in, out, 0, out, x, w, z);
    trn_small_dyw(n, in, out, 0, in, dy, w, dx);
    trn_small_dw(n, in, out, 0, out, -0.5f, dy, x, g);
    /* the same in two ranges, as two threads split them: the same bits */
    float *z2 = rand_array(n * out), *dx2 = rand_array(n * in), *g2 = malloc(out * in * sizeof *g2);
    memcpy(g2, g0, out * in * sizeof *g2);
    size_t jm = (out / 2) & ~(size_t)1, km = (in / 2) & ~(size_t)31;
    trn_small_xwt(n, in, out, 0, jm, x, w, z2);
    trn_small_xwt(n, in, out, jm, out, x, w, z2);
    trn_small_dyw(n, in, out, 0, km, dy, w, dx2);
    trn_small_dyw(n, in, out, km, in, dy, w, dx2);
    trn_small_dw(n, in, out, 0, jm, -0.5f, dy, x, g2);
    trn_small_dw(n, in, out, jm, out, -0.5f, dy, x, g2);
    CHECKF(!memcmp(z, z2, n * out * sizeof *z) && !memcmp(dx, dx2, n * in * sizeof *dx) &&
               !memcmp(g, g2, out * in * sizeof *g),
           "n=%zu in=%zu out=%zu: split ranges differ", n, in, out);
    int bad_g = 0;
    for (size_t j = 0; j < out; j++)
        for (size_t k = 0; k < in; k++) {
            double s = g0[j * in + k], m = fabs(s);
            for (size_t b = 0; b < n; b++) {
                s += -0.5 * dy[b * out + j] * x[b * in + k];
                m += fabs(0.5 * dy[b * out + j] * x[b * in + k]);
            }
            if (!close_to(g[j * in + k], s, m, n + 2) && !bad_g++)
                fprintf(stderr, "dw n=%zu in=%zu out=%zu: g[%zu][%zu] = %.9g, exact %.9g\n", n, in,
                        out, j, k, g[j * in + k], s);
        }
    CHECKF(bad_g == 0, "dw n=%zu in=%zu out=%zu: %d wrong", n, in, out, bad_g);
    free(z2);
    free(dx2);
    free(g2);
    free(g);
    free(g0);
    int bad_z = 0, bad_dx = 0;
    for (size_t b = 0; b < n; b++)
        for (size_t j = 0; j < out; j++) {
            double s = 0, m = 0;
            for (size_t k = 0; k < in; k++) {
                s += (double)x[b * in + k] * w[j * in + k];
                m += fabs((double)x[b * in + k] * w[j * in + k]);
            }
            if (!close_to(z[b * out + j], s, m, in) && !bad_z++)
                fprintf(stderr, "xwt n=%zu in=%zu out=%zu: z[%zu][%zu] = %.9g, exact %.9g\n", n, in,
                        out, b, j, z[b * out + j], s);
        }
    for (size_t b = 0; b < n; b++)
        for (size_t k = 0; k < in; k++) {
            double s = 0, m = 0;
            for (size_t j = 0; j < out; j++) {
                s += (double)dy[b * out + j] * w[j * in + k];
                m += fabs((double)dy[b * out + j] * w[j * in + k]);
            }
            if (!close_to(dx[b * in + k], s, m, out) && !bad_dx++)
                fprintf(stderr, "dyw n=%zu in=%zu out=%zu: dx[%zu][%zu] = %.9g, exact %.9g\n", n,
                        in, out, b, k, dx[b * in + k], s);
        }
    CHECKF(bad_z == 0, "xwt n=%zu in=%zu out=%zu: %d wrong", n, in, out, bad_z);
    CHECKF(bad_dx == 0, "dyw n=%zu in=%zu out=%zu: %d wrong", n, in, out, bad_dx);
    free(x);
    free(w);
    free(dy);
    free(z);
    free(dx);
}

/* the same network and batch on both paths: outputs, input deltas and the
   parameters after a fused SGD step agree to rounding */
static void check_net(size_t n, int threads) {
    const char *spec = "37-70:tanh-33:sigmoid-5";
    trn_net *a, *b;
    char err[256];
    CHECK(trn_net_new(spec, &a, err, sizeof err) == TRN_OK);
    CHECK(trn_net_new(spec, &b, err, sizeof err) == TRN_OK);
    CHECK(a->small_gemm == 1);
    b->small_gemm = 0;
    trn_rng r1, r2;
    trn_rng_seed(&r1, 7);
    trn_rng_seed(&r2, 7);
    trn_net_init(a, TRN_INIT_NORMALIZED, 0.1f, &r1);
    trn_net_init(b, TRN_INIT_NORMALIZED, 0.1f, &r2);
    float *x = rand_array(n * 37);
    int32_t labels[TRN_SMALL_ROWS];
    for (size_t i = 0; i < n; i++)
        labels[i] = (int32_t)(i % 5);
    openblas_set_num_threads(threads);
    const float *ya = trn_net_forward(a, x, n, 1, &r1);
    const float *yb = trn_net_forward(b, x, n, 1, &r2);
    double dmax = 0;
    for (size_t i = 0; i < n * 5; i++)
        dmax = fmax(dmax, fabs((double)ya[i] - yb[i]));
    CHECKF(dmax < 1e-5, "n=%zu: outputs differ by %g", n, dmax);
    /* with more than one OpenBLAS thread the small kernels run on the net's pool */
    CHECKF((a->pool != NULL) == (threads > 1), "n=%zu threads=%d: pool %p", n, threads,
           (void *)a->pool);
    trn_net_loss(a, TRN_LOSS_XENT, labels, NULL, n);
    trn_net_loss(b, TRN_LOSS_XENT, labels, NULL, n);
    trn_net_backward_sgd(a, 0.1f);
    trn_net_backward_sgd(b, 0.1f);
    dmax = 0;
    for (int l = 1; l < trn_net_nlayers(a); l++) {
        const float *da = trn_net_layer_delta(a, l), *db = trn_net_layer_delta(b, l);
        if (!da || !db) continue;
        size_t m = n * trn_net_layer_width(a, l - 1);
        for (size_t i = 0; i < m; i++)
            dmax = fmax(dmax, fabs((double)da[i] - db[i]));
    }
    CHECKF(dmax < 1e-5, "n=%zu: input deltas differ by %g", n, dmax);
    const float *pa = trn_net_params(a), *pb = trn_net_params(b);
    dmax = 0;
    for (size_t i = 0; i < trn_net_nparams(a); i++)
        dmax = fmax(dmax, fabs((double)pa[i] - pb[i]));
    CHECKF(dmax < 1e-5, "n=%zu: parameters after the step differ by %g", n, dmax);
    free(x);
    trn_net_free(a);
    trn_net_free(b);
}

int main(void) {
    if (!trn_small_available()) {
        trn_net *net;
        char err[256];
        CHECK(trn_net_new("4-3:tanh-2", &net, err, sizeof err) == TRN_OK);
        CHECK(net->small_gemm == 0);
        trn_net_free(net);
        printf("test_gemm_small: no AVX-512 here: the kernels are off, as they must be\n");
        return t_done("test_gemm_small");
    }
    static const size_t widths[] = {1, 2, 15, 16, 17, 31, 32, 33, 63, 511, 512, 513, 784, 1000};
    const size_t nw = sizeof widths / sizeof *widths;
    for (size_t n = 1; n <= TRN_SMALL_ROWS; n++)
        for (size_t i = 0; i < nw; i++)
            for (size_t o = 0; o < nw; o += 3)
                if (widths[i] * widths[o] <= 100000) check_kernels(n, widths[i], widths[o]);
    check_kernels(10, 1000, 1000);
    check_kernels(10, 784, 1000);
    for (size_t n = 1; n <= TRN_SMALL_ROWS; n++) {
        check_net(n, 1);
        check_net(n, 2);
    }
    openblas_set_num_threads(1);
    /* an empty batch takes neither kernel (they need n >= 1) */
    trn_net *net;
    char err[256];
    CHECK(trn_net_new("4-3:tanh-2", &net, err, sizeof err) == TRN_OK);
    float x0[4] = {0};
    trn_net_forward(net, x0, 0, 0, NULL);
    trn_net_free(net);
    /* ACTLAB_SMALL_GEMM=0 keeps OpenBLAS */
    setenv("ACTLAB_SMALL_GEMM", "0", 1);
    CHECK(trn_net_new("4-3:tanh-2", &net, err, sizeof err) == TRN_OK);
    CHECK(net->small_gemm == 0);
    trn_net_free(net);
    return t_done("test_gemm_small");
}
