/* Unit tests of include/ita/peers.h: rank, percentile, quartiles and quarter of
 * an agency among the agencies of a second score set, with ties, with and without
 * the agency among them, and by an attribute. */
#include "harness.h"
#include "scores_fixture.h"

#include <stdlib.h>

#include "ita/analyze.h"
#include "ita/peers.h"

struct ctx {
    struct ita_framework_set fws;
    struct ita_score_set own, peers;
    struct ita_diags diags;
    struct ita_analysis a;
};

static int setup(void **state)
{
    struct ctx *c = calloc(1, sizeof *c);
    if (c == NULL || fixture_open(&c->fws, &c->own, &c->diags) != 0)
        return -1;
    ita_score_set_init(&c->peers);
    *state = c;
    return 0;
}

static int teardown(void **state)
{
    struct ctx *c = *state;
    ita_analysis_free(&c->a);
    ita_score_set_free(&c->peers);
    fixture_close(&c->fws, &c->own, &c->diags);
    free(c);
    return 0;
}

static enum ita_status run(struct ctx *c, const char *own, const char *peers, const char *by)
{
    fixture_bind(&c->fws, &c->own, &c->diags, "own.csv", own);
    fixture_bind(&c->fws, &c->peers, &c->diags, "peers.csv", peers);
    assert_int_equal(c->diags.count, 0);
    struct ita_analyze_options o;
    ita_analyze_options_init(&o);
    assert_int_equal(ita_analyze(&c->own, &o, &c->a, &c->diags), ITA_OK);
    return ita_peers_attach(&c->a, &c->own, &c->peers, by, &c->diags);
}

static void the_agency_among_its_peers_should_tie_with_itself(void **state)
{
    struct ctx *c = *state;
    /* peers 80, 90, 90, 95: the agency (90) is one of them */
    assert_int_equal(run(c, "agency,year,indicator,score\nX,2565,,90\n",
                         "agency,year,indicator,score\nA,2565,,80\nX,2565,,90\nB,2565,,90\nC,2565,,95\n", NULL),
                     ITA_OK);
    const struct ita_peers *p = c->a.reports[0].peers;
    assert_non_null(p);
    assert_int_equal(p->count, 4);
    assert_true(p->includes_agency);
    assert_null(p->by);
    assert_int_equal(p->overall.rank, 2);
    /* (1 lower + 2 equal / 2) / 4 = 50.00 */
    assert_int_equal(p->overall.percentile, 5000);
    /* sorted 80 90 90 95: p25 at 0.75 -> 87.50, median 90, p75 at 2.25 -> 91.25 */
    assert_int_equal(p->overall.p25, 8750);
    assert_int_equal(p->overall.median, 9000);
    assert_int_equal(p->overall.p75, 9125);
    assert_int_equal(p->overall.quarter, ITA_QUARTER_MIDDLE);
    /* no indicator scores: no indicator figures */
    assert_int_equal(p->indicators[0].count, 0);
    assert_int_equal(p->indicators[0].rank, 0);
    assert_true(p->indicators[0].percentile == ITA_MISSING);
}

static void an_agency_not_among_the_peers_should_not_be_counted(void **state)
{
    struct ctx *c = *state;
    assert_int_equal(run(c, "agency,year,indicator,score\nX,2565,,79.99\n",
                         "agency,year,indicator,score\nA,2565,,80\nB,2565,,90\nC,2565,,95\n", NULL),
                     ITA_OK);
    const struct ita_peers *p = c->a.reports[0].peers;
    assert_int_equal(p->count, 3);
    assert_false(p->includes_agency);
    assert_int_equal(p->overall.rank, 4);
    assert_int_equal(p->overall.percentile, 0);
    assert_int_equal(p->overall.quarter, ITA_QUARTER_LOWEST);
}

static void the_percentile_should_round_once_half_away_from_zero(void **state)
{
    struct ctx *c = *state;
    /* 1 lower of 3 (not counted): 100 / 3 = 33.333... -> 33.33; 2 lower: 66.67 */
    assert_int_equal(run(c, "agency,year,indicator,score\nX,2565,,85\nY,2565,,92\n",
                         "agency,year,indicator,score\nA,2565,,80\nB,2565,,90\nC,2565,,95\n", NULL),
                     ITA_OK);
    assert_int_equal(c->a.reports[0].peers->overall.percentile, 3333);
    assert_int_equal(c->a.reports[1].peers->overall.percentile, 6667);
    assert_int_equal(c->a.reports[1].peers->overall.rank, 2);
}

static void peers_by_an_attribute_should_share_the_agency_value(void **state)
{
    struct ctx *c = *state;
    /* X has no province in its own file: the peers' file gives it */
    assert_int_equal(run(c, "agency,year,indicator,score\nX,2565,,99\nZ,2565,,50\n",
                         "agency,province,year,indicator,score\nA,P,2565,,80\nB,Q,2565,,100\nX,Q,2565,,99\n"
                         "C,Q,2565,,60\n",
                         "Province"),
                     ITA_OK);
    const struct ita_peers *x = c->a.reports[0].peers, *z = c->a.reports[1].peers;
    assert_string_equal(x->value, "Q");
    assert_int_equal(x->count, 3);
    assert_int_equal(x->overall.rank, 2);
    assert_int_equal(x->overall.quarter, ITA_QUARTER_MIDDLE);
    /* Z has no value anywhere: no peers */
    assert_null(z->value);
    assert_int_equal(z->count, 0);
    assert_int_equal(z->overall.rank, 0);
}

static void an_unknown_column_or_year_should_be_a_usage_error(void **state)
{
    struct ctx *c = *state;
    assert_int_equal(run(c, "agency,year,indicator,score\nX,2565,,99\n", "agency,year,indicator,score\nA,2565,,80\n",
                         "ministry"),
                     ITA_ERR_USAGE);
    assert_int_equal(c->diags.count, 1);
    ita_score_set_free(&c->peers);
    ita_score_set_init(&c->peers);
    ita_analysis_free(&c->a);
    ita_diags_free(&c->diags);
    fixture_bind(&c->fws, &c->peers, &c->diags, "peers.csv", "agency,year,indicator,score\nA,2564,,80\n");
    struct ita_analyze_options o;
    ita_analyze_options_init(&o);
    assert_int_equal(ita_analyze(&c->own, &o, &c->a, &c->diags), ITA_OK);
    assert_int_equal(ita_peers_attach(&c->a, &c->own, &c->peers, NULL, &c->diags), ITA_ERR_USAGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(the_agency_among_its_peers_should_tie_with_itself, setup, teardown),
        cmocka_unit_test_setup_teardown(an_agency_not_among_the_peers_should_not_be_counted, setup, teardown),
        cmocka_unit_test_setup_teardown(the_percentile_should_round_once_half_away_from_zero, setup, teardown),
        cmocka_unit_test_setup_teardown(peers_by_an_attribute_should_share_the_agency_value, setup, teardown),
        cmocka_unit_test_setup_teardown(an_unknown_column_or_year_should_be_a_usage_error, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
