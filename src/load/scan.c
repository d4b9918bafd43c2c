/* The scanner: well-formed CSV to records without libcsv, for the fast path.
 *
 * libcsv looks at every byte through a state machine and copies every byte into
 * its entry buffer; here an unquoted field is a run of ordinary bytes found 16
 * (or 8) bytes at a time (scan_find.h), a quoted field is found with memchr, and
 * the caller's bytes are scanned where they are: only a record cut by the end of
 * a chunk is carried over to the next one. The record before stays in a small
 * buffer, its fields cut with a NUL and unescaped. The first fields of a record
 * that repeat those of the record before byte for byte (the agency and its
 * attributes, row after row) are found with one comparison of the two records'
 * bytes: they are neither scanned, copied nor checked again, and are marked
 * same_as_above for the binder. The rest of the record is scanned, then copied
 * over the rest of the record before and cut there.
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
#include "scan_find.h"

/* A carried record longer than this is the loader's to judge. */
#define MAX_CARRY ((size_t)64 << 20)

struct span {
    size_t start, end;  /* offsets from the record's start: content, before unescaping */
    bool escaped;       /* a quoted field holding "" */
    bool quoted;        /* its content stands between quotes: its delimiter is at end + 1 */
};

struct ita_scanner {
    char *file;
    const struct ita_load_sink *sink;
    char delimiter;
    struct scan_specials specials;
    char *carry;                /* the start of a record cut by the end of a chunk */
    size_t carry_len, carry_cap;
    bool bom_done;
    size_t header_fields;
    /* the spans of the record being scanned (spans[now]) and of the one before */
    struct span *spans[2];
    size_t span_cap[2];
    unsigned now;
    /* the record before, as passed on: its bytes, cut into its fields; the next
     * record is written over it, from its first field that is not the same */
    char *bytes;
    size_t cap, raw_len;
    struct ita_field *fields;
    size_t field_cap;
    size_t count;
    bool have_before;           /* bytes, fields and spans[now ^ 1] hold the record before */
    size_t common;              /* how many bytes the record being scanned shares with it */
    /* when records were passed on by the sink's tail since the record before:
     * how many first fields the last of them shared with the record before (so
     * with the record being scanned, as far as it shares them too); else SIZE_MAX */
    size_t tail_same;
    bool before_is_header;
    size_t records;
    /* lines, when counted: the physical line where the next record starts, and
     * whether the last line end was a CR (whose LF, next, ends no other line) */
    bool count_lines, after_cr;
    size_t line;
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
    scan_specials_init(&sc->specials, delimiter);
    sc->status = ITA_OK;
    sc->line = 1;
    sc->tail_same = SIZE_MAX;
    return sc;
}

void ita_scanner_count_lines(struct ita_scanner *sc)
{
    sc->count_lines = true;
}

void ita_scanner_free(struct ita_scanner **psc)
{
    struct ita_scanner *sc = *psc;
    if (sc == NULL)
        return;
    free(sc->spans[0]);
    free(sc->spans[1]);
    free(sc->bytes);
    free(sc->fields);
    free(sc->file);
    free(sc->carry);
    free(sc);
    *psc = NULL;
}

bool ita_scanner_gave_up(const struct ita_scanner *sc)
{
    return sc->gave_up;
}

