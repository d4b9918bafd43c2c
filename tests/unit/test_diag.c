/* Unit tests of include/ita/diag.h: the diagnostics list, its per-file cap,
 * the one message format, and quoting of offending values. */
#include "harness.h"

#include <stdlib.h>

#include "ita/diag.h"
#include "ita/util.h"

static const char *format(const struct ita_diag *g)
{
    static char buf[1024];
    ita_diag_format(g, buf, sizeof buf);
    return buf;
}

static void diags_should_store_at_most_limit_per_file_and_count_the_rest(void **state)
{
    (void)state;
    struct ita_diags d;
    ita_diags_init(&d, 3);
    ita_diags_begin_file(&d);
    for (int i = 1; i <= 5; i++)
        ita_diags_add(&d, ITA_SEV_ERROR, "f.csv", (size_t)i + 1, 2, "problem %d", i);
    assert_int_equal(d.count, 3);
    assert_int_equal(d.dropped, 2);
    assert_int_equal(d.errors, 5);
    assert_string_equal(d.items[2].message, "problem 3");
    ita_diags_end_file(&d, "f.csv");
    assert_int_equal(d.count, 4);
    const struct ita_diag *summary = &d.items[3];
    assert_string_equal(summary->file, "f.csv");
    assert_non_null(strstr(summary->message, "2 more problems"));
    assert_int_equal(d.dropped, 0);
    assert_int_equal(d.errors, 5); /* the summary is not one more problem */
    ita_diags_free(&d);
}

static void diags_should_say_problem_in_the_singular_for_one_dropped(void **state)
{
    (void)state;
    struct ita_diags d;
    ita_diags_init(&d, 1);
    ita_diags_begin_file(&d);
    ita_diags_add(&d, ITA_SEV_ERROR, "f.csv", 2, 1, "first");
    ita_diags_add(&d, ITA_SEV_WARNING, "f.csv", 3, 1, "second");
    ita_diags_end_file(&d, "f.csv");
    assert_int_equal(d.count, 2);
    assert_non_null(strstr(d.items[1].message, "1 more problem "));
    ita_diags_free(&d);
}

static void diags_should_reset_the_cap_for_each_file(void **state)
{
    (void)state;
    struct ita_diags d;
    ita_diags_init(&d, 2);
    ita_diags_begin_file(&d);
    for (int i = 0; i < 4; i++)
        ita_diags_add(&d, ITA_SEV_ERROR, "a.csv", 1, 1, "a%d", i);
    ita_diags_end_file(&d, "a.csv");
    ita_diags_begin_file(&d);
    for (int i = 0; i < 2; i++)
        ita_diags_add(&d, ITA_SEV_ERROR, "b.csv", 1, 1, "b%d", i);
    ita_diags_end_file(&d, "b.csv");
    /* a0 a1 summary-of-a b0 b1; no summary for b */
    assert_int_equal(d.count, 5);
    assert_string_equal(d.items[3].message, "b0");
    assert_string_equal(d.items[4].message, "b1");
    assert_int_equal(d.errors, 6);
    ita_diags_free(&d);
}

static void diags_should_add_no_summary_when_nothing_was_dropped(void **state)
{
    (void)state;
    struct ita_diags d;
    ita_diags_init(&d, 3);
    ita_diags_begin_file(&d);
    ita_diags_add(&d, ITA_SEV_ERROR, "f.csv", 1, 1, "only");
    ita_diags_end_file(&d, "f.csv");
    assert_int_equal(d.count, 1);
    ita_diags_free(&d);
}

static void diags_with_limit_zero_should_store_everything(void **state)
{
    (void)state;
    struct ita_diags d;
    ita_diags_init(&d, 0);
    ita_diags_begin_file(&d);
    for (int i = 0; i < 200; i++)
        ita_diags_add(&d, ITA_SEV_WARNING, "f.csv", (size_t)i, 1, "w%d", i);
    ita_diags_end_file(&d, "f.csv");
    assert_int_equal(d.count, 200);
    assert_int_equal(d.warnings, 200);
    assert_int_equal(d.errors, 0);
    assert_string_equal(d.items[199].message, "w199");
    ita_diags_free(&d);
}

