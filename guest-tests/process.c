/* Processes: fork with a pipe and wait statuses, death by signal seen by the
 * parent, execve of /proc/self/exe, of another program by path and of a #!
 * script, vfork, posix_spawn, waitid and process groups.
 * usage: process OTHER_PROGRAM (a program that prints and exits 42) */
#define _GNU_SOURCE
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

extern char **environ;

/* Run fn in a child with its stdout going to a pipe; returns the wait status. */
static int in_child(void (*fn)(const char *), const char *arg, char *out, size_t len)
{
	int p[2];
	if (pipe(p))
		return -1;
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		dup2(p[1], 1);
		close(p[0]);
		fn(arg);
		_exit(99);
	}
	close(p[1]);
	size_t n = 0;
	ssize_t r;
	while (n < len - 1 && (r = read(p[0], out + n, len - 1 - n)) > 0)
		n += r;
	out[n] = 0;
	close(p[0]);
	int status = -1;
	waitpid(pid, &status, 0);
	return status;
}

static void say_and_exit(const char *arg) { printf("child says %s\n", arg); fflush(stdout); exit(7); }
static void die_by_term(const char *arg) { (void)arg; kill(getpid(), SIGTERM); pause(); }
static void exec_self(const char *arg) { execl("/proc/self/exe", "self", "child-mode", arg, (char *)NULL); }
static void on_usr2(int sig) { (void)sig; }
static void exec_with_sigstate(const char *arg)
{
	sigset_t hup;
	sigemptyset(&hup);
	sigaddset(&hup, SIGHUP);
	signal(SIGUSR1, SIG_IGN);
	signal(SIGUSR2, on_usr2);
	sigprocmask(SIG_BLOCK, &hup, NULL);
	exec_self(arg);
}
static void exec_other(const char *path) { execl(path, path, "from-exec", (char *)NULL); }
static void exec_script(const char *path) { execl(path, path, "argument", (char *)NULL); }

int main(int argc, char **argv)
{
	if (argc > 2 && !strcmp(argv[1], "child-mode") && !strcmp(argv[2], "sigstate")) {
		/* what execve kept: the mask and the ignored signals, not handlers */
		struct sigaction usr1, usr2;
		sigset_t mask;
		sigaction(SIGUSR1, NULL, &usr1);
		sigaction(SIGUSR2, NULL, &usr2);
		sigprocmask(SIG_SETMASK, NULL, &mask);
		printf("usr1 %s, usr2 %s, hup %s, int %s\n",
		       usr1.sa_handler == SIG_IGN ? "ignored" : "not ignored",
		       usr2.sa_handler == SIG_DFL ? "default" : "not default",
		       sigismember(&mask, SIGHUP) ? "blocked" : "not blocked",
		       sigismember(&mask, SIGINT) ? "blocked" : "not blocked");
		return 5;
	}
	if (argc > 1 && !strcmp(argv[1], "child-mode")) {
		printf("exec'd as %s with %s\n", argv[0], argc > 2 ? argv[2] : "nothing");
		return 5;
	}
	char out[512];
	int st = in_child(say_and_exit, "hello", out, sizeof(out));
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 7 && !strcmp(out, "child says hello\n"));
	st = in_child(die_by_term, NULL, out, sizeof(out));
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM);
	st = in_child(exec_self, "an-argument", out, sizeof(out));
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 5 && !strcmp(out, "exec'd as self with an-argument\n"));
	st = in_child(exec_with_sigstate, "sigstate", out, sizeof(out));
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 5 &&
	      !strcmp(out, "usr1 ignored, usr2 default, hup blocked, int not blocked\n"));
	/* SIGCHLD ignored: children are reaped by the kernel, wait finds none */
	signal(SIGCHLD, SIG_IGN);
	pid_t reaped = fork();
	if (reaped == 0)
		_exit(0);
	errno = 0;
	CHECK(waitpid(reaped, &st, 0) == -1 && errno == ECHILD);
	signal(SIGCHLD, SIG_DFL);
	if (argc > 1) {
		st = in_child(exec_other, argv[1], out, sizeof(out));
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 42 && strstr(out, "from-exec"));
	}
	FILE *f = fopen("script.sh", "w");
	fprintf(f, "#!/bin/sh -e\necho \"script got $1 as $0\"\nexit 3\n");
	fclose(f);
	chmod("script.sh", 0755);
	st = in_child(exec_script, "./script.sh", out, sizeof(out));
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 3 && !strcmp(out, "script got argument as ./script.sh\n"));
	unlink("script.sh");

	pid_t pid = vfork();
	if (pid == 0)
		_exit(11);
	CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 11);

	char *spawn_argv[] = { "spawned", "child-mode", "via-spawn", NULL };
	int p[2];
	CHECK(pipe(p) == 0);
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, p[1], 1);
	fflush(stdout);
	CHECK(posix_spawn(&pid, "/proc/self/exe", &fa, NULL, spawn_argv, environ) == 0);
	close(p[1]);
	ssize_t n = read(p[0], out, sizeof(out) - 1);
	out[n > 0 ? n : 0] = 0;
	CHECK(waitpid(pid, &st, 0) == pid && WEXITSTATUS(st) == 5 && !strcmp(out, "exec'd as spawned with via-spawn\n"));

	pid = fork();
	if (pid == 0) {
		setpgid(0, 0);
		_exit(getpgid(0) == getpid() ? 21 : 22);
	}
	siginfo_t si;
	memset(&si, 0, sizeof(si));
	CHECK(waitid(P_PID, pid, &si, WEXITED) == 0 && si.si_pid == pid && si.si_code == CLD_EXITED &&
	      si.si_status == 21);
	CHECK(getpgid(0) == getpgrp() && getsid(0) > 0);
	printf("%d failures\n", failures);
	return failures != 0;
}
