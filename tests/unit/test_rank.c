/* Unit tests of include/ita/rank.h: exact statistics, competition ranks with ties
 * by name, groups, movers, and agencies left out, on small files of overall and
 * indicator scores. */
#include "harness.h"
#include "scores_fixture.h"

#include <stdlib.h>

#include "ita/bind.h"
#include "ita/decimal.h"
#include "ita/diag.h"
#include "ita/framework.h"
#include "ita/load.h"
#include "ita/rank.h"
#include "ita/render.h"
#include "ita/texts.h"

struct ctx {
    struct ita_framework_set fws;
    struct ita_score_set set;
    struct ita_diags diags;
    struct ita_ranking ranking;
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
    ita_ranking_free(&c->ranking);
    fixture_close(&c->fws, &c->set, &c->diags);
    free(c);
    return 0;
}

static void bind_text(struct ctx *c, const char *text)
{
    fixture_bind(&c->fws, &c->set, &c->diags, "t.csv", text);
    assert_int_equal(c->diags.count, 0);
}

static enum ita_status rank(struct ctx *c, int year, const char *by, size_t top)
{
    struct ita_rank_options o;
    ita_rank_options_init(&o);
    o.year = year;
    o.by = by;
    o.top = top;
    ita_ranking_free(&c->ranking);
    return ita_rank(&c->set, &o, &c->ranking, &c->diags);
}

static int64_t cents(const char *s)
{
    int64_t v;
    assert_int_equal(ita_decimal_parse(s, strlen(s), &v), ITA_NUM_OK);
    return v;
}

static void stats_should_be_exact_and_rounded_once(void **state)
{
    (void)state;
    struct ita_stats s;
    /* 0.01 0.02 0.02 0.04: mean 0.0225 -> 0.02; median 0.02; p25 at 0.75 -> 0.0175 -> 0.02;
     * p75 at 2.25 -> 0.025 -> 0.03 (half away from zero) */
    int64_t a[] = {4, 2, 1, 2};
    ita_stats_compute(a, 4, &s);
    assert_int_equal(s.count, 4);
    assert_int_equal(s.mean, 2);
    assert_int_equal(s.median, 2);
    assert_int_equal(s.p25, 2);
    assert_int_equal(s.p75, 3);
    assert_int_equal(s.min, 1);
    assert_int_equal(s.max, 4);
    /* the median of two middle values is their exact mean: 98.62 and 98.63 -> 98.625 -> 98.63 */
    int64_t b[] = {9862, 9863};
    ita_stats_compute(b, 2, &s);
    assert_int_equal(s.median, 9863);
    assert_int_equal(s.mean, 9863);
    assert_int_equal(s.p25, 9862); /* 98.6225 */
    /* nothing: all missing, never 0 */
    ita_stats_compute(b, 0, &s);
    assert_int_equal(s.count, 0);
    assert_true(s.mean == ITA_MISSING && s.median == ITA_MISSING && s.min == ITA_MISSING);
}

static const char header[] = "agency,province,year,indicator,score\n";

static void ranks_should_tie_by_score_and_list_ties_by_name(void **state)
{
    struct ctx *c = *state;
    char text[1024];
    snprintf(text, sizeof text,
             "%sข,A,2565,,90\nก,B,2565,,95\nค,A,2565,,90\nB,B,2565,,90\nง,,2565,,80\n", header);
    bind_text(c, text);
    assert_int_equal(rank(c, 0, NULL, 10), ITA_OK);
    const struct ita_ranking *r = &c->ranking;
    assert_int_equal(r->year, 2565);
    assert_int_equal(r->count, 5);
    const char *names[] = {"ก", "B", "ข", "ค", "ง"};
    size_t ranks[] = {1, 2, 2, 2, 5};
    for (size_t i = 0; i < 5; i++) {
        assert_string_equal(r->entries[i].agency->name, names[i]);
        assert_int_equal(r->entries[i].rank, ranks[i]);
    }
    assert_int_equal(r->all.overall.mean, 8900);
    assert_int_equal(r->all.overall.median, 9000);
    assert_int_equal(r->all.passed, 4); /* the pass mark is 85 */
    assert_int_equal(r->all.pass_rate, 8000);
    assert_int_equal(r->all.distribution[0], 1); /* AA: 95.00 and above */
    assert_int_equal(r->all.distribution[1], 3); /* A */
    assert_int_equal(r->all.distribution[2], 1); /* B */
}

static void groups_should_rank_within_and_put_a_missing_value_last(void **state)
{
    struct ctx *c = *state;
    char text[1024];
    snprintf(text, sizeof text,
             "%sข,A,2565,,90\nก,B,2565,,95\nค,A,2565,,91\nB,B,2565,,90\nง,,2565,,80\n", header);
    bind_text(c, text);
    assert_int_equal(rank(c, 0, "PROVINCE", 10), ITA_OK);
    const struct ita_ranking *r = &c->ranking;
    assert_int_equal(r->group_count, 3);
    assert_string_equal(r->groups[0].value, "A");
    assert_string_equal(r->groups[1].value, "B");
    assert_null(r->groups[2].value);
    assert_int_equal(r->groups[0].summary.count, 2);
    assert_int_equal(r->groups[0].summary.overall.mean, 9050);
    for (size_t i = 0; i < r->count; i++) {
        const struct ita_rank_entry *e = &r->entries[i];
        size_t want = strcmp(e->agency->name, "ค") == 0 || strcmp(e->agency->name, "ก") == 0 ||
                              strcmp(e->agency->name, "ง") == 0
                          ? 1
                          : 2;
        assert_int_equal(e->group_rank, want);
    }
    assert_int_equal(rank(c, 0, "ministry", 10), ITA_ERR_USAGE);
}

