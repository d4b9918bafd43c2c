/* ita report and ita check. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "ita/measures.h"
#include "ita/history.h"
#include "ita/peers.h"

static const char report_options[] =
    "format,output,help,lang,year,base-year,agency,maintain-above,urgent-below,framework,fail-under,color,"
    "measures,peers,peers-by,history,no-history,sheet,jobs";
static const char check_options[] = "format,output,help,framework,strict,lang,year,sheet";

static int gate(const struct ita_analysis *a, int64_t mark)
{
    if (mark == ITA_MISSING)
        return ITA_EXIT_OK;
    int status = ITA_EXIT_OK;
    char m[ITA_CENTS_BUFSZ], s[ITA_CENTS_BUFSZ];
    for (size_t i = 0; i < a->count; i++) {
        const struct ita_report *r = &a->reports[i];
        if (r->overall.score == ITA_MISSING || r->overall.score < mark) {
            if (r->overall.score == ITA_MISSING)
                fprintf(stderr, "ita: --fail-under %s: \"%s\" has no overall score for %d\n",
                        ita_cents_format(mark, m), r->agency->name, r->year);
            else
                fprintf(stderr, "ita: --fail-under %s: \"%s\" scored %s in %d\n", ita_cents_format(mark, m),
                        r->agency->name, ita_cents_format(r->overall.score, s), r->year);
            status = ITA_EXIT_GATE;
        }
    }
    return status;
}

/* -o DIR/ (or an existing directory): one document per agency. */
static bool output_is_dir(const char *path)
{
    if (path == NULL || strcmp(path, "-") == 0)
        return false;
    size_t n = strlen(path);
    struct stat st;
    return (n > 0 && path[n - 1] == '/') || (stat(path, &st) == 0 && S_ISDIR(st.st_mode));
}

static int load_measures(struct cli_context *c, const char *path, const struct ita_score_set *set,
                         struct ita_measures *m)
{
    FILE *in = fopen(path, "rb");
    if (in == NULL) {
        fprintf(stderr, "ita: %s: %s\n", path, strerror(errno));
        return ITA_EXIT_IO;
    }
    struct stat st;
    if (fstat(fileno(in), &st) == 0 && S_ISDIR(st.st_mode)) {
        fprintf(stderr, "ita: %s: is a directory\n", path);
        fclose(in);
        return ITA_EXIT_IO;
    }
    ita_diags_begin_file(&c->diags);
    enum ita_status ms = ita_measures_load(in, path, set, m, &c->diags);
    ita_diags_end_file(&c->diags, path);
    fclose(in);
    cli_print_diags(&c->diags);
    if (ms == ITA_ERR_NOMEM) {
        fputs("ita: out of memory\n", stderr);
        return ITA_EXIT_IO;
    }
    return ms == ITA_OK ? ITA_EXIT_OK : ms == ITA_ERR_IO ? ITA_EXIT_IO : ITA_EXIT_DATA;
}

/* --peers FILE...: read like the input files, then each report's place among them:
 * at once for an analysis in full; for one of headlines, the peers ranked in *pk
 * and each report placed as cli_report_compute computes it. */
static int load_peers(struct cli_context *c, const struct cli_options *o, const struct ita_score_set *set,
                      struct ita_score_set *peers, struct ita_analysis *a, bool headlines,
                      struct ita_peers_ranking *pk)
{
    struct cli_options po = *o;
    po.files = po.peers;
    po.file_count = o->peer_count;
    int status = cli_load_files(c, &po, peers);
    if (status != ITA_EXIT_OK)
        return status;
    enum ita_status st = headlines ? ita_peers_rank(pk, a->year, set, peers, o->peers_by, &c->diags)
                                   : ita_peers_attach(a, set, peers, o->peers_by, &c->diags);
    if (st == ITA_OK && headlines)
        c->peers = pk;
    cli_print_diags(&c->diags);
    return cli_exit_for(st, ITA_EXIT_DATA);
}

/* The reports a workbook holds. */
struct report_workbook {
    const struct ita_analysis *a;
    size_t first, count;
    const struct ita_xlsx_options *xo;
};

