/* A static probe that runs inside test containers (built by the tests with
 * `gcc -static`, see tests/it/boundary.rs) and reports what the container
 * can do, one fact per line:
 *
 *   probe syscalls
 *       calls syscalls that podman's default seccomp profile refuses (and a
 *       few it allows) and prints "NAME RET ERRNO" for each.
 *   probe pid1 MARKER...
 *       tries the CVE-2019-5736 steps on PID 1: open /proc/1/exe for
 *       writing, read /proc/1/environ, /proc/1/cmdline and /proc/1/mem;
 *       prints "STEP ok" or "STEP ERRNONAME", and "MARKER STEP" for any
 *       marker found in what it read.
 *   probe watch SECONDS MARKER...
 *       for SECONDS (or until /stop exists) keeps scanning /proc for other
 *       processes and tries the same steps on each; writes the number of
 *       rpod processes seen to /seen after each pass, and prints
 *       "LEAK PID STEP DETAIL" for every success on a process that is rpod
 *       (or whose exe is unreadable), and every marker found in rpod-init's
 *       sealed image, then "seen N".
 *
 * MARKERs are given reversed (and turned back here), so that the probe's own
 * command line, which the container may read, does not hold them.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef SYS_statmount
#define SYS_statmount 457
#endif
#ifndef SYS_listmount
#define SYS_listmount 458
#endif
#ifndef SYS_mseal
#define SYS_mseal 462
#endif

static void report(const char *name, long ret)
{
    printf("%s %ld %d\n", name, ret, ret < 0 ? errno : 0);
}

/* Runs a call in a child, so that what it changes (personality, namespaces)
 * does not stay; prints its result. */
static void in_child(const char *name, long (*call)(void))
{
    int p[2];
    if (pipe(p) != 0)
        return;
    pid_t pid = fork();
    if (pid == 0) {
        long r = call();
        int res[2] = {(int)r, r < 0 ? errno : 0};
        (void)!write(p[1], res, sizeof res);
        _exit(0);
    }
    close(p[1]);
    int res[2] = {0, -1};
    (void)!read(p[0], res, sizeof res);
    close(p[0]);
    waitpid(pid, NULL, 0);
    printf("%s %d %d\n", name, res[0], res[1]);
}

static long bad_personality(void) { return personality(0x0040000 | 0x0200000); }
static long query_personality(void) { return personality(0xffffffff); }
static long unshare_user(void) { return unshare(CLONE_NEWUSER); }

static int syscalls(void)
{
    char params[1024] = {0};
    report("io_uring_setup", syscall(SYS_io_uring_setup, 1, params));
    report("io_uring_enter", syscall(SYS_io_uring_enter, -1, 0, 0, 0, NULL, 0));
    report("io_uring_register", syscall(SYS_io_uring_register, -1, 0, NULL, 0));
    report("listmount", syscall(SYS_listmount, NULL, NULL, 0, 0));
    report("statmount", syscall(SYS_statmount, NULL, NULL, 0, 0));
    report("mseal", syscall(SYS_mseal, 0, 0, 0));
    report("kexec_load", syscall(SYS_kexec_load, 0, 0, NULL, 0));
    report("add_key", syscall(SYS_add_key, "user", "rpod-probe", "v", 1, -2));
    report("request_key", syscall(SYS_request_key, "user", "rpod-probe", NULL, -2));
    report("bpf", syscall(SYS_bpf, 0, NULL, 0));
    report("userfaultfd", syscall(SYS_userfaultfd, 0));
    report("perf_event_open", syscall(SYS_perf_event_open, NULL, 0, -1, -1, 0));
    report("keyctl", syscall(SYS_keyctl, 0, -2, 0));
    report("getpid", syscall(SYS_getpid));
    report("uname", syscall(SYS_uname, params));
    in_child("personality_bad", bad_personality);
    in_child("personality_query", query_personality);
    in_child("unshare_user", unshare_user);
    return 0;
}

