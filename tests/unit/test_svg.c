/* Unit tests of include/ita/svg.h: charts from exact hundredths. */
#include "harness.h"

#include "ita/decimal.h"
#include "ita/svg.h"

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

static const struct ita_svg_chart chart = {"c1", "Title <&>", "Desc \"x\"", "FY2022", "FY2021", {"M", "I", "U"}};

static void axis_floor_should_be_a_multiple_of_five_at_least_five_below_the_lowest(void **state)
{
    (void)state;
    struct ita_svg_row rows[] = {{"a", 9880, 9457, -1, 0}, {"b", 8897, 8788, -1, 0}};
    assert_int_equal(ita_svg_axis_floor(rows, 2, ITA_MISSING), 8000);
    rows[1].previous = 8500;
    assert_int_equal(ita_svg_axis_floor(rows, 2, ITA_MISSING), 8000);
    rows[1].previous = ITA_MISSING;
    assert_int_equal(ita_svg_axis_floor(rows, 2, ITA_MISSING), 8000);
    assert_int_equal(ita_svg_axis_floor(rows, 2, 8000), 7500);
    struct ita_svg_row low[] = {{"z", 120, ITA_MISSING, -1, 0}};
    assert_int_equal(ita_svg_axis_floor(low, 1, ITA_MISSING), 0);
    assert_int_equal(ita_svg_axis_floor(NULL, 0, ITA_MISSING), 0);
}

static void dumbbell_should_carry_title_desc_and_every_value(void **state)
{
    (void)state;
    struct ita_svg_row rows[] = {{"1 Duty", 9880, 9457, -1, 0}, {"8 <System>", 8897, ITA_MISSING, -1, 0}};
    struct ita_buf b;
    ita_buf_init(&b);
    ita_svg_dumbbell(&b, &chart, rows, 2);
    assert_false(b.failed);
    assert_non_null(strstr(b.data, "role=\"img\""));
    assert_non_null(strstr(b.data, "aria-labelledby=\"c1-title c1-desc\""));
    assert_non_null(strstr(b.data, "<title id=\"c1-title\">Title &lt;&amp;&gt;</title>"));
    assert_non_null(strstr(b.data, "<desc id=\"c1-desc\">Desc &quot;x&quot;</desc>"));
    assert_non_null(strstr(b.data, ">98.80</text>"));
    assert_non_null(strstr(b.data, ">88.97</text>"));
    assert_non_null(strstr(b.data, ">8 &lt;System&gt;</text>"));
    /* two filled dots, one hollow (the second row has no previous), one joining line */
    assert_int_equal(count(b.data, "stroke-width=\"3\""), 1);
    assert_int_equal(count(b.data, "r=\"5.5\""), 2);
    assert_int_equal(count(b.data, "r=\"4.5\" fill=\"#ffffff\""), 2); /* one in the legend */
    assert_int_equal(count(b.data, "<svg "), 1);
    assert_int_equal(count(b.data, "</svg>"), 1);
    ita_buf_free(&b);
}

static void dumbbell_positions_should_be_exact_integers(void **state)
{
    (void)state;
    /* axis 80..100 over 406 px from x=250: 98.80 -> 250 + 1880*406/2000 = 631 (631.64 cut) */
    struct ita_svg_row rows[] = {{"a", 9880, ITA_MISSING, -1, 0}, {"b", 8500, ITA_MISSING, -1, 0}};
    struct ita_buf b;
    ita_buf_init(&b);
    ita_svg_dumbbell(&b, &chart, rows, 2);
    assert_non_null(strstr(b.data, "<circle cx=\"631\" cy=\"47\" r=\"5.5\""));
    assert_non_null(strstr(b.data, "<circle cx=\"351\" cy=\"73\" r=\"5.5\""));
    ita_buf_free(&b);
}

static void strip_should_draw_both_cutoffs_and_one_mark_per_item_by_group(void **state)
{
    (void)state;
    struct ita_svg_row rows[] = {
        {"I1", 9945, ITA_MISSING, 0, 0}, {"I6", 9667, ITA_MISSING, 1, 0}, {"I20", 8777, ITA_MISSING, 2, 0},
        {"E1", 9125, ITA_MISSING, 2, 1}, {"E4", 9804, ITA_MISSING, 0, 1},
    };
    const char *bands[] = {"IIT", "EIT"};
    struct ita_buf b;
    ita_buf_init(&b);
    ita_svg_strip(&b, &chart, rows, 5, 9750, 9500, bands, 2);
    assert_false(b.failed);
    assert_int_equal(count(b.data, "stroke-dasharray"), 2);
    assert_non_null(strstr(b.data, ">97.50</text>"));
    assert_non_null(strstr(b.data, ">95.00</text>"));
    /* marks: 2 + 1 legend circles, 1 + 1 squares, 2 + 1 diamonds */
    assert_int_equal(count(b.data, "<circle "), 3);
    assert_int_equal(count(b.data, "<rect "), 2);
    assert_int_equal(count(b.data, "<path "), 3);
    assert_non_null(strstr(b.data, ">IIT</text>"));
    assert_non_null(strstr(b.data, ">EIT</text>"));
    assert_non_null(strstr(b.data, ">I20</text>"));
    ita_buf_free(&b);
}

static void bars_should_run_from_zero_to_one_hundred(void **state)
{
    (void)state;
    struct ita_svg_row rows[] = {{"IIT", 10000, 5000, -1, 0}};
    struct ita_buf b;
    ita_buf_init(&b);
    ita_svg_bars(&b, &chart, rows, 1);
    /* 406 px for 100.00; 50.00 is half of it */
    assert_non_null(strstr(b.data, "width=\"406\" height=\"18\""));
    assert_non_null(strstr(b.data, "width=\"203\" height=\"7\""));
    assert_non_null(strstr(b.data, ">100.00</text>"));
    assert_non_null(strstr(b.data, ">50.00</text>"));
    ita_buf_free(&b);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(axis_floor_should_be_a_multiple_of_five_at_least_five_below_the_lowest),
        cmocka_unit_test(dumbbell_should_carry_title_desc_and_every_value),
        cmocka_unit_test(dumbbell_positions_should_be_exact_integers),
        cmocka_unit_test(strip_should_draw_both_cutoffs_and_one_mark_per_item_by_group),
        cmocka_unit_test(bars_should_run_from_zero_to_one_hundred),
    };
    return ita_test_main(argc, argv, "svg", tests, sizeof tests / sizeof tests[0]);
}
