/* The calls that reach the system beyond one process, passed to the host
 * as they are (emu keeps no state of its own for them): POSIX message
 * queues, scheduling attributes, namespaces, the root and the mounts,
 * kcmp, accounting, syslog, swap, hang-ups and file handles.  Privileged
 * ones fail as they would natively, with the host kernel's own errno. */
#include <sys/syscall.h>
#include <unistd.h>

#include "syscalls.h"

/* mq_attr: four longs and four spare, the same on both 64-bit ABIs */
#define MQ_ATTR_SIZE 64

SYSCALL_DEFINE(mq_open)
{
	PASS_STR(name, a[0]);
	PASS_BUF(attr, a[3], MQ_ATTR_SIZE, PROT_READ);
	return RAW(SYS_mq_open, name, (int)a[1], (unsigned)a[2], attr);
}

SYSCALL_DEFINE(mq_unlink)
{
	PASS_STR(name, a[0]);
	return RAW(SYS_mq_unlink, name);
}

SYSCALL_DEFINE(mq_timedsend)
{
	PASS_BUF(msg, a[1], a[2], PROT_READ);
	PASS_BUF(ts, a[4], 16, PROT_READ);
	return SAFE_SYSCALL(SYS_mq_timedsend, a[0], (long)msg, a[2], a[3], (long)ts);
}

SYSCALL_DEFINE(mq_timedreceive)
{
	PASS_BUF(msg, a[1], a[2], PROT_WRITE);
	PASS_BUF(prio, a[3], 4, PROT_WRITE);
	PASS_BUF(ts, a[4], 16, PROT_READ);
	return SAFE_SYSCALL(SYS_mq_timedreceive, a[0], (long)msg, a[2], (long)prio, (long)ts);
}

/* the notification is a host signal to this process or thread (guest tids
 * are host tids), which emu forwards as any other */
SYSCALL_DEFINE(mq_notify)
{
	PASS_BUF(ev, a[1], 64, PROT_READ);
	return RAW(SYS_mq_notify, (int)a[0], ev);
}

SYSCALL_DEFINE(mq_getsetattr)
{
	PASS_BUF(in, a[1], MQ_ATTR_SIZE, PROT_READ);
	PASS_BUF(out, a[2], MQ_ATTR_SIZE, PROT_WRITE);
	return RAW(SYS_mq_getsetattr, (int)a[0], in, out);
}

/* struct sched_attr: its size is its first field, the same on both ABIs */
SYSCALL_DEFINE(sched_getattr)
{
	PASS_BUF(attr, a[1], a[2], PROT_WRITE);
	return RAW(SYS_sched_getattr, (int)a[0], attr, (unsigned)a[2], (unsigned)a[3]);
}

SYSCALL_DEFINE(sched_setattr)
{
	uint32_t size = 48;
	guest_read(t->process->mm, a[1], &size, 4);
	PASS_BUF(attr, a[1], size ? size : 48, PROT_READ);
	return RAW(SYS_sched_setattr, (int)a[0], attr, (unsigned)a[2]);
}

/* namespaces: the host process is the guest's, so its own become the
 * guest's (a user namespace wants one thread, as natively) */
SYSCALL_DEFINE(unshare) { return RAW(SYS_unshare, (unsigned long)a[0]); }
SYSCALL_DEFINE(setns) { return RAW(SYS_setns, (int)a[0], (int)a[1]); }

/* emu runs on from its own file, held open, whatever the root becomes */
SYSCALL_DEFINE(chroot)
{
	PASS_STR(path, a[0]);
	return RAW(SYS_chroot, path);
}

/* The UTS namespace's names: the host's, whose kernel checks the length
 * and the right (CAP_SYS_ADMIN in the namespace) first, as natively. */
SYSCALL_DEFINE(sethostname)
{
	PASS_BUF(name, a[0], a[1], PROT_READ);
	return RAW(SYS_sethostname, name, a[1]);
}

SYSCALL_DEFINE(setdomainname)
{
	PASS_BUF(name, a[0], a[1], PROT_READ);
	return RAW(SYS_setdomainname, name, a[1]);
}

SYSCALL_DEFINE(pivot_root)
{
	PASS_STR(new_root, a[0]);
	PASS_STR(put_old, a[1]);
	return RAW(SYS_pivot_root, new_root, put_old);
}

SYSCALL_DEFINE(mount)
{
	PASS_STR(source, a[0]);
	PASS_STR(target, a[1]);
	PASS_STR(fstype, a[2]);
	PASS_STR(data, a[4]);	/* for the filesystems that take options, a string */
	return RAW(SYS_mount, source, target, fstype, a[3], data);
}

SYSCALL_DEFINE(umount2)
{
	PASS_STR(target, a[0]);
	return RAW(SYS_umount2, target, (int)a[1]);
}

/* pids are host pids, and descriptors host descriptors */
SYSCALL_DEFINE(kcmp) { return RAW(SYS_kcmp, (int)a[0], (int)a[1], (int)a[2], a[3], a[4]); }

SYSCALL_DEFINE(acct)
{
	PASS_STR(path, a[0]);
	return RAW(SYS_acct, path);
}

SYSCALL_DEFINE(syslog)
{
	PASS_BUF(buf, a[1], (int)a[2] > 0 ? a[2] : 0, PROT_WRITE);
	return RAW(SYS_syslog, (int)a[0], buf, (int)a[2]);
}

SYSCALL_DEFINE(swapon)
{
	PASS_STR(path, a[0]);
	return RAW(SYS_swapon, path, (int)a[1]);
}

SYSCALL_DEFINE(swapoff)
{
	PASS_STR(path, a[0]);
	return RAW(SYS_swapoff, path);
}

SYSCALL_DEFINE(vhangup) { return RAW(SYS_vhangup, 0); }

/* struct file_handle { u32 handle_bytes; int handle_type; u8 f_handle[]; } */
SYSCALL_DEFINE(name_to_handle_at)
{
	uint32_t bytes = 0;
	guest_read(t->process->mm, a[2], &bytes, 4);
	PASS_STR(path, a[1]);
	PASS_BUF(handle, a[2], 8 + (uint64_t)bytes, PROT_READ | PROT_WRITE);
	PASS_BUF(mount_id, a[3], 4, PROT_WRITE);
	return RAW(SYS_name_to_handle_at, (int)a[0], path, handle, mount_id, (int)a[4]);
}

SYSCALL_DEFINE(open_by_handle_at)
{
	uint32_t bytes = 0;
	guest_read(t->process->mm, a[1], &bytes, 4);
	PASS_BUF(handle, a[1], 8 + (uint64_t)bytes, PROT_READ);
	return RAW(SYS_open_by_handle_at, (int)a[0], handle, (int)a[2]);
}

/* fanotify: the events carry host descriptors and pids, which are the
 * guest's; marks want privilege as natively */
SYSCALL_DEFINE(fanotify_init) { return RAW(SYS_fanotify_init, (unsigned)a[0], (unsigned)a[1]); }

SYSCALL_DEFINE(fanotify_mark)
{
	PASS_STR(path, a[4]);
	return RAW(SYS_fanotify_mark, (int)a[0], (unsigned)a[1], a[2], (int)a[3], path);
}
