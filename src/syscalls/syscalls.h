/* The syscall layer: one declaration per syscall in syscalls.def serves both
 * dispatch and (later) tracing; numbers come from the arch's table. */
#ifndef EMU_SYSCALLS_H
#define EMU_SYSCALLS_H

#include <errno.h>
#include <stdint.h>
#include <sys/mman.h>

#include "../task/sched.h"
#include "../task/task.h"

/* Classes, as strace's -e trace=%file ... */
enum {
	SC_FILE = 1, SC_DESC = 2, SC_MEMORY = 4, SC_PROCESS = 8,
	SC_SIGNAL = 16, SC_TIME = 32, SC_OTHER = 64, SC_NET = 128, SC_IPC = 256,
	SC_CREDS = 512, SC_STAT = 1024, SC_LSTAT = 2048, SC_FSTAT = 4096, SC_STATFS = 8192,
	SC_FSTATFS = 16384, SC_PURE = 32768, SC_CLOCK = 65536,
};

/* Argument and return kinds: how the tracer shows a value.  A leading O_
 * marks what the kernel writes, shown on return. */
enum arg_kind {
	K_INT, K_UINT, K_HEX, K_PTR, K_SIZE, K_OFF, K_FD, K_DIRFD, K_PATH,
	K_IBUF,			/* input buffer, length in the next argument */
	K_OBUF,			/* output buffer, the length is the return value */
	K_IOVEC, K_O_IOVEC, K_OFLAGS, K_MODE, K_ATFLAGS, K_WHENCE, K_PROT,
	K_MAPFLAGS, K_MREMAP_FLAGS, K_MADVICE, K_CLOCK, K_SIGNUM, K_SIGHOW,
	K_SIGSET, K_O_SIGSET, K_SIGACTION, K_O_SIGACTION, K_TIMESPEC,
	K_O_TIMESPEC, K_O_TIMEVAL, K_O_STAT, K_O_STATX, K_O_DIRENTS,
	K_O_PIPEFDS, K_O_UTSNAME, K_O_SYSINFO, K_RESOURCE, K_RLIMIT,
	K_O_RLIMIT, K_O_CPUSET, K_O_UINT, K_FCNTL_CMD, K_IOCTL_REQ,
	K_ARCH_PRCTL, K_RANDOM_FLAGS, K_TIMER_FLAGS, K_STACK, K_O_STACK,
	K_O_RANDOM,		/* random bytes: shown in hex, as strace does */
	/* sockets and event waits (trace/net.c) */
	K_AF, K_SOCKTYPE, K_SOCKFLAGS, K_SOCKPROTO,
	K_SOCKADDR,		/* input address, length in the next argument */
	K_O_SOCKADDR,		/* output address, length pointer in the next argument */
	K_IO_SOCKLEN,		/* socklen_t in and out */
	K_SOCKLEVEL, K_SOCKOPT, K_OPTVAL, K_MSGFLAGS, K_SHUT, K_EFD_FLAGS,
	K_EPOLL_FLAGS, K_EPOLL_OP, K_EPOLL_EVENT, K_O_EPOLL_EVENTS,
	K_FDSET,		/* an fd_set, of the first argument's size */
	K_MSGHDR, K_O_MSGHDR,	/* struct msghdr: sendmsg's, and recvmsg's on return */
	K_ACCESS,		/* access modes: F_OK or R_OK|W_OK|X_OK */
	K_STATX_MASK, K_O_STATFS, K_UMASK,
	K_FCNTL_ARG,		/* fcntl's third argument, as its command says */
	K_O_WSTATUS, K_WAIT_OPTS, K_O_RUSAGE, K_WHO,
	K_CLONE_FLAGS,		/* clone's flags: the whole call, named, as strace */
	K_FUTEX_OP,		/* futex's op: the arguments it uses, as strace */
	K_FUTEX_VAL3,
	K_ARGV, K_ENVP,		/* execve's arrays of strings */
	K_PRCTL_OP, K_ITIMER_WHICH, K_ITIMERVAL, K_O_ITIMERVAL, K_FADVICE,
	K_STATX_FLAGS,
	K_SIGFRAME,		/* rt_sigreturn's: the mask its frame restores */
	K_PIPE_FLAGS, K_O_CWD,
	K_POLLFDS,		/* poll's array, its length in the next argument */
	K_CLONE_ARGS,		/* clone3's struct, its size in the next argument */
	K_O_OPTVAL,
	/* named values and flags (kinds.c gives each its table) */
	K_RENAME_FLAGS, K_FLOCK_OP, K_FALLOC_MODE, K_MEMFD_FLAGS, K_CLOSE_RANGE_FLAGS,
	K_XATTR_FLAGS, K_INOTIFY_FLAGS, K_INOTIFY_MASK, K_SPLICE_FLAGS, K_MSYNC_FLAGS,
	K_MLOCKALL_FLAGS, K_MLOCK2_FLAGS, K_MEMBARRIER_CMD, K_TFD_FLAGS, K_TFD_SETTIME_FLAGS,
	K_PRIO_WHICH, K_SCHED_POLICY, K_PERSONALITY, K_IDTYPE, K_PIDFD_FLAGS, K_IPC_CMD,
	K_SHM_FLAGS, K_IPC_FLAGS, K_IPC_KEY, K_EPOLL_TIMEOUT,
	/* structs and arrays */
	K_UTIMENS, K_UTIMES, K_GIDS, K_O_GIDS, K_CAP_HEADER, K_CAP_DATA, K_O_CAP_DATA, K_O_TMS,
	K_SCHED_PARAM, K_O_SCHED_PARAM, K_CPUSET, K_SIGEVENT, K_O_TIMERID, K_ITIMERSPEC,
	K_O_ITIMERSPEC, K_IO_LOFF, K_PSELECT_MASK, K_TIMEVAL, K_XATTR_VAL, K_O_XATTR_VAL,
	K_O_XATTR_LIST, K_OPEN_HOW, K_DEV, K_PRCTL_ARG, K_O_SIGINFO, K_SIGINFO,
	K_IOCTL_ARG,		/* ioctl's third, as its request says */
	K_SKIP,			/* not shown: the high half of preadv2's offset */
	K_RWF_FLAGS, K_MMSG_SEND, K_MMSG_RECV,
	K_SEMBUF, K_MSGBUF, K_O_MSGBUF, K_MSG_FLAGS, K_PKEY_RIGHTS, K_MPOL_MODE, K_O_MPOL_MODE,
	K_O_PTRVAL, K_O_SIZEVAL, K_TIMEX,
	K_SHM_BUF, K_MSQ_BUF, K_SEM_ARG, K_O_MINCORE,	/* the IPC_STAT structs, mincore's vector */
	K_MQ_ATTR, K_O_MQ_ATTR, K_SCHED_ATTR, K_O_SCHED_ATTR, K_UNSHARE_FLAGS, K_MOUNT_FLAGS,
	K_UMOUNT_FLAGS, K_KCMP_TYPE, K_FAN_INIT_FLAGS, K_FAN_MARK_FLAGS, K_FAN_MASK,
	K_F64, K_F32,		/* a host call's double and float, as their bits */
	K_COUNT,
	/* returns */
	R_INT, R_FD, R_SIZE, R_ADDR, R_HEX, R_NONE,
	R_OCTAL,		/* umask's */
	R_FCNTL,		/* as fcntl's command says: a descriptor, flags, a number */
	R_POLL,			/* and (the revents), or (Timeout) */
	R_SELECT, R_PSELECT,	/* and (in [..], out [..], left {..}), or (Timeout) */
	R_SIGNAL, R_SCHED_POLICY, R_PERSONALITY, R_TIME_STATE,	/* a number and its name: "10 (SIGUSR1)" */
	R_VALUE,		/* a host call's number: no errno in it */
	R_F64, R_F32, R_VOID,	/* a host call's double, float, nothing */
};

