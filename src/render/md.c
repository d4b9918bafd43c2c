/* The publishable analysis as Markdown for pandoc: a YAML title block, pipe tables. */
#include <string.h>

#include "document.h"

/* Text with every character Markdown could read as markup escaped; line breaks
 * become spaces, so that a table cell or a list item stays on its line. */
static void md(struct ita_buf *out, const char *s)
{
    for (; *s; s++) {
        char c = *s;
        if (c == '\n' || c == '\r' || c == '\t') {
            ita_buf_putc(out, ' ');
            continue;
        }
        if (strchr("\\`*_{}[]<>#|$~^@&", c) != NULL)
            ita_buf_putc(out, '\\');
        ita_buf_putc(out, c);
    }
}

/* A plain-text piece built by the document helpers, escaped. */
static void md_buf(struct ita_buf *out, struct ita_buf *piece)
{
    md(out, piece->data ? piece->data : "");
    if (piece->failed)
        out->failed = true;
    ita_buf_free(piece);
    ita_buf_init(piece);
}

/* A YAML double-quoted scalar holding escaped Markdown (pandoc reads metadata as Markdown). */
static void yaml_md(struct ita_buf *out, const char *key, struct ita_buf *piece)
{
    struct ita_buf m;
    ita_buf_init(&m);
    md(&m, piece->data ? piece->data : "");
    ita_buf_printf(out, "%s: \"", key);
    for (const char *p = m.data ? m.data : ""; *p; p++) {
        if (*p == '"' || *p == '\\')
            ita_buf_putc(out, '\\');
        ita_buf_putc(out, *p);
    }
    ita_buf_puts(out, "\"\n");
    if (m.failed || piece->failed)
        out->failed = true;
    ita_buf_free(&m);
    ita_buf_free(piece);
    ita_buf_init(piece);
}

static const char *fmt(int64_t cents, char *b)
{
    return cents == ITA_MISSING ? "–" : ita_cents_format(cents, b);
}

static const char *fmt_delta(int64_t cents, char *b)
{
    return cents == ITA_MISSING ? "–" : ita_cents_format_signed(cents, b);
}

/* One row of the indicator table; bold for tools and the overall score. */
static void score_row(struct ita_buf *out, const char *num, const char *label, const struct ita_figure *f,
                      const char *band, bool has_base, bool bold)
{
    char s1[ITA_CENTS_BUFSZ], s2[ITA_CENTS_BUFSZ], s3[ITA_CENTS_BUFSZ];
    const char *b = bold ? "**" : "";
    ita_buf_printf(out, "| %s | %s", num, b);
    md(out, label);
    ita_buf_printf(out, "%s | %s%s%s", b, b, fmt(f->score, s1), b);
    if (has_base)
        ita_buf_printf(out, " | %s%s%s | %s%s%s", b, fmt(f->previous, s2), b, b, fmt_delta(f->delta, s3), b);
    ita_buf_puts(out, " | ");
    if (band[0])
        ita_buf_printf(out, "%s", b);
    md(out, band);
    if (band[0])
        ita_buf_printf(out, "%s", b);
    ita_buf_puts(out, " |\n");
}

