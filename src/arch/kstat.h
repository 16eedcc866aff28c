/* Filling an arch's kernel struct stat (kstat.h in each arch folder, with
 * the same field names) from a host struct stat and back. */
#ifndef EMU_ARCH_KSTAT_H
#define EMU_ARCH_KSTAT_H

#include <string.h>
#include <sys/stat.h>

#define KSTAT_FROM_HOST(k, st) do {                                                  \
	memset(&(k), 0, sizeof(k));                                                  \
	(k).dev = (st)->st_dev, (k).ino = (st)->st_ino, (k).mode = (st)->st_mode;    \
	(k).nlink = (st)->st_nlink, (k).uid = (st)->st_uid, (k).gid = (st)->st_gid;  \
	(k).rdev = (st)->st_rdev, (k).size = (st)->st_size;                          \
	(k).blksize = (st)->st_blksize, (k).blocks = (st)->st_blocks;                \
	(k).atime = (st)->st_atim.tv_sec, (k).atime_nsec = (st)->st_atim.tv_nsec;    \
	(k).mtime = (st)->st_mtim.tv_sec, (k).mtime_nsec = (st)->st_mtim.tv_nsec;    \
	(k).ctime = (st)->st_ctim.tv_sec, (k).ctime_nsec = (st)->st_ctim.tv_nsec;    \
} while (0)

#define KSTAT_TO_HOST(st, k) do {                                                    \
	memset((st), 0, sizeof(*(st)));                                              \
	(st)->st_dev = (k).dev, (st)->st_ino = (k).ino, (st)->st_mode = (k).mode;    \
	(st)->st_nlink = (k).nlink, (st)->st_uid = (k).uid, (st)->st_gid = (k).gid;  \
	(st)->st_rdev = (k).rdev, (st)->st_size = (k).size;                          \
	(st)->st_blksize = (k).blksize, (st)->st_blocks = (k).blocks;                \
	(st)->st_atim.tv_sec = (k).atime, (st)->st_atim.tv_nsec = (k).atime_nsec;    \
	(st)->st_mtim.tv_sec = (k).mtime, (st)->st_mtim.tv_nsec = (k).mtime_nsec;    \
	(st)->st_ctim.tv_sec = (k).ctime, (st)->st_ctim.tv_nsec = (k).ctime_nsec;    \
} while (0)

#endif
