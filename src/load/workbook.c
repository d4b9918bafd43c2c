/* Load: one sheet of an .xlsx workbook, streamed with libzip and expat (include/ita/workbook.h). */
#include "ita/workbook.h"

#include <errno.h>
#include <expat.h>
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include "ita/dynlib.h"
#include "ita/util.h"
#include "field.h"
#include "xml_scan.h"

/* libzip and expat, opened when the first workbook is read instead of at every
 * start (include/ita/dynlib.h): Debian 12's libzip brings libcrypto, whose
 * relocation was most of the instructions of a short run that reads CSV.
 * Every call below goes through this table, never by the library's name, so
 * that a program which links libzip itself (a test that makes workbooks) keeps
 * its own. */
#define LIBZIP_SONAME "libzip.so.4"   /* Debian 12: libzip4 */
#define EXPAT_SONAME "libexpat.so.1"  /* Debian 12: libexpat1 */
#define ZIP_FUNCTIONS(X) \
    X(zip_discard) \
    X(zip_error_code_zip) \
    X(zip_error_fini) \
    X(zip_error_init) \
    X(zip_error_init_with_code) \
    X(zip_error_strerror) \
    X(zip_fclose) \
    X(zip_fdopen) \
    X(zip_file_get_error) \
    X(zip_fopen_index) \
    X(zip_fread) \
    X(zip_get_error) \
    X(zip_name_locate) \
    X(zip_open_from_source) \
    X(zip_source_buffer_create) \
    X(zip_source_free) \
    X(zip_stat_index) \
    X(zip_stat_init)
#define EXPAT_FUNCTIONS(X) \
    X(XML_ErrorString) \
    X(XML_GetBuffer) \
    X(XML_GetCurrentColumnNumber) \
    X(XML_GetCurrentLineNumber) \
    X(XML_GetErrorCode) \
    X(XML_ParseBuffer) \
    X(XML_ParserCreate) \
    X(XML_ParserFree) \
    X(XML_SetCharacterDataHandler) \
    X(XML_SetElementHandler) \
    X(XML_SetEntityDeclHandler) \
    X(XML_SetParamEntityParsing) \
    X(XML_SetStartDoctypeDeclHandler) \
    X(XML_SetUserData) \
    X(XML_StopParser)

static struct workbook_libs {
    ZIP_FUNCTIONS(ITA_DYNLIB_FIELD)
    EXPAT_FUNCTIONS(ITA_DYNLIB_FIELD)
} lib;
#define SYMBOL(name) ITA_DYNLIB_SYMBOL(struct workbook_libs, name)
static const struct ita_dynlib_symbol zip_symbols[] = {ZIP_FUNCTIONS(SYMBOL)};
static const struct ita_dynlib_symbol expat_symbols[] = {EXPAT_FUNCTIONS(SYMBOL)};
static struct ita_dynlib libzip = ITA_DYNLIB_INIT(LIBZIP_SONAME, zip_symbols, &lib);
static struct ita_dynlib libexpat = ITA_DYNLIB_INIT(EXPAT_SONAME, expat_symbols, &lib);

/* Opens both libraries for a workbook: ITA_OK, ITA_ERR_NOMEM, or ITA_ERR_IO
 * with a diagnostic when one cannot be loaded. */
static enum ita_status open_libs(const char *file, struct ita_diags *diags)
{
    int error = ita_dynlib_open(&libzip);
    const char *which = "libzip (package libzip4)";
    if (error == 0) {
        error = ita_dynlib_open(&libexpat);
        which = "expat (package libexpat1)";
    }
    if (error == 0)
        return ITA_OK;
    if (error == ENOMEM)
        return ITA_ERR_NOMEM;
    ita_diags_add(diags, ITA_SEV_ERROR, file, 0, 0, "cannot read the workbook: %s cannot be loaded", which);
    return ITA_ERR_IO;
}

#define CHUNK (64u << 10)
/* Parts smaller than this are not held to the ratio: tiny parts compress well. */
#define RATIO_FROM (1u << 20)

/* A growable byte buffer. */
struct bytes {
    char *data;
    size_t len, cap;
};

static bool bytes_add(struct bytes *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *d = realloc(b->data, cap);
        if (d == NULL)
            return false;
        b->data = d;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return true;
}

/* Room for one more item in an array of `size`-byte items: *items holds count
 * of *cap; at most max items. */
enum grow_result { GROWN, GROW_NOMEM, GROW_TOO_MANY };
static enum grow_result grow(void *items, size_t *cap, size_t count, size_t size, size_t max)
{
    if (count < *cap)
        return GROWN;
    if (count >= max)
        return GROW_TOO_MANY;
    size_t n = *cap ? *cap * 2 : 16;
    void *p = realloc(*(void **)items, n * size);
    if (p == NULL)
        return GROW_NOMEM;
    *(void **)items = p;
    *cap = n;
    return GROWN;
}

struct rel {
    char *id, *type, *target; /* type: the last segment of the relationship type */
};

struct sheet_ref {
    char *name, *rid;
};

/* One cell of the row being read. */
struct cell {
    size_t col;
    size_t off, len; /* in the row's text */
    bool same;       /* the same bytes as this column's cell in the row passed on before */
};

enum part_kind { PART_RELS, PART_WORKBOOK, PART_STRINGS, PART_SHEET, PART_MIMETYPE };

struct xlsx {
    zip_t *zip;
    const char *file;
    struct ita_diags *diags;
    const struct ita_load_sink *sink;
    enum ita_status status;
    bool stopped;
    XML_Parser parser;
    size_t skip; /* tags expat passes over: the fast scanner handled them (and the text before them) */
    const char *part; /* the part being parsed */
    enum part_kind kind;
    /* relationships of the part being read */
    struct rel *rels;
    size_t rel_count, rel_cap;
    /* the workbook's sheets, in order */
    struct sheet_ref *sheets;
    size_t sheet_count, sheet_cap;
    bool in_sheets;
    /* shared strings: NUL-terminated texts one after another, and where each starts */
    struct bytes strings;
    size_t *string_off;
    size_t string_count, string_cap;
    int string_depth;   /* inside <si>: 1; <rPh> inside it does not count */
    bool in_phonetic, in_text;
    struct bytes text;  /* the string or cell value being read */
    bool text_long;     /* more than ITA_MAX_FIELD bytes of it */
    /* the sheet */
    bool in_sheet_data, in_row, in_cell, in_value, in_formula, in_inline;
    size_t row, last_row, col, last_col;
    enum cell_type { CELL_NUMBER, CELL_SHARED, CELL_INLINE, CELL_STRING, CELL_BOOL, CELL_OTHER } cell_type;
    bool has_value, has_formula;
    struct bytes formula;
    struct bytes row_text;
    struct cell *cells;
    size_t cell_count, cell_cap;
    /* the row passed on before (its cells were checked), and the cell of it
     * that the next cell is compared with; prev_record: it was a record, not the header */
    struct bytes prev_text;
    struct cell *prev_cells;
    size_t prev_count, prev_cap, prev_at;
    bool prev_record;
    bool row_bad;
    /* the table */
    bool header_seen;
    size_t first_col, width, records;
    size_t header_row;
    struct ita_field *fields;
    const char *sheet_name;
};

static const char empty[] = "";

/* ---- diagnostics ---- */

static void fail(struct xlsx *x, enum ita_status st)
{
    if (!x->stopped) {
        x->stopped = true;
        x->status = st;
    }
    if (x->parser != NULL)
        lib.XML_StopParser(x->parser, XML_FALSE);
}

/* A problem that ends the file: listed even past the per-file cap of the
 * diagnostics, since it says why the rest of the file was not read. */
