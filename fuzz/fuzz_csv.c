/* Fuzz target: CSV bytes through the loader and the binder against the built-in
 * frameworks, then the analysis and every renderer on whatever was accepted.
 * The same bytes go through the scanner too (in the same chunks), as the small
 * files of every command and the ranges of `rank` do, with the records it binds
 * by their tail alone: unless it gives up, the binder must end with the same
 * scores, lines, attributes and diagnostics as from the loader, counting lines,
 * and the same scores in a lean set without them.
 *
 * The first byte of the input chooses the chunk size the bytes are fed in (so
 * that a BOM, a CRLF or a UTF-8 sequence split across reads is exercised), the
 * delimiter, and (its lowest bit) whether the file's rows take a year of --year
 * when it has no year column; the rest is the file. The bytes are loaded twice, in those
 * chunks and whole: diagnostics and scores must not differ; and the JSON report
 * must parse. Frameworks and texts are loaded once and
 * kept for the whole run: that state belongs to the harness, not to ita.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ita/analyze.h"
#include "ita/bind.h"
#include "ita/load.h"
#include "ita/render.h"
#include "ita/texts.h"

#include <cjson/cJSON.h>

#include "fuzz_data.h"

static void analyze_and_render(const struct ita_score_set *set, const struct fuzz_harness *h, int lang)
{
    struct ita_analyze_options ao;
    ita_analyze_options_init(&ao);
    struct ita_analysis a;
    memset(&a, 0, sizeof a);
    struct ita_diags d;
    ita_diags_init(&d, ITA_DIAG_DEFAULT_LIMIT);
    if (ita_analyze(set, &ao, &a, &d) == ITA_OK) {
        struct ita_render_options ro = {&h->texts[lang], lang == 1, NULL};
        struct ita_buf out;
        ita_buf_init(&out);
        ita_render_report_text(&a, &ro, &out);
        ita_buf_free(&out);
        ita_render_report_json(&a, &ro, &out);
        if (!out.failed) { /* what ita writes as JSON must parse */
            cJSON *json = cJSON_ParseWithLength(out.data, out.len);
            if (json == NULL)
                abort();
            cJSON_Delete(json);
        }
        ita_buf_free(&out);
        ita_render_report_csv(&a, &ro, &out);
        ita_buf_free(&out);
    }
    ita_analysis_free(&a);
    ita_diags_free(&d);
}

/* How the bytes are read: by the loader, by the scanner counting lines (as for
 * a small file), by the scanner into a lean set (as rank reads). */
enum reader { BY_LOADER, BY_SCANNER, BY_SCANNER_LEAN };

/* Loads the bytes in chunks of `chunk` into set and diags; returns the status
 * (*gave_up: the scanner left the bytes to the loader; *blank: blank scores). */
static enum ita_status load(struct fuzz_harness *h, const uint8_t *data, size_t size, size_t chunk, char delimiter,
                            int default_year, enum reader by, struct ita_score_set *set, struct ita_diags *diags,
                            bool *gave_up, size_t *blank)
{
    ita_diags_init(diags, ITA_DIAG_DEFAULT_LIMIT);
    ita_score_set_init(set);
    set->lean = by == BY_SCANNER_LEAN;
    struct ita_binder binder;
    struct ita_load_sink sink;
    ita_binder_begin(&binder, set, &h->frameworks, diags, "fuzz.csv", &sink);
    binder.default_year = default_year;
    ita_diags_begin_file(diags);
    enum ita_status st = ITA_ERR_NOMEM;
    *gave_up = false;
    struct ita_loader *ld = NULL;
    struct ita_scanner *sc = NULL;
    if (by == BY_LOADER)
        ld = ita_loader_new("fuzz.csv", delimiter, &sink, diags);
    else if ((sc = ita_scanner_new("fuzz.csv", delimiter, &sink)) != NULL && by == BY_SCANNER)
        ita_scanner_count_lines(sc);
    if (ld != NULL || sc != NULL) {
        st = ITA_OK;
        for (size_t off = 0; off < size && st == ITA_OK; off += chunk) {
            const char *part = (const char *)data + off;
            size_t len = size - off < chunk ? size - off : chunk;
            st = ld ? ita_loader_feed(ld, part, len) : ita_scanner_feed(sc, part, len);
        }
        if (st == ITA_OK)
            st = ld ? ita_loader_finish(ld) : ita_scanner_finish(sc);
        *gave_up = sc != NULL && ita_scanner_gave_up(sc);
        ita_loader_free(&ld);
        ita_scanner_free(&sc);
    }
    if (st != ITA_ERR_NOMEM)
        ita_diags_end_file(diags, "fuzz.csv");
    *blank = binder.blank_cells;
    ita_binder_end(&binder);
    return st;
}

