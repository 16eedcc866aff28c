/* Processes: created at start, copied by fork, replaced by execve, ended by
 * exit_group, a fatal signal or the last task's exit() -- kernel/fork.c,
 * fs/exec.c and kernel/exit.c, as far as emu has them.
 *
 * A fork of the guest is a fork of emu: guest memory is host memory, so the
 * child gets its copy the way any process does (shared mappings stay
 * shared), and the tasks, sighand and CPU state come along.  execve of a
 * guest program starts emu again on it, in the same process, so the pid and
 * open files stay. */
#include "process.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../arch/cpu.h"
#include "../ownfd.h"
#include "../gdb/gdb.h"
#include "../hostcall/hostcall.h"
#include "../log/log.h"
#include "../trace/summary.h"
#include "../trace/trace.h"
#include "task.h"

#define MAX_TASKS 1024

struct process *process_new(const struct emu_config *cfg, const struct arch *arch)
{
	struct process *p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	p->cfg = cfg;
	p->arch = arch;
	p->cap = MAX_TASKS;
	p->tasks = calloc(MAX_TASKS, sizeof(*p->tasks));
	p->mm = calloc(1, sizeof(*p->mm));
	if (!p->tasks || !p->mm) {
		process_free(p);
		return NULL;
	}
	pthread_mutex_init(&p->lock, NULL);
	pthread_mutex_init(&p->reap_lock, NULL);
	pthread_cond_init(&p->cond, NULL);
	if (cfg->have_seed)
		p->rng = cfg->seed;
	else if (getrandom(&p->rng, sizeof(p->rng), 0) != sizeof(p->rng))
		p->rng = (uint64_t)getpid() << 32 ^ (uint64_t)time(NULL);
	return p;
}

void process_free(struct process *p)
{
	if (!p)
		return;
	/* the ended tasks' host threads finish first */
	pthread_mutex_lock(&p->lock);
	while (p->host_threads > 0)
		pthread_cond_wait(&p->cond, &p->lock);
	pthread_mutex_unlock(&p->lock);
	gdb_free(p);
	log_close(p);
	for (int i = 0; i < p->ntasks; i++)
		task_free(p->tasks[i]);
	for (int i = 0; i < p->nretired; i++)
		task_free(p->retired[i]);
	if (p->mm->host)
		mm_destroy(p->mm);
	free(p->mm);
	free(p->retired);
	free(p->zombies);
	free(p->tasks);
	free(p->vdso_entries);
	hostcall_free(p);
	free(p->cpuinfo);
	free(p->sysent);
	free(p->warned);
	free(p->exe_path);
	free(p);
}

/* splitmix64: one stream for every randomised address, seeded by --seed or
 * the host; limit 0 gives the raw value. */
uint64_t process_random(struct process *p, uint64_t limit)
{
	if (limit && !p->cfg->aslr)
		return 0;
	uint64_t z = (p->rng += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	z ^= z >> 31;
	return limit ? z % limit : z;
}

struct odd_child *process_odd_child(struct process *p, pid_t pid, int pidfd)
{
	if (!pid && pidfd < 0)
		return NULL;	/* no pidfd names a child made without one */
	for (size_t i = 0; i < sizeof(p->odd_children) / sizeof(p->odd_children[0]); i++) {
		struct odd_child *c = &p->odd_children[i];
		pid_t at = __atomic_load_n(&c->pid, __ATOMIC_ACQUIRE);
		if (at > 0 && (pid ? at == pid : c->pidfd == pidfd))
			return c;
	}
	return NULL;
}

void process_odd_child_reaped(struct odd_child *c)
{
	__atomic_store_n(&c->pid, 0, __ATOMIC_RELEASE);
}

/* Remember a child whose exit signal is not SIGCHLD (before the parent
 * takes signals again: its end may come at once).  With every slot taken
 * the child is an ordinary one, as before there were slots. */
static void odd_child_add(struct process *p, pid_t pid, int sig, int pidfd)
{
	for (size_t i = 0; i < sizeof(p->odd_children) / sizeof(p->odd_children[0]); i++) {
		struct odd_child *c = &p->odd_children[i];
		pid_t free_slot = 0;
		/* taken first (-1: being filled, which no reader matches), then
		 * filled, then named: another thread's fork cannot write into it */
		if (!__atomic_compare_exchange_n(&c->pid, &free_slot, -1, false, __ATOMIC_ACQ_REL,
						 __ATOMIC_RELAXED))
			continue;
		c->sig = sig;
		c->pidfd = pidfd;
		__atomic_store_n(&c->pid, pid, __ATOMIC_RELEASE);
		return;
	}
}

/* A pipe of emu's own (ownfd.h), so that a guest's descriptor numbers
 * after clone are what they would be natively; where RLIMIT_NOFILE keeps
 * emu from its numbers (a guest lowered it), an ordinary one. */
static int own_pipe(int fds[2])
{
	if (pipe2(fds, O_CLOEXEC) < 0)
		return -1;
	for (int i = 0; i < 2; i++) {
		int high = fcntl(fds[i], F_DUPFD_CLOEXEC, EMU_FD_BASE);
		if (high >= EMU_FD_BASE && high < EMU_FD_BASE + EMU_FD_SPAN) {
			close(fds[i]);
			fds[i] = own_fd_adopt(high);
		} else if (high >= 0) {
			close(high);
		}
	}
	return 0;
}

#define CLONE_NS (CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET | CLONE_NEWCGROUP | \
		  CLONE_NEWUSER | CLONE_NEWTIME)

