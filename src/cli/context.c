/* Loading what every command needs: data directory, texts, frameworks, inputs. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "ita/datadir.h"
#include "ita/load.h"
#include "ita/workbook.h"

int cli_context_init(struct cli_context *c, const struct cli_options *o)
{
    memset(c, 0, sizeof *c);
    ita_diags_init(&c->diags, ITA_DIAG_DEFAULT_LIMIT);
    ita_framework_set_init(&c->frameworks);
    if (!ita_data_dir_find(c->data_dir, sizeof c->data_dir)) {
        const char *env = getenv("ITA_DATA_DIR");
        if (env != NULL && env[0] != '\0')
            fprintf(stderr, "ita: ITA_DATA_DIR=%s has no frameworks/ folder\n", env);
        else
            fputs("ita: cannot find the data directory (frameworks and texts); set ITA_DATA_DIR\n", stderr);
        return ITA_EXIT_IO;
    }
    char path[4200];
    snprintf(path, sizeof path, "%s/texts/%s.json", c->data_dir, o->lang == ITA_LANG_TH ? "th" : "en");
    enum ita_status st = ita_texts_load(path, o->lang, &ita_built_in_forms, &c->texts, &c->diags);
    if (st != ITA_OK) {
        cli_print_diags(&c->diags);
        return cli_exit_for(st, ITA_EXIT_DATA);
    }
    snprintf(path, sizeof path, "%s/frameworks", c->data_dir);
    if (ita_framework_set_configure(&c->frameworks, path, o->framework) != ITA_OK) {
        fputs("ita: out of memory\n", stderr);
        return ITA_EXIT_IO;
    }
    c->frameworks.built_in = &ita_built_in_forms;
    if (o->framework != NULL) {
        struct stat sb;
        if (stat(o->framework, &sb) != 0 || !S_ISREG(sb.st_mode)) {
            fprintf(stderr, "ita: %s: %s\n", o->framework,
                    stat(o->framework, &sb) != 0 ? strerror(errno) : "not a regular file");
            return ITA_EXIT_IO;
        }
    }
    return ITA_EXIT_OK;
}

int cli_exit_for(enum ita_status st, int data_exit)
{
    switch (st) {
    case ITA_OK: return ITA_EXIT_OK;
    case ITA_ERR_DATA: return data_exit;
    case ITA_ERR_USAGE: return ITA_EXIT_USAGE;
    case ITA_ERR_NOMEM: fputs("ita: out of memory\n", stderr); return ITA_EXIT_IO;
    case ITA_ERR_IO: return ITA_EXIT_IO;
    }
    return ITA_EXIT_IO;
}

void cli_context_free(struct cli_context *c)
{
    ita_framework_set_free(&c->frameworks);
    ita_texts_free(&c->texts);
    ita_diags_free(&c->diags);
}

size_t cli_print_diags(struct ita_diags *d)
{
    size_t errors = 0;
    char line[2048];
    for (size_t i = 0; i < d->count; i++) {
        ita_diag_format(&d->items[i], line, sizeof line);
        fprintf(stderr, "ita: %s\n", line);
        errors += d->items[i].severity == ITA_SEV_ERROR;
    }
    if (d->out_of_memory)
        fputs("ita: out of memory: some problems could not be listed\n", stderr);
    ita_diags_free(d);
    return errors;
}

static bool ends_with_tsv(const char *name)
{
    size_t n = strlen(name);
    return n >= 4 && (strcmp(name + n - 4, ".tsv") == 0 || strcmp(name + n - 4, ".TSV") == 0);
}

bool cli_sniff(const char *name, FILE *in, char *head, size_t *head_len)
{
    *head_len = fread(head, 1, ITA_INPUT_SNIFF, in);
    return ita_input_workbook_name(name) || ita_input_kind_of(head, *head_len) != ITA_INPUT_TEXT;
}

/* A CSV file that is a regular file is given to the scanner, which reads it
 * several times faster than the loader and libcsv, a chunk at a time; any other
 * file is the loader's. For input the loader reads without a word, the scanner
 * passes on the same records with the same lines (fuzz_scan holds the two to
 * it); at anything else it gives up, and the loader reads the file from its
 * start instead, so that records, lines and problems are always the loader's.
 *  - Into a score set that is still empty (the first file of a run, or a file
 *    with a set of its own), the records go straight to the binder, in one
 *    pass. When the scanner gives up part-way, or reading fails, everything the
 *    file did so far is undone (undo_file) before the loader reads it.
 *  - Into a set that already holds what other files gave, what a file did
 *    cannot be taken back as simply: the scanner first reads the file with a
 *    sink that takes any record, only to learn whether it reads it to its end,
 *    then again into the binder. A file that no longer scans the second time
 *    (it changed in between) is an input/output error that says so.
 * The chunk is the rest of the file when that is smaller than a small chunk (one
 * read then finds its end), a small chunk up to SCAN_SMALL_FILE, so that a small
 * file takes few pages of memory, and a large one beyond (64 KiB read a large
 * file faster than 16, 128 or 256 KiB: the chunk stays in the cache). */
