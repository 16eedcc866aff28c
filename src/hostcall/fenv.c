/* The host's FP environment around a libm host call, cheaply: glibc's
 * feclearexcept saves and reloads the whole x87 environment (a third of
 * a host call's time), and even ldmxcsr and fnstsw wait for the
 * pipeline.  The host is x86-64, whose libm does double and float in SSE
 * (its x87 code is for long double, which is not served): the flags and
 * the rounding that matter are MXCSR's, whose exception bits are FE_*'s.
 *
 * The host's flags are cleared only when they hold one the guest's do
 * not: the guest is then told of the flags it does not have yet, and a
 * flag both have needs no telling, whoever raised it.  Most calls raise
 * inexact, which the guest then already has: nothing is written. */
#include <fenv.h>

#include "hostcall_int.h"

static __thread int host_round = -1;	/* what this thread last set */

static unsigned mxcsr(void)
{
	unsigned m;
	__asm__ volatile("stmxcsr %0" : "=m"(m));
	return m;
}

static int host_flags(void)
{
	return mxcsr() & FE_ALL_EXCEPT;
}

void hc_fenv_enter(int round, int guest)
{
	if (round != host_round) {
		fesetround(round);
		host_round = round;
	}
	if (host_flags() & ~guest) {
		unsigned m = mxcsr() & ~FE_ALL_EXCEPT;
		__asm__ volatile("ldmxcsr %0" : : "m"(m));
	}
}

int hc_fenv_leave(int guest)
{
	return host_flags() & ~guest;
}
