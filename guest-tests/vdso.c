/* The vDSO seen from inside, the way the kernel's selftests look at it
 * (tools/testing/selftests/vDSO): find it through AT_SYSINFO_EHDR, look every
 * symbol up through DT_HASH and through DT_GNU_HASH, check both agree and
 * that the symbol carries the arch's version, then call each entry and hold
 * the answer against the syscall.  Run natively on x86_64 it checks the real
 * kernel's vDSO, whose output emu's must equal. */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#if defined(__x86_64__)
#define VERSION "LINUX_2.6"
static const char *const names[] = { "__vdso_clock_gettime", "__vdso_gettimeofday", "__vdso_time",
				     "__vdso_getcpu", "__vdso_clock_getres", "clock_gettime",
				     "gettimeofday", "time", "getcpu", "clock_getres" };
#else
#define VERSION "LINUX_4.15"
static const char *const names[] = { "__vdso_rt_sigreturn", "__vdso_gettimeofday", "__vdso_clock_gettime",
				     "__vdso_clock_getres", "__vdso_getcpu", "__vdso_flush_icache",
				     "__vdso_riscv_hwprobe" };
#endif

static int passed, failed;
#define CHECK(cond, ...) do { \
	if (cond) passed++, printf("ok   "); else failed++, printf("FAIL "); \
	printf(__VA_ARGS__); printf("\n"); \
} while (0)

static uintptr_t base;
static const Elf64_Sym *symtab;
static const char *strtab;
static const uint32_t *hash, *gnu;
static const uint16_t *versym;
static const Elf64_Verdef *verdef;

static uint32_t sysv_hash(const char *s)
{
	uint32_t h = 0, g;
	for (; *s; s++) {
		h = (h << 4) + (unsigned char)*s;
		g = h & 0xf0000000;
		h ^= g >> 24;
		h &= ~g;
	}
	return h;
}

static uint32_t gnu_hash(const char *s)
{
	uint32_t h = 5381;
	for (; *s; s++)
		h = h * 33 + (unsigned char)*s;
	return h;
}

static long by_sysv(const char *name)
{
	uint32_t nb = hash[0];
	const uint32_t *bucket = hash + 2, *chain = bucket + nb;
	for (uint32_t i = bucket[sysv_hash(name) % nb]; i; i = chain[i])
		if (!strcmp(strtab + symtab[i].st_name, name))
			return i;
	return -1;
}

static long by_gnu(const char *name)
{
	uint32_t nb = gnu[0], symoff = gnu[1], bloom_n = gnu[2], shift = gnu[3];
	const uint64_t *bloom = (const uint64_t *)(gnu + 4);
	const uint32_t *bucket = (const uint32_t *)(bloom + bloom_n), *chain = bucket + nb;
	uint32_t h = gnu_hash(name);
	uint64_t word = bloom[(h / 64) % bloom_n];
	if (!((word >> (h % 64)) & (word >> ((h >> shift) % 64)) & 1))
		return -1;
	for (uint32_t i = bucket[h % nb]; i; i++) {
		uint32_t c = chain[i - symoff];
		if ((c | 1) == (h | 1) && !strcmp(strtab + symtab[i].st_name, name))
			return i;
		if (c & 1)
			break;
	}
	return -1;
}

static const char *version_of(long i)
{
	uint16_t v = versym[i] & 0x7fff;
	for (const Elf64_Verdef *d = verdef;; d = (const void *)((const char *)d + d->vd_next)) {
		if (d->vd_ndx == v && !(d->vd_flags & VER_FLG_BASE))
			return strtab + ((const Elf64_Verdaux *)((const char *)d + d->vd_aux))->vda_name;
		if (!d->vd_next)
			return "?";
	}
}

static void *lookup(const char *name)
{
	long s = by_sysv(name), g = by_gnu(name);
	CHECK(s > 0 && s == g, "%s: DT_HASH and DT_GNU_HASH find the same symbol", name);
	if (s <= 0)
		return NULL;
	CHECK(!strcmp(version_of(s), VERSION), "%s is in version %s", name, VERSION);
	CHECK(ELF64_ST_TYPE(symtab[s].st_info) == STT_FUNC, "%s is a function", name);
	return (void *)(base + symtab[s].st_value);
}

