/* JSON text to a cJSON tree, telling text that is not JSON from memory that ran
 * out (see ita/util.h). */
#include <cjson/cJSON.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

#include "ita/dynlib.h"
#include "ita/util.h"

#if defined(__SSE2__) && !defined(ITA_PORTABLE_SCAN)
#include <emmintrin.h>
#define JSON_SSE2 1
#endif

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

/* libcjson, opened by the first text that json.c's own reader leaves to it
 * (include/ita/dynlib.h): the frameworks and texts are read from their compact
 * form, and strict JSON in place, so most runs never call it. Its two functions
 * are called through this table, so that a program which links libcjson itself
 * keeps its own. */
#define LIBCJSON_SONAME "libcjson.so.1" /* Debian 12: libcjson1 */
#define CJSON_FUNCTIONS(X) \
    X(cJSON_InitHooks) \
    X(cJSON_ParseWithLengthOpts)
static struct cjson_lib {
    CJSON_FUNCTIONS(ITA_DYNLIB_FIELD)
} lib;
#define SYMBOL(name) ITA_DYNLIB_SYMBOL(struct cjson_lib, name)
static const struct ita_dynlib_symbol cjson_symbols[] = {CJSON_FUNCTIONS(SYMBOL)};
static struct ita_dynlib libcjson = ITA_DYNLIB_INIT(LIBCJSON_SONAME, cjson_symbols, &lib);

static once_flag hooks_once = ONCE_FLAG_INIT;

static void install_hooks(void)
{
    cJSON_Hooks hooks = {json_malloc, json_free};
    lib.cJSON_InitHooks(&hooks);
}

/* Frees the tree, not the text. */
static void free_tree(struct ita_json *doc)
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

void ita_json_drop_nodes(struct ita_json *doc)
{
    if (doc->strings_in_text)
        free_tree(doc);
}

void ita_json_free(struct ita_json *doc)
{
    free_tree(doc);
    free(doc->text);
    doc->text = NULL;
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

/* The fast reading: strict JSON (RFC 8259) read in place, into the same cJSON
 * nodes that cJSON would build, in the document's arena. A string without
 * escapes is not copied: its closing quote becomes its NUL, in the text the
 * document owns; one with escapes is decoded into the arena. Whatever it does
 * not read exactly as cJSON does (a byte order mark, white space other than
 * the four of JSON, a control character in a string, \u escapes of surrogates
 * or of U+0000, a number cJSON would read further, nesting deeper than
 * ITA_JSON_MAX_DEPTH, anything that is not JSON) makes it give up, and cJSON
 * reads the text instead: every tree it builds is cJSON's tree of the same
 * text, every error is cJSON's. */
struct fast {
    char *s;
    size_t len, at;
    struct ita_json *doc;
    size_t last_nul;  /* one past the last closing quote made a NUL; 0: none */
    bool nomem;
    bool arena_strings; /* a string with escapes was decoded into the arena */
};

static cJSON *fast_node(struct fast *f)
{
    cJSON *n = arena_alloc(f->doc, sizeof *n);
    if (n == NULL) {
        f->nomem = true;
        return NULL;
    }
    memset(n, 0, sizeof *n);
    return n;
}

static void fast_space(struct fast *f)
{
    size_t i = f->at;
    if (i >= f->len || !json_space(f->s[i]))
        return;
#ifdef JSON_SSE2
    /* the indentation of a file written by hand or by a program: runs of spaces */
    const __m128i sp = _mm_set1_epi8(' '), nl = _mm_set1_epi8('\n'), tab = _mm_set1_epi8('\t'),
                  cr = _mm_set1_epi8('\r');
    while (f->len - i >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(f->s + i));
        __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, sp), _mm_cmpeq_epi8(v, nl)),
                                 _mm_or_si128(_mm_cmpeq_epi8(v, tab), _mm_cmpeq_epi8(v, cr)));
        unsigned other = (unsigned)_mm_movemask_epi8(m) ^ 0xFFFFu;
        if (other != 0) {
            f->at = i + (size_t)__builtin_ctz(other);
            return;
        }
        i += 16;
    }
