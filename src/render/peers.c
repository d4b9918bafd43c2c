/* An agency's place among its peers, in words, as a text table and as JSON. */
#include "peers.h"

#include <stdio.h>
#include <string.h>

void peers_group(struct ita_buf *out, const struct ita_texts *t, const struct ita_peers *p)
{
    char n[24];
    snprintf(n, sizeof n, "%zu", p->count);
    const char *args[] = {n, p->value != NULL ? p->value : ""};
    const char *key = p->by != NULL ? (p->count == 1 ? "peers_group_by_one" : "peers_group_by")
                                    : (p->count == 1 ? "peers_group_all_one" : "peers_group_all");
    ita_texts_fill(out, t, key, args, 2);
}

void peers_who(struct ita_buf *out, const struct ita_texts *t, const struct ita_peers *p)
{
    if (p->by != NULL && p->value == NULL) {
        const char *args[] = {p->by};
        ita_texts_fill(out, t, "peers_no_value", args, 1);
        return;
    }
    if (p->count == 0) {
        const char *args[] = {p->value != NULL ? p->value : ""};
        ita_texts_fill(out, t, "peers_none", args, 1);
        return;
    }
    struct ita_buf g;
    ita_buf_scratch(&g, out);
    peers_group(&g, t, p);
    /* "The 76 agencies of X." as its own sentence: the group, capitalised by the texts' own first word */
    ita_buf_puts(out, ita_text(t, "peers"));
    ita_buf_puts(out, ": ");
    ita_buf_puts(out, ita_buf_str(&g));
    ita_buf_puts(out, ita_text(t, "sentence_end"));
    ita_buf_putc(out, ' ');
    ita_buf_puts(out, ita_text(t, p->includes_agency ? "peers_with_agency" : "peers_without_agency"));
    ita_buf_free(&g);
}

static void quarter_sentence(struct ita_buf *out, const struct ita_texts *t, const struct ita_report *r,
                             enum ita_quarter q, const char *key_one, const char *key_many, const char *group)
{
    const struct ita_framework *fw = r->fw;
    size_t n = 0, total = 0;
    for (size_t k = 0; k < fw->indicator_count; k++)
        total += r->peers->indicators[k].quarter == q;
    if (total == 0)
        return;
    struct ita_buf list;
    ita_buf_scratch(&list, out);
    for (size_t k = 0; k < fw->indicator_count; k++) {
        if (r->peers->indicators[k].quarter != q)
            continue;
        if (n > 0)
            ita_buf_puts(&list, ita_text(t, n + 1 == total ? "peers_list_and" : "peers_list_comma"));
        ita_buf_printf(&list, "%u", fw->indicators[k].number);
        n++;
    }
    const char *args[] = {ita_buf_str(&list), group};
    ita_buf_putc(out, ' ');
    ita_texts_fill(out, t, total == 1 ? key_one : key_many, args, 2);
    ita_buf_puts(out, ita_text(t, "sentence_end"));
    ita_buf_free(&list);
}

void peers_where(struct ita_buf *out, const struct ita_texts *t, const struct ita_report *r)
{
    const struct ita_peers *p = r->peers;
    if (p == NULL || p->count == 0)
        return;
    struct ita_buf g;
    ita_buf_scratch(&g, out);
    peers_group(&g, t, p);
    const char *group = ita_buf_str(&g);
    if (p->overall.rank == 0) {
        const char *args[] = {group};
        ita_texts_fill(out, t, "peers_overall_missing", args, 1);
    } else {
        char rank[24], pct[ITA_CENTS_BUFSZ];
        snprintf(rank, sizeof rank, "%zu", p->overall.rank);
        const char *args[] = {group, rank, ita_cents_format(p->overall.percentile, pct)};
        ita_texts_fill(out, t, "peers_overall", args, 3);
    }
    ita_buf_puts(out, ita_text(t, "sentence_end"));
    quarter_sentence(out, t, r, ITA_QUARTER_LOWEST, "peers_lowest_one", "peers_lowest_many", group);
    quarter_sentence(out, t, r, ITA_QUARTER_HIGHEST, "peers_highest_one", "peers_highest_many", group);
    ita_buf_free(&g);
}

size_t peers_rows(const struct ita_report *r)
{
    return 1 + ITA_TOOL_COUNT + r->fw->indicator_count;
}

void peers_row_label(struct ita_buf *out, const struct ita_texts *t, const struct ita_report *r, size_t k)
{
    if (k == 0) {
        ita_buf_puts(out, ita_text(t, "overall"));
    } else if (k <= ITA_TOOL_COUNT) {
        ita_buf_puts(out, ita_tool_code((enum ita_tool)(k - 1)));
    } else {
        char num[16];
        snprintf(num, sizeof num, "%u", r->fw->indicators[k - 1 - ITA_TOOL_COUNT].number);
        const char *args[] = {num};
        ita_texts_fill(out, t, "level_indicator", args, 1);
    }
}

