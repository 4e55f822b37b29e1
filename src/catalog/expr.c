/*
 * expr.c - the formula language: a recursive-descent parser into a node array
 * and a double evaluator. The accuracy tests walk the same nodes in MPFR, so
 * the formula printed in the docs is the one the kernels are checked against.
 *
 * Grammar (C precedence):
 *   expr   := or ['?' expr ':' expr]
 *   or     := and {'||' and}        and := cmp {'&&' cmp}
 *   cmp    := sum [('<'|'<='|'>'|'>='|'=='|'!=') sum]
 *   sum    := prod {('+'|'-') prod}  prod := unary {('*'|'/') unary}
 *   unary  := '-' unary | '+' unary | power
 *   power  := atom ['^' unary]       (right-associative, binds tighter than '-')
 *   atom   := number | name | name '(' expr {',' expr} ')' | '(' expr ')'
 */
#include "actlab.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name;
    int nargs;
} funcs[] = {
    [ACT_XF_EXP] = {"exp", 1},   [ACT_XF_EXPM1] = {"expm1", 1}, [ACT_XF_LOG] = {"log", 1},
    [ACT_XF_LOG1P] = {"log1p", 1}, [ACT_XF_SQRT] = {"sqrt", 1}, [ACT_XF_SIN] = {"sin", 1},
    [ACT_XF_COS] = {"cos", 1},   [ACT_XF_TAN] = {"tan", 1},     [ACT_XF_ATAN] = {"atan", 1},
    [ACT_XF_TANH] = {"tanh", 1}, [ACT_XF_SINH] = {"sinh", 1},   [ACT_XF_COSH] = {"cosh", 1},
    [ACT_XF_ERF] = {"erf", 1},   [ACT_XF_ERFC] = {"erfc", 1},   [ACT_XF_ABS] = {"abs", 1},
    [ACT_XF_SIGN] = {"sign", 1}, [ACT_XF_FLOOR] = {"floor", 1}, [ACT_XF_MIN] = {"min", 2},
    [ACT_XF_MAX] = {"max", 2},
};
_Static_assert(sizeof funcs / sizeof funcs[0] == ACT_XF_COUNT, "every act_xfunc needs a name");

const char *act_xfunc_name(act_xfunc f) {
    return (unsigned)f < ACT_XF_COUNT ? funcs[f].name : "?";
}

typedef struct {
    act_expr *e;
    const char *src, *s;
    char *err;
    size_t errlen;
    int failed;
    int depth;
} parser;

static void fail(parser *p, const char *what) {
    if (p->failed) return;
    p->failed = 1;
    snprintf(p->err, p->errlen, "%s at offset %d of expression '%.80s%s'", what,
             (int)(p->s - p->src), p->src, strlen(p->src) > 80 ? "..." : "");
    /* the quoted source may hold line breaks: keep the message one line */
    for (char *c = p->err; *c; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7f) *c = '?';
}

static void ws(parser *p) {
    while (isspace((unsigned char)*p->s)) p->s++;
}

static int node(parser *p, act_xop op, int a, int b, int c) {
    if (p->failed) return 0;
    if (p->e->n >= ACT_EXPR_MAX_NODES) {
        fail(p, "too long");
        return 0;
    }
    act_xnode *n = &p->e->node[p->e->n];
    memset(n, 0, sizeof *n);
    n->op = op;
    n->a = a;
    n->b = b;
    n->c = c;
    return p->e->n++;
}

static int eat(parser *p, const char *tok) {
    ws(p);
    size_t l = strlen(tok);
    if (strncmp(p->s, tok, l) == 0) {
        /* do not split '<=' into '<' and '=' */
        if (l == 1 && (tok[0] == '<' || tok[0] == '>') && p->s[1] == '=') return 0;
        p->s += l;
        return 1;
    }
    return 0;
}

static int parse_expr(parser *p);

