/* The publishable analysis as one self-contained HTML page: inline CSS, inline SVG
 * charts (src/render/svg.c), no scripts, nothing fetched; A4 print styles. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "ita/svg.h"

static const char css[] =
    ":root{--ink:#1f2933;--muted:#5f6b7a;--rule:#d9dee4;--band:#f3f5f8;--accent:#1d4e89;"
    "--maintain:#2e7d32;--improve:#b7791f;--urgent:#c53030}\n"
    "*{box-sizing:border-box}\n"
    "html{-webkit-text-size-adjust:100%}\n"
    "body{margin:0;color:var(--ink);background:#fff;font-family:\"Sarabun\",\"TH Sarabun New\",\"Noto Sans Thai\","
    "\"Noto Sans Thai UI\",\"Leelawadee UI\",\"Leelawadee\",\"Tahoma\",\"Loma\",\"Garuda\",\"Waree\",\"Sawasdee\","
    "\"Noto Sans\",\"DejaVu Sans\",sans-serif;font-size:15px;line-height:1.6}\n"
    "main{max-width:58rem;margin:0 auto;padding:2.5rem 1.5rem 4rem}\n"
    "header.doc{border-bottom:3px solid var(--accent);padding-bottom:1rem;margin-bottom:1.5rem}\n"
    "header.doc h1{font-size:1.6rem;line-height:1.35;margin:0 0 .35rem}\n"
    "header.doc .subtitle{font-size:1.1rem;margin:0 0 .6rem;color:var(--muted)}\n"
    "header.doc .agency{font-size:1.15rem;font-weight:700;margin:0}\n"
    "h2{font-size:1.3rem;margin:2.2rem 0 .8rem;padding-bottom:.25rem;border-bottom:1px solid var(--rule)}\n"
    "h3{font-size:1.12rem;margin:1.6rem 0 .6rem}\n"
    "h4{font-size:1rem;margin:1.2rem 0 .4rem;padding:.2rem .6rem;border-left:5px solid var(--muted);"
    "background:var(--band)}\n"
    "h4.maintain{border-color:var(--maintain)}h4.improve{border-color:var(--improve)}"
    "h4.urgent{border-color:var(--urgent)}\n"
    "h5{font-size:.95rem;margin:.8rem 0 .3rem;color:var(--muted)}\n"
    ".kpis{display:flex;flex-wrap:wrap;gap:.8rem;margin:1rem 0}\n"
    ".kpi{flex:1 1 9rem;border:1px solid var(--rule);border-radius:6px;padding:.6rem .8rem}\n"
    ".kpi .label{display:block;font-size:.8rem;color:var(--muted)}\n"
    ".kpi .value{display:block;font-size:1.5rem;font-weight:700;font-variant-numeric:tabular-nums}\n"
    "table{border-collapse:collapse;width:100%;margin:.6rem 0 1rem;font-size:.92rem}\n"
    "th,td{border-bottom:1px solid var(--rule);padding:.3rem .5rem;text-align:left;vertical-align:top}\n"
    "thead th{border-bottom:2px solid var(--ink);font-weight:700}\n"
    "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
    "tr.tool td{background:var(--band);font-weight:700}\n"
    "tr.total td{border-top:2px solid var(--ink);font-weight:700}\n"
    ".up{color:var(--maintain)}.down{color:var(--urgent)}\n"
    ".tag{display:inline-block;padding:0 .4rem;border-radius:3px;font-size:.8rem;color:#fff;white-space:nowrap}\n"
    ".tag.maintain{background:var(--maintain)}.tag.improve{background:var(--improve)}"
    ".tag.urgent{background:var(--urgent)}.tag.notmet{background:var(--urgent)}.tag.met{background:var(--maintain)}\n"
    "ul.items{list-style:none;padding:0;margin:.2rem 0 .8rem}\n"
    "ul.items>li{padding:.25rem 0 .25rem .6rem;border-left:3px solid var(--rule);margin:.2rem 0}\n"
    "ul.items ul{margin:.15rem 0 0;padding-left:1.2rem;color:var(--muted)}\n"
    ".code{font-weight:700;margin-right:.3rem}\n"
    ".score{font-weight:700;font-variant-numeric:tabular-nums}\n"
    "figure{margin:1rem 0 1.4rem}\n"
    "figure svg{display:block;width:100%;height:auto;max-width:720px}\n"
    "figcaption{font-size:.85rem;color:var(--muted);margin-top:.3rem}\n"
    ".data{display:flex;gap:1.5rem;flex-wrap:wrap;align-items:flex-start}\n"
    ".data table{flex:1 1 16rem;width:auto;font-size:.8rem;margin:.4rem 0}\n"
    ".data td,.data th{padding:.05rem .4rem;line-height:1.45}\n"
    "table.measures{table-layout:fixed}\n"
    "table.measures td{overflow-wrap:anywhere}\n"
    "table.measures .tag{white-space:normal}\n"
    "table.measures td.blank{height:2.4rem}\n"
    "footer{margin-top:2rem;font-size:.8rem;color:var(--muted)}\n"
    "@page{size:A4;margin:16mm 14mm 18mm}\n"
    "@page wide{size:A4 landscape;margin:14mm 16mm}\n"
    "@media print{body{font-size:10.5pt;-webkit-print-color-adjust:exact;print-color-adjust:exact}"
    "main{max-width:none;padding:0}h2,h3,h4,h5{break-after:avoid;page-break-after:avoid}"
    "figure,svg,tr,ul.items>li,.kpis{break-inside:avoid;page-break-inside:avoid}"
    "figure.items{break-inside:auto;page-break-inside:auto}"
    "thead{display:table-header-group}section.measures{break-before:page;page:wide}}\n";

static void h(struct ita_buf *out, const char *s)
{
    ita_buf_html(out, s);
}

/* A plain-text piece built by the document helpers, escaped, and the piece emptied. */
static void h_buf(struct ita_buf *out, struct ita_buf *piece)
{
    ita_buf_html(out, piece->data ? piece->data : "");
    if (piece->failed)
        out->failed = true;
    ita_buf_free(piece);
    ita_buf_init(piece);
}

