/*
 * cli.h - the subcommands of the actlab tool and their shared helpers.
 * Each subcommand returns the process exit status: 0 success, 1 a failure
 * reported on stderr in one line, 2 a usage error.
 */
#ifndef ACT_CLI_H
#define ACT_CLI_H

#include "actlab.h"

#include <stdio.h>

int cli_list(int argc, char **argv);
int cli_show(int argc, char **argv);
int cli_eval(int argc, char **argv);
int cli_train(int argc, char **argv);
int cli_evaluate(int argc, char **argv);
int cli_predict(int argc, char **argv);
int cli_report(int argc, char **argv);

/* parses SPEC or prints "actlab: <problem>" and returns nonzero */
int cli_parse_fn(const char *spec, act_fn *fn);
/* strict number parsing (accepts nan, inf, -inf); 0 on failure */
int cli_number(const char *s, double *out);
/* JSON string (quoted, escaped) and number (null for non-finite) */
void cli_json_str(FILE *out, const char *s);
void cli_json_num(FILE *out, double v);

#endif
