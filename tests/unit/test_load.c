/* Unit tests of include/ita/load.h: the streaming CSV/TSV loader.
 *
 * Most cases go through every_chunk_size: the same bytes are fed in chunks of every
 * size from 1 to their length, and the records, fields, physical lines and
 * diagnostics must come out identical each time (STYLE.md habit 11). */
#include "harness.h"

#include <stdlib.h>

#include "ita/diag.h"
#include "ita/load.h"
#include "ita/util.h"
#include "../../src/load/field.h"
#include "../../src/load/scan_find.h"

#define FILE_NAME "t.csv"

/* ---- a sink that writes what it sees as text ---- */

struct collect {
    struct ita_buf out;
    enum ita_status header_rc, record_rc;
};

static void put_record(struct ita_buf *b, char kind, const struct ita_record *rec)
{
    ita_buf_printf(b, "%c%zu:", kind, rec->line);
    for (size_t i = 0; i < rec->count; i++) {
        const struct ita_field *f = &rec->fields[i];
        if (i > 0)
            ita_buf_putc(b, '|');
        assert_int_equal(f->data[f->len], '\0');
        for (size_t k = 0; k < f->len; k++) {
            char c = f->data[k];
            if (c == '\n')
                ita_buf_puts(b, "\\n");
            else if (c == '\r')
                ita_buf_puts(b, "\\r");
            else if (c == '\t')
                ita_buf_puts(b, "\\t");
            else
                ita_buf_putc(b, c);
        }
        ita_buf_printf(b, "@%zu", f->line);
    }
    ita_buf_putc(b, '\n');
    assert_string_equal(rec->file, FILE_NAME);
}

static enum ita_status on_header(void *ctx, const struct ita_record *rec)
{
    struct collect *c = ctx;
    put_record(&c->out, 'H', rec);
    return c->header_rc;
}

static enum ita_status on_record(void *ctx, const struct ita_record *rec)
{
    struct collect *c = ctx;
    put_record(&c->out, 'R', rec);
    return c->record_rc;
}

struct result {
    char *out;           /* records as text */
    char *diags;         /* formatted diagnostics, one a line */
    enum ita_status status; /* the first status other than ITA_OK, from feed or finish */
    size_t records;
};

static void result_free(struct result *r)
{
    free(r->out);
    free(r->diags);
}

static char *diags_text(const struct ita_diags *d)
{
    struct ita_buf b;
    ita_buf_init(&b);
    ita_buf_puts(&b, "");
    for (size_t i = 0; i < d->count; i++) {
        char line[1024];
        ita_diag_format(&d->items[i], line, sizeof line);
        ita_buf_puts(&b, line);
        ita_buf_putc(&b, '\n');
    }
    return b.data;
}

static struct result run_rc(const char *text, size_t len, char delim, size_t chunk,
                            enum ita_status header_rc, enum ita_status record_rc)
{
    struct collect c = {{0}, header_rc, record_rc};
    ita_buf_init(&c.out);
    ita_buf_puts(&c.out, "");
    struct ita_load_sink sink = {&c, on_header, on_record, NULL};
    struct ita_diags d;
    ita_diags_init(&d, 0);
    ita_diags_begin_file(&d);
    struct ita_loader *ld = ita_loader_new(FILE_NAME, delim, &sink, &d);
    assert_non_null(ld);
    struct result r = {NULL, NULL, ITA_OK, 0};
    for (size_t at = 0; at < len; at += chunk) {
        size_t n = len - at < chunk ? len - at : chunk;
        enum ita_status st = ita_loader_feed(ld, text + at, n);
        if (r.status == ITA_OK)
            r.status = st;
    }
    enum ita_status st = ita_loader_finish(ld);
    if (r.status == ITA_OK)
        r.status = st;
    r.records = ita_loader_records(ld);
    ita_loader_free(&ld);
    assert_null(ld);
    ita_diags_end_file(&d, FILE_NAME);
    r.out = c.out.data;
    r.diags = diags_text(&d);
    ita_diags_free(&d);
    return r;
}

static struct result run(const char *text, size_t len, char delim, size_t chunk)
{
    return run_rc(text, len, delim, chunk, ITA_OK, ITA_OK);
}

/* Feeds text at every chunk size; all runs must agree with each other and with the
 * expected records; each diagnostic line must start with the matching prefix of
 * `diag_prefixes` (separated by '\n'). Returns the whole-text run's status. */
static enum ita_status every_chunk_size(const char *text, size_t len, char delim, const char *expected,
                                        const char *diag_prefixes)
{
    struct result ref = run(text, len, delim, len ? len : 1);
    if (strcmp(ref.out, expected) != 0)
        fail_msg("records:\n%s\nexpected:\n%s", ref.out, expected);
    /* each diagnostic line starts with its prefix */
    const char *line = ref.diags, *want = diag_prefixes;
    while (*line != '\0' || *want != '\0') {
        const char *le = strchr(line, '\n'), *we = strchr(want, '\n');
        size_t wl = we ? (size_t)(we - want) : strlen(want);
        if (*line == '\0' || *want == '\0' || strncmp(line, want, wl) != 0)
            fail_msg("diagnostics:\n%s\nexpected lines starting:\n%s\n", ref.diags, diag_prefixes);
        line = le ? le + 1 : line + strlen(line);
        want = we ? we + 1 : want + wl;
    }
    for (size_t chunk = 1; chunk <= len; chunk++) {
        struct result r = run(text, len, delim, chunk);
        if (strcmp(r.out, ref.out) != 0)
            fail_msg("chunk size %zu gives records:\n%s\ninstead of:\n%s", chunk, r.out, ref.out);
        if (strcmp(r.diags, ref.diags) != 0)
            fail_msg("chunk size %zu gives diagnostics:\n%s\ninstead of:\n%s", chunk, r.diags, ref.diags);
        if (r.status != ref.status || r.records != ref.records)
            fail_msg("chunk size %zu gives status %d, %zu records instead of %d, %zu", chunk,
                     (int)r.status, r.records, (int)ref.status, ref.records);
        result_free(&r);
    }
    enum ita_status st = ref.status;
    result_free(&ref);
    return st;
}

