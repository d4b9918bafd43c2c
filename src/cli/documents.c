/* report -f md|html -o DIR/: one document per agency and the index, in memory
 * bounded by a few documents, on --jobs threads.
 *
 * The analysis holds only each report's headline (ita_analyze_options.headlines).
 * The main thread computes each report in full, in order (ita_analyze_agency, and
 * its history: both may load frameworks, so only this thread touches the
 * framework set and the diagnostics), and hands it to a worker through a ring of
 * a few slots; the worker renders it, writes it to a temporary file beside its
 * final name and frees it. A document depends on its report alone, so the bytes
 * never depend on the number of threads; names are decided before any is written.
 *
 * Where DIR does not exist yet, every document is written under its own name
 * into a new directory beside it (DIR.tmp.XXXXXX); when all are written, the file
 * system is synced once (syncfs), that directory is renamed to DIR and DIR's
 * parent is synced: one directory operation per document, and one for them all.
 * Where DIR exists, each document goes to a temporary file beside its name; when
 * all are written, the file system is synced once, then each temporary file is
 * renamed to its name and the directory is synced. Either way a crash or a
 * failure never leaves a partly written document under a final name; when
 * anything fails, no document is placed and what was written is removed, so DIR
 * is as it was (or still absent). One sync of the file system costs what writing
 * the bytes to the disk costs; a sync per file costs a wait per file.
 */
#define _GNU_SOURCE /* syncfs, sync_file_range */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "ita/history.h"
#include "ita/peers.h"

#define MAX_JOBS 64

bool cli_document_names(const struct ita_analysis *a, bool index_taken, char **names)
{
    size_t cap = 16;
    while (cap < 2 * (a->count + 1))
        cap *= 2;
    size_t *table = calloc(cap, sizeof *table); /* index + 1 into names */
    struct ita_buf name;
    ita_buf_init(&name);
    bool ok = table != NULL;
    for (size_t i = 0; i < a->count && ok; i++) {
        ita_buf_free(&name);
        ita_buf_init(&name);
        ita_render_slug(&name, a->reports[i].agency->name);
        size_t stem = name.len;
        size_t slot = 0;
        for (unsigned k = 2; !name.failed; k++) {
            bool taken = index_taken && strcmp(name.data, "index") == 0;
            for (slot = ita_hash_str(name.data) & (cap - 1); !taken && table[slot] != 0; slot = (slot + 1) & (cap - 1))
                taken = strcmp(names[table[slot] - 1], name.data) == 0;
            if (!taken)
                break;
            name.len = stem;
            ita_buf_printf(&name, "-%u", k);
        }
        names[i] = name.failed ? NULL : ita_strdup(name.data);
        ok = names[i] != NULL;
        if (ok)
            table[slot] = i + 1;
    }
    ita_buf_free(&name);
    free(table);
    return ok;
}

struct slot {
    struct ita_report r;
    size_t index;
    bool ready;
};

struct run {
    const struct ita_analysis *a;   /* the headlines: year and cut-offs for every report */
    const struct ita_render_options *ro;
    bool md;
    bool borrowed;                  /* the reports are a's own, in full: not computed, not freed */
    char **paths, **tmps;           /* per document: its final name; its temporary file once written */
    size_t dir_len;                 /* of "DIR/", the start of each path */
    char *stage;                    /* NULL, or the new directory the documents are written into */
    int stage_fd;                   /* open on stage, or -1 */
    int parent_fd;                  /* open on the directory that holds DIR and stage, or -1 */
    int *errs;                      /* per document: 0, or why it could not be written (ENOMEM: rendering) */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    struct slot *slots;
    size_t nslots;
    size_t claimed;                 /* documents taken by workers */
    bool stop;                      /* a document failed: take no more */
};

/* Creates the file that will be path once every document is written, open in *fd:
 * a temporary file beside path, or path's own name in the new directory. Its name
 * (the caller frees it), or NULL with *err set. Safe on any thread. */
