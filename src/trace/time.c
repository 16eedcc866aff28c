/* Decoders of the time calls: clocks, timespecs, timevals, itimers. */
#include "decode.h"

#include <inttypes.h>
#include <sys/time.h>

static const struct xlat xl_itimers[] = { X(ITIMER_REAL), X(ITIMER_VIRTUAL), X(ITIMER_PROF), XEND };

void dec_clock(FILE *f, const struct targ *g)
{
	uint64_t v = V(g);
	xlat_print(f, xl_clocks, (int)v < 0 ? v : (uint32_t)v, "%lld");
}

void dec_timespec(FILE *f, const struct targ *g) { print_timespec(f, g->t, V(g)); }

static void timeval(FILE *f, const int64_t *tv)
{
	fprintf(f, "{tv_sec=%" PRId64 ", tv_usec=%" PRId64 "}", tv[0], tv[1]);
}

void dec_timeval(FILE *f, const struct targ *g)
{
	int64_t tv[2];
	if (print_read(f, g->t, V(g), tv, sizeof(tv)))
		timeval(f, tv);
}

void dec_timer_flags(FILE *f, const struct targ *g) { xlat_flags(f, xl_timer_flags, V(g), NULL); }
void dec_itimer_which(FILE *f, const struct targ *g) { xlat_print(f, xl_itimers, V(g), "%llu"); }

void dec_itimerval(FILE *f, const struct targ *g)
{
	int64_t v[4];
	if (!print_read(f, g->t, V(g), v, sizeof(v)))
		return;
	fputs("{it_interval=", f);
	timeval(f, v);
	fputs(", it_value=", f);
	timeval(f, v + 2);
	fputc('}', f);
}
