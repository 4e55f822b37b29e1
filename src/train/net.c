/*
 * net.c - feedforward networks: the spec, the layers, forward and backward.
 *
 * A network is a list of layers. Every layer reads the output of the one
 * before (or the input batch) and writes its own output; backward walks the
 * list in reverse, each layer turning dL/d(its output) into dL/d(its input)
 * (kept as the layer's delta) and accumulating its parameter gradients.
 *
 * Memory: all parameters live in one allocation, all gradients in another
 * of the same layout, so optimizers are flat loops; all per-batch buffers in
 * a third, sized by trn_net_reserve. Nothing is allocated per step.
 */
#include "train/gemm_small.h"
#include "train/internal.h"

#include <cblas.h>
#include <ctype.h>
#include <float.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const layer_names[] = {
    [TRN_LAYER_DENSE] = "dense", [TRN_LAYER_ACT] = "act",     [TRN_LAYER_PRELU] = "prelu",
    [TRN_LAYER_RRELU] = "rrelu", [TRN_LAYER_NOISY] = "noisy", [TRN_LAYER_DROPOUT] = "dropout",
};
_Static_assert(sizeof layer_names / sizeof layer_names[0] == TRN_LAYER_KIND_COUNT,
               "every layer kind needs a name");

const char *trn_layer_kind_name(trn_layer_kind k) {
    return (unsigned)k < TRN_LAYER_KIND_COUNT ? layer_names[k] : "?";
}

/* ---- the spec ----------------------------------------------------------------- */

static int add_layer(trn_net *net, trn_layer_kind kind, size_t in, size_t out) {
    if (net->nl == TRN_MAX_LAYERS) return 0;
    trn_layer *l = &net->L[net->nl++];
    memset(l, 0, sizeof *l);
    l->kind = kind;
    l->in = in;
    l->out = out;
    return 1;
}

/* removes "key=value" from a parameter list in place; returns the value or def */
static double take_param(char *spec, const char *key, double def, int *found) {
    char *open = strchr(spec, '(');
    *found = 0;
    if (!open) return def;
    size_t kl = strlen(key);
    for (char *p = open + 1; *p; p++) {
        if ((p[-1] == '(' || p[-1] == ',' || p[-1] == ' ') && !strncmp(p, key, kl)) {
            char *q = p + kl;
            while (*q == ' ')
                q++;
            if (*q != '=') continue;
            char *end;
            double v = strtod(q + 1, &end);
            while (*end == ' ')
                end++;
            if (*end != ',' && *end != ')') continue;
            /* cut key=value and one comma */
            char *from = *end == ',' ? end + 1 : end;
            char *to = p;
            if (*end == ')' && to > open + 1 && to[-1] == ',') to--;
            memmove(to, from, strlen(from) + 1);
            *found = 1;
            return v;
        }
    }
    return def;
}

static int param_index(const act_desc *d, const char *name) {
    for (int i = 0; i < d->nparams; i++)
        if (!strcmp(d->params[i].name, name)) return i;
    return -1;
}

/* one ":MOD" after a size */
static trn_status add_modifier(trn_net *net, char *mod, size_t width, size_t *out_width, char *err,
                               size_t errlen) {
    char *s = mod;
    while (isspace((unsigned char)*s))
        s++;
    *out_width = width;
    if (!strncmp(s, "dropout", 7) && (s[7] == 0 || s[7] == '(')) {
        double p = 0.5;
        if (s[7] == '(') {
            char *end;
            const char *v = s + 8;
            if (!strncmp(v, "p=", 2)) v += 2;
            p = strtod(v, &end);
            if (end == v || *end != ')' || end[1]) {
                snprintf(err, errlen, "network spec: '%s': write dropout(p=0.5)", s);
                return TRN_E_SPEC;
            }
        }
        if (!(p >= 0 && p < 1)) {
            snprintf(err, errlen, "network spec: dropout p = %g must be in [0, 1)", p);
            return TRN_E_SPEC;
        }
        if (!add_layer(net, TRN_LAYER_DROPOUT, width, width)) goto too_many;
        net->L[net->nl - 1].drop_p = (float)p;
        return TRN_OK;
    }
    /* trainer-only options of prelu: per_unit=1 */
    int found = 0;
    double per_unit = 0;
    if (!strncmp(s, "prelu", 5)) {
        per_unit = take_param(s, "per_unit", 0, &found);
        if (found && per_unit != 0 && per_unit != 1) {
            snprintf(err, errlen, "network spec: prelu per_unit = %g must be 0 or 1", per_unit);
            return TRN_E_RANGE;
        }
    }
    act_fn fn;
    char aerr[ACT_ERRLEN];
    if (act_parse(s, &fn, aerr, sizeof aerr) != ACT_OK) {
        snprintf(err, errlen, "network spec: %s", aerr);
        return TRN_E_SPEC;
    }
    const act_desc *d = act_describe(fn.id);
    trn_layer *l;
    if (fn.id == ACT_prelu) {
        if (!add_layer(net, TRN_LAYER_PRELU, width, width)) goto too_many;
        l = &net->L[net->nl - 1];
        l->per_unit = per_unit != 0;
        l->nparam = l->per_unit ? width : 1;
    } else if (fn.id == ACT_rrelu) {
        if (!add_layer(net, TRN_LAYER_RRELU, width, width)) goto too_many;
        l = &net->L[net->nl - 1];
    } else if (fn.id == ACT_noisy_hard_tanh || fn.id == ACT_noisy_hard_sigmoid) {
        if (!add_layer(net, TRN_LAYER_NOISY, width, width)) goto too_many;
        l = &net->L[net->nl - 1];
        l->nparam = width; /* p, one per unit */
        l->noisy_sigmoid = fn.id == ACT_noisy_hard_sigmoid;
        l->alpha = fn.p[param_index(d, "alpha")];
        l->c = fn.p[param_index(d, "c")];
        l->p0 = fn.p[param_index(d, "p")];
        l->half_normal = fn.p[param_index(d, "half_normal")] != 0;
    } else {
        size_t ow = width;
        if (d->kind == ACT_KIND_ROW) {
            if (act_row_check(&fn, width, aerr, sizeof aerr) != ACT_OK) {
                snprintf(err, errlen, "network spec: %s", aerr);
                return TRN_E_SPEC;
            }
            ow = act_out_cols(&fn, width);
        }
        if (!add_layer(net, TRN_LAYER_ACT, width, ow)) goto too_many;
        l = &net->L[net->nl - 1];
        *out_width = ow;
    }
    l->fn = fn;
    return TRN_OK;
too_many:
    snprintf(err, errlen, "network spec: more than %d layers", TRN_MAX_LAYERS);
    return TRN_E_SPEC;
}

