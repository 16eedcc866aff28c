/* Calls whose structs strace decodes that python cannot make: sendmmsg and
 * recvmmsg, epoll_pwait2, preadv2/pwritev2 (the split offset, RWF_ flags),
 * semtimedop, msgsnd/msgrcv, the mempolicy calls, get_robust_list, getcpu,
 * adjtimex,
 * for strace_options.py to trace natively and under emu. */
#define _GNU_SOURCE
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/mman.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/timex.h>
#include <sched.h>
#include <sys/uio.h>
#include <sys/epoll.h>
#include <sys/syscall.h>
#include <fcntl.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
struct m { long mtype; char mtext[8]; };

int main(void) {
	int sv[2]; socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	struct iovec a = { "one", 3 }, b = { "two!", 4 };
	struct mmsghdr m[2]; memset(m, 0, sizeof(m));
	m[0].msg_hdr.msg_iov = &a; m[0].msg_hdr.msg_iovlen = 1;
	m[1].msg_hdr.msg_iov = &b; m[1].msg_hdr.msg_iovlen = 1;
	sendmmsg(sv[0], m, 2, 0);
	char x[8], y[8]; struct iovec c = { x, 8 }, d = { y, 8 };
	struct mmsghdr r[2]; memset(r, 0, sizeof(r));
	r[0].msg_hdr.msg_iov = &c; r[0].msg_hdr.msg_iovlen = 1;
	r[1].msg_hdr.msg_iov = &d; r[1].msg_hdr.msg_iovlen = 1;
	recvmmsg(sv[1], r, 2, MSG_DONTWAIT, NULL);
	int ep = epoll_create1(0); struct epoll_event ev = { EPOLLOUT, { .u64 = 7 } };
	epoll_ctl(ep, EPOLL_CTL_ADD, sv[0], &ev);
	struct epoll_event out[2]; struct timespec ts = { 0, 1000 };
	syscall(SYS_epoll_pwait2, ep, out, 2, &ts, NULL, 8);
	int fd = open("/etc/hostname", O_RDONLY); char buf[4] = "abcd"; struct iovec e = { buf, 4 };
	preadv2(fd, &e, 1, 0, RWF_HIPRI); pwritev2(1, &e, 1, -1, RWF_APPEND);
	/* SysV IPC, memory policies, the robust list, getcpu, the clock's state */
	int s = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
	struct sembuf op = { 0, 1, 0 }; semop(s, &op, 1);
	semctl(s, 0, IPC_RMID);
	int q = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
	struct m msg_out = { 1, "hello" }, msg_in = { 0 }; msgsnd(q, &msg_out, 6, 0); msgrcv(q, &msg_in, 8, 0, IPC_NOWAIT);
	msgctl(q, IPC_RMID, NULL);
	unsigned long mask = 1; syscall(SYS_set_mempolicy, 0, NULL, 0);
	int mode; syscall(SYS_get_mempolicy, &mode, NULL, 0, NULL, 0);
	void *p = mmap(0, 4096, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0);
	syscall(SYS_mbind, p, 4096, 0, NULL, 0, 0);
	void *head; size_t len; syscall(SYS_get_robust_list, 0, &head, &len);
	unsigned cpu, node; syscall(SYS_getcpu, &cpu, &node, NULL);
	struct timex tx; memset(&tx, 0, sizeof(tx)); adjtimex(&tx);
	(void)mask;
	/* what IPC_STAT fills, and mincore's vector */
	int shm = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
	struct shmid_ds shd;
	shmctl(shm, IPC_STAT, &shd);
	shmctl(shm, IPC_RMID, 0);
	int mq = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
	struct msqid_ds mqd;
	msgctl(mq, IPC_STAT, &mqd);
	msgctl(mq, IPC_RMID, 0);
	int sm = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
	struct semid_ds smd;
	semctl(sm, 0, IPC_STAT, &smd);
	semctl(sm, 0, GETVAL);
	semctl(sm, 0, IPC_RMID);
	unsigned char vec[2];
	mincore(mmap(0, 8192, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), 8192, vec);
	return 0;
}
