/* emu's own descriptors (the trace, its own executable, the gdb
 * connection and what gdb opens) live at EMU_FD_BASE and up, out of the
 * guest's way: the guest's next open gets the number it would natively,
 * its close_range and /proc/self/fd do not reach or show them. */
#ifndef EMU_OWNFD_H
#define EMU_OWNFD_H

#include <fcntl.h>
#include <unistd.h>

#define EMU_FD_BASE 900

/* fd moved to EMU_FD_BASE or above, close-on-exec; -1 stays -1 (and a
 * failed move is -1, fd closed either way). */
static inline int own_fd(int fd)
{
	if (fd < 0)
		return fd;
	int high = fcntl(fd, F_DUPFD_CLOEXEC, EMU_FD_BASE);
	close(fd);
	return high;
}

#endif
