/* Files and descriptors.  Guest memory is host memory, so once a buffer is
 * checked the host syscall works on it in place. */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sendfile.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "procfs.h"
#include "syscalls.h"

SYSCALL_DEFINE(read)
{
	PASS_BUF(buf, a[1], a[2], PROT_WRITE);
	return SAFE_SYSCALL(SYS_read, a[0], (long)buf, a[2]);
}

SYSCALL_DEFINE(write)
{
	PASS_BUF(buf, a[1], a[2], PROT_READ);
	return SAFE_SYSCALL(SYS_write, a[0], (long)buf, a[2]);
}

SYSCALL_DEFINE(pread64)
{
	PASS_BUF(buf, a[1], a[2], PROT_WRITE);
	return RAW(SYS_pread64, (int)a[0], buf, a[2], a[3]);
}

SYSCALL_DEFINE(pwrite64)
{
	PASS_BUF(buf, a[1], a[2], PROT_READ);
	return RAW(SYS_pwrite64, (int)a[0], buf, a[2], a[3]);
}

long iov_in(struct task *t, uint64_t addr, uint64_t cnt, int prot, struct iovec **out)
{
	if (cnt > IOV_MAX)
		return -EINVAL;
	struct iovec *iov = calloc(cnt ? cnt : 1, sizeof(*iov));
	if (!iov)
		return -ENOMEM;
	if (guest_read(t->process->mm, addr, iov, cnt * sizeof(*iov))) {
		free(iov);
		return -EFAULT;
	}
	for (uint64_t i = 0; i < cnt; i++) {
		uint64_t base = (uint64_t)iov[i].iov_base;
		iov[i].iov_base = guest_ptr(t->process->mm, base, iov[i].iov_len, prot);
		if (!iov[i].iov_base && iov[i].iov_len) {
			free(iov);
			return -EFAULT;
		}
	}
	*out = iov;
	return 0;
}

/* The kernel looks at the descriptor before the iovec: so does a host
 * readv or writev of none.  The count is an unsigned int to it. */
SYSCALL_DEFINE(readv)
{
	struct iovec *iov;
	if (readv(a[0], NULL, 0) < 0)
		return -errno;
	long r = iov_in(t, a[1], (unsigned)a[2], PROT_WRITE, &iov);
	if (r)
		return r;
	r = SAFE_SYSCALL(SYS_readv, a[0], (long)iov, (unsigned)a[2]);
	free(iov);
	return r;
}

SYSCALL_DEFINE(writev)
{
	struct iovec *iov;
	if (writev(a[0], NULL, 0) < 0)
		return -errno;
	long r = iov_in(t, a[1], (unsigned)a[2], PROT_READ, &iov);
	if (r)
		return r;
	r = SAFE_SYSCALL(SYS_writev, a[0], (long)iov, (unsigned)a[2]);
	free(iov);
	return r;
}

SYSCALL_DEFINE(lseek)
{
	return host_ret(lseek(a[0], a[1], a[2]));
}

SYSCALL_DEFINE(close)
{
	return host_ret(close(a[0]));
}

SYSCALL_DEFINE(dup)
{
	return host_ret(dup(a[0]));
}

SYSCALL_DEFINE(dup2)
{
	return host_ret(dup2(a[0], a[1]));
}

SYSCALL_DEFINE(dup3)
{
	return host_ret(dup3(a[0], a[1], a[2]));
}

SYSCALL_DEFINE(fcntl)
{
	int cmd = a[1];
	switch (cmd) {
	case F_DUPFD: case F_DUPFD_CLOEXEC: case F_GETFD: case F_SETFD:
	case F_GETFL: case F_SETFL: case F_GETPIPE_SZ: case F_SETPIPE_SZ:
	case F_ADD_SEALS: case F_GET_SEALS:
		return host_ret(fcntl(a[0], cmd, (long)a[2]));
	case F_GETLK: case F_SETLK: case F_SETLKW:
	case F_OFD_GETLK: case F_OFD_SETLK: case F_OFD_SETLKW: {
		/* struct flock is the same on both 64-bit ABIs */
		PASS_BUF(fl, a[2], sizeof(struct flock), PROT_READ | PROT_WRITE);
		return RAW(SYS_fcntl, (int)a[0], cmd, fl);
	}
	default:	/* the descriptor is looked at first */
		return fcntl(a[0], F_GETFD) < 0 ? -errno : -EINVAL;
	}
}

