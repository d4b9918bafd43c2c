/* Unit tests of include/ita/workbook.h: workbooks built here part by part with
 * libzip, read back through the reader into records and diagnostics. */
#include "harness.h"

#include <stdlib.h>
#include <unistd.h>
#include <zip.h>

#include "ita/util.h"
#include "ita/workbook.h"

#define FILE_NAME "t.xlsx"

static const char *const content_types =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>";
static const char *const root_rels =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
    "</Relationships>";
static const char *const two_sheets =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
    "<sheet name=\"Notes\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"Scores 2565\" sheetId=\"2\" r:id=\"rId2\"/>"
    "</sheets></workbook>";
static const char *const workbook_rels =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"/xl/worksheets/sheet2.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "</Relationships>";
static const char *const notes_sheet =
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>notes</t></is></c></row>"
    "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>only</t></is></c></row></sheetData></worksheet>";
static const char *const strings =
    "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"5\" uniqueCount=\"5\">"
    "<si><t>year</t></si><si><t>item</t></si><si><t>score</t></si>"
    "<si><r><rPr><b/></rPr><t>ก</t></r><r><t xml:space=\"preserve\">รม _x000D_x</t></r>"
    "<rPh sb=\"0\" eb=\"1\"><t>phonetic</t></rPh></si>"
    "<si><t>I1</t></si></sst>";

struct part {
    const char *name, *text;
};

/* A workbook of these parts (the first sheet's and the shared strings' given
 * here, the rest standard), in memory; free it. */
static char *workbook(const struct part *parts, size_t count, size_t *len)
{
    char path[] = "/tmp/ita-test-xlsx-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    int err = 0;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    assert_non_null(z);
    for (size_t i = 0; i < count; i++) {
        zip_source_t *s = zip_source_buffer(z, parts[i].text, strlen(parts[i].text), 0);
        assert_non_null(s);
        assert_true(zip_file_add(z, parts[i].name, s, ZIP_FL_OVERWRITE) >= 0);
    }
    assert_int_equal(zip_close(z), 0);
    char *data;
    assert_int_equal(ita_read_file(path, 1u << 30, &data, len), 0);
    unlink(path);
    return data;
}

/* The standard parts around a second sheet (the one read with --sheet 2). */
static char *book(const char *sheet2, size_t *len)
{
    struct part parts[] = {
        {"[Content_Types].xml", content_types}, {"_rels/.rels", root_rels},
        {"xl/workbook.xml", two_sheets},        {"xl/_rels/workbook.xml.rels", workbook_rels},
        {"xl/worksheets/sheet1.xml", notes_sheet}, {"xl/worksheets/sheet2.xml", sheet2},
        {"xl/sharedStrings.xml", strings},
    };
    return workbook(parts, sizeof parts / sizeof parts[0], len);
}

struct collect {
    struct ita_buf out;
};

static enum ita_status on_rec(void *ctx, const struct ita_record *rec)
{
    struct collect *c = ctx;
    ita_buf_printf(&c->out, "%zu:", rec->line);
    for (size_t i = 0; i < rec->count; i++)
        ita_buf_printf(&c->out, "%s%s", i ? "|" : "", rec->fields[i].data);
    ita_buf_putc(&c->out, '\n');
    return ITA_OK;
}

struct result {
    char *out, *diags;
    enum ita_status status;
};

static struct result load(const char *data, size_t len, const char *sheet)
{
    struct collect c;
    ita_buf_init(&c.out);
    ita_buf_puts(&c.out, "");
    struct ita_load_sink sink = {&c, on_rec, on_rec, NULL};
    struct ita_diags d;
    ita_diags_init(&d, 0);
    ita_diags_begin_file(&d);
    struct result r;
    r.status = ita_xlsx_load_memory(data, len, FILE_NAME, sheet, &sink, &d);
    ita_diags_end_file(&d, FILE_NAME);
    struct ita_buf b;
    ita_buf_init(&b);
    ita_buf_puts(&b, "");
    for (size_t i = 0; i < d.count; i++) {
        char line[1024];
        ita_diag_format(&d.items[i], line, sizeof line);
        ita_buf_printf(&b, "%s\n", line);
    }
    ita_diags_free(&d);
    r.out = c.out.data;
    r.diags = b.data;
    return r;
}

