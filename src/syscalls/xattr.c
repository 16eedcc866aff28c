/* Extended attributes (fs/xattr.c): names are strings, values bytes; the
 * path forms follow symlinks, the l- forms do not, the f- forms take a
 * descriptor.  The guest's paths go through the sysroot as every path does. */
#include <limits.h>
#include <sys/syscall.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "procfs.h"
#include "syscalls.h"

/* the path forms' fd: any int (-1 too) is an f-form's */
#define NO_FD LONG_MIN

static long xattr_get(struct task *t, long fd, uint64_t path_addr, uint64_t name_addr,
		      uint64_t buf_addr, uint64_t size, bool follow)
{
	PASS_STR(name, name_addr);
	PASS_BUF(buf, buf_addr, size, PROT_WRITE);
	if (fd != NO_FD)
		return RAW(SYS_fgetxattr, (int)fd, name, buf, size);
	PASS_STR(path, path_addr);
	path = host_path(t, path);
	return RAW(follow ? SYS_getxattr : SYS_lgetxattr, path, name, buf, size);
}

SYSCALL_DEFINE(getxattr)  { return xattr_get(t, NO_FD, a[0], a[1], a[2], a[3], true); }
SYSCALL_DEFINE(lgetxattr) { return xattr_get(t, NO_FD, a[0], a[1], a[2], a[3], false); }
SYSCALL_DEFINE(fgetxattr) { return xattr_get(t, (int)a[0], 0, a[1], a[2], a[3], true); }

static long xattr_list(struct task *t, long fd, uint64_t path_addr, uint64_t buf_addr,
		       uint64_t size, bool follow)
{
	PASS_BUF(buf, buf_addr, size, PROT_WRITE);
	if (fd != NO_FD)
		return RAW(SYS_flistxattr, (int)fd, buf, size);
	PASS_STR(path, path_addr);
	path = host_path(t, path);
	return RAW(follow ? SYS_listxattr : SYS_llistxattr, path, buf, size);
}

SYSCALL_DEFINE(listxattr)  { return xattr_list(t, NO_FD, a[0], a[1], a[2], true); }
SYSCALL_DEFINE(llistxattr) { return xattr_list(t, NO_FD, a[0], a[1], a[2], false); }
SYSCALL_DEFINE(flistxattr) { return xattr_list(t, (int)a[0], 0, a[1], a[2], true); }

static long xattr_set(struct task *t, long fd, uint64_t path_addr, const uint64_t *a, bool follow)
{
	PASS_STR(name, a[0]);
	PASS_BUF(value, a[1], a[2], PROT_READ);
	if (fd != NO_FD)
		return RAW(SYS_fsetxattr, (int)fd, name, value, a[2], (int)a[3]);
	PASS_STR(path, path_addr);
	path = host_path(t, path);
	return RAW(follow ? SYS_setxattr : SYS_lsetxattr, path, name, value, a[2], (int)a[3]);
}

SYSCALL_DEFINE(setxattr)  { return xattr_set(t, NO_FD, a[0], a + 1, true); }
SYSCALL_DEFINE(lsetxattr) { return xattr_set(t, NO_FD, a[0], a + 1, false); }
SYSCALL_DEFINE(fsetxattr) { return xattr_set(t, (int)a[0], 0, a + 1, true); }

static long xattr_remove(struct task *t, long fd, uint64_t path_addr, uint64_t name_addr, bool follow)
{
	PASS_STR(name, name_addr);
	if (fd != NO_FD)
		return RAW(SYS_fremovexattr, (int)fd, name);
	PASS_STR(path, path_addr);
	path = host_path(t, path);
	return RAW(follow ? SYS_removexattr : SYS_lremovexattr, path, name);
}

SYSCALL_DEFINE(removexattr)  { return xattr_remove(t, NO_FD, a[0], a[1], true); }
SYSCALL_DEFINE(lremovexattr) { return xattr_remove(t, NO_FD, a[0], a[1], false); }
SYSCALL_DEFINE(fremovexattr) { return xattr_remove(t, (int)a[0], 0, a[1], true); }
