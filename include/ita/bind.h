/* Bind: CSV records + each year's framework -> a validated score set.
 *
 * The binder maps header names to meanings (year, score, item, indicator, sub,
 * agency, label, published result; in English or Thai, see docs/cli.md; anything
 * else is an agency attribute), checks every row against the framework of its
 * year, and stores each given score at its level: overall, indicator,
 * sub-indicator, item or sub-question. Two layouts are read:
 *  - tidy: one score a row, in the column `score`, placed by item, indicator, sub;
 *  - wide: no `score` column, and columns named by what they score (`overall`,
 *    `IIT`, `1`, `9.1`, `I1`, `I1.1`, ...): one row per agency and year, each
 *    cell one score. A column is checked against the framework of each row's year.
 * A file without a year column takes the year given to the binder (--year).
 * Thai digits are read as digits. An empty score is not given: it is skipped and
 * counted (blank_cells), never 0 and never an error. Rows may come from several
 * files; the set keeps growing. Memory is bounded by agencies x years x framework
 * size, never by rows. ita_score_set_free frees everything the set holds; the
 * frameworks it points to belong to the framework set.
 */
#ifndef ITA_BIND_H
#define ITA_BIND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ita/diag.h"
#include "ita/framework.h"
#include "ita/load.h"

#define ITA_NOT_GIVEN (-1)

/* One agency's given scores for one year, laid out by the framework:
 * [0] overall, then indicators, sub-indicators, items, sub-questions, tools. */
struct ita_year_scores {
    int year;
    const struct ita_framework *fw;
    int16_t *values;   /* hundredths (0..10000 fit in 16 bits), ITA_NOT_GIVEN where absent */
    uint32_t *lines;   /* physical line that gave each value */
    size_t given;      /* how many values were given */
    int16_t band;      /* the published result (grade or level): band index of fw, ITA_NOT_GIVEN */
    uint32_t band_line; /* physical line that gave it (0 in a lean set) */
};

/* One value that an agency's rows gave an attribute (a column such as province). */
struct ita_attr_value {
    char *text;
    size_t rows;       /* how many rows gave it */
    uint32_t line;     /* the first line that gave it; 0 in a lean set */
    uint32_t file;     /* which file that line is in: the binder's ordinal in the set */
};

/* Every distinct value an agency's rows gave one attribute: memory grows with
 * agencies x attributes x distinct values, never with rows. */
struct ita_attr_tally {
    struct ita_attr_value *values;
    size_t count;
    size_t chosen;     /* index of the value in use */
};

struct ita_agency {
    char *name;
    /* attr_cap values, NULL where absent. Where the rows disagree, the value given
     * on the most rows, a tie going to the first in code-point order, so that the
     * choice never depends on the order of the rows. The strings belong to tallies. */
    char **attrs;
    struct ita_attr_tally *tallies; /* attr_cap */
    size_t attr_cap;
    struct ita_year_scores *years; /* ascending by year */
    size_t year_count;
};

struct ita_score_set {
    struct ita_agency *agencies; /* in order of first appearance */
    size_t count, cap;
    char **attr_names;
    size_t attr_count;
    size_t *table;     /* open-addressing hash of agency names: index + 1 */
    size_t table_cap;
    uint32_t files_bound; /* binders begun on this set: the ordinal of each file */
    /* Lean: keep no line numbers (ita_year_scores.lines is NULL), two thirds of the
     * memory; for callers that read the input again to list problems, since a
     * duplicate is then reported without the line of its first appearance. */
    bool lean;
};

void ita_score_set_init(struct ita_score_set *set);
void ita_score_set_free(struct ita_score_set *set);
/* The agency with this (normalised) name, or NULL. */
const struct ita_agency *ita_score_set_find(const struct ita_score_set *set, const char *name);

/* Offsets of each level in ita_year_scores.values. */
size_t ita_slot_overall(const struct ita_framework *fw);
size_t ita_slot_indicator(const struct ita_framework *fw, size_t indicator);
size_t ita_slot_sub_indicator(const struct ita_framework *fw, size_t sub_indicator);
size_t ita_slot_item(const struct ita_framework *fw, size_t item);
size_t ita_slot_sub(const struct ita_framework *fw, size_t sub);
size_t ita_slot_tool(const struct ita_framework *fw, enum ita_tool tool);
size_t ita_slot_count(const struct ita_framework *fw);

/* Moves everything src holds into dst, as if src's rows had followed dst's:
 * agencies new to dst are appended in src's order, the values of an attribute
 * are counted together (a value new to an agency that has another is a warning),
 * and a score given in both is a diagnostic (an error when the two differ). Both
 * sets must point to the same frameworks; src is left empty. */
enum ita_status ita_score_set_merge(struct ita_score_set *dst, struct ita_score_set *src,
                                    struct ita_diags *diags);

/* The year's scores of an agency, or NULL. */
const struct ita_year_scores *ita_agency_year(const struct ita_agency *agency, int year);

/* Normalises an agency name: trims, collapses runs of white space to one space,
 * and applies Unicode NFC (include/ita/unicode.h: a name of ASCII and Thai needs
 * no library). ITA_OK with a new string in *norm (the caller frees it);
 * ITA_ERR_NOMEM; or ITA_ERR_IO with a diagnostic when the name needs libutf8proc
 * and it cannot be loaded. */
