/* The state of a running guest, split as the kernel splits it
 * (include/linux/sched.h): a task is one guest thread; the tasks of one
 * guest process share a struct process (its mm, what the loader laid out,
 * its task list, its accounting and how it ended) and a struct sighand
 * (the sigaction table).  A field's struct says who may write it:
 *   task     its own host thread only, except where marked "any thread"
 *            (atomics: pending, interrupted, kicks, stop_asked);
 *   process  with p->lock held, or with the world stopped (world.h), or
 *            before the second task exists, as each field says;
 *   sighand  by rt_sigaction from any task, as in the kernel without its
 *            siglock: each entry is written whole by one syscall.
 * See docs/processes.md for the picture. */
#ifndef EMU_SCHED_H
#define EMU_SCHED_H

#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <unicorn/unicorn.h>

#include "../arch/arch.h"
#include "../config.h"
#include "../mm/mm.h"

struct gdb_task;
struct gdbstub;
struct emu_log;
struct syscall_desc;
struct vdso_hook;
struct hostcall;
struct hostcall_state;

/* Bit of signal sig in a sigset. */
#define SIGBIT(sig) (1ULL << ((sig) - 1))
/* Signals 1..64, as the guest numbers them. */
#define NSIG_GUEST 64

struct guest_sigaction {
	uint64_t handler, flags, restorer, mask;
};

/* The sigaction table: shared by the tasks that clone(CLONE_SIGHAND) made,
 * which are all the tasks of a process (CLONE_THREAD requires it); a fork
 * copies it with the whole emu process; execve keeps only what is ignored. */
struct sighand {
	struct guest_sigaction action[NSIG_GUEST + 1];
	int count;			/* tasks sharing it (atomic) */
};

/* What a pending signal carries into its siginfo. */
struct guest_siginfo {
	int code;			/* si_code: SI_USER, SI_KERNEL, SEGV_MAPERR... */
	int pid, uid;			/* sender, for SI_USER/SI_TKILL */
	uint64_t addr;			/* fault address, for SIGSEGV/SIGBUS/SIGILL/SIGFPE */
	/* A host signal's union as the host kernel filled it (timers'
	 * si_timerid/si_overrun/si_value, sigqueue's value, SIGCHLD's
	 * status): the same layout for the guest. */
	bool has_union;
	uint8_t union_bytes[32];
};

/* Where create_elf_tables() put things, for --show-stack. */
struct stack_layout {
	uint64_t sp, argv, envp, auxv, auxv_end;
	uint64_t random, platform, strings, execfn, top;
	int argc, envc;
};

/* A vDSO entry: the guest address each task's CPU hooks. */
struct vdso_entry {
	uint64_t addr;
	const struct hostcall *func;
};

struct process {
	const struct emu_config *cfg;
	const struct arch *arch;
	int cpu_model;			/* Unicorn's UC_CPU_* (-cpu) */
	struct mm *mm;
	/* The body of a new task's host thread: its run loop, then its end
	 * (set by start.c, so that task.c need not call up into it). */
	void (*task_main)(struct task *t);

	/* What the loader found and laid out; written before the first task
	 * runs, read-only after. */
	char *exe_path;			/* absolute, for /proc/self/exe */
	const char *sysroot;		/* -L, EMU_LD_PREFIX, or found for the interpreter */
	uint64_t entry;			/* where the CPU starts (ld.so's entry if dynamic) */
	uint64_t exe_entry, phdr, load_bias, interp_base;
	struct stack_layout stack;	/* stack.auxv..auxv_end is /proc/self/auxv */
	uint64_t hwcap, hwcap2;		/* filled by the first CPU (arch cpu_init) */
	char *cpuinfo;			/* /proc/cpuinfo of that CPU, by the arch, or NULL */
	uint64_t vdso_base;		/* AT_SYSINFO_EHDR, 0 with --vdso=off */
	uint64_t vdso_sigreturn;	/* where handlers return to, if the arch's vDSO has it */
	struct vdso_entry *vdso_entries;
	unsigned nvdso_entries;
	struct hostcall_state *hc;	/* --host-lib (src/hostcall/), else NULL */
	uint64_t rng;			/* the address randomiser (process_random) */

	/* The tasks, and the world-stop protocol's state (world.c): under lock. */
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct task **tasks;		/* [0] is the first; fixed capacity: host
					 * signal handlers read it unlocked */
	int ntasks, cap;
	int running;			/* tasks in guest code, counted */
	bool stopping;			/* a world-stop is on */
	bool block_hooks;		/* every engine has the block hook */
	uint64_t gen, code_gen;		/* bumped by memory-map changes (of code) */
	int host_threads;		/* host threads of ours still running */
	pthread_t *zombies;		/* ended tasks' host threads, not yet joined */
	int nzombies;
	pthread_mutex_t reap_lock;	/* one joiner of zombies at a time */
	struct task **retired;		/* ended tasks, freed with the process */
	int nretired;
	int last_exit_code;		/* of the last task to exit() */
	bool forked;			/* there is more than one: [pid N] in traces */
	/* Children made with an exit signal other than SIGCHLD (clone's
	 * CSIGNAL bits; 0: none), which the host's fork cannot give: their
	 * host SIGCHLD becomes that signal or nothing, and waits for them
	 * follow __WCLONE's rule (pid 0: a free slot; any thread, atomics). */
	struct odd_child { pid_t pid; int sig; int pidfd; } odd_children[16];

