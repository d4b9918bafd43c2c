/* The plan to reach a target: text (aligned by display width), JSON, Markdown. */
#include <string.h>

#include "common.h"

static const char *fmt(int64_t cents, char *buf)
{
    return ita_cents_format(cents, buf);
}

/* "98.00 (overall score 98.00 or above)", "AA: overall score 95.00 or above", ... */
static void target_phrase(struct ita_buf *out, const struct ita_texts *t, const struct ita_plan *p)
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

/* The report's own notes (audit, missing figures, provisional framework). */
static void report_notes(const struct ita_report *r, const struct ita_texts *t, struct ita_buf *out, bool md)
{
    if (r->note_count == 0)
        return;
    ita_buf_printf(out, md ? "\n## %s\n\n" : "\n%s\n", ita_text(t, "warnings"));
    for (size_t w = 0; w < r->note_count; w++) {
        ita_buf_puts(out, md ? "- " : "  - ");
        ita_render_note(out, t, &r->notes[w]);
        ita_buf_putc(out, '\n');
    }
}

static void text_body(const struct ita_plan *p, const struct ita_texts *t, struct ita_buf *out);

static void text_one(const struct ita_plan *p, const struct ita_texts *t, struct ita_buf *out)
{
    text_body(p, t, out);
    report_notes(p->report, t, out, false);
}

static void text_body(const struct ita_plan *p, const struct ita_texts *t, struct ita_buf *out)
{
    const struct ita_report *r = p->report;
    const struct ita_framework *fw = r->fw;
    enum ita_lang lang = t->lang;
    char s1[ITA_CENTS_BUFSZ], s2[ITA_CENTS_BUFSZ], s3[ITA_CENTS_BUFSZ], s4[ITA_CENTS_BUFSZ];

    ita_buf_printf(out, "%s: %s\n", ita_text(t, "agency"), r->agency->name[0] ? r->agency->name : "-");
    ita_buf_printf(out, "%s: ", ita_text(t, "fiscal_year"));
    ita_render_year(out, t, r->year);
    ita_buf_printf(out, "\n%s: ", ita_text(t, "plan_target"));
    target_phrase(out, t, p);
    ita_buf_printf(out, "\n%s: %s", ita_text(t, "plan_current"), fmt(p->current, s1));
    if (p->current != ITA_MISSING && r->overall.band != SIZE_MAX)
        ita_buf_printf(out, " (%s)", ita_render_band_name(fw, r->overall.band, lang));
    if (p->gap != ITA_MISSING && p->gap > 0)
        ita_buf_printf(out, ", %s %s", ita_text(t, "plan_gap"), fmt(p->gap, s2));
    ita_buf_putc(out, '\n');
    if (p->target.tool_min != ITA_MISSING) {
        ita_buf_printf(out, "%s:", ita_text(t, "plan_tools_now"));
        for (int k = 0; k < ITA_TOOL_COUNT; k++)
            ita_buf_printf(out, " %s %s", ita_tool_code((enum ita_tool)k), fmt(r->tools[k].score, s1));
        ita_buf_putc(out, '\n');
    }
    if (p->met) {
        ita_buf_printf(out, "\n%s\n", ita_text(t, "plan_met"));
        return;
    }
    if (!p->complete) {
        ita_buf_printf(out, "\n%s\n", ita_text(t, "plan_incomplete"));
        return;
    }
    if (p->recomputed != p->current) {
        ita_buf_putc(out, '\n');
        fill1(out, t, "plan_recomputed", fmt(p->recomputed, s1));
        ita_buf_putc(out, '\n');
    }

    /* alone */
    {
        static const int right[] = {1, 0, 0, 1, 1, 1, 1};
        struct table tb;
        table_init(&tb, 7, right);
        tb.max[1] = 36;
        const char *head[] = {"#", ita_text(t, "indicator"), ita_text(t, "tool"), ita_text(t, "weight"),
                              ita_text(t, "score"), ita_text(t, "plan_needs"), ita_text(t, "plan_raise")};
        table_row(&tb, NULL, head);
        for (size_t n = 0; n < fw->indicator_count; n++) {
            const struct ita_fw_indicator *ind = &fw->indicators[n];
            char num[8];
            snprintf(num, sizeof num, "%u", ind->number);
            bool never = p->alone[n] == ITA_MISSING;
            const char *row[] = {num, ita_render_text(&ind->name, lang), ita_tool_code(ind->tool),
                                 fmt(ind->weight, s1), fmt(p->scores[n], s2),
                                 never ? ita_text(t, "plan_alone_never") : fmt(p->alone[n], s3),
                                 never ? "" : ita_cents_format_signed(p->alone[n] - p->scores[n], s4)};
            table_row(&tb, NULL, row);
        }
        ita_buf_printf(out, "\n%s\n", ita_text(t, "plan_alone"));
        table_render(&tb, out, "  ");
        table_free(&tb);
    }

    /* even, cheapest */
    for (int which = 0; which < 2; which++) {
        const int64_t *to = which == 0 ? p->even : p->cheapest;
        int64_t total = which == 0 ? p->even_total : p->cheapest_total;
        ita_buf_putc(out, '\n');
        if (total == ITA_MISSING || (which == 0 && p->even_level == ITA_MISSING)) {
            ita_buf_printf(out, "%s\n", ita_text(t, which == 0 ? "plan_even_never" : "plan_cheapest_never"));
            continue;
        }
        if (which == 0) {
            const char *args[] = {fmt(p->even_level, s1), fmt(total, s2)};
            ita_texts_fill(out, t, "plan_even", args, 2);
        } else {
            fill1(out, t, "plan_cheapest", fmt(total, s1));
        }
        ita_buf_putc(out, '\n');
        static const int right[] = {1, 0, 0, 1, 1, 1, 1};
        struct table tb;
        table_init(&tb, 7, right);
        tb.max[1] = 36;
        const char *head[] = {"#", ita_text(t, "indicator"), ita_text(t, "tool"), ita_text(t, "weight"),
                              ita_text(t, "score"), ita_text(t, "plan_to"), ita_text(t, "plan_raise")};
        table_row(&tb, NULL, head);
        for (size_t n = 0; n < fw->indicator_count; n++) {
            if (to[n] == p->scores[n])
                continue;
            const struct ita_fw_indicator *ind = &fw->indicators[n];
            char num[8];
            snprintf(num, sizeof num, "%u", ind->number);
            const char *row[] = {num, ita_render_text(&ind->name, lang), ita_tool_code(ind->tool),
                                 fmt(ind->weight, s1), fmt(p->scores[n], s2), fmt(to[n], s3),
                                 ita_cents_format_signed(to[n] - p->scores[n], s4)};
            table_row(&tb, NULL, row);
        }
        table_render(&tb, out, "  ");
        table_free(&tb);
    }
}

