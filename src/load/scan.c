/* The scanner: well-formed CSV to records without libcsv, for the fast path.
 *
 * libcsv looks at every byte through a state machine and copies every byte into
 * its entry buffer; here an unquoted field is a run of ordinary bytes found with
 * a table, a quoted field is found with memchr, and fields are cut in place in
 * the scanner's buffer. A field equal to the same column's field of the record
 * before (the agency and its attributes, row after row) is not checked again.
 * Whatever the loader would treat in a way this code does not copy exactly
 * (spaces at a field's edge, which libcsv trims; a quote inside an unquoted
 * field; text after a closing quote; a field that is not UTF-8; a row of another
 * length) makes the scanner give up, and the caller reads the input with the
 * loader instead.
 */
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "ita/load.h"
#include "ita/util.h"

struct span {
    size_t start, end;  /* offsets into buf: content, before unescaping */
    bool escaped;       /* a quoted field holding "" */
};

struct column_cache {
    char *bytes;
    size_t len, cap;
    bool valid;
};

struct ita_scanner {
    char *file;
    const struct ita_load_sink *sink;
    char delimiter;
    unsigned char special[256]; /* bytes that end an unquoted run */
    char *buf;                  /* the carried part of a record, then new bytes; +1 for a sentinel */
    size_t len, cap;
    bool bom_done;
    size_t header_fields;
    struct span *spans;
    size_t span_cap;
    struct ita_field *fields;
    size_t field_cap;
    char *scratch;              /* unescaped fields of one record */
    size_t scratch_cap;
    struct column_cache *cache;
    size_t cache_count;
    size_t records;
    bool gave_up, stopped;
    enum ita_status status;
};

struct ita_scanner *ita_scanner_new(const char *file, char delimiter, const struct ita_load_sink *sink)
{
    struct ita_scanner *sc = calloc(1, sizeof *sc);
    if (sc == NULL)
        return NULL;
    sc->file = ita_strdup(file);
    if (sc->file == NULL) {
        free(sc);
        return NULL;
    }
    sc->sink = sink;
    sc->delimiter = delimiter;
    sc->special[(unsigned char)delimiter] = 1;
    sc->special['\r'] = 1;
    sc->special['\n'] = 1;
    sc->special['"'] = 1;
    sc->special[0] = 1;         /* the sentinel, and a NUL byte in the data */
    sc->status = ITA_OK;
    return sc;
}

void ita_scanner_free(struct ita_scanner **psc)
{
    struct ita_scanner *sc = *psc;
    if (sc == NULL)
        return;
    for (size_t c = 0; c < sc->cache_count; c++)
        free(sc->cache[c].bytes);
    free(sc->cache);
    free(sc->file);
    free(sc->buf);
    free(sc->spans);
    free(sc->fields);
    free(sc->scratch);
    free(sc);
    *psc = NULL;
}

bool ita_scanner_gave_up(const struct ita_scanner *sc)
{
    return sc->gave_up;
}

bool ita_scanner_between_records(const struct ita_scanner *sc)
{
    return !sc->stopped && sc->bom_done && sc->len == 0;
}

static enum ita_status give_up(struct ita_scanner *sc)
{
    sc->gave_up = true;
    sc->stopped = true;
    sc->status = ITA_ERR_DATA;
    return sc->status;
}

static enum ita_status nomem(struct ita_scanner *sc)
{
    sc->stopped = true;
    sc->status = ITA_ERR_NOMEM;
    return sc->status;
}

static bool grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return true;
    size_t cap2 = *cap ? *cap : 16;
    while (cap2 < need)
        cap2 *= 2;
    void *q = realloc(*p, cap2 * size);
    if (q == NULL)
        return false;
    *p = q;
    *cap = cap2;
    return true;
}

