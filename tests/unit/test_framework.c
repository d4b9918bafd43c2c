/* Unit tests of include/ita/framework.h: the shipped framework files, validation of
 * invalid ones, item codes, rating, and the framework set. */
#include "harness.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ita/compact.h"
#include "ita/decimal.h"
#include "ita/framework.h"
#include "ita/util.h"

#define FRAMEWORK_DIR ITA_TEST_DATA_DIR "/frameworks"

static struct ita_framework *load_year(int year)
{
    char path[512];
    snprintf(path, sizeof path, FRAMEWORK_DIR "/ita-%d.json", year);
    struct ita_diags d;
    ita_diags_init(&d, 0);
    struct ita_framework *fw = NULL;
    enum ita_status st = ita_framework_load(path, &fw, &d);
    if (st != ITA_OK || fw == NULL) {
        char line[1024] = "";
        if (d.count > 0)
            ita_diag_format(&d.items[0], line, sizeof line);
        fail_msg("%s does not load (status %d): %s", path, (int)st, line);
    }
    assert_int_equal(d.errors, 0);
    assert_int_equal(d.warnings, 0);
    ita_diags_free(&d);
    return fw;
}

static void every_shipped_framework_should_load(void **state)
{
    (void)state;
    for (int year = 2563; year <= 2569; year++) {
        struct ita_framework *fw = load_year(year);
        assert_int_equal(fw->year, year);
        assert_int_equal(fw->provisional, year >= 2566);
        assert_int_equal(fw->scheme, year >= 2566 ? ITA_RATING_LEVELS : ITA_RATING_GRADES);
        assert_int_equal(fw->pass_mark, 8500);
        assert_non_null(fw->name.th);
        assert_non_null(fw->name.en);
        assert_non_null(fw->path);
        assert_non_null(strstr(fw->path, "ita-"));
        ita_framework_free(&fw);
        assert_null(fw);
    }
}

/* The stronger checks docs/frameworks.md says the shipped files satisfy. */
static void every_shipped_framework_should_have_the_documented_shape(void **state)
{
    (void)state;
    static const struct {
        const char *code;
        size_t subs;
    } with_subs[] = {{"I1", 2},  {"I3", 3},  {"I4", 3},  {"I5", 3},  {"I6", 3},
                     {"I8", 2},  {"I11", 2}, {"I12", 3}, {"I18", 3}, {"I26", 2},
                     {"I28", 3}, {"I30", 4}, {"E1", 2},  {"E4", 3},  {"E6", 2}};
    for (int year = 2563; year <= 2569; year++) {
        struct ita_framework *fw = load_year(year);
        assert_int_equal(fw->indicator_count, 10);
        assert_int_equal(fw->sub_count, 40);
        unsigned next[ITA_TOOL_COUNT] = {1, 1, 1};
        size_t first_sub = 0;
        for (size_t i = 0; i < fw->item_count; i++) {
            const struct ita_fw_item *it = &fw->items[i];
            if (it->number != next[it->tool])
                fail_msg("%d: item %zu is %s, expected %s%u", year, i, it->code,
                         it->tool == ITA_IIT ? "I" : it->tool == ITA_EIT ? "E" : "O", next[it->tool]);
            next[it->tool]++;
            assert_ptr_equal(ita_framework_item(fw, it->tool, it->number), it);
            assert_int_equal(it->first_sub, first_sub);
            first_sub += it->sub_count;
            size_t expected_subs = 0;
            for (size_t k = 0; k < sizeof with_subs / sizeof with_subs[0]; k++)
                if (strcmp(with_subs[k].code, it->code) == 0)
                    expected_subs = with_subs[k].subs;
            if (it->sub_count != expected_subs)
                fail_msg("%d: %s has %zu sub-questions, expected %zu", year, it->code, it->sub_count,
                         expected_subs);
            const struct ita_fw_indicator *ind = &fw->indicators[it->indicator];
            assert_int_equal(ind->tool, it->tool);
            assert_true(i >= ind->first_item && i < ind->first_item + ind->item_count);
            if (it->tool == ITA_IIT)
                assert_int_equal(it->indicator, (it->number - 1) / 6);
            else if (it->tool == ITA_EIT)
                assert_int_equal(it->indicator, 5 + (it->number - 1) / 5);
            else
                assert_true(it->sub_indicator != SIZE_MAX);
            if (it->tool != ITA_OIT)
                assert_int_equal(it->sub_indicator, SIZE_MAX);
            else if (i > ind->first_item && fw->items[i - 1].tool == ITA_OIT)
                assert_true(fw->items[i - 1].sub_indicator <= it->sub_indicator); /* listed together */
        }
        assert_int_equal(next[ITA_IIT], 31);
        assert_int_equal(next[ITA_EIT], 16);
        assert_null(ita_framework_item(fw, ITA_IIT, 31));
        assert_null(ita_framework_item(fw, ITA_EIT, 16));
        assert_null(ita_framework_item(fw, ITA_OIT, next[ITA_OIT]));
        assert_null(ita_framework_item(fw, ITA_IIT, 0));
        /* tools own indicators 1-5, 6-8, 9-10, each tool's weight the sum of its indicators' */
        static const size_t first[] = {0, 5, 8}, count[] = {5, 3, 2};
        for (int t = 0; t < ITA_TOOL_COUNT; t++) {
            assert_int_equal(fw->tools[t].first_indicator, first[t]);
            assert_int_equal(fw->tools[t].indicator_count, count[t]);
            int64_t sum = 0;
            for (size_t n = first[t]; n < first[t] + count[t]; n++) {
                assert_int_equal(fw->indicators[n].tool, t);
                sum += fw->indicators[n].weight;
            }
            assert_int_equal(fw->tools[t].weight, sum);
        }
        /* weights 6 (1-5), 10 (6-8), 20 (9-10) */
        for (size_t n = 0; n < 10; n++) {
            assert_int_equal(fw->indicators[n].number, n + 1);
            int64_t w = n < 5 ? 6 : n < 8 ? 10 : 20;
            assert_int_equal(fw->indicators[n].weight * 6, fw->indicators[0].weight * w);
        }
        assert_true(fw->indicators[8].sub_indicator_count >= 1);
        assert_true(fw->indicators[9].sub_indicator_count >= 1);
        assert_int_equal(fw->bands[fw->band_count - 1].min, 0);
        ita_framework_free(&fw);
    }
}

static void framework_2565_should_match_the_tceb_analysis(void **state)
{
    (void)state;
    struct ita_framework *fw = load_year(2565);
    assert_int_equal(fw->indicator_count, 10);
    assert_int_equal(fw->item_count, 88);
    assert_int_equal(fw->sub_count, 40);
    assert_false(fw->provisional);
    const struct ita_fw_item *e10 = ita_framework_item(fw, ITA_EIT, 10);
    assert_non_null(e10);
    assert_string_equal(e10->code, "E10");
    assert_int_equal(e10->indicator, 6); /* 0-based: indicator 7 */
    assert_int_equal(fw->indicators[e10->indicator].number, 7);
    const struct ita_fw_item *i30 = ita_framework_item(fw, ITA_IIT, 30);
    assert_int_equal(i30->sub_count, 4);
    assert_int_equal(i30->indicator, 4);
    /* OIT: 9.1-9.5 with 9/8/7/4/5 items, 10.1-10.2 with 8/2 */
    static const char *const codes[] = {"9.1", "9.2", "9.3", "9.4", "9.5", "10.1", "10.2"};
    static const size_t items[] = {9, 8, 7, 4, 5, 8, 2};
    assert_int_equal(fw->sub_indicator_count, 7);
    for (size_t s = 0; s < 7; s++) {
        assert_string_equal(fw->sub_indicators[s].code, codes[s]);
        assert_int_equal(fw->sub_indicators[s].item_count, items[s]);
        assert_int_equal(fw->sub_indicators[s].indicator, s < 5 ? 8 : 9);
    }
    /* grades AA..F */
    static const char *const names[] = {"AA", "A", "B", "C", "D", "E", "F"};
    static const int64_t mins[] = {9500, 8500, 7500, 6500, 5500, 5000, 0};
    assert_int_equal(fw->scheme, ITA_RATING_GRADES);
    assert_int_equal(fw->band_count, 7);
    for (size_t b = 0; b < 7; b++) {
        assert_string_equal(fw->bands[b].name.th, names[b]);
        assert_string_equal(fw->bands[b].name.en, names[b]);
        assert_int_equal(fw->bands[b].min, mins[b]);
        assert_int_equal(fw->bands[b].tool_min, ITA_MISSING);
        assert_int_equal(fw->bands[b].pass, b < 2);
    }
    ita_framework_free(&fw);
}

