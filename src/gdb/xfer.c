/* The objects gdb reads with qXfer (target.xml, auxv, exec-file,
 * libraries-svr4, threads) and the files it reads with vFile, which is how
 * it gets a foreign guest's ld.so and libc: through the sysroot, as the
 * guest itself opens them. */
#include "stub.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../loader/loader.h"
#include "../ownfd.h"
#include "../syscalls/procfs.h"

/* A growing text. */
struct text {
	char *s;
	size_t n, cap;
};

static void add(struct text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(struct text *t, const char *fmt, ...)
{
	va_list ap;
	for (;;) {
		va_start(ap, fmt);
		int n = vsnprintf(t->s ? t->s + t->n : NULL, t->s ? t->cap - t->n : 0, fmt, ap);
		va_end(ap);
		if (n < 0)
			return;
		if (t->s && t->n + n < t->cap) {
			t->n += n;
			return;
		}
		size_t cap = (t->cap + n + 1) * 2;
		char *s = realloc(t->s, cap);
		if (!s)
			return;
		t->s = s;
		t->cap = cap;
	}
}

/* The target description, made from the arch's register table. */
static void target_xml(const struct arch *arch, struct text *x)
{
	const struct arch_gdb *ag = arch->gdb;
	add(x, "<?xml version=\"1.0\"?><!DOCTYPE target SYSTEM \"gdb-target.dtd\">"
	       "<target version=\"1.0\"><architecture>%s</architecture><osabi>GNU/Linux</osabi>",
	    ag->architecture);
	for (unsigned f = 0; f < ag->nfeatures; f++) {
		add(x, "<feature name=\"%s\">%s", ag->features[f], ag->types[f]);
		for (unsigned i = 0; i < ag->nregs; i++)
			if (ag->regs[i].feature == f)
				add(x, "<reg name=\"%s\" bitsize=\"%d\" type=\"%s\" regnum=\"%u\"/>",
				    ag->regs[i].name, ag->regs[i].bytes * 8, ag->regs[i].type, i);
		add(x, "</feature>");
	}
	add(x, "</target>");
}

static bool read64(struct process *p, uint64_t addr, uint64_t *v)
{
	return guest_read(p->mm, addr, v, 8) == 0;
}

/* The guest's string at addr, XML-escaped. */
static void add_name(struct text *x, struct process *p, uint64_t addr)
{
	char c;
	for (int i = 0; i < PATH_MAX && guest_read(p->mm, addr + i, &c, 1) == 0 && c; i++) {
		if (c == '<' || c == '>' || c == '&' || c == '"')
			add(x, "&#%d;", c);
		else
			add(x, "%c", c);
	}
}

/* r_debug, as ld.so publishes it in the program's DT_DEBUG; 0 for a static
 * program, or before ld.so has run. */
static uint64_t r_debug(struct process *p)
{
	uint64_t phnum = 0, v;
	for (uint64_t a = p->stack.auxv; a + 16 <= p->stack.auxv_end; a += 16)
		if (read64(p, a, &v) && v == AT_PHNUM)
			read64(p, a + 8, &phnum);
	for (uint64_t i = 0; i < phnum; i++) {
		Elf64_Phdr ph;
		if (guest_read(p->mm, p->phdr + i * sizeof(ph), &ph, sizeof(ph)) || ph.p_type != PT_DYNAMIC)
			continue;
		uint64_t dyn = p->load_bias + ph.p_vaddr;
		for (uint64_t d = dyn; d < dyn + ph.p_memsz; d += 16) {
			uint64_t tag, val;
			if (!read64(p, d, &tag) || !read64(p, d + 8, &val) || tag == DT_NULL)
				break;
			if (tag == DT_DEBUG)
				return val;
		}
	}
	return 0;
}

/* What gdbserver sends: every link_map after the program's own, which is
 * main-lm.  glibc's ld.so puts linux-vdso.so.1 in the chain too. */
static void libraries(struct process *p, struct text *x)
{
	uint64_t rd = r_debug(p), lm = 0;
	add(x, "<library-list-svr4 version=\"1.0\"");
	if (rd && read64(p, rd + 8, &lm) && lm) {
		add(x, " main-lm=\"0x%llx\">", (unsigned long long)lm);
		for (int n = 0; read64(p, lm + 24, &lm) && lm && n < 4096; n++) {
			uint64_t l_addr = 0, l_name = 0, l_ld = 0;
			read64(p, lm, &l_addr);
			read64(p, lm + 8, &l_name);
			read64(p, lm + 16, &l_ld);
			add(x, "<library lmid=\"0x0\" name=\"");
			add_name(x, p, l_name);
			add(x, "\" lm=\"0x%llx\" l_addr=\"0x%llx\" l_ld=\"0x%llx\"/>", (unsigned long long)lm,
			    (unsigned long long)l_addr, (unsigned long long)l_ld);
		}
		add(x, "</library-list-svr4>");
	} else {
		add(x, "/>");
	}
}

/* Each thread by its name: its host thread's comm, which is the guest's
 * (start.c names it as exec does, prctl(PR_SET_NAME) renames it). */
static void threads(struct process *p, struct text *x)
{
	add(x, "<threads>");
	pthread_mutex_lock(&p->lock);
	for (int i = 0; i < p->ntasks; i++) {
		char path[64], name[32] = "";
		snprintf(path, sizeof(path), "/proc/self/task/%d/comm", p->tasks[i]->tid);
		FILE *f = fopen(path, "r");
		if (f) {
			if (fgets(name, sizeof(name), f))
				name[strcspn(name, "\n")] = 0;
			fclose(f);
		}
		add(x, "<thread id=\"p%x.%x\" name=\"", getpid(), p->tasks[i]->tid);
		for (const char *c = name; *c; c++)
			add(x, *c == '<' || *c == '&' || *c == '"' ? "&#%d;" : "%c", *c);
		add(x, "\"/>");
	}
	pthread_mutex_unlock(&p->lock);
	add(x, "</threads>");
}

void gdb_xfer(struct gdbstub *g, const char *object, const char *annex, uint64_t off, uint64_t len)
{
	struct process *p = g->p;
	struct text x = { 0 };
	uint8_t *bytes = NULL;
	size_t n = 0;
	if (!strcmp(object, "features") && !strcmp(annex, "target.xml")) {
		target_xml(p->arch, &x);
	} else if (!strcmp(object, "libraries-svr4")) {
		libraries(p, &x);
	} else if (!strcmp(object, "threads")) {
		threads(p, &x);
	} else if (!strcmp(object, "exec-file")) {
		add(&x, "%s", p->exe_path ? p->exe_path : p->cfg->path);
	} else if (!strcmp(object, "auxv")) {
		n = p->stack.auxv_end - p->stack.auxv;
		bytes = malloc(n ? n : 1);
		if (!bytes || guest_read(p->mm, p->stack.auxv, bytes, n))
			n = 0;
	} else {
		gdb_reply(&g->conn, "");
		return;
	}
	const uint8_t *data = bytes ? bytes : (const uint8_t *)x.s;
	if (!bytes)
		n = x.n;
	if (off > n)
		off = n;
	if (len > n - off)
		len = n - off;
	if (len > GDB_PACKET_MAX / 2)
		len = GDB_PACKET_MAX / 2;	/* escapes may double it */
	gdb_begin(&g->conn);
	gdb_puts(&g->conn, off + len < n ? "m" : "l");
	gdb_binary(&g->conn, data + off, len);
	gdb_send(&g->conn);
	free(x.s);
	free(bytes);
}

/* gdb's File-I/O errno values ("Errno Values"): Linux's, but for these. */
static int fileio_errno(int e)
{
	switch (e) {
	case EPERM: case ENOENT: case EINTR: case EBADF: case EACCES: case EFAULT: case EBUSY:
	case EEXIST: case ENODEV: case ENOTDIR: case EISDIR: case EINVAL: case ENFILE:
	case EMFILE: case EFBIG: case ENOSPC: case ESPIPE: case EROFS:
		return e;
	case ENAMETOOLONG:
		return 91;
	default:
		return 9999;
	}
}

static void fio_error(struct gdbstub *g)
{
	gdb_begin(&g->conn);
	gdb_printf(&g->conn, "F-1,%x", fileio_errno(errno));
	gdb_send(&g->conn);
}

static void put_be(uint8_t *at, uint64_t v, int n)
{
	for (int i = n - 1; i >= 0; i--, v >>= 8)
		at[i] = v & 0xff;
}

/* vFile:open, pread, close, fstat, readlink, setfs: read-only access to
 * the files the guest sees, for gdb's symbols.  Descriptors are emu's own
 * host ones, closed by vFile:close (or with emu). */
void gdb_vfile(struct gdbstub *g, char *pkt, size_t len)
{
	struct process *p = g->p;
	char path[PATH_MAX], buf[PATH_MAX + 64];
	(void)len;
	char *args = strchr(pkt, ':');
	if (!args) {
		gdb_reply(&g->conn, "");
		return;
	}
	*args++ = 0;
	if (!strcmp(pkt, "setfs")) {
		gdb_reply(&g->conn, "F0");
	} else if (!strcmp(pkt, "open") || !strcmp(pkt, "readlink")) {
		char *comma = strchr(args, ',');
		int n = gdb_unhex(args, comma ? (size_t)(comma - args) : strlen(args), path, sizeof(path) - 1);
		if (n < 0) {
			gdb_reply(&g->conn, "F-1,16");	/* EINVAL */
			return;
		}
		path[n] = 0;
		const char *host = sysroot_path(p->sysroot, path, buf, sizeof(buf));
		if (pkt[0] == 'o') {
			unsigned long flags = comma ? strtoul(comma + 1, NULL, 16) : 0;
			/* the guest's own /proc files, as the guest reads them */
			struct task *t = gdb_task_of(g, g->g_tid);
			long fd = t ? proc_open(t, AT_FDCWD, path, O_RDONLY | O_CLOEXEC) : PROC_PASS;
			if (fd == PROC_PASS)
				fd = open(host, O_RDONLY | O_CLOEXEC);
			else if (fd < 0)
				errno = -fd, fd = -1;
			fd = (flags & 3) == 0 ? own_fd(fd) : (close(fd), errno = EACCES, -1);
			if (fd < 0)
				{ fio_error(g); return; }
			gdb_begin(&g->conn);
			gdb_printf(&g->conn, "F%lx", fd);
			gdb_send(&g->conn);
		} else {
			char target[PATH_MAX];
			ssize_t r = readlink(host, target, sizeof(target));
			if (r < 0)
				{ fio_error(g); return; }
			gdb_begin(&g->conn);
			gdb_printf(&g->conn, "F%zx;", r);
			gdb_binary(&g->conn, target, r);
			gdb_send(&g->conn);
		}
	} else if (!strcmp(pkt, "pread")) {
		char *end;
		int fd = strtol(args, &end, 16);
		size_t count = *end == ',' ? strtoul(end + 1, &end, 16) : 0;
		off_t off = *end == ',' ? strtoll(end + 1, &end, 16) : 0;
		if (count > GDB_PACKET_MAX / 2)
			count = GDB_PACKET_MAX / 2;
		uint8_t *data = malloc(count ? count : 1);
		ssize_t r = !own_fd_is(fd) ? (errno = EBADF, -1) :
			    data ? pread(fd, data, count, off) : (errno = ENOMEM, -1);
		if (r < 0) {
			free(data);
			{ fio_error(g); return; }
		}
		gdb_begin(&g->conn);
		gdb_printf(&g->conn, "F%zx;", r);
		gdb_binary(&g->conn, data, r);
		gdb_send(&g->conn);
		free(data);
	} else if (!strcmp(pkt, "close")) {
		long fd = strtol(args, NULL, 16);
		if (!own_fd_is(fd)) {	/* only what vFile:open opened */
			errno = EBADF;
			fio_error(g);
			return;
		}
		own_fd_close(fd);
		gdb_reply(&g->conn, "F0");
	} else if (!strcmp(pkt, "fstat")) {
		struct stat st;
		long fd = strtol(args, NULL, 16);
		if (!own_fd_is(fd) ? (errno = EBADF) : fstat(fd, &st))
			{ fio_error(g); return; }
		/* gdb's struct stat: big-endian, 32-bit but for size, blksize, blocks */
		uint8_t s[64];
		put_be(s, st.st_dev, 4);
		put_be(s + 4, st.st_ino, 4);
		put_be(s + 8, st.st_mode, 4);
		put_be(s + 12, st.st_nlink, 4);
		put_be(s + 16, st.st_uid, 4);
		put_be(s + 20, st.st_gid, 4);
		put_be(s + 24, st.st_rdev, 4);
		put_be(s + 28, st.st_size, 8);
		put_be(s + 36, st.st_blksize, 8);
		put_be(s + 44, st.st_blocks, 8);
		put_be(s + 52, st.st_atime, 4);
		put_be(s + 56, st.st_mtime, 4);
		put_be(s + 60, st.st_ctime, 4);
		gdb_begin(&g->conn);
		gdb_printf(&g->conn, "F%zx;", sizeof(s));
		gdb_binary(&g->conn, s, sizeof(s));
		gdb_send(&g->conn);
	} else {
		gdb_reply(&g->conn, "");
	}
}
