/* Signals, kernel side: pending sets, dispositions, default actions,
 * delivery through the arch's signal frame, and host signals forwarded. */
#ifndef EMU_SIGNAL_H
#define EMU_SIGNAL_H

#include <stdbool.h>
#include <time.h>

#include "sched.h"

/* Forward the host signals a process can be sent to the running guest,
 * which starts with the mask and ignored signals emu was started with. */
void signal_host_init(struct task *t);
/* Before the process is freed: no host signal finds it any more. */
void signal_host_done(void);
/* After rt_sigaction changed sig's disposition: what the host must know. */
void signal_action_changed(struct task *t, int sig);
/* Before a syscall: the host thread blocks SIGTTIN/SIGTTOU as the guest's does. */
void signal_sync_tty_mask(struct task *t);
/* Make sig pending for the guest (from kill, a fault, a host signal). */
void signal_send(struct task *t, int sig, const struct guest_siginfo *info);
/* A synchronous fault: the kernel's force_sig_fault (a blocked or ignored
 * fault signal is unblocked and its default action taken). */
void signal_force(struct task *t, int sig, const struct guest_siginfo *info);
/* Whether a pending signal is not blocked. */
bool signal_deliverable(const struct task *t);
/* Deliver one deliverable signal: build the frame, or take the default
 * action (which may end the guest: t->process->killed_by). */
void signal_deliver(struct task *t);
/* Block until a signal not in mask is pending (sigsuspend, pause,
 * sigtimedwait); -EAGAIN when timeout (if given) runs out first. */
int signal_wait(struct task *t, uint64_t mask, const struct timespec *timeout);
/* Whether a deliverable signal will run a guest handler. */
bool signal_handler_pending(const struct task *t);
/* Whether a syscall that got EINTR is to be made again (SA_RESTART). */
bool signal_restart(const struct task *t);

#endif
