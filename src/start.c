/* Process start: check the ELF, pick the arch, lay out the address space
 * as Linux does, run the first task, and end as the guest ended. */
#include "start.h"

#include <elf.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "gdb/gdb.h"
#include "hostcall/hostcall.h"
#include "loader/loader.h"
#include "log/log.h"
#include "syscalls/syscalls.h"
#include "task/process.h"
#include "task/run.h"
#include "task/signal.h"
#include "task/task.h"
#include "trace/trace.h"
#include "vdso/vdso.h"

static uint64_t random_pages(struct process *p, uint64_t range)
{
	return PAGE_DOWN(process_random(p, range));
}

/* The layout of the address space, as mm/util.c and binfmt_elf.c choose it. */
static int layout(struct process *p, struct elf_file *exe, struct elf_file *interp)
{
	struct mm *mm = p->mm;
	uint64_t size = mm->size, mmap_rnd = size >> 8;

	uint64_t stack_rnd = (1ULL << p->arch->stack_rnd_bits) * GUEST_PAGE;
	p->stack.top = size - random_pages(p, stack_rnd);
	uint64_t gap = (8ULL << 20) + (1ULL << 20) + stack_rnd;
	if (gap < (128ULL << 20))
		gap = 128ULL << 20;
	mm->mmap_base = PAGE_DOWN(p->stack.top - gap - random_pages(p, mmap_rnd));
	uint64_t dyn_base = PAGE_DOWN(size / 3 * 2);

	uint64_t bias = 0;
	if (exe->type == ET_DYN) {
		/* ELF_ET_DYN_BASE for programs with an interpreter; a static PIE
		 * (or ld.so run directly) goes where mmap would put it. */
		bias = interp ? dyn_base + random_pages(p, mmap_rnd)
			      : mm_find_free(mm, elf_span(exe)) - PAGE_DOWN(exe->segs[0].vaddr);
	}
	struct elf_load ld;
	if (elf_map(p, exe, bias, &ld))
		return -1;
	p->load_bias = bias;
	p->exe_entry = p->entry = ld.entry;
	p->phdr = ld.phdr;
	mm->brk_start = PAGE_UP(exe->type == ET_DYN && !interp ? dyn_base : ld.end);
	mm->brk_start += random_pages(p, p->arch->brk_rnd);
	mm->brk = mm->brk_start;
	if (interp) {
		struct elf_load il;
		uint64_t at = mm_find_free(mm, elf_span(interp));
		if (!at || elf_map(p, interp, at - PAGE_DOWN(interp->segs[0].vaddr), &il))
			return -1;
		p->interp_base = il.bias;
		p->entry = il.entry;
	}
	return 0;
}

/* PT_INTERP names the interpreter as the guest sees the file system: under
 * the sysroot (-L) first; without one, in the arch's usual cross sysroot
 * when the host has no such file (Debian's /usr/riscv64-linux-gnu). */
static int open_interp(struct process *p, struct elf_file *interp, const struct elf_file *exe)
{
	static char path[PATH_MAX];
	const char *name = exe->interp, *root = p->sysroot;
	if (!root && access(name, F_OK) && p->arch->sysroot && name[0] == '/') {
		snprintf(path, sizeof(path), "%s%s", p->arch->sysroot, name);
		if (!access(path, F_OK))
			root = p->sysroot = p->arch->sysroot;
	}
	if (root && name[0] == '/') {
		snprintf(path, sizeof(path), "%s%s", root, name);
		if (!access(path, F_OK))
			name = path;
	}
	if (access(name, F_OK)) {
		/* one line, whatever bytes the name has */
		char shown[256];
		size_t k = 0;
		for (const unsigned char *c = (const unsigned char *)exe->interp; *c && k < sizeof(shown) - 5; c++)
			k += snprintf(shown + k, sizeof(shown) - k, *c < 0x20 || *c == 0x7f ? "\\x%02x" : "%c", *c);
		fprintf(stderr, "emu: %s: interpreter %s not found%s%s; pass the sysroot that has it "
			"with -L DIR (or EMU_LD_PREFIX=DIR)\n", exe->path, shown,
			root ? " under " : "", root ? root : "");
		return 127;
	}
	int st = elf_open(interp, name, exe->path);
	if (st)
		return st;
	if (interp->arch != exe->arch || interp->type != ET_DYN) {
		fprintf(stderr, "emu: %s: interpreter %s is not a %s shared object\n",
			exe->path, exe->interp, exe->arch->name);
		elf_close(interp);
		return 126;
	}
	return 0;
}

/* The body of every task's host thread but the first's. */
static void task_main(struct task *t)
{
	task_run(t, t->process->arch->pc(t));
	process_task_done(t);
}

