#include "procfs.h"

#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>
#include <limits.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "../loader/loader.h"
#include "../ownfd.h"
#include "../task/task.h"

/* The file name under /proc/self/ (or /proc/<our pid>/), or NULL. */
static const char *self_entry(struct task *t, const char *path)
{
	if (strncmp(path, "/proc/", 6))
		return NULL;
	path += 6;
	size_t n = strcspn(path, "/");
	char pid[24];
	snprintf(pid, sizeof(pid), "%d", (int)getpid());
	if (path[n] != '/' || !((n == 4 && !strncmp(path, "self", 4)) ||
				(n == strlen(pid) && !strncmp(path, pid, n))))
		return NULL;
	path += n + 1;
	/* task/TID/: a thread's files, which for these are the process's */
	if (!strncmp(path, "task/", 5)) {
		char *end;
		long tid = strtol(path + 5, &end, 10);
		if (*end != '/' || end == path + 5 || !task_by_tid(t->process, tid))
			return NULL;
		path = end + 1;
	}
	return path;
}

/* /proc/self/maps in the kernel's format (show_map_vma). */
static void write_maps(struct task *t, FILE *f)
{
	for (size_t i = 0; i < t->process->mm->n; i++) {
		const struct vma *v = &t->process->mm->v[i];
		const char *name = v->name;
		if (!name && v->start >= t->process->mm->brk_start && v->end <= PAGE_UP(t->process->mm->brk) &&
		    t->process->mm->brk > t->process->mm->brk_start)
			name = "[heap]";
		int len;
		fprintf(f, "%08llx-%08llx %c%c%c%c %08llx %02x:%02x %lu %n",
			(unsigned long long)v->start, (unsigned long long)v->end,
			v->prot & PROT_READ ? 'r' : '-', v->prot & PROT_WRITE ? 'w' : '-',
			v->prot & PROT_EXEC ? 'x' : '-', v->flags & MAP_SHARED ? 's' : 'p',
			(unsigned long long)v->offset, major(v->dev), minor(v->dev),
			(unsigned long)v->ino, &len);
		if (name)
			fprintf(f, "%*s%s", len < 73 ? 73 - len : 0, "", name);
		fputc('\n', f);
	}
	if (t->process->arch->vsyscall)
		fprintf(f, "%llx-%llx --xp 00000000 00:00 0%*s[vsyscall]\n",
			(unsigned long long)t->process->arch->vsyscall,
			(unsigned long long)t->process->arch->vsyscall + GUEST_PAGE, 22, "");
}

/* The thread's name: what the kernel gave it at exec (start.c set the host
 * thread's, as Linux does) or prctl(PR_SET_NAME) since. */
static void comm(struct task *t, char out[16])
{
	(void)t;
	memset(out, 0, 16);
	prctl(PR_GET_NAME, out, 0, 0, 0);
}

static uint64_t guest_vsize(struct task *t)
{
	uint64_t sum = 0;
	for (size_t i = 0; i < t->process->mm->n; i++)
		sum += t->process->mm->v[i].end - t->process->mm->v[i].start;
	return sum;
}

/* emu's own /proc/self/stat with the fields that describe the program put
 * right: its name, size, code, stack, brk, argument and environment areas. */
static void write_stat(struct task *t, FILE *f)
{
	char buf[4096], name[16];
	FILE *in = fopen("/proc/self/stat", "r");
	size_t n = in ? fread(buf, 1, sizeof(buf) - 1, in) : 0;
	if (in)
		fclose(in);
	buf[n] = 0;
	char *close = strrchr(buf, ')');
	if (!close)
		return;
	comm(t, name);
	fprintf(f, "%d (%s)", (int)getpid(), name);
	uint64_t code_lo = UINT64_MAX, code_hi = 0, env0;
	for (size_t i = 0; i < t->process->mm->n; i++)
		if (t->process->mm->v[i].prot & PROT_EXEC && t->process->mm->v[i].name && t->process->exe_path &&
		    !strcmp(t->process->mm->v[i].name, t->process->exe_path)) {
			code_lo = code_lo < t->process->mm->v[i].start ? code_lo : t->process->mm->v[i].start;
			code_hi = t->process->mm->v[i].end;
		}
	memcpy(&env0, t->process->mm->host + t->process->stack.envp, 8);
	char *save, *tok = strtok_r(close + 1, " \n", &save);
	for (int field = 3; tok; field++, tok = strtok_r(NULL, " \n", &save)) {
		unsigned long long v;
		switch (field) {
		case 23: v = guest_vsize(t); break;
		case 26: v = code_lo == UINT64_MAX ? 0 : code_lo; break;
		case 27: v = code_hi; break;
		case 28: v = t->process->stack.sp; break;
		case 47: v = t->process->mm->brk_start; break;
		case 48: v = t->process->stack.strings; break;
		case 49: case 50: v = env0 ? env0 : t->process->stack.execfn; break;
		case 51: v = t->process->stack.execfn; break;
		default:
			fprintf(f, " %s", tok);
			continue;
		}
		fprintf(f, " %llu", v);
	}
	fputc('\n', f);
}

/* emu's /proc/self/status with the guest's name and size. */
static void write_status(struct task *t, FILE *f)
{
	char line[512], name[16];
	FILE *in = fopen("/proc/self/status", "r");
	comm(t, name);
	while (in && fgets(line, sizeof(line), in)) {
		if (!strncmp(line, "Name:", 5))
			fprintf(f, "Name:\t%s\n", name);
		else if (!strncmp(line, "VmSize:", 7))
			fprintf(f, "VmSize:\t%8llu kB\n", (unsigned long long)guest_vsize(t) / 1024);
		else
			fputs(line, f);
	}
	if (in)
		fclose(in);
}

