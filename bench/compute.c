/* A CPU-bound mix for bench/run: sorting, floating point, byte hashing and
 * pointer chasing.  Prints a checksum so every runner is seen to agree. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint64_t next(void)
{
	rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
	return rng;
}

static int cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

int main(void)
{
	uint64_t sum = 0;

	enum { NSORT = 400000 };
	uint32_t *v = malloc(NSORT * sizeof(*v));
	for (int i = 0; i < NSORT; i++)
		v[i] = next();
	qsort(v, NSORT, sizeof(*v), cmp);
	sum += v[NSORT / 2];

	double x = 0.5, y = 0.25, acc = 0;
	for (int i = 0; i < 3000000; i++) {
		x = x * 1.0000001 + y / (1.0 + x * x);
		y = y * 0.9999999 + 0.5 * x;
		acc += x * y;
	}
	sum += (uint64_t)acc;

	enum { NBYTES = 16 << 20 };
	unsigned char *buf = malloc(NBYTES);
	for (int i = 0; i < NBYTES; i++)
		buf[i] = (unsigned char)(i * 131 + (i >> 9));
	uint32_t h = 2166136261u;
	for (int i = 0; i < NBYTES; i++)
		h = (h ^ buf[i]) * 16777619u;
	sum += h;

	enum { NNODES = 1 << 20 };
	uint32_t *nextn = malloc(NNODES * sizeof(*nextn));
	for (uint32_t i = 0; i < NNODES; i++)
		nextn[i] = i;
	for (uint32_t i = NNODES - 1; i > 0; i--) {
		uint32_t j = next() % (i + 1), t = nextn[i];
		nextn[i] = nextn[j], nextn[j] = t;
	}
	uint32_t at = 0;
	for (int i = 0; i < 4 * NNODES; i++)
		at = nextn[at];
	sum += at;

	printf("checksum %llu\n", (unsigned long long)sum);
	return 0;
}
