/* The plan to reach a target: one document for text, Markdown and HTML (the
 * writers of document.h), and JSON. */
#include <string.h>

#include "document.h"

static const char *fmt(int64_t cents, char *buf)
{
    return ita_cents_format(cents, buf);
}

/* "98.00 (overall score 98.00 or above)", "AA: overall score 95.00 or above", ... */
void plan_target_phrase(struct ita_buf *out, const struct ita_texts *t, const struct ita_plan *p)
{
    const struct ita_framework *fw = p->report->fw;
    char s[ITA_CENTS_BUFSZ], m[ITA_CENTS_BUFSZ];
    fmt(p->target.score, s);
    if (p->target.band == SIZE_MAX) {
        const char *args[] = {s};
        ita_texts_fill(out, t, "plan_target_score", args, 1);
    } else if (p->target.tool_min == ITA_MISSING) {
        const char *args[] = {ita_render_band_name(fw, p->target.band, t->lang), s};
        ita_texts_fill(out, t, "plan_target_band", args, 2);
    } else {
        const char *args[] = {ita_render_band_name(fw, p->target.band, t->lang), s, fmt(p->target.tool_min, m)};
        ita_texts_fill(out, t, "plan_target_band_tools", args, 3);
    }
}

static void fill1(struct ita_buf *out, const struct ita_texts *t, const char *key, const char *a)
{
    const char *args[] = {a, a};
    ita_texts_fill(out, t, key, args, 1);
}

/* ---- The plan as a document, written once for every writer (document.h) ---- */

/* A fact whose value was made in a buffer, which is emptied for the next. */
static void fact_made(const struct doc_writer *w, const char *label, struct ita_buf *value)
{
    w->fact(w, label, ita_buf_str(value));
    ita_buf_free(value);
}

/* The agency, the year, the target and where the agency stands. */
static void facts(const struct doc_writer *w, const struct ita_plan *p)
{
    const struct ita_texts *t = w->t;
    const struct ita_report *r = p->report;
    const struct ita_framework *fw = r->fw;
    char s1[ITA_CENTS_BUFSZ];
    struct ita_buf v;
    ita_buf_scratch(&v, w->out);
    w->facts_begin(w);
    w->fact(w, ita_text(t, "agency"), r->agency->name[0] ? r->agency->name : "-");
    ita_render_year(&v, t, r->year);
    fact_made(w, ita_text(t, "fiscal_year"), &v);
    plan_target_phrase(&v, t, p);
    fact_made(w, ita_text(t, "plan_target"), &v);
    ita_buf_puts(&v, fmt(p->current, s1));
    if (p->current != ITA_MISSING && r->overall.band != SIZE_MAX)
        ita_buf_printf(&v, " (%s)", ita_render_band_name(fw, r->overall.band, t->lang));
    if (p->gap != ITA_MISSING && p->gap > 0)
        ita_buf_printf(&v, ", %s %s", ita_text(t, "plan_gap"), fmt(p->gap, s1));
    fact_made(w, ita_text(t, "plan_current"), &v);
    if (p->target.tool_min != ITA_MISSING) {
        for (int k = 0; k < ITA_TOOL_COUNT; k++)
            ita_buf_printf(&v, "%s%s %s", k ? " " : "", ita_tool_code((enum ita_tool)k), fmt(r->tools[k].score, s1));
        fact_made(w, ita_text(t, "plan_tools_now"), &v);
    }
    w->facts_end(w);
    ita_buf_free(&v);
}

static void cell_text(const struct doc_writer *w, enum doc_cell kind, const char *s)
{
    w->cell_begin(w, kind, 1);
    w->text(w, s);
    w->cell_end(w);
}

/* One indicator a row: its score and where the plan takes it; to is NULL for the
 * score each would need alone (every indicator), else only those raised. */
