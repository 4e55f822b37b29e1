/*
 * t.h - the test helpers: every failure prints file, line and operands, and
 * the program exits non-zero when any check failed.
 */
#ifndef ACT_T_H
#define ACT_T_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static int t_failed, t_checks;

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        t_checks++;                                                                                \
        if (!(cond)) {                                                                             \
            t_failed++;                                                                            \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);               \
        }                                                                                          \
    } while (0)

#define CHECKF(cond, ...)                                                                          \
    do {                                                                                           \
        t_checks++;                                                                                \
        if (!(cond)) {                                                                             \
            t_failed++;                                                                            \
            fprintf(stderr, "%s:%d: CHECK failed: %s: ", __FILE__, __LINE__, #cond);               \
            fprintf(stderr, __VA_ARGS__);                                                          \
            fputc('\n', stderr);                                                                   \
        }                                                                                          \
    } while (0)

#define CHECK_EQ_INT(a, b)                                                                         \
    CHECKF((long long)(a) == (long long)(b), "%lld != %lld", (long long)(a), (long long)(b))

static inline int t_done(const char *name) {
    printf("%s: %d checks, %d failed\n", name, t_checks, t_failed);
    return t_failed ? 1 : 0;
}

#endif
