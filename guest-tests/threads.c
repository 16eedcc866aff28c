/* Threads: 8 pthreads with a mutex, a condition variable, TLS and joins; a
 * thread blocked in a syscall does not hold up the others; memory mapped or
 * unmapped by one thread is seen by all; signals to one thread; per-thread
 * masks; robust mutexes.  The atomics (add, exchange, compare-and-swap, max, or) count
 * right only if they are atomic while the threads run at once. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "check.h"

#define NTHREADS 8
#define ROUNDS 20000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static long counter;
static int arrived;
static __thread int tls_value = -1;
static int pipefd[2];

static long atomic_counter;
static int spin;			/* taken with exchange: xchg, amoswap */
static long spin_counter, cas_counter, max_seen;
static unsigned long bits;

static void atomic_max(long *p, long v)
{
#ifdef __riscv
	__asm__ volatile("amomax.d.aqrl zero, %1, %0" : "+A"(*p) : "r"(v) : "memory");
#else
	long old = __atomic_load_n(p, __ATOMIC_RELAXED);
	while (old < v && !__atomic_compare_exchange_n(p, &old, v, 0, __ATOMIC_SEQ_CST,
						       __ATOMIC_RELAXED))
		;
#endif
}

static void *worker(void *arg)
{
	long id = (long)arg;
	tls_value = (int)id * 10;
	/* no lock: the atomic instruction alone must count right */
	for (int i = 0; i < 10 * ROUNDS; i++)
		__atomic_fetch_add(&atomic_counter, 1, __ATOMIC_SEQ_CST);
	/* a spinlock made of exchange, a counter made of compare-and-swap,
	 * a maximum (amomax on riscv64), bits set with fetch-or */
	for (int i = 0; i < ROUNDS; i++) {
		while (__atomic_exchange_n(&spin, 1, __ATOMIC_ACQUIRE))
			;
		spin_counter++;
		__atomic_store_n(&spin, 0, __ATOMIC_RELEASE);
		long old = __atomic_load_n(&cas_counter, __ATOMIC_RELAXED);
		while (!__atomic_compare_exchange_n(&cas_counter, &old, old + 1, 0,
						    __ATOMIC_SEQ_CST, __ATOMIC_RELAXED))
			;
		atomic_max(&max_seen, id * ROUNDS + i);
	}
	__atomic_fetch_or(&bits, 1UL << id, __ATOMIC_SEQ_CST);
	for (int i = 0; i < ROUNDS; i++) {
		pthread_mutex_lock(&lock);
		counter++;
		pthread_mutex_unlock(&lock);
	}
	/* a barrier made of a condition variable */
	pthread_mutex_lock(&lock);
	arrived++;
	pthread_cond_broadcast(&cond);
	while (arrived < NTHREADS)
		pthread_cond_wait(&cond, &lock);
	pthread_mutex_unlock(&lock);
	return (void *)(long)(tls_value + 1);
}

static void *blocked_reader(void *arg)
{
	char c = 0;
	(void)arg;
	return read(pipefd[0], &c, 1) == 1 && c == 'g' ? (void *)1 : NULL;
}

static char *volatile shared_map;

static void *mapper(void *arg)
{
	(void)arg;
	char *p = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	memset(p, 'm', 1 << 20);
	shared_map = p;
	return NULL;
}

static volatile int spinning = 1;
static volatile long spins;

static void *spinner(void *arg)
{
	(void)arg;
	while (spinning)
		spins++;
	return NULL;
}

static pthread_mutex_t robust;

static void *die_holding(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&robust);
	return NULL;	/* ends holding it: the kernel walks the robust list */
}

/* Signals sent to a thread as it goes into a blocking read(), 500 times
 * with the timing varying: each handler must run at once, whether the
 * signal comes before the read (which then blocks, as natively, until this
 * thread writes) or during it (EINTR).  emu must not let one wait for the
 * read to end. */
#define RACES 500
static int race_pipe[2];
static int race_ready, race_handled;

static void on_race(int sig)
{
	(void)sig;
	__atomic_add_fetch(&race_handled, 1, __ATOMIC_SEQ_CST);
}

static void *race_reader(void *arg)
{
	(void)arg;
	for (int i = 1; i <= RACES; i++) {
		char c;
		__atomic_store_n(&race_ready, i, __ATOMIC_RELEASE);
		(void)!read(race_pipe[0], &c, 1);
	}
	__atomic_store_n(&race_ready, RACES + 1, __ATOMIC_RELEASE);
	return NULL;
}

