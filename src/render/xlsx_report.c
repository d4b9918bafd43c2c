/* ita report -f xlsx: Summary, Items, Groups, Measures and Notes (docs/xlsx.md). */
#include "document.h"
#include "xlsx.h"

struct report_book {
    struct xw x;
    const struct ita_analysis *a;
    size_t first, count;
    const struct ita_xlsx_options *o;
    lxw_col_t c0; /* 1 when the sheets start with an agency column */
};

/* The header row, with the agency column first when there is one; a NULL key is
 * the column of grades or levels (one framework per analysis: one year). */
static void header(struct report_book *b, struct xs *s, const char *const *keys, size_t n)
{
    const char *h[XS_MAX_COLS];
    size_t k = 0;
    if (b->c0)
        h[k++] = ita_text(b->x.t, "agency");
    const struct ita_framework *fw = b->count > 0 ? b->a->reports[b->first].fw : NULL;
    for (size_t i = 0; i < n && k < XS_MAX_COLS; i++)
        h[k++] = keys[i] ? ita_text(b->x.t, keys[i]) : fw ? xw_band_header(&b->x, fw) : ita_text(b->x.t, "grade");
    xs_header(s, h, k);
}

static void agency_cell(struct report_book *b, struct xs *s, const struct ita_report *r)
{
    if (b->c0)
        xs_text(s, 0, r->agency->name, NULL);
}

/* A figure's score, previous and change from column c on. */
static void figure(struct xs *s, lxw_col_t c, const struct ita_figure *f)
{
    xs_cents(s, c, f->score, NULL);
    xs_cents(s, c + 1, f->previous, NULL);
    xs_cents(s, c + 2, f->delta, s->x->change);
}

static void summary(struct report_book *b)
{
    struct xs s;
    const struct ita_texts *t = b->x.t;
    enum ita_lang lang = t->lang;
    xs_begin(&s, &b->x, ita_text(t, "xlsx_sheet_summary"));
    static const char *const keys[] = {"fiscal_year", "xlsx_base_year", "xlsx_code", "xlsx_name", "score",
                                       "previous", "change", NULL, "doc_result"};
    header(b, &s, keys, sizeof keys / sizeof keys[0]);
    lxw_col_t c = b->c0;
    for (size_t k = b->first; k < b->first + b->count; k++) {
        const struct ita_report *r = &b->a->reports[k];
        const struct ita_framework *fw = r->fw;
        for (size_t row = 0; row < 1 + ITA_TOOL_COUNT + fw->indicator_count; row++) {
            const struct ita_figure *f;
            char code[16] = "";
            const char *name;
            if (row == 0) {
                f = &r->overall;
                name = ita_text(t, "overall");
            } else if (row <= ITA_TOOL_COUNT) {
                f = &r->tools[row - 1];
                snprintf(code, sizeof code, "%s", ita_tool_code((enum ita_tool)(row - 1)));
                name = ita_render_text(&fw->tools[row - 1].name, lang);
            } else {
                const struct ita_fw_indicator *ind = &fw->indicators[row - 1 - ITA_TOOL_COUNT];
                f = &r->indicators[row - 1 - ITA_TOOL_COUNT];
                snprintf(code, sizeof code, "%u", ind->number);
                name = ita_render_text(&ind->name, lang);
            }
            agency_cell(b, &s, r);
            xs_int(&s, c, r->year, false);
            xs_int(&s, c + 1, r->base_year, true);
            xs_text(&s, c + 2, code, NULL);
            xs_text(&s, c + 3, name, NULL);
            figure(&s, c + 4, f);
            xs_text(&s, c + 7, xw_band(&b->x, fw, f->band), NULL);
            if (row == 0 && f->score != ITA_MISSING)
                xs_text(&s, c + 8, ita_text(t, r->pass ? "pass" : "fail"), NULL);
            xs_next(&s);
        }
    }
    xs_end(&s, false);
}

/* The group of a figure in words, with its colour; "" when it has none. */
static const char *group_of(struct report_book *b, const struct ita_fw_item *it, const struct ita_figure *f,
                            lxw_format **fmt)
{
    *fmt = NULL;
    if (f->score == ITA_MISSING)
        return "";
    if (f->tier != ITA_TIER_NONE) {
        *fmt = b->x.group[f->tier];
        return ita_text(b->x.t, doc_tier_keys[f->tier]);
    }
    if (it->tool == ITA_OIT) {
        *fmt = b->x.group[f->score == 10000 ? ITA_TIER_MAINTAIN : ITA_TIER_URGENT];
        return ita_text(b->x.t, f->score == 10000 ? "met" : "not_met");
    }
    return "";
}

