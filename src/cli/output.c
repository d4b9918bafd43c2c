/* Writing results: standard output, or a file replaced atomically. */
#define _GNU_SOURCE /* O_TMPFILE */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "ita/unicode.h"

bool cli_use_color(const struct cli_options *o)
{
    if (o->color >= 0)
        return o->color == 1;
    const char *no = getenv("NO_COLOR");
    if (no != NULL && no[0] != '\0')
        return false;
    const char *term = getenv("TERM");
    if (term != NULL && strcmp(term, "dumb") == 0)
        return false;
    return o->output == NULL && isatty(STDOUT_FILENO);
}

static char *temp_beside(const char *path, int *fd);
static int commit(char *tmp, const char *path, int err);

int cli_write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

int cli_unicode_check(void)
{
    int error = ita_unicode_missed();
    if (error == 0)
        return ITA_EXIT_OK;
    if (error == ENOMEM)
        fputs("ita: out of memory\n", stderr);
    else
        fputs("ita: the text holds characters whose width or kind needs libutf8proc (package libutf8proc2), "
              "which cannot be loaded; nothing was written\n", stderr);
    return ITA_EXIT_IO;
}

int cli_write_output(const char *path, const struct ita_buf *b)
{
    if (b->failed) {
        fputs("ita: out of memory while rendering\n", stderr);
        return ITA_EXIT_IO;
    }
    int status = cli_unicode_check();
    if (status != ITA_EXIT_OK)
        return status;
    const char *data = ita_buf_str(b);
    if (path == NULL || strcmp(path, "-") == 0) {
        int err = cli_write_all(STDOUT_FILENO, data, b->len);
        if (err == EPIPE)
            return ITA_EXIT_OK; /* the reader went away: end quietly */
        if (err != 0) {
            fprintf(stderr, "ita: cannot write to standard output: %s\n", strerror(err));
            return ITA_EXIT_IO;
        }
        return ITA_EXIT_OK;
    }
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        /* a device, FIFO or /dev/stdout: renaming over it would replace it */
        FILE *f = fopen(path, "wb");
        if (f == NULL) {
            fprintf(stderr, "ita: cannot write %s: %s\n", path, strerror(errno));
            return ITA_EXIT_IO;
        }
        int err = cli_write_all(fileno(f), data, b->len);
        if (fclose(f) != 0 && err == 0)
            err = errno;
        if (err != 0) {
            fprintf(stderr, "ita: cannot write %s: %s\n", path, strerror(err));
            return ITA_EXIT_IO;
        }
        return ITA_EXIT_OK;
    }
    int fd;
    char *tmp = temp_beside(path, &fd);
    if (tmp == NULL)
        return ITA_EXIT_IO;
    int err = cli_write_all(fd, data, b->len);
    if (close(fd) != 0 && err == 0)
        err = errno;
    return commit(tmp, path, err);
}

char *cli_temp_create(const char *path, int *fd, int *err)
{
    size_t n = strlen(path);
    char *tmp = malloc(n + 16);
    if (tmp == NULL) {
        *err = ENOMEM;
        return NULL;
    }
    snprintf(tmp, n + 16, "%s.tmp.XXXXXX", path);
    *fd = mkstemp(tmp);
    if (*fd < 0) {
        *err = errno;
        free(tmp);
        return NULL;
    }
    return tmp;
}

/* Creates the temporary file "PATH.tmp.XXXXXX" (open in *fd); its name, or NULL
 * when it could not be made (said). */
static char *temp_beside(const char *path, int *fd)
{
    int err = 0;
    char *tmp = cli_temp_create(path, fd, &err);
    if (tmp == NULL && err == ENOMEM)
        fputs("ita: out of memory\n", stderr);
    else if (tmp == NULL)
        fprintf(stderr, "ita: cannot write %s: %s\n", path, strerror(err));
    return tmp;
}

int cli_replace(const char *tmp, const char *path)
{
    struct stat st;
    mode_t mode;
    if (stat(path, &st) == 0) {
        mode = st.st_mode & 07777;
    } else {
        mode_t mask = umask(0);
        umask(mask);
        mode = 0666 & ~mask;
    }
    return chmod(tmp, mode) != 0 || rename(tmp, path) != 0 ? errno : 0;
}

/* Makes the written temporary file tmp (err: 0, or why writing it failed) the file
 * path: synced, with the permissions path had (else 0666 & ~umask), renamed over
 * it. Removes tmp on failure and frees it. */
