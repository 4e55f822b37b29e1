/*
 * pool.c - a small pool of worker threads for splitting large arrays.
 *
 * A call publishes one job (a kernel and its arrays) by bumping an atomic
 * generation; every worker takes its slice, the caller takes the first slice
 * itself and waits for the count of pending workers to reach 0. Workers and
 * caller spin (with pause) before they sleep: a condition-variable wake-up
 * costs 15-25 us on the machine measured (bench/pool.c), which put the
 * crossover of a 2-thread split at 64 Ki to 1 Mi floats; spinning first
 * brings a round trip down to about a microsecond when calls follow each
 * other. A worker that has spun ACT_POOL_SPIN rounds without work sleeps on
 * the condition variable (counted in `sleepers`, so that a publisher only
 * takes the mutex when someone sleeps). Slices start at multiples of 64
 * elements so no two threads write the same cache line.
 */
#include "fn.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define ACT_RELAX() _mm_pause()
#else
#define ACT_RELAX() ((void)0)
#endif

enum { ACT_POOL_SPIN = 1 << 14 }; /* pause rounds before sleeping: ~100-300 us */

typedef struct {
    const act_fn *fn;
    int backward;
    size_t n;
    const float *a, *b; /* x (forward) or x, dy (backward) */
    float *out;
    void (*task)(void *ctx, int part, int parts); /* act_pool_run: instead of the above */
    void *ctx;
} job;

struct act_pool {
    int threads;
    size_t min_chunk;
    pthread_t *tid;
    pthread_mutex_t mu;
    pthread_cond_t go;
    _Atomic unsigned long generation; /* bumped per job (release: publishes j) */
    _Atomic int pending;              /* workers still on the current job */
    _Atomic int sleepers;             /* workers asleep on `go` */
    _Atomic int quit;
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
    for (;;) {
        unsigned long g;
        int spins = 0;
        while ((g = atomic_load_explicit(&p->generation, memory_order_acquire)) == seen &&
               !atomic_load(&p->quit)) {
            if (++spins < ACT_POOL_SPIN) {
                ACT_RELAX();
                if (spins % 1024 == 0) sched_yield(); /* more threads than cores */
                continue;
            }
            pthread_mutex_lock(&p->mu);
            atomic_fetch_add(&p->sleepers, 1);
            while (atomic_load(&p->generation) == seen && !atomic_load(&p->quit))
                pthread_cond_wait(&p->go, &p->mu);
            atomic_fetch_sub(&p->sleepers, 1);
            pthread_mutex_unlock(&p->mu);
            spins = 0;
        }
        if (atomic_load(&p->quit)) break;
        seen = g;
        if (p->j.task) {
            p->j.task(p->j.ctx, k, p->threads);
        } else {
            size_t lo, hi;
            slice(p, k, &lo, &hi);
            run_slice(&p->j, lo, hi);
        }
        atomic_fetch_sub_explicit(&p->pending, 1, memory_order_release);
    }
    return NULL;
}

act_pool *act_pool_new(int threads, size_t min_chunk) {
    if (threads < 1 || threads > 256) return NULL;
    act_pool *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    p->threads = threads;
    p->min_chunk = min_chunk ? min_chunk : ACT_POOL_MIN_CHUNK;
    p->tid = calloc((size_t)threads, sizeof *p->tid);
    if (!p->tid) {
        free(p);
        return NULL;
    }
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->go, NULL);
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
    atomic_store(&p->quit, 1);
    pthread_cond_broadcast(&p->go);
    pthread_mutex_unlock(&p->mu);
    for (int k = 1; k < p->threads; k++)
        pthread_join(p->tid[k], NULL);
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->go);
    free(p->tid);
    free(p);
}

int act_pool_threads(const act_pool *p) { return p->threads; }

/* hands j to the workers (p->threads > 1) */
static void publish(act_pool *p, const job *j) {
    p->j = *j; /* no worker reads it until the generation moves */
    atomic_store_explicit(&p->pending, p->threads - 1, memory_order_relaxed);
    atomic_fetch_add(&p->generation, 1); /* seq_cst: publishes j; ordered with sleepers */
    if (atomic_load(&p->sleepers) > 0) {
        pthread_mutex_lock(&p->mu);
        pthread_cond_broadcast(&p->go);
        pthread_mutex_unlock(&p->mu);
    }
}
/* waits for the workers' parts */
static void join(act_pool *p) {
    for (unsigned long spins = 1; atomic_load_explicit(&p->pending, memory_order_acquire) > 0;
         spins++) {
        ACT_RELAX();
        if (spins % 1024 == 0) sched_yield();
    }
}

static void run(act_pool *p, const job *j) {
    if (!p || p->threads == 1 || j->n < p->min_chunk * 2) {
        run_slice(j, 0, j->n);
        return;
    }
    publish(p, j);
    size_t lo, hi;
    slice(p, 0, &lo, &hi);
    run_slice(j, lo, hi);
    join(p);
}

void act_pool_run(act_pool *p, void (*task)(void *ctx, int part, int parts), void *ctx) {
    if (!p || p->threads == 1) {
        task(ctx, 0, 1);
        return;
    }
    job j = {0};
    j.task = task;
    j.ctx = ctx;
    publish(p, &j);
    task(ctx, 0, p->threads);
    join(p);
}

void act_forward_pool(act_pool *p, const act_fn *fn, size_t n, const float *x, float *y) {
    job j = {fn, 0, n, x, NULL, y, NULL, NULL};
    run(p, &j);
}

void act_backward_x_pool(act_pool *p, const act_fn *fn, size_t n, const float *x, const float *dy,
                         float *dx) {
    job j = {fn, 1, n, x, dy, dx, NULL, NULL};
    run(p, &j);
}
