/*
 * test_pool.c - the thread pool: split kernels give exactly the results of
 * the unsplit ones, for sizes around the threshold and odd lengths, with
 * 1 to 4 threads, over many calls on one pool; act_pool_run runs every part
 * exactly once per call.
 */
#include "actlab.h"
#include "t.h"

#include <string.h>

/* act_pool_run: every part once, on as many threads as the pool has */
typedef struct {
    int parts_seen;
    int count[8];
} run_ctx;
static void count_part(void *ctx, int part, int parts) {
    run_ctx *c = ctx;
    c->count[part]++; /* each part writes its own slot */
    if (part == 0) c->parts_seen = parts;
}

int main(void) {
    enum { N = 70001 };
    static float x[N], dy[N], y0[N], y1[N], d0[N], d1[N];
    for (int i = 0; i < N; i++) {
        x[i] = (float)((i * 7919 % 20001) - 10000) / 1000.0f;
        dy[i] = (float)(i % 13) - 6;
    }
    const char *specs[] = {"tanh", "gelu", "relu", "elu(alpha=0.5)"};
    const size_t sizes[] = {0, 1, 63, 64, 1000, 4095, 4096, 8193, 65536, N};
    for (int t = 1; t <= 4; t++) {
        act_pool *p = act_pool_new(t, t == 2 ? 0 : 2048); /* 0: ACT_POOL_MIN_CHUNK */
        CHECK(p != NULL && act_pool_threads(p) == t);
        for (size_t s = 0; s < sizeof specs / sizeof specs[0]; s++) {
            act_fn fn;
            CHECK(act_parse(specs[s], &fn, NULL, 0) == ACT_OK);
            for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
                size_t n = sizes[k];
                act_forward(&fn, n, x, y0);
                act_backward_x(&fn, n, x, dy, d0);
                memset(y1, 0, sizeof y1);
                act_forward_pool(p, &fn, n, x, y1);
                act_backward_x_pool(p, &fn, n, x, dy, d1);
                CHECKF(!memcmp(y0, y1, n * sizeof *y0) && !memcmp(d0, d1, n * sizeof *d0),
                       "%s n=%zu threads=%d: split result differs", specs[s], n, t);
                CHECKF(n == N || y1[n] == 0, "%s n=%zu threads=%d wrote past the end", specs[s], n,
                       t);
            }
        }
        act_pool_free(p);
    }
    for (int t = 1; t <= 4; t++) {
        act_pool *p = act_pool_new(t, 0);
        run_ctx c = {0};
        for (int r = 0; r < 1000; r++)
            act_pool_run(p, count_part, &c);
        CHECK_EQ_INT(c.parts_seen, t);
        for (int k = 0; k < 8; k++)
            CHECKF(c.count[k] == (k < t ? 1000 : 0), "threads=%d: part %d ran %d times", t, k,
                   c.count[k]);
        act_pool_free(p);
    }
    run_ctx c = {0};
    act_pool_run(NULL, count_part, &c);
    CHECK(c.parts_seen == 1 && c.count[0] == 1);
    CHECK(act_pool_new(0, 1) == NULL);
    act_pool_free(NULL);
    return t_done("test_pool");
}
