/* Unit tests of include/ita/unicode.h: what ita answers without utf8proc (the
 * NFC of ASCII and Thai, the Thai block's letters, marks and numbers) held to
 * utf8proc itself, and what it leaves to the library answered by it. */
#include "harness.h"

#include <errno.h>
#include <stdlib.h>
#include <utf8proc.h>

#include "ita/unicode.h"
#include "ita/util.h"

/* Appends code point cp as UTF-8 to s (with its NUL); the new length. */
static size_t put(char *s, size_t len, unsigned cp)
{
    len += ita_utf8_encode(cp, s + len);
    s[len] = '\0';
    return len;
}

/* Whether s holds only ASCII and the Thai block (E0 B8 80 .. E0 B9 BF). */
static bool ascii_and_thai(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        if (*p < 0x80) {
            p++;
            continue;
        }
        if (p[0] != 0xE0 || (p[1] != 0xB8 && p[1] != 0xB9) || p[2] == 0)
            return false;
        p += 3;
    }
    return true;
}

/* s as ita puts it in NFC (known, or through the library) is utf8proc's NFC; for
 * a text of ASCII and Thai, ita knows it is in NFC exactly when it is. */
static void check_nfc(const char *s)
{
    char *want = (char *)utf8proc_NFC((const utf8proc_uint8_t *)s);
    assert_non_null(want);
    bool same = strcmp(want, s) == 0;
    bool known = ita_nfc_known(s, strlen(s));
    if (known && !same)
        fail_msg("\"%s\" taken for NFC, utf8proc makes it \"%s\"", s, want);
    if (ascii_and_thai(s) && !known && same) {
        /* an unassigned character of the block is left to the library */
        bool unassigned = false;
        for (const unsigned char *p = (const unsigned char *)s; *p; p++)
            if (*p == 0xE0) {
                unsigned cp = 0x0E00u | (unsigned)(p[1] & 0x3F) << 6 | (unsigned)(p[2] & 0x3F);
                unassigned |= !ita_thai_assigned(cp);
            }
        if (!unassigned)
            fail_msg("\"%s\" is in NFC, but ita leaves it to utf8proc", s);
    }
    if (!known) {
        char *got = NULL;
        assert_int_equal(ita_unicode_nfc(s, &got), 0);
        assert_string_equal(got, want);
        free(got);
    }
    free(want);
}

static void nfc_should_agree_with_utf8proc_on_thai(void **state)
{
    (void)state;
    char s[64];
    /* every code point of the block alone, and every ordered pair */
    for (unsigned a = 0x0E00; a <= 0x0E7F; a++) {
        put(s, 0, a);
        check_nfc(s);
        for (unsigned b = 0x0E00; b <= 0x0E7F; b++) {
            put(s, put(s, 0, a), b);
            check_nfc(s);
        }
    }
    /* every triple of the combining marks after a consonant, and after ASCII */
    static const unsigned marks[] = {0x0E31, 0x0E34, 0x0E35, 0x0E36, 0x0E37, 0x0E38, 0x0E39, 0x0E3A,
                                     0x0E47, 0x0E48, 0x0E49, 0x0E4A, 0x0E4B, 0x0E4C, 0x0E4D, 0x0E4E};
    size_t nmarks = sizeof marks / sizeof marks[0];
    for (size_t i = 0; i < nmarks; i++)
        for (size_t j = 0; j < nmarks; j++)
            for (size_t k = 0; k < nmarks; k++) {
                for (unsigned base = 0; base < 2; base++) {
                    size_t len = put(s, 0, base == 0 ? 0x0E01 : 'a');
                    len = put(s, len, marks[i]);
                    len = put(s, len, marks[j]);
                    put(s, len, marks[k]);
                    check_nfc(s);
                }
            }
    /* the combining marks are those utf8proc gives a combining class */
    for (unsigned cp = 0x0E00; cp <= 0x0E7F; cp++) {
        bool mark = false;
        for (size_t i = 0; i < nmarks; i++)
            mark |= marks[i] == cp;
        assert_int_equal(utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_MN, mark);
    }
}

