/* Unit tests of include/ita/texts.h: interface texts and display width. */
#include "harness.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ita/compact.h"
#include "ita/texts.h"

#include <utf8proc.h>

static struct ita_texts load(const char *lang)
{
    char path[512];
    snprintf(path, sizeof path, "%s/texts/%s.json", ITA_TEST_DATA_DIR, lang);
    struct ita_texts t;
    struct ita_diags d;
    ita_diags_init(&d, 0);
    assert_int_equal(ita_texts_load(path, lang[0] == 't' ? ITA_LANG_TH : ITA_LANG_EN, NULL, &t, &d), ITA_OK);
    assert_int_equal(d.count, 0);
    ita_diags_free(&d);
    return t;
}

/* A Thai vowel or tone mark above or below takes no column (STYLE.md, miller#379). */
static void display_width_should_not_count_thai_marks(void **state)
{
    (void)state;
    assert_int_equal(ita_display_width("กา"), 2);
    assert_int_equal(ita_display_width("ก่า"), 2);   /* MAI EK above */
    assert_int_equal(ita_display_width("น้ำ"), 2);   /* MAI THO, then SARA AM */
    assert_int_equal(ita_display_width("คำ"), 2);
    assert_int_equal(ita_display_width("สวัสดี"), 4); /* MAI HAN-AKAT and SARA II take none */
    assert_int_equal(ita_display_width("I30"), 3);
    assert_int_equal(ita_display_width(""), 0);
    /* the Thai block, assigned or not, alone and after other text, as utf8proc counts
     * it (ita_display_width measures assigned Thai characters without it) */
    for (unsigned cp = 0x0E00; cp <= 0x0E7F; cp++) {
        char one[8] = {'a', (char)0xE0, (char)(0x80 | (cp >> 6 & 0x3F)), (char)(0x80 | (cp & 0x3F)), '\0'};
        int want = utf8proc_charwidth((utf8proc_int32_t)cp);
        size_t w = want > 0 ? (size_t)want : 0;
        if (ita_display_width(one + 1) != w || ita_display_width(one) != w + 1)
            fail_msg("U+%04X: width %zu, utf8proc says %d", cp, ita_display_width(one + 1), want);
        /* in as many columns as it takes with "a" before it: whole, not cut */
        size_t cut = 999, cut_width = 999;
        assert_int_equal(ita_display_fit(one, strlen(one), w + 1, &cut, &cut_width), w + 1);
        assert_int_equal(cut, 999);
    }
    /* runs of ASCII of every length, with a control character, DEL or a Thai
     * letter at every place (ita_display_width takes eight printable ones at a time) */
    static const char *const odd[] = {"\x01", "\x1F", "\x7F", "\xE0\xB8\x81", "\xE0\xB8\xB4", " ", "~"};
    for (size_t len = 0; len <= 20; len++)
        for (size_t at = 0; at <= len; at++)
            for (size_t k = 0; k < sizeof odd / sizeof odd[0]; k++) {
                char text[40];
                memset(text, 'x', len);
                size_t n = strlen(odd[k]);
                memcpy(text + at, odd[k], n);
                text[at + n > len ? at + n : len] = '\0';
                size_t want = 0;
                for (const char *c = text; *c; c++) {
                    char one[5] = {*c, '\0'};
                    if ((unsigned char)*c >= 0x80) {
                        memcpy(one, c, 3);
                        one[3] = '\0';
                        c += 2;
                        want += (size_t)utf8proc_charwidth(one[2] == (char)0x81 ? 0x0E01 : 0x0E34);
                    } else {
                        want += (size_t)utf8proc_charwidth((unsigned char)one[0]);
                    }
                }
                if (ita_display_width(text) != want)
                    fail_msg("width %zu of a run of %zu with %s at %zu, utf8proc says %zu", ita_display_width(text), len,
                             odd[k], at, want);
            }
    /* the three bytes cut short: not a Thai character */
    assert_int_equal(ita_display_width("\xE0\xB8"), ita_display_width("\xE0\xB8"));
    /* ASCII as utf8proc counts it: a printable character one column, a control none */
    for (int c = 1; c < 0x80; c++) {
        char one[2] = {(char)c, '\0'};
        int want = utf8proc_charwidth(c);
        assert_int_equal(ita_display_width(one), (size_t)want);
    }
    assert_int_equal(ita_display_width("a\tb\x7f c"), 4);
}

/* SARA AM (U+0E33) counts one column, as utf8proc says; terminals disagree, we follow the library. */
static void display_width_should_give_sara_am_one_column(void **state)
{
    (void)state;
    assert_int_equal(ita_display_width("\xe0\xb8\xb3"), 1);
}