/* splits at top-level `sep` (outside parentheses) */
static int split_top(char *s, char sep, char **parts, int max) {
    int n = 0, depth = 0;
    parts[n++] = s;
    for (char *p = s; *p; p++) {
        if (*p == '(')
            depth++;
        else if (*p == ')')
            depth--;
        else if (*p == sep && depth == 0) {
            if (n == max) return -1;
            *p = 0;
            parts[n++] = p + 1;
        }
    }
    return depth == 0 ? n : -2;
}

static int parse_size(const char *s, size_t *out) {
    while (isspace((unsigned char)*s))
        s++;
    if (!isdigit((unsigned char)*s)) return 0;
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    while (isspace((unsigned char)*end))
        end++;
    if (*end || v == 0 || v > 1000000) return 0;
    *out = (size_t)v;
    return 1;
}

/* A spec file: lines "input N", "dense N", "act SPEC", "dropout P", '#' comments.
   Rewritten into the one-line form. */
static trn_status read_spec_file(const char *path, char *line, size_t len, char *err,
                                 size_t errlen) {
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open the network spec", path);
        return TRN_E_IO;
    }
    char buf[512];
    size_t w = 0;
    int ln = 0, have_input = 0;
    line[0] = 0;
    trn_status st = TRN_OK;
    while (fgets(buf, sizeof buf, f)) {
        ln++;
        char *h = strchr(buf, '#');
        if (h) *h = 0;
        char *s = buf;
        while (isspace((unsigned char)*s))
            s++;
        size_t l = strlen(s);
        while (l && isspace((unsigned char)s[l - 1]))
            s[--l] = 0;
        if (!l) continue;
        char kw[16];
        int n = 0;
        if (sscanf(s, "%15s %n", kw, &n) != 1) continue;
        const char *arg = s + n;
        const char *fmt;
        if (!strcmp(kw, "input")) {
            if (have_input) {
                snprintf(err, errlen, "%s line %d: a second 'input'", path, ln);
                st = TRN_E_SPEC;
                break;
            }
            have_input = 1;
            fmt = "%s";
        } else if (!strcmp(kw, "dense"))
            fmt = "-%s";
        else if (!strcmp(kw, "act"))
            fmt = ":%s";
        else if (!strcmp(kw, "dropout"))
            fmt = ":dropout(p=%s)";
        else {
            snprintf(err, errlen, "%s line %d: unknown layer '%s' (input, dense, act, dropout)",
                     path, ln, kw);
            st = TRN_E_SPEC;
            break;
        }
        if (!have_input) {
            snprintf(err, errlen, "%s line %d: the first layer must be 'input N'", path, ln);
            st = TRN_E_SPEC;
            break;
        }
        int k = snprintf(line + w, len - w, fmt, arg);
        if (k < 0 || (size_t)k >= len - w) {
            snprintf(err, errlen, "%s: network spec too long", path);
            st = TRN_E_SPEC;
            break;
        }
        w += (size_t)k;
    }
    fclose(f);
    if (st == TRN_OK && !have_input) {
        snprintf(err, errlen, "%s: no 'input N' line", path);
        st = TRN_E_SPEC;
    }
    return st;
}

