/* Decoders of the process calls: clone, wait, execve's arrays, futex,
 * resources, and what the system says of itself. */
#include "decode.h"

#include <inttypes.h>
#include <linux/futex.h>
#include <linux/prctl.h>
#include <sched.h>
#include <string.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#include "../arch/arch.h"

/* The guest ABI's values: the same on riscv64 and x86-64. */
static const struct xlat xl_wait_opts[] = {
	X(WNOHANG), X(WUNTRACED), X(WEXITED), X(WCONTINUED), X(WNOWAIT), { 0x20000000, "__WNOTHREAD" },
	{ 0x40000000, "__WALL" }, { 0x80000000, "__WCLONE" }, XEND,
};
static const struct xlat xl_who[] = { X(RUSAGE_SELF), X(RUSAGE_CHILDREN), X(RUSAGE_THREAD), XEND };
static const struct xlat xl_futex_ops[] = {
	X(FUTEX_WAIT), X(FUTEX_WAKE), X(FUTEX_FD), X(FUTEX_REQUEUE), X(FUTEX_CMP_REQUEUE),
	X(FUTEX_WAKE_OP), X(FUTEX_LOCK_PI), X(FUTEX_UNLOCK_PI), X(FUTEX_TRYLOCK_PI),
	X(FUTEX_WAIT_BITSET), X(FUTEX_WAKE_BITSET), X(FUTEX_WAIT_REQUEUE_PI),
	X(FUTEX_CMP_REQUEUE_PI), X(FUTEX_LOCK_PI2), XEND,
};
static const struct xlat xl_prctl[] = {
	X(PR_SET_PDEATHSIG), X(PR_GET_PDEATHSIG), X(PR_GET_DUMPABLE), X(PR_SET_DUMPABLE),
	X(PR_GET_KEEPCAPS), X(PR_SET_KEEPCAPS), X(PR_SET_NAME), X(PR_GET_NAME), X(PR_GET_SECCOMP),
	X(PR_SET_SECCOMP), X(PR_CAPBSET_READ), X(PR_CAPBSET_DROP), X(PR_GET_TIMERSLACK),
	X(PR_SET_TIMERSLACK), X(PR_SET_CHILD_SUBREAPER), X(PR_GET_CHILD_SUBREAPER),
	X(PR_SET_NO_NEW_PRIVS), X(PR_GET_NO_NEW_PRIVS), X(PR_SET_THP_DISABLE),
	X(PR_GET_THP_DISABLE), X(PR_SET_MM), X(PR_SET_VMA), X(PR_CAP_AMBIENT), X(PR_SET_PTRACER),
	X(PR_GET_TID_ADDRESS), X(PR_SET_TIMING), X(PR_GET_TIMING), XEND,
};

void dec_resource(FILE *f, const struct targ *g) { xlat_print(f, xl_rlimits, V(g), "%llu"); }

static void rlimit_val(FILE *f, uint64_t v)
{
	if (v == UINT64_MAX)
		fputs("RLIM64_INFINITY", f);
	else if (v && v % 1024 == 0)
		fprintf(f, "%" PRIu64 "*1024", v / 1024);
	else
		fprintf(f, "%" PRIu64, v);
}

void dec_rlimit(FILE *f, const struct targ *g)
{
	uint64_t r[2];
	if (!print_read(f, g->t, V(g), r, sizeof(r)))
		return;
	fputs("{rlim_cur=", f);
	rlimit_val(f, r[0]);
	fputs(", rlim_max=", f);
	rlimit_val(f, r[1]);
	fputc('}', f);
}

void dec_utsname(FILE *f, const struct targ *g)
{
	struct utsname u;
	if (print_read(f, g->t, V(g), &u, sizeof(u)))
		fprintf(f, "{sysname=\"%s\", nodename=\"%s\", ...}", u.sysname, u.nodename);
}

