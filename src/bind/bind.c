/* Bind: header mapping, row validation against the year's framework, storage. */
#include "ita/bind.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ita/decimal.h"
#include "ita/unicode.h"
#include "ita/util.h"
#include "attrs.h"

size_t ita_slot_overall(const struct ita_framework *fw)
{
    (void)fw;
    return 0;
}
size_t ita_slot_indicator(const struct ita_framework *fw, size_t indicator)
{
    (void)fw;
    return 1 + indicator;
}
size_t ita_slot_sub_indicator(const struct ita_framework *fw, size_t sub_indicator)
{
    return 1 + fw->indicator_count + sub_indicator;
}
size_t ita_slot_item(const struct ita_framework *fw, size_t item)
{
    return 1 + fw->indicator_count + fw->sub_indicator_count + item;
}
size_t ita_slot_sub(const struct ita_framework *fw, size_t sub)
{
    return 1 + fw->indicator_count + fw->sub_indicator_count + fw->item_count + sub;
}
size_t ita_slot_tool(const struct ita_framework *fw, enum ita_tool tool)
{
    return ita_slot_sub(fw, fw->sub_count) + (size_t)tool;
}
size_t ita_slot_count(const struct ita_framework *fw)
{
    return ita_slot_tool(fw, ITA_TOOL_COUNT);
}

int ita_year_to_be(long year)
{
    if (year >= 1900 && year <= 2300)
        return (int)year + 543;
    if (year >= 2443 && year <= 2843)
        return (int)year;
    return 0;
}

void ita_score_set_init(struct ita_score_set *set)
{
    memset(set, 0, sizeof *set);
}

void ita_score_set_free(struct ita_score_set *set)
{
    for (size_t i = 0; i < set->count; i++) {
        struct ita_agency *a = &set->agencies[i];
        free(a->name);
        attrs_free(a);
        for (size_t y = 0; y < a->year_count; y++) {
            free(a->years[y].values);
            free(a->years[y].lines);
        }
        free(a->years);
    }
    free(set->agencies);
    for (size_t k = 0; k < set->attr_count; k++)
        free(set->attr_names[k]);
    free(set->attr_names);
    free(set->table);
    memset(set, 0, sizeof *set);
}

const struct ita_agency *ita_score_set_find(const struct ita_score_set *set, const char *name)
{
    if (set->table_cap == 0)
        return NULL;
    for (size_t i = ita_hash_str(name) & (set->table_cap - 1);; i = (i + 1) & (set->table_cap - 1)) {
        size_t k = set->table[i];
        if (k == 0)
            return NULL;
        if (strcmp(set->agencies[k - 1].name, name) == 0)
            return &set->agencies[k - 1];
    }
}

/* Puts entry (an index + 1) in the first free place of an open-addressing table
 * of cap places (a power of two) from hash h on. */
static void table_put(size_t *table, size_t cap, uint64_t h, size_t entry)
{
    size_t i = h & (cap - 1);
    while (table[i] != 0)
        i = (i + 1) & (cap - 1);
    table[i] = entry;
}

static bool table_grow(struct ita_score_set *set)
{
    size_t cap = set->table_cap ? set->table_cap * 2 : 64;
    size_t *t = calloc(cap, sizeof *t);
    if (t == NULL)
        return false;
    for (size_t k = 0; k < set->count; k++)
        table_put(t, cap, ita_hash_str(set->agencies[k].name), k + 1);
    free(set->table);
    set->table = t;
    set->table_cap = cap;
    return true;
}

/* Finds or adds an agency; SIZE_MAX on allocation failure. Takes ownership of name. */
static size_t agency_index(struct ita_score_set *set, char *name)
{
    const struct ita_agency *found = ita_score_set_find(set, name);
    if (found != NULL) {
        free(name);
        return (size_t)(found - set->agencies);
    }
    if ((set->count + 1) * 2 > set->table_cap && !table_grow(set)) {
        free(name);
        return SIZE_MAX;
    }
    if (set->count == set->cap) {
        size_t cap = set->cap ? set->cap * 2 : 16;
        struct ita_agency *a = realloc(set->agencies, cap * sizeof *a);
        if (a == NULL) {
            free(name);
            return SIZE_MAX;
        }
        set->agencies = a;
        set->cap = cap;
    }
    struct ita_agency *a = &set->agencies[set->count];
    memset(a, 0, sizeof *a);
    a->name = name;
    table_put(set->table, set->table_cap, ita_hash_str(name), set->count + 1);
    return set->count++;
}

const struct ita_year_scores *ita_agency_year(const struct ita_agency *agency, int year)
{
    for (size_t y = 0; y < agency->year_count; y++)
        if (agency->years[y].year == year)
            return &agency->years[y];
    return NULL;
}

static struct ita_year_scores *agency_year_add(struct ita_agency *a, int year,
                                               const struct ita_framework *fw, bool lean)
{
    for (size_t y = 0; y < a->year_count; y++)
        if (a->years[y].year == year)
            return &a->years[y];
    struct ita_year_scores *ys = realloc(a->years, (a->year_count + 1) * sizeof *ys);
    if (ys == NULL)
        return NULL;
    a->years = ys;
    size_t n = ita_slot_count(fw);
    int16_t *values = malloc(n * sizeof *values);
    uint32_t *lines = lean ? NULL : calloc(n, sizeof *lines);
    if (values == NULL || (lines == NULL && !lean)) {
        free(values);
        free(lines);
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        values[i] = ITA_NOT_GIVEN;
    size_t at = a->year_count;
    while (at > 0 && a->years[at - 1].year > year) {
        a->years[at] = a->years[at - 1];
        at--;
    }
    a->years[at].year = year;
    a->years[at].fw = fw;
    a->years[at].values = values;
    a->years[at].lines = lines;
    a->years[at].given = 0;
    a->years[at].band = ITA_NOT_GIVEN;
    a->years[at].band_line = 0;
    a->year_count++;
    return &a->years[at];
}

static enum ita_status merge_year(struct ita_agency *to,
                                  struct ita_year_scores *from, const char *name, struct ita_diags *diags)
{
    struct ita_year_scores *ys = NULL;
    for (size_t y = 0; y < to->year_count; y++)
        if (to->years[y].year == from->year)
            ys = &to->years[y];
    if (ys == NULL) {
        struct ita_year_scores *years = realloc(to->years, (to->year_count + 1) * sizeof *years);
        if (years == NULL)
            return ITA_ERR_NOMEM;
        to->years = years;
        size_t at = to->year_count;
        while (at > 0 && to->years[at - 1].year > from->year) {
            to->years[at] = to->years[at - 1];
            at--;
        }
        to->years[at] = *from;
        to->year_count++;
        from->values = NULL;
        from->lines = NULL;
        return ITA_OK;
    }
    if (from->band != ITA_NOT_GIVEN) {
        if (ys->band == ITA_NOT_GIVEN) {
            ys->band = from->band;
            ys->band_line = from->band_line;
        } else if (ys->band != from->band) {
            ita_diags_add(diags, ITA_SEV_ERROR, NULL, from->band_line, 0,
                          "agency \"%s\": the published result of %d is given twice, differently", name, from->year);
        }
    }
    size_t n = ita_slot_count(ys->fw);
    for (size_t i = 0; i < n; i++) {
        if (from->values[i] == ITA_NOT_GIVEN)
            continue;
        if (ys->values[i] != ITA_NOT_GIVEN) {
            ita_diags_add(diags, ys->values[i] == from->values[i] ? ITA_SEV_WARNING : ITA_SEV_ERROR, NULL,
                          from->lines ? from->lines[i] : 0, 0, "agency \"%s\": a score of %d is given twice",
                          name, from->year);
            continue;
        }
        ys->values[i] = from->values[i];
        if (ys->lines != NULL)
            ys->lines[i] = from->lines ? from->lines[i] : 0;
        ys->given++;
    }
    free(from->values);
    free(from->lines);
    from->values = NULL;
    from->lines = NULL;
    return ITA_OK;
}

static size_t attr_index(struct ita_score_set *set, const char *name);

enum ita_status ita_score_set_merge(struct ita_score_set *dst, struct ita_score_set *src,
                                    struct ita_diags *diags)
{
    enum ita_status st = ITA_OK;
    size_t *attr_map = malloc((src->attr_count ? src->attr_count : 1) * sizeof *attr_map);
    if (attr_map == NULL)
        return ITA_ERR_NOMEM;
    for (size_t k = 0; k < src->attr_count && st == ITA_OK; k++)
        if ((attr_map[k] = attr_index(dst, src->attr_names[k])) == SIZE_MAX)
            st = ITA_ERR_NOMEM;
    for (size_t i = 0; i < src->count && st == ITA_OK; i++) {
        struct ita_agency *from = &src->agencies[i];
        char *name = from->name;
        from->name = NULL;
        size_t index = agency_index(dst, name);
        if (index == SIZE_MAX) {
            st = ITA_ERR_NOMEM;
            break;
        }
        struct ita_agency *to = &dst->agencies[index];
        if (!attrs_reserve(to, dst->attr_count)) {
            st = ITA_ERR_NOMEM;
            break;
        }
        for (size_t k = 0; k < from->attr_cap && k < src->attr_count && st == ITA_OK; k++)
            for (size_t v = 0; v < from->tallies[k].count && st == ITA_OK; v++) {
                const struct ita_attr_value *value = &from->tallies[k].values[v], *other;
                st = attrs_count(to, attr_map[k], value->text, strlen(value->text), value->rows, 0, 0, &other, NULL);
                if (other != NULL)
                    ita_diags_add(diags, ITA_SEV_WARNING, NULL, 0, 0,
                                  "agency \"%s\": column %s is \"%s\" in one part of the input and \"%s\" in another",
                                  to->name, dst->attr_names[attr_map[k]], value->text, other->text);
            }
        for (size_t y = 0; y < from->year_count && st == ITA_OK; y++)
            st = merge_year(to, &from->years[y], to->name, diags);
    }
    free(attr_map);
    ita_score_set_free(src);
    src->lean = dst->lean;
    return st;
}

enum ita_status ita_agency_name_normalize(const char *name, size_t len, char **norm, struct ita_diags *diags)
{
    *norm = NULL;
    char *out = malloc(len + 1);
    if (out == NULL)
        return ITA_ERR_NOMEM;
    size_t o = 0;
    bool space = false;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)name[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            space = o > 0;
            continue;
        }
        if (space)
            out[o++] = ' ';
        space = false;
        out[o++] = (char)c;
    }
    out[o] = '\0';
    /* ASCII and Thai in their canonical order (every Thai name) are in NFC already */
    if (ita_nfc_known(out, o)) {
        *norm = out;
        return ITA_OK;
    }
    int error = ita_unicode_nfc(out, norm);
    if (error == ELIBACC)
        ita_diags_add(diags, ITA_SEV_ERROR, NULL, 0, 0,
                      "agency \"%s\": its name needs libutf8proc (package libutf8proc2), which cannot be loaded", out);
    free(out);
    return error == 0 ? ITA_OK : error == ELIBACC ? ITA_ERR_IO : ITA_ERR_NOMEM;
}

