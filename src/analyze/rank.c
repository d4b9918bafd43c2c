/* Rank: ranks, national and group statistics, movers, from exact reports. */
#include "ita/rank.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ita/peers.h"
#include "ita/util.h"

void ita_rank_options_init(struct ita_rank_options *o)
{
    memset(o, 0, sizeof *o);
    o->top = 10;
}

/* num / den (den > 0) rounded once, half away from zero. */
static int64_t round_div(int64_t num, int64_t den)
{
    int64_t q = num / den, r = num % den;
    if (r < 0)
        r = -r;
    if (2 * r >= den)
        q += num < 0 ? -1 : 1;
    return q;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* The k-th quartile (k = 1, 2, 3) of sorted scores, linear between the two
 * nearest ranks: position (n - 1) k / 4 falls on a quarter, so the value is
 * exact in quarters of a hundredth before it is rounded once. */
static int64_t quartile(const int64_t *x, size_t n, unsigned k)
{
    size_t pos4 = (n - 1) * k;
    size_t lo = pos4 / 4, rem = pos4 % 4;
    if (rem == 0)
        return x[lo];
    return round_div(4 * x[lo] + (int64_t)rem * (x[lo + 1] - x[lo]), 4);
}

void ita_stats_compute(int64_t *scores, size_t n, struct ita_stats *out)
{
    out->count = n;
    if (n == 0) {
        out->mean = out->median = out->p25 = out->p75 = out->min = out->max = ITA_MISSING;
        return;
    }
    qsort(scores, n, sizeof *scores, cmp_i64);
    int64_t sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += scores[i];
    out->mean = round_div(sum, (int64_t)n);
    out->median = quartile(scores, n, 2);
    out->p25 = quartile(scores, n, 1);
    out->p75 = quartile(scores, n, 3);
    out->min = scores[0];
    out->max = scores[n - 1];
}

static bool add_note(struct ita_ranking *r, enum ita_note_kind kind, const struct ita_agency *agency,
                     int year, const char *code, size_t count)
{
    struct ita_note *l = realloc(r->notes, (r->note_count + 1) * sizeof *l);
    if (l == NULL)
        return false;
    r->notes = l;
    struct ita_note *n = &l[r->note_count++];
    memset(n, 0, sizeof *n);
    n->kind = kind;
    n->level = ITA_LEVEL_OVERALL;
    snprintf(n->code, sizeof n->code, "%s", code);
    n->year = year;
    n->from_parts.den = n->difference.den = 1;
    n->agency = agency;
    n->count = count;
    return true;
}

/* Notes in an order that does not depend on the input's: the run's own notes
 * first, then one per agency by name (code points), the count of agencies last. */
static int note_place(const struct ita_note *n)
{
    return n->kind == ITA_NOTE_PROVISIONAL ? 0 : n->kind == ITA_NOTE_OVERALL_ONLY ? 2 : 1;
}

static int note_order(const void *a, const void *b)
{
    const struct ita_note *x = a, *y = b;
    int px = note_place(x), py = note_place(y);
    if (px != py)
        return px - py;
    if (x->agency != NULL && y->agency != NULL) {
        int c = strcmp(x->agency->name, y->agency->name);
        if (c != 0)
            return c;
    }
    return (int)x->kind - (int)y->kind;
}

static void summary_free(struct ita_rank_summary *s)
{
    free(s->distribution);
    free(s->indicators);
    memset(s, 0, sizeof *s);
}

void ita_ranking_free(struct ita_ranking *r)
{
    for (size_t i = 0; i < r->count; i++)
        free(r->entries[i].indicators);
    free(r->entries);
    summary_free(&r->all);
    for (size_t g = 0; g < r->group_count; g++)
        summary_free(&r->groups[g].summary);
    free(r->groups);
    free(r->gains);
    free(r->drops);
    free(r->notes);
    free(r->years);
    memset(r, 0, sizeof *r);
}

/* The statistics of the entries for which in(entry) holds (group == g, or all
 * when g is SIZE_MAX); scratch holds count values. */
static enum ita_status summarize(const struct ita_ranking *r, size_t g, int64_t *scratch,
                                 struct ita_rank_summary *s)
{
    const struct ita_framework *fw = r->fw;
    memset(s, 0, sizeof *s);
    s->distribution = calloc(fw->band_count, sizeof *s->distribution);
    s->indicators = calloc(fw->indicator_count ? fw->indicator_count : 1, sizeof *s->indicators);
    if (s->distribution == NULL || s->indicators == NULL)
        return ITA_ERR_NOMEM;
    size_t n = 0;
    for (size_t i = 0; i < r->count; i++) {
        const struct ita_rank_entry *e = &r->entries[i];
        if (g != SIZE_MAX && e->group != g)
            continue;
        scratch[n++] = e->score;
        s->passed += e->pass;
        if (e->band < fw->band_count)
            s->distribution[e->band]++;
    }
    s->count = n;
    ita_stats_compute(scratch, n, &s->overall);
    s->pass_rate = n ? round_div((int64_t)s->passed * 10000, (int64_t)n) : ITA_MISSING;
    for (int t = 0; t < ITA_TOOL_COUNT; t++) {
        n = 0;
        for (size_t i = 0; i < r->count; i++)
            if ((g == SIZE_MAX || r->entries[i].group == g) && r->entries[i].tools[t] != ITA_MISSING)
                scratch[n++] = r->entries[i].tools[t];
        ita_stats_compute(scratch, n, &s->tools[t]);
    }
    for (size_t k = 0; k < fw->indicator_count; k++) {
        n = 0;
        for (size_t i = 0; i < r->count; i++)
            if ((g == SIZE_MAX || r->entries[i].group == g) && r->entries[i].indicators[k] != ITA_MISSING)
                scratch[n++] = r->entries[i].indicators[k];
        ita_stats_compute(scratch, n, &s->indicators[k]);
    }
    return ITA_OK;
}

static int cmp_entry(const void *a, const void *b)
{
    const struct ita_rank_entry *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return strcmp(x->agency->name, y->agency->name);
}

/* Movers are sorted through a context-free comparator over pairs. */
struct mover {
    int64_t delta;
    size_t index;
    const char *name;
};

static int cmp_gain(const void *a, const void *b)
{
    const struct mover *x = a, *y = b;
    if (x->delta != y->delta)
        return x->delta > y->delta ? -1 : 1;
    return strcmp(x->name, y->name);
}

static int cmp_drop(const void *a, const void *b)
{
    const struct mover *x = a, *y = b;
    if (x->delta != y->delta)
        return x->delta < y->delta ? -1 : 1;
    return strcmp(x->name, y->name);
}

static int cmp_value(const char *a, const char *b)
{
    if (a == NULL || b == NULL)
        return (a == NULL) - (b == NULL);
    return strcmp(a, b);
}

static int cmp_value_ptr(const void *a, const void *b)
{
    return cmp_value(*(const char *const *)a, *(const char *const *)b);
}

static enum ita_status movers(struct ita_ranking *r, size_t top)
{
    struct mover *m = malloc((r->count ? r->count : 1) * sizeof *m);
    if (m == NULL)
        return ITA_ERR_NOMEM;
    for (int dir = 0; dir < 2; dir++) {
        size_t n = 0;
        for (size_t i = 0; i < r->count; i++) {
            int64_t d = r->entries[i].delta;
            if (d != ITA_MISSING && (dir == 0 ? d > 0 : d < 0))
                m[n++] = (struct mover){d, i, r->entries[i].agency->name};
        }
        qsort(m, n, sizeof *m, dir == 0 ? cmp_gain : cmp_drop);
        if (n > top)
            n = top;
        size_t *list = malloc((n ? n : 1) * sizeof *list);
        if (list == NULL) {
            free(m);
            return ITA_ERR_NOMEM;
        }
        for (size_t k = 0; k < n; k++)
            list[k] = m[k].index;
        if (dir == 0) {
            r->gains = list;
            r->gain_count = n;
        } else {
            r->drops = list;
            r->drop_count = n;
        }
    }
    free(m);
    return ITA_OK;
}

/* Groups by the attribute: values in code-point order, agencies without one last. */
static enum ita_status group(struct ita_ranking *r, size_t attr)
{
    const char **values = malloc((r->count ? r->count : 1) * sizeof *values);
    if (values == NULL)
        return ITA_ERR_NOMEM;
    for (size_t i = 0; i < r->count; i++) {
        const struct ita_agency *ag = r->entries[i].agency;
        values[i] = attr < ag->attr_cap ? ag->attrs[attr] : NULL;
    }
    /* distinct values: a sort of pointers, then a walk */
    const char **sorted = malloc((r->count ? r->count : 1) * sizeof *sorted);
    if (sorted == NULL) {
        free(values);
        return ITA_ERR_NOMEM;
    }
    memcpy(sorted, values, r->count * sizeof *sorted);
    qsort(sorted, r->count, sizeof *sorted, cmp_value_ptr);
    size_t distinct = 0;
    for (size_t i = 0; i < r->count; i++)
        if (i == 0 || cmp_value(sorted[i], sorted[i - 1]) != 0)
            sorted[distinct++] = sorted[i];
    r->groups = calloc(distinct ? distinct : 1, sizeof *r->groups);
    if (r->groups == NULL) {
        free(values);
        free(sorted);
        return ITA_ERR_NOMEM;
    }
    r->group_count = distinct;
    for (size_t g = 0; g < distinct; g++)
        r->groups[g].value = sorted[g];
    /* group of each entry by binary search; ranks within each group in rank order */
    size_t *seen = calloc(distinct ? distinct : 1, sizeof *seen);
    int64_t *last = malloc((distinct ? distinct : 1) * sizeof *last);
    size_t *last_rank = calloc(distinct ? distinct : 1, sizeof *last_rank);
    if (seen == NULL || last == NULL || last_rank == NULL) {
        free(values);
        free(sorted);
        free(seen);
        free(last);
        free(last_rank);
        return ITA_ERR_NOMEM;
    }
    for (size_t i = 0; i < r->count; i++) {
        size_t lo = 0, hi = distinct;
        while (lo + 1 < hi) {
            size_t mid = (lo + hi) / 2;
            if (cmp_value(sorted[mid], values[i]) <= 0)
                lo = mid;
            else
                hi = mid;
        }
        struct ita_rank_entry *e = &r->entries[i];
        e->group = lo;
        seen[lo]++;
        if (seen[lo] == 1 || last[lo] != e->score)
            last_rank[lo] = seen[lo];
        last[lo] = e->score;
        e->group_rank = last_rank[lo];
    }
    free(seen);
    free(last);
    free(last_rank);
    free(values);
    free(sorted);
    return ITA_OK;
}

static enum ita_status fill_entry(const struct ita_agency *ag, const struct ita_year_scores *ys,
                                  const struct ita_rank_options *o, struct ita_ranking *out, bool *complete,
                                  size_t *overall_only)
{
    struct ita_report rep;
    enum ita_status st = ita_report_compute(ag, ys, 9750, 9500, &rep);
    if (st != ITA_OK)
        return st;
    const struct ita_framework *fw = ys->fw;
    *complete = rep.overall.score != ITA_MISSING;
    if (!*complete) {
        bool ok = add_note(out, ITA_NOTE_LEFT_OUT, ag, ys->year, "", 0);
        ita_report_free(&rep);
        return ok ? ITA_OK : ITA_ERR_NOMEM;
    }
    /* missing indicators: named per agency, unless all are missing (an overall
     * score alone, as national lists publish it), which is counted for the run */
    char list[256] = "";
    size_t missing = 0, at = 0;
    for (size_t n = 0; n < fw->indicator_count; n++)
        if (rep.indicators[n].score == ITA_MISSING) {
            missing++;
            int w = snprintf(list + at, sizeof list - at, "%s%u", at ? ", " : "", fw->indicators[n].number);
            if (w > 0 && (size_t)w < sizeof list - at)
                at += (size_t)w;
        }
    if (missing == fw->indicator_count) {
        *overall_only += 1;
    } else if (missing > 0 && !add_note(out, ITA_NOTE_PARTLY_MISSING, ag, ys->year, list, missing)) {
        ita_report_free(&rep);
        return ITA_ERR_NOMEM;
    }
    struct ita_rank_entry *e = &out->entries[out->count];
    memset(e, 0, sizeof *e);
    e->agency = ag;
    e->group = SIZE_MAX;
    e->score = rep.overall.score;
    e->band = rep.overall.band;
    e->pass = rep.pass;
    e->previous = e->delta = ITA_MISSING;
    for (int t = 0; t < ITA_TOOL_COUNT; t++)
        e->tools[t] = rep.tools[t].score;
    e->indicators = malloc(fw->indicator_count * sizeof *e->indicators);
    if (e->indicators == NULL) {
        ita_report_free(&rep);
        return ITA_ERR_NOMEM;
    }
    for (size_t n = 0; n < fw->indicator_count; n++)
        e->indicators[n] = rep.indicators[n].score;
    ita_report_free(&rep);
    out->count++;
    /* the base year, chosen as `ita report` chooses it */
    const struct ita_year_scores *base = NULL;
    if (o->base_year != 0) {
        base = ita_agency_year(ag, o->base_year);
    } else {
        for (size_t y = 0; y < ag->year_count; y++)
            if (ag->years[y].year < ys->year)
                base = &ag->years[y];
    }
    if (base != NULL) {
        struct ita_report br;
        st = ita_report_compute(ag, base, 9750, 9500, &br);
        if (st != ITA_OK)
            return st;
        e->base_year = base->year;
        if (br.overall.score != ITA_MISSING) {
            e->previous = br.overall.score;
            e->delta = e->score - e->previous;
        }
        ita_report_free(&br);
    }
    return ITA_OK;
}

/* The national mean and pass rate of every year of the data up to r->year. */
static enum ita_status years(const struct ita_score_set *set, struct ita_ranking *r)
{
    int *list = NULL;
    size_t n = 0;
    for (size_t i = 0; i < set->count; i++)
        for (size_t y = 0; y < set->agencies[i].year_count; y++) {
            int year = set->agencies[i].years[y].year;
            bool seen = year > r->year;
            for (size_t k = 0; k < n && !seen; k++)
                seen = list[k] == year;
            if (seen)
                continue;
            int *l = realloc(list, (n + 1) * sizeof *l);
            if (l == NULL) {
                free(list);
                return ITA_ERR_NOMEM;
            }
            list = l;
            list[n++] = year;
        }
    r->years = calloc(n ? n : 1, sizeof *r->years);
    int64_t *scores = malloc((set->count ? set->count : 1) * sizeof *scores);
    if (r->years == NULL || scores == NULL) {
        free(list);
        free(scores);
        return ITA_ERR_NOMEM;
    }
    for (size_t k = 0; k < n; k++) {
        /* ascending: the smallest year not yet placed */
        size_t best = k;
        for (size_t j = k + 1; j < n; j++)
            if (list[j] < list[best])
                best = j;
        int year = list[best];
        list[best] = list[k];
        list[k] = year;
        struct ita_rank_year *ry = &r->years[r->year_count++];
        ry->year = year;
        size_t m = 0;
        for (size_t i = 0; i < set->count; i++) {
            const struct ita_year_scores *ys = ita_agency_year(&set->agencies[i], year);
            if (ys == NULL)
                continue;
            struct ita_report rep;
            enum ita_status st = ita_report_compute(&set->agencies[i], ys, 9750, 9500, &rep);
            if (st != ITA_OK) {
                free(list);
                free(scores);
                return st;
            }
            if (rep.overall.score != ITA_MISSING) {
                scores[m++] = rep.overall.score;
                ry->passed += rep.pass;
            }
            ita_report_free(&rep);
        }
        struct ita_stats st;
        ita_stats_compute(scores, m, &st);
        ry->count = m;
        ry->mean = st.mean;
        ry->pass_rate = m ? round_div((int64_t)ry->passed * 10000, (int64_t)m) : ITA_MISSING;
    }
    free(list);
    free(scores);
    return ITA_OK;
}

enum ita_status ita_rank(const struct ita_score_set *set, const struct ita_rank_options *o,
                         struct ita_ranking *out, struct ita_diags *diags)
{
    memset(out, 0, sizeof *out);
    int year = o->year;
    int before = 0;
    for (size_t i = 0; i < set->count; i++) {
        const struct ita_agency *ag = &set->agencies[i];
        if (o->year == 0 && ag->year_count > 0 && ag->years[ag->year_count - 1].year > year)
            year = ag->years[ag->year_count - 1].year;
    }
    if (year == 0) {
        ita_diags_add(diags, ITA_SEV_ERROR, NULL, 0, 0, "the input holds no scores");
        return ITA_ERR_DATA;
    }
    for (size_t i = 0; i < set->count; i++) {
        const struct ita_agency *ag = &set->agencies[i];
        for (size_t y = 0; y < ag->year_count; y++) {
            if (ag->years[y].year == year && out->fw == NULL)
                out->fw = ag->years[y].fw;
            if (ag->years[y].year < year && ag->years[y].year > before)
                before = ag->years[y].year;
        }
    }
    if (out->fw == NULL) {
        ita_diags_add(diags, ITA_SEV_ERROR, NULL, 0, 0, "no agency has scores for %d", year);
        return ITA_ERR_USAGE;
    }
    out->year = year;
    out->attr_names = set->attr_names;
    out->attr_count = set->attr_count;
    out->base_year = o->base_year != 0 ? o->base_year : before;
    size_t attr = SIZE_MAX;
    if (o->by != NULL) {
        attr = ita_attr_index(set->attr_names, set->attr_count, o->by);
        if (attr == SIZE_MAX) {
            ita_diags_add(diags, ITA_SEV_ERROR, NULL, 0, 0,
                          "--by %s: the input has no such column (attributes are the columns other than year, score, item, indicator, sub, agency and label)",
                          o->by);
            return ITA_ERR_USAGE;
        }
        out->by = o->by;
    }
    out->entries = calloc(set->count ? set->count : 1, sizeof *out->entries);
    if (out->entries == NULL)
        return ITA_ERR_NOMEM;
    enum ita_status st = ITA_OK;
    size_t overall_only = 0;
    if (out->fw->provisional &&
        !add_note(out, ITA_NOTE_PROVISIONAL, NULL, year, "", 0))
        st = ITA_ERR_NOMEM;
    for (size_t i = 0; i < set->count && st == ITA_OK; i++) {
        const struct ita_agency *ag = &set->agencies[i];
        const struct ita_year_scores *ys = ita_agency_year(ag, year);
        if (ys == NULL) {
            if (!add_note(out, ITA_NOTE_NO_SCORES, ag, year, "", 0))
                st = ITA_ERR_NOMEM;
            continue;
        }
        bool complete;
        st = fill_entry(ag, ys, o, out, &complete, &overall_only);
    }
    if (st == ITA_OK && overall_only > 0 &&
        !add_note(out, ITA_NOTE_OVERALL_ONLY, NULL, year, "", overall_only))
        st = ITA_ERR_NOMEM;
    if (st == ITA_OK && out->note_count > 1)
        qsort(out->notes, out->note_count, sizeof *out->notes, note_order);
    if (st == ITA_OK && out->count == 0) {
        ita_diags_add(diags, ITA_SEV_ERROR, NULL, 0, 0, "no agency has complete scores for %d", year);
        st = ITA_ERR_USAGE;
    }
    if (st != ITA_OK) {
        ita_ranking_free(out);
        return st;
    }
    qsort(out->entries, out->count, sizeof *out->entries, cmp_entry);
    for (size_t i = 0; i < out->count; i++)
        out->entries[i].rank = i > 0 && out->entries[i].score == out->entries[i - 1].score
                                   ? out->entries[i - 1].rank
                                   : i + 1;
    int64_t *scratch = malloc(out->count * sizeof *scratch);
    if (scratch == NULL)
        st = ITA_ERR_NOMEM;
    if (st == ITA_OK && attr != SIZE_MAX)
        st = group(out, attr);
    if (st == ITA_OK)
        st = summarize(out, SIZE_MAX, scratch, &out->all);
    for (size_t g = 0; g < out->group_count && st == ITA_OK; g++)
        st = summarize(out, g, scratch, &out->groups[g].summary);
    if (st == ITA_OK)
        st = movers(out, o->top);
    for (size_t i = 0; i < out->count && st == ITA_OK; i++) {
        int64_t bin = out->entries[i].score / 500;
        out->histogram[bin < 0 ? 0 : bin >= ITA_RANK_BINS ? ITA_RANK_BINS - 1 : bin]++;
    }
    if (st == ITA_OK && o->years)
        st = years(set, out);
    free(scratch);
    if (st != ITA_OK)
        ita_ranking_free(out);
    return st;
}
