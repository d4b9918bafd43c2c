/* The fast way in for ita rank: a lean score set, filled on several threads.
 *
 * A large regular file is cut into one range per thread at newlines. Each range
 * is parsed by its own loader and binder into its own lean set, with its own
 * frameworks and diagnostics; the header's bytes are fed first to every range
 * but the first. A cut is only guessed: that a newline ends a record is known
 * once the range before it has been parsed (its parser must then stand between
 * records, outside any quotes). The sets are merged in range order, which is the
 * order a single reader would have built. When a guess was wrong the file is
 * read again on one thread; when any problem is found at all, the whole input is
 * read again by cli_load_files, so that problems are listed with their lines
 * exactly as every other command lists them, and the result never depends on
 * the number of threads. A workbook is read by the workbook reader on one
 * thread, into the same lean set. A range is read through windows of a few MiB
 * mapped read-only from the page cache, scanned where they lie (the scanner
 * copies only a record cut by a window's end).
 */
#define _DEFAULT_SOURCE /* MAP_POPULATE */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "ita/load.h"
#include "ita/workbook.h"

#define READ_SIZE (1u << 18)
/* How much of a range is mapped at a time: two threads keep 8 MiB of the file
 * mapped, which counts in the peak RSS. */
#define WINDOW ((size_t)4 << 20)
/* Below this a file is not worth a thread. */
#define PARALLEL_MIN_BYTES (64u << 10)
#define MAX_JOBS 64

struct range_job {
    const char *path;
    const char *shown;
    char delimiter;
    const char *data_dir;
    const char *override_path;
    int default_year;       /* --year, for a file without a year column */
    off_t begin, end;
    const char *header;     /* fed first, for ranges after the first */
    size_t header_len;
    struct ita_framework_set frameworks;
    struct ita_score_set set;
    struct ita_diags diags;
    enum ita_status status;
    bool use_scanner;       /* else the loader */
    bool last;              /* the range that ends at the end of the file */
    bool between_records;   /* after the range, the parser stands between records */
    bool gave_up;           /* the scanner left this input to the loader */
    bool problem;           /* a diagnostic or a failure: the fast pass is void */
};

/* Bytes of the file in memory: a read-only mapping of the page cache where the
 * system allows it (no copy), else a pread into the range's buffer. */
struct window {
    const char *data;
    size_t len;
    void *map;
    size_t map_len;
};

/* Makes want bytes at `at` available; false when the file cannot give them (it
 * shrank, or reading failed). A mapping is made only after fstat says the file
 * still holds every byte of it: touching a page past the end of a file that was
 * cut short would raise SIGBUS. (A file cut short during the few milliseconds a
 * window is scanned still would: that race is not closed.) */
static bool window_open(struct window *w, int fd, off_t at, size_t want, char *buf)
{
    w->map = NULL;
    w->len = 0;
    struct stat sb;
    if (fstat(fd, &sb) != 0 || sb.st_size < at + (off_t)want)
        return false;
    long page = sysconf(_SC_PAGESIZE);
    off_t map_at = page > 0 ? at - at % page : at;
    w->map_len = want + (size_t)(at - map_at);
    int flags = MAP_SHARED;
#ifdef MAP_POPULATE
    flags |= MAP_POPULATE; /* the whole window at once, not a fault per page */
#endif
    void *p = mmap(NULL, w->map_len, PROT_READ, flags, fd, map_at);
    if (p != MAP_FAILED) {
        w->map = p;
        w->data = (const char *)p + (at - map_at);
        w->len = want;
        return true;
    }
    /* a file system that cannot map: read it, a buffer at a time */
    size_t n = want < READ_SIZE ? want : READ_SIZE;
    ssize_t got = pread(fd, buf, n, at);
    if (got <= 0)
        return false;
    w->data = buf;
    w->len = (size_t)got;
    return true;
}

static void window_close(struct window *w)
{
    if (w->map != NULL)
        munmap(w->map, w->map_len);
    w->map = NULL;
}

