/* Sockets, as far as programs reach for them at start-up (nscd, syslog):
 * socket addresses have one layout on both 64-bit ABIs. */
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>

#include "syscalls.h"

SYSCALL_DEFINE(socket)
{
	return host_ret(socket(a[0], a[1], a[2]));
}

SYSCALL_DEFINE(connect)
{
	const struct sockaddr *sa = guest_ptr(g->mm, a[1], a[2], PROT_READ);
	if (!sa && a[2])
		return -EFAULT;
	return SAFE_SYSCALL(SYS_connect, a[0], (long)sa, a[2]);
}
