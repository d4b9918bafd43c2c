/* Unit tests of include/ita/bind.h: header mapping and row validation into a score
 * set, with the real framework files and small CSV texts fed through a loader. */
#include "harness.h"
#include "scores_fixture.h"

#include <stdlib.h>
#include <strings.h>

#include "ita/bind.h"
#include "ita/diag.h"
#include "ita/framework.h"
#include "ita/load.h"

struct ctx {
    struct ita_framework_set fws;
    struct ita_score_set set;
    struct ita_diags diags;
};

static int setup(void **state)
{
    struct ctx *c = calloc(1, sizeof *c);
    if (c == NULL)
        return -1;
    if (fixture_open(&c->fws, &c->set, &c->diags) != 0)
        return -1;
    *state = c;
    return 0;
}

static int teardown(void **state)
{
    struct ctx *c = *state;
    fixture_close(&c->fws, &c->set, &c->diags);
    free(c);
    return 0;
}

/* Binds one CSV text as file `file`; returns the loader's status. */
static enum ita_status bind_file(struct ctx *c, const char *file, const char *text)
{
    return fixture_bind(&c->fws, &c->set, &c->diags, file, text);
}

static enum ita_status bind_text(struct ctx *c, const char *text)
{
    return bind_file(c, "f.csv", text);
}

/* Binds as a file without a year column would be with --year (0: none);
 * stores how many scores were blank. */
static enum ita_status bind_year(struct ctx *c, const char *text, int year, size_t *blank)
{
    return fixture_bind_year(&c->fws, &c->set, &c->diags, "f.csv", text, year, blank);
}

static const char *all_diags(const struct ctx *c)
{
    return fixture_diags_text(&c->diags);
}

/* Diagnostic i has this severity, line and column, and contains every `parts`. */
static void expect_diag(const struct ctx *c, size_t i, enum ita_severity sev, size_t line, size_t column,
                        const char *part1, const char *part2)
{
    if (i >= c->diags.count)
        fail_msg("no diagnostic %zu; all of them:\n%s", i, all_diags(c));
    const struct ita_diag *g = &c->diags.items[i];
    if (g->severity != sev || g->line != line || g->column != column ||
        (part1 && !strstr(g->message, part1)) || (part2 && !strstr(g->message, part2)))
        fail_msg("diagnostic %zu is not %s at %zu:%zu with \"%s\" and \"%s\"; all of them:\n%s", i,
                 sev == ITA_SEV_ERROR ? "an error" : "a warning", line, column, part1 ? part1 : "",
                 part2 ? part2 : "", all_diags(c));
    assert_string_equal(g->file, "f.csv");
}

static void expect_no_diags(const struct ctx *c)
{
    if (c->diags.count != 0)
        fail_msg("unexpected diagnostics:\n%s", all_diags(c));
}

static const struct ita_year_scores *year_of(const struct ctx *c, const char *agency, int year)
{
    const struct ita_agency *a = ita_score_set_find(&c->set, agency);
    const struct ita_year_scores *ys = a != NULL ? ita_agency_year(a, year) : NULL;
    if (ys == NULL) {
        fail_msg("no scores for agency \"%s\" in %d", agency, year);
        abort(); /* not reached: tells the compiler that ys is not NULL below */
    }
    return ys;
}

static size_t item_index(const struct ita_framework *fw, const char *code)
{
    enum ita_tool tool;
    unsigned number;
    assert_true(ita_item_code_parse(code, strlen(code), &tool, &number));
    const struct ita_fw_item *it = ita_framework_item(fw, tool, number);
    assert_non_null(it);
    return (size_t)(it - fw->items);
}

/* The value given for an item (sub 0) or a sub-question, ITA_NOT_GIVEN or -2 when
 * the agency or year is absent. */
static int32_t item_value(const struct ctx *c, const char *agency, int year, const char *code, size_t sub)
{
    const struct ita_year_scores *ys = year_of(c, agency, year);
    if (ys == NULL)
        return -2;
    size_t i = item_index(ys->fw, code);
    if (sub == 0)
        return ys->values[ita_slot_item(ys->fw, i)];
    return ys->values[ita_slot_sub(ys->fw, ys->fw->items[i].first_sub + sub - 1)];
}

/* ---- the header ---- */

static void bind_should_find_columns_in_any_order_and_case(void **state)
{
    struct ctx *c = *state;
    assert_int_equal(bind_text(c, "SCORE,Item,Year\n97.50,I1,2565\n 96 , i02 , 2022 \n"), ITA_OK);
    expect_no_diags(c);
    assert_int_equal(c->set.count, 1);
    assert_int_equal(item_value(c, "", 2565, "I1", 0), 9750);
    assert_int_equal(item_value(c, "", 2565, "I2", 0), 9600);
    const struct ita_year_scores *ys = year_of(c, "", 2565);
    assert_int_equal(ys->given, 2);
    assert_int_equal(ys->fw->year, 2565);
    assert_int_equal(ys->lines[ita_slot_item(ys->fw, item_index(ys->fw, "I2"))], 3);
}

static void bind_should_keep_unknown_columns_as_attributes_without_a_warning(void **state)
{
    struct ctx *c = *state;
    bind_text(c, "agency,Province,year,item,score,ministry,region,department,type\n"
            "A,Bangkok,2565,I1,97,MOF,Central,D1,public\n"
            "B,,2565,I1,90,,,,\n");
    expect_no_diags(c);
    assert_int_equal(c->set.attr_count, 5);
    assert_int_equal(strcasecmp(c->set.attr_names[0], "Province"), 0);
    assert_int_equal(strcasecmp(c->set.attr_names[1], "ministry"), 0);
    const struct ita_agency *a = ita_score_set_find(&c->set, "A");
    assert_non_null(a);
    assert_string_equal(a->attrs[0], "Bangkok");
    assert_string_equal(a->attrs[1], "MOF");
    const struct ita_agency *b = ita_score_set_find(&c->set, "B");
    assert_non_null(b);
    assert_true(b->attr_cap == 0 || b->attrs[0] == NULL);
}

static void bind_should_choose_an_attribute_by_its_rows_not_by_their_order(void **state)
{
    struct ctx *c = *state;
    bind_text(c, "agency,province,year,item,score\n"
                 "A,X,2565,I1,97\nA,Y,2565,I2,90\nA,,2565,I3,90\nA,Y,2565,I4,90\n"
                 "B,ระยอง,2565,I1,97\nB,ชลบุรี,2565,I2,97\n");
    const struct ita_agency *a = ita_score_set_find(&c->set, "A");
    assert_non_null(a);
    assert_string_equal(a->attrs[0], "Y"); /* two rows of three, although the first says X */
    const struct ita_agency *b = ita_score_set_find(&c->set, "B");
    assert_non_null(b);
    assert_string_equal(b->attrs[0], "ชลบุรี"); /* a tie: ช (U+0E0A) before ร (U+0E23) */
    /* one warning per value that differs from the agency's earlier rows */
    assert_int_equal(c->diags.count, 2);
    expect_diag(c, 0, ITA_SEV_WARNING, 3, 2, "\"Y\" here", "\"X\" on line 2");
    expect_diag(c, 1, ITA_SEV_WARNING, 7, 2, "\"ชลบุรี\" here", "\"ระยอง\" on line 6");
}

/* Sets filled apart (rank's threads) and merged count every row: the value
 * chosen is the same whichever part holds which rows. */
static void set_merge_should_choose_an_attribute_whatever_the_cut(void **state)
{
    struct ctx *c = *state;
    static const char *const parts[2] = {
        "agency,province,year,item,score\nA,X,2565,I1,97\nA,X,2565,I2,97\nB,Q,2565,I1,97\n",
        "agency,province,year,item,score\nA,Y,2565,I3,97\nA,Y,2565,I4,97\nA,Y,2565,I5,97\nB,P,2565,I2,97\n",
    };
    for (int first = 0; first < 2; first++) {
        struct ita_score_set dst, src;
        ita_score_set_init(&dst);
        ita_score_set_init(&src);
        struct ita_diags d;
        ita_diags_init(&d, 0);
        assert_int_equal(fixture_bind(&c->fws, &dst, &d, "a.csv", parts[first]), ITA_OK);
        assert_int_equal(fixture_bind(&c->fws, &src, &d, "b.csv", parts[1 - first]), ITA_OK);
        assert_int_equal(d.count, 0);
        assert_int_equal(ita_score_set_merge(&dst, &src, &d), ITA_OK);
        assert_string_equal(ita_score_set_find(&dst, "A")->attrs[0], "Y");
        assert_string_equal(ita_score_set_find(&dst, "B")->attrs[0], "P");
        assert_int_equal(d.warnings, 2); /* A and B disagree across the parts */
        ita_diags_free(&d);
        ita_score_set_free(&dst);
    }
}

