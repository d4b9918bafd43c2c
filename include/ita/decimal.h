/* Exact decimal scores.
 *
 * A published score is a whole number of hundredths ("cents") in an int64_t:
 * 97.04 is 9704. A value computed from parts (a mean of means, a weighted sum) is
 * kept as an exact fraction of hundredths and rounded once, half away from zero,
 * when it is published. No double is involved anywhere on the way to a figure.
 * All values are plain structs; nothing here allocates.
 */
#ifndef ITA_DECIMAL_H
#define ITA_DECIMAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A missing figure (never 0). */
#define ITA_MISSING INT64_MIN

/* num / den hundredths; den > 0; kept reduced. */
struct ita_exact {
    int64_t num;
    int64_t den;
};

enum ita_number_status {
    ITA_NUM_OK,
    ITA_NUM_EMPTY,
    ITA_NUM_NOT_A_NUMBER,
    ITA_NUM_DECIMAL_COMMA,
    ITA_NUM_TOO_MANY_DECIMALS,
    ITA_NUM_SIGNED,
    ITA_NUM_NOT_FINITE,
    ITA_NUM_EXPONENT,
    ITA_NUM_OUT_OF_RANGE,
    ITA_NUM_MIXED_DIGITS   /* Thai digits and 0-9 in one number */
};

/* Thai digits (U+0E50..U+0E59, as in official documents) as ASCII digits: copies
 * text to out (NUL-terminated) with each Thai digit replaced by its ASCII digit and
 * stores the new length. Returns ITA_NUM_OK; ITA_NUM_MIXED_DIGITS when the text
 * holds both kinds of digits; ITA_NUM_NOT_A_NUMBER when out is too small. */
enum ita_number_status ita_digits_ascii(const char *text, size_t len, char *out, size_t size, size_t *out_len);

/* Parses a score "0".."100" with at most two decimals, '.' only, whatever the
 * locale; surrounding spaces are allowed; Thai digits (๙๗.๐๔) are read as digits,
 * but not mixed with 0-9. On ITA_NUM_OK stores hundredths. */
enum ita_number_status ita_score_parse(const char *text, size_t len, int64_t *cents);

/* The plain case of a score, as almost every cell of a published file is written:
 * one to three ASCII digits, optionally a '.' and one or two more, nothing else,
 * at most 100. Returns true and stores the hundredths then; false says nothing
 * (ita_score_parse decides). Whenever it returns true, ita_score_parse returns
 * ITA_NUM_OK with the same value: it is that function's first step. */
static inline bool ita_score_parse_plain(const char *text, size_t len, int64_t *cents)
{
    if (len == 0 || len > 6)
        return false;
    int64_t whole = 0;
    size_t i = 0;
    for (; i < len && i < 3 && text[i] >= '0' && text[i] <= '9'; i++)
        whole = whole * 10 + (text[i] - '0');
    if (i == 0)
        return false;
    int64_t frac = 0;
    if (i < len) {
        size_t decimals = len - i - 1;
        if (text[i] != '.' || decimals == 0 || decimals > 2 || text[i + 1] < '0' || text[i + 1] > '9' ||
            (decimals == 2 && (text[i + 2] < '0' || text[i + 2] > '9')))
            return false;
        frac = (text[i + 1] - '0') * 10 + (decimals == 2 ? text[i + 2] - '0' : 0);
    }
    int64_t v = whole * 100 + frac;
    if (v > 10000)
        return false;
    *cents = v;
    return true;
}

/* Parses an unsigned decimal with at most two decimals and no range check
 * (weights, cut-offs on the command line). */
enum ita_number_status ita_decimal_parse(const char *text, size_t len, int64_t *cents);

const char *ita_number_status_text(enum ita_number_status status);

struct ita_exact ita_exact_from_cents(int64_t cents);
/* a + b; false on overflow. */
bool ita_exact_add(struct ita_exact a, struct ita_exact b, struct ita_exact *sum);
/* a * mul / div (div > 0); false on overflow. */
bool ita_exact_scale(struct ita_exact a, int64_t mul, int64_t div, struct ita_exact *out);
/* Rounds once to whole hundredths, half away from zero. */
int64_t ita_exact_round(struct ita_exact a);
/* -1, 0, 1 */
int ita_exact_cmp(struct ita_exact a, struct ita_exact b);
/* |a - b| in exact form. */
struct ita_exact ita_exact_absdiff(struct ita_exact a, struct ita_exact b);

/* Accumulates the exact mean of a list of exact values. */
struct ita_mean {
    struct ita_exact sum;
    int64_t count;
    bool overflow;
};
void ita_mean_init(struct ita_mean *m);
void ita_mean_add(struct ita_mean *m, struct ita_exact v);
/* false when empty or overflowed. */
bool ita_mean_value(const struct ita_mean *m, struct ita_exact *out);

/* "97.04", "100.00", "-0.01"; buf must hold ITA_CENTS_BUFSZ bytes. */
#define ITA_CENTS_BUFSZ 32
const char *ita_cents_format(int64_t cents, char *buf);
/* Like ita_cents_format, with a '+' before positive values ("+2.03", "0.00", "-0.42"). */
const char *ita_cents_format_signed(int64_t cents, char *buf);
/* An exact value: "99.205"; one that does not end after six decimals is cut there
 * and followed by "...": "88.333333...". */
const char *ita_exact_format(struct ita_exact v, char *buf);

#endif
