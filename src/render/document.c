/* The content of the publishable analysis, decided once for md and html: doc_write
 * walks the report and hands every heading, row, item and figure to a writer. */
#include "document.h"
#include "history.h"
#include "peers.h"

#include <stdio.h>
#include <string.h>

#define DOC_MAX_TIED 16

/* The indicators with the highest and the lowest score (ties: all of them, in order). */
struct doc_extremes {
    size_t best[DOC_MAX_TIED], worst[DOC_MAX_TIED];
    size_t nbest, nworst;
};

const char *const doc_tier_keys[ITA_TIER_COUNT] = {"tier_maintain", "tier_improve", "tier_urgent"};
static const char *const doc_tier_long_keys[ITA_TIER_COUNT] = {"tier_maintain_long", "tier_improve_long",
                                                        "tier_urgent_long"};

static void fill1(struct ita_buf *out, const struct ita_texts *t, const char *key, const char *a1)
{
    const char *args[] = {a1};
    ita_texts_fill(out, t, key, args, 1);
}

static void year_args(int year_be, char *ce, char *be)
{
    snprintf(ce, 16, "%d", year_be - 543);
    snprintf(be, 16, "%d", year_be);
}

void doc_year_column(struct ita_buf *out, const struct ita_texts *t, int year_be)
{
    char ce[16], be[16];
    year_args(year_be, ce, be);
    const char *args[] = {ce, be};
    ita_texts_fill(out, t, "doc_year_column", args, 2);
}

static void doc_extremes(const struct ita_report *r, struct doc_extremes *e)
{
    memset(e, 0, sizeof *e);
    const struct ita_framework *fw = r->fw;
    int64_t hi = ITA_MISSING, lo = ITA_MISSING;
    for (size_t n = 0; n < fw->indicator_count; n++) {
        int64_t s = r->indicators[n].score;
        if (s == ITA_MISSING)
            continue;
        if (hi == ITA_MISSING || s > hi)
            hi = s;
        if (lo == ITA_MISSING || s < lo)
            lo = s;
    }
    if (hi == ITA_MISSING)
        return;
    for (size_t n = 0; n < fw->indicator_count; n++) {
        int64_t s = r->indicators[n].score;
        if (s == hi && e->nbest < DOC_MAX_TIED)
            e->best[e->nbest++] = n;
        if (s == lo && e->nworst < DOC_MAX_TIED)
            e->worst[e->nworst++] = n;
    }
}

static void indicator_fill(struct ita_buf *out, const struct ita_texts *t, const struct ita_framework *fw, size_t n,
                           const char *key)
{
    char num[16];
    snprintf(num, sizeof num, "%u", fw->indicators[n].number);
    const char *args[] = {num, ita_render_text(&fw->indicators[n].name, t->lang)};
    ita_texts_fill(out, t, key, args, 2);
}

/* "indicator 8, System improvement" */
static void doc_indicator_label(struct ita_buf *out, const struct ita_texts *t, const struct ita_framework *fw,
                                size_t n)
{
    indicator_fill(out, t, fw, n, "doc_indicator_label");
}

/* "Indicator 8: System improvement" */
static void doc_indicator_heading(struct ita_buf *out, const struct ita_texts *t, const struct ita_framework *fw,
                                  size_t n)
{
    indicator_fill(out, t, fw, n, "doc_indicator_heading");
}

/* "Analysis of the ITA results, FY2022 (B.E. 2565)" and "and measures for FY2023 ..." */
static void doc_title(struct ita_buf *out, const struct ita_texts *t, const struct ita_report *r)
{
    struct ita_buf y;
    ita_buf_scratch(&y, out);
    ita_render_year(&y, t, r->year);
    fill1(out, t, "doc_title", ita_buf_str(&y));
    ita_buf_free(&y);
}

static void doc_subtitle(struct ita_buf *out, const struct ita_texts *t, const struct ita_report *r)
{
    struct ita_buf y;
    ita_buf_scratch(&y, out);
    ita_render_year(&y, t, r->year + 1);
    fill1(out, t, "doc_subtitle", ita_buf_str(&y));
    ita_buf_free(&y);
}

/* "indicator 9, Information disclosure and indicator 10, Corruption prevention" */
static void indicator_list(struct ita_buf *out, const struct ita_texts *t, const struct ita_framework *fw,
                           const size_t *list, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            ita_buf_puts(out, ita_text(t, i + 1 == n ? "list_and" : "list_comma"));
        doc_indicator_label(out, t, fw, list[i]);
    }
}

static void extreme_sentence(struct ita_buf *out, const struct ita_texts *t, const struct ita_report *r,
                             const size_t *list, size_t n, const char *key_one, const char *key_many)
{
    const struct ita_framework *fw = r->fw;
    struct ita_buf names;
    ita_buf_scratch(&names, out);
    indicator_list(&names, t, fw, list, n);
    char s[ITA_CENTS_BUFSZ];
    ita_cents_format(r->indicators[list[0]].score, s);
    const char *args[] = {ita_buf_str(&names), s};
    ita_texts_fill(out, t, n == 1 ? key_one : key_many, args, 2);
    ita_buf_free(&names);
    /* the change of a single indicator, when known */
    const struct ita_figure *f = &r->indicators[list[0]];
    if (n == 1 && f->delta != ITA_MISSING) {
        char d[ITA_CENTS_BUFSZ], ce[16], be[16];
        year_args(r->base_year, ce, be);
        const char *cargs[] = {ita_cents_format_signed(f->delta, d), ce, be};
        ita_texts_fill(out, t, "doc_change_since", cargs, 3);
    }
    ita_buf_puts(out, ita_text(t, "sentence_end"));
}

