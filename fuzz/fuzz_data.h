/* Where the fuzz targets find data/: ITA_DATA_DIR, else the source tree they
 * were built from. */
#ifndef ITA_FUZZ_DATA_H
#define ITA_FUZZ_DATA_H

#include <stdio.h>
#include <stdlib.h>

static inline void fuzz_data_dir(char *out, size_t size)
{
    const char *env = getenv("ITA_DATA_DIR");
    snprintf(out, size, "%s", env != NULL && env[0] != '\0' ? env : ITA_FUZZ_DATA_DIR);
}

#endif
