/* What the command line asks the tracer for (--strace, -c, -o, -s, -e, -T,
 * -tt, -f): part of the configuration main.c builds. */
#ifndef EMU_TRACE_OPTS_H
#define EMU_TRACE_OPTS_H

#include <stdbool.h>
#include <stdio.h>

struct trace_opts {
	bool on;		/* --strace */
	bool summary;		/* -c */
	FILE *out;		/* -o FILE, default stderr */
	int strsize;		/* -s N, default 32 */
	bool timing;		/* -T */
	bool walltime;		/* -tt */
	bool follow;		/* -f: [pid N] once there is more than one */
	/* -e trace=SET */
	bool filter;
	unsigned classes;	/* SC_* classes asked for */
	bool vdso_only;		/* trace=vdso */
	char **names;		/* names asked for, NULL-terminated */
};

#endif
