/*
 * fuzz_util.h - what the libFuzzer targets share: a private temporary
 * directory (the working directory of every target, so nothing a spec names
 * can reach a file outside it), writing an input to a file there, and the
 * size filters that keep inputs fast (a generated set of 10^8 examples is a
 * correct answer, not a bug; the fuzzers skip it).
 */
#ifndef ACT_FUZZ_UTIL_H
#define ACT_FUZZ_UTIL_H

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cblas.h>
#include <ftw.h>

static char fz_dir[256];

/* every failure says why, in one line */
#define FZ_ONE_LINE(err)                                                                           \
    do {                                                                                           \
        if (!(err)[0] || strchr((err), '\n')) {                                                    \
            fprintf(stderr, "fuzz: the error message is not one line: '%s'\n", (err));             \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

static int fz_rm1(const char *p, const struct stat *sb, int flag, struct FTW *ftw) {
    (void)sb, (void)flag, (void)ftw;
    return remove(p);
}

static void fz_cleanup(void) {
    if (fz_dir[0]) {
        if (chdir("/") != 0) return;
        nftw(fz_dir, fz_rm1, 16, FTW_DEPTH | FTW_PHYS);
    }
}

/* makes a fresh directory (under /dev/shm when it exists), makes it the
   working directory and removes it at exit; stdin reads /dev/null and
   OpenBLAS uses one thread */
static void fz_setup(void) {
    const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    snprintf(fz_dir, sizeof fz_dir, "%s/actlab-fuzz-XXXXXX", base);
    if (!mkdtemp(fz_dir) || chdir(fz_dir) != 0) {
        perror("fuzz: temporary directory");
        abort();
    }
    atexit(fz_cleanup);
    if (!freopen("/dev/null", "r", stdin)) abort();
    openblas_set_num_threads(1);
}

/* writes n bytes to name (in the working directory) */
static void fz_write(const char *name, const void *d, size_t n) {
    FILE *f = fopen(name, "wb");
    if (!f || (n && fwrite(d, 1, n, f) != n) || fclose(f) != 0) {
        perror(name);
        abort();
    }
}

/* a NUL-terminated copy of the input (caller frees) */
static char *fz_str(const uint8_t *d, size_t n) {
    char *s = malloc(n + 1);
    if (!s) abort();
    memcpy(s, d, n);
    s[n] = 0;
    return s;
}

/* Network specs whose parameters would take more than ~8 MiB are skipped:
   the spec parser accepts sizes up to 10^6, so "1000000-1000000" is a valid
   network of 10^12 parameters (an out-of-memory error, checked by the bad-input
   test) and would only slow the fuzzer. Counts the product of consecutive
   leading numbers of the '-'-separated groups, generously. */
static double fz_net_params(const char *s) {
    double prev = 0, total = 0;
    int depth = 0;
    const char *g = s;
    for (const char *p = s;; p++) {
        if (*p == '(')
            depth++;
        else if (*p == ')')
            depth--;
        if (*p == 0 || (*p == '-' && depth == 0) || *p == '\n') {
            const char *q = g;
            while (q < p && !isdigit((unsigned char)*q) && *q != ':')
                q++;
            double v = 0;
            if (q < p && isdigit((unsigned char)*q)) v = strtod(q, NULL);
            if (!(v <= 1e7)) v = 1e7; /* inf, nan: the parser refuses them anyway */
            if (v > 1e6) v = 0;       /* refused as a size: no allocation */
            total += v * (prev + 1) + v;
            prev = v ? v : prev;
            if (*p == 0) break;
            g = p + 1;
        }
    }
    return total;
}

static int fz_net_small(const char *s) { return fz_net_params(s) <= 2e6; }

/* Data specs that would generate or read more than a few thousand values
   are skipped (n, size, dim, k caps; fashion-mnist and absolute paths). */
static int fz_data_small(const char *s) {
    if (strchr(s, '/') || strstr(s, "mnist") || strstr(s, "MNIST")) return 0;
    static const struct {
        const char *key;
        double max;
    } caps[] = {{"n", 2000}, {"size", 16}, {"dim", 32}, {"k", 32}};
    for (const char *p = s; *p; p++) {
        if (p > s && (isalnum((unsigned char)p[-1]) || p[-1] == '_')) continue;
        for (size_t i = 0; i < sizeof caps / sizeof caps[0]; i++) {
            size_t kl = strlen(caps[i].key);
            if (strncmp(p, caps[i].key, kl)) continue;
            const char *q = p + kl;
            while (isspace((unsigned char)*q))
                q++;
            if (*q != '=') continue;
            q++;
            double v = strtod(q, NULL);
            if (!(v <= caps[i].max)) return 0;
        }
    }
    /* shapeset's defaults (10000 images of 32x32) are too slow: require a small n */
    const char *sh = strstr(s, "shapeset");
    if (sh) {
        const char *n = strstr(sh, "n=");
        if (!n || strtod(n + 2, NULL) > 50) return 0;
    }
    /* generators default to n=1000; fine */
    return 1;
}

/* 1 when s holds a number of magnitude 9e18 or more (or inf/nan spelled
   as a number) */
static int fz_has_huge_number(const char *s) {
    for (const char *p = s; *p; p++) {
        if (!isdigit((unsigned char)*p) && *p != '.') continue;
        char *e;
        double v = strtod(p, &e);
        if (e > p && !(fabs(v) < 9e18)) return 1;
        if (e > p) p = e - 1;
    }
    return 0;
}

#endif
