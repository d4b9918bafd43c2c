/* Diagnostics as values.
 *
 * A stage that finds a problem in the data adds a diagnostic (severity, file,
 * physical line, 1-based column, message) to a caller-owned list and goes on;
 * it never prints or exits. Only the command layer prints them. Each file gets
 * at most `limit` stored diagnostics; the rest are counted, so that a summary
 * line can say how many were not shown. ita_diags_free frees every message and
 * file name the list holds.
 *
 * A workbook is read cell by cell, not line by line: while a file is a sheet of a
 * workbook (ita_diags_set_sheet), a diagnostic about that file keeps the row as
 * its line and the column as its column, and is formatted with the cell:
 * "scores.xlsx:Sheet1!C12: ...". The stages that add diagnostics need not know.
 */
#ifndef ITA_DIAG_H
#define ITA_DIAG_H

#include <stdbool.h>
#include <stddef.h>

enum ita_status {
    ITA_OK = 0,
    ITA_ERR_DATA,  /* the input is invalid; diagnostics say why */
    ITA_ERR_IO,    /* a file or system error */
    ITA_ERR_NOMEM, /* allocation failed */
    ITA_ERR_USAGE  /* the caller asked for something impossible */
};

enum ita_severity { ITA_SEV_WARNING, ITA_SEV_ERROR };

struct ita_diag {
    enum ita_severity severity;
    char *file;    /* NULL when not about a file */
    size_t line;   /* 0 when unknown */
    size_t column; /* 0 when unknown */
    char *message;
    char *sheet;   /* the workbook sheet the line (row) and column are in, or NULL */
};

struct ita_diags {
    struct ita_diag *items;
    size_t count, capacity;
    size_t limit;          /* stored per file; 0 = no limit */
    size_t in_file;        /* stored since ita_diags_begin_file */
    size_t errors, warnings;   /* all, stored or not */
    size_t dropped;            /* not stored in the current file */
    bool out_of_memory;
    /* the sheet being read (ita_diags_set_sheet), until ita_diags_end_file */
    char *sheet_file, *sheet;
    size_t sheet_column_offset;
};

#define ITA_DIAG_DEFAULT_LIMIT 50

void ita_diags_init(struct ita_diags *d, size_t limit);
void ita_diags_free(struct ita_diags *d);
void ita_diags_begin_file(struct ita_diags *d);
/* From now until ita_diags_end_file, diagnostics about `file` are about cells of
 * the workbook sheet `sheet`: their line is the row, and their column (1 for
 * the first column of the table) is shifted by column_offset (the columns of the
 * sheet left of the table). Call it again to change the offset. */
void ita_diags_set_sheet(struct ita_diags *d, const char *file, const char *sheet, size_t column_offset);
/* Adds "N more problems in FILE not shown" when some were dropped. */
void ita_diags_end_file(struct ita_diags *d, const char *file);
void ita_diags_add(struct ita_diags *d, enum ita_severity sev, const char *file, size_t line,
                   size_t column, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Formats "FILE:LINE:COL: warning: message" (parts that are unknown left out);
 * in a sheet "FILE:SHEET!C12: ...", "FILE:SHEET, row 12: ..." or "FILE:SHEET: ...". */
/* What a list held at one moment, to go back to it (ita_diags_truncate): how a
 * caller that reads a file again another way takes back what the first reading
 * said. The sheet of ita_diags_set_sheet is not part of it. */
struct ita_diags_mark {
    size_t count, in_file, errors, warnings, dropped;
    bool out_of_memory;
};
struct ita_diags_mark ita_diags_mark(const struct ita_diags *d);
/* Frees the diagnostics added since the mark and puts the counters back. */
void ita_diags_truncate(struct ita_diags *d, const struct ita_diags_mark *mark);
size_t ita_diag_format(const struct ita_diag *diag, char *buf, size_t size);
/* Appends a quoted, shortened, printable copy of text to buf: "9o.5". */
const char *ita_quote(const char *text, size_t len, char *buf, size_t size);
#define ITA_QUOTE_BUFSZ 96
/* The letters of a 1-based column: 1 -> "A", 28 -> "AB"; buf holds 16 bytes. */
const char *ita_column_letters(size_t column, char *buf);

#endif