bool ita_scanner_between_records(const struct ita_scanner *sc)
{
    return !sc->stopped && sc->bom_done && sc->carry_len == 0;
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

static bool carry_append(struct ita_scanner *sc, const char *data, size_t len)
{
    if (len == 0)
        return true; /* nothing to carry, and perhaps no buffer yet */
    if (!grow((void **)&sc->carry, &sc->carry_cap, sc->carry_len + len, 1))
        return false;
    memcpy(sc->carry + sc->carry_len, data, len);
    sc->carry_len += len;
    return true;
}

/* How many LF bytes s[0, n) holds. */
static size_t newlines(const char *s, size_t n)
{
    size_t k = 0;
    for (const char *p = memchr(s, '\n', n); p != NULL; p = memchr(p + 1, '\n', n - (size_t)(p + 1 - s)))
        k++;
    return k;
}

/* Passes on the record buf[rs, re) whose n fields are in spans[now] (blank:
 * every field empty, a record the loader skips too). Its first `same` fields
 * were found equal to those of the record before (scan_same), whose bytes, cut
 * into fields, stay where they are; the rest is copied over the record before
 * and cut there. quoted: some field of the record is quoted (and may hold line
 * ends). */
static enum ita_status emit(struct ita_scanner *sc, const char *buf, size_t rs, size_t re, size_t n, bool blank,
                            size_t same, bool quoted)
{
    if (blank)
        return ITA_OK;
    const struct span *spans = sc->spans[sc->now], *before = sc->spans[sc->now ^ 1];
    const size_t before_count = sc->have_before ? sc->count : 0;
    const size_t raw_len = re - rs;
    char *old = sc->bytes;
    if (!grow((void **)&sc->bytes, &sc->cap, raw_len + 1, 1) ||
        !grow((void **)&sc->fields, &sc->field_cap, n, sizeof *sc->fields))
        return nomem(sc);
    /* a field's line: the record's, and one more for each line end in a quoted
     * field before it (an unquoted one holds none) */
    size_t line = sc->count_lines ? sc->line : 0, counted = 0;
    /* the same fields: bytes in place, only their mark (and line) to set */
    const bool mark = !sc->before_is_header;
    /* the record just before is the one passed on by tail, when there was one:
     * the fields it shared with the record before, and this one too, repeat it */
    const size_t marked = sc->tail_same;
    for (size_t i = 0; i < same; i++) {
        if (sc->bytes != old)
            sc->fields[i].data = sc->bytes + spans[i].start;
        sc->fields[i].same_as_above = mark && i < marked;
        if (line != 0) {
            if (quoted) {
                line += newlines(buf + rs + counted, spans[i].start - counted);
                counted = spans[i].start;
            }
            sc->fields[i].line = line;
        }
    }
    size_t from = same > 0 ? spans[same - 1].end + spans[same - 1].quoted + 1 : 0;
    memcpy(sc->bytes + from, buf + rs + from, raw_len - from);
    for (size_t i = same; i < n; i++) {
        const struct span *sp = &spans[i];
        char *s = sc->bytes + sp->start;
        size_t len = sp->end - sp->start;
        if (quoted && line != 0) {
            line += newlines(buf + rs + counted, sp->start - counted);
            counted = sp->start;
        }
        if (sp->escaped) {
            size_t k = 0;
            for (size_t j = 0; j < len; j++) {
                s[k++] = s[j];
                if (s[j] == '"')
                    j++; /* the second quote of a pair */
            }
            len = k;
        }
        s[len] = '\0'; /* the delimiter, terminator or closing quote: no longer needed */
        if (len > ITA_MAX_FIELD)
            return give_up(sc);
        sc->fields[i].data = s;
        sc->fields[i].len = len;
        sc->fields[i].line = line;
        /* a field further on at the same offsets, with the same bytes up to its end */
        sc->fields[i].same_as_above = mark && i < marked && i < before_count && sp->end <= sc->common &&
                                      sp->start == before[i].start && sp->end == before[i].end && !sp->escaped &&
                                      !before[i].escaped;
    }
    /* the fields from there on, checked in one piece with what stands between
     * them: delimiters and quotes are ASCII, so a UTF-8 sequence cannot span two
     * fields, and the piece passes exactly when each of its fields does */
    unsigned control = 0;
    size_t check_from = same < n ? spans[same].start : raw_len;
    if (check_from < raw_len &&
        check_field((const unsigned char *)buf + rs + check_from, raw_len - check_from, &control) != FIELD_OK)
        return give_up(sc);
    sc->count = n;
    sc->raw_len = raw_len;
    sc->records++;
    struct ita_record rec = {sc->fields, n, sc->count_lines ? sc->line : 0, sc->file};
    enum ita_status st;
    bool header = sc->header_fields == 0;
    if (header) {
        sc->header_fields = n;
        st = sc->sink->header(sc->sink->ctx, &rec);
    } else if (n != sc->header_fields) {
        return give_up(sc);
    } else {
        st = sc->sink->record(sc->sink->ctx, &rec);
    }
    sc->now ^= 1;
    sc->have_before = true;
    sc->before_is_header = header;
    sc->tail_same = SIZE_MAX;
    if (st != ITA_OK) {
        sc->stopped = true;
        sc->status = st;
    }
    return st;
}

/* How many of the first fields of the record at buf[rs, end) are those of the
 * record before, byte for byte up to and including the delimiter after them
 * (never its last field, nor from a field holding ""): their spans, copied to
 * spans[now], are what scanning them again would find. The bytes of the record
 * before hold a NUL where a field ended (a delimiter or a closing quote), and
 * the common prefix lets a NUL match any byte: those bytes are compared here.
 * Their spans are those of the record before (spans[now ^ 1]). Sets sc->common
 * for emit. */
static size_t scan_same(struct ita_scanner *sc, const char *buf, size_t rs, size_t end, bool *blank, bool *quoted)
{
    sc->common = 0;
    if (!sc->have_before)
        return 0;
    const struct span *b = sc->spans[sc->now ^ 1];
    size_t avail = end - rs;
    size_t common = scan_common_prefix(buf + rs, sc->bytes, sc->raw_len < avail ? sc->raw_len : avail);
    sc->common = common;
    const char *r = buf + rs;
    size_t k = 0;
    while (k + 1 < sc->count && !b[k].escaped) {
        size_t d = b[k].end + b[k].quoted; /* the delimiter after the field */
        if (d >= common || r[d] != sc->delimiter || (b[k].quoted && r[b[k].end] != '"'))
            break;
        *blank = *blank && b[k].end == b[k].start;
        *quoted = *quoted || b[k].quoted;
        k++;
    }
    return k;
}

/* After a record or an empty line: the lines it took, as the loader counts them
 * (LF, CRLF and a lone CR each end one; term is the byte that ended it, or NUL
 * at the end of the input). */
static void count_lines(struct ita_scanner *sc, const char *buf, size_t rs, size_t re, bool quoted, char term,
                        bool empty)
{
    if (!sc->count_lines)
        return;
    if (quoted)
        sc->line += newlines(buf + rs, re - rs);
    if (term == '\r' || (term == '\n' && !(empty && sc->after_cr)))
        sc->line++;
    sc->after_cr = term == '\r';
}

/* Offers the record at buf[rs, end), whose first `same` fields repeat those of
 * the record before (scan_same), to the sink's tail: the fields from the first
 * one that is not also in the record just before (blank: those `same` fields
 * are empty). 1 when the sink took it (*pos is then after it), 0 when it is to
 * be scanned as any other. */
static int scan_tail(struct ita_scanner *sc, const char *buf, size_t rs, size_t end, size_t same, bool quoted,
                     bool blank, size_t *pos)
{
    size_t first = same < sc->tail_same ? same : sc->tail_same;
    if (first == 0 || sc->before_is_header || sc->header_fields - first > SCAN_TAIL_BYTES)
        return 0;
    const struct span *last = &sc->spans[sc->now ^ 1][first - 1]; /* as scan_same found it */
    size_t from = rs + last->end + last->quoted + 1;
    if (end - from < SCAN_TAIL_BYTES)
        return 0; /* the bytes may end before the record: scanned as any other */
    /* the fields end at the delimiters before the first line end */
    unsigned delims, line_ends;
    scan_tail_marks(buf + from, sc->delimiter, &delims, &line_ends);
    if (line_ends == 0)
        return 0;
    unsigned e = (unsigned)__builtin_ctz(line_ends);
    delims &= (1u << e) - 1;
    unsigned char ends[SCAN_TAIL_BYTES];
    size_t k = 0, want = sc->header_fields - first;
    for (; delims != 0 && k + 1 < want; delims &= delims - 1)
        ends[k++] = (unsigned char)__builtin_ctz(delims);
    if (delims != 0 || k + 1 != want)
        return 0; /* more fields, or fewer, than the header */
    if (blank && e == want - 1)
        return 0; /* every field empty: a record that is skipped */
    ends[k] = (unsigned char)e;
    if (!sc->sink->tail(sc->sink->ctx, first, buf + from, ends, sc->count_lines ? sc->line : 0))
        return 0;
    e += (unsigned)from;
    sc->tail_same = same;
    sc->records++;
    *pos = e + 1;
    count_lines(sc, buf, rs, e, quoted, buf[e], false);
    return 1;
}

static bool is_edge_space(char c)
{
    return c == ' ' || c == '\t';
}

/* Scans the record at *pos of buf[0, end). Returns 1 when one was passed on (or
 * skipped as blank), 0 when the bytes end inside it (at_end: the input ends
 * there), -1 when the scanner stopped. */
static int scan_record(struct ita_scanner *sc, const char *buf, size_t end, size_t *pos, bool at_end)
{
    const char delim = sc->delimiter;
    const size_t rs = *pos;
    size_t q = rs, n = 0;
    bool blank = true, quoted = false;
    if (q < end && (buf[q] == '\r' || buf[q] == '\n')) {
        *pos = q + 1; /* an empty line: nothing to pass on */
        count_lines(sc, buf, q, q, false, buf[q], true);
        return 1;
    }
    /* the fields that repeat the record before, without scanning them */
    const size_t same = scan_same(sc, buf, rs, end, &blank, &quoted);
    if (same > 0 && sc->sink->tail != NULL) {
        int taken = scan_tail(sc, buf, rs, end, same, quoted, blank, pos);
        if (taken != 0)
            return taken;
    }
    if (same > 0) {
        if (!grow((void **)&sc->spans[sc->now], &sc->span_cap[sc->now], same, sizeof *sc->spans[0])) {
            nomem(sc);
            return -1;
        }
        memcpy(sc->spans[sc->now], sc->spans[sc->now ^ 1], same * sizeof *sc->spans[0]);
        const struct span *last = &sc->spans[sc->now][same - 1];
        n = same;
        q = rs + last->end + last->quoted + 1;
    }
    for (;;) {
        if (n == sc->span_cap[sc->now] &&
            !grow((void **)&sc->spans[sc->now], &sc->span_cap[sc->now], n + 1, sizeof *sc->spans[0])) {
            nomem(sc);
            return -1;
        }
        struct span *sp = &sc->spans[sc->now][n++];
        if (q < end && buf[q] == '"') {
            size_t r = q + 1;
            quoted = true;
            sp->start = r - rs;
            sp->escaped = false;
            sp->quoted = true;
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
                sp->end = k - rs;
                q = k + 1;
                break;
            }
            if (q < end && buf[q] != delim && buf[q] != '\r' && buf[q] != '\n') {
                give_up(sc);
                return -1;
            }
        } else {
            size_t start = q;
            sp->start = q - rs;
            sp->escaped = false;
            sp->quoted = false;
            q = scan_find(&sc->specials, buf, q, end);
            if (q < end && (buf[q] == '"' || buf[q] == '\0')) {
                give_up(sc);
                return -1;
            }
            sp->end = q - rs;
            if (q == end && !at_end)
                return 0; /* the field may go on in the next bytes */
            if (q > start && (is_edge_space(buf[start]) || is_edge_space(buf[q - 1]))) {
                give_up(sc);
                return -1;
            }
        }
        blank = blank && sp->end == sp->start;
        if (q == end) {
            if (!at_end)
                return 0;
            *pos = q;
            if (emit(sc, buf, rs, q, n, blank, same, quoted) != ITA_OK)
                return -1;
            count_lines(sc, buf, rs, q, quoted, '\0', false);
            return 1;
        }
        if (buf[q] == delim) {
            q++;
            continue;
        }
        /* '\r' or '\n' ends the record */
        *pos = q + 1;
        if (emit(sc, buf, rs, q, n, blank, same, quoted) != ITA_OK)
            return -1;
        count_lines(sc, buf, rs, q, quoted, buf[q], false);
        return 1;
    }
}

