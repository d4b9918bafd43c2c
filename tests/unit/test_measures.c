/* Unit tests of include/ita/measures.h: the officer's measures CSV. */
#include "harness.h"
#include "scores_fixture.h"

#include <stdlib.h>

#include "ita/bind.h"
#include "ita/diag.h"
#include "ita/framework.h"
#include "ita/load.h"
#include "ita/measures.h"

struct ctx {
    struct ita_framework_set fws;
    const struct ita_framework *fw;
    struct ita_score_set set;
    struct ita_diags diags;
    struct ita_measures m;
};

static int setup(void **state)
{
    struct ctx *c = calloc(1, sizeof *c);
    if (c == NULL)
        return -1;
    if (fixture_open(&c->fws, &c->set, &c->diags) != 0)
        return -1;
    enum ita_status st;
    c->fw = ita_framework_set_get(&c->fws, 2565, &st, &c->diags);
    if (c->fw == NULL)
        return -1;
    ita_measures_init(&c->m, c->fw);
    *state = c;
    return 0;
}

static int teardown(void **state)
{
    struct ctx *c = *state;
    ita_measures_free(&c->m);
    fixture_close(&c->fws, &c->set, &c->diags);
    free(c);
    return 0;
}

static enum ita_status load(struct ctx *c, const char *text, const struct ita_score_set *set)
{
    char *copy = strdup(text);
    assert_non_null(copy);
    FILE *f = fmemopen(copy, strlen(copy), "rb");
    assert_non_null(f);
    enum ita_status st = ita_measures_load(f, "m.csv", set, &c->m, &c->diags);
    fclose(f);
    free(copy);
    return st;
}

static const char *diag(const struct ctx *c, size_t i)
{
    static char buf[512];
    assert_true(i < c->diags.count);
    ita_diag_format(&c->diags.items[i], buf, sizeof buf);
    return buf;
}

static size_t item_index(const struct ita_framework *fw, enum ita_tool tool, unsigned number)
{
    const struct ita_fw_item *it = ita_framework_item(fw, tool, number);
    assert_non_null(it);
    return (size_t)(it - fw->items);
}

static void measures_load_should_keep_several_rows_per_item_in_file_order(void **state)
{
    struct ctx *c = *state;
    assert_int_equal(load(c, "Owner,ITEM,measure,period,method\n"
                             "Comms,E14,forums,Q1,\"two\nforums\"\n"
                             "HR,I20,simpler form,Q2,\n"
                             "Comms,e014,publish a summary,Q4,web\n",
                          NULL),
                     ITA_OK);
    assert_int_equal(c->diags.count, 0);
    assert_int_equal(c->m.count, 3);
    size_t e14 = item_index(c->fw, ITA_EIT, 14), cursor = 0;
    const struct ita_measure *m = ita_measures_next(&c->m, "any", e14, &cursor);
    assert_non_null(m);
    assert_string_equal(m->measure, "forums");
    assert_string_equal(m->method, "two\nforums");
    assert_string_equal(m->owner, "Comms");
    assert_int_equal(m->line, 2);
    m = ita_measures_next(&c->m, "any", e14, &cursor);
    assert_non_null(m);
    assert_string_equal(m->measure, "publish a summary");
    assert_int_equal(m->line, 5);
    assert_null(ita_measures_next(&c->m, "any", e14, &cursor));
}

static void measures_load_should_reject_an_unknown_item_with_its_line_and_column(void **state)
{
    struct ctx *c = *state;
    assert_int_equal(load(c, "measure,item\nfine,E1\nbad,E99\nbad,\nbad,O3x\n", NULL), ITA_ERR_DATA);
    assert_int_equal(c->diags.count, 3);
    assert_string_equal(diag(c, 0), "m.csv:3:2: unknown item \"E99\" for 2565");
    assert_string_equal(diag(c, 1), "m.csv:4:2: a measure needs an item code");
    assert_string_equal(diag(c, 2), "m.csv:5:2: unknown item \"O3x\" for 2565");
}

static void measures_load_should_need_the_item_and_measure_columns(void **state)
{
    struct ctx *c = *state;
    assert_int_equal(load(c, "item,owner,item\nE1,x,E2\n", NULL), ITA_ERR_DATA);
    assert_string_equal(diag(c, 0), "m.csv:1:3: duplicate column \"item\" (also column 1)");
    assert_string_equal(diag(c, 1), "m.csv:1: a measures file needs a column \"measure\"");
    assert_int_equal(c->m.count, 0);
}

static void measures_load_should_refuse_an_empty_file(void **state)
{
    struct ctx *c = *state;
    assert_int_equal(load(c, "", NULL), ITA_ERR_DATA);
    assert_int_equal(c->diags.count, 1);
    assert_string_equal(diag(c, 0), "m.csv: the file is empty; a header row is required");
}

static void measures_next_should_give_agency_rows_only_to_that_agency(void **state)
{
    struct ctx *c = *state;
    /* a score set with two agencies */
    struct ita_binder b;
    struct ita_load_sink sink;
    ita_binder_begin(&b, &c->set, &c->fws, &c->diags, "s.csv", &sink);
    struct ita_loader *ld = ita_loader_new("s.csv", ',', &sink, &c->diags);
    const char *scores = "agency,year,indicator,score\nกรม ก,2565,1,90\nกรม ข,2565,1,80\n";
    ita_loader_feed(ld, scores, strlen(scores));
    ita_loader_finish(ld);
    ita_loader_free(&ld);
    ita_binder_end(&b);
    assert_int_equal(c->diags.count, 0);
    assert_int_equal(load(c, "agency,item,measure\n  กรม   ก ,E1,for A\n,E1,for all\nกรม ค,E1,nobody\n", &c->set),
                     ITA_ERR_DATA);
    assert_int_equal(c->diags.count, 1);
    assert_string_equal(diag(c, 0), "m.csv:4:1: no agency named \"กรม ค\" in the scores");
    size_t e1 = item_index(c->fw, ITA_EIT, 1), cursor = 0;
    assert_string_equal(ita_measures_next(&c->m, "กรม ก", e1, &cursor)->measure, "for A");
    assert_string_equal(ita_measures_next(&c->m, "กรม ก", e1, &cursor)->measure, "for all");
    assert_null(ita_measures_next(&c->m, "กรม ก", e1, &cursor));
    cursor = 0;
    assert_string_equal(ita_measures_next(&c->m, "กรม ข", e1, &cursor)->measure, "for all");
    assert_null(ita_measures_next(&c->m, "กรม ข", e1, &cursor));
    cursor = 0;
    assert_null(ita_measures_next(NULL, "กรม ข", e1, &cursor));
}

int main(int argc, char **argv)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(measures_load_should_keep_several_rows_per_item_in_file_order),
        T(measures_load_should_reject_an_unknown_item_with_its_line_and_column),
        T(measures_load_should_need_the_item_and_measure_columns),
        T(measures_load_should_refuse_an_empty_file),
        T(measures_next_should_give_agency_rows_only_to_that_agency),
    };
    return ita_test_main(argc, argv, "measures", tests, sizeof tests / sizeof tests[0]);
}
