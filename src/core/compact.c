/* The compact form of frameworks and interface texts (ita/compact.h,
 * docs/frameworks.md "The compact form").
 *
 * A file is a header, 32-bit words in the byte order of the machine that wrote
 * it, and an area of NUL-terminated strings that the words refer to (0 for
 * none, else the offset + 1). It is mapped read-only and kept mapped while the
 * framework or texts read from it live: their strings point into the mapping. */
#include "ita/compact.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

#define COMPACT_VERSION 1u
#define COMPACT_ORDER 0x01020304u
#define COMPACT_MAX (16u << 20)
#define NO_INDEX 0xFFFFFFFFu
/* The buffer json_matches reads into, on the stack: 4 KiB, as 8 KiB touched one
 * more fresh page of stack (about 3 us here) and saved no measurable time in
 * the reads (a report of the example, 400 runs of each, alternated). */
#define JSON_READ ((size_t)4 << 10)

static const char framework_magic[8] = {'I', 'T', 'A', 'F', 'W', 'C', '\n', '\0'};
static const char texts_magic[8] = {'I', 'T', 'A', 'T', 'X', 'C', '\n', '\0'};

struct compact_head {
    char magic[8];
    uint32_t version;
    uint32_t order;      /* COMPACT_ORDER as the writer stored it */
    uint64_t json_size;  /* the JSON file it was made from */
    uint64_t json_hash;
    uint64_t body_hash;  /* of every byte after the header */
    uint32_t words;      /* 32-bit words after the header */
    uint32_t strings;    /* bytes of strings after the words; the last is '\0' */
};

#define HASH_K 0x9E3779B97F4A7C15ull

/* One step of a lane: a bijection of the lane's state for any word (xor,
 * multiplication by an odd constant, rotation), and one-to-one in the word for
 * any state. */
static uint64_t hash_step(uint64_t h, uint64_t w)
{
    h = (h ^ w) * HASH_K;
    return h << 31 | h >> 33;
}

/* The hash in three parts, so that json_matches can take a file a read at a
 * time: the lanes' start; turns of 32 bytes, one word into each lane; the end,
 * with the last n % 32 bytes word by word into the first lane, then the lanes
 * folded into one, each fold one-to-one in the lane folded. */
static void hash_begin(uint64_t lane[4])
{
    lane[0] = 0x243F6A8885A308D3ull;
    lane[1] = 0x13198A2E03707344ull;
    lane[2] = 0xA4093822299F31D0ull;
    lane[3] = 0x082EFA98EC4E6C89ull;
}

static void hash_turns(uint64_t lane[4], const unsigned char *p, size_t turns)
{
    uint64_t a = lane[0], b = lane[1], c = lane[2], d = lane[3];
    for (size_t i = 0; i < turns; i++, p += 32) {
        uint64_t w[4];
        memcpy(w, p, sizeof w);
        a = hash_step(a, w[0]);
        b = hash_step(b, w[1]);
        c = hash_step(c, w[2]);
        d = hash_step(d, w[3]);
    }
    lane[0] = a;
    lane[1] = b;
    lane[2] = c;
    lane[3] = d;
}

/* n: how many bytes were hashed in all; rest: the last n % 32 of them */
static uint64_t hash_end(const uint64_t lane[4], const unsigned char *rest, uint64_t n)
{
    uint64_t a = lane[0];
    size_t i = 0, left = (size_t)(n % 32);
    for (; i + 8 <= left; i += 8) {
        uint64_t w;
        memcpy(&w, rest + i, 8);
        a = hash_step(a, w);
    }
    uint64_t w = 0;
    memcpy(&w, rest + i, left - i);
    a = hash_step(a, w);
    a = hash_step(hash_step(hash_step(a, lane[1]), lane[2]), lane[3]);
    a = hash_step(a, n);
    return a ^ (a >> 29);
}

uint64_t ita_compact_hash(const void *bytes, size_t n)
{
    const unsigned char *p = bytes;
    uint64_t lane[4];
    hash_begin(lane);
    hash_turns(lane, p, n / 32);
    return hash_end(lane, p + n / 32 * 32, n);
}

