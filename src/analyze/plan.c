/* Plan: the raises that reach a target, in exact hundredths. */
#include "ita/plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FULL 10000 /* 100.00 */

/* sum / den published: rounded once, half away from zero (sum >= 0, den > 0). */
static int64_t published(int64_t sum, int64_t den)
{
    return (2 * sum + den) / (2 * den);
}

static bool tool_reaches(const struct ita_plan_problem *p, const int64_t *scores, enum ita_tool t)
{
    int64_t sum = 0, k = 0;
    for (size_t i = 0; i < p->count; i++)
        if (p->tools[i] == t) {
            sum += scores[i];
            k++;
        }
    return k == 0 || published(sum, k) >= p->tool_min;
}

bool ita_plan_reaches(const struct ita_plan_problem *p, const int64_t *scores)
{
    int64_t sum = 0;
    for (size_t i = 0; i < p->count; i++)
        sum += p->weights[i] * scores[i];
    if (published(sum, 10000) < p->target)
        return false;
    if (p->tool_min != ITA_MISSING)
        for (int t = 0; t < ITA_TOOL_COUNT; t++)
            if (!tool_reaches(p, scores, (enum ita_tool)t))
                return false;
    return true;
}

/* Reaching is monotone in every score, so the smallest is found by bisection. */
int64_t ita_plan_alone(const struct ita_plan_problem *p, size_t j, int64_t *x)
{
    memcpy(x, p->scores, p->count * sizeof *x);
    int64_t lo = p->scores[j], hi = FULL, found = ITA_MISSING;
    x[j] = hi;
    if (ita_plan_reaches(p, x)) {
        while (lo < hi) {
            int64_t mid = lo + (hi - lo) / 2;
            x[j] = mid;
            if (ita_plan_reaches(p, x))
                hi = mid;
            else
                lo = mid + 1;
        }
        found = lo;
    }
    return found;
}

static void raise_to(const struct ita_plan_problem *p, int64_t level, int64_t *out)
{
    for (size_t i = 0; i < p->count; i++)
        out[i] = p->scores[i] < level ? level : p->scores[i];
}

int64_t ita_plan_even(const struct ita_plan_problem *p, int64_t *out, int64_t *x)
{
    int64_t lo = 0, hi = FULL, found = ITA_MISSING;
    raise_to(p, hi, x);
    if (ita_plan_reaches(p, x)) {
        while (lo < hi) {
            int64_t mid = lo + (hi - lo) / 2;
            raise_to(p, mid, x);
            if (ita_plan_reaches(p, x))
                hi = mid;
            else
                lo = mid + 1;
        }
        found = lo;
        raise_to(p, found, out);
    }
    return found;
}

/* The next indicator to raise: room left, in `tool` (or any when ITA_TOOL_COUNT),
 * heaviest weight first, then the lowest published score, then framework order.
 * SIZE_MAX when none is left. */
static size_t next_to_raise(const struct ita_plan_problem *p, const int64_t *x, enum ita_tool tool,
                            bool weighted_only)
{
    size_t best = SIZE_MAX;
    for (size_t i = 0; i < p->count; i++) {
        if (x[i] >= FULL || (tool != ITA_TOOL_COUNT && p->tools[i] != tool) ||
            (weighted_only && p->weights[i] <= 0))
            continue;
        if (best == SIZE_MAX || p->weights[i] > p->weights[best] ||
            (p->weights[i] == p->weights[best] && p->scores[i] < p->scores[best]))
            best = i;
    }
    return best;
}

/* Each unit of raise adds its indicator's weight to the overall sum. With a
 * given number of units, the largest sum takes, in every tool, the heaviest
 * units that the tool's condition needs, and then the heaviest units left
 * anywhere; so the fewest units are found by taking them in that order and
 * stopping as soon as the target is reached. */
