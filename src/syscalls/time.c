/* Clocks and sleeping: struct timespec and timeval have one layout on both
 * 64-bit ABIs, so results go straight into guest memory. */
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>

#include "syscalls.h"

SYSCALL_DEFINE(clock_gettime)
{
	GUEST_OUT(ts, a[1], struct timespec);
	if (!ts)
		return -EFAULT;
	return host_ret(clock_gettime(a[0], ts));
}

SYSCALL_DEFINE(clock_getres)
{
	GUEST_OUT(ts, a[1], struct timespec);
	struct timespec res;
	if (clock_getres(a[0], &res) < 0)
		return -errno;
	if (ts)
		*ts = res;
	return 0;
}

SYSCALL_DEFINE(gettimeofday)
{
	GUEST_OUT(tv, a[0], struct timeval);
	GUEST_OUT(tz, a[1], struct timezone);
	struct timeval now;	/* glibc declares tv nonnull; the kernel does not */
	if (gettimeofday(&now, tz) < 0)
		return -errno;
	if (tv)
		*tv = now;
	return 0;
}

SYSCALL_DEFINE(time)
{
	GUEST_OUT(now_out, a[0], int64_t);
	int64_t now = time(NULL);
	if (now_out)
		*now_out = now;
	return now;
}

static long sleep_for(struct task *t, clockid_t clock, int flags, uint64_t req_addr,
		      uint64_t rem_addr)
{
	struct timespec req;
	if (guest_read(t->process->mm, req_addr, &req, sizeof(req)))
		return -EFAULT;
	GUEST_OUT(rem, rem_addr, struct timespec);
	return SAFE_SYSCALL(SYS_clock_nanosleep, clock, flags, (long)&req, (long)rem);
}

SYSCALL_DEFINE(nanosleep)
{
	return sleep_for(t, CLOCK_REALTIME, 0, a[0], a[1]);
}

SYSCALL_DEFINE(clock_nanosleep)
{
	return sleep_for(t, a[0], a[1], a[2], a[3]);
}