/* The summary paragraph: overall, grade or level, pass, change, strongest, weakest. */
static void doc_summary(struct ita_buf *out, const struct ita_texts *t, const struct ita_report *r)
{
    const struct ita_framework *fw = r->fw;
    const struct ita_figure *ov = &r->overall;
    char s1[ITA_CENTS_BUFSZ], s2[ITA_CENTS_BUFSZ], s3[ITA_CENTS_BUFSZ];
    struct ita_buf year;
    ita_buf_scratch(&year, out);
    ita_render_year(&year, t, r->year);
    const char *agency = r->agency->name[0] ? r->agency->name : ita_text(t, "doc_the_agency");
    if (ov->score == ITA_MISSING) {
        const char *args[] = {agency, ita_buf_str(&year)};
        ita_texts_fill(out, t, "doc_overall_missing", args, 2);
    } else {
        const char *args[] = {agency, ita_cents_format(ov->score, s1), ita_buf_str(&year),
                              ita_render_band_name(fw, ov->band, t->lang)};
        ita_texts_fill(out, t, fw->scheme == ITA_RATING_GRADES ? "doc_overall_grade" : "doc_overall_level", args,
                       4);
        ita_buf_puts(out, " ");
        if (fw->scheme == ITA_RATING_GRADES)
            fill1(out, t, r->pass ? "doc_pass_mark" : "doc_fail_mark", ita_cents_format(fw->pass_mark, s2));
        else
            ita_buf_puts(out, ita_text(t, r->pass ? "doc_pass_level" : "doc_fail_level"));
    }
    ita_buf_puts(out, " ");
    if (r->base_year == 0) {
        ita_buf_puts(out, ita_text(t, "doc_no_base"));
    } else {
        struct ita_buf by;
        ita_buf_scratch(&by, out);
        ita_render_year(&by, t, r->base_year);
        const char *bys = ita_buf_str(&by);
        if (ov->delta == ITA_MISSING) {
            const char *args[] = {bys};
            ita_texts_fill(out, t, "doc_change_unknown", args, 1);
        } else {
            int64_t d = ov->delta < 0 ? -ov->delta : ov->delta;
            const char *args[] = {ita_cents_format(d, s2), bys, ita_cents_format(ov->previous, s3)};
            ita_texts_fill(out, t, ov->delta > 0 ? "doc_change_up" : ov->delta < 0 ? "doc_change_down" : "doc_change_same",
                           args, 3);
        }
        ita_buf_free(&by);
    }
    struct doc_extremes e;
    doc_extremes(r, &e);
    /* with a single score among the indicators there is no strongest or weakest */
    if (e.nbest > 0 && r->indicators[e.best[0]].score != r->indicators[e.worst[0]].score) {
        ita_buf_puts(out, " ");
        extreme_sentence(out, t, r, e.best, e.nbest, "doc_strongest", "doc_strongest_many");
        ita_buf_puts(out, " ");
        extreme_sentence(out, t, r, e.worst, e.nworst, "doc_weakest", "doc_weakest_many");
    }
    ita_buf_free(&year);
}

/* "TEXT: 99.45 (AA)" in the language of t, with the change when there is one, as
 * plain text: what is weak in an item is one sentence in a cell (see scored()
 * below for the same with its score marked up). */
static void doc_scored(struct ita_buf *out, const struct ita_texts *t, const struct ita_framework *fw, const char *text,
                const struct ita_figure *f, int base_year)
{
    char s[ITA_CENTS_BUFSZ];
    const char *band = ita_render_band_name(fw, f->band, t->lang);
    const char *args[] = {text, ita_cents_format(f->score, s), band};
    ita_texts_fill(out, t, band[0] ? "doc_scored_grade" : "doc_scored", args, 3);
    if (f->delta != ITA_MISSING && base_year != 0) {
        char d[ITA_CENTS_BUFSZ], ce[16], be[16];
        year_args(base_year, ce, be);
        const char *cargs[] = {ita_cents_format_signed(f->delta, d), ce, be};
        ita_texts_fill(out, t, "doc_change_since", cargs, 3);
    }
}

/* The worst group among an item and its sub-questions. */
enum ita_tier doc_worst_tier(const struct ita_report *r, size_t item)
{
    const struct ita_fw_item *it = &r->fw->items[item];
    enum ita_tier worst = r->items[item].tier;
    for (size_t s = 0; s < it->sub_count; s++) {
        enum ita_tier st = r->subs[it->first_sub + s].tier;
        if (st != ITA_TIER_NONE && (worst == ITA_TIER_NONE || st > worst))
            worst = st;
    }
    return worst;
}

/* Whether an item gets a row in the measures table. */
bool doc_needs_measure(const struct ita_report *r, size_t item, const struct ita_measures *m)
{
    const struct ita_fw_item *it = &r->fw->items[item];
    const struct ita_figure *f = &r->items[item];
    if (it->tool == ITA_OIT) {
        if (f->score != ITA_MISSING && f->score != 10000)
            return true;
    } else {
        enum ita_tier w = doc_worst_tier(r, item);
        if (w == ITA_TIER_IMPROVE || w == ITA_TIER_URGENT)
            return true;
    }
    size_t cursor = 0;
    return ita_measures_next(m, r->agency->name, item, &cursor) != NULL;
}

/* The items of one tool that get rows of measures, in the order of the table:
 * urgent first, then improve, then anything else the officer gave measures for. */
size_t doc_measure_next(const struct ita_report *r, const struct ita_measures *m, enum ita_tool tool, size_t *cursor)
{
    static const enum ita_tier order[] = {ITA_TIER_URGENT, ITA_TIER_IMPROVE, ITA_TIER_MAINTAIN, ITA_TIER_NONE};
    const struct ita_framework *fw = r->fw;
    size_t n = fw->item_count;
    for (; *cursor < n * (sizeof order / sizeof order[0]); (*cursor)++) {
        size_t i = *cursor % n;
        enum ita_tier want = order[*cursor / n];
        if (fw->items[i].tool != tool || !doc_needs_measure(r, i, m))
            continue;
        if ((tool == ITA_OIT ? ITA_TIER_NONE : doc_worst_tier(r, i)) == want) {
            (*cursor)++;
            return i;
        }
    }
    return SIZE_MAX;
}

