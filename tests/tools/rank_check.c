/* rank_check REPORT.json RANK.json [TOP]: checks `ita rank -f json` against
 * `ita report -f json` of the same input, the slow way.
 * rank_check --peers REPORT.json PEERS.json [PEERS-RANK.json COLUMN]: checks the
 * `peers` of each report of `ita report -f json --peers FILE [--peers-by COLUMN]`
 * against PEERS.json, `ita report -f json FILE`: which agencies are peers, the
 * count, and for every figure the rank, percentile, quartiles and quarter, all
 * recomputed here (the attribute of each peer is read from PEERS-RANK.json,
 * `ita rank -f json FILE`).
 * rank_check --scores REPORT.json: prints, for every report with an overall
 * score, its score in hundredths and 1 or 0 for pass, one agency a line, so that
 * a script can count and average them its own way.
 *
 * Every ranked agency must carry the score, grade, pass, previous score, change
 * and indicator scores that its report gives; exactly the agencies whose report
 * has an overall score must be ranked. The statistics are computed again here with plain
 * loops (a rank is one plus the number of higher scores; an order statistic is
 * found by counting, not by sorting; a rounding is floor((2a + b) / 2b)) and
 * must equal the published ones. Numbers are read as doubles and turned into
 * hundredths: two-decimal values survive that exactly.
 */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK_NAME "rank_check"
#include "check.h"

/* a / b rounded half away from zero, for a >= 0, b > 0 */
static int64_t round_pos(int64_t a, int64_t b)
{
    return (2 * a + b) / (2 * b);
}

/* the k-th smallest (0-based), by counting */
static int64_t kth(const int64_t *x, size_t n, size_t k)
{
    for (size_t i = 0; i < n; i++) {
        size_t less = 0, equal = 0;
        for (size_t j = 0; j < n; j++) {
            less += x[j] < x[i];
            equal += x[j] == x[i];
        }
        if (less <= k && k < less + equal)
            return x[i];
    }
    return MISSING;
}

/* quantile q/4, linear between the nearest ranks */
static int64_t quantile(const int64_t *x, size_t n, size_t q)
{
    size_t lo = (n - 1) * q / 4, frac = (n - 1) * q % 4;
    int64_t a = kth(x, n, lo);
    if (frac == 0)
        return a;
    int64_t b = kth(x, n, lo + 1);
    return round_pos(4 * a + (int64_t)frac * (b - a), 4);
}

static void check_stats(const char *what, const cJSON *o, int64_t *x, size_t n)
{
    int64_t sum = 0, mn = INT64_MAX, mx = INT64_MIN;
    for (size_t i = 0; i < n; i++) {
        sum += x[i];
        mn = x[i] < mn ? x[i] : mn;
        mx = x[i] > mx ? x[i] : mx;
    }
    CHECK(cents(get(o, "mean")) == round_pos(sum, (int64_t)n), "%s: mean %lld, expected %lld", what,
          (long long)cents(get(o, "mean")), (long long)round_pos(sum, (int64_t)n));
    CHECK(cents(get(o, "median")) == quantile(x, n, 2), "%s: median", what);
    if (get(o, "p25") != NULL) {
        CHECK(cents(get(o, "p25")) == quantile(x, n, 1), "%s: p25 %lld, expected %lld", what,
              (long long)cents(get(o, "p25")), (long long)quantile(x, n, 1));
        CHECK(cents(get(o, "p75")) == quantile(x, n, 3), "%s: p75", what);
        CHECK(cents(get(o, "min")) == mn, "%s: min", what);
        CHECK(cents(get(o, "max")) == mx, "%s: max", what);
    }
}

struct agency {
    const char *name;
    const cJSON *report, *ranked;
    int64_t score, delta;
    bool pass;
};

static int cmp_mover(const struct agency *a, const struct agency *b, int dir)
{
    if (a->delta != b->delta)
        return (dir > 0 ? a->delta > b->delta : a->delta < b->delta) ? -1 : 1;
    return strcmp(a->name, b->name);
}

