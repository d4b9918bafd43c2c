/* A main for the fuzz targets when libFuzzer is not linked: runs the target
 * once on each file named on the command line. The test suite uses it to
 * replay the corpus and every input that once crashed (fuzz/regressions/). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (f == NULL) {
            perror(argv[i]);
            return 1;
        }
        size_t cap = 1 << 16, len = 0;
        unsigned char *buf = malloc(cap);
        size_t n;
        while (buf != NULL && (n = fread(buf + len, 1, cap - len, f)) > 0) {
            len += n;
            if (len == cap) {
                unsigned char *more = realloc(buf, cap * 2);
                if (more == NULL) {
                    free(buf);
                    buf = NULL;
                    break;
                }
                buf = more;
                cap *= 2;
            }
        }
        fclose(f);
        if (buf == NULL) {
            fputs("out of memory\n", stderr);
            return 1;
        }
        LLVMFuzzerTestOneInput(buf, len);
        free(buf);
    }
    return 0;
}