static void bind_should_warn_about_a_near_miss_of_a_known_column(void **state)
{
    struct ctx *c = *state;
    assert_int_equal(bind_text(c, "year,item,scroe\n2565,I1,97\n"), ITA_ERR_DATA);
    expect_diag(c, 0, ITA_SEV_WARNING, 1, 3, "\"scroe\"", "\"score\"");
    expect_diag(c, 1, ITA_SEV_ERROR, 1, 0, "\"score\"", "missing");
    assert_int_equal(c->set.count, 0);
}

static void bind_should_warn_about_a_near_miss_beside_the_real_column(void **state)
{
    struct ctx *c = *state;
    assert_int_equal(bind_text(c, "year,itme,indicator,score\n2565,,1,97\n"), ITA_OK);
    expect_diag(c, 0, ITA_SEV_WARNING, 1, 2, "\"itme\"", "\"item\"");
    assert_int_equal(c->diags.count, 1);
    assert_int_equal(c->set.count, 1);
}

static void bind_should_reject_duplicate_columns_ignoring_case(void **state)
{
    struct ctx *c = *state;
    assert_int_equal(bind_text(c, "year,Score,item,score\n2565,1,I1,2\n"), ITA_ERR_DATA);
    expect_diag(c, 0, ITA_SEV_ERROR, 1, 4, "columns 2 and 4", NULL);
    assert_int_equal(c->diags.errors, 1);
    assert_int_equal(c->set.count, 0);
}

static void bind_should_reject_an_empty_column_name(void **state)
{
    struct ctx *c = *state;
    assert_int_equal(bind_text(c, "year,,score,item\n2565,x,1,I1\n"), ITA_ERR_DATA);
    expect_diag(c, 0, ITA_SEV_ERROR, 1, 2, "no name", NULL);
}

static void bind_should_require_year_and_score(void **state)
{
    struct ctx *c = *state;
    assert_int_equal(bind_text(c, "score,item\n97,I1\n"), ITA_ERR_DATA);
    expect_diag(c, 0, ITA_SEV_ERROR, 1, 0, "\"year\"", "--year");
    assert_int_equal(bind_text(c, "year,item\n2565,I1\n"), ITA_ERR_DATA);
    expect_diag(c, 1, ITA_SEV_ERROR, 1, 0, "\"score\"", "overall, IIT");
    assert_int_equal(bind_text(c, "\n\nitem,label\n"), ITA_ERR_DATA);
    expect_diag(c, 2, ITA_SEV_ERROR, 3, 0, "\"year\"", NULL);
    expect_diag(c, 3, ITA_SEV_ERROR, 3, 0, "\"score\"", NULL);
    assert_int_equal(c->diags.errors, 4);
    assert_int_equal(c->set.count, 0);
}

static void bind_should_require_item_or_indicator(void **state)
{
    struct ctx *c = *state;
    assert_int_equal(bind_text(c, "year,score\n2565,97\n"), ITA_ERR_DATA);
    expect_diag(c, 0, ITA_SEV_ERROR, 1, 0, "\"item\"", "\"indicator\"");
}

static void bind_should_require_item_beside_sub(void **state)
{
    struct ctx *c = *state;
    assert_int_equal(bind_text(c, "year,indicator,sub,score\n2565,1,1,97\n"), ITA_ERR_DATA);
    expect_diag(c, 0, ITA_SEV_ERROR, 1, 3, "\"sub\"", "\"item\"");
}

/* ---- rows ---- */

static void year_to_be_should_accept_buddhist_and_common_era(void **state)
{
    (void)state;
    assert_int_equal(ita_year_to_be(2022), 2565);
    assert_int_equal(ita_year_to_be(2565), 2565);
    assert_int_equal(ita_year_to_be(2026), 2569);
    assert_int_equal(ita_year_to_be(2020), 2563);
    assert_int_equal(ita_year_to_be(0), 0);
    assert_int_equal(ita_year_to_be(65), 0);
    assert_int_equal(ita_year_to_be(-2565), 0);
    assert_int_equal(ita_year_to_be(30000), 0);
}

static void bind_should_store_ce_years_as_be(void **state)
{
    struct ctx *c = *state;
    bind_text(c, "year,item,score\n2022,I1,90\n2565,I2,91\n");
    expect_no_diags(c);
    const struct ita_agency *a = ita_score_set_find(&c->set, "");
    assert_int_equal(a->year_count, 1);
    assert_int_equal(item_value(c, "", 2565, "I1", 0), 9000);
    assert_int_equal(item_value(c, "", 2565, "I2", 0), 9100);
}

static void bind_should_reject_a_year_that_is_not_a_year(void **state)
{
    struct ctx *c = *state;
    bind_text(c, "item,year,score\nI1,abc,90\nI1,,90\nI1,65,90\n");
    expect_diag(c, 0, ITA_SEV_ERROR, 2, 2, "\"abc\"", NULL);
    expect_diag(c, 1, ITA_SEV_ERROR, 3, 2, "empty", NULL);
    expect_diag(c, 2, ITA_SEV_ERROR, 4, 2, "\"65\"", NULL);
    assert_int_equal(c->diags.count, 3);
    assert_int_equal(c->set.count, 0);
}

static void bind_should_normalise_item_codes(void **state)
{
    struct ctx *c = *state;
    bind_text(c, "year,item,score\n2565,i01,90\n2565, e15 ,80\n");
    expect_no_diags(c);
    assert_int_equal(item_value(c, "", 2565, "I1", 0), 9000);
    assert_int_equal(item_value(c, "", 2565, "E15", 0), 8000);
}

static void bind_should_reject_an_unknown_item(void **state)
{
    struct ctx *c = *state;
    bind_text(c, "year,item,score\n2565,I31,90\n2565,X1,90\n2565,O44,90\n");
    expect_diag(c, 0, ITA_SEV_ERROR, 2, 2, "\"I31\"", "I1 to I30");
    expect_diag(c, 1, ITA_SEV_ERROR, 3, 2, "\"X1\"", NULL);
    expect_diag(c, 2, ITA_SEV_ERROR, 4, 2, "\"O44\"", "O1 to O43");
    assert_int_equal(c->diags.count, 3);
    assert_int_equal(c->set.count, 0);
}

static void bind_should_reject_an_item_under_the_wrong_indicator(void **state)
{
    struct ctx *c = *state;
    bind_text(c, "year,indicator,item,score\n2565,6,E10,96.08\n2565,7,E10,96.08\n");
    expect_diag(c, 0, ITA_SEV_ERROR, 2, 2, "E10", "belongs to indicator 7");
    assert_int_equal(c->diags.count, 1);
    assert_int_equal(item_value(c, "", 2565, "E10", 0), 9608);
}

static void bind_should_reject_an_indicator_out_of_range(void **state)
{
    struct ctx *c = *state;
    bind_text(c, "year,indicator,score\n2565,11,90\n2565,0,90\n2565,x,90\n");
    expect_diag(c, 0, ITA_SEV_ERROR, 2, 2, "\"11\"", NULL);
    expect_diag(c, 1, ITA_SEV_ERROR, 3, 2, "\"0\"", NULL);
    expect_diag(c, 2, ITA_SEV_ERROR, 4, 2, "\"x\"", NULL);
    assert_int_equal(c->set.count, 0);
}

static void bind_should_take_a_tool_only_in_a_row_without_an_item(void **state)
{
    struct ctx *c = *state;
    bind_text(c, "year,indicator,item,score\n2565,IIT,I1,90\n2565,XIT,,90\n2565, oit ,,100\n");
    expect_diag(c, 0, ITA_SEV_ERROR, 2, 2, "\"IIT\" is a tool: a tool's score is a row with no item", NULL);
    expect_diag(c, 1, ITA_SEV_ERROR, 3, 2, "\"XIT\" is not an indicator, sub-indicator or tool of 2565 (1 to 10, 9.1 to 10.2, IIT, EIT, OIT)", NULL);
    assert_int_equal(c->diags.count, 2);
}

