/* history_check FRAMEWORK_DIR REPORT.json SCORES.csv...: checks the history[] of
 * `ita report -f json` against a computation of its own, the slow way.
 *
 * The scores files are read here again (a header naming agency, year, and some of
 * indicator, item, sub, score; other columns ignored; no quoted fields), and the
 * framework files are read as plain JSON, not through the library. For every
 * agency and every year of its data up to the report's year, every figure is
 * computed from the given scores with exact fractions: an item is given or the
 * mean of its sub-questions; an IIT/EIT indicator the mean of its items, an OIT
 * indicator the mean of its sub-indicators' means of items; a tool the mean of its
 * indicators; the overall score the sum of weight x indicator / 100; each published
 * rounded once, half away from zero. The grade or level is the first band of the
 * year's rating that the published overall score (and, for a level with a tool
 * condition, every published tool score) reaches. For the items, the same question
 * in an earlier year is found by walking the files' previous_code one year at a
 * time, and its score must be that year's score of that item.
 */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_YEARS 16

#define CHECK_NAME "history_check"
#include "check.h"

/* ---- exact fractions of hundredths ---- */

__extension__ typedef __int128 wide;
struct frac {
    wide num, den; /* den > 0; den 0: missing */
};

static wide gcd(wide a, wide b)
{
    if (a < 0)
        a = -a;
    while (b != 0) {
        wide t = a % b;
        a = b;
        b = t;
    }
    return a == 0 ? 1 : a;
}

static struct frac frac_make(wide num, wide den)
{
    wide g = gcd(num, den);
    return (struct frac){num / g, den / g};
}

static struct frac frac_add(struct frac a, struct frac b)
{
    return frac_make(a.num * b.den + b.num * a.den, a.den * b.den);
}

static struct frac frac_div(struct frac a, wide k)
{
    return frac_make(a.num, a.den * k);
}

/* published: rounded once, half away from zero, to hundredths (values are >= 0) */
static int64_t publish(struct frac f)
{
    if (f.den == 0)
        return MISSING;
    return (int64_t)((2 * f.num + f.den) / (2 * f.den));
}

/* The mean of n fractions, missing when one is. */
static struct frac mean(const struct frac *v, size_t n)
{
    struct frac s = {0, 1};
    for (size_t i = 0; i < n; i++) {
        if (v[i].den == 0)
            return (struct frac){0, 0};
        s = frac_add(s, v[i]);
    }
    return n == 0 ? (struct frac){0, 0} : frac_div(s, (wide)n);
}

/* ---- frameworks, read as plain JSON ---- */

static cJSON *frameworks[MAX_YEARS];
static const char *fw_dir;

static const cJSON *framework(int year)
{
    if (year < 2563 || year >= 2563 + MAX_YEARS)
        return NULL;
    if (frameworks[year - 2563] == NULL) {
        char path[4096];
        snprintf(path, sizeof path, "%s/ita-%d.json", fw_dir, year);
        FILE *f = fopen(path, "rb");
        if (f == NULL)
            return NULL;
        fclose(f);
        frameworks[year - 2563] = read_json(path);
    }
    return frameworks[year - 2563];
}

/* The item object of a code in a framework, or NULL. */
static const cJSON *fw_item(const cJSON *fw, const char *code)
{
    const cJSON *ind, *it;
    cJSON_ArrayForEach(ind, get(fw, "indicators")) cJSON_ArrayForEach(it, get(ind, "items")) if (
        strcmp(get(it, "code")->valuestring, code) == 0) return it;
    return NULL;
}

/* ---- the scores ---- */

struct given {
    const char *agency; /* allocated by read_scores */
    int year;
    char key[32]; /* "" overall, "#3" indicator 3, "I1" item, "I1.2" sub-question 2 of I1 */
    int64_t score;
};

static struct given *rows;
static size_t row_count, row_cap;

