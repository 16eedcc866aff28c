/* What the kernel does with a file before any loader runs (fs/exec.c,
 * fs/binfmt_script.c): the program found in PATH when its name has no
 * '/' (as execvp and env do), the execute permission on a regular file,
 * and #! scripts run by their interpreter -- emulated like any program. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <elf.h>

#include "loader.h"

const char *sysroot_path(const char *sysroot, const char *path, char *buf, size_t size)
{
	struct stat st;
	if (sysroot && path[0] == '/' && snprintf(buf, size, "%s%s", sysroot, path) < (int)size &&
	    fstatat(AT_FDCWD, buf, &st, AT_SYMLINK_NOFOLLOW) == 0)
		return buf;
	return path;
}

int binfmt_check(const char *path, char *interp, size_t len, char **arg)
{
	char buf[256] = { 0 };	/* BINPRM_BUF_SIZE */
	*arg = NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0) {
		/* an execute-only file: exec may still run it (binfmt's O flag) */
		if (errno == EACCES && access(path, X_OK) == 0)
			return 0;
		return -errno;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || access(path, X_OK)) {
		close(fd);
		return -EACCES;	/* may_open(MAY_EXEC): a regular file with x */
	}
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n >= SELFMAG && !memcmp(buf, ELFMAG, SELFMAG))
		return 0;
	if (n < 2 || buf[0] != '#' || buf[1] != '!')
		return -ENOEXEC;
	/* #!interpreter [one argument], the rest of the line */
	char *p = buf + 2, *end = strchr(p, '\n');
	if (!end)
		end = buf + n;	/* a first line longer than the buffer: cut */
	*end = 0;
	p += strspn(p, " \t");
	size_t il = strcspn(p, " \t");
	if (!il || il >= len)
		return -ENOEXEC;
	memcpy(interp, p, il);
	interp[il] = 0;
	p += il;
	p += strspn(p, " \t");
	for (char *e = p + strlen(p); e > p && (e[-1] == ' ' || e[-1] == '\t');)
		*--e = 0;
	if (*p && !(*arg = strdup(p)))
		return -ENOMEM;
	return 1;
}

/* execvp's search: the first executable regular file of that name in
 * PATH (or the default path); EACCES if only non-executable ones. */
static int search_path(const char *name, char *out, size_t size)
{
	const char *path = getenv("PATH");
	int err = -ENOENT;
	if (!path)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (const char *p = path;; p++) {
		const char *colon = strchr(p, ':');
		size_t n = colon ? (size_t)(colon - p) : strlen(p);
		struct stat st;
		if (snprintf(out, size, "%.*s%s%s", (int)n, p, n ? "/" : "", name) < (int)size &&
		    stat(out, &st) == 0) {
			if (S_ISREG(st.st_mode) && access(out, X_OK) == 0)
				return 0;
			err = -EACCES;
		}
		if (!colon)
			return err;
		p = colon;
	}
}

int exec_resolve(struct emu_config *cfg)
{
	static char found[PATH_MAX];
	static char interps[5][256];
	if (!strchr(cfg->path, '/')) {
		int err = search_path(cfg->path, found, sizeof(found));
		if (err) {
			fprintf(stderr, "emu: %s: %s\n", cfg->path, strerror(-err));
			return err == -ENOENT ? 127 : 126;
		}
		cfg->path = found;
	}
	/* a script's interpreter may be a script: as deep as the kernel goes */
	for (int depth = 0;; depth++) {
		char host[PATH_MAX], *arg;
		const char *file = depth ? sysroot_path(cfg->sysroot, cfg->path, host, sizeof(host)) : cfg->path;
		int r = depth < 5 ? binfmt_check(file, interps[depth], sizeof(interps[depth]), &arg) : -ELOOP;
		if (r == 0) {
			cfg->path = file == host ? strdup(host) : file;
			return 0;
		}
		if (r < 0) {
			fprintf(stderr, "emu: %s: %s\n", cfg->path, strerror(-r));
			return r == -ENOENT || r == -ENOTDIR ? 127 : 126;
		}
		/* interp [arg] script argv[1]... (argv[0] is dropped);
		 * AT_EXECFN stays the script */
		if (!cfg->execfn)
			cfg->execfn = cfg->path;
		char **argv = calloc(cfg->argc + 3, sizeof(char *));
		if (!argv)
			return 126;
		int k = 0;
		if (arg)
			argv[k++] = arg;
		argv[k++] = (char *)cfg->path;
		memcpy(argv + k, cfg->argv, cfg->argc * sizeof(char *));
		cfg->argc += k;
		cfg->argv = argv;
		cfg->argv0 = cfg->path = interps[depth];
	}
}