#define SCAN_CHUNK_SMALL ((size_t)16 << 10)
#define SCAN_SMALL_FILE ((size_t)1 << 20)
#define SCAN_CHUNK ((size_t)64 << 10)

static enum ita_status take_any(void *ctx, const struct ita_record *rec)
{
    (void)ctx;
    (void)rec;
    return ITA_OK;
}

/* How a scan of a file ended: read to its end or stopped by the sink, given up
 * by the scanner, or reading failed. */
enum scan_end { SCAN_DONE, SCAN_GAVE_UP, SCAN_READ_ERROR };

/* Scans head, then the rest of in from where it stands, chunk_size bytes at a
 * time into chunk, into sink (counting lines) or into nothing; *end says how it
 * ended, the result is the scanner's status (or the sink's). */
static enum ita_status scan_stream(const char *head, size_t head_len, FILE *in, char *chunk, size_t chunk_size,
                                   const char *shown, char delimiter, const struct ita_load_sink *sink,
                                   enum scan_end *end)
{
    static const struct ita_load_sink nothing = {NULL, take_any, take_any, NULL};
    *end = SCAN_DONE;
    struct ita_scanner *sc = ita_scanner_new(shown, delimiter, sink != NULL ? sink : &nothing);
    if (sc == NULL)
        return ITA_ERR_NOMEM;
    if (sink != NULL)
        ita_scanner_count_lines(sc);
    enum ita_status st = ita_scanner_feed(sc, head, head_len);
    while (st == ITA_OK) {
        size_t n = fread(chunk, 1, chunk_size, in);
        if (n > 0)
            st = ita_scanner_feed(sc, chunk, n);
        if (n < chunk_size) {
            if (st == ITA_OK && ferror(in)) {
                st = ITA_ERR_IO;
                *end = SCAN_READ_ERROR;
            }
            break;
        }
    }
    if (st == ITA_OK)
        st = ita_scanner_finish(sc);
    if (ita_scanner_gave_up(sc))
        *end = SCAN_GAVE_UP;
    ita_scanner_free(&sc);
    return st;
}

/* One input file on its way into a score set. */
struct file_load {
    struct cli_context *c;
    const struct cli_options *o;
    struct ita_score_set *set;
    const char *shown;
    struct ita_binder binder;
    struct ita_load_sink sink;
};

static void file_begin(struct file_load *f)
{
    ita_binder_begin(&f->binder, f->set, &f->c->frameworks, &f->c->diags, f->shown, &f->sink);
    f->binder.default_year = f->o->year;
}

/* What reading a file into an empty score set did, as it stood when it was
 * begun (file_begin, then ita_diags_begin_file). */
struct file_mark {
    struct ita_diags_mark diags;
    struct ita_framework_set_mark frameworks;
};