static enum ita_status report_workbook(const char *path, const void *ctx, struct ita_diags *diags)
{
    const struct report_workbook *w = ctx;
    return ita_xlsx_report(w->a, w->first, w->count, w->xo, path, diags);
}

/* Renders and writes the md or html document of every report, or the workbook of
 * them all (one each with -o DIR/). */
/* history: for an analysis of headlines (ita_analyze_options.headlines), -1
 * without history, 0 with it by default, 1 asked for; -2 for a full analysis. */
static int write_documents(struct cli_context *c, const struct cli_options *o, const struct ita_score_set *set,
                           const struct ita_analysis *a, int history)
{
    bool to_dir = output_is_dir(o->output);
    bool xlsx = o->format == ITA_FORMAT_XLSX;
    if (!to_dir && a->count > 1 && !xlsx) {
        cli_usage_error("report", "the data holds %zu agencies for %d; pick one with --agency NAME, "
                                  "or write one document each with -o DIR/", a->count, a->year);
        return ITA_EXIT_USAGE;
    }
    struct ita_measures m;
    ita_measures_init(&m, a->reports[0].fw);
    int status = ITA_EXIT_OK;
    if (o->measures != NULL)
        status = load_measures(c, o->measures, set, &m);
    /* md and html make their directory themselves (documents.c) */
    if (status == ITA_EXIT_OK && to_dir && xlsx) {
        struct stat st;
        if (stat(o->output, &st) != 0 && mkdir(o->output, 0777) != 0) {
            fprintf(stderr, "ita: cannot create %s: %s\n", o->output, strerror(errno));
            status = ITA_EXIT_IO;
        }
    }
    /* the agencies without scores for the year get no document: say so */
    for (size_t w = 0; w < a->note_count && status == ITA_EXIT_OK; w++) {
        struct ita_buf msg;
        ita_buf_init(&msg);
        ita_render_note(&msg, &c->texts, &a->notes[w]);
        fprintf(stderr, "ita: warning: %s\n", ita_buf_str(&msg));
        ita_buf_free(&msg);
    }
    struct ita_render_options ro = {&c->texts, false, o->measures != NULL ? &m : NULL};
    struct ita_xlsx_options xo;
    if (status == ITA_EXIT_OK && xlsx) {
        status = cli_workbook_options("report", c, &xo);
        xo.measures = ro.measures;
    }
    if (status == ITA_EXIT_OK && xlsx && !to_dir) {
        struct report_workbook w = {a, 0, a->count, &xo};
        status = cli_write_workbook(o->output, report_workbook, &w, c);
        ita_measures_free(&m);
        return status;
    }
    if (status == ITA_EXIT_OK && to_dir && !xlsx) {
        status = cli_write_document_dir(c, o, a, &ro, history);
        ita_measures_free(&m);
        return status;
    }
    char **names = calloc(a->count, sizeof *names);
    if (status == ITA_EXIT_OK && to_dir && (names == NULL || !cli_document_names(a, false, names))) {
        fputs("ita: out of memory\n", stderr);
        status = ITA_EXIT_IO;
    }
    for (size_t i = 0; i < a->count && status == ITA_EXIT_OK; i++) {
        if (!to_dir) {
            /* one agency: its document to the output */
            struct ita_buf out;
            ita_buf_init(&out);
            if (o->format == ITA_FORMAT_MD)
                ita_render_document_md(a, i, &ro, &out);
            else
                ita_render_document_html(a, i, &ro, &out);
            status = cli_write_output(o->output, &out);
            ita_buf_free(&out);
            continue;
        }
        /* DIR/slug.xlsx */
        struct ita_buf path;
        ita_buf_init(&path);
        ita_buf_puts(&path, o->output);
        if (path.len > 0 && path.data[path.len - 1] != '/')
            ita_buf_putc(&path, '/');
        ita_buf_printf(&path, "%s.xlsx", names[i]);
        if (path.failed) {
            fputs("ita: out of memory\n", stderr);
            status = ITA_EXIT_IO;
        } else if (history == -2) {
            struct report_workbook w = {a, i, 1, &xo};
            status = cli_write_workbook(path.data, report_workbook, &w, c);
        } else {
            /* an analysis of headlines: this agency's report in full, then freed */
            struct ita_report r;
            enum ita_status st = cli_report_compute(c, o, a, i, history, &r);
            cli_print_diags(&c->diags);
            status = cli_exit_for(st, ITA_EXIT_DATA);
            if (status == ITA_EXIT_OK) {
                struct ita_analysis view = *a;
                view.reports = &r;
                view.count = 1;
                struct report_workbook w = {&view, 0, 1, &xo};
                status = cli_write_workbook(path.data, report_workbook, &w, c);
                ita_report_free(&r);
            }
        }
        ita_buf_free(&path);
    }
    for (size_t i = 0; names != NULL && i < a->count; i++)
        free(names[i]);
    free(names);
    ita_measures_free(&m);
    return status;
}

