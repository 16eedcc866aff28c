/* zlib as a program uses it: the one-call API, the checksums, and the
 * z_stream API with small buffers both ways (gzip and zlib wrappers),
 * a dictionary, a copy, and a corrupt stream's error and message.  Each
 * result is printed; hostcall_test.py compares the output of emu
 * --host-lib=all with the oracle's (the guest's own zlib). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define N (1 << 20)

static unsigned char *data(void)
{
	unsigned char *p = malloc(N);
	unsigned s = 12345;
	for (size_t i = 0; i < N; i++) {
		s = s * 1103515245 + 12345;
		/* text-like runs with some noise: compressible, not trivially */
		p[i] = (i / 64) % 3 ? "the quick brown fox jumps over the lazy dog "[i % 44] : (s >> 16) & 0xff;
	}
	return p;
}

static void stream_round_trip(const unsigned char *in, int window, const char *what)
{
	z_stream d = { 0 }, i = { 0 };
	unsigned char out[1000], *packed = malloc(N + N / 10), *back = malloc(N);
	size_t np = 0, nb = 0;
	int r = deflateInit2(&d, 6, Z_DEFLATED, window, 8, Z_DEFAULT_STRATEGY);
	printf("%s deflateInit2 %d bound %lu\n", what, r, deflateBound(&d, N));
	d.next_in = (unsigned char *)in;
	d.avail_in = N;
	do {
		d.next_out = out;
		d.avail_out = sizeof(out);
		r = deflate(&d, Z_FINISH);
		memcpy(packed + np, out, sizeof(out) - d.avail_out);
		np += sizeof(out) - d.avail_out;
	} while (r == Z_OK);
	printf("%s deflate %d in %lu out %lu adler %08lx\n", what, r, d.total_in, d.total_out, d.adler);
	z_stream c = { 0 };
	printf("%s deflateCopy %d\n", what, deflateCopy(&c, &d));
	r = deflateEnd(&c);
	printf("%s deflateEnd %d %d\n", what, r, deflateEnd(&d));
	r = inflateInit2(&i, (window & 15) + 32);	/* either wrapper */
	i.next_in = packed;
	i.avail_in = 0;
	do {
		i.avail_in = np - (i.next_in - packed) < 777 ? np - (i.next_in - packed) : 777;
		i.next_out = back + nb;
		i.avail_out = N - nb < 1500 ? N - nb : 1500;
		size_t before = i.avail_out;
		r = inflate(&i, Z_NO_FLUSH);
		nb += before - i.avail_out;
	} while (r == Z_OK);
	printf("%s inflate %d in %lu out %lu same %d crc %08lx\n", what, r, i.total_in, i.total_out,
	       nb == N && !memcmp(back, in, N), crc32(0, packed, np));
	printf("%s inflateEnd %d\n", what, inflateEnd(&i));
	free(packed);
	free(back);
}

int main(void)
{
	unsigned char *in = data();
	uLong bound = compressBound(N);
	unsigned char *packed = malloc(bound), *back = malloc(N);
	uLongf np = bound, nb = N;
	int r = compress2(packed, &np, in, N, 9);
	printf("compress2 %d %lu of bound %lu crc %08lx adler %08lx\n", r, np, bound,
	       crc32(0, packed, np), adler32(1, packed, np));
	r = uncompress(back, &nb, packed, np);
	printf("uncompress %d %lu same %d\n", r, nb, nb == N && !memcmp(in, back, N));
	nb = 10;
	printf("uncompress short %d %lu\n", uncompress(back, &nb, packed, np), nb);
	printf("crc32 %08lx crc32_z %08lx adler32 %08lx adler32_z %08lx\n", crc32(0, in, N),
	       crc32_z(crc32(0, NULL, 0), in, N), adler32(1, in, N), adler32_z(1, in, N));
	printf("combine %08lx %08lx\n", crc32_combine(crc32(0, in, 1000), crc32(0, in + 1000, 5000), 5000),
	       adler32_combine(adler32(1, in, 1000), adler32(1, in + 1000, 5000), 5000));
	stream_round_trip(in, 15, "zlib");
	stream_round_trip(in, 31, "gzip");

	/* a preset dictionary */
	z_stream d = { 0 }, i = { 0 };
	static const char dict[] = "quick brown fox lazy dog";
	unsigned char out[4096], back2[4096];
	deflateInit(&d, 9);
	printf("deflateSetDictionary %d\n", deflateSetDictionary(&d, (const Bytef *)dict, sizeof(dict)));
	d.next_in = in;
	d.avail_in = 2000;
	d.next_out = out;
	d.avail_out = sizeof(out);
	r = deflate(&d, Z_FINISH);
	printf("deflate dict %d %lu\n", r, d.total_out);
	deflateEnd(&d);
	inflateInit(&i);
	i.next_in = out;
	i.avail_in = d.total_out;
	i.next_out = back2;
	i.avail_out = sizeof(back2);
	r = inflate(&i, Z_FINISH);
	printf("inflate needs dict %d\n", r);
	printf("inflateSetDictionary %d\n", inflateSetDictionary(&i, (const Bytef *)dict, sizeof(dict)));
	r = inflate(&i, Z_FINISH);
	printf("inflate dict %d %lu same %d\n", r, i.total_out, !memcmp(back2, in, 2000));
	inflateEnd(&i);

	/* a corrupt stream: the error and zlib's message */
	memset(&i, 0, sizeof(i));
	inflateInit(&i);
	unsigned char junk[64] = "this is not a zlib stream at all";
	i.next_in = junk;
	i.avail_in = sizeof(junk);
	i.next_out = back2;
	i.avail_out = sizeof(back2);
	r = inflate(&i, Z_NO_FLUSH);
	printf("inflate junk %d msg %s\n", r, i.msg ? i.msg : "(none)");
	r = inflateReset(&i);
	printf("inflateReset %d inflateEnd %d\n", r, inflateEnd(&i));
	/* a stream never initialised: zlib's own refusal */
	z_stream none = { 0 };
	printf("deflate uninitialised %d\n", deflate(&none, Z_FINISH));
	return 0;
}