/* ---- writing ---- */

struct writer {
    struct ita_buf words, strings;
};

static void put_u32(struct writer *w, uint32_t x)
{
    ita_buf_append(&w->words, (const char *)&x, sizeof x);
}

static void put_i64(struct writer *w, int64_t x)
{
    uint64_t u = (uint64_t)x;
    put_u32(w, (uint32_t)u);
    put_u32(w, (uint32_t)(u >> 32));
}

static void put_index(struct writer *w, size_t i)
{
    put_u32(w, i == SIZE_MAX ? NO_INDEX : (uint32_t)i);
}

static void put_str(struct writer *w, const char *s)
{
    if (s == NULL) {
        put_u32(w, 0);
        return;
    }
    put_u32(w, (uint32_t)w->strings.len + 1);
    ita_buf_append(&w->strings, s, strlen(s) + 1);
}

static void put_text(struct writer *w, const struct ita_fw_text *t)
{
    put_str(w, t->th);
    put_str(w, t->en);
}

static void finish(struct writer *w, const char magic[8], const char *json, size_t json_len,
                   struct ita_buf *out)
{
    if (w->strings.len == 0)
        ita_buf_append(&w->strings, "", 1);
    struct compact_head h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, magic, sizeof h.magic);
    h.version = COMPACT_VERSION;
    h.order = COMPACT_ORDER;
    h.json_size = json_len;
    h.json_hash = ita_compact_hash(json, json_len);
    h.words = (uint32_t)(w->words.len / 4);
    h.strings = (uint32_t)w->strings.len;
    if (w->words.failed || w->strings.failed || w->words.len + w->strings.len > COMPACT_MAX) {
        ita_buf_fail(out);
    } else {
        size_t at = out->len;
        ita_buf_append(out, (const char *)&h, sizeof h);
        ita_buf_append(out, w->words.data, w->words.len);
        ita_buf_append(out, w->strings.data, w->strings.len);
        if (!out->failed) {
            uint64_t body = ita_compact_hash(out->data + at + sizeof h, out->len - at - sizeof h);
            memcpy(out->data + at + offsetof(struct compact_head, body_hash), &body, sizeof body);
        }
    }
    ita_buf_free(&w->words);
    ita_buf_free(&w->strings);
}

void ita_framework_compact_write(const struct ita_framework *fw, const char *json, size_t json_len,
                                 struct ita_buf *out)
{
    struct writer w;
    ita_buf_init(&w.words);
    ita_buf_init(&w.strings);
    /* the counts first, so that the reader allocates once */
    put_u32(&w, (uint32_t)fw->indicator_count);
    put_u32(&w, (uint32_t)fw->sub_indicator_count);
    put_u32(&w, (uint32_t)fw->item_count);
    put_u32(&w, (uint32_t)fw->sub_count);
    put_u32(&w, (uint32_t)fw->band_count);
    for (int t = 0; t < ITA_TOOL_COUNT; t++)
        put_u32(&w, fw->lookup_size[t]);
    put_u32(&w, (uint32_t)fw->year);
    put_u32(&w, fw->provisional);
    put_text(&w, &fw->name);
    put_u32(&w, (uint32_t)fw->scheme);
    put_i64(&w, fw->pass_mark);
    for (int t = 0; t < ITA_TOOL_COUNT; t++) {
        const struct ita_fw_tool *tool = &fw->tools[t];
        put_u32(&w, (uint32_t)tool->tool);
        put_text(&w, &tool->name);
        put_i64(&w, tool->weight);
        put_index(&w, tool->first_indicator);
        put_index(&w, tool->indicator_count);
    }
    for (size_t i = 0; i < fw->indicator_count; i++) {
        const struct ita_fw_indicator *in = &fw->indicators[i];
        put_u32(&w, in->number);
        put_u32(&w, (uint32_t)in->tool);
        put_text(&w, &in->name);
        put_i64(&w, in->weight);
        put_index(&w, in->first_item);
        put_index(&w, in->item_count);
        put_index(&w, in->first_sub_indicator);
        put_index(&w, in->sub_indicator_count);
    }
    for (size_t i = 0; i < fw->sub_indicator_count; i++) {
        const struct ita_fw_sub_indicator *si = &fw->sub_indicators[i];
        put_str(&w, si->code);
        put_text(&w, &si->name);
        put_index(&w, si->indicator);
        put_index(&w, si->item_count);
    }
    for (size_t i = 0; i < fw->item_count; i++) {
        const struct ita_fw_item *it = &fw->items[i];
        put_str(&w, it->code);
        put_u32(&w, (uint32_t)it->tool);
        put_u32(&w, it->number);
        put_index(&w, it->indicator);
        put_index(&w, it->sub_indicator);
        put_text(&w, &it->text);
        put_index(&w, it->sub_count);
        put_index(&w, it->first_sub);
        put_str(&w, it->previous_code);
        put_u32(&w, it->is_new);
        put_u32(&w, it->reworded);
        for (size_t s = 0; s < it->sub_count; s++)
            put_text(&w, &it->subs[s]);
    }
    for (size_t b = 0; b < fw->band_count; b++) {
        const struct ita_fw_rating_band *band = &fw->bands[b];
        put_text(&w, &band->name);
        put_i64(&w, band->min);
        put_i64(&w, band->tool_min);
        put_u32(&w, band->pass);
    }
    finish(&w, framework_magic, json, json_len, out);
}