/* framework.h: weights are "hundredths of a percent", so 6 % is 600. */
static void framework_should_store_weights_in_hundredths_of_a_percent(void **state)
{
    (void)state;
    struct ita_framework *fw = load_year(2565);
    static const int64_t w[] = {600, 600, 600, 600, 600, 1000, 1000, 1000, 2000, 2000};
    static const int64_t tw[] = {3000, 3000, 4000};
    char failures[1024] = "";
    size_t n = 0;
    for (size_t i = 0; i < 10; i++)
        if (fw->indicators[i].weight != w[i])
            n += (size_t)snprintf(failures + n, sizeof failures - n, " indicator %zu: %lld (expected %lld);",
                                  i + 1, (long long)fw->indicators[i].weight, (long long)w[i]);
    for (int t = 0; t < ITA_TOOL_COUNT; t++)
        if (fw->tools[t].weight != tw[t])
            n += (size_t)snprintf(failures + n, sizeof failures - n, " %s: %lld (expected %lld);",
                                  ita_tool_code((enum ita_tool)t), (long long)fw->tools[t].weight,
                                  (long long)tw[t]);
    ita_framework_free(&fw);
    if (n > 0)
        fail_msg("weights are not in hundredths of a percent:%s", failures);
}

static void framework_2566_should_be_provisional_with_levels(void **state)
{
    (void)state;
    struct ita_framework *fw = load_year(2566);
    assert_true(fw->provisional);
    assert_int_equal(fw->scheme, ITA_RATING_LEVELS);
    assert_int_equal(fw->band_count, 4);
    static const char *const th[] = {"ผ่านดีเยี่ยม", "ผ่านดี", "ผ่าน", "ไม่ผ่าน"};
    static const char *const en[] = {"Excellent", "Good", "Pass", "Not passed"};
    static const int64_t mins[] = {9500, 8500, 8500, 0};
    static const int64_t tool_mins[] = {9500, 8500, ITA_MISSING, ITA_MISSING};
    for (size_t b = 0; b < 4; b++) {
        assert_string_equal(fw->bands[b].name.th, th[b]);
        assert_string_equal(fw->bands[b].name.en, en[b]);
        assert_int_equal(fw->bands[b].min, mins[b]);
        assert_int_equal(fw->bands[b].tool_min, tool_mins[b]);
        assert_int_equal(fw->bands[b].pass, b < 3);
    }
    ita_framework_free(&fw);
}

static const char *rate(const struct ita_framework *fw, int64_t overall, int64_t iit, int64_t eit,
                        int64_t oit)
{
    const int64_t tools[ITA_TOOL_COUNT] = {iit, eit, oit};
    size_t b = ita_framework_rate(fw, overall, tools);
    assert_true(b < fw->band_count);
    return fw->bands[b].name.th;
}

static void framework_rate_should_grade_2565_by_the_overall_score(void **state)
{
    (void)state;
    struct ita_framework *fw = load_year(2565);
    const int64_t m = ITA_MISSING;
    assert_string_equal(rate(fw, 9704, m, m, m), "AA");
    assert_string_equal(rate(fw, 10000, m, m, m), "AA");
    assert_string_equal(rate(fw, 9500, m, m, m), "AA");
    assert_string_equal(rate(fw, 9499, m, m, m), "A");
    assert_string_equal(rate(fw, 8500, m, m, m), "A");
    assert_string_equal(rate(fw, 8499, m, m, m), "B");
    assert_string_equal(rate(fw, 5000, m, m, m), "E");
    assert_string_equal(rate(fw, 4999, m, m, m), "F");
    assert_string_equal(rate(fw, 0, m, m, m), "F");
    /* tool scores play no part in grades */
    assert_string_equal(rate(fw, 9704, 1000, 1000, 1000), "AA");
    ita_framework_free(&fw);
}

static void framework_rate_should_apply_tool_conditions_of_levels(void **state)
{
    (void)state;
    for (int year = 2566; year <= 2569; year++) {
        struct ita_framework *fw = load_year(year);
        /* PRODUCT.md: 94.64 overall with EIT below 85 is only ผ่าน */
        assert_string_equal(rate(fw, 9464, 9500, 8400, 10000), "ผ่าน");
        assert_string_equal(rate(fw, 9464, 9000, 9000, 9000), "ผ่านดี");
        assert_string_equal(rate(fw, 9464, 8500, 8500, 8500), "ผ่านดี");
        assert_string_equal(rate(fw, 9700, 9600, 9600, 9600), "ผ่านดีเยี่ยม");
        assert_string_equal(rate(fw, 9700, 9600, 9499, 9600), "ผ่านดี");
        assert_string_equal(rate(fw, 9500, 9500, 9500, 9500), "ผ่านดีเยี่ยม");
        assert_string_equal(rate(fw, 8500, 8000, 8000, 8000), "ผ่าน");
        assert_string_equal(rate(fw, 8499, 10000, 10000, 10000), "ไม่ผ่าน");
        assert_string_equal(rate(fw, 0, 0, 0, 0), "ไม่ผ่าน");
        ita_framework_free(&fw);
    }
}

static void item_code_parse_should_forgive_case_spaces_and_leading_zeros(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        enum ita_tool tool;
        unsigned number;
    } ok[] = {{"I1", ITA_IIT, 1},    {"i01", ITA_IIT, 1},     {" e15 ", ITA_EIT, 15},
              {"O3", ITA_OIT, 3},    {"o043", ITA_OIT, 43},   {"I30", ITA_IIT, 30},
              {"\tE6\t", ITA_EIT, 6}};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        enum ita_tool tool = ITA_TOOL_COUNT;
        unsigned number = 0;
        if (!ita_item_code_parse(ok[i].text, strlen(ok[i].text), &tool, &number))
            fail_msg("\"%s\" rejected", ok[i].text);
        assert_int_equal(tool, ok[i].tool);
        assert_int_equal(number, ok[i].number);
    }
}

static void item_code_parse_should_reject_what_is_not_an_item_code(void **state)
{
    (void)state;
    static const char *const bad[] = {"X1", "I", "I1a", "", "1", "I0", "I-1", "I 1", "II1", "E1.5", "O", " "};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        enum ita_tool tool = ITA_TOOL_COUNT;
        unsigned number = 0;
        if (ita_item_code_parse(bad[i], strlen(bad[i]), &tool, &number))
            fail_msg("\"%s\" accepted as tool %d number %u", bad[i], (int)tool, number);
    }
}

static void tool_code_should_name_the_three_tools(void **state)
{
    (void)state;
    assert_string_equal(ita_tool_code(ITA_IIT), "IIT");
    assert_string_equal(ita_tool_code(ITA_EIT), "EIT");
    assert_string_equal(ita_tool_code(ITA_OIT), "OIT");
}

/* ---- parsing invalid files ---- */

/* The smallest valid file: a tool per indicator, two bands, four items, two subs. */
static const char minimal[] =
    "{\"schema\": \"ita-framework/1\", \"year\": 2599, \"year_ce\": 2056, \"status\": \"provisional\",\n"
    " \"name_th\": \"ทดสอบ\", \"name_en\": \"Test\", \"notes\": [\"n\"], \"sources\": [\"s\"],\n"
    " \"rating\": {\"scheme\": \"grades\", \"pass\": 85.00,\n"
    "   \"grades\": [{\"name\": \"AA\", \"min\": 95.00}, {\"name\": \"F\", \"min\": 0.00}]},\n"
    " \"tools\": [{\"code\": \"IIT\", \"name_th\": \"ภายใน\", \"name_en\": \"Internal\", \"weight\": 30},\n"
    "   {\"code\": \"EIT\", \"name_th\": \"ภายนอก\", \"name_en\": \"External\", \"weight\": 30},\n"
    "   {\"code\": \"OIT\", \"name_th\": \"เปิดเผย\", \"name_en\": \"Open\", \"weight\": 40}],\n"
    " \"indicators\": [\n"
    "  {\"number\": 1, \"tool\": \"IIT\", \"name_th\": \"หนึ่ง\", \"name_en\": \"One\", \"weight\":30,\n"
    "   \"items\": [{\"code\": \"I1\", \"text_th\": \"ก\", \"text_en\": \"a\",\n"
    "     \"subs\": [{\"text_th\": \"ข\", \"text_en\": \"b\"}, {\"text_th\": \"ค\", \"text_en\": \"c\"}]},\n"
    "    {\"code\": \"I2\", \"text_th\": \"ง\", \"text_en\": \"d\", \"subs\": []}]},\n"
    "  {\"number\": 2, \"tool\": \"EIT\", \"name_th\": \"สอง\", \"name_en\": \"Two\", \"weight\":30,\n"
    "   \"items\": [{\"code\": \"E1\", \"text_th\": \"จ\", \"text_en\": \"e\", \"subs\": []}]},\n"
    "  {\"number\": 3, \"tool\": \"OIT\", \"name_th\": \"สาม\", \"name_en\": \"Three\", \"weight\":40,\n"
    "   \"sub_indicators\": [{\"code\": \"3.1\", \"name_th\": \"ย่อย\", \"name_en\": \"Sub\"}],\n"
    "   \"items\": [{\"code\": \"O1\", \"sub_indicator\": \"3.1\", \"text_th\": \"ฉ\", \"text_en\": \"f\", \"subs\": []}]}\n"
    " ]}\n";

/* minimal with every `from` replaced by `to`; the caller frees. */
static char *mutate(const char *from, const char *to)
{
    size_t fl = strlen(from), tl = strlen(to), n = 0;
    char *out = malloc(sizeof minimal * 2 + 256);
    assert_non_null(out);
    const char *p = minimal;
    int hits = 0;
    for (const char *q; (q = strstr(p, from)) != NULL; p = q + fl, hits++) {
        memcpy(out + n, p, (size_t)(q - p));
        n += (size_t)(q - p);
        memcpy(out + n, to, tl);
        n += tl;
    }
    if (hits == 0)
        fail_msg("mutation \"%s\" does not apply", from);
    strcpy(out + n, p);
    return out;
}