/* Takes back everything a file read into an empty set did, and begins it again.
 * What the binder and the framework set change, and how each is undone:
 *  - the score set (agencies, their names, attributes and scores; the names of
 *    the attributes; the table of names): freed and made empty again, keeping
 *    what was set before the file (lean) and the ordinal of the file
 *    (files_bound, one more again once the binder is begun);
 *  - the diagnostics the binder, the framework loads and the scanner's caller
 *    added, with the counts of errors and warnings, the file's stored and
 *    dropped counts and the out-of-memory flag: truncated to the mark;
 *  - the frameworks ita_framework_set_get loaded (or found missing or broken,
 *    and said so) during the file: dropped from the set, so that the loader's
 *    reading loads them again and gives their diagnostics again;
 *  - the binder's own memory (names as written, columns, cells): freed by
 *    ita_binder_end (whose last count of attributes goes into the set freed
 *    next, and whose diagnostics are truncated), then begun again;
 *  - blank cells are counted in the binder, and added to the context only once
 *    the file is read (cli_load_one): nothing to undo.
 *  - a library opened on first need (libutf8proc, for a name that is not in
 *    NFC already) stays open, or stays failed: the loader's reading finds it as
 *    the scanner's did, and the binder says again, at the name, that it failed.
 * Nothing else is written: the frameworks are read, not changed, and the
 * scanner's memory is its own. None of this allocates. */
static void undo_file(struct file_load *f, const struct file_mark *m)
{
    ita_binder_end(&f->binder);
    struct ita_score_set *set = f->set;
    bool lean = set->lean;
    uint32_t files_bound = set->files_bound - 1;
    ita_score_set_free(set);
    ita_score_set_init(set);
    set->lean = lean;
    set->files_bound = files_bound;
    ita_diags_truncate(&f->c->diags, &m->diags);
    ita_framework_set_truncate(&f->c->frameworks, &m->frameworks);
    file_begin(f);
}

/* The CSV of a regular file through the scanner: true when it was read (*st its
 * status), false when the loader must read it from head on (the stream then
 * stands after head again). */
