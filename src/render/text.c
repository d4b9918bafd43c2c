/* The text report: for a terminal, aligned by display width, coloured by group. */
#include <string.h>

#include "common.h"
#include "history.h"
#include "peers.h"

static const char *const tier_keys[] = {"tier_maintain", "tier_improve", "tier_urgent"};
static const char *const tier_colors[] = {"\x1b[32m", "\x1b[33m", "\x1b[31m"};

static const char *fmt(int64_t cents, char *buf)
{
    return ita_cents_format(cents, buf);
}

static const char *fmt_delta(int64_t cents, char *buf)
{
    return ita_cents_format_signed(cents, buf);
}

/* Appends s to out[0..*len), as much of it as fits before out[size - 1]; one
 * after another, these cut what they write as snprintf cuts it. */
static void put_cut(char *out, size_t size, size_t *len, const char *s)
{
    *len += strlen(ita_str_copy(out + *len, size - *len, s));
}

static void heading(struct ita_buf *out, const char *s)
{
    ita_buf_putc(out, '\n');
    ita_buf_puts(out, s);
    ita_buf_putc(out, '\n');
}

/* An item's previous score, with the base year's code where the question had another
 * ("100.00 (O5)"), and its change, or "new in 2568" where the question is new; out
 * is marked failed when the text could not be made. */
static void item_change(const struct ita_texts *t, const struct ita_report *r, size_t i, char prev[48],
                        char change[96], struct ita_buf *out)
{
    const struct ita_figure *f = &r->items[i];
    const struct ita_item_pair *pair = r->pairs != NULL ? &r->pairs[i] : NULL;
    char s[ITA_CENTS_BUFSZ];
    fmt(f->previous, s);
    if (f->previous != ITA_MISSING && pair != NULL && pair->base != NULL &&
        strcmp(pair->base->code, r->fw->items[i].code) != 0) {
        size_t len = 0;
        put_cut(prev, 48, &len, s);
        put_cut(prev, 48, &len, " (");
        put_cut(prev, 48, &len, pair->base->code);
        put_cut(prev, 48, &len, ")");
    } else {
        ita_str_copy(prev, 48, s);
    }
    if (pair != NULL && pair->new_in != 0) {
        struct ita_buf b;
        ita_buf_scratch(&b, out);
        char y[16];
        snprintf(y, sizeof y, "%d", pair->new_in);
        const char *args[] = {y};
        ita_texts_fill(&b, t, "new_in", args, 1);
        ita_str_copy(change, 96, ita_buf_str(&b));
        ita_buf_free(&b);
    } else {
        fmt_delta(f->delta, s);
        ita_str_copy(change, 96, s);
    }
}

