/* Framework files: JSON (cJSON) to an immutable struct, with validation. */
#include "ita/framework.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "ita/compact.h"
#include "ita/decimal.h"
#include "util.h"
#include "json_node.h"

const char *ita_tool_code(enum ita_tool tool)
{
    static const char *const codes[] = {"IIT", "EIT", "OIT"};
    return (unsigned)tool < ITA_TOOL_COUNT ? codes[tool] : "?";
}

bool ita_item_code_parse(const char *text, size_t len, enum ita_tool *tool, unsigned *number)
{
    while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\t'))
        len--;
    while (len > 0 && (*text == ' ' || *text == '\t')) {
        text++;
        len--;
    }
    return ita_item_code_plain(text, len, tool, number);
}

const struct ita_fw_item *ita_framework_item(const struct ita_framework *fw, enum ita_tool tool,
                                             unsigned number)
{
    if ((unsigned)tool >= ITA_TOOL_COUNT || number >= fw->lookup_size[tool])
        return NULL;
    uint16_t k = fw->lookup[tool][number];
    return k == 0 ? NULL : &fw->items[k - 1];
}

size_t ita_framework_rate(const struct ita_framework *fw, int64_t overall,
                          const int64_t tool_scores[ITA_TOOL_COUNT])
{
    for (size_t b = 0; b < fw->band_count; b++) {
        const struct ita_fw_rating_band *band = &fw->bands[b];
        if (overall < band->min)
            continue;
        if (band->tool_min != ITA_MISSING) {
            bool ok = true;
            for (int t = 0; t < ITA_TOOL_COUNT; t++)
                if (tool_scores[t] == ITA_MISSING || tool_scores[t] < band->tool_min)
                    ok = false;
            if (!ok)
                continue;
        }
        return b;
    }
    return fw->band_count - 1;
}

void ita_framework_free(struct ita_framework **pfw)
{
    struct ita_framework *fw = *pfw;
    if (fw == NULL)
        return;
    if (fw->compact_map != NULL) {
        if (fw->compact_size > 0)
            munmap((void *)(uintptr_t)fw->compact_map, fw->compact_size);
        free(fw); /* the block of every array */
        *pfw = NULL;
        return;
    }
    free(fw->path);
    for (int t = 0; t < ITA_TOOL_COUNT; t++)
        free(fw->lookup[t]);
    free(fw->indicators);
    free(fw->sub_indicators);
    for (size_t i = 0; i < fw->item_count; i++)
        free(fw->items[i].subs);
    free(fw->items);
    free(fw->bands);
    ita_json_free(&fw->doc); /* the texts and codes */
    free(fw);
    *pfw = NULL;
}

/* Parsing context. Every problem is reported with the JSON path of the value it
 * is about ($.indicators[3].items[2].code) and parsing goes on, so that one run
 * lists every problem it can; only running out of memory stops it. */
struct fw_parse {
    const char *name;
    struct ita_diags *diags;
    bool failed;
    bool nomem;
    char path[256];
    size_t path_len;
};

/* Appends n bytes of s to the path, as many as fit. */
static void path_put(struct fw_parse *p, const char *s, size_t n)
{
    size_t room = sizeof p->path - 1 - p->path_len;
    if (n > room)
        n = room;
    memcpy(p->path + p->path_len, s, n);
    p->path_len += n;
    p->path[p->path_len] = '\0';
}

/* Extends the path by .key or [index]; returns the length to go back to. */
static size_t path_push(struct fw_parse *p, const char *key, size_t index)
{
    size_t old = p->path_len;
    if (key != NULL) {
        path_put(p, ".", 1);
        path_put(p, key, strlen(key));
    } else {
        char digits[ITA_UINT_BUFSZ];
        ita_uint_text(index, digits);
        path_put(p, "[", 1);
        path_put(p, digits, strlen(digits));
        path_put(p, "]", 1);
    }
    return old;
}

/* Whether an item code of `len` bytes that parsed to `number` is written in
 * the one way: its letter and the number's digits, no zero before them and no
 * space around. */
static bool code_is_canonical(size_t len, unsigned number)
{
    size_t digits = 1;
    while ((number /= 10) != 0)
        digits++;
    return len == 1 + digits;
}

static void path_pop(struct fw_parse *p, size_t old)
{
    p->path_len = old;
    p->path[old] = '\0';
}

