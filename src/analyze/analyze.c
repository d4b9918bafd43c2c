/* Analyze: exact figures, audit, grades, groups and year-over-year changes. */
#include "ita/analyze.h"
#include "ita/history.h"
#include "ita/peers.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ita/util.h"

void ita_analyze_options_init(struct ita_analyze_options *o)
{
    memset(o, 0, sizeof *o);
    o->maintain_above = 9750;
    o->urgent_below = 9500;
}

enum ita_tier ita_tier_of(int64_t score, int64_t maintain_above, int64_t urgent_below)
{
    if (score == ITA_MISSING)
        return ITA_TIER_NONE;
    if (score > maintain_above)
        return ITA_TIER_MAINTAIN;
    if (score >= urgent_below)
        return ITA_TIER_IMPROVE;
    return ITA_TIER_URGENT;
}

const char *ita_tier_name(enum ita_tier tier)
{
    switch (tier) {
    case ITA_TIER_MAINTAIN: return "maintain";
    case ITA_TIER_IMPROVE: return "improve";
    case ITA_TIER_URGENT: return "urgent";
    case ITA_TIER_NONE: break;
    }
    return "none";
}

static bool add_note(struct ita_note **list, size_t *count, const struct ita_note *note)
{
    struct ita_note *l = realloc(*list, (*count + 1) * sizeof *l);
    if (l == NULL)
        return false;
    *list = l;
    l[(*count)++] = *note;
    return true;
}

static struct ita_note note_of(enum ita_note_kind kind, enum ita_level level, const char *code, int year)
{
    struct ita_note n;
    memset(&n, 0, sizeof n);
    n.kind = kind;
    n.level = level;
    ita_str_copy(n.code, sizeof n.code, code);
    n.year = year;
    n.from_parts.den = n.difference.den = 1;
    return n;
}

static void figure_init(struct ita_figure *f)
{
    memset(f, 0, sizeof *f);
    f->score = ITA_MISSING;
    f->previous = ITA_MISSING;
    f->delta = ITA_MISSING;
    f->band = SIZE_MAX;
    f->tier = ITA_TIER_NONE;
    f->exact.den = 1;
    f->from_parts.den = 1;
}

/* Sets a figure from its given value (or ITA_NOT_GIVEN) and the mean of its parts. */
static void figure_settle(struct ita_figure *f, int32_t given, const struct ita_mean *parts,
                          size_t parts_expected)
{
    if (parts != NULL && parts_expected > 0 && (size_t)parts->count == parts_expected &&
        ita_mean_value(parts, &f->from_parts))
        f->has_parts = true;
    if (given != ITA_NOT_GIVEN) {
        f->given = true;
        f->score = given;
        f->exact = ita_exact_from_cents(given);
    } else if (f->has_parts) {
        f->exact = f->from_parts;
        f->score = ita_exact_round(f->exact);
    }
}

struct audit {
    struct ita_report *r;
    bool nomem;
};

static void audit(struct audit *a, const struct ita_figure *f, enum ita_level level, const char *code)
{
    if (!f->given || !f->has_parts)
        return;
    struct ita_exact diff = ita_exact_absdiff(f->exact, f->from_parts);
    if (ita_exact_cmp(diff, ita_exact_from_cents(1)) <= 0)
        return;
    struct ita_note n = note_of(ITA_NOTE_AUDIT, level, code, a->r->year);
    n.given = f->score;
    n.from_parts = f->from_parts;
    n.difference = diff;
    if (!add_note(&a->r->notes, &a->r->note_count, &n))
        a->nomem = true;
}

static size_t grade_band(const struct ita_framework *fw, int64_t score)
{
    if (score == ITA_MISSING || fw->scheme != ITA_RATING_GRADES)
        return SIZE_MAX;
    for (size_t b = 0; b < fw->band_count; b++)
        if (score >= fw->bands[b].min)
            return b;
    return fw->band_count - 1;
}

