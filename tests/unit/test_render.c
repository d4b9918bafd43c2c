/* Unit tests of the renderers' helpers in include/ita/render.h, and of their private text table (src/render/common.h). */
#include "harness.h"

#include <stdlib.h>

#include "ita/render.h"
#include "../../src/render/common.h"

static const char *slug(const char *name)
{
    static char out[256];
    struct ita_buf b;
    ita_buf_init(&b);
    ita_render_slug(&b, name);
    assert_false(b.failed);
    snprintf(out, sizeof out, "%s", b.data ? b.data : "");
    ita_buf_free(&b);
    return out;
}

static void slug_should_lower_case_ascii_and_join_other_runs_with_one_dash(void **state)
{
    (void)state;
    assert_string_equal(slug("Agency A"), "agency-a");
    assert_string_equal(slug("  Office of the Ombudsman / Region 3 (North)!! "), "office-of-the-ombudsman-region-3-north");
    assert_string_equal(slug("a..b__c"), "a-b-c");
}

static void slug_should_keep_thai_letters_and_their_marks(void **state)
{
    (void)state;
    assert_string_equal(slug("สำนักงานส่งเสริมการจัดประชุมและนิทรรศการ (องค์การมหาชน)"),
                        "สำนักงานส่งเสริมการจัดประชุมและนิทรรศการ-องค์การมหาชน");
    assert_string_equal(slug("กรม ก"), "กรม-ก");
}

static void slug_should_fall_back_to_agency_when_nothing_is_left(void **state)
{
    (void)state;
    assert_string_equal(slug(""), "agency");
    assert_string_equal(slug("()/ -"), "agency");
}

static void slug_should_stop_at_180_bytes_on_a_character_boundary(void **state)
{
    (void)state;
    char name[600] = "";
    for (int i = 0; i < 70; i++)
        strcat(name, "ก"); /* 3 bytes each */
    const char *s = slug(name);
    assert_int_equal(strlen(s), 180);
    assert_true(ita_is_valid_utf8(s, strlen(s)));
}

/* The lines of a table of rows of two cells, the first column right-aligned or
 * not and at most max columns wide, rendered without indent. */
static char *render_table(const char *const (*rows)[2], size_t n, int right, size_t max)
{
    const int align[2] = {right, 0};
    struct table t;
    table_init(&t, 2, align);
    t.max[0] = max;
    for (size_t i = 0; i < n; i++)
        table_row(&t, NULL, rows[i]);
    struct ita_buf out;
    ita_buf_init(&out);
    table_render(&t, &out, "");
    table_free(&t);
    assert_false(out.failed);
    return out.data;
}

/* Thai text is padded by the columns it shows, not by its bytes: marks take none. */
static void table_should_pad_thai_text_by_display_width(void **state)
{
    (void)state;
    static const char *const rows[][2] = {{"กา", "|"}, {"ก่า", "|"}, {"น้ำ", "|"}, {"คำ", "|"}, {"สวัสดี", "|"}};
    char *lines = render_table(rows, 5, 0, SIZE_MAX);
    size_t count = 0;
    for (char *line = strtok(lines, "\n"); line != NULL; line = strtok(NULL, "\n"), count++)
        assert_int_equal(ita_display_width(line), 4 + 2 + 1); /* สวัสดี takes 4 */
    assert_int_equal(count, 5);
    free(lines);
    static const char *const right[][2] = {{"ก่า", "|"}, {"abcd", "|"}};
    lines = render_table(right, 2, 1, SIZE_MAX);
    assert_string_equal(lines, "  ก่า  |\nabcd  |\n");
    free(lines);
}

/* A cell cut to its column keeps whole characters with their marks, then "…",
 * and is padded to the column. */
static void table_should_cut_long_text_without_splitting_marks(void **state)
{
    (void)state;
    static const char *const thai[][2] = {{"ก่าก่าก่า", "|"}}; /* 6 columns into 3: two for ก่า, one for … */
    char *lines = render_table(thai, 1, 0, 3);
    assert_string_equal(lines, "ก่า\xe2\x80\xa6  |\n");
    free(lines);
    static const char *const latin[][2] = {{"abcdef", "|"}, {"ab", "|"}};
    lines = render_table(latin, 2, 1, 4);
    assert_string_equal(lines, "abc\xe2\x80\xa6  |\n  ab  |\n");
    free(lines);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(slug_should_lower_case_ascii_and_join_other_runs_with_one_dash),
        cmocka_unit_test(table_should_pad_thai_text_by_display_width),
        cmocka_unit_test(table_should_cut_long_text_without_splitting_marks),
        cmocka_unit_test(slug_should_keep_thai_letters_and_their_marks),
        cmocka_unit_test(slug_should_fall_back_to_agency_when_nothing_is_left),
        cmocka_unit_test(slug_should_stop_at_180_bytes_on_a_character_boundary),
    };
    return ita_test_main(argc, argv, "render", tests, sizeof tests / sizeof tests[0]);
}