int64_t ita_plan_cheapest(const struct ita_plan_problem *p, int64_t *out, int64_t *x)
{
    memcpy(x, p->scores, p->count * sizeof *x);
    /* what each tool's condition needs: published(sum, k) >= m <=> 2 sum >= 2km - k */
    if (p->tool_min != ITA_MISSING) {
        for (int t = 0; t < ITA_TOOL_COUNT; t++) {
            int64_t sum = 0, k = 0;
            for (size_t i = 0; i < p->count; i++)
                if (p->tools[i] == (enum ita_tool)t) {
                    sum += x[i];
                    k++;
                }
            int64_t twice = 2 * k * p->tool_min - k;
            int64_t need = twice > 0 ? (twice + 1) / 2 - sum : 0;
            while (need > 0) {
                size_t i = next_to_raise(p, x, (enum ita_tool)t, false);
                if (i == SIZE_MAX)
                    break;
                int64_t take = FULL - x[i] < need ? FULL - x[i] : need;
                x[i] += take;
                need -= take;
            }
        }
    }
    /* then the overall: published(sum, 10000) >= target <=> sum >= 10000 target - 5000 */
    int64_t sum = 0;
    for (size_t i = 0; i < p->count; i++)
        sum += p->weights[i] * x[i];
    int64_t need = 10000 * p->target - 5000 - sum;
    while (need > 0) {
        size_t i = next_to_raise(p, x, ITA_TOOL_COUNT, true);
        if (i == SIZE_MAX)
            break;
        int64_t units = (need + p->weights[i] - 1) / p->weights[i];
        if (units > FULL - x[i])
            units = FULL - x[i];
        x[i] += units;
        need -= units * p->weights[i];
    }
    int64_t total = ITA_MISSING;
    if (ita_plan_reaches(p, x)) {
        total = 0;
        for (size_t i = 0; i < p->count; i++)
            total += x[i] - p->scores[i];
        memcpy(out, x, p->count * sizeof *x);
    }
    return total;
}

static bool ascii_equal_nocase(const char *a, size_t n, const char *b)
{
    if (b == NULL || strlen(b) != n)
        return false;
    for (size_t i = 0; i < n; i++) {
        char x = a[i] >= 'A' && a[i] <= 'Z' ? (char)(a[i] - 'A' + 'a') : a[i];
        char y = b[i] >= 'A' && b[i] <= 'Z' ? (char)(b[i] - 'A' + 'a') : b[i];
        if (x != y)
            return false;
    }
    return true;
}

bool ita_plan_target_resolve(const char *text, const struct ita_framework *fw, struct ita_plan_target *out)
{
    size_t n = strlen(text);
    while (n > 0 && *text == ' ') {
        text++;
        n--;
    }
    while (n > 0 && text[n - 1] == ' ')
        n--;
    int64_t cents;
    if (ita_score_parse(text, n, &cents) == ITA_NUM_OK) {
        out->score = cents;
        out->tool_min = ITA_MISSING;
        out->band = SIZE_MAX;
        return true;
    }
    for (size_t b = 0; b < fw->band_count; b++) {
        const struct ita_fw_rating_band *band = &fw->bands[b];
        bool th = band->name.th != NULL && strlen(band->name.th) == n && memcmp(band->name.th, text, n) == 0;
        if (th || ascii_equal_nocase(text, n, band->name.en)) {
            out->score = band->min;
            out->tool_min = band->tool_min;
            out->band = b;
            return true;
        }
    }
    return false;
}

void ita_planning_free(struct ita_planning *p)
{
    for (size_t i = 0; i < p->count; i++) {
        struct ita_plan *pl = &p->plans[i];
        free(pl->scores);
        free(pl->alone);
        free(pl->even);
        free(pl->cheapest);
    }
    free(p->plans);
    memset(p, 0, sizeof *p);
}

