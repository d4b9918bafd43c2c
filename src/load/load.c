/* Load: streaming CSV with libcsv in strict mode, physical line tracking. */
#include "ita/load.h"

#include <csv.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "ita/dynlib.h"
#include "ita/util.h"
#include "field.h"
#include "scan_find.h"

/* libcsv, opened by the first loader instead of at every start
 * (include/ita/dynlib.h): the scanner reads most files, so most runs never
 * call it. Every call below goes through this table, never by the library's
 * name, so that a program which links libcsv itself keeps its own. */
#define LIBCSV_SONAME "libcsv.so.3" /* Debian 12: libcsv3 */
#define CSV_FUNCTIONS(X) \
    X(csv_error) \
    X(csv_fini) \
    X(csv_free) \
    X(csv_init) \
    X(csv_parse) \
    X(csv_set_blk_size) \
    X(csv_set_delim)

static struct csv_lib {
    CSV_FUNCTIONS(ITA_DYNLIB_FIELD)
} lib;
#define SYMBOL(name) ITA_DYNLIB_SYMBOL(struct csv_lib, name)
static const struct ita_dynlib_symbol csv_symbols[] = {CSV_FUNCTIONS(SYMBOL)};
static struct ita_dynlib libcsv = ITA_DYNLIB_INIT(LIBCSV_SONAME, csv_symbols, &lib);

struct field_slot {
    size_t off, len, line;
};

struct ita_loader {
    struct csv_parser parser;
    char *file;
    const struct ita_load_sink *sink;
    struct ita_diags *diags;
    char delimiter;
    /* BOM handling at the very start */
    unsigned bom_matched;
    bool bom_done;
    /* the record being built */
    char *store;
    size_t store_len, store_cap;
    struct field_slot *slots;
    size_t slot_count, slot_cap;
    struct ita_field *fields;
    size_t field_cap;
    size_t line;        /* physical line at the current callback position */
    size_t record_line;
    size_t header_fields; /* 0 until the header is seen */
    size_t header_line;
    size_t records;
    bool after_cr;      /* the last line end seen was a CR (CRLF counts once) */
    bool record_bad;    /* a field of this record was already reported */
    bool stopped;       /* the sink or a parse error ended the file */
    enum ita_status status;
};

static const unsigned char bom[3] = {0xEF, 0xBB, 0xBF};

enum field_check check_field(const unsigned char *s, size_t n, unsigned *control)
{
    size_t i = 0;
    while (i < n) {
        i = scan_ascii_run(s, i, n); /* nothing to say of printable ASCII */
        if (i == n)
            break;
        unsigned char c = s[i];
        if (c == 0)
            return FIELD_NUL;
        if (c < 0x80) {
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                *control = c;
                return FIELD_CONTROL;
            }
            i++;
            continue;
        }
        /* a run of U+0800..U+0FFF (Thai: E0, then A0..BF, then a continuation
         * byte), in a loop of its own */
        if (c == 0xE0 && n - i > 2 && (s[i + 1] & 0xE0) == 0xA0 && (s[i + 2] & 0xC0) == 0x80) {
            i += 3;
            while (n - i > 2 && s[i] == 0xE0 && (s[i + 1] & 0xE0) == 0xA0 && (s[i + 2] & 0xC0) == 0x80)
                i += 3;
            continue;
        }
        /* the rest of U+0800..U+CFFF and U+E000..U+EFFF, without decoding:
         * none is a surrogate, a C1 control or the byte order mark (U+FEFF, lead
         * byte EF, left to the general path with ED) */
        if (c >= 0xE0 && c <= 0xEE && c != 0xED && n - i > 2 && (s[i + 2] & 0xC0) == 0x80 &&
            (c == 0xE0 ? s[i + 1] >= 0xA0 && s[i + 1] <= 0xBF : (s[i + 1] & 0xC0) == 0x80)) {
            i += 3;
            continue;
        }
        unsigned cp;
        size_t len = ita_utf8_decode(s + i, n - i, &cp);
        if (len == 0)
            return FIELD_BAD_UTF8;
        if (cp == 0xFEFF)
            return FIELD_BOM;
        if (cp >= 0x80 && cp <= 0x9F) {
            *control = cp;
            return FIELD_CONTROL;
        }
        i += len;
    }
    return FIELD_OK;
}

/* A field longer than ITA_MAX_FIELD ends the file: it is almost always a quote
 * left open, and stopping keeps memory bounded however long the field is. */
