/*
 * props.c - properties computed from a function's double reference.
 *
 * Nothing here reads the declared properties: every answer comes from probing
 * f and f' (the tests then compare it with the documented truth). The method,
 * in short:
 *   - samples: a grid on [-L, L] (L >= 16 and beyond every breakpoint, at
 *     most 1e6), step 1/256 within 16 of 0 and of every breakpoint and 16
 *     between, geometric tails out to +-1e300, and +-inf;
 *   - range, bounds, sup |f'|: extremes over the samples (limits at +-inf);
 *   - monotone: f' of one sign everywhere and no backward step of f;
 *   - kinks and jumps: every grid interval whose end values of f or f' differ
 *     is bisected; a difference that halves with the width is smoothness, one
 *     that survives 40 halvings is a jump of f (discontinuity) or of f' (kink);
 *   - C1 vs C2: one-sided second derivatives at the breakpoints and at 0;
 *   - saturation (Gulcehre et al. 2016): on each side, f' -> 0 (soft), or f'
 *     exactly 0 beyond a finite c where it was not merely underflowing (hard);
 *   - polynomial (Leshno et al.): some finite difference of order <= 8 vanishes.
 */
#include "fn.h"

#include <string.h>

typedef struct {
    const act_desc *d;
    const double *p;
} probe;

static double F(const probe *pr, double x) { return pr->d->f(x, pr->p); }
static double DF(const probe *pr, double x) { return pr->d->df(x, pr->p); }

static int close_rel(double a, double b, double tol) {
    if (a == b) return 1;
    if (isnan(a) || isnan(b)) return isnan(a) && isnan(b);
    return fabs(a - b) <= tol * (fabs(a) + fabs(b) + 1e-300);
}

/* Looks for a jump of f inside [a, b]. Each step keeps the half where f
   departs most from its tangent at the half's midpoint; that departure
   shrinks like w^3 for a smooth f, stays at the jump's size for a jump (even
   the 2e-9 step of softplus at its threshold, next to a slope of 1), and
   shrinks like sqrt(w) at an infinite slope (sqrt at 0), which is continuous.
   Returns 0 (no jump) or the jump's direction (+1 up, -1 down). */
static int jump_f(const probe *pr, double a, double b, double *where) {
    double fa = F(pr, a), fb = F(pr, b), j50 = 0;
    for (int it = 0; it < 60; it++) {
        double m = 0.5 * (a + b);
        if (m <= a || m >= b) break;
        double fm = F(pr, m);
        if (!isfinite(fm)) return 0;
        double dl = fabs((fm - fa) - DF(pr, 0.5 * (a + m)) * (m - a));
        double dr = fabs((fb - fm) - DF(pr, 0.5 * (m + b)) * (b - m));
        double tol = 1e-13 * (1 + fabs(fa) + fabs(fb));
        if (!(dl > tol) && !(dr > tol)) return 0; /* smooth here (NaN slopes too) */
        if (dl >= dr || isnan(dr)) {
            b = m;
            fb = fm;
        } else {
            a = m;
            fa = fm;
        }
        if (it == 50) j50 = fabs(fb - fa);
    }
    double j = fabs(fb - fa);
    if (j < 0.5 * j50 || !(j > 1e-13 * (1 + fabs(fa) + fabs(fb)))) return 0;
    *where = 0.5 * (a + b);
    return fb > fa ? 1 : -1;
}

/* Looks for a jump of f' inside [a, b] (a kink): bisects towards the larger
   change of f'; a change that halves with the width is smoothness. */
static int jump_df(const probe *pr, double a, double b, double *where) {
    double ga = DF(pr, a), gb = DF(pr, b);
    double j0 = fabs(gb - ga);
    if (!(j0 > 0) || !isfinite(j0)) return 0;
    for (int it = 0; it < 60; it++) {
        double m = 0.5 * (a + b);
        if (m <= a || m >= b) break;
        double gm = DF(pr, m);
        if (!isfinite(gm)) return 0;
        if (fabs(gm - ga) >= fabs(gb - gm)) {
            b = m;
            gb = gm;
        } else {
            a = m;
            ga = gm;
        }
        double j = fabs(gb - ga);
        if (it >= 3 && j < j0 * ldexp(1.0, -(it - 1))) return 0;
        if (j < 1e-300) return 0;
    }
    if (fabs(gb - ga) > 1e-7 * (1.0 + fabs(ga) + fabs(gb))) {
        *where = 0.5 * (a + b);
        return 1;
    }
    return 0;
}

