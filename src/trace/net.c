/* Printers for the socket and event-wait kinds: addresses, socket types
 * and options, epoll events and fd sets, in strace's notation. */
#include "format.h"

#include <arpa/inet.h>
#include <inttypes.h>
#include <limits.h>
#include <linux/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "../arch/arch.h"
#include "../task/sched.h"
#include "../syscalls/syscalls.h"
#include "xlat.h"

/* The guest ABI's values: the same on riscv64 and x86-64. */
static const struct xlat xl_af[] = {
	X(AF_UNSPEC), X(AF_UNIX), X(AF_INET), X(AF_INET6), X(AF_NETLINK), X(AF_PACKET), XEND,
};
static const struct xlat xl_sock_type[] = {
	X(SOCK_STREAM), X(SOCK_DGRAM), X(SOCK_RAW), X(SOCK_RDM), X(SOCK_SEQPACKET), X(SOCK_PACKET), XEND,
};
static const struct xlat xl_sock_flags[] = { X(SOCK_CLOEXEC), X(SOCK_NONBLOCK), XEND };
static const struct xlat xl_ipproto[] = {
	X(IPPROTO_IP), X(IPPROTO_ICMP), X(IPPROTO_TCP), X(IPPROTO_UDP), X(IPPROTO_IPV6),
	X(IPPROTO_ICMPV6), X(IPPROTO_RAW), XEND,
};
static const struct xlat xl_sol[] = {
	X(SOL_SOCKET), X(SOL_IP), X(SOL_TCP), { 17, "SOL_UDP" }, X(SOL_IPV6), XEND,
};
static const struct xlat xl_so[] = {
	X(SO_DEBUG), X(SO_REUSEADDR), X(SO_TYPE), X(SO_ERROR), X(SO_DONTROUTE), X(SO_BROADCAST),
	X(SO_SNDBUF), X(SO_RCVBUF), X(SO_KEEPALIVE), X(SO_OOBINLINE), X(SO_LINGER),
	X(SO_REUSEPORT), X(SO_RCVLOWAT), X(SO_SNDLOWAT), X(SO_RCVTIMEO_OLD), X(SO_SNDTIMEO_OLD),
	X(SO_PASSCRED), X(SO_PEERCRED), X(SO_ACCEPTCONN), X(SO_PROTOCOL), X(SO_DOMAIN), XEND,
};
static const struct xlat xl_tcp[] = {
	X(TCP_NODELAY), X(TCP_MAXSEG), X(TCP_CORK), X(TCP_KEEPIDLE), X(TCP_KEEPINTVL),
	X(TCP_KEEPCNT), X(TCP_QUICKACK), X(TCP_USER_TIMEOUT), X(TCP_FASTOPEN), XEND,
};
static const struct xlat xl_msg[] = {
	X(MSG_OOB), X(MSG_PEEK), X(MSG_DONTROUTE), X(MSG_CTRUNC), X(MSG_TRUNC), X(MSG_DONTWAIT),
	X(MSG_EOR), X(MSG_WAITALL), X(MSG_NOSIGNAL), X(MSG_MORE), X(MSG_CMSG_CLOEXEC), XEND,
};
static const struct xlat xl_shut[] = { X(SHUT_RD), X(SHUT_WR), X(SHUT_RDWR), XEND };
static const struct xlat xl_efd[] = { X(EFD_SEMAPHORE), X(EFD_CLOEXEC), X(EFD_NONBLOCK), XEND };
static const struct xlat xl_epoll_flags[] = { X(EPOLL_CLOEXEC), XEND };
static const struct xlat xl_epoll_op[] = {
	X(EPOLL_CTL_ADD), X(EPOLL_CTL_DEL), X(EPOLL_CTL_MOD), XEND,
};
static const struct xlat xl_epoll_events[] = {
	X(EPOLLIN), X(EPOLLPRI), X(EPOLLOUT), X(EPOLLERR), X(EPOLLHUP), { 0x20, "EPOLLNVAL" },
	X(EPOLLRDNORM), X(EPOLLRDBAND), X(EPOLLWRNORM), X(EPOLLWRBAND), X(EPOLLMSG),
	X(EPOLLRDHUP), X(EPOLLEXCLUSIVE), X(EPOLLWAKEUP), X(EPOLLONESHOT), X(EPOLLET), XEND,
};

/* A struct sockaddr of len bytes at addr, as strace shows the families it
 * knows; the rest by family alone. */
