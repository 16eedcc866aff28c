/* What a guest may try against the emulator running it: close all its
 * descriptors, look for others, map over everything, signal itself with
 * every signal.  Prints what it sees; the test compares it with the native
 * run and checks emu's own trace survived. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

static volatile int caught[65];

static void on_signal(int sig)
{
	caught[sig]++;
}

int main(void)
{
	/* every descriptor but stdout closed, as a daemon or closefrom() does */
	long r = syscall(SYS_close_range, 3, ~0U, 0);
	printf("close_range(3, ~0U) = %ld\n", r);
	int open_fds = 0;
	for (int fd = 0; fd < 65536; fd++)
		open_fds += fcntl(fd, F_GETFD) >= 0;
	printf("descriptors open by fcntl scan: %d\n", open_fds);
	DIR *d = opendir("/proc/self/fd");
	int listed = 0;
	for (struct dirent *e; d && (e = readdir(d));)
		listed += e->d_name[0] != '.';
	if (d)
		closedir(d);
	printf("/proc/self/fd lists %d (with its own)\n", listed);
	/* MAP_FIXED at the top of a 47-bit space and in the kernel's half */
	void *p = mmap((void *)0x7ffffffff000UL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	printf("MAP_FIXED at 0x7ffffffff000: %s\n", p == MAP_FAILED ? strerrorname_np(errno) : "mapped");
	p = mmap((void *)0xffff800000000000UL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	printf("MAP_FIXED in the kernel's half: %s\n", p == MAP_FAILED ? strerrorname_np(errno) : "mapped");
	/* every signal a process can catch, sent to itself, handled */
	int handled = 0, sent = 0;
	for (int sig = 1; sig <= SIGRTMAX; sig++) {
		struct sigaction sa = { .sa_handler = on_signal };
		/* not SIGKILL, SIGSTOP, nor the two libc keeps for itself */
		if (sig == SIGKILL || sig == SIGSTOP || sigaction(sig, &sa, NULL))
			continue;
		sent++;
		kill(getpid(), sig);
		handled += caught[sig] == 1;
	}
	printf("signals sent to itself: %d, handled once each: %d\n", sent, handled);
	/* the faults' signals raised, with handlers: the process goes on */
	int faults[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGABRT };
	for (size_t i = 0; i < sizeof(faults) / sizeof(faults[0]); i++) {
		caught[faults[i]] = 0;
		raise(faults[i]);
		printf("raise(%s): handled %d\n", sigabbrev_np(faults[i]), caught[faults[i]]);
	}
	return 0;
}