static int parse_atom(parser *p) {
    ws(p);
    if (++p->depth > 64) {
        fail(p, "nested too deeply");
        return 0;
    }
    int r = 0;
    const char *s = p->s;
    if (*s == '(') {
        p->s++;
        r = parse_expr(p);
        if (!eat(p, ")")) fail(p, "expected ')'");
    } else if (isdigit((unsigned char)*s) || (*s == '.' && isdigit((unsigned char)s[1]))) {
        char *end;
        double v = strtod(s, &end);
        r = node(p, ACT_X_NUM, -1, -1, -1);
        if (!p->failed) {
            p->e->node[r].num = v;
            p->e->node[r].text = s;
            p->e->node[r].text_len = (int)(end - s);
        }
        p->s = end;
    } else if (isalpha((unsigned char)*s) || *s == '_') {
        const char *b = s;
        while (isalnum((unsigned char)*p->s) || *p->s == '_') p->s++;
        size_t l = (size_t)(p->s - b);
        ws(p);
        if (*p->s == '(') {
            int f = -1;
            for (int i = 0; i < ACT_XF_COUNT; i++)
                if (strlen(funcs[i].name) == l && strncmp(funcs[i].name, b, l) == 0) f = i;
            if (f < 0) {
                fail(p, "unknown function");
                p->depth--;
                return 0;
            }
            p->s++;
            int a = parse_expr(p), c2 = -1;
            if (funcs[f].nargs == 2) {
                if (!eat(p, ",")) fail(p, "expected ','");
                c2 = parse_expr(p);
            }
            if (!eat(p, ")")) fail(p, "expected ')'");
            r = node(p, ACT_X_CALL, a, c2, -1);
            if (!p->failed) p->e->node[r].var = f;
        } else if (l == 2 && strncmp(b, "pi", 2) == 0) {
            r = node(p, ACT_X_NUM, -1, -1, -1);
            if (!p->failed) {
                p->e->node[r].num = M_PI;
                p->e->node[r].text = b;
                p->e->node[r].text_len = 2;
            }
        } else if (l == 3 && strncmp(b, "inf", 3) == 0) {
            r = node(p, ACT_X_NUM, -1, -1, -1);
            if (!p->failed) {
                p->e->node[r].num = INFINITY;
                p->e->node[r].text = b;
                p->e->node[r].text_len = 3;
            }
        } else {
            int v = -1;
            for (int i = 0; i < p->e->nvars; i++)
                if (strlen(p->e->vars[i]) == l && strncmp(p->e->vars[i], b, l) == 0) v = i;
            if (v < 0) {
                p->s = b;
                fail(p, "unknown name");
                p->depth--;
                return 0;
            }
            r = node(p, ACT_X_VAR, -1, -1, -1);
            if (!p->failed) p->e->node[r].var = v;
        }
    } else {
        fail(p, *s ? "unexpected character" : "unexpected end");
    }
    p->depth--;
    return r;
}

static int parse_unary(parser *p);

static int parse_power(parser *p) {
    int a = parse_atom(p);
    if (eat(p, "^")) {
        /* x^x^x... recurses: count it, like every other nesting */
        if (++p->depth > 64) {
            fail(p, "nested too deeply");
            return 0;
        }
        int b = parse_unary(p);
        p->depth--;
        return node(p, ACT_X_POW, a, b, -1);
    }
    return a;
}

static int parse_unary(parser *p) {
    if (eat(p, "-")) {
        if (++p->depth > 64) {
            fail(p, "nested too deeply");
            return 0;
        }
        int a = parse_unary(p);
        p->depth--;
        return node(p, ACT_X_NEG, a, -1, -1);
    }
    if (eat(p, "+")) {
        if (++p->depth > 64) { /* "++++x" recurses too */
            fail(p, "nested too deeply");
            return 0;
        }
        int a = parse_unary(p);
        p->depth--;
        return a;
    }
    return parse_power(p);
}

static int parse_prod(parser *p) {
    int a = parse_unary(p);
    for (;;) {
        if (eat(p, "*")) a = node(p, ACT_X_MUL, a, parse_unary(p), -1);
        else if (eat(p, "/")) a = node(p, ACT_X_DIV, a, parse_unary(p), -1);
        else return a;
    }
}

static int parse_sum(parser *p) {
    int a = parse_prod(p);
    for (;;) {
        if (eat(p, "+")) a = node(p, ACT_X_ADD, a, parse_prod(p), -1);
        else if (eat(p, "-")) a = node(p, ACT_X_SUB, a, parse_prod(p), -1);
        else return a;
    }
}

static int parse_cmp(parser *p) {
    int a = parse_sum(p);
    static const struct {
        const char *tok;
        act_xop op;
    } ops[] = {{"<=", ACT_X_LE}, {">=", ACT_X_GE}, {"==", ACT_X_EQ}, {"!=", ACT_X_NE},
               {"<", ACT_X_LT},  {">", ACT_X_GT}};
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (eat(p, ops[i].tok)) return node(p, ops[i].op, a, parse_sum(p), -1);
    return a;
}

static int parse_and(parser *p) {
    int a = parse_cmp(p);
    while (eat(p, "&&")) a = node(p, ACT_X_AND, a, parse_cmp(p), -1);
    return a;
}

static int parse_or(parser *p) {
    int a = parse_and(p);
    while (eat(p, "||")) a = node(p, ACT_X_OR, a, parse_and(p), -1);
    return a;
}