static void diags_should_count_errors_and_warnings_apart(void **state)
{
    (void)state;
    struct ita_diags d;
    ita_diags_init(&d, ITA_DIAG_DEFAULT_LIMIT);
    ita_diags_begin_file(&d);
    ita_diags_add(&d, ITA_SEV_ERROR, "f.csv", 1, 1, "e");
    ita_diags_add(&d, ITA_SEV_WARNING, "f.csv", 2, 1, "w");
    ita_diags_add(&d, ITA_SEV_WARNING, NULL, 0, 0, "w");
    assert_int_equal(d.errors, 1);
    assert_int_equal(d.warnings, 2);
    assert_int_equal(d.items[1].severity, ITA_SEV_WARNING);
    assert_null(d.items[2].file);
    assert_false(d.out_of_memory);
    ita_diags_free(&d);
}

static void diags_should_keep_messages_longer_than_any_buffer(void **state)
{
    (void)state;
    char long_text[2001];
    memset(long_text, 'x', 2000);
    long_text[2000] = '\0';
    struct ita_diags d;
    ita_diags_init(&d, 0);
    ita_diags_add(&d, ITA_SEV_ERROR, "f.csv", 1, 1, "<%s>", long_text);
    assert_int_equal(strlen(d.items[0].message), 2002);
    ita_diags_free(&d);
}

static void diags_should_copy_the_file_name(void **state)
{
    (void)state;
    char name[] = "f.csv";
    struct ita_diags d;
    ita_diags_init(&d, 0);
    ita_diags_add(&d, ITA_SEV_ERROR, name, 1, 1, "m");
    name[0] = 'g';
    assert_string_equal(d.items[0].file, "f.csv");
    ita_diags_free(&d);
    assert_null(d.items);
    assert_int_equal(d.count, 0);
}

static void diag_format_should_be_file_line_column_message(void **state)
{
    (void)state;
    char file[] = "f.csv", message[] = "message";
    struct ita_diag g = {ITA_SEV_ERROR, file, 3, 2, message, NULL};
    assert_string_equal(format(&g), "f.csv:3:2: message");
    g.severity = ITA_SEV_WARNING;
    assert_string_equal(format(&g), "f.csv:3:2: warning: message");
    g.severity = ITA_SEV_ERROR;
    g.column = 0;
    assert_string_equal(format(&g), "f.csv:3: message");
    g.line = 0;
    assert_string_equal(format(&g), "f.csv: message");
    g.file = NULL;
    assert_string_equal(format(&g), "message");
    g.severity = ITA_SEV_WARNING;
    assert_string_equal(format(&g), "warning: message");
}

static void diags_in_a_sheet_should_name_the_cell(void **state)
{
    (void)state;
    struct ita_diags d;
    ita_diags_init(&d, 0);
    ita_diags_begin_file(&d);
    ita_diags_set_sheet(&d, "s.xlsx", "Sheet1", 0);
    ita_diags_add(&d, ITA_SEV_ERROR, "s.xlsx", 12, 3, "bad");
    ita_diags_set_sheet(&d, "s.xlsx", "Sheet1", 2); /* the table starts in column C */
    ita_diags_add(&d, ITA_SEV_WARNING, "s.xlsx", 12, 26, "far");
    ita_diags_add(&d, ITA_SEV_ERROR, "s.xlsx", 7, 0, "row");
    ita_diags_add(&d, ITA_SEV_ERROR, "s.xlsx", 0, 0, "sheet");
    ita_diags_add(&d, ITA_SEV_ERROR, "other.json", 4, 5, "not in the sheet");
    ita_diags_end_file(&d, "s.xlsx");
    ita_diags_add(&d, ITA_SEV_ERROR, "s.xlsx", 2, 1, "after the file");
    ita_diags_begin_file(&d);
    ita_diags_set_sheet(&d, "t.xlsx", "My 'best' sheet", 0);
    ita_diags_add(&d, ITA_SEV_ERROR, "t.xlsx", 1048576, 16384, "quoted");
    ita_diags_set_sheet(&d, "t.xlsx", "2565", 0);
    ita_diags_add(&d, ITA_SEV_ERROR, "t.xlsx", 2, 1, "a number");
    ita_diags_set_sheet(&d, "t.xlsx", "คะแนน", 0);
    ita_diags_add(&d, ITA_SEV_ERROR, "t.xlsx", 2, 1, "thai");
    ita_diags_end_file(&d, "t.xlsx");
    assert_int_equal(d.count, 9);
    assert_string_equal(format(&d.items[0]), "s.xlsx:Sheet1!C12: bad");
    assert_string_equal(format(&d.items[1]), "s.xlsx:Sheet1!AB12: warning: far");
    assert_string_equal(format(&d.items[2]), "s.xlsx:Sheet1, row 7: row");
    assert_string_equal(format(&d.items[3]), "s.xlsx:Sheet1: sheet");
    assert_string_equal(format(&d.items[4]), "other.json:4:5: not in the sheet");
    assert_string_equal(format(&d.items[5]), "s.xlsx:2:1: after the file");
    assert_string_equal(format(&d.items[6]), "t.xlsx:'My ''best'' sheet'!XFD1048576: quoted");
    assert_string_equal(format(&d.items[7]), "t.xlsx:'2565'!A2: a number");
    assert_string_equal(format(&d.items[8]), "t.xlsx:คะแนน!A2: thai");
    ita_diags_free(&d);
}

