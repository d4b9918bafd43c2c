/* ita frameworks [YEAR] and ita template --year Y. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char *status_name(const struct ita_framework *fw)
{
    return fw->provisional ? "provisional" : "established";
}

static void list_text(struct ita_buf *out, const struct ita_framework *fw, enum ita_lang lang)
{
    char pass[ITA_CENTS_BUFSZ];
    ita_buf_printf(out, "%d  FY%d  %-11s  %-6s  %zu indicators  %zu items  %zu sub-questions  pass %s",
                   fw->year, fw->year - 543, status_name(fw),
                   fw->scheme == ITA_RATING_GRADES ? "grades" : "levels", fw->indicator_count, fw->item_count,
                   fw->sub_count, ita_cents_format(fw->pass_mark, pass));
    ita_buf_printf(out, "  (");
    for (size_t b = 0; b < fw->band_count; b++)
        ita_buf_printf(out, "%s%s", b ? ", " : "", ita_render_band_name(fw, b, lang));
    ita_buf_puts(out, ")\n");
}

static void json_text(struct ita_buf *out, const char *key, const struct ita_fw_text *t)
{
    ita_buf_printf(out, "\"%s_th\":", key);
    ita_buf_json_string(out, t->th ? t->th : "");
    ita_buf_printf(out, ",\"%s_en\":", key);
    ita_buf_json_string(out, t->en ? t->en : "");
}

static void summary_json(struct ita_buf *out, const struct ita_framework *fw)
{
    char pass[ITA_CENTS_BUFSZ];
    ita_buf_printf(out, "{\"year\":%d,\"year_ce\":%d,\"status\":\"%s\",\"rating\":\"%s\",\"pass\":%s,"
                        "\"indicators\":%zu,\"items\":%zu,\"sub_questions\":%zu,",
                   fw->year, fw->year - 543, status_name(fw), fw->scheme == ITA_RATING_GRADES ? "grades" : "levels",
                   ita_cents_format(fw->pass_mark, pass), fw->indicator_count, fw->item_count, fw->sub_count);
    json_text(out, "name", &fw->name);
    ita_buf_puts(out, ",\"bands\":[");
    for (size_t b = 0; b < fw->band_count; b++) {
        char m[ITA_CENTS_BUFSZ], t[ITA_CENTS_BUFSZ];
        ita_buf_printf(out, "%s{", b ? "," : "");
        json_text(out, "name", &fw->bands[b].name);
        ita_buf_printf(out, ",\"min\":%s,\"tool_min\":%s,\"pass\":%s}", ita_cents_format(fw->bands[b].min, m),
                       fw->bands[b].tool_min == ITA_MISSING ? "null" : ita_cents_format(fw->bands[b].tool_min, t),
                       fw->bands[b].pass ? "true" : "false");
    }
    ita_buf_puts(out, "]");
}

static void full_json(struct ita_buf *out, const struct ita_framework *fw)
{
    summary_json(out, fw);
    ita_buf_puts(out, ",\"tools\":[");
    for (int t = 0; t < ITA_TOOL_COUNT; t++) {
        char w[ITA_CENTS_BUFSZ];
        ita_buf_printf(out, "%s{\"code\":\"%s\",", t ? "," : "", ita_tool_code((enum ita_tool)t));
        json_text(out, "name", &fw->tools[t].name);
        ita_buf_printf(out, ",\"weight\":%s}", ita_cents_format(fw->tools[t].weight, w));
    }
    ita_buf_puts(out, "],\"indicator_list\":[");
    for (size_t n = 0; n < fw->indicator_count; n++) {
        const struct ita_fw_indicator *ind = &fw->indicators[n];
        char w[ITA_CENTS_BUFSZ];
        ita_buf_printf(out, "%s{\"number\":%u,\"tool\":\"%s\",\"weight\":%s,", n ? "," : "", ind->number,
                       ita_tool_code(ind->tool), ita_cents_format(ind->weight, w));
        json_text(out, "name", &ind->name);
        ita_buf_puts(out, ",\"sub_indicators\":[");
        for (size_t s = 0; s < ind->sub_indicator_count; s++) {
            const struct ita_fw_sub_indicator *si = &fw->sub_indicators[ind->first_sub_indicator + s];
            ita_buf_printf(out, "%s{\"code\":", s ? "," : "");
            ita_buf_json_string(out, si->code);
            ita_buf_putc(out, ',');
            json_text(out, "name", &si->name);
            ita_buf_putc(out, '}');
        }
        ita_buf_puts(out, "],\"items\":[");
        for (size_t i = 0; i < ind->item_count; i++) {
            const struct ita_fw_item *it = &fw->items[ind->first_item + i];
            ita_buf_printf(out, "%s{\"code\":\"%s\",\"sub_indicator\":", i ? "," : "", it->code);
            if (it->sub_indicator == SIZE_MAX)
                ita_buf_puts(out, "null");
            else
                ita_buf_json_string(out, fw->sub_indicators[it->sub_indicator].code);
            ita_buf_putc(out, ',');
            json_text(out, "text", &it->text);
            const char *prev = ita_fw_item_previous_code(it);
            ita_buf_puts(out, ",\"previous_code\":");
            if (prev == NULL)
                ita_buf_puts(out, "null");
            else
                ita_buf_json_string(out, prev);
            ita_buf_printf(out, ",\"reworded\":%s", it->reworded ? "true" : "false");
            ita_buf_puts(out, ",\"subs\":[");
            for (size_t s = 0; s < it->sub_count; s++) {
                ita_buf_printf(out, "%s{\"number\":%zu,", s ? "," : "", s + 1);
                json_text(out, "text", &it->subs[s]);
                ita_buf_putc(out, '}');
            }
            ita_buf_puts(out, "]}");
        }
        ita_buf_puts(out, "]}");
    }
    ita_buf_puts(out, "]}");
}

/* Where the item's question was asked the year before, when not under the same code. */
static void previous_text(struct ita_buf *out, const struct ita_framework *fw, const struct ita_fw_item *it)
{
    const char *prev = ita_fw_item_previous_code(it);
    if (prev == NULL)
        ita_buf_printf(out, "  [new in %d]", fw->year);
    else if (strcmp(prev, it->code) != 0 || it->reworded)
        ita_buf_printf(out, "  [%d: %s%s]", fw->year - 1, prev, it->reworded ? ", reworded" : "");
}