static void raises_table(const struct doc_writer *w, const struct ita_plan *p, const int64_t *to)
{
    const struct ita_texts *t = w->t;
    const struct ita_framework *fw = p->report->fw;
    const struct doc_column cols[] = {
        {"#", DOC_RIGHT, 4},
        {ita_text(t, "indicator"), DOC_LEFT, 36},
        {ita_text(t, "tool"), DOC_LEFT, 6},
        {ita_text(t, "weight"), DOC_RIGHT, 8},
        {ita_text(t, "score"), DOC_RIGHT, 8},
        {ita_text(t, to == NULL ? "plan_needs" : "plan_to"), DOC_RIGHT, to == NULL ? 14 : 8},
        {ita_text(t, "plan_raise"), DOC_RIGHT, 8}};
    w->table_begin(w, DOC_TABLE_SCORES, cols, 7);
    for (size_t n = 0; n < fw->indicator_count; n++) {
        const struct ita_fw_indicator *ind = &fw->indicators[n];
        int64_t goal = to == NULL ? p->alone[n] : to[n];
        if (to != NULL && goal == p->scores[n])
            continue;
        char num[16];
        snprintf(num, sizeof num, "%u", ind->number);
        w->row_begin(w, DOC_ROW_PLAIN);
        cell_text(w, DOC_CELL_NUMBER, num);
        cell_text(w, DOC_CELL_TEXT, ita_render_text(&ind->name, t->lang));
        cell_text(w, DOC_CELL_TEXT, ita_tool_code(ind->tool));
        w->cell_figure(w, ind->weight, false, false);
        w->cell_figure(w, p->scores[n], false, false);
        if (goal == ITA_MISSING) {
            cell_text(w, DOC_CELL_NUMBER, ita_text(t, "plan_alone_never"));
            cell_text(w, DOC_CELL_NUMBER, "");
        } else {
            w->cell_figure(w, goal, false, false);
            w->cell_figure(w, goal - p->scores[n], true, false);
        }
        w->row_end(w);
    }
    w->table_end(w, DOC_TABLE_SCORES);
}

/* A heading or a paragraph made in a buffer, which is emptied for the next. */
static void said(const struct doc_writer *w, bool heading, struct ita_buf *b)
{
    if (heading)
        w->heading(w, 2, ITA_TIER_NONE, ita_buf_str(b));
    else
        w->paragraph(w, ita_buf_str(b));
    ita_buf_free(b);
}

/* Notes under their heading; nothing when there is none. */
static void notes(const struct doc_writer *w, const struct ita_note *list, size_t count)
{
    if (count == 0)
        return;
    w->heading(w, 2, ITA_TIER_NONE, ita_text(w->t, "warnings"));
    w->notes_begin(w);
    struct ita_buf msg;
    ita_buf_scratch(&msg, w->out);
    for (size_t k = 0; k < count; k++) {
        ita_render_note(&msg, w->t, &list[k]);
        w->note(w, DOC_NOTE_OTHER, ita_buf_str(&msg));
        ita_buf_free(&msg);
    }
    w->notes_end(w);
}

/* The three plans of one agency: each indicator alone, all evenly, the cheapest. */
static void plans(const struct doc_writer *w, const struct ita_plan *p)
{
    const struct ita_texts *t = w->t;
    char s1[ITA_CENTS_BUFSZ], s2[ITA_CENTS_BUFSZ];
    struct ita_buf b;
    ita_buf_scratch(&b, w->out);
    if (p->recomputed != p->current) {
        fill1(&b, t, "plan_recomputed", fmt(p->recomputed, s1));
        said(w, false, &b);
    }
    w->heading(w, 2, ITA_TIER_NONE, ita_text(t, "plan_alone"));
    raises_table(w, p, NULL);
    if (p->even_total == ITA_MISSING || p->even_level == ITA_MISSING) {
        w->heading(w, 2, ITA_TIER_NONE, ita_text(t, "plan_even_never"));
    } else {
        const char *args[] = {fmt(p->even_level, s1), fmt(p->even_total, s2)};
        ita_texts_fill(&b, t, "plan_even", args, 2);
        said(w, true, &b);
        raises_table(w, p, p->even);
    }
    if (p->cheapest_total == ITA_MISSING) {
        w->heading(w, 2, ITA_TIER_NONE, ita_text(t, "plan_cheapest_never"));
    } else {
        fill1(&b, t, "plan_cheapest", fmt(p->cheapest_total, s1));
        said(w, true, &b);
        raises_table(w, p, p->cheapest);
    }
    ita_buf_free(&b);
}

