/* Code written into an executable mapping and run, then rewritten in place
 * and run again, as JITs do: the CPU must not keep running the old
 * translation.  x86-64 needs no cache flush; riscv64 has fence.i, which
 * __builtin___clear_cache issues (with the flush_icache syscall). */
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
	printf("%d failures\n", failures);
	return failures != 0;
}
