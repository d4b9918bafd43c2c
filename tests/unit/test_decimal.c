/* Unit tests of include/ita/decimal.h: parsing, exact fractions, rounding, formatting. */
#include "harness.h"

#include "ita/decimal.h"

static enum ita_number_status parse(const char *text, int64_t *cents)
{
    return ita_score_parse(text, strlen(text), cents);
}

static struct ita_exact exact(int64_t num, int64_t den)
{
    struct ita_exact e = {num, den};
    return e;
}

/* The exact mean of a list of published scores (hundredths). */
static struct ita_exact mean_of(const int64_t *cents, size_t n)
{
    struct ita_mean m;
    ita_mean_init(&m);
    for (size_t i = 0; i < n; i++)
        ita_mean_add(&m, ita_exact_from_cents(cents[i]));
    struct ita_exact out = {0, 0};
    assert_true(ita_mean_value(&m, &out));
    return out;
}

/* ---- parsing ---- */

static void score_parse_should_read_hundredths(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int64_t cents;
    } cases[] = {
        {"97.5", 9750}, {"100", 10000},     {"0", 0},       {"  98.90 ", 9890}, {"97.05", 9705},
        {"0.01", 1},    {"100.00", 10000},  {"\t85\t", 8500}, {"007.10", 710},   {"99.99", 9999},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64_t cents = -1;
        enum ita_number_status st = parse(cases[i].text, &cents);
        if (st != ITA_NUM_OK || cents != cases[i].cents)
            fail_msg("\"%s\": status %d, cents %lld; expected %lld", cases[i].text, (int)st,
                     (long long)cents, (long long)cases[i].cents);
    }
}

static void score_parse_should_name_each_kind_of_error(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        enum ita_number_status status;
    } cases[] = {
        {"", ITA_NUM_EMPTY},
        {"   ", ITA_NUM_EMPTY},
        {"9o.5", ITA_NUM_NOT_A_NUMBER},
        {"abc", ITA_NUM_NOT_A_NUMBER},
        {".", ITA_NUM_NOT_A_NUMBER},
        {"1.2.3", ITA_NUM_NOT_A_NUMBER},
        {"97 5", ITA_NUM_NOT_A_NUMBER},
        {"97,50", ITA_NUM_DECIMAL_COMMA},
        {"97.505", ITA_NUM_TOO_MANY_DECIMALS},
        {"97.500", ITA_NUM_TOO_MANY_DECIMALS},
        {"-0", ITA_NUM_SIGNED},
        {"+5", ITA_NUM_SIGNED},
        {"-97.5", ITA_NUM_SIGNED},
        {"nan", ITA_NUM_NOT_FINITE},
        {"NaN", ITA_NUM_NOT_FINITE},
        {"inf", ITA_NUM_NOT_FINITE},
        {"-inf", ITA_NUM_NOT_FINITE},
        {"Infinity", ITA_NUM_NOT_FINITE},
        {"1e999", ITA_NUM_EXPONENT},
        {"9.75E1", ITA_NUM_EXPONENT},
        {"100.01", ITA_NUM_OUT_OF_RANGE},
        {"101", ITA_NUM_OUT_OF_RANGE},
        {"99999999999999999999999999", ITA_NUM_OUT_OF_RANGE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64_t cents = 4242;
        enum ita_number_status st = parse(cases[i].text, &cents);
        if (st != cases[i].status)
            fail_msg("\"%s\": status %d (%s); expected %d (%s)", cases[i].text, (int)st,
                     ita_number_status_text(st), (int)cases[i].status,
                     ita_number_status_text(cases[i].status));
        assert_int_equal(cents, 4242); /* untouched on error */
    }
}

static void score_parse_should_read_only_len_bytes(void **state)
{
    (void)state;
    int64_t cents = 0;
    assert_int_equal(ita_score_parse("97.5xyz", 4, &cents), ITA_NUM_OK);
    assert_int_equal(cents, 9750);
    assert_int_equal(ita_score_parse("100.01", 5, &cents), ITA_NUM_OK);
    assert_int_equal(cents, 10000);
}

/* What ita_score_parse decides, without its plain first step: Thai digits as
 * digits, the general parser, the range. */