static void indicator_table(struct ita_buf *out, const struct ita_texts *t, const struct ita_report *r)
{
    const struct ita_framework *fw = r->fw;
    enum ita_lang lang = t->lang;
    bool has_base = r->base_year != 0;
    struct ita_buf p;
    ita_buf_init(&p);
    ita_buf_printf(out, "## %s\n\n", ita_text(t, "doc_indicators_heading"));
    ita_buf_printf(out, "| %s | %s | ", ita_text(t, "doc_number"), ita_text(t, "indicator"));
    doc_year_column(out, t, r->year);
    if (has_base) {
        ita_buf_puts(out, " | ");
        doc_year_column(out, t, r->base_year);
        ita_buf_printf(out, " | %s", ita_text(t, "change"));
    }
    ita_buf_printf(out, " | %s |\n", ita_text(t, fw->scheme == ITA_RATING_GRADES ? "grade" : "level"));
    ita_buf_puts(out, has_base ? "|--:|:------------|-----:|-----:|-----:|:---|\n" : "|--:|:------------|-----:|:---|\n");
    for (int k = 0; k < ITA_TOOL_COUNT; k++) {
        const struct ita_fw_tool *tool = &fw->tools[k];
        doc_tool_heading(&p, t, fw, (enum ita_tool)k);
        score_row(out, "", p.data ? p.data : "", &r->tools[k], ita_render_band_name(fw, r->tools[k].band, lang),
                  has_base, true);
        ita_buf_free(&p);
        ita_buf_init(&p);
        for (size_t n = tool->first_indicator; n < tool->first_indicator + tool->indicator_count; n++) {
            char num[16];
            snprintf(num, sizeof num, "%u", fw->indicators[n].number);
            score_row(out, num, ita_render_text(&fw->indicators[n].name, lang), &r->indicators[n],
                      ita_render_band_name(fw, r->indicators[n].band, lang), has_base, false);
        }
    }
    score_row(out, "", ita_text(t, "overall"), &r->overall, ita_render_band_name(fw, r->overall.band, lang),
              has_base, true);
    ita_buf_putc(out, '\n');
}

/* The items of one tool in one group, by indicator, with their sub-questions. */
static void tier_details(struct ita_buf *out, const struct ita_texts *t, const struct ita_report *r, int tier,
                         enum ita_tool tool)
{
    const struct ita_framework *fw = r->fw;
    enum ita_lang lang = t->lang;
    struct ita_buf p;
    ita_buf_init(&p);
    size_t last_indicator = SIZE_MAX;
    for (size_t j = 0; j < r->tier_count[tier]; j++) {
        size_t i = r->tier_items[tier][j];
        const struct ita_fw_item *it = &fw->items[i];
        if (it->tool != tool)
            continue;
        if (it->indicator != last_indicator) {
            if (last_indicator != SIZE_MAX)
                ita_buf_putc(out, '\n');
            last_indicator = it->indicator;
            doc_indicator_heading(&p, t, fw, it->indicator);
            ita_buf_puts(out, "**");
            md_buf(out, &p);
            ita_buf_puts(out, "**\n\n");
        }
        ita_buf_printf(out, "- **%s** ", it->code);
        doc_scored(&p, t, fw, ita_render_text(&it->text, lang), &r->items[i], r->base_year);
        md_buf(out, &p);
        ita_buf_putc(out, '\n');
        for (size_t s = 0; s < it->sub_count; s++) {
            const struct ita_figure *sf = &r->subs[it->first_sub + s];
            if (sf->score == ITA_MISSING)
                continue;
            ita_buf_puts(out, "    - ");
            doc_scored(&p, t, fw, ita_render_text(&it->subs[s], lang), sf, r->base_year);
            if (sf->tier != ITA_TIER_NONE && sf->tier != r->items[i].tier) {
                const char *args[] = {ita_text(t, doc_tier_keys[sf->tier])};
                ita_texts_fill(&p, t, "doc_sub_group", args, 1);
            }
            md_buf(out, &p);
            ita_buf_putc(out, '\n');
        }
    }
    if (last_indicator != SIZE_MAX)
        ita_buf_putc(out, '\n');
    ita_buf_free(&p);
}

