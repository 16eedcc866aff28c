/* Everything emu knows about x86-64: CPU set-up, traps, registers, ABI. */
#include <asm/prctl.h>
#include <elf.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <unicorn/unicorn.h>

#include "../cpu.h"
#include "../../syscalls/syscalls.h"
#include "../../vdso/vdso.h"
#include "../kstat.h"
#include "kstat.h"

static const char *const syscall_names[] = {
#include "syscall_names.h"
};

/* Exception vectors as Unicorn reports them in intno. */
enum {
	EXC_DE = 0, EXC_DB = 1, EXC_BP = 3, EXC_UD = 6, EXC_GP = 13, EXC_PF = 14,
	EXC_MF = 16, EXC_AC = 17, EXC_XM = 19,
};

static void on_syscall(uc_engine *uc, void *opaque)
{
	(void)uc;
	syscall_trap(opaque);
}

static void on_interrupt(uc_engine *uc, uint32_t intno, void *opaque)
{
	struct task *t = opaque;
	(void)uc;
	uint64_t pc = cpu_reg_read(t, UC_X86_REG_RIP);
	switch (intno) {
	case EXC_PF:
		task_fault(t, SIGSEGV, 0, pc, t->fault_addr, t->fault_has_addr);
		break;
	case EXC_UD:
		task_fault(t, SIGILL, ILL_ILLOPN, pc, pc, true);
		break;
	case EXC_DE:
		task_fault(t, SIGFPE, FPE_INTDIV, pc, pc, true);
		break;
	case EXC_MF: case EXC_XM:
		task_fault(t, SIGFPE, FPE_FLTINV, pc, pc, true);
		break;
	case EXC_DB: case EXC_BP:
		task_fault(t, SIGTRAP, SI_KERNEL, pc, 0, false);
		break;
	case EXC_AC:
		task_fault(t, SIGBUS, BUS_ADRALN, pc, t->fault_addr, t->fault_has_addr);
		break;
	default:	/* #GP, int $n and the rest: the kernel sends SIGSEGV */
		task_fault(t, SIGSEGV, SI_KERNEL, pc, 0, false);
		break;
	}
}

char *x86_64_cpuinfo(const uint32_t (*leaf)[4]);

/* AT_HWCAP on x86 is CPUID.1:EDX of the CPU the program runs on, and
 * /proc/cpuinfo is what its CPUID says: ask the emulated CPU itself,
 * running cpuid in a scratch page for each leaf cpuinfo.c reads. */
static int read_cpuid(struct task *t)
{
	static const uint8_t cpuid[] = { 0x0f, 0xa2 };
	static const uint32_t leaves[] = { 0, 1, 7, 0x80000000, 0x80000001, 0x80000002,
					   0x80000003, 0x80000004, 0x80000008 };
	uint32_t out[9][4];
	uint64_t at = t->process->mm->size - GUEST_PAGE;
	if (mm_map(t->process->mm, at, GUEST_PAGE, PROT_READ | PROT_EXEC, MAP_PRIVATE, -1, 0, NULL))
		return -1;
	memcpy(t->process->mm->host + at, cpuid, sizeof(cpuid));
	uc_err err = UC_ERR_OK;
	for (int i = 0; i < 9 && !err; i++) {
		cpu_reg_write(t, UC_X86_REG_RAX, leaves[i]);
		cpu_reg_write(t, UC_X86_REG_RCX, 0);
		err = uc_emu_start(t->uc, at, at + sizeof(cpuid), 0, 0);
		static const int regs[4] = { UC_X86_REG_EAX, UC_X86_REG_EBX, UC_X86_REG_ECX, UC_X86_REG_EDX };
		for (int r = 0; r < 4; r++)
			out[i][r] = (uint32_t)cpu_reg_read(t, regs[r]);
	}
	mm_unmap(t->process->mm, at, GUEST_PAGE);
	t->process->hwcap = out[1][3];
	/* HWCAP2_FSGSBASE when the CPU has the FSGSBASE instructions. */
	t->process->hwcap2 = out[2][1] & 1 ? 2 : 0;
	t->process->cpuinfo = err ? NULL : x86_64_cpuinfo((const uint32_t (*)[4])out);
	return err ? -1 : 0;
}

