/* Fuzz target: the workbook reader's fast XML scanner (src/load/xml_scan.h)
 * against expat on the same bytes.
 *
 * The scanner may give up anywhere, but every start tag, end tag and text it
 * handed over must be what expat gives for the same bytes, in the same order:
 * the tags it handled are the first of expat's, with the same names and
 * attributes and the same text between them. When it reads a document to the
 * end, expat must accept the document and give no more tags. The first byte of
 * the input chooses the size of the pieces the scanner is fed in (1 to 255 bytes,
 * or 0: all at once); the rest is the XML. The workbook reader relies on this:
 * when the scanner gives up, expat reads the part again and passes over the tags
 * already handled.
 */
#include <expat.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/load/xml_scan.h"

/* Events written out one after another; ends[k] is where event k+1 ends. */
struct events {
    char *data;
    size_t len, cap;
    char *text; /* text since the last tag */
    size_t text_len, text_cap;
    size_t *ends;
    size_t count, ends_cap;
    bool stopped;
};

static void put(char **data, size_t *len, size_t *cap, const void *s, size_t n)
{
    if (*len + n > *cap) {
        size_t c = *cap ? *cap : 256;
        while (c < *len + n)
            c *= 2;
        char *d = realloc(*data, c);
        if (d == NULL)
            abort();
        *data = d;
        *cap = c;
    }
    memcpy(*data + *len, s, n);
    *len += n;
}

static void put_str(struct events *e, const char *s)
{
    put(&e->data, &e->len, &e->cap, s, strlen(s) + 1);
}

/* A tag: the text before it, then the tag. */
static void begin_event(struct events *e, char kind)
{
    if (e->text_len > 0) {
        char head[32];
        int n = snprintf(head, sizeof head, "T%zu:", e->text_len);
        put(&e->data, &e->len, &e->cap, head, (size_t)n);
        put(&e->data, &e->len, &e->cap, e->text, e->text_len);
        e->text_len = 0;
    }
    put(&e->data, &e->len, &e->cap, &kind, 1);
}

static void end_event(struct events *e)
{
    if (e->count == e->ends_cap) {
        size_t c = e->ends_cap ? e->ends_cap * 2 : 64;
        size_t *d = realloc(e->ends, c * sizeof *d);
        if (d == NULL)
            abort();
        e->ends = d;
        e->ends_cap = c;
    }
    e->ends[e->count++] = e->len;
}

static void on_start(void *ud, const char *name, const char **atts)
{
    struct events *e = ud;
    begin_event(e, 'S');
    put_str(e, name);
    for (size_t i = 0; atts[i] != NULL; i += 2) {
        put_str(e, atts[i]);
        put_str(e, atts[i + 1]);
    }
    put(&e->data, &e->len, &e->cap, "\n", 1);
    end_event(e);
}

static void on_end(void *ud, const char *name)
{
    struct events *e = ud;
    begin_event(e, 'E');
    put_str(e, name);
    end_event(e);
}

static void on_text(void *ud, const char *s, int len)
{
    struct events *e = ud;
    put(&e->text, &e->text_len, &e->text_cap, s, (size_t)len);
}

static void XMLCALL x_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    on_start(ud, name, atts);
}

static void XMLCALL x_end(void *ud, const XML_Char *name)
{
    on_end(ud, name);
}

static void XMLCALL x_text(void *ud, const XML_Char *s, int len)
{
    on_text(ud, s, len);
}

static void events_free(struct events *e)
{
    free(e->data);
    free(e->text);
    free(e->ends);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    size_t piece = data[0];
    data++;
    size--;
    if (piece == 0)
        piece = size;

    struct events ex;
    memset(&ex, 0, sizeof ex);
    XML_Parser p = XML_ParserCreate(NULL);
    if (p == NULL)
        return 0;
    XML_SetUserData(p, &ex);
    XML_SetElementHandler(p, x_start, x_end);
    XML_SetCharacterDataHandler(p, x_text);
    XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_NEVER);
    bool expat_ok = XML_Parse(p, (const char *)data, (int)size, XML_TRUE) == XML_STATUS_OK;
    XML_ParserFree(p);

    struct events fast;
    memset(&fast, 0, sizeof fast);
    const struct xml_scan_handlers h = {&fast, on_start, on_end, on_text, &fast.stopped};
    struct xml_scan s;
    xml_scan_init(&s);
    enum xml_scan_status st = XML_SCAN_MORE;
    size_t at = 0;
    while (st == XML_SCAN_MORE) {
        size_t n = size - at < piece ? size - at : piece;
        char *buf = xml_scan_buffer(&s, n);
        if (buf == NULL) {
            st = s.too_long ? XML_SCAN_GIVE_UP : XML_SCAN_NOMEM;
            break;
        }
        memcpy(buf, data + at, n);
        at += n;
        st = xml_scan_parse(&s, n, at == size, &h);
        if (st == XML_SCAN_MORE && at == size && n == 0)
            abort(); /* the end was given and it still wants more */
    }
    /* what the scanner handled is the beginning of what expat gave */
    if (s.events != fast.count || fast.count > ex.count)
        abort();
    size_t prefix = fast.count ? fast.ends[fast.count - 1] : 0;
    if (fast.len != prefix || (prefix > 0 && (ex.ends[fast.count - 1] != prefix || memcmp(fast.data, ex.data, prefix) != 0)))
        abort();
    /* a document read to the end is one expat accepts, with no more tags */
    if (st == XML_SCAN_DONE && (!expat_ok || fast.count != ex.count))
        abort();
    xml_scan_free(&s);
    events_free(&ex);
    events_free(&fast);
    return 0;
}
