/* The stub's own state, shared by its files: gdb.c (the session: the
 * server thread, stops and resumes, the hooks on each CPU), cmds.c (the
 * packets) and xfer.c (qXfer objects and vFile). */
#ifndef EMU_GDB_STUB_H
#define EMU_GDB_STUB_H

#include <pthread.h>

#include "../task/sched.h"
#include "packet.h"

#define GDB_MAX_BPS 64

enum gdb_bp_type { BP_SW, BP_HW, WP_WRITE, WP_READ, WP_ACCESS };

struct gdb_bp {
	enum gdb_bp_type type;
	uint64_t addr, len;
};

/* Why a task stopped for gdb. */
enum gdb_why { WHY_NONE, WHY_START, WHY_BREAK, WHY_STEP, WHY_WATCH, WHY_INTERRUPT,
	       WHY_SIGNAL, WHY_SYSCALL_ENTRY, WHY_SYSCALL_RETURN };

struct gdbstub {
	struct process *p;
	struct gdb_conn conn;
	int wake[2];			/* a pipe: a task stopped, the process ended */
	pthread_t thread;		/* the server: all socket I/O is its */

	/* Under lock: the stop in progress and how gdb ends it. */
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct task *stopped;		/* holds the world stopped for gdb */
	char reply[160];		/* its stop reply */
	bool waiting;			/* gdb resumed and waits for a stop reply */
	bool resumed;			/* the stopped task may go on */
	int resume_sig;			/* with this signal (Linux number), or 0 */
	pid_t step_tid;			/* the task to single-step, or 0 */
	bool ended, end_sent;		/* the process ended; gdb was told */
	char end_reply[32];
	bool gone;			/* gdb detached or closed the connection */

	/* Set by the server while the world is stopped, read by tasks. */
	struct gdb_bp bps[GDB_MAX_BPS];
	int nbps;
	uint64_t bp_gen;		/* bumped by every Z and z */
	uint64_t pass;			/* QPassSignals: bit sig-1, Linux numbers */
	bool catch_syscalls, catch_any;
	uint8_t catch_nr[128];		/* QCatchSyscalls: bit per number < 1024 */
	pid_t g_tid;			/* Hg: the thread registers and memory go to */
};

/* What a hook on a task's CPU is for. */
struct gdb_hook_arg {
	struct task *t;
	struct gdb_bp bp;
};

#define GDB_REGS_MAX 1024	/* bytes of the largest g packet (x86-64: 560) */

/* What each task carries for the stub (task->gdb). */
struct gdb_task {
	enum gdb_why why;		/* set by its hooks: what stopped the CPU */
	uint64_t why_addr;		/* the watchpoint's data address */
	enum gdb_bp_type why_type;
	volatile int interrupt;		/* gdb's ^C, from the server */
	uint64_t seen_gen;		/* of bp_gen: its hooks match */
	uc_hook hooks[GDB_MAX_BPS + 1];
	struct gdb_hook_arg args[GDB_MAX_BPS];
	int nhooks;
	uc_hook step_hook;		/* stepping: stop before the next instruction */
	bool stepping;
	int steps;
	uint64_t skip;			/* resume over the breakpoint here once */
	bool skipping;
	uint64_t insn_pc;		/* the instruction running, while watching */
	bool watch_hit, watch_rewind;
	uint8_t saved_mem[16];		/* before the access (watch_before arches) */
	uint64_t saved_addr, saved_len;
	uint8_t saved_regs[GDB_REGS_MAX];
	int64_t orig_ax;		/* the syscall number during a syscall stop, else -1 */
	bool in_syscall;
};

/* Thread ids as multiprocess gdb spells them, pPID.TID: with a real pid
 * gdb reads the guest's /proc/PID/task/TID/maps and finds the vDSO. */
pid_t gdb_parse_tid(const char *s, char **end);
/* The task the server works on for Hg. */
struct task *gdb_task_of(struct gdbstub *g, pid_t tid);

/* cmds.c: one packet; returns true when it resumed the guest. */
bool gdb_command(struct gdbstub *g, char *pkt, size_t len);
/* All of t's registers in the g packet's layout, and back; the size. */
size_t gdb_regs_get(struct task *t, uint8_t *buf);
void gdb_regs_set(struct task *t, const uint8_t *buf, size_t len);

/* xfer.c: qXfer:object:read:annex:offset,length and vFile packets. */
void gdb_xfer(struct gdbstub *g, const char *object, const char *annex, uint64_t off, uint64_t len);
void gdb_vfile(struct gdbstub *g, char *pkt, size_t len);

/* Linux signal numbers to gdb's (gdb/signals.def) and back. */
int gdb_signal_to_gdb(int sig);
int gdb_signal_from_gdb(int gsig);

#endif
