/* A strict JSON syntax check that allocates nothing (see ita/util.h). */
#include <stdbool.h>
#include <stddef.h>

#include "ita/util.h"

struct scan {
    const unsigned char *s;
    size_t len, at;
};

static void skip_space(struct scan *c)
{
    while (c->at < c->len && (c->s[c->at] == ' ' || c->s[c->at] == '\t' || c->s[c->at] == '\n' ||
                              c->s[c->at] == '\r'))
        c->at++;
}

static bool literal(struct scan *c, const char *word)
{
    size_t i = 0;
    for (; word[i] != '\0'; i++)
        if (c->at + i >= c->len || c->s[c->at + i] != (unsigned char)word[i])
            return false;
    c->at += i;
    return true;
}

static bool digits(struct scan *c)
{
    size_t start = c->at;
    while (c->at < c->len && c->s[c->at] >= '0' && c->s[c->at] <= '9')
        c->at++;
    return c->at > start;
}

static bool number(struct scan *c)
{
    size_t start = c->at;
    if (c->s[c->at] == '-')
        c->at++;
    if (c->at < c->len && c->s[c->at] == '0')
        c->at++;
    else if (!digits(c))
        return false;
    if (c->at < c->len && c->s[c->at] == '.') {
        c->at++;
        if (!digits(c))
            return false;
    }
    if (c->at < c->len && (c->s[c->at] == 'e' || c->s[c->at] == 'E')) {
        c->at++;
        if (c->at < c->len && (c->s[c->at] == '+' || c->s[c->at] == '-'))
            c->at++;
        if (!digits(c))
            return false;
    }
    return c->at - start < 64; /* cJSON reads numbers of up to 63 characters */
}

static int hex4(struct scan *c)
{
    if (c->at + 4 > c->len)
        return -1;
    int v = 0;
    for (int i = 0; i < 4; i++) {
        unsigned char h = c->s[c->at++];
        v <<= 4;
        if (h >= '0' && h <= '9')
            v |= h - '0';
        else if (h >= 'a' && h <= 'f')
            v |= h - 'a' + 10;
        else if (h >= 'A' && h <= 'F')
            v |= h - 'A' + 10;
        else
            return -1;
    }
    return v;
}

static bool string(struct scan *c)
{
    c->at++; /* the opening quote */
    while (c->at < c->len) {
        unsigned char ch = c->s[c->at];
        if (ch == '"') {
            c->at++;
            return true;
        }
        if (ch < 0x20)
            return false;
        if (ch != '\\') {
            c->at++;
            continue;
        }
        if (++c->at >= c->len)
            return false;
        ch = c->s[c->at++];
        if (ch == 'u') {
            int u = hex4(c);
            if (u < 0 || (u >= 0xDC00 && u <= 0xDFFF))
                return false;
            if (u >= 0xD800 && u <= 0xDBFF) { /* a surrogate pair, or nothing */
                if (!literal(c, "\\u"))
                    return false;
                int low = hex4(c);
                if (low < 0xDC00 || low > 0xDFFF)
                    return false;
            }
        } else if (ch != '"' && ch != '\\' && ch != '/' && ch != 'b' && ch != 'f' && ch != 'n' && ch != 'r' &&
                   ch != 't') {
            return false;
        }
    }
    return false;
}

#define MAX_DEPTH 512

/* One value; containers are followed with an explicit stack of bits
 * (1 = object), so that deep nesting cannot exhaust the C stack. */
static bool value(struct scan *c)
{
    unsigned char stack[MAX_DEPTH / 8];
    size_t depth = 0;
    for (;;) {
        skip_space(c);
        if (c->at >= c->len)
            return false;
        unsigned char ch = c->s[c->at];
        bool opened = false;
        if (ch == '{' || ch == '[') {
            if (depth == MAX_DEPTH)
                return false;
            bool object = ch == '{';
            if (object)
                stack[depth / 8] |= (unsigned char)(1u << (depth % 8));
            else
                stack[depth / 8] &= (unsigned char)~(1u << (depth % 8));
            depth++;
            c->at++;
            skip_space(c);
            if (c->at < c->len && c->s[c->at] == (object ? '}' : ']')) {
                c->at++;
                depth--;
            } else {
                opened = true;
            }
        } else if (ch == '"') {
            if (!string(c))
                return false;
        } else if (ch == '-' || (ch >= '0' && ch <= '9')) {
            if (!number(c))
                return false;
        } else if (!literal(c, "true") && !literal(c, "false") && !literal(c, "null")) {
            return false;
        }
        if (opened) {
            if ((stack[(depth - 1) / 8] >> ((depth - 1) % 8)) & 1) { /* a key first */
                if (c->at >= c->len || c->s[c->at] != '"' || !string(c))
                    return false;
                skip_space(c);
                if (c->at >= c->len || c->s[c->at] != ':')
                    return false;
                c->at++;
            }
            continue;
        }
        /* after a value: a comma, or the end of containers */
        for (;;) {
            skip_space(c);
            if (depth == 0)
                return true;
            if (c->at >= c->len)
                return false;
            bool object = (stack[(depth - 1) / 8] >> ((depth - 1) % 8)) & 1;
            ch = c->s[c->at];
            if (ch == (object ? '}' : ']')) {
                c->at++;
                depth--;
                continue;
            }
            if (ch != ',')
                return false;
            c->at++;
            if (object) {
                skip_space(c);
                if (c->at >= c->len || c->s[c->at] != '"' || !string(c))
                    return false;
                skip_space(c);
                if (c->at >= c->len || c->s[c->at] != ':')
                    return false;
                c->at++;
            }
            break;
        }
    }
}

bool ita_json_syntax_ok(const char *text, size_t len, size_t *line, size_t *column)
{
    struct scan c = {(const unsigned char *)text, len, 0};
    bool ok = value(&c);
    if (ok) {
        skip_space(&c);
        ok = c.at == len;
    }
    if (!ok) {
        size_t l = 1, col = 1;
        for (size_t i = 0; i < c.at && i < len; i++) {
            if (c.s[i] == '\n') {
                l++;
                col = 1;
            } else if ((c.s[i] & 0xC0) != 0x80) {
                col++;
            }
        }
        *line = l;
        *column = col;
    }
    return ok;
}