static void check_movers(const cJSON *list, struct agency *ag, size_t n, int dir, size_t top)
{
    /* selection, the slow way: the best remaining one, top times */
    bool *taken = calloc(n, 1);
    size_t k = 0;
    const cJSON *m;
    cJSON_ArrayForEach(m, list) {
        size_t best = SIZE_MAX;
        for (size_t i = 0; i < n; i++)
            if (!taken[i] && ag[i].delta != MISSING && (dir > 0 ? ag[i].delta > 0 : ag[i].delta < 0) &&
                (best == SIZE_MAX || cmp_mover(&ag[i], &ag[best], dir) < 0))
                best = i;
        CHECK(best != SIZE_MAX, "a mover too many");
        if (best == SIZE_MAX)
            break;
        taken[best] = true;
        CHECK(strcmp(get(m, "agency")->valuestring, ag[best].name) == 0, "mover %zu is %s, expected %s", k,
              get(m, "agency")->valuestring, ag[best].name);
        CHECK(cents(get(m, "delta")) == ag[best].delta, "mover delta");
        k++;
    }
    size_t eligible = 0;
    for (size_t i = 0; i < n; i++)
        eligible += ag[i].delta != MISSING && (dir > 0 ? ag[i].delta > 0 : ag[i].delta < 0);
    CHECK(k == (eligible < top ? eligible : top), "%zu movers, expected %zu", k, eligible < top ? eligible : top);
    free(taken);
}

/* The score of a figure of a report: which = -1 overall, 0..2 tools, else indicators[which - 3]. */
static int64_t report_figure(const cJSON *rep, int which)
{
    if (which < 0)
        return cents(get(get(rep, "overall"), "score"));
    if (which < 3)
        return cents(get(cJSON_GetArrayItem(get(rep, "tools"), which), "score"));
    return cents(get(cJSON_GetArrayItem(get(rep, "indicators"), which - 3), "score"));
}

static const cJSON *peer_figure(const cJSON *peers, int which)
{
    if (which < 0)
        return get(peers, "overall");
    if (which < 3)
        return cJSON_GetArrayItem(get(peers, "tools"), which);
    return cJSON_GetArrayItem(get(peers, "indicators"), which - 3);
}

static const char *attribute_of(const cJSON *rank, const char *name, const char *by)
{
    const cJSON *e;
    cJSON_ArrayForEach(e, get(rank, "agencies")) {
        if (strcmp(get(e, "agency")->valuestring, name) == 0) {
            const cJSON *v = get(get(e, "attributes"), by);
            return cJSON_IsString(v) ? v->valuestring : NULL;
        }
    }
    return NULL;
}

