/* Signals, kernel side.  Delivery happens only in the run loop, with the CPU
 * stopped: a syscall or a host signal that makes a signal deliverable stops
 * the CPU, and the loop builds the arch's frame and restarts it at the
 * handler.  Nothing here touches registers from inside a hook. */
#include "signal.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <time.h>
#include <string.h>
#include <unistd.h>

#include "../gdb/gdb.h"
#include "../trace/trace.h"
#include "process.h"
#include "task.h"

static struct process *host_process;	/* the process host signals go to */

enum action { TERM, CORE, IGN, STOP };

static enum action default_action(int sig)
{
	switch (sig) {
	case SIGCHLD: case SIGCONT: case SIGURG: case SIGWINCH:
		return IGN;
	case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
		return STOP;
	case SIGQUIT: case SIGILL: case SIGTRAP: case SIGABRT: case SIGBUS: case SIGFPE:
	case SIGSEGV: case SIGXCPU: case SIGXFSZ: case SIGSYS:
		return CORE;
	default:
		return TERM;
	}
}

static bool ignored(const struct task *t, int sig)
{
	uint64_t h = t->sighand->action[sig].handler;
	return h == (uint64_t)SIG_IGN || (h == (uint64_t)SIG_DFL && default_action(sig) == IGN);
}

void signal_send(struct task *t, int sig, const struct guest_siginfo *info)
{
	/* async-signal-safe: plain stores and one atomic or */
	if (sig < 1 || sig > 64)
		return;
	t->siginfo[sig] = *info;
	__atomic_fetch_or(&t->pending, SIGBIT(sig), __ATOMIC_SEQ_CST);
}

void signal_force(struct task *t, int sig, const struct guest_siginfo *info)
{
	if ((t->sigmask & SIGBIT(sig)) || t->sighand->action[sig].handler == (uint64_t)SIG_IGN) {
		t->sigmask &= ~SIGBIT(sig);
		t->sighand->action[sig].handler = (uint64_t)SIG_DFL;
	}
	signal_send(t, sig, info);
}

bool signal_deliverable(const struct task *t)
{
	return (t->pending & ~t->sigmask) != 0;
}

bool signal_restart(const struct task *t)
{
	/* EINTR reaches the guest only for a signal that runs a handler
	 * without SA_RESTART; anything else interrupted the host call alone. */
	uint64_t d = t->pending & ~t->sigmask;
	for (int sig = 1; sig <= 64; sig++)
		if ((d & SIGBIT(sig)) && !ignored(t, sig) &&
		    t->sighand->action[sig].handler != (uint64_t)SIG_DFL && !(t->sighand->action[sig].flags & SA_RESTART))
			return false;
	return true;
}

bool signal_handler_pending(const struct task *t)
{
	uint64_t d = t->pending & ~t->sigmask;
	for (int sig = 1; sig <= 64; sig++)
		if ((d & SIGBIT(sig)) && !ignored(t, sig) && t->sighand->action[sig].handler != (uint64_t)SIG_DFL)
			return true;
	return false;
}

/* Synchronous signals first, as the kernel's dequeue does, then the lowest. */
static int next_signal(uint64_t set)
{
	static const int sync[] = { SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGSYS };
	for (size_t i = 0; i < sizeof(sync) / sizeof(sync[0]); i++)
		if (set & SIGBIT(sync[i]))
			return sync[i];
	return __builtin_ctzll(set) + 1;
}

static uint64_t altstack_top(struct task *t, const struct guest_sigaction *sa)
{
	uint64_t ss_sp = t->altstack[0], ss_size = t->altstack[2], sp = t->process->arch->sp(t);
	bool disabled = (uint32_t)t->altstack[1] & SS_DISABLE;
	bool on = sp > ss_sp && sp <= ss_sp + ss_size;
	return (sa->flags & SA_ONSTACK) && !disabled && !on ? ss_sp + ss_size : 0;
}

