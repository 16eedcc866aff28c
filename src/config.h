/* The configuration main.c builds from the command line and hands on. */
#ifndef EMU_CONFIG_H
#define EMU_CONFIG_H

#include <stdbool.h>
#include <stdint.h>

#include "log/opts.h"
#include "trace/opts.h"

struct emu_config {
	const char *path;	/* the program to run */
	int execfd;		/* binfmt_misc's O flag: the program, opened (AT_EXECFD), or -1 */
	const char *argv0;	/* argv[0] for the guest (-0), default path */
	const char *execfn;	/* AT_EXECFN: the file exec'd (a script's, not its
				 * interpreter's), default path */
	char **argv;		/* guest argv[1..] */
	int argc;
	char **envp;		/* the guest's environment, NULL-terminated */
	const char *sysroot;	/* -L DIR / EMU_LD_PREFIX: guest absolute paths look here first */
	bool show_auxv, show_stack;
	bool vdso;		/* map the synthesized vDSO (--vdso=on, the default) */
	unsigned host_libs;	/* --host-lib: 1 << HL_* of src/hostcall/ */
	const char *cpu;	/* -cpu NAME / EMU_CPU, or NULL: the arch's default */
	struct trace_opts trace;	/* --strace, -c, -o, -s, -e, -T, -tt, -f */
	struct log_opts log;	/* -d, -D, -dfilter, --show-startup */
	const char *gdb;	/* -g PORT / EMU_GDB: wait for gdb there */
	bool aslr;
	bool have_seed;
	uint64_t seed;
	const char *self;	/* emu's own binary, for execve of another guest */
	int self_fd;		/* it, opened (O_PATH), or -1 without /proc */
	char **exec_opts;	/* the options a re-executed emu inherits, NULL-terminated */
};

#endif
