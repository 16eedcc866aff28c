/* Process identity, limits, exit, and what the system says about itself. */
#include <sched.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "syscalls.h"
#include "../task/process.h"
#include "../task/task.h"

static long do_exit(struct task *t, int status, bool group)
{
	t->exit_code = status & 0xff;
	if (group) {	/* every thread's robust locks: other processes may share them */
		struct process *p = t->process;
		pthread_mutex_lock(&p->lock);
		for (int i = 0; i < p->ntasks; i++)
			futex_robust_exit(p->tasks[i]);
		pthread_mutex_unlock(&p->lock);
	} else {
		futex_robust_exit(t);
	}
	/* exit() of one thread among several ends only that thread */
	if (!group && __atomic_load_n(&t->process->ntasks, __ATOMIC_ACQUIRE) > 1)
		t->thread_exit = true;
	else
		process_group_exit(t, status, 0);
	uc_emu_stop(t->uc);
	return 0;
}

SYSCALL_DEFINE(exit)
{
	return do_exit(t, a[0], false);
}

SYSCALL_DEFINE(exit_group)
{
	return do_exit(t, a[0], true);
}

SYSCALL_DEFINE(getpid)  { return getpid(); }
SYSCALL_DEFINE(gettid)  { return t->tid; }	/* the host thread's: one each */
SYSCALL_DEFINE(getppid) { return getppid(); }
SYSCALL_DEFINE(getuid)  { return getuid(); }
SYSCALL_DEFINE(geteuid) { return geteuid(); }
SYSCALL_DEFINE(getgid)  { return getgid(); }
SYSCALL_DEFINE(getegid) { return getegid(); }

SYSCALL_DEFINE(set_tid_address)
{
	t->clear_child_tid = a[0];
	return t->tid;
}

SYSCALL_DEFINE(set_robust_list)
{
	if (a[1] != 24)		/* sizeof(struct robust_list_head) */
		return -EINVAL;
	t->robust_list = a[0];
	return 0;
}

SYSCALL_DEFINE(get_robust_list)
{
	struct task *who = a[0] ? task_by_tid(t->process, (pid_t)a[0]) : t;
	uint64_t len = 24;
	if (!who)
		return -ESRCH;
	if (guest_write(t->process->mm, a[1], &who->robust_list, 8) || guest_write(t->process->mm, a[2], &len, 8))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE(rseq)
{
	/* Restartable sequences need preemption notification emu cannot give;
	 * ENOSYS makes glibc fall back, as on kernels before 4.18. */
	return -ENOSYS;
}

SYSCALL_DEFINE(prlimit64)
{
	struct rlimit64 lim, old;
	/* another process's (another guest's, or the host's): the host's
	 * kernel decides, by its pid, with its permission checks */
	pid_t pid = a[0] && (pid_t)a[0] != getpid() ? (pid_t)a[0] : 0;
	if (a[2] && guest_read(t->process->mm, a[2], &lim, sizeof(lim)))
		return -EFAULT;
	if (a[3] && !guest_ptr(t->process->mm, a[3], sizeof(old), PROT_WRITE))
		return -EFAULT;
	if (prlimit64(pid, a[1], a[2] ? &lim : NULL, a[3] ? &old : NULL) < 0)
		return -errno;
	return a[3] ? guest_write(t->process->mm, a[3], &old, sizeof(old)) : 0;
}

SYSCALL_DEFINE(getrlimit)
{
	struct rlimit64 old;
	if (prlimit64(0, a[0], NULL, &old) < 0)
		return -errno;
	return guest_write(t->process->mm, a[1], &old, sizeof(old));
}

SYSCALL_DEFINE(uname)
{
	struct utsname u;
	if (uname(&u) < 0)
		return -errno;
	/* The guest runs on the machine it was built for. */
	memset(u.machine, 0, sizeof(u.machine));
	strncpy(u.machine, t->process->arch->uname_machine, sizeof(u.machine) - 1);
	return guest_write(t->process->mm, a[0], &u, sizeof(u));
}

SYSCALL_DEFINE(sysinfo)
{
	struct sysinfo si;	/* one layout on both 64-bit ABIs */
	if (sysinfo(&si) < 0)
		return -errno;
	return guest_write(t->process->mm, a[0], &si, sizeof(si));
}

SYSCALL_DEFINE(sched_getaffinity)
{
	void *mask = guest_ptr(t->process->mm, a[2], a[1], PROT_WRITE);
	if (!mask)
		return -EFAULT;
	/* Any task's, by its tid (the host's).  The raw syscall returns the
	 * bytes written, which glibc relies on. */
	return host_ret(syscall(SYS_sched_getaffinity, a[0], a[1], mask));
}

SYSCALL_DEFINE(sched_yield)
{
	return host_ret(sched_yield());
}

SYSCALL_DEFINE(getcpu)
{
	unsigned cpu, node;
	if (getcpu(&cpu, &node) < 0)
		return -errno;
	if (a[0] && guest_write(t->process->mm, a[0], &cpu, sizeof(cpu)))
		return -EFAULT;
	if (a[1] && guest_write(t->process->mm, a[1], &node, sizeof(node)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE(arch_prctl)
{
	return t->process->arch->arch_prctl ? t->process->arch->arch_prctl(t, a[0], a[1]) : -ENOSYS;
}

SYSCALL_DEFINE(getrandom)
{
	PASS_BUF(buf, a[0], a[1], PROT_WRITE);
	return RAW(SYS_getrandom, buf, a[1], (unsigned)a[2]);
}

SYSCALL_DEFINE(getrusage)
{
	struct rusage ru;	/* one layout on both 64-bit ABIs */
	if (getrusage(a[0], &ru) < 0)
		return -errno;
	return guest_write(t->process->mm, a[1], &ru, sizeof(ru));
}
