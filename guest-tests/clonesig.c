/* A child's exit signal is clone's to choose (its CSIGNAL bits): 0 sends
 * nothing, another signal is sent instead of SIGCHLD, and such a child is
 * a "clone" child to the waits (__WCLONE, __WALL).  CLONE_PIDFD gives the
 * parent a pidfd to wait on.  Go's first exec probes clone(CLONE_VFORK |
 * CLONE_VM | CLONE_PIDFD) with exit signal 0 and counts on no SIGCHLD.
 * The program checks itself (qemu-user 7.2 has no CLONE_PIDFD). */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#ifndef P_PIDFD
#define P_PIDFD 3
#endif

static volatile int chld, usr1;
static void on_chld(int s) { chld++; }
static void on_usr1(int s) { usr1++; }

/* fork with these clone flags (and exit signal); the child exits with code */
static pid_t spawn(unsigned long flags, int *pidfd, int code)
{
	long pid = syscall(SYS_clone, flags, 0, pidfd, 0, 0);
	if (pid == 0)
		syscall(SYS_exit_group, code);
	return pid;
}

static void settle(void)
{
	struct timespec ts = { 0, 200 * 1000 * 1000 };
	nanosleep(&ts, NULL);
}

int main(void)
{
	signal(SIGCHLD, on_chld);
	signal(SIGUSR1, on_usr1);

	/* exit signal 0, with a pidfd: the lowest free descriptor */
	int pidfd = -1, st = 0, lowest = dup(0);
	close(lowest);
	pid_t pid = spawn(CLONE_PIDFD, &pidfd, 3);
	CHECK(pid > 0 && pidfd == lowest);
	settle();
	CHECK(chld == 0);
	CHECK(waitpid(pid, &st, WNOHANG) < 0 && errno == ECHILD);	/* not without __WCLONE */
	siginfo_t si;
	memset(&si, 0, sizeof(si));
	CHECK(waitid(P_PIDFD, pidfd, &si, WEXITED | __WCLONE) == 0);
	CHECK(si.si_pid == pid && si.si_code == CLD_EXITED && si.si_status == 3);
	close(pidfd);

	/* SIGUSR1 as the exit signal, waited for with __WALL */
	pid = spawn(SIGUSR1, NULL, 4);
	settle();
	CHECK(usr1 == 1 && chld == 0);
	CHECK(waitpid(pid, &st, __WALL) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 4);

	/* an ordinary child still sends SIGCHLD, and __WCLONE does not see it */
	pid = spawn(SIGCHLD, NULL, 5);
	settle();
	CHECK(chld == 1);
	CHECK(waitpid(pid, &st, __WCLONE | WNOHANG) < 0 && errno == ECHILD);
	CHECK(waitpid(pid, &st, 0) == pid && WEXITSTATUS(st) == 5);
	/* clone3 into a new UTS namespace: the child's hostname is its own
	 * (without the right to, EPERM, as natively) */
	char before[256], after[256];
	gethostname(before, sizeof(before));
	struct clone_args ca = { .flags = CLONE_NEWUTS, .exit_signal = SIGCHLD };
	fflush(stdout);
	pid = syscall(SYS_clone3, &ca, sizeof(ca));
	if (pid == 0) {
		char name[256];
		sethostname("emu-uts-test", 12);
		gethostname(name, sizeof(name));
		syscall(SYS_exit_group, strcmp(name, "emu-uts-test") == 0 ? 6 : 7);
	}
	if (pid < 0) {
		CHECK(errno == EPERM);
	} else {
		CHECK(waitpid(pid, &st, 0) == pid && WEXITSTATUS(st) == 6);
		gethostname(after, sizeof(after));
		CHECK(strcmp(before, after) == 0);
	}
	printf("%d failures\n", failures);
	return failures != 0;
}