#define PROBLEM(x, st, ...)                                                                  \
    do {                                                                                     \
        size_t limit_ = (x)->diags->limit;                                                   \
        if (limit_ != 0 && (x)->diags->in_file >= limit_)                                    \
            (x)->diags->limit = 0;                                                           \
        ita_diags_add((x)->diags, ITA_SEV_ERROR, (x)->file, 0, 0, __VA_ARGS__);              \
        (x)->diags->limit = limit_;                                                          \
        fail((x), (st));                                                                     \
    } while (0)

static void damaged(struct xlsx *x, const char *what)
{
    PROBLEM(x, ITA_ERR_DATA, "the workbook is damaged: %s %s", x->part, what);
}

static void nomem(struct xlsx *x)
{
    fail(x, ITA_ERR_NOMEM);
}

/* A problem in a cell of the sheet: "cell C12 " and the message; the row is
 * skipped (and without a header yet, the sheet is not read further). */
static void cell_problem(struct xlsx *x, const char *msg)
{
    char letters[16];
    ita_diags_add(x->diags, ITA_SEV_ERROR, x->file, x->row, 0, "cell %s%zu %s", ita_column_letters(x->col, letters),
                  x->row, msg);
    x->row_bad = true;
}

/* ---- XML helpers ---- */

/* Names are compared without their prefix ("x:c" is "c"): writers choose
 * prefixes freely, and no two names of SpreadsheetML that ita reads differ only
 * by namespace. (Namespace processing in expat would cost a third of the time.) */
static const char *local_name(const char *name)
{
    for (const char *p = name; *p != '\0'; p++)
        if (*p == ':')
            return p + 1;
    return name;
}

/* The elements of the shared strings and the sheet that ita reads, by local name. */
enum tag { TAG_OTHER, TAG_SHEET_DATA, TAG_ROW, TAG_C, TAG_V, TAG_F, TAG_IS, TAG_RPH, TAG_T, TAG_SI };

static enum tag tag_of(const char *n)
{
    switch (n[0]) {
    case 'c': return n[1] == '\0' ? TAG_C : TAG_OTHER;
    case 'v': return n[1] == '\0' ? TAG_V : TAG_OTHER;
    case 'f': return n[1] == '\0' ? TAG_F : TAG_OTHER;
    case 't': return n[1] == '\0' ? TAG_T : TAG_OTHER;
    case 'i': return n[1] == 's' && n[2] == '\0' ? TAG_IS : TAG_OTHER;
    case 'r':
        if (n[1] == 'o' && n[2] == 'w' && n[3] == '\0')
            return TAG_ROW;
        return n[1] == 'P' && n[2] == 'h' && n[3] == '\0' ? TAG_RPH : TAG_OTHER;
    case 's':
        if (n[1] == 'i' && n[2] == '\0')
            return TAG_SI;
        return strcmp(n, "sheetData") == 0 ? TAG_SHEET_DATA : TAG_OTHER;
    default: return TAG_OTHER;
    }
}

static const char *attr(const char **atts, const char *local)
{
    for (size_t i = 0; atts[i] != NULL; i += 2)
        if (strcmp(local_name(atts[i]), local) == 0)
            return atts[i + 1];
    return NULL;
}

/* The relationship id attribute of a sheet: r:id, whatever the prefix. */
static const char *attr_rid(const char **atts)
{
    for (size_t i = 0; atts[i] != NULL; i += 2) {
        const char *colon = strchr(atts[i], ':');
        if (colon != NULL && strcmp(colon + 1, "id") == 0)
            return atts[i + 1];
    }
    return NULL;
}

/* "_x000D_" and the like: how Office writes characters XML cannot hold. */
static void decode_escapes(struct bytes *b)
{
    char *s = b->data;
    if (s == NULL || memchr(s, '_', b->len) == NULL)
        return;
    size_t o = 0;
    for (size_t i = 0; i < b->len;) {
        unsigned cp = 0;
        bool esc = i + 7 <= b->len && s[i] == '_' && s[i + 1] == 'x' && s[i + 6] == '_';
        for (size_t k = 2; esc && k < 6; k++) {
            int v = ita_hex_digit(s[i + k]);
            esc = v >= 0;
            cp = cp * 16 + (unsigned)v;
        }
        if (!esc || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0) {
            s[o++] = s[i++];
            continue;
        }
        /* UTF-8 is never longer than the seven bytes it replaces */
        o += ita_utf8_encode(cp, s + o);
        i += 7;
    }
    b->len = o;
    s[o] = '\0';
}

static void add_text(struct xlsx *x, const char *s, int len)
{
    if (x->text_long)
        return;
    size_t n = (size_t)len;
    /* keep one byte more than a field may have, so that its length shows */
    if (x->text.len + n > ITA_MAX_FIELD + 1) {
        n = ITA_MAX_FIELD + 1 - x->text.len;
        x->text_long = true;
    }
    if (!bytes_add(&x->text, s, n))
        nomem(x);
}

static void reset_text(struct xlsx *x)
{
    x->text.len = 0;
    if (x->text.data != NULL)
        x->text.data[0] = '\0';
    x->text_long = false;
}

/* ---- relationships, workbook, shared strings ---- */

static char *dup_or_fail(struct xlsx *x, const char *s)
{
    char *d = ita_strdup(s ? s : "");
    if (d == NULL)
        nomem(x);
    return d;
}

/* grow() for a list the workbook names: false, said, when memory ran out or the
 * workbook "has too many" of them. */
static bool grow_listed(struct xlsx *x, void *items, size_t *cap, size_t count, size_t size, size_t max,
                        const char *too_many)
{
    enum grow_result g = grow(items, cap, count, size, max);
    if (g == GROW_NOMEM)
        nomem(x);
    else if (g == GROW_TOO_MANY)
        damaged(x, too_many);
    return g == GROWN;
}

static void rels_start(struct xlsx *x, const char *name, const char **atts)
{
    if (strcmp(name, "Relationship") != 0)
        return;
    const char *id = attr(atts, "Id"), *type = attr(atts, "Type"), *target = attr(atts, "Target");
    const char *mode = attr(atts, "TargetMode");
    if (id == NULL || type == NULL || target == NULL || (mode != NULL && strcmp(mode, "External") == 0))
        return;
    if (!grow_listed(x, &x->rels, &x->rel_cap, x->rel_count, sizeof *x->rels, 100000, "has too many relationships"))
        return;
    const char *slash = strrchr(type, '/');
    struct rel *r = &x->rels[x->rel_count];
    r->id = dup_or_fail(x, id);
    r->type = dup_or_fail(x, slash ? slash + 1 : type);
    r->target = dup_or_fail(x, target);
    x->rel_count++;
}

static void workbook_start(struct xlsx *x, const char *name, const char **atts)
{
    if (strcmp(name, "sheets") == 0) {
        x->in_sheets = true;
        return;
    }
    if (strcmp(name, "sheet") != 0 || !x->in_sheets)
        return;
    const char *sname = attr(atts, "name"), *rid = attr_rid(atts);
    if (sname == NULL || rid == NULL) {
        damaged(x, "names a sheet without a name or a relationship");
        return;
    }
    if (!grow_listed(x, &x->sheets, &x->sheet_cap, x->sheet_count, sizeof *x->sheets, 65536, "has too many sheets"))
        return;
    x->sheets[x->sheet_count].name = dup_or_fail(x, sname);
    x->sheets[x->sheet_count].rid = dup_or_fail(x, rid);
    x->sheet_count++;
}

static void strings_start(struct xlsx *x, enum tag tag)
{
    if (tag == TAG_SI) {
        x->string_depth = 1;
        x->in_phonetic = false;
        reset_text(x);
    } else if (x->string_depth > 0 && tag == TAG_RPH) {
        x->in_phonetic = true;
    } else if (x->string_depth > 0 && tag == TAG_T && !x->in_phonetic) {
        x->in_text = true;
    }
}

