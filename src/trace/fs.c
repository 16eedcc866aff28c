/* Decoders of the file and descriptor calls: descriptors (with -y, what
 * they name), paths, buffers, open and at- flags, modes, stat, statx,
 * statfs, directory listings, fcntl and ioctl. */
#include "decode.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <inttypes.h>
#include <asm/ioctls.h>
#include <asm/termbits.h>
#include <linux/fs.h>
#include <linux/magic.h>
#include <poll.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

/* The guest ABI's values: the same on riscv64 and x86-64. */
static const struct xlat xl_fadvice[] = {
	X(POSIX_FADV_NORMAL), X(POSIX_FADV_RANDOM), X(POSIX_FADV_SEQUENTIAL), X(POSIX_FADV_WILLNEED),
	X(POSIX_FADV_DONTNEED), X(POSIX_FADV_NOREUSE), XEND,
};
static const struct xlat xl_fd_flags[] = { X(FD_CLOEXEC), XEND };
static const struct xlat xl_lock_type[] = { X(F_RDLCK), X(F_WRLCK), X(F_UNLCK), XEND };
static const struct xlat xl_seals[] = {
	X(F_SEAL_SEAL), X(F_SEAL_SHRINK), X(F_SEAL_GROW), X(F_SEAL_WRITE), X(F_SEAL_FUTURE_WRITE), XEND,
};
static const struct xlat xl_statx_req[] = {
	X(STATX_TYPE), X(STATX_MODE), X(STATX_NLINK), X(STATX_UID), X(STATX_GID), X(STATX_ATIME),
	X(STATX_MTIME), X(STATX_CTIME), X(STATX_INO), X(STATX_SIZE), X(STATX_BLOCKS), X(STATX_BTIME),
	X(STATX_MNT_ID), X(STATX_DIOALIGN), XEND,
};
static const struct xlat xl_fs_magic[] = {
	X(EXT2_SUPER_MAGIC), X(TMPFS_MAGIC), X(PROC_SUPER_MAGIC), X(SYSFS_MAGIC), X(OVERLAYFS_SUPER_MAGIC),
	X(BTRFS_SUPER_MAGIC), X(XFS_SUPER_MAGIC), X(DEVPTS_SUPER_MAGIC), X(CGROUP2_SUPER_MAGIC),
	X(NFS_SUPER_MAGIC), X(SQUASHFS_MAGIC), X(FUSE_SUPER_MAGIC), { 0x1021994, "TMPFS_MAGIC" }, XEND,
};
static const struct xlat xl_st_flags[] = {
	{ 0x20, "ST_VALID" }, X(ST_RDONLY), X(ST_NOSUID), X(ST_NODEV), X(ST_NOEXEC), X(ST_SYNCHRONOUS),
	X(ST_MANDLOCK), X(ST_NOATIME), X(ST_NODIRATIME), X(ST_RELATIME), { 0x2000, "ST_NOSYMFOLLOW" }, XEND,
};

void dec_fd(FILE *f, const struct targ *g) { trace_fd(f, g->t, (int)V(g)); }

void dec_dirfd(FILE *f, const struct targ *g)
{
	char cwd[4096];
	if ((int)V(g) != AT_FDCWD)
		trace_fd(f, g->t, (int)V(g));
	else if (g->t->process->cfg->trace.yflag && getcwd(cwd, sizeof(cwd)))
		fprintf(f, "AT_FDCWD<%s>", cwd);	/* -y: where it is, as strace */
	else
		fputs("AT_FDCWD", f);
}

void dec_path(FILE *f, const struct targ *g) { print_str(f, g->t, V(g), -1, 0); }
void dec_ibuf(FILE *f, const struct targ *g) { print_str(f, g->t, V(g), g->a[g->i + 1], print_strsize(g->t)); }
void dec_obuf(FILE *f, const struct targ *g) { print_str(f, g->t, V(g), g->ret, print_strsize(g->t)); }
void dec_iovec(FILE *f, const struct targ *g) { print_iovec(f, g->t, V(g), g->a[g->i + 1], -1); }
void dec_o_iovec(FILE *f, const struct targ *g) { print_iovec(f, g->t, V(g), g->a[g->i + 1], g->ret); }

