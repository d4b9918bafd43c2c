/* ita template -f xlsx: the fill-in sheet of a year (docs/xlsx.md). The columns
 * and rows are the CSV template's (template_row), so that a workbook reader
 * takes it back as it takes the CSV. The sheet is protected without a password:
 * the labels cannot be changed by mistake; the agency and score cells are
 * unlocked, and the scores validated (0 to 100; an OIT item 0 or 100), each
 * with an input message in the template's language. */
#include <string.h>

#include "xlsx.h"

/* Validation of the score cells of rows first..last (sheet rows) of one kind. */
static void validate(struct xs *s, lxw_row_t first, lxw_row_t last, bool oit)
{
    struct xw *x = s->x;
    if (x->st != ITA_OK || s->ws == NULL)
        return;
    const char *title = ita_text(x->t, "xlsx_input_title");
    const char *message = ita_text(x->t, oit ? "xlsx_input_oit" : "xlsx_input_score");
    char zero[] = "0", hundred[] = "100";
    char *list[] = {zero, hundred, NULL};
    lxw_data_validation v;
    memset(&v, 0, sizeof v);
    v.input_title = (char *)(uintptr_t)title;
    v.input_message = (char *)(uintptr_t)message;
    v.error_title = (char *)(uintptr_t)title;
    v.error_message = (char *)(uintptr_t)message;
    if (oit) {
        v.validate = LXW_VALIDATION_TYPE_LIST;
        v.value_list = list;
    } else {
        v.validate = LXW_VALIDATION_TYPE_DECIMAL;
        v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
        v.minimum_number = 0;
        v.maximum_number = 100;
    }
    xw_fail(x, worksheet_data_validation_range(s->ws, first, 5, last, 5, &v));
}

enum ita_status ita_xlsx_template(const struct ita_framework *fw, enum ita_lang label_lang,
                                  const struct ita_xlsx_options *o, const char *path, struct ita_diags *diags)
{
    struct xw x;
    (void)label_lang; /* the texts are in the labels' language (the caller loads them so) */
    if (xw_open(&x, path, false, o, diags)) {
        const struct ita_texts *t = x.t;
        lxw_format *open_text = xw_format(&x), *open_score = xw_format(&x), *label = xw_format(&x);
        if (open_text != NULL && open_score != NULL && label != NULL) {
            format_set_unlocked(open_text);
            format_set_unlocked(open_score);
            format_set_num_format(open_score, "0.00");
            format_set_text_wrap(label); /* the longest Thai items wrap within the widest column */
        }
        struct xs s;
        xs_begin(&s, &x, ita_text(t, "xlsx_sheet_template"));
        xs_header(&s, template_columns, TEMPLATE_COLUMN_COUNT);
        struct template_row row;
        lxw_row_t run = 1;   /* the first row of the current run of one kind */
        bool run_oit = false;
        for (size_t k = 0; template_row(fw, t, k, &row); k++) {
            if (k > 0 && row.oit_item != run_oit) {
                validate(&s, run, s.row - 1, run_oit);
                run = s.row;
            }
            run_oit = row.oit_item;
            xs_blank(&s, 0, open_text);
            xs_int(&s, 1, fw->year, false);
            xs_int(&s, 2, row.indicator, true);
            xs_text(&s, 3, row.item ? row.item : "", NULL);
            xs_int(&s, 4, (long long)row.sub, true);
            xs_blank(&s, 5, open_score);
            xs_text(&s, 6, row.label, label);
            xs_next(&s);
        }
        validate(&s, run, s.row - 1, run_oit);
        /* the agency column: a message on what to write */
        if (x.st == ITA_OK && s.ws != NULL) {
            lxw_data_validation v;
            memset(&v, 0, sizeof v);
            v.validate = LXW_VALIDATION_TYPE_ANY;
            v.input_title = (char *)(uintptr_t)ita_text(t, "agency");
            v.input_message = (char *)(uintptr_t)ita_text(t, "xlsx_input_agency");
            xw_fail(&x, worksheet_data_validation_range(s.ws, 1, 0, s.row - 1, 0, &v));
        }
        xs_widen(&s, 0, 40);
        xs_widen(&s, 5, 10);
        xs_end(&s, false);
        if (x.st == ITA_OK && s.ws != NULL) {
            lxw_protection p;
            memset(&p, 0, sizeof p);
            p.format_columns = LXW_TRUE; /* widths may still be changed */
            p.format_rows = LXW_TRUE;
            worksheet_protect(s.ws, NULL, &p);
        }
    }
    return xw_close(&x);
}
