/* Command-line options: one table of long options, each command allows a subset. */
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

enum {
    OPT_FORMAT = 'f', OPT_OUTPUT = 'o', OPT_HELP = 'h',
    OPT_LANG = 256, OPT_YEAR, OPT_BASE_YEAR, OPT_AGENCY, OPT_MAINTAIN, OPT_URGENT, OPT_FRAMEWORK,
    OPT_FAIL_UNDER, OPT_COLOR, OPT_STRICT, OPT_BY, OPT_TOP, OPT_JOBS, OPT_MEASURES, OPT_TARGET,
    OPT_PEERS, OPT_PEERS_BY, OPT_HISTORY, OPT_NO_HISTORY, OPT_SHEET, OPT_EXPORT
};

static const struct option all_options[] = {
    {"format", required_argument, NULL, OPT_FORMAT},
    {"output", required_argument, NULL, OPT_OUTPUT},
    {"help", no_argument, NULL, OPT_HELP},
    {"lang", required_argument, NULL, OPT_LANG},
    {"year", required_argument, NULL, OPT_YEAR},
    {"base-year", required_argument, NULL, OPT_BASE_YEAR},
    {"agency", required_argument, NULL, OPT_AGENCY},
    {"maintain-above", required_argument, NULL, OPT_MAINTAIN},
    {"urgent-below", required_argument, NULL, OPT_URGENT},
    {"framework", required_argument, NULL, OPT_FRAMEWORK},
    {"fail-under", required_argument, NULL, OPT_FAIL_UNDER},
    {"color", required_argument, NULL, OPT_COLOR},
    {"strict", no_argument, NULL, OPT_STRICT},
    {"by", required_argument, NULL, OPT_BY},
    {"top", required_argument, NULL, OPT_TOP},
    {"jobs", required_argument, NULL, OPT_JOBS},
    {"measures", required_argument, NULL, OPT_MEASURES},
    {"target", required_argument, NULL, OPT_TARGET},
    {"peers", required_argument, NULL, OPT_PEERS},
    {"peers-by", required_argument, NULL, OPT_PEERS_BY},
    {"history", no_argument, NULL, OPT_HISTORY},
    {"no-history", no_argument, NULL, OPT_NO_HISTORY},
    {"sheet", required_argument, NULL, OPT_SHEET},
    {"export", no_argument, NULL, OPT_EXPORT},
    {NULL, 0, NULL, 0},
};

void cli_usage_error(const char *command, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("ita: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    if (command != NULL)
        fprintf(stderr, "\nTry 'ita %s --help' for more information.\n", command);
    else
        fputs("\nTry 'ita --help' for more information.\n", stderr);
}

enum ita_lang cli_default_lang(void)
{
    const char *vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < 3; i++) {
        const char *v = getenv(vars[i]);
        if (v != NULL && v[0] != '\0')
            return strncmp(v, "th", 2) == 0 ? ITA_LANG_TH : ITA_LANG_EN;
    }
    return ITA_LANG_EN;
}

static bool allowed_option(const char *allowed, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = allowed; (p = strstr(p, name)) != NULL; p += n)
        if ((p == allowed || p[-1] == ',') && (p[n] == ',' || p[n] == '\0'))
            return true;
    return false;
}

static bool parse_year(const char *s, int *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (*s == '\0' || *end != '\0')
        return false;
    *out = ita_year_to_be(v);
    return *out != 0;
}

