/* Sockets and waits on many descriptors: a socketpair; a TCP echo over
 * 127.0.0.1 between two threads (bind to port 0, getsockname, listen,
 * accept4, connect, send/recv, getpeername, shutdown); UDP sendto/recvfrom;
 * sendmsg/recvmsg with two buffers and a descriptor passed (SCM_RIGHTS);
 * socket options; an eventfd; epoll over the eventfd and a socket (the
 * event's data comes back whole); select and pselect. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <unistd.h>

#include "check.h"

static struct sockaddr_in server;

static void *client(void *arg)
{
	(void)arg;
	int s = socket(AF_INET, SOCK_STREAM, 0);
	char buf[64] = { 0 };
	if (s < 0 || connect(s, (struct sockaddr *)&server, sizeof(server)) < 0)
		return NULL;
	send(s, "ping over tcp", 13, 0);
	ssize_t n = recv(s, buf, 13, MSG_WAITALL);
	close(s);
	return n == 13 && !strcmp(buf, "PING OVER TCP") ? (void *)1 : NULL;
}

int main(void)
{
	/* a socketpair */
	int sv[2];
	char buf[64] = { 0 };
	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
	CHECK(write(sv[0], "pair", 4) == 4 && read(sv[1], buf, sizeof(buf)) == 4 && !memcmp(buf, "pair", 4));

	/* sendmsg/recvmsg: two buffers out, one in, and a pipe's write end
	 * passed across; what is written to the received end comes out */
	int pfd[2];
	CHECK(pipe(pfd) == 0);
	union { struct cmsghdr h; char buf[CMSG_SPACE(sizeof(int))]; } ctl;
	memset(&ctl, 0, sizeof(ctl));
	struct iovec out2[2] = { { "two ", 4 }, { "parts", 5 } };
	struct msghdr mh = { .msg_iov = out2, .msg_iovlen = 2, .msg_control = ctl.buf,
			     .msg_controllen = sizeof(ctl.buf) };
	struct cmsghdr *cm = CMSG_FIRSTHDR(&mh);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &pfd[1], sizeof(int));
	CHECK(sendmsg(sv[0], &mh, 0) == 9);
	close(pfd[1]);
	char in[32] = { 0 };
	struct iovec in1 = { in, sizeof(in) };
	memset(&ctl, 0, sizeof(ctl));
	struct msghdr rh = { .msg_iov = &in1, .msg_iovlen = 1, .msg_control = ctl.buf,
			     .msg_controllen = sizeof(ctl.buf) };
	CHECK(recvmsg(sv[1], &rh, 0) == 9 && !strcmp(in, "two parts"));
	cm = CMSG_FIRSTHDR(&rh);
	int passed = -1;
	CHECK(cm && cm->cmsg_type == SCM_RIGHTS && rh.msg_controllen == CMSG_SPACE(sizeof(int)));
	if (cm)
		memcpy(&passed, CMSG_DATA(cm), sizeof(int));
	CHECK(passed >= 0 && write(passed, "via fd", 6) == 6 && read(pfd[0], in, 6) == 6 &&
	      !memcmp(in, "via fd", 6));

	/* TCP echo over loopback */
	int ls = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int one = 1, type = 0;
	socklen_t len = sizeof(type);
	CHECK(setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) == 0);
	CHECK(getsockopt(ls, SOL_SOCKET, SO_TYPE, &type, &len) == 0 && type == SOCK_STREAM && len == sizeof(int));
	server.sin_family = AF_INET;
	server.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	CHECK(bind(ls, (struct sockaddr *)&server, sizeof(server)) == 0);
	len = sizeof(server);
	CHECK(getsockname(ls, (struct sockaddr *)&server, &len) == 0 && server.sin_port != 0);
	CHECK(listen(ls, 4) == 0);
	pthread_t t;
	pthread_create(&t, NULL, client, NULL);
	struct sockaddr_in peer;
	len = sizeof(peer);
	int c = accept4(ls, (struct sockaddr *)&peer, &len, SOCK_CLOEXEC);
	CHECK(c >= 0 && len == sizeof(peer) && peer.sin_addr.s_addr == htonl(INADDR_LOOPBACK));
	ssize_t n = recv(c, buf, 13, MSG_WAITALL);
	CHECK(n == 13 && !memcmp(buf, "ping over tcp", 13));
	for (int i = 0; i < n; i++)
		buf[i] = buf[i] >= 'a' && buf[i] <= 'z' ? buf[i] - 32 : buf[i];
	CHECK(send(c, buf, n, 0) == n);
	struct sockaddr_in p2;
	len = sizeof(p2);
	CHECK(getpeername(c, (struct sockaddr *)&p2, &len) == 0 && p2.sin_port == peer.sin_port);
	void *ok;
	pthread_join(t, &ok);
	CHECK(ok == (void *)1);
	CHECK(shutdown(c, SHUT_RDWR) == 0);
	close(c);
	close(ls);

	/* UDP: sendto and recvfrom with addresses */
	int u1 = socket(AF_INET, SOCK_DGRAM, 0), u2 = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_in a1 = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) }, from;
	CHECK(bind(u1, (struct sockaddr *)&a1, sizeof(a1)) == 0);
	len = sizeof(a1);
	getsockname(u1, (struct sockaddr *)&a1, &len);
	CHECK(sendto(u2, "datagram", 8, 0, (struct sockaddr *)&a1, sizeof(a1)) == 8);
	len = sizeof(from);
	memset(buf, 0, sizeof(buf));
	CHECK(recvfrom(u1, buf, sizeof(buf), 0, (struct sockaddr *)&from, &len) == 8 &&
	      !strcmp(buf, "datagram") && len == sizeof(from) && from.sin_family == AF_INET);

	/* eventfd and epoll: the event's 64-bit data comes back whole */
	int efd = eventfd(0, EFD_CLOEXEC), ep = epoll_create1(EPOLL_CLOEXEC);
	CHECK(efd >= 0 && ep >= 0);
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 0x1122334455667788ULL };
	CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev) == 0);
	ev = (struct epoll_event){ .events = EPOLLIN, .data.u64 = 0xa5a5a5a5deadbeefULL };
	CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, sv[1], &ev) == 0);
	struct epoll_event out[4];
	CHECK(epoll_wait(ep, out, 4, 0) == 0);
	uint64_t v = 5;
	CHECK(write(efd, &v, 8) == 8);
	CHECK(epoll_wait(ep, out, 4, 1000) == 1 && out[0].events == EPOLLIN &&
	      out[0].data.u64 == 0x1122334455667788ULL);
	CHECK(write(sv[0], "x", 1) == 1);
	sigset_t none;
	sigemptyset(&none);
	int got = epoll_pwait(ep, out, 4, 1000, &none);
	int both = got == 2 && ((out[0].data.u64 == 0xa5a5a5a5deadbeefULL) ^ (out[1].data.u64 == 0xa5a5a5a5deadbeefULL));
	CHECK(both);
	CHECK(read(efd, &v, 8) == 8 && v == 5);
	CHECK(epoll_ctl(ep, EPOLL_CTL_DEL, efd, NULL) == 0);

	/* select and pselect: sv[1] has a byte waiting, sv[0] can be written */
	fd_set rd, wr;
	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_SET(sv[1], &rd);
	FD_SET(sv[0], &wr);
	struct timeval tv = { 1, 0 };
	CHECK(select(sv[1] + 1, &rd, &wr, NULL, &tv) == 2 && FD_ISSET(sv[1], &rd) && FD_ISSET(sv[0], &wr));
	/* Linux writes the time left back into select's timeout */
	CHECK(tv.tv_sec == 0 && tv.tv_usec > 900000 || tv.tv_sec == 1 && tv.tv_usec == 0);
	CHECK(read(sv[1], buf, 1) == 1);
	FD_ZERO(&rd);
	FD_SET(sv[1], &rd);
	tv = (struct timeval){ 0, 20000 };
	CHECK(select(sv[1] + 1, &rd, NULL, NULL, &tv) == 0 && tv.tv_sec == 0 && tv.tv_usec == 0);
	FD_ZERO(&rd);
	FD_SET(sv[1], &rd);
	tv = (struct timeval){ 0, -1 };
	CHECK(select(sv[1] + 1, &rd, NULL, NULL, &tv) == -1 && errno == EINVAL);
	FD_ZERO(&rd);
	FD_SET(sv[1], &rd);
	struct timespec ts = { 0, 20 * 1000 * 1000 };
	CHECK(pselect(sv[1] + 1, &rd, NULL, NULL, &ts, &none) == 0 && !FD_ISSET(sv[1], &rd));
	printf("%d failures\n", failures);
	return failures != 0;
}
