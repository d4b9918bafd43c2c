/* Private to the load module: where an unquoted run of CSV ends, and how much
 * of a record repeats the record before.
 *
 * The run ends at the first delimiter, '\r', '\n', '"' or NUL byte. Two ways to
 * find it give the same answer: 16 bytes at a time with SSE2 (every x86-64 has
 * it), and a portable one, 8 bytes at a time in a machine word. The scanner uses
 * the first where the compiler offers SSE2 and the build does not ask for the
 * portable one (cmake -DITA_PORTABLE_SCAN=ON); the unit tests compare both.
 * The same for the common prefix of two records, and for a run of printable
 * ASCII.
 * Neither reads a byte at or after `end`.
 */
#ifndef ITA_LOAD_SCAN_FIND_H
#define ITA_LOAD_SCAN_FIND_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if defined(__SSE2__) && !defined(ITA_PORTABLE_SCAN)
#include <emmintrin.h>
#define SCAN_FIND_SSE2 1
#endif

struct scan_specials {
    unsigned char table[256]; /* 1 for the bytes that end a run */
    char delimiter;
};

static inline void scan_specials_init(struct scan_specials *sp, char delimiter)
{
    memset(sp->table, 0, sizeof sp->table);
    sp->table[(unsigned char)delimiter] = 1;
    sp->table['\r'] = 1;
    sp->table['\n'] = 1;
    sp->table['"'] = 1;
    sp->table[0] = 1;
    sp->delimiter = delimiter;
}

/* A word with 0x80 in each byte of x that may be zero: exact for the lowest
 * such byte (a borrow only marks bytes above a zero byte). */
static inline uint64_t scan_zero_bytes(uint64_t x)
{
    return (x - UINT64_C(0x0101010101010101)) & ~x & UINT64_C(0x8080808080808080);
}

/* The offset of the first special byte in s[q, end), or end. */
static inline size_t scan_find_portable(const struct scan_specials *sp, const char *s, size_t q, size_t end)
{
    const uint64_t ones = UINT64_C(0x0101010101010101);
    const uint64_t d = ones * (unsigned char)sp->delimiter, cr = ones * '\r', lf = ones * '\n', qu = ones * '"';
    while (end - q >= 8) {
        uint64_t w;
        memcpy(&w, s + q, 8);
        if (scan_zero_bytes(w ^ d) | scan_zero_bytes(w ^ cr) | scan_zero_bytes(w ^ lf) | scan_zero_bytes(w ^ qu) |
            scan_zero_bytes(w))
            break; /* one of these 8 bytes: the table says which, whatever the byte order */
        q += 8;
    }
    while (q < end && !sp->table[(unsigned char)s[q]])
        q++;
    return q;
}

/* How many bytes a[0, n) and b[0, n) have in common from the start, where a
 * NUL in b matches any byte of a (the scanner compares a record's raw bytes with
 * the record before, whose field ends it has overwritten with NUL). */
static inline size_t scan_common_prefix_portable(const char *a, const char *b, size_t n)
{
    size_t i = 0;
    for (; n - i >= 8; i += 8) {
        uint64_t wa, wb;
        memcpy(&wa, a + i, 8);
        memcpy(&wb, b + i, 8);
        if (wa != wb)
            break;
    }
    while (i < n && (a[i] == b[i] || b[i] == '\0'))
        i++;
    return i;
}

/* The offset of the first byte of s[q, end) that is not printable ASCII (0x20
 * to 0x7E), or end: the run that check_field (field.h) need not look at byte by
 * byte. A word holds only such bytes when none is below 0x20 and none above 0x7E
 * (adding 1 to each byte sets the top bit of one that was 0x7F; a carry out of a
 * byte comes only from 0xFF, whose own top bit is set already). */