static int cpu_init(struct task *t, bool first)
{
	if (cpu_open(t, UC_ARCH_X86, UC_MODE_64))
		return -1;
	uc_hook h;
	if ((first && read_cpuid(t)) ||
	    uc_hook_add(t->uc, &h, UC_HOOK_INSN, on_syscall, t, 1, 0, UC_X86_INS_SYSCALL) ||
	    uc_hook_add(t->uc, &h, UC_HOOK_INTR, on_interrupt, t, 1, 0))
		return -1;
	return 0;
}

static void copy_regs(struct task *from, struct task *to)
{
	static const int regs[] = {
		UC_X86_REG_RAX, UC_X86_REG_RBX, UC_X86_REG_RCX, UC_X86_REG_RDX, UC_X86_REG_RSI,
		UC_X86_REG_RDI, UC_X86_REG_RBP, UC_X86_REG_RSP, UC_X86_REG_R8, UC_X86_REG_R9,
		UC_X86_REG_R10, UC_X86_REG_R11, UC_X86_REG_R12, UC_X86_REG_R13, UC_X86_REG_R14,
		UC_X86_REG_R15, UC_X86_REG_EFLAGS, UC_X86_REG_FS_BASE, UC_X86_REG_GS_BASE,
		UC_X86_REG_MXCSR, UC_X86_REG_FPCW,
	};
	uint8_t xmm[16];
	for (size_t i = 0; i < sizeof(regs) / sizeof(regs[0]); i++)
		cpu_reg_write(to, regs[i], cpu_reg_read(from, regs[i]));
	for (int i = 0; i < 16; i++) {
		uc_reg_read(from->uc, UC_X86_REG_XMM0 + i, xmm);
		uc_reg_write(to->uc, UC_X86_REG_XMM0 + i, xmm);
	}
}

static void set_tls(struct task *t, uint64_t tls)
{
	cpu_reg_write(t, UC_X86_REG_FS_BASE, tls);
}

static int auxv_head(const struct process *p, uint64_t (*out)[2])
{
	int n = 0;
	/* ARCH_DLINFO: the vDSO, then AT_MINSIGSTKSZ. */
	if (p->vdso_base) {
		out[n][0] = AT_SYSINFO_EHDR;
		out[n++][1] = p->vdso_base;
	}
	out[n][0] = AT_MINSIGSTKSZ;
	out[n++][1] = arch_x86_64.minsigstksz;
	return n;
}

static int start_regs(struct task *t, uint64_t pc, uint64_t sp)
{
	static const int zero[] = {
		UC_X86_REG_RAX, UC_X86_REG_RBX, UC_X86_REG_RCX, UC_X86_REG_RDX,
		UC_X86_REG_RSI, UC_X86_REG_RDI, UC_X86_REG_RBP, UC_X86_REG_R8,
		UC_X86_REG_R9, UC_X86_REG_R10, UC_X86_REG_R11, UC_X86_REG_R12,
		UC_X86_REG_R13, UC_X86_REG_R14, UC_X86_REG_R15, UC_X86_REG_FS_BASE,
		UC_X86_REG_GS_BASE,
	};
	for (size_t i = 0; i < sizeof(zero) / sizeof(zero[0]); i++)
		if (cpu_reg_write(t, zero[i], 0))
			return -1;
	/* rdx is the rtld_fini pointer _start passes to __libc_start_main: none. */
	if (cpu_reg_write(t, UC_X86_REG_RSP, sp) || cpu_reg_write(t, UC_X86_REG_RIP, pc))
		return -1;
	return 0;
}

int x86_64_signal_frame(struct task *t, int sig, const struct guest_siginfo *info,
		    const struct guest_sigaction *sa, uint64_t mask, uint64_t altstack_top);
int x86_64_sigreturn(struct task *t, uint64_t *mask);
int x86_64_sigframe_peek(struct task *t, uint64_t *mask, uint64_t *ret);

static uint64_t sp(struct task *t)
{
	return cpu_reg_read(t, UC_X86_REG_RSP);
}

static uint64_t pc(struct task *t)
{
	return cpu_reg_read(t, UC_X86_REG_RIP);
}

static int put_stat(struct task *t, uint64_t addr, const struct stat *st)
{
	struct x86_64_stat k;
	KSTAT_FROM_HOST(k, st);
	return guest_write(t->process->mm, addr, &k, sizeof(k));
}

static int get_stat(struct task *t, uint64_t addr, struct stat *st)
{
	struct x86_64_stat k;
	if (guest_read(t->process->mm, addr, &k, sizeof(k)))
		return -EFAULT;
	KSTAT_TO_HOST(st, k);
	return 0;
}

