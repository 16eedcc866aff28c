/* The process syscalls: clone and its forms, wait, execve (what file it
 * runs and how), process groups.  What a fork, an exec and an exit do to a
 * process is task/process.c's. */
#include <elf.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../trace/trace.h"
#include "../arch/cpu.h"
#include "../loader/loader.h"
#include "../task/process.h"
#include "../task/task.h"
#include "procfs.h"
#include "../ownfd.h"
#include "syscalls.h"

/* clone, as copy_process() takes its flags: a task of this process
 * (CLONE_THREAD), or a process of its own (fork, vfork).  emu's tasks are
 * host threads of one host process, and its processes host processes, so a
 * process that shares memory with its parent without being one of its
 * threads (CLONE_VM alone) has no place; vfork's child, which Linux lets
 * borrow the parent's memory until it execs or exits, gets a copy. */
static long do_fork(struct task *t, uint64_t flags, int exit_signal, uint64_t stack, uint64_t ptid,
		    uint64_t ctid, uint64_t tls, uint64_t pidfd)
{
	if (((flags & CLONE_NEWNS) && (flags & CLONE_FS)) ||
	    ((flags & CLONE_NEWUSER) && (flags & CLONE_FS)) ||
	    ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND)) ||
	    ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM)))
		return -EINVAL;
	if (flags & CLONE_THREAD) {
		long tid = task_clone(t, flags, stack, ptid, ctid, tls);
		if (tid > 0)
			trace_attach(t, 1);
		return tid;
	}
	if ((flags & CLONE_VM) && !(flags & CLONE_VFORK)) {
		fprintf(stderr, "emu: clone(CLONE_VM) of a process sharing memory is not supported\n");
		return -EINVAL;
	}
	/* a new pid namespace's first process is its pid 1: a host fork
	 * cannot be, so refused as a kernel without CONFIG_PID_NS does */
	if (flags & CLONE_NEWPID)
		return -EINVAL;
	return process_fork(t, flags, exit_signal, stack, ptid, ctid, pidfd);
}

SYSCALL_DEFINE(clone)
{
	/* the kernel's argument order: x86-64 (flags, stack, ptid, ctid, tls),
	 * riscv64 (flags, stack, ptid, tls, ctid) */
	uint64_t ctid = t->process->arch->clone_tls_before_ctid ? a[4] : a[3];
	uint64_t tls = t->process->arch->clone_tls_before_ctid ? a[3] : a[4];
	/* clone's CLONE_PIDFD puts the pidfd where parent_tid points */
	if ((a[0] & CLONE_PIDFD) && ((a[0] & CLONE_PARENT_SETTID) || (a[0] & CLONE_THREAD)))
		return -EINVAL;
	/* clone's exit signal is its flags' low byte (CSIGNAL) */
	return do_fork(t, a[0] & ~(uint64_t)CSIGNAL, a[0] & CSIGNAL, a[1], a[2], ctid, tls, a[2]);
}

SYSCALL_DEFINE(clone3)
{
	struct clone_args ca;
	if (a[1] < 64 || guest_read(t->process->mm, a[0], &ca, sizeof(ca) < a[1] ? sizeof(ca) : a[1]))
		return a[1] < 64 ? -EINVAL : -EFAULT;
	uint64_t sp = ca.stack ? ca.stack + ca.stack_size : 0;
	if ((ca.flags & CLONE_PIDFD) && (ca.flags & CLONE_THREAD))
		return -EINVAL;
	/* clone3's flags have CLONE_NEWTIME where clone's exit signal is */
	if (ca.exit_signal > NSIG_GUEST)
		return -EINVAL;
	return do_fork(t, ca.flags, (int)ca.exit_signal, sp, ca.parent_tid, ca.child_tid, ca.tls, ca.pidfd);
}

SYSCALL_DEFINE(fork)
{
	return do_fork(t, 0, SIGCHLD, 0, 0, 0, 0, 0);
}

SYSCALL_DEFINE(vfork)
{
	return do_fork(t, CLONE_VM | CLONE_VFORK, SIGCHLD, 0, 0, 0, 0, 0);
}

/* __WCLONE's rule for one child (eligible_child): without __WALL, a wait
 * sees a child of the other kind than it asks for not at all.  emu's
 * children are all SIGCHLD ones to the host, so for one made with another
 * exit signal the host is asked as for an ordinary child.  False: the
 * kernel would find no such child; else *options is for the host. */
