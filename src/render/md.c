/* The publishable analysis as Markdown for pandoc: a YAML title block, pipe tables.
 * What the document says is decided in document.c; this file only marks it up. */
#include <string.h>

#include "document.h"

/* Text with every character Markdown could read as markup escaped; line breaks
 * become spaces, so that a table cell or a list item stays on its line. */
static void md(struct ita_buf *out, const char *s)
{
    for (; *s; s++) {
        char c = *s;
        if (c == '\n' || c == '\r' || c == '\t') {
            ita_buf_putc(out, ' ');
            continue;
        }
        if (strchr("\\`*_{}[]<>#|$~^@&", c) != NULL)
            ita_buf_putc(out, '\\');
        ita_buf_putc(out, c);
    }
}

/* A YAML double-quoted scalar holding escaped Markdown (pandoc reads metadata as Markdown). */
static void yaml_md(struct ita_buf *out, const char *key, const char *text)
{
    struct ita_buf m;
    ita_buf_scratch(&m, out);
    md(&m, text);
    ita_buf_printf(out, "%s: \"", key);
    for (const char *p = ita_buf_str(&m); *p; p++) {
        if (*p == '"' || *p == '\\')
            ita_buf_putc(out, '\\');
        ita_buf_putc(out, *p);
    }
    ita_buf_puts(out, "\"\n");
    ita_buf_free(&m);
}

static void begin(const struct doc_writer *w, const char *title, const char *subtitle, const char *agency)
{
    ita_buf_puts(w->out, "---\n");
    yaml_md(w->out, "title", title);
    yaml_md(w->out, "subtitle", subtitle);
    yaml_md(w->out, "author", agency);
    ita_buf_printf(w->out, "lang: %s\n---\n\n", w->t->lang == ITA_LANG_TH ? "th" : "en");
}

static void nothing(const struct doc_writer *w)
{
    (void)w;
}

static void section_begin(const struct doc_writer *w, const char *cls, const char *id)
{
    (void)w, (void)cls, (void)id;
}

/* Headings down to "####"; the indicators within a group are bold lines, which
 * pandoc keeps out of a Word file's outline. */
static void heading(const struct doc_writer *w, int level, enum ita_tier tier, const char *text)
{
    (void)tier;
    if (level >= 5) {
        ita_buf_puts(w->out, "**");
        md(w->out, text);
        ita_buf_puts(w->out, "**\n\n");
        return;
    }
    for (int i = 0; i < level; i++)
        ita_buf_putc(w->out, '#');
    ita_buf_putc(w->out, ' ');
    md(w->out, text);
    ita_buf_puts(w->out, "\n\n");
}

static void paragraph(const struct doc_writer *w, const char *text)
{
    md(w->out, text);
    ita_buf_puts(w->out, "\n\n");
}

/* A list ends with a blank line; an item's line ends when the next line begins. */
static void list_begin(const struct doc_writer *w, int depth)
{
    (void)w, (void)depth;
}

static void list_end(const struct doc_writer *w, int depth)
{
    if (depth == 0)
        ita_buf_putc(w->out, '\n');
}

static void item_begin(const struct doc_writer *w, int depth, enum ita_tier tier, const char *code)
{
    (void)tier;
    if (depth > 0) {
        ita_buf_puts(w->out, "\n    - ");
        return;
    }
    ita_buf_puts(w->out, "- ");
    if (code != NULL)
        ita_buf_printf(w->out, "**%s** ", code);
}

static void item_end(const struct doc_writer *w, int depth)
{
    if (depth == 0)
        ita_buf_putc(w->out, '\n');
}

/* A fact is a list item with its label in bold; the list ends with a blank line. */
static void fact(const struct doc_writer *w, const char *label, const char *value)
{
    ita_buf_puts(w->out, "- **");
    md(w->out, label);
    ita_buf_puts(w->out, ":** ");
    md(w->out, value);
    ita_buf_putc(w->out, '\n');
}

static void facts_end(const struct doc_writer *w)
{
    ita_buf_putc(w->out, '\n');
}

/* A blank line ends whatever list came before; then a thematic break. */
static void separator(const struct doc_writer *w)
{
    ita_buf_puts(w->out, "\n* * *\n\n");
}

static void note(const struct doc_writer *w, enum doc_note kind, const char *text)
{
    (void)kind;
    ita_buf_puts(w->out, "- ");
    md(w->out, text);
    ita_buf_putc(w->out, '\n');
}

/* The headers are column names of the texts file, written as they are: the "#"
 * of the number column is no markup inside a table. */
