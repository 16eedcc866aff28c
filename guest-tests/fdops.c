/* Descriptor calls newer programs make: memfd_create, close_range (a
 * daemon's "close everything"), inotify, pidfds, splice/tee/vmsplice,
 * openat2, utimes, mlock, membarrier, sendmmsg/recvmmsg, fexecve. */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <linux/membarrier.h>
#include <linux/openat2.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

extern char **environ;

static volatile sig_atomic_t got;
static void on_usr1(int sig) { got = sig; }

int main(void)
{
	int m = memfd_create("emu-test", MFD_CLOEXEC);
	char buf[64] = "";
	CHECK(m >= 0 && write(m, "memfd", 5) == 5 && pread(m, buf, 5, 0) == 5 && !memcmp(buf, "memfd", 5));
	CHECK(fcntl(m, F_GETFD) == FD_CLOEXEC);

	char dir[] = "/tmp/fdops-XXXXXX", path[64], link[64];
	CHECK(mkdtemp(dir) != NULL);
	int in = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	CHECK(in >= 0 && inotify_add_watch(in, dir, IN_CREATE) >= 0);
	snprintf(path, sizeof(path), "%s/file", dir);
	int f = open(path, O_CREAT | O_RDWR, 0600);
	CHECK(f >= 0);
	char ev[256];
	ssize_t n = read(in, ev, sizeof(ev));
	struct inotify_event *e = (struct inotify_event *)ev;
	CHECK(n >= (ssize_t)sizeof(*e) && (e->mask & IN_CREATE) && !strcmp(e->name, "file"));

	int p[2], q[2];
	CHECK(pipe(p) == 0 && pipe(q) == 0);
	struct iovec iov = { "spliced", 7 };
	CHECK(vmsplice(p[1], &iov, 1, 0) == 7);
	CHECK(tee(p[0], q[1], 7, 0) == 7);
	loff_t off = 0;
	CHECK(splice(p[0], NULL, f, &off, 7, 0) == 7 && off == 7);
	CHECK(pread(f, buf, 7, 0) == 7 && !memcmp(buf, "spliced", 7) && read(q[0], buf, 7) == 7);

	snprintf(link, sizeof(link), "%s/link", dir);
	CHECK(symlink(path, link) == 0);
#ifdef __x86_64__	/* riscv64's oracle, qemu 7.2, has no openat2: the native kernel is this one's */
	struct open_how how = { .flags = O_RDONLY, .resolve = RESOLVE_NO_SYMLINKS };
	int o = syscall(SYS_openat2, AT_FDCWD, path, &how, sizeof(how));
	CHECK(o >= 0);
	errno = 0;
	CHECK(syscall(SYS_openat2, AT_FDCWD, link, &how, sizeof(how)) == -1 && errno == ELOOP);
	errno = 0;
	CHECK(syscall(SYS_openat2, AT_FDCWD, path, &how, 8) == -1 && errno == EINVAL);
#endif

	struct timeval tv[2] = { { 1000000000, 5 }, { 1000000001, 6 } };
	struct stat st;
	CHECK(utimes(path, tv) == 0 && stat(path, &st) == 0 && st.st_mtim.tv_sec == 1000000001 &&
	      st.st_mtim.tv_nsec == 6000);

	char *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(mlock(page, 4096) == 0 && munlock(page, 4096) == 0);
	errno = 0;
	CHECK(mlock((void *)0x1000, 4096) == -1 && errno == ENOMEM);
	int q2 = syscall(SYS_membarrier, MEMBARRIER_CMD_QUERY, 0, 0);
	CHECK(q2 >= 0 && (q2 & MEMBARRIER_CMD_PRIVATE_EXPEDITED));

#ifdef __x86_64__	/* qemu-riscv64 7.2 has no epoll_pwait2 */
	int ep = epoll_create1(0), pp[2];
	CHECK(ep >= 0 && pipe(pp) == 0);
	struct epoll_event want = { .events = EPOLLIN }, ready[2];
	CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, pp[0], &want) == 0);
	struct timespec ten = { 0, 10 * 1000 * 1000 };
	CHECK(syscall(SYS_epoll_pwait2, ep, ready, 2, &ten, NULL, 8) == 0);
	CHECK(write(pp[1], "x", 1) == 1 && syscall(SYS_epoll_pwait2, ep, ready, 2, &ten, NULL, 8) == 1 &&
	      (ready[0].events & EPOLLIN));
