/* fork of a big process: MIB MiB touched, then COUNT times fork, the child
 * _exits at once, the parent waits.  Prints the microseconds of one fork
 * and wait, as the guest measures them.
 * usage: forkmem MIB COUNT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long mib = argc > 1 ? atol(argv[1]) : 100;
	int count = argc > 2 ? atoi(argv[2]) : 20;
	char *p = malloc(mib << 20);
	if (!p)
		return 2;
	memset(p, 1, mib << 20);
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (int i = 0; i < count; i++) {
		pid_t pid = fork();
		if (pid == 0)
			_exit(p[i << 12]);
		int st;
		if (pid < 0 || waitpid(pid, &st, 0) != pid || WEXITSTATUS(st) != 1)
			return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("%.0f\n", ((b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec)) / count / 1e3);
	return 0;
}
