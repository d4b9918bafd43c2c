/* Private to the renderers: an agency's place among its peers (ita/peers.h) in
 * words, as a text table and as JSON; md and html write it through document.c. */
#ifndef ITA_RENDER_PEERS_H
#define ITA_RENDER_PEERS_H

#include "common.h"
#include "ita/peers.h"

/* "the 76 agencies of จังหวัดตราด" or "the 76 peer agencies". */
void peers_group(struct ita_buf *out, const struct ita_texts *t, const struct ita_peers *p);
/* Who the peers are: the group and whether the agency is one of them, or why
 * there are none; sentences, each ended as the language ends them. */
void peers_who(struct ita_buf *out, const struct ita_texts *t, const struct ita_peers *p);
/* Where the agency stands: the overall score's rank and percentile, then the
 * indicators in the lowest and in the highest quarter. Nothing without peers. */
void peers_where(struct ita_buf *out, const struct ita_texts *t, const struct ita_report *r);
/* The label of row k of the peers' table: k 0 the overall score, 1..3 the tools,
 * then the indicators; and its figure. */
size_t peers_rows(const struct ita_report *r);
void peers_row_label(struct ita_buf *out, const struct ita_texts *t, const struct ita_report *r, size_t k);
const struct ita_peer_figure *peers_row(const struct ita_report *r, size_t k);
/* The "Peers" section of the text report; nothing when r->peers is NULL. */
void peers_text(struct ita_buf *out, const struct ita_texts *t, const struct ita_report *r);
/* ,"peers":{...} of a JSON report (docs/json.md); nothing when r->peers is NULL. */
void peers_json(struct ita_buf *out, const struct ita_report *r);

#endif
