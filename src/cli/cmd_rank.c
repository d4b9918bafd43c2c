/* ita rank: many agencies, one year: ranks, statistics, movers. */
#include <string.h>

#include "cli.h"
#include "ita/rank.h"

static const char rank_options[] = "format,output,help,lang,year,base-year,framework,by,top,jobs,sheet";

struct rank_workbook {
    const struct ita_ranking *r;
    const struct ita_xlsx_options *xo;
};

static enum ita_status rank_workbook(const char *path, const void *ctx, struct ita_diags *diags)
{
    const struct rank_workbook *w = ctx;
    return ita_xlsx_rank(w->r, w->xo, path, diags);
}

int cmd_rank(int argc, char **argv)
{
    struct cli_options o;
    int begun = cli_begin("rank", argc, argv, rank_options,
                          CLI_FORMATS_TEXT_JSON | CLI_FORMAT(ITA_FORMAT_CSV) | CLI_FORMAT(ITA_FORMAT_MD) |
                              CLI_FORMAT(ITA_FORMAT_HTML) | CLI_FORMAT(ITA_FORMAT_XLSX), true, &o);
    if (begun != CLI_GO_ON)
        return begun;
    struct cli_context c;
    int status = cli_context_init(&c, &o);
    struct ita_score_set set;
    ita_score_set_init(&set);
    if (status == ITA_EXIT_OK)
        status = cli_load_files_fast(&c, &o, &set);
    struct ita_ranking ranking;
    memset(&ranking, 0, sizeof ranking);
    if (status == ITA_EXIT_OK) {
        struct ita_rank_options ro;
        ita_rank_options_init(&ro);
        ro.year = o.year;
        ro.base_year = o.base_year;
        ro.by = o.by;
        ro.top = (size_t)o.top;
        ro.years = o.format == ITA_FORMAT_MD || o.format == ITA_FORMAT_HTML;
        enum ita_status st = ita_rank(&set, &ro, &ranking, &c.diags);
        cli_print_diags(&c.diags);
        status = cli_exit_for(st, ITA_EXIT_DATA);
    }
    if (status == ITA_EXIT_OK && o.format == ITA_FORMAT_XLSX) {
        struct ita_xlsx_options xo;
        status = cli_workbook_options("rank", &c, &xo);
        struct rank_workbook w = {&ranking, &xo};
        if (status == ITA_EXIT_OK)
            status = cli_write_workbook(o.output, rank_workbook, &w, &c);
    } else if (status == ITA_EXIT_OK) {
        struct ita_buf out;
        ita_buf_init(&out);
        struct ita_render_options rdo = {&c.texts, false, NULL};
        if (o.format == ITA_FORMAT_JSON)
            ita_render_rank_json(&ranking, &rdo, &out);
        else if (o.format == ITA_FORMAT_CSV)
            ita_render_rank_csv(&ranking, &rdo, &out);
        else if (o.format == ITA_FORMAT_MD)
            ita_render_rank_md(&ranking, &rdo, (size_t)o.top, &out);
        else if (o.format == ITA_FORMAT_HTML)
            ita_render_rank_html(&ranking, &rdo, (size_t)o.top, &out);
        else
            ita_render_rank_text(&ranking, &rdo, (size_t)o.top, &out);
        status = cli_write_output(o.output, &out);
        ita_buf_free(&out);
    }
    ita_ranking_free(&ranking);
    ita_score_set_free(&set);
    cli_context_free(&c);
    return status;
}
