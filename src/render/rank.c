/* ita rank rendered: a national summary (text), one row per agency (csv), all (json). */
#include <string.h>

#include "common.h"

const char *rank_attr_of(const struct ita_ranking *r, const struct ita_rank_entry *e, size_t k)
{
    return k < e->agency->attr_cap && k < r->attr_count ? e->agency->attrs[k] : NULL;
}

/* ---- json ---- */

static void jstats(struct ita_buf *o, const struct ita_stats *s)
{
    ita_buf_printf(o, "\"count\":%zu,", s->count);
    json_cents(o, "mean", s->mean);
    ita_buf_putc(o, ',');
    json_cents(o, "median", s->median);
    ita_buf_putc(o, ',');
    json_cents(o, "p25", s->p25);
    ita_buf_putc(o, ',');
    json_cents(o, "p75", s->p75);
    ita_buf_putc(o, ',');
    json_cents(o, "min", s->min);
    ita_buf_putc(o, ',');
    json_cents(o, "max", s->max);
}

/* count, mean, median, pass_rate, distribution, tools[], indicators[] */
static void jsummary(struct ita_buf *o, const struct ita_ranking *r, const struct ita_rank_summary *s)
{
    const struct ita_framework *fw = r->fw;
    ita_buf_printf(o, "\"count\":%zu,", s->count);
    json_cents(o, "mean", s->overall.mean);
    ita_buf_putc(o, ',');
    json_cents(o, "median", s->overall.median);
    ita_buf_putc(o, ',');
    json_cents(o, "pass_rate", s->pass_rate);
    ita_buf_puts(o, ",\"distribution\":{");
    for (size_t b = 0; b < fw->band_count; b++) {
        if (b > 0)
            ita_buf_putc(o, ',');
        json_key(o, ita_render_band_name(fw, b, ITA_LANG_EN));
        ita_buf_printf(o, "%zu", s->distribution[b]);
    }
    ita_buf_puts(o, "},\"overall\":{");
    jstats(o, &s->overall);
    ita_buf_puts(o, "},\"tools\":[");
    for (int t = 0; t < ITA_TOOL_COUNT; t++) {
        ita_buf_printf(o, "%s{\"code\":\"%s\",", t > 0 ? "," : "", ita_tool_code((enum ita_tool)t));
        jstats(o, &s->tools[t]);
        ita_buf_putc(o, '}');
    }
    ita_buf_puts(o, "],\"indicators\":[");
    for (size_t n = 0; n < fw->indicator_count; n++) {
        ita_buf_printf(o, "%s{\"number\":%u,\"tool\":\"%s\",", n > 0 ? "," : "", fw->indicators[n].number,
                       ita_tool_code(fw->indicators[n].tool));
        jstats(o, &s->indicators[n]);
        ita_buf_putc(o, '}');
    }
    ita_buf_putc(o, ']');
}

static void jmovers(struct ita_buf *o, const struct ita_ranking *r, const size_t *list, size_t n)
{
    ita_buf_putc(o, '[');
    for (size_t k = 0; k < n; k++) {
        const struct ita_rank_entry *e = &r->entries[list[k]];
        ita_buf_puts(o, k > 0 ? ",{" : "{");
        json_key(o, "agency");
        ita_buf_json_string(o, e->agency->name);
        ita_buf_putc(o, ',');
        json_cents(o, "score", e->score);
        ita_buf_putc(o, ',');
        json_cents(o, "previous", e->previous);
        ita_buf_putc(o, ',');
        json_cents(o, "delta", e->delta);
        ita_buf_putc(o, '}');
    }
    ita_buf_putc(o, ']');
}

