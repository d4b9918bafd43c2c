/* Load: the fast scanner for plain workbook XML, in front of expat (xml_scan.h). */
#include "xml_scan.h"

#include "ita/util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The most an unfinished token (a tag, or the text before one) may hold. */
#define XML_SCAN_HOLD (1u << 20)

enum { DECLARATION, PROLOG, CONTENT, EPILOG };

/* What a byte of text is: ordinary, or one to look at. */
enum { T_PLAIN, T_LT, T_AMP, T_BRACKET, T_UTF8, T_OTHER };

/* P ordinary, L '<', A '&', B ']', U a byte of UTF-8, O a control (NUL ends the buffer) */
#define P T_PLAIN
#define L T_LT
#define A T_AMP
#define B T_BRACKET
#define U T_UTF8
#define O T_OTHER
static const unsigned char text_class[256] = {
    O, O, O, O, O, O, O, O, O, P, P, O, O, O, O, O,
    O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O,
    P, P, P, P, P, P, A, P, P, P, P, P, P, P, P, P,
    P, P, P, P, P, P, P, P, P, P, P, P, L, P, P, P,
    P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P,
    P, P, P, P, P, P, P, P, P, P, P, P, P, B, P, P,
    P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P,
    P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, O,
    U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U,
    U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U,
    U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U,
    U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U,
    U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U,
    U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U,
    U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U,
    U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U,
};
#undef P
#undef L
#undef A
#undef B
#undef U
#undef O

void xml_scan_init(struct xml_scan *s)
{
    memset(s, 0, sizeof *s);
    s->phase = DECLARATION;
}

void xml_scan_free(struct xml_scan *s)
{
    free(s->buf);
    s->buf = NULL;
}

char *xml_scan_buffer(struct xml_scan *s, size_t n)
{
    /* drop what is done */
    if (s->pos > 0) {
        memmove(s->buf, s->buf + s->pos, s->len - s->pos);
        s->len -= s->pos;
        s->pos = 0;
    }
    if (s->len > XML_SCAN_HOLD) {
        s->too_long = true;
        return NULL;
    }
    if (s->len + n + 1 > s->cap) {
        size_t cap = s->len + n + 1;
        if (cap < XML_SCAN_HOLD + n + 1)
            cap = XML_SCAN_HOLD + n + 1;
        char *b = realloc(s->buf, cap);
        if (b == NULL)
            return NULL;
        s->buf = b;
        s->cap = cap;
    }
    return s->buf + s->len;
}

/* Bytes of names and tags, bits of: NAME_START (ASCII letters and '_'), NAME
 * (those, digits, '.', '-' and ':'), SPACE (white space), VALUE (what an
 * attribute's value may hold here: printable ASCII but quotes, '<' and '&'). */
enum { NAME_START = 1, NAME = 2, SPACE = 4, VALUE = 8 };
static const unsigned char byte_class[256] = {
     0,  0,  0,  0,  0,  0,  0,  0,  0,  4,  4,  0,  0,  4,  0,  0,
     0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
    12,  8,  0,  8,  8,  8,  0,  0,  8,  8,  8,  8,  8, 10, 10,  8,
    10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10,  8,  0,  8,  8,  8,
     8, 11, 11, 11, 11, 11, 11, 11, 11, 11, 11, 11, 11, 11, 11, 11,
    11, 11, 11, 11, 11, 11, 11, 11, 11, 11, 11,  8,  8,  8,  8, 11,
     8, 11, 11, 11, 11, 11, 11, 11, 11, 11, 11, 11, 11, 11, 11, 11,
    11, 11, 11, 11, 11, 11, 11, 11, 11, 11, 11,  8,  8,  8,  8,  0,
     0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
     0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
     0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
     0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
     0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
     0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
     0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
     0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
};

static inline bool name_start(unsigned char c)
{
    return byte_class[c] & NAME_START;
}

static inline bool space(unsigned char c)
{
    return byte_class[c] & SPACE;
}

/* Results of the steps below: a count of bytes read, or one of these. */
enum { NEED = -1, GIVE_UP = -2 };

/* One UTF-8 character of text at b[0..n): its length, NEED or GIVE_UP. Only
 * characters that XML allows and expat accepts; C1 controls and 0xFFFE/0xFFFF are
 * left to expat. */
