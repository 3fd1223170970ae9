#ifndef LEARN_CHOSTPROCESS_H
#define LEARN_CHOSTPROCESS_H
// The C half of `learn`'s one host-side process layer (Sources/HostProcess).
//
// Why hand-written rather than a library: Foundation's Process gives a child neither an
// extra descriptor nor a process group of its own; swift-subprocess 1.0.2 closes every
// descriptor above 2 in the child (so the check programs' result channel cannot pass) and
// cannot set resource limits before exec; posix_spawn cannot set resource limits either,
// nor enter namespaces and run a reaping init before the program. So the child is made
// here with fork + exec, and between the two it calls only async-signal-safe functions
// (the parent is multi-threaded: no malloc, no locks, no Swift).
//
// Glibc's Swift module does not import pipe2, close_range or the PR_SET_* constants, and a
// Swift closure cannot be a signal handler that kills children without allocating: those
// are here too.
#include <sys/types.h>
#include <signal.h>

#ifdef __cplusplus
extern "C" {
#endif

/// What descriptor `i` of the child is (`hp_spawn_request.fds[i]`).
enum { HP_FD_NULL = -1, HP_FD_INHERIT = -2 };

/// The child's process group: ours, one of its own, or one of its own that is made the
/// terminal's foreground group (`tty_fd`), as shells do for a job.
enum { HP_GROUP_SAME = 0, HP_GROUP_OWN = 1, HP_GROUP_FOREGROUND = 2 };

/// How a lesson program is confined (see hp_spawn).
///  HP_ISOLATE_NONE: the program is the child itself.
///  HP_ISOLATE_NAMESPACES: the child enters new user (uid mapped to root), network (only
///    `lo`, brought up), mount and PID namespaces; a small init is PID 1 and runs the
///    program as PID 2, reaps whatever is orphaned, and when the program ends kills
///    everything left in the namespace and reports the program's wait status.
///  HP_ISOLATE_SUBREAPER: no namespaces (the host fallback); the child becomes a child
///    subreaper, runs the program in a process group of its own, and when it ends kills
///    the group and every orphan that was handed to it (a setsid() daemon included).
enum { HP_ISOLATE_NONE = 0, HP_ISOLATE_NAMESPACES = 1, HP_ISOLATE_SUBREAPER = 2 };

/// Records the supervisor writes on `status_fd`: two ints, a kind and a value.
enum { HP_STATUS_PROGRAM_PID = 1, HP_STATUS_WAIT_STATUS = 2 };

/// Where a spawn failed (the second int after errno on the error pipe).
enum { HP_STAGE_EXEC = 1, HP_STAGE_FDS = 2, HP_STAGE_GROUP = 3, HP_STAGE_LIMITS = 4,
       HP_STAGE_NAMESPACES = 5, HP_STAGE_LOOPBACK = 6, HP_STAGE_PROC = 7, HP_STAGE_FORK = 8 };

/// The resources a lesson program is limited in (Linux's RLIMIT_* numbers; Swift sees
/// glibc's as an enum type of its own).
enum { HP_RLIMIT_CPU = 0, HP_RLIMIT_FSIZE = 1, HP_RLIMIT_CORE = 4, HP_RLIMIT_NOFILE = 7, HP_RLIMIT_AS = 9 };

struct hp_limit {
    int resource;
    unsigned long long soft;
    unsigned long long hard;
};

struct hp_spawn_request {
    const char *path;          // the program, already looked up in PATH
    char *const *argv;
    char *const *envp;
    const int *fds;            // the child's descriptors 0..<fd_count
    int fd_count;              // at most 16
    int group;                 // HP_GROUP_*
    int tty_fd;                // for HP_GROUP_FOREGROUND
    const struct hp_limit *limits;
    int limit_count;
    int isolation;             // HP_ISOLATE_*
    int status_fd;             // write end for the supervisor's records, or -1
};

/// Starts the child. Returns 0 and its pid, or an errno value with `*stage` saying where.
/// Every descriptor of ours is closed in the child except the ones in `fds`.
int hp_spawn(const struct hp_spawn_request *request, pid_t *pid, int *stage);

/// pipe2(fds, O_CLOEXEC).
int hp_pipe_cloexec(int fds[2]);

/// Makes `fd` non-blocking (for the host's poll loop).
int hp_set_nonblocking(int fd);

/// Gives the terminal `fd` to process group `group`, even from a background group
/// (SIGTTOU is blocked meanwhile, as shells do). Returns tcsetpgrp's result.
int hp_give_terminal(int fd, pid_t group);

/// The live children's process groups, for the stop-signal handler (a fixed table of
/// atomics: the handler neither allocates nor locks).
void hp_children_add(pid_t group);
void hp_children_remove(pid_t group);
int hp_children_count(void);
/// SIGKILLs every registered child (a watch that starts over).
void hp_children_kill_all(void);

/// Installs the SIGINT/SIGTERM/SIGHUP/SIGQUIT handler: it SIGKILLs every registered group
/// and records the signal (`hp_stop_signal`). When no child is registered at that moment
/// (and no `hp_stop_defer` is in force) the process is idle, so the handler calls `on_idle`
/// (async-signal-safe, e.g. restoring the terminal; may be NULL), restores the default
/// action and re-raises: the process ends by that signal as if no handler were installed.
/// Idempotent; a NULL `on_idle` keeps the hook already installed.
void hp_install_stop_handler(void (*on_idle)(int));
/// hp_stop_defer(1) ... hp_stop_defer(0): meanwhile an idle stop signal is only recorded.
void hp_stop_defer(int on);
/// The last stop signal taken (0: none).
int hp_stop_signal(void);
void hp_clear_stop_signal(void);

/// The pids listed in /proc/PID/task/PID/children (at most `capacity`); -1 on error.
int hp_children_of(pid_t pid, pid_t *out, int capacity);

#ifdef __cplusplus
}
#endif
#endif