enum cli_parse cli_parse_options(const char *command, int argc, char **argv, const char *allowed,
                                 struct cli_options *o)
{
    memset(o, 0, sizeof *o);
    o->lang = cli_default_lang();
    o->maintain_above = 9750;
    o->urgent_below = 9500;
    o->fail_under = ITA_MISSING;
    o->color = -1;
    o->top = 10;
    o->history = -1;
    o->jobs = 0;
    optind = 1;
    opterr = 0;
    int c, index = -1;
    /* '+' would stop at the first file; permuting lets options follow files */
    while ((c = getopt_long(argc, argv, ":f:o:h", all_options, &index)) != -1) {
        const char *name = NULL;
        if (c == '?' || c == ':') {
            const char *arg = argv[optind - 1];
            if (c == ':')
                cli_usage_error(command, "option '%s' needs a value", arg);
            else if (optopt != 0)
                cli_usage_error(command, "unknown option '-%c'", optopt);
            else
                cli_usage_error(command, "unknown option '%s'", arg);
            return CLI_PARSE_ERROR;
        }
        for (const struct option *op = all_options; op->name; op++)
            if (op->val == c)
                name = op->name;
        if (name != NULL && !allowed_option(allowed, name)) {
            cli_usage_error(command, "option '--%s' does not apply to '%s'", name, command);
            return CLI_PARSE_ERROR;
        }
        int64_t cents;
        switch (c) {
        case OPT_HELP:
            return CLI_PARSE_HELP;
        case OPT_FORMAT:
            o->format_set = true;
            if (strcmp(optarg, "text") == 0) o->format = ITA_FORMAT_TEXT;
            else if (strcmp(optarg, "json") == 0) o->format = ITA_FORMAT_JSON;
            else if (strcmp(optarg, "csv") == 0) o->format = ITA_FORMAT_CSV;
            else if (strcmp(optarg, "md") == 0) o->format = ITA_FORMAT_MD;
            else if (strcmp(optarg, "html") == 0) o->format = ITA_FORMAT_HTML;
            else if (strcmp(optarg, "xlsx") == 0) o->format = ITA_FORMAT_XLSX;
            else {
                cli_usage_error(command, "unknown format '%s' (text, json, csv, md, html, xlsx)", optarg);
                return CLI_PARSE_ERROR;
            }
            break;
        case OPT_OUTPUT:
            o->output = optarg;
            break;
        case OPT_LANG:
            if (strcmp(optarg, "th") == 0) o->lang = ITA_LANG_TH;
            else if (strcmp(optarg, "en") == 0) o->lang = ITA_LANG_EN;
            else {
                cli_usage_error(command, "unknown language '%s' (th, en)", optarg);
                return CLI_PARSE_ERROR;
            }
            break;
        case OPT_YEAR:
        case OPT_BASE_YEAR:
            if (!parse_year(optarg, c == OPT_YEAR ? &o->year : &o->base_year)) {
                cli_usage_error(command, "'%s' is not a fiscal year (B.E. such as 2565, or C.E. such as 2022)", optarg);
                return CLI_PARSE_ERROR;
            }
            break;
        case OPT_AGENCY:
            o->agency = optarg;
            break;
        case OPT_MAINTAIN:
        case OPT_URGENT:
        case OPT_FAIL_UNDER:
            if (ita_score_parse(optarg, strlen(optarg), &cents) != ITA_NUM_OK) {
                cli_usage_error(command, "'%s' is not a score from 0 to 100 with at most two decimals", optarg);
                return CLI_PARSE_ERROR;
            }
            if (c == OPT_MAINTAIN) o->maintain_above = cents;
            else if (c == OPT_URGENT) o->urgent_below = cents;
            else o->fail_under = cents;
            break;
        case OPT_FRAMEWORK:
            o->framework = optarg;
            break;
        case OPT_COLOR:
            if (strcmp(optarg, "auto") == 0) o->color = -1;
            else if (strcmp(optarg, "always") == 0) o->color = 1;
            else if (strcmp(optarg, "never") == 0) o->color = 0;
            else {
                cli_usage_error(command, "unknown colour mode '%s' (auto, always, never)", optarg);
                return CLI_PARSE_ERROR;
            }
            break;
        case OPT_STRICT:
            o->strict = true;
            break;
        case OPT_BY:
            o->by = optarg;
            break;
        case OPT_TOP:
        case OPT_JOBS: {
            char *end;
            long v = strtol(optarg, &end, 10);
            if (*optarg == '\0' || *end != '\0' || v < (c == OPT_TOP ? 0 : 1) || v > 100000) {
                cli_usage_error(command, "'%s' is not a valid number for --%s", optarg, name);
                return CLI_PARSE_ERROR;
            }
            if (c == OPT_TOP)
                o->top = (int)v;
            else
                o->jobs = (int)v;
            break;
        }
        case OPT_MEASURES:
            o->measures = optarg;
            break;
        case OPT_TARGET:
            o->target = optarg;
            break;
        case OPT_PEERS:
            if (o->peer_count == CLI_MAX_PEERS) {
                cli_usage_error(command, "at most %d --peers files", CLI_MAX_PEERS);
                return CLI_PARSE_ERROR;
            }
            o->peers[o->peer_count++] = optarg;
            break;
        case OPT_HISTORY:
            o->history = 1;
            break;
        case OPT_NO_HISTORY:
            o->history = 0;
            break;
        case OPT_PEERS_BY:
            o->peers_by = optarg;
            break;
        case OPT_SHEET:
            if (optarg[0] == '\0') {
                cli_usage_error(command, "--sheet needs a sheet name or number");
                return CLI_PARSE_ERROR;
            }
            o->sheet = optarg;
            break;
        case OPT_EXPORT:
            o->export_file = true;
            break;
        default:
            cli_usage_error(command, "unknown option '%s'", argv[optind - 1]);
            return CLI_PARSE_ERROR;
        }
    }
    if (o->urgent_below > o->maintain_above) {
        cli_usage_error(command, "--urgent-below must not be above --maintain-above");
        return CLI_PARSE_ERROR;
    }
    o->files = argv + optind;
    o->file_count = argc - optind;
    return CLI_PARSE_OK;
}