/* A problem with the value at the path, or with its member `key` when not NULL. */
static void problem(struct fw_parse *p, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void problem(struct fw_parse *p, const char *key, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ita_diags_add(p->diags, ITA_SEV_ERROR, p->name, 0, 0, "invalid framework: %s%s%.60s: %s", p->path,
                  key != NULL ? "." : "", key != NULL ? key : "", msg);
    p->failed = true;
}

static void out_of_memory(struct fw_parse *p)
{
    p->nomem = p->failed = true;
}

/* cJSON_GetObjectItemCaseSensitive: the first member of obj with this key, or
 * NULL; the first bytes are compared before the rest (a framework asks for a
 * dozen keys of each of hundreds of objects). */
static const cJSON *member(const cJSON *obj, const char *key)
{
    for (const cJSON *e = obj != NULL ? obj->child : NULL; e != NULL && e->string != NULL; e = e->next)
        if (e->string[0] == key[0] && strcmp(e->string, key) == 0)
            return e;
    return NULL;
}

/* Whether obj is an object; only the keys of the format may occur in it (a
 * misspelt key would be silently ignored), each other key is a problem. */
static bool known_keys(struct fw_parse *p, const cJSON *obj, const char *const *keys)
{
    if (!ita_json_is_object(obj)) {
        problem(p, NULL, "must be an object");
        return false;
    }
    const cJSON *e;
    cJSON_ArrayForEach(e, obj) {
        bool ok = false;
        for (const char *const *k = keys; *k != NULL && !ok; k++)
            ok = (*k)[0] == e->string[0] && strcmp(*k, e->string) == 0;
        if (!ok) {
            char list[400] = "";
            size_t n = 0;
            for (const char *const *k = keys; *k != NULL && n < sizeof list; k++)
                n += (size_t)snprintf(list + n, sizeof list - n, "%s%s", k == keys ? "" : ", ", *k);
            problem(p, e->string, "unknown key (the keys here are %s)", list);
        }
    }
    return true;
}

static const char *const top_keys[] = {"schema", "year", "year_ce", "status", "name_th", "name_en", "notes",
                                       "sources", "rating", "tools", "indicators", NULL};
static const char *const rating_keys[] = {"scheme", "pass", "grades", "levels", NULL};
static const char *const grade_keys[] = {"name", "min", NULL};
static const char *const level_keys[] = {"name_th", "name_en", "min", "tool_min", "pass", NULL};
static const char *const tool_keys[] = {"code", "name_th", "name_en", "weight", NULL};
static const char *const indicator_keys[] = {"number", "tool", "name_th", "name_en", "weight", "sub_indicators",
                                             "items", NULL};
static const char *const sub_indicator_keys[] = {"code", "name_th", "name_en", NULL};
static const char *const item_keys[] = {"code", "sub_indicator", "text_th", "text_en", "previous_code",
                                        "reworded", "subs", NULL};
static const char *const sub_keys[] = {"text_th", "text_en", NULL};

/* A string of the tree (which the framework keeps). */
static const char *get_string(struct fw_parse *p, const cJSON *obj, const char *key, bool required)
{
    const cJSON *v = member(obj, key);
    if (v == NULL || !ita_json_is_string(v)) {
        if (required)
            problem(p, key, v == NULL ? "is missing (a string)" : "must be a string");
        return NULL;
    }
    if (required && v->valuestring[0] == '\0') {
        problem(p, key, "must not be empty");
        return NULL;
    }
    return v->valuestring;
}

static void get_text(struct fw_parse *p, const cJSON *obj, const char *th_key, const char *en_key,
                     struct ita_fw_text *t)
{
    t->th = get_string(p, obj, th_key, true);
    t->en = get_string(p, obj, en_key, true);
}

/* A JSON number with at most two decimals, as hundredths. */
static bool get_cents(struct fw_parse *p, const cJSON *obj, const char *key, int64_t *out,
                      bool nullable)
{
    const cJSON *v = member(obj, key);
    if (nullable && (v == NULL || ita_json_is_null(v))) {
        *out = ITA_MISSING;
        return true;
    }
    if (v == NULL || !ita_json_is_number(v)) {
        problem(p, key, v == NULL ? "is missing (a number)" : "must be a number");
        return false;
    }
    double x = v->valuedouble * 100.0;
    /* the whole number nearest x (which of two when x is halfway does not
     * matter: x is then not within 1e-6 of either), without libm: outside
     * (-1, 2e9) the test below fails whatever r is */
    double r = x > -1.0 && x < 2e9 ? (double)(int64_t)(x + 0.5) : -1.0;
    if (!(fabs(x - r) < 1e-6) || r < 0 || r > 1e9) {
        problem(p, key, "must be a number from 0 with at most two decimals");
        return false;
    }
    *out = (int64_t)r;
    return true;
}

static const cJSON *get_array(struct fw_parse *p, const cJSON *obj, const char *key, bool required)
{
    const cJSON *v = member(obj, key);
    if (v == NULL && !required)
        return NULL;
    if (!ita_json_is_array(v)) {
        problem(p, key, v == NULL ? "is missing (an array)" : "must be an array");
        return NULL;
    }
    return v;
}

/* An optional array of non-empty strings (notes, sources). */
static void check_strings(struct fw_parse *p, const cJSON *obj, const char *key)
{
    const cJSON *list = get_array(p, obj, key, false);
    size_t at = path_push(p, key, 0), i = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, list) {
        if (!ita_json_is_string(e) || e->valuestring[0] == '\0') {
            size_t back = path_push(p, NULL, i);
            problem(p, NULL, "must be a non-empty string");
            path_pop(p, back);
        }
        i++;
    }
    path_pop(p, at);
}

static int tool_from_code(const char *code)
{
    for (int t = 0; t < ITA_TOOL_COUNT; t++)
        if (code != NULL && strcmp(code, ita_tool_code((enum ita_tool)t)) == 0)
            return t;
    return -1;
}