/* A text of the texts file with its {n} filled by pieces that are already HTML;
 * the text itself is escaped. */
static void html_fill(struct ita_buf *out, const struct ita_texts *t, const char *key, const char *const *args,
                      size_t n)
{
    const char *s = ita_text(t, key);
    char one[2] = {0, 0};
    while (*s) {
        if (s[0] == '{' && s[1] >= '1' && s[1] <= '9' && s[2] == '}') {
            size_t k = (size_t)(s[1] - '1');
            if (k < n)
                ita_buf_puts(out, args[k]);
            s += 3;
            continue;
        }
        one[0] = *s++;
        ita_buf_html(out, one);
    }
}

/* "TEXT: <span class=score>99.45</span> (AA)", with the change when there is one. */
static void html_scored(struct ita_buf *out, const struct ita_texts *t, const struct ita_framework *fw,
                        const char *text, const struct ita_figure *f, int base_year)
{
    char b[ITA_CENTS_BUFSZ];
    struct ita_buf et, score, grade;
    ita_buf_init(&et);
    ita_buf_init(&score);
    ita_buf_init(&grade);
    ita_buf_html(&et, text);
    ita_buf_printf(&score, "<span class=\"score\">%s</span>", ita_cents_format(f->score, b));
    const char *band = ita_render_band_name(fw, f->band, t->lang);
    ita_buf_puts(&grade, "<span class=\"grade\">");
    ita_buf_html(&grade, band);
    ita_buf_puts(&grade, "</span>");
    const char *args[] = {et.data ? et.data : "", score.data ? score.data : "", grade.data ? grade.data : ""};
    html_fill(out, t, band[0] ? "doc_scored_grade" : "doc_scored", args, 3);
    if (f->delta != ITA_MISSING && base_year != 0) {
        char d[ITA_CENTS_BUFSZ], ce[16], be[16];
        snprintf(ce, sizeof ce, "%d", base_year - 543);
        snprintf(be, sizeof be, "%d", base_year);
        struct ita_buf delta;
        ita_buf_init(&delta);
        ita_buf_printf(&delta, "<span class=\"%s\">%s</span>", f->delta > 0 ? "up" : f->delta < 0 ? "down" : "",
                       ita_cents_format_signed(f->delta, d));
        const char *cargs[] = {delta.data ? delta.data : "", ce, be};
        html_fill(out, t, "doc_change_since", cargs, 3);
        ita_buf_free(&delta);
    }
    if (et.failed || score.failed || grade.failed)
        out->failed = true;
    ita_buf_free(&et);
    ita_buf_free(&score);
    ita_buf_free(&grade);
}

static const char *const tier_class[ITA_TIER_COUNT] = {"maintain", "improve", "urgent"};

static void cents_cell(struct ita_buf *out, int64_t cents, bool signed_delta)
{
    char b[ITA_CENTS_BUFSZ];
    if (cents == ITA_MISSING) {
        ita_buf_puts(out, "<td class=\"n\">–</td>");
        return;
    }
    if (!signed_delta) {
        ita_buf_printf(out, "<td class=\"n\">%s</td>", ita_cents_format(cents, b));
        return;
    }
    ita_buf_printf(out, "<td class=\"n%s\">%s</td>", cents > 0 ? " up" : cents < 0 ? " down" : "",
                   ita_cents_format_signed(cents, b));
}

