/* Sockets.  Socket addresses, struct msghdr and control messages have one
 * layout on both 64-bit ABIs, and so does every socket option emu passes
 * on. */
#include <stddef.h>
#include <stdlib.h>
#include <time.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>

#include "syscalls.h"

#define MSG_CMSG_COMPAT_ 0x80000000	/* the kernel's, for 32-bit callers */

SYSCALL_DEFINE(socket)
{
	return host_ret(socket(a[0], a[1], a[2]));
}

SYSCALL_DEFINE(connect)
{
	PASS_BUF(sa, a[1], a[2], PROT_READ);
	return SAFE_SYSCALL(SYS_connect, a[0], (long)sa, a[2]);
}

SYSCALL_DEFINE(socketpair)
{
	PASS_BUF(sv, a[3], 2 * sizeof(int), PROT_WRITE);
	return RAW(SYS_socketpair, (int)a[0], (int)a[1], (int)a[2], sv);
}

SYSCALL_DEFINE(bind)
{
	PASS_BUF(sa, a[1], a[2], PROT_READ);
	return RAW(SYS_bind, (int)a[0], sa, (socklen_t)a[2]);
}

SYSCALL_DEFINE(listen)
{
	return host_ret(listen(a[0], a[1]));
}

SYSCALL_DEFINE(shutdown)
{
	return host_ret(shutdown(a[0], a[1]));
}

/* A value the kernel fills in, as long as *len says (an address for
 * accept and the like, an option for getsockopt).  The length goes through
 * emu's own copy, so that another guest thread cannot grow it between the
 * check of the buffer and the kernel's write; a bad length pointer is the
 * kernel's to refuse, in its order (mm.h: guest_pass). */
struct sockout {
	socklen_t len, *guest_len;
	void *buf, *lenp;
};

static void sockout_in(struct task *t, struct sockout *o, uint64_t buf_addr, uint64_t len_addr)
{
	struct mm *mm = t->process->mm;
	o->guest_len = len_addr ? guest_ptr(mm, len_addr, sizeof(socklen_t), PROT_READ | PROT_WRITE) : NULL;
	o->len = o->guest_len ? *o->guest_len : 0;
	o->lenp = o->guest_len ? &o->len : guest_pass(mm, len_addr, sizeof(socklen_t), PROT_WRITE);
	o->buf = guest_pass(mm, buf_addr, o->len, PROT_WRITE);
}

static long sockout_done(struct sockout *o, long r)
{
	if (r >= 0 && o->guest_len)
		*o->guest_len = o->len;
	return r;
}

SYSCALL_DEFINE(accept4)
{
	struct sockout o;
	sockout_in(t, &o, a[1], a[2]);
	return sockout_done(&o, SAFE_SYSCALL(SYS_accept4, a[0], (long)o.buf, (long)o.lenp, a[3]));
}

SYSCALL_DEFINE(accept)
{
	struct sockout o;
	sockout_in(t, &o, a[1], a[2]);
	return sockout_done(&o, SAFE_SYSCALL(SYS_accept4, a[0], (long)o.buf, (long)o.lenp, 0));
}

SYSCALL_DEFINE(getsockname)
{
	struct sockout o;
	sockout_in(t, &o, a[1], a[2]);
	return sockout_done(&o, RAW(SYS_getsockname, (int)a[0], o.buf, o.lenp));
}

SYSCALL_DEFINE(getpeername)
{
	struct sockout o;
	sockout_in(t, &o, a[1], a[2]);
	return sockout_done(&o, RAW(SYS_getpeername, (int)a[0], o.buf, o.lenp));
}

SYSCALL_DEFINE(sendto)
{
	PASS_BUF(buf, a[1], a[2], PROT_READ);
	PASS_BUF(sa, a[4], a[5], PROT_READ);
	return SAFE_SYSCALL(SYS_sendto, a[0], (long)buf, a[2], a[3], (long)sa, a[5]);
}

SYSCALL_DEFINE(recvfrom)
{
	PASS_BUF(buf, a[1], a[2], PROT_WRITE);
	struct sockout o;
	sockout_in(t, &o, a[4], a[5]);
	return sockout_done(&o, SAFE_SYSCALL(SYS_recvfrom, a[0], (long)buf, a[2], a[3], (long)o.buf,
					     (long)o.lenp));
}

/* Options are plain values (ints, struct linger, struct timeval) of one
 * layout on both 64-bit ABIs. */
SYSCALL_DEFINE(setsockopt)
{
	PASS_BUF(val, a[3], a[4], PROT_READ);
	return RAW(SYS_setsockopt, (int)a[0], (int)a[1], (int)a[2], val, (socklen_t)a[4]);
}

SYSCALL_DEFINE(getsockopt)
{
	struct sockout o;
	sockout_in(t, &o, a[3], a[4]);
	return sockout_done(&o, RAW(SYS_getsockopt, (int)a[0], (int)a[1], (int)a[2], o.buf, o.lenp));
}

