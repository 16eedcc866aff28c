/* Heavy allocation: brk growth, mmap'd large blocks, realloc moves (mremap). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
	enum { SLOTS = 4096, ROUNDS = 30000 };
	static unsigned char *slot[SLOTS];
	static size_t size[SLOTS];
	uint64_t x = 88172645463325252ULL, sum = 0;
	for (int r = 0; r < ROUNDS; r++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		int i = x % SLOTS;
		if (slot[i]) {
			for (size_t k = 0; k < size[i]; k += 397)
				sum += slot[i][k] ^ (unsigned char)(i + k);
			if (x & 0x100) {
				size_t ns = (x >> 20) % 5000 + 1;
				unsigned char *p = realloc(slot[i], ns);
				if (!p)
					return 1;
				for (size_t k = size[i]; k < ns; k++)
					p[k] = (unsigned char)(i + k);
				slot[i] = p, size[i] = ns;
				continue;
			}
			free(slot[i]);
			slot[i] = NULL;
		} else {
			size_t s = (x >> 12) % (x & 0x80000 ? 300000 : 2000) + 1;
			slot[i] = malloc(s);
			if (!slot[i])
				return 1;
			for (size_t k = 0; k < s; k++)
				slot[i][k] = (unsigned char)(i + k);
			size[i] = s;
		}
	}
	/* A big block that glibc serves with mmap, grown with realloc (mremap). */
	size_t big = 8 << 20;
	unsigned char *p = malloc(big);
	memset(p, 0x5a, big);
	p = realloc(p, big * 4);
	for (size_t k = 0; k < big; k += 4096)
		sum += p[k];
	free(p);
	for (int i = 0; i < SLOTS; i++)
		free(slot[i]);
	printf("checksum %llu\n", (unsigned long long)sum);
	return 0;
}