static void strings_end(struct xlsx *x, enum tag tag)
{
    if (tag == TAG_T) {
        x->in_text = false;
    } else if (tag == TAG_RPH) {
        x->in_phonetic = false;
    } else if (tag == TAG_SI && x->string_depth > 0) {
        x->string_depth = 0;
        decode_escapes(&x->text);
        if (x->strings.len + x->text.len + 1 > ITA_XLSX_MAX_STRINGS) {
            PROBLEM(x, ITA_ERR_DATA, "the workbook's shared strings hold more than %u MiB of text; ita reads no workbook this large",
                    ITA_XLSX_MAX_STRINGS >> 20);
            return;
        }
        /* each string takes at least its NUL of the capped text */
        if (grow(&x->string_off, &x->string_cap, x->string_count, sizeof *x->string_off, SIZE_MAX) != GROWN) {
            nomem(x);
            return;
        }
        x->string_off[x->string_count++] = x->strings.len;
        /* with the NUL that ends it */
        if (!bytes_add(&x->strings, x->text.data ? x->text.data : "", x->text.len + 1))
            nomem(x);
    }
}

/* ---- numbers ---- */

/* A decimal in text, exactly: digits (no leading zeros) times 10^exp. */
struct decimal_text {
    bool neg;
    char digits[408];
    size_t n;
    long exp;
};

static bool decimal_parse(const char *s, size_t len, struct decimal_text *d)
{
    size_t i = 0;
    memset(d, 0, sizeof *d);
    if (i < len && (s[i] == '-' || s[i] == '+'))
        d->neg = s[i++] == '-';
    bool any = false, point = false;
    long frac = 0;
    for (; i < len; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            any = true;
            if (d->n == 0 && c == '0') {
                if (point)
                    frac++;
                continue;
            }
            if (d->n >= sizeof d->digits - 1)
                return false;
            d->digits[d->n++] = c;
            if (point)
                frac++;
        } else if (c == '.' && !point) {
            point = true;
        } else {
            break;
        }
    }
    if (!any)
        return false;
    long e = 0;
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        bool eneg = false;
        if (i < len && (s[i] == '-' || s[i] == '+'))
            eneg = s[i++] == '-';
        if (i == len)
            return false;
        for (; i < len; i++) {
            if (s[i] < '0' || s[i] > '9' || e > 100000)
                return false;
            e = e * 10 + (s[i] - '0');
        }
        if (eneg)
            e = -e;
    }
    if (i != len)
        return false;
    d->exp = e - frac;
    while (d->n > 0 && d->digits[d->n - 1] == '0') { /* 97.0400 is 9704e-2 */
        d->n--;
        d->exp++;
    }
    return true;
}

/* Digit k of the decimal counted from its units (k = 0), tens (1), tenths (-1). */
static int digit_at(const struct decimal_text *d, long k)
{
    long idx = (long)d->n - 1 - (k - d->exp);
    return idx >= 0 && idx < (long)d->n ? d->digits[idx] - '0' : 0;
}

/* The decimal as plain text ("0.00001", "2565"), or false when that would be
 * longer than size allows. */
static bool decimal_plain(const struct decimal_text *d, char *buf, size_t size)
{
    if (d->n == 0)
        return snprintf(buf, size, "0") < (int)size;
    long top = (long)d->n - 1 + d->exp; /* the position of the first digit */
    long low = d->exp < 0 ? d->exp : 0;
    long hi = top > 0 ? top : 0;
    if ((size_t)(hi - low + 4) > size)
        return false;
    size_t o = 0;
    if (d->neg)
        buf[o++] = '-';
    for (long k = hi; k >= low; k--) {
        if (k == -1)
            buf[o++] = '.';
        buf[o++] = (char)('0' + digit_at(d, k));
    }
    buf[o] = '\0';
    return true;
}

/* The shortest decimal that is the same binary double as the text, read and
 * printed in the C locale whatever the caller's. */
static bool shortest_text(const char *s, size_t len, struct decimal_text *out)
{
    char tmp[480];
    if (len >= sizeof tmp)
        return false;
    memcpy(tmp, s, len);
    tmp[len] = '\0';
    locale_t c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    if (c == (locale_t)0)
        return false;
    locale_t old = uselocale(c);
    char *end;
    errno = 0;
    double v = strtod(tmp, &end);
    bool ok = *end == '\0' && errno == 0;
    char best[40] = "";
    for (int p = 1; ok && p <= 17; p++) {
        snprintf(best, sizeof best, "%.*e", p - 1, v);
        if (strtod(best, NULL) == v)
            break;
    }
    uselocale(old);
    freelocale(c);
    return ok && decimal_parse(best, strlen(best), out);
}

/* Whether a value is already the text it is passed as: digits without leading
 * zeros, at most 13 before the point and one or two after it, the last not 0
 * ("2565", "97.04", "-0.5"; not "-0", "97.40", "007"). Most values are. */
