/* What the logs need of riscv64: Capstone's mode (with the C extension),
 * tp as the thread pointer, the dynamic relocation types (the psABI's, as
 * <elf.h> numbers them). */
#include <capstone/capstone.h>
#include <elf.h>
#include <unicorn/unicorn.h>

#include "../arch.h"

#ifndef R_RISCV_IRELATIVE
#define R_RISCV_IRELATIVE 58
#endif

static const char *const relocs[] = {
	[R_RISCV_NONE] = "NONE", [R_RISCV_64] = "64", [R_RISCV_RELATIVE] = "RELATIVE", [R_RISCV_COPY] = "COPY",
	[R_RISCV_JUMP_SLOT] = "JUMP_SLOT", [R_RISCV_TLS_DTPMOD64] = "TLS_DTPMOD64",
	[R_RISCV_TLS_DTPREL64] = "TLS_DTPREL64", [R_RISCV_TLS_TPREL64] = "TLS_TPREL64",
	[R_RISCV_IRELATIVE] = "IRELATIVE",
};

const struct arch_log riscv64_log = {
	.cs_arch = CS_ARCH_RISCV,
	.cs_mode = CS_MODE_RISCV64 | CS_MODE_RISCVC,
	.branch_relative = true,
	.tp_reg = UC_RISCV_REG_TP,
	.ra_reg = UC_RISCV_REG_RA,
	.r_irelative = R_RISCV_IRELATIVE,
	.reloc_names = relocs,
	.nreloc_names = sizeof(relocs) / sizeof(relocs[0]),
};