static enum ita_number_status general_score_parse(const char *text, size_t len, int64_t *cents)
{
    char ascii[64];
    size_t n = len;
    if (memchr(text, 0xE0, len) != NULL) {
        enum ita_number_status ds = ita_digits_ascii(text, len, ascii, sizeof ascii, &n);
        if (ds != ITA_NUM_OK)
            return ds;
        text = ascii;
    }
    int64_t v = 0;
    enum ita_number_status st = ita_decimal_parse(text, n, &v);
    if (st == ITA_NUM_OK && v > 10000)
        return ITA_NUM_OUT_OF_RANGE;
    if (st == ITA_NUM_OK)
        *cents = v;
    return st;
}

/* The plain step and the whole parser agree with the general parser on text. */
static void expect_same_as_general(const char *text, size_t len)
{
    int64_t general = -7, whole = -7, plain = -7;
    enum ita_number_status gs = general_score_parse(text, len, &general);
    enum ita_number_status ws = ita_score_parse(text, len, &whole);
    bool p = ita_score_parse_plain(text, len, &plain);
    if (ws != gs || whole != general)
        fail_msg("\"%.*s\": ita_score_parse gives %d, %lld; the general parser %d, %lld", (int)len, text, (int)ws,
                 (long long)whole, (int)gs, (long long)general);
    if (p && (gs != ITA_NUM_OK || plain != general))
        fail_msg("\"%.*s\": the plain step gives %lld; the general parser %d, %lld", (int)len, text,
                 (long long)plain, (int)gs, (long long)general);
    if (!p && plain != -7)
        fail_msg("\"%.*s\": the plain step declined but wrote a value", (int)len, text);
}

static void score_parse_plain_should_agree_with_the_general_parser(void **state)
{
    (void)state;
    char buf[32];
    /* every score in every usual spelling, and beyond 100 */
    for (int v = 0; v <= 100000; v++) {
        int w = v / 100, f = v % 100;
        snprintf(buf, sizeof buf, "%d.%02d", w, f);
        expect_same_as_general(buf, strlen(buf));
        snprintf(buf, sizeof buf, "0%d.%02d", w, f);
        expect_same_as_general(buf, strlen(buf));
        if (f % 10 == 0) {
            snprintf(buf, sizeof buf, "%d.%d", w, f / 10);
            expect_same_as_general(buf, strlen(buf));
        }
        if (f == 0) {
            snprintf(buf, sizeof buf, "%d", w);
            expect_same_as_general(buf, strlen(buf));
            snprintf(buf, sizeof buf, "%d.", w);
            expect_same_as_general(buf, strlen(buf));
        }
        snprintf(buf, sizeof buf, " %d.%02d", w, f);
        expect_same_as_general(buf, strlen(buf));
        snprintf(buf, sizeof buf, "%d.%02d ", w, f);
        expect_same_as_general(buf, strlen(buf));
        snprintf(buf, sizeof buf, "%d.%02d0", w, f);
        expect_same_as_general(buf, strlen(buf));
    }
    static const char *const odd[] = {
        "",       " ",      "+1",     "-1",     "-0",    " 1.5",   "1.5 ",   "1.",    ".5",     "1e2",
        "1E2",    "1,5",    "100.001", "100.00", "100.0", "100",    "100.01", "1000",  "0100",   "00100",
        "๘๕.๐๐",  "๑๐๐",    "๘5.00",  "8๕",     "nan",   "inf",    "1.2.3",  "1..2",  "..",     "1.x",
        "x1.0",   "1.0x",   "1 .5",   "1. 5",   "\t9\t", "99.9\r", "9\n",   "0x10",  "1_000",  "๐.๕",
    };
    for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++)
        expect_same_as_general(odd[i], strlen(odd[i]));
    /* every text of up to five bytes over an alphabet of the bytes that matter */
    static const char alphabet[] = "0159.+- e,\t";
    size_t a = sizeof alphabet - 1;
    for (size_t len = 1; len <= 5; len++) {
        size_t total = 1;
        for (size_t k = 0; k < len; k++)
            total *= a;
        for (size_t code = 0; code < total; code++) {
            size_t c = code;
            for (size_t k = 0; k < len; k++, c /= a)
                buf[k] = alphabet[c % a];
            buf[len] = '\0';
            expect_same_as_general(buf, len);
        }
    }
    /* only len bytes are read */
    expect_same_as_general("97.5xyz", 4);
    expect_same_as_general("100.01", 5);
    expect_same_as_general("12345", 2);
}

