/* System V IPC (ipc/): the host's message queues, semaphores and shared
 * memory, whose structs have one layout on both 64-bit ABIs (the generic
 * ipc64_perm and *_ds); the guest's pointers become host ones.  A shared
 * memory segment is attached by the host inside the guest's reservation,
 * where the guest asked or where mmap would put it, and the memory map
 * records it as Linux shows it: /SYSV<key> (deleted). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscalls.h"

#define CMD(c) ((c) & ~IPC_64)	/* glibc may add IPC_64 */
#ifndef IPC_64
#define IPC_64 0x0100
#endif

SYSCALL_DEFINE(msgget) { return RAW(SYS_msgget, a[0], a[1]); }

SYSCALL_DEFINE(msgsnd)
{
	PASS_BUF(msg, a[1], sizeof(long) + a[2], PROT_READ);	/* mtype, then the text */
	return SAFE_SYSCALL(SYS_msgsnd, a[0], msg, a[2], a[3]);
}

SYSCALL_DEFINE(msgrcv)
{
	PASS_BUF(msg, a[1], sizeof(long) + a[2], PROT_WRITE);
	return SAFE_SYSCALL(SYS_msgrcv, a[0], msg, a[2], a[3], a[4]);
}

SYSCALL_DEFINE(msgctl)
{
	size_t size = CMD(a[1]) == IPC_INFO || CMD(a[1]) == MSG_INFO ? sizeof(struct msginfo) : sizeof(struct msqid_ds);
	PASS_BUF(buf, a[2], size, CMD(a[1]) == IPC_SET ? PROT_READ : PROT_WRITE);
	return RAW(SYS_msgctl, a[0], a[1], buf);
}

SYSCALL_DEFINE(semget) { return RAW(SYS_semget, a[0], a[1], a[2]); }

SYSCALL_DEFINE(semtimedop)
{
	PASS_BUF(sops, a[1], a[2] * sizeof(struct sembuf), PROT_READ);
	PASS_BUF(ts, a[3], sizeof(struct timespec), PROT_READ);
	return SAFE_SYSCALL(SYS_semtimedop, a[0], sops, a[2], ts);
}

SYSCALL_DEFINE(semop)
{
	uint64_t b[6] = { a[0], a[1], a[2], 0 };
	return sys_semtimedop(t, b);
}

/* The generic 64-bit semid64_ds (asm-generic/sembuf.h): x86-64's, the
 * host's, has a pad word after each time. */
struct generic_semid_ds {
	struct ipc_perm perm;
	long otime, ctime;
	unsigned long nsems, unused3, unused4;
};

static long semid_ds_out(struct task *t, uint64_t addr, const struct semid_ds *h)
{
	if (t->process->arch->semid_ds_padded)
		return guest_write(t->process->mm, addr, h, sizeof(*h)) ? -EFAULT : 0;
	struct generic_semid_ds g = { h->sem_perm, h->sem_otime, h->sem_ctime, h->sem_nsems, 0, 0 };
	return guest_write(t->process->mm, addr, &g, sizeof(g)) ? -EFAULT : 0;
}

/* semctl's fourth argument is a union: a value, or a pointer whose
 * target's size the command says (GETALL/SETALL: one short a semaphore) */
SYSCALL_DEFINE(semctl)
{
	int cmd = CMD(a[2]);
	size_t size = 0;
	int prot = PROT_WRITE;
	struct semid_ds ds;
	switch (cmd) {
	case IPC_STAT: case SEM_STAT: case SEM_STAT_ANY: {
		long r = host_ret(syscall(SYS_semctl, a[0], a[1], a[2], &ds));
		long w = r >= 0 ? semid_ds_out(t, a[3], &ds) : 0;
		return w ? w : r;
	}
	case IPC_SET: {	/* only sem_perm's uid, gid and mode are taken */
		memset(&ds, 0, sizeof(ds));
		if (guest_read(t->process->mm, a[3], &ds.sem_perm, sizeof(ds.sem_perm)))
			return -EFAULT;
		return host_ret(syscall(SYS_semctl, a[0], a[1], a[2], &ds));
	}
	case IPC_INFO: case SEM_INFO: size = sizeof(struct seminfo); break;
	case GETALL: case SETALL: {
		if (syscall(SYS_semctl, a[0], 0, IPC_STAT, &ds) < 0)
			return -errno;
		size = ds.sem_nsems * sizeof(unsigned short);
		prot = cmd == SETALL ? PROT_READ : PROT_WRITE;
		break;
	}
	default:	/* GETVAL, SETVAL, GETPID, GETNCNT, GETZCNT, IPC_RMID: no pointer */
		return RAW(SYS_semctl, a[0], a[1], a[2], a[3]);
	}
	GUEST_BUF(buf, a[3], size, prot);
	return RAW(SYS_semctl, a[0], a[1], a[2], buf);
}

SYSCALL_DEFINE(shmget) { return RAW(SYS_shmget, a[0], a[1], a[2]); }

SYSCALL_DEFINE(shmctl)
{
	size_t size = CMD(a[1]) == IPC_INFO ? sizeof(struct shminfo)
		    : CMD(a[1]) == SHM_INFO ? sizeof(struct shm_info) : sizeof(struct shmid_ds);
	PASS_BUF(buf, a[2], size, CMD(a[1]) == IPC_SET ? PROT_READ : PROT_WRITE);
	return RAW(SYS_shmctl, a[0], a[1], buf);
}

SYSCALL_DEFINE(shmat)
{
	struct mm *mm = t->process->mm;
	struct shmid_ds ds;
	if (syscall(SYS_shmctl, a[0], IPC_STAT, &ds) < 0)
		return -errno;
	uint64_t len = PAGE_UP(ds.shm_segsz), at = a[1];
	int flags = a[2];
	if (at && (flags & SHM_RND))
		at &= ~(uint64_t)(SHMLBA - 1);
	if (at % GUEST_PAGE)
		return -EINVAL;
	if (!a[1] && !(at = mm_find_free(mm, len)))
		return -ENOMEM;
	if (at >= mm->size || len > mm->size - at)
		return -EINVAL;
	if (!(flags & SHM_REMAP) && a[1] && mm_lookup(mm, at))	/* Linux: EINVAL over a mapping */
		return -EINVAL;
	/* the host attaches over the reservation's pages */
	void *host = shmat(a[0], mm->host + at, (flags & (SHM_RDONLY | SHM_EXEC)) | SHM_REMAP);
	if (host == (void *)-1)
		return -errno;
	char name[32];
	snprintf(name, sizeof(name), "/SYSV%08x (deleted)", (unsigned)ds.shm_perm.__key);
	int prot = PROT_READ | (flags & SHM_RDONLY ? 0 : PROT_WRITE) | (flags & SHM_EXEC ? PROT_EXEC : 0);
	/* a file's pages at offset 0 (its inode the id, as Linux shows it):
	 * two attachments side by side stay two mappings */
	struct vma like = { .prot = prot, .flags = MAP_SHARED, .ino = a[0] };
	long err = mm_adopt(mm, at, len, &like, 0, name);
	if (err) {
		shmdt(host);
		return err;
	}
	return at;
}

SYSCALL_DEFINE(shmdt)
{
	struct mm *mm = t->process->mm;
	const struct vma *v = mm_lookup(mm, a[0]);
	if (!v || v->start != a[0] || !v->name || strncmp(v->name, "/SYSV", 5))
		return -EINVAL;
	uint64_t len = v->end - v->start;
	if (shmdt(mm->host + a[0]) < 0)
		return -errno;
	return mm_unmap(mm, a[0], len);	/* the reservation's pages come back */
}
