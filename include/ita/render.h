/* Render: an analysis or a plan -> bytes in a buffer (text, json, csv, md, html).
 *
 * Renderers only read the analysis and append to the caller's buffer; they
 * never touch files, so the command layer can write the result atomically.
 * Scores are printed from the exact hundredths with two decimals, '.' always.
 */
#ifndef ITA_RENDER_H
#define ITA_RENDER_H

#include <stdbool.h>

#include "ita/analyze.h"
#include "ita/plan.h"
#include "ita/measures.h"
#include "ita/rank.h"
#include "ita/texts.h"
#include "ita/util.h"

/* XLSX is a workbook file, written by the writers of ita/xlsx.h, not into a buffer. */
enum ita_format { ITA_FORMAT_TEXT, ITA_FORMAT_JSON, ITA_FORMAT_CSV, ITA_FORMAT_MD, ITA_FORMAT_HTML, ITA_FORMAT_XLSX };

#define ITA_JSON_SCHEMA 1

struct ita_render_options {
    const struct ita_texts *texts; /* in the output language */
    bool color;                    /* ANSI colours by group (text only) */
    const struct ita_measures *measures; /* md and html: the officer's measures, or NULL */
};

void ita_render_report_text(const struct ita_analysis *a, const struct ita_render_options *o,
                            struct ita_buf *out);
void ita_render_report_json(const struct ita_analysis *a, const struct ita_render_options *o,
                            struct ita_buf *out);
void ita_render_report_csv(const struct ita_analysis *a, const struct ita_render_options *o,
                           struct ita_buf *out);

/* The same reports in parts, for a writer that holds one report in full at a time
 * (an analysis of headlines, ita_analyze_options.headlines): head, then one for
 * each report in order (position counting from 0; a need not hold r), then tail;
 * a's year, cut-offs and notes are read. The bytes are those of the whole. */
struct ita_report_parts {
    void (*head)(const struct ita_analysis *a, const struct ita_render_options *o, struct ita_buf *out);
    void (*one)(const struct ita_analysis *a, const struct ita_report *r, size_t position,
                const struct ita_render_options *o, struct ita_buf *out);
    void (*tail)(const struct ita_analysis *a, const struct ita_render_options *o, struct ita_buf *out);
};
extern const struct ita_report_parts ita_report_parts_text, ita_report_parts_json, ita_report_parts_csv;
/* Every report of a in turn through parts p. */
void ita_render_report_parts(const struct ita_report_parts *p, const struct ita_analysis *a,
                             const struct ita_render_options *o, struct ita_buf *out);

/* ita plan: text (in the language of the texts), JSON (docs/json.md), and the same
 * document as Markdown or as one self-contained HTML page. */
void ita_render_plan_text(const struct ita_planning *p, const struct ita_render_options *o, struct ita_buf *out);
void ita_render_plan_json(const struct ita_planning *p, const struct ita_render_options *o, struct ita_buf *out);
void ita_render_plan_md(const struct ita_planning *p, const struct ita_render_options *o, struct ita_buf *out);
void ita_render_plan_html(const struct ita_planning *p, const struct ita_render_options *o, struct ita_buf *out);
/* The publishable analysis of one report (a->reports[index]) as one document:
 * Markdown ready for pandoc, or one self-contained HTML page with inline SVG
 * charts (docs/document.md). */
void ita_render_document_md(const struct ita_analysis *a, size_t index, const struct ita_render_options *o,
                            struct ita_buf *out);
void ita_render_document_html(const struct ita_analysis *a, size_t index, const struct ita_render_options *o,
                              struct ita_buf *out);
/* The index of a directory of documents (report -o DIR/): a table of every
 * report with its overall score, grade or level and change, each agency's name
 * linking to files[i], the file name of its document in the same directory. */
void ita_render_index_md(const struct ita_analysis *a, const char *const *files, const struct ita_render_options *o,
                         struct ita_buf *out);
void ita_render_index_html(const struct ita_analysis *a, const char *const *files,
                           const struct ita_render_options *o, struct ita_buf *out);
/* A file name stem for an agency: letters and digits kept (Thai too), every other
 * run of characters one '-', ASCII lower-cased, at most 180 bytes; "agency" when
 * nothing is left. The same name always gives the same slug. */
void ita_render_slug(struct ita_buf *out, const char *name);
/* ita rank: a national summary (text; `top` ranks and movers each way), one row per
 * agency (csv), or the whole ranking (json). */
void ita_render_rank_text(const struct ita_ranking *r, const struct ita_render_options *o, size_t top,
                          struct ita_buf *out);
void ita_render_rank_json(const struct ita_ranking *r, const struct ita_render_options *o,
                          struct ita_buf *out);
void ita_render_rank_csv(const struct ita_ranking *r, const struct ita_render_options *o,
                         struct ita_buf *out);
/* ita rank: the national summary as a publishable document, in the style of the
 * agency's (docs/document.md): distribution, indicator spread, the first and last
 * `top` ranks, the movers and the notes. */
void ita_render_rank_md(const struct ita_ranking *r, const struct ita_render_options *o, size_t top,
                        struct ita_buf *out);
void ita_render_rank_html(const struct ita_ranking *r, const struct ita_render_options *o, size_t top,
                          struct ita_buf *out);

/* ita template: the empty scores CSV of a year, labels in the language of t. */
void ita_render_template_csv(const struct ita_framework *fw, const struct ita_texts *t, struct ita_buf *out);

/* Shared by the renderers. */
const char *ita_render_band_name(const struct ita_framework *fw, size_t band, enum ita_lang lang);
const char *ita_render_text(const struct ita_fw_text *t, enum ita_lang lang);
/* "FY2022 (B.E. 2565)" or "พ.ศ. 2565" */
void ita_render_year(struct ita_buf *out, const struct ita_texts *t, int year_be);
/* A note of an analysis, worded in the language of the texts. */
void ita_render_note(struct ita_buf *out, const struct ita_texts *t, const struct ita_note *note);
/* A JSON number with two decimals, or null. */
void ita_render_json_cents(struct ita_buf *out, int64_t cents);

#endif
