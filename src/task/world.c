/* The world-stop protocol.  Guest code runs in parallel: emu's Unicorn is
 * built for parallel CPUs (tools/unicorn.patch), so guest atomics (lock
 * cmpxchg, amo*, lr/sc) are host atomics on the shared memory.  Syscalls
 * run outside guest code (world_leave/world_enter around them), so a task
 * blocked in one never holds up the others; vDSO calls, short and never
 * blocking, count as guest code (one that stops the world steps out first).
 *
 * A memory-map change stops the world first: the changer waits until no
 * other task is in guest code (those that are stop at their next block:
 * world_stop_cpu, Unicorn's cross-thread kick), makes the change, and
 * bumps a generation; a task entering guest code again flushes its TLB
 * (and translated code, for a change to executable pages) when the
 * generation moved.  So no engine uses a stale TLB entry.  Not
 * uc_emu_stop() from another thread: it can land mid-block in Unicorn and
 * run an instruction twice; uc_emu_kick() (tools/unicorn.patch) stops only
 * between blocks. */
#include "world.h"

void world_stop_cpu(struct task *to)
{
	/* the CPU is not closed under us: task_reap() waits for cpu_users */
	__atomic_add_fetch(&to->cpu_users, 1, __ATOMIC_SEQ_CST);
	if (!__atomic_load_n(&to->cpu_gone, __ATOMIC_SEQ_CST))
		uc_emu_kick(to->uc);
	__atomic_sub_fetch(&to->cpu_users, 1, __ATOMIC_SEQ_CST);
}

static bool multi(const struct process *p)
{
	return __atomic_load_n(&p->ntasks, __ATOMIC_ACQUIRE) > 1;
}

void world_leave(struct task *t)
{
	struct process *p = t->process;
	if (t->counted) {
		pthread_mutex_lock(&p->lock);
		t->counted = false;
		if (--p->running == 0)
			pthread_cond_broadcast(&p->cond);
		pthread_mutex_unlock(&p->lock);
	}
}

void world_enter(struct task *t)
{
	struct process *p = t->process;
	/* One task alone needs no count: only it could change the map. */
	if (multi(p)) {
		pthread_mutex_lock(&p->lock);
		while (p->stopping)
			pthread_cond_wait(&p->cond, &p->lock);
		p->running++;
		t->counted = true;
		pthread_mutex_unlock(&p->lock);
	}
	if (t->seen_code_gen != __atomic_load_n(&p->code_gen, __ATOMIC_ACQUIRE)) {
		uc_ctl_flush_tb(t->uc);
		t->seen_code_gen = p->code_gen;
	}
	if (t->seen_gen != __atomic_load_n(&p->gen, __ATOMIC_ACQUIRE)) {
		uc_ctl_flush_tlb(t->uc);
		t->seen_gen = p->gen;
	}
}

void world_stop(struct task *t)
{
	struct process *p = t->process;
	if (!multi(p))
		return;
	/* from guest code (a vDSO entry): not waiting for itself */
	t->rejoin = t->counted;
	if (t->rejoin)
		world_leave(t);
	pthread_mutex_lock(&p->lock);
	while (p->stopping)	/* one change at a time */
		pthread_cond_wait(&p->cond, &p->lock);
	p->stopping = true;
	t->stopped_world = true;
	for (int i = 0; i < p->ntasks; i++)
		if (p->tasks[i]->counted)
			world_stop_cpu(p->tasks[i]);
	while (p->running > 0)
		pthread_cond_wait(&p->cond, &p->lock);
	pthread_mutex_unlock(&p->lock);
}

void world_resume(struct task *t, enum mm_stale stale)
{
	struct process *p = t->process;
	if (stale == MM_STALE_CODE)
		__atomic_add_fetch(&p->code_gen, 1, __ATOMIC_RELEASE);
	if (stale != MM_STALE_NONE)
		__atomic_add_fetch(&p->gen, 1, __ATOMIC_RELEASE);
	t->seen_gen = p->gen;		/* the changer flushed its own already */
	t->seen_code_gen = p->code_gen;
	if (t->stopped_world) {
		t->stopped_world = false;
		pthread_mutex_lock(&p->lock);
		p->stopping = false;
		pthread_cond_broadcast(&p->cond);
		pthread_mutex_unlock(&p->lock);
	}
	if (t->rejoin) {
		t->rejoin = false;
		world_enter(t);
	}
}
