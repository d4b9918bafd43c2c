/* What the slow checkers of tests/tools share: a CHECK that counts failures and
 * stops after 20, reading a whole file or a JSON file (exit 2 when it cannot), a
 * member of a JSON object, and a JSON number (or null) as hundredths. Define
 * CHECK_NAME, the tool's name for its messages, before including this. */
#ifndef ITA_TESTS_CHECK_H
#define ITA_TESTS_CHECK_H

#include <cjson/cJSON.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define MISSING INT64_MIN

static int failures;

#define CHECK(cond, ...)                                                                                     \
    do {                                                                                                     \
        if (!(cond)) {                                                                                       \
            fprintf(stderr, CHECK_NAME ": ");                                                                \
            fprintf(stderr, __VA_ARGS__);                                                                    \
            fputc('\n', stderr);                                                                             \
            if (++failures > 20)                                                                             \
                exit(1);                                                                                     \
        }                                                                                                    \
    } while (0)

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        perror(path);
        exit(2);
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    if (s == NULL || fread(s, 1, (size_t)n, f) != (size_t)n)
        exit(2);
    s[n] = '\0';
    fclose(f);
    return s;
}

static cJSON *read_json(const char *path)
{
    char *s = slurp(path);
    cJSON *j = cJSON_Parse(s);
    free(s);
    if (j == NULL) {
        fprintf(stderr, CHECK_NAME ": %s does not parse\n", path);
        exit(2);
    }
    return j;
}

static const cJSON *get(const cJSON *o, const char *k)
{
    return cJSON_GetObjectItemCaseSensitive(o, k);
}

static int64_t cents(const cJSON *v)
{
    if (v == NULL || cJSON_IsNull(v))
        return MISSING;
    return (int64_t)llround(v->valuedouble * 100.0);
}

#endif
