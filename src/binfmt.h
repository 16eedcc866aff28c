/* emu as binfmt_misc's interpreter: --binfmt register, unregister, status. */
#ifndef EMU_BINFMT_H
#define EMU_BINFMT_H

struct binfmt_opts {
	const char *flags;	/* binfmt_misc's F P O C, default "PF" */
	const char *arch;	/* riscv64, x86_64, all (default: all but the host's) */
	const char *mount;	/* binfmt_misc's mount point */
};

/* cmd is register, unregister or status; emu's exit status. */
int binfmt_run(const char *cmd, const struct binfmt_opts *o);

#endif