static struct result load_sheet(const char *sheet_xml, const char *which)
{
    size_t len;
    char *data = book(sheet_xml, &len);
    struct result r = load(data, len, which);
    free(data);
    return r;
}

static void result_free(struct result *r)
{
    free(r->out);
    free(r->diags);
}

#define SHEET(rows) \
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>" rows \
    "</sheetData></worksheet>"

static void number_text_should_round_binary_noise_and_keep_real_decimals(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"97.039999999999992", "97.04"}, {"97.04", "97.04"}, {"97.040000000000006", "97.04"},
        {"2565", "2565"}, {"2565.0", "2565"}, {"100", "100"}, {"97.1", "97.1"}, {"0.1", "0.1"},
        {"97.0392", "97.0392"}, {"9.7039199999999994E1", "97.0392"}, {"1E-3", "0.001"},
        {"100.00000000001", "100"}, {"99.999999999", "100"}, {"99.9999999", "99.9999999"},
        {"-0", "0"}, {"-5.5", "-5.5"}, {"1e-20", "0"}, {"0.000000001", "0"},
        {"0.0000000011", "0.0000000011"}, {"88.335", "88.335"}, {"abc", "abc"}, {"", ""},
        {"1e999", "1e999"}, {"12345678901234567890", "12345678901234567000"},
        /* at the edges of the values passed as they are */
        {"1234567890123", "1234567890123"}, {"12345678901234", "12345678901234"},
        {"-1234567890123.45", "-1234567890123.45"}, {"9999999999999.99", "9999999999999.99"},
        {"0.05", "0.05"}, {"-0.05", "-0.05"}, {"-0.5", "-0.5"}, {"0", "0"}, {"97.40", "97.4"},
        {"007", "7"}, {"5.", "5"}, {"-.5", "-0.5"}, {".5", "0.5"}, {"0.0", "0"},
        {"99999999999999.5", "99999999999999.5"}, {"1.25", "1.25"}, {"-12.3", "-12.3"}, {"-", "-"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[64];
        const char *got = ita_xlsx_number_text(cases[i][0], strlen(cases[i][0]), buf, sizeof buf);
        if (strcmp(got, cases[i][1]) != 0)
            fail_msg("%s: got %s, expected %s", cases[i][0], got, cases[i][1]);
    }
}

static void sheet_should_give_one_field_per_column_from_strings_numbers_and_blanks(void **state)
{
    (void)state;
    struct result r = load_sheet(SHEET(
        "<row r=\"2\"><c r=\"B2\" t=\"s\"><v>0</v></c><c r=\"C2\" t=\"s\"><v>1</v></c>"
        "<c r=\"D2\" t=\"s\"><v>2</v></c><c r=\"E2\" t=\"inlineStr\"><is><t>label</t></is></c></row>"
        "<row r=\"3\"><c r=\"B3\"><v>2565</v></c><c r=\"C3\" t=\"s\"><v>4</v></c><c r=\"D3\"><v>97.039999999999992</v></c>"
        "<c r=\"E3\" t=\"s\"><v>3</v></c></row>"
        "<row r=\"4\"/><row r=\"5\"><c r=\"C5\" s=\"1\"/></row>"
        "<row><c r=\"B6\"><v>2564</v></c><c/><c t=\"str\"><f>A1</f><v>text result</v></c></row>"
        "<row r=\"9\"><c r=\"D9\" t=\"b\"><v>1</v></c><c r=\"E9\" t=\"e\"><v>#DIV/0!</v></c></row>"), "2");
    assert_int_equal(r.status, ITA_OK);
    assert_string_equal(r.diags, "");
    assert_string_equal(r.out, "2:year|item|score|label\n"
                               "3:2565|I1|97.04|กรม \rx\n"
                               "6:2564||text result|\n"
                               "9:||TRUE|#DIV/0!\n");
    result_free(&r);
}

static void sheet_should_be_found_by_name_number_or_first(void **state)
{
    (void)state;
    const char *sheet = SHEET("<row><c t=\"inlineStr\"><is><t>a</t></is></c></row>"
                              "<row><c t=\"inlineStr\"><is><t>b</t></is></c></row>");
    struct result r = load_sheet(sheet, NULL);
    assert_string_equal(r.out, "1:notes\n2:only\n");
    result_free(&r);
    r = load_sheet(sheet, "Scores 2565");
    assert_string_equal(r.out, "1:a\n2:b\n");
    result_free(&r);
    r = load_sheet(sheet, "scores 2565");
    assert_string_equal(r.out, "1:a\n2:b\n");
    result_free(&r);
    r = load_sheet(sheet, "3");
    assert_int_equal(r.status, ITA_ERR_USAGE);
    assert_string_equal(r.out, "");
    assert_string_equal(r.diags, "t.xlsx: the workbook has no sheet \"3\"; its sheets are 1 \"Notes\", 2 \"Scores 2565\"\n");
    result_free(&r);
}