static void open_flags(FILE *f, uint64_t v)
{
	static const char *const acc[] = { "O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE" };
	fputs(acc[v & O_ACCMODE], f);
	if (v & ~(uint64_t)O_ACCMODE) {
		fputc('|', f);
		xlat_flags(f, xl_open_flags, v & ~(uint64_t)O_ACCMODE, NULL);
	}
}

void dec_oflags(FILE *f, const struct targ *g) { open_flags(f, V(g)); }
void dec_pipe_flags(FILE *f, const struct targ *g) { xlat_flags(f, xl_open_flags, V(g), NULL); }
/* getcwd: the kernel's length counts the NUL */
void dec_cwd(FILE *f, const struct targ *g) { print_str(f, g->t, V(g), -1, 0); }

/* a mode: its file type if any, set-id and sticky bits by name, then octal */
static void mode(FILE *f, uint64_t v)
{
	if (v & S_IFMT) {
		xlat_print(f, xl_file_type, v & S_IFMT, "%#llo");
		fputc('|', f);
	}
	if (v & S_ISUID)
		fputs("S_ISUID|", f);
	if (v & S_ISGID)
		fputs("S_ISGID|", f);
	if (v & S_ISVTX)
		fputs("S_ISVTX|", f);
	fprintf(f, "%#03" PRIo64, v & 0777);
}

void dec_mode(FILE *f, const struct targ *g) { mode(f, V(g)); }
void dec_umask(FILE *f, const struct targ *g) { fprintf(f, "%03" PRIo64, V(g) & 0777); }
/* fanotify_init's: the class first (FAN_CLASS_NOTIF being 0), then flags */
void dec_fan_init_flags(FILE *f, const struct targ *g)
{
	uint64_t v = V(g), cls = v & 0x0c;
	fputs(cls == 0x08 ? "FAN_CLASS_PRE_CONTENT" : cls == 0x04 ? "FAN_CLASS_CONTENT" : cls ? "0xc" : "FAN_CLASS_NOTIF", f);
	if (v & ~0x0cULL) {
		fputc('|', f);
		xlat_flags(f, xl_fan_init_flags, v & ~0x0cULL, NULL);
	}
}

void dec_fadvice(FILE *f, const struct targ *g) { xlat_print(f, xl_fadvice, V(g), "%llu"); }
/* statx's: the sync type first, AT_STATX_SYNC_AS_STAT being 0 */
void dec_statx_flags(FILE *f, const struct targ *g)
{
	uint64_t v = V(g), sync = v & AT_STATX_SYNC_TYPE;
	fputs(sync == AT_STATX_FORCE_SYNC ? "AT_STATX_FORCE_SYNC" : sync == AT_STATX_DONT_SYNC ?
	      "AT_STATX_DONT_SYNC" : sync ? "AT_STATX_SYNC_TYPE" : "AT_STATX_SYNC_AS_STAT", f);
	if (v & ~(uint64_t)AT_STATX_SYNC_TYPE) {
		fputc('|', f);
		xlat_flags(f, xl_at_flags, v & ~(uint64_t)AT_STATX_SYNC_TYPE, NULL);
	}
}

void dec_atflags(FILE *f, const struct targ *g) { xlat_flags(f, xl_at_flags, V(g), NULL); }
void dec_whence(FILE *f, const struct targ *g) { xlat_print(f, xl_whence, V(g), "%llu"); }
void dec_access(FILE *f, const struct targ *g) { xlat_flags(f, xl_access_modes, V(g), "F_OK"); }
void dec_statx_mask(FILE *f, const struct targ *g) { xlat_flags(f, xl_statx_req, (uint32_t)V(g), NULL); }

