/* /proc/cpuinfo for the emulated x86-64 CPU, in the kernel's format
 * (arch/x86/kernel/cpu/proc.c), from what its CPUID says: a program that
 * reads the flags sees the features the CPU has (no avx2 when TCG runs
 * none), not the host's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../arch.h"
#include <stdint.h>


/* Linux's names for the CPUID bits (arch/x86/include/asm/cpufeatures.h). */
static const char *const leaf1_edx[32] = {
	"fpu", "vme", "de", "pse", "tsc", "msr", "pae", "mce", "cx8", "apic", NULL, "sep",
	"mtrr", "pge", "mca", "cmov", "pat", "pse36", "pn", "clflush", NULL, "dts", "acpi", "mmx",
	"fxsr", "sse", "sse2", "ss", "ht", "tm", "ia64", "pbe",
};
static const char *const leaf1_ecx[32] = {
	"pni", "pclmulqdq", "dtes64", "monitor", "ds_cpl", "vmx", "smx", "est", "tm2", "ssse3",
	"cid", "sdbg", "fma", "cx16", "xtpr", "pdcm", NULL, "pcid", "dca", "sse4_1", "sse4_2",
	"x2apic", "movbe", "popcnt", "tsc_deadline_timer", "aes", "xsave", NULL, "avx", "f16c",
	"rdrand", "hypervisor",
};
static const char *const ext1_edx[32] = {
	[11] = "syscall", [19] = "mp", [20] = "nx", [22] = "mmxext", [25] = "fxsr_opt",
	[26] = "pdpe1gb", [27] = "rdtscp", [29] = "lm", [30] = "3dnowext", [31] = "3dnow",
};
static const char *const ext1_ecx[32] = {
	"lahf_lm", "cmp_legacy", "svm", "extapic", "cr8_legacy", "abm", "sse4a", "misalignsse",
	"3dnowprefetch", "osvw", "ibs", "xop", "skinit", "wdt", NULL, "lwp", "fma4", "tce", NULL,
	"nodeid_msr", NULL, "tbm", "topoext", "perfctr_core", "perfctr_nb", NULL, "bpext", NULL,
	"perfctr_llc", "mwaitx",
};
static const char *const leaf7_ebx[32] = {
	"fsgsbase", "tsc_adjust", "sgx", "bmi1", "hle", "avx2", NULL, "smep", "bmi2", "erms",
	"invpcid", "rtm", "cqm", "mpx", "rdt_a", NULL, "avx512f", "avx512dq", "rdseed", "adx",
	"smap", "avx512ifma", NULL, "clflushopt", "clwb", "intel_pt", "avx512pf", "avx512er",
	"avx512cd", "sha_ni", "avx512bw", "avx512vl",
};
static const char *const leaf7_ecx[32] = {
	NULL, "avx512vbmi", "umip", "pku", "ospke", "waitpkg", "avx512_vbmi2", NULL, "gfni",
	"vaes", "vpclmulqdq", "avx512_vnni", "avx512_bitalg", NULL, "avx512_vpopcntdq", NULL,
	"la57", NULL, NULL, NULL, NULL, NULL, "rdpid", NULL, NULL, "cldemote", NULL, "movdiri",
	"movdir64b",
};

static void flags(FILE *f, uint32_t reg, const char *const names[32])
{
	for (int b = 0; b < 32; b++)
		if ((reg >> b & 1) && names[b])
			fprintf(f, " %s", names[b]);
}

/* The text, from the CPUID leaves 0, 1, 7, 0x80000000, 0x80000001,
 * 0x80000002-4 and 0x80000008 (eax ebx ecx edx each), in that order. */
char *x86_64_cpuinfo(const uint32_t (*leaf)[4]);
char *x86_64_cpuinfo(const uint32_t (*leaf)[4])
{
	char vendor[13], brand[49];
	memcpy(vendor, &leaf[0][1], 4);
	memcpy(vendor + 4, &leaf[0][3], 4);
	memcpy(vendor + 8, &leaf[0][2], 4);
	vendor[12] = 0;
	for (int i = 0; i < 3; i++)
		memcpy(brand + 16 * i, leaf[5 + i], 16);
	brand[48] = 0;
	const char *name = brand;
	while (*name == ' ')
		name++;
	uint32_t sig = leaf[1][0];
	unsigned family = (sig >> 8) & 15, model = (sig >> 4) & 15;
	if (family == 15)
		family += (sig >> 20) & 0xff;
	if (family >= 6)
		model += ((sig >> 16) & 15) << 4;
	int n = arch_online_cpus();
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);
	if (!f)
		return NULL;
	for (int cpu = 0; cpu < n; cpu++) {
		fprintf(f, "processor\t: %d\nvendor_id\t: %s\ncpu family\t: %u\nmodel\t\t: %u\n"
			   "model name\t: %s\nstepping\t: %u\nphysical id\t: 0\nsiblings\t: %d\n"
			   "core id\t\t: %d\ncpu cores\t: %d\napicid\t\t: %d\ninitial apicid\t: %d\n"
			   "fpu\t\t: yes\nfpu_exception\t: yes\ncpuid level\t: %u\nwp\t\t: yes\nflags\t\t:",
			cpu, vendor, family, model, *name ? name : "unknown", sig & 15, n, cpu, n, cpu, cpu,
			leaf[0][0]);
		flags(f, leaf[1][3], leaf1_edx);
		flags(f, leaf[1][2], leaf1_ecx);
		flags(f, leaf[4][3], ext1_edx);
		flags(f, leaf[4][2], ext1_ecx);
		flags(f, leaf[2][1], leaf7_ebx);
		flags(f, leaf[2][2], leaf7_ecx);
		fprintf(f, "\nclflush size\t: 64\ncache_alignment\t: 64\n"
			   "address sizes\t: %u bits physical, %u bits virtual\npower management:\n\n",
			leaf[3][0] >= 0x80000008 ? leaf[8][0] & 0xff : 36,
			leaf[3][0] >= 0x80000008 ? (leaf[8][0] >> 8) & 0xff : 48);
	}
	fclose(f);
	return text;
}
