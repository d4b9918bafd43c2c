/* Private to the load module: what the loader and the scanner check in every field. */
#ifndef ITA_LOAD_FIELD_H
#define ITA_LOAD_FIELD_H

#include <stddef.h>

enum field_check { FIELD_OK, FIELD_BAD_UTF8, FIELD_NUL, FIELD_BOM, FIELD_CONTROL };

/* Whether n bytes are UTF-8 without NUL, without a byte order mark and without
 * control characters; *control is the control character found. Tab and line ends
 * are text; other C0 and C1 controls (ESC, CSI, ...) are not, and would reach a
 * terminal through the reports and messages. */
enum field_check check_field(const unsigned char *s, size_t n, unsigned *control);

#endif
