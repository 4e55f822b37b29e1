/*
 * train.c - actlab train, evaluate and predict.
 */
#include "actlab_train.h"
#include "cli/cli.h"

#include <cblas.h>
#include <ctype.h>
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *train_help =
    "usage: actlab train --net SPEC --data DATA [options]\n"
    "  --net SPEC        e.g. 784-1000:tanh-1000:tanh-10, or a spec file\n"
    "  --data DATA       circles(n=2000,noise=0.1), moons, spirals, xor, blobs, regress(f=sine),\n"
    "                    shapeset, fashion-mnist, a directory of MNIST files, csv:FILE\n"
    "  --init NAME       standard | normalized | he_normal | he_uniform | lecun_normal |\n"
    "                    orthogonal (default normalized)\n"
    "  --bias B          initial bias (default 0)\n"
    "  --opt SPEC        sgd(lr=0.1,momentum=0,nesterov=0,weight_decay=0) | adam(lr=0.001,...) |\n"
    "                    adamw(...)  (default sgd(lr=0.1))\n"
    "  --sched SPEC      constant | step(step=1000,gamma=0.1) | cosine(total=0,min_lr=0),\n"
    "                    each with warmup=N (default constant)\n"
    "  --loss NAME       xent | mse | bce (default xent for labels, mse for targets)\n"
    "  --batch N         minibatch size (default 32)\n"
    "  --epochs N        (default 1) | --updates N\n"
    "  --seed S          (default 1)\n"
    "  --threads N       BLAS threads (default 1)\n"
    "  --valid F --test F  split fractions for generated and CSV sets (default 0.1, 0.2)\n"
    "  --standardize     zero mean, unit variance per feature (from the training part)\n"
    "  --limit N         use at most N training examples\n"
    "  --log FILE        metrics per epoch, .csv or .jsonl (instruments: FILE.instruments.csv\n"
    "                    for CSV, the same file for JSON Lines)\n"
    "  --instrument K    activation/gradient statistics per layer every K updates\n"
    "  --save FILE       checkpoint after each epoch (atomic) | --save-every N updates\n"
    "  --resume FILE     continue from a checkpoint exactly\n"
    "  --quiet           no progress output\n"
    "Prints 'test_accuracy=A test_loss=L' (regression: 'test_rmse=R test_loss=L') last.\n";

static int need_value(int i, int argc, char **argv) {
    if (i + 1 >= argc) {
        fprintf(stderr, "actlab: option %s needs a value\n", argv[i]);
        return 0;
    }
    return 1;
}

/* a whole number in [lo, hi]; the caps keep counts such as epochs x
   updates-per-epoch inside a long */
static int parse_long(const char *opt, const char *s, long lo, long hi, long *out) {
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (end == s || *end || errno || v < lo || v > hi) {
        fprintf(stderr, "actlab: %s '%s' must be a whole number in [%ld, %ld]\n", opt, s, lo, hi);
        return 0;
    }
    *out = v;
    return 1;
}

#define MAX_COUNT 1000000000L /* epochs, updates, batch, limit, ... */

/* prints a library error as one line (err may be empty or quote a spec
   with line breaks) */
static int fail(const char *err, trn_status st) {
    fputs("actlab: ", stderr);
    if (!err[0]) err = trn_status_name(st);
    for (const char *c = err; *c; c++) fputc((unsigned char)*c < 0x20 ? ' ' : *c, stderr);
    fputc('\n', stderr);
    return 1;
}

/* An output file must be creatable before training starts: its directory
   exists, the path is not a directory, and a file can be created next to it
   (tried: as root, access() says yes to read-only mounts' neighbours and
   permission bits alike). The probe is named like the checkpoint's
   temporary file and removed at once. */