void dec_stat(FILE *f, const struct targ *g)
{
	struct stat st;
	if (g->t->process->arch->get_stat(g->t, V(g), &st)) {
		print_ptr(f, V(g));
		return;
	}
	bool all = g->t->process->cfg->trace.verbose;
	if (all)
		fprintf(f, "{st_dev=makedev(%#x, %#x), st_ino=%llu, st_mode=", major(st.st_dev), minor(st.st_dev),
			(unsigned long long)st.st_ino);
	else
		fputs("{st_mode=", f);
	mode(f, st.st_mode);
	if (all)
		fprintf(f, ", st_nlink=%llu, st_uid=%u, st_gid=%u, st_blksize=%ld, st_blocks=%lld",
			(unsigned long long)st.st_nlink, st.st_uid, st.st_gid, (long)st.st_blksize,
			(long long)st.st_blocks);
	if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
		fprintf(f, ", st_rdev=makedev(%#x, %#x)", major(st.st_rdev), minor(st.st_rdev));
	else
		fprintf(f, ", st_size=%lld", (long long)st.st_size);
	if (!all) {
		fputs(", ...}", f);
		return;
	}
	const struct timespec *ts[] = { &st.st_atim, &st.st_mtim, &st.st_ctim };
	static const char *const name[] = { "st_atime", "st_mtime", "st_ctime" };
	for (int i = 0; i < 3; i++) {
		struct tm tm;
		char when[32];
		gmtime_r(&ts[i]->tv_sec, &tm);
		strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%S", &tm);
		fprintf(f, ", %s=%lld /* %s", name[i], (long long)ts[i]->tv_sec, when);
		if (ts[i]->tv_nsec)
			fprintf(f, ".%09ld", ts[i]->tv_nsec);
		fprintf(f, "+0000 */, %s_nsec=%ld", name[i], ts[i]->tv_nsec);
	}
	fputc('}', f);
}

void dec_statx(FILE *f, const struct targ *g)
{
	struct statx sx;
	if (!print_read(f, g->t, V(g), &sx, sizeof(sx)))
		return;
	fputs("{stx_mask=", f);
	xlat_flags(f, xl_statx_mask, sx.stx_mask, NULL);
	fprintf(f, ", stx_attributes=%#llx, stx_mode=", (unsigned long long)sx.stx_attributes);
	mode(f, sx.stx_mode);
	fprintf(f, ", stx_size=%llu, ...}", (unsigned long long)sx.stx_size);
}

/* struct statfs: the same 120 bytes on both 64-bit ABIs */
void dec_statfs(FILE *f, const struct targ *g)
{
	struct statfs s;
	if (!print_read(f, g->t, V(g), &s, sizeof(s)))
		return;
	fputs("{f_type=", f);
	xlat_print(f, xl_fs_magic, (uint64_t)s.f_type, "%#llx");
	fprintf(f, ", f_bsize=%ld, f_blocks=%lu, f_bfree=%lu, f_bavail=%lu, f_files=%lu, f_ffree=%lu, "
		"f_fsid={val=[%#x, %#x]}, f_namelen=%ld, f_frsize=%ld, f_flags=", (long)s.f_bsize,
		(unsigned long)s.f_blocks, (unsigned long)s.f_bfree, (unsigned long)s.f_bavail,
		(unsigned long)s.f_files, (unsigned long)s.f_ffree, (unsigned)s.f_fsid.__val[0],
		(unsigned)s.f_fsid.__val[1], (long)s.f_namelen, (long)s.f_frsize);
	xlat_flags(f, xl_st_flags, (uint64_t)s.f_flags, NULL);
	fputc('}', f);
}

/* getdents64: the entries counted, as strace does by default */
void dec_dirents(FILE *f, const struct targ *g)
{
	unsigned n = 0;
	for (long off = 0; off + 19 <= g->ret; n++) {
		uint16_t reclen;
		if (guest_read(g->t->process->mm, V(g) + off + 16, &reclen, 2) || !reclen)
			break;
		off += reclen;
	}
	fprintf(f, "%#" PRIx64 " /* %u entries */", V(g), n);
}