static long long ns(struct timespec t)
{
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(void)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)getauxval(AT_SYSINFO_EHDR);
	CHECK(eh && !memcmp(eh->e_ident, ELFMAG, SELFMAG), "AT_SYSINFO_EHDR points at an ELF header");
	if (!eh)
		return 1;
	CHECK(eh->e_type == ET_DYN, "the vDSO is a shared object");
	const Elf64_Phdr *ph = (const void *)((const char *)eh + eh->e_phoff);
	const Elf64_Dyn *dyn = NULL;
	int loads = 0, eh_frame = 0;
	for (int i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type == PT_LOAD && loads++ == 0) {
			base = (uintptr_t)eh + ph[i].p_offset - ph[i].p_vaddr;
			CHECK(ph[i].p_offset == 0 && !(ph[i].p_flags & PF_W), "its first PT_LOAD covers the header, read-only");
		}
		if (ph[i].p_type == PT_DYNAMIC) {
			dyn = (const void *)((const char *)eh + ph[i].p_offset);
			CHECK(!(ph[i].p_flags & PF_W), "PT_DYNAMIC is read-only");
		}
		eh_frame |= ph[i].p_type == PT_GNU_EH_FRAME;
	}
	CHECK(loads == 1 && dyn && eh_frame, "one PT_LOAD, a PT_DYNAMIC, a PT_GNU_EH_FRAME");
	for (; dyn && dyn->d_tag != DT_NULL; dyn++) {
		const void *p = (const void *)(base + dyn->d_un.d_ptr);
		switch (dyn->d_tag) {
		case DT_SYMTAB: symtab = p; break;
		case DT_STRTAB: strtab = p; break;
		case DT_HASH: hash = p; break;
		case DT_GNU_HASH: gnu = p; break;
		case DT_VERSYM: versym = p; break;
		case DT_VERDEF: verdef = p; break;
		}
	}
	CHECK(symtab && strtab && hash && gnu && versym && verdef,
	      "DT_SYMTAB, DT_STRTAB, DT_HASH, DT_GNU_HASH, DT_VERSYM and DT_VERDEF are there");
	if (!(symtab && strtab && hash && gnu && versym && verdef))
		return 1;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		lookup(names[i]);
	CHECK(by_sysv("no_such_symbol") < 0 && by_gnu("no_such_symbol") < 0, "an unknown name is not found");

	int (*vgettime)(clockid_t, struct timespec *) = lookup("__vdso_clock_gettime");
	int (*vgetres)(clockid_t, struct timespec *) = lookup("__vdso_clock_getres");
	int (*vgtod)(struct timeval *, struct timezone *) = lookup("__vdso_gettimeofday");
	long (*vgetcpu)(unsigned *, unsigned *, void *) = lookup("__vdso_getcpu");
	static const struct { clockid_t id; const char *name; } clocks[] = {
		{ CLOCK_REALTIME, "REALTIME" }, { CLOCK_MONOTONIC, "MONOTONIC" },
		{ CLOCK_BOOTTIME, "BOOTTIME" }, { CLOCK_TAI, "TAI" },
		{ CLOCK_REALTIME_COARSE, "REALTIME_COARSE" }, { CLOCK_MONOTONIC_COARSE, "MONOTONIC_COARSE" },
		{ CLOCK_MONOTONIC_RAW, "MONOTONIC_RAW" }, { CLOCK_PROCESS_CPUTIME_ID, "PROCESS_CPUTIME_ID" },
	};
	for (size_t i = 0; vgettime && i < sizeof(clocks) / sizeof(clocks[0]); i++) {
		struct timespec s1, v, s2, r1, r2;
		syscall(SYS_clock_gettime, clocks[i].id, &s1);
		int rv = vgettime(clocks[i].id, &v);
		syscall(SYS_clock_gettime, clocks[i].id, &s2);
		CHECK(rv == 0 && ns(s1) <= ns(v) + 20000000 && ns(v) <= ns(s2) + 20000000,
		      "clock_gettime(CLOCK_%s) lies between two syscalls", clocks[i].name);
		int g1 = vgetres ? vgetres(clocks[i].id, &r1) : -1;
		int g2 = syscall(SYS_clock_getres, clocks[i].id, &r2);
		CHECK(g1 == 0 && g2 == 0 && r1.tv_sec == r2.tv_sec && r1.tv_nsec == r2.tv_nsec,
		      "clock_getres(CLOCK_%s) equals the syscall's", clocks[i].name);
	}
	struct timespec t;
	CHECK(vgettime && vgettime(12345, &t) == -EINVAL, "clock_gettime of a bad clock id returns -EINVAL");
	CHECK(vgetres && vgetres(12345, &t) == -EINVAL, "clock_getres of a bad clock id returns -EINVAL");
	CHECK(vgetres && vgetres(CLOCK_MONOTONIC, NULL) == 0, "clock_getres with a NULL result returns 0");

	struct timeval tv;
	struct timezone tz;
	time_t now = syscall(SYS_clock_gettime, CLOCK_REALTIME, &t) == 0 ? t.tv_sec : 0;
	CHECK(vgtod && vgtod(&tv, NULL) == 0 && tv.tv_sec - now <= 1 && tv.tv_usec < 1000000,
	      "gettimeofday with a NULL timezone agrees with CLOCK_REALTIME");
	CHECK(vgtod && vgtod(&tv, &tz) == 0, "gettimeofday with a timezone returns 0");
	CHECK(vgtod && vgtod(NULL, NULL) == 0, "gettimeofday(NULL, NULL) returns 0");
