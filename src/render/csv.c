/* The CSV report: one row per item with a published score, for scripts and spreadsheets.
 * The free text comes last, so that `cut -d,` works on the figures. */
#include "common.h"

static void csv_head(const struct ita_analysis *a, const struct ita_render_options *o, struct ita_buf *out)
{
    (void)a, (void)o;
    ita_buf_puts(out, "agency,year,base_year,tool,indicator,item,score,grade,tier,previous,delta,text\n");
}

static void csv_tail(const struct ita_analysis *a, const struct ita_render_options *o, struct ita_buf *out)
{
    (void)a, (void)o, (void)out;
}

static void csv_one(const struct ita_analysis *a, const struct ita_report *r, size_t position,
                    const struct ita_render_options *o, struct ita_buf *out)
{
    (void)a, (void)position;
    enum ita_lang lang = o->texts->lang;
    const struct ita_framework *fw = r->fw;
    for (size_t i = 0; i < fw->item_count; i++) {
        const struct ita_fw_item *it = &fw->items[i];
        const struct ita_figure *f = &r->items[i];
        if (f->score == ITA_MISSING)
            continue;
        char s1[ITA_CENTS_BUFSZ], s2[ITA_CENTS_BUFSZ], s3[ITA_CENTS_BUFSZ];
        ita_buf_csv_field(out, r->agency->name);
        ita_buf_printf(out, ",%d,", r->year);
        if (r->base_year)
            ita_buf_printf(out, "%d", r->base_year);
        ita_buf_printf(out, ",%s,%u,%s", ita_tool_code(it->tool), fw->indicators[it->indicator].number,
                       it->code);
        ita_buf_printf(out, ",%s,%s,%s,%s,%s,", ita_cents_format(f->score, s1),
                       ita_render_band_name(fw, f->band, ITA_LANG_EN),
                       f->tier != ITA_TIER_NONE ? ita_tier_name(f->tier) : it->tool == ITA_OIT ? (f->score == 10000 ? "met" : "not met") : "",
                       f->previous == ITA_MISSING ? "" : ita_cents_format(f->previous, s2),
                       f->delta == ITA_MISSING ? "" : ita_cents_format_signed(f->delta, s3));
        ita_buf_csv_field(out, ita_render_text(&it->text, lang));
        ita_buf_putc(out, '\n');
    }
}

const struct ita_report_parts ita_report_parts_csv = {csv_head, csv_one, csv_tail};

void ita_render_report_csv(const struct ita_analysis *a, const struct ita_render_options *o,
                           struct ita_buf *out)
{
    ita_render_report_parts(&ita_report_parts_csv, a, o, out);
}
