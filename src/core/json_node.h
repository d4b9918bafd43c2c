/* Private to the core: reading a cJSON tree without calling libcjson.
 *
 * The trees of ita_json_parse are made by json.c's own reader in most runs, and
 * libcjson is opened only for the text that reader leaves to it (json.c,
 * include/ita/dynlib.h). So the readers of a tree test its nodes here, from the
 * type bits and fields that cJSON.h declares, with the meaning of cJSON's
 * functions of the same name (cJSON_IsObject and so on): a NULL node is none of
 * the types. */
#ifndef ITA_CORE_JSON_NODE_H
#define ITA_CORE_JSON_NODE_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

static inline bool ita_json_type_is(const cJSON *node, int type)
{
    return node != NULL && (node->type & 0xFF) == type;
}
static inline bool ita_json_is_object(const cJSON *node) { return ita_json_type_is(node, cJSON_Object); }
static inline bool ita_json_is_array(const cJSON *node) { return ita_json_type_is(node, cJSON_Array); }
static inline bool ita_json_is_string(const cJSON *node) { return ita_json_type_is(node, cJSON_String); }
static inline bool ita_json_is_number(const cJSON *node) { return ita_json_type_is(node, cJSON_Number); }
static inline bool ita_json_is_null(const cJSON *node) { return ita_json_type_is(node, cJSON_NULL); }
static inline bool ita_json_is_true(const cJSON *node) { return ita_json_type_is(node, cJSON_True); }
static inline bool ita_json_is_bool(const cJSON *node)
{
    return node != NULL && (node->type & (cJSON_True | cJSON_False)) != 0;
}
/* The string of a string node, else NULL. */
static inline const char *ita_json_string(const cJSON *node)
{
    return ita_json_is_string(node) ? node->valuestring : NULL;
}
/* The number of elements of an array or members of an object (0 for NULL). */
static inline size_t ita_json_count(const cJSON *node)
{
    size_t n = 0;
    for (const cJSON *c = node != NULL ? node->child : NULL; c != NULL; c = c->next)
        n++;
    return n;
}

#endif
