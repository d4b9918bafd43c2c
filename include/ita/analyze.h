/* Analyze: a score set -> one report per agency for one year, exactly.
 *
 * Every figure is the given (published) score where the input has one, else the
 * exact mean of its parts: item = mean of its sub-questions; IIT/EIT indicator =
 * mean of its items; OIT indicator = mean of its sub-indicators, each the mean of
 * its items; tool = mean of its indicators; overall = sum of weight x indicator.
 * Parts enter their parent unrounded; a figure is rounded once, half away from
 * zero, when it is published. Where a given score and its parts differ by more
 * than 0.01, the report carries a warning naming both; so too where a published
 * grade or level is not the one the overall score (and tools) give. Items and sub-questions
 * of IIT and EIT fall into three groups by their published score; OIT items are
 * met (100) or not. ita_analysis_free frees all reports; they borrow names and
 * frameworks from the score set and the framework set, which must outlive them.
 */
#ifndef ITA_ANALYZE_H
#define ITA_ANALYZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ita/bind.h"
#include "ita/decimal.h"
#include "ita/framework.h"

enum ita_tier { ITA_TIER_NONE = -1, ITA_TIER_MAINTAIN = 0, ITA_TIER_IMPROVE = 1, ITA_TIER_URGENT = 2 };
#define ITA_TIER_COUNT 3

struct ita_figure {
    int64_t score;             /* as published (two decimals); ITA_MISSING */
    bool given;                /* the input gave it */
    bool has_parts;            /* it could be computed from its parts */
    struct ita_exact from_parts; /* exact value of its parts, when has_parts */
    struct ita_exact exact;    /* the value its parent uses */
    int64_t previous;          /* the base year's published score; ITA_MISSING */
    int64_t delta;             /* score - previous; ITA_MISSING */
    size_t band;               /* grade band of the framework; SIZE_MAX when none */
    enum ita_tier tier;
};

/* A finding about a report, as a value: renderers word it in the output language. */
enum ita_note_kind {
    ITA_NOTE_AUDIT,          /* a given score is more than 0.01 from its parts */
    ITA_NOTE_RESULT,         /* (audit) the published grade or level is not the one the scores give */
    ITA_NOTE_MISSING,        /* a figure is neither given nor computable */
    ITA_NOTE_PROVISIONAL,    /* the year's framework is provisional */
    ITA_NOTE_NO_BASE_SCORES, /* the base year asked for has no scores */
    ITA_NOTE_NO_SCORES,      /* (analysis, ranking) an agency has no scores for the year */
    ITA_NOTE_LEFT_OUT,       /* (ranking) an agency without an overall score is left out */
    ITA_NOTE_PARTLY_MISSING, /* (ranking) an agency is ranked without some indicators (code: their numbers) */
    ITA_NOTE_OVERALL_ONLY    /* (ranking) `count` agencies have an overall score alone */
};

enum ita_level { ITA_LEVEL_OVERALL, ITA_LEVEL_TOOL, ITA_LEVEL_INDICATOR, ITA_LEVEL_SUB_INDICATOR, ITA_LEVEL_ITEM };

struct ita_note {
    enum ita_note_kind kind;
    enum ita_level level;        /* AUDIT, MISSING */
    char code[48];               /* "I30", "9.1", "3", "IIT"; "" for the overall score;
                                    PARTLY_MISSING: "2, 3, 4" */
    int year;                    /* the year concerned */
    int64_t given;               /* AUDIT: the given score */
    struct ita_exact from_parts; /* AUDIT: the exact value of its parts */
    struct ita_exact difference; /* AUDIT: |given - from_parts| */
    const struct ita_agency *agency; /* NO_SCORES, LEFT_OUT, PARTLY_MISSING */
    size_t count;                /* PARTLY_MISSING: indicators; OVERALL_ONLY: agencies */
    const struct ita_framework *fw; /* RESULT: the framework the bands are of */
    size_t band_given, band_computed; /* RESULT: the published band and the scores' one */
};

/* How an item of the report's year meets the base year: the same question there,
 * by code or through the frameworks' "previous_code" links of every year between
 * (docs/frameworks.md), or none. */
struct ita_item_pair {
    const struct ita_fw_item *base; /* the base year's item asking the same question; NULL */
    bool reworded;                  /* its wording changed in a year after the base year */
    bool subs_paired;               /* the sub-questions are the same too */
    int new_in;                     /* the question is new in this year (after the base
                                       year): no pair; 0 otherwise */
};

