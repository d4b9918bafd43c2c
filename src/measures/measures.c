/* Measures: a CSV of planned measures per item, read with the project's loader. */
#include "ita/measures.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ita/load.h"
#include "ita/util.h"

enum col { COL_ITEM, COL_MEASURE, COL_METHOD, COL_PERIOD, COL_OWNER, COL_AGENCY, COL_COUNT };
static const char *const col_names[COL_COUNT] = {"item", "measure", "method", "period", "owner", "agency"};

struct reader {
    struct ita_measures *m;
    const struct ita_score_set *set;
    struct ita_diags *diags;
    const char *file;
    size_t col[COL_COUNT];
    bool header_ok;
    enum ita_status status;
};

void ita_measures_init(struct ita_measures *m, const struct ita_framework *fw)
{
    memset(m, 0, sizeof *m);
    m->fw = fw;
}

void ita_measures_free(struct ita_measures *m)
{
    for (size_t i = 0; i < m->count; i++) {
        struct ita_measure *r = &m->rows[i];
        free(r->agency);
        free(r->measure);
        free(r->method);
        free(r->period);
        free(r->owner);
    }
    free(m->rows);
    memset(m, 0, sizeof *m);
}

/* Compares a header field with a column name: trimmed, ASCII case ignored. */
static bool header_is(const struct ita_field *f, const char *name)
{
    const char *s = f->data;
    size_t n = f->len;
    while (n > 0 && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    size_t k = strlen(name);
    if (n != k)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != name[i])
            return false;
    }
    return true;
}

static enum ita_status on_header(void *ctx, const struct ita_record *rec)
{
    struct reader *r = ctx;
    for (int c = 0; c < COL_COUNT; c++)
        r->col[c] = SIZE_MAX;
    bool ok = true;
    for (size_t i = 0; i < rec->count; i++) {
        const struct ita_field *f = &rec->fields[i];
        int found = -1;
        for (int c = 0; c < COL_COUNT; c++)
            if (header_is(f, col_names[c]))
                found = c;
        char q[ITA_QUOTE_BUFSZ];
        if (found < 0) {
            ita_diags_add(r->diags, ITA_SEV_ERROR, r->file, f->line, i + 1,
                          "unknown column %s in a measures file (item, measure, method, period, owner, agency)",
                          ita_quote(f->data, f->len, q, sizeof q));
            ok = false;
        } else if (r->col[found] != SIZE_MAX) {
            ita_diags_add(r->diags, ITA_SEV_ERROR, r->file, f->line, i + 1,
                          "duplicate column \"%s\" (also column %zu)", col_names[found], r->col[found] + 1);
            ok = false;
        } else {
            r->col[found] = i;
        }
    }
    for (int c = COL_ITEM; c <= COL_MEASURE; c++)
        if (r->col[c] == SIZE_MAX) {
            ita_diags_add(r->diags, ITA_SEV_ERROR, r->file, rec->line, 0,
                          "a measures file needs a column \"%s\"", col_names[c]);
            ok = false;
        }
    r->header_ok = ok;
    if (!ok)
        r->status = ITA_ERR_DATA;
    return ok ? ITA_OK : ITA_ERR_DATA;
}

/* A trimmed copy of column c of the record ("" when the file has no such column). */
static char *cell(const struct reader *r, const struct ita_record *rec, enum col c)
{
    if (r->col[c] == SIZE_MAX)
        return ita_strdup("");
    const struct ita_field *f = &rec->fields[r->col[c]];
    const char *s = f->data;
    size_t n = f->len;
    while (n > 0 && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')) {
        s++;
        n--;
    }
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        n--;
    return ita_strndup(s, n);
}