static void bind_should_store_each_level_in_its_slot(void **state)
{
    struct ctx *c = *state;
    bind_text(c, "year,indicator,item,sub,score\n"
            "2565,,,,97.04\n"
            "2565,3,,,99.21\n"
            "2565,9.1,,,100\n"
            "2565,,I1,2,98.90\n"
            "2565,1,I1,,99.45\n"
            "2565,EIT,,,91.63\n");
    expect_no_diags(c);
    const struct ita_year_scores *ys = year_of(c, "", 2565);
    assert_non_null(ys);
    const struct ita_framework *fw = ys->fw;
    assert_int_equal(ys->values[ita_slot_overall(fw)], 9704);
    assert_int_equal(ys->values[ita_slot_indicator(fw, 2)], 9921);
    assert_int_equal(ys->values[ita_slot_sub_indicator(fw, 0)], 10000);
    assert_int_equal(item_value(c, "", 2565, "I1", 2), 9890);
    assert_int_equal(item_value(c, "", 2565, "I1", 1), ITA_NOT_GIVEN);
    assert_int_equal(item_value(c, "", 2565, "I1", 0), 9945);
    assert_int_equal(ys->values[ita_slot_tool(fw, ITA_EIT)], 9163);
    assert_int_equal(ys->values[ita_slot_tool(fw, ITA_IIT)], ITA_NOT_GIVEN);
    assert_int_equal(ys->given, 6);
    assert_int_equal(ys->lines[ita_slot_overall(fw)], 2);
    assert_int_equal(ys->lines[ita_slot_sub_indicator(fw, 0)], 4);
    assert_int_equal(ita_slot_count(fw), 1 + 10 + 7 + 88 + 40 + 3);
}

static void bind_should_reject_a_sub_question_that_does_not_exist(void **state)
{
    struct ctx *c = *state;
    bind_text(c, "year,item,sub,score\n2565,I1,0,90\n2565,I1,3,90\n2565,I2,1,90\n2565,I1,a,90\n2565,I1,2,90\n");
    expect_diag(c, 0, ITA_SEV_ERROR, 2, 3, "\"0\"", "1 to 2");
    expect_diag(c, 1, ITA_SEV_ERROR, 3, 3, "\"3\"", "1 to 2");
    expect_diag(c, 2, ITA_SEV_ERROR, 4, 3, "\"1\"", "I2");
    expect_diag(c, 3, ITA_SEV_ERROR, 5, 3, "\"a\"", NULL);
    assert_int_equal(c->diags.count, 4);
    assert_int_equal(item_value(c, "", 2565, "I1", 2), 9000);
}

static void bind_should_skip_an_empty_score_and_count_it(void **state)
{
    struct ctx *c = *state;
    size_t blank = 0;
    assert_int_equal(bind_year(c, "year,item,score\n2565,I1,\n2565,I2,\"\"\n2565,I3,\"  \"\n2565,I4,90\n", 0,
                                       &blank),
                     ITA_OK);
    expect_no_diags(c);
    assert_int_equal(blank, 3);
    /* not given, never 0 */
    assert_int_equal(item_value(c, "", 2565, "I1", 0), ITA_NOT_GIVEN);
    assert_int_equal(item_value(c, "", 2565, "I3", 0), ITA_NOT_GIVEN);
    assert_int_equal(item_value(c, "", 2565, "I4", 0), 9000);
    assert_int_equal(year_of(c, "", 2565)->given, 1);
}

static void bind_should_add_no_agency_for_blank_rows_only(void **state)
{
    struct ctx *c = *state;
    size_t blank = 0;
    assert_int_equal(bind_year(c, "agency,year,item,score\nA,2565,I1,\nA,2565,I2,\n", 0, &blank),
                     ITA_OK);
    expect_no_diags(c);
    assert_int_equal(blank, 2);
    assert_int_equal(c->set.count, 0);
}

static void bind_should_still_check_the_rest_of_a_blank_row(void **state)
{
    struct ctx *c = *state;
    bind_text(c, "year,item,score\n2565,I99,\n2565,l13,\n");
    expect_diag(c, 0, ITA_SEV_ERROR, 2, 2, "\"I99\"", "does not exist");
    expect_diag(c, 1, ITA_SEV_ERROR, 3, 2, "\"l13\"", "I13");
    assert_int_equal(c->diags.count, 2);
}

/* ---- Thai header names and Thai digits ---- */

static void bind_should_read_thai_header_names(void **state)
{
    struct ctx *c = *state;
    assert_int_equal(bind_text(c, "ปี,หน่วยงาน,ตัวชี้วัด,ข้อ,ข้อย่อย,คะแนน,คำอธิบาย\n"
                                  "2565,กรม ก,1,I1,2,98.90,ตามระยะเวลา\n"
                                  "2565,กรม ก,1,,,98.80,การปฏิบัติหน้าที่\n"),
                     ITA_OK);
    expect_no_diags(c);
    assert_int_equal(item_value(c, "กรม ก", 2565, "I1", 2), 9890);
    const struct ita_year_scores *ys = year_of(c, "กรม ก", 2565);
    assert_int_equal(ys->values[ita_slot_indicator(ys->fw, 0)], 9880);
    assert_int_equal(c->set.attr_count, 0); /* the label is no attribute */
    assert_int_equal(bind_text(c, " ปีงบประมาณ ,ชื่อหน่วยงาน,ประเด็น,คะแนน,รายการ\n2565,กรม ข,E1,91,x\n"), ITA_OK);
    assert_int_equal(bind_text(c, "ปี,รหัส,คะแนน\n2565,O1,100\n"), ITA_OK);
    expect_no_diags(c);
    assert_int_equal(item_value(c, "กรม ข", 2565, "E1", 0), 9100);
    assert_int_equal(item_value(c, "", 2565, "O1", 0), 10000);
}

static void bind_should_warn_about_a_near_miss_of_a_thai_name(void **state)
{
    struct ctx *c = *state;
    /* one letter off a long Thai name warns; ลำดับ (a running number) is not ระดับ */
    assert_int_equal(bind_text(c, "ปี,ข้อ,คะแนน,หน่วยงาม,ลำดับ\n2565,I1,90,ก,1\n"), ITA_OK);
    expect_diag(c, 0, ITA_SEV_WARNING, 1, 4, "\"หน่วยงาม\"", "\"หน่วยงาน\"");
    assert_int_equal(c->diags.count, 1);
}

static void bind_should_reject_two_names_for_one_column(void **state)
{
    struct ctx *c = *state;
    assert_int_equal(bind_text(c, "year,ปี,item,score\n2565,2565,I1,90\n"), ITA_ERR_DATA);
    expect_diag(c, 0, ITA_SEV_ERROR, 1, 2, "columns 1 and 2", "\"year\"");
}

static void bind_should_read_thai_digits(void **state)
{
    struct ctx *c = *state;
    assert_int_equal(bind_text(c, "ปี,ตัวชี้วัด,ข้อ,ข้อย่อย,คะแนน\n"
                                  "๒๕๖๕,,I๑,๒,๙๗.๕๐\n"
                                  "๒๕๖๕,๙.๑,,,๑๐๐\n"
                                  "๒๕๖๕,๓,,,๘๘.๐๔\n"),
                     ITA_OK);
    expect_no_diags(c);
    assert_int_equal(item_value(c, "", 2565, "I1", 2), 9750);
    const struct ita_year_scores *ys = year_of(c, "", 2565);
    assert_int_equal(ys->values[ita_slot_sub_indicator(ys->fw, 0)], 10000);
    assert_int_equal(ys->values[ita_slot_indicator(ys->fw, 2)], 8804);
}

static void bind_should_reject_a_mix_of_thai_and_arabic_digits(void **state)
{
    struct ctx *c = *state;
    bind_text(c, "year,item,score\n2565,I1,9๗.50\n");
    expect_diag(c, 0, ITA_SEV_ERROR, 2, 3, "\"9๗.50\"", "mixes Thai digits");
    assert_int_equal(c->set.count, 0);
}

/* ---- the wide layout ---- */

