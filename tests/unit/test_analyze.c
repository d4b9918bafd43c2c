/* Unit tests of include/ita/analyze.h: exact figures, audit warnings, groups and
 * year-over-year changes, on the bundled TCEB example and on small synthetic files. */
#include "harness.h"
#include "scores_fixture.h"

#include <stdlib.h>

#include "ita/analyze.h"
#include "ita/render.h"
#include "ita/texts.h"
#include "ita/bind.h"
#include "ita/decimal.h"
#include "ita/diag.h"
#include "ita/framework.h"
#include "ita/load.h"

#define TCEB_NAME "สำนักงานส่งเสริมการจัดประชุมและนิทรรศการ (องค์การมหาชน)"

struct ctx {
    struct ita_framework_set fws;
    struct ita_score_set set;
    struct ita_diags diags;
    struct ita_analysis analysis;
};

static int setup(void **state)
{
    struct ctx *c = calloc(1, sizeof *c);
    if (c == NULL)
        return -1;
    if (fixture_open(&c->fws, &c->set, &c->diags) != 0)
        return -1;
    *state = c;
    return 0;
}

static int teardown(void **state)
{
    struct ctx *c = *state;
    ita_analysis_free(&c->analysis);
    fixture_close(&c->fws, &c->set, &c->diags);
    free(c);
    return 0;
}

static const char *all_diags(const struct ctx *c)
{
    return fixture_diags_text(&c->diags);
}

static void bind_text(struct ctx *c, const char *text)
{
    fixture_bind(&c->fws, &c->set, &c->diags, "t.csv", text);
    if (c->diags.count != 0)
        fail_msg("the test data has problems:\n%s", all_diags(c));
}

static void bind_tceb(struct ctx *c)
{
    const char *path = ITA_TEST_DATA_DIR "/examples/tceb-2565.csv";
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    struct ita_binder b;
    struct ita_load_sink sink;
    ita_diags_begin_file(&c->diags);
    ita_binder_begin(&b, &c->set, &c->fws, &c->diags, path, &sink);
    assert_int_equal(ita_load_stream(f, path, ',', 4096, &sink, &c->diags), ITA_OK);
    ita_binder_end(&b);
    ita_diags_end_file(&c->diags, path);
    fclose(f);
    if (c->diags.count != 0)
        fail_msg("the example has problems:\n%s", all_diags(c));
}

static const struct ita_report *analyze(struct ctx *c, int year, int64_t maintain_above,
                                        int64_t urgent_below)
{
    struct ita_analyze_options o;
    ita_analyze_options_init(&o);
    o.year = year;
    if (maintain_above != 0)
        o.maintain_above = maintain_above;
    if (urgent_below != 0)
        o.urgent_below = urgent_below;
    ita_analysis_free(&c->analysis);
    enum ita_status st = ita_analyze(&c->set, &o, &c->analysis, &c->diags);
    if (st != ITA_OK)
        fail_msg("ita_analyze: status %d\n%s", (int)st, all_diags(c));
    assert_true(c->analysis.count >= 1);
    return &c->analysis.reports[0];
}

static size_t item_of(const struct ita_framework *fw, const char *code)
{
    enum ita_tool tool;
    unsigned number;
    assert_true(ita_item_code_parse(code, strlen(code), &tool, &number));
    const struct ita_fw_item *it = ita_framework_item(fw, tool, number);
    assert_non_null(it);
    return (size_t)(it - fw->items);
}

static const struct ita_figure *item_fig(const struct ita_report *r, const char *code)
{
    return &r->items[item_of(r->fw, code)];
}

static const char *band_name(const struct ita_report *r, const struct ita_figure *f)
{
    assert_true(f->band < r->fw->band_count);
    return r->fw->bands[f->band].name.en;
}

/* The notes of a report worded in English, as the renderers word them. */
static char *note_text(const struct ita_note *note)
{
    struct ita_texts t;
    struct ita_diags d;
    ita_diags_init(&d, 0);
    assert_int_equal(ita_texts_load(ITA_TEST_DATA_DIR "/texts/en.json", ITA_LANG_EN, NULL, &t, &d), ITA_OK);
    ita_diags_free(&d);
    struct ita_buf b;
    ita_buf_init(&b);
    ita_render_note(&b, &t, note);
    ita_texts_free(&t);
    assert_false(b.failed);
    return b.data; /* the caller frees */
}

static bool notes_mention(const struct ita_note *notes, size_t count, const char *text)
{
    bool found = false;
    for (size_t i = 0; i < count && !found; i++) {
        char *s = note_text(&notes[i]);
        found = s != NULL && strstr(s, text) != NULL;
        free(s);
    }
    return found;
}

static bool warnings_mention(const struct ita_report *r, const char *text)
{
    return notes_mention(r->notes, r->note_count, text);
}

static void expect_exact(struct ita_exact e, int64_t num, int64_t den)
{
    struct ita_exact want = {num, den};
    if (ita_exact_cmp(e, want) != 0)
        fail_msg("%lld/%lld is not %lld/%lld", (long long)e.num, (long long)e.den, (long long)num,
                 (long long)den);
}

