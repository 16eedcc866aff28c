/* Host calls: a guest function whose body is a trap to the host, the idea
 * the vDSO proves applied to library functions.  One table (hostcalls.def)
 * gives each function's signature; from it emu reads the arguments by the
 * guest's calling convention, checks every pointer through the guest
 * memory API, calls the host's own function through libffi, and writes
 * the result, errno and the FP exception flags back (docs/hostcalls.md).
 * The vDSO's entries go through the same trap (hostcall_trap). */
#ifndef EMU_HOSTCALL_H
#define EMU_HOSTCALL_H

#include <stdbool.h>
#include <stdint.h>

struct task;
struct process;

/* What an argument or result is to the calling convention and to libffi. */
enum hc_type { HC_VOID, HC_I32, HC_U32, HC_I64, HC_F32, HC_F64, HC_PTR };

/* How many bytes behind a pointer the host may touch. */
enum hc_rule {
	SZ_FIXED,		/* .bytes */
	SZ_ARG,			/* argument .ref's value, times .bytes */
	SZ_STR,			/* a NUL-terminated string */
	SZ_STRN,		/* a string of at most argument .ref's value */
	SZ_STRCPY,		/* strlen(argument .ref) + 1: strcpy's destination */
	SZ_STRCAT,		/* a string, then strlen(argument .ref) more and the NUL */
	SZ_DEREF,		/* the size_t argument .ref points to */
	SZ_SCAN,		/* up to argument .ref's value, as far as it is read:
				 * the host searches the readable part, and faults
				 * past it only if it found nothing (memchr) */
};
enum { HC_IN = 1, HC_OUT = 2 };

struct hc_arg {
	uint8_t type;		/* enum hc_type */
	uint8_t rule, dir, ref;	/* pointers: enum hc_rule, HC_IN|HC_OUT */
	uint8_t fp;		/* an HC_OUT pointer to a double or float */
	uint16_t bytes;
};

/* The libraries --host-lib names; the vDSO's rows are always in. */
enum hc_lib { HL_VDSO, HL_LIBM, HL_LIBZ, HL_LIBC, HL_COUNT };

struct hostcall {
	const char *name;
	uint8_t lib;		/* enum hc_lib */
	uint8_t nargs;
	uint8_t edom_nan;	/* a domain error's NaN is the positive one (hostcalls.def) */
	uint8_t bits;		/* a bit operation: NaN payloads go through */
	struct hc_arg ret;
	struct hc_arg args[8];
	void (*fn)(void);	/* the host's function, called through libffi, or */
	long (*emu)(struct task *t, const uint64_t *a);	/* emu's own, on the integer registers */
	/* how the tracer shows them (enum arg_kind of syscalls.h) */
	uint8_t kinds[6], ret_kind;
};

/* The library rows (hostcalls.def) and the vDSO's (vdso/funcs.c). */
extern const struct hostcall hostcall_table[];
extern const unsigned hostcall_count;

/* "libm", "libz", "libc", "vdso" */
const char *hostcall_lib_name(unsigned lib);
/* --host-lib=LIST / EMU_HOST_LIBS: a mask of 1 << HL_*, or -1 with a
 * message naming what is not known. */
int hostcall_parse_libs(const char *list);

/* Before the guest runs: the call interfaces and the stub page, mapped
 * into p's first task t and hooked; 0 or -1 with a message. */
int hostcall_setup(struct task *t, unsigned libs);
/* The process is gone: what its host calls kept. */
void hostcall_free(struct process *p);
/* A new task's CPU: the stub page's hook. */
int hostcall_hook_task(struct task *t);
/* The dynamic linker mapped fd at addr from offset off, len bytes,
 * privately: a library of a --host-lib family gets its functions' dynamic
 * symbols pointed at the stubs, and libc tells where errno lives. */
void hostcall_mapped(struct task *t, int fd, uint64_t addr, uint64_t len, uint64_t off);

/* A trap on h: the arguments from the registers, the call, the result.
 * Returns false when the CPU was stopped (a bad pointer: SIGSEGV). */
bool hostcall_trap(struct task *t, const struct hostcall *h);

#endif