static void parse_band(struct fw_parse *p, const cJSON *b, bool grades, struct ita_fw_rating_band *band,
                       int64_t pass_mark)
{
    band->tool_min = ITA_MISSING;
    if (!known_keys(p, b, grades ? grade_keys : level_keys))
        return;
    if (grades) {
        band->name.th = band->name.en = get_string(p, b, "name", true);
        get_cents(p, b, "min", &band->min, false);
        band->pass = band->min >= pass_mark;
    } else {
        get_text(p, b, "name_th", "name_en", &band->name);
        get_cents(p, b, "min", &band->min, false);
        get_cents(p, b, "tool_min", &band->tool_min, true);
        const cJSON *pass = member(b, "pass");
        if (!ita_json_is_bool(pass))
            problem(p, "pass", "must be true or false");
        band->pass = ita_json_is_true(pass);
    }
}

static void parse_rating(struct fw_parse *p, const cJSON *root, struct ita_framework *fw)
{
    const cJSON *rating = member(root, "rating");
    size_t at = path_push(p, "rating", 0);
    if (rating == NULL) {
        problem(p, NULL, "is missing (an object)");
        path_pop(p, at);
        return;
    }
    if (!known_keys(p, rating, rating_keys)) {
        path_pop(p, at);
        return;
    }
    const cJSON *scheme = member(rating, "scheme");
    bool grades = ita_json_is_string(scheme) && strcmp(scheme->valuestring, "grades") == 0;
    bool levels = ita_json_is_string(scheme) && strcmp(scheme->valuestring, "levels") == 0;
    if (!grades && !levels) {
        problem(p, "scheme", "must be \"grades\" or \"levels\"");
        path_pop(p, at);
        return;
    }
    fw->scheme = grades ? ITA_RATING_GRADES : ITA_RATING_LEVELS;
    get_cents(p, rating, "pass", &fw->pass_mark, false);
    const char *key = grades ? "grades" : "levels";
    const cJSON *list = get_array(p, rating, key, true);
    size_t n = list ? ita_json_count(list) : 0;
    if (list != NULL && n == 0)
        problem(p, key, "has no bands");
    if (n == 0) {
        path_pop(p, at);
        return;
    }
    fw->bands = calloc(n, sizeof *fw->bands);
    if (fw->bands == NULL) {
        out_of_memory(p);
        path_pop(p, at);
        return;
    }
    fw->band_count = n;
    size_t in_list = path_push(p, key, 0), i = 0;
    const cJSON *b;
    cJSON_ArrayForEach(b, list) {
        size_t back = path_push(p, NULL, i);
        size_t before = p->diags->errors;
        parse_band(p, b, grades, &fw->bands[i], fw->pass_mark);
        if (p->nomem)
            break;
        bool ok = p->diags->errors == before;
        if (ok && i > 0 && fw->bands[i].min > fw->bands[i - 1].min)
            problem(p, "min", "is above the band before it: bands are listed best first");
        if (ok && i == n - 1 && fw->bands[i].min != 0)
            problem(p, "min", "must be 0: the last band must start at 0, so that every score gets one");
        path_pop(p, back);
        i++;
    }
    path_pop(p, in_list);
    path_pop(p, at);
}

/* Where each tool is in $.tools, for the paths of problems with its weight. */
struct tools_seen {
    bool seen[ITA_TOOL_COUNT];
    size_t at[ITA_TOOL_COUNT];
};

static void parse_tools(struct fw_parse *p, const cJSON *root, struct ita_framework *fw, struct tools_seen *ts)
{
    const cJSON *tools = get_array(p, root, "tools", true);
    if (tools == NULL)
        return;
    size_t at = path_push(p, "tools", 0), i = 0;
    const cJSON *t;
    cJSON_ArrayForEach(t, tools) {
        size_t back = path_push(p, NULL, i);
        if (known_keys(p, t, tool_keys)) {
            const cJSON *code = member(t, "code");
            int k = tool_from_code(ita_json_is_string(code) ? code->valuestring : NULL);
            if (k < 0) {
                problem(p, "code", "must be \"IIT\", \"EIT\" or \"OIT\"");
            } else if (ts->seen[k]) {
                problem(p, "code", "%s is given twice", ita_tool_code((enum ita_tool)k));
            } else {
                ts->seen[k] = true;
                ts->at[k] = i;
                fw->tools[k].tool = (enum ita_tool)k;
                get_text(p, t, "name_th", "name_en", &fw->tools[k].name);
                get_cents(p, t, "weight", &fw->tools[k].weight, false);
            }
        }
        path_pop(p, back);
        i++;
    }
    for (int k = 0; k < ITA_TOOL_COUNT; k++)
        if (!ts->seen[k])
            problem(p, NULL, "%s is missing: the tools IIT, EIT and OIT must all be given",
                    ita_tool_code((enum ita_tool)k));
    path_pop(p, at);
}

/* "previous_code": a code of the same tool, or null for a new question; "reworded": true
 * when only the wording changed (never with a new question). */
