/* struct stat as the riscv64 kernel writes it (asm-generic/stat.h). */
#ifndef EMU_RISCV64_KSTAT_H
#define EMU_RISCV64_KSTAT_H
#include <stdint.h>

struct riscv64_stat {
	uint64_t dev, ino;
	uint32_t mode, nlink, uid, gid;
	uint64_t rdev, pad1;
	int64_t size;
	int32_t blksize, pad2;
	int64_t blocks;
	int64_t atime;
	uint64_t atime_nsec;
	int64_t mtime;
	uint64_t mtime_nsec;
	int64_t ctime;
	uint64_t ctime_nsec;
	uint32_t unused4, unused5;
};
_Static_assert(sizeof(struct riscv64_stat) == 128, "asm-generic stat is 128 bytes");

#endif
