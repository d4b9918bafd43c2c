/* ita rank as a publishable document: the national summary, its content decided
 * here once and marked up by the writers of md.c and html.c (document.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "ita/svg.h"

static void cell_text(const struct doc_writer *w, const char *s)
{
    w->cell_begin(w, DOC_CELL_TEXT, 1);
    w->text(w, s);
    w->cell_end(w);
}

static void cell_count(const struct doc_writer *w, size_t n)
{
    char b[32];
    snprintf(b, sizeof b, "%zu", n);
    w->cell_begin(w, DOC_CELL_NUMBER, 1);
    w->text(w, b);
    w->cell_end(w);
}

static void percent(struct ita_buf *out, int64_t v)
{
    char b[ITA_CENTS_BUFSZ];
    if (v == ITA_MISSING) {
        ita_buf_puts(out, "–");
        return;
    }
    ita_buf_puts(out, ita_cents_format(v, b));
    ita_buf_putc(out, '%');
}

static void cell_percent(const struct doc_writer *w, int64_t v)
{
    struct ita_buf p;
    ita_buf_scratch(&p, w->out);
    percent(&p, v);
    w->cell_begin(w, DOC_CELL_NUMBER, 1);
    w->text(w, ita_buf_str(&p));
    w->cell_end(w);
    ita_buf_free(&p);
}

static const char *band_key(const struct ita_framework *fw)
{
    return fw->scheme == ITA_RATING_GRADES ? "grade" : "level";
}

static void summary(const struct doc_writer *w, const struct ita_ranking *r)
{
    const struct ita_texts *t = w->t;
    const struct ita_rank_summary *s = &r->all;
    char c1[ITA_CENTS_BUFSZ], c2[ITA_CENTS_BUFSZ], n[32];
    struct ita_buf rate, p;
    ita_buf_scratch(&rate, w->out);
    ita_buf_scratch(&p, w->out);
    percent(&rate, s->pass_rate);
    snprintf(n, sizeof n, "%zu", s->count);
    const char *mean = ita_cents_format(s->overall.mean, c1), *median = ita_cents_format(s->overall.median, c2);
    const char *rs = ita_buf_str(&rate);
    if (w->kpis_begin != NULL) {
        w->kpis_begin(w);
        w->kpi(w, ita_text(t, "rank_agencies"), n);
        w->kpi(w, ita_text(t, "rank_mean"), mean);
        w->kpi(w, ita_text(t, "rank_median"), median);
        w->kpi(w, ita_text(t, "rank_pass_rate"), rs);
        w->kpis_end(w);
    }
    char passed[32];
    snprintf(passed, sizeof passed, "%zu", s->passed);
    const char *args[] = {n, mean, median, passed, rs};
    ita_texts_fill(&p, t, "rank_doc_summary", args, 5);
    w->paragraph(w, ita_buf_str(&p));
    ita_buf_free(&rate);
    ita_buf_free(&p);
}

static void distribution(const struct doc_writer *w, const struct ita_ranking *r)
{
    const struct ita_texts *t = w->t;
    const struct ita_framework *fw = r->fw;
    w->heading(w, 2, ITA_TIER_NONE,
               ita_text(t, fw->scheme == ITA_RATING_GRADES ? "rank_doc_by_grade" : "rank_doc_by_level"));
    if (w->figure != NULL) {
        struct ita_svg_column *cols = calloc(fw->band_count ? fw->band_count : 1, sizeof *cols);
        struct ita_buf svg, desc;
        ita_buf_scratch(&svg, w->out);
        ita_buf_scratch(&desc, w->out);
        ita_buf_puts(&desc, ita_text(t, "rank_chart_distribution_desc"));
        for (size_t b = 0; cols != NULL && b < fw->band_count; b++) {
            cols[b] = (struct ita_svg_column){ita_render_band_name(fw, b, t->lang), r->all.distribution[b]};
            ita_buf_printf(&desc, "%s%s %zu", b ? "; " : " ", cols[b].label, cols[b].count);
        }
        struct ita_svg_chart c = {.id = "chart-distribution", .title = ita_text(t, "rank_chart_distribution"),
                                  .desc = ita_buf_str(&desc)};
        if (cols != NULL) {
            ita_svg_columns(&svg, &c, cols, fw->band_count, SIZE_MAX, NULL);
            w->figure(w, ita_buf_str(&svg), c.title);
        }
        if (cols == NULL)
            ita_buf_fail(w->out);
        free(cols);
        ita_buf_free(&svg);
        ita_buf_free(&desc);
    }
    const struct doc_column cols[] = {{ita_text(t, band_key(fw)), DOC_LEFT, 20},
                                      {ita_text(t, "rank_agencies"), DOC_RIGHT, 12}};
    w->table_begin(w, DOC_TABLE_GROUPS, cols, 2);
    for (size_t b = 0; b < fw->band_count; b++) {
        w->row_begin(w, DOC_ROW_PLAIN);
        cell_text(w, ita_render_band_name(fw, b, t->lang));
        cell_count(w, r->all.distribution[b]);
        w->row_end(w);
    }
    w->row_begin(w, DOC_ROW_TOTAL);
    w->cell_begin(w, DOC_CELL_TEXT, 1);
    w->strong(w, ita_text(t, "rank_doc_total"));
    w->cell_end(w);
    cell_count(w, r->all.count);
    w->row_end(w);
    w->table_end(w, DOC_TABLE_GROUPS);
}

/* The overall scores in steps of 5.00, from the lowest step with an agency to
 * 100, with the pass mark between two steps; a chart (html) and a table. */