static void score_row(struct ita_buf *out, const char *cls, const char *num, const char *label,
                      const struct ita_figure *f, const char *band, bool has_base)
{
    ita_buf_printf(out, "<tr%s%s%s><td class=\"n\">", cls ? " class=\"" : "", cls ? cls : "", cls ? "\"" : "");
    h(out, num);
    ita_buf_puts(out, "</td><td>");
    h(out, label);
    ita_buf_puts(out, "</td>");
    cents_cell(out, f->score, false);
    if (has_base) {
        cents_cell(out, f->previous, false);
        cents_cell(out, f->delta, true);
    }
    ita_buf_puts(out, "<td>");
    h(out, band);
    ita_buf_puts(out, "</td></tr>\n");
}

static void score_head(struct ita_buf *out, const struct ita_texts *t, const struct ita_report *r)
{
    ita_buf_printf(out, "<thead><tr><th class=\"n\">%s</th><th>%s</th><th class=\"n\">", ita_text(t, "doc_number"),
                   ita_text(t, "indicator"));
    doc_year_column(out, t, r->year);
    ita_buf_puts(out, "</th>");
    if (r->base_year != 0) {
        ita_buf_puts(out, "<th class=\"n\">");
        doc_year_column(out, t, r->base_year);
        ita_buf_printf(out, "</th><th class=\"n\">%s</th>", ita_text(t, "change"));
    }
    ita_buf_printf(out, "<th>%s</th></tr></thead>\n",
                   ita_text(t, r->fw->scheme == ITA_RATING_GRADES ? "grade" : "level"));
}

static void chart_labels(struct ita_svg_chart *c, const struct ita_texts *t, const struct ita_report *r,
                         struct ita_buf *now, struct ita_buf *prev)
{
    doc_year_column(now, t, r->year);
    c->now_label = now->data ? now->data : "";
    c->previous_label = NULL;
    if (r->base_year != 0) {
        doc_year_column(prev, t, r->base_year);
        c->previous_label = prev->data ? prev->data : "";
    }
}

/* A chart's description: its sentence, then every row's numbers. */
static void rows_desc(struct ita_buf *desc, const struct ita_texts *t, const char *key,
                      const struct ita_svg_row *rows, size_t n)
{
    char b1[ITA_CENTS_BUFSZ], b2[ITA_CENTS_BUFSZ];
    ita_buf_puts(desc, ita_text(t, key));
    for (size_t i = 0; i < n; i++) {
        ita_buf_printf(desc, "%s%s %s", i == 0 ? " " : "; ", rows[i].label,
                       rows[i].value == ITA_MISSING ? "–" : ita_cents_format(rows[i].value, b1));
        if (rows[i].previous != ITA_MISSING)
            ita_buf_printf(desc, " (%s)", ita_cents_format(rows[i].previous, b2));
    }
}

static void summary(struct ita_buf *out, const struct ita_texts *t, const struct ita_report *r)
{
    const struct ita_framework *fw = r->fw;
    char b[ITA_CENTS_BUFSZ];
    struct ita_buf p;
    ita_buf_init(&p);
    ita_buf_printf(out, "<section id=\"summary\">\n<h2>%s</h2>\n<div class=\"kpis\">\n", ita_text(t, "doc_summary_heading"));
    ita_buf_printf(out, "<div class=\"kpi\"><span class=\"label\">%s</span><span class=\"value\">%s</span></div>\n",
                   ita_text(t, "overall"),
                   r->overall.score == ITA_MISSING ? "–" : ita_cents_format(r->overall.score, b));
    ita_buf_printf(out, "<div class=\"kpi\"><span class=\"label\">%s</span><span class=\"value\">",
                   ita_text(t, fw->scheme == ITA_RATING_GRADES ? "grade" : "level"));
    h(out, ita_render_band_name(fw, r->overall.band, t->lang));
    ita_buf_printf(out, "</span></div>\n<div class=\"kpi\"><span class=\"label\">%s</span><span class=\"value\">%s</span></div>\n",
                   ita_text(t, "doc_result"),
                   r->overall.score == ITA_MISSING ? "–" : ita_text(t, r->pass ? "pass" : "fail"));
    if (r->base_year != 0) {
        ita_buf_printf(out, "<div class=\"kpi\"><span class=\"label\">%s (", ita_text(t, "change"));
        doc_year_column(out, t, r->base_year);
        ita_buf_printf(out, ")</span><span class=\"value\">%s</span></div>\n",
                       r->overall.delta == ITA_MISSING ? "–" : ita_cents_format_signed(r->overall.delta, b));
    }
    ita_buf_puts(out, "</div>\n<p>");
    doc_summary(&p, t, r);
    h_buf(out, &p);
    ita_buf_puts(out, "</p>\n</section>\n");
    ita_buf_free(&p);
}