static void notes_text(const struct ita_analysis *a, const struct ita_texts *t, struct ita_buf *out,
                       const char *bullet)
{
    if (a->note_count == 0)
        return;
    ita_buf_printf(out, "\n%s%s\n", bullet[0] == '-' ? "## " : "", ita_text(t, "warnings"));
    if (bullet[0] == '-')
        ita_buf_putc(out, '\n');
    for (size_t w = 0; w < a->note_count; w++) {
        ita_buf_puts(out, bullet);
        ita_render_note(out, t, &a->notes[w]);
        ita_buf_putc(out, '\n');
    }
}

void ita_render_plan_text(const struct ita_planning *pl, const struct ita_render_options *o, struct ita_buf *out)
{
    for (size_t i = 0; i < pl->count; i++) {
        if (i > 0)
            ita_buf_puts(out, "\n\n");
        text_one(&pl->plans[i], o->texts, out);
    }
    notes_text(pl->analysis, o->texts, out, "  - ");
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
        ita_buf_init(&msg);
        ita_render_note(&msg, t, &list[w]);
        if (w > 0)
            ita_buf_putc(o, ',');
        ita_buf_json_string(o, msg.data ? msg.data : "");
        if (msg.failed)
            o->failed = true;
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

/* Markdown */

/* Text with the characters that Markdown would read as markup escaped. */
static void md_text(struct ita_buf *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '|' || *s == '\\' || *s == '*' || *s == '_' || *s == '`' || *s == '[' || *s == ']' ||
            *s == '<' || *s == '>')
            ita_buf_putc(out, '\\');
        ita_buf_putc(out, *s == '\n' || *s == '\r' ? ' ' : *s);
    }
}

static void md_cell(struct ita_buf *out, const char *s)
{
    ita_buf_putc(out, ' ');
    md_text(out, s);
    ita_buf_puts(out, " |");
}

static void md_table_head(struct ita_buf *out, const char *const *head, const int *right, size_t n)
{
    ita_buf_puts(out, "|");
    for (size_t c = 0; c < n; c++)
        md_cell(out, head[c]);
    ita_buf_puts(out, "\n|");
    for (size_t c = 0; c < n; c++)
        ita_buf_puts(out, right[c] ? " ---: |" : " --- |");
    ita_buf_putc(out, '\n');
}

static void md_row(struct ita_buf *out, const char *const *cells, size_t n)
{
    ita_buf_puts(out, "|");
    for (size_t c = 0; c < n; c++)
        md_cell(out, cells[c]);
    ita_buf_putc(out, '\n');
}

static void md_body(const struct ita_plan *p, const struct ita_texts *t, struct ita_buf *out);

static void md_one(const struct ita_plan *p, const struct ita_texts *t, struct ita_buf *out)
{
    md_body(p, t, out);
    report_notes(p->report, t, out, true);
}

