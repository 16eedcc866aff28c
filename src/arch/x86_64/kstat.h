/* struct stat as the x86-64 kernel writes it (arch/x86/include/uapi/asm/stat.h). */
#ifndef EMU_X86_64_KSTAT_H
#define EMU_X86_64_KSTAT_H
#include <stdint.h>

struct x86_64_stat {
	uint64_t dev, ino, nlink;
	uint32_t mode, uid, gid, pad0;
	uint64_t rdev;
	int64_t size, blksize, blocks;
	uint64_t atime, atime_nsec, mtime, mtime_nsec, ctime, ctime_nsec;
	int64_t unused[3];
};
_Static_assert(sizeof(struct x86_64_stat) == 144, "x86-64 stat is 144 bytes");

#endif
