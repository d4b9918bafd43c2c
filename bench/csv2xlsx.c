/* csv2xlsx: a scores CSV as an Excel workbook, for the benchmark.
 *
 *   csv2xlsx IN.csv OUT.xlsx
 *
 * Written with libxlsxwriter in constant-memory mode (rows go to the file as
 * they come; strings are inline), so that a national file of a million rows is
 * converted in a few megabytes. A field that is a plain decimal ("2565",
 * "97.04") becomes a numeric cell, as a spreadsheet would hold it; any other
 * non-empty field a string; an empty field no cell. The header row is strings.
 */
#include <csv.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

struct state {
    lxw_worksheet *ws;
    lxw_row_t row;
    lxw_col_t col;
    bool failed;
};

static bool plain_decimal(const char *s, size_t n)
{
    size_t i = 0, digits = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9') {
        i++;
        digits++;
    }
    if (digits == 0)
        return false;
    if (i < n && s[i] == '.') {
        size_t frac = 0;
        for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
            frac++;
        if (frac == 0)
            return false;
    }
    return i == n && n < 32;
}

static void on_field(void *data, size_t len, void *ctx)
{
    struct state *st = ctx;
    const char *s = data ? data : "";
    if (len > 0) {
        lxw_error err;
        if (st->row > 0 && plain_decimal(s, len)) {
            char buf[32];
            memcpy(buf, s, len);
            buf[len] = '\0';
            /* the C library's strtod: the number a spreadsheet would store */
            err = worksheet_write_number(st->ws, st->row, st->col, strtod(buf, NULL), NULL);
        } else {
            char *copy = malloc(len + 1);
            if (copy == NULL) {
                st->failed = true;
                return;
            }
            memcpy(copy, s, len);
            copy[len] = '\0';
            err = worksheet_write_string(st->ws, st->row, st->col, copy, NULL);
            free(copy);
        }
        if (err != LXW_NO_ERROR)
            st->failed = true;
    }
    st->col++;
}

static void on_row(int c, void *ctx)
{
    (void)c;
    struct state *st = ctx;
    st->row++;
    st->col = 0;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fputs("usage: csv2xlsx IN.csv OUT.xlsx\n", stderr);
        return 2;
    }
    FILE *in = fopen(argv[1], "rb");
    if (in == NULL) {
        perror(argv[1]);
        return 1;
    }
    lxw_workbook_options options = {.constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_FALSE};
    lxw_workbook *wb = workbook_new_opt(argv[2], &options);
    struct state st = {0};
    st.ws = wb ? workbook_add_worksheet(wb, NULL) : NULL;
    struct csv_parser p;
    if (st.ws == NULL || csv_init(&p, CSV_STRICT | CSV_APPEND_NULL) != 0) {
        fputs("csv2xlsx: cannot start\n", stderr);
        return 1;
    }
    char buf[1 << 16];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0 && !st.failed)
        if (csv_parse(&p, buf, n, on_field, on_row, &st) != n) {
            fprintf(stderr, "csv2xlsx: %s: %s\n", argv[1], csv_strerror(csv_error(&p)));
            return 1;
        }
    csv_fini(&p, on_field, on_row, &st);
    csv_free(&p);
    fclose(in);
    if (st.failed || workbook_close(wb) != LXW_NO_ERROR) {
        fprintf(stderr, "csv2xlsx: cannot write %s\n", argv[2]);
        return 1;
    }
    return 0;
}
