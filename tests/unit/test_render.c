/* Unit tests of the renderers' helpers in include/ita/render.h. */
#include "harness.h"

#include "ita/render.h"

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

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(slug_should_lower_case_ascii_and_join_other_runs_with_one_dash),
        cmocka_unit_test(slug_should_keep_thai_letters_and_their_marks),
        cmocka_unit_test(slug_should_fall_back_to_agency_when_nothing_is_left),
        cmocka_unit_test(slug_should_stop_at_180_bytes_on_a_character_boundary),
    };
    return ita_test_main(argc, argv, "render", tests, sizeof tests / sizeof tests[0]);
}
