/* SIGTTOU and the terminal: a background process group's tcsetpgrp
 * goes through when the caller ignores SIGTTOU or blocks it (the kernel's
 * is_ignored()), as Go's os/signal relies on to take the foreground; a
 * background read with SIGTTIN ignored is EIO.  A session of its own on a
 * new pty, a background group in it. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "check.h"

static int in_background(int (*test)(int), int tty)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		setpgid(0, 0);		/* a group of its own: not the foreground */
		_exit(test(tty));
	}
	int st;
	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 100 + WTERMSIG(st);
}

static int setpgrp_ignored(int tty)
{
	signal(SIGTTOU, SIG_IGN);
	return tcsetpgrp(tty, getpgrp()) == 0 ? 0 : errno;
}

static int setpgrp_blocked(int tty)
{
	sigset_t s;
	sigemptyset(&s);
	sigaddset(&s, SIGTTOU);
	sigprocmask(SIG_BLOCK, &s, NULL);
	return tcsetpgrp(tty, getpgrp()) == 0 ? 0 : errno;
}

static int read_ignored(int tty)
{
	char c;
	signal(SIGTTIN, SIG_IGN);
	return read(tty, &c, 1) < 0 ? errno : 0;
}

int main(void)
{
	int master = posix_openpt(O_RDWR | O_NOCTTY);
	CHECK(master >= 0 && grantpt(master) == 0 && unlockpt(master) == 0);
	fflush(stdout);		/* nothing buffered goes out twice */
	pid_t leader = fork();
	if (leader == 0) {
		setsid();
		int tty = open(ptsname(master), O_RDWR);
		if (tty < 0 || ioctl(tty, TIOCSCTTY, 0) < 0)
			_exit(90);
		CHECK(tcgetpgrp(tty) == getpgrp());
		CHECK(in_background(setpgrp_ignored, tty) == 0);
		tcsetpgrp(tty, getpgrp());	/* the leader's again (it is foreground) */
		CHECK(in_background(setpgrp_blocked, tty) == 0);
		tcsetpgrp(tty, getpgrp());
		CHECK(in_background(read_ignored, tty) == EIO);
		fflush(stdout);
		_exit(failures);
	}
	int st;
	waitpid(leader, &st, 0);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	printf("%d failures\n", failures);
	return failures != 0;
}
