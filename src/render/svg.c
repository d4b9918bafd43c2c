/* Inline SVG charts from exact hundredths, integer coordinates only. */
#include "ita/svg.h"

#include <stdbool.h>
#include <stdio.h>

#include "ita/decimal.h"

#define INK "#1f2933"
#define MUTED "#6b7280"
#define GRID "#d9dee4"
#define NOW "#1d4e89"
#define PREVIOUS "#9aa5b1"

static const char *const group_colors[3] = {"#2e7d32", "#b7791f", "#c53030"};

const char *ita_svg_group_color(int group)
{
    return group >= 0 && group < 3 ? group_colors[group] : MUTED;
}

int64_t ita_svg_axis_floor(const struct ita_svg_row *rows, size_t n, int64_t also)
{
    int64_t lo = also;
    for (size_t i = 0; i < n; i++) {
        if (rows[i].value != ITA_MISSING && (lo == ITA_MISSING || rows[i].value < lo))
            lo = rows[i].value;
        if (rows[i].previous != ITA_MISSING && (lo == ITA_MISSING || rows[i].previous < lo))
            lo = rows[i].previous;
    }
    if (lo == ITA_MISSING)
        return 0;
    int64_t f = (lo / 500) * 500 - 500;
    return f < 0 ? 0 : f;
}

/* x of a value on an axis from lo to hi drawn from x0 to x0 + w. */
static int64_t scale(int64_t v, int64_t lo, int64_t hi, int64_t x0, int64_t w)
{
    if (v < lo)
        v = lo;
    if (v > hi)
        v = hi;
    return x0 + (v - lo) * w / (hi - lo);
}

/* A horizontal line from x1 to x2 at y. */
static void hline(struct ita_buf *out, int64_t x1, int64_t x2, int64_t y, const char *stroke, const char *width)
{
    ita_buf_printf(out, "<line x1=\"%lld\" y1=\"%lld\" x2=\"%lld\" y2=\"%lld\" stroke=\"%s\" stroke-width=\"%s\"/>\n",
                   (long long)x1, (long long)y, (long long)x2, (long long)y, stroke, width);
}

static int64_t tick_step(int64_t lo, int64_t hi)
{
    int64_t range = hi - lo;
    return range <= 2500 ? 500 : range <= 5000 ? 1000 : 2000;
}

static void open_svg(struct ita_buf *out, const struct ita_svg_chart *c, int64_t w, int64_t h)
{
    ita_buf_printf(out,
                   "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 %lld %lld\" "
                   "width=\"%lld\" height=\"%lld\" aria-labelledby=\"%s-title %s-desc\">\n",
                   (long long)w, (long long)h, (long long)w, (long long)h, c->id, c->id);
    ita_buf_printf(out, "<title id=\"%s-title\">", c->id);
    ita_buf_html(out, c->title);
    ita_buf_printf(out, "</title>\n<desc id=\"%s-desc\">", c->id);
    ita_buf_html(out, c->desc);
    ita_buf_puts(out, "</desc>\n");
}

static void text(struct ita_buf *out, int64_t x, int64_t y, const char *anchor, int size, const char *fill,
                 const char *s)
{
    ita_buf_printf(out, "<text x=\"%lld\" y=\"%lld\" font-size=\"%d\" fill=\"%s\"%s%s%s>", (long long)x,
                   (long long)y, size, fill, anchor ? " text-anchor=\"" : "", anchor ? anchor : "",
                   anchor ? "\"" : "");
    ita_buf_html(out, s);
    ita_buf_puts(out, "</text>\n");
}

/* A legend: filled dot for this year, hollow for last year. */
static void legend(struct ita_buf *out, const struct ita_svg_chart *c, int64_t x, int64_t y)
{
    ita_buf_printf(out, "<circle cx=\"%lld\" cy=\"%lld\" r=\"5\" fill=\"%s\"/>\n", (long long)x, (long long)y - 4,
                   NOW);
    text(out, x + 10, y, NULL, 12, INK, c->now_label);
    if (c->previous_label != NULL) {
        ita_buf_printf(out,
                       "<circle cx=\"%lld\" cy=\"%lld\" r=\"4.5\" fill=\"#ffffff\" stroke=\"%s\" stroke-width=\"2\"/>\n",
                       (long long)x + 110, (long long)y - 4, PREVIOUS);
        text(out, x + 120, y, NULL, 12, INK, c->previous_label);
    }
}

