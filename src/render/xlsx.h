/* Private to the workbook writers: a workbook and its sheets with a sticky
 * status, so that a writer checks once at the end (like struct ita_buf). After
 * the first failure every call does nothing; xw_close reports the status. */
#ifndef ITA_RENDER_XLSX_H
#define ITA_RENDER_XLSX_H

#include <stdbool.h>
#include <xlsxwriter.h>

#include "common.h"
#include "ita/xlsx.h"

/* columns whose width is fitted to their text; those further right keep the default */
#define XS_MAX_COLS 256

struct xw {
    lxw_workbook *wb;
    enum ita_status st;
    const struct ita_texts *t;
    const char *path;
    struct ita_diags *diags;
    lxw_format *head;     /* bold, filled, bottom border */
    lxw_format *score;    /* 0.00 */
    lxw_format *change;   /* +0.00 / -0.00 / 0.00 */
    lxw_format *percent;  /* 0.00 as a percentage figure */
    lxw_format *group[ITA_TIER_COUNT]; /* white on the group's colour */
};

/* One sheet written row by row (rows in order, as constant-memory mode needs). */
struct xs {
    struct xw *x;
    lxw_worksheet *ws;
    lxw_row_t row;        /* the row being written */
    lxw_col_t cols;       /* columns used so far */
    double width[XS_MAX_COLS];
};

/* Opens the workbook (constant memory for large sheets) with the fixed
 * properties of o; false (and x->st set) on failure. */
bool xw_open(struct xw *x, const char *path, bool constant_memory, const struct ita_xlsx_options *o,
             struct ita_diags *diags);
/* Closes and frees the workbook, writing the file; the status of the whole run. */
enum ita_status xw_close(struct xw *x);
/* Records a libxlsxwriter error (the first one wins). */
void xw_fail(struct xw *x, lxw_error e);
/* A new format, or NULL (and x->st set) when memory ran out. */
lxw_format *xw_format(struct xw *x);

/* A sheet named by the text of `name_key`, with a header row of the texts of
 * headers[0..n-1] (already worded; NULL leaves a column's header empty), the
 * header row frozen. Rows then start at 1. */
void xs_begin(struct xs *s, struct xw *x, const char *name);
void xs_header(struct xs *s, const char *const *headers, size_t n);
/* A header row written cell by cell: xs_head(s, col, text) ..., then xs_head_end(s). */
void xs_head(struct xs *s, lxw_col_t col, const char *text);
void xs_head_end(struct xs *s);
void xs_text(struct xs *s, lxw_col_t col, const char *text, lxw_format *f);
void xs_number(struct xs *s, lxw_col_t col, double v, lxw_format *f);
/* An empty cell with a format (to unlock it, say). */
void xs_blank(struct xs *s, lxw_col_t col, lxw_format *f);
/* A score (hundredths) as a number with two decimals; nothing when ITA_MISSING. */
void xs_cents(struct xs *s, lxw_col_t col, int64_t cents, lxw_format *f);
/* A count or a year; nothing when 0 and `blank_zero`. */
void xs_int(struct xs *s, lxw_col_t col, long long v, bool blank_zero);
/* The next row. */
void xs_next(struct xs *s);
/* Column widths from the widest text written (Thai by display width), and an
 * autofilter over the header and rows when `filter`. */
void xs_end(struct xs *s, bool filter);
/* The width a column needs at least (e.g. for a chart beside it). */
void xs_widen(struct xs *s, lxw_col_t col, double width);

/* The words of the analysis in a cell: a grade or level, a group, met / not met. */
const char *xw_band(const struct xw *x, const struct ita_framework *fw, size_t band);
/* The header "Grade" or "Level" of a framework. */
const char *xw_band_header(const struct xw *x, const struct ita_framework *fw);

#endif