/* Checks a field unless the same column held the same bytes in the record before. */
static bool field_ok(struct ita_scanner *sc, size_t column, const char *s, size_t n)
{
    if (n == 0)
        return true;
    if (column >= sc->cache_count) {
        size_t cap = sc->cache_count;
        if (!grow((void **)&sc->cache, &cap, column + 1, sizeof *sc->cache))
            return false;
        memset(sc->cache + sc->cache_count, 0, (cap - sc->cache_count) * sizeof *sc->cache);
        sc->cache_count = cap;
    }
    struct column_cache *cc = &sc->cache[column];
    if (cc->valid && cc->len == n && memcmp(cc->bytes, s, n) == 0)
        return true;
    unsigned control = 0;
    if (n > ITA_MAX_FIELD || check_field((const unsigned char *)s, n, &control) != FIELD_OK)
        return false;
    cc->valid = false;
    if (!grow((void **)&cc->bytes, &cc->cap, n, 1))
        return true; /* checked; only not remembered */
    memcpy(cc->bytes, s, n);
    cc->len = n;
    cc->valid = true;
    return true;
}

/* Cuts the record whose spans are known, and passes it on. */
static enum ita_status emit(struct ita_scanner *sc, size_t n)
{
    bool blank = true;
    for (size_t i = 0; i < n && blank; i++)
        blank = sc->spans[i].end == sc->spans[i].start;
    if (blank)
        return ITA_OK;
    if (!grow((void **)&sc->fields, &sc->field_cap, n, sizeof *sc->fields))
        return nomem(sc);
    size_t scratch_need = 0;
    for (size_t i = 0; i < n; i++)
        if (sc->spans[i].escaped)
            scratch_need += sc->spans[i].end - sc->spans[i].start + 1;
    if (!grow((void **)&sc->scratch, &sc->scratch_cap, scratch_need + 1, 1))
        return nomem(sc);
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        struct span *sp = &sc->spans[i];
        char *s = sc->buf + sp->start;
        size_t len = sp->end - sp->start;
        if (sp->escaped) {
            char *w = sc->scratch + at;
            size_t k = 0;
            for (size_t r = 0; r < len; r++) {
                w[k++] = s[r];
                if (s[r] == '"')
                    r++; /* the second quote of a pair */
            }
            w[k] = '\0';
            s = w;
            len = k;
            at += k + 1;
        } else {
            s[len] = '\0'; /* the delimiter, terminator or closing quote: no longer needed */
        }
        if (!field_ok(sc, i, s, len))
            return give_up(sc);
        sc->fields[i].data = s;
        sc->fields[i].len = len;
        sc->fields[i].line = 0;
        sc->fields[i].same_as_above = false;
    }
    sc->records++;
    struct ita_record rec = {sc->fields, n, 0, sc->file};
    enum ita_status st;
    if (sc->header_fields == 0) {
        sc->header_fields = n;
        st = sc->sink->header(sc->sink->ctx, &rec);
    } else if (n != sc->header_fields) {
        return give_up(sc);
    } else {
        st = sc->sink->record(sc->sink->ctx, &rec);
    }
    if (st != ITA_OK) {
        sc->stopped = true;
        sc->status = st;
    }
    return st;
}

static bool is_edge_space(char c)
{
    return c == ' ' || c == '\t';
}

/* Scans the record at *pos. Returns 1 when one was passed on (or skipped as
 * blank), 0 when the buffer ends inside it (at_end: the input ends there), -1
 * when the scanner stopped. */