static bool wclone_rule(const struct odd_child *c, unsigned *options)
{
	if (!c || (*options & __WALL))
		return true;
	if (!(*options & __WCLONE))
		return false;
	*options &= ~__WCLONE;
	return true;
}

SYSCALL_DEFINE(wait4)
{
	PASS_BUF(status, a[1], sizeof(int), PROT_WRITE);
	PASS_BUF(ru, a[3], sizeof(struct rusage), PROT_WRITE);	/* one layout on both 64-bit ABIs */
	struct odd_child *c = (int)a[0] > 0 ? process_odd_child(t->process, a[0], -1) : NULL;
	unsigned options = a[2];
	if (!wclone_rule(c, &options))
		return -ECHILD;
	long r = SAFE_SYSCALL(SYS_wait4, a[0], (long)status, (int)options, (long)ru);
	if (c && r == (long)a[0])
		process_odd_child_reaped(c);
	return r;
}

SYSCALL_DEFINE(waitid)
{
	PASS_BUF(info, a[2], sizeof(siginfo_t), PROT_WRITE);	/* the same 128 bytes for the guest */
	PASS_BUF(ru, a[4], sizeof(struct rusage), PROT_WRITE);
	enum { P_PIDFD_ = 3 };
	struct odd_child *c = (int)a[0] == P_PID ? process_odd_child(t->process, a[1], -1)
			    : (int)a[0] == P_PIDFD_ ? process_odd_child(t->process, 0, a[1]) : NULL;
	unsigned options = a[3];
	if (!wclone_rule(c, &options))
		return -ECHILD;
	long r = SAFE_SYSCALL(SYS_waitid, (int)a[0], (int)a[1], (long)info, (int)options, (long)ru);
	if (c && r == 0 && (options & WEXITED) && !(options & WNOWAIT) && info &&
	    ((siginfo_t *)info)->si_pid == c->pid)
		process_odd_child_reaped(c);
	return r;
}

SYSCALL_DEFINE(setpgid) { return host_ret(setpgid(a[0], a[1])); }
SYSCALL_DEFINE(getpgid) { return host_ret(getpgid(a[0])); }
SYSCALL_DEFINE(getpgrp) { return getpgrp(); }
SYSCALL_DEFINE(setsid)  { return host_ret(setsid()); }
SYSCALL_DEFINE(getsid)  { return host_ret(getsid(a[0])); }

/* A NULL-terminated array of guest strings, as host pointers. */
static char **guest_strv(struct task *t, uint64_t addr, int reserve)
{
	size_t n = 0, cap = 16;
	char **v = malloc((cap + reserve + 1) * sizeof(char *));
	for (;; n++) {
		uint64_t p;
		if (!v || (addr && guest_read(t->process->mm, addr + 8 * n, &p, 8))) {
			free(v);
			return NULL;
		}
		if (!addr || !p)
			break;
		if (n == cap) {
			char **nv = realloc(v, ((cap *= 2) + reserve + 1) * sizeof(char *));
			if (!nv) {
				free(v);
				return NULL;
			}
			v = nv;
		}
		if (!(v[reserve + n] = (char *)guest_str(t->process->mm, p))) {
			free(v);
			return NULL;
		}
	}
	v[reserve + n] = NULL;
	return v;
}

static size_t count(char **v)
{
	size_t n = 0;
	while (v[n])
		n++;
	return n;
}

static long do_execve(struct task *t, const char *path, const uint64_t *a);

SYSCALL_DEFINE(execve)
{
	const char *path = guest_str(t->process->mm, a[0]);
	if (!path)
		return -EFAULT;
	return do_execve(t, path, a);
}

/* execveat: the file by a directory descriptor and a relative path, or the
 * descriptor itself (AT_EMPTY_PATH: fexecve), named as /proc/self/fd says */