static int check_peers(int argc, char **argv)
{
    cJSON *report = read_json(argv[2]), *peer_reports = read_json(argv[3]);
    cJSON *rank = argc > 5 ? read_json(argv[4]) : NULL;
    const char *by = argc > 5 ? argv[5] : NULL;
    size_t np = (size_t)cJSON_GetArraySize(get(peer_reports, "reports"));
    const cJSON **peer = calloc(np ? np : 1, sizeof *peer);
    int64_t *x = malloc((np ? np : 1) * sizeof *x);
    size_t checked = 0;
    const cJSON *r;
    cJSON_ArrayForEach(r, get(report, "reports")) {
        const char *name = get(r, "agency")->valuestring;
        const cJSON *p = get(r, "peers");
        CHECK(cJSON_IsObject(p), "%s: no peers", name);
        if (!cJSON_IsObject(p))
            continue;
        const cJSON *value = get(p, "value");
        CHECK(by == NULL ? cJSON_IsNull(get(p, "by")) : strcmp(get(p, "by")->valuestring, by) == 0, "%s: by", name);
        /* the peers: every peer report with an overall score (and the same value) */
        size_t n = 0;
        bool self = false;
        const cJSON *q;
        cJSON_ArrayForEach(q, get(peer_reports, "reports")) {
            if (cents(get(get(q, "overall"), "score")) == MISSING)
                continue;
            const char *qname = get(q, "agency")->valuestring;
            if (by != NULL) {
                const char *v = attribute_of(rank, qname, by);
                if (!cJSON_IsString(value) || v == NULL || strcmp(v, value->valuestring) != 0)
                    continue;
            }
            self |= strcmp(qname, name) == 0;
            peer[n++] = q;
        }
        CHECK((size_t)get(p, "count")->valueint == n, "%s: %d peers, expected %zu", name, get(p, "count")->valueint, n);
        CHECK(cJSON_IsTrue(get(p, "includes_agency")) == self, "%s: includes_agency", name);
        int figures = 3 + cJSON_GetArraySize(get(r, "indicators"));
        for (int which = -1; which < figures; which++) {
            const cJSON *f = peer_figure(p, which);
            char what[512];
            snprintf(what, sizeof what, "%s: figure %d", name, which);
            int64_t score = report_figure(r, which);
            CHECK(cents(get(f, "score")) == score, "%s: score", what);
            size_t m = 0, higher = 0, lower = 0, equal = 0;
            for (size_t i = 0; i < n; i++) {
                int64_t v = report_figure(peer[i], which);
                if (v == MISSING)
                    continue;
                x[m++] = v;
                if (score != MISSING) {
                    higher += v > score;
                    lower += v < score;
                    equal += v == score;
                }
            }
            CHECK((size_t)get(f, "count")->valueint == m, "%s: count %d, expected %zu", what, get(f, "count")->valueint, m);
            if (m == 0) {
                CHECK(cJSON_IsNull(get(f, "median")) && cJSON_IsNull(get(f, "rank")), "%s: figures without peers", what);
                continue;
            }
            int64_t q1 = quantile(x, m, 1), q2 = quantile(x, m, 2), q3 = quantile(x, m, 3);
            CHECK(cents(get(f, "p25")) == q1, "%s: p25 %lld, expected %lld", what, (long long)cents(get(f, "p25")),
                  (long long)q1);
            CHECK(cents(get(f, "median")) == q2, "%s: median", what);
            CHECK(cents(get(f, "p75")) == q3, "%s: p75", what);
            if (score == MISSING) {
                CHECK(cJSON_IsNull(get(f, "rank")) && cJSON_IsNull(get(f, "percentile")), "%s: rank of nothing", what);
                continue;
            }
            CHECK((size_t)get(f, "rank")->valueint == higher + 1, "%s: rank %d, expected %zu", what,
                  get(f, "rank")->valueint, higher + 1);
            int64_t pct = round_pos((int64_t)(2 * lower + equal) * 10000, 2 * (int64_t)m);
            CHECK(cents(get(f, "percentile")) == pct, "%s: percentile %lld, expected %lld", what,
                  (long long)cents(get(f, "percentile")), (long long)pct);
            const char *quarter = score < q1 ? "lowest" : score > q3 ? "highest" : "middle";
            CHECK(strcmp(get(f, "quarter")->valuestring, quarter) == 0, "%s: quarter", what);
        }
        checked++;
    }
    CHECK(checked > 0, "no report was checked");
    free(peer);
    free(x);
    cJSON_Delete(report);
    cJSON_Delete(peer_reports);
    cJSON_Delete(rank);
    if (failures == 0)
        printf("rank_check: the peers of %zu reports: all figures agree\n", checked);
    return failures ? 1 : 0;
}