int cli_begin(const char *command, int argc, char **argv, const char *allowed, unsigned formats,
              bool needs_files, struct cli_options *o)
{
    switch (cli_parse_options(command, argc, argv, allowed, o)) {
    case CLI_PARSE_HELP:
        cli_print_help(command, stdout);
        return fflush(stdout) == 0 && !ferror(stdout) ? ITA_EXIT_OK : ITA_EXIT_IO;
    case CLI_PARSE_ERROR:
        return ITA_EXIT_USAGE;
    case CLI_PARSE_OK:
        break;
    }
    if (!(formats & CLI_FORMAT(o->format))) {
        static const char *const names[] = {"text", "json", "csv", "md", "html", "xlsx"};
        enum { NAMES = sizeof names / sizeof names[0] };
        char list[64] = "";
        size_t n = 0, count = 0;
        for (unsigned f = 0; f < NAMES; f++)
            count += (formats >> f) & 1u;
        for (unsigned f = 0, k = 0; f < NAMES; f++)
            if (formats & CLI_FORMAT(f)) {
                k++;
                n += (size_t)snprintf(list + n, sizeof list - n, "%s%s", k == 1 ? "" : k == count ? " or " : ", ",
                                      names[f]);
            }
        cli_usage_error(command, "%s writes %s", command, list);
        return ITA_EXIT_USAGE;
    }
    if (o->format == ITA_FORMAT_XLSX && (o->output == NULL || strcmp(o->output, "-") == 0) &&
        isatty(STDOUT_FILENO)) {
        cli_usage_error(command, "a workbook is not written to a terminal; give -o FILE.xlsx or redirect the output");
        return ITA_EXIT_USAGE;
    }
    if (needs_files && o->file_count == 0) {
        cli_usage_error(command, CLI_NO_INPUT);
        return ITA_EXIT_USAGE;
    }
    return CLI_GO_ON;
}

static const char *const help_main =
    "Usage: ita COMMAND [OPTION]... [FILE]...\n"
    "Exact analysis of Thailand's Integrity and Transparency Assessment (ITA) scores.\n"
    "\n"
    "Commands:\n"
    "  report FILE...      the analysis of each agency for one year, against the year before\n"
    "  check FILE...       validate only; list every problem; exit 0 when clean\n"
    "  plan FILE... --target SCORE|GRADE|LEVEL\n"
    "                      what each agency would have to raise to reach the target\n"
    "  rank FILE...        many agencies: ranks, grades, pass rate, statistics, movers\n"
    "  frameworks [YEAR]   the built-in frameworks, or one of them in full\n"
    "  template --year Y   an empty scores CSV with every item of that year\n"
    "  help COMMAND        help on a command\n"
    "\n"
    "Options: -h, --help    -V, --version\n"
    "\n"
    "FILE is CSV (or .tsv), UTF-8, or an Excel workbook (.xlsx), with a header row in\n"
    "English or Thai: one score a row (a column 'score'), or one row per agency with\n"
    "columns named by what they score (overall, IIT, 1, 9.1, I1, I1.1); '-' reads standard\n"
    "input. Without a year column the year is --year. An empty score is not given:\n"
    "skipped, never 0.\n"
    "Scores are exact decimals, rounded once, half away from zero, to two decimals.\n"
    "Exit status: 0 done, 1 a gate failed, 2 wrong usage, 3 invalid data, 4 file or system error.\n";