static void sockaddr(FILE *f, struct task *t, uint64_t addr, uint64_t len)
{
	struct sockaddr_storage ss;
	if (len > sizeof(ss))
		len = sizeof(ss);
	if (!addr || len < 2 || guest_read(t->process->mm, addr, &ss, len)) {
		format_ptr(f, addr);
		return;
	}
	memset((char *)&ss + len, 0, sizeof(ss) - len);
	fputs("{sa_family=", f);
	xlat_print(f, xl_af, ss.ss_family, "%llu");
	char ip[INET6_ADDRSTRLEN];
	if (ss.ss_family == AF_UNIX && len > 2) {
		/* an abstract name starts with a NUL: strace prints it as @"..." */
		const char *path = ((const struct sockaddr_un *)&ss)->sun_path;
		size_t skip = !path[0];
		fputs(skip ? ", sun_path=@" : ", sun_path=", f);
		format_str(f, t, addr + 2 + skip, strnlen(path + skip, len - 2 - skip), INT_MAX);
	} else if (ss.ss_family == AF_INET && len >= sizeof(struct sockaddr_in)) {
		const struct sockaddr_in *in = (const void *)&ss;
		inet_ntop(AF_INET, &in->sin_addr, ip, sizeof(ip));
		fprintf(f, ", sin_port=htons(%u), sin_addr=inet_addr(\"%s\")", ntohs(in->sin_port), ip);
	} else if (ss.ss_family == AF_INET6 && len >= sizeof(struct sockaddr_in6)) {
		const struct sockaddr_in6 *in6 = (const void *)&ss;
		inet_ntop(AF_INET6, &in6->sin6_addr, ip, sizeof(ip));
		fprintf(f, ", sin6_port=htons(%u), sin6_flowinfo=htonl(%u), inet_pton(AF_INET6, \"%s\", "
			"&sin6_addr), sin6_scope_id=%u", ntohs(in6->sin6_port),
			ntohl(in6->sin6_flowinfo), ip, in6->sin6_scope_id);
	} else if (len > 2) {
		fputs(", ...", f);
	}
	fputc('}', f);
}

static bool read_u32(struct task *t, uint64_t addr, uint32_t *v)
{
	return addr && !guest_read(t->process->mm, addr, v, 4);
}

/* One struct epoll_event: packed (12 bytes) on x86-64, 16 on riscv64. */
static void epoll_event(FILE *f, struct task *t, uint64_t addr)
{
	uint32_t events;
	uint64_t data;
	if (!read_u32(t, addr, &events) ||
	    guest_read(t->process->mm, addr + t->process->arch->epoll_event_size - 8, &data, 8)) {
		format_ptr(f, addr);
		return;
	}
	fputs("{events=", f);
	xlat_flags(f, xl_epoll_events, events, NULL);
	fprintf(f, ", data={u32=%u, u64=%" PRIu64 "}}", (uint32_t)data, data);
}

/* The control messages of a msghdr: SCM_RIGHTS with its descriptors. */
static void cmsgs(FILE *f, struct task *t, uint64_t addr, uint64_t len)
{
	if (!addr || !len) {
		format_ptr(f, addr);
		return;
	}
	fputc('[', f);
	for (uint64_t off = 0; off + 16 <= len;) {
		struct { uint64_t len; int32_t level, type; } h;
		if (guest_read(t->process->mm, addr + off, &h, sizeof(h)) || h.len < 16 || h.len > len - off)
			break;
		fprintf(f, "%s{cmsg_len=%" PRIu64 ", cmsg_level=", off ? ", " : "", h.len);
		xlat_print(f, xl_sol, (uint32_t)h.level, "%llu");
		fputs(", cmsg_type=", f);
		if (h.level == SOL_SOCKET && h.type == SCM_RIGHTS) {
			fputs("SCM_RIGHTS, cmsg_data=[", f);
			for (uint64_t k = 0; k < (h.len - 16) / 4; k++) {
				int32_t fd = -1;
				guest_read(t->process->mm, addr + off + 16 + 4 * k, &fd, 4);
				fprintf(f, "%s%d", k ? ", " : "", fd);
			}
			fputs("]}", f);
		} else {
			fprintf(f, "%d, ...}", h.type);
		}
		off += (h.len + 7) & ~7ULL;
	}
	fputc(']', f);
}

/* A struct msghdr (the same 56 bytes on both 64-bit ABIs); total >= 0:
 * what recvmsg received, so the iovecs show just that. */
static void msghdr(FILE *f, struct task *t, uint64_t addr, long total)
{
	uint64_t m[7];
	if (!addr || guest_read(t->process->mm, addr, m, sizeof(m))) {
		format_ptr(f, addr);
		return;
	}
	fputs("{msg_name=", f);
	sockaddr(f, t, m[0], (uint32_t)m[1]);
	fprintf(f, ", msg_namelen=%u, msg_iov=", (uint32_t)m[1]);
	format_iovec(f, t, m[2], m[3], total);
	fprintf(f, ", msg_iovlen=%" PRIu64 ", msg_control=", m[3]);
	cmsgs(f, t, m[4], m[5]);
	fprintf(f, ", msg_controllen=%" PRIu64 ", msg_flags=", m[5]);
	xlat_flags(f, xl_msg, (uint32_t)m[6], NULL);
	fputc('}', f);
}

