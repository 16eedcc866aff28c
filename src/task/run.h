/* The run loop of one task: its CPU runs until something needs the kernel,
 * which is done here with the CPU stopped. */
#ifndef EMU_RUN_H
#define EMU_RUN_H

#include "sched.h"

/* Run the task's CPU from pc until the task or its process ends
 * (task_ending()). */
void task_run(struct task *t, uint64_t pc);

#endif
