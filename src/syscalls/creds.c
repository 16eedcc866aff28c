/* Credentials and capabilities (kernel/sys.c, kernel/groups.c,
 * kernel/capability.c): the host's, changed with raw syscalls.  Linux
 * keeps credentials per thread, and so does each of emu's host threads;
 * the guest's libc broadcasts a set*id to all its threads itself (glibc's
 * SIGSETXID), so each guest thread changes its own host thread's, as on
 * Linux.  glibc's own wrappers here would broadcast to emu's threads. */
#include <linux/capability.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscalls.h"

SYSCALL_DEFINE(setuid)    { return RAW(SYS_setuid, a[0]); }
SYSCALL_DEFINE(setgid)    { return RAW(SYS_setgid, a[0]); }
SYSCALL_DEFINE(setreuid)  { return RAW(SYS_setreuid, a[0], a[1]); }
SYSCALL_DEFINE(setregid)  { return RAW(SYS_setregid, a[0], a[1]); }
SYSCALL_DEFINE(setresuid) { return RAW(SYS_setresuid, a[0], a[1], a[2]); }
SYSCALL_DEFINE(setresgid) { return RAW(SYS_setresgid, a[0], a[1], a[2]); }
/* these return the previous value, never an error */
SYSCALL_DEFINE(setfsuid)  { return syscall(SYS_setfsuid, a[0]); }
SYSCALL_DEFINE(setfsgid)  { return syscall(SYS_setfsgid, a[0]); }

/* getres[ug]id: three ids, each written as put_user writes it */
static long getres(struct task *t, long nr, const uint64_t *a)
{
	unsigned ids[3];
	if (syscall(nr, &ids[0], &ids[1], &ids[2]) < 0)
		return -errno;
	for (int i = 0; i < 3; i++)
		if (guest_write(t->process->mm, a[i], &ids[i], 4))
			return -EFAULT;
	return 0;
}

SYSCALL_DEFINE(getresuid) { return getres(t, SYS_getresuid, a); }
SYSCALL_DEFINE(getresgid) { return getres(t, SYS_getresgid, a); }

SYSCALL_DEFINE(getgroups)
{
	/* size 0 asks how many; gid_t is 32 bits on both arches */
	int size = (int)a[0];
	if (size < 0)
		return -EINVAL;
	PASS_BUF(list, a[1], (uint64_t)size * 4, PROT_WRITE);
	return RAW(SYS_getgroups, size, list);
}

SYSCALL_DEFINE(setgroups)
{
	/* the kernel says EPERM, then EINVAL for the size, then EFAULT */
	int size = (int)a[0];
	PASS_BUF(list, a[1], size > 0 ? (uint64_t)size * 4 : 0, PROT_READ);
	return RAW(SYS_setgroups, size, list);
}

/* capget/capset: the header (version, pid) and one or two data structs by
 * the version; an unknown version is the kernel's to answer (it writes the
 * version it prefers into the header). */
static long caps(struct task *t, long nr, const uint64_t *a, int prot)
{
	GUEST_BUF(hdr, a[0], sizeof(struct __user_cap_header_struct), PROT_READ | PROT_WRITE);
	if (!hdr)
		return -EFAULT;
	uint32_t version = ((struct __user_cap_header_struct *)hdr)->version;
	int n = version == _LINUX_CAPABILITY_VERSION_1 ? _LINUX_CAPABILITY_U32S_1 : _LINUX_CAPABILITY_U32S_3;
	/* NULL data is the probe for the version the kernel prefers */
	PASS_BUF(data, a[1], n * sizeof(struct __user_cap_data_struct), prot);
	return RAW(nr, hdr, data);
}

SYSCALL_DEFINE(capget) { return caps(t, SYS_capget, a, PROT_WRITE); }
SYSCALL_DEFINE(capset) { return caps(t, SYS_capset, a, PROT_READ); }
