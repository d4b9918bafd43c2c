/* The compact form of a framework or interface text file (docs/frameworks.md).
 *
 * The JSON files under data/ are the source; the build derives from each a
 * compact form (ita-YYYY.compact beside ita-YYYY.json, LANG.compact beside
 * LANG.json) that holds the same framework or texts already checked, read with
 * one mapping and no parsing. A compact form records the size and a 64-bit hash
 * of the JSON bytes it was made from, and is used only while the JSON file has
 * exactly that size and hash: a JSON file edited since is read as JSON, with its
 * diagnostics. A compact form that is missing, damaged (its own hash), of
 * another format version or byte order is ignored the same way, silently.
 */
#ifndef ITA_COMPACT_H
#define ITA_COMPACT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ita/framework.h"
#include "ita/texts.h"
#include "ita/util.h"

/* The hash a compact form records: 8 bytes at a time in four lanes, each step a
 * bijection of its lane's state and one-to-one in the word it takes, so that a
 * change within one aligned 8-byte word anywhere always changes it (and any other
 * change with a chance of about 2^-64 of going unseen). */
uint64_t ita_compact_hash(const void *bytes, size_t n);

/* Appends the compact form of fw, read from the JSON text json[0..json_len). */
void ita_framework_compact_write(const struct ita_framework *fw, const char *json, size_t json_len,
                                 struct ita_buf *out);
/* Appends the compact form of t, read from json[0..json_len). */
void ita_texts_compact_write(const struct ita_texts *t, const char *json, size_t json_len,
                             struct ita_buf *out);

/* The framework of the JSON file json_path from the compact form at
 * compact_path, when that form is whole and records json_path's bytes; NULL
 * otherwise (nothing said: the caller reads the JSON). Its path is json_path. */
struct ita_framework *ita_framework_compact_load(const char *json_path, const char *compact_path);
/* The texts of json_path from compact_path, under the same rule; false (t
 * untouched) when the compact form is not used. */
bool ita_texts_compact_load(const char *json_path, const char *compact_path, enum ita_lang lang,
                            struct ita_texts *t);

/* A compact form built into the binary (the build writes every form of data/
 * into it): the data file it was made from, by its folder and name
 * ("frameworks/ita-2565.json", "texts/en.json"), and its bytes, 8-byte aligned,
 * which live as long as the program. It is used under the same rule as a form
 * beside the JSON, without the hash of its own bytes, and before it: no file is
 * opened but the JSON, to hash it. */
struct ita_compact_form {
    const char *name;
    const unsigned char *bytes;
    size_t size;
};

struct ita_compact_forms {
    const struct ita_compact_form *items;
    size_t count;
};

/* The forms of data/ the build put into the binary: defined in the source the
 * build writes (`ita-compact embed`), in the library itaforms, which ita and
 * the tests that look at the forms link. */
extern const struct ita_compact_forms ita_built_in_forms;

/* The form of forms (NULL: none) made from the data file json_path, found by its
 * folder and name; NULL when there is none. */
const struct ita_compact_form *ita_compact_forms_find(const struct ita_compact_forms *forms, const char *json_path);
/* As ita_framework_compact_load and ita_texts_compact_load, from a built-in form
 * (NULL: none); the framework or texts point into it (compact_size 0). */
struct ita_framework *ita_framework_compact_from(const char *json_path, const struct ita_compact_form *form);
bool ita_texts_compact_from(const char *json_path, const struct ita_compact_form *form, enum ita_lang lang,
                            struct ita_texts *t);

/* Where the compact form of a data file may be: json_path with ".compact" in
 * place of ".json" (1), then, in a binary built to run from its build tree,
 * the build tree's copy (2). Writes the nth (1 or 2) into out; false when there
 * is none. */
bool ita_compact_path(const char *json_path, int nth, char *out, size_t size);

#endif
