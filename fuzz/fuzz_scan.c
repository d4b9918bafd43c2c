/* Fuzz target: the scanner (the fast path of ita rank) against the loader on the
 * same bytes.
 *
 * The first two bytes choose the delimiter (the top bit) and where the rest is
 * split into two feeds (the other fifteen bits, modulo its length plus one), so
 * that a record, a quoted field or a byte order mark cut between two reads is
 * exercised; each part is fed from a buffer of its own size, so that a read past
 * the end of a feed is seen by AddressSanitizer. Unless the scanner gives up, the
 * loader must accept the input without a diagnostic, and both must pass on the
 * same records, field for field and byte for byte, and when the scanner counts
 * lines, the same line for each record and field; a field the scanner marks
 * same_as_above must equal the same column's field of the record before. Any
 * difference aborts. Without lines, the sink takes every record it is offered
 * by its tail (as the binder does) when the tail's bytes are ASCII letters,
 * digits and points: the record it puts together from the fields of the record
 * before and the tail's must be the loader's too.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ita/load.h"
#include "ita/util.h"

struct recording {
    struct ita_buf out;   /* each record: its kind, field count, then each field's length and bytes */
    struct ita_buf lines; /* each record's line, then each field's */
    struct ita_buf before; /* the record before, the same way, one field after another */
    size_t before_count;
    size_t *before_off;   /* offsets of the fields of the record before in `before` */
    size_t *before_len;
    size_t before_cap;
    bool check_same;
    bool take_tails;
};

static void remember(struct recording *r, const struct ita_record *rec)
{
    if (rec->count > r->before_cap) {
        r->before_off = realloc(r->before_off, rec->count * sizeof *r->before_off);
        r->before_len = realloc(r->before_len, rec->count * sizeof *r->before_len);
        if (r->before_off == NULL || r->before_len == NULL)
            abort();
        r->before_cap = rec->count;
    }
    ita_buf_free(&r->before);
    ita_buf_init(&r->before);
    for (size_t i = 0; i < rec->count; i++) {
        r->before_off[i] = r->before.len;
        r->before_len[i] = rec->fields[i].len;
        ita_buf_append(&r->before, rec->fields[i].data, rec->fields[i].len);
    }
    if (r->before.failed)
        abort();
    r->before_count = rec->count;
}

static void put(struct recording *r, char kind, const struct ita_record *rec)
{
    ita_buf_printf(&r->out, "%c%zu", kind, rec->count);
    ita_buf_printf(&r->lines, "%zu:", rec->line);
    for (size_t i = 0; i < rec->count; i++) {
        const struct ita_field *f = &rec->fields[i];
        if (f->data[f->len] != '\0') /* the header promises a NUL after the bytes */
            abort();
        ita_buf_printf(&r->out, ":%zu:", f->len);
        ita_buf_printf(&r->lines, " %zu", f->line);
        ita_buf_append(&r->out, f->data, f->len);
        if (f->same_as_above) {
            if (!r->check_same || kind == 'H' || i >= r->before_count || r->before_len[i] != f->len ||
                (f->len > 0 && memcmp(r->before.data + r->before_off[i], f->data, f->len) != 0))
                abort();
        }
    }
    ita_buf_putc(&r->out, '\n');
    ita_buf_putc(&r->lines, '\n');
    if (r->out.failed || r->lines.failed)
        abort();
    remember(r, rec);
}

static enum ita_status on_header(void *ctx, const struct ita_record *rec)
{
    put(ctx, 'H', rec);
    return ITA_OK;
}

static enum ita_status on_record(void *ctx, const struct ita_record *rec)
{
    put(ctx, 'R', rec);
    return ITA_OK;
}

/* A record offered by its tail: taken when its tail's bytes are letters, digits
 * and points, and recorded as the record before's first fields and the tail's. */
static bool on_tail(void *ctx, size_t first, const char *bytes, const unsigned char *ends, size_t line)
{
    struct recording *r = ctx;
    (void)line;
    if (!r->take_tails || first == 0 || first >= r->before_count)
        return false;
    size_t count = r->before_count, tail = count - first;
    for (size_t k = 0, from = 0; k < tail; from = ends[k++] + 1u)
        for (size_t i = from; i < ends[k]; i++) {
            char c = bytes[i];
            if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '.'))
                return false;
        }
    struct ita_field *fields = calloc(count, sizeof *fields);
    char *copy = malloc(r->before.len + (size_t)ends[tail - 1] + count + 1);
    if (fields == NULL || copy == NULL)
        abort();
    /* the first fields as the record before had them, then the tail's, each with its NUL */
    size_t at = 0;
    for (size_t i = 0; i < count; i++) {
        const char *src;
        size_t len;
        if (i < first) {
            src = r->before.data + r->before_off[i];
            len = r->before_len[i];
        } else {
            size_t k = i - first, from = k == 0 ? 0 : ends[k - 1] + 1u;
            src = bytes + from;
            len = ends[k] - from;
        }
        memcpy(copy + at, src, len);
        copy[at + len] = '\0';
        fields[i].data = copy + at;
        fields[i].len = len;
        at += len + 1;
    }
    struct ita_record rec = {fields, count, 0, "fuzz.csv"};
    put(r, 'R', &rec);
    free(fields);
    free(copy);
    return true;
}