static void full_text(struct ita_buf *out, const struct ita_framework *fw, enum ita_lang lang)
{
    ita_buf_printf(out, "%s\n", ita_render_text(&fw->name, lang));
    list_text(out, fw, lang);
    if (fw->provisional)
        ita_buf_puts(out, "This framework is provisional: its item lists and rating rules are not confirmed by NACC.\n");
    for (int t = 0; t < ITA_TOOL_COUNT; t++) {
        const struct ita_fw_tool *tool = &fw->tools[t];
        char w[ITA_CENTS_BUFSZ];
        ita_buf_printf(out, "\n%s  %s  (%s%%)\n", ita_tool_code((enum ita_tool)t), ita_render_text(&tool->name, lang),
                       ita_cents_format(tool->weight, w));
        for (size_t n = tool->first_indicator; n < tool->first_indicator + tool->indicator_count; n++) {
            const struct ita_fw_indicator *ind = &fw->indicators[n];
            ita_buf_printf(out, "  %u. %s  (%s%%)\n", ind->number, ita_render_text(&ind->name, lang),
                           ita_cents_format(ind->weight, w));
            size_t si_shown = SIZE_MAX;
            for (size_t i = ind->first_item; i < ind->first_item + ind->item_count; i++) {
                const struct ita_fw_item *it = &fw->items[i];
                if (it->sub_indicator != SIZE_MAX && it->sub_indicator != si_shown) {
                    si_shown = it->sub_indicator;
                    ita_buf_printf(out, "     %s %s\n", fw->sub_indicators[si_shown].code,
                                   ita_render_text(&fw->sub_indicators[si_shown].name, lang));
                }
                ita_buf_printf(out, "     %-4s %s", it->code, ita_render_text(&it->text, lang));
                previous_text(out, fw, it);
                ita_buf_putc(out, '\n');
                for (size_t s = 0; s < it->sub_count; s++)
                    ita_buf_printf(out, "          %zu. %s\n", s + 1, ita_render_text(&it->subs[s], lang));
            }
        }
    }
}