static int commit(char *tmp, const char *path, int err)
{
    if (err == 0) {
        int fd = open(tmp, O_RDONLY);
        if (fd < 0 || fsync(fd) != 0)
            err = errno;
        if (fd >= 0)
            close(fd);
    }
    if (err == 0)
        err = cli_replace(tmp, path);
    if (err != 0) {
        fprintf(stderr, "ita: cannot write %s: %s\n", path, strerror(err));
        unlink(tmp);
        free(tmp);
        return ITA_EXIT_IO;
    }
    free(tmp);
    return ITA_EXIT_OK;
}

/* Copies what is left to read of in to out; 0 or an errno value. */
static int copy_fd(int in, int out)
{
    char block[65536];
    int err = 0;
    for (;;) {
        ssize_t n = read(in, block, sizeof block);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            err = n < 0 ? errno : 0;
            break;
        }
        err = cli_write_all(out, block, (size_t)n);
        if (err != 0)
            break;
    }
    return err;
}

/* Copies the file at `from` to the open descriptor fd; 0 or an errno value. */
static int copy_to(const char *from, int fd)
{
    int in = open(from, O_RDONLY);
    if (in < 0)
        return errno;
    int err = copy_fd(in, fd);
    close(in);
    return err;
}

/* Output written a part at a time (cli_out_*). To a file: a temporary file beside
 * it, written as the parts come, renamed at the end. To standard output (or a
 * device): held in memory up to SPOOL_HELD bytes, beyond that in a temporary file
 * of $TMPDIR that has no name, copied out at the end; so a run that fails writes
 * nothing there either. */
#define SPOOL_HELD ((size_t)8 << 20)
#define FILE_HELD ((size_t)1 << 20)
/* The first room of the held output: the text report of the bundled example takes
 * 9.7 kB in English and 19.8 kB in Thai (25 kB with five years of history), its
 * CSV 11.9 and 17.4 kB, its JSON 65.5 kB. Against growing from 256 bytes, a first
 * room of 64 KiB left the text report as many page faults (97 in English, 102 in
 * Thai, means of 300 runs) and the JSON one fewer (104), and spared the copies
 * of the growth (1,300 instructions in English, 2,400 in Thai, 11,000 for the
 * JSON); 32 KiB gave the JSON 3 faults more (grown to 64, then 128 KiB). The
 * pages of it that are not written are not touched, and it stays below glibc's
 * mmap threshold (128 KiB). */
#define OUT_FIRST_ROOM ((size_t)64 << 10)

static bool to_file(const char *path)
{
    struct stat st;
    return path != NULL && strcmp(path, "-") != 0 && (stat(path, &st) != 0 || S_ISREG(st.st_mode));
}

int cli_out_begin(struct cli_out *w, const char *path)
{
    w->path = path;
    w->fd = -1;
    w->tmp = NULL;
    ita_buf_init(&w->held);
    if (to_file(path)) {
        w->tmp = temp_beside(path, &w->fd);
        if (w->tmp == NULL)
            return ITA_EXIT_IO;
    }
    /* room for one agency's report at once, so that the buffer is not grown (and
     * copied) seven times from 256 bytes while the first is written: pages of it
     * that are not written are not touched. When memory runs out here, the held
     * output is failed, which cli_out_flush and cli_out_end say. */
    ita_buf_reserve(&w->held, OUT_FIRST_ROOM - 1); /* and its NUL */
    return ITA_EXIT_OK;
}

/* A file of $TMPDIR (else /tmp) without a name, open for reading and writing; or -1. */
static int spool_create(void)
{
    const char *dir = getenv("TMPDIR");
    if (dir == NULL || dir[0] == '\0')
        dir = "/tmp";
    return open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
}

int cli_out_flush(struct cli_out *w)
{
    if (w->held.failed) {
        fputs("ita: out of memory while rendering\n", stderr);
        return ITA_EXIT_IO;
    }
    if (w->held.len < (w->tmp != NULL ? FILE_HELD : SPOOL_HELD))
        return ITA_EXIT_OK;
    if (w->fd < 0 && (w->fd = spool_create()) < 0) {
        fprintf(stderr, "ita: cannot write a temporary file: %s\n", strerror(errno));
        return ITA_EXIT_IO;
    }
    int err = cli_write_all(w->fd, w->held.data, w->held.len);
    if (err != 0) {
        fprintf(stderr, "ita: cannot write %s: %s\n", w->tmp != NULL ? w->path : "a temporary file", strerror(err));
        return ITA_EXIT_IO;
    }
    w->held.len = 0;
    return ITA_EXIT_OK;
}