/* What is weak in an item: its text and score, then its weak sub-questions. */
void doc_weakness(struct ita_buf *out, const struct ita_texts *t, const struct ita_report *r, size_t item,
                  int64_t maintain_above)
{
    const struct ita_framework *fw = r->fw;
    const struct ita_fw_item *it = &fw->items[item];
    const struct ita_figure *f = &r->items[item];
    enum ita_lang lang = t->lang;
    if (f->score == ITA_MISSING) {
        ita_buf_puts(out, ita_render_text(&it->text, lang));
        return;
    }
    if (it->tool == ITA_OIT) {
        const char *args[] = {ita_render_text(&it->text, lang), ita_text(t, f->score == 10000 ? "met" : "not_met")};
        ita_texts_fill(out, t, "doc_oit_item_result", args, 2);
        return;
    }
    doc_scored(out, t, fw, ita_render_text(&it->text, lang), f, r->base_year);
    for (size_t s = 0; s < it->sub_count; s++) {
        const struct ita_figure *sf = &r->subs[it->first_sub + s];
        if (sf->score == ITA_MISSING || sf->score > maintain_above)
            continue;
        ita_buf_puts(out, ita_text(t, "doc_weak_sub_sep"));
        char sc[ITA_CENTS_BUFSZ];
        const char *args[] = {ita_render_text(&it->subs[s], lang), ita_cents_format(sf->score, sc)};
        ita_texts_fill(out, t, "doc_scored", args, 2);
    }
}

/* The long group heading with its cut-offs. */
static void doc_tier_heading(struct ita_buf *out, const struct ita_texts *t, const struct ita_analysis *a, int tier)
{
    char above[ITA_CENTS_BUFSZ], below[ITA_CENTS_BUFSZ];
    ita_cents_format(a->maintain_above, above);
    ita_cents_format(a->urgent_below, below);
    const char *args_m[] = {above};
    const char *args_i[] = {below, above};
    const char *args_u[] = {below};
    const char *const *args = tier == 0 ? args_m : tier == 1 ? args_i : args_u;
    ita_texts_fill(out, t, doc_tier_long_keys[tier], args, tier == 1 ? 2 : 1);
}

/* OIT items given, met. */
static void doc_oit_counts(const struct ita_report *r, size_t *given, size_t *met)
{
    *given = *met = 0;
    for (size_t i = 0; i < r->fw->item_count; i++)
        if (r->fw->items[i].tool == ITA_OIT && r->items[i].score != ITA_MISSING) {
            (*given)++;
            *met += r->items[i].score == 10000;
        }
}

/* "Internal Integrity and Transparency Assessment (IIT)" */
static void doc_tool_heading(struct ita_buf *out, const struct ita_texts *t, const struct ita_framework *fw,
                      enum ita_tool tool)
{
    const char *args[] = {ita_tool_code(tool), ita_render_text(&fw->tools[tool].name, t->lang)};
    ita_texts_fill(out, t, "doc_tool_heading", args, 2);
}

/* ---- The document, walked once ---------------------------------------------- */

/* A piece of inline content for doc_fill: plain text or one of the writer's spans. */
enum span_kind { SPAN_TEXT, SPAN_SCORE, SPAN_GRADE, SPAN_CHANGE };
struct span {
    enum span_kind kind;
    const char *text;
    int64_t cents; /* SPAN_CHANGE */
};

static void put_span(const struct doc_writer *w, const struct span *s)
{
    switch (s->kind) {
    case SPAN_TEXT: w->text(w, s->text); break;
    case SPAN_SCORE: w->score(w, s->text); break;
    case SPAN_GRADE: w->grade(w, s->text); break;
    case SPAN_CHANGE: w->change(w, s->cents); break;
    }
}

/* A text of the texts file with its {n} filled by spans, so that a writer can mark
 * up a score inside a sentence; the text between them is plain text. */
static void doc_fill(const struct doc_writer *w, const char *key, const struct span *args, size_t n)
{
    const char *s = ita_text(w->t, key);
    struct ita_buf run;
    ita_buf_scratch(&run, w->out);
    while (*s) {
        if (s[0] == '{' && s[1] >= '1' && s[1] <= '9' && s[2] == '}') {
            size_t k = (size_t)(s[1] - '1');
            if (run.len > 0)
                w->text(w, run.data);
            ita_buf_free(&run);
            if (k < n)
                put_span(w, &args[k]);
            s += 3;
            continue;
        }
        ita_buf_putc(&run, *s++);
    }
    if (run.len > 0)
        w->text(w, run.data);
    ita_buf_free(&run);
}

/* "TEXT: 99.45 (AA)" with its score, grade and change marked as such. */
static void scored(const struct doc_writer *w, const char *text, const struct ita_figure *f)
{
    const struct ita_texts *t = w->t;
    int base_year = w->r->base_year;
    char s[ITA_CENTS_BUFSZ];
    const char *band = ita_render_band_name(w->r->fw, f->band, t->lang);
    const struct span args[] = {{SPAN_TEXT, text, 0}, {SPAN_SCORE, ita_cents_format(f->score, s), 0},
                                {SPAN_GRADE, band, 0}};
    doc_fill(w, band[0] ? "doc_scored_grade" : "doc_scored", args, 3);
    if (f->delta != ITA_MISSING && base_year != 0) {
        char ce[16], be[16];
        year_args(base_year, ce, be);
        const struct span cargs[] = {{SPAN_CHANGE, "", f->delta}, {SPAN_TEXT, ce, 0}, {SPAN_TEXT, be, 0}};
        doc_fill(w, "doc_change_since", cargs, 3);
    }
}

