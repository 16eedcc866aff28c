/* What host calls need of x86-64: the SysV calling convention (rdi, rsi,
 * rdx, rcx, r8, r9, then the stack above the return address; xmm0-7 for
 * float and double, xmm0 for the result) and MXCSR, whose exception
 * flags and rounding field are the host's FE_* bits shifted (x87 and SSE
 * share one encoding). */
#include <elf.h>
#include <fenv.h>
#include <string.h>
#include <unicorn/unicorn.h>

#include "../arch.h"
#include "../cpu.h"

static uint64_t fp_get(struct task *t, unsigned n)
{
	uint64_t x[2];
	uc_reg_read(t->uc, UC_X86_REG_XMM0 + n, x);
	return x[0];
}

static void fp_set(struct task *t, unsigned n, uint64_t bits)
{
	uint64_t x[2] = { bits, 0 };
	uc_reg_write(t->uc, UC_X86_REG_XMM0 + n, x);
}

#define MXCSR_RC_SHIFT 13	/* the rounding control, as the x87's bits 10-11 */

static int fenv_round(struct task *t)
{
	return (int)((cpu_reg_read(t, UC_X86_REG_MXCSR) >> MXCSR_RC_SHIFT) & 3) << 10;
}

static void fenv_raise(struct task *t, int excepts)
{
	uint64_t m = cpu_reg_read(t, UC_X86_REG_MXCSR);
	cpu_reg_write(t, UC_X86_REG_MXCSR, m | (excepts & FE_ALL_EXCEPT));
}

const struct arch_hostcall x86_64_hostcall = {
	/* uc_gpr_array order: rax rcx rdx rbx rsp rbp rsi rdi r8-r15 */
	.int_gpr = { 7, 6, 2, 1, 8, 9 }, .nint = 6,
	.sp_gpr = 4,
	.stack_args = 8,		/* above the return address */
	.nfp = 8,
	.fp_get = fp_get,
	.fp_set = fp_set,
	.f32_box = 0,
	.r_tpoff = R_X86_64_TPOFF64,
	.tp_reg = UC_X86_REG_FS_BASE,
	.fenv_round = fenv_round,
	.fenv_raise = fenv_raise,
};
