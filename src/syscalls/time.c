/* Clocks and sleeping: struct timespec and timeval have one layout on both
 * 64-bit ABIs, so results go straight into guest memory. */
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "syscalls.h"

/* Raw host calls, not libc's: those go through the host's vDSO, which
 * would follow a bad pointer in emu instead of refusing it. */
SYSCALL_DEFINE(clock_gettime)
{
	PASS_BUF(ts, a[1], sizeof(struct timespec), PROT_WRITE);
	return RAW(SYS_clock_gettime, (clockid_t)a[0], ts);
}

SYSCALL_DEFINE(clock_getres)
{
	PASS_BUF(ts, a[1], sizeof(struct timespec), PROT_WRITE);
	return RAW(SYS_clock_getres, (clockid_t)a[0], ts);
}

SYSCALL_DEFINE(gettimeofday)
{
	PASS_BUF(tv, a[0], sizeof(struct timeval), PROT_WRITE);
	PASS_BUF(tz, a[1], sizeof(struct timezone), PROT_WRITE);
	return RAW(SYS_gettimeofday, tv, tz);
}

SYSCALL_DEFINE(time)
{
	PASS_BUF(now, a[0], sizeof(int64_t), PROT_WRITE);
	return RAW(SYS_time, now);
}

/* rem is written only when a signal cuts the sleep short, as the kernel
 * does: a bad one is EFAULT then, not before. */
static long sleep_for(struct task *t, clockid_t clock, int flags, uint64_t req_addr,
		      uint64_t rem_addr)
{
	PASS_BUF(req, req_addr, sizeof(struct timespec), PROT_READ);
	PASS_BUF(rem, rem_addr, sizeof(struct timespec), PROT_WRITE);
	return SAFE_SYSCALL(SYS_clock_nanosleep, clock, flags, (long)req, (long)rem);
}

SYSCALL_DEFINE(nanosleep)
{
	return sleep_for(t, CLOCK_REALTIME, 0, a[0], a[1]);
}

SYSCALL_DEFINE(clock_nanosleep)
{
	return sleep_for(t, a[0], a[1], a[2], a[3]);
}
