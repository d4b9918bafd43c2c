/* Shared pieces of the renderers: names, years, numbers, text tables. */
#include "common.h"

#include <stdlib.h>
#include <string.h>

#include "ita/unicode.h"

const char *ita_render_text(const struct ita_fw_text *t, enum ita_lang lang)
{
    const char *s = lang == ITA_LANG_TH ? t->th : t->en;
    return s != NULL ? s : "";
}

const char *ita_render_band_name(const struct ita_framework *fw, size_t band, enum ita_lang lang)
{
    if (band == SIZE_MAX || band >= fw->band_count)
        return "";
    return ita_render_text(&fw->bands[band].name, lang);
}

void ita_render_year(struct ita_buf *out, const struct ita_texts *t, int year_be)
{
    char ce[16], be[16];
    snprintf(ce, sizeof ce, "%d", year_be - 543);
    snprintf(be, sizeof be, "%d", year_be);
    const char *args[] = {ce, be};
    ita_texts_fill(out, t, "year_label", args, 2);
}

void ita_render_note(struct ita_buf *out, const struct ita_texts *t, const struct ita_note *note)
{
    static const char *const level_keys[] = {"level_overall", "level_tool", "level_indicator",
                                             "level_sub_indicator", "level_item"};
    static const char *const parts_keys[] = {"parts_overall", "parts_tool", "parts_indicator",
                                             "parts_sub_indicator", "parts_item"};
    char year[16];
    snprintf(year, sizeof year, "%d", note->year);
    struct ita_buf what;
    ita_buf_scratch(&what, out);
    const char *code_arg[] = {note->code};
    ita_texts_fill(&what, t, level_keys[note->level], code_arg, 1);
    const char *what_s = ita_buf_str(&what);
    switch (note->kind) {
    case ITA_NOTE_AUDIT: {
        char g[ITA_CENTS_BUFSZ], p[ITA_CENTS_BUFSZ], d[ITA_CENTS_BUFSZ];
        const char *args[] = {what_s, ita_cents_format(note->given, g), ita_text(t, parts_keys[note->level]),
                              ita_exact_format(note->from_parts, p), ita_exact_format(note->difference, d)};
        ita_texts_fill(out, t, "note_audit", args, 5);
        break;
    }
    case ITA_NOTE_RESULT: {
        const char *args[] = {ita_render_band_name(note->fw, note->band_given, t->lang),
                              ita_render_band_name(note->fw, note->band_computed, t->lang)};
        ita_texts_fill(out, t, "note_result", args, 2);
        break;
    }
    case ITA_NOTE_MISSING: {
        const char *args[] = {what_s, year};
        ita_texts_fill(out, t, "note_missing", args, 2);
        break;
    }
    case ITA_NOTE_PROVISIONAL: {
        const char *args[] = {year};
        ita_texts_fill(out, t, "note_provisional", args, 1);
        break;
    }
    case ITA_NOTE_NO_BASE_SCORES: {
        const char *args[] = {year};
        ita_texts_fill(out, t, "note_no_base_scores", args, 1);
        break;
    }
    case ITA_NOTE_LEFT_OUT: {
        const char *args[] = {note->agency != NULL ? note->agency->name : "", year};
        ita_texts_fill(out, t, "note_left_out", args, 2);
        break;
    }
    case ITA_NOTE_PARTLY_MISSING: {
        const char *args[] = {note->agency != NULL ? note->agency->name : "", note->code, year};
        ita_texts_fill(out, t, note->count == 1 ? "note_partly_missing_one" : "note_partly_missing_many", args, 3);
        break;
    }
    case ITA_NOTE_OVERALL_ONLY: {
        char count[32];
        snprintf(count, sizeof count, "%zu", note->count);
        const char *args[] = {count, year};
        ita_texts_fill(out, t, note->count == 1 ? "note_overall_only_one" : "note_overall_only_many", args, 2);
        break;
    }
    case ITA_NOTE_NO_SCORES: {
        const char *args[] = {note->agency != NULL ? note->agency->name : "", year};
        ita_texts_fill(out, t, "note_no_scores", args, 2);
        break;
    }
    }
    ita_buf_free(&what);
}

void ita_render_json_cents(struct ita_buf *out, int64_t cents)
{
    if (cents == ITA_MISSING) {
        ita_buf_puts(out, "null");
        return;
    }
    char b[ITA_CENTS_BUFSZ];
    ita_buf_puts(out, ita_cents_format(cents, b));
}

void json_key(struct ita_buf *o, const char *k)
{
    ita_buf_json_string(o, k);
    ita_buf_putc(o, ':');
}

void json_cents(struct ita_buf *o, const char *k, int64_t cents)
{
    json_key(o, k);
    ita_render_json_cents(o, cents);
}