struct ita_report {
    const struct ita_agency *agency;
    int year;
    int base_year;             /* 0 when there is none */
    const struct ita_framework *fw;
    struct ita_figure overall;
    bool pass;
    struct ita_figure tools[ITA_TOOL_COUNT];
    struct ita_figure *indicators;     /* fw->indicator_count */
    struct ita_figure *sub_indicators; /* fw->sub_indicator_count */
    struct ita_figure *items;          /* fw->item_count */
    struct ita_figure *subs;           /* fw->sub_count */
    size_t *tier_items[ITA_TIER_COUNT];  /* item indices in framework order */
    size_t tier_count[ITA_TIER_COUNT];
    struct ita_item_pair *pairs; /* fw->item_count when base_year != 0, else NULL */
    struct ita_note *notes;    /* the audit first, then missing figures, then the rest */
    size_t note_count;
    size_t audit_count;        /* the first audit_count notes are audit findings */
    struct ita_peers *peers;   /* its place among peers (ita/peers.h); NULL unless asked */
    struct ita_history *history; /* its years side by side (ita/history.h); NULL unless asked */
};

struct ita_analyze_options {
    int year;                  /* 0: the latest year in the data */
    int base_year;             /* 0: each agency's latest year before `year` */
    const char *agency;        /* NULL: all agencies */
    int64_t maintain_above;    /* hundredths; default 9750 */
    int64_t urgent_below;      /* hundredths; default 9500 */
    /* The frameworks of the years between a base year and the year (borrowed): an
     * item is paired with the same question through them. NULL: only a base year
     * right before the year pairs items. */
    struct ita_framework_set *frameworks;
    /* Keep of each report only its headline: agency, year, base year, framework,
     * overall (with grade or level, change and pass) and tools; its arrays and
     * notes are freed once computed (NULL, counts 0), so that the analysis of
     * every agency stays small. ita_analyze_agency then computes one report in
     * full, for a caller that renders the agencies one at a time. */
    bool headlines;
};

struct ita_analysis {
    int year;
    int64_t maintain_above, urgent_below;
    struct ita_report *reports;  /* agencies with data for the year, by name (byte order) */
    size_t count;
    struct ita_note *notes;      /* about the whole run: agencies without data */
    size_t note_count;
};

void ita_analyze_options_init(struct ita_analyze_options *o);
/* ITA_ERR_USAGE (with a diagnostic) when the agency or year is not in the data. */
enum ita_status ita_analyze(const struct ita_score_set *set, const struct ita_analyze_options *o,
                            struct ita_analysis *out, struct ita_diags *diags);
void ita_analysis_free(struct ita_analysis *a);
/* The report of one agency for `year` in full, exactly as ita_analyze makes it
 * (o->agency and o->headlines are not read): with its base year's changes and
 * notes. ITA_ERR_DATA when the agency has no scores for the year. The caller
 * frees it with ita_report_free. */
enum ita_status ita_analyze_agency(const struct ita_agency *agency, int year, const struct ita_analyze_options *o,
                                   struct ita_report *out, struct ita_diags *diags);

/* The group of a published score under the cut-offs. */
enum ita_tier ita_tier_of(int64_t score, int64_t maintain_above, int64_t urgent_below);
const char *ita_tier_name(enum ita_tier tier);

/* Pairs every item of `fw` with the same question in `base` (an earlier year),
 * following the "previous_code" links through the frameworks of the years between,
 * taken from `set` (NULL: none). `pairs` has fw->item_count entries. ITA_ERR_NOMEM
 * or a broken framework file's status (with a diagnostic); a missing year leaves
 * the items unpaired. */
enum ita_status ita_pair_items(struct ita_framework_set *set, const struct ita_framework *fw,
                               const struct ita_framework *base, struct ita_item_pair *pairs,
                               struct ita_diags *diags);

/* Computes the published figures of one agency's year without a base year
 * (used by ranking). Arrays are allocated as in ita_report; free with
 * ita_report_free. */
enum ita_status ita_report_compute(const struct ita_agency *agency, const struct ita_year_scores *ys,
                                   int64_t maintain_above, int64_t urgent_below,
                                   struct ita_report *out);
void ita_report_free(struct ita_report *r);

#endif