/* Vertical grid lines with their labels along the bottom. */
static void x_axis(struct ita_buf *out, int64_t lo, int64_t hi, int64_t x0, int64_t w, int64_t top, int64_t bottom)
{
    int64_t step = tick_step(lo, hi);
    char b[ITA_CENTS_BUFSZ];
    for (int64_t v = lo; v <= hi; v += step) {
        int64_t x = scale(v, lo, hi, x0, w);
        ita_buf_printf(out, "<line x1=\"%lld\" y1=\"%lld\" x2=\"%lld\" y2=\"%lld\" stroke=\"%s\" stroke-width=\"1\"/>\n",
                       (long long)x, (long long)top, (long long)x, (long long)bottom, GRID);
        /* whole scores read better on an axis: 85, not 85.00 */
        ita_cents_format(v, b);
        if (v % 100 == 0) {
            for (char *p = b; *p; p++)
                if (*p == '.')
                    *p = '\0';
        }
        text(out, x, bottom + 16, "middle", 11, MUTED, b);
    }
}

void ita_svg_dumbbell(struct ita_buf *out, const struct ita_svg_chart *c, const struct ita_svg_row *rows, size_t n)
{
    const int64_t width = 720, left = 250, right = 64, row_h = 26, top = 34;
    const int64_t plot_w = width - left - right;
    const int64_t height = top + (int64_t)n * row_h + 28;
    int64_t lo = ita_svg_axis_floor(rows, n, ITA_MISSING), hi = 10000;
    open_svg(out, c, width, height);
    legend(out, c, left, 16);
    x_axis(out, lo, hi, left, plot_w, top - 6, top + (int64_t)n * row_h);
    char b[ITA_CENTS_BUFSZ];
    for (size_t i = 0; i < n; i++) {
        const struct ita_svg_row *r = &rows[i];
        int64_t y = top + (int64_t)i * row_h + row_h / 2;
        text(out, left - 10, y + 4, "end", 12, INK, r->label);
        if (r->value != ITA_MISSING && r->previous != ITA_MISSING)
            hline(out, scale(r->previous, lo, hi, left, plot_w), scale(r->value, lo, hi, left, plot_w), y, PREVIOUS,
                  "3");
        if (r->previous != ITA_MISSING)
            ita_buf_printf(out,
                           "<circle cx=\"%lld\" cy=\"%lld\" r=\"4.5\" fill=\"#ffffff\" stroke=\"%s\" stroke-width=\"2\"/>\n",
                           (long long)scale(r->previous, lo, hi, left, plot_w), (long long)y, PREVIOUS);
        if (r->value != ITA_MISSING) {
            ita_buf_printf(out, "<circle cx=\"%lld\" cy=\"%lld\" r=\"5.5\" fill=\"%s\"/>\n",
                           (long long)scale(r->value, lo, hi, left, plot_w), (long long)y, NOW);
            text(out, width - 4, y + 4, "end", 12, INK, ita_cents_format(r->value, b));
        }
    }
    ita_buf_puts(out, "</svg>\n");
}

void ita_svg_bars(struct ita_buf *out, const struct ita_svg_chart *c, const struct ita_svg_row *rows, size_t n)
{
    const int64_t width = 720, left = 250, right = 64, row_h = 40, top = 34;
    const int64_t plot_w = width - left - right;
    const int64_t height = top + (int64_t)n * row_h + 28;
    const int64_t lo = 0, hi = 10000;
    open_svg(out, c, width, height);
    legend(out, c, left, 16);
    x_axis(out, lo, hi, left, plot_w, top - 6, top + (int64_t)n * row_h);
    char b[ITA_CENTS_BUFSZ];
    for (size_t i = 0; i < n; i++) {
        const struct ita_svg_row *r = &rows[i];
        int64_t y = top + (int64_t)i * row_h + 6;
        text(out, left - 10, y + 15, "end", 12, INK, r->label);
        if (r->value != ITA_MISSING) {
            ita_buf_printf(out, "<rect x=\"%lld\" y=\"%lld\" width=\"%lld\" height=\"18\" fill=\"%s\"/>\n",
                           (long long)left, (long long)y, (long long)(scale(r->value, lo, hi, left, plot_w) - left),
                           NOW);
            text(out, width - 4, y + 14, "end", 12, INK, ita_cents_format(r->value, b));
        }
        if (r->previous != ITA_MISSING) {
            ita_buf_printf(out, "<rect x=\"%lld\" y=\"%lld\" width=\"%lld\" height=\"7\" fill=\"%s\"/>\n",
                           (long long)left, (long long)y + 21,
                           (long long)(scale(r->previous, lo, hi, left, plot_w) - left), PREVIOUS);
            text(out, width - 4, y + 29, "end", 10, MUTED, ita_cents_format(r->previous, b));
        }
    }
    ita_buf_puts(out, "</svg>\n");
}