static int print_scores(const char *path)
{
    cJSON *report = read_json(path);
    const cJSON *r;
    cJSON_ArrayForEach(r, get(report, "reports")) {
        const cJSON *ov = get(r, "overall");
        if (cents(get(ov, "score")) != MISSING)
            printf("%lld %d\n", (long long)cents(get(ov, "score")), cJSON_IsTrue(get(ov, "pass")) ? 1 : 0);
    }
    cJSON_Delete(report);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--scores") == 0)
        return print_scores(argv[2]);
    if (argc >= 4 && strcmp(argv[1], "--peers") == 0)
        return check_peers(argc, argv);
    if (argc < 3) {
        fputs("usage: rank_check REPORT.json RANK.json [TOP]\n", stderr);
        return 2;
    }
    size_t top = argc > 3 ? (size_t)atoi(argv[3]) : 10;
    cJSON *report = read_json(argv[1]), *rank = read_json(argv[2]);
    const cJSON *reports = get(report, "reports"), *ranked = get(rank, "agencies");
    size_t nrep = (size_t)cJSON_GetArraySize(reports);
    struct agency *ag = calloc(nrep, sizeof *ag);
    size_t n = 0, incomplete = 0;
    const cJSON *r;
    cJSON_ArrayForEach(r, reports) {
        const cJSON *ov = get(r, "overall");
        if (cents(get(ov, "score")) == MISSING) {
            incomplete++;
            continue;
        }
        ag[n].name = get(r, "agency")->valuestring;
        ag[n].report = r;
        ag[n].score = cents(get(ov, "score"));
        ag[n].delta = cents(get(ov, "delta"));
        ag[n].pass = cJSON_IsTrue(get(ov, "pass"));
        n++;
    }
    CHECK((size_t)cJSON_GetArraySize(ranked) == n, "%d agencies ranked, %zu reports with an overall score",
          cJSON_GetArraySize(ranked), n);
    CHECK(get(rank, "count")->valueint == (int)n, "count");
    /* each ranked agency against its report */
    const cJSON *e, *prev = NULL;
    cJSON_ArrayForEach(e, ranked) {
        const char *name = get(e, "agency")->valuestring;
        struct agency *a = NULL;
        for (size_t i = 0; i < n && a == NULL; i++)
            if (strcmp(ag[i].name, name) == 0)
                a = &ag[i];
        CHECK(a != NULL, "%s is ranked but its report has no overall score", name);
        if (a == NULL)
            continue;
        CHECK(a->ranked == NULL, "%s is ranked twice", name);
        a->ranked = e;
        const cJSON *ov = get(a->report, "overall");
        CHECK(cents(get(e, "score")) == a->score, "%s: score", name);
        const cJSON *grade = get(ov, "grade");
        const char *band = cJSON_IsString(grade) ? grade->valuestring : get(ov, "level_en")->valuestring;
        CHECK(strcmp(get(e, "grade")->valuestring, band) == 0, "%s: grade %s, report %s", name,
              get(e, "grade")->valuestring, band);
        CHECK(cJSON_IsTrue(get(e, "pass")) == a->pass, "%s: pass", name);
        CHECK(cents(get(e, "previous")) == cents(get(ov, "previous")), "%s: previous", name);
        CHECK(cents(get(e, "delta")) == a->delta, "%s: delta", name);
        int k = 0;
        const cJSON *ind;
        cJSON_ArrayForEach(ind, get(a->report, "indicators")) {
            CHECK(cents(cJSON_GetArrayItem(get(e, "indicators"), k)) == cents(get(ind, "score")),
                  "%s: indicator %d", name, k + 1);
            k++;
        }
        /* rank: one plus the number of higher scores; order: score, then name */
        size_t higher = 0;
        for (size_t i = 0; i < n; i++)
            higher += ag[i].score > a->score;
        CHECK((size_t)get(e, "rank")->valueint == higher + 1, "%s: rank %d, expected %zu", name,
              get(e, "rank")->valueint, higher + 1);
        if (prev != NULL) {
            int64_t ps = cents(get(prev, "score"));
            CHECK(ps > a->score || (ps == a->score && strcmp(get(prev, "agency")->valuestring, name) < 0),
                  "%s is listed out of order", name);
        }
        prev = e;
    }
    /* national statistics */
    int64_t *x = malloc((n ? n : 1) * sizeof *x);
    size_t passed = 0;
    for (size_t i = 0; i < n; i++) {
        x[i] = ag[i].score;
        passed += ag[i].pass;
    }
    if (n > 0) {
        check_stats("overall", rank, x, n);
        check_stats("overall", get(rank, "overall"), x, n);
        CHECK(cents(get(rank, "pass_rate")) == round_pos((int64_t)passed * 10000, (int64_t)n), "pass rate");
    }
    /* the distribution, counted again */
    const cJSON *d;
    size_t in_bands = 0;
    cJSON_ArrayForEach(d, get(rank, "distribution")) {
        size_t count = 0;
        for (size_t i = 0; i < n; i++)
            count += strcmp(get(ag[i].ranked ? ag[i].ranked : ag[i].report, "grade")->valuestring, d->string) == 0;
        CHECK((size_t)d->valueint == count, "distribution of %s: %d, expected %zu", d->string, d->valueint, count);
        in_bands += count;
    }
    CHECK(in_bands == n, "the distribution counts %zu agencies of %zu", in_bands, n);
    /* every indicator */
    int k = 0;
    const cJSON *st;
    cJSON_ArrayForEach(st, get(rank, "indicators")) {
        size_t m = 0;
        for (size_t i = 0; i < n; i++) {
            int64_t v = cents(cJSON_GetArrayItem(get(ag[i].ranked, "indicators"), k));
            if (v != MISSING)
                x[m++] = v;
        }
        char what[32];
        snprintf(what, sizeof what, "indicator %d", k + 1);
        CHECK((size_t)get(st, "count")->valueint == m, "%s: count", what);
        if (m > 0)
            check_stats(what, st, x, m);
        k++;
    }
    /* movers */
    check_movers(get(get(rank, "movers"), "gains"), ag, n, +1, top);
    check_movers(get(get(rank, "movers"), "drops"), ag, n, -1, top);
    /* the left-out agencies are named */
    size_t left_out = 0;
    const cJSON *w;
    cJSON_ArrayForEach(w, get(rank, "warnings")) left_out += strstr(w->valuestring, "is left out") != NULL;
    CHECK(left_out == incomplete, "%zu agencies named as left out, %zu reports incomplete", left_out, incomplete);
    /* groups: the same statistics per value of the attribute */
    const char *by = cJSON_IsString(get(rank, "by")) ? get(rank, "by")->valuestring : NULL;
    const cJSON *g;
    cJSON_ArrayForEach(g, get(rank, "groups")) {
        const cJSON *value = get(g, "value");
        size_t m = 0, gp = 0;
        for (size_t i = 0; i < n; i++) {
            const cJSON *attr = get(get(ag[i].ranked, "attributes"), by);
            bool in = cJSON_IsNull(value) ? attr == NULL : attr != NULL && strcmp(attr->valuestring, value->valuestring) == 0;
            if (!in)
                continue;
            x[m++] = ag[i].score;
            gp += ag[i].pass;
            size_t higher = 0;
            for (size_t j = 0; j < n; j++) {
                const cJSON *attr2 = get(get(ag[j].ranked, "attributes"), by);
                bool in2 = cJSON_IsNull(value) ? attr2 == NULL
                                               : attr2 != NULL && strcmp(attr2->valuestring, value->valuestring) == 0;
                higher += in2 && ag[j].score > ag[i].score;
            }
            CHECK((size_t)get(ag[i].ranked, "group_rank")->valueint == higher + 1, "%s: group rank", ag[i].name);
        }
        CHECK((size_t)get(g, "count")->valueint == m, "group count");
        if (m > 0) {
            check_stats("group", g, x, m);
            CHECK(cents(get(g, "pass_rate")) == round_pos((int64_t)gp * 10000, (int64_t)m), "group pass rate");
        }
    }
    free(x);
    free(ag);
    cJSON_Delete(report);
    cJSON_Delete(rank);
    if (failures == 0)
        printf("rank_check: %zu agencies ranked, %zu left out: all figures agree\n", n, incomplete);
    return failures ? 1 : 0;
}