static void cell_problems_should_name_the_cell_and_skip_the_row(void **state)
{
    (void)state;
    struct result r = load_sheet(SHEET(
        "<row r=\"1\"><c r=\"B1\" t=\"inlineStr\"><is><t>a</t></is></c><c r=\"C1\" t=\"inlineStr\"><is><t>b</t></is></c></row>"
        "<row r=\"2\"><c r=\"B2\"><f>SUM(C2:C9)</f></c><c r=\"C2\"><v>1</v></c></row>"
        "<row r=\"3\"><c r=\"B3\"><f>1+1</f><v></v></c></row>"
        "<row r=\"4\"><c r=\"B4\" t=\"s\"><v>99</v></c></row>"
        "<row r=\"5\"><c r=\"B5\"><v>1</v></c><c r=\"D5\" t=\"inlineStr\"><is><t>stray</t></is></c></row>"
        "<row r=\"6\"><c r=\"A6\"><v>0</v></c><c r=\"B6\"><v>2</v></c></row>"
        "<row r=\"7\"><c r=\"C7\" t=\"inlineStr\"><is><t>_x001B_[31m</t></is></c></row>"
        "<row r=\"8\"><c r=\"B8\"><v>3</v></c><c r=\"C8\"><v>4</v></c></row>"), "2");
    assert_int_equal(r.status, ITA_OK);
    assert_string_equal(r.out, "1:a|b\n8:3|4\n");
    assert_string_equal(r.diags,
        "t.xlsx:'Scores 2565', row 2: cell B2 holds the formula \"SUM(C2:C9)\" without its value; open the workbook in Excel or LibreOffice and save it, which stores the values\n"
        "t.xlsx:'Scores 2565', row 3: cell B3 holds the formula \"1+1\" without its value; open the workbook in Excel or LibreOffice and save it, which stores the values\n"
        "t.xlsx:'Scores 2565', row 4: cell B4 refers to shared string \"99\", which the workbook does not have\n"
        "t.xlsx:'Scores 2565', row 5: cell D5 holds \"stray\" outside the table: its column has no header\n"
        "t.xlsx:'Scores 2565', row 6: cell A6 holds \"0\" outside the table: its column has no header\n"
        "t.xlsx:'Scores 2565', row 7: cell C7 contains the control character U+001B; only tab and line ends may appear in text\n");
    result_free(&r);
}

/* Rows with problems, read by the reader's own scanner alone and with expat taking
 * over midway (at a comment, which the scanner leaves to expat: between rows, and
 * inside a cell): the same records and each problem told once. A cell like the one
 * above it is checked like any other when that one was not kept. */