static void add_kink(act_props *o, double x, const double *brk, int nbrk) {
    for (int i = 0; i < nbrk; i++)
        if (fabs(brk[i] - x) <= 1e-9 * (1 + fabs(x))) x = brk[i];
    double snapped = nearbyint(x * 1048576.0) / 1048576.0;
    if (fabs(snapped - x) <= 1e-10 * (1 + fabs(x))) x = snapped;
    if (x == 0) x = 0; /* no -0 */
    for (int i = 0; i < o->n_kinks; i++)
        if (fabs(o->kinks[i] - x) <= 1e-6 * (1 + fabs(x))) return;
    if (o->n_kinks < ACT_MAX_KINKS) {
        int i = o->n_kinks++;
        while (i > 0 && o->kinks[i - 1] > x) {
            o->kinks[i] = o->kinks[i - 1];
            i--;
        }
        o->kinks[i] = x;
    } else {
        o->kinks_truncated = 1;
    }
}

/* Saturation on one side (s = +1 right, -1 left). Beyond 2^52 every double
   is an integer, so only |x| < 2^50 can show where f' stops being zero. */
static act_saturation saturation(const probe *pr, double s, double sup_df) {
    /* walk outward from 0 on a geometric grid; remember the last f' != 0 */
    double last_nonzero_mag = -1, last_nonzero_df = 0, mid_max = 0, far_max = 0;
    int any = 0;
    for (double t = 1.0 / 256; t < 1e300; t *= 1.03) {
        double d = DF(pr, s * t);
        if (isnan(d)) continue;
        any = 1;
        if (d != 0 && t < 0x1p50) {
            last_nonzero_mag = t;
            last_nonzero_df = fabs(d);
        }
        if (t >= 0x1p40 && t < 0x1p50 && fabs(d) > mid_max) mid_max = fabs(d);
        if (t > 1e100 && fabs(d) > far_max) far_max = fabs(d);
    }
    if (!any) return ACT_SAT_NONE;
    if (last_nonzero_mag < 0) return ACT_SAT_HARD; /* f' = 0 on the whole side */
    if (last_nonzero_mag < 0x1p49 && last_nonzero_df > 1e-200) return ACT_SAT_HARD;
    /* soft: f' has decayed by 2^40 and vanishes far out */
    return mid_max <= 1e-6 * fmax(sup_df, 1e-300) && far_max < 1e-50 ? ACT_SAT_SOFT : ACT_SAT_NONE;
}

static int is_polynomial(const probe *pr) {
    /* sample points spanning the real line at two spacings */
    double xs[96];
    int n = 0;
    for (int i = -24; i <= 24; i++)
        xs[n++] = i * 0.5;
    for (int i = 0; i < 33 && n < 96; i++)
        xs[n++] = 16.0 + 4.0 * i;
    double fx[96];
    for (int i = 0; i < n; i++) {
        fx[i] = F(pr, xs[i]);
        if (!isfinite(fx[i])) return 0;
    }
    /* uniform runs: [0, 49) step 0.5 and [49, 82) step 4 */
    static const int runs[2][2] = {{0, 49}, {49, 82}};
    for (int deg = 0; deg <= 8; deg++) {
        int vanishes = 1;
        for (int r = 0; r < 2 && vanishes; r++) {
            int lo = runs[r][0], hi = runs[r][1];
            double diff[96], scale = 0;
            int m = hi - lo;
            for (int i = 0; i < m; i++) {
                diff[i] = fx[lo + i];
                if (fabs(diff[i]) > scale) scale = fabs(diff[i]);
            }
            for (int k = 0; k <= deg; k++) {
                for (int i = 0; i + 1 < m - k; i++)
                    diff[i] = diff[i + 1] - diff[i];
            }
            /* deg+1 differences taken: all must vanish */
            for (int i = 0; i < m - deg - 1; i++)
                if (fabs(diff[i]) > 1e-9 * (scale + 1e-300) * ldexp(1.0, deg + 1)) vanishes = 0;
        }
        if (vanishes) return 1;
    }
    return 0;
}

/* whether x lies within 16 of 0 or of a breakpoint: the dense part of the grid */
static int grid_fine(double x, const double *brk, int nbrk) {
    if (fabs(x) <= 16) return 1;
    for (int i = 0; i < nbrk; i++)
        if (fabs(x - brk[i]) <= 16) return 1;
    return 0;
}