static int parse_expr(parser *p) {
    if (++p->depth > 64) {
        fail(p, "nested too deeply");
        return 0;
    }
    int c = parse_or(p);
    if (eat(p, "?")) {
        int a = parse_expr(p);
        if (!eat(p, ":")) fail(p, "expected ':'");
        int b = parse_expr(p);
        c = node(p, ACT_X_COND, c, a, b);
    }
    p->depth--;
    return c;
}

act_status act_expr_parse(act_expr *e, const char *src, const char *const *vars, char *err,
                          size_t errlen) {
    char dummy[8];
    if (!err || !errlen) {
        err = dummy;
        errlen = sizeof dummy;
    }
    memset(e, 0, sizeof *e);
    for (int i = 0; vars && vars[i]; i++) {
        if (i >= ACT_EXPR_MAX_VARS || strlen(vars[i]) >= sizeof e->vars[0]) {
            snprintf(err, errlen, "expression: too many or too long variable names");
            return ACT_E_SYNTAX;
        }
        strcpy(e->vars[i], vars[i]);
        e->nvars = i + 1;
    }
    parser p = {e, src, src, err, errlen, 0, 0};
    e->root = parse_expr(&p);
    ws(&p);
    if (!p.failed && *p.s) fail(&p, "unexpected text");
    if (!p.failed && e->n == 0) fail(&p, "empty");
    return p.failed ? ACT_E_SYNTAX : ACT_OK;
}

static double call(int f, double a, double b) {
    switch ((act_xfunc)f) {
    case ACT_XF_EXP: return exp(a);
    case ACT_XF_EXPM1: return expm1(a);
    case ACT_XF_LOG: return log(a);
    case ACT_XF_LOG1P: return log1p(a);
    case ACT_XF_SQRT: return sqrt(a);
    case ACT_XF_SIN: return sin(a);
    case ACT_XF_COS: return cos(a);
    case ACT_XF_TAN: return tan(a);
    case ACT_XF_ATAN: return atan(a);
    case ACT_XF_TANH: return tanh(a);
    case ACT_XF_SINH: return sinh(a);
    case ACT_XF_COSH: return cosh(a);
    case ACT_XF_ERF: return erf(a);
    case ACT_XF_ERFC: return erfc(a);
    case ACT_XF_ABS: return fabs(a);
    case ACT_XF_SIGN: return a > 0 ? 1.0 : (a < 0 ? -1.0 : (isnan(a) ? a : 0.0));
    case ACT_XF_FLOOR: return floor(a);
    case ACT_XF_MIN: return fmin(a, b);
    case ACT_XF_MAX: return fmax(a, b);
    case ACT_XF_COUNT: break;
    }
    return NAN;
}

static double eval(const act_expr *e, int i, const double *v) {
    const act_xnode *n = &e->node[i];
    switch (n->op) {
    case ACT_X_NUM: return n->num;
    case ACT_X_VAR: return v[n->var];
    case ACT_X_NEG: return -eval(e, n->a, v);
    case ACT_X_ADD: return eval(e, n->a, v) + eval(e, n->b, v);
    case ACT_X_SUB: return eval(e, n->a, v) - eval(e, n->b, v);
    case ACT_X_MUL: return eval(e, n->a, v) * eval(e, n->b, v);
    case ACT_X_DIV: return eval(e, n->a, v) / eval(e, n->b, v);
    case ACT_X_POW: return pow(eval(e, n->a, v), eval(e, n->b, v));
    case ACT_X_LT: return eval(e, n->a, v) < eval(e, n->b, v);
    case ACT_X_LE: return eval(e, n->a, v) <= eval(e, n->b, v);
    case ACT_X_GT: return eval(e, n->a, v) > eval(e, n->b, v);
    case ACT_X_GE: return eval(e, n->a, v) >= eval(e, n->b, v);
    case ACT_X_EQ: return eval(e, n->a, v) == eval(e, n->b, v);
    case ACT_X_NE: return eval(e, n->a, v) != eval(e, n->b, v);
    case ACT_X_AND: return eval(e, n->a, v) != 0 && eval(e, n->b, v) != 0;
    case ACT_X_OR: return eval(e, n->a, v) != 0 || eval(e, n->b, v) != 0;
    case ACT_X_COND: return eval(e, n->a, v) != 0 ? eval(e, n->b, v) : eval(e, n->c, v);
    case ACT_X_CALL: return call(n->var, eval(e, n->a, v), n->b >= 0 ? eval(e, n->b, v) : 0);
    case ACT_X_COUNT: break;
    }
    return NAN;
}

double act_expr_eval(const act_expr *e, const double *vals) { return eval(e, e->root, vals); }
