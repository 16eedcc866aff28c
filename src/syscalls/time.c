/* Clocks and sleeping: struct timespec and timeval have one layout on both
 * 64-bit ABIs, so results go straight into guest memory. */
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "syscalls.h"

/* A good pointer: the host's own vDSO, fast (the guest's vDSO entries
 * come here too).  A bad one: the raw call, so that the host kernel
 * refuses it in its order and nothing in emu follows it. */
SYSCALL_DEFINE(clock_gettime)
{
	struct timespec *ts = guest_ptr(t->process->mm, a[1], sizeof(*ts), PROT_WRITE);
	if (ts)
		return host_ret(clock_gettime(a[0], ts));
	PASS_BUF(bad, a[1], sizeof(struct timespec), PROT_WRITE);
	return RAW(SYS_clock_gettime, (clockid_t)a[0], bad);
}

SYSCALL_DEFINE(clock_getres)
{
	struct timespec *ts = guest_ptr(t->process->mm, a[1], sizeof(*ts), PROT_WRITE);
	if (ts || !a[1])
		return host_ret(clock_getres(a[0], ts));
	PASS_BUF(bad, a[1], sizeof(struct timespec), PROT_WRITE);
	return RAW(SYS_clock_getres, (clockid_t)a[0], bad);
}

SYSCALL_DEFINE(gettimeofday)
{
	struct timeval *tv = guest_ptr(t->process->mm, a[0], sizeof(*tv), PROT_WRITE);
	struct timezone *tz = guest_ptr(t->process->mm, a[1], sizeof(*tz), PROT_WRITE);
	if ((tv || !a[0]) && (tz || !a[1])) {
		struct timeval now;	/* glibc declares tv nonnull; the kernel does not */
		if (gettimeofday(&now, tz) < 0)
			return -errno;
		if (tv)
			*tv = now;
		return 0;
	}
	PASS_BUF(btv, a[0], sizeof(struct timeval), PROT_WRITE);
	PASS_BUF(btz, a[1], sizeof(struct timezone), PROT_WRITE);
	return RAW(SYS_gettimeofday, btv, btz);
}

SYSCALL_DEFINE(time)
{
	int64_t *now = guest_ptr(t->process->mm, a[0], sizeof(*now), PROT_WRITE);
	if (now || !a[0]) {
		time_t v = time(NULL);
		if (now)
			*now = v;
		return v;
	}
	PASS_BUF(bad, a[0], sizeof(int64_t), PROT_WRITE);
	return RAW(SYS_time, bad);
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