/* A mark by group: circle (maintain), square (improve), diamond (urgent), so
 * that the groups differ in shape as well as in colour (grey print). */
static void mark(struct ita_buf *out, int group, int64_t x, int64_t y)
{
    const char *fill = ita_svg_group_color(group);
    if (group == 1)
        ita_buf_printf(out, "<rect x=\"%lld\" y=\"%lld\" width=\"9\" height=\"9\" fill=\"%s\"/>\n", (long long)x - 4,
                       (long long)y - 4, fill);
    else if (group == 2)
        ita_buf_printf(out, "<path d=\"M%lld %lldl5 5-5 5-5-5z\" fill=\"%s\"/>\n", (long long)x, (long long)y - 5,
                       fill);
    else
        ita_buf_printf(out, "<circle cx=\"%lld\" cy=\"%lld\" r=\"4.5\" fill=\"%s\"/>\n", (long long)x, (long long)y,
                       fill);
}

void ita_svg_strip(struct ita_buf *out, const struct ita_svg_chart *c, const struct ita_svg_row *rows, size_t n,
                   int64_t maintain_above, int64_t urgent_below, const char *const *band_labels, size_t band_count)
{
    const int64_t width = 720, left = 44, right = 56, top = 40, plot_h = 220, gap = 18;
    size_t bands = 0;
    for (size_t i = 0; i < n; i++)
        if (i == 0 || rows[i].band != rows[i - 1].band)
            bands++;
    const int64_t plot_w = width - left - right;
    int64_t lo = ita_svg_axis_floor(rows, n, urgent_below), hi = 10000;
    int64_t height = top + plot_h + 64;
    open_svg(out, c, width, height);
    /* legend: the three groups, below the plot */
    for (int g = 0; g < 3; g++) {
        int64_t lx = left + g * 200;
        mark(out, g, lx + 4, height - 12);
        text(out, lx + 14, height - 8, NULL, 12, INK, c->group_labels[g] ? c->group_labels[g] : "");
    }
    int64_t bottom = top + plot_h;
    /* horizontal grid */
    int64_t step = tick_step(lo, hi);
    char b[ITA_CENTS_BUFSZ];
    for (int64_t v = lo; v <= hi; v += step) {
        int64_t y = bottom - (v - lo) * plot_h / (hi - lo);
        ita_buf_printf(out, "<line x1=\"%lld\" y1=\"%lld\" x2=\"%lld\" y2=\"%lld\" stroke=\"%s\" stroke-width=\"1\"/>\n",
                       (long long)left, (long long)y, (long long)(left + plot_w), (long long)y, GRID);
        ita_cents_format(v, b);
        for (char *p = b; *p; p++)
            if (*p == '.')
                *p = '\0';
        text(out, left - 6, y + 4, "end", 11, MUTED, b);
    }
    /* the cut-off lines */
    const int64_t cuts[2] = {maintain_above, urgent_below};
    const int cut_group[2] = {0, 2};
    for (int k = 0; k < 2; k++) {
        if (cuts[k] < lo || cuts[k] > hi)
            continue;
        int64_t y = bottom - (cuts[k] - lo) * plot_h / (hi - lo);
        ita_buf_printf(out,
                       "<line x1=\"%lld\" y1=\"%lld\" x2=\"%lld\" y2=\"%lld\" stroke=\"%s\" stroke-width=\"1.5\" "
                       "stroke-dasharray=\"6 4\"/>\n",
                       (long long)left, (long long)y, (long long)(left + plot_w), (long long)y,
                       ita_svg_group_color(cut_group[k]));
        text(out, left + plot_w + 4, y + 4 + (k == 1 ? 6 : -2), NULL, 11, ita_svg_group_color(cut_group[k]),
             ita_cents_format(cuts[k], b));
    }
    /* points: equal slots, with a gap between bands */
    int64_t slots_w = plot_w - (int64_t)(bands > 0 ? bands - 1 : 0) * gap;
    int64_t slot = n > 0 ? slots_w / (int64_t)n : 0;
    if (slot > 28)
        slot = 28;
    int64_t x = left + slot / 2, band_start = x;
    for (size_t i = 0; i < n; i++) {
        const struct ita_svg_row *r = &rows[i];
        bool new_band = i > 0 && r->band != rows[i - 1].band;
        if (new_band) {
            int prev = rows[i - 1].band;
            if (prev >= 0 && (size_t)prev < band_count)
                text(out, (band_start + x - slot) / 2, top - 10, "middle", 12, INK, band_labels[prev]);
            x += gap;
            band_start = x;
        }
        if (r->value != ITA_MISSING) {
            int64_t v = r->value < lo ? lo : r->value;
            mark(out, r->group, x, bottom - (v - lo) * plot_h / (hi - lo));
        }
        ita_buf_printf(out,
                       "<text x=\"%lld\" y=\"%lld\" font-size=\"9\" fill=\"%s\" text-anchor=\"end\" "
                       "transform=\"rotate(-90 %lld %lld)\">",
                       (long long)x + 3, (long long)bottom + 8, MUTED, (long long)x + 3, (long long)bottom + 8);
        ita_buf_html(out, r->label);
        ita_buf_puts(out, "</text>\n");
        if (i + 1 == n && r->band >= 0 && (size_t)r->band < band_count)
            text(out, (band_start + x) / 2, top - 10, "middle", 12, INK, band_labels[r->band]);
        x += slot;
    }
    ita_buf_puts(out, "</svg>\n");
}