static bool number_plain(const char *s, size_t len)
{
    size_t i = s[0] == '-', int_digits = 0;
    if (i < len && s[i] == '0') {
        i++;
        int_digits = 1;
        if (i == len)
            return i == 1; /* "0", but not "-0" */
    } else {
        for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
            int_digits++;
        if (int_digits == 0 || int_digits > 13)
            return false;
        if (i == len)
            return true;
    }
    if (s[i] != '.' || len - i - 1 < 1 || len - i - 1 > 2)
        return false;
    for (i++; i < len; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return s[len - 1] != '0';
}

const char *ita_xlsx_number_text(const char *value, size_t len, char *buf, size_t size)
{
    struct decimal_text d;
    if (size == 0)
        return buf;
    if (len > 0 && len < size && number_plain(value, len)) {
        memcpy(buf, value, len);
        buf[len] = '\0';
        return buf;
    }
    if (!decimal_parse(value, len, &d)) {
        snprintf(buf, size, "%.*s", (int)(len < size ? len : size - 1), value);
        return buf;
    }
    /* hundredths: digits from position -2 up; the rest is the fraction of a hundredth */
    long top = d.n == 0 ? -100 : (long)d.n - 1 + d.exp;
    if (top <= 12) {
        int64_t cents = 0;
        for (long k = top; k >= -2; k--)
            cents = cents * 10 + digit_at(&d, k);
        /* within 1e-9 of a hundredth: within 1e-7 of a whole number of hundredths */
        bool zeros = true, nines = true;
        for (long k = -3; k >= -9; k--) {
            int g = digit_at(&d, k);
            if (k >= -8)
                zeros &= g == 0;
            nines &= g == 9;
        }
        /* 0.0000001 hundredths is exactly the tolerance: digit -9 may be 1 when nothing follows */
        int ninth = digit_at(&d, -9);
        bool rest_zero = d.exp >= -9;
        bool down = zeros && (ninth == 0 || (ninth == 1 && rest_zero));
        if (down || nines) {
            if (nines)
                cents++;
            const char *sign = d.neg && cents != 0 ? "-" : "";
            if (cents % 100 == 0)
                snprintf(buf, size, "%s%lld", sign, (long long)(cents / 100));
            else if (cents % 10 == 0)
                snprintf(buf, size, "%s%lld.%d", sign, (long long)(cents / 100), (int)(cents % 100 / 10));
            else
                snprintf(buf, size, "%s%lld.%02d", sign, (long long)(cents / 100), (int)(cents % 100));
            return buf;
        }
    }
    struct decimal_text s;
    if (shortest_text(value, len, &s) && decimal_plain(&s, buf, size))
        return buf;
    snprintf(buf, size, "%.*s", (int)(len < size ? len : size - 1), value);
    return buf;
}

/* ---- the sheet ---- */

/* "C12" -> column 3, row 12; false when it is not a cell reference. */
static bool cell_ref(const char *s, size_t *col, size_t *row)
{
    size_t c = 0, r = 0, i = 0;
    for (; s[i] >= 'A' && s[i] <= 'Z'; i++) {
        c = c * 26 + (size_t)(s[i] - 'A' + 1);
        if (c > ITA_XLSX_MAX_COLUMNS)
            return false;
    }
    if (i == 0)
        return false;
    size_t digits = 0;
    for (; s[i] >= '0' && s[i] <= '9'; i++, digits++) {
        r = r * 10 + (size_t)(s[i] - '0');
        if (r > ITA_XLSX_MAX_ROWS)
            return false;
    }
    if (s[i] != '\0' || digits == 0 || r == 0)
        return false;
    *col = c;
    *row = r;
    return true;
}

static void sheet_problem(struct xlsx *x, const char *what)
{
    char msg[160];
    snprintf(msg, sizeof msg, "%s (row %zu)", what, x->row);
    damaged(x, msg);
}

static void cell_start(struct xlsx *x, const char **atts)
{
    const char *r = NULL, *t = NULL; /* as attr() finds them, in one pass */
    for (size_t i = 0; atts[i] != NULL; i += 2) {
        const char *n = local_name(atts[i]);
        if (n[0] == 'r' && n[1] == '\0' && r == NULL)
            r = atts[i + 1];
        else if (n[0] == 't' && n[1] == '\0' && t == NULL)
            t = atts[i + 1];
    }
    size_t col = x->last_col + 1, row = x->row;
    if (r != NULL && (!cell_ref(r, &col, &row) || row != x->row)) {
        sheet_problem(x, "has a cell reference that is not a cell of its row");
        return;
    }
    if (col <= x->last_col || col > ITA_XLSX_MAX_COLUMNS) {
        sheet_problem(x, "has cells out of order");
        return;
    }
    x->col = x->last_col = col;
    x->cell_type = t == NULL ? CELL_NUMBER
                 : t[0] == 'n' && t[1] == '\0' ? CELL_NUMBER
                 : t[0] == 's' && t[1] == '\0' ? CELL_SHARED
                 : t[0] == 'i' && strcmp(t, "inlineStr") == 0 ? CELL_INLINE
                 : t[0] == 's' && strcmp(t, "str") == 0 ? CELL_STRING
                 : t[0] == 'b' && t[1] == '\0' ? CELL_BOOL : CELL_OTHER;
    x->in_cell = true;
    x->has_value = x->has_formula = false;
    x->formula.len = 0;
    reset_text(x);
}

static void store_cell(struct xlsx *x, const char *s, size_t n, bool same)
{
    if (n == 0)
        return;
    if (x->row_text.len + n + 1 > ITA_XLSX_MAX_ROW) {
        cell_problem(x, "ends a row of more than 16 MiB of text");
        return;
    }
    /* columns only increase, so a row has at most ITA_XLSX_MAX_COLUMNS cells */
    if (grow(&x->cells, &x->cell_cap, x->cell_count, sizeof *x->cells, SIZE_MAX) != GROWN) {
        nomem(x);
        return;
    }
    struct cell *c = &x->cells[x->cell_count];
    c->col = x->col;
    c->off = x->row_text.len;
    c->len = n;
    c->same = same;
    if (!bytes_add(&x->row_text, s, n)) {
        nomem(x);
        return;
    }
    x->row_text.len++; /* keep the NUL that bytes_add wrote */
    x->cell_count++;
}

static void cell_end(struct xlsx *x)
{
    x->in_cell = false;
    if (x->row_bad)
        return;
    enum cell_type type = x->cell_type;
    const char *s = x->text.data ? x->text.data : "";
    size_t n = x->text.len;
    char num[80];
    char q[ITA_QUOTE_BUFSZ];
    /* a formula's value is stored in <v>; an empty one is only a value for a string result */
    bool no_value = !x->has_value || (n == 0 && type != CELL_STRING);
    if (x->has_formula && no_value && type != CELL_INLINE) {
        char msg[256];
        snprintf(msg, sizeof msg,
                 "holds the formula %s without its value; open the workbook in Excel or LibreOffice and save it, which stores the values",
                 ita_quote(x->formula.data ? x->formula.data : "", x->formula.len, q, sizeof q));
        cell_problem(x, msg);
        return;
    }
    if (type == CELL_SHARED) {
        if (!x->has_value)
            return;
        size_t idx = 0, i = 0;
        for (; i < n && s[i] >= '0' && s[i] <= '9' && idx <= x->string_count; i++)
            idx = idx * 10 + (size_t)(s[i] - '0');
        if (n == 0 || i != n || idx >= x->string_count) {
            char msg[160];
            snprintf(msg, sizeof msg, "refers to shared string %s, which the workbook does not have",
                     ita_quote(s, n, q, sizeof q));
            cell_problem(x, msg);
            return;
        }
        s = x->strings.data + x->string_off[idx];
        n = (idx + 1 < x->string_count ? x->string_off[idx + 1] : x->strings.len) - x->string_off[idx] - 1;
    } else if (type == CELL_INLINE || type == CELL_STRING) {
        decode_escapes(&x->text);
        s = x->text.data ? x->text.data : "";
        n = x->text.len;
    } else if (type == CELL_BOOL) {
        if (n == 1 && (s[0] == '0' || s[0] == '1')) {
            s = s[0] == '1' ? "TRUE" : "FALSE";
            n = strlen(s);
        }
    } else if (type == CELL_NUMBER) {
        if (n > 0) {
            s = ita_xlsx_number_text(s, n, num, sizeof num);
            n = strlen(s);
        }
    }
    /* e (an error value such as #DIV/0!) and d (an ISO 8601 date) are their text */
    if (n > ITA_MAX_FIELD || x->text_long) {
        char msg[64];
        snprintf(msg, sizeof msg, "holds more than %u bytes of text", ITA_MAX_FIELD);
        cell_problem(x, msg);
        return;
    }
    /* the same bytes as the cell above, already checked? (columns only increase) */
    while (x->prev_at < x->prev_count && x->prev_cells[x->prev_at].col < x->col)
        x->prev_at++;
    const struct cell *above = x->prev_at < x->prev_count && x->prev_cells[x->prev_at].col == x->col
                             ? &x->prev_cells[x->prev_at] : NULL;
    if (above != NULL && above->len == n && memcmp(x->prev_text.data + above->off, s, n) == 0) {
        store_cell(x, s, n, true);
        return;
    }
    unsigned control = 0;
    enum field_check fc = check_field((const unsigned char *)s, n, &control);
    if (fc == FIELD_CONTROL) {
        char msg[128];
        snprintf(msg, sizeof msg, "contains the control character U+%04X; only tab and line ends may appear in text",
                 control);
        cell_problem(x, msg);
        return;
    }
    if (fc != FIELD_OK) {
        cell_problem(x, fc == FIELD_NUL ? "contains a NUL character"
                        : fc == FIELD_BOM ? "contains a byte order mark (U+FEFF)" : "is not valid UTF-8");
        return;
    }
    store_cell(x, s, n, false);
}

static void row_end(struct xlsx *x)
{
    x->in_row = false;
    size_t first = 0, last = 0;
    for (size_t i = 0; i < x->cell_count; i++) {
        if (first == 0)
            first = x->cells[i].col;
        last = x->cells[i].col;
    }
    if (x->row_bad) {
        if (!x->header_seen)
            fail(x, ITA_ERR_DATA); /* never take a data row for the header */
        return;
    }
    if (first == 0)
        return; /* blank */
    if (!x->header_seen) {
        x->header_seen = true;
        x->first_col = first;
        x->width = last - first + 1;
        x->header_row = x->row;
        x->fields = calloc(x->width, sizeof *x->fields);
        if (x->fields == NULL) {
            nomem(x);
            return;
        }
        ita_diags_set_sheet(x->diags, x->file, x->sheet_name, first - 1);
    }
    for (size_t i = 0; i < x->width; i++) {
        x->fields[i].data = empty;
        x->fields[i].len = 0;
        x->fields[i].line = x->row;
        x->fields[i].same_as_above = false;
    }
    for (size_t i = 0; i < x->cell_count; i++) {
        const struct cell *c = &x->cells[i];
        if (c->col < x->first_col || c->col >= x->first_col + x->width) {
            char q[ITA_QUOTE_BUFSZ], msg[160];
            snprintf(msg, sizeof msg, "holds %s outside the table: its column has no header",
                     ita_quote(x->row_text.data + c->off, c->len, q, sizeof q));
            x->col = c->col;
            cell_problem(x, msg);
            return;
        }
        x->fields[c->col - x->first_col].data = x->row_text.data + c->off;
        x->fields[c->col - x->first_col].len = c->len;
        x->fields[c->col - x->first_col].same_as_above = c->same && x->prev_record;
    }
    struct ita_record rec = {x->fields, x->width, x->row, x->file};
    x->records++;
    enum ita_status st = x->records == 1 ? x->sink->header(x->sink->ctx, &rec) : x->sink->record(x->sink->ctx, &rec);
    if (st != ITA_OK)
        fail(x, st);
    /* this row is the one the next is compared with */
    struct bytes text = x->prev_text;
    x->prev_text = x->row_text;
    x->row_text = text;
    struct cell *cells = x->prev_cells;
    size_t cap = x->prev_cap;
    x->prev_cells = x->cells;
    x->prev_cap = x->cell_cap;
    x->prev_count = x->cell_count;
    x->cells = cells;
    x->cell_cap = cap;
    x->cell_count = 0;
    x->prev_record = x->records > 1;
}

static void sheet_start(struct xlsx *x, enum tag tag, const char **atts)
{
    if (!x->in_sheet_data) {
        if (tag == TAG_SHEET_DATA)
            x->in_sheet_data = true;
        return;
    }
    if (!x->in_row) {
        if (tag != TAG_ROW)
            return;
        const char *r = attr(atts, "r");
        size_t row = x->last_row + 1;
        if (r != NULL) {
            row = 0;
            size_t i = 0;
            for (; r[i] >= '0' && r[i] <= '9' && row <= ITA_XLSX_MAX_ROWS; i++)
                row = row * 10 + (size_t)(r[i] - '0');
            if (r[i] != '\0' || i == 0)
                row = 0;
        }
        if (row > ITA_XLSX_MAX_ROWS) {
            x->row = row;
            damaged(x, "has a row beyond row 1048576, the last row of a sheet");
            return;
        }
        if (row == 0 || row <= x->last_row) {
            x->row = x->last_row;
            sheet_problem(x, "has rows out of order or an invalid row number");
            return;
        }
        x->row = x->last_row = row;
        x->last_col = 0;
        x->in_row = true;
        x->row_bad = false;
        x->cell_count = 0;
        x->prev_at = 0;
        x->row_text.len = 0;
        return;
    }
    if (!x->in_cell) {
        if (tag == TAG_C)
            cell_start(x, atts);
        return;
    }
    if (tag == TAG_V) {
        x->in_value = true;
        x->has_value = true;
        reset_text(x);
    } else if (tag == TAG_F) {
        x->in_formula = true;
        x->has_formula = true;
    } else if (tag == TAG_IS) {
        x->in_inline = true;
        x->has_value = true;
        x->in_phonetic = false;
        reset_text(x);
    } else if (x->in_inline && tag == TAG_RPH) {
        x->in_phonetic = true;
    } else if (x->in_inline && tag == TAG_T && !x->in_phonetic) {
        x->in_text = true;
    }
}

static void sheet_end(struct xlsx *x, enum tag tag)
{
    if (!x->in_sheet_data)
        return;
    if (x->in_cell) {
        if (tag == TAG_V)
            x->in_value = false;
        else if (tag == TAG_F)
            x->in_formula = false;
        else if (tag == TAG_IS)
            x->in_inline = false;
        else if (tag == TAG_RPH)
            x->in_phonetic = false;
        else if (tag == TAG_T)
            x->in_text = false;
        else if (tag == TAG_C)
            cell_end(x);
    } else if (x->in_row) {
        if (tag == TAG_ROW)
            row_end(x);
    } else if (tag == TAG_SHEET_DATA) {
        x->in_sheet_data = false;
    }
}

/* ---- expat callbacks ---- */

static void XMLCALL on_start(void *ud, const XML_Char *qname, const XML_Char **atts)
{
    struct xlsx *x = ud;
    if (x->skip > 0) {
        x->skip--;
        return;
    }
    if (x->stopped)
        return;
    const char *name = local_name(qname);
    switch (x->kind) {
    case PART_RELS: rels_start(x, name, atts); break;
    case PART_WORKBOOK: workbook_start(x, name, atts); break;
    case PART_STRINGS: strings_start(x, tag_of(name)); break;
    case PART_SHEET: sheet_start(x, tag_of(name), atts); break;
    case PART_MIMETYPE: break;
    }
}

static void XMLCALL on_end(void *ud, const XML_Char *qname)
{
    struct xlsx *x = ud;
    if (x->skip > 0) {
        x->skip--;
        return;
    }
    if (x->stopped)
        return;
    const char *name = local_name(qname);
    if (x->kind == PART_STRINGS)
        strings_end(x, tag_of(name));
    else if (x->kind == PART_SHEET)
        sheet_end(x, tag_of(name));
    else if (x->kind == PART_WORKBOOK && strcmp(name, "sheets") == 0)
        x->in_sheets = false;
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
    struct xlsx *x = ud;
    if (x->stopped || x->skip > 0)
        return;
    if (x->kind == PART_STRINGS) {
        if (x->string_depth > 0 && x->in_text)
            add_text(x, s, len);
    } else if (x->kind == PART_SHEET && x->in_cell) {
        if (x->in_value || (x->in_inline && x->in_text))
            add_text(x, s, len);
        else if (x->in_formula && x->formula.len < 200 && !bytes_add(&x->formula, s, (size_t)len))
            nomem(x);
    }
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid, const XML_Char *pubid,
                               int has_internal_subset)
{
    (void)name;
    (void)sysid;
    (void)pubid;
    (void)has_internal_subset;
    struct xlsx *x = ud;
    damaged(x, "has a document type declaration (DOCTYPE), which no workbook has; it is refused");
}

static void XMLCALL on_entity(void *ud, const XML_Char *name, int is_param, const XML_Char *value, int value_len,
                              const XML_Char *base, const XML_Char *sysid, const XML_Char *pubid,
                              const XML_Char *notation)
{
    (void)name; (void)is_param; (void)value; (void)value_len; (void)base; (void)sysid; (void)pubid;
    (void)notation;
    struct xlsx *x = ud;
    damaged(x, "declares an entity, which no workbook does; it is refused");
}

/* ---- parts ---- */

/* The status of a libzip error: a read error is I/O, the rest damage. */
static void zip_problem(struct xlsx *x, zip_error_t *err)
{
    int code = lib.zip_error_code_zip(err);
    if (code == ZIP_ER_MEMORY) {
        nomem(x);
    } else if (code == ZIP_ER_READ || code == ZIP_ER_SEEK || code == ZIP_ER_OPEN) {
        PROBLEM(x, ITA_ERR_IO, "cannot read %s: %s", x->part, lib.zip_error_strerror(err));
    } else if (code == ZIP_ER_ENCRNOTSUPP || code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD) {
        PROBLEM(x, ITA_ERR_DATA, "the workbook's part %s is encrypted; save the workbook without a password", x->part);
    } else {
        PROBLEM(x, ITA_ERR_DATA, "the workbook is damaged or truncated: %s cannot be inflated (%s)", x->part,
                lib.zip_error_strerror(err));
    }
}

/* The next CHUNK bytes (at most) of a part into buf, held to the limits on what
 * a part may inflate to; -1 after a problem (reported). */
static zip_int64_t read_chunk(struct xlsx *x, zip_file_t *zf, void *buf, const char *path, zip_uint64_t packed,
                              zip_uint64_t *inflated)
{
    zip_int64_t n = lib.zip_fread(zf, buf, CHUNK);
    if (n < 0) {
        zip_problem(x, lib.zip_file_get_error(zf));
        return -1;
    }
    *inflated += (zip_uint64_t)n;
    if (*inflated > ITA_XLSX_MAX_PART) {
        PROBLEM(x, ITA_ERR_DATA, "the workbook's part %s inflates to more than the %u MiB ita reads (a zip bomb?)",
                path, ITA_XLSX_MAX_PART >> 20);
        return -1;
    }
    if (*inflated > RATIO_FROM && *inflated / (packed ? packed : 1) > ITA_XLSX_MAX_RATIO) {
        PROBLEM(x, ITA_ERR_DATA,
                "the workbook's part %s would inflate to more than %u times its compressed size (a zip bomb?); it is refused",
                path, ITA_XLSX_MAX_RATIO);
        return -1;
    }
    return n;
}

/* Reads a part with the fast scanner (xml_scan.h), chunk by chunk as expat
 * would; true when it is read (or stopped by a problem), false when the scanner
 * gave up: then x->skip says how many tags expat is to pass over. */
static bool scan_part(struct xlsx *x, zip_file_t *zf, const char *path, zip_uint64_t packed, zip_uint64_t *inflated)
{
    struct xml_scan s;
    xml_scan_init(&s);
    const struct xml_scan_handlers h = {x, on_start, on_end, on_text, &x->stopped};
    bool done = true;
    for (;;) {
        char *buf = xml_scan_buffer(&s, CHUNK);
        if (buf == NULL) {
            if (s.too_long)
                done = false;
            else
                nomem(x);
            break;
        }
        zip_int64_t n = read_chunk(x, zf, buf, path, packed, inflated);
        if (n < 0)
            break;
        enum xml_scan_status st = xml_scan_parse(&s, (size_t)n, n == 0, &h);
        if (st == XML_SCAN_GIVE_UP) {
            done = false;
            break;
        }
        if (st == XML_SCAN_DONE || n == 0 || x->stopped)
            break;
    }
    if (!done)
        x->skip = s.events;
    xml_scan_free(&s);
    return done;
}

/* Parses one part with the handlers of `kind`; false when it is absent. */
static bool parse_part(struct xlsx *x, const char *path, enum part_kind kind)
{
    zip_int64_t index = lib.zip_name_locate(x->zip, path, ZIP_FL_NOCASE);
    if (index < 0)
        return false;
    x->part = path;
    x->kind = kind;
    zip_stat_t st;
    lib.zip_stat_init(&st);
    if (lib.zip_stat_index(x->zip, (zip_uint64_t)index, 0, &st) != 0) {
        zip_problem(x, lib.zip_get_error(x->zip));
        return true;
    }
    if ((st.valid & ZIP_STAT_SIZE) && st.size > ITA_XLSX_MAX_PART) {
        PROBLEM(x, ITA_ERR_DATA, "the workbook's part %s would inflate to %llu bytes, more than the %u MiB ita reads (a zip bomb?)",
                path, (unsigned long long)st.size, ITA_XLSX_MAX_PART >> 20);
        return true;
    }
    zip_uint64_t packed = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
    if ((st.valid & ZIP_STAT_SIZE) && st.size > RATIO_FROM && st.size / (packed ? packed : 1) > ITA_XLSX_MAX_RATIO) {
        PROBLEM(x, ITA_ERR_DATA,
                "the workbook's part %s would inflate to more than %u times its compressed size (a zip bomb?); it is refused",
                path, ITA_XLSX_MAX_RATIO);
        return true;
    }
    zip_file_t *zf = lib.zip_fopen_index(x->zip, (zip_uint64_t)index, 0);
    if (zf == NULL) {
        zip_problem(x, lib.zip_get_error(x->zip));
        return true;
    }
    /* the scanner first; at anything it does not read, expat from the start */
    zip_uint64_t inflated = 0;
    if (scan_part(x, zf, path, packed, &inflated) || x->stopped) {
        lib.zip_fclose(zf);
        return true;
    }
    lib.zip_fclose(zf);
    inflated = 0;
    zf = lib.zip_fopen_index(x->zip, (zip_uint64_t)index, 0);
    if (zf == NULL) {
        zip_problem(x, lib.zip_get_error(x->zip));
        return true;
    }
    XML_Parser p = lib.XML_ParserCreate(NULL);
    if (p == NULL) {
        lib.zip_fclose(zf);
        nomem(x);
        return true;
    }
    x->parser = p;
    lib.XML_SetUserData(p, x);
    lib.XML_SetElementHandler(p, on_start, on_end);
    lib.XML_SetCharacterDataHandler(p, on_text);
    lib.XML_SetStartDoctypeDeclHandler(p, on_doctype);
    lib.XML_SetEntityDeclHandler(p, on_entity);
    lib.XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_NEVER);
    for (;;) {
        void *buf = lib.XML_GetBuffer(p, CHUNK);
        if (buf == NULL) {
            nomem(x);
            break;
        }
        zip_int64_t n = read_chunk(x, zf, buf, path, packed, &inflated);
        if (n < 0)
            break;
        if (lib.XML_ParseBuffer(p, (int)n, n == 0) != XML_STATUS_OK) {
            if (!x->stopped) {
                char msg[256];
                snprintf(msg, sizeof msg, "is not well-formed XML (line %lu, column %lu: %s)",
                         (unsigned long)lib.XML_GetCurrentLineNumber(p), (unsigned long)lib.XML_GetCurrentColumnNumber(p),
                         lib.XML_ErrorString(lib.XML_GetErrorCode(p)));
                damaged(x, msg);
            }
            break;
        }
        if (n == 0 || x->stopped)
            break;
    }
    x->parser = NULL;
    x->skip = 0;
    lib.XML_ParserFree(p);
    lib.zip_fclose(zf);
    return true;
}

