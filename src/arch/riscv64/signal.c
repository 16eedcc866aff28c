/* The riscv64 signal frame (arch/riscv/kernel/signal.c): struct rt_sigframe
 * is siginfo then ucontext, whose uc_mcontext holds pc, x1..x31 and the
 * FP registers; the handler returns to __vdso_rt_sigreturn through ra. */
#include <signal.h>
#include <string.h>
#include <unicorn/unicorn.h>

#include "../cpu.h"
#include "../siginfo.h"

struct riscv64_ucontext {
	uint64_t uc_flags, uc_link;
	uint64_t ss_sp;
	int32_t ss_flags, ss_pad;
	uint64_t ss_size;
	uint64_t uc_sigmask;
	uint8_t unused[120];
	uint64_t pad;			/* uc_mcontext is 16-byte aligned */
	uint64_t regs[32];		/* pc, x1..x31 */
	uint64_t fregs[32];
	uint32_t fcsr, fpad[3];
	uint8_t q_rest[528 - 32 * 8 - 16];
};

struct riscv64_rt_sigframe {
	struct kernel_siginfo64 info;
	struct riscv64_ucontext uc;
};
_Static_assert(sizeof(struct riscv64_rt_sigframe) == 1088, "riscv64 rt_sigframe is 1088 bytes");
_Static_assert(__builtin_offsetof(struct riscv64_rt_sigframe, uc.regs) == 304, "uc_mcontext at 304");

static void save_regs(struct task *t, struct riscv64_ucontext *uc)
{
	uc->regs[0] = cpu_reg_read(t, UC_RISCV_REG_PC);
	for (int r = 1; r < 32; r++)
		uc->regs[r] = cpu_reg_read(t, UC_RISCV_REG_X0 + r);
	for (int f = 0; f < 32; f++)
		uc->fregs[f] = cpu_reg_read(t, UC_RISCV_REG_F0 + f);
	uc->fcsr = cpu_reg_read(t, UC_RISCV_REG_FCSR);
}

static void load_regs(struct task *t, const struct riscv64_ucontext *uc)
{
	cpu_reg_write(t, UC_RISCV_REG_PC, uc->regs[0]);
	for (int r = 1; r < 32; r++)
		cpu_reg_write(t, UC_RISCV_REG_X0 + r, uc->regs[r]);
	for (int f = 0; f < 32; f++)
		cpu_reg_write(t, UC_RISCV_REG_F0 + f, uc->fregs[f]);
	cpu_reg_write(t, UC_RISCV_REG_FCSR, uc->fcsr);
}

int riscv64_signal_frame(struct task *t, int sig, const struct guest_siginfo *info,
			 const struct guest_sigaction *sa, uint64_t mask, uint64_t altstack_top)
{
	uint64_t sp = altstack_top ? altstack_top : cpu_reg_read(t, UC_RISCV_REG_SP);
	uint64_t at = (sp - sizeof(struct riscv64_rt_sigframe)) & ~15ULL;
	struct riscv64_rt_sigframe f;
	memset(&f, 0, sizeof(f));
	siginfo_fill(&f.info, sig, info);
	f.uc.ss_sp = t->altstack[0];
	f.uc.ss_flags = altstack_top ? SS_ONSTACK : (int32_t)t->altstack[1];
	f.uc.ss_size = t->altstack[2];
	f.uc.uc_sigmask = mask;
	save_regs(t, &f.uc);
	/* With the vDSO off there is no trampoline to return through. */
	if (!t->process->vdso_sigreturn || guest_write(t->process->mm, at, &f, sizeof(f)))
		return -1;
	cpu_reg_write(t, UC_RISCV_REG_A0, sig);
	cpu_reg_write(t, UC_RISCV_REG_A1, at);
	cpu_reg_write(t, UC_RISCV_REG_A2, at + __builtin_offsetof(struct riscv64_rt_sigframe, uc));
	cpu_reg_write(t, UC_RISCV_REG_RA, t->process->vdso_sigreturn);
	cpu_reg_write(t, UC_RISCV_REG_SP, at);
	cpu_reg_write(t, UC_RISCV_REG_PC, sa->handler);
	return 0;
}

int riscv64_sigframe_peek(struct task *t, uint64_t *mask, uint64_t *ret)
{
	struct riscv64_rt_sigframe f;
	if (guest_read(t->process->mm, cpu_reg_read(t, UC_RISCV_REG_SP), &f, sizeof(f)))
		return -1;
	*mask = f.uc.uc_sigmask;
	*ret = f.uc.regs[10];	/* a0 */
	return 0;
}

int riscv64_sigreturn(struct task *t, uint64_t *mask)
{
	struct riscv64_rt_sigframe f;
	if (guest_read(t->process->mm, cpu_reg_read(t, UC_RISCV_REG_SP), &f, sizeof(f)))
		return -1;
	load_regs(t, &f.uc);
	*mask = f.uc.uc_sigmask;
	return 0;
}