void dec_pipefds(FILE *f, const struct targ *g)
{
	int fd[2];
	if (!print_read(f, g->t, V(g), fd, sizeof(fd)))
		return;
	fputc('[', f);
	trace_fd(f, g->t, fd[0]);
	fputs(", ", f);
	trace_fd(f, g->t, fd[1]);
	fputc(']', f);
}

void dec_fcntl_cmd(FILE *f, const struct targ *g) { xlat_print(f, xl_fcntl, V(g), "%llu"); }

/* struct flock: the same on both 64-bit ABIs */
static void flock(FILE *f, struct task *t, uint64_t addr)
{
	struct flock l;
	if (!print_read(f, t, addr, &l, sizeof(l)))
		return;
	fputs("{l_type=", f);
	xlat_print(f, xl_lock_type, l.l_type, "%llu");
	fputs(", l_whence=", f);
	xlat_print(f, xl_whence, l.l_whence, "%llu");
	fprintf(f, ", l_start=%lld, l_len=%lld", (long long)l.l_start, (long long)l.l_len);
	if (l.l_pid)
		fprintf(f, ", l_pid=%d", l.l_pid);
	fputc('}', f);
}

void dec_fcntl_arg(FILE *f, const struct targ *g)
{
	uint64_t v = V(g);
	switch (g->a[1]) {
	case F_SETFD: xlat_flags(f, xl_fd_flags, v, NULL); break;
	case F_SETFL: open_flags(f, v); break;
	case F_GETLK: case F_SETLK: case F_SETLKW:
	case F_OFD_GETLK: case F_OFD_SETLK: case F_OFD_SETLKW: flock(f, g->t, v); break;
	case F_ADD_SEALS: xlat_flags(f, xl_seals, v, NULL); break;
	case F_SETSIG: print_signame(f, (int)v); break;
	case F_SETLEASE: xlat_print(f, xl_lock_type, v, "%llu"); break;
	default: fprintf(f, "%d", (int)v);
	}
}

/* the commands that take no third argument: strace shows two */
bool trace_fcntl_noarg(uint64_t cmd)
{
	return cmd == F_GETFD || cmd == F_GETFL || cmd == F_GETOWN || cmd == F_GETSIG ||
	       cmd == F_GETLEASE || cmd == F_GETPIPE_SZ || cmd == F_GET_SEALS;
}

/* fcntl's result, as its command says */
void trace_fcntl_ret(FILE *f, uint64_t cmd, long ret)
{
	if (cmd == F_GETFD && ret) {
		fprintf(f, "%#lx (flags ", ret);
		xlat_flags(f, xl_fd_flags, ret, NULL);
		fputc(')', f);
	} else if (cmd == F_GETFL) {
		fprintf(f, "%#lx (flags ", ret);
		open_flags(f, ret);
		fputc(')', f);
	} else if (cmd == F_GET_SEALS && ret) {
		fprintf(f, "%#lx (seals ", ret);
		xlat_flags(f, xl_seals, ret, NULL);
		fputc(')', f);
	} else {
		fprintf(f, "%ld", ret);
	}
}

static const struct xlat xl_poll[] = {
	X(POLLIN), X(POLLPRI), X(POLLOUT), X(POLLERR), X(POLLHUP), X(POLLNVAL), X(POLLRDNORM),
	X(POLLRDBAND), X(POLLWRNORM), X(POLLWRBAND), X(POLLMSG), X(POLLRDHUP), XEND,
};

/* struct pollfd: { int fd; short events, revents; } on both ABIs */
static void pollfds(FILE *f, struct task *t, uint64_t addr, uint64_t n, bool revents)
{
	struct pollfd p;
	const char *sep = "";
	fputc('[', f);
	for (uint64_t i = 0; i < n && i < 32; i++) {
		if (guest_read(t->process->mm, addr + 8 * i, &p, 8))
			break;
		if (revents && !p.revents)
			continue;
		fprintf(f, "%s{fd=", sep);
		trace_fd(f, t, p.fd);
		fputs(revents ? ", revents=" : ", events=", f);
		xlat_flags(f, xl_poll, (uint16_t)(revents ? p.revents : p.events), NULL);
		fputc('}', f);
		sep = ", ";
	}
	if (n > 32)
		fputs(", ...", f);
	fputc(']', f);
}