/* int[2] on both arches: the host kernel writes the guest's array */
static long do_pipe(struct task *t, uint64_t addr, int flags)
{
	PASS_BUF(out, addr, 2 * sizeof(int), PROT_WRITE);
	return RAW(SYS_pipe2, out, flags);
}

SYSCALL_DEFINE(pipe)
{
	return do_pipe(t, a[0], 0);
}

SYSCALL_DEFINE(pipe2)
{
	return do_pipe(t, a[0], a[1]);
}

SYSCALL_DEFINE(fsync)
{
	return host_ret(fsync(a[0]));
}

SYSCALL_DEFINE(fdatasync)
{
	return host_ret(fdatasync(a[0]));
}

SYSCALL_DEFINE(ftruncate)
{
	return host_ret(ftruncate(a[0], a[1]));
}

SYSCALL_DEFINE(truncate)
{
	PASS_STR(path, a[0]);
	return RAW(SYS_truncate, path, a[1]);
}

SYSCALL_DEFINE(fadvise64)
{
	return -posix_fadvise(a[0], a[1], a[2], a[3]);	/* returns the error */
}

SYSCALL_DEFINE(getdents64)
{
	PASS_BUF(buf, a[1], a[2], PROT_WRITE);
	long n = RAW(SYS_getdents64, (int)a[0], buf, a[2]);
	if (n > 0)
		n = proc_filter_dirents(t, a[0], buf, n);
	return n;
}

/* getdents, x86-64's legacy listing: struct linux_dirent is dirent64's
 * size for the same name (d_type moves to the record's last byte), so
 * each record converts in place. */
SYSCALL_DEFINE(getdents)
{
	PASS_BUF(buf, a[1], a[2], PROT_WRITE);
	long n = RAW(SYS_getdents64, (int)a[0], buf, a[2]);
	if (n > 0)
		n = proc_filter_dirents(t, a[0], buf, n);
	for (long at = 0; at < n;) {
		uint8_t *r = (uint8_t *)buf + at;
		unsigned short reclen;
		memcpy(&reclen, r + 16, 2);
		uint8_t type = r[18];
		memmove(r + 18, r + 19, reclen - 19);	/* the name, with its NUL */
		r[reclen - 1] = type;
		at += reclen;
	}
	return n;
}

/* The opening and naming calls; /proc/self entries that must show the guest
 * rather than emu go through procfs.c. */
static long do_openat(struct task *t, int dirfd, uint64_t path_addr, int flags, int mode)
{
	PASS_STR(path, path_addr);
	long r = proc_open(t, dirfd, path, flags);
	if (r != PROC_PASS)
		return r;
	return RAW(SYS_openat, dirfd, host_path(t, path), flags, mode);
}

SYSCALL_DEFINE(openat)
{
	return do_openat(t, a[0], a[1], a[2], a[3]);
}

SYSCALL_DEFINE(open)
{
	return do_openat(t, AT_FDCWD, a[0], a[1], a[2]);
}

static long do_stat(struct task *t, int dirfd, uint64_t path_addr, uint64_t out, int flags)
{
	PASS_STR(path, path_addr);
	struct stat st;
	if (syscall(SYS_newfstatat, dirfd, host_path(t, path), &st, flags) < 0)
		return -errno;
	return t->process->arch->put_stat(t, out, &st);
}

SYSCALL_DEFINE(newfstatat)
{
	return do_stat(t, a[0], a[1], a[2], a[3]);
}

SYSCALL_DEFINE(stat)
{
	return do_stat(t, AT_FDCWD, a[0], a[1], 0);
}