static void decimal_parse_should_not_check_the_range(void **state)
{
    (void)state;
    int64_t cents = 0;
    assert_int_equal(ita_decimal_parse("150", 3, &cents), ITA_NUM_OK);
    assert_int_equal(cents, 15000);
    assert_int_equal(ita_decimal_parse("97.50", 5, &cents), ITA_NUM_OK);
    assert_int_equal(cents, 9750);
    assert_int_equal(ita_decimal_parse("97,5", 4, &cents), ITA_NUM_DECIMAL_COMMA);
    assert_int_equal(ita_decimal_parse("-1", 2, &cents), ITA_NUM_SIGNED);
    assert_int_equal(ita_decimal_parse("1.234", 5, &cents), ITA_NUM_TOO_MANY_DECIMALS);
}

static void number_status_text_should_explain_every_status(void **state)
{
    (void)state;
    for (int s = ITA_NUM_OK; s <= ITA_NUM_OUT_OF_RANGE; s++) {
        const char *t = ita_number_status_text((enum ita_number_status)s);
        assert_non_null(t);
        assert_true(strlen(t) > 0);
    }
    assert_non_null(strstr(ita_number_status_text(ITA_NUM_DECIMAL_COMMA), "'.'"));
    assert_string_equal(ita_number_status_text(ITA_NUM_NOT_A_NUMBER), "is not a number");
}

/* ---- exact arithmetic and rounding ---- */

static void mean_should_be_exact_and_round_half_away_from_zero(void **state)
{
    (void)state;
    /* PRODUCT.md: indicator 3 of TCEB 2565 */
    static const int64_t a[] = {9890, 10000, 9780, 9890, 10000, 9963};
    struct ita_exact m = mean_of(a, 6);
    assert_int_equal(m.num, 19841); /* 99.205 = 9920.5 hundredths */
    assert_int_equal(m.den, 2);
    assert_int_equal(ita_exact_round(m), 9921);

    /* I30 */
    static const int64_t b[] = {9890, 9890, 9890, 9780};
    m = mean_of(b, 4);
    assert_int_equal(m.num, 19725); /* 98.625 */
    assert_int_equal(m.den, 2);
    assert_int_equal(ita_exact_round(m), 9863);

    /* E6's sub-questions */
    static const int64_t c[] = {8704, 8963};
    m = mean_of(c, 2);
    assert_int_equal(ita_exact_cmp(m, exact(17667, 2)), 0);
    assert_int_equal(ita_exact_round(m), 8834);
}

static void exact_round_should_round_ties_away_from_zero(void **state)
{
    (void)state;
    static const struct {
        int64_t num, den, rounded;
    } cases[] = {
        {-1, 2, -1},  /* -0.005 -> -0.01 */
        {1, 2, 1},    /* 0.005 -> 0.01 */
        {5, 2, 3},    /* 2.5 hundredths -> 3 (not 2, as banker's rounding would) */
        {-5, 2, -3},
        {7, 2, 4},
        {-7, 2, -4},
        {24999, 10000, 2},
        {-24999, 10000, -2},
        {1, 3, 0},
        {2, 3, 1},
        {-2, 3, -1},
        {9704, 1, 9704},
        {0, 1, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64_t r = ita_exact_round(exact(cases[i].num, cases[i].den));
        if (r != cases[i].rounded)
            fail_msg("%lld/%lld rounds to %lld; expected %lld", (long long)cases[i].num,
                     (long long)cases[i].den, (long long)r, (long long)cases[i].rounded);
    }
}

/* Rounding and reducing agree on both sides of the bound where they leave 64-bit
 * arithmetic (2^61 for rounding, INT64_MAX for reducing). */
static void exact_round_and_add_should_agree_across_the_64_bit_bound(void **state)
{
    (void)state;
    __extension__ typedef __int128 wide;
    const int64_t big = (int64_t)1 << 61;
    const int64_t nums[] = {0, 1, -1, 5, -5, 99, big - 3, big - 1, big, big + 1, -(big - 1), -big, -big - 1,
                            INT64_MAX, -INT64_MAX, INT64_MAX / 3};
    const int64_t dens[] = {1, 2, 3, 7, 100, big - 1, big, big + 1, INT64_MAX};
    for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++)
        for (size_t j = 0; j < sizeof dens / sizeof dens[0]; j++) {
            int64_t n = nums[i], d = dens[j];
            wide m = n < 0 ? -(wide)n : (wide)n;
            wide q = (2 * m + d) / (2 * (wide)d);
            int64_t expected = (int64_t)(n < 0 ? -q : q);
            int64_t r = ita_exact_round(exact(n, d));
            if (r != expected)
                fail_msg("%lld/%lld rounds to %lld; expected %lld", (long long)n, (long long)d, (long long)r,
                         (long long)expected);
            /* n/d + 0/d is n/d reduced: both divided by their greatest common divisor */
            struct ita_exact sum = {0, 0};
            assert_true(ita_exact_add(exact(n, d), exact(0, d), &sum));
            wide a = m, b = d;
            while (b != 0) {
                wide t = a % b;
                a = b;
                b = t;
            }
            assert_true(sum.num == (int64_t)(n / a) && sum.den == (int64_t)(d / a));
        }
    /* a sum past 64 bits is an overflow, whichever way it is reached */
    struct ita_exact out;
    assert_false(ita_exact_add(exact(INT64_MAX, 1), exact(1, 1), &out));
    assert_false(ita_exact_add(exact(-INT64_MAX, 1), exact(-1, 1), &out));
    assert_true(ita_exact_add(exact(INT64_MAX, 2), exact(INT64_MAX, 2), &out));
    assert_true(out.num == INT64_MAX && out.den == 1);
}