static void parse_previous(struct fw_parse *p, const cJSON *it, struct ita_fw_item *item)
{
    const cJSON *prev = member(it, "previous_code");
    bool code_ok = item->number != 0;
    if (ita_json_is_null(prev)) {
        item->is_new = true;
    } else if (prev != NULL) {
        enum ita_tool tool;
        unsigned number;
        const char *code = ita_json_string(prev);
        if (code == NULL || !ita_item_code_parse(code, strlen(code), &tool, &number) ||
            (code_ok && tool != item->tool) || !code_is_canonical(strlen(code), number)) {
            if (code_ok)
                problem(p, "previous_code", "must be null or a %s item code such as %c1",
                        ita_tool_code(item->tool), ita_tool_code(item->tool)[0]);
            else
                problem(p, "previous_code", "must be null or an item code such as I1");
        } else {
            item->previous_code = code;
        }
    }
    const cJSON *rew = member(it, "reworded");
    if (rew != NULL && (!ita_json_is_bool(rew) || (ita_json_is_true(rew) && item->is_new)))
        problem(p, "reworded", "must be true or false, and a new question is not reworded");
    item->reworded = ita_json_is_true(rew);
}

static void parse_item(struct fw_parse *p, const cJSON *it, struct ita_framework *fw, size_t indicator_index,
                       bool tool_known, struct ita_fw_item *item)
{
    const struct ita_fw_indicator *ind = &fw->indicators[indicator_index];
    item->indicator = indicator_index;
    item->sub_indicator = SIZE_MAX;
    item->first_sub = fw->sub_count;
    if (!known_keys(p, it, item_keys))
        return;
    item->code = get_string(p, it, "code", true);
    if (item->code != NULL) {
        enum ita_tool tool;
        unsigned number;
        if (!ita_item_code_parse(item->code, strlen(item->code), &tool, &number) ||
            !code_is_canonical(strlen(item->code), number))
            problem(p, "code", "\"%.40s\" is not an item code of the form I1, E15, O3", item->code);
        else if (tool_known && tool != ind->tool)
            problem(p, "code", "%s is an %s item, but indicator %u is of %s", item->code,
                    ita_tool_code(tool), ind->number, ita_tool_code(ind->tool));
        else if (tool_known) {
            item->tool = tool;
            item->number = number; /* 0 (not in the lookup) while the code is wrong */
        }
    }
    get_text(p, it, "text_th", "text_en", &item->text);
    parse_previous(p, it, item);
    const char *si = ita_json_string(member(it, "sub_indicator"));
    const char *what = item->code != NULL ? item->code : "the item";
    if (ind->sub_indicator_count > 0) {
        for (size_t s = 0; si != NULL && s < ind->sub_indicator_count; s++) {
            const char *code = fw->sub_indicators[ind->first_sub_indicator + s].code;
            if (code != NULL && strcmp(code, si) == 0)
                item->sub_indicator = ind->first_sub_indicator + s;
        }
        if (item->sub_indicator == SIZE_MAX) {
            if (si == NULL)
                problem(p, "sub_indicator", "is missing: %s needs a sub-indicator of indicator %u", what,
                        ind->number);
            else
                problem(p, "sub_indicator", "\"%.20s\" is not a sub-indicator of indicator %u", si, ind->number);
        } else {
            if (item > fw->items && item[-1].indicator == indicator_index && item[-1].sub_indicator != SIZE_MAX &&
                item[-1].sub_indicator > item->sub_indicator)
                problem(p, "sub_indicator",
                        "the items of a sub-indicator must be listed together, in sub-indicator order");
            fw->sub_indicators[item->sub_indicator].item_count++;
        }
    } else if (si != NULL) {
        problem(p, "sub_indicator", "indicator %u has no sub-indicators", ind->number);
    }
    const cJSON *subs = get_array(p, it, "subs", true);
    if (subs == NULL)
        return;
    size_t n = ita_json_count(subs);
    if (n == 1)
        problem(p, "subs", "has one entry; an item has no sub-questions or at least two");
    if (n > 0 && tool_known && ind->tool == ITA_OIT)
        problem(p, "subs", "must be []: an OIT item is answered directly (0 or 100)");
    if (n > 0) {
        item->subs = calloc(n, sizeof *item->subs);
        if (item->subs == NULL) {
            out_of_memory(p);
            return;
        }
    }
    size_t at = path_push(p, "subs", 0);
    const cJSON *s;
    cJSON_ArrayForEach(s, subs) {
        size_t back = path_push(p, NULL, item->sub_count);
        if (known_keys(p, s, sub_keys))
            get_text(p, s, "text_th", "text_en", &item->subs[item->sub_count]);
        item->sub_count++;
        path_pop(p, back);
        if (p->nomem)
            break;
    }
    path_pop(p, at);
    fw->sub_count += item->sub_count;
}

