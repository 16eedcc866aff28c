/* POSIX timers and timerfds (timeout(1), event loops): a timer's signal
 * with its si_code and si_value, one aimed at a thread (SIGEV_THREAD_ID),
 * gettime and getoverrun, delete; a timerfd's expirations; sigqueue's
 * value to the process and to a thread. */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

static volatile sig_atomic_t got, code, value;

static void on_timer(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	got = sig;
	code = si->si_code;
	value = si->si_value.sival_int;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_timer;
	sa.sa_flags = SA_SIGINFO;
	CHECK(sigaction(SIGUSR1, &sa, NULL) == 0 && sigaction(SIGALRM, &sa, NULL) == 0);

	struct sigevent sev;
	memset(&sev, 0, sizeof(sev));
	sev.sigev_notify = SIGEV_SIGNAL;
	sev.sigev_signo = SIGUSR1;
	sev.sigev_value.sival_int = 42;
	timer_t t1;
	CHECK(timer_create(CLOCK_MONOTONIC, &sev, &t1) == 0);
	struct itimerspec its = { { 0, 0 }, { 0, 20 * 1000 * 1000 } }, cur;
	CHECK(timer_settime(t1, 0, &its, NULL) == 0);
	CHECK(timer_gettime(t1, &cur) == 0 && cur.it_value.tv_nsec > 0 && cur.it_value.tv_nsec <= 20000000);
	while (!got)
		pause();
	CHECK(got == SIGUSR1 && code == SI_TIMER && value == 42);
	CHECK(timer_getoverrun(t1) == 0);
	CHECK(timer_delete(t1) == 0);
	errno = 0;
	CHECK(timer_delete(t1) == -1 && errno == EINVAL);

	/* to this thread, and with the default event (SIGALRM) */
	got = 0;
	sev.sigev_notify = SIGEV_THREAD_ID;
	sev._sigev_un._tid = gettid();
	sev.sigev_value.sival_int = 7;
	timer_t t2;
	CHECK(timer_create(CLOCK_REALTIME, &sev, &t2) == 0 && timer_settime(t2, 0, &its, NULL) == 0);
	while (!got)
		pause();
	CHECK(got == SIGUSR1 && value == 7);
	CHECK(timer_delete(t2) == 0);
	got = 0;
	timer_t t3;
	CHECK(timer_create(CLOCK_MONOTONIC, NULL, &t3) == 0 && timer_settime(t3, 0, &its, NULL) == 0);
	while (!got)
		pause();
	CHECK(got == SIGALRM && code == SI_TIMER);
	errno = 0;
	CHECK(syscall(SYS_timer_create, CLOCK_MONOTONIC, NULL, (void *)8) == -1 && errno == EFAULT);

	/* sigqueue's value, to the process and to a thread */
	got = 0;
	CHECK(sigqueue(getpid(), SIGUSR1, (union sigval){ .sival_int = 99 }) == 0);
	while (!got)
		pause();
	CHECK(got == SIGUSR1 && code == SI_QUEUE && value == 99);
	got = 0;
	CHECK(pthread_sigqueue(pthread_self(), SIGUSR1, (union sigval){ .sival_int = 5 }) == 0);
	while (!got)
		pause();
	CHECK(got == SIGUSR1 && code == SI_QUEUE && value == 5);
	siginfo_t forged;
	memset(&forged, 0, sizeof(forged));
	forged.si_code = SI_USER;
	errno = 0;
	CHECK(syscall(SYS_rt_sigqueueinfo, getppid(), SIGUSR1, &forged) == -1 && errno == EPERM);

	int fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
	CHECK(fd >= 0);
	struct itimerspec tick = { { 0, 5 * 1000 * 1000 }, { 0, 5 * 1000 * 1000 } };
	CHECK(timerfd_settime(fd, 0, &tick, NULL) == 0);
	uint64_t n = 0;
	usleep(30 * 1000);
	CHECK(read(fd, &n, 8) == 8 && n >= 2);
	CHECK(timerfd_gettime(fd, &cur) == 0 && cur.it_interval.tv_nsec == 5000000);
	close(fd);
	printf("%d failures\n", failures);
	return failures != 0;
}
