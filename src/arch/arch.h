/* What one guest architecture knows, behind one ops table.  Generic code never
 * asks "which arch is this?"; it asks the table. */
#ifndef EMU_ARCH_H
#define EMU_ARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

struct task;
struct process;
struct vdso_export;
struct guest_siginfo;
struct guest_sigaction;

/* How an arch's unwind info starts (the CIE) for a plain function. */
/* One register as gdb's remote protocol sees it: its place in the g
 * packet is its place in the table, its feature and type go into the
 * target description (gdb's features/ XML files spell them the same way). */
struct gdb_reg {
	const char *name;
	int uc_reg;			/* Unicorn's number; -1: computed by the stub */
	uint8_t bytes;
	uint8_t feature;		/* index into arch_gdb.features */
	const char *type;		/* "int64", "code_ptr", "vec128", ... */
	bool readonly;			/* writes are refused */
};

/* What gdb is told of the arch: its target description and registers. */
struct arch_gdb {
	const char *architecture;	/* <architecture>: "riscv:rv64", "i386:x86-64" */
	const char *const *features;	/* feature names, by gdb_reg.feature */
	const char *const *types;	/* the type definitions each feature starts with */
	unsigned nfeatures;
	const struct gdb_reg *regs;
	unsigned nregs;
	/* a watchpoint stops before the access (gdb's nonsteppable ones) */
	bool watch_before;
};

/* What the logs (src/log/) need of the arch: Capstone's names for its
 * instruction set, its thread pointer, its relocation types by number. */
struct arch_log {
	int cs_arch, cs_mode;		/* CS_ARCH_*, CS_MODE_* */
	bool branch_relative;		/* Capstone prints branch targets as offsets */
	int tp_reg;			/* Unicorn's register holding the thread pointer */
	int ra_reg;			/* the return address at a call's target; -1: at sp */
	uint32_t r_irelative;		/* R_*_IRELATIVE */
	const char *const *reloc_names;	/* R_* by number, without the prefix */
	unsigned nreloc_names;
};

/* A CPU model Unicorn has for the arch (-cpu NAME), in qemu's spelling. */
struct cpu_model {
	const char *name;
	int uc;				/* UC_CPU_* */
	const char *what;		/* for -cpu help and the man page */
};

/* What host calls (src/hostcall/) need of the C calling convention. */
struct arch_hostcall {
	uint8_t int_gpr[8], nint;	/* integer and pointer arguments, as t->gpr indices */
	uint8_t sp_gpr;
	uint8_t stack_args;		/* the first stack argument's place above sp */
	uint8_t nfp;			/* FP argument registers; the first holds the result */
	uint8_t fp_arg0;		/* the first FP argument register, in t->fpr */
	uint64_t f32_box;		/* OR-ed into a float result (riscv's NaN boxing) */
	uint32_t r_tpoff;		/* the relocation filling errno's GOT slot with its TP offset */
	int tp_reg;			/* Unicorn's register holding the thread pointer */
	bool canonical_nan;		/* FP arithmetic gives only the canonical NaN */
	/* libm functions the arch's own library does in one instruction
	 * whose results or flags differ from the host's: left to the guest
	 * (name stems: the f, f32, f64 and f32x forms go with them) */
	const char *const *guest_only;
	/* The guest's rounding mode and exception flags as the host's FE_*;
	 * host FE_* flags into the guest's. */
	void (*fenv_get)(struct task *t, int *round, int *excepts);
	void (*fenv_raise)(struct task *t, int excepts);
};

struct arch_cfi {
	uint8_t code_align;
	int8_t data_align;
	uint8_t ra_column;		/* DWARF number of the return address */
	uint8_t init[8];		/* CFA instructions at function entry */
	uint8_t init_len;
};

struct arch {
	const char *name;		/* "riscv64", "x86_64" */
	uint16_t e_machine;		/* EM_RISCV, EM_X86_64 */
	unsigned addr_bits;		/* size of the guest address space */
	const char *uname_machine;	/* utsname.machine */
	const char *platform;		/* AT_PLATFORM string, or NULL if Linux gives none */
	uint64_t minsigstksz;		/* AT_MINSIGSTKSZ as the kernel computes it */
	int stack_rnd_bits;		/* stack randomisation, in pages */
	int stack_align_rnd;		/* arch_align_stack() moves sp by < 8 KiB */
	uint64_t brk_rnd;		/* arch_randomize_brk() range */
	int has_hwcap2;
	int sa_restorer;		/* struct sigaction has sa_restorer */

	const char *sysroot;		/* where Debian's cross toolchain keeps its libc, or NULL */
	/* The C calling convention (vDSO entries) and the syscall one, as
	 * indices into t->gpr: arguments, result, syscall number. */
	uint8_t call_gpr[6], ret_gpr;
	uint8_t sys_gpr[6], sys_nr_gpr;