/* Everything that needs a CPU: the first one, the syscall table, the
 * layout, the vDSO, the initial stack and registers. */
static int start(struct process *p, struct task *t, struct elf_file *exe, struct elf_file *interp)
{
	int err = mm_init(p->mm, p->arch->addr_bits);
	if (err) {
		fprintf(stderr, "emu: cannot reserve the guest address space: %s\n", strerror(-err));
		return -1;
	}
	if (log_open(p) || p->arch->cpu_init(t, true) || log_task(t) || syscall_setup(p) ||
	    layout(p, exe, exe->interp ? interp : NULL) || (p->cfg->vdso && vdso_install(t)) ||
	    /* host calls bind at the dynamic linker: a static program has none */
	    (p->cfg->host_libs && exe->interp && hostcall_setup(t, p->cfg->host_libs | 1u << HL_VDSO)) ||
	    stack_build(p, exe) || p->arch->start_regs(t, p->entry, p->stack.sp))
		return -1;
	if (p->log) {
		log_object_file(p, exe->abspath ? exe->abspath : exe->path, exe->fd, p->load_bias,
				LOG_OBJ_EXE, 0);
		if (exe->interp)
			log_object_file(p, interp->abspath ? interp->abspath : interp->path, interp->fd,
					p->interp_base, LOG_OBJ_INTERP, 0);
		const struct vma *v = p->vdso_base ? mm_lookup(p->mm, p->vdso_base) : NULL;
		if (v)
			log_object_image(p, "linux-vdso.so.1", p->vdso_base, v->end - v->start);
	}
	return 0;
}

int emu_run(const struct emu_config *given)
{
	/* the program the kernel would run: PATH, #! (the process keeps this) */
	static struct emu_config run;
	run = *given;
	const struct emu_config *cfg = &run;
	struct elf_file exe, interp = { .fd = -1 };
	int status;
	if (cfg->execfd >= 0)	/* binfmt_misc opened it, and ran the checks */
		status = elf_open_fd(&exe, cfg->path, NULL, cfg->execfd);
	else if (!(status = exec_resolve(&run)))
		status = elf_open(&exe, cfg->path, NULL);
	if (status)
		return status;
	const struct cpu_model *model = arch_cpu_model(exe.arch, cfg->cpu);
	if (!model) {
		fprintf(stderr, "emu: -cpu %s: not a %s CPU model (emu -cpu help lists them)\n", cfg->cpu,
			exe.arch->name);
		elf_close(&exe);
		return 1;
	}
	struct process *p = process_new(cfg, exe.arch);
	if (p)
		p->cpu_model = model->uc;
	struct task *t = p ? task_first(p) : NULL;
	if (!t) {
		fprintf(stderr, "emu: out of memory\n");
		elf_close(&exe);
		process_free(p);
		return 126;
	}
	p->task_main = task_main;
	p->exe_path = exe.abspath ? strdup(exe.abspath) : NULL;
	p->sysroot = cfg->sysroot;
	/* A program from inside the arch's sysroot (its ld.so, its libc.so.6)
	 * looks for its libraries there too. */
	const char *root = p->arch->sysroot;
	size_t rlen = root ? strlen(root) : 0;
	if (!p->sysroot && root && p->exe_path && !strncmp(p->exe_path, root, rlen) &&
	    p->exe_path[rlen] == '/')
		p->sysroot = root;
	status = exe.interp ? open_interp(p, &interp, &exe) : 0;
	if (!status && start(p, t, &exe, &interp))
		status = 126;
	elf_close(&exe);
	elf_close(&interp);
	if (status) {
		process_free(p);
		return status;
	}
	if (cfg->show_auxv)
		show_auxv(p, stderr);
	if (cfg->show_stack)
		show_stack(p, stderr);
	if (cfg->trace.shared)
		trace_execve(t, p->stack.execfn, p->stack.argv, p->stack.envp);
	/* the name the kernel gives a process at exec: the file's base name,
	 * cut to 15 bytes (TASK_COMM_LEN); ps and top show it */
	const char *base = strrchr(cfg->execfn ? cfg->execfn : cfg->path, '/');
	prctl(PR_SET_NAME, base ? base + 1 : cfg->execfn ? cfg->execfn : cfg->path, 0, 0, 0);
	signal_host_init(t);
	if (cfg->gdb && gdb_attach(t, cfg->gdb)) {
		process_free(p);
		return 1;
	}
	if (p->log)
		log_begin(t);
	task_run(t, p->entry);
	status = process_wait_tasks(t);
	signal_host_done();
	process_free(p);
	return status;
}
