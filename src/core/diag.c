/* Diagnostics as values: a growable list with a per-file cap. */
#include "ita/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ita_diags_init(struct ita_diags *d, size_t limit)
{
    memset(d, 0, sizeof *d);
    d->limit = limit;
}

static void free_items(struct ita_diags *d, size_t from)
{
    for (size_t i = from; i < d->count; i++) {
        free(d->items[i].file);
        free(d->items[i].message);
        free(d->items[i].sheet);
    }
    d->count = from;
}

void ita_diags_free(struct ita_diags *d)
{
    free_items(d, 0);
    free(d->items);
    d->items = NULL;
    d->count = d->capacity = 0;
    free(d->sheet_file);
    free(d->sheet);
    d->sheet_file = d->sheet = NULL;
}

struct ita_diags_mark ita_diags_mark(const struct ita_diags *d)
{
    return (struct ita_diags_mark){d->count, d->in_file, d->errors, d->warnings, d->dropped, d->out_of_memory};
}

void ita_diags_truncate(struct ita_diags *d, const struct ita_diags_mark *m)
{
    if (m->count < d->count)
        free_items(d, m->count);
    d->in_file = m->in_file;
    d->errors = m->errors;
    d->warnings = m->warnings;
    d->dropped = m->dropped;
    d->out_of_memory = m->out_of_memory;
}

void ita_diags_begin_file(struct ita_diags *d)
{
    d->in_file = 0;
    d->dropped = 0;
}

static char *dup_str(const char *s)
{
    if (s == NULL)
        return NULL;
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p != NULL)
        memcpy(p, s, n);
    return p;
}

static void push(struct ita_diags *d, enum ita_severity sev, const char *file, size_t line,
                 size_t column, char *message)
{
    char *sheet = NULL;
    if (d->sheet != NULL && file != NULL && strcmp(file, d->sheet_file) == 0) {
        sheet = dup_str(d->sheet);
        if (sheet == NULL) {
            free(message);
            d->out_of_memory = true;
            return;
        }
        if (column > 0)
            column += d->sheet_column_offset;
    }
    if (d->count == d->capacity) {
        size_t cap = d->capacity ? d->capacity * 2 : 16;
        struct ita_diag *items = realloc(d->items, cap * sizeof *items);
        if (items == NULL) {
            free(message);
            free(sheet);
            d->out_of_memory = true;
            return;
        }
        d->items = items;
        d->capacity = cap;
    }
    char *f = dup_str(file);
    if (file != NULL && f == NULL) {
        free(message);
        free(sheet);
        d->out_of_memory = true;
        return;
    }
    struct ita_diag *g = &d->items[d->count++];
    g->sheet = sheet;
    g->severity = sev;
    g->file = f;
    g->line = line;
    g->column = column;
    g->message = message;
}

void ita_diags_add(struct ita_diags *d, enum ita_severity sev, const char *file, size_t line,
                   size_t column, const char *fmt, ...)
{
    if (sev == ITA_SEV_ERROR)
        d->errors++;
    else
        d->warnings++;
    if (d->limit != 0 && d->in_file >= d->limit) {
        d->dropped++;
        return;
    }
    d->in_file++;
    va_list ap;
    va_start(ap, fmt);
    char tmp[512];
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    char *msg;
    if ((size_t)n < sizeof tmp) {
        msg = dup_str(tmp);
    } else {
        msg = malloc((size_t)n + 1);
        if (msg != NULL) {
            va_start(ap, fmt);
            vsnprintf(msg, (size_t)n + 1, fmt, ap);
            va_end(ap);
        }
    }
    if (msg == NULL) {
        d->out_of_memory = true;
        return;
    }
    push(d, sev, file, line, column, msg);
}

void ita_diags_set_sheet(struct ita_diags *d, const char *file, const char *sheet, size_t column_offset)
{
    if (d->sheet_file == NULL || strcmp(d->sheet_file, file) != 0 || strcmp(d->sheet, sheet) != 0) {
        free(d->sheet_file);
        free(d->sheet);
        d->sheet_file = dup_str(file);
        d->sheet = dup_str(sheet);
        if (d->sheet_file == NULL || d->sheet == NULL) {
            free(d->sheet_file);
            free(d->sheet);
            d->sheet_file = d->sheet = NULL;
            d->out_of_memory = true;
        }
    }
    d->sheet_column_offset = column_offset;
}