static int check_writable(const char *what, const char *path) {
    char tmp[4096], probe[4200];
    struct stat sb;
    if (!*path) {
        fprintf(stderr, "actlab: %s: empty file name\n", what);
        return 0;
    }
    if (strlen(path) >= sizeof tmp - 32) {
        fprintf(stderr, "actlab: %s: the path is too long\n", what);
        return 0;
    }
    if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
        fprintf(stderr, "actlab: cannot write %s: it is a directory (%s needs a file name)\n", path,
                what);
        return 0;
    }
    snprintf(tmp, sizeof tmp, "%s", path);
    const char *dir = dirname(tmp);
    if (stat(dir, &sb) != 0) {
        fprintf(stderr, "actlab: cannot write %s: directory %s: %s\n", path, dir, strerror(errno));
        return 0;
    }
    if (!S_ISDIR(sb.st_mode)) {
        fprintf(stderr, "actlab: cannot write %s: %s is not a directory\n", path, dir);
        return 0;
    }
    snprintf(probe, sizeof probe, "%s.tmp.%ld", path, (long)getpid());
    int fd = open(probe, O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd < 0) {
        fprintf(stderr, "actlab: cannot write %s: %s\n", path, strerror(errno));
        return 0;
    }
    close(fd);
    unlink(probe);
    return 1;
}

int cli_train(int argc, char **argv) {
    const char *net_spec = NULL, *data_spec = NULL;
    trn_train_cfg c;
    trn_train_cfg_default(&c);
    c.progress = 1;
    trn_data_opts dopt;
    trn_data_opts_default(&dopt);
    int loss_set = 0;
    long threads = 1, v;
    char err[TRN_ERRLEN] = "";
    trn_status st = TRN_OK;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help")) {
            fputs(train_help, stdout);
            return 0;
        }
        if (!strcmp(a, "--quiet")) {
            c.progress = 0;
            continue;
        }
        if (!strcmp(a, "--standardize")) {
            dopt.standardize = 1;
            continue;
        }
        if (strncmp(a, "--", 2)) {
            fprintf(stderr, "actlab train: unexpected argument '%s' (see --help)\n", a);
            return 2;
        }
        if (!need_value(i, argc, argv)) return 2;
        const char *val = argv[++i];
        if (!strcmp(a, "--net")) net_spec = val;
        else if (!strcmp(a, "--data")) data_spec = val;
        else if (!strcmp(a, "--init")) {
            if ((st = trn_init_parse(val, &c.init, err, sizeof err))) goto bad;
        } else if (!strcmp(a, "--bias")) {
            double b;
            if (!cli_number(val, &b) || !isfinite((float)b)) {
                fprintf(stderr, "actlab: --bias '%s' is not a finite number\n", val);
                return 2;
            }
            c.bias = (float)b;
        } else if (!strcmp(a, "--opt")) {
            if ((st = trn_opt_parse(val, &c.opt, err, sizeof err))) goto bad;
        } else if (!strcmp(a, "--sched")) {
            if ((st = trn_sched_parse(val, &c.sched, err, sizeof err))) goto bad;
        } else if (!strcmp(a, "--loss")) {
            if ((st = trn_loss_parse(val, &c.loss, err, sizeof err))) goto bad;
            loss_set = 1;
        } else if (!strcmp(a, "--batch")) {
            if (!parse_long(a, val, 1, MAX_COUNT, &v)) return 2;
            c.batch = (size_t)v;
        } else if (!strcmp(a, "--epochs")) {
            if (!parse_long(a, val, 1, MAX_COUNT, &c.epochs)) return 2;
            c.updates = 0;
        } else if (!strcmp(a, "--updates")) {
            if (!parse_long(a, val, 1, MAX_COUNT * 1000, &c.updates)) return 2;
            c.epochs = 0;
        } else if (!strcmp(a, "--seed")) {
            if (!parse_long(a, val, 0, LONG_MAX, &v)) return 2;
            c.seed = dopt.seed = (uint64_t)v;
        } else if (!strcmp(a, "--threads")) {
            if (!parse_long(a, val, 1, 1024, &threads)) return 2;
        } else if (!strcmp(a, "--valid") || !strcmp(a, "--test")) {
            double f;
            if (!cli_number(val, &f) || !(f >= 0 && f < 1)) {
                fprintf(stderr, "actlab: %s '%s' must be a fraction in [0, 1)\n", a, val);
                return 2;
            }
            if (a[2] == 'v') dopt.valid_frac = f;
            else dopt.test_frac = f;
        } else if (!strcmp(a, "--limit")) {
            if (!parse_long(a, val, 1, LONG_MAX, &v)) return 2;
            dopt.limit = (size_t)v;
        } else if (!strcmp(a, "--log")) c.log = val;
        else if (!strcmp(a, "--instrument")) {
            if (!parse_long(a, val, 1, LONG_MAX, &c.instrument_every)) return 2;
        } else if (!strcmp(a, "--save")) c.save = val;
        else if (!strcmp(a, "--save-every")) {
            if (!parse_long(a, val, 1, LONG_MAX, &c.save_every)) return 2;
        } else if (!strcmp(a, "--resume")) c.resume = val;
        else {
            fprintf(stderr, "actlab train: unknown option '%s' (see --help)\n", a);
            return 2;
        }
    }
    if (!net_spec || !data_spec) {
        fprintf(stderr, "actlab train: --net and --data are required (see --help)\n");
        return 2;
    }
    if ((c.save && !check_writable("--save", c.save)) || (c.log && !check_writable("--log", c.log)))
        return 1;
    openblas_set_num_threads((int)threads);
    trn_net *net;
    if ((st = trn_net_new(net_spec, &net, err, sizeof err))) {
        if (!err[0]) /* out of memory: the sizes ask for too many parameters */
            snprintf(err, sizeof err, "network spec '%.300s': %s (too many parameters?)", net_spec,
                     trn_status_name(st));
        goto bad;
    }
    trn_split data;
    if ((st = trn_data_load(data_spec, &dopt, &data, err, sizeof err))) {
        trn_net_free(net);
        goto bad;
    }
    if (!loss_set && !data.train.label) c.loss = TRN_LOSS_MSE;
    trn_result r;
    st = trn_train(net, &data, &c, &r, err, sizeof err);
    if (st == TRN_OK) {
        if (data.train.label && c.loss != TRN_LOSS_MSE)
            printf("test_accuracy=%.6f test_loss=%.6f\n", r.test_acc, r.test_loss);
        else printf("test_rmse=%.6g test_loss=%.6g\n", r.test_acc, r.test_loss);
    }
    trn_split_free(&data);
    trn_net_free(net);
    if (st) goto bad;
    return 0;
