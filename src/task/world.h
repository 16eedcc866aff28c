/* The world-stop protocol: the tasks of a process run guest code in
 * parallel, and a memory-map change or a code flush first stops all of
 * them but the one making it (see world.c). */
#ifndef EMU_WORLD_H
#define EMU_WORLD_H

#include "sched.h"

/* Around guest code: a task leaves before a syscall, which may block or
 * change the memory map, and enters again after, waiting out a world-stop
 * and flushing what a memory-map change made stale.  Cheap when there is
 * one task. */
void world_enter(struct task *t);
void world_leave(struct task *t);

/* Stop a task's CPU at its next block (any thread, async-signal-safe): the
 * run loop sees why (uc_emu_kicked) and goes on where the registers say. */
void world_stop_cpu(struct task *to);

/* Stop every other task's guest code, for a memory-map change or a code
 * flush; then world_resume() bumps the generations the others check. */
void world_stop(struct task *t);
void world_resume(struct task *t, enum mm_stale stale);

#endif
