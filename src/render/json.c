/* The JSON report: the contract of docs/json.md, schema ITA_JSON_SCHEMA. */
#include <string.h>

#include "common.h"
#include "history.h"
#include "peers.h"

static void str_or_null(struct ita_buf *o, const char *k, const char *s)
{
    json_key(o, k);
    if (s == NULL || s[0] == '\0')
        ita_buf_puts(o, "null");
    else
        ita_buf_json_string(o, s);
}

static void figure(struct ita_buf *o, const struct ita_framework *fw, const struct ita_figure *f)
{
    json_cents(o, "score", f->score);
    ita_buf_putc(o, ',');
    str_or_null(o, "grade", ita_render_band_name(fw, f->band, ITA_LANG_EN));
    ita_buf_putc(o, ',');
    json_cents(o, "previous", f->previous);
    ita_buf_putc(o, ',');
    json_cents(o, "delta", f->delta);
    ita_buf_puts(o, ",\"given\":");
    ita_buf_puts(o, f->given ? "true" : "false");
    ita_buf_puts(o, ",\"from_parts\":");
    if (f->has_parts) {
        char b[ITA_CENTS_BUFSZ];
        ita_buf_json_string(o, ita_exact_format(f->from_parts, b));
    } else {
        ita_buf_puts(o, "null");
    }
}

static void notes(struct ita_buf *o, const struct ita_texts *t, const struct ita_note *list, size_t n)
{
    ita_buf_putc(o, '[');
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            ita_buf_putc(o, ',');
        struct ita_buf msg;
        ita_buf_scratch(&msg, o);
        ita_render_note(&msg, t, &list[i]);
        ita_buf_json_string(o, ita_buf_str(&msg));
        ita_buf_free(&msg);
    }
    ita_buf_putc(o, ']');
}

static const char *const level_names[] = {"overall", "tool", "indicator", "sub_indicator", "item"};

/* The audit as data: where, the given score, its parts, the difference. */
static void audit(struct ita_buf *o, const struct ita_report *r)
{
    ita_buf_putc(o, '[');
    for (size_t i = 0; i < r->audit_count; i++) {
        const struct ita_note *n = &r->notes[i];
        char p[ITA_CENTS_BUFSZ], d[ITA_CENTS_BUFSZ];
        if (n->kind == ITA_NOTE_RESULT) {
            /* a band's English name: the same in every output language */
            ita_buf_printf(o, "%s{\"level\":\"result\",\"code\":null,\"given\":", i ? "," : "");
            ita_buf_json_string(o, ita_render_band_name(n->fw, n->band_given, ITA_LANG_EN));
            ita_buf_puts(o, ",\"computed\":");
            ita_buf_json_string(o, ita_render_band_name(n->fw, n->band_computed, ITA_LANG_EN));
            ita_buf_putc(o, '}');
            continue;
        }
        ita_buf_printf(o, "%s{\"level\":\"%s\",\"code\":", i ? "," : "", level_names[n->level]);
        if (n->code[0])
            ita_buf_json_string(o, n->code);
        else
            ita_buf_puts(o, "null");
        ita_buf_puts(o, ",\"given\":");
        ita_render_json_cents(o, n->given);
        ita_buf_printf(o, ",\"from_parts\":\"%s\",\"difference\":\"%s\"}", ita_exact_format(n->from_parts, p),
                       ita_exact_format(n->difference, d));
    }
    ita_buf_putc(o, ']');
}