/* struct sysinfo: the same on both 64-bit ABIs */
void dec_sysinfo(FILE *f, const struct targ *g)
{
	struct sysinfo s;
	if (!print_read(f, g->t, V(g), &s, sizeof(s)))
		return;
	fprintf(f, "{uptime=%ld, loads=[%lu, %lu, %lu], totalram=%lu, freeram=%lu, sharedram=%lu, "
		"bufferram=%lu, totalswap=%lu, freeswap=%lu, procs=%u, totalhigh=%lu, freehigh=%lu, "
		"mem_unit=%u}", s.uptime, s.loads[0], s.loads[1], s.loads[2], s.totalram, s.freeram,
		s.sharedram, s.bufferram, s.totalswap, s.freeswap, s.procs, s.totalhigh, s.freehigh,
		s.mem_unit);
}

void dec_cpuset(FILE *f, const struct targ *g)
{
	const uint8_t *m = guest_ptr(g->t->process->mm, V(g), g->ret, PROT_READ);
	const char *sep = "";
	fputc('[', f);
	for (long b = 0; m && b < g->ret * 8; b++)
		if (m[b / 8] >> (b % 8) & 1)
			fprintf(f, "%s%ld", sep, b), sep = " ";
	fputc(']', f);
}

void dec_o_uint(FILE *f, const struct targ *g)
{
	uint32_t u;
	if (print_read(f, g->t, V(g), &u, 4))
		fprintf(f, "[%u]", u);
}

void dec_arch_prctl(FILE *f, const struct targ *g) { xlat_print(f, xl_arch_prctl, V(g), "%#llx"); }
void dec_random_flags(FILE *f, const struct targ *g) { xlat_flags(f, xl_random_flags, V(g), NULL); }
void dec_random(FILE *f, const struct targ *g) { print_hex_str(f, g->t, V(g), g->ret, print_strsize(g->t)); }
void dec_wait_opts(FILE *f, const struct targ *g) { xlat_flags(f, xl_wait_opts, (uint32_t)V(g), NULL); }
void dec_who(FILE *f, const struct targ *g) { xlat_print(f, xl_who, (uint64_t)(int64_t)(int)V(g), "%lld"); }
void dec_prctl_op(FILE *f, const struct targ *g) { xlat_print(f, xl_prctl, V(g), "%#llx"); }

/* wait4's status, as strace: [{WIFEXITED(s) && WEXITSTATUS(s) == 0}] */
void dec_wstatus(FILE *f, const struct targ *g)
{
	int s;
	if (!g->ret) {	/* WNOHANG and nothing to report: nothing written */
		print_ptr(f, V(g));
		return;
	}
	if (!print_read(f, g->t, V(g), &s, 4))
		return;
	if (WIFEXITED(s)) {
		fprintf(f, "[{WIFEXITED(s) && WEXITSTATUS(s) == %d}]", WEXITSTATUS(s));
	} else if (WIFSIGNALED(s)) {
		fputs("[{WIFSIGNALED(s) && WTERMSIG(s) == ", f);
		print_signame(f, WTERMSIG(s));
		fputs(WCOREDUMP(s) ? " && WCOREDUMP(s)}]" : "}]", f);
	} else if (WIFSTOPPED(s)) {
		fputs("[{WIFSTOPPED(s) && WSTOPSIG(s) == ", f);
		print_signame(f, WSTOPSIG(s));
		fputs("}]", f);
	} else if (WIFCONTINUED(s)) {
		fputs("[{WIFCONTINUED(s)}]", f);
	} else {
		fprintf(f, "[%#x]", s);
	}
}

/* struct rusage: strace's default shows the times and the first fields */
void dec_rusage(FILE *f, const struct targ *g)
{
	int64_t r[18];
	if (!print_read(f, g->t, V(g), r, sizeof(r)))
		return;
	fputs("{ru_utime=", f);
	print_timeval(f, r);
	fputs(", ru_stime=", f);
	print_timeval(f, r + 2);
	fprintf(f, ", ru_maxrss=%" PRId64 ", ru_ixrss=%" PRId64 ", ru_idrss=%" PRId64 ", ru_isrss=%" PRId64
		", ru_minflt=%" PRId64 ", ru_majflt=%" PRId64 ", ru_nswap=%" PRId64 ", ru_inblock=%" PRId64
		", ru_oublock=%" PRId64 ", ru_msgsnd=%" PRId64 ", ru_msgrcv=%" PRId64 ", ru_nsignals=%" PRId64
		", ru_nvcsw=%" PRId64 ", ru_nivcsw=%" PRId64 "}", r[4], r[5], r[6], r[7], r[8], r[9], r[10],
		r[11], r[12], r[13], r[14], r[15], r[16], r[17]);
}