long process_fork(struct task *t, uint64_t flags, int exit_signal, uint64_t stack, uint64_t ptid,
		  uint64_t ctid, uint64_t pidfd_at)
{
	int vfork_pipe[2] = { -1, -1 }, ns_pipe[2] = { -1, -1 };
	if ((flags & CLONE_VFORK) && own_pipe(vfork_pipe) < 0)
		return -errno;
	/* the child's namespaces: it unshares them and says how that went */
	if ((flags & CLONE_NS) && own_pipe(ns_pipe) < 0) {
		int e = errno;
		if (vfork_pipe[0] >= 0)
			own_fd_close(vfork_pipe[0]), own_fd_close(vfork_pipe[1]);
		return -e;
	}
	fflush(NULL);	/* nothing buffered may come out twice */
	task_reap(t->process, true);
	/* No host signal's handler runs in the child before it has made
	 * itself one task again: until then it would find the parent's
	 * tasks, whose threads the child does not have */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	pid_t pid = fork();
	int fork_errno = errno;
	struct process *p = t->process;
	int pidfd = -1;
	if (pid > 0 && (flags & CLONE_PIDFD))
		pidfd = syscall(SYS_pidfd_open, pid, 0);
	if (pid > 0 && exit_signal != SIGCHLD)
		odd_child_add(p, pid, exit_signal, pidfd);
	if (pid != 0)
		pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (pid < 0)
		return -fork_errno;
	if (pid == 0) {
		/* the child has one task: the one that forked; the others'
		 * structs stay behind unused (their host threads are gone) */
		p->tasks[0] = t;
		p->ntasks = 1;
		p->running = 0;		/* the block hooks stay: harmless */
		p->stopping = false;
		p->host_threads = 0;
		free(p->zombies);	/* the parent's threads */
		p->zombies = NULL;
		p->nzombies = 0;
		p->forked = true;
		memset(p->odd_children, 0, sizeof(p->odd_children));	/* its parent's */
		pthread_mutex_init(&p->lock, NULL);
		pthread_mutex_init(&p->reap_lock, NULL);
		pthread_cond_init(&p->cond, NULL);
		t->tid = getpid();
		t->host_thread = pthread_self();
		t->counted = t->stopped_world = t->rejoin = false;
		gdb_forget(p);	/* the child runs on undebugged, as under qemu */
		if (p->log)
			log_forked(p);
		if (vfork_pipe[0] >= 0)
			own_fd_close(vfork_pipe[0]);	/* the write end goes at exec or exit */
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		if (ns_pipe[1] >= 0) {
			int e = unshare(flags & CLONE_NS) < 0 ? errno : 0;
			while (write(ns_pipe[1], &e, sizeof(e)) < 0 && errno == EINTR)
				;
			if (e)
				_exit(127);	/* the parent reaps it and fails the clone */
			own_fd_close(ns_pipe[0]);
			own_fd_close(ns_pipe[1]);
		}
		if (stack)
			cpu_reg_write(t, p->arch->sp_reg, stack);
		pid_t self = getpid();
		if ((flags & CLONE_CHILD_SETTID) && guest_write(p->mm, ctid, &self, 4))
			return -EFAULT;
		if (flags & CLONE_CHILD_CLEARTID)
			t->clear_child_tid = ctid;
		return 0;
	}
	if (ns_pipe[0] >= 0) {
		int e = EIO;
		own_fd_close(ns_pipe[1]);
		while (read(ns_pipe[0], &e, sizeof(e)) < 0 && errno == EINTR)
			;
		own_fd_close(ns_pipe[0]);
		if (e) {
			struct odd_child *c = process_odd_child(p, pid, -1);
			waitpid(pid, NULL, __WALL);
			if (c)
				process_odd_child_reaped(c);
			if (pidfd >= 0)
				close(pidfd);
			if (vfork_pipe[0] >= 0)
				own_fd_close(vfork_pipe[0]), own_fd_close(vfork_pipe[1]);
			return -e;
		}
	}
	p->forked = true;
	trace_attach(t, 1);
	if (flags & CLONE_PARENT_SETTID)
		guest_write(p->mm, ptid, &pid, 4);
	if ((flags & CLONE_PIDFD) && pidfd >= 0)
		guest_write(p->mm, pidfd_at, &pidfd, 4);
	if (vfork_pipe[0] >= 0) {
		char c;
		own_fd_close(vfork_pipe[1]);
		while (read(vfork_pipe[0], &c, 1) < 0 && errno == EINTR)
			;
		own_fd_close(vfork_pipe[0]);
	}
	return pid;
}

