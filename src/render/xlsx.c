/* The workbook and sheet helpers of the xlsx writers (xlsx.h). */
#include "xlsx.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

void xw_fail(struct xw *x, lxw_error e)
{
    if (x->st != ITA_OK || e == LXW_NO_ERROR)
        return;
    if (e == LXW_ERROR_MEMORY_MALLOC_FAILED) {
        x->st = ITA_ERR_NOMEM;
        return;
    }
    x->st = ITA_ERR_IO;
    /* libxlsxwriter 1.1.4 says "string index not found" when its string table
     * could not grow; its temporary files (tmpfile()) and the zip library fail
     * with errno ENOMEM when malloc does */
    if (e == LXW_ERROR_SHARED_STRING_INDEX_NOT_FOUND || (errno == ENOMEM && e != LXW_ERROR_PARAMETER_VALIDATION)) {
        x->st = ITA_ERR_NOMEM;
        return;
    }
    ita_diags_add(x->diags, ITA_SEV_ERROR, x->path, 0, 0, "cannot write the workbook: %s", lxw_strerror(e));
}

lxw_format *xw_format(struct xw *x)
{
    if (x->st != ITA_OK)
        return NULL;
    lxw_format *f = workbook_add_format(x->wb);
    if (f == NULL)
        x->st = ITA_ERR_NOMEM;
    return f;
}

static lxw_color_t color(const char *hex)
{
    return (lxw_color_t)strtoul(hex, NULL, 16);
}

bool xw_open(struct xw *x, const char *path, bool constant_memory, const struct ita_xlsx_options *o,
             struct ita_diags *diags)
{
    memset(x, 0, sizeof *x);
    x->t = o->texts;
    x->path = path;
    x->diags = diags;
    lxw_workbook_options wo = {.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE,
                               .tmpdir = NULL, .use_zip64 = LXW_FALSE};
    errno = 0;
    x->wb = workbook_new_opt(path, &wo);
    if (x->wb == NULL) {
        /* libxlsxwriter only allocates here (the file is opened at close), once it
         * could be opened (xlsx_lib.c) */
        x->st = ITA_ERR_NOMEM;
        if (errno == ELIBACC) {
            x->st = ITA_ERR_IO;
            ita_diags_add(diags, ITA_SEV_ERROR, path, 0, 0,
                          "cannot write the workbook: libxlsxwriter (package libxlsxwriter4) cannot be loaded");
        }
        return false;
    }
    /* fixed properties: only the creation date, which the caller fixes */
    lxw_doc_properties props;
    memset(&props, 0, sizeof props);
    props.created = o->created > 0 ? o->created : ITA_XLSX_DEFAULT_DATE;
    xw_fail(x, workbook_set_properties(x->wb, &props));
    if ((x->head = xw_format(x)) != NULL) {
        format_set_bold(x->head);
        format_set_bg_color(x->head, 0xF3F5F8);
        format_set_bottom(x->head, LXW_BORDER_THIN);
    }
    if ((x->score = xw_format(x)) != NULL)
        format_set_num_format(x->score, "0.00");
    if ((x->change = xw_format(x)) != NULL)
        format_set_num_format(x->change, "+0.00;-0.00;0.00");
    if ((x->percent = xw_format(x)) != NULL)
        format_set_num_format(x->percent, "0.00\"%\"");
    static const char *const colors[ITA_TIER_COUNT] = {GROUP_COLOR_MAINTAIN, GROUP_COLOR_IMPROVE, GROUP_COLOR_URGENT};
    for (int k = 0; k < ITA_TIER_COUNT; k++)
        if ((x->group[k] = xw_format(x)) != NULL) {
            format_set_bg_color(x->group[k], color(colors[k]));
            format_set_font_color(x->group[k], LXW_COLOR_WHITE);
        }
    return x->st == ITA_OK;
}

enum ita_status xw_close(struct xw *x)
{
    if (x->wb == NULL)
        return x->st;
    errno = 0;
    lxw_error e = workbook_close(x->wb); /* frees it, written or not */
    x->wb = NULL;
    xw_fail(x, e);
    return x->st;
}

