/* Decoders of the time calls: clocks, timespecs, timevals, itimers. */
#include "decode.h"

#include <inttypes.h>
#include <sys/time.h>
#include <sys/timex.h>

static const struct xlat xl_itimers[] = { X(ITIMER_REAL), X(ITIMER_VIRTUAL), X(ITIMER_PROF), XEND };

void dec_clock(FILE *f, const struct targ *g)
{
	uint64_t v = V(g);
	xlat_print(f, xl_clocks, (int)v < 0 ? v : (uint32_t)v, "%lld");
}

void dec_timespec(FILE *f, const struct targ *g) { print_timespec(f, g->t, V(g)); }

void dec_timeval(FILE *f, const struct targ *g)
{
	int64_t tv[2];
	if (print_read(f, g->t, V(g), tv, sizeof(tv)))
		print_timeval(f, tv);
}

void dec_timer_flags(FILE *f, const struct targ *g) { xlat_flags(f, xl_timer_flags, V(g), NULL); }
void dec_itimer_which(FILE *f, const struct targ *g) { xlat_print(f, xl_itimers, V(g), "%llu"); }

void dec_itimerval(FILE *f, const struct targ *g)
{
	int64_t v[4];
	if (!print_read(f, g->t, V(g), v, sizeof(v)))
		return;
	fputs("{it_interval=", f);
	print_timeval(f, v);
	fputs(", it_value=", f);
	print_timeval(f, v + 2);
	fputc('}', f);
}

static const struct xlat xl_sigev_notify[] = {
	{ 0, "SIGEV_SIGNAL" }, { 1, "SIGEV_NONE" }, { 2, "SIGEV_THREAD" }, { 4, "SIGEV_THREAD_ID" }, XEND,
};

/* struct sigevent { sigval value; int signo, notify; union { int tid; ... } } */
void dec_sigevent(FILE *f, const struct targ *g)
{
	struct { uint64_t value; int32_t signo, notify, tid; } ev;
	if (!print_read(f, g->t, V(g), &ev, sizeof(ev)))
		return;
	fputc('{', f);
	if (ev.value)
		fprintf(f, "sigev_value={sival_int=%d, sival_ptr=%#llx}, ", (int)ev.value, (unsigned long long)ev.value);
	fputs("sigev_signo=", f);
	print_signame(f, ev.signo);
	fputs(", sigev_notify=", f);
	xlat_print(f, xl_sigev_notify, (uint32_t)ev.notify, "%#llx");
	if (ev.notify == 4)
		fprintf(f, ", sigev_notify_thread_id=%d", ev.tid);
	fputc('}', f);
}

void dec_itimerspec(FILE *f, const struct targ *g)
{
	int64_t v[4];
	if (!print_read(f, g->t, V(g), v, sizeof(v)))
		return;
	fprintf(f, "{it_interval={tv_sec=%" PRId64 ", tv_nsec=%" PRId64 "}, it_value={tv_sec=%" PRId64
		", tv_nsec=%" PRId64 "}}", v[0], v[1], v[2], v[3]);
}

static const struct xlat xl_adj_modes[] = {
	X(ADJ_OFFSET), X(ADJ_FREQUENCY), X(ADJ_MAXERROR), X(ADJ_ESTERROR), X(ADJ_STATUS),
	X(ADJ_TIMECONST), X(ADJ_TAI), X(ADJ_SETOFFSET), X(ADJ_MICRO), X(ADJ_NANO), X(ADJ_TICK), XEND,
};
static const struct xlat xl_sta[] = {
	X(STA_PLL), X(STA_PPSFREQ), X(STA_PPSTIME), X(STA_FLL), X(STA_INS), X(STA_DEL), X(STA_UNSYNC),
	X(STA_FREQHOLD), X(STA_PPSSIGNAL), X(STA_PPSJITTER), X(STA_PPSWANDER), X(STA_PPSERROR),
	X(STA_CLOCKERR), X(STA_NANO), X(STA_MODE), X(STA_CLK), XEND,
};

/* struct timex: the same on both 64-bit ABIs; what the kernel wrote back */
void dec_timex(FILE *f, const struct targ *g)
{
	struct timex x;
	if (!print_read(f, g->t, V(g), &x, sizeof(x)))
		return;
	fputs("{modes=", f);
	xlat_flags(f, xl_adj_modes, x.modes, NULL);
	fprintf(f, ", offset=%ld, freq=%ld, maxerror=%ld, esterror=%ld, status=", x.offset, x.freq, x.maxerror,
		x.esterror);
	xlat_flags(f, xl_sta, (uint32_t)x.status, NULL);
	fprintf(f, ", constant=%ld, precision=%ld, tolerance=%ld, time={tv_sec=%ld, tv_usec=%ld}, tick=%ld, "
		"ppsfreq=%ld, jitter=%ld, shift=%d, stabil=%ld, jitcnt=%ld, calcnt=%ld, errcnt=%ld, stbcnt=%ld, "
		"tai=%d}", x.constant, x.precision, x.tolerance, (long)x.time.tv_sec, (long)x.time.tv_usec, x.tick,
		x.ppsfreq, x.jitter, x.shift, x.stabil, x.jitcnt, x.calcnt, x.errcnt, x.stbcnt, x.tai);
}
