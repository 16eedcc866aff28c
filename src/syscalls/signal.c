/* The signal syscalls: dispositions, masks, the alternate stack, sending,
 * waiting, timers.  Delivery itself is task/signal.c's. */
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

#include "../arch/siginfo.h"
#include "../task/signal.h"
#include "../task/task.h"
#include "syscalls.h"


SYSCALL_DEFINE(rt_sigaction)
{
	int sig = a[0];
	if (sig < 1 || sig > NSIG_GUEST || a[3] != 8)
		return -EINVAL;
	if (a[1] && (sig == SIGKILL || sig == SIGSTOP))
		return -EINVAL;
	/* kernel struct sigaction: handler, flags, [restorer], mask */
	size_t words = t->process->arch->sa_restorer ? 4 : 3;
	uint64_t in[4] = { 0 }, out[4] = { 0 };
	struct guest_sigaction *sa = &t->sighand->action[sig];
	out[0] = sa->handler;
	out[1] = sa->flags;
	if (words == 4)
		out[2] = sa->restorer;
	out[words - 1] = sa->mask;
	if (a[1] && guest_read(t->process->mm, a[1], in, words * 8))
		return -EFAULT;
	if (a[2] && guest_write(t->process->mm, a[2], out, words * 8))
		return -EFAULT;
	if (a[1]) {
		sa->handler = in[0];
		sa->flags = in[1];
		sa->restorer = words == 4 ? in[2] : 0;
		sa->mask = in[words - 1];
		signal_action_changed(t, sig);
	}
	return 0;
}

SYSCALL_DEFINE(rt_sigprocmask)
{
	uint64_t set = 0, old = t->sigmask;
	const uint64_t unblockable = (1ULL << (SIGKILL - 1)) | (1ULL << (SIGSTOP - 1));
	if (a[3] != 8)
		return -EINVAL;
	if (a[1] && guest_read(t->process->mm, a[1], &set, 8))
		return -EFAULT;
	if (a[1]) {
		switch (a[0]) {
		case SIG_BLOCK: t->sigmask |= set; break;
		case SIG_UNBLOCK: t->sigmask &= ~set; break;
		case SIG_SETMASK: t->sigmask = set; break;
		default: return -EINVAL;
		}
		t->sigmask &= ~unblockable;
	}
	if (a[2] && guest_write(t->process->mm, a[2], &old, 8))
		return -EFAULT;
	return 0;
}

#define MINSIGSTKSZ_ 2048	/* the kernel's MINSIGSTKSZ on both arches */
#define SS_AUTODISARM_ (1U << 31)

/* As kernel/signal.c's do_sigaltstack: the new stack read and checked
 * (EINVAL for a mode, ENOMEM below MINSIGSTKSZ, EPERM while on it), then
 * the old one written out. */