static void problems_should_be_told_once_when_expat_takes_over_midway(void **state)
{
    (void)state;
#define ROWS_BEFORE \
    "<row r=\"1\"><c r=\"B1\" t=\"inlineStr\"><is><t>a</t></is></c><c r=\"C1\" t=\"inlineStr\"><is><t>b</t></is></c></row>" \
    "<row r=\"2\"><c r=\"B2\"><f>SUM(C2:C9)</f></c><c r=\"C2\"><v>1</v></c></row>" \
    "<row r=\"3\"><c r=\"B3\"><v>5</v></c><c r=\"C3\" t=\"inlineStr\"><is><t>_x001B_[31m</t></is></c></row>" \
    "<row r=\"4\"><c r=\"B4\" t=\"s\"><v>99</v></c></row>"
#define ROWS_AFTER \
    "<row r=\"5\"><c r=\"B5\"><v>3</v></c><c r=\"C5\"><v>4</v></c></row>" \
    "<row r=\"6\"><c r=\"B6\"><v>5</v></c><c r=\"C6\" t=\"inlineStr\"><is><t>_x001B_[31m</t></is></c></row>" \
    "<row r=\"7\"><c r=\"B7\"><v>3</v></c><c r=\"C7\"><v>4</v></c></row>"
    static const char *const sheets[] = {
        SHEET(ROWS_BEFORE ROWS_AFTER),
        SHEET(ROWS_BEFORE "<!-- expat from here -->" ROWS_AFTER),
        SHEET(ROWS_BEFORE "<row r=\"5\"><c r=\"B5\"><v>3</v><!-- expat from here --></c><c r=\"C5\"><v>4</v></c></row>"
              "<row r=\"6\"><c r=\"B6\"><v>5</v></c><c r=\"C6\" t=\"inlineStr\"><is><t>_x001B_[31m</t></is></c></row>"
              "<row r=\"7\"><c r=\"B7\"><v>3</v></c><c r=\"C7\"><v>4</v></c></row>"),
    };
#undef ROWS_BEFORE
#undef ROWS_AFTER
    for (size_t i = 0; i < sizeof sheets / sizeof sheets[0]; i++) {
        struct result r = load_sheet(sheets[i], "2");
        assert_int_equal(r.status, ITA_OK);
        assert_string_equal(r.out, "1:a|b\n5:3|4\n7:3|4\n");
        assert_string_equal(r.diags,
            "t.xlsx:'Scores 2565', row 2: cell B2 holds the formula \"SUM(C2:C9)\" without its value; open the workbook in Excel or LibreOffice and save it, which stores the values\n"
            "t.xlsx:'Scores 2565', row 3: cell C3 contains the control character U+001B; only tab and line ends may appear in text\n"
            "t.xlsx:'Scores 2565', row 4: cell B4 refers to shared string \"99\", which the workbook does not have\n"
            "t.xlsx:'Scores 2565', row 6: cell C6 contains the control character U+001B; only tab and line ends may appear in text\n");
        result_free(&r);
    }
}

static void empty_sheet_and_header_only_should_be_errors(void **state)
{
    (void)state;
    struct result r = load_sheet(SHEET("<row r=\"3\"><c r=\"A3\" s=\"2\"/></row>"), "2");
    assert_int_equal(r.status, ITA_ERR_DATA);
    assert_string_equal(r.diags, "t.xlsx:'Scores 2565': the sheet is empty; a header row is required\n");
    result_free(&r);
    r = load_sheet(SHEET("<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>h</t></is></c></row>"), "2");
    assert_int_equal(r.status, ITA_ERR_DATA);
    assert_string_equal(r.diags, "t.xlsx:'Scores 2565', row 3: the sheet has a header row but no rows of scores\n");
    result_free(&r);
}

/* The sheet is refused with a message that contains `needle`. */
static void refused(const char *sheet_xml, const char *needle)
{
    struct result r = load_sheet(sheet_xml, "2");
    assert_int_equal(r.status, ITA_ERR_DATA);
    if (strstr(r.diags, needle) == NULL)
        fail_msg("expected \"%s\" in: %s", needle, r.diags);
    result_free(&r);
}

static void hostile_xml_should_be_refused(void **state)
{
    (void)state;
    struct result r = load_sheet("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 "
                                 "\"&lol;&lol;&lol;&lol;\">]><worksheet><sheetData><row><c t=\"inlineStr\"><is><t>&lol2;"
                                 "</t></is></c></row></sheetData></worksheet>", "2");
    assert_int_equal(r.status, ITA_ERR_DATA);
    assert_string_equal(r.out, "");
    assert_string_equal(r.diags, "t.xlsx:'Scores 2565': the workbook is damaged: xl/worksheets/sheet2.xml has a document type declaration (DOCTYPE), which no workbook has; it is refused\n");
    result_free(&r);
    refused(SHEET("<row><c t=\"inlineStr\"><is><t>a</t></is></c></row><row><c><v>1</v></c></row><row>"),
            "xl/worksheets/sheet2.xml is not well-formed XML");
    refused(SHEET("<row r=\"2\"><c><v>1</v></c></row><row r=\"1\"><c><v>1</v></c></row>"), "has rows out of order");
    refused(SHEET("<row r=\"1048577\"><c><v>1</v></c></row>"), "beyond row 1048576");
    refused(SHEET("<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>"), "not a cell of its row");
    refused(SHEET("<row r=\"1\"><c r=\"B1\"><v>1</v></c><c r=\"A1\"><v>1</v></c></row>"), "has cells out of order");
}

