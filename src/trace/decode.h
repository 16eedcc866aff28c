/* The decoders: one printer per argument kind (enum arg_kind in
 * syscalls.h), found through one table (kinds.c), written by subject as
 * strace's own are (fs.c, mem.c, process.c, signal.c, time.c, net.c) on the
 * primitives of print.c.  format.c only frames a line. */
#ifndef EMU_DECODE_H
#define EMU_DECODE_H

#include <stdbool.h>
#include <stdint.h>
#include <signal.h>
#include <stdio.h>

#include "../syscalls/syscalls.h"
#include "xlat.h"

/* One argument of a call: all of them in a, this one a[i]; ret the result
 * (for what the kernel wrote), or 0 on entry. */
struct targ {
	struct task *t;
	const uint8_t *kinds;
	const uint64_t *a;
	unsigned i;
	long ret;
	const uint64_t *in_val;	/* on return: in-and-out values as they were on entry (UINT64_MAX: unreadable) */
};
#define V(g) ((g)->a[(g)->i])
#define FAILED(g) ((g)->ret < 0 && (g)->ret >= -4095)

typedef void decoder(FILE *f, const struct targ *g);
struct kind {
	decoder *print;
	bool out;	/* written by the call: printed on return, an address if it failed */
	const struct xlat *xl;	/* or a named value (flags: or'ed names) from this table */
	bool flags;
	decoder *after;		/* an input's own addition on return, after its entry text */
	bool inout;		/* read and written: its decoder shows it itself when the call failed */
};
extern const struct kind trace_kinds[K_COUNT];

/* print.c: the primitives */
void print_ptr(FILE *f, uint64_t v);
/* len < 0: NUL-terminated and never cut (paths); else at most max bytes */
void print_str(FILE *f, struct task *t, uint64_t addr, long len, int max);
void print_hex_str(FILE *f, struct task *t, uint64_t addr, long len, int max);
/* cnt iovecs at addr; total >= 0: only that many bytes were written */
void print_iovec(FILE *f, struct task *t, uint64_t addr, uint64_t cnt, long total);
/* a struct read from the guest, or the address when it can't be */
bool print_read(FILE *f, struct task *t, uint64_t addr, void *buf, size_t n);
int print_strsize(struct task *t);
void print_sigset(FILE *f, struct task *t, uint64_t addr, uint64_t size);
void print_signame(FILE *f, int sig);
void print_sigset_value(FILE *f, uint64_t set, uint64_t size);
void print_timespec(FILE *f, struct task *t, uint64_t addr);
void print_timeval(FILE *f, const int64_t *tv);	/* one already read */

/* whole-call helpers of the frame (format.c) */
void trace_fd(FILE *f, struct task *t, int fd);		/* with -y, <what it names> */
bool trace_fcntl_noarg(uint64_t cmd);
void trace_fcntl_ret(FILE *f, uint64_t cmd, long ret);
void trace_clone(FILE *f, struct task *t, const uint64_t *a, bool exiting);
bool trace_futex_shows(uint64_t op, unsigned i);
unsigned trace_prctl_nargs(uint64_t op);
uint64_t trace_in_val(struct task *t, uint8_t kind, uint64_t addr);	/* UINT64_MAX: none */

decoder dec_int, dec_uint, dec_hex, dec_ptr, dec_size, dec_off, dec_octal, dec_f64, dec_f32;
/* a double as the shortest text that reads back the same */
void print_double(FILE *f, double d);
/* fs.c */
decoder dec_fd, dec_dirfd, dec_path, dec_ibuf, dec_obuf, dec_iovec, dec_o_iovec, dec_oflags,
	dec_mode, dec_atflags, dec_whence, dec_stat, dec_statx, dec_statx_mask, dec_dirents,
	dec_pipefds, dec_fcntl_cmd, dec_fcntl_arg, dec_ioctl_req, dec_access, dec_statfs,
	dec_umask, dec_fadvice, dec_statx_flags, dec_pipe_flags, dec_cwd, dec_pollfds, dec_fan_init_flags;
void trace_poll_ret(FILE *f, struct task *t, const uint64_t *a, long ret);
/* mem.c */
decoder dec_prot, dec_mapflags, dec_mremap_flags, dec_madvice;
/* process.c */
decoder dec_resource, dec_rlimit, dec_utsname, dec_sysinfo, dec_cpuset, dec_o_uint,
	dec_arch_prctl, dec_random_flags, dec_random, dec_wstatus, dec_wait_opts, dec_rusage,
	dec_clone_flags, dec_clone_args, dec_clone_args_after, dec_futex_op, dec_futex_val3, dec_argv, dec_envp, dec_prctl_op,
	dec_who;
/* signal.c */
decoder dec_sigframe, dec_signum, dec_sighow, dec_sigset, dec_sigaction, dec_stack;
/* the kinds of the second batch, by subject */
decoder dec_utimens, dec_utimes, dec_xattr_val, dec_xattr_list, dec_open_how, dec_dev, dec_io_loff,
	dec_pselect_mask, dec_ioctl_arg;				/* fs.c */
bool trace_ioctl_has_arg(uint64_t req);
decoder dec_gids, dec_cap_header, dec_cap_data, dec_tms, dec_sched_param, dec_cpuset_in,
	dec_prctl_arg, dec_ipc_flags, dec_ipc_key, dec_sembuf, dec_msgbuf, dec_mpol_mode, dec_ptrval,
	dec_sizeval, dec_ipc_buf, dec_mq_attr, dec_sched_attr;		/* process.c */
decoder dec_mincore;						/* mem.c */
decoder dec_timex;						/* time.c */
decoder dec_siginfo;						/* signal.c */
decoder dec_sigevent, dec_itimerspec;				/* time.c */
void trace_select_ret(FILE *f, struct task *t, const uint64_t *a, long ret, bool nsec);
/* time.c */
decoder dec_clock, dec_timespec, dec_timeval, dec_timer_flags, dec_itimer_which,
	dec_itimerval;
/* signal.c: a delivered signal's siginfo, as strace's --- SIGx {...} --- */
void print_siginfo(FILE *f, const siginfo_t *si);
/* net.c */
decoder dec_af, dec_socktype, dec_sockflags, dec_sockproto, dec_sockaddr, dec_o_sockaddr,
	dec_io_socklen, dec_socklevel, dec_sockopt, dec_optval, dec_msgflags, dec_msghdr,
	dec_o_msghdr, dec_shut, dec_efd_flags, dec_epoll_flags, dec_epoll_op, dec_epoll_event,
	dec_epoll_events, dec_fdset, dec_mmsg;

#endif
