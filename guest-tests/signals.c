/* Signal delivery: handlers with siginfo, faults caught and left with
 * siglongjmp, masks and pending sets, the alternate stack, timers, restarted
 * and interrupted syscalls, and registers intact across a handler. */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <unistd.h>

#include "check.h"

static volatile sig_atomic_t hits;
static volatile int last_sig, last_code;
static void *volatile last_addr;
static volatile pid_t last_pid;
static sigjmp_buf back;
static char *volatile alt_lo, *volatile alt_hi;
static volatile int on_alt;
static int pipefd[2];

static void on_info(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	hits++;
	last_sig = sig;
	last_code = si->si_code;
	last_pid = si->si_pid;
	last_addr = si->si_addr;
}

static void on_fault(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	last_sig = sig;
	last_code = si->si_code;
	last_addr = si->si_addr;
	siglongjmp(back, 1);
}

static void on_alt_stack(int sig)
{
	char here;
	(void)sig;
	on_alt = &here > alt_lo && &here < alt_hi;
}

static void on_alarm_write(int sig)
{
	(void)sig;
	hits++;
	if (write(pipefd[1], "x", 1) != 1)
		abort();
}

static void busy_fp(int sig)
{
	volatile double x = 1.0;
	(void)sig;
	for (int i = 0; i < 100; i++)
		x = x * 1.5 + 0.25;
	hits++;
}

static void install(int sig, void (*fn)(int, siginfo_t *, void *), int flags)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fn;
	sa.sa_flags = SA_SIGINFO | flags;
	sigaction(sig, &sa, NULL);
}

static void install_plain(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigaction(sig, &sa, NULL);
}

static int fault_caught(void (*poke)(void), int sig)
{
	install(sig, on_fault, 0);
	last_sig = 0;
	if (sigsetjmp(back, 1) == 0)
		poke();
	return last_sig == sig;
}

static void null_store(void) { *(volatile int *)0 = 1; }
static char *volatile ro_page;
static void ro_store(void) { *ro_page = 1; }
static void ro_store_mid(void) { ro_page[1234] = 1; }
static void wild_load(void) { (void)*(volatile long *)0x18; }
static void illegal(void)
{
#if defined(__x86_64__)
	__asm__ volatile("ud2");
#else
	__asm__ volatile(".word 0");
#endif
}
static void breakpoint(void)
{
#if defined(__x86_64__)
	__asm__ volatile("int3");
#else
	__asm__ volatile("ebreak");
#endif
}

