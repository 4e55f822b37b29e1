/*
 * ckpt.c - checkpoints: a documented binary format, written atomically and
 * checked on load.
 *
 * Layout (all integers little-endian):
 *   0   8  magic "ACTLABCK"
 *   8   4  format version (1)
 *   12  4  header length H
 *   16  H  header: text lines "key=value\n" (spec, loss, opt, sched, seed,
 *          batch, epoch, update, pos, nparams, nopt, optsteps, nperm)
 *   ..  32 RNG state (4 x u64)
 *   ..  4*nperm  data order of the current epoch (u32)
 *   ..  4*nparams  parameters (f32)
 *   ..  4*nopt     optimizer state (f32: first moments, then second)
 *   ..  4  CRC-32 (zlib) of every byte before it
 * Nothing else follows. A file that is shorter, longer, of another version,
 * with a bad checksum or an inconsistent header is refused with a message.
 */
#include "train/internal.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <math.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#define MAGIC "ACTLABCK"
#define VERSION 1u

static const char *const loss_names[] = {[TRN_LOSS_XENT] = "xent", [TRN_LOSS_MSE] = "mse",
                                         [TRN_LOSS_BCE] = "bce"};
_Static_assert(sizeof loss_names / sizeof loss_names[0] == TRN_LOSS_COUNT, "loss names");

const char *trn_loss_name(trn_loss l) { return (unsigned)l < TRN_LOSS_COUNT ? loss_names[l] : "?"; }

trn_status trn_loss_parse(const char *s, trn_loss *out, char *err, size_t errlen) {
    for (int i = 0; i < TRN_LOSS_COUNT; i++)
        if (!strcmp(s, loss_names[i])) {
            *out = (trn_loss)i;
            return TRN_OK;
        }
    if (!strcmp(s, "cross_entropy") || !strcmp(s, "softmax_xent")) {
        *out = TRN_LOSS_XENT;
        return TRN_OK;
    }
    snprintf(err, errlen, "unknown loss '%s' (xent, mse, bce)", s);
    return TRN_E_SPEC;
}

/* ---- a growing byte buffer ------------------------------------------------------ */
typedef struct {
    unsigned char *p;
    size_t n, cap;
    int failed;
} wbuf;

static void put(wbuf *b, const void *src, size_t n) {
    if (b->failed) return;
    if (b->n + n > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->n + n) cap *= 2;
        unsigned char *q = realloc(b->p, cap);
        if (!q) {
            b->failed = 1;
            return;
        }
        b->p = q;
        b->cap = cap;
    }
    memcpy(b->p + b->n, src, n);
    b->n += n;
}

static void put_u32(wbuf *b, uint32_t v) {
    unsigned char c[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 24)};
    put(b, c, 4);
}
static void put_u64(wbuf *b, uint64_t v) {
    put_u32(b, (uint32_t)v);
    put_u32(b, (uint32_t)(v >> 32));
}
static void put_f32s(wbuf *b, const float *f, size_t n) {
    for (size_t i = 0; i < n; i++) {
        uint32_t u;
        memcpy(&u, &f[i], 4);
        put_u32(b, u);
    }
}
static uint32_t get_u32(const unsigned char *c) {
    return (uint32_t)c[0] | (uint32_t)c[1] << 8 | (uint32_t)c[2] << 16 | (uint32_t)c[3] << 24;
}

/* fsyncs the directory holding path so the rename itself is durable */
static void sync_dir(const char *path) {
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s", path);
    int fd = open(dirname(tmp), O_RDONLY);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

/* Writes bytes to path atomically: PATH.tmp.PID, fsync, rename. On any error
   the previous file at path is untouched and the temporary file removed. */
static trn_status write_atomic(const char *path, const void *data, size_t n, char *err,
                               size_t errlen) {
    char tmp[4096];
    int tl = snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
    if (tl < 0 || (size_t)tl >= sizeof tmp) { /* a cut name could be another file */
        snprintf(err, errlen, "%.200s...: path too long", path);
        return TRN_E_IO;
    }
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) {
        snprintf(err, errlen, "%s: cannot create a temporary file: %s", path, strerror(errno));
        return TRN_E_IO;
    }
    const unsigned char *p = data;
    size_t left = n;
    while (left) {
        ssize_t w = write(fd, p, left);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) {
            snprintf(err, errlen, "%s: write failed: %s (the previous checkpoint is kept)", path,
                     w < 0 ? strerror(errno) : "no space");
            close(fd);
            unlink(tmp);
            return TRN_E_IO;
        }
        p += w;
        left -= (size_t)w;
    }
    if (fsync(fd) != 0) {
        snprintf(err, errlen, "%s: fsync failed: %s (the previous checkpoint is kept)", path,
                 strerror(errno));
        close(fd);
        unlink(tmp);
        return TRN_E_IO;
    }
    if (close(fd) != 0 || rename(tmp, path) != 0) {
        snprintf(err, errlen, "%s: cannot replace the file: %s (the previous checkpoint is kept)",
                 path, strerror(errno));
        unlink(tmp);
        return TRN_E_IO;
    }
    sync_dir(path);
    return TRN_OK;
}

