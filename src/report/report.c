/*
 * report.c - actlab report: runs the sections and writes DIR/index.html.
 *
 * Each section writes into its own memory stream; the page is assembled at
 * the end (header with the exact command, seeds, threads, version and
 * machine; a table of contents; the sections; timings) and written
 * atomically. No remote resources: one inline style sheet, no scripts.
 */
#include "report/report.h"
#include "cli/cli.h"

#include <cblas.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

/* ---- helpers for sections ----------------------------------------------------------- */

double rpt_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void esc(FILE *f, const char *s) {
    for (; *s; s++)
        switch (*s) {
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '&': fputs("&amp;", f); break;
        case '"': fputs("&quot;", f); break;
        default: fputc(*s, f);
        }
}

void rpt_h3(rpt_ctx *c, const char *title) {
    fputs("<h3>", c->html);
    esc(c->html, title);
    fputs("</h3>\n", c->html);
}

void rpt_p(rpt_ctx *c, const char *fmt, ...) {
    char buf[8192];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    fputs("<p>", c->html);
    esc(c->html, buf);
    fputs("</p>\n", c->html);
}

void rpt_raw(rpt_ctx *c, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vfprintf(c->html, fmt, ap);
    va_end(ap);
}

void rpt_table_begin(rpt_ctx *c, int n, const char *const *h) {
    fputs("<div class=\"tw\"><table>\n<thead><tr>", c->html);
    for (int i = 0; i < n; i++) {
        fputs("<th>", c->html);
        esc(c->html, h[i]);
        fputs("</th>", c->html);
    }
    fputs("</tr></thead>\n<tbody>\n", c->html);
}

void rpt_table_row(rpt_ctx *c, int n, const char *const *cells) {
    fputs("<tr>", c->html);
    for (int i = 0; i < n; i++) {
        fputs("<td>", c->html);
        esc(c->html, cells[i] ? cells[i] : "");
        fputs("</td>", c->html);
    }
    fputs("</tr>\n", c->html);
}

void rpt_table_end(rpt_ctx *c) { fputs("</tbody></table></div>\n", c->html); }

int rpt_fail(rpt_ctx *c, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->error, sizeof c->error, fmt, ap);
    va_end(ap);
    return -1;
}

void rpt_progress(rpt_ctx *c, const char *fmt, ...) {
    if (!c->progress) return;
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "[%6.1f s] %s: ", rpt_now() - c->t_start, c->section ? c->section : "report");
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

uint64_t rpt_seed(const rpt_ctx *c, const char *what) {
    uint64_t h = 1469598103934665603ull ^ c->seed;
    for (; *what; what++)
        h = (h ^ (unsigned char)*what) * 1099511628211ull;
    return h;
}

static int path_in(const rpt_ctx *c, const char *name, const char *ext, char *out, size_t len) {
    int n = snprintf(out, len, "%s/%s%s", c->outdir, name, ext);
    return n > 0 && (size_t)n < len;
}

int rpt_figure(rpt_ctx *c, plt_figure *f, const char *name, const char *caption, int csv_too) {
    char path[4096], err[512];
    if (!f) return rpt_fail(c, "%s: out of memory", name);
    if (!path_in(c, name, ".png", path, sizeof path)) {
        plt_free(f);
        return rpt_fail(c, "%s: path too long", name);
    }
    int rc = plt_save(f, path, err, sizeof err);
    plt_free(f);
    if (rc) return rpt_fail(c, "%s", err);
    fprintf(c->html, "<figure><img src=\"%s.png\" alt=\"", name);
    esc(c->html, caption);
    fprintf(c->html, "\" loading=\"lazy\"><figcaption>");
    esc(c->html, caption);
    if (csv_too) fprintf(c->html, " <a href=\"%s.csv\">data (CSV)</a>", name);
    fprintf(c->html, "</figcaption></figure>\n");
    return 0;
}

