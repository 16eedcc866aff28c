/* The syscall table built from syscalls.def, the binding of an arch's
 * numbers to it, and the one place a syscall is run. */
#include "syscalls.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "../gdb/gdb.h"
#include "../ownfd.h"
#include "../log/log.h"
#include "../task/signal.h"
#include "../task/world.h"
#include "../trace/trace.h"
#include "../vdso/vdso.h"

const struct syscall_desc syscall_table[] = {
#define SYSCALL(name, cls, ret, ...)                                       \
	{ #name, sys_##name, cls, ret,                                     \
	  sizeof((uint8_t[]){ 0, __VA_ARGS__ }) - 1, { __VA_ARGS__ } },
#include "syscalls.def"
#undef SYSCALL
};
const unsigned syscall_count = sizeof(syscall_table) / sizeof(syscall_table[0]);

static int by_name(const void *a, const void *b)
{
	return strcmp((*(const struct syscall_desc *const *)a)->name,
		      (*(const struct syscall_desc *const *)b)->name);
}

int syscall_setup(struct process *p)
{
	const struct arch *arch = p->arch;
	p->sysent = calloc(arch->nsyscalls, sizeof(*p->sysent));
	p->warned = calloc(arch->nsyscalls + 1, 1);
	const struct trace_opts *o = &p->cfg->trace;
	p->traced = o->shared && (o->on || o->summary || o->timing);
	if (p->traced) {	/* -c counts for the whole run, in the trace's shared state */
		p->sys_calls = trace_counts(o, TC_SYS_CALLS);
		p->sys_errors = trace_counts(o, TC_SYS_ERRORS);
		p->sys_ns = trace_counts(o, TC_SYS_NS);
		p->vdso_calls = trace_counts(o, TC_VDSO_CALLS);
		p->vdso_ns = trace_counts(o, TC_VDSO_NS);
		p->host_calls = trace_counts(o, TC_HOST_CALLS);
		p->host_ns = trace_counts(o, TC_HOST_NS);
	}
	if (!p->sysent || !p->warned)
		return -1;
	/* by name: sorted once, then one search per number (a scan of the
	 * table per number was a tenth of start-up) */
	const struct syscall_desc *byname[syscall_count];
	for (unsigned i = 0; i < syscall_count; i++)
		byname[i] = &syscall_table[i];
	qsort(byname, syscall_count, sizeof(*byname), by_name);
	for (size_t nr = 0; nr < arch->nsyscalls; nr++) {
		const char *name = arch->syscall_names[nr];
		const struct syscall_desc key = { .name = name }, *k = &key, **d;
		if (name && (d = bsearch(&k, byname, syscall_count, sizeof(*byname), by_name)))
			p->sysent[nr] = *d;
	}
	return 0;
}

static long unsupported(struct task *t, uint64_t nr)
{
	size_t slot = nr < t->process->arch->nsyscalls ? nr : t->process->arch->nsyscalls;
	if (!t->process->warned[slot]) {
		t->process->warned[slot] = 1;
		const char *name = nr < t->process->arch->nsyscalls ? t->process->arch->syscall_names[nr] : NULL;
		if (name)
			fprintf(stderr, "emu: unsupported syscall %s (%s #%llu), returning ENOSYS\n",
				name, t->process->arch->name, (unsigned long long)nr);
		else
			fprintf(stderr, "emu: unknown syscall #%llu on %s, returning ENOSYS\n",
				(unsigned long long)nr, t->process->arch->name);
	}
	return -ENOSYS;
}

/* A descriptor argument naming one of emu's own (ownfd.h): to the guest
 * it is not open.  (An anonymous mmap's fd is not a descriptor.) */
static bool own_fd_arg(const struct syscall_desc *d, const uint64_t a[6])
{
	for (unsigned i = 0; i < d->nargs; i++)
		if ((d->args[i] == K_FD || d->args[i] == K_DIRFD) && own_fd_is((int)a[i]))
			return !(d->fn == sys_mmap && (a[3] & MAP_ANONYMOUS));
	return false;
}