static void exact_add_should_keep_fractions_reduced(void **state)
{
    (void)state;
    struct ita_exact sum = {0, 0};
    assert_true(ita_exact_add(exact(1, 2), exact(1, 2), &sum));
    assert_int_equal(sum.num, 1);
    assert_int_equal(sum.den, 1);
    assert_true(ita_exact_add(exact(1, 6), exact(1, 3), &sum));
    assert_int_equal(sum.num, 1);
    assert_int_equal(sum.den, 2);
    assert_true(ita_exact_add(exact(1, 2), exact(-1, 2), &sum));
    assert_int_equal(sum.num, 0);
    assert_true(sum.den > 0);
}

static void exact_add_should_report_overflow(void **state)
{
    (void)state;
    struct ita_exact sum = {0, 1};
    assert_false(ita_exact_add(exact(INT64_MAX, 1), exact(INT64_MAX, 1), &sum));
}

static void exact_scale_should_multiply_then_divide_exactly(void **state)
{
    (void)state;
    struct ita_exact out = {0, 0};
    /* 6 % of 99.205 = 5.9523 = 595.23 hundredths */
    assert_true(ita_exact_scale(exact(19841, 2), 6, 100, &out));
    assert_int_equal(ita_exact_cmp(out, exact(59523, 100)), 0);
    assert_true(out.den > 0);
    assert_false(ita_exact_scale(exact(1, 1), 1, 0, &out));
}

static void exact_cmp_should_order_fractions(void **state)
{
    (void)state;
    assert_int_equal(ita_exact_cmp(exact(1, 3), exact(1, 2)), -1);
    assert_int_equal(ita_exact_cmp(exact(1, 2), exact(1, 3)), 1);
    assert_int_equal(ita_exact_cmp(exact(-1, 2), exact(-1, 3)), -1);
    assert_int_equal(ita_exact_cmp(exact(17667, 2), exact(17667, 2)), 0);
}

static void exact_absdiff_should_be_positive_either_way(void **state)
{
    (void)state;
    struct ita_exact d = ita_exact_absdiff(exact(8833, 1), exact(17667, 2));
    assert_int_equal(ita_exact_cmp(d, exact(1, 2)), 0);
    d = ita_exact_absdiff(exact(17667, 2), exact(8833, 1));
    assert_int_equal(ita_exact_cmp(d, exact(1, 2)), 0);
    d = ita_exact_absdiff(exact(5, 1), exact(5, 1));
    assert_int_equal(d.num, 0);
}

static void mean_value_should_fail_when_empty(void **state)
{
    (void)state;
    struct ita_mean m;
    ita_mean_init(&m);
    struct ita_exact out = {0, 1};
    assert_false(ita_mean_value(&m, &out));
}

static void mean_value_should_fail_after_overflow(void **state)
{
    (void)state;
    struct ita_mean m;
    ita_mean_init(&m);
    ita_mean_add(&m, exact(INT64_MAX, 1));
    ita_mean_add(&m, exact(INT64_MAX, 1));
    struct ita_exact out = {0, 1};
    assert_false(ita_mean_value(&m, &out));
}

/* ---- formatting ---- */

