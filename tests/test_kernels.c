/*
 * test_kernels.c - the float32 array kernels of every elementwise function,
 * in every variant this CPU runs (scalar, avx2, avx512): every length from 0
 * to 160 (more than two tiles of any variant: bodies and tails), nothing
 * written past the end, in-place calls, NaN in gives NaN out, the variants
 * within 4 ULP of the scalar kernels, the scalar kernel equal to the double
 * reference rounded once, and the backward from y against the backward from x.
 */
#include "actlab.h"
#include "t.h"

#include <float.h>
#include <string.h>

enum { N = 160 };

static float rnd(unsigned *s, float lo, float hi) {
    *s = *s * 1664525u + 1013904223u;
    return lo + (hi - lo) * (float)(*s >> 8) / 16777216.0f;
}

static int same_float(float a, float b) {
    return (isnan(a) && isnan(b)) || memcmp(&a, &b, sizeof a) == 0;
}

/* within k ULP (both NaN, or equal infinities, count as equal) */
static int near_float(float a, float b, int k) {
    if (isnan(a) || isnan(b)) return isnan(a) && isnan(b);
    if (isinf(a) || isinf(b)) return a == b;
    float u = fmaxf(fabsf(a), fabsf(b));
    float ulp = u < FLT_MIN ? 0x1p-149f : nextafterf(u, INFINITY) - u;
    return fabsf(a - b) <= k * ulp;
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
        /* every variant, every length: within 4 ULP of the scalar kernel on each element,
           nothing written past the end, and in place gives the same bits */
        for (int isa = 0; isa < ACT_ISA_COUNT; isa++) {
            if (!act_isa_supported((act_isa)isa) || !act_has_variant(fn.id, (act_isa)isa)) continue;
            for (int n = 0; n <= N; n++) {
                for (int i = 0; i < N; i++)
                    y[i] = dx[i] = NAN;
                act_forward_isa(&fn, (act_isa)isa, (size_t)n, x, y);
                act_backward_x_isa(&fn, (act_isa)isa, (size_t)n, x, dy, dx);
                for (int i = 0; i < N; i++) {
                    if (i >= n) {
                        CHECKF(isnan(y[i]) && isnan(dx[i]), "%s [%s] n=%d wrote past the end at %d",
                               d->name, act_isa_name((act_isa)isa), n, i);
                        continue;
                    }
                    act_forward_isa(&fn, ACT_ISA_SCALAR, 1, &x[i], &y1);
                    act_backward_x_isa(&fn, ACT_ISA_SCALAR, 1, &x[i], &dy[i], &dx1);
                    CHECKF(near_float(y[i], y1, 4) && near_float(dx[i], dx1, 4),
                           "%s [%s] n=%d i=%d x=%.9g: f %.9g vs scalar %.9g, dx %.9g vs %.9g",
                           d->name, act_isa_name((act_isa)isa), n, i, (double)x[i], (double)y[i],
                           (double)y1, (double)dx[i], (double)dx1);
                }
                if (n == 0 || n % 7) continue;
                memcpy(buf, x, (size_t)n * sizeof *buf);
                act_forward_isa(&fn, (act_isa)isa, (size_t)n, buf, buf);
                memcpy(buf2, dy, (size_t)n * sizeof *buf2);
                act_backward_x_isa(&fn, (act_isa)isa, (size_t)n, x, buf2, buf2);
                for (int i = 0; i < n; i++)
                    CHECKF(same_float(buf[i], y[i]) && same_float(buf2[i], dx[i]),
                           "%s [%s] in place differs at n=%d i=%d", d->name,
                           act_isa_name((act_isa)isa), n, i);
            }
        }
        /* the scalar kernel is the double reference rounded once */
        for (int i = 0; i < N; i++) {
            float want = (float)act_f(&fn, x[i]);
            act_forward_isa(&fn, ACT_ISA_SCALAR, 1, &x[i], &y1);
            CHECKF(same_float(y1, want), "%s(%.9g): kernel %.9g, reference %.9g", d->name,
                   (double)x[i], (double)y1, (double)want);
        }
        /* in place through the public entry points: y == x, dx == dy */
        act_forward(&fn, N, x, y);
        memcpy(buf, x, sizeof buf);
        act_forward(&fn, N, buf, buf);
        for (int i = 0; i < N; i++)
            CHECKF(same_float(buf[i], y[i]), "%s in-place forward at %d", d->name, i);
        act_backward_x(&fn, N, x, dy, dx);
        memcpy(buf2, dy, sizeof buf2);
        act_backward_x(&fn, N, x, buf2, buf2);
        for (int i = 0; i < N; i++)
            CHECKF(same_float(buf2[i], dx[i]), "%s in-place backward at %d", d->name, i);
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
                CHECKF(fabs((double)dxy[i] - dx[i]) <= tol,
                       "%s at x=%.9g: from y %.9g, from x %.9g", d->name, (double)x[i],
                       (double)dxy[i], (double)dx[i]);
            }
            memcpy(buf2, dy, sizeof buf2);
            act_backward_y(&fn, N, y, buf2, buf2);
            for (int i = 0; i < N; i++)
                CHECKF(same_float(buf2[i], dxy[i]), "%s in-place backward_y", d->name);
        }
    }
    return t_done("test_kernels");
}