/* Reads a whole /proc file (NULs become spaces); -1 and errno on failure. */
static long slurp(const char *path, char *buf, size_t size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    size_t n = 0;
    for (;;) {
        ssize_t r = read(fd, buf + n, size - 1 - n);
        if (r < 0) {
            int e = errno;
            close(fd);
            errno = e;
            return -1;
        }
        if (r == 0 || n + r >= size - 1) {
            n += r > 0 ? r : 0;
            break;
        }
        n += r;
    }
    close(fd);
    for (size_t i = 0; i < n; i++)
        if (buf[i] == 0)
            buf[i] = ' ';
    buf[n] = 0;
    return (long)n;
}

static const char *marker_in(const char *text, int nmarkers, char **markers)
{
    for (int i = 0; i < nmarkers; i++)
        if (markers[i][0] && strstr(text, markers[i]))
            return markers[i];
    return NULL;
}

static char buf[1 << 16];

/* The CVE-2019-5736 steps on one process; prints "STEP RESULT" lines when
 * `verbose`, else only LEAK lines for successes. Returns the leaks. */
static int try_steps(int pid, int verbose, int nmarkers, char **markers)
{
    char path[64], link[4096], again[4096];
    /* Successes that count only if the process is still the one whose exe
     * was read first: an exec between two steps (rpod-init becoming the
     * command) would credit the command's files to rpod. Printed at the
     * end, when the exe link is unchanged. Markers count whatever happens. */
    char pending[1024];
    size_t used = 0;
    int leaks = 0, pending_leaks = 0, rpodish = 0;
    pending[0] = 0;
#define LATER(...)                                                                 \
    do {                                                                           \
        int n_ = snprintf(pending + used, sizeof pending - used, __VA_ARGS__);    \
        if (n_ > 0 && (size_t)n_ < sizeof pending - used)                          \
            used += (size_t)n_;                                                    \
        pending_leaks++;                                                           \
    } while (0)
    snprintf(path, sizeof path, "/proc/%d/exe", pid);
    ssize_t l = readlink(path, link, sizeof link - 1);
    int first_errno = l < 0 ? errno : 0;
    link[l > 0 ? l : 0] = 0;
    /* rpod-init exec'd from its sealed memfd, in the instant before it makes
     * itself non-dumpable (or execs the command): its image cannot be changed
     * (sealed against writes) and holds only the container's own arguments
     * and environment, so only a marker found in what it shows is a leak. */
    int sealed = 0;
    if (l > 0 && strncmp(link, "/memfd:rpod-init", 16) == 0) {
        int r = open(path, O_RDONLY | O_CLOEXEC);
        if (r >= 0) {
            int seals = fcntl(r, F_GET_SEALS);
            sealed = seals >= 0 && (seals & F_SEAL_WRITE) && (seals & F_SEAL_SEAL);
            close(r);
        }
    }
    if (!sealed && (l < 0 || strstr(link, "rpod") || marker_in(link, nmarkers, markers)))
        rpodish = 1;
    if (verbose)
        printf("readlink-exe %s\n", l < 0 ? strerrorname_np(errno) : link);
    if (l > 0 && marker_in(link, nmarkers, markers)) {
        printf("LEAK %d readlink-exe %s\n", pid, link);
        leaks++;
    }
    /* chmod follows the link to the executable itself. */
    int c = chmod(path, 0755);
    if (verbose)
        printf("chmod-exe %s\n", c == 0 ? "ok" : strerrorname_np(errno));
    if (c == 0 && rpodish) {
        LATER("LEAK %d chmod-exe ok\n", pid);
    }
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    int e = errno;
    if (verbose)
        printf("open-exe-write %s\n", fd >= 0 ? "ok" : strerrorname_np(e));
    /* ETXTBSY comes after the permission check: the file was writable. */
    if ((fd >= 0 || e == ETXTBSY) && !sealed) {
        LATER("LEAK %d open-exe-write %s\n", pid, fd >= 0 ? "ok" : "ETXTBSY");
    }
    if (fd >= 0)
        close(fd);
    fd = open(path, O_PATH | O_CLOEXEC);
    if (fd >= 0) {
        char self[64];
        snprintf(self, sizeof self, "/proc/self/fd/%d", fd);
        int w = open(self, O_WRONLY | O_CLOEXEC);
        int we = errno;
        if ((w >= 0 || we == ETXTBSY) && !sealed) {
            LATER("LEAK %d reopen-exe-write %s\n", pid, w >= 0 ? "ok" : "ETXTBSY");
        }
        if (w >= 0)
            close(w);
        close(fd);
    }
    const char *files[] = {"environ", "cmdline", "mem"};
    for (int i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "/proc/%d/%s", pid, files[i]);
        long n;
        if (i == 2) {
            int m = open(path, O_RDONLY | O_CLOEXEC);
            n = m >= 0 ? 0 : -1;
            if (m >= 0)
                close(m);
        } else {
            n = slurp(path, buf, sizeof buf);
        }
        if (verbose)
            printf("%s %s\n", files[i], n >= 0 ? (i == 1 ? buf : "ok") : strerrorname_np(errno));
        const char *m = n >= 0 && i < 2 ? marker_in(buf, nmarkers, markers) : NULL;
        if (m) {
            printf("LEAK %d %s %s\n", pid, files[i], m);
            leaks++;
        } else if (n >= 0 && i != 1 && rpodish && !verbose) {
            LATER("LEAK %d %s readable\n", pid, files[i]);
        }
    }
