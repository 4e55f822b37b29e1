/*
 * fuzz_cli.c - the actlab command line: main's dispatch and the subcommands
 * list, show, eval, train, evaluate and predict, called in process.
 *
 * Input: arguments, one per line, up to the first NUL byte; what follows is
 * the standard input (eval reads numbers, predict reads CSV rows). Working
 * directory: a temporary one holding two small checkpoints (m.ckpt, a
 * classifier 2-3:tanh-2, and r.ckpt, a regression 1-4:tanh-1) and a CSV file
 * (d.csv); files a command writes there are removed after each input.
 *
 * Kept out, to stay fast and inside the directory: arguments holding '/',
 * report (a stand-in below), --plot, --threads, list without an unknown option (0.3 s of
 * property probing), big networks and data sets. train always gets
 * "--data xor(n=24) --updates 3 --batch 4 --quiet" appended (the last
 * value wins), so the fuzzer drives its argument parsing, nets, optimizers,
 * schedules, logs and checkpoints without long runs.
 *
 * The contract checked: a failing command (exit status not 0) writes exactly
 * one line to stderr, starting "actlab".
 */
#include "actlab_train.h"
#include "cli/cli.h"
#include "fuzz_util.h"

#include <dirent.h>
#include <fcntl.h>
#include <sanitizer/common_interface_defs.h>
#include <sys/mman.h>
#include <sys/stat.h>

int actlab_main(int argc, char **argv);
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);

static int err_fd = -1, saved_err = -1, saved_out = -1, null_fd = -1;

static int run(int argc, char **argv) { return actlab_main(argc, argv); }

/* the report (minutes of training, files in a directory) is kept out: a
   stand-in, so that src/report need not be built */
int cli_report(int argc, char **argv) {
    (void)argc, (void)argv;
    fprintf(stderr, "actlab: report is not part of the fuzz build\n");
    return 2;
}

/* the fixtures, rewritten after every input (a command may overwrite them) */
static struct {
    const char *name;
    char *data;
    size_t n;
} fixture[3] = {{"m.ckpt", NULL, 0}, {"r.ckpt", NULL, 0}, {"d.csv", NULL, 0}};

static void remember(int i) {
    FILE *f = fopen(fixture[i].name, "rb");
    if (!f) abort();
    fixture[i].data = malloc(1 << 16);
    if (!fixture[i].data) abort();
    fixture[i].n = fread(fixture[i].data, 1, 1 << 16, f);
    fclose(f);
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc, (void)argv;
    fz_setup();
    saved_err = dup(2);
    saved_out = dup(1);
    null_fd = open("/dev/null", O_WRONLY);
    err_fd = memfd_create("stderr", 0);
    if (saved_err < 0 || saved_out < 0 || null_fd < 0 || err_fd < 0) abort();
    __sanitizer_set_report_fd((void *)(intptr_t)saved_err);
    char *a1[] = {"actlab",    "train", "--net",  "2-3:tanh-2", "--data",  "xor(n=24)",
                  "--updates", "2",     "--save", "m.ckpt",     "--quiet", NULL};
    char *a2[] = {"actlab",    "train", "--net",  "1-4:tanh-1", "--data",  "regress(n=24)",
                  "--updates", "2",     "--save", "r.ckpt",     "--quiet", NULL};
    dup2(null_fd, 1);
    if (run(11, a1) != 0 || run(11, a2) != 0) abort();
    fflush(stdout);
    dup2(saved_out, 1);
    const char csv[] = "0.1,0.2,0\n0.3,0.1,1\n-1,2,1\n0.5,0.5,0\n1,1,1\n2,0,0\n0,0,1\n3,3,0\n";
    fz_write("d.csv", csv, sizeof csv - 1);
    for (int i = 0; i < 3; i++)
        remember(i);
    return 0;
}

static int keep(const char *name) {
    return !strcmp(name, ".") || !strcmp(name, "..") || !strcmp(name, "m.ckpt") ||
           !strcmp(name, "r.ckpt") || !strcmp(name, "d.csv") || !strcmp(name, "in.txt");
}

