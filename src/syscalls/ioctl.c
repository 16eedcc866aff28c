/* ioctl: the requests of ioctls.def with their argument layouts, passed to
 * the host with the guest's buffer checked; a request encoded with _IOC
 * goes by its encoding; any other is refused with ENOTTY and one warning,
 * as emu cannot know what its argument is. */
#include <fcntl.h>
#include <asm/ioctls.h>
#include <asm/termbits.h>
#include <asm/termios.h>
#include <linux/fs.h>
#include <linux/if.h>
#include <linux/sockios.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscalls.h"


/* ioctls.def's spellings */
#define NONE IOCTL_NONE
#define VAL IOCTL_VAL
#define IN IOCTL_IN
#define OUT IOCTL_OUT
#define INOUT IOCTL_INOUT

static const struct ioctl_desc {
	unsigned int req;
	uint8_t arg;
	uint16_t size;
	const char *name;
} ioctls[] = {
#define IOCTL(name, arg, size) { name, arg, size, #name },
#include "ioctls.def"
#undef IOCTL
};

static const struct ioctl_desc *find(unsigned int req)
{
	for (size_t i = 0; i < sizeof(ioctls) / sizeof(ioctls[0]); i++)
		if (ioctls[i].req == req)
			return &ioctls[i];
	return NULL;
}

const char *ioctl_name(unsigned int req, int *arg, unsigned *size)
{
	const struct ioctl_desc *d = find(req);
	if (arg)
		*arg = d ? d->arg : -1;
	if (size)
		*size = d ? d->size : 0;
	return d ? d->name : NULL;
}

static long unknown(struct task *t, unsigned int req)
{
	static unsigned int warned[32];
	static int nwarned;
	for (int i = 0; i < nwarned; i++)
		if (warned[i] == req)
			return -ENOTTY;
	if (nwarned < 32)
		warned[nwarned++] = req;
	fprintf(stderr, "emu: unsupported ioctl request %#x (%s), returning ENOTTY\n", req,
		t->process->arch->name);
	return -ENOTTY;
}

SYSCALL_DEFINE(ioctl)
{
	unsigned int req = a[1];	/* the kernel's is an unsigned int */
	if (fcntl(a[0], F_GETFD) < 0)	/* the descriptor is looked at first */
		return -errno;
	const struct ioctl_desc *d = find(req);
	struct ioctl_desc encoded;
	if (!d && _IOC_DIR(req) != _IOC_NONE && _IOC_SIZE(req)) {
		encoded = (struct ioctl_desc){ req,
			_IOC_DIR(req) == (_IOC_READ | _IOC_WRITE) ? INOUT :
			_IOC_DIR(req) == _IOC_READ ? OUT : IN, _IOC_SIZE(req), NULL };
		d = &encoded;
	}
	if (!d)
		return unknown(t, req);
	long arg = 0;
	if (d->arg == VAL) {
		arg = a[2];
	} else if (d->arg != NONE) {
		int prot = d->arg == IN ? PROT_READ : d->arg == OUT ? PROT_WRITE : PROT_READ | PROT_WRITE;
		void *p = guest_ptr(t->process->mm, a[2], d->size, prot);
		if (!p)
			return -EFAULT;
		arg = (long)p;
	}
	return host_ret(syscall(SYS_ioctl, (int)a[0], req, arg));
}
