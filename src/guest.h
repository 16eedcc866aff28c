/* One running guest process: its CPU, memory and kernel-side state. */
#ifndef EMU_GUEST_H
#define EMU_GUEST_H

#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <unicorn/unicorn.h>

#include "arch/arch.h"
#include "emu.h"
#include "mem.h"

struct syscall_desc;
struct vdso_hook;
struct vdso_func;
struct guest;

/* What the threads of one guest process share besides memory and
 * dispositions: who they are, and the world-stop protocol's state (see
 * thread.c). */
struct proc {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct guest **threads;		/* [0] is the main thread */
	int nthreads, cap;
	int running;			/* threads in guest code, counted (thread.c) */
	bool stopping;			/* a world-stop is on */
	int host_threads;		/* host threads of ours still running */
	struct guest **retired;		/* ended threads, freed with the process */
	int nretired;
	bool block_hooks;		/* every engine has the block hook (thread.c) */
	uint64_t gen, code_gen;		/* bumped by memory-map changes (of code) */
	int last_exit_status;		/* of the last thread to exit() */
	struct vdso_entry { uint64_t addr; const struct vdso_func *func; } *vdso_entries;
	unsigned nvdso_entries;
};

struct guest_sigaction {
	uint64_t handler, flags, restorer, mask;
};

/* What a pending signal carries into its siginfo. */
struct guest_siginfo {
	int code;			/* si_code: SI_USER, SI_KERNEL, SEGV_MAPERR... */
	int pid, uid;			/* sender, for SI_USER/SI_TKILL */
	uint64_t addr;			/* fault address, for SIGSEGV/SIGBUS/SIGILL/SIGFPE */
};

/* Where create_elf_tables() put things, for --show-stack. */
struct stack_layout {
	uint64_t sp, argv, envp, auxv, auxv_end;
	uint64_t random, platform, strings, execfn, top;
	int argc, envc;
};

struct guest {
	struct proc *proc;
	uc_engine *uc;
	uint64_t *gpr;			/* the engine's general registers (uc_gpr_array) */
	pid_t tid;
	pthread_t host_thread;
	bool counted;			/* in guest code, in proc.running (thread.c) */
	bool stopped_world;		/* this thread's world-stop is on */
	bool rejoin;			/* it stopped the world from guest code */
	bool stop_asked;		/* stop at the next block (thread.c) */
	volatile int interrupted;	/* kicked: blocking host calls return EINTR */
	bool started;			/* the parent has written the new thread's tids */
	int kicks;			/* stops asked by others: not a fault */
	bool thread_exit;		/* exit(): this thread ends, the process may go on */
	uint64_t seen_gen, seen_code_gen;
	const struct arch *arch;
	const struct emu_config *cfg;
	struct mm *mm;			/* shared by the threads of the process */

	/* What the loader found and laid out. */
	char *exe_path;			/* absolute, for /proc/self/exe */
	const char *sysroot;		/* -L, EMU_LD_PREFIX, or found for the interpreter */
	uint64_t entry;			/* where the CPU starts (ld.so's entry if dynamic) */
	uint64_t exe_entry, phdr, phnum, load_bias, interp_base;
	struct stack_layout stack;	/* stack.auxv..auxv_end is /proc/self/auxv */
	uint64_t hwcap, hwcap2;
	uint64_t rng;			/* state of the address randomiser */
	uint64_t tlb_fills;		/* see tlb_fill() in cpu.c */

	/* Kernel-side state of the process. */
	uint64_t clear_child_tid;
	uint64_t robust_list;		/* set_robust_list: walked when the thread ends */
	uint64_t sigmask;
	uint64_t altstack[3];		/* stack_t as the guest set it */
	struct guest_sigaction *sigact;	/* [65], shared by the threads */
	volatile uint64_t pending;	/* bit sig-1; set from host signal handlers too */
	struct guest_siginfo siginfo[65];
	bool sigreturn;			/* rt_sigreturn asked for: done by the run loop */
	bool restart_syscall;		/* rewind to the trap and make the call again */
	bool have_saved_mask;		/* sigsuspend's mask to restore after the handler */
	uint64_t saved_mask;
	uint64_t vdso_base;		/* AT_SYSINFO_EHDR, 0 with --vdso=off */
	struct vdso_hook *vdso_hooks;
	unsigned nvdso_hooks;

	/* Accounting for -c, by syscall_table[] and vdso_funcs[] row; counted
	 * only when traced, so the fast path has no shared counter to bump. */
	uint64_t *sys_calls, *sys_errors;
	uint64_t *sys_ns;
	uint64_t *vdso_calls;			/* shared by the threads, like sys_calls */
	uint64_t *vdso_ns;
	bool traced;				/* --strace, -c or -T: the slow path */
	bool forked;				/* there is more than one: [pid N] in traces */

	const struct syscall_desc **sysent;	/* by the arch's syscall number */
	uint8_t *warned;			/* one ENOSYS warning per number */

	/* How the run ended. */
	bool exited;
	int exit_status;
	int fault_sig, fault_code;	/* a synchronous fault stopped the CPU */
	int killed_by;			/* a signal ended the run */
	int fault_report;		/* the fault signal to report if it kills */
	uint64_t fault_pc, fault_addr;
	bool fault_has_addr;
	uint64_t vdso_sigreturn;	/* where handlers return to, if the arch's vDSO has it */
};

/* Stop the CPU because the guest faulted with sig (si_code code; 0 for a
 * SIGSEGV lets the memory map decide MAPERR or ACCERR) at pc, on addr. */
void guest_fault(struct guest *g, int sig, int code, uint64_t pc, uint64_t addr, bool has_addr);

/* Bit of signal sig in a sigset. */
#define SIGBIT(sig) (1ULL << ((sig) - 1))

/* Next value of the address randomiser (0 when ASLR is off). */
uint64_t guest_random(struct guest *g, uint64_t limit);

#endif