static const char *const help_report =
    "Usage: ita report [OPTION]... FILE...\n"
    "The full analysis of each agency for one year (default: the latest in the data),\n"
    "compared with the agency's year before it in the data.\n"
    "\n"
    "  -f, --format FMT        text (default), json, csv, md (for pandoc), html (one page),\n"
    "                          xlsx (a workbook; needs -o FILE or a pipe, never a terminal)\n"
    "      --lang th|en        output language (default: from LC_ALL, LC_MESSAGES, LANG)\n"
    "      --measures FILE     md/html/xlsx: the agency's measures (CSV: item,measure,method,period,owner)\n"
    "      --year YEAR         the year to report (B.E. 2565 or C.E. 2022); also the year\n"
    "                          of every row of a file without a year column\n"
    "      --base-year YEAR    the year to compare with\n"
    "      --agency NAME       only this agency (md/html need one agency, or -o DIR/)\n"
    "      --maintain-above S  items above S are 'maintain' (default 97.50)\n"
    "      --urgent-below S    items below S are 'urgent' (default 95.00); the rest 'improve'\n"
    "      --framework FILE    use this framework file instead of the built-in one\n"
    "      --fail-under S      exit 1 when an agency's overall score is below S\n"
    "      --peers FILE        the agency's place among the agencies of FILE (any input;\n"
    "                          repeat for several files): rank, percentile, quartiles\n"
    "      --peers-by COLUMN   peers are only those with the agency's value of COLUMN\n"
    "      --history           every year of the agency side by side (md, html and json\n"
    "                          show it by default: json always, md/html from 3 years)\n"
    "      --no-history        leave the history out\n"
    "      --sheet NAME|N      workbooks: read this sheet (by name, or the Nth; default the first)\n"
    "  -o, --output FILE       write to FILE (replaced only when the run succeeds);\n"
    "                          md/html/xlsx: -o DIR/ writes DIR/AGENCY-SLUG.md (.html, .xlsx) per agency\n"
    "                          and, md/html, DIR/index.md (.html) linking to every one\n"
    "      --jobs N            md/html with -o DIR/: threads that render the documents\n"
    "                          (default: one per core)\n"
    "      --color WHEN        auto (default), always, never; NO_COLOR turns auto off\n"
    "  -h, --help              this help\n";

static const char *const help_check =
    "Usage: ita check [OPTION]... FILE...\n"
    "  or:  ita check --framework FILE\n"
    "Validate score files: every problem is listed with file, line and column.\n"
    "Warnings include published scores that their parts do not give (more than 0.01 apart),\n"
    "and a published grade or level that the scores do not give. Empty scores are not\n"
    "given: they are skipped, and one line says how many there were.\n"
    "With --framework FILE and no score file, validate the framework file alone: every\n"
    "problem is listed with its JSON path ($.indicators[3].items[2].code).\n"
    "\n"
    "  -f, --format FMT        text (default) or json\n"
    "      --year YEAR         the year of every row of a file without a year column\n"
    "      --framework FILE    use this framework file instead of the built-in one\n"
    "      --strict            warnings fail too (exit 3)\n"
    "      --sheet NAME|N      workbooks: read this sheet (by name, or the Nth; default the first)\n"
    "  -o, --output FILE       write the summary to FILE\n"
    "  -h, --help              this help\n";

static const char *const help_rank =
    "Usage: ita rank [OPTION]... FILE...\n"
    "Many agencies, one year (default: the latest in the data): every agency's overall\n"
    "score, grade and rank (ties by name), the count, mean, median, pass rate and grade\n"
    "distribution, statistics of every tool and indicator, and the biggest gains and\n"
    "drops against each agency's year before. Agencies with incomplete data for the\n"
    "year are named in the warnings and left out. One pass over the input.\n"
    "\n"
    "  -f, --format FMT        text (default; a national summary), json, csv (one row per agency),\n"
    "                          md or html (the national summary as a publishable document),\n"
    "                          xlsx (a workbook; needs -o FILE or a pipe, never a terminal)\n"
    "      --lang th|en        output language (default: from LC_ALL, LC_MESSAGES, LANG)\n"
    "      --year YEAR         the year to rank (B.E. 2565 or C.E. 2022); also the year\n"
    "                          of every row of a file without a year column\n"
    "      --base-year YEAR    the year to compare with\n"
    "      --by COLUMN         statistics and ranks per group of an extra column (province, ...)\n"
    "      --top N             gains, drops (and, in text, md, html, ranks) to list (default 10)\n"
    "      --jobs N            threads that parse the input (default: one per core)\n"
    "      --sheet NAME|N      workbooks: read this sheet (by name, or the Nth; default the first)\n"
    "      --framework FILE    use this framework file instead of the built-in one\n"
    "  -o, --output FILE       write to FILE (replaced only when the run succeeds)\n"
    "  -h, --help              this help\n";