static void cents_format_should_print_two_decimals(void **state)
{
    (void)state;
    char buf[ITA_CENTS_BUFSZ];
    assert_string_equal(ita_cents_format(9704, buf), "97.04");
    assert_string_equal(ita_cents_format(-1, buf), "-0.01");
    assert_string_equal(ita_cents_format(10000, buf), "100.00");
    assert_string_equal(ita_cents_format(0, buf), "0.00");
    assert_string_equal(ita_cents_format(5, buf), "0.05");
    assert_string_equal(ita_cents_format(-203, buf), "-2.03");
    assert_string_equal(ita_cents_format(INT64_MAX, buf), "92233720368547758.07");
    assert_string_equal(ita_cents_format(-INT64_MAX, buf), "-92233720368547758.07");
    assert_string_equal(ita_cents_format(123456789012, buf), "1234567890.12");
    assert_string_equal(ita_cents_format(ITA_MISSING, buf), "-");
    char expected[ITA_CENTS_BUFSZ];
    for (int64_t v = -123456; v <= 123456; v += 7) {
        int64_t m = v < 0 ? -v : v;
        snprintf(expected, sizeof expected, "%s%lld.%02lld", v < 0 ? "-" : "", (long long)(m / 100),
                 (long long)(m % 100));
        assert_string_equal(ita_cents_format(v, buf), expected);
    }
}

static void cents_format_signed_should_mark_gains(void **state)
{
    (void)state;
    char buf[ITA_CENTS_BUFSZ];
    assert_string_equal(ita_cents_format_signed(203, buf), "+2.03");
    assert_string_equal(ita_cents_format_signed(0, buf), "0.00");
    assert_string_equal(ita_cents_format_signed(-42, buf), "-0.42");
    assert_string_equal(ita_cents_format_signed(1, buf), "+0.01");
}

static void exact_format_should_print_the_value_in_full(void **state)
{
    (void)state;
    char buf[ITA_CENTS_BUFSZ];
    assert_string_equal(ita_exact_format(exact(19841, 2), buf), "99.205");
    assert_string_equal(ita_exact_format(exact(9704, 1), buf), "97.04");
    assert_string_equal(ita_exact_format(exact(-1, 2), buf), "-0.005");
    assert_string_equal(ita_exact_format(exact(242598, 25), buf), "97.0392");
}

static void exact_format_should_cut_at_six_decimals_with_an_ellipsis(void **state)
{
    (void)state;
    char buf[ITA_CENTS_BUFSZ];
    /* decimal.h: limited to 6 decimals, then an ellipsis */
    const char *s = ita_exact_format(exact(26500, 3), buf);
    assert_int_equal(strncmp(s, "88.333333", 9), 0);
    assert_true(strcmp(s + 9, "\xE2\x80\xA6") == 0 || strcmp(s + 9, "...") == 0);
    s = ita_exact_format(exact(-1, 3), buf);
    assert_int_equal(strncmp(s, "-0.003333", 9), 0);
    assert_true(strcmp(s + 9, "\xE2\x80\xA6") == 0 || strcmp(s + 9, "...") == 0);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(score_parse_should_read_hundredths),
        cmocka_unit_test(score_parse_should_name_each_kind_of_error),
        cmocka_unit_test(score_parse_should_read_only_len_bytes),
        cmocka_unit_test(score_parse_plain_should_agree_with_the_general_parser),
        cmocka_unit_test(decimal_parse_should_not_check_the_range),
        cmocka_unit_test(number_status_text_should_explain_every_status),
        cmocka_unit_test(mean_should_be_exact_and_round_half_away_from_zero),
        cmocka_unit_test(exact_round_should_round_ties_away_from_zero),
        cmocka_unit_test(exact_round_and_add_should_agree_across_the_64_bit_bound),
        cmocka_unit_test(exact_add_should_keep_fractions_reduced),
        cmocka_unit_test(exact_add_should_report_overflow),
        cmocka_unit_test(exact_scale_should_multiply_then_divide_exactly),
        cmocka_unit_test(exact_cmp_should_order_fractions),
        cmocka_unit_test(exact_absdiff_should_be_positive_either_way),
        cmocka_unit_test(mean_value_should_fail_when_empty),
        cmocka_unit_test(mean_value_should_fail_after_overflow),
        cmocka_unit_test(cents_format_should_print_two_decimals),
        cmocka_unit_test(cents_format_signed_should_mark_gains),
        cmocka_unit_test(exact_format_should_print_the_value_in_full),
        cmocka_unit_test(exact_format_should_cut_at_six_decimals_with_an_ellipsis),
    };
    return ita_test_main(argc, argv, "decimal", tests, sizeof tests / sizeof tests[0]);
}
