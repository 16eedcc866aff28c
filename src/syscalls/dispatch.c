/* The syscall table built from syscalls.def, the binding of an arch's
 * numbers to it, and the one place a syscall is run. */
#include "syscalls.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../signal.h"
#include "../thread.h"
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

int syscall_setup(struct guest *g)
{
	const struct arch *arch = g->arch;
	g->sysent = calloc(arch->nsyscalls, sizeof(*g->sysent));
	g->warned = calloc(arch->nsyscalls + 1, 1);
	g->sys_calls = calloc(syscall_count, sizeof(*g->sys_calls));
	g->sys_errors = calloc(syscall_count, sizeof(*g->sys_errors));
	g->sys_ns = calloc(syscall_count, sizeof(*g->sys_ns));
	g->vdso_calls = calloc(vdso_nfuncs, sizeof(*g->vdso_calls));
	g->vdso_ns = calloc(vdso_nfuncs, sizeof(*g->vdso_ns));
	g->traced = g->cfg->trace.on || g->cfg->trace.summary || g->cfg->trace.timing;
	if (!g->sysent || !g->warned || !g->sys_calls || !g->sys_errors || !g->sys_ns ||
	    !g->vdso_calls || !g->vdso_ns)
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
			g->sysent[nr] = *d;
	}
	return 0;
}

static long unsupported(struct guest *g, uint64_t nr)
{
	size_t slot = nr < g->arch->nsyscalls ? nr : g->arch->nsyscalls;
	if (!g->warned[slot]) {
		g->warned[slot] = 1;
		const char *name = nr < g->arch->nsyscalls ? g->arch->syscall_names[nr] : NULL;
		if (name)
			fprintf(stderr, "emu: unsupported syscall %s (%s #%llu), returning ENOSYS\n",
				name, g->arch->name, (unsigned long long)nr);
		else
			fprintf(stderr, "emu: unknown syscall #%llu on %s, returning ENOSYS\n",
				(unsigned long long)nr, g->arch->name);
	}
	return -ENOSYS;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The slow path: tracing (--strace) or timing (-c, -T) asked for. */
static long dispatch_traced(struct guest *g, uint64_t nr, const struct syscall_desc *d,
			    const uint64_t a[6])
{
	const struct trace_opts *t = &g->cfg->trace;
	const char *name = d ? d->name : nr < g->arch->nsyscalls ? g->arch->syscall_names[nr] : NULL;
	char unknown[32];
	if (!name)
		snprintf(unknown, sizeof(unknown), "syscall_%#llx", (unsigned long long)nr);
	/* unsupported: the raw registers, as strace shows a call it cannot decode */
	static const uint8_t raw[6] = { K_HEX, K_HEX, K_HEX, K_HEX, K_HEX, K_HEX };
	bool show = t->on && trace_wanted(t, name ? name : unknown, d ? d->cls : 0, false);
	if (d && d->ret == R_NONE) {
		if (show)
			trace_noreturn(g, d->name, d->args, d->nargs, a);
		__atomic_fetch_add(&g->sys_calls[d - syscall_table], 1, __ATOMIC_RELAXED);
		return d->fn(g, a);
	}
	struct trace_call *c = show ? trace_begin(g, name ? name : unknown, d ? d->args : raw,
						  d ? d->nargs : 6, a) : NULL;
	double t0 = now();
	long r = d ? d->fn(g, a) : unsupported(g, nr);
	double dt = now() - t0;
	if (d) {
		__atomic_fetch_add(&g->sys_calls[d - syscall_table], 1, __ATOMIC_RELAXED);
		__atomic_fetch_add(&g->sys_ns[d - syscall_table], (uint64_t)(dt * 1e9), __ATOMIC_RELAXED);
		if (r < 0 && r >= -4095)
			__atomic_fetch_add(&g->sys_errors[d - syscall_table], 1, __ATOMIC_RELAXED);
	}
	if (c)
		trace_end(g, c, d ? d->ret : R_INT, r, NULL, dt);
	return r;
}

static long syscall_dispatch(struct guest *g, uint64_t nr, const uint64_t a[6])
{
	const struct syscall_desc *d = nr < g->arch->nsyscalls ? g->sysent[nr] : NULL;
	long r;
	thread_leave(g);	/* host work: a world-stop need not wait for us */
	if (g->traced) {
		r = dispatch_traced(g, nr, d, a);
	} else if (!d) {
		r = unsupported(g, nr);
	} else {
		r = d->fn(g, a);
	}
	thread_enter(g);
	return r;
}

/* After a syscall: whether *r goes into the return register.  Stops the
 * CPU when the run loop has work (exit, sigreturn, a signal to deliver, a
 * call to make again after EINTR). */
static bool syscall_complete(struct guest *g, long *r)
{
	if (g->exited || g->sigreturn || g->thread_exit) {
		uc_emu_stop(g->uc);
		return false;
	}
	if (*r == -EINTR || *r == -ERESTARTNOHAND) {
		/* A host call interrupted by a host signal; Linux would make it
		 * again unless a handler without SA_RESTART runs for it. */
		bool again = *r == -EINTR ? signal_restart(g) : !signal_handler_pending(g);
		if (again) {
			g->restart_syscall = true;
			uc_emu_stop(g->uc);
			return false;
		}
		*r = -EINTR;
	}
	if (signal_deliverable(g))
		uc_emu_stop(g->uc);
	return true;
}

void syscall_trap(struct guest *g)
{
	const struct arch *arch = g->arch;
	uint64_t a[6];
	for (int i = 0; i < 6; i++)
		a[i] = g->gpr[arch->sys_gpr[i]];
	long r = syscall_dispatch(g, g->gpr[arch->sys_nr_gpr], a);
	if (syscall_complete(g, &r))
		g->gpr[arch->ret_gpr] = (uint64_t)r;
}