void text_year_lines(struct ita_buf *out, const struct ita_texts *t, const struct ita_framework *fw,
                     int year, int base_year)
{
    ita_buf_printf(out, "%s: ", ita_text(t, "fiscal_year"));
    ita_render_year(out, t, year);
    if (base_year != 0) {
        ita_buf_printf(out, ", %s ", ita_text(t, "compared_with"));
        ita_render_year(out, t, base_year);
    } else {
        ita_buf_printf(out, " (%s)", ita_text(t, "no_base_year"));
    }
    ita_buf_printf(out, "\n%s: %s\n", ita_text(t, "framework"),
                   ita_text(t, fw->provisional ? "provisional" : "established"));
}

void text_notes(struct ita_buf *out, const struct ita_texts *t, const struct ita_note *notes, size_t count)
{
    if (count == 0)
        return;
    ita_buf_printf(out, "\n%s\n", ita_text(t, "warnings"));
    for (size_t w = 0; w < count; w++) {
        ita_buf_puts(out, "  - ");
        ita_render_note(out, t, &notes[w]);
        ita_buf_putc(out, '\n');
    }
}

void table_init(struct table *t, size_t ncols, const int *right_align)
{
    memset(t, 0, sizeof *t);
    t->ncols = ncols;
    t->right = right_align;
    for (size_t c = 0; c < ncols && c < TABLE_MAX_COLS; c++)
        t->max[c] = SIZE_MAX;
    ita_buf_init(&t->text); /* no owner: a failure in it fails the table, and so the output it is rendered into */
}

/* Appends the len bytes of s as the table's next cell: measured once, cut to the
 * column's max (column SIZE_MAX: the colour cell, unmeasured). */
static void table_cell(struct table *t, size_t column, const char *s, size_t len)
{
    size_t max = column < t->ncols ? t->max[column] : SIZE_MAX, keep = len, shown = 0, cut_width;
    bool cut = false;
    if (column < t->ncols) {
        shown = ita_display_fit(s, len, max, &keep, &cut_width);
        if (shown > max) {
            /* cut: the column is max wide; the cell keeps what it shows */
            cut = true;
            shown = cut_width;
        }
    }
    if (len >= (size_t)1 << 31) { /* beyond what a cell records: never in a report */
        t->failed = true;
        return;
    }
    ita_buf_append(&t->text, s, keep);
    struct table_cell *cell = &t->cells[t->ncells++];
    cell->len = (uint32_t)keep;
    cell->width = (unsigned)shown;
    cell->cut = cut;
    size_t w = cut ? max : shown;
    if (column < t->ncols && w > t->width[column])
        t->width[column] = w;
}

void table_row(struct table *t, const char *color, const char *const *cells)
{
    if (t->failed)
        return;
    size_t need = t->ncols + 1;
    if (t->cap - t->ncells < need) {
        size_t cap = t->cap ? t->cap * 2 : 32 * need;
        struct table_cell *grown = realloc(t->cells, cap * sizeof *grown);
        if (grown == NULL) {
            t->failed = true;
            return;
        }
        t->cells = grown;
        t->cap = cap;
    }
    table_cell(t, SIZE_MAX, color ? color : "", color ? strlen(color) : 0);
    for (size_t c = 0; c < t->ncols && !t->failed; c++) {
        const char *s = cells[c] ? cells[c] : "";
        table_cell(t, c, s, strlen(s));
    }
    if (t->text.failed)
        t->failed = true;
}

void table_render(struct table *t, struct ita_buf *out, const char *indent)
{
    if (t->failed) {
        ita_buf_fail(out);
        return;
    }
    static const char reset[] = "\x1b[0m";
    size_t indent_len = strlen(indent);
    const char *text = ita_buf_str(&t->text);
    for (const struct table_cell *row = t->cells; row < t->cells + t->ncells; row += t->ncols + 1) {
        const struct table_cell *color = &row[0], *cells = &row[1];
        /* the last column is not padded, so that lines carry no trailing spaces;
         * nor are the empty cells at the end written */
        size_t last = t->ncols;
        while (last > 0 && cells[last - 1].len == 0 && !cells[last - 1].cut)
            last--;
        size_t pad[TABLE_MAX_COLS], bytes = indent_len + color->len + (color->len ? sizeof reset - 1 : 0) + 1;
        for (size_t c = 0; c < last; c++) {
            const struct table_cell *cell = &cells[c];
            pad[c] = cell->cut ? t->width[c] - cell->width - 1
                     : c + 1 == last && !t->right[c] ? 0
                                                     : t->width[c] - cell->width;
            bytes += (c > 0 ? 2 : 0) + cell->len + (cell->cut ? 3 : 0) + pad[c];
        }
        /* the row in one piece: room made once */
        if (!ita_buf_reserve(out, bytes))
            return;
        char *o = out->data + out->len;
        memcpy(o, indent, indent_len);
        o += indent_len;
        memcpy(o, text, color->len);
        o += color->len;
        text += color->len;
        for (size_t c = 0; c < last; c++) {
            const struct table_cell *cell = &cells[c];
            if (c > 0) {
                memcpy(o, "  ", 2);
                o += 2;
            }
            if (t->right[c] && !cell->cut) {
                memset(o, ' ', pad[c]);
                o += pad[c];
            }
            memcpy(o, text, cell->len);
            o += cell->len;
            text += cell->len;
            if (cell->cut) {
                memcpy(o, "\xE2\x80\xA6", 3); /* … */
                o += 3;
            }
            if (!t->right[c] || cell->cut) {
                memset(o, ' ', pad[c]);
                o += pad[c];
            }
        }
        if (color->len) {
            memcpy(o, reset, sizeof reset - 1);
            o += sizeof reset - 1;
        }
        *o++ = '\n';
        *o = '\0';
        out->len = (size_t)(o - out->data);
    }
}

