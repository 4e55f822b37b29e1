/*
 * plot.c - see plot.h. Layout: title on top, y label rotated on the left, x
 * label below, legend inside the plot area's upper-left or outside on the
 * right when there are many series.
 */
#include "plot/plot.h"

#include <cairo.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef enum { S_LINE, S_POINTS, S_BARS } series_kind;

typedef struct {
    series_kind kind;
    double *x, *y, *y2;
    int *cols;
    size_t n;
    char label[96];
    int colour, style;
    double radius;
} series;

struct plt_figure {
    int w, h;
    char title[160], xlabel[96], ylabel[96], note[256];
    int logx, logy;
    double fx0, fx1, fy0, fy1; /* fixed ranges (NAN: automatic) */
    series *s;
    size_t ns, cap;
    int next_colour;
    double *img;
    int inx, iny;
    double ix0, ix1, iy0, iy1;
};

static const unsigned palette[] = {0x1f77b4, 0xd62728, 0x2ca02c, 0xff7f0e, 0x9467bd,
                                   0x8c564b, 0xe377c2, 0x17becf, 0x7f7f7f, 0xbcbd22};
#define NPAL (int)(sizeof palette / sizeof palette[0])

unsigned plt_colour(int i) { return palette[((i % NPAL) + NPAL) % NPAL]; }

static void copy_str(char *dst, size_t n, const char *src) {
    snprintf(dst, n, "%s", src ? src : "");
}

plt_figure *plt_new(int width, int height, const char *title, const char *xlabel,
                    const char *ylabel) {
    plt_figure *f = calloc(1, sizeof *f);
    if (!f) return NULL;
    f->w = width;
    f->h = height;
    copy_str(f->title, sizeof f->title, title);
    copy_str(f->xlabel, sizeof f->xlabel, xlabel);
    copy_str(f->ylabel, sizeof f->ylabel, ylabel);
    f->fx0 = f->fx1 = f->fy0 = f->fy1 = NAN;
    return f;
}

void plt_free(plt_figure *f) {
    if (!f) return;
    for (size_t i = 0; i < f->ns; i++) {
        free(f->s[i].x);
        free(f->s[i].y);
        free(f->s[i].y2);
        free(f->s[i].cols);
    }
    free(f->s);
    free(f->img);
    free(f);
}

void plt_log_axes(plt_figure *f, int logx, int logy) {
    f->logx = logx;
    f->logy = logy;
}
void plt_xrange(plt_figure *f, double lo, double hi) {
    f->fx0 = lo;
    f->fx1 = hi;
}
void plt_yrange(plt_figure *f, double lo, double hi) {
    f->fy0 = lo;
    f->fy1 = hi;
}
void plt_note(plt_figure *f, const char *text) { copy_str(f->note, sizeof f->note, text); }

static series *add(plt_figure *f, series_kind k, size_t n, int colour) {
    if (f->ns == f->cap) {
        size_t cap = f->cap ? 2 * f->cap : 8;
        series *s = realloc(f->s, cap * sizeof *s);
        if (!s) return NULL;
        f->s = s;
        f->cap = cap;
    }
    series *s = &f->s[f->ns];
    memset(s, 0, sizeof *s);
    s->kind = k;
    s->n = n;
    s->x = malloc((n ? n : 1) * sizeof(double));
    s->y = malloc((n ? n : 1) * sizeof(double));
    if (!s->x || !s->y) {
        free(s->x);
        free(s->y);
        return NULL;
    }
    s->colour = colour >= 0 ? colour : f->next_colour++;
    f->ns++;
    return s;
}

int plt_line(plt_figure *f, const double *x, const double *y, size_t n, const char *label,
             int colour, int style) {
    series *s = add(f, S_LINE, n, colour);
    if (!s) return -1;
    memcpy(s->x, x, n * sizeof *x);
    memcpy(s->y, y, n * sizeof *y);
    copy_str(s->label, sizeof s->label, label);
    s->style = style;
    return 0;
}

int plt_points(plt_figure *f, const double *x, const double *y, size_t n, const int *colours,
               int colour, double radius, const char *label) {
    series *s = add(f, S_POINTS, n, colour);
    if (!s) return -1;
    memcpy(s->x, x, n * sizeof *x);
    memcpy(s->y, y, n * sizeof *y);
    if (colours) {
        s->cols = malloc((n ? n : 1) * sizeof(int));
        if (!s->cols) return -1;
        memcpy(s->cols, colours, n * sizeof(int));
    }
    s->radius = radius;
    copy_str(s->label, sizeof s->label, label);
    return 0;
}

