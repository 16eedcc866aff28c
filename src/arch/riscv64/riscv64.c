/* Everything emu knows about RISC-V 64: CPU set-up, traps, registers, ABI. */
#include <elf.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unicorn/unicorn.h>

#include "../cpu.h"
#include "../../syscalls/syscalls.h"
#include "../../vdso/vdso.h"
#include "../kstat.h"
#include "kstat.h"

static const char *const syscall_names[] = {
#include "syscall_names.h"
};

/* Exception causes (privileged spec) as Unicorn reports them in intno. */
enum {
	CAUSE_FETCH_MISALIGNED = 0, CAUSE_FETCH_ACCESS = 1, CAUSE_ILLEGAL = 2,
	CAUSE_BREAKPOINT = 3, CAUSE_LOAD_MISALIGNED = 4, CAUSE_LOAD_ACCESS = 5,
	CAUSE_STORE_MISALIGNED = 6, CAUSE_STORE_ACCESS = 7, CAUSE_USER_ECALL = 8,
	CAUSE_FETCH_PAGE = 12, CAUSE_LOAD_PAGE = 13, CAUSE_STORE_PAGE = 15,
};

#define MSTATUS_FS_DIRTY (3ULL << 13)
#define TIMEBASE_HZ 10000000ULL	/* what QEMU's virt board and most SoCs use */

static void do_syscall(struct task *t)
{
	syscall_trap(t);
}

/* rdtime has no backing timer in Unicorn and traps as illegal; answer it
 * (and the other user counters, should they trap) from the host clock. */
static bool emulate_counter(struct task *t, uint64_t pc)
{
	uint32_t insn;
	if (guest_read(t->process->mm, pc, &insn, 4))
		return false;
	/* csrrs rd, csr, x0 with csr = cycle (0xc00), time (0xc01), instret (0xc02) */
	unsigned csr = insn >> 20, rd = (insn >> 7) & 31;
	if ((insn & 0x000ff07f) != 0x00002073 || csr < 0xc00 || csr > 0xc02)
		return false;
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	uint64_t ticks = (uint64_t)ts.tv_sec * TIMEBASE_HZ + ts.tv_nsec / (1000000000 / TIMEBASE_HZ);
	if (rd)
		cpu_reg_write(t, UC_RISCV_REG_X0 + rd, ticks);
	return true;
}

static void on_interrupt(uc_engine *uc, uint32_t intno, void *opaque)
{
	struct task *t = opaque;
	(void)uc;
	/* Unicorn has already advanced pc by 4 for every exception. */
	uint64_t pc = cpu_reg_read(t, UC_RISCV_REG_PC) - 4;
	switch (intno) {
	case CAUSE_USER_ECALL:
		do_syscall(t);
		return;
	case CAUSE_ILLEGAL:
		if (emulate_counter(t, pc))
			return;
		task_fault(t, SIGILL, ILL_ILLOPC, pc, pc, true);
		return;
	case CAUSE_BREAKPOINT:
		task_fault(t, SIGTRAP, TRAP_BRKPT, pc, pc, false);
		return;
	case CAUSE_FETCH_MISALIGNED: case CAUSE_LOAD_MISALIGNED: case CAUSE_STORE_MISALIGNED:
		task_fault(t, SIGBUS, BUS_ADRALN, pc, t->fault_addr, t->fault_has_addr);
		return;
	case CAUSE_FETCH_PAGE: case CAUSE_FETCH_ACCESS:
		task_fault(t, SIGSEGV, 0, t->fault_addr, t->fault_addr, true);
		return;
	default:	/* load/store page and access faults */
		task_fault(t, SIGSEGV, 0, pc, t->fault_addr, t->fault_has_addr);
		return;
	}
}

/* An instruction Unicorn stops on as invalid: ebreak is a breakpoint. */
static int insn_invalid_signal(struct task *t, uint64_t pc, int *code)
{
	uint32_t insn = 0;
	guest_read(t->process->mm, pc, &insn, 4);
	if (insn == 0x00100073 || (insn & 0xffff) == 0x9002) {	/* ebreak, c.ebreak */
		*code = TRAP_BRKPT;
		return SIGTRAP;
	}
	*code = ILL_ILLOPC;
	return SIGILL;
}

