/*
 * shapeset.c - Shapeset-3x2 after Glorot & Bengio 2010, section 2.1: grey
 * images holding 1 or 2 objects from {triangle, parallelogram, ellipse} with
 * random shape parameters, scale, rotation, translation and grey level; the
 * second object overlaps the first by at most 50% of its area; the target is
 * the unordered set of categories present, 9 classes.
 *
 * Our choices where the paper leaves them open (the original generator lived
 * on the LISA wiki):
 *   - classes, drawn uniformly (so balanced): 0 triangle, 1 parallelogram,
 *     2 ellipse, 3 tt, 4 tp, 5 te, 6 pp, 7 pe, 8 ee; a pair is drawn in random
 *     order (either may be the one behind);
 *   - scale: the object's circumradius R is uniform in [0.15, 0.30] x size, so
 *     one object covers at most 28% of the image and the background is always
 *     the most frequent grey level;
 *   - rotation uniform in [0, 2 pi); translation uniform over the positions
 *     that keep the object inside the image;
 *   - triangle: vertices at angles 0, 2pi/3, 4pi/3 each jittered by up to
 *     +-0.5 rad, at radii uniform in [0.6, 1] x R;
 *     parallelogram: sides u = (1, 0) and v = a (cos phi, sin phi), a uniform
 *     in [0.4, 1], phi in [pi/4, 3pi/4], scaled so its farthest corner is at R;
 *     ellipse: semi-axes R and b R, b uniform in [0.4, 1];
 *   - an object must cover at least size^2/64 pixels (16 at 32x32), else it is
 *     redrawn; overlap is measured in pixels and must be at most half of the
 *     smaller object (so at most half of either), else the second object is
 *     redrawn;
 *   - grey levels uniform in [0, 1]; each object differs from the background
 *     and from the other object by at least 0.2;
 *   - rasterised by point-in-polygon (crossing number) and point-in-ellipse
 *     tests at pixel centres, no anti-aliasing; the second object is drawn
 *     over the first.
 */
#include "data_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { TRIANGLE, PARALLELOGRAM, ELLIPSE };

typedef struct {
    int kind;
    double cx, cy, rot, R;
    double px[4], py[4]; /* polygon vertices in pixel coordinates */
    int nv;
    double b;            /* ellipse: minor semi-axis over major */
} shape;

static double unif(trn_rng *r, double lo, double hi) {
    return lo + (hi - lo) * trn_rng_uniform(r);
}

/* crossing-number test (W. R. Franklin's pnpoly) */
static int in_polygon(const shape *s, double x, double y) {
    int c = 0;
    for (int i = 0, j = s->nv - 1; i < s->nv; j = i++)
        if ((s->py[i] > y) != (s->py[j] > y) &&
            x < (s->px[j] - s->px[i]) * (y - s->py[i]) / (s->py[j] - s->py[i]) + s->px[i])
            c = !c;
    return c;
}

static int in_shape(const shape *s, double x, double y) {
    if (s->kind != ELLIPSE) return in_polygon(s, x, y);
    double dx = x - s->cx, dy = y - s->cy, c = cos(s->rot), sn = sin(s->rot);
    double lx = (dx * c + dy * sn) / s->R, ly = (-dx * sn + dy * c) / (s->R * s->b);
    return lx * lx + ly * ly <= 1;
}

/* Draws a shape of `kind` and rasterises it into mask (size*size); returns
   its area in pixels. */
