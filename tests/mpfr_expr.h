/*
 * mpfr_expr.h - evaluates an act_expr in MPFR: the exact reference of the
 * accuracy tests. Literals are read from their decimal text, so "0.044715"
 * is the decimal number, not its double rounding. Evaluation is at a given
 * precision; callers raise the precision until two evaluations agree.
 */
#ifndef ACT_MPFR_EXPR_H
#define ACT_MPFR_EXPR_H

#include "actlab.h"

#include <mpfr.h>
#include <string.h>

static void mx_eval(const act_expr *e, int i, const mpfr_t *vals, mpfr_t out, mpfr_prec_t prec);

static int mx_truth(const act_expr *e, int i, const mpfr_t *vals, mpfr_prec_t prec) {
    mpfr_t t;
    mpfr_init2(t, prec);
    mx_eval(e, i, vals, t, prec);
    int r = !mpfr_nan_p(t) && !mpfr_zero_p(t);
    mpfr_clear(t);
    return r;
}

static void mx_eval(const act_expr *e, int i, const mpfr_t *vals, mpfr_t out, mpfr_prec_t prec) {
    const act_xnode *n = &e->node[i];
    mpfr_t a, b;
    const mpfr_rnd_t R = MPFR_RNDN;
    switch (n->op) {
    case ACT_X_NUM:
        if (n->text_len == 2 && !strncmp(n->text, "pi", 2))
            mpfr_const_pi(out, R);
        else if (n->text_len == 3 && !strncmp(n->text, "inf", 3))
            mpfr_set_inf(out, 1);
        else {
            char buf[64];
            int l = n->text_len < 63 ? n->text_len : 63;
            memcpy(buf, n->text, (size_t)l);
            buf[l] = 0;
            mpfr_set_str(out, buf, 10, R);
        }
        return;
    case ACT_X_VAR: mpfr_set(out, vals[n->var], R); return;
    case ACT_X_COND:
        if (mx_truth(e, n->a, vals, prec))
            mx_eval(e, n->b, vals, out, prec);
        else
            mx_eval(e, n->c, vals, out, prec);
        return;
    case ACT_X_AND:
        mpfr_set_ui(out, mx_truth(e, n->a, vals, prec) && mx_truth(e, n->b, vals, prec), R);
        return;
    case ACT_X_OR:
        mpfr_set_ui(out, mx_truth(e, n->a, vals, prec) || mx_truth(e, n->b, vals, prec), R);
        return;
    default: break;
    }
    mpfr_init2(a, prec);
    mpfr_init2(b, prec);
    if (n->a >= 0) mx_eval(e, n->a, vals, a, prec);
    if (n->b >= 0) mx_eval(e, n->b, vals, b, prec);
    switch (n->op) {
    case ACT_X_NEG: mpfr_neg(out, a, R); break;
    case ACT_X_ADD: mpfr_add(out, a, b, R); break;
    case ACT_X_SUB: mpfr_sub(out, a, b, R); break;
    case ACT_X_MUL: mpfr_mul(out, a, b, R); break;
    case ACT_X_DIV: mpfr_div(out, a, b, R); break;
    case ACT_X_POW: mpfr_pow(out, a, b, R); break;
    case ACT_X_LT: mpfr_set_ui(out, mpfr_less_p(a, b), R); break;
    case ACT_X_LE: mpfr_set_ui(out, mpfr_lessequal_p(a, b), R); break;
    case ACT_X_GT: mpfr_set_ui(out, mpfr_greater_p(a, b), R); break;
    case ACT_X_GE: mpfr_set_ui(out, mpfr_greaterequal_p(a, b), R); break;
    case ACT_X_EQ: mpfr_set_ui(out, mpfr_equal_p(a, b), R); break;
    case ACT_X_NE: mpfr_set_ui(out, !mpfr_equal_p(a, b) && !mpfr_unordered_p(a, b), R); break;
    case ACT_X_CALL:
        switch ((act_xfunc)n->var) {
        case ACT_XF_EXP: mpfr_exp(out, a, R); break;
        case ACT_XF_EXPM1: mpfr_expm1(out, a, R); break;
        case ACT_XF_LOG: mpfr_log(out, a, R); break;
        case ACT_XF_LOG1P: mpfr_log1p(out, a, R); break;
        case ACT_XF_SQRT: mpfr_sqrt(out, a, R); break;
        case ACT_XF_SIN: mpfr_sin(out, a, R); break;
        case ACT_XF_COS: mpfr_cos(out, a, R); break;
        case ACT_XF_TAN: mpfr_tan(out, a, R); break;
        case ACT_XF_ATAN: mpfr_atan(out, a, R); break;
        case ACT_XF_TANH: mpfr_tanh(out, a, R); break;
        case ACT_XF_SINH: mpfr_sinh(out, a, R); break;
        case ACT_XF_COSH: mpfr_cosh(out, a, R); break;
        case ACT_XF_ERF: mpfr_erf(out, a, R); break;
        case ACT_XF_ERFC: mpfr_erfc(out, a, R); break;
        case ACT_XF_ABS: mpfr_abs(out, a, R); break;
        case ACT_XF_SIGN:
            if (mpfr_nan_p(a))
                mpfr_set_nan(out);
            else
                mpfr_set_si(out, mpfr_sgn(a), R);
            break;
        case ACT_XF_FLOOR: mpfr_floor(out, a); break;
        case ACT_XF_MIN: mpfr_min(out, a, b, R); break;
        case ACT_XF_MAX: mpfr_max(out, a, b, R); break;
        case ACT_XF_COUNT: mpfr_set_nan(out); break;
        }
        break;
    default: mpfr_set_nan(out); break;
    }
    mpfr_clear(a);
    mpfr_clear(b);
}