static void free_rels(struct xlsx *x)
{
    for (size_t i = 0; i < x->rel_count; i++) {
        free(x->rels[i].id);
        free(x->rels[i].type);
        free(x->rels[i].target);
    }
    x->rel_count = 0;
}

static const struct rel *find_rel(const struct xlsx *x, const char *type, const char *id)
{
    for (size_t i = 0; i < x->rel_count; i++)
        if ((type == NULL || strcmp(x->rels[i].type, type) == 0) && (id == NULL || strcmp(x->rels[i].id, id) == 0))
            return &x->rels[i];
    return NULL;
}

/* The part a relationship of the part in `dir` ("xl/") points to. */
static char *resolve(const char *dir, const char *target)
{
    char buf[1024];
    if (target[0] == '/')
        snprintf(buf, sizeof buf, "%s", target + 1);
    else
        snprintf(buf, sizeof buf, "%s%s", dir, target);
    /* remove "./" and "dir/../" */
    char out[1024];
    size_t o = 0;
    for (const char *p = buf; *p;) {
        const char *slash = strchr(p, '/');
        size_t n = slash ? (size_t)(slash - p) : strlen(p);
        if (n == 1 && p[0] == '.') {
        } else if (n == 2 && p[0] == '.' && p[1] == '.') {
            while (o > 0 && out[o - 1] != '/')
                o--;
            if (o > 0)
                o--;
            while (o > 0 && out[o - 1] != '/')
                o--;
        } else if (n > 0) {
            if (o + n + 2 >= sizeof out)
                break;
            memcpy(out + o, p, n);
            o += n;
            if (slash)
                out[o++] = '/';
        }
        p += n + (slash ? 1 : 0);
    }
    out[o] = '\0';
    return ita_strdup(out);
}

