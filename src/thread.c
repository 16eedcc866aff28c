/* Guest threads.  Each runs on its own host thread with its own Unicorn
 * engine; all engines map the one host reservation, so memory is shared as
 * it is between Linux threads.
 *
 * Guest code runs in parallel: emu's Unicorn is built for parallel CPUs
 * (tools/unicorn.patch), so guest atomics (lock cmpxchg, amo*,
 * lr/sc) are host atomics on the shared memory.  Syscalls run outside
 * guest code (thread_leave/thread_enter around them), so a thread blocked
 * in one never holds up the others; vDSO calls, short and never blocking,
 * count as guest code (one that stops the world steps out first).
 *
 * A memory-map change stops the world first: the changer waits until no
 * other thread is in guest code (those that are stop at their next block,
 * from their own block hook), makes the change, and bumps a generation; a
 * thread entering guest code again flushes its TLB (and translated code,
 * for a change to executable pages) when the generation moved.  So no
 * engine uses a stale TLB entry.  Every such stop is made by the thread
 * itself: a uc_emu_stop() from another thread can land mid-block in
 * Unicorn and run an instruction twice. */
#include "thread.h"

#include <errno.h>
#include <linux/futex.h>
#include <linux/sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "cpu.h"
#include "run.h"
#include "vdso/vdso.h"

#define MAX_THREADS 1024


static __thread struct guest *self;

struct guest *thread_self(void)
{
	return self;
}

void thread_set_self(struct guest *g)
{
	self = g;
}

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

int proc_init(struct guest *g)
{
	struct proc *p = calloc(1, sizeof(*p));
	if (!p || !(p->threads = calloc(MAX_THREADS, sizeof(*p->threads))))
		return -1;
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->cond, NULL);
	p->cap = MAX_THREADS;	/* fixed: host signal handlers read it unlocked */
	p->threads[p->nthreads++] = g;
	g->proc = p;
	g->tid = getpid();
	g->host_thread = pthread_self();
	self = g;
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_kick;
	sa.sa_flags = SA_SIGINFO;	/* no SA_RESTART: blocking calls must return */
	sigaction(KICK_SIGNAL, &sa, NULL);
	return 0;
}

void proc_destroy(struct proc *p)
{
	if (!p)
		return;
	/* the exited threads' host threads finish first */
	pthread_mutex_lock(&p->lock);
	while (p->host_threads > 0)
		pthread_cond_wait(&p->cond, &p->lock);
	pthread_mutex_unlock(&p->lock);
	for (int i = 0; i < p->nretired; i++) {
		free(p->retired[i]->vdso_hooks);
		free(p->retired[i]);
	}
	free(p->retired);
	free(p->threads);
	free(p->vdso_entries);
	free(p);
}

void thread_retire(struct guest *g)
{
	struct proc *p = g->proc;
	pthread_mutex_lock(&p->lock);
	struct guest **r = realloc(p->retired, (p->nretired + 1) * sizeof(*r));
	if (r) {
		p->retired = r;
		p->retired[p->nretired++] = g;
	}
	pthread_mutex_unlock(&p->lock);
}

static bool multi(const struct proc *p)
{
	return __atomic_load_n(&p->nthreads, __ATOMIC_ACQUIRE) > 1;
}

void thread_leave(struct guest *g)
{
	struct proc *p = g->proc;
	if (g->counted) {
		pthread_mutex_lock(&p->lock);
		g->counted = false;
		if (--p->running == 0)
			pthread_cond_broadcast(&p->cond);
		pthread_mutex_unlock(&p->lock);
	}
}

void thread_enter(struct guest *g)
{
	struct proc *p = g->proc;
	/* One thread alone needs no count: only it could change the map. */
	if (multi(p)) {
		pthread_mutex_lock(&p->lock);
		while (p->stopping)
			pthread_cond_wait(&p->cond, &p->lock);
		p->running++;
		g->counted = true;
		pthread_mutex_unlock(&p->lock);
	}
	if (g->seen_code_gen != __atomic_load_n(&p->code_gen, __ATOMIC_ACQUIRE)) {
		uc_ctl_flush_tb(g->uc);
		g->seen_code_gen = p->code_gen;
	}
	if (g->seen_gen != __atomic_load_n(&p->gen, __ATOMIC_ACQUIRE)) {
		uc_ctl_flush_tlb(g->uc);
		g->seen_gen = p->gen;
	}
}

