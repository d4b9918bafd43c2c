/* Peers: an agency's rank, percentile and quarter among the agencies of a second
 * score set, from the statistics that ita_rank computes for them. */
#include "ita/peers.h"

#include <stdlib.h>
#include <string.h>

#include "ita/rank.h"

void ita_peers_free(struct ita_peers *p)
{
    if (p == NULL)
        return;
    free(p->indicators);
    free(p);
}

size_t ita_attr_index(char *const *names, size_t count, const char *name)
{
    for (size_t k = 0; k < count; k++) {
        const char *key = names[k], *asked = name;
        for (; *key && *asked; key++, asked++) {
            char c = *asked >= 'A' && *asked <= 'Z' ? (char)(*asked - 'A' + 'a') : *asked;
            char d = *key >= 'A' && *key <= 'Z' ? (char)(*key - 'A' + 'a') : *key;
            if (c != d)
                break;
        }
        if (*key == '\0' && *asked == '\0')
            return k;
    }
    return SIZE_MAX;
}

static const char *attr_value(const struct ita_agency *ag, size_t attr)
{
    if (ag == NULL || attr == SIZE_MAX || attr >= ag->attr_cap)
        return NULL;
    const char *v = ag->attrs[attr];
    return v != NULL && v[0] != '\0' ? v : NULL;
}

/* The figure `which` of an entry: SIZE_MAX the overall score, below
 * ITA_TOOL_COUNT a tool, else indicator which - ITA_TOOL_COUNT. */
static int64_t entry_score(const struct ita_rank_entry *e, size_t which)
{
    if (which == SIZE_MAX)
        return e->score;
    if (which < ITA_TOOL_COUNT)
        return e->tools[which];
    return e->indicators[which - ITA_TOOL_COUNT];
}

static void place(const struct ita_ranking *pr, size_t group, size_t which, int64_t score,
                  const struct ita_stats *st, struct ita_peer_figure *f)
{
    f->score = score;
    f->count = st->count;
    f->median = st->median;
    f->p25 = st->p25;
    f->p75 = st->p75;
    f->rank = 0;
    f->percentile = ITA_MISSING;
    f->quarter = ITA_QUARTER_NONE;
    if (score == ITA_MISSING || st->count == 0)
        return;
    size_t higher = 0, lower = 0, equal = 0;
    for (size_t i = 0; i < pr->count; i++) {
        const struct ita_rank_entry *e = &pr->entries[i];
        if (group != SIZE_MAX && e->group != group)
            continue;
        int64_t v = entry_score(e, which);
        if (v == ITA_MISSING)
            continue;
        higher += v > score;
        lower += v < score;
        equal += v == score;
    }
    f->rank = higher + 1;
    f->percentile = ita_exact_round((struct ita_exact){(int64_t)(2 * lower + equal) * 10000, 2 * (int64_t)st->count});
    f->quarter = score < st->p25 ? ITA_QUARTER_LOWEST : score > st->p75 ? ITA_QUARTER_HIGHEST : ITA_QUARTER_MIDDLE;
}

