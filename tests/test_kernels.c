/*
 * test_kernels.c - the float32 array kernels of every elementwise function:
 * every length from 0 to 40 (tails), in-place calls, NaN in gives NaN out,
 * agreement with the double reference, and the backward from y against the
 * backward from x.
 */
#include "actlab.h"
#include "t.h"

#include <float.h>
#include <string.h>

enum { N = 40 };

static float rnd(unsigned *s, float lo, float hi) {
    *s = *s * 1664525u + 1013904223u;
    return lo + (hi - lo) * (float)(*s >> 8) / 16777216.0f;
}

static int same_float(float a, float b) {
    return (isnan(a) && isnan(b)) || memcmp(&a, &b, sizeof a) == 0;
}

int main(void) {
    unsigned seed = 12345;
    for (int id = 0; id < ACT_COUNT; id++) {
        const act_desc *d = act_describe((act_id)id);
        if (d->kind != ACT_KIND_ELEMENTWISE) continue;
        act_fn fn;
        act_lookup(d->name, &fn);
        float x[N], y[N], dy[N], dx[N], y1, dx1, buf[N], buf2[N];
        for (int i = 0; i < N; i++) {
            x[i] = rnd(&seed, (float)d->plot_lo, (float)d->plot_hi);
            dy[i] = rnd(&seed, -2, 2);
        }
        /* every length: the array result equals the one-element result */
        for (int n = 0; n <= N; n++) {
            for (int i = 0; i < N; i++) y[i] = dx[i] = NAN;
            act_forward(&fn, (size_t)n, x, y);
            act_backward_x(&fn, (size_t)n, x, dy, dx);
            for (int i = 0; i < N; i++) {
                if (i >= n) {
                    CHECKF(isnan(y[i]) && isnan(dx[i]), "%s n=%d wrote past the end at %d", d->name, n, i);
                    continue;
                }
                act_forward(&fn, 1, &x[i], &y1);
                act_backward_x(&fn, 1, &x[i], &dy[i], &dx1);
                CHECKF(same_float(y[i], y1) && same_float(dx[i], dx1), "%s n=%d i=%d", d->name, n, i);
            }
        }
        /* the kernel is the double reference rounded once */
        for (int i = 0; i < N; i++) {
            float want = (float)act_f(&fn, x[i]);
            act_forward(&fn, 1, &x[i], &y1);
            CHECKF(same_float(y1, want), "%s(%.9g): kernel %.9g, reference %.9g", d->name, (double)x[i],
                   (double)y1, (double)want);
        }
        /* in place: y == x, dx == dy */
        act_forward(&fn, N, x, y);
        memcpy(buf, x, sizeof buf);
        act_forward(&fn, N, buf, buf);
        for (int i = 0; i < N; i++) CHECKF(same_float(buf[i], y[i]), "%s in-place forward at %d", d->name, i);
        act_backward_x(&fn, N, x, dy, dx);
        memcpy(buf2, dy, sizeof buf2);
        act_backward_x(&fn, N, x, buf2, buf2);
        for (int i = 0; i < N; i++) CHECKF(same_float(buf2[i], dx[i]), "%s in-place backward at %d", d->name, i);
        /* NaN in gives NaN out */
        float nan_in = NAN, one = 1, out;
        act_forward(&fn, 1, &nan_in, &out);
        CHECKF(isnan(out), "%s(NaN) = %g", d->name, (double)out);
        act_backward_x(&fn, 1, &nan_in, &one, &out);
        CHECKF(isnan(out), "%s'(NaN) = %g", d->name, (double)out);
        /* backward from y agrees with backward from x where well conditioned */
        if (act_has_backward_y(&fn)) {
            float dxy[N];
            act_backward_y(&fn, N, y, dy, dxy);
            for (int i = 0; i < N; i++) {
                double tol = 1e-4 * fabs(dy[i]) + 2e-3 * fabs(dx[i]);
                CHECKF(fabs((double)dxy[i] - dx[i]) <= tol, "%s at x=%.9g: from y %.9g, from x %.9g",
                       d->name, (double)x[i], (double)dxy[i], (double)dx[i]);
            }
            memcpy(buf2, dy, sizeof buf2);
            act_backward_y(&fn, N, y, buf2, buf2);
            for (int i = 0; i < N; i++) CHECKF(same_float(buf2[i], dxy[i]), "%s in-place backward_y", d->name);
        }
    }
    return t_done("test_kernels");
}
