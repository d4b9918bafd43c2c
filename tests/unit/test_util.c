/* Unit tests of include/ita/util.h: the growable buffer and its escapes, string
 * copies, whole-file reads and UTF-8 decoding. */
#include "harness.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

#include "ita/util.h"

static const char *text_of(const struct ita_buf *b)
{
    return b->data ? b->data : "";
}

static void buf_should_grow_past_its_first_block(void **state)
{
    (void)state;
    struct ita_buf b;
    ita_buf_init(&b);
    for (int i = 0; i < 1000; i++)
        ita_buf_printf(&b, "%03d,", i % 1000);
    assert_int_equal(b.len, 4000);
    assert_false(b.failed);
    assert_memory_equal(b.data, "000,001,", 8);
    assert_string_equal(b.data + 3996, "999,");
    ita_buf_pad(&b, 3);
    ita_buf_putc(&b, '|');
    assert_string_equal(b.data + 3996, "999,   |");
    ita_buf_free(&b);
    assert_null(b.data);
    assert_int_equal(b.len, 0);
}

/* A buffer that failed once keeps what it had and takes nothing more. */
static void buf_should_ignore_appends_after_a_failure(void **state)
{
    (void)state;
    struct ita_buf b;
    ita_buf_init(&b);
    ita_buf_puts(&b, "kept");
    b.failed = true;
    ita_buf_puts(&b, " lost");
    ita_buf_printf(&b, "%d", 42);
    ita_buf_pad(&b, 8);
    ita_buf_putc(&b, '!');
    assert_string_equal(b.data, "kept");
    assert_int_equal(b.len, 4);
    ita_buf_free(&b);
    assert_false(b.failed);
}

/* A scratch buffer that runs out of memory marks its owner, and the owner's owner,
 * at once; freeing it loses nothing and keeps it tied to its owner for reuse. */
static void scratch_should_pass_a_failure_to_its_owners(void **state)
{
    (void)state;
    struct ita_buf out, mid, leaf, other;
    ita_buf_init(&out);
    ita_buf_scratch(&mid, &out);
    ita_buf_scratch(&leaf, &mid);
    ita_buf_scratch(&other, &out);
    ita_buf_puts(&leaf, "text");
    assert_string_equal(ita_buf_str(&leaf), "text");
    assert_false(out.failed);
    ita_buf_pad(&leaf, SIZE_MAX); /* no allocation can hold it */
    assert_true(leaf.failed);
    assert_true(mid.failed);
    assert_true(out.failed);
    assert_false(other.failed);
    ita_buf_free(&leaf);
    assert_ptr_equal(leaf.owner, &mid);
    assert_false(leaf.failed);
    assert_string_equal(ita_buf_str(&leaf), "");
    out.failed = mid.failed = false;
    /* a length the compiler cannot see, so that it does not warn of the copy that
     * the buffer never makes */
    volatile size_t huge = SIZE_MAX / 2;
    ita_buf_append(&leaf, "x", huge);
    assert_true(out.failed);
    ita_buf_free(&leaf);
    ita_buf_free(&mid);
    ita_buf_free(&other);
    ita_buf_free(&out);
}

static void json_string_should_escape_quotes_backslashes_and_controls(void **state)
{
    (void)state;
    struct ita_buf b;
    ita_buf_init(&b);
    ita_buf_json_string(&b, "a\"b\\c\nd\re\tf\x01g\x1fh ไทย");
    assert_string_equal(text_of(&b), "\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\\u001fh ไทย\"");
    ita_buf_free(&b);
}

static void csv_field_should_quote_only_when_needed(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"plain", "plain"},       {"", ""},
        {"a,b", "\"a,b\""},       {"say \"hi\"", "\"say \"\"hi\"\"\""},
        {"two\nlines", "\"two\nlines\""}, {"cr\r", "\"cr\r\""},
        {" lead", "\" lead\""},   {"trail ", "\"trail \""},
        {"in side", "in side"},   {"ไทย", "ไทย"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct ita_buf b;
        ita_buf_init(&b);
        ita_buf_csv_field(&b, cases[i].in);
        assert_string_equal(text_of(&b), cases[i].out);
        ita_buf_free(&b);
    }
}

