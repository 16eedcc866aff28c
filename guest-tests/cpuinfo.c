/* /proc/cpuinfo tells the truth about the CPU the program runs on: on
 * x86-64 its vendor and flags are what the cpuid instruction says (so a
 * program that reads "avx2" there can use it), on riscv64 its isa string
 * has the letters AT_HWCAP has.  Natively this holds of the real CPU. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>

#include "check.h"

static char *field(const char *text, const char *name)
{
	static char value[4096];
	const char *p = strstr(text, name);
	if (!p || !(p = strchr(p, ':')))
		return NULL;
	p += 2;
	size_t n = strcspn(p, "\n");
	snprintf(value, sizeof(value), "%.*s", (int)n, p);
	return value;
}

static int has_flag(const char *flags, const char *flag)
{
	size_t n = strlen(flag);
	for (const char *p = flags; (p = strstr(p, flag)); p += n)
		if ((p == flags || p[-1] == ' ') && (p[n] == ' ' || p[n] == 0))
			return 1;
	return 0;
}

int main(void)
{
	static char text[1 << 16];
	FILE *f = fopen("/proc/cpuinfo", "r");
	size_t n = f ? fread(text, 1, sizeof(text) - 1, f) : 0;
	CHECK(n > 0 && strstr(text, "processor\t: 0\n"));
#if defined(__x86_64__)
	unsigned a, b, c, d, vendor[3];
	__asm__ volatile("cpuid" : "=a"(a), "=b"(vendor[0]), "=c"(vendor[2]), "=d"(vendor[1]) : "a"(0), "c"(0));
	char v[13];
	memcpy(v, vendor, 12);
	v[12] = 0;
	const char *vid = field(text, "vendor_id");
	CHECK(vid && !strcmp(vid, v));
	char *flags = field(text, "flags");
	CHECK(flags != NULL);
	__asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(1), "c"(0));
	CHECK(has_flag(flags, "sse4_2") == !!(c & (1 << 20)));
	CHECK(has_flag(flags, "avx") == !!(c & (1 << 28)));
	CHECK(has_flag(flags, "sse2") == !!(d & (1 << 26)));
	__asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(7), "c"(0));
	CHECK(has_flag(flags, "avx2") == !!(b & (1 << 5)));
	CHECK(has_flag(flags, "bmi2") == !!(b & (1 << 8)));
#elif defined(__riscv)
	const char *isa = field(text, "isa");
	CHECK(isa && !strncmp(isa, "rv64", 4));
	unsigned long hw = getauxval(AT_HWCAP);
	for (const char *l = "imafdc"; *l; l++) {
		const char *end = isa ? isa + 4 + strcspn(isa + 4, "_") : NULL;
		int in_isa = isa && memchr(isa + 4, *l, end - (isa + 4)) != NULL;
		printf("%c: ", *l);
		CHECK(in_isa == !!(hw & (1UL << (*l - 'a'))));
	}
	CHECK(field(text, "mmu") != NULL);
#endif
	printf("%d failures\n", failures);
	return failures != 0;
}