void dec_pollfds(FILE *f, const struct targ *g)
{
	if (V(g) && g->a[g->i + 1])
		pollfds(f, g->t, V(g), g->a[g->i + 1], false);
	else
		print_ptr(f, V(g));
}

/* poll's result: how many, and which with what, or (Timeout) */
void trace_poll_ret(FILE *f, struct task *t, const uint64_t *a, long ret)
{
	fprintf(f, "%ld", ret);
	if (ret == 0) {
		fputs(" (Timeout)", f);
	} else if (ret > 0) {
		fputs(" (", f);
		pollfds(f, t, a[0], a[1], true);
		fputc(')', f);
	}
}

/* a time with its date in a comment, as strace shows a file's times */
static void stamp(FILE *f, int64_t sec, long frac, bool nsec)
{
	struct tm tm;
	char when[32];
	time_t s = sec;
	gmtime_r(&s, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%S", &tm);
	fprintf(f, nsec ? "{tv_sec=%lld, tv_nsec=%ld} /* %s" : "{tv_sec=%lld, tv_usec=%ld} /* %s", (long long)sec, frac,
		when);
	if (frac)
		fprintf(f, nsec ? ".%09ld" : ".%06ld", frac);
	fputs("+0000 */", f);
}

void dec_utimens(FILE *f, const struct targ *g)
{
	int64_t ts[4];
	if (!print_read(f, g->t, V(g), ts, sizeof(ts)))
		return;
	fputc('[', f);
	for (int k = 0; k < 2; k++) {
		if (k)
			fputs(", ", f);
		if (ts[2 * k + 1] == UTIME_NOW || ts[2 * k + 1] == UTIME_OMIT)
			fputs(ts[2 * k + 1] == UTIME_NOW ? "UTIME_NOW" : "UTIME_OMIT", f);
		else
			stamp(f, ts[2 * k], ts[2 * k + 1], true);
	}
	fputc(']', f);
}

void dec_utimes(FILE *f, const struct targ *g)
{
	int64_t tv[4];
	if (!print_read(f, g->t, V(g), tv, sizeof(tv)))
		return;
	fputc('[', f);
	stamp(f, tv[0], tv[1], false);
	fputs(", ", f);
	stamp(f, tv[2], tv[3], false);
	fputc(']', f);
}

/* an xattr's value: setxattr's (its size next), getxattr's (the result) */
void dec_xattr_val(FILE *f, const struct targ *g)
{
	bool in = !trace_kinds[g->kinds[g->i]].out;
	print_str(f, g->t, V(g), in ? (long)g->a[g->i + 1] : g->ret, print_strsize(g->t));
}

/* listxattr's names, NUL-separated, as one string */
void dec_xattr_list(FILE *f, const struct targ *g) { print_str(f, g->t, V(g), g->ret, print_strsize(g->t)); }

static const struct xlat xl_resolve[] = {
	{ 1, "RESOLVE_NO_XDEV" }, { 2, "RESOLVE_NO_MAGICLINKS" }, { 4, "RESOLVE_NO_SYMLINKS" },
	{ 8, "RESOLVE_BENEATH" }, { 16, "RESOLVE_IN_ROOT" }, { 32, "RESOLVE_CACHED" }, XEND,
};

/* openat2's struct open_how { u64 flags, mode, resolve; } */
void dec_open_how(FILE *f, const struct targ *g)
{
	uint64_t h[3];
	if (g->a[g->i + 1] < sizeof(h) || !print_read(f, g->t, V(g), h, sizeof(h)))
		return;
	fputs("{flags=", f);
	open_flags(f, h[0]);
	if (h[0] & (O_CREAT | 020000000))
		fprintf(f, ", mode=%#03llo", (unsigned long long)h[1]);
	fputs(", resolve=", f);
	xlat_flags(f, xl_resolve, h[2], NULL);
	fputc('}', f);
}

void dec_dev(FILE *f, const struct targ *g) { fprintf(f, "makedev(%#x, %#x)", major(V(g)), minor(V(g))); }

/* an offset the call reads and moves: [in] or [in] => [out], as strace */
void dec_io_loff(FILE *f, const struct targ *g)
{
	uint64_t in = g->in_val ? g->in_val[g->i] : UINT64_MAX, out;
	if (in == UINT64_MAX) {
		print_ptr(f, V(g));
		return;
	}
	fprintf(f, "[%lld]", (long long)in);
	if (!FAILED(g) && !guest_read(g->t->process->mm, V(g), &out, 8) && out != in)
		fprintf(f, " => [%lld]", (long long)out);
}

/* pselect6's sixth: { const sigset_t *ss; size_t ss_len; } */
void dec_pselect_mask(FILE *f, const struct targ *g)
{
	uint64_t m[2];
	if (!print_read(f, g->t, V(g), m, sizeof(m)))
		return;
	fputs("{sigmask=", f);
	print_sigset(f, g->t, m[0], m[1]);
	fprintf(f, ", sigsetsize=%llu}", (unsigned long long)m[1]);
}

/* select's result: the ready sets, the time left; or (Timeout) */
void trace_select_ret(FILE *f, struct task *t, const uint64_t *a, long ret, bool nsec)
{
	static const char *const set[] = { "in", "out", "except" };
	fprintf(f, "%ld", ret);
	if (ret == 0)
		fputs(" (Timeout)", f);
	if (ret <= 0)
		return;
	const char *sep = " (";
	for (int k = 0; k < 3; k++) {
		const uint8_t *bits = a[1 + k] ? guest_ptr(t->process->mm, a[1 + k], 128, PROT_READ) : NULL;
		const char *in = NULL;
		for (uint64_t fd = 0; bits && fd < a[0] && fd < 1024; fd++) {
			if (!(bits[fd / 8] >> (fd % 8) & 1))
				continue;
			if (!in)
				fprintf(f, "%s%s [", sep, set[k]);
			fprintf(f, "%s%llu", in ? " " : "", (unsigned long long)fd);
			in = "", sep = ", ";
		}
		if (in)
			fputc(']', f);
	}
	int64_t ts[2];
	if (a[4] && !guest_read(t->process->mm, a[4], ts, sizeof(ts)))
		fprintf(f, "%sleft {tv_sec=%lld, %s=%lld}", sep, (long long)ts[0], nsec ? "tv_nsec" : "tv_usec",
			(long long)ts[1]), sep = ", ";
	if (strcmp(sep, " ("))
		fputc(')', f);
}

/* strace's names where two requests share a number */
static const struct xlat xl_ioctl_both[] = {
	{ TCSETS, "SNDCTL_TMR_START or TCSETS" }, { FICLONE, "BTRFS_IOC_CLONE or FICLONE" }, XEND,
};

void dec_ioctl_req(FILE *f, const struct targ *g)
{
	const char *name = xlat_name(xl_ioctl_both, (uint32_t)V(g));
	if (!name)
		name = ioctl_name(V(g), NULL, NULL);
	if (name)
		fputs(name, f);
	else
		fprintf(f, "%#llx", (unsigned long long)(unsigned int)V(g));
}

bool trace_ioctl_has_arg(uint64_t req)
{
	int arg;
	ioctl_name(req, &arg, NULL);
	return arg != IOCTL_NONE;
}

static const struct xlat xl_iflag[] = {
	X(IGNBRK), X(BRKINT), X(IGNPAR), X(PARMRK), X(INPCK), X(ISTRIP), X(INLCR), X(IGNCR), X(ICRNL),
	X(IUCLC), X(IXON), X(IXANY), X(IXOFF), X(IMAXBEL), X(IUTF8), XEND,
};
static const struct xlat xl_oflag[] = {
	X(OPOST), X(OLCUC), X(ONLCR), X(OCRNL), X(ONOCR), X(ONLRET), X(OFILL), X(OFDEL), XEND,
};
static const struct xlat xl_cflag[] = {
	X(CSTOPB), X(CREAD), X(PARENB), X(PARODD), X(HUPCL), X(CLOCAL), X(CRTSCTS), XEND,
};
static const struct xlat xl_lflag[] = {
	/* strace's order */
	X(ISIG), X(ICANON), X(XCASE), X(ECHO), X(ECHOE), X(ECHOK), X(ECHONL), X(NOFLSH), X(IEXTEN),
	X(ECHOCTL), X(ECHOPRT), X(ECHOKE), X(FLUSHO), X(PENDIN), X(TOSTOP), X(EXTPROC), XEND,
};
static const struct xlat xl_baud[] = {
	X(B0), X(B50), X(B75), X(B110), X(B134), X(B150), X(B200), X(B300), X(B600), X(B1200), X(B1800),
	X(B2400), X(B4800), X(B9600), X(B19200), X(B38400), X(B57600), X(B115200), X(B230400),
	X(B460800), X(B500000), X(B576000), X(B921600), X(B1000000), X(B1152000), X(B1500000),
	X(B2000000), X(B2500000), X(B3000000), X(B3500000), X(B4000000), XEND,
};

/* the kernel's struct termios (asm-generic's, both arches): four flag
 * words first; strace shows those and "..." */
static void termios(FILE *f, const uint32_t *c)
{
	uint32_t o = c[1], cf = c[2];
	fputs("{c_iflag=", f);
	xlat_flags(f, xl_iflag, c[0], NULL);
	fprintf(f, ", c_oflag=NL%u|CR%u|TAB%u|BS%u|VT%u|FF%u", !!(o & NLDLY), (o & CRDLY) >> 9,
		(o & TABDLY) >> 11, !!(o & BSDLY), !!(o & VTDLY), !!(o & FFDLY));
	if (o & ~(NLDLY | CRDLY | TABDLY | BSDLY | VTDLY | FFDLY)) {
		fputc('|', f);
		xlat_flags(f, xl_oflag, o & ~(NLDLY | CRDLY | TABDLY | BSDLY | VTDLY | FFDLY), NULL);
	}
	fputs(", c_cflag=", f);
	xlat_print(f, xl_baud, cf & CBAUD, "%#llo");
	fprintf(f, "|CS%u", 5 + ((cf & CSIZE) >> 4));
	if (cf & ~(CBAUD | CSIZE)) {
		fputc('|', f);
		xlat_flags(f, xl_cflag, cf & ~(CBAUD | CSIZE), NULL);
	}
	fputs(", c_lflag=", f);
	xlat_flags(f, xl_lflag, c[3], NULL);
	fputs(", ...}", f);
}

/* ioctl's third argument as its request says: a number, an int, a window
 * size, a termios; an address for the rest */
void dec_ioctl_arg(FILE *f, const struct targ *g)
{
	int arg;
	unsigned size;
	uint32_t req = g->a[1], buf[16];
	ioctl_name(req, &arg, &size);
	if (arg == IOCTL_VAL || arg < 0) {
		dec_hex(f, g);
		return;
	}
	if ((FAILED(g) && arg == IOCTL_OUT) || size > sizeof(buf) ||
	    !print_read(f, g->t, V(g), buf, size))
		return print_ptr(f, V(g));
	if (size == 4)
		fprintf(f, "[%d]", (int)buf[0]);
	else if (req == TIOCGWINSZ || req == TIOCSWINSZ) {
		const uint16_t *w = (const uint16_t *)buf;
		fprintf(f, "{ws_row=%u, ws_col=%u, ws_xpixel=%u, ws_ypixel=%u}", w[0], w[1], w[2], w[3]);
	} else if (req == TCGETS || req == TCSETS || req == TCSETSW || req == TCSETSF)
		termios(f, buf);
	else
		print_ptr(f, V(g));
}