static long memfd_with(struct task *t, const char *entry, int flags)
{
	int fd = memfd_create("emu-proc", flags & O_CLOEXEC ? MFD_CLOEXEC : 0);
	if (fd < 0)
		return -errno;
	FILE *f = fdopen(dup(fd), "w");
	if (!f) {
		close(fd);
		return -ENOMEM;
	}
	const struct stack_layout *L = &t->process->stack;
	uint64_t env0;	/* argv strings run up to the first env string */
	memcpy(&env0, t->process->mm->host + L->envp, 8);
	uint64_t args_end = env0 ? env0 : L->execfn;
	if (!strcmp(entry, "maps"))
		write_maps(t, f);
	else if (!strcmp(entry, "auxv"))
		fwrite(t->process->mm->host + L->auxv, 1, L->auxv_end - L->auxv, f);
	else if (!strcmp(entry, "cmdline"))
		fwrite(t->process->mm->host + L->strings, 1, args_end - L->strings, f);
	else if (!strcmp(entry, "environ"))
		fwrite(t->process->mm->host + args_end, 1, L->execfn - args_end, f);
	else if (!strcmp(entry, "stat"))
		write_stat(t, f);
	else if (!strcmp(entry, "status"))
		write_status(t, f);
	else if (!strcmp(entry, "comm")) {
		char name[16];
		comm(t, name);
		fprintf(f, "%s\n", name);
	} else if (!strcmp(entry, "cpuinfo") && t->process->cpuinfo) {
		fputs(t->process->cpuinfo, f);
	}
	fclose(f);
	lseek(fd, 0, SEEK_SET);
	return fd;
}

long proc_open(struct task *t, int dirfd, const char *path, int flags)
{
	(void)dirfd;
	if (!path || path == GUEST_FAULT)
		return PROC_PASS;
	/* the emulated CPU, not the host's (arch cpu_init wrote it) */
	if (!strcmp(path, "/proc/cpuinfo") && t->process->cpuinfo)
		return (flags & O_ACCMODE) != O_RDONLY ? -EACCES : memfd_with(t, "cpuinfo", flags);
	const char *e = self_entry(t, path);
	if (!e)
		return PROC_PASS;
	if (!strcmp(e, "exe")) {
		if (!t->process->exe_path)
			return -ENOENT;
		int fd = open(t->process->exe_path, flags);
		return fd < 0 ? -errno : fd;
	}
	static const char *const synthesized[] = { "maps", "auxv", "cmdline", "environ", "stat",
						  "status", "comm" };
	for (size_t i = 0; i < sizeof(synthesized) / sizeof(synthesized[0]); i++) {
		if (strcmp(e, synthesized[i]))
			continue;
		if ((flags & O_ACCMODE) != O_RDONLY)
			return -EACCES;
		return memfd_with(t, e, flags);
	}
	return PROC_PASS;
}

/* A guest that lists its descriptors does not see emu's own (ownfd.h). */

/* The records are where the guest's buffer has them, which need not be
 * 8-byte aligned (Go's is not): read their fields by offset. */
static unsigned short reclen_at(const char *rec)
{
	unsigned short r;
	memcpy(&r, rec + offsetof(struct dirent64, d_reclen), sizeof(r));
	return r;
}

/* A record's name as one of emu's own descriptors. */
static bool emu_fd_name(const char *rec)
{
	const char *name = rec + offsetof(struct dirent64, d_name);
	char *end;
	long fd = strtol(name, &end, 10);
	return !*end && end != name && own_fd_is(fd);
}

long proc_filter_dirents(struct task *t, int dirfd, void *buf, long n)
{
	/* most listings have no such name: no need to ask what dirfd is */
	char *p = buf;
	long at = 0;
	while (at < n && !emu_fd_name(p + at))
		at += reclen_at(p + at);
	if (at >= n)
		return n;
	char link[64], target[PATH_MAX];
	snprintf(link, sizeof(link), "/proc/self/fd/%d", dirfd);
	ssize_t len = readlink(link, target, sizeof(target) - 1);
	if (len < 0)
		return n;
	target[len] = 0;
	const char *e = self_entry(t, target);
	if (!e || (strcmp(e, "fd") && strcmp(e, "fdinfo")))
		return n;
	char *out = p + at;
	while (at < n) {
		unsigned short reclen = reclen_at(p + at);
		if (!emu_fd_name(p + at)) {
			memmove(out, p + at, reclen);
			out += reclen;
		}
		at += reclen;
	}
	return out - p;
}

long proc_readlink(struct task *t, int dirfd, const char *path, char *buf, size_t size)
{
	(void)dirfd;
	if (!path || path == GUEST_FAULT || !buf || buf == GUEST_FAULT)
		return PROC_PASS;
	const char *e = self_entry(t, path);
	if (!e || strcmp(e, "exe"))
		return PROC_PASS;
	if (!t->process->exe_path)
		return -ENOENT;
	size_t n = strlen(t->process->exe_path);
	if (n > size)
		n = size;
	memcpy(buf, t->process->exe_path, n);
	return n;
}

const char *host_path(struct task *t, const char *path)
{
	static __thread char buf[PATH_MAX];
	if (!path || path == GUEST_FAULT)
		return path;
	const char *e = self_entry(t, path);
	if (e && !strcmp(e, "exe") && t->process->exe_path)
		return t->process->exe_path;
	/* -L DIR: absolute names are looked up under the sysroot first */
	return sysroot_path(t->process->sysroot, path, buf, sizeof(buf));
}
