/* System V IPC: a shared memory segment attached twice (one memory, two
 * addresses, shown in /proc/self/maps), semaphores set and taken, a
 * message queue's round trip, and each removed. */
#define _GNU_SOURCE
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <unistd.h>

#include "check.h"

union semun { int val; struct semid_ds *buf; unsigned short *array; };

int main(void)
{
	int shm = shmget(IPC_PRIVATE, 8192, IPC_CREAT | 0600);
	CHECK(shm >= 0);
	char *one = shmat(shm, NULL, 0), *two = shmat(shm, NULL, 0);
	CHECK(one != (void *)-1 && two != (void *)-1 && one != two);
	strcpy(one, "shared");
	CHECK(!strcmp(two, "shared"));
	struct shmid_ds ds;
	CHECK(shmctl(shm, IPC_STAT, &ds) == 0 && ds.shm_nattch == 2 && ds.shm_segsz == 8192);
	FILE *f = fopen("/proc/self/maps", "r");
	char line[256];
	int seen = 0;
	while (f && fgets(line, sizeof(line), f))
		seen += strstr(line, "/SYSV00000000 (deleted)") != NULL;
	if (f)
		fclose(f);
	CHECK(seen == 2);
	char *ro = shmat(shm, NULL, SHM_RDONLY);
	CHECK(ro != (void *)-1 && !strcmp(ro, "shared"));
	errno = 0;
	CHECK(shmat(shm, one, 0) == (void *)-1 && errno == EINVAL);	/* over a mapping */
	CHECK(shmdt(one) == 0 && shmdt(two) == 0 && shmdt(ro) == 0);
	errno = 0;
	CHECK(shmdt(one) == -1 && errno == EINVAL);
	CHECK(shmctl(shm, IPC_RMID, NULL) == 0);

	int sem = semget(IPC_PRIVATE, 2, IPC_CREAT | 0600);
	CHECK(sem >= 0);
	unsigned short vals[2] = { 1, 3 }, back[2] = { 0, 0 };
	CHECK(semctl(sem, 0, SETALL, (union semun){ .array = vals }) == 0);
	CHECK(semctl(sem, 0, GETALL, (union semun){ .array = back }) == 0 && back[0] == 1 && back[1] == 3);
	struct sembuf take = { 1, -3, IPC_NOWAIT };
	CHECK(semop(sem, &take, 1) == 0 && semctl(sem, 1, GETVAL) == 0);
	errno = 0;
	CHECK(semop(sem, &take, 1) == -1 && errno == EAGAIN);
	CHECK(semctl(sem, 0, SETVAL, (union semun){ .val = 5 }) == 0 && semctl(sem, 0, GETVAL) == 5);
	struct semid_ds sds;
	CHECK(semctl(sem, 0, IPC_STAT, (union semun){ .buf = &sds }) == 0 && sds.sem_nsems == 2);
	CHECK(semctl(sem, 0, IPC_RMID) == 0);

	int q = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
	CHECK(q >= 0);
	struct { long type; char text[16]; } out = { 7, "message" }, in = { 0, "" };
	CHECK(msgsnd(q, &out, 8, 0) == 0);
	struct msqid_ds qs;
	CHECK(msgctl(q, IPC_STAT, &qs) == 0 && qs.msg_qnum == 1);
	CHECK(msgrcv(q, &in, sizeof(in.text), 7, 0) == 8 && in.type == 7 && !strcmp(in.text, "message"));
	errno = 0;
	CHECK(msgrcv(q, &in, sizeof(in.text), 0, IPC_NOWAIT) == -1 && errno == ENOMSG);
	CHECK(msgctl(q, IPC_RMID, NULL) == 0);
	printf("%d failures\n", failures);
	return failures != 0;
}
