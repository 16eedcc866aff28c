/* The frame of a trace line (format.c): what strace prints when a call
 * starts, what when it returns, and its result. */
#ifndef EMU_FORMAT_H
#define EMU_FORMAT_H

#include <stdint.h>
#include <stdio.h>

struct task;

/* "name(" and the arguments the kernel reads, up to the first it writes
 * (", " after them when more follow). */
void format_entry(FILE *f, struct task *t, const char *name, const uint8_t *kinds, unsigned nargs,
		  const uint64_t *a);
/* The rest and ")": in_val holds each in-and-out value as it was on entry. */
void format_exit(FILE *f, struct task *t, const uint8_t *kinds, unsigned nargs, const uint64_t *a,
		 long ret, const uint64_t *in_val);
void format_ret(FILE *f, struct task *t, uint8_t ret_kind, const uint64_t *a, long ret);

#endif