static void items(struct report_book *b)
{
    struct xs s;
    const struct ita_texts *t = b->x.t;
    enum ita_lang lang = t->lang;
    xs_begin(&s, &b->x, ita_text(t, "xlsx_sheet_items"));
    static const char *const keys[] = {"tool", "indicator", "item", "xlsx_sub", "doc_item_text", "score",
                                       "previous", "change", NULL, "group"};
    header(b, &s, keys, sizeof keys / sizeof keys[0]);
    lxw_col_t c = b->c0;
    for (size_t k = b->first; k < b->first + b->count; k++) {
        const struct ita_report *r = &b->a->reports[k];
        const struct ita_framework *fw = r->fw;
        for (size_t i = 0; i < fw->item_count; i++) {
            const struct ita_fw_item *it = &fw->items[i];
            for (size_t q = 0; q <= it->sub_count; q++) {
                const struct ita_figure *f = q == 0 ? &r->items[i] : &r->subs[it->first_sub + q - 1];
                agency_cell(b, &s, r);
                xs_text(&s, c, ita_tool_code(it->tool), NULL);
                xs_int(&s, c + 1, fw->indicators[it->indicator].number, false);
                xs_text(&s, c + 2, it->code, NULL);
                xs_int(&s, c + 3, (long long)q, true);
                xs_text(&s, c + 4, ita_render_text(q == 0 ? &it->text : &it->subs[q - 1], lang), NULL);
                figure(&s, c + 5, f);
                xs_text(&s, c + 8, xw_band(&b->x, fw, f->band), NULL);
                lxw_format *gf;
                const char *g = group_of(b, it, f, &gf);
                xs_text(&s, c + 9, g, gf);
                xs_next(&s);
            }
        }
    }
    xs_end(&s, true);
}

/* The three groups by tool (IIT, EIT), then the OIT items met and not met. */
static void groups(struct report_book *b)
{
    struct xs s;
    const struct ita_texts *t = b->x.t;
    xs_begin(&s, &b->x, ita_text(t, "xlsx_sheet_groups"));
    static const char *const keys[] = {"group", "tool", "xlsx_count", "items"};
    header(b, &s, keys, sizeof keys / sizeof keys[0]);
    lxw_col_t c = b->c0;
    struct ita_buf codes;
    ita_buf_init(&codes);
    for (size_t k = b->first; k < b->first + b->count; k++) {
        const struct ita_report *r = &b->a->reports[k];
        const struct ita_framework *fw = r->fw;
        for (int g = 0; g < ITA_TIER_COUNT + 2; g++) {
            for (int tool = 0; tool < ITA_TOOL_COUNT; tool++) {
                bool oit = g >= ITA_TIER_COUNT;
                if (oit != (tool == ITA_OIT))
                    continue;
                size_t n = 0;
                codes.len = 0;
                for (size_t i = 0; i < fw->item_count; i++) {
                    const struct ita_figure *f = &r->items[i];
                    if (fw->items[i].tool != (enum ita_tool)tool || f->score == ITA_MISSING)
                        continue;
                    bool in = oit ? (f->score == 10000) == (g == ITA_TIER_COUNT) : f->tier == (enum ita_tier)g;
                    if (!in)
                        continue;
                    ita_buf_printf(&codes, "%s%s", n ? " " : "", fw->items[i].code);
                    n++;
                }
                agency_cell(b, &s, r);
                int colour = oit ? (g == ITA_TIER_COUNT ? ITA_TIER_MAINTAIN : ITA_TIER_URGENT) : g;
                const char *name = oit ? ita_text(t, g == ITA_TIER_COUNT ? "met" : "not_met")
                                       : ita_text(t, doc_tier_keys[g]);
                xs_text(&s, c, name, b->x.group[colour]);
                xs_text(&s, c + 1, ita_tool_code((enum ita_tool)tool), NULL);
                xs_int(&s, c + 2, (long long)n, false);
                xs_text(&s, c + 3, codes.data && n ? codes.data : "", NULL);
                xs_next(&s);
            }
        }
    }
    if (codes.failed)
        b->x.st = ITA_ERR_NOMEM;
    ita_buf_free(&codes);
    xs_end(&s, true);
}

/* A row for every item the document's measures table has, with the officer's
 * measures or empty cells to fill in. */
