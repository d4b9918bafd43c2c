/* An agency's attributes, counted value by value (attrs.c); internal to bind. */
#ifndef ITA_BIND_ATTRS_H
#define ITA_BIND_ATTRS_H

#include "ita/bind.h"

/* Gives the agency room for n attributes; false when memory ran out. */
bool attrs_reserve(struct ita_agency *a, size_t n);
/* Counts `rows` more rows that gave attribute k the value text[0..len). When the
 * value is new to an agency that had another, *other is that other value (the one
 * in use before), else NULL. When index is not NULL it receives the value's index
 * in the tally. ITA_OK or ITA_ERR_NOMEM. */
enum ita_status attrs_count(struct ita_agency *a, size_t k, const char *text, size_t len, size_t rows,
                            uint32_t line, uint32_t file, const struct ita_attr_value **other, size_t *index);
/* Counts `rows` more rows for the value at index v of attribute k's tally, one
 * that attrs_count gave: the same as attrs_count with that value's text. */
void attrs_count_again(struct ita_agency *a, size_t k, size_t v, size_t rows, uint32_t line, uint32_t file);
void attrs_free(struct ita_agency *a);

#endif