#define TEXT(s) s, sizeof s - 1

/* ---- well-formed input ---- */

static void every_chunk_size_should_give_the_same_records(void **state)
{
    (void)state;
    /* BOM, CRLF, a Thai quoted field spanning two lines, a blank line, Thai text,
     * no final newline */
    static const char text[] = "\xEF\xBB\xBF" "agency,year,score\r\n"
                               "\"ก่อน\r\nหลัง\",2565,97.50\r\n"
                               "\r\n"
                               "สำนักงาน,2022,100\r\n"
                               "x,2565,1";
    const char *expected = "H1:agency@1|year@1|score@1\n"
                           "R2:ก่อน\\r\\nหลัง@2|2565@3|97.50@3\n"
                           "R5:สำนักงาน@5|2022@5|100@5\n"
                           "R6:x@6|2565@6|1@6\n";
    assert_int_equal(every_chunk_size(TEXT(text), ',', expected, ""), ITA_OK);
    struct result r = run(TEXT(text), ',', 5);
    assert_int_equal(r.records, 4);
    result_free(&r);
}

static void loader_should_drop_a_bom_before_a_quoted_first_header(void **state)
{
    (void)state;
    static const char text[] = "\xEF\xBB\xBF\"year\",score\n2565,97\n";
    assert_int_equal(every_chunk_size(TEXT(text), ',', "H1:year@1|score@1\nR2:2565@2|97@2\n", ""), ITA_OK);
}

static void loader_should_count_lines_after_a_quoted_field_spanning_lines(void **state)
{
    (void)state;
    static const char text[] = "a,b\n\"x\ny\nz\",1\n2,3\n\"p\",\"q\nr\"\n4,5\n";
    const char *expected = "H1:a@1|b@1\n"
                           "R2:x\\ny\\nz@2|1@4\n"
                           "R5:2@5|3@5\n"
                           "R6:p@6|q\\nr@6\n"
                           "R8:4@8|5@8\n";
    assert_int_equal(every_chunk_size(TEXT(text), ',', expected, ""), ITA_OK);
}

static void loader_should_skip_blank_lines_but_count_them(void **state)
{
    (void)state;
    static const char text[] = "\n\nyear,score\n\n\r\n2565,1\n\n";
    assert_int_equal(every_chunk_size(TEXT(text), ',', "H3:year@3|score@3\nR6:2565@6|1@6\n", ""), ITA_OK);
}

static void loader_should_keep_doubled_quotes_and_delimiters_in_quoted_fields(void **state)
{
    (void)state;
    static const char text[] = "a,b\n\"say \"\"hi\"\", ok\",\"\"\n";
    assert_int_equal(every_chunk_size(TEXT(text), ',', "H1:a@1|b@1\nR2:say \"hi\", ok@2|@2\n", ""), ITA_OK);
}

static void loader_should_read_tab_separated_values(void **state)
{
    (void)state;
    static const char text[] = "year\tscore\tlabel\r\n2565\t97.50\ta, b\r\n2566\t\"x\ty\"\t\"\"\n";
    const char *expected = "H1:year@1|score@1|label@1\n"
                           "R2:2565@2|97.50@2|a, b@2\n"
                           "R3:2566@3|x\\ty@3|@3\n";
    assert_int_equal(every_chunk_size(TEXT(text), '\t', expected, ""), ITA_OK);
}

static void loader_should_reject_a_header_only_file(void **state)
{
    (void)state;
    static const char text[] = "\n\nyear,score\n\n";
    assert_int_equal(every_chunk_size(TEXT(text), ',', "H3:year@3|score@3\n",
                                      FILE_NAME ":3: the file has a header row but no rows of scores"),
                     ITA_ERR_DATA);
}

static void loader_should_count_a_lone_cr_as_a_line_end(void **state)
{
    (void)state;
    static const char text[] = "a,b\r1,2\r\r\n3,\"x\ny\"\r4,5";
    every_chunk_size(TEXT(text), ',', "H1:a@1|b@1\nR2:1@2|2@2\nR4:3@4|x\\ny@4\nR6:4@6|5@6\n", "");
}

/* ---- errors, each with its physical line and 1-based column ---- */

static void loader_should_reject_a_quote_inside_an_unquoted_field(void **state)
{
    (void)state;
    static const char text[] = "h1,h2,h3\nx,y,z\na,b\"c,d\n1,2,3\n";
    enum ita_status st = every_chunk_size(TEXT(text), ',', "H1:h1@1|h2@1|h3@1\nR2:x@2|y@2|z@2\n",
                                          FILE_NAME ":3:2: malformed quoting");
    assert_int_equal(st, ITA_ERR_DATA);
}

static void loader_should_reject_text_after_a_closing_quote(void **state)
{
    (void)state;
    static const char text[] = "a,b\n\"x\"y,1\n";
    assert_int_equal(every_chunk_size(TEXT(text), ',', "H1:a@1|b@1\n", FILE_NAME ":2:1: malformed quoting"),
                     ITA_ERR_DATA);
}

static void loader_should_place_a_quoting_error_after_a_multiline_field(void **state)
{
    (void)state;
    static const char text[] = "h1,h2\n\"a\nb\",c\"d\n";
    assert_int_equal(every_chunk_size(TEXT(text), ',', "H1:h1@1|h2@1\n", FILE_NAME ":3:2: malformed quoting"),
                     ITA_ERR_DATA);
}

