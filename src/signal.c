/* Signals, kernel side.  Delivery happens only in the run loop, with the CPU
 * stopped: a syscall or a host signal that makes a signal deliverable stops
 * the CPU, and the loop builds the arch's frame and restarts it at the
 * handler.  Nothing here touches registers from inside a hook. */
#include "signal.h"

#include "thread.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <time.h>
#include <string.h>
#include <unistd.h>

static struct guest *host_guest;	/* the guest host signals go to */

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

static bool ignored(const struct guest *g, int sig)
{
	uint64_t h = g->sigact[sig].handler;
	return h == (uint64_t)SIG_IGN || (h == (uint64_t)SIG_DFL && default_action(sig) == IGN);
}

void signal_send(struct guest *g, int sig, const struct guest_siginfo *info)
{
	/* async-signal-safe: plain stores and one atomic or */
	if (sig < 1 || sig > 64)
		return;
	g->siginfo[sig] = *info;
	__atomic_fetch_or(&g->pending, SIGBIT(sig), __ATOMIC_SEQ_CST);
}

void signal_force(struct guest *g, int sig, const struct guest_siginfo *info)
{
	if ((g->sigmask & SIGBIT(sig)) || g->sigact[sig].handler == (uint64_t)SIG_IGN) {
		g->sigmask &= ~SIGBIT(sig);
		g->sigact[sig].handler = (uint64_t)SIG_DFL;
	}
	signal_send(g, sig, info);
}

bool signal_deliverable(const struct guest *g)
{
	return (g->pending & ~g->sigmask) != 0;
}

bool signal_restart(const struct guest *g)
{
	/* EINTR reaches the guest only for a signal that runs a handler
	 * without SA_RESTART; anything else interrupted the host call alone. */
	uint64_t d = g->pending & ~g->sigmask;
	for (int sig = 1; sig <= 64; sig++)
		if ((d & SIGBIT(sig)) && !ignored(g, sig) &&
		    g->sigact[sig].handler != (uint64_t)SIG_DFL && !(g->sigact[sig].flags & SA_RESTART))
			return false;
	return true;
}

bool signal_handler_pending(const struct guest *g)
{
	uint64_t d = g->pending & ~g->sigmask;
	for (int sig = 1; sig <= 64; sig++)
		if ((d & SIGBIT(sig)) && !ignored(g, sig) && g->sigact[sig].handler != (uint64_t)SIG_DFL)
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

static uint64_t altstack_top(struct guest *g, const struct guest_sigaction *sa)
{
	uint64_t ss_sp = g->altstack[0], ss_size = g->altstack[2], sp = g->arch->sp(g);
	bool disabled = (uint32_t)g->altstack[1] & SS_DISABLE;
	bool on = sp > ss_sp && sp <= ss_sp + ss_size;
	return (sa->flags & SA_ONSTACK) && !disabled && !on ? ss_sp + ss_size : 0;
}

void signal_deliver(struct guest *g)
{
	uint64_t set = g->pending & ~g->sigmask;
	if (!set)
		return;
	int sig = next_signal(set);
	__atomic_fetch_and(&g->pending, ~SIGBIT(sig), __ATOMIC_SEQ_CST);
	struct guest_sigaction *sa = &g->sigact[sig];
	if (ignored(g, sig))
		return;
	if (sa->handler == (uint64_t)SIG_DFL) {
		if (default_action(sig) == STOP)
			kill(getpid(), SIGSTOP);	/* the guest stops, so emu does */
		else
			g->killed_by = sig;
		return;
	}
	uint64_t mask = g->have_saved_mask ? g->saved_mask : g->sigmask;
	g->have_saved_mask = false;
	if (g->arch->signal_frame(g, sig, &g->siginfo[sig], sa, mask, altstack_top(g, sa))) {
		/* no room for the frame: the kernel's force_sigsegv */
		g->killed_by = SIGSEGV;
		return;
	}
	g->sigmask |= sa->mask | (sa->flags & SA_NODEFER ? 0 : SIGBIT(sig));
	g->sigmask &= ~(SIGBIT(SIGKILL) | SIGBIT(SIGSTOP));
	if (sa->flags & SA_RESETHAND)
		sa->handler = (uint64_t)SIG_DFL;
}

static const int forwarded[] = {
	SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGPIPE, SIGALRM, SIGTERM, SIGCHLD, SIGCONT,
	SIGTSTP, SIGTTIN, SIGTTOU, SIGURG, SIGXCPU, SIGXFSZ, SIGVTALRM, SIGPROF, SIGWINCH, SIGIO,
	SIGPWR, SIGSYS,
};

static void on_host_signal(int sig, siginfo_t *si, void *uctx)
{
	struct guest_siginfo info = { si->si_code, si->si_pid, si->si_uid, 0 };
	if (!host_guest)
		return;
	/* process-directed: the first thread that does not block it */
	struct guest *t = thread_for_signal(host_guest->proc, sig);
	signal_send(t, sig, &info);
	thread_kick(thread_self(), t);	/* its run loop delivers it */
	if (t == thread_self())
		safe_syscall_rewind(uctx);
}

void signal_host_init(struct guest *g)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_host_signal;
	sa.sa_flags = SA_SIGINFO;	/* no SA_RESTART: blocking calls must return */
	sigfillset(&sa.sa_mask);
	host_guest = g;
	for (size_t i = 0; i < sizeof(forwarded) / sizeof(forwarded[0]); i++)
		sigaction(forwarded[i], &sa, NULL);
	for (int sig = SIGRTMIN; sig <= SIGRTMAX; sig++)
		if (sig != KICK_SIGNAL)
			sigaction(sig, &sa, NULL);
}

int signal_wait(struct guest *g, uint64_t mask, const struct timespec *timeout)
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
	while (!(g->pending & ~mask)) {
		if (timeout) {
			clock_gettime(CLOCK_MONOTONIC, &now);
			int64_t ns = (timeout->tv_sec - (now.tv_sec - t0.tv_sec)) * 1000000000LL +
				     timeout->tv_nsec - (now.tv_nsec - t0.tv_nsec);
			if (ns <= 0) {
				r = -EAGAIN;
				break;
			}
			left.tv_sec = ns / 1000000000LL;
			left.tv_nsec = ns % 1000000000LL;
			ppoll(NULL, 0, &left, &old);
		} else {
			sigsuspend(&old);
		}
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	return r;
}