trn_status trn_net_new(const char *spec, trn_net **out, char *err, size_t errlen) {
    *out = NULL;
    char text[TRN_SPEC_MAX];
    trn_status st;
    if (strlen(spec) >= sizeof text) {
        snprintf(err, errlen, "network spec: longer than %d characters", TRN_SPEC_MAX - 1);
        return TRN_E_SPEC;
    }
    struct stat sb;
    if (stat(spec, &sb) == 0 && S_ISREG(sb.st_mode)) { /* a spec file */
        st = read_spec_file(spec, text, sizeof text, err, errlen);
        if (st) return st;
    } else {
        snprintf(text, sizeof text, "%s", spec);
    }
    trn_net *net = calloc(1, sizeof *net);
    if (!net) {
        snprintf(err, errlen, "network spec '%s': out of memory", text);
        return TRN_E_NOMEM;
    }
    snprintf(net->spec, sizeof net->spec, "%s", text);
    const char *sg = getenv("ACTLAB_SMALL_GEMM"); /* "0": OpenBLAS for every batch size */
    net->small_gemm = trn_small_available() && !(sg && !strcmp(sg, "0"));
    char work[TRN_SPEC_MAX];
    snprintf(work, sizeof work, "%s", text);
    char *groups[TRN_MAX_LAYERS + 1];
    int ng = split_top(work, '-', groups, TRN_MAX_LAYERS + 1);
    if (ng < 0) {
        snprintf(err, errlen, "network spec '%s': %s", text,
                 ng == -2 ? "unbalanced parentheses" : "too many layers");
        trn_net_free(net);
        return TRN_E_SPEC;
    }
    if (ng < 2) {
        snprintf(err, errlen, "network spec '%s': need at least INPUTS-OUTPUTS, e.g. 2-16:tanh-2",
                 text);
        trn_net_free(net);
        return TRN_E_SPEC;
    }
    size_t width = 0;
    for (int g = 0; g < ng; g++) {
        char *mods[16];
        int nm = split_top(groups[g], ':', mods, 16);
        size_t size;
        if (nm < 1 || !parse_size(mods[0], &size)) {
            snprintf(err, errlen, "network spec '%s': '%s' is not a layer size (1 to 1000000)",
                     text, mods[0]);
            trn_net_free(net);
            return TRN_E_SPEC;
        }
        if (g == 0) {
            net->inputs = size;
            width = size;
            if (nm > 1) {
                snprintf(err, errlen, "network spec '%s': the input size takes no activation",
                         text);
                trn_net_free(net);
                return TRN_E_SPEC;
            }
            continue;
        }
        if (!add_layer(net, TRN_LAYER_DENSE, width, size)) {
            snprintf(err, errlen, "network spec: more than %d layers", TRN_MAX_LAYERS);
            trn_net_free(net);
            return TRN_E_SPEC;
        }
        net->L[net->nl - 1].nparam = size * width + size;
        width = size;
        for (int m = 1; m < nm; m++) {
            size_t ow;
            st = add_modifier(net, mods[m], width, &ow, err, errlen);
            if (st) {
                trn_net_free(net);
                return st;
            }
            width = ow;
        }
    }
    net->outputs = width;
    /* carve parameters and gradients */
    size_t total = 0;
    for (int i = 0; i < net->nl; i++)
        total += net->L[i].nparam;
    net->nparams = total;
    net->params = calloc(total ? total : 1, sizeof(float));
    net->grads = calloc(total ? total : 1, sizeof(float));
    if (!net->params || !net->grads) {
        snprintf(err, errlen, "network spec '%s': out of memory for %zu parameters", text, total);
        trn_net_free(net);
        return TRN_E_NOMEM;
    }
    size_t off = 0;
    for (int i = 0; i < net->nl; i++) {
        trn_layer *l = &net->L[i];
        l->param = net->params + off;
        l->grad = net->grads + off;
        off += l->nparam;
    }
    *out = net;
    return TRN_OK;
}

void trn_net_free(trn_net *net) {
    if (!net) return;
    free(net->params);
    free(net->grads);
    free(net->buf);
    act_pool_free(net->pool);
    free(net);
}

const char *trn_net_spec(const trn_net *net) { return net->spec; }
size_t trn_net_inputs(const trn_net *net) { return net->inputs; }
size_t trn_net_outputs(const trn_net *net) { return net->outputs; }
size_t trn_net_nparams(const trn_net *net) { return net->nparams; }
int trn_net_nlayers(const trn_net *net) { return net->nl; }
trn_layer_kind trn_net_layer_kind(const trn_net *net, int i) { return net->L[i].kind; }
size_t trn_net_layer_width(const trn_net *net, int i) { return net->L[i].out; }
const act_fn *trn_net_layer_fn(const trn_net *net, int i) { return &net->L[i].fn; }
float *trn_net_params(trn_net *net) { return net->params; }
float *trn_net_grads(trn_net *net) { return net->grads; }

float *trn_net_weights(trn_net *net, int i, size_t *n_out, size_t *n_in) {
    trn_layer *l = &net->L[i];
    if (l->kind != TRN_LAYER_DENSE) return NULL;
    if (n_out) *n_out = l->out;
    if (n_in) *n_in = l->in;
    return l->param;
}
float *trn_net_bias(trn_net *net, int i) {
    trn_layer *l = &net->L[i];
    return l->kind == TRN_LAYER_DENSE ? l->param + l->out * l->in : NULL;
}
float *trn_net_weight_grad(trn_net *net, int i) {
    trn_layer *l = &net->L[i];
    return l->kind == TRN_LAYER_DENSE ? l->grad : NULL;
}
float *trn_net_layer_params(trn_net *net, int i, size_t *n) {
    if (n) *n = net->L[i].nparam;
    return net->L[i].param;
}
float *trn_net_layer_grads(trn_net *net, int i) { return net->L[i].grad; }

/* ---- initialisation ---------------------------------------------------------- */

static const char *const init_names[] = {
    [TRN_INIT_STANDARD] = "standard",         [TRN_INIT_NORMALIZED] = "normalized",
    [TRN_INIT_HE_NORMAL] = "he_normal",       [TRN_INIT_HE_UNIFORM] = "he_uniform",
    [TRN_INIT_LECUN_NORMAL] = "lecun_normal", [TRN_INIT_ORTHOGONAL] = "orthogonal",
};
_Static_assert(sizeof init_names / sizeof init_names[0] == TRN_INIT_COUNT,
               "every init needs a name");

const char *trn_init_name(trn_init i) { return (unsigned)i < TRN_INIT_COUNT ? init_names[i] : "?"; }

trn_status trn_init_parse(const char *s, trn_init *out, char *err, size_t errlen) {
    static const struct {
        const char *alias;
        trn_init init;
    } aliases[] = {{"glorot", TRN_INIT_NORMALIZED},
                   {"xavier", TRN_INIT_NORMALIZED},
                   {"kaiming", TRN_INIT_HE_NORMAL},
                   {"he", TRN_INIT_HE_NORMAL},
                   {"lecun", TRN_INIT_LECUN_NORMAL}};
    for (int i = 0; i < TRN_INIT_COUNT; i++)
        if (!strcmp(s, init_names[i])) {
            *out = (trn_init)i;
            return TRN_OK;
        }
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        if (!strcmp(s, aliases[i].alias)) {
            *out = aliases[i].init;
            return TRN_OK;
        }
    snprintf(err, errlen,
             "unknown initialisation '%s' (standard, normalized, he_normal, he_uniform, "
             "lecun_normal, orthogonal)",
             s);
    return TRN_E_SPEC;
}