static void bind_should_read_a_wide_national_table_with_the_year_given(void **state)
{
    struct ctx *c = *state;
    size_t blank = 0;
    assert_int_equal(bind_year(c, "หน่วยงาน,จังหวัด,IIT,EIT,OIT,คะแนนรวม\n"
                                       "กรม ก,ตราด,98.10,91.63,100,97.04\n"
                                       "กรม ข,ตาก,,88.00,,\n",
                                       2565, &blank),
                     ITA_OK);
    expect_no_diags(c);
    assert_int_equal(blank, 3);
    assert_int_equal(c->set.count, 2);
    assert_int_equal(c->set.attr_count, 1);
    assert_string_equal(c->set.attr_names[0], "จังหวัด");
    const struct ita_year_scores *ys = year_of(c, "กรม ก", 2565);
    assert_int_equal(ys->values[ita_slot_tool(ys->fw, ITA_IIT)], 9810);
    assert_int_equal(ys->values[ita_slot_tool(ys->fw, ITA_EIT)], 9163);
    assert_int_equal(ys->values[ita_slot_tool(ys->fw, ITA_OIT)], 10000);
    assert_int_equal(ys->values[ita_slot_overall(ys->fw)], 9704);
    assert_int_equal(ys->given, 4);
    ys = year_of(c, "กรม ข", 2565);
    assert_int_equal(ys->given, 1);
    assert_string_equal(ita_score_set_find(&c->set, "กรม ข")->attrs[0], "ตาก");
}

static void bind_should_know_every_wide_column_name(void **state)
{
    struct ctx *c = *state;
    assert_int_equal(bind_text(c, "Year, Overall ,ind2,Indicator 3,ตัวชี้วัดที่ ๔,5,9.1,i01,I1.1,I1_2,O1,e15,"
                                  "ITA\n"
                                  "2565,97.04,99.36,99.21,96.12,99.03,100,99.45,100,98.90,100,90.5,\n"),
                     ITA_OK);
    expect_no_diags(c);
    const struct ita_year_scores *ys = year_of(c, "", 2565);
    const struct ita_framework *fw = ys->fw;
    assert_int_equal(ys->values[ita_slot_overall(fw)], 9704);
    assert_int_equal(ys->values[ita_slot_indicator(fw, 1)], 9936);
    assert_int_equal(ys->values[ita_slot_indicator(fw, 2)], 9921);
    assert_int_equal(ys->values[ita_slot_indicator(fw, 3)], 9612);
    assert_int_equal(ys->values[ita_slot_indicator(fw, 4)], 9903);
    assert_int_equal(ys->values[ita_slot_sub_indicator(fw, 0)], 10000);
    assert_int_equal(item_value(c, "", 2565, "I1", 0), 9945);
    assert_int_equal(item_value(c, "", 2565, "I1", 1), 10000);
    assert_int_equal(item_value(c, "", 2565, "I1", 2), 9890);
    assert_int_equal(item_value(c, "", 2565, "O1", 0), 10000);
    assert_int_equal(item_value(c, "", 2565, "E15", 0), 9050);
    assert_int_equal(ys->given, 11);
    assert_int_equal(c->set.attr_count, 0);
}

static void bind_should_keep_score_like_names_as_attributes_beside_a_score_column(void **state)
{
    struct ctx *c = *state;
    assert_int_equal(bind_text(c, "year,item,score,total\n2565,I1,90,12\n"), ITA_OK);
    expect_no_diags(c);
    assert_int_equal(c->set.attr_count, 1);
    assert_string_equal(c->set.attr_names[0], "total");
}

static void bind_should_check_wide_columns_against_each_rows_year(void **state)
{
    struct ctx *c = *state;
    /* O43 and 9.2 exist in 2565, not in 2568: said once per column and year */
    bind_text(c, "agency,year,O43,9.2,I1\nA,2565,100,90,91\nB,2568,100,90,92\nC,2568,0,80,93\n");
    expect_diag(c, 0, ITA_SEV_ERROR, 3, 3, "column \"O43\" does not exist in 2568", "O1 to O28");
    expect_diag(c, 1, ITA_SEV_ERROR, 3, 4, "column \"9.2\" does not exist in 2568", "9.1 to 10.1");
    assert_int_equal(c->diags.count, 2);
    assert_int_equal(item_value(c, "A", 2565, "O43", 0), 10000);
    assert_int_equal(item_value(c, "B", 2568, "I1", 0), 9200);
    assert_int_equal(item_value(c, "C", 2568, "I1", 0), 9300);
}

static void bind_should_name_the_wide_column_of_a_bad_cell(void **state)
{
    struct ctx *c = *state;
    bind_text(c, "year,IIT,O1,11,I1.9\n2565,9o.5,50,90,90\n");
    expect_diag(c, 0, ITA_SEV_ERROR, 2, 2, "column \"IIT\": score \"9o.5\"", "did you mean 90.5?");
    expect_diag(c, 1, ITA_SEV_ERROR, 2, 3, "column \"O1\"", "0 (not met) or 100 (met)");
    expect_diag(c, 2, ITA_SEV_ERROR, 2, 4, "column \"11\" does not exist in 2565", "1 to 10");
    expect_diag(c, 3, ITA_SEV_ERROR, 2, 5, "column \"I1.9\" does not exist in 2565", "sub-questions 1 to 2");
    assert_int_equal(c->diags.count, 4);
}

static void bind_should_reject_a_placing_column_in_a_wide_file(void **state)
{
    struct ctx *c = *state;
    assert_int_equal(bind_text(c, "year,item,IIT\n2565,I1,90\n"), ITA_ERR_DATA);
    expect_diag(c, 0, ITA_SEV_ERROR, 1, 2, "column \"item\"", "\"score\"");
}

static void bind_should_say_a_wide_score_given_twice(void **state)
{
    struct ctx *c = *state;
    bind_text(c, "year,I1,i01\n2565,90,91\n");
    expect_diag(c, 0, ITA_SEV_ERROR, 2, 3, "I1 of 2565 is given twice with different scores", "line 2");
}

static void bind_should_take_the_year_of_the_option_without_a_year_column(void **state)
{
    struct ctx *c = *state;
    assert_int_equal(bind_year(c, "item,score\nI1,90\n", 2565, NULL),
                     ITA_OK);
    expect_no_diags(c);
    assert_int_equal(item_value(c, "", 2565, "I1", 0), 9000);
    /* a year column wins over the option */
    assert_int_equal(bind_year(c, "year,item,score\n2566,I1,80\n",
                                       2565, NULL),
                     ITA_OK);
    assert_int_equal(item_value(c, "", 2566, "I1", 0), 8000);
    assert_int_equal(bind_year(c, "IIT,EIT\n90,91\n", 0, NULL),
                     ITA_ERR_DATA);
    expect_diag(c, 0, ITA_SEV_ERROR, 1, 0, "missing required column \"year\"", "--year YEAR");
}

/* ---- the published result ---- */

static void bind_should_store_the_published_result(void **state)
{
    struct ctx *c = *state;
    assert_int_equal(bind_text(c, "agency,year,overall,grade\nA,2565,97.04,AA\nB,2565,90,a\nC,2568,90,ผ่านดี\n"
                                  "D,2568,90,good\nE,2565,,\n"),
                     ITA_OK);
    expect_no_diags(c);
    assert_int_equal(year_of(c, "A", 2565)->band, 0);
    assert_int_equal(year_of(c, "B", 2565)->band, 1);
    assert_int_equal(year_of(c, "C", 2568)->band, 1);
    assert_int_equal(year_of(c, "D", 2568)->band, 1);
    assert_null(ita_score_set_find(&c->set, "E"));
    /* no result column: not given */
    assert_int_equal(bind_text(c, "agency,year,overall\nF,2565,97\n"), ITA_OK);
    assert_int_equal(year_of(c, "F", 2565)->band, ITA_NOT_GIVEN);
}

static void bind_should_reject_a_result_that_is_not_of_the_year(void **state)
{
    struct ctx *c = *state;
    bind_text(c, "year,indicator,score,ระดับ\n2565,,97,ผ่านดี\n2568,,97,AA\n2565,1,97,A\n2565,2,97,AA\n");
    expect_diag(c, 0, ITA_SEV_ERROR, 2, 4, "result \"ผ่านดี\" is not a grade of 2565", "AA, A, B, C, D, E, F");
    expect_diag(c, 1, ITA_SEV_ERROR, 3, 4, "result \"AA\" is not a level of 2568", "ผ่านดี (Good)");
    expect_diag(c, 2, ITA_SEV_ERROR, 5, 4, "given twice, differently: AA here, A on line 4", NULL);
    assert_int_equal(c->diags.count, 3);
}