static int signal_races(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_race;	/* no SA_RESTART: a read under way says EINTR */
	sigaction(SIGURG, &sa, NULL);
	if (pipe(race_pipe))
		return 0;
	pthread_t t;
	pthread_create(&t, NULL, race_reader, NULL);
	int late = 0;
	for (int i = 1; i <= RACES; i++) {
		while (__atomic_load_n(&race_ready, __ATOMIC_ACQUIRE) < i)
			;
		pthread_kill(t, SIGURG);
		int ms = 0;
		while (__atomic_load_n(&race_handled, __ATOMIC_ACQUIRE) < i && ms++ < 1000)
			usleep(1000);
		late += ms > 1000;
		/* handled before the read began: the read sleeps; wake it */
		for (ms = 0; __atomic_load_n(&race_ready, __ATOMIC_ACQUIRE) == i; ms++) {
			if (ms == 20 || ms == 1100)
				(void)!write(race_pipe[1], "x", 1);
			usleep(1000);
		}
	}
	pthread_join(t, NULL);
	if (late)
		printf("%d of %d handlers waited for the read to end\n", late, RACES);
	return !late;
}

static volatile pid_t handler_tid;

static void on_usr1(int sig)
{
	(void)sig;
	handler_tid = (pid_t)syscall(SYS_gettid);
}

static volatile pid_t target_tid;
static volatile int target_go;

static void *target(void *arg)
{
	(void)arg;
	target_tid = (pid_t)syscall(SYS_gettid);
	while (!handler_tid)
		usleep(1000);
	return NULL;
}

int main(void)
{
	pthread_t t[NTHREADS];
	for (long i = 0; i < NTHREADS; i++)
		CHECK(pthread_create(&t[i], NULL, worker, (void *)i) == 0);
	int tls_ok = 1;
	for (long i = 0; i < NTHREADS; i++) {
		void *ret;
		pthread_join(t[i], &ret);
		tls_ok &= (long)ret == i * 10 + 1;
	}
	CHECK(counter == (long)NTHREADS * ROUNDS);
	CHECK(atomic_counter == 10L * NTHREADS * ROUNDS);
	CHECK(spin_counter == (long)NTHREADS * ROUNDS);
	CHECK(cas_counter == (long)NTHREADS * ROUNDS);
	CHECK(max_seen == (long)NTHREADS * ROUNDS - 1);
	CHECK(bits == (1UL << NTHREADS) - 1);
	CHECK(tls_ok && tls_value == -1);

	/* one thread blocked in read(): the others go on */
	CHECK(pipe(pipefd) == 0);
	pthread_t r;
	pthread_create(&r, NULL, blocked_reader, NULL);
	pthread_t s;
	pthread_create(&s, NULL, spinner, NULL);
	usleep(50000);
	CHECK(spins > 0);
	CHECK(write(pipefd[1], "g", 1) == 1);
	void *ok;
	pthread_join(r, &ok);
	CHECK(ok == (void *)1);

	/* memory mapped by one thread, used by another, unmapped while a third
	 * keeps running */
	pthread_t m;
	pthread_create(&m, NULL, mapper, NULL);
	pthread_join(m, NULL);
	CHECK(shared_map && shared_map[12345] == 'm' && shared_map[(1 << 20) - 1] == 'm');
	for (int i = 0; i < 50; i++) {
		char *p = mmap(NULL, 65536, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		p[100] = 1;
		mprotect(p, 4096, PROT_READ);
		munmap(p, 65536);
	}
	CHECK(munmap(shared_map, 1 << 20) == 0);
	long before = spins;
	usleep(20000);
	CHECK(spins > before);
	spinning = 0;
	pthread_join(s, NULL);

	/* a thread that dies holding a robust mutex: the next owner hears of it */
	pthread_mutexattr_t ra;
	pthread_mutexattr_init(&ra);
	pthread_mutexattr_setrobust(&ra, PTHREAD_MUTEX_ROBUST);
	pthread_mutex_init(&robust, &ra);
	pthread_t d;
	pthread_create(&d, NULL, die_holding, NULL);
	pthread_join(d, NULL);
	CHECK(pthread_mutex_lock(&robust) == EOWNERDEAD);
	CHECK(pthread_mutex_consistent(&robust) == 0 && pthread_mutex_unlock(&robust) == 0);
	CHECK(pthread_mutex_lock(&robust) == 0 && pthread_mutex_unlock(&robust) == 0);

	CHECK(signal_races());

	/* a signal to one thread runs its handler on that thread */
	signal(SIGUSR1, on_usr1);
	pthread_t tt;
	pthread_create(&tt, NULL, target, NULL);
	while (!target_tid)
		usleep(1000);
	CHECK(pthread_kill(tt, SIGUSR1) == 0);
	pthread_join(tt, NULL);
	CHECK(handler_tid == target_tid && handler_tid != (pid_t)syscall(SYS_gettid));

	/* a mask is per thread */
	sigset_t set, other;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	pthread_create(&tt, NULL, (void *(*)(void *))(void (*)(void))pthread_self, NULL);
	pthread_join(tt, NULL);
	pthread_sigmask(SIG_BLOCK, NULL, &other);
	CHECK(sigismember(&other, SIGUSR2));
	printf("%d failures\n", failures);
	return failures != 0;
}