static void indicators(struct ita_buf *out, const struct ita_texts *t, const struct ita_report *r)
{
    const struct ita_framework *fw = r->fw;
    enum ita_lang lang = t->lang;
    bool has_base = r->base_year != 0;
    struct ita_buf p, now, prev, title, desc;
    ita_buf_init(&p);
    ita_buf_init(&now);
    ita_buf_init(&prev);
    ita_buf_init(&title);
    ita_buf_init(&desc);
    ita_buf_printf(out, "<section id=\"indicators\">\n<h2>%s</h2>\n", ita_text(t, "doc_indicators_heading"));
    struct ita_svg_chart c;
    memset(&c, 0, sizeof c);
    chart_labels(&c, t, r, &now, &prev);

    /* the three tools */
    struct ita_svg_row tools[ITA_TOOL_COUNT];
    char tool_labels[ITA_TOOL_COUNT][160];
    for (int k = 0; k < ITA_TOOL_COUNT; k++) {
        snprintf(tool_labels[k], sizeof tool_labels[k], "%s", ita_tool_code((enum ita_tool)k));
        tools[k] = (struct ita_svg_row){tool_labels[k], r->tools[k].score, r->tools[k].previous, -1, 0};
    }
    ita_buf_puts(&title, ita_text(t, "doc_chart_tools"));
    rows_desc(&desc, t, "doc_chart_tools_desc", tools, ITA_TOOL_COUNT);
    c.id = "chart-tools";
    c.title = title.data ? title.data : "";
    c.desc = desc.data ? desc.data : "";
    ita_buf_puts(out, "<figure>\n");
    ita_svg_bars(out, &c, tools, ITA_TOOL_COUNT);
    ita_buf_printf(out, "<figcaption><b>%s</b><br>%s</figcaption>\n</figure>\n", ita_text(t, "doc_chart_tools"),
                   ita_text(t, "doc_chart_numbers_below"));

    /* the table: tools, their indicators, the overall score */
    ita_buf_puts(out, "<table class=\"scores\">\n");
    score_head(out, t, r);
    ita_buf_puts(out, "<tbody>\n");
    for (int k = 0; k < ITA_TOOL_COUNT; k++) {
        const struct ita_fw_tool *tool = &fw->tools[k];
        doc_tool_heading(&p, t, fw, (enum ita_tool)k);
        score_row(out, "tool", "", p.data ? p.data : "", &r->tools[k], ita_render_band_name(fw, r->tools[k].band, lang),
                  has_base);
        ita_buf_free(&p);
        ita_buf_init(&p);
        for (size_t n = tool->first_indicator; n < tool->first_indicator + tool->indicator_count; n++) {
            char num[16];
            snprintf(num, sizeof num, "%u", fw->indicators[n].number);
            score_row(out, NULL, num, ita_render_text(&fw->indicators[n].name, lang), &r->indicators[n],
                      ita_render_band_name(fw, r->indicators[n].band, lang), has_base);
        }
    }
    score_row(out, "total", "", ita_text(t, "overall"), &r->overall, ita_render_band_name(fw, r->overall.band, lang),
              has_base);
    ita_buf_puts(out, "</tbody>\n</table>\n");

    /* indicators this year against last year */
    struct ita_svg_row *rows = calloc(fw->indicator_count ? fw->indicator_count : 1, sizeof *rows);
    char (*labels)[200] = calloc(fw->indicator_count ? fw->indicator_count : 1, sizeof *labels);
    if (rows == NULL || labels == NULL) {
        out->failed = true;
    } else {
        for (size_t n = 0; n < fw->indicator_count; n++) {
            snprintf(labels[n], sizeof labels[n], "%u %s", fw->indicators[n].number,
                     ita_render_text(&fw->indicators[n].name, lang));
            rows[n] = (struct ita_svg_row){labels[n], r->indicators[n].score, r->indicators[n].previous, -1, 0};
        }
        ita_buf_free(&title);
        ita_buf_init(&title);
        ita_buf_free(&desc);
        ita_buf_init(&desc);
        ita_buf_puts(&title, ita_text(t, "doc_chart_indicators"));
        rows_desc(&desc, t, has_base ? "doc_chart_indicators_desc" : "doc_chart_indicators_desc_now", rows,
                  fw->indicator_count);
        c.id = "chart-indicators";
        c.title = title.data ? title.data : "";
        c.desc = desc.data ? desc.data : "";
        ita_buf_puts(out, "<figure>\n");
        ita_svg_dumbbell(out, &c, rows, fw->indicator_count);
        ita_buf_printf(out, "<figcaption><b>%s</b><br>%s</figcaption>\n</figure>\n", ita_text(t, "doc_chart_indicators"),
                       ita_text(t, "doc_chart_numbers_above"));
    }
    free(rows);
    free(labels);
    ita_buf_puts(out, "</section>\n");
    ita_buf_free(&p);
    ita_buf_free(&now);
    ita_buf_free(&prev);
    ita_buf_free(&title);
    ita_buf_free(&desc);
}