static void loader_should_report_an_unclosed_quote_where_it_starts(void **state)
{
    (void)state;
    static const char text[] = "h1,h2\nx,\"abc\ndef";
    assert_int_equal(every_chunk_size(TEXT(text), ',', "H1:h1@1|h2@1\n",
                                      FILE_NAME ":2:2: a quoted field that starts here is never closed"),
                     ITA_ERR_DATA);
    static const char text2[] = "h1,h2\n1,2\n\"abc\n\ndef\n";
    assert_int_equal(every_chunk_size(TEXT(text2), ',', "H1:h1@1|h2@1\nR2:1@2|2@2\n",
                                      FILE_NAME ":3:1: a quoted field that starts here is never closed"),
                     ITA_ERR_DATA);
}

static void loader_should_reject_a_short_row_and_go_on(void **state)
{
    (void)state;
    static const char text[] = "a,b,c\n1,2\n4,5,6\n";
    every_chunk_size(TEXT(text), ',', "H1:a@1|b@1|c@1\nR3:4@3|5@3|6@3\n",
                     FILE_NAME ":2:3: row has 2 fields, the header has 3");
}

static void loader_should_reject_a_long_row_and_go_on(void **state)
{
    (void)state;
    static const char text[] = "a,b\n1,2,3\n4,5\n";
    every_chunk_size(TEXT(text), ',', "H1:a@1|b@1\nR3:4@3|5@3\n",
                     FILE_NAME ":2:3: row has 3 fields, the header has 2");
    static const char one[] = "a,b\n1\n";
    every_chunk_size(TEXT(one), ',', "H1:a@1|b@1\n", FILE_NAME ":2:2: row has 1 field, the header has 2");
}

static void loader_should_reject_invalid_utf8(void **state)
{
    (void)state;
    static const char text[] = "a,b\n1,x\xffy\n2,3\n";
    every_chunk_size(TEXT(text), ',', "H1:a@1|b@1\nR3:2@3|3@3\n",
                     FILE_NAME ":2:2: field is not valid UTF-8");
    /* a Thai character cut short, an overlong '/', a surrogate */
    static const char cut[] = "a,b\n\xE0\xB8,1\n";
    every_chunk_size(TEXT(cut), ',', "H1:a@1|b@1\n", FILE_NAME ":2:1: field is not valid UTF-8");
    static const char overlong[] = "a,b\n1,\xC0\xAF\n";
    every_chunk_size(TEXT(overlong), ',', "H1:a@1|b@1\n", FILE_NAME ":2:2: field is not valid UTF-8");
    static const char surrogate[] = "a,b\n1,\xED\xA0\x80\n";
    every_chunk_size(TEXT(surrogate), ',', "H1:a@1|b@1\n", FILE_NAME ":2:2: field is not valid UTF-8");
}

/* The three-byte sequences that the field check passes without decoding give the
 * verdict of the general decoder, for every lead byte E0..EF and every two bytes
 * after it, whole and cut short, alone and after a Thai character. */
static void field_check_should_agree_with_the_decoder_on_three_byte_sequences(void **state)
{
    (void)state;
    for (unsigned lead = 0xE0; lead <= 0xEF; lead++)
        for (unsigned b1 = 0; b1 <= 0xFF; b1++)
            for (unsigned b2 = 0; b2 <= 0xFF; b2++) {
                const unsigned char s[3] = {(unsigned char)lead, (unsigned char)b1, (unsigned char)b2};
                unsigned cp = 0, control = 0;
                size_t len = ita_utf8_decode(s, 3, &cp);
                enum field_check want = len != 3 ? FIELD_BAD_UTF8 : cp == 0xFEFF ? FIELD_BOM : FIELD_OK;
                assert_int_equal(check_field(s, 3, &control), want);
                assert_int_equal(check_field(s, 2, &control), FIELD_BAD_UTF8);
                /* the same after a Thai character (a run of them is checked in a loop of its own) */
                const unsigned char t[6] = {0xE0, 0xB8, 0x81, (unsigned char)lead, (unsigned char)b1, (unsigned char)b2};
                assert_int_equal(check_field(t, 6, &control), want);
                assert_int_equal(check_field(t, 5, &control), FIELD_BAD_UTF8);
            }
}

static void loader_should_reject_control_characters_but_tab_and_line_ends(void **state)
{
    (void)state;
    static const char text[] = "a,b\n1,\x1b[31mred\n2,\"x\ty\r\nz\"\n3,\xc2\x9b" "31m\n4,\x7f\n";
    every_chunk_size(TEXT(text), ',', "H1:a@1|b@1\nR3:2@3|x\\ty\\r\\nz@3\n",
                     FILE_NAME ":2:2: field contains the control character U+001B\n"
                     FILE_NAME ":5:2: field contains the control character U+009B\n"
                     FILE_NAME ":6:2: field contains the control character U+007F");
}

static void loader_should_name_utf16_when_a_file_starts_with_its_bom(void **state)
{
    (void)state;
    static const char le[] = "\xFF\xFEy\0e\0a\0r\0,\0s\0\n\0";
    every_chunk_size(TEXT(le), ',', "", FILE_NAME ":1:1: the file is UTF-16 (it starts with a UTF-16 byte order mark)");
    static const char be[] = "\xFE\xFF\0y\0e\0a\0r\0,\0s\0\n";
    every_chunk_size(TEXT(be), ',', "", FILE_NAME ":1:1: the file is UTF-16 (it starts with a UTF-16 byte order mark)");
    /* the same bytes later in a file are only not UTF-8 */
    static const char later[] = "a,b\n\xFF\xFE,1\n";
    every_chunk_size(TEXT(later), ',', "H1:a@1|b@1\n", FILE_NAME ":2:1: field is not valid UTF-8");
}

static void loader_should_reject_a_nul_byte(void **state)
{
    (void)state;
    static const char text[] = "a,b\n1,x\0y\n2,3\n";
    every_chunk_size(TEXT(text), ',', "H1:a@1|b@1\nR3:2@3|3@3\n", FILE_NAME ":2:2: field contains a NUL byte");
}

