/* ita-compact: writes the compact form of a framework or interface text file
 * (include/ita/compact.h), for the build. Not installed.
 *
 *   ita-compact framework|texts IN.json OUT.compact
 *   ita-compact embed OUT.c NAME=IN.compact...
 *
 * The JSON is read and checked by the same code as ita reads it with; a file
 * that does not load is an error (exit 1) and nothing is written. The second
 * form writes C source that holds each compact form as an array, named by the
 * data file it was made from ("frameworks/ita-2565.json"), for the binary. */
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

/* The C source of the forms given as NAME=PATH (ita/compact.h, struct
 * ita_compact_forms ita_built_in_forms). */
static int write_embedded(const char *out, int count, char **forms)
{
    struct ita_buf c;
    ita_buf_init(&c);
    ita_buf_puts(&c, "/* Made by ita-compact from the compact forms the build wrote: not to be edited. */\n"
                     "#include \"ita/compact.h\"\n\n");
    for (int i = 0; i < count; i++) {
        const char *eq = strchr(forms[i], '=');
        if (eq == NULL || eq == forms[i]) {
            fprintf(stderr, "ita-compact: '%s' is not NAME=FILE\n", forms[i]);
            ita_buf_free(&c);
            return 2;
        }
        char *bytes = NULL;
        size_t len = 0;
        int err = ita_read_file(eq + 1, 1u << 24, &bytes, &len);
        if (err != 0) {
            fprintf(stderr, "ita-compact: %s: %s\n", eq + 1, strerror(err));
            ita_buf_free(&c);
            return 1;
        }
        /* aligned for the 32-bit words the form holds after its header */
        ita_buf_printf(&c, "_Alignas(8) static const unsigned char form_%d[%zu] = {", i, len);
        for (size_t k = 0; k < len; k++)
            ita_buf_printf(&c, "%s%u,", k % 24 == 0 ? "\n" : "", (unsigned)(unsigned char)bytes[k]);
        ita_buf_puts(&c, "\n};\n");
        free(bytes);
    }
    ita_buf_puts(&c, "\nstatic const struct ita_compact_form forms[] = {\n");
    for (int i = 0; i < count; i++) {
        const char *eq = strchr(forms[i], '=');
        ita_buf_printf(&c, "    {\"%.*s\", form_%d, sizeof form_%d},\n", (int)(eq - forms[i]), forms[i], i, i);
    }
    if (count == 0)
        ita_buf_puts(&c, "    {\"\", 0, 0},\n");
    ita_buf_printf(&c, "};\n\nconst struct ita_compact_forms ita_built_in_forms = {forms, %d};\n", count);
    int rc = c.failed ? 1 : write_all(out, &c);
    ita_buf_free(&c);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc >= 3 && strcmp(argv[1], "embed") == 0)
        return write_embedded(argv[2], argc - 3, argv + 3);
    if (argc != 4 || (strcmp(argv[1], "framework") != 0 && strcmp(argv[1], "texts") != 0)) {
        fprintf(stderr, "usage: ita-compact framework|texts IN.json OUT.compact\n"
                        "       ita-compact embed OUT.c NAME=IN.compact...\n");
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