/* A plain-text piece built by the helpers above, as a paragraph or a heading; the
 * piece is emptied for the next one. */
static void flush_paragraph(const struct doc_writer *w, struct ita_buf *p)
{
    w->paragraph(w, ita_buf_str(p));
    ita_buf_free(p);
}

static void flush_heading(const struct doc_writer *w, int level, enum ita_tier tier, struct ita_buf *p)
{
    w->heading(w, level, tier, ita_buf_str(p));
    ita_buf_free(p);
}

static void text_cell(const struct doc_writer *w, enum doc_cell cell, const char *s)
{
    w->cell_begin(w, cell, 1);
    w->text(w, s);
    w->cell_end(w);
}

static const char *fmt(int64_t cents, char *b)
{
    return cents == ITA_MISSING ? "–" : ita_cents_format(cents, b);
}

static void summary(const struct doc_writer *w)
{
    const struct ita_texts *t = w->t;
    const struct ita_report *r = w->r;
    const struct ita_framework *fw = r->fw;
    char b[ITA_CENTS_BUFSZ];
    struct ita_buf p;
    ita_buf_scratch(&p, w->out);
    w->section_begin(w, NULL, "summary");
    w->heading(w, 2, ITA_TIER_NONE, ita_text(t, "doc_summary_heading"));
    if (w->kpi != NULL) {
        w->kpis_begin(w);
        w->kpi(w, ita_text(t, "overall"), fmt(r->overall.score, b));
        w->kpi(w, ita_text(t, fw->scheme == ITA_RATING_GRADES ? "grade" : "level"),
               ita_render_band_name(fw, r->overall.band, t->lang));
        w->kpi(w, ita_text(t, "doc_result"),
               r->overall.score == ITA_MISSING ? "–" : ita_text(t, r->pass ? "pass" : "fail"));
        if (r->base_year != 0) {
            ita_buf_printf(&p, "%s (", ita_text(t, "change"));
            doc_year_column(&p, t, r->base_year);
            ita_buf_puts(&p, ")");
            w->kpi(w, ita_buf_str(&p),
                   r->overall.delta == ITA_MISSING ? "–" : ita_cents_format_signed(r->overall.delta, b));
            ita_buf_free(&p);
        }
        w->kpis_end(w);
    }
    doc_summary(&p, t, r);
    if (r->peers != NULL && r->peers->count > 0) {
        ita_buf_putc(&p, ' ');
        peers_where(&p, t, r);
    }
    flush_paragraph(w, &p);
    w->section_end(w);
}

/* The agency among its peers (--peers): who they are, where it stands, the chart
 * (html) and the table of rank, percentile and the peers' quartiles. */
static void peers(const struct doc_writer *w)
{
    const struct ita_texts *t = w->t;
    const struct ita_report *r = w->r;
    if (r->peers == NULL)
        return;
    struct ita_buf p;
    ita_buf_scratch(&p, w->out);
    w->section_begin(w, NULL, "peers");
    w->heading(w, 2, ITA_TIER_NONE, ita_text(t, "peers"));
    peers_who(&p, t, r->peers);
    if (r->peers->count > 0) {
        ita_buf_putc(&p, ' ');
        peers_where(&p, t, r);
    }
    flush_paragraph(w, &p);
    if (r->peers->count > 0) {
        if (w->chart != NULL)
            w->chart(w, DOC_CHART_PEERS);
        const struct doc_column cols[] = {
            {"", DOC_LEFT, 8},
            {ita_text(t, "score"), DOC_RIGHT, 4},
            {ita_text(t, "peers_count"), DOC_RIGHT, 3},
            {ita_text(t, "peers_rank"), DOC_RIGHT, 3},
            {ita_text(t, "peers_percentile"), DOC_RIGHT, 4},
            {ita_text(t, "peers_p25"), DOC_RIGHT, 4},
            {ita_text(t, "peers_median"), DOC_RIGHT, 4},
            {ita_text(t, "peers_p75"), DOC_RIGHT, 4},
        };
        w->table_begin(w, DOC_TABLE_SCORES, cols, 8);
        for (size_t k = 0; k < peers_rows(r); k++) {
            const struct ita_peer_figure *f = peers_row(r, k);
            bool strong = k <= ITA_TOOL_COUNT;
            w->row_begin(w, k == 0 ? DOC_ROW_TOTAL : strong ? DOC_ROW_TOOL : DOC_ROW_PLAIN);
            peers_row_label(&p, t, r, k);
            w->cell_begin(w, DOC_CELL_TEXT, 1);
            (strong ? w->strong : w->text)(w, ita_buf_str(&p));
            w->cell_end(w);
            ita_buf_free(&p);
            w->cell_figure(w, f->score, false, strong);
            char n[24], rank[24];
            snprintf(n, sizeof n, "%zu", f->count);
            snprintf(rank, sizeof rank, "%zu", f->rank);
            text_cell(w, DOC_CELL_NUMBER, n);
            text_cell(w, DOC_CELL_NUMBER, f->rank > 0 ? rank : "–");
            w->cell_figure(w, f->percentile, false, false);
            w->cell_figure(w, f->p25, false, false);
            w->cell_figure(w, f->median, false, false);
            w->cell_figure(w, f->p75, false, false);
            w->row_end(w);
        }
        w->table_end(w, DOC_TABLE_SCORES);
    }
    w->section_end(w);
    ita_buf_free(&p);
}

/* A grid of the history as a table: its header row as the columns, the rest as rows
 * (the first column text, the others figures). */