static void json_parse_should_accept_json(void **state)
{
    (void)state;
    static const char *const good[] = {
        "{}", " [ ] ", "0", "-0.5e+10", "\"\\u00e9\\ud83d\\ude00\\n\"", "true", "null",
        "{\"a\": [1, {\"b\": false}, \"x\"], \"c\": {}}\n",
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        size_t line = 0, column = 0;
        struct ita_json doc;
        if (ita_json_parse(good[i], strlen(good[i]), &doc, &line, &column) != ITA_OK)
            fail_msg("rejected %s at %zu:%zu", good[i], line, column);
        assert_non_null(doc.root);
        ita_json_free(&doc);
    }
}

static void json_parse_should_reject_what_is_not_json_and_say_where(void **state)
{
    (void)state;
    /* where cJSON stops: at the end of text that ends too soon, not on its last
     * character; after the value when something follows it */
    static const struct {
        const char *text;
        size_t line, column;
    } bad[] = {
        {"", 1, 1}, {"{", 1, 2}, {"{\"a\" 1}", 1, 6}, {"[1,]", 1, 4}, {"[1 2]", 1, 4},
        {"[1,2", 1, 5}, {"{}\n[]", 2, 1}, {"{\"a\":1} x", 1, 9}, {"[1,2]]", 1, 6},
        {"nul", 1, 1}, {"[\"\u0e01\", x]", 1, 7}, {"{\"a\":\n  tru}", 2, 3},
        {"{\"schema\": \"ita-framework/1\",\n", 2, 1},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        size_t line = 0, column = 0;
        struct ita_json doc;
        if (ita_json_parse(bad[i].text, strlen(bad[i].text), &doc, &line, &column) != ITA_ERR_DATA)
            fail_msg("accepted %s", bad[i].text);
        assert_null(doc.root);
        assert_null(doc.chunks);
        if (line != bad[i].line || column != bad[i].column)
            fail_msg("%s: stopped at %zu:%zu, not %zu:%zu", bad[i].text, line, column, bad[i].line,
                     bad[i].column);
    }
    /* nesting deeper than ITA_JSON_MAX_DEPTH is refused at the bracket one too
     * many, and an error before that bracket is still found first */
    static char deep[2001];
    memset(deep, '[', 2000);
    size_t line = 0, column = 0;
    struct ita_json doc;
    assert_int_equal(ita_json_parse(deep, 2000, &doc, &line, &column), ITA_ERR_DATA);
    assert_int_equal(column, ITA_JSON_MAX_DEPTH + 1);
    memcpy(deep, "[1,]", 4);
    assert_int_equal(ita_json_parse(deep, 2000, &doc, &line, &column), ITA_ERR_DATA);
    assert_int_equal(column, 4);
    /* a bracket inside a string does not nest */
    memset(deep, '[', 2000);
    deep[0] = '"';
    deep[1999] = '"';
    assert_int_equal(ita_json_parse(deep, 2000, &doc, &line, &column), ITA_OK);
    ita_json_free(&doc);
    /* a string ends at a quote after an even number of backslashes (each pair
     * one escaped backslash): the brackets after it nest */
    memset(deep, '[', 2000);
    memcpy(deep, "[\"a\\\\\",", 7);
    assert_int_equal(ita_json_parse(deep, 2000, &doc, &line, &column), ITA_ERR_DATA);
    assert_int_equal(column, 7 + ITA_JSON_MAX_DEPTH);
    /* and goes on past a quote after an odd number: the brackets are in it */
    memset(deep, '[', 2000);
    memcpy(deep, "[\"a\\\\\\\"", 7);
    memcpy(deep + 1998, "\"]", 2);
    assert_int_equal(ita_json_parse(deep, 2000, &doc, &line, &column), ITA_OK);
    assert_int_equal(strncmp(doc.root->child->valuestring, "a\\\"[[", 5), 0);
    assert_int_equal(strlen(doc.root->child->valuestring), 3 + 1998 - 7);
    ita_json_free(&doc);
}

/* ita_json_parse reads strict JSON itself and leaves the rest to cJSON: on every
 * text, the same tree or the same error as cJSON alone. */
static void json_parse_should_agree_with_cjson(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "{}", "[]", " [ ] ", "0", "-0", "-0.5e+10", "1E3", "12.50", "2565", "1e999", "-1e999", "3000000000",
        "-3000000000", "\"\"", "\"a\"", "\"\\u00e9\\ud83d\\ude00\\n\"", "\"\\u0e01\\u0041\\/\\\\\\\"\\b\\f\\r\\t\"",
        "\"\\u0000x\"", "\"\\ud800\"", "\"\\udc00x\"", "\"\\u00g1\"", "\"\\x\"", "\"a\tb\"", "\"a\x01" "b\"",
        "true", "false", "null", "tru", "nul", "fals", "01", "1.", ".5", "+1", "-", "1e", "1e+", "0x10", "1.2.3",
        "--1", "1-2", "[1,]", "[1 2]", "[1,2", "{\"a\" 1}", "{\"a\":1,}", "{\"a\":1} x", "{}\n[]", "\xEF\xBB\xBF{}",
        "\x01[1]", "[1]\x01", "[\x0b" "1]", "{\"a\":\"\xe0\xb8\x81\",\"a\":2}", "[\"\xff\xfe\"]",
        "{\"a\": [1, {\"b\": false}, \"x\"], \"c\": {}}\n", "[\"a\\\\\",\"b\"]", "\"a\\", "\"abc", "[\"x\"",
        "{\"k\":\"v\"  ,  \"l\" : [ null , true ] }", "[1.5e-3, -0.0, 123456789012345678901234567890]",
        "[\"0123456789abcdef0123456789abcdef\\n0123456789abcdef0123456789abcdef\"]",
        "[12345678901234567890123456789012345678901234567890123456789012]",
        "[123456789012345678901234567890123456789012345678901234567890123]",
        "[1234567890123456789012345678901234567890123456789012345678901234]",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        size_t len = strlen(texts[i]);
        struct ita_json a, b;
        size_t la = 0, ca = 0, lb = 0, cb = 0;
        enum ita_status sa = ita_json_parse(texts[i], len, &a, &la, &ca);
        enum ita_status sb = ita_json_parse_cjson(texts[i], len, &b, &lb, &cb);
        if (sa != sb || (sa == ITA_OK && !ita_json_same(a.root, b.root)) || (sa != ITA_OK && (la != lb || ca != cb)))
            fail_msg("%s: %d at %zu:%zu, cJSON %d at %zu:%zu", texts[i], sa, la, ca, sb, lb, cb);
        ita_json_free(&a);
        ita_json_free(&b);
    }
    /* nesting: as deep as allowed, and one more */
    static char deep[2 * ITA_JSON_MAX_DEPTH + 3];
    for (size_t extra = 0; extra < 2; extra++) {
        size_t n = ITA_JSON_MAX_DEPTH + extra;
        memset(deep, '[', n);
        memset(deep + n, ']', n);
        deep[2 * n] = '\0';
        struct ita_json a, b;
        size_t la = 0, ca = 0, lb = 0, cb = 0;
        enum ita_status sa = ita_json_parse(deep, 2 * n, &a, &la, &ca);
        assert_int_equal(sa, ita_json_parse_cjson(deep, 2 * n, &b, &lb, &cb));
        assert_int_equal(sa, extra ? ITA_ERR_DATA : ITA_OK);
        assert_true(sa != ITA_OK || ita_json_same(a.root, b.root));
        assert_int_equal(ca, cb);
        ita_json_free(&a);
        ita_json_free(&b);
    }
    /* every framework and text file of the data */
    static const char *const files[] = {"frameworks/ita-2563.json", "frameworks/ita-2564.json",
                                        "frameworks/ita-2565.json", "frameworks/ita-2566.json",
                                        "frameworks/ita-2567.json", "frameworks/ita-2568.json",
                                        "frameworks/ita-2569.json", "texts/en.json", "texts/th.json"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", ITA_TEST_DATA_DIR, files[i]);
        char *text = NULL;
        size_t len = 0, line, column;
        assert_int_equal(ita_read_file(path, 1u << 24, &text, &len), 0);
        struct ita_json a, b;
        assert_int_equal(ita_json_parse_cjson(text, len, &b, &line, &column), ITA_OK);
        assert_int_equal(ita_json_parse_owned(text, len, &a, &line, &column), ITA_OK);
        if (!ita_json_same(a.root, b.root))
            fail_msg("%s: the trees differ", files[i]);
        /* read in place, not by cJSON: its keys are in the text */
        assert_true(a.root->child->string > a.text && a.root->child->string < a.text + len);
        ita_json_free(&a);
        ita_json_free(&b);
    }
}

/* A reader done with the tree keeps its strings: the nodes go when no string
 * lives among them, and stay when one does (a string with escapes). */
