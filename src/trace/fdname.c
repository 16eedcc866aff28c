/* -y and -yy: what a descriptor names, as strace shows it after the
 * number: a path, a device's numbers, a socket's endpoints (internet
 * sockets from getsockname/getpeername, unix ones from the kernel's
 * sock_diag). */
#include "decode.h"

#include <arpa/inet.h>
#include <inttypes.h>
#include <pthread.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "../ownfd.h"

/* PROTO:[1.2.3.4:80->5.6.7.8:9], or PROTO:[1.2.3.4:80] with no peer;
 * false when it is not bound yet */
static bool inet(FILE *f, int fd, const char *proto)
{
	struct sockaddr_storage a, b;
	socklen_t la = sizeof(a), lb = sizeof(b);
	if (getsockname(fd, (void *)&a, &la) || !((struct sockaddr_in *)&a)->sin_port)
		return false;
	bool peer = !getpeername(fd, (void *)&b, &lb);
	fprintf(f, "%s:[", proto);
	for (struct sockaddr_storage *s = &a; s; s = s == &a && peer ? &b : NULL) {
		char ip[INET6_ADDRSTRLEN];
		const void *addr = s->ss_family == AF_INET ? (void *)&((struct sockaddr_in *)s)->sin_addr
							   : (void *)&((struct sockaddr_in6 *)s)->sin6_addr;
		inet_ntop(s->ss_family, addr, ip, sizeof(ip));
		fputs(s == &b ? "->" : "", f);
		fprintf(f, s->ss_family == AF_INET6 ? "[%s]:%u" : "%s:%u", ip, ntohs(((struct sockaddr_in *)s)->sin_port));
	}
	fputc(']', f);
	return true;
}

/* PROTO:[INODE->PEER,"PATH"] from one sock_diag request for the inode;
 * false when it has neither peer nor name */
static bool unix_socket(FILE *f, unsigned long ino, const char *proto)
{
	int nl = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
	if (nl < 0)
		return false;
	struct {
		struct nlmsghdr h;
		struct unix_diag_req r;
	} req = { .h = { sizeof(req), SOCK_DIAG_BY_FAMILY, NLM_F_REQUEST, 1, 0 },
		  .r = { .sdiag_family = AF_UNIX, .udiag_states = ~0U, .udiag_ino = ino,
			 .udiag_show = UDIAG_SHOW_NAME | UDIAG_SHOW_PEER, .udiag_cookie = { ~0U, ~0U } } };
	char buf[8192], name[110] = "";
	uint32_t peer = 0;
	ssize_t n = send(nl, &req, sizeof(req), 0) == sizeof(req) ? recv(nl, buf, sizeof(buf), 0) : -1;
	close(nl);
	for (struct nlmsghdr *h = (void *)buf; n > 0 && NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
		struct unix_diag_msg *m = NLMSG_DATA(h);
		if (h->nlmsg_type != SOCK_DIAG_BY_FAMILY || m->udiag_ino != ino)
			continue;
		int len = h->nlmsg_len - NLMSG_LENGTH(sizeof(*m));
		for (struct rtattr *a = (void *)(m + 1); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
			if (a->rta_type == UNIX_DIAG_PEER && RTA_PAYLOAD(a) >= 4)
				memcpy(&peer, RTA_DATA(a), 4);
			else if (a->rta_type == UNIX_DIAG_NAME && !*name)
				snprintf(name, sizeof(name), "%.*s", (int)RTA_PAYLOAD(a), (char *)RTA_DATA(a));
		}
	}
	if (!peer && !*name)
		return false;
	fprintf(f, "%s:[%lu", proto, ino);
	if (peer)
		fprintf(f, "->%u", peer);
	if (*name)
		fprintf(f, ",\"%s\"", name);
	fputc(']', f);
	return true;
}

/* What was found for each socket, kept as strace keeps it: once a socket
 * has shown its endpoints it goes on showing those */
static struct { unsigned long ino; char text[160]; } seen[256];
static pthread_mutex_t seen_lock = PTHREAD_MUTEX_INITIALIZER;

/* The kernel's own name of the protocol (UNIX-STREAM, TCP, UDPv6...), then
 * the endpoints, or PROTO:[INODE] when there are none yet */
static void socket_name(FILE *f, int fd, const char *link)
{
	unsigned long ino = strtoul(link + 8, NULL, 10);	/* socket:[INODE] */
	char proto[32] = "", text[160];
	pthread_mutex_lock(&seen_lock);
	bool hit = seen[ino % 256].ino == ino;
	if (hit)
		fputs(seen[ino % 256].text, f);
	pthread_mutex_unlock(&seen_lock);
	if (hit)
		return;
	ssize_t n = fgetxattr(fd, "system.sockprotoname", proto, sizeof(proto) - 1);
	if (n <= 0) {
		fputs(link, f);
		return;
	}
	proto[n] = 0;
	FILE *m = fmemopen(text, sizeof(text), "w");
	bool found = m && (!strncmp(proto, "UNIX", 4) ? unix_socket(m, ino, proto) : inet(m, fd, proto));
	if (m)
		fclose(m);
	if (!found) {
		fprintf(f, "%s:[%lu]", proto, ino);
		return;
	}
	fputs(text, f);
	pthread_mutex_lock(&seen_lock);
	seen[ino % 256].ino = ino;
	snprintf(seen[ino % 256].text, sizeof(seen[0].text), "%s", text);
	pthread_mutex_unlock(&seen_lock);
}

void trace_fd(FILE *f, struct task *t, int fd)
{
	fprintf(f, "%d", fd);
	int y = t->process->cfg->trace.yflag;
	char link[32], path[4096];
	struct stat st;
	if (!y || fd < 0 || own_fd_is(fd))
		return;
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	ssize_t n = readlink(link, path, sizeof(path) - 1);
	if (n <= 0)
		return;
	path[n] = 0;
	fputc('<', f);
	if (y > 1 && !strncmp(path, "socket:[", 8))
		socket_name(f, fd, path);
	else
		fputs(path, f);
	/* -yy: a device with its numbers, </dev/null<char 1:3>> */
	if (y > 1 && path[0] == '/' && !fstat(fd, &st) && (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)))
		fprintf(f, "<%s %u:%u>", S_ISCHR(st.st_mode) ? "char" : "block", major(st.st_rdev), minor(st.st_rdev));
	fputc('>', f);
}
