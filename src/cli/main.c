/*
 * main.c - the actlab command line: dispatch to the subcommands.
 */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *help;
} commands[] = {
    {"report", cli_report, "run the article's experiments, write DIR/index.html (-o DIR)"},
    {"list", cli_list, "print the catalog (--json for JSON)"},
    {"show", cli_show, "formula, derivative, parameters, properties of SPEC (--plot FILE.png)"},
    {"eval", cli_eval, "x f(x) f'(x) through the float32 kernels (--double for the reference)"},
    {"train", cli_train, "train a network (--net SPEC --data DATA ...)"},
    {"evaluate", cli_evaluate, "evaluate a checkpoint on a data set"},
    {"predict", cli_predict, "predict from a checkpoint, inputs as CSV on stdin"},
};

static void usage(FILE *out) {
    fprintf(out, "usage: actlab COMMAND [options]   (actlab COMMAND --help for details)\n\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].help);
    fprintf(out, "\nA function is written SPEC = name or name(param=value,...), e.g. "
                 "elu(alpha=0.5).\nactlab %s\n",
            ACT_VERSION);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return 0;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("actlab %s\n", ACT_VERSION);
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(argv[1], commands[i].name)) return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "actlab: unknown command '%s' (try actlab --help)\n", argv[1]);
    return 2;
}