/* orthogonal rows (or columns) by modified Gram-Schmidt on a Gaussian matrix */
static void init_orthogonal(float *W, size_t rows, size_t cols, trn_rng *rng) {
    int transpose = rows > cols; /* orthonormalise the shorter side */
    size_t r = transpose ? cols : rows, c = transpose ? rows : cols;
    double *A = malloc(r * c * sizeof *A);
    if (!A) return;
    for (size_t i = 0; i < r * c; i++)
        A[i] = trn_rng_normal(rng);
    for (size_t i = 0; i < r; i++) {
        double *ai = A + i * c;
        for (size_t j = 0; j < i; j++) {
            double *aj = A + j * c, dot = 0;
            for (size_t k = 0; k < c; k++)
                dot += ai[k] * aj[k];
            for (size_t k = 0; k < c; k++)
                ai[k] -= dot * aj[k];
        }
        double nrm = 0;
        for (size_t k = 0; k < c; k++)
            nrm += ai[k] * ai[k];
        nrm = sqrt(nrm);
        for (size_t k = 0; k < c; k++)
            ai[k] = nrm > 0 ? ai[k] / nrm : 0;
    }
    for (size_t i = 0; i < r; i++)
        for (size_t k = 0; k < c; k++)
            if (transpose)
                W[k * cols + i] = (float)A[i * c + k];
            else
                W[i * cols + k] = (float)A[i * c + k];
    free(A);
}

void trn_net_init(trn_net *net, trn_init init, float bias, trn_rng *rng) {
    for (int i = 0; i < net->nl; i++) {
        trn_layer *l = &net->L[i];
        if (l->kind == TRN_LAYER_DENSE) {
            float *W = l->param, *b = l->param + l->out * l->in;
            double nin = (double)l->in, nout = (double)l->out;
            size_t nw = l->out * l->in;
            switch (init) {
            case TRN_INIT_STANDARD: {
                double a = 1.0 / sqrt(nin);
                for (size_t k = 0; k < nw; k++)
                    W[k] = (float)((2 * trn_rng_uniform(rng) - 1) * a);
                break;
            }
            case TRN_INIT_NORMALIZED: {
                double a = sqrt(6.0 / (nin + nout));
                for (size_t k = 0; k < nw; k++)
                    W[k] = (float)((2 * trn_rng_uniform(rng) - 1) * a);
                break;
            }
            case TRN_INIT_HE_UNIFORM: {
                double a = sqrt(6.0 / nin);
                for (size_t k = 0; k < nw; k++)
                    W[k] = (float)((2 * trn_rng_uniform(rng) - 1) * a);
                break;
            }
            case TRN_INIT_HE_NORMAL:
            case TRN_INIT_LECUN_NORMAL: {
                double sd = sqrt((init == TRN_INIT_HE_NORMAL ? 2.0 : 1.0) / nin);
                for (size_t k = 0; k < nw; k++)
                    W[k] = (float)(trn_rng_normal(rng) * sd);
                break;
            }
            case TRN_INIT_ORTHOGONAL: init_orthogonal(W, l->out, l->in, rng); break;
            case TRN_INIT_COUNT: break;
            }
            for (size_t k = 0; k < l->out; k++)
                b[k] = bias;
        } else if (l->kind == TRN_LAYER_PRELU) {
            for (size_t k = 0; k < l->nparam; k++)
                l->param[k] = (float)l->fn.p[0];
        } else if (l->kind == TRN_LAYER_NOISY) {
            for (size_t k = 0; k < l->nparam; k++)
                l->param[k] = (float)l->p0;
        }
    }
}

/* ---- buffers -------------------------------------------------------------------- */

/* Rows are handed to the activation kernels in blocks of about this many
   floats (16 KiB): a block written by the bias pass is still in L1 when the
   activation reads it, and a kernel call (with its dispatch) covers enough
   work at any layer width. */
#define TRN_BLOCK_FLOATS 4096

static size_t block_rows(size_t width) {
    return width >= TRN_BLOCK_FLOATS ? 1 : TRN_BLOCK_FLOATS / width;
}

/* whether dense layer i hands its product straight to an elementwise
   activation: forward adds the bias and applies the activation in one pass,
   backward takes the activation's derivative and the bias gradient in one */
static int fused_act(const trn_net *net, int i) {
    return i + 1 < net->nl && net->L[i].kind == TRN_LAYER_DENSE &&
           net->L[i + 1].kind == TRN_LAYER_ACT &&
           act_describe(net->L[i + 1].fn.id)->kind == ACT_KIND_ELEMENTWISE;
}

static int has_aux(const trn_layer *l) {
    return l->kind == TRN_LAYER_DROPOUT || l->kind == TRN_LAYER_RRELU || l->kind == TRN_LAYER_NOISY;
}

/* per layer: y (batch, out), delta (batch, in); aux (batch, out) for dropout,
   rrelu and noisy; for dense layers aux is (out): the bias gradient's column
   sums, summed there row by row before one update of b */