SYSCALL_DEFINE(sigaltstack)
{
	/* stack_t: ss_sp, ss_flags (int, padded), ss_size: 24 bytes on both */
	uint64_t ss[3], old[3];
	memcpy(old, t->altstack, sizeof(old));
	if (a[0]) {
		if (guest_read(t->process->mm, a[0], ss, sizeof(ss)))
			return -EFAULT;
		uint64_t sp = t->process->arch->sp(t);
		if (!(old[1] & SS_DISABLE) && sp - old[0] < old[2])
			return -EPERM;	/* on it now */
		unsigned mode = (unsigned)ss[1] & ~SS_AUTODISARM_;
		if (mode != SS_DISABLE && mode != SS_ONSTACK && mode != 0)
			return -EINVAL;
		if (mode == SS_DISABLE)
			ss[0] = ss[2] = 0;
		else if (ss[2] < MINSIGSTKSZ_)
			return -ENOMEM;
		ss[1] = (uint32_t)ss[1];
		memcpy(t->altstack, ss, sizeof(ss));
	}
	if (a[1] && guest_write(t->process->mm, a[1], old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* kill and friends: to itself, the signal becomes pending and is delivered
 * when the call returns; to another process it is a real host signal. */
static long send(struct task *t, int pid, int sig, int code)
{
	/* another's: the host kernel looks for it first (ESRCH), then at sig */
	if (pid != getpid() && pid != 0)
		return host_ret(kill(pid, sig));
	if (sig < 0 || sig > NSIG_GUEST)
		return -EINVAL;
	if (sig == 0)
		return 0;
	struct guest_siginfo info = { .code = code, .pid = getpid(), .uid = (int)getuid(), .addr = 0 };
	struct task *to = task_for_signal(t->process, sig);
	signal_send(to, sig, &info);
	if (to != t)
		task_kick(t, to);
	return 0;
}

/* To one thread of ours (tid), or a real signal to another process's. */
static long send_thread(struct task *t, pid_t tgid, pid_t tid, int sig)
{
	/* the kernel's order: the ids, the thread (ESRCH), then sig */
	if (tid <= 0)
		return -EINVAL;
	struct task *to = task_by_tid(t->process, tid);
	if (!to || (tgid > 0 && tgid != getpid()))
		return to ? -ESRCH : host_ret(tgid ? syscall(SYS_tgkill, tgid, tid, sig) : syscall(SYS_tkill, tid, sig));
	if (sig < 0 || sig > NSIG_GUEST)
		return -EINVAL;
	if (sig == 0)
		return 0;
	struct guest_siginfo info = { .code = SI_TKILL, .pid = getpid(), .uid = (int)getuid(), .addr = 0 };
	signal_send(to, sig, &info);
	if (to != t)
		task_kick(t, to);
	return 0;
}

/* rt_sigqueueinfo and rt_tgsigqueueinfo: a signal with the siginfo the
 * caller wrote (sigqueue's value), the kernel's rule for who may forge
 * which si_code; to another process it is the host's call. */
static long queue(struct task *t, pid_t tgid, pid_t tid, int sig, uint64_t uinfo)
{
	uint8_t si[128];
	/* the kernel's order: the siginfo copied, who may forge it, the
	 * process or thread, then sig */
	if (guest_read(t->process->mm, uinfo, si, sizeof(si)))
		return -EFAULT;
	int code;
	memcpy(&code, si + 8, 4);
	bool ours = tgid == getpid();
	if ((code >= 0 || code == SI_TKILL) && !ours)
		return -EPERM;
	if (!ours)
		return tid ? host_ret(syscall(SYS_rt_tgsigqueueinfo, tgid, tid, sig, si))
			   : host_ret(syscall(SYS_rt_sigqueueinfo, tgid, sig, si));
	struct task *to = tid ? task_by_tid(t->process, tid) : task_for_signal(t->process, sig);
	if (!to)
		return -ESRCH;
	if (sig < 0 || sig > NSIG_GUEST)
		return -EINVAL;
	if (sig == 0)
		return 0;
	struct guest_siginfo info = { .code = code, .has_union = true };
	memcpy(info.union_bytes, si + 16, sizeof(info.union_bytes));
	signal_send(to, sig, &info);
	if (to != t)
		task_kick(t, to);
	return 0;
}

SYSCALL_DEFINE(rt_sigqueueinfo)   { return queue(t, a[0], 0, a[1], a[2]); }
SYSCALL_DEFINE(rt_tgsigqueueinfo) { return queue(t, a[0], a[1], a[2], a[3]); }

SYSCALL_DEFINE(kill)
{
	return send(t, a[0], a[1], SI_USER);
}

SYSCALL_DEFINE(tkill)
{
	return send_thread(t, 0, a[0], a[1]);
}

SYSCALL_DEFINE(tgkill)
{
	if ((int)a[0] <= 0)
		return -EINVAL;
	return send_thread(t, a[0], a[1], a[2]);
}

SYSCALL_DEFINE(rt_sigreturn)
{
	uint64_t mask, ret = 0;
	t->sigreturn = true;	/* the run loop restores the frame */
	/* what the interrupted code gets back, as the kernel returns it (the
	 * restore writes it again; the tracer shows it) */
	t->process->arch->sigframe_peek(t, &mask, &ret);
	return ret;
}

SYSCALL_DEFINE(rt_sigpending)
{
	uint64_t set = t->pending;
	if (a[1] > 8)
		return -EINVAL;
	return guest_write(t->process->mm, a[0], &set, a[1]);
}

SYSCALL_DEFINE(rt_sigsuspend)
{
	uint64_t mask;
	if (a[1] != 8)
		return -EINVAL;
	if (guest_read(t->process->mm, a[0], &mask, 8))
		return -EFAULT;
	t->saved_mask = t->sigmask;
	t->have_saved_mask = true;
	t->sigmask = mask & ~(SIGBIT(SIGKILL) | SIGBIT(SIGSTOP));
	signal_wait(t, t->sigmask, NULL);
	return -ERESTARTNOHAND;
}

SYSCALL_DEFINE(pause)
{
	signal_wait(t, t->sigmask, NULL);
	return -ERESTARTNOHAND;
}

SYSCALL_DEFINE(rt_sigtimedwait)
{
	uint64_t set;
	struct timespec ts;
	if (a[3] != 8)
		return -EINVAL;
	if (guest_read(t->process->mm, a[0], &set, 8) || (a[2] && guest_read(t->process->mm, a[2], &ts, sizeof(ts))))
		return -EFAULT;
	set &= ~(SIGBIT(SIGKILL) | SIGBIT(SIGSTOP));
	if (!(t->pending & set) && signal_wait(t, ~set, a[2] ? &ts : NULL))
		return -EAGAIN;
	int sig = __builtin_ctzll(t->pending & set) + 1;
	__atomic_fetch_and(&t->pending, ~SIGBIT(sig), __ATOMIC_SEQ_CST);
	if (a[1]) {
		struct kernel_siginfo64 si;
		siginfo_fill(&si, sig, &t->siginfo[sig]);
		if (guest_write(t->process->mm, a[1], &si, sizeof(si)))
			return -EFAULT;
	}
	return sig;
}

/* Interval timers: the host's, whose SIGALRM comes back as the guest's. */
SYSCALL_DEFINE(setitimer)
{
	struct itimerval in = { 0 }, out;	/* one layout on both 64-bit ABIs */
	if (a[1] && guest_read(t->process->mm, a[1], &in, sizeof(in)))	/* NULL: disarm */
		return -EFAULT;
	if (setitimer(a[0], &in, &out) < 0)
		return -errno;
	return a[2] ? guest_write(t->process->mm, a[2], &out, sizeof(out)) : 0;
}

SYSCALL_DEFINE(getitimer)
{
	struct itimerval out;
	if (getitimer(a[0], &out) < 0)
		return -errno;
	return guest_write(t->process->mm, a[1], &out, sizeof(out));
}

SYSCALL_DEFINE(alarm)
{
	return alarm(a[0]);
}

long wait_guarded(struct task *t, uint64_t mask_addr, uint64_t mask_size,
		  long (*wait)(void *arg, const sigset_t *host_mask), void *arg)
{
	uint64_t mask;
	if (mask_addr) {
		if (mask_size != 8)
			return -EINVAL;
		if (guest_read(t->process->mm, mask_addr, &mask, 8))
			return -EFAULT;
		t->saved_mask = t->sigmask;
		t->have_saved_mask = true;
		t->sigmask = mask & ~(SIGBIT(SIGKILL) | SIGBIT(SIGSTOP));
	}
	sigset_t all, old;
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	long r = signal_deliverable(t) ? -EINTR : wait(arg, &old);
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (mask_addr && r != -EINTR) {
		t->sigmask = t->saved_mask;
		t->have_saved_mask = false;
	}
	/* EINTR only if a handler runs, as the kernel's -ERESTARTNOHAND */
	return r == -EINTR ? -ERESTARTNOHAND : r;
}

struct poll_args { struct pollfd *fds; uint64_t n; const struct timespec *tmo; };

static long host_ppoll(void *arg, const sigset_t *mask)
{
	struct poll_args *p = arg;
	return host_ret(ppoll(p->fds, p->n, p->tmo, mask));
}

static long do_poll(struct task *t, uint64_t fds_addr, uint64_t n, const struct timespec *tmo,
		    uint64_t mask_addr, uint64_t mask_size)
{
	/* as do_sys_poll: too many is EINVAL before the array is read */
	struct rlimit nofile;
	n = (unsigned)n;
	if (!getrlimit(RLIMIT_NOFILE, &nofile) && n > nofile.rlim_cur)
		return -EINVAL;
	struct poll_args p = { guest_ptr(t->process->mm, fds_addr, n * sizeof(*p.fds), PROT_READ | PROT_WRITE),
			       n, tmo };
	if (!p.fds && n)
		return -EFAULT;
	return wait_guarded(t, mask_addr, mask_size, host_ppoll, &p);
}

SYSCALL_DEFINE(poll)
{
	struct timespec ts = { (int)a[2] / 1000, ((int)a[2] % 1000) * 1000000L };
	return do_poll(t, a[0], a[1], (int)a[2] < 0 ? NULL : &ts, 0, 0);
}

SYSCALL_DEFINE(ppoll)
{
	struct timespec ts;
	if (a[2] && guest_read(t->process->mm, a[2], &ts, sizeof(ts)))
		return -EFAULT;
	return do_poll(t, a[0], a[1], a[2] ? &ts : NULL, a[3], a[4]);
}