/* removes what the command wrote (files and empty directories) */
static void tidy(void) {
    DIR *dir = opendir(".");
    if (!dir) abort();
    struct dirent *e;
    while ((e = readdir(dir)))
        if (!keep(e->d_name)) {
            if (remove(e->d_name) != 0) nftw(e->d_name, fz_rm1, 8, FTW_DEPTH | FTW_PHYS);
        }
    closedir(dir);
    for (int i = 0; i < 3; i++)
        fz_write(fixture[i].name, fixture[i].data, fixture[i].n);
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) {
    if (n > 8192) return 0;
    const uint8_t *nul = memchr(d, 0, n);
    size_t alen = nul ? (size_t)(nul - d) : n;
    char *args = fz_str(d, alen);
    enum { MAXA = 64 };
    char *argv[MAXA + 12];
    int argc = 0;
    argv[argc++] = "actlab";
    for (char *p = args; p;) {
        char *nl = strchr(p, '\n');
        if (nl) *nl = 0;
        if (argc == MAXA) goto skip;
        argv[argc++] = p;
        p = nl ? nl + 1 : NULL;
    }
    if (alen == 0) argc = 1;
    for (int i = 1; i < argc; i++)
        if (strchr(argv[i], '/') || !strcmp(argv[i], "--plot") || !strcmp(argv[i], "--threads"))
            goto skip;
    if (argc >= 2) {
        const char *cmd = argv[1];
        if (!strcmp(cmd, "report")) goto skip;
        if (!strcmp(cmd, "list")) {
            int other = 0;
            for (int i = 2; i < argc; i++)
                other |= strcmp(argv[i], "--json") && strcmp(argv[i], "--markdown");
            if (!other) goto skip;
        }
        for (int i = 2; i + 1 < argc; i++) {
            /* known, reported: trn_sched_parse casts step/total/warmup to long
               without a range check (src/train/opt.c, undefined beyond 9.2e18) */
            if (!strcmp(argv[i], "--sched") && fz_has_huge_number(argv[i + 1])) goto skip;
            if (!strcmp(argv[i], "--net") && !fz_net_small(argv[i + 1])) goto skip;
            /* orthogonal initialisation is cubic (see fuzz_netspec.c) */
            if (!strcmp(argv[i], "--net") && fz_net_params(argv[i + 1]) > 20000)
                for (int k = 2; k < argc; k++)
                    if (strstr(argv[k], "orth")) goto skip;
            if (!strcmp(argv[i], "--data") && !fz_data_small(argv[i + 1])) goto skip;
        }
        /* a network spec may be given as a file: one written by an earlier
           option is gone by now, and the kept files are not spec files */
        if (!strcmp(cmd, "train")) {
            static char *extra[] = {"--data",  "xor(n=24)", "--updates", "3",
                                    "--batch", "4",         "--quiet"};
            for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
                argv[argc++] = extra[i];
        }
    }
    argv[argc] = NULL;
    /* stdin: the rest of the input */
    size_t slen = nul ? n - alen - 1 : 0;
    fz_write("in.txt", nul ? nul + 1 : d, slen);
    if (!freopen("in.txt", "r", stdin)) abort();
    /* stdout to /dev/null, stderr to a memory file */
    fflush(stdout);
    fflush(stderr);
    if (ftruncate(err_fd, 0) != 0 || lseek(err_fd, 0, SEEK_SET) != 0) abort();
    dup2(null_fd, 1);
    dup2(err_fd, 2);
    int rc = run(argc, argv);
    fflush(stdout);
    fflush(stderr);
    dup2(saved_out, 1);
    dup2(saved_err, 2);
    clearerr(stdin);
    /* the contract: failure = one line on stderr */
    if (rc != 0 && argc > 1) { /* no arguments at all: the usage, on stderr */
        char buf[4096];
        ssize_t got = pread(err_fd, buf, sizeof buf - 1, 0);
        if (got < 0) abort();
        buf[got] = 0;
        char *first_nl = strchr(buf, '\n');
        if (got == 0 || strncmp(buf, "actlab", 6) || !first_nl || first_nl[1]) {
            fprintf(stderr, "exit status %d with stderr (%zd bytes):\n%s\nargs:", rc, got, buf);
            for (int i = 1; i < argc; i++)
                fprintf(stderr, " '%s'", argv[i]);
            fprintf(stderr, "\n");
            abort();
        }
    }
    tidy();
    free(args);
    return 0;
skip:
    free(args);
    return -1;
}