void ita_svg_boxes(struct ita_buf *out, const struct ita_svg_chart *c, const struct ita_svg_box *rows, size_t n)
{
    const int64_t width = 720, left = 250, right = 64, row_h = 28, top = 34;
    const int64_t plot_w = width - left - right;
    const int64_t height = top + (int64_t)n * row_h + 28;
    /* the axis shows every number drawn */
    int64_t lo = ITA_MISSING;
    for (size_t i = 0; i < n; i++) {
        const int64_t v[] = {rows[i].min, rows[i].p25, rows[i].dot};
        for (size_t k = 0; k < 3; k++)
            if (v[k] != ITA_MISSING && (lo == ITA_MISSING || v[k] < lo))
                lo = v[k];
    }
    struct ita_svg_row floor_row = {"", lo, ITA_MISSING, -1, 0};
    lo = ita_svg_axis_floor(&floor_row, 1, ITA_MISSING);
    const int64_t hi = 10000;
    open_svg(out, c, width, height);
    /* legend: the box, the median, the dot */
    /* from the left edge: an agency's name can be long */
    ita_buf_printf(out, "<rect x=\"20\" y=\"8\" width=\"18\" height=\"10\" fill=\"%s\" stroke=\"%s\"/>\n", GRID,
                   MUTED);
    text(out, 44, 17, NULL, 12, INK, c->previous_label ? c->previous_label : "");
    if (c->now_label != NULL) {
        ita_buf_printf(out, "<circle cx=\"%lld\" cy=\"13\" r=\"5\" fill=\"%s\"/>\n", (long long)left + 10, NOW);
        text(out, left + 20, 17, NULL, 12, INK, c->now_label);
    }
    x_axis(out, lo, hi, left, plot_w, top - 6, top + (int64_t)n * row_h);
    char b[ITA_CENTS_BUFSZ];
    for (size_t i = 0; i < n; i++) {
        const struct ita_svg_box *r = &rows[i];
        int64_t y = top + (int64_t)i * row_h + row_h / 2;
        text(out, left - 10, y + 4, "end", 12, INK, r->label);
        if (r->min != ITA_MISSING && r->max != ITA_MISSING)
            hline(out, scale(r->min, lo, hi, left, plot_w), scale(r->max, lo, hi, left, plot_w), y, MUTED, "1.5");
        if (r->p25 != ITA_MISSING && r->p75 != ITA_MISSING) {
            int64_t x1 = scale(r->p25, lo, hi, left, plot_w), x2 = scale(r->p75, lo, hi, left, plot_w);
            ita_buf_printf(out,
                           "<rect x=\"%lld\" y=\"%lld\" width=\"%lld\" height=\"14\" fill=\"%s\" stroke=\"%s\"/>\n",
                           (long long)x1, (long long)y - 7, (long long)(x2 - x1), GRID, MUTED);
        }
        if (r->median != ITA_MISSING) {
            int64_t xm = scale(r->median, lo, hi, left, plot_w);
            ita_buf_printf(out,
                           "<line x1=\"%lld\" y1=\"%lld\" x2=\"%lld\" y2=\"%lld\" stroke=\"%s\" stroke-width=\"2.5\"/>\n",
                           (long long)xm, (long long)y - 8, (long long)xm, (long long)y + 8, INK);
        }
        if (r->dot != ITA_MISSING)
            ita_buf_printf(out, "<circle cx=\"%lld\" cy=\"%lld\" r=\"5.5\" fill=\"%s\"/>\n",
                           (long long)scale(r->dot, lo, hi, left, plot_w), (long long)y, NOW);
        int64_t shown = r->dot != ITA_MISSING ? r->dot : r->median;
        if (shown != ITA_MISSING)
            text(out, width - 4, y + 4, "end", 12, INK, ita_cents_format(shown, b));
    }
    ita_buf_puts(out, "</svg>\n");
}

