/*
 * ports.c - which AVX-512 instructions compete for the same execution
 * ports on this CPU: the cost model behind the kernels' design
 * (bench/README.md, "What moved the kernels").
 *
 * For each instruction, and for pairs of instructions interleaved, sixteen
 * independent dependency chains run long enough to hide latency; the
 * result is instructions per nanosecond. Two instructions that use
 * disjoint ports run at the sum of their rates when paired; two that share
 * ports run at the rate of one. Each figure is the best of 5 timings.
 *
 * usage: ports        (make -C bench ACTLAB_BUILD=... ports)
 */
#include <immintrin.h>
#include <stdio.h>
#include <time.h>

enum { ITERS = 4000000, TRIES = 5 };

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

/* one instruction on accumulator a (b and idx are loop-invariant inputs) */
#define I_FMA(a) __asm__("vfmadd213ps %1, %1, %0" : "+v"(a) : "v"(b))
#define I_MUL(a) __asm__("vmulps %1, %0, %0" : "+v"(a) : "v"(b))
#define I_ADD(a) __asm__("vaddps %1, %0, %0" : "+v"(a) : "v"(b))
#define I_MAX(a) __asm__("vmaxps %1, %0, %0" : "+v"(a) : "v"(b))
#define I_CMP(a) __asm__("vcmpltps %1, %0, %%k1" : : "v"(a), "v"(b) : "k1")
#define I_PERM(a) __asm__("vpermps %0, %1, %0" : "+v"(a) : "v"(idx))
/* two-table permute (32 entries): the table in a is overwritten */
#define I_PERM2(a) __asm__("vpermt2ps %1, %2, %0" : "+v"(a) : "v"(b), "v"(idx))
#define I_RCP(a) __asm__("vrcp14ps %0, %0" : "+v"(a))
#define I_SCALEF(a) __asm__("vscalefps %1, %0, %0" : "+v"(a) : "v"(b))
#define I_DIV(a) __asm__("vdivps %1, %0, %0" : "+v"(a) : "v"(b))
#define I_CVT(a) __asm__("vcvtps2dq %0, %0" : "+v"(a))
#define I_AND(a) __asm__("vpandd %1, %0, %0" : "+v"(a) : "v"(b))
#define I_BLEND(a) __asm__("vmovaps %1, %0%{%%k1%}" : "+v"(a) : "v"(b))
#define I_SLL(a) __asm__("vpslld $1, %0, %0" : "+v"(a))
#define I_PADD(a) __asm__("vpaddd %1, %0, %0" : "+v"(a) : "v"(b))
#define I_TERN(a) __asm__("vpternlogd $0xf8, %1, %1, %0" : "+v"(a) : "v"(b))
#define I_D2M(a) __asm__("vpmovd2m %0, %%k1" : : "v"(a) : "k1")
#define I_PCMP(a) __asm__("vpcmpgtd %1, %0, %%k1" : : "v"(a), "v"(b) : "k1")
#define I_FIXUP(a) __asm__("vfixupimmps $0, %1, %1, %0" : "+v"(a) : "v"(b))
#define I_RNDS(a) __asm__("vrndscaleps $1, %0, %0" : "+v"(a))
#define I_GETEXP(a) __asm__("vgetexpps %0, %0" : "+v"(a))
#define I_RANGE(a) __asm__("vrangeps $0x0e, %1, %0, %0" : "+v"(a) : "v"(b))
#define I_OR(a) __asm__("vpord %1, %0, %0" : "+v"(a) : "v"(b))

#define X16(I)                                                                                     \
    I(a0);                                                                                         \
    I(a1);                                                                                         \
    I(a2);                                                                                         \
    I(a3);                                                                                         \
    I(a4);                                                                                         \
    I(a5);                                                                                         \
    I(a6);                                                                                         \
    I(a7);                                                                                         \
    I(a8);                                                                                         \
    I(a9);                                                                                         \
    I(a10);                                                                                        \
    I(a11);                                                                                        \
    I(a12);                                                                                        \
    I(a13);                                                                                        \
    I(a14);                                                                                        \
    I(a15)