bad:
    return fail(err, st);
}

int cli_evaluate(int argc, char **argv) {
    const char *model = NULL, *data_spec = NULL;
    trn_data_opts dopt;
    trn_data_opts_default(&dopt);
    long v;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help")) {
            printf("usage: actlab evaluate --model FILE --data DATA [--seed S] [--threads N]\n"
                   "  evaluates a checkpoint on the test part of DATA (same syntax as train;\n"
                   "  generated sets need the training seed to rebuild the same split).\n"
                   "  Prints 'test_accuracy=A test_loss=L' (regression: test_rmse).\n");
            return 0;
        }
        if (!need_value(i, argc, argv)) return 2;
        if (!strcmp(argv[i], "--model")) model = argv[++i];
        else if (!strcmp(argv[i], "--data")) data_spec = argv[++i];
        else if (!strcmp(argv[i], "--seed")) {
            if (!parse_long("--seed", argv[++i], 0, LONG_MAX, &v)) return 2;
            dopt.seed = (uint64_t)v;
        } else if (!strcmp(argv[i], "--threads")) {
            if (!parse_long("--threads", argv[++i], 1, 1024, &v)) return 2;
            openblas_set_num_threads((int)v);
        } else {
            fprintf(stderr, "actlab evaluate: unknown option '%s'\n", argv[i]);
            return 2;
        }
    }
    if (!model || !data_spec) {
        fprintf(stderr, "actlab evaluate: --model and --data are required\n");
        return 2;
    }
    char err[TRN_ERRLEN] = "";
    trn_status s = TRN_OK;
    trn_net *net;
    trn_ckpt_state st;
    if ((s = trn_ckpt_load(model, &net, NULL, &st, err, sizeof err))) goto bad;
    free(st.perm);
    trn_split data;
    if ((s = trn_data_load(data_spec, &dopt, &data, err, sizeof err))) {
        trn_net_free(net);
        goto bad;
    }
    const trn_data *d = data.test.n ? &data.test : &data.train;
    double loss, metric;
    s = trn_evaluate(net, d, st.loss, 256, &loss, &metric, err, sizeof err);
    if (!s) {
        if (d->label && st.loss != TRN_LOSS_MSE) printf("test_accuracy=%.6f test_loss=%.6f\n", metric, loss);
        else printf("test_rmse=%.6g test_loss=%.6g\n", metric, loss);
    }
    trn_split_free(&data);
    trn_net_free(net);
    if (s) goto bad;
    return 0;
