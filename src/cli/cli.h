/* The command layer: the only code that touches argv, files, stdout/stderr and
 * exit statuses. Each command is a function from argv to an exit status. */
#ifndef ITA_CLI_H
#define ITA_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "ita/analyze.h"
#include "ita/bind.h"
#include "ita/compact.h"
#include "ita/diag.h"
#include "ita/framework.h"
#include "ita/render.h"
#include "ita/texts.h"
#include "ita/xlsx.h"

/* Exit statuses: the contract with scripts and CI (docs/cli.md). */
enum ita_exit {
    ITA_EXIT_OK = 0,    /* done */
    ITA_EXIT_GATE = 1,  /* a gate failed: --fail-under, check --strict on warnings */
    ITA_EXIT_USAGE = 2, /* wrong usage */
    ITA_EXIT_DATA = 3,  /* invalid input data */
    ITA_EXIT_IO = 4     /* a file or system error */
};

#define CLI_MAX_PEERS 64

struct cli_options {
    enum ita_format format;
    bool format_set;
    enum ita_lang lang;
    int year, base_year;
    const char *agency;
    int64_t maintain_above, urgent_below;
    const char *framework;
    int64_t fail_under;   /* ITA_MISSING when not asked */
    const char *output;
    int color;            /* -1 auto, 0 never, 1 always */
    bool strict;
    const char *by;       /* rank: group by this attribute */
    int top;              /* rank: movers to list (default 10) */
    int jobs;             /* rank: threads; 0 = one per core */
    const char *measures; /* report md/html: measures CSV */
    const char *target;   /* plan: score, grade or level */
    char *peers[CLI_MAX_PEERS]; /* report: the peers' files (--peers, repeated) */
    int peer_count;
    const char *peers_by; /* report: peers share the agency's value of this attribute */
    int history;          /* report: -1 by default, 1 --history, 0 --no-history */
    const char *sheet;    /* workbooks: the sheet to read (name or number), NULL: the first */
    bool export_file;     /* frameworks: write the framework file itself */
    char **files;
    int file_count;
};

/* Everything a command needs from the environment, loaded once. */
struct cli_context {
    char data_dir[4096];
    struct ita_framework_set frameworks;
    struct ita_texts texts;
    struct ita_diags diags;
    size_t blank_cells;   /* empty scores skipped while loading */
    /* NULL, or the peers (--peers) that cli_report_compute places each report among */
    const struct ita_peers_ranking *peers;
};

int cmd_report(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_frameworks(int argc, char **argv);
int cmd_template(int argc, char **argv);
int cmd_plan(int argc, char **argv);
int cmd_rank(int argc, char **argv);

/* options.c */
enum cli_parse { CLI_PARSE_OK, CLI_PARSE_HELP, CLI_PARSE_ERROR };
/* Parses the options a command allows (`allowed` lists long option names). */
enum cli_parse cli_parse_options(const char *command, int argc, char **argv, const char *allowed,
                                 struct cli_options *o);
enum ita_lang cli_default_lang(void);
/* Parses a command's options, answers --help, and checks the format against
 * `formats` (a mask of 1u << ITA_FORMAT_...) and that files were given when
 * `needs_files`. Returns CLI_GO_ON when the command should run, else the exit status. */
#define CLI_GO_ON (-1)
/* The usage error of a command that reads files and was given none. */
#define CLI_NO_INPUT "no input file; give one or more CSV files or workbooks, or '-' for standard input"
#define CLI_FORMAT(f) (1u << (f))
#define CLI_FORMATS_TEXT_JSON (CLI_FORMAT(ITA_FORMAT_TEXT) | CLI_FORMAT(ITA_FORMAT_JSON))
#define CLI_FORMATS_ALL (CLI_FORMATS_TEXT_JSON | CLI_FORMAT(ITA_FORMAT_CSV) | CLI_FORMAT(ITA_FORMAT_MD) | \
                         CLI_FORMAT(ITA_FORMAT_HTML))
int cli_begin(const char *command, int argc, char **argv, const char *allowed, unsigned formats,
              bool needs_files, struct cli_options *o);