static const char *const help_frameworks =
    "Usage: ita frameworks [OPTION]... [YEAR]\n"
    "List the built-in frameworks, or show one year's in full.\n"
    "\n"
    "  -f, --format FMT        text (default) or json\n"
    "      --lang th|en        language of the texts\n"
    "      --framework FILE    show this framework file\n"
    "      --export            write the year's framework file itself, as --framework reads it,\n"
    "                          to correct a provisional year (docs/frameworks.md)\n"
    "  -o, --output FILE       write to FILE\n"
    "  -h, --help              this help\n";

static const char *const help_template =
    "Usage: ita template --year YEAR [OPTION]...\n"
    "An empty scores CSV with the overall score, every indicator, item and sub-question\n"
    "of that year, labelled in Thai (or English with --lang en), ready to fill in.\n"
    "Fill in the scores you have and leave the others empty: an empty score is not\n"
    "given (skipped, never 0), and ita check says how many were left empty.\n"
    "\n"
    "      --year YEAR         the fiscal year (required)\n"
    "  -f, --format FMT        csv (default; also text), or xlsx: the same rows as a workbook,\n"
    "                          labels locked, score cells validated (needs -o FILE or a pipe)\n"
    "      --lang th|en        language of the label column (default th)\n"
    "      --framework FILE    use this framework file\n"
    "  -o, --output FILE       write to FILE\n"
    "  -h, --help              this help\n";

static const char *const help_plan =
    "Usage: ita plan --target SCORE|GRADE|LEVEL [OPTION]... FILE...\n"
    "What each agency would have to raise to reach a target overall score in its\n"
    "latest year (or --year), worked out from the published two-decimal indicator scores:\n"
    "  alone     per indicator, the smallest score it would need, all others unchanged\n"
    "  even      the smallest level L such that raising every indicator below L to L does\n"
    "  cheapest  the fewest points of raise in total, heaviest weight first\n"
    "A grade (AA, A, ...) or a level (ผ่านดีเยี่ยม/Excellent, ผ่านดี/Good, ...) means its lower\n"
    "bound, and from 2566 the condition on every tool that the level carries.\n"
    "A target already met is said so. Rounding: once, half away from zero, as published.\n"
    "\n"
    "      --target T          a score (98, 97.50), a grade or a level of the year (required)\n"
    "  -f, --format FMT        text (default), json, md, html (one self-contained page),\n"
    "                          xlsx (a workbook; needs -o FILE or a pipe, never a terminal)\n"
    "      --lang th|en        output language (default: from LC_ALL, LC_MESSAGES, LANG)\n"
    "      --year YEAR         plan for this year (B.E. 2565 or C.E. 2022); also the year\n"
    "                          of every row of a file without a year column\n"
    "      --agency NAME       only this agency\n"
    "      --framework FILE    use this framework file instead of the built-in one\n"
    "      --sheet NAME|N      workbooks: read this sheet (by name, or the Nth; default the first)\n"
    "  -o, --output FILE       write to FILE (replaced only when the run succeeds)\n"
    "  -h, --help              this help\n";

void cli_print_help(const char *command, FILE *out)
{
    const char *text = help_main;
    if (command != NULL) {
        if (strcmp(command, "report") == 0) text = help_report;
        else if (strcmp(command, "check") == 0) text = help_check;
        else if (strcmp(command, "plan") == 0) text = help_plan;
        else if (strcmp(command, "rank") == 0) text = help_rank;
        else if (strcmp(command, "frameworks") == 0) text = help_frameworks;
        else if (strcmp(command, "template") == 0) text = help_template;
    }
    fputs(text, out);
}
