/* gdb's remote serial protocol on the wire: $data#checksum packets, their
 * acknowledgements (until QStartNoAckMode), the binary escapes, and the
 * interrupt byte 0x03 that comes in while the guest runs. */
#ifndef EMU_GDB_PACKET_H
#define EMU_GDB_PACKET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define GDB_PACKET_MAX 0x4000	/* what qSupported tells gdb (PacketSize) */

struct gdb_conn {
	int fd;
	bool noack;
	char in[GDB_PACKET_MAX + 64];	/* bytes read and not yet taken */
	size_t nin;
	char *out;			/* the packet being built */
	size_t nout, cap;
};

/* What gdb_next() found in the bytes read so far. */
enum gdb_input { GDB_NONE, GDB_PACKET, GDB_INTERRUPT };

/* Read what the socket has (one read); -1 when gdb has gone. */
int gdb_fill(struct gdb_conn *c);
/* Take the next packet (NUL-terminated into pkt, *len its length, binary
 * escapes undone) or interrupt byte from what was read. */
enum gdb_input gdb_next(struct gdb_conn *c, char *pkt, size_t size, size_t *len);

/* While the guest runs: whether the next byte (after acks) is ^C; taken. */
bool gdb_take_interrupt(struct gdb_conn *c);

/* Build a reply: start, add text, hex or escaped binary, then send. */
void gdb_begin(struct gdb_conn *c);
void gdb_puts(struct gdb_conn *c, const char *s);
void gdb_printf(struct gdb_conn *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void gdb_hex(struct gdb_conn *c, const void *data, size_t n);
void gdb_binary(struct gdb_conn *c, const void *data, size_t n);
int gdb_send(struct gdb_conn *c);
/* A whole reply at once. */
int gdb_reply(struct gdb_conn *c, const char *s);

/* Hex text to bytes; the bytes written, or -1 on a bad digit. */
int gdb_unhex(const char *hex, size_t nhex, void *out, size_t size);
int gdb_hexval(int ch);

#endif
