/* /proc/self as the guest must see it: its own program, auxv, maps, cmdline
 * and environment rather than emu's.  Everything else passes through. */
#ifndef EMU_PROCFS_H
#define EMU_PROCFS_H

#include <stddef.h>

#include "../task/sched.h"

#define PROC_PASS (-100000L)	/* not ours: do the host call */

/* An fd for a synthesized /proc/self file, -errno, or PROC_PASS. */
long proc_open(struct task *t, int dirfd, const char *path, int flags);
/* A listing read from dirfd (n bytes of linux_dirent64): when it is
 * /proc/self/fd or fdinfo, without emu's own descriptors; the new length. */
long proc_filter_dirents(struct task *t, int dirfd, void *buf, long n);
/* readlink of /proc/self/exe, or PROC_PASS. */
long proc_readlink(struct task *t, int dirfd, const char *path, char *buf, size_t size);
/* Where the guest's path is on the host: /proc/self/exe is the program,
 * and with a sysroot (-L) absolute names are looked up under it first.
 * The result may be a static buffer, good until the next call. */
const char *host_path(struct task *t, const char *path);

#endif