static void loader_should_reject_a_bom_in_the_middle_of_a_file(void **state)
{
    (void)state;
    static const char text[] = "a,b\n1,\xEF\xBB\xBFx\n";
    every_chunk_size(TEXT(text), ',', "H1:a@1|b@1\n", FILE_NAME ":2:2: field contains a byte order mark");
    static const char at_line_start[] = "a,b\n\xEF\xBB\xBF" "1,2\n";
    every_chunk_size(TEXT(at_line_start), ',', "H1:a@1|b@1\n",
                     FILE_NAME ":2:1: field contains a byte order mark");
    static const char twice[] = "\xEF\xBB\xBF\xEF\xBB\xBF" "a,b\n";
    every_chunk_size(TEXT(twice), ',', "", FILE_NAME ":1:1: field contains a byte order mark");
}

static void loader_should_not_drop_bytes_that_only_start_like_a_bom(void **state)
{
    (void)state;
    static const char text[] = "\xEF\xBBx,y\n";
    every_chunk_size(TEXT(text), ',', "", FILE_NAME ":1:1: field is not valid UTF-8");
    static const char trailing[] = "\xEF\xBB";
    every_chunk_size(TEXT(trailing), ',', "", FILE_NAME ":1:1: field is not valid UTF-8");
}

static void loader_should_reject_a_field_longer_than_the_maximum(void **state)
{
    (void)state;
    size_t len = 6 + ITA_MAX_FIELD + 1 + 5;
    char *text = malloc(len + 1);
    assert_non_null(text);
    memcpy(text, "a,b\n1,", 6);
    memset(text + 6, 'x', ITA_MAX_FIELD + 1);
    memcpy(text + 6 + ITA_MAX_FIELD + 1, "\n2,3\n", 5);
    static const size_t chunks[] = {1, 3, 4096, ITA_MAX_FIELD, ITA_MAX_FIELD + 7};
    for (size_t i = 0; i < sizeof chunks / sizeof chunks[0]; i++) {
        struct result r = run(text, len, ',', chunks[i]);
        /* the file stops there: memory stays bounded however long the field is */
        assert_string_equal(r.out, "H1:a@1|b@1\n");
        char want[160];
        snprintf(want, sizeof want,
                 FILE_NAME ":2:2: field is longer than %u bytes (is a quote never closed?); the file is not read further\n",
                 ITA_MAX_FIELD);
        assert_string_equal(r.diags, want);
        result_free(&r);
    }
    /* exactly the maximum is fine */
    memcpy(text + 6 + ITA_MAX_FIELD, "\n2,3\n", 5);
    struct result r = run(text, len - 1, ',', 4096);
    assert_string_equal(r.diags, "");
    assert_int_equal(r.records, 3);
    result_free(&r);
    free(text);
}

static void loader_should_say_when_the_file_is_empty(void **state)
{
    (void)state;
    every_chunk_size("", 0, ',', "", FILE_NAME ": the file is empty");
    static const char bom_only[] = "\xEF\xBB\xBF";
    every_chunk_size(TEXT(bom_only), ',', "", FILE_NAME ": the file is empty");
    static const char blank[] = "\r\n\n  \n";
    every_chunk_size(TEXT(blank), ',', "", FILE_NAME ": the file is empty");
}

/* A header with a bad field must not let the first data row become the header. */
static void loader_should_not_take_a_data_row_for_the_header_after_a_bad_header(void **state)
{
    (void)state;
    static const char text[] = "year,sc\xffore\n2565,97\n2566,98\n";
    struct result r = run(TEXT(text), ',', sizeof text - 1);
    char out[256];
    snprintf(out, sizeof out, "%s", r.out);
    static const char want[] = FILE_NAME ":1:2: field is not valid UTF-8";
    bool diag_ok = strncmp(r.diags, want, sizeof want - 1) == 0;
    result_free(&r);
    if (strstr(out, "H2:") != NULL)
        fail_msg("line 2 was passed to the sink as the header:\n%s", out);
    assert_true(diag_ok);
}

/* ---- the sink and the stream ---- */

static void loader_should_stop_when_the_sink_refuses_the_header(void **state)
{
    (void)state;
    static const char text[] = "a,b\n1,2\n3,4\n";
    for (size_t chunk = 1; chunk <= sizeof text - 1; chunk++) {
        struct result r = run_rc(TEXT(text), ',', chunk, ITA_ERR_DATA, ITA_OK);
        assert_string_equal(r.out, "H1:a@1|b@1\n");
        assert_int_equal(r.status, ITA_ERR_DATA);
        result_free(&r);
    }
}

static void loader_should_stop_when_the_sink_refuses_a_record(void **state)
{
    (void)state;
    static const char text[] = "a,b\n1,2\n3,4\n";
    struct result r = run_rc(TEXT(text), ',', 1, ITA_OK, ITA_ERR_NOMEM);
    assert_string_equal(r.out, "H1:a@1|b@1\nR2:1@2|2@2\n");
    assert_int_equal(r.status, ITA_ERR_NOMEM);
    result_free(&r);
}

static void load_stream_should_read_a_file_in_chunks(void **state)
{
    (void)state;
    static const char text[] = "\xEF\xBB\xBF" "year,score\r\n\"ก\nข\",97.5\r\n2565,100";
    const char *expected = "H1:year@1|score@1\nR2:ก\\nข@2|97.5@3\nR4:2565@4|100@4\n";
    static const size_t chunks[] = {1, 2, 7, 4096};
    for (size_t i = 0; i < sizeof chunks / sizeof chunks[0]; i++) {
        char copy[sizeof text];
        memcpy(copy, text, sizeof text);
        FILE *f = fmemopen(copy, sizeof text - 1, "rb");
        assert_non_null(f);
        struct collect c = {{0}, ITA_OK, ITA_OK};
        ita_buf_init(&c.out);
        struct ita_load_sink sink = {&c, on_header, on_record, NULL};
        struct ita_diags d;
        ita_diags_init(&d, 0);
        assert_int_equal(ita_load_stream(f, FILE_NAME, ',', chunks[i], &sink, &d), ITA_OK);
        assert_string_equal(c.out.data, expected);
        assert_int_equal(d.count, 0);
        ita_buf_free(&c.out);
        ita_diags_free(&d);
        fclose(f);
    }
}

