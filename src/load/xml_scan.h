/* Private to the load module: a fast scanner for the plain XML that workbook
 * parts are made of, in front of expat.
 *
 * It reads the subset that spreadsheet writers produce (an optional
 * `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`, elements with ASCII
 * names, attributes with ASCII values, text in UTF-8 with the five predefined
 * entities) and calls the same three handlers as expat would, with the same
 * arguments: a start tag's name and its attributes as name/value pairs ending in
 * NULL, an end tag's name, and text (in pieces of any length; the concatenation
 * between two tags is what expat would give). It never reports an error: at
 * anything outside the subset (a comment, a DOCTYPE, a character reference, a
 * carriage return, a mismatched tag, bad UTF-8, ...) it gives up, and the part is
 * read again by expat, whose handlers skip the `events` tags already handled (and
 * the text before them). So whatever is read, is read as expat reads it; the
 * scanner only makes the common case fast. fuzz/fuzz_xml.c checks that its
 * events are always the first of expat's on the same bytes.
 *
 * Text is handed over only once the tag after it is complete, so that giving up
 * never leaves half of a text handled.
 */
#ifndef ITA_LOAD_XML_SCAN_H
#define ITA_LOAD_XML_SCAN_H

#include <stdbool.h>
#include <stddef.h>

struct xml_scan_handlers {
    void *ud;
    void (*start)(void *ud, const char *name, const char **atts);
    void (*end)(void *ud, const char *name);
    void (*text)(void *ud, const char *s, int len);
    const bool *stopped; /* checked after each handler: true ends the scan */
};

#define XML_SCAN_DEPTH 32
#define XML_SCAN_NAME 64
#define XML_SCAN_ATTS 16

enum xml_scan_status {
    XML_SCAN_MORE,    /* give it more bytes */
    XML_SCAN_DONE,    /* the document is complete (or the handlers stopped it) */
    XML_SCAN_GIVE_UP, /* outside the subset: read the part with expat */
    XML_SCAN_NOMEM
};

struct xml_scan {
    char *buf;
    size_t len, cap, pos; /* pos: where the unfinished text or tag starts */
    int phase;            /* the declaration, the prolog, content, the epilog */
    int depth;
    char stack[XML_SCAN_DEPTH][XML_SCAN_NAME + 1];
    unsigned char stack_len[XML_SCAN_DEPTH];
    size_t events; /* start and end tags handed to the handlers */
    bool too_long; /* an unfinished token grew past what the scanner holds */
};

void xml_scan_init(struct xml_scan *s);
void xml_scan_free(struct xml_scan *s);
/* Room for n more bytes, to be filled and passed to xml_scan_parse; NULL when
 * out of memory, or when an unfinished token grew past what the scanner holds
 * (then too_long is set: give up). */
char *xml_scan_buffer(struct xml_scan *s, size_t n);
/* Scans n more bytes written into the buffer; final: no more will come. */
enum xml_scan_status xml_scan_parse(struct xml_scan *s, size_t n, bool final, const struct xml_scan_handlers *h);

#endif
