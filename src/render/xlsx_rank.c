/* ita rank -f xlsx: Ranking, Statistics, Distribution (with a bar chart), Movers,
 * Notes and, grouped, By group and Ranks in groups (docs/xlsx.md). Written in
 * libxlsxwriter's constant-memory mode: each row goes to disk when the next
 * begins, so every sheet is written top to bottom. */
#include <string.h>

#include "xlsx.h"

struct rank_book {
    struct xw x;
    const struct ita_ranking *r;
    struct ita_buf word; /* a worded header, reused */
};

/* "Indicator 3" */
static const char *indicator_header(struct rank_book *b, unsigned number)
{
    char n[16];
    snprintf(n, sizeof n, "%u", number);
    const char *args[] = {n};
    b->word.len = 0;
    ita_texts_fill(&b->word, b->x.t, "xlsx_indicator_n", args, 1);
    return ita_buf_str(&b->word);
}

static void ranking(struct rank_book *b)
{
    const struct ita_ranking *r = b->r;
    const struct ita_texts *t = b->x.t;
    const struct ita_framework *fw = r->fw;
    struct xs s;
    xs_begin(&s, &b->x, ita_text(t, "xlsx_sheet_ranking"));
    lxw_col_t c = 0;
    xs_head(&s, c++, ita_text(t, "rank_rank"));
    xs_head(&s, c++, ita_text(t, "agency"));
    for (size_t k = 0; k < r->attr_count; k++)
        xs_head(&s, c++, r->attr_names[k]);
    xs_head(&s, c++, ita_text(t, "overall"));
    xs_head(&s, c++, xw_band_header(&b->x, fw));
    xs_head(&s, c++, ita_text(t, "xlsx_pass"));
    for (int k = 0; k < ITA_TOOL_COUNT; k++)
        xs_head(&s, c++, ita_tool_code((enum ita_tool)k));
    for (size_t n = 0; n < fw->indicator_count; n++)
        xs_head(&s, c++, indicator_header(b, fw->indicators[n].number));
    xs_head(&s, c++, ita_text(t, "xlsx_base_year"));
    xs_head(&s, c++, ita_text(t, "previous"));
    xs_head(&s, c++, ita_text(t, "change"));
    xs_head_end(&s);
    for (size_t i = 0; i < r->count; i++) {
        const struct ita_rank_entry *e = &r->entries[i];
        c = 0;
        xs_int(&s, c++, (long long)e->rank, false);
        xs_text(&s, c++, e->agency->name, NULL);
        for (size_t k = 0; k < r->attr_count; k++)
            xs_text(&s, c++, rank_attr_of(r, e, k), NULL);
        xs_cents(&s, c++, e->score, NULL);
        xs_text(&s, c++, xw_band(&b->x, fw, e->band), NULL);
        xs_text(&s, c++, ita_text(t, e->pass ? "pass" : "fail"), NULL);
        for (int k = 0; k < ITA_TOOL_COUNT; k++)
            xs_cents(&s, c++, e->tools[k], NULL);
        for (size_t n = 0; n < fw->indicator_count; n++)
            xs_cents(&s, c++, e->indicators ? e->indicators[n] : ITA_MISSING, NULL);
        xs_int(&s, c++, e->base_year, true);
        xs_cents(&s, c++, e->previous, NULL);
        xs_cents(&s, c++, e->delta, b->x.change);
        xs_next(&s);
    }
    xs_end(&s, true);
}

/* count, mean, median, p25, p75, min, max from column c on */
static void stats_cells(struct xs *s, lxw_col_t c, const struct ita_stats *st)
{
    xs_int(s, c, (long long)st->count, false);
    const int64_t v[] = {st->mean, st->median, st->p25, st->p75, st->min, st->max};
    for (size_t k = 0; k < sizeof v / sizeof v[0]; k++)
        xs_cents(s, (lxw_col_t)(c + 1 + k), v[k], NULL);
}

static const char *const stats_keys[] = {"rank_agencies", "rank_mean", "rank_median", "xlsx_p25", "xlsx_p75",
                                         "rank_min", "rank_max"};