static void column_letters_should_count_like_a_spreadsheet(void **state)
{
    (void)state;
    char b[16];
    assert_string_equal(ita_column_letters(1, b), "A");
    assert_string_equal(ita_column_letters(26, b), "Z");
    assert_string_equal(ita_column_letters(27, b), "AA");
    assert_string_equal(ita_column_letters(702, b), "ZZ");
    assert_string_equal(ita_column_letters(703, b), "AAA");
    assert_string_equal(ita_column_letters(16384, b), "XFD");
}

static void diag_format_should_not_write_past_the_buffer(void **state)
{
    (void)state;
    char file[] = "f.csv", message[] = "message";
    struct ita_diag g = {ITA_SEV_ERROR, file, 3, 2, message, NULL};
    char small[9];
    memset(small, '#', sizeof small);
    size_t n = ita_diag_format(&g, small, 8);
    assert_int_equal(small[8], '#');
    assert_int_equal(strlen(small), 7);
    assert_string_equal(small, "f.csv:3");
    assert_true(n >= 7);
}

static const char *quote(const char *text, size_t len)
{
    static char buf[ITA_QUOTE_BUFSZ];
    return ita_quote(text, len, buf, sizeof buf);
}

static void quote_should_wrap_the_value_in_double_quotes(void **state)
{
    (void)state;
    assert_string_equal(quote("9o.5", 4), "\"9o.5\"");
    assert_string_equal(quote("", 0), "\"\"");
    assert_string_equal(quote("สวัสดี", strlen("สวัสดี")), "\"สวัสดี\"");
}

static void quote_should_escape_quotes_backslashes_and_control_bytes(void **state)
{
    (void)state;
    assert_string_equal(quote("a\"b\\c", 5), "\"a\\\"b\\\\c\"");
    assert_string_equal(quote("a\nb", 3), "\"a\\x0ab\"");
    assert_string_equal(quote("a\0b", 3), "\"a\\x00b\"");
    assert_string_equal(quote("\x7f", 1), "\"\\x7f\"");
}

static void quote_should_shorten_long_values_with_an_ellipsis(void **state)
{
    (void)state;
    char text[300];
    memset(text, 'x', sizeof text);
    const char *q = quote(text, sizeof text);
    size_t n = strlen(q);
    assert_true(n < ITA_QUOTE_BUFSZ);
    assert_true(n > 40);
    assert_int_equal(q[0], '"');
    assert_string_equal(q + n - 4, "...\"");
}

/* Every prefix of a Thai text (offset by 0-2 ASCII bytes), in every buffer size:
 * the result fits, is valid UTF-8, and never ends inside a sequence. */