act_status act_properties(const act_fn *fn, act_props *o) {
    const act_desc *d = act_describe(fn->id);
    memset(o, 0, sizeof *o);
    if (d->kind != ACT_KIND_ELEMENTWISE) return ACT_E_KIND;
    probe pr = {d, fn->p};

    double brk[16];
    int nbrk = d->breaks ? d->breaks(fn->p, brk, 16) : 0;
    if (nbrk > 16) nbrk = 16;
    double L = 16;
    for (int i = 0; i < nbrk; i++)
        if (isfinite(brk[i]) && 2 * fabs(brk[i]) + 16 > L) L = 2 * fabs(brk[i]) + 16;
    if (L > 1e6) L = 1e6;

    /* ---- samples: dense grid, tails, infinities ---- */
    const double h = 1.0 / 256;
    double inf = INFINITY, sup = -INFINITY, sup_df = 0;
    int all_df_nonneg = 1, all_df_nonpos = 1, f_up = 1, f_down = 1, locally_bounded = 1;
    double prev_f = NAN;
    int any_domain_gap = 0;

    /* the tails and infinities, both sides */
    for (int side = -1; side <= 1; side += 2) {
        for (double t = 1e-300; t < 1e300; t *= 4) {
            double x = side * t, fx = F(&pr, x), dfx = DF(&pr, x);
            if (isnan(fx)) {
                any_domain_gap = 1;
                continue;
            }
            if (fx < inf) inf = fx;
            if (fx > sup) sup = fx;
            if (isfinite(dfx) && fabs(dfx) > sup_df) sup_df = fabs(dfx);
            if (isinf(dfx)) sup_df = INFINITY;
            if (dfx < 0) all_df_nonneg = 0;
            if (dfx > 0) all_df_nonpos = 0;
        }
        double fi = F(&pr, side * INFINITY);
        if (!isnan(fi)) {
            if (fi < inf) inf = fi;
            if (fi > sup) sup = fi;
        }
    }
    /* the tails' f must also be ordered: compare f at increasing x */
    {
        double xs[2048]; /* increasing */
        int n = 0;
        for (double t = 1e300; t > L && n < 1000; t /= 4)
            xs[n++] = -t;
        for (double t = L; t < 1e300 && n < 2040; t *= 4)
            xs[n++] = t;
        double pf = NAN;
        for (int i = 0; i < n; i++) {
            double fx = F(&pr, xs[i]);
            if (isnan(fx)) continue;
            if (!isnan(pf)) {
                double tol = 1e-12 * (fabs(fx) + fabs(pf));
                if (fx < pf - tol) f_up = 0;
                if (fx > pf + tol) f_down = 0;
            }
            pf = fx;
        }
    }

    /* the grid: step h within 16 of 0 and of every breakpoint, step 16 in
       between (so that a far breakpoint, clip's max = 1e30, costs windows
       of 8 Ki samples, not 2 L / h = 5e8 of them); every interval, fine or
       coarse, is searched for jumps of f and f' by bisection below */
    double prev_x = NAN, prev_df = NAN;
    for (double x = -L, next; x <= L; x = next) {
        next = x + (grid_fine(x, brk, nbrk) || grid_fine(x + 16, brk, nbrk) ? h : 16);
        double fx = F(&pr, x), dfx = DF(&pr, x);
        if (isnan(fx)) {
            any_domain_gap = 1;
            prev_f = NAN;
            continue;
        }
        if (isinf(fx)) locally_bounded = 0;
        if (fx < inf) inf = fx;
        if (fx > sup) sup = fx;
        if (isinf(dfx))
            sup_df = INFINITY;
        else if (fabs(dfx) > sup_df)
            sup_df = fabs(dfx);
        if (dfx < 0) all_df_nonneg = 0;
        if (dfx > 0) all_df_nonpos = 0;
        if (!isnan(prev_f)) {
            double tol = 1e-12 * (fabs(fx) + fabs(prev_f));
            if (fx < prev_f - tol) f_up = 0;
            if (fx > prev_f + tol) f_down = 0;
            /* jumps of f or f' inside (prev_x, x] */
            double where;
            int dir = close_rel(fx, prev_f, 0) ? 0 : jump_f(&pr, prev_x, x, &where);
            if (dir) {
                add_kink(o, where, brk, nbrk);
                o->smoothness = -2; /* marker: discontinuity seen */
                if (dir < 0)
                    f_up = 0;
                else
                    f_down = 0;
            } else if (!close_rel(dfx, prev_df, 0) && isfinite(dfx) && isfinite(prev_df) &&
                       jump_df(&pr, prev_x, x, &where)) {
                add_kink(o, where, brk, nbrk);
            }
        }
        prev_f = fx;
        prev_x = x;
        prev_df = dfx;
    }
    /* sup |f'| may be approached at a breakpoint without being attained there */
    for (int i = 0; i < nbrk; i++)
        for (int side = -1; side <= 1; side += 2) {
            double dd = DF(&pr, nextafter(brk[i], side * INFINITY));
            if (isinf(dd))
                sup_df = INFINITY;
            else if (fabs(dd) > sup_df)
                sup_df = fabs(dd);
        }
    /* f' blowing up inside the domain (sqrt at 0) counts as non-differentiable */
    for (int i = 0; i < nbrk; i++) {
        double df0 = DF(&pr, brk[i]);
        if (isinf(df0) || (isnan(df0) && !isnan(F(&pr, brk[i])))) add_kink(o, brk[i], brk, nbrk);
    }

    int discontinuous = o->smoothness == -2;
    if (discontinuous)
        o->smoothness = ACT_SMOOTH_DISCONTINUOUS;
    else if (o->n_kinks > 0)
        o->smoothness = ACT_SMOOTH_C0;
    else {
        /* C1 or C2: one-sided second derivatives at the breakpoints and at 0 */
        double cand[17];
        int nc = 0;
        cand[nc++] = 0;
        for (int i = 0; i < nbrk; i++)
            cand[nc++] = brk[i];
        o->smoothness = ACT_SMOOTH_C2;
        for (int i = 0; i < nc; i++) {
            double c = cand[i];
            /* a jump of f'' keeps |R - L| as h shrinks; smoothness shrinks it with h */
            double gap[2], dc = DF(&pr, c), lr = 0;
            for (int k = 0; k < 2; k++) {
                double hh = k ? 1e-6 : 1e-5;
                double l = (dc - DF(&pr, c - hh)) / hh, r = (DF(&pr, c + hh) - dc) / hh;
                gap[k] = fabs(r - l);
                lr = fabs(l) + fabs(r);
            }
            if (gap[1] > 1e-3 * (1 + lr) && gap[1] > 0.5 * gap[0]) o->smoothness = ACT_SMOOTH_C1;
        }
    }

    o->inf = inf + 0.0; /* no -0 */
    o->sup = sup + 0.0;
    o->bounded_below = isfinite(inf);
    o->bounded_above = isfinite(sup);
    int constant = inf == sup;
    if (constant)
        o->monotone = ACT_MONO_INCREASING;
    else if (all_df_nonneg && f_up)
        o->monotone = ACT_MONO_INCREASING;
    else if (all_df_nonpos && f_down)
        o->monotone = ACT_MONO_DECREASING;
    else
        o->monotone = ACT_MONO_NONE;
    double f0 = F(&pr, 0.0);
    o->zero_centred = f0 == 0;

    /* symmetry over the grid and tails */
    int odd = 1, even = 1, tested = 0;
    for (double t = 1.0 / 64; t < 1e30; t *= 1.37) {
        double a = F(&pr, t), b = F(&pr, -t);
        if (isnan(a) || isnan(b)) {
            odd = even = 0;
            break;
        }
        tested = 1;
        if (!close_rel(a, -b, 1e-12)) odd = 0;
        if (!close_rel(a, b, 1e-12)) even = 0;
    }
    if (!close_rel(f0, 0, 0)) odd = 0;
    o->symmetry = !tested ? ACT_SYM_NONE : odd ? ACT_SYM_ODD : even ? ACT_SYM_EVEN : ACT_SYM_NONE;

    o->sup_df = sup_df > 1e100 ? INFINITY : sup_df;
    o->sat_left = saturation(&pr, -1, sup_df);
    o->sat_right = saturation(&pr, +1, sup_df);
    o->uat_article = !constant && o->bounded_below && o->bounded_above &&
                     o->monotone == ACT_MONO_INCREASING && !discontinuous && !any_domain_gap;
    o->uat_leshno = !any_domain_gap && locally_bounded && !is_polynomial(&pr);
    return ACT_OK;
}

const char *act_monotone_name(act_monotone m) {
    static const char *const n[] = {"no", "increasing", "decreasing"};
    return (unsigned)m < 3 ? n[m] : "?";
}
const char *act_symmetry_name(act_symmetry s) {
    static const char *const n[] = {"none", "odd", "even"};
    return (unsigned)s < 3 ? n[s] : "?";
}
const char *act_saturation_name(act_saturation s) {
    static const char *const n[] = {"none", "soft", "hard"};
    return (unsigned)s < 3 ? n[s] : "?";
}
const char *act_smoothness_name(int s) {
    switch (s) {
    case ACT_SMOOTH_DISCONTINUOUS: return "discontinuous";
    case ACT_SMOOTH_C0: return "C0";
    case ACT_SMOOTH_C1: return "C1";
    case ACT_SMOOTH_C2: return "C2+";
    }
    return "?";
}
