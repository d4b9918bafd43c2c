/* A document as plain text for a terminal: what `ita plan` writes by default.
 * What the document says is decided by its author (plan.c); this file only lays
 * it out: no markup, tables aligned by display width. */
#include <string.h>

#include "document.h"

/* A column of names stays this narrow (display width); a longer name overflows it. */
#define TEXT_COLUMN_MAX 36

static struct doc_text_state *state(const struct doc_writer *w)
{
    return w->state;
}

static void begin(const struct doc_writer *w, const char *title, const char *subtitle, const char *agency)
{
    (void)w, (void)title, (void)subtitle, (void)agency;
}

static void nothing(const struct doc_writer *w)
{
    (void)w;
}

static void section_begin(const struct doc_writer *w, const char *cls, const char *id)
{
    (void)w, (void)cls, (void)id;
}

static void heading(const struct doc_writer *w, int level, enum ita_tier tier, const char *text)
{
    (void)level, (void)tier;
    ita_buf_printf(w->out, "\n%s\n", text);
}

static void fact(const struct doc_writer *w, const char *label, const char *value)
{
    ita_buf_printf(w->out, "%s: %s\n", label, value);
}

/* Two parts apart by two blank lines. */
static void separator(const struct doc_writer *w)
{
    ita_buf_puts(w->out, "\n\n");
}

static void note(const struct doc_writer *w, enum doc_note kind, const char *text)
{
    (void)kind;
    ita_buf_printf(w->out, "  - %s\n", text);
}

/* The header is the table's first row; the rows wait in the state until the end. */
static void table_begin(const struct doc_writer *w, enum doc_table table, const struct doc_column *cols, size_t n)
{
    (void)table;
    struct doc_text_state *s = state(w);
    if (n > TABLE_MAX_COLS)
        n = TABLE_MAX_COLS;
    const char *head[TABLE_MAX_COLS];
    for (size_t c = 0; c < n; c++) {
        s->right[c] = cols[c].align == DOC_RIGHT;
        head[c] = cols[c].header;
    }
    table_init(&s->table, n, s->right);
    for (size_t c = 0; c < n; c++)
        if (cols[c].align == DOC_LEFT)
            s->table.max[c] = TEXT_COLUMN_MAX;
    table_row(&s->table, NULL, head);
}

static void table_end(const struct doc_writer *w, enum doc_table table)
{
    (void)table;
    struct doc_text_state *s = state(w);
    table_render(&s->table, w->out, "  ");
    table_free(&s->table);
}

static void row_begin(const struct doc_writer *w, enum doc_row row)
{
    (void)row;
    struct doc_text_state *s = state(w);
    s->cell = 0;
    for (size_t c = 0; c < TABLE_MAX_COLS; c++)
        ita_buf_scratch(&s->cells[c], w->out);
}

static void row_end(const struct doc_writer *w)
{
    struct doc_text_state *s = state(w);
    const char *cells[TABLE_MAX_COLS];
    for (size_t c = 0; c < TABLE_MAX_COLS; c++)
        cells[c] = ita_buf_str(&s->cells[c]);
    table_row(&s->table, NULL, cells);
    for (size_t c = 0; c < TABLE_MAX_COLS; c++)
        ita_buf_free(&s->cells[c]);
}

static void cell_begin(const struct doc_writer *w, enum doc_cell cell, size_t rowspan)
{
    (void)w, (void)cell, (void)rowspan;
}

static void cell_end(const struct doc_writer *w)
{
    struct doc_text_state *s = state(w);
    if (s->cell + 1 < TABLE_MAX_COLS)
        s->cell++;
}

static void text(const struct doc_writer *w, const char *str)
{
    struct doc_text_state *s = state(w);
    ita_buf_puts(&s->cells[s->cell], str);
}

static void cell_figure(const struct doc_writer *w, int64_t cents, bool change, bool strong)
{
    (void)strong;
    char b[ITA_CENTS_BUFSZ];
    text(w, change && cents != ITA_MISSING ? ita_cents_format_signed(cents, b) : ita_cents_format(cents, b));
    cell_end(w);
}

/* Outside a table, text is a paragraph's. */
static void paragraph(const struct doc_writer *w, const char *str)
{
    ita_buf_printf(w->out, "\n%s\n", str);
}

void doc_writer_text(struct doc_writer *w, struct ita_buf *out, const struct ita_texts *t,
                     struct doc_text_state *s)
{
    memset(s, 0, sizeof *s);
    const struct doc_writer text_writer = {
        .out = out, .t = t, .a = NULL, .r = NULL, .state = s,
        .begin = begin, .end = nothing, .section_begin = section_begin, .section_end = nothing,
        .heading = heading, .paragraph = paragraph,
        .facts_begin = nothing, .fact = fact, .facts_end = nothing, .separator = separator,
        .notes_begin = nothing, .note = note, .notes_end = nothing,
        .table_begin = table_begin, .table_end = table_end, .row_begin = row_begin, .row_end = row_end,
        .cell_begin = cell_begin, .cell_end = cell_end, .cell_figure = cell_figure,
        .text = text, .strong = text,
    };
    *w = text_writer;
}
