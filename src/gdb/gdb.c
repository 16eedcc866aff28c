/* The gdb stub's session.  One server thread of emu's own does all the
 * socket I/O; the tasks never touch the socket.  A task that has to stop
 * for gdb (a breakpoint, a step, a watchpoint, a signal, a syscall gdb
 * catches, gdb's ^C) stops the world (task/world.c, so every other task
 * is out of guest code: all-stop mode), hands the server its stop reply
 * and waits; the server answers gdb's packets meanwhile, reading and
 * writing any task's registers and the guest's memory, until gdb resumes.
 *
 * Breakpoints are one-address code hooks on each task's CPU, stepping is a
 * code hook on every instruction that stops before the second, a
 * watchpoint a memory hook; each task changes its own CPU's hooks, at the
 * top of its run loop (gdb_sync), never another thread: a CPU is only
 * changed while it is stopped by its own hand (see world.c). */
#include "gdb.h"
#include "stub.h"

#include <errno.h>
#include <fcntl.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "../arch/cpu.h"
#include "../ownfd.h"
#include "../task/task.h"
#include "../task/world.h"

/* Linux's signal numbers as gdb numbers them (include/gdb/signals.def). */
static const uint8_t to_gdb[32] = {
	0, 1, 2, 3, 4, 5, 6, 10, 8, 9, 30, 11, 31, 13, 14, 15,
	143, 20, 19, 17, 18, 21, 22, 16, 24, 25, 26, 27, 28, 23, 32, 12,
};

int gdb_signal_to_gdb(int sig)
{
	if (sig < 32)
		return sig < 0 ? 143 : to_gdb[sig];
	if (sig == 32)
		return 77;		/* GDB_SIGNAL_REALTIME_32 */
	return sig <= 63 ? sig + 12 : sig == 64 ? 78 : 143;
}

int gdb_signal_from_gdb(int gsig)
{
	for (int sig = 1; sig <= NSIG_GUEST; sig++)
		if (gdb_signal_to_gdb(sig) == gsig)
			return sig;
	return 0;
}

pid_t gdb_parse_tid(const char *s, char **end)
{
	char *e;
	if (*s == 'p') {
		strtol(s + 1, &e, 16);	/* the pid: there is one process */
		if (*e != '.') {
			if (end)
				*end = e;
			return -1;	/* all its threads */
		}
		s = e + 1;
	}
	long tid = strtol(s, &e, 16);
	if (end)
		*end = e;
	return tid;
}

struct task *gdb_task_of(struct gdbstub *g, pid_t tid)
{
	struct process *p = g->p;
	if (tid > 0)
		return task_by_tid(p, tid);
	if (g->stopped)
		return g->stopped;
	return __atomic_load_n(&p->ntasks, __ATOMIC_ACQUIRE) ? p->tasks[0] : NULL;
}

static struct gdb_task *task_state(struct task *t)
{
	if (!t->gdb) {
		t->gdb = calloc(1, sizeof(*t->gdb));
		if (t->gdb)
			t->gdb->orig_ax = -1;
	}
	return t->gdb;
}

static void wake_server(struct gdbstub *g)
{
	if (write(g->wake[1], "", 1) < 0)
		return;	/* the pipe is full: the server is awake anyway */
}

static bool breakpoint_at(const struct gdbstub *g, uint64_t pc)
{
	for (int i = 0; i < g->nbps; i++)
		if ((g->bps[i].type == BP_SW || g->bps[i].type == BP_HW) && g->bps[i].addr == pc)
			return true;
	return false;
}

/* Stop for gdb: the world stopped, the reply handed to the server, then
 * wait until gdb resumes.  Returns the signal gdb resumes with. */