static void json_drop_nodes_should_keep_the_strings(void **state)
{
    (void)state;
    size_t line, column;
    struct ita_json doc;
    assert_int_equal(ita_json_parse("{\"a\": \"\xe0\xb8\x81\", \"b\": [\"x\"]}", 24, &doc, &line, &column), ITA_OK);
    const char *a = doc.root->child->valuestring, *x = doc.root->child->next->child->valuestring;
    ita_json_drop_nodes(&doc);
    assert_null(doc.root);
    assert_null(doc.chunks);
    assert_string_equal(a, "\xe0\xb8\x81"); /* the sanitizer build sees a read of freed memory */
    assert_string_equal(x, "x");
    ita_json_free(&doc);
    assert_int_equal(ita_json_parse("{\"a\": \"1\\n2\"}", 13, &doc, &line, &column), ITA_OK);
    a = doc.root->child->valuestring;
    ita_json_drop_nodes(&doc);
    assert_non_null(doc.root);
    assert_string_equal(a, "1\n2");
    ita_json_free(&doc);
    /* read by cJSON (not strict JSON: a leading zero): its strings are its own */
    assert_int_equal(ita_json_parse("[\"s\", 01]", 9, &doc, &line, &column), ITA_OK);
    a = doc.root->child->valuestring;
    ita_json_drop_nodes(&doc);
    assert_non_null(doc.root);
    assert_string_equal(a, "s");
    ita_json_free(&doc);
}

/* The tree lives in memory of its own, freed at once: a large document, its
 * strings and numbers all read back, then freed (the sanitizer and valgrind
 * runs find a leak or a stray write). */
static void json_parse_should_hold_a_large_tree(void **state)
{
    (void)state;
    struct ita_buf b;
    ita_buf_init(&b);
    ita_buf_puts(&b, "[");
    for (int i = 0; i < 20000; i++)
        ita_buf_printf(&b, "%s{\"k%d\": \"%0*d\", \"n\": %d}", i ? "," : "", i, i % 300 + 1, i, i);
    ita_buf_puts(&b, "]");
    assert_false(b.failed);
    size_t line = 0, column = 0;
    struct ita_json doc;
    assert_int_equal(ita_json_parse(b.data, b.len, &doc, &line, &column), ITA_OK);
    int i = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, doc.root) {
        char key[16], value[400];
        snprintf(key, sizeof key, "k%d", i);
        snprintf(value, sizeof value, "%0*d", i % 300 + 1, i);
        assert_string_equal(e->child->string, key);
        assert_string_equal(e->child->valuestring, value);
        assert_int_equal(e->child->next->valueint, i);
        i++;
    }
    assert_int_equal(i, 20000);
    ita_json_free(&doc);
    assert_null(doc.root);
    ita_json_free(&doc); /* again: nothing */
    /* a tree cJSON makes outside ita_json_parse is cJSON's, freed by cJSON */
    cJSON *own = cJSON_Parse("{\"a\": [1, 2, \"x\"]}");
    assert_non_null(own);
    cJSON_Delete(own);
    ita_buf_free(&b);
}

static void framework_parse_should_accept_a_minimal_valid_file(void **state)
{
    (void)state;
    struct ita_diags d;
    ita_diags_init(&d, 0);
    struct ita_framework *fw = NULL;
    assert_int_equal(ita_framework_parse(minimal, strlen(minimal), "mini.json", &fw, &d), ITA_OK);
    assert_int_equal(d.count, 0);
    assert_non_null(fw);
    assert_int_equal(fw->year, 2599);
    assert_true(fw->provisional);
    assert_int_equal(fw->indicator_count, 3);
    assert_int_equal(fw->item_count, 4);
    assert_int_equal(fw->sub_count, 2);
    assert_int_equal(fw->sub_indicator_count, 1);
    assert_int_equal(fw->sub_indicators[0].item_count, 1);
    assert_string_equal(fw->path, "mini.json");
    assert_string_equal(fw->items[0].subs[1].en, "c");
    assert_string_equal(fw->tools[ITA_OIT].name.th, "เปิดเผย");
    ita_framework_free(&fw);
    ita_diags_free(&d);
}

struct invalid_case {
    const char *why, *from, *to, *says;
};

/* Each text fails with ITA_ERR_DATA and errors that name the file, one of them
 * with `says` in it; every problem but bad JSON names its JSON path. */
static void check_invalid(const struct invalid_case *c, size_t n, char *failures, size_t size)
{
    for (size_t i = 0; i < n; i++) {
        char *json = c[i].from == NULL ? NULL : mutate(c[i].from, c[i].to);
        const char *text = json ? json : c[i].to;
        struct ita_diags d;
        ita_diags_init(&d, 0);
        static struct ita_framework sentinel;
        struct ita_framework *fw = &sentinel; /* must be reset to NULL */
        enum ita_status st = ita_framework_parse(text, strlen(text), "bad.json", &fw, &d);
        char line[600] = "(no diagnostic)";
        if (d.count > 0)
            ita_diag_format(&d.items[0], line, sizeof line);
        bool ok = st == ITA_ERR_DATA && fw == NULL && d.errors >= 1 && d.count == d.errors, says = false;
        for (size_t k = 0; k < d.count && ok; k++) {
            ok = d.items[k].file != NULL && strcmp(d.items[k].file, "bad.json") == 0 &&
                 (strstr(d.items[k].message, "invalid framework: $") != NULL ||
                  strstr(d.items[k].message, "not valid JSON") != NULL);
            says |= strstr(d.items[k].message, c[i].says) != NULL;
        }
        ok = ok && says;
        if (!ok) {
            size_t used = strlen(failures);
            snprintf(failures + used, size - used, "\n  %s: status %d, %zu diagnostics, %s", c[i].why,
                     (int)st, d.count, line);
        }
        if (st == ITA_OK && fw != &sentinel)
            ita_framework_free(&fw);
        ita_diags_free(&d);
        free(json);
    }
}

static void framework_parse_should_reject_invalid_files_with_a_diagnostic(void **state)
{
    (void)state;
    static const struct invalid_case cases[] = {
        {"not JSON", NULL, "{not json", "not valid JSON"},
        {"empty text", NULL, "", "not valid JSON"},
        {"a JSON array", NULL, "[]", "schema"},
        {"wrong schema", "ita-framework/1", "ita-framework/2", "$.schema: must be"},
        {"a tool weight not the sum of its indicators", "\"weight\": 40", "\"weight\": 30", "add up"},
        {"weights not adding to 100", "40", "30", "add up to 100"},
        {"duplicate item", "\"code\": \"I2\"", "\"code\": \"I1\"", "listed twice"},
        {"bands not best first", "{\"name\": \"AA\", \"min\": 95.00}, {\"name\": \"F\", \"min\": 0.00}",
         "{\"name\": \"F\", \"min\": 0.00}, {\"name\": \"AA\", \"min\": 95.00}", "best first"},
        {"a negative number", "\"min\": 95.00", "\"min\": -1", "two decimals"},
        {"last band not at 0", "\"min\": 0.00", "\"min\": 10.00", "start at 0"},
        {"item letter not its tool", "\"code\": \"E1\"", "\"code\": \"I3\"", "I3"},
        {"three decimals", "\"pass\": 85.00", "\"pass\": 85.005", "two decimals"},
        {"indicators out of order", "\"number\": 2", "\"number\": 5", "numbered"},
        {"OIT item without sub_indicator", "\"sub_indicator\": \"3.1\", ", "", "sub_indicator"},
        {"unknown sub_indicator", "\"sub_indicator\": \"3.1\"", "\"sub_indicator\": \"3.9\"", "sub_indicator"},
        {"unknown status", "\"provisional\"", "\"draft\"", "status"},
        {"year out of range", "2599", "99", "year"},
        {"a tool missing", "\"code\": \"OIT\"", "\"code\": \"EIT\"", "$.tools: OIT is missing"},
        {"unknown scheme", "\"grades\",", "\"letters\",", "scheme"},
        {"item code with a leading zero", "\"code\": \"I2\"", "\"code\": \"I02\"", "I02"},
        {"previous_code of another tool", "\"code\": \"I2\",", "\"code\": \"I2\", \"previous_code\": \"E2\",",
         "previous_code"},
        {"previous_code not a code", "\"code\": \"I2\",", "\"code\": \"I2\", \"previous_code\": 2,", "previous_code"},
        {"previous_code with a leading zero", "\"code\": \"I2\",", "\"code\": \"I2\", \"previous_code\": \"I01\",",
         "previous_code"},
        {"two items with one previous question", "\"code\": \"I2\",", "\"code\": \"I2\", \"previous_code\": \"I1\",",
         "both ask"},
        {"a new question reworded", "\"code\": \"I2\",", "\"code\": \"I2\", \"previous_code\": null, \"reworded\": true,",
         "reworded"},
        {"reworded not a boolean", "\"code\": \"I2\",", "\"code\": \"I2\", \"reworded\": \"yes\",", "reworded"},
    };
    char failures[8192] = "";
    check_invalid(cases, sizeof cases / sizeof cases[0], failures, sizeof failures);
    if (failures[0] != '\0')
        fail_msg("accepted or wrongly reported:%s", failures);
}