static void html_should_escape_the_five_characters(void **state)
{
    (void)state;
    struct ita_buf b;
    ita_buf_init(&b);
    ita_buf_html(&b, "<a href=\"x\">Tom & Jerry's</a> ไทย");
    assert_string_equal(text_of(&b), "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt; ไทย");
    ita_buf_free(&b);
}

/* printf formats into the room the buffer has, and again after growing when it
 * did not fit: every length around the edge of the first block gives the text. */
static void printf_should_fit_at_every_length_around_the_block(void **state)
{
    (void)state;
    char expect[700];
    for (size_t pre = 240; pre < 270; pre++) {
        for (size_t n = 0; n < 40; n += 3) {
            struct ita_buf b;
            ita_buf_init(&b);
            ita_buf_pad(&b, pre);
            ita_buf_printf(&b, "%0*d|%s", (int)n + 1, 7, "ไทย");
            memset(expect, ' ', pre);
            snprintf(expect + pre, sizeof expect - pre, "%0*d|%s", (int)n + 1, 7, "ไทย");
            assert_int_equal(b.len, strlen(expect));
            assert_string_equal(text_of(&b), expect);
            ita_buf_putc(&b, 'x');
            assert_int_equal(b.len, strlen(expect) + 1);
            assert_int_equal(b.data[b.len], '\0');
            ita_buf_free(&b);
        }
    }
}

/* The conversions printf takes without vsnprintf (%s %c %d %i %u, with l, ll or
 * z, and %%) give what snprintf gives at every edge of their values; a format
 * that also holds one it does not take (flags, width, %x, a null %s) is
 * formatted whole by vsnprintf, after what was appended before it is cut off. */
