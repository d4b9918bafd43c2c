/* History: every year of an agency in the data, side by side.
 *
 * For each year of the agency's scores up to the report's year, ascending: the
 * overall score with its grade or level, the three tools and the indicators, all
 * as that year's own report publishes them (ita_report_compute), and for every
 * item of the report's year the same question in that year (ita_pair_items: by
 * code, or through the frameworks' previous_code links) with its score, or none
 * where the question was not asked that year.
 */
#ifndef ITA_HISTORY_H
#define ITA_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ita/analyze.h"
#include "ita/bind.h"
#include "ita/diag.h"
#include "ita/framework.h"

struct ita_history_item {
    const struct ita_fw_item *item; /* the same question that year; NULL when not asked */
    int64_t score;                  /* its published score; ITA_MISSING */
};

struct ita_history_year {
    int year;
    const struct ita_framework *fw;
    int64_t overall;                /* ITA_MISSING */
    size_t band;                    /* of fw's rating, SIZE_MAX without an overall score */
    bool pass;
    int64_t tools[ITA_TOOL_COUNT];
    int64_t *indicators;            /* fw->indicator_count */
    struct ita_history_item *items; /* the report's fw->item_count */
};

struct ita_history {
    bool asked;                     /* asked for (--history), not only by default */
    struct ita_history_year *years; /* ascending */
    size_t count;
};

/* Gives every report of `a` its history (ita_report.history) from the agency's
 * years in `set`; `frameworks` serves the years between two years of the data
 * (NULL: only adjacent years pair items). ita_analysis_free frees it. */
enum ita_status ita_history_attach(struct ita_analysis *a, struct ita_framework_set *frameworks, bool asked,
                                   struct ita_diags *diags);
void ita_history_free(struct ita_history *h);

#endif