/* Scans the records of buf[*pos, end); *pos is left at the start of the one the
 * bytes end in. False when the scanner stopped. */
static bool scan_records(struct ita_scanner *sc, const char *buf, size_t end, size_t *pos, bool at_end)
{
    int r = 1;
    while (*pos < end && (r = scan_record(sc, buf, end, pos, at_end)) == 1)
        ;
    return r >= 0;
}

/* Ends the carried record with the first bytes of data; *at is where the
 * records after it start (or len when data ended inside it). The carried bytes
 * hold no record's end: they were an unfinished record, or part of a byte order
 * mark. Each round takes the bytes up to a newline, and at least as many as
 * are carried, so that a long record is scanned again only a few times. */
static bool end_carried_record(struct ita_scanner *sc, const char *data, size_t len, size_t *at)
{
    while (sc->carry_len > 0 && *at < len) {
        size_t rest = len - *at;
        const char *nl = memchr(data + *at, '\n', rest);
        size_t take = nl != NULL ? (size_t)(nl - (data + *at)) + 1 : rest;
        if (take < sc->carry_len)
            take = sc->carry_len < rest ? sc->carry_len : rest;
        if (!carry_append(sc, data + *at, take)) {
            nomem(sc);
            return false;
        }
        *at += take;
        size_t pos = 0;
        int r = scan_record(sc, sc->carry, sc->carry_len, &pos, false);
        if (r < 0)
            return false;
        if (r == 1) {
            /* the record ended in the new bytes: the ones after it are read from data */
            *at -= sc->carry_len - pos;
            sc->carry_len = 0;
            return true;
        }
        if (sc->carry_len > MAX_CARRY) {
            give_up(sc);
            return false;
        }
    }
    return true;
}