int main(void)
{
	/* a handler with siginfo, from raise (tgkill) and kill */
	install(SIGUSR1, on_info, 0);
	CHECK(raise(SIGUSR1) == 0 && hits == 1 && last_sig == SIGUSR1);
	CHECK(last_code == SI_TKILL && last_pid == getpid());
	CHECK(kill(getpid(), SIGUSR1) == 0 && hits == 2 && last_code == SI_USER);

	/* faults become signals a handler can leave with siglongjmp */
	CHECK(fault_caught(null_store, SIGSEGV) && last_code == SEGV_MAPERR && last_addr == NULL);
	ro_page = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(fault_caught(ro_store, SIGSEGV) && last_code == SEGV_ACCERR && last_addr == ro_page);
	CHECK(fault_caught(ro_store_mid, SIGSEGV) && last_addr == ro_page + 1234);
	CHECK(fault_caught(wild_load, SIGSEGV) && last_code == SEGV_MAPERR &&
	      last_addr == (void *)0x18);
	CHECK(fault_caught(illegal, SIGILL));
	CHECK(fault_caught(breakpoint, SIGTRAP));
	/* the mask saved by sigsetjmp(.., 1) came back: SIGSEGV is not blocked */
	sigset_t now;
	sigprocmask(SIG_BLOCK, NULL, &now);
	CHECK(!sigismember(&now, SIGSEGV));

	/* a blocked signal stays pending until unblocked */
	sigset_t set, pend;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	install(SIGUSR2, on_info, 0);
	hits = 0;
	sigprocmask(SIG_BLOCK, &set, NULL);
	raise(SIGUSR2);
	sigpending(&pend);
	CHECK(hits == 0 && sigismember(&pend, SIGUSR2));
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	CHECK(hits == 1 && last_sig == SIGUSR2);

	/* sigtimedwait takes a blocked pending signal, or times out */
	sigprocmask(SIG_BLOCK, &set, NULL);
	raise(SIGUSR2);
	siginfo_t si;
	struct timespec ts = { 0, 20 * 1000 * 1000 };
	CHECK(sigtimedwait(&set, &si, &ts) == SIGUSR2 && si.si_signo == SIGUSR2 && hits == 1);
	CHECK(sigtimedwait(&set, &si, &ts) == -1 && errno == EAGAIN);
	sigprocmask(SIG_UNBLOCK, &set, NULL);

	/* the alternate stack */
	stack_t ss = { .ss_sp = malloc(1 << 16), .ss_size = 1 << 16, .ss_flags = 0 };
	alt_lo = ss.ss_sp;
	alt_hi = alt_lo + ss.ss_size;
	CHECK(sigaltstack(&ss, NULL) == 0);
	install_plain(SIGUSR1, on_alt_stack, SA_ONSTACK);
	raise(SIGUSR1);
	CHECK(on_alt == 1);
	install_plain(SIGUSR1, on_alt_stack, 0);
	raise(SIGUSR1);
	CHECK(on_alt == 0);

	/* a timer, waited for with sigsuspend and pause */
	install(SIGALRM, on_info, 0);
	hits = 0;
	struct itimerval it = { { 0, 0 }, { 0, 20000 } };
	sigset_t old;
	sigemptyset(&set);
	sigaddset(&set, SIGALRM);
	sigprocmask(SIG_BLOCK, &set, &old);
	setitimer(ITIMER_REAL, &it, NULL);
	CHECK(sigsuspend(&old) == -1 && errno == EINTR && hits == 1 && last_sig == SIGALRM);
	sigprocmask(SIG_SETMASK, &old, NULL);
	alarm(1);
	CHECK(pause() == -1 && errno == EINTR && hits == 2);

	/* SA_RESTART: a read interrupted by a handler goes on; without it, EINTR */
	if (pipe(pipefd))
		return 1;
	char c;
	hits = 0;
	install_plain(SIGALRM, on_alarm_write, SA_RESTART);
	setitimer(ITIMER_REAL, &it, NULL);
	CHECK(read(pipefd[0], &c, 1) == 1 && c == 'x' && hits == 1);
	install_plain(SIGALRM, on_alarm_write, 0);
	setitimer(ITIMER_REAL, &it, NULL);
	CHECK(read(pipefd[0], &c, 1) == -1 && errno == EINTR && hits == 2);
	CHECK(read(pipefd[0], &c, 1) == 1);

	/* registers, integer and floating point, survive a handler */
	install_plain(SIGUSR1, busy_fp, 0);
	volatile uint64_t acc = 0;
	double f = 0.5;
	for (uint64_t i = 1; i <= 50; i++) {
		uint64_t a = i * 3, b = i ^ 0x55, d = i << 7;
		double e = f * 1.25;
		raise(SIGUSR1);
		acc += a + b + d;
		f = e + (double)i / 8;
	}
	CHECK(acc == 171700 && hits == 52 && f > 1e4);

	/* SA_RESETHAND: the handler runs once, then the default is back */
	install(SIGUSR2, on_info, SA_RESETHAND);
	raise(SIGUSR2);
	struct sigaction cur;
	sigaction(SIGUSR2, NULL, &cur);
	CHECK(cur.sa_handler == SIG_DFL);

	/* ignored signals go nowhere */
	signal(SIGUSR2, SIG_IGN);
	CHECK(raise(SIGUSR2) == 0);
	printf("%d failures\n", failures);
	fflush(stdout);
	/* and the default action of SIGTERM ends the program by that signal */
	signal(SIGTERM, SIG_DFL);
	raise(SIGTERM);
	printf("not reached\n");
	return 0;
}
