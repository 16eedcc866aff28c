/* The packets gdb sends while the guest is stopped (gdb manual, "Packets",
 * "General Query Packets", "Stop Reply Packets").  Run by the server
 * thread with every task out of guest code. */
#include "stub.h"

#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../arch/cpu.h"
#include "../task/task.h"

/* One register into out (r->bytes, target byte order, which is the
 * host's: both guests are little-endian). */
static void reg_get(struct task *t, const struct gdb_reg *r, uint8_t *out)
{
	uint8_t buf[64] = { 0 };
	const struct arch *arch = t->process->arch;
	if (r->uc_reg < 0) {
		int64_t v = t->gdb ? t->gdb->orig_ax : -1;	/* orig_rax */
		memcpy(buf, &v, 8);
	} else {
		uc_reg_read(t->uc, r->uc_reg, buf);
	}
	if (r->uc_reg == arch->pc_reg && t->gdb && t->gdb->in_syscall) {
		/* where Linux reports it during a syscall: past the instruction */
		uint64_t pc;
		memcpy(&pc, buf, 8);
		pc += arch->syscall_pc_offset;
		memcpy(buf, &pc, 8);
	}
	memcpy(out, buf, r->bytes);
}

static int reg_set(struct task *t, const struct gdb_reg *r, const uint8_t *in)
{
	uint8_t buf[64] = { 0 };
	if (r->readonly || r->uc_reg < 0)
		return -1;
	memcpy(buf, in, r->bytes);
	return uc_reg_write(t->uc, r->uc_reg, buf) == UC_ERR_OK ? 0 : -1;
}

size_t gdb_regs_get(struct task *t, uint8_t *buf)
{
	const struct arch_gdb *ag = t->process->arch->gdb;
	size_t off = 0;
	for (unsigned i = 0; i < ag->nregs; i++) {
		reg_get(t, &ag->regs[i], buf + off);
		off += ag->regs[i].bytes;
	}
	return off;
}

void gdb_regs_set(struct task *t, const uint8_t *buf, size_t len)
{
	const struct arch_gdb *ag = t->process->arch->gdb;
	size_t off = 0;
	for (unsigned i = 0; i < ag->nregs && off + ag->regs[i].bytes <= len; i++) {
		reg_set(t, &ag->regs[i], buf + off);
		off += ag->regs[i].bytes;
	}
}

/* Guest memory as ptrace sees it: any mapped page, whatever its
 * protection; the bytes up to the first unmapped one. */
static size_t mem_read(struct process *p, uint64_t addr, uint8_t *out, size_t len)
{
	size_t done = 0;
	while (done < len) {
		uint64_t at = addr + done, n = GUEST_PAGE - at % GUEST_PAGE;
		if (n > len - done)
			n = len - done;
		const void *src = guest_ptr(p->mm, at, n, 0);
		if (!src)
			break;
		memcpy(out + done, src, n);
		done += n;
	}
	return done;
}

/* A write, as ptrace's: read-only private pages too (code, for gdb's own
 * breakpoints or patches: what was translated of it goes), not a shared
 * file's read-only pages, which the host protects. */
static int mem_write(struct process *p, uint64_t addr, const uint8_t *in, size_t len)
{
	bool code = false;
	for (uint64_t at = addr; at < addr + len;) {
		const struct vma *v = mm_lookup(p->mm, at);
		if (!v || ((v->flags & MAP_SHARED) && !(v->flags & MAP_ANONYMOUS) && !(v->prot & PROT_WRITE)))
			return -1;
		code |= (v->prot & PROT_EXEC) != 0;
		at = v->end;
	}
	uint8_t *dst = guest_ptr(p->mm, addr, len, 0);
	if (!dst)
		return -1;
	memcpy(dst, in, len);
	if (code)
		__atomic_add_fetch(&p->code_gen, 1, __ATOMIC_RELEASE);
	return 0;
}

static struct task *current(struct gdbstub *g)
{
	return gdb_task_of(g, g->g_tid);
}

static void reply_regs(struct gdbstub *g)
{
	uint8_t buf[GDB_REGS_MAX];
	struct task *t = current(g);
	if (!t) {
		gdb_reply(&g->conn, "E01");
		return;
	}
	size_t n = gdb_regs_get(t, buf);
	gdb_begin(&g->conn);
	gdb_hex(&g->conn, buf, n);
	gdb_send(&g->conn);
}