trn_status trn_net_reserve(trn_net *net, size_t batch) {
    if (batch <= net->cap) return TRN_OK;
    size_t total = batch * net->outputs; /* dout */
    for (int i = 0; i < net->nl; i++) {
        const trn_layer *l = &net->L[i];
        total += batch * (l->out + l->in);
        if (has_aux(l)) total += batch * l->out;
        if (l->kind == TRN_LAYER_DENSE) total += l->out;
    }
    float *buf = calloc(total, sizeof(float));
    if (!buf) return TRN_E_NOMEM;
    free(net->buf);
    net->buf = buf;
    net->cap = batch;
    float *p = buf;
    net->dout = p;
    p += batch * net->outputs;
    for (int i = 0; i < net->nl; i++) {
        trn_layer *l = &net->L[i];
        l->y = p;
        p += batch * l->out;
        l->delta = p;
        p += batch * l->in;
        l->aux = NULL;
        if (has_aux(l)) {
            l->aux = p;
            p += batch * l->out;
        } else if (l->kind == TRN_LAYER_DENSE) {
            l->aux = p;
            p += l->out;
        }
    }
    return TRN_OK;
}

/* ---- forward ---------------------------------------------------------------------- */

static double sigm(double x) { return x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x)); }

/* the noisy activation of Gulcehre et al. 2016, training (eps drawn) or test
   (eps at its mean); returns phi and writes dphi/dx and dphi/dp */
static double noisy_eval(const trn_layer *l, double x, double p, double eps, double *dx,
                         double *dp) {
    double u, du, h, dh;
    if (l->noisy_sigmoid) {
        u = 0.25 * x + 0.5;
        du = 0.25;
    } else {
        u = x;
        du = 1;
    }
    double lo = l->noisy_sigmoid ? 0 : -1;
    if (u <= lo) {
        h = lo;
        dh = 0;
    } else if (u >= 1) {
        h = 1;
        dh = 0;
    } else {
        h = u;
        dh = du;
    }
    double a = l->alpha, delta = h - u;
    double sgn_x = x > 0 ? 1 : (x < 0 ? -1 : 0), sgn_1a = (1 - a) > 0 ? 1 : ((1 - a) < 0 ? -1 : 0);
    double d = -sgn_x * sgn_1a;
    double s = sigm(p * delta), g = s - 0.5;
    double sigma = l->c * g * g;
    double ds = 2 * l->c * g * s * (1 - s); /* d sigma / d(p*delta) */
    *dx = a * dh + (1 - a) * du + d * eps * ds * p * (dh - du);
    *dp = d * eps * ds * delta;
    return a * h + (1 - a) * u + d * sigma * eps;
}

/* the pass after a dense layer's product z = x W^T (in d->y, n rows): adds
   the bias and, with an activation layer a, writes a->y = f(z + b), block by
   block so that each block is read back from L1 */
static void bias_act_forward(const trn_layer *d, const trn_layer *a, size_t n) {
    const float *b = d->param + d->out * d->in;
    size_t w = d->out, step = block_rows(w);
    for (size_t r0 = 0; r0 < n; r0 += step) {
        size_t rows = n - r0 < step ? n - r0 : step;
        float *z = d->y + r0 * w;
        for (size_t r = 0; r < rows; r++)
            for (size_t j = 0; j < w; j++)
                z[r * w + j] += b[j];
        if (a) act_forward(&a->fn, rows * w, z, a->y + r0 * w);
    }
}

/* Whether the products over n rows run on gemm_small.c, and on how many
   threads: OpenBLAS's count (the trainer's thread count everywhere), 0 for
   OpenBLAS itself. On one thread the weight update stays OpenBLAS's (its
   sgemm streams W faster than trn_small_dw); on more, all three products
   are the small kernels' on the net's pool, so that OpenBLAS is not called
   at all: its workers spin on the other cores after every call, and the
   small kernels running beside them on one thread went at 2490 samples/s
   against OpenBLAS's own 3414 (2 vCPUs, bench/TRAINING.md). */
static int small_rows(trn_net *net, size_t n) {
    if (!net->small_gemm || n < 1 || n > TRN_SMALL_ROWS) return 0;
    int t = openblas_get_num_threads();
    if (t <= 1) return 1;
    if (!net->pool || act_pool_threads(net->pool) != t) {
        act_pool_free(net->pool);
        net->pool = act_pool_new(t, 0);
        if (!net->pool) return 0;
    }
    return t;
}

/* one small product, split by act_pool_run: the forward and the weight
   update by pairs of rows of W, the input gradient by blocks of 32 columns */
typedef struct {
    int kind; /* 0 trn_small_xwt, 1 trn_small_dyw, 2 trn_small_dw */
    size_t n, in, out;
    const float *a, *w, *x; /* x or dy; W; x (dw) */
    float *dst, scale;
} small_job;

static void small_range(size_t units, size_t unit, size_t lim, int part, int parts, size_t *lo,
                        size_t *hi) {
    size_t per = (units + (size_t)parts - 1) / (size_t)parts;
    *lo = (size_t)part * per * unit;
    *hi = *lo + per * unit;
    if (*lo > lim) *lo = lim;
    if (*hi > lim) *hi = lim;
}

static void small_part(void *ctx, int part, int parts) {
    const small_job *s = ctx;
    size_t lo, hi;
    if (s->kind == 1) {
        small_range((s->in + 31) / 32, 32, s->in, part, parts, &lo, &hi);
        trn_small_dyw(s->n, s->in, s->out, lo, hi, s->a, s->w, s->dst);
        return;
    }
    small_range((s->out + 1) / 2, 2, s->out, part, parts, &lo, &hi);
    if (s->kind == 0)
        trn_small_xwt(s->n, s->in, s->out, lo, hi, s->a, s->w, s->dst);
    else
        trn_small_dw(s->n, s->in, s->out, lo, hi, s->scale, s->a, s->x, s->dst);
}

static void small_run(trn_net *net, int threads, small_job *s) {
    act_pool_run(threads > 1 ? net->pool : NULL, small_part, s);
}