static void read_scores(const char *path)
{
    char *text = slurp(path);
    char *save = NULL;
    char *line = strtok_r(text, "\n", &save);
    int col[6] = {-1, -1, -1, -1, -1, -1}; /* agency year indicator item sub score */
    static const char *const names[6] = {"agency", "year", "indicator", "item", "sub", "score"};
    int ncols = 0;
    for (char *h = line, *end; h != NULL; h = end ? end + 1 : NULL, ncols++) {
        end = strchr(h, ',');
        size_t len = end ? (size_t)(end - h) : strcspn(h, "\r");
        for (int k = 0; k < 6; k++)
            if (strlen(names[k]) == len && strncmp(h, names[k], len) == 0)
                col[k] = ncols;
    }
    if (col[0] < 0 || col[1] < 0 || col[5] < 0) {
        fprintf(stderr, "history_check: %s needs agency, year and score columns\n", path);
        exit(2);
    }
    while ((line = strtok_r(NULL, "\n", &save)) != NULL) {
        /* split in place; a quoted field may hold commas and doubled quotes */
        char *f[32] = {NULL};
        int n = 0;
        char *p = line;
        while (n < 32) {
            char *w = p;
            f[n++] = w;
            if (*p == '"') {
                p++;
                for (;;) {
                    if (*p == '\0')
                        break;
                    if (*p == '"' && p[1] == '"') {
                        *w++ = '"';
                        p += 2;
                    } else if (*p == '"') {
                        p++;
                        break;
                    } else {
                        *w++ = *p++;
                    }
                }
            }
            while (*p != ',' && *p != '\0')
                *w++ = *p++;
            bool more = *p == ',';
            *w = '\0';
            if (!more)
                break;
            p++;
        }
        for (int k = 0; k < n; k++)
            f[k][strcspn(f[k], "\r")] = '\0';
        const char *score = col[5] < n ? f[col[5]] : "";
        if (score[0] == '\0')
            continue;
        if (row_count == row_cap) {
            row_cap = row_cap ? 2 * row_cap : 1024;
            rows = realloc(rows, row_cap * sizeof *rows);
            if (rows == NULL)
                exit(2);
        }
        struct given *g = &rows[row_count++];
        char *name = strdup(f[col[0]]);
        if (name == NULL)
            exit(2);
        g->agency = name;
        g->year = atoi(f[col[1]]);
        const char *ind = col[2] >= 0 && col[2] < n ? f[col[2]] : "";
        const char *item = col[3] >= 0 && col[3] < n ? f[col[3]] : "";
        const char *sub = col[4] >= 0 && col[4] < n ? f[col[4]] : "";
        if (item[0] != '\0' && sub[0] != '\0')
            snprintf(g->key, sizeof g->key, "%s.%s", item, sub);
        else if (item[0] != '\0')
            snprintf(g->key, sizeof g->key, "%s", item);
        else if (ind[0] != '\0')
            snprintf(g->key, sizeof g->key, "#%s", ind);
        else
            g->key[0] = '\0';
        g->score = (int64_t)llround(strtod(score, NULL) * 100.0);
    }
    free(text);
}

static int row_cmp(const void *a, const void *b)
{
    const struct given *x = a, *y = b;
    int c = strcmp(x->agency, y->agency);
    if (c == 0)
        c = (x->year > y->year) - (x->year < y->year);
    return c != 0 ? c : strcmp(x->key, y->key);
}

/* rows are sorted by agency, year and key once all are read */
static struct frac given_of(const char *agency, int year, const char *key)
{
    struct given want = {agency, year, "", 0};
    snprintf(want.key, sizeof want.key, "%s", key);
    const struct given *g = bsearch(&want, rows, row_count, sizeof *rows, row_cmp);
    return g != NULL ? (struct frac){g->score, 1} : (struct frac){0, 0};
}

static bool has_year(const char *agency, int year)
{
    for (size_t i = 0; i < row_count; i++)
        if (rows[i].year == year && strcmp(rows[i].agency, agency) == 0)
            return true;
    return false;
}

/* ---- one year of one agency, the slow way ---- */

struct year_figures {
    int64_t overall, tools[3], indicators[16];
    size_t indicator_count;
    const char *grade, *level_en;
    bool pass;
};

static struct frac item_value(const char *agency, int year, const cJSON *it)
{
    const char *code = get(it, "code")->valuestring;
    struct frac g = given_of(agency, year, code);
    if (g.den != 0)
        return g;
    int n = cJSON_GetArraySize(get(it, "subs"));
    if (n == 0)
        return (struct frac){0, 0};
    struct frac v[16];
    for (int s = 0; s < n && s < 16; s++) {
        char key[40];
        snprintf(key, sizeof key, "%s.%d", code, s + 1);
        v[s] = given_of(agency, year, key);
    }
    return mean(v, (size_t)n);
}