#endif
    while (i < f->len && json_space(f->s[i]))
        i++;
    f->at = i;
}

/* The offset of the first quote, backslash or control character in s[q, end), or end. */
static size_t string_stop(const char *s, size_t q, size_t end)
{
#ifdef JSON_SSE2
    const __m128i quote = _mm_set1_epi8('"'), slash = _mm_set1_epi8('\\'), low = _mm_set1_epi8(0x1F);
    while (end - q >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + q));
        __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, slash)),
                                 _mm_cmpeq_epi8(_mm_max_epu8(v, low), low));
        unsigned mask = (unsigned)_mm_movemask_epi8(m);
        if (mask != 0)
            return q + (size_t)__builtin_ctz(mask);
        q += 16;
    }
#endif
    while (q < end && (unsigned char)s[q] >= 0x20 && s[q] != '"' && s[q] != '\\')
        q++;
    return q;
}

/* A \uXXXX escape at s (after the backslash and u): its code point, or 0 when it
 * is not four hex digits, is U+0000 or a surrogate (left to cJSON). */
static unsigned fast_u(const char *s)
{
    unsigned cp = 0;
    for (int i = 0; i < 4; i++) {
        int d = ita_hex_digit(s[i]);
        if (d < 0)
            return 0;
        cp = cp * 16 + (unsigned)d;
    }
    return cp >= 0xD800 && cp <= 0xDFFF ? 0 : cp;
}

/* The string at f->at (a quote): its value, or NULL. */
static char *fast_string(struct fast *f)
{
    size_t start = f->at + 1, q = start;
    bool escaped = false;
    for (;;) {
        q = string_stop(f->s, q, f->len);
        if (q >= f->len || (unsigned char)f->s[q] < 0x20)
            return NULL;
        if (f->s[q] == '"')
            break;
        /* a backslash: a known escape, checked here, decoded below */
        char e = f->s[q + 1];
        if (e == 'u') {
            if (f->len - q < 6 || fast_u(f->s + q + 2) == 0)
                return NULL;
            q += 6;
        } else if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' ||
                   e == 't') {
            q += 2;
        } else {
            return NULL;
        }
        escaped = true;
    }
    f->at = q + 1;
    if (!escaped) {
        f->s[q] = '\0';
        f->last_nul = q + 1;
        return f->s + start;
    }
    char *out = arena_alloc(f->doc, q - start + 1);
    f->arena_strings = true;
    if (out == NULL) {
        f->nomem = true;
        return NULL;
    }
    char *w = out;
    for (size_t r = start; r < q;) {
        if (f->s[r] != '\\') {
            *w++ = f->s[r++];
            continue;
        }
        char e = f->s[r + 1];
        r += 2;
        switch (e) {
        case 'b': *w++ = '\b'; break;
        case 'f': *w++ = '\f'; break;
        case 'n': *w++ = '\n'; break;
        case 'r': *w++ = '\r'; break;
        case 't': *w++ = '\t'; break;
        case 'u': {
            unsigned cp = fast_u(f->s + r);
            r += 4;
            w += ita_utf8_encode(cp, w);
            break;
        }
        default: *w++ = e; break; /* " \ / */
        }
    }
    *w = '\0';
    return out;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* A number in JSON's grammar that cJSON reads to the same end, read as cJSON
 * reads it (strtod of its characters; valueint saturated). */
