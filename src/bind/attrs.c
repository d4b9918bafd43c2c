/* An agency's attributes, counted value by value, so that the value in use does
 * not depend on the order of the rows (see ita/bind.h). */
#include "attrs.h"

#include <stdlib.h>
#include <string.h>

#include "ita/util.h"

bool attrs_reserve(struct ita_agency *a, size_t n)
{
    if (a->attr_cap >= n)
        return true;
    char **attrs = realloc(a->attrs, n * sizeof *attrs);
    if (attrs == NULL)
        return false;
    a->attrs = attrs;
    struct ita_attr_tally *tallies = realloc(a->tallies, n * sizeof *tallies);
    if (tallies == NULL)
        return false;
    a->tallies = tallies;
    for (size_t k = a->attr_cap; k < n; k++) {
        attrs[k] = NULL;
        tallies[k] = (struct ita_attr_tally){NULL, 0, 0};
    }
    a->attr_cap = n;
    return true;
}

static bool same(const char *s, const char *text, size_t len)
{
    return strncmp(s, text, len) == 0 && s[len] == '\0';
}

/* Whether value a wins over value b: more rows, or as many and first in
 * code-point order (which strcmp on UTF-8 gives). */
static bool wins(const struct ita_attr_value *a, const struct ita_attr_value *b)
{
    return a->rows > b->rows || (a->rows == b->rows && strcmp(a->text, b->text) < 0);
}

enum ita_status attrs_count(struct ita_agency *a, size_t k, const char *text, size_t len, size_t rows,
                            uint32_t line, uint32_t file, const struct ita_attr_value **other, size_t *index)
{
    *other = NULL;
    struct ita_attr_tally *t = &a->tallies[k];
    size_t v = t->count;
    if (v > 0 && same(t->values[t->chosen].text, text, len)) {
        v = t->chosen; /* the usual case: the rows agree */
    } else {
        for (size_t i = 0; i < t->count && v == t->count; i++)
            if (same(t->values[i].text, text, len))
                v = i;
    }
    if (v == t->count) {
        char *copy = ita_strndup(text, len);
        struct ita_attr_value *values = copy ? realloc(t->values, (t->count + 1) * sizeof *values) : NULL;
        if (values == NULL) {
            free(copy);
            return ITA_ERR_NOMEM;
        }
        t->values = values;
        t->values[v] = (struct ita_attr_value){copy, 0, line, file};
        t->count++;
        if (v > 0)
            *other = &t->values[t->chosen];
    }
    attrs_count_again(a, k, v, rows, line, file);
    if (index != NULL)
        *index = v;
    return ITA_OK;
}

void attrs_count_again(struct ita_agency *a, size_t k, size_t v, size_t rows, uint32_t line, uint32_t file)
{
    struct ita_attr_tally *t = &a->tallies[k];
    if (t->values[v].line == 0 && line != 0) {
        t->values[v].line = line;
        t->values[v].file = file;
    }
    t->values[v].rows += rows;
    /* counts only grow, so only the value just counted can take the lead */
    if (v != t->chosen && wins(&t->values[v], &t->values[t->chosen]))
        t->chosen = v;
    a->attrs[k] = t->values[t->chosen].text;
}

void attrs_free(struct ita_agency *a)
{
    for (size_t k = 0; k < a->attr_cap; k++) {
        for (size_t i = 0; i < a->tallies[k].count; i++)
            free(a->tallies[k].values[i].text);
        free(a->tallies[k].values);
    }
    free(a->tallies);
    free(a->attrs);
    a->tallies = NULL;
    a->attrs = NULL;
    a->attr_cap = 0;
}