enum ita_status ita_agency_name_normalize(const char *name, size_t len, char **norm, struct ita_diags *diags);

/* A wide-layout column: what it scores, resolved against each row's framework. */
enum ita_wide_kind { ITA_WIDE_OVERALL, ITA_WIDE_TOOL, ITA_WIDE_INDICATOR, ITA_WIDE_SUB_INDICATOR,
                     ITA_WIDE_ITEM, ITA_WIDE_SUB };

struct ita_wide_column {
    size_t col;                /* 0-based field index */
    enum ita_wide_kind kind;
    enum ita_tool tool;        /* TOOL, ITEM, SUB */
    unsigned number;           /* INDICATOR, ITEM, SUB: the indicator or item number */
    unsigned sub;              /* SUB: the sub-question number */
    char code[16];             /* SUB_INDICATOR: "9.1" */
    char name[ITA_QUOTE_BUFSZ]; /* the header as written, quoted, for messages */
    const struct ita_framework *fw; /* cache: the framework slot was resolved for */
    size_t slot;               /* SIZE_MAX: not in that framework */
    int told_year;             /* the last year the column was said not to exist in */
};

struct ita_wide_cell {
    size_t slot;
    int64_t score;
    size_t col;
};

/* An agency's name as a file writes it, and the agency it names. */
struct ita_raw_name {
    char *raw;
    size_t len;
    uint64_t hash;
    size_t index;      /* in the score set */
};

struct ita_binder {
    struct ita_score_set *set;
    struct ita_framework_set *frameworks;
    struct ita_diags *diags;
    const char *file;
    uint32_t file_no;     /* the file's ordinal in the set (ita_score_set.files_bound) */
    /* column of each known meaning, SIZE_MAX when absent */
    size_t col_year, col_score, col_item, col_indicator, col_sub, col_agency, col_label, col_grade;
    /* wide layout: the score columns (wide_count > 0 means the file is wide) */
    struct ita_wide_column *wide;
    size_t wide_count;
    struct ita_wide_cell *cells; /* a row's scores, before they are stored */
    /* the year of every row of a file without a year column (--year); 0: none */
    int default_year;
    size_t blank_cells;   /* empty scores skipped */
    size_t *attr_of_col;  /* attribute index per column, SIZE_MAX for known ones */
    size_t *attr_cols;    /* the columns that are attributes, in order */
    size_t attr_col_count;
    size_t column_count;
    bool header_ok;
    int missing_years[16];
    size_t missing_year_count;
    /* the names as written that were found already (at most about two per agency
     * of the set, so that memory stays bounded by agencies): an open-addressing
     * table of entry + 1 */
    struct ita_raw_name *raw_names;
    size_t raw_count, raw_cap;
    size_t *raw_table;
    size_t raw_table_cap;
    /* cache of the last agency seen; last_raw belongs to raw_names or is NULL */
    const char *last_raw;
    size_t last_raw_len, last_index;
    bool has_last;
    enum ita_status status;
    size_t rows;          /* records seen: the ordinal of the record being bound */
    /* What the binder remembers of a record, with the ordinal of that record (0:
     * none), so that a field the reader says repeats the one above (same_as_above)
     * is taken as it was only when that record is the one just before. */
    size_t year_row;      /* the row whose year was read: last_year */
    int last_year;
    size_t item_row;      /* the row whose item code was read: last_item of item_fw */
    const struct ita_fw_item *last_item;
    const struct ita_framework *item_fw;
    size_t agency_row;    /* the row whose agency was found: last_index */
    size_t attrs_row;     /* the row whose attributes were counted, for agency attrs_agency */
    size_t attrs_agency;
    size_t *attr_value;   /* per column: the value counted on attrs_row, SIZE_MAX when empty */
    /* the first of the last columns, each the item, sub or score column, that
     * follow every other column of a file of one score a row (no indicator,
     * grade or wide columns): a record whose earlier columns repeat the record
     * before can be bound from these alone (the sink's tail); SIZE_MAX: never */
    size_t tail_from;
    size_t tail_to;               /* the first of the sub and score columns */
    unsigned char tail_kind[3];   /* what each column from tail_from on is (bind.c) */
    size_t tail_ready;            /* the record taken by its tail last, while none came after it */
    /* records taken by their tail whose attributes are not counted yet (those
     * of attrs_row), and the line of the first */
    size_t tail_attr_rows;
    uint32_t tail_attr_line;
    /* the framework of fw_year, once found (the set's answer never changes) */
    int fw_year;
    const struct ita_framework *fw;
    /* the scores of agency ys_agency (index + 1; 0: none) in year ys_year */
    size_t ys_agency;
    int ys_year;
    struct ita_year_scores *ys;
};

/* Prepares a binder for one file; the sink it fills passes records to it.
 * Set default_year after this call, before the first record. */
void ita_binder_begin(struct ita_binder *b, struct ita_score_set *set,
                      struct ita_framework_set *frameworks, struct ita_diags *diags,
                      const char *file, struct ita_load_sink *sink);
void ita_binder_end(struct ita_binder *b);

/* Converts a B.E. or C.E. year to B.E.; 0 when it is not a year. */
int ita_year_to_be(long year);

#endif
