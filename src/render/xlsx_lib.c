/* libxlsxwriter, opened when the first workbook is made instead of at every start.
 *
 * Linked the ordinary way, libxlsxwriter and what it needs (libcrypto above all,
 * with thousands of symbols bound at load) were mapped and relocated by every run
 * of ita, also by the runs that write no workbook: a third of the instructions of
 * `ita report` of the bundled example went to the dynamic loader (bench/RESULTS.md).
 * So ita is not linked with it: the functions below stand for the library's own,
 * with its prototypes (xlsxwriter.h is included, so the compiler checks that they
 * agree), and forward to it once it is opened.
 *
 * workbook_new_opt() opens the library and looks up every function listed here
 * (include/ita/dynlib.h); if that fails it returns NULL with errno ELIBACC
 * (ENOMEM when memory ran out). The other functions take or give objects that
 * only a workbook leads to, so they are reached only after that succeeded. A
 * function of libxlsxwriter that the writers start to use is one more line in
 * the list (the link fails until it is).
 */
#include <errno.h>
#include <xlsxwriter.h>

#include "ita/dynlib.h"

/* The Debian 12 package libxlsxwriter4 (the package's Depends names it). */
#define ITA_LXW_SONAME "libxlsxwriter.so.4"

/* Besides workbook_new_opt (below): R, a function that returns a value; V, one
 * that returns nothing. */
#define ITA_LXW_FUNCTIONS(R, V)                                                                               \
    R(lxw_error, workbook_close, (lxw_workbook * a), (a))                                                     \
    R(lxw_error, workbook_set_properties, (lxw_workbook * a, lxw_doc_properties *b), (a, b))                  \
    R(lxw_worksheet *, workbook_add_worksheet, (lxw_workbook * a, const char *b), (a, b))                     \
    R(lxw_format *, workbook_add_format, (lxw_workbook * a), (a))                                             \
    R(lxw_chart *, workbook_add_chart, (lxw_workbook * a, uint8_t b), (a, b))                                 \
    R(char *, lxw_strerror, (lxw_error a), (a))                                                               \
    V(format_set_bg_color, (lxw_format * a, lxw_color_t b), (a, b))                                           \
    V(format_set_bold, (lxw_format * a), (a))                                                                 \
    V(format_set_bottom, (lxw_format * a, uint8_t b), (a, b))                                                 \
    V(format_set_font_color, (lxw_format * a, lxw_color_t b), (a, b))                                         \
    V(format_set_num_format, (lxw_format * a, const char *b), (a, b))                                         \
    V(format_set_text_wrap, (lxw_format * a), (a))                                                            \
    V(format_set_unlocked, (lxw_format * a), (a))                                                             \
    R(lxw_chart_series *, chart_add_series, (lxw_chart * a, const char *b, const char *c), (a, b, c))         \
    V(chart_legend_set_position, (lxw_chart * a, uint8_t b), (a, b))                                          \
    R(lxw_error, worksheet_autofilter, (lxw_worksheet * a, lxw_row_t b, lxw_col_t c, lxw_row_t d, lxw_col_t e), \
      (a, b, c, d, e))                                                                                        \
    R(lxw_error, worksheet_data_validation_range,                                                             \
      (lxw_worksheet * a, lxw_row_t b, lxw_col_t c, lxw_row_t d, lxw_col_t e, lxw_data_validation *f),        \
      (a, b, c, d, e, f))                                                                                     \
    V(worksheet_freeze_panes, (lxw_worksheet * a, lxw_row_t b, lxw_col_t c), (a, b, c))                       \
    R(lxw_error, worksheet_insert_chart, (lxw_worksheet * a, lxw_row_t b, lxw_col_t c, lxw_chart *d),         \
      (a, b, c, d))                                                                                           \
    V(worksheet_protect, (lxw_worksheet * a, const char *b, lxw_protection *c), (a, b, c))                    \
    R(lxw_error, worksheet_set_column, (lxw_worksheet * a, lxw_col_t b, lxw_col_t c, double d, lxw_format *e), \
      (a, b, c, d, e))                                                                                        \
    R(lxw_error, worksheet_write_blank, (lxw_worksheet * a, lxw_row_t b, lxw_col_t c, lxw_format *d),         \
      (a, b, c, d))                                                                                           \
    R(lxw_error, worksheet_write_number,                                                                      \
      (lxw_worksheet * a, lxw_row_t b, lxw_col_t c, double d, lxw_format *e), (a, b, c, d, e))                \
    R(lxw_error, worksheet_write_string,                                                                      \
      (lxw_worksheet * a, lxw_row_t b, lxw_col_t c, const char *d, lxw_format *e), (a, b, c, d, e))

#define FIELD_R(ret, name, params, args) ITA_DYNLIB_FIELD(name)
#define FIELD_V(name, params, args) ITA_DYNLIB_FIELD(name)
struct lxw_table {
    ITA_DYNLIB_FIELD(workbook_new_opt)
    ITA_LXW_FUNCTIONS(FIELD_R, FIELD_V)
};
static struct lxw_table lib;

#define SYMBOL_R(ret, name, params, args) ITA_DYNLIB_SYMBOL(struct lxw_table, name)
#define SYMBOL_V(name, params, args) ITA_DYNLIB_SYMBOL(struct lxw_table, name)
static const struct ita_dynlib_symbol symbols[] = {
    ITA_DYNLIB_SYMBOL(struct lxw_table, workbook_new_opt)
    ITA_LXW_FUNCTIONS(SYMBOL_R, SYMBOL_V)
};
static struct ita_dynlib library = ITA_DYNLIB_INIT(ITA_LXW_SONAME, symbols, &lib);

#define FORWARD_R(ret, name, params, args) \
    ret name params                        \
    {                                      \
        return lib.name args;              \
    }
#define FORWARD_V(name, params, args) \
    void name params                  \
    {                                 \
        lib.name args;                \
    }
ITA_LXW_FUNCTIONS(FORWARD_R, FORWARD_V)

lxw_workbook *workbook_new_opt(const char *filename, lxw_workbook_options *options)
{
    int error = ita_dynlib_open(&library);
    if (error != 0) {
        errno = error;
        return NULL;
    }
    return lib.workbook_new_opt(filename, options);
}
