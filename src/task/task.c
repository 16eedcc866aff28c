/* Tasks: created (the first at start, the others by clone), kicked, looked
 * up and ended.  Each runs on its own host thread with its own Unicorn
 * engine; all engines map the one host reservation, so memory is shared as
 * it is between Linux threads (world.c says how map changes stay safe). */
#include "task.h"

#include <errno.h>
#include <linux/futex.h>
#include <linux/sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../arch/cpu.h"
#include "../log/log.h"
#include "../vdso/vdso.h"
#include "world.h"

__thread struct task *task_current;

extern const char safe_syscall_start[], safe_syscall_end[], safe_syscall_interrupted[];

void safe_syscall_rewind(void *uctx)
{
	greg_t *pc = &((ucontext_t *)uctx)->uc_mcontext.gregs[REG_RIP];
	if (*pc >= (greg_t)safe_syscall_start && *pc < (greg_t)safe_syscall_end)
		*pc = (greg_t)safe_syscall_interrupted;
}

static void on_kick(int sig, siginfo_t *si, void *uctx)
{
	(void)sig, (void)si;	/* being interrupted is the point */
	safe_syscall_rewind(uctx);
}

struct task *task_first(struct process *p)
{
	struct task *t = calloc(1, sizeof(*t));
	struct sighand *sh = calloc(1, sizeof(*sh));
	if (!t || !sh) {
		free(t);
		free(sh);
		return NULL;
	}
	t->process = p;
	t->sighand = sh;
	sh->count = 1;
	t->tid = getpid();
	t->host_thread = pthread_self();
	t->altstack[1] = SS_DISABLE;	/* no alternate stack yet */
	p->tasks[p->ntasks++] = t;
	task_current = t;
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_kick;
	sa.sa_flags = SA_SIGINFO;	/* no SA_RESTART: blocking calls must return */
	sigaction(KICK_SIGNAL, &sa, NULL);
	return t;
}

void task_free(struct task *t)
{
	if (!t)
		return;
	if (t->uc)
		uc_close(t->uc);
	if (t->sighand && __atomic_sub_fetch(&t->sighand->count, 1, __ATOMIC_ACQ_REL) == 0)
		free(t->sighand);
	free(t->vdso_hooks);
	free(t->gdb);
	free(t);
}

struct task *task_for_signal(struct process *p, int sig)
{
	int n = __atomic_load_n(&p->ntasks, __ATOMIC_ACQUIRE);
	for (int i = 0; i < n; i++)
		if (!(p->tasks[i]->sigmask & SIGBIT(sig)))
			return p->tasks[i];
	return p->tasks[0];
}

struct task *task_by_tid(struct process *p, pid_t tid)
{
	int n = __atomic_load_n(&p->ntasks, __ATOMIC_ACQUIRE);
	for (int i = 0; i < n; i++)
		if (p->tasks[i]->tid == tid)
			return p->tasks[i];
	return NULL;
}

void task_kick(struct task *from, struct task *to)
{
	__atomic_store_n(&to->interrupted, 1, __ATOMIC_SEQ_CST);	/* see safe_syscall.S */
	if (to->process->block_hooks) {
		/* its block hook stops it; a blocking host call needs a signal */
		__atomic_store_n(&to->stop_asked, true, __ATOMIC_RELEASE);
	} else {
		/* one task, so no block hook: Unicorn's own asynchronous stop */
		__atomic_fetch_add(&to->kicks, 1, __ATOMIC_SEQ_CST);
		uc_emu_stop(to->uc);
	}
	if (to != from)
		pthread_kill(to->host_thread, KICK_SIGNAL);
}

