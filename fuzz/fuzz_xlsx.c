/* Fuzz target: workbook bytes (.xlsx, or anything else the workbook reader is
 * handed) through the workbook reader and the binder against the built-in
 * frameworks, then the analysis and the JSON report of whatever was accepted.
 *
 * The first byte of the input chooses the sheet asked for (none, "1", "2", a
 * name); the rest is the file. Each input is read twice: the diagnostics and the
 * scores must be the same both times (the reader keeps no state between files),
 * and every diagnostic must format. The seeds (fuzz/corpus/xlsx) are tiny
 * workbooks whose parts are stored, not deflated, so that mutations reach the
 * XML. Frameworks and texts are loaded once: that state belongs to the harness.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ita/analyze.h"
#include "ita/bind.h"
#include "ita/render.h"
#include "ita/texts.h"
#include "ita/workbook.h"

#include <cjson/cJSON.h>

#include "fuzz_data.h"

static enum ita_status load(struct fuzz_harness *h, const uint8_t *data, size_t size, const char *sheet,
                            struct ita_score_set *set, struct ita_diags *diags)
{
    ita_diags_init(diags, ITA_DIAG_DEFAULT_LIMIT);
    ita_score_set_init(set);
    struct ita_binder binder;
    struct ita_load_sink sink;
    ita_binder_begin(&binder, set, &h->frameworks, diags, "fuzz.xlsx", &sink);
    ita_diags_begin_file(diags);
    enum ita_status st = ita_xlsx_load_memory(data, size, "fuzz.xlsx", sheet, &sink, diags);
    ita_diags_end_file(diags, "fuzz.xlsx");
    ita_binder_end(&binder);
    return st;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    struct fuzz_harness *h = fuzz_harness();
    static const char *const sheets[] = {NULL, "1", "2", "Sheet1"};
    const char *sheet = sheets[data[0] & 3];
    data++;
    size--;
    struct ita_diags diags, again_diags;
    struct ita_score_set set, again_set;
    enum ita_status st = load(h, data, size, sheet, &set, &diags);
    enum ita_status again = load(h, data, size, sheet, &again_set, &again_diags);
    fuzz_same_result(&diags, &set, st, &again_diags, &again_set, again);
    ita_score_set_free(&again_set);
    ita_diags_free(&again_diags);
    if (st == ITA_OK && diags.errors == 0) {
        struct ita_analyze_options ao;
        ita_analyze_options_init(&ao);
        struct ita_analysis a;
        memset(&a, 0, sizeof a);
        struct ita_diags d;
        ita_diags_init(&d, ITA_DIAG_DEFAULT_LIMIT);
        if (ita_analyze(&set, &ao, &a, &d) == ITA_OK) {
            struct ita_render_options ro = {&h->texts[ITA_LANG_EN], false, NULL};
            struct ita_buf out;
            ita_buf_init(&out);
            ita_render_report_json(&a, &ro, &out);
            if (!out.failed) { /* what ita writes as JSON must parse */
                cJSON *json = cJSON_ParseWithLength(out.data, out.len);
                if (json == NULL)
                    abort();
                cJSON_Delete(json);
            }
            ita_buf_free(&out);
        }
        ita_analysis_free(&a);
        ita_diags_free(&d);
    }
    ita_score_set_free(&set);
    ita_diags_free(&diags);
    return 0;
}