/* instructions per ns of the pair (I1, I2), 16 of each per iteration */
#define PAIR(NAME, I1, I2)                                                                         \
    __attribute__((target("avx512f"))) static double NAME(void) {                                  \
        double best = 0;                                                                           \
        for (int t = 0; t < TRIES; t++) {                                                          \
            __m512 a0 = _mm512_set1_ps(1.0001f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0,      \
                   a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0, a12 = a0, a13 = a0,     \
                   a14 = a0, a15 = a0, b = _mm512_set1_ps(0.9999f);                                \
            __m512i idx = _mm512_set1_epi32(3);                                                    \
            (void)idx;                                                                             \
            (void)b;                                                                               \
            double t0 = now_ns();                                                                  \
            for (long i = 0; i < ITERS; i++) {                                                     \
                X16(I1);                                                                           \
                X16(I2);                                                                           \
            }                                                                                      \
            double r = 32.0 * ITERS / (now_ns() - t0);                                             \
            __m512 s = _mm512_add_ps(_mm512_add_ps(_mm512_add_ps(a0, a1), _mm512_add_ps(a2, a3)),  \
                                     _mm512_add_ps(_mm512_add_ps(a4, a5), _mm512_add_ps(a6, a7))); \
            s = _mm512_add_ps(s, _mm512_add_ps(_mm512_add_ps(a8, a9), _mm512_add_ps(a10, a11)));   \
            s = _mm512_add_ps(s, _mm512_add_ps(_mm512_add_ps(a12, a13), _mm512_add_ps(a14, a15))); \
            volatile float sink = _mm512_reduce_add_ps(s);                                         \
            (void)sink;                                                                            \
            if (r > best) best = r;                                                                \
        }                                                                                          \
        return best;                                                                               \
    }

PAIR(fma_fma, I_FMA, I_FMA)
PAIR(mul_mul, I_MUL, I_MUL)
PAIR(add_add, I_ADD, I_ADD)
PAIR(max_max, I_MAX, I_MAX)
PAIR(cmp_cmp, I_CMP, I_CMP)
PAIR(perm_perm, I_PERM, I_PERM)
PAIR(perm2_perm2, I_PERM2, I_PERM2)
PAIR(fma_perm2, I_FMA, I_PERM2)
PAIR(add_perm2, I_ADD, I_PERM2)
PAIR(perm_perm2, I_PERM, I_PERM2)
PAIR(rcp_rcp, I_RCP, I_RCP)
PAIR(scalef_scalef, I_SCALEF, I_SCALEF)
PAIR(div_div, I_DIV, I_DIV)
PAIR(cvt_cvt, I_CVT, I_CVT)
PAIR(and_and, I_AND, I_AND)
PAIR(blend_blend, I_BLEND, I_BLEND)
PAIR(fma_add, I_FMA, I_ADD)
PAIR(fma_max, I_FMA, I_MAX)
PAIR(fma_cmp, I_FMA, I_CMP)
PAIR(fma_perm, I_FMA, I_PERM)
PAIR(fma_rcp, I_FMA, I_RCP)
PAIR(fma_scalef, I_FMA, I_SCALEF)
PAIR(fma_div, I_FMA, I_DIV)
PAIR(fma_cvt, I_FMA, I_CVT)
PAIR(fma_blend, I_FMA, I_BLEND)
PAIR(add_max, I_ADD, I_MAX)
PAIR(add_cmp, I_ADD, I_CMP)
PAIR(add_perm, I_ADD, I_PERM)
PAIR(add_rcp, I_ADD, I_RCP)
PAIR(add_scalef, I_ADD, I_SCALEF)
PAIR(add_div, I_ADD, I_DIV)
PAIR(add_cvt, I_ADD, I_CVT)
PAIR(add_blend, I_ADD, I_BLEND)
PAIR(sll_sll, I_SLL, I_SLL)
PAIR(padd_padd, I_PADD, I_PADD)
PAIR(tern_tern, I_TERN, I_TERN)
PAIR(d2m_d2m, I_D2M, I_D2M)
PAIR(pcmp_pcmp, I_PCMP, I_PCMP)
PAIR(fixup_fixup, I_FIXUP, I_FIXUP)
PAIR(rnds_rnds, I_RNDS, I_RNDS)
PAIR(getexp_getexp, I_GETEXP, I_GETEXP)
PAIR(fma_sll, I_FMA, I_SLL)
PAIR(fma_padd, I_FMA, I_PADD)
PAIR(fma_d2m, I_FMA, I_D2M)
PAIR(fma_pcmp, I_FMA, I_PCMP)
PAIR(fma_fixup, I_FMA, I_FIXUP)
PAIR(fma_rnds, I_FMA, I_RNDS)
PAIR(add_sll, I_ADD, I_SLL)
PAIR(add_padd, I_ADD, I_PADD)
PAIR(add_d2m, I_ADD, I_D2M)
PAIR(add_pcmp, I_ADD, I_PCMP)
PAIR(add_fixup, I_ADD, I_FIXUP)
PAIR(add_rnds, I_ADD, I_RNDS)
PAIR(range_range, I_RANGE, I_RANGE)
PAIR(fma_range, I_FMA, I_RANGE)
PAIR(add_range, I_ADD, I_RANGE)
PAIR(or_max, I_OR, I_MAX)

int main(void) {
    __builtin_cpu_init();
    if (!__builtin_cpu_supports("avx512f")) {
        fprintf(stderr, "ports: this CPU has no AVX-512\n");
        return 1;
    }
    static const struct {
        const char *name;
        double (*run)(void);
    } rows[] = {
        {"vfmadd213ps", fma_fma},
        {"vmulps", mul_mul},
        {"vaddps", add_add},
        {"vmaxps", max_max},
        {"vcmpltps (to a mask)", cmp_cmp},
        {"vpermps", perm_perm},
        {"vpermt2ps", perm2_perm2},
        {"fma + vpermt2ps", fma_perm2},
        {"vaddps + vpermt2ps", add_perm2},
        {"vpermps + vpermt2ps", perm_perm2},
        {"vrcp14ps", rcp_rcp},
        {"vscalefps", scalef_scalef},
        {"vdivps", div_div},
        {"vcvtps2dq", cvt_cvt},
        {"vpandd", and_and},
        {"vmovaps (masked)", blend_blend},
        {"fma + vaddps", fma_add},
        {"fma + vmaxps", fma_max},
        {"fma + vcmpltps", fma_cmp},
        {"fma + vpermps", fma_perm},
        {"fma + vrcp14ps", fma_rcp},
        {"fma + vscalefps", fma_scalef},
        {"fma + vdivps", fma_div},
        {"fma + vcvtps2dq", fma_cvt},
        {"fma + masked move", fma_blend},
        {"vaddps + vmaxps", add_max},
        {"vaddps + vcmpltps", add_cmp},
        {"vaddps + vpermps", add_perm},
        {"vaddps + vrcp14ps", add_rcp},
        {"vaddps + vscalefps", add_scalef},
        {"vaddps + vdivps", add_div},
        {"vaddps + vcvtps2dq", add_cvt},
        {"vaddps + masked move", add_blend},
        {"vpslld", sll_sll},
        {"vpaddd", padd_padd},
        {"vpternlogd", tern_tern},
        {"vpmovd2m (to a mask)", d2m_d2m},
        {"vpcmpgtd (to a mask)", pcmp_pcmp},
        {"vfixupimmps", fixup_fixup},
        {"vrndscaleps", rnds_rnds},
        {"vgetexpps", getexp_getexp},
        {"fma + vpslld", fma_sll},
        {"fma + vpaddd", fma_padd},
        {"fma + vpmovd2m", fma_d2m},
        {"fma + vpcmpgtd", fma_pcmp},
        {"fma + vfixupimmps", fma_fixup},
        {"fma + vrndscaleps", fma_rnds},
        {"vaddps + vpslld", add_sll},
        {"vaddps + vpaddd", add_padd},
        {"vaddps + vpmovd2m", add_d2m},
        {"vaddps + vpcmpgtd", add_pcmp},
        {"vaddps + vfixupimmps", add_fixup},
        {"vaddps + vrndscaleps", add_rnds},
        {"vrangeps", range_range},
        {"fma + vrangeps", fma_range},
        {"vaddps + vrangeps", add_range},
        {"vpord + vmaxps", or_max},
    };
    printf("512-bit instructions per ns, 16 independent chains (pairs: both "
           "interleaved)\n| instruction(s) | per ns |\n|---|---:|\n");
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        printf("| %s | %.2f |\n", rows[i].name, rows[i].run());
    return 0;
}