trn_status trn_ckpt_save(const char *path, const trn_net *net, const trn_opt *opt,
                         const trn_ckpt_state *st, char *err, size_t errlen) {
    char header[4096];
    size_t nopt = opt ? trn_opt_state_size(opt) : 0;
    int hl = snprintf(header, sizeof header,
                      "spec=%s\nloss=%s\nopt=%d %.17g %.17g %d %.17g %.17g %.17g %.17g\n"
                      "sched=%d %ld %.17g %ld %.17g %ld\nseed=%" PRIu64 "\nbatch=%zu\n"
                      "epoch=%ld\nupdate=%ld\npos=%ld\nnparams=%zu\nnopt=%zu\noptsteps=%ld\n"
                      "nperm=%zu\n",
                      net->spec, trn_loss_name(st->loss), (int)st->opt.kind, st->opt.lr,
                      st->opt.momentum, st->opt.nesterov, st->opt.weight_decay, st->opt.beta1,
                      st->opt.beta2, st->opt.eps, (int)st->sched.kind, st->sched.step_size,
                      st->sched.gamma, st->sched.total, st->sched.min_lr, st->sched.warmup,
                      st->seed, st->batch, st->epoch, st->update, st->pos, net->nparams, nopt,
                      opt ? trn_opt_steps(opt) : 0L, st->n_perm);
    if (hl < 0 || (size_t)hl >= sizeof header) {
        snprintf(err, errlen, "%s: checkpoint header too long", path);
        return TRN_E_SPEC;
    }
    wbuf b = {0};
    put(&b, MAGIC, 8);
    put_u32(&b, VERSION);
    put_u32(&b, (uint32_t)hl);
    put(&b, header, (size_t)hl);
    for (int i = 0; i < 4; i++) put_u64(&b, st->rng.s[i]);
    for (size_t i = 0; i < st->n_perm; i++) put_u32(&b, st->perm[i]);
    put_f32s(&b, net->params, net->nparams);
    if (opt) put_f32s(&b, trn_opt_state((trn_opt *)opt), nopt);
    if (b.failed) {
        free(b.p);
        snprintf(err, errlen, "%s: out of memory for the checkpoint", path);
        return TRN_E_NOMEM;
    }
    uint32_t crc = (uint32_t)crc32(0L, b.p, (uInt)b.n);
    put_u32(&b, crc);
    if (b.failed) {
        free(b.p);
        snprintf(err, errlen, "%s: out of memory for the checkpoint", path);
        return TRN_E_NOMEM;
    }
    trn_status s = write_atomic(path, b.p, b.n, err, errlen);
    free(b.p);
    return s;
}

static int header_get(const char *h, const char *key, char *val, size_t len) {
    size_t kl = strlen(key);
    for (const char *p = h; p && *p;) {
        const char *nl = strchr(p, '\n');
        if (!nl) return 0;
        if (!strncmp(p, key, kl) && p[kl] == '=') {
            size_t vl = (size_t)(nl - p - (long)kl - 1);
            if (vl >= len) return 0;
            memcpy(val, p + kl + 1, vl);
            val[vl] = 0;
            return 1;
        }
        p = nl + 1;
    }
    return 0;
}

