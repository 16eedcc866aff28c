#ifndef EMU_SUMMARY_H
#define EMU_SUMMARY_H

#include <stdio.h>

struct process;

/* -c: the calls the guest made, by name, split into those that came through
 * ecall/syscall and those that went through the vDSO without one. */
void summary_print(const struct process *p, FILE *out);

#endif