void xs_begin(struct xs *s, struct xw *x, const char *name)
{
    memset(s, 0, sizeof *s);
    s->x = x;
    if (x->st != ITA_OK)
        return;
    s->ws = workbook_add_worksheet(x->wb, name);
    if (s->ws == NULL)
        x->st = ITA_ERR_NOMEM; /* the names are the texts file's, checked by the tests */
}

static bool live(const struct xs *s, lxw_col_t col)
{
    (void)col;
    return s->ws != NULL && s->x->st == ITA_OK;
}

static void note_width(struct xs *s, lxw_col_t col, double w)
{
    if (col >= XS_MAX_COLS)
        return;
    if (col + 1 > s->cols)
        s->cols = (lxw_col_t)(col + 1);
    if (w > s->width[col])
        s->width[col] = w;
}

void xs_widen(struct xs *s, lxw_col_t col, double width)
{
    note_width(s, col, width);
}

void xs_text(struct xs *s, lxw_col_t col, const char *text, lxw_format *f)
{
    if (!live(s, col) || text == NULL)
        return;
    note_width(s, col, (double)ita_display_width(text));
    if (text[0] == '\0' && f == NULL)
        return;
    xw_fail(s->x, worksheet_write_string(s->ws, s->row, col, text, f));
}

void xs_number(struct xs *s, lxw_col_t col, double v, lxw_format *f)
{
    if (!live(s, col))
        return;
    note_width(s, col, 8);
    xw_fail(s->x, worksheet_write_number(s->ws, s->row, col, v, f));
}

void xs_blank(struct xs *s, lxw_col_t col, lxw_format *f)
{
    if (!live(s, col))
        return;
    xw_fail(s->x, worksheet_write_blank(s->ws, s->row, col, f));
}

void xs_cents(struct xs *s, lxw_col_t col, int64_t cents, lxw_format *f)
{
    if (cents == ITA_MISSING) {
        if (live(s, col))
            note_width(s, col, 8);
        return;
    }
    /* the double nearest the two-decimal value: one correctly rounded division */
    xs_number(s, col, (double)cents / 100.0, f ? f : s->x->score);
}

void xs_int(struct xs *s, lxw_col_t col, long long v, bool blank_zero)
{
    if (v == 0 && blank_zero) {
        if (live(s, col))
            note_width(s, col, 6);
        return;
    }
    xs_number(s, col, (double)v, NULL);
}

void xs_head(struct xs *s, lxw_col_t col, const char *text)
{
    xs_text(s, col, text ? text : "", s->x->head);
}

void xs_head_end(struct xs *s)
{
    if (live(s, 0))
        worksheet_freeze_panes(s->ws, 1, 0);
    xs_next(s);
}

void xs_header(struct xs *s, const char *const *headers, size_t n)
{
    for (size_t c = 0; c < n; c++)
        xs_head(s, (lxw_col_t)c, headers[c]);
    xs_head_end(s);
}

void xs_next(struct xs *s)
{
    s->row++;
}

void xs_end(struct xs *s, bool filter)
{
    if (!live(s, 0))
        return;
    for (lxw_col_t c = 0; c < s->cols; c++) {
        double w = s->width[c] + 2;
        xw_fail(s->x, worksheet_set_column(s->ws, c, c, w > 60 ? 60 : w, NULL));
    }
    if (filter && s->row > 1 && s->cols > 0)
        xw_fail(s->x, worksheet_autofilter(s->ws, 0, 0, s->row - 1, (lxw_col_t)(s->cols - 1)));
}

const char *xw_band(const struct xw *x, const struct ita_framework *fw, size_t band)
{
    return ita_render_band_name(fw, band, x->t->lang);
}

const char *xw_band_header(const struct xw *x, const struct ita_framework *fw)
{
    return ita_text(x->t, fw->scheme == ITA_RATING_GRADES ? "grade" : "level");
}