const float *trn_net_forward(trn_net *net, const float *x, size_t n, int training, trn_rng *rng) {
    if (trn_net_reserve(net, n) != TRN_OK) return NULL;
    net->n = n;
    net->x = x;
    net->training = training;
    const float *in = x;
    for (int i = 0; i < net->nl; i++) {
        trn_layer *l = &net->L[i];
        size_t m = n * l->out;
        switch (l->kind) {
        case TRN_LAYER_DENSE: {
            /* z = x W^T, then one pass: z += b and, when an elementwise
               activation follows, y = f(z) on the same block while it is hot */
            const float *W = l->param;
            int st = small_rows(net, n);
            if (st) {
                small_job sj = {0, n, l->in, l->out, in, W, NULL, l->y, 0.0f};
                small_run(net, st, &sj);
            } else
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)n, (int)l->out,
                            (int)l->in, 1.0f, in, (int)l->in, W, (int)l->in, 0.0f, l->y,
                            (int)l->out);
            if (fused_act(net, i)) {
                bias_act_forward(l, &net->L[i + 1], n);
                i++; /* the activation layer is done */
                l = &net->L[i];
            } else {
                bias_act_forward(l, NULL, n);
            }
            break;
        }
        case TRN_LAYER_ACT:
            if (act_describe(l->fn.id)->kind == ACT_KIND_ROW)
                act_row_forward(&l->fn, n, l->in, in, l->y);
            else
                act_forward(&l->fn, m, in, l->y);
            break;
        case TRN_LAYER_PRELU:
            for (size_t r = 0; r < n; r++)
                for (size_t j = 0; j < l->out; j++) {
                    float v = in[r * l->out + j], a = l->param[l->per_unit ? j : 0];
                    l->y[r * l->out + j] = v > 0 ? v : a * v;
                }
            break;
        case TRN_LAYER_RRELU: {
            double lo = l->fn.p[0], hi = l->fn.p[1];
            for (size_t k = 0; k < m; k++) {
                float a = training ? (float)(lo + (hi - lo) * trn_rng_uniform(rng))
                                   : (float)((lo + hi) / 2);
                l->aux[k] = a;
                l->y[k] = in[k] >= 0 ? in[k] : a * in[k];
            }
            break;
        }
        case TRN_LAYER_NOISY: {
            double mean_eps = l->half_normal ? sqrt(2 / M_PI) : 0;
            for (size_t r = 0; r < n; r++)
                for (size_t j = 0; j < l->out; j++) {
                    size_t k = r * l->out + j;
                    double eps = mean_eps;
                    if (training) {
                        eps = trn_rng_normal(rng);
                        if (l->half_normal) eps = fabs(eps);
                    }
                    double ddx, ddp;
                    l->aux[k] = (float)eps;
                    l->y[k] = (float)noisy_eval(l, in[k], l->param[j], eps, &ddx, &ddp);
                }
            break;
        }
        case TRN_LAYER_DROPOUT: {
            float keep = 1.0f - l->drop_p, scale = keep > 0 ? 1.0f / keep : 0;
            for (size_t k = 0; k < m; k++) {
                float msk = training ? (trn_rng_uniform(rng) < keep ? scale : 0.0f) : 1.0f;
                l->aux[k] = msk;
                l->y[k] = in[k] * msk;
            }
            break;
        }
        case TRN_LAYER_KIND_COUNT: break;
        }
        in = l->y;
    }
    return in;
}

const float *trn_net_layer_output(const trn_net *net, int i) { return net->L[i].y; }
const float *trn_net_layer_input(const trn_net *net, int i) {
    return i == 0 ? net->x : net->L[i - 1].y;
}
const float *trn_net_layer_delta(const trn_net *net, int i) {
    return i == 0 && net->L[0].kind == TRN_LAYER_DENSE ? NULL : net->L[i].delta;
}
size_t trn_net_batch(const trn_net *net) { return net->n; }

/* ---- losses ------------------------------------------------------------------------ */

double trn_net_loss(trn_net *net, trn_loss loss, const int32_t *labels, const float *targets,
                    size_t n) {
    const float *o = net->nl ? net->L[net->nl - 1].y : net->x;
    size_t k = net->outputs;
    double total = 0;
    switch (loss) {
    case TRN_LOSS_XENT:
        for (size_t r = 0; r < n; r++) {
            const float *z = o + r * k;
            float *g = net->dout + r * k;
            int32_t y = labels[r];
            if (y < 0 || (size_t)y >= k) return NAN;
            float m = z[0];
            for (size_t j = 1; j < k; j++)
                m = z[j] > m ? z[j] : m;
            double s = 0;
            for (size_t j = 0; j < k; j++)
                s += exp((double)z[j] - m);
            double lse = m + log(s);
            total += lse - z[y];
            for (size_t j = 0; j < k; j++)
                g[j] = (float)((exp((double)z[j] - lse) - (j == (size_t)y)) / (double)n);
        }
        return total / (double)n;
    case TRN_LOSS_MSE:
        for (size_t r = 0; r < n * k; r++) {
            double d = (double)o[r] - targets[r];
            total += d * d;
            net->dout[r] = (float)(2 * d / (double)(n * k));
        }
        return total / (double)(n * k);
    case TRN_LOSS_BCE:
        for (size_t r = 0; r < n * k; r++) {
            double z = o[r], t = targets ? targets[r] : (double)labels[r / k];
            total += fmax(z, 0) - z * t + log1p(exp(-fabs(z)));
            net->dout[r] = (float)((sigm(z) - t) / (double)(n * k));
        }
        return total / (double)(n * k);
    case TRN_LOSS_COUNT: break;
    }
    return NAN;
}

/* ---- backward ----------------------------------------------------------------------- */

void trn_net_zero_grad(trn_net *net) { memset(net->grads, 0, net->nparams * sizeof(float)); }