static void tag(struct ita_buf *out, const struct ita_texts *t, int tier)
{
    ita_buf_printf(out, "<span class=\"tag %s\">", tier_class[tier]);
    h(out, ita_text(t, doc_tier_keys[tier]));
    ita_buf_puts(out, "</span>");
}

/* Every IIT and EIT item on the score axis, with its numbers in tables beneath. */
static void items_chart(struct ita_buf *out, const struct ita_texts *t, const struct ita_analysis *a,
                        const struct ita_report *r)
{
    const struct ita_framework *fw = r->fw;
    struct ita_svg_row *rows = calloc(fw->item_count ? fw->item_count : 1, sizeof *rows);
    if (rows == NULL) {
        out->failed = true;
        return;
    }
    size_t n = 0;
    for (size_t i = 0; i < fw->item_count; i++) {
        const struct ita_fw_item *it = &fw->items[i];
        if (it->tool == ITA_OIT || r->items[i].score == ITA_MISSING)
            continue;
        rows[n++] = (struct ita_svg_row){it->code, r->items[i].score, ITA_MISSING, (int)r->items[i].tier,
                                         (int)it->tool};
    }
    if (n == 0) {
        free(rows);
        return;
    }
    struct ita_svg_chart c;
    memset(&c, 0, sizeof c);
    c.id = "chart-items";
    c.title = ita_text(t, "doc_chart_items");
    struct ita_buf desc;
    ita_buf_init(&desc);
    char above[ITA_CENTS_BUFSZ], below[ITA_CENTS_BUFSZ];
    const char *args[] = {ita_cents_format(a->maintain_above, above), ita_cents_format(a->urgent_below, below)};
    ita_texts_fill(&desc, t, "doc_chart_items_desc", args, 2);
    c.desc = desc.data ? desc.data : "";
    c.now_label = "";
    for (int k = 0; k < ITA_TIER_COUNT; k++)
        c.group_labels[k] = ita_text(t, doc_tier_keys[k]);
    const char *bands[ITA_TOOL_COUNT] = {"IIT", "EIT", "OIT"};
    ita_buf_puts(out, "<figure class=\"items\">\n");
    ita_svg_strip(out, &c, rows, n, a->maintain_above, a->urgent_below, bands, ITA_TOOL_COUNT);
    ita_buf_printf(out, "<figcaption><b>%s</b><br>%s</figcaption>\n<div class=\"data\">\n", ita_text(t, "doc_chart_items"),
                   ita_text(t, "doc_chart_items_caption"));
    for (int tool = ITA_IIT; tool <= ITA_EIT; tool++) {
        bool any = false;
        for (size_t i = 0; i < n; i++)
            any |= rows[i].band == tool;
        if (!any)
            continue;
        ita_buf_printf(out, "<table><thead><tr><th>%s</th><th class=\"n\">%s</th><th>%s</th></tr></thead><tbody>\n",
                       ita_text(t, "item"), ita_text(t, "score"), ita_text(t, "group"));
        char b[ITA_CENTS_BUFSZ];
        for (size_t i = 0; i < n; i++) {
            if (rows[i].band != tool)
                continue;
            ita_buf_printf(out, "<tr><td>%s</td><td class=\"n\">%s</td><td>", rows[i].label,
                           ita_cents_format(rows[i].value, b));
            tag(out, t, rows[i].group);
            ita_buf_puts(out, "</td></tr>\n");
        }
        ita_buf_puts(out, "</tbody></table>\n");
    }
    ita_buf_puts(out, "</div>\n</figure>\n");
    ita_buf_free(&desc);
    free(rows);
}

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
                ita_buf_puts(out, "</ul>\n");
            last_indicator = it->indicator;
            doc_indicator_heading(&p, t, fw, it->indicator);
            ita_buf_puts(out, "<h5>");
            h_buf(out, &p);
            ita_buf_puts(out, "</h5>\n<ul class=\"items\">\n");
        }
        ita_buf_printf(out, "<li style=\"border-left-color:%s\"><span class=\"code\">%s</span>",
                       ita_svg_group_color(tier), it->code);
        html_scored(out, t, fw, ita_render_text(&it->text, lang), &r->items[i], r->base_year);
        bool open = false;
        for (size_t s = 0; s < it->sub_count; s++) {
            const struct ita_figure *sf = &r->subs[it->first_sub + s];
            if (sf->score == ITA_MISSING)
                continue;
            if (!open)
                ita_buf_puts(out, "\n<ul>\n");
            open = true;
            ita_buf_puts(out, "<li>");
            html_scored(out, t, fw, ita_render_text(&it->subs[s], lang), sf, r->base_year);
            if (sf->tier != ITA_TIER_NONE && sf->tier != r->items[i].tier) {
                ita_buf_putc(out, ' ');
                tag(out, t, sf->tier);
            }
            ita_buf_puts(out, "</li>\n");
        }
        if (open)
            ita_buf_puts(out, "</ul>\n");
        ita_buf_puts(out, "</li>\n");
    }
    if (last_indicator != SIZE_MAX)
        ita_buf_puts(out, "</ul>\n");
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
    ita_buf_printf(out, "<section id=\"groups\">\n<h2>%s</h2>\n<p>", ita_text(t, "doc_groups_heading"));
    const char *args[] = {ita_cents_format(a->maintain_above, above), ita_cents_format(a->urgent_below, below)};
    ita_texts_fill(&p, t, "doc_groups_intro", args, 2);
    h_buf(out, &p);
    ita_buf_puts(out, "</p>\n");
    items_chart(out, t, a, r);
    for (int tool = ITA_IIT; tool <= ITA_EIT; tool++) {
        ita_buf_printf(out, "<section class=\"tool\" id=\"group-%s\">\n<h3>", ita_tool_code((enum ita_tool)tool));
        doc_tool_heading(&p, t, fw, (enum ita_tool)tool);
        h_buf(out, &p);
        ita_buf_printf(out, "</h3>\n<table class=\"summary\"><thead><tr><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>\n",
                       ita_text(t, "group"), ita_text(t, "indicator"), ita_text(t, "items"));
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
                        ita_buf_puts(out, "<tr><td>");
                        tag(out, t, k);
                        ita_buf_printf(out, "</td><td>%u ", fw->indicators[n].number);
                        h(out, ita_render_text(&fw->indicators[n].name, lang));
                        ita_buf_puts(out, "</td><td>");
                    } else {
                        ita_buf_putc(out, ' ');
                    }
                    ita_buf_puts(out, it->code);
                }
                if (shown > 0) {
                    ita_buf_puts(out, "</td></tr>\n");
                    any = true;
                }
            }
            if (!any) {
                ita_buf_puts(out, "<tr><td>");
                tag(out, t, k);
                ita_buf_puts(out, "</td><td>–</td><td>");
                h(out, ita_text(t, "none"));
                ita_buf_puts(out, "</td></tr>\n");
            }
        }
        ita_buf_puts(out, "</tbody></table>\n");
        for (int k = 0; k < ITA_TIER_COUNT; k++) {
            bool any = false;
            for (size_t j = 0; j < r->tier_count[k] && !any; j++)
                any = (int)fw->items[r->tier_items[k][j]].tool == tool;
            if (!any)
                continue;
            ita_buf_printf(out, "<h4 class=\"%s\">", tier_class[k]);
            doc_tier_heading(&p, t, a, k);
            h_buf(out, &p);
            ita_buf_puts(out, "</h4>\n");
            tier_details(out, t, r, k, (enum ita_tool)tool);
        }
        ita_buf_puts(out, "</section>\n");
    }
    ita_buf_puts(out, "</section>\n");
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
    ita_buf_puts(out, "<section id=\"oit\">\n<h2>");
    doc_tool_heading(&p, t, fw, ITA_OIT);
    h_buf(out, &p);
    ita_buf_puts(out, "</h2>\n<p>");
    size_t given, met;
    doc_oit_counts(r, &given, &met);
    const char *args[] = {r->tools[ITA_OIT].score == ITA_MISSING ? "–" : ita_cents_format(r->tools[ITA_OIT].score, s1)};
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
    h_buf(out, &p);
    ita_buf_puts(out, "</p>\n<table class=\"scores\">\n");
    score_head(out, t, r);
    ita_buf_puts(out, "<tbody>\n");
    for (size_t n = tool->first_indicator; n < tool->first_indicator + tool->indicator_count; n++) {
        const struct ita_fw_indicator *ind = &fw->indicators[n];
        char num[16];
        snprintf(num, sizeof num, "%u", ind->number);
        score_row(out, "tool", num, ita_render_text(&ind->name, lang), &r->indicators[n],
                  ita_render_band_name(fw, r->indicators[n].band, lang), has_base);
        for (size_t s = 0; s < ind->sub_indicator_count; s++) {
            size_t si = ind->first_sub_indicator + s;
            if (r->sub_indicators[si].score == ITA_MISSING && r->sub_indicators[si].previous == ITA_MISSING)
                continue;
            score_row(out, NULL, fw->sub_indicators[si].code, ita_render_text(&fw->sub_indicators[si].name, lang),
                      &r->sub_indicators[si], "", has_base);
        }
    }
    ita_buf_puts(out, "</tbody>\n</table>\n");
    if (given > 0) {
        ita_buf_printf(out, "<table class=\"oit-items\"><thead><tr><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>\n",
                       ita_text(t, "item"), ita_text(t, "doc_item_text"), ita_text(t, "doc_result"));
        for (size_t i = 0; i < fw->item_count; i++) {
            const struct ita_fw_item *it = &fw->items[i];
            if (it->tool != ITA_OIT || r->items[i].score == ITA_MISSING)
                continue;
            bool ok = r->items[i].score == 10000;
            ita_buf_printf(out, "<tr><td class=\"code\">%s</td><td>", it->code);
            h(out, ita_render_text(&it->text, lang));
            ita_buf_printf(out, "</td><td><span class=\"tag %s\">", ok ? "met" : "notmet");
            h(out, ita_text(t, ok ? "met" : "not_met"));
            ita_buf_puts(out, "</span></td></tr>\n");
        }
        ita_buf_puts(out, "</tbody></table>\n");
    }
    ita_buf_puts(out, "</section>\n");
    ita_buf_free(&p);
}