static void clone_flags(FILE *f, uint64_t v)
{
	uint64_t sig = v & 0xff;
	if (v & ~0xffULL) {
		xlat_flags(f, xl_clone_flags, v & ~0xffULL, NULL);
		if (sig)
			fputc('|', f);
	}
	if (sig || !(v & ~0xffULL))
		print_signame(f, (int)sig);
}

/* clone, whole: strace names its arguments and shows the ones the flags
 * use; the tids after the call (the parent's is written by it) */
void trace_clone(FILE *f, struct task *t, const uint64_t *a, bool exiting)
{
	uint64_t flags = a[0], tls, ctid;
	if (t->process->arch->clone_tls_before_ctid)
		tls = a[3], ctid = a[4];
	else
		ctid = a[3], tls = a[4];
	if (!exiting) {
		fputs("child_stack=", f);
		print_ptr(f, a[1]);
		fputs(", flags=", f);
		clone_flags(f, flags);
		return;
	}
	if (flags & CLONE_PARENT_SETTID) {
		int tid;
		fputs(", parent_tid=", f);
		if (!guest_read(t->process->mm, a[2], &tid, 4))
			fprintf(f, "[%d]", tid);
		else
			print_ptr(f, a[2]);
	}
	if (flags & CLONE_SETTLS)
		fprintf(f, ", tls=%#" PRIx64, tls);
	if (flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID))
		fprintf(f, ", child_tidptr=%#" PRIx64, ctid);
}

void dec_clone_flags(FILE *f, const struct targ *g) { clone_flags(f, V(g)); }

/* struct clone_args, as strace shows the fields set */
void dec_clone_args(FILE *f, const struct targ *g)
{
	uint64_t c[11] = { 0 };	/* flags pidfd child_tid parent_tid exit_signal stack stack_size tls ... */
	uint64_t size = g->a[g->i + 1] < sizeof(c) ? g->a[g->i + 1] : sizeof(c);
	if (size < 64 || !print_read(f, g->t, V(g), c, size))
		return;
	fputs("{flags=", f);
	xlat_flags(f, xl_clone_flags, c[0], NULL);
	if (c[0] & CLONE_PIDFD)
		fprintf(f, ", pidfd=%#" PRIx64, c[1]);
	if (c[0] & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID))
		fprintf(f, ", child_tid=%#" PRIx64, c[2]);
	if (c[0] & CLONE_PARENT_SETTID)
		fprintf(f, ", parent_tid=%#" PRIx64, c[3]);
	fputs(", exit_signal=", f);
	if (c[4])
		print_signame(f, (int)c[4]);
	else
		fputc('0', f);
	fprintf(f, ", stack=%#" PRIx64 ", stack_size=%#" PRIx64, c[5], c[6]);
	if (c[0] & CLONE_SETTLS)
		fprintf(f, ", tls=%#" PRIx64, c[7]);
	fputc('}', f);
}

/* on return, the parent's tid the kernel wrote */
void dec_clone_args_after(FILE *f, const struct targ *g)
{
	uint64_t c[4];
	int tid;
	if (g->ret > 0 && !guest_read(g->t->process->mm, V(g), c, sizeof(c)) && (c[0] & CLONE_PARENT_SETTID) &&
	    !guest_read(g->t->process->mm, c[3], &tid, 4))
		fprintf(f, " => {parent_tid=[%d]}", tid);
}

