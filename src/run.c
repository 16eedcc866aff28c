/* One guest from start to end: check the ELF, pick the arch, lay out the
 * address space as Linux does, run the CPU, and end as the guest ended. */
#include <elf.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "guest.h"
#include "cpu.h"
#include "loader/loader.h"
#include "run.h"
#include "signal.h"
#include "thread.h"
#include "syscalls/syscalls.h"
#include "trace/summary.h"
#include "vdso/vdso.h"

/* splitmix64: one stream for every randomised address, seeded by --seed or
 * the host; limit 0 gives the raw value. */
uint64_t guest_random(struct guest *g, uint64_t limit)
{
	if (limit && !g->cfg->aslr)
		return 0;
	uint64_t z = (g->rng += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	z ^= z >> 31;
	return limit ? z % limit : z;
}

static uint64_t random_pages(struct guest *g, uint64_t range)
{
	return PAGE_DOWN(guest_random(g, range));
}

void guest_fault(struct guest *g, int sig, int code, uint64_t pc, uint64_t addr, bool has_addr)
{
	g->fault_sig = sig;
	g->fault_code = code;
	g->fault_pc = pc;
	g->fault_addr = addr;
	g->fault_has_addr = has_addr;
	uc_emu_stop(g->uc);
}

/* The layout of the address space, as mm/util.c and binfmt_elf.c choose it. */
static int layout(struct guest *g, struct elf_file *exe, struct elf_file *interp)
{
	struct mm *mm = g->mm;
	uint64_t size = mm->size, mmap_rnd = size >> 8;

	g->stack.top = size - random_pages(g, (1ULL << g->arch->stack_rnd_bits) * GUEST_PAGE);
	uint64_t gap = (8ULL << 20) + (1ULL << 20) + ((1ULL << g->arch->stack_rnd_bits) * GUEST_PAGE);
	if (gap < (128ULL << 20))
		gap = 128ULL << 20;
	mm->mmap_base = PAGE_DOWN(g->stack.top - gap - random_pages(g, mmap_rnd));
	uint64_t dyn_base = PAGE_DOWN(size / 3 * 2);

	uint64_t bias = 0;
	if (exe->type == ET_DYN) {
		/* ELF_ET_DYN_BASE for programs with an interpreter; a static PIE
		 * (or ld.so run directly) goes where mmap would put it. */
		bias = interp ? dyn_base + random_pages(g, mmap_rnd)
			      : mm_find_free(mm, elf_span(exe)) - PAGE_DOWN(exe->segs[0].vaddr);
	}
	struct elf_load ld;
	if (elf_map(g, exe, bias, &ld))
		return -1;
	g->load_bias = bias;
	g->exe_entry = g->entry = ld.entry;
	g->phdr = ld.phdr;
	mm->brk_start = PAGE_UP(exe->type == ET_DYN && !interp ? dyn_base : ld.end);
	mm->brk_start += random_pages(g, g->arch->brk_rnd);
	mm->brk = mm->brk_start;
	if (interp) {
		struct elf_load il;
		uint64_t at = mm_find_free(mm, elf_span(interp));
		if (!at || elf_map(g, interp, at - PAGE_DOWN(interp->segs[0].vaddr), &il))
			return -1;
		g->interp_base = il.bias;
		g->entry = il.entry;
	}
	return 0;
}

/* PT_INTERP names the interpreter as the guest sees the file system: under
 * the sysroot (-L) first; without one, in the arch's usual cross sysroot
 * when the host has no such file (Debian's /usr/riscv64-linux-gnu). */
static int open_interp(struct guest *g, struct elf_file *interp, const struct elf_file *exe)
{
	static char path[PATH_MAX];
	const char *name = exe->interp, *root = g->sysroot;
	if (!root && access(name, F_OK) && g->arch->sysroot && name[0] == '/') {
		snprintf(path, sizeof(path), "%s%s", g->arch->sysroot, name);
		if (!access(path, F_OK))
			root = g->sysroot = g->arch->sysroot;
	}
	if (root && name[0] == '/') {
		snprintf(path, sizeof(path), "%s%s", root, name);
		if (!access(path, F_OK))
			name = path;
	}
	if (access(name, F_OK)) {
		fprintf(stderr, "emu: %s: interpreter %s not found%s%s; pass the sysroot that has it "
			"with -L DIR (or EMU_LD_PREFIX=DIR)\n", exe->path, exe->interp,
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

/* A synchronous fault becomes the guest's signal, at the faulting pc. */
static void fault(struct guest *g, int sig, int code, uint64_t pc, uint64_t addr)
{
	if (sig == SIGSEGV && code == 0)
		code = mm_lookup(g->mm, addr) ? SEGV_ACCERR : SEGV_MAPERR;
	struct guest_siginfo info = { code, 0, 0, addr };
	g->fault_sig = 0;
	g->fault_report = sig;
	g->fault_pc = pc;
	g->fault_addr = addr;
	cpu_reg_write(g, g->arch->pc_reg, pc);
	signal_force(g, sig, &info);
}

/* The CPU runs until something needs the kernel: exit, rt_sigreturn, a
 * syscall to make again, a fault, a signal to deliver, another thread's
 * world-stop.  All of it is done here with the CPU stopped, then it goes on
 * where the registers say. */
void guest_run(struct guest *g, uint64_t pc)
{
	for (;;) {
		thread_enter(g);
		uc_err err = uc_emu_start(g->uc, pc, 0, 0, 0);
		thread_leave(g);
		/* signals sent before now are looked at below */
		__atomic_store_n(&g->interrupted, 0, __ATOMIC_SEQ_CST);
		if (g->exited || g->killed_by || g->thread_exit)
			return;
		/* stopped by another thread (a world-stop, a signal for us) */
		bool work = __atomic_exchange_n(&g->kicks, 0, __ATOMIC_SEQ_CST) > 0 ||
			    signal_deliverable(g);
		if (g->sigreturn) {
			uint64_t mask;
			g->sigreturn = false;
			work = true;
			if (g->arch->sigreturn(g, &mask) == 0) {
				g->sigmask = mask & ~(SIGBIT(SIGKILL) | SIGBIT(SIGSTOP));
			} else {
				struct guest_siginfo info = { SI_KERNEL, 0, 0, 0 };
				signal_force(g, SIGSEGV, &info);
			}
		}
		if (g->restart_syscall) {
			g->restart_syscall = false;
			work = true;
			cpu_reg_write(g, g->arch->pc_reg, g->arch->pc(g) - g->arch->syscall_insn_len);
		}
		if (g->fault_sig) {
			fault(g, g->fault_sig, g->fault_code, g->fault_pc, g->fault_addr);
		} else if (err == UC_ERR_EXCEPTION && g->fault_has_addr) {
			/* our TLB-fill hook refused the access: a page fault */
			fault(g, SIGSEGV, 0, g->arch->pc(g), g->fault_addr);
		} else if (err != UC_ERR_OK || !work) {
			/* an invalid instruction, or the CPU stopped by itself (hlt,
			 * which user mode may not run: #GP, so SIGSEGV) */
			int code = SI_KERNEL, sig = SIGSEGV;
			if (err == UC_ERR_INSN_INVALID)
				sig = g->arch->insn_invalid_signal ? g->arch->insn_invalid_signal(g, g->arch->pc(g), &code)
								   : (code = ILL_ILLOPN, SIGILL);
			fault(g, sig, code, g->arch->pc(g), g->arch->pc(g));
			g->fault_has_addr = false;
		}
		while (!g->killed_by && signal_deliverable(g)) {
			int before = g->fault_report;
			signal_deliver(g);
			/* a handler took the fault: nothing to report if the guest dies later */
			if (!g->killed_by && before)
				g->fault_report = 0;
		}
		if (g->killed_by)
			return;
		pc = g->arch->pc(g);
	}
}

static int report_fault(struct guest *g);

/* The end of the process, from whichever thread ends it: with other threads
 * about, nothing is torn down; the process just goes, as exit_group does. */
static int finish(struct guest *g)
{
	const struct emu_config *cfg = g->cfg;
	if (cfg->trace.summary)
		summary_print(g, cfg->trace.out);
	if (cfg->trace.on)
		trace_exit(g, g->exit_status, g->exited ? 0 : g->killed_by);
	fflush(NULL);
	if (g->exited)
		return g->exit_status;
	if (g->killed_by == g->fault_report)
		return report_fault(g);
	return die_by(g->killed_by);
}

void guest_thread_ended(struct guest *g)
{
	if (g->thread_exit) {
		thread_finish(g);
		uc_close(g->uc);	/* the struct stays: signal handlers may still look */
		g->uc = NULL;
		thread_retire(g);
		struct proc *p = g->proc;
		if (__atomic_load_n(&p->nthreads, __ATOMIC_ACQUIRE) > 0)
			return;
		g->exited = true;	/* the last thread's exit() ends the process */
		g->exit_status = p->last_exit_status;
	}
	_exit(finish(g));
}

static int report_fault(struct guest *g)
{
	if (g->fault_has_addr)
		fprintf(stderr, "emu: %s: %s at pc 0x%llx, address 0x%llx\n", g->cfg->path,
			strsignal(g->killed_by), (unsigned long long)g->fault_pc,
			(unsigned long long)g->fault_addr);
	else
		fprintf(stderr, "emu: %s: %s at pc 0x%llx\n", g->cfg->path,
			strsignal(g->killed_by), (unsigned long long)g->fault_pc);
	return die_by(g->killed_by);
}

int emu_run(const struct emu_config *cfg)
{
	struct guest *g = calloc(1, sizeof(*g));
	struct elf_file exe, interp = { .fd = -1 };
	int status = elf_open(&exe, cfg->path, NULL);
	if (status) {
		free(g);
		return status;
	}
	g->cfg = cfg;
	g->arch = exe.arch;
	g->exe_path = exe.abspath ? strdup(exe.abspath) : NULL;
	g->sysroot = cfg->sysroot;
	/* A program from inside the arch's sysroot (its ld.so, its libc.so.6)
	 * looks for its libraries there too. */
	const char *root = g->arch->sysroot;
	if (!g->sysroot && root && g->exe_path && !strncmp(g->exe_path, root, strlen(root)) &&
	    g->exe_path[strlen(root)] == '/')
		g->sysroot = root;
	if (exe.interp && (status = open_interp(g, &interp, &exe))) {
		elf_close(&exe);
		free(g->exe_path);
		free(g);
		return status;
	}
	g->altstack[1] = 2;	/* SS_DISABLE: no alternate stack yet */
	if (cfg->have_seed)
		g->rng = cfg->seed;
	else if (getrandom(&g->rng, sizeof(g->rng), 0) != sizeof(g->rng))
		g->rng = (uint64_t)getpid() << 32 ^ (uint64_t)time(NULL);

	status = 126;
	g->mm = calloc(1, sizeof(*g->mm));
	g->sigact = calloc(65, sizeof(*g->sigact));
	int err = g->mm && g->sigact ? mm_init(g->mm, g->arch->addr_bits) : -ENOMEM;
	if (err) {
		fprintf(stderr, "emu: cannot reserve the guest address space: %s\n", strerror(-err));
		goto out;
	}
	if (proc_init(g) || g->arch->cpu_init(g, true) || syscall_setup(g) ||
	    layout(g, &exe, exe.interp ? &interp : NULL) ||
	    (cfg->vdso && vdso_install(g)) || stack_build(g, &exe) ||
	    g->arch->start_regs(g, g->entry, g->stack.sp))
		goto out;
	elf_close(&exe);
	elf_close(&interp);
	if (cfg->show_auxv)
		show_auxv(g);
	if (cfg->show_stack)
		show_stack(g);

	signal_host_init(g);
	guest_run(g, g->entry);
	if (g->thread_exit) {
		/* the first thread left by exit(): the process lasts until the
		 * last one does */
		struct proc *p = g->proc;
		thread_finish(g);
		pthread_mutex_lock(&p->lock);
		while (p->nthreads > 0)
			pthread_cond_wait(&p->cond, &p->lock);
		pthread_mutex_unlock(&p->lock);
		g->exited = true;
		g->exit_status = p->last_exit_status;
	} else if (g->proc->nthreads > 1) {
		_exit(finish(g));	/* other threads still run: no tear-down */
	}
	status = finish(g);
out:
	elf_close(&exe);
	elf_close(&interp);
	if (g->uc)
		uc_close(g->uc);
	if (g->mm)
		mm_destroy(g->mm);
	free(g->mm);
	free(g->sigact);
	free(g->sysent);
	free(g->sys_calls);
	free(g->sys_errors);
	free(g->sys_ns);
	free(g->vdso_calls);
	free(g->vdso_ns);
	free(g->vdso_hooks);
	proc_destroy(g->proc);
	free(g->warned);
	free(g->exe_path);
	free(g);
	return status;
}