static void reg_packet(struct gdbstub *g, char *pkt, bool write)
{
	const struct arch_gdb *ag = g->p->arch->gdb;
	struct task *t = current(g);
	char *end;
	unsigned long n = strtoul(pkt + 1, &end, 16);
	if (!t || n >= ag->nregs || (write && *end != '=')) {
		gdb_reply(&g->conn, "E01");
		return;
	}
	const struct gdb_reg *r = &ag->regs[n];
	uint8_t buf[64];
	if (write) {
		if (gdb_unhex(end + 1, strlen(end + 1), buf, sizeof(buf)) != r->bytes || reg_set(t, r, buf))
			gdb_reply(&g->conn, "E01");
		else
			gdb_reply(&g->conn, "OK");
		return;
	}
	reg_get(t, r, buf);
	gdb_begin(&g->conn);
	gdb_hex(&g->conn, buf, r->bytes);
	gdb_send(&g->conn);
}

/* "addr,len" and what follows (':' data for M and X). */
static bool addr_len(const char *s, uint64_t *addr, uint64_t *len, const char **rest)
{
	char *end;
	*addr = strtoull(s, &end, 16);
	if (*end != ',')
		return false;
	*len = strtoull(end + 1, &end, 16);
	*rest = end;
	return true;
}

static void memory(struct gdbstub *g, char *pkt, size_t len)
{
	uint64_t addr, n;
	const char *rest;
	if (!addr_len(pkt + 1, &addr, &n, &rest)) {
		gdb_reply(&g->conn, "E01");
		return;
	}
	if (pkt[0] == 'm') {
		uint8_t *buf = malloc(n ? n : 1);
		size_t got = buf ? mem_read(g->p, addr, buf, n) : 0;
		if (!got && n) {
			gdb_reply(&g->conn, "E14");	/* EFAULT */
		} else {
			gdb_begin(&g->conn);
			gdb_hex(&g->conn, buf, got);
			gdb_send(&g->conn);
		}
		free(buf);
		return;
	}
	if (*rest != ':') {
		gdb_reply(&g->conn, "E01");
		return;
	}
	rest++;
	uint8_t *buf = malloc(n ? n : 1);
	int ok = 0;
	if (!buf)
		ok = -1;
	else if (pkt[0] == 'M')
		ok = gdb_unhex(rest, strlen(rest), buf, n) == (int)n ? 0 : -1;
	else if ((size_t)(pkt + len - rest) != n)	/* X: binary, unescaped by gdb_next */
		ok = -1;
	else
		memcpy(buf, rest, n);
	if (!ok && n)
		ok = mem_write(g->p, addr, buf, n);
	gdb_reply(&g->conn, ok ? "E14" : "OK");
	free(buf);
}

/* Z/z type,addr,kind: breakpoints (kind: the instruction's length) and
 * watchpoints (kind: the length watched). */
static void breakpoint(struct gdbstub *g, char *pkt)
{
	char *end;
	int type = strtol(pkt + 1, &end, 10);
	uint64_t addr = 0, kind = 0;
	if (*end == ',')
		addr = strtoull(end + 1, &end, 16);
	if (*end == ',')
		kind = strtoull(end + 1, &end, 16);
	if (type < 0 || type > 4) {
		gdb_reply(&g->conn, "");	/* not a kind we know */
		return;
	}
	struct gdb_bp bp = { (enum gdb_bp_type)type, addr, type >= 2 ? (kind ? kind : 1) : 1 };
	pthread_mutex_lock(&g->lock);
	int i = 0;
	while (i < g->nbps && !(g->bps[i].type == bp.type && g->bps[i].addr == addr &&
				(type < 2 || g->bps[i].len == bp.len)))
		i++;
	const char *r = "OK";
	if (pkt[0] == 'Z' && i == g->nbps) {
		if (g->nbps == GDB_MAX_BPS)
			r = "E28";	/* ENOSPC: gdb says it could not insert it */
		else
			g->bps[g->nbps++] = bp;
	} else if (pkt[0] == 'z' && i < g->nbps) {
		g->bps[i] = g->bps[--g->nbps];
	}
	g->bp_gen++;
	pthread_mutex_unlock(&g->lock);
	gdb_reply(&g->conn, r);
}

/* Let the stopped task go on, with sig (Linux number) for it, stepping
 * step_tid if not 0.  The stop reply comes when the next stop does. */
