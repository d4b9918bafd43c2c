/* Libraries opened when first needed (include/ita/dynlib.h). */
#include "ita/dynlib.h"

#include <dlfcn.h>
#include <errno.h>
#include <string.h>

static int open_library(const struct ita_dynlib *lib)
{
    errno = 0;
    void *h = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL);
    if (h == NULL) {
        /* the loader keeps its reason as text only; it fails with ENOMEM when
         * memory ran out, else the library is missing or unusable */
        return errno == ENOMEM ? ENOMEM : ELIBACC;
    }
    for (size_t i = 0; i < lib->count; i++) {
        void *sym = dlsym(h, lib->symbols[i].name);
        if (sym == NULL) {
            dlclose(h);
            return ELIBACC;
        }
        /* POSIX: a function's address from dlsym converts to a function pointer */
        memcpy((char *)lib->table + lib->symbols[i].offset, &sym, sizeof sym);
    }
    return 0;
}

int ita_dynlib_open(struct ita_dynlib *lib)
{
    if (pthread_mutex_lock(&lib->lock) != 0)
        return EAGAIN;
    if (!lib->tried) {
        lib->error = open_library(lib);
        lib->tried = lib->error != ENOMEM; /* memory may come back: then try again */
    }
    int error = lib->error;
    if (lib->first_error == 0)
        lib->first_error = error;
    pthread_mutex_unlock(&lib->lock);
    return error;
}

int ita_dynlib_first_error(struct ita_dynlib *lib)
{
    if (pthread_mutex_lock(&lib->lock) != 0)
        return EAGAIN;
    int error = lib->first_error;
    pthread_mutex_unlock(&lib->lock);
    return error;
}