static inline size_t scan_ascii_run_portable(const unsigned char *s, size_t q, size_t end)
{
    const uint64_t ones = UINT64_C(0x0101010101010101), high = UINT64_C(0x8080808080808080);
    while (end - q >= 8) {
        uint64_t w;
        memcpy(&w, s + q, 8);
        if ((((w - ones * 0x20) & ~w) | (w + ones) | w) & high)
            break;
        q += 8;
    }
    while (q < end && s[q] >= 0x20 && s[q] < 0x7F)
        q++;
    return q;
}

/* How many bytes scan_tail_marks looks at. */
#define SCAN_TAIL_BYTES 16

/* The delimiters and line ends ('\n', '\r') of the 16 bytes at s (all of
 * them readable), as bits: bit i stands for s[i]. Where the fields of a short
 * record end. */
static inline void scan_tail_marks_portable(const char *s, char delimiter, unsigned *delims, unsigned *line_ends)
{
    unsigned d = 0, l = 0;
    for (unsigned i = 0; i < SCAN_TAIL_BYTES; i++) {
        d |= (unsigned)(s[i] == delimiter) << i;
        l |= (unsigned)(s[i] == '\n' || s[i] == '\r') << i;
    }
    *delims = d;
    *line_ends = l;
}

#ifdef SCAN_FIND_SSE2
static inline void scan_tail_marks_sse2(const char *s, char delimiter, unsigned *delims, unsigned *line_ends)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
    *delims = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(delimiter)));
    *line_ends = (unsigned)_mm_movemask_epi8(
        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\r'))));
}

static inline size_t scan_common_prefix_sse2(const char *a, const char *b, size_t n)
{
    const __m128i zero = _mm_setzero_si128();
    size_t i = 0;
    for (; n - i >= 16; i += 16) {
        __m128i va = _mm_loadu_si128((const __m128i *)(const void *)(a + i));
        __m128i vb = _mm_loadu_si128((const __m128i *)(const void *)(b + i));
        unsigned differ =
            (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(va, vb), _mm_cmpeq_epi8(vb, zero))) ^ 0xFFFFu;
        if (differ != 0)
            return i + (size_t)__builtin_ctz(differ);
    }
    while (i < n && (a[i] == b[i] || b[i] == '\0'))
        i++;
    return i;
}

static inline size_t scan_find_sse2(const struct scan_specials *sp, const char *s, size_t q, size_t end)
{
    const __m128i d = _mm_set1_epi8(sp->delimiter), cr = _mm_set1_epi8('\r'), lf = _mm_set1_epi8('\n'),
                  qu = _mm_set1_epi8('"'), zero = _mm_setzero_si128();
    while (end - q >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + q));
        __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, d), _mm_cmpeq_epi8(v, qu)),
                                 _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, lf)),
                                              _mm_cmpeq_epi8(v, zero)));
        unsigned mask = (unsigned)_mm_movemask_epi8(m);
        if (mask != 0)
            return q + (size_t)__builtin_ctz(mask);
        q += 16;
    }
    while (q < end && !sp->table[(unsigned char)s[q]])
        q++;
    return q;
}
static inline size_t scan_ascii_run_sse2(const unsigned char *s, size_t q, size_t end)
{
    /* as signed bytes, printable ASCII is above 0x1F and below 0x7F; 0x80 to 0xFF are negative */
    const __m128i lo = _mm_set1_epi8(0x1F), hi = _mm_set1_epi8(0x7F);
    while (end - q >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + q));
        unsigned ok = (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_cmpgt_epi8(v, lo), _mm_cmplt_epi8(v, hi)));
        if (ok != 0xFFFFu)
            return q + (size_t)__builtin_ctz(~ok);
        q += 16;
    }
    return scan_ascii_run_portable(s, q, end); /* a word at a time, the last bytes */
}
#define scan_find scan_find_sse2
#define scan_common_prefix scan_common_prefix_sse2
#define scan_ascii_run scan_ascii_run_sse2
#define scan_tail_marks scan_tail_marks_sse2
#else
#define scan_find scan_find_portable
#define scan_common_prefix scan_common_prefix_portable
#define scan_ascii_run scan_ascii_run_portable
#define scan_tail_marks scan_tail_marks_portable
#endif

#endif
