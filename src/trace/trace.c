/* Assembling trace lines as strace writes them: the pid prefix and time
 * stamps, a call's entry and its result (<unfinished ...> and
 * <... resumed> when another task writes in between), signal, exit and
 * execve lines; one stream for the whole run, written a line at a time to
 * emu's own descriptor, with the state every emu of the run shares. */
#include "trace.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "../ownfd.h"
#include "../syscalls/syscalls.h"
#include "../vdso/vdso.h"
#include "decode.h"
#include "format.h"

/* What every emu of one traced run shares, in a memfd mapped by each
 * (handed on across execve as the trace's descriptor is). */
struct trace_shared {
	pthread_mutex_t lock;	/* robust, process-shared: the stream's order */
	int open_tid;		/* whose line is open (its entry written, not its result) */
	int nprocs;		/* tasks being traced (strace's nprocs) */
	int first;		/* the first task: the one traced without -f, and -c's printer */
	struct timespec last;	/* -r: the previous line's time */
	uint64_t counts[];	/* -c: calls, errors, ns a syscall; calls, ns a vDSO function */
};

static size_t shared_size(void)
{
	return sizeof(struct trace_shared) +
	       (3 * syscall_count + 2 * vdso_nfuncs + 2 * hostcall_count) * sizeof(uint64_t);
}

static struct timespec started;