trn_status trn_ckpt_load(const char *path, trn_net **net_out, trn_opt **opt_out,
                         trn_ckpt_state *st, char *err, size_t errlen) {
    *net_out = NULL;
    if (opt_out) *opt_out = NULL;
    memset(st, 0, sizeof *st);
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open the checkpoint: %s", path, strerror(errno));
        return TRN_E_IO;
    }
    struct stat sb;
    if (fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode)) {
        fclose(f);
        snprintf(err, errlen, "%s: not a regular file", path);
        return TRN_E_IO;
    }
    size_t n = (size_t)sb.st_size;
    if (n < 20) {
        fclose(f);
        snprintf(err, errlen, "%s: not an actlab checkpoint (%zu bytes)", path, n);
        return TRN_E_FORMAT;
    }
    if (n > ((size_t)1 << 34)) {
        fclose(f);
        snprintf(err, errlen, "%s: %zu bytes is too large for a checkpoint", path, n);
        return TRN_E_FORMAT;
    }
    unsigned char *b = malloc(n);
    if (!b) {
        fclose(f);
        snprintf(err, errlen, "%s: out of memory for %zu bytes", path, n);
        return TRN_E_NOMEM;
    }
    size_t got = fread(b, 1, n, f);
    fclose(f);
    trn_status s = TRN_E_FORMAT;
    trn_net *net = NULL;
    trn_opt *opt = NULL;
    if (got != n) {
        snprintf(err, errlen, "%s: read %zu of %zu bytes", path, got, n);
        goto fail;
    }
    if (memcmp(b, MAGIC, 8)) {
        snprintf(err, errlen, "%s: not an actlab checkpoint (bad magic)", path);
        goto fail;
    }
    uint32_t ver = get_u32(b + 8);
    if (ver != VERSION) {
        snprintf(err, errlen, "%s: checkpoint format version %u, this actlab reads version %u",
                 path, ver, VERSION);
        goto fail;
    }
    uint32_t crc = get_u32(b + n - 4), want = (uint32_t)crc32(0L, b, (uInt)(n - 4));
    if (crc != want) {
        snprintf(err, errlen, "%s: checksum mismatch (file corrupt or truncated)", path);
        goto fail;
    }
    size_t hl = get_u32(b + 12);
    if (hl > 8192 || 16 + hl + 32 + 4 > n) {
        snprintf(err, errlen, "%s: header length %zu does not fit the file", path, hl);
        goto fail;
    }
    char *h = malloc(hl + 1);
    if (!h) {
        snprintf(err, errlen, "%s: out of memory", path);
        s = TRN_E_NOMEM;
        goto fail;
    }
    memcpy(h, b + 16, hl);
    h[hl] = 0;
    char spec[TRN_SPEC_MAX], v[512];
    size_t nparams = 0, nopt = 0, nperm = 0;
    long optsteps = 0;
    int ok = header_get(h, "spec", spec, sizeof spec);
    ok = ok && header_get(h, "loss", v, sizeof v) && trn_loss_parse(v, &st->loss, err, errlen) == TRN_OK;
    int ok2 = 0;
    if (ok && header_get(h, "opt", v, sizeof v)) {
        int kind, nest;
        ok2 = sscanf(v, "%d %lf %lf %d %lf %lf %lf %lf", &kind, &st->opt.lr, &st->opt.momentum, &nest,
                     &st->opt.weight_decay, &st->opt.beta1, &st->opt.beta2, &st->opt.eps) == 8 &&
              kind >= 0 && kind <= TRN_OPT_ADAMW;
        st->opt.kind = (trn_opt_kind)kind;
        st->opt.nesterov = nest;
    }
    ok = ok && ok2;
    if (ok && header_get(h, "sched", v, sizeof v)) {
        int kind;
        ok = sscanf(v, "%d %ld %lf %ld %lf %ld", &kind, &st->sched.step_size, &st->sched.gamma,
                    &st->sched.total, &st->sched.min_lr, &st->sched.warmup) == 6 && kind >= 0 &&
             kind <= TRN_SCHED_COSINE;
        st->sched.kind = (trn_sched_kind)kind;
    } else ok = 0;
    ok = ok && header_get(h, "seed", v, sizeof v) && sscanf(v, "%" SCNu64, &st->seed) == 1;
    ok = ok && header_get(h, "batch", v, sizeof v) && sscanf(v, "%zu", &st->batch) == 1;
    ok = ok && header_get(h, "epoch", v, sizeof v) && sscanf(v, "%ld", &st->epoch) == 1;
    ok = ok && header_get(h, "update", v, sizeof v) && sscanf(v, "%ld", &st->update) == 1;
    ok = ok && header_get(h, "pos", v, sizeof v) && sscanf(v, "%ld", &st->pos) == 1;
    ok = ok && header_get(h, "nparams", v, sizeof v) && sscanf(v, "%zu", &nparams) == 1;
    ok = ok && header_get(h, "nopt", v, sizeof v) && sscanf(v, "%zu", &nopt) == 1;
    ok = ok && header_get(h, "optsteps", v, sizeof v) && sscanf(v, "%ld", &optsteps) == 1;
    ok = ok && header_get(h, "nperm", v, sizeof v) && sscanf(v, "%zu", &nperm) == 1;
    free(h);
    if (!ok || st->epoch < 0 || st->update < 0 || st->pos < 0 || st->batch == 0 || optsteps < 0) {
        snprintf(err, errlen, "%s: malformed checkpoint header", path);
        goto fail;
    }
    /* what trn_train trusts on --resume: the position inside the epoch and the
       batch (buffers of batch x inputs), and the optimizer and schedule under
       the rules of trn_opt_parse and trn_sched_parse (a step of 0 divides by
       zero, a NaN rate poisons the weights) */
    if ((nperm ? (size_t)st->pos >= nperm || st->batch > nperm : st->pos != 0) ||
        st->batch > ((size_t)1 << 24)) {
        snprintf(err, errlen, "%s: position %ld and batch %zu do not fit %zu training examples",
                 path, st->pos, st->batch, nperm);
        goto fail;
    }
    const trn_opt_cfg *oc = &st->opt;
    const trn_sched_cfg *sc = &st->sched;
    if (!(oc->lr > 0 && oc->lr < INFINITY) || !(oc->momentum >= 0 && oc->momentum < 1) ||
        !(oc->weight_decay >= 0 && oc->weight_decay < INFINITY) ||
        !(oc->beta1 >= 0 && oc->beta1 < 1) || !(oc->beta2 >= 0 && oc->beta2 < 1) ||
        !(oc->eps > 0 && oc->eps < INFINITY) || (oc->nesterov != 0 && oc->nesterov != 1) ||
        sc->step_size < 1 || !(sc->gamma > 0 && sc->gamma < INFINITY) || sc->total < 0 ||
        !(sc->min_lr >= 0 && sc->min_lr < INFINITY) || sc->warmup < 0) {
        snprintf(err, errlen, "%s: the optimizer or schedule in the header is out of range", path);
        goto fail;
    }
    if (nparams > n / 4 || nopt > n / 4 || nperm > n / 4 ||
        16 + hl + 32 + 4 * (nperm + nparams + nopt) + 4 != n) {
        snprintf(err, errlen, "%s: the header's sizes (%zu parameters) do not match the file size",
                 path, nparams);
        goto fail;
    }
    char nerr[TRN_ERRLEN] = "";
    s = trn_net_new(spec, &net, nerr, sizeof nerr);
    if (s) {
        /* trn_net_new may leave nerr empty (out of memory) or quote line breaks */
        snprintf(err, errlen, "%s: %s", path, nerr[0] ? nerr : trn_status_name(s));
        for (char *c = err; *c; c++)
            if ((unsigned char)*c < 0x20) *c = ' ';
        if (s != TRN_E_NOMEM) s = TRN_E_FORMAT;
        goto fail;
    }
    if (net->nparams != nparams) {
        snprintf(err, errlen, "%s: network '%s' has %zu parameters, the file %zu", path, spec,
                 net->nparams, nparams);
        s = TRN_E_FORMAT;
        goto fail;
    }
    const unsigned char *p = b + 16 + hl;
    for (int i = 0; i < 4; i++) {
        st->rng.s[i] = (uint64_t)get_u32(p) | (uint64_t)get_u32(p + 4) << 32;
        p += 8;
    }
    st->n_perm = nperm;
    st->perm = malloc((nperm ? nperm : 1) * sizeof *st->perm);
    if (!st->perm) {
        snprintf(err, errlen, "%s: out of memory", path);
        s = TRN_E_NOMEM;
        goto fail;
    }
    for (size_t i = 0; i < nperm; i++, p += 4) {
        st->perm[i] = get_u32(p);
        if (st->perm[i] >= nperm) {
            snprintf(err, errlen, "%s: data order entry %zu out of range", path, i);
            s = TRN_E_FORMAT;
            goto fail;
        }
    }
    for (size_t i = 0; i < nparams; i++, p += 4) {
        uint32_t u = get_u32(p);
        memcpy(&net->params[i], &u, 4);
        if (!isfinite(net->params[i])) { /* training stops before saving those */
            snprintf(err, errlen, "%s: parameter %zu is %g, not a finite number", path, i,
                     (double)net->params[i]);
            s = TRN_E_FORMAT;
            goto fail;
        }
    }
    if (opt_out) {
        s = trn_opt_new(&st->opt, nparams, &opt);
        if (s) {
            snprintf(err, errlen, "%s: cannot create the optimizer (%s)", path, trn_status_name(s));
            goto fail;
        }
        if (nopt != trn_opt_state_size(opt) && nopt != 0) {
            snprintf(err, errlen, "%s: optimizer state of %zu values, expected %zu", path, nopt,
                     trn_opt_state_size(opt));
            s = TRN_E_FORMAT;
            goto fail;
        }
        float *os = trn_opt_state(opt);
        for (size_t i = 0; i < nopt; i++, p += 4) {
            uint32_t u = get_u32(p);
            memcpy(&os[i], &u, 4);
            if (!isfinite(os[i])) {
                snprintf(err, errlen, "%s: optimizer state value %zu is %g, not a finite number",
                         path, i, (double)os[i]);
                s = TRN_E_FORMAT;
                goto fail;
            }
        }
        trn_opt_set_steps(opt, optsteps);
        *opt_out = opt;
    }
    free(b);
    *net_out = net;
    return TRN_OK;
fail:
    free(b);
    trn_net_free(net);
    trn_opt_free(opt);
    free(st->perm);
    st->perm = NULL;
    return s;
}