static void load_stream_should_report_a_read_error(void **state)
{
    (void)state;
    FILE *f = fopen("/dev/null", "w"); /* reading it fails */
    assert_non_null(f);
    struct collect c = {{0}, ITA_OK, ITA_OK};
    ita_buf_init(&c.out);
    struct ita_load_sink sink = {&c, on_header, on_record, NULL};
    struct ita_diags d;
    ita_diags_init(&d, 0);
    assert_int_equal(ita_load_stream(f, FILE_NAME, ',', 64, &sink, &d), ITA_ERR_IO);
    assert_true(d.errors >= 1);
    assert_string_equal(d.items[0].file, FILE_NAME);
    ita_buf_free(&c.out);
    ita_diags_free(&d);
    fclose(f);
}

/* ---- the scanner: the loader's records, or it gives up ---- */

/* The records text without line numbers (the scanner counts none). */
static char *strip_lines(const char *s)
{
    char *out = malloc(strlen(s) + 1);
    size_t o = 0;
    bool line_start = true;
    while (*s) {
        if ((line_start && (*s == 'H' || *s == 'R')) || *s == '@') {
            out[o++] = *s == '@' ? '@' : *s;
            s++;
            while (*s >= '0' && *s <= '9')
                s++;
            line_start = false;
            continue;
        }
        line_start = *s == '\n';
        out[o++] = *s++;
    }
    out[o] = '\0';
    return out;
}

struct scan_result {
    char *out;
    bool gave_up;
    enum ita_status status;
};

/* With count_lines, the records text with the lines the scanner counted. */
static struct scan_result scan_run(const char *text, size_t len, char delim, size_t chunk, bool count_lines)
{
    struct collect c = {{0}, ITA_OK, ITA_OK};
    ita_buf_init(&c.out);
    ita_buf_puts(&c.out, "");
    struct ita_load_sink sink = {&c, on_header, on_record, NULL};
    struct ita_scanner *sc = ita_scanner_new(FILE_NAME, delim, &sink);
    assert_non_null(sc);
    if (count_lines)
        ita_scanner_count_lines(sc);
    struct scan_result r = {NULL, false, ITA_OK};
    for (size_t at = 0; at < len && r.status == ITA_OK; at += chunk)
        r.status = ita_scanner_feed(sc, text + at, len - at < chunk ? len - at : chunk);
    if (r.status == ITA_OK)
        r.status = ita_scanner_finish(sc);
    r.gave_up = ita_scanner_gave_up(sc);
    ita_scanner_free(&sc);
    assert_null(sc);
    r.out = count_lines ? ita_strdup(c.out.data) : strip_lines(c.out.data);
    ita_buf_free(&c.out);
    return r;
}

/* At every chunk size the scanner passes exactly the loader's records, or gives
 * up; it must give up where the loader finds a problem. Returns whether it
 * gave up (the same at every chunk size). */
static bool scanner_agrees(const char *text, size_t len, char delim)
{
    struct result ref = run(text, len, delim, len ? len : 1);
    char *want = strip_lines(ref.out);
    bool loader_clean = ref.diags[0] == '\0' && ref.status == ITA_OK;
    struct scan_result first = scan_run(text, len, delim, len ? len : 1, false);
    if (!loader_clean && !first.gave_up)
        fail_msg("the loader says:\n%s\nbut the scanner did not give up", ref.diags);
    for (size_t chunk = 1; chunk <= (len ? len : 1); chunk++) {
        struct scan_result r = scan_run(text, len, delim, chunk, false);
        if (r.gave_up != first.gave_up)
            fail_msg("chunk size %zu: gave up %d, at full size %d", chunk, r.gave_up, first.gave_up);
        if (!r.gave_up && strcmp(r.out, want) != 0)
            fail_msg("chunk size %zu: scanner records:\n%s\nloader records:\n%s", chunk, r.out, want);
        if (!r.gave_up)
            assert_int_equal(r.status, ITA_OK);
        free(r.out);
        /* counting lines: the loader's lines too */
        r = scan_run(text, len, delim, chunk, true);
        if (r.gave_up != first.gave_up)
            fail_msg("chunk size %zu, counting lines: gave up %d, at full size %d", chunk, r.gave_up, first.gave_up);
        if (!r.gave_up && strcmp(r.out, ref.out) != 0)
            fail_msg("chunk size %zu: scanner records and lines:\n%s\nloader's:\n%s", chunk, r.out, ref.out);
        free(r.out);
    }
    bool gave_up = first.gave_up;
    free(first.out);
    free(want);
    result_free(&ref);
    return gave_up;
}

