/* Fuzz target: CSV bytes through the loader and the binder against the built-in
 * frameworks, then the analysis and every renderer on whatever was accepted.
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

/* Loads the bytes in chunks of `chunk` into set and diags; returns the status. */
static enum ita_status load(struct fuzz_harness *h, const uint8_t *data, size_t size, size_t chunk, char delimiter,
                            int default_year, struct ita_score_set *set, struct ita_diags *diags)
{
    ita_diags_init(diags, ITA_DIAG_DEFAULT_LIMIT);
    ita_score_set_init(set);
    struct ita_binder binder;
    struct ita_load_sink sink;
    ita_binder_begin(&binder, set, &h->frameworks, diags, "fuzz.csv", &sink);
    binder.default_year = default_year;
    ita_diags_begin_file(diags);
    enum ita_status st = ITA_ERR_NOMEM;
    struct ita_loader *ld = ita_loader_new("fuzz.csv", delimiter, &sink, diags);
    if (ld != NULL) {
        st = ITA_OK;
        for (size_t off = 0; off < size && st == ITA_OK; off += chunk)
            st = ita_loader_feed(ld, (const char *)data + off, size - off < chunk ? size - off : chunk);
        if (st == ITA_OK)
            st = ita_loader_finish(ld);
        ita_loader_free(&ld);
        ita_diags_end_file(diags, "fuzz.csv");
    }
    ita_binder_end(&binder);
    return st;
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
    enum ita_status st = load(h, data, size, chunk, delimiter, default_year, &set, &diags);
    enum ita_status whole = load(h, data, size, size ? size : 1, delimiter, default_year, &whole_set, &whole_diags);
    fuzz_same_result(&diags, &set, st, &whole_diags, &whole_set, whole);
    ita_score_set_free(&whole_set);
    ita_diags_free(&whole_diags);
    if (st == ITA_OK && diags.errors == 0)
        analyze_and_render(&set, h, (int)(control & 1));
    ita_score_set_free(&set);
    ita_diags_free(&diags);
    return 0;
}