/* The framework file itself, byte for byte: what --framework reads, with every
 * key, note and source it holds, ready to be corrected. */
static int export_file(struct ita_buf *out, const struct ita_framework *fw)
{
    char *text = NULL;
    size_t len = 0;
    int err = ita_read_file(fw->path, 1u << 24, &text, &len);
    if (err != 0) {
        if (err == ENOMEM) {
            fputs("ita: out of memory\n", stderr);
        } else {
            fprintf(stderr, "ita: %s: %s\n", fw->path, strerror(err));
        }
        return ITA_EXIT_IO;
    }
    ita_buf_append(out, text, len);
    free(text);
    return ITA_EXIT_OK;
}

int cmd_frameworks(int argc, char **argv)
{
    struct cli_options o;
    int begun = cli_begin("frameworks", argc, argv, "format,output,help,lang,framework,export",
                          CLI_FORMATS_TEXT_JSON, false, &o);
    if (begun != CLI_GO_ON)
        return begun;
    int year = 0;
    if (o.file_count > 1) {
        cli_usage_error("frameworks", "give at most one year");
        return ITA_EXIT_USAGE;
    }
    if (o.export_file && o.format_set) {
        cli_usage_error("frameworks", "--export writes the framework file itself; leave out --format");
        return ITA_EXIT_USAGE;
    }
    if (o.export_file && o.file_count == 0 && o.framework == NULL) {
        cli_usage_error("frameworks", "--export needs a YEAR");
        return ITA_EXIT_USAGE;
    }
    if (o.file_count == 1) {
        char *end;
        long y = strtol(o.files[0], &end, 10);
        year = *end == '\0' ? ita_year_to_be(y) : 0;
        if (year == 0) {
            cli_usage_error("frameworks", "'%s' is not a fiscal year (B.E. such as 2565, or C.E. such as 2022)", o.files[0]);
            return ITA_EXIT_USAGE;
        }
    }
    struct cli_context c;
    int status = cli_context_init(&c, &o);
    struct ita_buf out;
    ita_buf_init(&out);
    if (status == ITA_EXIT_OK) {
        int years[64];
        size_t n;
        if (o.framework != NULL) {
            enum ita_status st;
            ita_framework_set_get(&c.frameworks, 0, &st, &c.diags);
            n = ita_framework_set_years(&c.frameworks, years, 64);
            if (n == 0)
                status = cli_exit_for(st == ITA_OK ? ITA_ERR_DATA : st, ITA_EXIT_DATA);
        } else {
            n = ita_framework_set_years(&c.frameworks, years, 64);
        }
        bool json = o.format == ITA_FORMAT_JSON;
        if (year != 0) {
            bool have = false;
            for (size_t i = 0; i < n; i++)
                have |= years[i] == year;
            if (!have && status == ITA_EXIT_OK) {
                fprintf(stderr, "ita: no framework for %d", year);
                if (n > 0)
                    fprintf(stderr, " (built-in years: %d to %d)", years[0], years[n - 1]);
                fputc('\n', stderr);
                status = ITA_EXIT_USAGE;
            }
            n = have ? 1 : 0;
            years[0] = year;
        }
        if (json && status == ITA_EXIT_OK)
            ita_buf_printf(&out, "{\"schema\":%d,\"command\":\"frameworks\",\"frameworks\":[", ITA_JSON_SCHEMA);
        for (size_t i = 0; i < n && status == ITA_EXIT_OK; i++) {
            enum ita_status st;
            const struct ita_framework *fw = ita_framework_set_get(&c.frameworks, years[i], &st, &c.diags);
            if (fw == NULL) {
                status = cli_exit_for(st == ITA_OK ? ITA_ERR_DATA : st, ITA_EXIT_DATA);
                break;
            }
            if (o.export_file) {
                status = export_file(&out, fw);
            } else if (json) {
                if (i > 0)
                    ita_buf_putc(&out, ',');
                if (year != 0) {
                    full_json(&out, fw);
                } else {
                    summary_json(&out, fw);
                    ita_buf_putc(&out, '}');
                }
            } else if (year != 0) {
                full_text(&out, fw, o.lang);
            } else {
                list_text(&out, fw, o.lang);
            }
        }
        if (json && status == ITA_EXIT_OK)
            ita_buf_puts(&out, "]}\n");
        cli_print_diags(&c.diags);
    }
    if (status == ITA_EXIT_OK)
        status = cli_write_output(o.output, &out);
    ita_buf_free(&out);
    cli_context_free(&c);
    return status;
}