static void scanner_should_pass_the_loaders_records_for_well_formed_input(void **state)
{
    (void)state;
    static const char *const ok[] = {
        "\xEF\xBB\xBF" "agency,year,score\r\n\"ก่อน\r\nหลัง\",2565,97.50\r\n\r\nสำนักงาน,2022,100\r\nx,2565,1",
        "a,b\n\"x\ny\nz\",1\n2,3\n\"p\",\"q\nr\"\n4,5\n",
        "a,b\n\n\n1,2\n,\n3,\n",
        "\"a\",b\n\"say \"\"hi\"\", then go\",\"x,y\"\n\"\",\"\"\"\"\n",
        "agency,score\n\"กรม \"\"ก\"\", สาขา ๒\",97\nกรม ข,98\nกรม ข,99\n",
        "a,b\n1,2",
        "a,b\r1,2\r3,4\r",
        "a,b\r\n\r\r\n\n1,2\r\r\n3,4\n\r5,6",
        "a,b\n\"\"\"\"\"\n\",1\n\"x\r\ny\",\"\"\"\n\"\n7,8\n",
        "a,b\n\"\",\"\"\r\n\"\"\n1,\"\"\n",
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        if (scanner_agrees(ok[i], strlen(ok[i]), ','))
            fail_msg("the scanner gave up on case %zu", i);
    static const char tsv[] = "a\tb\n\"x\ty\"\t2\n";
    assert_false(scanner_agrees(TEXT(tsv), '\t'));
}

static void scanner_should_read_fields_that_repeat_the_record_before_as_it_reads_any(void **state)
{
    (void)state;
    /* the first fields of a record that repeat the record before are not scanned
     * again: where the record before ended a field (its bytes there are a NUL)
     * the record may hold anything, and a repeat is only a repeat up to the
     * delimiter after it */
    static const char *const cases[] = {
        "a,b,c\nxx,yy,1\nxx,yy,2\nxxQyy,2,3\n",            /* a delimiter replaced */
        "a,b,c\n\"x,y\",z,1\n\"x,y\",z,2\n\"x,y\",zz,2\n",    /* quoted, repeated */
        "a,b,c\n\"xy\",z,1\n\"xyQ,z\",w,2\n",                /* a closing quote replaced */
        "a,b,c\nxy,z,1\n\"xy\",z,2\nxy,z,3\n",               /* quoted here, not there */
        "a,b,c\n\"x\"\"y\",z,1\n\"x\"\"y\",z,2\n",              /* a doubled quote */
        "a,b,c\n,,1\n,,\n,,2\n",                           /* a blank row after empty fields */
        "a,b,c\na,b,1\na,b,c\n",                            /* the header's fields */
        "a,b\nx,1\nx,12\nx,1\n",                            /* the last field longer, shorter */
        "a,b\r\nx,1\r\nx,1\r\nx,2\rx,1\nx,1\r\n",              /* line ends of all kinds */
        "a,b,c\nกรม,ก,1\nกรม,ก,2\nกรม,ข,3\nกรมก,ข,4\n",     /* UTF-8 */
        "a,b,c\n\"x\ny\",\"z\r\n\",1\n\"x\ny\",\"z\r\n\",2\n\"x\ny\",z,3\n", /* line ends in repeated fields */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (scanner_agrees(cases[i], strlen(cases[i]), ','))
            fail_msg("the scanner gave up on case %zu", i);
    static const char tsv[] = "a\tb\tc\nx\ty\t1\nx\ty\t2\nx,y\t1\t2\n";
    assert_false(scanner_agrees(TEXT(tsv), '\t'));
    /* what the first record would give up on, repeated: the second gives up too */
    static const char bad[] = "a,b,c\nx,y,1\nx,y,\xff\n";
    assert_true(scanner_agrees(TEXT(bad), ','));
}

static void scanner_should_give_up_where_the_loader_differs_or_complains(void **state)
{
    (void)state;
    static const char *const odd[] = {
        "a,b\n 1,2\n",              /* libcsv trims the space */
        "a,b\n1 ,2\n",
        "a,b\n\"1\" ,2\n",          /* text after a closing quote */
        "a,b\n1\"2,3\n",            /* a quote in an unquoted field */
        "a,b\n\"1,2\n",             /* never closed */
        "a,b\n1,2,3\n",             /* a long row */
        "a,b\n1\n",                 /* a short row */
        "a,b\n\xff,2\n",            /* not UTF-8 */
        "a,b\n1,\xEF\xBB\xBF" "2\n", /* a byte order mark inside */
        "",                         /* empty */
        "\xEF\xBB",                 /* only part of a byte order mark */
        "a,b\n",                   /* a header alone */
        "a,b\n\n,\n",              /* a header and blank rows */
    };
    for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++)
        if (!scanner_agrees(odd[i], strlen(odd[i]), ','))
            fail_msg("the scanner did not give up on case %zu", i);
    static const char nul[] = "a,b\n1,\0002\n";
    assert_true(scanner_agrees(TEXT(nul), ','));
}

static void scanner_should_say_whether_it_stands_between_records(void **state)
{
    (void)state;
    struct collect c = {{0}, ITA_OK, ITA_OK};
    ita_buf_init(&c.out);
    struct ita_load_sink sink = {&c, on_header, on_record, NULL};
    struct ita_scanner *sc = ita_scanner_new(FILE_NAME, ',', &sink);
    assert_int_equal(ita_scanner_feed(sc, TEXT("a,b\n\"1\n")), ITA_OK);
    assert_false(ita_scanner_between_records(sc));
    assert_int_equal(ita_scanner_feed(sc, TEXT("2\",3\n")), ITA_OK);
    assert_true(ita_scanner_between_records(sc));
    ita_scanner_free(&sc);
    ita_buf_free(&c.out);
}

/* A sink that writes, for each record, 's' where a field is marked same_as_above
 * and '.' where not. */
static enum ita_status mark_same(void *ctx, const struct ita_record *rec)
{
    struct ita_buf *b = ctx;
    for (size_t i = 0; i < rec->count; i++)
        ita_buf_putc(b, rec->fields[i].same_as_above ? 's' : '.');
    ita_buf_putc(b, '\n');
    return ITA_OK;
}

static void scanner_should_mark_fields_that_repeat_the_record_before(void **state)
{
    (void)state;
    /* the header is no record before; a blank line is no record; a field is
     * marked where the same bytes stand at the same place in both records, not
     * quoted with a doubled quote (a field that moved, or is quoted where it
     * was not, is not marked: the mark is never wrong, only sometimes missing) */
    static const char text[] = "a,b,c\r\na,b,c\nx,,1\nx,,2\n\nx,,2\n,,2\ny,\"\",\"2\"\n\"y\"\"\",z,2\n\"y\"\"\",z,2\n";
    static const char want[] = "...\n...\n...\nss.\nsss\n...\n...\n...\n.ss\n";
    for (size_t chunk = 1; chunk <= sizeof text - 1; chunk++) {
        struct ita_buf b;
        ita_buf_init(&b);
        ita_buf_puts(&b, "");
        struct ita_load_sink sink = {&b, mark_same, mark_same, NULL};
        struct ita_scanner *sc = ita_scanner_new(FILE_NAME, ',', &sink);
        for (size_t at = 0; at < sizeof text - 1; at += chunk)
            assert_int_equal(ita_scanner_feed(sc, text + at, sizeof text - 1 - at < chunk ? sizeof text - 1 - at : chunk),
                             ITA_OK);
        assert_int_equal(ita_scanner_finish(sc), ITA_OK);
        ita_scanner_free(&sc);
        if (strcmp(b.data, want) != 0)
            fail_msg("chunk size %zu:\n%s", chunk, b.data);
        ita_buf_free(&b);
    }
}

/* The first special byte the slow way. */
static size_t find_reference(const char *s, size_t q, size_t end, char delim)
{
    while (q < end && s[q] != delim && s[q] != '\r' && s[q] != '\n' && s[q] != '"' && s[q] != '\0')
        q++;
    return q;
}

static void find_should_agree(const struct scan_specials *sp, const char *s, size_t q, size_t end)
{
    size_t want = find_reference(s, q, end, sp->delimiter);
    size_t got = scan_find_portable(sp, s, q, end);
    if (got != want)
        fail_msg("portable: %zu, want %zu (from %zu to %zu)", got, want, q, end);
#ifdef SCAN_FIND_SSE2
    got = scan_find_sse2(sp, s, q, end);
    if (got != want)
        fail_msg("sse2: %zu, want %zu (from %zu to %zu)", got, want, q, end);
#endif
}

static void scan_find_should_stop_at_the_first_special_byte_however_it_searches(void **state)
{
    (void)state;
    static const char delims[] = {',', '\t'};
    static const char specials[] = {',', '\t', '\r', '\n', '"', '\0'};
    /* each buffer is allocated to its exact length, so that ASan sees a read past the end */
    for (size_t d = 0; d < sizeof delims; d++) {
        struct scan_specials sp;
        scan_specials_init(&sp, delims[d]);
        for (size_t len = 0; len <= 70; len++) {
            for (size_t k = 0; k < sizeof specials; k++)
                for (size_t at = 0; at <= len; at++) {
                    char *s = malloc(len ? len : 1);
                    assert_non_null(s);
                    for (size_t i = 0; i < len; i++)
                        s[i] = (char)(i % 3 == 0 ? 0xE0 : i % 3 == 1 ? 0x80 + (int)(i % 64) : 'a' + (int)(i % 26));
                    if (at < len)
                        s[at] = specials[k];
                    for (size_t q = 0; q <= len; q++)
                        find_should_agree(&sp, s, q, len);
                    free(s);
                }
        }
        /* random bytes, few of them special */
        unsigned seed = 12345;
        for (int round = 0; round < 2000; round++) {
            size_t len = (size_t)(round % 200);
            char *s = malloc(len ? len : 1);
            assert_non_null(s);
            for (size_t i = 0; i < len; i++) {
                seed = seed * 1103515245u + 12345u;
                unsigned r = seed >> 16;
                s[i] = r % 17 == 0 ? specials[r / 17 % sizeof specials] : (char)(r & 0xFF);
            }
            for (size_t q = 0; q <= len; q += 1 + len / 16)
                find_should_agree(&sp, s, q, len);
            free(s);
        }
    }
}

static size_t common_prefix_reference(const char *a, const char *b, size_t n)
{
    size_t i = 0;
    while (i < n && (a[i] == b[i] || b[i] == '\0'))
        i++;
    return i;
}

static void scan_ascii_run_should_stop_at_the_first_byte_not_printable_ascii_however_it_searches(void **state)
{
    (void)state;
    /* every byte value, at every place of buffers of every length up to 40,
     * each allocated to its exact length so that ASan sees a read past the end */
    for (size_t len = 0; len <= 40; len++)
        for (unsigned v = 0; v < 256; v++)
            for (size_t at = 0; at <= len; at++) {
                unsigned char *s = malloc(len ? len : 1);
                assert_non_null(s);
                for (size_t i = 0; i < len; i++)
                    s[i] = (unsigned char)(0x20 + (i * 7) % 95);
                if (at < len)
                    s[at] = (unsigned char)v;
                for (size_t q = 0; q <= len; q += 3) {
                    size_t want = q;
                    while (want < len && s[want] >= 0x20 && s[want] <= 0x7E)
                        want++;
                    size_t got = scan_ascii_run_portable(s, q, len);
                    if (got != want)
                        fail_msg("portable: %zu, want %zu (byte %02X at %zu of %zu)", got, want, v, at, len);
#ifdef SCAN_FIND_SSE2
                    got = scan_ascii_run_sse2(s, q, len);
                    if (got != want)
                        fail_msg("sse2: %zu, want %zu (byte %02X at %zu of %zu)", got, want, v, at, len);
#endif
                }
                free(s);
            }
}

static void scan_common_prefix_should_match_bytes_or_a_nul_in_the_record_before(void **state)
{
    (void)state;
    unsigned seed = 777;
    for (int round = 0; round < 20000; round++) {
        size_t n = (size_t)(round % 71);
        /* exact sizes, so that ASan sees a read past the end */
        char *a = malloc(n ? n : 1), *b = malloc(n ? n : 1);
        assert_non_null(a);
        assert_non_null(b);
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            a[i] = (char)(0x80 + (int)(i % 50));
            unsigned r = (seed >> 16) % 400;
            b[i] = r == 0 ? 'x' : r < 20 ? '\0' : a[i]; /* rarely another byte, sometimes a NUL */
        }
        size_t want = common_prefix_reference(a, b, n);
        if (scan_common_prefix_portable(a, b, n) != want)
            fail_msg("portable: %zu, want %zu", scan_common_prefix_portable(a, b, n), want);
#ifdef SCAN_FIND_SSE2
        if (scan_common_prefix_sse2(a, b, n) != want)
            fail_msg("sse2: %zu, want %zu", scan_common_prefix_sse2(a, b, n), want);
#endif
        free(a);
        free(b);
    }
}

