/* The remote protocol's framing (gdb manual, "Overview" of the Remote
 * Protocol): $packet-data#checksum, '+'/'-' acknowledgements, '}' escapes
 * (the byte xor 0x20) in binary data and in packets gdb sends with X, '*'
 * run-length encoding only from the stub's side, which we never use. */
#include "packet.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int gdb_hexval(int ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

int gdb_unhex(const char *hex, size_t nhex, void *out, size_t size)
{
	uint8_t *o = out;
	size_t n = nhex / 2;
	if (n > size || nhex % 2)
		return -1;
	for (size_t i = 0; i < n; i++) {
		int hi = gdb_hexval(hex[2 * i]), lo = gdb_hexval(hex[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return -1;
		o[i] = hi << 4 | lo;
	}
	return n;
}

int gdb_fill(struct gdb_conn *c)
{
	if (c->nin >= sizeof(c->in))
		c->nin = 0;	/* a packet longer than we said we take: drop it */
	ssize_t n;
	do
		n = read(c->fd, c->in + c->nin, sizeof(c->in) - c->nin);
	while (n < 0 && errno == EINTR);
	if (n <= 0)
		return -1;
	c->nin += n;
	return 0;
}

static void consume(struct gdb_conn *c, size_t n)
{
	memmove(c->in, c->in + n, c->nin - n);
	c->nin -= n;
}

static void ack(struct gdb_conn *c, char a)
{
	if (!c->noack && write(c->fd, &a, 1) < 0)
		return;	/* gdb gone: the next read says so */
}

enum gdb_input gdb_next(struct gdb_conn *c, char *pkt, size_t size, size_t *len)
{
	for (;;) {
		size_t i = 0;
		/* acks of our replies, and noise between packets */
		while (i < c->nin && c->in[i] != '$' && c->in[i] != 0x03)
			i++;
		consume(c, i);
		if (!c->nin)
			return GDB_NONE;
		if (c->in[0] == 0x03) {
			consume(c, 1);
			return GDB_INTERRUPT;
		}
		char *end = memchr(c->in, '#', c->nin);
		if (!end || (size_t)(end - c->in) + 3 > c->nin)
			return GDB_NONE;	/* not all of it yet */
		size_t body = end - c->in - 1, o = 0;
		uint8_t sum = 0;
		for (size_t k = 1; k <= body; k++)
			sum += (uint8_t)c->in[k];
		int want = gdb_hexval(end[1]) << 4 | gdb_hexval(end[2]);
		bool ok = want == sum;
		for (size_t k = 1; ok && k <= body && o + 1 < size; k++) {
			char ch = c->in[k];
			if (ch == '}' && k < body)
				ch = c->in[++k] ^ 0x20;
			pkt[o++] = ch;
		}
		pkt[o] = 0;
		consume(c, body + 4);
		ack(c, ok ? '+' : '-');
		if (ok) {
			*len = o;
			return GDB_PACKET;
		}
	}
}

bool gdb_take_interrupt(struct gdb_conn *c)
{
	size_t i = 0;
	while (i < c->nin && (c->in[i] == '+' || c->in[i] == '-'))
		i++;
	consume(c, i);
	if (!c->nin || c->in[0] != 0x03)
		return false;
	consume(c, 1);
	return true;
}

static void put(struct gdb_conn *c, const void *data, size_t n)
{
	if (c->nout + n + 4 > c->cap) {
		size_t cap = (c->nout + n + 4) * 2;
		char *o = realloc(c->out, cap);
		if (!o)
			return;
		c->out = o;
		c->cap = cap;
	}
	memcpy(c->out + c->nout, data, n);
	c->nout += n;
}

void gdb_begin(struct gdb_conn *c)
{
	c->nout = 0;
	put(c, "$", 1);
}

void gdb_puts(struct gdb_conn *c, const char *s)
{
	put(c, s, strlen(s));
}

void gdb_printf(struct gdb_conn *c, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > 0)
		put(c, buf, (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
}

void gdb_hex(struct gdb_conn *c, const void *data, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	const uint8_t *d = data;
	for (size_t i = 0; i < n; i++) {
		char h[2] = { digits[d[i] >> 4], digits[d[i] & 15] };
		put(c, h, 2);
	}
}

void gdb_binary(struct gdb_conn *c, const void *data, size_t n)
{
	const uint8_t *d = data;
	for (size_t i = 0; i < n; i++) {
		if (d[i] == '$' || d[i] == '#' || d[i] == '}' || d[i] == '*') {
			char e[2] = { '}', d[i] ^ 0x20 };
			put(c, e, 2);
		} else {
			put(c, &d[i], 1);
		}
	}
}

int gdb_send(struct gdb_conn *c)
{
	uint8_t sum = 0;
	for (size_t i = 1; i < c->nout; i++)
		sum += (uint8_t)c->out[i];
	gdb_printf(c, "#%02x", sum);
	for (size_t off = 0; off < c->nout;) {
		ssize_t n = write(c->fd, c->out + off, c->nout - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		off += n;
	}
	/* Without QStartNoAckMode gdb answers '+'; gdb_next skips it. */
	return 0;
}

int gdb_reply(struct gdb_conn *c, const char *s)
{
	gdb_begin(c);
	gdb_puts(c, s);
	return gdb_send(c);
}
