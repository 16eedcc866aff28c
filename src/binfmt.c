/* Registering emu with binfmt_misc (Documentation/admin-guide/binfmt-misc.rst)
 * so that foreign programs run by exec alone, in chroots and containers too.
 * The magic and mask are qemu-user-static's (ELF class, data, version, ABI
 * version ignored, e_type EXEC or DYN, e_machine), so the two are
 * interchangeable.  An entry for the host's own arch is never written: it
 * would take every native program. */
#include "binfmt.h"

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

static const struct {
	const char *arch, *magic, *mask;
} entries[] = {
	{ "riscv64",
	  "\\x7fELF\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\xf3\\x00",
	  "\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff" },
	{ "x86_64",
	  "\\x7fELF\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x3e\\x00",
	  "\\xff\\xff\\xff\\xff\\xff\\xfe\\xfe\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff" },
};
#define NENTRIES (sizeof(entries) / sizeof(entries[0]))

/* The entries --arch picks: one, or all but the host's. */
static bool picked(const char *arch, size_t i)
{
	struct utsname u;
	if (arch && strcmp(arch, "all"))
		return !strcmp(arch, entries[i].arch);
	return uname(&u) || strcmp(u.machine, entries[i].arch);
}

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ssize_t n = write(fd, text, strlen(text));
	int err = n < 0 ? -errno : 0;
	close(fd);
	return err;
}

static int do_register(const char *dir, const char *flags, const char *arch)
{
	char self[PATH_MAX], path[PATH_MAX + 32], line[PATH_MAX + 256];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n < 0) {
		fprintf(stderr, "emu: --binfmt: cannot find emu's own path: %s\n", strerror(errno));
		return 1;
	}
	self[n] = 0;
	int status = 0, count = 0;
	for (size_t i = 0; i < NENTRIES; i++) {
		if (!picked(arch, i))
			continue;
		count++;
		snprintf(line, sizeof(line), ":emu-%s:M::%s:%s:%s:%s", entries[i].arch, entries[i].magic,
			 entries[i].mask, self, flags);
		snprintf(path, sizeof(path), "%s/register", dir);
		int err = write_file(path, line);
		if (err == -EEXIST)
			fprintf(stderr, "emu: --binfmt: emu-%s is registered already (--binfmt unregister first)\n",
				entries[i].arch);
		else if (err == -ENOENT)
			fprintf(stderr, "emu: --binfmt: %s: binfmt_misc is not mounted there "
				"(mount -t binfmt_misc none %s)\n", path, dir);
		else if (err)
			fprintf(stderr, "emu: --binfmt: %s: %s\n", path, strerror(-err));
		else
			printf("emu-%s: registered, %s with flags %s\n", entries[i].arch, self, flags);
		status |= err != 0;
	}
	if (!count) {
		fprintf(stderr, "emu: --binfmt: --arch %s: not a foreign arch emu runs here "
			"(riscv64, x86_64, all)\n", arch);
		return 1;
	}
	return status;
}

static int do_unregister(const char *dir, const char *arch)
{
	char path[PATH_MAX];
	int status = 0;
	for (size_t i = 0; i < NENTRIES; i++) {
		if (!picked(arch, i))
			continue;
		snprintf(path, sizeof(path), "%s/emu-%s", dir, entries[i].arch);
		int err = write_file(path, "-1");
		if (err && err != -ENOENT) {
			fprintf(stderr, "emu: --binfmt: %s: %s\n", path, strerror(-err));
			status = 1;
		} else {
			printf("emu-%s: %s\n", entries[i].arch, err ? "was not registered" : "unregistered");
		}
	}
	return status;
}

static int do_status(const char *dir)
{
	char path[PATH_MAX], buf[4096];
	for (size_t i = 0; i < NENTRIES; i++) {
		snprintf(path, sizeof(path), "%s/emu-%s", dir, entries[i].arch);
		FILE *f = fopen(path, "r");
		if (!f) {
			printf("emu-%s: not registered\n", entries[i].arch);
			continue;
		}
		printf("emu-%s:\n", entries[i].arch);
		while (fgets(buf, sizeof(buf), f))
			printf("  %s", buf);
		fclose(f);
	}
	return 0;
}

int binfmt_run(const char *cmd, const struct binfmt_opts *o)
{
	const char *dir = o->mount ? o->mount : "/proc/sys/fs/binfmt_misc";
	const char *flags = o->flags ? o->flags : "PF";
	if (strspn(flags, "FPOC") != strlen(flags)) {
		fprintf(stderr, "emu: --binfmt: --flags %s: binfmt_misc's flags are F, P, O and C\n", flags);
		return 1;
	}
	if (!strcmp(cmd, "register"))
		return do_register(dir, flags, o->arch);
	if (!strcmp(cmd, "unregister"))
		return do_unregister(dir, o->arch);
	if (!strcmp(cmd, "status"))
		return do_status(dir);
	fprintf(stderr, "emu: --binfmt %s: register, unregister or status\n", cmd);
	return 1;
}