SYSCALL_DEFINE(lstat)
{
	return do_stat(t, AT_FDCWD, a[0], a[1], AT_SYMLINK_NOFOLLOW);
}

SYSCALL_DEFINE(fstat)
{
	struct stat st;
	if (fstat(a[0], &st) < 0)
		return -errno;
	return t->process->arch->put_stat(t, a[1], &st);
}

SYSCALL_DEFINE(statx)
{
	PASS_STR(path, a[1]);
	/* struct statx has one layout on every arch */
	PASS_BUF(out, a[4], sizeof(struct statx), PROT_WRITE);
	return RAW(SYS_statx, (int)a[0], host_path(t, path), (int)a[2], (unsigned)a[3], out);
}

static long do_readlinkat(struct task *t, int dirfd, uint64_t path_addr, uint64_t buf_addr,
			  uint64_t size)
{
	PASS_STR(path, path_addr);
	PASS_BUF(buf, buf_addr, size, PROT_WRITE);
	if ((int64_t)size <= 0)
		return -EINVAL;
	/* /proc/self/exe: emu writes the guest's answer, into a checked buffer */
	void *checked = guest_ptr(t->process->mm, buf_addr, size, PROT_WRITE);
	long r = checked ? proc_readlink(t, dirfd, path, checked, size) : PROC_PASS;
	if (r != PROC_PASS)
		return r;
	return RAW(SYS_readlinkat, dirfd, host_path(t, path), buf, size);
}

SYSCALL_DEFINE(readlinkat)
{
	return do_readlinkat(t, a[0], a[1], a[2], a[3]);
}

SYSCALL_DEFINE(readlink)
{
	return do_readlinkat(t, AT_FDCWD, a[0], a[1], a[2]);
}

static long do_access(struct task *t, int dirfd, uint64_t path_addr, int mode, int flags)
{
	PASS_STR(path, path_addr);
	return flags ? RAW(SYS_faccessat2, dirfd, host_path(t, path), mode, flags)
		     : RAW(SYS_faccessat, dirfd, host_path(t, path), mode);
}

SYSCALL_DEFINE(faccessat)
{
	return do_access(t, a[0], a[1], a[2], 0);
}

SYSCALL_DEFINE(faccessat2)
{
	return do_access(t, a[0], a[1], a[2], a[3]);
}

SYSCALL_DEFINE(access)
{
	return do_access(t, AT_FDCWD, a[0], a[1], 0);
}

SYSCALL_DEFINE(mkdirat)
{
	PASS_STR(path, a[1]);
	return RAW(SYS_mkdirat, (int)a[0], path, (unsigned)a[2]);
}

SYSCALL_DEFINE(mkdir)
{
	PASS_STR(path, a[0]);
	return RAW(SYS_mkdir, path, (unsigned)a[1]);
}

SYSCALL_DEFINE(unlinkat)
{
	PASS_STR(path, a[1]);
	return RAW(SYS_unlinkat, (int)a[0], path, (int)a[2]);
}

SYSCALL_DEFINE(unlink)
{
	PASS_STR(path, a[0]);
	return RAW(SYS_unlink, path);
}

SYSCALL_DEFINE(rmdir)
{
	PASS_STR(path, a[0]);
	return RAW(SYS_rmdir, path);
}

SYSCALL_DEFINE(renameat2)
{
	PASS_STR(from, a[1]);
	PASS_STR(to, a[3]);
	return RAW(SYS_renameat2, (int)a[0], from, (int)a[2], to, (unsigned)a[4]);
}

SYSCALL_DEFINE(renameat)
{
	PASS_STR(from, a[1]);
	PASS_STR(to, a[3]);
	return RAW(SYS_renameat, (int)a[0], from, (int)a[2], to);
}

SYSCALL_DEFINE(rename)
{
	PASS_STR(from, a[0]);
	PASS_STR(to, a[1]);
	return RAW(SYS_rename, from, to);
}

