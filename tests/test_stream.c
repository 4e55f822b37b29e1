/*
 * test_stream.c - the large-array path of the SIMD kernels: from
 * ACT_SIMD_NT_MIN elements a kernel declared ACT_STREAM stores with
 * non-temporal stores after peeling to an aligned address (four or eight
 * vectors per iteration), one declared ACT_MIXED streams seven lines in
 * eight, one declared ACT_CACHED keeps its regular loop; the functions
 * below cover the policies and both unrolls. The results must be bit for
 * bit those of the regular path (the same array in calls of 4096), forward
 * and backward from x and from y, for every variant, with the output
 * aligned and misaligned by 1 to 15 floats, in place too, and nothing
 * written past the end.
 */
#include "actlab.h"
#include "simd/simd.h"
#include "t.h"

#include <stdlib.h>
#include <string.h>

enum { EXTRA = 1000, PAD = 32 };

static void chunked(const act_fn *fn, act_isa isa, int dir, size_t n, const float *a,
                    const float *dy, float *out) {
    for (size_t i = 0; i < n; i += 4096) {
        size_t m = n - i < 4096 ? n - i : 4096;
        if (dir == 0)
            act_forward_isa(fn, isa, m, a + i, out + i);
        else if (dir == 1)
            act_backward_x_isa(fn, isa, m, a + i, dy + i, out + i);
        else
            act_backward_y_isa(fn, isa, m, a + i, dy + i, out + i);
    }
}
static void whole(const act_fn *fn, act_isa isa, int dir, size_t n, const float *a, const float *dy,
                  float *out) {
    if (dir == 0)
        act_forward_isa(fn, isa, n, a, out);
    else if (dir == 1)
        act_backward_x_isa(fn, isa, n, a, dy, out);
    else
        act_backward_y_isa(fn, isa, n, a, dy, out);
}