static void parse_sub_indicators(struct fw_parse *p, const cJSON *ind, struct ita_framework *fw, size_t index)
{
    struct ita_fw_indicator *fi = &fw->indicators[index];
    const cJSON *sis = get_array(p, ind, "sub_indicators", false);
    fi->first_sub_indicator = fw->sub_indicator_count;
    if (sis == NULL && member(ind, "sub_indicators") == NULL && fi->tool == ITA_OIT)
        problem(p, "sub_indicators", "is missing: an OIT indicator's score is the mean of its sub-indicators");
    size_t at = path_push(p, "sub_indicators", 0), k = 0;
    const cJSON *si;
    cJSON_ArrayForEach(si, sis) {
        size_t back = path_push(p, NULL, k++);
        struct ita_fw_sub_indicator *s = &fw->sub_indicators[fw->sub_indicator_count++];
        s->indicator = index;
        fi->sub_indicator_count++;
        if (known_keys(p, si, sub_indicator_keys)) {
            s->code = get_string(p, si, "code", true);
            get_text(p, si, "name_th", "name_en", &s->name);
        }
        path_pop(p, back);
    }
    path_pop(p, at);
}

static void parse_indicators(struct fw_parse *p, const cJSON *root, struct ita_framework *fw,
                             const struct tools_seen *ts)
{
    const cJSON *inds = get_array(p, root, "indicators", true);
    if (inds == NULL)
        return;
    size_t n = ita_json_count(inds), items = 0, subinds = 0;
    const cJSON *ind;
    cJSON_ArrayForEach(ind, inds) {
        const cJSON *a = member(ind, "items");
        const cJSON *s = member(ind, "sub_indicators");
        items += ita_json_is_array(a) ? ita_json_count(a) : 0;
        subinds += ita_json_is_array(s) ? ita_json_count(s) : 0;
    }
    size_t at = path_push(p, "indicators", 0);
    if (n == 0 || items == 0 || items > 60000) {
        problem(p, NULL, items > 60000 ? "has more than 60000 items" : "a framework needs indicators with items");
        path_pop(p, at);
        return;
    }
    fw->indicators = calloc(n, sizeof *fw->indicators);
    fw->items = calloc(items, sizeof *fw->items);
    fw->sub_indicators = subinds ? calloc(subinds, sizeof *fw->sub_indicators) : NULL;
    if (fw->indicators == NULL || fw->items == NULL || (subinds && fw->sub_indicators == NULL)) {
        out_of_memory(p);
        path_pop(p, at);
        return;
    }
    int64_t tool_sum[ITA_TOOL_COUNT] = {0};
    int last_tool = -1;
    bool weights_bad = false;
    cJSON_ArrayForEach(ind, inds) {
        size_t index = fw->indicator_count++;
        struct ita_fw_indicator *fi = &fw->indicators[index];
        size_t back = path_push(p, NULL, index);
        fi->number = (unsigned)index + 1;
        fi->first_item = fw->item_count;
        fi->first_sub_indicator = fw->sub_indicator_count;
        if (!known_keys(p, ind, indicator_keys)) {
            path_pop(p, back);
            continue;
        }
        const cJSON *num = member(ind, "number");
        if (!ita_json_is_number(num) || num->valuedouble != (double)(index + 1))
            problem(p, "number", "must be %zu: indicators are numbered 1, 2, ... in order", index + 1);
        int tool = tool_from_code(ita_json_string(member(ind, "tool")));
        bool tool_known = tool >= 0;
        if (!tool_known)
            problem(p, "tool", "must be \"IIT\", \"EIT\" or \"OIT\"");
        else if (tool < last_tool)
            problem(p, "tool", "%s after %s: the indicators of IIT come first, then EIT, then OIT",
                    ita_tool_code((enum ita_tool)tool), ita_tool_code((enum ita_tool)last_tool));
        if (tool_known) {
            if (tool != last_tool)
                fw->tools[tool].first_indicator = index;
            fw->tools[tool].indicator_count++;
            last_tool = tool > last_tool ? tool : last_tool;
            fi->tool = (enum ita_tool)tool;
        }
        get_text(p, ind, "name_th", "name_en", &fi->name);
        if (!get_cents(p, ind, "weight", &fi->weight, false))
            weights_bad = true; /* the sums below would only repeat it */
        else if (tool_known)
            tool_sum[tool] += fi->weight;
        if (tool_known)
            parse_sub_indicators(p, ind, fw, index);
        const cJSON *its = get_array(p, ind, "items", true);
        size_t in_items = path_push(p, "items", 0);
        const cJSON *it;
        cJSON_ArrayForEach(it, its) {
            size_t item_back = path_push(p, NULL, fi->item_count);
            parse_item(p, it, fw, index, tool_known, &fw->items[fw->item_count++]);
            fi->item_count++;
            path_pop(p, item_back);
            if (p->nomem)
                break;
        }
        if (its != NULL && fi->item_count == 0)
            problem(p, NULL, "indicator %u has no items", fi->number);
        path_pop(p, in_items);
        for (size_t s = 0; s < fi->sub_indicator_count; s++)
            if (fw->sub_indicators[fi->first_sub_indicator + s].item_count == 0) {
                size_t si_back = path_push(p, "sub_indicators", 0);
                path_push(p, NULL, s);
                problem(p, NULL, "sub-indicator %s has no items",
                        fw->sub_indicators[fi->first_sub_indicator + s].code
                            ? fw->sub_indicators[fi->first_sub_indicator + s].code : "");
                path_pop(p, si_back);
            }
        path_pop(p, back);
        if (p->nomem)
            break;
    }
    path_pop(p, at);
    int64_t total = 0;
    for (int t = 0; t < ITA_TOOL_COUNT && !p->nomem; t++) {
        total += tool_sum[t];
        if (!ts->seen[t])
            continue;
        size_t back = path_push(p, "tools", 0);
        path_push(p, NULL, ts->at[t]);
        char w[ITA_CENTS_BUFSZ], s[ITA_CENTS_BUFSZ];
        if (fw->tools[t].indicator_count == 0)
            problem(p, NULL, "%s has no indicator", ita_tool_code((enum ita_tool)t));
        else if (tool_sum[t] != fw->tools[t].weight && !weights_bad)
            problem(p, "weight", "is %s, but the weights of the %s indicators add up to %s",
                    ita_cents_format(fw->tools[t].weight, w), ita_tool_code((enum ita_tool)t),
                    ita_cents_format(tool_sum[t], s));
        path_pop(p, back);
    }
    if (total != 10000 && !p->nomem && !weights_bad) {
        char s[ITA_CENTS_BUFSZ];
        at = path_push(p, "indicators", 0);
        problem(p, NULL, "the indicator weights add up to %s; they must add up to 100", ita_cents_format(total, s));
        path_pop(p, at);
    }
}