static size_t draw(trn_rng *r, int kind, size_t size, unsigned char *mask, shape *s) {
    double S = (double)size;
    memset(s, 0, sizeof *s);
    s->kind = kind;
    s->R = unif(r, 0.15, 0.30) * S;
    s->rot = unif(r, 0, 2 * M_PI);
    double lx[4], ly[4]; /* local vertices, unit circumradius */
    if (kind == TRIANGLE) {
        s->nv = 3;
        for (int i = 0; i < 3; i++) {
            double a = 2 * M_PI * i / 3 + unif(r, -0.5, 0.5), rad = unif(r, 0.6, 1.0);
            lx[i] = rad * cos(a);
            ly[i] = rad * sin(a);
        }
    } else if (kind == PARALLELOGRAM) {
        s->nv = 4;
        double a = unif(r, 0.4, 1.0), phi = unif(r, M_PI / 4, 3 * M_PI / 4);
        double vx = a * cos(phi), vy = a * sin(phi), m = 0;
        static const int su[4] = {-1, 1, 1, -1}, sv[4] = {-1, -1, 1, 1};
        for (int i = 0; i < 4; i++) {
            lx[i] = (su[i] + sv[i] * vx) / 2;
            ly[i] = sv[i] * vy / 2;
            m = fmax(m, hypot(lx[i], ly[i]));
        }
        for (int i = 0; i < 4; i++) {
            lx[i] /= m;
            ly[i] /= m;
        }
    } else {
        s->b = unif(r, 0.4, 1.0);
    }
    /* extent around the centre after rotation and scaling */
    double c = cos(s->rot), sn = sin(s->rot), x0, x1, y0, y1;
    if (kind == ELLIPSE) {
        double hx = s->R * sqrt(c * c + s->b * s->b * sn * sn);
        double hy = s->R * sqrt(sn * sn + s->b * s->b * c * c);
        x0 = -hx, x1 = hx, y0 = -hy, y1 = hy;
    } else {
        x0 = y0 = INFINITY;
        x1 = y1 = -INFINITY;
        for (int i = 0; i < s->nv; i++) {
            double rx = s->R * (lx[i] * c - ly[i] * sn), ry = s->R * (lx[i] * sn + ly[i] * c);
            lx[i] = rx;
            ly[i] = ry;
            x0 = fmin(x0, rx), x1 = fmax(x1, rx), y0 = fmin(y0, ry), y1 = fmax(y1, ry);
        }
    }
    s->cx = unif(r, -x0, S - x1);
    s->cy = unif(r, -y0, S - y1);
    for (int i = 0; i < s->nv; i++) {
        s->px[i] = s->cx + lx[i];
        s->py[i] = s->cy + ly[i];
    }
    size_t area = 0;
    memset(mask, 0, size * size);
    size_t r0 = (size_t)fmax(0, floor(s->cy + y0)), r1 = (size_t)fmin(S, ceil(s->cy + y1) + 1);
    size_t c0 = (size_t)fmax(0, floor(s->cx + x0)), c1 = (size_t)fmin(S, ceil(s->cx + x1) + 1);
    for (size_t i = r0; i < r1; i++)
        for (size_t j = c0; j < c1; j++)
            if (in_shape(s, (double)j + 0.5, (double)i + 0.5)) {
                mask[i * size + j] = 1;
                area++;
            }
    return area;
}

/* draws until the object covers at least min_area pixels */
static size_t draw_big(trn_rng *r, int kind, size_t size, unsigned char *mask, shape *s) {
    size_t min_area = size * size / 64, a;
    while ((a = draw(r, kind, size, mask, s)) < min_area) {
    }
    return a;
}

static const int pairs[6][2] = {{TRIANGLE, TRIANGLE},           {TRIANGLE, PARALLELOGRAM},
                                {TRIANGLE, ELLIPSE},            {PARALLELOGRAM, PARALLELOGRAM},
                                {PARALLELOGRAM, ELLIPSE},       {ELLIPSE, ELLIPSE}};

trn_status trn_dat_shapeset(size_t n, size_t size, trn_rng *r, trn_data *out, char *err,
                            size_t errlen) {
    trn_status st = trn_dat_alloc(out, n, size * size, 9, 0, "shapeset", err, errlen);
    if (st) return st;
    out->rows = out->cols = size;
    size_t np = size * size;
    unsigned char *m1 = malloc(np), *m2 = malloc(np);
    if (!m1 || !m2) {
        free(m1);
        free(m2);
        trn_data_free(out);
        trn_dat_err(err, errlen, "shapeset: out of memory");
        return TRN_E_NOMEM;
    }
    for (size_t k = 0; k < n; k++) {
        int cls = (int)trn_rng_below(r, 9), two = cls >= 3, ka = cls, kb = -1;
        if (two) {
            int sw = (int)trn_rng_below(r, 2);
            ka = pairs[cls - 3][sw];
            kb = pairs[cls - 3][!sw];
        }
        shape s1, s2;
        size_t a1 = draw_big(r, ka, size, m1, &s1);
        if (two) {
            for (int tries = 0;; tries++) {
                if (tries == 100) { /* a first object that leaves no room: start over */
                    a1 = draw_big(r, ka, size, m1, &s1);
                    tries = 0;
                }
                size_t a2 = draw_big(r, kb, size, m2, &s2), inter = 0;
                for (size_t i = 0; i < np; i++) inter += m1[i] & m2[i];
                if (2 * inter <= (a1 < a2 ? a1 : a2)) break;
            }
        }
        double bg = trn_rng_uniform(r), g1, g2 = 0;
        do g1 = trn_rng_uniform(r);
        while (fabs(g1 - bg) < 0.2);
        if (two) {
            do g2 = trn_rng_uniform(r);
            while (fabs(g2 - bg) < 0.2 || fabs(g2 - g1) < 0.2);
        }
        float *x = out->x + k * np;
        for (size_t i = 0; i < np; i++)
            x[i] = (float)(two && m2[i] ? g2 : m1[i] ? g1 : bg);
        out->label[k] = cls;
    }
    free(m1);
    free(m2);
    return TRN_OK;
}