void world_stop(struct guest *g)
{
	struct proc *p = g->proc;
	if (!multi(p))
		return;
	/* from guest code (a vDSO entry): not waiting for itself */
	g->rejoin = g->counted;
	if (g->rejoin)
		thread_leave(g);
	pthread_mutex_lock(&p->lock);
	while (p->stopping)	/* one change at a time */
		pthread_cond_wait(&p->cond, &p->lock);
	p->stopping = true;
	g->stopped_world = true;
	for (int i = 0; i < p->nthreads; i++)
		if (p->threads[i]->counted)
			__atomic_store_n(&p->threads[i]->stop_asked, true, __ATOMIC_RELEASE);
	while (p->running > 0)
		pthread_cond_wait(&p->cond, &p->lock);
	pthread_mutex_unlock(&p->lock);
}

void world_resume(struct guest *g, enum mm_stale stale)
{
	struct proc *p = g->proc;
	if (stale == MM_STALE_CODE)
		__atomic_add_fetch(&p->code_gen, 1, __ATOMIC_RELEASE);
	if (stale != MM_STALE_NONE)
		__atomic_add_fetch(&p->gen, 1, __ATOMIC_RELEASE);
	g->seen_gen = p->gen;		/* the changer flushed its own already */
	g->seen_code_gen = p->code_gen;
	if (g->stopped_world) {
		g->stopped_world = false;
		pthread_mutex_lock(&p->lock);
		p->stopping = false;
		pthread_cond_broadcast(&p->cond);
		pthread_mutex_unlock(&p->lock);
	}
	if (g->rejoin) {
		g->rejoin = false;
		thread_enter(g);
	}
}

/* At every block, once there are threads: stop here if asked to (a signal,
 * a world-stop).  Stopping from the thread's own hook is exact; the run
 * loop then waits out the world-stop or delivers the signal. */
static void on_block(uc_engine *uc, uint64_t addr, uint32_t size, void *opaque)
{
	struct guest *g = opaque;
	(void)addr, (void)size;
	if (__atomic_load_n(&g->stop_asked, __ATOMIC_RELAXED) &&
	    __atomic_exchange_n(&g->stop_asked, false, __ATOMIC_ACQ_REL)) {
		__atomic_fetch_add(&g->kicks, 1, __ATOMIC_SEQ_CST);
		uc_emu_stop(uc);
	}
}

static int add_block_hook(struct guest *g)
{
	uc_hook h;
	return uc_hook_add(g->uc, &h, UC_HOOK_BLOCK, on_block, g, 1, 0) ? -1 : 0;
}

struct guest *thread_for_signal(struct proc *p, int sig)
{
	int n = __atomic_load_n(&p->nthreads, __ATOMIC_ACQUIRE);
	for (int i = 0; i < n; i++)
		if (!(p->threads[i]->sigmask & SIGBIT(sig)))
			return p->threads[i];
	return p->threads[0];
}

struct guest *thread_by_tid(struct proc *p, pid_t tid)
{
	int n = __atomic_load_n(&p->nthreads, __ATOMIC_ACQUIRE);
	for (int i = 0; i < n; i++)
		if (p->threads[i]->tid == tid)
			return p->threads[i];
	return NULL;
}

void thread_kick(struct guest *from, struct guest *t)
{
	__atomic_store_n(&t->interrupted, 1, __ATOMIC_SEQ_CST);	/* see safe_syscall.S */
	if (t->proc->block_hooks) {
		/* its block hook stops it; a blocking host call needs a signal */
		__atomic_store_n(&t->stop_asked, true, __ATOMIC_RELEASE);
	} else {
		/* one thread, so no block hook: Unicorn's own asynchronous stop */
		__atomic_fetch_add(&t->kicks, 1, __ATOMIC_SEQ_CST);
		uc_emu_stop(t->uc);
	}
	if (t != from)
		pthread_kill(t->host_thread, KICK_SIGNAL);
}

