/* Plan: what an agency would have to raise to reach a target overall score.
 *
 * Everything is worked out from the published two-decimal indicator scores, the
 * way an officer recomputes the overall score: overall = sum of weight x
 * indicator, rounded once, half away from zero; a tool = the mean of its
 * indicators, rounded the same way. A target is a score, or a grade or level of
 * the year's framework (its lower bound, and from 2566 the condition on every
 * tool that the level carries). Three answers, all in whole hundredths:
 *   alone     per indicator, the smallest score it would need, all others unchanged;
 *   even      the smallest level L such that raising every indicator below L to L
 *             reaches the target;
 *   cheapest  the fewest points of raise in total, heaviest weight first.
 * The pure solver (ita_plan_problem) knows nothing of reports; ita_plan_all
 * applies it to each report of an analysis. ita_planning_free frees the plans;
 * they borrow the reports of the analysis, which must outlive them.
 */
#ifndef ITA_PLAN_H
#define ITA_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ita/analyze.h"
#include "ita/decimal.h"
#include "ita/diag.h"
#include "ita/framework.h"

/* The problem in numbers: `count` indicators with their published scores
 * (hundredths, 0..10000), weights (hundredths of a percent, summing to 10000)
 * and tools; the overall must publish at `target` or above and, unless
 * `tool_min` is ITA_MISSING, every tool at `tool_min` or above. */
struct ita_plan_problem {
    size_t count;
    const int64_t *scores;
    const int64_t *weights;
    const enum ita_tool *tools;
    int64_t target;
    int64_t tool_min;
};

/* True when these indicator scores reach the target of p. */
bool ita_plan_reaches(const struct ita_plan_problem *p, const int64_t *scores);
/* The three solvers work in the caller's `work`, count values that they
 * overwrite: they allocate nothing, so that ITA_MISSING always means that the
 * target cannot be reached that way, never that memory ran out. */

/* The smallest score, not below its own, that indicator j alone would need;
 * ITA_MISSING where even 100.00 would not do. */
int64_t ita_plan_alone(const struct ita_plan_problem *p, size_t j, int64_t *work);
/* The smallest level L (0..10000) such that every indicator below L raised to L
 * reaches the target, with the new scores in `out` (count values); ITA_MISSING
 * (and out untouched) when even 100.00 everywhere would not do. */
int64_t ita_plan_even(const struct ita_plan_problem *p, int64_t *out, int64_t *work);
/* The fewest hundredths of raise in total that reach the target, with the new
 * scores in `out`; the raise goes to the heaviest weight first (among equal
 * weights, the lowest score first, then framework order), after what each tool's
 * condition needs. ITA_MISSING (out untouched) when the target cannot be reached. */
int64_t ita_plan_cheapest(const struct ita_plan_problem *p, int64_t *out, int64_t *work);

/* A target resolved against one year's framework. */
struct ita_plan_target {
    int64_t score;     /* the overall score to publish at or above */
    int64_t tool_min;  /* every tool at or above this; ITA_MISSING for none */
    size_t band;       /* the grade or level named; SIZE_MAX for a plain score */
};

/* Resolves "98", "97.5", "AA", "a", "ผ่านดี", "Good": a score first, else the name
 * of a grade or level of fw (Thai, or English in any case). False when it is neither. */
bool ita_plan_target_resolve(const char *text, const struct ita_framework *fw, struct ita_plan_target *out);

struct ita_plan {
    const struct ita_report *report;  /* borrowed */
    struct ita_plan_target target;
    int64_t current;         /* the published overall score; ITA_MISSING */
    int64_t gap;             /* target - current, ITA_MISSING when current is */
    int64_t recomputed;      /* the overall from the published indicators; ITA_MISSING */
    bool complete;           /* every indicator has a published score */
    bool met;                /* the published overall (and tools) already reach the target */
    int64_t *scores;         /* the published indicator scores (fw->indicator_count) */
    int64_t *alone;          /* per indicator; ITA_MISSING: not reachable alone */
    int64_t even_level;      /* ITA_MISSING: not reachable */
    int64_t *even;           /* new scores under `even` */
    int64_t even_total;      /* hundredths of raise under `even` */
    int64_t *cheapest;       /* new scores under `cheapest` */
    int64_t cheapest_total;  /* ITA_MISSING: not reachable */
};

struct ita_planning {
    const struct ita_analysis *analysis;  /* borrowed */
    char target_text[64];                 /* as given */
    struct ita_plan *plans;               /* one per report, in the same order */
    size_t count;
};

/* Plans every report of the analysis. ITA_ERR_USAGE with a diagnostic when the
 * target is not a score nor a grade or level of a report's year. */
enum ita_status ita_plan_all(const struct ita_analysis *a, const char *target, struct ita_planning *out,
                             struct ita_diags *diags);
void ita_planning_free(struct ita_planning *p);

#endif
