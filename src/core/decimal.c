/* Exact decimal scores: parsing, fractions, rounding half away from zero. */
#include "ita/decimal.h"

#include <stdio.h>
#include <string.h>

__extension__ typedef __int128 wide;

static wide gcdw(wide a, wide b)
{
    if (a < 0)
        a = -a;
    if (b < 0)
        b = -b;
    while (b != 0) {
        wide t = a % b;
        a = b;
        b = t;
    }
    return a;
}

static uint64_t gcd64(uint64_t a, uint64_t b)
{
    while (b != 0) {
        uint64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

static bool from_wide(wide num, wide den, struct ita_exact *out)
{
    if (den < 0) {
        num = -num;
        den = -den;
    }
    /* the usual case fits in 64 bits, where division is a machine instruction */
    if (num >= -INT64_MAX && num <= INT64_MAX && den > 0 && den <= INT64_MAX) {
        int64_t n = (int64_t)num, d = (int64_t)den;
        uint64_t g = d == 1 ? 1 : gcd64(n < 0 ? (uint64_t)-n : (uint64_t)n, (uint64_t)d);
        out->num = n / (int64_t)g;
        out->den = d / (int64_t)g;
        return true;
    }
    wide g = gcdw(num, den);
    if (g > 1) {
        num /= g;
        den /= g;
    }
    if (num > INT64_MAX || num < -INT64_MAX || den > INT64_MAX || den == 0)
        return false;
    out->num = (int64_t)num;
    out->den = (int64_t)den;
    return true;
}

struct ita_exact ita_exact_from_cents(int64_t cents)
{
    struct ita_exact e = {cents, 1};
    return e;
}

bool ita_exact_add(struct ita_exact a, struct ita_exact b, struct ita_exact *sum)
{
    if (a.den == b.den)
        return from_wide((wide)a.num + b.num, a.den, sum);
    int64_t g = (int64_t)gcdw(a.den, b.den);
    wide den = (wide)(a.den / g) * b.den;
    wide num = (wide)a.num * (b.den / g) + (wide)b.num * (a.den / g);
    return from_wide(num, den, sum);
}

bool ita_exact_scale(struct ita_exact a, int64_t mul, int64_t div, struct ita_exact *out)
{
    if (div == 0)
        return false;
    return from_wide((wide)a.num * mul, (wide)a.den * div, out);
}

int64_t ita_exact_round(struct ita_exact a)
{
    /* half away from zero: floor((2|n| + d) / 2d) with the sign of n */
    if (a.num > -((int64_t)1 << 61) && a.num < ((int64_t)1 << 61) && a.den < ((int64_t)1 << 61)) {
        int64_t n = a.num < 0 ? -a.num : a.num; /* 2n + d fits: 64-bit division */
        int64_t q = (2 * n + a.den) / (2 * a.den);
        return a.num < 0 ? -q : q;
    }
    wide n = a.num < 0 ? -(wide)a.num : (wide)a.num;
    wide d = a.den;
    wide q = (2 * n + d) / (2 * d);
    return (int64_t)(a.num < 0 ? -q : q);
}

int ita_exact_cmp(struct ita_exact a, struct ita_exact b)
{
    wide l = (wide)a.num * b.den;
    wide r = (wide)b.num * a.den;
    return (l > r) - (l < r);
}

struct ita_exact ita_exact_absdiff(struct ita_exact a, struct ita_exact b)
{
    struct ita_exact neg = {-b.num, b.den};
    struct ita_exact d = {0, 1};
    if (!ita_exact_add(a, neg, &d))
        d = ita_exact_from_cents(INT64_MAX / 2);
    if (d.num < 0)
        d.num = -d.num;
    return d;
}

void ita_mean_init(struct ita_mean *m)
{
    m->sum.num = 0;
    m->sum.den = 1;
    m->count = 0;
    m->overflow = false;
}

void ita_mean_add(struct ita_mean *m, struct ita_exact v)
{
    if (!ita_exact_add(m->sum, v, &m->sum))
        m->overflow = true;
    m->count++;
}

bool ita_mean_value(const struct ita_mean *m, struct ita_exact *out)
{
    if (m->count == 0 || m->overflow)
        return false;
    return ita_exact_scale(m->sum, 1, m->count, out);
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t';
}

static bool ascii_ieq(const char *a, size_t alen, const char *b)
{
    size_t blen = strlen(b);
    if (alen != blen)
        return false;
    for (size_t i = 0; i < alen; i++) {
        char c = a[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != b[i])
            return false;
    }
    return true;
}

enum ita_number_status ita_decimal_parse(const char *text, size_t len, int64_t *cents)
{
    size_t i = 0;
    while (len > 0 && is_space(text[len - 1]))
        len--;
    while (i < len && is_space(text[i]))
        i++;
    if (i == len)
        return ITA_NUM_EMPTY;
    const char *s = text + i;
    size_t n = len - i;
    size_t body = n;
    const char *b = s;
    if (b[0] == '+' || b[0] == '-') {
        b++;
        body--;
    }
    if (ascii_ieq(b, body, "nan") || ascii_ieq(b, body, "inf") || ascii_ieq(b, body, "infinity"))
        return ITA_NUM_NOT_FINITE;
    int64_t whole = 0;
    size_t digits = 0, k = 0;
    for (; k < body && b[k] >= '0' && b[k] <= '9'; k++, digits++) {
        if (whole > 100000000)
            return ITA_NUM_OUT_OF_RANGE;
        whole = whole * 10 + (b[k] - '0');
    }
    int64_t frac = 0;
    size_t frac_digits = 0;
    bool comma = false;
    if (k < body && (b[k] == '.' || b[k] == ',')) {
        comma = b[k] == ',';
        k++;
        for (; k < body && b[k] >= '0' && b[k] <= '9'; k++, frac_digits++) {
            if (frac_digits < 2)
                frac = frac * 10 + (b[k] - '0');
        }
    }
    if (k < body && (b[k] == 'e' || b[k] == 'E') && digits + frac_digits > 0)
        return ITA_NUM_EXPONENT;
    if (k != body || digits + frac_digits == 0)
        return ITA_NUM_NOT_A_NUMBER;
    if (comma)
        return ITA_NUM_DECIMAL_COMMA;
    if (s[0] == '+' || s[0] == '-')
        return ITA_NUM_SIGNED;
    if (frac_digits > 2)
        return ITA_NUM_TOO_MANY_DECIMALS;
    if (frac_digits == 1)
        frac *= 10;
    *cents = whole * 100 + frac;
    return ITA_NUM_OK;
}

enum ita_number_status ita_digits_ascii(const char *text, size_t len, char *out, size_t size, size_t *out_len)
{
    size_t o = 0;
    bool thai = false, ascii = false;
    for (size_t i = 0; i < len; i++) {
        if (o + 1 >= size)
            return ITA_NUM_NOT_A_NUMBER;
        unsigned char c = (unsigned char)text[i];
        /* U+0E50..U+0E59 is E0 B9 90..99 in UTF-8 */
        if (c == 0xE0 && i + 2 < len && (unsigned char)text[i + 1] == 0xB9 && (unsigned char)text[i + 2] >= 0x90 &&
            (unsigned char)text[i + 2] <= 0x99) {
            out[o++] = (char)('0' + ((unsigned char)text[i + 2] - 0x90));
            i += 2;
            thai = true;
            continue;
        }
        ascii |= c >= '0' && c <= '9';
        out[o++] = (char)c;
    }
    out[o] = '\0';
    *out_len = o;
    return thai && ascii ? ITA_NUM_MIXED_DIGITS : ITA_NUM_OK;
}

enum ita_number_status ita_score_parse(const char *text, size_t len, int64_t *cents)
{
    if (ita_score_parse_plain(text, len, cents))
        return ITA_NUM_OK;
    int64_t v = 0;
    char ascii[64];
    if (memchr(text, 0xE0, len) != NULL) {
        enum ita_number_status ds = ita_digits_ascii(text, len, ascii, sizeof ascii, &len);
        if (ds != ITA_NUM_OK)
            return ds;
        text = ascii;
    }
    enum ita_number_status st = ita_decimal_parse(text, len, &v);
    if (st != ITA_NUM_OK)
        return st;
    if (v > 10000)
        return ITA_NUM_OUT_OF_RANGE;
    *cents = v;
    return ITA_NUM_OK;
}

const char *ita_number_status_text(enum ita_number_status status)
{
    switch (status) {
    case ITA_NUM_OK: return "ok";
    case ITA_NUM_EMPTY: return "is empty";
    case ITA_NUM_NOT_A_NUMBER: return "is not a number";
    case ITA_NUM_DECIMAL_COMMA: return "has a decimal comma; use '.'";
    case ITA_NUM_TOO_MANY_DECIMALS: return "has more than two decimals";
    case ITA_NUM_SIGNED: return "has a sign; scores are 0 to 100";
    case ITA_NUM_NOT_FINITE: return "is not a finite number";
    case ITA_NUM_EXPONENT: return "uses an exponent; write the plain decimal";
    case ITA_NUM_OUT_OF_RANGE: return "is outside 0 to 100";
    case ITA_NUM_MIXED_DIGITS: return "mixes Thai digits (๐-๙) with 0-9";
    }
    return "is invalid";
}

const char *ita_cents_format(int64_t cents, char *buf)
{
    if (cents == ITA_MISSING) {
        snprintf(buf, ITA_CENTS_BUFSZ, "-");
        return buf;
    }
    /* written from the right: two decimals, the point, the whole part, the sign
     * (at most 1 + 18 + 1 + 2 characters: far within ITA_CENTS_BUFSZ) */
    uint64_t mag = cents < 0 ? (uint64_t)0 - (uint64_t)cents : (uint64_t)cents;
    char tmp[ITA_CENTS_BUFSZ];
    size_t n = sizeof tmp;
    tmp[--n] = '\0';
    tmp[--n] = (char)('0' + mag % 10);
    tmp[--n] = (char)('0' + mag / 10 % 10);
    tmp[--n] = '.';
    mag /= 100;
    do
        tmp[--n] = (char)('0' + mag % 10);
    while ((mag /= 10) != 0);
    if (cents < 0)
        tmp[--n] = '-';
    memcpy(buf, tmp + n, sizeof tmp - n);
    return buf;
}

const char *ita_cents_format_signed(int64_t cents, char *buf)
{
    if (cents > 0 && cents != ITA_MISSING) {
        buf[0] = '+';
        ita_cents_format(cents, buf + 1);
        return buf;
    }
    return ita_cents_format(cents, buf);
}

const char *ita_exact_format(struct ita_exact v, char *buf)
{
    /* hundredths as integer part, then up to 4 more decimals of the fraction */
    int64_t n = v.num, d = v.den;
    bool neg = n < 0;
    uint64_t mag = neg ? (uint64_t)0 - (uint64_t)n : (uint64_t)n;
    uint64_t ip = mag / (uint64_t)d, rem = mag % (uint64_t)d;
    char digits[8];
    size_t nd = 0;
    while (rem != 0 && nd < 4) {
        rem *= 10;
        digits[nd++] = (char)('0' + rem / (uint64_t)d);
        rem %= (uint64_t)d;
    }
    digits[nd] = '\0';
    snprintf(buf, ITA_CENTS_BUFSZ, "%s%llu.%02llu%s%s", neg ? "-" : "", (unsigned long long)(ip / 100),
             (unsigned long long)(ip % 100), digits, rem != 0 ? "..." : "");
    return buf;
}