/* ita_display_fit measures as ita_display_width does up to max columns, and past
 * them cuts as a table's cell does: whole characters (zero-width marks go
 * with the character before) in max - 1 columns, stopping at a byte that is not
 * UTF-8. Texts of random pieces (with runs of eight ASCII and more), every max. */
static void fit_should_measure_and_cut_as_width_and_cell(void **state)
{
    (void)state;
    static const char *const pieces[] = {"x", "abcdefgh", "\x01", "\x7F", "\xE0\xB8\x81" /* ก */,
                                         "\xE0\xB9\x88" /* MAI EK: none */, "\xE4\xB8\xAD" /* 中: two */,
                                         "\xC3\xA9" /* é */, "\xFF" /* not UTF-8 */};
    const size_t npieces = sizeof pieces / sizeof pieces[0];
    unsigned seed = 14;
    for (int round = 0; round < 3000; round++) {
        char text[256] = "";
        size_t which[40], count = (seed = seed * 1103515245u + 12345u) >> 16 & 31, len = 0;
        for (size_t k = 0; k < count; k++) {
            which[k] = ((seed = seed * 1103515245u + 12345u) >> 16) % npieces;
            /* the invalid byte rarely, so that most texts are cut by width */
            if (which[k] == npieces - 1 && (seed >> 8 & 7) != 0)
                which[k] = 0;
            size_t n = strlen(pieces[which[k]]);
            memcpy(text + len, pieces[which[k]], n);
            len += n;
        }
        text[len] = '\0';
        size_t width = ita_display_width(text);
        for (size_t max = 1; max <= width + 2; max++) {
            size_t cut = 999, cut_width = 999;
            size_t got = ita_display_fit(text, len, max, &cut, &cut_width);
            if (width <= max) {
                if (got != width || cut != 999 || cut_width != 999)
                    fail_msg("round %d, max %zu: fit %zu (cut %zu), width %zu", round, max, got, cut, width);
                continue;
            }
            size_t kept = 0, used = 0;
            for (size_t k = 0; k < count && which[k] != npieces - 1; k++) {
                size_t w = ita_display_width(pieces[which[k]]);
                if (which[k] == 1) { /* eight letters, each its own character */
                    size_t take = used + 8 <= max - 1 ? 8 : max - 1 - used;
                    kept += take, used += take;
                    if (take < 8)
                        break;
                    continue;
                }
                if (used + w > max - 1)
                    break;
                kept += strlen(pieces[which[k]]), used += w;
            }
            if (got != max + 1 || cut != kept || cut_width != used)
                fail_msg("round %d, max %zu: fit %zu, cut %zu of %zu columns; want %zu, cut %zu of %zu", round, max,
                         got, cut, cut_width, max + 1, kept, used);
        }
    }
}

static void fill_should_replace_numbered_placeholders_only(void **state)
{
    (void)state;
    struct ita_texts t = load("en");
    struct ita_buf b;
    ita_buf_init(&b);
    const char *args[] = {"95.00", "97.50"};
    ita_texts_fill(&b, &t, "tier_improve_long", args, 2);
    assert_string_equal(b.data, "Issues to improve (score 95.00 to 97.50)");
    ita_buf_free(&b);
    /* printf directives in a text are not interpreted; a missing argument is left empty */
    ita_buf_init(&b);
    ita_texts_fill(&b, &t, "no-such-key %s %n", args, 0);
    assert_string_equal(b.data, "no-such-key %s %n");
    ita_buf_free(&b);
    ita_texts_free(&t);
}

static void missing_key_should_show_the_key(void **state)
{
    (void)state;
    struct ita_texts t = load("th");
    assert_string_equal(ita_text(&t, "no_such_key"), "no_such_key");
    assert_string_equal(ita_text(&t, "pass"), "ผ่าน");
    ita_texts_free(&t);
}

/* Every key exists in both languages, with the same placeholders; the exceptions are
 * the texts of a year, which Thai writes in B.E. and English in C.E. (their callers
 * pass both). */
static void thai_and_english_texts_should_have_the_same_keys_and_placeholders(void **state)
{
    (void)state;
    struct ita_texts en = load("en"), th = load("th");
    assert_int_equal(en.count, th.count);
    for (size_t i = 0; i < en.count; i++) {
        const char *key = ita_texts_key(&en, i);
        const char *thai = ita_text(&th, key);
        if (thai == key || strcmp(thai, key) == 0)
            fail_msg("key \"%s\" has no Thai text", key);
        for (char k = '1'; k <= '9'; k++) {
            char ph[4] = {'{', k, '}', '\0'};
            bool in_en = strstr(ita_texts_value(&en, i), ph) != NULL, in_th = strstr(thai, ph) != NULL;
            static const char *const year_texts[] = {"year_label", "doc_change_since", "doc_year_column"};
            bool year_text = false;
            for (size_t y = 0; y < sizeof year_texts / sizeof year_texts[0]; y++)
                year_text |= strcmp(key, year_texts[y]) == 0;
            if (year_text)
                continue;
            if (in_en != in_th)
                fail_msg("key \"%s\": placeholder %s in one language only", key, ph);
        }
    }
    ita_texts_free(&en);
    ita_texts_free(&th);
}