void ita_report_free(struct ita_report *r)
{
    free(r->indicators);
    free(r->sub_indicators);
    free(r->items);
    free(r->subs);
    free(r->pairs);
    for (int t = 0; t < ITA_TIER_COUNT; t++)
        free(r->tier_items[t]);
    free(r->notes);
    ita_peers_free(r->peers);
    ita_history_free(r->history);
    memset(r, 0, sizeof *r);
}

enum ita_status ita_report_compute(const struct ita_agency *agency, const struct ita_year_scores *ys,
                                   int64_t maintain_above, int64_t urgent_below,
                                   struct ita_report *r)
{
    const struct ita_framework *fw = ys->fw;
    memset(r, 0, sizeof *r);
    r->agency = agency;
    r->year = ys->year;
    r->fw = fw;
    r->indicators = calloc(fw->indicator_count, sizeof *r->indicators);
    r->sub_indicators = calloc(fw->sub_indicator_count + 1, sizeof *r->sub_indicators);
    r->items = calloc(fw->item_count, sizeof *r->items);
    r->subs = calloc(fw->sub_count + 1, sizeof *r->subs);
    for (int t = 0; t < ITA_TIER_COUNT; t++)
        r->tier_items[t] = calloc(fw->item_count, sizeof(size_t));
    if (!r->indicators || !r->sub_indicators || !r->items || !r->subs || !r->tier_items[0] ||
        !r->tier_items[1] || !r->tier_items[2]) {
        ita_report_free(r);
        return ITA_ERR_NOMEM;
    }
    struct audit a = {r, false};
    const int16_t *v = ys->values;
    char code[ITA_UINT_BUFSZ];