/* The folder of a part ("xl/workbook.xml" -> "xl/") and its relationships part. */
static void rels_of(const char *part, char *dir, size_t dsize, char *rels, size_t rsize)
{
    const char *slash = strrchr(part, '/');
    size_t n = slash ? (size_t)(slash - part + 1) : 0;
    snprintf(dir, dsize, "%.*s", (int)n, part);
    snprintf(rels, rsize, "%s_rels/%s.rels", dir, slash ? slash + 1 : part);
}

static void list_sheets(const struct xlsx *x, char *buf, size_t size)
{
    size_t o = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < x->sheet_count && o + 8 < size; i++) {
        char q[ITA_QUOTE_BUFSZ];
        int n = snprintf(buf + o, size - o, "%s%zu %s", i ? ", " : "", i + 1,
                         ita_quote(x->sheets[i].name, strlen(x->sheets[i].name), q, sizeof q));
        if (n < 0 || (size_t)n >= size - o) {
            snprintf(buf + o, size - o, ", ...");
            break;
        }
        o += (size_t)n;
    }
}

static size_t pick_sheet(struct xlsx *x, const char *want)
{
    if (want == NULL)
        return 0;
    for (size_t i = 0; i < x->sheet_count; i++)
        if (strcmp(x->sheets[i].name, want) == 0)
            return i;
    for (size_t i = 0; i < x->sheet_count; i++)
        if (strcasecmp(x->sheets[i].name, want) == 0)
            return i;
    char *end;
    errno = 0;
    unsigned long v = strtoul(want, &end, 10);
    if (want[0] >= '1' && want[0] <= '9' && *end == '\0' && errno == 0 && v >= 1 && v <= x->sheet_count)
        return v - 1;
    char list[1024], q[ITA_QUOTE_BUFSZ];
    list_sheets(x, list, sizeof list);
    ita_diags_add(x->diags, ITA_SEV_ERROR, x->file, 0, 0, "the workbook has no sheet %s; its sheets are %s",
                  ita_quote(want, strlen(want), q, sizeof q), list);
    fail(x, ITA_ERR_USAGE);
    return 0;
}

