/* Printers for the socket and event-wait kinds: addresses, socket types
 * and options, epoll events and fd sets, in strace's notation. */
#include "decode.h"

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
		print_ptr(f, addr);
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
		print_str(f, t, addr + 2 + skip, strnlen(path + skip, len - 2 - skip), INT_MAX);
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
		print_ptr(f, addr);
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
		print_ptr(f, addr);
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
		print_ptr(f, addr);
		return;
	}
	fputs("{msg_name=", f);
	sockaddr(f, t, m[0], (uint32_t)m[1]);
	fprintf(f, ", msg_namelen=%u, msg_iov=", (uint32_t)m[1]);
	print_iovec(f, t, m[2], m[3], total);
	fprintf(f, ", msg_iovlen=%" PRIu64, m[3]);
	if (m[5]) {	/* strace leaves out a control buffer of no length */
		fputs(", msg_control=", f);
		cmsgs(f, t, m[4], m[5]);
	}
	fprintf(f, ", msg_controllen=%" PRIu64 ", msg_flags=", m[5]);
	xlat_flags(f, xl_msg, (uint32_t)m[6], NULL);
	fputc('}', f);
}

void dec_af(FILE *f, const struct targ *g) { xlat_print(f, xl_af, V(g), "%llu"); }

void dec_socktype(FILE *f, const struct targ *g)
{
	xlat_print(f, xl_sock_type, V(g) & 0xf, "%#llx");
	if (V(g) & ~0xfULL)
		fputc('|', f), xlat_flags(f, xl_sock_flags, V(g) & ~0xfULL, NULL);
}

void dec_sockflags(FILE *f, const struct targ *g) { xlat_flags(f, xl_sock_flags, V(g), NULL); }

/* named for the internet families only, as strace */
void dec_sockproto(FILE *f, const struct targ *g)
{
	if (g->a[0] == AF_INET || g->a[0] == AF_INET6)
		xlat_print(f, xl_ipproto, V(g), "%llu");
	else
		fprintf(f, "%d", (int)V(g));
}

void dec_sockaddr(FILE *f, const struct targ *g) { sockaddr(f, g->t, V(g), g->a[g->i + 1]); }

/* as much as the kernel says it wrote, at most the buffer */
void dec_o_sockaddr(FILE *f, const struct targ *g)
{
	uint32_t u;
	sockaddr(f, g->t, V(g), read_u32(g->t, g->a[g->i + 1], &u) ? u : 0);
}

/* "[in]", or "[in => out]" when the call changed it, as strace */
void dec_io_socklen(FILE *f, const struct targ *g)
{
	uint64_t in = g->in_val ? g->in_val[g->i] : UINT64_MAX;
	uint32_t out;
	if (in == UINT64_MAX) {
		print_ptr(f, V(g));
		return;
	}
	fprintf(f, "[%u", (unsigned)in);
	if (!FAILED(g) && read_u32(g->t, V(g), &out) && out != in)
		fprintf(f, " => %u", out);
	fputc(']', f);
}

/* An in-and-out argument's value on entry: a socklen's, an offset's */
uint64_t trace_in_val(struct task *t, uint8_t kind, uint64_t addr)
{
	uint32_t u;
	uint64_t v;
	if (kind == K_IO_SOCKLEN)
		return read_u32(t, addr, &u) ? u : UINT64_MAX;
	if (kind == K_IO_LOFF)
		return addr && !guest_read(t->process->mm, addr, &v, 8) ? v : UINT64_MAX;
	return UINT64_MAX;
}

void dec_socklevel(FILE *f, const struct targ *g) { xlat_print(f, xl_sol, V(g), "%llu"); }

void dec_sockopt(FILE *f, const struct targ *g)
{
	uint64_t level = g->a[g->i - 1];
	xlat_print(f, level == SOL_SOCKET ? xl_so : level == SOL_TCP ? xl_tcp : NULL, V(g), "%llu");
}

/* an int option as [n], as strace; others by address */
void dec_optval(FILE *f, const struct targ *g)
{
	uint32_t u;
	if (g->a[g->i + 1] == 4 && read_u32(g->t, V(g), &u))
		fprintf(f, "[%d]", (int)u);
	else
		print_ptr(f, V(g));
}

/* sendmmsg's and recvmmsg's arrays of struct mmsghdr { msghdr; u32
 * msg_len; }, 64 bytes apart: the ones the call went through */
void dec_mmsg(FILE *f, const struct targ *g)
{
	bool recv = g->kinds[g->i] == K_MMSG_RECV;
	fputc('[', f);
	for (long k = 0; k < g->ret && k < 16; k++) {
		uint32_t len = 0;
		guest_read(g->t->process->mm, V(g) + 64 * k + 56, &len, 4);
		fputs(k ? ", {msg_hdr=" : "{msg_hdr=", f);
		msghdr(f, g->t, V(g) + 64 * k, recv ? (long)len : -1);
		fprintf(f, ", msg_len=%u}", len);
	}
	if (g->ret > 16)
		fputs(", ...", f);
	fputc(']', f);
}

void dec_msgflags(FILE *f, const struct targ *g) { xlat_flags(f, xl_msg, V(g), NULL); }
void dec_msghdr(FILE *f, const struct targ *g) { msghdr(f, g->t, V(g), -1); }
void dec_o_msghdr(FILE *f, const struct targ *g) { msghdr(f, g->t, V(g), g->ret); }
void dec_shut(FILE *f, const struct targ *g) { xlat_print(f, xl_shut, V(g), "%llu"); }
void dec_efd_flags(FILE *f, const struct targ *g) { xlat_flags(f, xl_efd, V(g), NULL); }
void dec_epoll_flags(FILE *f, const struct targ *g) { xlat_flags(f, xl_epoll_flags, V(g), NULL); }
void dec_epoll_op(FILE *f, const struct targ *g) { xlat_print(f, xl_epoll_op, V(g), "%llu"); }

void dec_epoll_event(FILE *f, const struct targ *g)
{
	if (V(g))
		epoll_event(f, g->t, V(g));
	else
		print_ptr(f, V(g));
}

void dec_epoll_events(FILE *f, const struct targ *g)
{
	fputc('[', f);
	for (long k = 0; k < g->ret; k++) {
		if (k)
			fputs(", ", f);
		epoll_event(f, g->t, V(g) + k * g->t->process->arch->epoll_event_size);
	}
	fputc(']', f);
}

/* the descriptors below nfds (the first argument) */
void dec_fdset(FILE *f, const struct targ *g)
{
	const uint8_t *set = V(g) ? guest_ptr(g->t->process->mm, V(g), 128, PROT_READ) : NULL;
	const char *sep = "";
	if (!set) {
		print_ptr(f, V(g));
		return;
	}
	fputc('[', f);
	for (uint64_t fd = 0; fd < g->a[0] && fd < 1024; fd++)
		if (set[fd / 8] >> (fd % 8) & 1)
			fprintf(f, "%s%" PRIu64, sep, fd), sep = " ";
	fputc(']', f);
}
