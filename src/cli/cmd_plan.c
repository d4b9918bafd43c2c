/* ita plan: what it takes to reach a target. */
#include <string.h>

#include "cli.h"
#include "ita/plan.h"

static const char plan_options[] = "format,output,help,lang,year,agency,framework,target,sheet";

struct plan_workbook {
    const struct ita_planning *p;
    const struct ita_xlsx_options *xo;
};

static enum ita_status plan_workbook(const char *path, const void *ctx, struct ita_diags *diags)
{
    const struct plan_workbook *w = ctx;
    return ita_xlsx_plan(w->p, w->xo, path, diags);
}

int cmd_plan(int argc, char **argv)
{
    struct cli_options o;
    int begun = cli_begin("plan", argc, argv, plan_options,
                          CLI_FORMATS_TEXT_JSON | CLI_FORMAT(ITA_FORMAT_MD) | CLI_FORMAT(ITA_FORMAT_HTML) |
                              CLI_FORMAT(ITA_FORMAT_XLSX), true, &o);
    if (begun != CLI_GO_ON)
        return begun;
    if (o.target == NULL) {
        cli_usage_error("plan", "no target; give --target SCORE, GRADE or LEVEL (such as 98, AA or ผ่านดี)");
        return ITA_EXIT_USAGE;
    }
    struct cli_context c;
    int status = cli_context_init(&c, &o);
    struct ita_score_set set;
    ita_score_set_init(&set);
    struct ita_analysis analysis;
    memset(&analysis, 0, sizeof analysis);
    struct ita_planning planning;
    memset(&planning, 0, sizeof planning);
    if (status == ITA_EXIT_OK)
        status = cli_load_and_analyze(&c, &o, &set, &analysis, &(bool){false});
    if (status == ITA_EXIT_OK) {
        enum ita_status st = ita_plan_all(&analysis, o.target, &planning, &c.diags);
        cli_print_diags(&c.diags);
        status = cli_exit_for(st, ITA_EXIT_DATA);
    }
    if (status == ITA_EXIT_OK && o.format == ITA_FORMAT_XLSX) {
        struct ita_xlsx_options xo;
        status = cli_workbook_options("plan", &c, &xo);
        struct plan_workbook w = {&planning, &xo};
        if (status == ITA_EXIT_OK)
            status = cli_write_workbook(o.output, plan_workbook, &w, &c);
    } else if (status == ITA_EXIT_OK) {
        struct ita_buf out;
        ita_buf_init(&out);
        struct ita_render_options ro = {&c.texts, false, NULL};
        if (o.format == ITA_FORMAT_JSON)
            ita_render_plan_json(&planning, &ro, &out);
        else if (o.format == ITA_FORMAT_MD)
            ita_render_plan_md(&planning, &ro, &out);
        else if (o.format == ITA_FORMAT_HTML)
            ita_render_plan_html(&planning, &ro, &out);
        else
            ita_render_plan_text(&planning, &ro, &out);
        status = cli_write_output(o.output, &out);
        ita_buf_free(&out);
    }
    ita_planning_free(&planning);
    ita_analysis_free(&analysis);
    ita_score_set_free(&set);
    cli_context_free(&c);
    return status;
}