#ifdef __x86_64__
	time_t (*vtime)(time_t *) = lookup("__vdso_time");
	time_t tt = 0;
	CHECK(vtime && vtime(&tt) - now <= 1 && tt - now <= 1, "time agrees with CLOCK_REALTIME and stores it");
#endif
	unsigned cpu = ~0u, node = ~0u, scpu = ~1u, snode = ~1u;
	CHECK(vgetcpu && vgetcpu(&cpu, &node, NULL) == 0, "getcpu returns 0");
	syscall(SYS_getcpu, &scpu, &snode, NULL);
	CHECK(node == snode && cpu < 4096, "getcpu gives a cpu and the syscall's node");
#ifdef __riscv
	long (*vflush)(void *, void *, unsigned long) = lookup("__vdso_flush_icache");
	CHECK(vflush && vflush(0, 0, 0) == 0, "flush_icache returns 0");
	struct { int64_t key; uint64_t value; } pairs[2] = { { 3, 0 }, { 999, 0 } };
	long (*vprobe)(void *, size_t, size_t, void *, unsigned) = lookup("__vdso_riscv_hwprobe");
	CHECK(vprobe && vprobe(pairs, 2, 0, NULL, 0) == 0 && pairs[0].value == 1 && pairs[1].key == -1,
	      "riscv_hwprobe answers BASE_BEHAVIOR with IMA and marks an unknown key -1");
#endif

	/* vgetrandom: ask for the state's parameters, make one, get bytes. */
	long (*vrand)(void *, size_t, unsigned, void *, size_t) = lookup("__vdso_getrandom");
	struct { uint32_t size, prot, flags, reserved[13]; } params = { 0 };
	CHECK(vrand && vrand(NULL, 0, 0, &params, ~0UL) == 0 && params.size > 0 &&
	      params.prot == (PROT_READ | PROT_WRITE) && (params.flags & MAP_ANONYMOUS),
	      "getrandom's parameter query describes an anonymous read-write state");
	void *state = vrand ? mmap(NULL, params.size, params.prot, params.flags, -1, 0) : MAP_FAILED;
	unsigned char buf[32] = { 0 }, any = 0;
	CHECK(state != MAP_FAILED && vrand(buf, sizeof(buf), 0, state, params.size) == sizeof(buf),
	      "getrandom with that state fills the buffer");
	for (size_t i = 0; i < sizeof(buf); i++)
		any |= buf[i];
	CHECK(any, "and the bytes are not all zero");
	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}
