/* An agency's years side by side: the grids of the text and document tables, and JSON. */
#include "history.h"

#include "document.h"

#include <stdlib.h>
#include <string.h>

size_t history_first(const struct ita_history *h)
{
    return h->count > HISTORY_MAX_YEARS ? h->count - HISTORY_MAX_YEARS : 0;
}

bool history_in_document(const struct ita_report *r)
{
    return r->history != NULL && (r->history->asked || r->history->count >= 3);
}

static void grid_init(struct history_grid *g, size_t rows, size_t cols)
{
    g->rows = rows;
    g->cols = cols;
    g->failed = false;
    g->cells = calloc(rows * cols > 0 ? rows * cols : 1, sizeof *g->cells);
    if (g->cells == NULL)
        g->failed = true;
}

static void grid_set(struct history_grid *g, size_t row, size_t col, const char *s)
{
    if (g->cells == NULL)
        return;
    char *copy = ita_strdup(s);
    if (copy == NULL)
        g->failed = true;
    free(g->cells[row * g->cols + col]);
    g->cells[row * g->cols + col] = copy;
}

void history_grid_free(struct history_grid *g)
{
    for (size_t i = 0; g->cells != NULL && i < g->rows * g->cols; i++)
        free(g->cells[i]);
    free(g->cells);
    memset(g, 0, sizeof *g);
}

/* Row 0: nothing above the labels, then "FY2022" per year. */
static void grid_header(struct history_grid *g, const struct ita_texts *t, const struct ita_history *h)
{
    grid_set(g, 0, 0, "");
    for (size_t y = history_first(h); y < h->count; y++) {
        struct ita_buf b;
        ita_buf_init(&b); /* no owner: it fills the grid, which keeps its own flag */
        doc_year_column(&b, t, h->years[y].year);
        grid_set(g, 0, 1 + y - history_first(h), ita_buf_str(&b));
        g->failed |= b.failed;
        ita_buf_free(&b);
    }
}

static const char *cents(int64_t v, char *buf)
{
    return v == ITA_MISSING ? "-" : ita_cents_format(v, buf);
}

void history_grid_figures(struct history_grid *g, const struct ita_texts *t, const struct ita_report *r)
{
    const struct ita_history *h = r->history;
    const struct ita_framework *fw = r->fw;
    size_t first = history_first(h);
    grid_init(g, 3 + ITA_TOOL_COUNT + fw->indicator_count, 1 + h->count - first);
    grid_header(g, t, h);
    grid_set(g, 1, 0, ita_text(t, "overall"));
    bool grades = false, levels = false;
    for (size_t y = first; y < h->count; y++) {
        grades |= h->years[y].fw->scheme == ITA_RATING_GRADES;
        levels |= h->years[y].fw->scheme == ITA_RATING_LEVELS;
    }
    char rating[128];
    snprintf(rating, sizeof rating, "%s%s%s", grades ? ita_text(t, "grade") : "", grades && levels ? " / " : "",
             levels ? ita_text(t, "level") : "");
    grid_set(g, 2, 0, rating);
    for (int k = 0; k < ITA_TOOL_COUNT; k++)
        grid_set(g, 3 + (size_t)k, 0, ita_tool_code((enum ita_tool)k));
    for (size_t n = 0; n < fw->indicator_count; n++) {
        char label[256];
        snprintf(label, sizeof label, "%u %s", fw->indicators[n].number,
                 ita_render_text(&fw->indicators[n].name, t->lang));
        grid_set(g, 3 + ITA_TOOL_COUNT + n, 0, label);
    }
    for (size_t y = first; y < h->count; y++) {
        const struct ita_history_year *hy = &h->years[y];
        size_t col = 1 + y - first;
        char b[ITA_CENTS_BUFSZ];
        grid_set(g, 1, col, cents(hy->overall, b));
        grid_set(g, 2, col, hy->band == SIZE_MAX ? "-" : ita_render_band_name(hy->fw, hy->band, t->lang));
        for (int k = 0; k < ITA_TOOL_COUNT; k++)
            grid_set(g, 3 + (size_t)k, col, cents(hy->tools[k], b));
        /* indicators by number: the ten are the same in every year */
        for (size_t n = 0; n < fw->indicator_count; n++)
            grid_set(g, 3 + ITA_TOOL_COUNT + n, col,
                     n < hy->fw->indicator_count ? cents(hy->indicators[n], b) : "-");
    }
}