static void statistics(struct rank_book *b)
{
    const struct ita_ranking *r = b->r;
    const struct ita_texts *t = b->x.t;
    const struct ita_framework *fw = r->fw;
    struct xs s;
    xs_begin(&s, &b->x, ita_text(t, "xlsx_sheet_statistics"));
    xs_head(&s, 0, ita_text(t, "xlsx_code"));
    xs_head(&s, 1, ita_text(t, "xlsx_name"));
    for (size_t k = 0; k < sizeof stats_keys / sizeof stats_keys[0]; k++)
        xs_head(&s, (lxw_col_t)(2 + k), ita_text(t, stats_keys[k]));
    xs_head(&s, 9, ita_text(t, "xlsx_passed"));
    xs_head(&s, 10, ita_text(t, "rank_pass_rate"));
    xs_head_end(&s);
    xs_text(&s, 1, ita_text(t, "overall"), NULL);
    stats_cells(&s, 2, &r->all.overall);
    xs_int(&s, 9, (long long)r->all.passed, false);
    xs_cents(&s, 10, r->all.pass_rate, NULL);
    xs_next(&s);
    for (int k = 0; k < ITA_TOOL_COUNT; k++) {
        xs_text(&s, 0, ita_tool_code((enum ita_tool)k), NULL);
        xs_text(&s, 1, ita_render_text(&fw->tools[k].name, t->lang), NULL);
        stats_cells(&s, 2, &r->all.tools[k]);
        xs_next(&s);
    }
    for (size_t n = 0; n < fw->indicator_count; n++) {
        char code[16];
        snprintf(code, sizeof code, "%u", fw->indicators[n].number);
        xs_text(&s, 0, code, NULL);
        xs_text(&s, 1, ita_render_text(&fw->indicators[n].name, t->lang), NULL);
        stats_cells(&s, 2, &r->all.indicators[n]);
        xs_next(&s);
    }
    xs_end(&s, false);
}

/* The agencies per grade or level, and a column chart of them beside. */
static void distribution(struct rank_book *b)
{
    const struct ita_ranking *r = b->r;
    const struct ita_texts *t = b->x.t;
    const struct ita_framework *fw = r->fw;
    struct xs s;
    const char *name = ita_text(t, "xlsx_sheet_distribution");
    xs_begin(&s, &b->x, name);
    xs_head(&s, 0, xw_band_header(&b->x, fw));
    xs_head(&s, 1, ita_text(t, "rank_agencies"));
    xs_head_end(&s);
    for (size_t k = 0; k < fw->band_count; k++) {
        xs_text(&s, 0, xw_band(&b->x, fw, k), NULL);
        xs_int(&s, 1, (long long)r->all.distribution[k], false);
        xs_next(&s);
    }
    if (b->x.st == ITA_OK && s.ws != NULL && fw->band_count > 0) {
        /* the ranges as formulas: chart_add_series says when memory ran out, the
         * setters that take a sheet name do not */
        struct ita_buf cats, vals;
        ita_buf_init(&cats);
        ita_buf_init(&vals);
        ita_buf_printf(&cats, "='%s'!$A$2:$A$%zu", name, fw->band_count + 1);
        ita_buf_printf(&vals, "='%s'!$B$2:$B$%zu", name, fw->band_count + 1);
        lxw_chart *chart = cats.failed || vals.failed ? NULL : workbook_add_chart(b->x.wb, LXW_CHART_COLUMN);
        if (chart == NULL || chart_add_series(chart, cats.data, vals.data) == NULL) {
            b->x.st = ITA_ERR_NOMEM;
        } else {
            chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
            xw_fail(&b->x, worksheet_insert_chart(s.ws, 1, 3, chart));
        }
        ita_buf_free(&cats);
        ita_buf_free(&vals);
    }
    xs_end(&s, false);
}

static void movers(struct rank_book *b)
{
    const struct ita_ranking *r = b->r;
    const struct ita_texts *t = b->x.t;
    struct xs s;
    xs_begin(&s, &b->x, ita_text(t, "xlsx_sheet_movers"));
    static const char *const keys[] = {"xlsx_kind", "rank_rank", "agency", "overall", "previous", "change"};
    const char *h[6];
    for (size_t k = 0; k < 6; k++)
        h[k] = ita_text(t, keys[k]);
    xs_header(&s, h, 6);
    for (int way = 0; way < 2; way++) {
        const size_t *list = way == 0 ? r->gains : r->drops;
        size_t n = way == 0 ? r->gain_count : r->drop_count;
        for (size_t i = 0; i < n; i++) {
            const struct ita_rank_entry *e = &r->entries[list[i]];
            xs_text(&s, 0, ita_text(t, way == 0 ? "xlsx_gain" : "xlsx_drop"), NULL);
            xs_int(&s, 1, (long long)e->rank, false);
            xs_text(&s, 2, e->agency->name, NULL);
            xs_cents(&s, 3, e->score, NULL);
            xs_cents(&s, 4, e->previous, NULL);
            xs_cents(&s, 5, e->delta, b->x.change);
            xs_next(&s);
        }
    }
    xs_end(&s, true);
}

