/* Peers: where an agency stands among other agencies of the same year.
 *
 * The peers are the agencies of a second score set (read like any input) that
 * `ita rank` ranks for the report's year, or, with an attribute, only those whose
 * value of it equals the reported agency's. Their statistics are the ranking's
 * own (ita_rank, ita_stats_compute): nothing is computed twice. For the overall
 * score, each tool and each indicator, with N the peers that have that figure:
 *   rank        1 + the number of peers with a higher score (competition rank);
 *   percentile  100 x (below + equal / 2) / N, where below and equal count the
 *               peers with a lower and with the same score, rounded once, half
 *               away from zero, to two decimals;
 *   quarter     lowest when the score is below the peers' first quartile,
 *               highest when above their third, else middle.
 * The agency is compared by the figures of its own report. When the peers hold
 * an agency of the same name it is counted as a peer like any other (so it ties
 * with itself where the two files agree); when they do not, it is not counted
 * and N is the peers alone.
 */
#ifndef ITA_PEERS_H
#define ITA_PEERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ita/analyze.h"
#include "ita/bind.h"
#include "ita/diag.h"
#include "ita/rank.h"

enum ita_quarter { ITA_QUARTER_NONE = -1, ITA_QUARTER_LOWEST = 0, ITA_QUARTER_MIDDLE = 1, ITA_QUARTER_HIGHEST = 2 };

struct ita_peer_figure {
    int64_t score;             /* the agency's published score; ITA_MISSING */
    size_t count;              /* N: peers with a score for this figure */
    size_t rank;               /* 0 when the agency's score is missing or N is 0 */
    int64_t percentile;        /* hundredths of a percent; ITA_MISSING as rank */
    int64_t median, p25, p75;  /* the peers' (ITA_MISSING when N is 0) */
    enum ita_quarter quarter;  /* ITA_QUARTER_NONE as rank */
};

struct ita_peers {
    size_t count;              /* peers ranked for the year (with an overall score) */
    const char *by;            /* the attribute, or NULL; borrowed from the caller */
    const char *value;         /* the agency's value of it, or NULL; borrowed from a score set */
    bool includes_agency;      /* an agency of the same name is among the peers */
    struct ita_peer_figure overall;
    struct ita_peer_figure tools[ITA_TOOL_COUNT];
    struct ita_peer_figure *indicators; /* fw->indicator_count of the report */
};

/* Gives every report of `a` its peers (ita_report.peers), from the agencies of
 * `peers` with scores for a->year, grouped by `by` when it is not NULL. The
 * agency's value of `by` is the analysed set's (`own`), else the peers' for an
 * agency of the same name; without one it has no peers (count 0). ITA_ERR_USAGE
 * with a diagnostic when the peers have no column `by` or no agency for the year.
 * `by`, `own` and `peers` must outlive the analysis; ita_analysis_free frees the rest. */
enum ita_status ita_peers_attach(struct ita_analysis *a, const struct ita_score_set *own,
                                 const struct ita_score_set *peers, const char *by, struct ita_diags *diags);

/* The same in two steps, for a caller that computes the reports one at a time and
 * frees each (memory then holds one report, not every agency's): the peers ranked
 * once for the year (ita_peers_rank: the checks and diagnostics of
 * ita_peers_attach), then each report placed among them as it is computed
 * (ita_peers_place). A report's place depends only on it and on the peers. `own`,
 * `peers` and `by` must outlive the ranking and the reports placed. */
struct ita_peers_ranking {
    struct ita_ranking ranking;
    const struct ita_score_set *own, *peers;
    const char *by;
    size_t peer_attr;          /* the column `by` among the peers' attributes, or SIZE_MAX */
};
enum ita_status ita_peers_rank(struct ita_peers_ranking *pk, int year, const struct ita_score_set *own,
                               const struct ita_score_set *peers, const char *by, struct ita_diags *diags);
/* Sets r->peers (freed with the report). */
enum ita_status ita_peers_place(const struct ita_peers_ranking *pk, struct ita_report *r);
void ita_peers_ranking_free(struct ita_peers_ranking *pk);
void ita_peers_free(struct ita_peers *p);

/* The index of an attribute column, by name (ASCII case ignored), or SIZE_MAX. */
size_t ita_attr_index(char *const *names, size_t count, const char *name);

#endif