static int report(struct task *t, int sig, const char *why)
{
	struct process *p = t->process;
	struct gdbstub *g = p->gdb;
	struct gdb_task *gt = task_state(t);
	world_stop(t);
	pthread_mutex_lock(&g->lock);
	if (g->gone || !gt) {
		pthread_mutex_unlock(&g->lock);
		world_resume(t, MM_STALE_NONE);
		return sig;
	}
	uint64_t gen = g->bp_gen, code_gen = p->code_gen;
	snprintf(g->reply, sizeof(g->reply), "T%02xthread:p%x.%x;%s", gdb_signal_to_gdb(sig), getpid(),
		 t->tid, why);
	g->stopped = t;
	g->g_tid = t->tid;	/* as gdbserver: the event thread is current */
	g->resumed = false;
	g->resume_sig = 0;
	g->step_tid = 0;
	wake_server(g);
	while (!g->resumed && !g->gone)
		pthread_cond_wait(&g->cond, &g->lock);
	int rs = g->gone ? sig : g->resume_sig;
	g->stopped = NULL;
	bool others = g->bp_gen != gen || g->step_tid || p->code_gen != code_gen;
	uint64_t pc = p->arch->pc(t);
	gt->skipping = !g->gone && breakpoint_at(g, pc);
	gt->skip = pc;
	gt->steps = 0;
	if (p->code_gen != code_gen)
		gt->seen_gen = ~0ULL;	/* gdb wrote code: drop what was translated */
	pthread_mutex_unlock(&g->lock);
	/* the others bring their hooks up to date at their next block */
	if (others)
		for (int i = 0; i < p->ntasks; i++)
			if (p->tasks[i] != t)
				__atomic_store_n(&p->tasks[i]->stop_asked, true, __ATOMIC_RELEASE);
	world_resume(t, MM_STALE_NONE);
	return rs;
}

/* The hooks on a task's CPU.  Each stops the CPU from inside the task's own
 * emulation, before the instruction at addr runs; the run loop reports. */

static void on_break(uc_engine *uc, uint64_t addr, uint32_t size, void *opaque)
{
	struct gdb_hook_arg *a = opaque;
	struct gdb_task *gt = a->t->gdb;
	(void)size;
	if (gt->skipping && addr == gt->skip) {
		gt->skipping = false;	/* resuming from here: this one runs */
		return;
	}
	gt->why = WHY_BREAK;
	gt->why_type = a->bp.type;
	uc_emu_stop(uc);
}

static void on_step(uc_engine *uc, uint64_t addr, uint32_t size, void *opaque)
{
	struct task *t = opaque;
	(void)addr, (void)size;
	if (t->gdb->steps++ == 0)
		return;	/* the instruction it resumed at */
	t->gdb->why = WHY_STEP;
	uc_emu_stop(uc);
}

/* While watchpoints are set, every instruction: the access a watchpoint
 * saw in the one before stops the CPU here.  Where gdb expects the stop
 * before the access (riscv), the instruction's effects are undone: the
 * memory and registers as they were, pc back on it. */
static void on_insn(uc_engine *uc, uint64_t addr, uint32_t size, void *opaque)
{
	struct task *t = opaque;
	struct gdb_task *gt = t->gdb;
	(void)size;
	if (!gt->watch_hit) {
		gt->insn_pc = addr;
		return;
	}
	gt->watch_hit = false;
	if (gt->watch_rewind) {
		guest_write(t->process->mm, gt->saved_addr, gt->saved_mem, gt->saved_len);
		gdb_regs_set(t, gt->saved_regs, sizeof(gt->saved_regs));
		cpu_reg_write(t, t->process->arch->pc_reg, gt->insn_pc);
	}
	gt->why = WHY_WATCH;
	uc_emu_stop(uc);
}

