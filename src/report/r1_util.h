/*
 * r1_util.h - helpers shared by the gallery, properties and saturation
 * sections of the report: escaped HTML cells, number formatting, and the
 * numerical derivative check.
 */
#ifndef ACT_REPORT_R1_UTIL_H
#define ACT_REPORT_R1_UTIL_H

#include "report/report.h"

/* UTF-8 marks used in the tables */
#define R1_CHECK "\xe2\x9c\x93" /* check mark */
#define R1_CROSS "\xe2\x9c\x97" /* ballot x */
#define R1_INF "\xe2\x88\x9e"   /* infinity */

/* writes s HTML-escaped into the section */
void r1_esc(rpt_ctx *c, const char *s);
/* one <td> (class cls when not NULL), the text escaped, inside <code> when code */
void r1_td(rpt_ctx *c, const char *cls, const char *text, int code);
/* a number for a table: %.*g, with +-inf written as the infinity sign */
const char *r1_num(char *buf, size_t len, double v, int digits);

/* The numerical check of a derivative: npts points spread over [lo, hi]
   (rounded to float), away from the descriptor's breakpoints, compare
   act_df (double), act_backward_x (float32, dy = 1; every variant this CPU
   runs: scalar, and the function's own SIMD kernels) and the descriptor's
   dformula text (evaluated in double by act_expr_eval) with a central
   difference of act_f in double. The error at a point is
   |d - fd| / max(1, |fd|): relative where |f'| > 1, absolute below. */
typedef struct {
    int points;         /* points compared */
    int skipped;        /* points where the difference is not finite (outside the domain) */
    double err_double;  /* max error of act_df */
    double err_float;   /* max error of act_backward_x, over every variant checked */
    unsigned isa_mask;  /* the float32 variants checked: bit v for act_isa v */
    double err_formula; /* max error of the dformula expression (inf: it does not parse) */
    double worst_x;     /* where the larger of the two (scaled by its tolerance) was seen */
    int pass;           /* err_double, err_formula <= R1_TOL_DOUBLE, err_float <= R1_TOL_FLOAT */
} r1_dcheck;

/* tolerances: the central difference itself is good to ~1e-9 here; a float32
   kernel rounds its result to ~6e-8 relative; a wrong formula errs by O(1) */
#define R1_TOL_DOUBLE 1e-6
#define R1_TOL_FLOAT 1e-4

/* returns 0, or -1 when out of memory */
int r1_derivative_check(const act_fn *fn, double lo, double hi, int npts, r1_dcheck *out);

/* the breakpoints of fn inside (lo, hi), sorted; returns their count (<= max) */
int r1_breaks_in(const act_fn *fn, double lo, double hi, double *out, int max);

#endif
