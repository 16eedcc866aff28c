/* The calls that reach the system, as a program that uses them sees them:
 * a POSIX message queue's round trip, scheduling attributes, kcmp on its
 * own descriptors, file handles, and the privileged calls refused or done
 * as the kernel does them (on paths that do not exist, in a namespace of
 * its own where one is made).  Each line is a check; the last the count. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/kcmp.h>
#include <mqueue.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "check.h"

struct attr {
	unsigned size, policy;
	unsigned long long flags;
	int nice;
	unsigned priority;
	unsigned long long runtime, deadline, period;
};

int main(void)
{
	char name[64];
	snprintf(name, sizeof(name), "/emu-system-test-%d", getpid());
	struct mq_attr want = { 0, 4, 16, 0 }, got;
	mqd_t q = mq_open(name, O_RDWR | O_CREAT | O_EXCL, 0600, &want);
	CHECK(q >= 0);
	CHECK(mq_send(q, "hello", 5, 7) == 0);
	char buf[16];
	unsigned prio = 0;
	CHECK(mq_receive(q, buf, sizeof(buf), &prio) == 5 && !memcmp(buf, "hello", 5) && prio == 7);
	CHECK(mq_getattr(q, &got) == 0 && got.mq_maxmsg == 4 && got.mq_msgsize == 16 && got.mq_curmsgs == 0);
	CHECK(mq_receive(q, buf, 4, &prio) < 0 && errno == EMSGSIZE);
	CHECK(mq_close(q) == 0 && mq_unlink(name) == 0);
	CHECK(mq_unlink(name) < 0 && errno == ENOENT);

	struct attr a;
	memset(&a, 0, sizeof(a));
	CHECK(syscall(SYS_sched_getattr, 0, &a, sizeof(a), 0) == 0 && a.size == sizeof(a) && a.policy == SCHED_OTHER);
	CHECK(syscall(SYS_sched_setattr, 0, &a, 0) == 0);
	CHECK(syscall(SYS_sched_getattr, 0, &a, 8, 0) < 0 && errno == EINVAL);

	int dup = fcntl(1, F_DUPFD, 10);
	CHECK(syscall(SYS_kcmp, getpid(), getpid(), KCMP_FILE, 1, dup) == 0);
	CHECK(syscall(SYS_kcmp, getpid(), getpid(), KCMP_VM, 0, 0) == 0);

	struct { unsigned bytes; int type; unsigned char h[128]; } fh = { 128, 0, { 0 } };
	int mount_id;
	CHECK(name_to_handle_at(AT_FDCWD, "/proc/self/exe", (void *)&fh, &mount_id, AT_SYMLINK_FOLLOW) == 0 ||
	      errno == EOPNOTSUPP);

	CHECK(chroot("/nonexistent-emu-dir") < 0 && (errno == ENOENT || errno == EPERM));
	CHECK(umount2("/nonexistent-emu-dir", MNT_DETACH) < 0 && (errno == ENOENT || errno == EPERM));
	CHECK(mount("none", "/nonexistent-emu-dir", "tmpfs", MS_NOSUID, "mode=755") < 0 &&
	      (errno == ENOENT || errno == EPERM));
	CHECK(syscall(SYS_pivot_root, "/nonexistent-a", "/nonexistent-b") < 0 && (errno == ENOENT || errno == EPERM ||
										  errno == EINVAL));
	printf("%d failures\n", failures);
	return failures != 0;
}
