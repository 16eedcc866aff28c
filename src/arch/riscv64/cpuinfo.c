/* /proc/cpuinfo for the emulated riscv64 CPU, in the kernel's format
 * (arch/riscv/kernel/cpu.c): its isa string from misa (the single-letter
 * extensions in canonical order, then the Z extensions QEMU's CPUs always
 * have), its MMU, and the vendor, architecture and implementation ids. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../arch.h"

char *riscv64_cpuinfo(uint64_t misa, uint64_t mvendorid, uint64_t marchid, uint64_t mimpid);
char *riscv64_cpuinfo(uint64_t misa, uint64_t mvendorid, uint64_t marchid, uint64_t mimpid)
{
	char isa[64] = "rv64";
	int k = 4;
	for (const char *c = "imafdqcbkjpvh"; *c && k < 40; c++)
		if (misa >> (*c - 'a') & 1)
			isa[k++] = *c;
	snprintf(isa + k, sizeof(isa) - k, "_zicsr_zifencei");
	int n = arch_online_cpus();
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);
	if (!f)
		return NULL;
	for (int cpu = 0; cpu < n; cpu++)
		fprintf(f, "processor\t: %d\nhart\t\t: %d\nisa\t\t: %s\nmmu\t\t: sv39\n"
			   "mvendorid\t: 0x%llx\nmarchid\t\t: 0x%llx\nmimpid\t\t: 0x%llx\n\n",
			cpu, cpu, isa, (unsigned long long)mvendorid, (unsigned long long)marchid,
			(unsigned long long)mimpid);
	fclose(f);
	return text;
}