/* Every agency's plan, then the notes of the whole analysis. */
static void plan_write(const struct doc_writer *w, const struct ita_planning *pl)
{
    const struct ita_texts *t = w->t;
    struct ita_buf year;
    ita_buf_scratch(&year, w->out);
    ita_render_year(&year, t, pl->analysis->year);
    const char *agency = pl->count == 1 && pl->plans[0].report->agency->name[0] ? pl->plans[0].report->agency->name
                                                                                : ita_text(t, "rank_doc_author");
    w->begin(w, ita_text(t, "plan_title"), ita_buf_str(&year), agency);
    for (size_t i = 0; i < pl->count; i++) {
        const struct ita_plan *p = &pl->plans[i];
        char id[32];
        snprintf(id, sizeof id, "plan-%zu", i + 1);
        if (i > 0)
            w->separator(w);
        w->section_begin(w, "plan", id);
        facts(w, p);
        if (p->met)
            w->paragraph(w, ita_text(t, "plan_met"));
        else if (!p->complete)
            w->paragraph(w, ita_text(t, "plan_incomplete"));
        else
            plans(w, p);
        notes(w, p->report->notes, p->report->note_count);
        w->section_end(w);
    }
    notes(w, pl->analysis->notes, pl->analysis->note_count);
    w->end(w);
    ita_buf_free(&year);
}

void ita_render_plan_text(const struct ita_planning *pl, const struct ita_render_options *o, struct ita_buf *out)
{
    struct doc_text_state s;
    struct doc_writer w;
    doc_writer_text(&w, out, o->texts, &s);
    plan_write(&w, pl);
}

void ita_render_plan_md(const struct ita_planning *pl, const struct ita_render_options *o, struct ita_buf *out)
{
    struct doc_writer w;
    doc_writer_md(&w, out, o->texts);
    plan_write(&w, pl);
}

void ita_render_plan_html(const struct ita_planning *pl, const struct ita_render_options *o, struct ita_buf *out)
{
    struct doc_writer w;
    doc_writer_html(&w, out, o->texts);
    plan_write(&w, pl);
}

/* JSON */

static void jstr(struct ita_buf *o, const char *k, const char *s)
{
    json_key(o, k);
    if (s == NULL || s[0] == '\0')
        ita_buf_puts(o, "null");
    else
        ita_buf_json_string(o, s);
}

static void json_raises(struct ita_buf *o, const struct ita_plan *p, const int64_t *to)
{
    const struct ita_framework *fw = p->report->fw;
    ita_buf_puts(o, "\"raises\":[");
    size_t shown = 0;
    for (size_t n = 0; n < fw->indicator_count; n++) {
        if (to[n] == p->scores[n])
            continue;
        ita_buf_printf(o, "%s{\"number\":%u,", shown++ ? "," : "", fw->indicators[n].number);
        json_cents(o, "from", p->scores[n]);
        ita_buf_putc(o, ',');
        json_cents(o, "to", to[n]);
        ita_buf_putc(o, ',');
        json_cents(o, "raise", to[n] - p->scores[n]);
        ita_buf_putc(o, '}');
    }
    ita_buf_putc(o, ']');
}

static void json_notes(struct ita_buf *o, const struct ita_texts *t, const struct ita_note *list, size_t n)
{
    ita_buf_putc(o, '[');
    for (size_t w = 0; w < n; w++) {
        struct ita_buf msg;
        ita_buf_scratch(&msg, o);
        ita_render_note(&msg, t, &list[w]);
        if (w > 0)
            ita_buf_putc(o, ',');
        ita_buf_json_string(o, ita_buf_str(&msg));
        ita_buf_free(&msg);
    }
    ita_buf_putc(o, ']');
}