static enum ita_status plan_one(const struct ita_report *r, const struct ita_plan_target *target,
                                struct ita_plan *pl)
{
    const struct ita_framework *fw = r->fw;
    size_t n = fw->indicator_count;
    memset(pl, 0, sizeof *pl);
    pl->report = r;
    pl->target = *target;
    pl->current = r->overall.score;
    pl->gap = pl->current == ITA_MISSING ? ITA_MISSING : target->score - pl->current;
    pl->recomputed = ITA_MISSING;
    pl->even_level = ITA_MISSING;
    pl->even_total = ITA_MISSING;
    pl->cheapest_total = ITA_MISSING;
    size_t alloc = n ? n : 1;
    pl->scores = malloc(alloc * sizeof *pl->scores);
    pl->alone = malloc(alloc * sizeof *pl->alone);
    pl->even = malloc(alloc * sizeof *pl->even);
    pl->cheapest = malloc(alloc * sizeof *pl->cheapest);
    int64_t *weights = malloc(alloc * sizeof *weights);
    enum ita_tool *tools = malloc(alloc * sizeof *tools);
    int64_t *work = malloc(alloc * sizeof *work);
    if (!pl->scores || !pl->alone || !pl->even || !pl->cheapest || !weights || !tools || !work) {
        free(weights);
        free(tools);
        free(work);
        return ITA_ERR_NOMEM;
    }
    pl->complete = true;
    for (size_t i = 0; i < n; i++) {
        pl->scores[i] = r->indicators[i].score;
        pl->alone[i] = pl->even[i] = pl->cheapest[i] = ITA_MISSING;
        weights[i] = fw->indicators[i].weight;
        tools[i] = fw->indicators[i].tool;
        if (pl->scores[i] == ITA_MISSING)
            pl->complete = false;
    }
    pl->met = pl->current != ITA_MISSING && pl->current >= target->score;
    if (target->tool_min != ITA_MISSING)
        for (int t = 0; t < ITA_TOOL_COUNT; t++)
            if (r->tools[t].score == ITA_MISSING || r->tools[t].score < target->tool_min)
                pl->met = false;
    struct ita_plan_problem p = {n, pl->scores, weights, tools, target->score, target->tool_min};
    if (pl->complete) {
        int64_t sum = 0;
        for (size_t i = 0; i < n; i++)
            sum += weights[i] * pl->scores[i];
        pl->recomputed = published(sum, 10000);
    }
    if (pl->complete && !pl->met) {
        for (size_t j = 0; j < n; j++)
            pl->alone[j] = ita_plan_alone(&p, j, work);
        pl->even_level = ita_plan_even(&p, pl->even, work);
        if (pl->even_level != ITA_MISSING) {
            pl->even_total = 0;
            for (size_t i = 0; i < n; i++)
                pl->even_total += pl->even[i] - pl->scores[i];
        }
        pl->cheapest_total = ita_plan_cheapest(&p, pl->cheapest, work);
    }
    free(weights);
    free(tools);
    free(work);
    return ITA_OK;
}

enum ita_status ita_plan_all(const struct ita_analysis *a, const char *target, struct ita_planning *out,
                             struct ita_diags *diags)
{
    memset(out, 0, sizeof *out);
    out->analysis = a;
    snprintf(out->target_text, sizeof out->target_text, "%s", target);
    out->plans = calloc(a->count ? a->count : 1, sizeof *out->plans);
    if (out->plans == NULL)
        return ITA_ERR_NOMEM;
    for (size_t i = 0; i < a->count; i++) {
        const struct ita_report *r = &a->reports[i];
        struct ita_plan_target t;
        if (!ita_plan_target_resolve(target, r->fw, &t)) {
            char names[512] = "";
            size_t len = 0;
            for (size_t b = 0; b < r->fw->band_count && len < sizeof names; b++) {
                const struct ita_fw_text *nm = &r->fw->bands[b].name;
                bool same = nm->th && nm->en && strcmp(nm->th, nm->en) == 0;
                int w = same ? snprintf(names + len, sizeof names - len, "%s%s", b ? ", " : "", nm->en)
                             : snprintf(names + len, sizeof names - len, "%s%s/%s", b ? ", " : "",
                                        nm->th ? nm->th : "", nm->en ? nm->en : "");
                if (w < 0)
                    break;
                len += (size_t)w;
            }
            ita_diags_add(diags, ITA_SEV_ERROR, NULL, 0, 0,
                          "target \"%s\" is neither a score from 0 to 100 nor a %s of %d (%s)", target,
                          r->fw->scheme == ITA_RATING_GRADES ? "grade" : "level", r->year, names);
            ita_planning_free(out);
            return ITA_ERR_USAGE;
        }
        enum ita_status st = plan_one(r, &t, &out->plans[i]);
        out->count = i + 1;
        if (st != ITA_OK) {
            ita_planning_free(out);
            return st;
        }
    }
    return ITA_OK;
}
