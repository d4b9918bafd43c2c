/* Small shared helpers: a growable byte buffer that renderers write into,
 * string duplication, whole-file reads for small files (frameworks, texts).
 * A buffer owns its bytes; ita_buf_free releases them. On allocation failure a
 * buffer remembers it (failed = true) and ignores further appends, so that
 * writers can check once at the end. A scratch buffer (ita_buf_scratch) helps to
 * write another one, its owner: a failure in it marks its owner, and the owner's
 * owner, failed at once, so that it cannot be lost when the scratch is freed.
 */
#ifndef ITA_UTIL_H
#define ITA_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ita/diag.h"

struct ita_buf {
    char *data;
    size_t len, cap;
    bool failed;
    struct ita_buf *owner; /* NULL, or the buffer a scratch buffer helps to write */
};

void ita_buf_init(struct ita_buf *b);
/* Starts b empty, as a scratch buffer for `owner` (which outlives it). */
void ita_buf_scratch(struct ita_buf *b, struct ita_buf *owner);
/* Releases b's bytes and leaves it empty and usable again, still tied to its owner. */
void ita_buf_free(struct ita_buf *b);
/* Marks b failed, and its owners. */
void ita_buf_fail(struct ita_buf *b);
/* b's text, or "" when it holds none. */
static inline const char *ita_buf_str(const struct ita_buf *b)
{
    return b->data != NULL ? b->data : "";
}
/* Makes room for extra more bytes (and the NUL after them): false, with b
 * marked failed, when memory ran out (or b had failed before). */
bool ita_buf_reserve(struct ita_buf *b, size_t extra);
/* Appends n bytes of s: growing the buffer when they do not fit. */
void ita_buf_append_grow(struct ita_buf *b, const char *s, size_t n);
/* Appends n bytes of s. Inline: the renderers append many short pieces, and a
 * literal's length is then known when compiling. */