static void compute_year(const char *agency, int year, struct year_figures *out)
{
    const cJSON *fw = framework(year);
    memset(out, 0, sizeof *out);
    struct frac ind[16], tools[3] = {{0, 0}, {0, 0}, {0, 0}}, tool_parts[3][16];
    size_t tool_n[3] = {0, 0, 0};
    const cJSON *in;
    size_t n = 0;
    cJSON_ArrayForEach(in, get(fw, "indicators")) {
        char key[16];
        snprintf(key, sizeof key, "#%d", get(in, "number")->valueint);
        ind[n] = given_of(agency, year, key);
        const char *tool = get(in, "tool")->valuestring;
        if (ind[n].den == 0) {
            const cJSON *subinds = get(in, "sub_indicators"), *it;
            struct frac parts[64];
            size_t np = 0;
            if (subinds == NULL) {
                cJSON_ArrayForEach(it, get(in, "items")) parts[np++] = item_value(agency, year, it);
            } else {
                const cJSON *si;
                cJSON_ArrayForEach(si, subinds) {
                    struct frac items[64];
                    size_t ni = 0;
                    cJSON_ArrayForEach(it, get(in, "items")) if (strcmp(get(it, "sub_indicator")->valuestring,
                                                                        get(si, "code")->valuestring) == 0)
                        items[ni++] = item_value(agency, year, it);
                    parts[np++] = mean(items, ni);
                }
            }
            ind[n] = mean(parts, np);
        }
        int t = strcmp(tool, "IIT") == 0 ? 0 : strcmp(tool, "EIT") == 0 ? 1 : 2;
        tool_parts[t][tool_n[t]++] = ind[n];
        out->indicators[n] = publish(ind[n]);
        n++;
    }
    out->indicator_count = n;
    for (int t = 0; t < 3; t++) {
        tools[t] = mean(tool_parts[t], tool_n[t]);
        out->tools[t] = publish(tools[t]);
    }
    struct frac overall = given_of(agency, year, "");
    if (overall.den == 0) {
        struct frac sum = {0, 1};
        size_t k = 0;
        cJSON_ArrayForEach(in, get(fw, "indicators")) {
            if (ind[k].den == 0) {
                sum.den = 0;
                break;
            }
            int64_t w = (int64_t)llround(get(in, "weight")->valuedouble * 100.0); /* hundredths of a percent */
            sum = frac_add(sum, frac_make(ind[k].num * w, ind[k].den * 10000));
            k++;
        }
        overall = sum;
    }
    out->overall = publish(overall);
    const cJSON *rating = get(fw, "rating");
    bool grades = strcmp(get(rating, "scheme")->valuestring, "grades") == 0;
    int64_t pass_mark = cents(get(rating, "pass"));
    if (out->overall == MISSING)
        return;
    const cJSON *band;
    cJSON_ArrayForEach(band, get(rating, grades ? "grades" : "levels")) {
        if (cents(get(band, "min")) > out->overall)
            continue;
        int64_t tool_min = grades ? MISSING : cents(get(band, "tool_min"));
        bool ok = true;
        for (int t = 0; t < 3 && tool_min != MISSING; t++)
            ok &= out->tools[t] != MISSING && out->tools[t] >= tool_min;
        if (!ok)
            continue;
        if (grades) {
            out->grade = get(band, "name")->valuestring;
            out->pass = out->overall >= pass_mark;
        } else {
            out->level_en = get(band, "name_en")->valuestring;
            out->pass = cJSON_IsTrue(get(band, "pass")) && out->overall >= pass_mark;
        }
        break;
    }
}

/* The code of the same question in `year` as `code` in `from`, walking previous_code
 * one year at a time; NULL when it is new on the way or a year has no file. */
static const char *same_question(const char *code, int from, int year)
{
    static char cur[32];
    snprintf(cur, sizeof cur, "%s", code);
    for (int y = from; y > year; y--) {
        const cJSON *fw = framework(y), *prev = framework(y - 1);
        if (fw == NULL || prev == NULL)
            return NULL;
        const cJSON *it = fw_item(fw, cur);
        const cJSON *pc = get(it, "previous_code");
        if (cJSON_IsNull(pc))
            return NULL;
        if (cJSON_IsString(pc))
            snprintf(cur, sizeof cur, "%s", pc->valuestring);
        if (fw_item(prev, cur) == NULL)
            return NULL;
    }
    return cur;
}