static void on_watch(uc_engine *uc, uc_mem_type type, uint64_t addr, int size, int64_t value,
		     void *opaque)
{
	struct gdb_hook_arg *a = opaque;
	struct task *t = a->t;
	struct gdb_task *gt = t->gdb;
	const struct arch *arch = t->process->arch;
	(void)type, (void)value;
	if (gt->watch_hit || addr + size <= a->bp.addr || addr >= a->bp.addr + a->bp.len)
		return;
	gt->watch_hit = true;
	gt->why_type = a->bp.type;
	gt->why_addr = addr > a->bp.addr ? addr : a->bp.addr;
	gt->watch_rewind = arch->gdb->watch_before;
	if (gt->watch_rewind) {
		/* the hook runs before the access and before the
		 * instruction writes any register */
		gt->saved_addr = addr;
		gt->saved_len = size < 16 ? size : 16;
		guest_read(t->process->mm, addr, gt->saved_mem, gt->saved_len);
		gdb_regs_get(t, gt->saved_regs);
	}
}

static void drop_hooks(struct task *t, struct gdb_task *gt)
{
	for (int i = 0; i < gt->nhooks; i++)
		uc_hook_del(t->uc, gt->hooks[i]);
	gt->nhooks = 0;
	if (gt->stepping)
		uc_hook_del(t->uc, gt->step_hook);
	gt->stepping = false;
}

void gdb_sync(struct task *t)
{
	struct gdbstub *g = t->process->gdb;
	struct gdb_task *gt = task_state(t);
	if (!g || !gt)
		return;
	bool flush = false;
	pthread_mutex_lock(&g->lock);
	bool gone = g->gone;
	if (gt->seen_gen != g->bp_gen) {
		drop_hooks(t, gt);
		struct gdb_hook_arg *args = gt->args;
		bool watching = false;
		for (int i = 0; i < g->nbps && !gone; i++) {
			const struct gdb_bp *bp = &g->bps[i];
			args[i] = (struct gdb_hook_arg){ t, *bp };
			uc_hook *h = &gt->hooks[gt->nhooks];
			uc_err err;
			if (bp->type == BP_SW || bp->type == BP_HW) {
				err = uc_hook_add(t->uc, h, UC_HOOK_CODE, on_break, &args[i], bp->addr, bp->addr);
			} else {
				int type = bp->type == WP_WRITE ? UC_HOOK_MEM_WRITE
					 : bp->type == WP_READ ? UC_HOOK_MEM_READ
					 : UC_HOOK_MEM_WRITE | UC_HOOK_MEM_READ;
				/* an access that starts before the range may still cover it */
				uint64_t from = bp->addr > 15 ? bp->addr - 15 : 0;
				err = uc_hook_add(t->uc, h, type, on_watch, &args[i], from, bp->addr + bp->len - 1);
				watching = true;
			}
			gt->nhooks += err == UC_ERR_OK;
		}
		if (watching && uc_hook_add(t->uc, &gt->hooks[gt->nhooks], UC_HOOK_CODE, on_insn, t, 1, 0) == UC_ERR_OK)
			gt->nhooks++;
		gt->seen_gen = g->bp_gen;
		gt->watch_hit = false;
		flush = true;
	}
	bool step = !gone && g->step_tid == t->tid;
	pthread_mutex_unlock(&g->lock);
	if (step != gt->stepping) {
		if (step)
			gt->stepping = uc_hook_add(t->uc, &gt->step_hook, UC_HOOK_CODE, on_step, t, 1, 0) == UC_ERR_OK;
		else
			uc_hook_del(t->uc, gt->step_hook), gt->stepping = false;
		flush = true;
	}
	if (gt->skipping && t->process->arch->pc(t) != gt->skip)
		gt->skipping = false;
	/* a hook added after its code was translated never fires */
	if (flush)
		uc_ctl_flush_tb(t->uc);
}

bool gdb_stop_event(struct task *t)
{
	struct gdb_task *gt = t->gdb;
	char why[64] = "";
	if (!gt || !t->process->gdb)
		return false;
	if (__atomic_exchange_n(&gt->interrupt, 0, __ATOMIC_ACQ_REL)) {
		gt->why = WHY_NONE;
		report(t, SIGINT, "");
		return true;
	}
	switch (gt->why) {
	case WHY_NONE:
		return false;
	case WHY_BREAK:
		snprintf(why, sizeof(why), gt->why_type == BP_HW ? "hwbreak:;" : "swbreak:;");
		break;
	case WHY_WATCH:
		snprintf(why, sizeof(why), "%s:%llx;",
			 gt->why_type == WP_WRITE ? "watch" : gt->why_type == WP_READ ? "rwatch" : "awatch",
			 (unsigned long long)gt->why_addr);
		break;
	case WHY_SYSCALL_ENTRY: case WHY_SYSCALL_RETURN:	/* a resync only */
		gt->why = WHY_NONE;
		return true;
	default:
		break;
	}
	gt->why = WHY_NONE;
	report(t, SIGTRAP, why);
	return true;
}

