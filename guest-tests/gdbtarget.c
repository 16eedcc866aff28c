/* The guest the gdb stub's tests debug (gdb_test.py), built -O0 so that
 * lines and variables are where the source says.  Each part is a function
 * a test can stop in; the mode argument picks the long-running ones. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

volatile long counter;			/* the watchpoint test's */
volatile int spin = 1;			/* the interrupt test's loop */
static volatile sig_atomic_t alarmed;
static pthread_barrier_t ready, done;

static void on_alarm(int sig)
{
	alarmed = sig;			/* bt from here reaches main */
}

static long bump(int n)
{
	for (int i = 0; i < n; i++)
		counter += i;
	return counter;
}

static void *worker(void *arg)
{
	pthread_barrier_wait(&ready);
	pthread_barrier_wait(&done);
	return arg;
}

/* Its arguments arrive in registers gdb reads and writes at its first
 * instruction: what it prints is what gdb left there. */
static __attribute__((noinline)) void mark(long x, double d)
{
	printf("mark %lx %g\n", x, d);
	fflush(stdout);
}

/* Only a forked child runs this: a breakpoint on it never stops gdb. */
static void child_work(void)
{
	write(1, "child\n", 6);
}

/* Called with the two workers alive: a thread list has three threads. */
static void threads_ready(void)
{
	write(1, "threads\n", 8);
}

static void threads(void)
{
	pthread_t t[2];
	pthread_barrier_init(&ready, NULL, 3);
	pthread_barrier_init(&done, NULL, 3);
	for (int i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, worker, NULL);
	pthread_barrier_wait(&ready);
	threads_ready();
	pthread_barrier_wait(&done);
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
}

int main(int argc, char **argv)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	printf("bump %ld\n", bump(5));
	fflush(stdout);
	signal(SIGALRM, on_alarm);
	raise(SIGALRM);
	if (argc > 1 && !strcmp(argv[1], "threads"))
		threads();
	if (argc > 1 && !strcmp(argv[1], "spin"))
		while (spin)
			;
	if (argc > 1 && !strcmp(argv[1], "fork")) {
		pid_t pid = fork();
		if (pid == 0) {
			child_work();
			_exit(0);
		}
		waitpid(pid, NULL, 0);
	}
	if (argc > 1 && !strcmp(argv[1], "segv"))
		*(volatile int *)8 = 1;
	mark(0x1234abcd, 2.5);
	write(1, "bye\n", 4);
	return alarmed == SIGALRM ? 3 : 1;
}