/* The spooled bytes, then those held, to standard output or the device at path. */
static int spool_out(struct cli_out *w)
{
    int out = STDOUT_FILENO;
    if (w->path != NULL && strcmp(w->path, "-") != 0 && (out = open(w->path, O_WRONLY | O_CLOEXEC)) < 0) {
        fprintf(stderr, "ita: cannot write %s: %s\n", w->path, strerror(errno));
        return ITA_EXIT_IO;
    }
    int err = lseek(w->fd, 0, SEEK_SET) != 0 ? errno : copy_fd(w->fd, out);
    if (err == 0)
        err = cli_write_all(out, ita_buf_str(&w->held), w->held.len);
    if (out != STDOUT_FILENO && close(out) != 0 && err == 0)
        err = errno;
    if (err == EPIPE && out == STDOUT_FILENO)
        return ITA_EXIT_OK; /* the reader went away: end quietly */
    if (err != 0) {
        fprintf(stderr, "ita: cannot write %s: %s\n", out == STDOUT_FILENO ? "to standard output" : w->path,
                strerror(err));
        return ITA_EXIT_IO;
    }
    return ITA_EXIT_OK;
}

int cli_out_end(struct cli_out *w, int status)
{
    bool beside = w->tmp != NULL;
    if (status == ITA_EXIT_OK && w->held.failed) {
        fputs("ita: out of memory while rendering\n", stderr);
        status = ITA_EXIT_IO;
    }
    if (status == ITA_EXIT_OK)
        status = cli_unicode_check();
    if (beside) {
        int err = status != ITA_EXIT_OK ? 0 : cli_write_all(w->fd, ita_buf_str(&w->held), w->held.len);
        if (close(w->fd) != 0 && err == 0)
            err = errno;
        if (status == ITA_EXIT_OK) {
            status = commit(w->tmp, w->path, err);
        } else {
            unlink(w->tmp);
            free(w->tmp);
        }
    } else if (status == ITA_EXIT_OK) {
        status = w->fd >= 0 ? spool_out(w) : cli_write_output(w->path, &w->held);
    }
    if (!beside && w->fd >= 0)
        close(w->fd);
    ita_buf_free(&w->held);
    return status;
}

/* The writer in the child process: its status as the exit status (0 done, 10 out
 * of memory, 11 a file error, said on stderr). */
enum { CHILD_OK = 0, CHILD_NOMEM = 10, CHILD_IO = 11 };

static void writer_child(cli_workbook_fn fn, const void *ctx, const char *tmp, const char *target,
                         struct cli_context *c)
{
    enum ita_status st = fn(tmp, ctx, &c->diags);
    if (st == ITA_OK && cli_unicode_check() != ITA_EXIT_OK)
        exit(CHILD_IO); /* said */
    if (st != ITA_OK && st != ITA_ERR_NOMEM) {
        /* the diagnostic names the temporary file: name the target */
        for (size_t i = 0; i < c->diags.count; i++)
            if (c->diags.items[i].file != NULL) {
                free(c->diags.items[i].file);
                c->diags.items[i].file = ita_strdup(target);
            }
        cli_print_diags(&c->diags);
    }
    /* exit, not _exit: the exit handlers of a coverage or sanitizer build run in
     * the child too (stdio was flushed before the fork: nothing is written twice) */
    exit(st == ITA_OK ? CHILD_OK : st == ITA_ERR_NOMEM ? CHILD_NOMEM : CHILD_IO);
}

/* Runs a workbook writer on the temporary file tmp; an exit status (said).
 *
 * libxlsxwriter 1.1.4 does not survive every failed allocation: some it reports
 * on stderr and goes on with a part missing, after some it leaks or dereferences
 * NULL. So the writer runs in a child process whose stderr is read here: the
 * workbook counts only when the child ended normally, said it was done, and the
 * library printed nothing. Whatever the child leaves allocated ends with it. */