static bool fast_number(struct fast *f, cJSON *item)
{
    const char *s = f->s;
    size_t i = f->at;
    if (s[i] == '-')
        i++;
    if (s[i] == '0') {
        i++;
    } else if (s[i] >= '1' && s[i] <= '9') {
        while (is_digit(s[i]))
            i++;
    } else {
        return false;
    }
    if (s[i] == '.') {
        if (!is_digit(s[++i]))
            return false;
        while (is_digit(s[i]))
            i++;
    }
    if (s[i] == 'e' || s[i] == 'E') {
        i++;
        if (s[i] == '+' || s[i] == '-')
            i++;
        if (!is_digit(s[i]))
            return false;
        while (is_digit(s[i]))
            i++;
    }
    /* cJSON takes in every character of these (up to 63) before strtod decides */
    if (i > f->len || is_digit(s[i]) || s[i] == '+' || s[i] == '-' || s[i] == 'e' || s[i] == 'E' ||
        s[i] == '.' || i - f->at > 63)
        return false;
    char digits[64];
    memcpy(digits, s + f->at, i - f->at);
    digits[i - f->at] = '\0';
    double x = strtod(digits, NULL);
    item->valuedouble = x;
    item->valueint = x >= INT_MAX ? INT_MAX : x <= (double)INT_MIN ? INT_MIN : (int)x;
    item->type = cJSON_Number;
    f->at = i;
    return true;
}

static bool fast_value(struct fast *f, cJSON *item, unsigned depth);

/* The members of an object or the elements of an array, after its bracket. */
static bool fast_container(struct fast *f, cJSON *item, bool object, unsigned depth)
{
    char close = object ? '}' : ']';
    item->type = object ? cJSON_Object : cJSON_Array;
    f->at++;
    fast_space(f);
    if (f->s[f->at] == close) {
        f->at++;
        return true;
    }
    cJSON *head = NULL, *tail = NULL;
    for (;;) {
        cJSON *n = fast_node(f);
        if (n == NULL)
            return false;
        if (head == NULL) {
            head = n;
        } else {
            tail->next = n;
            n->prev = tail;
        }
        tail = n;
        if (object) {
            if (f->s[f->at] != '"' || (n->string = fast_string(f)) == NULL)
                return false;
            fast_space(f);
            if (f->s[f->at] != ':')
                return false;
            f->at++;
            fast_space(f);
        }
        if (!fast_value(f, n, depth))
            return false;
        fast_space(f);
        if (f->at < f->len && f->s[f->at] == ',') {
            f->at++;
            fast_space(f);
            continue;
        }
        if (f->at < f->len && f->s[f->at] == close)
            break;
        return false;
    }
    f->at++;
    head->prev = tail;
    item->child = head;
    return true;
}

static bool fast_value(struct fast *f, cJSON *item, unsigned depth)
{
    const char *s = f->s + f->at;
    size_t left = f->len - f->at;
    switch (*s) {
    case '{':
    case '[':
        return depth < ITA_JSON_MAX_DEPTH && fast_container(f, item, *s == '{', depth + 1);
    case '"':
        item->type = cJSON_String;
        return (item->valuestring = fast_string(f)) != NULL;
    case 't':
    case 'f':
    case 'n': {
        static const struct {
            const char *word;
            int type;
        } words[] = {{"true", cJSON_True}, {"false", cJSON_False}, {"null", cJSON_NULL}};
        size_t w = *s == 't' ? 0 : *s == 'f' ? 1 : 2, n = strlen(words[w].word);
        if (left < n || memcmp(s, words[w].word, n) != 0)
            return false;
        item->type = words[w].type;
        item->valueint = *s == 't'; /* cJSON's true has valueint 1 */
        f->at += n;
        return true;
    }
    default:
        return fast_number(f, item);
    }
}

/* ITA_OK, ITA_ERR_NOMEM, or ITA_ERR_DATA when cJSON must read the text (which
 * is then as it was, and the arena empty). */
