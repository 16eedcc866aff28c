/* The set of emu's own descriptors: one bit each, in a fixed window above
 * the guest's usual numbers. */
#include "ownfd.h"

#include <fcntl.h>
#include <stdint.h>
#include <unistd.h>

static uint64_t owned[EMU_FD_SPAN / 64];

static void mark(int fd, bool on)
{
	unsigned i = fd - EMU_FD_BASE;
	if (fd < EMU_FD_BASE || i >= EMU_FD_SPAN)
		return;
	if (on)
		__atomic_fetch_or(&owned[i / 64], 1ULL << (i % 64), __ATOMIC_RELEASE);
	else
		__atomic_fetch_and(&owned[i / 64], ~(1ULL << (i % 64)), __ATOMIC_RELEASE);
}

bool own_fd_is(long fd)
{
	unsigned long i = (unsigned long)fd - EMU_FD_BASE;
	return i < EMU_FD_SPAN && (__atomic_load_n(&owned[i / 64], __ATOMIC_ACQUIRE) >> (i % 64) & 1);
}

int own_fd(int fd)
{
	if (fd < 0)
		return fd;
	int high = fcntl(fd, F_DUPFD_CLOEXEC, EMU_FD_BASE);
	close(fd);
	if (high >= EMU_FD_BASE + EMU_FD_SPAN) {
		close(high);
		return -1;
	}
	mark(high, true);
	return high;
}

int own_fd_adopt(int fd)
{
	if (fd >= EMU_FD_BASE && fd < EMU_FD_BASE + EMU_FD_SPAN)
		mark(fd, true);
	return fd;
}

void own_fd_close(int fd)
{
	if (fd < 0)
		return;
	mark(fd, false);
	close(fd);
}