static void end_sheet(struct ita_diags *d)
{
    free(d->sheet_file);
    free(d->sheet);
    d->sheet_file = d->sheet = NULL;
    d->sheet_column_offset = 0;
}

void ita_diags_end_file(struct ita_diags *d, const char *file)
{
    if (d->dropped == 0) {
        end_sheet(d);
        return;
    }
    char tmp[256];
    snprintf(tmp, sizeof tmp, "%zu more problem%s not shown (at most %zu are listed per file)",
             d->dropped, d->dropped == 1 ? "" : "s", d->limit);
    char *msg = dup_str(tmp);
    if (msg == NULL) {
        d->out_of_memory = true;
        return;
    }
    push(d, ITA_SEV_ERROR, file, 0, 0, msg);
    d->dropped = 0;
    end_sheet(d);
}

const char *ita_column_letters(size_t column, char *buf)
{
    char rev[16];
    size_t n = 0;
    while (column > 0 && n < 13) {
        column--;
        rev[n++] = (char)('A' + column % 26);
        column /= 26;
    }
    for (size_t i = 0; i < n; i++)
        buf[i] = rev[n - 1 - i];
    buf[n] = '\0';
    return buf;
}

/* A sheet name as a formula writes it: quoted ('My sheet'!A1) unless it is a
 * plain name of letters, digits, '_' and '.' that does not start with a digit. */
static void sheet_ref(const char *sheet, char *buf, size_t size)
{
    bool plain = sheet[0] != '\0' && !(sheet[0] >= '0' && sheet[0] <= '9');
    for (const unsigned char *p = (const unsigned char *)sheet; *p && plain; p++)
        plain = *p >= 0x80 || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                (*p >= '0' && *p <= '9') || *p == '_' || *p == '.';
    if (plain) {
        snprintf(buf, size, "%s", sheet);
        return;
    }
    size_t o = 0;
    if (size < 4)
        return;
    buf[o++] = '\'';
    for (const char *p = sheet; *p && o + 3 < size; p++) {
        if (*p == '\'')
            buf[o++] = '\'';
        buf[o++] = *p;
    }
    buf[o++] = '\'';
    buf[o] = '\0';
}

size_t ita_diag_format(const struct ita_diag *g, char *buf, size_t size)
{
    char where[640] = "";
    if (g->file != NULL && g->sheet != NULL) {
        char sheet[256], col[16];
        sheet_ref(g->sheet, sheet, sizeof sheet);
        if (g->line > 0 && g->column > 0)
            snprintf(where, sizeof where, "%s:%s!%s%zu: ", g->file, sheet, ita_column_letters(g->column, col),
                     g->line);
        else if (g->line > 0)
            snprintf(where, sizeof where, "%s:%s, row %zu: ", g->file, sheet, g->line);
        else
            snprintf(where, sizeof where, "%s:%s: ", g->file, sheet);
    } else if (g->file != NULL) {
        if (g->line > 0 && g->column > 0)
            snprintf(where, sizeof where, "%s:%zu:%zu: ", g->file, g->line, g->column);
        else if (g->line > 0)
            snprintf(where, sizeof where, "%s:%zu: ", g->file, g->line);
        else
            snprintf(where, sizeof where, "%s: ", g->file);
    }
    int n = snprintf(buf, size, "%s%s%s", where, g->severity == ITA_SEV_WARNING ? "warning: " : "",
                     g->message);
    return n < 0 ? 0 : (size_t)n;
}

const char *ita_quote(const char *text, size_t len, char *buf, size_t size)
{
    size_t o = 0;
    const size_t keep = size > 16 ? size - 8 : size;
    buf[o++] = '"';
    for (size_t i = 0; i < len && o + 6 < keep; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '"' || c == '\\') {
            buf[o++] = '\\';
            buf[o++] = (char)c;
        } else if (c < 0x20 || c == 0x7f) {
            o += (size_t)snprintf(buf + o, size - o, "\\x%02x", c);
        } else {
            buf[o++] = (char)c;
        }
        if (i + 1 < len && o + 6 >= keep) {
            /* do not cut a UTF-8 sequence in half */
            while (o > 1 && ((unsigned char)buf[o - 1] & 0xC0) == 0x80)
                o--;
            if (o > 1 && ((unsigned char)buf[o - 1] & 0xC0) == 0xC0)
                o--;
            memcpy(buf + o, "...", 3);
            o += 3;
            break;
        }
    }
    buf[o++] = '"';
    buf[o] = '\0';
    return buf;
}
