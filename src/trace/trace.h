/* strace-style tracing: one line per syscall in strace's own format, and the
 * calls that went through the vDSO in the same stream, marked <vdso>.  Only
 * formatting lives here; the dispatcher and the vDSO hook call in. */
#ifndef EMU_TRACE_H
#define EMU_TRACE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "opts.h"

struct task;
struct syscall_desc;
struct vdso_func;

/* Parse -e EXPR (trace=SET); 0, or -1 with a message. */
int trace_parse_expr(struct trace_opts *t, const char *expr);
void trace_opts_free(struct trace_opts *t);

/* Whether a call of this name and class is to be shown. */
bool trace_wanted(const struct trace_opts *t, const char *name, unsigned cls, bool vdso);

/* Snapshot the input arguments before a call; print the line after it. */
struct trace_call;
struct trace_call *trace_begin(struct task *t, const char *name, const uint8_t *kinds,
			       unsigned nargs, const uint64_t *a);
void trace_end(struct task *t, struct trace_call *c, uint8_t ret_kind, long ret,
	       const char *suffix, double seconds);
/* A call that does not return (exit_group): print it now, "= ?". */
void trace_noreturn(struct task *t, const char *name, const uint8_t *kinds,
		    unsigned nargs, const uint64_t *a);
/* +++ exited with N +++ / +++ killed by SIG +++ */
void trace_exit(struct task *t, int status, int sig);

#endif
