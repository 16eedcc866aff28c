#include "xlat.h"

#include <asm/prctl.h>
#include <fcntl.h>
#include <linux/mman.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* The guest ABI's values: the same on riscv64 and x86-64 for all of these. */
const struct xlat xl_open_flags[] = {
	/* strace's order; the kernel's O_LARGEFILE (the headers' is 0 on 64-bit) */
	X(O_WRONLY), X(O_RDWR), X(O_CREAT), X(O_EXCL), X(O_NOCTTY), X(O_TRUNC), X(O_APPEND),
	X(O_NONBLOCK), { 04010000, "O_SYNC" }, X(O_DSYNC), { 020000, "O_ASYNC" }, X(O_DIRECT),
	{ 0100000, "O_LARGEFILE" }, X(O_NOFOLLOW), X(O_NOATIME), X(O_CLOEXEC), X(O_PATH),
	{ 020200000, "O_TMPFILE" }, X(O_DIRECTORY), XEND,
};
const struct xlat xl_at_flags[] = {
	X(AT_SYMLINK_NOFOLLOW), X(AT_REMOVEDIR), X(AT_SYMLINK_FOLLOW), X(AT_NO_AUTOMOUNT),
	X(AT_EMPTY_PATH), X(AT_EACCESS), XEND,
};
const struct xlat xl_whence[] = { X(SEEK_SET), X(SEEK_CUR), X(SEEK_END), X(SEEK_DATA), X(SEEK_HOLE), XEND };
const struct xlat xl_prot[] = { X(PROT_READ), X(PROT_WRITE), X(PROT_EXEC), XEND };
const struct xlat xl_map_flags[] = {
	X(MAP_SHARED), X(MAP_PRIVATE), X(MAP_FIXED), X(MAP_ANONYMOUS), X(MAP_GROWSDOWN),
	X(MAP_DENYWRITE), X(MAP_EXECUTABLE), X(MAP_LOCKED), X(MAP_NORESERVE), X(MAP_POPULATE),
	X(MAP_NONBLOCK), X(MAP_STACK), X(MAP_HUGETLB), X(MAP_FIXED_NOREPLACE), XEND,
};
const struct xlat xl_mremap_flags[] = { X(MREMAP_MAYMOVE), X(MREMAP_FIXED), XEND };
const struct xlat xl_madvise[] = {
	X(MADV_NORMAL), X(MADV_RANDOM), X(MADV_SEQUENTIAL), X(MADV_WILLNEED), X(MADV_DONTNEED),
	X(MADV_FREE), X(MADV_REMOVE), X(MADV_DONTFORK), X(MADV_DOFORK), X(MADV_HUGEPAGE),
	X(MADV_NOHUGEPAGE), X(MADV_DONTDUMP), X(MADV_DODUMP), XEND,
};
const struct xlat xl_clocks[] = {
	X(CLOCK_REALTIME), X(CLOCK_MONOTONIC), X(CLOCK_PROCESS_CPUTIME_ID), X(CLOCK_THREAD_CPUTIME_ID),
	X(CLOCK_MONOTONIC_RAW), X(CLOCK_REALTIME_COARSE), X(CLOCK_MONOTONIC_COARSE), X(CLOCK_BOOTTIME),
	X(CLOCK_REALTIME_ALARM), X(CLOCK_BOOTTIME_ALARM), X(CLOCK_TAI), XEND,
};
const struct xlat xl_signals[] = {
	X(SIGHUP), X(SIGINT), X(SIGQUIT), X(SIGILL), X(SIGTRAP), X(SIGABRT), X(SIGBUS), X(SIGFPE),
	X(SIGKILL), X(SIGUSR1), X(SIGSEGV), X(SIGUSR2), X(SIGPIPE), X(SIGALRM), X(SIGTERM),
	X(SIGSTKFLT), X(SIGCHLD), X(SIGCONT), X(SIGSTOP), X(SIGTSTP), X(SIGTTIN), X(SIGTTOU),
	X(SIGURG), X(SIGXCPU), X(SIGXFSZ), X(SIGVTALRM), X(SIGPROF), X(SIGWINCH), X(SIGIO),
	X(SIGPWR), X(SIGSYS), XEND,
};
const struct xlat xl_sighow[] = { X(SIG_BLOCK), X(SIG_UNBLOCK), X(SIG_SETMASK), XEND };
const struct xlat xl_sa_flags[] = {
	{ 0x04000000, "SA_RESTORER" }, X(SA_ONSTACK), X(SA_RESTART), X(SA_NODEFER), X(SA_RESETHAND),
	X(SA_SIGINFO), X(SA_NOCLDSTOP), X(SA_NOCLDWAIT), XEND,
};
const struct xlat xl_fcntl[] = {
	X(F_DUPFD), X(F_GETFD), X(F_SETFD), X(F_GETFL), X(F_SETFL), X(F_GETLK), X(F_SETLK),
	X(F_SETLKW), X(F_SETOWN), X(F_GETOWN), X(F_SETSIG), X(F_GETSIG), X(F_OFD_GETLK),
	X(F_OFD_SETLK), X(F_OFD_SETLKW), X(F_SETLEASE), X(F_GETLEASE), X(F_DUPFD_CLOEXEC),
	X(F_SETPIPE_SZ), X(F_GETPIPE_SZ), X(F_ADD_SEALS), X(F_GET_SEALS), XEND,
};
const struct xlat xl_arch_prctl[] = {
	X(ARCH_SET_GS), X(ARCH_SET_FS), X(ARCH_GET_FS), X(ARCH_GET_GS), { 0x3001, "ARCH_CET_STATUS" },
	{ 0x1011, "ARCH_GET_CPUID" }, { 0x1012, "ARCH_SET_CPUID" }, XEND,
};
const struct xlat xl_random_flags[] = { X(GRND_NONBLOCK), X(GRND_RANDOM), X(GRND_INSECURE), XEND };
const struct xlat xl_timer_flags[] = { X(TIMER_ABSTIME), XEND };
const struct xlat xl_rlimits[] = {
	X(RLIMIT_CPU), X(RLIMIT_FSIZE), X(RLIMIT_DATA), X(RLIMIT_STACK), X(RLIMIT_CORE),
	X(RLIMIT_RSS), X(RLIMIT_NPROC), X(RLIMIT_NOFILE), X(RLIMIT_MEMLOCK), X(RLIMIT_AS),
	X(RLIMIT_LOCKS), X(RLIMIT_SIGPENDING), X(RLIMIT_MSGQUEUE), X(RLIMIT_NICE),
	X(RLIMIT_RTPRIO), X(RLIMIT_RTTIME), XEND,
};
const struct xlat xl_file_type[] = {
	X(S_IFREG), X(S_IFDIR), X(S_IFCHR), X(S_IFBLK), X(S_IFIFO), X(S_IFLNK), X(S_IFSOCK), XEND,
};
const struct xlat xl_ss_flags[] = { X(SS_ONSTACK), X(SS_DISABLE), XEND };
const struct xlat xl_access_modes[] = { X(R_OK), X(W_OK), X(X_OK), XEND };
const struct xlat xl_statx_mask[] = {
	{ 0x7ff, "STATX_BASIC_STATS" }, X(STATX_TYPE), X(STATX_MODE), X(STATX_NLINK), X(STATX_UID),
	X(STATX_GID), X(STATX_ATIME), X(STATX_MTIME), X(STATX_CTIME), X(STATX_INO), X(STATX_SIZE),
	X(STATX_BLOCKS), { 0x800, "STATX_BTIME" }, { 0x1000, "STATX_MNT_ID" }, { 0x2000, "STATX_DIOALIGN" },
	XEND,
};

const char *xlat_name(const struct xlat *t, uint64_t val)
{
	for (; t->name; t++)
		if (t->val == val)
			return t->name;
	return NULL;
}

void xlat_print(FILE *f, const struct xlat *t, uint64_t val, const char *fmt)
{
	const char *n = xlat_name(t, val);
	if (n)
		fputs(n, f);
	else
		fprintf(f, fmt, (unsigned long long)val);
}

void xlat_flags(FILE *f, const struct xlat *t, uint64_t val, const char *zero_name)
{
	int any = 0;
	if (!val) {
		fputs(zero_name ? zero_name : "0", f);
		return;
	}
	for (; t->name; t++) {
		/* multi-bit names (STATX_BASIC_STATS) only when all their bits are set */
		if (t->val && (val & t->val) == t->val) {
			fprintf(f, "%s%s", any ? "|" : "", t->name);
			val &= ~t->val;
			any = 1;
		}
	}
	if (val)
		fprintf(f, "%s%#llx", any ? "|" : "", (unsigned long long)val);
}
