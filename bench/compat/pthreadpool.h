/* Debian's xnnpack.h includes <pthreadpool.h> (libpthreadpool-dev), which
   libxnnpack-dev does not pull in. The benchmark passes no thread pool, so
   the opaque pointer type is all it needs; used only when the real header
   is missing (bench/Makefile). */
#ifndef BENCH_COMPAT_PTHREADPOOL_H
#define BENCH_COMPAT_PTHREADPOOL_H
typedef struct pthreadpool *pthreadpool_t;
#endif