static void check_report(const cJSON *rep)
{
    const char *agency = get(rep, "agency")->valuestring;
    int year = get(rep, "year")->valueint;
    const cJSON *hist = get(rep, "history");
    CHECK(cJSON_IsArray(hist), "%s %d: no history[]", agency, year);
    if (!cJSON_IsArray(hist))
        return;
    /* the agency's years up to the report's */
    int years[MAX_YEARS];
    size_t ny = 0;
    for (int y = 2563; y <= year && y < 2563 + MAX_YEARS; y++)
        if (has_year(agency, y))
            years[ny++] = y;
    CHECK((size_t)cJSON_GetArraySize(hist) == ny, "%s %d: %d years in history[], %zu in the data", agency, year,
          cJSON_GetArraySize(hist), ny);
    size_t k = 0;
    const cJSON *h;
    const cJSON *report_fw = framework(year);
    cJSON_ArrayForEach(h, hist) {
        if (k >= ny)
            break;
        int y = years[k++];
        CHECK(get(h, "year")->valueint == y, "%s: history year %d, expected %d", agency, get(h, "year")->valueint, y);
        struct year_figures f;
        compute_year(agency, y, &f);
        const cJSON *ov = get(h, "overall");
        CHECK(cents(get(ov, "score")) == f.overall, "%s %d: overall %lld, recomputed %lld", agency, y,
              (long long)cents(get(ov, "score")), (long long)f.overall);
        const cJSON *grade = get(ov, "grade"), *level = get(ov, "level_en");
        CHECK((f.grade == NULL) == cJSON_IsNull(grade) && (f.grade == NULL || strcmp(f.grade, grade->valuestring) == 0),
              "%s %d: grade %s, recomputed %s", agency, y, cJSON_IsString(grade) ? grade->valuestring : "null",
              f.grade ? f.grade : "null");
        CHECK((f.level_en == NULL) == cJSON_IsNull(level) &&
                  (f.level_en == NULL || strcmp(f.level_en, level->valuestring) == 0),
              "%s %d: level %s, recomputed %s", agency, y, cJSON_IsString(level) ? level->valuestring : "null",
              f.level_en ? f.level_en : "null");
        CHECK(cJSON_IsTrue(get(ov, "pass")) == f.pass, "%s %d: pass differs", agency, y);
        for (int t = 0; t < 3; t++)
            CHECK(cents(get(cJSON_GetArrayItem(get(h, "tools"), t), "score")) == f.tools[t],
                  "%s %d: tool %d %lld, recomputed %lld", agency, y, t,
                  (long long)cents(get(cJSON_GetArrayItem(get(h, "tools"), t), "score")), (long long)f.tools[t]);
        CHECK((size_t)cJSON_GetArraySize(get(h, "indicators")) == f.indicator_count, "%s %d: indicators", agency, y);
        for (size_t n = 0; n < f.indicator_count; n++)
            CHECK(cents(get(cJSON_GetArrayItem(get(h, "indicators"), (int)n), "score")) == f.indicators[n],
                  "%s %d: indicator %zu %lld, recomputed %lld", agency, y, n + 1,
                  (long long)cents(get(cJSON_GetArrayItem(get(h, "indicators"), (int)n), "score")),
                  (long long)f.indicators[n]);
        /* items: the same question that year, and its score */
        const cJSON *it;
        cJSON_ArrayForEach(it, get(h, "items")) {
            const char *code = get(it, "code")->valuestring;
            CHECK(fw_item(report_fw, code) != NULL, "%s %d: %s is not an item of %d", agency, y, code, year);
            const char *then = same_question(code, year, y);
            const cJSON *ct = get(it, "code_then");
            CHECK((then == NULL) == cJSON_IsNull(ct) && (then == NULL || strcmp(then, ct->valuestring) == 0),
                  "%s %d: %s of %d was %s then, the history says %s", agency, y, code, year, then ? then : "not asked",
                  cJSON_IsString(ct) ? ct->valuestring : "null");
            int64_t want = then == NULL ? MISSING : publish(item_value(agency, y, fw_item(framework(y), then)));
            CHECK(cents(get(it, "score")) == want, "%s %d: item %s (%s then) %lld, recomputed %lld", agency, y,
                  code, then ? then : "-", (long long)cents(get(it, "score")), (long long)want);
        }
    }
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: history_check FRAMEWORK_DIR REPORT.json SCORES.csv...\n");
        return 2;
    }
    fw_dir = argv[1];
    cJSON *report = read_json(argv[2]);
    for (int i = 3; i < argc; i++)
        read_scores(argv[i]);
    qsort(rows, row_count, sizeof *rows, row_cmp);
    const cJSON *rep;
    size_t checked = 0;
    cJSON_ArrayForEach(rep, get(report, "reports")) {
        check_report(rep);
        checked++;
    }
    CHECK(checked > 0, "no report to check");
    cJSON_Delete(report);
    for (size_t i = 0; i < MAX_YEARS; i++)
        cJSON_Delete(frameworks[i]);
    for (size_t i = 0; i < row_count; i++)
        free((void *)(uintptr_t)rows[i].agency);
    free(rows);
    if (failures == 0)
        printf("history_check: %zu reports, every year recomputed\n", checked);
    return failures == 0 ? 0 : 1;
}
