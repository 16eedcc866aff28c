#ifndef EMU_CPU_H
#define EMU_CPU_H

#include "../task/sched.h"

/* Open t->uc for ua/um with the virtual TLB and guest memory mapped. */
int cpu_open(struct task *t, uc_arch ua, uc_mode um);
int cpu_reg_write(struct task *t, int reg, uint64_t v);
uint64_t cpu_reg_read(struct task *t, int reg);

#endif