static void render_one(const struct ita_report *r, const struct ita_texts *texts, struct ita_buf *o)
{
    const struct ita_framework *fw = r->fw;
    ita_buf_puts(o, "{");
    json_key(o, "agency");
    ita_buf_json_string(o, r->agency->name);
    ita_buf_printf(o, ",\"year\":%d,\"base_year\":", r->year);
    if (r->base_year)
        ita_buf_printf(o, "%d", r->base_year);
    else
        ita_buf_puts(o, "null");
    ita_buf_printf(o, ",\"framework\":{\"year\":%d,\"status\":\"%s\",\"rating\":\"%s\"}", fw->year,
                   fw->provisional ? "provisional" : "established",
                   fw->scheme == ITA_RATING_GRADES ? "grades" : "levels");
    /* overall */
    ita_buf_puts(o, ",\"overall\":{");
    json_cents(o, "score", r->overall.score);
    ita_buf_putc(o, ',');
    if (fw->scheme == ITA_RATING_GRADES) {
        str_or_null(o, "grade", ita_render_band_name(fw, r->overall.band, ITA_LANG_EN));
        ita_buf_puts(o, ",\"level_th\":null,\"level_en\":null");
    } else {
        ita_buf_puts(o, "\"grade\":null,");
        str_or_null(o, "level_th", ita_render_band_name(fw, r->overall.band, ITA_LANG_TH));
        ita_buf_putc(o, ',');
        str_or_null(o, "level_en", ita_render_band_name(fw, r->overall.band, ITA_LANG_EN));
    }
    ita_buf_puts(o, ",\"pass\":");
    ita_buf_puts(o, r->overall.score == ITA_MISSING ? "null" : r->pass ? "true" : "false");
    ita_buf_putc(o, ',');
    json_cents(o, "previous", r->overall.previous);
    ita_buf_putc(o, ',');
    json_cents(o, "delta", r->overall.delta);
    ita_buf_puts(o, ",\"given\":");
    ita_buf_puts(o, r->overall.given ? "true" : "false");
    ita_buf_puts(o, ",\"from_parts\":");
    if (r->overall.has_parts) {
        char b[ITA_CENTS_BUFSZ];
        ita_buf_json_string(o, ita_exact_format(r->overall.from_parts, b));
    } else {
        ita_buf_puts(o, "null");
    }
    ita_buf_puts(o, "}");
    /* tools */
    ita_buf_puts(o, ",\"tools\":[");
    for (int t = 0; t < ITA_TOOL_COUNT; t++) {
        if (t > 0)
            ita_buf_putc(o, ',');
        ita_buf_printf(o, "{\"code\":\"%s\",", ita_tool_code((enum ita_tool)t));
        str_or_null(o, "name_th", fw->tools[t].name.th);
        ita_buf_putc(o, ',');
        str_or_null(o, "name_en", fw->tools[t].name.en);
        ita_buf_putc(o, ',');
        figure(o, fw, &r->tools[t]);
        ita_buf_putc(o, '}');
    }
    ita_buf_puts(o, "]");
    /* indicators */
    ita_buf_puts(o, ",\"indicators\":[");
    for (size_t n = 0; n < fw->indicator_count; n++) {
        const struct ita_fw_indicator *ind = &fw->indicators[n];
        if (n > 0)
            ita_buf_putc(o, ',');
        ita_buf_printf(o, "{\"number\":%u,\"tool\":\"%s\",", ind->number, ita_tool_code(ind->tool));
        str_or_null(o, "name_th", ind->name.th);
        ita_buf_putc(o, ',');
        str_or_null(o, "name_en", ind->name.en);
        ita_buf_putc(o, ',');
        char w[ITA_CENTS_BUFSZ];
        ita_buf_printf(o, "\"weight\":%s,", ita_cents_format(ind->weight, w));
        figure(o, fw, &r->indicators[n]);
        ita_buf_puts(o, ",\"sub_indicators\":[");
        for (size_t s = 0; s < ind->sub_indicator_count; s++) {
            const struct ita_fw_sub_indicator *si = &fw->sub_indicators[ind->first_sub_indicator + s];
            if (s > 0)
                ita_buf_putc(o, ',');
            ita_buf_puts(o, "{");
            str_or_null(o, "code", si->code);
            ita_buf_putc(o, ',');
            str_or_null(o, "name_th", si->name.th);
            ita_buf_putc(o, ',');
            str_or_null(o, "name_en", si->name.en);
            ita_buf_putc(o, ',');
            figure(o, fw, &r->sub_indicators[ind->first_sub_indicator + s]);
            ita_buf_putc(o, '}');
        }
        ita_buf_puts(o, "]}");
    }
    ita_buf_puts(o, "]");
    /* items */
    ita_buf_puts(o, ",\"items\":[");
    for (size_t i = 0; i < fw->item_count; i++) {
        const struct ita_fw_item *it = &fw->items[i];
        const struct ita_figure *f = &r->items[i];
        if (i > 0)
            ita_buf_putc(o, ',');
        ita_buf_printf(o, "{\"code\":\"%s\",\"indicator\":%u,\"tool\":\"%s\",", it->code,
                       fw->indicators[it->indicator].number, ita_tool_code(it->tool));
        str_or_null(o, "sub_indicator", it->sub_indicator == SIZE_MAX ? NULL : fw->sub_indicators[it->sub_indicator].code);
        ita_buf_putc(o, ',');
        str_or_null(o, "text_th", it->text.th);
        ita_buf_putc(o, ',');
        str_or_null(o, "text_en", it->text.en);
        ita_buf_putc(o, ',');
        figure(o, fw, f);
        /* the same question in the base year (docs/frameworks.md) */
        const struct ita_item_pair *pair = r->pairs != NULL ? &r->pairs[i] : NULL;
        ita_buf_putc(o, ',');
        str_or_null(o, "previous_code", pair != NULL && pair->base != NULL ? pair->base->code : NULL);
        ita_buf_printf(o, ",\"reworded\":%s,\"new_in\":", pair != NULL && pair->reworded ? "true" : "false");
        if (pair != NULL && pair->new_in != 0)
            ita_buf_printf(o, "%d", pair->new_in);
        else
            ita_buf_puts(o, "null");
        ita_buf_puts(o, ",\"tier\":");
        if (f->tier != ITA_TIER_NONE)
            ita_buf_json_string(o, ita_tier_name(f->tier));
        else
            ita_buf_puts(o, "null");
        ita_buf_puts(o, ",\"met\":");
        ita_buf_puts(o, it->tool != ITA_OIT || f->score == ITA_MISSING ? "null" : f->score == 10000 ? "true" : "false");
        ita_buf_puts(o, ",\"subs\":[");
        for (size_t s = 0; s < it->sub_count; s++) {
            const struct ita_figure *sf = &r->subs[it->first_sub + s];
            if (s > 0)
                ita_buf_putc(o, ',');
            ita_buf_printf(o, "{\"number\":%zu,", s + 1);
            str_or_null(o, "text_th", it->subs[s].th);
            ita_buf_putc(o, ',');
            str_or_null(o, "text_en", it->subs[s].en);
            ita_buf_putc(o, ',');
            figure(o, fw, sf);
            ita_buf_puts(o, ",\"tier\":");
            if (sf->tier != ITA_TIER_NONE)
                ita_buf_json_string(o, ita_tier_name(sf->tier));
            else
                ita_buf_puts(o, "null");
            ita_buf_putc(o, '}');
        }
        ita_buf_puts(o, "]}");
    }
    ita_buf_puts(o, "]");
    /* tiers */
    ita_buf_puts(o, ",\"tiers\":{");
    for (int k = 0; k < ITA_TIER_COUNT; k++) {
        if (k > 0)
            ita_buf_putc(o, ',');
        json_key(o, ita_tier_name((enum ita_tier)k));
        ita_buf_putc(o, '[');
        for (size_t j = 0; j < r->tier_count[k]; j++) {
            if (j > 0)
                ita_buf_putc(o, ',');
            ita_buf_json_string(o, fw->items[r->tier_items[k][j]].code);
        }
        ita_buf_putc(o, ']');
    }
    ita_buf_puts(o, "},\"audit\":");
    audit(o, r);
    ita_buf_puts(o, ",\"warnings\":");
    notes(o, texts, r->notes, r->note_count);
    peers_json(o, r);
    history_json(o, r);
    ita_buf_puts(o, "}");
}