static enum ita_status fast_parse(char *text, size_t len, struct ita_json *doc)
{
    struct fast f = {text, len, 0, doc, 0, false, false};
    fast_space(&f);
    cJSON *root = fast_node(&f);
    bool ok = root != NULL && f.at < len && fast_value(&f, root, 0);
    if (ok) {
        fast_space(&f);
        ok = f.at == len;
    }
    if (ok) {
        doc->root = root;
        doc->strings_in_text = !f.arena_strings;
        return ITA_OK;
    }
    /* the closing quotes made NUL: every byte before the last of them was read
     * and found not to be NUL */
    for (size_t i = 0; i < f.last_nul; i++)
        if (text[i] == '\0')
            text[i] = '"';
    free_tree(doc);
    return f.nomem ? ITA_ERR_NOMEM : ITA_ERR_DATA;
}

static enum ita_status cjson_parse(const char *text, size_t len, struct ita_json *doc, size_t *line, size_t *column)
{
    int error = ita_dynlib_open(&libcjson);
    if (error != 0)
        return error == ENOMEM ? ITA_ERR_NOMEM : ITA_ERR_IO;
    call_once(&hooks_once, install_hooks);
    /* Text nested too deep is parsed only up to the bracket that is one too
     * many, so that an error before that bracket is still found first. len + 1
     * takes in the NUL after the text, so that text which ends too soon fails
     * at its end rather than on its last character. */
    size_t deep = too_deep_at(text, len);
    const char *end = NULL;
    alloc_failed = false;
    parsing = doc;
    cJSON *root = lib.cJSON_ParseWithLengthOpts(text, deep < len ? deep : len + 1, &end, false);
    parsing = NULL;
    if (alloc_failed) {
        free_tree(doc);
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
    free_tree(doc); /* not JSON, or something follows the value */
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

static void doc_init(struct ita_json *doc, size_t len)
{
    doc->root = NULL;
    doc->chunks = NULL;
    doc->text = NULL;
    doc->strings_in_text = false;
    doc->first_chunk = ARENA_FIRST(len < SIZE_MAX / 4 ? len : 0);
}

enum ita_status ita_json_parse_owned(char *text, size_t len, struct ita_json *doc, size_t *line, size_t *column)
{
    doc_init(doc, len);
    doc->text = text;
    enum ita_status st = fast_parse(text, len, doc);
    if (st == ITA_ERR_DATA)
        st = cjson_parse(text, len, doc, line, column);
    if (st != ITA_OK) {
        free(text);
        doc->text = NULL;
    }
    return st;
}

enum ita_status ita_json_parse(const char *text, size_t len, struct ita_json *doc, size_t *line,
                               size_t *column)
{
    doc_init(doc, len);
    char *own = len < SIZE_MAX ? ita_strndup(text, len) : NULL;
    return own != NULL ? ita_json_parse_owned(own, len, doc, line, column) : ITA_ERR_NOMEM;
}

enum ita_status ita_json_parse_cjson(const char *text, size_t len, struct ita_json *doc, size_t *line,
                                     size_t *column)
{
    doc_init(doc, len);
    return cjson_parse(text, len, doc, line, column);
}

bool ita_json_same(const cJSON *a, const cJSON *b)
{
    if (a == NULL || b == NULL)
        return a == b;
    if (a->type != b->type || a->valueint != b->valueint || memcmp(&a->valuedouble, &b->valuedouble, sizeof(double)) != 0)
        return false;
    if ((a->string == NULL) != (b->string == NULL) || (a->string != NULL && strcmp(a->string, b->string) != 0))
        return false;
    if ((a->valuestring == NULL) != (b->valuestring == NULL) ||
        (a->valuestring != NULL && strcmp(a->valuestring, b->valuestring) != 0))
        return false;
    const cJSON *x = a->child, *y = b->child;
    for (; x != NULL && y != NULL; x = x->next, y = y->next) {
        if (!ita_json_same(x, y))
            return false;
        if ((x->next == NULL) != (y->next == NULL))
            return false;
    }
    if (x != y)
        return false;
    if (a->child != NULL && ((a->child->prev == NULL) != (b->child->prev == NULL)))
        return false;
    return true;
}
