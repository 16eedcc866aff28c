/* The one table of argument kinds: each kind's decoder, and whether the
 * kernel writes it (so it is shown on return). */
#include "decode.h"

#define IN(k, fn) [k] = { fn, false }
#define OUT(k, fn) [k] = { fn, true }

const struct kind trace_kinds[K_COUNT] = {
	IN(K_INT, dec_int), IN(K_UINT, dec_uint), IN(K_HEX, dec_hex), IN(K_PTR, dec_ptr),
	IN(K_SIZE, dec_size), IN(K_OFF, dec_off), IN(K_FD, dec_fd), IN(K_DIRFD, dec_dirfd),
	IN(K_PATH, dec_path), IN(K_IBUF, dec_ibuf), OUT(K_OBUF, dec_obuf),
	IN(K_IOVEC, dec_iovec), OUT(K_O_IOVEC, dec_o_iovec), IN(K_OFLAGS, dec_oflags),
	IN(K_MODE, dec_mode), IN(K_ATFLAGS, dec_atflags), IN(K_WHENCE, dec_whence),
	IN(K_PROT, dec_prot), IN(K_MAPFLAGS, dec_mapflags), IN(K_MREMAP_FLAGS, dec_mremap_flags),
	IN(K_MADVICE, dec_madvice), IN(K_CLOCK, dec_clock), IN(K_SIGNUM, dec_signum),
	IN(K_SIGHOW, dec_sighow), IN(K_SIGSET, dec_sigset), OUT(K_O_SIGSET, dec_sigset),
	IN(K_SIGACTION, dec_sigaction), OUT(K_O_SIGACTION, dec_sigaction),
	IN(K_TIMESPEC, dec_timespec), OUT(K_O_TIMESPEC, dec_timespec), OUT(K_O_TIMEVAL, dec_timeval),
	OUT(K_O_STAT, dec_stat), OUT(K_O_STATX, dec_statx), OUT(K_O_DIRENTS, dec_dirents),
	OUT(K_O_PIPEFDS, dec_pipefds), OUT(K_O_UTSNAME, dec_utsname), OUT(K_O_SYSINFO, dec_sysinfo),
	IN(K_RESOURCE, dec_resource), IN(K_RLIMIT, dec_rlimit), OUT(K_O_RLIMIT, dec_rlimit),
	OUT(K_O_CPUSET, dec_cpuset), OUT(K_O_UINT, dec_o_uint), IN(K_FCNTL_CMD, dec_fcntl_cmd),
	IN(K_IOCTL_REQ, dec_ioctl_req), IN(K_ARCH_PRCTL, dec_arch_prctl),
	IN(K_RANDOM_FLAGS, dec_random_flags), IN(K_TIMER_FLAGS, dec_timer_flags),
	IN(K_STACK, dec_stack), OUT(K_O_STACK, dec_stack), OUT(K_O_RANDOM, dec_random),
	IN(K_AF, dec_af), IN(K_SOCKTYPE, dec_socktype), IN(K_SOCKFLAGS, dec_sockflags),
	IN(K_SOCKPROTO, dec_sockproto), IN(K_SOCKADDR, dec_sockaddr),
	OUT(K_O_SOCKADDR, dec_o_sockaddr), OUT(K_IO_SOCKLEN, dec_io_socklen),
	IN(K_SOCKLEVEL, dec_socklevel), IN(K_SOCKOPT, dec_sockopt), IN(K_OPTVAL, dec_optval),
	IN(K_MSGFLAGS, dec_msgflags), IN(K_SHUT, dec_shut), IN(K_EFD_FLAGS, dec_efd_flags),
	IN(K_EPOLL_FLAGS, dec_epoll_flags), IN(K_EPOLL_OP, dec_epoll_op),
	IN(K_EPOLL_EVENT, dec_epoll_event), OUT(K_O_EPOLL_EVENTS, dec_epoll_events),
	IN(K_FDSET, dec_fdset), IN(K_MSGHDR, dec_msghdr), OUT(K_O_MSGHDR, dec_o_msghdr),
	IN(K_ACCESS, dec_access), IN(K_STATX_MASK, dec_statx_mask), OUT(K_O_STATFS, dec_statfs),
	IN(K_UMASK, dec_umask), IN(K_FCNTL_ARG, dec_fcntl_arg), OUT(K_O_WSTATUS, dec_wstatus),
	IN(K_WAIT_OPTS, dec_wait_opts), OUT(K_O_RUSAGE, dec_rusage), IN(K_WHO, dec_who),
	IN(K_CLONE_FLAGS, dec_clone_flags), IN(K_FUTEX_OP, dec_futex_op),
	IN(K_FUTEX_VAL3, dec_futex_val3), IN(K_ARGV, dec_argv), IN(K_ENVP, dec_envp),
	IN(K_PRCTL_OP, dec_prctl_op), IN(K_ITIMER_WHICH, dec_itimer_which),
	IN(K_ITIMERVAL, dec_itimerval), OUT(K_O_ITIMERVAL, dec_itimerval), IN(K_FADVICE, dec_fadvice),
	IN(K_STATX_FLAGS, dec_statx_flags), IN(K_SIGFRAME, dec_sigframe),
	IN(K_PIPE_FLAGS, dec_pipe_flags), OUT(K_O_CWD, dec_cwd), IN(K_POLLFDS, dec_pollfds),
	OUT(K_CLONE_ARGS, dec_clone_args), OUT(K_O_OPTVAL, dec_optval),
};