/* Loads `content` as an interface-texts file: ITA_ERR_DATA and one diagnostic. */
static struct ita_diag load_bad_texts(const char *content, struct ita_diags *d)
{
    char path[] = "/tmp/ita-texts-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs(content, f);
    fclose(f);
    struct ita_texts t;
    ita_diags_init(d, 0);
    assert_int_equal(ita_texts_load(path, ITA_LANG_EN, NULL, &t, d), ITA_ERR_DATA);
    remove(path);
    assert_int_equal(d->count, 1);
    return d->items[0];
}

static void texts_load_should_say_where_a_file_stops_being_json(void **state)
{
    (void)state;
    struct ita_diags d;
    struct ita_diag bad = load_bad_texts("{\"a\": \"b\",\n \"c\" \"d\"}", &d);
    assert_int_equal(bad.line, 2);
    assert_int_equal(bad.column, 6);
    assert_string_equal(bad.message, "invalid interface texts: not valid JSON");
    ita_diags_free(&d);
}

static void texts_load_should_reject_a_file_that_is_not_an_object(void **state)
{
    (void)state;
    struct ita_diags d;
    struct ita_diag bad = load_bad_texts("[1, 2]", &d);
    assert_string_equal(bad.message, "interface texts must be one JSON object");
    ita_diags_free(&d);
}

/* The text of the JSON file at path (*len bytes), and the texts read from it into a. */
static char *read_texts_json(const char *path, size_t *len, struct ita_texts *a, struct ita_diags *d)
{
    char *json = NULL;
    assert_int_equal(ita_read_file(path, 1u << 20, &json, len), 0);
    assert_int_equal(ita_texts_parse(json, *len, path, ITA_LANG_EN, a, d), ITA_OK);
    return json;
}

/* The same keys and texts in the same order, and the same answer to every key. */
static void assert_same_texts(const struct ita_texts *a, const struct ita_texts *b)
{
    assert_int_equal(a->count, b->count);
    for (size_t i = 0; i < a->count; i++) {
        assert_string_equal(ita_texts_key(a, i), ita_texts_key(b, i));
        assert_string_equal(ita_texts_value(a, i), ita_texts_value(b, i));
        assert_string_equal(ita_text(a, ita_texts_key(a, i)), ita_text(b, ita_texts_key(a, i)));
    }
}

/* The texts read from the forms the build put into the binary are those read
 * from the JSON, and ita_texts_load takes them first; a JSON file changed since
 * is read as JSON. */
static void texts_should_read_the_same_from_their_built_in_form(void **state)
{
    (void)state;
    static const char *const langs[] = {"en", "th"};
    for (size_t l = 0; l < 2; l++) {
        char json_path[512];
        snprintf(json_path, sizeof json_path, "%s/texts/%s.json", ITA_TEST_DATA_DIR, langs[l]);
        const struct ita_compact_form *form = ita_compact_forms_find(&ita_built_in_forms, json_path);
        assert_non_null(form);
        size_t len = 0;
        struct ita_texts a, b;
        struct ita_diags d;
        ita_diags_init(&d, 0);
        char *json = read_texts_json(json_path, &len, &a, &d);
        assert_int_equal(ita_texts_load(json_path, ITA_LANG_EN, &ita_built_in_forms, &b, &d), ITA_OK);
        assert_ptr_equal(b.compact_map, form->bytes);
        assert_int_equal(b.compact_size, 0);
        assert_same_texts(&a, &b);
        ita_texts_free(&b);
        /* the other language's form is not this file's */
        char other[512];
        snprintf(other, sizeof other, "%s/texts/%s.json", ITA_TEST_DATA_DIR, langs[1 - l]);
        assert_false(ita_texts_compact_from(json_path, ita_compact_forms_find(&ita_built_in_forms, other),
                                            ITA_LANG_EN, &b));
        /* a copy in a folder of the same name, changed in one text */
        char dir[] = "/tmp/ita-texts-built-in-XXXXXX", sub[64], copy[128];
        assert_non_null(mkdtemp(dir));
        snprintf(sub, sizeof sub, "%s/texts", dir);
        assert_int_equal(mkdir(sub, 0700), 0);
        snprintf(copy, sizeof copy, "%s/%s.json", sub, langs[l]);
        char *v = strstr(json, "\"pass\": \"");
        assert_non_null(v);
        v[9] = v[9] == 'Q' ? 'R' : 'Q';
        FILE *f = fopen(copy, "wb");
        fwrite(json, 1, len, f);
        fclose(f);
        assert_false(ita_texts_compact_from(copy, form, ITA_LANG_EN, &b));
        assert_int_equal(ita_texts_load(copy, ITA_LANG_EN, &ita_built_in_forms, &b, &d), ITA_OK);
        assert_null(b.compact_map);
        assert_int_equal(ita_text(&b, "pass")[0], v[9]);
        ita_texts_free(&b);
        assert_int_equal(d.count, 0);
        unlink(copy);
        rmdir(sub);
        rmdir(dir);
        ita_texts_free(&a);
        ita_diags_free(&d);
        free(json);
    }
}