void ita_render_rank_json(const struct ita_ranking *r, const struct ita_render_options *opt,
                          struct ita_buf *o)
{
    const struct ita_texts *texts = opt->texts;
    const struct ita_framework *fw = r->fw;
    ita_buf_printf(o, "{\"schema\":%d,\"command\":\"rank\",\"rounding\":\"half away from zero, two decimals\","
                      "\"year\":%d,\"base_year\":",
                   ITA_JSON_SCHEMA, r->year);
    if (r->base_year)
        ita_buf_printf(o, "%d", r->base_year);
    else
        ita_buf_puts(o, "null");
    ita_buf_printf(o, ",\"framework\":{\"year\":%d,\"status\":\"%s\",\"rating\":\"%s\"},\"by\":", fw->year,
                   fw->provisional ? "provisional" : "established",
                   fw->scheme == ITA_RATING_GRADES ? "grades" : "levels");
    if (r->by)
        ita_buf_json_string(o, r->by);
    else
        ita_buf_puts(o, "null");
    ita_buf_putc(o, ',');
    jsummary(o, r, &r->all);
    ita_buf_puts(o, ",\"movers\":{\"gains\":");
    jmovers(o, r, r->gains, r->gain_count);
    ita_buf_puts(o, ",\"drops\":");
    jmovers(o, r, r->drops, r->drop_count);
    ita_buf_puts(o, "},\n\"agencies\":[");
    for (size_t i = 0; i < r->count; i++) {
        const struct ita_rank_entry *e = &r->entries[i];
        ita_buf_printf(o, "%s\n{\"rank\":%zu,", i > 0 ? "," : "", e->rank);
        if (r->by)
            ita_buf_printf(o, "\"group_rank\":%zu,", e->group_rank);
        json_key(o, "agency");
        ita_buf_json_string(o, e->agency->name);
        ita_buf_puts(o, ",\"attributes\":{");
        bool first = true;
        for (size_t k = 0; k < r->attr_count; k++) {
            const char *v = rank_attr_of(r, e, k);
            if (v == NULL)
                continue;
            if (!first)
                ita_buf_putc(o, ',');
            first = false;
            json_key(o, r->attr_names[k]);
            ita_buf_json_string(o, v);
        }
        ita_buf_puts(o, "},");
        json_cents(o, "score", e->score);
        ita_buf_puts(o, ",\"grade\":");
        ita_buf_json_string(o, ita_render_band_name(fw, e->band, ITA_LANG_EN));
        ita_buf_printf(o, ",\"pass\":%s,", e->pass ? "true" : "false");
        json_cents(o, "previous", e->previous);
        ita_buf_putc(o, ',');
        json_cents(o, "delta", e->delta);
        ita_buf_puts(o, ",\"tools\":{");
        for (int t = 0; t < ITA_TOOL_COUNT; t++) {
            if (t > 0)
                ita_buf_putc(o, ',');
            json_cents(o, ita_tool_code((enum ita_tool)t), e->tools[t]);
        }
        ita_buf_puts(o, "},\"indicators\":[");
        for (size_t n = 0; n < fw->indicator_count; n++) {
            if (n > 0)
                ita_buf_putc(o, ',');
            ita_render_json_cents(o, e->indicators[n]);
        }
        ita_buf_puts(o, "]}");
    }
    ita_buf_puts(o, "],\n\"groups\":[");
    for (size_t g = 0; g < r->group_count; g++) {
        ita_buf_puts(o, g > 0 ? ",\n{" : "\n{");
        json_key(o, "value");
        if (r->groups[g].value)
            ita_buf_json_string(o, r->groups[g].value);
        else
            ita_buf_puts(o, "null");
        ita_buf_putc(o, ',');
        jsummary(o, r, &r->groups[g].summary);
        ita_buf_putc(o, '}');
    }
    ita_buf_puts(o, "],\n\"warnings\":[");
    for (size_t w = 0; w < r->note_count; w++) {
        if (w > 0)
            ita_buf_putc(o, ',');
        struct ita_buf msg;
        ita_buf_scratch(&msg, o);
        ita_render_note(&msg, texts, &r->notes[w]);
        ita_buf_json_string(o, ita_buf_str(&msg));
        ita_buf_free(&msg);
    }
    ita_buf_puts(o, "]}\n");
}

/* ---- csv ---- */