/* docs/frameworks.md, "Validation rules": "the loader should reject anything else". */
static void framework_parse_should_enforce_every_documented_validation_rule(void **state)
{
    (void)state;
    static const struct invalid_case cases[] = {
        {"year_ce is not year - 543", "\"year_ce\": 2056", "\"year_ce\": 2057", "year_ce"},
        {"a subs array with one entry", ", {\"text_th\": \"ค\", \"text_en\": \"c\"}", "", "subs"},
        {"an unknown key", "\"notes\":", "\"colour\": \"red\", \"notes\":", "colour"},
        {"an empty name", "\"name_en\": \"Test\"", "\"name_en\": \"\"", "name_en"},
        {"an OIT indicator without sub_indicators",
         "\"sub_indicators\": [{\"code\": \"3.1\", \"name_th\": \"ย่อย\", \"name_en\": \"Sub\"}],\n   "
         "\"items\": [{\"code\": \"O1\", \"sub_indicator\": \"3.1\", ",
         "\"items\": [{\"code\": \"O1\", ", "sub_indicator"},
    };
    char failures[8192] = "";
    check_invalid(cases, sizeof cases / sizeof cases[0], failures, sizeof failures);
    if (failures[0] != '\0')
        fail_msg("accepted or wrongly reported:%s", failures);
}

static void framework_parse_should_read_the_same_question_of_the_year_before(void **state)
{
    (void)state;
    struct ita_diags d;
    ita_diags_init(&d, 0);
    struct ita_framework *fw = NULL, *prev = NULL;
    char *json = mutate("\"code\": \"I2\",", "\"code\": \"I2\", \"previous_code\": \"I7\", \"reworded\": true,");
    char *json2 = mutate("\"code\": \"E1\",", "\"code\": \"E1\", \"previous_code\": null,");
    assert_int_equal(ita_framework_parse(json, strlen(json), "a.json", &fw, &d), ITA_OK);
    assert_int_equal(ita_framework_parse(minimal, strlen(minimal), "b.json", &prev, &d), ITA_OK);
    assert_string_equal(ita_fw_item_previous_code(&fw->items[0]), "I1"); /* no key: the same code */
    assert_null(fw->items[0].previous_code);
    assert_false(fw->items[0].reworded);
    assert_string_equal(ita_fw_item_previous_code(&fw->items[1]), "I7");
    assert_true(fw->items[1].reworded);
    /* I1 pairs with I1; I7 is not in prev, so I2 pairs with nothing (not with I2) */
    assert_ptr_equal(ita_framework_previous_item(fw, &fw->items[0], prev), &prev->items[0]);
    assert_null(ita_framework_previous_item(fw, &fw->items[1], prev));
    /* one file serving both years: the item itself */
    assert_ptr_equal(ita_framework_previous_item(fw, &fw->items[1], fw), &fw->items[1]);
    ita_framework_free(&fw);
    assert_int_equal(ita_framework_parse(json2, strlen(json2), "c.json", &fw, &d), ITA_OK);
    assert_true(fw->items[2].is_new);
    assert_null(ita_fw_item_previous_code(&fw->items[2]));
    assert_null(ita_framework_previous_item(fw, &fw->items[2], prev));
    assert_int_equal(d.count, 0);
    ita_framework_free(&fw);
    ita_framework_free(&prev);
    ita_diags_free(&d);
    free(json);
    free(json2);
}

/* Each shipped year's mapping names items of the year before; a question not
 * reworded has the same texts there, a reworded one has other texts. */
static void shipped_frameworks_should_map_each_question_to_the_year_before(void **state)
{
    (void)state;
    for (int year = 2564; year <= 2569; year++) {
        struct ita_framework *fw = load_year(year), *prev = load_year(year - 1);
        for (size_t i = 0; i < fw->item_count; i++) {
            const struct ita_fw_item *it = &fw->items[i];
            const char *code = ita_fw_item_previous_code(it);
            const struct ita_fw_item *p = ita_framework_previous_item(fw, it, prev);
            if (code == NULL) {
                assert_true(it->is_new);
                continue;
            }
            if (p == NULL)
                fail_msg("%d %s: previous_code %s is not an item of %d", year, it->code, code, year - 1);
            bool same = strcmp(p->text.th, it->text.th) == 0 && strcmp(p->text.en, it->text.en) == 0;
            if (same == it->reworded)
                fail_msg("%d %s <- %s: texts %s but \"reworded\" is %s", year, it->code, p->code,
                         same ? "equal" : "differ", it->reworded ? "true" : "false");
        }
        ita_framework_free(&fw);
        ita_framework_free(&prev);
    }
}

/* text with its first `from` replaced by `to`; the caller frees. */
static char *replace_once(const char *text, const char *from, const char *to)
{
    const char *q = strstr(text, from);
    assert_non_null(q);
    char *out = malloc(strlen(text) + strlen(to) + 1);
    assert_non_null(out);
    sprintf(out, "%.*s%s%s", (int)(q - text), text, to, q + strlen(from));
    return out;
}

/* check --framework: every problem of a file, each at its JSON path, in one run. */
static void framework_parse_should_list_every_problem_with_its_json_path(void **state)
{
    (void)state;
    char *a = mutate("\"code\": \"I2\"", "\"code\": \"X2\"");
    /* a second, third and fourth problem, far from the first */
    char *b = replace_once(a, "\"year_ce\": 2056", "\"year_ce\": 2000, \"colour\": 1");
    char *c = replace_once(b, "\"weight\":40,\n   \"sub_indicators\"", "\"weight\":\"40\",\n   \"sub_indicators\"");
    struct ita_diags d;
    ita_diags_init(&d, 0);
    struct ita_framework *fw = NULL;
    assert_int_equal(ita_framework_parse(c, strlen(c), "bad.json", &fw, &d), ITA_ERR_DATA);
    assert_null(fw);
    static const char *const want[] = {
        "invalid framework: $.colour: unknown key",
        "invalid framework: $.year_ce: must be \"year\" - 543 (2056)",
        "invalid framework: $.indicators[0].items[1].code: \"X2\" is not an item code of the form I1, E15, O3",
        "invalid framework: $.indicators[2].weight: must be a number",
    };
    char all[4096] = "";
    for (size_t i = 0; i < d.count; i++) {
        size_t n = strlen(all);
        snprintf(all + n, sizeof all - n, "\n  %s", d.items[i].message);
    }
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        bool found = false;
        for (size_t k = 0; k < d.count; k++)
            found |= strncmp(d.items[k].message, want[i], strlen(want[i])) == 0;
        if (!found)
            fail_msg("no \"%s\" among:%s", want[i], all);
    }
    ita_diags_free(&d);
    free(a);
    free(b);
    free(c);
}

static void framework_load_should_report_a_missing_file(void **state)
{
    (void)state;
    struct ita_diags d;
    ita_diags_init(&d, 0);
    struct ita_framework *fw = NULL;
    const char *path = FRAMEWORK_DIR "/ita-1999.json";
    assert_int_equal(ita_framework_load(path, &fw, &d), ITA_ERR_IO);
    assert_null(fw);
    assert_int_equal(d.count, 1);
    assert_string_equal(d.items[0].file, path);
    ita_diags_free(&d);
    ita_framework_free(&fw); /* freeing NULL is harmless */
}

/* ---- the framework set ---- */

