#define _GNU_SOURCE
/* mmap of files (private and shared, with offsets), anonymous memory,
 * mprotect, partial munmap, mremap, MAP_FIXED over an existing mapping. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "check.h"

int main(void)
{
	long pg = sysconf(_SC_PAGESIZE);
	char name[] = "mmap.XXXXXX";
	int fd = mkstemp(name);
	CHECK(fd >= 0);
	for (int i = 0; i < 4; i++) {
		char page[4096];
		memset(page, 'A' + i, sizeof(page));
		CHECK(write(fd, page, sizeof(page)) == (ssize_t)sizeof(page));
	}
	char *priv = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, pg);
	CHECK(priv != MAP_FAILED && priv[0] == 'B' && priv[pg] == 'C');
	priv[0] = 'x';
	char c;
	CHECK(pread(fd, &c, 1, pg) == 1 && c == 'B');	/* private: file unchanged */

	char *shared = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 3 * pg);
	CHECK(shared != MAP_FAILED && shared[10] == 'D');
	shared[10] = 's';
	CHECK(msync(shared, pg, MS_SYNC) == 0 || errno == ENOSYS);
	CHECK(pread(fd, &c, 1, 3 * pg + 10) == 1 && c == 's');	/* shared: written through */
	CHECK(pwrite(fd, "W", 1, 3 * pg + 11) == 1 && shared[11] == 'W');

	char *anon = mmap(NULL, 8 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(anon != MAP_FAILED && anon[5 * pg] == 0);
	memset(anon, 7, 8 * pg);
	CHECK(munmap(anon + 2 * pg, 2 * pg) == 0);	/* a hole in the middle */
	CHECK(anon[pg] == 7 && anon[4 * pg] == 7);
	CHECK(mprotect(anon + 4 * pg, pg, PROT_READ) == 0);
	CHECK(mprotect(anon + 2 * pg, pg, PROT_READ) == -1 && errno == ENOMEM);
	char *fixed = mmap(anon + 6 * pg, pg, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	CHECK(fixed == anon + 6 * pg && fixed[0] == 0 && anon[7 * pg] == 7);
#ifdef __x86_64__
	/* qemu-riscv64 7.2, the riscv64 oracle, maps elsewhere instead of
	 * failing, so this is checked against the native kernel only. */
	char *nr = mmap(anon + 7 * pg, pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	CHECK(nr == MAP_FAILED && errno == EEXIST);
#endif

	char *grow = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	strcpy(grow, "moved intact");
	char *moved = mremap(grow, pg, 64 * pg, MREMAP_MAYMOVE);
	CHECK(moved != MAP_FAILED && !strcmp(moved, "moved intact") && moved[63 * pg] == 0);
	CHECK(mremap(moved, 64 * pg, pg, 0) == moved);

	CHECK(mmap(NULL, pg, PROT_READ, MAP_PRIVATE, -1, 0) == MAP_FAILED && errno == EBADF);
	CHECK(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED && errno == EINVAL);
	CHECK(munmap(priv, 2 * pg) == 0 && munmap(shared, pg) == 0);
	CHECK(madvise(anon, pg, MADV_DONTNEED) == 0 && anon[0] == 0);
	unsigned char vec[2] = { 9, 9 };
	CHECK(mincore(anon + 4 * pg, 2 * pg, vec) == 0 && vec[0] <= 1 && vec[1] <= 1);
	CHECK(mincore(anon + 2 * pg, pg, vec) == -1 && errno == ENOMEM);
	/* A bad pointer is an error, not a crash. */
	char *volatile bad = (char *)16;
	CHECK(write(1, bad, 10) == -1 && errno == EFAULT);
	CHECK(pread(fd, anon + 2 * pg, 10, 0) == -1 && errno == EFAULT);
	close(fd);
	unlink(name);
	printf("%d failures\n", failures);
	return failures != 0;
}
