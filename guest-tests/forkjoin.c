/* fork right after pthread_join: the guest saw the threads end at their
 * clear_child_tid, but their host threads may still be finishing, holding
 * a lock (an allocator's) that a child forked then would inherit held and
 * wait on for ever.  emu's fork waits for them.  Each round's child
 * allocates and frees, as a real one does before exec. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

static void *work(void *arg)
{
	free(malloc(1000));
	return arg;
}

int main(void)
{
	int failed = 0;
	for (int round = 0; round < 100; round++) {
		pthread_t t[3];
		for (int i = 0; i < 3; i++)
			pthread_create(&t[i], NULL, work, NULL);
		for (int i = 0; i < 3; i++)
			pthread_join(t[i], NULL);
		pid_t pid = fork();
		if (pid == 0) {
			free(malloc(100000));
			_exit(7);
		}
		int st = 0;
		if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 7)
			failed++;
	}
	CHECK(failed == 0);	/* 100 rounds of join then fork */
	printf("%d failures\n", failures);
	return failures != 0;
}