	/* Syscalls: the table by the arch's number and one ENOSYS warning per
	 * number; -c accounting by syscall_table[] and vdso_funcs[] row,
	 * counted only when traced (atomics, any task). */
	const struct syscall_desc **sysent;
	uint8_t *warned;
	uint64_t *sys_calls, *sys_errors, *sys_ns;
	uint64_t *vdso_calls, *vdso_ns;
	uint64_t *host_calls, *host_ns;	/* by hostcall_table[] row */
	bool traced;			/* --strace, -c or -T: the slow path */
	struct gdbstub *gdb;		/* -g: the stub (src/gdb/), else NULL */
	struct emu_log *log;		/* -d, --show-startup (src/log/), else NULL */

	/* How it ended: written once, by the task that ends it (exit_group,
	 * a fatal signal, the last exit(): process_group_exit). */
	int ending;			/* taken by the first one */
	struct task *ender;		/* it finishes the process */
	bool exited;			/* exit status exit_status */
	int exit_status;
	int killed_by;			/* a signal ended it */
};

struct task {
	struct process *process;
	struct sighand *sighand;
	uc_engine *uc;
	uint64_t *gpr;			/* the engine's general registers (uc_gpr_array) */
	uint8_t *fpr;			/* and its FP registers, fpr_stride apart, and */
	size_t fpr_stride;		/* x86's MXCSR (uc_fpr_array; NULL on riscv64) */
	uint32_t *fcsr;
	uint64_t *frm;			/* riscv64's rounding mode and softfloat */
	uint8_t *fp_flags;		/* exception flags (uc_riscv_fp_state) */
	pid_t tid;
	pthread_t host_thread;
	bool joinable;			/* host_thread is task_clone's, to be joined */
	struct vdso_hook *vdso_hooks;	/* this CPU's hooks on process->vdso_entries */
	unsigned nvdso_hooks;
	uint64_t tlb_fills;		/* see tlb_fill() in cpu.c */

	/* The world-stop protocol (world.c). */
	bool counted;			/* in guest code, in process->running */
	bool stopped_world;		/* this task's world-stop is on */
	bool rejoin;			/* it stopped the world from guest code */
	bool stop_asked;		/* any thread: stop at the next block */
	int kicks;			/* any thread: stops asked by others, not a fault */
	volatile int interrupted;	/* any thread: blocking host calls return EINTR */
	bool started;			/* the parent has written the new task's tids */
	uint64_t seen_gen, seen_code_gen;

	/* Kernel-side state of the thread. */
	uint64_t clear_child_tid;
	uint64_t robust_list;		/* set_robust_list: walked when the task ends */
	uint64_t sigmask;
	uint64_t host_tty_mask;		/* what signal_sync_tty_mask last gave the host */
	uint64_t altstack[3];		/* stack_t as the guest set it */
	volatile uint64_t pending;	/* any thread: bit sig-1, also from host handlers */
	struct guest_siginfo siginfo[NSIG_GUEST + 1];
	bool sigreturn;			/* rt_sigreturn asked for: done by the run loop */
	bool restart_syscall;		/* rewind to the trap and make the call again */
	bool have_saved_mask;		/* sigsuspend's mask to restore after the handler */
	uint64_t saved_mask;

	/* What stopped its CPU, and how it ends. */
	int fault_sig, fault_code;	/* a synchronous fault stopped the CPU */
	uint64_t fault_pc, fault_addr;
	bool fault_has_addr;
	int fault_report;		/* the fault signal to report if it kills */
	bool thread_exit;		/* exit(): this task ends, the process may go on */
	int exit_code;			/* exit()'s or exit_group()'s status */
	struct gdb_task *gdb;		/* the gdb stub's, with process->gdb */
};

/* The task running on this host thread (the kernel's current; task.c). */
extern __thread struct task *task_current;
static inline struct task *task_self(void)
{
	return task_current;
}

/* Stop the CPU because the guest faulted with sig (si_code code; 0 for a
 * SIGSEGV lets the memory map decide MAPERR or ACCERR) at pc, on addr. */
static inline void task_fault(struct task *t, int sig, int code, uint64_t pc, uint64_t addr,
			      bool has_addr)
{
	t->fault_sig = sig;
	t->fault_code = code;
	t->fault_pc = pc;
	t->fault_addr = addr;
	t->fault_has_addr = has_addr;
	uc_emu_stop(t->uc);
}

/* Whether the task's run loop is to return: the process or the task ends. */
static inline bool task_ending(const struct task *t)
{
	const struct process *p = t->process;
	return __atomic_load_n(&p->exited, __ATOMIC_ACQUIRE) ||
	       __atomic_load_n(&p->killed_by, __ATOMIC_ACQUIRE) || t->thread_exit;
}

#endif