static enum ita_status on_record(void *ctx, const struct ita_record *rec)
{
    struct reader *r = ctx;
    struct ita_measures *m = r->m;
    const struct ita_field *item_f = &rec->fields[r->col[COL_ITEM]];
    char q[ITA_QUOTE_BUFSZ];
    enum ita_tool tool;
    unsigned number;
    const struct ita_fw_item *it = NULL;
    if (ita_item_code_parse(item_f->data, item_f->len, &tool, &number))
        it = ita_framework_item(m->fw, tool, number);
    if (it == NULL) {
        if (item_f->len == 0)
            ita_diags_add(r->diags, ITA_SEV_ERROR, r->file, item_f->line, r->col[COL_ITEM] + 1,
                          "a measure needs an item code");
        else
            ita_diags_add(r->diags, ITA_SEV_ERROR, r->file, item_f->line, r->col[COL_ITEM] + 1,
                          "unknown item %s for %d", ita_quote(item_f->data, item_f->len, q, sizeof q),
                          m->fw->year);
        r->status = ITA_ERR_DATA;
        return ITA_OK;
    }
    char *agency = NULL;
    if (r->col[COL_AGENCY] != SIZE_MAX && rec->fields[r->col[COL_AGENCY]].len > 0) {
        const struct ita_field *af = &rec->fields[r->col[COL_AGENCY]];
        enum ita_status st = ita_agency_name_normalize(af->data, af->len, &agency, r->diags);
        if (st != ITA_OK)
            return r->status = st;
        if (agency[0] == '\0') {
            free(agency);
            agency = NULL;
        } else if (r->set != NULL && ita_score_set_find(r->set, agency) == NULL) {
            ita_diags_add(r->diags, ITA_SEV_ERROR, r->file, af->line, r->col[COL_AGENCY] + 1,
                          "no agency named %s in the scores", ita_quote(af->data, af->len, q, sizeof q));
            free(agency);
            r->status = ITA_ERR_DATA;
            return ITA_OK;
        }
    }
    if (m->count == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 16;
        struct ita_measure *rows = realloc(m->rows, cap * sizeof *rows);
        if (rows == NULL) {
            free(agency);
            return r->status = ITA_ERR_NOMEM;
        }
        m->rows = rows;
        m->cap = cap;
    }
    struct ita_measure *row = &m->rows[m->count];
    memset(row, 0, sizeof *row);
    row->agency = agency;
    row->item = (size_t)(it - m->fw->items);
    row->line = rec->line;
    row->measure = cell(r, rec, COL_MEASURE);
    row->method = cell(r, rec, COL_METHOD);
    row->period = cell(r, rec, COL_PERIOD);
    row->owner = cell(r, rec, COL_OWNER);
    m->count++;
    if (!row->measure || !row->method || !row->period || !row->owner)
        return r->status = ITA_ERR_NOMEM;
    return ITA_OK;
}

enum ita_status ita_measures_load(FILE *in, const char *file, const struct ita_score_set *set,
                                  struct ita_measures *m, struct ita_diags *diags)
{
    struct reader r;
    memset(&r, 0, sizeof r);
    r.m = m;
    r.set = set;
    r.diags = diags;
    r.file = file;
    r.status = ITA_OK;
    struct ita_load_sink sink = {&r, on_header, on_record, NULL};
    size_t errors_before = diags->errors;
    enum ita_status st = ita_load_stream(in, file, ',', 1u << 16, &sink, diags);
    if (st == ITA_ERR_NOMEM || r.status == ITA_ERR_NOMEM)
        return ITA_ERR_NOMEM;
    if (st == ITA_ERR_IO)
        return ITA_ERR_IO;
    if (!r.header_ok && r.status == ITA_OK) {
        /* the loader says why there was no header (an empty file, bad bytes) */
        if (diags->errors == errors_before)
            ita_diags_add(diags, ITA_SEV_ERROR, file, 0, 0, "a measures file needs a header row");
        return ITA_ERR_DATA;
    }
    if (r.status != ITA_OK || st != ITA_OK || diags->errors > errors_before)
        return ITA_ERR_DATA;
    return ITA_OK;
}

const struct ita_measure *ita_measures_next(const struct ita_measures *m, const char *agency,
                                            size_t item, size_t *cursor)
{
    if (m == NULL)
        return NULL;
    while (*cursor < m->count) {
        const struct ita_measure *row = &m->rows[(*cursor)++];
        if (row->item == item && (row->agency == NULL || (agency != NULL && strcmp(row->agency, agency) == 0)))
            return row;
    }
    return NULL;
}