/* The path of item i, for a problem found after parsing. */
static void item_path(const struct ita_framework *fw, size_t i, char *buf, size_t size)
{
    const struct ita_fw_item *it = &fw->items[i];
    snprintf(buf, size, "$.indicators[%zu].items[%zu]", it->indicator, i - fw->indicators[it->indicator].first_item);
}

/* Puts the path at item i; returns the length to go back to. */
static size_t path_at_item(struct fw_parse *p, const struct ita_framework *fw, size_t i)
{
    size_t back = p->path_len;
    item_path(fw, i, p->path, sizeof p->path);
    p->path_len = strlen(p->path);
    return back;
}

/* The question of the year before that item i continues, for an item whose code
 * is right and given once (a wrong or repeated code was said already). */
static bool previous_of(const struct ita_framework *fw, size_t i, enum ita_tool *tool, unsigned *number)
{
    const struct ita_fw_item *it = &fw->items[i];
    if (it->number == 0 || fw->lookup[it->tool][it->number] != i + 1)
        return false;
    const char *a = ita_fw_item_previous_code(it);
    return a != NULL && ita_item_code_parse(a, strlen(a), tool, number);
}

static void build_lookup(struct fw_parse *p, struct ita_framework *fw)
{
    for (size_t i = 0; i < fw->item_count; i++) {
        const struct ita_fw_item *it = &fw->items[i];
        if (it->number != 0 && it->number + 1 > fw->lookup_size[it->tool])
            fw->lookup_size[it->tool] = it->number + 1;
    }
    for (int t = 0; t < ITA_TOOL_COUNT; t++) {
        if (fw->lookup_size[t] == 0)
            continue;
        fw->lookup[t] = calloc(fw->lookup_size[t], sizeof(uint16_t));
        if (fw->lookup[t] == NULL) {
            out_of_memory(p);
            return;
        }
    }
    for (size_t i = 0; i < fw->item_count; i++) {
        const struct ita_fw_item *it = &fw->items[i];
        if (it->number == 0)
            continue;
        uint16_t first = fw->lookup[it->tool][it->number];
        if (first != 0) {
            char there[96];
            item_path(fw, first - 1u, there, sizeof there);
            size_t back = path_at_item(p, fw, i);
            problem(p, "code", "%s is listed twice (also at %s)", it->code, there);
            path_pop(p, back);
            continue;
        }
        fw->lookup[it->tool][it->number] = (uint16_t)(i + 1);
    }
    /* one question of the year before has one successor at most: successor
     * holds, for each tool and number up to the largest previous code, the item
     * that continues it */
    size_t span = 0;
    for (size_t i = 0; i < fw->item_count; i++) {
        enum ita_tool tool;
        unsigned number;
        if (previous_of(fw, i, &tool, &number) && number >= span)
            span = (size_t)number + 1;
    }
    if (span == 0)
        return;
    size_t *successor = calloc((size_t)ITA_TOOL_COUNT * span, sizeof *successor);
    if (successor == NULL) {
        out_of_memory(p);
        return;
    }
    for (size_t i = 0; i < fw->item_count; i++) {
        enum ita_tool tool;
        unsigned number;
        if (!previous_of(fw, i, &tool, &number))
            continue;
        const char *a = ita_fw_item_previous_code(&fw->items[i]);
        size_t *s = &successor[(size_t)tool * span + number];
        if (*s != 0) {
            char there[96];
            item_path(fw, *s - 1, there, sizeof there);
            size_t back = path_at_item(p, fw, i);
            problem(p, "previous_code", "items %s and %s both ask the question of %s of the year before (the "
                    "other at %s); a question has one successor at most",
                    fw->items[*s - 1].code ? fw->items[*s - 1].code : "?", fw->items[i].code ? fw->items[i].code : "?", a,
                    there);
            path_pop(p, back);
        }
        *s = i + 1;
    }
    free(successor);
}

