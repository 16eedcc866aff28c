/* Process start: the program checked and loaded into a new process, its
 * first task run, and emu's exit status from how the process ended. */
#ifndef EMU_START_H
#define EMU_START_H

#include "config.h"

/* Run the guest; returns emu's exit status (the guest's, or 126/127). */
int emu_run(const struct emu_config *cfg);

#endif
