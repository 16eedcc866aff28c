/* A clock_gettime loop: with the vDSO none of these calls should trap. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/time.h>
#include <time.h>

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 1000;
	struct timespec ts, prev = { 0, 0 };
	int backwards = 0;
	for (int i = 0; i < n; i++) {
		clock_gettime(CLOCK_MONOTONIC, &ts);
		backwards += ts.tv_sec < prev.tv_sec || (ts.tv_sec == prev.tv_sec && ts.tv_nsec < prev.tv_nsec);
		prev = ts;
	}
	printf("%d calls, monotonic went back %d times\n", n, backwards);
	return 0;
}