static void groups(struct ita_buf *out, const struct ita_texts *t, const struct ita_analysis *a,
                   const struct ita_report *r)
{
    const struct ita_framework *fw = r->fw;
    enum ita_lang lang = t->lang;
    struct ita_buf p;
    ita_buf_init(&p);
    char above[ITA_CENTS_BUFSZ], below[ITA_CENTS_BUFSZ];
    ita_buf_printf(out, "## %s\n\n", ita_text(t, "doc_groups_heading"));
    const char *args[] = {ita_cents_format(a->maintain_above, above), ita_cents_format(a->urgent_below, below)};
    ita_texts_fill(&p, t, "doc_groups_intro", args, 2);
    md_buf(out, &p);
    ita_buf_puts(out, "\n\n");
    for (int tool = ITA_IIT; tool <= ITA_EIT; tool++) {
        doc_tool_heading(&p, t, fw, (enum ita_tool)tool);
        ita_buf_puts(out, "### ");
        md_buf(out, &p);
        ita_buf_puts(out, "\n\n");
        /* the summary: group x indicator -> item codes */
        ita_buf_printf(out, "| %s | %s | %s |\n|:------|:--------|:--------|\n", ita_text(t, "group"),
                       ita_text(t, "indicator"), ita_text(t, "items"));
        for (int k = 0; k < ITA_TIER_COUNT; k++) {
            bool any = false;
            for (size_t n = 0; n < fw->indicator_count; n++) {
                if ((int)fw->indicators[n].tool != tool)
                    continue;
                size_t shown = 0;
                for (size_t j = 0; j < r->tier_count[k]; j++) {
                    const struct ita_fw_item *it = &fw->items[r->tier_items[k][j]];
                    if (it->indicator != n)
                        continue;
                    if (shown++ == 0) {
                        ita_buf_puts(out, "| ");
                        md(out, ita_text(t, doc_tier_keys[k]));
                        ita_buf_printf(out, " | %u ", fw->indicators[n].number);
                        md(out, ita_render_text(&fw->indicators[n].name, lang));
                        ita_buf_puts(out, " |");
                    }
                    ita_buf_printf(out, " %s", it->code);
                }
                if (shown > 0) {
                    ita_buf_puts(out, " |\n");
                    any = true;
                }
            }
            if (!any) {
                ita_buf_puts(out, "| ");
                md(out, ita_text(t, doc_tier_keys[k]));
                ita_buf_puts(out, " | – | ");
                md(out, ita_text(t, "none"));
                ita_buf_puts(out, " |\n");
            }
        }
        ita_buf_putc(out, '\n');
        for (int k = 0; k < ITA_TIER_COUNT; k++) {
            bool any = false;
            for (size_t j = 0; j < r->tier_count[k] && !any; j++)
                any = (int)fw->items[r->tier_items[k][j]].tool == tool;
            if (!any)
                continue;
            ita_buf_puts(out, "#### ");
            doc_tier_heading(&p, t, a, k);
            md_buf(out, &p);
            ita_buf_puts(out, "\n\n");
            tier_details(out, t, r, k, (enum ita_tool)tool);
        }
    }
    ita_buf_free(&p);
}