void ita_render_rank_csv(const struct ita_ranking *r, const struct ita_render_options *opt,
                         struct ita_buf *o)
{
    (void)opt;
    const struct ita_framework *fw = r->fw;
    ita_buf_puts(o, r->by ? "rank,group_rank,agency" : "rank,agency");
    for (size_t k = 0; k < r->attr_count; k++) {
        ita_buf_putc(o, ',');
        ita_buf_csv_field(o, r->attr_names[k]);
    }
    ita_buf_puts(o, ",score,grade,pass,previous,delta");
    for (size_t n = 0; n < fw->indicator_count; n++)
        ita_buf_printf(o, ",indicator_%u", fw->indicators[n].number);
    ita_buf_putc(o, '\n');
    char s1[ITA_CENTS_BUFSZ];
    for (size_t i = 0; i < r->count; i++) {
        const struct ita_rank_entry *e = &r->entries[i];
        ita_buf_printf(o, "%zu,", e->rank);
        if (r->by)
            ita_buf_printf(o, "%zu,", e->group_rank);
        ita_buf_csv_field(o, e->agency->name);
        for (size_t k = 0; k < r->attr_count; k++) {
            const char *v = rank_attr_of(r, e, k);
            ita_buf_putc(o, ',');
            ita_buf_csv_field(o, v ? v : "");
        }
        ita_buf_putc(o, ',');
        ita_buf_puts(o, ita_cents_format(e->score, s1));
        ita_buf_putc(o, ',');
        ita_buf_csv_field(o, ita_render_band_name(fw, e->band, ITA_LANG_EN));
        ita_buf_puts(o, e->pass ? ",true," : ",false,");
        if (e->previous != ITA_MISSING)
            ita_buf_puts(o, ita_cents_format(e->previous, s1));
        ita_buf_putc(o, ',');
        if (e->delta != ITA_MISSING)
            ita_buf_puts(o, ita_cents_format_signed(e->delta, s1));
        for (size_t n = 0; n < fw->indicator_count; n++) {
            ita_buf_putc(o, ',');
            if (e->indicators[n] != ITA_MISSING)
                ita_buf_puts(o, ita_cents_format(e->indicators[n], s1));
        }
        ita_buf_putc(o, '\n');
    }
}

/* ---- text ---- */

static void heading(struct ita_buf *out, const char *s)
{
    ita_buf_putc(out, '\n');
    ita_buf_puts(out, s);
    ita_buf_putc(out, '\n');
}

static const char *pct(int64_t v, char *buf)
{
    if (v == ITA_MISSING)
        return "-";
    ita_cents_format(v, buf);
    strcat(buf, "%");
    return buf;
}

static void stats_row(struct table *tb, const char *a, const char *b, const struct ita_stats *s)
{
    char c[6][ITA_CENTS_BUFSZ];
    const char *row[] = {a, b, ita_cents_format(s->mean, c[0]), ita_cents_format(s->median, c[1]),
                         ita_cents_format(s->p25, c[2]), ita_cents_format(s->p75, c[3]),
                         ita_cents_format(s->min, c[4]), ita_cents_format(s->max, c[5])};
    table_row(tb, NULL, row);
}

static void movers_table(struct ita_buf *out, const struct ita_ranking *r, const struct ita_texts *t,
                         const char *title, const size_t *list, size_t n)
{
    heading(out, title);
    if (n == 0) {
        ita_buf_printf(out, "  %s\n", ita_text(t, "none"));
        return;
    }
    static const int right[] = {0, 1, 1, 1};
    struct table tb;
    table_init(&tb, 4, right);
    tb.max[0] = 60;
    const char *head[] = {ita_text(t, "agency"), ita_text(t, "score"), ita_text(t, "previous"),
                          ita_text(t, "change")};
    table_row(&tb, NULL, head);
    char s1[ITA_CENTS_BUFSZ], s2[ITA_CENTS_BUFSZ], s3[ITA_CENTS_BUFSZ];
    for (size_t k = 0; k < n; k++) {
        const struct ita_rank_entry *e = &r->entries[list[k]];
        const char *row[] = {e->agency->name, ita_cents_format(e->score, s1), ita_cents_format(e->previous, s2),
                             ita_cents_format_signed(e->delta, s3)};
        table_row(&tb, NULL, row);
    }
    table_render(&tb, out, "  ");
    table_free(&tb);
}

void ita_render_rank_text(const struct ita_ranking *r, const struct ita_render_options *o, size_t top,
                          struct ita_buf *out)
{
    const struct ita_texts *t = o->texts;
    enum ita_lang lang = t->lang;
    const struct ita_framework *fw = r->fw;
    const struct ita_rank_summary *s = &r->all;
    char s1[ITA_CENTS_BUFSZ], s2[ITA_CENTS_BUFSZ], s4[ITA_CENTS_BUFSZ + 1];

    text_year_lines(out, t, fw, r->year, r->base_year);
    ita_buf_printf(out, "\n%s: %zu  %s: %s  %s: %s  %s: %s\n", ita_text(t, "rank_agencies"), s->count,
                   ita_text(t, "rank_mean"), ita_cents_format(s->overall.mean, s1), ita_text(t, "rank_median"),
                   ita_cents_format(s->overall.median, s2), ita_text(t, "rank_pass_rate"), pct(s->pass_rate, s4));

