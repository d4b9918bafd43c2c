/* JSON text to a cJSON tree, telling text that is not JSON from memory that ran
 * out (see ita/util.h). */
#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdlib.h>
#include <threads.h>

#include "ita/util.h"

/* cJSON_Parse* returns NULL both for text that is not JSON and for an allocation
 * that failed, and the only way cJSON offers to learn of the second is an
 * allocator of one's own, installed with cJSON_InitHooks. Those hooks are
 * process-wide by cJSON's design (there is no per-parse allocator), so this is
 * the one piece of mutable state outside a caller's structs, kept as small as it
 * can be: one flag per thread, cleared right before a parse and read right after
 * it, so that nothing outlives the call and parses on other threads (rank's
 * loader threads) cannot disturb it. The hooks are installed once, before the
 * first parse, through call_once. */
static _Thread_local bool alloc_failed;

static void *recording_malloc(size_t size)
{
    void *p = malloc(size);
    if (p == NULL)
        alloc_failed = true;
    return p;
}

static once_flag hooks_once = ONCE_FLAG_INIT;

static void install_hooks(void)
{
    cJSON_Hooks hooks = {recording_malloc, free};
    cJSON_InitHooks(&hooks);
}

static bool json_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The offset of the bracket that opens a container ITA_JSON_MAX_DEPTH + 1 deep,
 * or len. The limit is ours, not the library's (whose limit is fixed when it is
 * built), so that where deep nesting is refused does not depend on the build of
 * cJSON. */
static size_t too_deep_at(const char *s, size_t len)
{
    size_t depth = 0;
    bool in_string = false;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (in_string) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > ITA_JSON_MAX_DEPTH)
                return i;
        } else if ((c == ']' || c == '}') && depth > 0) {
            depth--;
        }
    }
    return len;
}

enum ita_status ita_json_parse(const char *text, size_t len, struct cJSON **out, size_t *line,
                               size_t *column)
{
    *out = NULL;
    call_once(&hooks_once, install_hooks);
    /* Text nested too deep is parsed only up to the bracket that is one too
     * many, so that an error before that bracket is still found first. len + 1
     * takes in the NUL after the text, so that text which ends too soon fails
     * at its end rather than on its last character. */
    size_t deep = too_deep_at(text, len);
    const char *end = NULL;
    alloc_failed = false;
    cJSON *root = cJSON_ParseWithLengthOpts(text, deep < len ? deep : len + 1, &end, false);
    if (alloc_failed) {
        cJSON_Delete(root);
        return ITA_ERR_NOMEM;
    }
    size_t at = end == NULL ? 0 : (size_t)(end - text);
    if (root != NULL) {
        while (at < len && json_space(text[at]))
            at++;
        if (at == len) {
            *out = root;
            return ITA_OK;
        }
        cJSON_Delete(root); /* something follows the value */
    } else if (deep < len && at + 1 >= deep) {
        at = deep; /* cJSON says the last character of what it was given */
    }
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