void signal_deliver(struct task *t)
{
	uint64_t set = t->pending & ~t->sigmask;
	if (!set)
		return;
	int sig = next_signal(set);
	__atomic_fetch_and(&t->pending, ~SIGBIT(sig), __ATOMIC_SEQ_CST);
	if (t->process->gdb) {
		/* a traced task's signal goes to the debugger first */
		int to = gdb_signal(t, sig);
		if (to != sig && to)
			t->siginfo[to] = (struct guest_siginfo){ .code = SI_USER, .pid = getpid(), .uid = getuid() };
		if (!(sig = to))
			return;
	}
	struct guest_sigaction *sa = &t->sighand->action[sig];
	if (ignored(t, sig))
		return;
	if (t->process->cfg->trace.on)
		trace_signal(t, sig, &t->siginfo[sig]);
	if (sa->handler == (uint64_t)SIG_DFL) {
		if (default_action(sig) == STOP)
			kill(getpid(), SIGSTOP);	/* the guest stops, so emu does */
		else
			process_group_exit(t, 0, sig);
		return;
	}
	uint64_t mask = t->have_saved_mask ? t->saved_mask : t->sigmask;
	t->have_saved_mask = false;
	if (t->process->arch->signal_frame(t, sig, &t->siginfo[sig], sa, mask, altstack_top(t, sa))) {
		/* no room for the frame: the kernel's force_sigsegv */
		process_group_exit(t, 0, SIGSEGV);
		return;
	}
	t->sigmask |= sa->mask | (sa->flags & SA_NODEFER ? 0 : SIGBIT(sig));
	t->sigmask &= ~(SIGBIT(SIGKILL) | SIGBIT(SIGSTOP));
	if (sa->flags & SA_RESETHAND)
		sa->handler = (uint64_t)SIG_DFL;
}

static void on_host_signal(int sig, siginfo_t *si, void *uctx)
{
	struct guest_siginfo info = { si->si_code, si->si_pid, si->si_uid, 0, true, { 0 } };
	memcpy(info.union_bytes, (const uint8_t *)si + 16, sizeof(info.union_bytes));
	if (!__atomic_load_n(&host_process, __ATOMIC_ACQUIRE))
		return;
	/* a child's end, for one made with another exit signal: that signal
	 * (as the kernel's do_notify_parent sends it), or nothing */
	struct odd_child *odd = sig == SIGCHLD && (si->si_code == CLD_EXITED || si->si_code == CLD_KILLED ||
						  si->si_code == CLD_DUMPED)
				? process_odd_child(host_process, si->si_pid, -1) : NULL;
	if (odd && !(sig = odd->sig))
		return;
	/* process-directed: the first task that does not block it */
	struct task *to = task_for_signal(host_process, sig);
	/* ignored and not blocked: discarded where it is sent, as the
	 * kernel's sig_ignored() has it; no task need stop for it */
	if (!(to->sigmask & SIGBIT(sig)) && ignored(to, sig))
		return;
	signal_send(to, sig, &info);
	task_kick(task_self(), to);	/* its run loop delivers it */
	/* a blocking call of this thread ends for it only if it is let in:
	 * a blocked signal stays pending and stops nothing, as in the kernel */
	if (to == task_self() && !(to->sigmask & SIGBIT(sig)))
		safe_syscall_rewind(uctx);
}

/* A forwarded signal: every one a process can be sent but SIGKILL, SIGSTOP
 * and emu's own. */
static bool forwarded(int sig)
{
	return sig != SIGKILL && sig != SIGSTOP && sig != KICK_SIGNAL && sig != SIGSEGV &&
	       sig != SIGBUS && sig != SIGILL && sig != SIGFPE && sig != SIGTRAP && sig != SIGABRT &&
	       sig != SIGSTKFLT;
}

/* The host side of a disposition.  Every forwarded signal has emu's
 * handler, but some dispositions also change what the kernel does, so
 * the host's follows the guest's: SIGCHLD's with children (SIG_IGN and
 * SA_NOCLDWAIT reap them, SA_NOCLDSTOP sends nothing when they stop);
 * SIGTTIN's and SIGTTOU's with the terminal (ignored, a background
 * process's read is EIO and its tcsetpgrp or TOSTOP write goes through,
 * instead of the signal and ERESTARTSYS; Go ignores SIGTTOU to take the
 * foreground). */
static void host_disposition(int sig, const struct guest_sigaction *ga)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sigfillset(&sa.sa_mask);
	sa.sa_sigaction = on_host_signal;
	sa.sa_flags = SA_SIGINFO;	/* no SA_RESTART: blocking calls must return */
	if ((sig == SIGCHLD || sig == SIGTTIN || sig == SIGTTOU) && ga->handler == (uint64_t)SIG_IGN)
		sa.sa_handler = SIG_IGN, sa.sa_flags = 0;
	if (sig == SIGCHLD)
		sa.sa_flags |= ga->flags & (SA_NOCLDWAIT | SA_NOCLDSTOP);
	sigaction(sig, &sa, NULL);
}