#undef LATER
    snprintf(path, sizeof path, "/proc/%d/exe", pid);
    ssize_t l2 = readlink(path, again, sizeof again - 1);
    int again_errno = l2 < 0 ? errno : 0;
    again[l2 > 0 ? l2 : 0] = 0;
    if (pending_leaks && l2 == l && again_errno == first_errno && strcmp(again, link) == 0) {
        fputs(pending, stdout);
        leaks += pending_leaks;
    }
    fflush(stdout);
    return leaks;
}

static int is_rpod(int pid)
{
    char path[64], comm[64];
    snprintf(path, sizeof path, "/proc/%d/comm", pid);
    if (slurp(path, comm, sizeof comm) < 0)
        return 0;
    return strncmp(comm, "rpod", 4) == 0;
}

static int watch(int seconds, int nmarkers, char **markers)
{
    time_t end = time(NULL) + seconds;
    int seen = 0, last = -1, self = getpid();
    while (time(NULL) < end && access("/stop", F_OK) != 0) {
        DIR *d = opendir("/proc");
        if (!d)
            return 1;
        struct dirent *e;
        while ((e = readdir(d))) {
            int pid = atoi(e->d_name);
            if (pid <= 1 || pid == self)
                continue;
            if (is_rpod(pid)) {
                seen++;
                try_steps(pid, 0, nmarkers, markers);
            } else {
                /* Not rpod by name: only a leak counts (a marker). */
                char path[64];
                snprintf(path, sizeof path, "/proc/%d/environ", pid);
                if (slurp(path, buf, sizeof buf) >= 0 && marker_in(buf, nmarkers, markers))
                    printf("LEAK %d environ marker\n", pid);
                snprintf(path, sizeof path, "/proc/%d/cmdline", pid);
                if (slurp(path, buf, sizeof buf) >= 0 && marker_in(buf, nmarkers, markers))
                    printf("LEAK %d cmdline marker\n", pid);
            }
        }
        closedir(d);
        if (seen != last) {
            FILE *f = fopen("/seen.tmp", "w");
            if (f) {
                fprintf(f, "%d\n", seen);
                fclose(f);
                rename("/seen.tmp", "/seen");
            }
            last = seen;
        }
    }
    printf("seen %d\n", seen);
    return 0;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    int first = argc >= 2 && strcmp(argv[1], "watch") == 0 ? 3 : 2;
    for (int i = first; i < argc; i++) {
        size_t n = strlen(argv[i]);
        for (size_t j = 0; j < n / 2; j++) {
            char c = argv[i][j];
            argv[i][j] = argv[i][n - 1 - j];
            argv[i][n - 1 - j] = c;
        }
    }
    if (argc >= 2 && strcmp(argv[1], "syscalls") == 0)
        return syscalls();
    if (argc >= 2 && strcmp(argv[1], "pid1") == 0)
        return try_steps(1, 1, argc - 2, argv + 2) ? 1 : 0;
    if (argc >= 3 && strcmp(argv[1], "watch") == 0)
        return watch(atoi(argv[2]), argc - 3, argv + 3);
    fprintf(stderr, "usage: probe syscalls | pid1 MARKER... | watch SECONDS MARKER...\n");
    return 2;
}
