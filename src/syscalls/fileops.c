/* More of the file syscalls: locks, space, syncing, vectored I/O at an
 * offset, device nodes, ownership by path, and the legacy forms x86-64
 * still has (creat, chown, lchown, mknod). */
#include <fcntl.h>
#include <linux/openat2.h>
#include <string.h>
#include <sys/time.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "../ownfd.h"
#include "procfs.h"
#include "syscalls.h"

/* flock may wait for the lock: interruptible by the guest's signals */
SYSCALL_DEFINE(flock) { return SAFE_SYSCALL(SYS_flock, a[0], a[1]); }
SYSCALL_DEFINE(fallocate) { return host_ret(fallocate(a[0], a[1], a[2], a[3])); }
SYSCALL_DEFINE(sync) { sync(); return 0; }
SYSCALL_DEFINE(syncfs) { return host_ret(syncfs(a[0])); }
SYSCALL_DEFINE(sync_file_range) { return host_ret(sync_file_range(a[0], a[1], a[2], a[3])); }

SYSCALL_DEFINE(creat)
{
	PASS_STR(path, a[0]);
	return RAW(SYS_creat, host_path(t, path), (unsigned)a[1]);
}

static long chown_path(struct task *t, int dirfd, uint64_t path_addr, uint64_t uid, uint64_t gid, int flags)
{
	PASS_STR(path, path_addr);
	return RAW(SYS_fchownat, dirfd, host_path(t, path), (unsigned)uid, (unsigned)gid, flags);
}

SYSCALL_DEFINE(chown)  { return chown_path(t, AT_FDCWD, a[0], a[1], a[2], 0); }
SYSCALL_DEFINE(lchown) { return chown_path(t, AT_FDCWD, a[0], a[1], a[2], AT_SYMLINK_NOFOLLOW); }

static long mknod_path(struct task *t, int dirfd, uint64_t path_addr, uint64_t mode, uint64_t dev)
{
	PASS_STR(path, path_addr);
	return RAW(SYS_mknodat, dirfd, host_path(t, path), (unsigned)mode, (unsigned)dev);
}

SYSCALL_DEFINE(mknod)   { return mknod_path(t, AT_FDCWD, a[0], a[1], a[2]); }
SYSCALL_DEFINE(mknodat) { return mknod_path(t, a[0], a[1], a[2], a[3]); }

/* preadv and pwritev, and the v2 forms with their flags: on both 64-bit
 * ABIs the offset is one register (pos_h is unused) */
static long vec_at(struct task *t, long nr, const uint64_t *a, int prot, bool v2)
{
	/* the kernel looks at the offset, the descriptor and the flags before
	 * the iovec: so does the host's call with none; the count is an
	 * unsigned int to it */
	if ((v2 ? syscall(nr, a[0], NULL, 0, a[3], 0, a[5]) : syscall(nr, a[0], NULL, 0, a[3], 0)) < 0)
		return -errno;
	struct iovec *iov;
	long r = iov_in(t, a[1], (unsigned)a[2], prot, &iov);
	if (r)
		return r;
	r = v2 ? SAFE_SYSCALL(nr, a[0], (long)iov, (unsigned)a[2], a[3], 0, a[5])
	       : SAFE_SYSCALL(nr, a[0], (long)iov, (unsigned)a[2], a[3], 0);
	free(iov);
	return r;
}

SYSCALL_DEFINE(preadv)   { return vec_at(t, SYS_preadv, a, PROT_WRITE, false); }
SYSCALL_DEFINE(pwritev)  { return vec_at(t, SYS_pwritev, a, PROT_READ, false); }
SYSCALL_DEFINE(preadv2)  { return vec_at(t, SYS_preadv2, a, PROT_WRITE, true); }
SYSCALL_DEFINE(pwritev2) { return vec_at(t, SYS_pwritev2, a, PROT_READ, true); }

/* utimes and futimesat (x86-64's legacy forms): timevals, as utimensat
 * takes them in timespecs */