static void nfc_should_agree_with_utf8proc_on_mixes_and_other_scripts(void **state)
{
    (void)state;
    static const char *const known[] = {
        "", "Agency A", "a\tb\x7f~", "สำนักงานส่งเสริมการจัดประชุมและนิทรรศการ (องค์การมหาชน)",
        "กรม ก.พ. 2565", "ก\xE0\xB8\xB8\xE0\xB9\x88", /* SARA U (103), then MAI EK (107): in order */
        "ก\xE0\xB9\x88 \xE0\xB8\xB8", /* MAI EK, a space, SARA U: each mark after its own character */
        "ก\xE0\xB9\x88ก\xE0\xB8\xB8", /* a consonant between */
    };
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
        assert_true(ita_nfc_known(known[i], strlen(known[i])));
        check_nfc(known[i]);
    }
    static const char *const library[] = {
        "e\xCC\x81",                     /* e and a combining acute: é */
        "Caf\xC3\xA9 e\xCC\x81 a\xCC\xA3\xCC\x82 a\xCC\x82\xCC\xA3", /* ordered and not, composed */
        "\xE1\x84\x80\xE1\x85\xA1\xE1\x86\xA8", /* Hangul jamo: 각 */
        "ก\xCC\x81",                     /* a Thai consonant with a Latin mark */
        "\xE0\xB9\x88\xE0\xB8\xB8",      /* MAI EK (107) then SARA U (103): reordered */
        "ก\xE0\xB9\x88\xE0\xB8\xB8\xE0\xB8\xBA", /* 107 103 9: reordered */
        "\xE0\xB9\x9C",                  /* U+0E5C, unassigned */
        "\xE2\x80\xA6",                  /* … */
        "\xC3",                          /* not UTF-8: utf8proc refuses it */
    };
    for (size_t i = 0; i < sizeof library / sizeof library[0]; i++) {
        const char *s = library[i];
        assert_false(ita_nfc_known(s, strlen(s)));
        char *want = (char *)utf8proc_NFC((const utf8proc_uint8_t *)s), *got = NULL;
        int error = ita_unicode_nfc(s, &got);
        if (want == NULL) {
            assert_int_equal(error, ENOMEM);
            assert_null(got);
        } else {
            assert_int_equal(error, 0);
            assert_string_equal(got, want);
        }
        free(want);
        free(got);
    }
    assert_int_equal(ita_unicode_missed(), 0);
}

/* Letters, marks and numbers (slugs): ASCII and the Thai block without the
 * library, as utf8proc's categories say; the rest from the library. */
static void alnum_should_follow_utf8proc_categories(void **state)
{
    (void)state;
    for (unsigned cp = 0; cp <= 0x0E7F; cp = cp == 0x7F ? 0x0E00 : cp + 1) {
        utf8proc_category_t cat = utf8proc_category((utf8proc_int32_t)cp);
        bool want = cp < 0x80 ? (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LL || cat == UTF8PROC_CATEGORY_ND)
                              : cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO;
        if (ita_unicode_alnum(cp) != want)
            fail_msg("U+%04X: alnum %d, utf8proc category %d", cp, ita_unicode_alnum(cp), (int)cat);
        /* and the assigned characters of the block are those utf8proc knows */
        if (cp >= 0x0E00)
            assert_int_equal(ita_thai_assigned(cp), cat != UTF8PROC_CATEGORY_CN);
    }
    static const unsigned others[] = {0xE9, 0x0301, 0x0660, 0x2026, 0x00A0, 0x4E2D, 0xAC00, 0x1F600, 0x10FFFF};
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
        utf8proc_category_t cat = utf8proc_category((utf8proc_int32_t)others[i]);
        assert_int_equal(ita_unicode_alnum(others[i]), cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO);
        assert_int_equal(ita_unicode_width(others[i]), utf8proc_charwidth((utf8proc_int32_t)others[i]));
    }
    assert_int_equal(ita_unicode_missed(), 0);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(nfc_should_agree_with_utf8proc_on_thai),
        cmocka_unit_test(nfc_should_agree_with_utf8proc_on_mixes_and_other_scripts),
        cmocka_unit_test(alnum_should_follow_utf8proc_categories),
    };
    return ita_test_main(argc, argv, "unicode", tests, sizeof tests / sizeof tests[0]);
}
