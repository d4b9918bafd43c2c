/* Test helper: exits 0 when standard input is one valid JSON value, 1 otherwise. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    size_t n;
    while (buf != NULL && (n = fread(buf + len, 1, cap - len - 1, stdin)) > 0) {
        len += n;
        if (len + 1 == cap) {
            char *nb = realloc(buf, cap * 2);
            if (nb == NULL)
                break;
            buf = nb;
            cap *= 2;
        }
    }
    if (buf == NULL)
        return 2;
    buf[len] = '\0';
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithOpts(buf, &end, 1);
    int ok = root != NULL;
    if (!ok)
        fprintf(stderr, "json_check: invalid JSON near byte %ld\n", end ? (long)(end - buf) : -1L);
    cJSON_Delete(root);
    free(buf);
    return ok ? 0 : 1;
}
