/* A fixed sequence of file and memory calls, for holding emu's --strace
 * against real strace: every name, flag and size is deterministic. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int main(void)
{
	const char text[] = "root:x:0:0:root:/root:/bin/bash\nsecond line of the file\n";
	int fd = openat(AT_FDCWD, "traceme.txt", O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0640);
	write(fd, text, sizeof(text) - 1);
	close(fd);
	fd = open("traceme.txt", O_RDONLY | O_CLOEXEC);
	char buf[4096];
	ssize_t n = read(fd, buf, sizeof(buf));
	lseek(fd, 5, SEEK_SET);
	pread(fd, buf, 8, 0);
	struct stat st;
	fstat(fd, &st);
	stat("traceme.txt", &st);
	void *p = mmap(NULL, 8192, PROT_READ, MAP_PRIVATE, fd, 0);
	munmap(p, 8192);
	p = mmap(NULL, 65536, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	mprotect(p, 4096, PROT_READ);
	munmap(p, 65536);
	close(fd);
	open("no-such-file", O_RDONLY);
	unlink("traceme.txt");
	struct timespec ts;
	for (int i = 0; i < 3; i++)
		clock_gettime(CLOCK_MONOTONIC, &ts);
	printf("read %zd bytes\n", n);
	return 0;
}
