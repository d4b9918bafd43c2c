/* Writing results: standard output, or a file replaced atomically. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

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

static int write_all(int fd, const char *data, size_t len)
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

int cli_write_output(const char *path, const struct ita_buf *b)
{
    if (b->failed) {
        fputs("ita: out of memory while rendering\n", stderr);
        return ITA_EXIT_IO;
    }
    const char *data = b->data ? b->data : "";
    if (path == NULL || strcmp(path, "-") == 0) {
        int err = write_all(STDOUT_FILENO, data, b->len);
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
        int err = write_all(fileno(f), data, b->len);
        if (fclose(f) != 0 && err == 0)
            err = errno;
        if (err != 0) {
            fprintf(stderr, "ita: cannot write %s: %s\n", path, strerror(err));
            return ITA_EXIT_IO;
        }
        return ITA_EXIT_OK;
    }
    size_t n = strlen(path);
    char *tmp = malloc(n + 16);
    if (tmp == NULL) {
        fputs("ita: out of memory\n", stderr);
        return ITA_EXIT_IO;
    }
    snprintf(tmp, n + 16, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        fprintf(stderr, "ita: cannot write %s: %s\n", path, strerror(errno));
        free(tmp);
        return ITA_EXIT_IO;
    }
    int err = write_all(fd, data, b->len);
    if (err == 0 && fsync(fd) != 0)
        err = errno;
    if (close(fd) != 0 && err == 0)
        err = errno;
    if (err == 0) {
        /* keep the permissions an existing file had, else the usual 0666 & ~umask */
        mode_t mode;
        if (stat(path, &st) == 0) {
            mode = st.st_mode & 07777;
        } else {
            mode_t mask = umask(0);
            umask(mask);
            mode = 0666 & ~mask;
        }
        if (chmod(tmp, mode) != 0 || rename(tmp, path) != 0)
            err = errno;
    }
    if (err != 0) {
        fprintf(stderr, "ita: cannot write %s: %s\n", path, strerror(err));
        unlink(tmp);
        free(tmp);
        return ITA_EXIT_IO;
    }
    free(tmp);
    return ITA_EXIT_OK;
}