/* Evaluates e at x with parameters p (vars = x, then the parameter names),
   raising the precision until two evaluations agree to 2^-80 relative.
   out must have been initialised with at least 128 bits. */
static void mx_exact(const act_expr *e, double x, const double *p, int np, mpfr_t out) {
    mpfr_prec_t precs[] = {192, 384, 1024, 4096};
    mpfr_t vals[ACT_EXPR_MAX_VARS], prev, cur;
    mpfr_init2(prev, 4096);
    mpfr_init2(cur, 4096);
    for (int k = 0; k < 4; k++) {
        mpfr_prec_t pr = precs[k];
        for (int i = 0; i <= np; i++) {
            mpfr_init2(vals[i], 64);
            mpfr_set_d(vals[i], i == 0 ? x : p[i - 1], MPFR_RNDN);
        }
        mpfr_set_prec(cur, pr);
        mx_eval(e, e->root, (const mpfr_t *)vals, cur, pr);
        for (int i = 0; i <= np; i++)
            mpfr_clear(vals[i]);
        if (k > 0) {
            int agree;
            if (mpfr_nan_p(cur) || mpfr_nan_p(prev))
                agree = mpfr_nan_p(cur) && mpfr_nan_p(prev);
            else if (mpfr_inf_p(cur) || mpfr_zero_p(cur))
                agree = mpfr_equal_p(cur, prev);
            else {
                mpfr_t d;
                mpfr_init2(d, 64);
                mpfr_sub(d, cur, prev, MPFR_RNDN);
                mpfr_div(d, d, cur, MPFR_RNDN);
                mpfr_abs(d, d, MPFR_RNDN);
                agree = mpfr_cmp_ui_2exp(d, 1, -80) <= 0;
                mpfr_clear(d);
            }
            if (agree) break;
        }
        mpfr_set_prec(prev, pr);
        mpfr_set(prev, cur, MPFR_RNDN);
    }
    mpfr_set_prec(out, mpfr_get_prec(cur));
    mpfr_set(out, cur, MPFR_RNDN);
    mpfr_clear(prev);
    mpfr_clear(cur);
}

#endif
