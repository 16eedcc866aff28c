#define _GNU_SOURCE
/* Load, as issue 17 asks it of emu: many threads doing mixed syscalls and
 * signals, a guest touching a lot of memory, fork+exit in a loop, a stack
 * overflow, writes that must reach the file, a full disk.  Each mode
 * prints what the test compares with the native run.
 *
 * usage: load threads N SECONDS | touch MIB | forks N | overflow |
 *        writes FILE | fill FILE */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile int stop;
static volatile long signals;
static int pipefd[2];

static void on_usr1(int sig)
{
	(void)sig;
	__atomic_fetch_add(&signals, 1, __ATOMIC_RELAXED);
}

static void *worker(void *arg)
{
	long id = (long)arg, n = 0;
	char c = 'x';
	while (!stop) {
		struct timespec ts = { 0, 0 };
		switch (n++ % 8) {
		case 0: getpid(); break;
		case 1: if (write(pipefd[1], &c, 1) == 1 && read(pipefd[0], &c, 1) != 1) abort(); break;
		case 2: nanosleep(&ts, NULL); break;
		case 3: sched_yield(); break;
		case 4: clock_gettime(CLOCK_MONOTONIC, &ts); break;
		case 5: {
			void *p = mmap(NULL, 65536, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			if (p == MAP_FAILED)
				abort();
			memset(p, (int)id, 65536);
			munmap(p, 65536);
			break;
		}
		case 6: if (id % 8 == 0) kill(getpid(), SIGUSR1); break;
		case 7: { void *m = malloc(1000 + n % 5000); free(m); break; }
		}
	}
	return NULL;
}

static int threads(int n, int seconds)
{
	signal(SIGUSR1, on_usr1);
	if (pipe(pipefd))
		return 1;
	/* one byte in flight per writer at most: the pipe never fills */
	pthread_t *t = calloc(n, sizeof(*t));
	for (long i = 0; i < n; i++)
		if (pthread_create(&t[i], NULL, worker, (void *)i))
			return 1;
	sleep(seconds);
	stop = 1;
	for (int i = 0; i < n; i++)
		pthread_join(t[i], NULL);
	printf("%d threads ran %d s; signals handled: %s\n", n, seconds, signals > 0 ? "yes" : "no");
	return 0;
}

static int touch(long mib)
{
	size_t len = (size_t)mib << 20;
	unsigned char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return perror("mmap"), 1;
	uint64_t sum = 0;
	for (size_t i = 0; i < len; i += 4096)
		p[i] = (unsigned char)(i >> 12);
	for (size_t i = 0; i < len; i += 4096)
		sum += p[i];
	printf("touched %ld MiB, sum %llu\n", mib, (unsigned long long)sum);
	return 0;
}

static int forks(int n)
{
	int bad = 0;
	for (int i = 0; i < n; i++) {
		pid_t pid = fork();
		if (pid == 0)
			_exit(i & 0x7f);
		int st;
		if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != (i & 0x7f))
			bad++;
	}
	printf("%d fork+exit, %d wrong\n", n, bad);
	return 0;
}

static int depth(int n)
{
	volatile char frame[512];
	frame[0] = (char)n;
	return depth(n + 1) + frame[0];
}

static int writes(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	char chunk[4096];
	for (long i = 0;; i++) {
		memset(chunk, 'a' + i % 26, sizeof(chunk));
		if (write(fd, chunk, sizeof(chunk)) != sizeof(chunk))
			return 1;
		printf("%ld\n", i + 1);	/* written, as the kernel has it */
		fflush(stdout);
	}
}

static int fill(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	char chunk[65536];
	memset(chunk, 'z', sizeof(chunk));
	long total = 0;
	for (;;) {
		ssize_t w = write(fd, chunk, sizeof(chunk));
		if (w < 0) {
			printf("%s after %ld bytes\n", strerrorname_np(errno), total);
			return 0;
		}
		total += w;
	}
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	const char *m = argc > 1 ? argv[1] : "";
	if (!strcmp(m, "threads") && argc > 3)
		return threads(atoi(argv[2]), atoi(argv[3]));
	if (!strcmp(m, "touch") && argc > 2)
		return touch(atol(argv[2]));
	if (!strcmp(m, "forks") && argc > 2)
		return forks(atoi(argv[2]));
	if (!strcmp(m, "overflow"))
		return depth(0);
	if (!strcmp(m, "writes") && argc > 2)
		return writes(argv[2]);
	if (!strcmp(m, "fill") && argc > 2)
		return fill(argv[2]);
	fprintf(stderr, "usage: load threads N S | touch MIB | forks N | overflow | writes FILE | fill FILE\n");
	return 2;
}
