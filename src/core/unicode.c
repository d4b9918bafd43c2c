/* Unicode beyond UTF-8: NFC, widths and categories (include/ita/unicode.h). */
#include "ita/unicode.h"

#include <errno.h>
#include <utf8proc.h>

#include "ita/dynlib.h"

/* libutf8proc, opened by the first character that ASCII and Thai do not cover
 * (include/ita/dynlib.h). Its functions are called through this table, never by
 * their names, so that a program which links utf8proc itself keeps its own. */
#define LIBUTF8PROC_SONAME "libutf8proc.so.2" /* Debian 12: libutf8proc2 */
#define UTF8PROC_FUNCTIONS(X) \
    X(utf8proc_NFC) \
    X(utf8proc_category) \
    X(utf8proc_charwidth)

static struct utf8proc_lib {
    UTF8PROC_FUNCTIONS(ITA_DYNLIB_FIELD)
} lib;
#define SYMBOL(name) ITA_DYNLIB_SYMBOL(struct utf8proc_lib, name)
static const struct ita_dynlib_symbol utf8proc_symbols[] = {UTF8PROC_FUNCTIONS(SYMBOL)};
static struct ita_dynlib libutf8proc = ITA_DYNLIB_INIT(LIBUTF8PROC_SONAME, utf8proc_symbols, &lib);

/* The canonical combining class of an assigned Thai character: SARA U and SARA UU
 * 103, PHINTHU 9, the four tone marks 107, every other one 0. */
static unsigned thai_class(unsigned cp)
{
    if (cp == 0x0E38 || cp == 0x0E39)
        return 103;
    if (cp == 0x0E3A)
        return 9;
    if (cp >= 0x0E48 && cp <= 0x0E4B)
        return 107;
    return 0;
}

bool ita_nfc_known(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str, *end = s + len;
    unsigned last = 0; /* the class of the character before */
    while (s < end) {
        if (*s < 0x80) {
            last = 0;
            s++;
            continue;
        }
        unsigned cp = ita_thai_at(s, (size_t)(end - s));
        if (cp == 0)
            return false;
        unsigned c = thai_class(cp);
        if (c != 0 && c < last)
            return false; /* NFC puts these marks in order */
        last = c;
        s += 3;
    }
    return true;
}

int ita_unicode_nfc(const char *s, char **out)
{
    *out = NULL;
    int error = ita_dynlib_open(&libutf8proc);
    if (error != 0)
        return error == ENOMEM ? ENOMEM : ELIBACC;
    *out = (char *)lib.utf8proc_NFC((const utf8proc_uint8_t *)s);
    return *out == NULL ? ENOMEM : 0;
}

int ita_unicode_width(unsigned cp)
{
    if (ita_dynlib_open(&libutf8proc) != 0)
        return 1;
    return lib.utf8proc_charwidth((utf8proc_int32_t)cp);
}

bool ita_unicode_alnum(unsigned cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    /* in the Thai block all but BAHT (Sc), FONGMAN, ANGKHANKHU and KHOMUT (Po) */
    if (ita_thai_assigned(cp))
        return cp != 0x0E3F && cp != 0x0E4F && cp < 0x0E5A;
    if (ita_dynlib_open(&libutf8proc) != 0)
        return false;
    utf8proc_category_t cat = lib.utf8proc_category((utf8proc_int32_t)cp);
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO;
}

int ita_unicode_missed(void)
{
    return ita_dynlib_first_error(&libutf8proc);
}