static enum ita_status attach_one(struct ita_report *r, const struct ita_score_set *own,
                                  const struct ita_score_set *peers, const struct ita_ranking *pr, const char *by,
                                  size_t peer_attr)
{
    const struct ita_framework *fw = r->fw;
    struct ita_peers *p = calloc(1, sizeof *p);
    if (p == NULL)
        return ITA_ERR_NOMEM;
    p->indicators = calloc(fw->indicator_count ? fw->indicator_count : 1, sizeof *p->indicators);
    if (p->indicators == NULL) {
        free(p);
        return ITA_ERR_NOMEM;
    }
    r->peers = p;
    p->by = by;
    const struct ita_rank_summary *sum = &pr->all;
    size_t group = SIZE_MAX;
    if (by != NULL) {
        p->value = attr_value(r->agency, ita_attr_index(own->attr_names, own->attr_count, by));
        if (p->value == NULL)
            p->value = attr_value(ita_score_set_find(peers, r->agency->name), peer_attr);
        sum = NULL;
        for (size_t g = 0; g < pr->group_count && p->value != NULL; g++)
            if (pr->groups[g].value != NULL && strcmp(pr->groups[g].value, p->value) == 0) {
                group = g;
                sum = &pr->groups[g].summary;
            }
    }
    static const struct ita_stats none = {0, ITA_MISSING, ITA_MISSING, ITA_MISSING, ITA_MISSING, ITA_MISSING,
                                          ITA_MISSING};
    p->count = sum != NULL ? sum->count : 0;
    for (size_t i = 0; i < pr->count && sum != NULL; i++)
        if ((group == SIZE_MAX || pr->entries[i].group == group) &&
            strcmp(pr->entries[i].agency->name, r->agency->name) == 0)
            p->includes_agency = true;
    /* the peers' framework is the same year's; indicators pair by position */
    bool same_fw = pr->fw == fw;
    place(pr, group, SIZE_MAX, r->overall.score, sum != NULL ? &sum->overall : &none, &p->overall);
    for (size_t t = 0; t < ITA_TOOL_COUNT; t++)
        place(pr, group, t, r->tools[t].score, sum != NULL ? &sum->tools[t] : &none, &p->tools[t]);
    for (size_t n = 0; n < fw->indicator_count; n++)
        place(pr, group, ITA_TOOL_COUNT + n, r->indicators[n].score,
              sum != NULL && same_fw ? &sum->indicators[n] : &none, &p->indicators[n]);
    return ITA_OK;
}

enum ita_status ita_peers_rank(struct ita_peers_ranking *pk, int year, const struct ita_score_set *own,
                               const struct ita_score_set *peers, const char *by, struct ita_diags *diags)
{
    memset(pk, 0, sizeof *pk);
    pk->own = own;
    pk->peers = peers;
    pk->by = by;
    pk->peer_attr = SIZE_MAX;
    if (by != NULL) {
        pk->peer_attr = ita_attr_index(peers->attr_names, peers->attr_count, by);
        if (pk->peer_attr == SIZE_MAX) {
            ita_diags_add(diags, ITA_SEV_ERROR, NULL, 0, 0,
                          "--peers-by %s: the peers' data has no such column (attributes are the columns other "
                          "than year, score, item, indicator, sub, agency and label)",
                          by);
            return ITA_ERR_USAGE;
        }
    }
    bool any = false;
    for (size_t i = 0; i < peers->count && !any; i++)
        any = ita_agency_year(&peers->agencies[i], year) != NULL;
    if (!any) {
        ita_diags_add(diags, ITA_SEV_ERROR, NULL, 0, 0, "--peers: no peer agency has scores for %d", year);
        return ITA_ERR_USAGE;
    }
    struct ita_rank_options ro;
    ita_rank_options_init(&ro);
    ro.year = year;
    ro.by = by;
    ro.top = 0;
    return ita_rank(peers, &ro, &pk->ranking, diags);
}

enum ita_status ita_peers_place(const struct ita_peers_ranking *pk, struct ita_report *r)
{
    return attach_one(r, pk->own, pk->peers, &pk->ranking, pk->by, pk->peer_attr);
}

void ita_peers_ranking_free(struct ita_peers_ranking *pk)
{
    ita_ranking_free(&pk->ranking);
    memset(pk, 0, sizeof *pk);
}

enum ita_status ita_peers_attach(struct ita_analysis *a, const struct ita_score_set *own,
                                 const struct ita_score_set *peers, const char *by, struct ita_diags *diags)
{
    struct ita_peers_ranking pk;
    enum ita_status st = ita_peers_rank(&pk, a->year, own, peers, by, diags);
    for (size_t i = 0; i < a->count && st == ITA_OK; i++)
        st = ita_peers_place(&pk, &a->reports[i]);
    ita_peers_ranking_free(&pk);
    return st;
}
