/* Processes: created at start, copied by fork, replaced by execve, ended. */
#ifndef EMU_PROCESS_H
#define EMU_PROCESS_H

#include "sched.h"

/* A process with an empty mm (mm_init is the caller's) and no task yet. */
struct process *process_new(const struct emu_config *cfg, const struct arch *arch);
/* Free it with its tasks, once none of them runs. */
void process_free(struct process *p);

/* Next value of the address randomiser (0 when ASLR is off; limit 0 gives
 * the raw value, for AT_RANDOM). */
uint64_t process_random(struct process *p, uint64_t limit);

/* clone without CLONE_VM, or vfork: a fork of emu whose child goes on in
 * t and ends with exit_signal to its parent.  With CLONE_VFORK the parent
 * waits for the child's exec or exit; with CLONE_PIDFD the parent gets a
 * pidfd of the child at pidfd; the namespace flags put the child in new
 * namespaces (it unshares them; CLONE_NEWTIME's takes effect at its exec).
 * Returns the child's pid (0 in the child) or -errno. */
long process_fork(struct task *t, uint64_t flags, int exit_signal, uint64_t stack, uint64_t ptid,
		  uint64_t ctid, uint64_t pidfd);
/* A child made with another exit signal than SIGCHLD (by pid, or by its
 * pidfd when pid is 0), or NULL; forget it once it is reaped. */
struct odd_child *process_odd_child(struct process *p, pid_t pid, int pidfd);
void process_odd_child_reaped(struct odd_child *c);
/* execve of emu (through its own file, cfg->self_fd) with argv, or of
 * file itself when not NULL, keeping what Linux keeps across exec: pid,
 * open files, the signal mask, ignored signals.  Returns -errno when the
 * host execve fails. */
long process_exec(struct task *t, const char *file, char **argv, char **envp);

/* exit_group(status), or a fatal signal sig: the process ends, its tasks'
 * run loops return, and t is the one to finish it (process_end).  False
 * when another task is ending it already. */
bool process_group_exit(struct task *t, int status, int sig);
/* The end of the process, from the task that ends it (p->exited or
 * p->killed_by set): the trace's last lines, then emu's exit status; a
 * fatal signal kills emu with the same signal. */
int process_end(struct task *t);
/* After the run loop of a task other than the first: its exit(), which
 * ends the process if it was the last, or the end of the process. */
void process_task_done(struct task *t);
/* After the run loop of the first task: wait for the others if it left by
 * exit(); emu's exit status, or no return while other tasks run. */
int process_wait_tasks(struct task *t);

#endif