static long call(struct task *t, const struct syscall_desc *d, const uint64_t a[6])
{
	return own_fd_arg(d, a) ? -EBADF : d->fn(t, a);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The slow path: tracing (--strace) or timing (-c, -T) asked for. */
static long dispatch_traced(struct task *t, uint64_t nr, const struct syscall_desc *d,
			    const uint64_t a[6])
{
	const struct trace_opts *opts = &t->process->cfg->trace;
	const char *name = d ? d->name : nr < t->process->arch->nsyscalls ? t->process->arch->syscall_names[nr] : NULL;
	char unknown[32];
	if (!name)
		snprintf(unknown, sizeof(unknown), "syscall_%#llx", (unsigned long long)nr);
	/* unsupported: the raw registers, as strace shows a call it cannot decode */
	static const uint8_t raw[6] = { K_HEX, K_HEX, K_HEX, K_HEX, K_HEX, K_HEX };
	bool show = opts->on && trace_wanted(opts, name ? name : unknown, d ? d->cls : 0, TW_TRAP);
	if (d && d->ret == R_NONE) {
		if (show)	/* strace -c leaves out what does not return, so does emu */
			trace_noreturn(t, d->name, d->args, d->nargs, a);
		return call(t, d, a);
	}
	struct trace_call *c = show ? trace_begin(t, name ? name : unknown, d ? d->args : raw,
						  d ? d->nargs : 6, a) : NULL;
	double t0 = now();
	pid_t tid = t->tid;
	long r = d ? call(t, d, a) : unsupported(t, nr);
	double dt = now() - t0;
	if (d && t->tid == tid) {	/* a fork's child: the call is the parent's, counted once */
		__atomic_fetch_add(&t->process->sys_calls[d - syscall_table], 1, __ATOMIC_RELAXED);
		__atomic_fetch_add(&t->process->sys_ns[d - syscall_table], (uint64_t)(dt * 1e9), __ATOMIC_RELAXED);
		if (r < 0 && r >= -4095)
			__atomic_fetch_add(&t->process->sys_errors[d - syscall_table], 1, __ATOMIC_RELAXED);
	}
	if (c)
		trace_end(t, c, d ? d->ret : R_INT, r, NULL, dt);
	return r;
}

static long syscall_dispatch(struct task *t, uint64_t nr, const uint64_t a[6])
{
	const struct process *p = t->process;
	const struct syscall_desc *d = nr < p->arch->nsyscalls ? p->sysent[nr] : NULL;
	long r;
	world_leave(t);	/* host work: a world-stop need not wait for us */
	signal_sync_tty_mask(t);
	if (p->gdb)
		gdb_syscall(t, nr, true);
	if (p->traced) {
		r = dispatch_traced(t, nr, d, a);
	} else if (!d) {
		r = unsupported(t, nr);
	} else {
		r = call(t, d, a);
	}
	if (p->gdb)
		gdb_syscall(t, nr, false);
	if (p->log)
		log_syscall(t, d ? d->name : nr < p->arch->nsyscalls && p->arch->syscall_names[nr] ?
			    p->arch->syscall_names[nr] : "?", d, a, r);
	world_enter(t);
	return r;
}

/* After a syscall: whether *r goes into the return register.  Stops the
 * CPU when the run loop has work (exit, sigreturn, a signal to deliver, a
 * call to make again after EINTR). */
static bool syscall_complete(struct task *t, long *r)
{
	if (t->process->exited || t->sigreturn || t->thread_exit) {
		uc_emu_stop(t->uc);
		return false;
	}
	if (*r == -EINTR || *r == -ERESTARTNOHAND) {
		/* A host call interrupted by a host signal; Linux would make it
		 * again unless a handler without SA_RESTART runs for it. */
		bool again = *r == -EINTR ? signal_restart(t) : !signal_handler_pending(t);
		if (again) {
			t->restart_syscall = true;
			uc_emu_stop(t->uc);
			return false;
		}
		*r = -EINTR;
	}
	if (signal_deliverable(t))
		uc_emu_stop(t->uc);
	return true;
}

void syscall_trap(struct task *t)
{
	const struct arch *arch = t->process->arch;
	uint64_t a[6];
	for (int i = 0; i < 6; i++)
		a[i] = t->gpr[arch->sys_gpr[i]];
	long r = syscall_dispatch(t, t->gpr[arch->sys_nr_gpr], a);
	if (syscall_complete(t, &r))
		t->gpr[arch->ret_gpr] = (uint64_t)r;
}
