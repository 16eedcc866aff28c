#define _GNU_SOURCE
/* Every syscall number of the table (and a few beyond) with hostile
 * arguments, each call in a forked child with its stdio on /dev/null and
 * a 300 ms timer: NULL, -1, an unmapped address, a read-only string, a
 * kernel-half address, a mix (bad fd, bad pointer, huge length), and a
 * misaligned writable buffer.  One line per call: the result or errno, how
 * many descriptors the call left open, whether the bytes around the
 * buffer and the read-only string changed, or the signal that ended the
 * child.  The test (hostile_test.py) compares the lines with the native
 * kernel's for the same call.  Calls that would make processes running
 * this code (fork, vfork, clone, clone3) are left out: the child's child
 * would go on through the table.
 *
 * usage: hostile FIRST LAST */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

static const char rodata[4096] __attribute__((aligned(4096))) = "hostile";
/* in .bss, at the same address natively and under emu (a static program) */
static uint8_t page[4096] __attribute__((aligned(4096)));

struct report {
	long ret;
	int err;
	int newfds;
	int around, ro;		/* bytes changed around buf / in rodata */
	int done;
};

static int open_fds(void)
{
	int n = 0;
	for (int fd = 0; fd < 1024; fd++)
		n += fcntl(fd, F_GETFD) >= 0;
	return n;
}

static int skipped(long nr)
{
	static const long skip[] = {
#ifdef SYS_fork
		SYS_fork,
#endif
#ifdef SYS_vfork
		SYS_vfork,
#endif
		SYS_clone,
#ifdef SYS_clone3
		SYS_clone3,
#endif
	};
	for (size_t i = 0; i < sizeof(skip) / sizeof(skip[0]); i++)
		if (skip[i] == nr)
			return 1;
	return 0;
}

int main(int argc, char **argv)
{
	long first = argc > 2 ? atol(argv[1]) : 0, last = argc > 2 ? atol(argv[2]) : 470;
	struct report *rep = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (rep == MAP_FAILED)
		return 1;
	uint8_t *buf = page + 1024;	/* 64 bytes the calls may fill, canaries around */
	const long unmapped = 0xdead0000L, kernel = (long)0xffff888000000000UL, huge = 0x7fffffffffffffffL;
	const long patterns[][6] = {
		{ 0, 0, 0, 0, 0, 0 },
		{ -1, -1, -1, -1, -1, -1 },
		{ unmapped, unmapped, unmapped, unmapped, unmapped, unmapped },
		{ (long)rodata, (long)rodata, (long)rodata, (long)rodata, (long)rodata, (long)rodata },
		{ kernel, kernel, kernel, kernel, kernel, kernel },
		{ -1, unmapped, huge, (long)rodata, -1, kernel },
		{ 1, (long)(buf + 1), 16, (long)(buf + 1), 8, 0 },
	};
	const int npat = sizeof(patterns) / sizeof(patterns[0]);
	int null = open("/dev/null", O_RDWR);
	for (long nr = first; nr <= last; nr++) {
		if (skipped(nr))
			continue;
		for (int p = 0; p < npat; p++) {
			memset(rep, 0, sizeof(*rep));
			memset(page, 0x5a, 4096);
			pid_t pid = fork();
			if (pid == 0) {
				dup2(null, 0), dup2(null, 1), dup2(null, 2);
				struct itimerval it = { .it_value = { 0, 300000 } };
				setitimer(ITIMER_REAL, &it, NULL);
				int before = open_fds();
				const long *a = patterns[p];
				errno = 0;
				long r = syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
				rep->err = r == -1 ? errno : 0;
				rep->ret = r;
				it.it_value.tv_usec = 0;
				setitimer(ITIMER_REAL, &it, NULL);
				rep->newfds = open_fds() - before;
				for (int i = 0; i < 4096; i++)
					rep->around += (i < 1025 || i >= 1024 + 64) && page[i] != 0x5a;
				rep->ro = strcmp(rodata, "hostile") != 0;
				rep->done = 1;
				_exit(0);
			}
			int st = 0;
			while (pid > 0 && waitpid(pid, &st, 0) < 0 && errno == EINTR)
				;
			printf("%ld %d ", nr, p);
			if (pid < 0)
				printf("fork failed: %s\n", strerror(errno));
			else if (rep->done)
				printf("%s newfds=%d around=%d ro=%d\n",
				       rep->err ? strerrorname_np(rep->err) : rep->ret < 0 ? "negative" :
				       rep->ret > 0x10000 ? "big" : rep->ret ? "positive" : "0",
				       rep->newfds, rep->around > 0, rep->ro);
			else if (WIFSIGNALED(st))
				printf("killed by %s\n", sigabbrev_np(WTERMSIG(st)) ? sigabbrev_np(WTERMSIG(st)) : "?");
			else
				printf("exited %d\n", WEXITSTATUS(st));
			fflush(stdout);
		}
	}
	return 0;
}
