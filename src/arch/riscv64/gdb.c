/* riscv64 as gdb sees it: gdb's 64bit-cpu and 64bit-fpu features.  gdb
 * treats riscv watchpoints as nonsteppable (the debug spec's triggers
 * fire before the access): it expects the stop before the instruction. */
#include <unicorn/unicorn.h>

#include "../arch.h"

enum { CPU, FPU };

static const char *const features[] = {
	[CPU] = "org.gnu.gdb.riscv.cpu",
	[FPU] = "org.gnu.gdb.riscv.fpu",
};

static const char *const types[] = {
	[CPU] = "",
	[FPU] = "<union id=\"riscv_double\"><field name=\"float\" type=\"ieee_single\"/>"
		"<field name=\"double\" type=\"ieee_double\"/></union>",
};

#define X(n, i, type) { n, UC_RISCV_REG_X0 + i, 8, CPU, type, i == 0 }
#define F(n, i) { n, UC_RISCV_REG_F0 + i, 8, FPU, "riscv_double", false }

static const struct gdb_reg regs[] = {
	X("zero", 0, "int"), X("ra", 1, "code_ptr"), X("sp", 2, "data_ptr"), X("gp", 3, "data_ptr"),
	X("tp", 4, "data_ptr"), X("t0", 5, "int"), X("t1", 6, "int"), X("t2", 7, "int"),
	X("fp", 8, "data_ptr"), X("s1", 9, "int"), X("a0", 10, "int"), X("a1", 11, "int"),
	X("a2", 12, "int"), X("a3", 13, "int"), X("a4", 14, "int"), X("a5", 15, "int"),
	X("a6", 16, "int"), X("a7", 17, "int"), X("s2", 18, "int"), X("s3", 19, "int"),
	X("s4", 20, "int"), X("s5", 21, "int"), X("s6", 22, "int"), X("s7", 23, "int"),
	X("s8", 24, "int"), X("s9", 25, "int"), X("s10", 26, "int"), X("s11", 27, "int"),
	X("t3", 28, "int"), X("t4", 29, "int"), X("t5", 30, "int"), X("t6", 31, "int"),
	{ "pc", UC_RISCV_REG_PC, 8, CPU, "code_ptr", false },
	F("ft0", 0), F("ft1", 1), F("ft2", 2), F("ft3", 3), F("ft4", 4), F("ft5", 5),
	F("ft6", 6), F("ft7", 7), F("fs0", 8), F("fs1", 9), F("fa0", 10), F("fa1", 11),
	F("fa2", 12), F("fa3", 13), F("fa4", 14), F("fa5", 15), F("fa6", 16), F("fa7", 17),
	F("fs2", 18), F("fs3", 19), F("fs4", 20), F("fs5", 21), F("fs6", 22), F("fs7", 23),
	F("fs8", 24), F("fs9", 25), F("fs10", 26), F("fs11", 27), F("ft8", 28), F("ft9", 29),
	F("ft10", 30), F("ft11", 31),
	{ "fflags", UC_RISCV_REG_FFLAGS, 4, FPU, "int", false },
	{ "frm", UC_RISCV_REG_FRM, 4, FPU, "int", false },
	{ "fcsr", UC_RISCV_REG_FCSR, 4, FPU, "int", false },
};

const struct arch_gdb riscv64_gdb = {
	.architecture = "riscv:rv64",
	.features = features,
	.types = types,
	.nfeatures = sizeof(features) / sizeof(features[0]),
	.regs = regs,
	.nregs = sizeof(regs) / sizeof(regs[0]),
	.watch_before = true,
};
