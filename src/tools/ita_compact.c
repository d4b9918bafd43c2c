/* ita-compact: writes the compact form of a framework or interface text file
 * (include/ita/compact.h), for the build. Not installed.
 *
 *   ita-compact framework|texts IN.json OUT.compact
 *
 * The JSON is read and checked by the same code as ita reads it with; a file
 * that does not load is an error (exit 1) and nothing is written. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ita/compact.h"
#include "ita/diag.h"
#include "ita/framework.h"
#include "ita/texts.h"
#include "ita/util.h"

static int write_all(const char *path, const struct ita_buf *b)
{
    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp)
        return 1;
    FILE *f = fopen(tmp, "wb");
    if (f == NULL) {
        fprintf(stderr, "ita-compact: %s: %s\n", tmp, strerror(errno));
        return 1;
    }
    bool ok = fwrite(b->data, 1, b->len, f) == b->len;
    ok = fclose(f) == 0 && ok;
    if (!ok || rename(tmp, path) != 0) {
        fprintf(stderr, "ita-compact: cannot write %s\n", path);
        remove(tmp);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 4 || (strcmp(argv[1], "framework") != 0 && strcmp(argv[1], "texts") != 0)) {
        fprintf(stderr, "usage: ita-compact framework|texts IN.json OUT.compact\n");
        return 2;
    }
    const char *in = argv[2];
    char *json = NULL;
    size_t len = 0;
    int err = ita_read_file(in, 1u << 24, &json, &len);
    if (err != 0) {
        fprintf(stderr, "ita-compact: %s: %s\n", in, strerror(err));
        return 1;
    }
    struct ita_diags d;
    ita_diags_init(&d, 0);
    struct ita_buf out;
    ita_buf_init(&out);
    enum ita_status st;
    if (argv[1][0] == 'f') {
        struct ita_framework *fw = NULL;
        st = ita_framework_parse(json, len, in, &fw, &d);
        if (st == ITA_OK)
            ita_framework_compact_write(fw, json, len, &out);
        ita_framework_free(&fw);
    } else {
        struct ita_texts t;
        /* from the JSON itself: no compact form is beside it yet, or an old one */
        st = ita_texts_parse(json, len, in, ITA_LANG_EN, &t, &d);
        if (st == ITA_OK)
            ita_texts_compact_write(&t, json, len, &out);
        ita_texts_free(&t);
    }
    for (size_t i = 0; i < d.count; i++) {
        char line[1024];
        ita_diag_format(&d.items[i], line, sizeof line);
        fprintf(stderr, "%s\n", line);
    }
    int rc = st != ITA_OK || out.failed ? 1 : write_all(argv[3], &out);
    ita_diags_free(&d);
    ita_buf_free(&out);
    free(json);
    return rc;
}