/* Beyond fuzz_same_result: what each year was given, and on which lines, and
 * each agency's attributes. */
static void same_details(const struct ita_score_set *x, const struct ita_score_set *y)
{
    if (x->attr_count != y->attr_count)
        abort();
    for (size_t i = 0; i < x->count; i++) {
        const struct ita_agency *a = &x->agencies[i], *b = &y->agencies[i];
        for (size_t k = 0; k < x->attr_count; k++) {
            const char *va = k < a->attr_cap ? a->attrs[k] : NULL, *vb = k < b->attr_cap ? b->attrs[k] : NULL;
            if ((va == NULL) != (vb == NULL) || (va != NULL && strcmp(va, vb) != 0))
                abort();
            size_t na = k < a->attr_cap ? a->tallies[k].count : 0, nb = k < b->attr_cap ? b->tallies[k].count : 0;
            if (na != nb)
                abort();
            for (size_t v = 0; v < na; v++)
                if (a->tallies[k].values[v].rows != b->tallies[k].values[v].rows ||
                    a->tallies[k].values[v].line != b->tallies[k].values[v].line)
                    abort();
        }
        for (size_t k = 0; k < a->year_count; k++) {
            const struct ita_year_scores *p = &a->years[k], *q = &b->years[k];
            if (p->given != q->given || p->band_line != q->band_line || (p->lines == NULL) != (q->lines == NULL))
                abort();
            if (p->lines != NULL && memcmp(p->lines, q->lines, ita_slot_count(p->fw) * sizeof *p->lines) != 0)
                abort();
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    struct fuzz_harness *h = fuzz_harness();
    unsigned control = data[0];
    size_t chunk = (size_t)(control & 0x3f) + 1;
    if (control & 0x40)
        chunk = 4096;
    char delimiter = (control & 0x80) ? '\t' : ',';
    int default_year = (control & 1) ? 2568 : 0;
    data++;
    size--;

    struct ita_diags diags, whole_diags;
    struct ita_score_set set, whole_set;
    bool gave_up;
    size_t blank, whole_blank;
    enum ita_status st =
        load(h, data, size, chunk, delimiter, default_year, BY_LOADER, &set, &diags, &gave_up, &blank);
    enum ita_status whole = load(h, data, size, size ? size : 1, delimiter, default_year, BY_LOADER, &whole_set,
                                 &whole_diags, &gave_up, &whole_blank);
    fuzz_same_result(&diags, &set, st, &whole_diags, &whole_set, whole);
    ita_score_set_free(&whole_set);
    ita_diags_free(&whole_diags);

    /* the scanner, counting lines: the same in every way, unless it gave up */
    struct ita_diags scanned_diags;
    struct ita_score_set scanned;
    size_t scanned_blank;
    enum ita_status sst = load(h, data, size, chunk, delimiter, default_year, BY_SCANNER, &scanned, &scanned_diags,
                               &gave_up, &scanned_blank);
    if (!gave_up) {
        fuzz_same_result(&diags, &set, st, &scanned_diags, &scanned, sst);
        same_details(&set, &scanned);
        if (blank != scanned_blank)
            abort();
    }
    ita_score_set_free(&scanned);
    ita_diags_free(&scanned_diags);
    /* into a lean set, without lines: the same scores, and a word whenever the loader had one */
    if (!gave_up) {
        enum ita_status lst = load(h, data, size, chunk, delimiter, default_year, BY_SCANNER_LEAN, &scanned,
                                   &scanned_diags, &gave_up, &scanned_blank);
        if (gave_up || lst != st || scanned_diags.count != diags.count || scanned_diags.errors != diags.errors ||
            scanned_diags.warnings != diags.warnings || scanned.count != set.count || scanned_blank != blank)
            abort();
        for (size_t i = 0; i < set.count; i++) {
            const struct ita_agency *x = &set.agencies[i], *y = &scanned.agencies[i];
            if (strcmp(x->name, y->name) != 0 || x->year_count != y->year_count)
                abort();
            for (size_t k = 0; k < x->year_count; k++)
                if (x->years[k].year != y->years[k].year || x->years[k].given != y->years[k].given ||
                    memcmp(x->years[k].values, y->years[k].values,
                           ita_slot_count(x->years[k].fw) * sizeof *x->years[k].values) != 0)
                    abort();
        }
        ita_score_set_free(&scanned);
        ita_diags_free(&scanned_diags);
    }
    if (st == ITA_OK && diags.errors == 0)
        analyze_and_render(&set, h, (int)(control & 1));
    ita_score_set_free(&set);
    ita_diags_free(&diags);
    return 0;
}