/* "I1 I2 ..." of a tier, in the report's order */
static const char *tier_codes(const struct ita_report *r, enum ita_tier t)
{
    static char buf[512];
    size_t n = 0;
    buf[0] = '\0';
    for (size_t k = 0; k < r->tier_count[t]; k++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", k ? " " : "", r->fw->items[r->tier_items[t][k]].code);
    return buf;
}

/* ---- the TCEB 2565 example ---- */

static void tceb_2565_overall_should_be_97_04_aa_passing_up_2_03(void **state)
{
    struct ctx *c = *state;
    bind_tceb(c);
    const struct ita_report *r = analyze(c, 0, 0, 0);
    assert_int_equal(c->analysis.count, 1);
    assert_int_equal(c->analysis.year, 2565);
    assert_int_equal(c->analysis.maintain_above, 9750);
    assert_int_equal(c->analysis.urgent_below, 9500);
    assert_string_equal(r->agency->name, TCEB_NAME);
    assert_int_equal(r->year, 2565);
    assert_int_equal(r->base_year, 2564);
    assert_int_equal(r->fw->year, 2565);
    assert_int_equal(r->overall.score, 9704);
    assert_true(r->overall.given);
    assert_true(r->overall.has_parts);
    expect_exact(r->overall.from_parts, 970392, 100); /* 97.0392 */
    assert_string_equal(band_name(r, &r->overall), "AA");
    assert_true(r->pass);
    assert_int_equal(r->overall.previous, 9501);
    assert_int_equal(r->overall.delta, 203);
}

static void tceb_2565_should_reproduce_every_published_figure_without_warnings(void **state)
{
    struct ctx *c = *state;
    bind_tceb(c);
    const struct ita_report *r = analyze(c, 2565, 0, 0);
    if (r->note_count != 0)
        fail_msg("%zu warnings, the first: %s", r->note_count, note_text(&r->notes[0]));
    assert_int_equal(c->analysis.note_count, 0);
    /* indicator 3: 99.21 given, exactly 99.205 from its items */
    const struct ita_figure *i3 = &r->indicators[2];
    assert_int_equal(i3->score, 9921);
    assert_true(i3->given);
    assert_true(i3->has_parts);
    assert_int_equal(i3->from_parts.num, 19841);
    assert_int_equal(i3->from_parts.den, 2);
    assert_int_equal(ita_exact_round(i3->from_parts), 9921);
    /* I30: 98.63 given, exactly 98.625 from its sub-questions */
    const struct ita_figure *i30 = item_fig(r, "I30");
    assert_int_equal(i30->score, 9863);
    expect_exact(i30->from_parts, 19725, 2);
    /* E6: 88.33 given, 88.335 from 87.04 and 89.63: within 0.01, no warning */
    const struct ita_figure *e6 = item_fig(r, "E6");
    assert_int_equal(e6->score, 8833);
    assert_true(e6->has_parts);
    expect_exact(e6->from_parts, 17667, 2);
    assert_false(warnings_mention(r, "E6"));
    /* every IIT/EIT indicator recomputes to its published value */
    static const int64_t published[] = {9880, 9936, 9921, 9612, 9903, 9331, 9260, 8897, 10000, 10000};
    for (size_t n = 0; n < 10; n++) {
        assert_int_equal(r->indicators[n].score, published[n]);
        if (n < 8) {
            assert_true(r->indicators[n].has_parts);
            assert_int_equal(ita_exact_round(r->indicators[n].from_parts), published[n]);
        }
    }
    /* the OIT indicators are given without items */
    assert_false(r->indicators[8].has_parts);
    assert_int_equal(item_fig(r, "O1")->score, ITA_MISSING);
    assert_int_equal(item_fig(r, "O1")->tier, ITA_TIER_NONE);
    /* tools: means of their indicators */
    assert_int_equal(r->tools[ITA_IIT].score, 9850); /* 98.504 */
    assert_int_equal(r->tools[ITA_EIT].score, 9163); /* 91.6266... */
    assert_int_equal(r->tools[ITA_OIT].score, 10000);
    assert_false(r->tools[ITA_IIT].given);
}

static void tceb_2565_items_should_fall_into_the_three_groups_of_the_reference(void **state)
{
    struct ctx *c = *state;
    bind_tceb(c);
    const struct ita_report *r = analyze(c, 0, 0, 0);
    assert_string_equal(tier_codes(r, ITA_TIER_MAINTAIN),
                        "I1 I2 I3 I4 I5 I7 I8 I9 I10 I11 I12 I13 I14 I15 I16 I17 I18 I19 I21 I22 I24 "
                        "I25 I27 I28 I29 I30 E4 E8 E13");
    assert_int_equal(r->tier_count[ITA_TIER_MAINTAIN], 29);
    assert_string_equal(tier_codes(r, ITA_TIER_IMPROVE), "I6 I26 E10");
    assert_string_equal(tier_codes(r, ITA_TIER_URGENT), "I20 I23 E1 E2 E3 E5 E6 E7 E9 E11 E12 E14 E15");
    assert_int_equal(item_fig(r, "I6")->tier, ITA_TIER_IMPROVE);
    assert_int_equal(item_fig(r, "E6")->tier, ITA_TIER_URGENT);
    /* sub-questions are grouped too */
    const struct ita_fw_item *e6 = &r->fw->items[item_of(r->fw, "E6")];
    assert_int_equal(r->subs[e6->first_sub].score, 8704);
    assert_int_equal(r->subs[e6->first_sub].tier, ITA_TIER_URGENT);
    const struct ita_fw_item *i1 = &r->fw->items[item_of(r->fw, "I1")];
    assert_int_equal(r->subs[i1->first_sub + 1].score, 9890);
    assert_int_equal(r->subs[i1->first_sub + 1].tier, ITA_TIER_MAINTAIN);
}

static void tceb_2565_indicators_should_compare_with_2564(void **state)
{
    struct ctx *c = *state;
    bind_tceb(c);
    const struct ita_report *r = analyze(c, 0, 0, 0);
    static const int64_t prev[] = {9457, 9083, 9131, 9213, 9631, 9208, 9107, 8788, 10000, 10000};
    static const int64_t now[] = {9880, 9936, 9921, 9612, 9903, 9331, 9260, 8897, 10000, 10000};
    for (size_t n = 0; n < 10; n++) {
        if (r->indicators[n].previous != prev[n] || r->indicators[n].delta != now[n] - prev[n])
            fail_msg("indicator %zu: previous %lld, delta %lld; expected %lld, %lld", n + 1,
                     (long long)r->indicators[n].previous, (long long)r->indicators[n].delta,
                     (long long)prev[n], (long long)(now[n] - prev[n]));
        assert_string_equal(band_name(r, &r->indicators[n]), now[n] >= 9500 ? "AA" : "A");
    }
    /* 2564 has no items: their previous values are missing, never 0 */
    assert_int_equal(item_fig(r, "I1")->previous, ITA_MISSING);
    assert_int_equal(item_fig(r, "I1")->delta, ITA_MISSING);
    /* the tools of 2564 are computed from its indicators */
    assert_int_equal(r->tools[ITA_OIT].previous, 10000);
    assert_int_equal(r->tools[ITA_OIT].delta, 0);
}

static void tceb_2564_should_have_no_base_year(void **state)
{
    struct ctx *c = *state;
    bind_tceb(c);
    const struct ita_report *r = analyze(c, 2564, 0, 0);
    assert_int_equal(r->year, 2564);
    assert_int_equal(r->base_year, 0);
    assert_int_equal(r->overall.score, 9501);
    expect_exact(r->overall.from_parts, 950120, 100); /* 95.012 */
    assert_int_equal(r->overall.previous, ITA_MISSING);
    assert_int_equal(r->overall.delta, ITA_MISSING);
    assert_string_equal(band_name(r, &r->overall), "AA");
    for (int t = 0; t < ITA_TIER_COUNT; t++)
        assert_int_equal(r->tier_count[t], 0);
}

static void analyze_should_select_the_agency_asked_for(void **state)
{
    struct ctx *c = *state;
    bind_tceb(c);
    struct ita_analyze_options o;
    ita_analyze_options_init(&o);
    o.agency = "  สำนักงานส่งเสริมการจัดประชุมและนิทรรศการ   (องค์การมหาชน) ";
    assert_int_equal(ita_analyze(&c->set, &o, &c->analysis, &c->diags), ITA_OK);
    assert_int_equal(c->analysis.count, 1);
    ita_analysis_free(&c->analysis);
    o.agency = "nobody";
    assert_int_equal(ita_analyze(&c->set, &o, &c->analysis, &c->diags), ITA_ERR_USAGE);
    assert_int_equal(c->diags.errors, 1);
    assert_non_null(strstr(c->diags.items[0].message, "nobody"));
}

static void analyze_should_refuse_a_year_not_in_the_data(void **state)
{
    struct ctx *c = *state;
    bind_tceb(c);
    struct ita_analyze_options o;
    ita_analyze_options_init(&o);
    o.year = 2566;
    assert_int_equal(ita_analyze(&c->set, &o, &c->analysis, &c->diags), ITA_ERR_USAGE);
    assert_int_equal(c->diags.errors, 1);
    assert_non_null(strstr(c->diags.items[0].message, "2566"));
}

static void analyze_should_warn_when_the_base_year_asked_for_is_absent(void **state)
{
    struct ctx *c = *state;
    bind_tceb(c);
    struct ita_analyze_options o;
    ita_analyze_options_init(&o);
    o.base_year = 2563;
    assert_int_equal(ita_analyze(&c->set, &o, &c->analysis, &c->diags), ITA_OK);
    const struct ita_report *r = &c->analysis.reports[0];
    assert_int_equal(r->base_year, 0);
    assert_int_equal(r->overall.previous, ITA_MISSING);
    assert_true(warnings_mention(r, "2563"));
}

static void analyze_should_name_an_agency_without_scores_for_the_year(void **state)
{
    struct ctx *c = *state;
    bind_text(c, "agency,year,indicator,score\nA,2565,,90\nB,2564,,80\nC,2565,,70\n");
    const struct ita_report *r = analyze(c, 0, 0, 0);
    assert_int_equal(c->analysis.count, 2);
    assert_string_equal(r->agency->name, "A");
    assert_string_equal(c->analysis.reports[1].agency->name, "C");
    assert_int_equal(c->analysis.note_count, 1);
    assert_true(notes_mention(c->analysis.notes, c->analysis.note_count, "\"B\""));
}

static void analyze_should_refuse_an_empty_score_set(void **state)
{
    struct ctx *c = *state;
    struct ita_analyze_options o;
    ita_analyze_options_init(&o);
    assert_int_not_equal(ita_analyze(&c->set, &o, &c->analysis, &c->diags), ITA_OK);
    assert_int_equal(c->diags.errors, 1);
}

/* ---- groups ---- */

static void tier_of_should_put_the_boundaries_in_improve(void **state)
{
    (void)state;
    assert_int_equal(ita_tier_of(9751, 9750, 9500), ITA_TIER_MAINTAIN);
    assert_int_equal(ita_tier_of(9750, 9750, 9500), ITA_TIER_IMPROVE);
    assert_int_equal(ita_tier_of(9500, 9750, 9500), ITA_TIER_IMPROVE);
    assert_int_equal(ita_tier_of(9499, 9750, 9500), ITA_TIER_URGENT);
    assert_int_equal(ita_tier_of(10000, 9750, 9500), ITA_TIER_MAINTAIN);
    assert_int_equal(ita_tier_of(0, 9750, 9500), ITA_TIER_URGENT);
    assert_int_equal(ita_tier_of(ITA_MISSING, 9750, 9500), ITA_TIER_NONE);
    assert_string_equal(ita_tier_name(ITA_TIER_MAINTAIN), "maintain");
    assert_string_equal(ita_tier_name(ITA_TIER_IMPROVE), "improve");
    assert_string_equal(ita_tier_name(ITA_TIER_URGENT), "urgent");
}

static const char boundaries[] = "year,item,score\n2565,I1,97.50\n2565,I2,97.51\n2565,I3,95.00\n2565,I4,94.99\n";

static void groups_should_follow_the_default_cut_offs_exactly(void **state)
{
    struct ctx *c = *state;
    bind_text(c, boundaries);
    const struct ita_report *r = analyze(c, 0, 0, 0);
    assert_int_equal(item_fig(r, "I1")->tier, ITA_TIER_IMPROVE);
    assert_int_equal(item_fig(r, "I2")->tier, ITA_TIER_MAINTAIN);
    assert_int_equal(item_fig(r, "I3")->tier, ITA_TIER_IMPROVE);
    assert_int_equal(item_fig(r, "I4")->tier, ITA_TIER_URGENT);
    assert_string_equal(tier_codes(r, ITA_TIER_MAINTAIN), "I2");
    assert_string_equal(tier_codes(r, ITA_TIER_IMPROVE), "I1 I3");
    assert_string_equal(tier_codes(r, ITA_TIER_URGENT), "I4");
    assert_int_equal(item_fig(r, "I5")->tier, ITA_TIER_NONE); /* not given */
}

static void groups_should_follow_custom_cut_offs(void **state)
{
    struct ctx *c = *state;
    bind_text(c, boundaries);
    const struct ita_report *r = analyze(c, 0, 9000, 8500);
    assert_string_equal(tier_codes(r, ITA_TIER_MAINTAIN), "I1 I2 I3 I4");
    r = analyze(c, 0, 9751, 9501);
    assert_string_equal(tier_codes(r, ITA_TIER_MAINTAIN), "");
    assert_string_equal(tier_codes(r, ITA_TIER_IMPROVE), "I1 I2");
    assert_string_equal(tier_codes(r, ITA_TIER_URGENT), "I3 I4");
    assert_int_equal(c->analysis.maintain_above, 9751);
    assert_int_equal(c->analysis.urgent_below, 9501);
}

/* The group is decided on the published (rounded) score: 97.505 is 97.51. */
static void groups_should_use_the_published_score_of_a_computed_item(void **state)
{
    struct ctx *c = *state;
    bind_text(c, "year,item,sub,score\n2565,I1,1,97.50\n2565,I1,2,97.51\n");
    const struct ita_report *r = analyze(c, 0, 0, 0);
    const struct ita_figure *i1 = item_fig(r, "I1");
    assert_false(i1->given);
    assert_true(i1->has_parts);
    expect_exact(i1->exact, 19501, 2);
    assert_int_equal(i1->score, 9751);
    assert_int_equal(i1->tier, ITA_TIER_MAINTAIN);
    assert_int_equal(r->subs[0].tier, ITA_TIER_IMPROVE);
    assert_int_equal(r->subs[1].tier, ITA_TIER_MAINTAIN);
}

/* ---- audit ---- */

static void audit_should_warn_when_a_given_item_differs_from_its_parts(void **state)
{
    struct ctx *c = *state;
    bind_text(c, "year,item,sub,score\n"
                 "2565,I1,,97.00\n2565,I1,1,98.00\n2565,I1,2,98.03\n"                    /* 98.015: off by 1.015 */
                 "2565,I3,,97.01\n2565,I3,1,97.00\n2565,I3,2,97.00\n2565,I3,3,97.00\n"   /* off by exactly 0.01 */
                 "2565,I4,,97.02\n2565,I4,1,97.00\n2565,I4,2,97.00\n2565,I4,3,97.00\n"); /* off by 0.02 */
    const struct ita_report *r = analyze(c, 0, 0, 0);
    size_t item_warnings = 0;
    for (size_t i = 0; i < r->note_count; i++) {
        char *w = note_text(&r->notes[i]);
        if (strstr(w, "item ") == w)
            item_warnings++;
        free(w);
    }
    assert_int_equal(item_warnings, 2);
    assert_int_equal(r->audit_count, 2);
    bool i1 = false, i4 = false;
    for (size_t i = 0; i < r->note_count; i++) {
        char *w = note_text(&r->notes[i]);
        if (strstr(w, "I1") && strstr(w, "97.00") && strstr(w, "98.015"))
            i1 = true;
        if (strstr(w, "I4") && strstr(w, "97.02") && strstr(w, "97.00"))
            i4 = true;
        bool mentions_i3 = strstr(w, "I3") != NULL;
        free(w);
        assert_false(mentions_i3);
    }
    assert_true(i1);
    assert_true(i4);
    /* the given score wins */
    assert_int_equal(item_fig(r, "I1")->score, 9700);
    expect_exact(item_fig(r, "I1")->exact, 9700, 1);
}

/* Indicator 1 is computed from its items (99.205) and enters the overall score
 * unrounded: 94.5547 -> 94.55; rounding it first (99.21) would give 94.5550 -> 94.56. */
static void computed_figures_should_be_rounded_once_at_publication(void **state)
{
    struct ctx *c = *state;
    bind_text(c, "year,indicator,item,score\n"
                 "2565,,I1,98.90\n2565,,I2,100\n2565,,I3,97.80\n2565,,I4,98.90\n2565,,I5,100\n2565,,I6,99.63\n"
                 "2565,2,,90.01\n2565,3,,90.01\n2565,4,,90.01\n2565,5,,90.01\n"
                 "2565,6,,90\n2565,7,,90\n2565,8,,90\n2565,9,,100\n2565,10,,100\n");
    const struct ita_report *r = analyze(c, 0, 0, 0);
    const struct ita_figure *ind1 = &r->indicators[0];
    assert_false(ind1->given);
    assert_int_equal(ind1->score, 9921);
    expect_exact(ind1->exact, 19841, 2);
    assert_false(r->overall.given);
    expect_exact(r->overall.exact, 945547, 100);
    assert_int_equal(r->overall.score, 9455);
    assert_string_equal(band_name(r, &r->overall), "A");
    assert_true(r->pass);
    if (r->note_count != 0)
        fail_msg("unexpected warning: %s", note_text(&r->notes[0]));
}

static void missing_parts_should_leave_figures_missing_with_a_warning(void **state)
{
    struct ctx *c = *state;
    bind_text(c, "year,indicator,item,score\n2565,1,,90\n2565,,I7,90\n");
    const struct ita_report *r = analyze(c, 0, 0, 0);
    assert_int_equal(r->indicators[0].score, 9000);
    assert_int_equal(r->indicators[1].score, ITA_MISSING); /* only I7 of I7-I12 */
    assert_false(r->indicators[1].has_parts);
    assert_int_equal(r->overall.score, ITA_MISSING);
    assert_int_equal(r->overall.band, SIZE_MAX);
    assert_false(r->pass);
    assert_int_equal(r->tools[ITA_IIT].score, ITA_MISSING);
    assert_true(warnings_mention(r, "indicator 2 "));
    assert_true(warnings_mention(r, "overall"));
}

/* docs/frameworks.md: one item of 9.1 not met gives 97.78 for indicator 9. */
static void oit_indicators_should_be_means_of_their_sub_indicators(void **state)
{
    struct ctx *c = *state;
    char text[4096];
    size_t n = (size_t)snprintf(text, sizeof text, "year,item,score\n");
    for (int o = 1; o <= 43; o++)
        n += (size_t)snprintf(text + n, sizeof text - n, "2565,O%d,%s\n", o, o == 1 ? "0" : "100");
    bind_text(c, text);
    const struct ita_report *r = analyze(c, 0, 0, 0);
    assert_int_equal(r->sub_indicators[0].score, 8889); /* 8/9 */
    assert_int_equal(r->indicators[8].score, 9778);
    assert_int_equal(r->indicators[9].score, 10000);
    assert_int_equal(item_fig(r, "O1")->score, 0);
    assert_int_equal(item_fig(r, "O1")->tier, ITA_TIER_NONE);
    for (int t = 0; t < ITA_TIER_COUNT; t++)
        assert_int_equal(r->tier_count[t], 0);
    /* the OIT tool: mean of 97.777... and 100 */
    assert_int_equal(r->tools[ITA_OIT].score, 9889);
}

static void grades_should_pass_from_85_00(void **state)
{
    struct ctx *c = *state;
    bind_text(c, "agency,year,indicator,score\nA,2565,,85.00\nB,2565,,84.99\n");
    analyze(c, 0, 0, 0);
    const struct ita_report *a = &c->analysis.reports[0], *b = &c->analysis.reports[1];
    assert_string_equal(band_name(a, &a->overall), "A");
    assert_true(a->pass);
    assert_string_equal(band_name(b, &b->overall), "B");
    assert_false(b->pass);
}

/* PRODUCT.md: in 2568 an agency at 94.64 overall was only ผ่าน, its EIT below 85. */
static void levels_should_apply_the_tool_condition(void **state)
{
    struct ctx *c = *state;
    bind_text(c, "year,indicator,score\n2568,,94.64\n"
                 "2568,1,99\n2568,2,99\n2568,3,99\n2568,4,99\n2568,5,99\n"
                 "2568,6,84\n2568,7,84\n2568,8,84\n2568,9,100\n2568,10,100\n");
    const struct ita_report *r = analyze(c, 0, 0, 0);
    assert_int_equal(r->tools[ITA_EIT].score, 8400);
    assert_string_equal(r->fw->bands[r->overall.band].name.th, "ผ่าน");
    assert_true(r->pass);
    assert_true(warnings_mention(r, "provisional"));
}

static void audit_should_check_a_published_grade_against_the_scores(void **state)
{
    struct ctx *c = *state;
    /* 97.04 is AA: a published A disagrees; a published AA for B agrees */
    bind_text(c, "agency,year,overall,grade\nA,2565,97.04,A\nB,2565,97.04,aa\n");
    const struct ita_report *r = analyze(c, 0, 0, 0);
    assert_string_equal(r->agency->name, "A");
    assert_int_equal(r->audit_count, 1);
    assert_int_equal(r->notes[0].kind, ITA_NOTE_RESULT);
    assert_string_equal(r->fw->bands[r->notes[0].band_given].name.en, "A");
    assert_string_equal(r->fw->bands[r->notes[0].band_computed].name.en, "AA");
    assert_true(warnings_mention(r, "the published result is A, but the scores give AA"));
    assert_int_equal(c->analysis.reports[1].audit_count, 0);
}

static void audit_should_check_a_published_level_with_the_tool_condition(void **state)
{
    struct ctx *c = *state;
    /* 93.00 with EIT at 84 is ผ่าน (Pass), not ผ่านดี (Good): the tool condition */
    bind_text(c, "หน่วยงาน,ปี,IIT,EIT,OIT,คะแนนรวม,ระดับ\nA,2568,96,84,99,93,ผ่านดี\nB,2568,96,84,99,93,Pass\n");
    const struct ita_report *r = analyze(c, 0, 0, 0);
    assert_int_equal(r->audit_count, 1);
    assert_int_equal(r->notes[0].kind, ITA_NOTE_RESULT);
    assert_string_equal(r->fw->bands[r->notes[0].band_given].name.th, "ผ่านดี");
    assert_string_equal(r->fw->bands[r->notes[0].band_computed].name.th, "ผ่าน");
    assert_int_equal(c->analysis.reports[1].audit_count, 0);
}

static void audit_should_check_a_given_tool_score_against_its_indicators(void **state)
{
    struct ctx *c = *state;
    /* IIT from its indicators: 98.50 exactly; EIT: 92.00; OIT: 100.00 */
    bind_text(c, "year,indicator,score\n"
                 "2565,1,98.00\n2565,2,99.00\n2565,3,98.50\n2565,4,98.50\n2565,5,98.50\n"
                 "2565,6,92.00\n2565,7,92.00\n2565,8,92.00\n2565,9,100\n2565,10,100\n"
                 "2565,IIT,98.51\n"  /* within a cent: silent */
                 "2565,eit,92.50\n"  /* half a point off: a warning */
                 "2565,OIT,100.00\n");
    const struct ita_report *r = analyze(c, 0, 0, 0);
    assert_int_equal(r->audit_count, 1);
    assert_int_equal(r->notes[0].kind, ITA_NOTE_AUDIT);
    assert_int_equal(r->notes[0].level, ITA_LEVEL_TOOL);
    assert_string_equal(r->notes[0].code, "EIT");
    assert_int_equal(r->notes[0].given, 9250);
    expect_exact(r->notes[0].from_parts, 9200, 1);
    expect_exact(r->notes[0].difference, 50, 1);
    /* the given tool scores win */
    assert_true(r->tools[ITA_IIT].given);
    assert_int_equal(r->tools[ITA_IIT].score, 9851);
    assert_int_equal(r->tools[ITA_EIT].score, 9250);
    assert_false(warnings_mention(r, "IIT"));
    assert_true(warnings_mention(r, "tool EIT is given as 92.50, but its indicators give 92.00 (a difference of 0.50)"));
}

static void deltas_should_be_negative_when_a_score_falls(void **state)
{
    struct ctx *c = *state;
    bind_text(c, "year,item,score\n2564,I1,99.00\n2565,I1,97.00\n2565,I2,97.00\n");
    const struct ita_report *r = analyze(c, 0, 0, 0);
    assert_int_equal(r->base_year, 2564);
    assert_int_equal(item_fig(r, "I1")->previous, 9900);
    assert_int_equal(item_fig(r, "I1")->delta, -200);
    assert_int_equal(item_fig(r, "I2")->previous, ITA_MISSING);
    assert_int_equal(item_fig(r, "I2")->delta, ITA_MISSING);
}

/* ---- the same question across frameworks ---- */

/* The item of `base` that asks the same question as `it` of `fw`, the slow way: one
 * year at a time, each year's framework loaded again from its file. */
static const struct ita_fw_item *same_question_slowly(const struct ita_fw_item *it, int year, int base_year,
                                                      struct ita_framework **keep)
{
    const struct ita_fw_item *cur = it;
    for (int y = year; y > base_year && cur != NULL; y--) {
        char path[512];
        snprintf(path, sizeof path, ITA_TEST_DATA_DIR "/frameworks/ita-%d.json", y - 1);
        struct ita_diags d;
        ita_diags_init(&d, 0);
        ita_framework_free(&keep[y - 1 - 2563]);
        assert_int_equal(ita_framework_load(path, &keep[y - 1 - 2563], &d), ITA_OK);
        ita_diags_free(&d);
        const struct ita_framework *prev = keep[y - 1 - 2563];
        if (cur->is_new)
            return NULL;
        const char *code = cur->previous_code != NULL ? cur->previous_code : cur->code;
        const struct ita_fw_item *next = NULL;
        for (size_t i = 0; i < prev->item_count && next == NULL; i++)
            if (strcmp(prev->items[i].code, code) == 0)
                next = &prev->items[i];
        cur = next;
    }
    return cur;
}

#define ID_BITS 10

/* A sub-question's score, in hundredths, spells its number directly (they take any score). */
static unsigned sub_id(unsigned item_id, size_t s)
{
    return item_id + 1000u * (unsigned)(s + 1);
}

/* One agency with a score for every item and sub-question of 2563-2569; each
 * (year, item or sub-question) has a number, and file `bit` gives it 100 where that
 * bit of its number is set, else 0: the previous scores of ID_BITS analyses spell
 * the number of the figure a change was computed against. */
static char *identity_scores(struct ctx *c, int bit)
{
    struct ita_buf b;
    ita_buf_init(&b);
    ita_buf_puts(&b, "year,item,sub,score\n");
    for (int year = 2563; year <= 2569; year++) {
        enum ita_status st;
        const struct ita_framework *fw = ita_framework_set_get(&c->fws, year, &st, &c->diags);
        assert_non_null(fw);
        for (size_t i = 0; i < fw->item_count; i++) {
            const struct ita_fw_item *it = &fw->items[i];
            unsigned id = (unsigned)(year - 2563) * 128 + (unsigned)i;
            ita_buf_printf(&b, "%d,%s,,%d\n", year, it->code, (id >> bit) & 1 ? 100 : 0);
            for (size_t s = 0; s < it->sub_count; s++) {
                unsigned sid = sub_id(id, s);
                ita_buf_printf(&b, "%d,%s,%zu,%u.%02u\n", year, it->code, s + 1, sid / 100, sid % 100);
            }
        }
    }
    return b.data;
}

static void deltas_should_never_compare_two_different_questions(void **state)
{
    struct ctx *c = *state;
    /* ids of the previous figure per (year, base year, item), spelt bit by bit */
    static unsigned got[7][7][128];
    static bool seen[7][7][128];
    static int64_t sub_previous[7][7][64];
    memset(got, 0, sizeof got);
    memset(seen, 0, sizeof seen);
    for (int bit = 0; bit < ID_BITS; bit++) {
        struct ita_score_set set;
        ita_score_set_init(&set);
        char *text = identity_scores(c, bit);
        fixture_bind(&c->fws, &set, &c->diags, "ids.csv", text);
        free(text);
        if (c->diags.count != 0)
            fail_msg("the test data has problems:\n%s", all_diags(c));
        for (int year = 2564; year <= 2569; year++)
            for (int base = 2563; base < year; base++) {
                struct ita_analyze_options o;
                ita_analyze_options_init(&o);
                o.year = year;
                o.base_year = base;
                o.frameworks = &c->fws;
                struct ita_analysis a;
                assert_int_equal(ita_analyze(&set, &o, &a, &c->diags), ITA_OK);
                const struct ita_report *r = &a.reports[0];
                assert_int_equal(r->base_year, base);
                for (size_t i = 0; i < r->fw->item_count; i++) {
                    const struct ita_figure *f = &r->items[i];
                    if (f->previous == ITA_MISSING)
                        continue;
                    seen[year - 2563][base - 2563][i] = true;
                    if (f->previous == 10000)
                        got[year - 2563][base - 2563][i] |= 1u << bit;
                }
                for (size_t k = 0; k < r->fw->sub_count && k < 64; k++)
                    sub_previous[year - 2563][base - 2563][k] = r->subs[k].previous;
                ita_analysis_free(&a);
            }
        ita_score_set_free(&set);
    }
    struct ita_framework *keep[8] = {NULL};
    size_t paired = 0, unpaired = 0, paired_subs = 0;
    for (int year = 2564; year <= 2569; year++) {
        enum ita_status st;
        const struct ita_framework *fw = ita_framework_set_get(&c->fws, year, &st, &c->diags);
        for (int base = 2563; base < year; base++)
            for (size_t i = 0; i < fw->item_count; i++) {
                const struct ita_fw_item *want = same_question_slowly(&fw->items[i], year, base, keep);
                bool has = seen[year - 2563][base - 2563][i];
                if (want == NULL) {
                    if (has)
                        fail_msg("%d %s against %d: a change against a question that was not asked then "
                                 "(figure %u)", year, fw->items[i].code, base, got[year - 2563][base - 2563][i]);
                    unpaired++;
                    continue;
                }
                const struct ita_framework *bfw = keep[base - 2563];
                unsigned id = (unsigned)(base - 2563) * 128 + (unsigned)(want - bfw->items);
                if (!has || got[year - 2563][base - 2563][i] != id)
                    fail_msg("%d %s against %d: expected the change against %s (figure %u), got %s%u", year,
                             fw->items[i].code, base, want->code, id, has ? "figure " : "none ",
                             got[year - 2563][base - 2563][i]);
                paired++;
                /* sub-questions: each against the same sub-question of the same question */
                const struct ita_fw_item *it = &fw->items[i];
                for (size_t s = 0; s < it->sub_count; s++) {
                    int64_t prev = sub_previous[year - 2563][base - 2563][it->first_sub + s];
                    if (s >= want->sub_count || strcmp(it->subs[s].th, want->subs[s].th) != 0)
                        assert_int_equal(prev, ITA_MISSING);
                    else
                        assert_int_equal(prev, (int64_t)sub_id(id, s));
                    paired_subs++;
                }
            }
    }
    for (size_t k = 0; k < 8; k++)
        ita_framework_free(&keep[k]);
    /* both kinds occur: the test is not empty */
    assert_true(paired > 1000);
    assert_true(unpaired > 50);
    assert_true(paired_subs > 500);
}

/* The case: one agency's scores for 2566 and 2568; 2568 renumbered the OIT. */
static void deltas_2568_against_2566_should_pair_renumbered_items_by_question(void **state)
{
    struct ctx *c = *state;
    bind_text(c, "year,item,score\n2566,O1,100\n2566,O2,100\n2566,O3,0\n2566,O5,100\n"
                 "2568,O1,0\n2568,O2,0\n2568,O3,0\n");
    struct ita_analyze_options o;
    ita_analyze_options_init(&o);
    o.year = 2568;
    o.frameworks = &c->fws;
    assert_int_equal(ita_analyze(&c->set, &o, &c->analysis, &c->diags), ITA_OK);
    const struct ita_report *r = &c->analysis.reports[0];
    assert_int_equal(r->base_year, 2566);
    /* O1 (structure and powers) is new in 2568: no change against 2566's O1 (structure) */
    assert_int_equal(item_fig(r, "O1")->delta, ITA_MISSING);
    assert_int_equal(r->pairs[item_of(r->fw, "O1")].new_in, 2568);
    /* O2 (executives) is O2 in 2567 and 2566 */
    assert_int_equal(item_fig(r, "O2")->delta, -10000);
    /* O3 (contact) was O5 in 2567 and 2566, not O3 (powers and duties, 0) */
    assert_int_equal(item_fig(r, "O3")->previous, 10000);
    assert_string_equal(r->pairs[item_of(r->fw, "O3")].base->code, "O5");
    /* without the frameworks of the years between, nothing is paired across them */
    ita_analysis_free(&c->analysis);
    o.frameworks = NULL;
    assert_int_equal(ita_analyze(&c->set, &o, &c->analysis, &c->diags), ITA_OK);
    r = &c->analysis.reports[0];
    assert_int_equal(item_fig(r, "O2")->previous, ITA_MISSING);
    assert_int_equal(item_fig(r, "O3")->previous, ITA_MISSING);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        T(tceb_2565_overall_should_be_97_04_aa_passing_up_2_03),
        T(tceb_2565_should_reproduce_every_published_figure_without_warnings),
        T(tceb_2565_items_should_fall_into_the_three_groups_of_the_reference),
        T(tceb_2565_indicators_should_compare_with_2564),
        T(tceb_2564_should_have_no_base_year),
        T(deltas_should_never_compare_two_different_questions),
        T(deltas_2568_against_2566_should_pair_renumbered_items_by_question),
        T(analyze_should_select_the_agency_asked_for),
        T(analyze_should_refuse_a_year_not_in_the_data),
        T(analyze_should_warn_when_the_base_year_asked_for_is_absent),
        T(analyze_should_name_an_agency_without_scores_for_the_year),
        T(analyze_should_refuse_an_empty_score_set),
        cmocka_unit_test(tier_of_should_put_the_boundaries_in_improve),
        T(groups_should_follow_the_default_cut_offs_exactly),
        T(groups_should_follow_custom_cut_offs),
        T(groups_should_use_the_published_score_of_a_computed_item),
        T(audit_should_warn_when_a_given_item_differs_from_its_parts),
        T(computed_figures_should_be_rounded_once_at_publication),
        T(missing_parts_should_leave_figures_missing_with_a_warning),
        T(oit_indicators_should_be_means_of_their_sub_indicators),
        T(grades_should_pass_from_85_00),
        T(levels_should_apply_the_tool_condition),
        T(deltas_should_be_negative_when_a_score_falls),
        T(audit_should_check_a_given_tool_score_against_its_indicators),
        T(audit_should_check_a_published_grade_against_the_scores),
        T(audit_should_check_a_published_level_with_the_tool_condition),
    };
    return ita_test_main(argc, argv, "analyze", tests, sizeof tests / sizeof tests[0]);
}