static void oit(struct ita_buf *out, const struct ita_texts *t, const struct ita_report *r)
{
    const struct ita_framework *fw = r->fw;
    enum ita_lang lang = t->lang;
    const struct ita_fw_tool *tool = &fw->tools[ITA_OIT];
    bool has_base = r->base_year != 0;
    struct ita_buf p;
    ita_buf_init(&p);
    char s1[ITA_CENTS_BUFSZ];
    ita_buf_puts(out, "## ");
    doc_tool_heading(&p, t, fw, ITA_OIT);
    md_buf(out, &p);
    ita_buf_puts(out, "\n\n");
    size_t given, met;
    doc_oit_counts(r, &given, &met);
    {
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
        md_buf(out, &p);
        ita_buf_puts(out, "\n\n");
    }
    ita_buf_printf(out, "| %s | %s | ", ita_text(t, "doc_number"), ita_text(t, "indicator"));
    doc_year_column(out, t, r->year);
    if (has_base) {
        ita_buf_puts(out, " | ");
        doc_year_column(out, t, r->base_year);
        ita_buf_printf(out, " | %s", ita_text(t, "change"));
    }
    ita_buf_printf(out, " | %s |\n", ita_text(t, fw->scheme == ITA_RATING_GRADES ? "grade" : "level"));
    ita_buf_puts(out, has_base ? "|--:|:------------|-----:|-----:|-----:|:---|\n" : "|--:|:------------|-----:|:---|\n");
    for (size_t n = tool->first_indicator; n < tool->first_indicator + tool->indicator_count; n++) {
        const struct ita_fw_indicator *ind = &fw->indicators[n];
        char num[16];
        snprintf(num, sizeof num, "%u", ind->number);
        score_row(out, num, ita_render_text(&ind->name, lang), &r->indicators[n],
                  ita_render_band_name(fw, r->indicators[n].band, lang), has_base, true);
        for (size_t s = 0; s < ind->sub_indicator_count; s++) {
            size_t si = ind->first_sub_indicator + s;
            if (r->sub_indicators[si].score == ITA_MISSING && r->sub_indicators[si].previous == ITA_MISSING)
                continue;
            score_row(out, fw->sub_indicators[si].code, ita_render_text(&fw->sub_indicators[si].name, lang),
                      &r->sub_indicators[si], "", has_base, false);
        }
    }
    ita_buf_putc(out, '\n');
    if (given > 0) {
        ita_buf_printf(out, "| %s | %s | %s |\n|:--|:--------------|:----|\n", ita_text(t, "item"),
                       ita_text(t, "doc_item_text"), ita_text(t, "doc_result"));
        for (size_t i = 0; i < fw->item_count; i++) {
            const struct ita_fw_item *it = &fw->items[i];
            if (it->tool != ITA_OIT || r->items[i].score == ITA_MISSING)
                continue;
            bool ok = r->items[i].score == 10000;
            ita_buf_printf(out, "| %s | ", it->code);
            md(out, ita_render_text(&it->text, lang));
            ita_buf_printf(out, " | %s", ok ? "" : "**");
            md(out, ita_text(t, ok ? "met" : "not_met"));
            ita_buf_printf(out, "%s |\n", ok ? "" : "**");
        }
        ita_buf_putc(out, '\n');
    }
    ita_buf_free(&p);
}

static void measures(struct ita_buf *out, const struct ita_texts *t, const struct ita_analysis *a,
                     const struct ita_report *r, const struct ita_measures *m)
{
    const struct ita_framework *fw = r->fw;
    struct ita_buf p;
    ita_buf_init(&p);
    struct ita_buf y;
    ita_buf_init(&y);
    ita_render_year(&y, t, r->year + 1);
    ita_buf_puts(out, "## ");
    {
        const char *args[] = {y.data ? y.data : ""};
        ita_texts_fill(&p, t, "doc_measures_heading", args, 1);
    }
    md_buf(out, &p);
    ita_buf_puts(out, "\n\n");
    size_t rows = 0;
    for (size_t i = 0; i < fw->item_count; i++)
        rows += doc_needs_measure(r, i, m);
    ita_buf_puts(&p, ita_text(t, rows == 0 ? "doc_measures_none" : "doc_measures_intro"));
    if (rows > 0 && m == NULL) {
        ita_buf_puts(&p, " ");
        ita_buf_puts(&p, ita_text(t, "doc_measures_blank"));
    }
    md_buf(out, &p);
    ita_buf_puts(out, "\n\n");
    for (int tool = 0; tool < ITA_TOOL_COUNT && rows > 0; tool++) {
        size_t n = 0;
        for (size_t i = 0; i < fw->item_count; i++)
            n += fw->items[i].tool == (enum ita_tool)tool && doc_needs_measure(r, i, m);
        if (n == 0)
            continue;
        ita_buf_puts(out, "### ");
        doc_tool_heading(&p, t, fw, (enum ita_tool)tool);
        md_buf(out, &p);
        ita_buf_puts(out, "\n\n");
        ita_buf_printf(out, "| %s | %s | %s | %s | %s | %s |\n", ita_text(t, "item"), ita_text(t, "doc_weak"),
                       ita_text(t, "doc_measure"), ita_text(t, "doc_method"), ita_text(t, "doc_period"),
                       ita_text(t, "doc_owner"));
        ita_buf_puts(out, "|:----|:--------------|:--------------|:--------------|:------|:------|\n");
        /* urgent first, then improve, then anything else the officer gave measures for */
        static const int order[] = {ITA_TIER_URGENT, ITA_TIER_IMPROVE, ITA_TIER_MAINTAIN, ITA_TIER_NONE};
        for (size_t o = 0; o < sizeof order / sizeof order[0]; o++) {
            for (size_t i = 0; i < fw->item_count; i++) {
                const struct ita_fw_item *it = &fw->items[i];
                if (it->tool != (enum ita_tool)tool || !doc_needs_measure(r, i, m))
                    continue;
                enum ita_tier w = tool == ITA_OIT ? ITA_TIER_NONE : doc_worst_tier(r, i);
                if ((int)w != order[o])
                    continue;
                size_t cursor = 0;
                const struct ita_measure *row = ita_measures_next(m, r->agency->name, i, &cursor);
                bool first = true;
                do {
                    ita_buf_puts(out, "| ");
                    if (first) {
                        ita_buf_printf(out, "**%s**", it->code);
                        if (w != ITA_TIER_NONE) {
                            ita_buf_puts(out, " (");
                            md(out, ita_text(t, doc_tier_keys[w]));
                            ita_buf_puts(out, ")");
                        }
                        ita_buf_puts(out, " | ");
                        doc_weakness(&p, t, r, i, a->maintain_above);
                        md_buf(out, &p);
                    } else {
                        ita_buf_puts(out, " | ");
                    }
                    ita_buf_puts(out, " | ");
                    md(out, row ? row->measure : "");
                    ita_buf_puts(out, " | ");
                    md(out, row ? row->method : "");
                    ita_buf_puts(out, " | ");
                    md(out, row ? row->period : "");
                    ita_buf_puts(out, " | ");
                    md(out, row ? row->owner : "");
                    ita_buf_puts(out, " |\n");
                    first = false;
                    row = row ? ita_measures_next(m, r->agency->name, i, &cursor) : NULL;
                } while (row != NULL);
            }
        }
        ita_buf_putc(out, '\n');
    }
    ita_buf_free(&y);
    ita_buf_free(&p);
}