static long arch_prctl(struct task *t, int code, uint64_t addr)
{
	uint64_t v;
	switch (code) {
	case ARCH_SET_FS:
		return cpu_reg_write(t, UC_X86_REG_FS_BASE, addr) ? -EINVAL : 0;
	case ARCH_SET_GS:
		return cpu_reg_write(t, UC_X86_REG_GS_BASE, addr) ? -EINVAL : 0;
	case ARCH_GET_FS:
		v = cpu_reg_read(t, UC_X86_REG_FS_BASE);
		return guest_write(t->process->mm, addr, &v, sizeof(v));
	case ARCH_GET_GS:
		v = cpu_reg_read(t, UC_X86_REG_GS_BASE);
		return guest_write(t->process->mm, addr, &v, sizeof(v));
	default:	/* CET, CPUID faulting, AMX: not offered */
		return -EINVAL;
	}
}

/* The vDSO (arch/x86/entry/vdso/vdso.lds.S, version LINUX_2.6): each
 * function under its plain name, a weak alias, and its __vdso_ name. */
static const uint8_t trap_stub[] = {
	0x90,		/* nop: the host handler's hook */
	0xc3,		/* ret */
};
static const struct vdso_export vdso_exports[] = {
	{ "__vdso_clock_gettime", .func = "clock_gettime" }, { "clock_gettime", .alias = 1 },
	{ "__vdso_gettimeofday", .func = "gettimeofday" }, { "gettimeofday", .alias = 1 },
	{ "__vdso_getcpu", .func = "getcpu" }, { "getcpu", .alias = 1 },
	{ "__vdso_time", .func = "time" }, { "time", .alias = 1 },
	{ "__vdso_clock_getres", .func = "clock_getres" }, { "clock_getres", .alias = 1 },
	{ "__vdso_getrandom", .func = "getrandom" }, { "getrandom", .alias = 1 },
};

/* Unicorn's x86 models that have long mode, in qemu's spelling.  TCG
 * runs what it can of each (no AVX at all) and CPUID reports only that:
 * the models differ in vendor, family, model and the older extensions. */
static const struct cpu_model cpu_models[] = {
	{ "Haswell", UC_CPU_X86_HASWELL, "Intel Core Processor (Haswell): the default, Unicorn's" },
	{ "qemu64", UC_CPU_X86_QEMU64, "QEMU's generic x86-64" },
	{ "kvm64", UC_CPU_X86_KVM64, "KVM's generic x86-64" },
	{ "phenom", UC_CPU_X86_PHENOM, "AMD Phenom" },
	{ "core2duo", UC_CPU_X86_CORE2DUO, "Intel Core 2 Duo" },
	{ "Conroe", UC_CPU_X86_CONROE, "Intel Celeron_4x0 (Conroe/Merom)" },
	{ "Penryn", UC_CPU_X86_PENRYN, "Intel Core 2 Duo P9xxx (Penryn)" },
	{ "Nehalem", UC_CPU_X86_NEHALEM, "Intel Core i7 9xx (Nehalem)" },
	{ "Westmere", UC_CPU_X86_WESTMERE, "Westmere E56xx/L56xx/X56xx" },
	{ "SandyBridge", UC_CPU_X86_SANDYBRIDGE, "Intel Xeon E312xx (Sandy Bridge)" },
	{ "IvyBridge", UC_CPU_X86_IVYBRIDGE, "Intel Xeon E3-12xx v2 (Ivy Bridge)" },
	{ "Broadwell", UC_CPU_X86_BROADWELL, "Intel Core Processor (Broadwell)" },
	{ "Skylake-Client", UC_CPU_X86_SKYLAKE_CLIENT, "Intel Core Processor (Skylake)" },
	{ "Skylake-Server", UC_CPU_X86_SKYLAKE_SERVER, "Intel Xeon Processor (Skylake)" },
	{ "Cascadelake-Server", UC_CPU_X86_CASCADELAKE_SERVER, "Intel Xeon Processor (Cascadelake)" },
	{ "Cooperlake", UC_CPU_X86_COOPERLAKE, "Intel Xeon Processor (Cooperlake)" },
	{ "Icelake-Client", UC_CPU_X86_ICELAKE_CLIENT, "Intel Core Processor (Icelake)" },
	{ "Icelake-Server", UC_CPU_X86_ICELAKE_SERVER, "Intel Xeon Processor (Icelake)" },
	{ "Denverton", UC_CPU_X86_DENVERTON, "Intel Atom Processor (Denverton)" },
	{ "Snowridge", UC_CPU_X86_SNOWRIDGE, "Intel Atom Processor (SnowRidge)" },
	{ "KnightsMill", UC_CPU_X86_KNIGHTSMILL, "Intel Xeon Phi Processor (Knights Mill)" },
	{ "Opteron_G1", UC_CPU_X86_OPTERON_G1, "AMD Opteron 240 (Gen 1 Class Opteron)" },
	{ "Opteron_G2", UC_CPU_X86_OPTERON_G2, "AMD Opteron 22xx (Gen 2 Class Opteron)" },
	{ "Opteron_G3", UC_CPU_X86_OPTERON_G3, "AMD Opteron 23xx (Gen 3 Class Opteron)" },
	{ "Opteron_G4", UC_CPU_X86_OPTERON_G4, "AMD Opteron 62xx class CPU" },
	{ "Opteron_G5", UC_CPU_X86_OPTERON_G5, "AMD Opteron 63xx class CPU" },
	{ "EPYC", UC_CPU_X86_EPYC, "AMD EPYC Processor" },
	{ "Dhyana", UC_CPU_X86_DHYANA, "Hygon Dhyana Processor" },
	{ "EPYC-Rome", UC_CPU_X86_EPYC_ROME, "AMD EPYC-Rome Processor" },
};

