/* Private to the renderers: an agency's history (ita/history.h) as grids of
 * texts that the text table and the document's tables both lay out, and as JSON. */
#ifndef ITA_RENDER_HISTORY_H
#define ITA_RENDER_HISTORY_H

#include "common.h"
#include "ita/history.h"

/* At most this many years are laid out side by side (the latest ones). */
#define HISTORY_MAX_YEARS (TABLE_MAX_COLS - 2)

/* A grid of texts: row 0 the header (the years), column 0 the labels. */
struct history_grid {
    size_t rows, cols;
    char **cells;             /* rows x cols, each allocated */
    bool failed;
};

/* The first year laid out (the history's years from there on). */
size_t history_first(const struct ita_history *h);
/* Overall score, grade or level, the tools and the indicators, one row each. */
void history_grid_figures(struct history_grid *g, const struct ita_texts *t, const struct ita_report *r);
/* Every item of the report's year: its score in each year where the same question
 * was asked ("100.00 (O5)" where its code differed), "not asked" where it was not. */
void history_grid_items(struct history_grid *g, const struct ita_texts *t, const struct ita_report *r);
void history_grid_free(struct history_grid *g);
/* Whether a document shows the history: asked for, or 3 years or more. */
bool history_in_document(const struct ita_report *r);
/* The "History" section of the text report; nothing when r->history is NULL. */
void history_text(struct ita_buf *out, const struct ita_texts *t, const struct ita_report *r);
/* ,"history":[...] of a JSON report (docs/json.md); nothing when r->history is NULL. */
void history_json(struct ita_buf *out, const struct ita_report *r);

#endif
