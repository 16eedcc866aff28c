/* How the C test programs here count: one line per check, "N failures" last. */
#ifndef GUEST_TESTS_CHECK_H
#define GUEST_TESTS_CHECK_H

#include <errno.h>
#include <stdio.h>

static int failures;
#define CHECK(cond) do { \
	if (cond) printf("ok   %s\n", #cond); \
	else { printf("FAIL %s (errno %d)\n", #cond, errno); failures++; } \
} while (0)

#endif