static void histogram(const struct doc_writer *w, const struct ita_ranking *r)
{
    const struct ita_texts *t = w->t;
    const struct ita_framework *fw = r->fw;
    w->heading(w, 2, ITA_TIER_NONE, ita_text(t, "rank_doc_histogram"));
    size_t first = 0;
    while (first + 1 < ITA_RANK_BINS && r->histogram[first] == 0)
        first++;
    size_t n = ITA_RANK_BINS - first;
    char labels[ITA_RANK_BINS][32], mark[64], b1[ITA_CENTS_BUFSZ], b2[ITA_CENTS_BUFSZ];
    struct ita_svg_column cols[ITA_RANK_BINS];
    for (size_t k = 0; k < n; k++) {
        int64_t lo = (int64_t)(first + k) * 500;
        snprintf(labels[k], sizeof labels[k], "%s–%s", ita_cents_format(lo, b1), ita_cents_format(lo + 500, b2));
        cols[k] = (struct ita_svg_column){labels[k], r->histogram[first + k]};
    }
    /* the pass mark, where it falls on a step's lower end */
    size_t mark_before = SIZE_MAX;
    if (fw->pass_mark > 0 && fw->pass_mark % 500 == 0 && (size_t)(fw->pass_mark / 500) > first)
        mark_before = (size_t)(fw->pass_mark / 500) - first;
    const char *ma[] = {ita_cents_format(fw->pass_mark, b1)};
    struct ita_buf ms;
    ita_buf_scratch(&ms, w->out);
    ita_texts_fill(&ms, t, "rank_pass_mark", ma, 1);
    snprintf(mark, sizeof mark, "%s", ita_buf_str(&ms));
    ita_buf_free(&ms);
    if (w->figure != NULL) {
        struct ita_buf svg, desc;
        ita_buf_scratch(&svg, w->out);
        ita_buf_scratch(&desc, w->out);
        ita_buf_printf(&desc, "%s (%s)", ita_text(t, "rank_chart_histogram_desc"), mark);
        for (size_t k = 0; k < n; k++)
            ita_buf_printf(&desc, "%s%s: %zu", k ? "; " : " ", cols[k].label, cols[k].count);
        struct ita_svg_chart c = {.id = "chart-histogram", .title = ita_text(t, "rank_doc_histogram"),
                                  .desc = ita_buf_str(&desc)};
        ita_svg_columns(&svg, &c, cols, n, mark_before, mark);
        w->figure(w, ita_buf_str(&svg), c.title);
        ita_buf_free(&svg);
        ita_buf_free(&desc);
    }
    w->paragraph(w, mark);
    const struct doc_column cols_h[] = {{ita_text(t, "rank_histogram_step"), DOC_LEFT, 20},
                                        {ita_text(t, "rank_agencies"), DOC_RIGHT, 12}};
    w->table_begin(w, DOC_TABLE_GROUPS, cols_h, 2);
    for (size_t k = 0; k < n; k++) {
        w->row_begin(w, DOC_ROW_PLAIN);
        cell_text(w, cols[k].label);
        cell_count(w, cols[k].count);
        w->row_end(w);
    }
    w->table_end(w, DOC_TABLE_GROUPS);
}