static void table_begin(const struct doc_writer *w, enum doc_table table, const struct doc_column *cols, size_t n)
{
    (void)table;
    for (size_t c = 0; c < n; c++) {
        ita_buf_puts(w->out, "| ");
        ita_buf_puts(w->out, cols[c].header);
        ita_buf_putc(w->out, ' ');
    }
    ita_buf_puts(w->out, "|\n");
    for (size_t c = 0; c < n; c++) {
        ita_buf_puts(w->out, cols[c].align == DOC_RIGHT ? "|" : "|:");
        for (unsigned d = 0; d < cols[c].width; d++)
            ita_buf_putc(w->out, '-');
        if (cols[c].align == DOC_RIGHT)
            ita_buf_putc(w->out, ':');
    }
    ita_buf_puts(w->out, "|\n");
}

static void table_end(const struct doc_writer *w, enum doc_table table)
{
    (void)table;
    ita_buf_putc(w->out, '\n');
}

static void row_begin(const struct doc_writer *w, enum doc_row row)
{
    (void)w, (void)row;
}

static void row_end(const struct doc_writer *w)
{
    ita_buf_puts(w->out, "|\n");
}

/* A pipe table has no spans: every row has every cell. */
static void cell_begin(const struct doc_writer *w, enum doc_cell cell, size_t rowspan)
{
    (void)cell, (void)rowspan;
    ita_buf_puts(w->out, "| ");
}

static void cell_end(const struct doc_writer *w)
{
    ita_buf_putc(w->out, ' ');
}

static void cell_spanned(const struct doc_writer *w)
{
    ita_buf_puts(w->out, "|  ");
}

static void text(const struct doc_writer *w, const char *s)
{
    md(w->out, s);
}

static void strong(const struct doc_writer *w, const char *s)
{
    if (s[0] == '\0')
        return;
    ita_buf_puts(w->out, "**");
    md(w->out, s);
    ita_buf_puts(w->out, "**");
}

static void cell_figure(const struct doc_writer *w, int64_t cents, bool change, bool bold)
{
    char b[ITA_CENTS_BUFSZ];
    const char *s = cents == ITA_MISSING ? "–"
                    : change             ? ita_cents_format_signed(cents, b)
                                         : ita_cents_format(cents, b);
    cell_begin(w, DOC_CELL_NUMBER, 1);
    (bold ? strong : text)(w, s);
    cell_end(w);
}

static void change(const struct doc_writer *w, int64_t cents)
{
    char b[ITA_CENTS_BUFSZ];
    md(w->out, ita_cents_format_signed(cents, b));
}

static void tag(const struct doc_writer *w, enum ita_tier tier, const char *name)
{
    (void)tier;
    md(w->out, name);
}

static void group_remark(const struct doc_writer *w, enum ita_tier tier, const char *name, const char *remark)
{
    (void)tier, (void)name;
    md(w->out, remark);
}

static void item_ref(const struct doc_writer *w, const char *code, enum ita_tier tier, const char *group)
{
    ita_buf_puts(w->out, "**");
    md(w->out, code);
    ita_buf_puts(w->out, "**");
    if (tier != ITA_TIER_NONE) {
        ita_buf_puts(w->out, " (");
        md(w->out, group);
        ita_buf_puts(w->out, ")");
    }
}

static void result(const struct doc_writer *w, bool met, const char *s)
{
    (met ? text : strong)(w, s);
}

static void link(const struct doc_writer *w, const char *href, const char *s)
{
    ita_buf_putc(w->out, '[');
    md(w->out, s);
    ita_buf_puts(w->out, "](<");
    md(w->out, href);
    ita_buf_puts(w->out, ">)");
}

void doc_writer_md(struct doc_writer *w, struct ita_buf *out, const struct ita_texts *t)
{
    const struct doc_writer md_writer = {
        .out = out, .t = t, .a = NULL, .r = NULL,
        .begin = begin, .end = nothing, .section_begin = section_begin, .section_end = nothing,
        .heading = heading, .paragraph = paragraph,
        .facts_begin = nothing, .fact = fact, .facts_end = facts_end, .separator = separator,
        .list_begin = list_begin, .list_end = list_end, .item_begin = item_begin, .item_end = item_end,
        .notes_begin = nothing, .note = note, .notes_end = nothing,
        .table_begin = table_begin, .table_end = table_end, .row_begin = row_begin, .row_end = row_end,
        .cell_begin = cell_begin, .cell_end = cell_end, .cell_spanned = cell_spanned, .cell_figure = cell_figure,
        .text = text, .strong = strong, .lines = text, .score = text, .grade = text, .change = change,
        .tag = tag, .group_remark = group_remark, .item_ref = item_ref, .result = result,
        .link = link,
    };
    *w = md_writer;
}

void ita_render_document_md(const struct ita_analysis *a, size_t index, const struct ita_render_options *o,
                            struct ita_buf *out)
{
    struct doc_writer w;
    doc_writer_md(&w, out, o->texts);
    w.a = a;
    w.r = &a->reports[index];
    doc_write(&w, o->measures);
}
