/* JSON text to a cJSON tree, telling text that is not JSON from memory that ran
 * out (see ita/util.h). */
#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

#include "ita/util.h"

/* cJSON_Parse* returns NULL both for text that is not JSON and for an allocation
 * that failed, and the only way cJSON offers to learn of the second is an
 * allocator of one's own, installed with cJSON_InitHooks. Those hooks are
 * process-wide by cJSON's design (there is no per-parse allocator), so this is
 * the one piece of mutable state outside a caller's structs, kept as small as it
 * can be: per thread, the document being parsed (NULL outside ita_json_parse)
 * and a flag, both set right before a parse and read right after it, so that
 * nothing outlives the call and parses on other threads (rank's loader threads)
 * cannot disturb it. The hooks are installed once, before the first parse,
 * through call_once.
 *
 * During ita_json_parse the tree is allocated from the document's own chunks
 * (an arena): a framework file is thousands of small nodes and strings, and one
 * malloc and one free for each was a fifth of the instructions of a short run
 * (bench/profile.md). The tree is then freed at once, chunk by chunk, by
 * ita_json_free, never node by node. Outside a parse (a tree built or parsed
 * by cJSON's own functions) the hooks are plain malloc and free. */
struct ita_json_chunk {
    struct ita_json_chunk *next;
    size_t used, size;
    max_align_t data[];
};

static _Thread_local struct ita_json *parsing;
static _Thread_local bool alloc_failed;

#define ARENA_ALIGN (sizeof(max_align_t))
/* The first chunk of a document, per byte of its text: a framework file's tree
 * takes about 1.3 bytes per byte of text, an interface text file's about 1.4. */
#define ARENA_FIRST(len) ((len) + (len) / 2 + 1024)
#define ARENA_NEXT (64u << 10)

static void *arena_alloc(struct ita_json *doc, size_t size)
{
    if (size > SIZE_MAX / 2)
        return NULL;
    size = (size + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
    struct ita_json_chunk *c = doc->chunks;
    if (c == NULL || c->size - c->used < size) {
        size_t want = c == NULL ? doc->first_chunk : ARENA_NEXT;
        if (want < size)
            want = size;
        struct ita_json_chunk *n = malloc(sizeof *n + want);
        if (n == NULL)
            return NULL;
        n->size = want;
        n->used = 0;
        if (c != NULL && c->size - c->used >= want - size) {
            /* the current chunk has more room left than the new one would: keep
             * filling it, the new one (as large as the request) goes behind */
            n->next = c->next;
            c->next = n;
        } else {
            n->next = c;
            doc->chunks = n;
        }
        c = n;
    }
    void *p = (char *)c->data + c->used;
    c->used += size;
    return p;
}

static void *json_malloc(size_t size)
{
    void *p = parsing != NULL ? arena_alloc(parsing, size) : malloc(size);
    if (p == NULL)
        alloc_failed = true;
    return p;
}

static void json_free(void *p)
{
    /* during a parse, cJSON frees only what it allocated in that parse: arena memory */
    if (parsing == NULL)
        free(p);
}

static once_flag hooks_once = ONCE_FLAG_INIT;

static void install_hooks(void)
{
    cJSON_Hooks hooks = {json_malloc, json_free};
    cJSON_InitHooks(&hooks);
}

void ita_json_free(struct ita_json *doc)
{
    struct ita_json_chunk *c = doc->chunks;
    while (c != NULL) {
        struct ita_json_chunk *next = c->next;
        free(c);
        c = next;
    }
    doc->chunks = NULL;
    doc->root = NULL;
}

static bool json_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The offset of the bracket that opens a container ITA_JSON_MAX_DEPTH + 1 deep,
 * or len. The limit is ours, not the library's (whose limit is fixed when it is
 * built), so that where deep nesting is refused does not depend on the build of
 * cJSON. A string is skipped with memchr to its next quote; the quote ends it
 * unless an odd number of backslashes stands right before it (each pair is one
 * escaped backslash). */
static size_t too_deep_at(const char *s, size_t len)
{
    static const bool structural[256] = {['"'] = true, ['['] = true, ['{'] = true, [']'] = true, ['}'] = true};
    size_t depth = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (!structural[(unsigned char)c])
            continue;
        if (c == '"') {
            for (;;) {
                const char *q = memchr(s + i + 1, '"', len - i - 1);
                if (q == NULL)
                    return len;
                i = (size_t)(q - s);
                size_t slashes = 0;
                while (s[i - 1 - slashes] == '\\')
                    slashes++;
                if (slashes % 2 == 0)
                    break;
            }
        } else if (c == '[' || c == '{') {
            if (++depth > ITA_JSON_MAX_DEPTH)
                return i;
        } else if ((c == ']' || c == '}') && depth > 0) {
            depth--;
        }
    }
    return len;
}

enum ita_status ita_json_parse(const char *text, size_t len, struct ita_json *doc, size_t *line,
                               size_t *column)
{
    doc->root = NULL;
    doc->chunks = NULL;
    doc->first_chunk = ARENA_FIRST(len < SIZE_MAX / 4 ? len : 0);
    call_once(&hooks_once, install_hooks);
    /* Text nested too deep is parsed only up to the bracket that is one too
     * many, so that an error before that bracket is still found first. len + 1
     * takes in the NUL after the text, so that text which ends too soon fails
     * at its end rather than on its last character. */
    size_t deep = too_deep_at(text, len);
    const char *end = NULL;
    alloc_failed = false;
    parsing = doc;
    cJSON *root = cJSON_ParseWithLengthOpts(text, deep < len ? deep : len + 1, &end, false);
    parsing = NULL;
    if (alloc_failed) {
        ita_json_free(doc);
        return ITA_ERR_NOMEM;
    }
    size_t at = end == NULL ? 0 : (size_t)(end - text);
    if (root != NULL) {
        while (at < len && json_space(text[at]))
            at++;
        if (at == len) {
            doc->root = root;
            return ITA_OK;
        }
    }
    ita_json_free(doc); /* not JSON, or something follows the value */
    if (root == NULL && deep < len && at + 1 >= deep)
        at = deep; /* cJSON says the last character of what it was given */
    size_t l = 1, col = 1;
    for (size_t i = 0; i < at && i < len; i++) {
        if (text[i] == '\n') {
            l++;
            col = 1;
        } else if (((unsigned char)text[i] & 0xC0) != 0x80) {
            col++;
        }
    }
    *line = l;
    *column = col;
    return ITA_ERR_DATA;
}