/* The spread of the overall score, each tool and each indicator as boxes (html). */
static void spread_chart(const struct doc_writer *w, const struct ita_ranking *r, bool any)
{
    const struct ita_texts *t = w->t;
    const struct ita_framework *fw = r->fw;
    const struct ita_rank_summary *s = &r->all;
    size_t n = 1 + (any ? ITA_TOOL_COUNT + fw->indicator_count : 0);
    struct ita_svg_box *rows = calloc(n, sizeof *rows);
    char (*labels)[200] = calloc(n, sizeof *labels);
    struct ita_buf svg, desc;
    ita_buf_scratch(&svg, w->out);
    ita_buf_scratch(&desc, w->out);
    if (rows == NULL || labels == NULL) {
        ita_buf_fail(w->out);
        free(rows);
        free(labels);
        return;
    }
    size_t k = 0;
    const struct ita_stats *st[1 + ITA_TOOL_COUNT + 64];
    snprintf(labels[k], sizeof labels[k], "%s", ita_text(t, "rank_doc_overall"));
    st[k++] = &s->overall;
    for (int tool = 0; any && tool < ITA_TOOL_COUNT; tool++) {
        snprintf(labels[k], sizeof labels[k], "%s", ita_tool_code((enum ita_tool)tool));
        st[k++] = &s->tools[tool];
        for (size_t i = 0; i < fw->indicator_count && k < n && k < sizeof st / sizeof st[0]; i++) {
            if ((int)fw->indicators[i].tool != tool)
                continue;
            snprintf(labels[k], sizeof labels[k], "%u %s", fw->indicators[i].number,
                     ita_render_text(&fw->indicators[i].name, t->lang));
            st[k++] = &s->indicators[i];
        }
    }
    ita_buf_puts(&desc, ita_text(t, "rank_chart_spread_desc"));
    char b[5][ITA_CENTS_BUFSZ];
    for (size_t i = 0; i < k; i++) {
        rows[i] = (struct ita_svg_box){labels[i], st[i]->min, st[i]->p25, st[i]->median, st[i]->p75, st[i]->max,
                                       ITA_MISSING};
        ita_buf_printf(&desc, "%s%s: %s, %s, %s, %s, %s", i ? "; " : " ", labels[i], ita_cents_format(st[i]->min, b[0]),
                       ita_cents_format(st[i]->p25, b[1]), ita_cents_format(st[i]->median, b[2]),
                       ita_cents_format(st[i]->p75, b[3]), ita_cents_format(st[i]->max, b[4]));
    }
    struct ita_svg_chart c = {.id = "chart-spread", .title = ita_text(t, "rank_chart_spread"),
                              .desc = ita_buf_str(&desc),
                              .previous_label = ita_text(t, "rank_chart_spread_legend")};
    ita_svg_boxes(&svg, &c, rows, k);
    w->figure(w, ita_buf_str(&svg), c.title);
    free(rows);
    free(labels);
    ita_buf_free(&svg);
    ita_buf_free(&desc);
}

