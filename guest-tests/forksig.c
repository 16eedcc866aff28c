/* A forking and signalling program with a fixed sequence of calls, for
 * holding emu's trace of processes and signals against real strace: a child
 * that exits, one killed by a signal, one stopped by a signal it catches, a
 * pipe between parent and child, and SIGCHLD caught by the parent.  SIGCHLD
 * stays blocked until each child has been waited for, so it comes at the
 * same place in every run. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t got;

static void on_signal(int sig)
{
	got = sig;
}

int main(void)
{
	struct sigaction sa = { .sa_handler = on_signal, .sa_flags = SA_RESTART };
	sigemptyset(&sa.sa_mask);
	sigaction(SIGCHLD, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);

	int fd[2], status;
	char buf[16];
	sigset_t chld;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL);
	pipe(fd);
	pid_t pid = fork();
	if (pid == 0) {
		close(fd[0]);
		write(fd[1], "child", 5);
		_exit(3);
	}
	close(fd[1]);
	ssize_t n = read(fd[0], buf, sizeof(buf));
	waitpid(pid, &status, 0);
	sigprocmask(SIG_UNBLOCK, &chld, NULL);
	printf("read %zd, exit %d\n", n, WEXITSTATUS(status));

	/* a child that waits for a signal, says so, and dies of the next
	 * (in user code: where it dies is then the same each run) */
	sigset_t usr1, old;
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, &old);
	pipe(fd);
	pid = fork();
	if (pid == 0) {
		sigsuspend(&old);
		write(fd[1], "u", 1);
		for (;;)
			got++;
	}
	kill(pid, SIGUSR1);
	read(fd[0], buf, 1);
	sigprocmask(SIG_BLOCK, &chld, NULL);
	kill(pid, SIGTERM);
	waitpid(pid, &status, 0);
	sigprocmask(SIG_UNBLOCK, &chld, NULL);
	printf("killed by %d\n", WTERMSIG(status));

	/* the parent signals itself */
	raise(SIGUSR1);
	sigprocmask(SIG_SETMASK, &old, NULL);
	printf("got %d\n", got);
	fflush(stdout);
	/* every descriptor closed, as daemons do: the trace goes on */
	syscall(SYS_close_range, 0, ~0U, 0);
	write(1, "after\n", 6);
	return 0;
}
