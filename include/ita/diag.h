/* Diagnostics as values.
 *
 * A stage that finds a problem in the data adds a diagnostic (severity, file,
 * physical line, 1-based column, message) to a caller-owned list and goes on;
 * it never prints or exits. Only the command layer prints them. Each file gets
 * at most `limit` stored diagnostics; the rest are counted, so that a summary
 * line can say how many were not shown. ita_diags_free frees every message and
 * file name the list holds.
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
};

struct ita_diags {
    struct ita_diag *items;
    size_t count, capacity;
    size_t limit;          /* stored per file; 0 = no limit */
    size_t in_file;        /* stored since ita_diags_begin_file */
    size_t errors, warnings;   /* all, stored or not */
    size_t dropped;            /* not stored in the current file */
    bool out_of_memory;
};

#define ITA_DIAG_DEFAULT_LIMIT 50

void ita_diags_init(struct ita_diags *d, size_t limit);
void ita_diags_free(struct ita_diags *d);
void ita_diags_begin_file(struct ita_diags *d);
/* Adds "N more problems in FILE not shown" when some were dropped. */
void ita_diags_end_file(struct ita_diags *d, const char *file);
void ita_diags_add(struct ita_diags *d, enum ita_severity sev, const char *file, size_t line,
                   size_t column, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Formats "FILE:LINE:COL: warning: message" (parts that are unknown left out). */
size_t ita_diag_format(const struct ita_diag *diag, char *buf, size_t size);
/* Appends a quoted, shortened, printable copy of text to buf: "9o.5". */
const char *ita_quote(const char *text, size_t len, char *buf, size_t size);
#define ITA_QUOTE_BUFSZ 96

#endif
