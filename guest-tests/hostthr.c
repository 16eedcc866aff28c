/* Host calls from threads and a forked child: each thread's errno is its own
 * (the host call writes it through that thread's TLS), and every task's CPU
 * has the stubs' hook.  hostcall_test.py compares the sorted output with
 * the oracle's and counts the host calls (5 tasks, 100000 of each). */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>
static void *work(void *arg) {
	long id = (long)arg; double s = 0; int bad = 0;
	for (int i = 0; i < 100000; i++) {
		s += sin(i * 0.001 + id);
		errno = 0; volatile double l = log(-1.0 - i); (void)l;
		if (errno != EDOM) bad++;
	}
	printf("thread %ld %.6f bad %d\n", id, s, bad);
	return NULL;
}
int main(void) {
	pthread_t t[4];
	for (long i = 0; i < 4; i++) pthread_create(&t[i], NULL, work, (void *)i);
	for (int i = 0; i < 4; i++) pthread_join(t[i], NULL);
	fflush(stdout);
	pid_t p = fork();
	if (!p) { work((void *)9); fflush(stdout); _exit(0); }
	waitpid(p, NULL, 0);
	return 0;
}
