/* Inside the host-call room: what its files share. */
#ifndef EMU_HOSTCALL_INT_H
#define EMU_HOSTCALL_INT_H

#include <ffi.h>
#include <pthread.h>

#include "../task/sched.h"
#include "hostcall.h"

/* One stub per row of hostcall_table, this many bytes apart: 64, so that
 * the stubs of neighbouring rows fall in different entries of the CPU's
 * jump cache (QEMU hashes a page's addresses by their bits 6-11). */
#define HC_SLOT 64

/* A process's host calls (p->hc). */
struct hostcall_state {
	unsigned libs;			/* 1 << HL_* */
	uint64_t stubs;			/* the [hostcalls] mapping: the stubs, */
	uint64_t strings, strings_used;	/* then a page of strings the guest reads */
	uint64_t errno_slot;		/* libc's GOT slot of errno's TP offset, or 0 */
	ffi_cif *cifs;			/* by row, for the libffi rows */
	ffi_type **atypes;		/* 6 a row */
	pthread_mutex_t lock;		/* the strings and zlib.c's streams */
	struct zshadow *streams;	/* zlib.c's */
};

/* trap.c */
bool hc_int_args(struct task *t, unsigned n, uint64_t *a);
void hc_fault(struct task *t, uint64_t addr);
int hc_prep(struct hostcall_state *s, const struct arch *a);
/* fenv.c: the host's FP environment for a libm call in the guest's
 * rounding mode, with the guest's flags (FE_*); and the exceptions it
 * raised that the guest has not */
void hc_fenv_enter(int round, int guest);
int hc_fenv_leave(int guest);
/* zstream.c: the streams the guest did not end */
void hc_streams_free(struct hostcall_state *s);
/* setup.c: a host string (zlib's messages) as the guest can read it, or 0 */
uint64_t hc_guest_string(struct task *t, const char *s);

#endif