int trace_share(struct trace_opts *o, int inherited)
{
	clock_gettime(CLOCK_MONOTONIC, &started);
	int fd = inherited >= 0 ? own_fd_adopt(inherited) : own_fd(memfd_create("emu-trace", MFD_CLOEXEC));
	if (fd < 0 || (inherited < 0 && ftruncate(fd, shared_size())))
		return -1;
	struct trace_shared *s = mmap(NULL, shared_size(), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (s == MAP_FAILED)
		return -1;
	if (inherited < 0) {
		pthread_mutexattr_t a;
		pthread_mutexattr_init(&a);
		pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
		pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
		pthread_mutex_init(&s->lock, &a);
		s->first = getpid();
		s->nprocs = 1;
		clock_gettime(CLOCK_MONOTONIC, &s->last);
	}
	o->shared = s;
	fcntl(fd, F_SETFD, 0);	/* handed on at execve */
	return fd;
}

uint64_t *trace_counts(const struct trace_opts *o, enum trace_count which)
{
	uint64_t *c = o->shared->counts;
	switch (which) {
	case TC_SYS_CALLS: return c;
	case TC_SYS_ERRORS: return c + syscall_count;
	case TC_SYS_NS: return c + 2 * syscall_count;
	case TC_VDSO_CALLS: return c + 3 * syscall_count;
	case TC_VDSO_NS: return c + 3 * syscall_count + vdso_nfuncs;
	case TC_HOST_CALLS: return c + 3 * syscall_count + 2 * vdso_nfuncs;
	default: return c + 3 * syscall_count + 2 * vdso_nfuncs + hostcall_count;
	}
}

bool trace_first(const struct trace_opts *o)
{
	return o->shared && o->shared->first == getpid();
}

static void lock(struct trace_shared *s)
{
	if (pthread_mutex_lock(&s->lock) == EOWNERDEAD)	/* its holder died mid-line */
		pthread_mutex_consistent(&s->lock);
}

static void unlock(struct trace_shared *s)
{
	pthread_mutex_unlock(&s->lock);
}

void trace_attach(struct task *t, int n)
{
	struct trace_shared *s = t->process->cfg->trace.shared;
	if (s)
		__atomic_fetch_add(&s->nprocs, n, __ATOMIC_RELAXED);
}

bool trace_task(const struct task *t)
{
	const struct trace_opts *o = &t->process->cfg->trace;
	return o->on && (o->follow || !o->shared || o->shared->first == t->tid);
}

/* -ff: FILE.TID, opened by the task the first time it writes; an exec'd
 * emu goes on in the file its task had */
static __thread int ff_fd = -1;
static __thread pid_t ff_tid;

static int out_fd(struct task *t)
{
	const struct trace_opts *o = &t->process->cfg->trace;
	if (o->follow < 2 || !o->out_name)
		return o->out_fd;
	if (ff_fd < 0 || ff_tid != t->tid) {
		char name[4200];
		snprintf(name, sizeof(name), "%s.%d", o->out_name, (int)t->tid);
		if (ff_fd >= 0 && ff_tid != t->tid)
			own_fd_close(ff_fd);	/* the parent's, in a forked child */
		bool goes_on = o->inherited && t->tid == getpid();	/* after its execve */
		ff_fd = own_fd(open(name, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | (goes_on ? 0 : O_TRUNC), 0666));
		ff_tid = t->tid;
	}
	return ff_fd;
}

static void emit(struct task *t, const char *buf, size_t len)
{
	int fd = out_fd(t);
	while (len) {
		ssize_t n = write(fd, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		buf += n, len -= n;
	}
}

/* The pid and the time, as strace's printleader: "PID " for -f into a
 * file, "[pid N] " on a terminal once there is more than one task */
static int prefix(struct task *t, char *buf, size_t n)
{
	const struct trace_opts *o = &t->process->cfg->trace;
	int at = 0;
	if (o->follow == 1 && o->out_name)
		at = snprintf(buf, n, "%-5d ", (int)t->tid);
	else if (o->follow < 2 && o->shared && __atomic_load_n(&o->shared->nprocs, __ATOMIC_RELAXED) > 1)
		at = snprintf(buf, n, "[pid %5d] ", (int)t->tid);
	if (o->relative && o->shared) {
		struct timespec now;
		clock_gettime(CLOCK_MONOTONIC, &now);
		struct timespec d = { now.tv_sec - o->shared->last.tv_sec, now.tv_nsec - o->shared->last.tv_nsec };
		if (d.tv_nsec < 0)
			d.tv_sec--, d.tv_nsec += 1000000000;
		o->shared->last = now;
		at += snprintf(buf + at, n - at, "%6ld.%06ld ", (long)d.tv_sec, d.tv_nsec / 1000);
	} else if (o->stamps) {
		struct timeval tv;
		struct tm tm;
		gettimeofday(&tv, NULL);
		localtime_r(&tv.tv_sec, &tm);
		if (o->stamps == 3)
			at += snprintf(buf + at, n - at, "%ld.%06ld ", (long)tv.tv_sec, (long)tv.tv_usec);
		else
			at += strftime(buf + at, n - at, "%H:%M:%S", &tm);
		if (o->stamps == 2)
			at += snprintf(buf + at, n - at, ".%06ld", (long)tv.tv_usec);
		if (o->stamps < 3)
			at += snprintf(buf + at, n - at, " ");
	}
	return at;
}

/* Write a whole line (or the start of one, open = true), first ending
 * another task's open line with " <unfinished ...>". */
static void put(struct task *t, const char *text, size_t len, bool open)
{
	struct trace_shared *s = t->process->cfg->trace.shared;
	if (!s) {
		emit(t, text, len);
		return;
	}
	lock(s);
	if (s->open_tid && s->open_tid != t->tid)
		emit(t, " <unfinished ...>\n", 18);
	s->open_tid = open ? t->tid : 0;
	emit(t, text, len);
	unlock(s);
}

struct trace_call {
	const char *name;
	unsigned nargs;
	uint8_t kinds[6];
	uint64_t a[6];
	uint64_t in_val[6];
	char *entry;		/* prefix and "name(args, " as written on entry */
	size_t entry_len;
	bool open;		/* the entry is in the stream already */
	pid_t tid;		/* who began it: a forked child returns from it too */
};

static bool path_wanted(struct task *t, const struct trace_opts *o, const uint8_t *kinds, unsigned nargs,
			const uint64_t *a)
{
	for (unsigned i = 0; i < nargs; i++) {
		char buf[4096];
		const char *path = NULL;
		if (kinds[i] == K_PATH) {
			path = guest_str(t->process->mm, a[i]);
		} else if ((kinds[i] == K_FD || kinds[i] == K_DIRFD) && (int)a[i] >= 0) {
			char link[32];
			snprintf(link, sizeof(link), "/proc/self/fd/%d", (int)a[i]);
			ssize_t n = readlink(link, buf, sizeof(buf) - 1);
			if (n > 0)
				buf[n] = 0, path = buf;
		}
		for (size_t k = 0; path && o->paths[k]; k++)
			if (!strcmp(path, o->paths[k]))
				return true;
	}
	return false;
}

struct trace_call *trace_begin(struct task *t, const char *name, const uint8_t *kinds,
			       unsigned nargs, const uint64_t *a)
{
	const struct trace_opts *o = &t->process->cfg->trace;
	if (!trace_task(t) || (o->paths && !path_wanted(t, o, kinds, nargs, a)))
		return NULL;
	struct trace_call *c = calloc(1, sizeof(*c));
	c->name = name;
	c->tid = t->tid;
	c->nargs = nargs;
	memcpy(c->kinds, kinds, nargs);
	memcpy(c->a, a, nargs * sizeof(*a));
	for (unsigned i = 0; i < nargs; i++)
		c->in_val[i] = trace_in_val(t, kinds[i], a[i]);
	FILE *f = open_memstream(&c->entry, &c->entry_len);
	char pre[64];
	fwrite(pre, 1, prefix(t, pre, sizeof(pre)), f);
	format_entry(f, t, name, kinds, nargs, a);
	fclose(f);
	/* written now when other tasks may write before it returns, as
	 * strace does; with a -z/-Z filter only when its result is known; an
	 * execve only when it fails (the emu it starts writes the line whole) */
	c->open = o->follow == 1 && o->status == TS_ALL && o->shared && strncmp(name, "execve", 6) &&
		  __atomic_load_n(&o->shared->nprocs, __ATOMIC_RELAXED) > 1;
	if (c->open)
		put(t, c->entry, c->entry_len, true);
	return c;
}

void trace_end(struct task *t, struct trace_call *c, uint8_t ret_kind, long ret,
	       const char *suffix, double seconds)
{
	const struct trace_opts *o = &t->process->cfg->trace;
	unsigned st = ret_kind == R_NONE ? TS_UNFINISHED : ret < 0 && ret >= -4095 ? TS_FAILED : TS_SUCCESSFUL;
	/* a fork's child: strace shows the call once, the parent's */
	if (!(o->status & st) || c->tid != t->tid) {
		free(c->entry);
		free(c);
		return;
	}
	char *line;
	size_t len;
	FILE *f = open_memstream(&line, &len);
	struct trace_shared *s = o->shared;
	bool resumed = false;
	if (c->open && s) {
		lock(s);
		resumed = s->open_tid != t->tid;
	}
	size_t col;
	if (resumed) {
		char pre[64];
		fwrite(pre, 1, prefix(t, pre, sizeof(pre)), f);
		fprintf(f, "<... %s resumed>", c->name);
		col = 0;
	} else {
		if (!c->open)
			fwrite(c->entry, 1, c->entry_len, f);
		col = c->open ? c->entry_len : 0;
	}
	format_exit(f, t, c->kinds, c->nargs, c->a, ret, c->in_val);
	fflush(f);
	col += len;
	/* strace lines the results up at column 40 */
	fprintf(f, "%*s= ", col < 40 ? (int)(40 - col) : 1, "");
	format_ret(f, t, ret_kind, c->a, ret);
	if (suffix)
		fprintf(f, " %s", suffix);
	if (o->timing && ret_kind != R_NONE)
		fprintf(f, " <%.6f>", seconds);
	fputc('\n', f);
	fclose(f);
	if (c->open && s) {
		if (s->open_tid && s->open_tid != t->tid)
			emit(t, " <unfinished ...>\n", 18);
		s->open_tid = 0;
		emit(t, line, len);
		unlock(s);
	} else {
		put(t, line, len, false);
	}
	free(line);
	free(c->entry);
	free(c);
}

void trace_noreturn(struct task *t, const char *name, const uint8_t *kinds,
		    unsigned nargs, const uint64_t *a)
{
	struct trace_call *c = trace_begin(t, name, kinds, nargs, a);
	if (c)
		trace_end(t, c, R_NONE, 0, NULL, 0);
}

static void event(struct task *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void event(struct task *t, const char *fmt, ...)
{
	char *line;
	size_t len;
	FILE *f = open_memstream(&line, &len);
	char pre[64];
	fwrite(pre, 1, prefix(t, pre, sizeof(pre)), f);
	va_list ap;
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fclose(f);
	put(t, line, len, false);
	free(line);
}

void trace_signal(struct task *t, int sig, const struct guest_siginfo *gi)
{
	const struct trace_opts *o = &t->process->cfg->trace;
	if (!trace_task(t) || !trace_signal_wanted(o, sig))
		return;
	siginfo_t si;
	memset(&si, 0, sizeof(si));
	if (gi->has_union)
		memcpy((uint8_t *)&si + 16, gi->union_bytes, sizeof(gi->union_bytes));
	si.si_signo = sig;
	si.si_code = gi->code;
	if (gi->code <= 0 || sig == SIGCHLD)
		si.si_pid = gi->pid, si.si_uid = gi->uid;
	else if (!gi->has_union)
		si.si_addr = (void *)(uintptr_t)gi->addr;
	char *text;
	size_t len;
	FILE *f = open_memstream(&text, &len);
	print_siginfo(f, &si);
	fclose(f);
	char name[16];
	f = fmemopen(name, sizeof(name), "w");
	print_signame(f, sig);
	fclose(f);
	event(t, "--- %s %s ---\n", name, text);
	free(text);
}

void trace_exit(struct task *t, int status, int sig, int tasks)
{
	const struct trace_opts *o = &t->process->cfg->trace;
	/* as strace: -qq leaves out the exits, -e signal= the deaths by signal */
	if (o->on && trace_task(t)) {
		const char *abbrev = sig ? sigabbrev_np(sig & 0x7f) : NULL;
		if (sig && trace_signal_wanted(o, sig & 0x7f))
			event(t, "+++ killed by SIG%s %s+++\n", abbrev ? abbrev : "?", sig & 0x80 ? "(core dumped) " : "");
		else if (!sig && o->quiet < 2)
			event(t, "+++ exited with %d +++\n", status);
	}
	trace_attach(t, -tasks);
}

/* The execve that started this program, as strace shows it returning:
 * the file name as the kernel's AT_EXECFN has it, argv, envp */
void trace_execve(struct task *t, uint64_t execfn, uint64_t argv, uint64_t envp)
{
	const struct trace_opts *o = &t->process->cfg->trace;
	/* -c counts it here, where it returned: the emu that made it is gone */
	for (unsigned i = 0; o->shared && i < syscall_count; i++)
		if (!strcmp(syscall_table[i].name, "execve"))
			__atomic_fetch_add(&trace_counts(o, TC_SYS_CALLS)[i], 1, __ATOMIC_RELAXED);
	if (!trace_task(t) || !trace_wanted(o, "execve", SC_PROCESS | SC_FILE, TW_TRAP) || o->paths ||
	    !(o->status & TS_SUCCESSFUL))
		return;
	static const uint8_t kinds[] = { K_PATH, K_ARGV, K_ENVP };
	const uint64_t a[3] = { execfn, argv, envp };
	char *line;
	size_t len;
	FILE *f = open_memstream(&line, &len);
	char pre[64];
	fwrite(pre, 1, prefix(t, pre, sizeof(pre)), f);
	format_entry(f, t, "execve", kinds, 3, a);
	format_exit(f, t, kinds, 3, a, 0, NULL);
	fflush(f);
	fprintf(f, "%*s= 0", len < 40 ? (int)(40 - len) : 1, "");
	if (o->timing) {	/* the kernel's execve here is emu's loading: since it started */
		struct timespec now;
		clock_gettime(CLOCK_MONOTONIC, &now);
		fprintf(f, " <%.6f>", now.tv_sec - started.tv_sec + (now.tv_nsec - started.tv_nsec) / 1e9);
	}
	fputc('\n', f);
	fclose(f);
	put(t, line, len, false);
	free(line);
}
