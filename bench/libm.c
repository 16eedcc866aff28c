/* A libm-heavy guest: sin, exp, log, pow and atan2 over arrays; prints a
 * checksum (the same natively, under qemu-user and under emu, with or
 * without --host-lib, on one arch). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 200000, rounds = 5;
	double *x = malloc(n * sizeof(double)), *y = malloc(n * sizeof(double)), sum = 0;
	for (int i = 0; i < n; i++) {
		x[i] = (i % 1000) / 97.0 + 0.01;
		y[i] = (i % 333) / 51.0 - 3.0;
	}
	for (int r = 0; r < rounds; r++)
		for (int i = 0; i < n; i++)
			sum += sin(x[i]) + exp(-x[i]) + log(x[i]) + pow(x[i], 0.37) + atan2(y[i], x[i]);
	printf("%.6f\n", sum);
	return 0;
}