static void recording_init(struct recording *r, bool check_same)
{
    memset(r, 0, sizeof *r);
    ita_buf_init(&r->out);
    ita_buf_init(&r->lines);
    ita_buf_init(&r->before);
    ita_buf_puts(&r->out, "");
    ita_buf_puts(&r->lines, "");
    r->check_same = check_same;
}

static void recording_free(struct recording *r)
{
    ita_buf_free(&r->out);
    ita_buf_free(&r->lines);
    ita_buf_free(&r->before);
    free(r->before_off);
    free(r->before_len);
}

/* The scanner over the two parts, counting lines or not: whether it gave up. */
static bool scan(char *const part[2], const size_t part_len[2], char delimiter, bool count_lines,
                 struct recording *r)
{
    r->take_tails = !count_lines;
    struct ita_load_sink sink = {r, on_header, on_record, on_tail};
    struct ita_scanner *sc = ita_scanner_new("fuzz.csv", delimiter, &sink);
    if (sc == NULL)
        abort();
    if (count_lines)
        ita_scanner_count_lines(sc);
    enum ita_status st = ITA_OK;
    for (int k = 0; k < 2 && st == ITA_OK; k++)
        st = ita_scanner_feed(sc, part[k], part_len[k]);
    if (st == ITA_OK)
        st = ita_scanner_finish(sc);
    bool gave_up = ita_scanner_gave_up(sc);
    if (st != ITA_OK && !gave_up)
        abort(); /* the sink never refuses, and these inputs are small */
    ita_scanner_free(&sc);
    return gave_up;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    char delimiter = (data[0] & 0x80) ? '\t' : ',';
    size_t where = ((size_t)(data[0] & 0x7f) << 8 | data[1]);
    data += 2;
    size -= 2;
    size_t split = where % (size + 1);
    /* each feed in a buffer of its own size */
    char *part[2] = {malloc(split ? split : 1), malloc(size - split ? size - split : 1)};
    size_t part_len[2] = {split, size - split};
    if (part[0] == NULL || part[1] == NULL)
        abort();
    memcpy(part[0], data, split);
    memcpy(part[1], data + split, size - split);

    struct recording scanned, counted, loaded;
    recording_init(&scanned, true);
    recording_init(&counted, true);
    recording_init(&loaded, false);
    bool gave_up = scan(part, part_len, delimiter, false, &scanned);
    if (scan(part, part_len, delimiter, true, &counted) != gave_up)
        abort(); /* counting lines changes nothing else */

    struct ita_diags diags;
    ita_diags_init(&diags, ITA_DIAG_DEFAULT_LIMIT);
    struct ita_load_sink load_sink = {&loaded, on_header, on_record, NULL};
    struct ita_loader *ld = ita_loader_new("fuzz.csv", delimiter, &load_sink, &diags);
    if (ld == NULL)
        abort();
    enum ita_status lst = ITA_OK;
    for (int k = 0; k < 2 && lst == ITA_OK; k++)
        lst = ita_loader_feed(ld, part[k], part_len[k]);
    if (lst == ITA_OK)
        lst = ita_loader_finish(ld);
    ita_loader_free(&ld);

    if (!gave_up) {
        if (lst != ITA_OK || diags.count > 0 || diags.errors > 0 || diags.warnings > 0)
            abort(); /* the scanner passed on what the loader complains of */
        if (scanned.out.len != loaded.out.len || memcmp(scanned.out.data, loaded.out.data, loaded.out.len) != 0 ||
            counted.out.len != loaded.out.len || memcmp(counted.out.data, loaded.out.data, loaded.out.len) != 0)
            abort(); /* other records */
        if (counted.lines.len != loaded.lines.len ||
            memcmp(counted.lines.data, loaded.lines.data, loaded.lines.len) != 0)
            abort(); /* other lines */
    }
    ita_diags_free(&diags);
    recording_free(&scanned);
    recording_free(&counted);
    recording_free(&loaded);
    free(part[0]);
    free(part[1]);
    return 0;
}