/* struct msghdr has one layout on both 64-bit ABIs, but its pointers are
 * the guest's: name, iov and control become host pointers for the call,
 * and what the kernel sets (lengths, flags) is written back for recvmsg.
 * Descriptors in SCM_RIGHTS are the guest's own: emu keeps fds 1:1. */
/* What the kernel refuses before it reads a message: a 32-bit caller's
 * flag, then what the descriptor is (EBADF, ENOTSOCK). */
static long msg_first(int fd, unsigned flags)
{
	if (flags & MSG_CMSG_COMPAT_)
		return -EINVAL;
	int type;
	socklen_t len = sizeof(type);
	return getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) < 0 ? -errno : 0;
}

static long msg_call(struct task *t, const uint64_t a[6], long nr, int prot)
{
	struct msghdr m, h;
	long first = msg_first(a[0], a[2]);
	if (first)
		return first;
	if (guest_read(t->process->mm, a[1], &m, sizeof(m)))
		return -EFAULT;
	h = m;
	uint64_t name = (uint64_t)m.msg_name, control = (uint64_t)m.msg_control;
	h.msg_name = name ? guest_ptr(t->process->mm, name, m.msg_namelen, prot) : NULL;
	h.msg_control = control ? guest_ptr(t->process->mm, control, m.msg_controllen, prot) : NULL;
	if ((name && !h.msg_name) || (control && !h.msg_control))
		return -EFAULT;
	long r = iov_in(t, (uint64_t)m.msg_iov, m.msg_iovlen, prot, &h.msg_iov);
	if (r)
		return r;
	r = SAFE_SYSCALL(nr, a[0], (long)&h, a[2]);
	free(h.msg_iov);
	if (r >= 0 && prot == PROT_WRITE) {
		m.msg_namelen = h.msg_namelen;
		m.msg_controllen = h.msg_controllen;
		m.msg_flags = h.msg_flags;
		if (guest_write(t->process->mm, a[1], &m, sizeof(m)))
			return -EFAULT;
	}
	return r;
}

SYSCALL_DEFINE(sendmsg)
{
	return msg_call(t, a, SYS_sendmsg, PROT_READ);
}

SYSCALL_DEFINE(recvmsg)
{
	return msg_call(t, a, SYS_recvmsg, PROT_WRITE);
}

/* sendmmsg and recvmmsg: a message at a time, as the kernel's own loop
 * does (___sys_sendmsg per entry), each entry's msg_len written back.
 * An error after some messages ends the batch with their count; on the
 * first it is the result.  recvmmsg's MSG_WAITFORONE makes every receive
 * after the first non-blocking; its timeout is checked between messages,
 * as Linux checks it. */
static long mmsg(struct task *t, const uint64_t a[6], long nr, int prot)
{
	const size_t size = sizeof(struct mmsghdr);
	unsigned vlen = a[2] > 1024 ? 1024 : a[2];	/* UIO_MAXIOV */
	int flags = a[3];
	struct timespec until = { 0, 0 }, now;
	if (flags & MSG_CMSG_COMPAT_)
		return -EINVAL;
	if (a[4]) {	/* recvmmsg's timeout */
		struct timespec ts;
		if (guest_read(t->process->mm, a[4], &ts, sizeof(ts)))
			return -EFAULT;
		clock_gettime(CLOCK_MONOTONIC, &until);
		until.tv_sec += ts.tv_sec + (until.tv_nsec + ts.tv_nsec) / 1000000000;
		until.tv_nsec = (until.tv_nsec + ts.tv_nsec) % 1000000000;
	}
	long r = msg_first(a[0], flags);
	if (r)
		return r;
	unsigned done = 0;
	for (; done < vlen; done++) {
		int f = flags & ~MSG_WAITFORONE;
		if (done && (flags & MSG_WAITFORONE))
			f |= MSG_DONTWAIT;
		uint64_t one[6] = { a[0], a[1] + done * size, (uint64_t)f };
		r = msg_call(t, one, nr, prot);
		if (r < 0)
			break;
		unsigned len = r;
		if (guest_write(t->process->mm, a[1] + done * size + offsetof(struct mmsghdr, msg_len), &len, 4))
			return done ? (long)done : -EFAULT;
		if (a[4] && (clock_gettime(CLOCK_MONOTONIC, &now), now.tv_sec > until.tv_sec ||
			     (now.tv_sec == until.tv_sec && now.tv_nsec >= until.tv_nsec))) {
			done++;
			break;
		}
	}
	return done ? (long)done : r;
}

SYSCALL_DEFINE(sendmmsg)
{
	uint64_t b[6] = { a[0], a[1], a[2], a[3], 0 };
	return mmsg(t, b, SYS_sendmsg, PROT_READ);
}

SYSCALL_DEFINE(recvmmsg)
{
	return mmsg(t, a, SYS_recvmsg, PROT_WRITE);
}
