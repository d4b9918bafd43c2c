/* The assessment framework of one fiscal year, read from data/frameworks/ita-YYYY.json.
 *
 * A framework says which tools, indicators, sub-indicators, items and
 * sub-questions a year has, their Thai and English texts, the weights, and the
 * rating scheme (grades AA-F or levels). The format is documented in
 * docs/frameworks.md. A framework is immutable once loaded; ita_framework_free
 * frees it and everything it owns and sets the pointer to NULL.
 */
#ifndef ITA_FRAMEWORK_H
#define ITA_FRAMEWORK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ita/diag.h"
#include "ita/util.h"

enum ita_tool { ITA_IIT = 0, ITA_EIT = 1, ITA_OIT = 2, ITA_TOOL_COUNT = 3 };

/* The texts and codes of a framework point into the JSON tree it was read from,
 * which the framework keeps (doc) until ita_framework_free. */
struct ita_fw_text {
    const char *th;
    const char *en;
};

struct ita_fw_tool {
    enum ita_tool tool;
    struct ita_fw_text name;
    int64_t weight;   /* hundredths of a percent */
    size_t first_indicator, indicator_count;
};

struct ita_fw_sub_indicator {
    const char *code;          /* "9.1" */
    struct ita_fw_text name;
    size_t indicator;          /* index into indicators */
    size_t item_count;
};

struct ita_fw_item {
    const char *code;          /* "I1" */
    enum ita_tool tool;
    unsigned number;           /* 1 for I1 */
    size_t indicator;          /* index into indicators */
    size_t sub_indicator;      /* index into sub_indicators, SIZE_MAX for none */
    struct ita_fw_text text;
    struct ita_fw_text *subs;  /* sub-questions, in order */
    size_t sub_count;
    size_t first_sub;          /* index of its first sub-question among all of the year */
    /* The same question in the previous year's framework (docs/frameworks.md):
     * previous_code is the file's "previous_code" (NULL when the key is absent: the
     * item of the same code); is_new when it is null (no counterpart); reworded when
     * only the wording changed. See ita_fw_item_previous_code. */
    const char *previous_code;
    bool is_new;
    bool reworded;
};

struct ita_fw_indicator {
    unsigned number;           /* 1..n */
    enum ita_tool tool;
    struct ita_fw_text name;
    int64_t weight;            /* hundredths of a percent */
    size_t first_item, item_count;
    size_t first_sub_indicator, sub_indicator_count; /* 0 count: mean of items */
};

enum ita_rating_scheme { ITA_RATING_GRADES, ITA_RATING_LEVELS };

struct ita_fw_rating_band {
    struct ita_fw_text name;   /* grades: th == en == "AA" */
    int64_t min;               /* hundredths */
    int64_t tool_min;          /* hundredths; ITA_MISSING for no tool condition */
    bool pass;
};

struct ita_framework {
    int year;                  /* B.E. */
    bool provisional;
    struct ita_fw_text name;
    char *path;                /* where it was read from */
    struct ita_fw_tool tools[ITA_TOOL_COUNT];
    struct ita_fw_indicator *indicators;
    size_t indicator_count;
    struct ita_fw_sub_indicator *sub_indicators;
    size_t sub_indicator_count;
    struct ita_fw_item *items;  /* all items, in framework order */
    size_t item_count;
    size_t sub_count;           /* all sub-questions of the year */
    enum ita_rating_scheme scheme;
    int64_t pass_mark;
    struct ita_fw_rating_band *bands; /* best first; the last has min 0 */
    size_t band_count;
    /* code lookup: item index + 1 by [tool][number], 0 when absent */
    uint16_t *lookup[ITA_TOOL_COUNT];
    unsigned lookup_size[ITA_TOOL_COUNT];
    struct ita_json doc;        /* the file's JSON tree, which holds the texts */
    /* Read from the compact form instead (ita/compact.h): the texts and codes
     * point into this read-only mapping (compact_size bytes), or into a form
     * built into the binary (compact_size 0, nothing to unmap), and the framework
     * and all its arrays are one allocation. NULL for a framework read from JSON. */
    const void *compact_map;
    size_t compact_size;
};

/* Parses a framework from JSON text; json[len] must be '\0' (as ita_read_file
 * leaves it); `name` is used in diagnostics. */