struct syscall_desc {
	const char *name;
	long (*fn)(struct task *t, const uint64_t *a);
	unsigned cls;
	uint8_t ret;
	uint8_t nargs;
	uint8_t args[6];
};

#define SYSCALL_DEFINE(name) long sys_##name(struct task *t, const uint64_t *a)
#define SYSCALL(name, cls, ret, ...) SYSCALL_DEFINE(name);
#include "syscalls.def"
#undef SYSCALL

extern const struct syscall_desc syscall_table[];
extern const unsigned syscall_count;

/* Bind the arch's numbers to declarations (once per process). */
int syscall_setup(struct process *p);
/* The guest's syscall instruction, from the arch's hook: number and
 * arguments from the registers, the call, the result back. */
void syscall_trap(struct task *t);

/* A wait for descriptors or a signal (poll, select, epoll; syscalls/signal.c): with
 * the guest's mask set to the sigset at mask_addr (of mask_size bytes) if
 * not 0, host signals blocked while the pending set is looked at and let in
 * only by wait() itself, which gets the host mask to wait with; so a signal
 * in between is not lost. */
long wait_guarded(struct task *t, uint64_t mask_addr, uint64_t mask_size,
		  long (*wait)(void *arg, const sigset_t *host_mask), void *arg);

/* The guest's iovec array (same layout on both arches) as host iovecs,
 * each buffer checked for prot; *out is freed by the caller (fs.c). */
