// fork + exec for the host-side process layer; see include/chostprocess.h for why.
// Between fork and exec only async-signal-safe calls: the parent has other threads.
#define _GNU_SOURCE
#include "chostprocess.h"
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <pthread.h>
#include <sched.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

static void write_all(int fd, const void *data, size_t size) {
    const char *p = data;
    while (size > 0) {
        ssize_t n = write(fd, p, size);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        p += n;
        size -= (size_t)n;
    }
}

static void record(int fd, int kind, int value) {
    if (fd < 0) return;
    int r[2] = { kind, value };
    write_all(fd, r, sizeof r);
}

/// Reports errno and the stage on the error pipe and ends the child.
static void fail(int errfd, int stage) {
    int r[2] = { errno, stage };
    write_all(errfd, r, sizeof r);
    _exit(127);
}

static void close_span(int from, int to) {
    if (from > to) return;
    if (syscall(SYS_close_range, (unsigned)from, (unsigned)to, 0) == 0) return;
    int top = to < 65536 ? to : 65536;
    for (int fd = from; fd <= top; fd++) close(fd);
}

/// Closes every descriptor from `from` up, except the (up to three) in `keep`.
static void close_from(int from, int a, int b, int c) {
    int keep[3] = { a, b, c };
    // Sort the three (tiny insertion sort).
    for (int i = 1; i < 3; i++)
        for (int j = i; j > 0 && keep[j] < keep[j - 1]; j--) { int t = keep[j]; keep[j] = keep[j - 1]; keep[j - 1] = t; }
    int start = from;
    for (int i = 0; i < 3; i++) {
        if (keep[i] < start) continue;
        close_span(start, keep[i] - 1);
        start = keep[i] + 1;
    }
    close_span(start, ~0U >> 1);
}

static char *format_uint(char *end, unsigned long value) {
    *--end = 0;
    do { *--end = (char)('0' + value % 10); value /= 10; } while (value);
    return end;
}

static int write_file(const char *path, const char *text) {
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    ssize_t n = write(fd, text, strlen(text));
    int saved = errno;
    close(fd);
    errno = saved;
    return n == (ssize_t)strlen(text) ? 0 : -1;
}

/// "0 ID 1\n": our id becomes root inside the new user namespace.
static int map_id(const char *path, unsigned long id) {
    char number[32], line[48];
    char *digits = format_uint(number + sizeof number, id);
    size_t length = strlen(digits);
    memcpy(line, "0 ", 2);
    memcpy(line + 2, digits, length);
    memcpy(line + 2 + length, " 1\n", 4);
    return write_file(path, line);
}

static int bring_loopback_up(void) {
    int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (s < 0) return -1;
    struct ifreq request;
    memset(&request, 0, sizeof request);
    memcpy(request.ifr_name, "lo", 3);
    int rc = ioctl(s, SIOCGIFFLAGS, &request);
    if (rc == 0) {
        request.ifr_flags |= IFF_UP;
        rc = ioctl(s, SIOCSIFFLAGS, &request);
    }
    int saved = errno;
    close(s);
    errno = saved;
    return rc;
}

/// The program itself: resource limits, an empty signal mask, exec.
static void exec_program(const struct hp_spawn_request *r, int errfd, int status_fd) {
    if (status_fd >= 0) close(status_fd);
    for (int i = 0; i < r->limit_count; i++) {
        struct rlimit limit = { (rlim_t)r->limits[i].soft, (rlim_t)r->limits[i].hard };
        if (setrlimit(r->limits[i].resource, &limit) != 0) fail(errfd, HP_STAGE_LIMITS);
    }
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    execve(r->path, r->argv, r->envp);
    fail(errfd, HP_STAGE_EXEC);
}

/// Kills and reaps every child a subreaper was handed, until it has none.
static void sweep_children(void) {
    pid_t pids[256];
    int n = hp_children_of(getpid(), pids, 256);
    for (int i = 0; i < n; i++) {
        kill(-pids[i], SIGKILL);   // a daemon that called setsid() leads a group of its own
        kill(pids[i], SIGKILL);
    }
}

/// The supervisor's loop (the namespace's init, or the subreaper): reaps every child;
/// when the program ends, reports its status and ends everything else.
static void supervise(pid_t program, int status_fd, int in_namespace) {
    int program_done = 0;
    for (;;) {
        if (program_done) {
            if (in_namespace) kill(-1, SIGKILL); else { kill(-program, SIGKILL); sweep_children(); }
        }
        int status;
        pid_t p = waitpid(-1, &status, 0);
        if (p < 0) {
            if (errno == EINTR) continue;
            break;   // ECHILD: nothing is left
        }
        if (p == program && !program_done) {
            program_done = 1;
            record(status_fd, HP_STATUS_WAIT_STATUS, status);
        }
    }
    _exit(0);
}

