/* Code written into an executable mapping and run, then rewritten in place
 * and run again, as JITs do: the CPU must not keep running the old
 * translation.  x86-64 needs no cache flush; riscv64 has fence.i, which
 * __builtin___clear_cache issues (with the flush_icache syscall).  On
 * riscv64 also across threads: one rewrites, flushes all harts' caches, and
 * another, which ran the old code, runs the new. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "check.h"

static int run(unsigned char *p, int value)
{
#ifdef __x86_64__
	unsigned char code[] = { 0xb8, (unsigned char)value, 0, 0, 0, 0xc3 };	/* mov $v, %eax; ret */
#else
	uint32_t code[] = { 0x00000513u | (uint32_t)value << 20, 0x00008067u };	/* li a0, v; ret */
#endif
	memcpy(p, code, sizeof(code));
	__builtin___clear_cache((char *)p, (char *)p + sizeof(code));
	return ((int (*)(void))p)();
}

#ifdef __riscv
static unsigned char *shared_code;
static int version, done, result[11];

static void *runner(void *arg)
{
	(void)arg;
	for (int v = 1; v <= 10; v++) {
		while (__atomic_load_n(&version, __ATOMIC_ACQUIRE) != v)
			;
		result[v] = ((int (*)(void))shared_code)();
		__atomic_store_n(&done, v, __ATOMIC_RELEASE);
	}
	return NULL;
}

static int across_threads(unsigned char *code)
{
	int ok = 1;
	pthread_t t;
	shared_code = code;
	pthread_create(&t, NULL, runner, NULL);
	for (int v = 1; v <= 10; v++) {
		uint32_t insn[] = { 0x00000513u | (uint32_t)(v * 3) << 20, 0x00008067u };	/* li a0, 3v; ret */
		memcpy(code, insn, sizeof(insn));
		__builtin___clear_cache((char *)code, (char *)code + sizeof(insn));
		__atomic_store_n(&version, v, __ATOMIC_RELEASE);
		while (__atomic_load_n(&done, __ATOMIC_ACQUIRE) != v)
			;
		ok &= result[v] == v * 3;
	}
	pthread_join(t, NULL);
	return ok;
}
#endif

int main(void)
{
	unsigned char *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
				   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(page != MAP_FAILED);
	int ok = 1;
	for (int i = 1; i <= 20; i++)		/* the same address each time */
		ok &= run(page + 64, i) == i;
	CHECK(ok);
	/* data beside the code on the same page, written between runs */
	volatile int *data = (volatile int *)(page + 2048);
	for (int i = 0; i < 1000; i++)
		*data += run(page + 64, 1);
	CHECK(*data == 1000);
#ifdef __riscv
	CHECK(across_threads(page + 256));
#endif
	printf("%d failures\n", failures);
	return failures != 0;
}