SYSCALL_DEFINE(execveat)
{
	const char *path = guest_str(t->process->mm, a[1]);
	if (!path)
		return -EFAULT;
	int dirfd = a[0], flags = a[4];
	if (flags & ~(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW))
		return -EINVAL;
	char file[8192], dir[4096], link[64];
	if (path[0] != '/' && (dirfd != AT_FDCWD || (!path[0] && (flags & AT_EMPTY_PATH)))) {
		if (!path[0] && !(flags & AT_EMPTY_PATH))
			return -ENOENT;
		snprintf(link, sizeof(link), "/proc/self/fd/%d", dirfd);
		ssize_t n = readlink(link, dir, sizeof(dir) - 1);
		if (n < 0)
			return -EBADF;
		dir[n] = 0;
		if (path[0])
			snprintf(file, sizeof(file), "%s/%s", dir, path);
		else
			snprintf(file, sizeof(file), "%s", dir);
		path = file;
	}
	struct stat st;
	if ((flags & AT_SYMLINK_NOFOLLOW) && lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
		return -ELOOP;
	uint64_t b[6] = { 0, a[2], a[3] };
	return do_execve(t, path, b + 0);
}

/* path, then the guest's argv (a[1]) and envp (a[2]) */
static long do_execve(struct task *t, const char *path, const uint64_t *a)
{
	/* The new program runs under a new emu, in this process:
	 *   ELF:    emu OPTS -0 ARGV0 FILE ARGV1...
	 *   script: emu OPTS --execfn PATH -0 INTERP IFILE [IARG] PATH ARGV1...
 *           (Linux's binfmt_script) */
	size_t nopts = count(t->process->cfg->exec_opts), reserve = nopts + 8;
	char **argv = guest_strv(t, a[1], reserve), **envp = guest_strv(t, a[2], 0);
	if (!argv || !envp) {
		free(argv);
		free(envp);
		return -EFAULT;
	}
	char **rest = argv + reserve;	/* the guest's argv */
	char file[4096], ifile[4096], interp[256], *iarg = NULL, *unused = NULL;
	snprintf(file, sizeof(file), "%s", host_path(t, path));
	long r = binfmt_check(file, interp, sizeof(interp), &iarg);
	size_t k = 0;
	argv[k++] = (char *)t->process->cfg->self;
	for (size_t i = 0; i < nopts; i++)
		argv[k++] = t->process->cfg->exec_opts[i];
	if (r == 1) {	/* AT_EXECFN is the script, as the kernel has it */
		argv[k++] = "--execfn";
		argv[k++] = (char *)path;
	}
	argv[k++] = "-0";
	if (r == 1) {
		char iinterp[256];
		snprintf(ifile, sizeof(ifile), "%s", host_path(t, interp));
		/* the interpreter must be a program itself, not another script */
		r = binfmt_check(ifile, iinterp, sizeof(iinterp), &unused) == 0 ? 0 : -ENOEXEC;
		argv[k++] = interp;
		argv[k++] = ifile;
		if (iarg)
			argv[k++] = iarg;
		argv[k++] = (char *)path;
	} else if (r == 0) {
		argv[k++] = rest[0] ? rest[0] : (char *)path;
		argv[k++] = file;
	}
	const struct emu_config *cfg = t->process->cfg;
	if (r == 0 && cfg->self_fd < 0 && !cfg->self[0]) {
		/* no /proc to find emu by (a bare chroot): the kernel runs the
		 * file itself, a foreign one through binfmt_misc */
		r = process_exec(t, file, argv + reserve, envp);
	} else if (r == 0) {
		if (rest[0])
			rest++;		/* argv[0] went in as -0 (or is the script's path) */
		memmove(argv + k, rest, (count(rest) + 1) * sizeof(char *));
		r = process_exec(t, NULL, argv, envp);
	}
	free(iarg);
	free(unused);
	free(argv);
	free(envp);
	return r;
}

/* pidfds: guest processes are host processes with the same pids */
SYSCALL_DEFINE(pidfd_open)  { return host_ret(syscall(SYS_pidfd_open, (int)a[0], (unsigned)a[1])); }
/* Another guest's descriptor: emu's own there are where they are here. */
SYSCALL_DEFINE(pidfd_getfd)
{
	if (own_fd_is((int)a[1]))
		return -EBADF;
	return host_ret(syscall(SYS_pidfd_getfd, (int)a[0], (int)a[1], (unsigned)a[2]));
}

SYSCALL_DEFINE(pidfd_send_signal)
{
	PASS_BUF(info, a[2], sizeof(siginfo_t), PROT_READ);	/* NULL: as kill() */
	return host_ret(syscall(SYS_pidfd_send_signal, (int)a[0], (int)a[1], info, (unsigned)a[3]));
}
