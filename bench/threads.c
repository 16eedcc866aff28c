/* Parallel guest threads: N threads each run the same CPU-bound loop with
 * no shared writes.  On a 2-core host, 2 threads take as long as 1 when
 * threads really run at once, twice as long when they are serialized.
 * usage: threads N ITERATIONS */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static long iterations;

static void *work(void *arg)
{
	unsigned long x = (unsigned long)arg + 1, sum = 0;
	for (long i = 0; i < iterations; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		sum += x % 1000003;
	}
	return (void *)sum;
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 2;
	iterations = argc > 2 ? atol(argv[2]) : 20000000;
	pthread_t t[64];
	unsigned long total = 0;
	if (n < 1 || n > 64)
		return 2;
	for (long i = 0; i < n; i++)
		pthread_create(&t[i], NULL, work, (void *)i);
	for (int i = 0; i < n; i++) {
		void *r;
		pthread_join(t[i], &r);
		total += (unsigned long)r;
	}
	printf("%lu\n", total);
	return 0;
}
