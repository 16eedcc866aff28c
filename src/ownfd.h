/* emu's own descriptors (the trace, the log, its own executable, the gdb
 * connection and what gdb opens) live at EMU_FD_BASE and up, out of the
 * guest's way: the guest's next open gets the number it would natively,
 * and each one is marked as emu's, so that no guest syscall reaches it:
 * a descriptor argument naming one is EBADF (as a closed one would be),
 * dup2 onto one is EBADF, close_range and /proc/self/fd pass over them. */
#ifndef EMU_OWNFD_H
#define EMU_OWNFD_H

#include <stdbool.h>

#define EMU_FD_BASE 900
#define EMU_FD_SPAN 1024	/* emu's own are in [BASE, BASE + SPAN) */

/* fd moved to EMU_FD_BASE or above, close-on-exec, and marked emu's; -1
 * stays -1 (and a failed move is -1, fd closed either way). */
int own_fd(int fd);
/* An emu descriptor handed on by the emu before this one (--trace-fd). */
int own_fd_adopt(int fd);
/* Close one of emu's descriptors. */
void own_fd_close(int fd);
/* Whether fd is one of emu's (any thread; also in a fork's child). */
bool own_fd_is(long fd);

#endif