void cli_usage_error(const char *command, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void cli_print_help(const char *command, FILE *out);

/* context.c */
int cli_context_init(struct cli_context *c, const struct cli_options *o);
void cli_context_free(struct cli_context *c);
/* The exit status for a status of the stages: data_exit for ITA_ERR_DATA;
 * prints "ita: out of memory" for ITA_ERR_NOMEM (exit 4). */
int cli_exit_for(enum ita_status st, int data_exit);
/* Prints and clears the diagnostics; returns how many were errors. */
size_t cli_print_diags(struct ita_diags *d);
/* Reads the first bytes of an input into head (ITA_INPUT_SNIFF bytes); whether it
 * is a workbook (by its name or those bytes), for the workbook reader. */
bool cli_sniff(const char *name, FILE *in, char *head, size_t *head_len);
/* Loads one open input (CSV or workbook) into the set, its problems into c->diags. */
enum ita_status cli_load_one(struct cli_context *c, const struct cli_options *o, const char *name, FILE *in,
                             const char *shown, struct ita_score_set *set);
/* Loads every input file into the score set; returns an exit status. */
int cli_load_files(struct cli_context *c, const struct cli_options *o, struct ita_score_set *set);

/* load_fast.c */
/* Like cli_load_files, into a lean set (no line numbers) and on o->jobs threads
 * (0: one per core). When the fast pass finds any problem, the input is read
 * again by cli_load_files, so problems are listed exactly as elsewhere. */
int cli_load_files_fast(struct cli_context *c, const struct cli_options *o, struct ita_score_set *set);

/* Loads the input files and analyses them with the options given (year, base
 * year, agency, cut-offs), keeping only each report's headline when *headlines
 * (ita_analyze_options.headlines) and the input holds more than one agency: for
 * one, the report is kept in full (computed once, not twice) and *headlines is
 * set false. Prints the diagnostics; returns an exit status. */
int cli_load_and_analyze(struct cli_context *c, const struct cli_options *o, struct ita_score_set *set,
                         struct ita_analysis *analysis, bool *headlines);
/* The analysis options of the command line. */
void cli_analyze_options(struct cli_context *c, const struct cli_options *o, struct ita_analyze_options *ao);

/* documents.c */
/* The file name stem of every report's document (names: a->count, each
 * allocated): its agency's slug, with -2, -3, ... when an earlier one took it;
 * "index" is taken when index_taken. false when memory ran out. */
bool cli_document_names(const struct ita_analysis *a, bool index_taken, char **names);
/* Report k of a in full into r: for an analysis of headlines, with its history
 * as `history` says (-1 without, 0 by default, 1 asked for); -2: a's own report,
 * borrowed, not to be freed. An ita_status, diagnostics in c. Loads frameworks:
 * on one thread only. */
enum ita_status cli_report_compute(struct cli_context *c, const struct cli_options *o, const struct ita_analysis *a,
                                   size_t k, int history, struct ita_report *r);
/* report -f md|html -o DIR/: every report's document, DIR/index.md or .html, on
 * o->jobs threads (0: one per core), all renamed into place only when all were
 * written. history: for an analysis of headlines, -1 without history, 0 with it
 * by default, 1 asked for (each report is computed in full as it is written);
 * -2 when a holds the reports in full. Prints what fails; an exit status. */
int cli_write_document_dir(struct cli_context *c, const struct cli_options *o, const struct ita_analysis *a,
                           const struct ita_render_options *ro, int history);

/* output.c */
/* Writes the buffer to stdout or to path (atomically); returns an exit status. */
int cli_write_output(const char *path, const struct ita_buf *b);
/* ITA_EXIT_OK, or ITA_EXIT_IO (said) when a width or a category of the text
 * rendered so far could not be had from libutf8proc (include/ita/unicode.h): the
 * output would be wrong, so the writers of results ask this before they write. */
int cli_unicode_check(void);
bool cli_use_color(const struct cli_options *o);
/* Writes all of data to fd: 0 or an errno value. */
int cli_write_all(int fd, const char *data, size_t len);
/* Creates the temporary file "PATH.tmp.XXXXXX" beside path, open in *fd: its name
 * (the caller frees it), or NULL with *err set. Says nothing: safe on any thread. */
char *cli_temp_create(const char *path, int *fd, int *err);
/* Gives the written temporary file tmp the permissions path has (else 0666 &
 * ~umask) and renames it over path, without syncing: 0 or an errno value. Reads
 * the umask by setting it: on one thread only. */
int cli_replace(const char *tmp, const char *path);
/* Output written a part at a time, placed (or copied out) only when every part is:
 * cli_out_begin (an exit status, said), then render into held and cli_out_flush
 * after each part (it writes what held holds once it is large), then cli_out_end
 * with the run's status (on failure nothing is written to path or standard output). */
struct cli_out {
    const char *path; /* as -o gives it: NULL or "-" for standard output */
    int fd;           /* the temporary file beside path, or the spool; -1 */
    char *tmp;        /* the name of the temporary file beside path, or NULL */
    struct ita_buf held;
};
int cli_out_begin(struct cli_out *w, const char *path);
int cli_out_flush(struct cli_out *w);
int cli_out_end(struct cli_out *w, int status);
/* A workbook writer (ita/xlsx.h) bound to what it writes: creates the file at path. */
typedef enum ita_status (*cli_workbook_fn)(const char *path, const void *ctx, struct ita_diags *diags);
/* Writes a workbook to path, atomically (a temporary file beside it, renamed), or
 * to standard output or a device through a temporary file copied there and
 * removed; never to a terminal (exit 2). Prints the diagnostics; an exit status. */
int cli_write_workbook(const char *path, cli_workbook_fn fn, const void *ctx, struct cli_context *c);
/* The workbook options of the environment: texts, and the creation date from
 * SOURCE_DATE_EPOCH (exit 2 when it is not a number) or the fixed default. */
int cli_workbook_options(const char *command, const struct cli_context *c, struct ita_xlsx_options *x);

#endif