static void json_head(const struct ita_analysis *a, const struct ita_render_options *o, struct ita_buf *out)
{
    (void)o;
    char m[ITA_CENTS_BUFSZ], u[ITA_CENTS_BUFSZ];
    ita_buf_printf(out,
                   "{\"schema\":%d,\"command\":\"report\",\"rounding\":\"half away from zero, two decimals\","
                   "\"year\":%d,\"cutoffs\":{\"maintain_above\":%s,\"urgent_below\":%s},\"reports\":[",
                   ITA_JSON_SCHEMA, a->year, ita_cents_format(a->maintain_above, m),
                   ita_cents_format(a->urgent_below, u));
}

static void json_one(const struct ita_analysis *a, const struct ita_report *r, size_t position,
                     const struct ita_render_options *o, struct ita_buf *out)
{
    (void)a;
    if (position > 0)
        ita_buf_putc(out, ',');
    render_one(r, o->texts, out);
}

static void json_tail(const struct ita_analysis *a, const struct ita_render_options *o, struct ita_buf *out)
{
    ita_buf_puts(out, "],\"warnings\":");
    notes(out, o->texts, a->notes, a->note_count);
    ita_buf_puts(out, "}\n");
}

const struct ita_report_parts ita_report_parts_json = {json_head, json_one, json_tail};

void ita_render_report_json(const struct ita_analysis *a, const struct ita_render_options *o,
                            struct ita_buf *out)
{
    ita_render_report_parts(&ita_report_parts_json, a, o, out);
}
