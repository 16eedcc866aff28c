/* The gdb stub: `emu -g PORT` (or EMU_GDB, or -g unix:PATH) speaks gdb's
 * remote protocol.  The calls below are where the rest of emu tells the
 * stub what a task is doing; each is cheap, and none is made unless
 * process->gdb is set.  See docs/gdb.md. */
#ifndef EMU_GDB_H
#define EMU_GDB_H

#include <stdbool.h>
#include <stdint.h>

#include "../task/sched.h"

/* Wait for gdb on where ("1234", "host:1234", "unix:/path") with the first
 * task stopped before its first instruction; 0, or -1 with a message. */
int gdb_attach(struct task *t, const char *where);

/* The run loop, before the CPU runs: the task's breakpoints, watchpoints
 * and single-step brought up to date with what gdb asked for. */
void gdb_sync(struct task *t);
/* The run loop, after the CPU stopped: whether a breakpoint, step,
 * watchpoint or gdb's interrupt stopped it; if so gdb has been told and
 * has let the task go on. */
bool gdb_stop_event(struct task *t);
/* A signal about to be delivered: gdb sees it unless QPassSignals passes
 * it.  Returns the signal to deliver (0: none, as gdb's `signal 0`). */
int gdb_signal(struct task *t, int sig);
/* catch syscall: at the entry and the return of syscall nr. */
void gdb_syscall(struct task *t, uint64_t nr, bool entry);
/* The process has ended (p->exited / p->killed_by): gdb gets W or X. */
void gdb_exit(struct process *p);
/* The stub goes with its process: the server thread ends first. */
void gdb_free(struct process *p);
/* A forked child or an exec'd program is not debugged (as qemu-user):
 * the child drops the stub it inherited. */
void gdb_forget(struct process *p);

#endif
