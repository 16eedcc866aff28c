/* The x86-64 signal frame (arch/x86/kernel/signal_64.c): struct rt_sigframe
 * is the return address (sa_restorer), the ucontext with its sigcontext, the
 * siginfo; the FPU/SSE state goes in an fxsave area above it, 64-aligned. */
#include <signal.h>
#include <string.h>
#include <unicorn/unicorn.h>

#include "../cpu.h"
#include "../siginfo.h"

struct x86_64_sigcontext {
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15, rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, eflags;
	uint16_t cs, gs, fs, ss;
	uint64_t err, trapno, oldmask, cr2, fpstate, reserved[8];
};

struct x86_64_rt_sigframe {
	uint64_t pretcode;
	uint64_t uc_flags, uc_link;
	uint64_t ss_sp;
	int32_t ss_flags, ss_pad;
	uint64_t ss_size;
	struct x86_64_sigcontext sc;
	uint64_t uc_sigmask;
	struct kernel_siginfo64 info;
};
_Static_assert(sizeof(struct x86_64_rt_sigframe) == 440, "x86-64 rt_sigframe is 440 bytes");

/* The fxsave image: control words, MXCSR, x87 and XMM registers. */
struct fxsave {
	uint16_t fcw, fsw;
	uint8_t ftw, pad0;
	uint16_t fop;
	uint64_t fip, fdp;
	uint32_t mxcsr, mxcsr_mask;
	uint8_t st[8][16];
	uint8_t xmm[16][16];
	uint8_t reserved[96];
};
_Static_assert(sizeof(struct fxsave) == 512, "fxsave is 512 bytes");

static const int gpr[] = {
	UC_X86_REG_R8, UC_X86_REG_R9, UC_X86_REG_R10, UC_X86_REG_R11, UC_X86_REG_R12,
	UC_X86_REG_R13, UC_X86_REG_R14, UC_X86_REG_R15, UC_X86_REG_RDI, UC_X86_REG_RSI,
	UC_X86_REG_RBP, UC_X86_REG_RBX, UC_X86_REG_RDX, UC_X86_REG_RAX, UC_X86_REG_RCX,
	UC_X86_REG_RSP, UC_X86_REG_RIP, UC_X86_REG_EFLAGS,
};

#define UC_FP_XSTATE 0x1
#define UC_SIGCONTEXT_SS 0x2
#define UC_STRICT_RESTORE_SS 0x4

static void save_fpu(struct task *t, struct fxsave *fx)
{
	memset(fx, 0, sizeof(*fx));
	fx->fcw = cpu_reg_read(t, UC_X86_REG_FPCW);
	fx->fsw = cpu_reg_read(t, UC_X86_REG_FPSW);
	fx->mxcsr = cpu_reg_read(t, UC_X86_REG_MXCSR);
	fx->mxcsr_mask = 0xffff;
	for (int i = 0; i < 16; i++)
		uc_reg_read(t->uc, UC_X86_REG_XMM0 + i, fx->xmm[i]);
}

static void load_fpu(struct task *t, const struct fxsave *fx)
{
	cpu_reg_write(t, UC_X86_REG_FPCW, fx->fcw);
	cpu_reg_write(t, UC_X86_REG_MXCSR, fx->mxcsr);
	for (int i = 0; i < 16; i++)
		uc_reg_write(t->uc, UC_X86_REG_XMM0 + i, fx->xmm[i]);
}

int x86_64_signal_frame(struct task *t, int sig, const struct guest_siginfo *info,
			const struct guest_sigaction *sa, uint64_t mask, uint64_t altstack_top)
{
	/* glibc always sets SA_RESTORER; the kernel refuses a frame without it */
	if (!(sa->flags & 0x04000000))
		return -1;
	uint64_t sp = altstack_top ? altstack_top : cpu_reg_read(t, UC_X86_REG_RSP) - 128;
	uint64_t fx_at = (sp - sizeof(struct fxsave)) & ~63ULL;
	uint64_t at = ((fx_at - sizeof(struct x86_64_rt_sigframe)) & ~15ULL) - 8;
	struct x86_64_rt_sigframe f;
	struct fxsave fx;
	memset(&f, 0, sizeof(f));
	f.pretcode = sa->restorer;
	f.uc_flags = UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS;
	f.ss_sp = t->altstack[0];
	f.ss_flags = altstack_top ? SS_ONSTACK : (int32_t)t->altstack[1];
	f.ss_size = t->altstack[2];
	uint64_t *r = &f.sc.r8;
	for (size_t i = 0; i < sizeof(gpr) / sizeof(gpr[0]); i++)
		r[i] = cpu_reg_read(t, gpr[i]);
	f.sc.cs = 0x33;
	f.sc.ss = 0x2b;
	f.sc.oldmask = mask;
	f.sc.cr2 = info->addr;
	f.sc.fpstate = fx_at;
	f.uc_sigmask = mask;
	siginfo_fill(&f.info, sig, info);
	save_fpu(t, &fx);
	if (guest_write(t->process->mm, fx_at, &fx, sizeof(fx)) || guest_write(t->process->mm, at, &f, sizeof(f)))
		return -1;
	cpu_reg_write(t, UC_X86_REG_RDI, sig);
	cpu_reg_write(t, UC_X86_REG_RSI, at + __builtin_offsetof(struct x86_64_rt_sigframe, info));
	cpu_reg_write(t, UC_X86_REG_RDX, at + 8);
	cpu_reg_write(t, UC_X86_REG_RAX, 0);
	cpu_reg_write(t, UC_X86_REG_RSP, at);
	cpu_reg_write(t, UC_X86_REG_RIP, sa->handler);
	/* DF, TF and RF cleared for the handler, as the ABI wants */
	cpu_reg_write(t, UC_X86_REG_EFLAGS, cpu_reg_read(t, UC_X86_REG_EFLAGS) & ~0x10500ULL);
	return 0;
}

int x86_64_sigframe_peek(struct task *t, uint64_t *mask, uint64_t *ret)
{
	struct x86_64_rt_sigframe f;
	if (guest_read(t->process->mm, cpu_reg_read(t, UC_X86_REG_RSP) - 8, &f, sizeof(f)))
		return -1;
	*mask = f.uc_sigmask;
	*ret = f.sc.rax;
	return 0;
}

int x86_64_sigreturn(struct task *t, uint64_t *mask)
{
	/* the handler's ret popped pretcode: the frame starts 8 below sp */
	struct x86_64_rt_sigframe f;
	struct fxsave fx;
	if (guest_read(t->process->mm, cpu_reg_read(t, UC_X86_REG_RSP) - 8, &f, sizeof(f)))
		return -1;
	const uint64_t *r = &f.sc.r8;
	for (size_t i = 0; i < sizeof(gpr) / sizeof(gpr[0]); i++)
		cpu_reg_write(t, gpr[i], r[i]);
	if (f.sc.fpstate && guest_read(t->process->mm, f.sc.fpstate, &fx, sizeof(fx)) == 0)
		load_fpu(t, &fx);
	*mask = f.uc_sigmask;
	return 0;
}