static int scan_record(struct ita_scanner *sc, size_t *pos, bool at_end)
{
    const char *buf = sc->buf;
    const size_t end = sc->len;
    const char delim = sc->delimiter;
    size_t q = *pos, n = 0;
    if (q < end && (buf[q] == '\r' || buf[q] == '\n')) {
        *pos = q + 1; /* an empty line: nothing to pass on */
        return 1;
    }
    for (;;) {
        if (!grow((void **)&sc->spans, &sc->span_cap, n + 1, sizeof *sc->spans)) {
            nomem(sc);
            return -1;
        }
        struct span *sp = &sc->spans[n++];
        if (q < end && buf[q] == '"') {
            size_t r = q + 1;
            sp->start = r;
            sp->escaped = false;
            for (;;) {
                const char *quote = memchr(buf + r, '"', end - r);
                if (quote == NULL) {
                    if (at_end) {
                        give_up(sc); /* never closed: the loader says where */
                        return -1;
                    }
                    return 0;
                }
                size_t k = (size_t)(quote - buf);
                if (k + 1 == end && !at_end)
                    return 0; /* is it "" or the end? the next bytes tell */
                if (k + 1 < end && buf[k + 1] == '"') {
                    sp->escaped = true;
                    r = k + 2;
                    continue;
                }
                sp->end = k;
                q = k + 1;
                break;
            }
            if (q < end && buf[q] != delim && buf[q] != '\r' && buf[q] != '\n') {
                give_up(sc);
                return -1;
            }
        } else {
            sp->start = q;
            sp->escaped = false;
            while (!sc->special[(unsigned char)buf[q]])
                q++;
            if (q < end && (buf[q] == '"' || buf[q] == '\0')) {
                give_up(sc);
                return -1;
            }
            sp->end = q;
            if (q == end && !at_end)
                return 0; /* the field may go on in the next bytes */
            if (sp->end > sp->start && (is_edge_space(buf[sp->start]) || is_edge_space(buf[sp->end - 1]))) {
                give_up(sc);
                return -1;
            }
        }
        if (q == end) {
            if (!at_end)
                return 0;
            *pos = q;
            return emit(sc, n) == ITA_OK ? 1 : -1;
        }
        if (buf[q] == delim) {
            q++;
            continue;
        }
        /* '\r' or '\n' ends the record */
        *pos = q + 1;
        return emit(sc, n) == ITA_OK ? 1 : -1;
    }
}

static enum ita_status scan(struct ita_scanner *sc, bool at_end)
{
    size_t pos = 0;
    int r = 1;
    while (pos < sc->len && (r = scan_record(sc, &pos, at_end)) == 1)
        ;
    if (r < 0)
        return sc->status;
    if (pos > 0) {
        memmove(sc->buf, sc->buf + pos, sc->len - pos);
        sc->len -= pos;
    }
    sc->buf[sc->len] = '\0';
    if (sc->len > (64u << 20))
        return give_up(sc); /* a record this long is the loader's to judge */
    return ITA_OK;
}

enum ita_status ita_scanner_feed(struct ita_scanner *sc, const char *data, size_t len)
{
    if (sc->stopped)
        return sc->status;
    if (!grow((void **)&sc->buf, &sc->cap, sc->len + len + 1, 1))
        return nomem(sc);
    memcpy(sc->buf + sc->len, data, len);
    sc->len += len;
    sc->buf[sc->len] = '\0'; /* the sentinel that ends every unquoted run */
    if (!sc->bom_done) {
        static const char bom[3] = {'\xEF', '\xBB', '\xBF'};
        if (sc->len < 3 && memcmp(sc->buf, bom, sc->len) == 0)
            return ITA_OK; /* perhaps a byte order mark, split */
        if (sc->len >= 3 && memcmp(sc->buf, bom, 3) == 0) {
            memmove(sc->buf, sc->buf + 3, sc->len - 3);
            sc->len -= 3;
            sc->buf[sc->len] = '\0';
        }
        sc->bom_done = true;
    }
    return scan(sc, false);
}

enum ita_status ita_scanner_finish(struct ita_scanner *sc)
{
    if (sc->stopped)
        return sc->status;
    if (!sc->bom_done) {
        if (sc->len > 0)
            return give_up(sc);
        sc->bom_done = true;
    }
    if (sc->len > 0 && scan(sc, true) != ITA_OK)
        return sc->status;
    if (sc->records == 0)
        return give_up(sc); /* an empty file: the loader says so */
    return ITA_OK;
}
