/* Arguments and results in strace's notation. */
#include "format.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/uio.h>
#include <sys/utsname.h>

#include "../syscalls/syscalls.h"
#include "xlat.h"

static int strsize(struct task *t)
{
	return t->process->cfg->trace.strsize;
}

void format_ptr(FILE *f, uint64_t v)
{
	if (v)
		fprintf(f, "%#" PRIx64, v);
	else
		fputs("NULL", f);
}

static void hex_str(FILE *f, struct task *t, uint64_t addr, long len, int max)
{
	const uint8_t *s = guest_ptr(t->process->mm, addr, len, PROT_READ);
	fputc('"', f);
	for (long i = 0; s && i < len && i < max; i++)
		fprintf(f, "\\x%02x", s[i]);
	fputs(len > max ? "\"..." : "\"", f);
}

void format_str(FILE *f, struct task *t, uint64_t addr, long len, int max)
{
	/* len < 0: NUL-terminated and never cut (strace prints paths whole) */
	const char *s = len < 0 ? guest_str(t->process->mm, addr) : guest_ptr(t->process->mm, addr, len, PROT_READ);
	if (!s) {
		format_ptr(f, addr);
		return;
	}
	size_t n = len < 0 ? strlen(s) : (size_t)len, show = len < 0 || (long)n <= max ? n : (size_t)max;
	fputc('"', f);
	for (size_t i = 0; i < show; i++) {
		unsigned char c = s[i];
		switch (c) {
		case '"': fputs("\\\"", f); break;
		case '\\': fputs("\\\\", f); break;
		case '\n': fputs("\\n", f); break;
		case '\t': fputs("\\t", f); break;
		case '\r': fputs("\\r", f); break;
		case '\f': fputs("\\f", f); break;
		case '\v': fputs("\\v", f); break;
		default:
			if (isprint(c))
				fputc(c, f);
			else if (i + 1 < show && s[i + 1] >= '0' && s[i + 1] <= '7')
				fprintf(f, "\\%03o", c);
			else
				fprintf(f, "\\%o", c);
		}
	}
	fputc('"', f);
	if (show < n)
		fputs("...", f);
}

static void timespec(FILE *f, struct task *t, uint64_t addr)
{
	int64_t tv[2];
	if (guest_read(t->process->mm, addr, tv, sizeof(tv)))
		format_ptr(f, addr);
	else
		fprintf(f, "{tv_sec=%" PRId64 ", tv_nsec=%" PRId64 "}", tv[0], tv[1]);
}

static void sigset_arg(FILE *f, struct task *t, uint64_t addr)
{
	uint64_t set;
	if (guest_read(t->process->mm, addr, &set, 8)) {
		format_ptr(f, addr);
		return;
	}
	/* strace shows a mostly-full set as ~[the missing ones] */
	int full = __builtin_popcountll(set) > 32;
	fputs(full ? "~[" : "[", f);
	const char *sep = "";
	for (int s = 1; s <= 64; s++) {
		if (!(set >> (s - 1) & 1) == !full)
			continue;
		const char *n = xlat_name(xl_signals, s);
		if (n)
			fprintf(f, "%s%s", sep, n + 3);
		else
			fprintf(f, "%s%d", sep, s);
		sep = " ";
	}
	fputc(']', f);
}

static void stat_struct(FILE *f, struct task *t, uint64_t addr)
{
	struct stat st;
	if (t->process->arch->get_stat(t, addr, &st)) {
		format_ptr(f, addr);
		return;
	}
	fputs("{st_mode=", f);
	xlat_print(f, xl_file_type, st.st_mode & S_IFMT, "%#llo");
	fprintf(f, "|%#o", st.st_mode & 07777);
	if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
		fprintf(f, ", st_rdev=makedev(%#x, %#x)", major(st.st_rdev), minor(st.st_rdev));
	else
		fprintf(f, ", st_size=%lld", (long long)st.st_size);
	fputs(", ...}", f);
}

static void statx_struct(FILE *f, struct task *t, uint64_t addr)
{
	struct statx sx;
	if (guest_read(t->process->mm, addr, &sx, sizeof(sx))) {
		format_ptr(f, addr);
		return;
	}
	fputs("{stx_mask=", f);
	xlat_flags(f, xl_statx_mask, sx.stx_mask, NULL);
	fprintf(f, ", stx_attributes=%#llx, stx_mode=", (unsigned long long)sx.stx_attributes);
	xlat_print(f, xl_file_type, sx.stx_mode & S_IFMT, "%#llo");
	fprintf(f, "|%#o, stx_size=%llu, ...}", sx.stx_mode & 07777, (unsigned long long)sx.stx_size);
}

void format_iovec(FILE *f, struct task *t, uint64_t addr, uint64_t cnt, long total)
{
	uint64_t v[2];
	fputc('[', f);
	for (uint64_t i = 0; i < cnt && i < 16; i++) {
		if (guest_read(t->process->mm, addr + 16 * i, v, 16)) {
			format_ptr(f, addr);
			break;
		}
		long len = total < 0 ? (long)v[1] : (long)(v[1] < (uint64_t)total ? v[1] : (uint64_t)total);
		if (total >= 0)
			total -= len;
		fprintf(f, "%s{iov_base=", i ? ", " : "");
		format_str(f, t, v[0], len, strsize(t));
		fprintf(f, ", iov_len=%" PRIu64 "}", v[1]);
	}
	fputc(']', f);
}

