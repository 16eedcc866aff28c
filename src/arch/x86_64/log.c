/* What the logs need of x86-64: Capstone's mode, fs as the thread pointer,
 * the dynamic relocation types (the psABI's, as <elf.h> numbers them). */
#include <capstone/capstone.h>
#include <elf.h>
#include <unicorn/unicorn.h>

#include "../arch.h"

static const char *const relocs[] = {
	[R_X86_64_NONE] = "NONE", [R_X86_64_64] = "64", [R_X86_64_COPY] = "COPY", [R_X86_64_GLOB_DAT] = "GLOB_DAT",
	[R_X86_64_JUMP_SLOT] = "JUMP_SLOT", [R_X86_64_RELATIVE] = "RELATIVE",
	[R_X86_64_DTPMOD64] = "DTPMOD64", [R_X86_64_DTPOFF64] = "DTPOFF64",
	[R_X86_64_TPOFF64] = "TPOFF64", [R_X86_64_TLSDESC] = "TLSDESC",
	[R_X86_64_IRELATIVE] = "IRELATIVE", [R_X86_64_RELATIVE64] = "RELATIVE64",
};

const struct arch_log x86_64_log = {
	.cs_arch = CS_ARCH_X86,
	.cs_mode = CS_MODE_64,
	.tp_reg = UC_X86_REG_FS_BASE,
	.ra_reg = -1,
	.r_irelative = R_X86_64_IRELATIVE,
	.reloc_names = relocs,
	.nreloc_names = sizeof(relocs) / sizeof(relocs[0]),
};