static void history_table(const struct doc_writer *w, const struct history_grid *g)
{
    struct doc_column cols[TABLE_MAX_COLS];
    for (size_t c = 0; c < g->cols && c < TABLE_MAX_COLS; c++)
        cols[c] = (struct doc_column){g->cells[c], c == 0 ? DOC_LEFT : DOC_RIGHT, c == 0 ? 8 : 3};
    w->table_begin(w, DOC_TABLE_SCORES, cols, g->cols);
    for (size_t row = 1; row < g->rows; row++) {
        w->row_begin(w, row == 1 ? DOC_ROW_TOTAL : DOC_ROW_PLAIN);
        for (size_t c = 0; c < g->cols; c++)
            text_cell(w, c == 0 ? DOC_CELL_TEXT : DOC_CELL_NUMBER, g->cells[row * g->cols + c]);
        w->row_end(w);
    }
    w->table_end(w, DOC_TABLE_SCORES);
}

/* Every year of the agency side by side (--history, or 3 years and more): the
 * chart (html), the figures, then the items. */
static void history(const struct doc_writer *w)
{
    const struct ita_texts *t = w->t;
    const struct ita_report *r = w->r;
    if (!history_in_document(r) || r->history->count == 0)
        return;
    w->section_begin(w, NULL, "history");
    w->heading(w, 2, ITA_TIER_NONE, ita_text(t, "history"));
    w->paragraph(w, ita_text(t, "history_intro"));
    if (w->chart != NULL)
        w->chart(w, DOC_CHART_HISTORY);
    struct history_grid g;
    /* a grid that ran out of memory has NULL cells: the document fails anyway */
    history_grid_figures(&g, t, r);
    if (g.cells != NULL && !g.failed)
        history_table(w, &g);
    if (g.failed)
        ita_buf_fail(w->out);
    history_grid_free(&g);
    w->heading(w, 3, ITA_TIER_NONE, ita_text(t, "history_items"));
    history_grid_items(&g, t, r);
    if (g.cells != NULL && !g.failed)
        history_table(w, &g);
    if (g.failed)
        ita_buf_fail(w->out);
    history_grid_free(&g);
    w->section_end(w);
}

/* Tools, indicators, sub-indicators: this year, the base year, the change, the grade. */
static void scores_table_begin(const struct doc_writer *w, struct ita_buf *now, struct ita_buf *before)
{
    const struct ita_texts *t = w->t;
    const struct ita_report *r = w->r;
    doc_year_column(now, t, r->year);
    struct doc_column cols[6];
    size_t n = 0;
    cols[n++] = (struct doc_column){ita_text(t, "doc_number"), DOC_RIGHT, 2};
    cols[n++] = (struct doc_column){ita_text(t, "indicator"), DOC_LEFT, 12};
    cols[n++] = (struct doc_column){ita_buf_str(now), DOC_RIGHT, 5};
    if (r->base_year != 0) {
        doc_year_column(before, t, r->base_year);
        cols[n++] = (struct doc_column){ita_buf_str(before), DOC_RIGHT, 5};
        cols[n++] = (struct doc_column){ita_text(t, "change"), DOC_RIGHT, 5};
    }
    cols[n++] = (struct doc_column){ita_text(t, r->fw->scheme == ITA_RATING_GRADES ? "grade" : "level"), DOC_LEFT, 3};
    w->table_begin(w, DOC_TABLE_SCORES, cols, n);
}

static void score_row(const struct doc_writer *w, enum doc_row row, const char *num, const char *label,
                      const struct ita_figure *f, const char *band)
{
    bool strong = row != DOC_ROW_PLAIN;
    w->row_begin(w, row);
    text_cell(w, DOC_CELL_NUMBER, num);
    w->cell_begin(w, DOC_CELL_TEXT, 1);
    (strong ? w->strong : w->text)(w, label);
    w->cell_end(w);
    w->cell_figure(w, f->score, false, strong);
    if (w->r->base_year != 0) {
        w->cell_figure(w, f->previous, false, strong);
        w->cell_figure(w, f->delta, true, strong);
    }
    w->cell_begin(w, DOC_CELL_TEXT, 1);
    (strong ? w->strong : w->text)(w, band);
    w->cell_end(w);
    w->row_end(w);
}

static void indicators(const struct doc_writer *w)
{
    const struct ita_texts *t = w->t;
    const struct ita_report *r = w->r;
    const struct ita_framework *fw = r->fw;
    enum ita_lang lang = t->lang;
    struct ita_buf p, now, before;
    ita_buf_scratch(&p, w->out);
    ita_buf_scratch(&now, w->out);
    ita_buf_scratch(&before, w->out);
    w->section_begin(w, NULL, "indicators");
    w->heading(w, 2, ITA_TIER_NONE, ita_text(t, "doc_indicators_heading"));
    if (w->chart != NULL)
        w->chart(w, DOC_CHART_TOOLS);
    scores_table_begin(w, &now, &before);
    for (int k = 0; k < ITA_TOOL_COUNT; k++) {
        const struct ita_fw_tool *tool = &fw->tools[k];
        doc_tool_heading(&p, t, fw, (enum ita_tool)k);
        score_row(w, DOC_ROW_TOOL, "", ita_buf_str(&p), &r->tools[k],
                  ita_render_band_name(fw, r->tools[k].band, lang));
        ita_buf_free(&p);
        for (size_t n = tool->first_indicator; n < tool->first_indicator + tool->indicator_count; n++) {
            char num[16];
            snprintf(num, sizeof num, "%u", fw->indicators[n].number);
            score_row(w, DOC_ROW_PLAIN, num, ita_render_text(&fw->indicators[n].name, lang), &r->indicators[n],
                      ita_render_band_name(fw, r->indicators[n].band, lang));
        }
    }
    score_row(w, DOC_ROW_TOTAL, "", ita_text(t, "overall"), &r->overall,
              ita_render_band_name(fw, r->overall.band, lang));
    w->table_end(w, DOC_TABLE_SCORES);
    if (w->chart != NULL)
        w->chart(w, DOC_CHART_INDICATORS);
    w->section_end(w);
    ita_buf_free(&p);
    ita_buf_free(&now);
    ita_buf_free(&before);
}

