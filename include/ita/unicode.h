/* What ita asks of Unicode beyond UTF-8 itself: the canonical composition (NFC)
 * of agency names, the columns a character takes, and whether it is a letter, a
 * mark or a number.
 *
 * ASCII and the assigned Thai characters, the bulk of every name and text ita
 * handles, are answered here without a library, from facts that
 * tests/unit/test_unicode.c holds to utf8proc. Everything else goes to
 * libutf8proc (Debian's libutf8proc2), opened through include/ita/dynlib.h the
 * first time such a character is met, so that most runs never load it.
 *
 * The NFC of a name fails to its caller when the library cannot be loaded. A
 * width or a category cannot: ita_unicode_width and ita_unicode_alnum then give a
 * stand-in answer and the library's struct ita_dynlib keeps the failure, which
 * ita_unicode_missed reports; whoever writes output that may hold such answers
 * asks it first, and writes nothing when it says one was missed.
 */
#ifndef ITA_UNICODE_H
#define ITA_UNICODE_H

#include <stdbool.h>
#include <stddef.h>

/* An assigned character of the Thai block: U+0E01..U+0E3A or U+0E3F..U+0E5B. */
static inline bool ita_thai_assigned(unsigned cp)
{
    return (cp >= 0x0E01 && cp <= 0x0E3A) || (cp >= 0x0E3F && cp <= 0x0E5B);
}

/* The assigned Thai character whose three bytes of UTF-8 start at p (U+0E00..U+0E7F
 * is E0 B8 80..E0 B9 BF), left bytes at most before the end; 0 for anything else. */
static inline unsigned ita_thai_at(const unsigned char *p, size_t left)
{
    if (left < 3 || p[0] != 0xE0 || (p[1] & 0xFE) != 0xB8 || (p[2] & 0xC0) != 0x80)
        return 0;
    unsigned cp = 0x0E00u | (unsigned)(p[1] & 1) << 6 | (unsigned)(p[2] & 0x3F);
    return ita_thai_assigned(cp) ? cp : 0;
}

/* True when the UTF-8 text s (len bytes) is in NFC as it stands, known without
 * the library: it holds only ASCII and assigned Thai characters (none of which
 * decomposes or composes canonically), and after each character of combining
 * class 0 the marks of a non-zero class come in non-decreasing class order.
 * False says nothing: the text may be in NFC or not. */
bool ita_nfc_known(const char *s, size_t len);

/* The NFC of the NUL-ended UTF-8 text s through libutf8proc, in *out (the caller
 * frees it): 0; ELIBACC when the library cannot be loaded; ENOMEM when memory ran
 * out or utf8proc refused s (*out is then NULL). */
int ita_unicode_nfc(const char *s, char **out);

/* The columns a terminal gives code point cp, as utf8proc_charwidth counts them
 * (0 to 2); 1 when the library cannot be loaded (see above). */
int ita_unicode_width(unsigned cp);

/* Whether code point cp is a letter, a mark or a number (the general categories
 * L*, M*, N*); false when the library cannot be loaded (see above). */
bool ita_unicode_alnum(unsigned cp);

/* 0 when every width and category asked so far was answered; else why one was
 * not: ELIBACC (libutf8proc cannot be loaded) or ENOMEM. */
int ita_unicode_missed(void);

#endif
