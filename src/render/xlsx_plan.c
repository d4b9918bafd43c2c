/* ita plan -f xlsx: a summary sheet, then the three plans, one sheet each
 * (docs/xlsx.md). Written from the planning's values, as the JSON is. */
#include "document.h"
#include "xlsx.h"

struct plan_book {
    struct xw x;
    const struct ita_planning *pl;
    struct ita_buf word;
};

static bool planned(const struct ita_plan *p)
{
    return p->complete && !p->met;
}

static void summary(struct plan_book *b)
{
    const struct ita_texts *t = b->x.t;
    const struct ita_planning *pl = b->pl;
    struct xs s;
    xs_begin(&s, &b->x, ita_text(t, "xlsx_sheet_plan"));
    static const char *const keys[] = {"agency", "fiscal_year", "plan_target", "xlsx_target_score", "plan_current", NULL,
                                       "xlsx_gap", "xlsx_recomputed", "xlsx_status", "xlsx_even_level",
                                       "xlsx_even_total", "xlsx_cheapest_total"};
    const struct ita_framework *fw = pl->count > 0 ? pl->plans[0].report->fw : NULL;
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
        xs_head(&s, (lxw_col_t)k, keys[k] ? ita_text(t, keys[k]) : fw ? xw_band_header(&b->x, fw) : "");
    xs_head_end(&s);
    for (size_t i = 0; i < pl->count; i++) {
        const struct ita_plan *p = &pl->plans[i];
        const struct ita_report *r = p->report;
        xs_text(&s, 0, r->agency->name, NULL);
        xs_int(&s, 1, r->year, false);
        b->word.len = 0;
        plan_target_phrase(&b->word, t, p);
        xs_text(&s, 2, ita_buf_str(&b->word), NULL);
        xs_cents(&s, 3, p->target.score, NULL);
        xs_cents(&s, 4, p->current, NULL);
        xs_text(&s, 5, p->current != ITA_MISSING ? xw_band(&b->x, r->fw, r->overall.band) : "", NULL);
        xs_cents(&s, 6, p->gap, NULL);
        xs_cents(&s, 7, p->recomputed, NULL);
        xs_text(&s, 8, ita_text(t, p->met ? "plan_met" : !p->complete ? "plan_incomplete" : "xlsx_plan_ready"), NULL);
        if (planned(p)) {
            xs_cents(&s, 9, p->even_total != ITA_MISSING ? p->even_level : ITA_MISSING, NULL);
            xs_cents(&s, 10, p->even_level != ITA_MISSING ? p->even_total : ITA_MISSING, NULL);
            xs_cents(&s, 11, p->cheapest_total, NULL);
        }
        xs_next(&s);
    }
    xs_widen(&s, 8, 12);
    xs_end(&s, false);
}

/* One of the three plans: to is NULL for "alone" (every indicator, the score it
 * would need), else the new scores (only the indicators raised). */
enum which { ALONE, EVEN, CHEAPEST };

static void raises(struct plan_book *b, enum which which)
{
    static const char *const names[] = {"xlsx_sheet_alone", "xlsx_sheet_even", "xlsx_sheet_cheapest"};
    const struct ita_texts *t = b->x.t;
    struct xs s;
    xs_begin(&s, &b->x, ita_text(t, names[which]));
    static const char *const keys[] = {"agency", "doc_number", "indicator", "tool", "weight", "score", NULL,
                                       "plan_raise", "xlsx_note"};
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
        xs_head(&s, (lxw_col_t)k, ita_text(t, keys[k] ? keys[k] : which == ALONE ? "plan_needs" : "plan_to"));
    xs_head_end(&s);
    for (size_t i = 0; i < b->pl->count; i++) {
        const struct ita_plan *p = &b->pl->plans[i];
        const struct ita_framework *fw = p->report->fw;
        if (!planned(p))
            continue;
        const int64_t *to = which == ALONE ? p->alone : which == EVEN ? p->even : p->cheapest;
        bool reached = which == ALONE || (which == EVEN ? p->even_level != ITA_MISSING && p->even_total != ITA_MISSING
                                                        : p->cheapest_total != ITA_MISSING);
        if (!reached) {
            xs_text(&s, 0, p->report->agency->name, NULL);
            xs_text(&s, 8, ita_text(t, which == EVEN ? "plan_even_never" : "plan_cheapest_never"), NULL);
            xs_next(&s);
            continue;
        }
        for (size_t n = 0; n < fw->indicator_count; n++) {
            const struct ita_fw_indicator *ind = &fw->indicators[n];
            if (which != ALONE && to[n] == p->scores[n])
                continue;
            xs_text(&s, 0, p->report->agency->name, NULL);
            xs_int(&s, 1, ind->number, false);
            xs_text(&s, 2, ita_render_text(&ind->name, t->lang), NULL);
            xs_text(&s, 3, ita_tool_code(ind->tool), NULL);
            xs_cents(&s, 4, ind->weight, NULL);
            xs_cents(&s, 5, p->scores[n], NULL);
            if (to[n] == ITA_MISSING) {
                xs_text(&s, 8, ita_text(t, "plan_alone_never"), NULL);
            } else {
                xs_cents(&s, 6, to[n], NULL);
                xs_cents(&s, 7, to[n] - p->scores[n], b->x.change);
            }
            xs_next(&s);
        }
    }
    xs_end(&s, true);
}

enum ita_status ita_xlsx_plan(const struct ita_planning *pl, const struct ita_xlsx_options *o, const char *path,
                              struct ita_diags *diags)
{
    struct plan_book b = {.pl = pl};
    ita_buf_init(&b.word);
    if (xw_open(&b.x, path, false, o, diags)) {
        summary(&b);
        raises(&b, ALONE);
        raises(&b, EVEN);
        raises(&b, CHEAPEST);
    }
    if (b.word.failed && b.x.st == ITA_OK)
        b.x.st = ITA_ERR_NOMEM;
    ita_buf_free(&b.word);
    return xw_close(&b.x);
}
