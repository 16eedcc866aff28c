/* More of the file syscalls: locks, space, syncing, vectored I/O at an
 * offset, device nodes, ownership by path, and the legacy forms x86-64
 * still has (creat, chown, lchown, mknod). */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

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
	GUEST_STR(path, a[0]);
	return host_ret(open(host_path(t, path), O_CREAT | O_WRONLY | O_TRUNC, a[1]));
}

static long chown_path(struct task *t, int dirfd, uint64_t path_addr, uint64_t uid, uint64_t gid, int flags)
{
	GUEST_STR(path, path_addr);
	return host_ret(fchownat(dirfd, host_path(t, path), uid, gid, flags));
}

SYSCALL_DEFINE(chown)  { return chown_path(t, AT_FDCWD, a[0], a[1], a[2], 0); }
SYSCALL_DEFINE(lchown) { return chown_path(t, AT_FDCWD, a[0], a[1], a[2], AT_SYMLINK_NOFOLLOW); }

static long mknod_path(struct task *t, int dirfd, uint64_t path_addr, uint64_t mode, uint64_t dev)
{
	GUEST_STR(path, path_addr);
	return host_ret(mknodat(dirfd, host_path(t, path), mode, dev));
}

SYSCALL_DEFINE(mknod)   { return mknod_path(t, AT_FDCWD, a[0], a[1], a[2]); }
SYSCALL_DEFINE(mknodat) { return mknod_path(t, a[0], a[1], a[2], a[3]); }

/* preadv and pwritev, and the v2 forms with their flags: on both 64-bit
 * ABIs the offset is one register (pos_h is unused) */
static long vec_at(struct task *t, long nr, const uint64_t *a, int prot, bool v2)
{
	struct iovec *iov;
	long r = iov_in(t, a[1], a[2], prot, &iov);
	if (r)
		return r;
	r = v2 ? SAFE_SYSCALL(nr, a[0], (long)iov, a[2], a[3], 0, a[5])
	       : SAFE_SYSCALL(nr, a[0], (long)iov, a[2], a[3], 0);
	free(iov);
	return r;
}

SYSCALL_DEFINE(preadv)   { return vec_at(t, SYS_preadv, a, PROT_WRITE, false); }
SYSCALL_DEFINE(pwritev)  { return vec_at(t, SYS_pwritev, a, PROT_READ, false); }
SYSCALL_DEFINE(preadv2)  { return vec_at(t, SYS_preadv2, a, PROT_WRITE, true); }
SYSCALL_DEFINE(pwritev2) { return vec_at(t, SYS_pwritev2, a, PROT_READ, true); }
