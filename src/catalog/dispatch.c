/*
 * dispatch.c - which kernels run: CPU features detected once behind a
 * pthread once-guard, ACTLAB_ISA read at that moment, and the variant table
 * built from src/simd/variants.def.
 */
#include "fn.h"
#include "simd/simd.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ACT_SIMD(isa, id) extern const act_simd_kernels act_simd_##isa##_##id;
#include "simd/variants.def"
#undef ACT_SIMD

#define ISA_avx2 ACT_ISA_AVX2
#define ISA_avx512 ACT_ISA_AVX512

static const struct {
    act_isa isa;
    act_id id;
    const act_simd_kernels *k;
} variants[] = {
#define ACT_SIMD(isa, id) {ISA_##isa, ACT_##id, &act_simd_##isa##_##id},
#include "simd/variants.def"
#undef ACT_SIMD
    {ACT_ISA_SCALAR, ACT_COUNT, NULL}, /* keeps the array non-empty */
};

#define ACT_SIMD_ROW(isa, id) extern const act_simd_row_kernels act_simd_row_##isa##_##id;
#include "simd/rows.def"
#undef ACT_SIMD_ROW

static const struct {
    act_isa isa;
    act_id id;
    const act_simd_row_kernels *k;
} row_variants[] = {
#define ACT_SIMD_ROW(isa, id) {ISA_##isa, ACT_##id, &act_simd_row_##isa##_##id},
#include "simd/rows.def"
#undef ACT_SIMD_ROW
    {ACT_ISA_SCALAR, ACT_COUNT, NULL},
};

static const char *const isa_names[] = {"scalar", "avx2", "avx512"};
_Static_assert(sizeof isa_names / sizeof isa_names[0] == ACT_ISA_COUNT, "every ISA needs a name");

const char *act_isa_name(act_isa isa) {
    return (unsigned)isa < ACT_ISA_COUNT ? isa_names[isa] : "?";
}

int act_isa_supported(act_isa isa) {
    switch (isa) {
    case ACT_ISA_SCALAR: return 1;
#if defined(__x86_64__) || defined(__i386__)
    case ACT_ISA_AVX2:
        __builtin_cpu_init();
        return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    case ACT_ISA_AVX512:
        __builtin_cpu_init();
        return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
               __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl") &&
               __builtin_cpu_supports("fma");
#endif
    default: return 0;
    }
}

static pthread_once_t once = PTHREAD_ONCE_INIT;
static act_isa active; /* written once, under the once-guard */
/* the variant tables, indexed directly (a call looks its kernels up once per
   call: no search): written once, under the once-guard, read-only after */
static const act_simd_kernels *vtab[ACT_ISA_COUNT][ACT_COUNT];
static const act_simd_row_kernels *rtab[ACT_ISA_COUNT][ACT_COUNT];

static void detect(void) {
    for (size_t i = 0; i + 1 < sizeof variants / sizeof variants[0]; i++)
        vtab[variants[i].isa][variants[i].id] = variants[i].k;
    for (size_t i = 0; i + 1 < sizeof row_variants / sizeof row_variants[0]; i++)
        rtab[row_variants[i].isa][row_variants[i].id] = row_variants[i].k;
    act_isa best = ACT_ISA_SCALAR;
    for (int i = ACT_ISA_COUNT - 1; i > 0; i--)
        if (act_isa_supported((act_isa)i)) {
            best = (act_isa)i;
            break;
        }
    const char *env = getenv("ACTLAB_ISA");
    if (env && *env) {
        int found = 0;
        for (int i = 0; i < ACT_ISA_COUNT; i++)
            if (!strcmp(env, isa_names[i]) && act_isa_supported((act_isa)i)) {
                best = (act_isa)i;
                found = 1;
            }
        /* an environment variable has no caller to return an error to: say it once */
        if (!found)
            fprintf(stderr,
                    "actlab: ACTLAB_ISA=%s is not one of scalar, avx2, avx512 that this CPU "
                    "runs; using %s\n",
                    env, isa_names[best]);
    }
    active = best;
}

act_isa act_isa_active(void) {
    pthread_once(&once, detect);
    return active;
}

const act_simd_kernels *act_simd_lookup(act_id id, act_isa isa) {
    if ((unsigned)isa >= ACT_ISA_COUNT || (unsigned)id >= ACT_COUNT) return NULL;
    pthread_once(&once, detect);
    return vtab[isa][id];
}

const act_simd_row_kernels *act_simd_row_lookup(act_id id, act_isa isa) {
    if ((unsigned)isa >= ACT_ISA_COUNT || (unsigned)id >= ACT_COUNT) return NULL;
    pthread_once(&once, detect);
    return rtab[isa][id];
}

int act_has_variant(act_id id, act_isa isa) {
    return isa == ACT_ISA_SCALAR || act_simd_lookup(id, isa) != NULL ||
           act_simd_row_lookup(id, isa) != NULL;
}