/// Dies with its parent (for a supervisor, the thread of ours that spawned it): a `learn`
/// killed by SIGKILL leaves no lesson program running.
static void die_with_parent(pid_t parent) {
    prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
    if (getppid() != parent) _exit(127);   // it died before the line above
}

static void child(const struct hp_spawn_request *r, int errfd, pid_t parent) {
    if (r->isolation != HP_ISOLATE_NONE) die_with_parent(parent);
    // Default dispositions for every signal (the mask stays full until exec).
    for (int s = 1; s < NSIG; s++) {
        if (s == SIGKILL || s == SIGSTOP) continue;
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = SIG_DFL;
        sigaction(s, &action, NULL);
    }

    // Descriptors: everything we keep moves above the child's range first, so no dup2
    // overwrites a source still needed.
    int n = r->fd_count;
    int base = n > 3 ? n : 3;
    errfd = fcntl(errfd, F_DUPFD_CLOEXEC, base);
    if (errfd < 0) _exit(127);
    int status_fd = r->status_fd >= 0 ? fcntl(r->status_fd, F_DUPFD_CLOEXEC, base) : -1;
    int tty = r->group == HP_GROUP_FOREGROUND ? fcntl(r->tty_fd, F_DUPFD_CLOEXEC, base) : -1;
    int moved[16];
    for (int i = 0; i < n && i < 16; i++) {
        moved[i] = -1;
        if (r->fds[i] >= 0 && (moved[i] = fcntl(r->fds[i], F_DUPFD_CLOEXEC, base)) < 0) fail(errfd, HP_STAGE_FDS);
    }
    for (int i = 0; i < n && i < 16; i++) {
        if (r->fds[i] >= 0) {
            if (dup2(moved[i], i) < 0) fail(errfd, HP_STAGE_FDS);
        } else if (r->fds[i] == HP_FD_NULL) {
            int null = open("/dev/null", O_RDWR | O_CLOEXEC);
            if (null < 0) fail(errfd, HP_STAGE_FDS);
            if (null != i) {
                if (dup2(null, i) < 0) fail(errfd, HP_STAGE_FDS);
                close(null);
            } else {
                fcntl(i, F_SETFD, 0);
            }
        }
    }
    close_from(n, errfd, status_fd, tty);

    if (r->group != HP_GROUP_SAME && setpgid(0, 0) != 0) fail(errfd, HP_STAGE_GROUP);
    if (tty >= 0) {
        // SIGTTOU is blocked (the whole mask is), so a background caller may do this too.
        tcsetpgrp(tty, getpid());
        close(tty);
    }

    if (r->isolation == HP_ISOLATE_NONE) exec_program(r, errfd, status_fd);

    if (r->isolation == HP_ISOLATE_SUBREAPER) {
        prctl(PR_SET_NAME, "learn-reaper", 0, 0, 0);
        if (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0) fail(errfd, HP_STAGE_NAMESPACES);
        pid_t program = fork();
        if (program < 0) fail(errfd, HP_STAGE_FORK);
        if (program == 0) {
            setpgid(0, 0);
            prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
            exec_program(r, errfd, status_fd);
        }
        setpgid(program, program);
        record(status_fd, HP_STATUS_PROGRAM_PID, program);
        close(errfd);
        close_span(0, n - 1);
        supervise(program, status_fd, 0);
    }

    // HP_ISOLATE_NAMESPACES
    uid_t uid = getuid();
    gid_t gid = getgid();
    if (unshare(CLONE_NEWUSER | CLONE_NEWNET | CLONE_NEWNS | CLONE_NEWPID) != 0) fail(errfd, HP_STAGE_NAMESPACES);
    if (write_file("/proc/self/setgroups", "deny") != 0 && errno != ENOENT) fail(errfd, HP_STAGE_NAMESPACES);
    if (map_id("/proc/self/uid_map", uid) != 0 || map_id("/proc/self/gid_map", gid) != 0)
        fail(errfd, HP_STAGE_NAMESPACES);
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) fail(errfd, HP_STAGE_NAMESPACES);
    if (bring_loopback_up() != 0) fail(errfd, HP_STAGE_LOOPBACK);
    pid_t init = fork();
    if (init < 0) fail(errfd, HP_STAGE_FORK);
    if (init == 0) {
        // PID 1 of the new namespace: its own /proc, then the program as PID 2.
        prctl(PR_SET_NAME, "learn-init", 0, 0, 0);
        // Its parent is outside the namespace (getppid() is 0 here): only the signal is set.
        prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
        if (mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) != 0) fail(errfd, HP_STAGE_PROC);
        pid_t program = fork();
        if (program < 0) fail(errfd, HP_STAGE_FORK);
        if (program == 0) exec_program(r, errfd, status_fd);
        close(errfd);
        close_span(0, n - 1);
        supervise(program, status_fd, 1);
    }
    prctl(PR_SET_NAME, "learn-sandbox", 0, 0, 0);
    close(errfd);
    if (status_fd >= 0) close(status_fd);
    close_span(0, n - 1);
    int status = 0;
    while (waitpid(init, &status, 0) < 0 && errno == EINTR) {}
    _exit(WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
}