const char *ita_fw_item_previous_code(const struct ita_fw_item *it)
{
    if (it->is_new)
        return NULL;
    return it->previous_code != NULL ? it->previous_code : it->code;
}

const struct ita_fw_item *ita_framework_previous_item(const struct ita_framework *fw,
                                                      const struct ita_fw_item *it,
                                                      const struct ita_framework *prev)
{
    if (prev == fw)
        return it;
    const char *code = ita_fw_item_previous_code(it);
    enum ita_tool tool;
    unsigned number;
    if (code == NULL || !ita_item_code_parse(code, strlen(code), &tool, &number))
        return NULL;
    return ita_framework_item(prev, tool, number);
}

/* ita_framework_parse of text the framework takes (text[len] == '\0'): its
 * strings point into it. */
static enum ita_status parse_owned(char *text, size_t len, const char *name, struct ita_framework **out,
                                   struct ita_diags *diags)
{
    *out = NULL;
    struct fw_parse p = {.name = name, .diags = diags, .path = "$", .path_len = 1};
    struct ita_json doc;
    size_t line = 0, column = 0;
    enum ita_status st = ita_json_parse_owned(text, len, &doc, &line, &column);
    if (st == ITA_ERR_DATA)
        ita_diags_add(diags, ITA_SEV_ERROR, name, line, column, "invalid framework: not valid JSON");
    else if (st == ITA_ERR_IO)
        ita_diags_add(diags, ITA_SEV_ERROR, name, 0, 0, "cannot read the framework: %s", ITA_JSON_LIBRARY_MISSING);
    if (st != ITA_OK)
        return st;
    const cJSON *root = doc.root;
    struct ita_framework *fw = calloc(1, sizeof *fw);
    if (fw == NULL) {
        ita_json_free(&doc);
        return ITA_ERR_NOMEM;
    }
    fw->doc = doc; /* the texts and codes stay in the tree */
    struct tools_seen ts = {{false}, {0}};
    const char *command = ita_json_string(member(root, "command"));
    const char *schema = ita_json_string(member(root, "schema"));
    if (!ita_json_is_object(root)) {
        problem(&p, NULL, "the file must be one JSON object with \"schema\": \"ita-framework/1\"");
    } else if (command != NULL && strcmp(command, "frameworks") == 0) {
        problem(&p, NULL, "this is the output of 'ita frameworks -f json', not a framework file; "
                          "'ita frameworks YEAR --export' writes one");
    } else if (schema == NULL || strcmp(schema, "ita-framework/1") != 0) {
        /* another format, or none: nothing else in it can be checked */
        problem(&p, "schema", "must be \"ita-framework/1\"");
    } else {
        known_keys(&p, root, top_keys);
        const cJSON *year = member(root, "year");
        bool year_ok = ita_json_is_number(year) && year->valuedouble >= 2400 && year->valuedouble <= 2800 &&
                       year->valuedouble == (double)year->valueint;
        if (!year_ok)
            problem(&p, "year", "must be a B.E. year such as 2565");
        const char *status = ita_json_string(member(root, "status"));
        if (status == NULL || (strcmp(status, "established") != 0 && strcmp(status, "provisional") != 0))
            problem(&p, "status", "must be \"established\" or \"provisional\"");
        const cJSON *year_ce = member(root, "year_ce");
        if (year_ok && (!ita_json_is_number(year_ce) || year_ce->valuedouble != (double)(year->valueint - 543)))
            problem(&p, "year_ce", "must be \"year\" - 543 (%d)", year->valueint - 543);
        fw->year = year_ok ? year->valueint : 0;
        fw->provisional = status != NULL && strcmp(status, "provisional") == 0;
        get_text(&p, root, "name_th", "name_en", &fw->name);
        check_strings(&p, root, "notes");
        check_strings(&p, root, "sources");
        if (!p.nomem)
            parse_tools(&p, root, fw, &ts);
        if (!p.nomem)
            parse_rating(&p, root, fw);
        if (!p.nomem)
            parse_indicators(&p, root, fw, &ts);
        if (!p.nomem && fw->items != NULL)
            build_lookup(&p, fw);
    }
    if (!p.failed) {
        fw->path = ita_strdup(name);
        if (fw->path == NULL)
            out_of_memory(&p);
    }
    if (p.failed) {
        ita_framework_free(&fw);
        return p.nomem ? ITA_ERR_NOMEM : ITA_ERR_DATA;
    }
    ita_json_drop_nodes(&fw->doc); /* the texts and codes are in its text */
    *out = fw;
    return ITA_OK;
}

enum ita_status ita_framework_parse(const char *json, size_t len, const char *name,
                                    struct ita_framework **out, struct ita_diags *diags)
{
    *out = NULL;
    char *text = len < SIZE_MAX ? ita_strndup(json, len) : NULL;
    return text != NULL ? parse_owned(text, len, name, out, diags) : ITA_ERR_NOMEM;
}