/* Whether a zip archive is an OpenDocument file: its first part is "mimetype". */
static bool opendocument(struct xlsx *x, char *kind, size_t size)
{
    zip_int64_t index = lib.zip_name_locate(x->zip, "mimetype", 0);
    if (index < 0)
        return false;
    zip_file_t *zf = lib.zip_fopen_index(x->zip, (zip_uint64_t)index, 0);
    if (zf == NULL)
        return false;
    char buf[128];
    zip_int64_t n = lib.zip_fread(zf, buf, sizeof buf - 1);
    lib.zip_fclose(zf);
    if (n <= 0)
        return false;
    buf[n] = '\0';
    const char *prefix = "application/vnd.oasis.opendocument.";
    if (strncmp(buf, prefix, strlen(prefix)) != 0)
        return false;
    snprintf(kind, size, "%s", buf + strlen(prefix));
    return true;
}

static void read_workbook(struct xlsx *x, const char *want_sheet)
{
    char kind[128];
    if (opendocument(x, kind, sizeof kind)) {
        PROBLEM(x, ITA_ERR_DATA, "the file is an OpenDocument %s (.ods), which ita does not read; save it as an Excel workbook (.xlsx) or as CSV (UTF-8)",
                strncmp(kind, "spreadsheet", 11) == 0 ? "spreadsheet" : "document");
        return;
    }
    /* the package's relationships name the workbook part */
    char *workbook = NULL;
    x->part = "_rels/.rels";
    if (parse_part(x, "_rels/.rels", PART_RELS) && !x->stopped) {
        const struct rel *r = find_rel(x, "officeDocument", NULL);
        if (r != NULL)
            workbook = resolve("", r->target);
    }
    free_rels(x);
    if (x->stopped)
        goto done;
    if (workbook == NULL)
        workbook = ita_strdup("xl/workbook.xml");
    if (workbook == NULL) {
        nomem(x);
        goto done;
    }
    if (!parse_part(x, workbook, PART_WORKBOOK)) {
        bool word = lib.zip_name_locate(x->zip, "word/document.xml", 0) >= 0;
        PROBLEM(x, ITA_ERR_DATA, "%s: it has no workbook part (%s)",
                word ? "the file is a Word document, not an Excel workbook" : "the file is a zip archive but not an Excel workbook",
                workbook);
        goto done;
    }
    if (x->stopped)
        goto done;
    if (x->sheet_count == 0) {
        x->part = workbook;
        damaged(x, "names no sheet");
        goto done;
    }
    size_t pick = pick_sheet(x, want_sheet);
    if (x->stopped)
        goto done;
    x->sheet_name = x->sheets[pick].name;
    char dir[512], rels[1024];
    rels_of(workbook, dir, sizeof dir, rels, sizeof rels);
    if (!parse_part(x, rels, PART_RELS)) {
        x->part = workbook;
        damaged(x, "has no relationships part: the sheets cannot be found");
        goto done;
    }
    if (x->stopped)
        goto done;
    const struct rel *sheet_rel = find_rel(x, NULL, x->sheets[pick].rid);
    const struct rel *strings_rel = find_rel(x, "sharedStrings", NULL);
    char *sheet_path = sheet_rel ? resolve(dir, sheet_rel->target) : NULL;
    char *strings_path = strings_rel ? resolve(dir, strings_rel->target) : NULL;
    bool is_chart = sheet_rel != NULL && strcmp(sheet_rel->type, "worksheet") != 0;
    free_rels(x);
    if (sheet_rel == NULL || (sheet_path == NULL) || (strings_rel != NULL && strings_path == NULL)) {
        if (sheet_rel == NULL) {
            x->part = rels;
            damaged(x, "does not say where the sheet is");
        } else {
            nomem(x);
        }
    } else if (is_chart) {
        char q[ITA_QUOTE_BUFSZ];
        PROBLEM(x, ITA_ERR_DATA, "sheet %s is a chart or a dialog, not a worksheet; choose another with --sheet",
                ita_quote(x->sheet_name, strlen(x->sheet_name), q, sizeof q));
    } else if (strings_path != NULL && !parse_part(x, strings_path, PART_STRINGS)) {
        x->part = strings_path;
        damaged(x, "is missing (the shared strings)");
    } else if (!x->stopped) {
        ita_diags_set_sheet(x->diags, x->file, x->sheet_name, 0);
        if (!parse_part(x, sheet_path, PART_SHEET)) {
            x->part = sheet_path;
            damaged(x, "is missing (the sheet)");
        } else if (!x->stopped && x->records == 0) {
            ita_diags_add(x->diags, ITA_SEV_ERROR, x->file, 0, 0, "the sheet is empty; a header row is required");
            x->status = ITA_ERR_DATA;
        } else if (!x->stopped && x->records == 1) {
            ita_diags_add(x->diags, ITA_SEV_ERROR, x->file, x->header_row, 0,
                          "the sheet has a header row but no rows of scores");
            x->status = ITA_ERR_DATA;
        }
    }
    free(sheet_path);
    free(strings_path);
done:
    free(workbook);
}

/* ---- entry points ---- */