#endif

	/* datagrams in batches (glibc's resolver sends its queries so) */
	int sv[2];
	CHECK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) == 0);
	struct iovec one = { "one", 3 }, three = { "three", 5 };
	struct mmsghdr out[2] = { { { .msg_iov = &one, .msg_iovlen = 1 }, 0 },
				  { { .msg_iov = &three, .msg_iovlen = 1 }, 0 } };
	CHECK(sendmmsg(sv[0], out, 2, 0) == 2);
	CHECK(out[0].msg_len == 3 && out[1].msg_len == 5);
	char r0[8], r1[8];
	struct iovec i0 = { r0, 8 }, i1 = { r1, 8 };
	struct mmsghdr got3[3] = { { { .msg_iov = &i0, .msg_iovlen = 1 }, 0 },
				   { { .msg_iov = &i1, .msg_iovlen = 1 }, 0 },
				   { { .msg_iov = &i1, .msg_iovlen = 1 }, 0 } };
	CHECK(recvmmsg(sv[1], got3, 3, MSG_WAITFORONE, NULL) == 2);
	CHECK(got3[0].msg_len == 3 && got3[1].msg_len == 5 && !memcmp(r1, "three", 5));
	errno = 0;
	CHECK(recvmmsg(sv[1], got3, 3, MSG_DONTWAIT, NULL) == -1 && errno == EAGAIN);

	signal(SIGUSR1, on_usr1);
	int pfd = syscall(SYS_pidfd_open, getpid(), 0);
	CHECK(pfd >= 0 && syscall(SYS_pidfd_send_signal, pfd, SIGUSR1, NULL, 0) == 0);
	while (!got)
		pause();
	CHECK(got == SIGUSR1);

#ifdef __x86_64__	/* qemu-riscv64 7.2 has no execveat either: the kernel is this one's oracle */
	/* fexecve: the program by its descriptor (execveat, AT_EMPTY_PATH) */
	int self = open("/bin/true", O_RDONLY | O_CLOEXEC);
	pid_t child = fork();
	if (child == 0) {
		char *argv[] = { "true", NULL };
		fexecve(self, argv, environ);
		_exit(99);
	}
	int status = -1;
	CHECK(child > 0 && waitpid(child, &status, 0) == child && WIFEXITED(status) && WEXITSTATUS(status) == 0);
	errno = 0;
	CHECK(syscall(SYS_execveat, self, "", NULL, NULL, 0x1234) == -1 && errno == EINVAL);
	close(self);
#endif

	/* the program's own descriptors only (emu keeps its own at 900 and up) */
	DIR *fds = opendir("/proc/self/fd");
	int high = 0, listed = 0;
	for (struct dirent *d; fds && (d = readdir(fds));)
		listed++, high += atoi(d->d_name) >= 900;
	CHECK(fds && listed > 3 && high == 0);
	if (fds)
		closedir(fds);

	/* everything from 3 up goes; the program (and emu under it) goes on */
	CHECK(syscall(SYS_close_range, 3, ~0U, 0) == 0);
	errno = 0;
	CHECK(fcntl(m, F_GETFD) == -1 && errno == EBADF);
	CHECK(open("/dev/null", O_RDONLY) == 3);
	unlink(link);
	unlink(path);
	rmdir(dir);
	printf("%d failures\n", failures);
	return failures != 0;
}