static void scan_tail_marks_should_find_delimiters_and_line_ends_however_it_searches(void **state)
{
    (void)state;
    static const char delims[] = {',', '\t'};
    /* every byte value at every place of 16 bytes, allocated to their length for ASan */
    for (size_t d = 0; d < sizeof delims; d++)
        for (unsigned v = 0; v < 256; v++)
            for (size_t at = 0; at < SCAN_TAIL_BYTES; at++) {
                char *s = malloc(SCAN_TAIL_BYTES);
                assert_non_null(s);
                for (size_t i = 0; i < SCAN_TAIL_BYTES; i++)
                    s[i] = "I1,2\t\n\r.9\"x \x80\xE0,"[(i * 5 + v) % 15];
                s[at] = (char)v;
                unsigned want_d = 0, want_l = 0;
                for (size_t i = 0; i < SCAN_TAIL_BYTES; i++) {
                    want_d |= (unsigned)(s[i] == delims[d]) << i;
                    want_l |= (unsigned)(s[i] == '\n' || s[i] == '\r') << i;
                }
                unsigned got_d, got_l;
                scan_tail_marks_portable(s, delims[d], &got_d, &got_l);
                if (got_d != want_d || got_l != want_l)
                    fail_msg("portable: %04X %04X, want %04X %04X", got_d, got_l, want_d, want_l);
#ifdef SCAN_FIND_SSE2
                scan_tail_marks_sse2(s, delims[d], &got_d, &got_l);
                if (got_d != want_d || got_l != want_l)
                    fail_msg("sse2: %04X %04X, want %04X %04X", got_d, got_l, want_d, want_l);
#endif
                free(s);
            }
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_chunk_size_should_give_the_same_records),
        cmocka_unit_test(loader_should_drop_a_bom_before_a_quoted_first_header),
        cmocka_unit_test(loader_should_count_lines_after_a_quoted_field_spanning_lines),
        cmocka_unit_test(loader_should_skip_blank_lines_but_count_them),
        cmocka_unit_test(loader_should_keep_doubled_quotes_and_delimiters_in_quoted_fields),
        cmocka_unit_test(loader_should_read_tab_separated_values),
        cmocka_unit_test(loader_should_reject_a_header_only_file),
        cmocka_unit_test(loader_should_count_a_lone_cr_as_a_line_end),
        cmocka_unit_test(loader_should_reject_a_quote_inside_an_unquoted_field),
        cmocka_unit_test(loader_should_reject_text_after_a_closing_quote),
        cmocka_unit_test(loader_should_place_a_quoting_error_after_a_multiline_field),
        cmocka_unit_test(loader_should_report_an_unclosed_quote_where_it_starts),
        cmocka_unit_test(loader_should_reject_a_short_row_and_go_on),
        cmocka_unit_test(loader_should_reject_a_long_row_and_go_on),
        cmocka_unit_test(loader_should_reject_invalid_utf8),
        cmocka_unit_test(field_check_should_agree_with_the_decoder_on_three_byte_sequences),
        cmocka_unit_test(loader_should_reject_a_nul_byte),
        cmocka_unit_test(loader_should_name_utf16_when_a_file_starts_with_its_bom),
        cmocka_unit_test(loader_should_reject_control_characters_but_tab_and_line_ends),
        cmocka_unit_test(loader_should_reject_a_bom_in_the_middle_of_a_file),
        cmocka_unit_test(loader_should_not_drop_bytes_that_only_start_like_a_bom),
        cmocka_unit_test(loader_should_reject_a_field_longer_than_the_maximum),
        cmocka_unit_test(loader_should_say_when_the_file_is_empty),
        cmocka_unit_test(loader_should_not_take_a_data_row_for_the_header_after_a_bad_header),
        cmocka_unit_test(loader_should_stop_when_the_sink_refuses_the_header),
        cmocka_unit_test(loader_should_stop_when_the_sink_refuses_a_record),
        cmocka_unit_test(load_stream_should_read_a_file_in_chunks),
        cmocka_unit_test(load_stream_should_report_a_read_error),
        cmocka_unit_test(scanner_should_pass_the_loaders_records_for_well_formed_input),
        cmocka_unit_test(scanner_should_read_fields_that_repeat_the_record_before_as_it_reads_any),
        cmocka_unit_test(scanner_should_give_up_where_the_loader_differs_or_complains),
        cmocka_unit_test(scanner_should_say_whether_it_stands_between_records),
        cmocka_unit_test(scanner_should_mark_fields_that_repeat_the_record_before),
        cmocka_unit_test(scan_find_should_stop_at_the_first_special_byte_however_it_searches),
        cmocka_unit_test(scan_common_prefix_should_match_bytes_or_a_nul_in_the_record_before),
        cmocka_unit_test(scan_ascii_run_should_stop_at_the_first_byte_not_printable_ascii_however_it_searches),
        cmocka_unit_test(scan_tail_marks_should_find_delimiters_and_line_ends_however_it_searches),
    };
    return ita_test_main(argc, argv, "load", tests, sizeof tests / sizeof tests[0]);
}
