/* One printer per argument kind (enum arg_kind in syscalls.h). */
#ifndef EMU_FORMAT_H
#define EMU_FORMAT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct task;

/* Print argument i of a call (all arguments in a, its kind kinds[i]); ret is
 * the call's result, used by output kinds (printed only when exiting). */
void format_arg(FILE *f, struct task *t, const uint8_t *kinds, const uint64_t *a, unsigned i,
		long ret);
/* Whether the kind is written by the call, so printed after it. */
bool format_is_output(uint8_t kind);
/* Whether argument i is left out, as strace leaves out open's mode without O_CREAT. */
bool format_omitted(const uint8_t *kinds, const uint64_t *a, unsigned i);
void format_ret(FILE *f, uint8_t ret_kind, long ret);
/* The socket and event-wait kinds (net.c); false for any other kind. */
bool format_net(FILE *f, struct task *t, const uint8_t *kinds, const uint64_t *a, unsigned i,
		long ret);
/* What an in-and-out argument adds on return to what entry printed
 * (socklen: "[16" then " => 8]"); nothing for other kinds. */
void format_after(FILE *f, struct task *t, const uint8_t *kinds, const uint64_t *a, unsigned i,
		  long ret, const char *entry);
/* cnt iovecs at addr; total >= 0: only that many bytes were written. */
void format_iovec(FILE *f, struct task *t, uint64_t addr, uint64_t cnt, long total);
/* An address as strace prints one: hex, or NULL. */
void format_ptr(FILE *f, uint64_t v);
/* A guest string in strace's quoting, cut at max bytes ("..." after). */
void format_str(FILE *f, struct task *t, uint64_t addr, long len, int max);

#endif