/* With several years in the data: each year's national mean and pass rate. */
static void years(const struct doc_writer *w, const struct ita_ranking *r)
{
    const struct ita_texts *t = w->t;
    size_t n = r->year_count;
    w->heading(w, 2, ITA_TIER_NONE, ita_text(t, "rank_doc_years"));
    char (*labels)[32] = calloc(n, sizeof *labels);
    const char **cl = calloc(n, sizeof *cl);
    int64_t *means = calloc(n, sizeof *means), *rates = calloc(n, sizeof *rates);
    if (labels == NULL || cl == NULL || means == NULL || rates == NULL) {
        ita_buf_fail(w->out);
        n = 0;
    }
    struct ita_buf desc, svg;
    ita_buf_scratch(&desc, w->out);
    ita_buf_scratch(&svg, w->out);
    ita_buf_puts(&desc, ita_text(t, "rank_chart_years_desc"));
    char b1[ITA_CENTS_BUFSZ], b2[ITA_CENTS_BUFSZ];
    for (size_t k = 0; k < n; k++) {
        const struct ita_rank_year *y = &r->years[k];
        snprintf(labels[k], sizeof labels[k], "%d", y->year);
        cl[k] = labels[k];
        means[k] = y->mean;
        rates[k] = y->pass_rate;
        ita_buf_printf(&desc, "%s%d: %s, %s%%", k ? "; " : " ", y->year, ita_cents_format(y->mean, b1),
                       ita_cents_format(y->pass_rate, b2));
    }
    if (w->figure != NULL && n > 0) {
        const int64_t *values[] = {means, rates};
        const char *names[] = {ita_text(t, "rank_mean"), ita_text(t, "rank_pass_rate")};
        const int64_t refs[] = {r->fw->pass_mark};
        struct ita_svg_chart c = {.id = "chart-years", .title = ita_text(t, "rank_doc_years"),
                                  .desc = ita_buf_str(&desc)};
        ita_svg_lines(&svg, &c, cl, n, values, names, 2, 0, 10000, refs, r->fw->pass_mark > 0 ? 1 : 0);
        w->figure(w, ita_buf_str(&svg), c.title);
    }
    const struct doc_column cols[] = {{ita_text(t, "fiscal_year"), DOC_LEFT, 10},
                                      {ita_text(t, "rank_agencies"), DOC_RIGHT, 10},
                                      {ita_text(t, "rank_mean"), DOC_RIGHT, 10},
                                      {ita_text(t, "rank_pass_rate"), DOC_RIGHT, 10}};
    w->table_begin(w, DOC_TABLE_GROUPS, cols, 4);
    for (size_t k = 0; k < n; k++) {
        const struct ita_rank_year *y = &r->years[k];
        w->row_begin(w, DOC_ROW_PLAIN);
        cell_text(w, labels[k]);
        cell_count(w, y->count);
        w->cell_figure(w, y->mean, false, false);
        cell_percent(w, y->pass_rate);
        w->row_end(w);
    }
    w->table_end(w, DOC_TABLE_GROUPS);
    ita_buf_free(&desc);
    ita_buf_free(&svg);
    free(labels);
    free(cl);
    free(means);
    free(rates);
}

static void stats_row(const struct doc_writer *w, enum doc_row row, const char *code, const char *name,
                      const struct ita_stats *s)
{
    bool bold = row == DOC_ROW_TOOL;
    w->row_begin(w, row);
    w->cell_begin(w, DOC_CELL_CODE, 1);
    (bold ? w->strong : w->text)(w, code);
    w->cell_end(w);
    w->cell_begin(w, DOC_CELL_TEXT, 1);
    (bold ? w->strong : w->text)(w, name);
    w->cell_end(w);
    w->cell_figure(w, s->mean, false, bold);
    w->cell_figure(w, s->median, false, bold);
    w->cell_figure(w, s->p25, false, bold);
    w->cell_figure(w, s->p75, false, bold);
    w->cell_figure(w, s->min, false, bold);
    w->cell_figure(w, s->max, false, bold);
    w->row_end(w);
}

static void spread(const struct doc_writer *w, const struct ita_ranking *r)
{
    const struct ita_texts *t = w->t;
    const struct ita_framework *fw = r->fw;
    const struct ita_rank_summary *s = &r->all;
    enum ita_lang lang = t->lang;
    w->heading(w, 2, ITA_TIER_NONE, ita_text(t, "rank_doc_spread"));
    const struct doc_column cols[] = {
        {ita_text(t, "doc_number"), DOC_LEFT, 4},     {ita_text(t, "indicator"), DOC_LEFT, 40},
        {ita_text(t, "rank_mean"), DOC_RIGHT, 8},     {ita_text(t, "rank_median"), DOC_RIGHT, 8},
        {"P25", DOC_RIGHT, 8},                        {"P75", DOC_RIGHT, 8},
        {ita_text(t, "rank_min"), DOC_RIGHT, 8},      {ita_text(t, "rank_max"), DOC_RIGHT, 8}};
    /* the tools and indicators, when any agency has them (the notes say when not) */
    bool any = false;
    for (size_t n = 0; n < fw->indicator_count; n++)
        any |= s->indicators[n].count > 0;
    if (w->figure != NULL)
        spread_chart(w, r, any);
    w->table_begin(w, DOC_TABLE_SCORES, cols, 8);
    stats_row(w, DOC_ROW_TOTAL, "ITA", ita_text(t, "rank_doc_overall"), &s->overall);
    for (int k = 0; any && k < ITA_TOOL_COUNT; k++) {
        stats_row(w, DOC_ROW_TOOL, ita_tool_code((enum ita_tool)k), ita_render_text(&fw->tools[k].name, lang),
                  &s->tools[k]);
        for (size_t n = 0; n < fw->indicator_count; n++) {
            if ((int)fw->indicators[n].tool != k)
                continue;
            char num[16];
            snprintf(num, sizeof num, "%u", fw->indicators[n].number);
            stats_row(w, DOC_ROW_PLAIN, num, ita_render_text(&fw->indicators[n].name, lang), &s->indicators[n]);
        }
    }
    w->table_end(w, DOC_TABLE_SCORES);
}