/* Writes text as ita-2598.json in a new temporary folder: dir[256], path[300]. */
static void temp_framework(char *dir, char *path, const char *text)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, 256, "%s/ita-test-frameworks-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    assert_non_null(mkdtemp(dir));
    snprintf(path, 300, "%s/ita-2598.json", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void framework_set_should_load_each_year_once(void **state)
{
    (void)state;
    struct ita_framework_set set;
    ita_framework_set_init(&set);
    assert_int_equal(ita_framework_set_configure(&set, FRAMEWORK_DIR, NULL), ITA_OK);
    struct ita_diags d;
    ita_diags_init(&d, 0);
    enum ita_status st = ITA_ERR_IO;
    const struct ita_framework *a = ita_framework_set_get(&set, 2565, &st, &d);
    assert_int_equal(st, ITA_OK);
    assert_non_null(a);
    assert_int_equal(a->year, 2565);
    const struct ita_framework *b = ita_framework_set_get(&set, 2565, &st, &d);
    assert_ptr_equal(a, b);
    const struct ita_framework *c = ita_framework_set_get(&set, 2566, &st, &d);
    assert_int_equal(c->year, 2566);
    assert_int_equal(d.count, 0);
    ita_diags_free(&d);
    ita_framework_set_free(&set);
}

static void framework_set_should_answer_an_unknown_year_without_a_diagnostic(void **state)
{
    (void)state;
    struct ita_framework_set set;
    ita_framework_set_init(&set);
    ita_framework_set_configure(&set, FRAMEWORK_DIR, NULL);
    struct ita_diags d;
    ita_diags_init(&d, 0);
    enum ita_status st = ITA_OK;
    assert_null(ita_framework_set_get(&set, 2600, &st, &d));
    assert_int_equal(st, ITA_ERR_DATA);
    st = ITA_OK;
    assert_null(ita_framework_set_get(&set, 2600, &st, &d));
    assert_int_equal(st, ITA_ERR_DATA);
    assert_int_equal(d.count, 0);
    ita_diags_free(&d);
    ita_framework_set_free(&set);
}

static void framework_set_truncate_should_forget_what_was_loaded_since_the_mark(void **state)
{
    (void)state;
    char dir[256], path[300];
    temp_framework(dir, path, "{not json");
    struct ita_framework_set set;
    ita_framework_set_init(&set);
    ita_framework_set_configure(&set, dir, NULL);
    struct ita_diags d;
    ita_diags_init(&d, 0);
    enum ita_status st = ITA_OK;
    assert_null(ita_framework_set_get(&set, 2597, &st, &d)); /* no file: remembered as missing */
    struct ita_framework_set_mark m = ita_framework_set_mark(&set);
    assert_null(ita_framework_set_get(&set, 2598, &st, &d));
    assert_int_equal(d.count, 1);
    assert_null(ita_framework_set_get(&set, 2598, &st, &d));
    assert_int_equal(d.count, 1); /* said once */
    ita_framework_set_truncate(&set, &m);
    assert_int_equal(set.loaded_count, 1);
    assert_null(ita_framework_set_get(&set, 2598, &st, &d));
    assert_int_not_equal(st, ITA_OK);
    assert_int_equal(d.count, 2); /* read again, and said again */
    ita_diags_free(&d);
    ita_framework_set_free(&set);
    /* a framework given with --framework, loaded since the mark */
    ita_framework_set_init(&set);
    ita_framework_set_configure(&set, FRAMEWORK_DIR, FRAMEWORK_DIR "/ita-2564.json");
    ita_diags_init(&d, 0);
    m = ita_framework_set_mark(&set);
    assert_non_null(ita_framework_set_get(&set, 2564, &st, &d));
    ita_framework_set_truncate(&set, &m);
    assert_null(set.override);
    assert_non_null(ita_framework_set_get(&set, 2564, &st, &d));
    m = ita_framework_set_mark(&set);
    ita_framework_set_truncate(&set, &m); /* loaded before the mark: kept */
    assert_non_null(set.override);
    assert_int_equal(d.count, 0);
    ita_diags_free(&d);
    ita_framework_set_free(&set);
    unlink(path);
    rmdir(dir);
}

static void framework_set_should_list_the_years_it_has(void **state)
{
    (void)state;
    struct ita_framework_set set;
    ita_framework_set_init(&set);
    ita_framework_set_configure(&set, FRAMEWORK_DIR, NULL);
    int years[64];
    size_t n = ita_framework_set_years(&set, years, 64);
    assert_int_equal(n, 7);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(years[i], 2563 + (int)i);
    assert_int_equal(ita_framework_set_years(&set, years, 2), 2);
    ita_framework_set_free(&set);
}

static void framework_set_override_should_serve_its_own_year_only(void **state)
{
    (void)state;
    struct ita_framework_set set;
    ita_framework_set_init(&set);
    ita_framework_set_configure(&set, FRAMEWORK_DIR, FRAMEWORK_DIR "/ita-2564.json");
    struct ita_diags d;
    ita_diags_init(&d, 0);
    enum ita_status st = ITA_ERR_IO;
    const struct ita_framework *fw = ita_framework_set_get(&set, 2564, &st, &d);
    assert_int_equal(st, ITA_OK);
    assert_int_equal(fw->year, 2564);
    assert_null(ita_framework_set_get(&set, 2565, &st, &d));
    assert_int_equal(st, ITA_ERR_DATA);
    int years[8];
    assert_int_equal(ita_framework_set_years(&set, years, 8), 1);
    assert_int_equal(years[0], 2564);
    assert_int_equal(d.count, 0);
    ita_diags_free(&d);
    ita_framework_set_free(&set);
}

static void framework_set_should_reject_a_file_named_for_another_year(void **state)
{
    (void)state;
    char dir[256], path[300];
    temp_framework(dir, path, minimal); /* says "year": 2599 */
    struct ita_framework_set set;
    ita_framework_set_init(&set);
    ita_framework_set_configure(&set, dir, NULL);
    struct ita_diags d;
    ita_diags_init(&d, 0);
    enum ita_status st = ITA_OK;
    assert_null(ita_framework_set_get(&set, 2598, &st, &d));
    assert_int_equal(st, ITA_ERR_DATA);
    assert_int_equal(d.errors, 1);
    assert_non_null(strstr(d.items[0].message, "2599"));
    ita_diags_free(&d);
    ita_framework_set_free(&set);
    unlink(path);
    rmdir(dir);
}

/* A broken framework file is reported once, not once per row that asks for it. */
static void framework_set_should_report_a_broken_file_once(void **state)
{
    (void)state;
    struct ita_framework_set set;
    struct ita_diags d;
    enum ita_status st = ITA_OK;
    /* in the data directory */
    char dir[256], path[300];
    temp_framework(dir, path, "{not json");
    ita_framework_set_init(&set);
    ita_framework_set_configure(&set, dir, NULL);
    ita_diags_init(&d, 0);
    for (int i = 0; i < 3; i++) {
        assert_null(ita_framework_set_get(&set, 2598, &st, &d));
        assert_int_not_equal(st, ITA_OK);
    }
    size_t in_dir = d.count;
    ita_diags_free(&d);
    ita_framework_set_free(&set);
    /* given with --framework */
    ita_framework_set_init(&set);
    ita_framework_set_configure(&set, FRAMEWORK_DIR, path);
    ita_diags_init(&d, 0);
    for (int i = 0; i < 3; i++) {
        assert_null(ita_framework_set_get(&set, 2598, &st, &d));
        assert_int_not_equal(st, ITA_OK);
    }
    size_t as_override = d.count;
    ita_diags_free(&d);
    ita_framework_set_free(&set);
    unlink(path);
    rmdir(dir);
    assert_int_equal(in_dir, 1);
    if (as_override != 1)
        fail_msg("a broken --framework file gave %zu diagnostics for 3 look-ups", as_override);
}

/* ---- the compact form (ita/compact.h) ---- */

static void same_string(const char *a, const char *b, const char *what, size_t i)
{
    if ((a == NULL) != (b == NULL) || (a != NULL && strcmp(a, b) != 0))
        fail_msg("%s %zu: \"%s\" against \"%s\"", what, i, a ? a : "(null)", b ? b : "(null)");
}

static void same_text(const struct ita_fw_text *a, const struct ita_fw_text *b, const char *what, size_t i)
{
    same_string(a->th, b->th, what, i);
    same_string(a->en, b->en, what, i);
}

/* Every field of two frameworks, but where they were read from. */
static void assert_same_framework(const struct ita_framework *a, const struct ita_framework *b)
{
    assert_int_equal(a->year, b->year);
    assert_int_equal(a->provisional, b->provisional);
    same_text(&a->name, &b->name, "name", 0);
    assert_string_equal(a->path, b->path);
    for (size_t t = 0; t < ITA_TOOL_COUNT; t++) {
        assert_int_equal(a->tools[t].tool, b->tools[t].tool);
        same_text(&a->tools[t].name, &b->tools[t].name, "tool", t);
        assert_int_equal(a->tools[t].weight, b->tools[t].weight);
        assert_int_equal(a->tools[t].first_indicator, b->tools[t].first_indicator);
        assert_int_equal(a->tools[t].indicator_count, b->tools[t].indicator_count);
    }
    assert_int_equal(a->indicator_count, b->indicator_count);
    for (size_t i = 0; i < a->indicator_count; i++) {
        const struct ita_fw_indicator *x = &a->indicators[i], *y = &b->indicators[i];
        assert_int_equal(x->number, y->number);
        assert_int_equal(x->tool, y->tool);
        same_text(&x->name, &y->name, "indicator", i);
        assert_int_equal(x->weight, y->weight);
        assert_int_equal(x->first_item, y->first_item);
        assert_int_equal(x->item_count, y->item_count);
        assert_int_equal(x->first_sub_indicator, y->first_sub_indicator);
        assert_int_equal(x->sub_indicator_count, y->sub_indicator_count);
    }
    assert_int_equal(a->sub_indicator_count, b->sub_indicator_count);
    for (size_t i = 0; i < a->sub_indicator_count; i++) {
        const struct ita_fw_sub_indicator *x = &a->sub_indicators[i], *y = &b->sub_indicators[i];
        same_string(x->code, y->code, "sub-indicator", i);
        same_text(&x->name, &y->name, "sub-indicator", i);
        assert_int_equal(x->indicator, y->indicator);
        assert_int_equal(x->item_count, y->item_count);
    }
    assert_int_equal(a->item_count, b->item_count);
    assert_int_equal(a->sub_count, b->sub_count);
    for (size_t i = 0; i < a->item_count; i++) {
        const struct ita_fw_item *x = &a->items[i], *y = &b->items[i];
        same_string(x->code, y->code, "item", i);
        assert_int_equal(x->tool, y->tool);
        assert_int_equal(x->number, y->number);
        assert_int_equal(x->indicator, y->indicator);
        assert_int_equal(x->sub_indicator, y->sub_indicator);
        same_text(&x->text, &y->text, "item", i);
        assert_int_equal(x->sub_count, y->sub_count);
        assert_int_equal(x->subs == NULL, y->subs == NULL);
        for (size_t k = 0; k < x->sub_count; k++)
            same_text(&x->subs[k], &y->subs[k], "sub-question", k);
        assert_int_equal(x->first_sub, y->first_sub);
        same_string(x->previous_code, y->previous_code, "previous code of item", i);
        assert_int_equal(x->is_new, y->is_new);
        assert_int_equal(x->reworded, y->reworded);
    }
    assert_int_equal(a->scheme, b->scheme);
    assert_int_equal(a->pass_mark, b->pass_mark);
    assert_int_equal(a->band_count, b->band_count);
    for (size_t i = 0; i < a->band_count; i++) {
        same_text(&a->bands[i].name, &b->bands[i].name, "band", i);
        assert_int_equal(a->bands[i].min, b->bands[i].min);
        assert_int_equal(a->bands[i].tool_min, b->bands[i].tool_min);
        assert_int_equal(a->bands[i].pass, b->bands[i].pass);
    }
    for (size_t t = 0; t < ITA_TOOL_COUNT; t++) {
        assert_int_equal(a->lookup_size[t], b->lookup_size[t]);
        assert_int_equal(a->lookup[t] == NULL, b->lookup[t] == NULL);
        if (a->lookup_size[t] > 0)
            assert_memory_equal(a->lookup[t], b->lookup[t], a->lookup_size[t] * sizeof(uint16_t));
    }
}

static void write_bytes(const char *path, const char *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
}

static void every_framework_should_read_the_same_from_its_compact_form(void **state)
{
    (void)state;
    for (int year = 2563; year <= 2569; year++) {
        char json_path[512], built[512];
        snprintf(json_path, sizeof json_path, FRAMEWORK_DIR "/ita-%d.json", year);
        struct ita_framework *from_json = load_year(year);
        /* the compact form the build made and installs */
        snprintf(built, sizeof built, ITA_TEST_BUILD_DATA_DIR "/frameworks/ita-%d.compact", year);
        struct ita_framework *from_compact = ita_framework_compact_load(json_path, built);
        if (from_compact == NULL)
            fail_msg("%s is not used for %s", built, json_path);
        assert_non_null(from_compact->compact_map);
        assert_same_framework(from_json, from_compact);
        ita_framework_free(&from_compact);
        /* and one written here from the framework read from JSON */
        char *json = NULL;
        size_t len = 0;
        assert_int_equal(ita_read_file(json_path, 1u << 24, &json, &len), 0);
        struct ita_buf b;
        ita_buf_init(&b);
        ita_framework_compact_write(from_json, json, len, &b);
        assert_false(b.failed);
        char path[] = "/tmp/ita-compact-XXXXXX";
        int fd = mkstemp(path);
        assert_true(fd >= 0);
        close(fd);
        write_bytes(path, b.data, b.len);
        from_compact = ita_framework_compact_load(json_path, path);
        assert_non_null(from_compact);
        assert_same_framework(from_json, from_compact);
        ita_framework_free(&from_compact);
        unlink(path);
        ita_buf_free(&b);
        free(json);
        ita_framework_free(&from_json);
    }
}

/* The forms the build put into the binary (ita_built_in_forms): one for every
 * framework and text file of data/, each read the same as its JSON and used
 * without opening a form file; for a JSON file changed since, none. */
static void every_framework_should_read_the_same_from_its_built_in_form(void **state)
{
    (void)state;
    size_t frameworks = 0;
    for (size_t i = 0; i < ita_built_in_forms.count; i++)
        frameworks += strncmp(ita_built_in_forms.items[i].name, "frameworks/", 11) == 0;
    assert_int_equal(frameworks, 2569 - 2563 + 1);
    for (int year = 2563; year <= 2569; year++) {
        char json_path[512];
        snprintf(json_path, sizeof json_path, FRAMEWORK_DIR "/ita-%d.json", year);
        const struct ita_compact_form *form = ita_compact_forms_find(&ita_built_in_forms, json_path);
        assert_non_null(form);
        assert_int_equal((uintptr_t)form->bytes % 8, 0);
        struct ita_framework *from_json = load_year(year);
        struct ita_framework *built = ita_framework_compact_from(json_path, form);
        if (built == NULL)
            fail_msg("the built-in form is not used for %s", json_path);
        assert_ptr_equal(built->compact_map, form->bytes);
        assert_int_equal(built->compact_size, 0);
        assert_same_framework(from_json, built);
        ita_framework_free(&built);
        /* another year's form, or none, is not this file's */
        char other[512];
        snprintf(other, sizeof other, FRAMEWORK_DIR "/ita-%d.json", year == 2565 ? 2564 : 2565);
        assert_null(ita_framework_compact_from(json_path, ita_compact_forms_find(&ita_built_in_forms, other)));
        assert_null(ita_framework_compact_from(json_path, NULL));
        /* a framework set given the forms takes this one */
        struct ita_framework_set set;
        enum ita_status st;
        struct ita_diags d;
        ita_diags_init(&d, 0);
        ita_framework_set_init(&set);
        assert_int_equal(ita_framework_set_configure(&set, FRAMEWORK_DIR, NULL), ITA_OK);
        set.built_in = &ita_built_in_forms;
        const struct ita_framework *got = ita_framework_set_get(&set, year, &st, &d);
        assert_int_equal(st, ITA_OK);
        assert_ptr_equal(got->compact_map, form->bytes);
        ita_framework_set_free(&set);
        /* a copy of the JSON in a folder of the same name, changed in one byte */
        char *json = NULL;
        size_t len = 0;
        assert_int_equal(ita_read_file(json_path, 1u << 24, &json, &len), 0);
        char dir[] = "/tmp/ita-built-in-XXXXXX", sub[64], copy[128];
        assert_non_null(mkdtemp(dir));
        snprintf(sub, sizeof sub, "%s/frameworks", dir);
        assert_int_equal(mkdir(sub, 0700), 0);
        snprintf(copy, sizeof copy, "%s/ita-%d.json", sub, year);
        write_bytes(copy, json, len);
        assert_ptr_equal(ita_compact_forms_find(&ita_built_in_forms, copy), form);
        built = ita_framework_compact_from(copy, form);
        assert_non_null(built); /* unchanged: the form is this file's */
        ita_framework_free(&built);
        json[len / 2] ^= 0x20;
        write_bytes(copy, json, len);
        assert_null(ita_framework_compact_from(copy, form));
        unlink(copy);
        rmdir(sub);
        rmdir(dir);
        free(json);
        ita_framework_free(&from_json);
        ita_diags_free(&d);
    }
}

/* A folder with a copy of a year's JSON and its compact form, as installed. */
struct compact_dir {
    char dir[64], json[128], compact[128];
    char *text;
    size_t len;
    struct ita_buf form;
};

static void compact_dir_make(struct compact_dir *c, int year)
{
    strcpy(c->dir, "/tmp/ita-compact-dir-XXXXXX");
    assert_non_null(mkdtemp(c->dir));
    snprintf(c->json, sizeof c->json, "%s/ita-%d.json", c->dir, year);
    snprintf(c->compact, sizeof c->compact, "%s/ita-%d.compact", c->dir, year);
    char src[512];
    snprintf(src, sizeof src, FRAMEWORK_DIR "/ita-%d.json", year);
    assert_int_equal(ita_read_file(src, 1u << 24, &c->text, &c->len), 0);
    write_bytes(c->json, c->text, c->len);
    struct ita_framework *fw = load_year(year);
    ita_buf_init(&c->form);
    ita_framework_compact_write(fw, c->text, c->len, &c->form);
    ita_framework_free(&fw);
    write_bytes(c->compact, c->form.data, c->form.len);
}

static void compact_dir_free(struct compact_dir *c)
{
    unlink(c->json);
    unlink(c->compact);
    rmdir(c->dir);
    free(c->text);
    ita_buf_free(&c->form);
}

static bool compact_used(const struct compact_dir *c)
{
    struct ita_framework *fw = ita_framework_compact_load(c->json, c->compact);
    bool used = fw != NULL;
    ita_framework_free(&fw);
    return used;
}

static void compact_form_should_be_used_only_for_the_json_it_was_made_from(void **state)
{
    (void)state;
    struct compact_dir c;
    compact_dir_make(&c, 2565);
    assert_true(compact_used(&c));
    /* one byte of the JSON changed, anywhere, at the same size */
    static const double where[] = {0.0, 0.25, 0.5, 0.999};
    for (size_t k = 0; k < sizeof where / sizeof where[0]; k++) {
        size_t at = (size_t)(where[k] * (double)c.len);
        c.text[at] ^= 0x20;
        write_bytes(c.json, c.text, c.len);
        if (compact_used(&c))
            fail_msg("the compact form was used for a JSON file changed at byte %zu", at);
        c.text[at] ^= 0x20;
    }
    /* one byte more or less */
    write_bytes(c.json, c.text, c.len - 1);
    assert_false(compact_used(&c));
    char *longer = malloc(c.len + 1);
    memcpy(longer, c.text, c.len);
    longer[c.len] = '\n';
    write_bytes(c.json, longer, c.len + 1);
    assert_false(compact_used(&c));
    free(longer);
    write_bytes(c.json, c.text, c.len);
    assert_true(compact_used(&c));
    /* the compact form damaged: a byte of its words, of its strings, cut short */
    size_t spots[] = {8, 60, c.form.len / 2, c.form.len - 2};
    for (size_t k = 0; k < sizeof spots / sizeof spots[0]; k++) {
        c.form.data[spots[k]] ^= 0x01;
        write_bytes(c.compact, c.form.data, c.form.len);
        if (compact_used(&c))
            fail_msg("a compact form damaged at byte %zu was used", spots[k]);
        c.form.data[spots[k]] ^= 0x01;
    }
    write_bytes(c.compact, c.form.data, c.form.len - 1);
    assert_false(compact_used(&c));
    write_bytes(c.compact, c.form.data, 10);
    assert_false(compact_used(&c));
    write_bytes(c.compact, c.form.data, c.form.len);
    assert_true(compact_used(&c));
    /* missing */
    unlink(c.compact);
    assert_false(compact_used(&c));
    compact_dir_free(&c);
}

/* The JSON is hashed a read at a time (a buffer of a few KiB): a file whose
 * length ends just before, at or just after a multiple of such a buffer, or of
 * the hash's 32-byte turn, is recognised, and a change in its last byte is seen. */
static void compact_form_should_recognise_its_json_at_every_read_boundary(void **state)
{
    (void)state;
    struct compact_dir c;
    compact_dir_make(&c, 2565);
    static const size_t sizes[] = {49151, 49152, 49153, 65505, 65536, 65569, 98304};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        size_t n = sizes[k];
        assert_true(n > c.len);
        /* the same JSON with white space after it, as many bytes as wanted */
        char *padded = malloc(n);
        assert_non_null(padded);
        memcpy(padded, c.text, c.len);
        memset(padded + c.len, ' ', n - c.len);
        padded[n - 1] = '\n';
        struct ita_buf form;
        ita_buf_init(&form);
        struct ita_framework *fw = load_year(2565);
        ita_framework_compact_write(fw, padded, n, &form);
        ita_framework_free(&fw);
        write_bytes(c.compact, form.data, form.len);
        write_bytes(c.json, padded, n);
        if (!compact_used(&c))
            fail_msg("the compact form of a JSON file of %zu bytes was not used", n);
        /* its last byte, then the last byte of a whole 8 KiB, changed */
        padded[n - 1] = '\t';
        write_bytes(c.json, padded, n);
        if (compact_used(&c))
            fail_msg("a JSON file of %zu bytes changed in its last byte kept its compact form", n);
        padded[n - 1] = '\n';
        padded[(n - 1) / 8192 * 8192 - 1] ^= 0x01;
        write_bytes(c.json, padded, n);
        if (compact_used(&c))
            fail_msg("a JSON file of %zu bytes changed at byte %zu kept its compact form", n,
                     (n - 1) / 8192 * 8192 - 1);
        ita_buf_free(&form);
        free(padded);
    }
    compact_dir_free(&c);
}