/* text, json or csv: each report computed in full (history as for write_documents),
 * rendered, written (or held) and freed in turn */
static int write_parts(struct cli_context *c, const struct cli_options *o, const struct ita_analysis *a, int history)
{
    const struct ita_report_parts *p = o->format == ITA_FORMAT_JSON  ? &ita_report_parts_json
                                       : o->format == ITA_FORMAT_CSV ? &ita_report_parts_csv
                                                                     : &ita_report_parts_text;
    struct ita_render_options ro = {&c->texts, o->format == ITA_FORMAT_TEXT && cli_use_color(o), NULL};
    struct cli_out w;
    int status = cli_out_begin(&w, o->output);
    if (status != ITA_EXIT_OK)
        return status;
    p->head(a, &ro, &w.held);
    for (size_t k = 0; k < a->count && status == ITA_EXIT_OK; k++) {
        struct ita_report r;
        enum ita_status st = cli_report_compute(c, o, a, k, history, &r);
        if (st != ITA_OK) {
            cli_print_diags(&c->diags);
            status = cli_exit_for(st, ITA_EXIT_DATA);
            break;
        }
        p->one(a, &r, k, &ro, &w.held);
        if (history != -2)
            ita_report_free(&r);
        status = cli_out_flush(&w);
    }
    if (status == ITA_EXIT_OK)
        p->tail(a, &ro, &w.held);
    cli_print_diags(&c->diags);
    return cli_out_end(&w, status);
}

int cmd_report(int argc, char **argv)
{
    struct cli_options o;
    int begun = cli_begin("report", argc, argv, report_options,
                          CLI_FORMATS_ALL | CLI_FORMAT(ITA_FORMAT_XLSX), true, &o);
    if (begun != CLI_GO_ON)
        return begun;
    bool document = o.format == ITA_FORMAT_MD || o.format == ITA_FORMAT_HTML || o.format == ITA_FORMAT_XLSX;
    if (o.measures != NULL && !document) {
        cli_usage_error("report", "--measures goes with --format md, html or xlsx");
        return ITA_EXIT_USAGE;
    }
    if (o.peer_count > 0 && (o.format == ITA_FORMAT_CSV || o.format == ITA_FORMAT_XLSX)) {
        cli_usage_error("report", "--peers goes with --format text, json, md or html");
        return ITA_EXIT_USAGE;
    }
    if (o.peers_by != NULL && o.peer_count == 0) {
        cli_usage_error("report", "--peers-by goes with --peers FILE");
        return ITA_EXIT_USAGE;
    }
    struct cli_context c;
    int status = cli_context_init(&c, &o);
    struct ita_score_set set, peers;
    ita_score_set_init(&set);
    ita_score_set_init(&peers);
    struct ita_analysis analysis;
    memset(&analysis, 0, sizeof analysis);
    /* md, html or xlsx of every agency into a directory, and text, json and csv: the
     * analysis keeps headlines, each report is computed in full as it is written
     * (documents.c, write_parts), so memory holds one report, not every agency's;
     * --peers places each among the peers as it is computed (the peers ranked once) */
    bool headlines = (document && output_is_dir(o.output)) || !document;
    struct ita_peers_ranking ranked;
    memset(&ranked, 0, sizeof ranked);
    if (status == ITA_EXIT_OK)
        status = cli_load_and_analyze(&c, &o, &set, &analysis, &headlines);
    if (status == ITA_EXIT_OK && o.peer_count > 0)
        status = load_peers(&c, &o, &set, &peers, &analysis, headlines, &ranked);
    /* the history: asked for, or by default in json, md and html (md and html show it from 3 years) */
    bool history = o.history == 1 || (o.history == -1 && (o.format == ITA_FORMAT_JSON || o.format == ITA_FORMAT_MD ||
                                                         o.format == ITA_FORMAT_HTML));
    if (status == ITA_EXIT_OK && history && !headlines) {
        enum ita_status st = ita_history_attach(&analysis, &c.frameworks, o.history == 1, &c.diags);
        cli_print_diags(&c.diags);
        status = cli_exit_for(st, ITA_EXIT_DATA);
    }
    if (status == ITA_EXIT_OK && document) {
        status = write_documents(&c, &o, &set, &analysis, headlines ? (history ? o.history == 1 : -1) : -2);
        if (status == ITA_EXIT_OK)
            status = gate(&analysis, o.fail_under);
    } else if (status == ITA_EXIT_OK) {
        status = write_parts(&c, &o, &analysis, headlines ? (history ? o.history == 1 : -1) : -2);
        if (status == ITA_EXIT_OK)
            status = gate(&analysis, o.fail_under);
    }
    ita_analysis_free(&analysis);
    ita_peers_ranking_free(&ranked);
    ita_score_set_free(&set);
    ita_score_set_free(&peers);
    cli_context_free(&c);
    return status;
}

