/* Decoders of the signal calls, and the siginfo of strace's
 * "--- SIGx {...} ---" lines. */
#include "decode.h"

#include <inttypes.h>
#include <signal.h>

#include "../arch/arch.h"

static const struct xlat xl_si_codes[] = {
	X(SI_USER), X(SI_KERNEL), X(SI_QUEUE), X(SI_TIMER), X(SI_MESGQ), X(SI_ASYNCIO), X(SI_SIGIO),
	X(SI_TKILL), XEND,
};
static const struct xlat xl_cld_codes[] = {
	X(CLD_EXITED), X(CLD_KILLED), X(CLD_DUMPED), X(CLD_TRAPPED), X(CLD_STOPPED), X(CLD_CONTINUED), XEND,
};
static const struct xlat xl_segv_codes[] = {
	X(SEGV_MAPERR), X(SEGV_ACCERR), X(SEGV_BNDERR), X(SEGV_PKUERR), XEND,
};
static const struct xlat xl_bus_codes[] = { X(BUS_ADRALN), X(BUS_ADRERR), X(BUS_OBJERR), XEND };
static const struct xlat xl_ill_codes[] = {
	X(ILL_ILLOPC), X(ILL_ILLOPN), X(ILL_ILLADR), X(ILL_ILLTRP), X(ILL_PRVOPC), X(ILL_PRVREG),
	X(ILL_COPROC), X(ILL_BADSTK), XEND,
};
static const struct xlat xl_fpe_codes[] = {
	X(FPE_INTDIV), X(FPE_INTOVF), X(FPE_FLTDIV), X(FPE_FLTOVF), X(FPE_FLTUND), X(FPE_FLTRES),
	X(FPE_FLTINV), X(FPE_FLTSUB), XEND,
};
static const struct xlat xl_trap_codes[] = { X(TRAP_BRKPT), X(TRAP_TRACE), XEND };

void dec_sigframe(FILE *f, const struct targ *g)
{
	uint64_t mask, ret;
	if (g->t->process->arch->sigframe_peek(g->t, &mask, &ret)) {
		fputs("{mask=?}", f);
		return;
	}
	fputs("{mask=", f);
	print_sigset_value(f, mask, 8);
	fputc('}', f);
}

void dec_signum(FILE *f, const struct targ *g) { print_signame(f, (int)V(g)); }
void dec_sighow(FILE *f, const struct targ *g) { xlat_print(f, xl_sighow, V(g), "%#llx"); }
void dec_sigset(FILE *f, const struct targ *g) { print_sigset(f, g->t, V(g), 8); }

void dec_sigaction(FILE *f, const struct targ *g)
{
	uint64_t sa[4], v = V(g);
	int words = g->t->process->arch->sa_restorer ? 4 : 3;
	if (!print_read(f, g->t, v, sa, words * 8))
		return;
	fputs("{sa_handler=", f);
	if (sa[0] <= 1)
		fputs(sa[0] ? "SIG_IGN" : "SIG_DFL", f);
	else
		fprintf(f, "%#" PRIx64, sa[0]);
	fputs(", sa_mask=", f);
	print_sigset(f, g->t, v + 8 * (words - 1), 8);
	fputs(", sa_flags=", f);
	xlat_flags(f, xl_sa_flags, sa[1], NULL);
	if (words == 4 && (sa[1] & 0x04000000))
		fprintf(f, ", sa_restorer=%#" PRIx64, sa[2]);
	fputc('}', f);
}

void dec_stack(FILE *f, const struct targ *g)
{
	uint64_t ss[3];
	if (!print_read(f, g->t, V(g), ss, sizeof(ss)))
		return;
	fputs("{ss_sp=", f);
	print_ptr(f, ss[0]);
	fputs(", ss_flags=", f);
	xlat_flags(f, xl_ss_flags, (uint32_t)ss[1], NULL);
	fprintf(f, ", ss_size=%" PRIu64 "}", ss[2]);
}

/* A siginfo as strace prints a delivered signal's */
void print_siginfo(FILE *f, const siginfo_t *si)
{
	int sig = si->si_signo, code = si->si_code;
	const struct xlat *codes = NULL;
	if (code > 0)
		codes = sig == SIGCHLD ? xl_cld_codes : sig == SIGSEGV ? xl_segv_codes : sig == SIGBUS ? xl_bus_codes :
			sig == SIGILL ? xl_ill_codes : sig == SIGFPE ? xl_fpe_codes : sig == SIGTRAP ? xl_trap_codes : NULL;
	fputs("{si_signo=", f);
	print_signame(f, sig);
	fputs(", si_code=", f);
	xlat_print(f, codes ? codes : xl_si_codes, (uint64_t)(int64_t)code, "%lld");
	if (si->si_errno)
		fprintf(f, ", si_errno=%d", si->si_errno);
	if (code == SI_TIMER) {
		fprintf(f, ", si_timerid=%#x, si_overrun=%d, si_int=%d, si_ptr=%p", si->si_timerid,
			si->si_overrun, si->si_int, si->si_ptr);
	} else if (code <= 0 && code != SI_KERNEL) {
		fprintf(f, ", si_pid=%d, si_uid=%u", si->si_pid, si->si_uid);
		if (code == SI_QUEUE)
			fprintf(f, ", si_int=%d, si_ptr=%p", si->si_int, si->si_ptr);
	} else if (sig == SIGCHLD) {
		fprintf(f, ", si_pid=%d, si_uid=%u, si_status=", si->si_pid, si->si_uid);
		if (code == CLD_EXITED)
			fprintf(f, "%d", si->si_status);
		else
			print_signame(f, si->si_status);
		/* clock ticks, and what they are in seconds when not none */
		long ticks[2] = { (long)si->si_utime, (long)si->si_stime };
		for (int k = 0; k < 2; k++) {
			fprintf(f, k ? ", si_stime=%ld" : ", si_utime=%ld", ticks[k]);
			if (ticks[k])
				fprintf(f, " /* %.2f s */", ticks[k] / 100.0);
		}
	} else if (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE || sig == SIGTRAP) {
		fputs(", si_addr=", f);
		print_ptr(f, (uint64_t)(uintptr_t)si->si_addr);
	}
	fputc('}', f);
}

/* a siginfo the program passes or the kernel fills: the same 128 bytes on both ABIs */
void dec_siginfo(FILE *f, const struct targ *g)
{
	siginfo_t si;
	if (print_read(f, g->t, V(g), &si, sizeof(si)))
		print_siginfo(f, &si);
}