static char *create(const struct run *run, const char *path, int *fd, int *err)
{
    if (run->stage == NULL)
        return cli_temp_create(path, fd, err);
    const char *leaf = path + run->dir_len;
    size_t n = strlen(run->stage) + strlen(leaf) + 2;
    char *name = malloc(n);
    if (name == NULL) {
        *err = ENOMEM;
        return NULL;
    }
    snprintf(name, n, "%s/%s", run->stage, leaf);
    *fd = openat(run->stage_fd, leaf, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (*fd < 0) {
        *err = errno;
        free(name);
        return NULL;
    }
    return name;
}

/* Renders report r (of document k) and writes it to a temporary file beside its
 * name; frees r. Touches only what is document k's own. */
static void write_one(struct run *run, size_t k, struct ita_report *r)
{
    struct ita_analysis view = *run->a;
    view.reports = r;
    view.count = 1;
    struct ita_buf out;
    ita_buf_init(&out);
    if (run->md)
        ita_render_document_md(&view, 0, run->ro, &out);
    else
        ita_render_document_html(&view, 0, run->ro, &out);
    if (!run->borrowed)
        ita_report_free(r);
    int err = out.failed ? ENOMEM : 0, fd = -1;
    char *tmp = err != 0 ? NULL : create(run, run->paths[k], &fd, &err);
    if (tmp != NULL) {
        err = cli_write_all(fd, ita_buf_str(&out), out.len);
        /* start writing it to the disk now: the sync at the end then waits less */
        if (err == 0)
            sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
        if (close(fd) != 0 && err == 0)
            err = errno;
        if (err != 0) {
            unlink(tmp);
            free(tmp);
            tmp = NULL;
        }
    }
    ita_buf_free(&out);
    run->tmps[k] = tmp;
    run->errs[k] = err;
}

static void *worker(void *arg)
{
    struct run *run = arg;
    pthread_mutex_lock(&run->mu);
    for (;;) {
        size_t k = run->claimed;
        if (run->stop || k >= run->a->count)
            break;
        run->claimed++;
        struct slot *s = &run->slots[k % run->nslots];
        while (!run->stop && !(s->ready && s->index == k))
            pthread_cond_wait(&run->cv, &run->mu);
        if (run->stop)
            break;
        struct ita_report r = s->r;
        s->ready = false;
        pthread_cond_broadcast(&run->cv);
        pthread_mutex_unlock(&run->mu);
        write_one(run, k, &r);
        pthread_mutex_lock(&run->mu);
        if (run->errs[k] != 0) {
            run->stop = true;
            pthread_cond_broadcast(&run->cv);
        }
    }
    pthread_mutex_unlock(&run->mu);
    return NULL;
}

enum ita_status cli_report_compute(struct cli_context *c, const struct cli_options *o, const struct ita_analysis *a,
                                   size_t k, int history, struct ita_report *r)
{
    if (history == -2) {
        *r = a->reports[k]; /* borrowed: read by one worker, freed with a */
        return ITA_OK;
    }
    struct ita_analyze_options ao;
    cli_analyze_options(c, o, &ao);
    enum ita_status st = ita_analyze_agency(a->reports[k].agency, a->year, &ao, r, &c->diags);
    if (st == ITA_OK && c->peers != NULL) {
        st = ita_peers_place(c->peers, r);
        if (st != ITA_OK)
            ita_report_free(r);
    }
    if (st == ITA_OK && history >= 0) {
        struct ita_analysis view = *a;
        view.reports = r;
        view.count = 1;
        st = ita_history_attach(&view, &c->frameworks, history == 1, &c->diags);
        if (st != ITA_OK)
            ita_report_free(r);
    }
    return st;
}

/* Computes every report in order and writes its document, on `jobs` threads;
 * ITA_OK, or the status of the report that could not be computed. */
static enum ita_status produce(struct cli_context *c, const struct cli_options *o, struct run *run, int history,
                               int jobs)
{
    const struct ita_analysis *a = run->a;
    pthread_t threads[MAX_JOBS];
    int started = 0;
    for (; jobs > 1 && started < jobs; started++)
        if (pthread_create(&threads[started], NULL, worker, run) != 0)
            break;
    enum ita_status st = ITA_OK;
    for (size_t k = 0; k < a->count && st == ITA_OK; k++) {
        struct ita_report r;
        if (started == 0) {
            /* one thread: compute and write in turn */
            st = cli_report_compute(c, o, a, k, history, &r);
            if (st == ITA_OK)
                write_one(run, k, &r);
            if (run->errs[k] != 0)
                break;
            continue;
        }
        struct slot *s = &run->slots[k % run->nslots];
        pthread_mutex_lock(&run->mu);
        while (!run->stop && s->ready)
            pthread_cond_wait(&run->cv, &run->mu);
        bool stop = run->stop;
        pthread_mutex_unlock(&run->mu);
        if (stop)
            break;
        st = cli_report_compute(c, o, a, k, history, &r);
        pthread_mutex_lock(&run->mu);
        if (st == ITA_OK) {
            s->r = r;
            s->index = k;
            s->ready = true;
        } else {
            run->stop = true;
        }
        pthread_cond_broadcast(&run->cv);
        pthread_mutex_unlock(&run->mu);
    }
    for (int t = 0; t < started; t++)
        pthread_join(threads[t], NULL);
    /* reports computed but not taken (a document failed) */
    for (size_t i = 0; i < run->nslots && !run->borrowed; i++)
        if (run->slots[i].ready)
            ita_report_free(&run->slots[i].r);
    return st;
}

/* Renames every temporary file to its name, once the file system holds them;
 * then syncs the directory. 0 or an errno value, with *failed the document. */
static int place_all(struct run *run, size_t n, const char *dir, size_t *failed)
{
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    if (dfd < 0)
        return *failed = SIZE_MAX, errno;
    int err = syncfs(dfd) != 0 ? errno : 0;
    for (size_t k = 0; k < n && err == 0; k++) {
        err = cli_replace(run->tmps[k], run->paths[k]);
        if (err == 0) {
            free(run->tmps[k]);
            run->tmps[k] = NULL;
        } else {
            *failed = k;
        }
    }
    if (err == 0 && fsync(dfd) != 0)
        err = errno, *failed = SIZE_MAX;
    close(dfd);
    return err;
}

/* The new directory renamed to target (DIR without its last slashes), once the
 * file system holds every document; then DIR's parent synced. 0 or an errno
 * value; *placed once the rename succeeded (the documents are DIR's then). */
static int place_dir(struct run *run, size_t n, const char *target, bool *placed)
{
    int err = syncfs(run->stage_fd) != 0 ? errno : 0;
    if (err == 0 && rename(run->stage, target) != 0)
        err = errno;
    if (err != 0)
        return err;
    *placed = true;
    for (size_t k = 0; k < n; k++) {
        free(run->tmps[k]);
        run->tmps[k] = NULL;
    }
    return fsync(run->parent_fd) != 0 ? errno : 0;
}

/* Where DIR does not exist: the new directory beside it, with the permissions
 * mkdir gives (0777 & ~umask), in run->stage and run->stage_fd; target is set to
 * DIR without its last slashes. 0, or an errno value. */
static int make_stage(struct run *run, const char *output, char **target)
{
    size_t n = strlen(output);
    while (n > 1 && output[n - 1] == '/')
        n--;
    *target = malloc(n + 1);
    run->stage = malloc(n + 12);
    if (*target == NULL || run->stage == NULL)
        return ENOMEM;
    memcpy(*target, output, n);
    (*target)[n] = '\0';
    snprintf(run->stage, n + 12, "%s.tmp.XXXXXX", *target);
    if (mkdtemp(run->stage) == NULL) {
        int err = errno;
        free(run->stage);
        run->stage = NULL;
        return err;
    }
    mode_t mask = umask(0);
    umask(mask);
    /* DIR's parent, open now: nothing is allocated once the documents are placed */
    char *slash = strrchr(*target, '/');
    if (slash != NULL)
        *slash = '\0';
    run->parent_fd = open(slash == NULL ? "." : slash == *target ? "/" : *target, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (slash != NULL)
        *slash = '/';
    if (run->parent_fd < 0)
        return errno;
    run->stage_fd = open(run->stage, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (run->stage_fd < 0 || fchmod(run->stage_fd, 0777 & ~mask) != 0)
        return errno;
    return 0;
}

int cli_write_document_dir(struct cli_context *c, const struct cli_options *o, const struct ita_analysis *a,
                           const struct ita_render_options *ro, int history)
{
    const char *ext = o->format == ITA_FORMAT_MD ? ".md" : ".html";
    size_t n = a->count + 1; /* the documents, then the index */
    struct run run;
    memset(&run, 0, sizeof run);
    run.a = a;
    run.ro = ro;
    run.md = o->format == ITA_FORMAT_MD;
    run.borrowed = history == -2;
    int jobs = o->jobs;
    if (jobs <= 0) {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        jobs = cores > 0 ? (int)cores : 1;
    }
    if (jobs > MAX_JOBS)
        jobs = MAX_JOBS;
    if ((size_t)jobs > a->count)
        jobs = 1;
    run.nslots = 2 * (size_t)jobs;
    char **names = calloc(n, sizeof *names);
    run.paths = calloc(n, sizeof *run.paths);
    run.tmps = calloc(n, sizeof *run.tmps);
    run.errs = calloc(n, sizeof *run.errs);
    run.slots = calloc(run.nslots, sizeof *run.slots);
    struct ita_buf dir;
    ita_buf_init(&dir);
    ita_buf_puts(&dir, o->output);
    if (dir.len > 0 && dir.data[dir.len - 1] != '/')
        ita_buf_putc(&dir, '/');
    bool ok = names != NULL && run.paths != NULL && run.tmps != NULL && run.errs != NULL && run.slots != NULL &&
              !dir.failed && cli_document_names(a, true, names);
    for (size_t k = 0; k < a->count && ok; k++) {
        struct ita_buf p;
        ita_buf_init(&p);
        ita_buf_printf(&p, "%s%s%s", dir.data, names[k], ext);
        run.paths[k] = p.data;
        ok = !p.failed;
    }
    int status = ITA_EXIT_OK;
    if (!ok) {
        fputs("ita: out of memory\n", stderr);
        status = ITA_EXIT_IO;
    }
    /* DIR not there yet: every document into a new directory renamed DIR at the end */
    run.dir_len = dir.len;
    run.stage_fd = -1;
    run.parent_fd = -1;
    char *target = NULL;
    bool placed = false;
    struct stat dir_st;
    if (status == ITA_EXIT_OK && stat(o->output, &dir_st) != 0) {
        int err = make_stage(&run, o->output, &target);
        if (err == ENOMEM)
            fputs("ita: out of memory\n", stderr);
        else if (err != 0)
            fprintf(stderr, "ita: cannot create %s: %s\n", o->output, strerror(err));
        if (err != 0)
            status = ITA_EXIT_IO;
    }
    if (status == ITA_EXIT_OK) {
        pthread_mutex_init(&run.mu, NULL);
        pthread_cond_init(&run.cv, NULL);
        enum ita_status st = produce(c, o, &run, history, jobs);
        pthread_cond_destroy(&run.cv);
        pthread_mutex_destroy(&run.mu);
        cli_print_diags(&c->diags);
        if (st != ITA_OK)
            status = cli_exit_for(st, ITA_EXIT_DATA);
    }
    /* the first document that failed, as one thread would have met it */
    for (size_t k = 0; k < a->count && status == ITA_EXIT_OK; k++) {
        if (run.errs[k] == ENOMEM)
            fputs("ita: out of memory while rendering\n", stderr);
        else if (run.errs[k] != 0)
            fprintf(stderr, "ita: cannot write %s: %s\n", run.paths[k], strerror(run.errs[k]));
        if (run.errs[k] != 0)
            status = ITA_EXIT_IO;
    }
    /* the index, written with the documents */
    if (status == ITA_EXIT_OK) {
        struct ita_buf out;
        ita_buf_init(&out);
        /* each agency links to its file, named in the same directory */
        const char **files = malloc((a->count ? a->count : 1) * sizeof *files);
        for (size_t k = 0; files != NULL && k < a->count; k++)
            files[k] = run.paths[k] + dir.len;
        if (files != NULL && run.md)
            ita_render_index_md(a, files, ro, &out);
        else if (files != NULL)
            ita_render_index_html(a, files, ro, &out);
        free(files);
        struct ita_buf p;
        ita_buf_init(&p);
        ita_buf_printf(&p, "%sindex%s", dir.data, ext);
        run.paths[a->count] = p.data;
        int fd = -1, err = files == NULL || out.failed || p.failed ? ENOMEM : 0;
        if (err == 0) {
            run.tmps[a->count] = create(&run, p.data, &fd, &err);
            if (run.tmps[a->count] != NULL) {
                err = cli_write_all(fd, ita_buf_str(&out), out.len);
                if (close(fd) != 0 && err == 0)
                    err = errno;
            }
        }
        if (err != 0) {
            if (err == ENOMEM)
                fputs("ita: out of memory\n", stderr);
            else
                fprintf(stderr, "ita: cannot write %s: %s\n", p.data, strerror(err));
            status = ITA_EXIT_IO;
        }
        ita_buf_free(&out);
    }
    if (status == ITA_EXIT_OK)
        status = cli_unicode_check();
    if (status == ITA_EXIT_OK) {
        size_t failed = SIZE_MAX;
        int err = run.stage != NULL ? place_dir(&run, n, target, &placed) : place_all(&run, n, dir.data, &failed);
        if (err != 0) {
            fprintf(stderr, "ita: cannot write %s: %s\n", failed == SIZE_MAX ? dir.data : run.paths[failed],
                    strerror(err));
            status = ITA_EXIT_IO;
        }
    }
    /* what was not renamed: removed */
    for (size_t k = 0; run.tmps != NULL && k < n; k++)
        if (run.tmps[k] != NULL) {
            unlink(run.tmps[k]);
            free(run.tmps[k]);
        }
    if (run.stage != NULL && !placed)
        rmdir(run.stage);
    if (run.stage_fd >= 0)
        close(run.stage_fd);
    if (run.parent_fd >= 0)
        close(run.parent_fd);
    free(run.stage);
    free(target);
    for (size_t k = 0; k < n; k++) {
        if (names != NULL)
            free(names[k]);
        if (run.paths != NULL)
            free(run.paths[k]);
    }
    free(names);
    free(run.paths);
    free(run.tmps);
    free(run.errs);
    free(run.slots);
    ita_buf_free(&dir);
    return status;
}