static int run_writer(cli_workbook_fn fn, const void *ctx, const char *tmp, const char *target,
                      struct cli_context *c)
{
    int pipefd[2];
    if (pipe(pipefd) != 0) {
        fprintf(stderr, "ita: cannot write %s: %s\n", target, strerror(errno));
        return ITA_EXIT_IO;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        int err = errno;
        close(pipefd[0]);
        close(pipefd[1]);
        fprintf(stderr, "ita: cannot write %s: %s\n", target, strerror(err));
        return ITA_EXIT_IO;
    }
    if (pid == 0) {
        close(pipefd[0]);
        if (dup2(pipefd[1], STDERR_FILENO) < 0)
            _exit(CHILD_IO);
        close(pipefd[1]);
        writer_child(fn, ctx, tmp, target, c);
    }
    close(pipefd[1]);
    /* what the child said: kept up to a limit, the rest read and dropped */
    char said[4096];
    size_t len = 0;
    for (;;) {
        char block[1024];
        ssize_t n = read(pipefd[0], block, sizeof block);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        size_t take = (size_t)n < sizeof said - 1 - len ? (size_t)n : sizeof said - 1 - len;
        memcpy(said + len, block, take);
        len += take;
    }
    said[len] = '\0';
    close(pipefd[0]);
    int wstatus = 0;
    while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
    }
    int code = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1;
    if (code == CHILD_OK && len == 0)
        return ITA_EXIT_OK;
    /* libxlsxwriter copies the sheet name of a chart's range without saying when that
     * copy fails; the chart then names a sheet "(null)" when the workbook is closed,
     * which no formula of ours does */
    if (code == CHILD_NOMEM || strstr(said, "Memory allocation failed") != NULL ||
        strstr(said, "worksheet name '(null)'") != NULL) {
        fputs("ita: out of memory while writing the workbook\n", stderr);
        return ITA_EXIT_IO;
    }
    if (code == CHILD_IO) {
        fputs(said, stderr);
        return ITA_EXIT_IO;
    }
    if (WIFSIGNALED(wstatus))
        fprintf(stderr, "ita: the workbook writer (libxlsxwriter) stopped with signal %d, as it does when it runs "
                        "out of memory; nothing was written\n", WTERMSIG(wstatus));
    else
        fprintf(stderr, "ita: the workbook writer (libxlsxwriter) failed; nothing was written: %s", said);
    return ITA_EXIT_IO;
}

int cli_write_workbook(const char *path, cli_workbook_fn fn, const void *ctx, struct cli_context *c)
{
    bool to_stdout = path == NULL || strcmp(path, "-") == 0;
    struct stat st;
    bool special = !to_stdout && stat(path, &st) == 0 && !S_ISREG(st.st_mode);
    if (!to_stdout && !special) {
        int fd;
        char *tmp = temp_beside(path, &fd);
        if (tmp == NULL)
            return ITA_EXIT_IO;
        close(fd);
        int status = run_writer(fn, ctx, tmp, path, c);
        if (status != ITA_EXIT_OK) {
            unlink(tmp);
            free(tmp);
            return status;
        }
        return commit(tmp, path, 0);
    }
    /* standard output (a pipe or a file, never a terminal: see cli_begin), a
     * device or a FIFO: the workbook is made in a temporary file, then copied */
    if (to_stdout && isatty(STDOUT_FILENO)) {
        fputs("ita: a workbook is not written to a terminal; give -o FILE.xlsx or redirect the output\n", stderr);
        return ITA_EXIT_USAGE;
    }
    const char *dir = getenv("TMPDIR");
    if (dir == NULL || dir[0] == '\0')
        dir = "/tmp";
    struct ita_buf name;
    ita_buf_init(&name);
    ita_buf_printf(&name, "%s/ita.xlsx.XXXXXX", dir);
    if (name.failed) {
        fputs("ita: out of memory\n", stderr);
        return ITA_EXIT_IO;
    }
    int fd = mkstemp(name.data);
    if (fd < 0) {
        fprintf(stderr, "ita: cannot create a temporary file in %s: %s\n", dir, strerror(errno));
        ita_buf_free(&name);
        return ITA_EXIT_IO;
    }
    close(fd);
    int status = run_writer(fn, ctx, name.data, to_stdout ? "standard output" : path, c);
    if (status == ITA_EXIT_OK) {
        int out = to_stdout ? STDOUT_FILENO : open(path, O_WRONLY | O_TRUNC);
        int err = out < 0 ? errno : copy_to(name.data, out);
        if (!to_stdout && out >= 0 && close(out) != 0 && err == 0)
            err = errno;
        if (err == EPIPE && to_stdout) {
            status = ITA_EXIT_OK; /* the reader went away: end quietly */
        } else if (err != 0) {
            fprintf(stderr, "ita: cannot write %s: %s\n", to_stdout ? "to standard output" : path, strerror(err));
            status = ITA_EXIT_IO;
        }
    }
    unlink(name.data);
    ita_buf_free(&name);
    return status;
}

int cli_workbook_options(const char *command, const struct cli_context *c, struct ita_xlsx_options *x)
{
    x->texts = &c->texts;
    x->measures = NULL;
    x->created = ITA_XLSX_DEFAULT_DATE;
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde == NULL || sde[0] == '\0')
        return ITA_EXIT_OK;
    char *end;
    errno = 0;
    long long v = strtoll(sde, &end, 10);
    if (errno != 0 || *end != '\0' || v < 0 || v > 253402300799LL || (time_t)v != v) {
        cli_usage_error(command, "SOURCE_DATE_EPOCH must be a number of seconds since 1970 (not '%s')", sde);
        return ITA_EXIT_USAGE;
    }
    /* libxlsxwriter reads 0 as "now": the first second stands for it */
    x->created = v > 0 ? (time_t)v : 1;
    return ITA_EXIT_OK;
}
