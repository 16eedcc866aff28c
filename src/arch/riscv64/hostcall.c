/* What host calls need of riscv64: the LP64D calling convention (a0-a7,
 * then the stack at sp; fa0-fa7 for float and double, a float NaN-boxed
 * in its 64-bit register; fa0 for the result) and fcsr's frm and fflags,
 * translated to and from the host's FE_* bits. */
#include <elf.h>
#include <fenv.h>
#include <unicorn/unicorn.h>

#include "../arch.h"
#include "../cpu.h"

/* fcsr: fflags in bits 0-4 (NX 1, UF 2, OF 4, DZ 8, NV 16), frm in 5-7
 * (RNE, RTZ, RDN, RUP, RMM; RMM has no host mode: to nearest) */
static const struct { int fe, rv; } flag[] = {
	{ FE_INEXACT, 1 }, { FE_UNDERFLOW, 2 }, { FE_OVERFLOW, 4 }, { FE_DIVBYZERO, 8 },
	{ FE_INVALID, 16 },
};

static void fenv_get(struct task *t, int *round, int *excepts)
{
	static const int mode[8] = { FE_TONEAREST, FE_TOWARDZERO, FE_DOWNWARD, FE_UPWARD };
	uint64_t fcsr = cpu_reg_read(t, UC_RISCV_REG_FCSR);
	*round = mode[(fcsr >> 5) & 7];
	*excepts = 0;
	for (int i = 0; i < 5; i++)
		*excepts |= fcsr & flag[i].rv ? flag[i].fe : 0;
}

static void fenv_raise(struct task *t, int excepts)
{
	uint64_t f = 0;
	for (int i = 0; i < 5; i++)
		f |= excepts & flag[i].fe ? flag[i].rv : 0;
	if (f)
		cpu_reg_write(t, UC_RISCV_REG_FFLAGS, cpu_reg_read(t, UC_RISCV_REG_FFLAGS) | f);
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