static void movers_should_be_the_biggest_changes_ties_by_name(void **state)
{
    struct ctx *c = *state;
    char text[2048];
    snprintf(text, sizeof text,
             "%sก,,2564,,80\nข,,2564,,80\nค,,2564,,90\nง,,2564,,70\nจ,,2564,,85\n"
             "ก,,2565,,85\nข,,2565,,85\nค,,2565,,80\nง,,2565,,90\nจ,,2565,,85\nฉ,,2565,,99\n",
             header);
    bind_text(c, text);
    assert_int_equal(rank(c, 0, NULL, 2), ITA_OK);
    const struct ita_ranking *r = &c->ranking;
    assert_int_equal(r->base_year, 2564);
    assert_int_equal(r->gain_count, 2);
    assert_string_equal(r->entries[r->gains[0]].agency->name, "ง");
    assert_int_equal(r->entries[r->gains[0]].delta, 2000);
    assert_string_equal(r->entries[r->gains[1]].agency->name, "ก"); /* +5, before ข */
    assert_int_equal(r->drop_count, 1);
    assert_string_equal(r->entries[r->drops[0]].agency->name, "ค");
    /* no base year: no change, not a change of 0 */
    for (size_t i = 0; i < r->count; i++)
        if (strcmp(r->entries[i].agency->name, "ฉ") == 0)
            assert_true(r->entries[i].previous == ITA_MISSING && r->entries[i].delta == ITA_MISSING);
    /* the earlier year on request */
    assert_int_equal(rank(c, 2564, NULL, 10), ITA_OK);
    assert_int_equal(c->ranking.count, 5);
    assert_int_equal(c->ranking.base_year, 0);
}

static void incomplete_agencies_should_be_named_and_left_out(void **state)
{
    struct ctx *c = *state;
    char text[2048];
    /* ก: indicators 1-10, no overall (computed); ข: indicator 1 only; ค: overall only;
     * ง: another year only; จ: overall and indicator 1 */
    snprintf(text, sizeof text,
             "%sก,,2565,1,90\nก,,2565,2,90\nก,,2565,3,90\nก,,2565,4,90\nก,,2565,5,90\n"
             "ก,,2565,6,80\nก,,2565,7,80\nก,,2565,8,80\nก,,2565,9,100\nก,,2565,10,100\n"
             "ข,,2565,1,50\nค,,2565,,70\nง,,2564,,70\nจ,,2565,,88\nจ,,2565,1,70\n",
             header);
    bind_text(c, text);
    assert_int_equal(rank(c, 0, NULL, 10), ITA_OK);
    const struct ita_ranking *r = &c->ranking;
    assert_int_equal(r->count, 3);
    assert_string_equal(r->entries[0].agency->name, "ก");
    assert_int_equal(r->entries[0].score, cents("91.00")); /* 6 x 5 x 90 + 10 x 3 x 80 + 20 x 2 x 100 */
    assert_int_equal(r->all.indicators[0].count, 2);        /* ค has no indicator 1 */
    assert_int_equal(r->all.indicators[0].mean, 8000);
    assert_int_equal(r->all.indicators[1].count, 1);
    size_t left_out = 0, partly = 0, overall_only = 0, no_year = 0;
    struct ita_texts en;
    struct ita_diags d;
    ita_diags_init(&d, 0);
    assert_int_equal(ita_texts_load(ITA_TEST_DATA_DIR "/texts/en.json", ITA_LANG_EN, NULL, &en, &d), ITA_OK);
    ita_diags_free(&d);
    for (size_t w = 0; w < r->note_count; w++) {
        struct ita_buf b;
        ita_buf_init(&b);
        ita_render_note(&b, &en, &r->notes[w]);
        assert_false(b.failed);
        left_out += strstr(b.data, "\"ข\" is left out") != NULL;
        partly += strstr(b.data, "\"จ\": indicators 2, 3, 4, 5, 6, 7, 8, 9, 10 of 2565 are missing") != NULL;
        overall_only += strstr(b.data, "1 agency has only an overall score for 2565") != NULL;
        no_year += strstr(b.data, "\"ง\" has no scores for 2565") != NULL;
        ita_buf_free(&b);
    }
    ita_texts_free(&en);
    assert_int_equal(left_out, 1);
    assert_int_equal(partly, 1);
    assert_int_equal(overall_only, 1);
    assert_int_equal(no_year, 1);
    /* a year nobody has */
    assert_int_equal(rank(c, 2563, NULL, 10), ITA_ERR_USAGE);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(stats_should_be_exact_and_rounded_once),
        cmocka_unit_test_setup_teardown(ranks_should_tie_by_score_and_list_ties_by_name, setup, teardown),
        cmocka_unit_test_setup_teardown(groups_should_rank_within_and_put_a_missing_value_last, setup, teardown),
        cmocka_unit_test_setup_teardown(movers_should_be_the_biggest_changes_ties_by_name, setup, teardown),
        cmocka_unit_test_setup_teardown(incomplete_agencies_should_be_named_and_left_out, setup, teardown),
    };
    return ita_test_main(argc, argv, "rank", tests, sizeof tests / sizeof tests[0]);
}