FILE *rpt_csv_open(rpt_ctx *c, const char *name, const char *header) {
    char path[4096];
    if (!path_in(c, name, ".csv.tmp", path, sizeof path)) return NULL;
    FILE *f = fopen(path, "w");
    if (f && header) fprintf(f, "%s\n", header);
    return f;
}

int rpt_csv_close(rpt_ctx *c, FILE *f, const char *name) {
    char tmp[4096], path[4096];
    path_in(c, name, ".csv.tmp", tmp, sizeof tmp);
    path_in(c, name, ".csv", path, sizeof path);
    int bad = !f || ferror(f);
    if (f && fclose(f) != 0) bad = 1;
    if (bad || rename(tmp, path) != 0) {
        unlink(tmp);
        return rpt_fail(c, "%s: cannot write", path);
    }
    return 0;
}

/* ---- the page ---------------------------------------------------------------------- */

static const struct {
    const char *id, *title;
    int (*run)(rpt_ctx *);
} sections[] = {
    {"gallery", "Gallery: every function and its derivative", rpt_section_gallery},
    {"properties", "Properties", rpt_section_properties},
    {"linear", "Why a nonlinearity", rpt_section_linear},
    {"uat", "Universal approximation", rpt_section_uat},
    {"classify", "Nonlinear classification", rpt_section_classify},
    {"glorot", "Gradient vanishing (Glorot & Bengio 2010)", rpt_section_glorot},
    {"saturation", "Saturation and the vanishing factor", rpt_section_saturation},
    {"noisy", "Noisy activation functions (Gulcehre et al. 2016)", rpt_section_noisy},
};
enum { NSEC = sizeof sections / sizeof sections[0] };

static const char *css =
    "body{font:16px/1.5 'DejaVu Sans',sans-serif;margin:0 auto;max-width:1100px;padding:0 12px;"
    "color:#222}h1{font-size:1.7em}h2{border-bottom:1px solid #ccc;margin-top:2em}"
    "img{max-width:100%;height:auto}figure{margin:1em 0}figcaption{font-size:.9em;color:#444}"
    ".tw{overflow-x:auto}table{border-collapse:collapse;font-size:.85em;margin:1em 0}"
    "th,td{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top}"
    "th{background:#f3f3f3}code,pre{font-family:'DejaVu Sans Mono',monospace;font-size:.9em;"
    "background:#f6f6f6}pre{padding:8px;overflow-x:auto;white-space:pre-wrap}"
    ".meta td{border:none;padding:1px 8px 1px 0}.fail{color:#b00}.ok{color:#070}"
    ".grid{display:flex;flex-wrap:wrap;gap:8px}.grid figure{flex:1 1 "
    "300px;max-width:360px;margin:0}"
    ".two{display:grid;grid-template-columns:1fr 1fr;gap:8px}.two figure{margin:0}"
    "nav ol{columns:2;}@media(max-width:600px){nav ol{columns:1}body{font-size:15px}"
    ".two{grid-template-columns:1fr}}";

static void cpu_model(char *out, size_t len) {
    snprintf(out, len, "unknown CPU");
    FILE *f = fopen("/proc/cpuinfo", "r");
    if (!f) return;
    char line[512];
    while (fgets(line, sizeof line, f))
        if (!strncmp(line, "model name", 10)) {
            char *p = strchr(line, ':');
            if (p) {
                p++;
                while (*p == ' ')
                    p++;
                p[strcspn(p, "\n")] = 0;
                snprintf(out, len, "%s", p);
            }
            break;
        }
    fclose(f);
}

static int mkdir_p(const char *dir) {
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s", dir);
    for (char *p = tmp + 1; *p; p++)
        if (*p == '/') {
            *p = 0;
            if (mkdir(tmp, 0755) && errno != EEXIST) return -1;
            *p = '/';
        }
    if (mkdir(tmp, 0755) && errno != EEXIST) return -1;
    return access(tmp, W_OK);
}

