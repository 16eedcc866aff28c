/* A zlib guest: compress N mebibytes (default 64) of generated data at
 * level 6 and decompress it again; prints the sizes and a checksum. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

int main(int argc, char **argv)
{
	size_t n = (size_t)(argc > 1 ? atoi(argv[1]) : 64) << 20;
	unsigned char *in = malloc(n), *back = malloc(n);
	/* a 64 KiB block of text and noise, then copies of it, each with a
	 * few bytes of its own: the time goes to zlib, not to making data */
	enum { BLOCK = 64 << 10 };
	unsigned s = 1;
	for (size_t i = 0; i < BLOCK && i < n; i++) {
		s = s * 1103515245 + 12345;
		in[i] = (i / 128) % 4 ? "emu runs riscv64 and x86-64 guests. "[i % 36] : (s >> 16) & 0xff;
	}
	for (size_t at = BLOCK; at < n; at += BLOCK) {
		memcpy(in + at, in, n - at < BLOCK ? n - at : BLOCK);
		for (int k = 0; k < 64 && at + k * 1000 < n; k++) {
			s = s * 1103515245 + 12345;
			in[at + k * 1000] = s >> 16;
		}
	}
	uLongf np = compressBound(n), nb = n;
	unsigned char *packed = malloc(np);
	if (compress2(packed, &np, in, n, 6) != Z_OK || uncompress(back, &nb, packed, np) != Z_OK)
		return 1;
	printf("%zu -> %lu crc %08lx same %d\n", n, np, crc32(0, packed, np), nb == n && !memcmp(in, back, n));
	return 0;
}
