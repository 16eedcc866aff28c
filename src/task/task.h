/* Tasks: one per guest thread, each on its own host thread with its own
 * Unicorn engine over the one guest memory. */
#ifndef EMU_TASK_H
#define EMU_TASK_H

#include <signal.h>

#include "sched.h"

/* emu's own signal: interrupts a task's blocking host call so that it
 * notices a guest signal.  Not forwarded to guests. */
#define KICK_SIGNAL SIGRTMAX

/* The first task of p, on this host thread, with its own sighand; it has
 * no CPU yet (the arch's cpu_init gives it one). */
struct task *task_first(struct process *p);
/* clone with CLONE_VM|CLONE_THREAD|CLONE_SIGHAND: a new task of t's
 * process, running p->task_main on a new host thread from where t returns
 * from clone.  Returns its tid or -errno. */
long task_clone(struct task *t, uint64_t flags, uint64_t stack, uint64_t ptid,
		uint64_t ctid, uint64_t tls);
/* The end of a task that called exit(): clear_child_tid and its futex
 * wake, out of the task list; the struct stays until the process goes
 * (signal handlers may still be looking at it). */
void task_exit(struct task *t);
void task_free(struct task *t);
/* Join the host threads of the tasks that have ended; with wait, also
 * those still on their way out.  A fork waits: the guest saw the thread
 * gone at its clear_child_tid, but its host thread may still hold a lock
 * (the allocator's) that the child would inherit held. */
void task_reap(struct process *p, bool wait);

/* The task that a process-directed signal goes to, and a tid's task. */
struct task *task_for_signal(struct process *p, int sig);
struct task *task_by_tid(struct process *p, pid_t tid);
/* Make a task notice a signal: stop its CPU, interrupt its host call. */
void task_kick(struct task *from, struct task *to);

/* A host syscall for the guest that returns -EINTR, never blocks, once the
 * task has been kicked (safe_syscall.S): *interrupted is set by
 * task_kick() and cleared by the run loop before it looks at signals. */
long safe_syscall(const volatile int *interrupted, long nr, long a1, long a2, long a3,
		  long a4, long a5, long a6);
/* In a host signal handler on the task: a kick that came between the
 * flag test and the syscall instruction makes the call return -EINTR. */
void safe_syscall_rewind(void *uctx);

#endif
