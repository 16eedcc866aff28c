/* Putting the vDSO into a guest: [vvar] and [vdso] mapped as Linux maps
 * them, a one-address code hook on each entry's first instruction (added
 * before the guest runs: Unicorn never fires a hook for code it translated
 * before the hook existed), and the x86-64 vsyscall page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "../task/world.h"

#include "../arch/cpu.h"
#include "../syscalls/syscalls.h"
#include "vdso.h"

struct vdso_hook {
	struct task *t;
	const struct hostcall *func;
};

/* The hook sits on an entry's first instruction (a nop); the instruction
 * after it returns.  The call is a host call like any other (hostcall/):
 * one trap, one dispatch, one place that traces and counts it. */
static void on_entry(uc_engine *uc, uint64_t addr, uint32_t size, void *opaque)
{
	struct vdso_hook *h = opaque;
	(void)uc, (void)addr, (void)size;
	hostcall_trap(h->t, h->func);
}

static void add_entry(struct process *p, uint64_t addr, const struct hostcall *f)
{
	p->vdso_entries[p->nvdso_entries++] = (struct vdso_entry){ addr, f };
}

int vdso_hook_task(struct task *t)
{
	struct process *p = t->process;
	t->vdso_hooks = calloc(p->nvdso_entries + 1, sizeof(*t->vdso_hooks));
	if (!t->vdso_hooks)
		return -1;
	for (unsigned i = 0; i < p->nvdso_entries; i++) {
		struct vdso_hook *h = &t->vdso_hooks[t->nvdso_hooks++];
		uint64_t addr = p->vdso_entries[i].addr;
		uc_hook hh;
		h->t = t;
		h->func = p->vdso_entries[i].func;
		if (uc_hook_add(t->uc, &hh, UC_HOOK_CODE, on_entry, h, addr, addr))
			return -1;
	}
	return 0;
}

/* The vsyscall page: gettimeofday, time and getcpu at fixed addresses, for
 * programs from before the vDSO.  Execute-only, as vsyscall=xonly has it. */
static void add_vsyscall(struct task *t)
{
	static const char *const fn[3] = { "gettimeofday", "time", "getcpu" };
	const struct arch *a = t->process->arch;
	for (int i = 0; i < 3; i++) {
		memcpy(t->process->mm->spare + 0x400 * i, a->trap_stub, a->trap_stub_len);
		add_entry(t->process, a->vsyscall + 0x400 * i, vdso_func(fn[i]));
	}
}

int vdso_install(struct task *t)
{
	struct vdso_image img;
	if (vdso_build(t->process->arch, &img))
		return -1;
	struct process *p = t->process;
	p->vdso_entries = calloc(img.nsyms + 3, sizeof(*p->vdso_entries));
	uint64_t at = mm_find_free(t->process->mm, GUEST_PAGE + img.size);
	int err = at ? 0 : -1;
	if (!err)
		err = mm_map(t->process->mm, at, GUEST_PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0, "[vvar]");
	if (!err)
		err = mm_map(t->process->mm, at + GUEST_PAGE, img.size, PROT_READ | PROT_EXEC,
			     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0, "[vdso]");
	if (err) {
		fprintf(stderr, "emu: cannot map the vDSO\n");
		vdso_image_free(&img);
		return -1;
	}
	t->process->vdso_base = at + GUEST_PAGE;
	memcpy(t->process->mm->host + t->process->vdso_base, img.data, img.size);
	for (size_t i = 0; i < t->process->arch->nvdso_exports; i++)
		for (size_t k = 0; t->process->arch->vdso_exports[i].signal_frame && k < img.nsyms; k++)
			if (!strcmp(img.syms[k].name, t->process->arch->vdso_exports[i].name))
				t->process->vdso_sigreturn = t->process->vdso_base + img.syms[k].addr;
	for (size_t i = 0; i < img.nsyms; i++) {
		bool seen = false;	/* an alias shares its entry's hook */
		for (size_t k = 0; k < i; k++)
			seen |= img.syms[k].addr == img.syms[i].addr;
		if (img.syms[i].func && !seen)
			add_entry(p, t->process->vdso_base + img.syms[i].addr, img.syms[i].func);
	}
	if (t->process->arch->vsyscall)
		add_vsyscall(t);
	vdso_image_free(&img);
	return vdso_hook_task(t);
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