int plt_bars(plt_figure *f, const double *x, const double *lo, const double *hi, size_t n,
             int colour) {
    series *s = add(f, S_BARS, n, colour);
    if (!s) return -1;
    s->y2 = malloc((n ? n : 1) * sizeof(double));
    if (!s->y2) return -1;
    memcpy(s->x, x, n * sizeof *x);
    memcpy(s->y, lo, n * sizeof *lo);
    memcpy(s->y2, hi, n * sizeof *hi);
    return 0;
}

int plt_image(plt_figure *f, const double *v, int nx, int ny, double x0, double x1, double y0,
              double y1) {
    free(f->img);
    f->img = malloc((size_t)nx * (size_t)ny * sizeof(double));
    if (!f->img) return -1;
    memcpy(f->img, v, (size_t)nx * (size_t)ny * sizeof(double));
    f->inx = nx;
    f->iny = ny;
    f->ix0 = x0;
    f->ix1 = x1;
    f->iy0 = y0;
    f->iy1 = y1;
    return 0;
}

/* ---- layout ------------------------------------------------------------------ */

typedef struct {
    double lo, hi; /* in axis units (log10 for log axes) */
    int log;
    double px0, px1; /* pixel span */
} axis;

static double tr(double v, int lg) { return lg ? (v > 0 ? log10(v) : NAN) : v; }

static double to_px(const axis *a, double v) {
    double t = tr(v, a->log);
    return a->px0 + (t - a->lo) / (a->hi - a->lo) * (a->px1 - a->px0);
}

static double nice_step(double span, int target) {
    double raw = span / target, mag = pow(10, floor(log10(raw))), r = raw / mag;
    double step = r < 1.5 ? 1 : r < 3 ? 2 : r < 7 ? 5 : 10;
    return step * mag;
}

static void fit_axis(axis *a, double lo, double hi, double flo, double fhi) {
    if (!isnan(flo)) lo = tr(flo, a->log);
    if (!isnan(fhi)) hi = tr(fhi, a->log);
    if (!isfinite(lo) || !isfinite(hi)) {
        lo = 0;
        hi = 1;
    }
    if (hi <= lo) {
        double c = lo, d = fabs(c) * 0.1 + (a->log ? 0.5 : 1e-3);
        lo = c - d;
        hi = c + d;
    }
    if (isnan(flo) || isnan(fhi)) {
        double pad = 0.04 * (hi - lo);
        if (isnan(flo)) lo -= pad;
        if (isnan(fhi)) hi += pad;
    }
    a->lo = lo;
    a->hi = hi;
}

static void fmt_tick(char *buf, size_t n, double v, double step, int lg) {
    if (lg) {
        double p = pow(10, v);
        if (fabs(v) <= 3)
            snprintf(buf, n, "%g", p);
        else
            snprintf(buf, n, "1e%d", (int)lround(v));
        return;
    }
    if (fabs(v) < step * 1e-6) v = 0;
    if (fabs(v) >= 1e5 || (fabs(v) < 1e-3 && v != 0))
        snprintf(buf, n, "%.2g", v);
    else
        snprintf(buf, n, "%.*f", step >= 1 ? 0 : (int)ceil(-log10(step) - 1e-9), v);
}

static void set_rgb(cairo_t *cr, unsigned c) {
    cairo_set_source_rgb(cr, ((c >> 16) & 255) / 255.0, ((c >> 8) & 255) / 255.0,
                         (c & 255) / 255.0);
}

static void text_at(cairo_t *cr, double x, double y, const char *s, double ax, double ay) {
    cairo_text_extents_t e;
    cairo_text_extents(cr, s, &e);
    cairo_move_to(cr, x - ax * e.width - e.x_bearing, y + ay * e.height - (e.height + e.y_bearing));
    cairo_show_text(cr, s);
}

static void heat_rgb(double v, double *r, double *g, double *b) {
    /* 0 -> blue, 0.5 -> white, 1 -> red, softened */
    if (!isfinite(v)) v = 0.5;
    v = v < 0 ? 0 : v > 1 ? 1 : v;
    if (v < 0.5) {
        double t = v / 0.5;
        *r = 0.55 + 0.45 * t;
        *g = 0.70 + 0.30 * t;
        *b = 1.0;
    } else {
        double t = (v - 0.5) / 0.5;
        *r = 1.0;
        *g = 1.0 - 0.40 * t;
        *b = 1.0 - 0.45 * t;
    }
}

