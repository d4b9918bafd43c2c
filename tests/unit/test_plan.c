/* Unit tests of include/ita/plan.h: every plan figure is checked against a slow
 * exhaustive search over small cases, with a checker of its own that rounds the
 * way analyze does (exact fractions, ita_exact_round). */
#include "harness.h"

#include <stdlib.h>

#include "ita/analyze.h"
#include "ita/bind.h"
#include "ita/decimal.h"
#include "ita/diag.h"
#include "ita/framework.h"
#include "ita/load.h"
#include "ita/plan.h"

#define MAXN 4

/* The reference: overall = sum of weight x score, exact, rounded once; a tool
 * = the exact mean of its indicators, rounded once. */
static bool slow_reaches(const struct ita_plan_problem *p, const int64_t *x)
{
    struct ita_exact sum = {0, 1};
    for (size_t i = 0; i < p->count; i++) {
        struct ita_exact term;
        assert_true(ita_exact_scale(ita_exact_from_cents(x[i]), p->weights[i], 10000, &term));
        assert_true(ita_exact_add(sum, term, &sum));
    }
    if (ita_exact_round(sum) < p->target)
        return false;
    if (p->tool_min == ITA_MISSING)
        return true;
    for (int t = 0; t < ITA_TOOL_COUNT; t++) {
        struct ita_mean m;
        ita_mean_init(&m);
        for (size_t i = 0; i < p->count; i++)
            if (p->tools[i] == (enum ita_tool)t)
                ita_mean_add(&m, ita_exact_from_cents(x[i]));
        struct ita_exact v;
        if (ita_mean_value(&m, &v) && ita_exact_round(v) < p->tool_min)
            return false;
    }
    return true;
}

static int64_t slow_alone(const struct ita_plan_problem *p, size_t j)
{
    int64_t x[MAXN];
    memcpy(x, p->scores, p->count * sizeof x[0]);
    for (int64_t v = p->scores[j]; v <= 10000; v++) {
        x[j] = v;
        if (slow_reaches(p, x))
            return v;
    }
    return ITA_MISSING;
}

static int64_t slow_even(const struct ita_plan_problem *p)
{
    int64_t x[MAXN];
    for (int64_t level = 0; level <= 10000; level++) {
        for (size_t i = 0; i < p->count; i++)
            x[i] = p->scores[i] < level ? level : p->scores[i];
        if (slow_reaches(p, x))
            return level;
    }
    return ITA_MISSING;
}

/* Every combination of raises: the fewest hundredths in total. */
static int64_t slow_cheapest(const struct ita_plan_problem *p)
{
    int64_t x[MAXN], best = ITA_MISSING;
    memcpy(x, p->scores, p->count * sizeof x[0]);
    for (;;) {
        int64_t total = 0;
        for (size_t i = 0; i < p->count; i++)
            total += x[i] - p->scores[i];
        if ((best == ITA_MISSING || total < best) && slow_reaches(p, x))
            best = total;
        size_t i = 0;
        while (i < p->count && x[i] == 10000) {
            x[i] = p->scores[i];
            i++;
        }
        if (i == p->count)
            break;
        x[i]++;
    }
    return best;
}

static uint64_t rng_next(uint64_t *s)
{
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return *s >> 33;
}