static void json_one(const struct ita_plan *p, const struct ita_texts *t, struct ita_buf *o)
{
    const struct ita_report *r = p->report;
    const struct ita_framework *fw = r->fw;
    bool planned = p->complete && !p->met;
    ita_buf_putc(o, '{');
    json_key(o, "agency");
    ita_buf_json_string(o, r->agency->name);
    ita_buf_printf(o, ",\"year\":%d,\"framework\":{\"year\":%d,\"status\":\"%s\",\"rating\":\"%s\"}", r->year,
                   fw->year, fw->provisional ? "provisional" : "established",
                   fw->scheme == ITA_RATING_GRADES ? "grades" : "levels");
    ita_buf_puts(o, ",\"target\":{");
    json_cents(o, "score", p->target.score);
    ita_buf_putc(o, ',');
    bool grade = p->target.band != SIZE_MAX && fw->scheme == ITA_RATING_GRADES;
    bool level = p->target.band != SIZE_MAX && fw->scheme == ITA_RATING_LEVELS;
    jstr(o, "grade", grade ? ita_render_band_name(fw, p->target.band, ITA_LANG_EN) : NULL);
    ita_buf_putc(o, ',');
    jstr(o, "level_th", level ? ita_render_band_name(fw, p->target.band, ITA_LANG_TH) : NULL);
    ita_buf_putc(o, ',');
    jstr(o, "level_en", level ? ita_render_band_name(fw, p->target.band, ITA_LANG_EN) : NULL);
    ita_buf_putc(o, ',');
    json_cents(o, "tool_min", p->target.tool_min);
    ita_buf_puts(o, "},");
    json_cents(o, "current", p->current);
    ita_buf_putc(o, ',');
    json_cents(o, "gap", p->gap);
    ita_buf_putc(o, ',');
    json_cents(o, "from_indicators", p->recomputed);
    ita_buf_printf(o, ",\"met\":%s,\"complete\":%s,\"tools\":[", p->met ? "true" : "false",
                   p->complete ? "true" : "false");
    for (int k = 0; k < ITA_TOOL_COUNT; k++) {
        ita_buf_printf(o, "%s{\"code\":\"%s\",", k ? "," : "", ita_tool_code((enum ita_tool)k));
        json_cents(o, "score", r->tools[k].score);
        ita_buf_putc(o, '}');
    }
    ita_buf_puts(o, "],\"indicators\":[");
    for (size_t n = 0; n < fw->indicator_count; n++) {
        const struct ita_fw_indicator *ind = &fw->indicators[n];
        ita_buf_printf(o, "%s{\"number\":%u,\"tool\":\"%s\",", n ? "," : "", ind->number, ita_tool_code(ind->tool));
        jstr(o, "name_th", ind->name.th);
        ita_buf_putc(o, ',');
        jstr(o, "name_en", ind->name.en);
        ita_buf_putc(o, ',');
        json_cents(o, "weight", ind->weight);
        ita_buf_putc(o, ',');
        json_cents(o, "score", p->scores[n]);
        ita_buf_putc(o, ',');
        json_cents(o, "alone", planned ? p->alone[n] : ITA_MISSING);
        ita_buf_putc(o, '}');
    }
    ita_buf_puts(o, "],\"even\":");
    if (planned && p->even_level != ITA_MISSING) {
        ita_buf_putc(o, '{');
        json_cents(o, "level", p->even_level);
        ita_buf_putc(o, ',');
        json_cents(o, "total", p->even_total);
        ita_buf_putc(o, ',');
        json_raises(o, p, p->even);
        ita_buf_putc(o, '}');
    } else {
        ita_buf_puts(o, "null");
    }
    ita_buf_puts(o, ",\"cheapest\":");
    if (planned && p->cheapest_total != ITA_MISSING) {
        ita_buf_putc(o, '{');
        json_cents(o, "total", p->cheapest_total);
        ita_buf_putc(o, ',');
        json_raises(o, p, p->cheapest);
        ita_buf_putc(o, '}');
    } else {
        ita_buf_puts(o, "null");
    }
    ita_buf_puts(o, ",\"warnings\":");
    json_notes(o, t, r->notes, r->note_count);
    ita_buf_putc(o, '}');
}

void ita_render_plan_json(const struct ita_planning *pl, const struct ita_render_options *o, struct ita_buf *out)
{
    ita_buf_printf(out, "{\"schema\":%d,\"command\":\"plan\",\"rounding\":\"half away from zero, two decimals\","
                        "\"year\":%d,",
                   ITA_JSON_SCHEMA, pl->analysis->year);
    jstr(out, "target", pl->target_text);
    ita_buf_puts(out, ",\"plans\":[");
    for (size_t i = 0; i < pl->count; i++) {
        if (i > 0)
            ita_buf_putc(out, ',');
        json_one(&pl->plans[i], o->texts, out);
    }
    ita_buf_puts(out, "],\"warnings\":");
    json_notes(out, o->texts, pl->analysis->notes, pl->analysis->note_count);
    ita_buf_puts(out, "}\n");
}