/* The pass before a dense layer d's backward: with an activation layer a,
   dz = dy * f'(z) into dz, block by block, and the column sums of dz (the
   bias gradient) into d->aux while the block is hot; without one, only the
   column sums of dy. Each column is summed over the rows in order, as a
   plain loop would. */
static void act_bias_backward(const trn_layer *a, const trn_layer *d, const float *dy, float *dz,
                              size_t n) {
    size_t w = d->out, step = block_rows(w);
    float *sum = d->aux;
    if (n == 0) memset(sum, 0, w * sizeof(float));
    for (size_t r0 = 0; r0 < n; r0 += step) {
        size_t rows = n - r0 < step ? n - r0 : step;
        const float *g = dy + r0 * w;
        if (a) {
            act_backward_x(&a->fn, rows * w, d->y + r0 * w, g, dz + r0 * w);
            g = dz + r0 * w;
        }
        size_t r = 0;
        if (r0 == 0) {
            memcpy(sum, g, w * sizeof(float));
            r = 1;
        }
        for (; r < rows; r++)
            for (size_t j = 0; j < w; j++)
                sum[j] += g[r * w + j];
    }
}

/* The backward pass. With sgd set it also applies a plain SGD step as it
   goes (the fused training step): each dense layer first propagates the
   gradient through its old weights, then adds -lr dL/dW straight into W
   inside the same sgemm (beta = 1), so the gradient is never stored, never
   zeroed and never read again by an optimizer pass. */
static void backward(trn_net *net, int sgd, float sgd_lr) {
    size_t n = net->n;
    const float *dy = net->dout;
    for (int i = net->nl - 1; i >= 0; i--) {
        trn_layer *l = &net->L[i];
        const float *in = trn_net_layer_input(net, i);
        size_t m = n * l->out;
        switch (l->kind) {
        case TRN_LAYER_DENSE: {
            /* dX first: it needs the weights before any fused update */
            int st = small_rows(net, n);
            if (i > 0 && st) {
                small_job sj = {1, n, l->in, l->out, dy, l->param, NULL, l->delta, 0.0f};
                small_run(net, st, &sj);
            } else if (i > 0) {
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)n, (int)l->in,
                            (int)l->out, 1.0f, dy, (int)l->out, l->param, (int)l->in, 0.0f,
                            l->delta, (int)l->in);
            }
            float *dW = sgd ? l->param : l->grad;
            float *db = dW + l->out * l->in, scale = sgd ? -sgd_lr : 1.0f;
            if (st > 1) {
                small_job sj = {2, n, l->in, l->out, dy, NULL, in, dW, scale};
                small_run(net, st, &sj);
            } else {
                cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, (int)l->out, (int)l->in,
                            (int)n, scale, dy, (int)l->out, in, (int)l->in, 1.0f, dW, (int)l->in);
            }
            /* the column sums of dy: already in aux when the activation's
               backward made them */
            if (!fused_act(net, i)) act_bias_backward(NULL, l, dy, NULL, n);
            for (size_t j = 0; j < l->out; j++)
                db[j] += scale * l->aux[j];
            break;
        }
        case TRN_LAYER_ACT:
            if (act_describe(l->fn.id)->kind == ACT_KIND_ROW)
                act_row_backward(&l->fn, n, l->in, in, l->y, dy, l->delta);
            else if (i > 0 && fused_act(net, i - 1))
                act_bias_backward(l, &net->L[i - 1], dy, l->delta, n);
            else
                act_backward_x(&l->fn, m, in, dy, l->delta);
            break;
        case TRN_LAYER_PRELU:
            for (size_t r = 0; r < n; r++)
                for (size_t j = 0; j < l->out; j++) {
                    size_t k = r * l->out + j, pj = l->per_unit ? j : 0;
                    float v = in[k], a = l->param[pj];
                    if (v <= 0) l->grad[pj] += dy[k] * v;
                    l->delta[k] = v > 0 ? dy[k] : a * dy[k];
                }
            break;
        case TRN_LAYER_RRELU:
            for (size_t k = 0; k < m; k++)
                l->delta[k] = in[k] >= 0 ? dy[k] : l->aux[k] * dy[k];
            break;
        case TRN_LAYER_NOISY:
            for (size_t r = 0; r < n; r++)
                for (size_t j = 0; j < l->out; j++) {
                    size_t k = r * l->out + j;
                    double ddx, ddp;
                    noisy_eval(l, in[k], l->param[j], l->aux[k], &ddx, &ddp);
                    l->delta[k] = (float)(dy[k] * ddx);
                    l->grad[j] += (float)(dy[k] * ddp);
                }
            break;
        case TRN_LAYER_DROPOUT:
            for (size_t k = 0; k < m; k++)
                l->delta[k] = dy[k] * l->aux[k];
            break;
        case TRN_LAYER_KIND_COUNT: break;
        }
        if (sgd && l->kind != TRN_LAYER_DENSE && l->nparam) {
            for (size_t k = 0; k < l->nparam; k++) {
                l->param[k] -= sgd_lr * l->grad[k];
                l->grad[k] = 0;
            }
        }
        dy = l->delta;
    }
}

void trn_net_backward(trn_net *net) { backward(net, 0, 0); }

void trn_net_backward_sgd(trn_net *net, float lr) { backward(net, 1, lr); }

/* Inf and NaN are the floats whose exponent bits are all ones. The trainer
   runs this over every parameter after every update of its optimizer path
   (the fused SGD step checks with trn_net_first_nonfinite_sgd_step), so it
   tests blocks of 256 without a branch per value (a loop the compiler
   vectorises) and stops at the first block that holds one. */