struct template_workbook {
    const struct ita_framework *fw;
    const struct ita_xlsx_options *xo;
};

static enum ita_status template_workbook(const char *path, const void *ctx, struct ita_diags *diags)
{
    const struct template_workbook *w = ctx;
    return ita_xlsx_template(w->fw, w->xo->texts->lang, w->xo, path, diags);
}

int cmd_template(int argc, char **argv)
{
    struct cli_options o;
    int begun = cli_begin("template", argc, argv, "format,output,help,lang,year,framework",
                          CLI_FORMAT(ITA_FORMAT_TEXT) | CLI_FORMAT(ITA_FORMAT_CSV) | CLI_FORMAT(ITA_FORMAT_XLSX),
                          false, &o);
    if (begun != CLI_GO_ON)
        return begun;
    if (o.year == 0) {
        cli_usage_error("template", "--year is required");
        return ITA_EXIT_USAGE;
    }
    if (o.file_count > 0) {
        cli_usage_error("template", "template reads no file ('%s')", o.files[0]);
        return ITA_EXIT_USAGE;
    }
    /* the labels (and the texts of a workbook) are Thai unless English is asked for explicitly */
    bool english = false;
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--lang=en") == 0 || (strcmp(argv[i], "--lang") == 0 && i + 1 < argc && strcmp(argv[i + 1], "en") == 0))
            english = true;
    o.lang = english ? ITA_LANG_EN : ITA_LANG_TH;
    struct cli_context c;
    int status = cli_context_init(&c, &o);
    const struct ita_framework *fw = NULL;
    if (status == ITA_EXIT_OK) {
        enum ita_status st;
        fw = ita_framework_set_get(&c.frameworks, o.year, &st, &c.diags);
        if (fw == NULL) {
            if (st == ITA_ERR_DATA && c.diags.count == 0)
                fprintf(stderr, "ita: no framework for %d\n", o.year);
            cli_print_diags(&c.diags);
            status = cli_exit_for(st, ITA_EXIT_USAGE);
        }
    }
    if (status == ITA_EXIT_OK && o.format == ITA_FORMAT_XLSX) {
        struct ita_xlsx_options xo;
        status = cli_workbook_options("template", &c, &xo);
        struct template_workbook w = {fw, &xo};
        if (status == ITA_EXIT_OK)
            status = cli_write_workbook(o.output, template_workbook, &w, &c);
    } else if (status == ITA_EXIT_OK) {
        struct ita_buf out;
        ita_buf_init(&out);
        ita_render_template_csv(fw, &c.texts, &out);
        status = cli_write_output(o.output, &out);
        ita_buf_free(&out);
    }
    cli_context_free(&c);
    return status;
}
