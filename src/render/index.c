/* The index of a directory of documents (report -o DIR/): every agency with its
 * overall score, grade or level and change, each linking to its document; the
 * content decided here once, marked up by the md and html writers. */
#include <stdio.h>

#include "document.h"

static void index_write(const struct doc_writer *w, const struct ita_analysis *a, const char *const *files)
{
    const struct ita_texts *t = w->t;
    struct ita_buf year, title, subtitle, p;
    ita_buf_scratch(&year, w->out);
    ita_buf_scratch(&title, w->out);
    ita_buf_scratch(&subtitle, w->out);
    ita_buf_scratch(&p, w->out);
    ita_render_year(&year, t, a->year);
    const char *ya[] = {ita_buf_str(&year)};
    ita_texts_fill(&title, t, "index_title", ya, 1);
    /* the base year, when every agency is compared with the same one */
    int base = a->count > 0 ? a->reports[0].base_year : 0;
    for (size_t i = 1; i < a->count; i++)
        if (a->reports[i].base_year != base)
            base = -1;
    if (base > 0) {
        ita_buf_printf(&subtitle, "%s ", ita_text(t, "compared_with"));
        ita_render_year(&subtitle, t, base);
    } else if (base == 0) {
        ita_buf_puts(&subtitle, ita_text(t, "no_base_year"));
    }
    w->begin(w, ita_buf_str(&title), ita_buf_str(&subtitle), ita_text(t, "rank_doc_author"));
    w->section_begin(w, NULL, "agencies");
    char n[32];
    snprintf(n, sizeof n, "%zu", a->count);
    const char *na[] = {n};
    ita_texts_fill(&p, t, a->count == 1 ? "index_intro_one" : "index_intro", na, 1);
    w->paragraph(w, ita_buf_str(&p));
    /* a levels year says "level"; the framework is the year's, the same for all */
    bool grades = a->count == 0 || a->reports[0].fw->scheme == ITA_RATING_GRADES;
    const struct doc_column cols[] = {{ita_text(t, "agency"), DOC_LEFT, 40},
                                      {ita_text(t, "score"), DOC_RIGHT, 8},
                                      {ita_text(t, grades ? "grade" : "level"), DOC_LEFT, 10},
                                      {ita_text(t, "change"), DOC_RIGHT, 8}};
    w->table_begin(w, DOC_TABLE_GROUPS, cols, 4);
    for (size_t i = 0; i < a->count; i++) {
        const struct ita_report *r = &a->reports[i];
        w->row_begin(w, DOC_ROW_PLAIN);
        w->cell_begin(w, DOC_CELL_TEXT, 1);
        w->link(w, files[i], r->agency->name[0] ? r->agency->name : ita_text(t, "doc_the_agency"));
        w->cell_end(w);
        w->cell_figure(w, r->overall.score, false, false);
        w->cell_begin(w, DOC_CELL_TEXT, 1);
        w->text(w, ita_render_band_name(r->fw, r->overall.band, t->lang));
        w->cell_end(w);
        w->cell_figure(w, r->overall.delta, true, false);
        w->row_end(w);
    }
    w->table_end(w, DOC_TABLE_GROUPS);
    w->section_end(w);
    if (a->note_count > 0) {
        w->section_begin(w, NULL, "notes");
        w->heading(w, 2, ITA_TIER_NONE, ita_text(t, "doc_notes_heading"));
        w->notes_begin(w);
        for (size_t k = 0; k < a->note_count; k++) {
            ita_buf_free(&p);
            ita_render_note(&p, t, &a->notes[k]);
            w->note(w, DOC_NOTE_OTHER, ita_buf_str(&p));
        }
        w->notes_end(w);
        w->section_end(w);
    }
    w->end(w);
    ita_buf_free(&year);
    ita_buf_free(&title);
    ita_buf_free(&subtitle);
    ita_buf_free(&p);
}

void ita_render_index_md(const struct ita_analysis *a, const char *const *files, const struct ita_render_options *o,
                         struct ita_buf *out)
{
    struct doc_writer w;
    doc_writer_md(&w, out, o->texts);
    index_write(&w, a, files);
}

void ita_render_index_html(const struct ita_analysis *a, const char *const *files,
                           const struct ita_render_options *o, struct ita_buf *out)
{
    struct doc_writer w;
    doc_writer_html(&w, out, o->texts);
    index_write(&w, a, files);
}
