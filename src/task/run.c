/* The run loop of one task.  The CPU runs until something needs the
 * kernel: exit, rt_sigreturn, a syscall to make again, a fault, a signal to
 * deliver, another task's world-stop.  All of it is done here with the CPU
 * stopped, then it goes on where the registers say. */
#include "run.h"

#include <signal.h>

#include "../arch/cpu.h"
#include "../gdb/gdb.h"
#include "signal.h"
#include "world.h"

/* A synchronous fault becomes the guest's signal, at the faulting pc. */
static void fault(struct task *t, int sig, int code, uint64_t pc, uint64_t addr)
{
	if (sig == SIGSEGV && code == 0)
		code = mm_lookup(t->process->mm, addr) ? SEGV_ACCERR : SEGV_MAPERR;
	struct guest_siginfo info = { .code = code, .pid = 0, .uid = 0, .addr = addr };
	t->fault_sig = 0;
	t->fault_report = sig;
	t->fault_pc = pc;
	t->fault_addr = addr;
	cpu_reg_write(t, t->process->arch->pc_reg, pc);
	signal_force(t, sig, &info);
}

/* The CPU runs until something needs the kernel: exit, rt_sigreturn, a
 * syscall to make again, a fault, a signal to deliver, another thread's
 * world-stop.  All of it is done here with the CPU stopped, then it goes on
 * where the registers say. */
void task_run(struct task *t, uint64_t pc)
{
	const struct arch *arch = t->process->arch;
	for (;;) {
		world_enter(t);
		if (t->process->gdb)
			gdb_sync(t);
		uc_err err = uc_emu_start(t->uc, pc, 0, 0, 0);
		world_leave(t);
		/* signals sent before now are looked at below */
		__atomic_store_n(&t->interrupted, 0, __ATOMIC_SEQ_CST);
		if (task_ending(t))
			return;
		/* stopped by another task (a world-stop, a signal for us) */
		bool work = __atomic_exchange_n(&t->kicks, 0, __ATOMIC_SEQ_CST) > 0 ||
			    signal_deliverable(t);
		if (t->sigreturn) {
			uint64_t mask;
			t->sigreturn = false;
			work = true;
			if (arch->sigreturn(t, &mask) == 0) {
				t->sigmask = mask & ~(SIGBIT(SIGKILL) | SIGBIT(SIGSTOP));
			} else {
				struct guest_siginfo info = { .code = SI_KERNEL, .pid = 0, .uid = 0, .addr = 0 };
				signal_force(t, SIGSEGV, &info);
			}
		}
		if (t->restart_syscall) {
			t->restart_syscall = false;
			work = true;
			cpu_reg_write(t, arch->pc_reg, arch->pc(t) - arch->syscall_insn_len);
		}
		/* a breakpoint, step, watchpoint or ^C: gdb has seen it */
		if (t->process->gdb && gdb_stop_event(t))
			work = true;
		if (t->fault_sig) {
			fault(t, t->fault_sig, t->fault_code, t->fault_pc, t->fault_addr);
		} else if (err == UC_ERR_EXCEPTION && t->fault_has_addr) {
			/* our TLB-fill hook refused the access: a page fault */
			fault(t, SIGSEGV, 0, arch->pc(t), t->fault_addr);
		} else if (err != UC_ERR_OK || !work) {
			/* an invalid instruction, or the CPU stopped by itself (hlt,
			 * which user mode may not run: #GP, so SIGSEGV) */
			int code = SI_KERNEL, sig = SIGSEGV;
			if (err == UC_ERR_INSN_INVALID)
				sig = arch->insn_invalid_signal ? arch->insn_invalid_signal(t, arch->pc(t), &code)
							  : (code = ILL_ILLOPN, SIGILL);
			fault(t, sig, code, arch->pc(t), arch->pc(t));
			t->fault_has_addr = false;
		}
		while (!task_ending(t) && signal_deliverable(t)) {
			int before = t->fault_report;
			signal_deliver(t);
			/* a handler took the fault: nothing to report if the guest dies later */
			if (!task_ending(t) && before)
				t->fault_report = 0;
		}
		if (task_ending(t))
			return;
		pc = arch->pc(t);
	}
}