static void check_case(const struct ita_plan_problem *p)
{
    int64_t work[MAXN]; /* the solvers' scratch */
    char what[256];
    snprintf(what, sizeof what, "n=%zu target=%lld tool_min=%lld scores=%lld,%lld,%lld,%lld weights=%lld,%lld,%lld,%lld",
             p->count, (long long)p->target, (long long)p->tool_min, (long long)p->scores[0],
             (long long)p->scores[1], (long long)(p->count > 2 ? p->scores[2] : -1),
             (long long)(p->count > 3 ? p->scores[3] : -1), (long long)p->weights[0], (long long)p->weights[1],
             (long long)(p->count > 2 ? p->weights[2] : -1), (long long)(p->count > 3 ? p->weights[3] : -1));
    assert_int_equal(ita_plan_reaches(p, p->scores), slow_reaches(p, p->scores));
    for (size_t j = 0; j < p->count; j++)
        if (ita_plan_alone(p, j, work) != slow_alone(p, j))
            fail_msg("alone %zu: %lld, slow search %lld; %s", j, (long long)ita_plan_alone(p, j, work),
                     (long long)slow_alone(p, j), what);
    int64_t even[MAXN];
    int64_t level = ita_plan_even(p, even, work);
    if (level != slow_even(p))
        fail_msg("even: %lld, slow search %lld; %s", (long long)level, (long long)slow_even(p), what);
    if (level != ITA_MISSING) {
        assert_true(slow_reaches(p, even));
        for (size_t i = 0; i < p->count; i++)
            assert_int_equal(even[i], p->scores[i] < level ? level : p->scores[i]);
    }
    int64_t cheap[MAXN];
    int64_t total = ita_plan_cheapest(p, cheap, work);
    int64_t slow = slow_cheapest(p);
    if (total != slow)
        fail_msg("cheapest: %lld, slow search %lld; %s", (long long)total, (long long)slow, what);
    if (total != ITA_MISSING) {
        assert_true(slow_reaches(p, cheap));
        int64_t sum = 0;
        for (size_t i = 0; i < p->count; i++) {
            assert_true(cheap[i] >= p->scores[i] && cheap[i] <= 10000);
            sum += cheap[i] - p->scores[i];
        }
        assert_int_equal(sum, total);
        /* without tool conditions: nothing lighter is raised while a heavier one has room */
        if (p->tool_min == ITA_MISSING)
            for (size_t i = 0; i < p->count; i++)
                for (size_t k = 0; k < p->count; k++)
                    if (cheap[i] > p->scores[i] && p->weights[k] > p->weights[i] && cheap[k] < 10000)
                        fail_msg("cheapest raised %zu before the heavier %zu; %s", i, k, what);
    }
}

/* Small cases near 100, where every combination of raises can be tried. */
static void plan_figures_should_match_an_exhaustive_search(void **state)
{
    (void)state;
    static const int64_t weight_sets[][MAXN] = {
        {2500, 2500, 2500, 2500}, {4000, 3000, 2000, 1000}, {3000, 3000, 2000, 2000},
        {6000, 2000, 2000, 0},    {3300, 3300, 3400, 0},    {5000, 3000, 1500, 500},
    };
    static const enum ita_tool tool_sets[][MAXN] = {
        {ITA_IIT, ITA_IIT, ITA_EIT, ITA_OIT}, {ITA_IIT, ITA_EIT, ITA_EIT, ITA_OIT},
        {ITA_IIT, ITA_IIT, ITA_IIT, ITA_EIT},
    };
    uint64_t seed = 2565;
    size_t cases = 0, reached = 0;
    for (int round = 0; round < 1500; round++) {
        int64_t scores[MAXN], weights[MAXN];
        enum ita_tool tools[MAXN];
        size_t ws = rng_next(&seed) % (sizeof weight_sets / sizeof weight_sets[0]);
        size_t ts = rng_next(&seed) % (sizeof tool_sets / sizeof tool_sets[0]);
        size_t n = weight_sets[ws][3] == 0 ? 3 : 4;
        for (size_t i = 0; i < MAXN; i++) {
            scores[i] = 9990 + (int64_t)(rng_next(&seed) % 11); /* 99.90 .. 100.00 */
            weights[i] = weight_sets[ws][i];
            tools[i] = tool_sets[ts][i];
        }
        struct ita_plan_problem p = {n, scores, weights, tools, 9990 + (int64_t)(rng_next(&seed) % 12),
                                     ITA_MISSING};
        if (p.target > 10000)
            p.target = 10000;
        if (rng_next(&seed) % 2 == 0)
            p.tool_min = 9990 + (int64_t)(rng_next(&seed) % 11);
        check_case(&p);
        cases++;
        reached += slow_reaches(&p, scores);
    }
    /* the sample holds targets met already and targets to reach */
    assert_true(reached > cases / 10 && reached < cases - cases / 10);
}

/* The two decimals are published, so a target can be reached by a sum that is
 * half a hundredth short of it: 0.25 x 99.98 + ... rounds up. */
