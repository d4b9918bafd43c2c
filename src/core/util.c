/* Byte buffer and small string/file helpers. */
#include "ita/util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void ita_buf_init(struct ita_buf *b)
{
    memset(b, 0, sizeof *b);
}

void ita_buf_scratch(struct ita_buf *b, struct ita_buf *owner)
{
    memset(b, 0, sizeof *b);
    b->owner = owner;
}

void ita_buf_free(struct ita_buf *b)
{
    free(b->data);
    ita_buf_scratch(b, b->owner);
}

void ita_buf_fail(struct ita_buf *b)
{
    for (; b != NULL; b = b->owner)
        b->failed = true;
}

bool ita_buf_reserve(struct ita_buf *b, size_t extra)
{
    if (b->failed)
        return false;
    if (extra > SIZE_MAX / 4 - b->len) { /* more than any allocation can hold: no wrap-around */
        ita_buf_fail(b);
        return false;
    }
    if (b->len + extra + 1 <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *d = realloc(b->data, cap);
    if (d == NULL) {
        ita_buf_fail(b);
        return false;
    }
    b->data = d;
    b->cap = cap;
    return true;
}

void ita_buf_append_grow(struct ita_buf *b, const char *s, size_t n)
{
    if (!ita_buf_reserve(b, n))
        return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

/* Appends the decimal digits of v, after a minus sign when negative. */
static void put_decimal(struct ita_buf *b, bool negative, unsigned long long v)
{
    char d[ITA_UINT_BUFSZ];
    if (negative)
        ita_buf_putc(b, '-');
    ita_buf_puts(b, ita_uint_text(v, d));
}

/* fmt formatted as vsnprintf would, for the conversions the renderers use most
 * (%s %c %d %i %u with no length, l, ll, or z for %zu; %%), without flags, width
 * or precision: false, with what it appended left for the caller to cut off,
 * at the first conversion it does not take (or a null %s). */
static bool format_plain(struct ita_buf *b, const char *fmt, va_list *ap)
{
    for (const char *p = fmt;;) {
        const char *pct = strchr(p, '%');
        if (pct == NULL) {
            ita_buf_append(b, p, strlen(p));
            return true;
        }
        ita_buf_append(b, p, (size_t)(pct - p));
        p = pct + 1;
        int length = 0; /* 0: int, 1: long, 2: long long, 3: size_t */
        if (*p == 'l' && p[1] == 'l')
            length = 2, p += 2;
        else if (*p == 'l')
            length = 1, p++;
        else if (*p == 'z')
            length = 3, p++;
        char conv = *p++;
        if (conv == 'd' || conv == 'i') {
            long long v = length == 0   ? va_arg(*ap, int)
                          : length == 1 ? va_arg(*ap, long)
                          : length == 2 ? va_arg(*ap, long long)
                                        : 0;
            if (length == 3)
                return false;
            put_decimal(b, v < 0, v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v);
        } else if (conv == 'u') {
            unsigned long long v = length == 0   ? va_arg(*ap, unsigned)
                                   : length == 1 ? va_arg(*ap, unsigned long)
                                   : length == 2 ? va_arg(*ap, unsigned long long)
                                                 : va_arg(*ap, size_t);
            put_decimal(b, false, v);
        } else if (length != 0) {
            return false;
        } else if (conv == 's') {
            const char *s = va_arg(*ap, const char *);
            if (s == NULL)
                return false;
            ita_buf_append(b, s, strlen(s));
        } else if (conv == 'c') {
            ita_buf_putc(b, (char)va_arg(*ap, int));
        } else if (conv == '%') {
            ita_buf_putc(b, '%');
        } else {
            return false;
        }
    }
}

void ita_buf_printf(struct ita_buf *b, const char *fmt, ...)
{
    if (b->failed)
        return;
    size_t start = b->len;
    va_list ap;
    va_start(ap, fmt);
    va_list plain;
    va_copy(plain, ap);
    bool done = format_plain(b, fmt, &plain);
    va_end(plain);
    if (done || b->failed) {
        va_end(ap);
        return;
    }
    /* a conversion the plain path does not take: the whole of fmt by vsnprintf */
    b->len = start;
    if (b->cap > 0)
        b->data[b->len] = '\0';
    /* into the room there is; formatted again only when it did not fit */
    size_t room = b->cap - b->len;
    int n = vsnprintf(room > 0 ? b->data + b->len : NULL, room, fmt, ap);
    va_end(ap);
    if (n < 0) {
        if (room > 0)
            b->data[b->len] = '\0';
        return;
    }
    if ((size_t)n >= room) {
        if (room > 0)
            b->data[b->len] = '\0';
        if (!ita_buf_reserve(b, (size_t)n))
            return;
        va_start(ap, fmt);
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    b->len += (size_t)n;
}

void ita_buf_json_string(struct ita_buf *b, const char *s)
{
    ita_buf_putc(b, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': ita_buf_puts(b, "\\\""); break;
        case '\\': ita_buf_puts(b, "\\\\"); break;
        case '\n': ita_buf_puts(b, "\\n"); break;
        case '\r': ita_buf_puts(b, "\\r"); break;
        case '\t': ita_buf_puts(b, "\\t"); break;
        default:
            if (*p < 0x20)
                ita_buf_printf(b, "\\u%04x", *p);
            else
                ita_buf_putc(b, (char)*p);
        }
    }
    ita_buf_putc(b, '"');
}

void ita_buf_csv_field(struct ita_buf *b, const char *s)
{
    if (strpbrk(s, ",\"\r\n") == NULL && s[0] != ' ' && (s[0] == '\0' || s[strlen(s) - 1] != ' ')) {
        ita_buf_puts(b, s);
        return;
    }
    ita_buf_putc(b, '"');
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            ita_buf_putc(b, '"');
        ita_buf_putc(b, *p);
    }
    ita_buf_putc(b, '"');
}

void ita_buf_html(struct ita_buf *b, const char *s)
{
    for (const char *p = s; *p; p++) {
        /* what needs no escaping, in one piece */
        size_t run = strcspn(p, "&<>\"'");
        ita_buf_append(b, p, run);
        p += run;
        switch (*p) {
        case '\0': return;
        case '&': ita_buf_puts(b, "&amp;"); break;
        case '<': ita_buf_puts(b, "&lt;"); break;
        case '>': ita_buf_puts(b, "&gt;"); break;
        case '"': ita_buf_puts(b, "&quot;"); break;
        default: ita_buf_puts(b, "&#39;"); break;
        }
    }
}

void ita_buf_pad(struct ita_buf *b, size_t n)
{
    if (!ita_buf_reserve(b, n))
        return;
    memset(b->data + b->len, ' ', n);
    b->len += n;
    b->data[b->len] = '\0';
}

char *ita_strndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p == NULL)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *ita_strdup(const char *s)
{
    return ita_strndup(s, strlen(s));
}