void dec_futex_op(FILE *f, const struct targ *g)
{
	uint64_t v = V(g), cmd = v & FUTEX_CMD_MASK;
	const char *n = xlat_name(xl_futex_ops, cmd);
	if (!n) {
		fprintf(f, "%#" PRIx64, v);
		return;
	}
	fputs(n, f);
	if (v & FUTEX_PRIVATE_FLAG)
		fputs("_PRIVATE", f);
	if (v & FUTEX_CLOCK_REALTIME)
		fputs("|FUTEX_CLOCK_REALTIME", f);
}

void dec_futex_val3(FILE *f, const struct targ *g)
{
	if ((uint32_t)V(g) == FUTEX_BITSET_MATCH_ANY)
		fputs("FUTEX_BITSET_MATCH_ANY", f);
	else
		fprintf(f, "%#" PRIx64, V(g) & 0xffffffff);
}

/* Whether futex's op uses argument i (strace shows those only) */
bool trace_futex_shows(uint64_t op, unsigned i)
{
	switch (op & FUTEX_CMD_MASK) {
	case FUTEX_WAKE: case FUTEX_FD: case FUTEX_UNLOCK_PI: case FUTEX_TRYLOCK_PI: return i < 3;
	case FUTEX_WAIT: case FUTEX_LOCK_PI: case FUTEX_LOCK_PI2: return i < 4;
	case FUTEX_WAIT_BITSET: return i != 4;
	case FUTEX_WAKE_BITSET: return i != 3 && i != 4;
	case FUTEX_REQUEUE: return i < 5;
	default: return true;
	}
}

/* execve's argv: every string (cut at -s), as strace shows them */
void dec_argv(FILE *f, const struct targ *g)
{
	uint64_t p;
	if (!print_read(f, g->t, V(g), &p, 8))
		return;
	fputc('[', f);
	for (unsigned n = 0; p; n++) {
		const char *s = guest_str(g->t->process->mm, p);
		if (n)
			fputs(", ", f);
		print_str(f, g->t, p, s ? (long)strlen(s) : 0, print_strsize(g->t));
		if (guest_read(g->t->process->mm, V(g) + 8 * (n + 1), &p, 8))
			break;
	}
	fputc(']', f);
}

/* execve's envp: its address and how many, as strace without -v; with
 * -v every string, as argv */
void dec_envp(FILE *f, const struct targ *g)
{
	if (g->t->process->cfg->trace.verbose) {
		dec_argv(f, g);
		return;
	}
	uint64_t p = 1;
	unsigned n = 0;
	while (!guest_read(g->t->process->mm, V(g) + 8 * n, &p, 8) && p)
		n++;
	print_ptr(f, V(g));
	if (V(g) && !p)
		fprintf(f, " /* %u var%s */", n, n == 1 ? "" : "s");
}

/* getgroups' (as many as it returned) and setgroups' (as many as asked) */
void dec_gids(FILE *f, const struct targ *g)
{
	bool out = trace_kinds[g->kinds[g->i]].out;
	long n = out ? (g->a[0] ? g->ret : 0) : (long)g->a[0];
	fputc('[', f);
	for (long k = 0; k < n && k < 64; k++) {
		uint32_t gid;
		if (guest_read(g->t->process->mm, V(g) + 4 * k, &gid, 4))
			break;
		fprintf(f, "%s%u", k ? ", " : "", gid);
	}
	if (n > 64)
		fputs(", ...", f);
	fputc(']', f);
}

static const char *const cap_names[] = {
	"CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
	"CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE",
	"CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER",
	"CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT",
	"CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME",
	"CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL",
	"CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM",
	"CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
};

static void caps(FILE *f, uint64_t set)
{
	const char *sep = "";
	if (!set)
		fputc('0', f);
	for (unsigned c = 0; c < 64; c++) {
		if (!(set >> c & 1))
			continue;
		if (c < sizeof(cap_names) / sizeof(cap_names[0]))
			fprintf(f, "%s1<<%s", sep, cap_names[c]);
		else
			fprintf(f, "%s1<<%u", sep, c);
		sep = "|";
	}
}

