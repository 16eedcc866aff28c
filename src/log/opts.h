/* What the command line asks the logs for (-d ITEMS, -D FILE, -dfilter,
 * --show-startup): part of the configuration main.c builds. */
#ifndef EMU_LOG_OPTS_H
#define EMU_LOG_OPTS_H

#include <stdbool.h>
#include <stdint.h>

/* -d items, in qemu's names */
enum {
	LOG_IN_ASM = 1 << 0,	/* each block, disassembled, when first seen */
	LOG_EXEC = 1 << 1,	/* each block executed */
	LOG_CPU = 1 << 2,	/* the registers before each block */
	LOG_NOCHAIN = 1 << 3,	/* accepted: emu's block hook sees chained blocks */
	LOG_PAGE = 1 << 4,	/* the memory map, at start and at each change */
	LOG_STRACE = 1 << 5,	/* the syscall trace (--strace) */
};

/* -dfilter: guest addresses [lo, hi], inclusive as qemu's */
struct log_range {
	uint64_t lo, hi;
};

struct log_opts {
	unsigned items;
	int fd;			/* -D FILE (or --log-fd), else -1: stderr */
	struct log_range *ranges;	/* -dfilter, or none */
	unsigned nranges;
	bool startup;		/* --show-startup */
};

#endif
