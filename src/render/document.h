/* Private to the md and html renderers: the content of the publishable analysis,
 * decided once, and the writer interface through which each renderer marks it up
 * in its own way. Everything here reads the analysis and appends to a buffer;
 * nothing allocates anything that outlives the call. */
#ifndef ITA_RENDER_DOCUMENT_H
#define ITA_RENDER_DOCUMENT_H

#include "common.h"

/* Group names of the texts file: "tier_maintain" ... */
extern const char *const doc_tier_keys[ITA_TIER_COUNT];
/* "FY2022" / "ปี 2565" for a table column or a chart's legend. */
void doc_year_column(struct ita_buf *out, const struct ita_texts *t, int year_be);
/* What the document decides about the measures, for the workbook too: the worst
 * group among an item and its sub-questions; whether an item gets a row of
 * measures (improve, urgent, an OIT item not met, or one the officer gave
 * measures for; m may be NULL); what is weak in it, as one sentence. */
enum ita_tier doc_worst_tier(const struct ita_report *r, size_t item);
bool doc_needs_measure(const struct ita_report *r, size_t item, const struct ita_measures *m);
/* The next item of `tool` with rows of measures, in the document's order (start
 * with *cursor = 0); SIZE_MAX after the last. */
size_t doc_measure_next(const struct ita_report *r, const struct ita_measures *m, enum ita_tool tool, size_t *cursor);
void doc_weakness(struct ita_buf *out, const struct ita_texts *t, const struct ita_report *r, size_t item,
                  int64_t maintain_above);

/* A plan's target in words: "overall score 98.00 or above", "AA: overall score
 * 95.00 or above", ... (plan.c; the workbook says it the same way). */
void plan_target_phrase(struct ita_buf *out, const struct ita_texts *t, const struct ita_plan *p);

/* The document as a sequence of calls to a writer. doc_write() walks the report
 * once and decides everything the document says: which sections, headings, rows,
 * items and figures, their texts and their order. A writer only marks that up
 * (escaping included) and appends it to w->out; it decides nothing about content.
 * Texts handed to a writer are plain text, which it escapes; column headers are
 * the texts file's own words. */
enum doc_align { DOC_LEFT, DOC_RIGHT };
enum doc_table { DOC_TABLE_SCORES, DOC_TABLE_GROUPS, DOC_TABLE_OIT_ITEMS, DOC_TABLE_MEASURES };
enum doc_row { DOC_ROW_PLAIN, DOC_ROW_TOOL, DOC_ROW_TOTAL };
/* What a cell holds: text, a figure, an item code, or a blank for the officer to fill in. */
enum doc_cell { DOC_CELL_TEXT, DOC_CELL_NUMBER, DOC_CELL_CODE, DOC_CELL_BLANK };
enum doc_note { DOC_NOTE_AUDIT, DOC_NOTE_OTHER, DOC_NOTE_STANDING };
/* The charts a writer may draw (html does, from w->a and w->r; Markdown has none). */
enum doc_chart { DOC_CHART_TOOLS, DOC_CHART_INDICATORS, DOC_CHART_ITEMS, DOC_CHART_PEERS, DOC_CHART_HISTORY };

struct doc_column {
    const char *header;
    enum doc_align align;
    unsigned width; /* relative, as the dashes of a Markdown delimiter row (pandoc reads them so) */
};

struct doc_writer {
    struct ita_buf *out;
    const struct ita_texts *t;
    const struct ita_analysis *a;
    const struct ita_report *r;
    void *state; /* the writer's own, when it needs any (plain text collects a table's rows) */

    void (*begin)(const struct doc_writer *w, const char *title, const char *subtitle, const char *agency);
    void (*end)(const struct doc_writer *w);
    void (*section_begin)(const struct doc_writer *w, const char *cls, const char *id); /* cls may be NULL */
    void (*section_end)(const struct doc_writer *w);
    /* level 2 to 5; tier is the group a heading introduces, or ITA_TIER_NONE */
    void (*heading)(const struct doc_writer *w, int level, enum ita_tier tier, const char *text);
    void (*paragraph)(const struct doc_writer *w, const char *text);
    /* key figures at a glance; a writer may leave these NULL */
    void (*kpis_begin)(const struct doc_writer *w);
    void (*kpi)(const struct doc_writer *w, const char *label, const char *value);
    void (*kpis_end)(const struct doc_writer *w);
    void (*chart)(const struct doc_writer *w, enum doc_chart chart); /* may be NULL */
    /* a chart drawn already (inline SVG from svg.c) with its caption; NULL where a
     * format has no images (Markdown), whose tables then carry the same numbers */
    void (*figure)(const struct doc_writer *w, const char *svg, const char *caption);
    /* a part's facts, one label and value each (the agency, the year, the target ...) */
    void (*facts_begin)(const struct doc_writer *w);
    void (*fact)(const struct doc_writer *w, const char *label, const char *value);
    void (*facts_end)(const struct doc_writer *w);
    /* between two parts of one document that stand alone (the plans of several agencies) */
    void (*separator)(const struct doc_writer *w);