static const struct xlat xl_cap_versions[] = {
	{ 0x19980330, "_LINUX_CAPABILITY_VERSION_1" }, { 0x20071026, "_LINUX_CAPABILITY_VERSION_2" },
	{ 0x20080522, "_LINUX_CAPABILITY_VERSION_3" }, XEND,
};

void dec_cap_header(FILE *f, const struct targ *g)
{
	uint32_t h[2];
	if (!print_read(f, g->t, V(g), h, sizeof(h)))
		return;
	fputs("{version=", f);
	xlat_print(f, xl_cap_versions, h[0], "%#llx");
	fprintf(f, ", pid=%d}", (int)h[1]);
}

/* the data: one set of three u32 for version 1, two for the others */
void dec_cap_data(FILE *f, const struct targ *g)
{
	uint32_t h[2], d[6] = { 0 };
	if (guest_read(g->t->process->mm, g->a[0], h, sizeof(h))) {
		print_ptr(f, V(g));
		return;
	}
	size_t n = h[0] == 0x19980330 ? 3 : 6;
	if (!print_read(f, g->t, V(g), d, n * 4))
		return;
	static const char *const field[] = { "effective", "permitted", "inheritable" };
	for (int k = 0; k < 3; k++) {
		fprintf(f, "%s%s=", k ? ", " : "{", field[k]);
		caps(f, d[k] | (n == 6 ? (uint64_t)d[3 + k] << 32 : 0));
	}
	fputc('}', f);
}

/* struct tms: clock ticks, with their seconds as strace shows them */
void dec_tms(FILE *f, const struct targ *g)
{
	int64_t t[4];
	static const char *const field[] = { "tms_utime", "tms_stime", "tms_cutime", "tms_cstime" };
	if (!print_read(f, g->t, V(g), t, sizeof(t)))
		return;
	for (int k = 0; k < 4; k++) {
		fprintf(f, "%s%s=%lld", k ? ", " : "{", field[k], (long long)t[k]);
		if (t[k])
			fprintf(f, " /* %.2f s */", t[k] / 100.0);
	}
	fputc('}', f);
}

void dec_sched_param(FILE *f, const struct targ *g)
{
	int p;
	if (print_read(f, g->t, V(g), &p, 4))
		fprintf(f, "[%d]", p);
}

/* sched_setaffinity's mask, its size the argument before it */
void dec_cpuset_in(FILE *f, const struct targ *g)
{
	struct targ h = *g;
	h.ret = g->a[g->i - 1];
	dec_cpuset(f, &h);
}

/* prctl's arguments by op: how many strace shows, and what the second is */
unsigned trace_prctl_nargs(uint64_t op)
{
	switch (op) {
	case PR_GET_DUMPABLE: case PR_GET_KEEPCAPS: case PR_GET_SECCOMP: case PR_GET_TIMERSLACK:
	case PR_GET_TIMING: case PR_GET_NO_NEW_PRIVS: case PR_GET_THP_DISABLE:
		return 1;
	case PR_SET_NAME: case PR_GET_NAME: case PR_SET_PDEATHSIG: case PR_GET_PDEATHSIG:
	case PR_SET_DUMPABLE: case PR_SET_KEEPCAPS: case PR_SET_TIMERSLACK: case PR_SET_CHILD_SUBREAPER:
	case PR_GET_CHILD_SUBREAPER: case PR_CAPBSET_READ: case PR_CAPBSET_DROP: case PR_SET_TIMING:
	case PR_GET_TID_ADDRESS:
		return 2;
	default:
		return 5;
	}
}