static void bind_should_suggest_an_item_code_for_a_near_miss(void **state)
{
    struct ctx *c = *state;
    bind_text(c, "year,item,score\n2565,l13,90\n2565,E-1O,90\n2565,I99,90\n2565,12,90\n2565,E 10,90\n");
    expect_diag(c, 0, ITA_SEV_ERROR, 2, 2, "\"l13\"", "did you mean I13?");
    expect_diag(c, 1, ITA_SEV_ERROR, 3, 2, "\"E-1O\"", "did you mean E10?");
    expect_diag(c, 2, ITA_SEV_ERROR, 4, 2, "\"I99\"", "I1 to I30");
    expect_diag(c, 3, ITA_SEV_ERROR, 5, 2, "\"12\"", "such as I1");
    expect_diag(c, 4, ITA_SEV_ERROR, 6, 2, "\"E 10\"", "did you mean E10?");
    assert_int_equal(c->diags.count, 5);
}

static void bind_should_suggest_a_score_for_letters_typed_as_digits(void **state)
{
    struct ctx *c = *state;
    bind_text(c, "year,item,score\n2565,I1,\" 9O \"\n2565,I2,l00\n2565,I3,o.5o\n2565,I4,9o.5x\n2565,I5,lOl\n");
    expect_diag(c, 0, ITA_SEV_ERROR, 2, 3, "\" 9O \"", "is not a number; did you mean 90?");
    expect_diag(c, 1, ITA_SEV_ERROR, 3, 3, "\"l00\"", "did you mean 100?");
    expect_diag(c, 2, ITA_SEV_ERROR, 4, 3, "\"o.5o\"", "did you mean 0.50?");
    expect_diag(c, 3, ITA_SEV_ERROR, 5, 3, "\"9o.5x\"", NULL);
    expect_diag(c, 4, ITA_SEV_ERROR, 6, 3, "\"lOl\"", NULL); /* 101 is no score either */
    assert_null(strstr(c->diags.items[3].message, "did you mean"));
    assert_null(strstr(c->diags.items[4].message, "did you mean"));
    assert_int_equal(c->diags.count, 5);
}

static void bind_should_quote_a_bad_score(void **state)
{
    struct ctx *c = *state;
    bind_text(c, "year,item,score\n2565,I1,9o.5\n2565,I2,\"97,50\"\n2565,I3,101\n2565,I4,nan\n");
    char line[512];
    ita_diag_format(&c->diags.items[0], line, sizeof line);
    assert_string_equal(line, "f.csv:2:3: score \"9o.5\" is not a number; did you mean 90.5?");
    expect_diag(c, 1, ITA_SEV_ERROR, 3, 3, "\"97,50\"", "decimal comma");
    expect_diag(c, 2, ITA_SEV_ERROR, 4, 3, "\"101\"", NULL);
    expect_diag(c, 3, ITA_SEV_ERROR, 5, 3, "\"nan\"", NULL);
    assert_int_equal(c->set.count, 0);
}

static void bind_should_give_the_physical_line_of_the_field(void **state)
{
    struct ctx *c = *state;
    bind_text(c, "year,label,item,score\n2565,\"two\nlines\",I1,9o\n2565,x,I2,90\n");
    expect_diag(c, 0, ITA_SEV_ERROR, 3, 4, "\"9o\"", NULL);
    assert_int_equal(c->diags.count, 1);
    const struct ita_year_scores *ys = year_of(c, "", 2565);
    assert_int_equal(ys->lines[ita_slot_item(ys->fw, item_index(ys->fw, "I2"))], 4);
}

static void bind_should_warn_about_a_duplicate_row_that_agrees(void **state)
{
    struct ctx *c = *state;
    bind_text(c, "year,item,score\n2565,I1,97.00\n2565,i01,97\n");
    expect_diag(c, 0, ITA_SEV_WARNING, 3, 3, "line 2", NULL);
    assert_int_equal(c->diags.count, 1);
    assert_int_equal(c->diags.errors, 0);
    assert_int_equal(item_value(c, "", 2565, "I1", 0), 9700);
    assert_int_equal(year_of(c, "", 2565)->given, 1);
}

static void bind_should_reject_a_duplicate_row_that_disagrees(void **state)
{
    struct ctx *c = *state;
    bind_text(c, "year,item,score\n2565,I1,97.00\n2022,I1,96\n");
    expect_diag(c, 0, ITA_SEV_ERROR, 3, 3, "96.00", "97.00");
    expect_diag(c, 0, ITA_SEV_ERROR, 3, 3, "line 2", NULL);
    assert_int_equal(c->diags.count, 1);
    assert_int_equal(item_value(c, "", 2565, "I1", 0), 9700);
}

/* The three agencies of the tests of names written differently, in order. */
static void expect_office_a_b_and_cafe(const struct ctx *c)
{
    assert_int_equal(c->set.count, 3);
    assert_string_equal(c->set.agencies[0].name, "Office A");
    assert_string_equal(c->set.agencies[1].name, "Office B");
    assert_string_equal(c->set.agencies[2].name, "Caf\xC3\xA9");
}

static void bind_should_treat_agency_names_differing_in_spaces_as_one(void **state)
{
    struct ctx *c = *state;
    bind_text(c, "agency,year,item,score\n"
            "\"  Office   A \",2565,I1,90\n"
            "Office A,2565,I2,91\n"
            "\"Office\tA\",2565,I3,92\n"
            "Office B,2565,I1,80\n"
            "\"Caf\xC3\xA9\",2565,I1,70\n"        /* precomposed é */
            "\"Cafe\xCC\x81\",2565,I2,71\n");     /* e + combining acute */
    expect_no_diags(c);
    expect_office_a_b_and_cafe(c);
    assert_int_equal(item_value(c, "Office A", 2565, "I3", 0), 9200);
    assert_int_equal(item_value(c, "Caf\xC3\xA9", 2565, "I2", 0), 7100);
}

/* Names written again find their agency again, and so do more spellings of one
 * agency than the binder remembers. */
static void bind_should_find_an_agency_again_in_any_of_many_spellings(void **state)
{
    struct ctx *c = *state;
    static char text[400000];
    size_t n = (size_t)snprintf(text, sizeof text, "agency,province,year,item,sub,score\n");
    /* 300 spellings of "Office A" (spaces before it), each between rows of B and C */
    for (int i = 0; i < 300; i++) {
        n += (size_t)snprintf(text + n, sizeof text - n, "\"%*sOffice A\",X,2565,I1,%d,%d\n", i, "", i % 2 + 1,
                              i % 2 + 90);
        n += (size_t)snprintf(text + n, sizeof text - n, "Office B,Y,2565,I%d,,%d\n", i % 24 + 1, 80);
        n += (size_t)snprintf(text + n, sizeof text - n, "\"Caf\xC3\xA9\",Z,2565,I%d,,70\n", i % 24 + 1);
        n += (size_t)snprintf(text + n, sizeof text - n, "\"Cafe\xCC\x81\",Z,2565,I%d,,70\n", i % 24 + 1);
    }
    bind_text(c, text);
    expect_office_a_b_and_cafe(c);
    assert_int_equal(item_value(c, "Office A", 2565, "I1", 1), 9000);
    assert_int_equal(item_value(c, "Office A", 2565, "I1", 2), 9100);
    assert_int_equal(item_value(c, "Office B", 2565, "I24", 0), 8000);
    assert_int_equal(item_value(c, "Caf\xC3\xA9", 2565, "I7", 0), 7000);
    /* every row counted: the duplicates of each agency are said, and nothing else */
    assert_int_equal(c->set.agencies[0].tallies[0].values[0].rows, 300);
    assert_int_equal(c->set.agencies[1].tallies[0].values[0].rows, 300);
    assert_int_equal(c->set.agencies[2].tallies[0].values[0].rows, 600);
    assert_int_equal(c->diags.errors, 0);
    assert_int_equal(c->diags.warnings, (300 - 2) + (300 - 24) + (600 - 24));
}

static void agency_name_normalize_should_trim_collapse_and_compose(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"  a  b  ", "a b"},
        {"a\t\tb", "a b"},
        {"", ""},
        {"   ", ""},
        {"สำนักงาน  ก.พ.", "สำนักงาน ก.พ."},
        {"e\xCC\x81", "\xC3\xA9"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *n = NULL;
        struct ita_diags d;
        ita_diags_init(&d, 10);
        assert_int_equal(ita_agency_name_normalize(cases[i].in, strlen(cases[i].in), &n, &d), ITA_OK);
        assert_int_equal(d.count, 0);
        ita_diags_free(&d);
        assert_string_equal(n, cases[i].out);
        free(n);
    }
}