void history_grid_items(struct history_grid *g, const struct ita_texts *t, const struct ita_report *r)
{
    const struct ita_history *h = r->history;
    const struct ita_framework *fw = r->fw;
    size_t first = history_first(h);
    grid_init(g, 1 + fw->item_count, 1 + h->count - first);
    grid_header(g, t, h);
    for (size_t i = 0; i < fw->item_count; i++) {
        char label[600];
        snprintf(label, sizeof label, "%s %s", fw->items[i].code, ita_render_text(&fw->items[i].text, t->lang));
        grid_set(g, 1 + i, 0, label);
        for (size_t y = first; y < h->count; y++) {
            const struct ita_history_item *hi = &h->years[y].items[i];
            char b[ITA_CENTS_BUFSZ], cell[64];
            if (hi->item == NULL)
                snprintf(cell, sizeof cell, "%s", ita_text(t, "history_not_asked"));
            else if (hi->score != ITA_MISSING && strcmp(hi->item->code, fw->items[i].code) != 0)
                snprintf(cell, sizeof cell, "%s (%s)", cents(hi->score, b), hi->item->code);
            else
                snprintf(cell, sizeof cell, "%s", cents(hi->score, b));
            grid_set(g, 1 + i, 1 + y - first, cell);
        }
    }
}

static void grid_text(struct ita_buf *out, const struct history_grid *g)
{
    int right[TABLE_MAX_COLS];
    for (size_t c = 0; c < TABLE_MAX_COLS; c++)
        right[c] = c > 0;
    struct table tb;
    table_init(&tb, g->cols, right);
    tb.max[0] = 44;
    for (size_t row = 0; row < g->rows && g->cells != NULL; row++)
        table_row(&tb, NULL, (const char *const *)&g->cells[row * g->cols]);
    table_render(&tb, out, "");
    table_free(&tb);
}

void history_text(struct ita_buf *out, const struct ita_texts *t, const struct ita_report *r)
{
    if (r->history == NULL || r->history->count == 0)
        return;
    struct history_grid g;
    ita_buf_printf(out, "\n%s\n", ita_text(t, "history"));
    history_grid_figures(&g, t, r);
    grid_text(out, &g);
    if (g.failed)
        ita_buf_fail(out);
    history_grid_free(&g);
    ita_buf_printf(out, "\n%s\n", ita_text(t, "history_items"));
    history_grid_items(&g, t, r);
    grid_text(out, &g);
    if (g.failed)
        ita_buf_fail(out);
    history_grid_free(&g);
}

void history_json(struct ita_buf *o, const struct ita_report *r)
{
    const struct ita_history *h = r->history;
    if (h == NULL)
        return;
    ita_buf_puts(o, ",\"history\":[");
    for (size_t y = 0; y < h->count; y++) {
        const struct ita_history_year *hy = &h->years[y];
        const struct ita_framework *fw = hy->fw;
        ita_buf_printf(o, "%s{\"year\":%d,\"overall\":{", y ? "," : "", hy->year);
        json_cents(o, "score", hy->overall);
        bool grades = fw->scheme == ITA_RATING_GRADES, rated = hy->band != SIZE_MAX;
        ita_buf_puts(o, ",\"grade\":");
        if (grades && rated)
            ita_buf_json_string(o, fw->bands[hy->band].name.th);
        else
            ita_buf_puts(o, "null");
        ita_buf_puts(o, ",\"level_th\":");
        if (!grades && rated)
            ita_buf_json_string(o, fw->bands[hy->band].name.th);
        else
            ita_buf_puts(o, "null");
        ita_buf_puts(o, ",\"level_en\":");
        if (!grades && rated)
            ita_buf_json_string(o, fw->bands[hy->band].name.en);
        else
            ita_buf_puts(o, "null");
        ita_buf_printf(o, ",\"pass\":%s},\"tools\":[", rated && hy->pass ? "true" : "false");
        for (int k = 0; k < ITA_TOOL_COUNT; k++) {
            ita_buf_printf(o, "%s{\"code\":\"%s\",", k ? "," : "", ita_tool_code((enum ita_tool)k));
            json_cents(o, "score", hy->tools[k]);
            ita_buf_putc(o, '}');
        }
        ita_buf_puts(o, "],\"indicators\":[");
        for (size_t n = 0; n < fw->indicator_count; n++) {
            ita_buf_printf(o, "%s{\"number\":%u,", n ? "," : "", fw->indicators[n].number);
            json_cents(o, "score", hy->indicators[n]);
            ita_buf_putc(o, '}');
        }
        /* the report's items: the same question that year */
        ita_buf_puts(o, "],\"items\":[");
        for (size_t i = 0; i < r->fw->item_count; i++) {
            const struct ita_history_item *hi = &hy->items[i];
            ita_buf_printf(o, "%s{\"code\":\"%s\",\"code_then\":", i ? "," : "", r->fw->items[i].code);
            if (hi->item != NULL)
                ita_buf_json_string(o, hi->item->code);
            else
                ita_buf_puts(o, "null");
            ita_buf_putc(o, ',');
            json_cents(o, "score", hi->score);
            ita_buf_putc(o, '}');
        }
        ita_buf_puts(o, "]}");
    }
    ita_buf_putc(o, ']');
}
