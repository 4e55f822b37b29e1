/*
 * test_parse.c - the spec syntax: names, aliases with presets, parameters,
 * ranges, errors that name the problem, suggestions, and format round trips.
 */
#include "actlab.h"
#include "t.h"

#include <string.h>
#include <strings.h>

static act_status parse(const char *s, act_fn *fn, char *err) {
    return act_parse(s, fn, err, ACT_ERRLEN);
}

#define EXPECT_ERR(spec, status, needle)                                                           \
    do {                                                                                           \
        act_fn f_;                                                                                 \
        char e_[ACT_ERRLEN];                                                                       \
        act_status s_ = parse(spec, &f_, e_);                                                      \
        CHECKF(s_ == (status), "%s: status %s, want %s (%s)", spec, act_status_name(s_),           \
               act_status_name(status), e_);                                                       \
        CHECKF(strstr(e_, needle) != NULL, "%s: message '%s' lacks '%s'", spec, e_, needle);       \
        CHECKF(strchr(e_, '\n') == NULL, "%s: message has a newline", spec);                       \
    } while (0)

int main(void) {
    act_fn fn;
    char err[ACT_ERRLEN];
    CHECK(parse("relu", &fn, err) == ACT_OK && fn.id == ACT_relu && fn.p[0] == 0);
    CHECK(parse("  relu ( negative_slope = 0.2 )  ", &fn, err) == ACT_OK && fn.p[0] == 0.2);
    CHECK(parse("relu()", &fn, err) == ACT_OK);
    CHECK(parse("RELU", &fn, err) == ACT_OK && fn.id == ACT_relu);
    CHECK(parse("logistic", &fn, err) == ACT_OK && fn.id == ACT_sigmoid);

    /* every canonical name and alias parses; the canonical spec round-trips */
    for (int id = 0; id < ACT_COUNT; id++) {
        const act_desc *d = act_describe((act_id)id);
        CHECKF(parse(d->name, &fn, err) == ACT_OK && fn.id == (act_id)id, "%s: %s", d->name, err);
        char buf[256];
        act_format(&fn, 1, buf, sizeof buf);
        act_fn back;
        CHECKF(parse(buf, &back, err) == ACT_OK && back.id == fn.id &&
                   !memcmp(back.p, fn.p, sizeof fn.p),
               "%s does not round-trip: %s", buf, err);
        for (int a = 0; a < ACT_MAX_ALIASES && d->aliases[a].name; a++) {
            CHECKF(parse(d->aliases[a].name, &fn, err) == ACT_OK && fn.id == (act_id)id,
                   "alias %s of %s: %s", d->aliases[a].name, d->name, err);
            /* no alias shadows a canonical name of another function */
            for (int o = 0; o < ACT_COUNT; o++) {
                act_fn tmp;
                if (o != id && act_lookup(act_describe((act_id)o)->name, &tmp) == ACT_OK)
                    CHECKF(strcasecmp(act_describe((act_id)o)->name, d->aliases[a].name) != 0,
                           "alias %s of %s is also a canonical name", d->aliases[a].name, d->name);
            }
        }
        /* every default lies inside its own range */
        act_fn def;
        act_lookup(d->name, &def);
        CHECKF(act_validate(&def, err, sizeof err) == ACT_OK, "%s defaults: %s", d->name, err);
    }

    EXPECT_ERR("relu6x", ACT_E_UNKNOWN_NAME, "did you mean relu6");
    EXPECT_ERR("sigmiod", ACT_E_UNKNOWN_NAME, "sigmoid");
    EXPECT_ERR("zzzzqqqq", ACT_E_UNKNOWN_NAME, "unknown activation function 'zzzzqqqq'");
    EXPECT_ERR("relu(slope=1)", ACT_E_UNKNOWN_PARAM, "negative_slope");
    EXPECT_ERR("tanh(alpha=1)", ACT_E_UNKNOWN_PARAM, "it takes none");
    EXPECT_ERR("relu(negative_slope=abc)", ACT_E_SYNTAX, "not a number");
    EXPECT_ERR("relu(negative_slope=nan)", ACT_E_RANGE, "NaN");
    EXPECT_ERR("relu(negative_slope=inf)", ACT_E_RANGE, "out of range");
    EXPECT_ERR("relu(negative_slope=0.1", ACT_E_SYNTAX, "missing ')'");
    EXPECT_ERR("relu negative_slope=0.1)", ACT_E_SYNTAX, "unexpected");
    EXPECT_ERR("relu(negative_slope=0.1,)", ACT_E_SYNTAX, "trailing ','");
    EXPECT_ERR("relu(negative_slope)", ACT_E_SYNTAX, "expected name=value");
    EXPECT_ERR("relu((negative_slope=1))", ACT_E_SYNTAX, "unexpected '('");
    EXPECT_ERR("", ACT_E_SYNTAX, "expected a function name");
    EXPECT_ERR("(x)", ACT_E_SYNTAX, "expected a function name");

    /* suggestions are bounded and sorted */
    const char *sug[3];
    int ns = act_suggest("tanhh", sug, 3);
    CHECK(ns >= 1 && !strcmp(sug[0], "tanh"));
    CHECK(act_suggest("qqqqqqqqqqqqqqqqqqqqqq", sug, 3) == 0);

    /* format lists only non-defaults unless asked */
    CHECK(parse("relu(negative_slope=0.5)", &fn, err) == ACT_OK);
    char buf[128];
    act_format(&fn, 0, buf, sizeof buf);
    CHECKF(!strcmp(buf, "relu(negative_slope=0.5)"), "%s", buf);
    CHECK(parse("relu", &fn, err) == ACT_OK);
    act_format(&fn, 0, buf, sizeof buf);
    CHECKF(!strcmp(buf, "relu"), "%s", buf);
    /* a tiny buffer is never overrun and the needed length is returned */
    char tiny[4];
    size_t need = act_format(&fn, 1, tiny, sizeof tiny);
    CHECK(need == strlen("relu(negative_slope=0)") && tiny[3] == 0);
    return t_done("test_parse");
}