    /* sub-questions and items */
    for (size_t i = 0; i < fw->item_count; i++) {
        const struct ita_fw_item *it = &fw->items[i];
        struct ita_mean parts;
        ita_mean_init(&parts);
        for (size_t s = 0; s < it->sub_count; s++) {
            struct ita_figure *sf = &r->subs[it->first_sub + s];
            figure_init(sf);
            figure_settle(sf, v[ita_slot_sub(fw, it->first_sub + s)], NULL, 0);
            if (sf->score != ITA_MISSING) {
                ita_mean_add(&parts, sf->exact);
                sf->band = grade_band(fw, sf->score);
                if (it->tool != ITA_OIT)
                    sf->tier = ita_tier_of(sf->score, maintain_above, urgent_below);
            }
        }
        struct ita_figure *f = &r->items[i];
        figure_init(f);
        figure_settle(f, v[ita_slot_item(fw, i)], &parts, it->sub_count);
        audit(&a, f, ITA_LEVEL_ITEM, it->code);
        f->band = grade_band(fw, f->score);
        if (it->tool != ITA_OIT && f->score != ITA_MISSING) {
            f->tier = ita_tier_of(f->score, maintain_above, urgent_below);
            r->tier_items[f->tier][r->tier_count[f->tier]++] = i;
        }
    }
    /* sub-indicators */
    for (size_t s = 0; s < fw->sub_indicator_count; s++) {
        const struct ita_fw_sub_indicator *si = &fw->sub_indicators[s];
        const struct ita_fw_indicator *ind = &fw->indicators[si->indicator];
        struct ita_mean parts;
        ita_mean_init(&parts);
        for (size_t i = ind->first_item; i < ind->first_item + ind->item_count; i++)
            if (fw->items[i].sub_indicator == s && r->items[i].score != ITA_MISSING)
                ita_mean_add(&parts, r->items[i].exact);
        struct ita_figure *f = &r->sub_indicators[s];
        figure_init(f);
        figure_settle(f, v[ita_slot_sub_indicator(fw, s)], &parts, si->item_count);
        audit(&a, f, ITA_LEVEL_SUB_INDICATOR, si->code);
    }
    /* indicators */
    for (size_t n = 0; n < fw->indicator_count; n++) {
        const struct ita_fw_indicator *ind = &fw->indicators[n];
        struct ita_mean parts;
        ita_mean_init(&parts);
        size_t expected;
        if (ind->sub_indicator_count > 0) {
            expected = ind->sub_indicator_count;
            for (size_t s = 0; s < expected; s++)
                if (r->sub_indicators[ind->first_sub_indicator + s].score != ITA_MISSING)
                    ita_mean_add(&parts, r->sub_indicators[ind->first_sub_indicator + s].exact);
        } else {
            expected = ind->item_count;
            for (size_t i = 0; i < expected; i++)
                if (r->items[ind->first_item + i].score != ITA_MISSING)
                    ita_mean_add(&parts, r->items[ind->first_item + i].exact);
        }
        struct ita_figure *f = &r->indicators[n];
        figure_init(f);
        figure_settle(f, v[ita_slot_indicator(fw, n)], &parts, expected);
        ita_uint_text(ind->number, code);
        audit(&a, f, ITA_LEVEL_INDICATOR, code);
        f->band = grade_band(fw, f->score);
    }
    /* tools and overall */
    struct ita_mean overall_parts;
    ita_mean_init(&overall_parts);
    int64_t tool_scores[ITA_TOOL_COUNT];
    for (int t = 0; t < ITA_TOOL_COUNT; t++) {
        const struct ita_fw_tool *tool = &fw->tools[t];
        struct ita_mean parts;
        ita_mean_init(&parts);
        for (size_t n = tool->first_indicator; n < tool->first_indicator + tool->indicator_count; n++)
            if (r->indicators[n].score != ITA_MISSING)
                ita_mean_add(&parts, r->indicators[n].exact);
        figure_init(&r->tools[t]);
        figure_settle(&r->tools[t], v[ita_slot_tool(fw, (enum ita_tool)t)], &parts, tool->indicator_count);
        audit(&a, &r->tools[t], ITA_LEVEL_TOOL, ita_tool_code((enum ita_tool)t));
        r->tools[t].band = grade_band(fw, r->tools[t].score);
        tool_scores[t] = r->tools[t].score;
    }
    /* overall = sum of weight x indicator; weights are hundredths of a percent */
    struct ita_exact sum = {0, 1};
    bool complete = true;
    for (size_t n = 0; n < fw->indicator_count && complete; n++) {
        struct ita_exact term;
        if (r->indicators[n].score == ITA_MISSING ||
            !ita_exact_scale(r->indicators[n].exact, fw->indicators[n].weight, 10000, &term) ||
            !ita_exact_add(sum, term, &sum))
            complete = false;
    }
    figure_init(&r->overall);
    if (complete) {
        ita_mean_add(&overall_parts, sum);
        figure_settle(&r->overall, v[ita_slot_overall(fw)], &overall_parts, 1);
    } else {
        figure_settle(&r->overall, v[ita_slot_overall(fw)], NULL, 0);
    }
    audit(&a, &r->overall, ITA_LEVEL_OVERALL, "");
    if (r->overall.score != ITA_MISSING) {
        r->overall.band = ita_framework_rate(fw, r->overall.score, tool_scores);
        r->pass = fw->bands[r->overall.band].pass && r->overall.score >= fw->pass_mark;
        /* the published result, audited like a published score */
        if (ys->band != ITA_NOT_GIVEN && (size_t)ys->band != r->overall.band) {
            struct ita_note n = note_of(ITA_NOTE_RESULT, ITA_LEVEL_OVERALL, "", r->year);
            n.fw = fw;
            n.band_given = (size_t)ys->band;
            n.band_computed = r->overall.band;
            a.nomem |= !add_note(&r->notes, &r->note_count, &n);
        }
    }
    r->audit_count = r->note_count;
    /* what cannot be computed */
    for (size_t n = 0; n < fw->indicator_count && !a.nomem; n++) {
        if (r->indicators[n].score != ITA_MISSING)
            continue;
        ita_uint_text(fw->indicators[n].number, code);
        struct ita_note note = note_of(ITA_NOTE_MISSING, ITA_LEVEL_INDICATOR, code, r->year);
        a.nomem = !add_note(&r->notes, &r->note_count, &note);
    }
    if (r->overall.score == ITA_MISSING && !a.nomem) {
        struct ita_note note = note_of(ITA_NOTE_MISSING, ITA_LEVEL_OVERALL, "", r->year);
        a.nomem = !add_note(&r->notes, &r->note_count, &note);
    }
    if (fw->provisional && !a.nomem) {
        struct ita_note note = note_of(ITA_NOTE_PROVISIONAL, ITA_LEVEL_OVERALL, "", r->year);
        a.nomem = !add_note(&r->notes, &r->note_count, &note);
    }
    if (a.nomem) {
        ita_report_free(r);
        return ITA_ERR_NOMEM;
    }
    return ITA_OK;
}

