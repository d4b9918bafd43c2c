/* Libraries opened when first needed instead of at every start.
 *
 * A library linked the ordinary way is mapped and relocated by every run of ita,
 * also by the runs that never call it; for the workbook libraries (libxlsxwriter,
 * libzip, and the libcrypto both bring) that was most of the instructions of a
 * short run (bench/profile.md). Those are opened with dlopen by the first call
 * that needs them, and their functions are called through a table of pointers
 * filled from the library.
 *
 * A table is a struct of function pointers, each field named and typed as the
 * library's function (ITA_DYNLIB_FIELD takes the type from the library's header,
 * so the compiler sees a prototype that does not match). A list of
 * ita_dynlib_symbol (ITA_DYNLIB_SYMBOL) says where each goes. The table is
 * written once, under the lock of its struct ita_dynlib, and only read after
 * that (as the dynamic loader's own table would be); the library stays loaded
 * until exit, as when it was linked.
 */
#ifndef ITA_DYNLIB_H
#define ITA_DYNLIB_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

/* One function of a library: its name and where its address goes in the table. */
struct ita_dynlib_symbol {
    const char *name;
    size_t offset;
};

/* A field of a table, for the function `name` declared by the library's header. */
#define ITA_DYNLIB_FIELD(name) __typeof__(name) *name;
/* The entry of ita_dynlib_symbol for the field `name` of the table type `type`. */
#define ITA_DYNLIB_SYMBOL(type, name) {#name, offsetof(type, name)},

/* A library and its table; static, initialised with ITA_DYNLIB_INIT. */
struct ita_dynlib {
    const char *soname;
    const struct ita_dynlib_symbol *symbols;
    size_t count;
    void *table;
    pthread_mutex_t lock;
    bool tried;
    int error;
    int first_error; /* the first error an open returned, kept when a later one succeeds */
};
#define ITA_DYNLIB_INIT(soname, symbols, table) \
    {(soname), (symbols), sizeof(symbols) / sizeof(symbols)[0], (table), PTHREAD_MUTEX_INITIALIZER, false, 0, 0}

/* Opens the library and fills its table the first time: 0 once every function
 * was found, ENOMEM when memory ran out (a later call tries again), ELIBACC when
 * the library cannot be loaded or lacks a function (and so do later calls). Safe to
 * call from several threads; a thread that got 0 may then read the table. */
int ita_dynlib_open(struct ita_dynlib *lib);

/* The first error ita_dynlib_open returned for lib (ENOMEM or ELIBACC), also
 * after a later call succeeded; 0 when none failed. Safe on any thread. */
int ita_dynlib_first_error(struct ita_dynlib *lib);

#endif
