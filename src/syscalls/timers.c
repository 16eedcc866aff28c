/* POSIX timers and timerfds (kernel/time/posix-timers.c, fs/timerfd.c):
 * the host's.  struct sigevent and struct itimerspec have one layout on
 * both 64-bit ABIs, a guest tid is a host tid (SIGEV_THREAD_ID), and the
 * expiry signal reaches the guest as every host signal does, with the
 * host's si_timerid, si_overrun and si_value. */
#include <signal.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/timex.h>
#include <time.h>
#include <unistd.h>

#include "syscalls.h"

SYSCALL_DEFINE(timer_create)
{
	PASS_BUF(sev, a[1], sizeof(struct sigevent), PROT_READ);	/* NULL: SIGALRM */
	PASS_BUF(id, a[2], sizeof(int), PROT_WRITE);
	return RAW(SYS_timer_create, a[0], sev, id);
}

/* timer_ and timerfd_settime/gettime: (id or fd, flags, new, old) and
 * (id or fd, current), struct itimerspec both */
static long settime(struct task *t, long nr, const uint64_t *a)
{
	PASS_BUF(value, a[2], sizeof(struct itimerspec), PROT_READ);
	PASS_BUF(old, a[3], sizeof(struct itimerspec), PROT_WRITE);
	return RAW(nr, a[0], a[1], value, old);
}

static long gettime(struct task *t, long nr, const uint64_t *a)
{
	PASS_BUF(cur, a[1], sizeof(struct itimerspec), PROT_WRITE);
	return RAW(nr, a[0], cur);
}

SYSCALL_DEFINE(timer_settime) { return settime(t, SYS_timer_settime, a); }
SYSCALL_DEFINE(timer_gettime) { return gettime(t, SYS_timer_gettime, a); }

SYSCALL_DEFINE(timer_getoverrun) { return RAW(SYS_timer_getoverrun, a[0]); }
SYSCALL_DEFINE(timer_delete)     { return RAW(SYS_timer_delete, a[0]); }

SYSCALL_DEFINE(timerfd_create) { return RAW(SYS_timerfd_create, a[0], a[1]); }

SYSCALL_DEFINE(timerfd_settime) { return settime(t, SYS_timerfd_settime, a); }
SYSCALL_DEFINE(timerfd_gettime) { return gettime(t, SYS_timerfd_gettime, a); }

/* The clock's setters and tuning: the host's, which the guest's
 * privileges (the user's) decide, as natively.  struct timex has one
 * layout on both 64-bit ABIs. */
SYSCALL_DEFINE(adjtimex)
{
	PASS_BUF(tx, a[0], sizeof(struct timex), PROT_READ | PROT_WRITE);
	return RAW(SYS_adjtimex, tx);
}

SYSCALL_DEFINE(clock_adjtime)
{
	PASS_BUF(tx, a[1], sizeof(struct timex), PROT_READ | PROT_WRITE);
	return RAW(SYS_clock_adjtime, a[0], tx);
}

SYSCALL_DEFINE(clock_settime)
{
	PASS_BUF(ts, a[1], sizeof(struct timespec), PROT_READ);
	return RAW(SYS_clock_settime, a[0], ts);
}

SYSCALL_DEFINE(settimeofday)
{
	PASS_BUF(tv, a[0], sizeof(struct timeval), PROT_READ);
	PASS_BUF(tz, a[1], sizeof(struct timezone), PROT_READ);
	return RAW(SYS_settimeofday, tv, tz);
}
