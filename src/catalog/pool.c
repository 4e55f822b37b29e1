/*
 * pool.c - a small pool of worker threads for splitting large arrays.
 *
 * The pool's threads wait on a condition variable; a call publishes one job
 * (a kernel and its arrays), every worker takes its slice, the caller takes
 * the first slice itself and waits for the rest. Slices start at multiples
 * of 64 elements so no two threads write the same cache line.
 */
#include "fn.h"

#include <pthread.h>
#include <stdlib.h>

typedef struct {
    const act_fn *fn;
    int backward;
    size_t n;
    const float *a, *b; /* x (forward) or x, dy (backward) */
    float *out;
} job;

struct act_pool {
    int threads;
    size_t min_chunk;
    pthread_t *tid;
    pthread_mutex_t mu;
    pthread_cond_t go, done;
    unsigned long generation; /* bumped per job */
    int pending;              /* workers still on the current job */
    int quit;
    job j;
};

static void slice(const act_pool *p, int k, size_t *lo, size_t *hi) {
    size_t per = (p->j.n + (size_t)p->threads - 1) / (size_t)p->threads;
    per = (per + 63) & ~(size_t)63;
    *lo = per * (size_t)k;
    *hi = *lo + per;
    if (*lo > p->j.n) *lo = p->j.n;
    if (*hi > p->j.n) *hi = p->j.n;
}

static void run_slice(const job *j, size_t lo, size_t hi) {
    if (hi <= lo) return;
    if (j->backward)
        act_backward_x(j->fn, hi - lo, j->a + lo, j->b + lo, j->out + lo);
    else
        act_forward(j->fn, hi - lo, j->a + lo, j->out + lo);
}

typedef struct {
    act_pool *p;
    int k;
} worker_arg;

static void *worker(void *arg) {
    worker_arg *w = arg;
    act_pool *p = w->p;
    int k = w->k;
    free(w);
    unsigned long seen = 0;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->quit && p->generation == seen)
            pthread_cond_wait(&p->go, &p->mu);
        if (p->quit) break;
        seen = p->generation;
        job j = p->j;
        pthread_mutex_unlock(&p->mu);
        size_t lo, hi;
        slice(p, k, &lo, &hi);
        run_slice(&j, lo, hi);
        pthread_mutex_lock(&p->mu);
        if (--p->pending == 0) pthread_cond_signal(&p->done);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

act_pool *act_pool_new(int threads, size_t min_chunk) {
    if (threads < 1 || threads > 256) return NULL;
    act_pool *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    p->threads = threads;
    p->min_chunk = min_chunk ? min_chunk : 1;
    p->tid = calloc((size_t)threads, sizeof *p->tid);
    if (!p->tid) {
        free(p);
        return NULL;
    }
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->go, NULL);
    pthread_cond_init(&p->done, NULL);
    for (int k = 1; k < threads; k++) {
        worker_arg *w = malloc(sizeof *w);
        if (!w || pthread_create(&p->tid[k], NULL, worker, (w->p = p, w->k = k, w)) != 0) {
            free(w);
            p->threads = k; /* the ones that started */
            act_pool_free(p);
            return NULL;
        }
    }
    return p;
}

void act_pool_free(act_pool *p) {
    if (!p) return;
    pthread_mutex_lock(&p->mu);
    p->quit = 1;
    pthread_cond_broadcast(&p->go);
    pthread_mutex_unlock(&p->mu);
    for (int k = 1; k < p->threads; k++)
        pthread_join(p->tid[k], NULL);
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->go);
    pthread_cond_destroy(&p->done);
    free(p->tid);
    free(p);
}

int act_pool_threads(const act_pool *p) { return p->threads; }

static void run(act_pool *p, const job *j) {
    if (!p || p->threads == 1 || j->n < p->min_chunk * 2) {
        run_slice(j, 0, j->n);
        return;
    }
    pthread_mutex_lock(&p->mu);
    p->j = *j;
    p->pending = p->threads - 1;
    p->generation++;
    pthread_cond_broadcast(&p->go);
    pthread_mutex_unlock(&p->mu);
    size_t lo, hi;
    slice(p, 0, &lo, &hi);
    run_slice(j, lo, hi);
    pthread_mutex_lock(&p->mu);
    while (p->pending > 0)
        pthread_cond_wait(&p->done, &p->mu);
    pthread_mutex_unlock(&p->mu);
}

void act_forward_pool(act_pool *p, const act_fn *fn, size_t n, const float *x, float *y) {
    job j = {fn, 0, n, x, NULL, y};
    run(p, &j);
}

void act_backward_x_pool(act_pool *p, const act_fn *fn, size_t n, const float *x, const float *dy,
                         float *dx) {
    job j = {fn, 1, n, x, dy, dx};
    run(p, &j);
}
