/*
 * test_derivative.c - every derivative against central finite differences
 * of the double reference, at random points away from the breakpoints, for
 * the default parameters and several other valid settings.
 */
#include "actlab.h"
#include "t.h"

#include <string.h>

static double urand(unsigned long long *s) {
    *s = *s * 6364136223846793005ull + 1442695040888963407ull;
    return (double)(*s >> 11) / 9007199254740992.0;
}

/* a random valid setting: each numeric parameter drawn inside its range
   (clipped to [-4, 4] around the default); up to 50 tries */
static int random_params(const act_desc *d, act_fn *fn, unsigned long long *s) {
    for (int tries = 0; tries < 50; tries++) {
        for (int i = 0; i < d->nparams; i++) {
            const act_param *pm = &d->params[i];
            double lo = fmax(pm->lo, pm->def - 4), hi = fmin(pm->hi, pm->def + 4);
            if (pm->flags & ACT_P_CHOICE)
                fn->p[i] = floor(urand(s) * 2);
            else if (pm->flags & ACT_P_INTEGER)
                fn->p[i] = floor(lo + urand(s) * (hi - lo + 1));
            else
                fn->p[i] = lo + urand(s) * (hi - lo);
        }
        char err[ACT_ERRLEN];
        if (act_validate(fn, err, sizeof err) == ACT_OK) return 1;
    }
    return 0;
}

int main(void) {
    unsigned long long seed = 42;
    for (int id = 0; id < ACT_COUNT; id++) {
        const act_desc *d = act_describe((act_id)id);
        if (d->kind != ACT_KIND_ELEMENTWISE) continue;
        for (int setting = 0; setting < 4; setting++) {
            act_fn fn;
            act_lookup(d->name, &fn);
            if (setting > 0 && (d->nparams == 0 || !random_params(d, &fn, &seed))) break;
            double br[16];
            int nb = d->breaks ? d->breaks(fn.p, br, 16) : 0;
            if (nb > 16) nb = 16;
            int bad = 0;
            for (int k = 0; k < 200; k++) {
                double x = d->plot_lo + (d->plot_hi - d->plot_lo) * urand(&seed);
                int near = 0;
                for (int i = 0; i < nb; i++)
                    if (fabs(x - br[i]) < 1e-4 * (1 + fabs(x))) near = 1;
                double f0 = act_f(&fn, x);
                if (near || !isfinite(f0)) continue;
                double h = 1e-6 * fmax(1, fabs(x));
                double fp = act_f(&fn, x + h), fm = act_f(&fn, x - h);
                if (!isfinite(fp) || !isfinite(fm)) continue;
                double fd = (fp - fm) / (2 * h), df = act_df(&fn, x);
                double scale = 1 + fabs(df) + fabs(f0) * 1e-3;
                if (!(fabs(fd - df) <= 2e-5 * scale) && bad++ < 3) {
                    char spec[200];
                    act_format(&fn, 0, spec, sizeof spec);
                    CHECKF(0, "%s at x=%.17g: f' = %.12g, finite difference %.12g", spec, x, df,
                           fd);
                }
            }
            t_checks++;
        }
    }
    return t_done("test_derivative");
}
