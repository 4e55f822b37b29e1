/*
 * plot.h - figures for the tool and the report, drawn with cairo to PNG.
 * Prefix plt_. A figure collects series, then plt_save lays out the axes
 * (nice ticks, linear or log10), draws everything and writes the PNG
 * atomically (temporary file, then rename).
 */
#ifndef ACT_PLOT_H
#define ACT_PLOT_H

#include <stddef.h>

typedef struct plt_figure plt_figure;

enum { PLT_SOLID = 0, PLT_DASHED = 1, PLT_DOTTED = 2 };

plt_figure *plt_new(int width, int height, const char *title, const char *xlabel,
                    const char *ylabel);
void plt_free(plt_figure *f);
void plt_log_axes(plt_figure *f, int logx, int logy);
/* fixes an axis range instead of fitting the data (NAN leaves it automatic) */
void plt_xrange(plt_figure *f, double lo, double hi);
void plt_yrange(plt_figure *f, double lo, double hi);
/* colour: index into the palette (-1: next one); style: PLT_SOLID, ... */
int plt_line(plt_figure *f, const double *x, const double *y, size_t n, const char *label,
             int colour, int style);
/* points, one colour each from colours[i] (NULL: `colour` for all) */
int plt_points(plt_figure *f, const double *x, const double *y, size_t n, const int *colours,
               int colour, double radius, const char *label);
/* vertical bars [lo, hi] at x (error bars, std intervals) */
int plt_bars(plt_figure *f, const double *x, const double *lo, const double *hi, size_t n,
             int colour);
/* a background image over [x0,x1] x [y0,y1]: value v[j*nx+i] in [0,1] mapped
   onto a blue-white-red scale (decision regions, heat maps) */
int plt_image(plt_figure *f, const double *v, int nx, int ny, double x0, double x1, double y0,
              double y1);
/* a note in the top-left corner of the plot area */
void plt_note(plt_figure *f, const char *text);
/* writes the PNG; returns 0, or -1 with a one-line message in err */
int plt_save(plt_figure *f, const char *path, char *err, size_t errlen);

/* the palette, as 0xRRGGBB */
unsigned plt_colour(int i);

#endif
