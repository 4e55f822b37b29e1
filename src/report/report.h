/*
 * report.h - the report: the article's claims as experiments, written to one
 * HTML page with PNG figures and a CSV beside every figure. Prefix rpt_.
 *
 * Each section is one function `int rpt_section_<name>(rpt_ctx *)` in its own
 * file src/report/sec_<name>.c. It writes its HTML through the helpers below
 * (never raw file I/O for the page), saves figures with rpt_figure and data
 * with rpt_csv_*, reports progress with rpt_progress, and returns 0, or -1
 * after rpt_fail() explained what went wrong. A section sizes its work by
 * ctx->full (paper-sized) or not (quick: the whole quick report must finish
 * in 10 minutes on 2 cores) or ctx->smoke (seconds: the test suite's size),
 * and says on the page what size it ran.
 */
#ifndef ACT_REPORT_H
#define ACT_REPORT_H

#include "actlab_train.h"
#include "plot/plot.h"

#include <stdarg.h>
#include <stdio.h>

typedef struct {
    const char *outdir;  /* the report's folder (exists) */
    uint64_t seed;       /* every random draw of the report derives from it */
    int threads;         /* BLAS threads */
    int full, smoke;     /* sizes: paper-sized, or the test suite's seconds */
    int progress;        /* print progress to stderr */
    FILE *html;          /* the current section's HTML body (a memory stream) */
    const char *section; /* the current section's id */
    char error[512];
    double t_start;
} rpt_ctx;

/* ---- HTML (text is escaped; fmt arguments are not) ---------------------------- */
void rpt_h3(rpt_ctx *c, const char *title);
/* a paragraph; printf-style, the result escaped */
void rpt_p(rpt_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* raw HTML (trusted: for <b>, <code>, links within the page) */
void rpt_raw(rpt_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* a table: begin with the header cells, then rows of cells, then end */
void rpt_table_begin(rpt_ctx *c, int ncols, const char *const *headers);
void rpt_table_row(rpt_ctx *c, int ncols, const char *const *cells);
void rpt_table_end(rpt_ctx *c);

/* ---- figures and data ------------------------------------------------------------ */
/* Saves f as DIR/<name>.png (atomically), frees f, and puts the figure with
   its caption (and a link to DIR/<name>.csv when csv_too) on the page.
   Returns 0, or -1 (message in c->error). */
int rpt_figure(rpt_ctx *c, plt_figure *f, const char *name, const char *caption, int csv_too);
/* A CSV file DIR/<name>.csv written atomically on close. */
FILE *rpt_csv_open(rpt_ctx *c, const char *name, const char *header);
int rpt_csv_close(rpt_ctx *c, FILE *f, const char *name);

/* ---- run-time ------------------------------------------------------------------- */
void rpt_progress(rpt_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int rpt_fail(rpt_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* a seed for a named sub-experiment, derived from the report's seed */
uint64_t rpt_seed(const rpt_ctx *c, const char *what);
double rpt_now(void);

/* ---- the sections, in page order ------------------------------------------------- */
int rpt_section_gallery(rpt_ctx *c);    /* 1. every function and its derivative; Caffe table */
int rpt_section_properties(rpt_ctx *c); /* 2. the properties table */
int rpt_section_linear(rpt_ctx *c);     /* 3. why a nonlinearity */
int rpt_section_uat(rpt_ctx *c);        /* 4. universal approximation */
int rpt_section_classify(rpt_ctx *c);   /* 5. nonlinear classification */
int rpt_section_glorot(rpt_ctx *c);     /* 6. gradient vanishing, Glorot & Bengio 2010 */
int rpt_section_saturation(rpt_ctx *c); /* 7. saturation and the vanishing factor */
int rpt_section_noisy(rpt_ctx *c);      /* 8. noisy activation functions */

#endif