/* The meanings a column name can have, in English and Thai (docs/cli.md). */
enum { K_YEAR, K_SCORE, K_ITEM, K_INDICATOR, K_SUB, K_AGENCY, K_LABEL, K_GRADE, K_COUNT };
static const char *const meaning_names[K_COUNT] = {"year", "score", "item", "indicator",
                                                   "sub", "agency", "label", "grade"};
static const struct column_name {
    const char *name; /* lower case, without spaces */
    int meaning;
} column_names[] = {
    {"year", K_YEAR},           {"ปี", K_YEAR},            {"ปีงบประมาณ", K_YEAR},
    {"score", K_SCORE},         {"คะแนน", K_SCORE},
    {"item", K_ITEM},           {"ข้อ", K_ITEM},           {"ประเด็น", K_ITEM},   {"รหัส", K_ITEM},
    {"indicator", K_INDICATOR}, {"ตัวชี้วัด", K_INDICATOR},
    {"sub", K_SUB},             {"ข้อย่อย", K_SUB},
    {"agency", K_AGENCY},       {"หน่วยงาน", K_AGENCY},     {"ชื่อหน่วยงาน", K_AGENCY},
    {"label", K_LABEL},         {"คำอธิบาย", K_LABEL},      {"รายการ", K_LABEL},
    {"grade", K_GRADE},         {"level", K_GRADE},        {"ระดับ", K_GRADE},   {"ผลการประเมิน", K_GRADE},
};
#define COLUMN_NAME_COUNT (sizeof column_names / sizeof column_names[0])

/* Wide-layout names (lower case, without spaces, Thai digits as 0-9). */
static const char *const overall_names[] = {"overall", "total", "ita", "คะแนนรวม", "คะแนนภาพรวม", "คะแนนita"};
static const char *const indicator_prefixes[] = {"indicator", "ind", "ตัวชี้วัดที่", "ตัวชี้วัด"};

/* A line number as the score set keeps it. */
static inline uint32_t line_of(size_t line)
{
    return (uint32_t)(line > UINT32_MAX ? UINT32_MAX : line);
}

/* Code points of UTF-8 text, at most max; SIZE_MAX when longer or not UTF-8. */
static size_t code_points(const char *s, int32_t *out, size_t max)
{
    size_t n = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned cp = *p;
        /* the NUL after s stops a sequence cut short, as it is no continuation byte */
        size_t k = cp < 0x80 ? 1 : ita_utf8_decode(p, 4, &cp);
        if (k == 0 || n == max)
            return SIZE_MAX;
        out[n++] = (int32_t)cp;
        p += k;
    }
    return n;
}

/* Edit distance (with transpositions) in code points; 99 for long texts. */
static size_t edit_distance(const char *a, const char *b)
{
    int32_t ca[30], cb[30];
    size_t la = code_points(a, ca, 30), lb = code_points(b, cb, 30);
    if (la == SIZE_MAX || lb == SIZE_MAX)
        return 99;
    size_t d[32][32];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= la; i++)
        for (size_t j = 1; j <= lb; j++) {
            size_t best = d[i - 1][j - 1] + (ca[i - 1] != cb[j - 1]);
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && ca[i - 1] == cb[j - 2] && ca[i - 2] == cb[j - 1] && d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    return d[la][lb];
}