/* ---- reading ---- */

struct compact_map {
    const unsigned char *base;
    size_t size;
    const uint32_t *words;
    size_t word_count;
    const char *strings;
    size_t strings_size;
};

/* Maps a whole small file read-only; false when it cannot. */
static bool map_file(const char *path, const unsigned char **base, size_t *size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    struct stat st;
    bool ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 && st.st_size <= (off_t)COMPACT_MAX;
    void *p = ok ? mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0) : MAP_FAILED;
    close(fd);
    if (p == MAP_FAILED)
        return false;
    *base = p;
    *size = (size_t)st.st_size;
    return true;
}

/* Whether the JSON file at path has this size and hash. It is read a buffer at
 * a time, not mapped: for a file this small, mapping it and unmapping it again
 * (which flushes the TLB) cost more than copying it. */
static bool json_matches(const char *path, uint64_t size, uint64_t hash)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    struct stat st;
    bool same = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (uint64_t)st.st_size == size;
    uint64_t lane[4], got = 0;
    hash_begin(lane);
    unsigned char buf[JSON_READ]; /* a multiple of 32: whole turns until the end */
    while (same) {
        size_t len = 0;
        ssize_t r = 1;
        while (len < sizeof buf && (r = read(fd, buf + len, sizeof buf - len)) > 0)
            len += (size_t)r;
        got += len;
        hash_turns(lane, buf, len / 32);
        if (r < 0 || got > size)
            same = false;
        else if (len < sizeof buf) /* the end of the file */
            break;
    }
    if (same)
        same = got == size && hash_end(lane, buf + got % sizeof buf / 32 * 32, got) == hash;
    close(fd);
    return same;
}

/* Whether base[0, size) is a whole compact form with this magic that records
 * the bytes of the JSON file json_path; fills m. A form built into the binary
 * (built_in) is not hashed: it is part of the program, as its code is. */
static bool compact_check(const char *json_path, const unsigned char *base, size_t size, const char magic[8],
                          bool built_in, struct compact_map *m)
{
    struct compact_head h;
    if (size < sizeof h)
        return false;
    memcpy(&h, base, sizeof h);
    if (memcmp(h.magic, magic, sizeof h.magic) != 0 || h.version != COMPACT_VERSION ||
        h.order != COMPACT_ORDER || h.strings == 0 || size != sizeof h + (size_t)h.words * 4 + h.strings ||
        base[size - 1] != '\0' ||
        (!built_in && ita_compact_hash(base + sizeof h, size - sizeof h) != h.body_hash) ||
        !json_matches(json_path, h.json_size, h.json_hash))
        return false;
    m->base = base;
    m->size = size;
    m->words = (const uint32_t *)(const void *)(base + sizeof h);
    m->word_count = h.words;
    m->strings = (const char *)base + sizeof h + (size_t)h.words * 4;
    m->strings_size = h.strings;
    return true;
}