/* A cell of the officer's text: escaped, line breaks kept. */
static void text_cell(struct ita_buf *out, const char *s, bool blank)
{
    ita_buf_puts(out, blank ? "<td class=\"blank\">" : "<td>");
    for (const char *nl; (nl = strchr(s, '\n')) != NULL; s = nl + 1) {
        struct ita_buf line;
        ita_buf_init(&line);
        ita_buf_append(&line, s, (size_t)(nl - s));
        h(out, line.data ? line.data : "");
        ita_buf_free(&line);
        ita_buf_puts(out, "<br>");
    }
    h(out, s);
    ita_buf_puts(out, "</td>");
}

static void measures(struct ita_buf *out, const struct ita_texts *t, const struct ita_analysis *a,
                     const struct ita_report *r, const struct ita_measures *m)
{
    const struct ita_framework *fw = r->fw;
    struct ita_buf p, y;
    ita_buf_init(&p);
    ita_buf_init(&y);
    ita_render_year(&y, t, r->year + 1);
    ita_buf_puts(out, "<section class=\"measures\" id=\"measures\">\n<h2>");
    const char *args[] = {y.data ? y.data : ""};
    ita_texts_fill(&p, t, "doc_measures_heading", args, 1);
    h_buf(out, &p);
    ita_buf_puts(out, "</h2>\n<p>");
    size_t rows = 0;
    for (size_t i = 0; i < fw->item_count; i++)
        rows += doc_needs_measure(r, i, m);
    ita_buf_puts(&p, ita_text(t, rows == 0 ? "doc_measures_none" : "doc_measures_intro"));
    if (rows > 0 && m == NULL) {
        ita_buf_puts(&p, " ");
        ita_buf_puts(&p, ita_text(t, "doc_measures_blank"));
    }
    h_buf(out, &p);
    ita_buf_puts(out, "</p>\n");
    for (int tool = 0; tool < ITA_TOOL_COUNT && rows > 0; tool++) {
        size_t n = 0;
        for (size_t i = 0; i < fw->item_count; i++)
            n += fw->items[i].tool == (enum ita_tool)tool && doc_needs_measure(r, i, m);
        if (n == 0)
            continue;
        ita_buf_puts(out, "<h3>");
        doc_tool_heading(&p, t, fw, (enum ita_tool)tool);
        h_buf(out, &p);
        ita_buf_printf(out,
                       "</h3>\n<table class=\"measures\"><colgroup><col style=\"width:13%%\"><col style=\"width:29%%\">"
                       "<col style=\"width:18%%\"><col style=\"width:18%%\"><col style=\"width:11%%\">"
                       "<col style=\"width:11%%\"></colgroup><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
                       "<th>%s</th><th>%s</th></tr></thead><tbody>\n",
                       ita_text(t, "item"), ita_text(t, "doc_weak"), ita_text(t, "doc_measure"),
                       ita_text(t, "doc_method"), ita_text(t, "doc_period"), ita_text(t, "doc_owner"));
        static const int order[] = {ITA_TIER_URGENT, ITA_TIER_IMPROVE, ITA_TIER_MAINTAIN, ITA_TIER_NONE};
        for (size_t o = 0; o < sizeof order / sizeof order[0]; o++) {
            for (size_t i = 0; i < fw->item_count; i++) {
                const struct ita_fw_item *it = &fw->items[i];
                if (it->tool != (enum ita_tool)tool || !doc_needs_measure(r, i, m))
                    continue;
                enum ita_tier w = tool == ITA_OIT ? ITA_TIER_NONE : doc_worst_tier(r, i);
                if ((int)w != order[o])
                    continue;
                /* the item's cells span its measures */
                size_t count = 0, cursor = 0;
                while (ita_measures_next(m, r->agency->name, i, &cursor) != NULL)
                    count++;
                cursor = 0;
                const struct ita_measure *row = ita_measures_next(m, r->agency->name, i, &cursor);
                ita_buf_puts(out, "<tr>");
                if (count > 1)
                    ita_buf_printf(out, "<td rowspan=\"%zu\">", count);
                else
                    ita_buf_puts(out, "<td>");
                ita_buf_printf(out, "<span class=\"code\">%s</span>", it->code);
                if (w != ITA_TIER_NONE) {
                    ita_buf_puts(out, "<br>");
                    tag(out, t, w);
                }
                ita_buf_puts(out, count > 1 ? "</td><td rowspan=\"" : "</td><td");
                if (count > 1)
                    ita_buf_printf(out, "%zu\"", count);
                ita_buf_puts(out, ">");
                doc_weakness(&p, t, r, i, a->maintain_above);
                h_buf(out, &p);
                ita_buf_puts(out, "</td>");
                do {
                    text_cell(out, row ? row->measure : "", row == NULL);
                    text_cell(out, row ? row->method : "", row == NULL);
                    text_cell(out, row ? row->period : "", row == NULL);
                    text_cell(out, row ? row->owner : "", row == NULL);
                    ita_buf_puts(out, "</tr>\n");
                    row = row ? ita_measures_next(m, r->agency->name, i, &cursor) : NULL;
                    if (row != NULL)
                        ita_buf_puts(out, "<tr>");
                } while (row != NULL);
            }
        }
        ita_buf_puts(out, "</tbody></table>\n");
    }
    ita_buf_puts(out, "</section>\n");
    ita_buf_free(&p);
    ita_buf_free(&y);
}