static void too_long(struct ita_loader *ld, size_t line, size_t column)
{
    ita_diags_add(ld->diags, ITA_SEV_ERROR, ld->file, line, column,
                  "field is longer than %u bytes (is a quote never closed?); the file is not read further",
                  ITA_MAX_FIELD);
    ld->stopped = true;
    ld->status = ITA_ERR_DATA;
}

static void on_field(void *data, size_t len, void *ctx)
{
    struct ita_loader *ld = ctx;
    if (ld->stopped)
        return;
    if (ld->slot_count == 0) {
        ld->record_line = ld->line;
        ld->record_bad = false;
    }
    size_t line = ld->line;
    const char *s = data ? data : "";
    for (const char *p = memchr(s, '\n', len); p != NULL; p = memchr(p + 1, '\n', len - (size_t)(p + 1 - s)))
        ld->line++;
    size_t column = ld->slot_count + 1;
    ld->after_cr = false;
    if (len > ITA_MAX_FIELD) {
        too_long(ld, line, column);
        return;
    }
    if (!ld->record_bad && len > 0) {
        unsigned control = 0;
        enum field_check fc = check_field((const unsigned char *)s, len, &control);
        if (fc == FIELD_CONTROL) {
            ita_diags_add(ld->diags, ITA_SEV_ERROR, ld->file, line, column,
                          "field contains the control character U+%04X; only tab and line ends may appear in text",
                          control);
            ld->record_bad = true;
        } else if (fc == FIELD_BAD_UTF8 && ld->records == 0 && ld->slot_count == 0 && len >= 2 &&
                   (((unsigned char)s[0] == 0xFF && (unsigned char)s[1] == 0xFE) ||
                    ((unsigned char)s[0] == 0xFE && (unsigned char)s[1] == 0xFF))) {
            /* what spreadsheets save as "Unicode text" */
            ita_diags_add(ld->diags, ITA_SEV_ERROR, ld->file, line, column,
                          "the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8");
            ld->record_bad = true;
        } else if (fc != FIELD_OK) {
            ita_diags_add(ld->diags, ITA_SEV_ERROR, ld->file, line, column, "%s",
                          fc == FIELD_NUL ? "field contains a NUL byte"
                          : fc == FIELD_BOM ? "field contains a byte order mark (U+FEFF); only the very start of a file may have one"
                                            : "field is not valid UTF-8; save the file as UTF-8");
            ld->record_bad = true;
        }
    }
    if (ld->slot_count == ld->slot_cap) {
        size_t cap = ld->slot_cap ? ld->slot_cap * 2 : 32;
        struct field_slot *slots = realloc(ld->slots, cap * sizeof *slots);
        if (slots == NULL) {
            ld->stopped = true;
            ld->status = ITA_ERR_NOMEM;
            return;
        }
        ld->slots = slots;
        ld->slot_cap = cap;
    }
    if (ld->store_len + len + 1 > ld->store_cap) {
        size_t cap = ld->store_cap ? ld->store_cap : 4096;
        while (cap < ld->store_len + len + 1)
            cap *= 2;
        char *store = realloc(ld->store, cap);
        if (store == NULL) {
            ld->stopped = true;
            ld->status = ITA_ERR_NOMEM;
            return;
        }
        ld->store = store;
        ld->store_cap = cap;
    }
    memcpy(ld->store + ld->store_len, s, len);
    ld->store[ld->store_len + len] = '\0';
    ld->slots[ld->slot_count].off = ld->store_len;
    ld->slots[ld->slot_count].len = len;
    ld->slots[ld->slot_count].line = line;
    ld->slot_count++;
    ld->store_len += len + 1;
}

