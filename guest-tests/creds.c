/* Who a process is and how it is run: its ids, groups and capabilities,
 * its prctl attributes (name, parent-death signal, no_new_privs, timer
 * slack, the bounding set), its priority and scheduling, times and
 * persona.  Values are printed: the oracle's run must print the same. */
#define _GNU_SOURCE
#include <linux/capability.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/times.h>
#include <sys/timex.h>
#include <unistd.h>

#include "check.h"

int main(void)
{
	uid_t r, e, s;
	gid_t gr, ge, gs;
	CHECK(getresuid(&r, &e, &s) == 0 && r == getuid() && e == geteuid());
	CHECK(getresgid(&gr, &ge, &gs) == 0 && gr == getgid() && ge == getegid());
	errno = 0;
	CHECK(syscall(SYS_getresuid, (void *)8, &e, &s) == -1 && errno == EFAULT);
	printf("ids %u %u %u / %u %u %u\n", r, e, s, gr, ge, gs);
	int n = getgroups(0, NULL);
	gid_t groups[256];
	CHECK(n >= 0 && getgroups(256, groups) == n);
	printf("%d groups\n", n);
	errno = 0;
	CHECK(getgroups(-1, groups) == -1 && errno == EINVAL);
	CHECK(setresuid(-1, -1, -1) == 0 && setresgid(-1, -1, -1) == 0);
	CHECK(setreuid(-1, -1) == 0 && setregid(-1, -1) == 0);
	CHECK(setuid(getuid()) == 0 && setgid(getgid()) == 0);
	CHECK((uid_t)syscall(SYS_setfsuid, -1) == geteuid() && (gid_t)syscall(SYS_setfsgid, -1) == getegid());
	if (getuid() == 0)
		CHECK(setgroups(n, groups) == 0);

	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct data[2];
	CHECK(syscall(SYS_capget, &hdr, data) == 0);
	printf("caps effective %#x %#x permitted %#x %#x\n", data[0].effective, data[1].effective,
	       data[0].permitted, data[1].permitted);
	hdr.version = 0x12345678;	/* the probe: the kernel says which it takes */
	CHECK(syscall(SYS_capget, &hdr, NULL) == 0 && hdr.version == _LINUX_CAPABILITY_VERSION_3);
	hdr.version = 0x12345678;
	errno = 0;
	CHECK(syscall(SYS_capget, &hdr, data) == -1 && errno == EINVAL);
	hdr.version = _LINUX_CAPABILITY_VERSION_3;
	CHECK(syscall(SYS_capset, &hdr, data) == 0);

	char name[16] = "";
	CHECK(prctl(PR_SET_NAME, "renamed-thread") == 0 && prctl(PR_GET_NAME, name) == 0 &&
	      !strcmp(name, "renamed-thread"));
	FILE *f = fopen("/proc/self/comm", "r");
	char comm[32] = "";
	CHECK(f && fgets(comm, sizeof(comm), f) && !strcmp(comm, "renamed-thread\n"));
	if (f)
		fclose(f);
	int sig = -1;
	CHECK(prctl(PR_SET_PDEATHSIG, SIGUSR1) == 0 && prctl(PR_GET_PDEATHSIG, &sig) == 0 && sig == SIGUSR1);
	CHECK(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 0);
	CHECK(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0 && prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 1);
	CHECK(prctl(PR_CAPBSET_READ, CAP_CHOWN) >= 0);
	CHECK(prctl(PR_SET_TIMERSLACK, 100000) == 0 && prctl(PR_GET_TIMERSLACK) == 100000);
	printf("dumpable %d keepcaps %d\n", prctl(PR_GET_DUMPABLE), prctl(PR_GET_KEEPCAPS));
	errno = 0;
	CHECK(prctl(PR_GET_PDEATHSIG, (int *)8) == -1 && errno == EFAULT);
	/* names for anonymous pages: what the kernel has (CONFIG_ANON_VMA_NAME) */
	void *page = sbrk(0);
	int r2 = prctl(PR_SET_VMA, PR_SET_VMA_ANON_NAME, (unsigned long)page & ~4095UL, 4096, "x");
	printf("PR_SET_VMA: %d\n", r2 ? errno : 0);

	errno = 0;
	int nice = getpriority(PRIO_PROCESS, 0);
	CHECK(errno == 0 && setpriority(PRIO_PROCESS, 0, nice + 1) == 0 &&
	      getpriority(PRIO_PROCESS, 0) == nice + 1);
	struct sched_param sp;
	CHECK(sched_getscheduler(0) == SCHED_OTHER && sched_getparam(0, &sp) == 0 && sp.sched_priority == 0);
	CHECK(sched_get_priority_max(SCHED_FIFO) == 99 && sched_get_priority_min(SCHED_FIFO) == 1);
	CHECK(sched_setscheduler(0, SCHED_BATCH, &sp) == 0 && sched_getscheduler(0) == SCHED_BATCH);
	cpu_set_t set;
	CHECK(sched_getaffinity(0, sizeof(set), &set) == 0 && sched_setaffinity(0, sizeof(set), &set) == 0);
	struct timespec rr;
	CHECK(sched_rr_get_interval(0, &rr) == 0);
	CHECK(syscall(SYS_ioprio_get, 1 /* IOPRIO_WHO_PROCESS */, 0) >= 0);
	struct timex tx = { .modes = 0 };
	int state = adjtimex(&tx);
	CHECK(state >= 0 && state <= 5);
	printf("adjtimex %d, status %#x\n", state, tx.status);
	struct tms tms;
	CHECK(times(&tms) != (clock_t)-1);
	CHECK(personality(0xffffffff) == PER_LINUX);
	printf("%d failures\n", failures);
	return failures != 0;
}