/* The items of one tool in one group, by indicator, with their sub-questions. */
static void tier_details(const struct doc_writer *w, enum ita_tier tier, enum ita_tool tool)
{
    const struct ita_texts *t = w->t;
    const struct ita_report *r = w->r;
    const struct ita_framework *fw = r->fw;
    enum ita_lang lang = t->lang;
    struct ita_buf p;
    ita_buf_scratch(&p, w->out);
    size_t last_indicator = SIZE_MAX;
    for (size_t j = 0; j < r->tier_count[tier]; j++) {
        size_t i = r->tier_items[tier][j];
        const struct ita_fw_item *it = &fw->items[i];
        if (it->tool != tool)
            continue;
        if (it->indicator != last_indicator) {
            if (last_indicator != SIZE_MAX)
                w->list_end(w, 0);
            last_indicator = it->indicator;
            doc_indicator_heading(&p, t, fw, it->indicator);
            flush_heading(w, 5, ITA_TIER_NONE, &p);
            w->list_begin(w, 0);
        }
        w->item_begin(w, 0, tier, it->code);
        scored(w, ita_render_text(&it->text, lang), &r->items[i]);
        bool open = false;
        for (size_t s = 0; s < it->sub_count; s++) {
            const struct ita_figure *sf = &r->subs[it->first_sub + s];
            if (sf->score == ITA_MISSING)
                continue;
            if (!open)
                w->list_begin(w, 1);
            open = true;
            w->item_begin(w, 1, sf->tier, NULL);
            scored(w, ita_render_text(&it->subs[s], lang), sf);
            if (sf->tier != ITA_TIER_NONE && sf->tier != r->items[i].tier) {
                const char *name = ita_text(t, doc_tier_keys[sf->tier]);
                const char *args[] = {name};
                ita_texts_fill(&p, t, "doc_sub_group", args, 1);
                w->group_remark(w, sf->tier, name, ita_buf_str(&p));
                ita_buf_free(&p);
            }
            w->item_end(w, 1);
        }
        if (open)
            w->list_end(w, 1);
        w->item_end(w, 0);
    }
    if (last_indicator != SIZE_MAX)
        w->list_end(w, 0);
    ita_buf_free(&p);
}

/* Group x indicator -> the item codes, for one tool. */
static void groups_table(const struct doc_writer *w, enum ita_tool tool)
{
    const struct ita_texts *t = w->t;
    const struct ita_report *r = w->r;
    const struct ita_framework *fw = r->fw;
    const struct doc_column cols[] = {{ita_text(t, "group"), DOC_LEFT, 6},
                                      {ita_text(t, "indicator"), DOC_LEFT, 8},
                                      {ita_text(t, "items"), DOC_LEFT, 8}};
    w->table_begin(w, DOC_TABLE_GROUPS, cols, 3);
    struct ita_buf p, label; /* the item codes of a row, its indicator */
    ita_buf_scratch(&p, w->out);
    ita_buf_scratch(&label, w->out);
    for (int k = 0; k < ITA_TIER_COUNT; k++) {
        const char *name = ita_text(t, doc_tier_keys[k]);
        bool any = false;
        for (size_t n = 0; n < fw->indicator_count; n++) {
            if (fw->indicators[n].tool != tool)
                continue;
            for (size_t j = 0; j < r->tier_count[k]; j++) {
                const struct ita_fw_item *it = &fw->items[r->tier_items[k][j]];
                if (it->indicator == n)
                    ita_buf_printf(&p, "%s%s", p.len > 0 ? " " : "", it->code);
            }
            if (p.len == 0)
                continue;
            any = true;
            w->row_begin(w, DOC_ROW_PLAIN);
            w->cell_begin(w, DOC_CELL_TEXT, 1);
            w->tag(w, (enum ita_tier)k, name);
            w->cell_end(w);
            ita_buf_printf(&label, "%u %s", fw->indicators[n].number,
                           ita_render_text(&fw->indicators[n].name, t->lang));
            text_cell(w, DOC_CELL_TEXT, ita_buf_str(&label));
            text_cell(w, DOC_CELL_TEXT, ita_buf_str(&p));
            w->row_end(w);
            ita_buf_free(&label);
            ita_buf_free(&p);
        }
        if (!any) {
            w->row_begin(w, DOC_ROW_PLAIN);
            w->cell_begin(w, DOC_CELL_TEXT, 1);
            w->tag(w, (enum ita_tier)k, name);
            w->cell_end(w);
            text_cell(w, DOC_CELL_TEXT, "–");
            text_cell(w, DOC_CELL_TEXT, ita_text(t, "none"));
            w->row_end(w);
        }
    }
    ita_buf_free(&p);
    ita_buf_free(&label);
    w->table_end(w, DOC_TABLE_GROUPS);
}

