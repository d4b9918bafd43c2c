/* Private to the renderers: a text table aligned by display width. */
#ifndef ITA_RENDER_COMMON_H
#define ITA_RENDER_COMMON_H

#include <stdio.h>

#include "ita/render.h"

#define TABLE_MAX_COLS 12

/* The colours of the three groups (RRGGBB), in the html document and the workbook;
 * met is maintain's, not met urgent's. */
#define GROUP_COLOR_MAINTAIN "2e7d32"
#define GROUP_COLOR_IMPROVE "b7791f"
#define GROUP_COLOR_URGENT "c53030"

struct table_row {
    const char *color;
    char *cells[TABLE_MAX_COLS];
};

struct table {
    size_t ncols;
    const int *right;
    size_t width[TABLE_MAX_COLS];
    size_t max[TABLE_MAX_COLS];
    struct table_row *rows;
    size_t nrows, cap;
    int failed;
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

/* An agency's value of the ranking's attribute k, or NULL. */
const char *rank_attr_of(const struct ita_ranking *r, const struct ita_rank_entry *e, size_t k);

void table_init(struct table *t, size_t ncols, const int *right_align);
void table_row(struct table *t, const char *color, const char *const *cells);
void table_render(struct table *t, struct ita_buf *out, const char *indent);
void table_free(struct table *t);

#endif
