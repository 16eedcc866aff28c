/* prctl (kernel/sys.c), option by option: what concerns the guest's own
 * thread or process and means the same on the host is passed through (the
 * name, the parent-death signal, no_new_privs, the capability bounding set,
 * timer slack, THP, keepcaps, dumpable, the child subreaper); what would
 * change emu itself is refused as a kernel without the feature refuses it
 * (EINVAL: seccomp filters, PR_SET_MM), with one warning per option.
 * Anonymous VMA names are emu's to keep, in the memory map. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscalls.h"

/* Options whose second argument the kernel writes an int through. */
static long get_int(struct task *t, int option, uint64_t addr)
{
	int v;
	if (prctl(option, &v, 0, 0, 0) < 0)
		return -errno;
	return guest_write(t->process->mm, addr, &v, sizeof(v)) ? -EFAULT : 0;
}

/* Whether the host's kernel has CONFIG_ANON_VMA_NAME: emu names the
 * guest's pages itself, but offers what the host kernel offers. */
static bool host_names_vmas(void)
{
	static int has = -1;
	if (has < 0) {
		void *p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		has = p != MAP_FAILED && prctl(PR_SET_VMA, PR_SET_VMA_ANON_NAME, p, 4096, "emu") == 0;
		if (p != MAP_FAILED)
			munmap(p, 4096);
	}
	return has;
}

static long refuse(struct task *t, int option, const char *why)
{
	static uint8_t warned[128];
	if (option >= 0 && option < 128 && !warned[option]++)
		fprintf(stderr, "emu: prctl option %d (%s) is not supported, returning EINVAL\n", option, why);
	(void)t;
	return -EINVAL;
}

SYSCALL_DEFINE(prctl)
{
	int option = (int)a[0];
	switch (option) {
	case PR_SET_NAME: {	/* the host thread's name: ps, top and /proc show it */
		char name[16] = { 0 };
		const char *s = guest_str(t->process->mm, a[1]);
		if (!s)
			return -EFAULT;
		strncpy(name, s, sizeof(name) - 1);
		return host_ret(prctl(PR_SET_NAME, name, 0, 0, 0));
	}
	case PR_GET_NAME: {
		char name[16] = { 0 };
		if (prctl(PR_GET_NAME, name, 0, 0, 0) < 0)
			return -errno;
		return guest_write(t->process->mm, a[1], name, sizeof(name)) ? -EFAULT : 0;
	}
	case PR_GET_PDEATHSIG: case PR_GET_CHILD_SUBREAPER: case PR_GET_TSC:
		return get_int(t, option, a[1]);
	case PR_GET_TID_ADDRESS:
		return guest_write(t->process->mm, a[1], &t->clear_child_tid, 8) ? -EFAULT : 0;
	case PR_SET_PDEATHSIG: case PR_GET_DUMPABLE: case PR_SET_DUMPABLE:
	case PR_GET_KEEPCAPS: case PR_SET_KEEPCAPS: case PR_CAPBSET_READ: case PR_CAPBSET_DROP:
	case PR_GET_TIMERSLACK: case PR_SET_TIMERSLACK: case PR_SET_CHILD_SUBREAPER:
	case PR_SET_NO_NEW_PRIVS: case PR_GET_NO_NEW_PRIVS: case PR_GET_THP_DISABLE:
	case PR_SET_THP_DISABLE: case PR_CAP_AMBIENT: case PR_GET_SECUREBITS:
	case PR_SET_SECUREBITS: case PR_SET_PTRACER: case PR_GET_TIMING: case PR_SET_TIMING:
	case PR_MCE_KILL: case PR_MCE_KILL_GET: case PR_SET_IO_FLUSHER: case PR_GET_IO_FLUSHER:
		return host_ret(prctl(option, a[1], a[2], a[3], a[4]));
	case PR_SET_VMA: {	/* CONFIG_ANON_VMA_NAME: names for anonymous pages */
		if (a[1] != PR_SET_VMA_ANON_NAME || !host_names_vmas())
			return -EINVAL;	/* as the host's kernel, built without it */
		const char *name = NULL;
		if (a[4]) {
			if (!(name = guest_str(t->process->mm, a[4])))
				return -EFAULT;
			if (strlen(name) >= 80)	/* ANON_VMA_NAME_MAX_LEN */
				return -EINVAL;
			for (const char *c = name; *c; c++)
				if (*c < 0x20 || *c > 0x7e || strchr("\\`$[]", *c))
					return -EINVAL;
		}
		return mm_name(t->process->mm, a[2], a[3], name);
	}
	case PR_GET_SECCOMP:
		return 0;	/* no filter: emu's own syscalls would be filtered too */
	case PR_SET_SECCOMP:
		return refuse(t, option, "seccomp would filter emu's own syscalls");
	case PR_SET_MM:
		return refuse(t, option, "the guest's mm is emu's");
	default:
		return refuse(t, option & 0x7f, "not known to emu");
	}
}