static void notes(struct ita_buf *out, const struct ita_texts *t, const struct ita_report *r)
{
    struct ita_buf p;
    ita_buf_init(&p);
    ita_buf_printf(out, "## %s\n\n", ita_text(t, "doc_notes_heading"));
    for (size_t w = 0; w < r->note_count; w++) {
        ita_buf_puts(out, "- ");
        ita_render_note(&p, t, &r->notes[w]);
        md_buf(out, &p);
        ita_buf_putc(out, '\n');
    }
    if (r->audit_count == 0) {
        ita_buf_puts(out, "- ");
        md(out, ita_text(t, "doc_audit_clean"));
        ita_buf_putc(out, '\n');
    }
    ita_buf_puts(out, "- ");
    md(out, ita_text(t, "doc_method_note"));
    ita_buf_putc(out, '\n');
    ita_buf_free(&p);
}

void ita_render_document_md(const struct ita_analysis *a, size_t index, const struct ita_render_options *o,
                            struct ita_buf *out)
{
    const struct ita_texts *t = o->texts;
    const struct ita_report *r = &a->reports[index];
    struct ita_buf p;
    ita_buf_init(&p);
    ita_buf_puts(out, "---\n");
    doc_title(&p, t, r);
    yaml_md(out, "title", &p);
    doc_subtitle(&p, t, r);
    yaml_md(out, "subtitle", &p);
    ita_buf_puts(&p, r->agency->name[0] ? r->agency->name : ita_text(t, "doc_the_agency"));
    yaml_md(out, "author", &p);
    ita_buf_printf(out, "lang: %s\n---\n\n", t->lang == ITA_LANG_TH ? "th" : "en");
    ita_buf_printf(out, "## %s\n\n", ita_text(t, "doc_summary_heading"));
    doc_summary(&p, t, r);
    md_buf(out, &p);
    ita_buf_puts(out, "\n\n");
    indicator_table(out, t, r);
    groups(out, t, a, r);
    oit(out, t, r);
    measures(out, t, a, r, o->measures);
    notes(out, t, r);
    ita_buf_free(&p);
}