void ita_svg_columns(struct ita_buf *out, const struct ita_svg_chart *c, const struct ita_svg_column *cols, size_t n,
                     size_t mark_before, const char *mark_label)
{
    const int64_t width = 720, left = 44, right = 16, top = 24, plot_h = 200;
    const int64_t plot_w = width - left - right;
    const int64_t height = top + plot_h + 44;
    size_t most = 1;
    for (size_t i = 0; i < n; i++)
        if (cols[i].count > most)
            most = cols[i].count;
    open_svg(out, c, width, height);
    int64_t bottom = top + plot_h;
    int64_t slot = n > 0 ? plot_w / (int64_t)n : plot_w;
    int64_t bar = slot * 3 / 4;
    ita_buf_printf(out, "<line x1=\"%lld\" y1=\"%lld\" x2=\"%lld\" y2=\"%lld\" stroke=\"%s\" stroke-width=\"1\"/>\n",
                   (long long)left, (long long)bottom, (long long)(left + plot_w), (long long)bottom, MUTED);
    for (size_t i = 0; i < n; i++) {
        int64_t x = left + (int64_t)i * slot + (slot - bar) / 2;
        int64_t hgt = (int64_t)cols[i].count * plot_h / (int64_t)most;
        ita_buf_printf(out, "<rect x=\"%lld\" y=\"%lld\" width=\"%lld\" height=\"%lld\" fill=\"%s\"/>\n",
                       (long long)x, (long long)(bottom - hgt), (long long)bar, (long long)hgt, NOW);
        char count[24];
        snprintf(count, sizeof count, "%zu", cols[i].count);
        text(out, x + bar / 2, bottom - hgt - 4, "middle", 11, INK, count);
        text(out, x + bar / 2, bottom + 16, "middle", n > 12 ? 9 : 11, MUTED, cols[i].label);
    }
    if (mark_before > 0 && mark_before < n) {
        int64_t x = left + (int64_t)mark_before * slot;
        ita_buf_printf(out,
                       "<line x1=\"%lld\" y1=\"%lld\" x2=\"%lld\" y2=\"%lld\" stroke=\"%s\" stroke-width=\"1.5\" "
                       "stroke-dasharray=\"6 4\"/>\n",
                       (long long)x, (long long)top - 8, (long long)x, (long long)bottom, group_colors[2]);
        text(out, x + 4, top, NULL, 11, group_colors[2], mark_label ? mark_label : "");
    }
    ita_buf_puts(out, "</svg>\n");
}

