/* The named values and flags of the kinds that are only that (kinds.c): the
 * guest ABI's values, the same on riscv64 and x86-64 for all of these. */
#include "xlat.h"

#include <fcntl.h>
#include <linux/close_range.h>
#include <linux/kcmp.h>
#include <linux/falloc.h>
#include <linux/membarrier.h>
#include <linux/sched.h>
#include <sched.h>
#include <sys/fanotify.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/personality.h>
#include <sys/resource.h>
#include <sys/shm.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include <sys/xattr.h>

const struct xlat xl_clone_flags[] = {
	X(CLONE_VM), X(CLONE_FS), X(CLONE_FILES), X(CLONE_SIGHAND), X(CLONE_PIDFD), X(CLONE_PTRACE),
	X(CLONE_VFORK), X(CLONE_PARENT), X(CLONE_THREAD), X(CLONE_NEWNS), X(CLONE_SYSVSEM),
	X(CLONE_SETTLS), X(CLONE_PARENT_SETTID), X(CLONE_CHILD_CLEARTID), X(CLONE_DETACHED),
	X(CLONE_UNTRACED), X(CLONE_CHILD_SETTID), X(CLONE_NEWCGROUP), X(CLONE_NEWUTS),
	X(CLONE_NEWIPC), X(CLONE_NEWUSER), X(CLONE_NEWPID), X(CLONE_NEWNET), X(CLONE_IO), XEND,
};
const struct xlat xl_rename_flags[] = {
	{ 1, "RENAME_NOREPLACE" }, { 2, "RENAME_EXCHANGE" }, { 4, "RENAME_WHITEOUT" }, XEND,
};
const struct xlat xl_flock_op[] = { X(LOCK_SH), X(LOCK_EX), X(LOCK_NB), X(LOCK_UN), XEND };
const struct xlat xl_falloc_mode[] = {
	X(FALLOC_FL_KEEP_SIZE), X(FALLOC_FL_PUNCH_HOLE), X(FALLOC_FL_NO_HIDE_STALE),
	X(FALLOC_FL_COLLAPSE_RANGE), X(FALLOC_FL_ZERO_RANGE), X(FALLOC_FL_INSERT_RANGE),
	X(FALLOC_FL_UNSHARE_RANGE), XEND,
};
const struct xlat xl_memfd_flags[] = {
	{ 1, "MFD_CLOEXEC" }, { 2, "MFD_ALLOW_SEALING" }, { 4, "MFD_HUGETLB" }, { 8, "MFD_NOEXEC_SEAL" },
	{ 16, "MFD_EXEC" }, XEND,
};
const struct xlat xl_close_range_flags[] = { X(CLOSE_RANGE_UNSHARE), X(CLOSE_RANGE_CLOEXEC), XEND };
const struct xlat xl_xattr_flags[] = { X(XATTR_CREATE), X(XATTR_REPLACE), XEND };
const struct xlat xl_inotify_flags[] = { X(IN_NONBLOCK), X(IN_CLOEXEC), XEND };
const struct xlat xl_inotify_mask[] = {
	X(IN_ACCESS), X(IN_MODIFY), X(IN_ATTRIB), X(IN_CLOSE_WRITE), X(IN_CLOSE_NOWRITE), X(IN_OPEN),
	X(IN_MOVED_FROM), X(IN_MOVED_TO), X(IN_CREATE), X(IN_DELETE), X(IN_DELETE_SELF),
	X(IN_MOVE_SELF), X(IN_UNMOUNT), X(IN_Q_OVERFLOW), X(IN_IGNORED), X(IN_ONLYDIR),
	X(IN_DONT_FOLLOW), X(IN_EXCL_UNLINK), X(IN_MASK_CREATE), X(IN_MASK_ADD), X(IN_ISDIR),
	X(IN_ONESHOT), XEND,
};
const struct xlat xl_splice_flags[] = {
	{ 1, "SPLICE_F_MOVE" }, { 2, "SPLICE_F_NONBLOCK" }, { 4, "SPLICE_F_MORE" }, { 8, "SPLICE_F_GIFT" }, XEND,
};
const struct xlat xl_msync_flags[] = { X(MS_ASYNC), X(MS_INVALIDATE), X(MS_SYNC), XEND };
const struct xlat xl_mlockall_flags[] = { X(MCL_CURRENT), X(MCL_FUTURE), X(MCL_ONFAULT), XEND };
const struct xlat xl_mlock2_flags[] = { { 1, "MLOCK_ONFAULT" }, XEND };
const struct xlat xl_membarrier_cmd[] = {
	X(MEMBARRIER_CMD_QUERY), X(MEMBARRIER_CMD_GLOBAL), X(MEMBARRIER_CMD_GLOBAL_EXPEDITED),
	X(MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED), X(MEMBARRIER_CMD_PRIVATE_EXPEDITED),
	X(MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED), X(MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE),
	X(MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE), XEND,
};
const struct xlat xl_tfd_flags[] = { X(TFD_CLOEXEC), X(TFD_NONBLOCK), XEND };
const struct xlat xl_tfd_settime_flags[] = { X(TFD_TIMER_ABSTIME), X(TFD_TIMER_CANCEL_ON_SET), XEND };
const struct xlat xl_prio_which[] = { X(PRIO_PROCESS), X(PRIO_PGRP), X(PRIO_USER), XEND };
const struct xlat xl_sched_policy[] = {
	X(SCHED_OTHER), X(SCHED_FIFO), X(SCHED_RR), X(SCHED_BATCH), X(SCHED_IDLE), X(SCHED_DEADLINE), XEND,
};
const struct xlat xl_personality[] = { X(PER_LINUX), { 0xffffffff, "0xffffffff" }, XEND };
const struct xlat xl_idtype[] = { X(P_ALL), X(P_PID), X(P_PGID), X(P_PIDFD), XEND };
const struct xlat xl_pidfd_flags[] = { { 04000, "PIDFD_NONBLOCK" }, XEND };
const struct xlat xl_ipc_cmd[] = {
	X(IPC_RMID), X(IPC_SET), X(IPC_STAT), X(IPC_INFO), { 11, "GETPID" }, { 12, "GETVAL" },
	{ 13, "GETALL" }, { 14, "GETNCNT" }, { 15, "GETZCNT" }, { 16, "SETVAL" }, { 17, "SETALL" },
	X(SHM_LOCK), X(SHM_UNLOCK), XEND,
};
const struct xlat xl_rwf_flags[] = {
	{ 1, "RWF_HIPRI" }, { 2, "RWF_DSYNC" }, { 4, "RWF_SYNC" }, { 8, "RWF_NOWAIT" }, { 16, "RWF_APPEND" },
	{ 32, "RWF_NOAPPEND" }, XEND,
};
const struct xlat xl_msg_flags[] = {
	X(IPC_NOWAIT), { 010000, "MSG_NOERROR" }, { 020000, "MSG_EXCEPT" }, { 040000, "MSG_COPY" }, XEND,
};
const struct xlat xl_pkey_rights[] = { { 1, "PKEY_DISABLE_ACCESS" }, { 2, "PKEY_DISABLE_WRITE" }, XEND };
const struct xlat xl_mpol_modes[] = {
	{ 0, "MPOL_DEFAULT" }, { 1, "MPOL_PREFERRED" }, { 2, "MPOL_BIND" }, { 3, "MPOL_INTERLEAVE" },
	{ 4, "MPOL_LOCAL" }, { 5, "MPOL_PREFERRED_MANY" }, { 6, "MPOL_WEIGHTED_INTERLEAVE" }, XEND,
};
const struct xlat xl_shm_flags[] = { X(SHM_RDONLY), X(SHM_RND), X(SHM_REMAP), X(SHM_EXEC), XEND };
const struct xlat xl_mount_flags[] = {
	X(MS_RDONLY), X(MS_NOSUID), X(MS_NODEV), X(MS_NOEXEC), X(MS_SYNCHRONOUS), X(MS_REMOUNT),
	X(MS_MANDLOCK), X(MS_DIRSYNC), X(MS_NOSYMFOLLOW), X(MS_NOATIME), X(MS_NODIRATIME), X(MS_BIND),
	X(MS_MOVE), X(MS_REC), X(MS_SILENT), X(MS_POSIXACL), X(MS_UNBINDABLE), X(MS_PRIVATE),
	X(MS_SLAVE), X(MS_SHARED), X(MS_RELATIME), X(MS_KERNMOUNT), X(MS_I_VERSION), X(MS_STRICTATIME),
	X(MS_LAZYTIME), XEND,
};
const struct xlat xl_umount_flags[] = { X(MNT_FORCE), X(MNT_DETACH), X(MNT_EXPIRE), X(UMOUNT_NOFOLLOW), XEND };
const struct xlat xl_kcmp_types[] = {
	X(KCMP_FILE), X(KCMP_VM), X(KCMP_FILES), X(KCMP_FS), X(KCMP_SIGHAND), X(KCMP_IO), X(KCMP_SYSVSEM),
	X(KCMP_EPOLL_TFD), XEND,
};
const struct xlat xl_fan_init_flags[] = {
	X(FAN_CLOEXEC), X(FAN_NONBLOCK), X(FAN_UNLIMITED_QUEUE), X(FAN_UNLIMITED_MARKS), X(FAN_ENABLE_AUDIT),
	X(FAN_REPORT_PIDFD), X(FAN_REPORT_TID), X(FAN_REPORT_FID), X(FAN_REPORT_DIR_FID), X(FAN_REPORT_NAME),
	XEND,
};
const struct xlat xl_fan_mark_flags[] = {
	X(FAN_MARK_ADD), X(FAN_MARK_REMOVE), X(FAN_MARK_DONT_FOLLOW), X(FAN_MARK_ONLYDIR), X(FAN_MARK_MOUNT),
	X(FAN_MARK_IGNORED_MASK), X(FAN_MARK_IGNORED_SURV_MODIFY), X(FAN_MARK_FLUSH), X(FAN_MARK_FILESYSTEM),
	XEND,
};
const struct xlat xl_fan_mask[] = {
	X(FAN_ACCESS), X(FAN_MODIFY), X(FAN_ATTRIB), X(FAN_CLOSE_WRITE), X(FAN_CLOSE_NOWRITE), X(FAN_OPEN),
	X(FAN_MOVED_FROM), X(FAN_MOVED_TO), X(FAN_CREATE), X(FAN_DELETE), X(FAN_DELETE_SELF), X(FAN_MOVE_SELF),
	X(FAN_OPEN_EXEC), X(FAN_Q_OVERFLOW), X(FAN_OPEN_PERM), X(FAN_ACCESS_PERM), X(FAN_OPEN_EXEC_PERM),
	X(FAN_EVENT_ON_CHILD), X(FAN_ONDIR), XEND,
};