/* Entries first..last-1 of the ranking. */
static void ranks(const struct doc_writer *w, const struct ita_ranking *r, const char *title, size_t first,
                  size_t last)
{
    const struct ita_texts *t = w->t;
    const struct ita_framework *fw = r->fw;
    w->heading(w, 2, ITA_TIER_NONE, title);
    const struct doc_column cols[] = {{ita_text(t, "rank_rank"), DOC_RIGHT, 6},
                                      {ita_text(t, "agency"), DOC_LEFT, 40},
                                      {ita_text(t, "score"), DOC_RIGHT, 8},
                                      {ita_text(t, band_key(fw)), DOC_LEFT, 8},
                                      {ita_text(t, "change"), DOC_RIGHT, 8}};
    w->table_begin(w, DOC_TABLE_GROUPS, cols, 5);
    for (size_t i = first; i < last; i++) {
        const struct ita_rank_entry *e = &r->entries[i];
        w->row_begin(w, DOC_ROW_PLAIN);
        cell_count(w, e->rank);
        cell_text(w, e->agency->name);
        w->cell_figure(w, e->score, false, false);
        cell_text(w, ita_render_band_name(fw, e->band, t->lang));
        w->cell_figure(w, e->delta, true, false);
        w->row_end(w);
    }
    w->table_end(w, DOC_TABLE_GROUPS);
}

static void movers(const struct doc_writer *w, const struct ita_ranking *r, const char *title, const size_t *list,
                   size_t n)
{
    const struct ita_texts *t = w->t;
    w->heading(w, 2, ITA_TIER_NONE, title);
    if (n == 0) {
        w->paragraph(w, ita_text(t, "none"));
        return;
    }
    const struct doc_column cols[] = {{ita_text(t, "agency"), DOC_LEFT, 40},
                                      {ita_text(t, "score"), DOC_RIGHT, 8},
                                      {ita_text(t, "previous"), DOC_RIGHT, 8},
                                      {ita_text(t, "change"), DOC_RIGHT, 8}};
    w->table_begin(w, DOC_TABLE_GROUPS, cols, 4);
    for (size_t k = 0; k < n; k++) {
        const struct ita_rank_entry *e = &r->entries[list[k]];
        w->row_begin(w, DOC_ROW_PLAIN);
        cell_text(w, e->agency->name);
        w->cell_figure(w, e->score, false, false);
        w->cell_figure(w, e->previous, false, false);
        w->cell_figure(w, e->delta, true, false);
        w->row_end(w);
    }
    w->table_end(w, DOC_TABLE_GROUPS);
}

static void groups(const struct doc_writer *w, const struct ita_ranking *r)
{
    const struct ita_texts *t = w->t;
    w->heading(w, 2, ITA_TIER_NONE, ita_text(t, "rank_by_groups"));
    const struct doc_column cols[] = {{r->by, DOC_LEFT, 30},
                                      {ita_text(t, "rank_agencies"), DOC_RIGHT, 8},
                                      {ita_text(t, "rank_mean"), DOC_RIGHT, 8},
                                      {ita_text(t, "rank_median"), DOC_RIGHT, 8},
                                      {ita_text(t, "rank_pass_rate"), DOC_RIGHT, 8}};
    w->table_begin(w, DOC_TABLE_GROUPS, cols, 5);
    for (size_t g = 0; g < r->group_count; g++) {
        const struct ita_rank_summary *gs = &r->groups[g].summary;
        w->row_begin(w, DOC_ROW_PLAIN);
        cell_text(w, r->groups[g].value ? r->groups[g].value : "–");
        cell_count(w, gs->count);
        w->cell_figure(w, gs->overall.mean, false, false);
        w->cell_figure(w, gs->overall.median, false, false);
        cell_percent(w, gs->pass_rate);
        w->row_end(w);
    }
    w->table_end(w, DOC_TABLE_GROUPS);
}