static void *parse_range(void *arg)
{
    struct range_job *j = arg;
    j->status = ITA_OK;
    char *buf = malloc(READ_SIZE);
    int fd = open(j->path, O_RDONLY);
    if (buf == NULL || fd < 0) {
        j->problem = true;
        free(buf);
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    struct ita_binder binder;
    struct ita_load_sink sink;
    ita_binder_begin(&binder, &j->set, &j->frameworks, &j->diags, j->shown, &sink);
    binder.default_year = j->default_year;
    /* the two readers, behind the same three steps */
    struct ita_loader *ld = NULL;
    struct ita_scanner *sc = NULL;
    if (j->use_scanner)
        sc = ita_scanner_new(j->shown, j->delimiter, &sink);
    else
        ld = ita_loader_new(j->shown, j->delimiter, &sink, &j->diags);
    if (ld == NULL && sc == NULL) {
        j->problem = true;
    } else {
        if (j->header != NULL) {
            j->status = sc ? ita_scanner_feed(sc, j->header, j->header_len)
                           : ita_loader_feed(ld, j->header, j->header_len);
            /* what the header says was said by the first range already */
            ita_diags_free(&j->diags);
            ita_diags_init(&j->diags, 1);
        }
        for (off_t at = j->begin; at < j->end && j->status == ITA_OK;) {
            size_t want = (size_t)(j->end - at) < WINDOW ? (size_t)(j->end - at) : WINDOW;
            struct window w;
            if (!window_open(&w, fd, at, want, buf)) {
                j->problem = true;
                break;
            }
            j->status = sc ? ita_scanner_feed(sc, w.data, w.len) : ita_loader_feed(ld, w.data, w.len);
            window_close(&w);
            at += (off_t)w.len;
        }
        j->between_records = sc ? ita_scanner_between_records(sc) : ita_loader_between_records(ld);
        /* a range cut inside a record is not finished: the cut was wrong, not the data */
        if (j->status == ITA_OK && (j->last || j->between_records))
            j->status = sc ? ita_scanner_finish(sc) : ita_loader_finish(ld);
        if (sc != NULL)
            j->gave_up = ita_scanner_gave_up(sc);
        ita_scanner_free(&sc);
        ita_loader_free(&ld);
    }
    ita_binder_end(&binder);
    close(fd);
    free(buf);
    if (j->gave_up)
        return NULL;
    if (j->status != ITA_OK || j->diags.count > 0 || j->diags.errors > 0 || j->diags.warnings > 0 ||
        j->diags.out_of_memory)
        j->problem = true;
    return NULL;
}

/* Reads up to size bytes at offset; returns how many. */
static size_t read_at(int fd, char *buf, size_t size, off_t at)
{
    size_t got = 0;
    while (got < size) {
        ssize_t n = pread(fd, buf + got, size - got, at + (off_t)got);
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    return got;
}

/* The offset just after the first newline at or after `from`, or -1. */
static off_t next_line(int fd, off_t from, off_t size)
{
    char buf[4096];
    while (from < size) {
        size_t n = read_at(fd, buf, sizeof buf, from);
        if (n == 0)
            return -1;
        const char *nl = memchr(buf, '\n', n);
        if (nl != NULL)
            return from + (nl - buf) + 1;
        from += (off_t)n;
    }
    return -1;
}

enum fast_result {
    FAST_DONE,     /* merged into the set, or *problem set */
    FAST_BAD_CUT,  /* a cut fell inside a record: nothing merged */
    FAST_GAVE_UP   /* the scanner left the file to the loader: nothing merged */
};

/* Reads one file into set on up to `jobs` threads, with the scanner or the
 * loader; sets *problem when the fast pass must give way to cli_load_files. */
static enum fast_result fast_file(struct cli_context *c, const struct cli_options *o, const char *name,
                                  char delimiter, int jobs, bool use_scanner, struct ita_score_set *set,
                                  bool *problem)
{
    /* only a regular file is read twice; a pipe or a FIFO is not even opened
     * here, so that the ordinary loader gets all of it */
    struct stat sb;
    if (stat(name, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        *problem = true;
        return FAST_DONE;
    }
    int fd = open(name, O_RDONLY);
    if (fd < 0 || fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        if (fd >= 0)
            close(fd);
        *problem = true;
        return FAST_DONE;
    }
    off_t size = sb.st_size;
    if (jobs > MAX_JOBS)
        jobs = MAX_JOBS;
    if (size < (off_t)PARALLEL_MIN_BYTES)
        jobs = 1;
    /* the header: up to the first newline outside quotes; a file whose first
     * line is blank, or whose header is very long, is read on one thread */
    char *header = NULL;
    size_t header_len = 0;
    if (jobs > 1) {
        size_t cap = 1u << 20;
        header = malloc(cap);
        size_t n = header ? read_at(fd, header, cap, 0) : 0;
        bool quoted = false;
        for (size_t i = 0; i < n; i++) {
            if (header[i] == '"')
                quoted = !quoted;
            else if (header[i] == '\n' && !quoted) {
                header_len = i + 1;
                break;
            }
        }
        if (header_len <= 1 || header[0] == '\r' || header[0] == '\n')
            jobs = 1;
    }
    off_t cuts[MAX_JOBS + 1];
    int ranges = 0;
    cuts[0] = 0;
    for (int k = 1; k < jobs; k++) {
        off_t guess = size / jobs * k;
        off_t cut = next_line(fd, guess > (off_t)header_len ? guess : (off_t)header_len, size);
        if (cut < 0 || cut <= cuts[ranges] || cut >= size)
            continue;
        cuts[++ranges] = cut;
    }
    cuts[++ranges] = size;
    close(fd);

    struct range_job job[MAX_JOBS];
    memset(job, 0, sizeof job);
    pthread_t threads[MAX_JOBS];
    bool started[MAX_JOBS] = {false};
    char fwdir[4200];
    snprintf(fwdir, sizeof fwdir, "%s/frameworks", c->data_dir);
    for (int k = 0; k < ranges; k++) {
        struct range_job *j = &job[k];
        j->path = name;
        j->shown = name;
        j->delimiter = delimiter;
        j->default_year = o->year;
        j->use_scanner = use_scanner;
        j->last = k + 1 == ranges;
        j->begin = cuts[k];
        j->end = cuts[k + 1];
        j->header = k > 0 ? header : NULL;
        j->header_len = k > 0 ? header_len : 0;
        ita_framework_set_init(&j->frameworks);
        ita_score_set_init(&j->set);
        j->set.lean = true;
        ita_diags_init(&j->diags, 1);
        if (ita_framework_set_configure(&j->frameworks, fwdir, o->framework) != ITA_OK) {
            j->problem = true;
            continue;
        }
        j->frameworks.built_in = &ita_built_in_forms;
        if (k + 1 < ranges && pthread_create(&threads[k], NULL, parse_range, j) == 0)
            started[k] = true;
    }
    /* the last range on this thread */
    parse_range(&job[ranges - 1]);
    for (int k = 0; k + 1 < ranges; k++)
        if (started[k])
            pthread_join(threads[k], NULL);
        else
            parse_range(&job[k]);
    /* the first thing in file order decides: a range that gave up, or a cut
     * inside a record, after which the next range read garbage */
    enum fast_result result = FAST_DONE;
    for (int k = 0; k < ranges && result == FAST_DONE; k++) {
        if (job[k].gave_up)
            result = FAST_GAVE_UP;
        else if (k + 1 < ranges && !job[k].between_records)
            result = FAST_BAD_CUT;
    }
    bool guessed_right = result == FAST_DONE;
    /* after a wrong guess the ranges parsed garbage: their problems are void too */
    for (int k = 0; k < ranges && guessed_right; k++)
        *problem |= job[k].problem;
    /* merge in range order, each year pointing to the frameworks of the run */
    for (int k = 0; k < ranges && !*problem && guessed_right; k++) {
        struct ita_score_set *s = &job[k].set;
        for (size_t i = 0; i < s->count && !*problem; i++)
            for (size_t y = 0; y < s->agencies[i].year_count; y++) {
                enum ita_status fst;
                const struct ita_framework *fw =
                    ita_framework_set_get(&c->frameworks, s->agencies[i].years[y].year, &fst, &c->diags);
                if (fw == NULL || ita_slot_count(fw) != ita_slot_count(s->agencies[i].years[y].fw)) {
                    *problem = true;
                    break;
                }
                s->agencies[i].years[y].fw = fw;
            }
        struct ita_diags merge_diags;
        ita_diags_init(&merge_diags, 1);
        if (!*problem && (ita_score_set_merge(set, s, &merge_diags) != ITA_OK || merge_diags.errors > 0 ||
                          merge_diags.warnings > 0))
            *problem = true;
        ita_diags_free(&merge_diags);
    }
    for (int k = 0; k < ranges; k++) {
        ita_score_set_free(&job[k].set);
        ita_framework_set_free(&job[k].frameworks);
        ita_diags_free(&job[k].diags);
    }
    free(header);
    return result;
}

static bool ends_with_tsv(const char *name)
{
    size_t n = strlen(name);
    return n >= 4 && (strcmp(name + n - 4, ".tsv") == 0 || strcmp(name + n - 4, ".TSV") == 0);
}

int cli_load_files_fast(struct cli_context *c, const struct cli_options *o, struct ita_score_set *set)
{
    int jobs = o->jobs;
    if (jobs <= 0) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        jobs = n > 0 ? (int)n : 1;
    }
    bool problem = false;
    for (int i = 0; i < o->file_count && !problem; i++)
        if (strcmp(o->files[i], "-") == 0)
            problem = true; /* standard input cannot be read twice */
    if (o->framework != NULL && !problem) {
        enum ita_status fst;
        if (ita_framework_set_get(&c->frameworks, 0, &fst, &c->diags) == NULL && c->frameworks.override == NULL)
            problem = true;
    }
    set->lean = true;
    for (int i = 0; i < o->file_count && !problem; i++) {
        const char *name = o->files[i];
        /* a pipe or a FIFO is left to the ordinary loader, unopened */
        struct stat sb;
        FILE *in = stat(name, &sb) == 0 && S_ISREG(sb.st_mode) ? fopen(name, "rb") : NULL;
        if (in == NULL) {
            problem = true;
            break;
        }
        char head[ITA_INPUT_SNIFF];
        size_t head_len;
        if (cli_sniff(name, in, head, &head_len)) {
            rewind(in);
            problem = cli_load_one(c, o, name, in, name, set) != ITA_OK || c->diags.count > 0 ||
                      c->diags.errors > 0 || c->diags.warnings > 0;
            fclose(in);
            continue;
        }
        fclose(in);
        char delimiter = ends_with_tsv(name) ? '\t' : ',';
        /* the scanner first; the loader where it gives up; one thread after a bad cut */
        enum fast_result r = fast_file(c, o, name, delimiter, jobs, true, set, &problem);
        if (r == FAST_BAD_CUT)
            r = fast_file(c, o, name, delimiter, 1, true, set, &problem);
        if (r == FAST_GAVE_UP)
            r = fast_file(c, o, name, delimiter, jobs, false, set, &problem);
        if (r == FAST_BAD_CUT)
            r = fast_file(c, o, name, delimiter, 1, false, set, &problem);
        problem |= r != FAST_DONE;
    }
    if (!problem && c->diags.count == 0 && c->diags.errors == 0 && c->diags.warnings == 0)
        return ITA_EXIT_OK;
    /* the ordinary path lists every problem where it is */
    ita_score_set_free(set);
    ita_score_set_init(set);
    ita_diags_free(&c->diags);
    ita_diags_init(&c->diags, ITA_DIAG_DEFAULT_LIMIT);
    return cli_load_files(c, o, set);
}