static void groups(const struct doc_writer *w)
{
    const struct ita_texts *t = w->t;
    const struct ita_analysis *a = w->a;
    const struct ita_report *r = w->r;
    const struct ita_framework *fw = r->fw;
    struct ita_buf p;
    ita_buf_scratch(&p, w->out);
    char above[ITA_CENTS_BUFSZ], below[ITA_CENTS_BUFSZ];
    w->section_begin(w, NULL, "groups");
    w->heading(w, 2, ITA_TIER_NONE, ita_text(t, "doc_groups_heading"));
    const char *args[] = {ita_cents_format(a->maintain_above, above), ita_cents_format(a->urgent_below, below)};
    ita_texts_fill(&p, t, "doc_groups_intro", args, 2);
    flush_paragraph(w, &p);
    if (w->chart != NULL)
        w->chart(w, DOC_CHART_ITEMS);
    for (int tool = ITA_IIT; tool <= ITA_EIT; tool++) {
        char id[32];
        snprintf(id, sizeof id, "group-%s", ita_tool_code((enum ita_tool)tool));
        w->section_begin(w, "tool", id);
        doc_tool_heading(&p, t, fw, (enum ita_tool)tool);
        flush_heading(w, 3, ITA_TIER_NONE, &p);
        groups_table(w, (enum ita_tool)tool);
        for (int k = 0; k < ITA_TIER_COUNT; k++) {
            bool any = false;
            for (size_t j = 0; j < r->tier_count[k] && !any; j++)
                any = (int)fw->items[r->tier_items[k][j]].tool == tool;
            if (!any)
                continue;
            doc_tier_heading(&p, t, a, k);
            flush_heading(w, 4, (enum ita_tier)k, &p);
            tier_details(w, (enum ita_tier)k, (enum ita_tool)tool);
        }
        w->section_end(w);
    }
    w->section_end(w);
    ita_buf_free(&p);
}

static void oit(const struct doc_writer *w)
{
    const struct ita_texts *t = w->t;
    const struct ita_report *r = w->r;
    const struct ita_framework *fw = r->fw;
    enum ita_lang lang = t->lang;
    const struct ita_fw_tool *tool = &fw->tools[ITA_OIT];
    struct ita_buf p, now, before;
    ita_buf_scratch(&p, w->out);
    ita_buf_scratch(&now, w->out);
    ita_buf_scratch(&before, w->out);
    char s1[ITA_CENTS_BUFSZ];
    w->section_begin(w, NULL, "oit");
    doc_tool_heading(&p, t, fw, ITA_OIT);
    flush_heading(w, 2, ITA_TIER_NONE, &p);
    size_t given, met;
    doc_oit_counts(r, &given, &met);
    const char *args[] = {fmt(r->tools[ITA_OIT].score, s1)};
    ita_texts_fill(&p, t, "doc_oit_score", args, 1);
    ita_buf_puts(&p, " ");
    if (given == 0) {
        ita_buf_puts(&p, ita_text(t, "doc_oit_no_items"));
    } else {
        char m[24], g[24];
        snprintf(m, sizeof m, "%zu", met);
        snprintf(g, sizeof g, "%zu", given);
        const char *cargs[] = {m, g};
        ita_texts_fill(&p, t, met == given ? "doc_oit_all_met" : "doc_oit_some_not_met", cargs, 2);
    }
    flush_paragraph(w, &p);
    scores_table_begin(w, &now, &before);
    for (size_t n = tool->first_indicator; n < tool->first_indicator + tool->indicator_count; n++) {
        const struct ita_fw_indicator *ind = &fw->indicators[n];
        char num[16];
        snprintf(num, sizeof num, "%u", ind->number);
        score_row(w, DOC_ROW_TOOL, num, ita_render_text(&ind->name, lang), &r->indicators[n],
                  ita_render_band_name(fw, r->indicators[n].band, lang));
        for (size_t s = 0; s < ind->sub_indicator_count; s++) {
            size_t si = ind->first_sub_indicator + s;
            if (r->sub_indicators[si].score == ITA_MISSING && r->sub_indicators[si].previous == ITA_MISSING)
                continue;
            score_row(w, DOC_ROW_PLAIN, fw->sub_indicators[si].code,
                      ita_render_text(&fw->sub_indicators[si].name, lang), &r->sub_indicators[si], "");
        }
    }
    w->table_end(w, DOC_TABLE_SCORES);
    if (given > 0) {
        const struct doc_column cols[] = {{ita_text(t, "item"), DOC_LEFT, 2},
                                          {ita_text(t, "doc_item_text"), DOC_LEFT, 14},
                                          {ita_text(t, "doc_result"), DOC_LEFT, 4}};
        w->table_begin(w, DOC_TABLE_OIT_ITEMS, cols, 3);
        for (size_t i = 0; i < fw->item_count; i++) {
            const struct ita_fw_item *it = &fw->items[i];
            if (it->tool != ITA_OIT || r->items[i].score == ITA_MISSING)
                continue;
            bool ok = r->items[i].score == 10000;
            w->row_begin(w, DOC_ROW_PLAIN);
            text_cell(w, DOC_CELL_CODE, it->code);
            text_cell(w, DOC_CELL_TEXT, ita_render_text(&it->text, lang));
            w->cell_begin(w, DOC_CELL_TEXT, 1);
            w->result(w, ok, ita_text(t, ok ? "met" : "not_met"));
            w->cell_end(w);
            w->row_end(w);
        }
        w->table_end(w, DOC_TABLE_OIT_ITEMS);
    }
    w->section_end(w);
    ita_buf_free(&p);
    ita_buf_free(&now);
    ita_buf_free(&before);
}

/* One item's rows of measures: the item and what is weak in it, then every measure
 * the officer gave for it (or one row of blanks to fill in). */