static long utimes_at(struct task *t, int dirfd, uint64_t path_addr, uint64_t tv_addr)
{
	PASS_STR(path, path_addr);
	struct timespec ts[2], *tsp = NULL;
	if (tv_addr) {
		struct timeval tv[2];
		if (guest_read(t->process->mm, tv_addr, tv, sizeof(tv)))
			return -EFAULT;
		for (int i = 0; i < 2; i++) {
			if (tv[i].tv_usec < 0 || tv[i].tv_usec >= 1000000)
				return -EINVAL;
			ts[i] = (struct timespec){ tv[i].tv_sec, tv[i].tv_usec * 1000 };
		}
		tsp = ts;
	}
	return RAW(SYS_utimensat, dirfd, host_path(t, path), tsp, 0);
}

SYSCALL_DEFINE(utimes)    { return utimes_at(t, AT_FDCWD, a[0], a[1]); }
SYSCALL_DEFINE(futimesat) { return utimes_at(t, a[0], a[1], a[2]); }

/* openat2: struct open_how (flags, mode, resolve) of the size given, as
 * the kernel's copy_struct_from_user takes it: a larger one must be zero
 * past what the kernel knows */
SYSCALL_DEFINE(openat2)
{
	PASS_STR(path, a[1]);
	struct open_how how = { 0 };
	if (a[3] < sizeof(uint64_t) * 3 || a[3] > 4096)
		return a[3] < sizeof(uint64_t) * 3 ? -EINVAL : -E2BIG;
	const void *user = guest_ptr(t->process->mm, a[2], a[3], PROT_READ);
	if (!user)
		return -EFAULT;
	memcpy(&how, user, sizeof(how));
	for (uint64_t i = sizeof(how); i < a[3]; i++)
		if (((const uint8_t *)user)[i])
			return -E2BIG;
	return host_ret(syscall(SYS_openat2, (int)a[0], host_path(t, path), &how, sizeof(how)));
}

SYSCALL_DEFINE(memfd_create)
{
	PASS_STR(name, a[0]);
	return host_ret(syscall(SYS_memfd_create, name, a[1]));
}

/* close_range: the guest's descriptors only, in the runs between emu's
 * own (ownfd.h), which a guest's "close everything" passes over. */
SYSCALL_DEFINE(close_range)
{
	unsigned lo = a[0], last = a[1], window_end = EMU_FD_BASE + EMU_FD_SPAN;
	if (lo > last)
		return -EINVAL;
	for (;;) {
		while (own_fd_is(lo)) {
			if (lo == last)
				return 0;
			lo++;
		}
		/* [lo, hi]: a run holding none of emu's (there are none past
		 * the window) */
		unsigned hi = lo;
		while (hi < last && !own_fd_is(hi + 1))
			hi = hi + 1 >= window_end ? last : hi + 1;
		if (syscall(SYS_close_range, lo, hi, a[2]) < 0)
			return -errno;
		if (hi == last)
			return 0;
		lo = hi + 1;
	}
}

/* splice, tee, vmsplice: between descriptors, one end a pipe */
SYSCALL_DEFINE(splice)
{
	GUEST_OUT(off_in, a[1], loff_t);
	GUEST_OUT(off_out, a[3], loff_t);
	return SAFE_SYSCALL(SYS_splice, a[0], off_in, a[2], off_out, a[4], a[5]);
}

SYSCALL_DEFINE(tee) { return SAFE_SYSCALL(SYS_tee, a[0], a[1], a[2], a[3]); }

SYSCALL_DEFINE(vmsplice)
{
	/* the flags, then the descriptor, then the iovec, as the kernel */
	if ((unsigned)a[3] & ~(SPLICE_F_MOVE | SPLICE_F_NONBLOCK | SPLICE_F_MORE | SPLICE_F_GIFT))
		return -EINVAL;
	if (fcntl(a[0], F_GETFD) < 0)
		return -errno;
	struct iovec *iov;
	long r = iov_in(t, a[1], (unsigned)a[2], PROT_READ, &iov);
	if (r)
		return r;
	r = SAFE_SYSCALL(SYS_vmsplice, a[0], (long)iov, (unsigned)a[2], a[3]);
	free(iov);
	return r;
}

SYSCALL_DEFINE(readahead) { return host_ret(readahead(a[0], a[1], a[2])); }
/* I/O priorities of a thread, a process or a user: the host's, by host ids */
SYSCALL_DEFINE(ioprio_get) { return host_ret(syscall(SYS_ioprio_get, a[0], a[1])); }
SYSCALL_DEFINE(ioprio_set) { return host_ret(syscall(SYS_ioprio_set, a[0], a[1], a[2])); }