char *riscv64_cpuinfo(uint64_t misa, uint64_t mvendorid, uint64_t marchid, uint64_t mimpid);

static uint64_t hwcap_from_misa(uint64_t misa)
{
	/* The kernel reports the single-letter extensions it supports. */
	uint64_t mask = 0;
	for (const char *c = "imafdcv"; *c; c++)
		mask |= 1ULL << (*c - 'a');
	return misa & mask;
}

static int cpu_init(struct task *t, bool first)
{
	if (cpu_open(t, UC_ARCH_RISCV, UC_MODE_RISCV64))
		return -1;
	uc_hook h;
	/* The FPU is off at reset; glibc dies at its first FP store without it. */
	if (cpu_reg_write(t, UC_RISCV_REG_MSTATUS, MSTATUS_FS_DIRTY) ||
	    uc_hook_add(t->uc, &h, UC_HOOK_INTR, on_interrupt, t, 1, 0) ||
	    uc_riscv_fp_state(t->uc, &t->frm, &t->fp_flags))
		return -1;
	if (first) {
		uint64_t misa = cpu_reg_read(t, UC_RISCV_REG_MISA);
		t->process->hwcap = hwcap_from_misa(misa);
		t->process->cpuinfo = riscv64_cpuinfo(misa, cpu_reg_read(t, UC_RISCV_REG_MVENDORID),
						      cpu_reg_read(t, UC_RISCV_REG_MARCHID),
						      cpu_reg_read(t, UC_RISCV_REG_MIMPID));
	}
	/* User mode, as Linux runs programs; ecall then reports cause 8. */
	return cpu_reg_write(t, UC_RISCV_REG_PRIV, 0);
}

static void copy_regs(struct task *from, struct task *to)
{
	for (int r = UC_RISCV_REG_X1; r <= UC_RISCV_REG_X31; r++)
		cpu_reg_write(to, r, cpu_reg_read(from, r));
	for (int f = UC_RISCV_REG_F0; f <= UC_RISCV_REG_F31; f++)
		cpu_reg_write(to, f, cpu_reg_read(from, f));
	cpu_reg_write(to, UC_RISCV_REG_FCSR, cpu_reg_read(from, UC_RISCV_REG_FCSR));
}

static void set_tls(struct task *t, uint64_t tls)
{
	cpu_reg_write(t, UC_RISCV_REG_TP, tls);
}

static int auxv_head(const struct process *p, uint64_t (*out)[2])
{
	int n = 0;
	/* ARCH_DLINFO: the vDSO, cache geometry (0: not known, as on a kernel
	 * whose device tree gives none), AT_MINSIGSTKSZ. */
	if (p->vdso_base) {
		out[n][0] = AT_SYSINFO_EHDR;
		out[n++][1] = p->vdso_base;
	}
	for (int id = AT_L1I_CACHESIZE; id <= AT_L3_CACHEGEOMETRY; id++) {
		out[n][0] = id;
		out[n++][1] = 0;
	}
	out[n][0] = AT_MINSIGSTKSZ;
	out[n++][1] = arch_riscv64.minsigstksz;
	return n;
}

static int start_regs(struct task *t, uint64_t pc, uint64_t sp)
{
	/* a0 is the rtld_fini pointer glibc's _start passes on: none from the kernel. */
	for (int r = UC_RISCV_REG_X1; r <= UC_RISCV_REG_X31; r++)
		if (cpu_reg_write(t, r, 0))
			return -1;
	if (cpu_reg_write(t, UC_RISCV_REG_SP, sp) || cpu_reg_write(t, UC_RISCV_REG_PC, pc))
		return -1;
	return 0;
}

int riscv64_signal_frame(struct task *t, int sig, const struct guest_siginfo *info,
		    const struct guest_sigaction *sa, uint64_t mask, uint64_t altstack_top);
int riscv64_sigreturn(struct task *t, uint64_t *mask);
int riscv64_sigframe_peek(struct task *t, uint64_t *mask, uint64_t *ret);

static uint64_t sp(struct task *t)
{
	return cpu_reg_read(t, UC_RISCV_REG_SP);
}