static void measure_rows(const struct doc_writer *w, const struct ita_measures *m, size_t i, enum ita_tier tier,
                         struct ita_buf *p)
{
    const struct ita_texts *t = w->t;
    const struct ita_report *r = w->r;
    const struct ita_fw_item *it = &r->fw->items[i];
    size_t count = 0, cursor = 0;
    while (ita_measures_next(m, r->agency->name, i, &cursor) != NULL)
        count++;
    cursor = 0;
    const struct ita_measure *row = ita_measures_next(m, r->agency->name, i, &cursor);
    bool first = true;
    do {
        w->row_begin(w, DOC_ROW_PLAIN);
        if (first) {
            w->cell_begin(w, DOC_CELL_TEXT, count);
            w->item_ref(w, it->code, tier, tier == ITA_TIER_NONE ? "" : ita_text(t, doc_tier_keys[tier]));
            w->cell_end(w);
            doc_weakness(p, t, r, i, w->a->maintain_above);
            w->cell_begin(w, DOC_CELL_TEXT, count);
            w->text(w, ita_buf_str(p));
            w->cell_end(w);
            ita_buf_free(p);
        } else {
            w->cell_spanned(w);
            w->cell_spanned(w);
        }
        const char *fields[] = {row ? row->measure : "", row ? row->method : "", row ? row->period : "",
                                row ? row->owner : ""};
        for (size_t f = 0; f < sizeof fields / sizeof fields[0]; f++) {
            w->cell_begin(w, row ? DOC_CELL_TEXT : DOC_CELL_BLANK, 1);
            w->lines(w, fields[f]);
            w->cell_end(w);
        }
        w->row_end(w);
        first = false;
        row = row ? ita_measures_next(m, r->agency->name, i, &cursor) : NULL;
    } while (row != NULL);
}

static void measures(const struct doc_writer *w, const struct ita_measures *m)
{
    const struct ita_texts *t = w->t;
    const struct ita_report *r = w->r;
    const struct ita_framework *fw = r->fw;
    struct ita_buf p, y;
    ita_buf_scratch(&p, w->out);
    ita_buf_scratch(&y, w->out);
    ita_render_year(&y, t, r->year + 1);
    w->section_begin(w, "measures", "measures");
    const char *args[] = {ita_buf_str(&y)};
    ita_texts_fill(&p, t, "doc_measures_heading", args, 1);
    flush_heading(w, 2, ITA_TIER_NONE, &p);
    size_t rows = 0;
    for (size_t i = 0; i < fw->item_count; i++)
        rows += doc_needs_measure(r, i, m);
    ita_buf_puts(&p, ita_text(t, rows == 0 ? "doc_measures_none" : "doc_measures_intro"));
    if (rows > 0 && m == NULL) {
        ita_buf_puts(&p, " ");
        ita_buf_puts(&p, ita_text(t, "doc_measures_blank"));
    }
    flush_paragraph(w, &p);
    const struct doc_column cols[] = {
        {ita_text(t, "item"), DOC_LEFT, 4},        {ita_text(t, "doc_weak"), DOC_LEFT, 14},
        {ita_text(t, "doc_measure"), DOC_LEFT, 14}, {ita_text(t, "doc_method"), DOC_LEFT, 14},
        {ita_text(t, "doc_period"), DOC_LEFT, 6},   {ita_text(t, "doc_owner"), DOC_LEFT, 6},
    };
    for (int tool = 0; tool < ITA_TOOL_COUNT && rows > 0; tool++) {
        size_t n = 0;
        for (size_t i = 0; i < fw->item_count; i++)
            n += fw->items[i].tool == (enum ita_tool)tool && doc_needs_measure(r, i, m);
        if (n == 0)
            continue;
        doc_tool_heading(&p, t, fw, (enum ita_tool)tool);
        flush_heading(w, 3, ITA_TIER_NONE, &p);
        w->table_begin(w, DOC_TABLE_MEASURES, cols, sizeof cols / sizeof cols[0]);
        for (size_t k = 0, i; (i = doc_measure_next(r, m, (enum ita_tool)tool, &k)) != SIZE_MAX;)
            measure_rows(w, m, i, tool == ITA_OIT ? ITA_TIER_NONE : doc_worst_tier(r, i), &p);
        w->table_end(w, DOC_TABLE_MEASURES);
    }
    w->section_end(w);
    ita_buf_free(&p);
    ita_buf_free(&y);
}

static void notes(const struct doc_writer *w)
{
    const struct ita_texts *t = w->t;
    const struct ita_report *r = w->r;
    struct ita_buf p;
    ita_buf_scratch(&p, w->out);
    w->section_begin(w, NULL, "notes");
    w->heading(w, 2, ITA_TIER_NONE, ita_text(t, "doc_notes_heading"));
    w->notes_begin(w);
    for (size_t n = 0; n < r->note_count; n++) {
        ita_render_note(&p, t, &r->notes[n]);
        w->note(w, n < r->audit_count ? DOC_NOTE_AUDIT : DOC_NOTE_OTHER, ita_buf_str(&p));
        ita_buf_free(&p);
    }
    if (r->audit_count == 0)
        w->note(w, DOC_NOTE_STANDING, ita_text(t, "doc_audit_clean"));
    w->note(w, DOC_NOTE_STANDING, ita_text(t, "doc_method_note"));
    w->notes_end(w);
    w->section_end(w);
    ita_buf_free(&p);
}

void doc_write(const struct doc_writer *w, const struct ita_measures *m)
{
    const struct ita_texts *t = w->t;
    const struct ita_report *r = w->r;
    struct ita_buf title, subtitle;
    ita_buf_scratch(&title, w->out);
    ita_buf_scratch(&subtitle, w->out);
    doc_title(&title, t, r);
    doc_subtitle(&subtitle, t, r);
    w->begin(w, ita_buf_str(&title), ita_buf_str(&subtitle),
             r->agency->name[0] ? r->agency->name : ita_text(t, "doc_the_agency"));
    summary(w);
    indicators(w);
    peers(w);
    history(w);
    groups(w);
    oit(w);
    measures(w, m);
    notes(w);
    w->end(w);
    ita_buf_free(&title);
    ita_buf_free(&subtitle);
}