void table_free(struct table *t)
{
    free(t->cells);
    ita_buf_free(&t->text);
    memset(t, 0, sizeof *t);
}

void ita_render_slug(struct ita_buf *out, const char *name)
{
    size_t start = out->len, max = 180;
    bool dash = false;
    const unsigned char *p = (const unsigned char *)name;
    while (*p) {
        unsigned cp = *p;
        /* the NUL after name ends a sequence cut short */
        size_t n = cp < 0x80 ? 1 : ita_utf8_decode(p, 4, &cp);
        if (n == 0) {
            p++;
            dash = true;
            continue;
        }
        if (!ita_unicode_alnum(cp)) {
            dash = true;
            p += n;
            continue;
        }
        size_t need = n + (dash && out->len > start ? 1 : 0);
        if (out->len - start + need > max)
            break;
        if (dash && out->len > start)
            ita_buf_putc(out, '-');
        dash = false;
        if (cp >= 'A' && cp <= 'Z')
            ita_buf_putc(out, (char)(cp - 'A' + 'a'));
        else
            ita_buf_append(out, (const char *)p, n);
        p += n;
    }
    if (out->len == start)
        ita_buf_puts(out, "agency");
}

const char *const template_columns[TEMPLATE_COLUMN_COUNT] = {"agency", "year", "indicator", "item", "sub",
                                                             "score", "label"};

bool template_row(const struct ita_framework *fw, const struct ita_texts *t, size_t k, struct template_row *row)
{
    memset(row, 0, sizeof *row);
    if (k == 0) {
        row->label = ita_text(t, "overall");
        return true;
    }
    k--;
    for (size_t n = 0; n < fw->indicator_count; n++) {
        const struct ita_fw_indicator *ind = &fw->indicators[n];
        row->indicator = ind->number;
        if (k == 0) {
            row->label = ita_render_text(&ind->name, t->lang);
            return true;
        }
        k--;
        for (size_t i = ind->first_item; i < ind->first_item + ind->item_count; i++) {
            const struct ita_fw_item *it = &fw->items[i];
            row->item = it->code;
            if (k <= it->sub_count) {
                row->sub = k;
                row->label = ita_render_text(k == 0 ? &it->text : &it->subs[k - 1], t->lang);
                row->oit_item = k == 0 && it->tool == ITA_OIT;
                return true;
            }
            k -= it->sub_count + 1;
        }
        row->item = NULL;
    }
    return false;
}

void ita_render_template_csv(const struct ita_framework *fw, const struct ita_texts *t, struct ita_buf *out)
{
    for (size_t c = 0; c < TEMPLATE_COLUMN_COUNT; c++)
        ita_buf_printf(out, "%s%s", c ? "," : "", template_columns[c]);
    ita_buf_putc(out, '\n');
    struct template_row row;
    for (size_t k = 0; template_row(fw, t, k, &row); k++) {
        ita_buf_printf(out, ",%d,", fw->year);
        if (row.indicator)
            ita_buf_printf(out, "%u", row.indicator);
        ita_buf_printf(out, ",%s,", row.item ? row.item : "");
        if (row.sub)
            ita_buf_printf(out, "%zu", row.sub);
        ita_buf_puts(out, ",,");
        ita_buf_csv_field(out, row.label);
        ita_buf_putc(out, '\n');
    }
}

void ita_render_report_parts(const struct ita_report_parts *p, const struct ita_analysis *a,
                             const struct ita_render_options *o, struct ita_buf *out)
{
    p->head(a, o, out);
    for (size_t i = 0; i < a->count; i++)
        p->one(a, &a->reports[i], i, o, out);
    p->tail(a, o, out);
}
