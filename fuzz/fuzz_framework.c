/* Fuzz target: framework JSON through the framework parser. When a framework
 * is accepted, every lookup is walked, and a scores file made from it (every
 * item and sub-question, some indicators) is bound, analysed and rendered, so
 * that an odd but valid framework cannot break the later stages either.
 * It also holds ita_json_parse to its promises: allocations never fail here, so
 * it must never say that memory ran out (else a bad file would be reported as
 * out of memory); and it reads every text as cJSON alone does (the same tree,
 * or the same error at the same place).
 * An accepted framework is also written in its compact form (ita/compact.h) and
 * read back, which must give the same framework (written again: the same bytes);
 * then one word of that form is changed as the input says and the form sealed
 * again (its hash made right), so that the compact reader's own checks, not the
 * hash, have to refuse what cannot be read.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ita/analyze.h"
#include "ita/bind.h"
#include "ita/compact.h"
#include "ita/framework.h"
#include "ita/load.h"
#include "ita/render.h"
#include "ita/texts.h"
#include "ita/util.h"

#include "fuzz_data.h"

static const struct ita_texts *texts(void)
{
    static struct ita_texts t;
    static int ready;
    if (!ready) {
        char dir[4096], path[4200];
        fuzz_data_dir(dir, sizeof dir);
        snprintf(path, sizeof path, "%s/texts/en.json", dir);
        struct ita_diags d;
        ita_diags_init(&d, 0);
        if (ita_texts_load(path, ITA_LANG_EN, NULL, &t, &d) != ITA_OK)
            abort();
        ita_diags_free(&d);
        ready = 1;
    }
    return &t;
}

static void walk(const struct ita_framework *fw)
{
    for (size_t i = 0; i < fw->item_count; i++) {
        const struct ita_fw_item *it = &fw->items[i];
        if (ita_framework_item(fw, it->tool, it->number) != it)
            abort();
        if (it->indicator >= fw->indicator_count)
            abort();
    }
    for (int64_t s = 0; s <= 10000; s += 250) {
        int64_t tools[ITA_TOOL_COUNT] = {s, 10000 - s, ITA_MISSING};
        if (ita_framework_rate(fw, s, tools) >= fw->band_count)
            abort();
    }
}

static void scores_csv(const struct ita_framework *fw, unsigned seed, struct ita_buf *csv)
{
    ita_buf_puts(csv, "year,indicator,item,sub,score\n");
    ita_buf_printf(csv, "%d,,,,%u.%02u\n", fw->year, seed % 101, seed % 100);
    for (size_t n = 0; n < fw->indicator_count; n += 3)
        ita_buf_printf(csv, "%d,%u,,,%u\n", fw->year, fw->indicators[n].number, (seed + (unsigned)n) % 101);
    for (size_t i = 0; i < fw->item_count; i++) {
        const struct ita_fw_item *it = &fw->items[i];
        unsigned v = (seed * 31u + (unsigned)i * 7u) % 10001u;
        if (it->tool == ITA_OIT && it->sub_count == 0)
            v = (v & 1) ? 10000 : 0;
        if (it->sub_count == 0 || (v & 2))
            ita_buf_printf(csv, "%d,,%s,,%u.%02u\n", fw->year, it->code, v / 100, v % 100);
        for (size_t k = 0; k < it->sub_count; k++)
            ita_buf_printf(csv, "%d,,%s,%zu,%u\n", fw->year, it->code, k + 1, (v + (unsigned)k) % 101);
    }
}

static void bind_and_analyze(struct ita_framework *fw, unsigned seed)
{
    struct ita_framework_set set;
    ita_framework_set_init(&set);
    set.loaded[0] = fw; /* the set now owns it */
    set.loaded_year[0] = fw->year;
    set.loaded_count = 1;
    struct ita_buf csv;
    ita_buf_init(&csv);
    scores_csv(fw, seed, &csv);
    struct ita_diags diags;
    ita_diags_init(&diags, ITA_DIAG_DEFAULT_LIMIT);
    struct ita_score_set scores;
    ita_score_set_init(&scores);
    struct ita_binder binder;
    struct ita_load_sink sink;
    ita_binder_begin(&binder, &scores, &set, &diags, "gen.csv", &sink);
    struct ita_loader *ld = ita_loader_new("gen.csv", ',', &sink, &diags);
    if (ld != NULL && !csv.failed) {
        enum ita_status st = ita_loader_feed(ld, csv.data, csv.len);
        if (st == ITA_OK)
            st = ita_loader_finish(ld);
        if (st == ITA_OK && diags.errors == 0) {
            struct ita_analyze_options ao;
            ita_analyze_options_init(&ao);
            struct ita_analysis a;
            memset(&a, 0, sizeof a);
            if (ita_analyze(&scores, &ao, &a, &diags) == ITA_OK) {
                struct ita_render_options ro = {texts(), false, NULL};
                struct ita_buf out;
                ita_buf_init(&out);
                ita_render_report_text(&a, &ro, &out);
                ita_render_report_json(&a, &ro, &out);
                ita_render_report_csv(&a, &ro, &out);
                ita_buf_free(&out);
            }
            ita_analysis_free(&a);
        }
    }
    ita_loader_free(&ld);
    ita_binder_end(&binder);
    ita_score_set_free(&scores);
    ita_diags_free(&diags);
    ita_buf_free(&csv);
    ita_framework_set_free(&set);
}