bool format_net(FILE *f, struct task *t, const uint8_t *kinds, const uint64_t *a, unsigned i,
		long ret)
{
	uint64_t v = a[i];
	uint32_t u;
	switch (kinds[i]) {
	case K_AF: xlat_print(f, xl_af, v, "%llu"); break;
	case K_SOCKTYPE:
		xlat_print(f, xl_sock_type, v & 0xf, "%#llx");
		if (v & ~0xfULL)
			fputc('|', f), xlat_flags(f, xl_sock_flags, v & ~0xfULL, NULL);
		break;
	case K_SOCKFLAGS: xlat_flags(f, xl_sock_flags, v, NULL); break;
	case K_SOCKPROTO:	/* named for the internet families only, as strace */
		if (a[0] == AF_INET || a[0] == AF_INET6)
			xlat_print(f, xl_ipproto, v, "%llu");
		else
			fprintf(f, "%d", (int)v);
		break;
	case K_SOCKADDR: sockaddr(f, t, v, a[i + 1]); break;
	case K_O_SOCKADDR:
		/* as much as the kernel says it wrote, at most the buffer */
		sockaddr(f, t, v, read_u32(t, a[i + 1], &u) ? u : 0);
		break;
	case K_IO_SOCKLEN:	/* "[in", and " => out]" after the call */
		if (read_u32(t, v, &u))
			fprintf(f, "[%u", u);
		else
			format_ptr(f, v);
		break;
	case K_SOCKLEVEL: xlat_print(f, xl_sol, v, "%llu"); break;
	case K_SOCKOPT:
		xlat_print(f, a[i - 1] == SOL_SOCKET ? xl_so : a[i - 1] == SOL_TCP ? xl_tcp : NULL,
			   v, "%llu");
		break;
	case K_OPTVAL:	/* an int option as [n], as strace; others by address */
		if (a[i + 1] == 4 && read_u32(t, v, &u))
			fprintf(f, "[%d]", (int)u);
		else
			format_ptr(f, v);
		break;
	case K_MSGFLAGS: xlat_flags(f, xl_msg, v, NULL); break;
	case K_MSGHDR: msghdr(f, t, v, -1); break;
	case K_O_MSGHDR: msghdr(f, t, v, ret); break;
	case K_SHUT: xlat_print(f, xl_shut, v, "%llu"); break;
	case K_EFD_FLAGS: xlat_flags(f, xl_efd, v, NULL); break;
	case K_EPOLL_FLAGS: xlat_flags(f, xl_epoll_flags, v, NULL); break;
	case K_EPOLL_OP: xlat_print(f, xl_epoll_op, v, "%llu"); break;
	case K_EPOLL_EVENT:
		if (v)
			epoll_event(f, t, v);
		else
			format_ptr(f, v);
		break;
	case K_O_EPOLL_EVENTS:
		fputc('[', f);
		for (long k = 0; k < ret; k++) {
			if (k)
				fputs(", ", f);
			epoll_event(f, t, v + k * t->process->arch->epoll_event_size);
		}
		fputc(']', f);
		break;
	case K_FDSET: {	/* the descriptors below nfds (the first argument) */
		const uint8_t *set = v ? guest_ptr(t->process->mm, v, 128, PROT_READ) : NULL;
		const char *sep = "";
		if (!set) {
			format_ptr(f, v);
			break;
		}
		fputc('[', f);
		for (uint64_t fd = 0; fd < a[0] && fd < 1024; fd++)
			if (set[fd / 8] >> (fd % 8) & 1)
				fprintf(f, "%s%" PRIu64, sep, fd), sep = " ";
		fputc(']', f);
		break;
	}
	default:
		return false;
	}
	return true;
}

void format_after(FILE *f, struct task *t, const uint8_t *kinds, const uint64_t *a, unsigned i,
		  long ret, const char *entry)
{
	unsigned before;
	uint32_t after;
	if (kinds[i] != K_IO_SOCKLEN || sscanf(entry, "[%u", &before) != 1)
		return;
	/* strace: "[in => out]" when the call changed it, else "[in]" */
	if (!(ret < 0 && ret >= -4095) && read_u32(t, a[i], &after) && after != before)
		fprintf(f, " => %u]", after);
	else
		fputc(']', f);
}
