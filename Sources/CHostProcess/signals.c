// The stop-signal handler and the table of live children it kills; see chostprocess.h.
#define _GNU_SOURCE
#include "chostprocess.h"
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>

#define HP_TABLE_SIZE 128
/// >0: a process group; <0: a single process (a child in our own group).
static _Atomic int children[HP_TABLE_SIZE];
static volatile sig_atomic_t last_stop_signal;
static void (*_Atomic idle_hook)(int);
static atomic_flag installed = ATOMIC_FLAG_INIT;
/// >0 while the process must not be ended by a stop signal even when idle (it has
/// something to tidy up first, e.g. a lab coming up).
static _Atomic int defer_depth;

void hp_stop_defer(int on) { atomic_fetch_add(&defer_depth, on ? 1 : -1); }

void hp_children_add(pid_t group) {
    for (int i = 0; i < HP_TABLE_SIZE; i++) {
        int expected = 0;
        if (atomic_compare_exchange_strong(&children[i], &expected, (int)group)) return;
    }
}

void hp_children_remove(pid_t group) {
    for (int i = 0; i < HP_TABLE_SIZE; i++) {
        int expected = (int)group;
        if (atomic_compare_exchange_strong(&children[i], &expected, 0)) return;
    }
}

int hp_children_count(void) {
    int n = 0;
    for (int i = 0; i < HP_TABLE_SIZE; i++) if (atomic_load(&children[i]) != 0) n++;
    return n;
}

void hp_children_kill_all(void) {
    for (int i = 0; i < HP_TABLE_SIZE; i++) {
        int entry = atomic_load(&children[i]);
        if (entry != 0) kill(-entry, SIGKILL);
    }
}

static void on_stop_signal(int sig) {
    int saved = errno;
    int any = 0;
    for (int i = 0; i < HP_TABLE_SIZE; i++) {
        int entry = atomic_load(&children[i]);
        // kill(-group) for a group, kill(pid) for a single process stored as -pid.
        if (entry != 0) { kill(-entry, SIGKILL); any = 1; }
    }
    last_stop_signal = sig;
    if (!any && atomic_load(&defer_depth) == 0) {
        void (*hook)(int) = atomic_load(&idle_hook);
        if (hook) hook(sig);
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = SIG_DFL;
        sigaction(sig, &action, NULL);
        sigset_t just;
        sigemptyset(&just);
        sigaddset(&just, sig);
        pthread_sigmask(SIG_UNBLOCK, &just, NULL);
        raise(sig);
    }
    errno = saved;
}

void hp_install_stop_handler(void (*on_idle)(int)) {
    if (on_idle) atomic_store(&idle_hook, on_idle);
    if (atomic_flag_test_and_set(&installed)) return;
    int signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
    for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = on_stop_signal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        sigaction(signals[i], &action, NULL);
    }
}

int hp_stop_signal(void) { return last_stop_signal; }
void hp_clear_stop_signal(void) { last_stop_signal = 0; }