static void write_file(const char *path, const char *bytes, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (f == NULL || fwrite(bytes, 1, n, f) != n || fclose(f) != 0)
        abort();
}

/* The compact form of fw (read from text[0..size)) read back; then changed. */
static void compact_round_trip(const struct ita_framework *fw, const char *text, size_t size, unsigned seed)
{
    char json_path[64], form_path[64];
    snprintf(json_path, sizeof json_path, "/tmp/ita-fuzz-%ld.json", (long)getpid());
    snprintf(form_path, sizeof form_path, "/tmp/ita-fuzz-%ld.compact", (long)getpid());
    struct ita_buf form, again;
    ita_buf_init(&form);
    ita_buf_init(&again);
    ita_framework_compact_write(fw, text, size, &form);
    if (form.failed)
        abort();
    write_file(json_path, text, size);
    write_file(form_path, form.data, form.len);
    struct ita_framework *back = ita_framework_compact_load(json_path, form_path);
    if (back == NULL)
        abort();
    walk(back);
    ita_framework_compact_write(back, text, size, &again);
    if (again.len != form.len || memcmp(again.data, form.data, form.len) != 0)
        abort();
    ita_framework_free(&back);
    /* one 32-bit word after the 48 bytes of the header changed, the body's hash
     * (at byte 32) made right again */
    size_t words = (form.len - 48) / 4;
    if (words > 0) {
        size_t at = 48 + 4 * (seed % words);
        uint32_t w;
        memcpy(&w, form.data + at, 4);
        static const uint32_t changes[] = {1, 0xFFFFFFFFu, 0x80000000u, 0x10000u};
        w = seed & 64 ? w ^ changes[(seed >> 8) % 4] : w + changes[(seed >> 8) % 4];
        memcpy(form.data + at, &w, 4);
        uint64_t body = ita_compact_hash(form.data + 48, form.len - 48);
        memcpy(form.data + 32, &body, sizeof body);
        write_file(form_path, form.data, form.len);
        back = ita_framework_compact_load(json_path, form_path);
        if (back != NULL)
            walk(back);
        ita_framework_free(&back);
    }
    unlink(json_path);
    unlink(form_path);
    ita_buf_free(&form);
    ita_buf_free(&again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* the parsers want a NUL after the text, as ita_read_file leaves it */
    char *text = malloc(size + 1);
    if (text == NULL)
        abort();
    memcpy(text, data, size);
    text[size] = '\0';
    size_t at_line, at_column;
    struct ita_json json;
    enum ita_status js = ita_json_parse(text, size, &json, &at_line, &at_column);
    if (js == ITA_ERR_NOMEM)
        abort();
    /* the reading in place and cJSON's: the same tree, or the same error at the same place */
    size_t cj_line, cj_column;
    struct ita_json cj;
    enum ita_status cs = ita_json_parse_cjson(text, size, &cj, &cj_line, &cj_column);
    if (cs != js || (js == ITA_OK && !ita_json_same(json.root, cj.root)) ||
        (js != ITA_OK && (cj_line != at_line || cj_column != at_column)))
        abort();
    ita_json_free(&cj);
    ita_json_free(&json);
    struct ita_diags diags;
    ita_diags_init(&diags, ITA_DIAG_DEFAULT_LIMIT);
    struct ita_framework *fw = NULL;
    enum ita_status st = ita_framework_parse(text, size, "fuzz.json", &fw, &diags);
    char line[2048];
    for (size_t i = 0; i < diags.count; i++)
        ita_diag_format(&diags.items[i], line, sizeof line);
    ita_diags_free(&diags);
    if (st == ITA_OK) {
        walk(fw);
        unsigned seed = 0;
        for (size_t i = 0; i < size; i++)
            seed = seed * 33u + data[i];
        compact_round_trip(fw, text, size, seed);
        bind_and_analyze(fw, seed);
    }
    free(text);
    return 0;
}