/* ita check --framework FILE without score files: the framework file alone,
 * every problem listed with its JSON path. */
static int check_framework_alone(const struct cli_options *o)
{
    struct ita_diags diags;
    ita_diags_init(&diags, ITA_DIAG_DEFAULT_LIMIT);
    struct ita_framework *fw = NULL;
    enum ita_status st = ita_framework_load(o->framework, &fw, &diags);
    size_t problems = diags.errors;
    cli_print_diags(&diags);
    ita_diags_free(&diags);
    int status = st == ITA_OK ? ITA_EXIT_OK : cli_exit_for(st, ITA_EXIT_DATA);
    if (st == ITA_OK || st == ITA_ERR_DATA) {
        struct ita_buf out;
        ita_buf_init(&out);
        if (o->format == ITA_FORMAT_JSON) {
            ita_buf_printf(&out, "{\"schema\":%d,\"command\":\"check\",\"ok\":%s,\"framework\":", ITA_JSON_SCHEMA,
                           fw != NULL ? "true" : "false");
            ita_buf_json_string(&out, o->framework);
            if (fw != NULL)
                ita_buf_printf(&out, ",\"year\":%d,\"status\":\"%s\",\"indicators\":%zu,\"items\":%zu,"
                                     "\"sub_questions\":%zu", fw->year, fw->provisional ? "provisional" : "established",
                               fw->indicator_count, fw->item_count, fw->sub_count);
            ita_buf_printf(&out, ",\"problems\":%zu}\n", problems);
        } else if (fw != NULL) {
            ita_buf_printf(&out, "ok: framework %s: %d, %s, %zu indicators, %zu items, %zu sub-questions\n",
                           o->framework, fw->year, fw->provisional ? "provisional" : "established",
                           fw->indicator_count, fw->item_count, fw->sub_count);
        } else {
            ita_buf_printf(&out, "invalid: framework %s: %zu problem%s\n", o->framework, problems,
                           problems == 1 ? "" : "s");
        }
        int ws = cli_write_output(o->output, &out);
        ita_buf_free(&out);
        if (ws != ITA_EXIT_OK)
            status = ws;
    }
    ita_framework_free(&fw);
    return status;
}

