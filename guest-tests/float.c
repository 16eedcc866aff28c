/* Floating point: arithmetic, libm, conversions, printf of doubles. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	volatile double a = 1.0 / 3.0, b = 2.5e-310, c = -0.0;
	printf("%.17g %.17g %g %g\n", a, a * 3.0, b * 1e10, c);
	printf("sqrt %.15f exp %.15f log %.15f\n", sqrt(2.0), exp(1.0), log(10.0));
	printf("sin %.15f cos %.15f atan2 %.15f\n", sin(0.5), cos(0.5), atan2(1.0, -1.0));
	printf("pow %.10g fmod %.10g hypot %.10g\n", pow(1.0001, 10000.0), fmod(10.5, 3.0), hypot(3e200, 4e200));
	printf("floor %g ceil %g round %g trunc %g rint %g\n", floor(-2.5), ceil(-2.5), round(-2.5), trunc(-2.5), rint(-2.5));
	printf("inf %g nan %g isnan %d\n", 1.0 / (c + 0.0 * a) * 0.0 + INFINITY, NAN, isnan(sqrt(-1.0)));
	float f = 16777217.0f;
	printf("float %.1f int %d long %ld\n", f, (int)3.99, (long)-7.5);
	printf("strtod %.17g\n", strtod("0.1e-5", NULL));
	double acc = 0;
	for (int i = 1; i <= 1000000; i++)
		acc += 1.0 / ((double)i * i);
	printf("basel %.15f (pi^2/6 = %.15f)\n", acc, M_PI * M_PI / 6);
	long double ld = 1.0L / 7.0L;
	printf("long double %.18Lg\n", ld);
	return 0;
}
