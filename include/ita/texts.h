/* Interface texts in Thai and English, read from data/texts/LANG.json.
 *
 * A text file is one JSON object of key -> string. Placeholders are {1}, {2}, ...
 * and are filled by ita_texts_fill, never by printf, so that a text file cannot
 * change how arguments are read. A missing key yields the key itself, so a
 * missing translation shows instead of crashing. ita_texts_free frees all.
 */
#ifndef ITA_TEXTS_H
#define ITA_TEXTS_H

#include <stddef.h>
#include <stdint.h>

#include "ita/diag.h"
#include "ita/util.h"

enum ita_lang { ITA_LANG_EN = 0, ITA_LANG_TH = 1 };

struct ita_texts {
    enum ita_lang lang;
    const char *strings;     /* NUL-terminated keys and values, one after the other */
    size_t strings_size;
    const uint32_t *entries; /* per text: its key's and its value's offset in strings */
    size_t count;
    const uint32_t *table;   /* open-addressing hash of the keys: index + 1 (the first of equal keys) */
    size_t table_cap;        /* a power of two */
    /* read from JSON: strings and the words (table, then entries) are allocated */
    char *own_strings;
    uint32_t *own_words;
    /* read from the compact form (ita/compact.h): all of it in this mapping of
     * compact_size bytes, or in a form built into the binary (compact_size 0) */
    const void *compact_map;
    size_t compact_size;
};

struct ita_compact_forms;

/* The texts of the file at path: its compact form when that records this very
 * file (ita/compact.h): built into the binary (built_in; NULL: none), else
 * beside the file; else the JSON. */
enum ita_status ita_texts_load(const char *path, enum ita_lang lang, const struct ita_compact_forms *built_in,
                               struct ita_texts *t, struct ita_diags *diags);
/* The texts of JSON text json[0..len) (json[len] must be '\0'), never of a
 * compact form; `name` is used in diagnostics. */
enum ita_status ita_texts_parse(const char *json, size_t len, const char *name, enum ita_lang lang,
                                struct ita_texts *t, struct ita_diags *diags);
void ita_texts_free(struct ita_texts *t);
const char *ita_text(const struct ita_texts *t, const char *key);
/* The key and the text of the ith text (i < t->count), in file order. */
static inline const char *ita_texts_key(const struct ita_texts *t, size_t i)
{
    return t->strings + t->entries[2 * i];
}
static inline const char *ita_texts_value(const struct ita_texts *t, size_t i)
{
    return t->strings + t->entries[2 * i + 1];
}
/* Appends the text of key with {1}..{n} replaced by args. */
void ita_texts_fill(struct ita_buf *out, const struct ita_texts *t, const char *key,
                    const char *const *args, size_t n);

/* Display width of UTF-8 text in terminal columns (Thai marks take none). */
size_t ita_display_width(const char *s);
/* How the len bytes of s (NUL-ended) fit in max columns (max >= 1): their display
 * width (as ita_display_width) when it is at most max, and nothing else is set;
 * else max + 1, with *cut the bytes of s that a cell cut to max columns keeps
 * before its "…" (whole characters with their marks in max - 1 columns, up to
 * the first byte that is not UTF-8) and *cut_width their columns. It reads no
 * further than max + 1 columns, which spares a table the rest of a long text. */
size_t ita_display_fit(const char *s, size_t len, size_t max, size_t *cut, size_t *cut_width);

#endif
