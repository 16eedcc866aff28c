/* Waiting on many descriptors: eventfd, epoll, select.  The waits go
 * through wait_guarded() (syscalls/signal.c), so a signal is never lost between the
 * look at the pending set and the host wait. */
#include <fcntl.h>
#include <sys/syscall.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/select.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "procfs.h"
#include "syscalls.h"

SYSCALL_DEFINE(eventfd2)
{
	return host_ret(eventfd(a[0], a[1]));
}

SYSCALL_DEFINE(eventfd)
{
	return host_ret(eventfd(a[0], 0));
}

SYSCALL_DEFINE(epoll_create1)
{
	return host_ret(epoll_create1(a[0]));
}

SYSCALL_DEFINE(epoll_create)
{
	return (int)a[0] <= 0 ? -EINVAL : host_ret(epoll_create1(0));
}

/* struct epoll_event is packed on x86-64 (12 bytes) and not on riscv64
 * (16, data at offset 8): the arch says which. */
static uint8_t *event_data(const struct task *t, uint8_t *ev)
{
	return ev + t->process->arch->epoll_event_size - 8;
}

SYSCALL_DEFINE(epoll_ctl)
{
	struct epoll_event ev = { 0 };
	if (a[1] != EPOLL_CTL_DEL || a[3]) {
		GUEST_BUF(in, a[3], t->process->arch->epoll_event_size, PROT_READ);
		memcpy(&ev.events, in, 4);
		memcpy(&ev.data.u64, event_data(t, in), 8);
	}
	return host_ret(epoll_ctl(a[0], a[1], a[2], &ev));
}

struct epoll_args { int epfd, max, timeout; struct epoll_event *ev; };

static long host_epoll(void *arg, const sigset_t *mask)
{
	struct epoll_args *e = arg;
	return host_ret(epoll_pwait(e->epfd, e->ev, e->max, e->timeout, mask));
}

static long epoll_wait_guest(struct task *t, const uint64_t a[6], uint64_t mask_addr,
			     uint64_t mask_size)
{
	struct epoll_args e = { a[0], a[2], a[3], NULL };
	size_t size = t->process->arch->epoll_event_size;
	/* the kernel's order (6.18): epoll_pwait's sigset size, the
	 * descriptor, the count */
	if (mask_addr && mask_size != 8)
		return -EINVAL;
	if (fcntl(e.epfd, F_GETFD) < 0)
		return -errno;
	if (e.max <= 0 || e.max > 65536)
		return -EINVAL;
	GUEST_BUF(out, a[1], (size_t)e.max * size, PROT_WRITE);
	/* on the stack for what event loops ask (Go's netpoller: 128): no
	 * allocation per wait, and none left behind by a thread still
	 * waiting when its process exits */
	struct epoll_event small[256];
	e.ev = e.max <= 256 ? small : calloc(e.max, sizeof(*e.ev));
	if (!e.ev)
		return -ENOMEM;
	long r = wait_guarded(t, mask_addr, mask_size, host_epoll, &e);
	for (long i = 0; i < r; i++) {
		uint8_t *o = (uint8_t *)out + i * size;
		memset(o, 0, size);
		memcpy(o, &e.ev[i].events, 4);
		memcpy(event_data(t, o), &e.ev[i].data.u64, 8);
	}
	if (e.ev != small)
		free(e.ev);
	return r;
}

SYSCALL_DEFINE(epoll_wait)
{
	return epoll_wait_guest(t, a, 0, 0);
}

SYSCALL_DEFINE(epoll_pwait)
{
	return epoll_wait_guest(t, a, a[4], a[5]);
}

struct select_args { int n; fd_set *sets[3]; struct timespec *tmo; };

static long host_select(void *arg, const sigset_t *mask)
{
	struct select_args *s = arg;
	return host_ret(pselect(s->n, s->sets[0], s->sets[1], s->sets[2], s->tmo, mask));
}

static int64_t mono_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* fd_set is 1024 bits on both; the timeout is a timespec (pselect6) or a
 * timeval (select).  As Linux does, the time left is written back (and a
 * timeout in read-only memory is no error). */
