/* futex: the words live in guest memory, which is host memory, so the host's
 * futex does the waiting and waking once the pointers are checked. */
#include <linux/futex.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "syscalls.h"

/* What the kernel's exit_robust_list() does when a thread ends: every lock
 * on the thread's robust list that it still owns gets FUTEX_OWNER_DIED and
 * one waiter is woken, so the next pthread_mutex_lock says EOWNERDEAD.
 * Wakes are shared (no FUTEX_PRIVATE_FLAG), as the kernel's and glibc's. */
static void owner_died(struct task *t, uint64_t addr, bool pi, bool pending)
{
	uint32_t *word = guest_ptr(t->process->mm, addr, 4, PROT_READ | PROT_WRITE);
	if (!word || addr % 4)
		return;
	uint32_t v = __atomic_load_n(word, __ATOMIC_SEQ_CST);
	for (;;) {
		if (pending && !pi && !v) {	/* died between taking and listing */
			syscall(SYS_futex, word, FUTEX_WAKE, 1, NULL, NULL, 0);
			return;
		}
		if ((v & FUTEX_TID_MASK) != (uint32_t)t->tid)
			return;
		uint32_t dead = (v & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
		if (__atomic_compare_exchange_n(word, &v, dead, false, __ATOMIC_SEQ_CST,
						__ATOMIC_SEQ_CST))
			break;
	}
	if (!pi && (v & FUTEX_WAITERS))
		syscall(SYS_futex, word, FUTEX_WAKE, 1, NULL, NULL, 0);
}

void futex_robust_exit(struct task *t)
{
	/* struct robust_list_head { next; long futex_offset; list_op_pending } */
	uint64_t head[3], next;
	if (!t->robust_list || guest_read(t->process->mm, t->robust_list, head, sizeof(head)))
		return;
	int64_t offset = (int64_t)head[1];
	uint64_t pending = head[2] & ~1ULL, entry = head[0];
	for (int limit = 2048; (entry & ~1ULL) != t->robust_list && limit--; entry = next) {
		uint64_t e = entry & ~1ULL;
		if (guest_read(t->process->mm, e, &next, 8))
			return;
		if (e != pending)
			owner_died(t, e + offset, entry & 1, false);
	}
	if (pending)
		owner_died(t, pending + offset, head[2] & 1, true);
}

SYSCALL_DEFINE(futex)
{
	int op = a[1], cmd = op & FUTEX_CMD_MASK;
	void *uaddr = guest_ptr(t->process->mm, a[0], 4, PROT_READ);
	void *uaddr2 = NULL;
	const struct timespec *timeout = NULL;
	if (!uaddr || a[0] % 4)
		return a[0] % 4 ? -EINVAL : -EFAULT;
	switch (cmd) {
	case FUTEX_WAIT: case FUTEX_WAIT_BITSET:
		if (a[3] && !(timeout = guest_ptr(t->process->mm, a[3], sizeof(*timeout), PROT_READ)))
			return -EFAULT;
		return SAFE_SYSCALL(SYS_futex, (long)uaddr, op, (uint32_t)a[2], (long)timeout, 0,
				    (uint32_t)a[5]);
	case FUTEX_WAKE: case FUTEX_WAKE_BITSET:
		return host_ret(syscall(SYS_futex, uaddr, op, (uint32_t)a[2], NULL, NULL, (uint32_t)a[5]));
	case FUTEX_REQUEUE: case FUTEX_CMP_REQUEUE: case FUTEX_WAKE_OP:
		if (!(uaddr2 = guest_ptr(t->process->mm, a[4], 4, PROT_READ | PROT_WRITE)))
			return -EFAULT;
		/* here the timeout slot carries a count, not a pointer */
		return host_ret(syscall(SYS_futex, uaddr, op, (uint32_t)a[2], (unsigned long)a[3],
					uaddr2, (uint32_t)a[5]));
	default:	/* PI futexes: not offered */
		return -ENOSYS;
	}
}