static void *task_thread(void *arg)
{
	struct task *t = arg;
	struct process *p = t->process;
	task_current = t;
	pthread_mutex_lock(&p->lock);
	t->tid = gettid();
	pthread_cond_broadcast(&p->cond);
	while (!t->started)	/* the parent writes the tids first */
		pthread_cond_wait(&p->cond, &p->lock);
	pthread_mutex_unlock(&p->lock);
	p->task_main(t);
	pthread_mutex_lock(&p->lock);
	p->host_threads--;
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

/* A new task: the thread-local state of its own, the rest shared. */
static struct task *task_new(struct task *parent, uint64_t flags, uint64_t ctid)
{
	struct process *p = parent->process;
	struct task *t = calloc(1, sizeof(*t));
	if (!t)
		return NULL;
	t->process = p;
	t->sighand = parent->sighand;
	__atomic_add_fetch(&t->sighand->count, 1, __ATOMIC_RELAXED);
	t->sigmask = parent->sigmask;
	t->host_tty_mask = parent->host_tty_mask;	/* its host thread inherits the mask */
	t->altstack[1] = SS_DISABLE;
	t->clear_child_tid = flags & CLONE_CHILD_CLEARTID ? ctid : 0;
	t->seen_gen = p->gen;
	t->seen_code_gen = p->code_gen;
	if (p->arch->cpu_init(t, false) || vdso_hook_task(t) || hostcall_hook_task(t) || world_hook(parent, t) || log_task(t)) {
		task_free(t);
		return NULL;
	}
	/* The child starts where the parent returns from clone, with 0. */
	p->arch->copy_regs(parent, t);
	return t;
}

long task_clone(struct task *parent, uint64_t flags, uint64_t stack, uint64_t ptid,
		uint64_t ctid, uint64_t tls)
{
	struct process *p = parent->process;
	const struct arch *arch = p->arch;
	if (p->ntasks >= p->cap)
		return -EAGAIN;
	struct task *t = task_new(parent, flags, ctid);
	if (!t)
		return -EAGAIN;
	cpu_reg_write(t, arch->pc_reg, arch->pc(parent) + arch->syscall_pc_offset);
	t->gpr[arch->ret_gpr] = 0;
	if (stack)
		cpu_reg_write(t, arch->sp_reg, stack);
	if (flags & CLONE_SETTLS)
		arch->set_tls(t, tls);
	p->mm->shared = true;
	p->forked = true;
	pthread_attr_t attr;
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 8 << 20);
	task_reap(p, false);
	pthread_mutex_lock(&p->lock);
	p->tasks[p->ntasks] = t;
	__atomic_store_n(&p->ntasks, p->ntasks + 1, __ATOMIC_RELEASE);
	int err = pthread_create(&t->host_thread, &attr, task_thread, t);
	pthread_attr_destroy(&attr);
	p->host_threads += !err;
	t->joinable = !err;
	if (err) {
		__atomic_store_n(&p->ntasks, p->ntasks - 1, __ATOMIC_RELEASE);
		pthread_mutex_unlock(&p->lock);
		task_free(t);
		return -err;
	}
	while (!t->tid)
		pthread_cond_wait(&p->cond, &p->lock);
	pid_t tid = t->tid;
	if (flags & CLONE_PARENT_SETTID)
		guest_write(p->mm, ptid, &tid, 4);
	if (flags & CLONE_CHILD_SETTID)
		guest_write(p->mm, ctid, &tid, 4);
	t->started = true;
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
	return tid;
}

/* Under p->lock: a host thread to be joined (detached, so that it is freed
 * all the same, if there is no room to keep it). */
static void zombie_push(struct process *p, pthread_t th)
{
	pthread_t *z = realloc(p->zombies, (p->nzombies + 1) * sizeof(*z));
	if (!z) {
		pthread_detach(th);
		return;
	}
	p->zombies = z;
	p->zombies[p->nzombies++] = th;
}

void task_reap(struct process *p, bool wait)
{
	pthread_mutex_lock(&p->reap_lock);
	pthread_mutex_lock(&p->lock);
	pthread_t *z = p->zombies;
	int n = p->nzombies;
	p->zombies = NULL;
	p->nzombies = 0;
	pthread_mutex_unlock(&p->lock);
	for (int i = 0; i < n; i++) {
		if ((wait ? pthread_join(z[i], NULL) : pthread_tryjoin_np(z[i], NULL)) == 0)
			continue;
		pthread_mutex_lock(&p->lock);
		zombie_push(p, z[i]);	/* still on its way out */
		pthread_mutex_unlock(&p->lock);
	}
	free(z);
	pthread_mutex_unlock(&p->reap_lock);
}

void task_exit(struct task *t)
{
	struct process *p = t->process;
	/* a fork that follows the guest's join waits for the host thread */
	pthread_mutex_lock(&p->lock);
	if (t->joinable)
		zombie_push(p, t->host_thread);
	t->joinable = false;
	pthread_mutex_unlock(&p->lock);
	/* CLONE_CHILD_CLEARTID / set_tid_address: how pthread_join learns */
	if (t->clear_child_tid) {
		uint32_t zero = 0;
		void *addr = guest_ptr(p->mm, t->clear_child_tid, 4, PROT_WRITE);
		if (addr) {
			memcpy(addr, &zero, 4);
			syscall(SYS_futex, addr, FUTEX_WAKE, 1, NULL, NULL, 0);
		}
	}
	pthread_mutex_lock(&p->lock);
	for (int i = 0; i < p->ntasks; i++) {
		if (p->tasks[i] == t) {
			p->tasks[i] = p->tasks[p->ntasks - 1];
			__atomic_store_n(&p->ntasks, p->ntasks - 1, __ATOMIC_RELEASE);
			break;
		}
	}
	p->last_exit_code = t->exit_code;
	uc_close(t->uc);	/* the struct stays: signal handlers may still look */
	t->uc = NULL;
	struct task **r = realloc(p->retired, (p->nretired + 1) * sizeof(*r));
	if (r) {
		p->retired = r;
		p->retired[p->nretired++] = t;
	}
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
}
