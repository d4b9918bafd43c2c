/* ita rank: many agencies, one year: ranks, statistics, movers. */
#include <string.h>

#include "cli.h"
#include "ita/rank.h"

static const char rank_options[] = "format,output,help,lang,year,base-year,framework,by,top,jobs";

int cmd_rank(int argc, char **argv)
{
    struct cli_options o;
    switch (cli_parse_options("rank", argc, argv, rank_options, &o)) {
    case CLI_PARSE_HELP:
        cli_print_help("rank", stdout);
        return ITA_EXIT_OK;
    case CLI_PARSE_ERROR:
        return ITA_EXIT_USAGE;
    case CLI_PARSE_OK:
        break;
    }
    if (o.format != ITA_FORMAT_TEXT && o.format != ITA_FORMAT_JSON && o.format != ITA_FORMAT_CSV) {
        cli_usage_error("rank", "rank writes text, json or csv");
        return ITA_EXIT_USAGE;
    }
    if (o.file_count == 0) {
        cli_usage_error("rank", "no input file; give one or more CSV files, or '-' for standard input");
        return ITA_EXIT_USAGE;
    }
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
        enum ita_status st = ita_rank(&set, &ro, &ranking, &c.diags);
        cli_print_diags(&c.diags);
        if (st == ITA_ERR_USAGE)
            status = ITA_EXIT_USAGE;
        else if (st == ITA_ERR_DATA)
            status = ITA_EXIT_DATA;
        else if (st != ITA_OK)
            status = ITA_EXIT_IO;
    }
    if (status == ITA_EXIT_OK) {
        struct ita_buf out;
        ita_buf_init(&out);
        struct ita_render_options rdo = {&c.texts, false, NULL};
        if (o.format == ITA_FORMAT_JSON)
            ita_render_rank_json(&ranking, &rdo, &out);
        else if (o.format == ITA_FORMAT_CSV)
            ita_render_rank_csv(&ranking, &rdo, &out);
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