/* --by: the statistics of each group, then every agency's rank within its group. */
static void by_group(struct rank_book *b)
{
    const struct ita_ranking *r = b->r;
    const struct ita_texts *t = b->x.t;
    const struct ita_framework *fw = r->fw;
    struct xs s;
    xs_begin(&s, &b->x, ita_text(t, "xlsx_sheet_by_group"));
    xs_head(&s, 0, r->by);
    for (size_t k = 0; k < sizeof stats_keys / sizeof stats_keys[0]; k++)
        xs_head(&s, (lxw_col_t)(1 + k), ita_text(t, stats_keys[k]));
    xs_head(&s, 8, ita_text(t, "xlsx_passed"));
    xs_head(&s, 9, ita_text(t, "rank_pass_rate"));
    xs_head_end(&s);
    for (size_t g = 0; g < r->group_count; g++) {
        const struct ita_rank_group *gr = &r->groups[g];
        xs_text(&s, 0, gr->value ? gr->value : "", NULL);
        stats_cells(&s, 1, &gr->summary.overall);
        xs_int(&s, 8, (long long)gr->summary.passed, false);
        xs_cents(&s, 9, gr->summary.pass_rate, NULL);
        xs_next(&s);
    }
    xs_end(&s, true);

    xs_begin(&s, &b->x, ita_text(t, "xlsx_sheet_group_ranks"));
    static const char *const keys[] = {"xlsx_group_rank", "rank_rank", "agency", "overall"};
    xs_head(&s, 0, r->by);
    for (size_t k = 0; k < 4; k++)
        xs_head(&s, (lxw_col_t)(1 + k), ita_text(t, keys[k]));
    xs_head(&s, 5, xw_band_header(&b->x, fw));
    xs_head_end(&s);
    for (size_t g = 0; g < r->group_count; g++) {
        for (size_t i = 0; i < r->count; i++) {
            const struct ita_rank_entry *e = &r->entries[i];
            if (e->group != g)
                continue;
            xs_text(&s, 0, r->groups[g].value ? r->groups[g].value : "", NULL);
            xs_int(&s, 1, (long long)e->group_rank, false);
            xs_int(&s, 2, (long long)e->rank, false);
            xs_text(&s, 3, e->agency->name, NULL);
            xs_cents(&s, 4, e->score, NULL);
            xs_text(&s, 5, xw_band(&b->x, fw, e->band), NULL);
            xs_next(&s);
        }
    }
    xs_end(&s, true);
}

static void notes(struct rank_book *b)
{
    const struct ita_ranking *r = b->r;
    const struct ita_texts *t = b->x.t;
    struct xs s;
    xs_begin(&s, &b->x, ita_text(t, "xlsx_sheet_notes"));
    const char *h[] = {ita_text(t, "xlsx_note")};
    xs_header(&s, h, 1);
    for (size_t n = 0; n < r->note_count; n++) {
        b->word.len = 0;
        ita_render_note(&b->word, t, &r->notes[n]);
        xs_text(&s, 0, ita_buf_str(&b->word), NULL);
        xs_next(&s);
    }
    xs_text(&s, 0, ita_text(t, "doc_method_note"), NULL);
    xs_next(&s);
    xs_end(&s, false);
}

enum ita_status ita_xlsx_rank(const struct ita_ranking *r, const struct ita_xlsx_options *o, const char *path,
                              struct ita_diags *diags)
{
    struct rank_book b = {.r = r};
    ita_buf_init(&b.word);
    if (xw_open(&b.x, path, true, o, diags)) {
        ranking(&b);
        statistics(&b);
        distribution(&b);
        movers(&b);
        if (r->by != NULL)
            by_group(&b);
        notes(&b);
    }
    if (b.word.failed && b.x.st == ITA_OK)
        b.x.st = ITA_ERR_NOMEM;
    ita_buf_free(&b.word);
    return xw_close(&b.x);
}
