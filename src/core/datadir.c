/* Finding the data directory from any working directory. */
#include "ita/datadir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool has_frameworks(const char *dir)
{
    char path[4096];
    struct stat st;
    if (snprintf(path, sizeof path, "%s/frameworks", dir) >= (int)sizeof path)
        return false;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool take(const char *dir, char *out, size_t size)
{
    if (dir == NULL || dir[0] == '\0' || strlen(dir) + 1 > size || !has_frameworks(dir))
        return false;
    memcpy(out, dir, strlen(dir) + 1);
    return true;
}

bool ita_data_dir_find(char *out, size_t size)
{
    const char *env = getenv("ITA_DATA_DIR");
    if (env != NULL && env[0] != '\0')
        return take(env, out, size);
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash != NULL) {
            *slash = '\0';
            char candidate[4200];
            snprintf(candidate, sizeof candidate, "%s/../share/ita", exe);
            if (take(candidate, out, size))
                return true;
        }
    }
    if (take(ITA_INSTALL_DATA_DIR, out, size))
        return true;
#ifdef ITA_SOURCE_DATA_DIR
    return take(ITA_SOURCE_DATA_DIR, out, size);
#else
    return false;
#endif
}