    /* The items of a group under one indicator (depth 0), each with its
     * sub-questions (depth 1, begun only when there are some). */
    void (*list_begin)(const struct doc_writer *w, int depth);
    void (*list_end)(const struct doc_writer *w, int depth);
    void (*item_begin)(const struct doc_writer *w, int depth, enum ita_tier tier, const char *code);
    void (*item_end)(const struct doc_writer *w, int depth);
    /* the notes: a bullet list */
    void (*notes_begin)(const struct doc_writer *w);
    void (*note)(const struct doc_writer *w, enum doc_note kind, const char *text);
    void (*notes_end)(const struct doc_writer *w);

    void (*table_begin)(const struct doc_writer *w, enum doc_table table, const struct doc_column *cols, size_t n);
    void (*table_end)(const struct doc_writer *w, enum doc_table table);
    void (*row_begin)(const struct doc_writer *w, enum doc_row row);
    void (*row_end)(const struct doc_writer *w);
    void (*cell_begin)(const struct doc_writer *w, enum doc_cell cell, size_t rowspan);
    void (*cell_end)(const struct doc_writer *w);
    /* a cell taken by the cell above it, whose rowspan covers this row */
    void (*cell_spanned)(const struct doc_writer *w);
    /* a cell with a figure (ITA_MISSING: none); a change is signed */
    void (*cell_figure)(const struct doc_writer *w, int64_t cents, bool change, bool strong);

    /* Inline, in a paragraph, an item or a cell. */
    void (*text)(const struct doc_writer *w, const char *s);
    void (*strong)(const struct doc_writer *w, const char *s); /* in a tool or total row */
    void (*lines)(const struct doc_writer *w, const char *s);  /* the officer's text, line breaks and all */
    void (*score)(const struct doc_writer *w, const char *s);
    void (*grade)(const struct doc_writer *w, const char *s);
    void (*change)(const struct doc_writer *w, int64_t cents);
    void (*tag)(const struct doc_writer *w, enum ita_tier tier, const char *name);
    /* a sub-question in another group than its item: the group, and the remark that says so */
    void (*group_remark)(const struct doc_writer *w, enum ita_tier tier, const char *name, const char *remark);
    /* the item that a row of measures is about, and its group (or ITA_TIER_NONE) */
    void (*item_ref)(const struct doc_writer *w, const char *code, enum ita_tier tier, const char *group);
    void (*result)(const struct doc_writer *w, bool met, const char *text);
    /* a link to another document of the same directory (a relative file name) */
    void (*link)(const struct doc_writer *w, const char *href, const char *text);
};

/* The writers of md.c and html.c, with a and r NULL and no charts: what the
 * national summary of `ita rank` (rank_document.c) writes through. */
void doc_writer_md(struct doc_writer *w, struct ita_buf *out, const struct ita_texts *t);
void doc_writer_html(struct doc_writer *w, struct ita_buf *out, const struct ita_texts *t);

/* The plain text writer of `ita plan`: facts as "label: value" lines, headings and
 * paragraphs after a blank line, tables aligned by display width (indented two
 * spaces, a column of text at most 36 wide, which longer texts overflow), notes
 * as "  - " lines. It writes what plan uses and leaves the other
 * callbacks NULL (lists, charts, key figures). A table's rows are collected in *s
 * until the table ends, so s must outlive the document; nothing is left in it
 * after a table's end. */
struct doc_text_state {
    struct table table;
    int right[TABLE_MAX_COLS];
    struct ita_buf cells[TABLE_MAX_COLS];
    size_t cell; /* the row's next cell */
};
void doc_writer_text(struct doc_writer *w, struct ita_buf *out, const struct ita_texts *t,
                     struct doc_text_state *s);

/* The whole document of w->r, with the officer's measures (or NULL). */
void doc_write(const struct doc_writer *w, const struct ita_measures *m);

#endif
