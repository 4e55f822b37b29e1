/*
 * opt.c - optimizers (SGD with momentum/Nesterov/weight decay, Adam, AdamW)
 * and learning-rate schedules, with PyTorch's update rules so that a step
 * can be compared with torch.optim bit for bit in spirit (float rounding
 * aside).
 *
 *   SGD:   g = grad + wd p; v = mu v + g (v = g at the first step);
 *          p -= lr (nesterov ? g + mu v : v)
 *   Adam:  g = grad + wd p; m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2;
 *          p -= lr (m / (1-b1^t)) / (sqrt(v / (1-b2^t)) + eps)
 *   AdamW: p -= lr wd p first, then Adam without the wd term.
 */
#include "train/internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

struct trn_opt {
    trn_opt_cfg cfg;
    size_t n;
    long t;
    float *m, *v; /* one allocation: m then v (v unused by SGD) */
};

/* "name(k=v,...)": name into `name`, then each key looked up in keys[]; values
   into vals[] (which hold defaults). */
static trn_status kv_parse(const char *what, const char *spec, char *name, size_t namelen,
                           const char *const *keys, double *vals, int nkeys, char *err,
                           size_t errlen) {
    const char *s = spec;
    while (isspace((unsigned char)*s))
        s++;
    size_t l = 0;
    while (isalnum((unsigned char)s[l]) || s[l] == '_')
        l++;
    if (l == 0 || l >= namelen) {
        snprintf(err, errlen, "%s '%s': expected a name", what, spec);
        return TRN_E_SPEC;
    }
    memcpy(name, s, l);
    name[l] = 0;
    s += l;
    while (isspace((unsigned char)*s))
        s++;
    if (!*s) return TRN_OK;
    if (*s != '(') {
        snprintf(err, errlen, "%s '%s': expected '(' after %s", what, spec, name);
        return TRN_E_SPEC;
    }
    s++;
    for (;;) {
        while (isspace((unsigned char)*s))
            s++;
        if (*s == ')') break;
        const char *k = s;
        while (isalnum((unsigned char)*s) || *s == '_')
            s++;
        size_t kl = (size_t)(s - k);
        while (isspace((unsigned char)*s))
            s++;
        if (!kl || *s != '=') {
            snprintf(err, errlen, "%s '%s': expected key=value", what, spec);
            return TRN_E_SPEC;
        }
        int idx = -1;
        for (int i = 0; i < nkeys; i++)
            if (strlen(keys[i]) == kl && !strncmp(keys[i], k, kl)) idx = i;
        if (idx < 0) {
            char known[256] = "";
            size_t w = 0;
            for (int i = 0; i < nkeys && w < sizeof known; i++)
                w += (size_t)snprintf(known + w, sizeof known - w, "%s%s", i ? ", " : "", keys[i]);
            snprintf(err, errlen, "%s '%s': unknown parameter '%.*s' (%s)", what, spec, (int)kl, k,
                     known);
            return TRN_E_SPEC;
        }
        char *end;
        double v = strtod(s + 1, &end);
        if (end == s + 1 || !isfinite(v)) {
            snprintf(err, errlen, "%s '%s': the value of %s is not a finite number", what, spec,
                     keys[idx]);
            return TRN_E_SPEC;
        }
        vals[idx] = v;
        s = end;
        while (isspace((unsigned char)*s))
            s++;
        if (*s == ',') {
            s++;
            continue;
        }
        if (*s == ')') break;
        snprintf(err, errlen, "%s '%s': expected ',' or ')'", what, spec);
        return TRN_E_SPEC;
    }
    s++;
    while (isspace((unsigned char)*s))
        s++;
    if (*s) {
        snprintf(err, errlen, "%s '%s': text after ')'", what, spec);
        return TRN_E_SPEC;
    }
    return TRN_OK;
}

trn_status trn_opt_parse(const char *spec, trn_opt_cfg *out, char *err, size_t errlen) {
    static const char *const keys[] = {"lr",    "momentum", "nesterov", "weight_decay",
                                       "beta1", "beta2",    "eps"};
    char name[32];
    memset(out, 0, sizeof *out);
    double v[7] = {NAN, 0, 0, 0, 0.9, 0.999, 1e-8};
    trn_status st = kv_parse("optimizer", spec, name, sizeof name, keys, v, 7, err, errlen);
    if (st) return st;
    if (!strcmp(name, "sgd"))
        out->kind = TRN_OPT_SGD;
    else if (!strcmp(name, "adam"))
        out->kind = TRN_OPT_ADAM;
    else if (!strcmp(name, "adamw"))
        out->kind = TRN_OPT_ADAMW;
    else {
        snprintf(err, errlen, "optimizer '%s': unknown (sgd, adam, adamw)", name);
        return TRN_E_SPEC;
    }
    if (isnan(v[0])) v[0] = out->kind == TRN_OPT_SGD ? 0.01 : 0.001;
    if (out->kind == TRN_OPT_ADAMW && !strstr(spec, "weight_decay")) v[3] = 0.01;
    out->lr = v[0];
    out->momentum = v[1];
    out->nesterov = v[2] != 0;
    out->weight_decay = v[3];
    out->beta1 = v[4];
    out->beta2 = v[5];
    out->eps = v[6];
    if (!(out->lr > 0)) {
        snprintf(err, errlen, "optimizer '%s': lr = %g must be positive", spec, out->lr);
        return TRN_E_RANGE;
    }
    if (!(out->momentum >= 0 && out->momentum < 1) || out->weight_decay < 0 ||
        !(out->beta1 >= 0 && out->beta1 < 1) || !(out->beta2 >= 0 && out->beta2 < 1) ||
        !(out->eps > 0)) {
        snprintf(
            err, errlen,
            "optimizer '%s': need 0 <= momentum < 1, weight_decay >= 0, 0 <= beta1, beta2 < 1, "
            "eps > 0",
            spec);
        return TRN_E_RANGE;
    }
    if (out->nesterov && out->momentum == 0) {
        snprintf(err, errlen, "optimizer '%s': nesterov needs momentum > 0", spec);
        return TRN_E_RANGE;
    }
    return TRN_OK;
}

