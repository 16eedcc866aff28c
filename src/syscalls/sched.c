/* Scheduling and process attributes (kernel/sched/syscalls.c, kernel/sys.c):
 * a guest thread is a host thread and its tid the host's, so each call is
 * the host's on the same ids, with its structs (one layout on both arches). */
#include <sched.h>
#include <sys/personality.h>
#include <sys/syscall.h>
#include <sys/times.h>
#include <unistd.h>

#include "syscalls.h"

/* the kernel's getpriority returns 20 - nice; the guest's libc converts */
SYSCALL_DEFINE(getpriority) { return RAW(SYS_getpriority, a[0], a[1]); }
SYSCALL_DEFINE(setpriority) { return RAW(SYS_setpriority, a[0], a[1], a[2]); }

SYSCALL_DEFINE(sched_setaffinity)
{
	PASS_BUF(mask, a[2], a[1], PROT_READ);
	return RAW(SYS_sched_setaffinity, a[0], a[1], mask);
}

SYSCALL_DEFINE(sched_getparam)
{
	PASS_BUF(param, a[1], sizeof(struct sched_param), PROT_WRITE);
	return RAW(SYS_sched_getparam, a[0], param);
}

SYSCALL_DEFINE(sched_setparam)
{
	PASS_BUF(param, a[1], sizeof(struct sched_param), PROT_READ);
	return RAW(SYS_sched_setparam, a[0], param);
}

SYSCALL_DEFINE(sched_getscheduler) { return RAW(SYS_sched_getscheduler, a[0]); }

SYSCALL_DEFINE(sched_setscheduler)
{
	PASS_BUF(param, a[2], sizeof(struct sched_param), PROT_READ);
	return RAW(SYS_sched_setscheduler, a[0], a[1], param);
}

SYSCALL_DEFINE(sched_get_priority_max) { return RAW(SYS_sched_get_priority_max, a[0]); }
SYSCALL_DEFINE(sched_get_priority_min) { return RAW(SYS_sched_get_priority_min, a[0]); }

SYSCALL_DEFINE(sched_rr_get_interval)
{
	PASS_BUF(ts, a[1], sizeof(struct timespec), PROT_WRITE);
	return RAW(SYS_sched_rr_get_interval, a[0], ts);
}

SYSCALL_DEFINE(times)
{
	PASS_BUF(buf, a[0], sizeof(struct tms), PROT_WRITE);
	return RAW(SYS_times, buf);
}

/* The persona is the host process's: kept across exec as Linux keeps it.
 * emu lays out the guest itself, so ADDR_NO_RANDOMIZE is reported but
 * does not turn off emu's randomisation (--no-aslr does). */
SYSCALL_DEFINE(personality) { return RAW(SYS_personality, a[0]); }
