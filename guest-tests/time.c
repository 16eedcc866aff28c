/* Clocks: monotonic never goes back, sleeps last at least as asked, the
 * realtime clocks agree with each other. */
#include <stdio.h>
#include <sys/time.h>
#include <time.h>

static double ts(struct timespec t)
{
	return t.tv_sec + t.tv_nsec / 1e9;
}

int main(void)
{
	struct timespec a, b, res, r;
	int back = 0;
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (int i = 0; i < 100000; i++) {
		clock_gettime(CLOCK_MONOTONIC, &b);
		back += ts(b) < ts(a);
		a = b;
	}
	printf("monotonic went back %d times\n", back);
	clock_gettime(CLOCK_MONOTONIC, &a);
	struct timespec req = { 0, 20 * 1000 * 1000 };
	nanosleep(&req, NULL);
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("nanosleep 20ms slept at least 20ms: %s\n", ts(b) - ts(a) >= 0.02 ? "yes" : "no");
	clock_gettime(CLOCK_MONOTONIC, &a);
	clock_nanosleep(CLOCK_MONOTONIC, 0, &req, NULL);
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("clock_nanosleep slept at least 20ms: %s\n", ts(b) - ts(a) >= 0.02 ? "yes" : "no");
	clock_getres(CLOCK_MONOTONIC, &res);
	printf("monotonic resolution %ld ns\n", (long)res.tv_nsec);
	struct timeval tv;
	gettimeofday(&tv, NULL);
	clock_gettime(CLOCK_REALTIME, &r);
	time_t t = time(NULL);
	printf("realtime clocks agree within 2s: %s\n",
	       (t - tv.tv_sec <= 2 && tv.tv_sec - t <= 2 && r.tv_sec - t <= 2 && t - r.tv_sec <= 2) ? "yes" : "no");
	printf("realtime after 2020: %s\n", t > 1577836800 ? "yes" : "no");
	printf("bad clock id fails: %s\n", clock_gettime(12345, &r) == -1 ? "yes" : "no");
	return 0;
}
