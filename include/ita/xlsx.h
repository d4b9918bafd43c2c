/* Workbooks: an analysis, a ranking, a planning or a year's framework -> an
 * .xlsx file, written with libxlsxwriter (docs/xlsx.md).
 *
 * libxlsxwriter writes to a file name, so these writers take the path of the
 * file to create; the command layer hands them a temporary file next to the
 * target and renames it (or copies it to standard output) afterwards. They
 * read their input and write nothing else; every sheet name and header comes
 * from the texts. Scores are numeric cells (number format 0.00) holding the
 * double nearest the published two-decimal value; a missing value is an empty
 * cell. The same input gives a byte-identical file: the zip entries carry
 * libxlsxwriter's fixed date and the document's creation date is `created`.
 * Errors are values: ITA_ERR_NOMEM when memory ran out, ITA_ERR_IO (with a
 * diagnostic naming the file) when the file or a temporary file could not be
 * written; a partly written file is left for the caller to remove.
 */
#ifndef ITA_XLSX_H
#define ITA_XLSX_H

#include <stddef.h>
#include <time.h>

#include "ita/analyze.h"
#include "ita/diag.h"
#include "ita/framework.h"
#include "ita/measures.h"
#include "ita/plan.h"
#include "ita/rank.h"
#include "ita/texts.h"

/* The creation date written when SOURCE_DATE_EPOCH does not give one:
 * 1980-01-01T00:00:00Z, the date libxlsxwriter gives every zip entry. */
#define ITA_XLSX_DEFAULT_DATE ((time_t)315532800)

struct ita_xlsx_options {
    const struct ita_texts *texts;       /* sheet names, headers, words: the output language */
    const struct ita_measures *measures; /* report: the officer's measures, or NULL */
    time_t created;                      /* the document's creation date (> 0) */
};

/* ita report: the reports a->reports[first .. first + count - 1] in one workbook
 * (sheets Summary, Items, Groups, Measures, Notes); with more than one report
 * every sheet starts with an agency column. */
enum ita_status ita_xlsx_report(const struct ita_analysis *a, size_t first, size_t count,
                                const struct ita_xlsx_options *o, const char *path, struct ita_diags *diags);
/* ita rank: Ranking, Statistics, Distribution (with a bar chart), Movers and,
 * grouped, Groups and Group ranks; in libxlsxwriter's constant-memory mode. */
enum ita_status ita_xlsx_rank(const struct ita_ranking *r, const struct ita_xlsx_options *o, const char *path,
                              struct ita_diags *diags);
/* ita plan: a summary sheet, then the three plans (alone, even, cheapest). */
enum ita_status ita_xlsx_plan(const struct ita_planning *p, const struct ita_xlsx_options *o, const char *path,
                              struct ita_diags *diags);
/* ita template: the fill-in sheet of fw, with the CSV template's columns;
 * labels in `label_lang`, locked; agency and score cells unlocked and validated. */
enum ita_status ita_xlsx_template(const struct ita_framework *fw, enum ita_lang label_lang,
                                  const struct ita_xlsx_options *o, const char *path, struct ita_diags *diags);

#endif
