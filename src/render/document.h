/* Private to the md and html renderers: the content of the publishable analysis,
 * as plain text that each renderer escapes and marks up in its own way. Every
 * function here reads the analysis and appends to a buffer; none allocates
 * anything that outlives the call. */
#ifndef ITA_RENDER_DOCUMENT_H
#define ITA_RENDER_DOCUMENT_H

#include "common.h"

#define DOC_MAX_TIED 16

/* The indicators with the highest and the lowest score (ties: all of them, in order). */
struct doc_extremes {
    size_t best[DOC_MAX_TIED], worst[DOC_MAX_TIED];
    size_t nbest, nworst;
};

void doc_extremes(const struct ita_report *r, struct doc_extremes *e);

/* "Analysis of the ITA results, FY2022 (B.E. 2565)" and "and measures for FY2023 ..." */
void doc_title(struct ita_buf *out, const struct ita_texts *t, const struct ita_report *r);
void doc_subtitle(struct ita_buf *out, const struct ita_texts *t, const struct ita_report *r);
/* The summary paragraph: overall, grade or level, pass, change, strongest, weakest. */
void doc_summary(struct ita_buf *out, const struct ita_texts *t, const struct ita_report *r);
/* "indicator 8, System improvement" */
void doc_indicator_label(struct ita_buf *out, const struct ita_texts *t, const struct ita_framework *fw,
                         size_t n);
/* "Indicator 8: System improvement" */
void doc_indicator_heading(struct ita_buf *out, const struct ita_texts *t, const struct ita_framework *fw,
                           size_t n);
/* "TEXT: 99.45 (AA)" in the language of t, with the change when there is one. */
void doc_scored(struct ita_buf *out, const struct ita_texts *t, const struct ita_framework *fw, const char *text,
                const struct ita_figure *f, int base_year);
/* The worst group among an item and its sub-questions. */
enum ita_tier doc_worst_tier(const struct ita_report *r, size_t item);
/* Whether an item gets a row in the measures table. */
bool doc_needs_measure(const struct ita_report *r, size_t item, const struct ita_measures *m);
/* What is weak in an item: its text and score, then its weak sub-questions. */
void doc_weakness(struct ita_buf *out, const struct ita_texts *t, const struct ita_report *r, size_t item,
                  int64_t maintain_above);
/* Group names: "tier_maintain" ... */
extern const char *const doc_tier_keys[ITA_TIER_COUNT];
extern const char *const doc_tier_long_keys[ITA_TIER_COUNT];
/* The long group heading with its cut-offs. */
void doc_tier_heading(struct ita_buf *out, const struct ita_texts *t, const struct ita_analysis *a, int tier);
/* "FY2022" / "ปี 2565" for a table column. */
void doc_year_column(struct ita_buf *out, const struct ita_texts *t, int year_be);
/* OIT items given, met. */
void doc_oit_counts(const struct ita_report *r, size_t *given, size_t *met);
/* The tool heading: "Internal Integrity and Transparency Assessment (IIT)". */
void doc_tool_heading(struct ita_buf *out, const struct ita_texts *t, const struct ita_framework *fw,
                      enum ita_tool tool);

#endif
