#ifndef EMU_RUN_H
#define EMU_RUN_H

#include "guest.h"

/* Run a guest thread's CPU from pc until the thread or the process ends. */
void guest_run(struct guest *g, uint64_t pc);
/* After guest_run() of a thread other than the first: its exit(), or the
 * end of the whole process it caused. */
void guest_thread_ended(struct guest *g);

#endif
