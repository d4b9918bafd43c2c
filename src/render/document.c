/* The content of the publishable analysis, shared by the md and html renderers. */
#include "document.h"

#include <stdio.h>
#include <string.h>

const char *const doc_tier_keys[ITA_TIER_COUNT] = {"tier_maintain", "tier_improve", "tier_urgent"};
const char *const doc_tier_long_keys[ITA_TIER_COUNT] = {"tier_maintain_long", "tier_improve_long",
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

void doc_extremes(const struct ita_report *r, struct doc_extremes *e)
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

void doc_indicator_label(struct ita_buf *out, const struct ita_texts *t, const struct ita_framework *fw, size_t n)
{
    indicator_fill(out, t, fw, n, "doc_indicator_label");
}

void doc_indicator_heading(struct ita_buf *out, const struct ita_texts *t, const struct ita_framework *fw, size_t n)
{
    indicator_fill(out, t, fw, n, "doc_indicator_heading");
}

void doc_title(struct ita_buf *out, const struct ita_texts *t, const struct ita_report *r)
{
    struct ita_buf y;
    ita_buf_init(&y);
    ita_render_year(&y, t, r->year);
    fill1(out, t, "doc_title", y.data ? y.data : "");
    ita_buf_free(&y);
}

void doc_subtitle(struct ita_buf *out, const struct ita_texts *t, const struct ita_report *r)
{
    struct ita_buf y;
    ita_buf_init(&y);
    ita_render_year(&y, t, r->year + 1);
    fill1(out, t, "doc_subtitle", y.data ? y.data : "");
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
    ita_buf_init(&names);
    indicator_list(&names, t, fw, list, n);
    char s[ITA_CENTS_BUFSZ];
    ita_cents_format(r->indicators[list[0]].score, s);
    const char *args[] = {names.data ? names.data : "", s};
    ita_texts_fill(out, t, n == 1 ? key_one : key_many, args, 2);
    if (names.failed)
        out->failed = true;
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

void doc_summary(struct ita_buf *out, const struct ita_texts *t, const struct ita_report *r)
{
    const struct ita_framework *fw = r->fw;
    const struct ita_figure *ov = &r->overall;
    char s1[ITA_CENTS_BUFSZ], s2[ITA_CENTS_BUFSZ], s3[ITA_CENTS_BUFSZ];
    struct ita_buf year;
    ita_buf_init(&year);
    ita_render_year(&year, t, r->year);
    const char *agency = r->agency->name[0] ? r->agency->name : ita_text(t, "doc_the_agency");
    if (ov->score == ITA_MISSING) {
        const char *args[] = {agency, year.data ? year.data : ""};
        ita_texts_fill(out, t, "doc_overall_missing", args, 2);
    } else {
        const char *args[] = {agency, ita_cents_format(ov->score, s1), year.data ? year.data : "",
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
        ita_buf_init(&by);
        ita_render_year(&by, t, r->base_year);
        const char *bys = by.data ? by.data : "";
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
    if (year.failed)
        out->failed = true;
    ita_buf_free(&year);
}

void doc_scored(struct ita_buf *out, const struct ita_texts *t, const struct ita_framework *fw, const char *text,
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

void doc_tier_heading(struct ita_buf *out, const struct ita_texts *t, const struct ita_analysis *a, int tier)
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

void doc_oit_counts(const struct ita_report *r, size_t *given, size_t *met)
{
    *given = *met = 0;
    for (size_t i = 0; i < r->fw->item_count; i++)
        if (r->fw->items[i].tool == ITA_OIT && r->items[i].score != ITA_MISSING) {
            (*given)++;
            *met += r->items[i].score == 10000;
        }
}

void doc_tool_heading(struct ita_buf *out, const struct ita_texts *t, const struct ita_framework *fw,
                      enum ita_tool tool)
{
    const char *args[] = {ita_tool_code(tool), ita_render_text(&fw->tools[tool].name, t->lang)};
    ita_texts_fill(out, t, "doc_tool_heading", args, 2);
}