void signal_action_changed(struct task *t, int sig)
{
	if (sig == SIGCHLD || sig == SIGTTIN || sig == SIGTTOU)
		host_disposition(sig, &t->sighand->action[sig]);
}

/* The terminal's other test is the calling thread's mask (is_ignored():
 * blocked counts as ignored): a host thread blocks SIGTTIN and SIGTTOU
 * while its guest thread does, checked before each syscall. */
void signal_sync_tty_mask(struct task *t)
{
	const uint64_t tty = SIGBIT(SIGTTIN) | SIGBIT(SIGTTOU);
	uint64_t want = t->sigmask & tty;
	if (want == t->host_tty_mask)
		return;
	sigset_t block, unblock;
	sigemptyset(&block);
	sigemptyset(&unblock);
	for (int sig = SIGTTIN; sig <= SIGTTOU; sig++)
		sigaddset(want & SIGBIT(sig) ? &block : &unblock, sig);
	pthread_sigmask(SIG_BLOCK, &block, NULL);
	pthread_sigmask(SIG_UNBLOCK, &unblock, NULL);
	t->host_tty_mask = want;
}

/* The guest is done and its process is going: a host signal from now on
 * does to emu what it would do to a process that is exiting (its default
 * action), and no handler looks at the tasks being freed. */
void signal_host_done(void)
{
	__atomic_store_n(&host_process, NULL, __ATOMIC_RELEASE);
	for (int sig = 1; sig <= NSIG_GUEST; sig++)
		if (forwarded(sig) && sig != SIGCHLD)
			signal(sig, SIG_DFL);
}

void signal_host_init(struct task *t)
{
	/* What the guest starts with is what emu was started with, as a
	 * program's own process would have it after execve: the signal mask,
	 * and the signals ignored (process_exec leaves both to a new emu). */
	sigset_t start;
	pthread_sigmask(SIG_SETMASK, NULL, &start);
	struct sigaction old;
	host_process = t->process;
	for (int sig = 1; sig <= NSIG_GUEST; sig++) {
		if (sig != KICK_SIGNAL && sigismember(&start, sig) == 1)
			t->sigmask |= SIGBIT(sig);
		if (sig == SIGKILL || sig == SIGSTOP || sig == KICK_SIGNAL || sigaction(sig, NULL, &old))
			continue;
		if (old.sa_handler == SIG_IGN)
			t->sighand->action[sig].handler = (uint64_t)SIG_IGN;
		if (forwarded(sig))
			host_disposition(sig, &t->sighand->action[sig]);
	}
	t->sigmask &= ~(SIGBIT(SIGKILL) | SIGBIT(SIGSTOP));
	/* emu itself takes every signal it forwards; the guest's mask decides */
	sigset_t none;
	sigemptyset(&none);
	pthread_sigmask(SIG_SETMASK, &none, NULL);
}

int signal_wait(struct task *t, uint64_t mask, const struct timespec *timeout)
{
	/* Host signals are blocked while the pending set is looked at, and
	 * unblocked only inside the wait, so none slips between the two. */
	sigset_t all, old;
	struct timespec left, t0, now;
	if (timeout) {
		left = *timeout;
		clock_gettime(CLOCK_MONOTONIC, &t0);
	}
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	int r = 0;
	while (!(t->pending & ~mask)) {
		if (timeout) {
			/* left = timeout - elapsed, in timespecs: a timeout of
			 * any size, no overflow */
			clock_gettime(CLOCK_MONOTONIC, &now);
			left.tv_sec = timeout->tv_sec - (now.tv_sec - t0.tv_sec);
			left.tv_nsec = timeout->tv_nsec - (now.tv_nsec - t0.tv_nsec);
			while (left.tv_nsec < 0) {
				left.tv_nsec += 1000000000L;
				left.tv_sec--;
			}
			while (left.tv_nsec >= 1000000000L) {
				left.tv_nsec -= 1000000000L;
				left.tv_sec++;
			}
			if (left.tv_sec < 0 || (left.tv_sec == 0 && left.tv_nsec == 0)) {
				r = -EAGAIN;
				break;
			}
			ppoll(NULL, 0, &left, &old);
		} else {
			sigsuspend(&old);
		}
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	return r;
}