static bool compact_open(const char *json_path, const char *compact_path, const char magic[8],
                         struct compact_map *m)
{
    const unsigned char *base;
    size_t size;
    if (!map_file(compact_path, &base, &size))
        return false;
    if (!compact_check(json_path, base, size, magic, false, m)) {
        munmap((void *)(uintptr_t)base, size);
        return false;
    }
    return true;
}

/* A form of the binary: its bytes must be 4-byte aligned for its words (the
 * generated arrays are 8-byte aligned). */
static bool built_in_check(const char *json_path, const struct ita_compact_form *form, const char magic[8],
                           struct compact_map *m)
{
    return form != NULL && (uintptr_t)form->bytes % 4 == 0 &&
           compact_check(json_path, form->bytes, form->size, magic, true, m);
}

const struct ita_compact_form *ita_compact_forms_find(const struct ita_compact_forms *forms, const char *json_path)
{
    if (forms == NULL)
        return NULL;
    /* the folder and the name: "frameworks/ita-2565.json" */
    const char *name = json_path + strlen(json_path);
    int slashes = 0;
    while (name > json_path && slashes < 2)
        if (*--name == '/')
            slashes++;
    if (slashes == 2)
        name++;
    for (size_t i = 0; i < forms->count; i++)
        if (strcmp(forms->items[i].name, name) == 0)
            return &forms->items[i];
    return NULL;
}

struct reader {
    const struct compact_map *m;
    size_t at;
    bool bad;
};

static uint32_t get_u32(struct reader *r)
{
    if (r->at >= r->m->word_count) {
        r->bad = true;
        return 0;
    }
    return r->m->words[r->at++];
}

static int64_t get_i64(struct reader *r)
{
    uint64_t lo = get_u32(r), hi = get_u32(r);
    return (int64_t)(lo | hi << 32);
}

/* An index below `below`, or SIZE_MAX when `none_ok` and none is written. */
static size_t get_index(struct reader *r, size_t below, bool none_ok)
{
    uint32_t x = get_u32(r);
    if (x == NO_INDEX && none_ok)
        return SIZE_MAX;
    if (x >= below)
        r->bad = true;
    return x;
}

static const char *get_str(struct reader *r, bool required)
{
    uint32_t x = get_u32(r);
    if (x == 0 || x - 1 >= r->m->strings_size) {
        if (x != 0 || required)
            r->bad = true;
        return NULL;
    }
    return r->m->strings + (x - 1);
}

static void get_text(struct reader *r, struct ita_fw_text *t)
{
    t->th = get_str(r, true);
    t->en = get_str(r, true);
}

static size_t round8(size_t n)
{
    return (n + 7) & ~(size_t)7;
}

/* The framework's counts, first in the words; false when they cannot be. */
#define COUNTS (5 + ITA_TOOL_COUNT)
static bool read_counts(const struct compact_map *m, size_t counts[COUNTS])
{
    if (m->word_count < COUNTS)
        return false;
    for (size_t i = 0; i < COUNTS; i++) {
        counts[i] = m->words[i];
        /* every entry takes a word at least; a lookup covers numbers up to 9999 */
        if (counts[i] > (i < 5 ? m->word_count : 10000))
            return false;
    }
    return counts[4] > 0 && counts[2] < UINT16_MAX; /* a band at least; the lookup's uint16_t */
}