/* The texts read from the compact form the build made are those read from the
 * JSON: the same keys and texts in the same order, and the same answer to every
 * key; a JSON file changed since, or a damaged form, is read as JSON. */
static void texts_should_read_the_same_from_their_compact_form(void **state)
{
    (void)state;
    static const char *const langs[] = {"en", "th"};
    for (size_t l = 0; l < 2; l++) {
        char json_path[512], built[512];
        snprintf(json_path, sizeof json_path, "%s/texts/%s.json", ITA_TEST_DATA_DIR, langs[l]);
        snprintf(built, sizeof built, "%s/texts/%s.compact", ITA_TEST_BUILD_DATA_DIR, langs[l]);
        size_t len = 0;
        struct ita_texts a, b;
        struct ita_diags d;
        ita_diags_init(&d, 0);
        char *json = read_texts_json(json_path, &len, &a, &d);
        assert_null(a.compact_map);
        if (!ita_texts_compact_load(json_path, built, ITA_LANG_EN, &b))
            fail_msg("%s is not used for %s", built, json_path);
        assert_non_null(b.compact_map);
        assert_true(a.count > 100);
        assert_same_texts(&a, &b);
        assert_string_equal(ita_text(&b, "no_such_key"), "no_such_key");
        ita_texts_free(&b);
        /* ita_texts_load takes the build's form for the source tree's file */
        assert_int_equal(ita_texts_load(json_path, ITA_LANG_EN, NULL, &b, &d), ITA_OK);
        assert_non_null(b.compact_map);
        ita_texts_free(&b);
        /* a copy of the JSON with one byte changed beside a form of the original */
        char dir[] = "/tmp/ita-texts-dir-XXXXXX";
        assert_non_null(mkdtemp(dir));
        char copy[128], form[128];
        snprintf(copy, sizeof copy, "%s/%s.json", dir, langs[l]);
        snprintf(form, sizeof form, "%s/%s.compact", dir, langs[l]);
        struct ita_buf out;
        ita_buf_init(&out);
        ita_texts_compact_write(&a, json, len, &out);
        assert_false(out.failed);
        FILE *f = fopen(form, "wb");
        fwrite(out.data, 1, out.len, f);
        fclose(f);
        f = fopen(copy, "wb");
        fwrite(json, 1, len, f);
        fclose(f);
        assert_true(ita_texts_compact_load(copy, form, ITA_LANG_EN, &b));
        ita_texts_free(&b);
        char *v = strstr(json, "\"pass\": \"");
        assert_non_null(v);
        v[9] = v[9] == 'Q' ? 'R' : 'Q';
        f = fopen(copy, "wb");
        fwrite(json, 1, len, f);
        fclose(f);
        assert_false(ita_texts_compact_load(copy, form, ITA_LANG_EN, &b));
        assert_int_equal(ita_texts_load(copy, ITA_LANG_EN, NULL, &b, &d), ITA_OK);
        assert_null(b.compact_map);
        assert_int_equal(ita_text(&b, "pass")[0], v[9]);
        ita_texts_free(&b);
        assert_int_equal(d.count, 0);
        unlink(copy);
        unlink(form);
        rmdir(dir);
        ita_buf_free(&out);
        ita_texts_free(&a);
        ita_diags_free(&d);
        free(json);
    }
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(display_width_should_not_count_thai_marks),
        cmocka_unit_test(display_width_should_give_sara_am_one_column),
        cmocka_unit_test(fit_should_measure_and_cut_as_width_and_cell),
        cmocka_unit_test(fill_should_replace_numbered_placeholders_only),
        cmocka_unit_test(missing_key_should_show_the_key),
        cmocka_unit_test(thai_and_english_texts_should_have_the_same_keys_and_placeholders),
        cmocka_unit_test(texts_load_should_say_where_a_file_stops_being_json),
        cmocka_unit_test(texts_load_should_reject_a_file_that_is_not_an_object),
        cmocka_unit_test(texts_should_read_the_same_from_their_compact_form),
        cmocka_unit_test(texts_should_read_the_same_from_their_built_in_form),
    };
    return ita_test_main(argc, argv, "texts", tests, sizeof tests / sizeof tests[0]);
}
