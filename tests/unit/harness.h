/* The shared main of the unit test binaries (one binary per module).
 *
 * Every binary takes an optional `--pattern GLOB` (or `--pattern=GLOB`) that runs
 * only the tests whose names match, through cmocka_set_test_filter. Include this
 * header instead of cmocka.h; it brings the headers cmocka needs first.
 */
#ifndef ITA_TEST_HARNESS_H
#define ITA_TEST_HARNESS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

static inline int ita_test_main(int argc, char **argv, const char *group,
                                const struct CMUnitTest *tests, size_t count)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--pattern") == 0 && i + 1 < argc) {
            cmocka_set_test_filter(argv[++i]);
        } else if (strncmp(argv[i], "--pattern=", 10) == 0) {
            cmocka_set_test_filter(argv[i] + 10);
        } else {
            fprintf(stderr, "usage: %s [--pattern GLOB]\n", argv[0]);
            return 2;
        }
    }
    return _cmocka_run_group_tests(group, tests, count, NULL, NULL);
}

#endif