int cmd_check(int argc, char **argv)
{
    struct cli_options o;
    int begun = cli_begin("check", argc, argv, check_options,
                          CLI_FORMATS_TEXT_JSON, false, &o);
    if (begun != CLI_GO_ON)
        return begun;
    if (o.file_count == 0 && o.framework != NULL)
        return check_framework_alone(&o);
    if (o.file_count == 0) {
        cli_usage_error("check", CLI_NO_INPUT);
        return ITA_EXIT_USAGE;
    }
    struct cli_context c;
    int status = cli_context_init(&c, &o);
    if (status != ITA_EXIT_OK) {
        cli_context_free(&c);
        return status;
    }
    struct ita_score_set set;
    ita_score_set_init(&set);
    size_t warnings_before = 0;
    status = cli_load_files(&c, &o, &set);
    warnings_before = c.diags.warnings;
    bool json = o.format == ITA_FORMAT_JSON;
    if (c.blank_cells > 0 && !json) {
        /* one line for all of them: a template filled in part is not a problem */
        char count[32];
        snprintf(count, sizeof count, "%zu", c.blank_cells);
        const char *args[] = {count};
        struct ita_buf msg;
        ita_buf_init(&msg);
        ita_texts_fill(&msg, &c.texts, c.blank_cells == 1 ? "check_blank_one" : "check_blank_many", args, 1);
        fprintf(stderr, "ita: %s\n", ita_buf_str(&msg));
        ita_buf_free(&msg);
    }
    /* the audit: every agency, every year */
    struct ita_buf audit;
    ita_buf_init(&audit);
    size_t audit_count = 0, years = 0;
    if (json)
        ita_buf_puts(&audit, "[");
    for (size_t i = 0; i < set.count && status != ITA_EXIT_IO; i++) {
        const struct ita_agency *ag = &set.agencies[i];
        for (size_t y = 0; y < ag->year_count; y++) {
            struct ita_report r;
            years++;
            enum ita_status rs = ita_report_compute(ag, &ag->years[y], 9750, 9500, &r);
            if (rs != ITA_OK) {
                status = cli_exit_for(rs, ITA_EXIT_DATA);
                break;
            }
            for (size_t w = 0; w < r.audit_count; w++) {
                struct ita_buf msg;
                ita_buf_init(&msg);
                ita_render_note(&msg, &c.texts, &r.notes[w]);
                const char *m = ita_buf_str(&msg);
                if (json) {
                    if (audit_count > 0)
                        ita_buf_putc(&audit, ',');
                    ita_buf_printf(&audit, "{\"agency\":");
                    ita_buf_json_string(&audit, ag->name);
                    ita_buf_printf(&audit, ",\"year\":%d,\"message\":", r.year);
                    ita_buf_json_string(&audit, m);
                    ita_buf_putc(&audit, '}');
                } else {
                    fprintf(stderr, "ita: warning: \"%s\", %d: %s\n", ag->name, r.year, m);
                }
                ita_buf_free(&msg);
                audit_count++;
            }
            ita_report_free(&r);
        }
    }
    if (json)
        ita_buf_puts(&audit, "]");
    if (status == ITA_EXIT_OK && o.strict && (audit_count > 0 || warnings_before > 0))
        status = ITA_EXIT_DATA;
    if (status != ITA_EXIT_IO) {
        struct ita_buf out;
        ita_buf_init(&out);
        if (json) {
            ita_buf_printf(&out, "{\"schema\":%d,\"command\":\"check\",\"ok\":%s,\"files\":%d,\"agencies\":%zu,"
                                 "\"agency_years\":%zu,\"input_warnings\":%zu,\"blank_cells\":%zu,\"audit\":%s}\n",
                           ITA_JSON_SCHEMA, status == ITA_EXIT_OK ? "true" : "false", o.file_count, set.count,
                           years, warnings_before, c.blank_cells, audit.data ? audit.data : "[]");
        } else {
            ita_buf_printf(&out, "%s: %d file%s, %zu agenc%s, %zu agency-year%s, %zu warning%s\n",
                           status == ITA_EXIT_OK ? "ok" : "invalid", o.file_count, o.file_count == 1 ? "" : "s",
                           set.count, set.count == 1 ? "y" : "ies", years, years == 1 ? "" : "s",
                           warnings_before + audit_count, warnings_before + audit_count == 1 ? "" : "s");
        }
        int ws = cli_write_output(o.output, &out);
        ita_buf_free(&out);
        if (ws != ITA_EXIT_OK)
            status = ws;
    }
    ita_buf_free(&audit);
    ita_score_set_free(&set);
    cli_context_free(&c);
    return status;
}
