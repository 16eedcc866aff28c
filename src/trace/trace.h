/* strace-style tracing: one line per syscall in strace's own format, and the
 * calls that went through the vDSO in the same stream, marked <vdso>; the
 * signals delivered, the exits, the execve.  Only formatting lives here;
 * the dispatcher, the vDSO hook, the signal and task code call in. */
#ifndef EMU_TRACE_H
#define EMU_TRACE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "opts.h"

struct task;
struct guest_siginfo;

/* filter.c: -e EXPR (trace=, signal=, status=), -P PATH; 0, or -1 with a message */
int trace_parse_expr(struct trace_opts *t, const char *expr);
int trace_add_path(struct trace_opts *t, const char *path);
void trace_opts_free(struct trace_opts *t);
/* Whether a call of this name and class, a signal, is to be shown; a
 * call comes by the trap instruction, the vDSO or a host call. */
enum trace_via { TW_TRAP, TW_VDSO, TW_HOST };
bool trace_wanted(const struct trace_opts *t, const char *name, unsigned cls, enum trace_via via);
bool trace_signal_wanted(const struct trace_opts *t, int sig);

/* The state every emu of the run shares (a memfd: inherited >= 0 is the
 * one an earlier emu handed on); its descriptor, or -1. */
int trace_share(struct trace_opts *o, int inherited);
/* -c's counters, in the shared state. */
enum trace_count { TC_SYS_CALLS, TC_SYS_ERRORS, TC_SYS_NS, TC_VDSO_CALLS, TC_VDSO_NS,
		   TC_HOST_CALLS, TC_HOST_NS };
uint64_t *trace_counts(const struct trace_opts *o, enum trace_count which);
/* Whether this is the run's first emu (it prints -c's table). */
bool trace_first(const struct trace_opts *o);
/* n more (or fewer) tasks are traced: a thread or child started. */
void trace_attach(struct task *t, int n);
/* Whether this task's calls are traced (without -f, the first task only). */
bool trace_task(const struct task *t);

/* Snapshot the input arguments before a call (NULL: not traced); print the line after it. */
struct trace_call;
struct trace_call *trace_begin(struct task *t, const char *name, const uint8_t *kinds,
			       unsigned nargs, const uint64_t *a);
void trace_end(struct task *t, struct trace_call *c, uint8_t ret_kind, long ret,
	       const char *suffix, double seconds);
/* A call that does not return (exit_group): print it now, "= ?". */
void trace_noreturn(struct task *t, const char *name, const uint8_t *kinds,
		    unsigned nargs, const uint64_t *a);
/* --- SIGx {siginfo} --- as the signal is delivered */
void trace_signal(struct task *t, int sig, const struct guest_siginfo *info);
/* +++ exited with N +++ / +++ killed by SIGx +++; tasks: how many end with it */
void trace_exit(struct task *t, int status, int sig, int tasks);
/* execve(...) = 0 of the program emu starts */
void trace_execve(struct task *t, uint64_t execfn, uint64_t argv, uint64_t envp);

#endif