int gdb_signal(struct task *t, int sig)
{
	struct gdbstub *g = t->process->gdb;
	if (!g || g->gone || (g->pass & SIGBIT(sig)))
		return sig;
	return report(t, sig, "");
}

void gdb_syscall(struct task *t, uint64_t nr, bool entry)
{
	struct gdbstub *g = t->process->gdb;
	if (!g || !g->catch_syscalls || g->gone || (!entry && task_ending(t)))
		return;
	if (!g->catch_any && (nr >= 1024 || !(g->catch_nr[nr / 8] & (1 << nr % 8))))
		return;
	struct gdb_task *gt = task_state(t);
	if (!gt)
		return;
	char why[48];
	snprintf(why, sizeof(why), "%s:%llx;", entry ? "syscall_entry" : "syscall_return",
		 (unsigned long long)nr);
	gt->in_syscall = true;
	gt->orig_ax = nr;
	report(t, SIGTRAP, why);
	gt->in_syscall = false;
	gt->orig_ax = -1;
	/* back to the run loop after the call, to take up what gdb changed */
	gt->why = entry ? WHY_SYSCALL_ENTRY : WHY_SYSCALL_RETURN;
	uc_emu_stop(t->uc);
}

/* gdb's ^C: the task gdb last looked at stops at its next block. */
static void interrupt(struct gdbstub *g)
{
	struct process *p = g->p;
	struct task *t = gdb_task_of(g, g->g_tid);
	if (!t && p->ntasks)
		t = p->tasks[0];
	struct gdb_task *gt = t ? task_state(t) : NULL;
	if (!gt)
		return;
	__atomic_store_n(&gt->interrupt, 1, __ATOMIC_RELEASE);
	task_kick(NULL, t);
}

static bool send_due(struct gdbstub *g)
{
	bool done = false;
	pthread_mutex_lock(&g->lock);
	if (g->waiting && g->stopped) {
		gdb_reply(&g->conn, g->reply);
		g->waiting = false;
	} else if (g->ended && !g->end_sent) {
		gdb_reply(&g->conn, g->end_reply);
		g->end_sent = true;
		pthread_cond_broadcast(&g->cond);
		done = true;
	}
	pthread_mutex_unlock(&g->lock);
	return done;
}

static void *server(void *arg)
{
	struct gdbstub *g = arg;
	sigset_t all;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, NULL);	/* the tasks take the signals */
	char *pkt = malloc(GDB_PACKET_MAX + 1);
	while (pkt) {
		if (send_due(g))
			break;
		bool stopped;
		for (;;) {
			pthread_mutex_lock(&g->lock);
			stopped = g->stopped && !g->waiting;
			pthread_mutex_unlock(&g->lock);
			/* while the guest runs only ^C is taken; packets wait */
			if (!stopped) {
				if (!gdb_take_interrupt(&g->conn))
					break;
				interrupt(g);
				continue;
			}
			size_t len;
			enum gdb_input in = gdb_next(&g->conn, pkt, GDB_PACKET_MAX + 1, &len);
			if (in == GDB_NONE)
				break;
			if (in == GDB_INTERRUPT)
				continue;	/* already stopped */
			gdb_command(g, pkt, len);
			if (g->gone)
				goto out;
		}
		struct pollfd fds[2] = { { g->conn.fd, POLLIN, 0 }, { g->wake[0], POLLIN, 0 } };
		if (poll(fds, 2, -1) < 0 && errno != EINTR)
			break;
		if (fds[1].revents) {
			char buf[64];
			while (read(g->wake[0], buf, sizeof(buf)) > 0)
				;
		}
		if ((fds[0].revents & (POLLIN | POLLHUP | POLLERR)) && gdb_fill(&g->conn) < 0)
			break;
	}
