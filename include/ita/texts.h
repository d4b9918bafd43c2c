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

#include "ita/diag.h"
#include "ita/util.h"

enum ita_lang { ITA_LANG_EN = 0, ITA_LANG_TH = 1 };

struct ita_texts {
    enum ita_lang lang;
    const char **keys;   /* into doc */
    const char **values; /* into doc */
    size_t count;
    size_t *table;       /* open-addressing hash of the keys: index + 1 (the first of equal keys) */
    size_t table_cap;    /* a power of two */
    struct ita_json doc; /* the file's JSON tree, which holds the texts */
};

enum ita_status ita_texts_load(const char *path, enum ita_lang lang, struct ita_texts *t,
                               struct ita_diags *diags);
void ita_texts_free(struct ita_texts *t);
const char *ita_text(const struct ita_texts *t, const char *key);
/* Appends the text of key with {1}..{n} replaced by args. */
void ita_texts_fill(struct ita_buf *out, const struct ita_texts *t, const char *key,
                    const char *const *args, size_t n);

/* Display width of UTF-8 text in terminal columns (Thai marks take none). */
size_t ita_display_width(const char *s);
/* Appends s, cut to at most `width` columns (with "…" when cut), then pads to width;
 * s_width is ita_display_width(s), which a table knows already. */
void ita_buf_cell(struct ita_buf *b, const char *s, size_t s_width, size_t width, int right_align);

#endif
