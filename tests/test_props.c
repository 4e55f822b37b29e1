/*
 * test_props.c - the properties the library computes from each function
 * agree with the documented truth in its descriptor (at default parameters).
 */
#include "actlab.h"
#include "t.h"

#include <string.h>

static int same(double a, double b) {
    if (isinf(a) || isinf(b)) return a == b;
    return fabs(a - b) <= 1e-6 * (1 + fabs(a) + fabs(b));
}

int main(void) {
    int n = 0;
    for (int id = 0; id < ACT_COUNT; id++) {
        const act_desc *d = act_describe((act_id)id);
        act_fn fn;
        CHECK(act_lookup(d->name, &fn) == ACT_OK);
        act_props p;
        if (d->kind != ACT_KIND_ELEMENTWISE) {
            CHECK(act_properties(&fn, &p) == ACT_E_KIND);
            continue;
        }
        n++;
        CHECK(act_properties(&fn, &p) == ACT_OK);
        const act_props *w = &d->declared;
        const char *nm = d->name;
        CHECKF(same(p.inf, w->inf) && same(p.sup, w->sup), "%s: range [%g, %g], declared [%g, %g]",
               nm, p.inf, p.sup, w->inf, w->sup);
        CHECKF(p.bounded_below == w->bounded_below && p.bounded_above == w->bounded_above,
               "%s: bounded %d/%d, declared %d/%d", nm, p.bounded_below, p.bounded_above,
               w->bounded_below, w->bounded_above);
        CHECKF(p.monotone == w->monotone, "%s: monotone %s, declared %s", nm,
               act_monotone_name(p.monotone), act_monotone_name(w->monotone));
        CHECKF(p.zero_centred == w->zero_centred, "%s: zero-centred %d, declared %d", nm,
               p.zero_centred, w->zero_centred);
        CHECKF(p.symmetry == w->symmetry, "%s: symmetry %s, declared %s", nm,
               act_symmetry_name(p.symmetry), act_symmetry_name(w->symmetry));
        CHECKF(p.smoothness == w->smoothness, "%s: smoothness %s, declared %s", nm,
               act_smoothness_name(p.smoothness), act_smoothness_name(w->smoothness));
        int kinks_ok = p.n_kinks == w->n_kinks;
        for (int i = 0; kinks_ok && i < p.n_kinks; i++)
            kinks_ok = same(p.kinks[i], w->kinks[i]);
        CHECKF(kinks_ok, "%s: %d non-differentiable points (first %g), declared %d (first %g)", nm,
               p.n_kinks, p.n_kinks ? p.kinks[0] : NAN, w->n_kinks, w->n_kinks ? w->kinks[0] : NAN);
        CHECKF(same(p.sup_df, w->sup_df), "%s: sup|f'| %.9g, declared %.9g", nm, p.sup_df,
               w->sup_df);
        CHECKF(p.sat_left == w->sat_left && p.sat_right == w->sat_right,
               "%s: saturation %s/%s, declared %s/%s", nm, act_saturation_name(p.sat_left),
               act_saturation_name(p.sat_right), act_saturation_name(w->sat_left),
               act_saturation_name(w->sat_right));
        CHECKF(p.uat_article == w->uat_article, "%s: UAT (article) %d, declared %d", nm,
               p.uat_article, w->uat_article);
        CHECKF(p.uat_leshno == w->uat_leshno, "%s: UAT (Leshno) %d, declared %d", nm, p.uat_leshno,
               w->uat_leshno);
    }
    CHECK(n > 0);
    /* properties follow the parameters: leaky relu is unbounded below and has
       no left saturation */
    act_fn fn;
    char err[ACT_ERRLEN];
    CHECK(act_parse("relu(negative_slope=0.1)", &fn, err, sizeof err) == ACT_OK);
    act_props p;
    CHECK(act_properties(&fn, &p) == ACT_OK);
    CHECK(!p.bounded_below && p.sat_left == ACT_SAT_NONE && p.n_kinks == 1 && p.kinks[0] == 0);
    /* a far breakpoint: the dense grid covers a window around it (the grid
       once ran uniformly out to it, 5e8 samples for a max of 1e6 or more:
       a fuzzer found clip(min=3, max=4.4e43) taking minutes) */
    CHECK(act_parse("clip(min=3, max=70000)", &fn, err, sizeof err) == ACT_OK);
    CHECK(act_properties(&fn, &p) == ACT_OK);
    CHECKF(p.n_kinks == 2 && p.kinks[0] == 3 && p.kinks[1] == 70000, "clip: %d kinks, at %g, %g",
           p.n_kinks, p.kinks[0], p.kinks[1]);
    CHECK(p.smoothness == ACT_SMOOTH_C0 && p.monotone == ACT_MONO_INCREASING && p.inf == 3 &&
          p.sup == 70000);
    CHECK(act_parse("clip(min=3, max=4.4e43)", &fn, err, sizeof err) == ACT_OK);
    CHECK(act_properties(&fn, &p) == ACT_OK);
    CHECK(p.n_kinks >= 1 && p.kinks[0] == 3);
    return t_done("test_props");
}