static void notes(struct ita_buf *out, const struct ita_texts *t, const struct ita_report *r)
{
    struct ita_buf p;
    ita_buf_init(&p);
    ita_buf_printf(out, "<section id=\"notes\">\n<h2>%s</h2>\n<ul class=\"notes\">\n", ita_text(t, "doc_notes_heading"));
    for (size_t w = 0; w < r->note_count; w++) {
        ita_buf_printf(out, "<li class=\"%s\">", w < r->audit_count ? "audit" : "note");
        ita_render_note(&p, t, &r->notes[w]);
        h_buf(out, &p);
        ita_buf_puts(out, "</li>\n");
    }
    if (r->audit_count == 0) {
        ita_buf_puts(out, "<li>");
        h(out, ita_text(t, "doc_audit_clean"));
        ita_buf_puts(out, "</li>\n");
    }
    ita_buf_puts(out, "<li>");
    h(out, ita_text(t, "doc_method_note"));
    ita_buf_puts(out, "</li>\n</ul>\n</section>\n");
    ita_buf_free(&p);
}

void ita_render_document_html(const struct ita_analysis *a, size_t index, const struct ita_render_options *o,
                              struct ita_buf *out)
{
    const struct ita_texts *t = o->texts;
    const struct ita_report *r = &a->reports[index];
    const char *agency = r->agency->name[0] ? r->agency->name : ita_text(t, "doc_the_agency");
    struct ita_buf title, subtitle;
    ita_buf_init(&title);
    ita_buf_init(&subtitle);
    doc_title(&title, t, r);
    doc_subtitle(&subtitle, t, r);
    ita_buf_printf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
                   t->lang == ITA_LANG_TH ? "th" : "en");
    ita_buf_puts(out, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    ita_buf_printf(out, "<meta name=\"generator\" content=\"ita %s\">\n<title>", ITA_VERSION);
    h(out, title.data ? title.data : "");
    ita_buf_puts(out, " – ");
    h(out, agency);
    ita_buf_printf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<main>\n", css);
    ita_buf_puts(out, "<header class=\"doc\">\n<h1>");
    h(out, title.data ? title.data : "");
    ita_buf_puts(out, "</h1>\n<p class=\"subtitle\">");
    h(out, subtitle.data ? subtitle.data : "");
    ita_buf_puts(out, "</p>\n<p class=\"agency\">");
    h(out, agency);
    ita_buf_puts(out, "</p>\n</header>\n");
    summary(out, t, r);
    indicators(out, t, r);
    groups(out, t, a, r);
    oit(out, t, r);
    measures(out, t, a, r, o->measures);
    notes(out, t, r);
    ita_buf_puts(out, "</main>\n</body>\n</html>\n");
    if (title.failed || subtitle.failed)
        out->failed = true;
    ita_buf_free(&title);
    ita_buf_free(&subtitle);
}