static const unsigned char ole2_magic[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

enum ita_input_kind ita_input_kind_of(const void *head, size_t len)
{
    const unsigned char *h = head;
    if (len >= 4 && h[0] == 'P' && h[1] == 'K' && ((h[2] == 3 && h[3] == 4) || (h[2] == 5 && h[3] == 6)))
        return ITA_INPUT_ZIP;
    if (len >= 8 && memcmp(h, ole2_magic, 8) == 0)
        return ITA_INPUT_OLE2;
    return ITA_INPUT_TEXT;
}

bool ita_input_workbook_name(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (dot == NULL || strchr(dot, '/') != NULL)
        return false;
    return strcasecmp(dot, ".xlsx") == 0 || strcasecmp(dot, ".xlsm") == 0 ||
           strcasecmp(dot, ".xls") == 0 || strcasecmp(dot, ".ods") == 0;
}

/* The stream name of an encrypted Office document, in UTF-16LE as the compound
 * file's directory holds it. */
static const char encrypted_name[] = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
#define ENCRYPTED_LEN (sizeof encrypted_name - 1)

static bool has_encrypted_name(const char *data, size_t len)
{
    for (size_t i = 0; i + ENCRYPTED_LEN <= len; i++)
        if (data[i] == 'E' && memcmp(data + i, encrypted_name, ENCRYPTED_LEN) == 0)
            return true;
    return false;
}

static enum ita_status ole2(const char *file, bool encrypted, struct ita_diags *diags)
{
    if (encrypted)
        ita_diags_add(diags, ITA_SEV_ERROR, file, 0, 0,
                      "the workbook is encrypted (protected by a password to open); ita cannot read it: save a copy without the password and read that");
    else
        ita_diags_add(diags, ITA_SEV_ERROR, file, 0, 0,
                      "the file is an Excel 97-2003 workbook (.xls) or another compound document, which ita does not read; save it as an Excel workbook (.xlsx) or as CSV (UTF-8)");
    return ITA_ERR_DATA;
}

static enum ita_status not_a_zip(const char *file, const void *head, size_t len, int code,
                                 struct ita_diags *diags)
{
    zip_error_t err;
    lib.zip_error_init_with_code(&err, code);
    if (code == ZIP_ER_MEMORY) {
        lib.zip_error_fini(&err);
        return ITA_ERR_NOMEM;
    }
    if (code == ZIP_ER_READ || code == ZIP_ER_SEEK || code == ZIP_ER_OPEN) {
        ita_diags_add(diags, ITA_SEV_ERROR, file, 0, 0, "cannot read the workbook: %s", lib.zip_error_strerror(&err));
        lib.zip_error_fini(&err);
        return ITA_ERR_IO;
    }
    if (ita_input_kind_of(head, len) == ITA_INPUT_ZIP)
        ita_diags_add(diags, ITA_SEV_ERROR, file, 0, 0,
                      "the workbook is truncated or damaged: its zip directory cannot be read (%s)",
                      lib.zip_error_strerror(&err));
    else
        ita_diags_add(diags, ITA_SEV_ERROR, file, 0, 0,
                      "the file is not an Excel workbook (.xlsx is a zip archive, and this is not one); save it as .xlsx, or as CSV with a .csv name");
    lib.zip_error_fini(&err);
    return ITA_ERR_DATA;
}

static enum ita_status read_zip(zip_t *zip, const char *file, const char *sheet, const struct ita_load_sink *sink,
                                struct ita_diags *diags)
{
    struct xlsx x;
    memset(&x, 0, sizeof x);
    x.zip = zip;
    x.file = file;
    x.diags = diags;
    x.sink = sink;
    x.status = ITA_OK;
    read_workbook(&x, sheet);
    free_rels(&x);
    free(x.rels);
    for (size_t i = 0; i < x.sheet_count; i++) {
        free(x.sheets[i].name);
        free(x.sheets[i].rid);
    }
    free(x.sheets);
    free(x.strings.data);
    free(x.string_off);
    free(x.text.data);
    free(x.formula.data);
    free(x.row_text.data);
    free(x.cells);
    free(x.prev_text.data);
    free(x.prev_cells);
    free(x.fields);
    lib.zip_discard(zip);
    return x.status;
}

enum ita_status ita_xlsx_load_memory(const void *data, size_t len, const char *file, const char *sheet,
                                     const struct ita_load_sink *sink, struct ita_diags *diags)
{
    if (ita_input_kind_of(data, len) == ITA_INPUT_OLE2)
        return ole2(file, has_encrypted_name(data, len), diags);
    enum ita_status st = open_libs(file, diags);
    if (st != ITA_OK)
        return st;
    zip_error_t err;
    lib.zip_error_init(&err);
    zip_source_t *src = lib.zip_source_buffer_create(len ? data : "", len, 0, &err);
    if (src == NULL) {
        lib.zip_error_fini(&err);
        return ITA_ERR_NOMEM;
    }
    zip_t *zip = lib.zip_open_from_source(src, ZIP_RDONLY, &err);
    if (zip == NULL) {
        int code = lib.zip_error_code_zip(&err);
        lib.zip_source_free(src);
        lib.zip_error_fini(&err);
        return not_a_zip(file, data, len, code, diags);
    }
    lib.zip_error_fini(&err);
    return read_zip(zip, file, sheet, sink, diags);
}

enum ita_status ita_xlsx_load(FILE *in, const void *head, size_t head_len, const char *file, const char *sheet,
                              const struct ita_load_sink *sink, struct ita_diags *diags)
{
    struct stat sb;
    int fd = fileno(in);
    if (fd >= 0 && fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && lseek(fd, 0, SEEK_CUR) >= 0) {
        if (ita_input_kind_of(head, head_len) == ITA_INPUT_OLE2) {
            /* read the compound file in chunks, each overlapping the last by the name's length */
            char *buf = malloc(CHUNK + ENCRYPTED_LEN);
            if (buf == NULL)
                return ITA_ERR_NOMEM;
            bool found = false;
            size_t keep = 0;
            off_t at = 0;
            for (;;) {
                ssize_t n = pread(fd, buf + keep, CHUNK, at);
                if (n < 0) {
                    free(buf);
                    ita_diags_add(diags, ITA_SEV_ERROR, file, 0, 0, "read error: %s", strerror(errno));
                    return ITA_ERR_IO;
                }
                if (n == 0 || (found = has_encrypted_name(buf, keep + (size_t)n)))
                    break;
                at += n;
                size_t total = keep + (size_t)n;
                keep = total < ENCRYPTED_LEN ? total : ENCRYPTED_LEN;
                memmove(buf, buf + total - keep, keep);
            }
            free(buf);
            return ole2(file, found, diags);
        }
        enum ita_status st = open_libs(file, diags);
        if (st != ITA_OK)
            return st;
        int dupfd = dup(fd);
        if (dupfd < 0) {
            ita_diags_add(diags, ITA_SEV_ERROR, file, 0, 0, "cannot read the workbook: %s", strerror(errno));
            return ITA_ERR_IO;
        }
        int code = 0;
        zip_t *zip = lib.zip_fdopen(dupfd, ZIP_RDONLY, &code);
        if (zip == NULL) {
            close(dupfd);
            return not_a_zip(file, head, head_len, code, diags);
        }
        return read_zip(zip, file, sheet, sink, diags);
    }
    /* a stream: into memory, then as above */
    size_t cap = 1u << 20, len = head_len;
    char *data = malloc(cap);
    if (data == NULL)
        return ITA_ERR_NOMEM;
    memcpy(data, head, head_len);
    for (;;) {
        if (len == cap) {
            if (cap >= ITA_XLSX_MAX_STREAM) {
                free(data);
                ita_diags_add(diags, ITA_SEV_ERROR, file, 0, 0,
                              "a workbook read from standard input or a pipe may have at most %u MiB; give its file name instead",
                              ITA_XLSX_MAX_STREAM >> 20);
                return ITA_ERR_DATA;
            }
            char *d = realloc(data, cap * 2);
            if (d == NULL) {
                free(data);
                return ITA_ERR_NOMEM;
            }
            data = d;
            cap *= 2;
        }
        size_t n = fread(data + len, 1, cap - len, in);
        len += n;
        if (n == 0) {
            if (ferror(in)) {
                free(data);
                ita_diags_add(diags, ITA_SEV_ERROR, file, 0, 0, "read error: %s", strerror(errno ? errno : EIO));
                return ITA_ERR_IO;
            }
            break;
        }
    }
    enum ita_status st = ita_xlsx_load_memory(data, len, file, sheet, sink, diags);
    free(data);
    return st;
}
