/* csv-floor: the least a program can do with the national file: parse it with
 * libcsv on one core and count its fields and records. `ita rank` is measured
 * against it: its time is the floor that no libcsv-based analysis can go under. */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>

struct counts {
    size_t fields, records;
};

static void on_field(void *data, size_t len, void *ctx)
{
    (void)data;
    (void)len;
    ((struct counts *)ctx)->fields++;
}

static void on_record(int c, void *ctx)
{
    (void)c;
    ((struct counts *)ctx)->records++;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fputs("usage: csv-floor FILE\n", stderr);
        return 2;
    }
    FILE *in = fopen(argv[1], "rb");
    if (in == NULL) {
        perror(argv[1]);
        return 4;
    }
    struct csv_parser p;
    if (csv_init(&p, 0) != 0)
        return 4;
    static char buf[1 << 18];
    struct counts c = {0, 0};
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        if (csv_parse(&p, buf, n, on_field, on_record, &c) != n) {
            fprintf(stderr, "csv-floor: %s\n", csv_strerror(csv_error(&p)));
            return 3;
        }
    csv_fini(&p, on_field, on_record, &c);
    csv_free(&p);
    fclose(in);
    printf("%zu records, %zu fields\n", c.records, c.fields);
    return 0;
}
