/* Load: CSV or TSV bytes to records, streaming.
 *
 * Bytes are pushed in chunks of any size (ita_loader_feed); libcsv parses them in
 * strict mode. A UTF-8 byte order mark at the very start is dropped, even when it
 * arrives split across chunks. Each record goes to the sink with the physical
 * line of each field (quoted fields may span lines). The loader checks what is
 * about bytes and shape: strict quoting, UTF-8, NUL bytes, field length, and that
 * every row has as many fields as the header; it skips blank rows. Problems become
 * diagnostics; a quoting error ends the file, the others skip the row.
 * Fields and records passed to the sink are valid only during the call.
 */
#ifndef ITA_LOAD_H
#define ITA_LOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "ita/diag.h"

#define ITA_MAX_FIELD 65536u

struct ita_field {
    const char *data; /* NUL-terminated */
    size_t len;
    size_t line;      /* physical line where the field starts */
    /* true only when the reader knows these bytes equal the same column's field
     * of the record just before (the header excluded); false says nothing */
    bool same_as_above;
};

struct ita_record {
    const struct ita_field *fields;
    size_t count;
    size_t line;      /* physical line where the record starts */
    const char *file;
};

struct ita_load_sink {
    void *ctx;
    /* The first non-blank record. Returning other than ITA_OK stops the file. */
    enum ita_status (*header)(void *ctx, const struct ita_record *rec);
    enum ita_status (*record)(void *ctx, const struct ita_record *rec);
    /* Optional (NULL: none; only the scanner calls it): a short record whose
     * fields before column `first` are, byte for byte, those of the record just
     * passed on (by record or by tail), given by its fields from `first` on, as
     * many as the header has: field k (from 0) is bytes[from, ends[k]), where
     * from is 0 for the first and ends[k - 1] + 1 for the others. Fields are cut
     * at each delimiter and the record at its line end; nothing else about
     * these bytes is checked: the sink must take only what it has read in full
     * (and so knows to be UTF-8 without a quote, a control character or a
     * space at a field's edge). line is what record would get as the record's
     * line. True when the sink took the record exactly as record would have
     * and had nothing to say about it; false, having changed nothing, to have
     * it passed to record instead. */
    bool (*tail)(void *ctx, size_t first, const char *bytes, const unsigned char *ends, size_t line);
};

struct ita_loader;

/* file is the name used in diagnostics (copied); delimiter ',' or '\t'. NULL
 * with errno ENOMEM when memory ran out, or with errno ELIBACC when libcsv cannot
 * be loaded (it is opened by the first loader, include/ita/dynlib.h; an error in
 * diags then says so). */
struct ita_loader *ita_loader_new(const char *file, char delimiter, const struct ita_load_sink *sink,
                                  struct ita_diags *diags);
enum ita_status ita_loader_feed(struct ita_loader *ld, const char *data, size_t len);
/* Ends the input: flushes the last record, checks for an unclosed quote. */
enum ita_status ita_loader_finish(struct ita_loader *ld);
/* Whether the input so far ends between two records (not inside a record or a
 * quoted field): how a reader that starts in the middle of a file checks its cut. */
bool ita_loader_between_records(const struct ita_loader *ld);
/* Records seen, header included. */
size_t ita_loader_records(const struct ita_loader *ld);
void ita_loader_free(struct ita_loader **ld);

/* Reads a whole stream through a loader in chunks of chunk_size bytes.
 * Returns ITA_ERR_IO when reading fails (a diagnostic names the file). */
enum ita_status ita_load_stream(FILE *in, const char *file, char delimiter, size_t chunk_size,
                                const struct ita_load_sink *sink, struct ita_diags *diags);
/* The same, for a stream whose first head_len bytes were already read (to tell
 * CSV from a workbook): head is fed first. */
enum ita_status ita_load_stream_after(const char *head, size_t head_len, FILE *in, const char *file,
                                      char delimiter, size_t chunk_size, const struct ita_load_sink *sink,
                                      struct ita_diags *diags);

/* The scanner: a fast reader of well-formed CSV for callers that can read the
 * input again with the loader. For input the loader accepts without a word, it
 * passes the same records to the sink (with line 0, unless asked to count lines). At the
 * first thing it does not handle exactly as the loader does (spaces at a field's
 * edge, malformed quoting, a field that is not UTF-8 or holds a NUL or a byte
 * order mark or is too long, a row of another length than the header, an empty
 * input or a header alone) it gives up: ITA_ERR_DATA with no diagnostic, and
 * ita_scanner_gave_up says so. Fields are valid only during the sink's call. */
struct ita_scanner;

struct ita_scanner *ita_scanner_new(const char *file, char delimiter, const struct ita_load_sink *sink);
enum ita_status ita_scanner_feed(struct ita_scanner *sc, const char *data, size_t len);
enum ita_status ita_scanner_finish(struct ita_scanner *sc);
bool ita_scanner_gave_up(const struct ita_scanner *sc);
/* From now on, gives each record and field the physical line the loader gives
 * it (call before the first feed): what a caller that keeps lines needs. */
void ita_scanner_count_lines(struct ita_scanner *sc);
/* Whether the input so far ends between two records (see ita_loader_between_records). */
bool ita_scanner_between_records(const struct ita_scanner *sc);
void ita_scanner_free(struct ita_scanner **sc);

#endif