int main(void) {
    const size_t n = ACT_SIMD_NT_MIN + EXTRA;
    const size_t bytes = ((n + PAD) * sizeof(float) + 63) / 64 * 64; /* C11: a multiple */
    float *x = aligned_alloc(64, bytes), *dy = aligned_alloc(64, bytes);
    float *ref = aligned_alloc(64, bytes), *out = aligned_alloc(64, bytes);
    float *buf = aligned_alloc(64, bytes), *xs = aligned_alloc(64, bytes);
    CHECK(x && dy && ref && out && buf && xs);
    if (!x || !dy || !ref || !out || !buf || !xs) return t_done("test_stream");
    for (size_t i = 0; i < n + PAD; i++) {
        x[i] = (float)((double)((i * 2654435761u) % 100003) / 100003.0 * 12.0 - 6.0);
        dy[i] = (float)((i % 7) - 3);
    }
    /* the policies and loops these cover, AVX-512: mixed with eight vectors
       per iteration (tanh forward and backward, silu's backward) and with
       four (relu, sigmoid and elu forward; exp forward and backward, silu
       forward for any beta, sigmoid, hardswish, celu and hardtanh backward:
       four there where eight run in cache, ACT512_U8), the cached line
       every fourth iteration (one
       in sixteen); the two-pass driver with mixed stores
       (mish forward); streamed (relu's backward, the backwards from y);
       cached (gelu forward, mish backward). AVX2, four vectors, the cached
       line every fourth iteration: mixed (relu, hardswish, elu forward),
       cached (tanh, sigmoid, silu forward), streamed (exp from y). */
    static const char *const specs[] = {
        "relu", "exp",  "tanh", "sigmoid",        "hardswish",       "elu(alpha=0.5)",
        "gelu", "silu", "mish", "silu(beta=1.5)", "celu(alpha=0.7)", "hardtanh"};
    /* two lengths: n, whose last 2048-float block of a split kernel
       (simd.h) is 985-1000 floats long, and ACT_SIMD_NT_MIN + 15, whose
       last block (at offsets 5 and 10: 10 and 5 floats) is shorter than
       the head that aligns the output to a line (11 and 6 floats) */
    const size_t lens[2] = {ACT_SIMD_NT_MIN + EXTRA, ACT_SIMD_NT_MIN + 15};
    for (int isa = 1; isa < ACT_ISA_COUNT; isa++) {
        if (!act_isa_supported((act_isa)isa)) continue;
        for (size_t li = 0; li < 2; li++)
            for (size_t s = 0; s < sizeof specs / sizeof specs[0]; s++) {
                const size_t len = lens[li];
                act_fn fn;
                CHECK(act_parse(specs[s], &fn, NULL, 0) == ACT_OK);
                if (!act_has_variant(fn.id, (act_isa)isa)) continue;
                for (int dir = 0; dir < 3; dir++) {
                    if (dir == 2 && !act_has_backward_y(&fn)) continue;
                    const float *a = x;
                    if (dir == 2) { /* y for the backward from y */
                        act_forward_isa(&fn, (act_isa)isa, len, x, buf);
                        a = buf;
                    }
                    for (size_t off = 0; off < 16; off += 5) { /* 0, 5, 10, 15 floats */
                        size_t m = len - off;
                        chunked(&fn, (act_isa)isa, dir, m, a + off, dy + off, ref);
                        for (size_t i = 0; i < PAD; i++)
                            out[off + m + i] = -1234.5f;
                        whole(&fn, (act_isa)isa, dir, m, a + off, dy + off, out + off);
                        CHECKF(!memcmp(ref, out + off, m * sizeof(float)),
                               "%s [%s] dir %d offset %zu: streaming result differs", specs[s],
                               act_isa_name((act_isa)isa), dir, off);
                        int past = 0;
                        for (size_t i = 0; i < PAD; i++)
                            past |= out[off + m + i] != -1234.5f;
                        CHECKF(!past, "%s [%s] dir %d offset %zu: wrote past the end", specs[s],
                               act_isa_name((act_isa)isa), dir, off);
                    }
                    if (dir == 0) { /* in place */
                        memcpy(out, x, len * sizeof(float));
                        act_forward_isa(&fn, (act_isa)isa, len, out, out);
                        chunked(&fn, (act_isa)isa, 0, len, x, dy, ref);
                        CHECKF(!memcmp(ref, out, len * sizeof(float)), "%s [%s]: in place differs",
                               specs[s], act_isa_name((act_isa)isa));
                    }
                }
            }
    }
    /* softmax and log_softmax over rows of 1024, ACT_SIMD_NT_MIN elements
       and more: bit for bit the result of calls of 4 rows, the output
       aligned, misaligned and in place (y == x, dx == dy). Backward, dx is
       streamed where its rows are aligned (AVX-512 softmax); forward, y
       goes through the cache (streaming it ran 0.83-0.86x at 16 Mi
       floats, nineteenth session), and row 3 holds a NaN and row 9 a +inf
       (rows of the scalar kernel amid the vector ones). */
    static const char *const rspecs[] = {"softmax", "log_softmax"};
    const size_t cols = 1024, rows = n / cols;
    for (int isa = 0; isa < ACT_ISA_COUNT; isa++) {
        if (!act_isa_supported((act_isa)isa)) continue;
        for (size_t s = 0; s < 2; s++) {
            act_fn fn;
            CHECK(act_parse(rspecs[s], &fn, NULL, 0) == ACT_OK);
            static const size_t offs[] = {0, 16, 17};
            memcpy(xs, x, rows * cols * sizeof(float));
            xs[3 * cols + 100] = NAN;
            xs[9 * cols + 7] = INFINITY;
            for (size_t r = 0; r < rows; r += 4)
                act_row_forward_isa(&fn, (act_isa)isa, 4, cols, xs + r * cols, ref + r * cols);
            for (size_t oi = 0; oi < 3; oi++) {
                size_t off = offs[oi];
                act_row_forward_isa(&fn, (act_isa)isa, rows, cols, xs, out + off);
                CHECKF(!memcmp(ref, out + off, rows * cols * sizeof(float)),
                       "%s [%s] y offset %zu: the large forward differs", rspecs[s],
                       act_isa_name((act_isa)isa), off);
            }
            memcpy(out, xs, rows * cols * sizeof(float));
            act_row_forward_isa(&fn, (act_isa)isa, rows, cols, out, out);
            CHECKF(!memcmp(ref, out, rows * cols * sizeof(float)),
                   "%s [%s]: the forward in place differs", rspecs[s], act_isa_name((act_isa)isa));
            act_row_forward_isa(&fn, (act_isa)isa, rows, cols, x, buf);
            for (size_t oi = 0; oi < 3; oi++) {
                size_t off = offs[oi];
                for (size_t r = 0; r < rows; r += 4)
                    act_row_backward_isa(&fn, (act_isa)isa, 4, cols, x + r * cols, buf + r * cols,
                                         dy + r * cols, ref + r * cols);
                act_row_backward_isa(&fn, (act_isa)isa, rows, cols, x, buf, dy, out + off);
                CHECKF(!memcmp(ref, out + off, rows * cols * sizeof(float)),
                       "%s [%s] dx offset %zu: the large call differs", rspecs[s],
                       act_isa_name((act_isa)isa), off);
            }
            memcpy(out, dy, rows * cols * sizeof(float));
            act_row_backward_isa(&fn, (act_isa)isa, rows, cols, x, buf, out, out);
            CHECKF(!memcmp(ref, out, rows * cols * sizeof(float)), "%s [%s]: in place differs",
                   rspecs[s], act_isa_name((act_isa)isa));
        }
    }
    free(x);
    free(dy);
    free(ref);
    free(out);
    free(buf);
    free(xs);
    return t_done("test_stream");
}