enum ita_status ita_framework_load(const char *path, struct ita_framework **out,
                                   struct ita_diags *diags)
{
    *out = NULL;
    char *text = NULL;
    size_t len = 0;
    int err = ita_read_file(path, 1u << 24, &text, &len);
    if (err != 0) {
        ita_diags_add(diags, ITA_SEV_ERROR, path, 0, 0, "cannot read framework: %s",
                      err == EFBIG ? "file too large" : strerror(err));
        return err == ENOMEM ? ITA_ERR_NOMEM : ITA_ERR_IO;
    }
    return parse_owned(text, len, path, out, diags);
}

void ita_framework_set_init(struct ita_framework_set *set)
{
    memset(set, 0, sizeof *set);
}

enum ita_status ita_framework_set_configure(struct ita_framework_set *set, const char *dir,
                                            const char *override_path)
{
    free(set->dir);
    free(set->override_path);
    set->dir = dir ? ita_strdup(dir) : NULL;
    set->override_path = override_path ? ita_strdup(override_path) : NULL;
    if ((dir && !set->dir) || (override_path && !set->override_path))
        return ITA_ERR_NOMEM;
    return ITA_OK;
}

void ita_framework_set_free(struct ita_framework_set *set)
{
    for (size_t i = 0; i < set->loaded_count; i++)
        ita_framework_free(&set->loaded[i]);
    ita_framework_free(&set->override);
    free(set->dir);
    free(set->override_path);
    memset(set, 0, sizeof *set);
}

struct ita_framework_set_mark ita_framework_set_mark(const struct ita_framework_set *set)
{
    return (struct ita_framework_set_mark){set->loaded_count, set->override != NULL, set->override_failed};
}

void ita_framework_set_truncate(struct ita_framework_set *set, const struct ita_framework_set_mark *mark)
{
    while (set->loaded_count > mark->loaded_count)
        ita_framework_free(&set->loaded[--set->loaded_count]);
    if (!mark->override_loaded)
        ita_framework_free(&set->override);
    set->override_failed = mark->override_failed;
}

const struct ita_framework *ita_framework_set_get(struct ita_framework_set *set, int year,
                                                  enum ita_status *status,
                                                  struct ita_diags *diags)
{
    *status = ITA_OK;
    if (set->override_path != NULL) {
        if (set->override == NULL) {
            if (set->override_failed != ITA_OK) {
                *status = set->override_failed;
                return NULL;
            }
            *status = ita_framework_load(set->override_path, &set->override, diags);
            if (*status != ITA_OK) {
                set->override_failed = *status; /* reported once, not at every row */
                return NULL;
            }
        }
        if (set->override->year != year) {
            *status = ITA_ERR_DATA;
            return NULL;
        }
        return set->override;
    }
    for (size_t i = 0; i < set->loaded_count; i++)
        if (set->loaded_year[i] == year) {
            if (set->loaded[i] == NULL)
                *status = ITA_ERR_DATA;
            return set->loaded[i];
        }
    if (set->loaded_count == sizeof set->loaded / sizeof set->loaded[0] || set->dir == NULL) {
        *status = ITA_ERR_DATA;
        return NULL;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/ita-%d.json", set->dir, year);
    struct ita_framework *fw = NULL;
    if (ita_file_exists(path)) {
        /* the compact form when it records this very file (ita/compact.h), else the JSON */
        fw = ita_framework_compact_from(path, ita_compact_forms_find(set->built_in, path));
        char compact[4096];
        for (int nth = 1; fw == NULL && ita_compact_path(path, nth, compact, sizeof compact); nth++)
            fw = ita_framework_compact_load(path, compact);
        if (fw == NULL)
            *status = ita_framework_load(path, &fw, diags);
        if (*status == ITA_OK && fw->year != year) {
            ita_diags_add(diags, ITA_SEV_ERROR, path, 0, 0,
                          "invalid framework: the file is named for %d but says \"year\": %d", year, fw->year);
            ita_framework_free(&fw);
            *status = ITA_ERR_DATA;
        }
        if (*status == ITA_ERR_NOMEM)
            return NULL;
    } else {
        *status = ITA_ERR_DATA;
    }
    set->loaded[set->loaded_count] = fw;
    set->loaded_year[set->loaded_count++] = year;
    return fw;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

size_t ita_framework_set_years(const struct ita_framework_set *set, int *years, size_t max)
{
    size_t n = 0;
    if (set->override_path != NULL) {
        if (set->override != NULL && max > 0)
            years[n++] = set->override->year;
        return n;
    }
    if (set->dir == NULL)
        return 0;
    DIR *d = opendir(set->dir);
    if (d == NULL)
        return 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < max) {
        int y = 0;
        char tail[8] = "";
        if (sscanf(e->d_name, "ita-%4d.%5s", &y, tail) == 2 && strcmp(tail, "json") == 0 &&
            strlen(e->d_name) == 13)
            years[n++] = y;
    }
    closedir(d);
    qsort(years, n, sizeof *years, cmp_int);
    return n;
}