/* Reads the words into fw, whose arrays are allocated to the counts. */
static void read_framework(struct reader *r, struct ita_framework *fw)
{
    r->at = COUNTS;
    size_t ni = fw->indicator_count, nsi = fw->sub_indicator_count, nit = fw->item_count,
           nsub = fw->sub_count, nb = fw->band_count;
    fw->year = (int)get_u32(r);
    fw->provisional = get_u32(r) != 0;
    get_text(r, &fw->name);
    uint32_t scheme = get_u32(r);
    if (scheme > ITA_RATING_LEVELS)
        r->bad = true;
    fw->scheme = (enum ita_rating_scheme)scheme;
    fw->pass_mark = get_i64(r);
    for (int t = 0; t < ITA_TOOL_COUNT; t++) {
        struct ita_fw_tool *tool = &fw->tools[t];
        if (get_u32(r) != (uint32_t)t)
            r->bad = true;
        tool->tool = (enum ita_tool)t;
        get_text(r, &tool->name);
        tool->weight = get_i64(r);
        tool->first_indicator = get_index(r, ni + 1, false);
        tool->indicator_count = get_index(r, ni - tool->first_indicator + 1, false);
    }
    for (size_t i = 0; i < ni && !r->bad; i++) {
        struct ita_fw_indicator *in = &fw->indicators[i];
        in->number = get_u32(r);
        uint32_t tool = get_u32(r);
        if (tool >= ITA_TOOL_COUNT)
            r->bad = true;
        in->tool = (enum ita_tool)(tool % ITA_TOOL_COUNT);
        get_text(r, &in->name);
        in->weight = get_i64(r);
        in->first_item = get_index(r, nit + 1, false);
        in->item_count = get_index(r, nit - in->first_item + 1, false);
        in->first_sub_indicator = get_index(r, nsi + 1, false);
        in->sub_indicator_count = get_index(r, nsi - in->first_sub_indicator + 1, false);
    }
    for (size_t i = 0; i < nsi && !r->bad; i++) {
        struct ita_fw_sub_indicator *si = &fw->sub_indicators[i];
        si->code = get_str(r, true);
        get_text(r, &si->name);
        si->indicator = get_index(r, ni, false);
        si->item_count = get_index(r, nit + 1, false);
    }
    struct ita_fw_text *subs = nit > 0 ? fw->items[0].subs : NULL; /* where the caller put them */
    size_t subs_used = 0;
    for (size_t i = 0; i < nit && !r->bad; i++) {
        struct ita_fw_item *it = &fw->items[i];
        it->code = get_str(r, true);
        uint32_t tool = get_u32(r);
        if (tool >= ITA_TOOL_COUNT)
            r->bad = true;
        it->tool = (enum ita_tool)(tool % ITA_TOOL_COUNT);
        it->number = get_u32(r);
        if (it->number == 0 || it->number >= fw->lookup_size[it->tool])
            r->bad = true;
        it->indicator = get_index(r, ni, false);
        it->sub_indicator = get_index(r, nsi, true);
        get_text(r, &it->text);
        it->sub_count = get_index(r, nsub - subs_used + 1, false);
        it->first_sub = get_index(r, nsub - it->sub_count + 1, false);
        it->previous_code = get_str(r, false);
        it->is_new = get_u32(r) != 0;
        it->reworded = get_u32(r) != 0;
        if (r->bad)
            break;
        it->subs = it->sub_count > 0 ? subs + subs_used : NULL;
        for (size_t s = 0; s < it->sub_count; s++)
            get_text(r, &it->subs[s]);
        subs_used += it->sub_count;
    }
    for (size_t b = 0; b < nb && !r->bad; b++) {
        struct ita_fw_rating_band *band = &fw->bands[b];
        get_text(r, &band->name);
        band->min = get_i64(r);
        band->tool_min = get_i64(r);
        band->pass = get_u32(r) != 0;
    }
    if (r->at != r->m->word_count)
        r->bad = true;
    /* the ranges nest as the JSON reader made them */
    for (int t = 0; t < ITA_TOOL_COUNT && !r->bad; t++)
        for (size_t i = 0; i < fw->tools[t].indicator_count; i++)
            if (fw->indicators[fw->tools[t].first_indicator + i].tool != (enum ita_tool)t)
                r->bad = true;
    for (size_t i = 0; i < ni && !r->bad; i++)
        for (size_t k = 0; k < fw->indicators[i].item_count; k++)
            if (fw->items[fw->indicators[i].first_item + k].indicator != i)
                r->bad = true;
}