static void set_previous(struct ita_figure *f, const struct ita_figure *prev)
{
    if (prev == NULL || prev->score == ITA_MISSING)
        return;
    f->previous = prev->score;
    if (f->score != ITA_MISSING)
        f->delta = f->score - f->previous;
}

static bool same_subs(const struct ita_fw_item *a, const struct ita_fw_item *b)
{
    if (a->sub_count != b->sub_count)
        return false;
    for (size_t s = 0; s < a->sub_count; s++)
        if (strcmp(a->subs[s].th, b->subs[s].th) != 0 || strcmp(a->subs[s].en, b->subs[s].en) != 0)
            return false;
    return true;
}

enum ita_status ita_pair_items(struct ita_framework_set *set, const struct ita_framework *fw,
                               const struct ita_framework *base, struct ita_item_pair *pairs,
                               struct ita_diags *diags)
{
    /* the frameworks from the year back to the base year; NULL where a year has none */
    const struct ita_framework *chain[64];
    size_t links = 0;
    if (fw != base) {
        if (fw->year <= base->year || fw->year - base->year >= 64)
            links = SIZE_MAX;
        for (int y = fw->year; links != SIZE_MAX && y >= base->year; y--) {
            const struct ita_framework *f = y == fw->year ? fw : y == base->year ? base : NULL;
            if (f == NULL && set != NULL) {
                enum ita_status st;
                size_t said = diags != NULL ? diags->count : 0;
                f = ita_framework_set_get(set, y, &st, diags);
                /* no file for a year is no pair; a broken file is an error */
                if (f == NULL && (st != ITA_ERR_DATA || (diags != NULL && diags->count > said)))
                    return st;
            }
            chain[links++] = f;
        }
    }
    for (size_t i = 0; i < fw->item_count; i++) {
        struct ita_item_pair *p = &pairs[i];
        memset(p, 0, sizeof *p);
        const struct ita_fw_item *cur = &fw->items[i];
        p->subs_paired = true;
        for (size_t k = 0; links != SIZE_MAX && k + 1 < links && cur != NULL; k++) {
            if (chain[k] == NULL || chain[k + 1] == NULL) {
                cur = NULL;
                break;
            }
            if (cur->is_new)
                p->new_in = chain[k]->year;
            const struct ita_fw_item *prev = ita_framework_previous_item(chain[k], cur, chain[k + 1]);
            if (prev != NULL) {
                p->reworded |= cur->reworded;
                p->subs_paired &= same_subs(cur, prev);
            }
            cur = prev;
        }
        p->base = links == SIZE_MAX ? NULL : cur;
        if (p->base == NULL)
            p->subs_paired = false;
        else if (fw == base)
            p->base = &base->items[i];
    }
    return ITA_OK;
}

