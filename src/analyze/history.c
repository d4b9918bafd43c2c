/* History: an agency's years side by side (ita/history.h). */
#include "ita/history.h"

#include <stdlib.h>
#include <string.h>

void ita_history_free(struct ita_history *h)
{
    if (h == NULL)
        return;
    for (size_t y = 0; y < h->count; y++) {
        free(h->years[y].indicators);
        free(h->years[y].items);
    }
    free(h->years);
    free(h);
}

/* One year of the history from that year's report, with the report's items paired. */
static enum ita_status history_year(const struct ita_report *r, const struct ita_report *yr,
                                    struct ita_framework_set *frameworks, struct ita_history_year *hy,
                                    struct ita_diags *diags)
{
    const struct ita_framework *fw = r->fw, *yfw = yr->fw;
    hy->year = yr->year;
    hy->fw = yfw;
    hy->overall = yr->overall.score;
    hy->band = yr->overall.score == ITA_MISSING ? SIZE_MAX : yr->overall.band;
    hy->pass = yr->pass;
    for (int t = 0; t < ITA_TOOL_COUNT; t++)
        hy->tools[t] = yr->tools[t].score;
    hy->indicators = malloc(yfw->indicator_count * sizeof *hy->indicators);
    hy->items = calloc(fw->item_count, sizeof *hy->items);
    struct ita_item_pair *pairs = calloc(fw->item_count, sizeof *pairs);
    if (hy->indicators == NULL || hy->items == NULL || pairs == NULL) {
        free(pairs);
        return ITA_ERR_NOMEM;
    }
    for (size_t n = 0; n < yfw->indicator_count; n++)
        hy->indicators[n] = yr->indicators[n].score;
    enum ita_status st = yr->year == r->year ? ITA_OK : ita_pair_items(frameworks, fw, yfw, pairs, diags);
    for (size_t i = 0; i < fw->item_count && st == ITA_OK; i++) {
        const struct ita_fw_item *same = yr->year == r->year ? &fw->items[i] : pairs[i].base;
        hy->items[i].item = same;
        hy->items[i].score = same != NULL ? yr->items[same - yfw->items].score : ITA_MISSING;
    }
    free(pairs);
    return st;
}

static enum ita_status history_of(const struct ita_analysis *a, struct ita_report *r,
                                  struct ita_framework_set *frameworks, bool asked, struct ita_diags *diags)
{
    const struct ita_agency *ag = r->agency;
    struct ita_history *h = calloc(1, sizeof *h);
    if (h == NULL)
        return ITA_ERR_NOMEM;
    r->history = h;
    h->asked = asked;
    h->years = calloc(ag->year_count ? ag->year_count : 1, sizeof *h->years);
    if (h->years == NULL)
        return ITA_ERR_NOMEM;
    for (size_t y = 0; y < ag->year_count; y++) {
        const struct ita_year_scores *ys = &ag->years[y];
        if (ys->year > r->year)
            break;
        struct ita_report yr;
        enum ita_status st = ita_report_compute(ag, ys, a->maintain_above, a->urgent_below, &yr);
        if (st != ITA_OK)
            return st;
        st = history_year(r, &yr, frameworks, &h->years[h->count++], diags);
        ita_report_free(&yr);
        if (st != ITA_OK)
            return st;
    }
    return ITA_OK;
}

enum ita_status ita_history_attach(struct ita_analysis *a, struct ita_framework_set *frameworks, bool asked,
                                   struct ita_diags *diags)
{
    for (size_t i = 0; i < a->count; i++) {
        enum ita_status st = history_of(a, &a->reports[i], frameworks, asked, diags);
        if (st != ITA_OK)
            return st;
    }
    return ITA_OK;
}