static void resume(struct gdbstub *g, int sig, pid_t step_tid)
{
	pthread_mutex_lock(&g->lock);
	g->resume_sig = sig;
	g->step_tid = step_tid;
	g->resumed = true;
	g->waiting = true;
	pthread_cond_broadcast(&g->cond);
	pthread_mutex_unlock(&g->lock);
}

/* vCont;action[:tid]...: in all-stop mode every thread runs; one may step. */
static void vcont(struct gdbstub *g, char *acts)
{
	pid_t stopped = g->stopped ? g->stopped->tid : 0, step = 0;
	int sig = 0;
	bool mine = false;	/* the stopped thread's action has been seen */
	for (char *a = strtok(acts, ";"); a; a = strtok(NULL, ";")) {
		char *colon = strchr(a, ':');
		pid_t tid = colon ? gdb_parse_tid(colon + 1, NULL) : -1;
		bool applies = tid == -1 || tid == stopped;
		if (a[0] == 's' || a[0] == 'S') {
			if (!step && (tid > 0 || !mine))
				step = tid > 0 ? tid : stopped;
		}
		if (applies && !mine && (a[0] == 'C' || a[0] == 'S'))
			sig = gdb_signal_from_gdb(strtol(a + 1, NULL, 16));
		if (applies)
			mine = true;
	}
	resume(g, sig, step);
}

static void set_pass(struct gdbstub *g, const char *list)
{
	uint64_t pass = 0;
	while (*list) {
		char *end;
		int sig = gdb_signal_from_gdb(strtol(list, &end, 16));
		if (sig)
			pass |= SIGBIT(sig);
		list = *end == ';' ? end + 1 : end;
		if (end == list && *list)
			break;
	}
	g->pass = pass;
	gdb_reply(&g->conn, "OK");
}

static void set_catch(struct gdbstub *g, const char *arg)
{
	memset(g->catch_nr, 0, sizeof(g->catch_nr));
	g->catch_syscalls = arg[0] == '1';
	g->catch_any = g->catch_syscalls && arg[1] != ';';
	for (const char *s = strchr(arg, ';'); s; s = strchr(s + 1, ';')) {
		unsigned long nr = strtoul(s + 1, NULL, 16);
		if (nr < 1024)
			g->catch_nr[nr / 8] |= 1 << nr % 8;
	}
	gdb_reply(&g->conn, "OK");
}

static void thread_list(struct gdbstub *g)
{
	struct process *p = g->p;
	gdb_begin(&g->conn);
	gdb_puts(&g->conn, "m");
	pthread_mutex_lock(&p->lock);
	for (int i = 0; i < p->ntasks; i++)
		gdb_printf(&g->conn, "%sp%x.%x", i ? "," : "", getpid(), p->tasks[i]->tid);
	pthread_mutex_unlock(&p->lock);
	gdb_send(&g->conn);
}

static void query(struct gdbstub *g, char *pkt)
{
	if (!strncmp(pkt, "qSupported", 10)) {
		gdb_begin(&g->conn);
		gdb_printf(&g->conn, "PacketSize=%x;QStartNoAckMode+;qXfer:features:read+;"
			   "qXfer:auxv:read+;qXfer:exec-file:read+;qXfer:libraries-svr4:read+;"
			   "qXfer:threads:read+;QPassSignals+;QCatchSyscalls+;QProgramSignals+;"
			   "swbreak+;hwbreak+;vContSupported+;multiprocess+", GDB_PACKET_MAX);
		gdb_send(&g->conn);
	} else if (!strncmp(pkt, "qXfer:", 6)) {
		/* qXfer:object:read:annex:offset,length */
		char *object = pkt + 6, *op = strchr(object, ':');
		char *annex = op ? strchr(op + 1, ':') : NULL;
		char *range = annex ? strchr(annex + 1, ':') : NULL;
		uint64_t off, len;
		const char *rest;
		if (!range || strncmp(op, ":read:", 6) || !addr_len(range + 1, &off, &len, &rest)) {
			gdb_reply(&g->conn, "");
			return;
		}
		*op = *range = 0;
		gdb_xfer(g, object, annex + 1, off, len);
	} else if (!strcmp(pkt, "qAttached")) {
		gdb_reply(&g->conn, "1");	/* as qemu: quitting gdb detaches */
	} else if (!strcmp(pkt, "qC")) {
		struct task *t = current(g);
		gdb_begin(&g->conn);
		gdb_printf(&g->conn, "QCp%x.%x", getpid(), t ? t->tid : 0);
		gdb_send(&g->conn);
	} else if (!strcmp(pkt, "qfThreadInfo")) {
		thread_list(g);
	} else if (!strcmp(pkt, "qsThreadInfo")) {
		gdb_reply(&g->conn, "l");
	} else if (!strncmp(pkt, "qSymbol", 7)) {
		gdb_reply(&g->conn, "OK");
	} else {
		gdb_reply(&g->conn, "");
	}
}

