/* The world-stop protocol.  Guest code runs in parallel: emu's Unicorn is
 * built for parallel CPUs (tools/unicorn.patch), so guest atomics (lock
 * cmpxchg, amo*, lr/sc) are host atomics on the shared memory.  Syscalls
 * run outside guest code (world_leave/world_enter around them), so a task
 * blocked in one never holds up the others; vDSO calls, short and never
 * blocking, count as guest code (one that stops the world steps out first).
 *
 * A memory-map change stops the world first: the changer waits until no
 * other task is in guest code (those that are stop at their next block,
 * from their own block hook), makes the change, and bumps a generation; a
 * task entering guest code again flushes its TLB (and translated code, for
 * a change to executable pages) when the generation moved.  So no engine
 * uses a stale TLB entry.  Every such stop is made by the task itself: a
 * uc_emu_stop() from another thread can land mid-block in Unicorn and run
 * an instruction twice. */
#include "world.h"

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
			__atomic_store_n(&p->tasks[i]->stop_asked, true, __ATOMIC_RELEASE);
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

/* At every block, once there are tasks: stop here if asked to (a signal,
 * a world-stop).  Stopping from the task's own hook is exact; the run loop
 * then waits out the world-stop or delivers the signal. */
static void on_block(uc_engine *uc, uint64_t addr, uint32_t size, void *opaque)
{
	struct task *t = opaque;
	(void)addr, (void)size;
	if (__atomic_load_n(&t->stop_asked, __ATOMIC_RELAXED) &&
	    __atomic_exchange_n(&t->stop_asked, false, __ATOMIC_ACQ_REL)) {
		__atomic_fetch_add(&t->kicks, 1, __ATOMIC_SEQ_CST);
		uc_emu_stop(uc);
	}
}

static int add_block_hook(struct task *t)
{
	uc_hook h;
	return uc_hook_add(t->uc, &h, UC_HOOK_BLOCK, on_block, t, 1, 0) ? -1 : 0;
}

int world_hook(struct task *parent, struct task *t)
{
	struct process *p = t->process;
	/* The block hook must be there before any code is translated; the
	 * first time (the parent is then the only task), the parent's cached
	 * code is dropped to get it too. */
	if (!p->block_hooks) {
		if (add_block_hook(parent))
			return -1;
		uc_ctl_flush_tb(parent->uc);
		p->block_hooks = true;
	}
	return t == parent ? 0 : add_block_hook(t);
}
