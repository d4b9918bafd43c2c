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
 * several times faster than the loader and libcsv: once with a sink that takes
 * any record, to learn whether it reads the file to its end without giving up,
 * then again into the binder, counting lines. The records, lines and problems
 * are then those the loader gives (fuzz_scan holds the two to it); any other
 * file is the loader's. A file this small is read whole once and both passes
 * scan the same bytes; a larger one is read twice, a chunk at a time, so that
 * memory holds a chunk and not the file. */
#define SCAN_WHOLE_MAX ((size_t)8 << 20)
#define SCAN_CHUNK ((size_t)1 << 18)

static enum ita_status take_any(void *ctx, const struct ita_record *rec)
{
    (void)ctx;
    (void)rec;
    return ITA_OK;
}

/* Scans head, then (when in is not NULL) the rest of in from where it stands, a
 * chunk at a time into chunk, into sink (counting lines) or into nothing: ITA_OK,
 * the sink's status, ITA_ERR_IO when reading failed, or ITA_ERR_DATA when the
 * scanner gave up (*gave_up). */
static enum ita_status scan_stream(const char *head, size_t head_len, FILE *in, char *chunk, const char *shown,
                                   char delimiter, const struct ita_load_sink *sink, bool *gave_up)
{
    static const struct ita_load_sink nothing = {NULL, take_any, take_any, NULL};
    *gave_up = false;
    struct ita_scanner *sc = ita_scanner_new(shown, delimiter, sink != NULL ? sink : &nothing);
    if (sc == NULL)
        return ITA_ERR_NOMEM;
    if (sink != NULL)
        ita_scanner_count_lines(sc);
    enum ita_status st = ita_scanner_feed(sc, head, head_len);
    while (st == ITA_OK && in != NULL) {
        size_t n = fread(chunk, 1, SCAN_CHUNK, in);
        if (n > 0)
            st = ita_scanner_feed(sc, chunk, n);
        if (n < SCAN_CHUNK) {
            if (st == ITA_OK && ferror(in))
                st = ITA_ERR_IO;
            break;
        }
    }
    if (st == ITA_OK)
        st = ita_scanner_finish(sc);
    *gave_up = ita_scanner_gave_up(sc);
    ita_scanner_free(&sc);
    return st;
}

/* The CSV of a regular file through the scanner: true when it was read (*st its
 * status), false when the loader must read it from head on (the stream then
 * stands after head again). */
static bool scan_file(FILE *in, const char *head, size_t head_len, const char *shown, char delimiter,
                      const struct ita_load_sink *sink, struct ita_diags *diags, enum ita_status *st)
{
    struct stat sb;
    if (in == stdin || fstat(fileno(in), &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size < (off_t)head_len)
        return false;
    bool whole = (size_t)sb.st_size <= SCAN_WHOLE_MAX;
    size_t cap = whole ? (size_t)sb.st_size + 1 : SCAN_CHUNK, len = head_len;
    char *bytes = malloc(cap);
    if (bytes == NULL)
        return false;
    bool read = false, gave_up = true;
    if (whole) {
        memcpy(bytes, head, head_len);
        /* to its end, however long it has become since (one byte more than it was says so) */
        len += fread(bytes + len, 1, cap - len, in);
        if (len < cap && !ferror(in) && scan_stream(bytes, len, NULL, NULL, shown, delimiter, NULL, &gave_up) == ITA_OK &&
            !gave_up) {
            *st = scan_stream(bytes, len, NULL, NULL, shown, delimiter, sink, &gave_up);
            read = true;
        }
    } else if (scan_stream(head, head_len, in, bytes, shown, delimiter, NULL, &gave_up) == ITA_OK && !gave_up &&
               fseek(in, (long)head_len, SEEK_SET) == 0) {
        /* the records go to the binder from here on: whatever stops it now is the run's */
        *st = scan_stream(head, head_len, in, bytes, shown, delimiter, sink, &gave_up);
        if (*st == ITA_ERR_IO)
            ita_diags_add(diags, ITA_SEV_ERROR, shown, 0, 0, "read error: %s", strerror(errno ? errno : EIO));
        else if (gave_up)
            ita_diags_add(diags, ITA_SEV_ERROR, shown, 0, 0, "the file changed while it was read; read it again");
        if (gave_up)
            *st = ITA_ERR_IO;
        read = true;
    }
    free(bytes);
    if (!read && (fseek(in, (long)head_len, SEEK_SET) != 0 || ferror(in))) {
        clearerr(in);
        return false;
    }
    return read;
}

enum ita_status cli_load_one(struct cli_context *c, const struct cli_options *o, const char *name, FILE *in,
                             const char *shown, struct ita_score_set *set)
{
    struct ita_binder binder;
    struct ita_load_sink sink;
    ita_binder_begin(&binder, set, &c->frameworks, &c->diags, shown, &sink);
    binder.default_year = o->year;
    ita_diags_begin_file(&c->diags);
    char head[ITA_INPUT_SNIFF];
    size_t head_len;
    enum ita_status st;
    char delimiter = ends_with_tsv(name) ? '\t' : ',';
    if (cli_sniff(name, in, head, &head_len))
        st = ita_xlsx_load(in, head, head_len, shown, o->sheet, &sink, &c->diags);
    else if (!scan_file(in, head, head_len, shown, delimiter, &sink, &c->diags, &st))
        st = ita_load_stream_after(head, head_len, in, shown, delimiter, 1u << 18, &sink, &c->diags);
    ita_diags_end_file(&c->diags, shown);
    c->blank_cells += binder.blank_cells;
    ita_binder_end(&binder);
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
