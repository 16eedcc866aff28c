/* A string-heavy guest: a strlen/memcpy/strcmp/strchr mix over buffers of
 * a few hundred bytes to a few KiB; prints a checksum. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 100000;
	enum { NBUF = 64 };
	char *buf[NBUF], tmp[8192];
	for (int b = 0; b < NBUF; b++) {
		size_t len = 200 + (b * 997) % 3800;
		buf[b] = malloc(len + 1);
		for (size_t i = 0; i < len; i++)
			buf[b][i] = 'a' + (i * 31 + b) % 26;
		buf[b][len] = 0;
	}
	unsigned long sum = 0;
	for (int r = 0; r < rounds; r++) {
		char *s = buf[r % NBUF], *t = buf[(r * 7 + 3) % NBUF];
		size_t n = strlen(s);
		memcpy(tmp, s, n + 1);
		sum += n + (strcmp(tmp, t) > 0) + (strchr(tmp, 'z') ? strchr(tmp, 'z') - tmp : 0);
		memset(tmp, r & 0xff, n / 2);
		sum += (unsigned char)tmp[n / 4] + (memcmp(tmp, s, n) < 0);
	}
	printf("%lu\n", sum);
	return 0;
}
