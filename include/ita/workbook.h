/* Load: one sheet of an Excel workbook (.xlsx) to records, streaming.
 *
 * The workbook is a zip archive of XML parts (libzip); each part is parsed by
 * expat as it is inflated, never held whole. The reader finds the sheets through
 * the package's relationships and the workbook part, reads the shared strings
 * into a compact table, and passes the rows of one sheet to the same sink as the
 * CSV loader: the first non-empty row is the header; the table's columns are
 * those from the header's first non-empty cell to its last; every later row
 * gives one field per column (a missing cell is an empty field); blank rows are
 * skipped. Field and record lines are row numbers, and while the sheet is read
 * the diagnostics list formats them as cells (ita_diags_set_sheet):
 * "scores.xlsx:Sheet1!C12: ...".
 *
 * A cell's text is what Excel shows, without formatting: a string (shared or
 * inline), a number as a plain decimal, a formula's stored value, TRUE or FALSE,
 * or an error value such as #DIV/0!; a score cell holding the last three is
 * therefore refused by the binder as not a number. A number within 1e-9 of one
 * with at most two decimals is passed as that number ("97.04" for the binary
 * 97.039999999999992); any other as the shortest decimal that is the same binary
 * number ("97.0392"), so that the binder's message says what the cell holds.
 * A formula without a stored value, whose value ita cannot know, is an error
 * naming the cell wherever it is.
 *
 * Hostile input gets an error and bounded work: every part inflates to at most
 * ITA_XLSX_MAX_PART bytes and, once past 1 MiB, to at most ITA_XLSX_MAX_RATIO
 * times its compressed size; shared strings hold at most ITA_XLSX_MAX_STRINGS
 * bytes; a document type declaration (DOCTYPE, and with it every entity) is
 * refused; a row holds at most ITA_XLSX_MAX_ROW bytes of text; rows and columns
 * stop at Excel's limits (1,048,576 and XFD). An encrypted workbook, an old
 * .xls and an OpenDocument spreadsheet are recognised and named.
 *
 * Returns ITA_ERR_DATA for an invalid or refused workbook (diagnostics say why),
 * ITA_ERR_USAGE when the sheet asked for does not exist (a diagnostic lists the
 * sheets), ITA_ERR_IO when reading fails, ITA_ERR_NOMEM.
 */
#ifndef ITA_WORKBOOK_H
#define ITA_WORKBOOK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "ita/diag.h"
#include "ita/load.h"

#define ITA_XLSX_MAX_PART (1024u << 20)
#define ITA_XLSX_MAX_RATIO 100u
#define ITA_XLSX_MAX_STRINGS (256u << 20)
#define ITA_XLSX_MAX_ROW (16u << 20)
/* A workbook that cannot be read twice (standard input, a pipe) is read into
 * memory first, up to this size. */
#define ITA_XLSX_MAX_STREAM (256u << 20)
#define ITA_XLSX_MAX_ROWS 1048576u
#define ITA_XLSX_MAX_COLUMNS 16384u

/* What the first bytes of a file say: a zip archive (.xlsx, .ods), a compound
 * file (OLE2: .xls, or an encrypted workbook), or anything else (CSV). */
enum ita_input_kind { ITA_INPUT_TEXT, ITA_INPUT_ZIP, ITA_INPUT_OLE2 };
#define ITA_INPUT_SNIFF 8
enum ita_input_kind ita_input_kind_of(const void *head, size_t len);
/* Whether the name ends in .xlsx, .xlsm, .xls or .ods, in any case: a file the
 * workbook reader must see (and name, when it cannot read it). */
bool ita_input_workbook_name(const char *name);

/* Reads a workbook from `in`, whose first head_len bytes were already read into
 * head. A regular file is read where it lies; anything else (standard input, a
 * pipe) is first read into memory, at most ITA_XLSX_MAX_STREAM bytes. `file` is
 * the name used in diagnostics; `sheet` a sheet name, or a number N for the Nth
 * sheet when no sheet has that name, or NULL for the first sheet. */
enum ita_status ita_xlsx_load(FILE *in, const void *head, size_t head_len, const char *file, const char *sheet,
                              const struct ita_load_sink *sink, struct ita_diags *diags);

/* The same from a workbook in memory (len bytes at data, not copied). */
enum ita_status ita_xlsx_load_memory(const void *data, size_t len, const char *file, const char *sheet,
                                     const struct ita_load_sink *sink, struct ita_diags *diags);

/* The text a numeric cell's stored value is passed as (see above), in buf of
 * size bytes (64 are enough); an unparsable value is copied as it is. */
const char *ita_xlsx_number_text(const char *value, size_t len, char *buf, size_t size);

#endif
