/* Calls whose structs strace decodes that python cannot make: sendmmsg and
 * recvmmsg, epoll_pwait2, preadv2/pwritev2 (the split offset, RWF_ flags),
 * for strace_options.py to trace natively and under emu. */
#define _GNU_SOURCE
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/epoll.h>
#include <sys/syscall.h>
#include <fcntl.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
int main(void) {
	int sv[2]; socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	struct iovec a = { "one", 3 }, b = { "two!", 4 };
	struct mmsghdr m[2]; memset(m, 0, sizeof(m));
	m[0].msg_hdr.msg_iov = &a; m[0].msg_hdr.msg_iovlen = 1;
	m[1].msg_hdr.msg_iov = &b; m[1].msg_hdr.msg_iovlen = 1;
	sendmmsg(sv[0], m, 2, 0);
	char x[8], y[8]; struct iovec c = { x, 8 }, d = { y, 8 };
	struct mmsghdr r[2]; memset(r, 0, sizeof(r));
	r[0].msg_hdr.msg_iov = &c; r[0].msg_hdr.msg_iovlen = 1;
	r[1].msg_hdr.msg_iov = &d; r[1].msg_hdr.msg_iovlen = 1;
	recvmmsg(sv[1], r, 2, MSG_DONTWAIT, NULL);
	int ep = epoll_create1(0); struct epoll_event ev = { EPOLLOUT, { .u64 = 7 } };
	epoll_ctl(ep, EPOLL_CTL_ADD, sv[0], &ev);
	struct epoll_event out[2]; struct timespec ts = { 0, 1000 };
	syscall(SYS_epoll_pwait2, ep, out, 2, &ts, NULL, 8);
	int fd = open("/etc/hostname", O_RDONLY); char buf[4] = "abcd"; struct iovec e = { buf, 4 };
	preadv2(fd, &e, 1, 0, RWF_HIPRI); pwritev2(1, &e, 1, -1, RWF_APPEND);
	return 0;
}
