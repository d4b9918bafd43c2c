/* Framework files: JSON (cJSON) to an immutable struct, with validation. */
#include "ita/framework.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ita/decimal.h"
#include "util.h"

const char *ita_tool_code(enum ita_tool tool)
{
    static const char *const codes[] = {"IIT", "EIT", "OIT"};
    return (unsigned)tool < ITA_TOOL_COUNT ? codes[tool] : "?";
}

static int tool_from_letter(char c)
{
    switch (c) {
    case 'I': case 'i': return ITA_IIT;
    case 'E': case 'e': return ITA_EIT;
    case 'O': case 'o': return ITA_OIT;
    default: return -1;
    }
}

bool ita_item_code_parse(const char *text, size_t len, enum ita_tool *tool, unsigned *number)
{
    while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\t'))
        len--;
    while (len > 0 && (*text == ' ' || *text == '\t')) {
        text++;
        len--;
    }
    if (len < 2 || len > 8)
        return false;
    int t = tool_from_letter(text[0]);
    if (t < 0)
        return false;
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

static void free_text(struct ita_fw_text *t)
{
    free(t->th);
    free(t->en);
}

void ita_framework_free(struct ita_framework **pfw)
{
    struct ita_framework *fw = *pfw;
    if (fw == NULL)
        return;
    free_text(&fw->name);
    free(fw->path);
    for (int t = 0; t < ITA_TOOL_COUNT; t++) {
        free_text(&fw->tools[t].name);
        free(fw->lookup[t]);
    }
    for (size_t i = 0; i < fw->indicator_count; i++)
        free_text(&fw->indicators[i].name);
    free(fw->indicators);
    for (size_t i = 0; i < fw->sub_indicator_count; i++) {
        free(fw->sub_indicators[i].code);
        free_text(&fw->sub_indicators[i].name);
    }
    free(fw->sub_indicators);
    for (size_t i = 0; i < fw->item_count; i++) {
        free(fw->items[i].code);
        free(fw->items[i].previous_code);
        free_text(&fw->items[i].text);
        for (size_t s = 0; s < fw->items[i].sub_count; s++)
            free_text(&fw->items[i].subs[s]);
        free(fw->items[i].subs);
    }
    free(fw->items);
    for (size_t b = 0; b < fw->band_count; b++)
        free_text(&fw->bands[b].name);
    free(fw->bands);
    free(fw);
    *pfw = NULL;
}

/* Parsing context: the first problem found ends the parse. */
struct fw_parse {
    const char *name;
    struct ita_diags *diags;
    bool failed;
    bool nomem;
};

static void fail(struct fw_parse *p, const char *what)
{
    if (!p->failed)
        ita_diags_add(p->diags, ITA_SEV_ERROR, p->name, 0, 0, "invalid framework: %s", what);
    p->failed = true;
}

/* Only the keys of the format may occur (a misspelt key would be silently ignored). */
static bool known_keys(struct fw_parse *p, const cJSON *obj, const char *const *keys)
{
    if (!cJSON_IsObject(obj)) {
        fail(p, "expected an object");
        return false;
    }
    const cJSON *e;
    cJSON_ArrayForEach(e, obj) {
        bool ok = false;
        for (const char *const *k = keys; *k != NULL && !ok; k++)
            ok = strcmp(*k, e->string) == 0;
        if (!ok) {
            char msg[160];
            snprintf(msg, sizeof msg, "unknown key \"%.60s\"", e->string);
            fail(p, msg);
            return false;
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

static char *get_string(struct fw_parse *p, const cJSON *obj, const char *key, bool required)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!cJSON_IsString(v)) {
        if (required) {
            char msg[128];
            snprintf(msg, sizeof msg, "\"%s\" must be a string", key);
            fail(p, msg);
        }
        return NULL;
    }
    if (required && v->valuestring[0] == '\0') {
        char msg[128];
        snprintf(msg, sizeof msg, "\"%s\" must not be empty", key);
        fail(p, msg);
        return NULL;
    }
    char *s = ita_strdup(v->valuestring);
    if (s == NULL)
        p->nomem = p->failed = true;
    return s;
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
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (nullable && (v == NULL || cJSON_IsNull(v))) {
        *out = ITA_MISSING;
        return true;
    }
    char msg[160];
    if (!cJSON_IsNumber(v)) {
        snprintf(msg, sizeof msg, "\"%s\" must be a number", key);
        fail(p, msg);
        return false;
    }
    double x = v->valuedouble * 100.0;
    double r = nearbyint(x);
    if (!(fabs(x - r) < 1e-6) || r < 0 || r > 1e9) {
        snprintf(msg, sizeof msg, "\"%s\" must be a number from 0 with at most two decimals", key);
        fail(p, msg);
        return false;
    }
    *out = (int64_t)r;
    return true;
}

static const cJSON *get_array(struct fw_parse *p, const cJSON *obj, const char *key, bool required)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (v == NULL && !required)
        return NULL;
    if (!cJSON_IsArray(v)) {
        char msg[128];
        snprintf(msg, sizeof msg, "\"%s\" must be an array", key);
        fail(p, msg);
        return NULL;
    }
    return v;
}

static int tool_from_code(const char *code)
{
    for (int t = 0; t < ITA_TOOL_COUNT; t++)
        if (code != NULL && strcmp(code, ita_tool_code((enum ita_tool)t)) == 0)
            return t;
    return -1;
}

static void parse_rating(struct fw_parse *p, const cJSON *root, struct ita_framework *fw)
{
    const cJSON *rating = cJSON_GetObjectItemCaseSensitive(root, "rating");
    if (!cJSON_IsObject(rating)) {
        fail(p, "\"rating\" must be an object");
        return;
    }
    if (!known_keys(p, rating, rating_keys))
        return;
    const cJSON *scheme = cJSON_GetObjectItemCaseSensitive(rating, "scheme");
    bool grades = cJSON_IsString(scheme) && strcmp(scheme->valuestring, "grades") == 0;
    bool levels = cJSON_IsString(scheme) && strcmp(scheme->valuestring, "levels") == 0;
    if (!grades && !levels) {
        fail(p, "\"rating.scheme\" must be \"grades\" or \"levels\"");
        return;
    }
    fw->scheme = grades ? ITA_RATING_GRADES : ITA_RATING_LEVELS;
    if (!get_cents(p, rating, "pass", &fw->pass_mark, false))
        return;
    const cJSON *list = get_array(p, rating, grades ? "grades" : "levels", true);
    if (list == NULL)
        return;
    size_t n = (size_t)cJSON_GetArraySize(list);
    if (n == 0) {
        fail(p, "the rating has no bands");
        return;
    }
    fw->bands = calloc(n, sizeof *fw->bands);
    if (fw->bands == NULL) {
        p->nomem = p->failed = true;
        return;
    }
    fw->band_count = n;
    size_t i = 0;
    const cJSON *b;
    cJSON_ArrayForEach(b, list) {
        struct ita_fw_rating_band *band = &fw->bands[i++];
        if (!known_keys(p, b, grades ? grade_keys : level_keys))
            return;
        if (grades) {
            band->name.th = get_string(p, b, "name", true);
            band->name.en = band->name.th ? ita_strdup(band->name.th) : NULL;
            if (band->name.th != NULL && band->name.en == NULL)
                p->nomem = p->failed = true;
            band->tool_min = ITA_MISSING;
            get_cents(p, b, "min", &band->min, false);
            band->pass = band->min >= fw->pass_mark;
        } else {
            get_text(p, b, "name_th", "name_en", &band->name);
            get_cents(p, b, "min", &band->min, false);
            get_cents(p, b, "tool_min", &band->tool_min, true);
            const cJSON *pass = cJSON_GetObjectItemCaseSensitive(b, "pass");
            if (!cJSON_IsBool(pass))
                fail(p, "each level needs \"pass\": true or false");
            band->pass = cJSON_IsTrue(pass);
        }
        if (p->failed)
            return;
        if (i > 1 && band->min > fw->bands[i - 2].min)
            fail(p, "rating bands must be listed best first");
    }
    if (fw->bands[n - 1].min != 0)
        fail(p, "the last rating band must start at 0");
}

static void parse_tools(struct fw_parse *p, const cJSON *root, struct ita_framework *fw)
{
    const cJSON *tools = get_array(p, root, "tools", true);
    if (tools == NULL)
        return;
    bool seen[ITA_TOOL_COUNT] = {false};
    const cJSON *t;
    cJSON_ArrayForEach(t, tools) {
        if (!known_keys(p, t, tool_keys))
            return;
        const cJSON *code = cJSON_GetObjectItemCaseSensitive(t, "code");
        int k = tool_from_code(cJSON_IsString(code) ? code->valuestring : NULL);
        if (k < 0 || seen[k]) {
            fail(p, "each tool needs a distinct \"code\": IIT, EIT or OIT");
            return;
        }
        seen[k] = true;
        fw->tools[k].tool = (enum ita_tool)k;
        get_text(p, t, "name_th", "name_en", &fw->tools[k].name);
        get_cents(p, t, "weight", &fw->tools[k].weight, false);
    }
    for (int k = 0; k < ITA_TOOL_COUNT; k++)
        if (!seen[k])
            fail(p, "the tools IIT, EIT and OIT must all be given");
}

/* "previous_code": a code of the same tool, or null for a new question; "reworded": true
 * when only the wording changed (never with a new question). */
static void parse_previous(struct fw_parse *p, const cJSON *it, struct ita_fw_item *item)
{
    char msg[160];
    const cJSON *prev = cJSON_GetObjectItemCaseSensitive(it, "previous_code");
    if (cJSON_IsNull(prev)) {
        item->is_new = true;
    } else if (prev != NULL) {
        enum ita_tool tool;
        unsigned number;
        const char *code = cJSON_GetStringValue(prev);
        if (code == NULL || !ita_item_code_parse(code, strlen(code), &tool, &number) || tool != item->tool ||
            strlen(code) != (size_t)snprintf(msg, sizeof msg, "%s%u", "X", number)) {
            snprintf(msg, sizeof msg, "item %s: \"previous_code\" must be null or a %s item code such as %c1",
                     item->code, ita_tool_code(item->tool), ita_tool_code(item->tool)[0]);
            fail(p, msg);
            return;
        }
        item->previous_code = ita_strdup(code);
        if (item->previous_code == NULL) {
            p->nomem = p->failed = true;
            return;
        }
    }
    const cJSON *rew = cJSON_GetObjectItemCaseSensitive(it, "reworded");
    if (rew != NULL && (!cJSON_IsBool(rew) || (cJSON_IsTrue(rew) && item->is_new))) {
        snprintf(msg, sizeof msg, "item %s: \"reworded\" must be true or false, and a new question is not reworded",
                 item->code);
        fail(p, msg);
        return;
    }
    item->reworded = cJSON_IsTrue(rew);
}

static void parse_item(struct fw_parse *p, const cJSON *it, struct ita_framework *fw,
                       size_t indicator_index, struct ita_fw_item *item)
{
    const struct ita_fw_indicator *ind = &fw->indicators[indicator_index];
    if (!known_keys(p, it, item_keys))
        return;
    item->code = get_string(p, it, "code", true);
    if (p->failed)
        return;
    enum ita_tool tool;
    unsigned number;
    char msg[160];
    if (!ita_item_code_parse(item->code, strlen(item->code), &tool, &number) ||
        strlen(item->code) != (size_t)snprintf(msg, sizeof msg, "%s%u", "X", number)) {
        snprintf(msg, sizeof msg, "item code \"%.40s\" is not of the form I1, E15, O3", item->code);
        fail(p, msg);
        return;
    }
    if (tool != ind->tool) {
        snprintf(msg, sizeof msg, "item %s is under indicator %u, which is not %s", item->code,
                 ind->number, ita_tool_code(tool));
        fail(p, msg);
        return;
    }
    item->tool = tool;
    item->number = number;
    item->indicator = indicator_index;
    item->sub_indicator = SIZE_MAX;
    get_text(p, it, "text_th", "text_en", &item->text);
    parse_previous(p, it, item);
    if (p->failed)
        return;
    const char *si = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(it, "sub_indicator"));
    if (ind->sub_indicator_count > 0) {
        for (size_t s = 0; si != NULL && s < ind->sub_indicator_count; s++)
            if (strcmp(fw->sub_indicators[ind->first_sub_indicator + s].code, si) == 0)
                item->sub_indicator = ind->first_sub_indicator + s;
        if (item->sub_indicator == SIZE_MAX) {
            snprintf(msg, sizeof msg, "item %s needs a \"sub_indicator\" of indicator %u", item->code,
                     ind->number);
            fail(p, msg);
            return;
        }
        if (item > fw->items && item[-1].indicator == indicator_index &&
            item[-1].sub_indicator > item->sub_indicator) {
            snprintf(msg, sizeof msg, "item %s: the items of a sub_indicator must be listed together, in sub-indicator order",
                     item->code);
            fail(p, msg);
            return;
        }
        fw->sub_indicators[item->sub_indicator].item_count++;
    } else if (si != NULL) {
        snprintf(msg, sizeof msg, "item %s names a sub-indicator, but indicator %u has none",
                 item->code, ind->number);
        fail(p, msg);
        return;
    }
    const cJSON *subs = get_array(p, it, "subs", true);
    if (subs == NULL)
        return;
    size_t n = (size_t)cJSON_GetArraySize(subs);
    if (n == 1) {
        snprintf(msg, sizeof msg, "item %s: \"subs\" has one entry; an item has no sub-questions or at least two",
                 item->code);
        fail(p, msg);
        return;
    }
    item->first_sub = fw->sub_count;
    if (n > 0) {
        item->subs = calloc(n, sizeof *item->subs);
        if (item->subs == NULL) {
            p->nomem = p->failed = true;
            return;
        }
    }
    const cJSON *s;
    cJSON_ArrayForEach(s, subs) {
        if (!known_keys(p, s, sub_keys))
            return;
        get_text(p, s, "text_th", "text_en", &item->subs[item->sub_count++]);
        if (p->failed)
            return;
    }
    fw->sub_count += n;
}