enum ita_status ita_framework_parse(const char *json, size_t len, const char *name,
                                    struct ita_framework **out, struct ita_diags *diags);
enum ita_status ita_framework_load(const char *path, struct ita_framework **out,
                                   struct ita_diags *diags);
void ita_framework_free(struct ita_framework **fw);

/* The item with this tool and number, or NULL. */
const struct ita_fw_item *ita_framework_item(const struct ita_framework *fw, enum ita_tool tool,
                                             unsigned number);
const char *ita_tool_code(enum ita_tool tool);
/* Parses "I1", "i01", " e15 " into tool and number; false when not an item code. */
bool ita_item_code_parse(const char *text, size_t len, enum ita_tool *tool, unsigned *number);
/* The same for a code without spaces around it ("I1", "i01"): what
 * ita_item_code_parse reads once it has cut them. */
static inline bool ita_item_code_plain(const char *text, size_t len, enum ita_tool *tool, unsigned *number)
{
    if (len < 2 || len > 8)
        return false;
    int t;
    switch (text[0]) {
    case 'I': case 'i': t = ITA_IIT; break;
    case 'E': case 'e': t = ITA_EIT; break;
    case 'O': case 'o': t = ITA_OIT; break;
    default: return false;
    }
    unsigned n = 0;
    for (size_t i = 1; i < len; i++) {
        if (text[i] < '0' || text[i] > '9')
            return false;
        n = n * 10 + (unsigned)(text[i] - '0');
    }
    if (n == 0 || n > 9999)
        return false;
    *tool = (enum ita_tool)t;
    *number = n;
    return true;
}

/* The code of the previous year's item that asks the same question: the item's
 * "previous_code", its own code when the file names none, NULL when it is new. */
const char *ita_fw_item_previous_code(const struct ita_fw_item *it);
/* The item of `prev` (the framework of the year before fw's) that asks the same
 * question as `it` of `fw`, or NULL when the question is new or `prev` lacks it.
 * When prev == fw (one file serving both years), the item itself. */
const struct ita_fw_item *ita_framework_previous_item(const struct ita_framework *fw,
                                                      const struct ita_fw_item *it,
                                                      const struct ita_framework *prev);

/* The band for an overall score and tool scores (ITA_MISSING where unknown). */
size_t ita_framework_rate(const struct ita_framework *fw, int64_t overall,
                          const int64_t tool_scores[ITA_TOOL_COUNT]);

/* The frameworks a run may use: found in a data directory, loaded on demand,
 * freed by ita_framework_set_free. `override_path`, when set, serves every year. */
struct ita_framework_set {
    char *dir;                 /* ".../frameworks" */
    /* the compact forms built into the binary, tried first (ita/compact.h); NULL */
    const struct ita_compact_forms *built_in;
    char *override_path;
    struct ita_framework *loaded[64];
    int loaded_year[64];
    size_t loaded_count;
    struct ita_framework *override;
    enum ita_status override_failed; /* ITA_OK until loading the override failed */
};

void ita_framework_set_init(struct ita_framework_set *set);
/* Both strings are copied. */
enum ita_status ita_framework_set_configure(struct ita_framework_set *set, const char *dir,
                                            const char *override_path);
void ita_framework_set_free(struct ita_framework_set *set);
/* The framework of a year (B.E.), or NULL with *status ITA_ERR_DATA when there is
 * none (no diagnostic added: the caller knows where the year came from), or with
 * another status and a diagnostic when the file is broken. */
const struct ita_framework *ita_framework_set_get(struct ita_framework_set *set, int year,
                                                  enum ita_status *status,
                                                  struct ita_diags *diags);
/* What a set had loaded at one moment (ita_framework_set_truncate). */
struct ita_framework_set_mark {
    size_t loaded_count;
    bool override_loaded;
    enum ita_status override_failed;
};
struct ita_framework_set_mark ita_framework_set_mark(const struct ita_framework_set *set);
/* Frees what was loaded since the mark, and forgets that a year had no
 * framework or a broken one, so that the next ita_framework_set_get of those
 * years reads their files again and says again what is wrong with them. Nothing
 * may point to those frameworks any more. */
void ita_framework_set_truncate(struct ita_framework_set *set, const struct ita_framework_set_mark *mark);
/* Years with a framework file, ascending; returns how many (at most max). */
size_t ita_framework_set_years(const struct ita_framework_set *set, int *years, size_t max);

#endif