static void kill_guest(struct gdbstub *g)
{
	gdb_reply(&g->conn, "OK");
	/* what gdb's kill is: SIGKILL, which nothing runs after */
	kill(getpid(), SIGKILL);
}

bool gdb_command(struct gdbstub *g, char *pkt, size_t len)
{
	struct process *p = g->p;
	switch (pkt[0]) {
	case '?':
		gdb_reply(&g->conn, g->reply);
		return false;
	case 'q':
		query(g, pkt);
		return false;
	case 'Q':
		if (!strcmp(pkt, "QStartNoAckMode")) {
			gdb_reply(&g->conn, "OK");
			g->conn.noack = true;
		} else if (!strncmp(pkt, "QPassSignals:", 13)) {
			set_pass(g, pkt + 13);
		} else if (!strncmp(pkt, "QCatchSyscalls:", 15)) {
			set_catch(g, pkt + 15);
		} else if (!strncmp(pkt, "QProgramSignals:", 16) || !strcmp(pkt, "QNonStop:0")) {
			gdb_reply(&g->conn, "OK");
		} else {
			gdb_reply(&g->conn, "");
		}
		return false;
	case 'H': {
		pid_t tid = gdb_parse_tid(pkt + 2, NULL);
		if (tid > 0 && !task_by_tid(p, tid)) {
			gdb_reply(&g->conn, "E01");
			return false;
		}
		if (pkt[1] == 'g')
			g->g_tid = tid > 0 ? tid : g->stopped ? g->stopped->tid : 0;
		gdb_reply(&g->conn, "OK");	/* Hc: all threads resume anyway */
		return false;
	}
	case 'T':
		gdb_reply(&g->conn, task_by_tid(p, gdb_parse_tid(pkt + 1, NULL)) ? "OK" : "E01");
		return false;
	case 'g':
		reply_regs(g);
		return false;
	case 'G': {
		struct task *t = current(g);
		uint8_t buf[GDB_REGS_MAX];
		int n = gdb_unhex(pkt + 1, len - 1, buf, sizeof(buf));
		if (!t || n < 0) {
			gdb_reply(&g->conn, "E01");
			return false;
		}
		gdb_regs_set(t, buf, n);
		gdb_reply(&g->conn, "OK");
		return false;
	}
	case 'p': case 'P':
		reg_packet(g, pkt, pkt[0] == 'P');
		return false;
	case 'm': case 'M': case 'X':
		memory(g, pkt, len);
		return false;
	case 'Z': case 'z':
		breakpoint(g, pkt);
		return false;
	case 'c':
		resume(g, 0, 0);
		return true;
	case 's':
		resume(g, 0, g->stopped ? g->stopped->tid : 0);
		return true;
	case 'C': case 'S': {
		int sig = gdb_signal_from_gdb(strtol(pkt + 1, NULL, 16));
		resume(g, sig, pkt[0] == 'S' && g->stopped ? g->stopped->tid : 0);
		return true;
	}
	case 'v':
		if (!strcmp(pkt, "vCont?")) {
			gdb_reply(&g->conn, "vCont;c;C;s;S;t");
		} else if (!strncmp(pkt, "vCont;", 6)) {
			vcont(g, pkt + 6);
			return true;
		} else if (!strncmp(pkt, "vKill", 5)) {
			kill_guest(g);
		} else if (!strncmp(pkt, "vFile:", 6)) {
			gdb_vfile(g, pkt + 6, len - 6);
		} else {
			gdb_reply(&g->conn, "");
		}
		return false;
	case 'k':
		kill_guest(g);
		return false;
	case 'D':
		/* detach: breakpoints go, the guest runs on undebugged */
		gdb_reply(&g->conn, "OK");
		pthread_mutex_lock(&g->lock);
		g->nbps = 0;
		g->gone = true;
		pthread_mutex_unlock(&g->lock);
		resume(g, 0, 0);
		return true;
	default:
		gdb_reply(&g->conn, "");
		return false;
	}
}