	/* The vDSO, as the kernel's linker script for this arch has it. */
	const char *vdso_version;	/* "LINUX_2.6", "LINUX_4.15" */
	const struct vdso_export *vdso_exports;
	size_t nvdso_exports;
	const uint8_t *trap_stub;	/* an entry: an instruction the hook traps on, then return */
	uint8_t trap_stub_len;
	uint32_t elf_flags;		/* e_flags of the image */
	struct arch_cfi cfi;
	/* CFA instructions describing the signal frame at the sigreturn
	 * trampoline; returns their length.  NULL where there is none. */
	size_t (*sigframe_cfi)(uint8_t *out);
	uint64_t vsyscall;		/* the legacy vsyscall page, or 0 */

	const char *const *syscall_names;	/* kernel's numbers -> names */
	size_t nsyscalls;

	/* Open the CPU (t->uc), set it up for user-mode Linux code and install
	 * the syscall and fault hooks.  The first CPU of a process also fills
	 * t->process->hwcap, t->process->hwcap2. */
	int (*cpu_init)(struct task *t, bool first);
	/* A new thread's registers are its parent's; its TLS pointer its own. */
	void (*copy_regs)(struct task *from, struct task *to);
	void (*set_tls)(struct task *t, uint64_t tls);
	uint8_t syscall_pc_offset;	/* pc in the syscall hook + this = the next instruction */
	/* ARCH_DLINFO: the arch's first auxv entries; returns how many. */
	int (*auxv_head)(const struct process *p, uint64_t (*out)[2]);
	/* Registers at process entry: pc, sp and what the ABI says is zero. */
	int (*start_regs)(struct task *t, uint64_t pc, uint64_t sp);
	uint64_t (*pc)(struct task *t);
	uint64_t (*sp)(struct task *t);
	/* The signal for an instruction Unicorn stopped on as invalid (NULL:
	 * SIGILL), with its si_code. */
	int (*insn_invalid_signal)(struct task *t, uint64_t pc, int *code);
	int pc_reg, sp_reg;
	int clone_tls_before_ctid;	/* CONFIG_CLONE_BACKWARDS: clone(flags, sp, ptid, tls, ctid) */
	uint8_t syscall_insn_len;	/* to make an interrupted syscall again */
	/* Signal delivery: push the frame (on the alternate stack when
	 * altstack_top is not 0) and point the CPU at the handler; 0 or -1.
	 * rt_sigreturn: restore the registers from the frame at sp, return the
	 * mask to restore; 0 or -1 for a bad frame. */
	int (*signal_frame)(struct task *t, int sig, const struct guest_siginfo *info,
			    const struct guest_sigaction *sa, uint64_t mask, uint64_t altstack_top);
	int (*sigreturn)(struct task *t, uint64_t *mask);
	/* What rt_sigreturn will restore, read without restoring it: the mask
	 * and the return register (the tracer shows both); 0 or -1. */
	int (*sigframe_peek)(struct task *t, uint64_t *mask, uint64_t *ret);
	/* Guest struct stat from a host one, and back (for the tracer). */
	int (*put_stat)(struct task *t, uint64_t addr, const struct stat *st);
	int (*get_stat)(struct task *t, uint64_t addr, struct stat *st);
	const char *trap_insn;		/* "ecall", "syscall": what the vDSO saves */
	uint8_t epoll_event_size;	/* 12 where struct epoll_event is packed */
	bool semid_ds_padded;		/* semid64_ds has x86-64's pad after each time */
	/* arch_prctl(2); NULL where the arch has none. */
	long (*arch_prctl)(struct task *t, int code, uint64_t addr);
	const struct arch_gdb *gdb;	/* the gdb stub's view (src/gdb/) */
	const struct arch_log *log;	/* the -d logs' and --show-startup's (src/log/) */
	const struct arch_hostcall *hostcall;	/* --host-lib's */
	/* -cpu: the models a 64-bit guest can run on, the default first */
	const struct cpu_model *cpu_models;
	unsigned ncpu_models;
};

extern const struct arch arch_riscv64, arch_x86_64;
extern const struct arch_gdb riscv64_gdb, x86_64_gdb;
extern const struct arch_log riscv64_log, x86_64_log;
extern const struct arch_hostcall riscv64_hostcall, x86_64_hostcall;

/* The arch for an ELF e_machine, or NULL. */
const struct arch *arch_for_machine(uint16_t e_machine);
const struct arch *arch_by_name(const char *name);
/* The arch's CPU model called name (NULL: the default), or NULL. */
const struct cpu_model *arch_cpu_model(const struct arch *a, const char *name);
/* The CPUs /proc/cpuinfo lists: those emu's threads may run on. */
int arch_online_cpus(void);
/* Every arch, NULL-terminated (for -cpu help). */
extern const struct arch *const arch_all[];

#endif