out:
	free(pkt);
	/* gdb has gone: the guest runs on undebugged */
	pthread_mutex_lock(&g->lock);
	g->gone = true;
	g->bp_gen++;
	pthread_cond_broadcast(&g->cond);
	pthread_mutex_unlock(&g->lock);
	for (int i = 0; i < g->p->ntasks; i++)
		__atomic_store_n(&g->p->tasks[i]->stop_asked, true, __ATOMIC_RELEASE);
	return NULL;
}

/* Listen where -g says, and take one connection. */
static int accept_gdb(const char *where)
{
	int lfd, one = 1;
	char desc[128];
	if (!strncmp(where, "unix:", 5)) {
		struct sockaddr_un un = { .sun_family = AF_UNIX };
		if (strlen(where + 5) >= sizeof(un.sun_path)) {
			fprintf(stderr, "emu: -g %s: path too long\n", where);
			return -1;
		}
		strcpy(un.sun_path, where + 5);
		lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		unlink(un.sun_path);
		if (lfd < 0 || bind(lfd, (struct sockaddr *)&un, sizeof(un)) || listen(lfd, 1)) {
			fprintf(stderr, "emu: -g %s: %s\n", where, strerror(errno));
			return -1;
		}
		snprintf(desc, sizeof(desc), "%s", un.sun_path);
	} else {
		const char *colon = strrchr(where, ':');
		char host[64] = "";
		const char *port = colon ? colon + 1 : where;
		if (colon)
			snprintf(host, sizeof(host), "%.*s", (int)(colon - where), where);
		char *end;
		long n = strtol(port, &end, 10);
		if (!*port || *end || n < 0 || n > 65535) {
			fprintf(stderr, "emu: -g %s: not a port, HOST:PORT or unix:PATH\n", where);
			return -1;
		}
		/* numeric addresses only (emu is static: no NSS), loopback by
		 * default: a debugger port lets anyone run code as the user */
		struct sockaddr_storage addr = { 0 };
		struct sockaddr_in *in4 = (struct sockaddr_in *)&addr;
		struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&addr;
		socklen_t addrlen = sizeof(*in4);
		in4->sin_family = AF_INET;
		in4->sin_port = htons(n);
		in4->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		if (*host && strcmp(host, "localhost") && inet_pton(AF_INET, host, &in4->sin_addr) != 1) {
			char h6[64];
			snprintf(h6, sizeof(h6), "%s", host[0] == '[' ? host + 1 : host);
			h6[strcspn(h6, "]")] = 0;
			in6->sin6_family = AF_INET6;
			in6->sin6_port = htons(n);
			addrlen = sizeof(*in6);
			if (inet_pton(AF_INET6, h6, &in6->sin6_addr) != 1) {
				fprintf(stderr, "emu: -g %s: %s is not an IPv4 or IPv6 address\n", where, host);
				return -1;
			}
		}
		lfd = socket(addr.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (lfd >= 0)
			setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		if (lfd < 0 || bind(lfd, (struct sockaddr *)&addr, addrlen) || listen(lfd, 1)) {
			fprintf(stderr, "emu: -g %s: %s\n", where, strerror(errno));
			return -1;
		}
		struct sockaddr_storage sa;
		socklen_t salen = sizeof(sa);
		getsockname(lfd, (struct sockaddr *)&sa, &salen);
		int bound = ntohs(sa.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&sa)->sin6_port
							   : ((struct sockaddr_in *)&sa)->sin_port);
		snprintf(desc, sizeof(desc), "port %d", bound);
	}
	fprintf(stderr, "emu: waiting for gdb on %s\n", desc);
	int fd;
	do
		fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
	while (fd < 0 && errno == EINTR);
	if (fd < 0)
		fprintf(stderr, "emu: -g %s: %s\n", where, strerror(errno));
	close(lfd);
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));	/* fails on unix: fine */
	return fd;
}