const struct ita_peer_figure *peers_row(const struct ita_report *r, size_t k)
{
    const struct ita_peers *p = r->peers;
    return k == 0 ? &p->overall : k <= ITA_TOOL_COUNT ? &p->tools[k - 1] : &p->indicators[k - 1 - ITA_TOOL_COUNT];
}

void peers_text(struct ita_buf *out, const struct ita_texts *t, const struct ita_report *r)
{
    if (r->peers == NULL)
        return;
    ita_buf_putc(out, '\n');
    peers_who(out, t, r->peers);
    ita_buf_putc(out, '\n');
    if (r->peers->count == 0)
        return;
    static const int right[] = {0, 1, 1, 1, 1, 1, 1, 1};
    struct table tb;
    table_init(&tb, 8, right);
    const char *head[] = {"", ita_text(t, "score"), ita_text(t, "peers_count"), ita_text(t, "peers_rank"),
                          ita_text(t, "peers_percentile"), ita_text(t, "peers_p25"), ita_text(t, "peers_median"),
                          ita_text(t, "peers_p75")};
    table_row(&tb, NULL, head);
    for (size_t k = 0; k < peers_rows(r); k++) {
        const struct ita_peer_figure *f = peers_row(r, k);
        struct ita_buf label;
        ita_buf_scratch(&label, out);
        peers_row_label(&label, t, r, k);
        char s[ITA_CENTS_BUFSZ], n[24], rank[24], pct[ITA_CENTS_BUFSZ], q1[ITA_CENTS_BUFSZ], md[ITA_CENTS_BUFSZ],
            q3[ITA_CENTS_BUFSZ];
        snprintf(n, sizeof n, "%zu", f->count);
        if (f->rank > 0)
            snprintf(rank, sizeof rank, "%zu", f->rank);
        else
            snprintf(rank, sizeof rank, "-");
        const char *row[] = {ita_buf_str(&label), ita_cents_format(f->score, s), n, rank,
                             ita_cents_format(f->percentile, pct), ita_cents_format(f->p25, q1),
                             ita_cents_format(f->median, md), ita_cents_format(f->p75, q3)};
        table_row(&tb, NULL, row);
        ita_buf_free(&label);
    }
    table_render(&tb, out, "");
    table_free(&tb);
    peers_where(out, t, r);
    ita_buf_putc(out, '\n');
}

static void figure_json(struct ita_buf *o, const struct ita_peer_figure *f)
{
    static const char *const quarters[] = {"lowest", "middle", "highest"};
    json_cents(o, "score", f->score);
    ita_buf_printf(o, ",\"count\":%zu,\"rank\":", f->count);
    if (f->rank > 0)
        ita_buf_printf(o, "%zu", f->rank);
    else
        ita_buf_puts(o, "null");
    const char *const keys[] = {"percentile", "median", "p25", "p75"};
    const int64_t values[] = {f->percentile, f->median, f->p25, f->p75};
    for (size_t k = 0; k < 4; k++) {
        ita_buf_putc(o, ',');
        json_cents(o, keys[k], values[k]);
    }
    ita_buf_puts(o, ",\"quarter\":");
    if (f->quarter == ITA_QUARTER_NONE)
        ita_buf_puts(o, "null");
    else
        ita_buf_printf(o, "\"%s\"", quarters[f->quarter]);
}

void peers_json(struct ita_buf *o, const struct ita_report *r)
{
    const struct ita_peers *p = r->peers;
    if (p == NULL)
        return;
    ita_buf_printf(o, ",\"peers\":{\"count\":%zu,\"by\":", p->count);
    if (p->by != NULL)
        ita_buf_json_string(o, p->by);
    else
        ita_buf_puts(o, "null");
    ita_buf_puts(o, ",\"value\":");
    if (p->value != NULL)
        ita_buf_json_string(o, p->value);
    else
        ita_buf_puts(o, "null");
    ita_buf_printf(o, ",\"includes_agency\":%s,\"overall\":{", p->includes_agency ? "true" : "false");
    figure_json(o, &p->overall);
    ita_buf_puts(o, "},\"tools\":[");
    for (int k = 0; k < ITA_TOOL_COUNT; k++) {
        ita_buf_printf(o, "%s{\"code\":\"%s\",", k ? "," : "", ita_tool_code((enum ita_tool)k));
        figure_json(o, &p->tools[k]);
        ita_buf_putc(o, '}');
    }
    ita_buf_puts(o, "],\"indicators\":[");
    for (size_t k = 0; k < r->fw->indicator_count; k++) {
        ita_buf_printf(o, "%s{\"number\":%u,", k ? "," : "", r->fw->indicators[k].number);
        figure_json(o, &p->indicators[k]);
        ita_buf_putc(o, '}');
    }
    ita_buf_puts(o, "]}");
}