int hp_spawn(const struct hp_spawn_request *r, pid_t *pid, int *stage) {
    int errpipe[2];
    *stage = HP_STAGE_FORK;
    if (pipe2(errpipe, O_CLOEXEC) != 0) return errno;
    // Every signal blocked across fork: the child must not run our handlers before it
    // has reset them.
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    pid_t parent = getpid();
    pid_t p = fork();
    if (p == 0) {
        close(errpipe[0]);
        child(r, errpipe[1], parent);
        _exit(127);
    }
    int fork_error = errno;
    // Registered in the table the stop handler kills, and given its group, while signals are
    // still blocked: a Ctrl-C or SIGTERM that comes once the child exists always finds it
    // (otherwise the handler could see no child, take the process for idle and end it by the
    // signal, leaving the child behind).
    int entry = r->group != HP_GROUP_SAME ? p : -p;
    if (p > 0) {
        // Done on both sides, as shells do, so neither order of the two leaves a gap.
        if (r->group != HP_GROUP_SAME) setpgid(p, p);
        hp_children_add(entry);
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    close(errpipe[1]);
    if (p < 0) {
        close(errpipe[0]);
        return fork_error;
    }
    if (r->group == HP_GROUP_FOREGROUND) hp_give_terminal(r->tty_fd, p);
    int report[2];
    ssize_t got;
    do { got = read(errpipe[0], report, sizeof report); } while (got < 0 && errno == EINTR);
    close(errpipe[0]);
    if (got == (ssize_t)sizeof report) {
        int status;
        while (waitpid(p, &status, 0) < 0 && errno == EINTR) {}
        hp_children_remove(entry);
        *stage = report[1];
        return report[0] ? report[0] : EIO;
    }
    *pid = p;
    return 0;
}

int hp_pipe_cloexec(int fds[2]) { return pipe2(fds, O_CLOEXEC); }

int hp_set_nonblocking(int fd) {
    int flags = fcntl(fd, F_GETFL);
    return flags < 0 ? -1 : fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}

int hp_give_terminal(int fd, pid_t group) {
    sigset_t ttou, old;
    sigemptyset(&ttou);
    sigaddset(&ttou, SIGTTOU);
    pthread_sigmask(SIG_BLOCK, &ttou, &old);
    int rc = tcsetpgrp(fd, group);
    int saved = errno;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    errno = saved;
    return rc;
}

int hp_children_of(pid_t pid, pid_t *out, int capacity) {
    char number[24], path[80];
    char *digits = format_uint(number + sizeof number, (unsigned long)pid);
    size_t length = strlen(digits);
    char *p = path;
    memcpy(p, "/proc/", 6); p += 6;
    memcpy(p, digits, length); p += length;
    memcpy(p, "/task/", 6); p += 6;
    memcpy(p, digits, length); p += length;
    memcpy(p, "/children", 10);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    int count = 0;
    long value = -1;
    char buffer[512];
    ssize_t got;
    while ((got = read(fd, buffer, sizeof buffer)) > 0 || (got < 0 && errno == EINTR)) {
        for (ssize_t i = 0; i < got; i++) {
            char c = buffer[i];
            if (c >= '0' && c <= '9') {
                value = (value < 0 ? 0 : value * 10) + (c - '0');
            } else if (value >= 0) {
                if (count < capacity) out[count++] = (pid_t)value;
                value = -1;
            }
        }
    }
    if (value >= 0 && count < capacity) out[count++] = (pid_t)value;
    close(fd);
    return count;
}

_Static_assert(HP_RLIMIT_CPU == RLIMIT_CPU && HP_RLIMIT_FSIZE == RLIMIT_FSIZE && HP_RLIMIT_CORE == RLIMIT_CORE
               && HP_RLIMIT_NOFILE == RLIMIT_NOFILE && HP_RLIMIT_AS == RLIMIT_AS, "RLIMIT numbers");