/* The item lookup, as framework.c builds it: each tool's table as large as its
 * largest number + 1, a code given twice refused. */
static void fill_lookup(struct reader *r, struct ita_framework *fw)
{
    unsigned largest[ITA_TOOL_COUNT] = {0, 0, 0};
    for (size_t i = 0; i < fw->item_count; i++) {
        const struct ita_fw_item *it = &fw->items[i];
        if (it->number + 1 > largest[it->tool])
            largest[it->tool] = it->number + 1;
        if (fw->lookup[it->tool][it->number] != 0)
            r->bad = true;
        fw->lookup[it->tool][it->number] = (uint16_t)(i + 1);
    }
    for (int t = 0; t < ITA_TOOL_COUNT; t++)
        if (largest[t] != fw->lookup_size[t])
            r->bad = true;
}

/* Carves n bytes off a block, in steps of 8. */
static void *carve(char **at, size_t n)
{
    void *p = n > 0 ? *at : NULL;
    *at += round8(n);
    return p;
}

/* The framework of the checked form m, or NULL (m is the caller's to unmap);
 * mapped: m is a mapping the framework takes over. */
static struct ita_framework *framework_from(const char *json_path, const struct compact_map *m, bool mapped)
{
    size_t c[COUNTS];
    if (!read_counts(m, c))
        return NULL;
    size_t ni = c[0], nsi = c[1], nit = c[2], nsub = c[3], nb = c[4];
    size_t path_len = strlen(json_path);
    struct ita_framework *fw;
    /* the framework and every array of it in one block, freed with it */
    size_t size = round8(sizeof *fw) + round8(ni * sizeof *fw->indicators) +
                  round8(nsi * sizeof *fw->sub_indicators) + round8(nit * sizeof *fw->items) +
                  round8(nsub * sizeof(struct ita_fw_text)) + round8(nb * sizeof *fw->bands) +
                  round8(c[5] * sizeof(uint16_t)) + round8(c[6] * sizeof(uint16_t)) +
                  round8(c[7] * sizeof(uint16_t)) + path_len + 1;
    char *block = calloc(1, size);
    if (block == NULL)
        return NULL;
    char *at = block;
    fw = carve(&at, sizeof *fw);
    fw->compact_map = m->base;
    fw->compact_size = mapped ? m->size : 0;
    fw->indicators = carve(&at, ni * sizeof *fw->indicators);
    fw->indicator_count = ni;
    fw->sub_indicators = carve(&at, nsi * sizeof *fw->sub_indicators);
    fw->sub_indicator_count = nsi;
    fw->items = carve(&at, nit * sizeof *fw->items);
    fw->item_count = nit;
    struct ita_fw_text *subs = carve(&at, nsub * sizeof *subs);
    if (nit > 0)
        fw->items[0].subs = subs; /* read_framework takes them from there */
    fw->sub_count = nsub;
    fw->bands = carve(&at, nb * sizeof *fw->bands);
    fw->band_count = nb;
    for (int t = 0; t < ITA_TOOL_COUNT; t++) {
        fw->lookup_size[t] = (unsigned)c[5 + t];
        fw->lookup[t] = carve(&at, c[5 + t] * sizeof(uint16_t));
    }
    fw->path = at;
    memcpy(fw->path, json_path, path_len + 1);
    struct reader r = {m, 0, false};
    read_framework(&r, fw);
    if (!r.bad)
        fill_lookup(&r, fw);
    if (r.bad) {
        free(block);
        return NULL;
    }
    return fw;
}

struct ita_framework *ita_framework_compact_load(const char *json_path, const char *compact_path)
{
    struct compact_map m;
    if (!compact_open(json_path, compact_path, framework_magic, &m))
        return NULL;
    struct ita_framework *fw = framework_from(json_path, &m, true);
    if (fw == NULL)
        munmap((void *)(uintptr_t)m.base, m.size);
    return fw;
}