static bool scan_file(struct file_load *f, FILE *in, const char *head, size_t head_len, char delimiter,
                      enum ita_status *st)
{
    struct stat sb;
    if (in == stdin || fstat(fileno(in), &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size < (off_t)head_len)
        return false;
    size_t rest = (size_t)sb.st_size - head_len;
    size_t chunk_size = rest < SCAN_CHUNK_SMALL ? rest + 1 : rest <= SCAN_SMALL_FILE ? SCAN_CHUNK_SMALL : SCAN_CHUNK;
    char *chunk = malloc(chunk_size);
    if (chunk == NULL)
        return false;
    const char *shown = f->shown;
    struct ita_diags *diags = &f->c->diags;
    bool read = false;
    enum scan_end end;
    if (f->set->count == 0 && f->set->attr_count == 0) {
        struct file_mark mark = {ita_diags_mark(diags), ita_framework_set_mark(&f->c->frameworks)};
        *st = scan_stream(head, head_len, in, chunk, chunk_size, shown, delimiter, &f->sink, &end);
        read = end == SCAN_DONE;
        if (!read)
            undo_file(f, &mark);
    } else if (scan_stream(head, head_len, in, chunk, chunk_size, shown, delimiter, NULL, &end) == ITA_OK &&
               fseek(in, (long)head_len, SEEK_SET) == 0) {
        /* the records go to the binder from here on: whatever stops it now is the run's */
        *st = scan_stream(head, head_len, in, chunk, chunk_size, shown, delimiter, &f->sink, &end);
        if (end == SCAN_READ_ERROR)
            ita_diags_add(diags, ITA_SEV_ERROR, shown, 0, 0, "read error: %s", strerror(errno ? errno : EIO));
        else if (end == SCAN_GAVE_UP)
            ita_diags_add(diags, ITA_SEV_ERROR, shown, 0, 0, "the file changed while it was read; read it again");
        if (end != SCAN_DONE)
            *st = ITA_ERR_IO;
        read = true;
    }
    free(chunk);
    if (!read && (fseek(in, (long)head_len, SEEK_SET) != 0 || ferror(in))) {
        clearerr(in);
        return false;
    }
    return read;
}

enum ita_status cli_load_one(struct cli_context *c, const struct cli_options *o, const char *name, FILE *in,
                             const char *shown, struct ita_score_set *set)
{
    struct file_load f = {.c = c, .o = o, .set = set, .shown = shown};
    file_begin(&f);
    ita_diags_begin_file(&c->diags);
    char head[ITA_INPUT_SNIFF];
    size_t head_len;
    enum ita_status st;
    char delimiter = ends_with_tsv(name) ? '\t' : ',';
    if (cli_sniff(name, in, head, &head_len))
        st = ita_xlsx_load(in, head, head_len, shown, o->sheet, &f.sink, &c->diags);
    else if (!scan_file(&f, in, head, head_len, delimiter, &st))
        st = ita_load_stream_after(head, head_len, in, shown, delimiter, 1u << 18, &f.sink, &c->diags);
    ita_diags_end_file(&c->diags, shown);
    c->blank_cells += f.binder.blank_cells;
    ita_binder_end(&f.binder);
    return st;
}

int cli_load_files(struct cli_context *c, const struct cli_options *o, struct ita_score_set *set)
{
    int status = ITA_EXIT_OK;
    if (o->file_count == 0) {
        cli_usage_error(NULL, "no input file; give one or more CSV files or workbooks, or '-' for standard input");
        return ITA_EXIT_USAGE;
    }
    if (o->framework != NULL) {
        enum ita_status fst;
        /* load it now so that a broken file is reported before any data */
        ita_framework_set_get(&c->frameworks, 0, &fst, &c->diags);
        if (c->frameworks.override == NULL) {
            cli_print_diags(&c->diags);
            return cli_exit_for(fst == ITA_OK ? ITA_ERR_DATA : fst, ITA_EXIT_DATA);
        }
    }
    for (int i = 0; i < o->file_count; i++) {
        const char *name = o->files[i];
        bool is_stdin = strcmp(name, "-") == 0;
        const char *shown = is_stdin ? "<stdin>" : name;
        FILE *in = is_stdin ? stdin : fopen(name, "rb");
        if (in == NULL) {
            fprintf(stderr, "ita: %s: %s\n", name, strerror(errno));
            status = ITA_EXIT_IO;
            continue;
        }
        struct stat sb;
        if (fstat(fileno(in), &sb) == 0 && S_ISDIR(sb.st_mode)) {
            fprintf(stderr, "ita: %s: is a directory\n", name);
            if (!is_stdin)
                fclose(in);
            status = ITA_EXIT_IO;
            continue;
        }
        enum ita_status st = cli_load_one(c, o, name, in, shown, set);
        if (!is_stdin)
            fclose(in);
        if (st == ITA_ERR_NOMEM) {
            fputs("ita: out of memory\n", stderr);
            return ITA_EXIT_IO;
        }
        if (st == ITA_ERR_IO)
            status = ITA_EXIT_IO;
        else if (st == ITA_ERR_USAGE && status == ITA_EXIT_OK)
            status = ITA_EXIT_USAGE;
    }
    size_t errors = c->diags.errors;
    cli_print_diags(&c->diags);
    if (status == ITA_EXIT_OK && errors > 0)
        status = ITA_EXIT_DATA;
    return status;
}

void cli_analyze_options(struct cli_context *c, const struct cli_options *o, struct ita_analyze_options *ao)
{
    ita_analyze_options_init(ao);
    ao->year = o->year;
    ao->base_year = o->base_year;
    ao->agency = o->agency;
    ao->maintain_above = o->maintain_above;
    ao->urgent_below = o->urgent_below;
    ao->frameworks = &c->frameworks;
}

int cli_load_and_analyze(struct cli_context *c, const struct cli_options *o, struct ita_score_set *set,
                         struct ita_analysis *analysis, bool *headlines)
{
    memset(analysis, 0, sizeof *analysis);
    int status = cli_load_files(c, o, set);
    if (status != ITA_EXIT_OK)
        return status;
    if (set->count <= 1)
        *headlines = false; /* memory holds one report either way */
    struct ita_analyze_options ao;
    cli_analyze_options(c, o, &ao);
    ao.headlines = *headlines;
    enum ita_status st = ita_analyze(set, &ao, analysis, &c->diags);
    cli_print_diags(&c->diags);
    return cli_exit_for(st, ITA_EXIT_DATA);
}