struct iovec;
long iov_in(struct task *t, uint64_t addr, uint64_t cnt, int prot, struct iovec **out);

/* The name of an ioctl request emu knows, or NULL (ioctl.c). */
/* An ioctl request emu knows: its name, how its argument goes (arg: NONE,
 * VAL, IN, OUT, INOUT; -1 for one emu does not know) and what it points to. */
enum ioctl_arg { IOCTL_NONE, IOCTL_VAL, IOCTL_IN, IOCTL_OUT, IOCTL_INOUT };
const char *ioctl_name(unsigned int req, int *arg, unsigned *size);

/* A thread ends: mark the robust futexes it still holds (sync.c). */
void futex_robust_exit(struct task *t);

/* A host call that may block, in a handler (t in scope): returns -EINTR
 * instead of blocking once a signal for this task has come (task/task.h). */
#define SAFE_SYSCALL(nr, ...) safe_syscall_n(&t->interrupted, nr, __VA_ARGS__, 0, 0, 0, 0, 0)
#define safe_syscall_n(flag, nr, a1, a2, a3, a4, a5, a6, ...) \
	safe_syscall(flag, nr, (long)(a1), (long)(a2), (long)(a3), (long)(a4), (long)(a5), (long)(a6))

/* Internal errno, as the kernel's: EINTR if a handler runs, else the call
 * is made again (sigsuspend, pause).  Never reaches the guest. */
#define ERESTARTNOHAND 514

/* Checked guest pointers in handlers (t in scope), returning -EFAULT:
 * a NUL-terminated string; a buffer of len bytes (NULL stays NULL, which
 * is an error unless len is 0); an optional pointer to one type (NULL
 * stays NULL). */
#define GUEST_STR(var, addr)                               \
	const char *var = guest_str(t->process->mm, (addr));       \
	if (!var)                                          \
		return -EFAULT

#define GUEST_BUF(var, addr, len, prot)                                       \
	void *var = (addr) ? guest_ptr(t->process->mm, (addr), (len), (prot)) : NULL; \
	if (!var && (len) != 0)                                               \
		return -EFAULT

/* An optional buffer: NULL stays NULL whatever len is (the kernel's
 * "may be NULL" arguments). */
#define GUEST_OPT(var, addr, len, prot)                                       \
	void *var = (addr) ? guest_ptr(t->process->mm, (addr), (len), (prot)) : NULL; \
	if ((addr) && !var)                                                   \
		return -EFAULT

#define GUEST_OUT(var, addr, type)                                                     \
	type *var = (addr) ? guest_ptr(t->process->mm, (addr), sizeof(type), PROT_READ | PROT_WRITE) \
			   : NULL;                                                     \
	if ((addr) && !var)                                                            \
		return -EFAULT

/* The same for arguments the handler hands to the host kernel and never
 * touches itself: no early EFAULT, the host kernel decides in its own
 * order (mm.h: guest_pass). */
#define PASS_BUF(var, addr, len, prot) void *var = guest_pass(t->process->mm, (addr), (len), (prot))
#define PASS_STR(var, addr) const char *var = guest_pass_str(t->process->mm, (addr))

/* Host result to guest result: -1/errno becomes -errno. */
static inline long host_ret(long r)
{
	return r < 0 ? -errno : r;
}

/* The host's raw syscall, its result as the guest's (needs <sys/syscall.h>
 * and <unistd.h>): for calls that are the host's on the same arguments. */
#define RAW(nr, ...) host_ret(syscall(nr, __VA_ARGS__))

#endif