static void apply_base(struct ita_report *r, const struct ita_report *b)
{
    const struct ita_framework *fw = r->fw, *bfw = b->fw;
    set_previous(&r->overall, &b->overall);
    for (int t = 0; t < ITA_TOOL_COUNT; t++)
        set_previous(&r->tools[t], &b->tools[t]);
    for (size_t n = 0; n < fw->indicator_count; n++)
        if (n < bfw->indicator_count)
            set_previous(&r->indicators[n], &b->indicators[n]);
    /* a sub-indicator is the same only under the same code and name (2568's 9.1 holds
     * every item of indicator 9, 2566's only the first ten) */
    for (size_t s = 0; s < fw->sub_indicator_count; s++)
        for (size_t k = 0; k < bfw->sub_indicator_count; k++)
            if (strcmp(fw->sub_indicators[s].code, bfw->sub_indicators[k].code) == 0 &&
                strcmp(fw->sub_indicators[s].name.th, bfw->sub_indicators[k].name.th) == 0)
                set_previous(&r->sub_indicators[s], &b->sub_indicators[k]);
    /* an item only with the same question (r->pairs) */
    for (size_t i = 0; i < fw->item_count; i++) {
        const struct ita_fw_item *it = &fw->items[i];
        const struct ita_fw_item *bit = r->pairs[i].base;
        if (bit == NULL)
            continue;
        set_previous(&r->items[i], &b->items[bit - bfw->items]);
        for (size_t s = 0; r->pairs[i].subs_paired && s < it->sub_count; s++)
            set_previous(&r->subs[it->first_sub + s], &b->subs[bit->first_sub + s]);
    }
}

void ita_analysis_free(struct ita_analysis *a)
{
    for (size_t i = 0; i < a->count; i++)
        ita_report_free(&a->reports[i]);
    free(a->reports);
    free(a->notes);
    memset(a, 0, sizeof *a);
}

static int by_name(const void *a, const void *b)
{
    const struct ita_agency *const *x = a, *const *y = b;
    return strcmp((*x)->name, (*y)->name);
}

static enum ita_status analyze_agencies(const struct ita_score_set *set, const struct ita_analyze_options *o,
                                        const struct ita_agency *only, int year,
                                        const struct ita_agency *const *order, struct ita_analysis *out,
                                        struct ita_diags *diags);

enum ita_status ita_analyze(const struct ita_score_set *set, const struct ita_analyze_options *o,
                            struct ita_analysis *out, struct ita_diags *diags)
{
    memset(out, 0, sizeof *out);
    out->maintain_above = o->maintain_above;
    out->urgent_below = o->urgent_below;
    const struct ita_agency *only = NULL;
    char *wanted = NULL;
    if (o->agency != NULL) {
        enum ita_status st = ita_agency_name_normalize(o->agency, strlen(o->agency), &wanted, diags);
        if (st != ITA_OK)
            return st;
        only = ita_score_set_find(set, wanted);
        if (only == NULL) {
            ita_diags_add(diags, ITA_SEV_ERROR, NULL, 0, 0, "no agency named \"%s\" in the data", wanted);
            free(wanted);
            return ITA_ERR_USAGE;
        }
        free(wanted);
    }
    int year = o->year;
    if (year == 0) {
        for (size_t i = 0; i < set->count; i++) {
            const struct ita_agency *ag = &set->agencies[i];
            if ((only == NULL || ag == only) && ag->year_count > 0 && ag->years[ag->year_count - 1].year > year)
                year = ag->years[ag->year_count - 1].year;
        }
        if (year == 0) {
            ita_diags_add(diags, ITA_SEV_ERROR, NULL, 0, 0, "the input holds no scores");
            return ITA_ERR_DATA;
        }
    }
    out->year = year;
    /* by name, so that the same rows in any order give the same output */
    const struct ita_agency **order = malloc((set->count ? set->count : 1) * sizeof *order);
    out->reports = calloc(set->count ? set->count : 1, sizeof *out->reports);
    if (order == NULL || out->reports == NULL) {
        free(order);
        ita_analysis_free(out);
        return ITA_ERR_NOMEM;
    }
    for (size_t i = 0; i < set->count; i++)
        order[i] = &set->agencies[i];
    qsort(order, set->count, sizeof *order, by_name);
    enum ita_status st = analyze_agencies(set, o, only, year, order, out, diags);
    free(order);
    if (st != ITA_OK)
        return st;
    if (out->count == 0) {
        ita_diags_add(diags, ITA_SEV_ERROR, NULL, 0, 0, "no agency has scores for %d", year);
        ita_analysis_free(out);
        return ITA_ERR_USAGE;
    }
    return ITA_OK;
}