static void bind_should_report_an_unknown_year_once_per_file(void **state)
{
    struct ctx *c = *state;
    bind_text(c, "year,item,score\n2600,I1,90\n2600,I2,90\n2601,I1,1\n2600,I3,90\n");
    expect_diag(c, 0, ITA_SEV_ERROR, 2, 1, "2600", NULL);
    expect_diag(c, 1, ITA_SEV_ERROR, 4, 1, "2601", NULL);
    assert_int_equal(c->diags.count, 2);
    assert_int_equal(c->set.count, 0);
    bind_text(c, "year,item,score\n2600,I1,90\n");
    expect_diag(c, 2, ITA_SEV_ERROR, 2, 1, "2600", NULL);
    assert_int_equal(c->diags.count, 3);
}

static void bind_should_keep_years_in_ascending_order(void **state)
{
    struct ctx *c = *state;
    bind_text(c, "year,indicator,score\n2566,1,90\n2564,1,80\n2565,1,85\n");
    expect_no_diags(c);
    const struct ita_agency *a = ita_score_set_find(&c->set, "");
    assert_int_equal(a->year_count, 3);
    for (size_t y = 0; y < 3; y++) {
        assert_int_equal(a->years[y].year, 2564 + (int)y);
        assert_int_equal(a->years[y].fw->year, 2564 + (int)y);
    }
}

static void bind_should_grow_the_set_across_files(void **state)
{
    struct ctx *c = *state;
    bind_file(c, "f.csv", "agency,year,item,score\nA,2565,I1,90\n");
    bind_file(c, "f.csv", "Agency,Year,Item,Score\nA,2564,I1,80\nB,2565,I1,70\n");
    expect_no_diags(c);
    assert_int_equal(c->set.count, 2);
    assert_int_equal(item_value(c, "A", 2564, "I1", 0), 8000);
    assert_int_equal(item_value(c, "A", 2565, "I1", 0), 9000);
    assert_null(ita_score_set_find(&c->set, "C"));
}

static void bind_should_hold_many_agencies(void **state)
{
    struct ctx *c = *state;
    char text[200000];
    size_t n = (size_t)snprintf(text, sizeof text, "agency,year,item,score\n");
    for (int i = 0; i < 3000; i++)
        n += (size_t)snprintf(text + n, sizeof text - n, "agency %d,2565,I1,%d\n", i, i % 100);
    bind_text(c, text);
    expect_no_diags(c);
    assert_int_equal(c->set.count, 3000);
    for (int i = 0; i < 3000; i += 7) {
        char name[32];
        snprintf(name, sizeof name, "agency %d", i);
        assert_int_equal(item_value(c, name, 2565, "I1", 0), (i % 100) * 100);
    }
}

/* ---- fields the reader says repeat the one above ---- */

/* A sink between the loader and the binder that says, as a reader may, which
 * fields repeat the same column's field of the record just before. */
struct marker {
    struct ita_load_sink inner;
    char *prev[8];
    size_t prev_len[8];
    size_t prev_count;
    struct ita_field fields[8];
};

static enum ita_status marker_header(void *ctx, const struct ita_record *rec)
{
    struct marker *m = ctx;
    return m->inner.header(m->inner.ctx, rec);
}

static enum ita_status marker_record(void *ctx, const struct ita_record *rec)
{
    struct marker *m = ctx;
    assert_true(rec->count <= 8);
    for (size_t i = 0; i < rec->count; i++) {
        m->fields[i] = rec->fields[i];
        m->fields[i].same_as_above = i < m->prev_count && m->prev_len[i] == rec->fields[i].len &&
                                     memcmp(m->prev[i], rec->fields[i].data, rec->fields[i].len) == 0;
    }
    struct ita_record marked = *rec;
    marked.fields = m->fields;
    enum ita_status st = m->inner.record(m->inner.ctx, &marked);
    for (size_t i = 0; i < m->prev_count; i++)
        free(m->prev[i]);
    for (size_t i = 0; i < rec->count; i++) {
        m->prev[i] = malloc(rec->fields[i].len + 1);
        assert_non_null(m->prev[i]);
        memcpy(m->prev[i], rec->fields[i].data, rec->fields[i].len + 1);
        m->prev_len[i] = rec->fields[i].len;
    }
    m->prev_count = rec->count;
    return st;
}

/* Binds text (fields cut by delimiter) into set, the repeated fields said so when `mark`. */
static void bind_marked(struct ctx *c, struct ita_score_set *set, struct ita_diags *diags, const char *text,
                        char delimiter, int default_year, bool mark)
{
    ita_diags_begin_file(diags);
    struct ita_binder b;
    struct marker m;
    memset(&m, 0, sizeof m);
    struct ita_load_sink outer = {&m, marker_header, marker_record, NULL};
    ita_binder_begin(&b, set, &c->fws, diags, "f.csv", &m.inner);
    b.default_year = default_year;
    struct ita_loader *ld = ita_loader_new("f.csv", delimiter, mark ? &outer : &m.inner, diags);
    assert_non_null(ld);
    (void)ita_loader_feed(ld, text, strlen(text));
    (void)ita_loader_finish(ld);
    ita_loader_free(&ld);
    ita_binder_end(&b);
    ita_diags_end_file(diags, "f.csv");
    for (size_t i = 0; i < m.prev_count; i++)
        free(m.prev[i]);
}

static void expect_same_sets(const struct ita_score_set *x, const struct ita_score_set *y)
{
    assert_int_equal(x->count, y->count);
    assert_int_equal(x->attr_count, y->attr_count);
    for (size_t i = 0; i < x->count; i++) {
        const struct ita_agency *a = &x->agencies[i], *b = &y->agencies[i];
        assert_string_equal(a->name, b->name);
        size_t attrs = a->attr_cap < b->attr_cap ? b->attr_cap : a->attr_cap;
        for (size_t k = 0; k < attrs; k++) {
            const struct ita_attr_tally *ta = k < a->attr_cap ? &a->tallies[k] : NULL;
            const struct ita_attr_tally *tb = k < b->attr_cap ? &b->tallies[k] : NULL;
            size_t na = ta ? ta->count : 0, nb = tb ? tb->count : 0;
            assert_int_equal(na, nb);
            if (na == 0)
                continue;
            assert_int_equal(ta->chosen, tb->chosen);
            assert_string_equal(a->attrs[k], b->attrs[k]);
            for (size_t v = 0; v < na; v++) {
                assert_string_equal(ta->values[v].text, tb->values[v].text);
                assert_int_equal(ta->values[v].rows, tb->values[v].rows);
                assert_int_equal(ta->values[v].line, tb->values[v].line);
                assert_int_equal(ta->values[v].file, tb->values[v].file);
            }
        }
        assert_int_equal(a->year_count, b->year_count);
        for (size_t k = 0; k < a->year_count; k++) {
            const struct ita_year_scores *p = &a->years[k], *q = &b->years[k];
            assert_int_equal(p->year, q->year);
            assert_ptr_equal(p->fw, q->fw);
            assert_int_equal(p->given, q->given);
            assert_int_equal(p->band, q->band);
            assert_int_equal(p->band_line, q->band_line);
            size_t n = ita_slot_count(p->fw);
            assert_memory_equal(p->values, q->values, n * sizeof *p->values);
            assert_true((p->lines == NULL) == (q->lines == NULL));
            if (p->lines != NULL)
                assert_memory_equal(p->lines, q->lines, n * sizeof *p->lines);
        }
    }
}

