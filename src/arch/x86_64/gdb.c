/* x86-64 as gdb sees it: the registers of gdb's 64bit-core, 64bit-sse,
 * 64bit-linux and 64bit-segments features, in their order.  gdb's
 * amd64-linux support wants org.gnu.gdb.i386.linux (orig_rax) to be there
 * before it knows the target runs Linux. */
#include <unicorn/unicorn.h>

#include "../arch.h"

enum { CORE, SSE, LINUX, SEGMENTS };

static const char *const features[] = {
	[CORE] = "org.gnu.gdb.i386.core",
	[SSE] = "org.gnu.gdb.i386.sse",
	[LINUX] = "org.gnu.gdb.i386.linux",
	[SEGMENTS] = "org.gnu.gdb.i386.segments",
};

static const char *const types[] = {
	[CORE] =
	"<flags id=\"i386_eflags\" size=\"4\">"
	"<field name=\"CF\" start=\"0\" end=\"0\"/><field name=\"\" start=\"1\" end=\"1\"/>"
	"<field name=\"PF\" start=\"2\" end=\"2\"/><field name=\"AF\" start=\"4\" end=\"4\"/>"
	"<field name=\"ZF\" start=\"6\" end=\"6\"/><field name=\"SF\" start=\"7\" end=\"7\"/>"
	"<field name=\"TF\" start=\"8\" end=\"8\"/><field name=\"IF\" start=\"9\" end=\"9\"/>"
	"<field name=\"DF\" start=\"10\" end=\"10\"/><field name=\"OF\" start=\"11\" end=\"11\"/>"
	"<field name=\"NT\" start=\"14\" end=\"14\"/><field name=\"RF\" start=\"16\" end=\"16\"/>"
	"<field name=\"VM\" start=\"17\" end=\"17\"/><field name=\"AC\" start=\"18\" end=\"18\"/>"
	"<field name=\"VIF\" start=\"19\" end=\"19\"/><field name=\"VIP\" start=\"20\" end=\"20\"/>"
	"<field name=\"ID\" start=\"21\" end=\"21\"/></flags>",
	[SSE] =
	"<vector id=\"v8bf16\" type=\"bfloat16\" count=\"8\"/>"
	"<vector id=\"v8h\" type=\"ieee_half\" count=\"8\"/>"
	"<vector id=\"v4f\" type=\"ieee_single\" count=\"4\"/>"
	"<vector id=\"v2d\" type=\"ieee_double\" count=\"2\"/>"
	"<vector id=\"v16i8\" type=\"int8\" count=\"16\"/>"
	"<vector id=\"v8i16\" type=\"int16\" count=\"8\"/>"
	"<vector id=\"v4i32\" type=\"int32\" count=\"4\"/>"
	"<vector id=\"v2i64\" type=\"int64\" count=\"2\"/>"
	"<union id=\"vec128\"><field name=\"v8_bfloat16\" type=\"v8bf16\"/>"
	"<field name=\"v8_half\" type=\"v8h\"/><field name=\"v4_float\" type=\"v4f\"/>"
	"<field name=\"v2_double\" type=\"v2d\"/><field name=\"v16_int8\" type=\"v16i8\"/>"
	"<field name=\"v8_int16\" type=\"v8i16\"/><field name=\"v4_int32\" type=\"v4i32\"/>"
	"<field name=\"v2_int64\" type=\"v2i64\"/><field name=\"uint128\" type=\"uint128\"/></union>"
	"<flags id=\"i386_mxcsr\" size=\"4\">"
	"<field name=\"IE\" start=\"0\" end=\"0\"/><field name=\"DE\" start=\"1\" end=\"1\"/>"
	"<field name=\"ZE\" start=\"2\" end=\"2\"/><field name=\"OE\" start=\"3\" end=\"3\"/>"
	"<field name=\"UE\" start=\"4\" end=\"4\"/><field name=\"PE\" start=\"5\" end=\"5\"/>"
	"<field name=\"DAZ\" start=\"6\" end=\"6\"/><field name=\"IM\" start=\"7\" end=\"7\"/>"
	"<field name=\"DM\" start=\"8\" end=\"8\"/><field name=\"ZM\" start=\"9\" end=\"9\"/>"
	"<field name=\"OM\" start=\"10\" end=\"10\"/><field name=\"UM\" start=\"11\" end=\"11\"/>"
	"<field name=\"PM\" start=\"12\" end=\"12\"/><field name=\"FZ\" start=\"15\" end=\"15\"/></flags>",
	[LINUX] = "",
	[SEGMENTS] = "",
};

#define GPR(n, r) { n, UC_X86_REG_##r, 8, CORE, "int64", false }
#define SEG(n, r) { n, UC_X86_REG_##r, 4, CORE, "int32", true }
#define ST(i) { "st" #i, UC_X86_REG_ST##i, 10, CORE, "i387_ext", false }
#define FPU(n, r) { n, UC_X86_REG_##r, 4, CORE, "int", false }
#define XMM(i) { "xmm" #i, UC_X86_REG_XMM##i, 16, SSE, "vec128", false }

static const struct gdb_reg regs[] = {
	GPR("rax", RAX), GPR("rbx", RBX), GPR("rcx", RCX), GPR("rdx", RDX),
	GPR("rsi", RSI), GPR("rdi", RDI),
	{ "rbp", UC_X86_REG_RBP, 8, CORE, "data_ptr", false },
	{ "rsp", UC_X86_REG_RSP, 8, CORE, "data_ptr", false },
	GPR("r8", R8), GPR("r9", R9), GPR("r10", R10), GPR("r11", R11),
	GPR("r12", R12), GPR("r13", R13), GPR("r14", R14), GPR("r15", R15),
	{ "rip", UC_X86_REG_RIP, 8, CORE, "code_ptr", false },
	{ "eflags", UC_X86_REG_EFLAGS, 4, CORE, "i386_eflags", false },
	SEG("cs", CS), SEG("ss", SS), SEG("ds", DS), SEG("es", ES), SEG("fs", FS), SEG("gs", GS),
	ST(0), ST(1), ST(2), ST(3), ST(4), ST(5), ST(6), ST(7),
	FPU("fctrl", FPCW), FPU("fstat", FPSW), FPU("ftag", FPTAG), FPU("fiseg", FCS),
	FPU("fioff", FIP), FPU("foseg", FDS), FPU("fooff", FDP), FPU("fop", FOP),
	XMM(0), XMM(1), XMM(2), XMM(3), XMM(4), XMM(5), XMM(6), XMM(7),
	XMM(8), XMM(9), XMM(10), XMM(11), XMM(12), XMM(13), XMM(14), XMM(15),
	{ "mxcsr", UC_X86_REG_MXCSR, 4, SSE, "i386_mxcsr", false },
	{ "orig_rax", -1, 8, LINUX, "int", true },
	{ "fs_base", UC_X86_REG_FS_BASE, 8, SEGMENTS, "int", false },
	{ "gs_base", UC_X86_REG_GS_BASE, 8, SEGMENTS, "int", false },
};

const struct arch_gdb x86_64_gdb = {
	.architecture = "i386:x86-64",
	.features = features,
	.types = types,
	.nfeatures = sizeof(features) / sizeof(features[0]),
	.regs = regs,
	.nregs = sizeof(regs) / sizeof(regs[0]),
	.watch_before = false,		/* x86 debug registers trap after the access */
};