static long select_guest(struct task *t, const uint64_t a[6], bool timeval,
			 uint64_t mask_addr, uint64_t mask_size)
{
	struct select_args s = { (int)a[0], { NULL }, NULL };
	struct timespec ts;
	int64_t end = 0;
	/* kern_select's order: the timeout, the count, the sets */
	if (a[4]) {
		struct timeval tv;
		if (timeval ? guest_read(t->process->mm, a[4], &tv, sizeof(tv)) : guest_read(t->process->mm, a[4], &ts, sizeof(ts)))
			return -EFAULT;
		if (timeval)	/* as Linux: whole seconds of tv_usec carried over */
			ts = (struct timespec){ tv.tv_sec + tv.tv_usec / 1000000,
						(tv.tv_usec % 1000000) * 1000 };
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
			return -EINVAL;
		s.tmo = &ts;
		/* a timeout past the year 2262 is forever */
		end = ts.tv_sec >= (INT64_MAX - mono_ns()) / 1000000000LL - 1 ? INT64_MAX
		      : mono_ns() + ts.tv_sec * 1000000000LL + ts.tv_nsec;
	}
	if (s.n < 0)
		return -EINVAL;
	if (s.n > FD_SETSIZE)	/* the kernel's clamp to its table; the sets are 1024 bits */
		s.n = FD_SETSIZE;
	/* as core_sys_select: the sets copied in, waited on, copied out */
	fd_set sets[3];
	for (int i = 0; i < 3; i++) {
		if (a[1 + i] && guest_read(t->process->mm, a[1 + i], &sets[i], sizeof(fd_set)))
			return -EFAULT;
		s.sets[i] = a[1 + i] ? &sets[i] : NULL;
	}
	long r = wait_guarded(t, mask_addr, mask_size, host_select, &s);
	for (int i = 0; i < 3 && r >= 0; i++)
		if (a[1 + i] && guest_write(t->process->mm, a[1 + i], &sets[i], sizeof(fd_set)))
			r = -EFAULT;
	if (a[4]) {
		int64_t left = end - mono_ns();
		struct timespec rest = { 0, 0 };
		if (left > 0)
			rest = (struct timespec){ left / 1000000000, left % 1000000000 };
		struct timeval tv = { rest.tv_sec, rest.tv_nsec / 1000 };
		if (timeval)
			guest_write(t->process->mm, a[4], &tv, sizeof(tv));
		else
			guest_write(t->process->mm, a[4], &rest, sizeof(rest));
	}
	return r;
}

SYSCALL_DEFINE(select)
{
	return select_guest(t, a, true, 0, 0);
}

SYSCALL_DEFINE(pselect6)
{
	/* the sixth argument: { const sigset_t *ss; size_t ss_len; } */
	uint64_t sig[2] = { 0, 0 };
	if (a[5] && guest_read(t->process->mm, a[5], sig, sizeof(sig)))
		return -EFAULT;
	return select_guest(t, a, false, sig[0], sig[1]);
}

/* inotify: the host's on the host's view of the guest's paths; the events
 * read from the descriptor have one layout everywhere */
SYSCALL_DEFINE(inotify_init1) { return host_ret(inotify_init1(a[0])); }
SYSCALL_DEFINE(inotify_init)  { return host_ret(inotify_init()); }

SYSCALL_DEFINE(inotify_add_watch)
{
	PASS_STR(path, a[1]);
	return RAW(SYS_inotify_add_watch, (int)a[0], host_path(t, path), (uint32_t)a[2]);
}

SYSCALL_DEFINE(inotify_rm_watch) { return host_ret(inotify_rm_watch(a[0], a[1])); }

/* epoll_pwait2: epoll_pwait with a timespec, here rounded up to the
 * millisecond epoll_pwait takes (NULL: no timeout) */
SYSCALL_DEFINE(epoll_pwait2)
{
	int64_t ms = -1;
	if (a[3]) {
		struct timespec ts;
		if (guest_read(t->process->mm, a[3], &ts, sizeof(ts)))
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
			return -EINVAL;
		ms = ts.tv_sec >= INT32_MAX / 1000 ? INT32_MAX
		     : ts.tv_sec * 1000 + (ts.tv_nsec + 999999) / 1000000;
		if (ms > INT32_MAX)
			ms = INT32_MAX;
	}
	uint64_t b[6] = { a[0], a[1], a[2], (uint64_t)ms, a[4], a[5] };
	return epoll_wait_guest(t, b, a[4], a[5]);
}
