/* The siginfo both 64-bit ABIs share: 128 bytes, the union at offset 16. */
#ifndef EMU_ARCH_SIGINFO_H
#define EMU_ARCH_SIGINFO_H

#include <signal.h>
#include <stdint.h>
#include <string.h>

#include "../task/sched.h"

struct kernel_siginfo64 {
	int32_t signo, errno_, code, pad;
	union {
		struct { int32_t pid, uid; } kill;
		uint64_t addr;
		uint8_t bytes[112];
	};
};
_Static_assert(sizeof(struct kernel_siginfo64) == 128, "siginfo is 128 bytes");

static inline void siginfo_fill(struct kernel_siginfo64 *si, int sig, const struct guest_siginfo *i)
{
	memset(si, 0, sizeof(*si));
	si->signo = sig;
	si->code = i->code;
	if (i->has_union)
		memcpy(si->bytes, i->union_bytes, sizeof(i->union_bytes));
	else if (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE || sig == SIGTRAP)
		si->addr = i->addr;
	else
		si->kill.pid = i->pid, si->kill.uid = i->uid;
}

#endif