static void md_body(const struct ita_plan *p, const struct ita_texts *t, struct ita_buf *out)
{
    const struct ita_report *r = p->report;
    const struct ita_framework *fw = r->fw;
    enum ita_lang lang = t->lang;
    char s1[ITA_CENTS_BUFSZ], s2[ITA_CENTS_BUFSZ], s3[ITA_CENTS_BUFSZ], s4[ITA_CENTS_BUFSZ];
    static const int right[] = {1, 0, 0, 1, 1, 1, 1};

    ita_buf_printf(out, "# %s\n\n", ita_text(t, "plan_title"));
    ita_buf_printf(out, "- **%s:** ", ita_text(t, "agency"));
    md_text(out, r->agency->name[0] ? r->agency->name : "-");
    ita_buf_printf(out, "\n- **%s:** ", ita_text(t, "fiscal_year"));
    ita_render_year(out, t, r->year);
    ita_buf_printf(out, "\n- **%s:** ", ita_text(t, "plan_target"));
    target_phrase(out, t, p);
    ita_buf_printf(out, "\n- **%s:** %s", ita_text(t, "plan_current"), fmt(p->current, s1));
    if (p->current != ITA_MISSING && r->overall.band != SIZE_MAX)
        ita_buf_printf(out, " (%s)", ita_render_band_name(fw, r->overall.band, lang));
    if (p->gap != ITA_MISSING && p->gap > 0)
        ita_buf_printf(out, ", %s %s", ita_text(t, "plan_gap"), fmt(p->gap, s2));
    if (p->target.tool_min != ITA_MISSING) {
        ita_buf_printf(out, "\n- **%s:**", ita_text(t, "plan_tools_now"));
        for (int k = 0; k < ITA_TOOL_COUNT; k++)
            ita_buf_printf(out, " %s %s", ita_tool_code((enum ita_tool)k), fmt(r->tools[k].score, s1));
    }
    ita_buf_puts(out, "\n");
    if (p->met) {
        ita_buf_printf(out, "\n%s\n", ita_text(t, "plan_met"));
        return;
    }
    if (!p->complete) {
        ita_buf_printf(out, "\n%s\n", ita_text(t, "plan_incomplete"));
        return;
    }
    if (p->recomputed != p->current) {
        ita_buf_putc(out, '\n');
        fill1(out, t, "plan_recomputed", fmt(p->recomputed, s1));
        ita_buf_putc(out, '\n');
    }
    ita_buf_printf(out, "\n## %s\n\n", ita_text(t, "plan_alone"));
    const char *head[] = {"#", ita_text(t, "indicator"), ita_text(t, "tool"), ita_text(t, "weight"),
                          ita_text(t, "score"), ita_text(t, "plan_needs"), ita_text(t, "plan_raise")};
    md_table_head(out, head, right, 7);
    for (size_t n = 0; n < fw->indicator_count; n++) {
        const struct ita_fw_indicator *ind = &fw->indicators[n];
        char num[8];
        snprintf(num, sizeof num, "%u", ind->number);
        bool never = p->alone[n] == ITA_MISSING;
        const char *row[] = {num, ita_render_text(&ind->name, lang), ita_tool_code(ind->tool), fmt(ind->weight, s1),
                             fmt(p->scores[n], s2), never ? ita_text(t, "plan_alone_never") : fmt(p->alone[n], s3),
                             never ? "" : ita_cents_format_signed(p->alone[n] - p->scores[n], s4)};
        md_row(out, row, 7);
    }
    for (int which = 0; which < 2; which++) {
        const int64_t *to = which == 0 ? p->even : p->cheapest;
        int64_t total = which == 0 ? p->even_total : p->cheapest_total;
        ita_buf_puts(out, "\n## ");
        if (total == ITA_MISSING || (which == 0 && p->even_level == ITA_MISSING)) {
            ita_buf_printf(out, "%s\n", ita_text(t, which == 0 ? "plan_even_never" : "plan_cheapest_never"));
            continue;
        }
        if (which == 0) {
            const char *args[] = {fmt(p->even_level, s1), fmt(total, s2)};
            ita_texts_fill(out, t, "plan_even", args, 2);
        } else {
            fill1(out, t, "plan_cheapest", fmt(total, s1));
        }
        ita_buf_puts(out, "\n\n");
        const char *h2[] = {"#", ita_text(t, "indicator"), ita_text(t, "tool"), ita_text(t, "weight"),
                            ita_text(t, "score"), ita_text(t, "plan_to"), ita_text(t, "plan_raise")};
        md_table_head(out, h2, right, 7);
        for (size_t n = 0; n < fw->indicator_count; n++) {
            if (to[n] == p->scores[n])
                continue;
            const struct ita_fw_indicator *ind = &fw->indicators[n];
            char num[8];
            snprintf(num, sizeof num, "%u", ind->number);
            const char *row[] = {num, ita_render_text(&ind->name, lang), ita_tool_code(ind->tool),
                                 fmt(ind->weight, s1), fmt(p->scores[n], s2), fmt(to[n], s3),
                                 ita_cents_format_signed(to[n] - p->scores[n], s4)};
            md_row(out, row, 7);
        }
    }
}

void ita_render_plan_md(const struct ita_planning *pl, const struct ita_render_options *o, struct ita_buf *out)
{
    for (size_t i = 0; i < pl->count; i++) {
        if (i > 0)
            ita_buf_puts(out, "\n");
        md_one(&pl->plans[i], o->texts, out);
    }
    notes_text(pl->analysis, o->texts, out, "- ");
}