static long utf8_char(const unsigned char *b, size_t n)
{
    unsigned char c = b[0];
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    if (c < 0xC2 || c > 0xF4)
        return GIVE_UP;
    if (n < len) {
        for (size_t i = 1; i < n; i++)
            if ((b[i] & 0xC0) != 0x80)
                return GIVE_UP;
        return NEED;
    }
    for (size_t i = 1; i < len; i++)
        if ((b[i] & 0xC0) != 0x80)
            return GIVE_UP;
    if (len == 2)
        return c == 0xC2 && b[1] < 0xA0 ? GIVE_UP : 2;
    if (len == 3) {
        if ((c == 0xE0 && b[1] < 0xA0) || (c == 0xED && b[1] >= 0xA0) || (c == 0xEF && b[1] == 0xBF && b[2] >= 0xBE))
            return GIVE_UP;
        return 3;
    }
    if ((c == 0xF0 && b[1] < 0x90) || (c == 0xF4 && b[1] >= 0x90))
        return GIVE_UP;
    return 4;
}

/* A character reference's number: the characters XML allows, but for C1
 * controls, DEL and carriage return, which are left to expat. */
static bool ref_allowed(unsigned long cp)
{
    return cp == 0x9 || cp == 0xA || (cp >= 0x20 && cp < 0x7F) || (cp >= 0xA0 && cp < 0xD800) ||
           (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

/* An entity or character reference at b[0..n) ('&'): its length, NEED or
 * GIVE_UP; its UTF-8 into out (at most 4 bytes, never more than the reference
 * itself), the number of bytes into *out_len. */
static long entity(const char *b, size_t n, char *out, size_t *out_len)
{
    static const struct {
        const char *ref;
        char c;
    } refs[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
    if (n >= 2 && b[1] == '#') {
        bool hex = n >= 3 && b[2] == 'x';
        size_t i = hex ? 3 : 2;
        unsigned long cp = 0;
        size_t digits = 0;
        for (; i < n && digits <= 8; i++, digits++) {
            int v = hex ? ita_hex_digit(b[i]) : b[i] >= '0' && b[i] <= '9' ? b[i] - '0' : -1;
            if (v < 0)
                break;
            cp = cp * (hex ? 16 : 10) + (unsigned)v;
        }
        if (i == n)
            return NEED;
        if (b[i] != ';' || digits == 0 || digits > 8 || !ref_allowed(cp))
            return GIVE_UP;
        *out_len = ita_utf8_encode((unsigned)cp, out);
        return (long)(i + 1);
    }
    for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++) {
        size_t len = strlen(refs[i].ref);
        size_t m = n < len ? n : len;
        if (memcmp(b, refs[i].ref, m) == 0) {
            if (m < len)
                return NEED;
            out[0] = refs[i].c;
            *out_len = 1;
            return (long)len;
        }
    }
    return GIVE_UP;
}

/* A tag read but not yet handed over: offsets into the buffer. */
struct tag {
    bool end, empty;
    size_t name, name_len;
    size_t natts;
    size_t att[XML_SCAN_ATTS][4]; /* name, its length, value, its length */
    size_t after;                 /* the byte after '>' */
};

static inline long read_name(const char *b, size_t p, size_t n)
{
    if (p >= n)
        return NEED;
    if (!name_start((unsigned char)b[p]))
        return GIVE_UP;
    size_t q = p + 1;
    while (byte_class[(unsigned char)b[q]] & NAME) /* the NUL after the buffer is no name */
        q++;
    if (q == n)
        return NEED;
    if (q - p > XML_SCAN_NAME)
        return GIVE_UP;
    return (long)(q - p);
}

/* The tag at b[p] ('<'), up to n. */
static long read_tag(const char *b, size_t p, size_t n, struct tag *t)
{
    size_t q = p + 1;
    t->name = t->name_len = t->after = 0;
    if (q >= n)
        return NEED;
    t->end = b[q] == '/';
    t->empty = false;
    t->natts = 0;
    if (t->end)
        q++;
    long len = read_name(b, q, n);
    if (len < 0)
        return len;
    t->name = q;
    t->name_len = (size_t)len;
    q += (size_t)len;
    for (;;) {
        bool spaced = false;
        while (space((unsigned char)b[q])) { /* never the NUL after the buffer */
            q++;
            spaced = true;
        }
        if (q >= n)
            return NEED;
        if (b[q] == '>') {
            t->after = q + 1;
            return (long)(q + 1 - p);
        }
        if (t->end)
            return GIVE_UP;
        if (b[q] == '/') {
            if (q + 1 >= n)
                return NEED;
            if (b[q + 1] != '>')
                return GIVE_UP;
            t->empty = true;
            t->after = q + 2;
            return (long)(q + 2 - p);
        }
        if (!spaced || t->natts == XML_SCAN_ATTS)
            return GIVE_UP;
        len = read_name(b, q, n);
        if (len < 0)
            return len;
        size_t an = q, alen = (size_t)len;
        q += alen;
        while (space((unsigned char)b[q]))
            q++;
        if (q >= n)
            return NEED;
        if (b[q] != '=')
            return GIVE_UP;
        q++;
        while (space((unsigned char)b[q]))
            q++;
        if (q >= n)
            return NEED;
        char quote = b[q];
        if (quote != '"' && quote != '\'')
            return GIVE_UP;
        size_t v = ++q;
        /* not entities, white space other than a space (normalised by expat), controls, non-ASCII */
        while (byte_class[(unsigned char)b[q]] & VALUE)
            q++;
        if (q >= n)
            return NEED;
        if (b[q] != quote) {
            if (b[q] != '"' && b[q] != '\'')
                return GIVE_UP;
            while (b[q] != quote && (byte_class[(unsigned char)b[q]] & VALUE || b[q] == '"' || b[q] == '\''))
                q++;
            if (q >= n)
                return NEED;
            if (b[q] != quote)
                return GIVE_UP;
        }
        for (size_t i = 0; i < t->natts; i++)
            if (t->att[i][1] == alen && memcmp(b + t->att[i][0], b + an, alen) == 0)
                return GIVE_UP; /* a duplicate attribute: an error for expat */
        t->att[t->natts][0] = an;
        t->att[t->natts][1] = alen;
        t->att[t->natts][2] = v;
        t->att[t->natts][3] = q - v;
        t->natts++;
        q++;
    }
}

/* The XML declaration at the start, if any: the common forms only. */
static long read_declaration(const char *b, size_t n, bool final)
{
    static const char *const forms[] = {
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
        "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>",
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
        "<?xml version=\"1.0\" standalone=\"yes\"?>",
        "<?xml version=\"1.0\"?>",
    };
    if (n < 2 || memcmp(b, "<?", 2) != 0)
        return n < 2 && !final ? NEED : 0;
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        size_t len = strlen(forms[i]);
        if (n < len) {
            if (!final && memcmp(b, forms[i], n) == 0)
                return NEED;
        } else if (memcmp(b, forms[i], len) == 0) {
            return (long)len;
        }
    }
    return GIVE_UP;
}

/* Text from b[p] up to the next '<' (or n): its end, NEED or GIVE_UP; *amp when
 * it holds entities. */
static long read_text(const char *b, size_t p, size_t n, bool *amp)
{
    const unsigned char *u = (const unsigned char *)b;
    size_t q = p;
    for (;;) {
        while (text_class[u[q]] == T_PLAIN)
            q++;
        switch (text_class[u[q]]) {
        case T_LT:
            return (long)q;
        case T_AMP: {
            char c[4];
            size_t clen;
            long len = entity(b + q, n - q, c, &clen);
            if (len < 0)
                return len;
            *amp = true;
            q += (size_t)len;
            break;
        }
        case T_BRACKET:
            if (q + 2 >= n) /* "]]>" may not appear in text */
                return NEED;
            if (b[q + 1] == ']' && b[q + 2] == '>')
                return GIVE_UP;
            q++;
            break;
        case T_UTF8: {
            /* Thai (U+0E00 to U+0E7F: E0 B8 or B9, then a continuation byte), the common case */
            while (q + 3 <= n) {
                uint32_t w = (uint32_t)u[q] | (uint32_t)u[q + 1] << 8 | (uint32_t)u[q + 2] << 16;
                if ((w & 0xC0FEFFu) != 0x80B8E0u)
                    break;
                q += 3;
            }
            if (text_class[u[q]] != T_UTF8)
                break;
            /* other characters of three bytes */
            unsigned c = u[q], c1 = u[q + 1], c2 = q + 2 < n ? u[q + 2] : 0;
            if (c >= 0xE0 && c < 0xED && (c1 & 0xC0) == 0x80 && (c2 & 0xC0) == 0x80 && (c != 0xE0 || c1 >= 0xA0)) {
                q += 3;
                break;
            }
            long len = utf8_char(u + q, n - q);
            if (len < 0)
                return len;
            q += (size_t)len;
            break;
        }
        default:
            return q == n ? NEED : GIVE_UP; /* the NUL after the buffer, or a control */
        }
    }
}

/* Replaces the entities of b[p..q) by their characters; the new length. */
static size_t decode_entities(char *b, size_t p, size_t q)
{
    size_t o = p;
    for (size_t i = p; i < q;) {
        if (b[i] == '&') {
            char c[4];
            size_t clen = 0;
            i += (size_t)entity(b + i, q - i, c, &clen);
            memcpy(b + o, c, clen);
            o += clen;
        } else {
            b[o++] = b[i++];
        }
    }
    return o - p;
}

static bool same_name(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return false;
    return true;
}

static bool is_space_only(const char *b, size_t p, size_t q)
{
    for (; p < q; p++)
        if (!space((unsigned char)b[p]))
            return false;
    return true;
}

enum xml_scan_status xml_scan_parse(struct xml_scan *s, size_t n, bool final, const struct xml_scan_handlers *h)
{
    if (s->buf == NULL || s->len + n > s->cap - 1)
        return XML_SCAN_GIVE_UP;
    s->len += n;
    char *b = s->buf;
    size_t len = s->len;
    b[len] = '\0'; /* ends every scan of text */
    size_t p = s->pos;
    if (s->phase == DECLARATION) {
        long d = read_declaration(b + p, len - p, final);
        if (d == NEED)
            return XML_SCAN_MORE;
        if (d == GIVE_UP)
            return XML_SCAN_GIVE_UP;
        p += (size_t)d;
        s->phase = PROLOG;
    }
    if (s->phase == PROLOG) {
        while (p < len && space((unsigned char)b[p]))
            p++;
        s->pos = p;
        if (p + 1 >= len)
            return final ? XML_SCAN_GIVE_UP : XML_SCAN_MORE;
        if (b[p] != '<' || !name_start((unsigned char)b[p + 1]))
            return XML_SCAN_GIVE_UP; /* a comment, a DOCTYPE, ... */
        s->phase = CONTENT;
    }
    while (s->phase == CONTENT) {
        bool amp = false;
        long te = read_text(b, p, len, &amp);
        if (te == GIVE_UP)
            return XML_SCAN_GIVE_UP;
        if (te == NEED)
            break;
        size_t lt = (size_t)te;
        struct tag t;
        long tl = read_tag(b, lt, len, &t);
        if (tl == GIVE_UP)
            return XML_SCAN_GIVE_UP;
        if (tl == NEED)
            break;
        if (t.end && (s->depth == 0 || s->stack_len[s->depth - 1] != t.name_len ||
                      !same_name(s->stack[s->depth - 1], b + t.name, t.name_len)))
            return XML_SCAN_GIVE_UP; /* a mismatched end tag */
        if (!t.end && !t.empty && s->depth == XML_SCAN_DEPTH)
            return XML_SCAN_GIVE_UP;
        /* the text before the tag */
        if (lt > p) {
            size_t tlen = amp ? decode_entities(b, p, lt) : lt - p;
            if (tlen > 0 && s->depth > 0) {
                h->text(h->ud, b + p, (int)tlen);
                if (*h->stopped)
                    return XML_SCAN_DONE;
            }
        }
        b[t.name + t.name_len] = '\0';
        const char *name = b + t.name;
        if (t.end) {
            s->depth--;
            s->events++;
            h->end(h->ud, name);
        } else {
            const char *atts[2 * XML_SCAN_ATTS + 1];
            for (size_t i = 0; i < t.natts; i++) {
                b[t.att[i][0] + t.att[i][1]] = '\0';
                b[t.att[i][2] + t.att[i][3]] = '\0';
                atts[2 * i] = b + t.att[i][0];
                atts[2 * i + 1] = b + t.att[i][2];
            }
            atts[2 * t.natts] = NULL;
            s->events++;
            h->start(h->ud, name, atts);
            if (*h->stopped)
                return XML_SCAN_DONE;
            if (t.empty) {
                s->events++;
                h->end(h->ud, name);
            } else {
                for (size_t i = 0; i < t.name_len; i++) /* short: no call to memcpy */
                    s->stack[s->depth][i] = name[i];
                s->stack_len[s->depth++] = (unsigned char)t.name_len;
            }
        }
        if (*h->stopped)
            return XML_SCAN_DONE;
        p = t.after;
        if (s->depth == 0)
            s->phase = EPILOG;
    }
    s->pos = p;
    if (s->phase == EPILOG) {
        if (!is_space_only(b, p, len))
            return XML_SCAN_GIVE_UP; /* a comment or processing instruction after the root, or an error */
        s->pos = len;
        return final ? XML_SCAN_DONE : XML_SCAN_MORE;
    }
    return final ? XML_SCAN_GIVE_UP : XML_SCAN_MORE;
}