uint64_t ita_hash_bytes(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
}

char *ita_str_copy(char *out, size_t size, const char *s)
{
    size_t n = strnlen(s, size - 1);
    memcpy(out, s, n);
    out[n] = '\0';
    return out;
}

char *ita_uint_text(unsigned long long v, char out[ITA_UINT_BUFSZ])
{
    char digits[ITA_UINT_BUFSZ];
    size_t n = sizeof digits;
    do
        digits[--n] = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    memcpy(out, digits + n, sizeof digits - n);
    out[sizeof digits - n] = '\0';
    return out;
}

uint64_t ita_hash_str(const char *s)
{
    return ita_hash_bytes(s, strlen(s));
}

bool ita_file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int ita_read_file(const char *path, size_t max, char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return errno ? errno : EIO;
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || S_ISDIR(st.st_mode)) {
        fclose(f);
        return EISDIR;
    }
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap);
    if (buf == NULL) {
        fclose(f);
        return ENOMEM;
    }
    for (;;) {
        if (n + 1 >= cap) {
            if (n > max) {
                free(buf);
                fclose(f);
                return EFBIG;
            }
            /* room for one byte past max, enough to know that there is more */
            size_t most = max < SIZE_MAX - 2 ? max + 2 : SIZE_MAX;
            size_t grown = cap <= most / 2 ? cap * 2 : most;
            char *nb = realloc(buf, grown);
            if (nb == NULL) {
                free(buf);
                fclose(f);
                return ENOMEM;
            }
            buf = nb;
            cap = grown;
        }
        size_t r = fread(buf + n, 1, cap - n - 1, f);
        n += r;
        if (r == 0)
            break;
    }
    int err = ferror(f) ? EIO : n > max ? EFBIG : 0;
    fclose(f);
    if (err != 0) {
        free(buf);
        return err;
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return 0;
}

size_t ita_utf8_encode(unsigned cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

int ita_hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

size_t ita_utf8_decode(const unsigned char *s, size_t n, unsigned *cp)
{
    unsigned char c = s[0];
    size_t need;
    unsigned v;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
        v = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        v = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        v = c & 0x07;
    } else {
        return 0;
    }
    if (need >= n)
        return 0;
    for (size_t k = 1; k <= need; k++) {
        if ((s[k] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[k] & 0x3F);
    }
    if ((need == 2 && (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF))) || (need == 3 && (v < 0x10000 || v > 0x10FFFF)))
        return 0;
    *cp = v;
    return need + 1;
}

bool ita_is_valid_utf8(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < n) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        unsigned cp;
        size_t len = ita_utf8_decode(s + i, n - i, &cp);
        if (len == 0)
            return false;
        i += len;
    }
    return true;
}
