/* What host calls need of x86-64: the SysV calling convention (rdi, rsi,
 * rdx, rcx, r8, r9, then the stack above the return address; xmm0-7 for
 * float and double, xmm0 for the result) and MXCSR, whose exception
 * flags are the host's FE_* bits and whose rounding field is the x87's,
 * shifted. */
#include <elf.h>
#include <fenv.h>
#include <unicorn/unicorn.h>

#include "../../task/sched.h"
#include "../arch.h"

#define MXCSR_RC_SHIFT 13

static void fenv_get(struct task *t, int *round, int *excepts)
{
	uint32_t m = *t->fcsr;
	*round = (int)((m >> MXCSR_RC_SHIFT) & 3) << 10;
	*excepts = m & FE_ALL_EXCEPT;
}

/* what ldmxcsr would do to the flags: emu's softfloat keeps none of its own */
static void fenv_raise(struct task *t, int excepts)
{
	*t->fcsr |= excepts & FE_ALL_EXCEPT;
}

const struct arch_hostcall x86_64_hostcall = {
	/* uc_gpr_array order: rax rcx rdx rbx rsp rbp rsi rdi r8-r15 */
	.int_gpr = { 7, 6, 2, 1, 8, 9 }, .nint = 6,
	.sp_gpr = 4,
	.stack_args = 8,		/* above the return address */
	.nfp = 8,
	.fp_arg0 = 0,			/* xmm0 */
	.f32_box = 0,
	.r_tpoff = R_X86_64_TPOFF64,
	.tp_reg = UC_X86_REG_FS_BASE,
	.fenv_get = fenv_get,
	.fenv_raise = fenv_raise,
};