/* Cuts the spaces and tabs around s[0..n). */
static void trim(const char **s, size_t *n)
{
    while (*n > 0 && (**s == ' ' || **s == '\t')) {
        (*s)++;
        (*n)--;
    }
    while (*n > 0 && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t'))
        (*n)--;
}

/* Lower-cased, trimmed copy of a header name (ASCII case only). */
static char *header_key(const struct ita_field *f)
{
    const char *s = f->data;
    size_t n = f->len;
    trim(&s, &n);
    char *k = ita_strndup(s, n);
    if (k != NULL)
        for (char *p = k; *p; p++)
            if (*p >= 'A' && *p <= 'Z')
                *p = (char)(*p - 'A' + 'a');
    return k;
}

/* The key as names are compared: without spaces, Thai digits as 0-9 (in place). */
static void compact_key(char *k)
{
    size_t o = 0;
    for (size_t i = 0; k[i]; i++)
        if (k[i] != ' ' && k[i] != '\t')
            k[o++] = k[i];
    k[o] = '\0';
    size_t n;
    if (memchr(k, 0xE0, o) != NULL)
        (void)ita_digits_ascii(k, o, k, o + 1, &n); /* never longer; a mix is read as digits */
}

static size_t attr_index(struct ita_score_set *set, const char *name)
{
    for (size_t k = 0; k < set->attr_count; k++)
        if (strcmp(set->attr_names[k], name) == 0)
            return k;
    char **names = realloc(set->attr_names, (set->attr_count + 1) * sizeof *names);
    if (names == NULL)
        return SIZE_MAX;
    set->attr_names = names;
    names[set->attr_count] = ita_strdup(name);
    if (names[set->attr_count] == NULL)
        return SIZE_MAX;
    return set->attr_count++;
}

/* 1 to `max_digits` ASCII digits: their length; 0 when s does not start so. */
static size_t digit_run(const char *s, size_t max_digits)
{
    size_t d = strspn(s, "0123456789");
    return d <= max_digits ? d : 0;
}

/* Whether a compact key names a score of the wide layout; fills w. */
static bool wide_parse(const char *k, struct ita_wide_column *w)
{
    for (size_t i = 0; i < sizeof overall_names / sizeof overall_names[0]; i++)
        if (strcmp(k, overall_names[i]) == 0) {
            w->kind = ITA_WIDE_OVERALL;
            return true;
        }
    for (int t = 0; t < ITA_TOOL_COUNT; t++) {
        const char *code = ita_tool_code((enum ita_tool)t);
        if (strlen(k) == 3 && k[0] == code[0] - 'A' + 'a' && k[1] == 'i' && k[2] == 't') {
            w->kind = ITA_WIDE_TOOL;
            w->tool = (enum ita_tool)t;
            return true;
        }
    }
    const char *rest = k;
    bool prefixed = false;
    for (size_t i = 0; i < sizeof indicator_prefixes / sizeof indicator_prefixes[0]; i++) {
        size_t n = strlen(indicator_prefixes[i]);
        if (strncmp(k, indicator_prefixes[i], n) == 0) {
            rest = k + n;
            prefixed = true;
            break;
        }
    }
    size_t d = digit_run(rest, 2);
    if (d > 0 && rest[d] == '\0') {
        w->kind = ITA_WIDE_INDICATOR;
        w->number = (unsigned)strtoul(rest, NULL, 10);
        return w->number > 0;
    }
    if (d > 0 && rest[d] == '.') {
        size_t e = digit_run(rest + d + 1, 2);
        if (e == 0 || rest[d + 1 + e] != '\0')
            return false;
        w->kind = ITA_WIDE_SUB_INDICATOR;
        snprintf(w->code, sizeof w->code, "%s", rest);
        return true;
    }
    if (prefixed)
        return false;
    size_t item_len = strcspn(k, "._");
    if (!ita_item_code_parse(k, item_len, &w->tool, &w->number))
        return false;
    if (k[item_len] == '\0') {
        w->kind = ITA_WIDE_ITEM;
        return true;
    }
    const char *sub = k + item_len + 1;
    size_t e = digit_run(sub, 3);
    if (e == 0 || sub[e] != '\0' || (w->sub = (unsigned)strtoul(sub, NULL, 10)) == 0)
        return false;
    w->kind = ITA_WIDE_SUB;
    return true;
}

/* A column that names no meaning: a warning when it is a near miss of one. */
static void near_miss(struct ita_binder *b, const struct ita_field *f, size_t c, const char *key)
{
    int32_t cps[30];
    size_t len = code_points(key, cps, 30);
    if (len == SIZE_MAX || len < 3)
        return;
    for (size_t i = 0; i < COLUMN_NAME_COUNT; i++) {
        const char *name = column_names[i].name;
        bool ascii = (unsigned char)name[0] < 0x80;
        size_t dist = edit_distance(key, name);
        /* Thai names: one letter off only, and not on short words (ลำดับ is not ระดับ) */
        bool near = ascii ? dist == 1 || (dist == 2 && strlen(name) >= 5) : dist == 1 && len >= 4;
        if (near) {
            char q[ITA_QUOTE_BUFSZ];
            ita_diags_add(b->diags, ITA_SEV_WARNING, b->file, f->line, c + 1,
                          "column %s is not a known column and is kept as an attribute; did you mean \"%s\"?",
                          ita_quote(f->data, f->len, q, sizeof q), name);
            return;
        }
    }
}

/* The columns a record's tail holds (tail_kind). */
enum { TAIL_ITEM, TAIL_SUB, TAIL_SCORE };

/* The binder's tail_from, tail_to and tail_kind for the columns of a file of
 * one score a row. */
static size_t tail_columns(struct ita_binder *b)
{
    if (b->col_indicator != SIZE_MAX || b->col_grade != SIZE_MAX || b->col_agency == SIZE_MAX ||
        b->col_item == SIZE_MAX)
        return SIZE_MAX;
    size_t cols[] = {b->col_item, b->col_sub, b->col_score}, from = SIZE_MAX, count = 0;
    for (size_t i = 0; i < 3; i++)
        if (cols[i] != SIZE_MAX) {
            count++;
            if (cols[i] < from)
                from = cols[i];
        }
    if (from + count != b->column_count)
        return SIZE_MAX;
    for (size_t i = 0; i < 3; i++)
        if (cols[i] != SIZE_MAX)
            b->tail_kind[cols[i] - from] = (unsigned char)i; /* TAIL_ITEM, TAIL_SUB, TAIL_SCORE */
    b->tail_to = b->col_sub != SIZE_MAX && b->col_sub < b->col_score ? b->col_sub : b->col_score;
    return from;
}

/* What each column of the header is: a meaning (>= 0), a wide score column
 * (WIDE), an attribute (OTHER), or nothing (SKIP: no name, or a duplicate). */
enum { COL_OTHER = -1, COL_WIDE = -2, COL_SKIP = -3 };

static enum ita_status on_header(void *ctx, const struct ita_record *rec)
{
    struct ita_binder *b = ctx;
    size_t *cols[K_COUNT] = {&b->col_year, &b->col_score,  &b->col_item,  &b->col_indicator,
                             &b->col_sub,  &b->col_agency, &b->col_label, &b->col_grade};
    b->column_count = rec->count;
    b->attr_of_col = malloc(rec->count * sizeof *b->attr_of_col);
    char **keys = calloc(rec->count, sizeof *keys);
    int *what = calloc(rec->count, sizeof *what);
    b->wide = calloc(rec->count, sizeof *b->wide);
    b->cells = calloc(rec->count, sizeof *b->cells);
    b->attr_value = malloc(rec->count * sizeof *b->attr_value);
    b->attr_cols = malloc(rec->count * sizeof *b->attr_cols);
    if (b->attr_of_col == NULL || keys == NULL || what == NULL || b->wide == NULL || b->cells == NULL ||
        b->attr_value == NULL || b->attr_cols == NULL) {
        free(keys);
        free(what);
        return ITA_ERR_NOMEM;
    }
    enum ita_status st = ITA_OK;
    size_t wide_count = 0;
    for (size_t c = 0; c < rec->count && st != ITA_ERR_NOMEM; c++) {
        const struct ita_field *f = &rec->fields[c];
        b->attr_of_col[c] = SIZE_MAX;
        what[c] = COL_OTHER;
        keys[c] = header_key(f);
        if (keys[c] == NULL) {
            st = ITA_ERR_NOMEM;
            break;
        }
        if (keys[c][0] == '\0') {
            ita_diags_add(b->diags, ITA_SEV_ERROR, b->file, f->line, c + 1, "column %zu has no name", c + 1);
            st = ITA_ERR_DATA;
            what[c] = COL_SKIP;
            continue;
        }
        bool dup = false;
        for (size_t e = 0; e < c && !dup; e++)
            if (keys[e] != NULL && strcmp(keys[e], keys[c]) == 0) {
                char q[ITA_QUOTE_BUFSZ];
                ita_diags_add(b->diags, ITA_SEV_ERROR, b->file, f->line, c + 1,
                              "duplicate column %s: columns %zu and %zu have the same name (names are case-insensitive)",
                              ita_quote(f->data, f->len, q, sizeof q), e + 1, c + 1);
                st = ITA_ERR_DATA;
                dup = true;
            }
        if (dup) {
            what[c] = COL_SKIP;
            continue;
        }
        char *compact = ita_strdup(keys[c]);
        if (compact == NULL) {
            st = ITA_ERR_NOMEM;
            break;
        }
        compact_key(compact);
        for (size_t i = 0; i < COLUMN_NAME_COUNT && what[c] == COL_OTHER; i++)
            if (strcmp(compact, column_names[i].name) == 0)
                what[c] = column_names[i].meaning;
        if (what[c] >= 0) {
            size_t *col = cols[what[c]];
            if (*col != SIZE_MAX) {
                char q[ITA_QUOTE_BUFSZ];
                ita_diags_add(b->diags, ITA_SEV_ERROR, b->file, f->line, c + 1,
                              "columns %zu and %zu are both the column \"%s\" (%s is another name for it)", *col + 1,
                              c + 1, meaning_names[what[c]], ita_quote(f->data, f->len, q, sizeof q));
                st = ITA_ERR_DATA;
            } else {
                *col = c;
            }
        } else if (wide_parse(compact, &b->wide[wide_count])) {
            struct ita_wide_column *w = &b->wide[wide_count++];
            w->col = c;
            w->slot = SIZE_MAX;
            ita_quote(f->data, f->len, w->name, sizeof w->name);
            what[c] = COL_WIDE;
        }
        free(compact);
    }
    bool wide = b->col_score == SIZE_MAX && wide_count > 0;
    /* the rest are attributes, and so are score-like names in a file with a score column */
    for (size_t c = 0; c < rec->count && st != ITA_ERR_NOMEM; c++) {
        if (keys[c] == NULL || (what[c] != COL_OTHER && (what[c] != COL_WIDE || wide)))
            continue;
        if ((b->attr_of_col[c] = attr_index(b->set, keys[c])) == SIZE_MAX) {
            st = ITA_ERR_NOMEM;
            break;
        }
        b->attr_cols[b->attr_col_count++] = c;
        if (what[c] == COL_OTHER)
            near_miss(b, &rec->fields[c], c, keys[c]);
    }
    for (size_t c = 0; c < rec->count; c++)
        free(keys[c]);
    free(keys);
    free(what);
    b->wide_count = wide ? wide_count : 0;
    if (st != ITA_OK)
        return st;
    bool ok = true;
    if (b->col_year == SIZE_MAX && b->default_year == 0) {
        ita_diags_add(b->diags, ITA_SEV_ERROR, b->file, rec->line, 0,
                      "missing required column \"year\" (or \"ปี\"): add it, or give the year of every row with "
                      "--year YEAR");
        ok = false;
    }
    if (b->col_score == SIZE_MAX && !wide) {
        ita_diags_add(b->diags, ITA_SEV_ERROR, b->file, rec->line, 0,
                      "missing required column \"score\" (or \"คะแนน\"); for one row per agency, name each score "
                      "column by what it scores: overall, IIT, 1, 9.1, I1, I1.1");
        ok = false;
    }
    if (!ok)
        return ITA_ERR_DATA;
    if (wide) {
        /* the columns that place one score a row have no place in a wide file */
        size_t placing[] = {b->col_item, b->col_indicator, b->col_sub};
        for (size_t i = 0; i < 3; i++)
            if (placing[i] != SIZE_MAX) {
                char q[ITA_QUOTE_BUFSZ];
                const struct ita_field *f = &rec->fields[placing[i]];
                ita_diags_add(b->diags, ITA_SEV_ERROR, b->file, f->line, placing[i] + 1,
                              "column %s places one score a row, which needs a column \"score\"; a file with "
                              "columns named by what they score (such as %s) has one row per agency",
                              ita_quote(f->data, f->len, q, sizeof q), b->wide[0].name);
                ok = false;
            }
        if (!ok)
            return ITA_ERR_DATA;
        b->header_ok = true;
        return ITA_OK;
    }
    b->tail_from = tail_columns(b);
    if (b->col_item == SIZE_MAX && b->col_indicator == SIZE_MAX) {
        ita_diags_add(b->diags, ITA_SEV_ERROR, b->file, rec->line, 0,
                      "missing column \"item\" or \"indicator\": one of them is required");
        return ITA_ERR_DATA;
    }
    if (b->col_sub != SIZE_MAX && b->col_item == SIZE_MAX) {
        ita_diags_add(b->diags, ITA_SEV_ERROR, b->file, rec->line, b->col_sub + 1,
                      "column \"sub\" needs a column \"item\"");
        return ITA_ERR_DATA;
    }
    b->header_ok = true;
    return ITA_OK;
}

static const struct ita_field *field_at(const struct ita_record *rec, size_t col)
{
    return col == SIZE_MAX ? NULL : &rec->fields[col];
}

static bool field_empty(const struct ita_field *f)
{
    if (f == NULL)
        return true;
    for (size_t i = 0; i < f->len; i++)
        if (f->data[i] != ' ' && f->data[i] != '\t')
            return false;
    return true;
}

/* The field trimmed of spaces, with Thai digits as 0-9 in buf when it has any;
 * false when it does not fit or mixes the two kinds of digits. */
static bool field_ascii(const struct ita_field *f, char *buf, size_t size, const char **s, size_t *n)
{
    *s = f->data;
    *n = f->len;
    if (memchr(f->data, 0xE0, f->len) != NULL) {
        if (ita_digits_ascii(f->data, f->len, buf, size, n) != ITA_NUM_OK)
            return false;
        *s = buf;
    }
    trim(s, n);
    return true;
}

/* A sub-question number or a year, plainly written: 1 to 9 ASCII digits. */
static bool plain_uint(const char *s, size_t n, long *out)
{
    if (n == 0 || n > 9)
        return false;
    long v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

static bool parse_uint(const struct ita_field *f, long *out)
{
    /* the plain case, 1 to 9 ASCII digits and nothing else, needs no copy */
    if (plain_uint(f->data, f->len, out))
        return true;
    char buf[40];
    const char *s;
    size_t n;
    return field_ascii(f, buf, sizeof buf, &s, &n) && plain_uint(s, n, out);
}

/* An item code, Thai digits read as digits. */
static bool parse_item_code(const struct ita_field *f, enum ita_tool *tool, unsigned *number)
{
    /* a code the field spells in ASCII has no Thai digit to read first */
    if (ita_item_code_parse(f->data, f->len, tool, number))
        return true;
    char buf[40];
    const char *s;
    size_t n;
    return field_ascii(f, buf, sizeof buf, &s, &n) && ita_item_code_parse(s, n, tool, number);
}

static void bad(struct ita_binder *b, const struct ita_field *f, size_t col, const char *fmt_what,
                const char *detail)
{
    char q[ITA_QUOTE_BUFSZ];
    ita_diags_add(b->diags, ITA_SEV_ERROR, b->file, f->line, col + 1, "%s %s %s", fmt_what,
                  ita_quote(f->data, f->len, q, sizeof q), detail);
}

/* Letters typed for digits (o and O for 0, l and I for 1), and nothing else
 * wrong: the score those letters were probably meant to be, in buf; else NULL. */
static const char *score_typo_fix(const struct ita_field *f, char *buf, size_t size)
{
    if (f->len == 0 || f->len >= size)
        return NULL;
    bool changed = false;
    for (size_t i = 0; i < f->len; i++) {
        char c = f->data[i];
        if (c == 'o' || c == 'O') {
            c = '0';
            changed = true;
        } else if (c == 'l' || c == 'I') {
            c = '1';
            changed = true;
        }
        buf[i] = c;
    }
    buf[f->len] = '\0';
    int64_t v;
    if (!changed || ita_score_parse(buf, f->len, &v) != ITA_NUM_OK)
        return NULL;
    /* as the number is written, without the spaces around it */
    size_t end = f->len;
    while (end > 0 && (buf[end - 1] == ' ' || buf[end - 1] == '\t'))
        buf[--end] = '\0';
    char *start = buf;
    while (*start == ' ' || *start == '\t')
        start++;
    return start;
}

/* Parses a score field; on an error, writes what is wrong (with a likely fix) to detail. */
static enum ita_number_status parse_score(const struct ita_field *f, int64_t *score, char *detail, size_t size)
{
    enum ita_number_status ns = ita_score_parse(f->data, f->len, score);
    if (ns != ITA_NUM_OK && ns != ITA_NUM_EMPTY) {
        char fix[32];
        const char *guess = ns == ITA_NUM_NOT_A_NUMBER ? score_typo_fix(f, fix, sizeof fix) : NULL;
        if (guess != NULL)
            snprintf(detail, size, "%s; did you mean %s?", ita_number_status_text(ns), guess);
        else
            snprintf(detail, size, "%s", ita_number_status_text(ns));
    }
    return ns;
}

/* The item code that a near miss (l13, I-13, I 13, E1O) probably
 * means, when it exists in the framework; else NULL. */
static const char *item_typo_fix(const struct ita_framework *fw, const struct ita_field *f, char *buf,
                                 size_t size)
{
    size_t o = 0;
    for (size_t i = 0; i < f->len && o + 1 < size; i++) {
        char c = f->data[i];
        if (c == ' ' || c == '-' || c == '.' || c == '_' || c == '\t')
            continue;
        if (o == 0) {
            if (c == 'l' || c == 'L' || c == '|')
                c = 'I';
        } else if (c == 'o' || c == 'O') {
            c = '0';
        } else if (c == 'l' || c == 'I' || c == 'i') {
            c = '1';
        }
        buf[o++] = c;
    }
    buf[o] = '\0';
    enum ita_tool tool;
    unsigned number;
    if (o == 0 || !ita_item_code_parse(buf, o, &tool, &number))
        return NULL;
    const struct ita_fw_item *item = ita_framework_item(fw, tool, number);
    if (item == NULL)
        return NULL;
    /* only a suggestion when the text was not already this code */
    enum ita_tool t0;
    unsigned n0;
    if (ita_item_code_parse(f->data, f->len, &t0, &n0) && t0 == tool && n0 == number)
        return NULL;
    return item->code;
}

/* "9.1" -> sub-indicator index of the framework; SIZE_MAX when none. */
static size_t find_sub_indicator_code(const struct ita_framework *fw, const char *s, size_t n)
{
    for (size_t i = 0; i < fw->sub_indicator_count; i++)
        if (strlen(fw->sub_indicators[i].code) == n && memcmp(fw->sub_indicators[i].code, s, n) == 0)
            return i;
    return SIZE_MAX;
}

static size_t find_sub_indicator(const struct ita_framework *fw, const struct ita_field *f)
{
    char buf[40];
    const char *s;
    size_t n;
    if (!field_ascii(f, buf, sizeof buf, &s, &n))
        return SIZE_MAX;
    return find_sub_indicator_code(fw, s, n);
}

/* "IIT", "eit", " OIT " -> the tool; ITA_TOOL_COUNT when the field is not a tool code. */
static enum ita_tool find_tool(const struct ita_field *f)
{
    const char *s = f->data;
    size_t n = f->len;
    trim(&s, &n);
    for (int t = 0; t < ITA_TOOL_COUNT; t++) {
        const char *code = ita_tool_code((enum ita_tool)t);
        if (n != strlen(code))
            continue;
        bool same = true;
        for (size_t k = 0; k < n; k++)
            if ((s[k] >= 'a' && s[k] <= 'z' ? s[k] - 'a' + 'A' : s[k]) != code[k])
                same = false;
        if (same)
            return (enum ita_tool)t;
    }
    return ITA_TOOL_COUNT;
}

static void item_range(const struct ita_framework *fw, enum ita_tool tool, char *buf, size_t size)
{
    unsigned lo = 0, hi = 0;
    for (size_t i = 0; i < fw->item_count; i++)
        if (fw->items[i].tool == tool) {
            if (lo == 0 || fw->items[i].number < lo)
                lo = fw->items[i].number;
            if (fw->items[i].number > hi)
                hi = fw->items[i].number;
        }
    const char *t = ita_tool_code(tool);
    if (lo == 0)
        snprintf(buf, size, "it has no %s items", t);
    else
        snprintf(buf, size, "its %s items are %c%u to %c%u", t, t[0], lo, t[0], hi);
}

/* Counts the row's attribute values for its agency; warns where a value differs
 * from what the agency's earlier rows gave. */
static enum ita_status count_attrs(struct ita_binder *b, struct ita_agency *agency, const struct ita_record *rec)
{
    if (!attrs_reserve(agency, b->set->attr_count))
        return ITA_ERR_NOMEM;
    uint32_t line = line_of(rec->line);
    if (b->set->lean)
        line = 0;
    /* the counts of the record just before, for the same agency: a value the
     * reader says repeats is the value counted there */
    size_t index = (size_t)(agency - b->set->agencies);
    bool again = b->attrs_row != 0 && b->attrs_row + 1 == b->rows && b->attrs_agency == index;
    b->attrs_row = 0;
    for (size_t i = 0; i < b->attr_col_count; i++) {
        size_t c = b->attr_cols[i], k = b->attr_of_col[c];
        const struct ita_field *f = &rec->fields[c];
        if (again && f->same_as_above) {
            if (b->attr_value[c] != SIZE_MAX)
                attrs_count_again(agency, k, b->attr_value[c], 1, line, b->file_no);
            continue;
        }
        b->attr_value[c] = SIZE_MAX;
        if (field_empty(f))
            continue;
        const struct ita_attr_value *other;
        enum ita_status st = attrs_count(agency, k, f->data, f->len, 1, line, b->file_no, &other, &b->attr_value[c]);
        if (st != ITA_OK)
            return st;
        if (other == NULL)
            continue;
        char where[64] = "on an earlier row";
        if (other->line != 0)
            snprintf(where, sizeof where, "on line %u%s", (unsigned)other->line,
                     other->file == b->file_no ? "" : " of an earlier file");
        ita_diags_add(b->diags, ITA_SEV_WARNING, b->file, rec->line, c + 1,
                      "agency \"%s\": column %s is \"%s\" here but \"%s\" %s; the value of the most rows is used "
                      "(on a tie, the first in code-point order)",
                      agency->name, b->set->attr_names[k], agency->tallies[k].values[agency->tallies[k].count - 1].text,
                      other->text, where);
    }
    b->attrs_row = b->rows;
    b->attrs_agency = index;
    return ITA_OK;
}

/* What a slot of the framework holds, for messages: "I1", "indicator 3", ... */
static const char *describe_slot(const struct ita_framework *fw, size_t slot, char *buf, size_t size)
{
    buf[0] = '\0';
    if (slot == ita_slot_overall(fw))
        return "the overall score";
    if (slot < ita_slot_sub_indicator(fw, 0))
        snprintf(buf, size, "indicator %zu", slot);
    else if (slot < ita_slot_item(fw, 0))
        snprintf(buf, size, "sub-indicator %s", fw->sub_indicators[slot - ita_slot_sub_indicator(fw, 0)].code);
    else if (slot < ita_slot_sub(fw, 0))
        snprintf(buf, size, "%s", fw->items[slot - ita_slot_item(fw, 0)].code);
    else if (slot < ita_slot_tool(fw, 0)) {
        size_t sub = slot - ita_slot_sub(fw, 0);
        for (size_t i = 0; i < fw->item_count; i++)
            if (sub >= fw->items[i].first_sub && sub < fw->items[i].first_sub + fw->items[i].sub_count)
                snprintf(buf, size, "%s sub-question %zu", fw->items[i].code, sub - fw->items[i].first_sub + 1);
    } else {
        snprintf(buf, size, "tool %s", ita_tool_code((enum ita_tool)(slot - ita_slot_tool(fw, 0))));
    }
    return buf;
}

/* The row's year: from its year column, else the binder's default; 0 when it is
 * not a year (said so). */
static int row_year(struct ita_binder *b, const struct ita_record *rec)
{
    const struct ita_field *fy = field_at(rec, b->col_year);
    if (fy == NULL)
        return b->default_year;
    if (fy->same_as_above && b->year_row != 0 && b->year_row + 1 == b->rows) {
        b->year_row = b->rows;
        return b->last_year;
    }
    long year_raw = 0;
    int year = 0;
    if (field_empty(fy))
        ita_diags_add(b->diags, ITA_SEV_ERROR, b->file, fy->line, b->col_year + 1, "year is empty");
    else if (!parse_uint(fy, &year_raw) || (year = ita_year_to_be(year_raw)) == 0)
        bad(b, fy, b->col_year, "year", "is not a fiscal year (B.E. such as 2565, or C.E. such as 2022)");
    /* only a year read without a word is remembered: a wrong one is said on every row */
    if (year != 0) {
        b->year_row = b->rows;
        b->last_year = year;
    }
    return year;
}

/* The framework of the year; NULL when there is none (said once per year). */
static const struct ita_framework *year_framework(struct ita_binder *b, const struct ita_record *rec, int year,
                                                  enum ita_status *st)
{
    *st = ITA_OK;
    if (b->fw != NULL && b->fw_year == year)
        return b->fw;
    enum ita_status fst;
    const struct ita_framework *fw = ita_framework_set_get(b->frameworks, year, &fst, b->diags);
    if (fw != NULL) {
        b->fw = fw;
        b->fw_year = year;
        return fw;
    }
    if (fst == ITA_ERR_NOMEM) {
        *st = fst;
        return NULL;
    }
    bool told = false;
    for (size_t i = 0; i < b->missing_year_count; i++)
        told |= b->missing_years[i] == year;
    if (!told) {
        if (b->missing_year_count < sizeof b->missing_years / sizeof b->missing_years[0])
            b->missing_years[b->missing_year_count++] = year;
        int years[64];
        size_t n = ita_framework_set_years(b->frameworks, years, 64);
        char known[64] = "none";
        if (n > 0)
            snprintf(known, sizeof known, "%d to %d", years[0], years[n - 1]);
        const struct ita_field *fy = field_at(rec, b->col_year);
        ita_diags_add(b->diags, ITA_SEV_ERROR, b->file, fy ? fy->line : rec->line, fy ? b->col_year + 1 : 0,
                      "no framework for year %d (built-in years: %s); give one with --framework FILE", year, known);
    }
    return NULL;
}

/* The entry of raw_names with these bytes, or SIZE_MAX. */
static size_t raw_find(const struct ita_binder *b, const char *raw, size_t len, uint64_t h)
{
    if (b->raw_table_cap == 0)
        return SIZE_MAX;
    for (size_t i = h & (b->raw_table_cap - 1);; i = (i + 1) & (b->raw_table_cap - 1)) {
        size_t k = b->raw_table[i];
        if (k == 0)
            return SIZE_MAX;
        const struct ita_raw_name *r = &b->raw_names[k - 1];
        if (r->hash == h && r->len == len && memcmp(r->raw, raw, len) == 0)
            return k - 1;
    }
}

/* Remembers that raw[0..len) names agency index; the entry, or SIZE_MAX when
 * memory ran out. */
static size_t raw_add(struct ita_binder *b, const char *raw, size_t len, uint64_t h, size_t index)
{
    if ((b->raw_count + 1) * 2 > b->raw_table_cap) {
        size_t cap = b->raw_table_cap ? b->raw_table_cap * 2 : 64;
        size_t *t = calloc(cap, sizeof *t);
        if (t == NULL)
            return SIZE_MAX;
        for (size_t k = 0; k < b->raw_count; k++)
            table_put(t, cap, b->raw_names[k].hash, k + 1);
        free(b->raw_table);
        b->raw_table = t;
        b->raw_table_cap = cap;
    }
    if (b->raw_count == b->raw_cap) {
        size_t cap = b->raw_cap ? b->raw_cap * 2 : 64;
        struct ita_raw_name *names = realloc(b->raw_names, cap * sizeof *names);
        if (names == NULL)
            return SIZE_MAX;
        b->raw_names = names;
        b->raw_cap = cap;
    }
    char *copy = ita_strndup(raw, len);
    if (copy == NULL)
        return SIZE_MAX;
    b->raw_names[b->raw_count] = (struct ita_raw_name){copy, len, h, index};
    table_put(b->raw_table, b->raw_table_cap, h, b->raw_count + 1);
    return b->raw_count++;
}

/* The row's agency (found or added), its attributes filled in. */
static enum ita_status row_agency(struct ita_binder *b, const struct ita_record *rec, struct ita_agency **out)
{
    const struct ita_field *fa = field_at(rec, b->col_agency);
    size_t index;
    const char *raw = fa ? fa->data : "";
    size_t raw_len = fa ? fa->len : 0;
    if (fa != NULL && fa->same_as_above && b->agency_row != 0 && b->agency_row + 1 == b->rows) {
        index = b->last_index; /* the agency of the row just before, as the reader says */
    } else if (b->has_last && raw_len == b->last_raw_len && memcmp(raw, b->last_raw, raw_len) == 0) {
        index = b->last_index;
    } else {
        /* a name written as before names the agency it named then, without
         * being normalised again */
        uint64_t h = ita_hash_bytes(raw, raw_len);
        size_t r = raw_find(b, raw, raw_len, h);
        if (r != SIZE_MAX) {
            index = b->raw_names[r].index;
        } else {
            char *name;
            enum ita_status st = ita_agency_name_normalize(raw, raw_len, &name, b->diags);
            if (st != ITA_OK)
                return st;
            index = agency_index(b->set, name);
            if (index == SIZE_MAX)
                return ITA_ERR_NOMEM;
            if (b->raw_count < 2 * b->set->count + 64 && (r = raw_add(b, raw, raw_len, h, index)) == SIZE_MAX)
                return ITA_ERR_NOMEM;
        }
        /* when the name was not remembered (too many spellings), the memcmp above
         * has nothing to compare with until one is */
        b->last_raw = r != SIZE_MAX ? b->raw_names[r].raw : NULL;
        b->last_raw_len = raw_len;
        b->last_index = index;
        b->has_last = r != SIZE_MAX;
    }
    b->agency_row = b->rows;
    struct ita_agency *agency = &b->set->agencies[index];
    if (b->set->attr_count > 0) {
        enum ita_status st = count_attrs(b, agency, rec);
        if (st != ITA_OK)
            return st;
    }
    *out = agency;
    return ITA_OK;
}

/* The agency's scores of the year, added when new; the last answer is kept, since
 * an agency's rows of a year mostly follow one another. The pointer stays valid
 * until a year is added to the same agency, which only this function does. */
static struct ita_year_scores *binder_year_found(struct ita_binder *b, struct ita_agency *agency, int year,
                                                 const struct ita_framework *fw)
{
    size_t id = (size_t)(agency - b->set->agencies) + 1;
    struct ita_year_scores *ys = agency_year_add(agency, year, fw, b->set->lean);
    b->ys = ys;
    b->ys_agency = id;
    b->ys_year = year;
    return ys;
}

static inline struct ita_year_scores *binder_year(struct ita_binder *b, struct ita_agency *agency, int year,
                                                  const struct ita_framework *fw)
{
    if (b->ys != NULL && b->ys_agency == (size_t)(agency - b->set->agencies) + 1 && b->ys_year == year)
        return b->ys;
    return binder_year_found(b, agency, year, fw);
}

/* Stores a score at a slot that had none. */
static inline void store_score(struct ita_year_scores *ys, size_t slot, int64_t score, uint32_t line)
{
    ys->values[slot] = (int16_t)score;
    if (ys->lines != NULL)
        ys->lines[slot] = line;
    ys->given++;
}

/* Stores one score at its slot; a second score for the same slot is a warning
 * (the same) or an error (another), at line and column col (0-based). */
static enum ita_status put_score(struct ita_binder *b, struct ita_agency *agency, int year,
                                 const struct ita_framework *fw, size_t slot, int64_t score, size_t line,
                                 size_t col)
{
    struct ita_year_scores *ys = binder_year(b, agency, year, fw);
    if (ys == NULL)
        return ITA_ERR_NOMEM;
    if (ys->values[slot] != ITA_NOT_GIVEN) {
        /* formatting what the row gives on every row cost more than the rest of
         * the row, so it is written only for a duplicate */
        char what_buf[64];
        const char *what = describe_slot(fw, slot, what_buf, sizeof what_buf);
        char a[ITA_CENTS_BUFSZ], c[ITA_CENTS_BUFSZ];
        if (ys->lines == NULL)
            ita_diags_add(b->diags, ys->values[slot] == score ? ITA_SEV_WARNING : ITA_SEV_ERROR, b->file, line,
                          col + 1, "%s of %d is given twice", what, year);
        else if (ys->values[slot] == score)
            ita_diags_add(b->diags, ITA_SEV_WARNING, b->file, line, col + 1,
                          "%s of %d is given twice (again %s, as on line %u)", what, year,
                          ita_cents_format(score, a), ys->lines[slot]);
        else
            ita_diags_add(b->diags, ITA_SEV_ERROR, b->file, line, col + 1,
                          "%s of %d is given twice with different scores: %s here, %s on line %u", what, year,
                          ita_cents_format(score, a), ita_cents_format(ys->values[slot], c), ys->lines[slot]);
        return ITA_OK;
    }
    store_score(ys, slot, score, line_of(line));
    return ITA_OK;
}

/* The grade or level a field names in the framework: band index, or SIZE_MAX. */
static size_t find_band(const struct ita_framework *fw, const struct ita_field *f)
{
    const char *s = f->data;
    size_t n = f->len;
    trim(&s, &n);
    for (size_t k = 0; k < fw->band_count; k++) {
        const char *th = fw->bands[k].name.th, *en = fw->bands[k].name.en;
        if (th != NULL && strlen(th) == n && memcmp(th, s, n) == 0)
            return k;
        if (en != NULL && strlen(en) == n) {
            size_t i = 0;
            while (i < n && (s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]) ==
                                (en[i] >= 'A' && en[i] <= 'Z' ? en[i] - 'A' + 'a' : en[i]))
                i++;
            if (i == n)
                return k;
        }
    }
    return SIZE_MAX;
}

/* The published result of the row, read and checked; SIZE_MAX when the cell is
 * empty or wrong (said so). */
static size_t row_band(struct ita_binder *b, const struct ita_record *rec, const struct ita_framework *fw, int year)
{
    const struct ita_field *fg = field_at(rec, b->col_grade);
    if (field_empty(fg))
        return SIZE_MAX;
    size_t band = find_band(fw, fg);
    if (band != SIZE_MAX)
        return band;
    char list[256];
    size_t n = 0;
    for (size_t k = 0; k < fw->band_count && n < sizeof list; k++) {
        const struct ita_fw_text *t = &fw->bands[k].name;
        bool same = t->th == NULL || t->en == NULL || strcmp(t->th, t->en) == 0;
        n += (size_t)snprintf(list + n, sizeof list - n, "%s%s%s%s%s", k ? ", " : "", t->th ? t->th : t->en,
                              same ? "" : " (", same ? "" : t->en, same ? "" : ")");
    }
    char detail[320];
    snprintf(detail, sizeof detail, "is not a %s of %d: %s", fw->scheme == ITA_RATING_GRADES ? "grade" : "level",
             year, list);
    bad(b, fg, b->col_grade, "result", detail);
    return SIZE_MAX;
}

static enum ita_status put_band(struct ita_binder *b, struct ita_agency *agency, int year,
                                const struct ita_framework *fw, size_t band, const struct ita_record *rec)
{
    struct ita_year_scores *ys = binder_year(b, agency, year, fw);
    if (ys == NULL)
        return ITA_ERR_NOMEM;
    const struct ita_field *fg = &rec->fields[b->col_grade];
    if (ys->band == ITA_NOT_GIVEN) {
        ys->band = (int16_t)band;
        ys->band_line = b->set->lean ? 0 : line_of(fg->line);
    } else if ((size_t)ys->band != band) {
        const struct ita_fw_text *was = &fw->bands[ys->band].name, *now = &fw->bands[band].name;
        if (ys->band_line != 0)
            ita_diags_add(b->diags, ITA_SEV_ERROR, b->file, fg->line, b->col_grade + 1,
                          "the published result of %d is given twice, differently: %s here, %s on line %u", year,
                          now->th ? now->th : now->en, was->th ? was->th : was->en, ys->band_line);
        else
            ita_diags_add(b->diags, ITA_SEV_ERROR, b->file, fg->line, b->col_grade + 1,
                          "the published result of %d is given twice, differently", year);
    }
    return ITA_OK;
}

/* Where a wide column's score goes in the year's framework; SIZE_MAX when the
 * column does not exist in that year (said once per year and column). */
static size_t wide_slot(struct ita_binder *b, struct ita_wide_column *w, const struct ita_framework *fw, int year,
                        const struct ita_field *f)
{
    if (w->fw == fw)
        return w->slot;
    size_t slot = SIZE_MAX;
    char detail[160] = "";
    const struct ita_fw_item *item = NULL;
    switch (w->kind) {
    case ITA_WIDE_OVERALL:
        slot = ita_slot_overall(fw);
        break;
    case ITA_WIDE_TOOL:
        slot = ita_slot_tool(fw, w->tool);
        break;
    case ITA_WIDE_INDICATOR:
        if (w->number <= fw->indicator_count)
            slot = ita_slot_indicator(fw, w->number - 1);
        else
            snprintf(detail, sizeof detail, "its indicators are 1 to %zu", fw->indicator_count);
        break;
    case ITA_WIDE_SUB_INDICATOR: {
        size_t s = find_sub_indicator_code(fw, w->code, strlen(w->code));
        if (s != SIZE_MAX)
            slot = ita_slot_sub_indicator(fw, s);
        else if (fw->sub_indicator_count == 0)
            snprintf(detail, sizeof detail, "it has no sub-indicators");
        else
            snprintf(detail, sizeof detail, "its sub-indicators are %s to %s", fw->sub_indicators[0].code,
                     fw->sub_indicators[fw->sub_indicator_count - 1].code);
        break;
    }
    case ITA_WIDE_ITEM:
    case ITA_WIDE_SUB:
        item = ita_framework_item(fw, w->tool, w->number);
        if (item == NULL)
            item_range(fw, w->tool, detail, sizeof detail);
        else if (w->kind == ITA_WIDE_ITEM)
            slot = ita_slot_item(fw, (size_t)(item - fw->items));
        else if (w->sub <= item->sub_count)
            slot = ita_slot_sub(fw, item->first_sub + w->sub - 1);
        else if (item->sub_count == 0)
            snprintf(detail, sizeof detail, "its item %s has no sub-questions", item->code);
        else
            snprintf(detail, sizeof detail, "its item %s has sub-questions 1 to %zu", item->code, item->sub_count);
        break;
    }
    if (slot == SIZE_MAX && w->told_year != year) {
        w->told_year = year;
        ita_diags_add(b->diags, ITA_SEV_ERROR, b->file, f->line, w->col + 1, "column %s does not exist in %d: %s",
                      w->name, year, detail);
    }
    if (slot != SIZE_MAX) {
        w->fw = fw;
        w->slot = slot;
    }
    return slot;
}

/* A row of the wide layout: one agency's year, a score in each named column. */
static enum ita_status wide_record(struct ita_binder *b, const struct ita_record *rec)
{
    int year = row_year(b, rec);
    if (year == 0)
        return ITA_OK;
    enum ita_status st;
    const struct ita_framework *fw = year_framework(b, rec, year, &st);
    if (fw == NULL)
        return st;
    size_t cells = 0;
    for (size_t i = 0; i < b->wide_count; i++) {
        struct ita_wide_column *w = &b->wide[i];
        const struct ita_field *f = &rec->fields[w->col];
        if (field_empty(f)) {
            b->blank_cells++;
            continue;
        }
        int64_t score = 0;
        char detail[96];
        char q[ITA_QUOTE_BUFSZ];
        if (parse_score(f, &score, detail, sizeof detail) != ITA_NUM_OK) {
            ita_diags_add(b->diags, ITA_SEV_ERROR, b->file, f->line, w->col + 1, "column %s: score %s %s", w->name,
                          ita_quote(f->data, f->len, q, sizeof q), detail);
            continue;
        }
        size_t slot = wide_slot(b, w, fw, year, f);
        if (slot == SIZE_MAX)
            continue;
        if (w->kind == ITA_WIDE_ITEM && w->tool == ITA_OIT && score != 0 && score != 10000 &&
            fw->items[slot - ita_slot_item(fw, 0)].sub_count == 0) {
            ita_diags_add(b->diags, ITA_SEV_ERROR, b->file, f->line, w->col + 1,
                          "column %s: score %s is not a score of an OIT item: those are 0 (not met) or 100 (met)",
                          w->name, ita_quote(f->data, f->len, q, sizeof q));
            continue;
        }
        b->cells[cells].slot = slot;
        b->cells[cells].score = score;
        b->cells[cells].col = w->col;
        cells++;
    }
    size_t band = row_band(b, rec, fw, year);
    if (cells == 0 && band == SIZE_MAX)
        return ITA_OK;
    struct ita_agency *agency;
    if ((st = row_agency(b, rec, &agency)) != ITA_OK)
        return st;
    for (size_t i = 0; i < cells && st == ITA_OK; i++)
        st = put_score(b, agency, year, fw, b->cells[i].slot, b->cells[i].score, rec->line, b->cells[i].col);
    if (st == ITA_OK && band != SIZE_MAX)
        st = put_band(b, agency, year, fw, band, rec);
    return st;
}

static void tail_attrs_count(struct ita_binder *b);

static enum ita_status on_record(void *ctx, const struct ita_record *rec)
{
    struct ita_binder *b = ctx;
    tail_attrs_count(b);
    b->rows++;
    if (b->wide_count > 0)
        return wide_record(b, rec);
    const struct ita_field *fs = field_at(rec, b->col_score);
    const struct ita_field *fi = field_at(rec, b->col_item), *fn = field_at(rec, b->col_indicator);
    const struct ita_field *fq = field_at(rec, b->col_sub);
    int year = row_year(b, rec);
    bool ok = year != 0;
    /* an empty score is not given: the row is checked, then skipped */
    bool blank = false;
    int64_t score = 0;
    char detail[256];
    enum ita_number_status ns = parse_score(fs, &score, detail, sizeof detail);
    if (ns == ITA_NUM_EMPTY) {
        blank = true;
        b->blank_cells++;
    } else if (ns != ITA_NUM_OK) {
        bad(b, fs, b->col_score, "score", detail);
        ok = false;
    }
    if (year == 0)
        return ITA_OK;

    enum ita_status st;
    const struct ita_framework *fw = year_framework(b, rec, year, &st);
    if (fw == NULL)
        return st;

    /* level */
    const struct ita_fw_item *item = NULL;
    if (fi != NULL && fi->same_as_above && b->item_row != 0 && b->item_row + 1 == b->rows && b->item_fw == fw) {
        item = b->last_item; /* the code of the row just before, read there in the same framework */
        b->item_row = b->rows;
    } else if (!field_empty(fi)) {
        enum ita_tool tool;
        unsigned number;
        char fix[16];
        if (!parse_item_code(fi, &tool, &number)) {
            const char *guess = item_typo_fix(fw, fi, fix, sizeof fix);
            if (guess != NULL)
                snprintf(detail, sizeof detail, "is not an item code; did you mean %s?", guess);
            else
                snprintf(detail, sizeof detail, "is not an item code such as I1, E15 or O3");
            bad(b, fi, b->col_item, "item", detail);
            return ITA_OK;
        }
        item = ita_framework_item(fw, tool, number);
        if (item == NULL) {
            char range[80];
            item_range(fw, tool, range, sizeof range);
            snprintf(detail, sizeof detail, "does not exist in %d: %s", year, range);
            bad(b, fi, b->col_item, "item", detail);
            return ITA_OK;
        }
        b->item_row = b->rows;
        b->last_item = item;
        b->item_fw = fw;
    }
    size_t indicator = SIZE_MAX, sub_indicator = SIZE_MAX;
    enum ita_tool tool_level = ITA_TOOL_COUNT;
    if (!field_empty(fn)) {
        long v = 0;
        if (parse_uint(fn, &v) && v >= 1 && (size_t)v <= fw->indicator_count) {
            indicator = (size_t)v - 1;
        } else if (item == NULL && (sub_indicator = find_sub_indicator(fw, fn)) != SIZE_MAX) {
            indicator = fw->sub_indicators[sub_indicator].indicator;
        } else if (item == NULL && (tool_level = find_tool(fn)) != ITA_TOOL_COUNT) {
            /* a tool's score: IIT, EIT or OIT */
        } else {
            if (item != NULL && find_tool(fn) != ITA_TOOL_COUNT)
                snprintf(detail, sizeof detail, "is a tool: a tool's score is a row with no item");
            else if (fw->sub_indicator_count > 0)
                snprintf(detail, sizeof detail,
                         "is not an indicator, sub-indicator or tool of %d (1 to %zu, %s to %s, IIT, EIT, OIT)", year,
                         fw->indicator_count, fw->sub_indicators[0].code,
                         fw->sub_indicators[fw->sub_indicator_count - 1].code);
            else
                snprintf(detail, sizeof detail, "is not an indicator or tool of %d (1 to %zu, IIT, EIT, OIT)", year,
                         fw->indicator_count);
            bad(b, fn, b->col_indicator, "indicator", detail);
            return ITA_OK;
        }
        if (item != NULL && item->indicator != indicator) {
            ita_diags_add(b->diags, ITA_SEV_ERROR, b->file, fn->line, b->col_indicator + 1,
                          "item %s belongs to indicator %u in %d, not to indicator %zu", item->code,
                          fw->indicators[item->indicator].number, year, indicator + 1);
            return ITA_OK;
        }
    }
    size_t slot;
    if (!field_empty(fq)) {
        long v = 0;
        if (item == NULL) {
            bad(b, fq, b->col_sub, "sub", "needs an item");
            return ITA_OK;
        }
        if (!parse_uint(fq, &v) || v < 1 || (size_t)v > item->sub_count) {
            if (item->sub_count == 0)
                snprintf(detail, sizeof detail, "is not a sub-question: item %s has none in %d", item->code, year);
            else
                snprintf(detail, sizeof detail, "is not a sub-question of %s (1 to %zu in %d)", item->code,
                         item->sub_count, year);
            bad(b, fq, b->col_sub, "sub", detail);
            return ITA_OK;
        }
        slot = ita_slot_sub(fw, item->first_sub + (size_t)v - 1);
    } else if (item != NULL) {
        if (item->tool == ITA_OIT && item->sub_count == 0 && ok && !blank && score != 0 && score != 10000) {
            bad(b, fs, b->col_score, "score", "is not a score of an OIT item: those are 0 (not met) or 100 (met)");
            return ITA_OK;
        }
        slot = ita_slot_item(fw, (size_t)(item - fw->items));
    } else if (sub_indicator != SIZE_MAX) {
        slot = ita_slot_sub_indicator(fw, sub_indicator);
    } else if (tool_level != ITA_TOOL_COUNT) {
        slot = ita_slot_tool(fw, tool_level);
    } else if (indicator != SIZE_MAX) {
        slot = ita_slot_indicator(fw, indicator);
    } else {
        slot = ita_slot_overall(fw);
    }
    if (!ok)
        return ITA_OK;
    size_t band = row_band(b, rec, fw, year);
    if (blank && band == SIZE_MAX)
        return ITA_OK;

    struct ita_agency *agency;
    if ((st = row_agency(b, rec, &agency)) != ITA_OK)
        return st;
    if (!blank && (st = put_score(b, agency, year, fw, slot, score, rec->line, b->col_score)) != ITA_OK)
        return st;
    if (band != SIZE_MAX)
        st = put_band(b, agency, year, fw, band, rec);
    return st;
}

/* Counts the attribute values of the records taken by their tail since the
 * last call: those counted on attrs_row (attrs_count_again adds n rows as n
 * calls of one row each would, the line of the first). */
static void tail_attrs_count(struct ita_binder *b)
{
    if (b->tail_attr_rows == 0)
        return;
    struct ita_agency *agency = &b->set->agencies[b->attrs_agency];
    for (size_t i = 0; i < b->attr_col_count; i++) {
        size_t c = b->attr_cols[i];
        if (b->attr_value[c] != SIZE_MAX)
            attrs_count_again(agency, b->attr_of_col[c], b->attr_value[c], b->tail_attr_rows, b->tail_attr_line,
                              b->file_no);
    }
    b->tail_attr_rows = 0;
}

/* The sink's tail: a record of the tidy layout whose agency, year and
 * attributes are those of the record just before, bound from its item, sub and
 * score fields alone, as on_record binds it when all is well. Anything else
 * (a field not plainly written, an empty score, a duplicate, any word to say)
 * is left to on_record. Every field taken is read in full by a parser that
 * accepts only ASCII letters, digits and a point: nothing the loader would
 * reject or read otherwise. */
static bool on_tail(void *ctx, size_t first, const char *s, const unsigned char *ends, size_t line)
{
    struct ita_binder *b = ctx;
    const size_t rows = b->rows;
    /* a sub or score of the record before would be a duplicate, or not read here */
    if (first < b->tail_from || first > b->tail_to)
        return false;
    /* what the record just before read from the fields this one repeats (as
     * it stands after a record taken here, when no other came since) */
    int year = b->col_year != SIZE_MAX ? b->last_year : b->default_year;
    const struct ita_framework *fw = b->fw;
    if (b->tail_ready != rows &&
        (!b->header_ok || rows == 0 || b->agency_row != rows || (b->col_year != SIZE_MAX && b->year_row != rows) ||
         (b->set->attr_count > 0 && (b->attrs_row != rows || b->attrs_agency != b->last_index)) || fw == NULL ||
         b->fw_year != year))
        return false;
    const struct ita_fw_item *item = NULL;
    if (first > b->col_item) {
        if (b->item_row != rows || b->item_fw != fw)
            return false;
        item = b->last_item;
    }
    long sub = 0;
    int64_t score = 0;
    bool has_sub = false, has_score = false;
    for (size_t c = first, from = 0; c < b->column_count; c++) {
        const char *f = s + from;
        size_t n = ends[c - first] - from;
        from = ends[c - first] + 1u;
        switch (b->tail_kind[c - b->tail_from]) {
        case TAIL_ITEM: {
            enum ita_tool tool;
            unsigned number;
            if (!ita_item_code_plain(f, n, &tool, &number) || (item = ita_framework_item(fw, tool, number)) == NULL)
                return false;
            break;
        }
        case TAIL_SUB:
            if (n > 0 && !plain_uint(f, n, &sub))
                return false;
            has_sub = n > 0;
            break;
        default:
            if (!ita_score_parse_plain(f, n, &score))
                return false;
            has_score = true;
            break;
        }
    }
    if (item == NULL || !has_score)
        return false;
    size_t slot;
    if (has_sub) {
        if (sub < 1 || (size_t)sub > item->sub_count)
            return false;
        slot = ita_slot_sub(fw, item->first_sub + (size_t)sub - 1);
    } else {
        if (item->tool == ITA_OIT && item->sub_count == 0 && score != 0 && score != 10000)
            return false;
        slot = ita_slot_item(fw, (size_t)(item - fw->items));
    }
    struct ita_agency *agency = &b->set->agencies[b->last_index];
    struct ita_year_scores *ys = binder_year(b, agency, year, fw);
    if (ys == NULL || ys->values[slot] != ITA_NOT_GIVEN)
        return false;
    /* taken: the binder now stands as after on_record of the same record */
    uint32_t line32 = line_of(line);
    b->rows = rows + 1;
    if (b->col_year != SIZE_MAX)
        b->year_row = b->rows;
    b->agency_row = b->rows;
    if (b->set->attr_count > 0) {
        /* its attributes are those of the record before: counted with the
         * others so taken, before anything else looks at them */
        if (b->tail_attr_rows++ == 0)
            b->tail_attr_line = b->set->lean ? 0 : line32;
        b->attrs_row = b->rows;
    }
    b->item_row = b->rows;
    b->last_item = item;
    b->item_fw = fw;
    store_score(ys, slot, score, line32);
    b->tail_ready = b->rows;
    return true;
}

void ita_binder_begin(struct ita_binder *b, struct ita_score_set *set,
                      struct ita_framework_set *frameworks, struct ita_diags *diags,
                      const char *file, struct ita_load_sink *sink)
{
    memset(b, 0, sizeof *b);
    b->set = set;
    b->frameworks = frameworks;
    b->diags = diags;
    b->file = file;
    b->file_no = ++set->files_bound;
    b->col_year = b->col_score = b->col_item = b->col_indicator = SIZE_MAX;
    b->col_sub = b->col_agency = b->col_label = b->col_grade = SIZE_MAX;
    b->tail_from = b->tail_ready = SIZE_MAX;
    sink->ctx = b;
    sink->header = on_header;
    sink->record = on_record;
    sink->tail = on_tail;
}

void ita_binder_end(struct ita_binder *b)
{
    if (b->attr_value != NULL)
        tail_attrs_count(b);
    free(b->attr_of_col);
    free(b->attr_value);
    free(b->attr_cols);
    for (size_t k = 0; k < b->raw_count; k++)
        free(b->raw_names[k].raw);
    free(b->raw_names);
    free(b->raw_table);
    b->raw_names = NULL;
    b->raw_table = NULL;
    b->raw_count = b->raw_cap = b->raw_table_cap = 0;
    free(b->wide);
    free(b->cells);
    b->attr_of_col = NULL;
    b->attr_value = NULL;
    b->attr_cols = NULL;
    b->attr_col_count = 0;
    b->last_raw = NULL;
    b->ys = NULL;
    b->wide = NULL;
    b->cells = NULL;
    b->wide_count = 0;
}