static void *thread_main(void *arg)
{
	struct guest *t = arg;
	struct proc *p = t->proc;
	self = t;
	pthread_mutex_lock(&p->lock);
	t->tid = gettid();
	pthread_cond_broadcast(&p->cond);
	while (!t->started)	/* the parent writes the tids first */
		pthread_cond_wait(&p->cond, &p->lock);
	pthread_mutex_unlock(&p->lock);
	guest_run(t, t->arch->pc(t));
	guest_thread_ended(t);
	pthread_mutex_lock(&p->lock);
	p->host_threads--;
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

long thread_clone(struct guest *g, uint64_t flags, uint64_t stack, uint64_t ptid,
		  uint64_t ctid, uint64_t tls)
{
	struct proc *p = g->proc;
	if (!(flags & CLONE_THREAD) || !(flags & CLONE_SIGHAND)) {
		fprintf(stderr, "emu: clone(CLONE_VM) of a process sharing memory is not supported\n");
		return -EINVAL;
	}
	if (p->nthreads >= p->cap)
		return -EAGAIN;
	struct guest *t = malloc(sizeof(*t));
	if (!t)
		return -ENOMEM;
	*t = *g;	/* shares memory, dispositions, accounting, configuration */
	t->uc = NULL;
	t->tid = 0;
	t->started = false;
	t->counted = t->stopped_world = t->rejoin = false;
	t->kicks = 0;
	t->interrupted = 0;
	t->stop_asked = false;
	t->thread_exit = t->exited = false;
	t->pending = 0;
	t->sigreturn = t->restart_syscall = t->have_saved_mask = false;
	t->fault_sig = t->fault_code = t->killed_by = t->fault_report = 0;
	t->fault_has_addr = false;
	t->altstack[0] = t->altstack[2] = 0;
	t->altstack[1] = SS_DISABLE;
	t->clear_child_tid = flags & CLONE_CHILD_CLEARTID ? ctid : 0;
	t->vdso_hooks = NULL;
	t->nvdso_hooks = 0;
	t->tlb_fills = 0;
	t->seen_gen = p->gen;
	t->seen_code_gen = p->code_gen;
	/* The block hook must be there before any code is translated; the
	 * first time, the parent's cached code is dropped to get it too. */
	if (!p->block_hooks) {
		if (add_block_hook(g))
			return -EAGAIN;
		uc_ctl_flush_tb(g->uc);
		p->block_hooks = true;
	}
	if (t->arch->cpu_init(t, false) || vdso_hook_thread(t) || add_block_hook(t)) {
		if (t->uc)
			uc_close(t->uc);
		free(t->vdso_hooks);
		free(t);
		return -EAGAIN;
	}
	/* The child starts where the parent returns from clone, with 0. */
	t->arch->copy_regs(g, t);
	cpu_reg_write(t, t->arch->pc_reg, g->arch->pc(g) + g->arch->syscall_pc_offset);
	t->gpr[t->arch->ret_gpr] = 0;
	if (stack)
		cpu_reg_write(t, t->arch->sp_reg, stack);
	if (flags & CLONE_SETTLS)
		t->arch->set_tls(t, tls);
	g->mm->shared = true;
	g->forked = t->forked = true;
	pthread_attr_t attr;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&attr, 8 << 20);
	pthread_mutex_lock(&p->lock);
	p->threads[p->nthreads] = t;
	__atomic_store_n(&p->nthreads, p->nthreads + 1, __ATOMIC_RELEASE);
	int err = pthread_create(&t->host_thread, &attr, thread_main, t);
	pthread_attr_destroy(&attr);
	p->host_threads += !err;
	if (err) {
		__atomic_store_n(&p->nthreads, p->nthreads - 1, __ATOMIC_RELEASE);
		pthread_mutex_unlock(&p->lock);
		uc_close(t->uc);
		free(t->vdso_hooks);
		free(t);
		return -err;
	}
	while (!t->tid)
		pthread_cond_wait(&p->cond, &p->lock);
	pid_t tid = t->tid;
	if (flags & CLONE_PARENT_SETTID)
		guest_write(g->mm, ptid, &tid, 4);
	if (flags & CLONE_CHILD_SETTID)
		guest_write(g->mm, ctid, &tid, 4);
	t->started = true;
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
	return tid;
}

void thread_finish(struct guest *g)
{
	struct proc *p = g->proc;
	/* CLONE_CHILD_CLEARTID / set_tid_address: how pthread_join learns */
	if (g->clear_child_tid) {
		uint32_t zero = 0;
		void *addr = guest_ptr(g->mm, g->clear_child_tid, 4, PROT_WRITE);
		if (addr) {
			memcpy(addr, &zero, 4);
			syscall(SYS_futex, addr, FUTEX_WAKE, 1, NULL, NULL, 0);
		}
	}
	pthread_mutex_lock(&p->lock);
	for (int i = 0; i < p->nthreads; i++) {
		if (p->threads[i] == g) {
			p->threads[i] = p->threads[p->nthreads - 1];
			__atomic_store_n(&p->nthreads, p->nthreads - 1, __ATOMIC_RELEASE);
			break;
		}
	}
	p->last_exit_status = g->exit_status;
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
}