static void bind_should_bind_repeated_fields_as_the_same_fields_unmarked(void **state)
{
    struct ctx *c = *state;
    static const char *const texts[] = {
        /* another agency with the province of the one above, which had two */
        "agency,province,year,item,score\nA,X,2565,I1,97\nA,Y,2565,I2,97\nB,Y,2565,I1,90\nB,Y,2565,I2,90\n",
        /* a blank score between: the binder did not look at that row's agency */
        "agency,province,year,item,score\nA,X,2565,I1,97\nB,Y,2565,I2,\nB,Y,2565,I3,90\nB,Y,2565,I4,90\n",
        "agency,province,year,item,score\nA,X,2565,I1,97\nA,Y,2565,I2,\nA,Y,2565,I3,90\nA,Y,2565,I4,90\n",
        /* rejected rows between: a wrong year is said on each row */
        "agency,province,year,item,score\nA,X,2565,I1,97\nA,X,25x5,I2,90\nA,X,25x5,I3,90\nA,X,2565,I4,90\n"
        "B,Y,2565,I99,90\nB,Y,2565,I2,90\nB,Z,2565,I3,abc\nB,Z,2565,I4,80\n",
        /* an empty attribute, then a value; values that disagree */
        "agency,province,year,item,score\nA,,2565,I1,97\nA,,2565,I2,97\nA,X,2565,I3,90\nA,X,2565,I4,90\n"
        "A,Y,2565,I5,90\nA,Y,2565,I6,90\nA,Y,2565,I7,90\nA,X,2565,I8,90\nA,X,2565,I1,97\n",
        /* years change under the same agency, and back */
        "agency,province,year,item,score\nA,X,2565,I1,97\nA,X,2566,I1,96\nA,X,2566,I2,96\nA,X,2565,I2,95\n"
        "A,X,2570,I1,95\nA,X,2570,I2,95\nA,X,2566,I3,94\n",
        /* a year that is empty, repeated */
        "agency,year,item,score\nA,2565,I1,97\nA,,I2,97\nA,,I3,97\nA,2565,I4,97\n",
        /* the wide layout, with repeated agencies and years */
        "agency,province,year,overall,IIT\nA,X,2565,90,91\nA,X,2566,91,92\nB,X,2566,80,81\nB,X,2566,80,81\n"
        "B,Y,2566,,\nC,Y,2566,70,\n",
        /* a tidy file with a published result */
        "agency,year,indicator,score,grade\nA,2565,,97,AA\nA,2565,,97,AA\nA,2565,1,,\nB,2565,,80,A\n",
        /* item codes repeated: with sub-questions, across years and frameworks, after
         * a code that is wrong or missing in a year, after rows rejected before it */
        "agency,year,item,sub,score\nA,2565,I1,1,90\nA,2565,I1,2,91\nA,2566,I1,1,92\nA,2566,I1,2,93\n"
        "A,2570,I1,1,94\nA,2570,I1,2,95\nA,2565,I99,,90\nA,2565,I99,,91\nA,2566,O40,,100\nA,2565,O40,,100\n"
        "A,2565,I2,,abc\nA,2565,I2,,97\nA,25x5,I3,,97\nA,2565,I3,,97\nA,2565,,,90\nA,2565,,,91\n"
        "A,2565,X1,,90\nA,2565,X1,,90\nB,2565,I4,9,90\nB,2565,I4,1,90\nB,2565,I4,,90\n",
    };
    for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++)
        for (int lean = 0; lean < 2; lean++) {
            struct ita_score_set plain, marked;
            struct ita_diags dp, dm;
            ita_score_set_init(&plain);
            ita_score_set_init(&marked);
            plain.lean = marked.lean = lean;
            ita_diags_init(&dp, 0);
            ita_diags_init(&dm, 0);
            bind_marked(c, &plain, &dp, texts[t], ',', 0, false);
            bind_marked(c, &marked, &dm, texts[t], ',', 0, true);
            expect_same_sets(&plain, &marked);
            char text_p[8192];
            snprintf(text_p, sizeof text_p, "%s", fixture_diags_text(&dp));
            assert_string_equal(text_p, fixture_diags_text(&dm));
            assert_int_equal(dp.errors, dm.errors);
            assert_int_equal(dp.warnings, dm.warnings);
            ita_diags_free(&dp);
            ita_diags_free(&dm);
            ita_score_set_free(&plain);
            ita_score_set_free(&marked);
        }
}

/* ---- records bound by their tail (the scanner's short way) ---- */

/* A sink between the scanner and the binder that counts the records the
 * binder took by their tail. */
struct tail_counter {
    struct ita_load_sink inner;
    size_t taken;
};

static enum ita_status counter_header(void *ctx, const struct ita_record *rec)
{
    struct tail_counter *t = ctx;
    return t->inner.header(t->inner.ctx, rec);
}

static enum ita_status counter_record(void *ctx, const struct ita_record *rec)
{
    struct tail_counter *t = ctx;
    return t->inner.record(t->inner.ctx, rec);
}

static bool counter_tail(void *ctx, size_t first, const char *bytes, const unsigned char *ends, size_t line)
{
    struct tail_counter *t = ctx;
    bool taken = t->inner.tail(t->inner.ctx, first, bytes, ends, line);
    t->taken += taken;
    return taken;
}

/* Binds text through the scanner, fed `chunk` bytes at a time, counting lines
 * or not; *taken: the records bound by their tail. False when the scanner gave
 * up (the set and diagnostics are then not what a reader gives). */
static bool bind_scanned(struct ctx *c, struct ita_score_set *set, struct ita_diags *diags, const char *text,
                         char delimiter, int default_year, size_t chunk, bool count_lines, size_t *taken)
{
    ita_diags_begin_file(diags);
    struct ita_binder b;
    struct tail_counter t = {.taken = 0};
    struct ita_load_sink outer = {&t, counter_header, counter_record, counter_tail};
    ita_binder_begin(&b, set, &c->fws, diags, "f.csv", &t.inner);
    b.default_year = default_year;
    struct ita_scanner *sc = ita_scanner_new("f.csv", delimiter, &outer);
    assert_non_null(sc);
    if (count_lines)
        ita_scanner_count_lines(sc);
    size_t len = strlen(text);
    enum ita_status st = ITA_OK;
    for (size_t at = 0; at < len && st == ITA_OK; at += chunk)
        st = ita_scanner_feed(sc, text + at, len - at < chunk ? len - at : chunk);
    if (st == ITA_OK)
        st = ita_scanner_finish(sc);
    bool gave_up = ita_scanner_gave_up(sc);
    ita_scanner_free(&sc);
    ita_binder_end(&b);
    ita_diags_end_file(diags, "f.csv");
    *taken = t.taken;
    return !gave_up;
}

