/* failalloc: an LD_PRELOAD shim, built only for the tests, that makes one
 * allocation fail and checks that nothing is left allocated at exit.
 *
 * It counts the allocations (malloc, calloc, realloc, aligned forms are not
 * used) made by the program and its libraries, leaving out those made inside
 * the C library itself (stdio buffers, locale data) and the dynamic loader (a
 * thread's TLS block): the caller is found with dladdr. With FAILALLOC_AT=N the Nth counted allocation returns NULL (0: none
 * fails). Every counted block is tracked until it is freed; at exit the shim
 * writes "allocations=A live=L" to the file named by FAILALLOC_REPORT, where L
 * is the number of counted blocks never freed: a leak when it is not 0.
 *
 * Threads: the count, the failing allocation and the table of live blocks
 * change only under one lock, so that with several threads (rank --jobs)
 * every allocation is counted once and exactly one fails; which one is then a
 * matter of timing. The lock is a mutex, not a spin lock: a thread that waits
 * sleeps instead of spinning out its time slice while the holder, preempted on
 * a busy machine, cannot run. The configuration is read by the first counted
 * allocation, which the main thread makes before any other thread exists.
 *
 * With FAILALLOC_TIMEOUT=S the process is stopped after S seconds, as
 * timeout(1) would stop it but without a process of its own between the test
 * and the program: at its configuration the shim makes the process the leader
 * of a process group and sets an alarm; when it rings, every process of the
 * group (the program and a child it forked) is killed by SIGALRM.
 *
 * Only the process to test should run with the shim: a parent that also has it
 * (timeout, a shell) would count, fail and report on its own.
 *
 * The state below is the shim's, in the test process only; ita itself holds
 * no such hook.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <execinfo.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t size);
extern void __libc_free(void *p);

#define TABLE_BITS 20
#define TABLE_SIZE ((size_t)1 << TABLE_BITS)
#define TOMBSTONE ((uintptr_t)1)

static uintptr_t table[TABLE_SIZE];
static size_t live;
static unsigned long counted, fail_at;
static int configured, overflow;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static _Thread_local int inside __attribute__((tls_model("initial-exec"))); /* dladdr or getenv may allocate: do not count those */
static void *libc_base, *ldso_base;

static void take(void)
{
    pthread_mutex_lock(&lock);
}

static void give(void)
{
    pthread_mutex_unlock(&lock);
}

/* The slot where the search for block p starts: the blocks of one page of
 * memory (16 bytes apart at least) start in one run of 256 slots, the run of
 * the page chosen by a hash of its number. Spread over the whole table, a
 * program's blocks would touch (and have the kernel clear) a page of the table
 * for almost every block. */
static size_t slot_of(uintptr_t p)
{
    size_t run = (size_t)((p >> 12) * 0x9E3779B97F4A7C15ull >> (64 - (TABLE_BITS - 8)));
    return run << 8 | (size_t)(p >> 4 & 0xff);
}

/* FAILALLOC_TIMEOUT: see the top of this file */
static void ring(int sig)
{
    signal(sig, SIG_DFL);
    kill(0, sig);
}

static void set_timeout(void)
{
    const char *s = getenv("FAILALLOC_TIMEOUT");
    unsigned seconds = s ? (unsigned)strtoul(s, NULL, 10) : 0;
    if (seconds == 0)
        return;
    setpgid(0, 0);
    signal(SIGALRM, ring);
    alarm(seconds);
}

static void track(void *p)
{
    uintptr_t k = (uintptr_t)p;
    for (size_t i = slot_of(k), n = 0; n < TABLE_SIZE; i = (i + 1) & (TABLE_SIZE - 1), n++)
        if (table[i] == 0 || table[i] == TOMBSTONE) {
            table[i] = k;
            live++;
            return;
        }
    overflow = 1;
}

static void untrack(void *p)
{
    uintptr_t k = (uintptr_t)p;
    for (size_t i = slot_of(k), n = 0; n < TABLE_SIZE && table[i] != 0; i = (i + 1) & (TABLE_SIZE - 1), n++)
        if (table[i] == k) {
            table[i] = TOMBSTONE;
            live--;
            return;
        }
}

