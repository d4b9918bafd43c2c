/* Interface texts and display width. */
#include "ita/texts.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "ita/compact.h"
#include "ita/unicode.h"
#include "ita/util.h"
#include "json_node.h"

/* The texts of a JSON object: its keys and string values copied into one area
 * of strings, with the table and the entries of the compact form. */
static enum ita_status texts_from_json(const cJSON *root, struct ita_texts *t)
{
    size_t n = 0, bytes = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, root) {
        if (!ita_json_is_string(e))
            continue;
        n++;
        bytes += strlen(e->string) + strlen(e->valuestring) + 2;
    }
    if (n > UINT32_MAX / 4 || bytes >= UINT32_MAX)
        return ITA_ERR_NOMEM;
    t->table_cap = 16;
    while (t->table_cap < 2 * (n + 1))
        t->table_cap *= 2;
    t->own_words = calloc(t->table_cap + 2 * n + 1, sizeof *t->own_words);
    t->own_strings = malloc(bytes + 1);
    if (t->own_words == NULL || t->own_strings == NULL)
        return ITA_ERR_NOMEM;
    uint32_t *table = t->own_words, *entries = t->own_words + t->table_cap;
    t->table = table;
    t->entries = entries;
    t->strings = t->own_strings;
    size_t at = 0;
    cJSON_ArrayForEach(e, root) {
        if (!ita_json_is_string(e))
            continue;
        size_t k = strlen(e->string) + 1, v = strlen(e->valuestring) + 1;
        memcpy(t->own_strings + at, e->string, k);
        memcpy(t->own_strings + at + k, e->valuestring, v);
        entries[2 * t->count] = (uint32_t)at;
        entries[2 * t->count + 1] = (uint32_t)(at + k);
        t->count++;
        /* a key given twice is the first one's, as a search in file order finds */
        size_t i = ita_hash_str(e->string) & (t->table_cap - 1);
        while (table[i] != 0 && strcmp(t->strings + entries[2 * (table[i] - 1)], e->string) != 0)
            i = (i + 1) & (t->table_cap - 1);
        if (table[i] == 0)
            table[i] = (uint32_t)t->count;
        at += k + v;
    }
    t->own_strings[at] = '\0'; /* an area that ends in one even when empty */
    t->strings_size = at + 1;
    return ITA_OK;
}

static enum ita_status parse_owned(char *text, size_t len, const char *path, struct ita_texts *t,
                                   struct ita_diags *diags);

enum ita_status ita_texts_load(const char *path, enum ita_lang lang, const struct ita_compact_forms *built_in,
                               struct ita_texts *t, struct ita_diags *diags)
{
    memset(t, 0, sizeof *t);
    t->lang = lang;
    /* the compact form when it records this very file (ita/compact.h), else the JSON */
    if (ita_texts_compact_from(path, ita_compact_forms_find(built_in, path), lang, t))
        return ITA_OK;
    char compact[4096];
    for (int nth = 1; ita_compact_path(path, nth, compact, sizeof compact); nth++)
        if (ita_texts_compact_load(path, compact, lang, t))
            return ITA_OK;
    char *text = NULL;
    size_t len = 0;
    int err = ita_read_file(path, 1u << 20, &text, &len);
    if (err != 0) {
        ita_diags_add(diags, ITA_SEV_ERROR, path, 0, 0, "cannot read interface texts: %s", strerror(err));
        return err == ENOMEM ? ITA_ERR_NOMEM : ITA_ERR_IO;
    }
    return parse_owned(text, len, path, t, diags);
}

enum ita_status ita_texts_parse(const char *json, size_t len, const char *name, enum ita_lang lang,
                                struct ita_texts *t, struct ita_diags *diags)
{
    memset(t, 0, sizeof *t);
    t->lang = lang;
    char *text = len < SIZE_MAX ? ita_strndup(json, len) : NULL;
    return text != NULL ? parse_owned(text, len, name, t, diags) : ITA_ERR_NOMEM;
}

/* The texts of text (text[len] == '\0'), which it frees; t is zeroed but for its language. */
static enum ita_status parse_owned(char *text, size_t len, const char *path, struct ita_texts *t,
                                   struct ita_diags *diags)
{
    struct ita_json doc;
    size_t line = 0, column = 0;
    enum ita_status st = ita_json_parse_owned(text, len, &doc, &line, &column);
    if (st == ITA_ERR_DATA)
        ita_diags_add(diags, ITA_SEV_ERROR, path, line, column, "invalid interface texts: not valid JSON");
    else if (st == ITA_ERR_IO)
        ita_diags_add(diags, ITA_SEV_ERROR, path, 0, 0, "cannot read the interface texts: %s", ITA_JSON_LIBRARY_MISSING);
    if (st != ITA_OK)
        return st;
    if (!ita_json_is_object(doc.root)) {
        ita_json_free(&doc);
        ita_diags_add(diags, ITA_SEV_ERROR, path, 0, 0, "interface texts must be one JSON object");
        return ITA_ERR_DATA;
    }
    st = texts_from_json(doc.root, t);
    ita_json_free(&doc);
    if (st != ITA_OK)
        ita_texts_free(t);
    return st;
}

void ita_texts_free(struct ita_texts *t)
{
    free(t->own_words);
    free(t->own_strings);
    if (t->compact_size > 0)
        munmap((void *)(uintptr_t)t->compact_map, t->compact_size);
    memset(t, 0, sizeof *t);
}