    /* distribution */
    {
        static const int right[] = {0, 1};
        struct table tb;
        table_init(&tb, 2, right);
        const char *head[] = {ita_text(t, fw->scheme == ITA_RATING_GRADES ? "grade" : "level"),
                              ita_text(t, "rank_agencies")};
        table_row(&tb, NULL, head);
        for (size_t b = 0; b < fw->band_count; b++) {
            char n[32];
            snprintf(n, sizeof n, "%zu", s->distribution[b]);
            const char *row[] = {ita_render_band_name(fw, b, lang), n};
            table_row(&tb, NULL, row);
        }
        ita_buf_putc(out, '\n');
        table_render(&tb, out, "");
        table_free(&tb);
    }

    /* tools and indicators, when any agency has them */
    bool any = false;
    for (size_t n = 0; n < fw->indicator_count; n++)
        any |= s->indicators[n].count > 0;
    if (any) {
        static const int right[] = {1, 0, 1, 1, 1, 1, 1, 1};
        struct table tb;
        table_init(&tb, 8, right);
        tb.max[1] = 36;
        const char *head[] = {"",
                              ita_text(t, "indicator"),
                              ita_text(t, "rank_mean"),
                              ita_text(t, "rank_median"),
                              "P25",
                              "P75",
                              ita_text(t, "rank_min"),
                              ita_text(t, "rank_max")};
        table_row(&tb, NULL, head);
        for (int k = 0; k < ITA_TOOL_COUNT; k++)
            stats_row(&tb, ita_tool_code((enum ita_tool)k), ita_render_text(&fw->tools[k].name, lang), &s->tools[k]);
        for (size_t n = 0; n < fw->indicator_count; n++) {
            char num[16];
            snprintf(num, sizeof num, "%u", fw->indicators[n].number);
            stats_row(&tb, num, ita_render_text(&fw->indicators[n].name, lang), &s->indicators[n]);
        }
        heading(out, ita_text(t, "indicators"));
        table_render(&tb, out, "");
        table_free(&tb);
    }

    /* the first ranks */
    {
        static const int right[] = {1, 0, 1, 0, 1};
        struct table tb;
        table_init(&tb, 5, right);
        tb.max[1] = 60;
        const char *head[] = {ita_text(t, "rank_rank"), ita_text(t, "agency"), ita_text(t, "score"),
                              ita_text(t, fw->scheme == ITA_RATING_GRADES ? "grade" : "level"),
                              ita_text(t, "change")};
        table_row(&tb, NULL, head);
        for (size_t i = 0; i < r->count && i < top; i++) {
            const struct ita_rank_entry *e = &r->entries[i];
            char rank[32];
            snprintf(rank, sizeof rank, "%zu", e->rank);
            const char *row[] = {rank, e->agency->name, ita_cents_format(e->score, s1),
                                 ita_render_band_name(fw, e->band, lang),
                                 e->delta == ITA_MISSING ? "" : ita_cents_format_signed(e->delta, s2)};
            table_row(&tb, NULL, row);
        }
        char n[32];
        snprintf(n, sizeof n, "%zu", top < r->count ? top : r->count);
        const char *args[] = {n};
        ita_buf_putc(out, '\n');
        ita_texts_fill(out, t, "rank_top", args, 1);
        ita_buf_putc(out, '\n');
        table_render(&tb, out, "  ");
        table_free(&tb);
    }
    movers_table(out, r, t, ita_text(t, "rank_gains"), r->gains, r->gain_count);
    movers_table(out, r, t, ita_text(t, "rank_drops"), r->drops, r->drop_count);

    if (r->by != NULL) {
        static const int right[] = {0, 1, 1, 1, 1};
        struct table tb;
        table_init(&tb, 5, right);
        tb.max[0] = 40;
        const char *head[] = {r->by, ita_text(t, "rank_agencies"), ita_text(t, "rank_mean"),
                              ita_text(t, "rank_median"), ita_text(t, "rank_pass_rate")};
        table_row(&tb, NULL, head);
        for (size_t g = 0; g < r->group_count; g++) {
            const struct ita_rank_summary *gs = &r->groups[g].summary;
            char n[32];
            snprintf(n, sizeof n, "%zu", gs->count);
            const char *row[] = {r->groups[g].value ? r->groups[g].value : "-", n,
                                 ita_cents_format(gs->overall.mean, s1), ita_cents_format(gs->overall.median, s2),
                                 pct(gs->pass_rate, s4)};
            table_row(&tb, NULL, row);
        }
        heading(out, ita_text(t, "rank_by_groups"));
        table_render(&tb, out, "  ");
        table_free(&tb);
    }
    text_notes(out, t, r->notes, r->note_count);
}