/* A framework folder whose JSON was edited after its compact form was made: the
 * JSON is read, with the diagnostics it gives. */
static void framework_set_should_read_an_edited_json_file_not_its_compact_form(void **state)
{
    (void)state;
    struct compact_dir c;
    compact_dir_make(&c, 2565);
    struct ita_framework_set set;
    enum ita_status st;
    struct ita_diags d;
    /* unedited: the compact form */
    ita_framework_set_init(&set);
    ita_framework_set_configure(&set, c.dir, NULL);
    ita_diags_init(&d, 0);
    const struct ita_framework *fw = ita_framework_set_get(&set, 2565, &st, &d);
    assert_int_equal(st, ITA_OK);
    assert_non_null(fw);
    assert_non_null(fw->compact_map);
    assert_string_equal(fw->path, c.json);
    ita_framework_set_free(&set);
    ita_diags_free(&d);
    /* "year" made wrong, same size: the JSON's own diagnostic */
    char *y = strstr(c.text, "\"year\": 2565");
    assert_non_null(y);
    memcpy(y, "\"year\": 2564", 12);
    write_bytes(c.json, c.text, c.len);
    ita_framework_set_init(&set);
    ita_framework_set_configure(&set, c.dir, NULL);
    ita_diags_init(&d, 0);
    assert_null(ita_framework_set_get(&set, 2565, &st, &d));
    assert_int_equal(st, ITA_ERR_DATA);
    assert_true(d.count >= 1);
    char line[1024];
    ita_diag_format(&d.items[0], line, sizeof line);
    if (strstr(line, "year_ce") == NULL && strstr(line, "named for 2565") == NULL)
        fail_msg("unexpected diagnostic: %s", line);
    ita_framework_set_free(&set);
    ita_diags_free(&d);
    /* a name changed, same size: read from JSON, with the new name */
    memcpy(y, "\"year\": 2565", 12);
    char *name = strstr(c.text, "\"name_en\": \"");
    assert_non_null(name);
    name[12] = name[12] == 'X' ? 'Y' : 'X';
    write_bytes(c.json, c.text, c.len);
    ita_framework_set_init(&set);
    ita_framework_set_configure(&set, c.dir, NULL);
    ita_diags_init(&d, 0);
    fw = ita_framework_set_get(&set, 2565, &st, &d);
    assert_int_equal(st, ITA_OK);
    assert_null(fw->compact_map);
    assert_int_equal(fw->name.en[0], name[12]);
    ita_framework_set_free(&set);
    ita_diags_free(&d);
    compact_dir_free(&c);
}

