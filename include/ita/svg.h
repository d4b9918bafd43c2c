/* SVG: three small charts drawn as inline SVG for the html document.
 *
 * Values are exact hundredths (9704 is 97.04); every coordinate is computed
 * from them with integer arithmetic, and every number printed is formatted by
 * ita_cents_format, so a chart never shows a figure the tables do not. Each
 * chart carries a <title> and a <desc> (role="img") for readers that cannot see
 * it. The functions append to the caller's buffer and keep nothing; the strings
 * they are given are borrowed and escaped on output.
 */
#ifndef ITA_SVG_H
#define ITA_SVG_H

#include <stddef.h>
#include <stdint.h>

#include "ita/util.h"

/* What every chart has. `id` must be unique in the page (it names the title and desc). */
struct ita_svg_chart {
    const char *id;
    const char *title;
    const char *desc;
    const char *now_label;      /* legend: "FY2022" */
    const char *previous_label; /* legend: "FY2021"; NULL when there is no previous year */
    const char *group_labels[3]; /* strip legend: maintain, improve, urgent */
};

/* One row or point of a chart. */
struct ita_svg_row {
    const char *label;  /* row label (dumbbell, bars) or tick label (strip) */
    int64_t value;      /* hundredths; ITA_MISSING leaves the row without a mark */
    int64_t previous;   /* hundredths or ITA_MISSING */
    int group;          /* strip: 0 maintain, 1 improve, 2 urgent; -1 none */
    int band;           /* strip: a new band (tool) starts here when it differs from the row before */
};

/* Rows on a shared score axis, last year (hollow) joined to this year (filled). */
void ita_svg_dumbbell(struct ita_buf *out, const struct ita_svg_chart *c, const struct ita_svg_row *rows,
                      size_t n);
/* Horizontal bars from 0 to 100, with last year as a thin bar beneath. */
void ita_svg_bars(struct ita_buf *out, const struct ita_svg_chart *c, const struct ita_svg_row *rows, size_t n);
/* Every point on a vertical score axis, coloured and shaped by group, with the
 * cut-off lines drawn across; `band_labels` names each band (indexed by band). */
void ita_svg_strip(struct ita_buf *out, const struct ita_svg_chart *c, const struct ita_svg_row *rows, size_t n,
                   int64_t maintain_above, int64_t urgent_below, const char *const *band_labels,
                   size_t band_count);

/* One row of a box chart: the spread of many agencies' scores, and one agency's. */
struct ita_svg_box {
    const char *label;
    int64_t min, p25, median, p75, max; /* hundredths; min and max ITA_MISSING: no whiskers;
                                           p25 ITA_MISSING: no box */
    int64_t dot;                        /* the agency's score, or ITA_MISSING */
};

/* Rows on a shared score axis: a box from p25 to p75 with the median across it,
 * whiskers to min and max where given, and a dot for the agency where given; the
 * number at the end of a row is the dot's, else the median's. The legend names
 * the box c->previous_label and the dot c->now_label (NULL: no dot in the legend). */
void ita_svg_boxes(struct ita_buf *out, const struct ita_svg_chart *c, const struct ita_svg_box *rows, size_t n);

/* One column of a column chart: a count. */
struct ita_svg_column {
    const char *label;
    size_t count;
};

/* Vertical columns from 0 to the largest count, each labelled and with its count
 * above it; when mark_before < n, a dashed line between columns mark_before - 1
 * and mark_before, labelled mark_label (a pass mark between score bins). */
void ita_svg_columns(struct ita_buf *out, const struct ita_svg_chart *c, const struct ita_svg_column *cols, size_t n,
                     size_t mark_before, const char *mark_label);

/* Lines over columns (years) on a vertical axis from lo to hi hundredths: up to
 * ITA_SVG_MAX_SERIES series, values[s][i] the point of series s in column i
 * (ITA_MISSING: none, and the line breaks), each named in the legend and drawn
 * in its own colour and dash; `refs` are dashed reference lines across (85, 95),
 * each labelled with its value. Every point is labelled with its number. */
#define ITA_SVG_MAX_SERIES 4
void ita_svg_lines(struct ita_buf *out, const struct ita_svg_chart *c, const char *const *col_labels, size_t n,
                   const int64_t *const *values, const char *const *series_labels, size_t series, int64_t lo,
                   int64_t hi, const int64_t *refs, size_t ref_count);

/* The fill colour of a group (0 maintain, 1 improve, 2 urgent), for legends in the page. */
const char *ita_svg_group_color(int group);

/* The lower end of a score axis that shows every value: a multiple of 5.00 at
 * least 5.00 below the lowest (never below 0); 100 is the upper end. */
int64_t ita_svg_axis_floor(const struct ita_svg_row *rows, size_t n, int64_t also);

#endif