long process_exec(struct task *t, const char *file, char **argv, char **envp)
{
	/* What execve keeps of the signal state (begin_new_exec): the mask,
	 * and the signals ignored; handled ones go back to SIG_DFL.  The host
	 * kernel keeps both for the new emu, which starts the guest with
	 * them (signal_host_init). */
	struct sigaction ign = { .sa_handler = SIG_IGN }, old[NSIG_GUEST + 1];
	bool set[NSIG_GUEST + 1] = { false };
	for (int sig = 1; sig <= NSIG_GUEST; sig++)
		if (sig != SIGKILL && sig != SIGSTOP && sig != KICK_SIGNAL &&
		    t->sighand->action[sig].handler == (uint64_t)SIG_IGN)
			set[sig] = sigaction(sig, &ign, &old[sig]) == 0;
	sigset_t mask, host_old;
	sigemptyset(&mask);
	for (int sig = 1; sig <= NSIG_GUEST; sig++)
		if ((t->sigmask & SIGBIT(sig)) && sig != KICK_SIGNAL)
			sigaddset(&mask, sig);
	fflush(NULL);
	pthread_sigmask(SIG_SETMASK, &mask, &host_old);
	const struct emu_config *cfg = t->process->cfg;
	if (file)
		execve(file, argv, envp);
	else if (cfg->self_fd >= 0)
		syscall(SYS_execveat, cfg->self_fd, "", argv, envp, AT_EMPTY_PATH);
	else
		execve(cfg->self, argv, envp);
	long r = -errno;
	pthread_sigmask(SIG_SETMASK, &host_old, NULL);
	for (int sig = 1; sig <= NSIG_GUEST; sig++)
		if (set[sig])
			sigaction(sig, &old[sig], NULL);
	return r;
}

/* Die as the guest died, so the parent sees the same wait status. */
static int die_by(int sig)
{
	fflush(NULL);
	struct rlimit no_core = { 0, 0 };
	setrlimit(RLIMIT_CORE, &no_core);
	signal(sig, SIG_DFL);
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(sig);
	return 128 + sig;
}

static int report_fault(struct task *t)
{
	const struct process *p = t->process;
	if (t->fault_has_addr)
		fprintf(stderr, "emu: %s: %s at pc 0x%llx, address 0x%llx\n", p->cfg->path,
			strsignal(p->killed_by), (unsigned long long)t->fault_pc,
			(unsigned long long)t->fault_addr);
	else
		fprintf(stderr, "emu: %s: %s at pc 0x%llx\n", p->cfg->path,
			strsignal(p->killed_by), (unsigned long long)t->fault_pc);
	return die_by(p->killed_by);
}

bool process_group_exit(struct task *t, int status, int sig)
{
	struct process *p = t->process;
	if (__atomic_exchange_n(&p->ending, 1, __ATOMIC_ACQ_REL))
		return false;	/* another task is ending it already */
	__atomic_store_n(&p->ender, t, __ATOMIC_RELEASE);
	p->exit_status = status & 0xff;
	if (sig)
		__atomic_store_n(&p->killed_by, sig, __ATOMIC_RELEASE);
	else
		__atomic_store_n(&p->exited, true, __ATOMIC_RELEASE);
	return true;
}

int process_end(struct task *t)
{
	struct process *p = t->process;
	/* the task that ended the process finishes it; any other that gets
	 * here waits for the host process to go */
	while (__atomic_load_n(&p->ender, __ATOMIC_ACQUIRE) != t)
		pause();
	const struct emu_config *cfg = p->cfg;
	gdb_exit(p);
	if (cfg->trace.shared) {
		/* every task still there ends with it, each with its line */
		for (int i = 0; i < p->ntasks; i++)
			if (p->tasks[i] != t)
				trace_exit(p->tasks[i], p->exit_status, p->exited ? 0 : p->killed_by, 1);
		trace_exit(t, p->exit_status, p->exited ? 0 : p->killed_by, 1);
	}
	if (cfg->trace.summary && trace_first(&cfg->trace))
		summary_print(p, cfg->trace.out);
	fflush(NULL);
	if (p->exited)
		return p->exit_status;
	if (p->killed_by == t->fault_report)
		return report_fault(t);
	return die_by(p->killed_by);
}

void process_task_done(struct task *t)
{
	struct process *p = t->process;
	if (t->thread_exit) {
		task_exit(t);
		if (__atomic_load_n(&p->ntasks, __ATOMIC_ACQUIRE) > 0) {
			trace_exit(t, t->exit_code, 0, 1);	/* the last one's is the process's */
			return;
		}
		/* the last task's exit() ends the process */
		process_group_exit(t, p->last_exit_code, 0);
	}
	_exit(process_end(t));
}

int process_wait_tasks(struct task *t)
{
	struct process *p = t->process;
	if (t->thread_exit) {
		/* the first task left by exit(): the process lasts until the
		 * last one does */
		task_exit(t);
		pthread_mutex_lock(&p->lock);
		while (p->ntasks > 0)
			pthread_cond_wait(&p->cond, &p->lock);
		pthread_mutex_unlock(&p->lock);
		process_group_exit(t, p->last_exit_code, 0);
	} else if (p->ntasks > 1) {
		_exit(process_end(t));	/* other tasks still run: no tear-down */
	}
	return process_end(t);
}