void dec_prctl_arg(FILE *f, const struct targ *g)
{
	uint64_t v = V(g);
	int s;
	switch (g->a[0]) {
	case PR_SET_NAME: case PR_GET_NAME: print_str(f, g->t, v, -1, 0); break;
	case PR_SET_PDEATHSIG: print_signame(f, (int)v); break;
	case PR_GET_PDEATHSIG: case PR_GET_CHILD_SUBREAPER:
		if (!FAILED(g) && print_read(f, g->t, v, &s, 4))
			fprintf(f, "[%d]", s);
		else if (FAILED(g))
			print_ptr(f, v);
		break;
	case PR_CAPBSET_READ: case PR_CAPBSET_DROP:
		if (v < sizeof(cap_names) / sizeof(cap_names[0]))
			fputs(cap_names[v], f);
		else
			fprintf(f, "%llu", (unsigned long long)v);
		break;
	default: fprintf(f, v ? "%#llx" : "%llu", (unsigned long long)v);
	}
}

/* SysV IPC: IPC_CREAT|IPC_EXCL|0600, and IPC_PRIVATE */
void dec_ipc_flags(FILE *f, const struct targ *g)
{
	uint64_t v = V(g);
	if (v & 01000)
		fputs("IPC_CREAT|", f);
	if (v & 02000)
		fputs("IPC_EXCL|", f);
	if (v & 04000)
		fputs("IPC_NOWAIT|", f);
	fprintf(f, "%#03llo", (unsigned long long)(v & 0777));
}

void dec_ipc_key(FILE *f, const struct targ *g)
{
	if (!(int)V(g))
		fputs("IPC_PRIVATE", f);
	else
		fprintf(f, "%#x", (unsigned)V(g));
}

/* semop's array of struct sembuf { u16 num; s16 op; s16 flg; } */
void dec_sembuf(FILE *f, const struct targ *g)
{
	uint64_t n = g->a[g->i + 1];
	fputc('[', f);
	for (uint64_t k = 0; k < n && k < 32; k++) {
		int16_t b[3];
		if (guest_read(g->t->process->mm, V(g) + 6 * k, b, 6))
			break;
		fprintf(f, "%s{sem_num=%u, sem_op=%d, sem_flg=", k ? ", " : "", (uint16_t)b[0], b[1]);
		if (!b[2])
			fputc('0', f);
		else
			fprintf(f, "%s%s", b[2] & 04000 ? "IPC_NOWAIT" : "", b[2] & 010000 ? (b[2] & 04000 ? "|SEM_UNDO" : "SEM_UNDO") : "");
		fputc('}', f);
	}
	fputc(']', f);
}

/* msgsnd's and msgrcv's struct msgbuf { long mtype; char mtext[size]; } */
void dec_msgbuf(FILE *f, const struct targ *g)
{
	int64_t type;
	if (!print_read(f, g->t, V(g), &type, 8))
		return;
	fprintf(f, "{mtype=%lld, mtext=", (long long)type);
	print_str(f, g->t, V(g) + 8, g->a[g->i + 1], print_strsize(g->t));
	fputc('}', f);
}

void dec_mpol_mode(FILE *f, const struct targ *g)
{
	int mode;
	if (!print_read(f, g->t, V(g), &mode, 4))
		return;
	fputc('[', f);
	xlat_print(f, xl_mpol_modes, (uint32_t)mode, "%#llx");
	fputc(']', f);
}

void dec_ptrval(FILE *f, const struct targ *g)
{
	uint64_t p;
	if (print_read(f, g->t, V(g), &p, 8))
		fprintf(f, "[%#llx]", (unsigned long long)p);
}

void dec_sizeval(FILE *f, const struct targ *g)
{
	uint64_t n;
	if (print_read(f, g->t, V(g), &n, 8))
		fprintf(f, "[%llu]", (unsigned long long)n);
}

static void ipc_perm(FILE *f, const struct ipc_perm *p)
{
	fprintf(f, "{uid=%u, gid=%u, mode=%#03o, key=%d, cuid=%u, cgid=%u}", p->uid, p->gid, p->mode & 0777,
		p->__key, p->cuid, p->cgid);
}

/* shmctl's, msgctl's and semctl's buffer: the struct IPC_STAT fills and
 * IPC_SET reads (the same on both 64-bit ABIs as the host's), an address
 * or NULL for the other commands */
