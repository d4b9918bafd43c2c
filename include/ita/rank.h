/* Rank: the reports of many agencies for one year -> ranks and national statistics.
 *
 * Every agency's figures come from ita_report_compute, so an agency's score, grade,
 * pass, previous score and change are those `ita report` gives it. Ranks are
 * competition ranks (1, 2, 2, 4) by overall score, descending; ties are listed by
 * agency name in code-point order, so the result never depends on input order.
 * Statistics are over published two-decimal scores and exact: a mean, a median or
 * a quartile (linear between the two nearest ranks) is a fraction rounded once,
 * half away from zero. An agency whose overall score for the year cannot be known
 * is named in the notes and left out; one with a missing indicator is ranked, and
 * named, and left out of that indicator's statistics: nothing counts as 0.
 * ita_ranking_free frees everything the ranking owns; agency names, attributes
 * and frameworks are borrowed from the score set and framework set.
 */
#ifndef ITA_RANK_H
#define ITA_RANK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ita/analyze.h"
#include "ita/bind.h"
#include "ita/framework.h"

/* Statistics of a list of published scores; all ITA_MISSING when count is 0. */
struct ita_stats {
    size_t count;
    int64_t mean, median, p25, p75, min, max;
};

struct ita_rank_entry {
    const struct ita_agency *agency;
    size_t rank;          /* competition rank among all agencies */
    size_t group;         /* index into groups; SIZE_MAX without grouping */
    size_t group_rank;    /* competition rank within the group; 0 without grouping */
    int base_year;        /* the year its previous score is from; 0 when none */
    int64_t score;        /* hundredths */
    size_t band;          /* rating band of the framework */
    bool pass;
    int64_t previous, delta; /* ITA_MISSING when there is no base year score */
    int64_t tools[ITA_TOOL_COUNT];
    int64_t *indicators;  /* fw->indicator_count published scores, ITA_MISSING where unknown */
};

/* The statistics of a set of agencies (all of them, or one group). */
struct ita_rank_summary {
    size_t count, passed;
    struct ita_stats overall;
    int64_t pass_rate;    /* hundredths of a percent; ITA_MISSING when count is 0 */
    size_t *distribution; /* agencies per rating band, fw->band_count */
    struct ita_stats tools[ITA_TOOL_COUNT];
    struct ita_stats *indicators; /* fw->indicator_count */
};

struct ita_rank_group {
    const char *value;    /* the attribute's value; NULL for agencies without one */
    struct ita_rank_summary summary;
};

/* The national figures of one year: agencies with an overall score, how many
 * pass, the mean and the pass rate (as ita_rank_summary). */
struct ita_rank_year {
    int year;
    size_t count, passed;
    int64_t mean, pass_rate;
};

/* The overall scores in bins of 5.00: bin k holds [5k, 5k + 5), the last 95.00 to 100.00. */
#define ITA_RANK_BINS 20

struct ita_rank_options {
    bool years;           /* also each year's national mean and pass rate (ita_ranking.years) */
    int year;             /* 0: the latest year in the data */
    int base_year;        /* 0: each agency's latest year before `year` (as report) */
    const char *by;       /* attribute to group by, or NULL */
    size_t top;           /* movers to list each way */
};

struct ita_ranking {
    int year;
    int base_year;        /* the base year asked for, else the latest before `year`; 0: none */
    const struct ita_framework *fw; /* the framework of `year` */
    struct ita_rank_entry *entries; /* by rank, ties by name */
    size_t count;
    struct ita_rank_summary all;
    const char *by;       /* borrowed from the options; NULL without grouping */
    struct ita_rank_group *groups; /* by value in code-point order, NULL value last */
    size_t group_count;
    size_t *gains, *drops; /* indices into entries, biggest change first */
    size_t gain_count, drop_count;
    char *const *attr_names; /* borrowed from the score set: the attribute columns */
    size_t attr_count;
    struct ita_note *notes; /* agencies left out or incomplete, provisional framework */
    size_t note_count;
    size_t histogram[ITA_RANK_BINS]; /* the ranked agencies' overall scores in bins of 5.00 */
    struct ita_rank_year *years; /* with options.years: every year of the data up to `year`, ascending */
    size_t year_count;
};

void ita_rank_options_init(struct ita_rank_options *o);
/* ITA_ERR_USAGE (with a diagnostic) when the year or the attribute is not in
 * the data or no agency is complete for the year. */
enum ita_status ita_rank(const struct ita_score_set *set, const struct ita_rank_options *o,
                         struct ita_ranking *out, struct ita_diags *diags);
void ita_ranking_free(struct ita_ranking *r);

/* The statistics of n published scores; sorts `scores` in place. */
void ita_stats_compute(int64_t *scores, size_t n, struct ita_stats *out);

#endif