static void alone_should_count_the_rounding_of_the_overall_score(void **state)
{
    (void)state;
    int64_t work[8]; /* the solvers' scratch, as many as the indicators or more */
    const int64_t scores[] = {9000, 9000};
    const int64_t weights[] = {5000, 5000};
    const enum ita_tool tools[] = {ITA_IIT, ITA_EIT};
    struct ita_plan_problem p = {2, scores, weights, tools, 9100, ITA_MISSING};
    /* (90 + v) / 2 >= 90.995 <=> v >= 91.99 */
    assert_int_equal(ita_plan_alone(&p, 0, work), 9199);
    int64_t even[2];
    /* both at L: L >= 90.995, so 91.00 */
    assert_int_equal(ita_plan_even(&p, even, work), 9100);
    int64_t cheap[2];
    assert_int_equal(ita_plan_cheapest(&p, cheap, work), 199);
    /* equal weights, equal scores: framework order */
    assert_int_equal(cheap[0], 9199);
    assert_int_equal(cheap[1], 9000);
}

static void plan_should_be_null_where_even_100_would_not_do(void **state)
{
    (void)state;
    int64_t work[8]; /* the solvers' scratch, as many as the indicators or more */
    const int64_t scores[] = {5000, 5000, 5000};
    const int64_t weights[] = {2000, 3000, 5000};
    const enum ita_tool tools[] = {ITA_IIT, ITA_EIT, ITA_OIT};
    struct ita_plan_problem p = {3, scores, weights, tools, 8000, ITA_MISSING};
    assert_int_equal(ita_plan_alone(&p, 0, work), ITA_MISSING);   /* 60 at most */
    assert_int_equal(ita_plan_alone(&p, 2, work), ITA_MISSING);   /* 75 at most */
    int64_t out[3] = {1, 2, 3};
    assert_int_equal(ita_plan_even(&p, out, work), 8000);
    /* OIT to 100, then EIT: 10 + 0.3 v + 50 >= 79.995, v = 66.65 */
    assert_int_equal(ita_plan_cheapest(&p, out, work), 5000 + 1665);
    assert_int_equal(out[2], 10000);
    assert_int_equal(out[1], 6665);
    assert_int_equal(out[0], 5000);
    p.tool_min = 10001;
    out[0] = 1;
    assert_int_equal(ita_plan_cheapest(&p, out, work), ITA_MISSING);
    assert_int_equal(ita_plan_even(&p, out, work), ITA_MISSING);
    assert_int_equal(out[0], 1); /* untouched */
}

static void a_tool_condition_should_be_met_before_the_weights(void **state)
{
    (void)state;
    int64_t work[8]; /* the solvers' scratch, as many as the indicators or more */
    /* EIT at 84 keeps a 94.64 agency at ผ่าน: Good needs every tool at 85.00 */
    const int64_t scores[] = {9900, 9900, 8400, 8400, 10000};
    const int64_t weights[] = {1500, 1500, 1500, 1500, 4000};
    const enum ita_tool tools[] = {ITA_IIT, ITA_IIT, ITA_EIT, ITA_EIT, ITA_OIT};
    struct ita_plan_problem p = {5, scores, weights, tools, 8500, 8500};
    int64_t out[5];
    /* EIT: (a + b) / 2 >= 84.995 <=> a + b >= 169.99: 1.99 points in all */
    assert_int_equal(ita_plan_cheapest(&p, out, work), 199);
    assert_int_equal(out[2] + out[3], 16999);
    assert_int_equal(ita_plan_alone(&p, 2, work), 8599);
    assert_int_equal(ita_plan_alone(&p, 0, work), ITA_MISSING);
}

