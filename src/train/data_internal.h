/*
 * data_internal.h - what the data files (data.c, data_idx.c, data_csv.c,
 * data_gen.c, shapeset.c) share and no caller sees. Prefix trn_dat_.
 */
#ifndef TRN_DATA_INTERNAL_H
#define TRN_DATA_INTERNAL_H

#include "actlab_train.h"

#include <stdarg.h>

/* Most elements one data set may hold: beyond this a header or a spec is
   taken to be wrong rather than large (2^31 floats = 8 GiB). */
#define TRN_DAT_MAX_ELEMS ((size_t)1 << 31)
/* Most classes a label file or column may imply (labels 0..65535): a label of
   1e9 is a mistake, not a 1e9-way problem. */
#define TRN_DAT_MAX_CLASSES 65536

/* Writes one line into err (newlines in the arguments become spaces). */
void trn_dat_err(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Copies at most 40 characters of s[0..n) into buf, non-printables as '?',
   "..." when cut; for quoting a value in a message. */
const char *trn_dat_quote(char *buf, size_t len, const char *s, size_t n);
/* the last component of a path */
const char *trn_dat_base(const char *path);
/* Allocates d for n examples: x (n, dim), label when classes > 0, y (n,
   targets) when targets > 0. n*dim is checked against TRN_DAT_MAX_ELEMS. */
trn_status trn_dat_alloc(trn_data *d, size_t n, size_t dim, int classes, size_t targets,
                         const char *what, char *err, size_t errlen);

/* ---- spec options: "name(k=v,k=v)" ---------------------------------------- */

typedef enum { TRN_DAT_NUM, TRN_DAT_INT, TRN_DAT_STR } trn_dat_optkind;
typedef struct {
    const char *name;
    trn_dat_optkind kind;
    double def, lo, hi; /* the range, inclusive unless hi_open */
    int hi_open;
    const char *doc;
} trn_dat_optdef;

/* Parses the option list inner[0..len) (top-level commas separate options,
   so an expression value may hold "max(x,0)") against defs: fills vals with
   the defaults, then the given values; a TRN_DAT_STR option's text goes to
   str/slen (pointing into inner). spec names the whole spec in messages. */
trn_status trn_dat_parse_opts(const char *spec, const char *inner, size_t len,
                              const trn_dat_optdef *defs, int ndefs, double *vals,
                              const char **str, size_t *slen, char *err, size_t errlen);

/* ---- generators (data_gen.c, shapeset.c) ---------------------------------- */

/* 1 when name[0..len) names a generator */
int trn_dat_is_generator(const char *name, size_t len);
/* the generators' names, ", "-separated */
const char *trn_dat_generator_names(void);
/* Generates the whole set that spec describes ("circles(n=10)"), drawing from r. */
trn_status trn_dat_generate(const char *spec, trn_rng *r, trn_data *out, char *err,
                            size_t errlen);
/* Shapeset-3x2 (Glorot & Bengio 2010): n images size x size, 9 classes. */
trn_status trn_dat_shapeset(size_t n, size_t size, trn_rng *r, trn_data *out, char *err,
                            size_t errlen);

#endif
