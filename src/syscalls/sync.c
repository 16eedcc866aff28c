/* futex: the words live in guest memory, which is host memory, so the host's
 * futex does the waiting and waking once the pointers are checked. */
#include <linux/futex.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "syscalls.h"

SYSCALL_DEFINE(futex)
{
	int op = a[1], cmd = op & FUTEX_CMD_MASK;
	void *uaddr = guest_ptr(g->mm, a[0], 4, PROT_READ);
	void *uaddr2 = NULL;
	const struct timespec *timeout = NULL;
	if (!uaddr || a[0] % 4)
		return a[0] % 4 ? -EINVAL : -EFAULT;
	switch (cmd) {
	case FUTEX_WAIT: case FUTEX_WAIT_BITSET:
		if (a[3] && !(timeout = guest_ptr(g->mm, a[3], sizeof(*timeout), PROT_READ)))
			return -EFAULT;
		return host_ret(syscall(SYS_futex, uaddr, op, (uint32_t)a[2], timeout, NULL, (uint32_t)a[5]));
	case FUTEX_WAKE: case FUTEX_WAKE_BITSET:
		return host_ret(syscall(SYS_futex, uaddr, op, (uint32_t)a[2], NULL, NULL, (uint32_t)a[5]));
	case FUTEX_REQUEUE: case FUTEX_CMP_REQUEUE: case FUTEX_WAKE_OP:
		if (!(uaddr2 = guest_ptr(g->mm, a[4], 4, PROT_READ | PROT_WRITE)))
			return -EFAULT;
		/* here the timeout slot carries a count, not a pointer */
		return host_ret(syscall(SYS_futex, uaddr, op, (uint32_t)a[2], (unsigned long)a[3],
					uaddr2, (uint32_t)a[5]));
	default:	/* PI futexes: not offered */
		return -ENOSYS;
	}
}