static int all_finite(const float *p, size_t n) {
    size_t i = 0;
    for (; i + 256 <= n; i += 256) {
        uint32_t bad = 0;
        for (size_t k = 0; k < 256; k++) {
            uint32_t u;
            memcpy(&u, p + i + k, sizeof u);
            bad |= (u & 0x7f800000u) == 0x7f800000u;
        }
        if (bad) return 0;
    }
    for (; i < n; i++)
        if (!isfinite(p[i])) return 0;
    return 1;
}

static int first_nonfinite(const trn_net *net, int grads, const char **what) {
    size_t n = net->n;
    for (int i = 0; i < net->nl; i++) {
        const trn_layer *l = &net->L[i];
        if (!all_finite(l->y, n * l->out)) {
            *what = "activation";
            return i;
        }
    }
    if (!all_finite(net->dout, n * net->outputs)) {
        *what = "loss gradient";
        return net->nl - 1;
    }
    for (int i = net->nl - 1; i >= 0; i--) {
        const trn_layer *l = &net->L[i];
        if ((i > 0 || l->kind != TRN_LAYER_DENSE) && !all_finite(l->delta, n * l->in)) {
            *what = "back-propagated gradient";
            return i;
        }
        if (grads && !all_finite(l->grad, l->nparam)) {
            *what = "parameter gradient";
            return i;
        }
        if (!all_finite(l->param, l->nparam)) {
            *what = "parameter";
            return i;
        }
    }
    return -1;
}

int trn_net_first_nonfinite(const trn_net *net, const char **what) {
    return first_nonfinite(net, 1, what);
}

int trn_net_first_nonfinite_sgd(const trn_net *net, const char **what) {
    return first_nonfinite(net, 0, what);
}

/* An upper bound on max |p[i]| as a bit pattern, from the OR of every
   value's bits with the sign cleared: the OR is at least each pattern, and
   for floats the pattern order is the magnitude order, so the bound is below
   twice the true maximum. It is below 0x7f800000 only if every value is
   finite (Inf and NaN are the patterns at or above it); the converse can
   fail (2^127 OR 2^-126 reads as Inf), so the caller asks all_finite then.
   Blocks of 64 with a fixed trip count: a loop GCC vectorises at -O2 for
   any x86-64 (a running max would need SSE4.1). */
static uint32_t abs_or_bits(const float *p, size_t n) {
    uint32_t m = 0;
    size_t i = 0;
    for (; i + 64 <= n; i += 64) {
        uint32_t b = 0;
        for (size_t k = 0; k < 64; k++) {
            uint32_t u;
            memcpy(&u, p + i + k, sizeof u);
            b |= u;
        }
        m |= b;
    }
    for (; i < n; i++) {
        uint32_t u;
        memcpy(&u, p + i, sizeof u);
        m |= u;
    }
    return m & 0x7fffffffu;
}

static double bits_float(uint32_t u) {
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

/* -1 if any of p[0..n) is Inf or NaN, else an upper bound on their
   magnitudes (below twice the largest) */
static double finite_bound(const float *p, size_t n) {
    uint32_t m = abs_or_bits(p, n);
    if (m < 0x7f800000u) return bits_float(m);
    return all_finite(p, n) ? FLT_MAX : -1;
}

/* 2^126: no weight is let near FLT_MAX (2^128) unscanned */
#define PARAM_BOUND_MAX 0x1p126

/* Why the bound holds. The fused step writes W += -lr dz^T x and
   b += -lr colsum(dz) (n rows). With every dz and x finite, each new weight
   is the old one plus at most lr n max|dz| max|x| in exact arithmetic, and
   float rounding in the n-term sums makes that at most (1 + 2^-24)^(n + 2)
   times more: the factor 2 below covers that for any n < 2^23. The
   magnitudes are upper bounds (finite_bound), which only loosens it. So a layer
   whose weights were finite with max |w| <= B is finite with max |w| <=
   B + 2 lr n max|dz| max(max|x|, 1), as long as that stays below FLT_MAX;
   once it passes 2^126 the weights are scanned and B restarts from them
   (finite_bound: below twice their maximum). */
int trn_net_first_nonfinite_sgd_step(trn_net *net, float lr, int first, const char **what) {
    size_t n = net->n;
    double xmax = finite_bound(net->x, n * net->inputs); /* -1 (Inf) forces a scan */
    double ymax[TRN_MAX_LAYERS];
    for (int i = 0; i < net->nl; i++) {
        const trn_layer *l = &net->L[i];
        if ((ymax[i] = finite_bound(l->y, n * l->out)) < 0) {
            *what = "activation";
            return i;
        }
    }
    double dymax = finite_bound(net->dout, n * net->outputs); /* of layer i's output */
    if (dymax < 0) {
        *what = "loss gradient";
        return net->nl - 1;
    }
    for (int i = net->nl - 1; i >= 0; i--) {
        trn_layer *l = &net->L[i];
        double dmax = 0;
        if ((i > 0 || l->kind != TRN_LAYER_DENSE) &&
            (dmax = finite_bound(l->delta, n * l->in)) < 0) {
            *what = "back-propagated gradient";
            return i;
        }
        if (l->kind == TRN_LAYER_DENSE) {
            double in = i == 0 ? (xmax < 0 ? INFINITY : xmax) : ymax[i - 1];
            double grow = 2.0 * fabs((double)lr) * (double)n * dymax * (in > 1 ? in : 1);
            if (!first && l->pbound + grow < PARAM_BOUND_MAX) {
                l->pbound += grow;
            } else {
                if ((l->pbound = finite_bound(l->param, l->nparam)) < 0) {
                    *what = "parameter";
                    return i;
                }
            }
        } else if (l->nparam && !all_finite(l->param, l->nparam)) {
            *what = "parameter";
            return i;
        }
        dymax = dmax;
    }
    return -1;
}
