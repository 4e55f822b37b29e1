/* r3_util.c - see r3_util.h. */
#include "report/r3_util.h"

#include <cblas.h>
#include <float.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* ---- jobs side by side --------------------------------------------------------- */

typedef struct {
    rpt_ctx *c;
    char *jobs;
    size_t njobs, size, next, done;
    void (*fn)(void *);
    const char *what;
    pthread_mutex_t mu;
} pool;

static void *worker(void *arg) {
    pool *p = arg;
    for (;;) {
        pthread_mutex_lock(&p->mu);
        size_t k = p->next < p->njobs ? p->next++ : p->njobs;
        pthread_mutex_unlock(&p->mu);
        if (k == p->njobs) return NULL;
        p->fn(p->jobs + k * p->size);
        pthread_mutex_lock(&p->mu);
        p->done++;
        /* progress at every quarter (and for short lists, every job) */
        size_t q = p->njobs >= 8 ? p->njobs / 4 : 1;
        if (p->done % q == 0 || p->done == p->njobs)
            rpt_progress(p->c, "%s: %zu of %zu done", p->what, p->done, p->njobs);
        pthread_mutex_unlock(&p->mu);
    }
}

void r3_run_jobs(rpt_ctx *c, int workers, void *jobs, size_t njobs, size_t size,
                 void (*fn)(void *job), const char *what) {
    pool p = {.c = c, .jobs = jobs, .njobs = njobs, .size = size, .fn = fn, .what = what};
    pthread_mutex_init(&p.mu, NULL);
    openblas_set_num_threads(1);
    if (workers < 1) workers = 1;
    if ((size_t)workers > njobs) workers = njobs ? (int)njobs : 1;
    pthread_t th[64];
    int started = 0;
    for (int i = 1; i < workers && i < 64; i++) {
        if (pthread_create(&th[started], NULL, worker, &p) != 0) break;
        started++;
    }
    worker(&p); /* this thread works too; with no extra thread, it does all jobs */
    for (int i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    pthread_mutex_destroy(&p.mu);
    openblas_set_num_threads(c->threads);
}

/* ---- statistics ---------------------------------------------------------------- */

double r3_hist(const float *v, size_t n, double lo, double hi, int nb, double *dens) {
    for (int b = 0; b < nb; b++)
        dens[b] = 0;
    if (n == 0 || !(hi > lo)) return 0;
    double w = (hi - lo) / nb;
    size_t out = 0;
    for (size_t i = 0; i < n; i++) {
        double x = v[i];
        if (!(x >= lo && x <= hi)) {
            out++;
            continue;
        }
        int b = (int)((x - lo) / w);
        if (b >= nb) b = nb - 1;
        dens[b] += 1;
    }
    for (int b = 0; b < nb; b++)
        dens[b] /= (double)n * w;
    return (double)out / (double)n;
}

void r3_moments(const float *v, size_t n, double *mean, double *var) {
    double s = 0, s2 = 0;
    for (size_t i = 0; i < n; i++)
        s += v[i];
    double m = n ? s / (double)n : 0;
    for (size_t i = 0; i < n; i++)
        s2 += (v[i] - m) * (v[i] - m);
    *mean = m;
    *var = n ? s2 / (double)n : 0;
}

static int cmp_f(const void *a, const void *b) {
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

double r3_abs_quantile(const float *v, size_t n, double q) {
    if (n == 0) return 0;
    float *t = malloc(n * sizeof *t);
    if (!t) return 0;
    for (size_t i = 0; i < n; i++)
        t[i] = fabsf(v[i]);
    qsort(t, n, sizeof *t, cmp_f);
    double r = t[(size_t)(q * (double)(n - 1) + 0.5)];
    free(t);
    return r;
}

/* ---- symmetric eigenvalues --------------------------------------------------------- */

int r3_sym_eigvals(double *a, int n, double *d) {
    if (n <= 0) return 0;
    double *e = calloc((size_t)n, sizeof *e);
    if (!e) return -1;
#define A(i, j) a[(size_t)(i) * (size_t)n + (size_t)(j)]
    /* Householder reduction to tridiagonal form (lower triangle only):
       after it, d holds the diagonal and e[1..n) the subdiagonal */
    for (int i = n - 1; i > 0; i--) {
        int l = i - 1;
        double h = 0, scale = 0;
        if (l > 0) {
            for (int k = 0; k <= l; k++)
                scale += fabs(A(i, k));
            if (scale == 0) {
                e[i] = A(i, l);
            } else {
                for (int k = 0; k <= l; k++) {
                    A(i, k) /= scale;
                    h += A(i, k) * A(i, k);
                }
                double f = A(i, l);
                double g = f >= 0 ? -sqrt(h) : sqrt(h);
                e[i] = scale * g;
                h -= f * g;
                A(i, l) = f - g;
                f = 0;
                for (int j = 0; j <= l; j++) {
                    g = 0;
                    for (int k = 0; k <= j; k++)
                        g += A(j, k) * A(i, k);
                    for (int k = j + 1; k <= l; k++)
                        g += A(k, j) * A(i, k);
                    e[j] = g / h;
                    f += e[j] * A(i, j);
                }
                double hh = f / (h + h);
                for (int j = 0; j <= l; j++) {
                    f = A(i, j);
                    e[j] = g = e[j] - hh * f;
                    for (int k = 0; k <= j; k++)
                        A(j, k) -= (f * e[k] + g * A(i, k));
                }
            }
        } else {
            e[i] = A(i, l);
        }
    }
    for (int i = 0; i < n; i++)
        d[i] = A(i, i);
#undef A
    /* implicit QL with Wilkinson shifts on the tridiagonal matrix */
    for (int i = 1; i < n; i++)
        e[i - 1] = e[i];
    e[n - 1] = 0;
    int rc = 0;
    for (int l = 0; l < n && rc == 0; l++) {
        int iter = 0, m;
        do {
            for (m = l; m < n - 1; m++) {
                double dd = fabs(d[m]) + fabs(d[m + 1]);
                if (fabs(e[m]) <= DBL_EPSILON * dd) break;
            }
            if (m != l) {
                if (iter++ == 60) {
                    rc = -1;
                    break;
                }
                double g = (d[l + 1] - d[l]) / (2.0 * e[l]);
                double r = hypot(g, 1.0);
                g = d[m] - d[l] + e[l] / (g + copysign(r, g));
                double s = 1, cc = 1, p = 0;
                int i;
                for (i = m - 1; i >= l; i--) {
                    double f = s * e[i], b = cc * e[i];
                    e[i + 1] = r = hypot(f, g);
                    if (r == 0) {
                        d[i + 1] -= p;
                        e[m] = 0;
                        break;
                    }
                    s = f / r;
                    cc = g / r;
                    g = d[i + 1] - p;
                    r = (d[i] - g) * s + 2.0 * cc * b;
                    d[i + 1] = g + (p = s * r);
                    g = cc * r - b;
                }
                if (r == 0 && i >= l) continue;
                d[l] -= p;
                e[l] = g;
                e[m] = 0;
            }
        } while (m != l);
    }
    free(e);
    return rc;
}