static inline void ita_buf_append(struct ita_buf *b, const char *s, size_t n)
{
    /* room for them and the NUL after (cap is 0, or more than len) */
    if (n < b->cap - b->len && !b->failed) {
        memcpy(b->data + b->len, s, n);
        b->len += n;
        b->data[b->len] = '\0';
        return;
    }
    ita_buf_append_grow(b, s, n);
}
static inline void ita_buf_puts(struct ita_buf *b, const char *s)
{
    ita_buf_append(b, s, strlen(s));
}
static inline void ita_buf_putc(struct ita_buf *b, char c)
{
    if (1 < b->cap - b->len && !b->failed) {
        b->data[b->len++] = c;
        b->data[b->len] = '\0';
        return;
    }
    ita_buf_append_grow(b, &c, 1);
}
void ita_buf_printf(struct ita_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends s with JSON string escaping, in quotes. */
void ita_buf_json_string(struct ita_buf *b, const char *s);
/* Appends s as one CSV field, quoted when needed. */
void ita_buf_csv_field(struct ita_buf *b, const char *s);
/* Appends s with the five HTML-significant characters escaped. */
void ita_buf_html(struct ita_buf *b, const char *s);
/* Appends n spaces. */
void ita_buf_pad(struct ita_buf *b, size_t n);

#define ITA_UINT_BUFSZ 24
char *ita_strdup(const char *s);
/* A 64-bit hash of a NUL-ended string (FNV-1a), for open-addressing tables. */
uint64_t ita_hash_str(const char *s);
/* The same hash of n bytes: ita_hash_bytes(s, strlen(s)) == ita_hash_str(s). */
uint64_t ita_hash_bytes(const char *s, size_t n);
char *ita_strndup(const char *s, size_t n);
/* Copies s into out[0..size) (size > 0), cut to size - 1 bytes as
 * snprintf(out, size, "%s", s) cuts it, without printf's cost; returns out. */
char *ita_str_copy(char *out, size_t size, const char *s);
/* Writes v in decimal, as printf's "%llu" does, into out (NUL-ended); returns out. */
char *ita_uint_text(unsigned long long v, char out[ITA_UINT_BUFSZ]);
/* Reads a whole small file; returns 0 or an errno value (EFBIG past max). */
int ita_read_file(const char *path, size_t max, char **out, size_t *len);
bool ita_file_exists(const char *path);
bool ita_is_valid_utf8(const char *s, size_t n);
/* Decodes one UTF-8 sequence that starts with a byte >= 0x80 (shortest form, no
 * surrogates, at most U+10FFFF): its length, or 0 when it is not valid. */
size_t ita_utf8_decode(const unsigned char *s, size_t n, unsigned *cp);
/* Writes code point cp (at most U+10FFFF, not a surrogate) as UTF-8 into out: its
 * length, 1 to 4. */
size_t ita_utf8_encode(unsigned cp, char out[4]);
/* The value of a hexadecimal digit (either case), or -1. */
int ita_hex_digit(char c);
/* The deepest nesting of arrays and objects that ita_json_parse accepts. */
#define ITA_JSON_MAX_DEPTH 512
/* What a reader of JSON says when ita_json_parse returns ITA_ERR_IO. */
#define ITA_JSON_LIBRARY_MISSING "cJSON (package libcjson1) cannot be loaded"
struct cJSON;
struct ita_json_chunk;
/* A parsed JSON text: cJSON's tree and the memory it lives in. */
struct ita_json {
    struct cJSON *root;
    /* private to json.c: where the tree is allocated */
    struct ita_json_chunk *chunks;
    size_t first_chunk;
    char *text; /* the text the tree's strings point into, owned */
    bool strings_in_text; /* every string of the tree is in text */
};
/* Parses text[0..len) as one JSON value (cJSON's reading of it) nested at most
 * ITA_JSON_MAX_DEPTH deep, with nothing but white space after it. text[len] must
 * be readable and '\0' (as ita_read_file leaves it). Returns ITA_OK with the tree
 * in doc->root (the caller frees it with ita_json_free, never cJSON_Delete: the
 * tree lives in memory of its own), ITA_ERR_NOMEM when memory ran out, or
 * ITA_ERR_DATA with *line and *column (1-based, in characters) where the text
 * stops being JSON, or ITA_ERR_IO when the text needs libcjson (json.c reads
 * strict JSON itself and opens libcjson for the rest) and it cannot be loaded
 * (ITA_JSON_LIBRARY_MISSING says so); doc holds nothing then. The tree may be read, not changed.
 * The first call installs cJSON's allocator hooks for the whole process (see
 * json.c). */
enum ita_status ita_json_parse(const char *text, size_t len, struct ita_json *doc, size_t *line,
                               size_t *column);
/* The same, for text the caller allocated with malloc (text[len] == '\0'),
 * which the document takes and frees, whatever the result: its strings point
 * into it (json.c reads strict JSON in place and leaves the rest to cJSON). */
enum ita_status ita_json_parse_owned(char *text, size_t len, struct ita_json *doc, size_t *line,
                                     size_t *column);
/* The same read by cJSON alone: for the tests that hold the two readings to
 * the same trees and the same errors. */
enum ita_status ita_json_parse_cjson(const char *text, size_t len, struct ita_json *doc, size_t *line,
                                     size_t *column);
/* Whether two trees are the same: types, keys, strings, numbers, order, and
 * each first element's prev set (cJSON points it at the last). */
bool ita_json_same(const struct cJSON *a, const struct cJSON *b);
/* Frees the tree's nodes when none of its strings lives among them (strict
 * JSON without escapes, read in place): doc->root is then NULL, and the
 * strings taken from the tree stay valid until ita_json_free. Else nothing
 * changes. For a reader done with the tree but not with its strings: the
 * memory is used again by what is allocated next. */
void ita_json_drop_nodes(struct ita_json *doc);
/* Frees the tree of ita_json_parse (nothing when it holds none). */
void ita_json_free(struct ita_json *doc);

#endif