const struct arch arch_x86_64 = {
	.name = "x86_64",
	.e_machine = EM_X86_64,
	.addr_bits = 40,
	.uname_machine = "x86_64",
	.platform = "x86_64",
	/* init_sigframe_size() for an FXSR-only CPU: rt_sigframe 440 + 15
	 * padding + 512 fxregs + 63 xsave padding, rounded up to 16. */
	.minsigstksz = 1040,
	.stack_rnd_bits = 22,		/* STACK_RND_MASK 0x3fffff pages */
	.stack_align_rnd = 1,
	.brk_rnd = 1ULL << 25,		/* SZ_32M */
	.has_hwcap2 = 1,
	.sa_restorer = 1,
	/* uc_gpr_array order: rax rcx rdx rbx rsp rbp rsi rdi r8-r15 */
	.call_gpr = { 7, 6, 2, 1, 8, 9 },	/* rdi rsi rdx rcx r8 r9 */
	.ret_gpr = 0,				/* rax */
	.sys_gpr = { 7, 6, 2, 10, 8, 9 },	/* rdi rsi rdx r10 r8 r9 */
	.sys_nr_gpr = 0,
	.vdso_version = "LINUX_2.6",
	.vdso_exports = vdso_exports,
	.nvdso_exports = sizeof(vdso_exports) / sizeof(vdso_exports[0]),
	.trap_stub = trap_stub,
	.trap_stub_len = sizeof(trap_stub),
	.elf_flags = 0,
	/* code align 1, data align -8, return address rip (16);
	 * CFA = rsp + 8, rip saved at CFA - 8 */
	.cfi = { 1, -8, 16, { 0x0c, 7, 8, 0x80 | 16, 1 }, 5 },
	.sigframe_cfi = NULL,
	.vsyscall = 0xffffffffff600000ULL,
	.syscall_names = syscall_names,
	.nsyscalls = sizeof(syscall_names) / sizeof(syscall_names[0]),
	.cpu_init = cpu_init,
	.copy_regs = copy_regs,
	.set_tls = set_tls,
	.syscall_pc_offset = 2,		/* the hook sees rip at the syscall instruction */
	.auxv_head = auxv_head,
	.start_regs = start_regs,
	.pc = pc,
	.sp = sp,
	.sp_reg = UC_X86_REG_RSP,
	.clone_tls_before_ctid = 0,
	.insn_invalid_signal = NULL,
	.pc_reg = UC_X86_REG_RIP,
	.syscall_insn_len = 2,
	.signal_frame = x86_64_signal_frame,
	.sigreturn = x86_64_sigreturn,
	.sigframe_peek = x86_64_sigframe_peek,
	.put_stat = put_stat,
	.epoll_event_size = 12,
	.semid_ds_padded = true,
	.get_stat = get_stat,
	.trap_insn = "syscall",
	.arch_prctl = arch_prctl,
	.gdb = &x86_64_gdb,
	.log = &x86_64_log,
	.hostcall = &x86_64_hostcall,
	.cpu_models = cpu_models,
	.ncpu_models = sizeof(cpu_models) / sizeof(cpu_models[0]),
};
