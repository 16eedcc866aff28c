/* What the command line asks the tracer for, in strace's options: part of
 * the configuration main.c builds (trace_option parses each, filter.c). */
#ifndef EMU_TRACE_OPTS_H
#define EMU_TRACE_OPTS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct trace_shared;

struct trace_opts {
	bool on;		/* --strace */
	bool summary;		/* -c (-C: with the trace too) */
	bool summary_too;	/* -C */
	const char *sortby;	/* -S: time, calls, errors, name, nothing */
	FILE *out;		/* -o FILE, default stderr */
	int out_fd;		/* its descriptor: one write a line */
	const char *out_name;	/* -o FILE: with -ff, FILE.TID a task */
	int strsize;		/* -s N, default 32 */
	bool timing;		/* -T */
	int stamps;		/* -t 1, -tt 2, -ttt 3 */
	bool relative;		/* -r */
	int follow;		/* -f 1, -ff 2 */
	int xflag;		/* -x 1, -xx 2 */
	int yflag;		/* -y 1, -yy 2 */
	int quiet;		/* -q 1, -qq 2: no +++ exited lines */
	bool verbose;		/* -v: execve's environment in full */
	/* -e trace=SET, -P PATH */
	bool filter;
	bool trace_set;		/* a trace= was given */
	unsigned classes;	/* SC_* classes asked for */
	bool negate;		/* trace=!SET */
	bool vdso_only;		/* trace=vdso */
	bool host_all;		/* trace=%host: every host call (--host-lib) */
	char **names;		/* names asked for, NULL-terminated */
	char **paths;		/* -P: calls on these paths only */
	uint64_t signals;	/* -e signal=SET: the --- SIG --- lines shown (bit n-1) */
	unsigned status;	/* -e status=SET, -z, -Z: which results (TS_*) */
	bool inherited;		/* this emu was started by a traced guest's execve */
	struct trace_shared *shared;	/* one stream, one table, for every emu of the run */
};

enum { TS_SUCCESSFUL = 1, TS_FAILED = 2, TS_UNFINISHED = 4, TS_ALL = 7 };

#endif