void dec_ipc_buf(FILE *f, const struct targ *g)
{
	uint64_t cmd = g->a[g->i - 1];
	uint8_t k = g->kinds[g->i];
	union { struct shmid_ds shm; struct msqid_ds msq; struct semid_ds sem; } u;
	size_t size = k == K_SHM_BUF ? sizeof(u.shm) : k == K_MSQ_BUF ? sizeof(u.msq) : sizeof(u.sem);
	if ((cmd != IPC_STAT && cmd != IPC_SET) || !print_read(f, g->t, V(g), &u, size)) {
		if (cmd != IPC_STAT && cmd != IPC_SET)
			print_ptr(f, V(g));
		return;
	}
	if (k == K_SHM_BUF) {
		fputs("{shm_perm=", f);
		ipc_perm(f, &u.shm.shm_perm);
		fprintf(f, ", shm_segsz=%zu, shm_cpid=%d, shm_lpid=%d, shm_nattch=%lu, shm_atime=%ld, shm_dtime=%ld, "
			"shm_ctime=%ld}", u.shm.shm_segsz, u.shm.shm_cpid, u.shm.shm_lpid, (unsigned long)u.shm.shm_nattch,
			(long)u.shm.shm_atime, (long)u.shm.shm_dtime, (long)u.shm.shm_ctime);
	} else if (k == K_MSQ_BUF) {
		fputs("{msg_perm=", f);
		ipc_perm(f, &u.msq.msg_perm);
		fprintf(f, ", msg_stime=%ld, msg_rtime=%ld, msg_ctime=%ld, msg_qnum=%lu, msg_qbytes=%lu, msg_lspid=%d, "
			"msg_lrpid=%d}", (long)u.msq.msg_stime, (long)u.msq.msg_rtime, (long)u.msq.msg_ctime,
			(unsigned long)u.msq.msg_qnum, (unsigned long)u.msq.msg_qbytes, u.msq.msg_lspid, u.msq.msg_lrpid);
	} else {
		fputs("{sem_perm=", f);
		ipc_perm(f, &u.sem.sem_perm);
		fprintf(f, ", sem_otime=%ld, sem_ctime=%ld, sem_nsems=%lu}", (long)u.sem.sem_otime,
			(long)u.sem.sem_ctime, (unsigned long)u.sem.sem_nsems);
	}
}

/* struct mq_attr { long mq_flags, mq_maxmsg, mq_msgsize, mq_curmsgs; } */
void dec_mq_attr(FILE *f, const struct targ *g)
{
	int64_t m[4];
	if (print_read(f, g->t, V(g), m, sizeof(m)))
		fprintf(f, "{mq_flags=%s, mq_maxmsg=%lld, mq_msgsize=%lld, mq_curmsgs=%lld}",
			m[0] & 04000 ? "O_NONBLOCK" : "0", (long long)m[1], (long long)m[2], (long long)m[3]);
}

/* struct sched_attr, as far as its size says */
void dec_sched_attr(FILE *f, const struct targ *g)
{
	struct { uint32_t size, policy; uint64_t flags; int32_t nice; uint32_t prio; uint64_t runtime, deadline,
		 period; uint32_t util_min, util_max; } s;
	memset(&s, 0, sizeof(s));
	if (!print_read(f, g->t, V(g), &s, 48))
		return;
	guest_read(g->t->process->mm, V(g) + 48, &s.util_min, 8);
	fprintf(f, "{size=%u, sched_policy=", s.size);
	xlat_print(f, xl_sched_policy, s.policy, "%#llx");
	fprintf(f, ", sched_flags=%s, sched_nice=%d, sched_priority=%u, sched_runtime=%llu, sched_deadline=%llu, "
		"sched_period=%llu", s.flags ? "?" : "0", s.nice, s.prio, (unsigned long long)s.runtime,
		(unsigned long long)s.deadline, (unsigned long long)s.period);
	if (s.size >= 56)
		fprintf(f, ", sched_util_min=%u, sched_util_max=%u", s.util_min, s.util_max);
	fputc('}', f);
}
