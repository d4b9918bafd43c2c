/* What the fuzz targets share: where they find data/ (ITA_DATA_DIR, else the source
 * tree they were built from), the frameworks and texts they load once, and the check
 * that two loads of the same bytes agree. */
#ifndef ITA_FUZZ_DATA_H
#define ITA_FUZZ_DATA_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ita/bind.h"
#include "ita/framework.h"
#include "ita/texts.h"

static inline void fuzz_data_dir(char *out, size_t size)
{
    const char *env = getenv("ITA_DATA_DIR");
    snprintf(out, size, "%s", env != NULL && env[0] != '\0' ? env : ITA_FUZZ_DATA_DIR);
}

/* What every target loads once: the built-in frameworks and the texts of both
 * languages ([ITA_LANG_EN], [ITA_LANG_TH]). Kept for the life of the process. */
struct fuzz_harness {
    struct ita_framework_set frameworks;
    struct ita_texts texts[2];
};

static inline struct fuzz_harness *fuzz_harness(void)
{
    static struct fuzz_harness h;
    static int ready;
    if (!ready) {
        char dir[4096], path[4200];
        fuzz_data_dir(dir, sizeof dir);
        struct ita_diags d;
        ita_diags_init(&d, 0);
        ita_framework_set_init(&h.frameworks);
        snprintf(path, sizeof path, "%s/frameworks", dir);
        if (ita_framework_set_configure(&h.frameworks, path, NULL) != ITA_OK)
            abort();
        for (int lang = 0; lang < 2; lang++) {
            snprintf(path, sizeof path, "%s/texts/%s.json", dir, lang == ITA_LANG_TH ? "th" : "en");
            if (ita_texts_load(path, (enum ita_lang)lang, NULL, &h.texts[lang], &d) != ITA_OK)
                abort();
        }
        ita_diags_free(&d);
        ready = 1;
    }
    return &h;
}

/* Two loads of the same bytes (in other chunks, or again) must give the same
 * status, diagnostics and scores. */
static inline void fuzz_same_result(const struct ita_diags *a, const struct ita_score_set *sa, enum ita_status st_a,
                                    const struct ita_diags *b, const struct ita_score_set *sb, enum ita_status st_b)
{
    if (st_a != st_b || a->count != b->count || a->errors != b->errors || a->warnings != b->warnings ||
        sa->count != sb->count)
        abort();
    char la[2048], lb[2048];
    for (size_t i = 0; i < a->count; i++) {
        ita_diag_format(&a->items[i], la, sizeof la);
        ita_diag_format(&b->items[i], lb, sizeof lb);
        if (strcmp(la, lb) != 0)
            abort();
    }
    for (size_t i = 0; i < sa->count; i++) {
        const struct ita_agency *x = &sa->agencies[i], *y = &sb->agencies[i];
        if (strcmp(x->name, y->name) != 0 || x->year_count != y->year_count)
            abort();
        for (size_t k = 0; k < x->year_count; k++) {
            size_t n = ita_slot_count(x->years[k].fw);
            if (x->years[k].year != y->years[k].year || x->years[k].band != y->years[k].band ||
                memcmp(x->years[k].values, y->years[k].values, n * sizeof *x->years[k].values) != 0)
                abort();
        }
    }
}

#endif
