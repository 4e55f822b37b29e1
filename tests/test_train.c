/*
 * test_train.c - the trainer end to end: accuracy targets, linear collapse,
 * determinism, exact resume, NaN detection, checkpoint checks, optimizers.
 */
#include "actlab_train.h"
#include "t.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char tmpdir[256];

static trn_split load(const char *spec, uint64_t seed) {
    trn_split s;
    trn_data_opts o;
    trn_data_opts_default(&o);
    o.seed = seed;
    char err[TRN_ERRLEN];
    if (trn_data_load(spec, &o, &s, err, sizeof err) != TRN_OK) {
        fprintf(stderr, "%s: %s\n", spec, err);
        memset(&s, 0, sizeof s);
    }
    return s;
}

static double train_acc(const char *net_spec, const trn_split *d, const char *opt, long epochs,
                        size_t batch, uint64_t seed, trn_net **keep) {
    trn_net *net;
    char err[TRN_ERRLEN];
    if (trn_net_new(net_spec, &net, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    trn_train_cfg c;
    trn_train_cfg_default(&c);
    c.epochs = epochs;
    c.batch = batch;
    c.seed = seed;
    trn_opt_parse(opt, &c.opt, err, sizeof err);
    trn_result r;
    trn_status s = trn_train(net, d, &c, &r, err, sizeof err);
    if (s) fprintf(stderr, "%s: %s\n", net_spec, err);
    if (keep)
        *keep = net;
    else
        trn_net_free(net);
    return s ? -1 : r.test_acc;
}

/* the accuracy on d's test part of the best circle about the origin: the
   radius threshold that classifies d's training part best (the Bayes rule of
   concentric circles, up to the sample), so a network can be held to what
   the data allow */
static double circle_rule_acc(const trn_split *d) {
    double best_r = 0, best = -1;
    for (int k = 1; k < 400; k++) {
        double r = 0.01 * k, ok = 0;
        for (size_t i = 0; i < d->train.n; i++) {
            const float *x = d->train.x + 2 * i;
            int inner = x[0] * (double)x[0] + x[1] * (double)x[1] < r * r;
            ok += inner == (d->train.label[i] == 1);
        }
        if (ok > best) best = ok, best_r = r;
    }
    double ok = 0;
    for (size_t i = 0; i < d->test.n; i++) {
        const float *x = d->test.x + 2 * i;
        ok += (x[0] * (double)x[0] + x[1] * (double)x[1] < best_r * best_r) ==
              (d->test.label[i] == 1);
    }
    return ok / (double)d->test.n;
}

static void test_targets(void) {
    /* Issue #3's target, depth-3 tanh >= 99% on circles, at three seeds. With
       noise 0.05 the two circles are 5 standard deviations from the boundary
       (every seed measured 100%); at sklearn's usual noise 0.1 they are 2.5
       sd apart, the best possible accuracy is itself about 99.4%, and a
       fixed 0.99 would be a coin flip on 400 test points: there the network,
       over three seeds, is held to within 1.5% of the best circle
       (circle_rule_acc). */
    for (uint64_t seed = 1; seed <= 3; seed++) {
        trn_split c5 = load("circles(n=2000,noise=0.05)", seed + 2);
        double a = train_acc("2-16:tanh-16:tanh-16:tanh-2", &c5, "sgd(lr=0.1,momentum=0.9)", 40, 16,
                             seed, NULL);
        CHECKF(a >= 0.99,
               "depth-3 tanh on circles (noise 0.05, seed %d): test accuracy %.4f < 0.99",
               (int)seed, a);
        trn_split_free(&c5);
    }
    double tanh3 = 0, rule = 0;
    for (uint64_t seed = 1; seed <= 3; seed++) {
        trn_split c10 = load("circles(n=2000,noise=0.1)", seed + 2);
        tanh3 += train_acc("2-16:tanh-16:tanh-16:tanh-2", &c10, "sgd(lr=0.1,momentum=0.9)", 40, 16,
                           seed, NULL) /
                 3;
        rule += circle_rule_acc(&c10) / 3;
        trn_split_free(&c10);
    }
    CHECKF(tanh3 >= rule - 0.015,
           "depth-3 tanh on circles (noise 0.1, mean of 3 seeds): test accuracy %.4f, the best "
           "circle %.4f",
           tanh3, rule);
    trn_split circ = load("circles(n=2000,noise=0.1)", 3);
    double ident = train_acc("2-16-16-16-2", &circ, "sgd(lr=0.05,momentum=0.9)", 40, 16, 1, NULL);
    double logreg = train_acc("2-2", &circ, "sgd(lr=0.05,momentum=0.9)", 40, 16, 1, NULL);
    CHECKF(ident >= 0 && ident <= logreg + 0.03,
           "identity network %.4f does better than logistic regression %.4f", ident, logreg);
    CHECKF(ident < 0.7, "identity network separates circles (%.4f)", ident);
    trn_split_free(&circ);

    if (!trn_fashion_mnist_dir()) {
        printf(
            "skipped: Fashion-MNIST check (Debian package dataset-fashion-mnist not installed)\n");
        return;
    }
    trn_split fm = load("fashion-mnist", 1);
    double acc = train_acc("784-256:relu-10", &fm, "adam(lr=0.001)", 1, 32, 1, NULL);
    CHECKF(acc >= 0.84, "784-256:relu-10 on Fashion-MNIST, 1 epoch: %.4f < 0.84", acc);
    printf("fashion-mnist 784-256:relu-10, 1 epoch: test accuracy %.4f\n", acc);
    trn_split_free(&fm);
}

/* two runs with the same seed agree bit for bit; resume equals uninterrupted */
static void test_resume(void) {
    trn_split d = load("moons(n=600,noise=0.2)", 5);
    char err[TRN_ERRLEN], ck[512];
    snprintf(ck, sizeof ck, "%s/resume.ckpt", tmpdir);
    const char *spec = "2-12:tanh:dropout(p=0.2)-12:rrelu-2";
    trn_net *a, *b, *c2;
    trn_train_cfg c;
    trn_train_cfg_default(&c);
    c.batch = 7;
    c.seed = 11;
    trn_opt_parse("adam(lr=0.01)", &c.opt, err, sizeof err);
    trn_result r;
    /* uninterrupted: 2 epochs */
    trn_net_new(spec, &a, err, sizeof err);
    c.epochs = 2;
    CHECK(trn_train(a, &d, &c, &r, err, sizeof err) == TRN_OK);
    /* same again: identical */
    trn_net_new(spec, &b, err, sizeof err);
    CHECK(trn_train(b, &d, &c, &r, err, sizeof err) == TRN_OK);
    CHECK(!memcmp(trn_net_params(a), trn_net_params(b), trn_net_nparams(a) * sizeof(float)));
    trn_net_free(b);
    /* 1 epoch, save; resume for the second */
    trn_net_new(spec, &b, err, sizeof err);
    c.epochs = 1;
    c.save = ck;
    CHECK(trn_train(b, &d, &c, &r, err, sizeof err) == TRN_OK);
    trn_net_new(spec, &c2, err, sizeof err);
    c.epochs = 2;
    c.resume = ck;
    c.save = NULL;
    trn_status s = trn_train(c2, &d, &c, &r, err, sizeof err);
    CHECKF(s == TRN_OK, "resume: %s", err);
    CHECKF(!memcmp(trn_net_params(a), trn_net_params(c2), trn_net_nparams(a) * sizeof(float)),
           "resumed weights differ from the uninterrupted run");
    /* mid-epoch checkpoints resume exactly too */
    trn_net_free(b);
    trn_net_new(spec, &b, err, sizeof err);
    c.resume = NULL;
    c.save = ck;
    c.epochs = 0;
    c.updates = 50; /* 600*0.72 = 432 examples, 62 updates per epoch: stop inside epoch 1 */
    CHECK(trn_train(b, &d, &c, &r, err, sizeof err) == TRN_OK);
    trn_net_free(c2);
    trn_net_new(spec, &c2, err, sizeof err);
    c.resume = ck;
    c.save = NULL;
    c.updates = 0;
    c.epochs = 2;
    CHECK(trn_train(c2, &d, &c, &r, err, sizeof err) == TRN_OK);
    CHECKF(!memcmp(trn_net_params(a), trn_net_params(c2), trn_net_nparams(a) * sizeof(float)),
           "resumed (mid-epoch) weights differ from the uninterrupted run");
    trn_net_free(a);
    trn_net_free(b);
    trn_net_free(c2);
    trn_split_free(&d);
}

static long file_size(const char *p) {
    FILE *f = fopen(p, "rb");
    if (!f) return -1;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fclose(f);
    return n;
}

static void test_checkpoint_errors(void) {
    trn_split d = load("xor(n=200)", 1);
    char err[TRN_ERRLEN], ck[512], bad[512];
    snprintf(ck, sizeof ck, "%s/good.ckpt", tmpdir);
    snprintf(bad, sizeof bad, "%s/bad.ckpt", tmpdir);
    trn_net *net;
    trn_net_new("2-8:tanh-2", &net, err, sizeof err);
    trn_train_cfg c;
    trn_train_cfg_default(&c);
    c.save = ck;
    trn_result r;
    CHECK(trn_train(net, &d, &c, &r, err, sizeof err) == TRN_OK);
    long n = file_size(ck);
    CHECK(n > 100);
    unsigned char *b = malloc((size_t)n);
    FILE *f = fopen(ck, "rb");
    CHECK(fread(b, 1, (size_t)n, f) == (size_t)n);
    fclose(f);
    struct {
        const char *what;
        long at;
        int xor_byte;
        long truncate;
        const char *needle;
    } cases[] = {
        {"flipped byte in the parameters", n - 20, 0x40, 0, "checksum"},
        {"flipped byte in the header", 30, 0x01, 0, "checksum"},
        {"other version", 8, 0x02, 0, "version"},
        {"bad magic", 0, 0x20, 0, "not an actlab checkpoint"},
        {"truncated", -1, 0, n / 2, "checksum"},
        {"tiny", -1, 0, 10, "not an actlab checkpoint"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        f = fopen(bad, "wb");
        unsigned char save = 0;
        if (cases[k].at >= 0) {
            save = b[cases[k].at];
            b[cases[k].at] ^= (unsigned char)cases[k].xor_byte;
        }
        fwrite(b, 1, cases[k].truncate ? (size_t)cases[k].truncate : (size_t)n, f);
        fclose(f);
        if (cases[k].at >= 0) b[cases[k].at] = save;
        trn_net *ln;
        trn_ckpt_state st;
        trn_status s = trn_ckpt_load(bad, &ln, NULL, &st, err, sizeof err);
        CHECKF(s == TRN_E_FORMAT && strstr(err, cases[k].needle) && strstr(err, bad),
               "%s: status %s, message '%s'", cases[k].what, trn_status_name(s), err);
    }
    free(b);
    /* the good one still loads, and predicts like the net that wrote it */
    trn_net *ln;
    trn_ckpt_state st;
    CHECK(trn_ckpt_load(ck, &ln, NULL, &st, err, sizeof err) == TRN_OK);
    CHECK(!memcmp(trn_net_params(ln), trn_net_params(net), trn_net_nparams(net) * sizeof(float)));
    free(st.perm);
    trn_net_free(ln);
    /* a missing file */
    CHECK(trn_ckpt_load("/nonexistent/x.ckpt", &ln, NULL, &st, err, sizeof err) == TRN_E_IO &&
          strstr(err, "/nonexistent/x.ckpt"));
    /* saving into a directory that does not exist fails cleanly, keeps nothing */
    CHECK(trn_ckpt_save("/nonexistent/dir/x.ckpt", net, NULL, &st, err, sizeof err) == TRN_E_IO);
    trn_net_free(net);
    trn_split_free(&d);
}

static void test_nan(void) {
    trn_split d = load("blobs(n=300,k=3)", 2);
    char err[TRN_ERRLEN], ck[512];
    snprintf(ck, sizeof ck, "%s/nan.ckpt", tmpdir);
    trn_net *net;
    trn_net_new("2-32:relu-32:relu-3", &net, err, sizeof err);
    trn_train_cfg c;
    trn_train_cfg_default(&c);
    c.epochs = 50;
    c.save = ck;
    trn_opt_parse("sgd(lr=1e30)", &c.opt, err, sizeof err);
    trn_result r;
    trn_status s = trn_train(net, &d, &c, &r, err, sizeof err);
    CHECKF(s == TRN_E_NUMERIC && strstr(err, "update") && strstr(err, "layer"), "status %s: %s",
           trn_status_name(s), err);
    trn_net_free(net);
    trn_split_free(&d);
}

static void test_data_mismatch(void) {
    trn_split d = load("circles(n=100)", 1);
    char err[TRN_ERRLEN];
    trn_net *net;
    trn_net_new("3-4:tanh-2", &net, err, sizeof err);
    trn_train_cfg c;
    trn_train_cfg_default(&c);
    trn_result r;
    CHECK(trn_train(net, &d, &c, &r, err, sizeof err) == TRN_E_SHAPE && strstr(err, "takes 3"));
    trn_net_free(net);
    trn_net_new("2-4:tanh-1", &net, err, sizeof err); /* one output, two classes */
    CHECK(trn_train(net, &d, &c, &r, err, sizeof err) == TRN_E_SHAPE && strstr(err, "classes"));
    trn_net_free(net);
    trn_split_free(&d);
}

static void test_specs(void) {
    char err[TRN_ERRLEN];
    trn_net *net;
    const char *bad[] = {"784",
                         "784-",
                         "x-10",
                         "784-10:tanhh",
                         "784-10:elu(alpha=nan)",
                         "784-10:dropout(p=1)",
                         "784-0-10",
                         "784:tanh-10",
                         "784-9:glu-10",
                         "784-10:maxout(k=3)-2",
                         "2-(3-4",
                         ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        trn_status s = trn_net_new(bad[i], &net, err, sizeof err);
        CHECKF(s == TRN_E_SPEC && strchr(err, '\n') == NULL, "'%s' accepted (%s)", bad[i], err);
    }
    CHECK(trn_net_new("784-10:tanhh", &net, err, sizeof err) == TRN_E_SPEC && strstr(err, "tanh"));
    CHECK(trn_net_new("4-8:maxout(k=2)-6:glu-2", &net, err, sizeof err) == TRN_OK);
    CHECK(trn_net_outputs(net) == 2 && trn_net_nparams(net) == 4 * 8 + 8 + 4 * 6 + 6 + 3 * 2 + 2);
    trn_net_free(net);
    /* a spec file */
    char path[512];
    snprintf(path, sizeof path, "%s/net.txt", tmpdir);
    FILE *f = fopen(path, "w");
    fprintf(f, "# a small net\ninput 4\ndense 8\nact elu(alpha=0.5)\ndropout 0.1\ndense 3\n");
    fclose(f);
    CHECKF(trn_net_new(path, &net, err, sizeof err) == TRN_OK, "%s", err);
    if (net) {
        CHECKF(!strcmp(trn_net_spec(net), "4-8:elu(alpha=0.5):dropout(p=0.1)-3"), "%s",
               trn_net_spec(net));
        trn_net_free(net);
    }
}

static void test_optimizers(void) {
    /* one hand-computed step of each optimizer on p = [1, -2], g = [0.5, 0.25] */
    char err[TRN_ERRLEN];
    trn_opt_cfg cfg;
    trn_opt *o;
    float p[2], g[2] = {0.5f, 0.25f};
    CHECK(trn_opt_parse("sgd(lr=0.1,momentum=0.9,weight_decay=0.01)", &cfg, err, sizeof err) == 0);
    trn_opt_new(&cfg, 2, &o);
    p[0] = 1;
    p[1] = -2;
    trn_opt_step(o, p, g, 2, cfg.lr);
    CHECK(fabsf(p[0] - (1 - 0.1f * (0.5f + 0.01f))) < 1e-7f);
    trn_opt_step(o, p, g, 2, cfg.lr); /* v = 0.9 v + g' */
    float g2 = 0.5f + 0.01f * (1 - 0.1f * 0.51f), v2 = 0.9f * 0.51f + g2;
    CHECK(fabsf(p[0] - (1 - 0.1f * 0.51f - 0.1f * v2)) < 1e-6f);
    trn_opt_free(o);
    CHECK(trn_opt_parse("adam(lr=0.001)", &cfg, err, sizeof err) == 0);
    trn_opt_new(&cfg, 2, &o);
    p[0] = 1;
    p[1] = -2;
    trn_opt_step(o, p, g, 2, cfg.lr); /* first Adam step moves each p by about lr */
    CHECK(fabsf(p[0] - (1 - 0.001f)) < 1e-6f && fabsf(p[1] - (-2 - 0.001f)) < 1e-6f);
    trn_opt_free(o);
    CHECK(trn_opt_parse("adamw(lr=0.1,weight_decay=0.5)", &cfg, err, sizeof err) == 0);
    trn_opt_new(&cfg, 2, &o);
    p[0] = 1;
    p[1] = -2;
    trn_opt_step(o, p, g, 2, cfg.lr);
    CHECK(fabsf(p[0] - (1 * (1 - 0.05f) - 0.1f)) < 1e-6f);
    trn_opt_free(o);
    CHECK(trn_opt_parse("sgd(lr=-1)", &cfg, err, sizeof err) == TRN_E_RANGE);
    CHECK(trn_opt_parse("sgd(lr=0.1,mom=0.9)", &cfg, err, sizeof err) == TRN_E_SPEC &&
          strstr(err, "momentum"));
    CHECK(trn_opt_parse("rmsprop", &cfg, err, sizeof err) == TRN_E_SPEC);
    trn_sched_cfg sc;
    CHECK(trn_sched_parse("step(step=10,gamma=0.5)", &sc, err, sizeof err) == 0);
    CHECK(trn_sched_lr(&sc, 1.0, 25, 100) == 0.25);
    CHECK(trn_sched_parse("cosine(warmup=10)", &sc, err, sizeof err) == 0);
    CHECK(fabs(trn_sched_lr(&sc, 1.0, 0, 100) - 0.1) < 1e-12);
    CHECK(fabs(trn_sched_lr(&sc, 1.0, 50, 100) - 0.5) < 1e-12);
    CHECK(trn_sched_lr(&sc, 1.0, 100, 100) < 1e-12);
}

/* the fused SGD step equals backward + a separate SGD step (up to rounding) */
static void test_fused(void) {
    char err[TRN_ERRLEN];
    trn_net *a, *b;
    const char *spec = "6-9:tanh-7:prelu-5:noisy_hard_tanh-3";
    trn_net_new(spec, &a, err, sizeof err);
    trn_net_new(spec, &b, err, sizeof err);
    trn_rng r;
    trn_rng_seed(&r, 8);
    trn_net_init(a, TRN_INIT_NORMALIZED, 0.1f, &r);
    memcpy(trn_net_params(b), trn_net_params(a), trn_net_nparams(a) * sizeof(float));
    float x[4 * 6];
    int32_t lab[4] = {0, 1, 2, 1};
    for (int i = 0; i < 24; i++)
        x[i] = (float)trn_rng_normal(&r);
    trn_opt_cfg cfg;
    trn_opt_parse("sgd(lr=0.5)", &cfg, err, sizeof err);
    trn_opt *o;
    trn_opt_new(&cfg, trn_net_nparams(a), &o);
    trn_net_zero_grad(a);
    trn_net_zero_grad(b);
    trn_net_forward(a, x, 4, 0, NULL);
    trn_net_loss(a, TRN_LOSS_XENT, lab, NULL, 4);
    trn_net_backward(a);
    trn_opt_step(o, trn_net_params(a), trn_net_grads(a), trn_net_nparams(a), cfg.lr);
    trn_net_forward(b, x, 4, 0, NULL);
    trn_net_loss(b, TRN_LOSS_XENT, lab, NULL, 4);
    trn_net_backward_sgd(b, 0.5f);
    int bad = 0;
    for (size_t i = 0; i < trn_net_nparams(a); i++) {
        float pa = trn_net_params(a)[i], pb = trn_net_params(b)[i];
        if (fabsf(pa - pb) > 1e-6f * (1 + fabsf(pa)) && bad++ < 3)
            fprintf(stderr, "  fused step: p[%zu] %.9g vs %.9g\n", i, (double)pb, (double)pa);
        if (trn_net_grads(b)[i] != 0) bad++;
    }
    CHECKF(bad == 0, "fused SGD differs from backward + step in %d values", bad);
    trn_opt_free(o);
    trn_net_free(a);
    trn_net_free(b);
}

/* A dense layer followed by an elementwise activation runs bias, activation
   and their backward in one blocked pass; a dropout(p=0) in between keeps the
   plain passes. Both must give the same floats, at widths that split the
   batch into blocks with a remainder (1000: 4 rows a block, 10 rows) and
   wider than a block (5000), in backward and in the fused SGD step. */
static void test_fused_bias_act(void) {
    static const char *const fns[] = {"tanh", "sigmoid", "relu", "gelu", "elu"};
    static const size_t widths[] = {3, 1000, 5000};
    enum { N = 10 };
    char err[TRN_ERRLEN];
    for (size_t f = 0; f < sizeof fns / sizeof fns[0]; f++)
        for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++) {
            char sa[128], sb[128];
            snprintf(sa, sizeof sa, "3-%zu:%s-4", widths[w], fns[f]);
            snprintf(sb, sizeof sb, "3-%zu:dropout(p=0):%s-4", widths[w], fns[f]);
            trn_net *a, *b;
            if (trn_net_new(sa, &a, err, sizeof err) || trn_net_new(sb, &b, err, sizeof err)) {
                CHECKF(0, "%s", err);
                continue;
            }
            trn_rng r;
            trn_rng_seed(&r, 11);
            trn_net_init(a, TRN_INIT_NORMALIZED, 0.1f, &r);
            size_t np = trn_net_nparams(a);
            memcpy(trn_net_params(b), trn_net_params(a), np * sizeof(float));
            float x[N * 3];
            int32_t lab[N];
            for (int i = 0; i < N * 3; i++)
                x[i] = (float)(3 * trn_rng_normal(&r));
            for (int i = 0; i < N; i++)
                lab[i] = (int32_t)trn_rng_below(&r, 4);
            int bad = 0;
            for (int sgd = 0; sgd < 2; sgd++) {
                trn_net *nets[2] = {a, b};
                for (int k = 0; k < 2; k++) {
                    trn_net_zero_grad(nets[k]);
                    trn_net_forward(nets[k], x, N, 0, NULL);
                    trn_net_loss(nets[k], TRN_LOSS_XENT, lab, NULL, N);
                    if (sgd)
                        trn_net_backward_sgd(nets[k], 0.1f);
                    else
                        trn_net_backward(nets[k]);
                }
                size_t m = N * widths[w];
                bad += memcmp(trn_net_layer_output(a, 0), trn_net_layer_output(b, 0),
                              m * sizeof(float)) != 0;
                bad += memcmp(trn_net_layer_output(a, 1), trn_net_layer_output(b, 2),
                              m * sizeof(float)) != 0;
                bad += memcmp(trn_net_layer_delta(a, 1), trn_net_layer_delta(b, 2),
                              m * sizeof(float)) != 0;
                bad += memcmp(trn_net_grads(a), trn_net_grads(b), np * sizeof(float)) != 0;
                bad += memcmp(trn_net_params(a), trn_net_params(b), np * sizeof(float)) != 0;
            }
            /* the bias gradient is the column sum of the activation's backward */
            trn_net_zero_grad(a);
            trn_net_forward(a, x, N, 0, NULL);
            trn_net_loss(a, TRN_LOSS_XENT, lab, NULL, N);
            trn_net_backward(a);
            const float *dz = trn_net_layer_delta(a, 1);
            const float *db = trn_net_weight_grad(a, 0) + widths[w] * 3;
            for (size_t j = 0; j < widths[w]; j++) {
                double sum = 0;
                for (int i = 0; i < N; i++)
                    sum += dz[i * widths[w] + j];
                if (fabs(db[j] - sum) > 1e-6 * (1 + fabs(sum))) bad++;
            }
            CHECKF(bad == 0, "%s: fused bias and activation differ from the plain passes (%d)", sa,
                   bad);
            trn_net_free(a);
            trn_net_free(b);
        }
}

/* the non-finite check finds a NaN or an inf anywhere in a large layer (its
   blocked scan and its tail), and the variant for the fused SGD step skips
   only the gradients */
static void test_nonfinite_scan(void) {
    char err[TRN_ERRLEN];
    trn_net *net;
    if (trn_net_new("3-1000:tanh-4", &net, err, sizeof err)) {
        CHECKF(0, "%s", err);
        return;
    }
    trn_rng r;
    trn_rng_seed(&r, 5);
    trn_net_init(net, TRN_INIT_NORMALIZED, 0, &r);
    float x[2 * 3] = {0.1f, -0.2f, 0.3f, 0.4f, 0.5f, -0.6f};
    int32_t lab[2] = {1, 3};
    trn_net_zero_grad(net);
    trn_net_forward(net, x, 2, 0, NULL);
    trn_net_loss(net, TRN_LOSS_XENT, lab, NULL, 2);
    trn_net_backward_sgd(net, 0.1f);
    const char *what = "";
    CHECK_EQ_INT(trn_net_first_nonfinite(net, &what), -1);
    CHECK_EQ_INT(trn_net_first_nonfinite_sgd(net, &what), -1);
    size_t n0 = 3 * 1000 + 1000;
    float *p = trn_net_params(net), *g = trn_net_grads(net);
    const size_t at[] = {0, 255, 256, 1777, n0 - 1};
    const float bad[] = {NAN, INFINITY, -INFINITY};
    for (size_t i = 0; i < sizeof at / sizeof at[0]; i++)
        for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
            float keep = p[at[i]];
            p[at[i]] = bad[k];
            CHECKF(trn_net_first_nonfinite_sgd(net, &what) == 0 && !strcmp(what, "parameter"),
                   "parameter %zu = %g not found", at[i], (double)bad[k]);
            p[at[i]] = keep;
            g[at[i]] = bad[k];
            CHECKF(trn_net_first_nonfinite(net, &what) == 0 && !strcmp(what, "parameter gradient"),
                   "gradient %zu = %g not found", at[i], (double)bad[k]);
            CHECK_EQ_INT(trn_net_first_nonfinite_sgd(net, &what), -1);
            g[at[i]] = 0;
        }
    trn_net_free(net);
}

/* the lazy check after a fused SGD step: a weight planted with first set is
   found; steps with growing learning rates until the weights overflow are
   judged exactly as the full scan judges them (the bound must let no
   overflowing step through), and a planted activation or gradient is found
   whatever the bound */
static void test_nonfinite_step(void) {
    char err[TRN_ERRLEN];
    trn_net *net;
    if (trn_net_new("3-300:tanh-200:tanh-4", &net, err, sizeof err)) {
        CHECKF(0, "%s", err);
        return;
    }
    trn_rng r;
    trn_rng_seed(&r, 9);
    trn_net_init(net, TRN_INIT_NORMALIZED, 0, &r);
    float x[2 * 3] = {0.1f, -0.2f, 0.3f, 0.4f, 0.5f, -0.6f};
    int32_t lab[2] = {1, 3};
    const char *what = "";
    float *p = trn_net_params(net);
    size_t np = trn_net_nparams(net);
    trn_net_forward(net, x, 2, 1, &r);
    trn_net_loss(net, TRN_LOSS_XENT, lab, NULL, 2);
    trn_net_backward_sgd(net, 0.0f);
    p[np - 5] = INFINITY; /* in the last dense layer's weights */
    CHECKF(trn_net_first_nonfinite_sgd_step(net, 0.0f, 1, &what) >= 0 && !strcmp(what, "parameter"),
           "a planted inf weight not found (%s)", what);
    trn_net_init(net, TRN_INIT_NORMALIZED, 0, &r);
    int first = 1, agree = 1, overflowed = 0;
    float lr = 0.01f;
    for (int step = 0; step < 200 && agree && !overflowed; step++) {
        trn_net_forward(net, x, 2, 1, &r);
        trn_net_loss(net, TRN_LOSS_XENT, lab, NULL, 2);
        trn_net_backward_sgd(net, lr);
        const char *w1 = "", *w2 = "";
        int full = trn_net_first_nonfinite_sgd(net, &w1);
        int lazy = trn_net_first_nonfinite_sgd_step(net, lr, first, &w2);
        first = 0;
        agree = full == lazy && (full < 0 || !strcmp(w1, w2));
        CHECKF(agree, "step %d, lr %g: full scan %d (%s), lazy %d (%s)", step, (double)lr, full, w1,
               lazy, w2);
        overflowed = full >= 0;
        lr *= 4;
    }
    CHECKF(overflowed, "the learning rates never overflowed the weights");
    /* a non-finite activation and back-propagated gradient are found with
       the bound in place */
    trn_net_init(net, TRN_INIT_NORMALIZED, 0, &r);
    trn_net_forward(net, x, 2, 1, &r);
    trn_net_loss(net, TRN_LOSS_XENT, lab, NULL, 2);
    trn_net_backward_sgd(net, 0.01f);
    CHECK_EQ_INT(trn_net_first_nonfinite_sgd_step(net, 0.01f, 1, &what), -1);
    float *y = (float *)trn_net_layer_output(net, 1), *d = (float *)trn_net_layer_delta(net, 2);
    y[17] = NAN;
    CHECKF(trn_net_first_nonfinite_sgd_step(net, 0.01f, 0, &what) == 1 &&
               !strcmp(what, "activation"),
           "a planted NaN activation not found (%s)", what);
    y[17] = 0;
    d[3] = -INFINITY;
    CHECKF(trn_net_first_nonfinite_sgd_step(net, 0.01f, 0, &what) == 2 &&
               !strcmp(what, "back-propagated gradient"),
           "a planted inf gradient not found (%s)", what);
    trn_net_free(net);
}

static void test_inits(void) {
    char err[TRN_ERRLEN];
    trn_net *net;
    trn_net_new("400-300:tanh-200", &net, err, sizeof err);
    trn_rng r;
    for (int k = 0; k < TRN_INIT_COUNT; k++) {
        trn_rng_seed(&r, 3);
        trn_net_init(net, (trn_init)k, 0.5f, &r);
        size_t no, ni;
        float *W = trn_net_weights(net, 0, &no, &ni);
        double s2 = 0, mx = 0;
        for (size_t i = 0; i < no * ni; i++) {
            s2 += (double)W[i] * W[i];
            mx = fmax(mx, fabs(W[i]));
        }
        double var = s2 / (double)(no * ni);
        double want = k == TRN_INIT_STANDARD                                ? 1.0 / (3 * 400)
                      : k == TRN_INIT_NORMALIZED                            ? 2.0 / 700
                      : k == TRN_INIT_HE_NORMAL || k == TRN_INIT_HE_UNIFORM ? 2.0 / 400
                      : k == TRN_INIT_LECUN_NORMAL                          ? 1.0 / 400
                                                   : 1.0 / 400; /* orthogonal rows: 1/n_in */
        CHECKF(fabs(var - want) < 0.05 * want, "%s: weight variance %.4g, expected %.4g",
               trn_init_name((trn_init)k), var, want);
        if (k == TRN_INIT_STANDARD) CHECK(mx <= 1 / sqrt(400.0));
        CHECK(trn_net_bias(net, 0)[0] == 0.5f);
    }
    /* orthogonal: rows orthonormal */
    trn_rng_seed(&r, 4);
    trn_net_init(net, TRN_INIT_ORTHOGONAL, 0, &r);
    size_t no, ni;
    float *W = trn_net_weights(net, 0, &no, &ni);
    double dot = 0, nrm = 0;
    for (size_t i = 0; i < ni; i++) {
        dot += (double)W[i] * W[ni + i];
        nrm += (double)W[i] * W[i];
    }
    CHECK(fabs(dot) < 1e-5 && fabs(nrm - 1) < 1e-5);
    trn_net_free(net);
}

int main(void) {
    snprintf(tmpdir, sizeof tmpdir, "/tmp/actlab-test-train-XXXXXX");
    if (!mkdtemp(tmpdir)) return 1;
    test_specs();
    test_optimizers();
    test_inits();
    test_fused();
    test_fused_bias_act();
    test_nonfinite_scan();
    test_nonfinite_step();
    test_data_mismatch();
    test_checkpoint_errors();
    test_nan();
    test_resume();
    test_targets();
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", tmpdir);
    return t_done("test_train");
}