int plt_save(plt_figure *f, const char *path, char *err, size_t errlen) {
    /* data extents */
    double xlo = INFINITY, xhi = -INFINITY, ylo = INFINITY, yhi = -INFINITY;
    for (size_t i = 0; i < f->ns; i++) {
        const series *s = &f->s[i];
        for (size_t k = 0; k < s->n; k++) {
            double x = tr(s->x[k], f->logx), y = tr(s->y[k], f->logy);
            double y2 = s->y2 ? tr(s->y2[k], f->logy) : y;
            if (isfinite(x)) {
                if (x < xlo) xlo = x;
                if (x > xhi) xhi = x;
            }
            if (isfinite(y) && isfinite(x)) {
                if (y < ylo) ylo = y;
                if (y > yhi) yhi = y;
            }
            if (isfinite(y2) && isfinite(x)) {
                if (y2 < ylo) ylo = y2;
                if (y2 > yhi) yhi = y2;
            }
        }
    }
    if (f->img) {
        xlo = fmin(xlo, f->ix0);
        xhi = fmax(xhi, f->ix1);
        ylo = fmin(ylo, f->iy0);
        yhi = fmax(yhi, f->iy1);
    }
    int nlabels = 0;
    for (size_t i = 0; i < f->ns; i++)
        nlabels += f->s[i].label[0] != 0;
    int legend_right = nlabels > 6;

    cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, f->w, f->h);
    cairo_t *cr = cairo_create(sf);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);

    double left = 70, right = legend_right ? 190 : 20, top = f->title[0] ? 36 : 14, bottom = 52;
    axis ax = {.log = f->logx, .px0 = left, .px1 = f->w - right};
    axis ay = {.log = f->logy, .px0 = f->h - bottom, .px1 = top};
    fit_axis(&ax, xlo, xhi, f->fx0, f->fx1);
    fit_axis(&ay, ylo, yhi, f->fy0, f->fy1);
    if (f->img && isnan(f->fx0)) {
        ax.lo = f->ix0;
        ax.hi = f->ix1;
        ay.lo = f->iy0;
        ay.hi = f->iy1;
    }

    /* background image */
    if (f->img) {
        cairo_surface_t *im = cairo_image_surface_create(CAIRO_FORMAT_RGB24, f->inx, f->iny);
        unsigned char *data = cairo_image_surface_get_data(im);
        int stride = cairo_image_surface_get_stride(im);
        for (int j = 0; j < f->iny; j++)
            for (int i = 0; i < f->inx; i++) {
                double r, g, b;
                heat_rgb(f->img[(size_t)(f->iny - 1 - j) * f->inx + i], &r, &g, &b);
                uint32_t px =
                    ((uint32_t)(r * 255) << 16) | ((uint32_t)(g * 255) << 8) | (uint32_t)(b * 255);
                memcpy(data + j * stride + 4 * i, &px, 4);
            }
        cairo_surface_mark_dirty(im);
        double X0 = to_px(&ax, f->ix0), X1 = to_px(&ax, f->ix1);
        double Y0 = to_px(&ay, f->iy1), Y1 = to_px(&ay, f->iy0);
        cairo_save(cr);
        cairo_rectangle(cr, ax.px0, ay.px1, ax.px1 - ax.px0, ay.px0 - ay.px1);
        cairo_clip(cr);
        cairo_translate(cr, X0, Y0);
        cairo_scale(cr, (X1 - X0) / f->inx, (Y1 - Y0) / f->iny);
        cairo_set_source_surface(cr, im, 0, 0);
        cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_BILINEAR);
        cairo_paint(cr);
        cairo_restore(cr);
        cairo_surface_destroy(im);
    }

    /* grid and ticks */
    cairo_set_font_size(cr, 12);
    cairo_set_line_width(cr, 1);
    for (int dim = 0; dim < 2; dim++) {
        axis *a = dim ? &ay : &ax;
        double step = a->log ? fmax(1, round(nice_step(a->hi - a->lo, 5)))
                             : nice_step(a->hi - a->lo, dim ? 5 : 7);
        for (double v = ceil(a->lo / step) * step; v <= a->hi + 1e-9 * step; v += step) {
            double p = a->px0 + (v - a->lo) / (a->hi - a->lo) * (a->px1 - a->px0);
            char buf[32];
            fmt_tick(buf, sizeof buf, v, step, a->log);
            cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
            if (dim == 0) {
                cairo_move_to(cr, p + 0.5, ay.px1);
                cairo_line_to(cr, p + 0.5, ay.px0);
            } else {
                cairo_move_to(cr, ax.px0, p + 0.5);
                cairo_line_to(cr, ax.px1, p + 0.5);
            }
            if (!f->img)
                cairo_stroke(cr);
            else
                cairo_new_path(cr);
            cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
            if (dim == 0)
                text_at(cr, p, ay.px0 + 6, buf, 0.5, 1.0);
            else
                text_at(cr, ax.px0 - 6, p, buf, 1.0, 0.5);
        }
    }
    /* zero lines */
    cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
    if (!ax.log && ax.lo < 0 && ax.hi > 0 && !f->img) {
        double p = to_px(&ax, 0);
        cairo_move_to(cr, p + 0.5, ay.px1);
        cairo_line_to(cr, p + 0.5, ay.px0);
        cairo_stroke(cr);
    }
    if (!ay.log && ay.lo < 0 && ay.hi > 0 && !f->img) {
        double p = to_px(&ay, 0);
        cairo_move_to(cr, ax.px0, p + 0.5);
        cairo_line_to(cr, ax.px1, p + 0.5);
        cairo_stroke(cr);
    }

    /* series, clipped to the plot area */
    cairo_save(cr);
    cairo_rectangle(cr, ax.px0, ay.px1, ax.px1 - ax.px0, ay.px0 - ay.px1);
    cairo_clip(cr);
    for (size_t i = 0; i < f->ns; i++) {
        const series *s = &f->s[i];
        set_rgb(cr, plt_colour(s->colour));
        if (s->kind == S_LINE) {
            static const double dash[] = {7, 4}, dot[] = {2, 3};
            cairo_set_line_width(cr, 2);
            cairo_set_dash(cr, s->style == PLT_DASHED ? dash : dot, s->style == PLT_SOLID ? 0 : 2,
                           0);
            int pen = 0;
            for (size_t k = 0; k < s->n; k++) {
                double X = to_px(&ax, s->x[k]), Y = to_px(&ay, s->y[k]);
                if (!isfinite(X) || !isfinite(Y)) {
                    pen = 0;
                    continue;
                }
                /* keep far-off points drawable */
                Y = fmax(-1e4, fmin(1e4, Y));
                if (pen)
                    cairo_line_to(cr, X, Y);
                else
                    cairo_move_to(cr, X, Y);
                pen = 1;
            }
            cairo_stroke(cr);
            cairo_set_dash(cr, NULL, 0, 0);
        } else if (s->kind == S_POINTS) {
            for (size_t k = 0; k < s->n; k++) {
                double X = to_px(&ax, s->x[k]), Y = to_px(&ay, s->y[k]);
                if (!isfinite(X) || !isfinite(Y)) continue;
                set_rgb(cr, plt_colour(s->cols ? s->cols[k] : s->colour));
                cairo_arc(cr, X, Y, s->radius, 0, 2 * M_PI);
                cairo_fill_preserve(cr);
                cairo_set_source_rgba(cr, 0, 0, 0, 0.5);
                cairo_set_line_width(cr, 0.5);
                cairo_stroke(cr);
            }
        } else {
            cairo_set_line_width(cr, 1.5);
            for (size_t k = 0; k < s->n; k++) {
                double X = to_px(&ax, s->x[k]);
                double Y0 = to_px(&ay, s->y[k]), Y1 = to_px(&ay, s->y2[k]);
                if (!isfinite(X) || !isfinite(Y0) || !isfinite(Y1)) continue;
                cairo_move_to(cr, X, Y0);
                cairo_line_to(cr, X, Y1);
                cairo_move_to(cr, X - 3, Y0);
                cairo_line_to(cr, X + 3, Y0);
                cairo_move_to(cr, X - 3, Y1);
                cairo_line_to(cr, X + 3, Y1);
            }
            cairo_stroke(cr);
        }
    }
    cairo_restore(cr);

    /* frame */
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    cairo_set_line_width(cr, 1);
    cairo_rectangle(cr, ax.px0 + 0.5, ay.px1 + 0.5, ax.px1 - ax.px0, ay.px0 - ay.px1);
    cairo_stroke(cr);

    /* labels */
    cairo_set_font_size(cr, 13);
    text_at(cr, (ax.px0 + ax.px1) / 2, f->h - 8, f->xlabel, 0.5, 0.0);
    cairo_save(cr);
    cairo_translate(cr, 16, (ay.px0 + ay.px1) / 2);
    cairo_rotate(cr, -M_PI / 2);
    text_at(cr, 0, 0, f->ylabel, 0.5, 0.5);
    cairo_restore(cr);
    if (f->title[0]) {
        cairo_set_font_size(cr, 15);
        text_at(cr, f->w / 2.0, 10, f->title, 0.5, 1.0);
    }
    if (f->note[0]) {
        cairo_set_font_size(cr, 11);
        cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
        text_at(cr, ax.px0 + 8, ay.px1 + 8, f->note, 0.0, 1.0);
    }

    /* legend */
    if (nlabels) {
        cairo_set_font_size(cr, 12);
        double lx = legend_right ? ax.px1 + 12 : ax.px0 + 10, ly = ay.px1 + (f->note[0] ? 28 : 10),
               wmax = 0;
        for (size_t i = 0; i < f->ns; i++) {
            cairo_text_extents_t e;
            cairo_text_extents(cr, f->s[i].label, &e);
            if (e.width > wmax) wmax = e.width;
        }
        if (!legend_right) {
            /* the inside corner that covers the fewest data points */
            double bw = wmax + 40, bh = nlabels * 17 + 6, best = -1;
            double cx[4] = {ax.px0 + 10, ax.px1 - bw - 6, ax.px0 + 10, ax.px1 - bw - 6};
            double cy[4] = {ly, ly, ay.px0 - bh - 6, ay.px0 - bh - 6};
            for (int k = 0; k < 4; k++) {
                double hits = 0;
                for (size_t i = 0; i < f->ns; i++)
                    for (size_t q = 0; q < f->s[i].n; q++) {
                        double X = to_px(&ax, f->s[i].x[q]), Y = to_px(&ay, f->s[i].y[q]);
                        if (X >= cx[k] - 4 && X <= cx[k] + bw && Y >= cy[k] - 4 && Y <= cy[k] + bh)
                            hits += 1.0 / (double)(f->s[i].n ? f->s[i].n : 1);
                    }
                if (best < 0 || hits < best - 1e-12) {
                    best = hits;
                    lx = cx[k];
                    ly = cy[k];
                }
            }
        }
        if (!legend_right) {
            cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
            cairo_rectangle(cr, lx - 4, ly - 4, wmax + 40, nlabels * 17 + 6);
            cairo_fill(cr);
        }
        int row = 0;
        for (size_t i = 0; i < f->ns; i++) {
            const series *s = &f->s[i];
            if (!s->label[0]) continue;
            double yy = ly + 8 + 17 * row++;
            set_rgb(cr, plt_colour(s->colour));
            if (s->kind == S_POINTS) {
                cairo_arc(cr, lx + 12, yy, 4, 0, 2 * M_PI);
                cairo_fill(cr);
            } else {
                static const double dash[] = {7, 4}, dot[] = {2, 3};
                cairo_set_line_width(cr, 2);
                cairo_set_dash(cr, s->style == PLT_DASHED ? dash : dot,
                               s->style == PLT_SOLID ? 0 : 2, 0);
                cairo_move_to(cr, lx, yy);
                cairo_line_to(cr, lx + 24, yy);
                cairo_stroke(cr);
                cairo_set_dash(cr, NULL, 0, 0);
            }
            cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
            text_at(cr, lx + 30, yy, s->label, 0.0, 0.5);
        }
    }

    cairo_destroy(cr);
    cairo_surface_flush(sf);
    /* atomic write: a temporary file beside the target, then rename */
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
    cairo_status_t st = cairo_surface_write_to_png(sf, tmp);
    cairo_surface_destroy(sf);
    if (st != CAIRO_STATUS_SUCCESS) {
        unlink(tmp);
        snprintf(err, errlen, "%s: cannot write the PNG: %s", path, cairo_status_to_string(st));
        return -1;
    }
    if (rename(tmp, path) != 0) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        unlink(tmp);
        return -1;
    }
    return 0;
}
