/* line-count: reads a file in 256 KiB blocks and counts its newlines with memchr.
 * A bare pass over the bytes, with no parsing at all: with `cat`, the limit that
 * bench/run.sh quotes beside the libcsv floor. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fputs("usage: line-count FILE\n", stderr);
        return 2;
    }
    int fd = open(argv[1], O_RDONLY);
    if (fd < 0) {
        perror(argv[1]);
        return 4;
    }
    static char buf[1 << 18];
    size_t lines = 0;
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0) {
        const char *p = buf, *end = buf + n;
        while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
            lines++;
            p++;
        }
    }
    close(fd);
    if (n < 0) {
        perror(argv[1]);
        return 4;
    }
    printf("%zu lines\n", lines);
    return 0;
}