static void measures(struct report_book *b)
{
    struct xs s;
    const struct ita_texts *t = b->x.t;
    xs_begin(&s, &b->x, ita_text(t, "xlsx_sheet_measures"));
    static const char *const keys[] = {"item", "group", "doc_weak", "doc_measure", "doc_method", "doc_period",
                                       "doc_owner"};
    header(b, &s, keys, sizeof keys / sizeof keys[0]);
    lxw_col_t c = b->c0;
    const struct ita_measures *m = b->o->measures;
    struct ita_buf weak;
    ita_buf_init(&weak);
    for (size_t k = b->first; k < b->first + b->count; k++) {
        const struct ita_report *r = &b->a->reports[k];
        const struct ita_framework *fw = r->fw;
        for (int tool = 0; tool < ITA_TOOL_COUNT; tool++) {
            for (size_t cur = 0, i; (i = doc_measure_next(r, m, (enum ita_tool)tool, &cur)) != SIZE_MAX;) {
                const struct ita_fw_item *it = &fw->items[i];
                weak.len = 0;
                doc_weakness(&weak, t, r, i, b->a->maintain_above);
                lxw_format *gf = NULL;
                const char *g = "";
                if (tool == ITA_OIT) {
                    g = group_of(b, it, &r->items[i], &gf);
                } else {
                    enum ita_tier w = doc_worst_tier(r, i);
                    if (w != ITA_TIER_NONE) {
                        g = ita_text(t, doc_tier_keys[w]);
                        gf = b->x.group[w];
                    }
                }
                size_t cursor = 0;
                const struct ita_measure *row = ita_measures_next(m, r->agency->name, i, &cursor);
                do {
                    agency_cell(b, &s, r);
                    xs_text(&s, c, it->code, NULL);
                    xs_text(&s, c + 1, g, gf);
                    xs_text(&s, c + 2, ita_buf_str(&weak), NULL);
                    if (row != NULL) {
                        xs_text(&s, c + 3, row->measure, NULL);
                        xs_text(&s, c + 4, row->method, NULL);
                        xs_text(&s, c + 5, row->period, NULL);
                        xs_text(&s, c + 6, row->owner, NULL);
                    }
                    xs_next(&s);
                    row = row ? ita_measures_next(m, r->agency->name, i, &cursor) : NULL;
                } while (row != NULL);
            }
        }
    }
    if (weak.failed)
        b->x.st = ITA_ERR_NOMEM;
    ita_buf_free(&weak);
    for (int col = 3; col < 7; col++)
        xs_widen(&s, (lxw_col_t)(c + col), 24);
    xs_end(&s, true);
}

static void note_row(struct report_book *b, struct xs *s, const struct ita_report *r, const char *kind,
                     const char *text)
{
    if (b->c0)
        xs_text(s, 0, r ? r->agency->name : "", NULL);
    xs_text(s, b->c0, kind, NULL);
    xs_text(s, b->c0 + 1, text, NULL);
    xs_next(s);
}

static void notes(struct report_book *b)
{
    struct xs s;
    const struct ita_texts *t = b->x.t;
    xs_begin(&s, &b->x, ita_text(t, "xlsx_sheet_notes"));
    static const char *const keys[] = {"xlsx_kind", "xlsx_note"};
    header(b, &s, keys, sizeof keys / sizeof keys[0]);
    struct ita_buf p;
    ita_buf_init(&p);
    for (size_t k = b->first; k < b->first + b->count; k++) {
        const struct ita_report *r = &b->a->reports[k];
        for (size_t n = 0; n < r->note_count; n++) {
            p.len = 0;
            ita_render_note(&p, t, &r->notes[n]);
            note_row(b, &s, r, ita_text(t, n < r->audit_count ? "xlsx_audit" : "warnings"), ita_buf_str(&p));
        }
        if (r->audit_count == 0)
            note_row(b, &s, r, ita_text(t, "xlsx_audit"), ita_text(t, "doc_audit_clean"));
    }
    /* the agencies without scores for the year, when the workbook is the whole analysis */
    if (b->first == 0 && b->count == b->a->count)
        for (size_t n = 0; n < b->a->note_count; n++) {
            p.len = 0;
            ita_render_note(&p, t, &b->a->notes[n]);
            note_row(b, &s, NULL, ita_text(t, "warnings"), ita_buf_str(&p));
        }
    note_row(b, &s, NULL, ita_text(t, "doc_notes_heading"), ita_text(t, "doc_method_note"));
    if (p.failed)
        b->x.st = ITA_ERR_NOMEM;
    ita_buf_free(&p);
    xs_end(&s, false);
}

enum ita_status ita_xlsx_report(const struct ita_analysis *a, size_t first, size_t count,
                                const struct ita_xlsx_options *o, const char *path, struct ita_diags *diags)
{
    struct report_book b = {.a = a, .first = first, .count = count, .o = o, .c0 = count > 1 ? 1 : 0};
    if (xw_open(&b.x, path, false, o, diags)) {
        summary(&b);
        items(&b);
        groups(&b);
        measures(&b);
        notes(&b);
    }
    return xw_close(&b.x);
}
