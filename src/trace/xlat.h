/* Tables of named values, as strace's xlat: one row per name. */
#ifndef EMU_XLAT_H
#define EMU_XLAT_H

#include <stdint.h>
#include <stdio.h>

struct xlat {
	uint64_t val;
	const char *name;
};
#define X(v) { (uint64_t)(v), #v }
#define XEND { 0, NULL }

extern const struct xlat xl_open_flags[], xl_at_flags[], xl_whence[], xl_prot[],
	xl_map_flags[], xl_mremap_flags[], xl_madvise[], xl_clocks[], xl_signals[],
	xl_sighow[], xl_sa_flags[], xl_fcntl[], xl_arch_prctl[],
	xl_random_flags[], xl_timer_flags[], xl_rlimits[], xl_file_type[], xl_ss_flags[],
	xl_access_modes[], xl_statx_mask[],
	/* xlat_more.c */
	xl_rename_flags[], xl_flock_op[], xl_falloc_mode[], xl_memfd_flags[], xl_close_range_flags[],
	xl_xattr_flags[], xl_inotify_flags[], xl_inotify_mask[], xl_splice_flags[], xl_msync_flags[],
	xl_mlockall_flags[], xl_mlock2_flags[], xl_membarrier_cmd[], xl_tfd_flags[],
	xl_tfd_settime_flags[], xl_prio_which[], xl_sched_policy[], xl_personality[], xl_idtype[],
	xl_pidfd_flags[], xl_ipc_cmd[], xl_shm_flags[], xl_rwf_flags[], xl_msg_flags[], xl_pkey_rights[],
	xl_mpol_modes[], xl_clone_flags[], xl_mount_flags[], xl_umount_flags[], xl_kcmp_types[],
	xl_fan_init_flags[], xl_fan_mark_flags[], xl_fan_mask[];

/* The name of val in t, or NULL. */
const char *xlat_name(const struct xlat *t, uint64_t val);
/* val as NAME, or as numeric fallback in fmt. */
void xlat_print(FILE *f, const struct xlat *t, uint64_t val, const char *fmt);
/* val as FLAG|FLAG|0x..., "0" when empty (or zero_name if given). */
void xlat_flags(FILE *f, const struct xlat *t, uint64_t val, const char *zero_name);

#endif
