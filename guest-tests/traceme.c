/* A fixed sequence of file, memory, socket and event calls, for holding
 * emu's --strace against real strace: every name, flag, address and size is
 * deterministic. */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static void sockets(void)
{
	int sv[2], one = 1;
	char buf[64];
	socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv);
	send(sv[0], "ping", 4, MSG_NOSIGNAL);
	recv(sv[1], buf, sizeof(buf), MSG_DONTWAIT);
	/* a descriptor passed across, with its SCM_RIGHTS message */
	int pass = sv[0];
	char cbuf[CMSG_SPACE(sizeof(int))] = { 0 };
	struct iovec iov = { "fd", 2 };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf,
			     .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *cm = CMSG_FIRSTHDR(&mh);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &pass, sizeof(int));
	sendmsg(sv[0], &mh, 0);
	iov = (struct iovec){ buf, sizeof(buf) };
	mh.msg_controllen = sizeof(cbuf);
	recvmsg(sv[1], &mh, MSG_CMSG_CLOEXEC);
	memcpy(&pass, CMSG_DATA(cm), sizeof(int));
	close(pass);
	shutdown(sv[0], SHUT_WR);
	close(sv[0]);
	close(sv[1]);

	struct sockaddr_un un = { AF_UNIX, "traceme.sock" }, from;
	socklen_t len = sizeof(from);
	int u = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	bind(u, (struct sockaddr *)&un, sizeof(un));
	getsockname(u, (struct sockaddr *)&from, &len);
	sendto(u, "self", 4, 0, (struct sockaddr *)&un, sizeof(un));
	len = sizeof(from);
	recvfrom(u, buf, sizeof(buf), 0, (struct sockaddr *)&from, &len);
	close(u);
	unlink("traceme.sock");

	struct sockaddr_in in = { AF_INET, htons(9), { htonl(INADDR_LOOPBACK) } };
	int t = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, IPPROTO_UDP);
	setsockopt(t, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	connect(t, (struct sockaddr *)&in, sizeof(in));
	close(t);

	int e = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	uint64_t v = 1;
	write(e, &v, sizeof(v));
	int ep = epoll_create1(EPOLL_CLOEXEC);
	struct epoll_event ev = { EPOLLIN, { .u64 = 7 } }, got[4];
	epoll_ctl(ep, EPOLL_CTL_ADD, e, &ev);
	epoll_wait(ep, got, 4, 0);
	epoll_ctl(ep, EPOLL_CTL_DEL, e, NULL);
	close(ep);
	close(e);
}

int main(void)
{
	const char text[] = "root:x:0:0:root:/root:/bin/bash\nsecond line of the file\n";
	int fd = openat(AT_FDCWD, "traceme.txt", O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0640);
	write(fd, text, sizeof(text) - 1);
	close(fd);
	fd = open("traceme.txt", O_RDONLY | O_CLOEXEC);
	char buf[4096];
	ssize_t n = read(fd, buf, sizeof(buf));
	lseek(fd, 5, SEEK_SET);
	pread(fd, buf, 8, 0);
	struct stat st;
	fstat(fd, &st);
	stat("traceme.txt", &st);
	void *p = mmap(NULL, 8192, PROT_READ, MAP_PRIVATE, fd, 0);
	munmap(p, 8192);
	p = mmap(NULL, 65536, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	mprotect(p, 4096, PROT_READ);
	munmap(p, 65536);
	close(fd);
	open("no-such-file", O_RDONLY);
	unlink("traceme.txt");
	sockets();
	struct timespec ts;
	for (int i = 0; i < 3; i++)
		clock_gettime(CLOCK_MONOTONIC, &ts);
	printf("read %zd bytes\n", n);
	return 0;
}
