/* Threads stopped at any moment: six threads add to a counter with atomic
 * adds and take a mutex now and then, while a seventh maps, mprotects and
 * unmaps memory in a loop, each change a world-stop that stops every other
 * thread's CPU at its next block.  A stop inside a block would run an
 * instruction twice: the counts come out high, or a mutex's wake is lost
 * and the threads hang. */
#include <pthread.h>
#include <stdio.h>
#include <sys/mman.h>

#include "check.h"

#define THREADS 6
#define ADDS 300000

static long counter, locked;
static volatile int done;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void *add(void *arg)
{
	for (int i = 0; i < ADDS; i++) {
		__atomic_fetch_add(&counter, 1, __ATOMIC_SEQ_CST);
		if (i % 16 == 0) {
			pthread_mutex_lock(&lock);
			locked++;
			pthread_mutex_unlock(&lock);
		}
	}
	return arg;
}

static void *remap(void *arg)
{
	long changes = 0;
	while (!done) {
		char *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			break;
		p[0] = 1;
		mprotect(p, 4096, PROT_READ);
		munmap(p, 8192);
		changes++;
	}
	return (void *)changes;
}

int main(void)
{
	pthread_t t[THREADS], m;
	void *changes;
	pthread_create(&m, NULL, remap, NULL);
	for (int i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, add, NULL);
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	done = 1;
	pthread_join(m, &changes);
	CHECK(counter == (long)THREADS * ADDS);
	CHECK(locked == (long)THREADS * (ADDS / 16));
	CHECK(changes != NULL);	/* the world was stopped while they ran */
	printf("%d failures\n", failures);
	return failures != 0;
}
