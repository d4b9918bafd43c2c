/* Inline SVG charts from exact hundredths, integer coordinates only. */
#include "ita/svg.h"

#include <stdbool.h>

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
            ita_buf_printf(out,
                           "<line x1=\"%lld\" y1=\"%lld\" x2=\"%lld\" y2=\"%lld\" stroke=\"%s\" stroke-width=\"3\"/>\n",
                           (long long)scale(r->previous, lo, hi, left, plot_w), (long long)y,
                           (long long)scale(r->value, lo, hi, left, plot_w), (long long)y, PREVIOUS);
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
