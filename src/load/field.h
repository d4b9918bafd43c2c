/* Private to the load module: what the loader and the scanner check in every field. */
#ifndef ITA_LOAD_FIELD_H
#define ITA_LOAD_FIELD_H

#include <stddef.h>

enum field_check { FIELD_OK, FIELD_BAD_UTF8, FIELD_NUL, FIELD_BOM };

/* Whether n bytes are UTF-8 without NUL and without a byte order mark. */
enum field_check check_field(const unsigned char *s, size_t n);

#endif