trn_status trn_sched_parse(const char *spec, trn_sched_cfg *out, char *err, size_t errlen) {
    static const char *const keys[] = {"step", "gamma", "total", "min_lr", "warmup"};
    char name[32];
    double v[5] = {1000, 0.1, 0, 0, 0};
    memset(out, 0, sizeof *out);
    trn_status st = kv_parse("schedule", spec, name, sizeof name, keys, v, 5, err, errlen);
    if (st) return st;
    if (!strcmp(name, "constant"))
        out->kind = TRN_SCHED_CONSTANT;
    else if (!strcmp(name, "step"))
        out->kind = TRN_SCHED_STEP;
    else if (!strcmp(name, "cosine"))
        out->kind = TRN_SCHED_COSINE;
    else {
        snprintf(err, errlen, "schedule '%s': unknown (constant, step, cosine)", name);
        return TRN_E_SPEC;
    }
    if (!(v[0] >= 1) || !(v[1] > 0) || !(v[2] >= 0) || !(v[3] >= 0) || !(v[4] >= 0)) {
        snprintf(err, errlen,
                 "schedule '%s': need step >= 1, gamma > 0, total, min_lr, warmup >= 0", spec);
        return TRN_E_RANGE;
    }
    if (!(v[0] <= 1e15) || !(v[2] <= 1e15) || !(v[4] <= 1e15)) {
        snprintf(err, errlen, "schedule '%s': step, total and warmup must be at most 1e15", spec);
        return TRN_E_RANGE;
    }
    out->step_size = (long)v[0];
    out->gamma = v[1];
    out->total = (long)v[2];
    out->min_lr = v[3];
    out->warmup = (long)v[4];
    return TRN_OK;
}

double trn_sched_lr(const trn_sched_cfg *s, double base, long t, long total) {
    double lr = base;
    switch (s->kind) {
    case TRN_SCHED_CONSTANT: break;
    case TRN_SCHED_STEP: lr = base * pow(s->gamma, (double)(t / s->step_size)); break;
    case TRN_SCHED_COSINE: {
        long T = s->total > 0 ? s->total : total;
        double u = T > 0 ? fmin(1.0, (double)t / (double)T) : 0;
        lr = s->min_lr + (base - s->min_lr) * 0.5 * (1 + cos(M_PI * u));
        break;
    }
    }
    if (s->warmup > 0 && t < s->warmup) lr *= (double)(t + 1) / (double)s->warmup;
    return lr;
}

trn_status trn_opt_new(const trn_opt_cfg *cfg, size_t n, trn_opt **out) {
    trn_opt *o = calloc(1, sizeof *o);
    if (!o) return TRN_E_NOMEM;
    o->cfg = *cfg;
    o->n = n;
    o->m = calloc(2 * (n ? n : 1), sizeof(float));
    if (!o->m) {
        free(o);
        return TRN_E_NOMEM;
    }
    o->v = o->m + n;
    *out = o;
    return TRN_OK;
}

void trn_opt_free(trn_opt *o) {
    if (!o) return;
    free(o->m);
    free(o);
}

size_t trn_opt_state_size(const trn_opt *o) { return 2 * o->n; }
float *trn_opt_state(trn_opt *o) { return o->m; }
long trn_opt_steps(const trn_opt *o) { return o->t; }
void trn_opt_set_steps(trn_opt *o, long t) { o->t = t; }

void trn_opt_step(trn_opt *o, float *p, const float *g, size_t n, double lr) {
    const trn_opt_cfg *c = &o->cfg;
    o->t++;
    float wd = (float)c->weight_decay, flr = (float)lr;
    if (c->kind == TRN_OPT_SGD) {
        float mu = (float)c->momentum;
        if (mu == 0) {
            for (size_t i = 0; i < n; i++)
                p[i] -= flr * (g[i] + wd * p[i]);
            return;
        }
        int first = o->t == 1;
        for (size_t i = 0; i < n; i++) {
            float gi = g[i] + wd * p[i];
            float v = first ? gi : mu * o->m[i] + gi;
            o->m[i] = v;
            p[i] -= flr * (c->nesterov ? gi + mu * v : v);
        }
        return;
    }
    float b1 = (float)c->beta1, b2 = (float)c->beta2, eps = (float)c->eps;
    double bc1 = 1 - pow(c->beta1, (double)o->t), bc2 = 1 - pow(c->beta2, (double)o->t);
    float step = (float)(lr / bc1), sq = (float)sqrt(bc2);
    int decoupled = c->kind == TRN_OPT_ADAMW;
    for (size_t i = 0; i < n; i++) {
        float gi = g[i];
        if (decoupled)
            p[i] *= 1 - flr * wd;
        else
            gi += wd * p[i];
        float m = b1 * o->m[i] + (1 - b1) * gi;
        float v = b2 * o->v[i] + (1 - b2) * gi * gi;
        o->m[i] = m;
        o->v[i] = v;
        p[i] -= step * m / (sqrtf(v) / sq + eps);
    }
}