static void render_one(const struct ita_analysis *a, const struct ita_report *r,
                       const struct ita_render_options *o, struct ita_buf *out)
{
    const struct ita_texts *t = o->texts;
    enum ita_lang lang = t->lang;
    const struct ita_framework *fw = r->fw;
    char s1[ITA_CENTS_BUFSZ], s2[ITA_CENTS_BUFSZ], s3[ITA_CENTS_BUFSZ];

    ita_buf_printf(out, "%s: %s\n", ita_text(t, "agency"), r->agency->name[0] ? r->agency->name : "-");
    text_year_lines(out, t, fw, r->year, r->base_year);

    /* overall */
    const struct ita_figure *ov = &r->overall;
    ita_buf_printf(out, "\n%s: %s", ita_text(t, "overall"), fmt(ov->score, s1));
    if (ov->score != ITA_MISSING && fw->scheme == ITA_RATING_GRADES)
        ita_buf_printf(out, "  %s  %s", ita_render_band_name(fw, ov->band, lang),
                       ita_text(t, r->pass ? "pass" : "fail"));
    else if (ov->score != ITA_MISSING)
        ita_buf_printf(out, "  %s", ita_render_band_name(fw, ov->band, lang));
    if (ov->previous != ITA_MISSING)
        ita_buf_printf(out, "  (%s %s, %s %s)", ita_text(t, "previous"), fmt(ov->previous, s2),
                       ita_text(t, "change"), fmt_delta(ov->delta, s3));
    ita_buf_putc(out, '\n');

    /* tools */
    {
        static const int right[] = {0, 1, 1, 1};
        struct table tb;
        table_init(&tb, 4, right);
        const char *head[] = {ita_text(t, "tool"), ita_text(t, "score"), ita_text(t, "previous"),
                              ita_text(t, "change")};
        table_row(&tb, NULL, head);
        for (int k = 0; k < ITA_TOOL_COUNT; k++) {
            const struct ita_figure *f = &r->tools[k];
            const char *row[] = {ita_tool_code((enum ita_tool)k), fmt(f->score, s1), fmt(f->previous, s2),
                                 fmt_delta(f->delta, s3)};
            table_row(&tb, NULL, row);
        }
        ita_buf_putc(out, '\n');
        table_render(&tb, out, "");
        table_free(&tb);
    }

    /* indicators */
    {
        static const int right[] = {1, 0, 0, 1, 1, 1, 0};
        struct table tb;
        table_init(&tb, 7, right);
        tb.max[1] = 36;
        const char *head[] = {"#", ita_text(t, "indicator"), ita_text(t, "tool"), ita_text(t, "score"),
                              ita_text(t, "previous"), ita_text(t, "change"), ita_text(t, "grade")};
        table_row(&tb, NULL, head);
        for (size_t n = 0; n < fw->indicator_count; n++) {
            const struct ita_figure *f = &r->indicators[n];
            char num[ITA_UINT_BUFSZ];
            ita_uint_text(fw->indicators[n].number, num);
            const char *row[] = {num, ita_render_text(&fw->indicators[n].name, lang),
                                 ita_tool_code(fw->indicators[n].tool), fmt(f->score, s1),
                                 fmt(f->previous, s2), fmt_delta(f->delta, s3),
                                 ita_render_band_name(fw, f->band, lang)};
            table_row(&tb, NULL, row);
        }
        heading(out, ita_text(t, "indicators"));
        table_render(&tb, out, "");
        table_free(&tb);
    }

    /* items with their sub-questions */
    {
        static const int right[] = {0, 0, 1, 1, 1, 0, 0};
        struct table tb;
        table_init(&tb, 7, right);
        tb.max[1] = 44;
        /* the names of the groups, looked up once for every row */
        const char *tier_names[ITA_TIER_COUNT], *met = ita_text(t, "met"), *not_met = ita_text(t, "not_met");
        for (int k = 0; k < ITA_TIER_COUNT; k++)
            tier_names[k] = ita_text(t, tier_keys[k]);
        const char *head[] = {ita_text(t, "item"), "", ita_text(t, "score"), ita_text(t, "previous"),
                              ita_text(t, "change"), ita_text(t, "grade"), ita_text(t, "group")};
        table_row(&tb, NULL, head);
        for (size_t i = 0; i < fw->item_count; i++) {
            const struct ita_fw_item *it = &fw->items[i];
            const struct ita_figure *f = &r->items[i];
            if (f->score == ITA_MISSING)
                continue;
            const char *group = f->tier != ITA_TIER_NONE ? tier_names[f->tier]
                                : f->score == 10000      ? met
                                                         : not_met;
            const char *color = o->color && f->tier != ITA_TIER_NONE ? tier_colors[f->tier] : NULL;
            char prev[48], change[96];
            item_change(t, r, i, prev, change, out);
            const char *row[] = {it->code, ita_render_text(&it->text, lang), fmt(f->score, s1),
                                 prev, change,
                                 ita_render_band_name(fw, f->band, lang), group};
            table_row(&tb, color, row);
            for (size_t s = 0; s < it->sub_count; s++) {
                const struct ita_figure *sf = &r->subs[it->first_sub + s];
                if (sf->score == ITA_MISSING)
                    continue;
                char label[512], number[ITA_UINT_BUFSZ];
                size_t len = 0;
                put_cut(label, sizeof label, &len, "  ");
                put_cut(label, sizeof label, &len, ita_uint_text(s + 1, number));
                put_cut(label, sizeof label, &len, ". ");
                put_cut(label, sizeof label, &len, ita_render_text(&it->subs[s], lang));
                const char *sc = o->color && sf->tier != ITA_TIER_NONE ? tier_colors[sf->tier] : NULL;
                const char *srow[] = {"", label, fmt(sf->score, s1), fmt(sf->previous, s2),
                                      fmt_delta(sf->delta, s3), ita_render_band_name(fw, sf->band, lang),
                                      sf->tier != ITA_TIER_NONE ? tier_names[sf->tier] : ""};
                table_row(&tb, sc, srow);
            }
        }
        heading(out, ita_text(t, "items"));
        table_render(&tb, out, "");
        table_free(&tb);
    }

    /* groups */
    heading(out, ita_text(t, "groups"));
    char above[ITA_CENTS_BUFSZ], below[ITA_CENTS_BUFSZ];
    ita_cents_format(a->maintain_above, above);
    ita_cents_format(a->urgent_below, below);
    static const char *const long_keys[] = {"tier_maintain_long", "tier_improve_long", "tier_urgent_long"};
    for (int k = 0; k < ITA_TIER_COUNT; k++) {
        const char *args_m[] = {above};
        const char *args_i[] = {below, above};
        const char *args_u[] = {below};
        const char *const *args = k == 0 ? args_m : k == 1 ? args_i : args_u;
        if (o->color)
            ita_buf_puts(out, tier_colors[k]);
        ita_texts_fill(out, t, long_keys[k], args, k == 1 ? 2 : 1);
        if (o->color)
            ita_buf_puts(out, "\x1b[0m");
        ita_buf_putc(out, '\n');
        for (int tool = ITA_IIT; tool <= ITA_EIT; tool++) {
            size_t shown = 0;
            for (size_t j = 0; j < r->tier_count[k]; j++) {
                const struct ita_fw_item *it = &fw->items[r->tier_items[k][j]];
                if ((int)it->tool != tool)
                    continue;
                if (shown++ == 0)
                    ita_buf_printf(out, "  %s:", ita_tool_code((enum ita_tool)tool));
                ita_buf_printf(out, " %s", it->code);
            }
            if (shown > 0)
                ita_buf_putc(out, '\n');
        }
        if (r->tier_count[k] == 0)
            ita_buf_printf(out, "  %s\n", ita_text(t, "none"));
    }

    /* OIT items: met or not */
    size_t oit_total = 0, oit_given = 0, oit_met = 0;
    for (size_t i = 0; i < fw->item_count; i++)
        if (fw->items[i].tool == ITA_OIT) {
            oit_total++;
            if (r->items[i].score != ITA_MISSING) {
                oit_given++;
                oit_met += r->items[i].score == 10000;
            }
        }
    ita_buf_printf(out, "%s: ", ita_text(t, "oit_items"));
    if (oit_given == 0) {
        ita_buf_puts(out, ita_text(t, "oit_no_items"));
    } else {
        char m[24], g[24];
        snprintf(m, sizeof m, "%zu", oit_met);
        snprintf(g, sizeof g, "%zu", oit_given);
        const char *args[] = {m, g};
        ita_texts_fill(out, t, "oit_met_count", args, 2);
        if (oit_met < oit_given) {
            ita_buf_printf(out, "; %s:", ita_text(t, "not_met"));
            for (size_t i = 0; i < fw->item_count; i++)
                if (fw->items[i].tool == ITA_OIT && r->items[i].score != ITA_MISSING && r->items[i].score != 10000)
                    ita_buf_printf(out, " %s", fw->items[i].code);
        }
    }
    ita_buf_putc(out, '\n');
    (void)oit_total;

    peers_text(out, t, r);
    history_text(out, t, r);
    text_notes(out, t, r->notes, r->note_count);
}

static void text_head(const struct ita_analysis *a, const struct ita_render_options *o, struct ita_buf *out)
{
    (void)a, (void)o, (void)out;
}

static void text_one(const struct ita_analysis *a, const struct ita_report *r, size_t position,
                     const struct ita_render_options *o, struct ita_buf *out)
{
    if (position > 0)
        ita_buf_puts(out, "\n\n");
    render_one(a, r, o, out);
}

static void text_tail(const struct ita_analysis *a, const struct ita_render_options *o, struct ita_buf *out)
{
    text_notes(out, o->texts, a->notes, a->note_count);
}

const struct ita_report_parts ita_report_parts_text = {text_head, text_one, text_tail};

void ita_render_report_text(const struct ita_analysis *a, const struct ita_render_options *o,
                            struct ita_buf *out)
{
    ita_render_report_parts(&ita_report_parts_text, a, o, out);
}