enum ita_status ita_scanner_feed(struct ita_scanner *sc, const char *data, size_t len)
{
    if (sc->stopped)
        return sc->status;
    size_t at = 0;
    if (!sc->bom_done) {
        static const char bom[3] = {'\xEF', '\xBB', '\xBF'};
        size_t take = 3 - sc->carry_len < len ? 3 - sc->carry_len : len;
        if (!carry_append(sc, data, take))
            return nomem(sc);
        if (sc->carry_len < 3 && (sc->carry_len == 0 || memcmp(sc->carry, bom, sc->carry_len) == 0))
            return ITA_OK; /* perhaps a byte order mark, split */
        if (sc->carry_len == 3 && memcmp(sc->carry, bom, 3) == 0) {
            sc->carry_len = 0;
            at = take;
        } else {
            sc->carry_len -= take; /* what stays is part of a mark: no record's end */
        }
        sc->bom_done = true;
    }
    if (!end_carried_record(sc, data, len, &at))
        return sc->status;
    if (sc->carry_len > 0)
        return ITA_OK; /* data ended inside the carried record */
    size_t pos = at;
    if (!scan_records(sc, data, len, &pos, false))
        return sc->status;
    if (len - pos > MAX_CARRY)
        return give_up(sc);
    if (!carry_append(sc, data + pos, len - pos))
        return nomem(sc);
    return ITA_OK;
}

enum ita_status ita_scanner_finish(struct ita_scanner *sc)
{
    if (sc->stopped)
        return sc->status;
    if (!sc->bom_done) {
        if (sc->carry_len > 0)
            return give_up(sc);
        sc->bom_done = true;
    }
    size_t pos = 0;
    if (sc->carry_len > 0 && !scan_records(sc, sc->carry, sc->carry_len, &pos, true))
        return sc->status;
    sc->carry_len = 0;
    if (sc->records < 2)
        return give_up(sc); /* an empty file, or a header alone: the loader says so */
    return ITA_OK;
}