static void sigaction_struct(FILE *f, struct task *t, uint64_t addr)
{
	uint64_t sa[4];
	int words = t->process->arch->sa_restorer ? 4 : 3;
	if (guest_read(t->process->mm, addr, sa, words * 8)) {
		format_ptr(f, addr);
		return;
	}
	fputs("{sa_handler=", f);
	if (sa[0] <= 1)
		fputs(sa[0] ? "SIG_IGN" : "SIG_DFL", f);
	else
		fprintf(f, "%#" PRIx64, sa[0]);
	fputs(", sa_mask=", f);
	sigset_arg(f, t, addr + 8 * (words - 1));
	fputs(", sa_flags=", f);
	xlat_flags(f, xl_sa_flags, sa[1], NULL);
	if (words == 4 && (sa[1] & 0x04000000))
		fprintf(f, ", sa_restorer=%#" PRIx64, sa[2]);
	fputc('}', f);
}

static void rlimit_val(FILE *f, uint64_t v)
{
	if (v == UINT64_MAX)
		fputs("RLIM64_INFINITY", f);
	else if (v && v % 1024 == 0)
		fprintf(f, "%" PRIu64 "*1024", v / 1024);
	else
		fprintf(f, "%" PRIu64, v);
}

static void open_flags(FILE *f, uint64_t v)
{
	static const char *const acc[] = { "O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE" };
	fputs(acc[v & O_ACCMODE], f);
	if (v & ~(uint64_t)O_ACCMODE) {
		fputc('|', f);
		xlat_flags(f, xl_open_flags, v & ~(uint64_t)O_ACCMODE, NULL);
	}
}

bool format_is_output(uint8_t k)
{
	switch (k) {
	case K_OBUF: case K_O_RANDOM: case K_O_IOVEC: case K_O_SIGSET: case K_O_SIGACTION: case K_O_TIMESPEC:
	case K_O_TIMEVAL: case K_O_STAT: case K_O_STATX: case K_O_DIRENTS: case K_O_PIPEFDS:
	case K_O_UTSNAME: case K_O_SYSINFO: case K_O_RLIMIT: case K_O_CPUSET: case K_O_UINT:
	case K_O_STACK: case K_O_SOCKADDR: case K_O_EPOLL_EVENTS: case K_O_MSGHDR:
		return true;
	default:
		return false;
	}
}

bool format_omitted(const uint8_t *kinds, const uint64_t *a, unsigned i)
{
	/* open's mode only matters with O_CREAT or O_TMPFILE */
	return kinds[i] == K_MODE && i > 0 && kinds[i - 1] == K_OFLAGS &&
	       !(a[i - 1] & (O_CREAT | __O_TMPFILE));
}