static uint64_t pc(struct task *t)
{
	return cpu_reg_read(t, UC_RISCV_REG_PC);
}

static int put_stat(struct task *t, uint64_t addr, const struct stat *st)
{
	struct riscv64_stat k;
	KSTAT_FROM_HOST(k, st);
	return guest_write(t->process->mm, addr, &k, sizeof(k));
}

static int get_stat(struct task *t, uint64_t addr, struct stat *st)
{
	struct riscv64_stat k;
	if (guest_read(t->process->mm, addr, &k, sizeof(k)))
		return -EFAULT;
	KSTAT_TO_HOST(st, k);
	return 0;
}

static const uint8_t trap_stub[] = {
	0x13, 0x00, 0x00, 0x00,		/* nop: the host handler's hook */
	0x67, 0x80, 0x00, 0x00,		/* ret */
};
/* Exactly these bytes: libgcc and gdb recognise a signal frame by them. */
static const uint8_t sigreturn_code[] = {
	0x13, 0x00, 0x00, 0x00,		/* nop, so an unwinder's pc-1 lands in the FDE */
	0x93, 0x08, 0xb0, 0x08,		/* li a7, 139 (__NR_rt_sigreturn) */
	0x73, 0x00, 0x00, 0x00,		/* ecall */
};
static const struct vdso_export vdso_exports[] = {
	{ "__vdso_rt_sigreturn", .code = sigreturn_code, .code_len = sizeof(sigreturn_code),
	  .code_skip = 4, .signal_frame = 1 },
	{ "__vdso_gettimeofday", .func = "gettimeofday" },
	{ "__vdso_clock_gettime", .func = "clock_gettime" },
	{ "__vdso_clock_getres", .func = "clock_getres" },
	{ "__vdso_getcpu", .func = "getcpu" },
	{ "__vdso_flush_icache", .func = "flush_icache" },
	{ "__vdso_riscv_hwprobe", .func = "riscv_hwprobe" },
	{ "__vdso_getrandom", .func = "getrandom" },
};

/* The signal frame a handler returns from (struct rt_sigframe: siginfo,
 * then the ucontext whose uc_mcontext.sc_regs[] holds pc, x1..x31, followed
 * by the FP registers).  The CFA is the sp of the interrupted code, so sp at
 * the trampoline + sizeof(rt_sigframe); every register is restored from its
 * slot, pc through the alternate return column 64 (as QEMU's fixed vDSO). */
enum {
	SIGFRAME_SIZE = 1088,		/* = AT_MINSIGSTKSZ */
	SIGFRAME_MCONTEXT = 128 + 176,	/* siginfo + offsetof(ucontext, uc_mcontext) */
	SIGFRAME_FPREGS = SIGFRAME_MCONTEXT + 32 * 8,
	DWARF_SP = 2, DWARF_F0 = 32, DWARF_PC_ALT = 64,
};

static size_t uleb(uint8_t *out, uint64_t v)
{
	size_t n = 0;
	do {
		out[n] = v & 0x7f;
		v >>= 7;
		out[n++] |= v ? 0x80 : 0;
	} while (v);
	return n;
}

/* DW_CFA_offset(_extended) with data_align -8: slot at CFA - 8 * factored */
static size_t cfa_offset(uint8_t *out, unsigned reg, long from_sp)
{
	uint64_t factored = (SIGFRAME_SIZE - from_sp) / 8;
	size_t n = 0;
	if (reg < 64) {
		out[n++] = 0x80 | reg;
	} else {
		out[n++] = 0x05;	/* DW_CFA_offset_extended */
		n += uleb(out + n, reg);
	}
	return n + uleb(out + n, factored);
}

static size_t sigframe_cfi(uint8_t *out)
{
	size_t n = 0;
	out[n++] = 0x0c;			/* DW_CFA_def_cfa sp, SIGFRAME_SIZE */
	n += uleb(out + n, DWARF_SP);
	n += uleb(out + n, SIGFRAME_SIZE);
	n += cfa_offset(out + n, DWARF_PC_ALT, SIGFRAME_MCONTEXT);
	for (unsigned r = 1; r < 32; r++)
		n += cfa_offset(out + n, r, SIGFRAME_MCONTEXT + 8 * r);
	for (unsigned f = 0; f < 32; f++)
		n += cfa_offset(out + n, DWARF_F0 + f, SIGFRAME_FPREGS + 8 * f);
	return n;
}

