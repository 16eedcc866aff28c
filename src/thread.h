/* Guest threads: one host thread and one Unicorn engine each, over the one
 * guest memory.  Memory-map changes stop the world first (see thread.c). */
#ifndef EMU_THREAD_H
#define EMU_THREAD_H

#include <signal.h>

#include "guest.h"

/* emu's own signal: interrupts a thread's blocking host call so that it
 * notices a guest signal.  Not forwarded to guests. */
#define KICK_SIGNAL SIGRTMAX

/* The guest thread running on this host thread. */
struct guest *thread_self(void);
void thread_set_self(struct guest *g);

int proc_init(struct guest *main_thread);
void proc_destroy(struct proc *p);

/* Around guest code: a thread leaves before a syscall, which may block or
 * change the memory map, and enters again after, waiting out a world-stop
 * and flushing what a memory-map change made stale.  Cheap when there is
 * one thread. */
void thread_enter(struct guest *g);
void thread_leave(struct guest *g);

/* Stop every other thread's guest code, for a memory-map change or a code
 * flush; then world_resume() bumps the generations the others check. */
void world_stop(struct guest *g);
void world_resume(struct guest *g, enum mm_stale stale);

/* clone with CLONE_VM|CLONE_THREAD: returns the new thread's tid or -errno. */
long thread_clone(struct guest *g, uint64_t flags, uint64_t stack, uint64_t ptid,
		  uint64_t ctid, uint64_t tls);
/* The thread that a process-directed signal goes to, and its tid lookup. */
struct guest *thread_for_signal(struct proc *p, int sig);
struct guest *thread_by_tid(struct proc *p, pid_t tid);
/* A host syscall for the guest that returns -EINTR, never blocks, once the
 * thread has been kicked (src/safe_syscall.S): *interrupted is set by
 * thread_kick() and cleared by the run loop before it looks at signals. */
long safe_syscall(const volatile int *interrupted, long nr, long a1, long a2, long a3,
		  long a4, long a5, long a6);
/* In a host signal handler on the thread: a kick that came between the
 * flag test and the syscall instruction makes the call return -EINTR. */
void safe_syscall_rewind(void *uctx);
/* Make a thread notice a signal: stop its CPU, interrupt its host call. */
void thread_kick(struct guest *from, struct guest *t);
/* The end of a thread that called exit(): clear_child_tid, futex wake. */
void thread_finish(struct guest *g);
/* Keep an ended thread's struct until the process goes (signal handlers
 * may still be looking at it). */
void thread_retire(struct guest *g);

#endif