static void end_record(struct ita_loader *ld)
{
    size_t n = ld->slot_count;
    ld->slot_count = 0;
    ld->store_len = 0;
    if (ld->stopped || n == 0)
        return;
    bool blank = true;
    for (size_t i = 0; i < n && blank; i++)
        if (ld->slots[i].len != 0)
            blank = false;
    if (blank)
        return;
    ld->records++;
    if (ld->record_bad) {
        if (ld->header_fields == 0) {
            /* without a header no row can be read: never take a data row for it */
            ld->stopped = true;
            ld->status = ITA_ERR_DATA;
        }
        return;
    }
    if (n > ld->field_cap) {
        struct ita_field *f = realloc(ld->fields, n * sizeof *f);
        if (f == NULL) {
            ld->stopped = true;
            ld->status = ITA_ERR_NOMEM;
            return;
        }
        ld->fields = f;
        ld->field_cap = n;
    }
    for (size_t i = 0; i < n; i++) {
        ld->fields[i].data = ld->store + ld->slots[i].off;
        ld->fields[i].len = ld->slots[i].len;
        ld->fields[i].line = ld->slots[i].line;
        ld->fields[i].same_as_above = false;
    }
    struct ita_record rec = {ld->fields, n, ld->record_line, ld->file};
    enum ita_status st;
    if (ld->header_fields == 0) {
        ld->header_fields = n;
        ld->header_line = ld->record_line;
        st = ld->sink->header(ld->sink->ctx, &rec);
    } else if (n != ld->header_fields) {
        ita_diags_add(ld->diags, ITA_SEV_ERROR, ld->file, ld->record_line,
                      n < ld->header_fields ? n + 1 : ld->header_fields + 1,
                      "row has %zu field%s, the header has %zu", n, n == 1 ? "" : "s", ld->header_fields);
        return;
    } else {
        st = ld->sink->record(ld->sink->ctx, &rec);
    }
    if (st != ITA_OK) {
        ld->stopped = true;
        ld->status = st;
    }
}

static void on_record(int c, void *ctx)
{
    struct ita_loader *ld = ctx;
    end_record(ld);
    /* LF, CRLF and a lone CR each end one physical line */
    if (c == '\r' || (c == '\n' && !ld->after_cr))
        ld->line++;
    ld->after_cr = c == '\r';
}

struct ita_loader *ita_loader_new(const char *file, char delimiter, const struct ita_load_sink *sink,
                                  struct ita_diags *diags)
{
    int error = ita_dynlib_open(&libcsv);
    if (error != 0) {
        if (error != ENOMEM)
            ita_diags_add(diags, ITA_SEV_ERROR, file, 0, 0, "cannot read the CSV file: libcsv (package libcsv3) cannot be loaded");
        errno = error == ENOMEM ? ENOMEM : ELIBACC;
        return NULL;
    }
    struct ita_loader *ld = calloc(1, sizeof *ld);
    if (ld == NULL) {
        errno = ENOMEM;
        return NULL;
    }
    ld->file = ita_strdup(file);
    if (ld->file == NULL || lib.csv_init(&ld->parser, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL | CSV_APPEND_NULL) != 0) {
        free(ld->file);
        free(ld);
        errno = ENOMEM;
        return NULL;
    }
    lib.csv_set_delim(&ld->parser, (unsigned char)delimiter);
    lib.csv_set_blk_size(&ld->parser, 4096);
    ld->delimiter = delimiter;
    ld->sink = sink;
    ld->diags = diags;
    ld->line = 1;
    ld->status = ITA_OK;
    return ld;
}

static size_t partial_newlines(const struct ita_loader *ld)
{
    size_t n = 0;
    const unsigned char *b = ld->parser.entry_buf;
    for (size_t i = 0; b != NULL && i < ld->parser.entry_pos; i++)
        n += b[i] == '\n';
    return n;
}

static enum ita_status parse(struct ita_loader *ld, const char *data, size_t len)
{
    if (ld->stopped)
        return ld->status;
    size_t done = lib.csv_parse(&ld->parser, data, len, on_field, on_record, ld);
    if (done == len && !ld->stopped && ld->parser.entry_pos > ITA_MAX_FIELD) {
        /* a field still open is already too long: the rest of it is not kept */
        too_long(ld, ld->line, ld->slot_count + 1);
        return ld->status;
    }
    if (done != len && !ld->stopped) {
        int err = lib.csv_error(&ld->parser);
        if (err == CSV_ENOMEM || err == CSV_ETOOBIG) {
            ld->status = ITA_ERR_NOMEM;
        } else {
            ita_diags_add(ld->diags, ITA_SEV_ERROR, ld->file, ld->line + partial_newlines(ld), ld->slot_count + 1,
                          "malformed quoting: a quote inside an unquoted field, or text after a closing quote (double a quote inside a quoted field: \"\")");
            ld->status = ITA_ERR_DATA;
        }
        ld->stopped = true;
    }
    return ld->stopped ? ld->status : ITA_OK;
}

