/* Finding the data directory from any working directory. */
#include "ita/datadir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/auxv.h>
#endif

/* Whether the directory out[0, n) has a frameworks/ folder. out (size bytes)
 * is used to build the path and holds the directory again on return. */
static bool has_frameworks(char *out, size_t n, size_t size)
{
    static const char sub[] = "/frameworks";
    if (n + sizeof sub > size)
        return false;
    memcpy(out + n, sub, sizeof sub);
    struct stat st;
    bool found = stat(out, &st) == 0 && S_ISDIR(st.st_mode);
    out[n] = '\0';
    return found;
}

static bool take(const char *dir, char *out, size_t size)
{
    if (dir == NULL || dir[0] == '\0')
        return false;
    size_t n = strlen(dir);
    if (n + 1 > size)
        return false;
    memmove(out, dir, n + 1);
    return has_frameworks(out, n, size);
}

/* The path of the running binary into out, or 0. The path it was started by
 * (AT_EXECFN) serves when it names a regular file, not a symbolic link: the
 * kernel then finds BINDIR/.. from the folder the binary is really in, as it
 * would from /proc/self/exe, whose lookup costs several times more on every
 * run. A link, a path gone since, or no such path: /proc/self/exe. */
static size_t binary_path(char *out, size_t size)
{
#if defined(__linux__) && defined(AT_EXECFN)
    const char *started = (const char *)getauxval(AT_EXECFN);
    struct stat st;
    if (started != NULL && started[0] != '\0' && lstat(started, &st) == 0 && S_ISREG(st.st_mode)) {
        size_t n = strlen(started);
        if (n < size) {
            memcpy(out, started, n + 1);
            return n;
        }
    }
#endif
    ssize_t n = readlink("/proc/self/exe", out, size - 1);
    if (n <= 0)
        return 0;
    out[n] = '\0';
    return (size_t)n;
}

bool ita_data_dir_find(char *out, size_t size)
{
    if (size == 0)
        return false;
    const char *env = getenv("ITA_DATA_DIR");
    if (env != NULL && env[0] != '\0')
        return take(env, out, size);
    static const char share[] = "/../share/ita";
    size_t n = binary_path(out, size);
    if (n > 0) {
        char *slash = strrchr(out, '/');
        size_t dir = slash != NULL ? (size_t)(slash - out) : 0;
        if (slash == NULL) {
            out[0] = '.'; /* started as a bare name: from the working directory */
            dir = 1;
        }
        if (dir + sizeof share <= size) {
            memcpy(out + dir, share, sizeof share);
            if (has_frameworks(out, dir + sizeof share - 1, size))
                return true;
        }
    }
    if (take(ITA_INSTALL_DATA_DIR, out, size))
        return true;
#ifdef ITA_SOURCE_DATA_DIR
    if (take(ITA_SOURCE_DATA_DIR, out, size))
        return true;
#endif
    out[0] = '\0';
    return false;
}