static void compact_hash_should_see_every_change_of_one_word(void **state)
{
    (void)state;
    unsigned char bytes[203];
    for (size_t i = 0; i < sizeof bytes; i++)
        bytes[i] = (unsigned char)(i * 7 + 3);
    for (size_t n = 0; n <= sizeof bytes; n += 29) {
        uint64_t h = ita_compact_hash(bytes, n);
        for (size_t i = 0; i < n; i++)
            for (int bit = 0; bit < 8; bit++) {
                bytes[i] ^= (unsigned char)(1u << bit);
                if (ita_compact_hash(bytes, n) == h)
                    fail_msg("flipping bit %d of byte %zu of %zu leaves the hash", bit, i, n);
                bytes[i] ^= (unsigned char)(1u << bit);
            }
        /* the same bytes, one fewer */
        if (n > 0)
            assert_true(ita_compact_hash(bytes, n - 1) != h);
    }
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_shipped_framework_should_load),
        cmocka_unit_test(every_shipped_framework_should_have_the_documented_shape),
        cmocka_unit_test(framework_2565_should_match_the_tceb_analysis),
        cmocka_unit_test(framework_should_store_weights_in_hundredths_of_a_percent),
        cmocka_unit_test(framework_2566_should_be_provisional_with_levels),
        cmocka_unit_test(framework_rate_should_grade_2565_by_the_overall_score),
        cmocka_unit_test(framework_rate_should_apply_tool_conditions_of_levels),
        cmocka_unit_test(item_code_parse_should_forgive_case_spaces_and_leading_zeros),
        cmocka_unit_test(item_code_parse_should_reject_what_is_not_an_item_code),
        cmocka_unit_test(tool_code_should_name_the_three_tools),
        cmocka_unit_test(framework_parse_should_accept_a_minimal_valid_file),
        cmocka_unit_test(framework_parse_should_reject_invalid_files_with_a_diagnostic),
        cmocka_unit_test(framework_parse_should_enforce_every_documented_validation_rule),
        cmocka_unit_test(framework_parse_should_read_the_same_question_of_the_year_before),
        cmocka_unit_test(shipped_frameworks_should_map_each_question_to_the_year_before),
        cmocka_unit_test(framework_parse_should_list_every_problem_with_its_json_path),
        cmocka_unit_test(framework_load_should_report_a_missing_file),
        cmocka_unit_test(framework_set_should_load_each_year_once),
        cmocka_unit_test(framework_set_should_answer_an_unknown_year_without_a_diagnostic),
        cmocka_unit_test(framework_set_should_list_the_years_it_has),
        cmocka_unit_test(framework_set_truncate_should_forget_what_was_loaded_since_the_mark),
        cmocka_unit_test(framework_set_override_should_serve_its_own_year_only),
        cmocka_unit_test(framework_set_should_reject_a_file_named_for_another_year),
        cmocka_unit_test(framework_set_should_report_a_broken_file_once),
        cmocka_unit_test(json_parse_should_accept_json),
        cmocka_unit_test(json_parse_should_reject_what_is_not_json_and_say_where),
        cmocka_unit_test(json_parse_should_hold_a_large_tree),
        cmocka_unit_test(json_parse_should_agree_with_cjson),
        cmocka_unit_test(json_drop_nodes_should_keep_the_strings),
        cmocka_unit_test(every_framework_should_read_the_same_from_its_compact_form),
        cmocka_unit_test(every_framework_should_read_the_same_from_its_built_in_form),
        cmocka_unit_test(compact_form_should_be_used_only_for_the_json_it_was_made_from),
        cmocka_unit_test(compact_form_should_recognise_its_json_at_every_read_boundary),
        cmocka_unit_test(framework_set_should_read_an_edited_json_file_not_its_compact_form),
        cmocka_unit_test(compact_hash_should_see_every_change_of_one_word),
    };
    return ita_test_main(argc, argv, "framework", tests, sizeof tests / sizeof tests[0]);
}
