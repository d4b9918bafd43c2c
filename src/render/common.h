/* Private to the renderers: a text table aligned by display width. */
#ifndef ITA_RENDER_COMMON_H
#define ITA_RENDER_COMMON_H

#include <limits.h>
#include <stdio.h>

#include "ita/render.h"

#define TABLE_MAX_COLS 12

/* The colours of the three groups (RRGGBB), in the html document and the workbook;
 * met is maintain's, not met urgent's. */
#define GROUP_COLOR_MAINTAIN "2e7d32"
#define GROUP_COLOR_IMPROVE "b7791f"
#define GROUP_COLOR_URGENT "c53030"

/* A cell of a table: its bytes, next in the table's text, and the columns they take.
 * A cell longer than its column's max keeps only the bytes it shows before the
 * "…" (cut is set): width is then the columns of those. */
_Static_assert(UINT_MAX >= 0xFFFFFFFF, "a cell's width takes 31 bits of an unsigned");
struct table_cell {
    uint32_t len;
    unsigned width : 31, cut : 1;
};

/* The rows one after another: each a cell for its colour (the escape sequence that
 * starts the row, or none) and ncols cells, in one array, their bytes in one
 * buffer; table_render writes them in order. The widths are the columns of each
 * column, at most max (SIZE_MAX: none; else at least 1). */
struct table {
    size_t ncols;
    const int *right;
    size_t width[TABLE_MAX_COLS];
    size_t max[TABLE_MAX_COLS];
    struct table_cell *cells;
    size_t ncells, cap;
    struct ita_buf text;
    bool failed;
};

/* "KEY": and "KEY":97.04 (or null), for the JSON writers. */
void json_key(struct ita_buf *o, const char *k);
void json_cents(struct ita_buf *o, const char *k, int64_t cents);
/* The lines that open a text output: fiscal year, the year compared with (0: none),
 * and whether the framework is established or provisional. */
void text_year_lines(struct ita_buf *out, const struct ita_texts *t, const struct ita_framework *fw,
                     int year, int base_year);

/* A "Warnings" heading and one bulleted line per note; nothing when there is none. */
void text_notes(struct ita_buf *out, const struct ita_texts *t, const struct ita_note *notes, size_t count);

/* The rows of the fill-in template of a year, in order: the overall score, then
 * each indicator, its items and their sub-questions. */
struct template_row {
    unsigned indicator;        /* 0 on the overall row */
    const char *item;          /* the item's code, or NULL */
    size_t sub;                /* the sub-question's number, or 0 */
    const char *label;         /* in the language asked for */
    bool oit_item;             /* an OIT item: met (100) or not (0) */
};
/* The row k (from 0), or false after the last. */
bool template_row(const struct ita_framework *fw, const struct ita_texts *t, size_t k, struct template_row *row);
/* The columns of the template, CSV and workbook alike. */
#define TEMPLATE_COLUMN_COUNT 7
extern const char *const template_columns[TEMPLATE_COLUMN_COUNT];

/* An agency's value of the ranking's attribute k, or NULL. */
const char *rank_attr_of(const struct ita_ranking *r, const struct ita_rank_entry *e, size_t k);

void table_init(struct table *t, size_t ncols, const int *right_align);
void table_row(struct table *t, const char *color, const char *const *cells);
void table_render(struct table *t, struct ita_buf *out, const char *indent);
void table_free(struct table *t);

#endif
