/* The publishable analysis as one self-contained HTML page: inline CSS, inline SVG
 * charts (src/render/svg.c), no scripts, nothing fetched; A4 print styles.
 * What the document says is decided in document.c; this file marks it up and
 * draws the charts, which only the page has. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "history.h"
#include "peers.h"
#include "ita/svg.h"

static const char css[] =
    ":root{--ink:#1f2933;--muted:#5f6b7a;--rule:#d9dee4;--band:#f3f5f8;--accent:#1d4e89;"
    "--maintain:#" GROUP_COLOR_MAINTAIN ";--improve:#" GROUP_COLOR_IMPROVE ";--urgent:#" GROUP_COLOR_URGENT "}\n"
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

static const char *const tier_class[ITA_TIER_COUNT] = {"maintain", "improve", "urgent"};

static void h(struct ita_buf *out, const char *s)
{
    ita_buf_html(out, s);
}

/* ---- The charts: drawn here from the report, since only the page has them ---- */

static void chart_labels(struct ita_svg_chart *c, const struct ita_texts *t, const struct ita_report *r,
                         struct ita_buf *now, struct ita_buf *prev)
{
    doc_year_column(now, t, r->year);
    c->now_label = ita_buf_str(now);
    c->previous_label = NULL;
    if (r->base_year != 0) {
        doc_year_column(prev, t, r->base_year);
        c->previous_label = ita_buf_str(prev);
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

/* "8 System improvement" for every indicator (caller frees); NULL, with the
 * buffer marked failed, when `rows` (allocated by the caller) or the labels are not. */
static char (*indicator_labels(struct ita_buf *out, const struct ita_texts *t, const struct ita_framework *fw,
                               const void *rows))[200]
{
    char (*labels)[200] = calloc(fw->indicator_count ? fw->indicator_count : 1, sizeof *labels);
    if (rows == NULL || labels == NULL) {
        ita_buf_fail(out);
        free(labels);
        return NULL;
    }
    for (size_t n = 0; n < fw->indicator_count; n++)
        snprintf(labels[n], sizeof labels[n], "%u %s", fw->indicators[n].number,
                 ita_render_text(&fw->indicators[n].name, t->lang));
    return labels;
}

/* The three tools, this year against the base year. */
static void tools_chart(struct ita_buf *out, const struct ita_texts *t, const struct ita_report *r)
{
    struct ita_buf now, prev, desc;
    ita_buf_scratch(&now, out);
    ita_buf_scratch(&prev, out);
    ita_buf_scratch(&desc, out);
    struct ita_svg_chart c;
    memset(&c, 0, sizeof c);
    chart_labels(&c, t, r, &now, &prev);
    struct ita_svg_row tools[ITA_TOOL_COUNT];
    for (int k = 0; k < ITA_TOOL_COUNT; k++)
        tools[k] = (struct ita_svg_row){ita_tool_code((enum ita_tool)k), r->tools[k].score, r->tools[k].previous,
                                        -1, 0};
    rows_desc(&desc, t, "doc_chart_tools_desc", tools, ITA_TOOL_COUNT);
    c.id = "chart-tools";
    c.title = ita_text(t, "doc_chart_tools");
    c.desc = ita_buf_str(&desc);
    ita_buf_puts(out, "<figure>\n");
    ita_svg_bars(out, &c, tools, ITA_TOOL_COUNT);
    ita_buf_printf(out, "<figcaption><b>%s</b><br>%s</figcaption>\n</figure>\n", ita_text(t, "doc_chart_tools"),
                   ita_text(t, "doc_chart_numbers_below"));
    ita_buf_free(&now);
    ita_buf_free(&prev);
    ita_buf_free(&desc);
}

/* Every indicator, this year against the base year. */
static void indicators_chart(struct ita_buf *out, const struct ita_texts *t, const struct ita_report *r)
{
    const struct ita_framework *fw = r->fw;
    struct ita_svg_row *rows = calloc(fw->indicator_count ? fw->indicator_count : 1, sizeof *rows);
    char (*labels)[200] = indicator_labels(out, t, fw, rows);
    if (labels == NULL) {
        free(rows);
        return;
    }
    struct ita_buf now, prev, desc;
    ita_buf_scratch(&now, out);
    ita_buf_scratch(&prev, out);
    ita_buf_scratch(&desc, out);
    struct ita_svg_chart c;
    memset(&c, 0, sizeof c);
    chart_labels(&c, t, r, &now, &prev);
    for (size_t n = 0; n < fw->indicator_count; n++) {
        rows[n] = (struct ita_svg_row){labels[n], r->indicators[n].score, r->indicators[n].previous, -1, 0};
    }
    rows_desc(&desc, t, r->base_year != 0 ? "doc_chart_indicators_desc" : "doc_chart_indicators_desc_now", rows,
              fw->indicator_count);
    c.id = "chart-indicators";
    c.title = ita_text(t, "doc_chart_indicators");
    c.desc = ita_buf_str(&desc);
    ita_buf_puts(out, "<figure>\n");
    ita_svg_dumbbell(out, &c, rows, fw->indicator_count);
    ita_buf_printf(out, "<figcaption><b>%s</b><br>%s</figcaption>\n</figure>\n", ita_text(t, "doc_chart_indicators"),
                   ita_text(t, "doc_chart_numbers_above"));
    free(rows);
    free(labels);
    ita_buf_free(&now);
    ita_buf_free(&prev);
    ita_buf_free(&desc);
}

/* A group's name on its colour. */
static void tag(struct ita_buf *out, int tier, const char *name)
{
    ita_buf_printf(out, "<span class=\"tag %s\">", tier_class[tier]);
    h(out, name);
    ita_buf_puts(out, "</span>");
}

/* Every IIT and EIT item on the score axis, with its numbers in tables beneath. */
static void items_chart(struct ita_buf *out, const struct ita_texts *t, const struct ita_analysis *a,
                        const struct ita_report *r)
{
    const struct ita_framework *fw = r->fw;
    struct ita_svg_row *rows = calloc(fw->item_count ? fw->item_count : 1, sizeof *rows);
    if (rows == NULL) {
        ita_buf_fail(out);
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
    ita_buf_scratch(&desc, out);
    char above[ITA_CENTS_BUFSZ], below[ITA_CENTS_BUFSZ];
    const char *args[] = {ita_cents_format(a->maintain_above, above), ita_cents_format(a->urgent_below, below)};
    ita_texts_fill(&desc, t, "doc_chart_items_desc", args, 2);
    c.desc = ita_buf_str(&desc);
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
            tag(out, rows[i].group, ita_text(t, doc_tier_keys[rows[i].group]));
            ita_buf_puts(out, "</td></tr>\n");
        }
        ita_buf_puts(out, "</tbody></table>\n");
    }
    ita_buf_puts(out, "</div>\n</figure>\n");
    ita_buf_free(&desc);
    free(rows);
}

/* Every indicator among the peers: their box, the agency's dot. */
static void peers_chart(struct ita_buf *out, const struct ita_texts *t, const struct ita_report *r)
{
    const struct ita_framework *fw = r->fw;
    const struct ita_peers *p = r->peers;
    struct ita_svg_box *rows = calloc(fw->indicator_count ? fw->indicator_count : 1, sizeof *rows);
    char (*labels)[200] = indicator_labels(out, t, fw, rows);
    if (labels == NULL) {
        free(rows);
        return;
    }
    struct ita_buf group, desc;
    ita_buf_scratch(&group, out);
    ita_buf_scratch(&desc, out);
    peers_group(&group, t, p);
    ita_buf_puts(&desc, ita_text(t, "peers_chart_desc"));
    char b[4][ITA_CENTS_BUFSZ];
    for (size_t n = 0; n < fw->indicator_count; n++) {
        const struct ita_peer_figure *f = &p->indicators[n];
        rows[n] = (struct ita_svg_box){labels[n], ITA_MISSING, f->p25, f->median, f->p75, ITA_MISSING, f->score};
        ita_buf_printf(&desc, "%s%u: %s; %s %s, %s %s, %s %s", n == 0 ? " " : "; ", fw->indicators[n].number,
                       f->score == ITA_MISSING ? "–" : ita_cents_format(f->score, b[0]), ita_text(t, "peers_p25"),
                       f->p25 == ITA_MISSING ? "–" : ita_cents_format(f->p25, b[1]), ita_text(t, "peers_median"),
                       f->median == ITA_MISSING ? "–" : ita_cents_format(f->median, b[2]), ita_text(t, "peers_p75"),
                       f->p75 == ITA_MISSING ? "–" : ita_cents_format(f->p75, b[3]));
    }
    struct ita_svg_chart c;
    memset(&c, 0, sizeof c);
    c.id = "chart-peers";
    c.title = ita_text(t, "peers_chart");
    c.desc = ita_buf_str(&desc);
    c.previous_label = ita_buf_str(&group);
    c.now_label = r->agency->name[0] ? r->agency->name : ita_text(t, "doc_the_agency");
    ita_buf_puts(out, "<figure>\n");
    ita_svg_boxes(out, &c, rows, fw->indicator_count);
    ita_buf_printf(out, "<figcaption><b>%s</b><br>%s</figcaption>\n</figure>\n", ita_text(t, "peers_chart"),
                   ita_text(t, "doc_chart_numbers_below"));
    free(rows);
    free(labels);
    ita_buf_free(&group);
    ita_buf_free(&desc);
}

/* The overall score and the three tools over the years, with 85 and 95 across;
 * the numbers are in the table below it. */
static void history_chart(struct ita_buf *out, const struct ita_texts *t, const struct ita_report *r)
{
    const struct ita_history *h = r->history;
    size_t first = history_first(h), n = h->count - first;
    int64_t series[1 + ITA_TOOL_COUNT][HISTORY_MAX_YEARS];
    char years[HISTORY_MAX_YEARS][32];
    const char *cols[HISTORY_MAX_YEARS];
    struct ita_buf desc;
    ita_buf_scratch(&desc, out);
    ita_buf_puts(&desc, ita_text(t, "history_chart_desc"));
    int64_t lo = 8500;
    for (size_t y = 0; y < n; y++) {
        const struct ita_history_year *hy = &h->years[first + y];
        struct ita_buf b;
        ita_buf_scratch(&b, out);
        doc_year_column(&b, t, hy->year);
        snprintf(years[y], sizeof years[y], "%s", ita_buf_str(&b));
        ita_buf_free(&b);
        cols[y] = years[y];
        series[0][y] = hy->overall;
        for (int k = 0; k < ITA_TOOL_COUNT; k++)
            series[1 + k][y] = hy->tools[k];
        char v[4][ITA_CENTS_BUFSZ];
        ita_buf_printf(&desc, "%s%s: %s %s", y == 0 ? " " : "; ", years[y], ita_text(t, "overall"),
                       hy->overall == ITA_MISSING ? "–" : ita_cents_format(hy->overall, v[0]));
        for (int k = 0; k < ITA_TOOL_COUNT; k++)
            ita_buf_printf(&desc, ", %s %s", ita_tool_code((enum ita_tool)k),
                           hy->tools[k] == ITA_MISSING ? "–" : ita_cents_format(hy->tools[k], v[1 + k]));
        for (int s = 0; s <= ITA_TOOL_COUNT; s++)
            if (series[s][y] != ITA_MISSING && series[s][y] < lo)
                lo = series[s][y];
    }
    lo = lo - lo % 500 - (lo % 500 == 0 ? 500 : 0);
    if (lo < 0)
        lo = 0;
    const int64_t *values[1 + ITA_TOOL_COUNT] = {series[0], series[1], series[2], series[3]};
    const char *labels[1 + ITA_TOOL_COUNT] = {ita_text(t, "overall"), "IIT", "EIT", "OIT"};
    const int64_t refs[] = {8500, 9500};
    struct ita_svg_chart c;
    memset(&c, 0, sizeof c);
    c.id = "chart-history";
    c.title = ita_text(t, "history_chart");
    c.desc = ita_buf_str(&desc);
    ita_buf_puts(out, "<figure>\n");
    ita_svg_lines(out, &c, cols, n, values, labels, 1 + ITA_TOOL_COUNT, lo, 10000, refs, 2);
    ita_buf_printf(out, "<figcaption><b>%s</b><br>%s</figcaption>\n</figure>\n", ita_text(t, "history_chart"),
                   ita_text(t, "doc_chart_numbers_below"));
    ita_buf_free(&desc);
}

static void chart(const struct doc_writer *w, enum doc_chart which)
{
    switch (which) {
    case DOC_CHART_TOOLS: tools_chart(w->out, w->t, w->r); break;
    case DOC_CHART_INDICATORS: indicators_chart(w->out, w->t, w->r); break;
    case DOC_CHART_ITEMS: items_chart(w->out, w->t, w->a, w->r); break;
    case DOC_CHART_PEERS: peers_chart(w->out, w->t, w->r); break;
    case DOC_CHART_HISTORY: history_chart(w->out, w->t, w->r); break;
    }
}

/* ---- The writer ---------------------------------------------------------------- */

static void begin(const struct doc_writer *w, const char *title, const char *subtitle, const char *agency)
{
    struct ita_buf *out = w->out;
    ita_buf_printf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
                   w->t->lang == ITA_LANG_TH ? "th" : "en");
    ita_buf_puts(out, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    ita_buf_printf(out, "<meta name=\"generator\" content=\"ita %s\">\n<title>", ITA_VERSION);
    h(out, title);
    ita_buf_puts(out, " – ");
    h(out, agency);
    ita_buf_printf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<main>\n", css);
    ita_buf_puts(out, "<header class=\"doc\">\n<h1>");
    h(out, title);
    ita_buf_puts(out, "</h1>\n<p class=\"subtitle\">");
    h(out, subtitle);
    ita_buf_puts(out, "</p>\n<p class=\"agency\">");
    h(out, agency);
    ita_buf_puts(out, "</p>\n</header>\n");
}

static void end(const struct doc_writer *w)
{
    ita_buf_puts(w->out, "</main>\n</body>\n</html>\n");
}

static void section_begin(const struct doc_writer *w, const char *cls, const char *id)
{
    ita_buf_puts(w->out, "<section");
    if (cls != NULL)
        ita_buf_printf(w->out, " class=\"%s\"", cls);
    ita_buf_printf(w->out, " id=\"%s\">\n", id);
}

static void section_end(const struct doc_writer *w)
{
    ita_buf_puts(w->out, "</section>\n");
}

/* A group's heading carries the group's colour. */
static void heading(const struct doc_writer *w, int level, enum ita_tier tier, const char *text)
{
    if (tier != ITA_TIER_NONE)
        ita_buf_printf(w->out, "<h%d class=\"%s\">", level, tier_class[tier]);
    else
        ita_buf_printf(w->out, "<h%d>", level);
    h(w->out, text);
    ita_buf_printf(w->out, "</h%d>\n", level);
}

static void paragraph(const struct doc_writer *w, const char *text)
{
    ita_buf_puts(w->out, "<p>");
    h(w->out, text);
    ita_buf_puts(w->out, "</p>\n");
}

static void kpis_begin(const struct doc_writer *w)
{
    ita_buf_puts(w->out, "<div class=\"kpis\">\n");
}

static void kpi(const struct doc_writer *w, const char *label, const char *value)
{
    ita_buf_puts(w->out, "<div class=\"kpi\"><span class=\"label\">");
    h(w->out, label);
    ita_buf_puts(w->out, "</span><span class=\"value\">");
    h(w->out, value);
    ita_buf_puts(w->out, "</span></div>\n");
}

static void kpis_end(const struct doc_writer *w)
{
    ita_buf_puts(w->out, "</div>\n");
}

/* The facts as a table of two columns, a label and its value in each row. */
static void facts_begin(const struct doc_writer *w)
{
    ita_buf_puts(w->out, "<table class=\"facts\"><tbody>\n");
}

static void fact(const struct doc_writer *w, const char *label, const char *value)
{
    ita_buf_puts(w->out, "<tr><th>");
    h(w->out, label);
    ita_buf_puts(w->out, "</th><td>");
    h(w->out, value);
    ita_buf_puts(w->out, "</td></tr>\n");
}

static void facts_end(const struct doc_writer *w)
{
    ita_buf_puts(w->out, "</tbody></table>\n");
}

static void separator(const struct doc_writer *w)
{
    ita_buf_puts(w->out, "<hr>\n");
}

static void list_begin(const struct doc_writer *w, int depth)
{
    ita_buf_puts(w->out, depth == 0 ? "<ul class=\"items\">\n" : "\n<ul>\n");
}

static void list_end(const struct doc_writer *w, int depth)
{
    (void)depth;
    ita_buf_puts(w->out, "</ul>\n");
}

/* An item is edged in its group's colour. */
static void item_begin(const struct doc_writer *w, int depth, enum ita_tier tier, const char *code)
{
    if (depth > 0 || code == NULL) {
        ita_buf_puts(w->out, "<li>");
        return;
    }
    ita_buf_printf(w->out, "<li style=\"border-left-color:%s\"><span class=\"code\">", ita_svg_group_color(tier));
    h(w->out, code);
    ita_buf_puts(w->out, "</span>");
}

static void item_end(const struct doc_writer *w, int depth)
{
    (void)depth;
    ita_buf_puts(w->out, "</li>\n");
}

static void notes_begin(const struct doc_writer *w)
{
    ita_buf_puts(w->out, "<ul class=\"notes\">\n");
}

static void note(const struct doc_writer *w, enum doc_note kind, const char *text)
{
    ita_buf_puts(w->out, kind == DOC_NOTE_AUDIT   ? "<li class=\"audit\">"
                         : kind == DOC_NOTE_OTHER ? "<li class=\"note\">"
                                                  : "<li>");
    h(w->out, text);
    ita_buf_puts(w->out, "</li>\n");
}

static void notes_end(const struct doc_writer *w)
{
    ita_buf_puts(w->out, "</ul>\n");
}

static const char *const table_class[] = {
    [DOC_TABLE_SCORES] = "scores",
    [DOC_TABLE_GROUPS] = "summary",
    [DOC_TABLE_OIT_ITEMS] = "oit-items",
    [DOC_TABLE_MEASURES] = "measures",
};

static void table_begin(const struct doc_writer *w, enum doc_table table, const struct doc_column *cols, size_t n)
{
    struct ita_buf *out = w->out;
    bool scores = table == DOC_TABLE_SCORES;
    ita_buf_printf(out, "<table class=\"%s\">%s", table_class[table], scores ? "\n" : "");
    /* the measures table is laid out fixed, so that the officer's long texts wrap */
    if (table == DOC_TABLE_MEASURES)
        ita_buf_puts(out, "<colgroup><col style=\"width:13%\"><col style=\"width:29%\"><col style=\"width:18%\">"
                          "<col style=\"width:18%\"><col style=\"width:11%\"><col style=\"width:11%\"></colgroup>");
    ita_buf_puts(out, "<thead><tr>");
    for (size_t c = 0; c < n; c++) {
        ita_buf_puts(out, cols[c].align == DOC_RIGHT ? "<th class=\"n\">" : "<th>");
        h(out, cols[c].header);
        ita_buf_puts(out, "</th>");
    }
    ita_buf_puts(out, scores ? "</tr></thead>\n<tbody>\n" : "</tr></thead><tbody>\n");
}

static void table_end(const struct doc_writer *w, enum doc_table table)
{
    ita_buf_puts(w->out, table == DOC_TABLE_SCORES ? "</tbody>\n</table>\n" : "</tbody></table>\n");
}

static void row_begin(const struct doc_writer *w, enum doc_row row)
{
    ita_buf_puts(w->out, row == DOC_ROW_TOOL    ? "<tr class=\"tool\">"
                         : row == DOC_ROW_TOTAL ? "<tr class=\"total\">"
                                                : "<tr>");
}

static void row_end(const struct doc_writer *w)
{
    ita_buf_puts(w->out, "</tr>\n");
}

static void cell_begin(const struct doc_writer *w, enum doc_cell cell, size_t rowspan)
{
    static const char *const cls[] = {[DOC_CELL_TEXT] = NULL, [DOC_CELL_NUMBER] = "n", [DOC_CELL_CODE] = "code",
                                      [DOC_CELL_BLANK] = "blank"};
    ita_buf_puts(w->out, "<td");
    if (cls[cell] != NULL)
        ita_buf_printf(w->out, " class=\"%s\"", cls[cell]);
    if (rowspan > 1)
        ita_buf_printf(w->out, " rowspan=\"%zu\"", rowspan);
    ita_buf_puts(w->out, ">");
}

static void cell_end(const struct doc_writer *w)
{
    ita_buf_puts(w->out, "</td>");
}

static void cell_spanned(const struct doc_writer *w)
{
    (void)w;
}

/* A figure's cell; the row's class, not the cell, makes a tool's row bold. */
static void cell_figure(const struct doc_writer *w, int64_t cents, bool change, bool strong)
{
    (void)strong;
    char b[ITA_CENTS_BUFSZ];
    if (cents == ITA_MISSING)
        ita_buf_puts(w->out, "<td class=\"n\">–</td>");
    else if (!change)
        ita_buf_printf(w->out, "<td class=\"n\">%s</td>", ita_cents_format(cents, b));
    else
        ita_buf_printf(w->out, "<td class=\"n%s\">%s</td>", cents > 0 ? " up" : cents < 0 ? " down" : "",
                       ita_cents_format_signed(cents, b));
}

static void text(const struct doc_writer *w, const char *s)
{
    h(w->out, s);
}

/* The officer's text keeps its line breaks. */
static void lines(const struct doc_writer *w, const char *s)
{
    for (const char *nl; (nl = strchr(s, '\n')) != NULL; s = nl + 1) {
        for (const char *c = s; c < nl; c++) {
            char one[2] = {*c, '\0'};
            h(w->out, one);
        }
        ita_buf_puts(w->out, "<br>");
    }
    h(w->out, s);
}

static void score(const struct doc_writer *w, const char *s)
{
    ita_buf_puts(w->out, "<span class=\"score\">");
    h(w->out, s);
    ita_buf_puts(w->out, "</span>");
}

static void grade(const struct doc_writer *w, const char *s)
{
    ita_buf_puts(w->out, "<span class=\"grade\">");
    h(w->out, s);
    ita_buf_puts(w->out, "</span>");
}

static void change(const struct doc_writer *w, int64_t cents)
{
    char b[ITA_CENTS_BUFSZ];
    ita_buf_printf(w->out, "<span class=\"%s\">%s</span>", cents > 0 ? "up" : cents < 0 ? "down" : "",
                   ita_cents_format_signed(cents, b));
}

static void tag_span(const struct doc_writer *w, enum ita_tier tier, const char *name)
{
    tag(w->out, tier, name);
}

/* The coloured tag says it; the remark's words are for plain text. */
static void group_remark(const struct doc_writer *w, enum ita_tier tier, const char *name, const char *remark)
{
    (void)remark;
    ita_buf_putc(w->out, ' ');
    tag(w->out, tier, name);
}

static void item_ref(const struct doc_writer *w, const char *code, enum ita_tier tier, const char *group)
{
    ita_buf_puts(w->out, "<span class=\"code\">");
    h(w->out, code);
    ita_buf_puts(w->out, "</span>");
    if (tier != ITA_TIER_NONE) {
        ita_buf_puts(w->out, "<br>");
        tag(w->out, tier, group);
    }
}

static void result(const struct doc_writer *w, bool met, const char *s)
{
    ita_buf_printf(w->out, "<span class=\"tag %s\">", met ? "met" : "notmet");
    h(w->out, s);
    ita_buf_puts(w->out, "</span>");
}

static void link(const struct doc_writer *w, const char *href, const char *s)
{
    ita_buf_puts(w->out, "<a href=\"");
    h(w->out, href);
    ita_buf_puts(w->out, "\">");
    h(w->out, s);
    ita_buf_puts(w->out, "</a>");
}

static void figure(const struct doc_writer *w, const char *svg, const char *caption)
{
    ita_buf_puts(w->out, "<figure>\n");
    ita_buf_puts(w->out, svg);
    ita_buf_puts(w->out, "<figcaption><b>");
    h(w->out, caption);
    ita_buf_puts(w->out, "</b></figcaption>\n</figure>\n");
}

void doc_writer_html(struct doc_writer *w, struct ita_buf *out, const struct ita_texts *t)
{
    const struct doc_writer html_writer = {
        .out = out, .t = t, .a = NULL, .r = NULL,
        .begin = begin, .end = end, .section_begin = section_begin, .section_end = section_end,
        .heading = heading, .paragraph = paragraph,
        .kpis_begin = kpis_begin, .kpi = kpi, .kpis_end = kpis_end, .chart = NULL, .figure = figure,
        .facts_begin = facts_begin, .fact = fact, .facts_end = facts_end, .separator = separator,
        .list_begin = list_begin, .list_end = list_end, .item_begin = item_begin, .item_end = item_end,
        .notes_begin = notes_begin, .note = note, .notes_end = notes_end,
        .table_begin = table_begin, .table_end = table_end, .row_begin = row_begin, .row_end = row_end,
        .cell_begin = cell_begin, .cell_end = cell_end, .cell_spanned = cell_spanned, .cell_figure = cell_figure,
        .text = text, .strong = text, .lines = lines, .score = score, .grade = grade, .change = change,
        .tag = tag_span, .group_remark = group_remark, .item_ref = item_ref, .result = result,
        .link = link,
    };
    *w = html_writer;
}

void ita_render_document_html(const struct ita_analysis *a, size_t index, const struct ita_render_options *o,
                              struct ita_buf *out)
{
    struct doc_writer w;
    doc_writer_html(&w, out, o->texts);
    w.a = a;
    w.r = &a->reports[index];
    w.chart = chart; /* the charts draw from the analysis */
    doc_write(&w, o->measures);
}
