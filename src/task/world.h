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

/* Stop every other task's guest code, for a memory-map change or a code
 * flush; then world_resume() bumps the generations the others check. */
void world_stop(struct task *t);
void world_resume(struct task *t, enum mm_stale stale);

/* Give t's CPU the hook that stops it at the next block when asked (a
 * world-stop, a signal); the first time, its parent's too.  With t the
 * parent: only the parent's (a lone task that must stop when asked). */
int world_hook(struct task *parent, struct task *t);

#endif
