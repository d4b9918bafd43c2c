/* An agency's attributes, counted value by value (attrs.c); internal to bind. */
#ifndef ITA_BIND_ATTRS_H
#define ITA_BIND_ATTRS_H

#include "ita/bind.h"

/* Gives the agency room for n attributes; false when memory ran out. */
bool attrs_reserve(struct ita_agency *a, size_t n);
/* Counts `rows` more rows that gave attribute k the value text[0..len). When the
 * value is new to an agency that had another, *other is that other value (the one
 * in use before), else NULL. ITA_OK or ITA_ERR_NOMEM. */
enum ita_status attrs_count(struct ita_agency *a, size_t k, const char *text, size_t len, size_t rows,
                            uint32_t line, uint32_t file, const struct ita_attr_value **other);
void attrs_free(struct ita_agency *a);

#endif
