/* What host calls need of riscv64: the LP64D calling convention (a0-a7,
 * then the stack at sp; fa0-fa7 for float and double, a float NaN-boxed
 * in its 64-bit register; fa0 for the result), the rounding mode and the
 * exception flags. */
#include <elf.h>
#include <fenv.h>
#include <unicorn/unicorn.h>

#include "../../task/sched.h"
#include "../arch.h"

/* frm: RNE, RTZ, RDN, RUP, RMM (RMM has no host mode: to nearest).  The
 * flags are the CPU's softfloat state's, whose bits (float_flag_*) are
 * the host's FE_* ones: invalid 1, divbyzero 4, overflow 8, underflow 16,
 * inexact 32; fflags is made of them when the guest reads it. */
static void fenv_get(struct task *t, int *round, int *excepts)
{
	static const int mode[8] = { FE_TONEAREST, FE_TOWARDZERO, FE_DOWNWARD, FE_UPWARD };
	*round = mode[*t->frm & 7];
	*excepts = *t->fp_flags & FE_ALL_EXCEPT;
}

static void fenv_raise(struct task *t, int excepts)
{
	*t->fp_flags |= excepts & FE_ALL_EXCEPT;
}

/* fcvt raises inexact where the host's code does not; fclass-based finite
 * returns its class bit, not 1; FP_ILOGB0 and FP_ILOGBNAN are -INT_MAX
 * and INT_MAX here (x86-64's are INT_MIN); nextdown's sign flip keeps a
 * NaN's payload here */
static const char *const guest_only[] = {
	"lrint", "lround", "llrint", "llround", "finite", "ilogb", "llogb", "nextdown", NULL,
};

const struct arch_hostcall riscv64_hostcall = {
	.canonical_nan = true,
	.guest_only = guest_only,
	.int_gpr = { 10, 11, 12, 13, 14, 15, 16, 17 }, .nint = 8,	/* a0-a7 */
	.sp_gpr = 2,
	.stack_args = 0,
	.nfp = 8,
	.fp_arg0 = 10,			/* fa0 */
	.f32_box = 0xffffffff00000000ULL,
	.r_tpoff = R_RISCV_TLS_TPREL64,
	.tp_reg = UC_RISCV_REG_TP,
	.fenv_get = fenv_get,
	.fenv_raise = fenv_raise,
};