static void parse_indicators(struct fw_parse *p, const cJSON *root, struct ita_framework *fw)
{
    const cJSON *inds = get_array(p, root, "indicators", true);
    if (inds == NULL)
        return;
    size_t n = (size_t)cJSON_GetArraySize(inds), items = 0, subinds = 0;
    const cJSON *ind;
    cJSON_ArrayForEach(ind, inds) {
        const cJSON *a = cJSON_GetObjectItemCaseSensitive(ind, "items");
        const cJSON *s = cJSON_GetObjectItemCaseSensitive(ind, "sub_indicators");
        items += cJSON_IsArray(a) ? (size_t)cJSON_GetArraySize(a) : 0;
        subinds += cJSON_IsArray(s) ? (size_t)cJSON_GetArraySize(s) : 0;
    }
    if (n == 0 || items == 0 || items > 60000) {
        fail(p, "a framework needs indicators with items");
        return;
    }
    fw->indicators = calloc(n, sizeof *fw->indicators);
    fw->items = calloc(items, sizeof *fw->items);
    fw->sub_indicators = subinds ? calloc(subinds, sizeof *fw->sub_indicators) : NULL;
    if (fw->indicators == NULL || fw->items == NULL || (subinds && fw->sub_indicators == NULL)) {
        p->nomem = p->failed = true;
        return;
    }
    int64_t tool_sum[ITA_TOOL_COUNT] = {0};
    int last_tool = -1;
    cJSON_ArrayForEach(ind, inds) {
        struct ita_fw_indicator *fi = &fw->indicators[fw->indicator_count];
        size_t index = fw->indicator_count++;
        char msg[160];
        if (!known_keys(p, ind, indicator_keys))
            return;
        const cJSON *num = cJSON_GetObjectItemCaseSensitive(ind, "number");
        if (!cJSON_IsNumber(num) || num->valueint != (int)index + 1) {
            snprintf(msg, sizeof msg, "indicators must be numbered 1, 2, ... in order (at %zu)", index + 1);
            fail(p, msg);
            return;
        }
        fi->number = (unsigned)index + 1;
        int tool = tool_from_code(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(ind, "tool")));
        if (tool < 0 || tool < last_tool) {
            snprintf(msg, sizeof msg, "indicator %u needs a \"tool\" (IIT, EIT, OIT, in that order)", fi->number);
            fail(p, msg);
            return;
        }
        if (tool != last_tool)
            fw->tools[tool].first_indicator = index;
        fw->tools[tool].indicator_count++;
        last_tool = tool;
        fi->tool = (enum ita_tool)tool;
        get_text(p, ind, "name_th", "name_en", &fi->name);
        get_cents(p, ind, "weight", &fi->weight, false);
        tool_sum[tool] += fi->weight;
        const cJSON *sis = get_array(p, ind, "sub_indicators", false);
        fi->first_sub_indicator = fw->sub_indicator_count;
        const cJSON *si;
        if (tool == ITA_OIT && sis == NULL) {
            snprintf(msg, sizeof msg, "OIT indicator %u needs \"sub_indicators\" (its score is their mean)", fi->number);
            fail(p, msg);
            return;
        }
        cJSON_ArrayForEach(si, sis) {
            if (!known_keys(p, si, sub_indicator_keys))
                return;
            struct ita_fw_sub_indicator *s = &fw->sub_indicators[fw->sub_indicator_count++];
            s->code = get_string(p, si, "code", true);
            get_text(p, si, "name_th", "name_en", &s->name);
            s->indicator = index;
            fi->sub_indicator_count++;
        }
        if (p->failed)
            return;
        const cJSON *its = get_array(p, ind, "items", true);
        fi->first_item = fw->item_count;
        const cJSON *it;
        cJSON_ArrayForEach(it, its) {
            parse_item(p, it, fw, index, &fw->items[fw->item_count++]);
            fi->item_count++;
            if (p->failed)
                return;
        }
        if (fi->item_count == 0) {
            snprintf(msg, sizeof msg, "indicator %u has no items", fi->number);
            fail(p, msg);
            return;
        }
        for (size_t s = 0; s < fi->sub_indicator_count; s++)
            if (fw->sub_indicators[fi->first_sub_indicator + s].item_count == 0) {
                snprintf(msg, sizeof msg, "sub-indicator %s has no items",
                         fw->sub_indicators[fi->first_sub_indicator + s].code);
                fail(p, msg);
                return;
            }
    }
    int64_t total = 0;
    for (int t = 0; t < ITA_TOOL_COUNT; t++) {
        total += tool_sum[t];
        if (tool_sum[t] != fw->tools[t].weight) {
            char msg[160];
            snprintf(msg, sizeof msg, "the weights of the %s indicators do not add up to the tool's weight",
                     ita_tool_code((enum ita_tool)t));
            fail(p, msg);
            return;
        }
        if (fw->tools[t].indicator_count == 0) {
            fail(p, "every tool needs at least one indicator");
            return;
        }
    }
    if (total != 10000)
        fail(p, "the indicator weights must add up to 100");
}

