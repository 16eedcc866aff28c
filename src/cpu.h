#ifndef EMU_CPU_H
#define EMU_CPU_H

#include "guest.h"

/* Open g->uc for ua/um with the virtual TLB and guest memory mapped. */
int cpu_open(struct guest *g, uc_arch ua, uc_mode um);
int cpu_reg_write(struct guest *g, int reg, uint64_t v);
uint64_t cpu_reg_read(struct guest *g, int reg);

#endif