enum ita_status ita_loader_feed(struct ita_loader *ld, const char *data, size_t len)
{
    while (!ld->bom_done && len > 0) {
        if ((unsigned char)*data == bom[ld->bom_matched]) {
            ld->bom_matched++;
            data++;
            len--;
            if (ld->bom_matched == 3)
                ld->bom_done = true;
        } else {
            ld->bom_done = true;
            if (ld->bom_matched > 0) {
                enum ita_status st = parse(ld, (const char *)bom, ld->bom_matched);
                if (st != ITA_OK)
                    return st;
            }
        }
    }
    if (len == 0)
        return ld->stopped ? ld->status : ITA_OK;
    return parse(ld, data, len);
}

enum ita_status ita_loader_finish(struct ita_loader *ld)
{
    if (!ld->bom_done) {
        ld->bom_done = true;
        if (ld->bom_matched > 0 && ld->bom_matched < 3)
            parse(ld, (const char *)bom, ld->bom_matched);
    }
    if (ld->stopped)
        return ld->status;
    size_t start_line = ld->line;
    size_t column = ld->slot_count + 1;
    if (lib.csv_fini(&ld->parser, on_field, on_record, ld) != 0 && !ld->stopped) {
        ita_diags_add(ld->diags, ITA_SEV_ERROR, ld->file, start_line, column,
                      "a quoted field that starts here is never closed");
        ld->stopped = true;
        ld->status = ITA_ERR_DATA;
    }
    if (!ld->stopped && ld->records == 0) {
        ita_diags_add(ld->diags, ITA_SEV_ERROR, ld->file, 0, 0, "the file is empty; a header row is required");
        ld->status = ITA_ERR_DATA;
    } else if (!ld->stopped && ld->records == 1) {
        ita_diags_add(ld->diags, ITA_SEV_ERROR, ld->file, ld->header_line, 0,
                      "the file has a header row but no rows of scores");
        ld->status = ITA_ERR_DATA;
    }
    return ld->status;
}

bool ita_loader_between_records(const struct ita_loader *ld)
{
    /* libcsv's state 0 is "no row begun": a terminator outside quotes leads there */
    return !ld->stopped && ld->parser.pstate == 0 && ld->slot_count == 0;
}

size_t ita_loader_records(const struct ita_loader *ld)
{
    return ld->records;
}

void ita_loader_free(struct ita_loader **pld)
{
    struct ita_loader *ld = *pld;
    if (ld == NULL)
        return;
    lib.csv_free(&ld->parser);
    free(ld->file);
    free(ld->store);
    free(ld->slots);
    free(ld->fields);
    free(ld);
    *pld = NULL;
}

enum ita_status ita_load_stream(FILE *in, const char *file, char delimiter, size_t chunk_size,
                                const struct ita_load_sink *sink, struct ita_diags *diags)
{
    return ita_load_stream_after(NULL, 0, in, file, delimiter, chunk_size, sink, diags);
}

enum ita_status ita_load_stream_after(const char *head, size_t head_len, FILE *in, const char *file,
                                      char delimiter, size_t chunk_size, const struct ita_load_sink *sink,
                                      struct ita_diags *diags)
{
    struct ita_loader *ld = ita_loader_new(file, delimiter, sink, diags);
    if (ld == NULL)
        return errno == ELIBACC ? ITA_ERR_IO : ITA_ERR_NOMEM;
    char *chunk = malloc(chunk_size);
    if (chunk == NULL) {
        ita_loader_free(&ld);
        return ITA_ERR_NOMEM;
    }
    enum ita_status st = head_len > 0 ? ita_loader_feed(ld, head, head_len) : ITA_OK;
    while (st == ITA_OK) {
        size_t n = fread(chunk, 1, chunk_size, in);
        if (n > 0) {
            /* once the loader has stopped (a quoting error, a field too long),
             * nothing more is read: the stream may never end (/dev/zero, a pipe) */
            enum ita_status fs = ita_loader_feed(ld, chunk, n);
            if (fs != ITA_OK) {
                st = fs;
                break;
            }
        }
        if (n < chunk_size) {
            if (ferror(in)) {
                ita_diags_add(diags, ITA_SEV_ERROR, file, 0, 0, "read error: %s", strerror(errno ? errno : EIO));
                st = ITA_ERR_IO;
            }
            break;
        }
    }
    if (st == ITA_OK)
        st = ita_loader_finish(ld);
    free(chunk);
    ita_loader_free(&ld);
    return st;
}