int gdb_attach(struct task *t, const char *where)
{
	struct process *p = t->process;
	struct gdbstub *g = calloc(1, sizeof(*g));
	if (!g || pipe2(g->wake, O_CLOEXEC | O_NONBLOCK)) {
		fprintf(stderr, "emu: -g: %s\n", strerror(errno));
		free(g);
		return -1;
	}
	g->wake[0] = own_fd(g->wake[0]);
	g->wake[1] = own_fd(g->wake[1]);
	fcntl(g->wake[1], F_SETFL, O_NONBLOCK);
	fcntl(g->wake[0], F_SETFL, O_NONBLOCK);
	g->conn.fd = own_fd(accept_gdb(where));
	if (g->conn.fd < 0) {
		own_fd_close(g->wake[0]);
		own_fd_close(g->wake[1]);
		free(g);
		return -1;
	}
	g->p = p;
	pthread_mutex_init(&g->lock, NULL);
	pthread_cond_init(&g->cond, NULL);
	/* ^C must stop a lone task too: every CPU gets the block hook */
	if (world_hook(t, t))
		return -1;
	p->gdb = g;	/* before the server runs: it reads p->gdb's tasks */
	if (pthread_create(&g->thread, NULL, server, g)) {
		fprintf(stderr, "emu: -g: cannot start the gdb server thread\n");
		p->gdb = NULL;
		return -1;
	}
	/* stopped before the first instruction, as qemu-user is */
	report(t, SIGTRAP, "");
	return 0;
}

void gdb_exit(struct process *p)
{
	struct gdbstub *g = p->gdb;
	if (!g)
		return;
	pthread_mutex_lock(&g->lock);
	if (!g->gone) {
		if (p->exited)
			snprintf(g->end_reply, sizeof(g->end_reply), "W%02x;process:%x", p->exit_status & 0xff,
				 getpid());
		else
			snprintf(g->end_reply, sizeof(g->end_reply), "X%02x;process:%x",
				 gdb_signal_to_gdb(p->killed_by), getpid());
		g->ended = true;
		wake_server(g);
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += 5;	/* gdb must not keep a dead guest alive */
		while (!g->end_sent && !g->gone &&
		       pthread_cond_timedwait(&g->cond, &g->lock, &until) != ETIMEDOUT)
			;
	}
	pthread_mutex_unlock(&g->lock);
}

void gdb_forget(struct process *p)
{
	struct gdbstub *g = p->gdb;
	if (!g)
		return;
	/* the fork's child: one task, whose CPU still has gdb's hooks */
	for (int i = 0; i < p->ntasks; i++) {
		struct task *t = p->tasks[i];
		if (t->gdb && t->uc) {
			drop_hooks(t, t->gdb);
			uc_ctl_flush_tb(t->uc);
		}
		free(t->gdb);
		t->gdb = NULL;
	}
	own_fd_close(g->conn.fd);
	own_fd_close(g->wake[0]);
	own_fd_close(g->wake[1]);
	free(g->conn.out);
	free(g);	/* this process's copy; no server thread came with the fork */
	p->gdb = NULL;
}

void gdb_free(struct process *p)
{
	struct gdbstub *g = p->gdb;
	if (!g)
		return;
	pthread_mutex_lock(&g->lock);
	g->ended = g->end_sent = true;	/* the server sends nothing more */
	pthread_mutex_unlock(&g->lock);
	shutdown(g->conn.fd, SHUT_RDWR);	/* and wakes from its poll */
	wake_server(g);
	pthread_join(g->thread, NULL);
	own_fd_close(g->conn.fd);
	own_fd_close(g->wake[0]);
	own_fd_close(g->wake[1]);
	free(g->conn.out);
	free(g);
	p->gdb = NULL;
}