static void printf_should_format_as_snprintf_does(void **state)
{
    (void)state;
    const long long ll[] = {0, 1, -1, 9, 10, -10, 99, 100, 2147483647LL, -2147483647LL - 1, LLONG_MAX, LLONG_MIN};
    char expect[512];
    struct ita_buf b;
    for (size_t i = 0; i < sizeof ll / sizeof ll[0]; i++) {
        int d = (int)ll[i];
        long l = (long)ll[i];
        unsigned u = (unsigned)ll[i];
        unsigned long ul = (unsigned long)ll[i];
        unsigned long long ull = (unsigned long long)ll[i];
        size_t z = (size_t)ll[i];
        ita_buf_init(&b);
        ita_buf_puts(&b, "=");
        ita_buf_printf(&b, "%d|%i|%ld|%li|%lld|%lli|%u|%lu|%llu|%zu|%c%%%s|%s.", d, d, l, l, ll[i], ll[i], u, ul,
                       ull, z, 'A' + (int)i, "ไทย", "");
        snprintf(expect, sizeof expect, "=%d|%i|%ld|%li|%lld|%lli|%u|%lu|%llu|%zu|%c%%%s|%s.", d, d, l, l, ll[i],
                 ll[i], u, ul, ull, z, 'A' + (int)i, "ไทย", "");
        assert_string_equal(text_of(&b), expect);
        assert_int_equal(b.len, strlen(expect));
        ita_buf_free(&b);
        ita_buf_init(&b);
        ita_buf_puts(&b, "=");
        ita_buf_printf(&b, "%s %d and then %5d %-3s|%x %.1s", "a", d, d, "b", u, "xyz");
        snprintf(expect, sizeof expect, "=%s %d and then %5d %-3s|%x %.1s", "a", d, d, "b", u, "xyz");
        assert_string_equal(text_of(&b), expect);
        assert_int_equal(b.len, strlen(expect));
        ita_buf_free(&b);
    }
    /* no conversion at all, an empty format, a format that only escapes */
    ita_buf_init(&b);
    ita_buf_printf(&b, "plain");
    ita_buf_printf(&b, "%s", "");
    ita_buf_printf(&b, "%%");
    assert_string_equal(text_of(&b), "plain%");
    assert_int_equal(b.len, 6);
    ita_buf_free(&b);
    /* a long argument grows the buffer in one piece */
    char big[3000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    ita_buf_init(&b);
    ita_buf_printf(&b, "<%s>%zu", big, sizeof big);
    snprintf(expect, sizeof expect, "<%.10s", big);
    assert_int_equal(b.len, sizeof big - 1 + 2 + 4);
    assert_memory_equal(b.data, expect, 11);
    assert_string_equal(b.data + sizeof big, ">3000");
    ita_buf_free(&b);
}

static void html_should_escape_at_the_ends_and_side_by_side(void **state)
{
    (void)state;
    struct ita_buf b;
    ita_buf_init(&b);
    ita_buf_html(&b, "&&''<>\"");
    ita_buf_html(&b, "");
    ita_buf_html(&b, "a");
    assert_string_equal(text_of(&b), "&amp;&amp;&#39;&#39;&lt;&gt;&quot;a");
    ita_buf_free(&b);
}

static void strndup_should_copy_at_most_n_bytes(void **state)
{
    (void)state;
    char *p = ita_strndup("abcdef", 3);
    assert_non_null(p);
    assert_string_equal(p, "abc");
    free(p);
    p = ita_strdup("");
    assert_non_null(p);
    assert_string_equal(p, "");
    free(p);
}

/* A scratch directory of the test's own, removed at the end. */
struct scratch {
    char dir[64];
    char path[128];
};

static void scratch_make(struct scratch *s)
{
    snprintf(s->dir, sizeof s->dir, "/tmp/ita-test-util-XXXXXX");
    assert_non_null(mkdtemp(s->dir));
    snprintf(s->path, sizeof s->path, "%s/f", s->dir);
}

static void scratch_remove(struct scratch *s)
{
    unlink(s->path);
    rmdir(s->dir);
}

static void read_file_should_read_a_file_larger_than_one_block(void **state)
{
    (void)state;
    struct scratch s;
    scratch_make(&s);
    FILE *f = fopen(s.path, "wb");
    assert_non_null(f);
    for (int i = 0; i < 100000; i++)
        fputc('a' + i % 26, f);
    fclose(f);
    char *data = NULL;
    size_t len = 0;
    assert_int_equal(ita_read_file(s.path, 1u << 20, &data, &len), 0);
    assert_int_equal(len, 100000);
    assert_int_equal(data[0], 'a');
    assert_int_equal(data[99999], 'a' + 99999 % 26);
    assert_int_equal(data[100000], '\0');
    free(data);
    assert_true(ita_file_exists(s.path));
    assert_false(ita_file_exists(s.dir));

    /* exactly at the limit: read; one byte past it, or more: EFBIG, nothing handed
     * out (a file of up to twice the limit once passed) */
    assert_int_equal(ita_read_file(s.path, 100000, &data, &len), 0);
    assert_int_equal(len, 100000);
    free(data);
    static const size_t limits[] = {99999, 65536, 50000, 1000};
    for (size_t i = 0; i < sizeof limits / sizeof limits[0]; i++) {
        assert_int_equal(ita_read_file(s.path, limits[i], &data, &len), EFBIG);
        assert_null(data);
        assert_int_equal(len, 0);
    }
    scratch_remove(&s);
}

static void read_file_should_say_why_it_cannot(void **state)
{
    (void)state;
    struct scratch s;
    scratch_make(&s);
    char *data = (char *)&s; /* overwritten with NULL on every failure */
    size_t len = 7;
    assert_int_equal(ita_read_file(s.path, 1024, &data, &len), ENOENT);
    assert_null(data);
    assert_int_equal(len, 0);
    assert_int_equal(ita_read_file(s.dir, 1024, &data, &len), EISDIR);
    assert_null(data);
    assert_false(ita_file_exists(s.path));
    scratch_remove(&s);
}

/* Every code point but the surrogates, written and read back, in as many bytes as
 * its range takes. */
static void utf8_encode_should_be_read_back_by_decode(void **state)
{
    (void)state;
    for (unsigned cp = 0; cp <= 0x10FFFF; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        char b[4];
        size_t n = ita_utf8_encode(cp, b);
        assert_int_equal(n, cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);
        unsigned back = 0;
        if (cp < 0x80)
            back = (unsigned char)b[0];
        else
            assert_int_equal(ita_utf8_decode((const unsigned char *)b, n, &back), n);
        assert_int_equal(back, cp);
    }
}

static void hex_digit_should_read_both_cases_and_nothing_else(void **state)
{
    (void)state;
    for (int c = 0; c < 256; c++) {
        int want = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        assert_int_equal(ita_hex_digit((char)c), want);
    }
}

static void utf8_decode_should_take_only_shortest_forms(void **state)
{
    (void)state;
    unsigned cp = 0;
    assert_int_equal(ita_utf8_decode((const unsigned char *)"\xC3\xA9", 2, &cp), 2);
    assert_int_equal(cp, 0xE9);
    assert_int_equal(ita_utf8_decode((const unsigned char *)"\xE0\xB8\x81", 3, &cp), 3); /* ก */
    assert_int_equal(cp, 0x0E01);
    assert_int_equal(ita_utf8_decode((const unsigned char *)"\xF0\x9F\x98\x80", 4, &cp), 4);
    assert_int_equal(cp, 0x1F600);
    static const char *const bad[] = {
        "\x80",             /* a continuation byte first */
        "\xC0\xAF",         /* overlong '/' */
        "\xE0\x80\xAF",     /* overlong, three bytes */
        "\xED\xA0\x80",     /* a surrogate */
        "\xF0\x80\x80\xAF", /* overlong, four bytes */
        "\xF4\x90\x80\x80", /* past U+10FFFF */
        "\xF5\x80\x80\x80", /* no such lead byte */
        "\xC3\x41",         /* not a continuation */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(ita_utf8_decode((const unsigned char *)bad[i], strlen(bad[i]), &cp), 0);
    /* cut short by n */
    assert_int_equal(ita_utf8_decode((const unsigned char *)"\xE0\xB8\x81", 2, &cp), 0);
}

/* ita_utf8_decode against utf8proc_iterate, the decoder ita used before: every
 * sequence of three bytes with a lead byte of 0x80 or more (every class of two and
 * three: valid, overlong, surrogate, bad continuation), every first two bytes with
 * a third and fourth from each class of byte (four-byte forms, overlong, past
 * U+10FFFF), and each of those cut short by the length given. */
static void check_decode(const unsigned char *b, size_t n)
{
    unsigned cp = 0;
    utf8proc_int32_t want = -1;
    utf8proc_ssize_t k = utf8proc_iterate(b, (utf8proc_ssize_t)n, &want);
    size_t got = ita_utf8_decode(b, n, &cp);
    if (got != (k > 0 ? (size_t)k : 0) || (got > 0 && cp != (unsigned)want))
        fail_msg("%02X %02X %02X %02X (%zu bytes): %zu U+%04X, utf8proc %zd U+%04X", b[0], b[1], b[2], b[3], n,
                 got, cp, (ssize_t)k, (unsigned)want);
}

static void utf8_decode_should_agree_with_utf8proc(void **state)
{
    (void)state;
    static const unsigned char kinds[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0,
                                          0xBF, 0xC0, 0xC2, 0xE0, 0xF4, 0xFF};
    unsigned char b[4];
    for (unsigned lead = 0x80; lead <= 0xFF; lead++)
        for (unsigned second = 0; second <= 0xFF; second++) {
            b[0] = (unsigned char)lead;
            b[1] = (unsigned char)second;
            b[3] = 0x80;
            for (unsigned third = 0; third <= 0xFF; third++) {
                b[2] = (unsigned char)third;
                check_decode(b, 3);
            }
            for (size_t i = 0; i < sizeof kinds; i++)
                for (size_t j = 0; j < sizeof kinds; j++) {
                    b[2] = kinds[i];
                    b[3] = kinds[j];
                    check_decode(b, 4);
                }
            b[2] = b[3] = 0x80;
            for (size_t n = 1; n <= 4; n++)
                check_decode(b, n);
        }
}

static void is_valid_utf8_should_check_every_sequence(void **state)
{
    (void)state;
    const char ok[] = "ascii ไทย é 😀";
    assert_true(ita_is_valid_utf8(ok, strlen(ok)));
    assert_true(ita_is_valid_utf8("", 0));
    assert_false(ita_is_valid_utf8("ab\xFF", 3));
    assert_false(ita_is_valid_utf8("ไ\xE0\xB8", 5)); /* the second character cut short */
}

/* ita_str_copy and ita_uint_text write what snprintf's "%s" and "%llu" write. */
static void str_copy_and_uint_text_should_write_as_snprintf(void **state)
{
    (void)state;
    static const char *const texts[] = {"", "a", "I30", "ผ่าน", "0123456789abcdef", "สวัสดีครับ ทุกคน"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        for (size_t size = 1; size <= 40; size++) {
            char want[40], got[40];
            memset(want, 'x', sizeof want);
            memset(got, 'x', sizeof got);
            snprintf(want, size, "%s", texts[i]);
            assert_ptr_equal(ita_str_copy(got, size, texts[i]), got);
            assert_memory_equal(want, got, sizeof want);
        }
    static const unsigned long long numbers[] = {0, 1, 9, 10, 99, 100, 2565, 4294967295ull, 18446744073709551615ull};
    for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++) {
        char want[ITA_UINT_BUFSZ], got[ITA_UINT_BUFSZ];
        snprintf(want, sizeof want, "%llu", numbers[i]);
        assert_string_equal(ita_uint_text(numbers[i], got), want);
    }
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(buf_should_grow_past_its_first_block),
        cmocka_unit_test(buf_should_ignore_appends_after_a_failure),
        cmocka_unit_test(scratch_should_pass_a_failure_to_its_owners),
        cmocka_unit_test(json_string_should_escape_quotes_backslashes_and_controls),
        cmocka_unit_test(csv_field_should_quote_only_when_needed),
        cmocka_unit_test(html_should_escape_the_five_characters),
        cmocka_unit_test(printf_should_fit_at_every_length_around_the_block),
        cmocka_unit_test(printf_should_format_as_snprintf_does),
        cmocka_unit_test(html_should_escape_at_the_ends_and_side_by_side),
        cmocka_unit_test(strndup_should_copy_at_most_n_bytes),
        cmocka_unit_test(read_file_should_read_a_file_larger_than_one_block),
        cmocka_unit_test(read_file_should_say_why_it_cannot),
        cmocka_unit_test(utf8_decode_should_take_only_shortest_forms),
        cmocka_unit_test(utf8_decode_should_agree_with_utf8proc),
        cmocka_unit_test(is_valid_utf8_should_check_every_sequence),
        cmocka_unit_test(utf8_encode_should_be_read_back_by_decode),
        cmocka_unit_test(hex_digit_should_read_both_cases_and_nothing_else),
        cmocka_unit_test(str_copy_and_uint_text_should_write_as_snprintf),
    };
    return ita_test_main(argc, argv, "util", tests, sizeof tests / sizeof tests[0]);
}