bad:
    return fail(err, s);
}

int cli_predict(int argc, char **argv) {
    const char *model = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help")) {
            printf("usage: actlab predict --model FILE < inputs.csv\n"
                   "  reads one example per line (comma-separated numbers, as many as the\n"
                   "  network's inputs) and prints, for a cross-entropy model, the class and the\n"
                   "  class probabilities; otherwise the outputs.\n");
            return 0;
        }
        if (!strcmp(argv[i], "--model") && i + 1 < argc) model = argv[++i];
        else if (!strcmp(argv[i], "--model")) {
            fprintf(stderr, "actlab: option --model needs a value\n");
            return 2;
        } else {
            fprintf(stderr, "actlab predict: unknown option '%s'\n", argv[i]);
            return 2;
        }
    }
    if (!model) {
        fprintf(stderr, "actlab predict: --model is required\n");
        return 2;
    }
    char err[TRN_ERRLEN] = "";
    trn_net *net;
    trn_ckpt_state st;
    trn_status ls = trn_ckpt_load(model, &net, NULL, &st, err, sizeof err);
    if (ls) return fail(err, ls);
    free(st.perm);
    size_t nin = trn_net_inputs(net), nout = trn_net_outputs(net);
    float *x = malloc(nin * sizeof *x);
    char *line = NULL;
    size_t cap = 0;
    long ln = 0;
    int rc = 0;
    while (getline(&line, &cap, stdin) > 0) {
        ln++;
        char *s = line;
        while (isspace((unsigned char)*s)) s++;
        if (!*s) continue;
        size_t k = 0;
        for (;;) {
            char *end;
            double v = strtod(s, &end);
            if (end == s || !isfinite((float)v) || k >= nin) {
                fprintf(stderr, "actlab: stdin line %ld: %s\n", ln,
                        k >= nin ? "more values than the network's inputs"
                                 : "not a finite float");
                rc = 1;
                goto out;
            }
            x[k++] = (float)v;
            s = end;
            while (*s == ' ' || *s == '\t') s++;
            if (*s == ',') {
                s++;
                continue;
            }
            while (isspace((unsigned char)*s)) s++;
            if (!*s) break;
            fprintf(stderr, "actlab: stdin line %ld: unexpected '%c'\n", ln, *s);
            rc = 1;
            goto out;
        }
        if (k != nin) {
            fprintf(stderr, "actlab: stdin line %ld: %zu values, the network takes %zu\n", ln, k, nin);
            rc = 1;
            goto out;
        }
        const float *o = trn_net_forward(net, x, 1, 0, NULL);
        if (st.loss == TRN_LOSS_XENT) {
            double m = o[0], s2 = 0;
            size_t best = 0;
            for (size_t j = 0; j < nout; j++)
                if (o[j] > m) {
                    m = o[j];
                    best = j;
                }
            for (size_t j = 0; j < nout; j++) s2 += exp(o[j] - m);
            printf("%zu", best);
            for (size_t j = 0; j < nout; j++) printf(",%.6g", exp(o[j] - m) / s2);
            printf("\n");
        } else {
            for (size_t j = 0; j < nout; j++) printf("%s%.9g", j ? "," : "", (double)o[j]);
            printf("\n");
        }
    }
out:
    free(line);
    free(x);
    trn_net_free(net);
    return rc;
}