void format_arg(FILE *f, struct task *t, const uint8_t *kinds, const uint64_t *a, unsigned i,
		long ret)
{
	uint64_t v = a[i];
	bool failed = ret < 0 && ret >= -4095;
	if (format_is_output(kinds[i]) && (failed || !v)) {
		format_ptr(f, v);	/* nothing was written: the pointer is all there is */
		return;
	}
	switch (kinds[i]) {
	case K_INT: fprintf(f, "%d", (int)v); break;
	case K_UINT: fprintf(f, "%u", (unsigned)v); break;
	case K_HEX: fprintf(f, v ? "%#" PRIx64 : "0", v); break;
	case K_PTR: format_ptr(f, v); break;
	case K_SIZE: fprintf(f, "%" PRIu64, v); break;
	case K_OFF: fprintf(f, "%" PRId64, (int64_t)v); break;
	case K_FD: fprintf(f, "%d", (int)v); break;
	case K_DIRFD:
		if ((int)v == AT_FDCWD)
			fputs("AT_FDCWD", f);
		else
			fprintf(f, "%d", (int)v);
		break;
	case K_PATH: format_str(f, t, v, -1, 0); break;
	case K_IBUF: format_str(f, t, v, a[i + 1], strsize(t)); break;
	case K_OBUF: format_str(f, t, v, ret, strsize(t)); break;
	case K_O_RANDOM: hex_str(f, t, v, ret, strsize(t)); break;
	case K_IOVEC: format_iovec(f, t, v, a[i + 1], -1); break;
	case K_O_IOVEC: format_iovec(f, t, v, a[i + 1], ret); break;
	case K_OFLAGS: open_flags(f, v); break;
	case K_MODE: fprintf(f, "%#03" PRIo64, v); break;
	case K_ATFLAGS: xlat_flags(f, xl_at_flags, v, NULL); break;
	case K_WHENCE: xlat_print(f, xl_whence, v, "%llu"); break;
	case K_PROT: xlat_flags(f, xl_prot, v, "PROT_NONE"); break;
	case K_MAPFLAGS: xlat_flags(f, xl_map_flags, v, NULL); break;
	case K_MREMAP_FLAGS: xlat_flags(f, xl_mremap_flags, v, NULL); break;
	case K_MADVICE: xlat_print(f, xl_madvise, v, "%llu"); break;
	case K_CLOCK: xlat_print(f, xl_clocks, (int)v < 0 ? v : (uint32_t)v, "%lld"); break;
	case K_SIGNUM: xlat_print(f, xl_signals, v, "%llu"); break;
	case K_SIGHOW: xlat_print(f, xl_sighow, v, "%#llx"); break;
	case K_SIGSET: case K_O_SIGSET: sigset_arg(f, t, v); break;
	case K_SIGACTION: case K_O_SIGACTION: sigaction_struct(f, t, v); break;
	case K_TIMESPEC: case K_O_TIMESPEC: timespec(f, t, v); break;
	case K_O_TIMEVAL: {
		int64_t tv[2];
		if (guest_read(t->process->mm, v, tv, sizeof(tv)))
			format_ptr(f, v);
		else
			fprintf(f, "{tv_sec=%" PRId64 ", tv_usec=%" PRId64 "}", tv[0], tv[1]);
		break;
	}
	case K_O_STAT: stat_struct(f, t, v); break;
	case K_O_STATX: statx_struct(f, t, v); break;
	case K_O_DIRENTS: fprintf(f, "%#" PRIx64 " /* %ld bytes */", v, ret); break;
	case K_O_PIPEFDS: {
		int fd[2];
		if (guest_read(t->process->mm, v, fd, sizeof(fd)))
			format_ptr(f, v);
		else
			fprintf(f, "[%d, %d]", fd[0], fd[1]);
		break;
	}
	case K_O_UTSNAME: {
		struct utsname u;
		if (guest_read(t->process->mm, v, &u, sizeof(u)))
			format_ptr(f, v);
		else
			fprintf(f, "{sysname=\"%s\", nodename=\"%s\", ...}", u.sysname, u.nodename);
		break;
	}
	case K_O_SYSINFO: fprintf(f, "{...}"); break;
	case K_RESOURCE: xlat_print(f, xl_rlimits, v, "%llu"); break;
	case K_RLIMIT: case K_O_RLIMIT: {
		uint64_t r[2];
		if (guest_read(t->process->mm, v, r, sizeof(r))) {
			format_ptr(f, v);
			break;
		}
		fputs("{rlim_cur=", f);
		rlimit_val(f, r[0]);
		fputs(", rlim_max=", f);
		rlimit_val(f, r[1]);
		fputc('}', f);
		break;
	}
	case K_O_CPUSET: {
		const uint8_t *m = guest_ptr(t->process->mm, v, ret, PROT_READ);
		const char *sep = "";
		fputc('[', f);
		for (long b = 0; m && b < ret * 8; b++)
			if (m[b / 8] >> (b % 8) & 1)
				fprintf(f, "%s%ld", sep, b), sep = " ";
		fputc(']', f);
		break;
	}
	case K_O_UINT: {
		uint32_t u;
		if (guest_read(t->process->mm, v, &u, 4))
			format_ptr(f, v);
		else
			fprintf(f, "[%u]", u);
		break;
	}
	case K_FCNTL_CMD: xlat_print(f, xl_fcntl, v, "%llu"); break;
	case K_IOCTL_REQ: {
		const char *name = ioctl_name(v);
		if (name)
			fputs(name, f);
		else
			fprintf(f, "%#llx", (unsigned long long)(unsigned int)v);
		break;
	}
	case K_ARCH_PRCTL: xlat_print(f, xl_arch_prctl, v, "%#llx"); break;
	case K_RANDOM_FLAGS: xlat_flags(f, xl_random_flags, v, NULL); break;
	case K_TIMER_FLAGS: xlat_flags(f, xl_timer_flags, v, NULL); break;
	case K_STACK: case K_O_STACK: {
		uint64_t ss[3];
		if (guest_read(t->process->mm, v, ss, sizeof(ss))) {
			format_ptr(f, v);
			break;
		}
		fputs("{ss_sp=", f);
		format_ptr(f, ss[0]);
		fputs(", ss_flags=", f);
		xlat_flags(f, xl_ss_flags, (uint32_t)ss[1], NULL);
		fprintf(f, ", ss_size=%" PRIu64 "}", ss[2]);
		break;
	}
	default:
		if (!format_net(f, t, kinds, a, i, ret))
			fprintf(f, "%#" PRIx64, v);
	}
}

void format_ret(FILE *f, uint8_t kind, long ret)
{
	if (kind == R_NONE) {
		fputs("?", f);
	} else if (ret < 0 && ret >= -4095) {
		const char *name = strerrorname_np(-ret);
		fprintf(f, "-1 %s (%s)", name ? name : "E?", strerror(-ret));
	} else if (kind == R_ADDR || kind == R_HEX) {
		fprintf(f, "%#lx", ret);
	} else {
		fprintf(f, "%ld", ret);
	}
}
