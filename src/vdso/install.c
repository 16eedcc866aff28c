/* Putting the vDSO into a guest: [vvar] and [vdso] mapped as Linux maps
 * them, a one-address code hook on each entry's first instruction (added
 * before the guest runs: Unicorn never fires a hook for code it translated
 * before the hook existed), and the x86-64 vsyscall page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "../thread.h"
#include "../trace/trace.h"

#include "../cpu.h"
#include "../syscalls/syscalls.h"
#include "vdso.h"

struct vdso_hook {
	struct guest *g;
	const struct vdso_func *func;
};

/* The same call, shown in the trace stream marked <vdso> and timed. */
static void on_entry_traced(struct guest *g, const struct vdso_func *f, const uint64_t *a)
{
	const struct trace_opts *t = &g->cfg->trace;
	const struct syscall_desc *twin = NULL;	/* the syscall it stands for: its class */
	for (unsigned i = 0; i < syscall_count && !twin; i++)
		if (syscall_table[i].fn == f->fn)
			twin = &syscall_table[i];
	bool show = t->on && trace_wanted(t, f->name, twin ? twin->cls : 0, true);
	struct trace_call *c = show ? trace_begin(g, f->name, f->args, f->nargs, a) : NULL;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	long r = f->fn(g, a);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double dt = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	g->gpr[g->arch->ret_gpr] = (uint64_t)r;
	__atomic_fetch_add(&g->vdso_calls[f - vdso_funcs], 1, __ATOMIC_RELAXED);
	__atomic_fetch_add(&g->vdso_ns[f - vdso_funcs], (uint64_t)(dt * 1e9), __ATOMIC_RELAXED);
	if (c)
		trace_end(g, c, f->ret, r, "<vdso>", dt);
}

/* The hook sits on an entry's first instruction (a nop); the instruction
 * after it returns, so all the host has to do is the call itself. */
static void on_entry(uc_engine *uc, uint64_t addr, uint32_t size, void *opaque)
{
	struct vdso_hook *h = opaque;
	struct guest *g = h->g;
	uint64_t a[6];
	(void)uc, (void)addr, (void)size;
	for (int i = 0; i < 6; i++)
		a[i] = g->gpr[g->arch->call_gpr[i]];
	/* short and never blocking: runs as guest code, in parallel with the
	 * other threads' (thread.c), and changes no mapping */
	if (g->traced) {
		on_entry_traced(g, h->func, a);
	} else {
		long r = h->func->fn(g, a);
		g->gpr[g->arch->ret_gpr] = (uint64_t)r;
	}
}

static void add_entry(struct proc *p, uint64_t addr, const struct vdso_func *f)
{
	p->vdso_entries[p->nvdso_entries++] = (struct vdso_entry){ addr, f };
}

int vdso_hook_thread(struct guest *g)
{
	struct proc *p = g->proc;
	g->vdso_hooks = calloc(p->nvdso_entries + 1, sizeof(*g->vdso_hooks));
	if (!g->vdso_hooks)
		return -1;
	for (unsigned i = 0; i < p->nvdso_entries; i++) {
		struct vdso_hook *h = &g->vdso_hooks[g->nvdso_hooks++];
		uint64_t addr = p->vdso_entries[i].addr;
		uc_hook hh;
		h->g = g;
		h->func = p->vdso_entries[i].func;
		if (uc_hook_add(g->uc, &hh, UC_HOOK_CODE, on_entry, h, addr, addr))
			return -1;
	}
	return 0;
}

/* The vsyscall page: gettimeofday, time and getcpu at fixed addresses, for
 * programs from before the vDSO.  Execute-only, as vsyscall=xonly has it. */
static void add_vsyscall(struct guest *g)
{
	static const char *const fn[3] = { "gettimeofday", "time", "getcpu" };
	const struct arch *a = g->arch;
	for (int i = 0; i < 3; i++) {
		memcpy(g->mm->spare + 0x400 * i, a->trap_stub, a->trap_stub_len);
		add_entry(g->proc, a->vsyscall + 0x400 * i, vdso_func(fn[i]));
	}
}

int vdso_install(struct guest *g)
{
	struct vdso_image img;
	if (vdso_build(g->arch, &img))
		return -1;
	struct proc *p = g->proc;
	p->vdso_entries = calloc(img.nsyms + 3, sizeof(*p->vdso_entries));
	uint64_t at = mm_find_free(g->mm, GUEST_PAGE + img.size);
	int err = at ? 0 : -1;
	if (!err)
		err = mm_map(g->mm, at, GUEST_PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0, "[vvar]");
	if (!err)
		err = mm_map(g->mm, at + GUEST_PAGE, img.size, PROT_READ | PROT_EXEC,
			     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0, "[vdso]");
	if (err) {
		fprintf(stderr, "emu: cannot map the vDSO\n");
		vdso_image_free(&img);
		return -1;
	}
	g->vdso_base = at + GUEST_PAGE;
	memcpy(g->mm->host + g->vdso_base, img.data, img.size);
	for (size_t i = 0; i < g->arch->nvdso_exports; i++)
		for (size_t k = 0; g->arch->vdso_exports[i].signal_frame && k < img.nsyms; k++)
			if (!strcmp(img.syms[k].name, g->arch->vdso_exports[i].name))
				g->vdso_sigreturn = g->vdso_base + img.syms[k].addr;
	for (size_t i = 0; i < img.nsyms; i++) {
		bool seen = false;	/* an alias shares its entry's hook */
		for (size_t k = 0; k < i; k++)
			seen |= img.syms[k].addr == img.syms[i].addr;
		if (img.syms[i].func && !seen)
			add_entry(p, g->vdso_base + img.syms[i].addr, img.syms[i].func);
	}
	if (g->arch->vsyscall)
		add_vsyscall(g);
	vdso_image_free(&img);
	return vdso_hook_thread(g);
}

int vdso_dump(const char *arch_name, const char *path)
{
	const struct arch *a = arch_by_name(arch_name);
	if (!a) {
		fprintf(stderr, "emu: --arch wants riscv64 or x86_64, not '%s'\n", arch_name);
		return 1;
	}
	struct vdso_image img;
	if (vdso_build(a, &img))
		return 1;
	FILE *f = fopen(path, "wb");
	int ok = f && fwrite(img.data, 1, img.size, f) == img.size;
	if (f && fclose(f))
		ok = 0;
	vdso_image_free(&img);
	if (!ok) {
		perror(path);
		return 1;
	}
	return 0;
}