/* The report of one agency with scores for the year (ys), with its base year's
 * changes; r is left empty on failure. */
static enum ita_status analyze_one(const struct ita_agency *ag, const struct ita_year_scores *ys, int year,
                                   const struct ita_analyze_options *o, struct ita_report *r,
                                   struct ita_diags *diags)
{
    enum ita_status st = ita_report_compute(ag, ys, o->maintain_above, o->urgent_below, r);
    if (st != ITA_OK)
        return st;
    const struct ita_year_scores *base = NULL;
    if (o->base_year != 0) {
        base = ita_agency_year(ag, o->base_year);
        struct ita_note note = note_of(ITA_NOTE_NO_BASE_SCORES, ITA_LEVEL_OVERALL, "", o->base_year);
        if (base == NULL && !add_note(&r->notes, &r->note_count, &note)) {
            ita_report_free(r);
            return ITA_ERR_NOMEM;
        }
    } else {
        for (size_t y = 0; y < ag->year_count; y++)
            if (ag->years[y].year < year)
                base = &ag->years[y];
    }
    if (base != NULL) {
        struct ita_report br;
        st = ita_report_compute(ag, base, o->maintain_above, o->urgent_below, &br);
        if (st != ITA_OK) {
            ita_report_free(r);
            return st;
        }
        r->base_year = base->year;
        r->pairs = calloc(r->fw->item_count, sizeof *r->pairs);
        st = r->pairs == NULL ? ITA_ERR_NOMEM : ita_pair_items(o->frameworks, r->fw, br.fw, r->pairs, diags);
        if (st == ITA_OK)
            apply_base(r, &br);
        ita_report_free(&br);
        if (st != ITA_OK)
            ita_report_free(r);
    }
    return st;
}

enum ita_status ita_analyze_agency(const struct ita_agency *agency, int year, const struct ita_analyze_options *o,
                                   struct ita_report *out, struct ita_diags *diags)
{
    memset(out, 0, sizeof *out);
    const struct ita_year_scores *ys = ita_agency_year(agency, year);
    return ys == NULL ? ITA_ERR_DATA : analyze_one(agency, ys, year, o, out, diags);
}

/* What a headline report keeps (ita_analyze_options.headlines). */
static void keep_headline(struct ita_report *r)
{
    struct ita_report h;
    memset(&h, 0, sizeof h);
    h.agency = r->agency;
    h.year = r->year;
    h.base_year = r->base_year;
    h.fw = r->fw;
    h.overall = r->overall;
    h.pass = r->pass;
    memcpy(h.tools, r->tools, sizeof h.tools);
    ita_report_free(r);
    *r = h;
}

static enum ita_status analyze_agencies(const struct ita_score_set *set, const struct ita_analyze_options *o,
                                        const struct ita_agency *only, int year,
                                        const struct ita_agency *const *order, struct ita_analysis *out,
                                        struct ita_diags *diags)
{
    for (size_t i = 0; i < set->count; i++) {
        const struct ita_agency *ag = order[i];
        if (only != NULL && ag != only)
            continue;
        const struct ita_year_scores *ys = ita_agency_year(ag, year);
        if (ys == NULL) {
            struct ita_note note = note_of(ITA_NOTE_NO_SCORES, ITA_LEVEL_OVERALL, "", year);
            note.agency = ag;
            if (!add_note(&out->notes, &out->note_count, &note)) {
                ita_analysis_free(out);
                return ITA_ERR_NOMEM;
            }
            continue;
        }
        enum ita_status st = analyze_one(ag, ys, year, o, &out->reports[out->count], diags);
        if (st != ITA_OK) {
            ita_analysis_free(out);
            return st;
        }
        if (o->headlines)
            keep_headline(&out->reports[out->count]);
        out->count++;
    }
    return ITA_OK;
}
