/* What the unit tests of bind, analyze, rank and measures share: the built-in
 * frameworks, an empty score set and a diagnostics list, and binding a CSV text
 * into them through the real loader. Include after harness.h. */
#ifndef ITA_TEST_SCORES_FIXTURE_H
#define ITA_TEST_SCORES_FIXTURE_H

#include <string.h>

#include "ita/bind.h"
#include "ita/diag.h"
#include "ita/framework.h"
#include "ita/load.h"

/* 0, or -1 when the frameworks cannot be configured. */
static inline int fixture_open(struct ita_framework_set *fws, struct ita_score_set *set, struct ita_diags *diags)
{
    ita_framework_set_init(fws);
    if (ita_framework_set_configure(fws, ITA_TEST_DATA_DIR "/frameworks", NULL) != ITA_OK)
        return -1;
    ita_score_set_init(set);
    ita_diags_init(diags, 0);
    return 0;
}

static inline void fixture_close(struct ita_framework_set *fws, struct ita_score_set *set, struct ita_diags *diags)
{
    ita_score_set_free(set);
    ita_framework_set_free(fws);
    ita_diags_free(diags);
}

/* Binds one CSV text as file `file`, with the year of --year (0: none); returns
 * the loader's status and, when blank is not NULL, how many scores were blank. */
static inline enum ita_status fixture_bind_year(struct ita_framework_set *fws, struct ita_score_set *set,
                                                struct ita_diags *diags, const char *file, const char *text,
                                                int default_year, size_t *blank)
{
    ita_diags_begin_file(diags);
    struct ita_binder b;
    struct ita_load_sink sink;
    ita_binder_begin(&b, set, fws, diags, file, &sink);
    b.default_year = default_year;
    struct ita_loader *ld = ita_loader_new(file, ',', &sink, diags);
    assert_non_null(ld);
    enum ita_status st = ita_loader_feed(ld, text, strlen(text));
    enum ita_status fin = ita_loader_finish(ld);
    if (st == ITA_OK)
        st = fin;
    ita_loader_free(&ld);
    if (blank != NULL)
        *blank = b.blank_cells;
    ita_binder_end(&b);
    ita_diags_end_file(diags, file);
    return st;
}

/* Binds one CSV text as file `file`; returns the loader's status. */
static inline enum ita_status fixture_bind(struct ita_framework_set *fws, struct ita_score_set *set,
                                           struct ita_diags *diags, const char *file, const char *text)
{
    return fixture_bind_year(fws, set, diags, file, text, 0, NULL);
}

/* Every diagnostic, one a line, for failure messages. */
static inline const char *fixture_diags_text(const struct ita_diags *diags)
{
    static char buf[8192];
    size_t n = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < diags->count && n < sizeof buf - 600; i++) {
        n += ita_diag_format(&diags->items[i], buf + n, sizeof buf - n);
        buf[n++] = '\n';
        buf[n] = '\0';
    }
    return buf;
}

#endif