static void quote_should_not_cut_a_utf8_sequence(void **state)
{
    (void)state;
    static const char thai[] = "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ";
    char text[512];
    for (size_t lead = 0; lead < 3; lead++) {
        memset(text, 'a', lead);
        memcpy(text + lead, thai, sizeof thai);
        size_t total = lead + strlen(thai);
        for (size_t len = lead; len <= total; len += 3) {
            for (size_t size = 20; size <= ITA_QUOTE_BUFSZ; size++) {
                char buf[ITA_QUOTE_BUFSZ + 8];
                memset(buf, '#', sizeof buf);
                ita_quote(text, len, buf, size);
                size_t n = strlen(buf);
                if (n >= size || buf[size] != '#')
                    fail_msg("overflow: len %zu, size %zu", len, size);
                if (!ita_is_valid_utf8(buf, n))
                    fail_msg("cut UTF-8: len %zu, size %zu: %s", len, size, buf);
                assert_int_equal(buf[0], '"');
                assert_int_equal(buf[n - 1], '"');
            }
        }
    }
}

static void diags_truncate_should_take_back_all_since_the_mark(void **state)
{
    (void)state;
    struct ita_diags d;
    ita_diags_init(&d, 3);
    ita_diags_begin_file(&d);
    ita_diags_add(&d, ITA_SEV_WARNING, "a.csv", 1, 1, "kept");
    struct ita_diags_mark m = ita_diags_mark(&d);
    for (int i = 0; i < 4; i++)
        ita_diags_add(&d, i % 2 ? ITA_SEV_WARNING : ITA_SEV_ERROR, "a.csv", 2, 1, "taken back %d", i);
    d.out_of_memory = true;
    assert_int_equal(d.count, 3);
    assert_int_equal(d.dropped, 2);
    ita_diags_truncate(&d, &m);
    assert_int_equal(d.count, 1);
    assert_string_equal(d.items[0].message, "kept");
    assert_int_equal(d.in_file, 1);
    assert_int_equal(d.dropped, 0);
    assert_int_equal(d.errors, 0);
    assert_int_equal(d.warnings, 1);
    assert_false(d.out_of_memory);
    /* the same diagnostics again: stored as if the first were never added */
    for (int i = 0; i < 4; i++)
        ita_diags_add(&d, i % 2 ? ITA_SEV_WARNING : ITA_SEV_ERROR, "a.csv", 2, 1, "again %d", i);
    ita_diags_end_file(&d, "a.csv");
    assert_int_equal(d.count, 4);
    assert_string_equal(d.items[1].message, "again 0");
    assert_non_null(strstr(d.items[3].message, "2 more problems"));
    assert_int_equal(d.errors, 2);
    assert_int_equal(d.warnings, 3);
    ita_diags_free(&d);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(diags_in_a_sheet_should_name_the_cell),
        cmocka_unit_test(column_letters_should_count_like_a_spreadsheet),
        cmocka_unit_test(diags_should_store_at_most_limit_per_file_and_count_the_rest),
        cmocka_unit_test(diags_should_say_problem_in_the_singular_for_one_dropped),
        cmocka_unit_test(diags_should_reset_the_cap_for_each_file),
        cmocka_unit_test(diags_should_add_no_summary_when_nothing_was_dropped),
        cmocka_unit_test(diags_truncate_should_take_back_all_since_the_mark),
        cmocka_unit_test(diags_with_limit_zero_should_store_everything),
        cmocka_unit_test(diags_should_count_errors_and_warnings_apart),
        cmocka_unit_test(diags_should_keep_messages_longer_than_any_buffer),
        cmocka_unit_test(diags_should_copy_the_file_name),
        cmocka_unit_test(diag_format_should_be_file_line_column_message),
        cmocka_unit_test(diag_format_should_not_write_past_the_buffer),
        cmocka_unit_test(quote_should_wrap_the_value_in_double_quotes),
        cmocka_unit_test(quote_should_escape_quotes_backslashes_and_control_bytes),
        cmocka_unit_test(quote_should_shorten_long_values_with_an_ellipsis),
        cmocka_unit_test(quote_should_not_cut_a_utf8_sequence),
    };
    return ita_test_main(argc, argv, "diag", tests, sizeof tests / sizeof tests[0]);
}
