/* Where the data files (frameworks, interface texts) are.
 *
 * Looked up in order: the environment variable ITA_DATA_DIR; beside the binary
 * when installed (BINDIR/../share/ita, BINDIR the folder the binary file is in,
 * through any symbolic link to it); the installation prefix given at build
 * time; the source tree the binary was built from (unless built with
 * ITA_SOURCE_TREE_DATA off, as packages are). The first directory that has
 * a frameworks/ folder wins.
 */
#ifndef ITA_DATADIR_H
#define ITA_DATADIR_H

#include <stdbool.h>
#include <stddef.h>

/* Fills out with the data directory; false when none is found. */
bool ita_data_dir_find(char *out, size_t size);

#endif