/* Whether the caller is outside the C library; configures on first use. */
static int counts(void *caller)
{
    if (inside)
        return 0;
    inside = 1;
    if (!configured) {
        const char *at = getenv("FAILALLOC_AT");
        fail_at = at ? strtoul(at, NULL, 10) : 0;
        Dl_info self;
        void *in_libc = dlsym(RTLD_DEFAULT, "fclose");
        if (in_libc != NULL && dladdr(in_libc, &self) != 0)
            libc_base = self.dli_fbase;
        /* the dynamic loader: a thread's TLS block, which glibc keeps with the
         * thread's cached stack after the thread has ended */
        void *in_ldso = dlsym(RTLD_DEFAULT, "__tls_get_addr");
        if (in_ldso != NULL && dladdr(in_ldso, &self) != 0)
            ldso_base = self.dli_fbase;
        set_timeout();
        configured = 1;
    }
    Dl_info info;
    int outside = dladdr(caller, &info) == 0 || (info.dli_fbase != libc_base && info.dli_fbase != ldso_base);
    inside = 0;
    return outside;
}

/* Returns 1 when this allocation is to fail. With FAILALLOC_TRACE set, says
 * where on standard error (for finding the call site with addr2line). */
static int next(void *caller)
{
    counted++;
    if (fail_at == 0 || counted != fail_at)
        return 0;
    if (getenv("FAILALLOC_TRACE") != NULL) {
        inside = 1;
        Dl_info info;
        char line[512];
        int n = snprintf(line, sizeof line, "failalloc: failing allocation %lu\n", counted);
        if (dladdr(caller, &info) != 0 && info.dli_fname != NULL)
            n = snprintf(line, sizeof line, "failalloc: failing allocation %lu at %s+0x%lx\n", counted,
                         info.dli_fname, (unsigned long)((char *)caller - (char *)info.dli_fbase));
        if (n > 0)
            (void)!write(2, line, (size_t)n);
        void *frames[24];
        backtrace_symbols_fd(frames, backtrace(frames, 24), 2);
        inside = 0;
    }
    errno = ENOMEM; /* as the C library's allocators say it */
    return 1;
}

void *malloc(size_t size)
{
    if (!counts(__builtin_return_address(0)))
        return __libc_malloc(size);
    take();
    void *p = next(__builtin_return_address(0)) ? NULL : __libc_malloc(size);
    if (p != NULL)
        track(p);
    give();
    return p;
}

void *calloc(size_t n, size_t size)
{
    if (!counts(__builtin_return_address(0)))
        return __libc_calloc(n, size);
    take();
    void *p = next(__builtin_return_address(0)) ? NULL : __libc_calloc(n, size);
    if (p != NULL)
        track(p);
    give();
    return p;
}

void *realloc(void *old, size_t size)
{
    if (old == NULL)
        return malloc(size);
    if (!counts(__builtin_return_address(0))) {
        void *p = __libc_realloc(old, size);
        if (p != NULL && p != old) {
            take();
            untrack(old);
            track(p);
            give();
        }
        return p;
    }
    take();
    void *p = NULL;
    if (!next(__builtin_return_address(0))) {
        p = __libc_realloc(old, size);
        if (p != NULL) {
            untrack(old);
            track(p);
        }
    }
    give();
    return p;
}

void free(void *p)
{
    if (p == NULL)
        return;
    if (inside) { /* the shim's own tracing, with the lock held */
        __libc_free(p);
        return;
    }
    take();
    untrack(p);
    give();
    __libc_free(p);
}

__attribute__((destructor)) static void report(void)
{
    const char *path = getenv("FAILALLOC_REPORT");
    if (path == NULL)
        return;
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return;
    char line[96];
    int n = snprintf(line, sizeof line, "allocations=%lu live=%zu%s\n", counted, live,
                     overflow ? " overflow" : "");
    if (n > 0)
        (void)!write(fd, line, (size_t)n);
    close(fd);
}
