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

/* The columns of an assigned Thai character at p (include/ita/unicode.h, the bulk
 * of every Thai text) as utf8proc counts them, without asking utf8proc: the vowel
 * and tone marks above and below take none, every other one column. -1 for
 * anything else, which utf8proc measures. */
static int thai_width(const unsigned char *p)
{
    if (p[0] != 0xE0 || (p[1] != 0xB8 && p[1] != 0xB9) || (p[2] & 0xC0) != 0x80)
        return -1;
    unsigned cp = 0x0E00u | (unsigned)(p[1] & 0x3F) << 6 | (unsigned)(p[2] & 0x3F);
    if (!ita_thai_assigned(cp))
        return -1;
    return cp == 0x0E31 || (cp >= 0x0E34 && cp <= 0x0E3A) || (cp >= 0x0E47 && cp <= 0x0E4E) ? 0 : 1;
}

size_t ita_display_width(const char *s)
{
    size_t w = 0;
    const unsigned char *p = (const unsigned char *)s, *end = p + strlen(s);
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    while (p < end) {
        if (end - p >= 8) {
            /* eight printable ASCII characters (none at 0x80 or above, below 0x20,
             * or 0x7F: each test sets a byte's high bit where it fails) take eight
             * columns */
            uint64_t x, del;
            memcpy(&x, p, 8);
            del = x ^ 0x7F * ones;
            if (((x | ((x - 0x20 * ones) & ~x) | ((del - ones) & ~del)) & highs) == 0) {
                w += 8;
                p += 8;
                continue;
            }
        }
        if (*p < 0x80) {
            /* ASCII (figures, most cells): a printable character takes one
             * column, a control character none, as utf8proc says */
            w += *p >= 0x20 && *p != 0x7F;
            p++;
            continue;
        }
        int tw = thai_width(p);
        if (tw >= 0) {
            w += (size_t)tw;
            p += 3;
            continue;
        }
        unsigned cp;
        size_t n = ita_utf8_decode(p, (size_t)(end - p), &cp);
        if (n == 0) {
            p++;
            w++;
            continue;
        }
        int cw = ita_unicode_width(cp);
        w += cw > 0 ? (size_t)cw : 0;
        p += n;
    }
    return w;
}

void ita_buf_cell(struct ita_buf *b, const char *s, size_t s_width, size_t width, int right_align)
{
    size_t w = s_width;
    if (w <= width) {
        if (right_align)
            ita_buf_pad(b, width - w);
        ita_buf_puts(b, s);
        if (!right_align)
            ita_buf_pad(b, width - w);
        return;
    }
    /* cut: keep whole characters (with their marks) up to width - 1 columns,
     * appended in one piece */
    const unsigned char *p = (const unsigned char *)s;
    size_t used = 0;
    while (*p) {
        size_t n = 1;
        size_t add;
        int tw;
        if (*p < 0x80) {
            add = *p >= 0x20 && *p != 0x7F; /* as ita_display_width counts ASCII */
        } else if ((tw = thai_width(p)) >= 0) {
            add = (size_t)tw;
            n = 3;
        } else {
            unsigned cp;
            n = ita_utf8_decode(p, 4, &cp); /* the NUL after s ends a sequence cut short */
            if (n == 0)
                break;
            int cw = ita_unicode_width(cp);
            add = cw > 0 ? (size_t)cw : 0;
        }
        if (used + add > width - 1)
            break;
        used += add;
        p += n;
    }
    ita_buf_append(b, s, (size_t)((const char *)p - s));
    ita_buf_puts(b, "\xE2\x80\xA6"); /* … */
    ita_buf_pad(b, width - used - 1);
}