static void notes(const struct doc_writer *w, const struct ita_ranking *r)
{
    const struct ita_texts *t = w->t;
    w->heading(w, 2, ITA_TIER_NONE, ita_text(t, "doc_notes_heading"));
    w->notes_begin(w);
    for (size_t k = 0; k < r->note_count; k++) {
        struct ita_buf msg;
        ita_buf_scratch(&msg, w->out);
        ita_render_note(&msg, t, &r->notes[k]);
        w->note(w, DOC_NOTE_OTHER, ita_buf_str(&msg));
        ita_buf_free(&msg);
    }
    w->note(w, DOC_NOTE_STANDING, ita_text(t, "doc_method_note"));
    w->notes_end(w);
}

static void rank_write(const struct doc_writer *w, const struct ita_ranking *r, size_t top)
{
    const struct ita_texts *t = w->t;
    struct ita_buf year, title, subtitle;
    ita_buf_scratch(&year, w->out);
    ita_buf_scratch(&title, w->out);
    ita_buf_scratch(&subtitle, w->out);
    ita_render_year(&year, t, r->year);
    const char *ya[] = {ita_buf_str(&year)};
    ita_texts_fill(&title, t, "rank_doc_title", ya, 1);
    if (r->base_year != 0) {
        ita_buf_printf(&subtitle, "%s ", ita_text(t, "compared_with"));
        ita_render_year(&subtitle, t, r->base_year);
    } else {
        ita_buf_puts(&subtitle, ita_text(t, "no_base_year"));
    }
    ita_buf_printf(&subtitle, "; %s: %s", ita_text(t, "framework"),
                   ita_text(t, r->fw->provisional ? "provisional" : "established"));
    w->begin(w, ita_buf_str(&title), ita_buf_str(&subtitle), ita_text(t, "rank_doc_author"));

    w->section_begin(w, NULL, "summary");
    w->heading(w, 2, ITA_TIER_NONE, ita_text(t, "doc_summary_heading"));
    summary(w, r);
    w->section_end(w);

    w->section_begin(w, NULL, "distribution");
    distribution(w, r);
    w->section_end(w);

    w->section_begin(w, NULL, "histogram");
    histogram(w, r);
    w->section_end(w);

    w->section_begin(w, NULL, "spread");
    spread(w, r);
    w->section_end(w);

    if (r->year_count > 1) {
        w->section_begin(w, NULL, "years");
        years(w, r);
        w->section_end(w);
    }

    size_t n = top < r->count ? top : r->count;
    char num[32];
    snprintf(num, sizeof num, "%zu", n);
    const char *na[] = {num};
    struct ita_buf h;
    ita_buf_scratch(&h, w->out);
    w->section_begin(w, NULL, "top");
    ita_texts_fill(&h, t, "rank_top", na, 1);
    ranks(w, r, ita_buf_str(&h), 0, n);
    w->section_end(w);
    /* the last ranks, when they are not all among the first */
    size_t from = r->count - n > n ? r->count - n : n;
    if (from < r->count) {
        snprintf(num, sizeof num, "%zu", r->count - from);
        ita_buf_free(&h);
        ita_texts_fill(&h, t, "rank_doc_bottom", na, 1);
        w->section_begin(w, NULL, "bottom");
        ranks(w, r, ita_buf_str(&h), from, r->count);
        w->section_end(w);
    }

    w->section_begin(w, NULL, "movers");
    movers(w, r, ita_text(t, "rank_gains"), r->gains, r->gain_count);
    movers(w, r, ita_text(t, "rank_drops"), r->drops, r->drop_count);
    w->section_end(w);

    if (r->by != NULL) {
        w->section_begin(w, NULL, "groups");
        groups(w, r);
        w->section_end(w);
    }

    w->section_begin(w, NULL, "notes");
    notes(w, r);
    w->section_end(w);
    w->end(w);

    ita_buf_free(&year);
    ita_buf_free(&title);
    ita_buf_free(&subtitle);
    ita_buf_free(&h);
}

void ita_render_rank_md(const struct ita_ranking *r, const struct ita_render_options *o, size_t top,
                        struct ita_buf *out)
{
    struct doc_writer w;
    doc_writer_md(&w, out, o->texts);
    rank_write(&w, r, top);
}

void ita_render_rank_html(const struct ita_ranking *r, const struct ita_render_options *o, size_t top,
                          struct ita_buf *out)
{
    struct doc_writer w;
    doc_writer_html(&w, out, o->texts);
    rank_write(&w, r, top);
}