static void target_should_be_a_score_a_grade_or_a_level(void **state)
{
    (void)state;
    struct ita_diags d;
    ita_diags_init(&d, 0);
    struct ita_framework *g = NULL, *l = NULL;
    assert_int_equal(ita_framework_load(ITA_TEST_DATA_DIR "/frameworks/ita-2565.json", &g, &d), ITA_OK);
    assert_int_equal(ita_framework_load(ITA_TEST_DATA_DIR "/frameworks/ita-2566.json", &l, &d), ITA_OK);
    struct ita_plan_target t;
    assert_true(ita_plan_target_resolve("98", g, &t));
    assert_int_equal(t.score, 9800);
    assert_int_equal(t.tool_min, ITA_MISSING);
    assert_int_equal(t.band, SIZE_MAX);
    assert_true(ita_plan_target_resolve(" 97.5 ", g, &t));
    assert_int_equal(t.score, 9750);
    assert_true(ita_plan_target_resolve("AA", g, &t));
    assert_int_equal(t.score, 9500);
    assert_int_equal(t.tool_min, ITA_MISSING);
    assert_int_equal(t.band, 0);
    assert_true(ita_plan_target_resolve("b", g, &t));
    assert_int_equal(t.score, 7500);
    assert_false(ita_plan_target_resolve("ผ่านดี", g, &t));
    assert_true(ita_plan_target_resolve("ผ่านดี", l, &t));
    assert_int_equal(t.score, 8500);
    assert_int_equal(t.tool_min, 8500);
    assert_true(ita_plan_target_resolve("excellent", l, &t));
    assert_int_equal(t.score, 9500);
    assert_int_equal(t.tool_min, 9500);
    assert_false(ita_plan_target_resolve("AA", l, &t));
    assert_false(ita_plan_target_resolve("100.01", g, &t));
    assert_false(ita_plan_target_resolve("", g, &t));
    ita_framework_free(&g);
    ita_framework_free(&l);
    ita_diags_free(&d);
}

/* The plan of the bundled example agrees with the report it is made from. */
static void plan_of_the_example_should_agree_with_its_report(void **state)
{
    (void)state;
    struct ita_framework_set fws;
    ita_framework_set_init(&fws);
    assert_int_equal(ita_framework_set_configure(&fws, ITA_TEST_DATA_DIR "/frameworks", NULL), ITA_OK);
    struct ita_score_set set;
    ita_score_set_init(&set);
    struct ita_diags d;
    ita_diags_init(&d, 0);
    const char *path = ITA_TEST_DATA_DIR "/examples/tceb-2565.csv";
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    struct ita_binder b;
    struct ita_load_sink sink;
    ita_diags_begin_file(&d);
    ita_binder_begin(&b, &set, &fws, &d, path, &sink);
    assert_int_equal(ita_load_stream(f, path, ',', 4096, &sink, &d), ITA_OK);
    ita_binder_end(&b);
    ita_diags_end_file(&d, path);
    fclose(f);
    struct ita_analyze_options o;
    ita_analyze_options_init(&o);
    struct ita_analysis a;
    assert_int_equal(ita_analyze(&set, &o, &a, &d), ITA_OK);
    struct ita_planning pl;
    assert_int_equal(ita_plan_all(&a, "98", &pl, &d), ITA_OK);
    assert_int_equal(pl.count, 1);
    const struct ita_plan *p = &pl.plans[0];
    assert_int_equal(p->current, 9704);
    assert_int_equal(p->recomputed, 9704);
    assert_int_equal(p->gap, 96);
    assert_true(p->complete);
    assert_false(p->met);
    /* OIT is at 100 already: its indicators cannot help */
    assert_int_equal(p->alone[8], ITA_MISSING);
    assert_int_equal(p->alone[9], ITA_MISSING);
    /* indicator 8 (10 %, 88.97): 10 v >= 889.70 + 95.58, so v = 98.528 -> 98.53 */
    assert_int_equal(p->alone[7], 9853);
    assert_true(p->cheapest_total != ITA_MISSING);
    ita_planning_free(&pl);
    assert_int_equal(ita_plan_all(&a, "AA", &pl, &d), ITA_OK);
    assert_true(pl.plans[0].met);
    ita_planning_free(&pl);
    assert_int_equal(ita_plan_all(&a, "ผ่านดี", &pl, &d), ITA_ERR_USAGE);
    assert_int_equal(d.count, 1);
    ita_analysis_free(&a);
    ita_score_set_free(&set);
    ita_framework_set_free(&fws);
    ita_diags_free(&d);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(plan_figures_should_match_an_exhaustive_search),
        cmocka_unit_test(alone_should_count_the_rounding_of_the_overall_score),
        cmocka_unit_test(plan_should_be_null_where_even_100_would_not_do),
        cmocka_unit_test(a_tool_condition_should_be_met_before_the_weights),
        cmocka_unit_test(target_should_be_a_score_a_grade_or_a_level),
        cmocka_unit_test(plan_of_the_example_should_agree_with_its_report),
    };
    return ita_test_main(argc, argv, "plan", tests, sizeof tests / sizeof tests[0]);
}