static void other_files_should_be_named(void **state)
{
    (void)state;
    struct result r = load("agency,year\nx,2565\n", 19, NULL);
    assert_int_equal(r.status, ITA_ERR_DATA);
    assert_non_null(strstr(r.diags, "t.xlsx: the file is not an Excel workbook"));
    result_free(&r);
    size_t len;
    char *data = book(SHEET(""), &len);
    r = load(data, len / 2, NULL);
    assert_int_equal(r.status, ITA_ERR_DATA);
    assert_non_null(strstr(r.diags, "t.xlsx: the workbook is truncated or damaged"));
    result_free(&r);
    free(data);
    struct part ods[] = {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"}, {"content.xml", "<x/>"}};
    data = workbook(ods, 2, &len);
    r = load(data, len, NULL);
    assert_string_equal(r.diags, "t.xlsx: the file is an OpenDocument spreadsheet (.ods), which ita does not read; save it as an Excel workbook (.xlsx) or as CSV (UTF-8)\n");
    result_free(&r);
    free(data);
    struct part none[] = {{"word/document.xml", "<x/>"}};
    data = workbook(none, 1, &len);
    r = load(data, len, NULL);
    assert_non_null(strstr(r.diags, "the file is a Word document"));
    result_free(&r);
    free(data);
    /* compound files: an encrypted workbook names its EncryptedPackage stream */
    char ole[1024];
    memset(ole, 0, sizeof ole);
    memcpy(ole, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
    r = load(ole, sizeof ole, NULL);
    assert_non_null(strstr(r.diags, "Excel 97-2003 workbook (.xls)"));
    result_free(&r);
    memcpy(ole + 600, "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0", 32);
    r = load(ole, sizeof ole, NULL);
    assert_non_null(strstr(r.diags, "the workbook is encrypted"));
    result_free(&r);
}

static void a_ratio_bomb_should_be_refused(void **state)
{
    (void)state;
    /* 4 MiB of one repeated row deflate more than 100 times */
    size_t n = 4u << 20;
    const char *row = "<row><c><v>1</v></c></row>";
    char *big = malloc(n + 200);
    assert_non_null(big);
    size_t o = (size_t)sprintf(big, "<worksheet><sheetData>");
    while (o + strlen(row) + 40 < n)
        o += (size_t)sprintf(big + o, "%s", row);
    sprintf(big + o, "</sheetData></worksheet>");
    refused(big, "would inflate to more than 100 times its compressed size");
    free(big);
}

static void input_kinds_should_be_told_by_their_first_bytes_and_names(void **state)
{
    (void)state;
    assert_int_equal(ita_input_kind_of("PK\3\4rest", 8), ITA_INPUT_ZIP);
    assert_int_equal(ita_input_kind_of("PK\5\6", 4), ITA_INPUT_ZIP);
    assert_int_equal(ita_input_kind_of("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8), ITA_INPUT_OLE2);
    assert_int_equal(ita_input_kind_of("agency,y", 8), ITA_INPUT_TEXT);
    assert_int_equal(ita_input_kind_of("PK", 2), ITA_INPUT_TEXT);
    assert_true(ita_input_workbook_name("a.xlsx"));
    assert_true(ita_input_workbook_name("A.XLSX"));
    assert_true(ita_input_workbook_name("old.xls"));
    assert_true(ita_input_workbook_name("calc.ods"));
    assert_false(ita_input_workbook_name("a.csv"));
    assert_false(ita_input_workbook_name("xlsx"));
    assert_false(ita_input_workbook_name("dir.xlsx/file"));
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(number_text_should_round_binary_noise_and_keep_real_decimals),
        cmocka_unit_test(sheet_should_give_one_field_per_column_from_strings_numbers_and_blanks),
        cmocka_unit_test(sheet_should_be_found_by_name_number_or_first),
        cmocka_unit_test(cell_problems_should_name_the_cell_and_skip_the_row),
        cmocka_unit_test(empty_sheet_and_header_only_should_be_errors),
        cmocka_unit_test(hostile_xml_should_be_refused),
        cmocka_unit_test(other_files_should_be_named),
        cmocka_unit_test(a_ratio_bomb_should_be_refused),
        cmocka_unit_test(problems_should_be_told_once_when_expat_takes_over_midway),
        cmocka_unit_test(input_kinds_should_be_told_by_their_first_bytes_and_names),
    };
    return ita_test_main(argc, argv, "workbook", tests, sizeof tests / sizeof tests[0]);
}