static void bind_should_bind_a_record_by_its_tail_as_by_its_fields(void **state)
{
    struct ctx *c = *state;
    static const struct {
        const char *text;
        char delimiter;
        int default_year;
        size_t taken; /* records the tail takes, fed whole (not the last 16 bytes' own) */
    } cases[] = {
        /* the national file's shape, with what the tail must leave to the record:
         * a sub of 0 or 99; a duplicate (the same score and another);
         * an OIT item without sub-questions and a score of neither 0 nor 100; an
         * item unknown, in lower case, with a leading 0, missing; scores with Thai
         * digits, three decimals, an exponent, empty, above 100 (a space at a
         * field's edge the scanner leaves to the loader) */
        {"agency,province,year,item,sub,score\n"
         "A,X,2565,I3,1,90\nA,X,2565,I3,2,91.5\nA,X,2565,I3,3,92.25\nA,X,2565,I3,0,90\nA,X,2565,I3,4,90\n"
         "A,X,2565,I1,1,90\nA,X,2565,I1,1,90\nA,X,2565,I1,2,80\nA,X,2565,I1,2,81\nA,X,2565,i2,,100\n"
         "A,X,2565,I07,,77\nA,X,2565,I99,,90\nA,X,2565,,,90\nA,X,2565,O1,,50\nA,X,2565,O2,,100\n"
         "A,X,2565,O3,,0\nA,X,2565,I4,,\xe0\xb9\x99\xe0\xb9\x90\nA,X,2565,I5,,90.001\nA,X,2565,I6,,1e2\n"
         "A,X,2565,I8,,\nA,X,2565,I9,,100.01\nA,X,2565,I10,,100.00\nA,X,2565,I12,,0100\nA,X,2565,I13,,9.\n"
         "A,X,2565,I14,,.5\nA,X,2565,I15,,55\nA,X,2565,I16,,56\nA,X,2565,I17,,57\n",
         ',', 0, 8},
        /* agencies, provinces and years that change, and change back; an
         * attribute that differs from the agency's earlier rows */
        {"agency,province,year,item,score\n"
         "A,X,2565,I1,90\nA,X,2565,I2,91\nA,X,2566,I1,92\nA,X,2566,I2,93\nB,X,2566,I1,94\nB,X,2566,I2,95\n"
         "B,Y,2566,I3,96\nB,Y,2566,I4,97\nA,X,2565,I3,98\nA,X,2565,I4,99\nA,Z,2565,I5,90\nA,Z,2565,I6,90\n"
         "A,X,2570,I1,90\nA,X,2570,I2,90\nA,X,2599,I1,90\nA,X,2599,I2,90\nA,X,2570,I3,90\n",
         ',', 0, 6},
        /* line ends of every kind, a blank line between, no line end at the end */
        {"agency,year,item,score\r\nA,2565,I1,90\r\nA,2565,I2,91\r\n\r\nA,2565,I3,92\rA,2565,I4,93\n"
         "A,2565,I5,94\n\nA,2565,I6,95",
         ',', 0, 4},
        /* the tail's columns in another order, and a tab between fields */
        {"year\tagency\tscore\tsub\titem\n2565\tA\t90\t1\tI1\n2565\tA\t91\t2\tI1\n2565\tA\t92\t\tI2\n"
         "2565\tA\t92\t\tI2\n2565\tA\t93,5\t\tI3\n2565\tA\t94\t\tI4\n",
         '\t', 0, 2},
        /* no year column: the year of --year */
        {"agency,item,score\nA,I1,90\nA,I2,91\nB,I1,80\nB,I2,81\nB,I2,81\n", ',', 2565, 1},
        /* a score too long for the tail's 16 bytes, and some that fit */
        {"agency,year,item,sub,score\nA,2565,I30,1,90\nA,2565,I30,2,90.00000000000\nA,2565,I30,3,090\n"
         "A,2565,I30,4,90.5\nA,2565,I10,,100.00\nA,2565,I11,1,100.00\nA,2565,I11,2,100\n",
         ',', 0, 3},
        /* quoted fields before the tail, one holding a line end */
        {"agency,province,year,item,score\n\"A, the\",\"X\nY\",2565,I1,90\n\"A, the\",\"X\nY\",2565,I2,91\n"
         "\"A, the\",\"X\nY\",2565,I3,92\n",
         ',', 0, 1},
        /* a record after one bound by its tail, with the item and sub of the
         * record before that: they repeat that record, not the one just before */
        {"agency,year,item,sub,score\nA,2565,I3,1,90\nA,2565,I2,,91\nA,2565,I3,1,abc\nA,2565,I4,1,90\n"
         "A,2565,I4,2,91\n",
         ',', 0, 1},
        /* the last record taken by its tail (blank lines after it) */
        {"agency,province,year,item,score\nA,X,2565,I1,90\nA,X,2565,I2,91\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n",
         ',', 0, 1},
        /* columns after the tail's (no tail), a grade column (no tail) */
        {"agency,year,item,score,note\nA,2565,I1,90,x\nA,2565,I2,91,x\n", ',', 0, 0},
        {"agency,year,indicator,score,grade\nA,2565,,97,AA\nA,2565,1,97,\n", ',', 0, 0},
    };
    for (size_t t = 0; t < sizeof cases / sizeof cases[0]; t++) {
        const char *text = cases[t].text;
        size_t len = strlen(text);
        for (int lean = 0; lean < 2; lean++) {
            struct ita_score_set loaded;
            struct ita_diags dl;
            ita_score_set_init(&loaded);
            loaded.lean = lean;
            ita_diags_init(&dl, 0);
            bind_marked(c, &loaded, &dl, text, cases[t].delimiter, cases[t].default_year, false);
            char text_l[8192];
            snprintf(text_l, sizeof text_l, "%s", fixture_diags_text(&dl));
            /* every chunk size up to 20 bytes, then doubling, and the text whole */
            size_t chunks[64], nc = 0;
            for (size_t k = 1; k <= 20 && k < len; k++)
                chunks[nc++] = k;
            for (size_t k = 32; k < len; k *= 2)
                chunks[nc++] = k;
            chunks[nc++] = len;
            for (size_t i = 0; i < nc; i++)
                for (int lines = 0; lines < 2; lines++) {
                    struct ita_score_set scanned;
                    struct ita_diags ds;
                    ita_score_set_init(&scanned);
                    scanned.lean = lean;
                    ita_diags_init(&ds, 0);
                    size_t taken = 0;
                    if (!bind_scanned(c, &scanned, &ds, text, cases[t].delimiter, cases[t].default_year,
                                             chunks[i], lines, &taken))
                        fail_msg("case %zu: the scanner gave up", t);
                    /* without lines counted, the diagnostics say line 0 */
                    if (lines) {
                        expect_same_sets(&loaded, &scanned);
                        assert_string_equal(text_l, fixture_diags_text(&ds));
                    }
                    assert_int_equal(dl.count, ds.count);
                    assert_int_equal(dl.errors, ds.errors);
                    assert_int_equal(dl.warnings, ds.warnings);
                    if (chunks[i] == len)
                        assert_int_equal(taken, cases[t].taken);
                    ita_diags_free(&ds);
                    ita_score_set_free(&scanned);
                }
            ita_diags_free(&dl);
            ita_score_set_free(&loaded);
        }
    }
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        T(bind_should_find_columns_in_any_order_and_case),
        T(bind_should_keep_unknown_columns_as_attributes_without_a_warning),
        T(bind_should_choose_an_attribute_by_its_rows_not_by_their_order),
        T(set_merge_should_choose_an_attribute_whatever_the_cut),
        T(bind_should_warn_about_a_near_miss_of_a_known_column),
        T(bind_should_warn_about_a_near_miss_beside_the_real_column),
        T(bind_should_reject_duplicate_columns_ignoring_case),
        T(bind_should_reject_an_empty_column_name),
        T(bind_should_require_year_and_score),
        T(bind_should_require_item_or_indicator),
        T(bind_should_require_item_beside_sub),
        cmocka_unit_test(year_to_be_should_accept_buddhist_and_common_era),
        T(bind_should_store_ce_years_as_be),
        T(bind_should_reject_a_year_that_is_not_a_year),
        T(bind_should_normalise_item_codes),
        T(bind_should_reject_an_unknown_item),
        T(bind_should_reject_an_item_under_the_wrong_indicator),
        T(bind_should_reject_an_indicator_out_of_range),
        T(bind_should_store_each_level_in_its_slot),
        T(bind_should_take_a_tool_only_in_a_row_without_an_item),
        T(bind_should_reject_a_sub_question_that_does_not_exist),
        T(bind_should_skip_an_empty_score_and_count_it),
        T(bind_should_add_no_agency_for_blank_rows_only),
        T(bind_should_still_check_the_rest_of_a_blank_row),
        T(bind_should_read_thai_header_names),
        T(bind_should_warn_about_a_near_miss_of_a_thai_name),
        T(bind_should_reject_two_names_for_one_column),
        T(bind_should_read_thai_digits),
        T(bind_should_reject_a_mix_of_thai_and_arabic_digits),
        T(bind_should_read_a_wide_national_table_with_the_year_given),
        T(bind_should_know_every_wide_column_name),
        T(bind_should_keep_score_like_names_as_attributes_beside_a_score_column),
        T(bind_should_check_wide_columns_against_each_rows_year),
        T(bind_should_name_the_wide_column_of_a_bad_cell),
        T(bind_should_reject_a_placing_column_in_a_wide_file),
        T(bind_should_say_a_wide_score_given_twice),
        T(bind_should_take_the_year_of_the_option_without_a_year_column),
        T(bind_should_store_the_published_result),
        T(bind_should_reject_a_result_that_is_not_of_the_year),
        T(bind_should_suggest_an_item_code_for_a_near_miss),
        T(bind_should_suggest_a_score_for_letters_typed_as_digits),
        T(bind_should_quote_a_bad_score),
        T(bind_should_give_the_physical_line_of_the_field),
        T(bind_should_warn_about_a_duplicate_row_that_agrees),
        T(bind_should_reject_a_duplicate_row_that_disagrees),
        T(bind_should_treat_agency_names_differing_in_spaces_as_one),
        T(bind_should_find_an_agency_again_in_any_of_many_spellings),
        cmocka_unit_test(agency_name_normalize_should_trim_collapse_and_compose),
        T(bind_should_report_an_unknown_year_once_per_file),
        T(bind_should_keep_years_in_ascending_order),
        T(bind_should_grow_the_set_across_files),
        T(bind_should_hold_many_agencies),
        T(bind_should_bind_repeated_fields_as_the_same_fields_unmarked),
        T(bind_should_bind_a_record_by_its_tail_as_by_its_fields),
    };
    return ita_test_main(argc, argv, "bind", tests, sizeof tests / sizeof tests[0]);
}
