/* The decoders' primitives: addresses, strings and byte strings as strace
 * quotes them (-s, -x, -xx), iovecs, signal sets and times. */
#include "decode.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

int print_strsize(struct task *t)
{
	return t->process->cfg->trace.strsize;
}

void print_ptr(FILE *f, uint64_t v)
{
	if (v)
		fprintf(f, "%#" PRIx64, v);
	else
		fputs("NULL", f);
}

bool print_read(FILE *f, struct task *t, uint64_t addr, void *buf, size_t n)
{
	if (addr && !guest_read(t->process->mm, addr, buf, n))
		return true;
	print_ptr(f, addr);
	return false;
}

void print_hex_str(FILE *f, struct task *t, uint64_t addr, long len, int max)
{
	const uint8_t *s = guest_ptr(t->process->mm, addr, len, PROT_READ);
	fputc('"', f);
	for (long i = 0; s && i < len && i < max; i++)
		fprintf(f, "\\x%02x", s[i]);
	fputs(len > max ? "\"..." : "\"", f);
}

void print_str(FILE *f, struct task *t, uint64_t addr, long len, int max)
{
	const char *s = len < 0 ? guest_str(t->process->mm, addr) : guest_ptr(t->process->mm, addr, len, PROT_READ);
	if (!s) {
		print_ptr(f, addr);
		return;
	}
	size_t n = len < 0 ? strlen(s) : (size_t)len, show = len < 0 || (long)n <= max ? n : (size_t)max;
	int x = t->process->cfg->trace.xflag;
	bool hex = x > 1;
	for (size_t i = 0; x == 1 && i < show && !hex; i++)	/* -x: all in hex if any is not ASCII */
		hex = (unsigned char)s[i] >= 0x80 || (!isprint((unsigned char)s[i]) && !isspace((unsigned char)s[i]));
	if (hex) {
		print_hex_str(f, t, addr, n, show);
		return;
	}
	fputc('"', f);
	for (size_t i = 0; i < show; i++) {
		unsigned char c = s[i];
		switch (c) {
		case '"': fputs("\\\"", f); break;
		case '\\': fputs("\\\\", f); break;
		case '\n': fputs("\\n", f); break;
		case '\t': fputs("\\t", f); break;
		case '\r': fputs("\\r", f); break;
		case '\f': fputs("\\f", f); break;
		case '\v': fputs("\\v", f); break;
		default:
			if (isprint(c))
				fputc(c, f);
			else if (i + 1 < show && s[i + 1] >= '0' && s[i + 1] <= '7')
				fprintf(f, "\\%03o", c);
			else
				fprintf(f, "\\%o", c);
		}
	}
	fputc('"', f);
	if (show < n)
		fputs("...", f);
}

void print_iovec(FILE *f, struct task *t, uint64_t addr, uint64_t cnt, long total)
{
	uint64_t v[2];
	fputc('[', f);
	for (uint64_t i = 0; i < cnt && i < 16; i++) {
		if (guest_read(t->process->mm, addr + 16 * i, v, 16)) {
			print_ptr(f, addr);
			break;
		}
		long len = total < 0 ? (long)v[1] : (long)(v[1] < (uint64_t)total ? v[1] : (uint64_t)total);
		if (total >= 0)
			total -= len;
		fprintf(f, "%s{iov_base=", i ? ", " : "");
		print_str(f, t, v[0], len, print_strsize(t));
		fprintf(f, ", iov_len=%" PRIu64 "}", v[1]);
	}
	if (cnt > 16)
		fputs(", ...", f);
	fputc(']', f);
}

/* strace's names: SIGRTMIN for 32, SIGRT_n above it */
void print_signame(FILE *f, int sig)
{
	const char *n = xlat_name(xl_signals, sig);
	if (n)
		fputs(n, f);
	else if (sig == 32)
		fputs("SIGRTMIN", f);
	else if (sig > 32 && sig <= 64)
		fprintf(f, "SIGRT_%d", sig - 32);
	else
		fprintf(f, "%d", sig);
}

/* A sigset of size bytes (at most 8): [NAMES], or ~[the missing ones]
 * when most are set, names without their SIG */
void print_sigset(FILE *f, struct task *t, uint64_t addr, uint64_t size)
{
	uint64_t set = 0;
	if (size > 8)
		size = 8;
	if (print_read(f, t, addr, &set, size))
		print_sigset_value(f, set, size);
}

void print_sigset_value(FILE *f, uint64_t set, uint64_t size)
{
	int nsig = size * 8, full = __builtin_popcountll(set) > nsig / 2;
	fputs(full ? "~[" : "[", f);
	const char *sep = "";
	for (int s = 1; s <= nsig; s++) {
		if (!(set >> (s - 1) & 1) == !full)
			continue;
		char name[16];
		FILE *m = fmemopen(name, sizeof(name), "w");
		print_signame(m, s);
		fclose(m);
		fprintf(f, "%s%s", sep, strncmp(name, "SIG", 3) ? name : name + 3);
		sep = " ";
	}
	fputc(']', f);
}

void print_timeval(FILE *f, const int64_t *tv)
{
	fprintf(f, "{tv_sec=%" PRId64 ", tv_usec=%" PRId64 "}", tv[0], tv[1]);
}

void print_timespec(FILE *f, struct task *t, uint64_t addr)
{
	int64_t tv[2];
	if (print_read(f, t, addr, tv, sizeof(tv)))
		fprintf(f, "{tv_sec=%" PRId64 ", tv_nsec=%" PRId64 "}", tv[0], tv[1]);
}

void dec_int(FILE *f, const struct targ *g) { fprintf(f, "%d", (int)V(g)); }
void dec_uint(FILE *f, const struct targ *g) { fprintf(f, "%u", (unsigned)V(g)); }
void dec_hex(FILE *f, const struct targ *g) { fprintf(f, V(g) ? "%#" PRIx64 : "0", V(g)); }
void dec_ptr(FILE *f, const struct targ *g) { print_ptr(f, V(g)); }
void dec_size(FILE *f, const struct targ *g) { fprintf(f, "%" PRIu64, V(g)); }
void dec_off(FILE *f, const struct targ *g) { fprintf(f, "%" PRId64, (int64_t)V(g)); }
void dec_octal(FILE *f, const struct targ *g) { fprintf(f, "%#03" PRIo64, V(g)); }

void print_double(FILE *f, double d)
{
	char buf[40];
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(buf, sizeof(buf), "%.*g", prec, d);
		if (strtod(buf, NULL) == d || d != d)
			break;
	}
	fputs(buf, f);
}

void dec_f64(FILE *f, const struct targ *g)
{
	double d;
	uint64_t v = V(g);
	memcpy(&d, &v, sizeof(d));
	print_double(f, d);
}

void dec_f32(FILE *f, const struct targ *g)
{
	float x;
	uint32_t v = (uint32_t)V(g);
	char buf[40];
	memcpy(&x, &v, sizeof(x));
	for (int prec = 1; prec <= 9; prec++) {
		snprintf(buf, sizeof(buf), "%.*g", prec, x);
		if (strtof(buf, NULL) == x || x != x)
			break;
	}
	fputs(buf, f);
}