/* Unicorn's riscv64 models, in qemu's spelling. */
static const struct cpu_model cpu_models[] = {
	{ "sifive-u54", UC_CPU_RISCV64_SIFIVE_U54, "SiFive U54 (RV64GC, S and U modes): the default, Unicorn's" },
	{ "any", UC_CPU_RISCV64_ANY, "every extension QEMU 5 has (RV64GC)" },
	{ "rv64", UC_CPU_RISCV64_BASE64, "the base RV64 model of QEMU 5" },
	{ "sifive-e51", UC_CPU_RISCV64_SIFIVE_E51, "SiFive E51 (RV64IMAC: no FPU, so no glibc program runs)" },
};

const struct arch arch_riscv64 = {
	.name = "riscv64",
	.e_machine = EM_RISCV,
	.addr_bits = 38,		/* Sv39: user space is the low 256 GiB */
	.uname_machine = "riscv64",
	.platform = NULL,		/* ELF_PLATFORM is NULL on riscv */
	/* sizeof(struct rt_sigframe) without vector state, rounded to 16:
	 * siginfo 128 + ucontext 960 (mcontext: 32 GPRs + Q-extension FP state). */
	.minsigstksz = 1088,
	.stack_rnd_bits = 18,		/* STACK_RND_MASK 0x3ffff pages */
	.stack_align_rnd = 0,
	.brk_rnd = 1ULL << 30,		/* generic arch_randomize_brk: SZ_1G */
	.has_hwcap2 = 0,
	.sa_restorer = 0,
	.sysroot = "/usr/riscv64-linux-gnu",
	.call_gpr = { 10, 11, 12, 13, 14, 15 },	/* a0-a5 */
	.ret_gpr = 10,
	.sys_gpr = { 10, 11, 12, 13, 14, 15 },
	.sys_nr_gpr = 17,			/* a7 */
	.vdso_version = "LINUX_4.15",
	.vdso_exports = vdso_exports,
	.nvdso_exports = sizeof(vdso_exports) / sizeof(vdso_exports[0]),
	.trap_stub = trap_stub,
	.trap_stub_len = sizeof(trap_stub),
	.elf_flags = 0x5,		/* EF_RISCV_RVC | EF_RISCV_FLOAT_ABI_DOUBLE, as lp64d objects */
	/* code align 1, data align -8, return address in ra; CFA = sp */
	.cfi = { 1, -8, 1, { 0x0c, 2, 0 }, 3 },
	.sigframe_cfi = sigframe_cfi,
	.vsyscall = 0,
	.syscall_names = syscall_names,
	.nsyscalls = sizeof(syscall_names) / sizeof(syscall_names[0]),
	.cpu_init = cpu_init,
	.copy_regs = copy_regs,
	.set_tls = set_tls,
	.syscall_pc_offset = 0,		/* Unicorn has moved pc past ecall already */
	.auxv_head = auxv_head,
	.start_regs = start_regs,
	.pc = pc,
	.sp = sp,
	.sp_reg = UC_RISCV_REG_SP,
	.clone_tls_before_ctid = 1,
	.insn_invalid_signal = insn_invalid_signal,
	.pc_reg = UC_RISCV_REG_PC,
	.syscall_insn_len = 4,
	.signal_frame = riscv64_signal_frame,
	.sigreturn = riscv64_sigreturn,
	.sigframe_peek = riscv64_sigframe_peek,
	.put_stat = put_stat,
	.epoll_event_size = 16,
	.get_stat = get_stat,
	.trap_insn = "ecall",
	.arch_prctl = NULL,
	.gdb = &riscv64_gdb,
	.log = &riscv64_log,
	.hostcall = &riscv64_hostcall,
	.cpu_models = cpu_models,
	.ncpu_models = sizeof(cpu_models) / sizeof(cpu_models[0]),
};