static void build_lookup(struct fw_parse *p, struct ita_framework *fw)
{
    for (size_t i = 0; i < fw->item_count; i++) {
        const struct ita_fw_item *it = &fw->items[i];
        if (it->number + 1 > fw->lookup_size[it->tool])
            fw->lookup_size[it->tool] = it->number + 1;
    }
    for (int t = 0; t < ITA_TOOL_COUNT; t++) {
        if (fw->lookup_size[t] == 0)
            continue;
        fw->lookup[t] = calloc(fw->lookup_size[t], sizeof(uint16_t));
        if (fw->lookup[t] == NULL) {
            p->nomem = p->failed = true;
            return;
        }
    }
    for (size_t i = 0; i < fw->item_count; i++) {
        const struct ita_fw_item *it = &fw->items[i];
        if (fw->lookup[it->tool][it->number] != 0) {
            char msg[128];
            snprintf(msg, sizeof msg, "item %s is listed twice", it->code);
            fail(p, msg);
            return;
        }
        fw->lookup[it->tool][it->number] = (uint16_t)(i + 1);
    }
    /* one question of the year before has one successor at most */
    size_t *successor = calloc((size_t)ITA_TOOL_COUNT * 10000, sizeof *successor);
    if (successor == NULL) {
        p->nomem = p->failed = true;
        return;
    }
    for (size_t i = 0; i < fw->item_count && !p->failed; i++) {
        const char *a = ita_fw_item_previous_code(&fw->items[i]);
        enum ita_tool tool;
        unsigned number;
        if (a == NULL || !ita_item_code_parse(a, strlen(a), &tool, &number))
            continue;
        size_t *s = &successor[(size_t)tool * 10000 + number];
        if (*s != 0) {
            char msg[160];
            snprintf(msg, sizeof msg, "items %s and %s both ask the question of %s of the year before "
                     "(\"previous_code\")", fw->items[*s - 1].code, fw->items[i].code, a);
            fail(p, msg);
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

enum ita_status ita_framework_parse(const char *json, size_t len, const char *name,
                                    struct ita_framework **out, struct ita_diags *diags)
{
    *out = NULL;
    struct fw_parse p = {name, diags, false, false};
    cJSON *root = NULL;
    size_t line = 0, column = 0;
    enum ita_status st = ita_json_parse(json, len, &root, &line, &column);
    if (st == ITA_ERR_DATA)
        ita_diags_add(diags, ITA_SEV_ERROR, name, line, column, "invalid framework: not valid JSON");
    if (st != ITA_OK)
        return st;
    struct ita_framework *fw = calloc(1, sizeof *fw);
    if (fw == NULL) {
        cJSON_Delete(root);
        return ITA_ERR_NOMEM;
    }
    if (!cJSON_IsObject(root))
        fail(&p, "the file must be one JSON object with \"schema\": \"ita-framework/1\"");
    else
        known_keys(&p, root, top_keys);
    const char *schema = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(root, "schema"));
    if (schema == NULL || strcmp(schema, "ita-framework/1") != 0)
        fail(&p, "\"schema\" must be \"ita-framework/1\"");
    const cJSON *year = cJSON_GetObjectItemCaseSensitive(root, "year");
    if (!p.failed && (!cJSON_IsNumber(year) || year->valueint < 2400 || year->valueint > 2800))
        fail(&p, "\"year\" must be a B.E. year such as 2565");
    const char *status = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(root, "status"));
    if (!p.failed && (status == NULL || (strcmp(status, "established") != 0 &&
                                         strcmp(status, "provisional") != 0)))
        fail(&p, "\"status\" must be \"established\" or \"provisional\"");
    const cJSON *year_ce = cJSON_GetObjectItemCaseSensitive(root, "year_ce");
    if (!p.failed && (!cJSON_IsNumber(year_ce) || year_ce->valueint != year->valueint - 543))
        fail(&p, "\"year_ce\" must be \"year\" - 543");
    if (!p.failed) {
        fw->year = year->valueint;
        fw->provisional = strcmp(status, "provisional") == 0;
        get_text(&p, root, "name_th", "name_en", &fw->name);
    }
    if (!p.failed)
        parse_tools(&p, root, fw);
    if (!p.failed)
        parse_rating(&p, root, fw);
    if (!p.failed)
        parse_indicators(&p, root, fw);
    if (!p.failed)
        build_lookup(&p, fw);
    if (!p.failed) {
        fw->path = ita_strdup(name);
        if (fw->path == NULL)
            p.nomem = p.failed = true;
    }
    cJSON_Delete(root);
    if (p.failed) {
        ita_framework_free(&fw);
        return p.nomem ? ITA_ERR_NOMEM : ITA_ERR_DATA;
    }
    *out = fw;
    return ITA_OK;
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
    enum ita_status st = ita_framework_parse(text, len, path, out, diags);
    free(text);
    return st;
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