void ita_svg_lines(struct ita_buf *out, const struct ita_svg_chart *c, const char *const *col_labels, size_t n,
                   const int64_t *const *values, const char *const *series_labels, size_t series, int64_t lo,
                   int64_t hi, const int64_t *refs, size_t ref_count)
{
    static const char *const colors[ITA_SVG_MAX_SERIES] = {NOW, "#2e7d32", "#b7791f", "#7b3fa0"};
    static const char *const dashes[ITA_SVG_MAX_SERIES] = {"", "6 3", "2 3", "8 3 2 3"};
    const int64_t width = 720, left = 56, right = 56, top = 40, plot_h = 220;
    const int64_t plot_w = width - left - right;
    const int64_t height = top + plot_h + 40;
    if (series > ITA_SVG_MAX_SERIES)
        series = ITA_SVG_MAX_SERIES;
    if (hi <= lo)
        hi = lo + 100;
    open_svg(out, c, width, height);
    char b[ITA_CENTS_BUFSZ];
    for (size_t s = 0; s < series; s++) {
        int64_t lx = left + (int64_t)s * 160;
        ita_buf_printf(out,
                       "<line x1=\"%lld\" y1=\"14\" x2=\"%lld\" y2=\"14\" stroke=\"%s\" stroke-width=\"2.5\"%s%s%s/>\n",
                       (long long)lx, (long long)lx + 24, colors[s], dashes[s][0] ? " stroke-dasharray=\"" : "",
                       dashes[s], dashes[s][0] ? "\"" : "");
        text(out, lx + 30, 18, NULL, 12, INK, series_labels[s]);
    }
    int64_t bottom = top + plot_h;
    for (size_t k = 0; k <= 4; k++) {
        int64_t v = lo + (hi - lo) * (int64_t)k / 4;
        int64_t y = bottom - (v - lo) * plot_h / (hi - lo);
        ita_buf_printf(out, "<line x1=\"%lld\" y1=\"%lld\" x2=\"%lld\" y2=\"%lld\" stroke=\"%s\" stroke-width=\"1\"/>\n",
                       (long long)left, (long long)y, (long long)(left + plot_w), (long long)y, GRID);
        text(out, left - 6, y + 4, "end", 11, MUTED, ita_cents_format(v, b));
    }
    for (size_t k = 0; k < ref_count; k++) {
        if (refs[k] < lo || refs[k] > hi)
            continue;
        int64_t y = bottom - (refs[k] - lo) * plot_h / (hi - lo);
        ita_buf_printf(out,
                       "<line x1=\"%lld\" y1=\"%lld\" x2=\"%lld\" y2=\"%lld\" stroke=\"%s\" stroke-width=\"1.5\" "
                       "stroke-dasharray=\"6 4\"/>\n",
                       (long long)left, (long long)y, (long long)(left + plot_w), (long long)y, group_colors[2]);
        text(out, left + plot_w + 4, y + 4, NULL, 11, group_colors[2], ita_cents_format(refs[k], b));
    }
    int64_t slot = n > 0 ? plot_w / (int64_t)n : plot_w;
    for (size_t i = 0; i < n; i++)
        text(out, left + (int64_t)i * slot + slot / 2, bottom + 18, "middle", 11, MUTED, col_labels[i]);
    for (size_t s = 0; s < series; s++) {
        bool open = false;
        for (size_t i = 0; i < n; i++) {
            int64_t v = values[s][i];
            if (v == ITA_MISSING) {
                if (open)
                    ita_buf_puts(out, "\"/>\n");
                open = false;
                continue;
            }
            int64_t x = left + (int64_t)i * slot + slot / 2, y = bottom - ((v < lo ? lo : v > hi ? hi : v) - lo) * plot_h / (hi - lo);
            if (!open)
                ita_buf_printf(out, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\"%s%s%s points=\"",
                               colors[s], dashes[s][0] ? " stroke-dasharray=\"" : "", dashes[s],
                               dashes[s][0] ? "\"" : "");
            ita_buf_printf(out, "%s%lld,%lld", open ? " " : "", (long long)x, (long long)y);
            open = true;
        }
        if (open)
            ita_buf_puts(out, "\"/>\n");
        for (size_t i = 0; i < n; i++) {
            int64_t v = values[s][i];
            if (v == ITA_MISSING)
                continue;
            int64_t x = left + (int64_t)i * slot + slot / 2, y = bottom - ((v < lo ? lo : v > hi ? hi : v) - lo) * plot_h / (hi - lo);
            ita_buf_printf(out, "<circle cx=\"%lld\" cy=\"%lld\" r=\"4\" fill=\"%s\"/>\n", (long long)x, (long long)y,
                           colors[s]);
            text(out, x, y - 8, "middle", 10, colors[s], ita_cents_format(v, b));
        }
    }
    ita_buf_puts(out, "</svg>\n");
}
