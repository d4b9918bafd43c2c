/* Measures: the officer's planned measures for weak items, read from CSV.
 *
 * A measures file has a header row with the columns item, measure, method,
 * period and owner (found by name, in any order, case-insensitively; item and
 * measure are required) and, optionally, agency. Each row is one measure for one
 * item of the report's framework; an item may have several rows, kept in file
 * order. A row with an agency applies to that agency only, one without to every
 * agency. The file is read with the project's loader (src/load), so quoting,
 * UTF-8 and line numbers follow the same rules as the scores. An unknown item,
 * an unknown agency or an empty item is an error with file:line:column; the
 * caller decides the exit status. ita_measures_free frees every string the set
 * holds; the framework it was read against is borrowed.
 */
#ifndef ITA_MEASURES_H
#define ITA_MEASURES_H

#include <stddef.h>
#include <stdio.h>

#include "ita/bind.h"
#include "ita/diag.h"
#include "ita/framework.h"

struct ita_measure {
    char *agency;   /* normalised agency name; NULL: every agency */
    size_t item;    /* index into the framework's items */
    char *measure;  /* what will be done */
    char *method;   /* how; "" when not given */
    char *period;   /* when */
    char *owner;    /* who */
    size_t line;    /* physical line of the row */
};

struct ita_measures {
    const struct ita_framework *fw;
    struct ita_measure *rows;
    size_t count, cap;
};

void ita_measures_init(struct ita_measures *m, const struct ita_framework *fw);
void ita_measures_free(struct ita_measures *m);

/* Reads a measures file against fw; `set` (may be NULL) checks agency names.
 * Problems go to diags; returns ITA_ERR_DATA when any row was invalid,
 * ITA_ERR_IO or ITA_ERR_NOMEM on failure. */
enum ita_status ita_measures_load(FILE *in, const char *file, const struct ita_score_set *set,
                                  struct ita_measures *m, struct ita_diags *diags);

/* The measures for one agency's item, in file order: call with *cursor = 0 and
 * repeat until NULL. */
const struct ita_measure *ita_measures_next(const struct ita_measures *m, const char *agency,
                                            size_t item, size_t *cursor);

#endif