static const char *help =
    "usage: actlab report [-o DIR] [--full] [--smoke] [--only SECTION[,SECTION...]] [--seed S]\n"
    "                     [--threads N] [--quiet]\n"
    "  runs the article's experiments and writes DIR/index.html (default DIR: report)\n"
    "  with PNG figures and a CSV beside each.\n"
    "  --full      paper-sized experiments (hours); default: the quick report (<= 10 min on\n"
    "              2 cores)\n"
    "  --smoke     tiny sizes (seconds), for tests\n"
    "  --only      sections: gallery, properties, linear, uat, classify, glorot, saturation,\n"
    "              noisy\n"
    "  --seed S    (default 1)   --threads N  BLAS threads (default 2)\n";

int cli_report(int argc, char **argv) {
    rpt_ctx c;
    memset(&c, 0, sizeof c);
    c.outdir = "report";
    c.seed = 1;
    c.threads = 2;
    c.progress = 1;
    const char *only = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help")) {
            fputs(help, stdout);
            return 0;
        } else if (!strcmp(a, "--full"))
            c.full = 1;
        else if (!strcmp(a, "--smoke"))
            c.smoke = 1;
        else if (!strcmp(a, "--quiet"))
            c.progress = 0;
        else if ((!strcmp(a, "-o") || !strcmp(a, "--only") || !strcmp(a, "--seed") ||
                  !strcmp(a, "--threads")) &&
                 i + 1 < argc) {
            const char *v = argv[++i];
            if (a[1] == 'o')
                c.outdir = v;
            else if (!strcmp(a, "--only"))
                only = v;
            else {
                char *end;
                errno = 0;
                unsigned long long x = strtoull(v, &end, 10);
                if (end == v || *end || errno || (a[2] == 't' && (x < 1 || x > 64))) {
                    fprintf(stderr, "actlab report: %s '%s' must be a whole number%s\n", a, v,
                            a[2] == 't' ? " from 1 to 64" : "");
                    return 2;
                }
                if (a[2] == 's')
                    c.seed = x;
                else
                    c.threads = (int)x;
            }
        } else {
            fprintf(stderr, "actlab report: unknown option '%s' (see --help)\n", a);
            return 2;
        }
    }
    if (c.full && c.smoke) {
        fprintf(stderr, "actlab report: --full and --smoke exclude each other\n");
        return 2;
    }
    int run[NSEC];
    for (int s = 0; s < NSEC; s++)
        run[s] = only == NULL;
    if (only) {
        char buf[512];
        snprintf(buf, sizeof buf, "%s", only);
        for (char *tok = strtok(buf, ","); tok; tok = strtok(NULL, ",")) {
            int found = 0;
            for (int s = 0; s < NSEC; s++)
                if (!strcmp(tok, sections[s].id)) run[s] = found = 1;
            if (!found) {
                fprintf(stderr,
                        "actlab report: unknown section '%s' (gallery, properties, linear, uat, "
                        "classify, glorot, saturation, noisy)\n",
                        tok);
                return 2;
            }
        }
    }
    if (mkdir_p(c.outdir)) {
        fprintf(stderr, "actlab report: cannot create or write the folder %s: %s\n", c.outdir,
                strerror(errno));
        return 1;
    }
    openblas_set_num_threads(c.threads);
    c.t_start = rpt_now();
    char *body[NSEC] = {0};
    size_t blen[NSEC] = {0};
    double secs[NSEC] = {0};
    int failed = 0;
    for (int s = 0; s < NSEC; s++) {
        if (!run[s]) continue;
        c.html = open_memstream(&body[s], &blen[s]);
        c.section = sections[s].id;
        c.error[0] = 0;
        rpt_progress(&c, "start");
        double t0 = rpt_now();
        int rc = sections[s].run(&c);
        secs[s] = rpt_now() - t0;
        if (rc) {
            fprintf(c.html, "<p class=\"fail\">This section failed: ");
            esc(c.html, c.error);
            fprintf(c.html, "</p>\n");
            fprintf(stderr, "actlab report: section %s failed: %s\n", c.section, c.error);
            failed = 1;
        }
        fclose(c.html);
        rpt_progress(&c, "done in %.1f s", secs[s]);
    }
    c.section = NULL;
    double total = rpt_now() - c.t_start;

    /* the page */
    char path[4096], tmp[4096];
    snprintf(path, sizeof path, "%s/index.html", c.outdir);
    snprintf(tmp, sizeof tmp, "%s/index.html.tmp", c.outdir);
    FILE *f = fopen(tmp, "w");
    if (!f) {
        fprintf(stderr, "actlab report: cannot write %s: %s\n", tmp, strerror(errno));
        return 1;
    }
    char cpu[256], host[256] = "", cmd[2048] = "", date[64];
    struct utsname u;
    cpu_model(cpu, sizeof cpu);
    if (uname(&u) == 0) snprintf(host, sizeof host, "%s %s %s", u.sysname, u.release, u.machine);
    size_t w = 0;
    for (int i = 0; i < argc && w < sizeof cmd; i++)
        w += (size_t)snprintf(cmd + w, sizeof cmd - w, "%s%s", i ? " " : "actlab ", argv[i]);
    time_t now = time(NULL);
    strftime(date, sizeof date, "%Y-%m-%d %H:%M:%S UTC", gmtime(&now));
    fprintf(f,
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<title>actlab report: why activation functions matter</title>\n<style>%s</style>\n"
            "</head><body>\n<h1>Why activation functions matter: the article's claims, run</h1>\n",
            css);
    fprintf(f, "<table class=\"meta\"><tr><td>command</td><td><code>");
    esc(f, cmd);
    fprintf(f, "</code></td></tr>\n<tr><td>size</td><td>%s</td></tr>\n",
            c.full    ? "full (paper-sized)"
            : c.smoke ? "smoke (tiny, for tests)"
                      : "quick");
    fprintf(f,
            "<tr><td>seed</td><td>%llu (each experiment derives its own seed from it)</td></tr>\n",
            (unsigned long long)c.seed);
    fprintf(f, "<tr><td>threads</td><td>%d (OpenBLAS)</td></tr>\n", c.threads);
    fprintf(f, "<tr><td>actlab</td><td>%s</td></tr>\n<tr><td>machine</td><td>", ACT_VERSION);
    esc(f, cpu);
    fprintf(f, ", %ld cores; ", sysconf(_SC_NPROCESSORS_ONLN));
    esc(f, host);
    fprintf(f,
            "</td></tr>\n<tr><td>date</td><td>%s</td></tr>\n<tr><td>run time</td><td>%.1f "
            "s</td></tr></table>\n",
            date, total);
    fprintf(
        f, "<p>The same command with the same seed and thread count gives the same numbers.</p>\n");
    fprintf(f, "<nav><h2>Contents</h2><ol>\n");
    for (int s = 0; s < NSEC; s++)
        if (run[s])
            fprintf(f, "<li><a href=\"#%s\">%s</a></li>\n", sections[s].id, sections[s].title);
    fprintf(f, "</ol></nav>\n");
    for (int s = 0; s < NSEC; s++) {
        if (!run[s]) continue;
        fprintf(f, "<section id=\"%s\"><h2>%d. ", sections[s].id, s + 1);
        esc(f, sections[s].title);
        fprintf(f, "</h2>\n");
        fwrite(body[s], 1, blen[s], f);
        fprintf(f, "<p><small>Section time: %.1f s.</small></p></section>\n", secs[s]);
        free(body[s]);
    }
    fprintf(f, "</body></html>\n");
    int bad = ferror(f);
    if (fclose(f) != 0 || bad || rename(tmp, path) != 0) {
        fprintf(stderr, "actlab report: cannot write %s\n", path);
        unlink(tmp);
        return 1;
    }
    fprintf(stderr, "actlab report: wrote %s in %.1f s\n", path, total);
    return failed ? 1 : 0;
}