const char *ita_text(const struct ita_texts *t, const char *key)
{
    if (t->table_cap == 0)
        return key;
    for (size_t i = ita_hash_str(key) & (t->table_cap - 1); t->table[i] != 0; i = (i + 1) & (t->table_cap - 1)) {
        const uint32_t *e = t->entries + 2 * (t->table[i] - 1);
        if (strcmp(t->strings + e[0], key) == 0)
            return t->strings + e[1];
    }
    return key;
}

void ita_texts_fill(struct ita_buf *out, const struct ita_texts *t, const char *key,
                    const char *const *args, size_t n)
{
    const char *s = ita_text(t, key);
    while (*s) {
        /* the text up to the next brace in one piece */
        size_t run = strcspn(s, "{");
        ita_buf_append(out, s, run);
        s += run;
        if (*s == '\0')
            break;
        if (s[1] >= '1' && s[1] <= '9' && s[2] == '}') {
            size_t k = (size_t)(s[1] - '1');
            if (k < n)
                ita_buf_puts(out, args[k]);
            s += 3;
            continue;
        }
        ita_buf_putc(out, *s++);
    }
}

/* The columns of an assigned Thai character at p, left bytes at most before the
 * end (include/ita/unicode.h; the bulk of every Thai text), as utf8proc counts
 * them, without asking utf8proc: the vowel and tone marks above and below take
 * none, every other one column. -1 for anything else, which utf8proc measures. */
static inline int thai_width(const unsigned char *p, size_t left)
{
    /* the marks of U+0E00..U+0E3F and of U+0E40..U+0E7F: bit (cp & 0x3F) of the
     * half's mask */
    static const uint64_t marks[2] = {(uint64_t)1 << 0x31 | ((((uint64_t)1 << 7) - 1) << 0x34),
                                      (((uint64_t)1 << 8) - 1) << 7};
    unsigned cp = ita_thai_at(p, left);
    if (cp == 0)
        return -1;
    return (int)(~marks[cp >> 6 & 1] >> (cp & 0x3F) & 1);
}

/* The columns and the length of the character at p (p[0] >= 0x80, not an
 * assigned Thai character, at most `left` bytes before the end), as utf8proc
 * counts them; 0 when it is not valid UTF-8. */
static size_t other_columns(const unsigned char *p, size_t left, size_t *cols)
{
    unsigned cp;
    size_t n = ita_utf8_decode(p, left, &cp);
    if (n == 0)
        return 0;
    int cw = ita_unicode_width(cp);
    *cols = cw > 0 ? (size_t)cw : 0;
    return n;
}

/* Whether the eight bytes at p are printable ASCII characters (none at 0x80 or
 * above, below 0x20, or 0x7F: each test sets a byte's high bit where it fails),
 * which take eight columns. */
static bool eight_printable(const unsigned char *p)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    uint64_t x, del;
    memcpy(&x, p, 8);
    del = x ^ 0x7F * ones;
    return ((x | ((x - 0x20 * ones) & ~x) | ((del - ones) & ~del)) & highs) == 0;
}

size_t ita_display_width(const char *s)
{
    size_t cut, cut_width;
    return ita_display_fit(s, strlen(s), SIZE_MAX, &cut, &cut_width);
}

size_t ita_display_fit(const char *s, size_t len, size_t max, size_t *cut, size_t *cut_width)
{
    const unsigned char *start = (const unsigned char *)s, *p = start, *end = p + len;
    /* printable ASCII (figures, codes, English), a column a byte, up to the first
     * other byte or max + 1 columns */
    size_t ascii = 0, upto = len <= max ? len : max + 1;
    while (upto - ascii >= 8 && eight_printable(p + ascii))
        ascii += 8;
    while (ascii < upto && p[ascii] >= 0x20 && p[ascii] < 0x7F)
        ascii++;
    if (ascii > max) {
        *cut = *cut_width = max - 1;
        return max + 1;
    }
    if (ascii == len)
        return len;
    /* the rest character by character; a cut of max - 1 columns is known once
     * max columns are */
    size_t w = ascii, kept = max - 1, kept_width = max - 1;
    bool cut_known = ascii >= max;
    p += ascii;
    while (p < end) {
        size_t cols, n = 1;
        int tw;
        if (*p >= 0x80) {
            /* a run of Thai characters (a column or none each) that can neither
             * make the cut nor pass max, the bulk of a Thai text */
            const unsigned char *run = p;
            while ((cut_known ? w < max : w + 1 < max) && (tw = thai_width(p, (size_t)(end - p))) >= 0) {
                w += (size_t)tw;
                p += 3;
            }
            if (p != run)
                continue;
        }
        if (*p < 0x80) {
            /* eight printable ASCII characters at once: when the cut is known,
             * or all of them fit before it */
            if (end - p >= 8 && (cut_known || w + 8 <= max - 1) && eight_printable(p)) {
                n = 8;
                cols = 8;
            } else {
                /* ASCII (figures, most cells): a printable character takes one
                 * column, a control character none, as utf8proc says */
                cols = *p >= 0x20 && *p != 0x7F;
            }
        } else if ((tw = thai_width(p, (size_t)(end - p))) >= 0) {
            cols = (size_t)tw;
            n = 3;
        } else if ((n = other_columns(p, (size_t)(end - p), &cols)) == 0) {
            cols = 1; /* not UTF-8: one column to ita_display_width, the end of a cut */
        }
        if (!cut_known && (n == 0 || w + cols > max - 1)) {
            /* a cut keeps the characters before this one (with their marks) */
            cut_known = true;
            kept = (size_t)(p - start);
            kept_width = w;
        }
        w += cols;
        p += n > 0 ? n : 1;
        if (w > max) {
            *cut = kept;
            *cut_width = kept_width;
            return max + 1;
        }
    }
    return w;
}