struct ita_framework *ita_framework_compact_from(const char *json_path, const struct ita_compact_form *form)
{
    struct compact_map m;
    return built_in_check(json_path, form, framework_magic, &m) ? framework_from(json_path, &m, false) : NULL;
}

bool ita_compact_path(const char *json_path, int nth, char *out, size_t size)
{
    size_t n = strlen(json_path);
    if (n < 5 || strcmp(json_path + n - 5, ".json") != 0)
        return false;
    if (nth == 1) {
        if (n - 5 + sizeof ".compact" > size)
            return false;
        memcpy(out, json_path, n - 5);
        memcpy(out + n - 5, ".compact", sizeof ".compact");
        return true;
    }
#ifdef ITA_BUILD_DATA_DIR
    if (nth == 2) {
        /* the build tree's copy: its folder (frameworks, texts) and name */
        const char *name = json_path + n;
        int slashes = 0;
        while (name > json_path && slashes < 2)
            if (*--name == '/')
                slashes++;
        if (slashes < 2)
            return false;
        int len = snprintf(out, size, "%s%.*s.compact", ITA_BUILD_DATA_DIR, (int)(json_path + n - 5 - name), name);
        return len > 0 && (size_t)len < size;
    }
#endif
    return false;
}

void ita_texts_compact_write(const struct ita_texts *t, const char *json, size_t json_len, struct ita_buf *out)
{
    struct writer w;
    ita_buf_init(&w.words);
    ita_buf_init(&w.strings);
    put_u32(&w, (uint32_t)t->count);
    put_u32(&w, (uint32_t)t->table_cap);
    ita_buf_append(&w.words, (const char *)t->table, t->table_cap * sizeof *t->table);
    ita_buf_append(&w.words, (const char *)t->entries, 2 * t->count * sizeof *t->entries);
    ita_buf_append(&w.strings, t->strings, t->strings_size);
    finish(&w, texts_magic, json, json_len, out);
}

/* The texts of the checked form m into t (false, t untouched, when its words
 * are not those of a text file); mapped: t takes the mapping over. */
static bool texts_from(const struct compact_map *m, bool mapped, enum ita_lang lang, struct ita_texts *t)
{
    size_t count = m->word_count >= 2 ? m->words[0] : 0, cap = m->word_count >= 2 ? m->words[1] : 0;
    /* the table (a power of two, more than the texts), then two offsets a text */
    bool ok = m->word_count >= 2 && cap >= 16 && (cap & (cap - 1)) == 0 && count < cap &&
              m->word_count == 2 + cap + 2 * count;
    const uint32_t *table = m->words + 2, *entries = table + cap;
    size_t free_slots = 0; /* a search ends at a free slot: one at least */
    for (size_t i = 0; ok && i < cap; i++) {
        ok = table[i] <= count;
        free_slots += table[i] == 0;
    }
    ok = ok && free_slots > 0;
    for (size_t i = 0; ok && i < 2 * count; i++)
        ok = entries[i] < m->strings_size;
    if (!ok)
        return false;
    memset(t, 0, sizeof *t);
    t->lang = lang;
    t->strings = m->strings;
    t->strings_size = m->strings_size;
    t->entries = entries;
    t->count = count;
    t->table = table;
    t->table_cap = cap;
    t->compact_map = m->base;
    t->compact_size = mapped ? m->size : 0;
    return true;
}

bool ita_texts_compact_load(const char *json_path, const char *compact_path, enum ita_lang lang,
                            struct ita_texts *t)
{
    struct compact_map m;
    if (!compact_open(json_path, compact_path, texts_magic, &m))
        return false;
    if (!texts_from(&m, true, lang, t)) {
        munmap((void *)(uintptr_t)m.base, m.size);
        return false;
    }
    return true;
}

bool ita_texts_compact_from(const char *json_path, const struct ita_compact_form *form, enum ita_lang lang,
                            struct ita_texts *t)
{
    struct compact_map m;
    return built_in_check(json_path, form, texts_magic, &m) && texts_from(&m, false, lang, t);
}