SYSCALL_DEFINE(getcwd)
{
	PASS_BUF(buf, a[0], a[1], PROT_WRITE);
	return RAW(SYS_getcwd, buf, a[1]);	/* the length, with the NUL */
}

SYSCALL_DEFINE(chdir)
{
	PASS_STR(path, a[0]);
	return RAW(SYS_chdir, path);
}

SYSCALL_DEFINE(fchdir)
{
	return host_ret(fchdir(a[0]));
}

SYSCALL_DEFINE(fchmod)
{
	return host_ret(fchmod(a[0], a[1]));
}

/* Linux 6.6's, with flags (AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH): the host's */
SYSCALL_DEFINE(fchmodat2)
{
	PASS_STR(path, a[1]);
	return RAW(452, (int)a[0], path, (unsigned)a[2], (int)a[3]);
}

SYSCALL_DEFINE(fchmodat)
{
	PASS_STR(path, a[1]);
	return RAW(SYS_fchmodat, (int)a[0], path, (unsigned)a[2]);
}

SYSCALL_DEFINE(umask)
{
	return umask(a[0]);
}

/* struct statfs has one layout on both 64-bit ABIs (120 bytes). */
SYSCALL_DEFINE(statfs)
{
	PASS_STR(path, a[0]);
	PASS_BUF(out, a[1], sizeof(struct statfs), PROT_WRITE);
	return RAW(SYS_statfs, path, out);
}

SYSCALL_DEFINE(fstatfs)
{
	PASS_BUF(out, a[1], sizeof(struct statfs), PROT_WRITE);
	return RAW(SYS_fstatfs, (int)a[0], out);
}

SYSCALL_DEFINE(symlinkat)
{
	PASS_STR(target, a[0]);
	PASS_STR(path, a[2]);
	return RAW(SYS_symlinkat, target, (int)a[1], path);
}

SYSCALL_DEFINE(symlink)
{
	PASS_STR(target, a[0]);
	PASS_STR(path, a[1]);
	return RAW(SYS_symlink, target, path);
}

SYSCALL_DEFINE(linkat)
{
	PASS_STR(from, a[1]);
	PASS_STR(to, a[3]);
	return RAW(SYS_linkat, (int)a[0], from, (int)a[2], to, (int)a[4]);
}

SYSCALL_DEFINE(link)
{
	PASS_STR(from, a[0]);
	PASS_STR(to, a[1]);
	return RAW(SYS_link, from, to);
}

SYSCALL_DEFINE(chmod)
{
	PASS_STR(path, a[0]);
	return RAW(SYS_chmod, path, (unsigned)a[1]);
}

SYSCALL_DEFINE(fchown)
{
	return host_ret(fchown(a[0], a[1], a[2]));
}

SYSCALL_DEFINE(fchownat)
{
	PASS_STR(path, a[1]);
	return RAW(SYS_fchownat, (int)a[0], path, (unsigned)a[2], (unsigned)a[3], (int)a[4]);
}

SYSCALL_DEFINE(utimensat)
{
	/* a NULL path means the fd itself; times may be NULL (now) */
	PASS_STR(path, a[1]);
	PASS_BUF(times, a[2], 2 * sizeof(struct timespec), PROT_READ);	/* NULL: now */
	return host_ret(syscall(SYS_utimensat, (int)a[0], path, times, (int)a[3]));
}

SYSCALL_DEFINE(copy_file_range)
{
	/* the offsets are loff_t pointers, either may be NULL */
	PASS_BUF(off_in, a[1], sizeof(loff_t), PROT_READ | PROT_WRITE);
	PASS_BUF(off_out, a[3], sizeof(loff_t), PROT_READ | PROT_WRITE);
	return RAW(SYS_copy_file_range, (int)a[0], off_in, (int)a[2], off_out, a[4], (unsigned)a[5]);
}

SYSCALL_DEFINE(sendfile)
{
	PASS_BUF(off, a[2], sizeof(off_t), PROT_READ | PROT_WRITE);
	return RAW(SYS_sendfile, (int)a[0], (int)a[1], off, a[3]);
}
